//! The wasm facade's conversion of byte offsets to what the page addresses (UTF-16 units,
//! line, column), against the reference the page itself uses: the lossy decoding that
//! `TextDecoder` and `String::from_utf8_lossy` both do (one U+FFFD per maximal subpart).
#![no_main]

use bits_inspector::utf16::TextIndex;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The reference below is quadratic; a kilobyte reaches every case.
    let data = &data[..data.len().min(1024)];
    let whole = String::from_utf8_lossy(data);
    let index = TextIndex::new(data);
    assert_eq!(index.utf16_len(), whole.encode_utf16().count());
    let mut previous = 0;
    for at in 0..=data.len() {
        let point = index.point(at);
        assert!(point.utf16 >= previous && point.utf16 <= point.utf16_ceil && point.utf16_ceil <= index.utf16_len());
        previous = point.utf16;
        // At a character boundary (cutting there does not change the decoding), the units
        // before it are those of the decoded prefix.
        let (head, tail) = (String::from_utf8_lossy(&data[..at]), String::from_utf8_lossy(&data[at..]));
        if head.len() + tail.len() == whole.len() && format!("{head}{tail}") == whole {
            assert_eq!(point.utf16, head.encode_utf16().count(), "offset {at}");
            assert_eq!(point.utf16, point.utf16_ceil);
            assert_eq!(point.line, 1 + head.matches('\n').count());
        }
    }
});
