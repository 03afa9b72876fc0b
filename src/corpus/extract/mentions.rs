//! The mention pass: every alias pattern looked up at word boundaries, over each article in
//! parallel, with possessive checks and per-article resolution of short forms shared by several
//! people. Produces byte spans on char boundaries; never panics on text.

use rayon::prelude::*;

use super::aliases::{Bearer, Table, Target};
use super::fasthash::FastMap;
use crate::corpus::model::{ArticleIx, Mention};

/// One found mention: the entity and its span in the article whose list holds it. The article
/// is not stored: every list is one article's, and at 100,000 articles the three million
/// mentions are all held at once, until the entities are assembled.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Entity (group) index (32 bits: a large corpus holds millions of these at once).
    pub group: u32,
    /// Start byte in the article's text.
    pub start: u32,
    /// End byte (exclusive) in the article's text.
    pub end: u32,
}

impl Found {
    /// The byte range of the mention.
    #[must_use]
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The mention, in the article `article`.
    #[must_use]
    pub fn mention(&self, article: ArticleIx) -> Mention {
        Mention {
            article,
            start: self.start,
            end: self.end,
        }
    }
}

/// Finds every mention of the table's entities in the texts: one list per text, in reading
/// order, calling `tick` once per article.
#[must_use]
pub fn find(texts: &[&str], table: &Table, tick: &(dyn Fn() + Sync)) -> Vec<Vec<Found>> {
    let lookup = Lookup::new(table);
    let weights: Vec<u32> = table.groups.iter().map(|g| g.weight).collect();
    texts
        .par_iter()
        .map(|text| {
            let found = in_article(text, &lookup, &weights);
            tick();
            found
        })
        .collect()
}

/// The patterns as a map a scan can walk word by word. Every pattern is in it with its target,
/// and so is every leading part of a pattern that ends where a word ends, with none: a scan
/// from a word start looks up what it has read at each word end and stops at the first miss.
///
/// This replaced one Aho-Corasick automaton over all patterns. Building that was serial and took
/// a second and over 100 MiB for the 400,000 patterns of a 100,000-article corpus; this map is
/// built in a tenth of that and borrows the patterns' own text. It also finds a few more whole
/// words: the automaton took the longest pattern at a position even when it ended inside a
/// word, then dropped it, and so hid any shorter whole-word pattern there.
struct Lookup<'p> {
    /// Two halves, by a key's first two bytes ([`half`]), built side by side: as one map, built
    /// on one core, it took 0.18 s at 100,000 articles while the other core waited.
    maps: [KeyMap<'p>; 2],
    /// Bit per (first byte, second byte) that some pattern starts with (every second byte for a
    /// one-byte pattern): most word starts begin no pattern and are passed over unhashed.
    pairs: Vec<u64>,
    /// Bytes in the longest pattern: no scan reads further.
    longest: usize,
}

/// A pattern, or a leading part of one, with the target of a whole pattern (none for a part).
type KeyMap<'p> = FastMap<&'p str, Option<&'p Target>>;

/// Patterns longer than this are not looked for. The longest real names in the BBC corpus are
/// about 60 bytes (a trade body's full title of nine words); a longer run of capitalised words
/// is a title-case headline or a crafted file, and indexing every leading part of it would cost
/// time in the square of its length.
const LONGEST_PATTERN: usize = 128;

impl<'p> Lookup<'p> {
    fn new(table: &'p Table) -> Lookup<'p> {
        let ((map0, pairs0, longest0), (map1, pairs1, longest1)) =
            rayon::join(|| Lookup::half_of(table, 0), || Lookup::half_of(table, 1));
        Lookup {
            maps: [map0, map1],
            pairs: pairs0.iter().zip(&pairs1).map(|(a, b)| a | b).collect(),
            longest: longest0.max(longest1),
        }
    }

    /// One half of the map, with the pair bits and the longest length of the patterns in it.
    fn half_of(table: &'p Table, h: usize) -> (KeyMap<'p>, Vec<u64>, usize) {
        let mut map = KeyMap::default();
        map.reserve(table.patterns.len());
        let mut pairs = vec![0u64; 1 << 10];
        let mut longest = 0;
        let searched = || {
            table
                .patterns
                .iter()
                .filter(|p| p.0.len() <= LONGEST_PATTERN)
        };
        for (pat, target) in searched().filter(|p| in_half(p.0.as_bytes(), h)) {
            map.insert(pat.as_ref(), Some(target));
            longest = longest.max(pat.len());
            let b = pat.as_bytes();
            match (b.first(), b.get(1)) {
                (Some(&x), Some(&y)) => set_pair(&mut pairs, x, y),
                // A one-byte pattern starts any pair with its byte.
                (Some(&x), None) => (0..=255).for_each(|y| set_pair(&mut pairs, x, y)),
                _ => {}
            }
        }
        // A leading part is in the half of the pattern it leads, unless it is one byte long.
        for (pat, _) in searched() {
            for (k, _) in pat
                .char_indices()
                .filter(|&(k, c)| k > 0 && !c.is_alphanumeric())
            {
                if let Some(head) = pat.get(..k).filter(|hd| in_half(hd.as_bytes(), h)) {
                    map.entry(head).or_insert(None);
                }
            }
        }
        (map, pairs, longest)
    }

    /// What the map holds for `key`, a stretch of text that starts where its first two bytes
    /// `x` and `y` (`y` past the text's end is 0) are.
    fn get(&self, key: &str, x: u8, y: u8) -> Option<&Option<&'p Target>> {
        self.maps.get(half(x, y))?.get(key)
    }

    /// Whether a pattern could start at byte `i` of `b`.
    fn may_start(&self, b: &[u8], i: usize) -> bool {
        let (Some(&x), y) = (b.get(i), b.get(i + 1).copied().unwrap_or(0)) else {
            return false;
        };
        let bit = pair_bit(x, y);
        self.pairs
            .get(bit >> 6)
            .is_some_and(|w| w >> (bit & 63) & 1 == 1)
    }

    /// The longest pattern that starts at `s` and ends at a word end, with its end. The map is
    /// asked at each place a word ends (before a character that is not a letter or digit, or at
    /// the text's end), and the first miss ends the scan.
    fn longest_at(&self, hay: &str, s: usize) -> Option<(usize, &'p Target)> {
        let b = hay.as_bytes();
        let (first, second) = (*b.get(s)?, b.get(s + 1).copied().unwrap_or(0));
        let stop = hay.len().min(s.saturating_add(self.longest));
        let mut best = None;
        let mut e = s + char_len(hay, s)?;
        loop {
            // To the end of the word: ASCII letters and digits a byte at a time, others decoded.
            let boundary = loop {
                if e > stop {
                    return best;
                }
                match b.get(e) {
                    None => break None,
                    Some(x) if x.is_ascii_alphanumeric() => e += 1,
                    Some(x) if x.is_ascii() => break Some(1),
                    Some(_) => {
                        let c = hay.get(e..)?.chars().next()?;
                        if !c.is_alphanumeric() {
                            break Some(c.len_utf8());
                        }
                        e += c.len_utf8();
                    }
                }
            };
            match self.get(hay.get(s..e)?, first, second) {
                None => return best,
                Some(Some(t)) => best = Some((e, *t)),
                Some(None) => {}
            }
            let Some(n) = boundary else { return best };
            e += n;
        }
    }
}

/// The length in bytes of the character at byte `i`.
fn char_len(text: &str, i: usize) -> Option<usize> {
    text.get(i..)?.chars().next().map(char::len_utf8)
}

/// The bit of the start-pair table for first byte `x` and second byte `y`.
fn pair_bit(x: u8, y: u8) -> usize {
    usize::from(x) << 8 | usize::from(y)
}

/// Which half of the lookup holds the keys that start with the bytes `x`, `y`. The two bytes
/// spread the keys evenly, where the first alone would not: a quarter or more of them are
/// handles, all starting with `@`.
fn half(x: u8, y: u8) -> usize {
    usize::from((x ^ y) & 1)
}

/// Whether half `h` holds `key`: a one-byte key is in both, since what follows it in the text
/// can be any byte.
fn in_half(key: &[u8], h: usize) -> bool {
    match key {
        [x, y, ..] => half(*x, *y) == h,
        _ => true,
    }
}

fn set_pair(pairs: &mut [u64], x: u8, y: u8) {
    let bit = pair_bit(x, y);
    if let Some(w) = pairs.get_mut(bit >> 6) {
        *w |= 1 << (bit & 63);
    }
}

fn in_article(text: &str, lookup: &Lookup<'_>, weights: &[u32]) -> Vec<Found> {
    let mut found = Vec::new();
    let mut shorts: Vec<(usize, usize, &[Bearer])> = Vec::new();
    // Patterns have single spaces; texts may have no-break spaces or runs of spaces.
    let folded = fold_spaces(text);
    let hay = folded.as_ref().map_or(text, |f| f.0.as_str());
    let b = hay.as_bytes();
    let mut i = 0;
    while i < b.len() {
        // A pattern's first byte starts a character, so `i` is on a char boundary when it passes.
        let hit = if lookup.may_start(b, i) && starts_word(hay, i) {
            lookup.longest_at(hay, i)
        } else {
            None
        };
        let Some((e, target)) = hit else {
            i = past_ascii_word(b, i);
            continue;
        };
        // An offset in the folded text, in the article's own.
        let back = |k: usize| match &folded {
            Some((_, map)) => map.get(k).map_or(text.len(), |&x| x as usize),
            None => k,
        };
        let (start, s, end) = (i, back(i), back(e));
        i = e;
        match target {
            Target::One(g) => found.push(found_at(*g, s, end)),
            Target::Short(gs) => shorts.push((s, end, gs)),
            Target::Pair { head, rest, at } => {
                // The pattern's offsets count from where it starts in the folded text.
                let at = *at as usize;
                let (head_end, rest_start) = (back(start + at - 1), back(start + at));
                found.push(found_at(*head, s, head_end));
                found.push(found_at(*rest, rest_start, end));
            }
        }
    }
    if !shorts.is_empty() {
        let mut local: FastMap<u32, u32> = FastMap::default();
        for f in &found {
            *local.entry(f.group).or_default() += 1;
        }
        // Surnames first, so that given names see whom they named ("Radcliffe", shared by
        // two people, in the headline; "Paula" in the text).
        let (given, surnames): (Vec<_>, Vec<_>) = shorts
            .into_iter()
            .partition(|s| s.2.iter().any(|b| b.named_only));
        for pass in [surnames, given] {
            let at = found.len();
            for (s, e, people) in pass {
                if let Some(g) = short_target(people, &local, weights) {
                    found.push(found_at(g, s, e));
                }
            }
            for f in found.get(at..).unwrap_or_default() {
                *local.entry(f.group).or_default() += 1;
            }
        }
        found.sort_by_key(|f| f.start);
    }
    // Every article's list is kept until the entities are assembled: at 100,000 articles the
    // room a growing vector leaves spare came to tens of megabytes at the peak.
    found.shrink_to_fit();
    found
}

/// Whom a person's short form stands for in one article: the one the article names most, else
/// the one the corpus names far more than any other ("Blair" with no full name is still Tony
/// Blair). With neither, no one: where Stephen King and Graham King are named as often, the
/// "King" of "The Return of the King" is neither's. A given name counts the kin its article
/// names too, and a form that stands for someone only where named takes no part in the second
/// choice (see [`Bearer`]).
fn short_target(people: &[Bearer], local: &FastMap<u32, u32>, weights: &[u32]) -> Option<usize> {
    let here = |g: usize| local.get(&ix(g)).copied().unwrap_or(0);
    let weight = |g: usize| weights.get(g).copied().unwrap_or(0);
    let key = |b: &Bearer| {
        let named = here(b.group) + b.kin.iter().map(|&g| here(g)).sum::<u32>();
        (named, weight(b.group), std::cmp::Reverse(b.group))
    };
    let best = people.iter().max_by_key(|b| key(b))?;
    if key(best).0 > 0 {
        return Some(best.group);
    }
    let pick = people
        .iter()
        .filter(|b| !b.named_only)
        .max_by_key(|b| key(b))?
        .group;
    // Everyone else, by given name too, counts against it: "Charles" is Ray Charles's
    // surname, but with Charles Kennedy named far more it is no one's outside their articles.
    let runner_up = people
        .iter()
        .filter(|b| b.group != pick)
        .map(|b| weight(b.group))
        .max()
        .unwrap_or(0);
    (u64::from(weight(pick)) > u64::from(runner_up) * SHORT_DOMINANCE).then_some(pick)
}

/// The corpus must name a person more than this many times as often as any other for a shared
/// short form to stand for them in an article that names none of them in full ("Bush": George
/// W Bush 22 times, George Bush 6).
const SHORT_DOMINANCE: u64 = 3;

/// Where the scan goes after a miss at `i`: the next byte, or past the run of ASCII letters and
/// digits `i` starts, since no position inside the run follows a word boundary.
fn past_ascii_word(b: &[u8], i: usize) -> usize {
    let mut j = i + 1;
    if b.get(i).is_some_and(u8::is_ascii_alphanumeric) {
        while b.get(j).is_some_and(u8::is_ascii_alphanumeric) {
            j += 1;
        }
    }
    j
}

/// Whitespace (other than line breaks) that may sit between the words of a name.
fn is_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// The spaces other than U+0020 that sit between the words of names in scraped text.
const ODD_SPACES: [char; 5] = ['\u{a0}', '\t', '\u{202f}', '\u{2009}', '\u{3000}'];

/// Whether the text has one of [`ODD_SPACES`]. Searches for their bytes rather than walking
/// the text char by char: it runs over every article.
fn has_odd_space(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr(b'\t', b).is_some()
        || memchr::memchr3_iter(0xC2, 0xE2, 0xE3, b).any(|i| {
            let rest = b.get(i..).unwrap_or_default();
            ODD_SPACES.iter().any(|c| {
                let mut buf = [0u8; 4];
                rest.starts_with(c.encode_utf8(&mut buf).as_bytes())
            })
        })
}

/// When a text has whitespace other than single spaces between words, a copy with each such run
/// folded to one space, and for every byte of the copy (plus its end) the original offset.
fn fold_spaces(text: &str) -> Option<(String, Vec<u32>)> {
    let needs = has_odd_space(text) || memchr::memmem::find(text.as_bytes(), b"  ").is_some();
    if !needs {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        let at = u32::try_from(i).unwrap_or(u32::MAX);
        if is_space(c) {
            if !in_space {
                out.push(' ');
                map.push(at);
            }
            in_space = true;
            continue;
        }
        in_space = false;
        let before = out.len();
        out.push(c);
        for _ in before..out.len() {
            map.push(at);
        }
    }
    map.push(u32::try_from(text.len()).unwrap_or(u32::MAX));
    Some((out, map))
}

/// A group index as stored in [`Found`].
fn ix(g: usize) -> u32 {
    u32::try_from(g).unwrap_or(u32::MAX)
}

fn found_at(g: usize, s: usize, e: usize) -> Found {
    Found {
        group: ix(g),
        start: u32::try_from(s).unwrap_or(u32::MAX),
        end: u32::try_from(e).unwrap_or(u32::MAX),
    }
}

/// A match starts a word: no letter, digit or `@` just before it (a hyphen is fine:
/// "non-Marvel"). Its end is checked as it is read: no letter or digit just after it, so a
/// possessive is fine.
fn starts_word(text: &str, s: usize) -> bool {
    text.is_char_boundary(s)
        && !text
            .get(..s)
            .and_then(|t| t.chars().next_back())
            .is_some_and(|c| c.is_alphanumeric() || c == '@')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_found_mention_holds_no_article_index() {
        // Three million of these are held at once at 100,000 articles: the article is the
        // list's own, and storing it again cost 12 MB.
        assert_eq!(std::mem::size_of::<Found>(), 12);
        let f = found_at(7, 3, 9);
        assert_eq!(f.range(), 3..9);
        assert_eq!(
            f.mention(42),
            Mention {
                article: 42,
                start: 3,
                end: 9
            }
        );
    }

    #[test]
    fn folded_spaces_map_back_to_original_offsets() {
        let t = "rescue Ovi\u{a0}Mahajan  Jr. now";
        let (f, map) = fold_spaces(t).unwrap();
        assert_eq!(f, "rescue Ovi Mahajan Jr. now");
        let s = f.find("Ovi").unwrap();
        let e = f.find(" now").unwrap();
        assert_eq!(
            &t[map[s] as usize..map[e] as usize],
            "Ovi\u{a0}Mahajan  Jr."
        );
        assert!(fold_spaces("plain text here").is_none());
    }

    fn table(pats: &[(&str, usize)]) -> Table<'static> {
        let mut t = Table::default();
        for &(p, g) in pats {
            t.patterns.insert(p.to_string().into(), Target::One(g));
        }
        t.groups = (0..=pats.iter().map(|p| p.1).max().unwrap_or(0))
            .map(|g| super::super::aliases::Group {
                name: format!("g{g}"),
                kind: crate::corpus::model::Kind::Person,
                weight: 1,
            })
            .collect();
        t
    }

    /// (group, matched text) of every mention found in `text`.
    fn spans(text: &str, t: &Table) -> Vec<(u32, String)> {
        find(&[text], t, &|| {})
            .concat()
            .into_iter()
            .map(|f| (f.group, text[f.range()].to_string()))
            .collect()
    }

    #[test]
    fn a_pair_pattern_gives_each_name_its_own_span_across_odd_spaces() {
        let mut t = table(&[("US", 0), ("Treasury", 1)]);
        t.patterns.insert(
            "US Treasury".into(),
            Target::Pair {
                head: 0,
                rest: 1,
                at: 3,
            },
        );
        for text in ["the US Treasury said", "the US\u{a0}\u{a0}Treasury said"] {
            assert_eq!(
                spans(text, &t),
                [(0, "US".to_string()), (1, "Treasury".to_string())],
                "{text:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn odd_spaces_are_found_by_their_bytes(
            text in "([a-z ’—€\u{a0}\u{202f}\u{2009}\u{3000}\t\u{2028}]|\\PC){0,8}",
        ) {
            proptest::prop_assert_eq!(has_odd_space(&text), text.contains(ODD_SPACES));
        }
    }

    #[test]
    fn each_odd_space_is_found_and_lookalikes_are_not() {
        for c in ODD_SPACES {
            assert!(has_odd_space(&format!("a{c}b")), "{c:?}");
        }
        // Characters that share a lead byte with an odd space ("’" and "—" start with 0xE2).
        assert!(!has_odd_space(
            "it’s a plain line — with\u{2028}marks and \u{e000}"
        ));
    }

    #[test]
    fn whole_words_only_with_possessives_and_prefixes_allowed() {
        let t = table(&[("Netflix", 0), ("Marvel", 1), ("Ann", 2)]);
        let found = spans(
            "Netflix's non-Marvel Netflixing @Netflix Anne MarvelAnn Ann.",
            &t,
        );
        assert_eq!(
            found,
            vec![
                (0, "Netflix".to_string()),
                (1, "Marvel".to_string()),
                (2, "Ann".to_string())
            ]
        );
    }

    #[test]
    fn the_longest_whole_pattern_at_a_start_wins() {
        let t = table(&[
            ("Barack", 0),
            ("Barack Obama", 1),
            ("Obama", 2),
            ("U.S.", 3),
        ]);
        assert_eq!(
            spans(
                "Barack Obama met Barack Obamas and Obama in the U.S. yesterday",
                &t
            ),
            vec![
                (1, "Barack Obama".to_string()),
                // "Barack Obamas" is no whole pattern, so the shorter one stands.
                (0, "Barack".to_string()),
                (2, "Obama".to_string()),
                (3, "U.S.".to_string()),
            ]
        );
    }

    #[test]
    fn runs_of_spaces_and_no_break_spaces_match_single_spaces() {
        let t = table(&[("Ovi Mahajan Jr.", 0)]);
        assert_eq!(
            spans("rescue Ovi\u{a0}Mahajan  Jr. now", &t),
            vec![(0, "Ovi\u{a0}Mahajan  Jr.".to_string())]
        );
    }

    #[test]
    fn the_two_halves_of_the_lookup_find_every_pattern_and_leading_part() {
        let t = table(&[
            ("Q", 0),
            ("Q-Tip", 1),
            ("Ana Rix", 2),
            ("Cy Tam", 3),
            ("@anarix", 2),
            ("@cytam", 3),
        ]);
        let lookup = Lookup::new(&t);
        // A one-byte pattern, or a one-byte leading part, is there whatever byte follows it.
        for y in 0..=255u8 {
            assert!(
                matches!(lookup.get("Q", b'Q', y), Some(Some(_))),
                "after byte {y}"
            );
        }
        // Patterns, and their leading parts, land in both halves here ("An" and "Cy" differ).
        assert_ne!(half(b'A', b'n'), half(b'C', b'y'));
        assert!(matches!(lookup.get("Ana", b'A', b'n'), Some(None)));
        assert!(matches!(lookup.get("Cy", b'C', b'y'), Some(None)));
        assert!(lookup.maps.iter().all(|m| !m.is_empty()));
        assert_eq!(
            spans("Q-Tip met Ana Rix, Cy Tam (@cytam) and Q.", &t),
            vec![
                (1, "Q-Tip".to_string()),
                (2, "Ana Rix".to_string()),
                (3, "Cy Tam".to_string()),
                (3, "@cytam".to_string()),
                (0, "Q".to_string()),
            ]
        );
    }

    #[test]
    fn overlong_patterns_are_not_indexed() {
        let long = vec!["Foo"; 40].join(" ");
        let t = table(&[(long.as_str(), 0), ("Foo Bar", 1)]);
        let lookup = Lookup::new(&t);
        assert!(lookup.get(&long, b'F', b'o').is_none());
        assert!(lookup.get("Foo Foo", b'F', b'o').is_none());
        assert_eq!(lookup.longest, "Foo Bar".len());
        let text = format!("{long} and Foo Bar");
        assert_eq!(spans(&text, &t), vec![(1, "Foo Bar".to_string())]);
    }

    proptest::proptest! {
        /// The scan finds what a plain definition finds: at each word start, left to right, the
        /// longest pattern that ends at a word end, then on from its end.
        #[test]
        fn scan_agrees_with_the_definition(
            words in proptest::collection::vec(
                proptest::sample::select(vec!["Al", "Al Gore", "Gore", "al", "Gore's", "É", "Éa", "x"]),
                0..12,
            ),
            seps in proptest::collection::vec(
                proptest::sample::select(vec![" ", "-", "", ".", "@", "  ", "\u{a0}", "'s "]),
                12,
            ),
        ) {
            let mut text = String::new();
            for (w, s) in words.iter().zip(&seps) {
                text.push_str(w);
                text.push_str(s);
            }
            let pats = [("Al", 0), ("Al Gore", 1), ("Gore", 2), ("É", 3), ("Gore-Al", 4), ("Éa Al", 5)];
            let t = table(&pats);
            let hay = fold_spaces(&text).map_or(text.clone(), |f| f.0);
            let mut want = Vec::new();
            let mut i = 0;
            while i < hay.len() {
                let best = pats
                    .iter()
                    .filter(|(p, _)| {
                        hay.get(i..).is_some_and(|r| r.starts_with(p))
                            && starts_word(&hay, i)
                            && !hay[i + p.len()..].chars().next().is_some_and(char::is_alphanumeric)
                    })
                    .max_by_key(|(p, _)| p.len());
                match best {
                    Some((p, g)) => {
                        want.push((*g as u32, (*p).to_string()));
                        i += p.len();
                    }
                    None => i += 1,
                }
            }
            let got: Vec<(u32, String)> = spans(&text, &t)
                .into_iter()
                .map(|(g, s)| (g, fold_spaces(&s).map_or(s, |f| f.0)))
                .collect();
            proptest::prop_assert_eq!(got, want);
        }
    }
}
