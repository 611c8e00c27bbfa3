//! Capture files end to end: pcap and pcapng in every byte order, resolution and link type
//! the inspector reads, TCP reassembly (reordered, retransmitted, missing segments, mid-
//! stream starts, unclosed connections), sessions across connections, cut files, and HAR.
//!
//! The captures are written by tests/support/capture_writer.rs from the Windows-like
//! messages of tests/rules/wire.rs.

#[path = "support/capture_fixtures.rs"]
mod capture_fixtures;
#[path = "support/capture_writer.rs"]
mod capture_writer;
#[path = "rules/wire.rs"]
mod wire;

use bits_inspector::bits::packet::PacketType;
use bits_inspector::http::Direction;
use bits_inspector::input::{detect, read_capture, Format, Layer, ProblemKind, StopCause};
use bits_inspector::{inspect, inspect_with_text, Options, Report};
use capture_fixtures::*;
use capture_writer::{exchange, Capture, Flow, Link, Packet};
use wire::*;

fn run(bytes: &[u8]) -> Report {
    inspect(bytes, &Options::default())
}

/// What the findings say, without positions (which differ between text and transcript).
fn said(report: &Report) -> Vec<(String, Option<usize>, String)> {
    let mut v: Vec<_> = report.findings.iter().map(|f| (f.rule.to_string(), f.message, f.summary.clone())).collect();
    v.sort();
    v
}

fn kinds(report: &Report) -> Vec<&'static str> {
    report.messages.iter().map(|m| m.kind.id()).collect()
}

fn rules(report: &Report) -> Vec<&'static str> {
    report.findings.iter().map(|f| f.rule).collect()
}

const UPLOAD_KINDS: [&str; 10] = [
    "create-session",
    "ack-create-session",
    "fragment",
    "ack-fragment",
    "fragment",
    "ack-fragment",
    "fragment",
    "ack-fragment",
    "close-session",
    "ack-close-session",
];

fn upload_packets(client: &str, server: &str, link: Link, close: bool) -> Vec<Packet> {
    let mut flow = Flow::new(client, server, link);
    flow.mss = 64;
    let pairs = upload_pairs();
    let pairs: Vec<(&[u8], &[u8])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    exchange(&mut flow, &pairs, close)
}

fn capture_of(packets: Vec<Packet>) -> Capture {
    let mut c = Capture::new();
    c.push(packets);
    c
}

/// The upload read from `bytes` says what the same messages say as text.
fn assert_like_text(bytes: &[u8]) -> Report {
    let report = run(bytes);
    assert_eq!(kinds(&report), UPLOAD_KINDS, "{:#?}", report.capture);
    assert_eq!(said(&report), said(&run(&upload_text())));
    assert_eq!(report.counts.errors, 0);
    report
}

#[test]
fn committed_fixtures_are_what_the_generator_makes() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    for (path, made) in [(PCAPNG, bits_upload_pcapng()), (HAR, bits_upload_har())] {
        let committed = std::fs::read(root.join(path)).expect("fixture present");
        assert!(committed == made, "{path} is stale: run `cargo run --example make-capture-fixtures`");
    }
}

#[test]
fn an_upload_on_port_8123_reads_the_same_as_pcapng_pcap_and_text() {
    let capture = upload_capture();
    let ng = assert_like_text(&capture.pcapng(false));
    let pcap = assert_like_text(&capture.pcap(false, false));
    assert_eq!(said(&ng), said(&pcap));
    let c = ng.capture.as_ref().expect("capture summary");
    assert_eq!((c.format, c.frames, c.connections.len()), (Format::Pcapng, 48, 1));
    assert_eq!(
        (c.connections[0].client.as_str(), c.connections[0].server.as_str()),
        ("10.0.0.1:49152", "10.0.0.2:8123")
    );
    assert!(c.connections[0].closed && !c.connections[0].started_mid_stream);
    let first = ng.messages[0].origin.expect("origin");
    assert!(first.from_client && first.first_frame == 4 && first.last_frame > 4);
    assert!(!ng.messages[1].origin.expect("origin").from_client);
    // Times are those of the frames: 1 ms apart from 2024-06-01T12:00:00Z.
    assert!((first.time.expect("time") - 1_717_243_200.003).abs() < 1e-6);
}

#[test]
fn both_byte_orders_and_nanosecond_pcap() {
    let capture = upload_capture();
    for (big, nanos) in [(true, false), (false, true), (true, true)] {
        let bytes = capture.pcap(big, nanos);
        assert_eq!(detect(&bytes), Format::Pcap);
        let r = assert_like_text(&bytes);
        assert!((r.messages[0].origin.expect("origin").time.expect("time") - 1_717_243_200.003).abs() < 1e-6);
    }
    assert_like_text(&capture.pcapng(true));
}

#[test]
fn every_link_type_and_ipv6() {
    for link in [Link::EthernetVlan(42), Link::Sll, Link::Sll2, Link::Raw, Link::Null, Link::Ipv4] {
        let bytes = capture_of(upload_packets("10.0.0.1:49152", "10.0.0.2:8123", link, true)).pcap(false, false);
        assert_like_text(&bytes);
    }
    for link in [Link::Ethernet, Link::Raw, Link::Ipv6, Link::Null, Link::Sll2] {
        let bytes = capture_of(upload_packets("[fd00::1]:49152", "[fd00::2]:8123", link, true)).pcapng(false);
        let r = assert_like_text(&bytes);
        let c = &r.capture.expect("capture").connections[0];
        assert_eq!((c.client.as_str(), c.server.as_str()), ("[fd00::1]:49152", "[fd00::2]:8123"));
    }
}

#[test]
fn pcapng_with_two_interfaces_of_different_link_types() {
    // The upload on an Ethernet interface, a ping on a Linux cooked one, in one file.
    let mut c = Capture::new();
    c.push(upload_packets("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet, true));
    let mut flow = Flow::new("10.0.0.1:49153", "10.0.0.2:8123", Link::Sll2);
    c.push(exchange(&mut flow, &[(&crlf(&ping()), &crlf(&ack(200)))], true));
    let r = run(&c.pcapng(false));
    assert_eq!(kinds(&r)[10..], ["ping", "ack-ping"]);
    assert_eq!(r.capture.expect("capture").connections.len(), 2);
}

#[test]
fn reordered_and_retransmitted_segments() {
    let mut packets = upload_packets("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet, true);
    packets.swap(5, 7);
    packets.swap(10, 11);
    let again = packets[6].clone();
    packets.insert(9, again);
    // An overlapping segment: the second half of one and the first half of the next.
    let mut overlap = packets[12].clone();
    overlap.bytes.truncate(overlap.bytes.len() - 10);
    packets.insert(13, overlap);
    assert_like_text(&capture_of(packets).pcapng(false));
}

#[test]
fn a_missing_segment_is_a_finding_on_its_message_and_later_messages_still_decode() {
    let mut packets = upload_packets("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet, true);
    // Segments of the first Fragment (after the handshake and Create-Session with its Ack):
    // drop one in the middle of its headers.
    let report = {
        let create = crlf(&create_session()).len().div_ceil(64) + crlf(&ack_create_session(ID)).len().div_ceil(64);
        packets.remove(3 + create + 2);
        run(&capture_of(packets).pcapng(false))
    };
    let missing: Vec<_> = report.findings.iter().filter(|f| f.rule == "capture-missing-segment").collect();
    assert_eq!(missing.len(), 1, "{:?}", rules(&report));
    assert_eq!(missing[0].message, Some(2));
    assert!(missing[0].summary.starts_with("64 bytes of the client's stream (10.0.0.1:49152 -> 10.0.0.2:8123)"));
    assert_eq!(report.messages[2].kind.id(), "fragment");
    assert_eq!(&kinds(&report)[3..], &UPLOAD_KINDS[3..]);
}

#[test]
fn a_capture_started_mid_connection_and_never_closed() {
    let packets = upload_packets("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet, false);
    // Drop the handshake and the Create-Session exchange and the first bytes of a Fragment.
    let create = crlf(&create_session()).len().div_ceil(64) + crlf(&ack_create_session(ID)).len().div_ceil(64);
    let r = run(&capture_of(packets[3 + create + 1..].to_vec()).pcap(false, false));
    let c = &r.capture.as_ref().expect("capture").connections[0];
    assert!(c.started_mid_stream && !c.closed);
    assert_eq!(c.client, "10.0.0.1:49152");
    assert!(rules(&r).contains(&"capture-started-mid-stream"));
    assert!(rules(&r).contains(&"http-stray-bytes"));
    // The Ack whose Fragment began before the capture cannot be paired; the rest can.
    let k = kinds(&r);
    assert_eq!(&k[k.len() - 6..], &UPLOAD_KINDS[4..]);
    assert_eq!(r.messages[k.len() - 7].direction, Direction::Response);
}

#[test]
fn a_session_across_two_connections_and_two_servers() {
    let mut c = Capture::new();
    let mut first = Flow::new("10.0.0.1:50000", "10.0.0.2:80", Link::Ethernet);
    c.push(exchange(
        &mut first,
        &[(&crlf(&create_session()), &crlf(&ack_create_session_on_host(ID, FARM_HOST)))],
        true,
    ));
    let mut second = Flow::new("10.0.0.1:50001", "10.0.0.3:80", Link::Ethernet);
    let to_farm = |m: String| crlf(&to(m, FARM_HOST));
    let pairs = [
        (to_farm(ping()), crlf(&ack(200))),
        (to_farm(fragment(ID, 0, 9, TOTAL)), crlf(&ack_fragment(10))),
        (to_farm(fragment(ID, 10, 19, TOTAL)), crlf(&ack_fragment(20))),
        (to_farm(fragment(ID, 20, 29, TOTAL)), crlf(&ack_fragment(30))),
        (to_farm(close(ID)), crlf(&ack(200))),
    ];
    let pairs: Vec<(&[u8], &[u8])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    c.push(exchange(&mut second, &pairs, true));
    let r = run(&c.pcapng(false));
    assert_eq!(r.counts.errors, 0, "{:?}", said(&r));
    assert_eq!(r.sessions.len(), 1, "{:?}", r.sessions);
    let in_session =
        |p: PacketType| matches!(p, PacketType::CreateSession | PacketType::Fragment | PacketType::CloseSession);
    assert!(r.messages.iter().filter(|m| m.packet.is_some_and(in_session)).all(|m| r.session_id(m.index) == Some(ID)));
    let conns = &r.capture.expect("capture").connections;
    assert_eq!(conns[1].server, "10.0.0.3:80");
    assert_eq!(r.messages[2].origin.expect("origin").connection, 1);
}

#[test]
fn a_file_cut_in_the_middle_of_a_record_keeps_what_came_before() {
    let capture = upload_capture();
    for bytes in [capture.pcapng(false), capture.pcap(false, false)] {
        let cut = &bytes[..bytes.len() * 2 / 3];
        let stop = read_capture(cut).and_then(|c| c.stopped).expect("stopped");
        assert_eq!((stop.cause, stop.layer), (StopCause::Cut, Layer::File));
        assert!(stop.offset < cut.len() && stop.read_before > 0, "{stop:?}");
        let r = run(cut);
        let c = r.capture.as_ref().expect("capture");
        let stopped = c.stopped.as_deref().expect("stopped");
        assert_eq!(stopped, stop.to_string());
        assert!(stopped.contains("cut short"), "{stopped}");
        assert!(rules(&r).contains(&"capture-stopped"));
        assert!(r.messages.len() >= 5);
        assert_eq!(&kinds(&r)[..5], &UPLOAD_KINDS[..5]);
    }
}

/// Garbage after a good start is corrupt, not cut: the file goes on, but not as pcapng.
#[test]
fn garbage_after_a_good_start_is_corrupt_not_cut() {
    let mut bytes = upload_capture().pcapng(false);
    let at = bytes.len() / 2;
    bytes.truncate(at);
    bytes.extend_from_slice(&[0xff; 64]);
    let capture = read_capture(&bytes).expect("a capture");
    let stop = capture.stopped.expect("stopped");
    assert_eq!(stop.cause, StopCause::Corrupt, "{stop}");
    assert!(stop.offset <= at, "stops at or before the garbage: {stop:?}");
    assert!(stop.to_string().contains("(corrupt)"), "{stop}");
    assert!(capture.problems.iter().any(|p| p.kind == ProblemKind::Stopped && p.summary == stop.to_string()));
}

/// A snapshot length too small for the headers: the frames give no segment, and one finding
/// per layer says which frame stopped first, where, and how many did.
#[test]
fn frames_cut_inside_their_headers_are_named_by_layer_and_offset() {
    let packets = upload_packets("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet, true);
    let mut c = Capture::new();
    // Every frame cut 10 bytes into its IPv4 header.
    c.push(packets.into_iter().map(|mut p| {
        p.bytes.truncate(14 + 10);
        p
    }));
    let capture = read_capture(&c.pcap(false, false)).expect("a capture");
    let problems: Vec<_> = capture.problems.iter().filter(|p| p.kind == ProblemKind::FrameUndecoded).collect();
    assert_eq!(problems.len(), 1, "{:?}", capture.problems);
    assert_eq!(problems[0].layer, Layer::Network);
    assert_eq!(
        problems[0].summary,
        format!(
            "frame 1 gives no TCP segment: it stops at byte 14, in its IPv4 header: 10 of the 20 bytes it needs \
             were captured (cut short); {} more frames stopped in this layer",
            capture.frames - 1
        )
    );
    assert!(capture.units.is_empty());
    let r = run(&c.pcap(false, false));
    assert!(rules(&r).contains(&"capture-frame-undecoded"));
}

/// Every input fuzzing made crash, as the engine received it (tests/fixtures/fuzz-regressions):
/// each is inspected to the end, with every span inside the text.
#[test]
fn inputs_that_crashed_under_fuzzing_are_inspected() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fuzz-regressions");
    let mut seen = 0;
    for entry in std::fs::read_dir(dir).expect("the regression folder") {
        let bytes = std::fs::read(entry.expect("an entry").path()).expect("a regression input");
        let inspection = inspect_with_text(&bytes, &Options::default());
        assert!(inspection.report.findings.iter().all(|f| f.span.end <= inspection.text.len()));
        seen += 1;
    }
    assert!(seen >= 1);
}

/// pcap-parser takes 12 from a block's length after checking it only against the block
/// type's own minimum (4 for a process information block): found by fuzzing.
#[test]
fn a_pcapng_block_shorter_than_its_own_framing_is_corrupt_and_earlier_frames_are_kept() {
    let bytes = upload_capture().pcapng(false);
    let whole = run(&bytes).messages.len();
    for length in [4u32, 8, 11] {
        let mut broken = bytes.clone();
        for word in [0x8000_0001u32, length, length, 0] {
            broken.extend_from_slice(&word.to_le_bytes());
        }
        let r = run(&broken);
        assert_eq!(r.messages.len(), whole, "length {length}");
        let stopped = r.capture.as_ref().and_then(|c| c.stopped.clone()).expect("stopped");
        assert!(stopped.contains("under the 12") && stopped.contains("(corrupt)"), "{stopped}");
        assert!(rules(&r).contains(&"capture-stopped"));
    }
}

#[test]
fn unsupported_link_types_and_non_http_traffic() {
    let mut c = capture_of(upload_packets("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet, true));
    let mut tls = Flow::new("10.0.0.1:49999", "10.0.0.9:443", Link::Ethernet);
    c.push(exchange(&mut tls, &[(b"\x16\x03\x01\x00\x05hello", b"\x16\x03\x03\x00\x02ok")], true));
    let mut bytes = c.pcap(false, false);
    // Link type 105 (802.11) on the file header.
    bytes[20] = 105;
    let r = run(&bytes);
    let unsupported: Vec<_> = r.findings.iter().filter(|f| f.rule == "capture-link-type-unsupported").collect();
    assert_eq!(unsupported.len(), 1);
    let frames = r.capture.as_ref().expect("capture").frames;
    assert_eq!(unsupported[0].summary, format!("{frames} frames of link type LINKTYPE_IEEE802_11 (105) not decoded"));
    assert!(r.messages.is_empty());
    let r = run(&c.pcap(false, false));
    assert_eq!(kinds(&r), UPLOAD_KINDS);
    assert_eq!(r.capture.expect("capture").connections.len(), 2);
}

#[test]
fn har_with_base64_bodies_and_method_override() {
    let har = bits_upload_har();
    let inspection = inspect_with_text(&har, &Options::default());
    let r = &inspection.report;
    assert_eq!(&kinds(r)[..10], UPLOAD_KINDS);
    assert_eq!(r.counts.errors, 0, "{:?}", said(r));
    assert!(rules(r).contains(&"request-method-override"));
    // The base64 Fragment body (entry 2's Ack has none; entry 5's reply body is base64).
    let last = r.messages.last().expect("messages");
    assert_eq!(last.body.span.slice(&inspection.text), b"reply bytes");
    let c = r.capture.as_ref().expect("capture");
    assert_eq!((c.format, c.frames, c.connections.len()), (Format::Har, 6, 1));
    assert_eq!(c.connections[0].server, "10.0.0.2:8123");
    let o = r.messages[1].origin.expect("origin");
    assert!(!o.from_client && (o.time.expect("time") - 1_717_243_200.010_5).abs() < 1e-6);
}

#[test]
fn a_truncated_or_non_json_har_says_where_it_stopped() {
    let har = bits_upload_har();
    let cut = &har[..har.len() / 2];
    let r = run(cut);
    let c = r.capture.as_ref().expect("capture");
    assert!(c.stopped.as_deref().expect("stopped").contains("not valid JSON"));
    assert!(rules(&r).contains(&"har-invalid"));
    assert!(!r.messages.is_empty());
    let r = run(b"{\"log\": this is not json");
    assert!(rules(&r).contains(&"har-invalid"));
    let r = run(b"{\"log\": {\"version\": \"1.2\"}}");
    assert!(r.capture.expect("capture").stopped.expect("stopped").contains("no log.entries"));
}

#[test]
fn no_input_makes_it_panic() {
    let capture = upload_capture();
    let files = [capture.pcapng(false), capture.pcap(true, true), bits_upload_har()];
    for file in &files {
        // Every prefix length near the start, and a spread of lengths after it.
        let lens: Vec<usize> = (0..200).chain((200..file.len()).step_by(97)).collect();
        for len in lens {
            let _ = run(&file[..len.min(file.len())]);
        }
        // Every byte flipped in a stride.
        for at in (0..file.len()).step_by(13) {
            let mut bad = file.clone();
            bad[at] ^= 0xa5;
            let _ = run(&bad);
        }
    }
}

/// A real exchange recorded by dumpcap on loopback (scripts/record-loopback.sh): Linux
/// sends each `write!` piece as its own segment, so every message spans several frames.
#[test]
fn the_loopback_recording_inspects_cleanly() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(root.join("tests/fixtures/captures/loopback-bits-upload.pcapng")).expect("fixture");
    let r = run(&bytes);
    assert_eq!(kinds(&r), UPLOAD_KINDS);
    assert_eq!(r.counts.total(), 0, "{:?}", said(&r));
    let c = r.capture.as_ref().expect("capture");
    assert_eq!((c.format, c.connections.len()), (Format::Pcapng, 1));
    assert_eq!(c.connections[0].server, "127.0.0.1:8123");
    assert!(c.connections[0].client.starts_with("127.0.0.1:") && c.connections[0].closed);
    let mut last = 0;
    for m in &r.messages {
        let o = m.origin.expect("origin");
        assert!(o.first_frame > last && o.last_frame >= o.first_frame, "{o:?}");
        assert_eq!(o.from_client, m.direction == Direction::Request);
        last = o.last_frame;
    }
    assert!(r.sessions.len() == 1 && r.sessions[0].id == "{6F3B2C1A-0D4E-4A5B-9C8D-7E6F5A4B3C2D}");
}

#[test]
fn the_cli_names_the_frame_and_connection_of_each_finding() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let path = root.join(PCAPNG);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bits-inspector"))
        .arg("check")
        .arg(&path)
        .output()
        .expect("runs");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{text}");
    assert!(
        text.contains("(message #3 Ack for Fragment, frames 19-21, 10.0.0.2:8123 -> 10.0.0.1:49152, BITS-Session-Id)"),
        "{text}"
    );
    assert!(text.contains(": pcapng, 48 frames, 1 connection\n"), "{text}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_bits-inspector"))
        .args(["check", "--format", "json"])
        .arg(&path)
        .output()
        .expect("runs");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(json["messages"][0]["origin"]["first_frame"], 4);
    assert_eq!(json["capture"]["connections"][0]["server"], "10.0.0.2:8123");
}
