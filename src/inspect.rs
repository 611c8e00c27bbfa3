//! One inspection: split, classify, check, grade, report.

use std::borrow::Cow;

use crate::bits::classify::{classify, MessageView};
use crate::bits::codes;
use crate::bits::headers::HeaderKey;
use crate::bits::packet::{AckForm, MessageKind};
use crate::http::{self, Framing, StartLine};
use crate::input::sniff;
use crate::input::{self, Capture, Origin};
use crate::order::{self, SortKey};
use crate::report::{
    BodyReport, CaptureSummary, Counts, Finding, HeaderReport, InputContent, InputSummary, LineEndings, MessageReport,
    Report,
};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::grade::Profile;
use crate::rules::{capture as capture_rules, conversation, headers as header_rules, message as message_rules, wire};
use crate::span::{snap_to_characters, Positions, Span};

/// Whether line endings can be judged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LineEndingCheck {
    /// Bytes as captured: every bare LF in a head is a finding.
    #[default]
    Strict,
    /// Text pasted into a browser, which turns CRLF into LF: not judged, said once.
    Pasted,
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    pub profile: Profile,
    pub line_endings: LineEndingCheck,
}

/// An inspection and the text its spans point into: the input itself for text, the
/// transcript of the carried messages for a capture file.
pub struct Inspection<'a> {
    pub report: Report,
    pub text: Cow<'a, [u8]>,
}

/// Inspects captured BITS traffic: every message decoded, paired and checked. The bytes
/// may be text, pcap, pcapng or HAR: the engine tells which.
pub fn inspect(input: &[u8], options: &Options) -> Report {
    inspect_with_text(input, options).report
}

pub fn inspect_with_text<'a>(input: &'a [u8], options: &Options) -> Inspection<'a> {
    match input::read_capture(input) {
        None => Inspection { report: inspect_text(input, None, options), text: Cow::Borrowed(input) },
        Some(capture) => {
            let report = inspect_text(&capture.transcript, Some(&capture), options);
            Inspection { report, text: Cow::Owned(capture.transcript) }
        }
    }
}

fn inspect_text(text: &[u8], capture: Option<&Capture>, options: &Options) -> Report {
    let split = match capture {
        Some(c) => http::split_regions(text, &c.units.iter().map(|u| u.span).collect::<Vec<_>>()),
        None => http::split_messages(text),
    };
    let origins: Vec<Option<Origin>> =
        split.messages.iter().map(|m| capture.map(|c| c.units[m.region].origin)).collect();
    let connections: Vec<Option<usize>> = origins.iter().map(|o| o.map(|o| o.connection)).collect();
    let mut raw: Vec<RawFinding> = split.problems.into_iter().map(|p| wire::finding(p, text)).collect();
    let views = classify(text, &split.messages, &connections);
    for view in &views {
        header_rules::check(view, options.profile, &mut raw);
        message_rules::check(view, options.profile, &mut raw);
    }
    let conversation = conversation::check(&views, &mut raw);
    let classified: Vec<Classified> = views.into_iter().map(Classified::of).collect();
    // A capture's bytes are what travelled: their line endings are judged strictly.
    let line_endings = if capture.is_some() { LineEndingCheck::Strict } else { options.line_endings };
    check_line_endings(text, &split.messages, line_endings, &mut raw);
    if let Some(capture) = capture {
        raw.extend(capture.problems.iter().map(|p| attach_to_message(capture_rules::finding_of(p), &split.messages)));
    }
    let content = content_of(text, capture, &classified);
    let mut looks_like = None;
    match content {
        InputContent::NotHttp => {
            // One finding that says what the input is instead of a run of "stray bytes".
            raw.retain(|f| f.rule != Rule::HttpStrayBytes);
            let first_line = text.iter().position(|&b| b == b'\n').unwrap_or(text.len()).min(200);
            looks_like = Some(sniff::looks(text).words());
            raw.push(RawFinding::new(
                Rule::InputNotHttp,
                Span::new(0, first_line),
                format!("no HTTP message found: the input looks like {}", looks_like.unwrap_or_default()),
            ));
        }
        InputContent::HttpWithoutBits => raw.push(RawFinding::new(
            Rule::InputNoBits,
            Span::empty_at(0),
            format!(
                "{} HTTP message{} decoded, none of them part of a BITS upload",
                classified.len(),
                plural(classified.len())
            ),
        )),
        InputContent::Empty | InputContent::Bits => {}
    }
    if split.messages.is_empty() && raw.is_empty() {
        raw.push(RawFinding::new(Rule::InputEmpty, Span::empty_at(0), "no request or status line found"));
    }
    let mut report = build_report(text, options, classified, split.messages, conversation, raw);
    report.input.content = content;
    report.input.looks_like = looks_like;
    for (message, origin) in report.messages.iter_mut().zip(origins) {
        message.origin = origin;
    }
    if let Some(c) = capture {
        report.input.format = c.format;
        report.input.line_endings_checked = true;
        report.capture = Some(CaptureSummary {
            format: c.format,
            frames: c.frames,
            connections: c.connections.clone(),
            stopped: c.stopped.as_ref().map(ToString::to_string),
            transcript_bytes: text.len(),
        });
    }
    report
}

/// A capture problem found before parsing belongs to the message whose bytes it touches;
/// one about the whole file (a cut, a link type) lies past every message and stays alone.
fn attach_to_message(mut finding: RawFinding, messages: &[http::Message]) -> RawFinding {
    if finding.message.is_none() {
        let at = finding.span.start;
        finding.message = messages.iter().position(|m| m.span.start <= at && at < m.span.end);
    }
    finding
}

fn check_line_endings(text: &[u8], messages: &[http::Message], check: LineEndingCheck, raw: &mut Vec<RawFinding>) {
    match check {
        LineEndingCheck::Strict => {
            for (index, message) in messages.iter().enumerate() {
                if let Some(span) = message.line_endings.first_bare_lf {
                    let lines = message.line_endings.lf;
                    raw.push(
                        RawFinding::new(
                            Rule::HttpBareLf,
                            span,
                            format!(
                                "{lines} header line{} end{} with LF only",
                                plural(lines),
                                if lines == 1 { "s" } else { "" }
                            ),
                        )
                        .in_message(index)
                        .with_fix_if(wire::crlf_everywhere(
                            text,
                            Span::new(message.span.start, message.body.span.start),
                        )),
                    );
                }
            }
        }
        LineEndingCheck::Pasted => {
            if messages.iter().any(|m| m.line_endings.lf > 0) {
                raw.push(RawFinding::new(
                    Rule::InputLineEndingsUnchecked,
                    Span::empty_at(0),
                    "pasted text: CRLF line endings could not be checked",
                ));
            }
        }
    }
}

/// What the input holds. A capture file that carried no message stays `Empty`: its reader
/// already said what it found instead.
fn content_of(text: &[u8], capture: Option<&Capture>, classified: &[Classified]) -> InputContent {
    if classified.iter().any(|c| c.kind.is_bits_traffic()) {
        InputContent::Bits
    } else if !classified.is_empty() {
        InputContent::HttpWithoutBits
    } else if capture.is_none() && !text.iter().all(u8::is_ascii_whitespace) {
        InputContent::NotHttp
    } else {
        InputContent::Empty
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

fn build_report(
    input: &[u8],
    options: &Options,
    classified: Vec<Classified>,
    messages: Vec<http::Message>,
    conversation: conversation::Outcome,
    raw: Vec<RawFinding>,
) -> Report {
    // Findings in the order of the text, then of messages and rules; equal keys keep the
    // order the checks produced them in (the index makes every key unique). Through the
    // crate's one sort key type: each other key type is one more sort routine in the wasm.
    let mut keys: Vec<SortKey> = raw
        .iter()
        .enumerate()
        .map(|(i, f)| (f.span.start as u64, f.message.map_or(0, |m| m as u64 + 1), (f.rule as u64) << 32 | i as u64))
        .collect();
    order::sort(&mut keys);
    let count = raw.len();
    let mut slots: Vec<Option<RawFinding>> = raw.into_iter().map(Some).collect();
    let raw = keys.into_iter().filter_map(|(_, _, k)| slots[(k & 0xffff_ffff) as usize].take());
    let mut counts = Counts::default();
    let mut per_message: Vec<Vec<usize>> = vec![Vec::new(); messages.len()];
    let mut graded = Vec::with_capacity(count);
    for mut f in raw {
        let Some(severity) = f.rule.severity(options.profile) else { continue };
        f.span = snap_to_characters(input, f.span);
        counts.add(severity);
        if let Some(m) = f.message {
            per_message[m].push(graded.len());
        }
        graded.push((f, severity));
    }
    let positions = Positions::of(input, graded.iter().flat_map(|(f, _)| [f.span.start, f.span.end]));
    let findings: Vec<Finding> = graded
        .into_iter()
        .map(|(f, severity)| {
            let meta = f.rule.meta();
            Finding {
                rule: meta.id,
                severity,
                group: meta.group,
                message: f.message,
                header: f.header,
                span: f.span,
                start: positions.at(f.span.start),
                end: positions.at(f.span.end),
                summary: f.summary,
                fixes: f.fixes,
                title: meta.title,
                explanation: meta.explanation,
                reference: meta.reference,
                links: meta.sources,
            }
        })
        .collect();
    let (crlf, lf) = messages.iter().fold((0, 0), |(c, l), m| (c + m.line_endings.crlf, l + m.line_endings.lf));
    let messages = messages
        .into_iter()
        .zip(classified)
        .zip(per_message)
        .enumerate()
        .map(|(index, ((msg, class), indices))| {
            let mut message_counts = Counts::default();
            for &i in &indices {
                message_counts.add(findings[i].severity);
            }
            message_report(input, index, msg, class, conversation.session_of[index], indices, message_counts)
        })
        .collect();
    Report {
        tool: "bits-inspector",
        version: env!("CARGO_PKG_VERSION"),
        profile: options.profile,
        input: InputSummary {
            content: InputContent::Empty,
            looks_like: None,
            format: input::Format::Text,
            bytes: input.len(),
            lines: positions.line_count(),
            line_endings: LineEndings::of(crlf, lf),
            line_endings_checked: options.line_endings == LineEndingCheck::Strict,
        },
        counts,
        messages,
        sessions: conversation.sessions,
        findings,
        capture: None,
    }
}

/// What classification learnt of a message, kept once the views over the parsed messages
/// are gone.
struct Classified {
    kind: MessageKind,
    pair: Option<usize>,
    ack_form: Option<AckForm>,
    keys: Vec<Option<HeaderKey>>,
}

impl Classified {
    fn of(view: MessageView) -> Classified {
        Classified { kind: view.kind, pair: view.pair, ack_form: view.ack_form, keys: view.keys }
    }
}

fn message_report(
    input: &[u8],
    index: usize,
    msg: http::Message,
    class: Classified,
    session: Option<usize>,
    findings: Vec<usize>,
    counts: Counts,
) -> MessageReport {
    let headers = msg
        .headers
        .into_iter()
        .zip(class.keys)
        .map(|(header, key)| HeaderReport {
            span: header.line,
            name_span: header.name,
            value_span: header.value,
            key,
            folded_value: header.folded_value.map(Vec::into_boxed_slice),
        })
        .collect();
    let status = match msg.start_line {
        StartLine::Response { status, .. } => status,
        _ => None,
    };
    MessageReport {
        index,
        span: snap_to_characters(input, msg.span),
        kind: class.kind,
        packet: class.kind.packet(),
        direction: msg.start_line.direction(),
        ack_form: class.ack_form,
        start_line: msg.start_line,
        start_line_span: msg.start_line_span,
        status,
        status_text: status.and_then(codes::http_reason_phrase),
        pair: class.pair,
        session,
        headers,
        body: BodyReport {
            span: snap_to_characters(input, msg.body.span),
            length: msg.body.length,
            announced: match msg.body.framing {
                Framing::ContentLength(n) => Some(n),
                _ => None,
            },
            framing: msg.body.framing,
            truncated: msg.body.truncated,
        },
        findings,
        counts,
        origin: None,
    }
}
