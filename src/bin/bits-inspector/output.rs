//! Text and JSON output.

use std::io::{self, Write};

use bits_inspector::explain::{self, Explanation};
use bits_inspector::rules::catalog::{CATALOG, NOT_CHECKS};
use bits_inspector::Report;

use crate::args::Format;

/// Compiler-style lines, `file:line:col: severity[rule]: summary`, then a summary line.
pub fn report_text(out: &mut impl Write, file: &str, report: &Report) -> io::Result<()> {
    for f in &report.findings {
        let about = match (f.message, &f.header) {
            (Some(m), Some(h)) => format!(" (message #{m} {}, {h})", report.messages[m].label),
            (Some(m), None) => format!(" (message #{m} {})", report.messages[m].label),
            _ => String::new(),
        };
        writeln!(
            out,
            "{file}:{}:{}: {}[{}]: {}{about}",
            f.start.line,
            f.start.column,
            f.severity.as_str(),
            f.rule,
            f.summary
        )?;
    }
    let kinds: Vec<String> = report.messages.iter().map(|m| format!("#{} {}", m.index, m.label)).collect();
    if !kinds.is_empty() {
        writeln!(out, "{file}: messages: {}", kinds.join(", "))?;
    }
    let c = report.counts;
    writeln!(
        out,
        "{file}: {} message{}, {} error{}, {} warning{}, {} note{} (profile {})",
        report.messages.len(),
        plural(report.messages.len()),
        c.errors,
        plural(c.errors),
        c.warnings,
        plural(c.warnings),
        c.notes,
        plural(c.notes),
        report.profile.as_str()
    )
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

#[derive(serde::Serialize)]
struct Named<'a> {
    file: &'a str,
    #[serde(flatten)]
    report: &'a Report,
}

/// One input: its report object. Several: an array of reports, each with its `file`.
pub fn reports_json(out: &mut impl Write, reports: &[(String, Report)]) -> io::Result<()> {
    let named: Vec<Named> = reports.iter().map(|(file, report)| Named { file, report }).collect();
    match named.as_slice() {
        [one] => serde_json::to_writer_pretty(&mut *out, one)?,
        many => serde_json::to_writer_pretty(&mut *out, many)?,
    }
    writeln!(out)
}

pub fn rules(out: &mut impl Write, format: Format) -> io::Result<()> {
    let all: Vec<_> = CATALOG.iter().map(explain::rule).collect();
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, &all)?;
        return writeln!(out);
    }
    writeln!(out, "{:<48} {:<8} {:<8} {:<8} {:<14} sources", "rule", "default", "win32", "mc-bup", "reference")?;
    for r in &all {
        let sources: Vec<&str> = r.links.iter().map(|s| s.id).collect();
        writeln!(
            out,
            "{:<48} {:<8} {:<8} {:<8} {:<14} {}\n    {}",
            r.id,
            r.grades[0].1,
            r.grades[1].1,
            r.grades[2].1,
            r.reference,
            sources.join(", "),
            r.title
        )?;
    }
    writeln!(out, "\n{} rules. Items of reference section 8.2 that are statements rather than checks:", all.len())?;
    for (item, why) in NOT_CHECKS {
        writeln!(out, "  {item}: {why}")?;
    }
    Ok(())
}

pub fn explanation(out: &mut impl Write, found: &Explanation, format: Format) -> io::Result<()> {
    if format == Format::Json {
        serde_json::to_writer_pretty(&mut *out, found)?;
        return writeln!(out);
    }
    match found {
        Explanation::Rule(r) => {
            writeln!(out, "{}: {}\n\n{}\n", r.id, r.title, r.explanation)?;
            let grades: Vec<String> = r.grades.iter().map(|(p, s)| format!("{p}: {s}")).collect();
            writeln!(out, "Severity by profile: {}", grades.join(", "))?;
            writeln!(out, "Reference: bits-protocol.md {}", r.reference)?;
            for link in r.links {
                writeln!(out, "  {} <{}>", link.title, link.url)?;
            }
        }
        Explanation::Hresult(h) => {
            writeln!(out, "{} ({}): {}", h.code, h.decimal, h.name.as_deref().unwrap_or("no symbolic name known"))?;
            writeln!(out, "{}", h.meaning)?;
            if let Some(note) = h.note {
                writeln!(out, "Note: {note}")?;
            }
            if let Some(statuses) = h.statuses {
                let s: Vec<String> = statuses.iter().map(u16::to_string).collect();
                writeln!(out, "A BITS server sends it with HTTP status {} ([MC-BUP] 2.2.1.2).", s.join(" or "))?;
            }
        }
        Explanation::Header(hd) => {
            writeln!(out, "{}: {}\n\n{}\n", hd.name, hd.summary, hd.help)?;
            if !hd.aliases.is_empty() {
                writeln!(out, "Also spelled: {}", hd.aliases.join(", "))?;
            }
            for place in &hd.belongs_to {
                writeln!(out, "  {place}")?;
            }
            for link in hd.links {
                writeln!(out, "  {} <{}>", link.title, link.url)?;
            }
        }
    }
    Ok(())
}
