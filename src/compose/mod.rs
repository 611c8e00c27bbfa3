//! The Ack composer: for a BITS request of a report, the Acks a correct server sends, one
//! per outcome the documents define, each with the profiles under which it is correct.
//!
//! Nothing here keeps a list of which header goes on which Ack: the header set of an answer
//! is read off the header table's presence entries for (Ack(packet), status, profile)
//! ([`table`]), and which profiles accept it off the rule catalog's grades. This module only
//! chooses outcomes ([`outcome`]) and values ([`context`]: the request and its conversation).

mod answer;
mod context;
mod outcome;
mod table;

use crate::bits::packet::MessageKind;
use crate::report::Report;

pub use answer::{Answer, AnswerHeader, RequestAnswers, Unanswerable};
pub use outcome::Outcome;

/// The answers to the BITS request `message` of `report`; `text` is the text its spans point
/// into (the input, or a capture's transcript).
pub fn answers(report: &Report, text: &[u8], message: usize) -> Result<RequestAnswers, Unanswerable> {
    let m =
        report.messages.get(message).ok_or(Unanswerable::NoSuchMessage { message, messages: report.messages.len() })?;
    let packet = match m.kind {
        MessageKind::Request(packet) => packet,
        MessageKind::UnknownRequest => return Err(Unanswerable::UnknownPacketType { message }),
        kind => return Err(Unanswerable::NotBitsRequest { message, kind }),
    };
    let context = context::Context::read(report, text, message, packet)?;
    let answers = context::plans(packet, &context).iter().flat_map(|plan| table::answers_for(packet, plan)).collect();
    Ok(RequestAnswers { message, packet, answers })
}

/// The answers to every BITS request of the report, in message order (other messages are
/// skipped; a BITS request that cannot be answered gives its reason).
pub fn all_answers(report: &Report, text: &[u8]) -> Vec<Result<RequestAnswers, Unanswerable>> {
    report.messages.iter().filter(|m| m.kind.is_bits_request()).map(|m| answers(report, text, m.index)).collect()
}
