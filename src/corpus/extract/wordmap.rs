//! A map keyed by words that holds a word of up to seven bytes as one integer. The extractor
//! looks up every word of the corpus in such maps, and most words of English are that short:
//! as an integer a word is hashed in one step and compared without reading its text (at
//! 100,000 articles each such read was a likely cache miss, and a call to `memcmp` besides).

use super::fasthash::FastMap;

/// Words to values: short words by [`short_key`], longer ones by their text.
#[derive(Debug)]
pub struct WordMap<'a, V> {
    short: FastMap<u64, V>,
    long: FastMap<&'a str, V>,
}

impl<V> Default for WordMap<'_, V> {
    fn default() -> Self {
        WordMap {
            short: FastMap::default(),
            long: FastMap::default(),
        }
    }
}

impl<'a, V: Default> WordMap<'a, V> {
    /// The value of `word`, if it has one.
    #[must_use]
    pub fn get(&self, word: &str) -> Option<&V> {
        match short_key(word) {
            Some(k) => self.short.get(&k),
            None => self.long.get(word),
        }
    }

    /// The value of `word`, made the default first when it has none.
    pub fn entry(&mut self, word: &'a str) -> &mut V {
        match short_key(word) {
            Some(k) => self.short.entry(k).or_default(),
            None => self.long.entry(word).or_default(),
        }
    }

    /// Words with a value.
    #[must_use]
    pub fn len(&self) -> usize {
        self.short.len() + self.long.len()
    }

    /// Whether no word has a value.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves `other`'s values into this map, combining two values of one word with `add`. The
    /// smaller of each pair of maps is the one walked.
    pub fn merge(&mut self, other: WordMap<'a, V>, add: impl Fn(&mut V, V) + Copy) {
        merge_into(&mut self.short, other.short, add);
        merge_into(&mut self.long, other.long, add);
    }
}

/// Moves `b`'s values into `a`, combining two values of one key with `add`, walking the
/// smaller map.
pub fn merge_into<K: std::hash::Hash + Eq, V: Default>(
    a: &mut FastMap<K, V>,
    mut b: FastMap<K, V>,
    add: impl Fn(&mut V, V),
) {
    if a.len() < b.len() {
        std::mem::swap(a, &mut b);
    }
    for (k, v) in b {
        add(a.entry(k).or_default(), v);
    }
}

/// A word of up to seven bytes as one integer: its bytes, and its length in the top byte, so no
/// two words share a key.
#[must_use]
pub fn short_key(word: &str) -> Option<u64> {
    let b = word.as_bytes();
    let n = b.len();
    if n > 7 {
        return None;
    }
    // Two reads that may overlap place every byte, instead of a copy of variable length, which
    // is a call to `memcpy`: this runs for nearly every word of the corpus, several times.
    let bytes = if n >= 4 {
        let lo = u32::from_le_bytes(b.get(..4)?.try_into().ok()?);
        let hi = u32::from_le_bytes(b.get(n - 4..)?.try_into().ok()?);
        u64::from(lo) | u64::from(hi) << (8 * (n - 4))
    } else if n > 0 {
        let at = |i: usize| b.get(i).map_or(0, |&x| u64::from(x) << (8 * i));
        at(0) | at(n / 2) | at(n - 1)
    } else {
        0
    };
    Some(bytes | (n as u64) << 56)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_keys_tell_every_short_word_apart() {
        let words = [
            "", "a", "a\0", "\0", "ab", "ba", "abcdefg", "abcdef", "é", "e\u{301}",
        ];
        let keys: Vec<Option<u64>> = words.iter().map(|w| short_key(w)).collect();
        for (i, a) in keys.iter().enumerate() {
            assert!(a.is_some(), "{:?}", words[i]);
            for b in &keys[i + 1..] {
                assert_ne!(a, b);
            }
        }
        assert_eq!(short_key("abcdefgh"), None);
    }

    proptest::proptest! {
        /// The key is the word's bytes in order, with its length in the top byte.
        #[test]
        fn a_short_key_is_the_bytes_and_the_length(word in "\\PC{0,8}") {
            let b = word.as_bytes();
            let expected = (b.len() <= 7).then(|| {
                let mut k = [0u8; 8];
                k[..b.len()].copy_from_slice(b);
                k[7] = b.len() as u8;
                u64::from_le_bytes(k)
            });
            proptest::prop_assert_eq!(short_key(&word), expected);
        }
    }

    #[test]
    fn short_and_long_words_keep_their_own_values_and_merge() {
        let words = ["a", "abcdefg", "abcdefgh", "abcdefgh ij", "a\0", ""];
        let mut m: WordMap<'_, u32> = WordMap::default();
        for (i, w) in words.iter().enumerate() {
            *m.entry(w) += u32::try_from(i).unwrap_or(0) + 1;
        }
        assert_eq!(m.len(), words.len());
        for (i, w) in words.iter().enumerate() {
            assert_eq!(
                m.get(w).copied(),
                u32::try_from(i).ok().map(|i| i + 1),
                "{w:?}"
            );
        }
        assert_eq!(m.get("abcdef"), None);
        assert_eq!(m.get("abcdefghi"), None);
        // Merging either way round adds the counts of shared words and keeps the rest.
        let counts = |ws: &[&'static str]| {
            let mut m: WordMap<'static, u32> = WordMap::default();
            ws.iter().for_each(|w| *m.entry(w) += 1);
            m
        };
        let small = ["a", "abcdefgh", "abcdefgh", "zebra crossing"];
        for small_into_big in [true, false] {
            let (mut into, from) = if small_into_big {
                (counts(&words), counts(&small))
            } else {
                (counts(&small), counts(&words))
            };
            into.merge(from, |a, b| *a += b);
            assert_eq!(into.get("a"), Some(&2));
            assert_eq!(into.get("abcdefgh"), Some(&3));
            assert_eq!(into.get("zebra crossing"), Some(&1));
            assert_eq!(into.get(""), Some(&1));
            assert_eq!(into.len(), words.len() + 1);
        }
    }
}
