//! The wasm-bindgen facade: the only code that knows about JavaScript.
//!
//! One call per inspection. The page hands over the input as bytes (a `Uint8Array`), gets
//! back one plain object built from [`crate::Report`]. The structs here are the page's own
//! copies of the core types, so the core can change its internals without the page
//! noticing, and every span is converted, once, from UTF-8 byte offsets to what the DOM
//! counts: UTF-16 code units into the text `new TextDecoder("utf-8", { ignoreBOM: true })`
//! makes of the same bytes, plus one-based line and column: those are the reports' own
//! (`span::Positions`; a finding's are its JSON `start` and `end`), never a second count.
//!
//! Invalid UTF-8 follows the WHATWG decoder that `TextDecoder` implements: each maximal
//! invalid subpart (one to three bytes) becomes one U+FFFD, exactly as Rust's
//! `Utf8Chunks` splits it, so offsets still line up with the page's text.

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::bits::headers::HEADERS;
use crate::bits::packet::{MessageKind, PacketType};
use crate::explain::{self, Explanation};
use crate::http::{Direction, Framing};
use crate::input::Format;
use crate::report::{self, LineEndings, Report};
use crate::rules::catalog::{Group, CATALOG};
use crate::rules::conversation::{FragmentStep, SessionSummary};
use crate::span::Span;
use crate::spec::{Document, Source};
use crate::{LineEndingCheck, Options, Profile};

/// Inspects `input` (the captured bytes) under `profile` (`default`, `win32` or `mc-bup`)
/// and gives the whole report at once, every message with its headers: the shape the
/// page's messages have. Not exported (the page keeps an [`Inspection`] and fetches
/// messages as it draws them); the wasm tests read the page's shape through it.
///
/// `pasted` is true for text that came through a text box, whose CRLFs the browser already
/// turned into LF: line endings are then not judged. Bytes from a file are checked strictly.
///
/// The input may be text, pcap, pcapng or HAR. For a capture, the spans point into the
/// *transcript* (the HTTP messages it carried, one after another), which comes back as the
/// report's `transcript` string, decoded by the same rules as `TextDecoder`; for text it is
/// `null` and the spans point into the page's own decoding of the input.
pub fn inspect(input: &[u8], profile: &str, pasted: bool) -> Result<JsValue, JsValue> {
    let kept = Inspection::new(input, profile, pasted)?;
    to_js(&PageReport::new(&kept.text, &kept.report, &kept.index, pasted, true))
}

fn options(profile: &str, pasted: bool) -> Result<Options, JsValue> {
    let profile = Profile::parse(profile)
        .ok_or_else(|| JsValue::from_str(&format!("unknown profile `{profile}` (default, win32 or mc-bup)")))?;
    Ok(Options { profile, line_endings: if pasted { LineEndingCheck::Pasted } else { LineEndingCheck::Strict } })
}

/// One inspection kept in wasm memory, for a page that shows a few messages of many: the
/// report comes without the messages' headers, and each message is fetched whole when it
/// is drawn, so a paste of 100,000 messages does not decode a million headers up front.
/// Call `free()` when done with it.
#[wasm_bindgen]
pub struct Inspection {
    text: Vec<u8>,
    report: Report,
    index: TextIndex,
    pasted: bool,
}

#[wasm_bindgen]
impl Inspection {
    /// Inspects `input`: see [`inspect`] for the arguments.
    #[wasm_bindgen(constructor)]
    pub fn new(input: &[u8], profile: &str, pasted: bool) -> Result<Inspection, JsValue> {
        let inspection = crate::inspect_with_text(input, &options(profile, pasted)?);
        let index = TextIndex::new(&inspection.text, report_offsets(&inspection.report));
        Ok(Inspection { text: inspection.text.into_owned(), report: inspection.report, index, pasted })
    }

    /// The report as [`inspect`] gives it, except that every message's `headers` is `null`.
    pub fn report(&self) -> Result<JsValue, JsValue> {
        to_js(&PageReport::new(&self.text, &self.report, &self.index, self.pasted, false))
    }

    /// Message `index` whole, headers included, as in [`inspect`]'s report; `null` past the end.
    pub fn message(&self, index: usize) -> Result<JsValue, JsValue> {
        if index >= self.report.messages.len() {
            return Ok(JsValue::NULL);
        }
        to_js(&PageMessage::new(self.report.detail(index, &self.text), &self.index, true))
    }

    /// What a share link carries: `{ bytes, counts, replaced }`. `bytes` (a `Uint8Array`) is
    /// the inspected text: the input for text, the decoded transcript for a capture (never
    /// the binary file, so redaction cannot corrupt it). With `redact`, credentials,
    /// cookies, host names and addresses are replaced ([`crate::redact`]), `counts` says
    /// how many of each and `replaced` the same in words ("2 Authorization values, 1
    /// cookie"); without, both are `null`.
    pub fn shared(&self, redact: bool) -> Result<JsValue, JsValue> {
        let redaction = redact.then(|| crate::redact::redact(&self.text, &self.report));
        let shared = PageShared {
            bytes: Bytes(redaction.as_ref().map_or(&self.text, |r| &r.text)),
            counts: redaction.as_ref().map(|r| r.counts),
            replaced: redaction.as_ref().map(|r| r.counts.words()),
        };
        // As `to_js`, except that bytes stay bytes (a `Uint8Array`, not an array of numbers).
        let serializer = serde_wasm_bindgen::Serializer::json_compatible().serialize_bytes_as_arrays(false);
        shared.serialize(&serializer).map_err(JsValue::from)
    }

    /// Header lines holding `text` (case ignored), at most `limit`, for the page's search:
    /// `[{ message, header, name, value, span }]` in input order.
    pub fn find_headers(&self, text: &str, limit: usize) -> Result<JsValue, JsValue> {
        let hits: Vec<PageHeaderHit> = self
            .report
            .find_in_headers(&self.text, text.as_bytes(), limit)
            .into_iter()
            .map(|(message, j)| {
                let h = &self.report.messages[message].headers[j];
                PageHeaderHit {
                    message,
                    header: j,
                    name: String::from_utf8_lossy(h.name(&self.text)).into_owned(),
                    value: String::from_utf8_lossy(h.value(&self.text)).into_owned(),
                    span: page_span(&self.index, h.span),
                }
            })
            .collect();
        to_js(&hits)
    }

    /// The bytes of message `index`'s body as they were captured (chunk framing included),
    /// at most `limit` of them, for the page's hex view; `undefined` when there is no such
    /// message.
    pub fn body_bytes(&self, index: usize, limit: usize) -> Option<Vec<u8>> {
        let body = self.report.messages.get(index)?.body.span;
        let end = body.end.min(body.start.saturating_add(limit));
        Some(self.text[body.start..end].to_vec())
    }

    /// The whole report in the shape of the CLI's `check --format json` (the same fields,
    /// names and line/column positions), for the page's "Download JSON": the worker turns it
    /// into text, so a report of many findings never holds the page.
    pub fn json(&self) -> Result<JsValue, JsValue> {
        to_js(&self.report.json(&self.text))
    }
}

/// The same inspection as [`inspect`], returning only `[messages, errors, warnings, notes]`:
/// measures the engine in the browser apart from the cost of handing a report to
/// JavaScript (scripts/bench.sh compares it with the native build).
#[wasm_bindgen]
pub fn inspect_counts(input: &[u8], profile: &str) -> Result<Vec<u32>, JsValue> {
    let report = crate::inspect(input, &options(profile, false)?);
    let c = report.counts;
    Ok([report.messages.len(), c.errors, c.warnings, c.notes].map(|n| n as u32).to_vec())
}

/// Explains a rule id, a BITS header name or an HRESULT (hex, signed decimal or symbolic
/// name); `null` when the query is none of them.
#[wasm_bindgen]
pub fn explain(query: &str) -> JsValue {
    match explain::explain(query) {
        Some(found) => to_js(&PageExplanation::from(found)).unwrap_or(JsValue::NULL),
        None => JsValue::NULL,
    }
}

/// Every rule: id, title, group, grade under each profile, explanation and sources.
#[wasm_bindgen]
pub fn rules() -> JsValue {
    let rules: Vec<PageRule> = CATALOG.iter().map(|meta| PageRule::new(explain::rule(meta), meta.group)).collect();
    to_js(&rules).unwrap_or(JsValue::NULL)
}

/// The help table of every header BITS gives rules for.
#[wasm_bindgen]
pub fn headers() -> JsValue {
    let table: Vec<PageHeaderHelp> = HEADERS.iter().map(|spec| PageHeaderHelp::from(explain::header(spec))).collect();
    to_js(&table).unwrap_or(JsValue::NULL)
}

/// The hosts the page may link to: those of every source the engine cites
/// ([`crate::spec::link_hosts`]). The page makes a link clickable only when it is `https`
/// to one of them, so the allow list and the links come from the same table.
#[wasm_bindgen]
pub fn link_hosts() -> JsValue {
    to_js(&crate::spec::link_hosts()).unwrap_or(JsValue::NULL)
}

/// The crate version, for the page's version tag.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    // Plain objects, `null` for None, numbers for every integer the page sees.
    value.serialize(&serde_wasm_bindgen::Serializer::json_compatible()).map_err(JsValue::from)
}

// ------------------------------------------------------------------ offsets for the page

pub use crate::utf16::{TextIndex, TextPoint};

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

fn report_offsets(report: &Report) -> Vec<usize> {
    let mut spans: Vec<Span> = Vec::with_capacity(report.findings.len() + report.messages.len() * 24);
    spans.extend(report.findings.iter().map(|f| f.span));
    for m in &report.messages {
        spans.extend([m.span, m.start_line_span, m.body.span]);
        for h in &m.headers {
            spans.extend([h.span, h.name_span, h.value_span]);
        }
    }
    spans.into_iter().flat_map(|s| [s.start, s.end]).collect()
}

// ------------------------------------------------------------------ the page's structs

/// A span in the page's text: UTF-16 `start..end`, and where it starts and ends as
/// one-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PageSpan {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

/// One header line a search found.
#[derive(Serialize)]
struct PageHeaderHit {
    message: usize,
    header: usize,
    name: String,
    value: String,
    span: PageSpan,
}

/// What [`Inspection::shared`] gives.
#[derive(Serialize)]
struct PageShared<'a> {
    bytes: Bytes<'a>,
    counts: Option<crate::redact::RedactionCounts>,
    replaced: Option<String>,
}

/// Bytes that reach JavaScript as a `Uint8Array`, not an array of numbers.
struct Bytes<'a>(&'a [u8]);

impl Serialize for Bytes<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_bytes(self.0)
    }
}

#[derive(Serialize)]
struct PageReport {
    tool: &'static str,
    version: &'static str,
    profile: &'static str,
    input: PageInput,
    counts: PageCounts,
    messages: Vec<PageMessage>,
    sessions: Vec<PageSession>,
    findings: Vec<PageFinding>,
    /// What a capture file held (`null` for text).
    capture: Option<PageCapture>,
    /// For a capture: the text every span points into (`null` for text input).
    transcript: Option<String>,
}

#[derive(Serialize)]
struct PageCapture {
    format: Format,
    frames: f64,
    connections: Vec<PageConnection>,
    /// Where reading stopped early and why; everything before it was inspected.
    stopped: Option<String>,
    transcript_bytes: usize,
}

#[derive(Serialize)]
struct PageConnection {
    id: usize,
    client: String,
    server: String,
    first_frame: f64,
    last_frame: f64,
    started_mid_stream: bool,
    closed: bool,
}

/// Where a message of a capture came from.
#[derive(Serialize)]
struct PageOrigin {
    connection: usize,
    from_client: bool,
    first_frame: f64,
    last_frame: f64,
    /// Seconds since the Unix epoch.
    time: Option<f64>,
}

#[derive(Serialize)]
struct PageInput {
    /// Bytes of the input as given (the file, for a capture).
    bytes: usize,
    /// `text`, `pcap`, `pcapng` or `har`.
    format: Format,
    /// Length of the decoded text in UTF-16 code units: the page checks its own decoding against it.
    length: usize,
    lines: usize,
    line_endings: LineEndings,
    line_endings_checked: bool,
    pasted: bool,
    /// `empty`, `not-http`, `http-without-bits` or `bits`: the verdict says which.
    content: report::InputContent,
    /// For input that is not HTTP, what it looks like.
    looks_like: Option<&'static str>,
}

#[derive(Serialize)]
struct PageCounts {
    errors: usize,
    warnings: usize,
    notes: usize,
}

impl From<report::Counts> for PageCounts {
    fn from(c: report::Counts) -> Self {
        PageCounts { errors: c.errors, warnings: c.warnings, notes: c.notes }
    }
}

#[derive(Serialize)]
struct PageMessage {
    index: usize,
    span: PageSpan,
    kind: MessageKind,
    label: String,
    packet: Option<PacketType>,
    direction: Direction,
    start_line: String,
    start_line_span: PageSpan,
    method: Option<String>,
    target: Option<String>,
    version: Option<String>,
    status: Option<u16>,
    reason: Option<String>,
    status_text: Option<&'static str>,
    pair: Option<usize>,
    session: Option<String>,
    /// `null` in [`Inspection::report`]: fetched per message with [`Inspection::message`].
    headers: Option<Vec<PageHeader>>,
    body: PageBody,
    findings: Vec<usize>,
    counts: PageCounts,
    origin: Option<PageOrigin>,
}

#[derive(Serialize)]
struct PageHeader {
    name: String,
    value: String,
    span: PageSpan,
    name_span: PageSpan,
    value_span: PageSpan,
    known: Option<&'static str>,
    decoded: Option<String>,
    problem: Option<String>,
}

#[derive(Serialize)]
struct PageBody {
    span: PageSpan,
    /// Byte counts are numbers; beyond 2^53 they lose precision, which only hostile input reaches.
    length: f64,
    announced: Option<f64>,
    framing: Framing,
    truncated: bool,
}

#[derive(Serialize)]
struct PageFinding {
    rule: &'static str,
    severity: &'static str,
    group: &'static str,
    message: Option<usize>,
    header: Option<String>,
    span: PageSpan,
    summary: String,
    title: &'static str,
    explanation: &'static str,
    reference: &'static str,
    links: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageLink {
    id: &'static str,
    title: &'static str,
    url: &'static str,
    document: &'static str,
}

#[derive(Serialize)]
struct PageSession {
    id: String,
    created_in_capture: bool,
    messages: Vec<usize>,
    fragments: Vec<PageFragment>,
    total: Option<f64>,
    received: Option<f64>,
    complete: bool,
    host_id: Option<String>,
    reply_url: Option<String>,
    reply_downloaded: bool,
    ended_by: Option<&'static str>,
    unknown: bool,
}

#[derive(Serialize)]
struct PageFragment {
    message: usize,
    first: f64,
    last: f64,
    total: f64,
    ack: Option<usize>,
    ack_status: Option<u16>,
    next_expected: Option<f64>,
}

impl PageReport {
    /// `text` is what the spans of `report` point into: the input, or a capture's transcript.
    fn new(text: &[u8], report: &Report, index: &TextIndex, pasted: bool, with_headers: bool) -> PageReport {
        PageReport {
            tool: report.tool,
            version: report.version,
            profile: report.profile.as_str(),
            input: PageInput {
                bytes: report.input.bytes,
                format: report.input.format,
                length: index.utf16_len(),
                lines: report.input.lines,
                line_endings: report.input.line_endings,
                line_endings_checked: report.input.line_endings_checked,
                pasted,
                content: report.input.content,
                looks_like: report.input.looks_like,
            },
            counts: report.counts.into(),
            messages: (0..report.messages.len())
                .map(|i| {
                    let detail =
                        if with_headers { report.detail(i, text) } else { report.detail_without_headers(i, text) };
                    PageMessage::new(detail, index, with_headers)
                })
                .collect(),
            sessions: report.sessions.iter().map(PageSession::from).collect(),
            findings: report.findings.iter().map(|f| PageFinding::new(f, index)).collect(),
            capture: report.capture.as_ref().map(|c| PageCapture {
                format: c.format,
                frames: c.frames as f64,
                connections: c
                    .connections
                    .iter()
                    .map(|k| PageConnection {
                        id: k.id,
                        client: k.client.clone(),
                        server: k.server.clone(),
                        first_frame: k.first_frame as f64,
                        last_frame: k.last_frame as f64,
                        started_mid_stream: k.started_mid_stream,
                        closed: k.closed,
                    })
                    .collect(),
                stopped: c.stopped.clone(),
                transcript_bytes: c.transcript_bytes,
            }),
            // Rust's lossy decoding replaces each maximal invalid subpart with one U+FFFD,
            // as TextDecoder does, so the spans index this string exactly.
            transcript: report.capture.as_ref().map(|_| String::from_utf8_lossy(text).into_owned()),
        }
    }
}

impl PageMessage {
    fn new(m: report::MessageDetail, index: &TextIndex, with_headers: bool) -> PageMessage {
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
            findings: r.findings.to_vec(),
            counts: r.counts.into(),
            origin: r.origin.map(|o| PageOrigin {
                connection: o.connection,
                from_client: o.from_client,
                first_frame: o.first_frame as f64,
                last_frame: o.last_frame as f64,
                time: o.time,
            }),
        }
    }
}

impl PageFinding {
    fn new(f: &report::Finding, index: &TextIndex) -> PageFinding {
        PageFinding {
            rule: f.rule,
            severity: f.severity.as_str(),
            group: group_name(f.group),
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
        }
    }
}

impl From<&SessionSummary> for PageSession {
    fn from(s: &SessionSummary) -> PageSession {
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

fn group_name(group: Group) -> &'static str {
    match group {
        Group::Input => "input",
        Group::Malformed => "malformed",
        Group::Protocol => "protocol",
        Group::ResponseCode => "response-code",
        Group::Sequence => "sequence",
        Group::Notification => "notification",
    }
}

fn links(sources: &'static [Source]) -> Vec<PageLink> {
    sources
        .iter()
        .map(|s| PageLink {
            id: s.id,
            title: s.title,
            url: s.url,
            document: match s.document {
                Document::Win32 => "win32",
                Document::McBup => "mc-bup",
                Document::Rfc => "rfc",
                Document::Sdk => "sdk",
            },
        })
        .collect()
}

// ------------------------------------------------------------------ lookups

#[derive(Serialize)]
struct PageRule {
    id: &'static str,
    title: &'static str,
    group: &'static str,
    /// Severity under each profile, or `off`.
    grades: PageGrades,
    reference: &'static str,
    explanation: &'static str,
    links: Vec<PageLink>,
}

#[derive(Serialize)]
struct PageGrades {
    default: &'static str,
    win32: &'static str,
    #[serde(rename = "mc-bup")]
    mc_bup: &'static str,
}

impl PageRule {
    fn new(r: explain::RuleExplanation, group: Group) -> PageRule {
        let grade = |profile: &str| r.grades.iter().find(|(p, _)| *p == profile).map_or("off", |(_, g)| *g);
        PageRule {
            id: r.id,
            title: r.title,
            group: group_name(group),
            grades: PageGrades { default: grade("default"), win32: grade("win32"), mc_bup: grade("mc-bup") },
            reference: r.reference,
            explanation: r.explanation,
            links: links(r.links),
        }
    }
}

#[derive(Serialize)]
struct PageHeaderHelp {
    name: &'static str,
    aliases: &'static [&'static str],
    summary: &'static str,
    help: &'static str,
    belongs_to: Vec<String>,
    links: Vec<PageLink>,
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

#[derive(Serialize)]
struct PageHresult {
    code: String,
    decimal: i32,
    name: Option<String>,
    meaning: String,
    note: Option<&'static str>,
    statuses: Option<&'static [u16]>,
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
enum PageExplanation {
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
