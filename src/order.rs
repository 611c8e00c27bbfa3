//! One sort key shape for the crate's sorts.
//!
//! Every element type `sort_unstable` is used with is one more copy of the sort routine in
//! the page's wasm (2-4 KB each), so sorts go through keys of one type.

/// Compared part by part. The last part is an index into what is being ordered: it makes
/// every key unique, so an unstable sort keeps the order found on ties.
pub type SortKey = (u64, u64, u64);

pub fn sort(keys: &mut [SortKey]) {
    keys.sort_unstable();
}

/// Offsets (or any numbers) in increasing order, each once.
pub fn sorted_distinct(values: impl IntoIterator<Item = usize>) -> Vec<usize> {
    let mut keys: Vec<SortKey> = values.into_iter().map(|v| (v as u64, 0, 0)).collect();
    sort(&mut keys);
    keys.dedup();
    keys.into_iter().map(|k| k.0 as usize).collect()
}

/// An `i64` as a `u64` in the same order.
pub fn signed(value: i64) -> u64 {
    (value as u64) ^ (1 << 63)
}

/// An `f64` as a `u64` in the order of `f64::total_cmp`.
pub fn float(value: f64) -> u64 {
    // total_cmp's own trick: negative numbers' bits other than the sign flipped, so that
    // the bits compare as an i64 the way the numbers do.
    let bits = value.to_bits() as i64;
    signed(bits ^ (((bits >> 63) as u64) >> 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorted_distinct_sorts_and_drops_repeats() {
        assert_eq!(sorted_distinct([5, 1, usize::MAX, 5, 0, 1]), [0, 1, 5, usize::MAX]);
        assert!(sorted_distinct([]).is_empty());
    }

    #[test]
    fn keys_keep_the_order_of_the_numbers() {
        let ints = [i64::MIN, -5_000_000_000, -1, 0, 1, 4_294_967_296, i64::MAX];
        assert!(ints.windows(2).all(|w| signed(w[0]) < signed(w[1])));
        let floats = [f64::NEG_INFINITY, -1e300, -1.5, -0.0, 0.0, 1e-300, 1.5, 1.7e9, f64::INFINITY, f64::NAN];
        for a in floats {
            for b in floats {
                assert_eq!(float(a).cmp(&float(b)), a.total_cmp(&b), "{a} {b}");
            }
        }
    }
}
