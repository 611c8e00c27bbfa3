//! The outcomes the documents define for BITS requests, and the plan of one outcome's Ack:
//! its status, error and chosen values.

use serde::Serialize;

use crate::bits::codes::Hresult;

/// What happened to the request, as the answer tells the client. Serialised by the name
/// `compose --outcome` takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// Ping: the server is there (200).
    Pong,
    /// The server asks the client to authenticate (401), an HTTP-level answer, not an Ack.
    AuthenticationRequired,
    /// A proxy asks the client to authenticate (407).
    ProxyAuthenticationRequired,
    /// Create-Session: the session is created (200).
    SessionCreated,
    /// The same, with the Win32 pages' 201 Created.
    #[serde(rename = "session-created-201")]
    SessionCreated201,
    /// Created on a web farm: the client must use BITS-Host-Id for the rest of the session.
    SessionCreatedInFarm,
    /// No offered protocol is supported: 400 E_INVALIDARG.
    NoSupportedProtocol,
    /// The user may not upload to the URL: 403 E_ACCESSDENIED.
    Forbidden,
    /// The URL does not exist: 404.
    NotFound,
    /// The file exists and cannot be overwritten: 409 (Win32), 403 in [MC-BUP].
    Conflict,
    /// Fragment: its bytes are received.
    FragmentReceived,
    /// The final fragment of an upload-reply job: received, and the reply is ready.
    FinalFragmentWithReply,
    /// The fragment does not start where the server expects: 416 with the offset it expects.
    RangeNotSatisfiable,
    /// The fragment is larger than the server takes: 413, the client resends smaller ones.
    FragmentTooLarge,
    /// The upload is larger than the server accepts: 500 BG_E_TOO_LARGE.
    UploadTooLarge,
    /// The server does not know the session: 500 BG_E_SESSION_NOT_FOUND.
    SessionNotFound,
    /// The server application failed on the final fragment: error context 0x7.
    ServerApplicationError,
    /// Close-Session: the file is committed and the session released.
    SessionClosed,
    /// Cancel-Session: the upload is discarded and the session released.
    SessionCancelled,
}

impl Outcome {
    pub const ALL: [Outcome; 19] = [
        Outcome::Pong,
        Outcome::AuthenticationRequired,
        Outcome::ProxyAuthenticationRequired,
        Outcome::SessionCreated,
        Outcome::SessionCreated201,
        Outcome::SessionCreatedInFarm,
        Outcome::NoSupportedProtocol,
        Outcome::Forbidden,
        Outcome::NotFound,
        Outcome::Conflict,
        Outcome::FragmentReceived,
        Outcome::FinalFragmentWithReply,
        Outcome::RangeNotSatisfiable,
        Outcome::FragmentTooLarge,
        Outcome::UploadTooLarge,
        Outcome::SessionNotFound,
        Outcome::ServerApplicationError,
        Outcome::SessionClosed,
        Outcome::SessionCancelled,
    ];

    /// The serde name: what `--outcome` takes and the JSON carries.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Pong => "pong",
            Outcome::AuthenticationRequired => "authentication-required",
            Outcome::ProxyAuthenticationRequired => "proxy-authentication-required",
            Outcome::SessionCreated => "session-created",
            Outcome::SessionCreated201 => "session-created-201",
            Outcome::SessionCreatedInFarm => "session-created-in-farm",
            Outcome::NoSupportedProtocol => "no-supported-protocol",
            Outcome::Forbidden => "forbidden",
            Outcome::NotFound => "not-found",
            Outcome::Conflict => "conflict",
            Outcome::FragmentReceived => "fragment-received",
            Outcome::FinalFragmentWithReply => "final-fragment-with-reply",
            Outcome::RangeNotSatisfiable => "range-not-satisfiable",
            Outcome::FragmentTooLarge => "fragment-too-large",
            Outcome::UploadTooLarge => "upload-too-large",
            Outcome::SessionNotFound => "session-not-found",
            Outcome::ServerApplicationError => "server-application-error",
            Outcome::SessionClosed => "session-closed",
            Outcome::SessionCancelled => "session-cancelled",
        }
    }

    pub fn parse(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name().eq_ignore_ascii_case(name))
    }
}

/// BG_ERROR_CONTEXT_REMOTE_FILE: the BITS server itself failed the request.
pub const CONTEXT_REMOTE_FILE: u32 = 0x5;
/// BG_ERROR_CONTEXT_REMOTE_APPLICATION: the server application behind it did.
pub const CONTEXT_REMOTE_APPLICATION: u32 = 0x7;

/// An HTTP-level header of an answer that is no Ack (an authentication challenge): outside
/// the BITS header table, so it carries its own words and source.
#[derive(Debug, Clone, Copy)]
pub struct Challenge {
    pub name: &'static str,
    pub value: &'static str,
}

/// One outcome with the values its Ack carries; which headers it has is the table's to say.
#[derive(Debug, Clone)]
pub struct Plan {
    pub outcome: Outcome,
    pub status: u16,
    /// BITS-Error-Code and BITS-Error-Context, for a failure.
    pub error: Option<(Hresult, u32)>,
    /// Values the answer may carry: the table says which of them belong (an Optional entry
    /// is taken only when its value is given here).
    pub values: Vec<(&'static str, String)>,
    /// For an HTTP-level answer (no BITS header at all): the challenge it carries.
    pub challenge: Option<Challenge>,
    /// A sentence about the outcome the client acts on (the resend rule of 5xx).
    pub note: Option<&'static str>,
}

impl Plan {
    pub(super) fn new(outcome: Outcome, status: u16) -> Plan {
        Plan { outcome, status, error: None, values: Vec::new(), challenge: None, note: None }
    }

    pub(super) fn error(mut self, code: Hresult, context: u32) -> Plan {
        self.error = Some((code, context));
        self
    }

    pub(super) fn with(mut self, header: &'static str, value: impl Into<String>) -> Plan {
        self.values.push((header, value.into()));
        self
    }

    pub(super) fn note(mut self, note: &'static str) -> Plan {
        self.note = Some(note);
        self
    }

    /// The value chosen for a header, when the plan has one.
    pub fn value(&self, header: &str) -> Option<&str> {
        self.values.iter().find(|(name, _)| *name == header).map(|(_, v)| v.as_str())
    }
}
