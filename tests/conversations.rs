//! Whole conversations, inspected end to end: what the report says about pairing, sessions
//! and findings (reference sections 2, 7 and 8.2).
//!
//! The traffic is built from the Windows-like messages of tests/rules/wire.rs: a 30-byte
//! file in 10-byte fragments, session ids as IIS issues them.

#[path = "rules/wire.rs"]
mod wire;

use bits_inspector::bits::packet::PacketType;
use bits_inspector::http::Direction;
use bits_inspector::rules::conversation::SessionSummary;
use bits_inspector::{inspect, Options, Profile, Report, Severity};
use wire::*;

fn run(parts: &[String]) -> Report {
    run_as(parts, Profile::Default)
}

fn run_as(parts: &[String], profile: Profile) -> Report {
    inspect(&crlf(&talk(parts)), &Options { profile, ..Options::default() })
}

fn rules(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule).collect()
}

fn kinds(report: &Report) -> Vec<&'static str> {
    report.messages.iter().map(|m| m.kind.id()).collect()
}

/// Every finding at `severity` or above, with where and what, for assertion messages.
fn at_least(report: &Report, severity: Severity) -> Vec<String> {
    report
        .findings
        .iter()
        .filter(|f| f.severity >= severity)
        .map(|f| format!("{} ({}) on #{:?}: {}", f.rule, f.severity.as_str(), f.message, f.summary))
        .collect()
}

fn assert_no_errors(report: &Report) {
    let errors = at_least(report, Severity::Error);
    assert!(errors.is_empty(), "unexpected errors: {errors:#?}");
}

/// Only notes: nothing a reader has to act on.
fn assert_only_notes(report: &Report) {
    let above = at_least(report, Severity::Warning);
    assert!(above.is_empty(), "findings above note: {above:#?}");
}

/// The one finding of `rule`, which must be there exactly once.
fn the<'a>(report: &'a Report, rule: &str) -> &'a bits_inspector::report::Finding {
    let found: Vec<_> = report.findings.iter().filter(|f| f.rule == rule).collect();
    assert_eq!(found.len(), 1, "{rule} expected once in {:#?}", rules(report));
    found[0]
}

fn session<'a>(report: &'a Report, id: &str) -> &'a SessionSummary {
    report.sessions.iter().find(|s| s.id == id).unwrap_or_else(|| panic!("no session {id} in {:#?}", report.sessions))
}

/// Requests and responses alternate, and each response is paired with the request before it.
fn assert_each_answer_paired(report: &Report) {
    for pair in report.messages.chunks(2) {
        assert_eq!(pair[0].direction, Direction::Request, "#{}", pair[0].index);
        assert_eq!(pair[0].pair, Some(pair[1].index), "#{} {:?}", pair[0].index, pair[0].kind);
        assert_eq!(pair[1].pair, Some(pair[0].index), "#{} {:?}", pair[1].index, pair[1].kind);
    }
}

// ---------------------------------------------------------------- uploads done right

#[test]
fn multi_fragment_upload_done_right() {
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ]);
    assert_only_notes(&report);
    assert_eq!(
        kinds(&report),
        [
            "create-session",
            "ack-create-session",
            "fragment",
            "ack-fragment",
            "fragment",
            "ack-fragment",
            "fragment",
            "ack-fragment",
            "close-session",
            "ack-close-session"
        ]
    );
    assert_each_answer_paired(&report);
    assert!(
        report.messages.iter().all(|m| report.session_id(m.index) == Some(ID)),
        "every message belongs to the session"
    );

    assert_eq!(report.sessions.len(), 1);
    let s = &report.sessions[0];
    assert_eq!(s.id, ID);
    assert!(s.created_in_capture && s.complete && !s.unknown);
    assert_eq!((s.total, s.received), (Some(TOTAL), Some(TOTAL)));
    assert_eq!(s.ended_by, Some(PacketType::CloseSession));
    assert_eq!(s.messages, (0..10).collect::<Vec<_>>());
    let steps: Vec<_> = s
        .fragments
        .iter()
        .map(|f| (f.message, f.first, f.last, f.total, f.ack, f.ack_status, f.next_expected))
        .collect();
    assert_eq!(
        steps,
        [
            (2, 0, 9, TOTAL, Some(3), Some(200), Some(10)),
            (4, 10, 19, TOTAL, Some(5), Some(200), Some(20)),
            (6, 20, 29, TOTAL, Some(7), Some(200), Some(30)),
        ]
    );
}

#[test]
fn upload_done_right_is_clean_under_every_profile_but_for_what_iis_leaves_out() {
    let parts = [created(ID), upload(ID), closed(ID)];
    for profile in Profile::ALL {
        let report = run_as(&parts, profile);
        let conversation: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule.starts_with("session-") || f.rule.starts_with("notify-"))
            .map(|f| f.rule)
            .collect();
        assert!(conversation.is_empty(), "{profile:?}: {conversation:?}");
    }
}

// ---------------------------------------------------------------- fragment arithmetic

#[test]
fn a_gap_is_the_clients_error_and_a_416_with_the_right_offset_is_the_right_answer() {
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 20, 29, TOTAL),
        ack_range_not_satisfiable(10),
        fragment(ID, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ]);
    let gap = the(&report, "session-fragment-gap");
    assert_eq!((gap.severity, gap.message, gap.header.as_deref()), (Severity::Error, Some(4), Some("Content-Range")));
    assert!(gap.summary.contains("10-19"), "{}", gap.summary);
    assert_eq!(at_least(&report, Severity::Warning).len(), 1, "{:#?}", at_least(&report, Severity::Warning));
    let s = session(&report, ID);
    assert!(s.complete);
    assert_eq!(s.fragments[1].ack_status, Some(416));
    assert_eq!(s.fragments[1].next_expected, Some(10));
}

#[test]
fn a_server_that_accepts_a_gap_is_wrong_too() {
    let report =
        run(&[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 20, 29, TOTAL), ack_fragment(30)]);
    let rules = rules(&report);
    assert!(rules.contains(&"session-fragment-gap"));
    assert_eq!(the(&report, "session-gap-accepted").message, Some(5));
}

#[test]
fn an_overlap_is_a_note_by_default_a_warning_under_mc_bup_and_fine_under_win32() {
    let parts = [
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 5, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ];
    let report = run(&parts);
    let overlap = the(&report, "session-fragment-overlap");
    assert_eq!((overlap.severity, overlap.message), (Severity::Note, Some(4)));
    assert!(overlap.summary.contains("5-9"), "{}", overlap.summary);
    assert_only_notes(&report);
    assert!(session(&report, ID).complete);

    let mc_bup = run_as(&parts, Profile::McBup);
    assert_eq!(the(&mc_bup, "session-fragment-overlap").severity, Severity::Warning);
    let win32 = run_as(&parts, Profile::Win32);
    assert!(!rules(&win32).contains(&"session-fragment-overlap"));
}

#[test]
fn resending_a_fragment_after_a_5xx_ack_is_no_error() {
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, TOTAL),
        error_ack(500, E_FAIL, CONTEXT_SERVER),
        fragment(ID, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ]);
    assert_only_notes(&report);
    assert!(!rules(&report).contains(&"session-fragment-duplicate"));
    let s = session(&report, ID);
    assert!(s.complete);
    assert_eq!(s.fragments.len(), 4);
    assert_eq!((s.fragments[1].ack_status, s.fragments[1].next_expected), (Some(500), None));
}

#[test]
fn resending_a_fragment_whose_ack_was_lost_is_no_error() {
    // Captured at the server: the 200 went out but never reached the client, which resends.
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ]);
    assert_only_notes(&report);
    assert_eq!(the(&report, "session-fragment-duplicate").message, Some(4));
    assert!(session(&report, ID).complete);

    // Captured at the client: the Ack never arrived, the fragment goes again.
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ]);
    assert_no_errors(&report);
    assert_eq!(the(&report, "session-request-not-acked").message, Some(3));
    let s = session(&report, ID);
    assert!(s.complete);
    assert_eq!((s.fragments[0].ack, s.fragments[1].ack), (None, Some(4)));
}

#[test]
fn an_ack_missing_from_the_capture_is_not_taken_for_a_gap() {
    // Fragment 0-9 was answered, but the capture lost the Ack: the next fragment starting
    // at 10 is what the client was told, not a gap.
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        fragment(ID, 10, 19, TOTAL),
        ack_fragment(20),
        fragment(ID, 20, 29, TOTAL),
        ack_fragment(30),
        closed(ID),
    ]);
    assert_no_errors(&report);
    assert_eq!(the(&report, "session-request-not-acked").message, Some(3));
    assert!(session(&report, ID).complete);
}

#[test]
fn a_changed_total_is_an_error() {
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, 40),
        error_ack(400, E_INVALIDARG, CONTEXT_SERVER),
    ]);
    let changed = the(&report, "session-total-changed");
    assert_eq!((changed.severity, changed.message), (Severity::Error, Some(4)));
    assert!(changed.summary.contains("40") && changed.summary.contains("30"), "{}", changed.summary);
    assert_eq!(at_least(&report, Severity::Error).len(), 1, "{:#?}", at_least(&report, Severity::Error));
    assert_eq!(session(&report, ID).total, Some(TOTAL));
}

// ---------------------------------------------------------------- ending a session

#[test]
fn cancel_ends_the_session_without_complaint() {
    let report = run(&[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), cancel(ID), ack(200)]);
    assert_only_notes(&report);
    assert_eq!(kinds(&report)[4..], ["cancel-session", "ack-cancel-session"]);
    let s = session(&report, ID);
    assert_eq!(s.ended_by, Some(PacketType::CancelSession));
    assert!(!s.complete);
    assert_eq!(s.received, Some(10));
}

#[test]
fn close_before_complete_is_a_warning() {
    let report = run(&[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), close(ID), ack(200)]);
    let early = the(&report, "session-close-before-complete");
    assert_eq!((early.severity, early.message), (Severity::Warning, Some(4)));
    assert!(early.summary.contains("10 of 30"), "{}", early.summary);
    assert_no_errors(&report);
    let s = session(&report, ID);
    assert_eq!(s.ended_by, Some(PacketType::CloseSession));
    assert!(!s.complete);
}

#[test]
fn a_request_after_close_should_get_session_not_found() {
    let report = run(&[created(ID), upload(ID), closed(ID), fragment(ID, 20, 29, TOTAL), ack_fragment(30)]);
    assert_eq!(the(&report, "session-request-after-close").message, Some(10));
    assert_eq!(the(&report, "session-not-found-expected").message, Some(11));
}

// ---------------------------------------------------------------- unknown sessions

#[test]
fn unknown_session_answered_not_found_then_the_client_starts_over() {
    let report = run(&[
        created(ID),
        fragment(OTHER_ID, 0, 9, TOTAL),
        not_found(),
        created(NEW_ID),
        upload(NEW_ID),
        closed(NEW_ID),
    ]);
    // The client used an id nobody issued: that is its error, and the only one.
    let unknown = the(&report, "session-unknown-id");
    assert_eq!((unknown.severity, unknown.message), (Severity::Error, Some(2)));
    assert_eq!(at_least(&report, Severity::Error).len(), 1, "{:#?}", at_least(&report, Severity::Error));
    // The server's 500 with BG_E_SESSION_NOT_FOUND is the right answer.
    let answer = &report.messages[3];
    assert_eq!((answer.kind.id(), answer.pair, answer.status), ("ack-fragment", Some(2), Some(500)));
    assert!(answer.findings.iter().all(|&i| report.findings[i].severity < Severity::Warning), "{:#?}", rules(&report));
    // Starting over with Create-Session is what the client must do.
    assert!(!rules(&report).contains(&"session-restart-expected"));
    assert!(!rules(&report).contains(&"session-not-found-expected"));
    assert!(session(&report, OTHER_ID).unknown);
    let restarted = session(&report, NEW_ID);
    assert!(restarted.complete && restarted.created_in_capture);
    assert_eq!(restarted.ended_by, Some(PacketType::CloseSession));
}

#[test]
fn a_session_the_server_forgot_restarts_from_zero_under_a_new_id() {
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, TOTAL),
        not_found(),
        ping(),
        ack(200),
        created(NEW_ID),
        upload(NEW_ID),
        closed(NEW_ID),
    ]);
    assert_only_notes(&report);
    assert!(!session(&report, ID).complete);
    assert!(session(&report, NEW_ID).complete);
}

#[test]
fn going_on_after_session_not_found_is_flagged() {
    let report = run(&[
        created(ID),
        fragment(ID, 0, 9, TOTAL),
        ack_fragment(10),
        fragment(ID, 10, 19, TOTAL),
        not_found(),
        fragment(ID, 10, 19, TOTAL),
        not_found(),
    ]);
    assert_eq!(the(&report, "session-restart-expected").message, Some(6));
}

// ---------------------------------------------------------------- Host-Id

#[test]
fn requests_go_to_the_host_id_host() {
    let parts = |fragment_host: &str| {
        vec![
            create_session(),
            ack_create_session_on_host(ID, FARM_HOST),
            to(ping(), FARM_HOST),
            ack(200),
            to(fragment(ID, 0, 9, TOTAL), FARM_HOST),
            ack_fragment(10),
            to(fragment(ID, 10, 19, TOTAL), fragment_host),
            ack_fragment(20),
            to(fragment(ID, 20, 29, TOTAL), FARM_HOST),
            ack_fragment(30),
            to(close(ID), FARM_HOST),
            ack(200),
        ]
    };
    // The host compares case-insensitively, as in [MC-BUP] 4.2 (FRANKCAO8 vs frankcao8).
    let report = run(&parts(&FARM_HOST.to_ascii_lowercase()));
    assert_only_notes(&report);
    let s = session(&report, ID);
    assert_eq!(s.host_id.as_deref(), Some(FARM_HOST));
    assert!(s.complete);

    let report = run(&parts(HOST));
    let elsewhere = the(&report, "session-host-id-not-used");
    assert_eq!((elsewhere.severity, elsewhere.message), (Severity::Warning, Some(6)));
    assert!(elsewhere.summary.contains(HOST), "{}", elsewhere.summary);
    assert_no_errors(&report);
    assert_eq!(the(&run_as(&parts(HOST), Profile::Win32), "session-host-id-not-used").severity, Severity::Error);
}

#[test]
fn the_host_id_host_is_pinged_first() {
    let report = run(&[
        create_session(),
        ack_create_session_on_host(ID, FARM_HOST),
        to(fragment(ID, 0, 9, TOTAL), FARM_HOST),
        ack_fragment(10),
    ]);
    assert_eq!(the(&report, "session-host-id-no-ping").severity, Severity::Note);
}

// ---------------------------------------------------------------- upload-reply

fn upload_reply(tail: &[String]) -> Report {
    let mut parts = vec![
        created(ID),
        upload_but_last(ID),
        last_fragment(ID),
        notification(ID),
        app_response(200),
        with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
    ];
    parts.extend_from_slice(tail);
    run(&parts)
}

#[test]
fn upload_reply_fetches_the_reply_then_closes() {
    let report = upload_reply(&[get_reply(ID), reply_of(ID), closed(ID)]);
    assert_only_notes(&report);
    assert_eq!(
        kinds(&report)[6..],
        [
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
    assert_eq!(report.messages[9].pair, Some(6), "the final Ack answers the final fragment");
    assert_eq!(report.messages[8].pair, Some(7), "the application answers the notification");
    assert_eq!(report.messages[10].pair, Some(11));
    let s = session(&report, ID);
    assert!(s.complete && s.reply_downloaded);
    assert_eq!(s.reply_url.as_deref(), Some(reply_url(ID).as_str()));
    assert_eq!(s.ended_by, Some(PacketType::CloseSession));
    // The GET and its answer belong to the session.
    for m in [10, 11] {
        assert_eq!(report.session_id(m), Some(ID), "#{m}");
    }
    // The relative reply URL is resolved against the upload URL's folder.
    assert!(the(&report, "session-reply-url-relative").summary.contains("/upload/BITS-Sessions/Replies/"));
}

#[test]
fn an_absolute_reply_url_outside_the_iis_folder_is_matched_by_its_address() {
    let path = "/replies/job-42.bin";
    let report = run(&[
        created(ID),
        upload_but_last(ID),
        last_fragment(ID),
        with(ack_fragment(30), &format!("BITS-Reply-URL: http://{HOST}{path}")),
        get(path, 10),
        reply(path, 10),
        closed(ID),
    ]);
    assert_only_notes(&report);
    assert_eq!(report.messages[8].kind.id(), "reply-download");
    assert_eq!(report.messages[9].kind.id(), "reply-download-response");
    assert!(session(&report, ID).reply_downloaded);
}

#[test]
fn closing_before_the_reply_download_loses_the_reply() {
    let report = upload_reply(&[closed(ID), get_reply(ID), http_not_found()]);
    let lost = the(&report, "session-close-before-reply-download");
    assert_eq!((lost.severity, lost.message), (Severity::Warning, Some(10)));
    assert_eq!(report.messages[12].kind.id(), "reply-download");
}

#[test]
fn an_upload_reply_that_never_downloads_its_reply() {
    let report = upload_reply(&[closed(ID)]);
    assert_eq!(the(&report, "session-close-before-reply-download").message, Some(10));
    let s = session(&report, ID);
    assert!(s.complete && !s.reply_downloaded);
}

#[test]
fn the_notification_belongs_between_the_final_fragment_and_its_ack() {
    let report = run(&[created(ID), upload(ID), notification(ID), app_response(200), closed(ID)]);
    assert_eq!(the(&report, "notify-out-of-place").message, Some(8));
}

// ---------------------------------------------------------------- retries of Close-Session and Cancel-Session

fn close_answered(first_answer: String, then: &[String]) -> Report {
    let mut parts = vec![created(ID), upload(ID), close(ID), first_answer];
    parts.extend_from_slice(then);
    run(&parts)
}

#[test]
fn close_session_is_resent_after_a_5xx_without_session_not_found() {
    for answer in [error_ack(500, E_FAIL, CONTEXT_SERVER), error_ack(503, E_FAIL, CONTEXT_SERVER), ack(503)] {
        let report = close_answered(answer, &[closed(ID)]);
        assert!(!rules(&report).contains(&"session-resend-not-expected"), "{:#?}", rules(&report));
        assert!(!rules(&report).contains(&"session-request-after-close"));
        assert_no_errors(&report);
        assert_eq!(session(&report, ID).ended_by, Some(PacketType::CloseSession));
    }
}

#[test]
fn close_session_is_not_resent_after_session_not_found() {
    let report = close_answered(not_found(), &[close(ID), not_found()]);
    let resend = the(&report, "session-resend-not-expected");
    assert_eq!((resend.severity, resend.message), (Severity::Warning, Some(10)));
    assert!(resend.summary.contains("BG_E_SESSION_NOT_FOUND"), "{}", resend.summary);
    // Reported once, as a resend, not again as a missing restart.
    assert!(!rules(&report).contains(&"session-restart-expected"));
}

#[test]
fn close_session_is_not_resent_after_a_4xx() {
    let report = close_answered(ack(404), &[closed(ID)]);
    let resend = the(&report, "session-resend-not-expected");
    assert_eq!(resend.message, Some(10));
    assert_eq!(resend.severity, Severity::Warning);
    assert!(resend.summary.contains("404"), "{}", resend.summary);
}

#[test]
fn cancel_session_follows_the_same_resend_rules_and_needs_no_restart() {
    let cancelled = |first: String| {
        run(&[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), cancel(ID), first, cancel(ID), ack(200)])
    };
    let report = cancelled(error_ack(500, E_FAIL, CONTEXT_SERVER));
    assert!(!rules(&report).contains(&"session-resend-not-expected"));
    assert_eq!(session(&report, ID).ended_by, Some(PacketType::CancelSession));

    let report = cancelled(not_found());
    assert_eq!(the(&report, "session-resend-not-expected").message, Some(6));
    assert!(!rules(&report).contains(&"session-restart-expected"));

    // After BG_E_SESSION_NOT_FOUND for Cancel-Session the job is over: nothing more expected.
    let report =
        run(&[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), cancel(ID), not_found(), ping(), ack(200)]);
    assert!(!rules(&report).contains(&"session-restart-expected"));
}

// ---------------------------------------------------------------- Content-Name

#[test]
fn content_name_stays_the_one_of_create_session() {
    let report = run(&[created(ID), set(fragment(ID, 0, 9, TOTAL), "Content-Name", "other.txt"), ack_fragment(10)]);
    let changed = the(&report, "session-content-name-changed");
    assert_eq!((changed.severity, changed.message), (Severity::Warning, Some(2)));

    let report = run(&[created(ID), upload(ID), closed(ID)]);
    assert!(!rules(&report).contains(&"session-content-name-changed"));
}
