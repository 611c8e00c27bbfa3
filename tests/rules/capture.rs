//! Cases for the rules about capture files, made with tests/support/capture_writer.rs
//! (declared by tests/rules.rs) from a Ping and its Ack.

use super::capture_writer::{exchange, Capture, Flow, Link, Packet};
use super::{crlf, raw, Case};

const PING: &str = "BITS_POST /upload/a.txt HTTP/1.1\nBITS-Packet-Type: Ping\nHost: h\nContent-Length: 0\n\n";
const ACK: &str = "HTTP/1.1 200 OK\nBITS-Packet-Type: Ack\nContent-Length: 0\n\n";

fn ping_packets(mss: usize) -> Vec<Packet> {
    let mut flow = Flow::new("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet);
    flow.mss = mss;
    exchange(&mut flow, &[(&crlf(PING), &crlf(ACK))], true)
}

fn pcapng(packets: Vec<Packet>) -> Vec<u8> {
    let mut c = Capture::new();
    c.push(packets);
    c.pcapng(false)
}

fn har(entries_tail: &str) -> Vec<u8> {
    format!(
        r#"{{"log": {{"version": "1.2", "entries": [{{"startedDateTime": "2024-06-01T12:00:00Z",
"request": {{"method": "BITS_POST", "url": "http://h/upload/a.txt", "httpVersion": "HTTP/1.1",
  "headers": [{{"name": "BITS-Packet-Type", "value": "Ping"}}, {{"name": "Host", "value": "h"}}, {{"name": "Content-Length", "value": "0"}}]}},
"response": {{"status": 200, "statusText": "OK", "httpVersion": "HTTP/1.1",
  "headers": [{{"name": "BITS-Packet-Type", "value": "Ack"}}, {{"name": "Content-Length", "value": "0"}}], "content": {{"text": ""}}}}}}{entries_tail}"#
    )
    .into_bytes()
}

pub fn cases() -> Vec<Case> {
    let whole = pcapng(ping_packets(16));
    let cut = whole[..whole.len() - 40].to_vec();
    let mut other_link = Capture::new();
    other_link.push(ping_packets(16));
    let mut wifi = other_link.pcap(false, false);
    wifi[20] = 105;
    let mut gap = ping_packets(16);
    gap.remove(4);
    let mid = ping_packets(16)[3..].to_vec();
    // The client's first data segment cut inside its TCP header (Ethernet 14, IPv4 20).
    let mut snapped = ping_packets(16);
    snapped[3].bytes.truncate(14 + 20 + 8);
    vec![
        raw("capture-stopped", "10:1 ", &cut, &whole),
        raw("capture-link-type-unsupported", "1:1 ", &wifi, &other_link.pcap(false, false)),
        raw("capture-frame-undecoded", "10:1 ", &pcapng(snapped), &whole),
        raw("capture-missing-segment", "1:17 ????????????????", &pcapng(gap), &whole),
        raw("capture-started-mid-stream", "1:1 ", &pcapng(mid), &whole),
        raw("har-invalid", "10:1 ", &har(", {\"request\": {\"meth"), &har("]}}")),
    ]
}
