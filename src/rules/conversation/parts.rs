//! What the conversation rules read of a message, and where their findings point.

use crate::bits::classify::MessageView;
use crate::bits::values;
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::fix::Fix;
use crate::span::Span;

pub fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

pub fn at(view: &MessageView, rule: Rule, summary: String) -> RawFinding {
    RawFinding::new(rule, view.msg.start_line_span, summary).in_message(view.index)
}

pub fn value_span(view: &MessageView, name: &str) -> Span {
    view.header(name).map_or(view.msg.start_line_span, |hd| hd.value)
}

/// What identifies a session: the id as issued, except that a GUID is a number written in
/// hex and compares without case (`{a0ff...}` is `{A0FF...}`); other ids are arbitrary
/// strings (Win32 page) and compare byte for byte.
pub fn session_key(id: &[u8]) -> Vec<u8> {
    if values::parse_guid(id).is_some() {
        id.to_ascii_uppercase()
    } else {
        id.to_vec()
    }
}

pub fn request_host(view: &MessageView) -> Option<Vec<u8>> {
    values::host_of(view.msg.target(view.input).unwrap_or_default(), view.raw_value("Host"))
}

/// Sets a header of the message to a value the conversation gives ("set
/// BITS-Received-Content-Range to 5000"); `None` when the header is absent or the value is
/// not text.
pub fn set_value(view: &MessageView, name: &str, value: &[u8]) -> Option<Fix> {
    Some(Fix::set_header(view.header(name)?, name, std::str::from_utf8(value).ok()?))
}

/// The header table's checker found `name` missing from this Ack without knowing its value;
/// the request gives it, so that finding gains the fix that adds it.
pub fn add_to_missing(out: &mut [RawFinding], view: &MessageView, rule: Rule, name: &str, value: &[u8]) {
    let Ok(value) = std::str::from_utf8(value) else { return };
    let missing = out.iter_mut().find(|f| f.rule == rule && f.message == Some(view.index) && f.fixes.is_empty());
    if let (Some(finding), Some(fix)) = (missing, Fix::add_header(view.input, view.msg, name, value)) {
        finding.fixes.push(fix);
    }
}
