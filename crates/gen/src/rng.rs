//! A tiny, self-contained pseudo-random generator (`SplitMix64`).
//!
//! Batches must be byte-identical for the same seed on every machine and
//! every release of every dependency, so the generator is written here rather
//! than taken from a crate whose stream may change between versions.

/// `SplitMix64`: 64 bits of state, passes `BigCrush`, and any seed is fine.
#[derive(Debug, Clone)]
pub struct Rng {
    state: u64,
}

const GOLDEN: u64 = 0x9e37_79b9_7f4a_7c15;

/// Scrambles one 64-bit value into another (the `SplitMix64` output function).
pub fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

impl Rng {
    /// A generator seeded with `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// The generator for record `index` of the batch seeded with `seed`:
    /// every record has its own stream, so breaking one record (or changing
    /// how many values it draws) never shifts the records after it.
    pub fn for_record(seed: u64, index: u64) -> Self {
        Self::new(mix(seed ^ mix(index.wrapping_add(GOLDEN))))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(GOLDEN);
        mix(self.state)
    }

    /// A number in `0..n` (`0` when `n` is `0`), without modulo bias worth
    /// speaking of for the small `n` used here (Lemire's multiply-shift).
    pub fn below(&mut self, n: u64) -> u64 {
        let wide = u128::from(self.next_u64()) * u128::from(n);
        // The high half of a 128-bit product of two u64 always fits in u64.
        u64::try_from(wide >> 64).unwrap_or(0)
    }

    /// A `usize` in `0..n`.
    pub fn index(&mut self, n: usize) -> usize {
        let n64 = u64::try_from(n).unwrap_or(u64::MAX);
        usize::try_from(self.below(n64)).unwrap_or(0)
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below(hi - lo + 1)
    }

    /// A `usize` in `lo..=hi`.
    pub fn range_usize(&mut self, lo: usize, hi: usize) -> usize {
        if hi <= lo {
            return lo;
        }
        lo + self.index(hi - lo + 1)
    }

    /// `true` with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty slice.
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.index(items.len())]
    }

    /// One phrase of a non-empty pool.
    pub fn word(&mut self, pool: &[&'static str]) -> &'static str {
        pool[self.index(pool.len())]
    }

    /// `k` distinct indices of `0..n` (all of them when `k >= n`), in drawing order.
    pub fn distinct(&mut self, n: usize, k: usize) -> Vec<usize> {
        // A partial Fisher–Yates shuffle.
        let mut all: Vec<usize> = (0..n).collect();
        let k = k.min(n);
        for i in 0..k {
            let j = i + self.index(n - i);
            all.swap(i, j);
        }
        all.truncate(k);
        all
    }
}

#[cfg(test)]
mod tests {
    use super::Rng;

    #[test]
    fn the_stream_is_fixed_for_a_seed() {
        // Reference values of SplitMix64 seeded with 0 (Vigna's splitmix64.c).
        let mut rng = Rng::new(0);
        assert_eq!(rng.next_u64(), 0xe220_a839_7b1d_cdaf);
        assert_eq!(rng.next_u64(), 0x6e78_9e6a_a1b9_65f4);
        assert_eq!(rng.next_u64(), 0x06c4_5d18_8009_454f);
    }

    #[test]
    fn records_get_different_streams() {
        let a = Rng::for_record(7, 0).next_u64();
        let b = Rng::for_record(7, 1).next_u64();
        let c = Rng::for_record(8, 0).next_u64();
        assert_ne!(a, b);
        assert_ne!(a, c);
        assert_eq!(a, Rng::for_record(7, 0).next_u64());
    }

    #[test]
    fn ranges_stay_in_bounds_and_reach_both_ends() {
        let mut rng = Rng::new(42);
        let mut seen = [false; 4];
        for _ in 0..1000 {
            let v = rng.range(3, 6);
            assert!((3..=6).contains(&v));
            seen[usize::try_from(v - 3).unwrap_or(0)] = true;
        }
        assert_eq!(seen, [true; 4]);
        assert_eq!(rng.range(5, 5), 5);
        assert_eq!(rng.below(0), 0);
    }

    #[test]
    fn distinct_draws_no_index_twice() {
        let mut rng = Rng::new(1);
        let mut got = rng.distinct(10, 6);
        assert_eq!(got.len(), 6);
        got.sort_unstable();
        got.dedup();
        assert_eq!(got.len(), 6);
        assert_eq!(rng.distinct(3, 9).len(), 3);
    }
}
