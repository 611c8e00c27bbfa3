//! build.rs, which turns `data/*.tsv` into the code tables, on broken data: each mistake
//! stops the build with a message naming the file and line, and the real data builds.
//! The script is compiled here as a module, so its messages are tested, not re-stated.

#[allow(dead_code)]
#[path = "../build.rs"]
mod build_script;

use std::fs;
use std::path::{Path, PathBuf};

const FILES: [&str; 8] = [
    "link-types.tsv",
    "hresult-generic.tsv",
    "bitsmsg.tsv",
    "bits-events.tsv",
    "bits-http-errors.tsv",
    "win32-errors.tsv",
    "http-reasons.tsv",
    "error-contexts.tsv",
];

/// A copy of `data/` under a fresh folder, with `file`'s text passed through `edit`.
fn data_with(name: &str, file: &str, edit: impl Fn(&str) -> String) -> PathBuf {
    let root = std::env::temp_dir().join(format!("bits-inspector-code-data-{}-{name}", std::process::id()));
    let data = root.join("data");
    fs::create_dir_all(&data).unwrap();
    for f in FILES {
        let text = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(f)).unwrap();
        let text = if f == file { edit(&text) } else { text };
        fs::write(data.join(f), text).unwrap();
    }
    root
}

fn error_for(name: &str, file: &str, edit: impl Fn(&str) -> String) -> String {
    let root = data_with(name, file, edit);
    let result = build_script::generate(&root);
    fs::remove_dir_all(&root).unwrap();
    result.expect_err("broken data must not build")
}

/// The line number (1-based) of the first line of `text` that starts with `start`.
fn line_of(text: &str, start: &str) -> usize {
    text.lines().position(|l| l.starts_with(start)).unwrap() + 1
}

fn original(file: &str) -> String {
    fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("data").join(file)).unwrap()
}

#[test]
fn the_real_data_builds_and_names_every_constant_once() {
    let code = build_script::generate(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(code.contains("pub const BG_E_SESSION_NOT_FOUND: Hresult = Hresult(0x8020001F);"));
    assert_eq!(code.matches("pub const BG_E_SESSION_NOT_FOUND:").count(), 1);
    assert!(code.contains("pub const ERROR_DISK_FULL: Win32Error = Win32Error(112);"));
    // Rows named by an expression get no constant.
    assert!(!code.contains("pub const HRESULT_FROM_WIN32"));
}

#[test]
fn a_row_with_a_missing_field_is_named_by_file_and_line() {
    let text = original("bitsmsg.tsv");
    let line = line_of(&text, "0x8020001F");
    let error =
        error_for("missing", "bitsmsg.tsv", |t| t.replacen("0x8020001F\tBG_E_SESSION_NOT_FOUND\t", "0x8020001F\t", 1));
    assert_eq!(
        error,
        format!(
            "data/bitsmsg.tsv:{line}: 6 tab-separated fields, expected 7 (value, name, also_read, flags, statuses, meaning, note)"
        )
    );
}

#[test]
fn a_bad_number_is_named_by_file_and_line() {
    let line = line_of(&original("bitsmsg.tsv"), "0x80200020");
    let error = error_for("number", "bitsmsg.tsv", |t| t.replacen("0x80200020", "0x8020020", 1));
    assert_eq!(error, format!("data/bitsmsg.tsv:{line}: `0x8020020` is not 0x and eight hexadecimal digits"));

    let line = line_of(&original("win32-errors.tsv"), "112\t");
    let error =
        error_for("decimal", "win32-errors.tsv", |t| t.replacen("112\tERROR_DISK_FULL", "1l2\tERROR_DISK_FULL", 1));
    assert_eq!(error, format!("data/win32-errors.tsv:{line}: `1l2` is not a decimal number"));
}

#[test]
fn rows_out_of_order_or_repeated_do_not_build() {
    // Swapping two rows would break the binary search.
    let text = original("win32-errors.tsv");
    // The second of the two rows is the one out of order.
    let line = line_of(&text, "3\t");
    let error = error_for("order", "win32-errors.tsv", |t| {
        let two = t.lines().find(|l| l.starts_with("2\t")).unwrap();
        let three = t.lines().find(|l| l.starts_with("3\t")).unwrap();
        t.replacen(&format!("{two}\n{three}"), &format!("{three}\n{two}"), 1)
    });
    assert!(error.starts_with(&format!("data/win32-errors.tsv:{}: rows must be in increasing order", line)), "{error}");

    let error =
        error_for("duplicate", "bits-events.tsv", |t| t.replacen("BITS_MC_WSD_PORT", "bits_mc_job_cancelled", 1));
    assert!(error.ends_with("the name `bits_mc_job_cancelled` is already used"), "{error}");
}

#[test]
fn unknown_flags_stray_spaces_and_wrong_arithmetic_do_not_build() {
    let error = error_for("flag", "hresult-generic.tsv", |t| t.replacen("\tupload\t", "\tuplaod\t", 1));
    assert!(error.starts_with("data/hresult-generic.tsv:") && error.contains("unknown flag `uplaod`"), "{error}");

    let error = error_for("space", "error-contexts.tsv", |t| {
        t.replacen("\tBG_ERROR_CONTEXT_NONE", "\tBG_ERROR_CONTEXT_NONE ", 1)
    });
    assert!(error.contains("stray white space"), "{error}");

    let error = error_for("http", "bits-http-errors.tsv", |t| {
        t.replacen("0x80190194\tBG_E_HTTP_ERROR_404", "0x80190194\tBG_E_HTTP_ERROR_405", 1)
    });
    assert!(error.contains("BG_E_HTTP_ERROR_405 is 0x80190195, not 0x80190194"), "{error}");

    let error = error_for("context", "error-contexts.tsv", |t| {
        t.replacen("5\tBG_ERROR_CONTEXT_REMOTE_FILE", "6\tBG_ERROR_CONTEXT_REMOTE_FILE", 1)
    });
    assert!(error.contains("value 6 where 5 comes next"), "{error}");
}

fn link_type_error_for(name: &str, edit: impl Fn(&str) -> String) -> String {
    let root = data_with(name, "link-types.tsv", edit);
    let result = build_script::generate_link_types(&root);
    fs::remove_dir_all(&root).unwrap();
    result.expect_err("broken data must not build")
}

#[test]
fn link_types_build_a_constant_per_linktype_row_and_refuse_broken_rows() {
    let code = build_script::generate_link_types(Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    assert!(code.contains("pub const ETHERNET: LinkType = LinkType(1);"));
    assert_eq!(code.matches("pub const RAW: LinkType").count(), 1);
    // The DLT_RAW numbers some systems write are read, but are no LINKTYPE_ constant.
    assert!(code.contains("Row { value: 12, name: \"DLT_RAW\", framing: Some(Framing::Ip) }"));
    assert!(!code.contains("pub const DLT_RAW"));

    let text = original("link-types.tsv");
    let line = line_of(&text, "1\t");
    let error = link_type_error_for("link-read", |t| {
        t.replace("1\tLINKTYPE_ETHERNET\tethernet", "1\tLINKTYPE_ETHERNET\ttoken-ring")
    });
    assert!(error.starts_with(&format!("data/link-types.tsv:{line}: read `token-ring` is none of")), "{error}");
    let error = link_type_error_for("link-order", |t| t.replace("105\tLINKTYPE_IEEE802_11", "1\tLINKTYPE_IEEE802_11"));
    assert!(error.contains("increasing order"), "{error}");
    let error = link_type_error_for("link-name", |t| t.replace("LINKTYPE_FDDI", "FDDI"));
    assert!(error.contains("neither a LINKTYPE_ nor a DLT_ name"), "{error}");
}
