//! pcap and pcapng files: records and blocks (read by `pcap-parser`), then each frame's
//! link, IP and TCP layers (read by [`super::frame`]), handed to TCP reassembly.
//!
//! Reading never fails: a file cut or corrupt part way stops with a message saying where,
//! and every frame read before it is still reassembled and inspected.

use std::collections::BTreeMap;

use pcap_parser::nom;
use pcap_parser::pcapng::{parse_block_be, parse_block_le, parse_sectionheaderblock, Block};
use pcap_parser::{parse_pcap_frame, parse_pcap_frame_be, parse_pcap_header, PcapError};

use super::frame::{self, Frame};
use super::tcp::{Endpoint, Reassembler, Segment};
use super::{transcript, Capture, Format};
use crate::rules::catalog::Rule;
use crate::rules::finding::RawFinding;
use crate::span::Span;

/// What the frames held, before reassembly.
struct Frames<'a> {
    tcp: Reassembler<'a>,
    count: u64,
    /// Link types not understood, with how many frames had each.
    unsupported: BTreeMap<u32, u64>,
}

impl<'a> Frames<'a> {
    fn frame(&mut self, linktype: u32, time: Option<f64>, data: &'a [u8]) {
        self.count += 1;
        let tcp = match frame::read(linktype, data) {
            Frame::Tcp(tcp) => tcp,
            Frame::NoSegment => return,
            Frame::LinkUnsupported => {
                *self.unsupported.entry(linktype).or_default() += 1;
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
    let mut frames = Frames { tcp: Reassembler::new(), count: 0, unsupported: BTreeMap::new() };
    let stopped = match format {
        Format::Pcap => read_pcap(input, &mut frames),
        _ => read_pcapng(input, &mut frames),
    };
    let mut findings = Vec::new();
    let Frames { tcp, count, unsupported } = frames;
    for (linktype, n) in &unsupported {
        findings.push(RawFinding::new(
            Rule::CaptureLinkTypeUnsupported,
            Span::empty_at(0),
            format!("{n} frame{} of link type {linktype} not decoded", if *n == 1 { "" } else { "s" }),
        ));
    }
    let mut capture = transcript::build(format, tcp.finish(), count, findings, stopped);
    // File-level findings belong at the end of the transcript, after what was read.
    let end = capture.transcript.len();
    for f in &mut capture.findings {
        if f.rule == Rule::CaptureLinkTypeUnsupported {
            f.span = Span::empty_at(end);
        }
    }
    if let Some(reason) = &capture.stopped {
        capture.findings.push(RawFinding::new(Rule::CaptureStopped, Span::empty_at(end), reason.clone()));
    }
    capture
}

/// Why the record or block at `offset` could not be read.
fn stop_reason<E>(kind: &str, error: &nom::Err<E>, offset: usize, frames: u64) -> String {
    let what = match error {
        nom::Err::Incomplete(_) => "the file ends inside it (cut short)",
        _ => "its bytes do not follow the format (corrupt)",
    };
    format!("stopped at byte {offset}, in the {kind} after frame {frames}: {what}; {frames} frames read before it")
}

fn read_pcap<'a>(input: &'a [u8], frames: &mut Frames<'a>) -> Option<String> {
    let (mut rest, header) = match parse_pcap_header(input) {
        Ok(ok) => ok,
        Err(e) => return Some(stop_reason("pcap file header", &e, 0, 0)),
    };
    let linktype = header.network.0 as u32;
    let scale = if header.is_nanosecond_precision() { 1e-9 } else { 1e-6 };
    let parse = if header.is_bigendian() { parse_pcap_frame_be } else { parse_pcap_frame };
    while !rest.is_empty() {
        let offset = input.len() - rest.len();
        match parse(rest) {
            Ok((next, record)) => {
                let time = f64::from(record.ts_sec) + f64::from(record.ts_usec) * scale;
                frames.frame(linktype, Some(time), record.data);
                rest = next;
            }
            Err(e) => return Some(stop_reason("packet record", &e, offset, frames.count)),
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
    linktype: u32,
    per_second: u64,
    offset: i64,
}

fn read_pcapng<'a>(input: &'a [u8], frames: &mut Frames<'a>) -> Option<String> {
    let mut rest = input;
    let mut big_endian = false;
    let mut interfaces: Vec<Interface> = Vec::new();
    while !rest.is_empty() {
        let offset = input.len() - rest.len();
        // A section header carries its own byte order; every other block is read in the
        // order of the section it belongs to.
        let section_header = rest.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]);
        if !section_header && announced_block_length(rest, big_endian).is_some_and(|n| n < MIN_BLOCK_LENGTH) {
            return Some(format!(
                "stopped at byte {offset}, in the block after frame {}: it announces a length under the {MIN_BLOCK_LENGTH} \
                 bytes every pcapng block has (corrupt); {} frames read before it",
                frames.count, frames.count
            ));
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
            Err(e) => return Some(stop_reason("block", &e, offset, frames.count)),
        };
        match block {
            Block::SectionHeader(shb) => {
                big_endian = shb.big_endian();
                interfaces.clear();
            }
            Block::InterfaceDescription(idb) => interfaces.push(Interface {
                linktype: u32::from(idb.linktype.0 as u16),
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
                        frames.frame(i.linktype, Some(time), data);
                    }
                    // A packet of an interface never described: counted, not decoded.
                    None => frames.frame(u32::MAX, None, data),
                }
            }
            Block::SimplePacket(spb) => {
                let linktype = interfaces.first().map_or(u32::MAX, |i| i.linktype);
                let data = spb.data.get(..spb.origlen as usize).unwrap_or(spb.data);
                frames.frame(linktype, None, data);
            }
            _ => {}
        }
        rest = next;
    }
    None
}
