//! `bits-inspector fix`: the inspected text with every finding's fix applied.

use std::io::Write;
use std::process::ExitCode;

use bits_inspector::rules::fix::apply;
use bits_inspector::{inspect_with_text, LineEndingCheck, Options};

use crate::args::FixArgs;
use crate::each_input;

/// Each input's text (a capture's transcript) with its fixes applied, one after another;
/// how many were applied, and the titles of those left out, go to standard error.
pub fn fixed(out: &mut impl Write, args: &FixArgs) -> std::io::Result<ExitCode> {
    let options = Options {
        profile: args.profile.0,
        line_endings: if args.pasted { LineEndingCheck::Pasted } else { LineEndingCheck::Strict },
    };
    let mut failed = false;
    let unreadable = each_input(&args.files, |name, bytes| {
        let inspection = inspect_with_text(&bytes, &options);
        let fixes = inspection.report.fixes();
        match apply(&inspection.text, &fixes) {
            Ok(applied) => {
                out.write_all(&applied.text)?;
                let skipped: Vec<&str> = applied.skipped.iter().map(|&i| fixes[i].title.as_str()).collect();
                eprintln!(
                    "{name}: {} fix{} applied{}",
                    fixes.len() - skipped.len(),
                    if fixes.len() - skipped.len() == 1 { "" } else { "es" },
                    if skipped.is_empty() {
                        String::new()
                    } else {
                        format!("; left out, as they collide with one applied: {}", skipped.join(", "))
                    }
                );
            }
            // Never expected: fixes are made for this text. Said rather than half-written.
            Err(e) => {
                eprintln!("bits-inspector: {name}: cannot apply the fixes: {e}");
                failed = true;
            }
        }
        Ok(())
    })?;
    out.flush()?;
    Ok(if failed || unreadable { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
