//! Byte offsets into text as a browser addresses it: UTF-16 code units, and line/column.
//!
//! The engine's spans are UTF-8 byte offsets; the page decodes the same bytes with
//! `TextDecoder`, which writes one U+FFFD per maximal invalid subpart. Kept apart from the
//! wasm facade so it is tested and fuzzed natively.
//!
//! Offsets are resolved on demand, not up front: a report of 100,000 messages has millions
//! of span bounds, and the page shows a few of them at a time. One linear pass leaves a
//! checkpoint every `BLOCK` bytes; a lookup reads from the checkpoint before it, so it
//! costs at most a block whatever the text holds (one long line included).

use std::borrow::Cow;

use crate::span::{count_chars, count_newlines, lossy_char_start};

/// Bytes between checkpoints: what one lookup reads at most (plus a character), against
/// four words of memory per block (1/16 of the text on wasm32).
const BLOCK: usize = 256;

/// Where a byte offset lands in the page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextPoint {
    /// UTF-16 code units before the character holding the offset.
    pub utf16: usize,
    /// UTF-16 code units before the first character that starts at or after the offset:
    /// differs from `utf16` only for an offset inside a character.
    pub utf16_ceil: usize,
    /// One-based, as [`crate::span::Positions`] counts it.
    pub line: usize,
    /// One-based, in characters as the page shows them (a U+FFFD counts one), as
    /// [`crate::span::Positions`] counts it.
    pub column: usize,
}

/// What is known at the start of a character: counts from the start of the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Checkpoint {
    byte: usize,
    utf16: usize,
    line: usize,
    column: usize,
}

impl Checkpoint {
    const START: Checkpoint = Checkpoint { byte: 0, utf16: 0, line: 1, column: 1 };

    /// The checkpoint after `segment`, which starts here and ends at a character start.
    /// Cutting the text at character starts does not change its decoding, so counts over
    /// segments add up to the counts over the whole.
    fn after(self, segment: &[u8]) -> Checkpoint {
        let newlines = count_newlines(segment);
        let (line, column) = match memchr::memrchr(b'\n', segment) {
            // Lines and columns as `span::Positions` counts them, so the page shows the
            // positions the JSON and text reports give.
            Some(lf) => (self.line + newlines, 1 + count_chars(&segment[lf + 1..])),
            None => (self.line, self.column + count_chars(segment)),
        };
        Checkpoint { byte: self.byte + segment.len(), utf16: self.utf16 + utf16_units(segment), line, column }
    }
}

/// The checkpoints of one text: made in one pass, kept beside the text they count (the
/// wasm facade keeps them with its inspection), read through a [`TextIndex`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextCheckpoints {
    /// Checkpoint `k` is at the start of the character holding byte `k * BLOCK`.
    marks: Vec<Checkpoint>,
    utf16_len: usize,
}

impl TextCheckpoints {
    pub fn of(text: &[u8]) -> TextCheckpoints {
        let mut marks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut mark = Checkpoint::START;
        marks.push(mark);
        for k in 1..=text.len().saturating_sub(1) / BLOCK {
            // A character is at most four bytes, so this is past the previous mark.
            let at = lossy_char_start(text, k * BLOCK);
            mark = mark.after(&text[mark.byte..at]);
            marks.push(mark);
        }
        let utf16_len = mark.after(&text[mark.byte..]).utf16;
        TextCheckpoints { marks, utf16_len }
    }
}

/// Byte offsets of one text resolved to [`TextPoint`]s on demand.
///
/// Made in O(n) for n bytes; each lookup reads at most `BLOCK` bytes.
pub struct TextIndex<'a> {
    text: &'a [u8],
    checkpoints: Cow<'a, TextCheckpoints>,
}

impl<'a> TextIndex<'a> {
    /// Indexes `text` (one pass over it).
    pub fn new(text: &'a [u8]) -> TextIndex<'a> {
        TextIndex { text, checkpoints: Cow::Owned(TextCheckpoints::of(text)) }
    }

    /// Reads `text` through checkpoints made of it before ([`TextCheckpoints::of`]).
    pub fn with(text: &'a [u8], checkpoints: &'a TextCheckpoints) -> TextIndex<'a> {
        TextIndex { text, checkpoints: Cow::Borrowed(checkpoints) }
    }

    /// Where byte `offset` lands; an offset past the end lands at the end.
    pub fn point(&self, offset: usize) -> TextPoint {
        let offset = offset.min(self.text.len());
        // The start of the character holding `offset`: lines and columns count to it, and a
        // checkpoint is never past it (checkpoint `k` starts the character holding byte
        // `k * BLOCK`, which is that character or one before it).
        let at = lossy_char_start(self.text, offset);
        let marks = &self.checkpoints.marks;
        let mark = marks[(offset / BLOCK).min(marks.len() - 1)];
        let reached = mark.after(&self.text[mark.byte..at]);
        let utf16_ceil = if at < offset { reached.utf16 + char_units(&self.text[at..]) } else { reached.utf16 };
        TextPoint { utf16: reached.utf16, utf16_ceil, line: reached.line, column: reached.column }
    }

    /// Length of the whole decoded text in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.checkpoints.utf16_len
    }
}

/// UTF-16 code units of `bytes` decoded as `TextDecoder` does (one U+FFFD per maximal
/// invalid subpart).
fn utf16_units(bytes: &[u8]) -> usize {
    if bytes.is_ascii() {
        return bytes.len(); // HTTP heads: the common case, checked a word at a time
    }
    let mut units = 0;
    for chunk in bytes.utf8_chunks() {
        // Every character is one unit but those of four bytes, which are two.
        let valid = chunk.valid();
        units += valid.chars().count() + valid.bytes().filter(|&b| b >= 0xF0).count();
        units += usize::from(!chunk.invalid().is_empty());
    }
    units
}

/// UTF-16 code units of the character `bytes` starts with (a U+FFFD for an invalid subpart).
fn char_units(bytes: &[u8]) -> usize {
    let head = &bytes[..bytes.len().min(4)];
    head.utf8_chunks().next().and_then(|c| c.valid().chars().next()).map_or(1, char::len_utf16)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::span::Positions;

    #[test]
    fn offsets_become_utf16_units_lines_and_columns() {
        let text = "a\u{e9}\n\u{1F600}b".as_bytes(); // a é \n 😀 b
        let index = TextIndex::new(text);
        let utf16: Vec<usize> = [0, 1, 3, 4, 8, 9].iter().map(|&o| index.point(o).utf16).collect();
        assert_eq!(utf16, vec![0, 1, 2, 3, 5, 6]);
        // Inside é: at its start, ceiling after it; inside 😀, two units after it.
        assert_eq!((index.point(2).utf16, index.point(2).utf16_ceil), (1, 2));
        assert_eq!((index.point(6).utf16, index.point(6).utf16_ceil), (3, 5));
        assert_eq!((index.point(4).line, index.point(4).column), (2, 1));
        assert_eq!(index.utf16_len(), 6);
        assert_eq!(index.point(99), index.point(9), "past the end is the end");
    }

    #[test]
    fn an_invalid_subpart_is_one_unit_as_textdecoder_writes_it() {
        let index = TextIndex::new(b"a\xe2\x82b");
        assert_eq!(index.point(3).utf16, 2);
        assert_eq!((index.point(2).utf16, index.point(2).utf16_ceil), (1, 2), "inside the U+FFFD");
        assert_eq!(index.utf16_len(), 3);
    }

    /// Every offset of `input` against the reference: the UTF-16 length of the lossy
    /// decoding of the bytes before the character holding it, and the reports' own line and
    /// column ([`Positions`]).
    fn agrees_with_the_reference(input: &[u8]) {
        let index = TextIndex::new(input);
        let whole = String::from_utf8_lossy(input);
        assert_eq!(index.utf16_len(), whole.encode_utf16().count());
        let all: Vec<usize> = (0..=input.len() + 1).collect();
        let positions = Positions::of(input, all.iter().copied());
        let boundary = |c: usize| {
            let (head, tail) = (String::from_utf8_lossy(&input[..c]), String::from_utf8_lossy(&input[c..]));
            head.len() + tail.len() == whole.len() && format!("{head}{tail}") == whole
        };
        let mut floor = 0; // the last character boundary
        for at in all {
            let point = index.point(at);
            let position = positions.at(at);
            assert_eq!((point.line, point.column), (position.line, position.column), "offset {at}");
            if at <= input.len() && boundary(at) {
                floor = at;
                let units = String::from_utf8_lossy(&input[..at]).encode_utf16().count();
                assert_eq!((point.utf16, point.utf16_ceil), (units, units), "offset {at}");
            } else if at <= input.len() {
                let before = String::from_utf8_lossy(&input[..floor]).encode_utf16().count();
                assert_eq!(point.utf16, before, "offset {at} is inside the character at {floor}");
                let next = (at..=input.len()).find(|&c| boundary(c)).expect("the end is a boundary");
                let after = String::from_utf8_lossy(&input[..next]).encode_utf16().count();
                assert_eq!(point.utf16_ceil, after, "offset {at}");
            }
        }
    }

    #[test]
    fn lines_and_columns_are_the_reports_own() {
        // Invalid UTF-8, a cut character, stray continuation bytes and line feeds: the page's
        // line and column are what the JSON report gives.
        let input = b"a\xe2\x82b\n\xf0\x9f\x98\x80x\x80\x80\xc3\xa9\r\nz\xe2";
        agrees_with_the_reference(input);
        let index = TextIndex::new(input);
        assert_eq!((index.point(4).line, index.point(4).column), (1, 4), "the line feed after a, U+FFFD, b");
    }

    #[test]
    fn characters_across_checkpoints_resolve_as_in_one_pass() {
        // Checkpoints fall every BLOCK bytes: put every kind of character across each of
        // them, on long lines and short ones, so a lookup starts from a checkpoint that is
        // inside a character, at one, or just after a line feed.
        let pieces: [&[u8]; 6] = [b"\xf0\x9f\x98\x80", b"\xc3\xa9", b"\xe2\x82", b"\x80", b"\n", b"\xe2\x82\xac"];
        for piece in pieces {
            for shift in 0..5 {
                let mut input = vec![b'x'; BLOCK - shift];
                for _ in 0..3 {
                    input.extend_from_slice(piece);
                    input.extend(std::iter::repeat_n(b'y', BLOCK - piece.len()));
                }
                agrees_with_the_reference(&input);
            }
        }
    }

    #[test]
    fn checkpoints_made_once_serve_every_index_of_the_text() {
        let text = "é\n".repeat(BLOCK).into_bytes();
        let checkpoints = TextCheckpoints::of(&text);
        assert_eq!(checkpoints.marks.len(), 3, "one every BLOCK bytes");
        let (kept, fresh) = (TextIndex::with(&text, &checkpoints), TextIndex::new(&text));
        for at in [0, 1, 2, BLOCK + 1, 2 * BLOCK, text.len()] {
            assert_eq!(kept.point(at), fresh.point(at));
        }
        assert_eq!(
            kept.point(text.len()),
            TextPoint { utf16: 2 * BLOCK, utf16_ceil: 2 * BLOCK, line: BLOCK + 1, column: 1 }
        );
    }
}
