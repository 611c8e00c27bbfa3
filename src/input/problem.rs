//! What can be wrong with a capture itself, as the readers find it: a kind, the layer it
//! lies in, where it points in the transcript and what it says. Rule ids and grades are the
//! rules layer's business (its capture module maps each kind to its rule); this module knows
//! none of them, as etherparse's slicing reports a stop error naming layer and offset and
//! leaves the judging to its caller.

use std::fmt;

use crate::span::Span;

/// Where in the stack of formats a problem lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Layer {
    /// The capture file's own structure: pcap records, pcapng blocks.
    File,
    /// A frame's link header and link extensions (VLAN tags, MACsec).
    Link,
    /// IPv4 or IPv6, extension headers included.
    Network,
    /// TCP: a segment's header, or a stream rebuilt from segments.
    Transport,
    /// A HAR file's JSON document.
    Har,
}

impl Layer {
    pub fn name(self) -> &'static str {
        match self {
            Layer::File => "file",
            Layer::Link => "link",
            Layer::Network => "network",
            Layer::Transport => "transport",
            Layer::Har => "HAR",
        }
    }
}

/// One kind of capture problem for each thing a user must be told differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProblemKind {
    /// Reading the file stopped before its end (see [`Stop`]).
    Stopped,
    /// Frames of a link type the reader does not decode.
    LinkTypeUnsupported,
    /// Frames whose link, IP or TCP header is cut short or broken, so they give no segment.
    FrameUndecoded,
    /// Bytes of a TCP stream no captured segment holds.
    MissingSegment,
    /// A connection without a captured SYN.
    StartedMidStream,
    /// A HAR file that is not JSON, or not HAR 1.2.
    HarInvalid,
}

/// A problem of the capture itself. The span points into the transcript (an empty span at
/// its end for the file as a whole).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub kind: ProblemKind,
    pub layer: Layer,
    pub span: Span,
    pub summary: String,
}

impl Problem {
    pub fn new(kind: ProblemKind, layer: Layer, span: Span, summary: impl Into<String>) -> Problem {
        Problem { kind, layer, span, summary: summary.into() }
    }
}

/// Why reading stopped: the bytes ran out, or they broke the format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopCause {
    /// The file ends inside a record, block or value: it was copied or saved unfinished.
    Cut,
    /// The bytes there do not follow the format.
    Corrupt,
}

/// The part of the file reading stopped in, and what was wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopDetail {
    /// A pcap file header, packet record or pcapng block `pcap-parser` could not read.
    Record(Record),
    /// A pcapng block announcing a total length under the 12 bytes of its own framing.
    BlockShorterThanFraming,
    /// A HAR file that is not JSON from `line`:`column` on (`serde_json`'s wording).
    Json { message: &'static str, line: usize, column: usize },
    /// A HAR file that is JSON but has no `log.entries` array.
    NoHarEntries,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Record {
    PcapFileHeader,
    PacketRecord,
    Block,
}

impl Record {
    fn name(self) -> &'static str {
        match self {
            Record::PcapFileHeader => "pcap file header",
            Record::PacketRecord => "packet record",
            Record::Block => "block",
        }
    }
}

/// Where and why reading stopped early; everything read before it is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stop {
    pub layer: Layer,
    /// Byte offset in the file where the unreadable record, block or value starts (for a
    /// HAR file, the byte the JSON error blames).
    pub offset: usize,
    pub cause: StopCause,
    pub detail: StopDetail,
    /// Frames (or HAR entries) read before it.
    pub read_before: u64,
}

/// The words the report has always shown (`capture.stopped`, the capture-stopped and
/// har-invalid summaries): tests/golden.rs holds them byte for byte.
impl fmt::Display for Stop {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (offset, n) = (self.offset, self.read_before);
        match &self.detail {
            StopDetail::Record(record) => {
                let what = match self.cause {
                    StopCause::Cut => "the file ends inside it (cut short)",
                    StopCause::Corrupt => "its bytes do not follow the format (corrupt)",
                };
                write!(
                    f,
                    "stopped at byte {offset}, in the {} after frame {n}: {what}; {n} frames read before it",
                    record.name()
                )
            }
            StopDetail::BlockShorterThanFraming => write!(
                f,
                "stopped at byte {offset}, in the block after frame {n}: it announces a length under the 12 \
                 bytes every pcapng block has (corrupt); {n} frames read before it"
            ),
            StopDetail::Json { message, line, column } => {
                write!(f, "not valid JSON at line {line} column {column}: {message} at line {line} column {column}")?;
                write_entries_read(f, n)
            }
            StopDetail::NoHarEntries => {
                f.write_str("no log.entries array: not a HAR 1.2 file")?;
                write_entries_read(f, n)
            }
        }
    }
}

fn write_entries_read(f: &mut fmt::Formatter<'_>, n: u64) -> fmt::Result {
    write!(f, "; {n} entr{} read before it", if n == 1 { "y" } else { "ies" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stop_says_where_and_whether_cut_or_corrupt() {
        let stop = |cause, detail| Stop { layer: Layer::File, offset: 120, cause, detail, read_before: 3 };
        assert_eq!(
            stop(StopCause::Cut, StopDetail::Record(Record::PacketRecord)).to_string(),
            "stopped at byte 120, in the packet record after frame 3: the file ends inside it (cut short); \
             3 frames read before it"
        );
        assert_eq!(
            stop(StopCause::Corrupt, StopDetail::Record(Record::Block)).to_string(),
            "stopped at byte 120, in the block after frame 3: its bytes do not follow the format (corrupt); \
             3 frames read before it"
        );
        let json = StopDetail::Json { message: "EOF while parsing a list", line: 2, column: 5 };
        let mut har = stop(StopCause::Cut, json);
        har.read_before = 1;
        assert_eq!(
            har.to_string(),
            "not valid JSON at line 2 column 5: EOF while parsing a list at line 2 column 5; 1 entry read before it"
        );
    }
}
