//! The web page's examples are test fixtures first: the two real Windows captures report
//! no error, and each broken example reports the error it was written to show, under the
//! default profile, checked strictly as the page checks bytes from a file.

use bits_inspector::{inspect, Options, Severity};

const BROKEN: &[(&str, &str)] = &[
    ("ack-create-session-protocol-on-403.http", "ack-create-session-protocol-on-failure"),
    ("ack-error-code-on-200.http", "ack-error-on-success"),
    ("fragment-gap.http", "session-fragment-gap"),
    ("fragment-missing-session-id.http", "request-session-id-missing"),
    ("fragment-error-without-packet-type.http", "ack-packet-type-missing"),
];

fn read(path: &str) -> Vec<u8> {
    let full = format!("{}/tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read(&full).unwrap_or_else(|e| panic!("{full}: {e}"))
}

#[test]
fn each_broken_example_shows_exactly_its_error() {
    for (file, rule) in BROKEN {
        let bytes = read(&format!("broken/{file}"));
        assert!(bytes.windows(2).any(|w| w == b"\r\n"), "{file} keeps its CRLF line endings");
        let report = inspect(&bytes, &Options::default());
        let errors: Vec<&str> =
            report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.rule).collect();
        assert!(!errors.is_empty(), "{file}: no error");
        assert!(errors.iter().all(|r| r == rule), "{file}: expected only {rule}, got {errors:?}");
        assert!(!report.messages.is_empty(), "{file}");
        assert!(report.findings.iter().all(|f| f.rule != "http-bare-lf"), "{file} has bare LF");
    }
}

#[test]
fn the_real_captures_offered_as_examples_have_no_error() {
    for file in ["mc-bup-4.1-upload.http", "mc-bup-4.2-upload-reply.http"] {
        let report = inspect(&read(file), &Options::default());
        assert_eq!(report.counts.errors, 0, "{file}: {:?}", report.findings);
    }
}

#[test]
fn the_page_offers_every_broken_fixture() {
    let page = std::fs::read_to_string(format!("{}/www/index.html", env!("CARGO_MANIFEST_DIR"))).unwrap();
    let dir = format!("{}/tests/fixtures/broken", env!("CARGO_MANIFEST_DIR"));
    let mut on_disk: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".http"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = BROKEN.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "tests/fixtures/broken and this test list the same files");
    for file in on_disk.iter().map(String::as_str).chain(["mc-bup-4.1-upload.http", "mc-bup-4.2-upload-reply.http"]) {
        assert!(page.contains(&format!("data-file=\"{file}\"")), "www/index.html offers {file}");
    }
}
