//! Any bytes, as pasted text or read from a file, through the whole inspection and into JSON.
#![no_main]

use bits_inspector::{inspect_with_text, LineEndingCheck, Options, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (first, input) = data.split_first().unwrap_or((&0, data));
    let options = Options {
        profile: Profile::ALL[*first as usize % 3],
        line_endings: if first & 4 == 0 { LineEndingCheck::Strict } else { LineEndingCheck::Pasted },
    };
    let inspection = inspect_with_text(input, &options);
    for f in &inspection.report.findings {
        assert!(f.span.end <= inspection.text.len());
    }
    // Every message put into words, as the JSON output and the page do.
    serde_json::to_vec(&inspection.report.json(&inspection.text)).expect("the report serialises");
});
