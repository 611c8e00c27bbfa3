//! Checks of the order of requests across sessions and connections: one outstanding request
//! per connection (C1), starting over after BG_E_SESSION_NOT_FOUND (C21), resending Close-
//! and Cancel-Session (C20), and the Ping to a new BITS-Host-Id (C26).

use crate::bits::classify::MessageView;
use crate::bits::codes::Hresult;
use crate::bits::packet::{MessageKind, PacketType};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;

use std::collections::HashMap;

use super::parts::{at, lossy, request_host, session_key};

/// A message index per connection (`None`: pasted text, one conversation). Connections
/// are numbered from 0, so a vector indexed by them beats hashing on every message.
#[derive(Default)]
pub struct PerConnection(Vec<Option<usize>>);

impl PerConnection {
    fn slot(connection: Option<usize>) -> usize {
        connection.map_or(0, |c| c + 1)
    }

    pub fn get(&self, connection: Option<usize>) -> Option<usize> {
        self.0.get(Self::slot(connection)).copied().flatten()
    }

    pub fn take(&mut self, connection: Option<usize>) -> Option<usize> {
        self.0.get_mut(Self::slot(connection)).and_then(Option::take)
    }

    pub fn replace(&mut self, connection: Option<usize>, message: usize) -> Option<usize> {
        let slot = Self::slot(connection);
        if self.0.len() <= slot {
            self.0.resize(slot + 1, None);
        }
        self.0[slot].replace(message)
    }
}

/// How the server answered a Close-Session or Cancel-Session: what decides whether resending it is expected.
pub struct CloseAnswer {
    pub packet: PacketType,
    pub session: usize,
    pub status: u16,
    pub error: Option<Hresult>,
}

/// What the order of requests so far leads to expect next, across sessions.
#[derive(Default)]
pub struct Sequence {
    /// The BITS request awaiting its Ack, per connection (C1 is per connection).
    pub pending_request: PerConnection,
    /// The Ack that said BG_E_SESSION_NOT_FOUND, while a Create-Session is expected (C21).
    pub restart_expected: Option<usize>,
    /// The answer to the last Close- or Cancel-Session, until the next request (C20).
    pub last_close_answer: Option<CloseAnswer>,
    /// The Ack that named a BITS-Host-Id, and that host, until the next request (C26).
    pub host_ping_expected: Option<(usize, Vec<u8>)>,
}

impl Sequence {
    /// The Ack answers the request awaiting it on its connection.
    pub(super) fn clear_pending(&mut self, view: &MessageView) {
        if view.pair.is_some() && self.pending_request.get(view.connection) == view.pair {
            self.pending_request.take(view.connection);
        }
    }

    /// C1: one outstanding request at a time.
    pub(super) fn note_request_order(&mut self, view: &MessageView, out: &mut Vec<RawFinding>) {
        if let Some(previous) = self.pending_request.replace(view.connection, view.index) {
            out.push(at(
                view,
                Rule::SessionRequestNotAcked,
                format!("message #{previous} was not answered before this request"),
            ));
        }
    }

    /// C21: after BG_E_SESSION_NOT_FOUND the client starts over with Create-Session.
    pub(super) fn check_restart(
        &mut self,
        views: &[MessageView],
        view: &MessageView,
        t: PacketType,
        out: &mut Vec<RawFinding>,
    ) {
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
    /// `by_id`: the sessions known so far, by [`session_key`].
    pub(super) fn check_resend(
        &mut self,
        view: &MessageView,
        t: PacketType,
        by_id: &HashMap<Vec<u8>, usize>,
        out: &mut Vec<RawFinding>,
    ) {
        let Some(answer) = self.last_close_answer.take() else { return };
        let same_session = view.session_id().is_some_and(|id| by_id.get(&session_key(id)) == Some(&answer.session));
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
    pub(super) fn check_host_ping(&mut self, view: &MessageView, t: PacketType, out: &mut Vec<RawFinding>) {
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
}
