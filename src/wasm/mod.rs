//! The wasm-bindgen facade: the only code that knows about JavaScript.
//!
//! The page hands over the input as bytes (a `Uint8Array`) and keeps an [`Inspection`],
//! which it reads page by page as plain objects built from [`crate::Report`]. The structs
//! here are the page's own copies of the core types, so the core can change its internals
//! without the page noticing, and a span is converted when a DTO carries it (never up front
//! for the whole report: [`crate::utf16`]) from UTF-8 byte offsets to what the DOM counts:
//! UTF-16 code units into the text `new TextDecoder("utf-8", { ignoreBOM: true })` makes of
//! the same bytes, plus one-based line and column: those are the reports' own
//! (`span::Positions`; a finding's are its JSON `start` and `end`), never a second count.
//!
//! Invalid UTF-8 follows the WHATWG decoder that `TextDecoder` implements: each maximal
//! invalid subpart (one to three bytes) becomes one U+FFFD, exactly as Rust's
//! `Utf8Chunks` splits it, so offsets still line up with the page's text.

mod args;
mod drawing;
pub mod dto;

use std::cell::OnceCell;

use serde::Serialize;
use wasm_bindgen::prelude::*;

use crate::bits::headers::HEADERS;
use crate::explain;
use crate::report::Report;
use crate::rules::catalog::CATALOG;
use crate::view::View;
use crate::{LineEndingCheck, Options, Profile};
use drawing::Drawing;
use dto::*;
pub use dto::{page_span, PageSpan};

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
    to_js(&kept.page_report())
}

fn options(profile: &str, pasted: bool) -> Result<Options, JsValue> {
    let profile = Profile::parse(profile)
        .ok_or_else(|| JsValue::from_str(&format!("unknown profile `{profile}` (default, win32 or mc-bup)")))?;
    Ok(Options { profile, line_endings: if pasted { LineEndingCheck::Pasted } else { LineEndingCheck::Strict } })
}

/// One inspection kept in wasm memory, which the page reads page by page: `summary` first
/// (what the first screen draws), then `rows`, `findings`, `message`, `around` as it shows
/// them. Nothing is handed over whole, so a paste of 100,000 messages costs the page what
/// it draws, not what the report holds. Call `free()` when done with it.
///
/// The constructor does the engine's inspection and nothing else, so the time of
/// `new Inspection` is the engine's; what the page needs of it beyond the report (the text's
/// UTF-16 checkpoints, the view) is made on first use.
#[wasm_bindgen]
pub struct Inspection {
    text: Vec<u8>,
    report: Report,
    /// Made by the first call that converts offsets (`summary`, usually).
    checkpoints: OnceCell<TextCheckpoints>,
    pasted: bool,
    /// Made by `summary`, which brings the page's limits.
    view: Option<(View, Limits)>,
    /// Milliseconds the engine's inspection took (`inspect_with_text`, nothing of the facade).
    engine_ms: f64,
}

#[wasm_bindgen]
impl Inspection {
    /// Inspects `input`: see [`inspect`] for the arguments.
    #[wasm_bindgen(constructor)]
    pub fn new(input: &[u8], profile: &str, pasted: bool) -> Result<Inspection, JsValue> {
        let options = options(profile, pasted)?;
        let started = js_sys::Date::now();
        let inspection = crate::inspect_with_text(input, &options);
        let engine_ms = js_sys::Date::now() - started;
        Ok(Inspection {
            text: inspection.text.into_owned(),
            report: inspection.report,
            checkpoints: OnceCell::new(),
            pasted,
            view: None,
            engine_ms,
        })
    }

    /// Milliseconds of the engine's own inspection in the constructor: the figure the page's
    /// budgets set the worker's time beside (`Date.now()` resolution).
    #[wasm_bindgen(getter)]
    pub fn engine_ms(&self) -> f64 {
        self.engine_ms
    }

    /// For a capture, the text every span points into (its transcript, decoded as
    /// `TextDecoder` would); `undefined` for text input, whose spans point into the input.
    pub fn transcript(&self) -> Option<String> {
        // Rust's lossy decoding replaces each maximal invalid subpart with one U+FFFD, as
        // TextDecoder does, so the spans index this string exactly.
        self.report.capture.as_ref().map(|_| String::from_utf8_lossy(&self.text).into_owned())
    }

    /// What the page draws first (see [`dto::PageSummary`]), trimmed to `limits` (the
    /// page's `limits.js`). Computes the rows, the drawn order and the raw regions once.
    pub fn summary(&mut self, limits: JsValue) -> Result<JsValue, JsValue> {
        let limits = Limits::from_js(&limits)?;
        to_js(&self.page_summary(limits)?)
    }

    /// Rows `from..to` of the message list, each one message or a request and its answer.
    pub fn rows(&self, from: usize, to: usize) -> Result<JsValue, JsValue> {
        to_js(&self.page_rows(from, to)?)
    }

    /// The findings drawn at positions `from..to` (errors first; what the filter keeps).
    pub fn findings(&self, from: usize, to: usize) -> Result<JsValue, JsValue> {
        to_js(&self.page_findings(from, to)?)
    }

    /// Message `index` as the page draws it, headers included; `null` past the end.
    pub fn message(&self, index: usize) -> Result<JsValue, JsValue> {
        match self.page_message(index)? {
            Some(m) => to_js(&m),
            None => Ok(JsValue::NULL),
        }
    }

    /// Keeps the findings that match `query` (`{ severities, rule, message, text }`, each
    /// optional) for `findings`: `{ count, first }`.
    pub fn filter(&mut self, query: JsValue) -> Result<JsValue, JsValue> {
        let query = FilterQuery::from_js(&query)?;
        to_js(&self.page_filter(query)?)
    }

    /// The raw regions a mark from UTF-16 offset `start` to `end` touches (a few at most),
    /// with their pieces.
    pub fn around(&self, start: usize, end: usize) -> Result<JsValue, JsValue> {
        to_js(&self.drawing()?.regions_around(start, end))
    }

    /// The findings as Markdown, errors first.
    pub fn markdown(&self) -> String {
        crate::view::findings_markdown(&self.report)
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
        let index = self.index();
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
                    span: page_span(&index, h.span),
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

pub use crate::utf16::{TextCheckpoints, TextIndex, TextPoint};

/// The page's answers as the DTOs themselves, before they become JavaScript: what
/// `tests/wasm.rs` reads, so the tests hold no copy of the shapes. Each is built from the
/// same parts as the exported method of the same name (`tests/wasm.rs` checks that the two
/// serialise alike).
impl Inspection {
    /// The whole report, every message with its headers: what [`inspect`] gives.
    pub fn page_report(&self) -> PageReport {
        PageReport::new(&self.text, &self.report, &self.index(), self.pasted, true)
    }

    /// What [`Inspection::summary`] gives, under `limits`.
    pub fn page_summary(&mut self, limits: Limits) -> Result<PageSummary, JsValue> {
        self.view = Some((View::new(&self.report, &self.index()), limits));
        Ok(self.drawing()?.page_summary())
    }

    /// What [`Inspection::rows`] gives.
    pub fn page_rows(&self, from: usize, to: usize) -> Result<Vec<Vec<PageMessage>>, JsValue> {
        Ok(self.drawing()?.rows_of(from, to))
    }

    /// What [`Inspection::findings`] gives.
    pub fn page_findings(&self, from: usize, to: usize) -> Result<Vec<PageFinding>, JsValue> {
        let drawing = self.drawing()?;
        Ok(drawing.view.findings.shown(from, to).iter().map(|&i| drawing.drawn_finding(i)).collect())
    }

    /// What [`Inspection::message`] gives.
    pub fn page_message(&self, index: usize) -> Result<Option<PageMessage>, JsValue> {
        Ok(self.drawing()?.drawn_message(index))
    }

    /// What [`Inspection::filter`] gives.
    pub fn page_filter(&mut self, query: FilterQuery) -> Result<PageFiltered, JsValue> {
        let Some((view, _)) = self.view.as_mut() else { return Err(no_summary()) };
        let count = view.findings.filter(&self.report, &query.into());
        let drawing = self.drawing()?;
        let shown = drawing.view.findings.shown(0, drawing.limits.draw_all_findings);
        Ok(PageFiltered { count, first: shown.iter().map(|&i| drawing.drawn_finding(i)).collect() })
    }
}

impl Inspection {
    /// The page's offsets into the kept text; the first call makes its checkpoints.
    fn index(&self) -> TextIndex<'_> {
        TextIndex::with(&self.text, self.checkpoints.get_or_init(|| TextCheckpoints::of(&self.text)))
    }

    /// What the page's lists are drawn from; an error until `summary` made the view.
    fn drawing(&self) -> Result<Drawing<'_>, JsValue> {
        let (view, limits) = self.view.as_ref().ok_or_else(no_summary)?;
        Ok(Drawing {
            report: &self.report,
            text: &self.text,
            index: self.index(),
            pasted: self.pasted,
            view,
            limits: *limits,
        })
    }
}

fn no_summary() -> JsValue {
    JsValue::from_str("ask for the inspection's summary first: it brings the page's limits")
}
