//! Hostile and huge inputs through the command-line tool, each at a quarter size and at
//! full size (up to 100 MB): the inspection time and the process's peak memory must grow
//! at most linearly. Linear growth gives a factor near 4 for four times the input and
//! quadratic growth 16. Memory must stay under 8; time under 10, because a gigabyte of
//! report for a million messages costs more than four times the memory traffic of a
//! quarter gigabyte on a shared two-core machine (instruction counts, which callgrind
//! shows growing exactly 4x, are printed by scripts/bench.sh).
//! Each case also checks what the user is told and that what came before the trouble is
//! still decoded.
//!
//! Not part of `cargo test --all-targets` (`test = false` in Cargo.toml): the inputs are
//! only meaningful against an optimised build, so scripts/test.sh runs
//! `cargo test --release --test hostile -- --nocapture`, which also prints the factors.

#[path = "support/capture_writer.rs"]
mod capture_writer;

use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::Mutex;

use capture_writer::{Capture, Flow, Link};

const MB: usize = 1_000_000;
/// Growth factors allowed for four times the input (linear: 4, quadratic: 16).
const MEMORY_BOUND: f64 = 8.0;
const TIME_BOUND: f64 = 10.0;

/// One case at a time: the factors are measured, and two 100 MB cases at once on two cores
/// would measure each other.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

struct Run {
    millis: f64,
    peak_mb: f64,
    messages: usize,
    stdout: String,
}

/// Runs `bits-inspector check --stats` on `input` (written to a file, as users pass them).
fn run(name: &str, input: &[u8]) -> Run {
    let path = std::env::temp_dir().join(format!("bits-hostile-{}-{name}", std::process::id()));
    let listing = path.with_extension("out");
    std::fs::File::create(&path).and_then(|mut f| f.write_all(input)).expect("write the input");
    let out = Command::new(env!("CARGO_BIN_EXE_bits-inspector"))
        .args(["check", "--stats"])
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&listing).expect("a file for the output"))
        .output()
        .expect("run bits-inspector");
    let stdout = head_and_tail(&std::fs::read(&listing).expect("the output"));
    std::fs::remove_file(&path).ok();
    std::fs::remove_file(&listing).ok();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(matches!(out.status.code(), Some(0 | 1)), "{name}: exit {:?}: {stderr}", out.status);
    let stats = stderr.lines().find(|l| l.starts_with("stats: ")).unwrap_or_else(|| panic!("no stats line: {stderr}"));
    let number_before = |suffix: &str| -> f64 {
        let head = &stats[..stats.find(suffix).unwrap_or_else(|| panic!("`{suffix}` in {stats}"))];
        head.rsplit(' ').next().unwrap().parse().unwrap()
    };
    let messages = stats.split(", ").find_map(|p| p.strip_suffix(" messages")).unwrap().parse().unwrap();
    let millis = number_before(" ms");
    let peak_mb = number_before(" MB");
    Run { millis, peak_mb, messages, stdout }
}

/// The first and last megabyte of a listing that can run to hundreds: the first findings
/// and the closing summary lines are what the cases check.
fn head_and_tail(listing: &[u8]) -> String {
    const KEEP: usize = MB;
    if listing.len() <= 2 * KEEP {
        return String::from_utf8_lossy(listing).into_owned();
    }
    let (head, tail) = (&listing[..KEEP], &listing[listing.len() - KEEP..]);
    format!("{}\n[...]\n{}", String::from_utf8_lossy(head), String::from_utf8_lossy(tail))
}

/// Inspects `make(n / 4)` and `make(n)`; asserts linear growth of time and memory and
/// returns the full-size run for the case's own checks.
fn grows_linearly(case: &str, n: usize, make: impl Fn(usize) -> Vec<u8>) -> Run {
    let _guard = ONE_AT_A_TIME.lock().unwrap_or_else(|e| e.into_inner());
    let (small_input, large_input) = (make(n / 4), make(n));
    // The fastest of three runs of each size: a shared machine's hiccups only ever add time.
    let best = |size: &str, input: &[u8]| {
        let runs = (0..3).map(|_| run(&format!("{case}-{size}"), input));
        runs.reduce(|a, b| if a.millis <= b.millis { a } else { b }).expect("three runs")
    };
    let small = best("small", &small_input);
    let large = best("large", &large_input);
    // A floor of 1 ms and 1 MB, so a case that costs next to nothing cannot fail on noise.
    let time_factor = large.millis.max(1.0) / small.millis.max(1.0);
    let memory_factor = large.peak_mb.max(1.0) / small.peak_mb.max(1.0);
    println!(
        "{case:<44} {:>7.1} MB {:>9.1} ms {:>8.1} MB peak | {:>7.1} MB {:>9.1} ms {:>8.1} MB peak | time x{time_factor:.2}, memory x{memory_factor:.2}",
        small_input.len() as f64 / MB as f64,
        small.millis,
        small.peak_mb,
        large_input.len() as f64 / MB as f64,
        large.millis,
        large.peak_mb,
    );
    assert!(time_factor < TIME_BOUND, "{case}: time grew x{time_factor:.2} for 4x the input");
    assert!(memory_factor < MEMORY_BOUND, "{case}: memory grew x{memory_factor:.2} for 4x the input");
    large
}

fn repeat_to(unit: &[u8], len: usize) -> Vec<u8> {
    unit.repeat(len / unit.len().max(1))
}

#[test]
fn one_header_line_of_100_mb() {
    let run = grows_linearly("one header line", 100 * MB, |n| {
        let mut v = b"BITS_POST /upload/a.txt HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-Huge: ".to_vec();
        v.resize(n, b'a');
        v.extend_from_slice(
            b"\r\nContent-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n",
        );
        v
    });
    // The Windows limit on values is named, and the Ack after the huge line is still read.
    assert_eq!(run.messages, 2);
    assert!(run.stdout.contains("header-value-too-long"), "{}", run.stdout);
    assert!(run.stdout.contains("#1 Ack for Ping"), "{}", run.stdout);
}

#[test]
fn a_million_headers() {
    let run = grows_linearly("a million headers", 1_000_000, |headers| {
        let mut v = b"BITS_POST /upload/a.txt HTTP/1.1\r\nBITS-Packet-Type: Ping\r\n".to_vec();
        v.extend(repeat_to(b"X-Hdr: v\r\n", headers * 10));
        v.extend_from_slice(
            b"Content-Length: 0\r\n\r\nHTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n",
        );
        v
    });
    assert_eq!(run.messages, 2);
    assert!(run.stdout.contains("#0 Ping, #1 Ack for Ping"), "{}", run.stdout);
}

#[test]
fn a_million_tiny_messages() {
    let run = grows_linearly("a million tiny messages", 1_000_000, |messages| {
        repeat_to(b"GET / HTTP/1.1\r\n\r\n", messages * 18)
    });
    assert_eq!(run.messages, 1_000_000);
}

#[test]
fn deeply_repeated_chunked_framing() {
    // Four million one-byte chunks with extensions, announced by a Transfer-Encoding that
    // names chunked a thousand times, then an Ack that must still be found.
    let run = grows_linearly("4 million chunks, chunked x1000", 4_000_000, |chunks| {
        let mut v = b"HTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nTransfer-Encoding: ".to_vec();
        v.extend(repeat_to(b"chunked, ", 9 * 1000));
        v.extend_from_slice(b"chunked\r\n\r\n");
        v.extend(repeat_to(b"1;ext=1\r\nx\r\n", chunks * 12));
        v.extend_from_slice(b"0\r\n\r\nHTTP/1.1 200 OK\r\nBITS-Packet-Type: Ack\r\nContent-Length: 0\r\n\r\n");
        v
    });
    assert_eq!(run.messages, 2);
}

#[test]
fn a_pcap_whose_tcp_stream_never_ends() {
    // A Fragment announcing a terabyte, whose connection is still sending when the capture
    // stops: no FIN, no Ack.
    let run = grows_linearly("pcap, TCP stream that never ends", 100 * MB, |bytes| {
        let mut flow = Flow::new("10.0.0.1:49152", "10.0.0.2:80", Link::Ethernet);
        let mut capture = Capture::new();
        capture.push(flow.handshake());
        let mut request = b"BITS_POST /upload/a.txt HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\n\
BITS-Session-Id: {6F3B2C1A-0D4E-4A5B-9C8D-7E6F5A4B3C2D}\r\nContent-Range: bytes 0-1099511627775/1099511627776\r\n\
Content-Length: 1099511627776\r\n\r\n"
            .to_vec();
        request.resize(bytes, b'z');
        capture.push(flow.send(true, &request));
        capture.pcap(false, false)
    });
    assert_eq!(run.messages, 1);
    assert!(run.stdout.contains("http-body-truncated"), "the cut body is named: {}", run.stdout);
    assert!(run.stdout.contains("#0 Fragment"), "{}", run.stdout);
}

#[test]
fn a_har_nested_deep() {
    // One good entry, then an entry whose request is a million arrays deep.
    let run = grows_linearly("HAR nested a million deep", 1_000_000, |depth| {
        let mut v = br#"{"log":{"version":"1.2","entries":[{"startedDateTime":"2024-06-01T12:00:00Z","time":1,
"request":{"method":"BITS_POST","url":"http://h/upload/a.txt","httpVersion":"HTTP/1.1","headers":[{"name":"BITS-Packet-Type","value":"Ping"},{"name":"Content-Length","value":"0"}]},
"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[{"name":"BITS-Packet-Type","value":"Ack"},{"name":"Content-Length","value":"0"}]}},
{"request":"#
            .to_vec();
        v.extend(repeat_to(b"[", depth));
        v.extend(repeat_to(b"]", depth));
        v.extend_from_slice(b"}]}}");
        v
    });
    // The nesting limit is named; the entry before it is decoded.
    assert!(run.stdout.contains("har-invalid") && run.stdout.contains("recursion limit"), "{}", run.stdout);
    assert!(run.stdout.contains("1 entry read before it"), "{}", run.stdout);
    assert!(run.stdout.contains("#0 Ping, #1 Ack for Ping"), "{}", run.stdout);
}

#[test]
fn a_body_announced_as_2_pow_63_bytes() {
    let run = grows_linearly("body announced as 2^63 bytes", 100 * MB, |n| {
        let mut v = b"BITS_POST /upload/a.txt HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\nContent-Length: 9223372036854775808\r\n\r\n"
            .to_vec();
        v.resize(n, b'z');
        v
    });
    assert_eq!(run.messages, 1);
    assert!(run.stdout.contains("9223372036854775808 bytes announced"), "{}", run.stdout);
}

#[test]
fn invalid_utf8_everywhere() {
    // Every field of every message: method-like bytes, target, header names and values,
    // reason phrase and bodies.
    let exchange: &[u8] = b"BITS_POST /\xff\xfe\xc3(/a.txt HTTP/1.1\r\nBITS-Packet-Type: Ping\r\n\xff\xfe-Name: \x80\xbf\xc0\r\nUser-Agent: \xed\xa0\x80\xf4\x90\r\nContent-Length: 4\r\n\r\n\xff\xfe\xfd\xfc\
HTTP/1.1 200 \xc3\x28\xa0\xa1\r\nBITS-Packet-Type: Ack\r\nX-\xf0\x28\x8c\xbc: \xf8\xa1\xa1\xa1\xa1\r\nContent-Length: 2\r\n\r\n\xc0\xaf";
    // 40 MB is 900,000 messages, each with findings: 1 GB of report at the full size.
    let run = grows_linearly("invalid UTF-8 in every field", 40 * MB, |n| repeat_to(exchange, n));
    assert_eq!(run.messages, 2 * (40 * MB / exchange.len()));
    assert!(run.stdout.contains("http-header-name-invalid"), "{}", &run.stdout[..2000.min(run.stdout.len())]);
}
