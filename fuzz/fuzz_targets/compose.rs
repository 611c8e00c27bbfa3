//! Any bytes, inspected, then every message asked for its expected answers (`compose`, the
//! page's "Expected answer" panel): never a panic, an answer or a sentence for each, and
//! every answer a whole Ack with CRLF line endings and an empty body.
#![no_main]

use bits_inspector::compose;
use bits_inspector::{inspect_with_text, Options};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let inspection = inspect_with_text(data, &Options::default());
    let (report, text) = (&inspection.report, &inspection.text[..]);
    // Every index, one past the end too: non-requests and missing messages get a sentence.
    for message in 0..=report.messages.len() {
        match compose::answers(report, text, message) {
            Ok(request) => {
                assert!(report.messages[message].kind.is_bits_request());
                for answer in &request.answers {
                    assert!(!answer.profiles.is_empty());
                    assert!(answer.raw.starts_with("HTTP/1.1 ") && answer.raw.ends_with("\r\n\r\n"));
                    assert!(answer.raw.contains("\r\nContent-Length: 0\r\n"));
                }
            }
            Err(why) => assert!(!why.to_string().is_empty()),
        }
    }
});
