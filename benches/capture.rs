//! `cargo bench --bench capture`: reading a large pcapng of BITS uploads (~100 MB, 8
//! connections interleaved, 1448-byte segments) end to end — records, link layers, TCP
//! reassembly, split and checks — in MB/s and messages/s, beside `tshark -r FILE -q -z
//! conv,tcp` on the same file when tshark is on PATH (tshark only lists the connections:
//! a floor for any tool that reads every frame).
//! Under `cargo test` (no `--bench` argument) it runs once on a small capture as a smoke test.

#[path = "../tests/support/capture_writer.rs"]
mod capture_writer;

use std::process::Command;
use std::time::Instant;

use bits_inspector::{inspect, Options};
use capture_writer::{Capture, Flow, Link};

const PROTOCOL: &str = "{7df0354d-249b-430f-820d-3d2a9bef4931}";
const FRAGMENT: usize = 16 * 1024;

fn post(lines: &str, body: &[u8]) -> Vec<u8> {
    let mut m = format!(
        "BITS_POST /upload/big.bin HTTP/1.1\r\nAccept: */*\r\n{lines}User-Agent: Microsoft BITS/7.8\r\nHost: upload.example\r\nContent-Length: {}\r\n\r\n",
        body.len()
    )
    .into_bytes();
    m.extend_from_slice(body);
    m
}

fn ack(lines: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nServer: Microsoft-IIS/10.0\r\nBITS-Packet-Type: Ack\r\n{lines}Content-Length: 0\r\n\r\n"
    )
    .into_bytes()
}

/// One upload of `fragments` fragments: (request, response) pairs.
fn upload(conn: usize, n: usize, fragments: usize) -> Vec<(Vec<u8>, Vec<u8>)> {
    let id = format!("{{A0FF5911-4144-45B3-{conn:04X}-{n:012X}}}");
    let total = fragments * FRAGMENT;
    let body: Vec<u8> = (0..FRAGMENT).map(|i| b'a' + (i % 26) as u8).collect();
    let mut pairs = vec![(
        post(&format!("BITS-Packet-Type: Create-Session\r\nBITS-Supported-Protocols: {PROTOCOL}\r\n"), b""),
        ack(&format!("BITS-Protocol: {PROTOCOL}\r\nBITS-Session-Id: {id}\r\nAccept-Encoding: identity\r\n")),
    )];
    for f in 0..fragments {
        let (first, last) = (f * FRAGMENT, (f + 1) * FRAGMENT - 1);
        let name = if f == 0 { "Content-Name: big.bin\r\n" } else { "" };
        pairs.push((
            post(&format!("BITS-Packet-Type: Fragment\r\nBITS-Session-Id: {id}\r\n{name}Content-Range: bytes {first}-{last}/{total}\r\n"), &body),
            ack(&format!("BITS-Session-Id: {id}\r\nBITS-Received-Content-Range: {}\r\n", last + 1)),
        ));
    }
    pairs.push((
        post(&format!("BITS-Packet-Type: Close-Session\r\nBITS-Session-Id: {id}\r\n"), b""),
        ack(&format!("BITS-Session-Id: {id}\r\n")),
    ));
    pairs
}

/// About `bytes` of uploads on 8 connections, their exchanges interleaved.
fn big_capture(bytes: usize) -> Vec<u8> {
    const CONNECTIONS: usize = 8;
    let mut flows: Vec<Flow> = (0..CONNECTIONS)
        .map(|k| Flow::new(&format!("10.0.0.1:{}", 50000 + k), &format!("10.0.1.{}:8123", 1 + k % 3), Link::Ethernet))
        .collect();
    for f in &mut flows {
        f.mss = 1448;
    }
    let mut capture = Capture::new();
    for f in &mut flows {
        capture.push(f.handshake());
    }
    let per_upload = 4 * (FRAGMENT + 300) + 1200;
    let rounds = (bytes / per_upload / CONNECTIONS).max(1);
    for n in 0..rounds {
        let uploads: Vec<_> = (0..CONNECTIONS).map(|k| upload(k, n, 4)).collect();
        for step in 0..uploads[0].len() {
            for (f, pairs) in flows.iter_mut().zip(&uploads) {
                let (request, response) = &pairs[step];
                capture.push(f.send(true, request));
                capture.push(f.send(false, response));
            }
        }
    }
    for f in &mut flows {
        capture.push(f.close());
    }
    capture.pcapng(false)
}

fn main() {
    let bench = std::env::args().any(|a| a == "--bench");
    let size = if bench { 100 << 20 } else { 1 << 20 };
    let file = big_capture(size);
    let path = std::env::temp_dir().join(format!("bits-inspector-bench-{}.pcapng", std::process::id()));
    std::fs::write(&path, &file).expect("temp file");
    let mb = file.len() as f64 / 1e6;
    let runs = if bench { 3 } else { 1 };
    let mut best = f64::MAX;
    let mut messages = 0;
    for _ in 0..runs {
        let start = Instant::now();
        let report = inspect(&file, &Options::default());
        best = best.min(start.elapsed().as_secs_f64());
        messages = report.messages.len();
        assert_eq!(report.counts.errors, 0, "the generated uploads are correct");
    }
    println!(
        "capture: bits-inspector read {mb:.1} MB, {messages} messages in {:.3} s: {:.1} MB/s, {:.0} messages/s",
        best,
        mb / best,
        messages as f64 / best
    );
    if bench {
        match Command::new("tshark").args(["-r"]).arg(&path).args(["-q", "-z", "conv,tcp"]).output() {
            Ok(_) => {
                let mut best = f64::MAX;
                for _ in 0..runs {
                    let start = Instant::now();
                    let out = Command::new("tshark").args(["-r"]).arg(&path).args(["-q", "-z", "conv,tcp"]).output();
                    best = best.min(start.elapsed().as_secs_f64());
                    assert!(out.is_ok_and(|o| o.status.success()), "tshark failed");
                }
                println!("capture: tshark -r FILE -q -z conv,tcp on the same file: {best:.3} s: {:.1} MB/s", mb / best);
            }
            Err(_) => println!("capture: tshark not on PATH: no comparison (apt-get install -y tshark)"),
        }
    }
    let _ = std::fs::remove_file(&path);
}
