//! Fragment arithmetic: where an upload's bytes stand, as the fragments and their Acks show
//! it. Pure numbers, no messages and no rules: it says what it saw ([`Placement`],
//! [`AckIssue`]) and the session turns that into findings.

use serde::Serialize;

use crate::bits::values::ContentRange;

/// One fragment of a session as the report shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FragmentStep {
    pub message: usize,
    pub first: u64,
    pub last: u64,
    pub total: u64,
    pub ack: Option<usize>,
    pub ack_status: Option<u16>,
    /// BITS-Received-Content-Range of the Ack: the next byte the server expects.
    pub next_expected: Option<u64>,
}

/// What a fragment's range does to the bytes already acknowledged.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placement {
    /// It starts where the server expects, or where that is unknown.
    InOrder,
    /// A session created in the capture starts its file elsewhere than at byte 0.
    FirstNotAtZero,
    /// The server asked to resume at `resume`; the fragment starts elsewhere.
    ResumeIgnored { resume: u64 },
    /// Bytes `next` up to the fragment's start are skipped.
    Gap { next: u64 },
    /// Bytes from the fragment's start up to `next` were already received.
    Overlap { next: u64 },
    /// Every byte of it was already received.
    Duplicate { next: u64 },
}

/// Something wrong with a fragment's range against the upload, besides where it starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeIssue {
    /// The total differs from the one earlier fragments announced.
    TotalChanged { earlier: u64 },
    /// After a 413 for `len` bytes at `start`, the fragment is not a smaller one there.
    NotSmallerAfter413 { start: u64, len: u64 },
}

/// Something wrong with an Ack's BITS-Received-Content-Range or status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AckIssue {
    BeyondTotal {
        received: u64,
        total: u64,
    },
    Decreased {
        received: u64,
        before: u64,
    },
    /// A 2xx for a fragment that leaves bytes from `next` missing.
    GapAccepted {
        next: u64,
    },
    /// A 2xx naming another next byte than `expected`.
    RangeWrong {
        received: u64,
        expected: u64,
    },
    /// A 416 naming another next byte than the `next` acknowledged before.
    Range416Wrong {
        received: u64,
        next: u64,
    },
}

/// The upload of one session, fragment by fragment.
#[derive(Debug, Default)]
pub struct Progress {
    /// The session was created in the capture: the server holds no byte before the first fragment.
    from_start: bool,
    /// The file's length, as the first fragment with a valid range announced it.
    total: Option<u64>,
    /// The next byte the server expects (`None`: unknown).
    next_expected: Option<u64>,
    /// Where the server asked the client to go on, when not right after the last fragment.
    resume_at: Option<u64>,
    /// Start and length of a fragment refused as too large (413).
    too_large: Option<(u64, u64)>,
    /// Fragment requests seen, with a valid range or not.
    sent: usize,
    steps: Vec<FragmentStep>,
}

impl Progress {
    pub fn new(from_start: bool) -> Progress {
        Progress { from_start, next_expected: from_start.then_some(0), ..Default::default() }
    }

    pub fn total(&self) -> Option<u64> {
        self.total
    }

    pub fn next_expected(&self) -> Option<u64> {
        self.next_expected
    }

    pub fn fragments_sent(&self) -> usize {
        self.sent
    }

    pub fn steps(&self) -> &[FragmentStep] {
        &self.steps
    }

    pub fn into_steps(self) -> Vec<FragmentStep> {
        self.steps
    }

    /// The server acknowledged every byte of the file.
    pub fn all_acknowledged(&self) -> bool {
        self.total.is_some() && self.next_expected == self.total
    }

    /// After a fragment whose Ack is not in the capture, what the server holds is unknown
    /// until the next Ack says it.
    pub fn forget_position(&mut self) {
        self.next_expected = None;
        self.resume_at = None;
    }

    /// A Fragment request whose Content-Range is missing or invalid: counted, nothing more.
    pub fn fragment_without_range(&mut self) {
        self.sent += 1;
    }

    /// A Fragment request with a valid range, sent as message `message`: what is wrong with
    /// its range, and where it falls.
    pub fn fragment(&mut self, message: usize, range: ContentRange) -> (Vec<RangeIssue>, Placement) {
        self.sent += 1;
        self.steps.push(FragmentStep {
            message,
            first: range.first,
            last: range.last,
            total: range.total,
            ack: None,
            ack_status: None,
            next_expected: None,
        });
        let mut issues = Vec::new();
        match self.total {
            Some(earlier) if earlier != range.total => issues.push(RangeIssue::TotalChanged { earlier }),
            Some(_) => {}
            None => self.total = Some(range.total),
        }
        if self.from_start && self.sent == 1 && range.first != 0 {
            return (issues, Placement::FirstNotAtZero);
        }
        if let Some((start, len)) = self.too_large.take() {
            if range.first != start || range.byte_count() >= len {
                issues.push(RangeIssue::NotSmallerAfter413 { start, len });
            }
        }
        (issues, self.place(range))
    }

    fn place(&mut self, range: ContentRange) -> Placement {
        let Some(next) = self.next_expected else { return Placement::InOrder };
        if let Some(resume) = self.resume_at.take() {
            if range.first != resume {
                return Placement::ResumeIgnored { resume };
            }
        }
        if range.first > next {
            Placement::Gap { next }
        } else if range.first < next && range.last >= next {
            Placement::Overlap { next }
        } else if range.last < next {
            Placement::Duplicate { next }
        } else {
            Placement::InOrder
        }
    }

    /// Notes the Ack `ack` (status, BITS-Received-Content-Range) of fragment message `request`.
    pub fn record_ack(&mut self, request: usize, ack: usize, status: u16, received: Option<u64>) {
        if let Some(step) = self.steps.iter_mut().rev().find(|f| f.message == request) {
            step.ack = Some(ack);
            step.ack_status = Some(status);
            step.next_expected = received;
        }
    }

    /// The Ack of a fragment with a valid range: what the server now holds, and what is wrong
    /// with what it said.
    pub fn acknowledge(&mut self, range: ContentRange, status: u16, received: Option<u64>) -> Vec<AckIssue> {
        let before = self.next_expected;
        let mut issues = Vec::new();
        if let (Some(received), Some(total)) = (received, self.total) {
            if received > total {
                issues.push(AckIssue::BeyondTotal { received, total });
            }
        }
        if let (Some(received), Some(before)) = (received, before) {
            if received < before {
                issues.push(AckIssue::Decreased { received, before });
            }
        }
        match status {
            200..=299 => issues.extend(self.accepted(range, received, before)),
            416 => issues.extend(self.range_not_satisfiable(received, before)),
            413 => self.too_large = Some((range.first, range.byte_count())),
            _ => {}
        }
        issues
    }

    fn accepted(&mut self, range: ContentRange, received: Option<u64>, before: Option<u64>) -> Option<AckIssue> {
        let after = range.last + 1;
        let issue = before.and_then(|next| {
            if range.first > next {
                return Some(AckIssue::GapAccepted { next });
            }
            let received = received?;
            let expected = next.max(after);
            (received != expected && received >= next).then_some(AckIssue::RangeWrong { received, expected })
        });
        let floor = before.unwrap_or(0);
        self.next_expected = Some(received.unwrap_or(after).max(floor));
        self.resume_at = received.filter(|&r| r != after && r >= floor);
        issue
    }

    fn range_not_satisfiable(&mut self, received: Option<u64>, before: Option<u64>) -> Option<AckIssue> {
        let received = received?;
        self.next_expected = Some(received);
        self.resume_at = Some(received);
        before.filter(|&next| next != received).map(|next| AckIssue::Range416Wrong { received, next })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn range(first: u64, last: u64, total: u64) -> ContentRange {
        ContentRange { first, last, total, unit_lower_case: true }
    }

    /// A session created in the capture with fragments `ranges` each acknowledged with 200 and
    /// the byte after it.
    fn uploaded(ranges: &[(u64, u64)], total: u64) -> Progress {
        let mut p = Progress::new(true);
        for (i, &(first, last)) in ranges.iter().enumerate() {
            assert_eq!(p.fragment(2 * i, range(first, last, total)), (vec![], Placement::InOrder));
            assert_eq!(p.acknowledge(range(first, last, total), 200, Some(last + 1)), vec![]);
        }
        p
    }

    #[test]
    fn fragments_in_order_reach_the_total() {
        let p = uploaded(&[(0, 9), (10, 19)], 30);
        assert_eq!((p.next_expected(), p.total(), p.all_acknowledged()), (Some(20), Some(30), false));
        let p = uploaded(&[(0, 9), (10, 19), (20, 29)], 30);
        assert!(p.all_acknowledged());
        assert_eq!(p.fragments_sent(), 3);
        assert_eq!(p.steps().iter().map(|s| (s.first, s.last)).collect::<Vec<_>>(), [(0, 9), (10, 19), (20, 29)]);
    }

    #[test]
    fn a_fragment_is_placed_against_the_next_expected_byte() {
        let mut p = uploaded(&[(0, 9)], 30);
        assert_eq!(p.fragment(2, range(20, 29, 30)).1, Placement::Gap { next: 10 });
        let mut p2 = uploaded(&[(0, 9)], 30);
        assert_eq!(p2.fragment(2, range(5, 19, 30)).1, Placement::Overlap { next: 10 });
        assert_eq!(p.fragment(4, range(0, 9, 30)).1, Placement::Duplicate { next: 10 });
        assert_eq!(p.fragment(6, range(10, 19, 30)).1, Placement::InOrder);
    }

    #[test]
    fn the_first_fragment_of_a_new_session_starts_at_zero_but_not_of_one_joined_midway() {
        assert_eq!(Progress::new(true).fragment(0, range(10, 19, 30)), (vec![], Placement::FirstNotAtZero));
        assert_eq!(Progress::new(false).fragment(0, range(10, 19, 30)), (vec![], Placement::InOrder));
    }

    #[test]
    fn the_total_is_the_first_fragments_and_a_change_is_reported() {
        let mut p = uploaded(&[(0, 9)], 30);
        assert_eq!(p.fragment(2, range(10, 19, 40)).0, [RangeIssue::TotalChanged { earlier: 30 }]);
        assert_eq!(p.total(), Some(30));
    }

    #[test]
    fn after_a_413_the_next_fragment_is_smaller_and_at_the_same_start() {
        let mut p = Progress::new(true);
        p.fragment(0, range(0, 29, 30));
        assert_eq!(p.acknowledge(range(0, 29, 30), 413, None), vec![]);
        assert_eq!(p.fragment(2, range(0, 29, 30)).0, [RangeIssue::NotSmallerAfter413 { start: 0, len: 30 }]);
        p.acknowledge(range(0, 29, 30), 413, None);
        assert_eq!(p.fragment(4, range(0, 9, 30)).0, []);
    }

    #[test]
    fn a_fragment_can_change_the_total_and_ignore_a_413_at_once() {
        let mut p = Progress::new(true);
        p.fragment(0, range(0, 29, 30));
        p.acknowledge(range(0, 29, 30), 413, None);
        let issues = p.fragment(2, range(5, 14, 40)).0;
        assert_eq!(
            issues,
            [RangeIssue::TotalChanged { earlier: 30 }, RangeIssue::NotSmallerAfter413 { start: 0, len: 30 }]
        );
    }

    #[test]
    fn a_416_moves_the_next_byte_and_the_client_must_resume_there() {
        let mut p = uploaded(&[(0, 9)], 30);
        p.fragment(2, range(20, 29, 30));
        assert_eq!(p.acknowledge(range(20, 29, 30), 416, Some(10)), vec![]);
        assert_eq!(p.next_expected(), Some(10));
        assert_eq!(p.fragment(4, range(20, 29, 30)).1, Placement::ResumeIgnored { resume: 10 });
        let mut p = uploaded(&[(0, 9)], 30);
        p.fragment(2, range(20, 29, 30));
        assert_eq!(
            p.acknowledge(range(20, 29, 30), 416, Some(20)),
            vec![AckIssue::Range416Wrong { received: 20, next: 10 }]
        );
    }

    #[test]
    fn an_ack_naming_another_byte_than_after_the_fragment_is_wrong_and_sets_where_to_resume() {
        let mut p = uploaded(&[(0, 9)], 30);
        p.fragment(2, range(10, 19, 30));
        assert_eq!(
            p.acknowledge(range(10, 19, 30), 200, Some(15)),
            vec![AckIssue::RangeWrong { received: 15, expected: 20 }]
        );
        assert_eq!(p.next_expected(), Some(15));
        assert_eq!(p.fragment(4, range(20, 29, 30)).1, Placement::ResumeIgnored { resume: 15 });
    }

    #[test]
    fn received_ranges_beyond_the_total_or_going_back_are_reported() {
        let mut p = uploaded(&[(0, 9)], 30);
        p.fragment(2, range(10, 19, 30));
        assert_eq!(
            p.acknowledge(range(10, 19, 30), 200, Some(31)),
            vec![
                AckIssue::BeyondTotal { received: 31, total: 30 },
                AckIssue::RangeWrong { received: 31, expected: 20 }
            ]
        );
        let mut p = uploaded(&[(0, 9), (10, 19)], 30);
        p.fragment(4, range(20, 29, 30));
        assert_eq!(
            p.acknowledge(range(20, 29, 30), 200, Some(5)),
            vec![AckIssue::Decreased { received: 5, before: 20 }]
        );
        assert_eq!(p.next_expected(), Some(20), "the server's earlier word stands");
    }

    #[test]
    fn a_2xx_for_a_fragment_after_a_gap_is_reported() {
        let mut p = uploaded(&[(0, 9)], 30);
        p.fragment(2, range(20, 29, 30));
        assert_eq!(p.acknowledge(range(20, 29, 30), 200, None), vec![AckIssue::GapAccepted { next: 10 }]);
    }

    #[test]
    fn after_an_unanswered_fragment_nothing_is_placed_until_an_ack_says_where() {
        let mut p = uploaded(&[(0, 9)], 30);
        p.forget_position();
        assert_eq!(p.fragment(2, range(25, 29, 30)).1, Placement::InOrder);
        assert_eq!(p.acknowledge(range(25, 29, 30), 200, Some(30)), vec![]);
        assert_eq!(p.next_expected(), Some(30));
    }

    #[test]
    fn an_ack_is_recorded_on_the_latest_step_of_its_request() {
        let mut p = Progress::new(true);
        p.fragment(3, range(0, 9, 30));
        p.fragment_without_range();
        p.record_ack(3, 4, 200, Some(10));
        p.record_ack(7, 8, 200, Some(20));
        assert_eq!(p.fragments_sent(), 2);
        let step = &p.steps()[0];
        assert_eq!((step.ack, step.ack_status, step.next_expected), (Some(4), Some(200), Some(10)));
    }
}
