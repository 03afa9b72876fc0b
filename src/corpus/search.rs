//! Full-text search over a corpus's reading texts. Pure, no I/O, no threads of its own beyond
//! rayon's pool.
//!
//! Matching is case-insensitive for ASCII letters (aho-corasick's ASCII folding) and exact for
//! other characters, so byte offsets stay offsets into the original text. [`count_hits`] is the
//! reader's corpus-wide search: one prepared matcher, articles scanned in parallel, stoppable.

use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::Corpus;
use super::model::{Article, ArticleIx};

/// How many bytes of context to show on each side of a hit, at most.
const CONTEXT: usize = 70;

/// One match of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// The article it is in.
    pub article: ArticleIx,
    /// Start byte of the match in the article's text.
    pub start: usize,
    /// End byte of the match.
    pub end: usize,
    /// The context to show: the match's sentence, trimmed to about `CONTEXT` bytes a side.
    pub context: Range<usize>,
}

/// Every match of `query` in the corpus, in reading order. An empty query matches nothing.
#[must_use]
pub fn search(corpus: &Corpus, query: &str) -> Vec<Hit> {
    let query = query.trim();
    if query.is_empty() {
        return Vec::new();
    }
    let Ok(ac) = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .build([query])
    else {
        return Vec::new();
    };
    corpus
        .articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(i, a)| {
            let article = ArticleIx::try_from(i).unwrap_or(ArticleIx::MAX);
            find_in(&ac, &a.text)
                .into_iter()
                .map(move |(start, end, context)| Hit {
                    article,
                    start,
                    end,
                    context,
                })
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The reader's matcher for `query`: ASCII-case-insensitive while the query has no uppercase
/// letter ("smart case"), exact once it has one. `None` for an empty query.
#[must_use]
pub fn smart_case_matcher(query: &str) -> Option<AhoCorasick> {
    if query.is_empty() {
        return None;
    }
    let insensitive = !query.chars().any(char::is_uppercase);
    AhoCorasick::builder()
        .ascii_case_insensitive(insensitive)
        .build([query])
        .ok()
}

/// Articles handed to one rayon task at least: enough text that splitting costs nothing
/// measurable, few enough that a raised `cancel` is seen within a millisecond or so.
const MIN_ARTICLES_PER_TASK: usize = 32;

/// Leading bytes of a case-folded query whose case variants the SIMD prefilter looks for (at
/// most 2^4 = 16 variants, well within what the packed searcher takes).
const FOLD_PREFIX: usize = 4;

/// Counts a query's non-overlapping occurrences the way [`smart_case_matcher`] finds them, but
/// faster: an exact-case query goes to memchr's SIMD substring search, and an
/// ASCII-case-insensitive one looks for every case variant of its first few bytes with
/// aho-corasick's packed (SIMD) searcher, then compares the rest ignoring ASCII case. The
/// automaton alone folds case byte by byte and ran several times slower on a 200 MB corpus.
#[derive(Debug)]
pub struct Counter {
    needle: Vec<u8>,
    how: How,
}

#[derive(Debug)]
enum How {
    Exact(memchr::memmem::Finder<'static>),
    Folded(aho_corasick::packed::Searcher),
    /// No SIMD searcher on this machine, or nothing to look for.
    Automaton(Option<AhoCorasick>),
}

impl Counter {
    /// A counter for `query` (smart case).
    #[must_use]
    pub fn new(query: &str) -> Counter {
        let needle = query.as_bytes().to_vec();
        let insensitive = !query.chars().any(char::is_uppercase);
        let how = if needle.is_empty() {
            How::Automaton(None)
        } else if !insensitive || !needle.iter().any(u8::is_ascii_alphabetic) {
            How::Exact(memchr::memmem::Finder::new(&needle).into_owned())
        } else {
            let k = needle.len().min(FOLD_PREFIX);
            let mut variants: Vec<Vec<u8>> = vec![Vec::new()];
            for &b in needle.iter().take(k) {
                let cases = [b.to_ascii_lowercase(), b.to_ascii_uppercase()];
                let n = if cases[0] == cases[1] { 1 } else { 2 };
                variants = variants
                    .into_iter()
                    .flat_map(|v| {
                        cases.into_iter().take(n).map(move |c| {
                            let mut v = v.clone();
                            v.push(c);
                            v
                        })
                    })
                    .collect();
            }
            match aho_corasick::packed::Searcher::new(variants) {
                Some(p) => How::Folded(p),
                None => How::Automaton(smart_case_matcher(query)),
            }
        };
        Counter { needle, how }
    }

    /// Occurrences in `text`, non-overlapping, leftmost first, at most `cap`.
    #[must_use]
    pub fn count(&self, text: &str, cap: usize) -> usize {
        let hay = text.as_bytes();
        match &self.how {
            How::Exact(f) => f.find_iter(hay).take(cap).count(),
            How::Automaton(None) => 0,
            How::Automaton(Some(ac)) => ac.find_iter(text).take(cap).count(),
            How::Folded(pre) => {
                let len = self.needle.len();
                let (mut n, mut at) = (0, 0);
                while n < cap && at < hay.len() {
                    let Some(m) = pre.find_in(hay, aho_corasick::Span::from(at..hay.len())) else {
                        break;
                    };
                    let start = m.start();
                    let whole = hay.get(start..start.saturating_add(len));
                    if whole.is_some_and(|w| w.eq_ignore_ascii_case(&self.needle)) {
                        n += 1;
                        at = start + len;
                    } else {
                        at = start + 1;
                    }
                }
                n
            }
        }
    }
}

/// For every article holding `query` (smart case, see [`smart_case_matcher`]), how many
/// non-overlapping times it does, counting at most `cap` per article; in corpus order.
/// Returns `None` when `cancel` is raised before the scan ends (the answer would be partial).
#[must_use]
pub fn count_hits(
    articles: &[Article],
    query: &str,
    cap: usize,
    cancel: &AtomicBool,
) -> Option<Vec<(ArticleIx, usize)>> {
    if query.is_empty() {
        return Some(Vec::new());
    }
    let counter = Counter::new(query);
    let found: Vec<(ArticleIx, usize)> = articles
        .par_iter()
        .with_min_len(MIN_ARTICLES_PER_TASK)
        .enumerate()
        .filter_map(|(i, a)| {
            // Once cancelled, the remaining articles are skipped rather than scanned.
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let n = counter.count(&a.text, cap);
            let i = ArticleIx::try_from(i).ok()?;
            (n > 0).then_some((i, n))
        })
        .collect();
    (!cancel.load(Ordering::Relaxed)).then_some(found)
}

/// Matches of a prepared query in one text, with their context ranges.
#[must_use]
pub fn find_in(ac: &AhoCorasick, text: &str) -> Vec<(usize, usize, Range<usize>)> {
    ac.find_iter(text)
        .map(|m| (m.start(), m.end(), context(text, m.start(), m.end())))
        .collect()
}

/// The sentence around `start..end`, clipped to `CONTEXT` bytes on each side at char and word
/// boundaries.
fn context(text: &str, start: usize, end: usize) -> Range<usize> {
    let s = super::index::sentence_at(text, start);
    let mut lo = s.start.max(start.saturating_sub(CONTEXT));
    let mut hi = s
        .end
        .max(end)
        .min(end.saturating_add(CONTEXT))
        .min(text.len());
    while lo < start && !text.is_char_boundary(lo) {
        lo += 1;
    }
    while hi > end && !text.is_char_boundary(hi) {
        hi -= 1;
    }
    if lo > s.start {
        if let Some(sp) = text[lo..start].find(' ') {
            lo += sp + 1;
        }
    }
    if hi < s.end {
        if let Some(sp) = text[end..hi].rfind(' ') {
            hi = end + sp;
        }
    }
    lo..hi
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ac(q: &str) -> AhoCorasick {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build([q])
            .unwrap()
    }

    #[test]
    fn finds_case_insensitively_with_sentence_context() {
        let text = "First line here. The Stunt team trained for months. Last one.";
        let hits = find_in(&ac("stunt"), text);
        assert_eq!(hits.len(), 1);
        let (s, e, ctx) = hits[0].clone();
        assert_eq!(&text[s..e], "Stunt");
        assert_eq!(&text[ctx], "The Stunt team trained for months.");
    }

    /// Articles of our own with these bodies (the test corpus builder adds a title line).
    fn articles(bodies: &[&str]) -> Vec<Article> {
        let docs: Vec<(&str, &str, Option<&str>)> =
            bodies.iter().map(|b| ("T", *b, None)).collect();
        crate::app::tests::build(&docs, &[]).articles.to_vec()
    }

    #[test]
    fn counts_hits_per_article_with_smart_case_and_a_cap() {
        let arts = articles(&["Paris, paris, PARIS", "nothing here", "a paris"]);
        let go = AtomicBool::new(false);
        assert_eq!(
            count_hits(&arts, "paris", 100, &go),
            Some(vec![(0, 3), (2, 1)])
        );
        assert_eq!(count_hits(&arts, "Paris", 100, &go), Some(vec![(0, 1)]));
        assert_eq!(
            count_hits(&arts, "paris", 2, &go),
            Some(vec![(0, 2), (2, 1)])
        );
        assert_eq!(count_hits(&arts, "", 100, &go), Some(Vec::new()));
        assert_eq!(count_hits(&arts, "zebra", 100, &go), Some(Vec::new()));
        // Occurrences do not overlap: "aa" is in "aaaa" twice, in "AaA" once.
        let arts = articles(&["aaaa", "AaA"]);
        assert_eq!(
            count_hits(&arts, "aa", 100, &go),
            Some(vec![(0, 2), (1, 1)])
        );
    }

    proptest::proptest! {
        /// The fast counter counts exactly what the smart-case automaton finds.
        #[test]
        fn the_counter_agrees_with_the_automaton(
            text in "[aAbé.]{0,50}",
            query in "[aAbé]{1,4}",
        ) {
            let want = smart_case_matcher(&query).map_or(0, |ac| ac.find_iter(&text).count());
            proptest::prop_assert_eq!(Counter::new(&query).count(&text, usize::MAX), want);
            proptest::prop_assert_eq!(Counter::new(&query).count(&text, 1), want.min(1));
        }
    }

    #[test]
    fn a_cancelled_count_gives_no_partial_answer() {
        let arts = articles(&["paris"; 500]);
        let stop = AtomicBool::new(true);
        assert_eq!(count_hits(&arts, "paris", 100, &stop), None);
    }

    #[test]
    fn context_is_clipped_on_word_and_char_boundaries() {
        let long = "é".repeat(200);
        let text = format!("{long} needle {long}");
        let hits = find_in(&ac("needle"), &text);
        let (_, _, ctx) = hits[0].clone();
        let shown = &text[ctx];
        assert!(shown.contains("needle"));
        assert!(shown.len() <= 2 * CONTEXT + "needle".len());
    }
}
