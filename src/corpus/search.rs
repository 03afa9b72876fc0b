//! Full-text search over a corpus's reading texts. Pure, no I/O.
//!
//! Matching is case-insensitive for ASCII letters (aho-corasick's ASCII folding) and exact for
//! other characters, so byte offsets stay offsets into the original text.

use std::ops::Range;

use aho_corasick::AhoCorasick;
use rayon::prelude::*;

use super::Corpus;
use super::model::ArticleIx;

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
