//! Any bytes inspected and every fix applied: no panic, and every edit lies within the
//! inspected text, on character boundaries, so `apply` never refuses a fix the engine made.
#![no_main]

use bits_inspector::rules::fix::{apply, on_boundary};
use bits_inspector::{inspect_with_text, LineEndingCheck, Options, Profile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (first, input) = data.split_first().unwrap_or((&0, data));
    let options = Options {
        profile: Profile::ALL[*first as usize % 3],
        line_endings: if first & 4 == 0 { LineEndingCheck::Strict } else { LineEndingCheck::Pasted },
    };
    let inspection = inspect_with_text(input, &options);
    let text = &inspection.text;
    let fixes = inspection.report.fixes();
    for fix in &fixes {
        for edit in &fix.edits {
            assert!(edit.start <= edit.end && edit.end <= text.len(), "{fix:?} outside {} bytes", text.len());
            assert!(on_boundary(text, edit.start) && on_boundary(text, edit.end), "{fix:?} cuts a character");
        }
    }
    let applied = apply(text, &fixes).expect("the engine's own fixes apply to its text");
    // The fixed text is inspected again as a user's next `check` would.
    inspect_with_text(&applied.text, &options);
});
