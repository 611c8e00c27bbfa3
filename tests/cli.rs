//! The command-line tool as scripts and CI use it: output formats and exit codes.

#[path = "support/cli.rs"]
mod cli;

use std::io::Write;
use std::process::{Command, Output, Stdio};

use cli::{bin, run, run_with_stdin};

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const BROKEN: &[u8] = b"BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Create-Session\r\n\
BITS-Supported-Protocols: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\nContent-Length: 0\r\n\r\n\
HTTP/1.1 403 Forbidden\r\nBITS-Packet-Type: Ack\r\nBITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}\r\n\
BITS-Error-Code: 0x80070005\r\nBITS-Error-Context: 0x5\r\nContent-Length: 0\r\n\r\n";

#[test]
fn real_captures_pass_with_exit_0_and_a_summary_line() {
    let o = run(&["check", "tests/fixtures/mc-bup-4.1-upload.http", "tests/fixtures/mc-bup-4.2-upload-reply.http"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    let text = stdout(&o);
    assert!(text.contains(
        "tests/fixtures/mc-bup-4.1-upload.http: 8 messages, 0 errors, 0 warnings, 4 notes (profile default)"
    ));
    assert!(text.contains("tests/fixtures/mc-bup-4.2-upload-reply.http: 12 messages, 0 errors"));
}

#[test]
fn errors_give_exit_1_and_rustc_style_diagnostics() {
    let o = run_with_stdin(&["check"], BROKEN);
    assert_eq!(o.status.code(), Some(1));
    let text = stdout(&o);
    let lines: Vec<&str> = text.lines().collect();
    let title = lines.iter().position(|l| l.starts_with("error[ack-create-session-protocol-on-failure]: ")).unwrap();
    assert_eq!(lines[title + 1], " --> <stdin>:8:1");
    assert_eq!(lines[title + 3], "8 | BITS-Protocol: {7df0354d-249b-430f-820d-3d2a9bef4931}");
    assert!(lines[title + 4].ends_with("^ (message #1 Ack for Create-Session, BITS-Protocol)"), "{text}");
    // The rule's title and its sources, as notes.
    assert!(text.contains("  = note: BITS-Protocol on a failed Create-Session\n"), "{text}");
    assert!(text.contains("  = help: Ack for Create-Session: https://learn.microsoft.com/"), "{text}");
    assert!(text.ends_with("2 messages, 1 error, 0 warnings, 0 notes (profile default)\n"), "{text}");
}

/// An underline in the text output: the line number, the source line shown, and the byte
/// columns of the carets under it.
type Underline = (usize, String, std::ops::Range<usize>);

/// The underline of every finding of `input` in the text output, beside each finding's span
/// (start and end offsets) in the JSON report.
fn underlines(input: &[u8]) -> Vec<(Underline, (usize, usize))> {
    let text = stdout(&run_with_stdin(&["check", "--color", "never"], input));
    let json: serde_json::Value =
        serde_json::from_slice(&run_with_stdin(&["check", "--format", "json"], input).stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut shown = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        // `N | source` followed by `  | ^^^`: the carets are under the columns of the source.
        let Some((number, source)) = line.split_once(" | ") else { continue };
        let Ok(number) = number.trim().parse::<usize>() else { continue };
        let carets = &lines[i + 1][number.to_string().len() + 3..];
        let from = carets.find('^').unwrap();
        let to = from + carets[from..].find(|c| c != '^').unwrap_or(carets.len() - from);
        shown.push((number, source.to_string(), from..to));
    }
    let spans = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize));
    shown.into_iter().zip(spans).collect()
}

#[test]
fn carets_stand_under_the_exact_bytes_of_each_span() {
    // A Fragment naming a session no Create-Session opened: the finding is on the value only.
    let input = b"BITS_POST /u/a.txt HTTP/1.1\r\nBITS-Packet-Type: Fragment\r\n\
BITS-Session-Id: {11111111-2222-3333-4444-555555555555}\r\nContent-Range: bytes 0-1/2\r\nContent-Length: 2\r\n\r\nab";
    let all = underlines(input);
    assert!(!all.is_empty());
    let mut mid_line = false;
    for ((line, source, carets), (start, end)) in all {
        let line_start = input[..start].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        assert_eq!(input.split(|&b| b == b'\n').nth(line - 1).unwrap().strip_suffix(b"\r").unwrap(), source.as_bytes());
        assert_eq!(carets, start - line_start..end - line_start, "{source}");
        mid_line |= carets.start > 0;
    }
    // The value's span starts after `BITS-Session-Id: `, column 18.
    assert!(mid_line);
}

#[test]
fn colour_follows_the_flag_then_the_terminal_and_no_color() {
    let escapes = |o: &Output| o.stdout.contains(&0x1b);
    let o = run_with_stdin(&["check", "--color", "always"], BROKEN);
    assert!(escapes(&o) && stdout(&o).contains("\x1b[1m\x1b[91merror[ack-create-session-protocol-on-failure]"));
    // The flag wins over NO_COLOR; either spelling of its place works.
    let o = bin().args(["--color=always", "check", "-"]).env("NO_COLOR", "1").stdin(Stdio::null()).output().unwrap();
    assert!(escapes(&o), "{}", stdout(&o));
    // `auto` on a pipe: plain, whether or not NO_COLOR is set; and `never`.
    for (args, no_color) in
        [(&["check"][..], None), (&["check", "--color", "auto"], Some("1")), (&["check", "--color", "never"], None)]
    {
        let mut cmd = bin();
        cmd.args(args).stdin(Stdio::piped()).stdout(Stdio::piped());
        if let Some(v) = no_color {
            cmd.env("NO_COLOR", v);
        } else {
            cmd.env_remove("NO_COLOR");
        }
        let mut child = cmd.spawn().unwrap();
        child.stdin.take().unwrap().write_all(BROKEN).unwrap();
        let o = child.wait_with_output().unwrap();
        assert!(!escapes(&o) && stdout(&o).contains("error[ack-create-session-protocol-on-failure]"), "{args:?}");
    }
    assert_eq!(run(&["check", "--color", "sometimes"]).status.code(), Some(2));
}

#[test]
fn invalid_utf8_and_a_huge_line_are_shown_cut_and_decoded() {
    let mut input = b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-\xff\xfe: \xc3!\r\nX-Huge: ".to_vec();
    input.resize(input.len() + 300_000, b'a');
    input.extend_from_slice(b"\r\nContent-Length: 0\r\n\r\n");
    let o = run_with_stdin(&["check"], &input);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{:?}", o.status);
    let text = String::from_utf8(o.stdout).expect("diagnostics are UTF-8 whatever the input");
    assert!(text.contains("[header-value-too-long]"), "{text}");
    // No line of the output carries the 300 KB value: it is cut, and the cut is marked.
    assert!(text.lines().all(|l| l.len() < 1000), "{}", text.lines().map(str::len).max().unwrap());
    assert!(text.contains("..."), "{text}");
    // Each invalid subpart is one U+FFFD, as the columns count them.
    assert!(text.contains("3 | X-\u{fffd}\u{fffd}: \u{fffd}!\n"), "{text}");
    assert!(text.contains("[http-header-name-invalid]"), "{text}");
}

#[test]
fn every_command_has_its_help_and_bad_arguments_exit_2() {
    for (command, mentions) in [
        ("check", &["--format", "--profile", "--pasted", "--stats", "--redact", "--color", "Exit status"][..]),
        ("explain", &["RULE-ID|HRESULT|HEADER", "--format"]),
        ("rules", &["--format", "markdown"]),
        ("completions", &["bash", "zsh", "fish"]),
    ] {
        let o = run(&[command, "--help"]);
        assert_eq!(o.status.code(), Some(0), "{command}");
        let help = stdout(&o);
        assert!(help.contains(&format!("Usage: bits-inspector {command}")), "{help}");
        for word in mentions {
            assert!(help.contains(word), "`{command} --help` lacks {word}: {help}");
        }
        assert_eq!(stdout(&run(&["help", command])), help);
    }
    // No command: the help, successfully, as before.
    let o = run(&[]);
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("Commands:") && stdout(&o).contains("completions"));
    assert_eq!(stdout(&run(&["--version"])), format!("bits-inspector {}\n", env!("CARGO_PKG_VERSION")));
    for bad in [
        &["frobnicate"][..],
        &["check", "--frobnicate"],
        &["explain"],
        &["check", "--format"],
        &["check", "--format", "markdown"],
    ] {
        let o = run(bad);
        assert_eq!(o.status.code(), Some(2), "{bad:?}");
        assert!(o.stdout.is_empty() && String::from_utf8_lossy(&o.stderr).starts_with("error: "), "{bad:?}");
    }
}

#[test]
fn completions_are_a_script_for_the_shell_naming_every_command() {
    let o = run(&["completions", "bash"]);
    assert_eq!(o.status.code(), Some(0));
    let script = stdout(&o);
    assert!(script.contains("_bits-inspector()") && script.contains("complete -F _bits-inspector"), "{script}");
    for word in ["check", "explain", "rules", "completions", "--profile", "mc-bup"] {
        assert!(script.contains(word), "{word}");
    }
    assert!(stdout(&run(&["completions", "zsh"])).starts_with("#compdef bits-inspector"));
    assert!(stdout(&run(&["completions", "fish"])).contains("complete -c bits-inspector"));
    assert_eq!(run(&["completions", "tcsh"]).status.code(), Some(2));
}

#[test]
fn dash_reads_standard_input_too() {
    let o = run_with_stdin(&["check", "-", "--format", "json"], BROKEN);
    assert_eq!(o.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["file"], "<stdin>");
}

#[test]
fn unreadable_input_gives_exit_2_with_the_reason() {
    let o = run(&["check", "tests/fixtures/no-such-file.http"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("cannot read tests/fixtures/no-such-file.http"), "{err}");
    let o = run(&["check", "--profile", "strict"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("invalid value 'strict'") && err.contains("default, win32, mc-bup"), "{err}");
}

#[test]
fn json_report_has_the_stable_fields() {
    let o = run_with_stdin(&["check", "--format=json"], BROKEN);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json["messages"][1]["kind"], "ack-create-session");
    assert_eq!(json["messages"][1]["pair"], 0);
    let f = &json["findings"][0];
    assert_eq!(f["rule"], "ack-create-session-protocol-on-failure");
    assert_eq!(f["severity"], "error");
    assert_eq!(f["message"], 1);
    assert_eq!(f["header"], "BITS-Protocol");
    let (start, end) = (f["span"]["start"].as_u64().unwrap() as usize, f["span"]["end"].as_u64().unwrap() as usize);
    assert!(BROKEN[start..end].starts_with(b"BITS-Protocol: {7df0354d"));
    assert_eq!(f["start"]["line"], 8);
    assert!(f["links"][0]["url"].as_str().unwrap().starts_with("https://learn.microsoft.com/"));
    assert_eq!(json["counts"]["errors"], 1);
}

#[test]
fn several_files_in_json_are_an_array_of_reports() {
    let o = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/messages/05-mcbup41-ping-request.http",
        "tests/fixtures/messages/06-mcbup41-ack-ping.http",
    ]);
    let json: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["messages"][0]["kind"], "ping");
}

#[test]
fn profile_changes_the_grade_and_the_exit_code() {
    let o = run(&["check", "--profile", "mc-bup", "tests/fixtures/mc-bup-4.1-upload.http"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stdout(&o).contains("error[ack-session-id-missing]"));
}

#[test]
fn explain_rules_and_error_codes() {
    let o = run(&["explain", "ack-create-session-fallback-without-host-id"]);
    assert_eq!(o.status.code(), Some(0));
    let text = stdout(&o);
    assert!(text.contains("BITS-Host-Id-Fallback-Timeout without BITS-Host-Id"));
    assert!(text.contains("https://learn.microsoft.com/en-us/windows/win32/bits/ack-for-create-session"));

    let o = run(&["explain", "0x8020001F"]);
    let text = stdout(&o);
    assert!(text.contains("BG_E_SESSION_NOT_FOUND") && text.contains("-2145386465") && text.contains("500"), "{text}");
    assert!(stdout(&run(&["explain", "0x80070002"])).contains("ERROR_FILE_NOT_FOUND"));
    assert!(stdout(&run(&["explain", "0x80190194"])).contains("BG_E_HTTP_ERROR_404"));
    assert!(stdout(&run(&["explain", "BITS-Reply-URL"])).contains("Ack for Fragment"));

    let o = run(&["explain", "nonsense"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("neither a rule id"));
}

#[test]
fn rules_lists_every_rule_with_its_sources() {
    let o = run(&["rules"]);
    let text = stdout(&o);
    for meta in bits_inspector::rules::catalog::CATALOG {
        assert!(text.contains(meta.id), "{} missing", meta.id);
    }
    assert!(text.contains("W-ACS") && text.contains("MC-BUP 2.2.3"));
    let json: serde_json::Value = serde_json::from_slice(&run(&["rules", "--format", "json"]).stdout).unwrap();
    assert_eq!(json.as_array().unwrap().len(), bits_inspector::rules::catalog::CATALOG.len());
}

#[test]
fn garbage_on_stdin_is_a_finding_not_a_crash() {
    let garbage: Vec<u8> = (0..20_000u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    let o = run_with_stdin(&["check"], &garbage);
    // Not HTTP at all: said once, as what it looks like; no error in traffic there is none of.
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("warning[input-not-http]: no HTTP message found: the input looks like binary data"));
    let o = run_with_stdin(&["check"], b"");
    assert_eq!(o.status.code(), Some(0));
    assert!(stdout(&o).contains("note[input-empty]"));
}

#[test]
fn docs_rules_md_is_what_the_tool_generates() {
    let generated = stdout(&run(&["rules", "--format", "markdown"]));
    let committed = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/rules.md")).unwrap();
    assert!(
        generated == committed,
        "docs/rules.md is stale: run `cargo run -q -- rules --format markdown > docs/rules.md`"
    );
}

#[test]
fn redact_prints_the_transcript_with_secrets_replaced_and_says_what_went() {
    let input = b"BITS_POST http://upload.corp.example/u/a.txt HTTP/1.1\r\nHost: upload.corp.example\r\n\
Authorization: Basic c2VjcmV0OnBhc3N3b3Jk\r\nCookie: sid=CookieSecret1234\r\nBITS-Packet-Type: Ping\r\n\
Content-Length: 0\r\n\r\n";
    let o = run_with_stdin(&["check", "--redact"], input);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert_eq!(
        out,
        "BITS_POST http://host-1.invalid/u/a.txt HTTP/1.1\r\nHost: host-1.invalid\r\nAuthorization: Basic <redacted>\r\n\
Cookie: sid=<redacted>\r\nBITS-Packet-Type: Ping\r\nContent-Length: 0\r\n\r\n"
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("<stdin>: redacted 1 Authorization value, 1 cookie, 1 host name"), "{err}");

    // A capture file comes out as its transcript (text, never the binary), redacted.
    let o = run(&["check", "--redact", "tests/fixtures/captures/bits-upload-port-8123.pcapng"]);
    assert_eq!(o.status.code(), Some(0));
    let out = stdout(&o);
    assert!(out.starts_with("BITS_POST /upload/2000mb-rfc2119.txt HTTP/1.1\r\n"), "{out}");
    assert!(out.contains("Host: host-1.invalid\r\n") && !out.contains("frankcao8"), "{out}");
    assert!(String::from_utf8_lossy(&o.stderr).contains("redacted 1 host name, 2 addresses"));
    assert!(stdout(&run(&["check", "--help"])).contains("--redact"));
}

#[test]
fn past_two_hundred_findings_the_rest_take_one_line_each() {
    // One invalid header name per message: a finding each.
    let input =
        b"BITS_POST /u HTTP/1.1\r\nBITS-Packet-Type: Ping\r\nX-\xff: v\r\nContent-Length: 0\r\n\r\n".repeat(250);
    let json: serde_json::Value =
        serde_json::from_slice(&run_with_stdin(&["check", "--format", "json"], &input).stdout).unwrap();
    let findings = json["findings"].as_array().unwrap().len();
    assert!(findings > 250, "{findings}");
    let text = stdout(&run_with_stdin(&["check"], &input));
    let drawn = text.lines().filter(|l| l.trim_start().starts_with("--> <stdin>:")).count();
    assert_eq!(drawn, 200);
    assert!(text.contains(&format!("<stdin>: {} more findings, one line each:\n", findings - 200)), "{text}");
    let short: Vec<&str> = text.lines().filter(|l| l.starts_with("<stdin>:") && l.contains("]: ")).collect();
    assert_eq!(short.len(), findings - 200);
    // Message #101 starts on line 506; its third line holds the invalid name.
    let line = short.iter().find(|l| l.starts_with("<stdin>:508:1: error[http-header-name-invalid]: ")).unwrap();
    assert!(line.ends_with(" (message #101 Ping)"), "{line}");
}

/// `--color auto` on a terminal: util-linux `script` runs the tool on a pseudo-terminal.
#[cfg(target_os = "linux")]
#[test]
fn on_a_terminal_auto_colours_unless_no_color_is_set() {
    let on_terminal = |no_color: Option<&str>| {
        let command = format!("{} check tests/fixtures/broken/fragment-gap.http", env!("CARGO_BIN_EXE_bits-inspector"));
        let mut cmd = Command::new("script");
        cmd.args(["-qec", &command, "/dev/null"]).current_dir(env!("CARGO_MANIFEST_DIR")).stdin(Stdio::null());
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        };
        let o = cmd.output().expect("util-linux `script`, to run the tool on a terminal");
        assert!(stdout(&o).contains("note[content-name-outside-first-fragment]"), "{}", stdout(&o));
        o.stdout.contains(&0x1b)
    };
    assert!(on_terminal(None));
    // https://no-color.org: set and not empty.
    assert!(on_terminal(Some("")));
    assert!(!on_terminal(Some("1")));
}
