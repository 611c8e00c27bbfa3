//! Header value grammars: typed parsers the rules use, and each value put into words.

use uuid::Uuid;

use crate::bits::codes;
use crate::bits::headers::Grammar;
use crate::bits::packet::PacketType;
use crate::http::parse_decimal;

/// The only protocol either document defines: the BITS 1.5 Upload Protocol.
pub const BITS15_PROTOCOL: Uuid = uuid::uuid!("7df0354d-249b-430f-820d-3d2a9bef4931");

/// A GUID written `{8-4-4-4-12}` (braces required) in any case.
pub fn parse_braced_guid(value: &[u8]) -> Option<Uuid> {
    if value.len() != 38 || value[0] != b'{' || value[37] != b'}' {
        return None;
    }
    parse_hyphenated(&value[1..37])
}

/// A GUID with or without braces, in any case.
pub fn parse_guid(value: &[u8]) -> Option<Uuid> {
    parse_braced_guid(value).or_else(|| parse_hyphenated(value))
}

fn parse_hyphenated(value: &[u8]) -> Option<Uuid> {
    // uuid also takes simple and URN forms; BITS writes only the hyphenated one.
    if value.len() != 36 || [8, 13, 18, 23].iter().any(|&i| value[i] != b'-') {
        return None;
    }
    Uuid::try_parse_ascii(value).ok()
}

pub struct GuidList<'a> {
    /// Each entry as written, and its GUID when it is a braced GUID.
    pub entries: Vec<(&'a [u8], Option<Uuid>)>,
    pub comma_separated: bool,
}

pub fn parse_guid_list(value: &[u8]) -> GuidList<'_> {
    let entries = value
        .split(|&b| b == b' ' || b == b',' || b == b'\t')
        .filter(|e| !e.is_empty())
        .map(|e| (e, parse_braced_guid(e)))
        .collect();
    GuidList { entries, comma_separated: value.contains(&b',') }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ContentRange {
    pub first: u64,
    pub last: u64,
    pub total: u64,
    /// Written with the unit `bytes` exactly as RFC 2616 and the Windows client do.
    pub unit_lower_case: bool,
}

impl ContentRange {
    pub fn is_valid(&self) -> bool {
        self.first <= self.last && self.last < self.total
    }

    pub fn byte_count(&self) -> u64 {
        self.last.saturating_sub(self.first).saturating_add(1)
    }

    pub fn is_final(&self) -> bool {
        self.last.checked_add(1) == Some(self.total)
    }
}

/// `bytes first-last/total`.
pub fn parse_content_range(value: &[u8]) -> Option<ContentRange> {
    let space = value.iter().position(|&b| b == b' ')?;
    let (unit, rest) = (&value[..space], value[space + 1..].trim_ascii());
    if !unit.eq_ignore_ascii_case(b"bytes") {
        return None;
    }
    let dash = rest.iter().position(|&b| b == b'-')?;
    let slash = rest.iter().position(|&b| b == b'/')?;
    if slash < dash {
        return None;
    }
    Some(ContentRange {
        first: parse_decimal(&rest[..dash])?,
        last: parse_decimal(&rest[dash + 1..slash])?,
        total: parse_decimal(&rest[slash + 1..])?,
        unit_lower_case: unit == b"bytes",
    })
}

/// A non-negative decimal byte offset or count.
pub fn parse_offset(value: &[u8]) -> Option<u64> {
    parse_decimal(value)
}

/// A 32-bit HRESULT in hexadecimal: `0x8020001F`, `0X8020001f`, `8020001F` and the
/// `x8020001F` of [MC-BUP]'s table are all read (neither document fixes the form, 9.D25).
pub fn parse_hresult(value: &[u8]) -> Option<u32> {
    let digits = strip_hex_prefix(value);
    if digits.is_empty() || digits.len() > 8 {
        return None;
    }
    u32::from_str_radix(std::str::from_utf8(digits).ok()?, 16).ok()
}

/// The error context is written in hex too (`0x5`, `5`, `0x00000005`).
pub fn parse_error_context(value: &[u8]) -> Option<u32> {
    parse_hresult(value)
}

fn strip_hex_prefix(value: &[u8]) -> &[u8] {
    let v = value.trim_ascii();
    if v.len() > 2 && (v.starts_with(b"0x") || v.starts_with(b"0X")) {
        &v[2..]
    } else if v.len() > 1 && (v[0] == b'x' || v[0] == b'X') {
        &v[1..]
    } else {
        v
    }
}

/// A host name (RFC 1738 section 5), an IPv4 address or an IPv6 address (bracketed or not).
pub fn is_host(value: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(value) else {
        return false;
    };
    if text.parse::<std::net::Ipv6Addr>().is_ok() {
        return true;
    }
    if let Some(inner) = text.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
        return inner.parse::<std::net::Ipv6Addr>().is_ok();
    }
    !text.is_empty()
        && text.len() <= 255
        && text.trim_end_matches('.').split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
                && !label.starts_with('-')
                && !label.ends_with('-')
        })
}

pub const SESSION_ID_MAX: usize = 100;

/// Why a session id breaks the Win32 rule (HTTP-legal, at most 100 characters), if it does.
pub fn session_id_problem(value: &[u8]) -> Option<String> {
    if value.is_empty() {
        return Some("the session id is empty".to_string());
    }
    if value.len() > SESSION_ID_MAX {
        return Some(format!("{} characters, the limit is {SESSION_ID_MAX}", value.len()));
    }
    if let Some(b) = value.iter().find(|&&b| !(0x20..0x7f).contains(&b)) {
        return Some(format!("byte 0x{b:02X} is not a visible ASCII character"));
    }
    None
}

pub const CONTENT_NAME_MAX: usize = 260;
const FORBIDDEN_IN_FILE_NAMES: &[u8] = b"\\/:*?\"<>|";

pub fn content_name_problem(value: &[u8]) -> Option<String> {
    let chars = crate::span::count_chars(value);
    if chars > CONTENT_NAME_MAX {
        return Some(format!("{chars} characters, the limit is {CONTENT_NAME_MAX}"));
    }
    value
        .iter()
        .find(|b| FORBIDDEN_IN_FILE_NAMES.contains(b))
        .map(|&b| format!("`{}` is not allowed in a Windows file name", b as char))
}

/// Seconds in words: `110` -> "110 seconds (1 min 50 s)".
pub fn duration_words(seconds: u64) -> String {
    if seconds == 0xFFFF_FFFF {
        return format!("{seconds} seconds (0xFFFFFFFF: never fall back)");
    }
    let (d, h, m, s) = (seconds / 86_400, seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    let mut parts = Vec::new();
    for (n, unit) in [(d, "d"), (h, "h"), (m, "min"), (s, "s")] {
        if n > 0 {
            parts.push(format!("{n} {unit}"));
        }
    }
    if seconds < 60 {
        format!("{seconds} seconds")
    } else {
        format!("{seconds} seconds ({})", parts.join(" "))
    }
}

pub fn byte_count_words(n: u64) -> String {
    const UNITS: [&str; 5] = ["KiB", "MiB", "GiB", "TiB", "PiB"];
    if n < 1024 {
        return format!("{n} bytes");
    }
    // The amount in tenths of the unit, rounded half to even as `{:.1}` rounds `n as f64`
    // divided by a power of 1024; in integers so the page's wasm needs no float printer.
    let exact = n as f64 as u128;
    let mut unit = 0;
    while unit < UNITS.len() - 1 && exact >> (10 * (unit + 2)) > 0 {
        unit += 1;
    }
    let shift = 10 * (unit + 1);
    let mut tenths = (exact * 10) >> shift;
    let rest = (exact * 10) & ((1 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if rest > half || (rest == half && tenths % 2 == 1) {
        tenths += 1;
    }
    // At most 16384 PiB in tenths: a u64 (whose printer the wasm has already; u128's is more).
    let tenths = tenths as u64;
    format!("{n} bytes ({}.{} {})", tenths / 10, tenths % 10, UNITS[unit])
}

pub fn hresult_words(code: u32) -> String {
    match codes::describe_hresult(code) {
        Some(info) => format!("0x{code:08X} {}: {}", info.name, info.meaning),
        None => format!("0x{code:08X}: {}", hresult_anatomy(code)),
    }
}

/// What the HRESULT's bits say when no table knows the code.
fn hresult_anatomy(code: u32) -> String {
    let severity = if code & 0x8000_0000 != 0 { "failure" } else { "success" };
    let facility = (code >> 16) & 0x7ff;
    let facility_name = match facility {
        7 => " (Win32)",
        0x19 => " (HTTP)",
        0x20 => " (BITS)",
        _ => "",
    };
    format!("unknown code, {severity}, facility {facility}{facility_name}, code {}", code & 0xffff)
}

/// Whether a value follows its grammar, without putting it into words: the checker asks
/// this of every header, the words are built once, for the report.
pub fn is_valid(grammar: Grammar, value: &[u8]) -> bool {
    match grammar {
        Grammar::PacketType => PacketType::from_value(value).is_some() || value.eq_ignore_ascii_case(b"Ack"),
        Grammar::GuidList => {
            let list = parse_guid_list(value);
            !list.entries.is_empty() && list.entries.iter().all(|(_, g)| g.is_some())
        }
        Grammar::BracedGuid => parse_braced_guid(value).is_some(),
        Grammar::SessionId => session_id_problem(value).is_none(),
        Grammar::HostName => is_host(value),
        Grammar::Seconds | Grammar::ByteCount | Grammar::Offset => parse_decimal(value).is_some(),
        Grammar::ContentCoding => value.eq_ignore_ascii_case(b"identity"),
        Grammar::ContentRange => parse_content_range(value).is_some_and(|r| r.is_valid()),
        Grammar::Hresult => parse_hresult(value).is_some(),
        Grammar::ErrorContext => matches!(parse_error_context(value), Some(5 | 7)),
        Grammar::FileName => content_name_problem(value).is_none(),
        Grammar::AbsoluteUrl => is_absolute_url(value),
        Grammar::ReplyUrl | Grammar::Path | Grammar::Text => true,
    }
}

/// The value of one header in words, or why it does not follow its grammar.
pub fn describe(grammar: Grammar, value: &[u8]) -> Result<String, String> {
    let text = String::from_utf8_lossy(value);
    match grammar {
        Grammar::PacketType => match PacketType::from_value(value) {
            Some(t) => Ok(format!("{} request", t.wire_name())),
            None if value.eq_ignore_ascii_case(b"Ack") => Ok("Ack: a response to a BITS request".to_string()),
            None => Err(format!("`{text}` is not a BITS packet type")),
        },
        Grammar::GuidList => {
            let list = parse_guid_list(value);
            if list.entries.is_empty() {
                return Err("no protocol GUID listed".to_string());
            }
            let words: Vec<String> = list
                .entries
                .iter()
                .map(|(raw, guid)| match guid {
                    Some(g) => protocol_words(*g),
                    None => format!("`{}` is not a braced GUID", String::from_utf8_lossy(raw)),
                })
                .collect();
            if list.entries.iter().any(|(_, g)| g.is_none()) {
                Err(words.join("; "))
            } else {
                Ok(format!("{} offered: {}", list.entries.len(), words.join("; ")))
            }
        }
        Grammar::BracedGuid => {
            parse_braced_guid(value).map(protocol_words).ok_or_else(|| format!("`{text}` is not a braced GUID"))
        }
        Grammar::SessionId => match (parse_guid(value), session_id_problem(value)) {
            (_, Some(problem)) => Err(problem),
            (Some(g), None) => Ok(format!("session GUID {}", g.hyphenated())),
            (None, None) => Ok(format!("session id string of {} characters (not a GUID)", value.len())),
        },
        Grammar::HostName => {
            if is_host(value) {
                Ok(format!("later requests go to host {text}"))
            } else {
                Err(format!("`{text}` is not a host name or IP address"))
            }
        }
        Grammar::Seconds => {
            parse_decimal(value).map(duration_words).ok_or_else(|| format!("`{text}` is not a whole number of seconds"))
        }
        Grammar::ContentCoding => {
            if value.eq_ignore_ascii_case(b"identity") {
                Ok("identity: no encoding".to_string())
            } else {
                Err(format!("`{text}` is not identity, the only coding BITS servers accept"))
            }
        }
        Grammar::ByteCount => {
            parse_decimal(value).map(byte_count_words).ok_or_else(|| format!("`{text}` is not a decimal number"))
        }
        Grammar::ContentRange => match parse_content_range(value) {
            Some(r) if r.is_valid() => Ok(format!(
                "bytes {} to {} of {} ({} bytes{})",
                r.first,
                r.last,
                r.total,
                r.byte_count(),
                if r.is_final() { ", the final fragment" } else { "" }
            )),
            Some(r) => Err(format!("first {} last {} total {}: needs first <= last < total", r.first, r.last, r.total)),
            None => Err(format!("`{text}` is not `bytes first-last/total`")),
        },
        Grammar::Offset => parse_offset(value)
            .map(|n| format!("server expects byte {n} next ({} received)", byte_count_words(n)))
            .ok_or_else(|| format!("`{text}` is not a decimal byte offset")),
        Grammar::Hresult => {
            parse_hresult(value).map(hresult_words).ok_or_else(|| format!("`{text}` is not a hexadecimal HRESULT"))
        }
        Grammar::ErrorContext => match parse_error_context(value) {
            Some(v @ (5 | 7)) => {
                let (name, meaning) = codes::error_context(v).unwrap_or(("", ""));
                Ok(format!("0x{v:X} {name}: {meaning}"))
            }
            Some(v) => Err(match codes::error_context(v) {
                Some((name, _)) => format!("0x{v:X} {name} is a client-side context, not 0x5 or 0x7"),
                None => format!("0x{v:X} is not 0x5 or 0x7"),
            }),
            None => Err(format!("`{text}` is not a hexadecimal context")),
        },
        Grammar::ReplyUrl => Ok(if is_absolute_url(value) {
            format!("absolute URL {text}")
        } else {
            "relative path: the client resolves it against the upload URL's folder".to_string()
        }),
        Grammar::FileName => match content_name_problem(value) {
            Some(p) => Err(p),
            None => Ok(format!("file name `{text}`")),
        },
        Grammar::AbsoluteUrl => {
            if is_absolute_url(value) {
                Ok(format!("absolute URL {text}"))
            } else {
                Err(format!("`{text}` is not an absolute URL"))
            }
        }
        Grammar::Path => Ok(format!("server path {text}")),
        Grammar::Text => Ok(text.into_owned()),
    }
}

fn protocol_words(guid: Uuid) -> String {
    if guid == BITS15_PROTOCOL {
        "{7df0354d-249b-430f-820d-3d2a9bef4931} BITS 1.5 Upload Protocol".to_string()
    } else {
        format!("{{{}}} unknown protocol", guid.hyphenated())
    }
}

pub fn is_absolute_url(value: &[u8]) -> bool {
    let Some(colon) = value.iter().position(|&b| b == b':') else {
        return false;
    };
    colon > 0
        && value[0].is_ascii_alphabetic()
        && value[..colon].iter().all(|&b| b.is_ascii_alphanumeric() || b"+-.".contains(&b))
        && value[colon + 1..].starts_with(b"//")
}

/// The path part of a request target or absolute URL, percent-decoded, with backslashes
/// read as slashes, for comparing a reply download with the BITS-Reply-URL (compare
/// case-insensitively: IIS paths are).
pub fn normalised_path(target: &[u8]) -> Vec<u8> {
    let path = if is_absolute_url(target) {
        let after_scheme = target.iter().position(|&b| b == b':').map_or(0, |c| c + 3);
        let rest = &target[after_scheme.min(target.len())..];
        &rest[rest.iter().position(|&b| b == b'/').unwrap_or(rest.len())..]
    } else {
        target
    };
    let path = &path[..path.iter().position(|&b| b == b'?' || b == b'#').unwrap_or(path.len())];
    let mut out = Vec::with_capacity(path.len());
    let mut i = 0;
    while i < path.len() {
        let b = path[i];
        let hex = |c: u8| (c as char).to_digit(16);
        if b == b'%' && i + 2 < path.len() {
            if let (Some(h), Some(l)) = (hex(path[i + 1]), hex(path[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(if b == b'\\' { b'/' } else { b });
        i += 1;
    }
    out
}

/// Where the client fetches a BITS-Reply-URL: absolute URLs as they are, relative ones
/// against the folder of the upload URL (as the Windows client does in [MC-BUP] 4.2).
pub fn resolve_reply_url(upload_target: &[u8], reply_url: &[u8]) -> Vec<u8> {
    if is_absolute_url(reply_url) {
        return normalised_path(reply_url);
    }
    let base = normalised_path(upload_target);
    let reply = normalised_path(reply_url);
    if reply.starts_with(b"/") {
        return reply;
    }
    let folder_end = base.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let mut out = base[..folder_end].to_vec();
    if out.is_empty() {
        out.push(b'/');
    }
    out.extend_from_slice(&reply);
    out
}

/// The host a request went to: the absolute target's host, else the Host header.
pub fn host_of(target: &[u8], host_header: Option<&[u8]>) -> Option<Vec<u8>> {
    let host = if is_absolute_url(target) {
        let start = target.iter().position(|&b| b == b':').map_or(0, |c| c + 3);
        let rest = &target[start.min(target.len())..];
        &rest[..rest.iter().position(|&b| b == b'/').unwrap_or(rest.len())]
    } else {
        host_header?
    };
    let host = strip_port(host);
    Some(host.to_ascii_lowercase())
}

fn strip_port(host: &[u8]) -> &[u8] {
    if host.starts_with(b"[") {
        return &host[..host.iter().position(|&b| b == b']').map_or(host.len(), |i| i + 1)];
    }
    match host.iter().rposition(|&b| b == b':') {
        Some(i) if host[i + 1..].iter().all(u8::is_ascii_digit) && host.iter().filter(|&&b| b == b':').count() == 1 => {
            &host[..i]
        }
        _ => host,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guids_with_and_without_braces_in_any_case() {
        let upper = parse_guid(b"{A0FF5911-4144-45B3-BF27-27AFC8EC8A67}").unwrap();
        assert_eq!(parse_guid(b"a0ff5911-4144-45b3-bf27-27afc8ec8a67"), Some(upper));
        assert_eq!(parse_braced_guid(b"a0ff5911-4144-45b3-bf27-27afc8ec8a67"), None);
        assert_eq!(parse_guid(b"{A0FF5911-4144-45B3-BF27-27AFC8EC8A6}"), None);
        assert_eq!(parse_guid(b"a0ff5911414445b3bf2727afc8ec8a67"), None);
    }

    #[test]
    fn content_range_reads_the_windows_form_and_rejects_others() {
        let r = parse_content_range(b"bytes 0-4891/4892").unwrap();
        assert_eq!((r.first, r.last, r.total, r.unit_lower_case), (0, 4891, 4892, true));
        assert!(r.is_valid() && r.is_final());
        assert!(!parse_content_range(b"Bytes 0-1/2").unwrap().unit_lower_case);
        assert!(!parse_content_range(b"bytes 5-1/10").unwrap().is_valid());
        assert!(parse_content_range(b"bytes 0-9/10").unwrap().is_valid());
        assert_eq!(parse_content_range(b"bytes 0-9/*"), None);
        assert_eq!(parse_content_range(b"bytes=0-9/10"), None);
        assert_eq!(parse_content_range(b"0-9/10"), None);
    }

    #[test]
    fn hresults_in_every_written_form() {
        for form in [&b"0x8020001F"[..], b"0X8020001f", b"8020001F", b"x8020001F"] {
            assert_eq!(parse_hresult(form), Some(0x8020_001F));
        }
        assert_eq!(parse_hresult(b"0x180200001F"), None);
        assert_eq!(parse_hresult(b"BG_E"), None);
        assert_eq!(parse_error_context(b"0x00000005"), Some(5));
    }

    #[test]
    fn hosts() {
        assert!(is_host(b"FRANKCAO8"));
        assert!(is_host(b"server-2.example.com"));
        assert!(is_host(b"10.1.2.3"));
        assert!(is_host(b"fe80::1"));
        assert!(is_host(b"[fe80::1]"));
        assert!(!is_host(b"http://server/"));
        assert!(!is_host(b"bad host"));
        assert!(!is_host(b"-x"));
    }

    #[test]
    fn reply_url_resolves_against_the_upload_folder_as_windows_does() {
        let resolved = resolve_reply_url(
            b"/upload-ref-isapi-WebFarm/2100mb-rfc2119.txt",
            b"BITS-Sessions\\Replies\\{C85B4E0A-9EB9-4114-BFA4-8A43B4710091}\\responsefile.bin",
        );
        let fetched = normalised_path(
            b"/upload-ref-isapi-WebFarm/BITS-Sessions/Replies/%7BC85B4E0A-9EB9-4114-BFA4-8A43B4710091%7D/responsefile.bin",
        );
        assert!(resolved.eq_ignore_ascii_case(&fetched));
        assert_eq!(resolve_reply_url(b"/a/b.txt", b"http://other/r/x.bin"), b"/r/x.bin".to_vec());
    }

    #[test]
    fn hosts_of_requests() {
        assert_eq!(host_of(b"/upload/x", Some(b"FRANKCAO8")), Some(b"frankcao8".to_vec()));
        assert_eq!(host_of(b"http://Server:8080/x", Some(b"other")), Some(b"server".to_vec()));
        assert_eq!(host_of(b"/x", Some(b"[::1]:80")), Some(b"[::1]".to_vec()));
    }

    #[test]
    fn validity_agrees_with_the_words() {
        let samples: [&[u8]; 12] = [
            b"Fragment",
            b"Ack",
            b"{7df0354d-249b-430f-820d-3d2a9bef4931}",
            b"{7df0354d} x",
            b"FRANKCAO8",
            b"110",
            b"identity",
            b"bytes 0-9/10",
            b"bytes 9-0/10",
            b"0x8020001F",
            b"0x7",
            b"a:b",
        ];
        for grammar in Grammar::ALL {
            for sample in samples {
                assert_eq!(is_valid(grammar, sample), describe(grammar, sample).is_ok(), "{grammar:?} {sample:?}");
            }
        }
    }

    #[test]
    fn words() {
        assert_eq!(duration_words(110), "110 seconds (1 min 50 s)");
        assert_eq!(byte_count_words(4892), "4892 bytes (4.8 KiB)");
        // The float formatting it replaced, on ties, unit edges and the largest values.
        let by_float = |n: u64| {
            let mut value = n as f64 / 1024.0;
            let mut unit = 0;
            while value >= 1024.0 && unit < 4 {
                value /= 1024.0;
                unit += 1;
            }
            format!("{n} bytes ({value:.1} {})", ["KiB", "MiB", "GiB", "TiB", "PiB"][unit])
        };
        let mut samples =
            vec![1024, 1280, 1331, 1126, 1075, 1024 * 1024 - 1, 1 << 20, u64::MAX, u64::MAX - 1024, 1 << 60];
        samples.extend((0..2000u64).map(|i| 1024 + i * 37));
        samples.extend((10..64).flat_map(|b| [(1u64 << b) - 1, 1 << b, (1 << b) + (1 << (b - 5)), (1 << b) / 4 * 5]));
        samples.extend((1..40u64).map(|i| i.wrapping_mul(0x9E37_79B9_7F4A_7C15)));
        for n in samples.into_iter().filter(|n| *n >= 1024) {
            assert_eq!(byte_count_words(n), by_float(n), "{n}");
        }
        assert!(describe(Grammar::Offset, b"4892").unwrap().contains("4892"));
        assert!(describe(Grammar::ErrorContext, b"0x3").is_err());
    }
}
