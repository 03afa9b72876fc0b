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
    let Some(ac) = smart_case_matcher(query) else {
        return Some(Vec::new());
    };
    let found: Vec<(ArticleIx, usize)> = articles
        .par_iter()
        .with_min_len(MIN_ARTICLES_PER_TASK)
        .enumerate()
        .filter_map(|(i, a)| {
            // Once cancelled, the remaining articles are skipped rather than scanned.
            if cancel.load(Ordering::Relaxed) {
                return None;
            }
            let n = ac.find_iter(&a.text).take(cap).count();
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
        crate::app::tests::build(&docs, &[]).articles
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
