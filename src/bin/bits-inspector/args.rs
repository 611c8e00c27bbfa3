//! Command-line arguments, declared for clap: the help of each command, the errors for bad
//! arguments and the shell completions all come from these declarations.

use clap::builder::PossibleValue;
use clap::{Args, Parser, Subcommand, ValueEnum};

use bits_inspector::compose::Outcome;
use bits_inspector::Profile;

#[derive(Debug, Parser)]
#[command(
    name = "bits-inspector",
    version,
    about = "Decode and check Microsoft BITS upload protocol traffic against the Win32 pages and [MC-BUP]",
    after_help = "Exit status of check: 0 no error found, 1 errors found, 2 an input could not be read.\n\
                  Any other command: 0, or 2 for bad arguments or an unknown `explain` query."
)]
pub struct Cli {
    /// When to colour diagnostics; `auto`: on a terminal, unless NO_COLOR is set
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true, value_name = "WHEN")]
    pub color: ColorChoice,

    /// No command prints this help, as `--help` does.
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Inspect captured traffic: text, pcap, pcapng or HAR (standard input when no FILE, or -)
    #[command(after_help = "Exit status: 0 no error found, 1 errors found, 2 an input could not be read.")]
    Check(CheckArgs),
    /// The Acks a correct server sends to each BITS request of the input, one per outcome the
    /// documents define, with the profiles under which each is correct
    #[command(after_help = "Exit status: 0 when written, 2 an input could not be read.")]
    Compose(ComposeArgs),
    /// Print the input (a capture's decoded transcript) with every finding's fix applied
    #[command(after_help = "Exit status: 0 written, 2 an input could not be read or fixed.\n\
                            What was fixed, and fixes left out because they collide, go to standard error.")]
    Fix(FixArgs),
    /// Explain a rule id, an HRESULT (0x8020001F or decimal) or a BITS header
    Explain {
        /// A rule id (`bits-inspector rules` lists them), an HRESULT or a header name
        #[arg(value_name = "RULE-ID|HRESULT|HEADER")]
        query: String,
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
    },
    /// List every rule with its grade under each profile and its sources
    Rules {
        /// `markdown` is docs/rules.md
        #[arg(long, value_enum, default_value_t = RulesFormat::Text)]
        format: RulesFormat,
    },
    /// Print a shell completion script (`source <(bits-inspector completions bash)`)
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files to inspect; - is standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub files: Vec<String>,
    /// Rustc-style diagnostics (text) or the JSON report
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// How findings are graded: the Win32 pages and [MC-BUP] disagree in places
    #[arg(long, value_enum, ignore_case = true, default_value_t = ProfileArg(Profile::Default), value_name = "NAME")]
    pub profile: ProfileArg,
    /// The input is text pasted from a browser or an editor: do not judge line endings
    #[arg(long)]
    pub pasted: bool,
    /// After the output, print to standard error per input: bytes, messages, inspection
    /// time and the process's peak memory (Linux)
    #[arg(long)]
    pub stats: bool,
    /// Print the input (a capture's decoded transcript) with credentials, cookies, host names
    /// and addresses replaced, instead of findings, to share in a bug report; what was
    /// replaced goes to standard error
    #[arg(long)]
    pub redact: bool,
}

#[derive(Debug, Args)]
pub struct ComposeArgs {
    /// Files holding the requests: text, pcap, pcapng or HAR; - is standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub files: Vec<String>,
    /// The answers as text (request by request, each answer's raw Ack) or as JSON
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Only the answers of this outcome (session-created, fragment-received, ...)
    #[arg(long, value_enum, ignore_case = true, value_name = "NAME")]
    pub outcome: Option<OutcomeArg>,
}

/// The library's [`Outcome`] as a clap value, named by its serde names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutcomeArg(pub Outcome);

impl ValueEnum for OutcomeArg {
    fn value_variants<'a>() -> &'a [Self] {
        static ALL: std::sync::OnceLock<Vec<OutcomeArg>> = std::sync::OnceLock::new();
        ALL.get_or_init(|| Outcome::ALL.into_iter().map(OutcomeArg).collect())
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.name()))
    }
}

#[derive(Debug, Args)]
pub struct FixArgs {
    /// Files to fix; - is standard input
    #[arg(value_name = "FILE", default_value = "-")]
    pub files: Vec<String>,
    /// The profile whose findings are fixed
    #[arg(long, value_enum, ignore_case = true, default_value_t = ProfileArg(Profile::Default), value_name = "NAME")]
    pub profile: ProfileArg,
    /// The input is text pasted from a browser or an editor: leave its line endings alone
    #[arg(long)]
    pub pasted: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RulesFormat {
    Text,
    Json,
    /// The table in docs/rules.md
    Markdown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

/// The library's [`Profile`] as a clap value: its names come from `Profile::as_str`, so the
/// help, the completions and the parser cannot drift from the library.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileArg(pub Profile);

impl ValueEnum for ProfileArg {
    fn value_variants<'a>() -> &'a [Self] {
        const ALL: [ProfileArg; 3] =
            [ProfileArg(Profile::ALL[0]), ProfileArg(Profile::ALL[1]), ProfileArg(Profile::ALL[2])];
        &ALL
    }

    fn to_possible_value(&self) -> Option<PossibleValue> {
        Some(PossibleValue::new(self.0.as_str()))
    }
}

impl std::fmt::Display for ProfileArg {
    // clap shows the default value with this.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn parse(line: &str) -> Result<Cli, clap::Error> {
        Cli::try_parse_from(std::iter::once("bits-inspector").chain(line.split_whitespace()))
    }

    fn check(line: &str) -> CheckArgs {
        match parse(line).unwrap().command {
            Some(Command::Check(args)) => args,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn the_declarations_are_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn check_defaults_to_standard_input() {
        let args = check("check");
        assert_eq!(args.files, vec!["-"]);
        assert_eq!(
            (args.format, args.profile.0, args.pasted, args.stats, args.redact),
            (Format::Text, Profile::Default, false, false, false)
        );
    }

    #[test]
    fn options_in_both_spellings() {
        let args = check("check --format=json --profile mc-bup a b");
        assert_eq!(args.files, vec!["a", "b"]);
        assert_eq!((args.format, args.profile.0), (Format::Json, Profile::McBup));
        assert!(check("check --redact a").redact);
        // Profile names were never case-sensitive.
        assert_eq!(check("check --profile Win32").profile.0, Profile::Win32);
        assert_eq!(parse("--color never check").unwrap().color, ColorChoice::Never);
        assert_eq!(parse("check --color always").unwrap().color, ColorChoice::Always);
    }

    #[test]
    fn fix_takes_files_and_a_profile() {
        match parse("fix --profile mc-bup a b").unwrap().command {
            Some(Command::Fix(args)) => {
                assert_eq!(args.files, vec!["a", "b"]);
                assert_eq!((args.profile.0, args.pasted), (Profile::McBup, false));
            }
            other => panic!("{other:?}"),
        }
        match parse("fix").unwrap().command {
            Some(Command::Fix(args)) => assert_eq!(args.files, vec!["-"]),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn every_profile_is_offered() {
        for profile in Profile::ALL {
            assert_eq!(check(&format!("check --profile {}", profile.as_str())).profile.0, profile);
        }
    }

    #[test]
    fn compose_takes_files_a_format_and_an_outcome_by_its_name() {
        let Some(Command::Compose(args)) = parse("compose --format json --outcome Session-Created a").unwrap().command
        else {
            panic!("not compose")
        };
        assert_eq!(
            (args.files, args.format, args.outcome),
            (vec!["a".to_string()], Format::Json, Some(OutcomeArg(Outcome::SessionCreated)))
        );
        let Some(Command::Compose(args)) = parse("compose").unwrap().command else { panic!("not compose") };
        assert_eq!((args.files, args.outcome), (vec!["-".to_string()], None));
        assert!(parse("compose --outcome teapot").unwrap_err().to_string().contains("teapot"));
    }

    #[test]
    fn bad_arguments_are_refused_with_a_reason() {
        assert!(parse("check --profile strict").unwrap_err().to_string().contains("strict"));
        assert!(parse("frobnicate").is_err());
        assert!(parse("explain").is_err());
        assert!(parse("check --format").is_err());
        assert!(parse("check --format markdown").is_err());
        assert!(matches!(
            parse("rules --format markdown").unwrap().command,
            Some(Command::Rules { format: RulesFormat::Markdown })
        ));
    }
}
