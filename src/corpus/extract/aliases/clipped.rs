//! Organization names written with clipped words: "Lib Dems" for "Liberal Democrats", "Man
//! City" for "Manchester City". Each word of the short name is the full name's word or its
//! first letters, at most half of them.

use super::NameInfo;
use super::fold::best;
use crate::corpus::extract::fasthash::FastMap;
use crate::corpus::model::Kind;

/// Letters of each word that bucket the names: a clipped word keeps at least this many.
const KEY_LETTERS: usize = 3;

/// Pairs (short, full): each organization name written with clipped words, and the most
/// frequent organization name it clips. Names are compared only within a bucket of the same
/// word count and the same first letters of each word, so the work stays near linear.
pub(super) fn clipped_pairs(
    names: &[NameInfo<'_>],
    split: &[Vec<&str>],
    kinds: &[Kind],
) -> Vec<(usize, usize)> {
    let mut buckets: FastMap<Vec<&str>, Vec<usize>> = FastMap::default();
    for (i, ws) in split.iter().enumerate() {
        if kinds.get(i) != Some(&Kind::Organization) || ws.len() < 2 {
            continue;
        }
        let key: Option<Vec<&str>> = ws
            .iter()
            .map(|w| w.get(..KEY_LETTERS.min(w.len())))
            .collect();
        if let Some(key) = key {
            buckets.entry(key).or_default().push(i);
        }
    }
    let mut pairs = Vec::new();
    for ids in buckets.values().filter(|ids| ids.len() > 1) {
        for &a in ids {
            let fulls: Vec<usize> = ids
                .iter()
                .copied()
                .filter(|&b| b != a && clips(&split[a], &split[b]))
                .collect();
            if let Some(b) = best(names, &fulls) {
                pairs.push((a, b));
            }
        }
    }
    pairs.sort_unstable();
    pairs
}

/// Whether `short` is `full` with one or more words clipped: each word the same, or the start
/// of the other at most half its length ("Lib" of "Liberal", not "South" of "Southern"), in
/// the plural too ("Dems" of "Democrats").
fn clips(short: &[&str], full: &[&str]) -> bool {
    if short.len() != full.len() {
        return false;
    }
    let mut clipped = false;
    for (s, f) in short.iter().zip(full) {
        if s == f {
            continue;
        }
        // Plural both ("Dems" of "Democrats"): the clip is of the singular.
        let (s, f) = match (s.strip_suffix('s'), f.strip_suffix('s')) {
            (Some(s), Some(f)) => (s, f),
            _ => (*s, *f),
        };
        if s.len() < KEY_LETTERS || s.len() * 2 > f.len() || !f.starts_with(s) {
            return false;
        }
        clipped = true;
    }
    clipped
}

#[cfg(test)]
mod tests {
    use super::clips;

    fn w(s: &str) -> Vec<&str> {
        s.split(' ').collect()
    }

    #[test]
    fn a_clipped_word_is_at_most_half_of_the_full_one() {
        assert!(clips(&w("Lib Dems"), &w("Liberal Democrats")));
        assert!(clips(&w("Man City"), &w("Manchester City")));
        assert!(!clips(&w("South Africa"), &w("Southern African")));
        assert!(!clips(&w("Manchester City"), &w("Manchester City")));
        assert!(!clips(&w("Liberal Democrats"), &w("Lib Dems")));
        assert!(!clips(&w("Lib Dems Party"), &w("Liberal Democrats")));
        assert!(!clips(&w("Li Dems"), &w("Liberal Democrats")));
        assert!(!clips(&w("Lib Dems"), &w("Liberal Democrat")));
    }
}
