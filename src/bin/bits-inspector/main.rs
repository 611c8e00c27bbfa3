//! `bits-inspector`: check captured BITS upload traffic from scripts and CI.

mod args;
mod compose;
mod diagnostic;
mod fix;
mod output;

use std::io::{IsTerminal, Read, Write};
use std::process::ExitCode;
use std::time::Instant;

use args::{CheckArgs, Cli, ColorChoice, Command, Format};
use bits_inspector::{explain, inspect_with_text, redact, Inspection, LineEndingCheck, Options};
use clap::{CommandFactory, Parser};
use diagnostic::Diagnostics;

fn main() -> ExitCode {
    // clap prints help and version to standard output with status 0, and a bad argument
    // with its reason and the usage to standard error with status 2, as before.
    let cli = Cli::parse();
    let mut stdout = std::io::stdout().lock();
    let result = match cli.command {
        None => Cli::command().write_help(&mut stdout).map(|_| ExitCode::SUCCESS),
        Some(Command::Completions { shell }) => {
            clap_complete::generate(shell, &mut Cli::command(), "bits-inspector", &mut stdout);
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Rules { format }) => output::rules(&mut stdout, format).map(|_| ExitCode::SUCCESS),
        Some(Command::Explain { query, format }) => match explain::explain(&query) {
            Some(found) => output::explanation(&mut stdout, &found, format).map(|_| ExitCode::SUCCESS),
            None => {
                eprintln!("bits-inspector: `{query}` is neither a rule id, a BITS header nor an HRESULT (try `bits-inspector rules`)");
                return ExitCode::from(2);
            }
        },
        Some(Command::Compose(args)) => compose::run(&mut stdout, &args),
        Some(Command::Fix(args)) => fix::fixed(&mut stdout, &args),
        Some(Command::Check(args)) => {
            let options = Options {
                profile: args.profile.0,
                line_endings: if args.pasted { LineEndingCheck::Pasted } else { LineEndingCheck::Strict },
            };
            if args.redact {
                redacted(&mut stdout, &args.files, &options)
            } else {
                check(&mut stdout, &args, &options, &Diagnostics::new(colour(cli.color)))
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

/// Whether diagnostics are coloured: `--color auto` colours a terminal, unless NO_COLOR is
/// set to anything but the empty string (https://no-color.org); the flag overrides both.
fn colour(choice: ColorChoice) -> bool {
    match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
        }
    }
}

/// Calls `each` with every input named (`-`: standard input) and the name messages use for
/// it, in order, one at a time; one that cannot be read is said on standard error and
/// skipped. Returns whether any could not be read (exit status 2).
pub(crate) fn each_input<'a>(
    files: &'a [String],
    mut each: impl FnMut(&'a str, Vec<u8>) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    let mut unreadable = false;
    for file in files {
        let name = if file == "-" { "<stdin>" } else { file.as_str() };
        match read_input(file) {
            Ok(bytes) => each(name, bytes)?,
            Err(message) => {
                eprintln!("bits-inspector: {message}");
                unreadable = true;
            }
        }
    }
    Ok(unreadable)
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
    let unreadable = each_input(files, |name, bytes| {
        let inspection = inspect_with_text(&bytes, options);
        let redaction = redact::redact(&inspection.text, &inspection.report);
        out.write_all(&redaction.text)?;
        eprintln!("{name}: redacted {}", redaction.counts.words());
        Ok(())
    })?;
    out.flush()?;
    Ok(if unreadable { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

fn check(
    out: &mut impl Write,
    args: &CheckArgs,
    options: &Options,
    diagnostics: &Diagnostics,
) -> std::io::Result<ExitCode> {
    let mut inputs = Vec::new();
    let unreadable = each_input(&args.files, |name, bytes| {
        inputs.push((name, bytes));
        Ok(())
    })?;
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
    match args.format {
        Format::Text => {
            for (name, inspection) in &reports {
                output::report_text(out, name, inspection, diagnostics)?;
            }
        }
        Format::Json => output::reports_json(out, &reports)?,
    }
    out.flush()?;
    if args.stats {
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
