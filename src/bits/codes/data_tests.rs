//! The data files and the generated code agree: every row is found by the lookups with its
//! own name, words and flags, the tables hold nothing else, and every generated constant has
//! the value its row gives. The rows are read here with a parser of their own, so a fault in
//! build.rs shows up as a disagreement.

use super::tables::*;
use super::*;

const GENERIC_TSV: &str = include_str!("../../../data/hresult-generic.tsv");
const BITSMSG_TSV: &str = include_str!("../../../data/bitsmsg.tsv");
const EVENTS_TSV: &str = include_str!("../../../data/bits-events.tsv");
const HTTP_ERRORS_TSV: &str = include_str!("../../../data/bits-http-errors.tsv");
const WIN32_TSV: &str = include_str!("../../../data/win32-errors.tsv");
const HTTP_REASONS_TSV: &str = include_str!("../../../data/http-reasons.tsv");
const CONTEXTS_TSV: &str = include_str!("../../../data/error-contexts.tsv");

const ALL: [&str; 7] =
    [GENERIC_TSV, BITSMSG_TSV, EVENTS_TSV, HTTP_ERRORS_TSV, WIN32_TSV, HTTP_REASONS_TSV, CONTEXTS_TSV];

fn rows(text: &str) -> Vec<Vec<&str>> {
    text.lines().filter(|l| !l.is_empty() && !l.starts_with('#')).map(|l| l.split('\t').collect()).collect()
}

fn optional(field: &str) -> Option<&str> {
    Some(field).filter(|f| *f != "-")
}

fn hex(field: &str) -> u32 {
    u32::from_str_radix(field.strip_prefix("0x").unwrap(), 16).unwrap()
}

#[test]
fn every_file_names_its_source_first() {
    for text in ALL {
        let head: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(head.iter().any(|l| l.starts_with("# Source:")), "{}", text.lines().next().unwrap());
        assert!(head.iter().any(|l| l.starts_with("# Rows:")), "{}", text.lines().next().unwrap());
    }
}

#[test]
fn every_hresult_row_is_described_as_written() {
    for (text, table, family) in [
        (GENERIC_TSV, GENERIC, CodeFamily::Generic),
        (BITSMSG_TSV, BG, CodeFamily::Bits),
        (EVENTS_TSV, BITS_MC, CodeFamily::BitsEvent),
    ] {
        let rows = rows(text);
        assert_eq!(rows.len(), table.len());
        for row in rows {
            let [value, name, also_read, flags, statuses, meaning, note] = row[..] else { panic!("{row:?}") };
            let code = hex(value);
            let info = describe_hresult(code).unwrap_or_else(|| panic!("{name}"));
            assert_eq!((info.code, info.name.as_str(), info.meaning.as_str()), (code, name, meaning));
            let flags: Vec<&str> = optional(flags).map(|f| f.split(',').collect()).unwrap_or_default();
            assert_eq!(info.upload_protocol, flags.contains(&"upload"), "{name}");
            let family = if flags.contains(&"winerror") { CodeFamily::Win32 } else { family };
            assert_eq!(info.family, family, "{name}");
            let note = if flags.contains(&"old-sdk") { Some(OLD_SDK_NOTE) } else { optional(note) };
            assert_eq!(info.note, note, "{name}");

            assert_eq!(hresult_by_name(name), Some(code), "{name}");
            for spelling in optional(also_read).into_iter().flat_map(|s| s.split(' ')) {
                assert_eq!(hresult_by_name(spelling), Some(code), "{spelling}");
            }
            let statuses: Vec<u16> =
                optional(statuses).into_iter().flat_map(|s| s.split(' ')).map(|s| s.parse().unwrap()).collect();
            assert_eq!(expected_statuses(code).unwrap_or_default(), statuses, "{name}");
        }
    }
}

#[test]
fn every_http_error_row_is_described_as_written() {
    let rows = rows(HTTP_ERRORS_TSV);
    assert_eq!(rows.len(), BG_HTTP_STATUSES.len());
    for row in rows {
        let [value, name, phrase, note] = row[..] else { panic!("{row:?}") };
        let code = hex(value);
        let status: u16 = name.strip_prefix("BG_E_HTTP_ERROR_").unwrap().parse().unwrap();
        assert_eq!(Hresult::from_http_status(status), Hresult(code), "{name}");
        let info = describe_hresult(code).unwrap();
        assert_eq!((info.name.as_str(), info.family, info.note), (name, CodeFamily::BitsHttp, optional(note)));
        let phrase = optional(phrase).or(http_reason_phrase(status)).unwrap();
        assert_eq!(info.meaning, format!("The server answered HTTP {status} {phrase}."));
        assert_eq!(hresult_by_name(name), Some(code));
    }
}

#[test]
fn every_win32_row_and_alias_is_found() {
    let rows = rows(WIN32_TSV);
    assert_eq!(rows.len(), WIN32.len());
    let mut aliases = 0;
    for row in rows {
        let [number, name, also, meaning] = row[..] else { panic!("{row:?}") };
        let number: u32 = number.parse().unwrap();
        assert_eq!(win32_error(number), Some((name, meaning)));
        for alias in optional(also).into_iter().flat_map(|s| s.split(' ')) {
            assert_eq!(hresult_by_name(alias), Some(Hresult::from_win32(Win32Error(number)).0), "{alias}");
            aliases += 1;
        }
    }
    assert_eq!(aliases, WIN32_ALIASES.len());
}

#[test]
fn every_reason_phrase_and_context_is_found() {
    let reasons = rows(HTTP_REASONS_TSV);
    assert_eq!(reasons.len(), HTTP_REASONS.len() + HTTP_OLD_REASONS.len());
    for row in reasons {
        let [status, phrase, era] = row[..] else { panic!("{row:?}") };
        let status: u16 = status.parse().unwrap();
        assert!(http_reason_matches(status, phrase), "{status} {phrase}");
        assert_eq!(http_reason_phrase(status) == Some(phrase), era == "current", "{status} {phrase}");
    }
    let contexts = rows(CONTEXTS_TSV);
    assert_eq!(contexts.len(), ERROR_CONTEXTS.len());
    for row in contexts {
        let [value, name, meaning] = row[..] else { panic!("{row:?}") };
        assert_eq!(error_context(value.parse().unwrap()), Some((name, meaning)));
    }
}

/// Every generated constant carries its row's value, and every row that has an identifier
/// for a name got its constant.
#[test]
fn every_constant_matches_its_row() {
    for (name, constant) in CONSTANTS {
        match constant {
            Constant::Hresult(code) => {
                assert_eq!(Hresult::by_name(name), Some(*code), "{name}");
                assert_eq!(code.name().as_deref(), Some(*name));
            }
            Constant::Win32(error) => {
                let alias = WIN32_ALIASES.iter().any(|(alias, _)| alias == name);
                assert!(alias || error.name() == Some(*name), "{name}");
                assert_eq!(hresult_by_name(name), Some(Hresult::from_win32(*error).0), "{name}");
            }
        }
    }
    let identifiers = |text| {
        rows(text)
            .iter()
            .filter(|row| row[1].bytes().all(|b| b.is_ascii_uppercase() || b == b'_' || b.is_ascii_digit()))
            .count()
    };
    let hresults = [GENERIC_TSV, BITSMSG_TSV, EVENTS_TSV, HTTP_ERRORS_TSV].map(identifiers).iter().sum::<usize>();
    let win32s = WIN32.len() + WIN32_ALIASES.len();
    assert_eq!(CONSTANTS.len(), hresults + win32s);
    // Two of the five generic rows are named by an expression, not a constant.
    assert_eq!(identifiers(GENERIC_TSV), 3);
}

#[test]
fn the_constants_other_modules_use() {
    assert_eq!(Hresult::BG_E_SESSION_NOT_FOUND, Hresult(0x8020_001F));
    assert_eq!(Hresult::BG_E_INVALID_SERVER_RESPONSE, Hresult(0x8020_001B));
    assert_eq!(Hresult::BG_E_HTTP_ERROR_404, Hresult::from_http_status(404));
    assert_eq!(Hresult::S_OK, Hresult(0));
    assert_eq!(Hresult::from_win32(Win32Error::ERROR_DISK_FULL), Hresult(0x8007_0070));
    assert_eq!(Win32Error::ERROR_WINHTTP_TIMEOUT, Win32Error::ERROR_INTERNET_TIMEOUT);
}
