//! The HTTP layer's problems as catalog findings: each [`ProblemKind`] is reported as one
//! rule, so the rule ids stay here and the HTTP reader stays free of them.

use crate::http::{Problem, ProblemKind};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;

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

pub fn finding(problem: Problem) -> RawFinding {
    let Problem { kind, span, message, header, summary } = problem;
    RawFinding { rule: rule_of(kind), message, header, span, summary, fixes: Vec::new() }
}
