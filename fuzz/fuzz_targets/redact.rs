//! Any bytes, inspected, then redacted for a share link (`check --redact`, the page's
//! redacted share): never a panic, and the redacted text inspects again without one.
#![no_main]

use bits_inspector::{inspect_with_text, redact, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inspection = inspect_with_text(data, &Options::default());
    let redacted = redact::redact(&inspection.text, &inspection.report);
    let again = inspect_with_text(&redacted.text, &Options::default());
    assert!(again.report.messages.len() <= inspection.report.messages.len() + 1);
});
