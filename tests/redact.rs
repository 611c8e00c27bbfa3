//! Redaction for sharing (src/redact.rs): secrets planted in every place it covers, in every
//! input format (text, folded text, HAR, pcap with a secret cut across two TCP segments,
//! pcapng), never come out of it, neither raw nor in base64; what is left parses into the
//! same messages with the same findings.

#[path = "support/capture_fixtures.rs"]
mod capture_fixtures;
#[path = "support/capture_writer.rs"]
mod capture_writer;
#[path = "rules/wire.rs"]
mod wire;

use base64::Engine;
use bits_inspector::redact::{redact, Redaction, RedactionCounts};
use bits_inspector::{inspect_with_text, LineEndingCheck, Options, Report};
use capture_writer::{exchange, Capture, Flow, Link};
use wire::{crlf, ID, PROTOCOL};

const AUTH: &str = "QWxhZGRpbjpPcGVuU2VzYW1lQXV0aFNlY3JldA";
const PROXY_AUTH: &str = "ProxyBearerSecret7Q2w9ZkXy";
const COOKIE: &str = "CookieSecretValue5Hk2Lm";
const COOKIE_TWO: &str = "SecondCookieSecret3Gh8";
const SET_COOKIE: &str = "SetCookieSecret8Jd3PqVv";
const CHALLENGE: &str = "TlRMTVNTUAACAAAADAAMADgAAAAFgomiChallengeSecret";
const PROXY_CHALLENGE: &str = "ProxyChallengeSecret2Kq";
const PASSWORD: &str = "UrlPasswordSecret9Mn";
const QUERY: &str = "QuerySignatureSecret4Wd";
const TARGET_HOST: &str = "target-host.corp.example";
const HOST: &str = "secret-server.corp.example";
const HOST_ID: &str = "hostid-server.corp.example";
const REFERER_HOST: &str = "referer-host.corp.example";
const ORIGINAL_HOST: &str = "original-host.corp.example";
const STATIC_HOST: &str = "static-host.corp.example";
const REPLY_HOST: &str = "reply-host.corp.example";
const COOKIE_DOMAIN: &str = "cookie-domain.corp.example";
const FOLDED_AUTH: [&str; 2] = ["FoldedAuthSecretPartOne1", "FoldedAuthSecretPartTwo2"];
const FOLDED_COOKIE: &str = "FoldedCookieSecret6Tz";
const FOLDED_CHALLENGE: &str = "FoldedChallengeSecret0Pb";
const HAR_COOKIE_ARRAY: &str = "HarCookieArraySecret1Qa";
const HAR_QUERY_ARRAY: &str = "HarQueryArraySecret5Ws";

/// Every secret of the one-line conversation.
const SECRETS: [&str; 17] = [
    AUTH,
    PROXY_AUTH,
    COOKIE,
    COOKIE_TWO,
    SET_COOKIE,
    CHALLENGE,
    PROXY_CHALLENGE,
    PASSWORD,
    QUERY,
    TARGET_HOST,
    HOST,
    HOST_ID,
    REFERER_HOST,
    ORIGINAL_HOST,
    STATIC_HOST,
    REPLY_HOST,
    COOKIE_DOMAIN,
];

/// A whole upload with a secret in every place redaction covers, as (request, response)
/// pairs of wire bytes. The first request's Authorization comes after a long header, so a
/// small segment size cuts it.
fn pairs() -> Vec<(Vec<u8>, Vec<u8>)> {
    let create = format!(
        "BITS_POST http://alice:{PASSWORD}@{TARGET_HOST}:8123/upload/a.txt?sig={QUERY} HTTP/1.1
Host: {HOST}:8123
Authorization: Basic {AUTH}
Proxy-Authorization: Bearer {PROXY_AUTH}
Cookie: session={COOKIE}; theme={COOKIE_TWO}
Referer: http://{REFERER_HOST}/page
BITS-Original-Request-URL: http://{ORIGINAL_HOST}/upload/a.txt
BITS-Packet-Type: Create-Session
BITS-Supported-Protocols: {PROTOCOL}
Content-Length: 0

"
    );
    let ack_create = format!(
        "HTTP/1.1 200 OK
BITS-Packet-Type: Ack
BITS-Protocol: {PROTOCOL}
BITS-Session-Id: {ID}
BITS-Host-Id: {HOST_ID}
BITS-Host-Id-Fallback-Timeout: 110
Set-Cookie: sid={SET_COOKIE}; Path=/; Domain={COOKIE_DOMAIN}; HttpOnly
WWW-Authenticate: Negotiate {CHALLENGE}
Proxy-Authenticate: Basic realm=\"{PROXY_CHALLENGE}\"
Content-Length: 0

"
    );
    let fragment = format!(
        "BITS_POST /upload/a.txt HTTP/1.1
Host: {HOST_ID}
Authorization: Basic {AUTH}
BITS-Packet-Type: Fragment
BITS-Session-Id: {ID}
Content-Name: a.txt
Content-Range: bytes 0-9/10
Content-Length: 10

0123456789"
    );
    let ack_fragment = "HTTP/1.1 200 OK
BITS-Packet-Type: Ack
BITS-Session-Id: {ID}
BITS-Received-Content-Range: 10
Content-Length: 0

"
    .replace("{ID}", ID);
    let close = format!(
        "BITS_POST /upload/a.txt HTTP/1.1
Host: {HOST_ID}
BITS-Packet-Type: Close-Session
BITS-Session-Id: {ID}
Content-Length: 0

"
    );
    let ack_close = format!(
        "HTTP/1.1 200 OK
BITS-Packet-Type: Ack
BITS-Session-Id: {ID}
BITS-Reply-URL: http://{REPLY_HOST}/replies/a.txt?sig={QUERY}
BITS-Static-Response-URL: http://{STATIC_HOST}/static.html
Content-Length: 0

"
    );
    vec![(crlf(&create), crlf(&ack_create)), (crlf(&fragment), crlf(&ack_fragment)), (crlf(&close), crlf(&ack_close))]
}

fn text() -> Vec<u8> {
    pairs().into_iter().flat_map(|(a, b)| a.into_iter().chain(b)).collect()
}

/// Authorization, Cookie and WWW-Authenticate with their secrets on continuation lines.
fn folded_text() -> Vec<u8> {
    crlf(&format!(
        "BITS_POST /upload/a.txt HTTP/1.1
Host: {HOST}
Authorization: Negotiate
 {}
\t{}
Cookie: a={COOKIE};
 b={FOLDED_COOKIE}
BITS-Packet-Type: Ping
Content-Length: 0

HTTP/1.1 401 Unauthorized
WWW-Authenticate: NTLM
  {FOLDED_CHALLENGE}
WWW-Authenticate: Negotiate
Content-Length: 0

",
        FOLDED_AUTH[0], FOLDED_AUTH[1]
    ))
}

fn strict() -> Options {
    Options { line_endings: LineEndingCheck::Strict, ..Options::default() }
}

fn redacted(input: &[u8]) -> (Redaction, Report, Vec<u8>) {
    let inspection = inspect_with_text(input, &strict());
    let redaction = redact(&inspection.text, &inspection.report);
    (redaction, inspection.report, inspection.text.into_owned())
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
}

/// Neither the secret nor any 10-byte piece of it, nor the base64 (standard or URL-safe) of
/// any piece of 9 bytes or more at any of the three alignments, is in `out`.
fn assert_absent(out: &[u8], secret: &str, what: &str) {
    let s = secret.as_bytes();
    for piece in s.windows(10.min(s.len())) {
        assert!(!contains(out, piece), "{what}: `{}` of `{secret}` is still there", String::from_utf8_lossy(piece));
    }
    let engines =
        [&base64::engine::general_purpose::STANDARD_NO_PAD, &base64::engine::general_purpose::URL_SAFE_NO_PAD];
    for start in 0..s.len() {
        for end in (start + 9..=s.len()).step_by(3) {
            for engine in engines {
                // Whole 3-byte groups encode to whole 4-character groups wherever they sit.
                let encoded = engine.encode(&s[start..end]);
                assert!(
                    !out.windows(encoded.len()).any(|w| w == encoded.as_bytes()),
                    "{what}: base64 of a piece of `{secret}` is still there"
                );
            }
        }
    }
}

/// The messages come back the same from the redacted text, checked strictly as text (as a
/// share link's `file` bytes are), and so do the findings, except those only a capture has
/// (frames, connections, missing segments).
fn assert_same_messages(redaction: &Redaction, before: &Report) {
    let after = inspect_with_text(&redaction.text, &strict()).report;
    let kinds = |r: &Report| r.messages.iter().map(|m| m.kind.id()).collect::<Vec<_>>();
    assert_eq!(kinds(&after), kinds(before), "{}", String::from_utf8_lossy(&redaction.text));
    let sessions = |r: &Report| r.messages.iter().map(|m| m.session).collect::<Vec<_>>();
    assert_eq!(sessions(&after), sessions(before));
    let said = |r: &Report| {
        let mut v: Vec<_> = r
            .findings
            .iter()
            .filter(|f| !f.rule.starts_with("capture-") && !f.rule.starts_with("har-"))
            .map(|f| (f.rule, f.message, f.header.clone()))
            .collect();
        v.sort();
        v
    };
    assert_eq!(said(&after), said(before));
}

fn secrets_everywhere(input: &[u8], secrets: &[&str], what: &str) -> (Redaction, Report) {
    let (redaction, report, text) = redacted(input);
    for secret in secrets {
        // Planted: the inspected text holds it, so a redaction that did nothing would fail.
        assert!(contains(&text, secret.as_bytes()), "{what}: `{secret}` was not planted");
        assert_absent(&redaction.text, secret, what);
    }
    assert_same_messages(&redaction, &report);
    (redaction, report)
}

#[test]
fn text_keeps_no_secret_and_says_what_it_replaced() {
    let (r, _) = secrets_everywhere(&text(), &SECRETS, "text");
    let out = String::from_utf8(r.text.clone()).unwrap();
    assert!(out.contains("Authorization: Basic <redacted>\r\n"), "{out}");
    assert!(out.contains("Proxy-Authorization: Bearer <redacted>\r\n"));
    assert!(out.contains("Cookie: session=<redacted>; theme=<redacted>\r\n"));
    assert!(out.contains("WWW-Authenticate: Negotiate <redacted>\r\n"));
    assert!(out.contains("Proxy-Authenticate: Basic <redacted>\r\n"));
    assert!(out.contains("Set-Cookie: sid=<redacted>; Path=/; Domain=host-"));
    assert!(out.contains("BITS_POST http://redacted@host-1.invalid:8123/upload/a.txt?sig=redacted HTTP/1.1\r\n"));
    assert!(out.contains("Host: host-2.invalid:8123\r\n"));
    // The same host is the same stand-in everywhere: Host-Id routing still reads right.
    assert!(out.contains("BITS-Host-Id: host-5.invalid\r\n"));
    assert_eq!(out.matches("Host: host-5.invalid\r\n").count(), 2);
    assert!(out.contains("0123456789"), "bodies stay");
    assert_eq!(
        r.counts,
        RedactionCounts {
            authorization: 3,
            challenges: 2,
            cookies: 3,
            user_info: 1,
            query_values: 2,
            host_names: 8,
            addresses: 0
        }
    );
    assert_eq!(
        r.counts.words(),
        "3 Authorization values, 2 authentication challenges, 3 cookies, 1 URL user info, 2 query values, 8 host names"
    );
    // Redacting again changes nothing more.
    let (again, _, _) = redacted(&r.text);
    assert_eq!(again.text, r.text);
}

#[test]
fn folded_values_are_redacted_on_every_continuation_line() {
    let secrets = [FOLDED_AUTH[0], FOLDED_AUTH[1], COOKIE, FOLDED_COOKIE, FOLDED_CHALLENGE, HOST];
    let (r, _) = secrets_everywhere(&folded_text(), &secrets, "folded text");
    let out = String::from_utf8(r.text.clone()).unwrap();
    assert!(out.contains("Authorization: Negotiate\r\n <redacted>\r\n\t<redacted>\r\n"), "{out}");
    assert!(out.contains("Cookie: a=<redacted>;\r\n b=<redacted>\r\n"), "{out}");
    assert!(out.contains("WWW-Authenticate: NTLM\r\n  <redacted>\r\n"), "{out}");
    assert!(out.contains("WWW-Authenticate: Negotiate\r\n"), "a bare scheme stays");
    assert_eq!((r.counts.authorization, r.counts.cookies, r.counts.challenges), (1, 2, 1));
}

fn har() -> Vec<u8> {
    let entries: Vec<serde_json::Value> = pairs()
        .iter()
        .enumerate()
        .map(|(i, (request, response))| {
            let (req, rsp) = (String::from_utf8_lossy(request), String::from_utf8_lossy(response));
            let (req_head, req_body) = req.split_once("\r\n\r\n").unwrap();
            let (rsp_head, rsp_body) = rsp.split_once("\r\n\r\n").unwrap();
            let headers = |head: &str| -> Vec<serde_json::Value> {
                head.split("\r\n")
                    .skip(1)
                    .filter_map(|l| l.split_once(": "))
                    .map(|(n, v)| serde_json::json!({ "name": n, "value": v }))
                    .collect()
            };
            let target = req_head.split(' ').nth(1).unwrap();
            let url =
                if target.starts_with("http") { target.to_string() } else { format!("http://{HOST}:8123{target}") };
            let status_line: Vec<&str> = rsp_head.split("\r\n").next().unwrap().splitn(3, ' ').collect();
            serde_json::json!({
                "startedDateTime": format!("2024-06-01T12:00:0{i}.000Z"),
                "time": 10,
                "request": {
                    "method": "BITS_POST",
                    "url": url,
                    "httpVersion": "HTTP/1.1",
                    "cookies": [{ "name": "arr", "value": HAR_COOKIE_ARRAY }],
                    "headers": headers(req_head),
                    "queryString": [{ "name": "sig2", "value": HAR_QUERY_ARRAY }],
                    "postData": { "mimeType": "application/octet-stream", "text": req_body },
                    "headersSize": -1,
                    "bodySize": req_body.len(),
                },
                "response": {
                    "status": status_line[1].parse::<u16>().unwrap(),
                    "statusText": status_line[2],
                    "httpVersion": "HTTP/1.1",
                    "cookies": [{ "name": "arr", "value": HAR_COOKIE_ARRAY }],
                    "headers": headers(rsp_head),
                    "content": { "size": rsp_body.len(), "mimeType": "text/plain", "text": rsp_body },
                    "redirectURL": "",
                    "headersSize": -1,
                    "bodySize": rsp_body.len(),
                },
                "cache": {},
                "timings": { "send": 1, "wait": 5, "receive": 1 },
                "serverIPAddress": "10.20.30.40",
                "connection": "7",
            })
        })
        .collect();
    serde_json::to_vec_pretty(&serde_json::json!({ "log": { "version": "1.2", "creator": { "name": "t", "version": "1" }, "entries": entries } }))
        .unwrap()
}

#[test]
fn har_keeps_no_secret_from_headers_url_or_its_cookie_and_query_arrays() {
    let har = har();
    // HAR's `cookies` and `queryString` arrays repeat what the headers and the URL say; the
    // reader builds messages from the headers and the URL, so the arrays never reach the
    // transcript, redacted or not.
    let (plain, _, text) = redacted(&har);
    for secret in [HAR_COOKIE_ARRAY, HAR_QUERY_ARRAY] {
        assert!(contains(&har, secret.as_bytes()));
        assert!(!contains(&text, secret.as_bytes()));
        assert_absent(&plain.text, secret, "HAR arrays");
    }
    // The URL's host is not in a HAR's request line (origin form); its query is.
    let in_transcript: Vec<&str> = SECRETS.iter().copied().filter(|s| ![TARGET_HOST, PASSWORD].contains(s)).collect();
    let (r, _) = secrets_everywhere(&har, &in_transcript, "HAR");
    for secret in [TARGET_HOST, PASSWORD] {
        assert_absent(&r.text, secret, "HAR url");
    }
    // The connection's address (serverIPAddress) is replaced by a documentation address.
    assert_eq!(r.connections.len(), 1);
    assert_eq!(r.connections[0].server, "192.0.2.1:8123");
    assert_eq!(r.counts.addresses, 1);
}

/// The upload over TCP, in segments of `mss` bytes; the first request's Authorization
/// value is cut across two segments.
fn capture(mss: usize) -> Capture {
    let mut flow = Flow::new("10.1.2.3:49152", "10.1.2.4:8123", Link::Ethernet);
    flow.mss = mss;
    let pairs = pairs();
    let first = String::from_utf8_lossy(&pairs[0].0).into_owned();
    let at = first.find(AUTH).unwrap();
    assert!(at / mss != (at + AUTH.len() - 1) / mss, "the segment size must cut the Authorization value");
    let pairs: Vec<(&[u8], &[u8])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    let mut capture = Capture::new();
    capture.push(exchange(&mut flow, &pairs, true));
    capture
}

fn check_capture(file: &[u8], what: &str) {
    // Cut: the file never holds the whole value, only the transcript does.
    assert!(!contains(file, AUTH.as_bytes()), "{what}: the Authorization value is not cut");
    let (r, report) = secrets_everywhere(file, &SECRETS, what);
    assert_eq!(report.messages.len(), 6);
    let connections = &report.capture.as_ref().unwrap().connections;
    assert_eq!((connections[0].client.as_str(), connections[0].server.as_str()), ("10.1.2.3:49152", "10.1.2.4:8123"));
    assert_eq!(r.connections.len(), 1);
    assert_eq!(
        (r.connections[0].client.as_str(), r.connections[0].server.as_str()),
        ("192.0.2.1:49152", "192.0.2.2:8123")
    );
    assert_eq!(r.counts.addresses, 2);
    assert!(!contains(&r.text, b"10.1.2."), "{what}");
}

#[test]
fn pcap_with_a_secret_cut_across_two_segments_keeps_none() {
    check_capture(&capture(100).pcap(false, false), "pcap");
    check_capture(&capture(100).pcap(true, true), "pcap (big-endian, ns)");
}

#[test]
fn pcapng_with_a_secret_cut_across_two_segments_keeps_none() {
    check_capture(&capture(100).pcapng(false), "pcapng");
}

#[test]
fn a_host_given_as_an_address_gets_the_same_stand_in_as_the_connection() {
    let pairs =
        [(crlf("GET /a?x=1 HTTP/1.1\nHost: 10.1.2.4:8123\n\n"), crlf("HTTP/1.1 200 OK\nContent-Length: 0\n\n"))];
    let mut flow = Flow::new("10.1.2.3:49152", "10.1.2.4:8123", Link::Ethernet);
    let pairs: Vec<(&[u8], &[u8])> = pairs.iter().map(|(a, b)| (a.as_slice(), b.as_slice())).collect();
    let mut capture = Capture::new();
    capture.push(exchange(&mut flow, &pairs, true));
    let mut v6 = Flow::new("[fd00::5]:49153", "[fd00::6]:80", Link::Ethernet);
    let host6 = crlf("GET / HTTP/1.1\nHost: [fd00::6]\n\n");
    let ok = crlf("HTTP/1.1 200 OK\nContent-Length: 0\n\n");
    capture.push(exchange(&mut v6, &[(host6.as_slice(), ok.as_slice())], true));
    let (r, _, _) = redacted(&capture.pcapng(false));
    let out = String::from_utf8_lossy(&r.text);
    assert!(out.contains("Host: 192.0.2.1:8123\r\n"), "{out}");
    assert!(out.contains("Host: [2001:db8::1]\r\n"), "{out}");
    assert_eq!(r.connections[0].server, "192.0.2.1:8123");
    assert_eq!(r.connections[0].client, "192.0.2.2:49152");
    assert_eq!(r.connections[1].server, "[2001:db8::1]:80");
    assert_eq!(r.connections[1].client, "[2001:db8::2]:49153");
    assert!(!out.contains("fd00") && !out.contains("10.1.2."));
}

#[test]
fn every_test_capture_shared_redacted_opens_with_the_same_messages() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/captures");
    let mut captures: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .filter(|p| [".pcap", ".pcapng", ".har"].iter().any(|ext| p.ends_with(ext)))
        .collect();
    captures.sort();
    assert!(captures.len() >= 3, "{captures:?}");
    for path in captures.iter().map(String::as_str).chain([capture_fixtures::PCAPNG, capture_fixtures::HAR]) {
        let file = std::fs::read(path).unwrap();
        let (r, report, _) = redacted(&file);
        assert!(r.counts.total() > 0, "{path}");
        assert_eq!(inspect_with_text(&r.text, &strict()).report.messages.len(), report.messages.len(), "{path}");
        assert_same_messages(&r, &report);
    }
    for path in ["tests/fixtures/mc-bup-4.1-upload.http", "tests/fixtures/mc-bup-4.2-upload-reply.http"] {
        let file = std::fs::read(path).unwrap();
        let (r, report, _) = redacted(&file);
        assert_same_messages(&r, &report);
    }
}
