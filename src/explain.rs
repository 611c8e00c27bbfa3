//! Explanations of a rule id, an HRESULT or a header, for `bits-inspector explain` and the page's lookup box.

use serde::Serialize;

use crate::bits::codes;
use crate::bits::headers::{self, HeaderSpec};
use crate::rules::catalog::{Basis, Rule, RuleMeta};
use crate::rules::grade::{Graded, Profile};
use crate::spec::Source;

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Explanation {
    Rule(RuleExplanation),
    Hresult(HresultExplanation),
    Header(HeaderExplanation),
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleExplanation {
    pub id: &'static str,
    pub title: &'static str,
    pub explanation: &'static str,
    pub reference: &'static str,
    /// Severity under `default`, `win32` and `mc-bup`; `off` where the profile does not report it.
    pub grades: [(Profile, Graded); 3],
    /// What the rule rests on, which its grades follow.
    pub basis: Basis,
    /// Why the grades depart from what the basis gives, where they do.
    pub departs: Option<&'static str>,
    pub links: &'static [Source],
}

#[derive(Debug, Clone, Serialize)]
pub struct HresultExplanation {
    pub code: String,
    pub decimal: i32,
    pub name: Option<String>,
    pub meaning: String,
    pub note: Option<&'static str>,
    /// Statuses a BITS server pairs with it ([MC-BUP] 2.2.1.2 table).
    pub statuses: Option<&'static [u16]>,
}

#[derive(Debug, Clone, Serialize)]
pub struct HeaderExplanation {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub summary: &'static str,
    pub help: &'static str,
    pub belongs_to: Vec<String>,
    pub links: &'static [Source],
}

pub fn rule(meta: &'static RuleMeta) -> RuleExplanation {
    RuleExplanation {
        id: meta.id,
        title: meta.title,
        explanation: meta.explanation,
        reference: meta.reference,
        grades: Profile::ALL.map(|profile| (profile, meta.grade.for_profile(profile).into())),
        basis: meta.basis,
        departs: meta.departs,
        links: meta.sources,
    }
}

pub fn header(spec: &'static HeaderSpec) -> HeaderExplanation {
    HeaderExplanation {
        name: spec.name,
        aliases: spec.aliases,
        summary: spec.summary,
        help: spec.help,
        belongs_to: headers::belongs_to(spec),
        links: spec.sources,
    }
}

pub fn hresult(code: u32) -> HresultExplanation {
    let info = codes::describe_hresult(code);
    HresultExplanation {
        code: format!("0x{code:08X}"),
        decimal: code as i32,
        meaning: match &info {
            Some(i) => i.meaning.clone(),
            None => crate::bits::values::hresult_words(code),
        },
        note: info.as_ref().and_then(|i| i.note),
        name: info.map(|i| i.name),
        statuses: codes::expected_statuses(code),
    }
}

/// Looks up a rule id, a header name, an HRESULT (hex, signed decimal, or symbolic name).
pub fn explain(query: &str) -> Option<Explanation> {
    let query = query.trim();
    if let Some(rule) = Rule::by_id(query) {
        return Some(Explanation::Rule(self::rule(rule.meta())));
    }
    if let Some(key) = headers::lookup(query.trim_end_matches(':').as_bytes()) {
        return Some(Explanation::Header(header(key.spec())));
    }
    parse_code(query).map(|code| Explanation::Hresult(hresult(code)))
}

fn parse_code(query: &str) -> Option<u32> {
    if let Some(code) = codes::hresult_by_name(query) {
        return Some(code);
    }
    if let Ok(signed) = query.parse::<i32>() {
        // Event logs print HRESULTs as signed decimals: -2145386465 is 0x8020001F.
        if signed < 0 {
            return Some(signed as u32);
        }
    }
    let hex = query.strip_prefix("0x").or_else(|| query.strip_prefix("0X")).unwrap_or(query);
    if hex.len() == 8 || query.len() != hex.len() {
        return u32::from_str_radix(hex, 16).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explains_rules_headers_and_codes_in_all_their_spellings() {
        assert!(
            matches!(explain("ack-error-on-success"), Some(Explanation::Rule(r)) if r.id == "ack-error-on-success")
        );
        assert!(matches!(explain("bits-host-id"), Some(Explanation::Header(h)) if h.name == "BITS-Host-Id"));
        for query in ["0x8020001F", "8020001f", "-2145386465", "BG_E_SESSION_NOT_FOUND"] {
            match explain(query) {
                Some(Explanation::Hresult(h)) => {
                    assert_eq!(h.name.as_deref(), Some("BG_E_SESSION_NOT_FOUND"), "{query}")
                }
                other => panic!("{query}: {other:?}"),
            }
        }
        assert!(explain("no-such-thing").is_none());
    }
}
