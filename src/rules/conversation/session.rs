//! One upload session as a state machine: created (or first named) and uploading, uploaded
//! once the server has acknowledged every byte, ended by the Ack of a Close-Session or
//! Cancel-Session. The transitions take the messages; the fragment arithmetic is in
//! [`super::fragments`] and the checks of the upload leg in [`super::upload`].

use crate::bits::classify::MessageView;
use crate::bits::headers as h;
use crate::bits::packet::PacketType;
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;

use super::fragments::Progress;
use super::parts::{at, lossy, request_host};

/// How the capture came to know the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Its Ack for Create-Session is in the capture.
    CreatedInCapture,
    /// A request named it before the capture showed any session being created: it was
    /// created before the capture began.
    BeforeCapture,
    /// A request named it although the capture shows sessions being created and no Ack for
    /// Create-Session issued it.
    NeverIssued,
}

/// The request whose 2xx Ack released the session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    Closed,
    Cancelled,
}

impl Ending {
    pub fn of(packet: PacketType) -> Option<Ending> {
        match packet {
            PacketType::CloseSession => Some(Ending::Closed),
            PacketType::CancelSession => Some(Ending::Cancelled),
            _ => None,
        }
    }

    /// The request that ended it: what the report's `ended_by` names.
    pub fn packet(self) -> PacketType {
        match self {
            Ending::Closed => PacketType::CloseSession,
            Ending::Cancelled => PacketType::CancelSession,
        }
    }
}

/// Where a session is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Open, with bytes still to acknowledge (or too little seen to tell).
    Uploading,
    /// Open, and the server acknowledged every byte of the file.
    Uploaded,
    /// Released: requests naming it are expected to get BG_E_SESSION_NOT_FOUND.
    Ended { by: Ending, uploaded: bool },
}

impl State {
    pub fn uploaded(self) -> bool {
        matches!(self, State::Uploaded | State::Ended { uploaded: true, .. })
    }

    pub fn ending(self) -> Option<Ending> {
        match self {
            State::Ended { by, .. } => Some(by),
            _ => None,
        }
    }

    pub fn is_ended(self) -> bool {
        self.ending().is_some()
    }

    /// A 2xx Ack acknowledged the file's last missing byte.
    fn all_acknowledged(self) -> State {
        match self {
            State::Uploading => State::Uploaded,
            State::Ended { by, .. } => State::Ended { by, uploaded: true },
            uploaded => uploaded,
        }
    }

    /// The first release stands: a 2xx for a second one is reported as such by the caller.
    fn end(self, by: Ending) -> State {
        match self {
            State::Ended { .. } => self,
            open => State::Ended { by, uploaded: open.uploaded() },
        }
    }
}

/// Where the server put the reply of an upload-reply job.
#[derive(Debug, Clone)]
pub struct Reply {
    /// BITS-Reply-URL as the Ack gave it.
    pub url: Vec<u8>,
    /// The path the client fetches it at.
    pub path: Vec<u8>,
}

#[derive(Debug)]
pub struct Session {
    /// As issued (or as first named).
    pub id: Vec<u8>,
    pub origin: Origin,
    pub state: State,
    /// Every message of the session, in capture order.
    pub messages: Vec<usize>,
    pub progress: Progress,
    /// The Create-Session's target: a relative BITS-Reply-URL resolves against it.
    pub upload_target: Vec<u8>,
    pub host_id: Option<Vec<u8>>,
    pub accept_encoding: Option<Vec<u8>>,
    pub file: FileHeaders,
    /// The server application's answer to the notification was not a 200.
    pub app_failed: bool,
    pub static_url: Option<Vec<u8>>,
    pub reply: Option<Reply>,
    /// A GET for the reply's path was seen (it stays seen if a later Ack names another URL).
    pub reply_downloaded: bool,
}

impl Session {
    pub fn new(id: &[u8], origin: Origin) -> Session {
        Session {
            id: id.to_vec(),
            origin,
            state: State::Uploading,
            messages: Vec::new(),
            progress: Progress::new(origin == Origin::CreatedInCapture),
            upload_target: Vec::new(),
            host_id: None,
            accept_encoding: None,
            file: FileHeaders::default(),
            app_failed: false,
            static_url: None,
            reply: None,
            reply_downloaded: false,
        }
    }

    /// A session a 200 or 201 Ack for Create-Session issued.
    pub fn created(id: &[u8], request: &MessageView, ack: &MessageView) -> Session {
        let mut session = Session::new(id, Origin::CreatedInCapture);
        session.upload_target = request.msg.target(request.input).unwrap_or_default().to_vec();
        // C12: the fragments name the file as Create-Session did.
        session.file.name = request.value(h::CONTENT_NAME).map(<[u8]>::to_vec);
        session.accept_encoding = ack.value(h::ACCEPT_ENCODING).map(<[u8]>::to_vec);
        session.host_id = ack.value(h::HOST_ID).map(<[u8]>::to_vec);
        session
    }

    /// The capture shows how much of the file the server holds: it saw the session start,
    /// or saw fragments of it.
    fn knows_progress(&self) -> bool {
        self.origin == Origin::CreatedInCapture || self.progress.fragments_sent() > 0
    }

    /// Checks of any request naming the session, before its own packet's.
    pub fn request(&self, view: &MessageView, out: &mut Vec<RawFinding>) {
        if self.state.is_ended() {
            out.push(at(
                view,
                Rule::SessionRequestAfterClose,
                format!("session `{}` was already released", lossy(&self.id)),
            ));
        }
        self.check_host_id_routing(view, out);
    }

    /// C25: every request of a session goes to its BITS-Host-Id.
    fn check_host_id_routing(&self, view: &MessageView, out: &mut Vec<RawFinding>) {
        let Some(host_id) = &self.host_id else { return };
        let Some(host) = request_host(view) else { return };
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

    /// C14, C15: Close-Session comes after the whole file and after the reply was fetched.
    pub fn close(&self, view: &MessageView, out: &mut Vec<RawFinding>) {
        if !self.state.uploaded() && self.knows_progress() && self.origin != Origin::NeverIssued {
            let summary = match (self.progress.next_expected(), self.progress.total()) {
                (Some(n), Some(t)) => format!("only {n} of {t} bytes were acknowledged"),
                _ => "no fragment of this session was acknowledged in full".to_string(),
            };
            out.push(at(view, Rule::SessionCloseBeforeComplete, summary));
        }
        if self.reply.is_some() && !self.reply_downloaded {
            out.push(at(
                view,
                Rule::SessionCloseBeforeReplyDownload,
                "the reply at BITS-Reply-URL was not fetched before closing".to_string(),
            ));
        }
    }

    /// Cancel-Session after the server acknowledged the whole file.
    pub fn cancel(&self, view: &MessageView, out: &mut Vec<RawFinding>) {
        if self.state.uploaded() {
            out.push(at(view, Rule::SessionCancelAfterComplete, "the whole file was already acknowledged".to_string()));
        }
    }

    /// A 2xx Ack for Close-Session or Cancel-Session released the session.
    pub fn released(&mut self, by: Ending) {
        self.state = self.state.end(by);
    }

    /// A 2xx Ack for a fragment: is the whole file there now?
    pub fn fragment_accepted(&mut self) {
        if self.progress.all_acknowledged() {
            self.state = self.state.all_acknowledged();
        }
    }

    /// The server application's answer to the notification of this session's upload.
    pub fn notification_response(&mut self, view: &MessageView) {
        self.app_failed = view.status() != Some(200);
        self.static_url = view.value(h::STATIC_RESPONSE_URL).map(<[u8]>::to_vec);
    }

    /// A GET for the reply's path.
    pub fn reply_fetched(&mut self) {
        self.reply_downloaded = true;
    }
}

/// Content-Name and Content-Encoding as the session first gave them (C12, C13: one file,
/// one encoding).
#[derive(Debug, Default)]
pub struct FileHeaders {
    pub name: Option<Vec<u8>>,
    /// The first fragment's Content-Encoding (inner `None`: it had none).
    pub encoding: Option<Option<Vec<u8>>>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_session_is_uploaded_once_every_byte_is_acknowledged_and_stays_so_when_released() {
        let s = State::Uploading.all_acknowledged();
        assert_eq!(s, State::Uploaded);
        assert_eq!(s.end(Ending::Closed), State::Ended { by: Ending::Closed, uploaded: true });
        assert!(s.end(Ending::Closed).uploaded());
    }

    #[test]
    fn the_first_release_stands() {
        let ended = State::Uploading.end(Ending::Cancelled);
        assert_eq!(ended, State::Ended { by: Ending::Cancelled, uploaded: false });
        assert_eq!(ended.end(Ending::Closed).ending(), Some(Ending::Cancelled));
        assert!(!ended.uploaded());
        assert_eq!(State::Uploading.ending(), None);
    }

    #[test]
    fn the_report_names_endings_by_their_packet() {
        assert_eq!(Ending::of(PacketType::CloseSession).map(Ending::packet), Some(PacketType::CloseSession));
        assert_eq!(Ending::of(PacketType::CancelSession).map(Ending::packet), Some(PacketType::CancelSession));
        assert_eq!(Ending::of(PacketType::Fragment), None);
    }

    #[test]
    fn only_a_session_created_in_the_capture_starts_at_byte_zero() {
        assert_eq!(Session::new(b"s", Origin::CreatedInCapture).progress.next_expected(), Some(0));
        assert_eq!(Session::new(b"s", Origin::BeforeCapture).progress.next_expected(), None);
        assert_eq!(Session::new(b"s", Origin::NeverIssued).progress.next_expected(), None);
    }
}
