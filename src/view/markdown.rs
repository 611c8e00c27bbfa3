//! The findings as Markdown, for the page's copy button and download: one line per finding
//! in the drawn order (errors first), with where it is, what was seen and the spec links.

use super::findings::FindingOrder;
use crate::report::Report;

/// The whole findings list as Markdown (every finding, whatever the page's filter shows).
pub fn findings_markdown(report: &Report) -> String {
    let c = report.counts;
    let mut out = format!(
        "**bits-inspector {}**, profile `{}`: {}, {}, {} in {}\n\n",
        report.version,
        report.profile.as_str(),
        plural(c.errors, "error"),
        plural(c.warnings, "warning"),
        plural(c.notes, "note"),
        plural(report.messages.len(), "message"),
    );
    if report.findings.is_empty() {
        out.push_str("No findings.\n");
    }
    let order = FindingOrder::new(report);
    for &i in order.shown(0, usize::MAX) {
        let f = &report.findings[i];
        let mut place = format!("line {}:{}", f.start.line, f.start.column);
        if let Some(m) = f.message.and_then(|m| report.messages.get(m)) {
            place.push_str(&format!(", message #{} ({})", m.index, escape(&m.label())));
        }
        let links: Vec<String> = f.links.iter().map(|l| format!("[{}]({})", escape(l.id), l.url)).collect();
        out.push_str(&format!(
            "- **{}** `{}` ({place}): {}. {}. {}\n",
            f.severity.as_str(),
            f.rule,
            escape(&f.summary),
            escape(f.title),
            links.join(", "),
        ));
    }
    out
}

/// Backslashes what Markdown would read as formatting, links, HTML or a table.
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|') {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `1 error`, `12,345 errors`: as the page's `plural` words numbers (en-US grouping).
fn plural(n: usize, one: &str) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(d);
    }
    if n == 1 {
        format!("{grouped} {one}")
    } else {
        format!("{grouped} {one}s")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::test_support::*;

    #[test]
    fn numbers_are_grouped_as_the_page_words_them() {
        assert_eq!(plural(1, "error"), "1 error");
        assert_eq!(plural(0, "note"), "0 notes");
        assert_eq!(plural(1234567, "message"), "1,234,567 messages");
        assert_eq!(plural(100, "message"), "100 messages");
    }

    #[test]
    fn markdown_escapes_formatting() {
        assert_eq!(escape("a_b *c* [d](e) <f> |g| `h` \\"), "a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\|g\\| \\`h\\` \\\\");
    }

    #[test]
    fn each_finding_is_a_line_errors_first_with_its_place_and_links() {
        let (report, _) = inspected(BROKEN_403);
        let md = findings_markdown(&report);
        let lines: Vec<&str> = md.lines().collect();
        assert!(lines[0].starts_with(&format!("**bits-inspector {}**, profile `default`: ", report.version)), "{md}");
        assert_eq!(lines.len(), 2 + report.findings.len());
        let f = report.findings.iter().find(|f| f.severity == crate::Severity::Error).unwrap();
        assert!(
            lines[2].starts_with(&format!(
                "- **error** `{}` (line {}:{}, message #1 (",
                f.rule, f.start.line, f.start.column
            )),
            "{md}"
        );
        assert!(lines[2].contains("](https://"), "{md}");
    }

    #[test]
    fn no_findings_says_so() {
        let (mut report, _) = inspected(CAPTURE_41);
        report.findings.clear();
        assert!(findings_markdown(&report).ends_with("\n\nNo findings.\n"));
    }
}
