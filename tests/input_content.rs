//! An honest verdict: input without BITS, input that is not HTTP and binary input are each
//! said for what they are, in the report, the JSON and the CLI alike; never "all well".

use std::process::Command;

use bits_inspector::report::InputContent;
use bits_inspector::{inspect, Options, Severity};

const WEB: &[u8] = b"GET /index.html HTTP/1.1\r\nHost: www.example.com\r\n\r\n\
HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 5\r\n\r\nhello";

#[test]
fn http_without_bits_is_said_so_with_a_note() {
    let report = inspect(WEB, &Options::default());
    assert_eq!(report.input.content, InputContent::HttpWithoutBits);
    assert_eq!(report.messages.len(), 2);
    let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
    assert_eq!(rules, ["input-no-bits"]);
    assert_eq!(report.findings[0].severity, Severity::Note);
    assert!(report.findings[0].summary.starts_with("2 HTTP messages decoded"), "{}", report.findings[0].summary);
}

#[test]
fn bits_traffic_is_bits_even_with_other_http_around_it() {
    let ping = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n";
    let input = [WEB, ping].concat();
    let report = inspect(&input, &Options::default());
    assert_eq!(report.input.content, InputContent::Bits);
    assert!(report.findings.iter().all(|f| f.rule != "input-no-bits"));
}

#[test]
fn json_prose_and_binaries_are_named_not_counted_as_stray_bytes() {
    for (input, words) in [
        (&b"{\"jobs\": [{\"id\": 1}]}"[..], "JSON"),
        (&b"The upload failed again this morning.\nAny idea?\n"[..], "text without any HTTP"),
        (&b"PK\x03\x04\x14\x00\x00\x00\x08\x00"[..], "ZIP archive"),
        (&b"\x00\x01\x02\x03\xfe\xff\x10\x11\x12"[..], "binary data"),
    ] {
        let report = inspect(input, &Options::default());
        assert_eq!(report.input.content, InputContent::NotHttp);
        let rules: Vec<&str> = report.findings.iter().map(|f| f.rule).collect();
        assert_eq!(rules, ["input-not-http"], "{words}");
        assert!(report.findings[0].summary.contains(words), "{}", report.findings[0].summary);
        assert!(report.input.looks_like.is_some_and(|l| l.contains(words)));
        assert_eq!(report.counts.errors, 0, "no '1 error in 0 messages'");
    }
    // Nothing at all stays "empty".
    let report = inspect(b"  \r\n ", &Options::default());
    assert_eq!(report.input.content, InputContent::Empty);
    assert_eq!(report.findings[0].rule, "input-empty");
}

#[test]
fn the_cli_says_it_in_its_summary_line_and_the_json() {
    let dir = std::env::temp_dir().join(format!("bits-inspector-content-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let web = dir.join("web.http");
    let json = dir.join("notes.json");
    std::fs::write(&web, WEB).unwrap();
    std::fs::write(&json, b"{\"a\": 1}").unwrap();
    let run = |args: &[&str]| {
        let out = Command::new(env!("CARGO_BIN_EXE_bits-inspector")).args(args).output().unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let text = run(&["check", web.to_str().unwrap()]);
    assert!(text.contains("2 messages (no BITS traffic), 0 errors"), "{text}");
    let text = run(&["check", json.to_str().unwrap()]);
    assert!(text.contains("0 messages (not HTTP)"), "{text}");
    assert!(text.contains("looks like JSON"), "{text}");
    let report: serde_json::Value =
        serde_json::from_str(&run(&["check", "--format", "json", json.to_str().unwrap()])).unwrap();
    assert_eq!(report["input"]["content"], "not-http");
    assert_eq!(report["input"]["looks_like"], "JSON, but not a HAR file");
    std::fs::remove_dir_all(&dir).ok();
}
