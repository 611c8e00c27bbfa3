//! Command-line arguments. Small enough that a parser crate would cost more build time than it saves.

use bits_inspector::Profile;

pub const USAGE: &str = "\
Usage:
  bits-inspector check [OPTIONS] [FILE...]   inspect captured traffic (standard input when no FILE or -)
  bits-inspector explain RULE-ID|HRESULT|HEADER
  bits-inspector rules [--format text|json|markdown]  list every rule with its sources
  bits-inspector --help | --version

Options for check:
  --format text|json    compiler-style lines (default) or the JSON report
  --profile NAME        default | win32 | mc-bup (how findings are graded)
  --pasted              the input is text pasted from a browser or editor: do not judge line endings
  --stats               after the output, print to standard error per input: bytes, messages,
                        inspection time, and the process's peak memory (Linux)
  --redact              print the input (a capture's decoded transcript) with credentials,
                        cookies, host names and addresses replaced, instead of findings, to
                        share in a bug report; what was replaced goes to standard error

Exit status of check: 0 no error found, 1 errors found, 2 an input could not be read.";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Text,
    Json,
    /// Only for `rules`: the table in docs/rules.md.
    Markdown,
}

#[derive(Debug)]
pub enum Command {
    Check { files: Vec<String>, format: Format, profile: Profile, pasted: bool, stats: bool, redact: bool },
    Explain { query: String, format: Format },
    Rules { format: Format },
    Help,
    Version,
}

pub fn parse(args: impl Iterator<Item = String>) -> Result<Command, String> {
    let mut args = args.peekable();
    let command = match args.next().as_deref() {
        None | Some("-h" | "--help" | "help") => return Ok(Command::Help),
        Some("-V" | "--version") => return Ok(Command::Version),
        Some(c @ ("check" | "explain" | "rules")) => c.to_string(),
        Some(other) => return Err(format!("unknown command `{other}`")),
    };
    let mut format = Format::Text;
    let mut profile = Profile::Default;
    let mut pasted = false;
    let mut stats = false;
    let mut redact = false;
    let mut positional = Vec::new();
    while let Some(arg) = args.next() {
        let (flag, inline) = match arg.split_once('=') {
            Some((f, v)) if f.starts_with("--") => (f.to_string(), Some(v.to_string())),
            _ => (arg.clone(), None),
        };
        let mut value = |name: &str| inline.clone().or_else(|| args.next()).ok_or(format!("{name} needs a value"));
        match flag.as_str() {
            "--format" => {
                format = match value("--format")?.as_str() {
                    "text" => Format::Text,
                    "json" => Format::Json,
                    "markdown" if command == "rules" => Format::Markdown,
                    other => return Err(format!("unknown format `{other}` (text or json)")),
                }
            }
            "--profile" => {
                let name = value("--profile")?;
                profile =
                    Profile::parse(&name).ok_or(format!("unknown profile `{name}` (default, win32 or mc-bup)"))?;
            }
            "--pasted" => pasted = true,
            "--stats" => stats = true,
            "--redact" => redact = true,
            "-h" | "--help" => return Ok(Command::Help),
            "-" => positional.push(arg),
            f if f.starts_with('-') => return Err(format!("unknown option `{f}`")),
            _ => positional.push(arg),
        }
    }
    match command.as_str() {
        "check" => {
            if positional.is_empty() {
                positional.push("-".to_string());
            }
            Ok(Command::Check { files: positional, format, profile, pasted, stats, redact })
        }
        "explain" => match positional.as_slice() {
            [query] => Ok(Command::Explain { query: query.clone(), format }),
            _ => Err("explain takes one rule id, HRESULT or header name".to_string()),
        },
        _ => Ok(Command::Rules { format }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<Command, String> {
        parse(s.split_whitespace().map(String::from))
    }

    #[test]
    fn check_defaults_to_standard_input() {
        match parse_str("check").unwrap() {
            Command::Check { files, format, profile, pasted, stats, redact } => {
                assert_eq!(files, vec!["-"]);
                assert_eq!(
                    (format, profile, pasted, stats, redact),
                    (Format::Text, Profile::Default, false, false, false)
                );
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn options_in_both_spellings() {
        match parse_str("check --format=json --profile mc-bup a b").unwrap() {
            Command::Check { files, format, profile, .. } => {
                assert_eq!(files, vec!["a", "b"]);
                assert_eq!((format, profile), (Format::Json, Profile::McBup));
            }
            other => panic!("{other:?}"),
        }
        assert!(matches!(parse_str("check --redact a").unwrap(), Command::Check { redact: true, .. }));
    }

    #[test]
    fn bad_arguments_are_refused_with_a_reason() {
        assert!(parse_str("check --profile strict").unwrap_err().contains("strict"));
        assert!(parse_str("frobnicate").is_err());
        assert!(parse_str("explain").is_err());
        assert!(parse_str("check --format").unwrap_err().contains("needs a value"));
    }
}
