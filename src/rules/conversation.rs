//! Conversation checks (reference section 8.2): one pass over the classified messages,
//! keeping per-session state. Kept apart from parsing and per-message rules, like a TLS
//! state machine apart from record parsing.

use std::collections::HashMap;

use serde::Serialize;

use crate::bits::classify::MessageView;
use crate::bits::codes::Hresult;
use crate::bits::headers::{self as h};
use crate::bits::packet::{MessageKind, PacketType};
use crate::bits::values::{self, ContentRange};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::headers::finding;
use crate::span::Span;

/// One fragment of a session as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FragmentStep {
    pub message: usize,
    pub first: u64,
    pub last: u64,
    pub total: u64,
    pub ack: Option<usize>,
    pub ack_status: Option<u16>,
    /// BITS-Received-Content-Range of the Ack: the next byte the server expects.
    pub next_expected: Option<u64>,
}

/// What the capture shows of one upload session.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SessionSummary {
    pub id: String,
    /// The session was created in this capture (else it started before the capture).
    pub created_in_capture: bool,
    pub messages: Vec<usize>,
    pub fragments: Vec<FragmentStep>,
    pub total: Option<u64>,
    pub received: Option<u64>,
    pub complete: bool,
    pub host_id: Option<String>,
    pub reply_url: Option<String>,
    pub reply_downloaded: bool,
    /// `close-session`, `cancel-session`, or absent while the session is still open.
    pub ended_by: Option<&'static str>,
    /// Set for ids no Ack for Create-Session issued although the capture shows sessions being created.
    pub unknown: bool,
}

#[derive(Default)]
struct Session {
    summary: SessionSummary,
    id: Vec<u8>,
    upload_target: Vec<u8>,
    host_id: Option<Vec<u8>>,
    accept_encoding: Option<Vec<u8>>,
    next_expected: Option<u64>,
    total: Option<u64>,
    fragments_seen: usize,
    content_name: Option<Vec<u8>>,
    content_encoding: Option<Option<Vec<u8>>>,
    complete: bool,
    reply_path: Option<Vec<u8>>,
    reply_downloaded: bool,
    closed: bool,
    unknown: bool,
    created_in_capture: bool,
    corrected_to: Option<u64>,
    too_large: Option<(u64, u64)>,
    static_url: Option<Vec<u8>>,
    app_failed: bool,
}

struct CloseAnswer {
    packet: PacketType,
    session: usize,
    status: u16,
    error: Option<Hresult>,
}

#[derive(Default)]
struct Conversation {
    sessions: Vec<Session>,
    by_id: HashMap<Vec<u8>, usize>,
    /// Session each message belongs to.
    session_of: Vec<Option<usize>>,
    any_created: bool,
    /// The BITS request awaiting its Ack, per connection (C1 is per connection).
    pending_request: PerConnection,
    restart_expected: Option<usize>,
    last_close_answer: Option<CloseAnswer>,
    host_ping_expected: Option<(usize, Vec<u8>)>,
    final_fragment_outstanding: Option<usize>,
    notified_session: Option<usize>,
}

pub struct Outcome {
    pub session_of: Vec<Option<usize>>,
    pub sessions: Vec<SessionSummary>,
}

pub fn check(views: &[MessageView], out: &mut Vec<RawFinding>) -> Outcome {
    let mut c = Conversation { session_of: vec![None; views.len()], ..Default::default() };
    for view in views {
        match view.kind {
            MessageKind::Request(t) => c.request(views, view, t, out),
            MessageKind::UnknownRequest => c.note_request_order(view, out),
            MessageKind::Ack(t) if view.is_ack_attempt() => c.ack(views, view, t, out),
            MessageKind::Ack(_) => c.clear_pending(view),
            MessageKind::UnknownAck(_) => {
                c.clear_pending(view);
                if view.pair.is_none() {
                    out.push(
                        RawFinding::new(
                            Rule::SessionAckWithoutRequest,
                            view.msg.start_line_span,
                            "no unanswered BITS request precedes this Ack",
                        )
                        .in_message(view.index),
                    );
                }
            }
            MessageKind::Notification => c.notification(view, out),
            MessageKind::NotificationResponse => c.notification_response(view),
            MessageKind::ReplyDownload => c.reply_download(view),
            _ => {}
        }
    }
    let sessions = c.sessions.into_iter().map(Session::into_summary).collect();
    Outcome { session_of: c.session_of, sessions }
}

impl Session {
    /// The summary gathered along the way, with the state the whole pass ended in.
    fn into_summary(self) -> SessionSummary {
        SessionSummary {
            total: self.total,
            received: self.next_expected,
            complete: self.complete,
            reply_downloaded: self.reply_downloaded,
            unknown: self.unknown,
            ..self.summary
        }
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn at(view: &MessageView, rule: Rule, summary: String) -> RawFinding {
    RawFinding::new(rule, view.msg.start_line_span, summary).in_message(view.index)
}

fn value_span(view: &MessageView, name: &str) -> Span {
    view.header(name).map_or(view.msg.start_line_span, |hd| hd.value)
}

/// A message index per connection (`None`: pasted text, one conversation). Connections
/// are numbered from 0, so a vector indexed by them beats hashing on every message.
#[derive(Default)]
struct PerConnection(Vec<Option<usize>>);

impl PerConnection {
    fn slot(connection: Option<usize>) -> usize {
        connection.map_or(0, |c| c + 1)
    }

    fn get(&self, connection: Option<usize>) -> Option<usize> {
        self.0.get(Self::slot(connection)).copied().flatten()
    }

    fn take(&mut self, connection: Option<usize>) -> Option<usize> {
        self.0.get_mut(Self::slot(connection)).and_then(Option::take)
    }

    fn replace(&mut self, connection: Option<usize>, message: usize) -> Option<usize> {
        let slot = Self::slot(connection);
        if self.0.len() <= slot {
            self.0.resize(slot + 1, None);
        }
        self.0[slot].replace(message)
    }
}

impl Conversation {
    fn clear_pending(&mut self, view: &MessageView) {
        if view.pair.is_some() && self.pending_request.get(view.connection) == view.pair {
            self.pending_request.take(view.connection);
        }
    }

    /// C1: one outstanding request at a time.
    fn note_request_order(&mut self, view: &MessageView, out: &mut Vec<RawFinding>) {
        if let Some(previous) = self.pending_request.replace(view.connection, view.index) {
            out.push(at(
                view,
                Rule::SessionRequestNotAcked,
                format!("message #{previous} was not answered before this request"),
            ));
        }
    }

    fn new_session(&mut self, id: &[u8], created_in_capture: bool) -> usize {
        let index = self.sessions.len();
        self.sessions.push(Session {
            summary: SessionSummary { id: lossy(id), created_in_capture, ..Default::default() },
            id: id.to_vec(),
            created_in_capture,
            next_expected: created_in_capture.then_some(0),
            ..Default::default()
        });
        self.by_id.insert(session_key(id), index);
        index
    }

    fn attach(&mut self, session: usize, message: usize) {
        self.session_of[message] = Some(session);
        self.sessions[session].summary.messages.push(message);
    }

    /// The session a request names, creating a record for ids this capture never issued.
    fn session_for(&mut self, view: &MessageView, id: &[u8], out: &mut Vec<RawFinding>) -> usize {
        if let Some(&s) = self.by_id.get(&session_key(id)) {
            return s;
        }
        let span = value_span(view, h::SESSION_ID);
        let case_match = self.sessions.iter().position(|s| !s.unknown && s.id.eq_ignore_ascii_case(id));
        if let Some(s) = case_match {
            out.push(finding(
                view,
                Rule::SessionIdCase,
                span,
                h::SESSION_ID,
                format!("`{}` was issued as `{}`", lossy(id), lossy(&self.sessions[s].id)),
            ));
            return s;
        }
        if self.any_created {
            out.push(finding(
                view,
                Rule::SessionUnknownId,
                span,
                h::SESSION_ID,
                format!("no Ack for Create-Session in this capture issued `{}`", lossy(id)),
            ));
            let s = self.new_session(id, false);
            self.sessions[s].unknown = true;
            s
        } else {
            out.push(finding(
                view,
                Rule::SessionNoSessionYet,
                span,
                h::SESSION_ID,
                format!("session `{}` was not created earlier in this capture", lossy(id)),
            ));
            self.new_session(id, false)
        }
    }

    fn request(&mut self, views: &[MessageView], view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        let unanswered = self.pending_request.get(view.connection);
        self.note_request_order(view, out);
        self.check_restart(views, view, t, out);
        self.check_resend(view, t, out);
        self.check_host_ping(view, t, out);
        if !t.carries_session_id() {
            return;
        }
        let Some(id) = view.session_id() else { return };
        let s = self.session_for(view, id, out);
        self.attach(s, view.index);
        if self.sessions[s].closed {
            out.push(at(view, Rule::SessionRequestAfterClose, format!("session `{}` was already released", lossy(id))));
        }
        self.check_host_id_routing(view, s, out);
        match t {
            PacketType::Fragment => {
                // After a Fragment whose Ack is not in the capture (C1 broken, or the Ack was
                // not captured), the offset the server holds is unknown: judge from the next Ack.
                let after_unanswered_fragment = unanswered.is_some_and(|r| {
                    self.session_of[r] == Some(s) && views[r].kind == MessageKind::Request(PacketType::Fragment)
                });
                if after_unanswered_fragment {
                    let session = &mut self.sessions[s];
                    session.next_expected = None;
                    session.corrected_to = None;
                }
                self.fragment(view, s, out)
            }
            PacketType::CloseSession => {
                let session = &self.sessions[s];
                let knows_progress = session.created_in_capture || session.fragments_seen > 0;
                if !session.complete && knows_progress && !session.unknown {
                    out.push(at(
                        view,
                        Rule::SessionCloseBeforeComplete,
                        match (session.next_expected, session.total) {
                            (Some(n), Some(t)) => format!("only {n} of {t} bytes were acknowledged"),
                            _ => "no fragment of this session was acknowledged in full".to_string(),
                        },
                    ));
                }
                if session.reply_path.is_some() && !session.reply_downloaded {
                    out.push(at(
                        view,
                        Rule::SessionCloseBeforeReplyDownload,
                        "the reply at BITS-Reply-URL was not fetched before closing".to_string(),
                    ));
                }
            }
            PacketType::CancelSession if self.sessions[s].complete => {
                out.push(at(
                    view,
                    Rule::SessionCancelAfterComplete,
                    "the whole file was already acknowledged".to_string(),
                ));
            }
            _ => {}
        }
    }

    /// C21: after BG_E_SESSION_NOT_FOUND the client starts over with Create-Session.
    fn check_restart(&mut self, views: &[MessageView], view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        let Some(ack) = self.restart_expected else { return };
        match t {
            PacketType::Ping => {}
            PacketType::CreateSession => self.restart_expected = None,
            _ => {
                self.restart_expected = None;
                // Resending Close/Cancel after it is a C20 matter, reported there.
                let resend = views[ack].pair.is_some_and(|r| views[r].kind == MessageKind::Request(t));
                if !(resend && matches!(t, PacketType::CloseSession | PacketType::CancelSession)) {
                    out.push(at(
                        view,
                        Rule::SessionRestartExpected,
                        format!(
                            "message #{ack} said BG_E_SESSION_NOT_FOUND; a {} follows instead of Create-Session",
                            t.wire_name()
                        ),
                    ));
                }
            }
        }
    }

    /// C20: Close-Session and Cancel-Session are resent only after a 5xx that is not
    /// BG_E_SESSION_NOT_FOUND.
    fn check_resend(&mut self, view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        let Some(answer) = self.last_close_answer.take() else { return };
        let same_session =
            view.session_id().is_some_and(|id| self.by_id.get(&session_key(id)) == Some(&answer.session));
        if answer.packet != t || !same_session {
            return;
        }
        let why = match (answer.status, answer.error) {
            (500..=599, Some(Hresult::BG_E_SESSION_NOT_FOUND)) => Some("after 5xx with BG_E_SESSION_NOT_FOUND"),
            (100..=499, _) => Some("after a 100-499 answer"),
            _ => None,
        };
        if let Some(why) = why {
            out.push(at(
                view,
                Rule::SessionResendNotExpected,
                format!("{} resent {why} (status {})", t.wire_name(), answer.status),
            ));
        }
    }

    /// C26: after a Host-Id, the next request is normally a Ping to that host.
    fn check_host_ping(&mut self, view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        let Some((ack, host)) = self.host_ping_expected.take() else { return };
        let to_host = request_host(view).is_some_and(|h| h.eq_ignore_ascii_case(&host));
        if t != PacketType::Ping || !to_host {
            out.push(at(
                view,
                Rule::SessionHostIdNoPing,
                format!("message #{ack} named host {}; the next request is not a Ping to it", lossy(&host)),
            ));
        }
    }

    /// C25: every request of a session goes to its BITS-Host-Id.
    fn check_host_id_routing(&self, view: &MessageView, s: usize, out: &mut Vec<RawFinding>) {
        let Some(host_id) = &self.sessions[s].host_id else { return };
        if let Some(host) = request_host(view) {
            if !host.eq_ignore_ascii_case(host_id) {
                let span = view.header("Host").map_or(view.msg.start_line_span, |hd| hd.value);
                out.push(
                    RawFinding::new(
                        Rule::SessionHostIdNotUsed,
                        span,
                        format!("sent to {} instead of the BITS-Host-Id {}", lossy(&host), lossy(host_id)),
                    )
                    .in_message(view.index),
                );
            }
        }
    }

    fn fragment(&mut self, view: &MessageView, s: usize, out: &mut Vec<RawFinding>) {
        let range_span = value_span(view, h::CONTENT_RANGE);
        self.check_fragment_headers(view, s, out);
        let session = &mut self.sessions[s];
        session.fragments_seen += 1;
        let Some(range) = view.content_range().filter(ContentRange::is_valid) else { return };
        session.summary.fragments.push(FragmentStep {
            message: view.index,
            first: range.first,
            last: range.last,
            total: range.total,
            ack: None,
            ack_status: None,
            next_expected: None,
        });
        match session.total {
            Some(total) if total != range.total => out.push(finding(
                view,
                Rule::SessionTotalChanged,
                range_span,
                h::CONTENT_RANGE,
                format!("total {} where earlier fragments said {total}", range.total),
            )),
            Some(_) => {}
            None => session.total = Some(range.total),
        }
        if range.is_final() {
            self.final_fragment_outstanding = Some(s);
        }
        let session = &mut self.sessions[s];
        let first_of_new_session = session.created_in_capture && session.fragments_seen == 1;
        if first_of_new_session && range.first != 0 {
            out.push(finding(
                view,
                Rule::SessionFirstFragmentNotZero,
                range_span,
                h::CONTENT_RANGE,
                format!("the session's first fragment starts at {}", range.first),
            ));
            return;
        }
        if let Some((start, len)) = session.too_large.take() {
            if range.first != start || range.byte_count() >= len {
                out.push(finding(
                    view,
                    Rule::Session413NotSmaller,
                    range_span,
                    h::CONTENT_RANGE,
                    format!("after 413 for {len} bytes at {start}, {} bytes at {}", range.byte_count(), range.first),
                ));
            }
        }
        let Some(next) = session.next_expected else { return };
        if let Some(corrected) = session.corrected_to.take() {
            if range.first != corrected {
                out.push(finding(
                    view,
                    Rule::Session416Ignored,
                    range_span,
                    h::CONTENT_RANGE,
                    format!("the server asked to resume at {corrected}; this fragment starts at {}", range.first),
                ));
                return;
            }
        }
        if range.first > next {
            out.push(finding(
                view,
                Rule::SessionFragmentGap,
                range_span,
                h::CONTENT_RANGE,
                format!(
                    "starts at {} but the server expects {next}: bytes {next}-{} are skipped",
                    range.first,
                    range.first - 1
                ),
            ));
        } else if range.first < next && range.last >= next {
            out.push(finding(
                view,
                Rule::SessionFragmentOverlap,
                range_span,
                h::CONTENT_RANGE,
                format!("bytes {}-{} were already received", range.first, next - 1),
            ));
        } else if range.last < next {
            out.push(finding(
                view,
                Rule::SessionFragmentDuplicate,
                range_span,
                h::CONTENT_RANGE,
                format!("bytes {}-{} were all received before (next expected {next})", range.first, range.last),
            ));
        }
    }

    /// C12, C13: one file, one encoding.
    fn check_fragment_headers(&mut self, view: &MessageView, s: usize, out: &mut Vec<RawFinding>) {
        let session = &mut self.sessions[s];
        if let Some(name) = view.value(h::CONTENT_NAME) {
            match &session.content_name {
                Some(earlier) if earlier != name => out.push(finding(
                    view,
                    Rule::SessionContentNameChanged,
                    value_span(view, h::CONTENT_NAME),
                    h::CONTENT_NAME,
                    format!("`{}` where the session said `{}`", lossy(name), lossy(earlier)),
                )),
                Some(_) => {}
                None => session.content_name = Some(name.to_vec()),
            }
        }
        let encoding = view.value(h::CONTENT_ENCODING).map(<[u8]>::to_vec);
        let mismatch = match (&session.content_encoding, &encoding) {
            (Some(earlier), now) if earlier != now => {
                Some(format!("`{}` where earlier fragments used `{}`", encoding_words(now), encoding_words(earlier)))
            }
            (_, Some(now)) if session.accept_encoding.as_ref().is_some_and(|a| !a.eq_ignore_ascii_case(now)) => {
                Some(format!(
                    "`{}` but the server accepts only `{}`",
                    lossy(now),
                    lossy(session.accept_encoding.as_deref().unwrap_or_default())
                ))
            }
            _ => None,
        };
        if let Some(summary) = mismatch {
            out.push(finding(
                view,
                Rule::SessionContentEncodingMismatch,
                value_span(view, h::CONTENT_ENCODING),
                h::CONTENT_ENCODING,
                summary,
            ));
        }
        if session.content_encoding.is_none() {
            session.content_encoding = Some(encoding);
        }
    }

    fn ack(&mut self, views: &[MessageView], view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        self.clear_pending(view);
        let Some(request_index) = view.pair else { return };
        let request = &views[request_index];
        let status = view.status().unwrap_or(0);
        let error = view.value(h::ERROR_CODE).and_then(values::parse_hresult).map(Hresult);
        if error == Some(Hresult::BG_E_SESSION_NOT_FOUND) && t != PacketType::CancelSession {
            self.restart_expected = Some(view.index);
        }
        if t == PacketType::CreateSession {
            self.create_session_ack(request, view, status, out);
            return;
        }
        let Some(s) = self.session_of[request_index] else { return };
        self.attach(s, view.index);
        if let (Some(echo), Some(sent)) = (view.session_id(), request.session_id()) {
            // The same judgement as for a request naming an issued id: GUIDs are equal
            // whatever their case; other ids differing in case only are a warning.
            let rule = if session_key(echo) == session_key(sent) {
                None
            } else if echo.eq_ignore_ascii_case(sent) {
                Some(Rule::SessionIdCase)
            } else {
                Some(Rule::SessionAckIdMismatch)
            };
            if let Some(rule) = rule {
                out.push(finding(
                    view,
                    rule,
                    value_span(view, h::SESSION_ID),
                    h::SESSION_ID,
                    format!("echoes `{}`, the request named `{}`", lossy(echo), lossy(sent)),
                ));
            }
        }
        let session = &self.sessions[s];
        if (200..300).contains(&status) && (session.unknown || session.closed) {
            out.push(at(
                view,
                Rule::SessionNotFoundExpected,
                format!(
                    "{status} for {} session `{}`; expected 500 with BG_E_SESSION_NOT_FOUND",
                    if session.unknown { "unknown" } else { "released" },
                    lossy(&session.id)
                ),
            ));
            return;
        }
        match t {
            PacketType::Fragment => self.fragment_ack(request, view, s, status, out),
            PacketType::CloseSession | PacketType::CancelSession => {
                if (200..300).contains(&status) {
                    let session = &mut self.sessions[s];
                    session.closed = true;
                    session.summary.ended_by =
                        Some(if t == PacketType::CloseSession { "close-session" } else { "cancel-session" });
                }
                self.last_close_answer = Some(CloseAnswer { packet: t, session: s, status, error });
            }
            PacketType::Ping | PacketType::CreateSession => {}
        }
    }

    fn create_session_ack(
        &mut self,
        request: &MessageView,
        view: &MessageView,
        status: u16,
        out: &mut Vec<RawFinding>,
    ) {
        if let (Some(chosen), Some(offered)) = (view.value(h::PROTOCOL), request.value(h::SUPPORTED_PROTOCOLS)) {
            if let Some(chosen_guid) = values::parse_braced_guid(chosen) {
                let list = values::parse_guid_list(offered);
                if !list.entries.iter().any(|(_, g)| *g == Some(chosen_guid)) {
                    out.push(finding(
                        view,
                        Rule::SessionProtocolNotOffered,
                        value_span(view, h::PROTOCOL),
                        h::PROTOCOL,
                        format!("{} is not in the client's BITS-Supported-Protocols", lossy(chosen)),
                    ));
                }
            }
        }
        if !matches!(status, 200 | 201) {
            return;
        }
        let Some(id) = view.session_id() else { return };
        self.any_created = true;
        let s = self.new_session(id, true);
        self.attach(s, request.index);
        self.attach(s, view.index);
        let host_id = view.value(h::HOST_ID).map(<[u8]>::to_vec);
        let session = &mut self.sessions[s];
        session.upload_target = request.msg.target(request.input).unwrap_or_default().to_vec();
        // C12: the fragments name the file as Create-Session did.
        session.content_name = request.value(h::CONTENT_NAME).map(<[u8]>::to_vec);
        session.accept_encoding = view.value(h::ACCEPT_ENCODING).map(<[u8]>::to_vec);
        session.host_id = host_id.clone();
        session.summary.host_id = host_id.as_deref().map(lossy);
        if let Some(host) = host_id {
            self.host_ping_expected = Some((view.index, host));
        }
    }

    fn fragment_ack(
        &mut self,
        request: &MessageView,
        view: &MessageView,
        s: usize,
        status: u16,
        out: &mut Vec<RawFinding>,
    ) {
        if self.final_fragment_outstanding == Some(s) {
            self.final_fragment_outstanding = None;
        }
        let received = view.value(h::RECEIVED_CONTENT_RANGE).and_then(values::parse_offset);
        let received_span = value_span(view, h::RECEIVED_CONTENT_RANGE);
        let range = request.content_range().filter(ContentRange::is_valid);
        let context = view.value(h::ERROR_CONTEXT).and_then(values::parse_error_context);
        let session = &mut self.sessions[s];
        if let Some(step) = session.summary.fragments.iter_mut().rev().find(|f| f.message == request.index) {
            step.ack = Some(view.index);
            step.ack_status = Some(status);
            step.next_expected = received;
        }
        if context == Some(7) && !range.is_some_and(|r| r.is_final()) {
            out.push(at(
                view,
                Rule::SessionAppContextNotFinal,
                "context 0x7 on the Ack of a fragment that is not the last".to_string(),
            ));
        }
        if session.app_failed && context != Some(7) {
            out.push(at(
                view,
                Rule::SessionAppErrorContext,
                "the server application answered with an error, yet this Ack does not carry context 0x7".to_string(),
            ));
        }
        let Some(range) = range else { return };
        let before = session.next_expected;
        if let (Some(received), Some(total)) = (received, session.total) {
            if received > total {
                out.push(finding(
                    view,
                    Rule::SessionReceivedRangeBeyondTotal,
                    received_span,
                    h::RECEIVED_CONTENT_RANGE,
                    format!("{received} is beyond the file's {total} bytes"),
                ));
            }
        }
        if let (Some(received), Some(before)) = (received, before) {
            if received < before {
                out.push(finding(
                    view,
                    Rule::SessionReceivedRangeDecreased,
                    received_span,
                    h::RECEIVED_CONTENT_RANGE,
                    format!("{received} after the server had already said {before}"),
                ));
            }
        }
        match status {
            200..=299 => {
                if let Some(next) = before {
                    if range.first > next {
                        out.push(at(
                            view,
                            Rule::SessionGapAccepted,
                            format!("{status} for a fragment starting at {} while byte {next} is missing", range.first),
                        ));
                    } else if let Some(received) = received {
                        let expected = next.max(range.last + 1);
                        if received != expected && received >= next {
                            out.push(finding(
                                view,
                                Rule::SessionAckRangeWrong,
                                received_span,
                                h::RECEIVED_CONTENT_RANGE,
                                format!("{received} after bytes {}-{}; expected {expected}", range.first, range.last),
                            ));
                        }
                    }
                }
                session.next_expected = Some(received.unwrap_or(range.last + 1).max(before.unwrap_or(0)));
                session.corrected_to = match (received, before) {
                    (Some(r), _) if r != range.last + 1 && r >= before.unwrap_or(0) => Some(r),
                    _ => None,
                };
                if session.total.is_some() && session.next_expected == session.total {
                    session.complete = true;
                }
                if let Some(url) = view.value(h::REPLY_URL) {
                    self.reply_url(view, s, url, range, out);
                }
            }
            416 => {
                if let (Some(received), Some(next)) = (received, before) {
                    if received != next {
                        out.push(finding(
                            view,
                            Rule::Session416RangeWrong,
                            received_span,
                            h::RECEIVED_CONTENT_RANGE,
                            format!("416 says {received} but the server had acknowledged up to {next}"),
                        ));
                    }
                }
                if let Some(received) = received {
                    session.next_expected = Some(received);
                    session.corrected_to = Some(received);
                }
            }
            413 => session.too_large = Some((range.first, range.byte_count())),
            _ => {}
        }
    }

    fn reply_url(&mut self, view: &MessageView, s: usize, url: &[u8], range: ContentRange, out: &mut Vec<RawFinding>) {
        let session = &mut self.sessions[s];
        if !range.is_final() || !session.complete {
            out.push(finding(
                view,
                Rule::SessionReplyUrlNotFinal,
                value_span(view, h::REPLY_URL),
                h::REPLY_URL,
                "BITS-Reply-URL before the upload is complete".to_string(),
            ));
        }
        if let Some(static_url) = &session.static_url {
            if !values::normalised_path(static_url).eq_ignore_ascii_case(&values::normalised_path(url)) {
                out.push(finding(
                    view,
                    Rule::SessionReplyUrlNotStatic,
                    value_span(view, h::REPLY_URL),
                    h::REPLY_URL,
                    format!("the server application gave {}", lossy(static_url)),
                ));
            }
        }
        if !values::is_absolute_url(url) {
            out.push(finding(
                view,
                Rule::SessionReplyUrlRelative,
                value_span(view, h::REPLY_URL),
                h::REPLY_URL,
                format!("fetched as {}", lossy(&values::resolve_reply_url(&session.upload_target, url))),
            ));
        }
        session.reply_path = Some(values::resolve_reply_url(&session.upload_target, url));
        session.summary.reply_url = Some(lossy(url));
    }

    /// C27: the notification happens between the final fragment and its Ack.
    fn notification(&mut self, view: &MessageView, out: &mut Vec<RawFinding>) {
        let Some(s) = self.final_fragment_outstanding else {
            // Without any upload leg in the capture, where the notification belongs is unknown.
            if self.sessions.iter().all(|s| s.fragments_seen == 0) {
                return;
            }
            out.push(at(
                view,
                Rule::NotifyOutOfPlace,
                "no final fragment is waiting for its Ack in this capture".to_string(),
            ));
            return;
        };
        self.notified_session = Some(s);
        self.attach(s, view.index);
        let by_value = view.header(h::REQUEST_DATA_FILE).is_none() && view.header(h::RESPONSE_DATA_FILE).is_none();
        if let (true, Some(total), false) = (by_value, self.sessions[s].total, view.msg.body.truncated) {
            if view.msg.body.length != total {
                out.push(at(
                    view,
                    Rule::NotifyBodyLength,
                    format!("by value with a {}-byte body; the file has {total} bytes", view.msg.body.length),
                ));
            }
        }
    }

    fn notification_response(&mut self, view: &MessageView) {
        let Some(s) = self.notified_session.take() else { return };
        self.attach(s, view.index);
        let session = &mut self.sessions[s];
        session.app_failed = view.status() != Some(200);
        session.static_url = view.value(h::STATIC_RESPONSE_URL).map(<[u8]>::to_vec);
    }

    fn reply_download(&mut self, view: &MessageView) {
        let path = values::normalised_path(view.msg.target(view.input).unwrap_or_default());
        let owner =
            self.sessions.iter().rposition(|s| s.reply_path.as_deref().is_some_and(|p| p.eq_ignore_ascii_case(&path)));
        if let Some(s) = owner {
            self.sessions[s].reply_downloaded = true;
            self.attach(s, view.index);
            if let Some(response) = view.pair {
                self.attach(s, response);
            }
        }
    }
}

/// What identifies a session: the id as issued, except that a GUID is a number written in
/// hex and compares without case (`{a0ff...}` is `{A0FF...}`); other ids are arbitrary
/// strings (Win32 page) and compare byte for byte.
fn session_key(id: &[u8]) -> Vec<u8> {
    if values::parse_guid(id).is_some() {
        id.to_ascii_uppercase()
    } else {
        id.to_vec()
    }
}

fn request_host(view: &MessageView) -> Option<Vec<u8>> {
    values::host_of(view.msg.target(view.input).unwrap_or_default(), view.raw_value("Host"))
}

fn encoding_words(encoding: &Option<Vec<u8>>) -> String {
    encoding.as_deref().map_or_else(|| "none".to_string(), lossy)
}
