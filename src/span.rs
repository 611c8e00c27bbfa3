//! Byte spans into the inspected input, and their line/column positions.

use serde::Serialize;

use crate::order;

/// A half-open byte range `start..end` into the input given to [`crate::inspect`].
///
/// Offsets are UTF-8 byte offsets because the input is bytes; the wasm facade converts
/// them to UTF-16 code units for the page, once, at the boundary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }

    pub const fn empty_at(at: usize) -> Self {
        Span { start: at, end: at }
    }

    pub const fn len(self) -> usize {
        self.end - self.start
    }

    pub const fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn slice(self, input: &[u8]) -> &[u8] {
        &input[self.start..self.end]
    }

    pub const fn shifted(self, offset: usize) -> Span {
        Span { start: self.start + offset, end: self.end + offset }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

/// Widens a span so it neither starts nor ends inside a UTF-8 character: a body framed by
/// Content-Length may end mid-character, and the page highlights whole characters.
/// Offsets inside invalid sequences are left alone (each invalid byte is a character).
pub fn snap_to_characters(text: &[u8], span: Span) -> Span {
    Span::new(char_start(text, span.start), char_end(text, span.end))
}

/// Where the character holding `at` starts and its length, when `at` is inside one.
fn enclosing_char(text: &[u8], at: usize) -> Option<(usize, usize)> {
    if at == 0 || at >= text.len() || text[at] & 0xC0 != 0x80 {
        return None;
    }
    (at.saturating_sub(3)..at).rev().find_map(|lead| {
        let width = match text[lead] {
            0xC2..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF4 => 4,
            _ => return None,
        };
        let valid = text.get(lead..lead + width).is_some_and(|c| std::str::from_utf8(c).is_ok());
        (valid && at < lead + width).then_some((lead, width))
    })
}

fn char_start(text: &[u8], at: usize) -> usize {
    enclosing_char(text, at).map_or(at, |(lead, _)| lead)
}

fn char_end(text: &[u8], at: usize) -> usize {
    enclosing_char(text, at).map_or(at, |(lead, width)| lead + width)
}

/// One-based line and column of a byte offset. Columns count characters (Unicode scalar
/// values, with each invalid UTF-8 byte counted as one), as editors and compilers do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Line and column of a chosen set of offsets, found in one pass over the input: a report
/// needs positions only where findings are, and an index of every line start would cost
/// memory in proportion to the whole input.
pub struct Positions {
    /// Sorted, distinct offsets and their positions.
    known: Vec<(usize, Position)>,
    lines: usize,
}

impl Positions {
    pub fn of(input: &[u8], offsets: impl IntoIterator<Item = usize>) -> Positions {
        let wanted = order::sorted_distinct(offsets.into_iter().map(|o| o.min(input.len())));
        let mut known = Vec::with_capacity(wanted.len());
        let (mut line, mut line_start, mut from) = (1, 0, 0);
        for offset in wanted {
            let segment = &input[from..offset];
            line += count_newlines(segment);
            if let Some(lf) = memchr::memrchr(b'\n', segment) {
                line_start = from + lf + 1;
            }
            known.push((offset, Position { line, column: count_chars(&input[line_start..offset]) + 1 }));
            from = offset;
        }
        let lines = line + count_newlines(&input[from..]);
        Positions { known, lines }
    }

    /// The position of an offset given to [`Positions::of`].
    pub fn at(&self, offset: usize) -> Position {
        let i = self.known.partition_point(|(o, _)| *o < offset).min(self.known.len().saturating_sub(1));
        self.known[i].1
    }

    /// Lines in the input: one more than its line feeds.
    pub fn line_count(&self) -> usize {
        self.lines
    }
}

/// Newlines are dense in HTTP text, where a search that stops at each one is slow: this
/// counts them eight bytes at a time (a zero byte of `word ^ LF` is a newline; the
/// expression below sets the high bit of exactly the zero bytes).
fn count_newlines(bytes: &[u8]) -> usize {
    const LF: u64 = u64::from_ne_bytes([b'\n'; 8]);
    const LOW7: u64 = u64::from_ne_bytes([0x7f; 8]);
    let mut words = bytes.chunks_exact(8);
    let mut count = 0;
    for word in &mut words {
        let x = u64::from_ne_bytes(word.try_into().expect("eight bytes")) ^ LF;
        count += (!(((x & LOW7) + LOW7) | x | LOW7)).count_ones() as usize;
    }
    count + words.remainder().iter().filter(|&&b| b == b'\n').count()
}

/// Characters in `bytes`, counting every byte that does not start a valid UTF-8 sequence
/// as one character, the way lossy decoding shows it.
pub fn count_chars(bytes: &[u8]) -> usize {
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        count += chunk.valid().chars().count() + chunk.invalid().len();
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_from_one_and_characters_not_bytes() {
        let input = "ab\r\nçd\nx".as_bytes();
        let index = Positions::of(input, [8, 0, 6, 4, 3]);
        assert_eq!(index.at(0), Position { line: 1, column: 1 });
        // The line feed itself is on the line it ends.
        assert_eq!(index.at(3), Position { line: 1, column: 4 });
        assert_eq!(index.at(4), Position { line: 2, column: 1 });
        // 'ç' is two bytes but one column.
        assert_eq!(index.at(6), Position { line: 2, column: 2 });
        assert_eq!(index.at(8), Position { line: 3, column: 1 });
        assert_eq!(index.line_count(), 3);
        assert_eq!(Positions::of(input, []).line_count(), 3);
    }

    #[test]
    fn offsets_past_the_end_clamp_to_the_end() {
        let index = Positions::of(b"abc", [99]);
        assert_eq!(index.at(99), Position { line: 1, column: 4 });
    }

    #[test]
    fn spans_are_widened_to_whole_characters() {
        let text = "aé€😀b".as_bytes(); // a, é (2 bytes), € (3), 😀 (4), b
        assert_eq!(snap_to_characters(text, Span::new(2, 5)), Span::new(1, 6));
        assert_eq!(snap_to_characters(text, Span::new(7, 8)), Span::new(6, 10));
        assert_eq!(snap_to_characters(text, Span::new(0, 11)), Span::new(0, 11));
        // Invalid bytes are characters of their own.
        assert_eq!(snap_to_characters(b"a\x80\x80b", Span::new(2, 3)), Span::new(2, 3));
    }

    #[test]
    fn newlines_are_counted_exactly_in_every_position() {
        let mut bytes = [b'a'; 40];
        for (i, b) in bytes.iter_mut().enumerate() {
            if i % 3 == 0 || i % 7 == 0 {
                *b = b'\n';
            }
        }
        bytes[5] = 0x8a; // a newline with its high bit set is not one
        bytes[11] = 0x0b;
        for start in 0..bytes.len() {
            let part = &bytes[start..];
            assert_eq!(count_newlines(part), part.iter().filter(|&&b| b == b'\n').count(), "from {start}");
        }
    }

    #[test]
    fn invalid_utf8_bytes_count_as_one_column_each() {
        assert_eq!(count_chars(b"a\xff\xfeb"), 4);
    }
}
