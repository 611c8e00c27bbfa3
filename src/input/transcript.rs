//! From reassembled TCP connections to a transcript: each direction's stream split into
//! HTTP messages, every message (and every run of bytes that is not one) a unit stamped with
//! its connection, direction, frames and time, all units in capture order.

use crate::http;
use crate::order::{self, SortKey};
use crate::span::Span;

use super::capture::{Capture, Connection, Format, Origin, Unit};
use super::problem::{Layer, Problem, ProblemKind, Stop};
use super::tcp::{Reassembled, Stream};

/// A unit before its place in the transcript is known.
struct Pending {
    conn: usize,
    dir: usize,
    start: usize,
    end: usize,
    origin: Origin,
}

/// Everything pcap.rs read, turned into a [`Capture`].
pub fn build(
    format: Format,
    conns: Vec<Reassembled>,
    frames: u64,
    mut problems: Vec<Problem>,
    stopped: Option<Stop>,
) -> Capture {
    let mut connections = Vec::with_capacity(conns.len());
    let mut pending = Vec::new();
    for (id, conn) in conns.iter().enumerate() {
        // A connection carries HTTP when either direction shows it; then both are split.
        let http = looks_like_http(&conn.streams[0]) || looks_like_http(&conn.streams[1]);
        let split = |d: usize| {
            (http && !conn.streams[d].bytes.is_empty()).then(|| http::split_messages(&conn.streams[d].bytes))
        };
        let splits: [Option<http::Split>; 2] = [split(0), split(1)];
        let client = client_side(conn, &splits);
        let (c, s) = if client == 0 { (conn.a, conn.b) } else { (conn.b, conn.a) };
        connections.push(Connection {
            id,
            client: c.to_string(),
            server: s.to_string(),
            first_frame: conn.first_frame,
            last_frame: conn.last_frame,
            started_mid_stream: conn.opener.is_none(),
            closed: conn.closed,
        });
        for (dir, split) in splits.iter().enumerate() {
            let Some(split) = split else { continue };
            let stream = &conn.streams[dir];
            for (start, end) in unit_bounds(stream, split) {
                let Some((first_frame, last_frame, time)) = stream.frames_of(start, end) else { continue };
                let origin = Origin { connection: id, from_client: dir == client, first_frame, last_frame, time };
                pending.push(Pending { conn: id, dir, start, end, origin });
            }
        }
    }
    // Capture order: the time of each message's first byte, then its frame, then the order
    // found.
    let mut capture_order: Vec<SortKey> = pending
        .iter()
        .enumerate()
        .map(|(k, p)| (order::float(p.origin.time.unwrap_or(0.0)), p.origin.first_frame, k as u64))
        .collect();
    order::sort(&mut capture_order);
    let total: usize = pending.iter().map(|p| p.end - p.start + 2).sum();
    let mut transcript = Vec::with_capacity(total);
    let mut units = Vec::with_capacity(pending.len());
    // The unit each pending one became.
    let mut unit_of = vec![0; pending.len()];
    for &(_, _, k) in &capture_order {
        let p = &pending[k as usize];
        unit_of[k as usize] = units.len();
        let bytes = &conns[p.conn].streams[p.dir].bytes[p.start..p.end];
        let at = transcript.len();
        transcript.extend_from_slice(bytes);
        units.push(Unit { span: Span::new(at, transcript.len()), origin: p.origin });
        // Units are parsed one by one; the line break only keeps the next message on a line
        // of its own, for line:column positions and for the page's raw view.
        if !bytes.ends_with(b"\n") {
            transcript.extend_from_slice(b"\r\n");
        }
    }
    report_stream_problems(&conns, &connections, &pending, &unit_of, &units, &mut problems);
    Capture { format, transcript, units, connections, frames, problems, stopped }
}

/// Whether a stream holds HTTP or BITS at all, found by content, not by port. A stream
/// without any of these (TLS, SMB, ...) is not split: it cannot hold a message. One that
/// has them is split even when no message can be read (a start line lost in a missing
/// segment), so its bytes and their findings still show.
fn looks_like_http(stream: &Stream) -> bool {
    [&b"HTTP/1."[..], b"BITS_POST", b"BITS-Packet-Type"]
        .iter()
        .any(|needle| memchr::memmem::find(&stream.bytes, needle).is_some())
}

/// The client is who opened the connection; mid-stream, who sends requests.
fn client_side(conn: &Reassembled, splits: &[Option<http::Split>; 2]) -> usize {
    if let Some(opener) = conn.opener {
        return opener;
    }
    let first_is_request =
        |d: usize| splits[d].as_ref().and_then(|s| s.messages.first()).is_some_and(|m| m.is_request());
    let any_request = |d: usize| splits[d].as_ref().is_some_and(|s| s.messages.iter().any(|m| m.is_request()));
    (0..2).find(|&d| first_is_request(d)).or_else(|| (0..2).find(|&d| any_request(d))).unwrap_or(0)
}

/// Units of one stream: it is cut where each message and each run of stray bytes starts,
/// so every byte from the first message on belongs to exactly one unit. Bytes before the
/// first cut are white space (the split skips nothing else).
fn unit_bounds(stream: &Stream, split: &http::Split) -> Vec<(usize, usize)> {
    let messages = split.messages.iter().map(|m| m.span.start);
    let strays = split.problems.iter().filter(|p| p.kind == http::ProblemKind::StrayBytes).map(|p| p.span.start);
    let cuts = order::sorted_distinct(messages.chain(strays));
    let mut bounds = Vec::with_capacity(cuts.len());
    for (k, &start) in cuts.iter().enumerate() {
        let end = cuts.get(k + 1).copied().unwrap_or(stream.bytes.len());
        if start < end {
            bounds.push((start, end));
        }
    }
    bounds
}

/// Missing segments, on the bytes that stand in for them, and connections the capture
/// joined in the middle, on their first unit.
fn report_stream_problems(
    conns: &[Reassembled],
    connections: &[Connection],
    pending: &[Pending],
    unit_of: &[usize],
    units: &[Unit],
    problems: &mut Vec<Problem>,
) {
    // Per (connection, direction): its units' stream ranges and transcript starts, in
    // stream order because that is the order they were found in.
    let mut placed: Vec<[Vec<(usize, usize, usize)>; 2]> = (0..conns.len()).map(|_| [Vec::new(), Vec::new()]).collect();
    for (p, &unit) in pending.iter().zip(unit_of) {
        placed[p.conn][p.dir].push((p.start, p.end, units[unit].span.start));
    }
    for (id, conn) in conns.iter().enumerate() {
        for (dir, list) in placed[id].iter().enumerate() {
            if list.is_empty() {
                continue;
            }
            let c = &connections[id];
            let from_client =
                pending.iter().find(|p| p.conn == id && p.dir == dir).is_some_and(|p| p.origin.from_client);
            let (side, route) = if from_client {
                ("client", format!("{} -> {}", c.client, c.server))
            } else {
                ("server", format!("{} -> {}", c.server, c.client))
            };
            for gap in &conn.streams[dir].gaps {
                // The unit holding the gap's first byte, else the first one after it.
                let k = list.partition_point(|u| u.1 <= gap.start).min(list.len() - 1);
                let (start, end, at) = list[k];
                let span = if gap.start >= start {
                    let from = at + (gap.start - start);
                    Span::new(from, at + (gap.start + gap.filled).min(end) - start)
                } else {
                    Span::empty_at(at)
                };
                let between = match (gap.after_frame, gap.before_frame) {
                    (Some(a), Some(b)) => format!(" (between frames {a} and {b})"),
                    (None, Some(b)) => format!(" (before frame {b})"),
                    _ => String::new(),
                };
                let filled = if gap.filled as u64 == gap.missing { "" } else { ", too many to show" };
                problems.push(Problem::new(
                    ProblemKind::MissingSegment,
                    Layer::Transport,
                    span,
                    format!(
                        "{} byte{} of the {side}'s stream ({route}) missing from the capture{between}{filled}",
                        gap.missing,
                        if gap.missing == 1 { "" } else { "s" }
                    ),
                ));
            }
        }
        if connections[id].started_mid_stream {
            let first = placed[id].iter().flatten().map(|u| u.2).min();
            if let Some(at) = first {
                let c = &connections[id];
                problems.push(Problem::new(
                    ProblemKind::StartedMidStream,
                    Layer::Transport,
                    Span::empty_at(at),
                    format!(
                        "connection {} -> {} was open before the capture started (no SYN captured)",
                        c.client, c.server
                    ),
                ));
            }
        }
    }
}
