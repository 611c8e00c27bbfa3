//! The report's types: what an inspection leaves, as spans into the text, with every
//! name an enum that serde serialises once.

use serde::Serialize;

use crate::bits::headers::HeaderKey;
use crate::bits::packet::{AckForm, MessageKind, PacketType};
use crate::http::{Direction, Framing, StartLine};
use crate::input::{Connection, Format, Origin};
use crate::rules::catalog::Group;
use crate::rules::conversation::SessionSummary;
use crate::rules::fix::Fix;
use crate::rules::grade::{Profile, Severity};
use crate::span::{Position, Span};
use crate::spec::Source;

#[derive(Debug, Clone)]
pub struct Report {
    pub tool: &'static str,
    pub version: &'static str,
    pub profile: Profile,
    pub input: InputSummary,
    pub counts: Counts,
    pub messages: Vec<MessageReport>,
    pub sessions: Vec<SessionSummary>,
    pub findings: Vec<Finding>,
    /// For a capture file (pcap, pcapng, HAR): what it held. Spans then point into the
    /// transcript of the messages it carried, not into the file.
    pub capture: Option<CaptureSummary>,
}

#[derive(Debug, Clone, Serialize)]
pub struct CaptureSummary {
    /// `pcap`, `pcapng` or `har`.
    pub format: Format,
    pub frames: u64,
    pub connections: Vec<Connection>,
    /// Where reading stopped early and why; everything before it was inspected.
    pub stopped: Option<String>,
    pub transcript_bytes: usize,
}

impl Report {
    pub fn has_errors(&self) -> bool {
        self.counts.errors > 0
    }

    /// Header lines whose `name: value` holds `needle` (ASCII case ignored), as (message,
    /// header) indices in input order, at most `limit` of them: the page's search over
    /// headers. Reads the spans only; no message is put into words for it.
    pub fn find_in_headers(&self, text: &[u8], needle: &[u8], limit: usize) -> Vec<(usize, usize)> {
        let needle = needle.to_ascii_lowercase();
        let mut found = Vec::new();
        if needle.is_empty() {
            return found;
        }
        let mut line = Vec::new();
        'messages: for m in &self.messages {
            for (j, header) in m.headers.iter().enumerate() {
                line.clear();
                line.extend(header.name(text).iter().map(u8::to_ascii_lowercase));
                line.extend_from_slice(b": ");
                line.extend(header.value(text).iter().map(u8::to_ascii_lowercase));
                if memchr::memmem::find(&line, &needle).is_some() {
                    found.push((m.index, j));
                    if found.len() >= limit {
                        break 'messages;
                    }
                }
            }
        }
        found
    }

    /// Every finding's fixes, in the order of the findings: what `fix` applies.
    pub fn fixes(&self) -> Vec<Fix> {
        self.findings.iter().flat_map(|f| f.fixes.iter().cloned()).collect()
    }

    /// The id of the session a message belongs to.
    pub fn session_id(&self, message: usize) -> Option<&str> {
        self.messages[message].session.map(|s| self.sessions[s].id.as_str())
    }
}

/// What the input turned out to hold, for a verdict that says so.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum InputContent {
    /// Nothing but white space.
    Empty,
    /// No HTTP message at all (see the `input-not-http` finding for what it looks like).
    NotHttp,
    /// HTTP messages, none of a BITS upload.
    HttpWithoutBits,
    /// At least one message of a BITS upload.
    Bits,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    /// What the input holds: `empty`, `not-http`, `http-without-bits` or `bits`.
    pub content: InputContent,
    /// For input that is not HTTP: what it looks like ("JSON, but not a HAR file").
    pub looks_like: Option<&'static str>,
    pub bytes: usize,
    pub lines: usize,
    /// `text`, `pcap`, `pcapng` or `har`: what the engine took the bytes for.
    pub format: Format,
    /// `crlf`, `lf`, `mixed` or `none` (no message head), over the message heads.
    pub line_endings: LineEndings,
    /// False for pasted text, whose CRLFs the browser turned into LF.
    pub line_endings_checked: bool,
}

/// How the message heads end their lines.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineEndings {
    Crlf,
    Lf,
    Mixed,
    /// No message head to tell.
    None,
}

impl LineEndings {
    pub fn of(crlf: usize, lf: usize) -> LineEndings {
        match (crlf, lf) {
            (0, 0) => LineEndings::None,
            (_, 0) => LineEndings::Crlf,
            (0, _) => LineEndings::Lf,
            _ => LineEndings::Mixed,
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl Counts {
    pub fn add(&mut self, severity: Severity) {
        match severity {
            Severity::Error => self.errors += 1,
            Severity::Warning => self.warnings += 1,
            Severity::Note => self.notes += 1,
        }
    }

    pub fn total(&self) -> usize {
        self.errors + self.warnings + self.notes
    }
}

/// One message as inspection left it: what it is, where, and its findings. Strings and
/// decoded values come from [`Report::detail`].
#[derive(Debug, Clone)]
pub struct MessageReport {
    pub index: usize,
    pub span: Span,
    /// What classification made of it; serialised by its stable machine name:
    /// `create-session`, `ack-fragment`, `notification`, ...
    pub kind: MessageKind,
    /// `create-session` ... for requests and Acks whose packet type is known.
    pub packet: Option<PacketType>,
    /// `request`, `response` or `unknown`.
    pub direction: Direction,
    /// For an Ack: marked with `BITS-Packet-Type`, an attempt without it, or plain HTTP.
    pub ack_form: Option<AckForm>,
    pub start_line: StartLine,
    pub start_line_span: Span,
    pub status: Option<u16>,
    /// The standard reason phrase of the status, in words.
    pub status_text: Option<&'static str>,
    /// The request this response answers, or the response answering this request.
    pub pair: Option<usize>,
    /// Index into `Report::sessions`.
    pub session: Option<usize>,
    pub headers: Vec<HeaderReport>,
    pub body: BodyReport,
    /// Indices into `Report::findings`.
    pub findings: Vec<usize>,
    pub counts: Counts,
    /// In a capture file: connection, direction, frame numbers and time.
    pub origin: Option<Origin>,
}

impl MessageReport {
    /// How a person names it: "Ack for Create-Session", "Ack for Fragment, without
    /// BITS-Packet-Type", "HTTP response to Ping (not an Ack)".
    pub fn label(&self) -> String {
        match (self.kind, self.ack_form) {
            (MessageKind::Ack(t), Some(AckForm::PlainHttp)) => {
                format!("HTTP response to {} (not an Ack)", t.wire_name())
            }
            (_, Some(AckForm::PlainHttp)) => "HTTP response to a BITS request (not an Ack)".to_string(),
            (kind, Some(AckForm::WithoutPacketType)) => format!("{}, without BITS-Packet-Type", kind.label()),
            (kind, _) => kind.label(),
        }
    }
}

/// One header line, as spans into the text.
#[derive(Debug, Clone)]
pub struct HeaderReport {
    /// The whole header line.
    pub span: Span,
    pub name_span: Span,
    pub value_span: Span,
    /// Its entry in the header table, when BITS gives rules for this header.
    pub key: Option<HeaderKey>,
    /// The value joined from continuation lines (obsolete folding), which is not one span.
    pub folded_value: Option<Box<[u8]>>,
}

impl HeaderReport {
    pub fn name<'a>(&self, text: &'a [u8]) -> &'a [u8] {
        self.name_span.slice(text)
    }

    pub fn value<'a>(&'a self, text: &'a [u8]) -> &'a [u8] {
        match &self.folded_value {
            Some(v) => v,
            None => self.value_span.slice(text),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct BodyReport {
    pub span: Span,
    /// Bytes of body content captured (chunk framing excluded).
    pub length: u64,
    /// What Content-Length announced, when it did.
    pub announced: Option<u64>,
    /// `none`, `content-length`, `chunked` or `until-next-message`.
    pub framing: Framing,
    pub truncated: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Finding {
    /// Stable rule id, e.g. `ack-create-session-protocol-on-failure`.
    pub rule: &'static str,
    pub severity: Severity,
    pub group: Group,
    /// Index of the message it is about (`messages[i].index`), if any.
    pub message: Option<usize>,
    /// The header it is about, if any.
    pub header: Option<String>,
    pub span: Span,
    pub start: Position,
    pub end: Position,
    /// One line: what exactly was seen here.
    pub summary: String,
    /// Mechanical cures, as byte edits into the same text as `span` (empty when the cure
    /// is not mechanical: the summary says what to do).
    pub fixes: Vec<Fix>,
    /// The rule's title.
    pub title: &'static str,
    pub explanation: &'static str,
    /// Item of the protocol reference's section 8 or 9.
    pub reference: &'static str,
    pub links: &'static [Source],
}

#[cfg(test)]
mod tests {
    use crate::{inspect, Options};

    #[test]
    fn header_search_finds_name_and_value_without_case_and_stops_at_the_limit() {
        let text = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 500 Oops\r\nBITS-Packet-Type: Ack\r\nBITS-Error-Code: 0x8020001F\r\nContent-Length: 0\r\n\r\n";
        let report = inspect(text, &Options::default());
        assert_eq!(report.find_in_headers(text, b"bits-error-code: 0x8020001f", 10), [(1, 1)]);
        assert_eq!(report.find_in_headers(text, b"PACKET-TYPE", 10), [(0, 0), (1, 0)]);
        assert_eq!(report.find_in_headers(text, b"packet-type", 1), [(0, 0)]);
        assert!(report.find_in_headers(text, b"", 10).is_empty());
        assert!(report.find_in_headers(text, b"nowhere", 10).is_empty());
    }
}
