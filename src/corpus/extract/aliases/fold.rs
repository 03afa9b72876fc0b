//! Which candidate names fold into which before groups are made: likely misspellings, the
//! organization stems, colon parts, word prefixes and acronyms of fuller names, and the other
//! spellings of one organization. Works on the names alone, in parallel; the caller joins the
//! folds in a fixed order.

use std::borrow::Cow;
use std::hash::BuildHasher as _;

use rayon::prelude::*;

use super::NameInfo;
use super::clipped::clipped_pairs;
use crate::corpus::extract::candidates::is_gazetteer;
use crate::corpus::extract::evidence::Evidence;
use crate::corpus::extract::fasthash::{FastMap, FastSet, Seeded};
use crate::corpus::extract::kinds::is_plural;
use crate::corpus::extract::lexicon::{LEXICON, REGNAL_STYLES, Tags};
use crate::corpus::extract::tokens::is_all_caps;
use crate::corpus::model::Kind;

/// The words of a name: split on spaces, empty parts skipped.
pub(super) fn word_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(' ').filter(|w| !w.is_empty())
}

pub(super) fn words(s: &str) -> Vec<&str> {
    word_iter(s).collect()
}

/// Picks the most frequent of several candidate names (then the first seen). The order of
/// `ids` does not matter.
pub(super) fn best(names: &[NameInfo<'_>], ids: &[usize]) -> Option<usize> {
    ids.iter()
        .copied()
        .max_by_key(|&i| (names.get(i).map_or(0, |n| n.count), std::cmp::Reverse(i)))
}

/// The acronym of a multi-word name: initials of its capitalised words ("MCU"). None for a
/// name holding an acronym already ("IRB Rugby Aid" is not the "IRA").
pub(crate) fn initials(ws: &[&str]) -> Option<String> {
    if ws.len() < 2 || ws.iter().any(|w| w.len() >= 2 && is_all_caps(w)) {
        return None;
    }
    let s: String = ws
        .iter()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    (s.chars().count() >= 2).then_some(s)
}

/// The first `k` words of a name joined by single spaces: a slice of the name when it is
/// written that way (nearly always), so the prefix maps copy no text.
fn first_words<'n>(name: &'n str, ws: &[&'n str], k: usize) -> Cow<'n, str> {
    let Some(part) = ws.get(..k) else {
        return Cow::Borrowed("");
    };
    if let (Some(first), Some(last)) = (part.first(), part.last()) {
        let start = name.len() - name.trim_start_matches(' ').len();
        let end = part.iter().map(|w| w.len()).sum::<usize>() + (k - 1) + start;
        if let Some(slice) = name.get(start..end) {
            if slice.starts_with(first) && slice.ends_with(last) && !slice.contains("  ") {
                return Cow::Borrowed(slice);
            }
        }
    }
    Cow::Owned(part.join(" "))
}

/// Pairs of names that are likely misspellings of each other: the same words but one, and that
/// one nearly equal ("Rudhrasksh"). Names are bucketed by word count and last word, and by word
/// count and first word; only names in one bucket are compared.
pub(super) fn misspelt_pairs(split: &[Vec<&str>]) -> Vec<(usize, usize)> {
    // (bucket side, word count, hash of the word, word, name): sorted, a bucket is a run of
    // equal keys with its names in order. The hash spares the sort most string comparisons.
    let hasher = Seeded::default();
    let mut keyed: Vec<(bool, usize, u64, &str, usize)> = split
        .par_iter()
        .enumerate()
        .filter(|(_, ws)| ws.len() >= 2)
        .flat_map_iter(|(i, ws)| {
            let last = ws.last().copied().unwrap_or("");
            let first = ws.first().copied().unwrap_or("");
            [
                (false, ws.len(), hasher.hash_one(last), last, i),
                (true, ws.len(), hasher.hash_one(first), first, i),
            ]
        })
        .collect();
    keyed.par_sort_unstable();
    keyed
        .par_chunk_by(|a, b| a.0 == b.0 && a.1 == b.1 && a.3 == b.3)
        .filter(|bucket| (2..=300).contains(&bucket.len()))
        .flat_map_iter(|bucket| {
            let ids: Vec<usize> = bucket.iter().map(|k| k.4).collect();
            // The first word is shared on one side, the last on the other.
            let key = bucket.first().map_or(
                0,
                |&(first, len, ..)| {
                    if first { 0 } else { len.saturating_sub(1) }
                },
            );
            bucket_pairs(split, &ids, key)
        })
        .collect()
}

/// The misspelt pairs of a bucket (names of one length sharing the word at `key`). A pair
/// differs in exactly one word, so each other position is taken in turn: names that agree
/// everywhere but there, and whose word there is at least six letters long and starts with the
/// same letter (as [`misspelt_words`] asks), are the only ones compared. A bucket of 300 names
/// took up to 45,000 comparisons; now nearly every pair is refused without one.
fn bucket_pairs(split: &[Vec<&str>], ids: &[usize], key: usize) -> Vec<(usize, usize)> {
    let len = ids.first().map_or(0, |&i| split[i].len());
    let mut found = Vec::new();
    for at in (0..len).filter(|&p| p != key) {
        let mut open: Vec<(Vec<&str>, char, usize)> = ids
            .iter()
            .filter_map(|&i| {
                let ws = &split[i];
                let w = ws.get(at)?;
                let first = w.chars().next()?;
                let rest = ws
                    .iter()
                    .enumerate()
                    .filter(|&(p, _)| p != at)
                    .map(|(_, w)| *w)
                    .collect();
                (w.chars().count() >= 6).then_some((rest, first, i))
            })
            .collect();
        open.sort_unstable();
        for same in open.chunk_by(|a, b| a.0 == b.0 && a.1 == b.1) {
            for (a_pos, (_, _, a)) in same.iter().enumerate() {
                for (_, _, b) in same.iter().skip(a_pos + 1) {
                    if misspelt_words(&split[*a], &split[*b]) {
                        found.push((*a, *b));
                    }
                }
            }
        }
    }
    found
}

/// Whether two names of the same length differ only by a slight misspelling of one word.
/// (The names come split into words, so a bucket's pairs allocate nothing.)
pub(super) fn misspelt_words(wa: &[&str], wb: &[&str]) -> bool {
    if wa.len() != wb.len() {
        return false;
    }
    let mut diff = wa.iter().zip(wb.iter()).filter(|(x, y)| x != y);
    let (Some((x, y)), None) = (diff.next(), diff.next()) else {
        return false;
    };
    let (lx, ly) = (x.chars().count(), y.chars().count());
    let (short, long) = (lx.min(ly), lx.max(ly));
    // The edit distance is at least the difference in length, so that difference alone
    // refuses most pairs before the costly measure (the same formula, so the same answers).
    // So does the letters one word has that the other lacks (see `letters_apart`): together
    // they refuse nearly every pair the measure would, for a fraction of its cost.
    #[allow(clippy::cast_precision_loss)]
    let close_enough = |d: usize| 1.0 - (d as f64) / (long as f64) >= SAME_WORD;
    short >= 6
        && close_enough(long - short)
        && x.chars().next() == y.chars().next()
        && letters_apart(x, y).is_none_or(close_enough)
        && strsim::normalized_damerau_levenshtein(x, y) >= SAME_WORD
}

/// For two ASCII words, a lower bound of their edit distance: how many letters one has that
/// the other lacks, counted with repeats, on the side with more. An insertion, deletion or
/// substitution changes each side's count by at most one, and a transposition changes
/// neither. `None` for other words (the bound is then not used).
fn letters_apart(x: &str, y: &str) -> Option<usize> {
    if !x.is_ascii() || !y.is_ascii() {
        return None;
    }
    let mut counts = [0i32; 128];
    for b in x.bytes() {
        counts[usize::from(b)] += 1;
    }
    for b in y.bytes() {
        counts[usize::from(b)] -= 1;
    }
    let (more, fewer) =
        counts.iter().fold(
            (0i32, 0i32),
            |(m, f), &c| {
                if c > 0 { (m + c, f) } else { (m, f - c) }
            },
        );
    usize::try_from(more.max(fewer)).ok()
}

/// How alike two words must be to be one word misspelt (normalized Damerau-Levenshtein).
pub(super) const SAME_WORD: f64 = 0.85;

/// The shorter forms fuller names are known by, each with the names it may stand for.
pub(super) struct Folds<'n> {
    /// "Marvel" of "Marvel Studios".
    stems: FastMap<Cow<'n, str>, Vec<usize>>,
    /// "Endgame" of "Avengers: Endgame" (also patterns of their own, later).
    pub(super) colon_parts: FastMap<&'n str, Vec<usize>>,
    /// "Marvel Cinematic" of "Marvel Cinematic Universe".
    prefixes: FastMap<Cow<'n, str>, Vec<usize>>,
    /// "MCU" of "Marvel Cinematic Universe".
    acronyms: FastMap<String, Vec<usize>>,
    /// For each name, the most frequent organization name that shares its [`spelling`] ("Oil &
    /// Natural Gas Corp" for "Oil and Natural Gas Corporation"), when that is another name.
    spelling_target: Vec<Option<usize>>,
}

/// What one name offers as shorter forms of itself.
#[derive(Default)]
struct Offers<'n> {
    stem: Option<Cow<'n, str>>,
    colon: Option<&'n str>,
    prefixes: Vec<Cow<'n, str>>,
    acronym: Option<String>,
    spelling: Option<Cow<'n, str>>,
}

impl<'n> Folds<'n> {
    /// Collects every name's shorter forms: worked out per name in parallel, then gathered.
    pub(super) fn of(
        names: &'n [NameInfo<'_>],
        split: &[Vec<&'n str>],
        kinds: &[Kind],
        ev: &Evidence<'_>,
    ) -> Folds<'n> {
        let l = &*LEXICON;
        // Surnames of people with a known first name: "Kennedy" stays Charles Kennedy's even
        // when a "Kennedy Center" is mentioned too.
        let surnames: FastSet<&str> = split
            .iter()
            .filter_map(|ws| match ws.as_slice() {
                [f, s] if l.tags(f).any(Tags::FIRST_NAME) => Some(*s),
                _ => None,
            })
            .collect();
        let offers: Vec<Offers<'n>> = names
            .par_iter()
            .zip(split.par_iter())
            .zip(kinds.par_iter())
            .map(|((x, ws), kind)| offers(&x.name, ws, *kind, &surnames, ev))
            .collect();
        let mut folds = Folds {
            stems: FastMap::default(),
            colon_parts: FastMap::default(),
            prefixes: FastMap::default(),
            acronyms: FastMap::default(),
            spelling_target: vec![None; names.len()],
        };
        let mut spellings: FastMap<Cow<'n, str>, Vec<usize>> = FastMap::default();
        for (i, o) in offers.into_iter().enumerate() {
            if let Some(s) = o.stem {
                folds.stems.entry(s).or_default().push(i);
            }
            if let Some(a) = o.acronym {
                folds.acronyms.entry(a).or_default().push(i);
            }
            if let Some(c) = o.colon {
                folds.colon_parts.entry(c).or_default().push(i);
            }
            for p in o.prefixes {
                folds.prefixes.entry(p).or_default().push(i);
            }
            if let Some(k) = o.spelling {
                spellings.entry(k).or_default().push(i);
            }
        }
        // "Time Warner", taken for a person where it "said" things, is the organization's
        // name run together elsewhere ("TimeWarner"): a name with no first name joins the
        // spellings it reads as.
        for (i, ((x, ws), kind)) in names.iter().zip(split).zip(kinds).enumerate() {
            if *kind != Kind::Organization && ws.len() >= 2 && !opens_with_first_name(ws) {
                if let Some(ids) = spellings.get_mut(x.name.as_ref()) {
                    ids.push(i);
                }
            }
        }
        folds.join_plurals(names, kinds, &surnames);
        // "Lib Dems" of "Liberal Democrats": a name with clipped words joins the full one.
        for (short, full) in clipped_pairs(names, split, kinds) {
            if let Some(t) = folds.spelling_target.get_mut(short) {
                t.get_or_insert(full);
            }
        }
        // Each spelling's most frequent name is decided once here, for all its names.
        for ids in spellings.values().filter(|ids| ids.len() > 1) {
            if let Some(b) = best(names, ids) {
                for &m in ids.iter().filter(|&&m| m != b) {
                    if let Some(t) = folds.spelling_target.get_mut(m) {
                        *t = Some(b);
                    }
                }
            }
        }
        folds
    }

    /// "Tories" of "Tory", "Lib Dems" of "Lib Dem": a party's members named in the plural
    /// join the party's name in the singular (and, through it, "Tory Party"). Only a singular
    /// of two words or more, or one that is the stem of a longer organization name: a plural
    /// alone ("Cairns") is as often a surname.
    fn join_plurals(&mut self, names: &[NameInfo<'_>], kinds: &[Kind], surnames: &FastSet<&str>) {
        let org = |i: usize| kinds.get(i) == Some(&Kind::Organization);
        let singular_of: FastMap<String, usize> = names
            .iter()
            .enumerate()
            .filter(|&(i, x)| org(i) && !surnames.contains(x.name.as_ref()))
            .filter_map(|(i, x)| singular(&x.name).map(|s| (s, i)))
            .filter(|(s, _)| s.contains(' ') || self.stems.contains_key(s.as_str()))
            .collect();
        if singular_of.is_empty() {
            return;
        }
        for (i, x) in names.iter().enumerate().filter(|&(i, _)| org(i)) {
            if let Some(&p) = singular_of.get(x.name.as_ref()) {
                if let Some(t) = self.spelling_target.get_mut(p) {
                    t.get_or_insert(i);
                }
            }
        }
    }

    /// For each name, the fuller name it is a shorter form of, if any (in parallel).
    pub(super) fn targets(&self, names: &[NameInfo<'_>]) -> Vec<Option<usize>> {
        names
            .par_iter()
            .enumerate()
            .map(|(i, x)| self.target(names, i, x))
            .collect()
    }

    fn target(&self, names: &[NameInfo<'_>], i: usize, x: &NameInfo<'_>) -> Option<usize> {
        let key = x.name.as_ref();
        let pick = |ids: Option<&Vec<usize>>| ids.and_then(|ids| best(names, ids));
        let bare: Cow<'_, str> = if key.contains('.') {
            Cow::Owned(key.chars().filter(|c| *c != '.').collect())
        } else {
            Cow::Borrowed(key)
        };
        let acronym = bare.chars().all(char::is_uppercase) && bare.chars().count() >= 2;
        let stem = pick(self.stems.get(key));
        // A stem is the body's short name, unless the body is named after it or is a part of
        // it ("Westminster" of "Westminster Foundation") and the stem is written more often
        // than the body: then it is a name in its own right, and no shorter form of any other
        // ("PCS" stays the union, not the initials of a "Payment Clearing Services").
        let own_name = stem.and_then(|t| names.get(t)).is_some_and(|f| {
            f.count < x.count
                && word_iter(&f.name)
                    .last()
                    .is_some_and(|w| LEXICON.tags(w).any(Tags::PART_SUFFIX))
        });
        if own_name {
            return None;
        }
        let target = stem
            .or_else(|| pick(self.colon_parts.get(key)))
            // A prefix is a shortened full name only if it is not a name in its own right
            // (used more than the full name, or a known place).
            .or_else(|| {
                pick(self.prefixes.get(key)).filter(|&t| {
                    !is_gazetteer(key) && names.get(t).is_some_and(|f| f.count >= x.count)
                })
            })
            // Two-letter acronyms are too ambiguous except for known places ("US", "NY"), and
            // a known place's own ("USA") stands for no "University of St Andrews".
            .or_else(|| {
                let place = |w: &str| LEXICON.tags(w).any(Tags::PLACE);
                let any_name = bare.chars().count() >= 3 && !place(&bare);
                pick(self.acronyms.get(bare.as_ref()).filter(|_| acronym))
                    .filter(|&t| any_name || names.get(t).is_some_and(|f| place(&f.name)))
                    // "NHS" written 25 times is not the "Norfolk High School" named once: an
                    // acronym is spelled out now and then where it stands for the name.
                    .filter(|&t| {
                        names
                            .get(t)
                            .is_some_and(|f| f.count.saturating_mul(ACRONYM_RATIO) >= x.count)
                    })
            })
            // Another spelling of the same organization: the most frequent one takes the rest.
            .or_else(|| self.spelling_target.get(i).copied().flatten());
        target.filter(|&t| t != i)
    }
}

/// Whether a name opens with a known first name, or a royal style and one ("Prince Edward
/// Theatre"): a person's name, or a body's named after one.
fn opens_with_first_name(ws: &[&str]) -> bool {
    let given = |w: Option<&&str>| w.is_some_and(|f| LEXICON.tags(f).any(Tags::FIRST_NAME));
    given(ws.first()) || (ws.first().is_some_and(|s| REGNAL_STYLES.contains(s)) && given(ws.get(1)))
}

/// How many times more often an acronym may be written than the name it folds into.
const ACRONYM_RATIO: u32 = 10;

/// The shorter forms one name offers (see [`Folds`]).
fn offers<'n>(
    name: &'n str,
    ws: &[&'n str],
    kind: Kind,
    surnames: &FastSet<&str>,
    ev: &Evidence<'_>,
) -> Offers<'n> {
    let l = &*LEXICON;
    let mut o = Offers::default();
    // A name opening with a first name is a person's, or a body's named after one: its
    // shorter forms are that person ("Johnny Carson" of "Johnny Carson Theater").
    let personal = opens_with_first_name(ws);
    if ws.len() >= 2 {
        if let Some(last) = ws.last() {
            if l.tags(last).any(Tags::ORG_SUFFIX) && kind == Kind::Organization {
                let stem = first_words(name, ws, ws.len() - 1);
                let s = stem.as_ref();
                // "EU" of "EU Commission", "BBC" of "BBC News": a known acronym is its own
                // body; "United" of "United Bank" is itself only a suffix.
                let tags = l.tags(s);
                let own_body = tags.any(Tags::KNOWN_ORG) && is_all_caps(s);
                if !tags.any(Tags::PLACE | Tags::ORG_SUFFIX | Tags::COMMON | Tags::DEMONYM)
                    && !own_body
                    && !personal
                    && !surnames.contains(s)
                    && ev.lower(s) <= ev.cap_mid(s)
                {
                    o.stem = Some(stem);
                }
            }
        }
        // People are not known by initials here ("GM" is no George Michael).
        if !personal {
            o.acronym = initials(ws);
        }
    }
    if let Some((_, right)) = name.split_once(": ") {
        let right = right.trim();
        if !right.is_empty() && !l.common.contains(right) {
            o.colon = Some(right);
        }
    }
    if ws.len() >= 3 && !name.contains(':') && kind != Kind::Person && !personal {
        o.prefixes = (2..ws.len()).map(|k| first_words(name, ws, k)).collect();
    }
    if kind == Kind::Organization {
        o.spelling = spelling(ws).map(|k| {
            if k == name {
                Cow::Borrowed(name)
            } else {
                Cow::Owned(k)
            }
        });
    }
    o
}

/// An organization's name as its other spellings also read: without "and" or "&", with a
/// short company ending written out ("Corp" as "Corporation"), and a word run together split
/// at its inner capitals ("TimeWarner" as "Time Warner"). `None` for a plain single word.
fn spelling(ws: &[&str]) -> Option<String> {
    if let [w] = ws {
        return camel_split(w);
    }
    let kept: Vec<&str> = ws
        .iter()
        .filter(|w| !matches!(**w, "and" | "&"))
        .map(|w| match *w {
            "Corp" | "Corp." => "Corporation",
            "Co" | "Co." => "Company",
            "Ltd" | "Ltd." => "Limited",
            w => w,
        })
        .collect();
    (kept.len() >= 2).then(|| kept.join(" "))
}

/// A name whose last word is an English plural, in the singular ("Tories" as "Tory", "Lib
/// Dems" as "Lib Dem").
fn singular(name: &str) -> Option<String> {
    let last = name.rsplit(' ').next()?;
    if !is_plural(last) {
        return None;
    }
    let head = name.strip_suffix(last)?;
    let one = match last.strip_suffix("ies") {
        Some(stem) => format!("{stem}y"),
        None => last.strip_suffix('s')?.to_owned(),
    };
    Some(format!("{head}{one}"))
}

/// "TimeWarner" as "Time Warner": split before each capital that follows a lowercase letter,
/// when every part is a capitalised word of two letters or more ("iPhone" is not split).
fn camel_split(w: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    let mut start = 0;
    let mut prev_lower = false;
    for (i, c) in w.char_indices() {
        if c.is_uppercase() && prev_lower {
            parts.push(w.get(start..i)?);
            start = i;
        }
        prev_lower = c.is_lowercase();
    }
    parts.push(w.get(start..)?);
    let words = parts.len() >= 2
        && parts
            .iter()
            .all(|p| p.chars().count() >= 2 && p.chars().next().is_some_and(char::is_uppercase));
    words.then(|| parts.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_run_together_split_at_their_capitals() {
        assert_eq!(camel_split("TimeWarner").as_deref(), Some("Time Warner"));
        assert_eq!(camel_split("SonyBMG").as_deref(), Some("Sony BMG"));
        assert_eq!(camel_split("iPhone"), None, "a one-letter part");
        assert_eq!(camel_split("Netflix"), None, "one word");
        assert_eq!(camel_split("McDonald").as_deref(), Some("Mc Donald"));
    }

    /// The rule as it was before the length bound: the measure alone.
    fn by_measure_alone(x: &str, y: &str) -> bool {
        x.chars().count().min(y.chars().count()) >= 6
            && x.chars().next() == y.chars().next()
            && strsim::normalized_damerau_levenshtein(x, y) >= SAME_WORD
    }
    #[test]
    fn the_cheap_bounds_never_change_which_words_count_as_misspelt() {
        // Lengths 5 to 15 around one stem, with swaps, drops and additions, and accents (the
        // measure counts characters, not bytes).
        let words = [
            "Rudhraksh",
            "Rudhrasksh",
            "Rudhrakshh",
            "Rudhrak",
            "Rudhraksha",
            "Rudhrakshaaa",
            "Rudhrakshabcde",
            "Rudhrakshabcd",
            "Rudhrakshabcdef",
            "Rduhraksh",
            "Ruhdraksh",
            "Jaiswal",
            "Jaiswall",
            "Jaiswalabc",
            "Jaisw",
            "Zoëlle",
            "Zoelle",
            "Zoëllette",
            "Rudhrakšh",
            "Rudhrakah",
            "Rudhrxksh",
            "Rudhrakshabdce",
            "Rudhrakshabxye",
            "Rudhrakshabxyz",
            "Jiaswal",
            "Jaiswla",
        ];
        let mut misspelt = 0;
        for x in words {
            for y in words {
                let fast = misspelt_words(&["Anna", x], &["Anna", y]);
                assert_eq!(fast, x != y && by_measure_alone(x, y), "{x} / {y}");
                misspelt += usize::from(fast);
            }
        }
        // Some pairs are misspellings, so the comparison is not between two refusals.
        assert!(misspelt >= 10, "{misspelt}");
    }

    #[test]
    fn letters_apart_is_a_lower_bound_of_the_edit_distance() {
        let words = [
            "Robinson",
            "Robertson",
            "Robinsno",
            "Rboinson",
            "Robinsons",
            "Robin",
            "Nosnibor",
            "Abcdefgh",
            "Bacdefhg",
            "Zoë",
        ];
        let mut refused = 0;
        for x in words {
            for y in words {
                let d = strsim::damerau_levenshtein(x, y);
                if let Some(b) = letters_apart(x, y) {
                    assert!(b <= d, "{x} / {y}: {b} > {d}");
                    refused += usize::from(b > 1);
                } else {
                    assert!(!x.is_ascii() || !y.is_ascii());
                }
            }
        }
        // The bound does refuse pairs the length alone lets through ("Robinson" / "Robertson").
        assert_eq!(letters_apart("Robinson", "Robertson"), Some(3));
        assert_eq!(
            letters_apart("Robinson", "Rboinson"),
            Some(0),
            "a swap moves no letter"
        );
        assert!(refused > 10, "{refused}");
    }

    #[test]
    fn bucketed_pairs_are_every_misspelt_pair_of_names_sharing_an_end() {
        let names = [
            "Anna Rudhraksh",
            "Anna Rudhrasksh",
            "Anna Rudhraks",
            "Rudhraksh Jaiswal",
            "Rudhrasksh Jaiswal",
            "Rudhraksh Jaiswall",
            "Bob Rudhraksh",
            "Anna Maria Rudhraksh",
            "Anna Marai Rudhraksh",
            "Anna Mariana Rudhraksh",
            "Anna Marianna Rudhraksh",
            "Anna Marianna Rudhrasksh",
            "Annabelle Maria Rudhraksh",
            "Annabele Maria Rudhraksh",
            "Jonathan Smith",
            "Jonathon Smith",
            "Jonathan Smyth",
        ];
        let split: Vec<Vec<&str>> = names.iter().map(|n| words(n)).collect();
        let mut fast = misspelt_pairs(&split);
        // A pair that shares both its first and last word is found in both buckets.
        fast.sort_unstable();
        fast.dedup();
        let mut slow = Vec::new();
        for a in 0..split.len() {
            for b in a + 1..split.len() {
                let (wa, wb) = (&split[a], &split[b]);
                let shares_end =
                    wa.len() == wb.len() && (wa.first() == wb.first() || wa.last() == wb.last());
                if shares_end && misspelt_words(wa, wb) {
                    slow.push((a, b));
                }
            }
        }
        assert_eq!(fast, slow);
        assert!(fast.len() >= 5, "{fast:?}");
    }
}
