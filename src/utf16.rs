//! Byte offsets into text as a browser addresses it: UTF-16 code units, and line/column.
//!
//! The engine's spans are UTF-8 byte offsets; the page decodes the same bytes with
//! `TextDecoder`, which writes one U+FFFD per maximal invalid subpart. Kept apart from the
//! wasm facade so it is tested and fuzzed natively.

use crate::order;
use crate::span::{Position, Positions};

/// Where a byte offset lands in the page's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TextPoint {
    /// UTF-16 code units before the character holding the offset.
    pub utf16: usize,
    /// UTF-16 code units before the first character that starts at or after the offset:
    /// differs from `utf16` only for an offset inside a character.
    pub utf16_ceil: usize,
    /// One-based, from [`crate::span::Positions`].
    pub line: usize,
    /// One-based, in characters as the page shows them (a U+FFFD counts one), from
    /// [`crate::span::Positions`].
    pub column: usize,
}

/// Byte offsets resolved to [`TextPoint`]s in one pass over the input.
///
/// Built in O(n + k log k) for n input bytes and k offsets; each lookup is a binary search.
pub struct TextIndex {
    offsets: Vec<usize>,
    points: Vec<TextPoint>,
    utf16_len: usize,
}

impl TextIndex {
    pub fn new(input: &[u8], offsets: Vec<usize>) -> TextIndex {
        let offsets = order::sorted_distinct(offsets.into_iter().map(|o| o.min(input.len())));
        // Lines and columns are the reports' own (`span::Positions`), not counted again here,
        // so the page shows the positions the JSON and text reports give.
        let positions = Positions::of_sorted(input, &offsets);
        let mut points = Vec::with_capacity(offsets.len());
        let mut next = 0; // index into `offsets` of the next offset to resolve
        let mut utf16 = 0;
        let mut at = 0; // byte offset of the character being read
        let mut resolve = |start: usize, len: usize, units: usize, utf16: usize| {
            // Offsets in start..start+len: at the character or inside it.
            while next < offsets.len() && offsets[next] < start + len {
                let inside = offsets[next] > start;
                let Position { line, column } = positions.at(offsets[next]);
                points.push(TextPoint { utf16, utf16_ceil: if inside { utf16 + units } else { utf16 }, line, column });
                next += 1;
            }
        };
        for chunk in input.utf8_chunks() {
            for c in chunk.valid().chars() {
                let (len, units) = (c.len_utf8(), c.len_utf16());
                resolve(at, len, units, utf16);
                at += len;
                utf16 += units;
            }
            let invalid = chunk.invalid().len();
            if invalid > 0 {
                // One U+FFFD for the whole maximal subpart, as TextDecoder writes it.
                resolve(at, invalid, 1, utf16);
                at += invalid;
                utf16 += 1;
            }
        }
        // Offsets at the very end.
        for &offset in &offsets[points.len()..] {
            let Position { line, column } = positions.at(offset);
            points.push(TextPoint { utf16, utf16_ceil: utf16, line, column });
        }
        TextIndex { offsets, points, utf16_len: utf16 }
    }

    /// The point of an offset given to [`TextIndex::new`]; other offsets get the nearest
    /// resolved one before them.
    pub fn point(&self, offset: usize) -> TextPoint {
        match self.offsets.binary_search(&offset) {
            Ok(i) => self.points[i],
            Err(0) => TextPoint { utf16: 0, utf16_ceil: 0, line: 1, column: 1 },
            Err(i) => self.points[i - 1],
        }
    }

    /// Length of the whole decoded text in UTF-16 code units.
    pub fn utf16_len(&self) -> usize {
        self.utf16_len
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_become_utf16_units_lines_and_columns() {
        let text = "a\u{e9}\n\u{1F600}b".as_bytes(); // a é \n 😀 b
        let index = TextIndex::new(text, vec![0, 1, 2, 3, 4, 6, 8, 9]);
        let utf16: Vec<usize> = [0, 1, 3, 4, 8, 9].iter().map(|&o| index.point(o).utf16).collect();
        assert_eq!(utf16, vec![0, 1, 2, 3, 5, 6]);
        // Inside é: at its start, ceiling after it.
        assert_eq!((index.point(2).utf16, index.point(2).utf16_ceil), (1, 2));
        assert_eq!((index.point(4).line, index.point(4).column), (2, 1));
        assert_eq!(index.utf16_len(), 6);
    }

    #[test]
    fn an_invalid_subpart_is_one_unit_as_textdecoder_writes_it() {
        let index = TextIndex::new(b"a\xe2\x82b", vec![1, 3, 4]);
        assert_eq!(index.point(3).utf16, 2);
        assert_eq!(index.utf16_len(), 3);
    }

    #[test]
    fn lines_and_columns_are_the_reports_own() {
        // Every offset of a text with invalid UTF-8, a cut character, stray continuation
        // bytes and line feeds: the page's line and column are what the JSON report gives.
        let input = b"a\xe2\x82b\n\xf0\x9f\x98\x80x\x80\x80\xc3\xa9\r\nz\xe2";
        let all: Vec<usize> = (0..=input.len() + 1).collect();
        let (index, positions) = (TextIndex::new(input, all.clone()), Positions::of(input, all.clone()));
        for at in all {
            let (point, position) = (index.point(at), positions.at(at));
            assert_eq!((point.line, point.column), (position.line, position.column), "offset {at}");
        }
        assert_eq!((index.point(4).line, index.point(4).column), (1, 4), "the line feed after a, U+FFFD, b");
    }
}
