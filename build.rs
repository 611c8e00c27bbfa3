//! Turns the code tables in `data/*.tsv` into Rust (`$OUT_DIR/code_tables.rs`, included by
//! `src/bits/codes/tables.rs`, and `$OUT_DIR/link_types.rs`, included by
//! `src/input/link_type.rs`), so the tables stay data that names its source, and every named
//! constant is declared once, in its data row.
//!
//! A malformed row stops the build with its file and line. The order and uniqueness the
//! lookups rely on (binary searches, names found by a scan) are checked here too, so a table
//! that would answer wrongly never compiles. No dependencies: this runs before anything else.

use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs, process};

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    // The whole folder, so a table added or fixed after an error is seen too.
    println!("cargo:rerun-if-changed=data");
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    match generate(Path::new(&manifest)) {
        Ok(code) => {
            let path = Path::new(&out).join("code_tables.rs");
            if let Err(e) = fs::write(&path, code) {
                fail(&format!("cannot write {}: {e}", path.display()));
            }
        }
        Err(message) => fail(&message),
    }
    match generate_link_types(Path::new(&manifest)) {
        Ok(code) => {
            let path = Path::new(&out).join("link_types.rs");
            if let Err(e) = fs::write(&path, code) {
                fail(&format!("cannot write {}: {e}", path.display()));
            }
        }
        Err(message) => fail(&message),
    }
}

fn fail(message: &str) -> ! {
    eprintln!("error: {message}");
    process::exit(1);
}

/// One data row: where it is, for messages, and its tab-separated fields.
struct Row {
    file: &'static str,
    line: usize,
    fields: Vec<String>,
}

impl Row {
    fn error(&self, what: impl std::fmt::Display) -> String {
        format!("data/{}:{}: {what}", self.file, self.line)
    }

    fn field(&self, i: usize) -> &str {
        &self.fields[i]
    }

    /// `-` is an empty field: a tab-separated file cannot show an empty one.
    fn optional(&self, i: usize) -> Option<&str> {
        Some(self.field(i)).filter(|f| *f != "-")
    }

    fn list(&self, i: usize) -> Vec<&str> {
        self.optional(i).map(|f| f.split(' ').collect()).unwrap_or_default()
    }

    fn hex32(&self, i: usize) -> Result<u32, String> {
        let f = self.field(i);
        f.strip_prefix("0x")
            .filter(|digits| digits.len() == 8)
            .and_then(|digits| u32::from_str_radix(digits, 16).ok())
            .ok_or_else(|| self.error(format!("`{f}` is not 0x and eight hexadecimal digits")))
    }

    fn decimal(&self, i: usize) -> Result<u32, String> {
        let f = self.field(i);
        f.parse().map_err(|_| self.error(format!("`{f}` is not a decimal number")))
    }

    fn identifier(&self, name: &str) -> Result<(), String> {
        if is_identifier(name) {
            Ok(())
        } else {
            Err(self.error(format!("`{name}` is not a constant name (A-Z, 0-9, _)")))
        }
    }
}

/// Upper-case Rust constant names: what the Windows headers use.
fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && name.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

fn read(root: &Path, file: &'static str, columns: &[&str]) -> Result<Vec<Row>, String> {
    let text = fs::read_to_string(root.join("data").join(file)).map_err(|e| format!("data/{file}: {e}"))?;
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let fields: Vec<String> = line.split('\t').map(str::to_owned).collect();
        let row = Row { file, line: i + 1, fields };
        if row.fields.len() != columns.len() {
            return Err(row.error(format!(
                "{} tab-separated fields, expected {} ({})",
                row.fields.len(),
                columns.len(),
                columns.join(", ")
            )));
        }
        for (field, column) in row.fields.iter().zip(columns) {
            if field.is_empty() || field.trim() != field || field.contains('\r') {
                return Err(row.error(format!("{column} `{field}` is empty or has stray white space (use `-`)")));
            }
        }
        rows.push(row);
    }
    Ok(rows)
}

/// Names must be unique ASCII case-insensitively, because lookup by name ignores case.
struct Names(HashSet<String>);

impl Names {
    fn claim(&mut self, row: &Row, name: &str) -> Result<(), String> {
        if self.0.insert(name.to_ascii_uppercase()) {
            Ok(())
        } else {
            Err(row.error(format!("the name `{name}` is already used")))
        }
    }
}

fn strictly_increasing(rows: &[Row], key: impl Fn(&Row) -> Result<u32, String>) -> Result<(), String> {
    let mut previous = None;
    for row in rows {
        let k = key(row)?;
        if previous.is_some_and(|p| p >= k) {
            return Err(row.error("rows must be in increasing order of their number, without repeats"));
        }
        previous = Some(k);
    }
    Ok(())
}

/// The generated source, in pieces that go to different places of the file, and what the
/// HRESULT files gather across all three of them.
struct Out {
    tables: String,
    hresult_constants: String,
    win32_constants: String,
    /// `(name, constant)` pairs, so a test can hold every constant against its row.
    constant_list: String,
    hresult_names: Names,
    /// (code, statuses) for EXPECTED_STATUSES.
    statuses: Vec<(u32, Vec<String>)>,
    /// (spelling, code) for DOCUMENTED_SPELLINGS.
    spellings: Vec<(String, u32)>,
}

fn string(s: &str) -> String {
    format!("{s:?}")
}

fn option(s: Option<&str>) -> String {
    s.map_or_else(|| "None".to_owned(), |s| format!("Some({s:?})"))
}

pub fn generate(root: &Path) -> Result<String, String> {
    let mut out = Out {
        tables: String::new(),
        hresult_constants: String::new(),
        win32_constants: String::new(),
        constant_list: String::new(),
        hresult_names: Names(HashSet::new()),
        statuses: Vec::new(),
        spellings: Vec::new(),
    };
    hresults(root, "hresult-generic.tsv", "GENERIC", "Generic", &mut out)?;
    hresults(root, "bitsmsg.tsv", "BG", "Bits", &mut out)?;
    hresults(root, "bits-events.tsv", "BITS_MC", "BitsEvent", &mut out)?;
    http_errors(root, &mut out)?;

    out.statuses.sort_by_key(|&(code, _)| code);
    writeln!(out.tables, "pub(super) static EXPECTED_STATUSES: &[(u32, &[u16])] = &[").unwrap();
    for (code, list) in &out.statuses {
        writeln!(out.tables, "    (0x{code:08X}, &[{}]),", list.join(", ")).unwrap();
    }
    writeln!(out.tables, "];\n").unwrap();
    writeln!(out.tables, "pub(super) static DOCUMENTED_SPELLINGS: &[(&str, u32)] = &[").unwrap();
    for (name, code) in &out.spellings {
        writeln!(out.tables, "    ({}, 0x{code:08X}),", string(name)).unwrap();
    }
    writeln!(out.tables, "];\n").unwrap();

    win32(root, &mut out)?;
    http_reasons(root, &mut out)?;
    error_contexts(root, &mut out)?;

    Ok(format!(
        "// Generated by build.rs from data/*.tsv: edit the data, not this file.\n\n{}\
         impl Hresult {{\n{}}}\n\nimpl Win32Error {{\n{}}}\n\n\
         #[cfg(test)]\npub(super) static CONSTANTS: &[(&str, Constant)] = &[\n{}];\n",
        out.tables, out.hresult_constants, out.win32_constants, out.constant_list
    ))
}

const HRESULT_COLUMNS: &[&str] = &["value", "name", "also_read", "flags", "statuses", "meaning", "note"];

fn hresults(root: &Path, file: &'static str, table: &str, family: &str, out: &mut Out) -> Result<(), String> {
    let rows = read(root, file, HRESULT_COLUMNS)?;
    // bitsmsg.h orders its codes by message number, success codes among the failures, and the
    // lookup searches on that number; the other tables are in plain numeric order.
    if table == "BG" {
        strictly_increasing(&rows, |r| r.hex32(0).map(|code| code & 0xFFFF))?;
    } else {
        strictly_increasing(&rows, |r| r.hex32(0))?;
    }
    writeln!(out.tables, "pub(super) static {table}: &[Entry] = &[").unwrap();
    for row in &rows {
        let code = row.hex32(0)?;
        let name = row.field(1);
        out.hresult_names.claim(row, name)?;
        for spelling in row.list(2) {
            row.identifier(spelling)?;
            out.hresult_names.claim(row, spelling)?;
            out.spellings.push((spelling.to_owned(), code));
        }
        let flags: Vec<&str> = row.optional(3).map(|f| f.split(',').collect()).unwrap_or_default();
        if let Some(unknown) = flags.iter().find(|f| !matches!(**f, "upload" | "old-sdk" | "winerror")) {
            return Err(row.error(format!("unknown flag `{unknown}` (upload, old-sdk, winerror)")));
        }
        let (upload, old_sdk, winerror) =
            (flags.contains(&"upload"), flags.contains(&"old-sdk"), flags.contains(&"winerror"));
        let list = row.list(4);
        if !list.is_empty() {
            for status in &list {
                if status.len() != 3 || status.parse::<u16>().is_err() {
                    return Err(row.error(format!("status `{status}` is not three digits")));
                }
            }
            out.statuses.push((code, list.iter().map(|s| (*s).to_owned()).collect()));
        }
        let note = match (old_sdk, row.optional(6)) {
            (true, Some(_)) => return Err(row.error("an old-sdk row takes the shared old-SDK note, not its own")),
            (true, None) => "Some(OLD_SDK_NOTE)".to_owned(),
            (false, note) => option(note),
        };
        let family = if winerror { "Win32" } else { family };
        writeln!(
            out.tables,
            "    Entry {{ code: 0x{code:08X}, name: {}, meaning: {}, family: CodeFamily::{family}, upload: {upload}, note: {note} }},",
            string(name),
            string(row.field(5)),
        )
        .unwrap();
        // Some rows are named by an expression (`HRESULT_FROM_WIN32(ERROR_DISK_FULL)`), not a
        // constant: they get no Rust name.
        if is_identifier(name) {
            let doc = format!("`0x{code:08X}`: {}", row.field(5));
            writeln!(out.hresult_constants, "    #[doc = {}]", string(&doc)).unwrap();
            writeln!(out.hresult_constants, "    pub const {name}: Hresult = Hresult(0x{code:08X});").unwrap();
            writeln!(out.constant_list, "    ({name:?}, Constant::Hresult(Hresult::{name})),").unwrap();
        }
    }
    writeln!(out.tables, "];\n").unwrap();
    Ok(())
}

fn http_errors(root: &Path, out: &mut Out) -> Result<(), String> {
    let rows = read(root, "bits-http-errors.tsv", &["value", "name", "phrase", "note"])?;
    strictly_increasing(&rows, |r| r.hex32(0))?;
    // The name is the status in words, so the table holds statuses only (checked here to
    // match), and the few rows with a phrase or note go to a second, short table: 41 names
    // and two mostly empty fields would cost the page's wasm about 2 KB.
    let mut statuses = String::new();
    let mut words = String::new();
    for row in &rows {
        let code = row.hex32(0)?;
        let name = row.field(1);
        let status = name
            .strip_prefix("BG_E_HTTP_ERROR_")
            .filter(|digits| digits.len() == 3)
            .and_then(|digits| digits.parse::<u16>().ok())
            .ok_or_else(|| row.error(format!("`{name}` is not BG_E_HTTP_ERROR_ and three digits")))?;
        if code != 0x8019_0000 + u32::from(status) {
            return Err(row.error(format!("{name} is 0x{:08X}, not 0x{code:08X}", 0x8019_0000 + u32::from(status))));
        }
        out.hresult_names.claim(row, name)?;
        write!(statuses, "{status}, ").unwrap();
        if row.optional(2).is_some() || row.optional(3).is_some() {
            let (phrase, note) = (option(row.optional(2)), option(row.optional(3)));
            writeln!(words, "    HttpErrorWords {{ status: {status}, phrase: {phrase}, note: {note} }},").unwrap();
        }
        let doc = format!("`0x{code:08X}`: the client received HTTP {status}.");
        writeln!(out.hresult_constants, "    #[doc = {}]", string(&doc)).unwrap();
        writeln!(out.hresult_constants, "    pub const {name}: Hresult = Hresult(0x{code:08X});").unwrap();
        writeln!(out.constant_list, "    ({name:?}, Constant::Hresult(Hresult::{name})),").unwrap();
    }
    writeln!(out.tables, "pub(super) static BG_HTTP_STATUSES: &[u16] = &[{statuses}];\n").unwrap();
    writeln!(out.tables, "pub(super) static BG_HTTP_WORDS: &[HttpErrorWords] = &[\n{words}];\n").unwrap();
    Ok(())
}

fn win32(root: &Path, out: &mut Out) -> Result<(), String> {
    let rows = read(root, "win32-errors.tsv", &["number", "name", "aliases", "meaning"])?;
    strictly_increasing(&rows, |r| r.decimal(0))?;
    let mut names = Names(HashSet::new());
    let mut aliases = String::new();
    writeln!(out.tables, "pub(super) static WIN32: &[(u32, &str, &str)] = &[").unwrap();
    for row in &rows {
        let number = row.decimal(0)?;
        if number > 0xFFFF {
            return Err(row.error("a Win32 error number fits in 16 bits"));
        }
        let meaning = row.field(3);
        writeln!(out.tables, "    ({number}, {}, {}),", string(row.field(1)), string(meaning)).unwrap();
        for (i, name) in std::iter::once(row.field(1)).chain(row.list(2)).enumerate() {
            row.identifier(name)?;
            names.claim(row, name)?;
            if i > 0 {
                writeln!(aliases, "    ({}, {number}),", string(name)).unwrap();
            }
            let doc = format!("{number}: {meaning}");
            writeln!(out.win32_constants, "    #[doc = {}]", string(&doc)).unwrap();
            writeln!(out.win32_constants, "    pub const {name}: Win32Error = Win32Error({number});").unwrap();
            writeln!(out.constant_list, "    ({name:?}, Constant::Win32(Win32Error::{name})),").unwrap();
        }
    }
    writeln!(out.tables, "];\n").unwrap();
    writeln!(out.tables, "pub(super) static WIN32_ALIASES: &[(&str, u32)] = &[\n{aliases}];\n").unwrap();
    Ok(())
}

fn http_reasons(root: &Path, out: &mut Out) -> Result<(), String> {
    let rows = read(root, "http-reasons.tsv", &["status", "phrase", "era"])?;
    let mut current = Vec::new();
    let mut older = Vec::new();
    for row in &rows {
        let status = row.decimal(0)?;
        if !(100..=599).contains(&status) {
            return Err(row.error(format!("{status} is not an HTTP status")));
        }
        match row.field(2) {
            "current" => current.push(row),
            "older" => older.push(row),
            other => return Err(row.error(format!("era `{other}` is neither current nor older"))),
        }
    }
    // One current phrase a status, found by binary search; older ones are scanned, and a status
    // may have several.
    let mut previous = None;
    for row in &current {
        let status = row.decimal(0)?;
        if previous.is_some_and(|p| p >= status) {
            return Err(row.error("current phrases must be in increasing order of status, one a status"));
        }
        previous = Some(status);
    }
    for (name, rows) in [("HTTP_REASONS", &current), ("HTTP_OLD_REASONS", &older)] {
        writeln!(out.tables, "pub(super) static {name}: &[(u16, &str)] = &[").unwrap();
        for row in rows {
            writeln!(out.tables, "    ({}, {}),", row.field(0), string(row.field(1))).unwrap();
        }
        writeln!(out.tables, "];\n").unwrap();
    }
    Ok(())
}

fn error_contexts(root: &Path, out: &mut Out) -> Result<(), String> {
    let rows = read(root, "error-contexts.tsv", &["value", "name", "meaning"])?;
    writeln!(out.tables, "pub(super) static ERROR_CONTEXTS: &[(&str, &str)] = &[").unwrap();
    for (i, row) in rows.iter().enumerate() {
        // The lookup indexes the table by value.
        if row.decimal(0)? as usize != i {
            return Err(row.error(format!("value {} where {i} comes next: values run 0, 1, 2 …", row.field(0))));
        }
        row.identifier(row.field(1))?;
        writeln!(out.tables, "    ({}, {}),", string(row.field(1)), string(row.field(2))).unwrap();
    }
    writeln!(out.tables, "];\n").unwrap();
    Ok(())
}

/// How the reader takes frames of a link type: the `read` column's words and the
/// `input::link_type::Framing` each stands for.
const LINK_FRAMINGS: &[(&str, &str)] = &[
    ("ethernet", "Ethernet"),
    ("linux-sll", "LinuxSll"),
    ("linux-sll2", "LinuxSll2"),
    ("ip", "Ip"),
    ("loopback", "Loopback"),
];

/// `data/link-types.tsv` as a table sorted by value and a named constant per LINKTYPE_ row
/// (`LinkType::ETHERNET`); the DLT_ numbers some systems write stay lookup-only.
pub fn generate_link_types(root: &Path) -> Result<String, String> {
    let rows = read(root, "link-types.tsv", &["value", "name", "read"])?;
    let Some((heading, rows)) = rows.split_first() else {
        return Err("data/link-types.tsv: no heading line".to_owned());
    };
    if heading.fields != ["value", "name", "read"] {
        return Err(heading.error("the heading line must be `value<TAB>name<TAB>read`"));
    }
    strictly_increasing(rows, |row| row.decimal(0))?;
    let mut table = String::from("pub(super) static ROWS: &[Row] = &[\n");
    let mut constants = String::new();
    let mut names = Names(HashSet::new());
    for row in rows {
        let value = row.decimal(0)?;
        let name = row.field(1);
        row.identifier(name)?;
        let framing = match row.optional(2) {
            None => "None".to_owned(),
            Some(word) => match LINK_FRAMINGS.iter().find(|(w, _)| *w == word) {
                Some((_, variant)) => format!("Some(Framing::{variant})"),
                None => return Err(row.error(format!("read `{word}` is none of {LINK_FRAMINGS:?} or `-`"))),
            },
        };
        writeln!(table, "    Row {{ value: {value}, name: {}, framing: {framing} }},", string(name)).unwrap();
        match name.strip_prefix("LINKTYPE_") {
            Some(constant) => {
                names.claim(row, name)?;
                writeln!(
                    constants,
                    "    /// `{name}`, {value}.\n    pub const {constant}: LinkType = LinkType({value});"
                )
                .unwrap();
            }
            None if name.starts_with("DLT_") => {}
            None => return Err(row.error(format!("`{name}` is neither a LINKTYPE_ nor a DLT_ name"))),
        }
    }
    table.push_str("];\n");
    Ok(format!(
        "// Generated by build.rs from data/link-types.tsv: edit the data, not this file.\n\n{table}\n\
         impl LinkType {{\n{constants}}}\n"
    ))
}
