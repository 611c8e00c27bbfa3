//! What the conversation rules read of a message, and where their findings point.

use std::collections::HashMap;

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

/// Where the header checker's findings of a header missing from an Ack stand among the
/// findings, by message and rule. The conversation knows their values (the request gives
/// them) and attaches the fix that adds each through this index, made once, rather than
/// searching every finding again for each Ack.
#[derive(Default)]
pub struct MissingHeaders(HashMap<(usize, Rule), usize>);

impl MissingHeaders {
    /// The rules whose missing header the conversation can supply.
    const SUPPLIED: [Rule; 3] =
        [Rule::AckSessionIdMissing, Rule::AckCreateSessionProtocolMissing, Rule::AckFragmentReceivedRangeMissing];

    pub fn index(findings: &[RawFinding]) -> MissingHeaders {
        let places = findings.iter().enumerate().filter_map(|(at, f)| {
            let message = f.message?;
            (Self::SUPPLIED.contains(&f.rule) && f.fixes.is_empty()).then_some(((message, f.rule), at))
        });
        let mut index = HashMap::new();
        for (key, at) in places {
            index.entry(key).or_insert(at);
        }
        MissingHeaders(index)
    }

    /// The finding of `rule` on this Ack, if the checker raised one, gains the fix that adds
    /// `name: value`.
    pub fn supply(&self, out: &mut [RawFinding], view: &MessageView, rule: Rule, name: &str, value: &[u8]) {
        let Some(&at) = self.0.get(&(view.index, rule)) else { return };
        let Ok(value) = std::str::from_utf8(value) else { return };
        if let (true, Some(fix)) = (out[at].fixes.is_empty(), Fix::add_header(view.input, view.msg, name, value)) {
            out[at].fixes.push(fix);
        }
    }
}
