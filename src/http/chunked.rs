//! Chunked transfer coding (RFC 9112 section 7.1), read laxly.

use super::lines::{line_at, Ending};

pub struct Chunked {
    /// Where the chunked body ends in the input.
    pub end: usize,
    /// Sum of the chunk sizes.
    pub length: u64,
    pub truncated: bool,
    /// Offset and description of the first framing error, if any.
    pub error: Option<(usize, &'static str)>,
}

pub fn read_chunked(input: &[u8], start: usize) -> Chunked {
    let mut pos = start;
    let mut length: u64 = 0;
    loop {
        if pos >= input.len() {
            return Chunked { end: input.len(), length, truncated: true, error: None };
        }
        let line = line_at(input, pos);
        let size_text = line.content(input);
        let size_text = match size_text.iter().position(|&b| b == b';') {
            Some(i) => &size_text[..i],
            None => size_text,
        };
        let Some(size) = parse_hex_size(size_text.trim_ascii()) else {
            return Chunked {
                end: pos,
                length,
                truncated: false,
                error: Some((pos, "chunk size is not a hexadecimal number")),
            };
        };
        if line.ending == Ending::Eof {
            return Chunked { end: input.len(), length, truncated: true, error: None };
        }
        pos = line.next;
        if size == 0 {
            // Trailer fields, then the empty line.
            loop {
                if pos >= input.len() {
                    return Chunked { end: input.len(), length, truncated: true, error: None };
                }
                let trailer = line_at(input, pos);
                pos = trailer.next;
                if trailer.is_blank() {
                    return Chunked { end: pos, length, truncated: false, error: None };
                }
            }
        }
        let available = (input.len() - pos) as u64;
        if size > available {
            return Chunked { end: input.len(), length: length + available, truncated: true, error: None };
        }
        length += size;
        pos += size as usize;
        match input.get(pos..pos + 2) {
            Some(b"\r\n") => pos += 2,
            _ if input.get(pos) == Some(&b'\n') => pos += 1,
            None if pos >= input.len() => {
                return Chunked { end: input.len(), length, truncated: true, error: None };
            }
            _ => {
                return Chunked {
                    end: pos,
                    length,
                    truncated: false,
                    error: Some((pos, "chunk data is not followed by CRLF")),
                };
            }
        }
    }
}

fn parse_hex_size(text: &[u8]) -> Option<u64> {
    // 15 hex digits already exceed any body a capture can hold; more is an overflow attempt.
    if text.is_empty() || text.len() > 15 {
        return None;
    }
    text.iter().try_fold(0u64, |acc, &b| Some(acc * 16 + (b as char).to_digit(16)? as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_chunks_and_trailers() {
        let input = b"4\r\nWiki\r\n5;ext=1\r\npedia\r\n0\r\nX-Trailer: 1\r\n\r\nNEXT";
        let c = read_chunked(input, 0);
        assert_eq!((c.length, c.truncated, c.error), (9, false, None));
        assert_eq!(&input[c.end..], b"NEXT");
    }

    #[test]
    fn stops_at_a_bad_size_line() {
        let c = read_chunked(b"4\r\nWiki\r\nzz\r\n", 0);
        assert_eq!(c.length, 4);
        assert_eq!(c.error.map(|e| e.0), Some(9));
    }

    #[test]
    fn a_huge_size_is_truncation_not_a_panic() {
        let c = read_chunked(b"fffffffffffffff\r\nab", 0);
        assert!(c.truncated);
        assert_eq!(c.length, 2);
        assert!(read_chunked(b"ffffffffffffffffffff\r\n", 0).error.is_some());
    }
}
