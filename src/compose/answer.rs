//! What the composer gives: the answers to a request, or why it has none.

use serde::{Serialize, Serializer};

use super::outcome::Outcome;
use crate::bits::packet::{MessageKind, PacketType};
use crate::rules::grade::Profile;
use crate::spec::Source;

/// The answers to one BITS request.
#[derive(Debug, Clone, Serialize)]
pub struct RequestAnswers {
    /// Index of the request in the report's messages.
    pub message: usize,
    /// Spelled as on the wire (`Create-Session`), as a person reads it beside the request.
    #[serde(serialize_with = "wire_name")]
    pub packet: PacketType,
    pub answers: Vec<Answer>,
}

fn wire_name<S: Serializer>(packet: &PacketType, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(packet.wire_name())
}

/// One Ack a correct server may send.
#[derive(Debug, Clone, Serialize)]
pub struct Answer {
    pub outcome: Outcome,
    pub status: u16,
    /// The profiles under which this answer draws no error, in [`Profile::ALL`]'s order.
    pub profiles: Vec<Profile>,
    /// The Ack byte for byte: CRLF line endings, an empty body.
    pub raw: String,
    pub headers: Vec<AnswerHeader>,
}

/// One header of an answer, with the document's reason for it.
#[derive(Debug, Clone, Serialize)]
pub struct AnswerHeader {
    pub name: &'static str,
    pub value: String,
    /// Why the header is there: the table's summary and the presence condition in words.
    pub why: String,
    /// The documents that ask for it (the table's sources).
    pub links: &'static [Source],
}

/// Why a message gets no answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unanswerable {
    /// No message with that index.
    NoSuchMessage { message: usize, messages: usize },
    /// A response, or a request that is not a BITS request.
    NotBitsRequest { message: usize, kind: MessageKind },
    /// A BITS request whose BITS-Packet-Type is missing or not one of the five.
    UnknownPacketType { message: usize },
    /// A header the answer's values come from is missing or cannot be read.
    Unreadable { message: usize, packet: PacketType, header: &'static str },
}

impl std::fmt::Display for Unanswerable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unanswerable::NoSuchMessage { message, messages } => {
                write!(f, "message #{message} does not exist: the input holds {messages} message(s)")
            }
            Unanswerable::NotBitsRequest { message, kind } => {
                write!(f, "message #{message} ({}) is not a BITS request: only BITS requests get an Ack", kind.label())
            }
            Unanswerable::UnknownPacketType { message } => write!(
                f,
                "message #{message} is a BITS request without a known BITS-Packet-Type: a server answers it with 400 \
                 and E_INVALIDARG, whatever it meant"
            ),
            Unanswerable::Unreadable { message, packet, header } => write!(
                f,
                "message #{message} is a {} whose {header} is missing or unreadable: the Ack's values come from it",
                packet.wire_name()
            ),
        }
    }
}

impl std::error::Error for Unanswerable {}
