//! `bits-inspector fix` as scripts use it: the inspected text with every fix applied, which
//! `check` then finds free of the errors that were fixed.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/fixture_files.rs"]
mod fixture_files;

use std::collections::BTreeSet;

use cli::{bin, run_with_stdin};

use serde_json::Value;

/// `check --format json` of bytes given on standard input.
fn check_json(input: &[u8]) -> Value {
    let o = run_with_stdin(&["check", "--format", "json", "-"], input);
    serde_json::from_slice(&o.stdout).expect("check prints JSON")
}

fn findings(report: &Value) -> &Vec<Value> {
    report["findings"].as_array().expect("findings")
}

/// Rules with an error finding.
fn errors(report: &Value) -> BTreeSet<String> {
    findings(report)
        .iter()
        .filter(|f| f["severity"] == "error")
        .map(|f| f["rule"].as_str().unwrap().to_string())
        .collect()
}

const BROKEN: &[u8] = b"BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Create-Session\r\n\
BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 403 Forbidden\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\n\
BITS-Error-Code: 0x80070005\r\nBITS-Error-Context: 0x5\r\nContent-Length: 0\r\n\r\n";

#[test]
fn fixed_input_has_no_error_of_a_fixed_rule_and_no_new_error() {
    let files = fixture_files::fixtures();
    let mut failures = Vec::new();
    let mut fixed_any = 0;
    for file in &files {
        let name = file.to_string_lossy();
        let bytes = std::fs::read(file).unwrap();
        let before = check_json(&bytes);
        let o = bin().args(["fix", &name]).output().unwrap();
        if o.status.code() != Some(0) {
            failures.push(format!("{name}: fix exited {:?}: {}", o.status.code(), String::from_utf8_lossy(&o.stderr)));
            continue;
        }
        // Rules every finding of which carries a fix (the fixes of one may be left out
        // when they collide with another's, which the second run then applies).
        let fixed: BTreeSet<&str> = findings(&before)
            .iter()
            .filter(|f| !f["fixes"].as_array().unwrap().is_empty())
            .map(|f| f["rule"].as_str().unwrap())
            .filter(|rule| {
                findings(&before).iter().all(|f| f["rule"] != *rule || !f["fixes"].as_array().unwrap().is_empty())
            })
            .collect();
        if !fixed.is_empty() {
            fixed_any += 1;
        }
        let after = check_json(&o.stdout);
        let left: Vec<String> = errors(&after).into_iter().filter(|r| fixed.contains(r.as_str())).collect();
        let added: Vec<String> = errors(&after).difference(&errors(&before)).cloned().collect();
        if !left.is_empty() || !added.is_empty() {
            failures.push(format!("{name}: fixed rules still in error {left:?}, new errors {added:?}"));
        }
    }
    assert!(fixed_any >= 5, "only {fixed_any} fixtures had something to fix");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_issue_example_is_fixed_as_written() {
    let o = run_with_stdin(&["fix"], BROKEN);
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(!text.contains("BITS-Protocol:"), "{text}");
    assert!(
        text.contains("HTTP/1.1 403 Forbidden\r\nBITS-Packet-Type: Ack\r\nBITS-Error-Code: 0x80070005\r\n"),
        "{text}"
    );
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim(), "<stdin>: 1 fix applied");
    assert!(errors(&check_json(text.as_bytes())).is_empty());
}

#[test]
fn correct_traffic_is_printed_unchanged() {
    let clean = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n";
    let o = run_with_stdin(&["fix"], clean);
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(o.stdout, clean);
    assert_eq!(String::from_utf8_lossy(&o.stderr).trim(), "<stdin>: 0 fixes applied");
}

#[test]
fn a_capture_prints_its_transcript_fixed() {
    let o = bin().args(["fix", "tests/fixtures/captures/bits-upload.har"]).output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    // The HAR's requests go out as POST with X-Http-Method-Override, as Windows sends them.
    assert!(o.stdout.starts_with(b"POST /"), "{}", String::from_utf8_lossy(&o.stdout[..80.min(o.stdout.len())]));
    let report = check_json(&o.stdout);
    assert_eq!(report["input"]["format"], "text");
    assert!(report["messages"].as_array().unwrap().len() > 2);
}

#[test]
fn an_unreadable_file_gives_exit_2_and_a_reason_the_others_are_still_written() {
    let o = bin()
        .args(["fix", "tests/fixtures/no-such-file.http", "tests/fixtures/mc-bup-4.1-upload.http"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("cannot read tests/fixtures/no-such-file.http"), "{stderr}");
    assert!(o.stdout.starts_with(b"BITS_POST "));
}

#[test]
fn line_endings_are_fixed_and_pasted_text_keeps_them() {
    let lf = b"BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n";
    let o = run_with_stdin(&["fix"], lf);
    assert_eq!(o.stdout, b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n");
    let o = run_with_stdin(&["fix", "--pasted"], lf);
    assert_eq!(o.stdout, lf);
}

/// Found by the fuzz target `fix`: a session id echoed after stray UTF-8 continuation bytes.
/// Its fix replaces the whole value, starting at a byte that is a character of its own.
#[test]
fn a_value_of_invalid_utf8_is_replaced_whole() {
    let id = "{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}";
    let mut text = format!(
        "BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Create-Session\r\n\
BITS-Supported-Protocols: {{7df0354d-249b-430f-820d-3d2a9bef4931}}\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {{7df0354d-249b-430f-820d-3d2a9bef4931}}\r\n\
BITS-Session-Id: {id}\r\nContent-Length: 0\r\nAccept-Encoding: Identity\r\n\r\n\
BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Close-Session\r\nBITS-Session-Id: {id}\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id:"
    )
    .into_bytes();
    text.extend_from_slice(b"\x99\x99\x01 ");
    text.extend_from_slice(format!("{id}\r\nContent-Length: 0\r\n\r\n").as_bytes());
    let report = bits_inspector::inspect(&text, &bits_inspector::Options::default());
    let fixes = report.fixes();
    assert!(fixes.iter().any(|f| f.title == format!("set BITS-Session-Id to {id}")), "{fixes:?}");
    let fixed = bits_inspector::rules::fix::apply(&text, &fixes).expect("the fixes apply");
    let tail = String::from_utf8_lossy(&fixed.text[fixed.text.len() - 80..]).into_owned();
    // The value is replaced, the space after the colon (none here) left as it was.
    assert!(
        fixed.text.ends_with(format!("BITS-Session-Id:{id}\r\nContent-Length: 0\r\n\r\n").as_bytes()),
        "{tail:?} {fixes:?}"
    );
}
