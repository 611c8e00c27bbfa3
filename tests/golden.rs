//! The JSON report is an interface (README, "JSON output"): this test holds the report of
//! every fixture byte-identical, under each profile, to the copy kept in `tests/golden/`.
//! A change to the JSON is made on purpose: run with `BITS_BLESS=1` to write the new
//! copies, and say in the README what changed.

#[path = "support/fixture_files.rs"]
mod fixture_files;

use std::path::Path;

use bits_inspector::{inspect_with_text, Options, Profile};

fn report_json(bytes: &[u8], profile: Profile) -> String {
    let inspection = inspect_with_text(bytes, &Options { profile, ..Options::default() });
    let mut json = serde_json::to_string_pretty(&inspection.report.json(&inspection.text)).unwrap();
    json.push('\n');
    json
}

#[test]
fn every_fixtures_json_report_is_unchanged() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let files = fixture_files::fixtures();
    assert!(files.len() > 50, "the fixtures are found");
    let bless = std::env::var_os("BITS_BLESS").is_some();
    let mut changed = Vec::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let name = file.strip_prefix(root.join("tests/fixtures")).unwrap().to_string_lossy().replace('/', "__");
        for profile in Profile::ALL {
            let golden = root.join("tests/golden").join(format!("{name}.{}.json", profile.as_str()));
            let json = report_json(&bytes, profile);
            if bless {
                std::fs::write(&golden, &json).unwrap();
            } else if std::fs::read_to_string(&golden).ok().as_deref() != Some(json.as_str()) {
                changed.push(golden.display().to_string());
            }
        }
    }
    assert!(
        changed.is_empty(),
        "the JSON report changed for {} of {} fixture reports (first: {:?}); if on purpose, run with BITS_BLESS=1 and say what changed in the README",
        changed.len(),
        files.len() * 3,
        changed.first()
    );
}
