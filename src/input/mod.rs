//! Front ends: what the input bytes are, and for a capture file, the HTTP messages it carries.
//!
//! Plain text is inspected as it is. A capture (pcap, pcapng, HAR) becomes a *transcript*:
//! the messages it carries, reassembled and put one after another in capture order, each
//! a [`Unit`] of the transcript that remembers its connection, direction, frames and time.
//! Findings point into the transcript, which the page shows and the CLI locates by frame.

mod base64;
mod frame;
pub mod har;
mod json;
pub mod link_type;
pub mod pcap;
pub mod problem;
pub mod sniff;
mod tcp;
mod transcript;

use serde::Serialize;

pub use link_type::LinkType;
pub use problem::{Layer, Problem, ProblemKind, Stop, StopCause};

use crate::span::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Text,
    Pcap,
    Pcapng,
    Har,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pcap => "pcap",
            Format::Pcapng => "pcapng",
            Format::Har => "har",
        }
    }
}

/// What the bytes are, from their first bytes: the pcap magic numbers (both byte orders,
/// microsecond and nanosecond), the pcapng section header block, a JSON object with a `log`
/// (HAR); anything else is text.
pub fn detect(input: &[u8]) -> Format {
    const PCAP_MAGICS: [[u8; 4]; 4] =
        [[0xd4, 0xc3, 0xb2, 0xa1], [0xa1, 0xb2, 0xc3, 0xd4], [0x4d, 0x3c, 0xb2, 0xa1], [0xa1, 0xb2, 0x3c, 0x4d]];
    if input.len() >= 4 && PCAP_MAGICS.iter().any(|m| input[..4] == *m) {
        return Format::Pcap;
    }
    if input.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]) {
        return Format::Pcapng;
    }
    let text = input.strip_prefix(b"\xef\xbb\xbf").unwrap_or(input);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    if text.get(start) == Some(&b'{') {
        let head = &text[start..text.len().min(start + 4096)];
        if memchr::memmem::find(head, b"\"log\"").is_some() {
            return Format::Har;
        }
    }
    Format::Text
}

/// Where a unit of the transcript came from.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Origin {
    /// Index into [`Capture::connections`].
    pub connection: usize,
    /// Sent by the side that opened the connection (or, mid-stream, that sent requests).
    pub from_client: bool,
    /// Frame numbers (1-based, as Wireshark counts) of the first and last segment carrying it.
    pub first_frame: u64,
    pub last_frame: u64,
    /// Capture time of its first byte, in seconds since the Unix epoch.
    pub time: Option<f64>,
}

/// One message-sized region of the transcript (a message, or bytes that are not one).
#[derive(Debug, Clone, PartialEq)]
pub struct Unit {
    pub span: Span,
    pub origin: Origin,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Connection {
    pub id: usize,
    /// `address:port` of the client and of the server (IPv6 in brackets). For HAR, the
    /// entry's `serverIPAddress` and `connection` when recorded.
    pub client: String,
    pub server: String,
    pub first_frame: u64,
    pub last_frame: u64,
    /// The capture has no SYN for it: it started before the capture did.
    pub started_mid_stream: bool,
    /// A FIN or RST was captured.
    pub closed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Capture {
    pub format: Format,
    /// The carried messages one after another; every span of the report points into it.
    pub transcript: Vec<u8>,
    /// Regions of the transcript, in capture order, none overlapping.
    pub units: Vec<Unit>,
    pub connections: Vec<Connection>,
    /// Frames (packets, or HAR entries) read.
    pub frames: u64,
    /// Problems of the capture itself: missing segments, a file broken part way, link types
    /// not understood. Spans point into the transcript (an empty span at its end when they
    /// are about the file as a whole).
    pub problems: Vec<Problem>,
    /// Where reading stopped early and why; everything read before it is kept.
    pub stopped: Option<Stop>,
}

/// The capture these bytes hold, or `None` for text.
pub fn read_capture(input: &[u8]) -> Option<Capture> {
    match detect(input) {
        Format::Text => None,
        format @ (Format::Pcap | Format::Pcapng) => Some(pcap::read(input, format)),
        Format::Har => Some(har::read(input)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_their_first_bytes() {
        assert_eq!(detect(&[0xd4, 0xc3, 0xb2, 0xa1, 2, 0]), Format::Pcap);
        assert_eq!(detect(&[0xa1, 0xb2, 0x3c, 0x4d]), Format::Pcap);
        assert_eq!(detect(&[0x0a, 0x0d, 0x0d, 0x0a, 0, 0, 0, 0]), Format::Pcapng);
        assert_eq!(detect(b"  {\n \"log\": {\"version\": \"1.2\"}}"), Format::Har);
        assert_eq!(detect(b"{\"not\": \"a har\"}"), Format::Text);
        assert_eq!(detect(b"BITS_POST / HTTP/1.1\r\n"), Format::Text);
        assert_eq!(detect(b""), Format::Text);
    }
}
