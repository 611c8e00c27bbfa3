//! Splitting an input into messages and reading each message's head and body.

use super::chunked::read_chunked;
use super::lines::{
    find_start_line, is_http_version, is_tchar, line_at, line_start_before, looks_like_start_line,
    looks_like_status_line, looks_like_status_line_without_code, skip_whitespace, Ending, Line,
};
use super::message::{Body, Framing, Header, LineEndings, Message, StartLine};
use super::problem::{Problem, ProblemKind};
use crate::span::Span;

pub struct Split {
    pub messages: Vec<Message>,
    pub problems: Vec<Problem>,
}

/// Splits `input` into HTTP/1.x messages. Never fails: what cannot be read becomes a problem.
pub fn split_messages(input: &[u8]) -> Split {
    let mut out = Split { messages: Vec::new(), problems: Vec::new() };
    let mut scratch = Vec::new();
    let mut pos = skip_whitespace(input, 0);
    while pos < input.len() {
        let line = line_at(input, pos);
        if !looks_like_start_line(line.content(input)) && !starts_broken_response(input, &line) {
            // A start line may be glued to the stray bytes on this very line.
            let next = find_start_line(input, pos, input.len()).unwrap_or(input.len());
            let stray = Span::new(pos, trim_trailing_whitespace(input, pos, next));
            out.problems.push(Problem::new(
                ProblemKind::StrayBytes,
                stray,
                format!("{} bytes that are not part of any HTTP message", stray.len()),
            ));
            pos = next;
            continue;
        }
        let index = out.messages.len();
        let (message, next) = read_message(input, pos, index, &mut scratch, &mut out.problems);
        out.messages.push(message);
        pos = skip_whitespace(input, next);
    }
    out
}

/// Splits each region of `input` on its own, so a message never runs from one region into
/// the next (regions are the streams of a capture, one per message or stray run). Spans are
/// offsets into `input`; each message records its region.
pub fn split_regions(input: &[u8], regions: &[Span]) -> Split {
    let mut out = Split { messages: Vec::new(), problems: Vec::new() };
    for (region, span) in regions.iter().enumerate() {
        let part = split_messages(span.slice(input));
        let first = out.messages.len();
        out.messages.extend(part.messages.into_iter().map(|mut m| {
            m.shift(span.start);
            m.region = region;
            m
        }));
        out.problems.extend(part.problems.into_iter().map(|mut f| {
            f.span = f.span.shifted(span.start);
            f.message = f.message.map(|m| m + first);
            f
        }));
    }
    out
}

/// A status line without a code (`HTTP/1.1 OK`) where a message should start, followed
/// by a header line: a broken response whose headers are still worth reading. Only at a
/// message boundary, so prose that starts with `HTTP/1.1` inside a body stays body.
fn starts_broken_response(input: &[u8], line: &Line) -> bool {
    if !looks_like_status_line_without_code(line.content(input)) || line.ending == Ending::Eof {
        return false;
    }
    let next = line_at(input, line.next).content(input);
    let colon = memchr::memchr(b':', next);
    colon.is_some_and(|at| at > 0 && next[..at].iter().all(|&b| is_tchar(b)))
}

fn trim_trailing_whitespace(input: &[u8], start: usize, mut end: usize) -> usize {
    while end > start && matches!(input[end - 1], b'\r' | b'\n' | b' ' | b'\t') {
        end -= 1;
    }
    end
}

/// Reads one message starting at a start line; returns it and where the input continues.
fn read_message(
    input: &[u8],
    start: usize,
    index: usize,
    scratch: &mut Vec<Header>,
    problems: &mut Vec<Problem>,
) -> (Message, usize) {
    let first = line_at(input, start);
    let start_line_span = Span::new(first.start, first.content_end);
    let start_line = parse_start_line(input, start_line_span, index, problems);
    let mut line_endings = LineEndings::default();
    count_ending(&mut line_endings, first.ending, start_line_span);

    // Headers gather in a buffer reused from message to message, and the message gets a
    // copy of exactly their number: one allocation instead of one per doubling.
    let headers = scratch;
    headers.clear();
    let mut pos = first.next;
    let mut head_truncated = first.ending == Ending::Eof;
    let mut ended_by_next_message = false;
    while !head_truncated {
        if pos >= input.len() {
            head_truncated = true;
            break;
        }
        let line = line_at(input, pos);
        let content = line.content(input);
        if line.is_blank() {
            count_ending(&mut line_endings, line.ending, Span::new(line.start, line.content_end));
            pos = line.next;
            break;
        }
        // A header's colon comes before any space; a start line has a space first (or no
        // colon at all), so most lines are told apart by one search.
        let colon_or_space = memchr::memchr2(b':', b' ', content);
        let colon_first = colon_or_space.filter(|&at| content[at] == b':');
        if colon_first.is_none() && looks_like_start_line(content) {
            problems.push(
                Problem::new(
                    ProblemKind::MissingBlankLine,
                    Span::empty_at(line.start),
                    "the next message starts before the empty line that ends this message's headers",
                )
                .in_message(index),
            );
            ended_by_next_message = true;
            break;
        }
        count_ending(&mut line_endings, line.ending, Span::new(line.start, line.content_end));
        if matches!(content[0], b' ' | b'\t') {
            fold_into_previous(input, headers, line.start, line.content_end, index, problems);
        } else if let Some(header) = parse_header_line(input, &line, colon_first, index, problems) {
            headers.push(header);
        }
        pos = line.next;
        if line.ending == Ending::Eof {
            head_truncated = true;
        }
    }
    let head_end = if head_truncated { input.len() } else { pos };
    if head_truncated {
        problems.push(
            Problem::new(
                ProblemKind::HeadUnterminated,
                Span::empty_at(input.len()),
                "the input ends before the empty line that ends the headers",
            )
            .in_message(index),
        );
    }

    let body_start = if ended_by_next_message { pos } else { head_end };
    let framing = if ended_by_next_message || head_truncated {
        Framing::None
    } else {
        framing_of(input, &start_line, headers, index, problems)
    };
    // A head with LF-only lines was copied as text: its body lost its CRs too, so it is
    // shorter than Content-Length says.
    let crs_lost = line_endings.crlf == 0 && line_endings.lf > 0;
    let (body, next) = read_body(input, body_start, framing, crs_lost, index, problems);
    let message = Message {
        span: Span::new(start, body.span.end.max(trim_trailing_whitespace(input, start, body_start))),
        start_line,
        start_line_span,
        headers: headers.as_slice().to_vec(),
        body,
        line_endings,
        head_truncated,
        region: 0,
    };
    (message, next)
}

fn count_ending(endings: &mut LineEndings, ending: Ending, line: Span) {
    match ending {
        Ending::CrLf => endings.crlf += 1,
        Ending::Lf => {
            endings.lf += 1;
            if endings.first_bare_lf.is_none() {
                endings.first_bare_lf = Some(Span::new(line.end, line.end + 1));
            }
        }
        Ending::Eof => {}
    }
}

fn parse_start_line(input: &[u8], span: Span, index: usize, problems: &mut Vec<Problem>) -> StartLine {
    let text = span.slice(input);
    if looks_like_status_line(text) {
        let status = text[9..12].iter().fold(0u16, |acc, &b| acc * 10 + (b - b'0') as u16);
        let reason_start = (span.start + 13).min(span.end);
        return StartLine::Response {
            version: Span::new(span.start, span.start + 8),
            status: Some(status),
            status_span: Span::new(span.start + 9, span.start + 12),
            reason: Span::new(reason_start, span.end),
        };
    }
    if looks_like_status_line_without_code(text) {
        problems.push(
            Problem::new(
                ProblemKind::StartLineMalformed,
                span,
                "the status line has no three-digit status code: `HTTP/x.y status reason`",
            )
            .in_message(index),
        );
        let version = Span::new(span.start, span.start + 8);
        let reason = trim_span(input, version.end, span.end);
        return StartLine::Response { version, status: None, status_span: Span::empty_at(reason.start), reason };
    }
    let mut parts = text.splitn(3, |&b| b == b' ');
    let (method, target, version) = (parts.next(), parts.next(), parts.next());
    if let (Some(method), Some(target), Some(version)) = (method, target, version) {
        if !method.is_empty() && method.iter().all(|&b| is_tchar(b)) && !target.is_empty() && is_http_version(version) {
            let method_span = Span::new(span.start, span.start + method.len());
            let target_start = method_span.end + 1;
            let target_span = Span::new(target_start, target_start + target.len());
            return StartLine::Request {
                method: method_span,
                target: target_span,
                version: Span::new(target_span.end + 1, span.end),
            };
        }
    }
    problems.push(
        Problem::new(
            ProblemKind::StartLineMalformed,
            span,
            "the start line is not `METHOD target HTTP/x.y` nor `HTTP/x.y status reason`",
        )
        .in_message(index),
    );
    StartLine::Invalid
}

/// `colon`: where the line's colon is, when the caller already found it.
fn parse_header_line(
    input: &[u8],
    line: &Line,
    colon: Option<usize>,
    index: usize,
    problems: &mut Vec<Problem>,
) -> Option<Header> {
    let (start, end) = (line.start, line.content_end);
    let line = &input[start..end];
    let Some(colon) = colon.or_else(|| memchr::memchr(b':', line)) else {
        problems.push(
            Problem::new(ProblemKind::HeaderMalformed, Span::new(start, end), "this header line has no colon")
                .in_message(index),
        );
        return None;
    };
    let raw_name = &line[..colon];
    let name_len = raw_name.trim_ascii_end().len();
    let name = Span::new(start, start + name_len);
    if name_len == 0 || name_len != raw_name.len() || !raw_name[..name_len].iter().fold(true, |ok, &b| ok & is_tchar(b))
    {
        let why = if name_len == 0 {
            "the header has no name"
        } else if name_len != raw_name.len() {
            "white space between the header name and the colon"
        } else {
            "the header name has characters that are not allowed in a token"
        };
        problems
            .push(Problem::new(ProblemKind::HeaderNameInvalid, Span::new(start, start + colon), why).in_message(index));
    }
    let value = trim_span(input, start + colon + 1, end);
    let is_control = |b: u8| (b < 0x20 && b != b'\t') || b == 0x7f;
    // Every value byte is tested: a branch-free pass (which the compiler vectorises) first,
    // the search for the byte only when there is one.
    let any_control = value.slice(input).iter().fold(false, |seen, &b| seen | is_control(b));
    let first_control = if any_control { value.slice(input).iter().position(|&b| is_control(b)) } else { None };
    if let Some(bad) = first_control {
        let at = value.start + bad;
        problems.push(
            Problem::new(
                ProblemKind::HeaderValueInvalid,
                Span::new(at, at + 1),
                format!(
                    "control character 0x{:02X} in the value of {}",
                    input[at],
                    String::from_utf8_lossy(name.slice(input))
                ),
            )
            .in_message(index)
            .on_header(&String::from_utf8_lossy(name.slice(input))),
        );
    }
    Some(Header { name, value, line: Span::new(start, end), folded_value: None })
}

fn fold_into_previous(
    input: &[u8],
    headers: &mut [Header],
    start: usize,
    end: usize,
    index: usize,
    problems: &mut Vec<Problem>,
) {
    let continuation = trim_span(input, start, end);
    let Some(previous) = headers.last_mut() else {
        problems.push(
            Problem::new(
                ProblemKind::HeaderMalformed,
                Span::new(start, end),
                "a continuation line with no header before it",
            )
            .in_message(index),
        );
        return;
    };
    problems.push(
        Problem::new(ProblemKind::ObsFold, Span::new(start, end), "this line continues the previous header's value")
            .in_message(index)
            .on_header(&String::from_utf8_lossy(previous.name.slice(input))),
    );
    let mut joined = previous.value(input).to_vec();
    joined.push(b' ');
    joined.extend_from_slice(continuation.slice(input));
    previous.folded_value = Some(joined);
    previous.line.end = end;
}

fn trim_span(input: &[u8], mut start: usize, mut end: usize) -> Span {
    while start < end && matches!(input[start], b' ' | b'\t') {
        start += 1;
    }
    while end > start && matches!(input[end - 1], b' ' | b'\t') {
        end -= 1;
    }
    Span::new(start, end)
}

fn framing_of(
    input: &[u8],
    start_line: &StartLine,
    headers: &[Header],
    index: usize,
    problems: &mut Vec<Problem>,
) -> Framing {
    if let StartLine::Response { status: Some(status), .. } = start_line {
        if (100..200).contains(status) || *status == 204 || *status == 304 {
            return Framing::None;
        }
    }
    let chunked = headers.iter().any(|h| {
        h.name(input).eq_ignore_ascii_case(b"Transfer-Encoding")
            && h.value(input).split(|&b| b == b',').any(|c| c.trim_ascii().eq_ignore_ascii_case(b"chunked"))
    });
    if chunked {
        return Framing::Chunked;
    }
    let mut length: Option<u64> = None;
    for h in headers.iter().filter(|h| h.name(input).eq_ignore_ascii_case(b"Content-Length")) {
        let text = h.value(input);
        match parse_decimal(text) {
            Some(n) => match length {
                Some(first) if first != n => problems.push(
                    Problem::new(
                        ProblemKind::ContentLengthConflict,
                        h.value,
                        format!("Content-Length {n} contradicts the earlier {first}; the first is used"),
                    )
                    .in_message(index)
                    .on_header("Content-Length"),
                ),
                Some(_) => {}
                None => length = Some(n),
            },
            None => problems.push(
                Problem::new(
                    ProblemKind::ContentLengthInvalid,
                    h.value,
                    format!("Content-Length `{}` is not a decimal number", String::from_utf8_lossy(text)),
                )
                .in_message(index)
                .on_header("Content-Length"),
            ),
        }
    }
    match (length, start_line) {
        (Some(n), _) => Framing::ContentLength(n),
        (None, StartLine::Response { .. }) => Framing::UntilNextMessage,
        (None, _) => Framing::None,
    }
}

/// A decimal number; saturates rather than overflowing, since a body announced as 2^63
/// bytes is simply longer than any capture.
pub fn parse_decimal(text: &[u8]) -> Option<u64> {
    if text.is_empty() || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(text.iter().fold(0u64, |acc, &b| acc.saturating_mul(10).saturating_add((b - b'0') as u64)))
}

fn read_body(
    input: &[u8],
    start: usize,
    framing: Framing,
    crs_lost: bool,
    index: usize,
    problems: &mut Vec<Problem>,
) -> (Body, usize) {
    let available = input.len() - start;
    if let (Framing::ContentLength(announced), true) = (framing, crs_lost) {
        let limit = if announced <= available as u64 { start + announced as usize } else { input.len() };
        if let Some(next) = find_start_line(input, start, limit) {
            let end = trim_trailing_whitespace(input, start, next);
            let lfs = input[start..next].iter().filter(|&&b| b == b'\n').count() as u64;
            // The CRs that LF-only text lost explain the difference: the body is whole.
            let whole = (next - start) as u64 + lfs >= announced;
            let body = Body { span: Span::new(start, end), framing, length: (end - start) as u64, truncated: !whole };
            if !whole {
                push_truncated(problems, framing, end, body.length, index);
            }
            return (body, next);
        }
    }
    let (end, length, truncated) = match framing {
        Framing::None => (start, 0, false),
        Framing::UntilNextMessage => {
            let end = find_start_line(input, start, input.len()).unwrap_or(input.len());
            let end = trim_trailing_whitespace(input, start, end);
            (end, (end - start) as u64, false)
        }
        Framing::ContentLength(announced) => {
            if announced <= available as u64 {
                let end = start + announced as usize;
                if followed_by_message_or_end(input, end) {
                    (end, announced, false)
                } else {
                    // The announced end falls inside something else: if a message starts
                    // within the announced body, the capture holds only part of this body.
                    match find_start_line(input, start, end) {
                        Some(next) => {
                            let cut = trim_trailing_whitespace(input, start, next);
                            (cut, (cut - start) as u64, true)
                        }
                        None => (end, announced, false),
                    }
                }
            } else {
                let cut = match find_start_line(input, start, input.len()) {
                    Some(next) => trim_trailing_whitespace(input, start, next),
                    None => input.len(),
                };
                (cut, (cut - start) as u64, true)
            }
        }
        Framing::Chunked => {
            let chunked = read_chunked(input, start);
            if let Some((at, why)) = chunked.error {
                problems.push(
                    Problem::new(ProblemKind::ChunkedMalformed, Span::new(at, line_at(input, at).content_end), why)
                        .in_message(index),
                );
                // Resynchronise on the next message rather than reading the rest as chunks.
                let next = find_start_line(input, line_start_before(input, at), input.len()).unwrap_or(input.len());
                let span = Span::new(start, trim_trailing_whitespace(input, start, next.max(at)));
                let body = Body { span, framing, length: chunked.length, truncated: false };
                return (body, next.max(at));
            }
            (chunked.end, chunked.length, chunked.truncated)
        }
    };
    if truncated {
        push_truncated(problems, framing, end, length, index);
    }
    (Body { span: Span::new(start, end), framing, length, truncated }, end)
}

fn push_truncated(problems: &mut Vec<Problem>, framing: Framing, end: usize, length: u64, index: usize) {
    let announced = match framing {
        Framing::ContentLength(n) => format!("{n} bytes announced"),
        _ => "chunked body".to_string(),
    };
    problems.push(
        Problem::new(
            ProblemKind::BodyTruncated,
            Span::empty_at(end),
            format!("{announced}, {length} captured: the capture holds only part of this body"),
        )
        .in_message(index),
    );
}

fn followed_by_message_or_end(input: &[u8], at: usize) -> bool {
    let next = skip_whitespace(input, at);
    next >= input.len() || looks_like_start_line(line_at(input, next).content(input))
}
