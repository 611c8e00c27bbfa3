//! Every answer a BITS server gives, judged as what it is (issue: broken Acks, grades that
//! follow their documents). Each test here failed on the engine before that change.

use bits_inspector::bits::packet::{MessageKind, PacketType};
use bits_inspector::http::Direction;
use std::process::Command;

use bits_inspector::{inspect, Inspection, LineEndingCheck, Options, Profile, Report, Severity};

const FRAGMENT: &str = "BITS_POST /upload/a.txt HTTP/1.1
BITS-Packet-Type: Fragment
BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}
Content-Range: bytes 0-9/10
Content-Length: 10

0123456789";

const CREATE_SESSION: &str = "BITS_POST /upload/a.txt HTTP/1.1
BITS-Packet-Type: Create-Session
BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}
Content-Length: 0

";

const PING: &str = "BITS_POST /upload/a.txt HTTP/1.1
BITS-Packet-Type: Ping
Content-Length: 0

";

fn crlf(text: &str) -> Vec<u8> {
    text.replace('\n', "\r\n").into_bytes()
}

fn talk(messages: &[&str]) -> Vec<u8> {
    messages.iter().flat_map(|m| crlf(m)).collect()
}

fn check(input: &[u8], profile: Profile) -> Report {
    inspect(input, &Options { profile, line_endings: LineEndingCheck::Strict })
}

fn rules(report: &Report, severity: Severity) -> Vec<&'static str> {
    report.findings.iter().filter(|f| f.severity == severity).map(|f| f.rule).collect()
}

fn all_rules(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule).collect()
}

const NOT_FOUND_UNMARKED: &str = "HTTP/1.1 500 Internal Server Error
BITS-Error-Code: 0x8020001F
BITS-Error-Context: 0x5

";

#[test]
fn an_error_answer_with_bits_headers_but_no_packet_type_is_a_broken_ack() {
    let input = talk(&[FRAGMENT, NOT_FOUND_UNMARKED]);
    let report = check(&input, Profile::Default);
    let errors = rules(&report, Severity::Error);
    assert!(errors.contains(&"ack-packet-type-missing"), "{errors:?}");
    assert!(errors.contains(&"ack-content-length-missing"), "checked with every Ack rule: {errors:?}");
    assert!(!all_rules(&report).contains(&"ack-http-level-response"));

    let missing = report.findings.iter().find(|f| f.rule == "ack-packet-type-missing").unwrap();
    assert_eq!(missing.header.as_deref(), Some("BITS-Packet-Type"), "the finding names the header");
    assert_eq!(missing.message, Some(1));
    // What it carries, its error code in words, what a client does, what to send.
    for words in [
        "BITS-Error-Code",
        "BG_E_SESSION_NOT_FOUND",
        "BG_E_HTTP_ERROR_500",
        "add `BITS-Packet-Type: Ack` and `Content-Length: 0`",
    ] {
        assert!(missing.summary.contains(words), "{words} in {}", missing.summary);
    }
    let ack = &report.messages[1];
    assert_eq!(ack.kind, MessageKind::Ack(PacketType::Fragment));
    assert_eq!(ack.pair, Some(0));
    assert_eq!(ack.label(), "Ack for Fragment, without BITS-Packet-Type");
}

#[test]
fn its_error_headers_are_put_into_words_and_its_session_id_compared() {
    let unmarked = "HTTP/1.1 500 Internal Server Error
BITS-Session-Id: {C85B4E0A-9EB9-4114-BFA4-8A43B4710091}
BITS-Error-Code: 0x8020001F
BITS-Error-Context: 0x5
Content-Length: 0

";
    let input = talk(&[FRAGMENT, unmarked]);
    let inspection: Inspection = bits_inspector::inspect_with_text(&input, &Options::default());
    let report = &inspection.report;
    assert!(rules(report, Severity::Error).contains(&"session-ack-id-mismatch"), "{:?}", all_rules(report));
    let detail = report.detail(1, &inspection.text);
    let code = detail.headers.iter().find(|h| h.name == "BITS-Error-Code").unwrap();
    assert!(code.decoded.as_deref().unwrap_or_default().contains("BG_E_SESSION_NOT_FOUND"), "{code:?}");
    let context = detail.headers.iter().find(|h| h.name == "BITS-Error-Context").unwrap();
    assert!(context.decoded.is_some(), "{context:?}");
}

#[test]
fn an_answer_without_any_bits_header_stays_plain_http() {
    let challenge = "HTTP/1.1 401 Unauthorized
WWW-Authenticate: Negotiate
Content-Length: 0

";
    let report = check(&talk(&[CREATE_SESSION, challenge]), Profile::Default);
    assert_eq!(all_rules(&report), vec!["ack-http-level-response"]);
    assert_eq!(report.messages[1].label(), "HTTP response to Create-Session (not an Ack)");
    // The same for the answer to a BITS request of unknown type.
    let unknown = CREATE_SESSION.replace("Create-Session", "Begin-Upload");
    let report = check(&talk(&[&unknown, "HTTP/1.1 400 Bad Request\nContent-Length: 0\n\n"]), Profile::Default);
    assert_eq!(report.messages[1].label(), "HTTP response to a BITS request (not an Ack)");
    // A success without any BITS header is no usable answer at all.
    let ok = "HTTP/1.1 200 OK\nContent-Type: text/html\nContent-Length: 0\n\n";
    let report = check(&talk(&[PING, ok]), Profile::Default);
    assert_eq!(rules(&report, Severity::Error), vec!["ack-packet-type-missing"]);
}

#[test]
fn a_lone_answer_with_bits_headers_is_an_ack_of_unknown_request() {
    let report = check(&talk(&[NOT_FOUND_UNMARKED]), Profile::Default);
    assert_eq!(report.messages[0].kind.id(), "ack");
    assert!(report.messages[0].label().ends_with(", without BITS-Packet-Type"), "{}", report.messages[0].label());
    assert!(rules(&report, Severity::Error).contains(&"ack-packet-type-missing"));
}

#[test]
fn the_server_applications_answer_is_no_ack_for_its_bits_headers() {
    let notification = "POST /app/notify HTTP/1.1
BITS-Original-Request-URL: http://host/upload/a.txt
BITS-Request-DataFile-Name: C:\\up\\request.bin
BITS-Response-DataFile-Name: C:\\up\\response.bin
Content-Length: 0

";
    let answer = "HTTP/1.1 200 OK
BITS-Static-Response-URL: http://host/replies/a.txt
Content-Length: 0

";
    let report = check(&talk(&[notification, answer]), Profile::Default);
    assert_eq!(report.messages[1].kind.id(), "notification-response");
    assert!(!all_rules(&report).contains(&"ack-packet-type-missing"));
}

#[test]
fn the_json_output_says_both_what_the_answer_is_and_that_it_is_broken() {
    let dir = std::env::temp_dir().join(format!("bits-inspector-answers-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("unmarked.http");
    std::fs::write(&file, talk(&[FRAGMENT, NOT_FOUND_UNMARKED])).unwrap();
    let run = |format: &str| {
        let out = Command::new(env!("CARGO_BIN_EXE_bits-inspector"))
            .args(["check", "--format", format, file.to_str().unwrap()])
            .output()
            .unwrap();
        String::from_utf8(out.stdout).unwrap()
    };
    let json: serde_json::Value = serde_json::from_str(&run("json")).unwrap();
    let ack = &json["messages"][1];
    assert_eq!(ack["kind"], "ack-fragment");
    assert_eq!(ack["ack_form"], "without-packet-type");
    assert_eq!(ack["label"], "Ack for Fragment, without BITS-Packet-Type");
    assert_eq!(json["messages"][0]["ack_form"], serde_json::Value::Null);
    let text = run("text");
    assert!(text.contains("#1 Ack for Fragment, without BITS-Packet-Type"), "{text}");
    std::fs::remove_dir_all(&dir).ok();
}

// ------------------------------------------------------------------ grades and documents

const CREATED: &str = "HTTP/1.1 200 OK
BITS-Packet-Type: Ack
BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}
BITS-Session-Id: {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}
Content-Length: 0
Accept-Encoding: Identity

";

const DENIED: &str = "HTTP/1.1 403 Forbidden
BITS-Packet-Type: Ack
BITS-Error-Code: 0x80070005
BITS-Error-Context: 0x5
Content-Length: 0

";

fn grade(input: &[u8], profile: Profile, rule: &str) -> Option<Severity> {
    check(input, profile).findings.iter().find(|f| f.rule == rule).map(|f| f.severity)
}

#[test]
fn accept_encoding_rules_are_errors_under_the_win32_pages() {
    let on_failure = talk(&[
        CREATE_SESSION,
        &DENIED.replace("Content-Length: 0\n", "Content-Length: 0\nAccept-Encoding: Identity\n"),
    ]);
    let rule = "ack-create-session-accept-encoding-on-failure";
    assert_eq!(grade(&on_failure, Profile::Win32, rule), Some(Severity::Error));
    assert_eq!(grade(&on_failure, Profile::Default, rule), Some(Severity::Warning));
    assert_eq!(grade(&on_failure, Profile::McBup, rule), None);

    let gzip = talk(&[CREATE_SESSION, &CREATED.replace("Accept-Encoding: Identity", "Accept-Encoding: gzip")]);
    let rule = "ack-create-session-accept-encoding-not-identity";
    assert_eq!(grade(&gzip, Profile::Win32, rule), Some(Severity::Error));
    assert_eq!(grade(&gzip, Profile::Default, rule), Some(Severity::Warning));
}

#[test]
fn under_mc_bup_a_201_is_no_success_and_bits_protocol_does_not_belong_on_it() {
    let with_protocol = talk(&[CREATE_SESSION, &CREATED.replace("200 OK", "201 Created")]);
    let report = check(&with_protocol, Profile::McBup);
    let errors = rules(&report, Severity::Error);
    assert!(errors.contains(&"ack-create-session-201"), "{errors:?}");
    assert!(errors.contains(&"ack-create-session-protocol-on-failure"), "{errors:?}");

    let bare_201 = "HTTP/1.1 201 Created\nBITS-Packet-Type: Ack\nContent-Length: 0\n\n";
    let report = check(&talk(&[CREATE_SESSION, bare_201]), Profile::McBup);
    let found = all_rules(&report);
    assert!(!found.contains(&"ack-create-session-protocol-missing"), "{found:?}");
    assert!(!found.contains(&"ack-create-session-session-id-missing"), "{found:?}");

    // The Win32 pages and the default profile take 201 as success.
    let report = check(&with_protocol, Profile::Win32);
    assert_eq!(report.counts.errors, 0, "{:?}", all_rules(&report));
    assert_eq!(grade(&with_protocol, Profile::Default, "ack-create-session-201"), Some(Severity::Note));
}

#[test]
fn guid_session_ids_compare_without_case_in_acks_as_in_requests() {
    let lower = "{a0ff5911-4144-45b3-bf27-27afc8ec8a67}";
    let echo = format!(
        "HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nBITS-Session-Id: {lower}\nContent-Length: 0\nBITS-Received-Content-Range: 10\n\n"
    );
    let input = talk(&[CREATE_SESSION, CREATED, FRAGMENT, &echo]);
    for profile in Profile::ALL {
        let found = all_rules(&check(&input, profile));
        assert!(!found.contains(&"session-ack-id-mismatch") && !found.contains(&"session-id-case"), "{found:?}");
    }
    // A request naming the GUID in other case is the same session too.
    let request = FRAGMENT.replace("{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}", lower);
    let ack = "HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nContent-Length: 0\nBITS-Received-Content-Range: 10\n\n";
    let report = check(&talk(&[CREATE_SESSION, CREATED, &request, ack]), Profile::Default);
    assert!(report.findings.iter().all(|f| f.rule != "session-id-case" && f.rule != "session-unknown-id"));
    assert_eq!(report.sessions.len(), 1);

    // Arbitrary-string ids (Win32) differing in case: a warning, for an echo as for a request.
    let created = CREATED.replace("{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}", "Session-42");
    let request = FRAGMENT.replace("{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}", "Session-42");
    let echo = ack.replace("Content-Length: 0", "BITS-Session-Id: session-42\nContent-Length: 0");
    let report = check(&talk(&[CREATE_SESSION, &created, &request, &echo]), Profile::Default);
    let case = report.findings.iter().find(|f| f.rule == "session-id-case").expect("session-id-case");
    assert_eq!((case.severity, case.message), (Severity::Warning, Some(3)));
    assert!(!all_rules(&report).contains(&"session-ack-id-mismatch"));
}

#[test]
fn an_error_code_on_success_is_not_told_to_add_a_context() {
    let ack = "HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nBITS-Error-Code: 0x0\nContent-Length: 0\nBITS-Received-Content-Range: 10\n\n";
    let report = check(&talk(&[FRAGMENT, ack]), Profile::Default);
    let found = all_rules(&report);
    assert!(found.contains(&"ack-error-on-success"), "{found:?}");
    assert!(!found.contains(&"ack-error-context-missing"), "advice that would make the Ack worse: {found:?}");
}

#[test]
fn a_status_line_without_a_code_is_a_broken_response_whose_headers_are_checked() {
    let ack = "HTTP/1.1 OK\nBITS-Packet-Type: Ack\nBITS-Session-Id: not a legal id \u{7f}\n\n";
    let report = check(&talk(&[PING, ack, PING]), Profile::Default);
    assert_eq!(report.messages.len(), 3, "the message after it is found too");
    let answer = &report.messages[1];
    assert_eq!((answer.kind.id(), answer.direction, answer.status), ("ack-ping", Direction::Response, None));
    assert_eq!(answer.pair, Some(0));
    let found = all_rules(&report);
    for rule in ["http-start-line-malformed", "ack-content-length-missing", "ack-ping-unexpected-header"] {
        assert!(found.contains(&rule), "{rule} in {found:?}");
    }
    assert!(!found.contains(&"http-stray-bytes"), "{found:?}");
    // Prose that merely starts with the version inside a body stays body.
    let prose = "HTTP/1.1 is the version\nand this is text";
    let report = check(prose.as_bytes(), Profile::Default);
    assert!(report.messages.is_empty());
}

#[test]
fn a_reason_phrase_of_another_code_and_another_http_version_are_reported() {
    let ack = "HTTP/1.1 200 Created\nBITS-Packet-Type: Ack\nContent-Length: 0\n\n";
    let report = check(&talk(&[PING, ack]), Profile::Default);
    let phrase = report.findings.iter().find(|f| f.rule == "http-reason-phrase-mismatch").expect("reason phrase");
    assert_eq!(phrase.severity, Severity::Warning);
    assert!(phrase.summary.contains("201"), "{}", phrase.summary);
    // Standard phrases in any case, and older spellings, are fine.
    let ack = "HTTP/1.1 416 Requested Range Not Satisfiable\nBITS-Packet-Type: Ack\nContent-Length: 0\nBITS-Received-Content-Range: 0\n\n";
    assert!(check(&talk(&[FRAGMENT, ack]), Profile::Default)
        .findings
        .iter()
        .all(|f| f.rule != "http-reason-phrase-mismatch"));

    // HTTP/1.0 answering a BITS request, even as plain HTTP.
    let old = "HTTP/1.0 500 Internal Server Error\nContent-Type: text/plain\nContent-Length: 5\n\nerror";
    let report = check(&talk(&[PING, old]), Profile::Default);
    assert!(rules(&report, Severity::Error).contains(&"http-version"), "{:?}", all_rules(&report));
}

#[test]
fn a_100_continue_before_the_ack_leaves_the_request_waiting_for_it() {
    let request = FRAGMENT.replace("Content-Length: 10", "Expect: 100-continue\nContent-Length: 10");
    let ack = "HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nContent-Length: 0\nBITS-Received-Content-Range: 10\n\n";
    let input = talk(&[&request, "HTTP/1.1 100 Continue\n\n", ack]);
    let report = check(&input, Profile::Default);
    let kinds: Vec<&str> = report.messages.iter().map(|m| m.kind.id()).collect();
    assert_eq!(kinds, ["fragment", "http-response", "ack-fragment"]);
    assert_eq!(report.messages[2].pair, Some(0));
    let found = all_rules(&report);
    for rule in ["session-ack-without-request", "ack-http-level-response", "http-stray-bytes"] {
        assert!(!found.contains(&rule), "{rule} in {found:?}");
    }
}
