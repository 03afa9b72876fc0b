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
        // Whole words of eight bytes are read as integers, and the tail with at most three
        // reads: a copy of variable length would be a call to `memcpy` for each chunk, and
        // every long word, pair of words and alias of the corpus is hashed this way.
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let word = chunk.try_into().map_or(0, u64::from_le_bytes);
            h = (h.rotate_left(5) ^ word).wrapping_mul(K);
        }
        let tail = chunks.remainder();
        if !tail.is_empty() {
            h = (h.rotate_left(5) ^ le_word(tail)).wrapping_mul(K);
        }
        self.0 = h;
    }

    fn write_u8(&mut self, i: u8) {
        self.write_u64(u64::from(i));
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

/// Up to seven bytes as the integer they spell in little-endian order, the same value a
/// zero-padded copy would give (0 for none): two reads that may overlap place every byte of
/// four or more, and three single bytes every byte of fewer. This runs for nearly every word
/// of the corpus, several times, where a copy of variable length would call `memcpy`.
#[must_use]
pub fn le_word(b: &[u8]) -> u64 {
    let n = b.len();
    let u32_at = |i: usize| {
        b.get(i..i + 4)
            .and_then(|s| s.try_into().ok())
            .map_or(0, u32::from_le_bytes)
    };
    if n >= 4 {
        u64::from(u32_at(0)) | u64::from(u32_at(n - 4)) << (8 * (n - 4))
    } else if n > 0 {
        let at = |i: usize| b.get(i).map_or(0, |&x| u64::from(x) << (8 * i));
        at(0) | at(n / 2) | at(n - 1)
    } else {
        0
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
        let mut one_byte = s.build_hasher();
        one_byte.write_u8(0xff);
        assert_eq!(one_byte.finish(), s.hash_one(0xffu64));
    }

    proptest::proptest! {
        /// Bytes are read as their zero-padded copy, so the reads that place them lose none.
        #[test]
        fn an_le_word_is_its_padded_bytes(tail in proptest::collection::vec(proptest::num::u8::ANY, 0..8)) {
            let mut padded = [0u8; 8];
            padded[..tail.len()].copy_from_slice(&tail);
            proptest::prop_assert_eq!(le_word(&tail), u64::from_le_bytes(padded));
        }
    }
}
