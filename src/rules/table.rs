//! Which catalog rule each entry of the header table is reported as. The table
//! (`bits::headers`) says what the documents require of a header; this says under which rule
//! id a breach of it is reported, so the protocol layer carries no rule ids.

use crate::bits::headers::{self as h, Need, Presence, Scope, When};
use crate::bits::packet::PacketType;
use crate::rules::catalog::Rule;

/// The rule a presence entry is reported under when a Required header is missing or a
/// Forbidden one is present. `None` for entries that only document (Optional), and for the
/// two that are enforced elsewhere: BITS-Packet-Type, which decides what a message is
/// (classification), and the notification's Content-Length, which HTTP framing judges.
pub fn presence_rule(header: &str, entry: &Presence) -> Option<Rule> {
    use PacketType::*;
    use Scope::*;
    if entry.need == Need::Optional || header == h::PACKET_TYPE {
        return None;
    }
    let required = entry.need == Need::Required;
    // An Ack for Ping carries nothing but its packet type and length.
    if entry.scope == Ack(Ping) && !required {
        return Some(Rule::AckPingUnexpectedHeader);
    }
    let rule = match (header, entry.scope, required) {
        (h::SUPPORTED_PROTOCOLS, Request(CreateSession), true) => Rule::CreateSessionProtocolsMissing,
        (h::PROTOCOL, Ack(CreateSession), true) => Rule::AckCreateSessionProtocolMissing,
        (h::PROTOCOL, Ack(CreateSession), false) => Rule::AckCreateSessionProtocolOnFailure,
        (h::SESSION_ID, Request(_), true) => Rule::RequestSessionIdMissing,
        (h::SESSION_ID, Request(_), false) => Rule::RequestSessionIdUnexpected,
        (h::SESSION_ID, Ack(CreateSession), true) => Rule::AckCreateSessionSessionIdMissing,
        (h::SESSION_ID, Ack(_), true) => Rule::AckSessionIdMissing,
        (h::ACCEPT_ENCODING, Ack(CreateSession), true) => Rule::AckCreateSessionAcceptEncodingMissing,
        (h::ACCEPT_ENCODING, Ack(CreateSession), false) => Rule::AckCreateSessionAcceptEncodingOnFailure,
        (h::CONTENT_LENGTH, AnyRequest, true) => Rule::RequestContentLengthMissing,
        (h::CONTENT_LENGTH, AnyAck, true) => Rule::AckContentLengthMissing,
        (h::CONTENT_LENGTH, Notification, true) => return None,
        (h::CONTENT_NAME, Request(CreateSession), false) => Rule::ContentNameOutsideFirstFragment,
        (h::CONTENT_NAME, Request(Fragment), false) if entry.when == When::LaterFragment => {
            Rule::ContentNameOutsideFirstFragment
        }
        (h::CONTENT_NAME, Request(CloseSession | CancelSession), false) => Rule::ContentNameOnCloseOrCancel,
        (h::CONTENT_RANGE, Request(Fragment), true) => Rule::FragmentContentRangeMissing,
        (h::CONTENT_ENCODING, Request(Fragment), false) => Rule::FragmentContentEncoding,
        (h::RECEIVED_CONTENT_RANGE, Ack(Fragment), true) => Rule::AckFragmentReceivedRangeMissing,
        (h::ERROR_CODE, AnyAck, false) | (h::ERROR_CONTEXT, AnyAck, false) => Rule::AckErrorOnSuccess,
        (h::ERROR_CODE, AnyAck, true) => Rule::AckErrorCodeMissing,
        (h::ORIGINAL_REQUEST_URL, Notification, true) => Rule::NotifyOriginalUrlMissing,
        _ => panic!("the header table's entry for {header} ({entry:?}) has no rule: add one here"),
    };
    Some(rule)
}

/// The rule reported when a header's value does not follow its grammar; `None` where the
/// value is only put into words.
pub fn invalid_rule(header: &str) -> Option<Rule> {
    Some(match header {
        h::SUPPORTED_PROTOCOLS => Rule::CreateSessionProtocolsMalformed,
        h::PROTOCOL => Rule::AckCreateSessionProtocolMalformed,
        h::SESSION_ID => Rule::SessionIdInvalid,
        h::HOST_ID => Rule::AckCreateSessionHostIdInvalid,
        h::HOST_ID_FALLBACK_TIMEOUT => Rule::AckCreateSessionFallbackInvalid,
        h::ACCEPT_ENCODING => Rule::AckCreateSessionAcceptEncodingNotIdentity,
        h::CONTENT_LENGTH => Rule::HttpContentLengthInvalid,
        h::CONTENT_NAME => Rule::ContentNameInvalid,
        h::CONTENT_RANGE => Rule::FragmentContentRangeMalformed,
        h::RECEIVED_CONTENT_RANGE => Rule::AckFragmentReceivedRangeInvalid,
        h::ERROR_CODE => Rule::AckErrorCodeInvalid,
        h::ERROR_CONTEXT => Rule::AckErrorContextInvalid,
        h::STATIC_RESPONSE_URL => Rule::NotifyStaticUrlRelative,
        _ => return None,
    })
}

/// The rule reported when `header` comes without `companion`, which the table says must
/// accompany it.
pub fn companion_rule(header: &str, companion: &str) -> Rule {
    match (header, companion) {
        (h::HOST_ID, h::HOST_ID_FALLBACK_TIMEOUT) => Rule::AckCreateSessionHostIdWithoutFallback,
        (h::HOST_ID_FALLBACK_TIMEOUT, h::HOST_ID) => Rule::AckCreateSessionFallbackWithoutHostId,
        (h::ERROR_CODE, h::ERROR_CONTEXT) => Rule::AckErrorContextMissing,
        (h::ERROR_CONTEXT, h::ERROR_CODE) => Rule::AckErrorContextWithoutCode,
        (h::REQUEST_DATA_FILE, h::RESPONSE_DATA_FILE) | (h::RESPONSE_DATA_FILE, h::REQUEST_DATA_FILE) => {
            Rule::NotifyDataFileHeaders
        }
        _ => panic!("the header table asks {companion} of {header}, which has no rule: add one here"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bits::headers::HEADERS;

    /// Every requirement of the table is reported under some rule, so a new entry cannot
    /// go unchecked (the functions above panic on an entry they do not know).
    #[test]
    fn every_table_entry_has_its_rule() {
        for spec in HEADERS {
            for entry in spec.presence {
                let rule = presence_rule(spec.name, entry);
                let enforced_elsewhere = spec.name == h::PACKET_TYPE
                    || (spec.name == h::CONTENT_LENGTH && entry.scope == Scope::Notification);
                assert_eq!(
                    rule.is_some(),
                    entry.need != Need::Optional && !enforced_elsewhere,
                    "{} {entry:?}",
                    spec.name
                );
            }
            for companion in spec.requires {
                companion_rule(spec.name, companion);
            }
        }
    }
}
