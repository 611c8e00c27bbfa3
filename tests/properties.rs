//! Properties of the engine over generated inputs (proptest): it never panics, every span
//! lies inside the text it points into and on character boundaries, messages are judged
//! the same alone and together, and well-formed BITS traffic gives no error.

#![cfg(not(target_arch = "wasm32"))]

use bits_inspector::rules::catalog::{Group, Rule};
use bits_inspector::{inspect, inspect_with_text, Options, Report, Severity};
use proptest::prelude::*;

fn spans_are_sound(report: &Report, text: &[u8]) -> Result<(), TestCaseError> {
    let on_boundary = |at: usize| -> bool {
        // In valid UTF-8 a span never splits a character; invalid bytes count one by one.
        at == text.len() || at == 0 || (text[at] & 0xC0) != 0x80 || std::str::from_utf8(text).is_err()
    };
    let check = |what: &str, start: usize, end: usize| -> Result<(), TestCaseError> {
        prop_assert!(start <= end && end <= text.len(), "{what} {start}..{end} outside {}", text.len());
        prop_assert!(on_boundary(start) && on_boundary(end), "{what} {start}..{end} splits a character");
        Ok(())
    };
    for f in &report.findings {
        check(f.rule, f.span.start, f.span.end)?;
        prop_assert!(f.start.line <= f.end.line);
    }
    for m in &report.messages {
        check("message", m.span.start, m.span.end)?;
        check("body", m.body.span.start, m.body.span.end)?;
        for h in &m.headers {
            check("header", h.span.start, h.span.end)?;
            check("value", h.value_span.start, h.value_span.end)?;
        }
    }
    Ok(())
}

/// Bytes that look like HTTP often enough to reach deep into the parser.
fn http_ish() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"BITS_POST /u/a.txt HTTP/1.1\r\n".to_vec()),
        Just(b"HTTP/1.1 200 OK\r\n".to_vec()),
        Just(b"HTTP/1.1 416 Range Not Satisfiable\r\n".to_vec()),
        Just(b"BITS-Packet-Type: Fragment\r\n".to_vec()),
        Just(b"BITS-Packet-Type: Ack\r\n".to_vec()),
        Just(b"BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\n".to_vec()),
        Just(b"Content-Range: bytes 0-9/20\r\n".to_vec()),
        Just(b"BITS-Received-Content-Range: 10\r\n".to_vec()),
        Just(b"Content-Length: 10\r\n".to_vec()),
        Just(b"Content-Length: 99999999999999999999\r\n".to_vec()),
        Just(b"Transfer-Encoding: chunked\r\n".to_vec()),
        Just(b"5\r\nhello\r\n0\r\n".to_vec()),
        Just(b"BITS-Error-Code: 0x8020001F\r\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n".to_vec()),
        Just("é ü €\u{1F600}".as_bytes().to_vec()),
        proptest::collection::vec(any::<u8>(), 0..12),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_and_spans_stay_inside_on_arbitrary_bytes(input in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let inspection = inspect_with_text(&input, &Options::default());
        spans_are_sound(&inspection.report, &inspection.text)?;
    }

    #[test]
    fn never_panics_and_spans_stay_inside_on_http_like_bytes(input in http_ish()) {
        let inspection = inspect_with_text(&input, &Options::default());
        spans_are_sound(&inspection.report, &inspection.text)?;
    }

    #[test]
    fn a_request_is_judged_the_same_alone_and_among_others(requests in proptest::collection::vec(request(), 1..6)) {
        // Findings about one request's own bytes (not about its place in the conversation)
        // do not change when other messages stand around it.
        let own = |r: &Report, m: usize| -> Vec<&'static str> {
            let mut rules: Vec<_> = r.findings.iter()
                .filter(|f| f.message == Some(m) && Rule::by_id(f.rule).is_some_and(|rule| rule.meta().group != Group::Sequence))
                .map(|f| f.rule).collect();
            rules.sort_unstable();
            rules
        };
        let together = inspect(requests.concat().as_slice(), &Options::default());
        prop_assert_eq!(together.messages.len(), requests.len());
        for (i, alone) in requests.iter().enumerate() {
            let report = inspect(alone, &Options::default());
            prop_assert_eq!(own(&report, 0), own(&together, i));
        }
    }

    #[test]
    fn well_formed_uploads_give_no_error(upload in upload()) {
        let report = inspect(upload.as_bytes(), &Options::default());
        let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| (f.rule, &f.summary)).collect();
        prop_assert!(errors.is_empty(), "{errors:?}\n{upload}");
        prop_assert!(report.sessions.iter().all(|s| s.complete));
    }
}

/// One BITS request, well-formed or with some headers missing, with CRLF line endings.
fn request() -> impl Strategy<Value = Vec<u8>> {
    (
        prop::sample::select(vec!["Ping", "Create-Session", "Fragment", "Close-Session", "Cancel-Session", "Bogus"]),
        any::<bool>(),
        any::<bool>(),
        0u64..50,
    )
        .prop_map(|(packet, with_session, with_length, len)| {
            let mut text = format!("BITS_POST /upload/file.bin HTTP/1.1\r\nBITS-Packet-Type: {packet}\r\n");
            if with_session {
                text.push_str("BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\n");
            }
            if packet == "Fragment" {
                text.push_str(&format!("Content-Range: bytes 0-{}/{}\r\n", len.max(1) - 1, len.max(1)));
            }
            if packet == "Create-Session" {
                text.push_str("BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\n");
            }
            let body = if packet == "Fragment" { "x".repeat(len.max(1) as usize) } else { String::new() };
            if with_length {
                text.push_str(&format!("Content-Length: {}\r\n", body.len()));
            }
            text.push_str("\r\n");
            text.push_str(&body);
            text.into_bytes()
        })
}

/// A whole upload as Windows would send it, from random sizes, fragment lengths, session
/// id, Host-Id and header-name case.
fn upload() -> impl Strategy<Value = String> {
    (1u64..5000, proptest::collection::vec(1u64..2000, 1..8), any::<u128>(), any::<bool>(), any::<bool>()).prop_map(
        |(total, lengths, id, host_id, lower_case)| {
            let id = uuid_text(id);
            let name = |n: &str| if lower_case { n.to_ascii_lowercase() } else { n.to_string() };
            let host = if host_id { "farm-7" } else { "server" };
            let mut out = String::new();
            out += &format!(
                "BITS_POST /upload/file.bin HTTP/1.1\r\n{}: Create-Session\r\n{}: {{7df0354d-249b-430f-820d-3d2a9bef4931}}\r\nHost: server\r\n{}: 0\r\n\r\n",
                name("BITS-Packet-Type"), name("BITS-Supported-Protocols"), name("Content-Length")
            );
            out += &format!(
                "HTTP/1.1 200 OK\r\n{}: Ack\r\n{}: {{7df0354d-249b-430f-820d-3d2a9bef4931}}\r\n{}: {id}\r\n",
                name("BITS-Packet-Type"), name("BITS-Protocol"), name("BITS-Session-Id")
            );
            if host_id {
                out += &format!("{}: {host}\r\n{}: 300\r\n", name("BITS-Host-Id"), name("BITS-Host-Id-Fallback-Timeout"));
            }
            out += &format!("{}: 0\r\n{}: identity\r\n\r\n", name("Content-Length"), name("Accept-Encoding"));
            if host_id {
                out += &format!("BITS_POST /upload/file.bin HTTP/1.1\r\n{}: Ping\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n", name("BITS-Packet-Type"));
                out += "HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n";
            }
            let mut first = 0;
            let mut i = 0;
            while first < total {
                let last = (first + lengths[i % lengths.len()]).min(total) - 1;
                let body = "b".repeat((last - first + 1) as usize);
                out += &format!(
                    "BITS_POST /upload/file.bin HTTP/1.1\r\n{}: Fragment\r\n{}: {id}\r\nContent-Range: bytes {first}-{last}/{total}\r\nHost: {host}\r\n{}: {}\r\n\r\n{body}",
                    name("BITS-Packet-Type"), name("BITS-Session-Id"), name("Content-Length"), body.len()
                );
                out += &format!(
                    "HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: {id}\r\nBITS-Received-Content-Range: {}\r\nContent-Length: 0\r\n\r\n",
                    last + 1
                );
                first = last + 1;
                i += 1;
            }
            out += &format!("BITS_POST /upload/file.bin HTTP/1.1\r\nBITS-Packet-Type: Close-Session\r\nBITS-Session-Id: {id}\r\nHost: {host}\r\nContent-Length: 0\r\n\r\n");
            out += &format!("HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: {id}\r\nContent-Length: 0\r\n\r\n");
            out
        },
    )
}

fn uuid_text(bits: u128) -> String {
    let h = format!("{bits:032X}");
    format!("{{{}-{}-{}-{}-{}}}", &h[..8], &h[8..12], &h[12..16], &h[16..20], &h[20..])
}
