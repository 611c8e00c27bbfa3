//! Cases for the rules about the conversation (reference section 8.2): every `session-*`
//! rule, notify-out-of-place and notify-body-length.
//!
//! Each input is a whole conversation built from the Windows-like messages of
//! tests/rules/wire.rs: a 30-byte file in three 10-byte fragments. The keeping input is the
//! breaking one with the one thing that breaks the rule put right.

#[path = "wire.rs"]
mod wire;

use super::{case, Case};
use wire::*;

/// A case from two conversations.
fn conversation(rule: &'static str, at: &'static str, breaks: &[String], keeps: &[String]) -> Case {
    case(rule, at, &talk(breaks), &talk(keeps))
}

pub fn cases() -> Vec<Case> {
    vec![
        // ------------------------------------------------------------ pairing (C1)
        // The capture starts after the first Fragment was sent.
        conversation(
            "session-ack-without-request",
            "1:1 HTTP/1.1 200 OK",
            &[ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
            &[fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        conversation(
            "session-request-not-acked",
            "32:11 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[created(ID), fragment(ID, 0, 9, TOTAL), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        // ------------------------------------------------------------ session ids (C2-C5)
        conversation(
            "session-unknown-id",
            "24:18 {C85B4E0A-9EB9-4114-BFA4-8A43B4710091}",
            &[created(ID), fragment(OTHER_ID, 0, 9, TOTAL), not_found()],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        conversation(
            "session-id-case",
            "24:18 upload-7f3a-session",
            &[created(TEXT_ID), fragment(&TEXT_ID.to_ascii_lowercase(), 0, 9, TOTAL), ack_fragment(10)],
            &[created(TEXT_ID), fragment(TEXT_ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        // The same for an Ack echoing the id: a GUID in other letter case is the same GUID
        // (the keeping input), an arbitrary string is not.
        conversation(
            "session-id-case",
            "39:18 upload-7f3a-session",
            &[
                created(TEXT_ID),
                fragment(TEXT_ID, 0, 9, TOTAL),
                with(ack_fragment(10), &format!("BITS-Session-Id: {}", TEXT_ID.to_ascii_lowercase())),
            ],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                with(ack_fragment(10), &format!("BITS-Session-Id: {}", ID.to_ascii_lowercase())),
            ],
        ),
        conversation(
            "session-ack-id-mismatch",
            "39:18 {C85B4E0A-9EB9-4114-BFA4-8A43B4710091}",
            &[created(ID), fragment(ID, 0, 9, TOTAL), with(ack_fragment(10), &format!("BITS-Session-Id: {OTHER_ID}"))],
            &[created(ID), fragment(ID, 0, 9, TOTAL), with(ack_fragment(10), &format!("BITS-Session-Id: {ID}"))],
        ),
        conversation(
            "session-protocol-not-offered",
            "16:16 {0b3c6a51-3f7e-4d52-9c1e-2a8f5d6e7b90}",
            &[create_session(), set(ack_create_session(ID), "BITS-Protocol", "{0b3c6a51-3f7e-4d52-9c1e-2a8f5d6e7b90}")],
            &[create_session(), ack_create_session(ID)],
        ),
        conversation(
            "session-no-session-yet",
            "4:18 {A0FF5911-4144-45B3-BF27-27AFC8EC8A67}",
            &[fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        // ------------------------------------------------------------ fragment arithmetic (C7-C11)
        conversation(
            "session-total-changed",
            "45:16 bytes 10-19/40",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 10, 19, 40),
                error_ack(400, E_INVALIDARG, CONTEXT_SERVER),
            ],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        conversation(
            "session-first-fragment-not-zero",
            "26:16 bytes 10-19/30",
            &[created(ID), fragment(ID, 10, 19, TOTAL), ack_range_not_satisfiable(0)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        conversation(
            "session-fragment-gap",
            "45:16 bytes 20-29/30",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(10),
            ],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        conversation(
            "session-fragment-overlap",
            "45:16 bytes 5-19/30",
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 5, 19, TOTAL), ack_fragment(20)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        // Resending a fragment whose Ack was an error is no duplicate.
        conversation(
            "session-fragment-duplicate",
            "45:16 bytes 0-9/30",
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                error_ack(500, E_FAIL, CONTEXT_SERVER),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
            ],
        ),
        conversation(
            "session-ack-range-wrong",
            "38:30 15",
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(15)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        conversation(
            "session-gap-accepted",
            "51:11 HTTP/1.1 200 OK",
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 20, 29, TOTAL), ack_fragment(30)],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(10),
            ],
        ),
        conversation(
            "session-416-range-wrong",
            "57:30 20",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(20),
            ],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(10),
            ],
        ),
        conversation(
            "session-received-range-decreased",
            "57:30 5",
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(5)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        conversation(
            "session-received-range-beyond-total",
            "38:30 31",
            &[created(ID), fragment(ID, 0, 29, TOTAL), ack_fragment(31)],
            &[created(ID), fragment(ID, 0, 29, TOTAL), ack_fragment(30)],
        ),
        conversation(
            "session-416-ignored",
            "64:16 bytes 20-29/30",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(10),
            ],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 20, 29, TOTAL),
                ack_range_not_satisfiable(10),
                fragment(ID, 10, 19, TOTAL),
                ack_fragment(20),
            ],
        ),
        conversation(
            "session-413-not-smaller",
            "44:16 bytes 0-29/30",
            &[created(ID), fragment(ID, 0, 29, TOTAL), ack_too_large(), fragment(ID, 0, 29, TOTAL), ack_too_large()],
            &[created(ID), fragment(ID, 0, 29, TOTAL), ack_too_large(), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        // ------------------------------------------------------------ one file, one encoding (C12, C13)
        conversation(
            "session-content-name-changed",
            "44:15 rfc2119-v2.txt",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                set(fragment(ID, 10, 19, TOTAL), "Content-Name", "rfc2119-v2.txt"),
                ack_fragment(20),
            ],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), fragment(ID, 10, 19, TOTAL), ack_fragment(20)],
        ),
        conversation(
            "session-content-encoding-mismatch",
            "31:19 gzip",
            &[created(ID), with(fragment(ID, 0, 9, TOTAL), "Content-Encoding: gzip"), ack_fragment(10)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10)],
        ),
        // ------------------------------------------------------------ reply, closing (C15-C19)
        conversation(
            "session-reply-url-not-final",
            "39:17 BITS-Sessions\\Replies\\{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}… (77 bytes)",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                with(ack_fragment(10), &format!("BITS-Reply-URL: {}", reply_url(ID))),
                fragment(ID, 10, 19, TOTAL),
                ack_fragment(20),
                last_fragment(ID),
                ack_fragment(30),
            ],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 10, 19, TOTAL),
                ack_fragment(20),
                last_fragment(ID),
                with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
            ],
        ),
        conversation(
            "session-reply-url-relative",
            "77:17 BITS-Sessions\\Replies\\{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}… (77 bytes)",
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
                get_reply(ID),
                reply_of(ID),
                closed(ID),
            ],
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                with(ack_fragment(30), &format!("BITS-Reply-URL: http://{HOST}{}", reply_path(ID))),
                get_reply(ID),
                reply_of(ID),
                closed(ID),
            ],
        ),
        // Giving up is what Cancel-Session is for.
        conversation(
            "session-close-before-complete",
            "40:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), close(ID), ack(200)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), ack_fragment(10), cancel(ID), ack(200)],
        ),
        conversation(
            "session-close-before-reply-download",
            "79:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
                closed(ID),
            ],
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
                get_reply(ID),
                reply_of(ID),
                closed(ID),
            ],
        ),
        conversation(
            "session-cancel-after-complete",
            "78:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[created(ID), upload(ID), cancel(ID), ack(200)],
            &[created(ID), upload(ID), close(ID), ack(200)],
        ),
        // Close-Session resent after its 200: the session is gone. After a 5xx it is not.
        conversation(
            "session-request-after-close",
            "95:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[created(ID), upload(ID), close(ID), ack(200), close(ID), not_found()],
            &[created(ID), upload(ID), close(ID), error_ack(500, E_FAIL, CONTEXT_SERVER), close(ID), ack(200)],
        ),
        conversation(
            "session-not-found-expected",
            "32:11 HTTP/1.1 200 OK",
            &[created(ID), fragment(OTHER_ID, 0, 9, TOTAL), ack_fragment(10)],
            &[created(ID), fragment(OTHER_ID, 0, 9, TOTAL), not_found()],
        ),
        // ------------------------------------------------------------ retries and errors (C20-C23)
        conversation(
            "session-resend-not-expected",
            "97:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[created(ID), upload(ID), close(ID), not_found(), close(ID), not_found()],
            &[created(ID), upload(ID), close(ID), error_ack(500, E_FAIL, CONTEXT_SERVER), close(ID), ack(200)],
        ),
        conversation(
            "session-restart-expected",
            "60:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 10, 19, TOTAL),
                not_found(),
                fragment(ID, 10, 19, TOTAL),
                not_found(),
            ],
            &[
                created(ID),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
                fragment(ID, 10, 19, TOTAL),
                not_found(),
                created(NEW_ID),
                fragment(NEW_ID, 0, 9, TOTAL),
                ack_fragment(10),
            ],
        ),
        conversation(
            "session-app-context-not-final",
            "32:11 HTTP/1.1 500 Internal Server Error",
            &[created(ID), fragment(ID, 0, 9, TOTAL), error_ack(500, E_FAIL, CONTEXT_APPLICATION)],
            &[created(ID), fragment(ID, 0, 9, TOTAL), error_ack(500, E_FAIL, CONTEXT_SERVER)],
        ),
        // ------------------------------------------------------------ Host-Id (C25, C26)
        conversation(
            "session-host-id-not-used",
            "38:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[
                create_session(),
                ack_create_session_on_host(ID, FARM_HOST),
                to(ping(), FARM_HOST),
                ack(200),
                fragment(ID, 0, 9, TOTAL),
                ack_fragment(10),
            ],
            &[
                create_session(),
                ack_create_session_on_host(ID, FARM_HOST),
                to(ping(), FARM_HOST),
                ack(200),
                to(fragment(ID, 0, 9, TOTAL), FARM_HOST),
                ack_fragment(10),
            ],
        ),
        conversation(
            "session-host-id-no-ping",
            "23:1 BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1",
            &[
                create_session(),
                ack_create_session_on_host(ID, FARM_HOST),
                to(fragment(ID, 0, 9, TOTAL), FARM_HOST),
                ack_fragment(10),
            ],
            &[
                create_session(),
                ack_create_session_on_host(ID, FARM_HOST),
                to(ping(), FARM_HOST),
                ack(200),
                to(fragment(ID, 0, 9, TOTAL), FARM_HOST),
                ack_fragment(10),
            ],
        ),
        // ------------------------------------------------------------ notification leg (C27-C29)
        conversation(
            "notify-out-of-place",
            "78:1 POST /bitsasp/test.REPLY HTTP/1.1",
            &[created(ID), upload(ID), notification(ID), app_response(200)],
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification(ID),
                app_response(200),
                with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
            ],
        ),
        conversation(
            "notify-body-length",
            "70:11 POST /bitsasp/test.REPLY HTTP/1.1",
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification_by_value(20),
                app_response(200),
                ack_fragment(30),
            ],
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification_by_value(TOTAL),
                app_response(200),
                ack_fragment(30),
            ],
        ),
        conversation(
            "session-reply-url-not-static",
            "94:17 BITS-Sessions\\Replies\\{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}… (77 bytes)",
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification(ID),
                with(app_response(200), &format!("BITS-Static-Response-URL: http://{HOST}/replies/static.bin")),
                with(ack_fragment(30), &format!("BITS-Reply-URL: {}", reply_url(ID))),
            ],
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification(ID),
                with(app_response(200), &format!("BITS-Static-Response-URL: http://{HOST}/replies/static.bin")),
                with(ack_fragment(30), &format!("BITS-Reply-URL: http://{HOST}/replies/static.bin")),
            ],
        ),
        conversation(
            "session-app-error-context",
            "86:1 HTTP/1.1 500 Internal Server Error",
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification(ID),
                app_response(500),
                error_ack(500, BG_E_HTTP_ERROR_500, CONTEXT_SERVER),
            ],
            &[
                created(ID),
                upload_but_last(ID),
                last_fragment(ID),
                notification(ID),
                app_response(500),
                error_ack(500, BG_E_HTTP_ERROR_500, CONTEXT_APPLICATION),
            ],
        ),
    ]
}
