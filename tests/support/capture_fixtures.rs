//! The committed capture fixtures (tests/fixtures/captures/), made from known messages.
//!
//! `cargo run --example make-capture-fixtures` writes them; tests/capture.rs checks that the
//! committed files equal what this code makes. The including crate declares `wire`
//! (tests/rules/wire.rs) and `capture_writer` (tests/support/capture_writer.rs) at its root.
#![allow(dead_code)]

use crate::capture_writer::{Capture, Flow, Link};
use crate::wire::*;

/// Where the fixtures live, from the crate root.
pub const PCAPNG: &str = "tests/fixtures/captures/bits-upload-port-8123.pcapng";
pub const HAR: &str = "tests/fixtures/captures/bits-upload.har";

/// A whole upload (Create-Session, three Fragments, Close-Session, each with its Ack) as
/// (request, response) pairs of wire bytes.
pub fn upload_pairs() -> Vec<(Vec<u8>, Vec<u8>)> {
    vec![
        (crlf(&create_session()), crlf(&ack_create_session(ID))),
        (crlf(&fragment(ID, 0, 9, TOTAL)), crlf(&ack_fragment(10))),
        (crlf(&fragment(ID, 10, 19, TOTAL)), crlf(&ack_fragment(20))),
        (crlf(&fragment(ID, 20, 29, TOTAL)), crlf(&ack_fragment(30))),
        (crlf(&close(ID)), crlf(&ack(200))),
    ]
}

/// The same upload as text, one message after the other.
pub fn upload_text() -> Vec<u8> {
    upload_pairs().into_iter().flat_map(|(a, b)| a.into_iter().chain(b)).collect()
}

/// The upload on port 8123 over Ethernet, 64-byte segments so every message spans several.
pub fn upload_capture() -> Capture {
    let mut flow = Flow::new("10.0.0.1:49152", "10.0.0.2:8123", Link::Ethernet);
    flow.mss = 64;
    let pairs = upload_pairs();
    let pairs: Vec<(&[u8], &[u8])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    let mut capture = Capture::new();
    capture.push(crate::capture_writer::exchange(&mut flow, &pairs, true));
    capture
}

pub fn bits_upload_pcapng() -> Vec<u8> {
    upload_capture().pcapng(false)
}

/// The upload as a proxy records it in HAR 1.2: the Create-Session goes out as a POST with
/// `X-Http-Method-Override: BITS_POST` (as BITS does through proxies that refuse unknown
/// methods), one Fragment body is recorded in base64, and a GET of the reply comes back
/// with a base64 body.
pub fn bits_upload_har() -> Vec<u8> {
    let mut entries = Vec::new();
    for (i, (request, response)) in upload_pairs().iter().enumerate() {
        entries.push(har_entry(i, request, response, i == 0, i == 2));
    }
    let reply = b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nContent-Length: 11\r\n\r\nreply bytes";
    let get = b"GET /upload/reply.txt HTTP/1.1\r\nHost: frankcao8\r\n\r\n";
    entries.push(har_entry(5, get, reply, false, true));
    let har = serde_json::json!({
        "log": {
            "version": "1.2",
            "creator": { "name": "bits-inspector test fixtures", "version": "1" },
            "entries": entries,
        }
    });
    let mut text = serde_json::to_vec_pretty(&har).expect("JSON");
    text.push(b'\n');
    text
}

/// Head lines and body of one message of wire bytes.
fn parts(message: &[u8]) -> (Vec<String>, Vec<u8>) {
    let end = message.windows(4).position(|w| w == b"\r\n\r\n").expect("a head");
    let head = String::from_utf8(message[..end].to_vec()).expect("ASCII");
    (head.split("\r\n").map(str::to_string).collect(), message[end + 4..].to_vec())
}

fn headers(lines: &[String]) -> Vec<serde_json::Value> {
    lines.iter().filter_map(|l| l.split_once(": ")).map(|(n, v)| serde_json::json!({ "name": n, "value": v })).collect()
}

fn b64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn har_entry(i: usize, request: &[u8], response: &[u8], override_method: bool, base64_body: bool) -> serde_json::Value {
    let (req_lines, req_body) = parts(request);
    let (rsp_lines, rsp_body) = parts(response);
    let mut start = req_lines[0].split(' ');
    let (mut method, path, version) =
        (start.next().unwrap_or("").to_string(), start.next().unwrap_or(""), start.next().unwrap_or(""));
    let mut req_headers = headers(&req_lines[1..]);
    if override_method {
        method = "POST".to_string();
        req_headers.push(serde_json::json!({ "name": "X-Http-Method-Override", "value": "BITS_POST" }));
    }
    let mut status_line = rsp_lines[0].splitn(3, ' ');
    let (rsp_version, status, reason) =
        (status_line.next().unwrap_or(""), status_line.next().unwrap_or("0"), status_line.next().unwrap_or(""));
    let mut entry = serde_json::json!({
        "startedDateTime": format!("2024-06-01T12:00:{:02}.{:03}Z", i, 100 * i),
        "time": 12.5,
        "request": {
            "method": method,
            "url": format!("http://10.0.0.2:8123{path}"),
            "httpVersion": version,
            "cookies": [],
            "headers": req_headers,
            "queryString": [],
            "headersSize": -1,
            "bodySize": req_body.len(),
        },
        "response": {
            "status": status.parse::<u16>().unwrap_or(0),
            "statusText": reason,
            "httpVersion": rsp_version,
            "cookies": [],
            "headers": headers(&rsp_lines[1..]),
            "content": { "size": rsp_body.len(), "mimeType": "application/octet-stream" },
            "redirectURL": "",
            "headersSize": -1,
            "bodySize": rsp_body.len(),
        },
        "cache": {},
        "timings": { "blocked": -1, "dns": -1, "connect": -1, "send": 0.5, "wait": 10, "receive": 2 },
        "serverIPAddress": "10.0.0.2",
        "connection": "49152",
    });
    if !req_body.is_empty() {
        let text = String::from_utf8(req_body).expect("ASCII body");
        entry["request"]["postData"] = serde_json::json!({ "mimeType": "application/octet-stream", "text": text });
    }
    if base64_body && !rsp_body.is_empty() {
        entry["response"]["content"]["text"] = serde_json::Value::String(b64(&rsp_body));
        entry["response"]["content"]["encoding"] = serde_json::Value::String("base64".to_string());
    } else {
        entry["response"]["content"]["text"] =
            serde_json::Value::String(String::from_utf8(rsp_body).expect("ASCII body"));
    }
    entry
}
