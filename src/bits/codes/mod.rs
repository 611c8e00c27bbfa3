//! Names and meanings for the numbers a BITS conversation carries: HRESULTs in
//! `BITS-Error-Code` / `BITS-Error`, `BITS-Error-Context` values, HTTP statuses and their
//! reason phrases, and the Win32 errors that HRESULTs wrap.
//!
//! The tables are data: `data/*.tsv`, each naming its source (the shared reference
//! `bits-protocol.md` sections 5.1-5.3 and 9.D9 / 9.D22 / 9.D23, the Windows SDK headers
//! `bitsmsg.h`, `winerror.h`, `wininet.h`, `winhttp.h`, the IANA status registry), turned into
//! code by `build.rs` ([`tables`]). This module looks them up.

mod hresult;
mod http;
mod tables;

pub use hresult::{Hresult, Win32Error};
pub use http::{http_reason_matches, http_reason_phrase, http_status_of_reason};
pub use tables::CodeFamily;

use std::fmt;

use tables::{
    Entry, BG, BG_HTTP_STATUSES, BG_HTTP_WORDS, BITS_MC, DOCUMENTED_SPELLINGS, ERROR_CONTEXTS, EXPECTED_STATUSES,
    GENERIC, WIN32, WIN32_ALIASES,
};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HresultInfo {
    pub code: u32,
    /// e.g. "BG_E_SESSION_NOT_FOUND", "BG_E_HTTP_ERROR_404", "HRESULT_FROM_WIN32(ERROR_DISK_FULL)".
    pub name: String,
    /// One plain-English sentence.
    pub meaning: String,
    pub family: CodeFamily,
    /// True for codes a BITS server puts on the wire or that are tied to uploads.
    pub upload_protocol: bool,
    pub note: Option<&'static str>,
}

fn find_entry(table: &'static [Entry], code: u32) -> Option<&'static Entry> {
    table.binary_search_by_key(&code, |entry| entry.code).ok().map(|i| &table[i])
}

/// bitsmsg.h's table is ordered by message number, success codes among the failures.
fn find_bg(code: u32) -> Option<&'static Entry> {
    let hresult = Hresult(code);
    if hresult.facility() != Hresult::FACILITY_BITS {
        return None;
    }
    let i = BG.binary_search_by_key(&hresult.code(), |entry| Hresult(entry.code).code()).ok()?;
    // The rest must match too: 0x80200006 is not BG_S_ERROR_CONTEXT_NONE.
    Some(&BG[i]).filter(|entry| entry.code == code)
}

/// The name of every BG_E_HTTP_ERROR_nnn but its three digits (build.rs checks the data).
const BG_E_HTTP_ERROR_: &str = "BG_E_HTTP_ERROR_";

fn info(entry: &Entry) -> HresultInfo {
    HresultInfo {
        code: entry.code,
        name: entry.name.to_owned(),
        meaning: entry.meaning.to_owned(),
        family: entry.family,
        upload_protocol: entry.upload,
        note: entry.note,
    }
}

/// Describes an HRESULT: every BG_* code of reference 5.2 (old-SDK-only and BG_S_* included),
/// S_OK, E_ACCESSDENIED, E_INVALIDARG, both disk-full values (9.D9), BG_E_HTTP_ERROR_nnn for the
/// statuses bitsmsg.h defines, the BITS_MC_* event ids, and HRESULT_FROM_WIN32 of any error in
/// [`win32_error`]'s table. `None` for anything else.
pub fn describe_hresult(code: u32) -> Option<HresultInfo> {
    if let Some(entry) = find_entry(GENERIC, code).or_else(|| find_bg(code)).or_else(|| find_entry(BITS_MC, code)) {
        return Some(info(entry));
    }
    let hresult = Hresult(code);
    let status = hresult.code();
    if Hresult::from_http_status(status) == hresult {
        BG_HTTP_STATUSES.binary_search(&status).ok()?;
        let words = BG_HTTP_WORDS.iter().find(|w| w.status == status);
        let phrase = words
            .and_then(|w| w.phrase)
            .or_else(|| http_reason_phrase(status))
            .unwrap_or("(no registered reason phrase)");
        return Some(HresultInfo {
            code,
            name: format!("{BG_E_HTTP_ERROR_}{status}"),
            meaning: format!("The server answered HTTP {status} {phrase}."),
            family: CodeFamily::BitsHttp,
            upload_protocol: false,
            note: words.and_then(|w| w.note),
        });
    }
    // HRESULT_FROM_WIN32(0) is 0, never 0x80070000, so 0x80070000 is no wrapped error.
    let error = Win32Error(u32::from(hresult.code()));
    if error.0 != 0 && Hresult::from_win32(error) == hresult {
        let (name, meaning) = win32_error(error.0)?;
        return Some(HresultInfo {
            code,
            name: format!("HRESULT_FROM_WIN32({name})"),
            meaning: meaning.to_owned(),
            family: CodeFamily::Win32,
            upload_protocol: false,
            note: None,
        });
    }
    None
}

fn win32_by_name(name: &str) -> Option<u32> {
    WIN32
        .iter()
        .find(|(_, n, _)| n.eq_ignore_ascii_case(name))
        .map(|&(code, _, _)| code)
        .or_else(|| WIN32_ALIASES.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|&(_, code)| code))
}

fn strip_prefix_ignore_case<'a>(s: &'a str, prefix: &str) -> Option<&'a str> {
    let head = s.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix).then(|| &s[prefix.len()..])
}

/// Looks a code up by its symbolic name, ASCII case-insensitively: BG_*, S_OK / E_*,
/// BG_E_HTTP_ERROR_nnn, BITS_MC_*, Win32 names (giving their HRESULT_FROM_WIN32 value, so
/// "ERROR_DISK_FULL" is 0x80070070), "HRESULT_FROM_WIN32(NAME)", and the misspellings the
/// documentation uses (9.D22: the `also_read` column of the data).
pub fn hresult_by_name(name: &str) -> Option<u32> {
    // Names come from a person typing into the UI, not from traffic, so linear scans are
    // plenty and the tables need no second, name-sorted copy.
    let name = name.trim();
    let listed = GENERIC
        .iter()
        .chain(BG)
        .chain(BITS_MC)
        .map(|entry| (entry.name, entry.code))
        .chain(DOCUMENTED_SPELLINGS.iter().copied())
        .find(|(n, _)| n.eq_ignore_ascii_case(name));
    if let Some((_, code)) = listed {
        return Some(code);
    }
    if let Some(digits) = strip_prefix_ignore_case(name, BG_E_HTTP_ERROR_) {
        if digits.len() != 3 || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let status: u16 = digits.parse().ok()?;
        BG_HTTP_STATUSES.binary_search(&status).ok()?;
        return Some(Hresult::from_http_status(status).0);
    }
    // The names describe_hresult produces for wrapped Win32 errors round-trip too.
    let win32_name = strip_prefix_ignore_case(name, "HRESULT_FROM_WIN32(")
        .and_then(|rest| rest.strip_suffix(')'))
        .map(str::trim)
        .unwrap_or(name);
    win32_by_name(win32_name).map(|error| Hresult::from_win32(Win32Error(error)).0)
}

/// A Win32 error (winerror.h, wininet.h, winhttp.h): its name and a one-line meaning.
pub fn win32_error(code: u32) -> Option<(&'static str, &'static str)> {
    WIN32.binary_search_by_key(&code, |&(c, _, _)| c).ok().map(|i| (WIN32[i].1, WIN32[i].2))
}

/// A BG_ERROR_CONTEXT value (reference 5.1): enumerator name and meaning.
pub fn error_context(value: u32) -> Option<(&'static str, &'static str)> {
    usize::try_from(value).ok().and_then(|i| ERROR_CONTEXTS.get(i)).copied()
}

/// The HTTP statuses a BITS server pairs with this BITS-Error-Code ([MC-BUP] 2.2.1.2 table,
/// reference section 4); `None` for codes a server does not send.
pub fn expected_statuses(code: u32) -> Option<&'static [u16]> {
    EXPECTED_STATUSES.binary_search_by_key(&code, |&(c, _)| c).ok().map(|i| EXPECTED_STATUSES[i].1)
}

/// What the tables say of an HRESULT.
impl Hresult {
    /// Name, meaning and origin, when a table knows the code.
    pub fn describe(self) -> Option<HresultInfo> {
        describe_hresult(self.0)
    }

    /// The symbolic name: `BG_E_SESSION_NOT_FOUND`, `HRESULT_FROM_WIN32(ERROR_DISK_FULL)`.
    pub fn name(self) -> Option<String> {
        self.describe().map(|info| info.name)
    }

    /// The meaning in one plain-English sentence.
    pub fn words(self) -> Option<String> {
        self.describe().map(|info| info.meaning)
    }

    /// The code a symbolic name stands for; see [`hresult_by_name`].
    pub fn by_name(name: &str) -> Option<Hresult> {
        hresult_by_name(name).map(Hresult)
    }

    /// The HTTP statuses a BITS server sends this code with, if it sends it at all.
    pub fn expected_statuses(self) -> Option<&'static [u16]> {
        expected_statuses(self.0)
    }
}

/// The name beside the number, so a failing assertion says which code it saw.
impl fmt::Debug for Hresult {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "Hresult({self} {name})"),
            None => write!(f, "Hresult({self})"),
        }
    }
}

/// What the tables say of a Win32 error.
impl Win32Error {
    /// The constant's name, when the table lists the number.
    pub fn name(self) -> Option<&'static str> {
        win32_error(self.0).map(|(name, _)| name)
    }

    /// The meaning in one sentence.
    pub fn words(self) -> Option<&'static str> {
        win32_error(self.0).map(|(_, meaning)| meaning)
    }
}

impl fmt::Debug for Win32Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.name() {
            Some(name) => write!(f, "Win32Error({} {name})", self.0),
            None => write!(f, "Win32Error({})", self.0),
        }
    }
}

#[cfg(test)]
mod data_tests;
#[cfg(test)]
mod tests;
