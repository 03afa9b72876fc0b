//! One name written two ways: in other capitals ("Worldcom" and "WorldCom", "Wada" and
//! "WADA", "BRENTFORD" in a line-up and "Brentford"), or with "of" for "for" or "on" ("Office
//! of National Statistics" and "Office for National Statistics"). One entity either way.

use std::hash::{BuildHasher as _, Hasher as _};

use rayon::prelude::*;

use super::NameInfo;
use super::fold::best;
use crate::corpus::extract::fasthash::Seeded;
use crate::corpus::extract::lexicon::{LEXICON, Tags};
use crate::corpus::extract::tokens::is_all_caps;

/// Pairs (variant, main): each name and the most frequent other name it equals but for
/// letter case and connectors, when the two may be one name (see [`may_join`]). Sorted, so
/// the joins are made in the same order on every run. Names are compared only within a bucket
/// of the same hash of that spelling, so the work stays near linear.
pub(super) fn variant_pairs(names: &[NameInfo<'_>]) -> Vec<(usize, usize)> {
    let hasher = Seeded::default();
    let mut keyed: Vec<(u64, usize)> = names
        .par_iter()
        .enumerate()
        .map(|(i, n)| {
            let mut h = hasher.build_hasher();
            for c in spelling(&n.name) {
                h.write_u32(u32::from(c));
            }
            (h.finish(), i)
        })
        .collect();
    keyed.par_sort_unstable();
    let mut pairs: Vec<(usize, usize)> = keyed
        .par_chunk_by(|a, b| a.0 == b.0)
        .filter(|bucket| bucket.len() > 1)
        .flat_map_iter(|bucket| {
            let ids: Vec<usize> = bucket.iter().map(|k| k.1).collect();
            ids.iter()
                .filter_map(|&a| {
                    let mains: Vec<usize> = ids
                        .iter()
                        .copied()
                        .filter(|&b| b != a && may_join(&names[a].name, &names[b].name))
                        .collect();
                    let main = best(names, &mains)?;
                    // Each joins the more frequent form; the most frequent joins none.
                    (best(names, &[a, main]) == Some(main)).then_some((a, main))
                })
                .collect::<Vec<_>>()
        })
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Whether two names spelt alike (see [`spelling`]) may be one name. Not an acronym and a
/// first name or a word of three letters ("HAL" is not "Hal"), and not an acronym's plural and
/// another acronym ("AAAs" are not the "AAAS"). An acronym of a common word ("NICE") never
/// gets here: the candidates take a word in capitals only when the corpus never writes it in
/// lowercase.
fn may_join(a: &str, b: &str) -> bool {
    if a == b || !spelling(a).eq(spelling(b)) {
        return false;
    }
    if acronym_plural(a) != acronym_plural(b) {
        return false;
    }
    // An acronym beside a word: the same name only if the word is no first name and no short
    // word that may be one ("HAL" is not "Hal"; "Wada" is "WADA").
    let one_word = !a.contains(' ');
    let word_like = || {
        a.chars().count() < 4
            || LEXICON.tags(a).any(Tags::FIRST_NAME)
            || LEXICON.tags(b).any(Tags::FIRST_NAME)
    };
    !(one_word && is_all_caps(a) != is_all_caps(b) && word_like())
}

/// A name's letters in lowercase, with "for" and "on" read as "of": the spelling that its
/// variants share.
fn spelling(name: &str) -> impl Iterator<Item = char> + '_ {
    name.split(' ').enumerate().flat_map(|(i, w)| {
        let w = if matches!(w, "for" | "on") { "of" } else { w };
        let space = (i > 0).then_some(' ');
        space
            .into_iter()
            .chain(w.chars().flat_map(char::to_lowercase))
    })
}

/// "AAAs", "MPs": capitals ending in a lowercase plural "s".
fn acronym_plural(w: &str) -> bool {
    w.strip_suffix('s')
        .is_some_and(|stem| stem.chars().count() >= 2 && stem.chars().all(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::{acronym_plural, may_join};

    #[test]
    fn names_equal_but_for_case_join_unless_an_acronym_meets_a_first_name() {
        assert!(may_join("Worldcom", "WorldCom"));
        assert!(may_join("BRENTMOOR", "Brentmoor"));
        assert!(may_join("Kelvan de Witt", "Kelvan De Witt"));
        assert!(!may_join("HAL", "Hal"));
        assert!(!may_join("Sean", "SEAN"));
        assert!(!may_join("Worldcom", "Worldcom"));
        assert!(!may_join("Worldcom", "Worldcon"));
        assert!(may_join("Office for Fair Trade", "Office of Fair Trade"));
        assert!(may_join("Court on Claims", "Court of claims"));
        assert!(!may_join("Court in Claims", "Court of Claims"));
    }

    #[test]
    fn an_acronyms_plural_is_not_another_acronym() {
        assert!(acronym_plural("AAAs"));
        assert!(!acronym_plural("AAAS"));
        assert!(!acronym_plural("Wars"));
        assert!(!may_join("AAAs", "AAAS"));
        assert!(may_join("Wada", "WADA"));
    }
}
