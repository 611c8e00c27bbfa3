//! The values an answer carries, read from the request and the conversation before it, and
//! the outcomes each request has.

use super::answer::Unanswerable;
use super::outcome::{Challenge, Outcome, Plan, CONTEXT_REMOTE_APPLICATION, CONTEXT_REMOTE_FILE};
use crate::bits::codes::Hresult;
use crate::bits::headers::{self as h, HeaderKey};
use crate::bits::packet::{MessageKind, PacketType};
use crate::bits::values::{self, BITS15_PROTOCOL};
use crate::report::Report;

/// What the answers' values come from: the request and the conversation before it.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The session id the request carries, as written.
    session_id: Option<String>,
    /// Create-Session: the first offered protocol the server supports.
    protocol: Option<String>,
    /// Create-Session: the id the server issues, derived from the request's bytes.
    new_session_id: String,
    /// Fragment: its range.
    range: Option<values::ContentRange>,
    /// Fragment: the offset the server expects before it, when the conversation tells.
    expected: Option<u64>,
    /// An earlier Close-Session or Cancel-Session of the session was acknowledged with 200:
    /// the server no longer knows the id.
    released: bool,
}

impl Context {
    pub fn read(report: &Report, text: &[u8], message: usize, packet: PacketType) -> Result<Context, Unanswerable> {
        let m = &report.messages[message];
        let header = |name: &str| {
            let key: Option<HeaderKey> = h::key_of(name);
            m.headers.iter().find(|header| header.key.is_some() && header.key == key).map(|header| header.value(text))
        };
        let unreadable = |header: &'static str| Unanswerable::Unreadable { message, packet, header };
        let mut context = Context::default();
        if packet.carries_session_id() {
            let id = header(h::SESSION_ID).filter(|v| values::session_id_problem(v).is_none());
            context.session_id = Some(String::from_utf8_lossy(id.ok_or(unreadable(h::SESSION_ID))?).into_owned());
            context.released = released_before(report, message);
        }
        match packet {
            PacketType::CreateSession => {
                let offered = header(h::SUPPORTED_PROTOCOLS).map(values::parse_guid_list);
                let supported =
                    offered.iter().flat_map(|list| &list.entries).find(|(_, g)| *g == Some(BITS15_PROTOCOL));
                context.protocol = supported.map(|(written, _)| String::from_utf8_lossy(written).into_owned());
                context.new_session_id = session_id_for(m.span.slice(text));
            }
            PacketType::Fragment => {
                let range = header(h::CONTENT_RANGE).and_then(values::parse_content_range).filter(|r| r.is_valid());
                context.range = Some(range.ok_or(unreadable(h::CONTENT_RANGE))?);
                context.expected = expected_before(report, message);
            }
            _ => {}
        }
        Ok(context)
    }
}

/// The offset the server expects when `message` (a Fragment) arrives: what the last Ack
/// that moved it said (200 or 416 with BITS-Received-Content-Range), or the byte after a
/// fragment accepted without one or not yet answered; a failed fragment (413, 500, ...)
/// moves nothing. 0 when nothing moved it in a session created in the capture; unknown in
/// a session that began before it.
fn expected_before(report: &Report, message: usize) -> Option<u64> {
    let session = &report.sessions[report.messages[message].session?];
    let steps = &session.fragments;
    let here = steps.iter().position(|s| s.message == message)?;
    for before in steps[..here].iter().rev() {
        match (before.ack_status, before.next_expected) {
            (Some(200 | 201 | 416), Some(next)) => return Some(next),
            (Some(200 | 201) | None, None) => return Some(before.last + 1),
            _ => {}
        }
    }
    session.created_in_capture.then_some(0)
}

/// Whether the session of `message` was closed or cancelled, with a 200 Ack, before it.
fn released_before(report: &Report, message: usize) -> bool {
    let Some(session) = report.messages[message].session else { return false };
    report.sessions[session].messages.iter().filter(|&&i| i < message).any(|&i| {
        let m = &report.messages[i];
        matches!(m.kind, MessageKind::Request(PacketType::CloseSession | PacketType::CancelSession))
            && m.pair.is_some_and(|ack| report.messages[ack].status == Some(200))
    })
}

/// A fresh session id, the same for the same request: a version-4-shaped GUID whose bits
/// are a hash of the request's bytes (FNV-1a twice, with two offsets), upper case and
/// braced as Windows issues it. Not random, so the composer's output is reproducible.
fn session_id_for(request: &[u8]) -> String {
    let fnv =
        |seed: u64| request.iter().fold(seed, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3));
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&fnv(0xCBF2_9CE4_8422_2325).to_be_bytes());
    bytes[8..].copy_from_slice(&fnv(0x6C62_272E_07BB_0142).to_be_bytes());
    let id = uuid::Builder::from_random_bytes(bytes).into_uuid();
    format!("{{{:X}}}", id.hyphenated())
}

const SESSION_NOT_FOUND_CLOSE: &str = "On 500-599 the client resends Close-Session and Cancel-Session, unless \
BITS-Error-Code is BG_E_SESSION_NOT_FOUND, as here; it never resends on 100-499.";

/// The outcomes of a request of this type, with their values.
pub fn plans(packet: PacketType, context: &Context) -> Vec<Plan> {
    let not_found =
        Plan::new(Outcome::SessionNotFound, 500).error(Hresult::BG_E_SESSION_NOT_FOUND, CONTEXT_REMOTE_FILE);
    let not_found = match packet {
        PacketType::CloseSession | PacketType::CancelSession => not_found.note(SESSION_NOT_FOUND_CLOSE),
        _ => not_found,
    };
    // A released session is unknown to the server: whatever the request, that is the answer.
    if context.released {
        return vec![not_found];
    }
    match packet {
        PacketType::Ping => {
            let mut unauthorized = Plan::new(Outcome::AuthenticationRequired, 401);
            unauthorized.challenge = Some(Challenge { name: "WWW-Authenticate", value: "Negotiate" });
            let mut proxy = Plan::new(Outcome::ProxyAuthenticationRequired, 407);
            proxy.challenge = Some(Challenge { name: "Proxy-Authenticate", value: "Negotiate" });
            vec![Plan::new(Outcome::Pong, 200), unauthorized, proxy]
        }
        PacketType::CreateSession => {
            let mut plans = Vec::new();
            if let Some(protocol) = &context.protocol {
                let created = |outcome, status| {
                    Plan::new(outcome, status)
                        .with(h::PROTOCOL, protocol.clone())
                        .with(h::SESSION_ID, context.new_session_id.clone())
                        .with(h::ACCEPT_ENCODING, "Identity")
                };
                plans.push(created(Outcome::SessionCreated, 200));
                plans.push(created(Outcome::SessionCreated201, 201));
                // IIS's default BITSHostIdFallbackTimeout is a day; the host is the farm
                // member's own name, which only the server knows: a placeholder says so.
                plans.push(
                    created(Outcome::SessionCreatedInFarm, 200)
                        .with(h::HOST_ID, "farm-member.example")
                        .with(h::HOST_ID_FALLBACK_TIMEOUT, "86400"),
                );
            } else {
                plans.push(
                    Plan::new(Outcome::NoSupportedProtocol, 400).error(Hresult::E_INVALIDARG, CONTEXT_REMOTE_FILE),
                );
            }
            plans.push(Plan::new(Outcome::Forbidden, 403).error(Hresult::E_ACCESSDENIED, CONTEXT_REMOTE_FILE));
            plans.push(Plan::new(Outcome::NotFound, 404).error(Hresult::from_http_status(404), CONTEXT_REMOTE_FILE));
            plans.push(Plan::new(Outcome::Conflict, 409).error(Hresult::from_http_status(409), CONTEXT_REMOTE_FILE));
            plans
        }
        PacketType::Fragment => fragment_plans(context, not_found),
        PacketType::CloseSession | PacketType::CancelSession => {
            let done =
                if packet == PacketType::CloseSession { Outcome::SessionClosed } else { Outcome::SessionCancelled };
            let id = context.session_id.clone().unwrap_or_default();
            vec![Plan::new(done, 200).with(h::SESSION_ID, id), not_found]
        }
    }
}

fn fragment_plans(context: &Context, not_found: Plan) -> Vec<Plan> {
    let Some(range) = context.range else { return vec![not_found] };
    let id = context.session_id.clone().unwrap_or_default();
    let mut plans = Vec::new();
    // Unknown: the session began before the capture; the fragment is taken as in order.
    let expected = context.expected.unwrap_or(range.first);
    if range.first <= expected {
        // An overlap is written from the expected offset on (Win32 page's example).
        let next = expected.max(range.last + 1);
        let received = Plan::new(Outcome::FragmentReceived, 200)
            .with(h::SESSION_ID, id.clone())
            .with(h::RECEIVED_CONTENT_RANGE, next.to_string());
        if next == range.total {
            let reply = format!("BITS-Sessions\\Replies\\{id}\\responsefile.bin");
            let mut with_reply = received.clone().with(h::REPLY_URL, reply);
            with_reply.outcome = Outcome::FinalFragmentWithReply;
            plans.push(received);
            plans.push(with_reply);
            plans.push(
                Plan::new(Outcome::ServerApplicationError, 500)
                    .error(Hresult::from_http_status(500), CONTEXT_REMOTE_APPLICATION),
            );
        } else {
            plans.push(received);
        }
    } else {
        plans.push(
            Plan::new(Outcome::RangeNotSatisfiable, 416)
                .with(h::SESSION_ID, id)
                .with(h::RECEIVED_CONTENT_RANGE, expected.to_string()),
        );
    }
    plans.push(Plan::new(Outcome::FragmentTooLarge, 413).error(Hresult::from_http_status(413), CONTEXT_REMOTE_FILE));
    plans.push(Plan::new(Outcome::UploadTooLarge, 500).error(Hresult::BG_E_TOO_LARGE, CONTEXT_REMOTE_FILE));
    plans.push(not_found);
    plans
}
