//! One stable order by an `f64` key, shared by the engine and the charts,
//! so that the page's wasm holds one sort routine instead of one for each
//! element type (Rust's stable sort is about 4 KB per type before
//! wasm-opt). Pure Rust.

/// The indices of `keys` in increasing order of `f64::total_cmp`
/// (decreasing when `descending`); equal keys keep their order, exactly as
/// a stable `sort_by` on the keys would leave them.
///
/// A binary insertion sort: the lists it orders are short (a scenario's
/// features and vendors, the catalog's models: about a hundred at most),
/// and it is a few hundred bytes of wasm where the standard library's
/// `sort_unstable_by` was 2.5 KB more in the first download (twiggy,
/// 2026-12-01).
pub fn by_key(keys: &[f64], descending: bool) -> Vec<usize> {
    let mut order: Vec<usize> = Vec::with_capacity(keys.len());
    for (i, key) in keys.iter().enumerate() {
        // Every index already placed with an equal key stays before `i`.
        let at = order.partition_point(|&j| {
            let by_key = keys[j].total_cmp(key);
            if descending {
                by_key.is_ge()
            } else {
                by_key.is_le()
            }
        });
        order.insert(at, i);
    }
    order
}

/// Sorts `items` by `key` as `items.sort_by(|a, b| key(a).total_cmp(&key(b)))`
/// would (with `a` and `b` swapped when `descending`): stable.
pub fn sort_by_key<T>(items: &mut Vec<T>, key: impl Fn(&T) -> f64, descending: bool) {
    let keys: Vec<f64> = items.iter().map(key).collect();
    let mut slots: Vec<Option<T>> = items.drain(..).map(Some).collect();
    items.extend(
        by_key(&keys, descending)
            .into_iter()
            .filter_map(|i| slots.get_mut(i).and_then(Option::take)),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_like_a_stable_sort_by_total_cmp() {
        let mut seed = 0x853c_49e6_748f_ea9b_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        let values = [0.0, -0.0, 1.5, -2.0, f64::INFINITY, f64::NAN, 3.0, 1.5];
        for _ in 0..2_000 {
            // (key, original position): ties are frequent.
            let items: Vec<(f64, usize)> = (0..next(12) as usize)
                .map(|i| (values[next(values.len() as u64) as usize], i))
                .collect();
            for descending in [false, true] {
                let mut want = items.clone();
                if descending {
                    want.sort_by(|a, b| b.0.total_cmp(&a.0));
                } else {
                    want.sort_by(|a, b| a.0.total_cmp(&b.0));
                }
                let mut got = items.clone();
                sort_by_key(&mut got, |x| x.0, descending);
                let ids = |v: &[(f64, usize)]| v.iter().map(|x| x.1).collect::<Vec<_>>();
                assert_eq!(ids(&got), ids(&want), "{items:?} descending {descending}");
                let keys: Vec<f64> = items.iter().map(|x| x.0).collect();
                let order: Vec<usize> = by_key(&keys, descending);
                assert_eq!(order, ids(&want), "{items:?} descending {descending}");
            }
        }
    }
}
