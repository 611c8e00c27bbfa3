//! The message list's rows: each request beside the response that answers it, in the order
//! the requests came; a message without a pair (or whose pair came first) has a row alone.

use crate::http::StartLine;
use crate::report::Report;

pub struct Rows {
    /// Each row's messages: one, or a request and its response in that order.
    rows: Vec<(usize, Option<usize>)>,
    /// Each message's row.
    row_of: Vec<usize>,
}

impl Rows {
    pub fn new(report: &Report) -> Rows {
        let messages = &report.messages;
        const NONE: usize = usize::MAX;
        let mut row_of = vec![NONE; messages.len()];
        let mut rows = Vec::with_capacity(messages.len());
        for m in messages {
            if row_of[m.index] != NONE {
                continue;
            }
            let other = m.pair.filter(|&p| p > m.index && p < messages.len() && row_of[p] == NONE);
            match other {
                Some(p) => {
                    let is_response = matches!(m.start_line, StartLine::Response { .. });
                    rows.push(if is_response { (p, Some(m.index)) } else { (m.index, Some(p)) });
                    row_of[p] = rows.len() - 1;
                }
                None => rows.push((m.index, None)),
            }
            row_of[m.index] = rows.len() - 1;
        }
        Rows { rows, row_of }
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// The messages of row `row`, in the order drawn.
    pub fn messages(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.rows.get(row).into_iter().flat_map(|&(first, second)| std::iter::once(first).chain(second))
    }

    /// The row message `message` is drawn in.
    pub fn row_of(&self, message: usize) -> Option<usize> {
        self.row_of.get(message).copied()
    }

    /// Rows `from..to`, clamped to the list.
    pub fn range(&self, from: usize, to: usize) -> std::ops::Range<usize> {
        let to = to.min(self.rows.len());
        from.min(to)..to
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::test_support::*;

    #[test]
    fn each_ack_is_beside_its_request_and_every_message_has_one_row() {
        let (report, _) = inspected(CAPTURE_41);
        let rows = Rows::new(&report);
        assert!(rows.len() < report.messages.len());
        let mut seen = vec![0; report.messages.len()];
        for r in 0..rows.len() {
            let members: Vec<usize> = rows.messages(r).collect();
            for &m in &members {
                seen[m] += 1;
                assert_eq!(rows.row_of(m), Some(r));
            }
            if let [request, response] = members[..] {
                assert_eq!(report.messages[request].pair, Some(response));
                assert!(matches!(report.messages[response].start_line, StartLine::Response { .. }));
            }
        }
        assert!(seen.iter().all(|&n| n == 1), "{seen:?}");
        assert_eq!(rows.messages(0).collect::<Vec<_>>(), vec![0, 1]);
    }

    #[test]
    fn a_range_past_the_end_is_clamped() {
        let (report, _) = inspected(CAPTURE_41);
        let rows = Rows::new(&report);
        assert_eq!(rows.range(2, 10_000), 2..rows.len());
        assert!(rows.range(10_000, 20_000).is_empty());
    }
}
