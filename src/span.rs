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
/// Offsets inside an invalid UTF-8 subpart are left alone, so a finding can name one bad
/// byte of it; its position is that of the U+FFFD standing for the subpart (see
/// [`Position`]), and the page lights up the whole U+FFFD.
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

/// One-based line and column of a byte offset, as the text shows once decoded the way
/// `String::from_utf8_lossy` and the browser's `TextDecoder` decode it: columns count
/// characters (Unicode scalar values), and each maximal invalid UTF-8 subpart (one to three
/// bytes) is one character, the U+FFFD that stands for it. An offset inside a character
/// (a multi-byte character or an invalid subpart) is at that character.
///
/// This is the only computation of lines and columns: the JSON and text reports take them
/// from here, and so does the page (through the wasm facade's `TextIndex`).
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
        Positions::of_sorted(input, &wanted)
    }

    /// [`Positions::of`] for offsets already sorted, distinct and at most `input.len()`.
    pub fn of_sorted(input: &[u8], wanted: &[usize]) -> Positions {
        let mut known = Vec::with_capacity(wanted.len());
        // `from` is the start of a character, where the decoding of a part of the input
        // agrees with the decoding of the whole; `column` is its column.
        let (mut line, mut column, mut from) = (1, 1, 0);
        for &offset in wanted {
            debug_assert!(offset <= input.len() && offset >= from);
            let at = lossy_char_start(input, offset).max(from);
            let segment = &input[from..at];
            let newlines = count_newlines(segment);
            if newlines > 0 {
                line += newlines;
                let lf = memchr::memrchr(b'\n', segment).expect("a newline");
                column = 1 + count_chars(&segment[lf + 1..]);
            } else {
                column += count_chars(segment);
            }
            known.push((offset, Position { line, column }));
            from = at;
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

/// Where the character holding `at` starts, with characters as lossy decoding makes them
/// (a valid UTF-8 sequence, or a maximal invalid subpart standing for one U+FFFD): `at`
/// itself unless it is inside one.
pub(crate) fn lossy_char_start(text: &[u8], at: usize) -> usize {
    let continuation = |b: u8| b & 0xC0 == 0x80;
    if at == 0 || at >= text.len() || !continuation(text[at]) {
        return at;
    }
    // Every byte that is not a continuation byte starts a character, and no character is
    // longer than four bytes: the one holding `at` starts at the nearest such byte before
    // it, at most three back, or `at` starts one (a stray continuation byte).
    let Some(lead) = (at.saturating_sub(3)..at).rev().find(|&i| !continuation(text[i])) else {
        return at;
    };
    let first = text[lead..text.len().min(lead + 4)].utf8_chunks().next().expect("not empty");
    let width = first.valid().chars().next().map_or(first.invalid().len(), char::len_utf8);
    if lead + width > at {
        lead
    } else {
        at
    }
}

/// Newlines are dense in HTTP text, where a search that stops at each one is slow: this
/// counts them eight bytes at a time (a zero byte of `word ^ LF` is a newline; the
/// expression below sets the high bit of exactly the zero bytes).
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
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

/// Characters in `bytes` the way lossy decoding shows them: each maximal invalid UTF-8
/// subpart (what one `Utf8Chunk::invalid` holds) is one U+FFFD, as `String::from_utf8_lossy`
/// and the browser's `TextDecoder` write it.
pub fn count_chars(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len(); // checked a word at a time: the common case in HTTP heads
    }
    let mut count = 0;
    for chunk in bytes.utf8_chunks() {
        count += chunk.valid().chars().count() + usize::from(!chunk.invalid().is_empty());
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
    fn each_maximal_invalid_subpart_counts_as_one_character() {
        // 0xFF and 0xFE never start a character: each is a subpart of its own.
        assert_eq!(count_chars(b"a\xff\xfeb"), 4);
        // E2 82 is the start of a three-byte character cut short: one U+FFFD.
        assert_eq!(count_chars(b"a\xe2\x82b"), 3);
        assert_eq!(count_chars(b"a\xe2\x82b"), String::from_utf8_lossy(b"a\xe2\x82b").chars().count());
    }

    #[test]
    fn columns_follow_the_lossy_decoding_of_invalid_utf8() {
        // Shown as "a\u{fffd}b": `b` is column 3, as the page shows it.
        let input = b"a\xe2\x82b";
        let index = Positions::of(input, 0..=input.len());
        let columns: Vec<usize> = (0..=input.len()).map(|o| index.at(o).column).collect();
        // Offset 2 is inside the U+FFFD that E2 82 becomes: at that character.
        assert_eq!(columns, [1, 2, 2, 3, 4]);
        // After the line feed, columns start again; before it, the invalid bytes count once.
        let input = b"x\xe2\x82\xe2\x82y\n\xf0\x9f\x98z\x80\x80w";
        let index = Positions::of(input, [6, 7, 10, 13]);
        assert_eq!(index.at(6), Position { line: 1, column: 5 }, "the line feed after x, 2 U+FFFD, y");
        assert_eq!(index.at(7), Position { line: 2, column: 1 });
        assert_eq!(index.at(10), Position { line: 2, column: 2 }, "F0 9F 98 is one U+FFFD");
        assert_eq!(index.at(13), Position { line: 2, column: 5 }, "two stray continuation bytes are two");
    }

    /// Every offset of every short byte string against the reference: the lossy decoding
    /// of the bytes before the character holding the offset.
    #[test]
    fn positions_agree_with_lossy_decoding_everywhere() {
        let alphabet: [u8; 10] = [b'a', b'\n', 0x80, 0x82, 0x9f, 0xc3, 0xe2, 0xe0, 0xf0, 0xff];
        let mut input = Vec::new();
        for n in 0..10_000usize {
            input.clear();
            let mut k = n;
            for _ in 0..5 {
                input.push(alphabet[k % alphabet.len()]);
                k /= alphabet.len();
            }
            let index = Positions::of(&input, 0..=input.len());
            let whole = String::from_utf8_lossy(&input);
            for at in 0..=input.len() {
                // The longest prefix ending on a character boundary at or before `at`.
                let cut = (0..=at)
                    .rev()
                    .find(|&c| {
                        let (head, tail) = (String::from_utf8_lossy(&input[..c]), String::from_utf8_lossy(&input[c..]));
                        format!("{head}{tail}") == whole
                    })
                    .expect("0 is a boundary");
                let head = String::from_utf8_lossy(&input[..cut]);
                let line = 1 + head.matches('\n').count();
                let column = 1 + head.rsplit('\n').next().unwrap().chars().count();
                assert_eq!(index.at(at), Position { line, column }, "{input:x?} at {at}");
            }
        }
    }
}
