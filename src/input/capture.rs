//! The capture model: what a capture file held, as the rest of the engine sees it: a
//! transcript of the carried messages, its units, connections and problems.

use serde::Serialize;

use super::problem::{Problem, Stop};
use crate::span::Span;

// The page's TypeScript names it from its serde names (src/wasm/dto.rs).
#[cfg_attr(target_arch = "wasm32", derive(tsify::Tsify))]
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
