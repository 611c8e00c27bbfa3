//! What a message is: BITS packet types and the kinds of message a capture holds.

use serde::Serialize;

/// The five BITS requests. The Ack is not a request type: an Ack's meaning comes from the
/// request it answers, so it is a [`MessageKind`] carrying that request's type.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum PacketType {
    Ping,
    CreateSession,
    Fragment,
    CloseSession,
    CancelSession,
}

impl PacketType {
    pub const ALL: [PacketType; 5] = [
        PacketType::Ping,
        PacketType::CreateSession,
        PacketType::Fragment,
        PacketType::CloseSession,
        PacketType::CancelSession,
    ];

    /// The spelling the Windows client sends and the Win32 pages use.
    pub const fn wire_name(self) -> &'static str {
        match self {
            PacketType::Ping => "Ping",
            PacketType::CreateSession => "Create-Session",
            PacketType::Fragment => "Fragment",
            PacketType::CloseSession => "Close-Session",
            PacketType::CancelSession => "Cancel-Session",
        }
    }

    /// Values compare case-insensitively ([MC-BUP] spells them upper case).
    pub fn from_value(value: &[u8]) -> Option<PacketType> {
        PacketType::ALL.into_iter().find(|t| value.eq_ignore_ascii_case(t.wire_name().as_bytes()))
    }

    pub const fn carries_session_id(self) -> bool {
        matches!(self, PacketType::Fragment | PacketType::CloseSession | PacketType::CancelSession)
    }
}

/// How a response to a BITS request presents itself: the commonest server bug is an error
/// answer that is almost an Ack, so a response carrying BITS headers is judged as an Ack
/// even without `BITS-Packet-Type`.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum AckForm {
    /// Carries `BITS-Packet-Type` (normally `Ack`).
    Marked,
    /// Carries other `BITS-` headers (an error code, a session id, ...) but no
    /// `BITS-Packet-Type`: an Ack attempt, checked with every Ack rule.
    WithoutPacketType,
    /// No BITS header at all: an HTTP-level answer (an authentication challenge, a web
    /// server's own error page, a proxy error), not an Ack.
    PlainHttp,
}

impl AckForm {
    /// Whether the Ack rules apply.
    pub fn is_ack_attempt(self) -> bool {
        self != AckForm::PlainHttp
    }
}

/// What a message is, decided from its own headers and from the request it answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MessageKind {
    /// A BITS request (`BITS_POST`, or a request that carries `BITS-Packet-Type`).
    Request(PacketType),
    /// A BITS request whose `BITS-Packet-Type` is missing or not one of the five.
    UnknownRequest,
    /// The Ack answering a BITS request of this type.
    Ack(PacketType),
    /// An Ack whose request is not in the capture or has no known packet type; the packet
    /// type is guessed from the headers only its Ack can carry, when they are there.
    UnknownAck(Option<PacketType>),
    /// The BITS server's POST to the server application (upload-reply and notification jobs).
    Notification,
    NotificationResponse,
    /// The client's GET of an upload-reply job's reply, and its answer.
    ReplyDownload,
    ReplyDownloadResponse,
    HttpRequest,
    HttpResponse,
    /// No start line could be read.
    Unknown,
}

impl MessageKind {
    /// A stable machine-readable name, used in JSON (`messages[].kind`).
    pub fn id(self) -> &'static str {
        match self {
            MessageKind::Request(PacketType::Ping) => "ping",
            MessageKind::Request(PacketType::CreateSession) => "create-session",
            MessageKind::Request(PacketType::Fragment) => "fragment",
            MessageKind::Request(PacketType::CloseSession) => "close-session",
            MessageKind::Request(PacketType::CancelSession) => "cancel-session",
            MessageKind::UnknownRequest => "bits-request",
            MessageKind::Ack(PacketType::Ping) => "ack-ping",
            MessageKind::Ack(PacketType::CreateSession) => "ack-create-session",
            MessageKind::Ack(PacketType::Fragment) => "ack-fragment",
            MessageKind::Ack(PacketType::CloseSession) => "ack-close-session",
            MessageKind::Ack(PacketType::CancelSession) => "ack-cancel-session",
            MessageKind::UnknownAck(_) => "ack",
            MessageKind::Notification => "notification",
            MessageKind::NotificationResponse => "notification-response",
            MessageKind::ReplyDownload => "reply-download",
            MessageKind::ReplyDownloadResponse => "reply-download-response",
            MessageKind::HttpRequest => "http-request",
            MessageKind::HttpResponse => "http-response",
            MessageKind::Unknown => "unknown",
        }
    }

    /// How a person would name it.
    pub fn label(self) -> String {
        match self {
            MessageKind::Request(t) => t.wire_name().to_string(),
            MessageKind::UnknownRequest => "BITS request of unknown type".to_string(),
            MessageKind::Ack(t) => format!("Ack for {}", t.wire_name()),
            MessageKind::UnknownAck(Some(t)) => format!("Ack (request unknown; looks like Ack for {})", t.wire_name()),
            MessageKind::UnknownAck(None) => "Ack (request unknown)".to_string(),
            MessageKind::Notification => "Notification to the server application".to_string(),
            MessageKind::NotificationResponse => "Server application's response".to_string(),
            MessageKind::ReplyDownload => "Reply download (GET)".to_string(),
            MessageKind::ReplyDownloadResponse => "Reply download response".to_string(),
            MessageKind::HttpRequest => "HTTP request".to_string(),
            MessageKind::HttpResponse => "HTTP response".to_string(),
            MessageKind::Unknown => "Unreadable message".to_string(),
        }
    }

    /// The packet type whose rules apply, for requests and Acks.
    pub fn packet(self) -> Option<PacketType> {
        match self {
            MessageKind::Request(t) | MessageKind::Ack(t) | MessageKind::UnknownAck(Some(t)) => Some(t),
            _ => None,
        }
    }

    pub fn is_bits_request(self) -> bool {
        matches!(self, MessageKind::Request(_) | MessageKind::UnknownRequest)
    }

    pub fn is_ack(self) -> bool {
        matches!(self, MessageKind::Ack(_) | MessageKind::UnknownAck(_))
    }

    pub fn is_bits(self) -> bool {
        self.is_bits_request() || self.is_ack()
    }

    /// Part of a BITS upload: its packets, the notification leg and the reply download.
    pub fn is_bits_traffic(self) -> bool {
        !matches!(self, MessageKind::HttpRequest | MessageKind::HttpResponse | MessageKind::Unknown)
    }

    /// Every kind, for documentation and for the page's legend.
    pub fn all() -> Vec<MessageKind> {
        let mut kinds: Vec<MessageKind> = PacketType::ALL.into_iter().map(MessageKind::Request).collect();
        kinds.push(MessageKind::UnknownRequest);
        kinds.extend(PacketType::ALL.into_iter().map(MessageKind::Ack));
        kinds.extend([
            MessageKind::UnknownAck(None),
            MessageKind::Notification,
            MessageKind::NotificationResponse,
            MessageKind::ReplyDownload,
            MessageKind::ReplyDownloadResponse,
            MessageKind::HttpRequest,
            MessageKind::HttpResponse,
            MessageKind::Unknown,
        ]);
        kinds
    }
}

/// By its stable machine name ([`MessageKind::id`]), as the JSON report gives it.
impl Serialize for MessageKind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packet_types_parse_in_either_documents_spelling() {
        assert_eq!(PacketType::from_value(b"Create-Session"), Some(PacketType::CreateSession));
        assert_eq!(PacketType::from_value(b"CREATE-SESSION"), Some(PacketType::CreateSession));
        assert_eq!(PacketType::from_value(b"fragment"), Some(PacketType::Fragment));
        assert_eq!(PacketType::from_value(b"Ack"), None);
        assert_eq!(PacketType::from_value(b"Create Session"), None);
    }

    #[test]
    fn kind_ids_are_unique() {
        let kinds = MessageKind::all();
        let mut ids: Vec<&str> = kinds.iter().map(|k| k.id()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), kinds.len());
    }
}
