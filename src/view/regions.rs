//! The inspected text cut into the regions the raw view draws: one per message and one per
//! gap between messages, each cut into pieces on demand (a piece with a row is a start line,
//! header line or body, so hovering it can light up its decoded row).

use crate::order::{self, SortKey};
use crate::report::Report;
use crate::span::Span;
use crate::utf16::TextIndex;

/// One message's text, or a gap between messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    pub start: usize,
    pub end: usize,
    /// The message, `None` for a gap.
    pub message: Option<usize>,
}

/// The decoded row a piece of raw text belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PieceRow {
    StartLine { message: usize },
    Header { message: usize, header: usize },
    Body { message: usize },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub start: usize,
    pub end: usize,
    pub row: Option<PieceRow>,
}

pub struct Regions {
    regions: Vec<Region>,
}

impl Regions {
    /// Regions covering the whole text, in order (messages are in input order; one that
    /// overlaps the previous is cut to start where it ends).
    pub fn new(report: &Report, index: &TextIndex) -> Regions {
        let mut regions = Vec::with_capacity(report.messages.len() * 2 + 1);
        let mut pos = 0;
        let ranges = report.messages.iter().map(|m| (Utf16Range::of(index, m.span), m.index)).collect();
        for (range, message) in by_start(ranges) {
            let start = range.start.max(pos);
            let end = range.end.max(start);
            if start > pos {
                regions.push(Region { start: pos, end: start, message: None });
            }
            regions.push(Region { start, end, message: Some(message) });
            pos = end;
        }
        if index.utf16_len() > pos {
            regions.push(Region { start: pos, end: index.utf16_len(), message: None });
        }
        Regions { regions }
    }

    pub fn len(&self) -> usize {
        self.regions.len()
    }

    pub fn is_empty(&self) -> bool {
        self.regions.is_empty()
    }

    pub fn all(&self) -> &[Region] {
        &self.regions
    }

    /// The regions a mark from `start` to `end` touches, at most `most` of them: the one
    /// holding `start` (the last one for an offset past the end) and those after it that
    /// start before `end`.
    pub fn around(&self, start: usize, end: usize, most: usize) -> &[Region] {
        if self.regions.is_empty() {
            return &[];
        }
        let from = self.regions.partition_point(|r| r.start <= start).saturating_sub(1);
        let mut to = from + 1;
        while to < self.regions.len() && to - from < most && self.regions[to].start < end {
            to += 1;
        }
        &self.regions[from..to.min(from + most.max(1))]
    }
}

/// The pieces of `region`: its message's start line, header lines and body, and what lies
/// between them.
pub fn pieces(region: Region, report: &Report, index: &TextIndex) -> Vec<Piece> {
    let Some(m) = region.message.and_then(|i| report.messages.get(i)) else {
        return vec![Piece { start: region.start, end: region.end, row: None }];
    };
    let message = m.index;
    let mut cuts: Vec<(Utf16Range, PieceRow)> = Vec::with_capacity(m.headers.len() + 2);
    cuts.push((Utf16Range::of(index, m.start_line_span), PieceRow::StartLine { message }));
    for (header, h) in m.headers.iter().enumerate() {
        cuts.push((Utf16Range::of(index, h.span), PieceRow::Header { message, header }));
    }
    let body = Utf16Range::of(index, m.body.span);
    if body.end > body.start {
        cuts.push((body, PieceRow::Body { message }));
    }
    let mut pieces = Vec::with_capacity(cuts.len() * 2 + 1);
    let mut at = region.start;
    for (range, row) in by_start(cuts) {
        let (s, e) = (range.start.max(at), range.end.min(region.end));
        if e <= s {
            continue;
        }
        if s > at {
            pieces.push(Piece { start: at, end: s, row: None });
        }
        pieces.push(Piece { start: s, end: e, row: Some(row) });
        at = e;
    }
    if at < region.end {
        pieces.push(Piece { start: at, end: region.end, row: None });
    }
    pieces
}

impl Regions {
    pub fn pieces(&self, region: Region, report: &Report, index: &TextIndex) -> Vec<Piece> {
        pieces(region, report, index)
    }
}

/// `items` in the order their ranges start, the given order kept on ties (parsed text is
/// in order already). Sorted through [`order::sort`]'s one key type: every element type
/// sorted directly is one more copy of the standard sort in the page's wasm (3 KB each).
fn by_start<T: Copy>(items: Vec<(Utf16Range, T)>) -> Vec<(Utf16Range, T)> {
    if items.windows(2).all(|w| w[0].0.start <= w[1].0.start) {
        return items;
    }
    let mut keys: Vec<SortKey> = items.iter().enumerate().map(|(i, (r, _))| (r.start as u64, 0, i as u64)).collect();
    order::sort(&mut keys);
    keys.into_iter().map(|(_, _, i)| items[i as usize]).collect()
}

/// A span in the page's text: UTF-16 code units, `start..end`. A bound inside a character
/// widens the span to the whole character (as the page's marks must).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Utf16Range {
    pub start: usize,
    pub end: usize,
}

impl Utf16Range {
    pub fn of(index: &TextIndex, span: Span) -> Utf16Range {
        let (start, end) = (index.point(span.start), index.point(span.end));
        Utf16Range { start: start.utf16, end: end.utf16_ceil.max(start.utf16) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::test_support::*;

    #[test]
    fn regions_cover_the_text_once_with_gaps_between_messages() {
        let input = [b"junk before\r\n".as_slice(), CAPTURE_41].concat();
        let (report, text) = inspected(&input);
        let index = TextIndex::new(&text);
        let regions = Regions::new(&report, &index);
        let all = regions.all();
        assert_eq!(all[0].start, 0);
        assert_eq!(all.last().unwrap().end, index.utf16_len());
        assert!(all.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(all.iter().filter(|r| r.message.is_some()).count(), report.messages.len());
        assert_eq!(all[0].message, None, "the junk is a gap");
    }

    #[test]
    fn pieces_cover_a_region_and_name_the_rows_they_belong_to() {
        let (report, text) = inspected(CAPTURE_41);
        let index = TextIndex::new(&text);
        let regions = Regions::new(&report, &index);
        let region = regions.all().iter().copied().find(|r| r.message == Some(0)).unwrap();
        let pieces = regions.pieces(region, &report, &index);
        assert_eq!(pieces[0].start, region.start);
        assert_eq!(pieces.last().unwrap().end, region.end);
        assert!(pieces.windows(2).all(|w| w[0].end == w[1].start));
        assert_eq!(pieces[0].row, Some(PieceRow::StartLine { message: 0 }));
        let headers = pieces.iter().filter(|p| matches!(p.row, Some(PieceRow::Header { message: 0, .. }))).count();
        assert_eq!(headers, report.messages[0].headers.len());
    }

    #[test]
    fn ranges_are_put_in_order_of_their_start_keeping_ties_in_the_given_order() {
        let range = |start| Utf16Range { start, end: start + 1 };
        let sorted =
            by_start(vec![(range(5), 'a'), (range(2), 'b'), (range(5), 'c'), (range(0), 'd'), (range(2), 'e')]);
        let order: String = sorted.iter().map(|&(_, c)| c).collect();
        assert_eq!(order, "dbeac");
    }

    #[test]
    fn around_gives_the_region_of_a_mark_and_those_it_runs_into_at_most_a_few() {
        let (report, text) = inspected(CAPTURE_41);
        let index = TextIndex::new(&text);
        let regions = Regions::new(&report, &index);
        let all = regions.all();
        let third = all[2];
        assert_eq!(regions.around(third.start + 1, third.start + 2, 8), &all[2..3]);
        assert_eq!(regions.around(all[1].start, all[3].start + 1, 8), &all[1..4]);
        assert_eq!(regions.around(0, index.utf16_len(), 2).len(), 2);
        assert_eq!(regions.around(index.utf16_len() + 5, index.utf16_len() + 9, 8), &all[all.len() - 1..]);
    }
}
