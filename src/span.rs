//! Byte spans into the inspected input, and their line/column positions.

use serde::Serialize;

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

/// One-based line and column of a byte offset. Columns count characters (Unicode scalar
/// values, with each invalid UTF-8 byte counted as one), as editors and compilers do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

/// Maps byte offsets to line/column in O(log lines) after one linear pass over the input.
pub struct LineIndex<'a> {
    input: &'a [u8],
    line_starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(input: &'a [u8]) -> Self {
        let mut line_starts = Vec::with_capacity(input.len() / 32 + 1);
        line_starts.push(0);
        line_starts.extend(memchr::memchr_iter(b'\n', input).map(|i| i + 1));
        LineIndex { input, line_starts }
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    pub fn position(&self, offset: usize) -> Position {
        let offset = offset.min(self.input.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let line_start = self.line_starts[line];
        Position { line: line + 1, column: count_chars(&self.input[line_start..offset]) + 1 }
    }
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
        let index = LineIndex::new(input);
        assert_eq!(index.position(0), Position { line: 1, column: 1 });
        assert_eq!(index.position(4), Position { line: 2, column: 1 });
        // 'ç' is two bytes but one column.
        assert_eq!(index.position(6), Position { line: 2, column: 2 });
        assert_eq!(index.position(8), Position { line: 3, column: 1 });
        assert_eq!(index.line_count(), 3);
    }

    #[test]
    fn offsets_past_the_end_clamp_to_the_end() {
        let index = LineIndex::new(b"abc");
        assert_eq!(index.position(99), Position { line: 1, column: 4 });
    }

    #[test]
    fn invalid_utf8_bytes_count_as_one_column_each() {
        assert_eq!(count_chars(b"a\xff\xfeb"), 4);
    }
}
