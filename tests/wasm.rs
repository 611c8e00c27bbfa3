//! Tests of the wasm facade, in headless Chromium (`scripts/test-wasm.sh`): they call the
//! exported functions the way the page does and check what the page relies on: kinds and
//! counts, UTF-16 spans that match the text the browser's own TextDecoder makes of the
//! same bytes, odd input.
#![cfg(target_arch = "wasm32")]

use bits_inspector::rules::catalog::Group;
use bits_inspector::wasm::dto::{
    FilterQuery, Limits, MessageFindings, PageFinding, PageHeader, PageMessage, PageReport, PageSpan,
};
use bits_inspector::wasm::{self, TextIndex};
use bits_inspector::{Profile, Severity};
use serde::Serialize;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

const CAPTURE_41: &[u8] = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mc-bup-4.1-upload.http"));
const CAPTURE_42: &[u8] =
    include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mc-bup-4.2-upload-reply.http"));
const BROKEN_403: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/broken/ack-create-session-protocol-on-403.http"
));

/// The whole report as the page's DTO: typed, the tests hold no copy of its shape. On the way
/// it checks that what JavaScript gets from `wasm::inspect` is this DTO, serialised.
fn inspect(input: &[u8], profile: &str, pasted: bool) -> PageReport {
    let report = wasm::Inspection::new(input, profile, pasted).expect("inspect succeeds").page_report();
    let value = wasm::inspect(input, profile, pasted).expect("inspect succeeds");
    assert_eq!(js_json(&value), dto_json(&report), "JavaScript gets the DTO");
    report
}

/// A DTO serialised as the facade hands it to JavaScript, then as JSON text.
fn dto_json<T: Serialize>(dto: &T) -> String {
    js_json(&dto.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).expect("the DTO serialises"))
}

/// What JavaScript holds, as JSON text (the page's view of it).
fn js_json(value: &JsValue) -> String {
    js_sys::JSON::stringify(value).expect("plain data").as_string().unwrap()
}

/// The name serde gives one of the report's enums (`ping`, `request`, `pcapng`).
fn name<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value).unwrap().as_str().expect("a name").to_string()
}

/// A message's headers (the whole report and a drawn message carry them).
fn headers(m: &PageMessage) -> &[PageHeader] {
    m.headers.as_deref().expect("the message comes with its headers")
}

/// The text the page shows: the browser's TextDecoder, keeping a BOM, as UTF-16 units.
fn decoded(input: &[u8]) -> Vec<u16> {
    // web-sys has no setter for ignoreBOM: set it on a plain object.
    let options = js_sys::Object::new();
    js_sys::Reflect::set(&options, &"ignoreBOM".into(), &true.into()).unwrap();
    let decoder = web_sys::TextDecoder::new_with_label_and_options("utf-8", options.unchecked_ref()).unwrap();
    let text = decoder.decode_with_u8_array(input).unwrap();
    text.encode_utf16().collect()
}

fn slice(text: &[u16], span: &PageSpan) -> String {
    String::from_utf16_lossy(&text[span.start..span.end])
}

#[wasm_bindgen_test]
fn the_41_capture_decodes_with_its_kinds_and_no_error() {
    let report = inspect(CAPTURE_41, "default", false);
    let kinds: Vec<String> = report.messages.iter().map(|m| name(&m.kind)).collect();
    assert_eq!(
        kinds,
        [
            "create-session",
            "ack-create-session",
            "fragment",
            "ack-fragment",
            "ping",
            "ack-ping",
            "close-session",
            "ack-close-session"
        ]
    );
    assert_eq!(report.counts.errors, 0, "{}", dto_json(&report.findings));
    assert_eq!(report.profile, Profile::Default);
    assert_eq!(report.version, env!("CARGO_PKG_VERSION"));
    assert!(report.input.line_endings_checked);
    assert!(!report.input.pasted);
    assert_eq!(report.input.bytes, CAPTURE_41.len());
    // ASCII: one UTF-16 unit per byte.
    assert_eq!(report.input.length, CAPTURE_41.len());
    assert_eq!(report.messages[1].pair, Some(0));
    assert!(report.messages.iter().enumerate().all(|(i, m)| m.index == i));
    let fragment = &report.messages[2];
    assert_eq!(fragment.body.length, 4892.0);
    assert_eq!(fragment.body.announced, Some(4892.0));
    assert_eq!(report.sessions.len(), 1);
    let f = &report.sessions[0].fragments[0];
    assert_eq!((f.first, f.last, f.total), (0.0, 4891.0, 4892.0));
    // Every span points at what it names, in the text the browser decodes.
    let text = decoded(CAPTURE_41);
    for m in &report.messages {
        assert_eq!(slice(&text, &m.start_line_span), m.start_line);
        for h in headers(m) {
            assert!(slice(&text, &h.span).starts_with(&h.name));
            assert_eq!(slice(&text, &h.value_span), h.value);
        }
    }
    assert_eq!(report.messages[0].span.start, 0);
    assert_eq!(report.messages[7].span.end, text.len());
}

#[wasm_bindgen_test]
fn the_42_capture_has_no_error_and_every_message_kind() {
    let report = inspect(CAPTURE_42, "default", false);
    assert_eq!(report.counts.errors, 0);
    assert_eq!(report.counts.warnings, 0);
    assert_eq!(report.messages.len(), 12);
    assert_eq!(name(&report.messages[5].kind), "notification");
    assert_eq!(report.sessions[0].id, "{C85B4E0A-9EB9-4114-BFA4-8A43B4710091}");
}

/// A report of a kept inspection, whose messages come without headers.
/// The page's limits (www/modules/limits.js), as the worker hands them to the engine.
fn limits(draw_all_findings: u32, regions_per_mark: u32) -> JsValue {
    let limits = js_sys::Object::new();
    for (name, value) in [
        ("OPEN_CARDS_UP_TO", 40),
        ("DRAW_ALL_FINDINGS", draw_all_findings),
        ("DRAW_ALL_PAIRS", 60),
        ("SEQUENCE_SHOWN", 100),
        ("FRAGMENTS_SHOWN", 100),
        ("SESSIONS_SHOWN", 40),
        ("CONNECTIONS_SHOWN", 200),
        ("WHOLE_UP_TO_CHARS", 2_000_000),
        ("WHOLE_UP_TO_REGIONS", 400),
        ("REGIONS_PER_MARK", regions_per_mark),
    ] {
        js_sys::Reflect::set(&limits, &name.into(), &value.into()).unwrap();
    }
    limits.into()
}

/// The findings a drawn message carries whole.
fn drawn_findings(m: &PageMessage) -> &[PageFinding] {
    match &m.findings {
        MessageFindings::Drawn(findings) => findings,
        MessageFindings::Indices(_) => panic!("message #{} drawn with finding indices", m.index),
    }
}

#[wasm_bindgen_test]
fn a_kept_inspection_is_read_page_by_page_as_the_page_draws_it() {
    for input in [CAPTURE_42, BROKEN_403] {
        let full = inspect(input, "default", false);
        let mut kept = wasm::Inspection::new(input, "default", false).unwrap();
        assert!(kept.rows(0, 10).is_err(), "the summary comes first: it brings the limits");
        assert!(kept.page_rows(0, 10).is_err());
        let limits_js = limits(1, 8);
        let page_limits = Limits::from_js(&limits_js).unwrap();
        let summary_js = kept.summary(limits_js).unwrap();
        let summary = kept.page_summary(page_limits).unwrap();
        assert_eq!(js_json(&summary_js), dto_json(&summary), "JavaScript gets the DTO");
        assert_eq!((summary.message_count, summary.finding_count), (full.messages.len(), full.findings.len()));
        assert_eq!((summary.counts.errors, summary.counts.notes), (full.counts.errors, full.counts.notes));
        assert!(summary.row_count < full.messages.len(), "each Ack is beside its request");
        assert_eq!(summary.rows.items.len(), summary.row_count, "a small report's rows come with the summary");
        assert_eq!(summary.findings.items.len(), full.findings.len().min(1), "trimmed to DRAW_ALL_FINDINGS");
        let rows = kept.page_rows(0, 1000).unwrap();
        assert_eq!(js_json(&kept.rows(0, 1000).unwrap()), dto_json(&rows), "JavaScript gets the DTO");
        assert_eq!(rows.iter().map(Vec::len).sum::<usize>(), full.messages.len());
        for (r, row) in rows.iter().enumerate() {
            for drawn in row {
                let whole = &full.messages[drawn.index];
                assert_eq!(drawn.row, Some(r));
                assert_eq!(dto_json(&headers(drawn)), dto_json(&headers(whole)), "message #{}", whole.index);
                assert_eq!((&drawn.span, &drawn.start_line), (&whole.span, &whole.start_line));
                let asked = kept.page_message(whole.index).unwrap().expect("a message of the report");
                assert_eq!(js_json(&kept.message(whole.index).unwrap()), dto_json(&asked), "JavaScript gets the DTO");
                assert_eq!(dto_json(&headers(&asked)), dto_json(&headers(whole)));
                for f in drawn_findings(&asked) {
                    assert_eq!(f.rule, full.findings[f.index].rule);
                    assert!(f.message_name.as_deref().unwrap().starts_with(&format!("#{} ", whole.index)));
                }
            }
        }
        assert!(kept.message(full.messages.len()).unwrap().is_null());
        assert!(kept.page_message(full.messages.len()).unwrap().is_none());
        let drawn = kept.page_findings(0, 1000).unwrap();
        assert_eq!(js_json(&kept.findings(0, 1000).unwrap()), dto_json(&drawn), "JavaScript gets the DTO");
        assert_eq!(drawn.len(), full.findings.len());
        assert!(
            drawn.iter().position(|f| f.severity != Severity::Error).unwrap_or(drawn.len()) == full.counts.errors,
            "errors first"
        );
        let query = js_sys::Object::new();
        js_sys::Reflect::set(&query, &"severities".into(), &js_sys::Array::of1(&"note".into())).unwrap();
        let filtered_js = kept.filter(query.into()).unwrap();
        let filtered =
            kept.page_filter(FilterQuery { severities: vec!["note".into()], ..FilterQuery::default() }).unwrap();
        assert_eq!(js_json(&filtered_js), dto_json(&filtered), "JavaScript gets the DTO");
        assert_eq!(filtered.count, full.counts.notes);
        assert!(filtered.first.iter().all(|f| f.severity == Severity::Note));
        assert!(kept.markdown().contains(&format!("`{}`", full.findings[0].rule)));
    }
    assert!(wasm::Inspection::new(CAPTURE_42, "strict", false).is_err());
}

#[wasm_bindgen_test]
fn a_share_link_carries_the_transcript_of_a_capture_redacted_by_the_engine() {
    let pcapng: &[u8] =
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/captures/bits-upload-port-8123.pcapng"));
    let kept = wasm::Inspection::new(pcapng, "default", false).unwrap();
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &key.into()).unwrap();
    let plain = kept.shared(false).unwrap();
    let bytes = get(&plain, "bytes").dyn_into::<js_sys::Uint8Array>().unwrap().to_vec();
    assert!(bytes.starts_with(b"BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1\r\n"), "the transcript, not the file");
    assert!(get(&plain, "replaced").is_null());
    let redacted = kept.shared(true).unwrap();
    let text = get(&redacted, "bytes").dyn_into::<js_sys::Uint8Array>().unwrap().to_vec();
    let text = String::from_utf8(text).unwrap();
    assert!(text.contains("Host: host-1.invalid\r\n") && !text.contains("frankcao8"));
    assert_eq!(get(&redacted, "replaced").as_string().unwrap(), "1 host name, 2 addresses");
    assert_eq!(get(&get(&redacted, "counts"), "addresses").as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn counts_alone_agree_with_the_full_report() {
    for (input, profile) in [(CAPTURE_42, "default"), (BROKEN_403, "default"), (CAPTURE_41, "mc-bup")] {
        let report = inspect(input, profile, false);
        let c = &report.counts;
        let expected = [report.messages.len(), c.errors, c.warnings, c.notes].map(|n| n as u32).to_vec();
        assert_eq!(wasm::inspect_counts(input, profile).unwrap(), expected);
    }
    assert!(wasm::inspect_counts(CAPTURE_41, "strict").is_err());
}

#[wasm_bindgen_test]
fn a_broken_example_reports_its_error_with_line_column_and_links() {
    let report = inspect(BROKEN_403, "default", false);
    let finding = report.findings.iter().find(|f| f.rule == "ack-create-session-protocol-on-failure").unwrap();
    assert_eq!(finding.severity, Severity::Error);
    assert_eq!(finding.group, Group::Protocol);
    assert_eq!((finding.span.line, finding.span.column), (14, 1));
    assert_eq!((finding.span.end_line, finding.span.end_column), (14, 54));
    let text = decoded(BROKEN_403);
    assert_eq!(slice(&text, &finding.span), "BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}");
    assert!(finding.links.iter().all(|l| l.url.starts_with("https://")));
}

#[wasm_bindgen_test]
fn non_ascii_spans_are_utf16_offsets_and_columns_count_characters() {
    let input = "BITS_POST /r\u{e9}sum\u{e9}-\u{1F4C4}.txt HTTP/1.1\r\n\
                 Content-Name: \u{fc}bersicht-\u{65e5}\u{672c}-\u{1F600}.txt\r\n\
                 BITS-Packet-Type: Ping\r\n\
                 Content-Length: 0\r\n\r\n";
    let report = inspect(input.as_bytes(), "default", false);
    let text = decoded(input.as_bytes());
    assert_eq!(report.input.length, text.len());
    assert_eq!(report.input.length, input.encode_utf16().count());
    let m = &report.messages[0];
    assert_eq!(name(&m.kind), "ping");
    assert_eq!(slice(&text, &m.start_line_span), "BITS_POST /r\u{e9}sum\u{e9}-\u{1F4C4}.txt HTTP/1.1");
    let content_name = &headers(m)[0];
    assert_eq!(slice(&text, &content_name.span), "Content-Name: \u{fc}bersicht-\u{65e5}\u{672c}-\u{1F600}.txt");
    // 32 characters, 33 UTF-16 units (the emoji takes two), more bytes still.
    assert_eq!(
        (content_name.span.line, content_name.span.column, content_name.span.end_line, content_name.span.end_column),
        (2, 1, 2, 33)
    );
    assert_eq!(content_name.span.end - content_name.span.start, 33);
    let ping = &headers(m)[1];
    assert_eq!(slice(&text, &ping.span), "BITS-Packet-Type: Ping");
    assert_eq!((ping.span.line, ping.span.column), (3, 1));
    assert_eq!(ping.span.start, input.split("BITS-Packet-Type").next().unwrap().encode_utf16().count());
}

#[wasm_bindgen_test]
fn invalid_utf8_matches_text_decoder_one_replacement_per_maximal_subpart() {
    let mut input = Vec::new();
    input.extend_from_slice(b"BITS_POST /u\xff\xfe\xe2\x82 HTTP/1.1\r\n");
    input.extend_from_slice(b"X-Bad: \xc3\x28\xf0\x9f\x98 \xed\xa0\x80 tail\r\n");
    input.extend_from_slice(b"BITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n");
    let report = inspect(&input, "default", false);
    let text = decoded(&input);
    assert_eq!(report.input.length, text.len(), "the engine counts the units TextDecoder makes");
    let m = &report.messages[0];
    assert_eq!(slice(&text, &headers(m)[1].span), "BITS-Packet-Type: Ping");
    assert_eq!(slice(&text, &headers(m)[0].value_span), "\u{fffd}(\u{fffd} \u{fffd}\u{fffd}\u{fffd} tail");
    assert_eq!(slice(&text, &m.start_line_span), "BITS_POST /u\u{fffd}\u{fffd}\u{fffd} HTTP/1.1");
    assert_eq!(m.body.span.end, text.len());
}

#[wasm_bindgen_test]
fn a_bom_is_kept_as_one_unit() {
    let input = b"\xef\xbb\xbfBITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n";
    let report = inspect(input, "default", false);
    let text = decoded(input);
    assert_eq!(report.input.length, text.len());
    for m in &report.messages {
        for h in headers(m) {
            assert_eq!(slice(&text, &h.value_span), h.value);
        }
    }
}

#[wasm_bindgen_test]
fn text_index_resolves_offsets_inside_characters_to_the_whole_character() {
    // "é" is bytes 1..3; offset 2 is inside it.
    let input = "a\u{e9}b\u{1F600}c".as_bytes();
    let index = TextIndex::new(input);
    assert_eq!(index.point(2).utf16, 1);
    assert_eq!(index.point(2).utf16_ceil, 2);
    assert_eq!(index.point(3).utf16, 2);
    assert_eq!(index.point(5).utf16, 3);
    assert_eq!(index.point(5).utf16_ceil, 5);
    assert_eq!(index.point(8).utf16, 5);
    assert_eq!(index.point(8).column, 5);
    assert_eq!(index.point(99).utf16, 6);
    assert_eq!(index.utf16_len(), 6);
    let span = bits_inspector::wasm::page_span(&index, bits_inspector::span::Span::new(2, 5));
    assert_eq!((span.start, span.end), (1, 5), "widened to whole characters");
}

#[wasm_bindgen_test]
fn empty_input_gives_an_empty_report_not_an_error() {
    let report = inspect(b"", "default", false);
    assert!(report.messages.is_empty());
    assert_eq!(report.input.length, 0);
    assert_eq!(report.findings.len(), 1);
    assert_eq!(report.findings[0].rule, "input-empty");
    assert_eq!((report.findings[0].span.start, report.findings[0].span.end), (0, 0));
    assert_eq!((report.findings[0].span.line, report.findings[0].span.column), (1, 1));
}

#[wasm_bindgen_test]
fn pasted_text_is_not_judged_on_line_endings() {
    let input = b"BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n";
    let strict = inspect(input, "default", false);
    assert!(strict.findings.iter().any(|f| f.rule == "http-bare-lf"));
    let pasted = inspect(input, "default", true);
    assert!(pasted.input.pasted);
    assert!(!pasted.input.line_endings_checked);
    assert!(pasted.findings.iter().all(|f| f.rule != "http-bare-lf"));
    assert!(pasted.findings.iter().any(|f| f.rule == "input-line-endings-unchecked"));
}

#[wasm_bindgen_test]
fn huge_numbers_still_serialise() {
    let input = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nBITS-Session-Id: {11111111-2222-3333-4444-555555555555}\r\nContent-Range: bytes 0-18446744073709551614/18446744073709551615\r\nContent-Length: 18446744073709551615\r\n\r\n";
    let report = inspect(input, "default", false);
    assert_eq!(report.messages.len(), 1);
}

#[wasm_bindgen_test]
fn profiles_are_checked_and_unknown_ones_refused() {
    for profile in Profile::ALL {
        assert_eq!(inspect(CAPTURE_41, profile.as_str(), false).profile, profile);
    }
    let mc_bup = inspect(CAPTURE_41, "mc-bup", false);
    assert!(mc_bup.counts.errors > 0, "[MC-BUP] to the letter wants BITS-Session-Id on every 200 Ack");
    let err = wasm::inspect(CAPTURE_41, "strictest", false).unwrap_err();
    assert!(err.as_string().unwrap().contains("unknown profile"));
}

#[wasm_bindgen_test]
fn lookups_explain_rules_headers_and_hresults() {
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &key.into()).unwrap();
    let rule = wasm::explain("ack-error-on-success");
    assert_eq!(get(&rule, "type").as_string().as_deref(), Some("rule"));
    assert_eq!(get(&get(&rule, "grades"), "default").as_string().as_deref(), Some("error"));
    let code = wasm::explain("-2145386465");
    assert_eq!(get(&code, "type").as_string().as_deref(), Some("hresult"));
    assert_eq!(get(&code, "name").as_string().as_deref(), Some("BG_E_SESSION_NOT_FOUND"));
    let header = wasm::explain("bits-host-id");
    assert_eq!(get(&header, "name").as_string().as_deref(), Some("BITS-Host-Id"));
    assert!(wasm::explain("no-such-thing").is_null());

    let rules = js_sys::Array::from(&wasm::rules());
    assert!(rules.length() > 50);
    let headers = js_sys::Array::from(&wasm::headers());
    assert!(headers.iter().any(|h| get(&h, "name").as_string().as_deref() == Some("BITS-Packet-Type")));
    assert_eq!(wasm::version(), env!("CARGO_PKG_VERSION"));
}

#[wasm_bindgen_test]
fn a_capture_file_reports_its_format_capture_and_transcript() {
    let pcapng: &[u8] =
        include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/captures/bits-upload-port-8123.pcapng"));
    let value = wasm::inspect(pcapng, "default", false).expect("inspect succeeds");
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &key.into()).unwrap();
    let input = get(&value, "input");
    assert_eq!(get(&input, "format").as_string().as_deref(), Some("pcapng"));
    let capture = get(&value, "capture");
    assert_eq!(get(&capture, "format").as_string().as_deref(), Some("pcapng"));
    // The transcript is the text every span points into: its length is the engine's count.
    let transcript = get(&value, "transcript").as_string().expect("a capture returns its transcript");
    assert_eq!(transcript.encode_utf16().count() as f64, get(&input, "length").as_f64().unwrap());
    assert_eq!(get(&capture, "transcript_bytes").as_f64(), Some(transcript.len() as f64));
    let report = inspect(pcapng, "default", false);
    assert_eq!(report.transcript.as_deref(), Some(transcript.as_str()));
    let text: Vec<u16> = transcript.encode_utf16().collect();
    for m in &report.messages {
        assert_eq!(slice(&text, &m.start_line_span), m.start_line);
        for h in headers(m) {
            assert_eq!(slice(&text, &h.value_span), h.value);
        }
    }
    // Text input has no capture and no transcript: the page decodes the input itself.
    let text_report = wasm::inspect(CAPTURE_41, "default", false).unwrap();
    assert!(get(&text_report, "capture").is_null());
    assert!(get(&text_report, "transcript").is_null());
    assert_eq!(get(&get(&text_report, "input"), "format").as_string().as_deref(), Some("text"));
}

#[wasm_bindgen_test]
fn findings_after_invalid_utf8_have_the_json_reports_line_and_column() {
    // E2 82 is a character cut short: lossy decoding (and the page) shows `a\u{fffd}b`, so
    // the control character after it is column 12 of line 3 (`X-Note: ` is 8), not 13.
    let input: &[u8] =
        b"BITS_POST /upload/x HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-Note: a\xe2\x82b\x01c\r\nX-Other: \xf0\x9f\x98z\x80\x80\x02\r\nContent-Length: 0\r\n\r\n";
    let page = inspect(input, "default", false);
    let json = bits_inspector::inspect(input, &bits_inspector::Options::default());
    assert_eq!(page.findings.len(), json.findings.len());
    for (shown, f) in page.findings.iter().zip(&json.findings) {
        assert_eq!(shown.rule, f.rule);
        let (s, e) = (&shown.span, &f);
        assert_eq!(
            (s.line, s.column, s.end_line, s.end_column),
            (e.start.line, e.start.column, e.end.line, e.end.column),
            "{}",
            f.rule
        );
    }
    let controls: Vec<(usize, usize)> = page
        .findings
        .iter()
        .filter(|f| f.rule == "http-header-value-invalid")
        .map(|f| (f.span.line, f.span.column))
        .collect();
    assert_eq!(controls, [(3, 12), (4, 14)]);
    // The same columns as the browser's own decoding of the bytes.
    let text = String::from_utf16(&decoded(input)).unwrap();
    let lines: Vec<&str> = text.split('\n').collect();
    assert_eq!(lines[2].chars().position(|c| c == '\u{1}'), Some(11));
    assert_eq!(lines[3].chars().position(|c| c == '\u{2}'), Some(13));
}

#[wasm_bindgen_test]
fn link_hosts_are_the_hosts_of_every_source_and_every_link_is_https_to_one() {
    let hosts: Vec<String> = serde_wasm_bindgen::from_value(wasm::link_hosts()).expect("a list of host names");
    for source in bits_inspector::spec::SOURCES {
        let host = source.url.strip_prefix("https://").and_then(|rest| rest.split('/').next());
        assert!(host.is_some_and(|h| hosts.iter().any(|x| x == h)), "{} ({}) is not linkable", source.id, source.url);
    }
    for capture_host in ["www.tcpdump.org", "www.ietf.org", "www.softwareishard.com"] {
        assert!(hosts.iter().any(|h| h == capture_host), "{capture_host} in {hosts:?}");
    }
    // What the page is handed: every rule's and header's links.
    let get = |v: &JsValue, key: &str| js_sys::Reflect::get(v, &key.into()).unwrap();
    let (rules, headers) = (js_sys::Array::from(&wasm::rules()), js_sys::Array::from(&wasm::headers()));
    for entry in rules.iter().chain(headers.iter()) {
        for link in js_sys::Array::from(&get(&entry, "links")).iter() {
            let url = get(&link, "url").as_string().unwrap();
            let host = url.strip_prefix("https://").and_then(|rest| rest.split('/').next());
            assert!(host.is_some_and(|h| hosts.iter().any(|x| x == h)), "{url} is not linkable");
        }
    }
}
