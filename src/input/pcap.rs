//! pcap and pcapng files: records and blocks (read by `pcap-parser`), then each frame's
//! link, IP and TCP layers (read by [`super::frame`]), handed to TCP reassembly.
//!
//! Reading never fails: a file cut or corrupt part way stops with a message saying where,
//! and every frame read before it is still reassembled and inspected.

use std::collections::BTreeMap;

use pcap_parser::nom;
use pcap_parser::pcapng::{parse_block_be, parse_block_le, parse_sectionheaderblock, Block};
use pcap_parser::{parse_pcap_frame, parse_pcap_frame_be, parse_pcap_header, PcapError};

use super::capture::{Capture, Format};
use super::frame::{self, Frame, FrameStop};
use super::link_type::{Framing, LinkType};
use super::problem::{Layer, Problem, ProblemKind, Record, Stop, StopCause, StopDetail};
use super::tcp::{Endpoint, Reassembler, Segment};
use super::transcript;
use crate::span::Span;

/// The link of an interface: its type, when the file describes it, and how it is read.
#[derive(Debug, Clone, Copy)]
struct Link {
    link_type: Option<LinkType>,
    framing: Option<Framing>,
}

impl Link {
    fn of(link_type: LinkType) -> Link {
        Link { link_type: Some(link_type), framing: link_type.framing() }
    }

    /// A packet of an interface the file never described: counted, not decoded.
    const UNDESCRIBED: Link = Link { link_type: None, framing: None };
}

/// The first frame that stopped in a layer, and how many did.
struct Stopped {
    frame: u64,
    stop: FrameStop,
    frames: u64,
}

/// What the frames held, before reassembly.
struct Frames<'a> {
    tcp: Reassembler<'a>,
    count: u64,
    /// Link types not understood (`None`: an interface never described), with how many
    /// frames had each.
    unsupported: BTreeMap<Option<LinkType>, u64>,
    /// Frames whose headers stopped short of TCP, by layer.
    stopped: BTreeMap<Layer, Stopped>,
}

impl<'a> Frames<'a> {
    fn frame(&mut self, link: Link, time: Option<f64>, data: &'a [u8]) {
        self.count += 1;
        let Some(framing) = link.framing else {
            *self.unsupported.entry(link.link_type).or_default() += 1;
            return;
        };
        let tcp = match frame::read(framing, data) {
            Frame::Tcp(tcp) => tcp,
            Frame::NoSegment => return,
            Frame::Stopped(stop) => {
                let frame = self.count;
                self.stopped.entry(stop.layer).or_insert(Stopped { frame, stop, frames: 0 }).frames += 1;
                return;
            }
        };
        self.tcp.add(
            Endpoint { ip: tcp.src, port: tcp.src_port },
            Endpoint { ip: tcp.dst, port: tcp.dst_port },
            Segment { frame: self.count, time, seq: tcp.seq, flags: tcp.flags, payload: tcp.payload },
        );
    }
}

pub fn read(input: &[u8], format: Format) -> Capture {
    let mut frames =
        Frames { tcp: Reassembler::new(), count: 0, unsupported: BTreeMap::new(), stopped: BTreeMap::new() };
    let stopped = match format {
        Format::Pcap => read_pcap(input, &mut frames),
        _ => read_pcapng(input, &mut frames),
    };
    let Frames { tcp, count, unsupported, stopped: frame_stops } = frames;
    // About the file as a whole: placed at the end of the transcript once it is built.
    let mut whole_file = Vec::new();
    for (link_type, n) in &unsupported {
        let frames = format!("{n} frame{}", if *n == 1 { "" } else { "s" });
        let summary = match link_type {
            Some(link_type) => format!("{frames} of link type {link_type} not decoded"),
            None => format!("{frames} of an interface the file never describes not decoded"),
        };
        whole_file.push(Problem::new(ProblemKind::LinkTypeUnsupported, Layer::Link, Span::empty_at(0), summary));
    }
    for (layer, s) in &frame_stops {
        let others = match s.frames - 1 {
            0 => String::new(),
            n => format!("; {n} more frame{} stopped in this layer", if n == 1 { "" } else { "s" }),
        };
        let summary = format!("frame {} gives no TCP segment: it stops at {}{others}", s.frame, s.stop);
        whole_file.push(Problem::new(ProblemKind::FrameUndecoded, *layer, Span::empty_at(0), summary));
    }
    let n = whole_file.len();
    let mut capture = transcript::build(format, tcp.finish(), count, whole_file, stopped);
    let end = Span::empty_at(capture.transcript.len());
    for problem in &mut capture.problems[..n] {
        problem.span = end;
    }
    if let Some(stop) = &capture.stopped {
        capture.problems.push(Problem::new(ProblemKind::Stopped, Layer::File, end, stop.to_string()));
    }
    capture
}

/// Why the record or block at `offset` could not be read.
fn stop<E>(record: Record, error: &nom::Err<E>, offset: usize, frames: u64) -> Stop {
    let cause = match error {
        nom::Err::Incomplete(_) => StopCause::Cut,
        _ => StopCause::Corrupt,
    };
    Stop { layer: Layer::File, offset, cause, detail: StopDetail::Record(record), read_before: frames }
}

fn read_pcap<'a>(input: &'a [u8], frames: &mut Frames<'a>) -> Option<Stop> {
    let (mut rest, header) = match parse_pcap_header(input) {
        Ok(ok) => ok,
        Err(e) => return Some(stop(Record::PcapFileHeader, &e, 0, 0)),
    };
    let link = Link::of(LinkType(header.network.0 as u32));
    let scale = if header.is_nanosecond_precision() { 1e-9 } else { 1e-6 };
    let parse = if header.is_bigendian() { parse_pcap_frame_be } else { parse_pcap_frame };
    while !rest.is_empty() {
        let offset = input.len() - rest.len();
        match parse(rest) {
            Ok((next, record)) => {
                let time = f64::from(record.ts_sec) + f64::from(record.ts_usec) * scale;
                frames.frame(link, Some(time), record.data);
                rest = next;
            }
            Err(e) => return Some(stop(Record::PacketRecord, &e, offset, frames.count)),
        }
    }
    None
}

/// Type, length and the length again: no pcapng block is shorter.
const MIN_BLOCK_LENGTH: u32 = 12;

/// The total length a pcapng block announces. pcap-parser subtracts 12 from it for the
/// block's body after checking it only against the block type's own minimum, which for a
/// process information block is 4: a length under 12 makes it overflow (found by fuzzing,
/// tests/fixtures/fuzz-regressions), so such a block is refused before it gets there.
fn announced_block_length(block: &[u8], big_endian: bool) -> Option<u32> {
    let bytes: [u8; 4] = block.get(4..8)?.try_into().ok()?;
    Some(if big_endian { u32::from_be_bytes(bytes) } else { u32::from_le_bytes(bytes) })
}

/// An interface of the current pcapng section: link type and timestamp units.
struct Interface {
    link: Link,
    per_second: u64,
    offset: i64,
}

fn read_pcapng<'a>(input: &'a [u8], frames: &mut Frames<'a>) -> Option<Stop> {
    let mut rest = input;
    let mut big_endian = false;
    let mut interfaces: Vec<Interface> = Vec::new();
    while !rest.is_empty() {
        let offset = input.len() - rest.len();
        // A section header carries its own byte order; every other block is read in the
        // order of the section it belongs to.
        let section_header = rest.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]);
        if !section_header && announced_block_length(rest, big_endian).is_some_and(|n| n < MIN_BLOCK_LENGTH) {
            return Some(Stop {
                layer: Layer::File,
                offset,
                cause: StopCause::Corrupt,
                detail: StopDetail::BlockShorterThanFraming,
                read_before: frames.count,
            });
        }
        let parsed: nom::IResult<&'a [u8], Block<'a>, PcapError<&'a [u8]>> = if section_header {
            parse_sectionheaderblock(rest).map(|(r, b)| (r, Block::SectionHeader(b)))
        } else if big_endian {
            parse_block_be(rest)
        } else {
            parse_block_le(rest)
        };
        let (next, block) = match parsed {
            Ok(ok) => ok,
            Err(e) => return Some(stop(Record::Block, &e, offset, frames.count)),
        };
        match block {
            Block::SectionHeader(shb) => {
                big_endian = shb.big_endian();
                interfaces.clear();
            }
            Block::InterfaceDescription(idb) => interfaces.push(Interface {
                link: Link::of(LinkType(u32::from(idb.linktype.0 as u16))),
                per_second: idb.ts_resolution().unwrap_or(1_000_000).max(1),
                offset: idb.ts_offset(),
            }),
            Block::EnhancedPacket(epb) => {
                let data = epb.data.get(..epb.caplen as usize).unwrap_or(epb.data);
                match interfaces.get(epb.if_id as usize) {
                    Some(i) => {
                        let ticks = (u64::from(epb.ts_high) << 32) | u64::from(epb.ts_low);
                        let time = (ticks / i.per_second) as f64
                            + (ticks % i.per_second) as f64 / i.per_second as f64
                            + i.offset as f64;
                        frames.frame(i.link, Some(time), data);
                    }
                    // A packet of an interface never described: counted, not decoded.
                    None => frames.frame(Link::UNDESCRIBED, None, data),
                }
            }
            Block::SimplePacket(spb) => {
                let link = interfaces.first().map_or(Link::UNDESCRIBED, |i| i.link);
                let data = spb.data.get(..spb.origlen as usize).unwrap_or(spb.data);
                frames.frame(link, None, data);
            }
            _ => {}
        }
        rest = next;
    }
    None
}
