//! Standard base64 (RFC 4648 section 4, `=` padding required), for HAR bodies.
//!
//! Hand-written because decoding is a table and a loop, and the `base64` crate's general
//! engine cost the web page more than the rest of the HAR reader. It accepts exactly what
//! `base64::engine::general_purpose::STANDARD` accepts (a test compares the two).

/// The bytes `text` encodes, or `None` when it is not canonical padded standard base64:
/// a length not a multiple of four, a symbol outside the alphabet, padding anywhere but
/// the end, or set bits left over in the last symbol.
pub fn decode(text: &[u8]) -> Option<Vec<u8>> {
    if text.len() % 4 != 0 {
        return None;
    }
    let padding = text.iter().rev().take(2).take_while(|&&b| b == b'=').count();
    let symbols = &text[..text.len() - padding];
    let mut out = Vec::with_capacity(symbols.len() / 4 * 3 + 2);
    let mut bits: u32 = 0;
    let mut held = 0;
    for &b in symbols {
        bits = bits << 6 | u32::from(sextet(b)?);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
        }
    }
    // What is left after the last whole byte must be zero bits.
    (bits & ((1 << held) - 1) == 0).then_some(out)
}

fn sextet(b: u8) -> Option<u8> {
    Some(match b {
        b'A'..=b'Z' => b - b'A',
        b'a'..=b'z' => b - b'a' + 26,
        b'0'..=b'9' => b - b'0' + 52,
        b'+' => 62,
        b'/' => 63,
        _ => return None,
    })
}

#[cfg(all(test, not(target_arch = "wasm32")))]
mod tests {
    use ::base64::Engine;
    use proptest::prelude::*;

    fn crate_decode(text: &[u8]) -> Option<Vec<u8>> {
        ::base64::engine::general_purpose::STANDARD.decode(text).ok()
    }

    #[test]
    fn known_values() {
        assert_eq!(super::decode(b""), Some(Vec::new()));
        assert_eq!(super::decode(b"cmVwbHkgYnl0ZXM="), Some(b"reply bytes".to_vec()));
        assert_eq!(super::decode(b"YQ=="), Some(b"a".to_vec()));
        for bad in [&b"YQ="[..], b"YR==", b"Y===", b"====", b"YQ==YQ==", b"Y Q==", b"YQ"] {
            assert_eq!(super::decode(bad), None, "{bad:?}");
            assert_eq!(crate_decode(bad), None, "{bad:?}");
        }
    }

    proptest! {
        #[test]
        fn accepts_what_the_base64_crate_accepts(text in "[A-Za-z0-9+/=]{0,12}|[A-Da-d=+/ -]{0,9}") {
            prop_assert_eq!(super::decode(text.as_bytes()), crate_decode(text.as_bytes()));
        }

        #[test]
        fn reads_what_the_base64_crate_writes(bytes in proptest::collection::vec(any::<u8>(), 0..40)) {
            let text = ::base64::engine::general_purpose::STANDARD.encode(&bytes);
            prop_assert_eq!(super::decode(text.as_bytes()), Some(bytes));
        }
    }
}
