//! One breaking and one keeping input for every rule of the catalog. Under every profile the
//! breaking input raises the rule at the bytes the case names, with the catalog's grade for
//! that profile (or not at all where the catalog turns it off); the keeping input never does.
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

use bits_inspector::report::Finding;
use bits_inspector::rules::catalog::{Rule, CATALOG};
use bits_inspector::rules::fix::{apply, no_fix_because, Fix};
use bits_inspector::{inspect, inspect_with_text, LineEndingCheck, Options, Profile, Severity};

pub struct Case {
    pub rule: &'static str,
    /// Where the breaking input's (first) finding of the rule points, as [`describe`] puts
    /// it: `line:column` and the bytes the span covers.
    pub at: &'static str,
    pub breaks: Vec<u8>,
    pub keeps: Vec<u8>,
    pub line_endings: LineEndingCheck,
}

/// A case with `\n` turned into CRLF in both inputs.
pub fn case(rule: &'static str, at: &'static str, breaks: &str, keeps: &str) -> Case {
    Case { rule, at, breaks: crlf(breaks), keeps: crlf(keeps), line_endings: LineEndingCheck::Strict }
}

/// A case whose bytes are used exactly as given.
pub fn raw(rule: &'static str, at: &'static str, breaks: &[u8], keeps: &[u8]) -> Case {
    Case { rule, at, breaks: breaks.to_vec(), keeps: keeps.to_vec(), line_endings: LineEndingCheck::Strict }
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

/// Spans longer than this are described by their start, their length and where they begin.
const SHOWN: usize = 60;

/// Where a finding points: `line:column` of its start and the text of its span (decoded as
/// the report decodes it), the text cut to its first characters and its length in bytes when
/// long. The position tells apart equal texts (every start line of a conversation reads
/// alike) and places an empty span.
fn describe(finding: &Finding, text: &[u8]) -> String {
    let bytes = &text[finding.span.start..finding.span.end];
    let covered = String::from_utf8_lossy(bytes);
    let shown = if covered.chars().count() > SHOWN {
        format!("{}… ({} bytes)", covered.chars().take(SHOWN).collect::<String>(), bytes.len())
    } else {
        covered.into_owned()
    };
    format!("{}:{} {shown}", finding.start.line, finding.start.column)
}

fn rules_found(input: &[u8], profile: Profile, line_endings: LineEndingCheck) -> Vec<&'static str> {
    inspect(input, &Options { profile, line_endings }).findings.iter().map(|f| f.rule).collect()
}

/// What is wrong with the findings of the breaking input under one profile: the rule must be
/// reported at the case's bytes with the catalog's grade for that profile, or not at all
/// where the catalog turns it off.
fn check_breaking(case: &Case, rule: Rule, profile: Profile) -> Option<String> {
    let inspection = inspect_with_text(&case.breaks, &Options { profile, line_endings: case.line_endings });
    let found: Vec<&Finding> = inspection.report.findings.iter().filter(|f| f.rule == case.rule).collect();
    let p = profile.as_str();
    let Some(grade) = rule.severity(profile) else {
        return (!found.is_empty())
            .then(|| format!("{}: reported under {p}, where the catalog turns it off", case.rule));
    };
    let Some(first) = found.first() else {
        let raised: Vec<&str> = inspection.report.findings.iter().map(|f| f.rule).collect();
        return Some(format!(
            "{}: breaking input under {p} raised {raised:?}\n{}",
            case.rule,
            String::from_utf8_lossy(&case.breaks)
        ));
    };
    if let Some(wrong) = found.iter().find(|f| f.severity != grade) {
        return Some(format!("{}: {:?} under {p}, the catalog says {grade:?}", case.rule, wrong.severity));
    }
    let at = describe(first, &inspection.text);
    (at != case.at).then(|| format!("{}: under {p} points at\n  {at:?}\nnot at\n  {:?}", case.rule, case.at))
}

#[test]
fn every_breaking_input_raises_its_rule_at_its_bytes_with_its_grade_under_every_profile() {
    let mut failures = Vec::new();
    for case in all_cases() {
        let Some(rule) = Rule::by_id(case.rule) else {
            failures.push(format!("{}: no such rule", case.rule));
            continue;
        };
        failures.extend(Profile::ALL.into_iter().filter_map(|profile| check_breaking(&case, rule, profile)));
    }
    assert!(failures.is_empty(), "{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn no_keeping_input_raises_its_rule_under_any_profile() {
    let mut failures = Vec::new();
    for case in all_cases() {
        for profile in Profile::ALL {
            if rules_found(&case.keeps, profile, case.line_endings).contains(&case.rule) {
                failures.push(format!(
                    "{}: keeping input raised it too under {}\n{}",
                    case.rule,
                    profile.as_str(),
                    String::from_utf8_lossy(&case.keeps)
                ));
            }
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

/// The fixes of the case's rule on its breaking input under one profile, applied, and what
/// is wrong with the result: the rule still raised, or an error the breaking input did not
/// have. `None` as the first value when the rule's findings carry no fix.
fn check_fixes(case: &Case, profile: Profile) -> (bool, Option<String>) {
    let options = Options { profile, line_endings: case.line_endings };
    let inspection = inspect_with_text(&case.breaks, &options);
    let fixes: Vec<Fix> =
        inspection.report.findings.iter().filter(|f| f.rule == case.rule).flat_map(|f| f.fixes.clone()).collect();
    if fixes.is_empty() {
        return (false, None);
    }
    let p = profile.as_str();
    let fixed = match apply(&inspection.text, &fixes) {
        Ok(applied) => applied.text,
        Err(e) => return (true, Some(format!("{}: under {p} the fixes cannot be applied: {e}", case.rule))),
    };
    let errors_before: Vec<&str> =
        inspection.report.findings.iter().filter(|f| f.severity == Severity::Error).map(|f| f.rule).collect();
    let after = inspect(&fixed, &options);
    let still = after.findings.iter().any(|f| f.rule == case.rule);
    let new_errors: Vec<&str> = after
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Error && !errors_before.contains(&f.rule))
        .map(|f| f.rule)
        .collect();
    let wrong = (still || !new_errors.is_empty()).then(|| {
        format!(
            "{}: under {p} the fixes {:?} left {} and added errors {new_errors:?}\n{}",
            case.rule,
            fixes.iter().map(|f| f.title.as_str()).collect::<Vec<_>>(),
            if still { "the rule raised" } else { "the rule gone" },
            String::from_utf8_lossy(&fixed)
        )
    });
    (true, wrong)
}

/// Issue 12, point 4: applying a rule's fixes to its breaking input removes that rule's
/// finding and adds no error, under every profile where the rule is reported. Prints how
/// many rules carry a fix and which do not.
#[test]
fn applying_a_rules_fixes_to_its_breaking_input_removes_it_and_adds_no_error() {
    let mut failures = Vec::new();
    let mut with_fix = std::collections::BTreeSet::new();
    let cases = all_cases();
    for case in &cases {
        let rule = Rule::by_id(case.rule).expect("every case names a rule");
        for profile in Profile::ALL.into_iter().filter(|&p| rule.severity(p).is_some()) {
            let (fixed, wrong) = check_fixes(case, profile);
            if fixed {
                with_fix.insert(case.rule);
            }
            failures.extend(wrong);
        }
    }
    // Each rule has a fix or a reason for none (rules::fix::no_fix_because), never both.
    let mut reasons = std::collections::BTreeMap::<&str, Vec<&str>>::new();
    for meta in CATALOG {
        match (with_fix.contains(meta.id), no_fix_because(meta.rule)) {
            (true, Some(why)) => failures.push(format!("{}: has a fix, yet no_fix_because says {why:?}", meta.id)),
            (false, None) => failures.push(format!("{}: no fix on its breaking case and no reason why", meta.id)),
            (false, Some(why)) => reasons.entry(why.word()).or_default().push(meta.id),
            (true, None) => {}
        }
    }
    let without: usize = reasons.values().map(Vec::len).sum();
    println!("{} rules with a fix, {without} without:", with_fix.len());
    for (why, rules) in &reasons {
        println!("  {why} ({}): {}", rules.len(), rules.join(", "));
    }
    assert!(failures.is_empty(), "{} failures:\n\n{}", failures.len(), failures.join("\n\n"));
}
