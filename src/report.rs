//! The serialisable result of an inspection. Field names are a stable interface (JSON
//! output, the web page): add fields, never rename them.

use serde::Serialize;

use crate::finding::{Profile, Severity};
use crate::input::{Connection, Origin};
use crate::rules::catalog::Group;
use crate::rules::conversation::SessionSummary;
use crate::span::{Position, Span};
use crate::spec::Source;

#[derive(Debug, Clone, Serialize)]
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
    pub format: &'static str,
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
}

#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    pub bytes: usize,
    pub lines: usize,
    /// `text`, `pcap`, `pcapng` or `har`: what the engine took the bytes for.
    pub format: &'static str,
    /// `crlf`, `lf`, `mixed` or `none`, over the message heads.
    pub line_endings: &'static str,
    /// False for pasted text, whose CRLFs the browser turned into LF.
    pub line_endings_checked: bool,
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

#[derive(Debug, Clone, Serialize)]
pub struct MessageReport {
    pub index: usize,
    pub span: Span,
    /// Stable machine name: `create-session`, `ack-fragment`, `notification`, ...
    pub kind: &'static str,
    /// How a person names it: "Ack for Create-Session".
    pub label: String,
    /// `create-session` ... for requests and Acks whose packet type is known.
    pub packet: Option<&'static str>,
    /// `request`, `response` or `unknown`.
    pub direction: &'static str,
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
    pub session: Option<String>,
    pub headers: Vec<HeaderReport>,
    pub body: BodyReport,
    /// Indices into `Report::findings`.
    pub findings: Vec<usize>,
    pub counts: Counts,
    /// In a capture file: connection, direction, frame numbers and time.
    pub origin: Option<Origin>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeaderReport {
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

#[derive(Debug, Clone, Serialize)]
pub struct BodyReport {
    pub span: Span,
    /// Bytes of body content captured (chunk framing excluded).
    pub length: u64,
    /// What Content-Length announced, when it did.
    pub announced: Option<u64>,
    /// `none`, `content-length`, `chunked` or `until-next-message`.
    pub framing: &'static str,
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
    /// The rule's title.
    pub title: &'static str,
    pub explanation: &'static str,
    /// Item of the protocol reference's section 8 or 9.
    pub reference: &'static str,
    pub links: &'static [Source],
}
