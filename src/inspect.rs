//! One inspection: split, classify, check, grade, report.

use std::borrow::Cow;

use crate::bits::classify::{classify, MessageView};
use crate::bits::packet::MessageKind;
use crate::bits::{codes, values};
use crate::finding::{Profile, RawFinding};
use crate::http::{self, Framing, StartLine};
use crate::input::{self, Capture, Origin};
use crate::report::{BodyReport, CaptureSummary, Counts, Finding, HeaderReport, InputSummary, MessageReport, Report};
use crate::rules::catalog::Rule;
use crate::rules::{conversation, headers as header_rules, message as message_rules};
use crate::span::{snap_to_characters, LineIndex, Span};

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
    let mut raw = split.findings;
    let views = classify(text, &split.messages, &connections);
    for view in &views {
        header_rules::check(view, &mut raw);
        message_rules::check(view, &mut raw);
    }
    let conversation = conversation::check(&views, &mut raw);
    // A capture's bytes are what travelled: their line endings are judged strictly.
    let line_endings = if capture.is_some() { LineEndingCheck::Strict } else { options.line_endings };
    check_line_endings(&split.messages, line_endings, &mut raw);
    if let Some(capture) = capture {
        raw.extend(capture.findings.iter().cloned().map(|f| attach_to_message(f, &split.messages)));
    }
    if split.messages.is_empty() && raw.is_empty() {
        raw.push(RawFinding::new(Rule::InputEmpty, Span::empty_at(0), "no request or status line found"));
    }
    let mut report = build_report(text, options, &views, &conversation, raw);
    for (message, origin) in report.messages.iter_mut().zip(origins) {
        message.origin = origin;
    }
    if let Some(c) = capture {
        report.input.format = c.format.as_str();
        report.input.line_endings_checked = true;
        report.capture = Some(CaptureSummary {
            format: c.format.as_str(),
            frames: c.frames,
            connections: c.connections.clone(),
            stopped: c.stopped.clone(),
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

fn check_line_endings(messages: &[http::Message], check: LineEndingCheck, raw: &mut Vec<RawFinding>) {
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
                        .in_message(index),
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
    views: &[MessageView],
    conversation: &conversation::Outcome,
    mut raw: Vec<RawFinding>,
) -> Report {
    let lines = LineIndex::new(input);
    raw.sort_by_key(|f| (f.span.start, f.message, f.rule));
    let mut counts = Counts::default();
    let mut per_message: Vec<Vec<usize>> = vec![Vec::new(); views.len()];
    let mut findings = Vec::with_capacity(raw.len());
    for mut f in raw {
        let Some(severity) = f.rule.severity(options.profile) else { continue };
        f.span = snap_to_characters(input, f.span);
        let meta = f.rule.meta();
        counts.add(severity);
        if let Some(m) = f.message {
            per_message[m].push(findings.len());
        }
        findings.push(Finding {
            rule: meta.id,
            severity,
            group: meta.group,
            message: f.message,
            header: f.header,
            span: f.span,
            start: lines.position(f.span.start),
            end: lines.position(f.span.end),
            summary: f.summary,
            title: meta.title,
            explanation: meta.explanation,
            reference: meta.reference,
            links: meta.sources,
        });
    }
    let messages = views
        .iter()
        .zip(per_message)
        .map(|(view, indices)| {
            let mut message_counts = Counts::default();
            for &i in &indices {
                message_counts.add(findings[i].severity);
            }
            let session = conversation.session_of[view.index].map(|s| conversation.sessions[s].id.clone());
            message_report(view, session, indices, message_counts)
        })
        .collect();
    let (crlf, lf) = views.iter().fold((0, 0), |(c, l), v| (c + v.msg.line_endings.crlf, l + v.msg.line_endings.lf));
    Report {
        tool: "bits-inspector",
        version: env!("CARGO_PKG_VERSION"),
        profile: options.profile,
        input: InputSummary {
            format: "text",
            bytes: input.len(),
            lines: lines.line_count(),
            line_endings: match (crlf, lf) {
                (0, 0) => "none",
                (_, 0) => "crlf",
                (0, _) => "lf",
                _ => "mixed",
            },
            line_endings_checked: options.line_endings == LineEndingCheck::Strict,
        },
        counts,
        messages,
        sessions: conversation.sessions.clone(),
        findings,
        capture: None,
    }
}

fn lossy(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn message_report(view: &MessageView, session: Option<String>, findings: Vec<usize>, counts: Counts) -> MessageReport {
    let input = view.input;
    let msg = view.msg;
    let (method, target, version, status, reason) = match &msg.start_line {
        StartLine::Request { method, target, version } => (
            Some(lossy(method.slice(input))),
            Some(lossy(target.slice(input))),
            Some(lossy(version.slice(input))),
            None,
            None,
        ),
        StartLine::Response { version, status, reason, .. } => {
            (None, None, Some(lossy(version.slice(input))), Some(*status), Some(lossy(reason.slice(input))))
        }
        StartLine::Invalid => (None, None, None, None, None),
    };
    let headers = msg
        .headers
        .iter()
        .zip(&view.keys)
        .map(|(header, key)| {
            let value = header.value(input);
            let (decoded, problem) = match key {
                Some(key) => match values::describe(key.spec().grammar, value) {
                    Ok(words) => (Some(words), None),
                    Err(problem) => (None, Some(problem)),
                },
                None => (describe_plain_header(header.name(input), value), None),
            };
            HeaderReport {
                name: lossy(header.name(input)),
                value: lossy(value),
                span: header.line,
                name_span: header.name,
                value_span: header.value,
                known: key.map(|k| k.spec().name),
                decoded,
                problem,
            }
        })
        .collect();
    let announced = match msg.body.framing {
        Framing::ContentLength(n) => Some(n),
        _ => None,
    };
    MessageReport {
        index: view.index,
        span: snap_to_characters(input, msg.span),
        kind: view.kind.id(),
        label: label(view),
        packet: view.kind.packet().map(|p| MessageKind::Request(p).id()),
        direction: if msg.is_request() {
            "request"
        } else if msg.is_response() {
            "response"
        } else {
            "unknown"
        },
        start_line: lossy(msg.start_line_span.slice(input)),
        start_line_span: msg.start_line_span,
        method,
        target,
        version,
        status,
        reason,
        status_text: status.and_then(codes::http_reason_phrase),
        pair: view.pair,
        session,
        headers,
        body: BodyReport {
            span: snap_to_characters(input, msg.body.span),
            length: msg.body.length,
            announced,
            framing: match msg.body.framing {
                Framing::None => "none",
                Framing::ContentLength(_) => "content-length",
                Framing::Chunked => "chunked",
                Framing::UntilNextMessage => "until-next-message",
            },
            truncated: msg.body.truncated,
        },
        findings,
        counts,
        origin: None,
    }
}

fn label(view: &MessageView) -> String {
    match view.kind {
        MessageKind::Ack(t) if !view.has_packet_type => {
            format!("HTTP response to {} (not an Ack)", t.wire_name())
        }
        kind => kind.label(),
    }
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
