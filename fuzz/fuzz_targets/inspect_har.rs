//! HAR files: the input is read as the value of `log`, so every run takes the HAR path.
#![no_main]

use bits_inspector::{inspect_with_text, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut file = b"{\"log\":".to_vec();
    file.extend_from_slice(data.strip_prefix(b"{\"log\":").unwrap_or(data));
    let inspection = inspect_with_text(&file, &Options::default());
    for f in &inspection.report.findings {
        assert!(f.span.end <= inspection.text.len());
    }
});
