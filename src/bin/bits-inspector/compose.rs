//! `compose`: the Acks a correct server sends to each BITS request of the input, as text
//! or JSON. A request the composer cannot answer gets its reason on standard error (and in
//! the text, beside the request).

use std::io::{self, Write};
use std::process::ExitCode;

use bits_inspector::compose::{self, RequestAnswers, Unanswerable};
use bits_inspector::{inspect_with_text, Options};
use serde::Serialize;

use crate::args::{ComposeArgs, Format};

/// The answers of one input, as the JSON shows them.
#[derive(Serialize)]
struct Composed<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    file: Option<&'a str>,
    requests: Vec<RequestAnswers>,
}

pub fn run(out: &mut impl Write, args: &ComposeArgs) -> io::Result<ExitCode> {
    let mut composed = Vec::new();
    let unreadable = crate::each_input(&args.files, |name, bytes| {
        let inspection = inspect_with_text(&bytes, &Options::default());
        let mut results = compose::all_answers(&inspection.report, &inspection.text);
        if let Some(wanted) = args.outcome {
            for answers in results.iter_mut().flatten() {
                answers.answers.retain(|a| a.outcome == wanted.0);
            }
            // A request with no answer of that outcome is left out, not shown empty.
            results.retain(|r| r.as_ref().map_or(true, |a| !a.answers.is_empty()));
        }
        composed.push((name, results));
        Ok(())
    })?;
    match args.format {
        Format::Text => {
            for (name, results) in &composed {
                text(out, name, results, composed.len() > 1)?;
            }
        }
        Format::Json => {
            let mut all: Vec<Composed> = Vec::new();
            for (name, results) in composed {
                let mut requests = Vec::new();
                for result in results {
                    match result {
                        Ok(answers) => requests.push(answers),
                        Err(why) => eprintln!("bits-inspector: {name}: {why}"),
                    }
                }
                all.push(Composed { file: Some(name), requests });
            }
            match all.as_mut_slice() {
                [one] => {
                    one.file = None;
                    serde_json::to_writer_pretty(&mut *out, one)?
                }
                many => serde_json::to_writer_pretty(&mut *out, many)?,
            }
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(if unreadable { ExitCode::from(2) } else { ExitCode::SUCCESS })
}

/// Each request named (`#2 Fragment`), then each answer's outcome, profiles and raw Ack.
fn text(
    out: &mut impl Write,
    name: &str,
    results: &[Result<RequestAnswers, Unanswerable>],
    several: bool,
) -> io::Result<()> {
    if several {
        writeln!(out, "== {name}")?;
    }
    if results.is_empty() {
        writeln!(out, "{name}: no BITS request to answer")?;
    }
    for result in results {
        match result {
            Ok(request) => {
                writeln!(out, "#{} {}", request.message, request.packet.wire_name())?;
                for answer in &request.answers {
                    let profiles: Vec<&str> = answer.profiles.iter().map(|p| p.as_str()).collect();
                    writeln!(out, "  {} ({}): {}", answer.outcome.name(), answer.status, profiles.join(", "))?;
                    // The empty line that ends the head stays empty: no trailing white space.
                    for line in answer.raw.split_terminator("\r\n") {
                        match line {
                            "" => writeln!(out)?,
                            line => writeln!(out, "    {line}")?,
                        }
                    }
                }
            }
            Err(why) => {
                writeln!(out, "{why}")?;
                eprintln!("bits-inspector: {name}: {why}");
            }
        }
    }
    Ok(())
}
