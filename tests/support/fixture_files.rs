//! The test fixtures as files: every capture and transcript below a folder, in name order,
//! without the READMEs that describe them.

use std::path::{Path, PathBuf};

/// Every file below `dir` (recursively) but `.md`, sorted by path; none when `dir` is missing.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_none_or(|e| e != "md") {
                out.push(path);
            }
        }
    }
    let mut files = Vec::new();
    walk(dir, &mut files);
    files.sort();
    files
}

/// Every file of `tests/fixtures`.
pub fn fixtures() -> Vec<PathBuf> {
    files_below(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
}
