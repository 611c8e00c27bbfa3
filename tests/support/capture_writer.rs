//! Writes pcap and pcapng files from known messages, for tests, rule cases, the committed
//! fixtures (examples/make-capture-fixtures.rs) and the benchmark.
//!
//! A [`Flow`] is one TCP connection: it hands out segments (frames) carrying the bytes each
//! side sends, with correct sequence numbers, so a test can reorder, repeat or drop them
//! before pushing them onto a [`Capture`], which numbers and timestamps the frames (1 ms
//! apart, from 2024-06-01T12:00:00Z) and writes them as pcap or pcapng.
#![allow(dead_code)]

use std::net::{IpAddr, SocketAddr};

use etherparse::{PacketBuilder, TcpHeader};

/// How a frame's link layer is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Link {
    /// LINKTYPE_ETHERNET (1).
    Ethernet,
    /// Ethernet with one 802.1Q tag.
    EthernetVlan(u16),
    /// LINKTYPE_LINUX_SLL (113), Linux cooked capture v1.
    Sll,
    /// LINKTYPE_LINUX_SLL2 (276).
    Sll2,
    /// LINKTYPE_RAW (101): the IP packet alone.
    Raw,
    /// LINKTYPE_NULL (0), BSD loopback: a 4-byte address family in the writer's byte order.
    Null,
    /// LINKTYPE_IPV4 (228) / LINKTYPE_IPV6 (229).
    Ipv4,
    Ipv6,
}

impl Link {
    pub fn linktype(self) -> u16 {
        match self {
            Link::Ethernet | Link::EthernetVlan(_) => 1,
            Link::Sll => 113,
            Link::Sll2 => 276,
            Link::Raw => 101,
            Link::Null => 0,
            Link::Ipv4 => 228,
            Link::Ipv6 => 229,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Packet {
    pub link: Link,
    pub bytes: Vec<u8>,
}

/// One TCP connection between a client and a server.
pub struct Flow {
    pub client: SocketAddr,
    pub server: SocketAddr,
    pub link: Link,
    /// Next sequence number each side sends.
    client_seq: u32,
    server_seq: u32,
    /// Largest payload per segment.
    pub mss: usize,
}

pub fn addr(text: &str) -> SocketAddr {
    text.parse().expect("a socket address")
}

impl Flow {
    pub fn new(client: &str, server: &str, link: Link) -> Flow {
        // Sequence numbers near the top of the range, so every test also crosses a wrap.
        Flow { client: addr(client), server: addr(server), link, client_seq: 0xffff_f000, server_seq: 1000, mss: 1400 }
    }

    /// SYN, SYN-ACK, ACK.
    pub fn handshake(&mut self) -> Vec<Packet> {
        let syn = self.segment(true, Flags { syn: true, ..Flags::default() }, &[]);
        self.client_seq = self.client_seq.wrapping_add(1);
        let syn_ack = self.segment(false, Flags { syn: true, ack: true, ..Flags::default() }, &[]);
        self.server_seq = self.server_seq.wrapping_add(1);
        let ack = self.segment(true, Flags { ack: true, ..Flags::default() }, &[]);
        vec![syn, syn_ack, ack]
    }

    /// The bytes one side sends, cut into segments of at most `mss` bytes.
    pub fn send(&mut self, from_client: bool, bytes: &[u8]) -> Vec<Packet> {
        let mut out = Vec::new();
        for chunk in bytes.chunks(self.mss.max(1)) {
            out.push(self.segment(from_client, Flags { ack: true, psh: true, ..Flags::default() }, chunk));
            let seq = if from_client { &mut self.client_seq } else { &mut self.server_seq };
            *seq = seq.wrapping_add(chunk.len() as u32);
        }
        out
    }

    /// FIN from each side and the last ACK.
    pub fn close(&mut self) -> Vec<Packet> {
        let fin = Flags { fin: true, ack: true, ..Flags::default() };
        let a = self.segment(true, fin, &[]);
        self.client_seq = self.client_seq.wrapping_add(1);
        let b = self.segment(false, fin, &[]);
        self.server_seq = self.server_seq.wrapping_add(1);
        let c = self.segment(true, Flags { ack: true, ..Flags::default() }, &[]);
        vec![a, b, c]
    }

    /// A segment with the current sequence numbers (which it does not advance).
    pub fn segment(&self, from_client: bool, flags: Flags, payload: &[u8]) -> Packet {
        let (src, dst, seq, ack) = if from_client {
            (self.client, self.server, self.client_seq, self.server_seq)
        } else {
            (self.server, self.client, self.server_seq, self.client_seq)
        };
        let mut tcp = TcpHeader::new(src.port(), dst.port(), seq, 64240);
        tcp.syn = flags.syn;
        tcp.fin = flags.fin;
        tcp.psh = flags.psh;
        tcp.rst = flags.rst;
        tcp.ack = flags.ack;
        tcp.acknowledgment_number = if flags.ack { ack } else { 0 };
        Packet { link: self.link, bytes: frame(self.link, src.ip(), dst.ip(), tcp, payload) }
    }
}

#[derive(Debug, Clone, Copy, Default)]
pub struct Flags {
    pub syn: bool,
    pub ack: bool,
    pub fin: bool,
    pub psh: bool,
    pub rst: bool,
}

const MAC_A: [u8; 6] = [0x02, 0, 0, 0, 0, 1];
const MAC_B: [u8; 6] = [0x02, 0, 0, 0, 0, 2];

fn frame(link: Link, src: IpAddr, dst: IpAddr, tcp: TcpHeader, payload: &[u8]) -> Vec<u8> {
    let ip = ip_packet(src, dst, tcp.clone(), payload);
    let ether_type: u16 = if src.is_ipv4() { 0x0800 } else { 0x86dd };
    match link {
        Link::Ethernet | Link::EthernetVlan(_) => {
            let base = PacketBuilder::ethernet2(MAC_A, MAC_B);
            let builder = match link {
                Link::EthernetVlan(id) => {
                    let base = base.single_vlan(etherparse::VlanId::try_new(id).expect("a 12-bit VLAN id"));
                    match (src, dst) {
                        (IpAddr::V4(s), IpAddr::V4(d)) => base.ipv4(s.octets(), d.octets(), 64).tcp_header(tcp),
                        (IpAddr::V6(s), IpAddr::V6(d)) => base.ipv6(s.octets(), d.octets(), 64).tcp_header(tcp),
                        _ => panic!("mixed address families"),
                    }
                }
                _ => match (src, dst) {
                    (IpAddr::V4(s), IpAddr::V4(d)) => base.ipv4(s.octets(), d.octets(), 64).tcp_header(tcp),
                    (IpAddr::V6(s), IpAddr::V6(d)) => base.ipv6(s.octets(), d.octets(), 64).tcp_header(tcp),
                    _ => panic!("mixed address families"),
                },
            };
            let mut buf = vec![0; builder.size(payload.len())];
            let n = builder.write_to_slice(&mut buf, payload).expect("frame fits");
            buf.truncate(n);
            buf
        }
        Link::Sll => {
            // packet type 0 (to us), ARPHRD_ETHER, address length 6, address, protocol.
            let mut out = vec![0, 0, 0, 1, 0, 6];
            out.extend_from_slice(&MAC_A);
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(&ether_type.to_be_bytes());
            out.extend_from_slice(&ip);
            out
        }
        Link::Sll2 => {
            // protocol, reserved, interface index, ARPHRD_ETHER, packet type, address length, address.
            let mut out = ether_type.to_be_bytes().to_vec();
            out.extend_from_slice(&[0, 0, 0, 0, 0, 2, 0, 1, 0, 6]);
            out.extend_from_slice(&MAC_A);
            out.extend_from_slice(&[0, 0]);
            out.extend_from_slice(&ip);
            out
        }
        Link::Null => {
            let family: u32 = if src.is_ipv4() { 2 } else { 30 };
            let mut out = family.to_le_bytes().to_vec();
            out.extend_from_slice(&ip);
            out
        }
        Link::Raw | Link::Ipv4 | Link::Ipv6 => ip,
    }
}

fn ip_packet(src: IpAddr, dst: IpAddr, tcp: TcpHeader, payload: &[u8]) -> Vec<u8> {
    let builder = match (src, dst) {
        (IpAddr::V4(s), IpAddr::V4(d)) => PacketBuilder::ipv4(s.octets(), d.octets(), 64).tcp_header(tcp),
        (IpAddr::V6(s), IpAddr::V6(d)) => PacketBuilder::ipv6(s.octets(), d.octets(), 64).tcp_header(tcp),
        _ => panic!("mixed address families"),
    };
    let mut buf = vec![0; builder.size(payload.len())];
    let n = builder.write_to_slice(&mut buf, payload).expect("packet fits");
    buf.truncate(n);
    buf
}

/// Frames in capture order, each with its time in nanoseconds since the Unix epoch.
#[derive(Default)]
pub struct Capture {
    pub frames: Vec<(u64, Packet)>,
}

/// 2024-06-01T12:00:00Z.
pub const START_NS: u64 = 1_717_243_200_000_000_000;

impl Capture {
    pub fn new() -> Capture {
        Capture::default()
    }

    /// Appends frames, each 1 ms after the one before.
    pub fn push(&mut self, packets: impl IntoIterator<Item = Packet>) {
        for p in packets {
            let t = START_NS + self.frames.len() as u64 * 1_000_000;
            self.frames.push((t, p));
        }
    }

    /// A pcap file: one link type (that of the first frame), micro- or nanosecond
    /// timestamps, little- or big-endian.
    pub fn pcap(&self, big_endian: bool, nanos: bool) -> Vec<u8> {
        let linktype = self.frames.first().map_or(1, |(_, p)| p.link.linktype());
        let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let mut out = Vec::new();
        out.extend_from_slice(&u32b(if nanos { 0xa1b2_3c4d } else { 0xa1b2_c3d4 }));
        out.extend_from_slice(&u16b(2));
        out.extend_from_slice(&u16b(4));
        out.extend_from_slice(&u32b(0));
        out.extend_from_slice(&u32b(0));
        out.extend_from_slice(&u32b(262_144));
        out.extend_from_slice(&u32b(linktype as u32));
        for (t, p) in &self.frames {
            let (sec, frac) = (t / 1_000_000_000, t % 1_000_000_000);
            out.extend_from_slice(&u32b(sec as u32));
            out.extend_from_slice(&u32b(if nanos { frac as u32 } else { (frac / 1000) as u32 }));
            out.extend_from_slice(&u32b(p.bytes.len() as u32));
            out.extend_from_slice(&u32b(p.bytes.len() as u32));
            out.extend_from_slice(&p.bytes);
        }
        out
    }

    /// A pcapng file: one section, one interface per link type (in order of first use),
    /// microsecond timestamps (the default resolution), one Enhanced Packet Block per frame.
    pub fn pcapng(&self, big_endian: bool) -> Vec<u8> {
        let mut interfaces: Vec<u16> = Vec::new();
        for (_, p) in &self.frames {
            if !interfaces.contains(&p.link.linktype()) {
                interfaces.push(p.link.linktype());
            }
        }
        let u32b = |v: u32| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let u16b = |v: u16| if big_endian { v.to_be_bytes() } else { v.to_le_bytes() };
        let block = |out: &mut Vec<u8>, kind: u32, body: &[u8]| {
            let padded = body.len().div_ceil(4) * 4;
            let len = (12 + padded) as u32;
            out.extend_from_slice(&u32b(kind));
            out.extend_from_slice(&u32b(len));
            out.extend_from_slice(body);
            out.resize(out.len() + padded - body.len(), 0);
            out.extend_from_slice(&u32b(len));
        };
        let mut out = Vec::new();
        let mut shb = Vec::new();
        shb.extend_from_slice(&u32b(0x1a2b_3c4d));
        shb.extend_from_slice(&u16b(1));
        shb.extend_from_slice(&u16b(0));
        shb.extend_from_slice(&(-1i64).to_le_bytes());
        block(&mut out, 0x0a0d_0d0a, &shb);
        for linktype in &interfaces {
            let mut idb = Vec::new();
            idb.extend_from_slice(&u16b(*linktype));
            idb.extend_from_slice(&u16b(0));
            idb.extend_from_slice(&u32b(262_144));
            block(&mut out, 1, &idb);
        }
        for (t, p) in &self.frames {
            let interface = interfaces.iter().position(|l| *l == p.link.linktype()).unwrap_or(0);
            let micros = t / 1000;
            let mut epb = Vec::new();
            epb.extend_from_slice(&u32b(interface as u32));
            epb.extend_from_slice(&u32b((micros >> 32) as u32));
            epb.extend_from_slice(&u32b(micros as u32));
            epb.extend_from_slice(&u32b(p.bytes.len() as u32));
            epb.extend_from_slice(&u32b(p.bytes.len() as u32));
            epb.extend_from_slice(&p.bytes);
            let padded = epb.len().div_ceil(4) * 4;
            epb.resize(padded, 0);
            block(&mut out, 6, &epb);
        }
        out
    }
}

/// A whole exchange on one connection: handshake, each (request, response) pair in turn,
/// close.
pub fn exchange(flow: &mut Flow, pairs: &[(&[u8], &[u8])], close: bool) -> Vec<Packet> {
    let mut out = flow.handshake();
    for (request, response) in pairs {
        out.extend(flow.send(true, request));
        out.extend(flow.send(false, response));
    }
    if close {
        out.extend(flow.close());
    }
    out
}
