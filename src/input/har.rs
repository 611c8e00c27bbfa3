//! HAR 1.2 files (browser developer tools, Fiddler, proxies): each entry becomes the text of
//! its request and of its response, as they would have travelled.
//!
//! A HAR records a message already decoded: headers as name/value pairs, the body as text
//! (base64 when `encoding` says so). The start line is rebuilt from the method, the URL's
//! path and the HTTP version; headers are kept as recorded, in order. A file that is not
//! JSON, or is cut part way, keeps the entries read before the break.

use super::base64;
use super::json::{self, Value};

use super::capture::{Capture, Connection, Format, Origin, Unit};
use super::problem::{Layer, Problem, ProblemKind, Stop, StopCause, StopDetail};
use crate::span::Span;

pub fn read(input: &[u8]) -> Capture {
    let mut capture = Capture {
        format: Format::Har,
        transcript: Vec::new(),
        units: Vec::new(),
        connections: Vec::new(),
        frames: 0,
        problems: Vec::new(),
        stopped: None,
    };
    // Where the file stops being HAR, and why.
    let (entries, stop) = match json::parse(input) {
        Ok(doc) => match doc.take("log").and_then(|log| log.take("entries")) {
            Some(Value::Array(entries)) => (entries, None),
            _ => (Vec::new(), Some((0, StopCause::Corrupt, StopDetail::NoHarEntries))),
        },
        // Not JSON as a whole: read the entries one by one up to the break.
        Err(e) => {
            let (entries, _) = entries_before_break(input);
            // Running out of input is a cut file; anything else breaks the grammar.
            let cause = if e.is_eof() { StopCause::Cut } else { StopCause::Corrupt };
            let detail = StopDetail::Json { message: e.message, line: e.line, column: e.column };
            (entries, Some((e.offset, cause, detail)))
        }
    };
    let mut connections: Vec<(Option<String>, usize)> = Vec::new();
    for entry in &entries {
        capture.frames += 1;
        add_entry(&mut capture, &mut connections, entry);
    }
    if let Some((offset, cause, detail)) = stop {
        let stop = Stop { layer: Layer::Har, offset, cause, detail, read_before: entries.len() as u64 };
        let end = capture.transcript.len();
        capture.problems.push(Problem::new(ProblemKind::HarInvalid, Layer::Har, Span::empty_at(end), stop.to_string()));
        capture.stopped = Some(stop);
    }
    capture
}

/// The complete entries of `log.entries` up to where the JSON breaks, found by scanning for
/// the array and parsing one value at a time, so a cut file keeps what it holds.
fn entries_before_break(input: &[u8]) -> (Vec<Value>, usize) {
    let mut out = Vec::new();
    let Some(key) = memchr::memmem::find(input, b"\"entries\"") else { return (out, 0) };
    let mut pos = key + b"\"entries\"".len();
    pos = skip_ws(input, pos);
    if input.get(pos) != Some(&b':') {
        return (out, pos);
    }
    pos = skip_ws(input, pos + 1);
    if input.get(pos) != Some(&b'[') {
        return (out, pos);
    }
    pos += 1;
    loop {
        pos = skip_ws(input, pos);
        let Some(rest) = input.get(pos..) else { break };
        match json::parse_prefix(rest) {
            Some((value, len)) => {
                pos += len;
                out.push(value);
            }
            None => break,
        }
        pos = skip_ws(input, pos);
        if input.get(pos) != Some(&b',') {
            break;
        }
        pos += 1;
    }
    (out, pos)
}

fn skip_ws(input: &[u8], mut pos: usize) -> usize {
    while input.get(pos).is_some_and(|b| b.is_ascii_whitespace()) {
        pos += 1;
    }
    pos
}

fn str_at<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn add_entry(capture: &mut Capture, connections: &mut Vec<(Option<String>, usize)>, entry: &Value) {
    let frame = capture.frames;
    let request = entry.get("request").unwrap_or(&Value::Null);
    let response = entry.get("response").unwrap_or(&Value::Null);
    let url = str_at(request, "url");
    let (authority, path) = split_url(url);
    // One connection per distinct `connection` value, else one per entry.
    // HAR 1.2 writes it as a string; a number is taken as written too.
    let key = entry
        .get("connection")
        .and_then(|c| c.as_str().map(str::to_string).or_else(|| c.as_u64().map(|n| n.to_string())));
    let conn = match key.as_ref().and_then(|k| connections.iter().find(|(c, _)| c.as_ref() == Some(k))) {
        Some((_, id)) => *id,
        None => {
            let id = capture.connections.len();
            let server = match entry.get("serverIPAddress").and_then(Value::as_str) {
                Some(ip) if !ip.is_empty() => {
                    let ip = if ip.contains(':') && !ip.starts_with('[') { format!("[{ip}]") } else { ip.to_string() };
                    format!("{ip}:{}", port_of(url, authority))
                }
                _ => authority.to_string(),
            };
            capture.connections.push(Connection {
                id,
                client: match &key {
                    Some(k) => format!("client (connection {k})"),
                    None => "client".to_string(),
                },
                server,
                first_frame: frame,
                last_frame: frame,
                started_mid_stream: false,
                closed: false,
            });
            connections.push((key, id));
            id
        }
    };
    capture.connections[conn].last_frame = frame;
    let started = parse_time(str_at(entry, "startedDateTime"));
    let version = http_version(str_at(request, "httpVersion"));
    let mut text = format!("{} {} {version}\r\n", str_at(request, "method"), path).into_bytes();
    let post = request.get("postData").unwrap_or(&Value::Null);
    add_headers(&mut text, request, &body_of(post));
    push_unit(
        capture,
        text,
        Origin { connection: conn, from_client: true, first_frame: frame, last_frame: frame, time: started },
    );
    // Status 0: no response was received (blocked, aborted).
    let status = response.get("status").and_then(Value::as_u64).unwrap_or(0);
    if status == 0 {
        return;
    }
    let version = http_version(str_at(response, "httpVersion"));
    let mut text = format!("{version} {status} {}\r\n", str_at(response, "statusText")).into_bytes();
    add_headers(&mut text, response, &body_of(response.get("content").unwrap_or(&Value::Null)));
    // The response begins after the request was sent and the server answered (HAR timings
    // are milliseconds, -1 when not applicable).
    let timings = entry.get("timings").unwrap_or(&Value::Null);
    let before: f64 = ["blocked", "dns", "connect", "send", "wait"]
        .iter()
        .filter_map(|k| timings.get(k).and_then(Value::as_f64))
        .filter(|ms| *ms > 0.0)
        .sum();
    let time = started.map(|t| t + before / 1000.0);
    push_unit(
        capture,
        text,
        Origin { connection: conn, from_client: false, first_frame: frame, last_frame: frame, time },
    );
}

fn push_unit(capture: &mut Capture, text: Vec<u8>, origin: Origin) {
    let at = capture.transcript.len();
    capture.transcript.extend_from_slice(&text);
    capture.units.push(Unit { span: Span::new(at, capture.transcript.len()), origin });
    if !text.ends_with(b"\n") {
        capture.transcript.extend_from_slice(b"\r\n");
    }
}

/// Headers as recorded, then the body. HTTP/2 pseudo-headers (`:method`, ...) are not
/// HTTP/1 headers and are left out. A recorded `Transfer-Encoding: chunked` is honoured by
/// writing the (already de-chunked) body as one chunk, so the framing the headers announce
/// stays true.
fn add_headers(text: &mut Vec<u8>, message: &Value, body: &[u8]) {
    let mut chunked = false;
    for h in message.get("headers").and_then(Value::as_array).into_iter().flatten() {
        let (name, value) = (str_at(h, "name"), str_at(h, "value"));
        if name.is_empty() || name.starts_with(':') {
            continue;
        }
        chunked |= name.eq_ignore_ascii_case("transfer-encoding")
            && contains(value.to_ascii_lowercase().as_bytes(), b"chunked");
        text.extend_from_slice(format!("{name}: {value}\r\n").as_bytes());
    }
    text.extend_from_slice(b"\r\n");
    if chunked {
        if !body.is_empty() {
            text.extend_from_slice(format!("{:x}\r\n", body.len()).as_bytes());
            text.extend_from_slice(body);
            text.extend_from_slice(b"\r\n");
        }
        text.extend_from_slice(b"0\r\n\r\n");
    } else {
        text.extend_from_slice(body);
    }
}

/// `postData` or `content`: `text`, decoded from base64 when `encoding` says so (HAR 1.2
/// defines it on `content`; some tools write it on `postData` too).
fn body_of(v: &Value) -> Vec<u8> {
    let text = str_at(v, "text");
    if str_at(v, "encoding").eq_ignore_ascii_case("base64") {
        let compact: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        if let Some(bytes) = base64::decode(&compact) {
            return bytes;
        }
    }
    text.as_bytes().to_vec()
}

/// `HTTP/1.1` as recorded; browsers write `h2`, `http/2.0` or nothing for other versions.
fn http_version(v: &str) -> String {
    match v.to_ascii_lowercase().as_str() {
        "" => "HTTP/1.1".to_string(),
        "h2" | "http/2" | "http/2.0" => "HTTP/2".to_string(),
        "h3" | "http/3" | "http/3.0" => "HTTP/3".to_string(),
        lower if lower.starts_with("http/") => v.to_ascii_uppercase(),
        _ => v.to_string(),
    }
}

/// The authority and the path (with query) of an absolute URL; a relative one is a path.
fn split_url(url: &str) -> (&str, &str) {
    let Some(scheme_end) = memchr::memmem::find(url.as_bytes(), b"://") else {
        return ("", if url.is_empty() { "/" } else { url });
    };
    let after = &url[scheme_end + 3..];
    let cut = after.find(['/', '?', '#']).unwrap_or(after.len());
    let path = after[cut..].split('#').next().unwrap_or("");
    (&after[..cut], if path.is_empty() { "/" } else { path })
}

fn port_of(url: &str, authority: &str) -> u16 {
    let host_end = authority.rfind(']').unwrap_or(0);
    if let Some(colon) = authority[host_end..].rfind(':') {
        if let Ok(port) = authority[host_end + colon + 1..].parse() {
            return port;
        }
    }
    if url.starts_with("https:") {
        443
    } else {
        80
    }
}

/// `str::contains` for a string needle, through memchr's searcher, which the crate has
/// already, rather than another copy of the standard library's.
fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    memchr::memmem::find(haystack, needle).is_some()
}

/// The value of the digits after a decimal point (`123` is 0.123). Exact for up to 15
/// digits and within an ulp beyond, which is finer than a timestamp near 1.7e9 seconds keeps;
/// by hand so that the page's WebAssembly needs no general float parser.
fn decimal_fraction(digits: &[u8]) -> f64 {
    let kept = &digits[..digits.len().min(18)];
    let n = kept.iter().fold(0u64, |n, d| n * 10 + u64::from(d - b'0'));
    n as f64 / 10f64.powi(kept.len() as i32)
}

/// Seconds since the Unix epoch of an ISO 8601 date-time as HAR writes it
/// (`2024-06-01T12:00:00.123Z`, or with a `+02:00` offset).
fn parse_time(s: &str) -> Option<f64> {
    let b = s.as_bytes();
    let num = |from: usize, len: usize| -> Option<i64> {
        let part = s.get(from..from + len)?;
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse().ok())?
    };
    let (year, month, day) = (num(0, 4)?, num(5, 2)?, num(8, 2)?);
    let (hour, minute, second) = (num(11, 2)?, num(14, 2)?, num(17, 2)?);
    if b.get(4) != Some(&b'-') || !matches!(b.get(10), Some(b'T' | b' ')) {
        return None;
    }
    let mut pos = 19;
    let mut fraction = 0.0;
    if b.get(pos) == Some(&b'.') {
        let digits = b[pos + 1..].iter().take_while(|c| c.is_ascii_digit()).count();
        fraction = decimal_fraction(b.get(pos + 1..pos + 1 + digits).filter(|d| !d.is_empty())?);
        pos += 1 + digits;
    }
    let offset = match b.get(pos) {
        Some(b'+') | Some(b'-') => {
            let sign = if b[pos] == b'-' { -1 } else { 1 };
            let minutes = num(pos + 1, 2)? * 60 + num(pos + 4, 2).or_else(|| num(pos + 3, 2)).unwrap_or(0);
            sign * minutes * 60
        }
        _ => 0,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some((days * 86_400 + hour * 3600 + minute * 60 + second - offset) as f64 + fraction)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_and_urls() {
        assert_eq!(parse_time("2024-06-01T12:00:00Z"), Some(1_717_243_200.0));
        assert_eq!(parse_time("2024-06-01T14:00:00.5+02:00"), Some(1_717_243_200.5));
        assert_eq!(parse_time("junk"), None);
        assert_eq!(parse_time("2024-06-01T12:00:00.Z"), None);
        for digits in ["5", "123", "000001", "999999999", "123456789012345", "12345678901234567890123"] {
            let expected: f64 = format!("0.{digits}").parse().unwrap();
            assert!((decimal_fraction(digits.as_bytes()) - expected).abs() <= f64::EPSILON * expected, "{digits}");
        }
        assert_eq!(split_url("http://h:8123/a/b?x=1#f"), ("h:8123", "/a/b?x=1"));
        assert_eq!(split_url("https://h"), ("h", "/"));
        assert_eq!(port_of("http://[::1]:81/", "[::1]:81"), 81);
        assert_eq!(port_of("https://h/", "h"), 443);
    }

    #[test]
    fn a_cut_file_keeps_its_complete_entries() {
        let text = br#"{"log":{"version":"1.2","entries":[{"request":{"method":"GET","url":"http://h/","httpVersion":"HTTP/1.1","headers":[]},"response":{"status":200,"statusText":"OK","httpVersion":"HTTP/1.1","headers":[],"content":{"text":""}}},{"request":{"meth"#;
        let c = read(text);
        assert_eq!(c.frames, 1);
        assert_eq!(c.units.len(), 2);
        let stop = c.stopped.expect("stopped");
        assert_eq!((stop.cause, stop.read_before), (StopCause::Cut, 1));
        assert!(stop.to_string().contains("1 entry read"), "{stop}");
    }

    #[test]
    fn deep_nesting_is_a_finding_not_a_crash() {
        let mut text = b"{\"log\":".to_vec();
        text.extend(std::iter::repeat_n(b'[', 100_000));
        let c = read(&text);
        assert_eq!(c.stopped.map(|s| s.cause), Some(StopCause::Corrupt));
        assert_eq!(c.problems[0].kind, ProblemKind::HarInvalid);
    }
}
