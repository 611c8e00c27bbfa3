//! `bits-inspector`: check captured BITS upload traffic from scripts and CI.

mod args;
mod output;

use std::io::{Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use args::{Command, Format};
use bits_inspector::{explain, inspect_with_text, redact, Inspection, LineEndingCheck, Options};

fn main() -> ExitCode {
    let command = match args::parse(std::env::args().skip(1)) {
        Ok(command) => command,
        Err(message) => {
            eprintln!("bits-inspector: {message}\n\n{}", args::USAGE);
            return ExitCode::from(2);
        }
    };
    let mut stdout = std::io::stdout().lock();
    let result = match command {
        Command::Help => writeln!(stdout, "{}", args::USAGE).map(|_| ExitCode::SUCCESS),
        Command::Version => writeln!(stdout, "bits-inspector {}", env!("CARGO_PKG_VERSION")).map(|_| ExitCode::SUCCESS),
        Command::Rules { format } => output::rules(&mut stdout, format).map(|_| ExitCode::SUCCESS),
        Command::Explain { query, format } => match explain::explain(&query) {
            Some(found) => output::explanation(&mut stdout, &found, format).map(|_| ExitCode::SUCCESS),
            None => {
                eprintln!("bits-inspector: `{query}` is neither a rule id, a BITS header nor an HRESULT (try `bits-inspector rules`)");
                return ExitCode::from(2);
            }
        },
        Command::Check { files, format, profile, pasted, stats, redact } => {
            let options = Options {
                profile,
                line_endings: if pasted { LineEndingCheck::Pasted } else { LineEndingCheck::Strict },
            };
            if redact {
                redacted(&mut stdout, &files, &options)
            } else {
                check(&mut stdout, &files, format, &options, stats)
            }
        }
    };
    match result {
        Ok(code) => code,
        // A closed pipe (`| head`) is not a failure of the inspection.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("bits-inspector: cannot write output: {e}");
            ExitCode::from(2)
        }
    }
}

fn read_input(path: &str) -> Result<Vec<u8>, String> {
    if path == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| format!("cannot read standard input: {e}"))?;
        Ok(bytes)
    } else {
        std::fs::read(path).map_err(|e| format!("cannot read {path}: {e}"))
    }
}

/// `check --redact`: each input's text (a capture's transcript) with its secrets replaced,
/// one after another; what was replaced goes to standard error.
fn redacted(out: &mut impl Write, files: &[String], options: &Options) -> std::io::Result<ExitCode> {
    let mut unreadable = false;
    for file in files {
        let name = if file == "-" { "<stdin>" } else { file.as_str() };
        let bytes = match read_input(file) {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("bits-inspector: {message}");
                unreadable = true;
                continue;
            }
        };
        let inspection = inspect_with_text(&bytes, options);
        let redaction = redact::redact(&inspection.text, &inspection.report);
        out.write_all(&redaction.text)?;
        eprintln!("{name}: redacted {}", redaction.counts.words());
    }
    out.flush()?;
    Ok(if unreadable { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn check(
    out: &mut impl Write,
    files: &[String],
    format: Format,
    options: &Options,
    stats: bool,
) -> std::io::Result<ExitCode> {
    let mut unreadable = false;
    let mut inputs = Vec::new();
    for file in files {
        let name = if file == "-" { "<stdin>" } else { file.as_str() };
        match read_input(file) {
            Ok(bytes) => inputs.push((name, bytes)),
            Err(message) => {
                eprintln!("bits-inspector: {message}");
                unreadable = true;
            }
        }
    }
    let mut timings = Vec::new();
    let reports: Vec<(&str, Inspection)> = inputs
        .iter()
        .map(|(name, bytes)| {
            let started = Instant::now();
            let inspection = inspect_with_text(bytes, options);
            timings.push(started.elapsed());
            (*name, inspection)
        })
        .collect();
    let errors = reports.iter().any(|(_, i)| i.report.has_errors());
    match format {
        Format::Text | Format::Markdown => {
            for (name, inspection) in &reports {
                output::report_text(out, name, &inspection.report)?;
            }
        }
        Format::Json => output::reports_json(out, &reports)?,
    }
    out.flush()?;
    if stats {
        for (((name, inspection), time), (_, bytes)) in reports.iter().zip(&timings).zip(&inputs) {
            eprintln!("{}", output::stats_line(name, bytes.len(), &inspection.report, *time));
        }
    }
    Ok(if unreadable {
        ExitCode::from(2)
    } else if errors {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
