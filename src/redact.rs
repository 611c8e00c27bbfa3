//! Redaction for sharing: the inspected text with credentials, cookies, host names and
//! addresses replaced, worked out from the parsed messages rather than from patterns over
//! raw bytes.
//!
//! For a capture (pcap, pcapng, HAR) the text is its transcript, so a secret that TCP cut
//! across two segments is one header value here and is replaced whole, and the binary file
//! is never touched. What is replaced:
//!
//! - `Authorization`, `Proxy-Authorization`: everything after the scheme word
//!   (`Basic <redacted>`); a value without a scheme goes whole.
//! - `WWW-Authenticate`, `Proxy-Authenticate`: every challenge's parameters or blob; a bare
//!   scheme word (`Negotiate`, `NTLM`) stays.
//! - `Cookie`, `Set-Cookie`: every cookie's value (names stay); `Domain=` as a host name.
//! - Host names and IP addresses: `Host`, `BITS-Host-Id`, `X-Forwarded-For`,
//!   `X-Forwarded-Host`, `Forwarded`, and the authority of absolute URLs in request targets,
//!   `Referer`, `Location`, `Content-Location`, `BITS-Reply-URL`, `BITS-Original-Request-URL`
//!   and `BITS-Static-Response-URL` (user info in a URL goes too). Ports stay.
//! - The values of query parameters in those URLs (SAS tokens, signatures); names stay.
//! - The addresses of a capture's connections ([`Redaction::connections`]).
//!
//! Values spread over continuation lines (obsolete folding) are redacted line by line, so
//! the fold stays and the message parses as before. Host names are replaced consistently
//! (the same host is always `host-1.invalid`), IPv4 addresses by documentation addresses
//! (`192.0.2.1`, ...), IPv6 ones by `2001:db8::1`, ..., so the conversation (Host-Id
//! routing, sessions across connections) reads the same. Bodies are kept as they are.

use std::net::{Ipv4Addr, Ipv6Addr};

use serde::Serialize;

use crate::bits::headers::{Grammar, HeaderKey};
use crate::http::lines::{is_tchar, line_at};
use crate::http::StartLine;
use crate::input::Connection;
use crate::order::{self, SortKey};
use crate::report::{HeaderReport, Report};
use crate::span::Span;

/// What a redacted header value becomes.
pub const REDACTED: &str = "<redacted>";
/// What a redacted piece of a URL becomes: characters a URL may hold, so the request line
/// stays as valid as it was.
pub const URL_REDACTED: &str = "redacted";

/// The redacted text, and what was replaced.
#[derive(Debug, Clone)]
pub struct Redaction {
    /// The text with every secret replaced: the input for text, the transcript for a capture.
    pub text: Vec<u8>,
    pub counts: RedactionCounts,
    /// A capture's connections with their addresses replaced (empty for text).
    pub connections: Vec<Connection>,
}

/// How many things of each kind were replaced. Values are counted where they were;
/// host names and addresses once each, however often they appear.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct RedactionCounts {
    /// `Authorization` and `Proxy-Authorization` values.
    pub authorization: usize,
    /// `WWW-Authenticate` and `Proxy-Authenticate` values with something replaced.
    pub challenges: usize,
    /// Cookie values (`Cookie`, `Set-Cookie`).
    pub cookies: usize,
    /// User names and passwords in URLs.
    pub user_info: usize,
    /// Values of URL query parameters.
    pub query_values: usize,
    /// Distinct host names.
    pub host_names: usize,
    /// Distinct IP addresses.
    pub addresses: usize,
}

impl RedactionCounts {
    pub fn total(&self) -> usize {
        self.authorization
            + self.challenges
            + self.cookies
            + self.user_info
            + self.query_values
            + self.host_names
            + self.addresses
    }

    /// In words: "2 Authorization values, 1 cookie, 3 host names"; "nothing" when nothing was.
    pub fn words(&self) -> String {
        let parts: Vec<String> = [
            (self.authorization, "Authorization value", "Authorization values"),
            (self.challenges, "authentication challenge", "authentication challenges"),
            (self.cookies, "cookie", "cookies"),
            (self.user_info, "URL user info", "URL user infos"),
            (self.query_values, "query value", "query values"),
            (self.host_names, "host name", "host names"),
            (self.addresses, "address", "addresses"),
        ]
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect();
        if parts.is_empty() {
            "nothing".to_string()
        } else {
            parts.join(", ")
        }
    }
}

/// Redacts `text`, which `report` was made of (an [`crate::Inspection`]'s `text` and `report`).
pub fn redact(text: &[u8], report: &Report) -> Redaction {
    let mut r = Redactor::default();
    for message in &report.messages {
        if let StartLine::Request { target, .. } = message.start_line {
            let edits = r.url(target.slice(text));
            r.edits.extend(edits.into_iter().map(|(a, b, with)| (Span::new(target.start + a, target.start + b), with)));
        }
        for header in &message.headers {
            r.header(text, header);
        }
    }
    let connections = match &report.capture {
        Some(c) => c
            .connections
            .iter()
            .map(|k| Connection { client: r.endpoint(&k.client), server: r.endpoint(&k.server), ..k.clone() })
            .collect(),
        None => Vec::new(),
    };
    // In text order (they mostly are already); keys of the crate's one sort (crate::order).
    let mut keys: Vec<SortKey> =
        r.edits.iter().enumerate().map(|(k, (span, _))| (span.start as u64, span.end as u64, k as u64)).collect();
    order::sort(&mut keys);
    let mut out = Vec::with_capacity(text.len());
    let mut at = 0;
    for &(_, _, k) in &keys {
        let (span, with) = &r.edits[k as usize];
        // Edits come from distinct header lines and start lines and never overlap; were one
        // to, its bytes past the previous edit would go too, never come back.
        if span.start < at {
            at = at.max(span.end);
            continue;
        }
        out.extend_from_slice(&text[at..span.start]);
        out.extend_from_slice(with.as_bytes());
        at = span.end;
    }
    out.extend_from_slice(&text[at..]);
    Redaction { text: out, counts: r.counts, connections }
}

/// What a header may give away, and so how its value is redacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Secret {
    /// `Authorization`, `Proxy-Authorization`.
    Credentials,
    /// `WWW-Authenticate`, `Proxy-Authenticate`.
    Challenges,
    Cookies {
        set: bool,
    },
    /// Host names or addresses, one or a list.
    Hosts,
    /// `Forwarded` (RFC 7239): `for=`, `by=` and `host=` hold hosts.
    Forwarded,
    /// A URL: its user info, host and query values.
    Url,
}

impl Secret {
    /// BITS headers are told by the header table's value grammar, so every table header
    /// that holds a host or a URL is covered without a list of its own here; the HTTP
    /// headers the table does not hold, by name.
    fn of(name: &str, key: Option<HeaderKey>) -> Option<Secret> {
        match key.map(|k| k.spec().grammar) {
            Some(Grammar::HostName) => return Some(Secret::Hosts),
            Some(Grammar::ReplyUrl | Grammar::AbsoluteUrl) => return Some(Secret::Url),
            _ => {}
        }
        Some(match name {
            "authorization" | "proxy-authorization" => Secret::Credentials,
            "www-authenticate" | "proxy-authenticate" => Secret::Challenges,
            "cookie" => Secret::Cookies { set: false },
            "set-cookie" => Secret::Cookies { set: true },
            "host" | "x-forwarded-host" | "x-forwarded-for" => Secret::Hosts,
            "forwarded" => Secret::Forwarded,
            "referer" | "location" | "content-location" => Secret::Url,
            _ => return None,
        })
    }
}

/// An edit of a value: `start..end` in the value, and what goes there.
type Edit = (usize, usize, String);

#[derive(Default)]
struct Redactor {
    edits: Vec<(Span, String)>,
    counts: RedactionCounts,
    /// Host names (lowercase), IPv4 and IPv6 addresses (`4:` and `6:` before their usual
    /// spelling), each with its stand-in. Few in any capture: a list searched in order
    /// costs less wasm than a map.
    hosts: Vec<(String, String)>,
    v4: usize,
    v6: usize,
}

impl Redactor {
    fn header(&mut self, text: &[u8], header: &HeaderReport) {
        let name = String::from_utf8_lossy(header.name(text)).to_ascii_lowercase();
        let Some(secret) = Secret::of(&name, header.key) else { return };
        let value = String::from_utf8_lossy(header.value(text)).into_owned();
        let edits = match secret {
            Secret::Credentials => credentials(&value),
            Secret::Challenges => challenges(&value),
            Secret::Cookies { set } => self.cookies(&value, set),
            // A host header that holds a whole URL (a misconfigured BITS-Host-Id) is one.
            Secret::Hosts if find(&value, "://").is_some() => self.url(value.as_bytes()),
            Secret::Hosts => self.host_list(&value),
            Secret::Forwarded => self.forwarded(&value),
            Secret::Url => self.url(value.as_bytes()),
        };
        if edits.is_empty() {
            return;
        }
        match secret {
            Secret::Credentials => self.counts.authorization += 1,
            Secret::Challenges => self.counts.challenges += 1,
            Secret::Cookies { .. } => {
                self.counts.cookies += edits.iter().filter(|(_, _, with)| with == REDACTED).count()
            }
            Secret::Hosts | Secret::Forwarded | Secret::Url => {}
        }
        self.place(text, header, &value, edits);
    }

    /// Puts edits of a header's (joined) value onto the lines it came from.
    fn place(&mut self, text: &[u8], header: &HeaderReport, value: &str, edits: Vec<Edit>) {
        let pieces = pieces(text, header);
        let joined: Vec<u8> = pieces.iter().map(|p| p.slice(text)).collect::<Vec<_>>().join(&b' ');
        if header.folded_value.is_none() || joined != value.as_bytes() {
            // One line (or folding this code cannot retrace): the value is one span. A
            // value that was not UTF-8 went through a lossy decoding: then it goes whole.
            let span = Span::new(header.value_span.start, header.span.end.max(header.value_span.end));
            if value.as_bytes() == header.value(text) && header.folded_value.is_none() {
                self.edits
                    .extend(edits.into_iter().map(|(a, b, with)| (Span::new(span.start + a, span.start + b), with)));
            } else {
                self.edits.push((span, REDACTED.to_string()));
            }
            return;
        }
        let mut offset = 0;
        let mut placed = vec![false; edits.len()];
        for piece in pieces {
            let (from, to) = (offset, offset + piece.len());
            for (k, (a, b, with)) in edits.iter().enumerate() {
                let (lo, hi) = ((*a).max(from), (*b).min(to));
                if lo >= hi {
                    continue;
                }
                let span = Span::new(piece.start + lo - from, piece.start + hi - from);
                let with = if !placed[k] {
                    with.clone()
                } else if lo == from && hi == to {
                    REDACTED.to_string()
                } else {
                    String::new()
                };
                placed[k] = true;
                self.edits.push((span, with));
            }
            offset = to + 1;
        }
    }

    /// `a=1; b=2` → `a=<redacted>; b=<redacted>`. For `Set-Cookie` the first pair is the
    /// cookie and the rest are attributes, which stay, except `Domain=`: a host name.
    fn cookies(&mut self, value: &str, set_cookie: bool) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (k, (start, item)) in split_trimmed(value, &[';']).into_iter().enumerate() {
            let cookie = !set_cookie || k == 0;
            match item.split_once('=') {
                Some((name, v)) if cookie || name.trim().eq_ignore_ascii_case("domain") => {
                    let lead = v.len() - v.trim_start().len();
                    let from = start + name.len() + 1 + lead;
                    if from == start + item.len() {
                        continue;
                    }
                    if cookie {
                        edits.push((from, start + item.len(), REDACTED.to_string()));
                    } else {
                        let domain = &item[name.len() + 1 + lead..];
                        let dot = usize::from(domain.starts_with('.'));
                        let with = self.host(&domain[dot..]);
                        edits.push((from + dot, start + item.len(), with));
                    }
                }
                None if cookie => edits.push((start, start + item.len(), REDACTED.to_string())),
                _ => {}
            }
        }
        edits
    }

    /// A comma-separated list of `host[:port]` (or addresses).
    fn host_list(&mut self, value: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (start, item) in split_trimmed(value, &[',']) {
            edits.extend(self.host_port(item).into_iter().map(|(a, b, with)| (start + a, start + b, with)));
        }
        edits
    }

    /// `host`, `host:port`, `[v6]:port` or a bare IPv6 address: the host replaced.
    fn host_port(&mut self, value: &str) -> Option<Edit> {
        let (start, host) = if let Some(rest) = value.strip_prefix('[') {
            (1, &rest[..rest.find(']').unwrap_or(rest.len())])
        } else if value.matches(':').count() > 1 {
            (0, value)
        } else {
            (0, value.split(':').next().unwrap_or(""))
        };
        (!host.is_empty()).then(|| (start, start + host.len(), self.host(host)))
    }

    /// The stand-in for a host name or address, the same each time.
    fn host(&mut self, host: &str) -> String {
        let (key, address) = if let Ok(ip) = host.parse::<Ipv4Addr>() {
            (format!("4:{ip}"), Some(false))
        } else if let Ok(ip) = host.parse::<Ipv6Addr>() {
            (format!("6:{ip}"), Some(true))
        } else {
            (host.trim_end_matches('.').to_ascii_lowercase(), None)
        };
        if let Some((_, with)) = self.hosts.iter().find(|(k, _)| *k == key) {
            return with.clone();
        }
        let with = match address {
            Some(v6) => {
                self.counts.addresses += 1;
                if v6 {
                    self.v6 += 1;
                    Ipv6Addr::from((0x2001_0db8u128 << 96) | self.v6 as u128).to_string()
                } else {
                    self.v4 += 1;
                    documentation_v4(self.v4 - 1)
                }
            }
            None => {
                self.counts.host_names += 1;
                format!("host-{}.invalid", self.counts.host_names)
            }
        };
        self.hosts.push((key, with.clone()));
        with
    }

    /// A connection end as the capture names it (`address:port`, `[v6]:port`, or a HAR
    /// authority); `client (connection 3)` and other words stay.
    fn endpoint(&mut self, end: &str) -> String {
        if end.contains(' ') || end.is_empty() {
            return end.to_string();
        }
        match self.host_port(end) {
            Some((a, b, with)) => format!("{}{with}{}", &end[..a], &end[b..]),
            None => end.to_string(),
        }
    }

    /// A URL's user info and host when it is absolute (`scheme://user@host:port/...`, or
    /// `//host/...`), and the values of its query (`?sig=redacted&se=redacted`): names stay.
    fn url(&mut self, value: &[u8]) -> Vec<Edit> {
        let Ok(value) = std::str::from_utf8(value) else {
            // Not UTF-8: the whole of it goes.
            return if value.is_empty() { Vec::new() } else { vec![(0, value.len(), URL_REDACTED.to_string())] };
        };
        let lead = value.len() - value.trim_start().len();
        let v = value.trim_start();
        let authority_start = match find(v, "://") {
            Some(at) if at > 0 && v[..at].bytes().all(|b| b.is_ascii_alphanumeric() || b"+-.".contains(&b)) => {
                Some(at + 3)
            }
            _ if v.as_bytes().starts_with(b"//") => Some(2),
            _ => None,
        };
        let mut edits = Vec::new();
        let mut path_start = lead;
        if let Some(authority_start) = authority_start {
            let rest = &v[authority_start..];
            let authority = &rest[..rest.find(['/', '?', '#', ' ']).unwrap_or(rest.len())];
            let at = lead + authority_start;
            path_start = at + authority.len();
            let host_part = match authority.rfind('@') {
                Some(sign) => {
                    self.counts.user_info += 1;
                    edits.push((at, at + sign, URL_REDACTED.to_string()));
                    (at + sign + 1, &authority[sign + 1..])
                }
                None => (at, authority),
            };
            if let Some((a, b, with)) = self.host_port(host_part.1) {
                edits.push((host_part.0 + a, host_part.0 + b, with));
            }
        }
        let rest = &value[path_start..];
        if let Some(q) = rest.find('?') {
            let query_start = path_start + q + 1;
            let query = &value[query_start..];
            let query = &query[..query.find(['#', ' ']).unwrap_or(query.len())];
            let mut at = query_start;
            for pair in query.split('&') {
                if let Some((name, v)) = pair.split_once('=') {
                    if !v.is_empty() {
                        let from = at + name.len() + 1;
                        edits.push((from, from + v.len(), URL_REDACTED.to_string()));
                        self.counts.query_values += 1;
                    }
                }
                at += pair.len() + 1;
            }
        }
        edits
    }

    /// `Forwarded: for=192.0.2.60;proto=http;by=203.0.113.43;host=example.com`.
    fn forwarded(&mut self, value: &str) -> Vec<Edit> {
        let mut edits = Vec::new();
        for (start, item) in split_trimmed(value, &[',', ';']) {
            let Some((key, v)) = item.split_once('=') else { continue };
            if !["for", "by", "host"].iter().any(|k| key.trim().eq_ignore_ascii_case(k)) {
                continue;
            }
            let mut at = start + key.len() + 1;
            let mut v = v.trim();
            at += item[key.len() + 1..].len() - item[key.len() + 1..].trim_start().len();
            if let Some(inner) = v.strip_prefix('"') {
                v = inner.strip_suffix('"').unwrap_or(inner);
                at += 1;
            }
            if v.starts_with('_') || v.eq_ignore_ascii_case("unknown") {
                continue; // obfuscated identifiers say nothing
            }
            edits.extend(self.host_port(v).map(|(a, b, with)| (at + a, at + b, with)));
        }
        edits
    }
}

/// The lines a header's value is on: the first line's value, then each continuation line
/// without its leading and trailing white space (the parser joins them with one space).
fn pieces(text: &[u8], header: &HeaderReport) -> Vec<Span> {
    let mut out = vec![header.value_span];
    if header.folded_value.is_none() {
        return out;
    }
    let mut pos = line_at(text, header.value_span.end).next;
    while pos < header.span.end {
        let line = line_at(text, pos);
        let end = line.content_end.min(header.span.end);
        let (mut a, mut b) = (pos, end);
        while a < b && matches!(text[a], b' ' | b'\t') {
            a += 1;
        }
        while b > a && matches!(text[b - 1], b' ' | b'\t') {
            b -= 1;
        }
        out.push(Span::new(a, b));
        pos = line.next;
    }
    out
}

/// Where `needle` is in `haystack` (memchr's search: the one the crate already has).
fn find(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// Items of a list separated by any of `separators`, trimmed, with where each starts.
fn split_trimmed<'a>(value: &'a str, separators: &[char]) -> Vec<(usize, &'a str)> {
    let mut out = Vec::new();
    let mut start = 0;
    for part in value.split(separators) {
        let lead = part.len() - part.trim_start().len();
        let item = part.trim();
        if !item.is_empty() {
            out.push((start + lead, item));
        }
        start += part.len() + 1;
    }
    out
}

/// The scheme word a value starts with, when a space follows it: its length.
fn scheme_then_space(item: &str) -> Option<usize> {
    let n = item.bytes().take_while(|&b| is_tchar(b)).count();
    (n > 0 && item[n..].starts_with([' ', '\t'])).then_some(n)
}

/// `Basic dXNlcjpwYXNz` → `Basic <redacted>`; a value without a scheme goes whole.
fn credentials(value: &str) -> Vec<Edit> {
    if value.trim().is_empty() {
        return Vec::new();
    }
    match scheme_then_space(value) {
        Some(n) => {
            let rest = n + (value[n..].len() - value[n..].trim_start().len());
            if rest == value.len() {
                Vec::new()
            } else {
                vec![(rest, value.len(), REDACTED.to_string())]
            }
        }
        None => vec![(0, value.len(), REDACTED.to_string())],
    }
}

/// Each challenge keeps its scheme word; its parameters or blob go. A bare item is kept
/// as a scheme only when it is a short token (a blob is not).
fn challenges(value: &str) -> Vec<Edit> {
    let mut edits = Vec::new();
    for (start, item) in split_trimmed(value, &[',']) {
        if item.len() <= 16 && item.bytes().all(is_tchar) {
            continue;
        }
        match scheme_then_space(item) {
            Some(n) => {
                let rest = n + (item[n..].len() - item[n..].trim_start().len());
                edits.push((start + rest, start + item.len(), REDACTED.to_string()));
            }
            None => edits.push((start, start + item.len(), REDACTED.to_string())),
        }
    }
    edits
}

/// The `n`th IPv4 documentation address: 192.0.2.1-254, then 198.51.100.x, 203.0.113.x,
/// then the benchmarking block 198.18.0.0/15.
fn documentation_v4(n: usize) -> String {
    match ["192.0.2", "198.51.100", "203.0.113"].get(n / 254) {
        Some(block) => format!("{block}.{}", n % 254 + 1),
        None => {
            let m = (n - 3 * 254) % (1 << 17);
            format!("198.{}.{}.{}", 18 + (m >> 16), (m >> 8) & 0xff, m & 0xff)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_header_holding_a_host_or_a_url_is_redacted() {
        use crate::bits::headers::{HeaderKey, HEADERS};
        for (slot, spec) in HEADERS.iter().enumerate() {
            let holds = matches!(spec.grammar, Grammar::HostName | Grammar::ReplyUrl | Grammar::AbsoluteUrl);
            let secret = Secret::of(&spec.name.to_ascii_lowercase(), Some(HeaderKey(slot)));
            assert_eq!(secret.is_some(), holds, "{}", spec.name);
        }
    }

    #[test]
    fn values_keep_their_scheme_and_names() {
        assert_eq!(credentials("Basic dXNlcjpwYXNz"), vec![(6, 18, REDACTED.to_string())]);
        assert_eq!(credentials("secret"), vec![(0, 6, REDACTED.to_string())]);
        assert!(challenges("Negotiate, NTLM").is_empty());
        assert_eq!(challenges("NTLM TlRMTVNTUAACAAAA"), vec![(5, 21, REDACTED.to_string())]);
        let mut r = Redactor::default();
        let c = r.cookies("a=1; b = 2", false);
        assert_eq!(c, vec![(2, 3, REDACTED.to_string()), (9, 10, REDACTED.to_string())]);
        let s = r.cookies("id=xyz; Path=/; Domain=.example.com; HttpOnly", true);
        assert_eq!(s, vec![(3, 6, REDACTED.to_string()), (24, 35, "host-1.invalid".to_string())]);
    }

    #[test]
    fn hosts_and_addresses_are_replaced_consistently() {
        let mut r = Redactor::default();
        assert_eq!(r.endpoint("10.0.0.1:49152"), "192.0.2.1:49152");
        assert_eq!(r.endpoint("[fe80::1]:80"), "[2001:db8::1]:80");
        assert_eq!(r.endpoint("10.0.0.1:80"), "192.0.2.1:80");
        assert_eq!(r.endpoint("client (connection 2)"), "client (connection 2)");
        assert_eq!(r.host("Server.Example"), "host-1.invalid");
        assert_eq!(r.host("server.example"), "host-1.invalid");
        assert_eq!(r.host("other"), "host-2.invalid");
        assert_eq!(documentation_v4(254), "198.51.100.1");
        assert_eq!(documentation_v4(3 * 254 + 257), "198.18.1.1");
        let edits = r.url(b"http://user:pw@server.example:8080/a?b");
        assert_eq!(edits[0], (7, 14, URL_REDACTED.to_string()));
        assert_eq!(edits[1], (15, 29, "host-1.invalid".to_string()));
        assert!(r.url(b"/upload/a.txt").is_empty());
        assert_eq!(
            r.url(b"/a?sig=xyz&flag&se=1"),
            vec![(7, 10, URL_REDACTED.to_string()), (19, 20, URL_REDACTED.to_string())]
        );
    }
}
