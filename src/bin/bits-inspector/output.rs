//! Text and JSON output.

use std::io::{self, Write};
use std::time::Duration;

use bits_inspector::explain::{self, Explanation};
use bits_inspector::report::{InputContent, ReportJson};
use bits_inspector::rules::catalog::{CATALOG, NOT_CHECKS};
use bits_inspector::{Inspection, Report};

use crate::args::{Format, RulesFormat};
use crate::diagnostic::Diagnostics;

/// Findings of one input drawn in full; the rest take one line each. An input of a million
/// broken messages would otherwise print gigabytes of repeated snippets and links, and
/// nobody reads past the first screens; scripts get every finding either way.
const FULL_DIAGNOSTICS: usize = 200;

/// Each finding as rustc shows an error (see `diagnostic`) or, past the first
/// [`FULL_DIAGNOSTICS`], on one line as rustc's short format does, `file:line:col:
/// severity[rule]: summary (about)`; then summary lines: the messages, the capture and the
/// counts.
pub fn report_text(
    out: &mut impl Write,
    file: &str,
    inspection: &Inspection,
    diagnostics: &Diagnostics,
) -> io::Result<()> {
    let report = &inspection.report;
    for (i, f) in report.findings.iter().enumerate() {
        let message = f.message.and_then(|m| report.messages.get(m).map(|message| (m, message)));
        // In parentheses, as the one-line form has always written it: scripts and tests
        // (tests/capture.rs) look for `(message #3 Ack for Fragment, frames 19-21, ...)`.
        let about = match (message, &f.header) {
            (Some((m, message)), Some(h)) => format!("(message #{m} {}{}, {h})", message.label(), origin(report, m)),
            (Some((m, message)), None) => format!("(message #{m} {}{})", message.label(), origin(report, m)),
            _ => String::new(),
        };
        if i < FULL_DIAGNOSTICS {
            writeln!(out, "{}\n", diagnostics.render(file, &inspection.text, f, &about))?;
            continue;
        }
        if i == FULL_DIAGNOSTICS {
            let more = report.findings.len() - FULL_DIAGNOSTICS;
            writeln!(out, "{file}: {more} more finding{}, one line each:", plural(more))?;
        }
        let about = if about.is_empty() { about } else { format!(" {about}") };
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
    let kinds: Vec<String> = report.messages.iter().map(|m| format!("#{} {}", m.index, m.label())).collect();
    if !kinds.is_empty() {
        writeln!(out, "{file}: messages: {}", kinds.join(", "))?;
    }
    if let Some(capture) = &report.capture {
        let stopped = capture.stopped.as_deref().map(|s| format!("; {s}")).unwrap_or_default();
        writeln!(
            out,
            "{file}: {}, {} frame{}, {} connection{}{stopped}",
            capture.format.as_str(),
            capture.frames,
            plural(capture.frames as usize),
            capture.connections.len(),
            plural(capture.connections.len())
        )?;
    }
    let c = report.counts;
    let content = match report.input.content {
        InputContent::HttpWithoutBits => " (no BITS traffic)",
        InputContent::NotHttp => " (not HTTP)",
        InputContent::Empty | InputContent::Bits => "",
    };
    writeln!(
        out,
        "{file}: {} message{}{content}, {} error{}, {} warning{}, {} note{} (profile {})",
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

/// `, frame 17, 10.0.0.1:49152 -> 10.0.0.2:8080` for a message read from a capture file.
fn origin(report: &Report, message: usize) -> String {
    let (Some(o), Some(capture)) = (report.messages.get(message).and_then(|m| m.origin), &report.capture) else {
        return String::new();
    };
    let frames = if o.first_frame == o.last_frame {
        format!("frame {}", o.first_frame)
    } else {
        format!("frames {}-{}", o.first_frame, o.last_frame)
    };
    match capture.connections.get(o.connection) {
        Some(c) if o.from_client => format!(", {frames}, {} -> {}", c.client, c.server),
        Some(c) => format!(", {frames}, {} -> {}", c.server, c.client),
        None => format!(", {frames}"),
    }
}

/// `stats: FILE: 104857600 bytes, 3186 messages, inspected in 812.4 ms, peak memory 412.3 MB`
/// for `--stats`. The peak is the whole process's (VmHWM), read where Linux offers it.
pub fn stats_line(file: &str, bytes: usize, report: &Report, time: Duration) -> String {
    let peak = peak_memory_bytes().map(|b| format!(", peak memory {:.1} MB", b as f64 / 1e6)).unwrap_or_default();
    format!(
        "stats: {file}: {bytes} bytes, {} messages, inspected in {:.1} ms{peak}",
        report.messages.len(),
        time.as_secs_f64() * 1e3
    )
}

fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.trim_start_matches("VmHWM:").trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kb * 1024)
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
    report: ReportJson<'a>,
}

/// One input: its report object. Several: an array of reports, each with its `file`.
pub fn reports_json(out: &mut impl Write, reports: &[(&str, Inspection)]) -> io::Result<()> {
    let named: Vec<Named> = reports.iter().map(|(file, i)| Named { file, report: i.report.json(&i.text) }).collect();
    match named.as_slice() {
        [one] => serde_json::to_writer_pretty(&mut *out, one)?,
        many => serde_json::to_writer_pretty(&mut *out, many)?,
    }
    writeln!(out)
}

pub fn rules(out: &mut impl Write, format: RulesFormat) -> io::Result<()> {
    let all: Vec<_> = CATALOG.iter().map(explain::rule).collect();
    match format {
        RulesFormat::Json => {
            serde_json::to_writer_pretty(&mut *out, &all)?;
            return writeln!(out);
        }
        RulesFormat::Markdown => return rules_markdown(out, &all),
        RulesFormat::Text => {}
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

fn rules_markdown(out: &mut impl Write, all: &[explain::RuleExplanation]) -> io::Result<()> {
    writeln!(out, "# Rules\n")?;
    writeln!(
        out,
        "Generated by `bits-inspector rules --format markdown`; a test keeps this file in step with the code."
    )?;
    writeln!(out, "Rule ids are stable: they are never renamed or removed. Severity per profile is given as default / win32 / mc-bup")?;
    writeln!(
        out,
        "(`off`: that profile does not report it). The reference column names the item of the protocol reference"
    )?;
    writeln!(out, "(section 8 check or section 9 disagreement) the rule implements.\n")?;
    for r in all {
        writeln!(out, "## `{}`\n", r.id)?;
        writeln!(
            out,
            "**{}** — {} / {} / {} — reference {}\n",
            r.title, r.grades[0].1, r.grades[1].1, r.grades[2].1, r.reference
        )?;
        writeln!(out, "{}\n", r.explanation)?;
        writeln!(out, "Grades: {}.", r.basis.words())?;
        if let Some(why) = r.departs {
            writeln!(out, "Departs: {why}")?;
        }
        writeln!(out)?;
        let links: Vec<String> = r.links.iter().map(|l| format!("[{}]({})", l.title, l.url)).collect();
        writeln!(out, "Sources: {}\n", links.join(", "))?;
    }
    writeln!(out, "## Reference items that are not checks\n")?;
    for (item, why) in NOT_CHECKS {
        writeln!(out, "- {item}: {why}")?;
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
            let grades: Vec<String> = r.grades.iter().map(|(p, s)| format!("{}: {s}", p.as_str())).collect();
            writeln!(out, "Severity by profile: {}", grades.join(", "))?;
            writeln!(out, "Grades: {}.", r.basis.words())?;
            if let Some(why) = r.departs {
                writeln!(out, "Departs: {why}")?;
            }
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
