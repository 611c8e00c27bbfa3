//! The findings in the order the page draws them (errors first, then warnings, then notes;
//! in input order within each), what a filter keeps of them, and the findings by rule.

use crate::order::{self, SortKey};
use crate::report::Report;
use crate::rules::grade::Severity;

/// What the page's findings filter asks: every part is optional, and all must match.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FindingFilter {
    /// Severities kept; all when empty.
    pub severities: Vec<Severity>,
    /// One rule id.
    pub rule: Option<String>,
    /// One message index.
    pub message: Option<usize>,
    /// Words searched, without ASCII case, in the rule id, title, summary, header and message name.
    pub text: String,
}

impl FindingFilter {
    fn is_everything(&self) -> bool {
        self.severities.is_empty() && self.rule.is_none() && self.message.is_none() && self.text.trim().is_empty()
    }
}

/// One line of the findings by rule, as Wireshark's Expert Info lists them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleGroup {
    pub rule: &'static str,
    pub severity: Severity,
    pub title: &'static str,
    pub count: usize,
}

pub struct FindingOrder {
    /// Every finding, in the drawn order.
    order: Vec<usize>,
    /// The findings drawn: `order`, or what the filter keeps of it.
    shown: Vec<usize>,
    /// Each finding's place in `shown`, `None` when the filter hides it.
    position: Vec<Option<usize>>,
}

impl FindingOrder {
    pub fn new(report: &Report) -> FindingOrder {
        // Errors first; input order within a severity (the index, last in the key). Sorted
        // through `order::sort`'s one key type, not a sort of its own in the page's wasm.
        let rank = |s: Severity| match s {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        };
        let mut keys: Vec<SortKey> =
            report.findings.iter().enumerate().map(|(i, f)| (rank(f.severity), 0, i as u64)).collect();
        order::sort(&mut keys);
        let order: Vec<usize> = keys.into_iter().map(|(_, _, i)| i as usize).collect();
        let mut findings = FindingOrder { shown: Vec::new(), position: Vec::new(), order };
        findings.show(findings.order.clone());
        findings
    }

    fn show(&mut self, shown: Vec<usize>) {
        self.position = vec![None; self.order.len()];
        for (at, &finding) in shown.iter().enumerate() {
            self.position[finding] = Some(at);
        }
        self.shown = shown;
    }

    /// How many findings are drawn (what the filter keeps).
    pub fn len(&self) -> usize {
        self.shown.len()
    }

    pub fn is_empty(&self) -> bool {
        self.shown.is_empty()
    }

    /// The findings drawn at positions `from..to`, clamped.
    pub fn shown(&self, from: usize, to: usize) -> &[usize] {
        let to = to.min(self.shown.len());
        &self.shown[from.min(to)..to]
    }

    /// Where finding `finding` is drawn, `None` when the filter hides it.
    pub fn position(&self, finding: usize) -> Option<usize> {
        self.position.get(finding).copied().flatten()
    }

    /// Keeps the findings that match `filter`; returns how many.
    pub fn filter(&mut self, report: &Report, filter: &FindingFilter) -> usize {
        if filter.is_everything() {
            self.show(self.order.clone());
            return self.shown.len();
        }
        // ASCII case only: Unicode case tables would cost the page's wasm more than the
        // search gains (rule ids, header names and the engine's words are ASCII).
        let words = filter.text.trim().to_ascii_lowercase();
        let keep = |&i: &usize| {
            let f = &report.findings[i];
            if !filter.severities.is_empty() && !filter.severities.contains(&f.severity) {
                return false;
            }
            if filter.rule.as_deref().is_some_and(|rule| rule != f.rule) {
                return false;
            }
            if filter.message.is_some() && f.message != filter.message {
                return false;
            }
            if words.is_empty() {
                return true;
            }
            let name = f.message.and_then(|m| message_name(report, m)).unwrap_or_default();
            let header = f.header.as_deref().unwrap_or("");
            let hay = format!("{}\n{}\n{}\n{}\n{}", f.rule, f.title, f.summary, header, name).to_ascii_lowercase();
            hay.contains(&words)
        };
        let shown = self.order.iter().copied().filter(keep).collect();
        self.show(shown);
        self.shown.len()
    }

    /// Each rule once with its severity and count: errors first, then the most frequent,
    /// then by rule id.
    pub fn groups(&self, report: &Report) -> Vec<RuleGroup> {
        let mut groups: Vec<RuleGroup> = Vec::new();
        let mut by_rule = std::collections::HashMap::new();
        for &i in &self.order {
            let f = &report.findings[i];
            match by_rule.get(f.rule) {
                Some(&g) => {
                    let group: &mut RuleGroup = &mut groups[g];
                    group.count += 1;
                }
                None => {
                    by_rule.insert(f.rule, groups.len());
                    groups.push(RuleGroup { rule: f.rule, severity: f.severity, title: f.title, count: 1 });
                }
            }
        }
        // An insertion sort: there are at most as many groups as rules, and a standard sort
        // of its own would be 3 KB more of the page's wasm.
        let first = |a: &RuleGroup, b: &RuleGroup| {
            b.severity.cmp(&a.severity).then(b.count.cmp(&a.count)).then(a.rule.cmp(b.rule)).is_lt()
        };
        for i in 1..groups.len() {
            let mut j = i;
            while j > 0 && first(&groups[j], &groups[j - 1]) {
                groups.swap(j, j - 1);
                j -= 1;
            }
        }
        groups
    }
}

/// `#3 Ack for Create-Session`: how the page and the Markdown name a message.
pub fn message_name(report: &Report, message: usize) -> Option<String> {
    report.messages.get(message).map(|m| format!("#{} {}", m.index, m.label()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::test_support::*;

    /// Two 403 exchanges and a fragment gap: errors, warnings and notes mixed.
    fn mixed() -> Vec<u8> {
        let gap = include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/broken/fragment-gap.http"));
        [BROKEN_403, CAPTURE_41, gap.as_slice(), BROKEN_403].concat()
    }

    #[test]
    fn errors_come_first_then_warnings_then_notes_in_input_order_within_each() {
        let (report, _) = inspected(&mixed());
        let order = FindingOrder::new(&report);
        let shown = order.shown(0, usize::MAX);
        assert_eq!(shown.len(), report.findings.len());
        let severities: Vec<Severity> = shown.iter().map(|&i| report.findings[i].severity).collect();
        assert!(severities.windows(2).all(|w| w[0] >= w[1]), "{severities:?}");
        assert!(severities.contains(&Severity::Error));
        for w in shown.windows(2) {
            if report.findings[w[0]].severity == report.findings[w[1]].severity {
                assert!(w[0] < w[1]);
            }
        }
        for (at, &i) in shown.iter().enumerate() {
            assert_eq!(order.position(i), Some(at));
        }
    }

    #[test]
    fn the_filter_keeps_what_matches_and_moves_positions() {
        let (report, _) = inspected(&mixed());
        let mut order = FindingOrder::new(&report);
        let rule = report.findings[0].rule;
        let only_rule = FindingFilter { rule: Some(rule.to_string()), ..Default::default() };
        let n = order.filter(&report, &only_rule);
        assert!(n >= 2 && n < report.findings.len(), "{n}");
        assert!(order.shown(0, n).iter().all(|&i| report.findings[i].rule == rule));
        let hidden = (0..report.findings.len()).find(|&i| report.findings[i].rule != rule).unwrap();
        assert_eq!(order.position(hidden), None);

        let errors = FindingFilter { severities: vec![Severity::Error], ..Default::default() };
        let n = order.filter(&report, &errors);
        assert_eq!(n, report.counts.errors);

        // Text searches the rule id without case, and the message name.
        let upper = FindingFilter { text: format!("  {}  ", rule.to_uppercase()), ..Default::default() };
        assert!(order.filter(&report, &upper) >= 2);
        let message = report.findings[0].message.unwrap();
        let name = FindingFilter { text: format!("#{message} "), message: Some(message), ..Default::default() };
        assert!(order.filter(&report, &name) >= 1);
        assert_eq!(order.filter(&report, &FindingFilter { text: "no such words".into(), ..Default::default() }), 0);

        assert_eq!(order.filter(&report, &FindingFilter::default()), report.findings.len());
    }

    #[test]
    fn groups_count_each_rule_errors_first_then_most_frequent() {
        let (report, _) = inspected(&mixed());
        let groups = FindingOrder::new(&report).groups(&report);
        assert_eq!(groups.iter().map(|g| g.count).sum::<usize>(), report.findings.len());
        for g in &groups {
            assert_eq!(g.count, report.findings.iter().filter(|f| f.rule == g.rule).count());
        }
        assert!(groups.windows(2).all(|w| w[0].severity > w[1].severity
            || (w[0].severity == w[1].severity
                && (w[0].count > w[1].count || (w[0].count == w[1].count && w[0].rule < w[1].rule)))));
    }
}
