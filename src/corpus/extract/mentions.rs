//! The mention pass: one Aho-Corasick automaton over every alias pattern, run over each article
//! in parallel, with word-boundary and possessive checks and per-article resolution of short
//! forms shared by several people. Produces byte spans on char boundaries; never panics on text.

use aho_corasick::{AhoCorasick, MatchKind};
use rayon::prelude::*;

use super::aliases::{Table, Target};
use super::fasthash::FastMap;
use crate::corpus::model::{ArticleIx, Mention};

/// One found mention: the entity, its span and the surface text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Entity (group) index (32 bits: a large corpus holds millions of these at once).
    pub group: u32,
    /// The span.
    pub mention: Mention,
}

/// Finds every mention of the table's entities in the texts, per article in reading order,
/// calling `tick` once per article.
#[must_use]
pub fn find(texts: &[&str], table: &Table, tick: &(dyn Fn() + Sync)) -> Vec<Vec<Found>> {
    let mut pats: Vec<(&String, &Target)> = table.patterns.iter().collect();
    pats.sort_by(|a, b| a.0.cmp(b.0));
    let Ok(ac) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(pats.iter().map(|p| p.0.as_bytes()))
    else {
        return vec![Vec::new(); texts.len()];
    };
    let weights: Vec<u32> = table.groups.iter().map(|g| g.weight).collect();
    texts
        .par_iter()
        .enumerate()
        .map(|(ai, text)| {
            let ai = ArticleIx::try_from(ai).unwrap_or(ArticleIx::MAX);
            let found = in_article(ai, text, &ac, &pats, &weights);
            tick();
            found
        })
        .collect()
}

fn in_article(
    ai: ArticleIx,
    text: &str,
    ac: &AhoCorasick,
    pats: &[(&String, &Target)],
    weights: &[u32],
) -> Vec<Found> {
    let mut found = Vec::new();
    let mut shorts: Vec<(usize, usize, &[usize])> = Vec::new();
    // Patterns have single spaces; texts may have no-break spaces or runs of spaces.
    let folded = fold_spaces(text);
    let hay = folded.as_ref().map_or(text, |f| f.0.as_str());
    for m in ac.find_iter(hay) {
        let (s, e) = match &folded {
            Some((_, map)) => (
                map.get(m.start()).map_or(text.len(), |&x| x as usize),
                map.get(m.end()).map_or(text.len(), |&x| x as usize),
            ),
            None => (m.start(), m.end()),
        };
        if !text.is_char_boundary(s) || !text.is_char_boundary(e) || !bounded(text, s, e) {
            continue;
        }
        let Some((_, target)) = pats.get(m.pattern().as_usize()) else {
            continue;
        };
        match target {
            Target::One(g) => found.push(Found {
                group: ix(*g),
                mention: span(ai, s, e),
            }),
            Target::Short(gs) => shorts.push((s, e, gs)),
        }
    }
    if !shorts.is_empty() {
        let mut local: FastMap<u32, u32> = FastMap::default();
        for f in &found {
            *local.entry(f.group).or_default() += 1;
        }
        for (s, e, gs) in shorts {
            let pick = gs.iter().copied().max_by_key(|g| {
                (
                    local.get(&ix(*g)).copied().unwrap_or(0),
                    weights.get(*g).copied().unwrap_or(0),
                    std::cmp::Reverse(*g),
                )
            });
            if let Some(g) = pick {
                found.push(Found {
                    group: ix(g),
                    mention: span(ai, s, e),
                });
            }
        }
        found.sort_by_key(|f| f.mention.start);
    }
    found
}

/// Whitespace (other than line breaks) that may sit between the words of a name.
fn is_space(c: char) -> bool {
    c != '\n' && c.is_whitespace()
}

/// When a text has whitespace other than single spaces between words, a copy with each such run
/// folded to one space, and for every byte of the copy (plus its end) the original offset.
fn fold_spaces(text: &str) -> Option<(String, Vec<u32>)> {
    let needs = text.contains(['\u{a0}', '\t', '\u{202f}', '\u{2009}', '\u{3000}'])
        || memchr::memmem::find(text.as_bytes(), b"  ").is_some();
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

fn span(ai: ArticleIx, s: usize, e: usize) -> Mention {
    Mention {
        article: ai,
        start: u32::try_from(s).unwrap_or(u32::MAX),
        end: u32::try_from(e).unwrap_or(u32::MAX),
    }
}

/// A match is a whole word: no letter or digit touches it on either side (a possessive after
/// it is fine, and so is a hyphen before it: "non-Marvel").
fn bounded(text: &str, s: usize, e: usize) -> bool {
    let before = text.get(..s).and_then(|t| t.chars().next_back());
    if before.is_some_and(|c| c.is_alphanumeric() || c == '@') {
        return false;
    }
    let after = text.get(e..).and_then(|t| t.chars().next());
    !after.is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn boundaries_accept_possessives_and_prefixes_but_not_inner_matches() {
        let t = "Netflix's non-Marvel Netflixing";
        assert!(bounded(t, 0, 7));
        assert!(bounded(t, 14, 20));
        assert!(!bounded(t, 21, 28));
    }
}
