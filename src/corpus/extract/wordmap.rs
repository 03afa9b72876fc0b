//! A map keyed by words that holds a word of up to fifteen bytes as integers. The extractor
//! looks up every word of the corpus in such maps, and nearly all words of English are that
//! short: as integers a word is hashed in a step or two and compared without reading its text
//! (at 100,000 articles each such read was a likely cache miss, and a call to `memcmp`
//! besides).

use super::fasthash::{FastMap, le_word};

/// A word of up to fifteen bytes as two integers (see [`packed`]).
pub type Packed = (u64, u64);

/// Words to values: words of up to seven bytes by [`short_key`], of eight to fifteen by
/// [`medium_key`], longer ones by their text.
#[derive(Debug)]
pub struct WordMap<'a, V> {
    short: FastMap<u64, V>,
    medium: FastMap<Packed, V>,
    long: FastMap<&'a str, V>,
}

impl<V> Default for WordMap<'_, V> {
    fn default() -> Self {
        WordMap {
            short: FastMap::default(),
            medium: FastMap::default(),
            long: FastMap::default(),
        }
    }
}

impl<'a, V: Default> WordMap<'a, V> {
    /// The value of `word`, if it has one.
    #[must_use]
    pub fn get(&self, word: &str) -> Option<&V> {
        if let Some(k) = short_key(word) {
            self.short.get(&k)
        } else if let Some(k) = medium_key(word) {
            self.medium.get(&k)
        } else {
            self.long.get(word)
        }
    }

    /// The value of `word`, made the default first when it has none.
    pub fn entry(&mut self, word: &'a str) -> &mut V {
        if let Some(k) = short_key(word) {
            self.short.entry(k).or_default()
        } else if let Some(k) = medium_key(word) {
            self.medium.entry(k).or_default()
        } else {
            self.long.entry(word).or_default()
        }
    }

    /// Words with a value.
    #[must_use]
    pub fn len(&self) -> usize {
        self.short.len() + self.medium.len() + self.long.len()
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
        merge_into(&mut self.medium, other.medium, add);
        merge_into(&mut self.long, other.long, add);
    }
}

/// Pairs of words to values: pairs of words of up to fifteen bytes by their [`packed`] keys,
/// so a lookup reads neither word's stored text; any other pair by its text.
#[derive(Debug)]
pub struct PairMap<'a, V> {
    packed: FastMap<(Packed, Packed), V>,
    text: FastMap<(&'a str, &'a str), V>,
}

impl<V> Default for PairMap<'_, V> {
    fn default() -> Self {
        PairMap {
            packed: FastMap::default(),
            text: FastMap::default(),
        }
    }
}

impl<'a, V: Default> PairMap<'a, V> {
    /// The value of the pair `a b`, if it has one. A copy: the words asked about need not
    /// live as long as the map's.
    #[must_use]
    pub fn get(&self, a: &str, b: &str) -> Option<V>
    where
        V: Copy,
    {
        match (packed(a), packed(b)) {
            (Some(ka), Some(kb)) => self.packed.get(&(ka, kb)).copied(),
            _ => self.text.get(&(a, b)).copied(),
        }
    }

    /// The value of the pair `a b`, made the default first when it has none.
    pub fn entry(&mut self, a: &'a str, b: &'a str) -> &mut V {
        match (packed(a), packed(b)) {
            (Some(ka), Some(kb)) => self.packed.entry((ka, kb)).or_default(),
            _ => self.text.entry((a, b)).or_default(),
        }
    }

    /// Pairs with a value.
    #[must_use]
    pub fn len(&self) -> usize {
        self.packed.len() + self.text.len()
    }

    /// Whether no pair has a value.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves `other`'s values into this map, combining two values of one pair with `add`.
    pub fn merge(&mut self, other: PairMap<'a, V>, add: impl Fn(&mut V, V) + Copy) {
        merge_into(&mut self.packed, other.packed, add);
        merge_into(&mut self.text, other.text, add);
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
    (n <= 7).then(|| le_word(b) | (n as u64) << 56)
}

/// A word of eight to fifteen bytes as two integers: its first eight bytes, then the rest with
/// the word's length in the top byte, so no two words share a key.
#[must_use]
pub fn medium_key(word: &str) -> Option<Packed> {
    let b = word.as_bytes();
    let n = b.len();
    if !(8..=15).contains(&n) {
        return None;
    }
    let (head, rest) = b.split_at(8);
    let head = head.try_into().map_or(0, u64::from_le_bytes);
    Some((head, le_word(rest) | (n as u64) << 56))
}

/// A word of up to fifteen bytes as two integers, no two words alike: a short word's key and
/// 0, or a medium word's two keys (whose second never is 0, as it holds a length of 8 or more).
#[must_use]
pub fn packed(word: &str) -> Option<Packed> {
    short_key(word).map(|k| (k, 0)).or_else(|| medium_key(word))
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
        assert_eq!(medium_key("abcdefg"), None);
        assert_eq!(medium_key("abcdefghijklmnop"), None);
    }

    #[test]
    fn pairs_keep_their_order_and_their_own_values_and_merge() {
        let long = "Extraordinarily";
        let longer = "Extraordinarily long";
        let mut m: PairMap<'_, u32> = PairMap::default();
        let pairs = [
            ("Dungeons", "Dragons"),
            ("Dragons", "Dungeons"),
            ("a", ""),
            ("", "a"),
            ("abcdefg", "h"),
            ("abcdefgh", ""),
            (long, "Ada"),
            (longer, "Ada"),
            ("Ada", longer),
        ];
        for (i, (a, b)) in pairs.iter().enumerate() {
            *m.entry(a, b) += u32::try_from(i).unwrap_or(0) + 1;
        }
        assert_eq!(m.len(), pairs.len());
        for (i, (a, b)) in pairs.iter().enumerate() {
            assert_eq!(
                m.get(a, b),
                u32::try_from(i).ok().map(|i| i + 1),
                "{a:?} {b:?}"
            );
        }
        assert_eq!(m.get("Dungeons", "Dungeons"), None);
        assert_eq!(m.get("Ada", long), None);
        let mut other: PairMap<'_, u32> = PairMap::default();
        *other.entry("Dungeons", "Dragons") += 5;
        *other.entry("Ada", longer) += 5;
        *other.entry("Zed", "Ada") += 1;
        m.merge(other, |x, y| *x += y);
        assert_eq!(m.get("Dungeons", "Dragons"), Some(6));
        assert_eq!(m.get("Ada", longer), Some(14));
        assert_eq!(m.get("Zed", "Ada"), Some(1));
        assert_eq!(m.len(), pairs.len() + 1);
    }

    proptest::proptest! {
        /// Packed keys tell any two words of up to fifteen bytes apart.
        #[test]
        fn packed_keys_tell_words_apart(a in "\\PC{0,9}", b in "\\PC{0,9}") {
            let (ka, kb) = (packed(&a), packed(&b));
            if a.len() <= 15 && b.len() <= 15 {
                proptest::prop_assert!(ka.is_some() && kb.is_some());
                proptest::prop_assert_eq!(ka == kb, a == b);
            } else {
                proptest::prop_assert!(ka.is_none() || kb.is_none());
            }
        }

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

        /// The key is the first eight bytes, then the rest in order with the length on top.
        #[test]
        fn a_medium_key_is_the_bytes_and_the_length(word in "\\PC{2,16}") {
            let b = word.as_bytes();
            let expected = (8..=15).contains(&b.len()).then(|| {
                let mut k = [0u8; 16];
                k[..b.len()].copy_from_slice(b);
                k[15] = b.len() as u8;
                let half = |r: std::ops::Range<usize>| {
                    u64::from_le_bytes(k[r].try_into().unwrap_or_default())
                };
                (half(0..8), half(8..16))
            });
            proptest::prop_assert_eq!(medium_key(&word), expected);
        }
    }

    #[test]
    fn short_and_long_words_keep_their_own_values_and_merge() {
        let words = [
            "a",
            "abcdefg",
            "abcdefgh",
            "abcdefgh ij",
            "abcdefghijklmnop",
            "abcdefghijklmnoq",
            "a\0",
            "",
        ];
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
