//! The Ack composer (issue 12): every composed answer, placed after its request, inspects
//! with no error under each profile it lists; the answers' shape; bad input; the CLI.

#[path = "support/cli.rs"]
mod cli;
#[path = "support/fixture_files.rs"]
mod fixture_files;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

use bits_inspector::bits::packet::PacketType;
use bits_inspector::compose::{self, Outcome, Unanswerable};
use bits_inspector::{inspect, inspect_with_text, LineEndingCheck, Options, Profile, Report, Severity};

fn manifest() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under tests/fixtures (READMEs aside) and every shared capture.
fn inputs() -> Vec<PathBuf> {
    let mut files = fixture_files::fixtures();
    files.extend(fixture_files::files_below(&manifest().join("../shared/captures")));
    files
}

/// The errors of an inspection, by (rule, message).
fn errors(report: &Report) -> BTreeSet<(&'static str, Option<usize>)> {
    report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| (f.rule, f.message)).collect()
}

/// Inspects `text` up to the end of request `message`, then with `raw` after it, under
/// `profile`: the errors the answer brings (none of the request's own).
fn errors_of_answer(text: &[u8], report: &Report, message: usize, raw: &str, profile: Profile) -> Vec<String> {
    let before = &text[..report.messages[message].span.end];
    // Captured text may end its lines with LF alone; the composed answer's CRLF is checked
    // on its own by `answers_are_crlf_with_an_empty_body`.
    let options = Options { profile, line_endings: LineEndingCheck::Pasted };
    let alone = inspect(before, &options);
    let mut conversation = before.to_vec();
    conversation.extend_from_slice(raw.as_bytes());
    let after = inspect(&conversation, &options);
    let answer = after.messages.len() - 1;
    assert_eq!(after.messages[answer].pair, Some(message), "the answer pairs with its request:\n{raw}");
    let known = errors(&alone);
    after
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !known.contains(&(f.rule, f.message)))
        .map(|f| format!("{} on #{:?}: {}", f.rule, f.message, f.summary))
        .collect()
}

/// What the property test gathers over many inputs.
#[derive(Default)]
struct Tally {
    checked: usize,
    outcomes: BTreeSet<&'static str>,
    failures: Vec<String>,
}

impl Tally {
    /// Composes the answers to every request of `bytes` and checks each under its profiles.
    fn check(&mut self, name: &str, bytes: &[u8]) {
        let inspection = inspect_with_text(bytes, &Options::default());
        let (report, text) = (&inspection.report, &inspection.text[..]);
        for result in compose::all_answers(report, text) {
            let Ok(request) = result else { continue };
            assert!(!request.answers.is_empty(), "{name}: #{} has no answer", request.message);
            for answer in &request.answers {
                self.outcomes.insert(answer.outcome.name());
                assert!(!answer.profiles.is_empty(), "{name}: an answer no profile accepts is offered");
                for &profile in &answer.profiles {
                    self.checked += 1;
                    for error in errors_of_answer(text, report, request.message, &answer.raw, profile) {
                        self.failures.push(format!(
                            "{name} #{} {} under {}: {error}\n{}",
                            request.message,
                            answer.outcome.name(),
                            profile.as_str(),
                            answer.raw
                        ));
                    }
                }
            }
        }
    }
}

const PROTOCOL: &str = "{7df0354d-249b-430f-820d-3d2a9bef4931}";

fn create_session(protocols: &str) -> String {
    format!("BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Create-Session\r\n{protocols}Content-Length: 0\r\n\r\n")
}

fn created(id: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {PROTOCOL}\r\nBITS-Session-Id: {id}\r\n\
         Content-Length: 0\r\nAccept-Encoding: Identity\r\n\r\n"
    )
}

fn fragment(id: &str, first: u64, last: u64, total: u64) -> String {
    let body = "x".repeat((last - first + 1) as usize);
    format!(
        "BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nBITS-Session-Id: {id}\r\n\
         Content-Range: bytes {first}-{last}/{total}\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn fragment_ack(id: &str, next: u64) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: {id}\r\nContent-Length: 0\r\n\
         BITS-Received-Content-Range: {next}\r\n\r\n"
    )
}

/// Conversations the fixtures lack: no supported protocol, an unknown protocol first, a
/// gap, an overlap, a duplicate, a resend after 416, a request on a cancelled session.
fn synthetic() -> Vec<(&'static str, String)> {
    let id = "{0F3C2A9E-5B71-4D2C-9A4E-6C1B2D3E4F50}";
    let cs = create_session(&format!("BITS-Supported-Protocols: {PROTOCOL}\r\n"));
    let opened = format!("{cs}{}", created(id));
    vec![
        ("no protocol offered", create_session("")),
        (
            "unknown protocol only",
            create_session("BITS-Supported-Protocols: {00000000-0000-0000-0000-000000000001}\r\n"),
        ),
        (
            "unknown protocol first",
            create_session(&format!(
                "BITS-Supported-Protocols: {{00000000-0000-0000-0000-000000000001}} {PROTOCOL}\r\n"
            )),
        ),
        ("first fragment", format!("{opened}{}", fragment(id, 0, 9, 30))),
        ("gap", format!("{opened}{}{}{}", fragment(id, 0, 9, 30), fragment_ack(id, 10), fragment(id, 20, 29, 30))),
        ("overlap", format!("{opened}{}{}{}", fragment(id, 0, 9, 30), fragment_ack(id, 10), fragment(id, 5, 29, 30))),
        ("duplicate", format!("{opened}{}{}{}", fragment(id, 0, 9, 30), fragment_ack(id, 10), fragment(id, 0, 9, 30))),
        ("first fragment not at 0", format!("{opened}{}", fragment(id, 10, 19, 30))),
        ("unknown session", fragment(id, 0, 9, 10)),
        (
            "after cancel",
            format!(
                "{opened}BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Cancel-Session\r\nBITS-Session-Id: {id}\r\n\
                 Content-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nBITS-Session-Id: {id}\r\n\
                 Content-Length: 0\r\n\r\n{}",
                fragment(id, 0, 9, 10)
            ),
        ),
    ]
}

#[test]
fn every_answer_to_every_request_of_every_fixture_inspects_without_error_under_its_profiles() {
    let mut tally = Tally::default();
    for file in inputs() {
        tally.check(&file.display().to_string(), &std::fs::read(&file).unwrap());
    }
    for (name, conversation) in synthetic() {
        tally.check(name, conversation.as_bytes());
    }
    assert!(tally.failures.is_empty(), "{} failures:\n{}", tally.failures.len(), tally.failures.join("\n"));
    // Every outcome was composed and checked somewhere.
    assert!(tally.checked > 200, "{}", tally.checked);
    for outcome in Outcome::ALL {
        assert!(tally.outcomes.contains(outcome.name()), "{} never composed", outcome.name());
    }
}

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(manifest().join("tests/fixtures").join(name)).unwrap()
}

fn answers_of(text: &[u8], message: usize) -> compose::RequestAnswers {
    let report = inspect(text, &Options::default());
    compose::answers(&report, text, message).unwrap()
}

/// The outcomes answered, each once: an error Ack's [MC-BUP] spelling (`BITS-Error`) follows
/// its Win32 twin and is looked at by its own test.
fn outcomes(request: &compose::RequestAnswers) -> Vec<&'static str> {
    request.answers.iter().filter(|a| !names(a).contains(&"BITS-Error")).map(|a| a.outcome.name()).collect()
}

fn profiles(answer: &compose::Answer) -> Vec<&'static str> {
    answer.profiles.iter().map(|p| p.as_str()).collect()
}

fn names(answer: &compose::Answer) -> Vec<&str> {
    answer.headers.iter().map(|h| h.name).collect()
}

fn find<'a>(request: &'a compose::RequestAnswers, outcome: Outcome, with: &str) -> &'a compose::Answer {
    request
        .answers
        .iter()
        .find(|a| a.outcome == outcome && a.headers.iter().any(|h| h.name == with))
        .unwrap_or_else(|| panic!("no {} with {with}", outcome.name()))
}

#[test]
fn create_session_answers_offer_200_and_201_a_farm_and_the_documented_failures() {
    let text = fixture("mc-bup-4.1-upload.http");
    let request = answers_of(&text, 0);
    assert_eq!(request.packet, PacketType::CreateSession);
    assert_eq!(
        outcomes(&request),
        ["session-created", "session-created-201", "session-created-in-farm", "forbidden", "not-found", "conflict"]
    );
    // [MC-BUP] knows 200 alone: a 201 is correct under the Win32 pages only.
    assert_eq!(profiles(&request.answers[0]), ["default", "win32", "mc-bup"]);
    assert_eq!(profiles(&request.answers[1]), ["default", "win32"]);
    let created = &request.answers[0];
    assert_eq!(
        names(created),
        ["BITS-Packet-Type", "BITS-Protocol", "BITS-Session-Id", "Content-Length", "Accept-Encoding"]
    );
    assert_eq!(created.headers[1].value, "{7df0354d-249b-430f-820d-3d2a9bef4931}");
    assert_eq!(created.headers[4].value, "Identity");
    let id = &created.headers[2].value;
    assert!(id.starts_with('{') && id.ends_with('}') && *id == id.to_uppercase(), "{id}");
    assert!(uuid::Uuid::parse_str(&id[1..id.len() - 1]).is_ok(), "{id}");
    // Reproducible, and another request gets another id.
    assert_eq!(answers_of(&text, 0).answers[0].headers[2].value, *id);
    let other = fixture("mc-bup-4.2-upload-reply.http");
    assert_ne!(answers_of(&other, 0).answers[0].headers[2].value, *id);
    let forbidden = &request.answers[3];
    assert_eq!(
        (forbidden.status, names(forbidden)),
        (403, vec!["BITS-Packet-Type", "Content-Length", "BITS-Error-Code", "BITS-Error-Context"])
    );
    assert_eq!((forbidden.headers[2].value.as_str(), forbidden.headers[3].value.as_str()), ("0x80070005", "0x5"));
    assert!(forbidden.headers[2].why.contains("E_ACCESSDENIED"), "{}", forbidden.headers[2].why);
}

#[test]
fn no_supported_protocol_is_answered_400_e_invalidarg() {
    let text = create_session("BITS-Supported-Protocols: {00000000-0000-0000-0000-000000000001}\r\n");
    let request = answers_of(text.as_bytes(), 0);
    assert_eq!(outcomes(&request), ["no-supported-protocol", "forbidden", "not-found", "conflict"]);
    let answer = &request.answers[0];
    assert_eq!(answer.status, 400);
    assert!(answer.raw.contains("BITS-Error-Code: 0x80070057\r\nBITS-Error-Context: 0x5\r\n"), "{}", answer.raw);
    assert!(!answer.raw.contains("BITS-Protocol"));
}

#[test]
fn headers_come_in_the_order_windows_sends_them() {
    // The 4.2 capture's Acks for Create-Session (web farm) and for the final fragment.
    let text = fixture("mc-bup-4.2-upload-reply.http");
    let report = inspect(&text, &Options::default());
    let captured = |message: usize| -> Vec<String> {
        report.messages[message]
            .headers
            .iter()
            .filter(|h| h.key.is_some())
            .map(|h| String::from_utf8_lossy(h.name(&text)).to_ascii_lowercase())
            .collect()
    };
    let lower =
        |answer: &compose::Answer| -> Vec<String> { names(answer).iter().map(|n| n.to_ascii_lowercase()).collect() };
    let created = answers_of(&text, 0);
    let farm = find(&created, Outcome::SessionCreatedInFarm, "BITS-Host-Id");
    assert_eq!(lower(farm), captured(1));
    let fragment = report.messages.iter().find(|m| m.kind.id() == "fragment").unwrap();
    let request = answers_of(&text, fragment.index);
    let reply = request
        .answers
        .iter()
        .find(|a| a.outcome == Outcome::FinalFragmentWithReply && profiles(a) == ["default", "win32"])
        .unwrap();
    assert_eq!(lower(reply), captured(fragment.pair.unwrap()));
}

#[test]
fn fragment_answers_follow_the_conversation() {
    let id = "{0F3C2A9E-5B71-4D2C-9A4E-6C1B2D3E4F50}";
    let cs = create_session(&format!("BITS-Supported-Protocols: {PROTOCOL}\r\n"));
    let opened = format!("{cs}{}", created(id));
    let received = |text: &str, message: usize| {
        let request = answers_of(text.as_bytes(), message);
        let answer = find(&request, Outcome::FragmentReceived, "BITS-Session-Id").clone();
        (outcomes(&request), answer)
    };
    // In order: the next byte after this fragment.
    let (list, answer) = received(&format!("{opened}{}", fragment(id, 0, 9, 30)), 2);
    assert_eq!(
        list,
        ["fragment-received", "fragment-received", "fragment-too-large", "upload-too-large", "session-not-found"]
    );
    assert!(answer.raw.contains("BITS-Received-Content-Range: 10\r\n"), "{}", answer.raw);
    assert!(answer.raw.contains(&format!("BITS-Session-Id: {id}\r\n")));
    // Overlap: the bytes past what the server holds are written.
    let overlap = format!("{opened}{}{}{}", fragment(id, 0, 9, 30), fragment_ack(id, 10), fragment(id, 5, 19, 30));
    assert!(received(&overlap, 4).1.raw.contains("BITS-Received-Content-Range: 20\r\n"));
    // A gap: only 416, naming where to resume.
    let gap = format!("{opened}{}{}{}", fragment(id, 0, 9, 30), fragment_ack(id, 10), fragment(id, 20, 29, 30));
    let request = answers_of(gap.as_bytes(), 4);
    assert_eq!(outcomes(&request)[0], "range-not-satisfiable");
    assert!(!outcomes(&request).contains(&"fragment-received"));
    assert!(request.answers[0].raw.starts_with("HTTP/1.1 416 Range Not Satisfiable\r\n"), "{}", request.answers[0].raw);
    assert!(request.answers[0].raw.contains("BITS-Received-Content-Range: 10\r\n"));
    // The final fragment: the reply URL variant and the server application's error.
    let last = format!("{opened}{}{}{}", fragment(id, 0, 9, 20), fragment_ack(id, 10), fragment(id, 10, 19, 20));
    let request = answers_of(last.as_bytes(), 4);
    let reply = find(&request, Outcome::FinalFragmentWithReply, "BITS-Reply-URL");
    assert!(reply.raw.contains(&format!("BITS-Reply-URL: BITS-Sessions\\Replies\\{id}\\responsefile.bin\r\n")));
    let failed = request.answers.iter().find(|a| a.outcome == Outcome::ServerApplicationError).unwrap();
    assert!(failed.raw.contains("BITS-Error-Context: 0x7\r\n"), "{}", failed.raw);
}

#[test]
fn the_session_id_on_later_acks_is_offered_both_ways() {
    let text = fixture("mc-bup-4.1-upload.http");
    let request = answers_of(&text, 6);
    assert_eq!(outcomes(&request), ["session-closed", "session-closed", "session-not-found"]);
    // [MC-BUP] wants the id echoed on 200; the Win32 pages and IIS leave it out.
    assert_eq!(profiles(&request.answers[0]), ["default", "win32", "mc-bup"]);
    assert_eq!(names(&request.answers[0]), ["BITS-Packet-Type", "BITS-Session-Id", "Content-Length"]);
    assert_eq!(profiles(&request.answers[1]), ["default", "win32"]);
    assert_eq!(names(&request.answers[1]), ["BITS-Packet-Type", "Content-Length"]);
    assert!(request.answers[0].headers[1].why.contains("differ"), "{}", request.answers[0].headers[1].why);
    let not_found = &request.answers[2];
    assert!(not_found.raw.contains("BITS-Error-Code: 0x8020001F\r\n"));
    assert!(not_found.headers[2].why.contains("resends Close-Session"), "{}", not_found.headers[2].why);
}

#[test]
fn ping_answers_include_the_http_level_challenges() {
    let text = fixture("mc-bup-4.1-upload.http");
    let request = answers_of(&text, 4);
    assert_eq!(outcomes(&request), ["pong", "authentication-required", "proxy-authentication-required"]);
    assert_eq!(request.answers[0].raw, "HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(
        request.answers[1].raw,
        "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Negotiate\r\nContent-Length: 0\r\n\r\n"
    );
    assert_eq!(request.answers[2].status, 407);
}

#[test]
fn answers_are_crlf_with_an_empty_body_and_their_headers_come_from_the_table() {
    use bits_inspector::bits::headers;
    for file in ["mc-bup-4.1-upload.http", "mc-bup-4.2-upload-reply.http"] {
        let text = fixture(file);
        let report = inspect(&text, &Options::default());
        for request in compose::all_answers(&report, &text) {
            for answer in request.unwrap().answers {
                assert!(answer.raw.ends_with("\r\n\r\n") && !answer.raw.replace("\r\n", "").contains('\n'));
                assert!(answer.raw.contains("\r\nContent-Length: 0\r\n"), "{}", answer.raw);
                let mut lines = answer.raw.split("\r\n");
                assert_eq!(
                    lines.next().unwrap(),
                    format!(
                        "HTTP/1.1 {} {}",
                        answer.status,
                        bits_inspector::bits::codes::http_reason_phrase(answer.status).unwrap()
                    )
                );
                for (header, line) in answer.headers.iter().zip(lines) {
                    assert_eq!(line, format!("{}: {}", header.name, header.value));
                    assert!(!header.why.is_empty() && !header.links.is_empty());
                    if let Some(key) = headers::key_of(header.name) {
                        let spec = key.spec();
                        assert!(header.why.starts_with(spec.summary), "{}", header.why);
                        assert_eq!(header.links.len(), spec.sources.len());
                    }
                }
            }
        }
    }
}

#[test]
fn requests_that_cannot_be_answered_say_why() {
    let text = fixture("mc-bup-4.1-upload.http");
    let report = inspect(&text, &Options::default());
    let response = compose::answers(&report, &text, 1).unwrap_err();
    assert!(matches!(response, Unanswerable::NotBitsRequest { message: 1, .. }));
    assert_eq!(
        response.to_string(),
        "message #1 (Ack for Create-Session) is not a BITS request: only BITS requests get an Ack"
    );
    let beyond = compose::answers(&report, &text, 99).unwrap_err();
    assert_eq!(beyond.to_string(), "message #99 does not exist: the input holds 8 message(s)");

    let unknown = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Frobnicate\r\nContent-Length: 0\r\n\r\n";
    let report = inspect(unknown, &Options::default());
    let why = compose::answers(&report, unknown, 0).unwrap_err();
    assert_eq!(why, Unanswerable::UnknownPacketType { message: 0 });
    assert!(why.to_string().contains("400"), "{why}");

    let no_range = "BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nBITS-Session-Id: {0F3C2A9E-5B71-4D2C-9A4E-6C1B2D3E4F50}\r\nContent-Length: 0\r\n\r\n";
    let report = inspect(no_range.as_bytes(), &Options::default());
    let why = compose::answers(&report, no_range.as_bytes(), 0).unwrap_err();
    assert!(why.to_string().contains("Content-Range is missing or unreadable"), "{why}");

    let no_id = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Close-Session\r\nContent-Length: 0\r\n\r\n";
    let report = inspect(no_id, &Options::default());
    assert!(compose::answers(&report, no_id, 0).unwrap_err().to_string().contains("BITS-Session-Id"));

    let get = b"GET / HTTP/1.1\r\nHost: a\r\n\r\n";
    let report = inspect(get, &Options::default());
    assert!(compose::all_answers(&report, get).is_empty());
    assert!(compose::answers(&report, get, 0)
        .unwrap_err()
        .to_string()
        .contains("message #0 (HTTP request) is not a BITS request"));
}

#[test]
fn outcome_names_are_their_serde_names_and_parse_back() {
    for outcome in Outcome::ALL {
        assert_eq!(serde_json::to_value(outcome).unwrap(), serde_json::json!(outcome.name()));
        assert_eq!(Outcome::parse(&outcome.name().to_uppercase()), Some(outcome));
    }
    assert_eq!(Outcome::parse("teapot"), None);
}

// ------------------------------------------------------------------------------ the CLI

fn run(args: &[&str], input: &[u8]) -> Output {
    cli::run_with_stdin(args, input)
}

#[test]
fn cli_json_has_the_documented_shape() {
    let o = run(&["compose", "--format", "json", "tests/fixtures/mc-bup-4.1-upload.http"], b"");
    assert_eq!(o.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let object = json.as_object().unwrap();
    assert_eq!(object.keys().collect::<Vec<_>>(), ["requests"]);
    let requests = json["requests"].as_array().unwrap();
    assert_eq!(requests.iter().map(|r| r["message"].as_u64().unwrap()).collect::<Vec<_>>(), [0, 2, 4, 6]);
    assert_eq!(requests[1]["packet"], "Fragment");
    let answer = &requests[0]["answers"][1];
    let mut keys: Vec<&String> = answer.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["headers", "outcome", "profiles", "raw", "status"]);
    assert_eq!(answer["outcome"], "session-created-201");
    assert_eq!(answer["status"], 201);
    assert_eq!(answer["profiles"], serde_json::json!(["default", "win32"]));
    assert!(answer["raw"].as_str().unwrap().starts_with("HTTP/1.1 201 Created\r\nBITS-Packet-Type: Ack\r\n"));
    let header = &answer["headers"][0];
    let mut keys: Vec<&String> = header.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(keys, ["links", "name", "value", "why"]);
    assert!(header["links"][0]["url"].as_str().unwrap().starts_with("https://"));
    // Several files: an array, each with its file.
    let both = [
        "compose",
        "--format",
        "json",
        "tests/fixtures/mc-bup-4.1-upload.http",
        "tests/fixtures/mc-bup-4.2-upload-reply.http",
    ];
    let json: serde_json::Value = serde_json::from_slice(&run(&both, b"").stdout).unwrap();
    let files: Vec<&str> = json.as_array().unwrap().iter().map(|f| f["file"].as_str().unwrap()).collect();
    assert_eq!(files, [both[3], both[4]]);
    assert!(!json[1]["requests"].as_array().unwrap().is_empty());
}

#[test]
fn cli_text_names_each_request_and_filters_by_outcome() {
    let o = run(&["compose", "--outcome", "fragment-received", "-"], &fixture("mc-bup-4.1-upload.http"));
    assert_eq!(o.status.code(), Some(0));
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(
        text.starts_with("#2 Fragment\n  fragment-received (200): default, win32, mc-bup\n    HTTP/1.1 200 OK\n"),
        "{text}"
    );
    assert!(!text.contains("Create-Session") && !text.contains("session-not-found"), "{text}");
    let o = run(&["compose", "--format", "json", "--outcome", "pong", "tests/fixtures/mc-bup-4.1-upload.http"], b"");
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["requests"].as_array().unwrap().len(), 1);
    assert_eq!(json["requests"][0]["answers"].as_array().unwrap().len(), 1);
}

#[test]
fn cli_says_why_a_request_gets_no_answer_and_exits_2_on_an_unreadable_file() {
    let o =
        run(&["compose", "-"], b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Frobnicate\r\nContent-Length: 0\r\n\r\n");
    assert_eq!(o.status.code(), Some(0));
    let stderr = String::from_utf8(o.stderr).unwrap();
    assert!(stderr.contains("<stdin>: message #0 is a BITS request without a known BITS-Packet-Type"), "{stderr}");
    assert!(String::from_utf8(o.stdout).unwrap().contains("without a known BITS-Packet-Type"));
    let o = run(&["compose", "tests/fixtures/no-such-file.http"], b"");
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8(o.stderr).unwrap().contains("cannot read tests/fixtures/no-such-file.http"));
    let o = run(&["compose", "--outcome", "teapot"], b"");
    assert_eq!(o.status.code(), Some(2));
    // Not HTTP at all: said, not a panic.
    let o = run(&["compose", "-"], b"\x00\xff\xfe garbage");
    assert_eq!(o.status.code(), Some(0));
    assert!(String::from_utf8(o.stdout).unwrap().contains("no BITS request to answer"));
}

#[test]
fn the_readme_example_is_what_the_tool_prints() {
    let readme = std::fs::read_to_string(manifest().join("README.md")).unwrap();
    let command = "$ bits-inspector compose --outcome session-closed tests/fixtures/mc-bup-4.1-upload.http\n";
    let start = readme.find(command).expect("the README shows compose") + command.len();
    let shown = &readme[start..start + readme[start..].find("```").unwrap()];
    let o = run(&["compose", "--outcome", "session-closed", "tests/fixtures/mc-bup-4.1-upload.http"], b"");
    assert_eq!(String::from_utf8(o.stdout).unwrap(), shown);
}

// ------------------------------------------------------------- generated conversations

/// One request of a generated conversation.
#[derive(Debug, Clone)]
enum Step {
    Ping,
    /// A fragment `shift` bytes away from where the server expects, `len` long.
    Fragment {
        shift: i8,
        len: u8,
    },
    Close,
    Cancel,
}

fn step() -> impl proptest::strategy::Strategy<Value = Step> {
    use proptest::prelude::*;
    prop_oneof![
        1 => Just(Step::Ping),
        6 => (prop_oneof![Just(0i8), Just(0), Just(-3), Just(4)], 1u8..25).prop_map(|(shift, len)| Step::Fragment { shift, len }),
        1 => Just(Step::Close),
        1 => Just(Step::Cancel),
    ]
}

const TOTAL: u64 = 60;

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// A conversation the composer answers itself: a Create-Session offering a generated
    /// list of protocols, then generated requests, each followed by one of its composed
    /// answers (chosen by the case). Every answer of every step inspects with no error
    /// under each profile it lists, in whatever state the answers before it left.
    #[test]
    fn composed_answers_hold_in_every_state_a_conversation_reaches(
        protocols in proptest::collection::vec(0usize..3, 0..3),
        steps in proptest::collection::vec((step(), 0usize..8), 1..8),
        first_choice in 0usize..8,
    ) {
        let guids = [PROTOCOL, "{00000000-0000-0000-0000-000000000001}", "{11111111-2222-3333-4444-555555555555}"];
        let offered: Vec<&str> = protocols.iter().map(|&i| guids[i]).collect();
        let header = if offered.is_empty() { String::new() } else { format!("BITS-Supported-Protocols: {}\r\n", offered.join(" ")) };
        let mut text = create_session(&header);
        let mut id = "{0F3C2A9E-5B71-4D2C-9A4E-6C1B2D3E4F50}".to_string();
        let mut next = 0u64;
        let mut message = 0;
        let mut choice = first_choice;
        let mut upcoming = steps.into_iter();
        loop {
            let report = inspect(text.as_bytes(), &Options::default());
            let request = compose::answers(&report, text.as_bytes(), message).unwrap();
            for answer in &request.answers {
                for &profile in &answer.profiles {
                    let errors = errors_of_answer(text.as_bytes(), &report, message, &answer.raw, profile);
                    proptest::prop_assert!(errors.is_empty(), "{}\n{}under {}: {errors:?}", text, answer.raw, profile.as_str());
                }
            }
            let answer = &request.answers[choice % request.answers.len()];
            let value = |name: &str| answer.headers.iter().find(|h| h.name == name).map(|h| h.value.clone());
            if let Some(issued) = value("BITS-Session-Id").filter(|_| request.packet == PacketType::CreateSession) {
                id = issued;
            }
            if let Some(received) = value("BITS-Received-Content-Range") {
                next = received.parse().unwrap();
            }
            text.push_str(&answer.raw);
            let Some((step, chosen)) = upcoming.next() else { break };
            choice = chosen;
            message = inspect(text.as_bytes(), &Options::default()).messages.len();
            let simple = |packet: &str| {
                format!("BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: {packet}\r\nBITS-Session-Id: {id}\r\nContent-Length: 0\r\n\r\n")
            };
            text.push_str(&match step {
                Step::Ping => "BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n".to_string(),
                Step::Close => simple("Close-Session"),
                Step::Cancel => simple("Cancel-Session"),
                Step::Fragment { shift, len } => {
                    let first = next.saturating_add_signed(i64::from(shift)).min(TOTAL - 1);
                    let last = (first + u64::from(len) - 1).min(TOTAL - 1);
                    fragment(&id, first, last, TOTAL)
                }
            });
        }
    }
}

#[test]
fn error_answers_come_in_both_spellings_of_the_error_header() {
    let text = fixture("mc-bup-4.1-upload.http");
    let request = answers_of(&text, 6);
    let not_found: Vec<&compose::Answer> =
        request.answers.iter().filter(|a| a.outcome == Outcome::SessionNotFound).collect();
    assert_eq!(not_found.len(), 2, "{not_found:#?}");
    let (win32, mc_bup) = (not_found[0], not_found[1]);
    assert!(win32.raw.contains("\r\nBITS-Error-Code: 0x8020001F\r\n"), "{}", win32.raw);
    assert!(mc_bup.raw.contains("\r\nBITS-Error: 0x8020001F\r\n"), "{}", mc_bup.raw);
    assert_eq!(mc_bup.raw.replace("BITS-Error:", "BITS-Error-Code:"), win32.raw, "the same Ack but for the name");
    // The [MC-BUP] name draws a note under default and a warning under win32 (9.D1).
    assert_eq!(profiles(mc_bup), ["mc-bup"]);
    let header = mc_bup.headers.iter().find(|h| h.name == "BITS-Error").unwrap();
    assert!(header.why.contains("9.D1") && header.why.contains("BITS-Error-Code"), "{}", header.why);
    // Every error answer of every request has its twin.
    for request in
        compose::all_answers(&bits_inspector::inspect(&text, &Options::default()), &text).into_iter().flatten()
    {
        let errors = request.answers.iter().filter(|a| names(a).contains(&"BITS-Error-Code")).count();
        let twins = request.answers.iter().filter(|a| names(a).contains(&"BITS-Error")).count();
        assert_eq!(errors, twins, "#{}", request.message);
    }
}
