//! A message in words: the strings of its start line and headers, and each header value
//! decoded, made from the lean report and the text its spans point into. This is also the
//! shape of the JSON output.

use serde::ser::{Serialize, SerializeSeq, Serializer};

use super::{BodyReport, CaptureSummary, Counts, Finding, InputSummary, MessageReport, Report};
use crate::bits::packet::{AckForm, MessageKind, PacketType};
use crate::bits::values;
use crate::http::{self, Direction, StartLine};
use crate::input::Origin;
use crate::rules::conversation::SessionSummary;
use crate::rules::grade::Profile;
use crate::span::Span;

#[derive(Debug, Clone, serde::Serialize)]
pub struct MessageDetail<'r> {
    pub index: usize,
    pub span: Span,
    /// Stable machine name: `create-session`, `ack-fragment`, `notification`, ...
    pub kind: MessageKind,
    /// How a person names it: "Ack for Create-Session".
    pub label: String,
    /// `create-session` ... for requests and Acks whose packet type is known.
    pub packet: Option<PacketType>,
    /// For an Ack: `marked` (carries BITS-Packet-Type), `without-packet-type` (carries
    /// other BITS headers: a broken Ack, judged as one) or `plain-http` (no BITS header).
    pub ack_form: Option<AckForm>,
    /// `request`, `response` or `unknown`.
    pub direction: Direction,
    pub start_line: String,
    pub start_line_span: Span,
    pub method: Option<String>,
    pub target: Option<String>,
    pub version: Option<String>,
    pub status: Option<u16>,
    pub reason: Option<String>,
    /// The standard reason phrase of the status, in words.
    pub status_text: Option<&'static str>,
    /// The request this response answers, or the response answering this request.
    pub pair: Option<usize>,
    pub session: Option<&'r str>,
    pub headers: Vec<HeaderDetail>,
    pub body: &'r BodyReport,
    /// Indices into `Report::findings`.
    pub findings: &'r [usize],
    pub counts: Counts,
    /// In a capture file: connection, direction, frame numbers and time.
    pub origin: Option<Origin>,
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
            index: m.index,
            span: m.span,
            kind: m.kind,
            label: m.label(),
            packet: m.packet,
            ack_form: m.ack_form,
            direction: m.direction,
            start_line: lossy(m.start_line_span.slice(text)),
            start_line_span: m.start_line_span,
            method,
            target,
            version,
            status: m.status,
            reason,
            status_text: m.status_text,
            pair: m.pair,
            session: self.session_id(index),
            headers: Vec::new(),
            body: &m.body,
            findings: &m.findings,
            counts: m.counts,
            origin: m.origin,
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
