//! The page's plain DTOs: what crosses to JavaScript, each built `From` the core's types (as
//! ruff's wasm crate does), so the core can change its internals without the page noticing.
//! Every span is converted, once, to UTF-16 offsets plus the reports' own line and column.

use serde::Serialize;
// Every DTO derives `Tsify`: its TypeScript interface goes into wasm-bindgen's .d.ts (a custom
// section, which wasm-bindgen strips from the wasm), so the page is type-checked against the
// shapes serde gives here (scripts/check-types.sh). `missing_as_null`: `None` reaches the page as
// `null` (see `to_js`). Fields of the core's enums are `string` there until those enums derive it too.
use tsify::Tsify;

use crate::bits::packet::{MessageKind, PacketType};
use crate::explain::{self, Explanation};
use crate::http::{Direction, Framing};
use crate::input::Format;
use crate::report::{self, LineEndings, Report};
use crate::rules::catalog::{Group, CATALOG};
use crate::rules::conversation::{FragmentStep, SessionSummary};
use crate::rules::grade::{Graded, Profile, Severity};
use crate::span::Span;
use crate::spec::{Document, Source};
use crate::utf16::TextIndex;
use crate::view::{FindingFilter, Piece, PieceRow, RuleGroup};

// The report's enums for a message's kind and direction, a body's framing and an input's
// format and line endings are held by value: serde gives the page their one set of names.
pub type Kind = MessageKind;

/// A span in the page's text: UTF-16 `start..end`, and where it starts and ends as
/// one-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageSpan {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// A byte span as the page addresses it. A bound inside a character widens the span to
/// the whole character.
pub fn page_span(index: &TextIndex, span: Span) -> PageSpan {
    let (start, end) = (index.point(span.start), index.point(span.end));
    PageSpan {
        start: start.utf16,
        end: end.utf16_ceil.max(start.utf16),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
    }
}

/// One header line a search found.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageHeaderHit {
    pub message: usize,
    pub header: usize,
    pub name: String,
    pub value: String,
    pub span: PageSpan,
}

/// What [`Inspection::shared`] gives.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageShared<'a> {
    #[tsify(type = "Uint8Array")]
    pub bytes: Bytes<'a>,
    #[tsify(type = "Record<string, number> | null")]
    pub counts: Option<crate::redact::RedactionCounts>,
    pub replaced: Option<String>,
}

/// Bytes that reach JavaScript as a `Uint8Array`, not an array of numbers.
pub struct Bytes<'a>(pub(crate) &'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageReport {
    pub tool: &'static str,
    pub version: &'static str,
    pub profile: Profile,
    pub input: PageInput,
    pub counts: PageCounts,
    pub messages: Vec<PageMessage>,
    pub sessions: Vec<PageSession>,
    pub findings: Vec<PageFinding>,
    /// What a capture file held (`null` for text).
    pub capture: Option<PageCapture>,
    /// For a capture: the text every span points into (`null` for text input).
    pub transcript: Option<String>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageCapture {
    pub format: Format,
    pub frames: f64,
    pub connections: Vec<PageConnection>,
    /// Where reading stopped early and why; everything before it was inspected.
    pub stopped: Option<String>,
    pub transcript_bytes: usize,
    /// How many connections there are (`connections` may be cut to the page's limit).
    #[serde(rename = "connectionCount")]
    pub connection_count: usize,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageConnection {
    pub id: usize,
    pub client: String,
    pub server: String,
    pub first_frame: f64,
    pub last_frame: f64,
    pub started_mid_stream: bool,
    pub closed: bool,
}

/// Where a message of a capture came from.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageOrigin {
    pub connection: usize,
    pub from_client: bool,
    pub first_frame: f64,
    pub last_frame: f64,
    /// Seconds since the Unix epoch.
    pub time: Option<f64>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageInput {
    /// Bytes of the input as given (the file, for a capture).
    pub bytes: usize,
    /// `text`, `pcap`, `pcapng` or `har`.
    pub format: Format,
    /// Length of the decoded text in UTF-16 code units: the page checks its own decoding against it.
    pub length: usize,
    pub lines: usize,
    pub line_endings: LineEndings,
    pub line_endings_checked: bool,
    pub pasted: bool,
    /// `empty`, `not-http`, `http-without-bits` or `bits`: the verdict says which.
    pub content: report::InputContent,
    /// For input that is not HTTP, what it looks like.
    pub looks_like: Option<&'static str>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageCounts {
    pub errors: usize,
    pub warnings: usize,
    pub notes: usize,
}

impl From<report::Counts> for PageCounts {
    fn from(c: report::Counts) -> Self {
        PageCounts { errors: c.errors, warnings: c.warnings, notes: c.notes }
    }
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageMessage {
    pub index: usize,
    pub span: PageSpan,
    #[tsify(type = "string")]
    pub kind: Kind,
    pub label: String,
    pub packet: Option<PacketType>,
    pub direction: Direction,
    pub start_line: String,
    pub start_line_span: PageSpan,
    pub method: Option<String>,
    pub target: Option<String>,
    pub version: Option<String>,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub status_text: Option<&'static str>,
    pub pair: Option<usize>,
    pub session: Option<String>,
    /// `null` in [`Inspection::report`]: fetched per message with [`Inspection::message`].
    pub headers: Option<Vec<PageHeader>>,
    pub body: PageBody,
    pub findings: MessageFindings,
    pub counts: PageCounts,
    pub origin: Option<PageOrigin>,
    /// Its row in the page's message list (`null` in the whole report of [`super::inspect`]).
    pub row: Option<usize>,
    /// The capture's connection it travelled on (a capture's list of connections is cut).
    pub connection: Option<PageConnection>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageHeader {
    pub name: String,
    pub value: String,
    pub span: PageSpan,
    pub name_span: PageSpan,
    pub value_span: PageSpan,
    pub known: Option<&'static str>,
    pub decoded: Option<String>,
    pub problem: Option<String>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageBody {
    pub span: PageSpan,
    /// Byte counts are numbers; beyond 2^53 they lose precision, which only hostile input reaches.
    pub length: f64,
    pub announced: Option<f64>,
    #[tsify(type = "string")]
    pub framing: Framing,
    pub truncated: bool,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageFinding {
    pub rule: &'static str,
    pub severity: Severity,
    pub group: Group,
    pub message: Option<usize>,
    pub header: Option<String>,
    pub span: PageSpan,
    pub summary: String,
    pub title: &'static str,
    pub explanation: &'static str,
    pub reference: &'static str,
    pub links: Vec<PageLink>,
    /// Its index in the report's findings.
    pub index: usize,
    /// `#3 Ack for Create-Session`: its message, as the page names it.
    pub message_name: Option<String>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageLink {
    pub id: &'static str,
    pub title: &'static str,
    pub url: &'static str,
    pub document: Document,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageSession {
    pub id: String,
    pub created_in_capture: bool,
    pub messages: Vec<usize>,
    pub fragments: Vec<PageFragment>,
    pub total: Option<f64>,
    pub received: Option<f64>,
    pub complete: bool,
    pub host_id: Option<String>,
    pub reply_url: Option<String>,
    pub reply_downloaded: bool,
    pub ended_by: Option<PacketType>,
    pub unknown: bool,
    /// How many fragments there are (`fragments` may be cut to the page's limit).
    #[serde(rename = "fragmentCount")]
    pub fragment_count: usize,
    /// The Close-Session or Cancel-Session requests that ended it.
    pub closing: Vec<PageClosing>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageFragment {
    pub message: usize,
    pub first: f64,
    pub last: f64,
    pub total: f64,
    pub ack: Option<usize>,
    pub ack_status: Option<u16>,
    pub next_expected: Option<f64>,
}

impl PageReport {
    /// `text` is what the spans of `report` point into: the input, or a capture's transcript.
    pub(crate) fn new(text: &[u8], report: &Report, index: &TextIndex, pasted: bool, with_headers: bool) -> PageReport {
        PageReport {
            tool: report.tool,
            version: report.version,
            profile: report.profile,
            input: PageInput::new(report, index, pasted),
            counts: report.counts.into(),
            messages: (0..report.messages.len())
                .map(|i| {
                    let detail =
                        if with_headers { report.detail(i, text) } else { report.detail_without_headers(i, text) };
                    PageMessage::new(detail, index, with_headers)
                })
                .collect(),
            sessions: report.sessions.iter().map(|s| PageSession::new(s, report)).collect(),
            findings: (0..report.findings.len()).map(|i| PageFinding::new(report, i, index)).collect(),
            capture: report.capture.as_ref().map(PageCapture::from),
            // Rust's lossy decoding replaces each maximal invalid subpart with one U+FFFD,
            // as TextDecoder does, so the spans index this string exactly.
            transcript: report.capture.as_ref().map(|_| String::from_utf8_lossy(text).into_owned()),
        }
    }
}

impl PageInput {
    pub(crate) fn new(report: &Report, index: &TextIndex, pasted: bool) -> PageInput {
        PageInput {
            bytes: report.input.bytes,
            format: report.input.format,
            length: index.utf16_len(),
            lines: report.input.lines,
            line_endings: report.input.line_endings,
            line_endings_checked: report.input.line_endings_checked,
            pasted,
            content: report.input.content,
            looks_like: report.input.looks_like,
        }
    }
}

impl From<&report::CaptureSummary> for PageCapture {
    fn from(c: &report::CaptureSummary) -> PageCapture {
        PageCapture {
            format: c.format,
            frames: c.frames as f64,
            connections: c.connections.iter().map(PageConnection::from).collect(),
            connection_count: c.connections.len(),
            stopped: c.stopped.clone(),
            transcript_bytes: c.transcript_bytes,
        }
    }
}

impl From<&crate::input::Connection> for PageConnection {
    fn from(k: &crate::input::Connection) -> PageConnection {
        PageConnection {
            id: k.id,
            client: k.client.clone(),
            server: k.server.clone(),
            first_frame: k.first_frame as f64,
            last_frame: k.last_frame as f64,
            started_mid_stream: k.started_mid_stream,
            closed: k.closed,
        }
    }
}

/// A message's findings: their indices in the whole report, or, as the page draws a
/// message, the findings themselves.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(untagged)]
pub enum MessageFindings {
    Indices(Vec<usize>),
    Drawn(Vec<PageFinding>),
}

impl PageMessage {
    pub(crate) fn new(m: report::MessageDetail, index: &TextIndex, with_headers: bool) -> PageMessage {
        let r = m.message;
        PageMessage {
            index: r.index,
            span: page_span(index, r.span),
            kind: r.kind,
            label: m.label,
            packet: r.packet,
            direction: r.direction,
            start_line: m.start_line,
            start_line_span: page_span(index, r.start_line_span),
            method: m.method,
            target: m.target,
            version: m.version,
            status: r.status,
            reason: m.reason,
            status_text: r.status_text,
            pair: r.pair,
            session: m.session.map(str::to_string),
            headers: with_headers.then(|| {
                m.headers
                    .into_iter()
                    .map(|h| PageHeader {
                        name: h.name,
                        value: h.value,
                        span: page_span(index, h.span),
                        name_span: page_span(index, h.name_span),
                        value_span: page_span(index, h.value_span),
                        known: h.known,
                        decoded: h.decoded,
                        problem: h.problem,
                    })
                    .collect()
            }),
            body: PageBody {
                span: page_span(index, r.body.span),
                length: r.body.length as f64,
                announced: r.body.announced.map(|n| n as f64),
                framing: r.body.framing,
                truncated: r.body.truncated,
            },
            findings: MessageFindings::Indices(r.findings.to_vec()),
            counts: r.counts.into(),
            origin: r.origin.map(|o| PageOrigin {
                connection: o.connection,
                from_client: o.from_client,
                first_frame: o.first_frame as f64,
                last_frame: o.last_frame as f64,
                time: o.time,
            }),
            row: None,
            connection: None,
        }
    }
}

impl PageFinding {
    /// Finding `i` of `report`.
    pub(crate) fn new(report: &Report, i: usize, index: &TextIndex) -> PageFinding {
        let f = &report.findings[i];
        PageFinding {
            rule: f.rule,
            severity: f.severity,
            group: f.group,
            message: f.message,
            header: f.header.clone(),
            span: PageSpan {
                // The finding's own positions, the ones its JSON `start` and `end` give.
                line: f.start.line,
                column: f.start.column,
                end_line: f.end.line,
                end_column: f.end.column,
                ..page_span(index, f.span)
            },
            summary: f.summary.clone(),
            title: f.title,
            explanation: f.explanation,
            reference: f.reference,
            links: links(f.links),
            index: i,
            message_name: f.message.and_then(|m| crate::view::message_name(report, m)),
        }
    }
}

impl PageSession {
    /// `s` of `report`, whose messages name what closed it.
    pub(crate) fn new(s: &SessionSummary, report: &Report) -> PageSession {
        let closing = s
            .messages
            .iter()
            .filter_map(|&i| report.messages.get(i))
            .filter(|m| matches!(m.kind, MessageKind::Request(PacketType::CloseSession | PacketType::CancelSession)))
            .map(|m| PageClosing { index: m.index, label: m.label() })
            .collect();
        PageSession {
            id: s.id.clone(),
            created_in_capture: s.created_in_capture,
            messages: s.messages.clone(),
            fragments: s.fragments.iter().map(PageFragment::from).collect(),
            total: s.total.map(|n| n as f64),
            received: s.received.map(|n| n as f64),
            complete: s.complete,
            host_id: s.host_id.clone(),
            reply_url: s.reply_url.clone(),
            reply_downloaded: s.reply_downloaded,
            ended_by: s.ended_by,
            unknown: s.unknown,
            fragment_count: s.fragments.len(),
            closing,
        }
    }
}

impl From<&FragmentStep> for PageFragment {
    fn from(f: &FragmentStep) -> PageFragment {
        PageFragment {
            message: f.message,
            first: f.first as f64,
            last: f.last as f64,
            total: f.total as f64,
            ack: f.ack,
            ack_status: f.ack_status,
            next_expected: f.next_expected.map(|n| n as f64),
        }
    }
}

pub(crate) fn links(sources: &'static [Source]) -> Vec<PageLink> {
    sources.iter().map(|s| PageLink { id: s.id, title: s.title, url: s.url, document: s.document }).collect()
}

// ------------------------------------------------------------------ lookups

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageRule {
    pub id: &'static str,
    pub title: &'static str,
    pub group: Group,
    /// Severity under each profile, or `off`.
    pub grades: PageGrades,
    pub reference: &'static str,
    pub explanation: &'static str,
    pub links: Vec<PageLink>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageGrades {
    pub default: Graded,
    pub win32: Graded,
    #[serde(rename = "mc-bup")]
    pub mc_bup: Graded,
}

impl PageRule {
    pub(crate) fn new(r: explain::RuleExplanation, group: Group) -> PageRule {
        let grade = |profile: Profile| r.grades.iter().find(|(p, _)| *p == profile).map_or(Graded::Off, |&(_, g)| g);
        PageRule {
            id: r.id,
            title: r.title,
            group,
            grades: PageGrades {
                default: grade(Profile::Default),
                win32: grade(Profile::Win32),
                mc_bup: grade(Profile::McBup),
            },
            reference: r.reference,
            explanation: r.explanation,
            links: links(r.links),
        }
    }
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageHeaderHelp {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub summary: &'static str,
    pub help: &'static str,
    pub belongs_to: Vec<String>,
    pub links: Vec<PageLink>,
}

impl From<explain::HeaderExplanation> for PageHeaderHelp {
    fn from(h: explain::HeaderExplanation) -> Self {
        PageHeaderHelp {
            name: h.name,
            aliases: h.aliases,
            summary: h.summary,
            help: h.help,
            belongs_to: h.belongs_to,
            links: links(h.links),
        }
    }
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageHresult {
    pub code: String,
    pub decimal: i32,
    pub name: Option<String>,
    pub meaning: String,
    pub note: Option<&'static str>,
    pub statuses: Option<&'static [u16]>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum PageExplanation {
    Rule(PageRule),
    Hresult(PageHresult),
    Header(PageHeaderHelp),
}

impl From<Explanation> for PageExplanation {
    fn from(found: Explanation) -> Self {
        match found {
            Explanation::Rule(r) => {
                let group = CATALOG.iter().find(|m| m.id == r.id).map_or(Group::Input, |m| m.group);
                PageExplanation::Rule(PageRule::new(r, group))
            }
            Explanation::Hresult(h) => PageExplanation::Hresult(PageHresult {
                code: h.code,
                decimal: h.decimal,
                name: h.name,
                meaning: h.meaning,
                note: h.note,
                statuses: h.statuses,
            }),
            Explanation::Header(h) => PageExplanation::Header(h.into()),
        }
    }
}

// ------------------------------------------------------------------ what the page draws

/// How much of a report the page draws at once: `www/modules/limits.js`, which the worker
/// hands over as it is (the names are its constants'), so the page and the engine agree.
/// Read from the page's object in `args.rs` (`Tsify` gives the page its type only: no serde
/// code is made for it).
#[derive(Debug, Clone, Copy, Tsify)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub struct Limits {
    pub open_cards_up_to: usize,
    pub draw_all_findings: usize,
    pub draw_all_pairs: usize,
    pub sequence_shown: usize,
    pub fragments_shown: usize,
    pub sessions_shown: usize,
    pub connections_shown: usize,
    pub whole_up_to_chars: usize,
    pub whole_up_to_regions: usize,
    pub regions_per_mark: usize,
}

/// The page's findings filter, as the page sends it (read in `args.rs`; its type for the
/// page from `Tsify`).
#[derive(Debug, Default, Tsify)]
pub struct FilterQuery {
    /// `error`, `warning`, `note`; all when empty.
    #[tsify(type = "Severity[]")]
    pub severities: Vec<String>,
    /// One rule id; empty for every rule.
    pub rule: String,
    pub message: Option<usize>,
    pub text: String,
}

impl From<FilterQuery> for FindingFilter {
    fn from(q: FilterQuery) -> FindingFilter {
        let severities = q
            .severities
            .iter()
            .filter_map(|s| [Severity::Error, Severity::Warning, Severity::Note].into_iter().find(|v| v.as_str() == s))
            .collect();
        FindingFilter { severities, rule: (!q.rule.is_empty()).then_some(q.rule), message: q.message, text: q.text }
    }
}

/// One entry of the conversation's sequence.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageBrief {
    pub index: usize,
    pub direction: Direction,
    #[tsify(type = "string")]
    pub kind: Kind,
    pub label: String,
    pub status: Option<u16>,
    pub reason: Option<String>,
    pub target: Option<String>,
    pub start_line: String,
    pub origin: Option<PageOrigin>,
    pub counts: PageCounts,
    #[serde(rename = "findingCount")]
    pub finding_count: usize,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageClosing {
    pub index: usize,
    pub label: String,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageRuleGroup {
    pub rule: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub count: usize,
}

impl From<RuleGroup> for PageRuleGroup {
    fn from(g: RuleGroup) -> Self {
        PageRuleGroup { rule: g.rule, severity: g.severity, title: g.title, count: g.count }
    }
}

/// A region of the raw view with its pieces; the worker adds its `text` (it holds the
/// decoded text the offsets count).
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageRegion {
    pub start: usize,
    pub end: usize,
    pub message: Option<usize>,
    pub pieces: Vec<PagePiece>,
}

#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PagePiece {
    pub start: usize,
    pub end: usize,
    /// The id of the decoded row it lights up: `m3-sl`, `m3-h2`, `m3-body`.
    pub row: Option<String>,
}

impl From<Piece> for PagePiece {
    fn from(p: Piece) -> Self {
        let row = p.row.map(|row| match row {
            PieceRow::StartLine { message } => format!("m{message}-sl"),
            PieceRow::Header { message, header } => format!("m{message}-h{header}"),
            PieceRow::Body { message } => format!("m{message}-body"),
        });
        PagePiece { start: p.start, end: p.end, row }
    }
}

/// The raw view's start: the whole text's regions when it is drawn whole (the worker adds
/// the text), else the regions of its first mark.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct PageRaw {
    pub whole: bool,
    pub length: usize,
    pub region_count: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub regions: Option<Vec<PageRegion>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub first: Option<Vec<PageRegion>>,
}

/// The first `items` of a list, from position `from`.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageSlice<T> {
    pub from: usize,
    pub items: Vec<T>,
}

/// What the page draws first: counts, the first entries of the conversation, the rows and
/// findings of its first screen; the rest it asks for as it is shown.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
#[serde(rename_all = "camelCase")]
pub struct PageSummary {
    pub version: &'static str,
    pub profile: Profile,
    pub input: PageInput,
    pub counts: PageCounts,
    pub message_count: usize,
    pub finding_count: usize,
    pub groups: Vec<PageRuleGroup>,
    pub row_count: usize,
    pub all_unknown: bool,
    pub capture: Option<PageCapture>,
    pub sequence: Vec<PageBrief>,
    pub session_count: usize,
    pub sessions: Vec<PageSession>,
    pub raw: PageRaw,
    pub rows: PageSlice<Vec<PageMessage>>,
    pub findings: PageSlice<PageFinding>,
}

/// What a filter keeps: how many, and the first of them.
#[derive(Serialize, Tsify)]
#[tsify(missing_as_null)]
pub struct PageFiltered {
    pub count: usize,
    pub first: Vec<PageFinding>,
}
