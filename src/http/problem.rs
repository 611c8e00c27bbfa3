//! What reading HTTP/1.x can find wrong, in the HTTP layer's own terms: which problem, the
//! bytes it is about and a sentence saying what was seen. The HTTP layer knows nothing of
//! BITS or of rule ids; `rules::wire` names the catalog rule each problem is reported as.

use crate::span::Span;

/// Every problem the lax reader reports, all of them recoverable: the reader goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemKind {
    /// Bytes between messages that start no message.
    StrayBytes,
    /// A start line that is neither a request line nor a status line.
    StartLineMalformed,
    /// A header line without a colon, or a continuation line with no header before it.
    HeaderMalformed,
    /// A header name with bytes a token may not hold.
    HeaderNameInvalid,
    /// A control character in a header value.
    HeaderValueInvalid,
    /// A header value continued on the next line (obsolete line folding).
    ObsFold,
    /// The next message starts before the empty line that ends this head.
    MissingBlankLine,
    /// The input ends inside a head.
    HeadUnterminated,
    /// Two Content-Length headers that disagree.
    ContentLengthConflict,
    /// A Content-Length that is not a decimal number.
    ContentLengthInvalid,
    /// Chunked framing that does not follow its grammar.
    ChunkedMalformed,
    /// The input ends before the body announced.
    BodyTruncated,
}

/// One problem: what, where, and in words what exactly was seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub span: Span,
    /// The message it belongs to (index in the split), when it belongs to one.
    pub message: Option<usize>,
    /// The header it is about, if any.
    pub header: Option<String>,
    pub summary: String,
}

impl Problem {
    pub fn new(kind: ProblemKind, span: Span, summary: impl Into<String>) -> Self {
        Problem { kind, span, message: None, header: None, summary: summary.into() }
    }

    pub fn in_message(mut self, index: usize) -> Self {
        self.message = Some(index);
        self
    }

    pub fn on_header(mut self, name: &str) -> Self {
        self.header = Some(name.to_string());
        self
    }
}
