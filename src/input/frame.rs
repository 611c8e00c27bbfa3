//! The link, IP and TCP layers of one captured frame, read by hand: only what TCP
//! reassembly needs, the addresses, ports, sequence number, flags and payload.
//!
//! It reads frames exactly as etherparse's lax slicing (`LaxSlicedPacket`) did before it,
//! which the tests check on generated and mangled frames: the IP length trims link
//! padding but a packet cut short keeps what it has, fragments are not reassembled (no
//! segment), and a broken extension or TCP header means no segment. Written here because
//! the page downloads the wasm, and etherparse cost it about 3 KB gzipped.

use std::net::{IpAddr, Ipv4Addr, Ipv6Addr};

/// What a frame carries, as far as TCP reassembly is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame<'a> {
    /// A link type this reader does not know: counted, so the report can say so.
    LinkUnsupported,
    /// Not TCP, a fragment, or too short or broken to read.
    NoSegment,
    Tcp(TcpSegment<'a>),
}

#[derive(Debug, PartialEq, Eq)]
pub struct TcpSegment<'a> {
    pub src: IpAddr,
    pub dst: IpAddr,
    pub src_port: u16,
    pub dst_port: u16,
    pub seq: u32,
    pub flags: TcpFlags,
    pub payload: &'a [u8],
}

/// The TCP flags reassembly reads: where a stream opens, who opened it, where it ends.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TcpFlags {
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub rst: bool,
}

pub fn read(linktype: u32, data: &[u8]) -> Frame<'_> {
    let segment = match linktype {
        // Ethernet, VLAN tags included.
        1 => by_ether_type(data, 12, 14),
        // Linux cooked capture v1: 16-byte header, protocol in its last two bytes.
        113 => by_ether_type(data, 14, 16),
        // Linux cooked capture v2: 20-byte header, protocol first.
        276 => by_ether_type(data, 0, 20),
        // Raw IP (LINKTYPE_RAW, the DLT_RAW values some systems write, IPv4, IPv6).
        101 | 12 | 14 | 228 | 229 => ip(data),
        // BSD loopback: a 4-byte address family (host or network order), then IP; the IP
        // version nibble says which.
        0 | 108 => data.get(4..).and_then(ip),
        _ => return Frame::LinkUnsupported,
    };
    segment.map_or(Frame::NoSegment, Frame::Tcp)
}

fn be16(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_be_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// A link header with the EtherType at `proto_at` and the payload from `payload_at`.
fn by_ether_type(data: &[u8], proto_at: usize, payload_at: usize) -> Option<TcpSegment<'_>> {
    let ether_type = be16(data, proto_at)?;
    ether_payload(ether_type, data.get(payload_at..)?)
}

/// Link extensions (VLAN tags, MACsec) etherparse read before it gave up on a frame.
const MAX_LINK_EXTENSIONS: usize = 3;

fn ether_payload(mut ether_type: u16, mut payload: &[u8]) -> Option<TcpSegment<'_>> {
    for _ in 0..=MAX_LINK_EXTENSIONS {
        match ether_type {
            0x0800 | 0x86dd => return ip(payload),
            // 802.1Q, 802.1ad (QinQ) and the older double-tag type: TCI, then EtherType.
            0x8100 | 0x88a8 | 0x9100 => {
                ether_type = be16(payload, 2)?;
                payload = &payload[4..];
            }
            0x88e5 => (ether_type, payload) = macsec(payload)?,
            _ => return None,
        }
    }
    None
}

/// A MACsec frame whose user data is neither encrypted nor changed: its EtherType and
/// payload, cut to the short length when there is one.
fn macsec(data: &[u8]) -> Option<(u16, &[u8])> {
    let tci = *data.first()?;
    let short_len = usize::from(*data.get(1)? & 0x3f);
    if tci & 0x80 != 0 || tci & 0x0c != 0 || short_len == 1 {
        return None;
    }
    let header_len = if tci & 0x20 != 0 { 16 } else { 8 };
    let ether_type = be16(data, header_len - 2)?;
    let payload = &data[header_len..];
    let payload = match short_len.checked_sub(2) {
        Some(len) if len <= payload.len() => &payload[..len],
        _ => payload,
    };
    Some((ether_type, payload))
}

/// An IPv4 or IPv6 packet, by its version nibble.
fn ip(data: &[u8]) -> Option<TcpSegment<'_>> {
    match *data.first()? >> 4 {
        4 => ipv4(data),
        6 => ipv6(data),
        _ => None,
    }
}

const TCP: u8 = 6;
const HOP_BY_HOP: u8 = 0;
const ROUTING: u8 = 43;
const FRAGMENT: u8 = 44;
const AUTH: u8 = 51;
const DESTINATION_OPTIONS: u8 = 60;

fn ipv4(data: &[u8]) -> Option<TcpSegment<'_>> {
    let header_len = usize::from(data[0] & 0x0f) * 4;
    if header_len < 20 || data.len() < header_len {
        return None;
    }
    // The total length cuts off Ethernet padding; a packet cut short keeps what it has.
    let total_len = usize::from(be16(data, 2)?);
    let end = if total_len < header_len || data.len() < total_len { data.len() } else { total_len };
    let mut payload = &data[header_len..end];
    let mut protocol = data[9];
    if protocol == AUTH {
        let len = auth_header_len(payload)?;
        protocol = payload[0];
        payload = &payload[len..];
    }
    let more_fragments = data[6] & 0x20 != 0;
    let fragment_offset = be16(data, 6)? & 0x1fff;
    if more_fragments || fragment_offset != 0 || protocol != TCP {
        return None;
    }
    let address = |at: usize| IpAddr::V4(Ipv4Addr::new(data[at], data[at + 1], data[at + 2], data[at + 3]));
    tcp(address(12), address(16), payload)
}

fn ipv6(data: &[u8]) -> Option<TcpSegment<'_>> {
    let header: &[u8; 40] = data.get(..40)?.try_into().ok()?;
    let rest = &data[40..];
    // A payload length of 0 with bytes after the header is a jumbogram: the rest is it.
    let payload_len = usize::from(be16(header, 4)?);
    let mut payload = if payload_len == 0 || rest.len() < payload_len { rest } else { &rest[..payload_len] };
    let mut next = header[6];
    let mut fragmented = false;
    let mut first = true;
    loop {
        let len = match next {
            HOP_BY_HOP if first => extension_header_len(payload)?,
            DESTINATION_OPTIONS | ROUTING => extension_header_len(payload)?,
            FRAGMENT => {
                let fragment = payload.get(..8)?;
                let more_fragments = fragment[3] & 1 != 0;
                let offset = be16(fragment, 2)? >> 3;
                fragmented |= more_fragments || offset != 0;
                8
            }
            AUTH => auth_header_len(payload)?,
            // Hop-by-hop options anywhere but first break the packet.
            HOP_BY_HOP => return None,
            _ => break,
        };
        next = payload[0];
        payload = &payload[len..];
        first = false;
    }
    if fragmented || next != TCP {
        return None;
    }
    let address = |at: usize| {
        let bytes: [u8; 16] = header[at..at + 16].try_into().unwrap_or_default();
        IpAddr::V6(Ipv6Addr::from(bytes))
    };
    tcp(address(8), address(24), payload)
}

/// IPv6 hop-by-hop, routing and destination options headers: length in 8-byte units,
/// not counting the first 8.
fn extension_header_len(data: &[u8]) -> Option<usize> {
    let len = (usize::from(*data.get(1)?) + 1) * 8;
    (data.len() >= len).then_some(len)
}

/// The IP authentication header (RFC 4302): length in 4-byte units, minus 2; never 0.
fn auth_header_len(data: &[u8]) -> Option<usize> {
    if data.len() < 12 || data[1] == 0 {
        return None;
    }
    let len = (usize::from(data[1]) + 2) * 4;
    (data.len() >= len).then_some(len)
}

fn tcp<'a>(src: IpAddr, dst: IpAddr, data: &'a [u8]) -> Option<TcpSegment<'a>> {
    let header: &[u8; 20] = data.get(..20)?.try_into().ok()?;
    let header_len = usize::from(header[12] >> 4) * 4;
    if header_len < 20 {
        return None;
    }
    let flags = header[13];
    Some(TcpSegment {
        src,
        dst,
        src_port: u16::from_be_bytes([header[0], header[1]]),
        dst_port: u16::from_be_bytes([header[2], header[3]]),
        seq: u32::from_be_bytes([header[4], header[5], header[6], header[7]]),
        flags: TcpFlags {
            fin: flags & 0x01 != 0,
            syn: flags & 0x02 != 0,
            rst: flags & 0x04 != 0,
            ack: flags & 0x10 != 0,
        },
        payload: data.get(header_len..)?,
    })
}

/// The reader against etherparse, which read frames before it: the same segment, or none,
/// for frames of every link type, mangled in every way the generator below knows.
#[cfg(test)]
mod tests {
    use etherparse::{EtherType, LaxNetSlice, LaxSlicedPacket, TransportSlice};

    use std::cell::Cell;

    use super::*;

    /// The etherparse-based reader this module replaced, as it was.
    fn by_etherparse(linktype: u32, data: &[u8]) -> Frame<'_> {
        let by_ether_type = |proto_at: usize, header: usize| {
            let proto = data.get(proto_at..proto_at + 2).ok_or(())?;
            let rest = data.get(header..).ok_or(())?;
            Ok(LaxSlicedPacket::from_ether_type(EtherType(u16::from_be_bytes([proto[0], proto[1]])), rest))
        };
        let ip = |skip: usize| data.get(skip..).and_then(|d| LaxSlicedPacket::from_ip(d).ok()).ok_or(());
        let packet: Result<LaxSlicedPacket<'_>, ()> = match linktype {
            1 => LaxSlicedPacket::from_ethernet(data).map_err(|_| ()),
            113 => by_ether_type(14, 16),
            276 => by_ether_type(0, 20),
            101 | 12 | 14 | 228 | 229 => ip(0),
            0 | 108 => ip(4),
            _ => return Frame::LinkUnsupported,
        };
        let Ok(packet) = packet else { return Frame::NoSegment };
        let (src, dst) = match &packet.net {
            Some(LaxNetSlice::Ipv4(ip)) => {
                (IpAddr::V4(ip.header().source_addr()), IpAddr::V4(ip.header().destination_addr()))
            }
            Some(LaxNetSlice::Ipv6(ip)) => {
                (IpAddr::V6(ip.header().source_addr()), IpAddr::V6(ip.header().destination_addr()))
            }
            _ => return Frame::NoSegment,
        };
        let Some(TransportSlice::Tcp(tcp)) = &packet.transport else { return Frame::NoSegment };
        Frame::Tcp(TcpSegment {
            src,
            dst,
            src_port: tcp.source_port(),
            dst_port: tcp.destination_port(),
            seq: tcp.sequence_number(),
            flags: TcpFlags { syn: tcp.syn(), ack: tcp.ack(), fin: tcp.fin(), rst: tcp.rst() },
            payload: tcp.payload(),
        })
    }

    /// xorshift64*: the same frames on every run, and no dependency.
    /// In a cell so that one draw can size another: `r.bytes(r.below(30))`.
    struct Random(Cell<u64>);

    impl Random {
        fn new(seed: u64) -> Random {
            Random(Cell::new(seed))
        }
        fn next(&self) -> u64 {
            let mut x = self.0.get();
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0.set(x);
            x.wrapping_mul(0x2545_f491_4f6c_dd1d)
        }
        fn below(&self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn byte(&self) -> u8 {
            self.next() as u8
        }
        fn bytes(&self, n: usize) -> Vec<u8> {
            (0..n).map(|_| self.byte()).collect()
        }
        fn chance(&self, percent: usize) -> bool {
            self.below(100) < percent
        }
        fn pick<T: Copy>(&self, from: &[T]) -> T {
            from[self.below(from.len())]
        }
    }

    /// A length field: mostly right, sometimes off a little, sometimes anything.
    fn length(r: &Random, right: usize) -> u16 {
        match r.below(8) {
            0 => r.next() as u16,
            1 => right.saturating_sub(r.below(8)) as u16,
            2 => (right + r.below(8)) as u16,
            3 => 0,
            _ => right as u16,
        }
    }

    fn tcp_segment(r: &Random) -> Vec<u8> {
        let options = if r.chance(30) { 4 * r.below(11) } else { 0 };
        let mut tcp = r.bytes(20 + options);
        let data_offset = if r.chance(90) { (20 + options) / 4 } else { r.below(16) };
        tcp[12] = (data_offset as u8) << 4 | (tcp[12] & 0x0f);
        tcp.extend(r.bytes(r.pick(&[0, 1, 10, 100])));
        tcp
    }

    fn transport(r: &Random) -> (u8, Vec<u8>) {
        if r.chance(85) {
            (TCP, tcp_segment(r))
        } else {
            (r.pick(&[17, 1, 58, r.byte()]), r.bytes(r.below(40)))
        }
    }

    /// An authentication header (for IPv4 or IPv6) followed by `next`.
    fn auth_header(r: &Random, next: u8) -> Vec<u8> {
        let units = if r.chance(90) { 1 + r.below(4) } else { r.below(2) };
        let mut header = r.bytes((units + 2) * 4);
        header[0] = next;
        header[1] = units as u8;
        header
    }

    fn ipv4(r: &Random) -> Vec<u8> {
        let (mut protocol, mut payload) = transport(r);
        if r.chance(15) {
            let mut auth = auth_header(r, protocol);
            auth.append(&mut payload);
            (protocol, payload) = (AUTH, auth);
        }
        let options = if r.chance(25) { 4 * r.below(11) } else { 0 };
        let mut header = r.bytes(20 + options);
        let ihl = if r.chance(90) { (20 + options) / 4 } else { r.below(16) };
        header[0] = 0x40 | ihl as u8;
        // The header alone sometimes: an empty packet, the padding after it not TCP.
        let total_len = if r.chance(5) { header.len() as u16 } else { length(r, header.len() + payload.len()) };
        header[2..4].copy_from_slice(&total_len.to_be_bytes());
        // Unfragmented mostly; else more fragments, an offset, or both.
        let (flags, offset) = match r.below(8) {
            0 => (0x20, 0),
            1 => (0, 1 + r.below(0x1fff)),
            2 => (0x20, r.below(0x2000)),
            _ => (r.pick(&[0, 0x40, 0x80]), 0),
        };
        header[6..8].copy_from_slice(&((flags << 8 | offset) as u16).to_be_bytes());
        header[9] = protocol;
        header.append(&mut payload);
        header
    }

    fn ipv6(r: &Random) -> Vec<u8> {
        let (mut next, mut payload) = transport(r);
        // Extension headers, built from the last inward.
        for _ in 0..r.pick(&[0, 0, 1, 2, 4]) {
            let kind = r.pick(&[HOP_BY_HOP, ROUTING, FRAGMENT, AUTH, DESTINATION_OPTIONS, 135, r.byte()]);
            let mut header = match kind {
                AUTH => auth_header(r, next),
                FRAGMENT => {
                    let mut fragment = r.bytes(8);
                    let (more, offset) = match r.below(4) {
                        0 => (1, 0),
                        1 => (0, 1 + r.below(0x1fff)),
                        _ => (0, 0),
                    };
                    fragment[2..4].copy_from_slice(&((offset << 3 | more) as u16).to_be_bytes());
                    fragment
                }
                _ => {
                    let units = r.below(3);
                    let mut header = r.bytes((units + 1) * 8);
                    header[1] = units as u8;
                    header
                }
            };
            header[0] = next;
            header.append(&mut payload);
            (next, payload) = (kind, header);
        }
        let mut header = r.bytes(40);
        header[0] = 0x60 | (header[0] & 0x0f);
        header[4..6].copy_from_slice(&length(r, payload.len()).to_be_bytes());
        header[6] = next;
        header.append(&mut payload);
        header
    }

    fn ip(r: &Random) -> (u16, Vec<u8>) {
        match r.below(10) {
            0 => (r.pick(&[0x0800, 0x86dd]), r.bytes(r.below(60))),
            1..=5 => (0x0800, ipv4(r)),
            _ => (0x86dd, ipv6(r)),
        }
    }

    /// VLAN tags and MACsec headers in front of an IP packet, outermost first.
    fn ether_payload(r: &Random) -> (u16, Vec<u8>) {
        let (mut ether_type, mut payload) = ip(r);
        for _ in 0..r.pick(&[0, 0, 0, 1, 2, 3, 4]) {
            let (kind, mut header) = if r.chance(70) {
                let mut tag = r.bytes(4);
                tag[2..4].copy_from_slice(&ether_type.to_be_bytes());
                (r.pick(&[0x8100, 0x88a8, 0x9100]), tag)
            } else {
                let sci = r.chance(50);
                let mut header = r.bytes(if sci { 16 } else { 8 });
                // Version 0 and user data unchanged mostly, so the payload is read.
                header[0] = if r.chance(80) { (header[0] & 0x23) | if sci { 0x20 } else { 0 } } else { header[0] };
                header[1] = if r.chance(50) { 0 } else { r.pick(&[1, 2, payload.len() as u8 + 2, r.byte()]) & 0x3f };
                let at = header.len() - 2;
                header[at..].copy_from_slice(&ether_type.to_be_bytes());
                (0x88e5, header)
            };
            header.append(&mut payload);
            (ether_type, payload) = (kind, header);
        }
        if r.chance(5) {
            ether_type = r.next() as u16;
        }
        (ether_type, payload)
    }

    fn frame(r: &Random) -> (u32, Vec<u8>) {
        let linktype = r.pick(&[1, 1, 1, 113, 276, 101, 12, 14, 228, 229, 0, 108, 105]);
        let mut frame = match linktype {
            1 | 113 | 276 => {
                let (ether_type, mut payload) = ether_payload(r);
                let (header_len, proto_at) = match linktype {
                    1 => (14, 12),
                    113 => (16, 14),
                    _ => (20, 0),
                };
                let mut frame = r.bytes(header_len);
                frame[proto_at..proto_at + 2].copy_from_slice(&ether_type.to_be_bytes());
                frame.append(&mut payload);
                frame
            }
            0 | 108 => [r.bytes(4), ip(r).1].concat(),
            _ => ip(r).1,
        };
        // Ethernet padding or trailing bytes; a frame cut short; a byte or two changed.
        if r.chance(20) {
            frame.extend(r.bytes(r.below(30)));
        }
        if r.chance(20) {
            frame.truncate(r.below(frame.len() + 1));
        }
        if r.chance(10) && !frame.is_empty() {
            for _ in 0..1 + r.below(2) {
                let at = r.below(frame.len());
                frame[at] = r.byte();
            }
        }
        (linktype, frame)
    }

    #[test]
    fn reads_every_generated_frame_as_etherparse_did() {
        let r = Random::new(0x5eed_b175_0000_0001);
        let mut segments = 0;
        for case in 0..200_000 {
            let (linktype, data) = frame(&r);
            let expected = by_etherparse(linktype, &data);
            segments += usize::from(matches!(expected, Frame::Tcp(_)));
            assert_eq!(read(linktype, &data), expected, "case {case}, link type {linktype}, frame {data:02x?}");
        }
        // Mangled frames are most of them; enough must still carry a segment to compare.
        assert!(segments > 50_000, "only {segments} frames carried a segment");
    }

    #[test]
    fn every_cut_of_a_frame_reads_as_etherparse_did() {
        let r = Random::new(0x5eed_b175_0000_0002);
        for _ in 0..2_000 {
            let (linktype, data) = frame(&r);
            for len in 0..=data.len() {
                assert_eq!(
                    read(linktype, &data[..len]),
                    by_etherparse(linktype, &data[..len]),
                    "{:02x?}",
                    &data[..len]
                );
            }
        }
    }
}
