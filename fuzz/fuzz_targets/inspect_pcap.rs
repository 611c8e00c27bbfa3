//! pcap and pcapng files: the first byte picks a file header (byte order, time resolution,
//! link type, or pcapng) so the fuzzer spends its time in the records, the link, IP and TCP
//! layers and the reassembly rather than in finding a magic number.
#![no_main]

use bits_inspector::{inspect_with_text, Options};
use libfuzzer_sys::fuzz_target;

const LINK_TYPES: [u32; 7] = [1, 113, 276, 101, 228, 229, 0];

fuzz_target!(|data: &[u8]| {
    let Some((&choice, rest)) = data.split_first() else { return };
    let mut file = Vec::with_capacity(rest.len() + 24);
    if choice & 0x80 != 0 || rest.starts_with(&[0x0a, 0x0d, 0x0d, 0x0a]) {
        // pcapng: the rest is the blocks, a seed file as it is.
        file.extend_from_slice(rest);
    } else {
        let link = LINK_TYPES[(choice as usize >> 2) % LINK_TYPES.len()];
        let (magic, big_endian) = match choice & 3 {
            0 => (0xa1b2c3d4u32, false),
            1 => (0xa1b2c3d4, true),
            2 => (0xa1b23c4d, false),
            _ => (0xa1b23c4d, true),
        };
        let words = [magic, 0x0004_0002, 0, 0, 65535, link];
        for (i, w) in words.iter().enumerate() {
            // Version is two u16 fields; the rest are u32.
            let bytes = match (i, big_endian) {
                (1, false) => [2, 0, 4, 0],
                (1, true) => [0, 2, 0, 4],
                (_, false) => w.to_le_bytes(),
                (_, true) => w.to_be_bytes(),
            };
            file.extend_from_slice(&bytes);
        }
        file.extend_from_slice(rest);
    }
    let inspection = inspect_with_text(&file, &Options::default());
    for f in &inspection.report.findings {
        assert!(f.span.end <= inspection.text.len());
    }
});
