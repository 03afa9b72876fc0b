//! A fast hasher for the extractor's word-count maps, seeded once per process so crafted text
//! cannot predict its collisions. Hashing only; holds no data.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, Hasher, RandomState};
use std::sync::LazyLock;

/// Odd multiplier with well-spread bits (from the golden ratio).
const K: u64 = 0x9e37_79b9_7f4a_7c15;

static SEED: LazyLock<u64> = LazyLock::new(|| RandomState::new().hash_one(K));

/// Builds [`WordHasher`]s with the process seed.
#[derive(Clone, Copy, Debug)]
pub struct Seeded(u64);

impl Default for Seeded {
    fn default() -> Self {
        Seeded(*SEED)
    }
}

impl BuildHasher for Seeded {
    type Hasher = WordHasher;

    fn build_hasher(&self) -> WordHasher {
        WordHasher(self.0)
    }
}

/// Multiply-rotate hashing eight bytes at a time: words are short, so this beats SipHash by far.
#[derive(Debug)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        for chunk in bytes.chunks(8) {
            let mut b = [0u8; 8];
            if let Some(dst) = b.get_mut(..chunk.len()) {
                dst.copy_from_slice(chunk);
            }
            h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(K);
        }
        self.0 = h;
    }

    /// One step for one integer: the same value `write` gives its eight bytes.
    fn write_u64(&mut self, i: u64) {
        self.0 = (self.0.rotate_left(5) ^ i).wrapping_mul(K);
    }

    fn finish(&self) -> u64 {
        // A final avalanche so the low bits used by the table depend on every input bit.
        let mut x = self.0;
        x ^= x >> 33;
        x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
        x ^= x >> 33;
        x
    }
}

/// A `HashMap` with the fast seeded hasher.
pub type FastMap<K, V> = HashMap<K, V, Seeded>;

/// A `HashSet` with the fast seeded hasher.
pub type FastSet<K> = HashSet<K, Seeded>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_keys_hash_equal_and_near_keys_differ() {
        let s = Seeded::default();
        assert_eq!(s.hash_one("Netflix"), s.hash_one("Netflix"));
        assert_ne!(s.hash_one("Netflix"), s.hash_one("Netflik"));
        assert_ne!(s.hash_one(("a", "bc")), s.hash_one(("ab", "c")));
        let mut by_bytes = s.build_hasher();
        by_bytes.write(&7u64.to_le_bytes());
        assert_eq!(s.hash_one(7u64), by_bytes.finish());
    }
}
