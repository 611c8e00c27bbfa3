//! What the report shows of a session: read off the session's state when the pass is over,
//! never kept alongside it.

use serde::Serialize;

use super::fragments::FragmentStep;
use super::parts::lossy;
use super::session::{Ending, Origin, Session};
use crate::bits::packet::PacketType;

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
    pub ended_by: Option<PacketType>,
    /// Set for ids no Ack for Create-Session issued although the capture shows sessions being created.
    pub unknown: bool,
}

/// By value: the pass is over, and the message and fragment lists move rather than copy.
impl From<Session> for SessionSummary {
    fn from(session: Session) -> SessionSummary {
        SessionSummary {
            id: lossy(&session.id),
            created_in_capture: session.origin == Origin::CreatedInCapture,
            total: session.progress.total(),
            received: session.progress.next_expected(),
            complete: session.state.uploaded(),
            host_id: session.host_id.as_deref().map(lossy),
            reply_url: session.reply.as_ref().map(|r| lossy(&r.url)),
            reply_downloaded: session.reply_downloaded,
            ended_by: session.state.ending().map(Ending::packet),
            unknown: session.origin == Origin::NeverIssued,
            messages: session.messages,
            fragments: session.progress.into_steps(),
        }
    }
}
