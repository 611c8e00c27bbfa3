//! TCP reassembly: the two byte streams of each connection, rebuilt from the captured
//! segments whatever their order, with retransmissions and overlaps dropped and missing
//! bytes filled, and a map from every stream byte back to the frame that carried it.
//!
//! Segments borrow their payload from the capture file, so nothing is copied until a
//! stream is built. Sequence numbers are unwrapped one segment at a time against the
//! previous one (RFC 9293 section 3.4 arithmetic), so streams may cross the 2^32 wrap and
//! be longer than 4 GiB.

use std::collections::HashMap;
use std::net::IpAddr;

use super::frame::TcpFlags;

use crate::order::{self, SortKey};

/// The filler shown in place of bytes the capture does not hold. Not a NUL: it must be
/// visible in the transcript, and it never looks like the start of an HTTP message.
pub const MISSING: u8 = b'?';

/// Gaps larger than this are not filled: the stream resumes after them instead, so a
/// corrupt sequence number cannot make the transcript gigabytes long.
const MAX_FILL: u64 = 16 << 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Endpoint {
    pub ip: IpAddr,
    pub port: u16,
}

impl std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.ip {
            IpAddr::V4(ip) => write!(f, "{ip}:{}", self.port),
            IpAddr::V6(ip) => write!(f, "[{ip}]:{}", self.port),
        }
    }
}

/// One captured TCP segment.
#[derive(Debug, Clone, Copy)]
pub struct Segment<'a> {
    pub frame: u64,
    pub time: Option<f64>,
    pub seq: u32,
    pub flags: TcpFlags,
    pub payload: &'a [u8],
}

/// A run of stream bytes that one frame carried.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub frame: u64,
    pub time: Option<f64>,
}

/// Bytes the capture does not hold, filled with [`MISSING`] at `start..start + filled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Gap {
    pub start: usize,
    pub filled: usize,
    /// How many bytes are missing (more than `filled` when the gap was too large to fill).
    pub missing: u64,
    /// The frames carrying the bytes just before and just after it.
    pub after_frame: Option<u64>,
    pub before_frame: Option<u64>,
}

/// One direction of a connection, rebuilt.
#[derive(Debug, Default)]
pub struct Stream {
    pub bytes: Vec<u8>,
    /// In stream order, not overlapping; gaps lie between them.
    pub pieces: Vec<Piece>,
    pub gaps: Vec<Gap>,
}

/// A connection: endpoint `a` sent the first captured segment.
#[derive(Debug)]
pub struct Reassembled {
    pub a: Endpoint,
    pub b: Endpoint,
    /// `[a -> b, b -> a]`.
    pub streams: [Stream; 2],
    /// Which direction opened the connection (sent the SYN without ACK, or was answered by
    /// a SYN-ACK), when the capture saw it.
    pub opener: Option<usize>,
    pub first_frame: u64,
    pub last_frame: u64,
    pub closed: bool,
}

#[derive(Default)]
struct Half<'a> {
    segments: Vec<Segment<'a>>,
    /// Sequence number of the SYN, whose successor is the first data byte.
    isn: Option<u32>,
}

struct Conn<'a> {
    a: Endpoint,
    b: Endpoint,
    halves: [Half<'a>; 2],
    opener: Option<usize>,
    first_frame: u64,
    last_frame: u64,
    closed: bool,
    has_data: bool,
}

/// Collects segments; [`Reassembler::finish`] rebuilds the streams.
#[derive(Default)]
pub struct Reassembler<'a> {
    index: HashMap<(Endpoint, Endpoint), usize>,
    conns: Vec<Conn<'a>>,
}

impl<'a> Reassembler<'a> {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, src: Endpoint, dst: Endpoint, segment: Segment<'a>) {
        let key = if src <= dst { (src, dst) } else { (dst, src) };
        let opening = segment.flags.syn && !segment.flags.ack;
        let existing = self.index.get(&key).copied();
        // A new SYN on a 4-tuple that was closed and used is a new connection (port reuse).
        let reuse = existing.is_some_and(|i| opening && self.conns[i].closed && self.conns[i].has_data);
        let i = match existing {
            Some(i) if !reuse => i,
            _ => {
                self.conns.push(Conn {
                    a: src,
                    b: dst,
                    halves: [Half::default(), Half::default()],
                    opener: None,
                    first_frame: segment.frame,
                    last_frame: segment.frame,
                    closed: false,
                    has_data: false,
                });
                self.index.insert(key, self.conns.len() - 1);
                self.conns.len() - 1
            }
        };
        let conn = &mut self.conns[i];
        let dir = usize::from(src != conn.a);
        conn.last_frame = conn.last_frame.max(segment.frame);
        conn.first_frame = conn.first_frame.min(segment.frame);
        if segment.flags.syn {
            conn.halves[dir].isn.get_or_insert(segment.seq);
            if conn.opener.is_none() {
                conn.opener = Some(if segment.flags.ack { 1 - dir } else { dir });
            }
        }
        if segment.flags.fin || segment.flags.rst {
            conn.closed = true;
        }
        if !segment.payload.is_empty() {
            conn.has_data = true;
            conn.halves[dir].segments.push(segment);
        }
    }

    /// The connections in order of their first captured frame, streams rebuilt.
    pub fn finish(self) -> Vec<Reassembled> {
        self.conns
            .into_iter()
            .map(|c| {
                let [h0, h1] = c.halves;
                Reassembled {
                    a: c.a,
                    b: c.b,
                    streams: [rebuild(h0), rebuild(h1)],
                    opener: c.opener,
                    first_frame: c.first_frame,
                    last_frame: c.last_frame,
                    closed: c.closed,
                }
            })
            .collect()
    }
}

/// One direction's bytes in sequence order: the earliest captured copy of each byte wins,
/// so a retransmission or an overlapping segment adds nothing already there.
fn rebuild(half: Half<'_>) -> Stream {
    let mut stream = Stream::default();
    if half.segments.is_empty() {
        return stream;
    }
    // Unwrap sequence numbers in capture order: each relative to the one before.
    let mut rels: Vec<i64> = Vec::with_capacity(half.segments.len());
    let (mut prev_seq, mut prev_rel) = match half.isn {
        Some(isn) => (isn.wrapping_add(1), 0i64),
        None => (half.segments[0].seq, 0i64),
    };
    for s in &half.segments {
        let rel = prev_rel + i64::from(s.seq.wrapping_sub(prev_seq) as i32);
        rels.push(rel);
        prev_seq = s.seq;
        prev_rel = rel;
    }
    // With a SYN the stream starts right after it; without one, at the lowest byte seen.
    let base = if half.isn.is_some() { 0 } else { rels.iter().copied().min().unwrap_or(0) };
    // Equal offsets keep capture order (the segment index breaks ties), so the first copy
    // wins.
    let mut placed: Vec<SortKey> = rels.iter().enumerate().map(|(k, &rel)| (order::signed(rel), 0, k as u64)).collect();
    order::sort(&mut placed);
    let total: usize = half.segments.iter().map(|s| s.payload.len()).sum();
    stream.bytes.reserve(total);
    let mut cursor = base;
    let mut last_frame: Option<u64> = None;
    for (_, _, k) in placed {
        let (rel, s) = (rels[k as usize], &half.segments[k as usize]);
        let end = rel + s.payload.len() as i64;
        if end <= cursor {
            continue;
        }
        if rel > cursor {
            let missing = (rel - cursor) as u64;
            let filled = if missing <= MAX_FILL { missing as usize } else { 0 };
            stream.gaps.push(Gap {
                start: stream.bytes.len(),
                filled,
                missing,
                after_frame: last_frame,
                before_frame: Some(s.frame),
            });
            stream.bytes.resize(stream.bytes.len() + filled, MISSING);
            cursor = rel;
        }
        let skip = usize::try_from(cursor - rel).unwrap_or(0);
        let Some(data) = s.payload.get(skip..) else { continue };
        let start = stream.bytes.len();
        stream.bytes.extend_from_slice(data);
        stream.pieces.push(Piece { start, end: stream.bytes.len(), frame: s.frame, time: s.time });
        cursor = end;
        last_frame = Some(s.frame);
    }
    stream
}

impl Stream {
    /// Smallest and largest frame number carrying bytes of `start..end`, and the time of
    /// the frame carrying its first byte (or the first byte after a gap).
    pub fn frames_of(&self, start: usize, end: usize) -> Option<(u64, u64, Option<f64>)> {
        let first = self.pieces.partition_point(|p| p.end <= start);
        let last = self.pieces.partition_point(|p| p.start < end);
        let pieces = self.pieces.get(first..last)?;
        let head = pieces.first()?;
        let (lo, hi) = pieces.iter().fold((u64::MAX, 0), |(lo, hi), p| (lo.min(p.frame), hi.max(p.frame)));
        Some((lo, hi, head.time))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ep(port: u16) -> Endpoint {
        Endpoint { ip: IpAddr::from([10, 0, 0, 1]), port }
    }

    fn seg(frame: u64, seq: u32, payload: &[u8]) -> Segment<'_> {
        Segment { frame, time: None, seq, flags: TcpFlags { ack: true, ..TcpFlags::default() }, payload }
    }

    fn one_way(segments: &[Segment<'static>]) -> Stream {
        let mut r = Reassembler::new();
        for s in segments {
            r.add(ep(1), ep(2), *s);
        }
        let mut conns = r.finish();
        std::mem::take(&mut conns[0].streams[0])
    }

    #[test]
    fn out_of_order_retransmitted_and_overlapping_segments_give_the_stream_once() {
        let s = one_way(&[
            seg(1, 100, b"abc"),
            seg(2, 106, b"ghi"),
            seg(3, 103, b"def"),
            seg(4, 104, b"EFg"),
            seg(5, 100, b"abc"),
        ]);
        assert_eq!(s.bytes, b"abcdefghi");
        assert!(s.gaps.is_empty());
        assert_eq!(s.frames_of(0, 9), Some((1, 4, None)));
    }

    #[test]
    fn a_missing_segment_is_filled_and_reported() {
        let s = one_way(&[seg(1, 0xffff_fffe, b"ab"), seg(2, 2, b"ef")]);
        assert_eq!(s.bytes, b"ab??ef");
        assert_eq!(s.gaps, vec![Gap { start: 2, filled: 2, missing: 2, after_frame: Some(1), before_frame: Some(2) }]);
    }

    #[test]
    fn a_huge_gap_is_not_filled() {
        let s = one_way(&[seg(1, 0, b"ab"), seg(2, 0x4000_0000, b"ef")]);
        assert_eq!(s.bytes, b"abef");
        assert_eq!(s.gaps[0].missing, 0x4000_0000 - 2);
    }
}
