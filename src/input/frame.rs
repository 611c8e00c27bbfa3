//! The link, IP and TCP layers of one captured frame, read by etherparse's lax slicing:
//! only what TCP reassembly needs, the addresses, ports, sequence number, flags and payload.
//!
//! Lax, because captures are: the IP length trims link padding but a packet cut short keeps
//! what it has, and fragments are not reassembled (no segment). Where etherparse stops on a
//! header it cannot read (cut short, or broken) its stop error names the layer and the
//! offset; a stop in a layer that could have carried TCP becomes a [`FrameStop`], so the
//! report can say why a frame gave no segment.

use std::net::IpAddr;

use etherparse::err::packet::SliceError;
use etherparse::err::{ip, Layer as Part, LenError};
use etherparse::{EtherType, LaxNetSlice, LaxSlicedPacket, LenSource, TransportSlice};

use super::link_type::Framing;
use super::problem::{Layer, StopCause};

/// What a frame carries, as far as TCP reassembly is concerned.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame<'a> {
    /// Not TCP (ARP, UDP, ...), or an IP fragment.
    NoSegment,
    /// A header on the way to TCP is cut short or broken.
    Stopped(FrameStop),
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

/// Where in a frame reading stopped, and why (etherparse's stop error, placed in the frame).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrameStop {
    pub layer: Layer,
    /// Offset in the frame of the header that could not be read.
    pub offset: usize,
    pub cause: StopCause,
    pub header: Header,
    /// For a header cut short: how many bytes it needs and how many the frame has.
    pub lengths: Option<(usize, usize)>,
}

/// The header a frame stopped in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// One etherparse reads (`IPv4 header`).
    Sliced(Part),
    /// The fixed link header read here before etherparse takes over.
    Link(Framing),
}

impl std::fmt::Display for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Header::Sliced(part) => write!(f, "{part}"),
            Header::Link(Framing::LinuxSll) => f.write_str("Linux cooked capture v1 header"),
            Header::Link(Framing::LinuxSll2) => f.write_str("Linux cooked capture v2 header"),
            Header::Link(Framing::Loopback) => f.write_str("BSD loopback header"),
            Header::Link(Framing::Ethernet) => f.write_str("Ethernet 2 header"),
            Header::Link(Framing::Ip) => f.write_str("IP header"),
        }
    }
}

impl std::fmt::Display for FrameStop {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "byte {}, in its {}: ", self.offset, self.header)?;
        // etherparse's own messages for broken headers are not shown: their text would add
        // several KB to the page's wasm for a finding that names the header already.
        match self.lengths {
            Some((required, len)) if self.cause == StopCause::Cut => {
                write!(f, "{len} of the {required} bytes it needs were captured (cut short)")
            }
            Some((required, len)) => write!(f, "its lengths leave {len} of the {required} bytes it needs (corrupt)"),
            None => f.write_str("its bytes do not follow the format (corrupt)"),
        }
    }
}

/// The etherparse layers on the way to TCP, in ours; `None` for those that are not (UDP,
/// ICMP, ARP, ...): a broken UDP header is no concern of an HTTP reader.
fn layer_of(part: Part) -> Option<Layer> {
    match part {
        Part::LinuxSllHeader
        | Part::Ethernet2Header
        | Part::EtherPayload
        | Part::VlanHeader
        | Part::MacsecHeader
        | Part::MacsecPacket => Some(Layer::Link),
        Part::IpHeader
        | Part::Ipv4Header
        | Part::Ipv4Packet
        | Part::IpAuthHeader
        | Part::Ipv6Header
        | Part::Ipv6Packet
        | Part::Ipv6ExtHeader
        | Part::Ipv6HopByHopHeader
        | Part::Ipv6DestOptionsHeader
        | Part::Ipv6RouteHeader
        | Part::Ipv6FragHeader => Some(Layer::Network),
        Part::TcpHeader => Some(Layer::Transport),
        _ => None,
    }
}

fn len_stop(error: &LenError, base: usize) -> Frame<'static> {
    let Some(layer) = layer_of(error.layer) else { return Frame::NoSegment };
    // Only the frame's own end means the capture cut it; a length field that leaves too
    // little room is a broken header.
    let cause = if error.len_source == LenSource::Slice { StopCause::Cut } else { StopCause::Corrupt };
    Frame::Stopped(FrameStop {
        layer,
        offset: base + error.layer_start_offset,
        cause,
        header: Header::Sliced(error.layer),
        lengths: Some((error.required_len, error.len)),
    })
}

fn content_stop(header: Part, offset: usize) -> Frame<'static> {
    let Some(layer) = layer_of(header) else { return Frame::NoSegment };
    Frame::Stopped(FrameStop {
        layer,
        offset,
        cause: StopCause::Corrupt,
        header: Header::Sliced(header),
        lengths: None,
    })
}

/// A frame of `framing`.
pub fn read(framing: Framing, data: &[u8]) -> Frame<'_> {
    match framing {
        Framing::Ethernet => match LaxSlicedPacket::from_ethernet(data) {
            Ok(packet) => segment(data, &packet, 0),
            Err(e) => len_stop(&e, 0),
        },
        Framing::LinuxSll => by_ether_type(data, 14, 16, framing),
        Framing::LinuxSll2 => by_ether_type(data, 0, 20, framing),
        Framing::Ip => from_ip(data, 0),
        Framing::Loopback => from_ip(data, 4),
    }
}

/// A Linux cooked header: the EtherType at `proto_at`, the payload from `header_len`.
fn by_ether_type(data: &[u8], proto_at: usize, header_len: usize, framing: Framing) -> Frame<'_> {
    let (Some(proto), Some(payload)) = (data.get(proto_at..proto_at + 2), data.get(header_len..)) else {
        return link_header_cut(data, header_len, framing);
    };
    let packet = LaxSlicedPacket::from_ether_type(EtherType(u16::from_be_bytes([proto[0], proto[1]])), payload);
    segment(data, &packet, header_len)
}

/// IP after a link header of `skip` bytes.
fn from_ip(data: &[u8], skip: usize) -> Frame<'_> {
    let Some(ip) = data.get(skip..) else { return link_header_cut(data, skip, Framing::Loopback) };
    match LaxSlicedPacket::from_ip(ip) {
        Ok(packet) => segment(data, &packet, skip),
        Err(ip::LaxHeaderSliceError::Len(e)) => len_stop(&e, skip),
        Err(ip::LaxHeaderSliceError::Content(_)) => content_stop(Part::IpHeader, skip),
    }
}

/// A frame shorter than its fixed link header (Linux cooked, loopback).
fn link_header_cut(data: &[u8], header_len: usize, framing: Framing) -> Frame<'static> {
    Frame::Stopped(FrameStop {
        layer: Layer::Link,
        offset: 0,
        cause: StopCause::Cut,
        header: Header::Link(framing),
        lengths: Some((header_len, data.len())),
    })
}

/// Where `part`, a slice of `frame`, starts in it. etherparse names the offset of a header
/// cut short but not of a broken one; the broken one starts where the last layer read ends.
fn offset_in(frame: &[u8], part: &[u8]) -> usize {
    (part.as_ptr() as usize).saturating_sub(frame.as_ptr() as usize).min(frame.len())
}

/// The TCP segment of a sliced packet whose slice began `base` bytes into `frame`.
fn segment<'a>(frame: &'a [u8], packet: &LaxSlicedPacket<'a>, base: usize) -> Frame<'a> {
    let (src, dst) = match &packet.net {
        Some(LaxNetSlice::Ipv4(ip)) => {
            (IpAddr::V4(ip.header().source_addr()), IpAddr::V4(ip.header().destination_addr()))
        }
        Some(LaxNetSlice::Ipv6(ip)) => {
            (IpAddr::V6(ip.header().source_addr()), IpAddr::V6(ip.header().destination_addr()))
        }
        Some(LaxNetSlice::Arp(_)) => return Frame::NoSegment,
        None => return stop_of(frame, packet, base),
    };
    match &packet.transport {
        Some(TransportSlice::Tcp(tcp)) => Frame::Tcp(TcpSegment {
            src,
            dst,
            src_port: tcp.source_port(),
            dst_port: tcp.destination_port(),
            seq: tcp.sequence_number(),
            flags: TcpFlags { syn: tcp.syn(), ack: tcp.ack(), fin: tcp.fin(), rst: tcp.rst() },
            payload: tcp.payload(),
        }),
        Some(_) => Frame::NoSegment,
        None => stop_of(frame, packet, base),
    }
}

/// The packet's stop error as a [`FrameStop`], or no segment when it has none (a fragment,
/// an EtherType or IP protocol that is not ours).
fn stop_of<'a>(frame: &'a [u8], packet: &LaxSlicedPacket<'a>, base: usize) -> Frame<'a> {
    let Some((error, part)) = &packet.stop_err else { return Frame::NoSegment };
    // A broken header starts where the last layer read ends: the IP payload, else after
    // the link header and its extensions.
    let start = || match packet.net.as_ref().and_then(LaxNetSlice::ip_payload_ref) {
        Some(payload) => offset_in(frame, payload.payload),
        None => {
            let link = match &packet.link {
                Some(etherparse::LinkSlice::Ethernet2(eth)) => eth.header_len(),
                _ => 0,
            };
            base + link + packet.link_exts.iter().map(|e| e.header_len()).sum::<usize>()
        }
    };
    match error {
        SliceError::Len(e) => len_stop(e, base),
        _ => content_stop(*part, start()),
    }
}

/// Behaviour, on frames built by etherparse's own writer and then cut or broken.
#[cfg(test)]
mod tests {
    use etherparse::PacketBuilder;

    use super::*;

    /// `PacketBuilder` writes into a slice without etherparse's `std` feature.
    macro_rules! written {
        ($builder:expr, $payload:expr) => {{
            let builder = $builder;
            let mut frame = vec![0; builder.size($payload.len())];
            let n = builder.write_to_slice(&mut frame, $payload).expect("written");
            frame.truncate(n);
            frame
        }};
    }

    fn ethernet_tcp(payload: &[u8]) -> Vec<u8> {
        written!(
            PacketBuilder::ethernet2([1; 6], [2; 6])
                .ipv4([10, 0, 0, 1], [10, 0, 0, 2], 64)
                .tcp(49152, 8123, 1000, 64240)
                .syn(),
            payload
        )
    }

    fn stop(frame: Frame<'_>) -> FrameStop {
        match frame {
            Frame::Stopped(stop) => stop,
            other => panic!("not stopped: {other:?}"),
        }
    }

    #[test]
    fn an_ethernet_ipv4_tcp_frame_gives_its_segment() {
        let frame = ethernet_tcp(b"hello");
        let Frame::Tcp(tcp) = read(Framing::Ethernet, &frame) else { panic!("no segment") };
        assert_eq!((tcp.src, tcp.dst), (IpAddr::from([10, 0, 0, 1]), IpAddr::from([10, 0, 0, 2])));
        assert_eq!((tcp.src_port, tcp.dst_port, tcp.seq), (49152, 8123, 1000));
        assert_eq!(tcp.flags, TcpFlags { syn: true, ..TcpFlags::default() });
        assert_eq!(tcp.payload, b"hello");
    }

    #[test]
    fn ethernet_padding_is_trimmed_by_the_ip_length() {
        let mut frame = ethernet_tcp(b"hi");
        frame.extend_from_slice(&[0; 10]);
        let Frame::Tcp(tcp) = read(Framing::Ethernet, &frame) else { panic!("no segment") };
        assert_eq!(tcp.payload, b"hi");
    }

    #[test]
    fn a_cut_ipv4_header_names_the_network_layer_and_its_offset() {
        let frame = ethernet_tcp(b"");
        let s = stop(read(Framing::Ethernet, &frame[..14 + 10]));
        assert_eq!(
            (s.layer, s.offset, s.cause, s.header),
            (Layer::Network, 14, StopCause::Cut, Header::Sliced(Part::Ipv4Header))
        );
        assert_eq!(s.lengths, Some((20, 10)));
        assert_eq!(s.to_string(), "byte 14, in its IPv4 header: 10 of the 20 bytes it needs were captured (cut short)");
    }

    #[test]
    fn a_cut_tcp_header_names_the_transport_layer_after_the_ip_header() {
        let frame = ethernet_tcp(b"");
        let s = stop(read(Framing::Ethernet, &frame[..14 + 20 + 8]));
        assert_eq!((s.layer, s.offset, s.cause), (Layer::Transport, 34, StopCause::Cut));
    }

    #[test]
    fn a_broken_tcp_header_is_corrupt_where_it_starts() {
        let mut frame = ethernet_tcp(b"data");
        // Data offset 2: a TCP header shorter than its 20 fixed bytes.
        frame[14 + 20 + 12] = 0x20;
        let s = stop(read(Framing::Ethernet, &frame));
        assert_eq!(
            (s.layer, s.offset, s.cause, s.header),
            (Layer::Transport, 34, StopCause::Corrupt, Header::Sliced(Part::TcpHeader))
        );
    }

    #[test]
    fn a_vlan_tagged_frame_is_read() {
        let frame = written!(
            PacketBuilder::ethernet2([1; 6], [2; 6])
                .single_vlan(42.try_into().expect("a VLAN id"))
                .ipv6([0xfd; 16], [0xfe; 16], 64)
                .tcp(1, 2, 3, 4),
            b"tagged"
        );
        let Frame::Tcp(tcp) = read(Framing::Ethernet, &frame) else { panic!("no segment") };
        assert_eq!((tcp.src_port, tcp.payload), (1, &b"tagged"[..]));
        // Cut inside the tag: the link layer stops, at the tag.
        let s = stop(read(Framing::Ethernet, &frame[..16]));
        assert_eq!((s.layer, s.offset, s.header), (Layer::Link, 14, Header::Sliced(Part::VlanHeader)));
    }

    #[test]
    fn linux_cooked_loopback_and_raw_ip_frames_are_read() {
        let ip = &ethernet_tcp(b"x")[14..];
        let sll = [&[0u8; 14][..], &[0x08, 0x00], ip].concat();
        let sll2 = [&[0x08, 0x00][..], &[0; 18], ip].concat();
        let null = [&[2, 0, 0, 0][..], ip].concat();
        for (framing, frame) in [
            (Framing::LinuxSll, sll),
            (Framing::LinuxSll2, sll2),
            (Framing::Loopback, null),
            (Framing::Ip, ip.to_vec()),
        ] {
            assert!(matches!(read(framing, &frame), Frame::Tcp(t) if t.payload == b"x"), "{framing:?}");
            let cut = stop(read(framing, &frame[..frame.len() - ip.len() + 5]));
            assert_eq!((cut.layer, cut.offset), (Layer::Network, frame.len() - ip.len()), "{framing:?}");
        }
        let s = stop(read(Framing::LinuxSll2, &[0x08, 0x00, 0]));
        assert_eq!((s.layer, s.offset, s.lengths), (Layer::Link, 0, Some((20, 3))));
    }

    #[test]
    fn fragments_udp_and_unknown_ether_types_give_no_segment_and_no_stop() {
        let mut fragment = ethernet_tcp(b"abc");
        fragment[14 + 6] |= 0x20; // more fragments
        assert_eq!(read(Framing::Ethernet, &fragment), Frame::NoSegment);
        let udp = written!(PacketBuilder::ethernet2([1; 6], [2; 6]).ipv4([1; 4], [2; 4], 1).udp(1, 2), b"dns");
        assert_eq!(read(Framing::Ethernet, &udp), Frame::NoSegment);
        // A UDP header cut short is no concern of an HTTP reader.
        assert_eq!(read(Framing::Ethernet, &udp[..14 + 20 + 4]), Frame::NoSegment);
        let mut arp_like = ethernet_tcp(b"");
        arp_like[12..14].copy_from_slice(&0x88b5u16.to_be_bytes());
        assert_eq!(read(Framing::Ethernet, &arp_like), Frame::NoSegment);
    }

    #[test]
    fn an_ip_version_that_is_neither_4_nor_6_is_a_broken_network_header() {
        let s = stop(read(Framing::Ip, &[0x50; 40]));
        assert_eq!((s.layer, s.offset, s.cause), (Layer::Network, 0, StopCause::Corrupt));
        assert_eq!(s.to_string(), "byte 0, in its IP header: its bytes do not follow the format (corrupt)");
    }
}
