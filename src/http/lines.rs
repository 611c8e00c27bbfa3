//! Line scanning and start-line recognition, shared by framing and resynchronisation.

/// How a line ended on the wire.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    CrLf,
    Lf,
    /// The input ended before any line terminator.
    Eof,
}

/// One line of input: `content` excludes the terminator, `next` is where the following line starts.
#[derive(Debug, Clone, Copy)]
pub struct Line {
    pub start: usize,
    pub content_end: usize,
    pub next: usize,
    pub ending: Ending,
}

impl Line {
    pub fn content<'a>(&self, input: &'a [u8]) -> &'a [u8] {
        &input[self.start..self.content_end]
    }

    pub fn is_blank(&self) -> bool {
        self.start == self.content_end
    }
}

pub fn line_at(input: &[u8], start: usize) -> Line {
    match memchr::memchr(b'\n', &input[start..]) {
        Some(i) => {
            let lf = start + i;
            if lf > start && input[lf - 1] == b'\r' {
                Line { start, content_end: lf - 1, next: lf + 1, ending: Ending::CrLf }
            } else {
                Line { start, content_end: lf, next: lf + 1, ending: Ending::Lf }
            }
        }
        None => Line { start, content_end: input.len(), next: input.len(), ending: Ending::Eof },
    }
}

/// Characters allowed in an HTTP token (method names, header names), RFC 9110 5.6.2.
pub fn is_tchar(b: u8) -> bool {
    TCHAR[b as usize]
}

/// Every byte of every header name is tested: a table instead of a search of the symbols.
const TCHAR: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b'!' | b'#' | b'$' | b'%' | b'&' | b'\'' | b'*' | b'+' | b'-' | b'.' | b'^' | b'_' | b'`' | b'|' | b'~'
            );
        b += 1;
    }
    table
};

const MAX_METHOD_LEN: usize = 32;

/// Whether a line reads as an HTTP/1.x request line or status line. Used to find where the
/// next message starts when framing headers are missing or wrong, so it is strict: a
/// request line must end in ` HTTP/<d>.<d>` and its method must look like one.
pub fn looks_like_start_line(line: &[u8]) -> bool {
    looks_like_status_line(line) || looks_like_request_line(line)
}

pub fn looks_like_status_line(line: &[u8]) -> bool {
    line.len() >= 12
        && line.starts_with(b"HTTP/")
        && line[5].is_ascii_digit()
        && line[6] == b'.'
        && line[7].is_ascii_digit()
        && line[8] == b' '
        && line[9..12].iter().all(u8::is_ascii_digit)
        && (line.len() == 12 || line[12] == b' ')
}

/// `HTTP/<d>.<d>` followed by nothing or by a space and anything but a three-digit code:
/// a status line that lost its code (`HTTP/1.1 OK`, `HTTP/1.1`).
pub fn looks_like_status_line_without_code(line: &[u8]) -> bool {
    line.len() >= 8
        && is_http_version(&line[..8])
        && (line.len() == 8 || line[8] == b' ')
        && !looks_like_status_line(line)
}

pub fn looks_like_request_line(line: &[u8]) -> bool {
    // One pass over the method, stopping at the first byte a method cannot hold: every
    // header line is asked this, and a header name fails within its first few bytes.
    if !line.first().is_some_and(u8::is_ascii_uppercase) {
        return false;
    }
    let mut method_end = 1;
    loop {
        match line.get(method_end) {
            Some(b' ') => break,
            Some(b)
                if method_end < MAX_METHOD_LEN
                    && (b.is_ascii_uppercase() || b.is_ascii_digit() || *b == b'_' || *b == b'-') =>
            {
                method_end += 1
            }
            _ => return false,
        }
    }
    let rest = &line[method_end + 1..];
    let Some(version_at) = rest.iter().rposition(|&b| b == b' ') else {
        return false;
    };
    let version = &rest[version_at + 1..];
    version_at > 0 && is_http_version(version)
}

pub fn is_http_version(v: &[u8]) -> bool {
    v.len() == 8 && v.starts_with(b"HTTP/") && v[5].is_ascii_digit() && v[6] == b'.' && v[7].is_ascii_digit()
}

/// The first offset in `from..to` where a message starts: a line that looks like a start
/// line, or a start line glued to the end of a cut body (a capture that lost bytes, as in
/// [MC-BUP] 4.2, where a truncated body runs straight into `BITS_POST`).
/// `from` must be at the start of a line.
pub fn find_start_line(input: &[u8], from: usize, to: usize) -> Option<usize> {
    let mut pos = from;
    while pos < to {
        let line = line_at(input, pos);
        let content = line.content(input);
        if looks_like_start_line(content) {
            return Some(pos);
        }
        if let Some(offset) = embedded_start_line(content) {
            return Some(pos + offset).filter(|&at| at < to);
        }
        pos = line.next;
    }
    None
}

/// Methods recognised when glued to preceding bytes; an arbitrary token would match any
/// upper-case word in a body.
const GLUED_METHODS: [&[u8]; 10] =
    [b"BITS_POST ", b"GET ", b"POST ", b"HEAD ", b"PUT ", b"DELETE ", b"OPTIONS ", b"PATCH ", b"CONNECT ", b"TRACE "];

fn embedded_start_line(line: &[u8]) -> Option<usize> {
    let ends_like_request = line.len() > 9 && line[line.len() - 9] == b' ' && is_http_version(&line[line.len() - 8..]);
    if ends_like_request {
        let found = GLUED_METHODS
            .iter()
            .filter_map(|m| find(line, m).filter(|&p| p > 0 && looks_like_request_line(&line[p..])))
            .min();
        if found.is_some() {
            return found;
        }
    }
    find(line, b"HTTP/1.").filter(|&p| p > 0 && looks_like_status_line(&line[p..]))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    memchr::memmem::find(haystack, needle)
}

/// Skips blank lines and the spaces some people paste around messages.
pub fn skip_whitespace(input: &[u8], mut pos: usize) -> usize {
    while pos < input.len() && matches!(input[pos], b'\r' | b'\n' | b' ' | b'\t') {
        pos += 1;
    }
    pos
}

/// Back up from `pos` to the start of its line, so a resync never starts mid-line.
pub fn line_start_before(input: &[u8], pos: usize) -> usize {
    input[..pos].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_request_and_status_lines() {
        assert!(looks_like_start_line(b"BITS_POST /upload/a.txt HTTP/1.1"));
        assert!(looks_like_start_line(b"GET / HTTP/1.0"));
        assert!(looks_like_start_line(b"HTTP/1.1 200 OK"));
        assert!(looks_like_start_line(b"HTTP/1.1 206 Partial Content"));
        assert!(looks_like_start_line(b"HTTP/1.1 200"));
    }

    #[test]
    fn rejects_body_text_that_merely_mentions_http() {
        assert!(!looks_like_start_line(b"Network Working Group   S. Bradner"));
        assert!(!looks_like_start_line(b"   RFC 2119. HTTP/1.1"));
        assert!(!looks_like_start_line(b"get / HTTP/1.1"));
        assert!(!looks_like_start_line(b"HTTP/1.1 20 OK"));
        assert!(!looks_like_start_line(b"BITS_POST HTTP/1.1"));
        assert!(!looks_like_start_line(b""));
    }

    #[test]
    fn tells_a_status_line_that_lost_its_code() {
        assert!(looks_like_status_line_without_code(b"HTTP/1.1 OK"));
        assert!(looks_like_status_line_without_code(b"HTTP/1.1"));
        assert!(looks_like_status_line_without_code(b"HTTP/1.0 20 OK"));
        assert!(!looks_like_status_line_without_code(b"HTTP/1.1 200 OK"));
        assert!(!looks_like_status_line_without_code(b"HTTP/1.1x OK"));
        assert!(!looks_like_status_line_without_code(b"HTTP/x.1 OK"));
    }

    #[test]
    fn finds_a_start_line_glued_to_a_cut_body() {
        let input = b"body text\r\n   In many standarBITS_POST /up/a.txt HTTP/1.1\r\nHost: x\r\n";
        let at = find_start_line(input, 0, input.len()).unwrap();
        assert!(input[at..].starts_with(b"BITS_POST /up/a.txt"));
        let status = b"abcHTTP/1.1 200 OK\r\n";
        assert_eq!(find_start_line(status, 0, status.len()), Some(3));
        let prose = b"we GET things done with HTTP/1.1 every day\r\n";
        assert_eq!(find_start_line(prose, 0, prose.len()), None);
    }

    #[test]
    fn lines_report_their_terminator() {
        let input = b"a\r\nb\nc";
        let first = line_at(input, 0);
        assert_eq!((first.content(input), first.ending), (&b"a"[..], Ending::CrLf));
        let second = line_at(input, first.next);
        assert_eq!((second.content(input), second.ending), (&b"b"[..], Ending::Lf));
        let third = line_at(input, second.next);
        assert_eq!((third.content(input), third.ending), (&b"c"[..], Ending::Eof));
    }
}
