//! Bad input: never a panic, every span inside the input, and what can be decoded is.
//! (Times are measured by `cargo bench`, not asserted here.)

use bits_inspector::{inspect, Options, Report, Severity};

fn check(input: &[u8]) -> Report {
    let report = inspect(input, &Options::default());
    for f in &report.findings {
        assert!(
            f.span.start <= f.span.end && f.span.end <= input.len(),
            "{} span {:?} outside the input",
            f.rule,
            f.span
        );
    }
    for m in &report.messages {
        assert!(m.span.end <= input.len() && m.body.span.end <= input.len());
        for h in &m.headers {
            assert!(h.span.end <= input.len());
        }
    }
    report
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn pseudo_random(len: usize, seed: u64) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x as u8
        })
        .collect()
}

#[test]
fn binary_garbage_is_reported_as_input_that_is_not_http() {
    for seed in 1..20 {
        let report = check(&pseudo_random(64 * 1024, seed));
        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["input-not-http"], "said once, not as runs of stray bytes");
        assert!(report.findings[0].summary.contains("binary data"), "{}", report.findings[0].summary);
    }
    // Garbage around a message is still stray bytes: the message is decoded.
    let mut input = pseudo_random(4096, 7);
    input.extend_from_slice(b"\r\nBITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n");
    let report = check(&input);
    assert!(report.findings.iter().any(|f| f.rule == "http-stray-bytes"));
    assert!(!report.messages.is_empty());
}

#[test]
fn an_empty_input_says_so() {
    let report = check(b"");
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, "input-empty");
    assert_eq!(check(b"\r\n\r\n  \n").findings[0].rule, "input-empty");
}

#[test]
fn invalid_utf8_and_nul_bytes_are_findings_and_the_rest_is_decoded() {
    let input = b"BITS_POST /up/\xff\xfe.txt HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-Bad: a\x00b\r\nUser-Agent: \xc3\x28\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n";
    let report = check(input);
    assert_eq!(report.messages.iter().map(|m| m.kind.id()).collect::<Vec<_>>(), ["ping", "ack-ping"]);
    assert!(report.findings.iter().any(|f| f.rule == "http-header-value-invalid"));
    assert!(report.detail(0, input).target.unwrap().contains('\u{FFFD}'));
}

#[test]
fn a_message_cut_anywhere_never_panics_and_keeps_the_messages_before_it() {
    let capture = fixture("mc-bup-4.1-upload.http");
    let full = check(&capture);
    for cut in 0..capture.len() {
        let report = check(&capture[..cut]);
        // Every message that ended before the cut is still decoded as the same kind.
        for (whole, part) in full.messages.iter().zip(&report.messages) {
            if whole.span.end < cut {
                assert_eq!(whole.kind, part.kind, "cut at {cut}");
            }
        }
    }
}

#[test]
fn a_ten_megabyte_header_line_is_decoded_and_flagged() {
    let mut input = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-Huge: ".to_vec();
    input.extend(std::iter::repeat_n(b'a', 10 * 1024 * 1024));
    input.extend_from_slice(
        b"\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n",
    );
    let report = check(&input);
    assert_eq!(report.messages.len(), 2);
    assert!(report.findings.iter().any(|f| f.rule == "header-value-too-long"));
}

#[test]
fn a_hundred_thousand_headers_are_all_read() {
    let mut input = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n".to_vec();
    for i in 0..100_000 {
        input.extend_from_slice(format!("X-H{i}: v\r\n").as_bytes());
    }
    input.extend_from_slice(b"\r\n");
    let report = check(&input);
    assert_eq!(report.messages[0].headers.len(), 100_002);
    assert!(!report.findings.iter().any(|f| f.severity == Severity::Error));
}

#[test]
fn an_enormous_content_length_is_a_truncated_body() {
    let input = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nBITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}\r\nContent-Range: bytes 0-9223372036854775807/9223372036854775808\r\nContent-Length: 9223372036854775808\r\n\r\nabc";
    let report = check(input);
    assert!(report.messages[0].body.truncated);
    assert_eq!(report.messages[0].body.announced, Some(9_223_372_036_854_775_808));
    let overflow = b"HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999999999\r\n\r\n";
    assert!(check(overflow).messages[0].body.truncated);
}

#[test]
fn deeply_repeated_chunked_framing_is_read_to_the_end() {
    let mut input = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..100_000 {
        input.extend_from_slice(b"1\r\nx\r\n");
    }
    input.extend_from_slice(b"0\r\n\r\nHTTP/1.1 204 No Content\r\n\r\n");
    let report = check(&input);
    assert_eq!(report.messages.len(), 2);
    assert_eq!(report.messages[0].body.length, 100_000);
}

#[test]
fn lf_only_and_blank_line_separated_pastes_are_read() {
    let capture = fixture("mc-bup-4.1-upload.http");
    let text = String::from_utf8_lossy(&capture).replace("\r\n", "\n");
    let report = check(text.as_bytes());
    assert_eq!(report.messages.len(), 8);
    // A body with LF endings is shorter than its Content-Length says: still 8 messages.
    let spaced: String = [
        "BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n",
        "HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nContent-Length: 0\n",
    ]
    .join("\n\n\n");
    assert_eq!(check(spaced.as_bytes()).messages.iter().map(|m| m.kind.id()).collect::<Vec<_>>(), ["ping", "ack-ping"]);
}
