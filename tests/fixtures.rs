//! The real Windows/IIS captures of [MC-BUP] section 4: what a correct inspector says
//! about them (tests/fixtures/README.md).

use bits_inspector::bits::packet::PacketType;
use bits_inspector::http::Direction;
use std::path::{Path, PathBuf};

use bits_inspector::{inspect, Options, Profile, Report, Severity};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)).unwrap()
}

fn real_captures() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .chain(std::fs::read_dir(dir.join("messages")).unwrap())
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "http"))
        .collect();
    files.sort();
    files
}

fn check(name: &str) -> Report {
    inspect(&fixture(name), &Options::default())
}

fn kinds(report: &Report) -> Vec<&str> {
    report.messages.iter().map(|m| m.kind.id()).collect()
}

fn rules_with(report: &Report, severity: Severity) -> Vec<&str> {
    report.findings.iter().filter(|f| f.severity == severity).map(|f| f.rule).collect()
}

#[test]
fn fixtures_are_byte_exact_copies_of_the_shared_captures() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/captures");
    if !shared.exists() {
        eprintln!("../shared/captures not present: nothing to compare against");
        return;
    }
    let files = real_captures();
    assert_eq!(files.len(), 22);
    for file in files {
        let relative = file.strip_prefix(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")).unwrap();
        let original = std::fs::read(shared.join(relative)).unwrap();
        assert_eq!(std::fs::read(&file).unwrap(), original, "{} differs from the shared capture", relative.display());
    }
}

#[test]
fn every_real_capture_has_no_error_under_the_default_profile() {
    for file in real_captures() {
        let report = inspect(&std::fs::read(&file).unwrap(), &Options::default());
        let errors: Vec<_> = report.findings.iter().filter(|f| f.severity == Severity::Error).collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", file.display());
        assert!(!report.messages.is_empty(), "{}", file.display());
    }
}

#[test]
fn plain_upload_is_decoded_paired_and_complete() {
    let report = check("mc-bup-4.1-upload.http");
    assert_eq!(
        kinds(&report),
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
    for pair in report.messages.chunks(2) {
        assert_eq!(pair[0].pair, Some(pair[1].index));
        assert_eq!(pair[1].pair, Some(pair[0].index));
    }
    assert_eq!(report.messages[2].body.length, 4892);
    assert!(!report.messages[2].body.truncated);
    let session = &report.sessions[0];
    assert_eq!(session.id, "{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}");
    assert!(session.complete && session.created_in_capture);
    assert_eq!(session.ended_by, Some(PacketType::CloseSession));
    assert_eq!(session.fragments.len(), 1);
    assert_eq!(session.fragments[0].next_expected, Some(4892));
    assert_eq!(report.session_id(6), Some(session.id.as_str()));
}

#[test]
fn upload_reply_with_host_id_recognises_every_leg() {
    let report = check("mc-bup-4.2-upload-reply.http");
    assert_eq!(
        kinds(&report),
        [
            "create-session",
            "ack-create-session",
            "ping",
            "ack-ping",
            "fragment",
            "notification",
            "notification-response",
            "ack-fragment",
            "reply-download",
            "reply-download-response",
            "close-session",
            "ack-close-session"
        ]
    );
    let pairs: Vec<(usize, usize)> = report
        .messages
        .iter()
        .filter(|m| m.direction == Direction::Request)
        .map(|m| (m.index, m.pair.unwrap()))
        .collect();
    assert_eq!(pairs, [(0, 1), (2, 3), (4, 7), (5, 6), (8, 9), (10, 11)]);
    let session = &report.sessions[0];
    assert_eq!(session.host_id.as_deref(), Some("FRANKCAO8"));
    assert!(session.complete && session.reply_downloaded);
    assert_eq!(
        session.reply_url.as_deref(),
        Some("BITS-Sessions\\Replies\\{C85B4E0A-9EB9-4114-BFA4-8A43B4710091}\\responsefile.bin")
    );
    // The spec cut the 206 body: a truncated capture, said as a note, and the
    // Close-Session glued to the cut is still found.
    assert!(report.messages[9].body.truncated);
    assert_eq!(report.messages[9].body.announced, Some(9977));
}

#[test]
fn departures_from_one_document_are_notes_naming_what_windows_does() {
    let report = check("mc-bup-4.1-upload.http");
    let notes = rules_with(&report, Severity::Note);
    // IIS leaves BITS-Session-Id out of the Acks for Fragment and Close-Session.
    assert_eq!(notes.iter().filter(|r| **r == "ack-session-id-missing").count(), 2);
    // Content-Name on Create-Session and Close-Session.
    assert!(notes.contains(&"content-name-outside-first-fragment"));
    assert!(notes.contains(&"content-name-on-close-or-cancel"));
    assert!(rules_with(&report, Severity::Warning).is_empty());
    // `Accept-encoding` (IIS's spelling) is the same header.
    assert!(!report.findings.iter().any(|f| f.rule.starts_with("ack-create-session-accept-encoding")));

    let reply = check("mc-bup-4.2-upload-reply.http");
    assert!(rules_with(&reply, Severity::Note).contains(&"session-reply-url-relative"));
}

#[test]
fn headers_only_files_are_truncated_captures_not_broken_packets() {
    for name in ["messages/03-mcbup41-fragment-request-headers.http", "messages/18-mcbup42-206-reply-partial.http"] {
        let report = check(name);
        assert_eq!(rules_with(&report, Severity::Note).iter().filter(|r| **r == "http-body-truncated").count(), 1);
        assert!(report.messages[0].body.truncated);
    }
    assert_eq!(kinds(&check("messages/18-mcbup42-206-reply-partial.http")), ["reply-download-response"]);
    assert_eq!(kinds(&check("messages/14-mcbup42-backend-notification-post.http")), ["notification"]);
}

#[test]
fn lone_acks_are_checked_with_what_the_ack_alone_tells() {
    let report = check("messages/10-mcbup42-ack-create-session-host-id.http");
    assert_eq!(kinds(&report), ["ack"]);
    assert!(report.messages[0].label().contains("Create-Session"));
    assert_eq!(rules_with(&report, Severity::Note), ["session-ack-without-request"]);
}

#[test]
fn the_letter_of_each_document_grades_the_same_traffic_differently() {
    let input = fixture("mc-bup-4.1-upload.http");
    let under = |profile| inspect(&input, &Options { profile, ..Options::default() });
    let mc_bup = under(Profile::McBup);
    assert_eq!(rules_with(&mc_bup, Severity::Error), ["ack-session-id-missing", "ack-session-id-missing"]);
    let win32 = under(Profile::Win32);
    assert!(rules_with(&win32, Severity::Error).is_empty());
    assert!(rules_with(&win32, Severity::Warning).contains(&"ack-session-id-missing"));
}

#[test]
fn every_header_of_the_captures_is_decoded_into_words_where_bits_defines_it() {
    let report = check("mc-bup-4.2-upload-reply.http");
    let text = fixture("mc-bup-4.2-upload-reply.http");
    let decoded = |message: usize, name: &str| -> String {
        let m = report.detail(message, &text);
        m.headers.iter().find(|h| h.name.eq_ignore_ascii_case(name)).and_then(|h| h.decoded.clone()).unwrap()
    };
    assert!(decoded(0, "BITS-Supported-Protocols").contains("BITS 1.5 Upload Protocol"));
    assert!(decoded(1, "BITS-Host-Id-Fallback-Timeout").contains("1 min 50 s"));
    assert!(decoded(4, "Content-Range").contains("bytes 0 to 4891 of 4892"));
    assert!(decoded(7, "BITS-Received-Content-Range").contains("4892"));
    assert!(decoded(1, "BITS-Session-Id").contains("c85b4e0a-9eb9-4114-bfa4-8a43b4710091"));
    assert_eq!(report.messages[9].status_text, Some("Partial Content"));
}
