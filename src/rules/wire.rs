//! The HTTP layer's problems as catalog findings: each [`ProblemKind`] is reported as one
//! rule, so the rule ids stay here and the HTTP reader stays free of them.

use crate::http::{Problem, ProblemKind};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::rules::fix::{Edit, Fix};
use crate::span::Span;

/// The rule a problem of the HTTP layer is reported as.
pub fn rule_of(kind: ProblemKind) -> Rule {
    match kind {
        ProblemKind::StrayBytes => Rule::HttpStrayBytes,
        ProblemKind::StartLineMalformed => Rule::HttpStartLineMalformed,
        ProblemKind::HeaderMalformed => Rule::HttpHeaderMalformed,
        ProblemKind::HeaderNameInvalid => Rule::HttpHeaderNameInvalid,
        ProblemKind::HeaderValueInvalid => Rule::HttpHeaderValueInvalid,
        ProblemKind::ObsFold => Rule::HttpObsFold,
        ProblemKind::MissingBlankLine => Rule::HttpMissingBlankLine,
        ProblemKind::HeadUnterminated => Rule::HttpHeadUnterminated,
        ProblemKind::ContentLengthConflict => Rule::HttpContentLengthConflict,
        ProblemKind::ContentLengthInvalid => Rule::HttpContentLengthInvalid,
        ProblemKind::ChunkedMalformed => Rule::HttpChunkedMalformed,
        ProblemKind::BodyTruncated => Rule::HttpBodyTruncated,
    }
}

/// `text`: what the problem's span points into, which the fix edits.
pub fn finding(problem: Problem, text: &[u8]) -> RawFinding {
    let Problem { kind, span, message, header, summary } = problem;
    let fixes = match kind {
        ProblemKind::ObsFold => unfold(text, span).into_iter().collect(),
        _ => Vec::new(),
    };
    RawFinding { rule: rule_of(kind), message, header, span, summary, fixes }
}

/// Joins a continuation line (`span`) to the line before it: the line break and the
/// continuation's leading white space become one space, which is what the reader already
/// made of the value ([RFC 9112] 5.2).
fn unfold(text: &[u8], span: Span) -> Option<Fix> {
    let start = span.start;
    let line_break = if start >= 2 && &text[start - 2..start] == b"\r\n" {
        start - 2
    } else if start >= 1 && text[start - 1] == b'\n' {
        start - 1
    } else {
        return None;
    };
    let content = start + text[start..span.end].iter().take_while(|&&b| b == b' ' || b == b'\t').count();
    Some(Fix::new(
        "join the continuation line to its header",
        vec![Edit { start: line_break, end: content, insert: " ".to_string() }],
    ))
}

/// Ends every line of a message head with CRLF, as HTTP requires: a CR before each bare LF
/// from the start line to the blank line.
pub fn crlf_everywhere(text: &[u8], head: Span) -> Option<Fix> {
    let edits: Vec<Edit> = (head.start..head.end.min(text.len()))
        .filter(|&i| text[i] == b'\n' && (i == head.start || text[i - 1] != b'\r'))
        .map(|i| Edit { start: i, end: i, insert: "\r".to_string() })
        .collect();
    (!edits.is_empty()).then(|| Fix::new("end the head's lines with CRLF", edits))
}
