//! A message in words: the strings of its start line and headers, and each header value
//! decoded, made from the lean report and the text its spans point into. This is also the
//! shape of the JSON output.

use serde::ser::{Serialize, SerializeSeq, SerializeStruct, Serializer};

use super::model::{CaptureSummary, Counts, Finding, InputSummary, MessageReport, Report};
use crate::bits::values;
use crate::http::{self, StartLine};
use crate::rules::conversation::SessionSummary;
use crate::rules::grade::Profile;
use crate::span::Span;

/// A message in words: the [`MessageReport`] itself, and the strings made from the text its
/// spans point into. Serialised as one object (the JSON report's `messages[]`), the
/// report's fields and the words in the order the JSON has always had.
#[derive(Debug, Clone)]
pub struct MessageDetail<'r> {
    pub message: &'r MessageReport,
    /// How a person names it: "Ack for Create-Session".
    pub label: String,
    pub start_line: String,
    pub method: Option<String>,
    pub target: Option<String>,
    pub version: Option<String>,
    pub reason: Option<String>,
    /// The id of the session it belongs to.
    pub session: Option<&'r str>,
    pub headers: Vec<HeaderDetail>,
}

impl Serialize for MessageDetail<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let m = self.message;
        let mut out = serializer.serialize_struct("MessageDetail", 22)?;
        out.serialize_field("index", &m.index)?;
        out.serialize_field("span", &m.span)?;
        out.serialize_field("kind", &m.kind)?;
        out.serialize_field("label", &self.label)?;
        out.serialize_field("packet", &m.packet)?;
        out.serialize_field("ack_form", &m.ack_form)?;
        out.serialize_field("direction", &m.direction)?;
        out.serialize_field("start_line", &self.start_line)?;
        out.serialize_field("start_line_span", &m.start_line_span)?;
        out.serialize_field("method", &self.method)?;
        out.serialize_field("target", &self.target)?;
        out.serialize_field("version", &self.version)?;
        out.serialize_field("status", &m.status)?;
        out.serialize_field("reason", &self.reason)?;
        out.serialize_field("status_text", &m.status_text)?;
        out.serialize_field("pair", &m.pair)?;
        out.serialize_field("session", &self.session)?;
        out.serialize_field("headers", &self.headers)?;
        out.serialize_field("body", &m.body)?;
        out.serialize_field("findings", &m.findings)?;
        out.serialize_field("counts", &m.counts)?;
        out.serialize_field("origin", &m.origin)?;
        out.end()
    }
}

#[derive(Debug, Clone, serde::Serialize)]
pub struct HeaderDetail {
    pub name: String,
    pub value: String,
    /// The whole header line.
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
    /// The header table's name for it, when BITS gives rules for this header.
    pub known: Option<&'static str>,
    /// The value in words.
    pub decoded: Option<String>,
    /// Why the value does not follow its grammar.
    pub problem: Option<String>,
}

impl Report {
    /// Message `index` in words; `text` is what the report's spans point into (the input,
    /// or a capture's transcript: see [`crate::Inspection`]).
    pub fn detail<'r>(&'r self, index: usize, text: &[u8]) -> MessageDetail<'r> {
        let mut detail = self.detail_without_headers(index, text);
        detail.headers = header_details(&self.messages[index], text);
        detail
    }

    /// [`Report::detail`] with `headers` left empty: what a list of messages shows, for
    /// which decoding every header of every message would be wasted.
    pub fn detail_without_headers<'r>(&'r self, index: usize, text: &[u8]) -> MessageDetail<'r> {
        let m = &self.messages[index];
        let (method, target, version, reason) = match &m.start_line {
            StartLine::Request { method, target, version } => (
                Some(lossy(method.slice(text))),
                Some(lossy(target.slice(text))),
                Some(lossy(version.slice(text))),
                None,
            ),
            StartLine::Response { version, reason, .. } => {
                (None, None, Some(lossy(version.slice(text))), Some(lossy(reason.slice(text))))
            }
            StartLine::Invalid => (None, None, None, None),
        };
        MessageDetail {
            message: m,
            label: m.label(),
            start_line: lossy(m.start_line_span.slice(text)),
            method,
            target,
            version,
            reason,
            session: self.session_id(index),
            headers: Vec::new(),
        }
    }

    /// The whole report in its serialisable form. Messages are put into words one at a
    /// time as they are written, so serialising never holds every detail at once.
    pub fn json<'r>(&'r self, text: &'r [u8]) -> ReportJson<'r> {
        ReportJson {
            tool: self.tool,
            version: self.version,
            profile: self.profile,
            input: &self.input,
            counts: self.counts,
            messages: Messages { report: self, text },
            sessions: &self.sessions,
            findings: &self.findings,
            capture: self.capture.as_ref(),
        }
    }
}

#[derive(serde::Serialize)]
pub struct ReportJson<'r> {
    pub tool: &'static str,
    pub version: &'static str,
    pub profile: Profile,
    pub input: &'r InputSummary,
    pub counts: Counts,
    messages: Messages<'r>,
    pub sessions: &'r [SessionSummary],
    pub findings: &'r [Finding],
    /// For a capture file (pcap, pcapng, HAR): what it held. Spans then point into the
    /// transcript of the messages it carried, not into the file.
    pub capture: Option<&'r CaptureSummary>,
}

struct Messages<'r> {
    report: &'r Report,
    text: &'r [u8],
}

impl Serialize for Messages<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut seq = serializer.serialize_seq(Some(self.report.messages.len()))?;
        for index in 0..self.report.messages.len() {
            seq.serialize_element(&self.report.detail(index, self.text))?;
        }
        seq.end()
    }
}

fn header_details(m: &MessageReport, text: &[u8]) -> Vec<HeaderDetail> {
    m.headers
        .iter()
        .map(|header| {
            let value = header.value(text);
            let (decoded, problem) = match header.key {
                Some(key) => match values::describe(key.spec().grammar, value) {
                    Ok(words) => (Some(words), None),
                    Err(problem) => (None, Some(problem)),
                },
                None => (describe_plain_header(header.name(text), value), None),
            };
            HeaderDetail {
                name: lossy(header.name(text)),
                value: lossy(value),
                span: header.span,
                name_span: header.name_span,
                value_span: header.value_span,
                known: header.key.map(|k| k.spec().name),
                decoded,
                problem,
            }
        })
        .collect()
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Words for the few plain HTTP headers a BITS conversation leans on.
fn describe_plain_header(name: &[u8], value: &[u8]) -> Option<String> {
    if name.eq_ignore_ascii_case(b"Range") {
        let spec = value.strip_prefix(b"bytes=")?;
        let dash = spec.iter().position(|&b| b == b'-')?;
        let first = http::parse_decimal(&spec[..dash])?;
        return Some(match http::parse_decimal(&spec[dash + 1..]) {
            Some(last) => format!("asks for bytes {first} to {last} ({} bytes)", last.saturating_sub(first) + 1),
            None => format!("asks for bytes {first} to the end"),
        });
    }
    if name.eq_ignore_ascii_case(b"X-Http-Method-Override") {
        return Some(format!("the request is really {}", lossy(value)));
    }
    None
}
