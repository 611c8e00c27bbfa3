//! An HTTP/1.x message as the lax reader leaves it: spans into the input for its start
//! line, headers and body, and how its head ended its lines.

use crate::span::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StartLine {
    Request {
        method: Span,
        target: Span,
        version: Span,
    },
    Response {
        version: Span,
        /// `None` for a status line that starts like one (`HTTP/1.1 OK`) but has no
        /// three-digit code: the message is still a response, decoded and checked.
        status: Option<u16>,
        /// Where the code is, or an empty span where it should have been.
        status_span: Span,
        reason: Span,
    },
    /// Not a readable start line; the message is still decoded from its headers.
    Invalid,
}

impl StartLine {
    pub fn direction(&self) -> Direction {
        match self {
            StartLine::Request { .. } => Direction::Request,
            StartLine::Response { .. } => Direction::Response,
            StartLine::Invalid => Direction::Unknown,
        }
    }
}

/// Which way a message went, as its start line tells.
// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Request,
    Response,
    /// No readable start line.
    Unknown,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    pub name: Span,
    pub value: Span,
    /// The whole header line (continuation lines included), without the line terminator.
    pub line: Span,
    /// Set when obsolete line folding joined several lines: the value then lives here.
    pub folded_value: Option<Vec<u8>>,
}

impl Header {
    pub fn name<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        self.name.slice(input)
    }

    pub fn value<'a>(&'a self, input: &'a [u8]) -> &'a [u8] {
        match &self.folded_value {
            Some(v) => v,
            None => self.value.slice(input),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    /// No body by the rules of HTTP (a request without length, 1xx/204/304).
    None,
    ContentLength(u64),
    Chunked,
    /// A response without length: its body runs until the connection closes, which in a
    /// text capture is where the next message starts.
    UntilNextMessage,
}

impl Framing {
    /// Its name in the JSON report (`body.framing`).
    pub fn name(self) -> &'static str {
        match self {
            Framing::None => "none",
            Framing::ContentLength(_) => "content-length",
            Framing::Chunked => "chunked",
            Framing::UntilNextMessage => "until-next-message",
        }
    }
}

/// By name: the length is a field of its own (`body.announced`).
impl serde::Serialize for Framing {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.name())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    /// The body bytes as captured, chunk framing included.
    pub span: Span,
    pub framing: Framing,
    /// Length of the body content: for chunked bodies, the sum of the chunk sizes.
    pub length: u64,
    /// The capture holds fewer bytes than the framing announced.
    pub truncated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LineEndings {
    pub crlf: usize,
    pub lf: usize,
    /// The first line of the head ending in a bare LF.
    pub first_bare_lf: Option<Span>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub span: Span,
    pub start_line: StartLine,
    pub start_line_span: Span,
    pub headers: Vec<Header>,
    pub body: Body,
    pub line_endings: LineEndings,
    /// The capture ended before the empty line closing the headers.
    pub head_truncated: bool,
    /// Which region of a split by regions it came from (0 for plain text).
    pub region: usize,
}

impl Message {
    /// Moves every span by `offset`, for a message parsed out of a slice of the input.
    pub fn shift(&mut self, offset: usize) {
        self.span = self.span.shifted(offset);
        self.start_line_span = self.start_line_span.shifted(offset);
        match &mut self.start_line {
            StartLine::Request { method, target, version } => {
                for s in [method, target, version] {
                    *s = s.shifted(offset);
                }
            }
            StartLine::Response { version, status_span, reason, .. } => {
                for s in [version, status_span, reason] {
                    *s = s.shifted(offset);
                }
            }
            StartLine::Invalid => {}
        }
        for h in &mut self.headers {
            h.name = h.name.shifted(offset);
            h.value = h.value.shifted(offset);
            h.line = h.line.shifted(offset);
        }
        self.body.span = self.body.span.shifted(offset);
        if let Some(lf) = &mut self.line_endings.first_bare_lf {
            *lf = lf.shifted(offset);
        }
    }

    pub fn is_request(&self) -> bool {
        matches!(self.start_line, StartLine::Request { .. })
    }

    pub fn is_response(&self) -> bool {
        matches!(self.start_line, StartLine::Response { .. })
    }

    pub fn status(&self) -> Option<u16> {
        match self.start_line {
            StartLine::Response { status, .. } => status,
            _ => None,
        }
    }

    pub fn method<'a>(&self, input: &'a [u8]) -> Option<&'a [u8]> {
        match self.start_line {
            StartLine::Request { method, .. } => Some(method.slice(input)),
            _ => None,
        }
    }

    pub fn target<'a>(&self, input: &'a [u8]) -> Option<&'a [u8]> {
        match self.start_line {
            StartLine::Request { target, .. } => Some(target.slice(input)),
            _ => None,
        }
    }

    pub fn version<'a>(&self, input: &'a [u8]) -> Option<&'a [u8]> {
        match self.start_line {
            StartLine::Request { version, .. } | StartLine::Response { version, .. } => Some(version.slice(input)),
            StartLine::Invalid => None,
        }
    }

    /// The first header with this name (case-insensitive).
    pub fn header(&self, input: &[u8], name: &str) -> Option<&Header> {
        self.headers.iter().find(|h| h.name(input).eq_ignore_ascii_case(name.as_bytes()))
    }

    pub fn header_value<'a>(&'a self, input: &'a [u8], name: &str) -> Option<&'a [u8]> {
        self.header(input, name).map(|h| h.value(input))
    }
}
