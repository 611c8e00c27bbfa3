//! `cargo bench`: speed of a full inspection beside `httparse` parsing the same bytes,
//! and the time bad inputs take at two sizes (the ratio shows the growth is linear).
//! Under `cargo test` (no `--bench` argument) it runs once on small inputs as a smoke test.

use std::hint::black_box;
use std::time::{Duration, Instant};

use bits_inspector::{inspect, Options};

#[path = "support/corpus.rs"]
mod corpus;
use corpus::{small_messages, uploads};

/// What httparse does for the same bytes: each head parsed, each body skipped by its
/// Content-Length. Returns the number of messages.
fn httparse_all(mut input: &[u8]) -> usize {
    let mut count = 0;
    loop {
        while let [b'\r' | b'\n', rest @ ..] = input {
            input = rest;
        }
        if input.is_empty() {
            return count;
        }
        let mut headers = [httparse::EMPTY_HEADER; 32];
        let (head_len, length) = if input.starts_with(b"HTTP/") {
            let mut response = httparse::Response::new(&mut headers);
            let Ok(httparse::Status::Complete(n)) = response.parse(input) else { return count };
            (n, content_length(response.headers))
        } else {
            let mut request = httparse::Request::new(&mut headers);
            let Ok(httparse::Status::Complete(n)) = request.parse(input) else { return count };
            (n, content_length(request.headers))
        };
        count += 1;
        input = &input[(head_len + length).min(input.len())..];
    }
}

fn content_length(headers: &[httparse::Header]) -> usize {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case("content-length"))
        .and_then(|h| std::str::from_utf8(h.value).ok()?.parse().ok())
        .unwrap_or(0)
}

/// Best time of several runs, each repeated until it lasts long enough to measure.
fn best_time(min: Duration, rounds: usize, mut f: impl FnMut()) -> Duration {
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut runs = 0u32;
        while start.elapsed() < min || runs == 0 {
            f();
            runs += 1;
        }
        best = best.min(start.elapsed() / runs);
    }
    best
}

/// Builds a bad input of about n bytes.
type MakeInput = fn(usize) -> Vec<u8>;

fn rate(count: f64, time: Duration) -> f64 {
    count / time.as_secs_f64()
}

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (min, rounds, scale) = if full { (Duration::from_millis(500), 5, 1) } else { (Duration::ZERO, 1, 100) };
    println!("bits-inspector {} benchmark{}", env!("CARGO_PKG_VERSION"), if full { "" } else { " (smoke run)" });
    println!();
    println!(
        "{:<34} {:>9} {:>9} | {:>13} {:>9} {:>8} | {:>13} {:>9} | {:>7}",
        "input", "MB", "messages", "inspect msg/s", "MB/s", "us/msg", "httparse msg/s", "MB/s", "ratio"
    );
    let corpora = [
        ("uploads", "MC-BUP 4.1 upload x 2000", uploads(2000 / scale)),
        ("small", "small messages (no body) x 20000", small_messages(20000 / scale)),
    ];
    let options = Options::default();
    let mut bench_lines = Vec::new();
    for (key, name, input) in &corpora {
        let messages = inspect(input, &options).messages.len();
        assert_eq!(httparse_all(input), messages, "{name}: both parsers see the same messages");
        let ours = best_time(min, rounds, || {
            black_box(inspect(black_box(input), &options));
        });
        let theirs = best_time(min, rounds, || {
            black_box(httparse_all(black_box(input)));
        });
        let mb = input.len() as f64 / 1e6;
        let per_message = |t: Duration| t.as_secs_f64() * 1e6 / messages as f64;
        let (msg_s, mb_s, us) = (rate(messages as f64, ours), rate(mb, ours), per_message(ours));
        let (their_msg_s, their_mb_s) = (rate(messages as f64, theirs), rate(mb, theirs));
        let ratio = ours.as_secs_f64() / theirs.as_secs_f64();
        println!(
            "{name:<34} {mb:>9.2} {messages:>9} | {msg_s:>13.0} {mb_s:>9.1} {us:>8.2} | {their_msg_s:>13.0} {their_mb_s:>9.1} | {ratio:>6.2}x"
        );
        // What the JSON output and the page add: every message put into words.
        let worded = best_time(min, rounds, || {
            let report = inspect(black_box(input), &options);
            for i in 0..report.messages.len() {
                black_box(report.detail(i, input));
            }
        });
        println!(
            "{:<34} {:>9} {:>9} | {:>13.0} {:>9.1} {:>8.2} |",
            "  + every message in words",
            "",
            "",
            rate(messages as f64, worded),
            rate(mb, worded),
            per_message(worded),
        );
        bench_lines.push(format!(
            "BENCH native-{key} messages={messages} bytes={} inspect_msg_per_s={msg_s:.0} inspect_mb_per_s={mb_s:.1} \
             inspect_us_per_msg={us:.3} httparse_msg_per_s={their_msg_s:.0} httparse_mb_per_s={their_mb_s:.1} \
             ratio={ratio:.2} worded_us_per_msg={:.3}",
            input.len(),
            per_message(worded),
        ));
    }
    println!();
    for line in &bench_lines {
        println!("{line}");
    }
    println!("\n(ratio = inspect time / httparse time on the same bytes; inspect also classifies, checks every rule and builds the report)");

    println!("\nBad input: time at size n and 2n (a ratio near 2 is linear growth)");
    println!("{:<40} {:>10} {:>12} {:>10} {:>12} {:>7}", "input", "n (MB)", "time n", "2n (MB)", "time 2n", "ratio");
    let bad: [(&str, MakeInput); 6] = [
        ("one header line of n bytes", |n| {
            let mut v = b"BITS_POST /u HTTP/1.1\r\nX-Huge: ".to_vec();
            v.resize(n, b'a');
            v.extend_from_slice(b"\r\n\r\n");
            v
        }),
        ("headers, 10 bytes each", |n| {
            let mut v = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\n".to_vec();
            while v.len() < n {
                v.extend_from_slice(b"X-Hdr: v\r\n");
            }
            v.extend_from_slice(b"\r\n");
            v
        }),
        ("tiny messages", |n| {
            let mut v = Vec::new();
            while v.len() < n {
                v.extend_from_slice(b"GET / HTTP/1.1\r\n\r\n");
            }
            v
        }),
        ("binary garbage", |n| {
            let mut x = 0x9E37_79B9_7F4A_7C15u64;
            (0..n)
                .map(|_| {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    x as u8
                })
                .collect()
        }),
        ("chunks of 1 byte", |n| {
            let mut v = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
            while v.len() < n {
                v.extend_from_slice(b"1\r\nx\r\n");
            }
            v.extend_from_slice(b"0\r\n\r\n");
            v
        }),
        ("body announced as 2^63 bytes", |n| {
            let mut v = b"HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\n".to_vec();
            v.resize(n, b'z');
            v
        }),
    ];
    let base = if full { 10_000_000 } else { 100_000 };
    for (name, make) in bad {
        let small = make(base);
        let large = make(base * 2);
        let rounds = if full { 3 } else { 1 };
        let t1 = best_time(Duration::ZERO, rounds, || {
            black_box(inspect(black_box(&small), &options));
        });
        let t2 = best_time(Duration::ZERO, rounds, || {
            black_box(inspect(black_box(&large), &options));
        });
        println!(
            "{:<40} {:>10.1} {:>10.1}ms {:>10.1} {:>10.1}ms {:>6.2}x",
            name,
            small.len() as f64 / 1e6,
            t1.as_secs_f64() * 1e3,
            large.len() as f64 / 1e6,
            t2.as_secs_f64() * 1e3,
            t2.as_secs_f64() / t1.as_secs_f64()
        );
    }
}
