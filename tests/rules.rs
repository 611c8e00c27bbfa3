//! One breaking and one keeping input for every rule of the catalog.
//!
//! Cases are written with `\n` line endings for readability; the harness sends CRLF, as
//! captured traffic has, unless the case says `raw`.

#[path = "rules/capture.rs"]
mod capture;
#[path = "support/capture_writer.rs"]
mod capture_writer;
#[path = "rules/conversation.rs"]
mod conversation;
#[path = "rules/message.rs"]
mod message;

use bits_inspector::rules::catalog::{Rule, CATALOG};
use bits_inspector::{inspect, LineEndingCheck, Options, Profile};

pub struct Case {
    pub rule: &'static str,
    pub breaks: Vec<u8>,
    pub keeps: Vec<u8>,
    pub line_endings: LineEndingCheck,
}

/// A case with `\n` turned into CRLF in both inputs.
pub fn case(rule: &'static str, breaks: &str, keeps: &str) -> Case {
    Case { rule, breaks: crlf(breaks), keeps: crlf(keeps), line_endings: LineEndingCheck::Strict }
}

/// A case whose bytes are used exactly as given.
pub fn raw(rule: &'static str, breaks: &[u8], keeps: &[u8]) -> Case {
    Case { rule, breaks: breaks.to_vec(), keeps: keeps.to_vec(), line_endings: LineEndingCheck::Strict }
}

pub fn crlf(text: &str) -> Vec<u8> {
    text.replace("\r\n", "\n").replace('\n', "\r\n").into_bytes()
}

fn all_cases() -> Vec<Case> {
    let mut cases = message::cases();
    cases.extend(conversation::cases());
    cases.extend(capture::cases());
    cases
}

/// The first profile that reports the rule.
fn profile_reporting(rule: Rule) -> Profile {
    Profile::ALL.into_iter().find(|p| rule.severity(*p).is_some()).expect("every rule is reported by some profile")
}

fn rules_found(input: &[u8], profile: Profile, line_endings: LineEndingCheck) -> Vec<&'static str> {
    inspect(input, &Options { profile, line_endings }).findings.iter().map(|f| f.rule).collect()
}

#[test]
fn every_breaking_input_raises_its_rule_and_every_keeping_input_does_not() {
    let mut failures = Vec::new();
    for case in all_cases() {
        let Some(rule) = Rule::by_id(case.rule) else {
            failures.push(format!("{}: no such rule", case.rule));
            continue;
        };
        let profile = profile_reporting(rule);
        let broken = rules_found(&case.breaks, profile, case.line_endings);
        if !broken.contains(&case.rule) {
            failures.push(format!(
                "{}: breaking input raised {:?}\n{}",
                case.rule,
                broken,
                String::from_utf8_lossy(&case.breaks)
            ));
        }
        let kept = rules_found(&case.keeps, profile, case.line_endings);
        if kept.contains(&case.rule) {
            failures.push(format!(
                "{}: keeping input raised it too\n{}",
                case.rule,
                String::from_utf8_lossy(&case.keeps)
            ));
        }
    }
    assert!(failures.is_empty(), "{} failing cases:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn every_rule_of_the_catalog_has_a_case() {
    let cases = all_cases();
    let missing: Vec<&str> = CATALOG.iter().map(|m| m.id).filter(|id| !cases.iter().any(|c| c.rule == *id)).collect();
    assert!(missing.is_empty(), "rules without a breaking/keeping case: {missing:?}");
}

#[test]
fn pasted_text_is_not_judged_on_line_endings_but_says_so() {
    let lf = b"BITS_POST /u HTTP/1.1\nBITS-Packet-Type: Ping\nContent-Length: 0\n\n";
    let pasted = rules_found(lf, Profile::Default, LineEndingCheck::Pasted);
    assert!(pasted.contains(&"input-line-endings-unchecked"));
    assert!(!pasted.contains(&"http-bare-lf"));
    let strict = rules_found(lf, Profile::Default, LineEndingCheck::Strict);
    assert!(strict.contains(&"http-bare-lf"));
}

/// Rule ids are an interface (filters, CI scripts, links): once published, never renamed
/// or removed. `tests/rule-ids.txt` lists every published id; new rules are appended.
#[test]
fn published_rule_ids_still_exist() {
    let published = include_str!("rule-ids.txt");
    let gone: Vec<&str> = published.lines().filter(|id| Rule::by_id(id).is_none()).collect();
    assert!(gone.is_empty(), "published rule ids renamed or removed: {gone:?}");
    let unlisted: Vec<&str> = CATALOG.iter().map(|m| m.id).filter(|id| !published.lines().any(|p| p == *id)).collect();
    assert!(unlisted.is_empty(), "append new rule ids to tests/rule-ids.txt: {unlisted:?}");
}
