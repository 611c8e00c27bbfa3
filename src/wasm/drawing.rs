//! How the kept inspection answers the page: the core's [`View`] turned into the page's
//! DTOs, one page of a list at a time.

use super::dto::*;
use crate::report::Report;
use crate::utf16::TextIndex;
use crate::view::View;

/// What the page's lists are drawn from: the kept inspection's report, text and offsets,
/// and the view its summary made.
pub(super) struct Drawing<'a> {
    pub report: &'a Report,
    pub text: &'a [u8],
    pub index: TextIndex<'a>,
    pub pasted: bool,
    pub view: &'a View,
    pub limits: Limits,
}

impl Drawing<'_> {
    pub(super) fn page_summary(&self) -> PageSummary {
        let (view, limits) = (self.view, self.limits);
        let report = self.report;
        let messages = &report.messages;
        let regions = &view.regions;
        let length = self.index.utf16_len();
        let whole = length <= limits.whole_up_to_chars && regions.len() <= limits.whole_up_to_regions;
        let region = |r| self.page_region(r);
        let raw = PageRaw {
            whole,
            length,
            region_count: regions.len(),
            regions: whole.then(|| regions.all().iter().copied().map(region).collect()),
            first: (!whole).then(|| self.regions_around(0, 0)),
        };
        let first_rows =
            if messages.len() <= limits.open_cards_up_to { self.rows_of(0, limits.draw_all_pairs) } else { Vec::new() };
        PageSummary {
            version: report.version,
            profile: report.profile,
            input: PageInput::new(report, &self.index, self.pasted),
            counts: report.counts.into(),
            message_count: messages.len(),
            finding_count: report.findings.len(),
            groups: view.findings.groups(report).into_iter().map(PageRuleGroup::from).collect(),
            row_count: view.rows.len(),
            all_unknown: messages.iter().all(|m| matches!(m.start_line, crate::http::StartLine::Invalid)),
            capture: report.capture.as_ref().map(|c| {
                let mut capture = PageCapture::from(c);
                capture.connections.truncate(limits.connections_shown);
                capture
            }),
            sequence: (0..messages.len().min(limits.sequence_shown)).map(|i| self.brief(i)).collect(),
            session_count: report.sessions.len(),
            sessions: report
                .sessions
                .iter()
                .take(limits.sessions_shown)
                .map(|s| self.session_card(s, limits))
                .collect(),
            raw,
            rows: PageSlice { from: 0, items: first_rows },
            findings: PageSlice {
                from: 0,
                items: view
                    .findings
                    .shown(0, limits.draw_all_findings)
                    .iter()
                    .map(|&i| self.drawn_finding(i))
                    .collect(),
            },
        }
    }

    pub(super) fn rows_of(&self, from: usize, to: usize) -> Vec<Vec<PageMessage>> {
        let rows = &self.view.rows;
        rows.range(from, to).map(|row| rows.messages(row).filter_map(|i| self.drawn_message(i)).collect()).collect()
    }

    pub(super) fn drawn_finding(&self, index: usize) -> PageFinding {
        PageFinding::new(self.report, index, &self.index)
    }

    /// Message `index` as the page draws it: whole, with its row in the list, its findings
    /// whole and the connection it travelled on.
    pub(super) fn drawn_message(&self, index: usize) -> Option<PageMessage> {
        let m = self.report.messages.get(index)?;
        let mut message = PageMessage::new(self.report.detail(index, self.text), &self.index, true);
        message.findings = MessageFindings::Drawn(m.findings.iter().map(|&f| self.drawn_finding(f)).collect());
        message.row = self.view.rows.row_of(index);
        message.connection = m
            .origin
            .as_ref()
            .and_then(|o| self.report.capture.as_ref()?.connections.get(o.connection).map(PageConnection::from));
        Some(message)
    }

    fn brief(&self, index: usize) -> PageBrief {
        let m = self.report.detail_without_headers(index, self.text);
        let finding_count = m.message.findings.len();
        let message = PageMessage::new(m, &self.index, false);
        PageBrief {
            index,
            direction: message.direction,
            kind: message.kind,
            label: message.label,
            status: message.status,
            reason: message.reason,
            target: message.target,
            start_line: message.start_line,
            origin: message.origin,
            counts: message.counts,
            finding_count,
        }
    }

    fn session_card(&self, s: &crate::rules::conversation::SessionSummary, limits: Limits) -> PageSession {
        let mut session = PageSession::new(s, self.report);
        session.fragments.truncate(limits.fragments_shown);
        session.messages = Vec::new();
        session
    }

    pub(super) fn regions_around(&self, start: usize, end: usize) -> Vec<PageRegion> {
        let regions = &self.view.regions;
        regions.around(start, end, self.limits.regions_per_mark).iter().map(|&r| self.page_region(r)).collect()
    }

    fn page_region(&self, r: crate::view::Region) -> PageRegion {
        PageRegion {
            start: r.start,
            end: r.end,
            message: r.message,
            pieces: self.view.regions.pieces(r, self.report, &self.index).into_iter().map(PagePiece::from).collect(),
        }
    }
}
