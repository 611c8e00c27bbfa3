//! Conversation checks (reference section 8.2): one pass over the classified messages.
//! Kept apart from parsing and per-message rules, like a TLS state machine apart from
//! record parsing.
//!
//! - `session`: one session's life as a state machine, whose transitions take the messages;
//! - `fragments`: the fragment arithmetic (ranges, totals, gaps, the next expected byte);
//! - `upload`: the checks of the upload leg, turning that arithmetic into findings;
//! - `sequence`: the order of requests across sessions and connections;
//! - `summary`: what the report shows of a session, read off its state at the end.
//!
//! This module routes each message to the session it names.

mod fragments;
mod parts;
mod sequence;
mod session;
mod summary;
mod upload;

use std::collections::HashMap;

use crate::bits::classify::MessageView;
use crate::bits::codes::Hresult;
use crate::bits::headers as h;
use crate::bits::packet::{MessageKind, PacketType};
use crate::bits::values;
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::headers::finding;

pub use fragments::FragmentStep;
pub use summary::SessionSummary;

use parts::{at, lossy, session_key, set_value, value_span, MissingHeaders};
use sequence::{CloseAnswer, Sequence};
use session::{Ending, Origin, Session};

#[derive(Default)]
struct Conversation {
    sessions: Vec<Session>,
    by_id: HashMap<Vec<u8>, usize>,
    /// Session each message belongs to.
    session_of: Vec<Option<usize>>,
    any_created: bool,
    sequence: Sequence,
    /// Findings of headers missing from Acks whose value the conversation supplies.
    missing: MissingHeaders,
    final_fragment_outstanding: Option<usize>,
    notified_session: Option<usize>,
}

pub struct Outcome {
    pub session_of: Vec<Option<usize>>,
    pub sessions: Vec<SessionSummary>,
}

pub fn check(views: &[MessageView], out: &mut Vec<RawFinding>) -> Outcome {
    let mut c =
        Conversation { session_of: vec![None; views.len()], missing: MissingHeaders::index(out), ..Default::default() };
    for view in views {
        match view.kind {
            MessageKind::Request(t) => c.request(views, view, t, out),
            MessageKind::UnknownRequest => c.sequence.note_request_order(view, out),
            MessageKind::Ack(t) if view.is_ack_attempt() => c.ack(views, view, t, out),
            MessageKind::Ack(_) => c.sequence.clear_pending(view),
            MessageKind::UnknownAck(_) => {
                c.sequence.clear_pending(view);
                if view.pair.is_none() {
                    out.push(at(
                        view,
                        Rule::SessionAckWithoutRequest,
                        "no unanswered BITS request precedes this Ack".into(),
                    ));
                }
            }
            MessageKind::Notification => c.notification(view, out),
            MessageKind::NotificationResponse => c.notification_response(view),
            MessageKind::ReplyDownload => c.reply_download(view),
            _ => {}
        }
    }
    let sessions = c.sessions.into_iter().map(SessionSummary::from).collect();
    Outcome { session_of: c.session_of, sessions }
}

impl Conversation {
    fn add_session(&mut self, session: Session) -> usize {
        let index = self.sessions.len();
        self.by_id.insert(session_key(&session.id), index);
        self.sessions.push(session);
        index
    }

    fn attach(&mut self, session: usize, message: usize) {
        self.session_of[message] = Some(session);
        self.sessions[session].messages.push(message);
    }

    /// The session a request names, creating a record for ids this capture never issued.
    fn session_for(&mut self, view: &MessageView, id: &[u8], out: &mut Vec<RawFinding>) -> usize {
        if let Some(&s) = self.by_id.get(&session_key(id)) {
            return s;
        }
        let span = value_span(view, h::SESSION_ID);
        let say = |rule, summary| finding(view, rule, span, h::SESSION_ID, summary);
        let issued = |s: &Session| s.origin != Origin::NeverIssued && s.id.eq_ignore_ascii_case(id);
        if let Some(s) = self.sessions.iter().position(issued) {
            out.push(
                say(Rule::SessionIdCase, format!("`{}` was issued as `{}`", lossy(id), lossy(&self.sessions[s].id)))
                    .with_fix_if(set_value(view, h::SESSION_ID, &self.sessions[s].id)),
            );
            return s;
        }
        if self.any_created {
            out.push(say(
                Rule::SessionUnknownId,
                format!("no Ack for Create-Session in this capture issued `{}`", lossy(id)),
            ));
            self.add_session(Session::new(id, Origin::NeverIssued))
        } else {
            out.push(say(
                Rule::SessionNoSessionYet,
                format!("session `{}` was not created earlier in this capture", lossy(id)),
            ));
            self.add_session(Session::new(id, Origin::BeforeCapture))
        }
    }

    fn request(&mut self, views: &[MessageView], view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        let unanswered = self.sequence.pending_request.get(view.connection);
        self.sequence.note_request_order(view, out);
        self.sequence.check_restart(views, view, t, out);
        self.sequence.check_resend(view, t, &self.by_id, out);
        self.sequence.check_host_ping(view, t, out);
        if !t.carries_session_id() {
            return;
        }
        let Some(id) = view.session_id() else { return };
        let s = self.session_for(view, id, out);
        self.attach(s, view.index);
        self.sessions[s].request(view, out);
        match t {
            PacketType::Fragment => {
                // After a Fragment whose Ack is not in the capture (C1 broken, or the Ack was
                // not captured), the offset the server holds is unknown: judge from the next Ack.
                let after_unanswered_fragment = unanswered.is_some_and(|r| {
                    self.session_of[r] == Some(s) && views[r].kind == MessageKind::Request(PacketType::Fragment)
                });
                if after_unanswered_fragment {
                    self.sessions[s].progress.forget_position();
                }
                if self.sessions[s].fragment(view, out).is_some_and(|r| r.is_final()) {
                    self.final_fragment_outstanding = Some(s);
                }
            }
            PacketType::CloseSession => self.sessions[s].close(view, out),
            PacketType::CancelSession => self.sessions[s].cancel(view, out),
            _ => {}
        }
    }

    fn ack(&mut self, views: &[MessageView], view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
        self.sequence.clear_pending(view);
        let Some(request_index) = view.pair else { return };
        let request = &views[request_index];
        let status = view.status().unwrap_or(0);
        let error = view.value(h::ERROR_CODE).and_then(values::parse_hresult).map(Hresult);
        if error == Some(Hresult::BG_E_SESSION_NOT_FOUND) && t != PacketType::CancelSession {
            self.sequence.restart_expected = Some(view.index);
        }
        if t == PacketType::CreateSession {
            self.create_session_ack(request, view, status, out);
            return;
        }
        let Some(s) = self.session_of[request_index] else { return };
        self.attach(s, view.index);
        check_echoed_id(request, view, &self.missing, out);
        let session = &self.sessions[s];
        let unknown = session.origin == Origin::NeverIssued;
        if (200..300).contains(&status) && (unknown || session.state.is_ended()) {
            out.push(at(
                view,
                Rule::SessionNotFoundExpected,
                format!(
                    "{status} for {} session `{}`; expected 500 with BG_E_SESSION_NOT_FOUND",
                    if unknown { "unknown" } else { "released" },
                    lossy(&session.id)
                ),
            ));
            return;
        }
        if t == PacketType::Fragment {
            if self.final_fragment_outstanding == Some(s) {
                self.final_fragment_outstanding = None;
            }
            self.sessions[s].fragment_ack(request, view, status, &self.missing, out);
        } else if let Some(ending) = Ending::of(t) {
            if (200..300).contains(&status) {
                self.sessions[s].released(ending);
            }
            self.sequence.last_close_answer = Some(CloseAnswer { packet: t, session: s, status, error });
        }
    }

    fn create_session_ack(
        &mut self,
        request: &MessageView,
        view: &MessageView,
        status: u16,
        out: &mut Vec<RawFinding>,
    ) {
        check_protocol_offered(request, view, &self.missing, out);
        if !matches!(status, 200 | 201) {
            return;
        }
        let Some(id) = view.session_id() else { return };
        self.any_created = true;
        let s = self.add_session(Session::created(id, request, view));
        self.attach(s, request.index);
        self.attach(s, view.index);
        if let Some(host) = &self.sessions[s].host_id {
            self.sequence.host_ping_expected = Some((view.index, host.clone()));
        }
    }

    /// C27: the notification happens between the final fragment and its Ack.
    fn notification(&mut self, view: &MessageView, out: &mut Vec<RawFinding>) {
        let Some(s) = self.final_fragment_outstanding else {
            // Without any upload leg in the capture, where the notification belongs is unknown.
            if self.sessions.iter().all(|s| s.progress.fragments_sent() == 0) {
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
        if let (true, Some(total), false) = (by_value, self.sessions[s].progress.total(), view.msg.body.truncated) {
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
        self.sessions[s].notification_response(view);
    }

    fn reply_download(&mut self, view: &MessageView) {
        let path = values::normalised_path(view.msg.target(view.input).unwrap_or_default());
        let fetches = |s: &Session| s.reply.as_ref().is_some_and(|r| r.path.eq_ignore_ascii_case(&path));
        let Some(s) = self.sessions.iter().rposition(fetches) else { return };
        self.sessions[s].reply_fetched();
        self.attach(s, view.index);
        if let Some(response) = view.pair {
            self.attach(s, response);
        }
    }
}

/// An Ack echoes the request's session id: the same judgement as for a request naming an
/// issued id (GUIDs are equal whatever their case; other ids differing in case only are a warning).
fn check_echoed_id(request: &MessageView, view: &MessageView, missing: &MissingHeaders, out: &mut Vec<RawFinding>) {
    if let (None, Some(sent)) = (view.session_id(), request.session_id()) {
        missing.supply(out, view, Rule::AckSessionIdMissing, h::SESSION_ID, sent);
    }
    let (Some(echo), Some(sent)) = (view.session_id(), request.session_id()) else { return };
    if session_key(echo) == session_key(sent) {
        return;
    }
    let rule = if echo.eq_ignore_ascii_case(sent) { Rule::SessionIdCase } else { Rule::SessionAckIdMismatch };
    out.push(
        finding(
            view,
            rule,
            value_span(view, h::SESSION_ID),
            h::SESSION_ID,
            format!("echoes `{}`, the request named `{}`", lossy(echo), lossy(sent)),
        )
        .with_fix_if(set_value(view, h::SESSION_ID, sent)),
    );
}

/// The protocol the server chose is one the client offered.
fn check_protocol_offered(
    request: &MessageView,
    view: &MessageView,
    missing: &MissingHeaders,
    out: &mut Vec<RawFinding>,
) {
    if let (None, Some(offered)) = (view.value(h::PROTOCOL), request.value(h::SUPPORTED_PROTOCOLS)) {
        if let Some((raw, _)) = protocol_to_choose(&values::parse_guid_list(offered)) {
            missing.supply(out, view, Rule::AckCreateSessionProtocolMissing, h::PROTOCOL, raw);
        }
    }
    let (Some(chosen), Some(offered)) = (view.value(h::PROTOCOL), request.value(h::SUPPORTED_PROTOCOLS)) else {
        return;
    };
    let Some(chosen_guid) = values::parse_braced_guid(chosen) else { return };
    let offered = values::parse_guid_list(offered);
    if !offered.entries.iter().any(|(_, g)| *g == Some(chosen_guid)) {
        let pick = protocol_to_choose(&offered);
        out.push(
            finding(
                view,
                Rule::SessionProtocolNotOffered,
                value_span(view, h::PROTOCOL),
                h::PROTOCOL,
                format!("{} is not in the client's BITS-Supported-Protocols", lossy(chosen)),
            )
            .with_fix_if(pick.and_then(|(raw, _)| set_value(view, h::PROTOCOL, raw))),
        );
    }
}

/// The protocol a server answers with: the only one defined when the client offers it, else
/// the first GUID the client offered.
fn protocol_to_choose<'l, 'a>(offered: &'l values::GuidList<'a>) -> Option<&'l (&'a [u8], Option<uuid::Uuid>)> {
    offered
        .entries
        .iter()
        .find(|(_, g)| *g == Some(values::BITS15_PROTOCOL))
        .or_else(|| offered.entries.iter().find(|(_, g)| g.is_some()))
}
