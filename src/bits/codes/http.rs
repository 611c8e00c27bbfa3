//! HTTP reason phrases (`data/http-reasons.tsv`): naming a status, and telling a reason
//! phrase that belongs to another status.

use super::tables::{HTTP_OLD_REASONS, HTTP_REASONS};

/// The current reason phrase for an HTTP status (RFC 9110 and the other registered codes).
pub fn http_reason_phrase(status: u16) -> Option<&'static str> {
    HTTP_REASONS.binary_search_by_key(&status, |&(s, _)| s).ok().map(|i| HTTP_REASONS[i].1)
}

/// True when `reason` is an accepted phrase for `status`, compared ASCII case-insensitively,
/// older RFC 2068 / 2616 / 7231 / 4918 spellings included ("Requested Range Not Satisfiable").
pub fn http_reason_matches(status: u16, reason: &str) -> bool {
    let reason = reason.trim_matches(|c: char| c == ' ' || c == '\t');
    http_reason_phrase(status).is_some_and(|phrase| phrase.eq_ignore_ascii_case(reason))
        || HTTP_OLD_REASONS.iter().any(|&(s, phrase)| s == status && phrase.eq_ignore_ascii_case(reason))
}

/// The status whose phrase `reason` is (standard or older spelling), for telling a reason
/// that belongs to another code: `Created` is 201's.
pub fn http_status_of_reason(reason: &str) -> Option<u16> {
    let reason = reason.trim_matches(|c: char| c == ' ' || c == '\t');
    HTTP_REASONS
        .iter()
        .chain(HTTP_OLD_REASONS)
        .find(|&&(_, phrase)| phrase.eq_ignore_ascii_case(reason))
        .map(|&(status, _)| status)
}
