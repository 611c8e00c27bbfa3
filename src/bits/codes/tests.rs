//! The lookups, on values the reference and the headers give.

use super::tables::*;
use super::*;

fn strictly_sorted<T, K: Ord>(table: &[T], key: impl Fn(&T) -> K) -> bool {
    table.windows(2).all(|w| key(&w[0]) < key(&w[1]))
}

#[test]
fn tables_are_sorted_without_duplicate_codes() {
    assert!(strictly_sorted(GENERIC, |e| e.code));
    assert!(strictly_sorted(BG, |e| e.code & 0xFFFF));
    assert!(strictly_sorted(BITS_MC, |e| e.code));
    assert!(strictly_sorted(BG_HTTP_STATUSES, |&s| s));
    assert!(strictly_sorted(BG_HTTP_WORDS, |w| w.status));
    assert!(strictly_sorted(HTTP_REASONS, |&(s, _)| s));
    assert!(strictly_sorted(WIN32, |&(c, _, _)| c));
    assert!(strictly_sorted(EXPECTED_STATUSES, |&(c, _)| c));
    assert!(HTTP_OLD_REASONS.windows(2).all(|w| w[0].0 <= w[1].0));
}

#[test]
fn names_are_unique_across_tables() {
    let mut names: Vec<String> = GENERIC
        .iter()
        .chain(BG)
        .chain(BITS_MC)
        .map(|e| e.name.to_ascii_uppercase())
        .chain(DOCUMENTED_SPELLINGS.iter().map(|(n, _)| n.to_ascii_uppercase()))
        .chain(WIN32.iter().map(|(_, n, _)| n.to_ascii_uppercase()))
        .chain(WIN32_ALIASES.iter().map(|(n, _)| n.to_ascii_uppercase()))
        .collect();
    let total = names.len();
    names.sort();
    names.dedup();
    assert_eq!(names.len(), total);
    // Every alias points at a number the Win32 table describes.
    for &(alias, code) in WIN32_ALIASES {
        assert!(win32_error(code).is_some(), "{alias}");
    }
}

#[test]
fn table_sizes() {
    assert_eq!(BG.len(), 106);
    assert_eq!(BITS_MC.len(), 12);
    assert_eq!(BG_HTTP_STATUSES.len(), 41);
    assert_eq!(ERROR_CONTEXTS.len(), 9);
    assert!(WIN32.len() >= 120);
}

#[test]
fn sample_values_from_the_reference() {
    assert_eq!(hresult_by_name("BG_E_SESSION_NOT_FOUND"), Some(0x8020_001F));
    assert_eq!(hresult_by_name("BG_E_TOO_MANY_JOBS_PER_MACHINE"), Some(0x8020_0050));
    assert_eq!(hresult_by_name("BG_E_TOO_MANY_JOBS_PER_USER"), Some(0x8020_0049));
    assert_eq!(hresult_by_name("BG_E_PROPERTY_SUPPORTED_FOR_DOWNLOAD_JOBS_ONLY"), Some(0x8020_0060));
    assert_eq!(hresult_by_name("BG_E_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK"), Some(0x8020_0076));
    assert_eq!(hresult_by_name("BG_S_PARTIAL_COMPLETE"), Some(0x0020_0017));

    let info = describe_hresult(0x8020_001F).unwrap();
    assert_eq!(info.name, "BG_E_SESSION_NOT_FOUND");
    assert_eq!(info.family, CodeFamily::Bits);
    assert!(info.upload_protocol);
    assert_eq!(info.note, None);

    let info = describe_hresult(0x8019_0194).unwrap();
    assert_eq!(info.name, "BG_E_HTTP_ERROR_404");
    assert_eq!(info.family, CodeFamily::BitsHttp);
    assert_eq!(info.meaning, "The server answered HTTP 404 Not Found.");
    assert!(!info.upload_protocol);
    assert!(info.note.unwrap().contains("IIS 7"));
    assert_eq!(describe_hresult(0x8019_01A0).unwrap().name, "BG_E_HTTP_ERROR_416");
    assert!(describe_hresult(0x8019_01C1).unwrap().meaning.contains("449 Retry With"));

    let info = describe_hresult(0x8007_0057).unwrap();
    assert_eq!(info.name, "E_INVALIDARG");
    assert_eq!(info.family, CodeFamily::Generic);
    assert!(info.upload_protocol);
    assert_eq!(describe_hresult(0x8007_0005).unwrap().name, "E_ACCESSDENIED");

    let info = describe_hresult(0x8007_0002).unwrap();
    assert_eq!(info.name, "HRESULT_FROM_WIN32(ERROR_FILE_NOT_FOUND)");
    assert_eq!(info.family, CodeFamily::Win32);
    assert_eq!(info.meaning, "The system cannot find the file specified.");
    assert!(!info.upload_protocol);

    let info = describe_hresult(0x8019_4007).unwrap();
    assert_eq!(info.name, "BITS_MC_STATE_FILE_CORRUPT");
    assert_eq!(info.family, CodeFamily::BitsEvent);
}

#[test]
fn unknown_codes_are_none() {
    assert_eq!(describe_hresult(0x8020_1234), None);
    // Gaps inside bitsmsg.h.
    assert_eq!(describe_hresult(0x8020_004A), None);
    assert_eq!(describe_hresult(0x8020_005A), None);
    assert_eq!(describe_hresult(0x8020_0077), None);
    // Right message number, wrong severity.
    assert_eq!(describe_hresult(0x8020_0006), None);
    assert_eq!(describe_hresult(0x0020_0001), None);
    assert_eq!(describe_hresult(0x8021_001F), None);
    // 450 has no BG_E_HTTP_ERROR constant; 0x8019400C is past the last event id.
    assert_eq!(describe_hresult(0x8019_01C2), None);
    assert_eq!(describe_hresult(0x8019_400C), None);
    // Win32 274 has no winerror.h name; HRESULT_FROM_WIN32(0) is 0, not 0x80070000.
    assert_eq!(describe_hresult(0x8007_0112 + 1), None);
    assert_eq!(describe_hresult(0x8007_0000), None);
    assert_eq!(describe_hresult(0x0000_0001), None);
    assert_eq!(hresult_by_name("BG_E_NO_SUCH_THING"), None);
    assert_eq!(hresult_by_name("BG_E_HTTP_ERROR_450"), None);
    assert_eq!(hresult_by_name("BG_E_HTTP_ERROR_0404"), None);
    assert_eq!(hresult_by_name(""), None);
}

#[test]
fn every_bg_name_round_trips() {
    for entry in BG {
        assert_eq!(hresult_by_name(entry.name), Some(entry.code), "{}", entry.name);
        assert_eq!(hresult_by_name(&entry.name.to_ascii_lowercase()), Some(entry.code));
        let info = describe_hresult(entry.code).unwrap();
        assert_eq!(info.name, entry.name);
        assert_eq!(info.family, CodeFamily::Bits);
        // BG_S_* are success codes (severity bit clear); BG_E_* are failures.
        assert_eq!(entry.name.starts_with("BG_S_"), entry.code >> 31 == 0, "{}", entry.name);
        assert_eq!(entry.code & 0x7FFF_0000, 0x0020_0000, "{}", entry.name);
    }
}

#[test]
fn every_other_name_round_trips() {
    for entry in GENERIC.iter().chain(BITS_MC) {
        assert_eq!(hresult_by_name(entry.name), Some(entry.code), "{}", entry.name);
        assert_eq!(describe_hresult(entry.code).unwrap().name, entry.name);
    }
    for &status in BG_HTTP_STATUSES {
        let code = 0x8019_0000 + u32::from(status);
        let info = describe_hresult(code).unwrap();
        assert_eq!(hresult_by_name(&info.name), Some(code));
    }
    for &(error, name, _) in WIN32.iter().filter(|&&(c, _, _)| c != 0) {
        let code = 0x8007_0000 | error;
        let info = describe_hresult(code).unwrap();
        assert_eq!(info.code, code);
        assert_eq!(hresult_by_name(&info.name), Some(code), "{}", info.name);
        assert_eq!(hresult_by_name(name), Some(code), "{name}");
    }
}

#[test]
fn old_sdk_codes_carry_the_note() {
    for entry in BG {
        let old_only = (0x8020_002F..=0x8020_003D).contains(&entry.code);
        assert_eq!(entry.note == Some(OLD_SDK_NOTE), old_only, "{}", entry.name);
    }
    let info = describe_hresult(0x8020_002F).unwrap();
    assert_eq!(info.name, "BG_E_KEEP_ALIVE_FAILURE");
    assert!(info.note.unwrap().starts_with("(old SDK only)"));
    assert_eq!(describe_hresult(0x8020_003D).unwrap().name, "BG_E_UNKNOWN_ERROR");
}

#[test]
fn upload_flags_follow_the_reference() {
    let upload: Vec<u32> = BG.iter().filter(|e| e.upload).map(|e| e.code).collect();
    assert_eq!(upload, [0x8020_001F, 0x8020_0020, 0x8020_0022, 0x8020_0023]);
    assert!(GENERIC.iter().all(|e| e.upload));
    assert!(BITS_MC.iter().all(|e| !e.upload));
    assert!(!describe_hresult(0x8007_0002).unwrap().upload_protocol);
}

#[test]
fn disk_full_and_spelling_quirks() {
    assert_eq!(hresult_by_name("ERROR_DISK_FULL"), Some(0x8007_0070));
    assert_eq!(hresult_by_name("error_disk_full"), Some(0x8007_0070));
    let info = describe_hresult(0x8007_0070).unwrap();
    assert_eq!(info.name, "HRESULT_FROM_WIN32(ERROR_DISK_FULL)");
    assert_eq!(info.family, CodeFamily::Win32);
    assert!(info.upload_protocol);
    assert!(info.note.unwrap().starts_with("9.D9"));
    let info = describe_hresult(0x8007_0112).unwrap();
    assert_eq!(info.family, CodeFamily::Generic);
    assert!(info.upload_protocol);
    assert!(info.note.unwrap().contains("274"));
    assert_eq!(win32_error(274), None);

    assert_eq!(hresult_by_name("BG_E_SERVER_EXECUTE_ENABLED"), Some(0x8020_0023));
    assert_eq!(hresult_by_name("bg_e_server_execute_enable"), Some(0x8020_0023));
    assert_eq!(hresult_by_name("BG_E_FILE_CHANGED"), Some(0x8020_001D));
    assert_eq!(hresult_by_name(" E_INVALIDARG "), Some(0x8007_0057));
    assert_eq!(hresult_by_name("S_OK"), Some(0));
    assert_eq!(hresult_by_name("BG_E_HTTP_ERROR_404"), Some(0x8019_0194));
    assert_eq!(hresult_by_name("bg_e_http_error_449"), Some(0x8019_01C1));
    assert_eq!(hresult_by_name("ERROR_SUCCESS"), Some(0));
    assert_eq!(hresult_by_name("ERROR_INVALID_PARAMETER"), Some(0x8007_0057));
    assert_eq!(hresult_by_name("HRESULT_FROM_WIN32(ERROR_ACCESS_DENIED)"), Some(0x8007_0005));
    assert_eq!(hresult_by_name("ERROR_INTERNET_TIMEOUT"), Some(0x8007_2EE2));
    assert_eq!(hresult_by_name("ERROR_WINHTTP_TIMEOUT"), Some(0x8007_2EE2));
    assert_eq!(hresult_by_name("ERROR_INTERNET_DECODING_FAILED"), Some(0x8007_2F8F));
    assert_eq!(hresult_by_name("WSAETIMEDOUT"), Some(0x8007_274C));
}

#[test]
fn win32_values() {
    let expect = [
        (0, "ERROR_SUCCESS"),
        (2, "ERROR_FILE_NOT_FOUND"),
        (5, "ERROR_ACCESS_DENIED"),
        (36, "ERROR_SHARING_BUFFER_EXCEEDED"),
        (87, "ERROR_INVALID_PARAMETER"),
        (112, "ERROR_DISK_FULL"),
        (122, "ERROR_INSUFFICIENT_BUFFER"),
        (123, "ERROR_INVALID_NAME"),
        (183, "ERROR_ALREADY_EXISTS"),
        (206, "ERROR_FILENAME_EXCED_RANGE"),
        (258, "WAIT_TIMEOUT"),
        (1223, "ERROR_CANCELLED"),
        (1326, "ERROR_LOGON_FAILURE"),
        (1460, "ERROR_TIMEOUT"),
        (10060, "WSAETIMEDOUT"),
        (12002, "ERROR_INTERNET_TIMEOUT"),
        (12007, "ERROR_INTERNET_NAME_NOT_RESOLVED"),
        (12029, "ERROR_INTERNET_CANNOT_CONNECT"),
        (12030, "ERROR_INTERNET_CONNECTION_ABORTED"),
        (12031, "ERROR_INTERNET_CONNECTION_RESET"),
        (12152, "ERROR_HTTP_INVALID_SERVER_RESPONSE"),
        (12175, "ERROR_WINHTTP_SECURE_FAILURE"),
    ];
    for (code, name) in expect {
        assert_eq!(win32_error(code).map(|(n, _)| n), Some(name), "{code}");
    }
    // winerror.h defines every number from 1 to 89 except these.
    let undefined = [35, 37, 40, 41, 42, 43, 44, 45, 46, 47, 48, 49, 73, 74, 75, 76, 77, 78, 79, 81];
    for code in 1..=89 {
        assert_eq!(win32_error(code).is_none(), undefined.contains(&code), "{code}");
    }
    assert!(WIN32.iter().all(|(_, _, meaning)| meaning.ends_with('.')));
}

#[test]
fn http_reason_phrases() {
    assert_eq!(http_reason_phrase(206), Some("Partial Content"));
    assert_eq!(http_reason_phrase(416), Some("Range Not Satisfiable"));
    assert_eq!(http_reason_phrase(413), Some("Content Too Large"));
    assert_eq!(http_reason_phrase(511), Some("Network Authentication Required"));
    assert_eq!(http_reason_phrase(509), None);
    assert_eq!(http_reason_phrase(449), None);

    assert_eq!(http_status_of_reason("Created"), Some(201));
    assert_eq!(http_status_of_reason(" requested range not satisfiable"), Some(416));
    assert_eq!(http_status_of_reason("Whatever"), None);

    assert!(http_reason_matches(416, "Range Not Satisfiable"));
    assert!(http_reason_matches(416, "Requested Range Not Satisfiable"));
    assert!(http_reason_matches(416, "requested range not satisfiable"));
    assert!(!http_reason_matches(416, "Bad Request"));
    assert!(!http_reason_matches(400, "Requested Range Not Satisfiable"));
    assert!(http_reason_matches(413, "Request Entity Too Large"));
    assert!(http_reason_matches(413, "Payload Too Large"));
    assert!(http_reason_matches(414, "Request-URI Too Long"));
    assert!(http_reason_matches(414, "URI Too Long"));
    assert!(http_reason_matches(505, "HTTP Version not supported"));
    assert!(http_reason_matches(200, "OK"));
    assert!(!http_reason_matches(200, ""));
    assert!(!http_reason_matches(999, "OK"));
}

#[test]
fn error_contexts() {
    assert_eq!(error_context(0).unwrap().0, "BG_ERROR_CONTEXT_NONE");
    assert_eq!(error_context(5).unwrap().0, "BG_ERROR_CONTEXT_REMOTE_FILE");
    assert_eq!(error_context(7).unwrap().0, "BG_ERROR_CONTEXT_REMOTE_APPLICATION");
    assert_eq!(error_context(8).unwrap().0, "BG_ERROR_CONTEXT_SERVER_CERTIFICATE_CALLBACK");
    assert_eq!(error_context(9), None);
    assert_eq!(error_context(u32::MAX), None);
}

#[test]
fn expected_statuses_per_code() {
    assert_eq!(expected_statuses(0x8020_001F), Some(&[500][..]));
    assert_eq!(expected_statuses(0x8020_0020), Some(&[500][..]));
    assert_eq!(expected_statuses(0x8007_0005), Some(&[403, 501][..]));
    assert_eq!(expected_statuses(0x8007_0057), Some(&[400, 411][..]));
    assert_eq!(expected_statuses(0x8007_0070), Some(&[500, 408][..]));
    assert_eq!(expected_statuses(0x8007_0112), Some(&[500, 408][..]));
    assert_eq!(expected_statuses(0), Some(&[416][..]));
    assert_eq!(expected_statuses(0x8020_0022), None);
    assert_eq!(expected_statuses(0x8019_0194), None);
}

#[test]
fn hresult_prints_and_splits_like_windows() {
    let code = Hresult::BG_E_SESSION_NOT_FOUND;
    assert_eq!(code.to_string(), "0x8020001F");
    assert_eq!(format!("{code:?}"), "Hresult(0x8020001F BG_E_SESSION_NOT_FOUND)");
    assert_eq!(format!("{:?}", Hresult(0x8020_1234)), "Hresult(0x80201234)");
    assert_eq!((code.is_failure(), code.facility(), code.code()), (true, Hresult::FACILITY_BITS, 0x1F));
    assert!(!Hresult::BG_S_PARTIAL_COMPLETE.is_failure());
    assert_eq!(Hresult::BG_S_PARTIAL_COMPLETE.facility(), Hresult::FACILITY_BITS);
    assert_eq!(Hresult::E_ACCESSDENIED.facility(), Hresult::FACILITY_WIN32);
    assert_eq!(Hresult::BG_E_HTTP_ERROR_404.facility(), Hresult::FACILITY_HTTP);
    assert_eq!(code.name().as_deref(), Some("BG_E_SESSION_NOT_FOUND"));
    assert!(code.words().unwrap().starts_with("The server does not know the upload session"));
    assert_eq!(code.expected_statuses(), Some(&[500][..]));
    assert_eq!(Hresult::by_name("bg_e_session_not_found"), Some(code));
    assert_eq!(u32::from(code), 0x8020_001F);
    assert_eq!(Hresult::from(0x8020_001F), code);
}

#[test]
fn hresult_from_win32_and_http_status() {
    assert_eq!(Hresult::from_win32(Win32Error::ERROR_SUCCESS), Hresult::S_OK);
    assert_eq!(Hresult::from_win32(Win32Error::ERROR_ACCESS_DENIED), Hresult::E_ACCESSDENIED);
    assert_eq!(Hresult::from_win32(Win32Error::ERROR_INVALID_PARAMETER), Hresult::E_INVALIDARG);
    assert_eq!(Hresult::from_win32(Win32Error(12002)), Hresult(0x8007_2EE2));
    assert_eq!(Hresult::from_http_status(416), Hresult(0x8019_01A0));
    // Arithmetic for any status; only the ones bitsmsg.h names are described.
    assert_eq!(Hresult::from_http_status(450), Hresult(0x8019_01C2));
    assert_eq!(Hresult::from_http_status(450).name(), None);
    assert_eq!(Win32Error::ERROR_DISK_FULL.to_string(), "112");
    assert_eq!(Win32Error::ERROR_DISK_FULL.name(), Some("ERROR_DISK_FULL"));
    assert_eq!(Win32Error::ERROR_DISK_FULL.words(), Some("There is not enough space on the disk."));
    assert_eq!(format!("{:?}", Win32Error(274)), "Win32Error(274)");
    assert_eq!(Win32Error::NO_ERROR, Win32Error::ERROR_SUCCESS);
}
