//! The fuzzy list filter's engine: nucleo scores each article's title, source and path (in
//! parallel), and the answers for the prefixes of the query being typed are remembered, so each
//! further key only re-scores the articles that still match and backspace is a lookup. On
//! 100,000 articles a full scan is what makes typing lag; this keeps it to the first key. Pure:
//! no I/O, and it never decides what the list shows beyond the ordered matches.

use nucleo_matcher::pattern::{CaseMatching, Normalization, Pattern};
use nucleo_matcher::{Config, Matcher, Utf32Str};
use rayon::prelude::*;

use crate::corpus::{Article, ArticleIx};

/// Answers kept at most: one per typed character of a query, so a long query cannot make the
/// memo hold the corpus many times over.
const MAX_STEPS: usize = 16;

/// Articles handed to one rayon task at least: fewer tasks, fewer partial result lists.
const MIN_PER_TASK: usize = 2048;

/// Characters of nucleo's pattern syntax (negation, anchors, exact match, escapes). With one of
/// them in the query, a longer query can match articles a shorter one did not ("!a" against
/// "!ab"), so the previous answer is not a safe place to start.
const SYNTAX: [char; 5] = ['!', '^', '$', '\'', '\\'];

/// What the filter matches, for every article, in one buffer: "title source path". Built once
/// per corpus, so a key press reads one contiguous block instead of three scattered strings
/// per article and builds nothing.
#[derive(Debug, Default)]
struct Haystacks {
    text: String,
    /// End of each article's haystack in `text` (it starts where the previous one ends).
    ends: Vec<usize>,
}

impl Haystacks {
    fn build(articles: &[Article]) -> Haystacks {
        let mut h = Haystacks {
            text: String::new(),
            ends: Vec::with_capacity(articles.len()),
        };
        for a in articles {
            h.text.push_str(&a.title);
            h.text.push(' ');
            h.text.push_str(a.source.as_deref().unwrap_or(""));
            h.text.push(' ');
            h.text.push_str(&a.path);
            h.ends.push(h.text.len());
        }
        h
    }

    fn get(&self, i: usize) -> Option<&str> {
        let start = match i.checked_sub(1) {
            Some(p) => *self.ends.get(p)?,
            None => 0,
        };
        self.text.get(start..*self.ends.get(i)?)
    }
}

thread_local! {
    /// Each thread's matcher and buffer, kept between key presses: a matcher holds a large
    /// zeroed scratch area, and allocating one per task showed up in profiles.
    static SCRATCH: std::cell::RefCell<(Matcher, Vec<char>)> =
        std::cell::RefCell::new((Matcher::new(Config::DEFAULT), Vec::new()));
}

/// Remembered answers for a chain of queries, each a prefix of the next, and the haystacks.
#[derive(Debug, Default)]
pub(crate) struct FuzzyMemo {
    steps: Vec<(String, Vec<ArticleIx>)>,
    hays: Haystacks,
}

/// True when every match of `next` is also a match of `prev`: `next` only adds characters to
/// the end of `prev`, and neither uses pattern syntax. Adding characters to an atom keeps it a
/// subsequence of the same haystacks, and adding atoms only adds conditions.
fn narrows(prev: &str, next: &str) -> bool {
    !prev.trim().is_empty() && next.starts_with(prev) && !next.contains(SYNTAX)
}

impl FuzzyMemo {
    /// Forgets every answer and prepares the haystacks of a new corpus.
    pub(crate) fn reset(&mut self, articles: &[Article]) {
        self.steps.clear();
        self.hays = Haystacks::build(articles);
    }

    /// The articles matching `query`, best first (ties in corpus order).
    pub(crate) fn filter(&mut self, articles: &[Article], query: &str) -> Vec<ArticleIx> {
        if self.hays.ends.len() != articles.len() {
            self.reset(articles);
        }
        // Keep only the answers for prefixes of this query (backspace drops the longer ones).
        while self
            .steps
            .last()
            .is_some_and(|(q, _)| !query.starts_with(q.as_str()))
        {
            self.steps.pop();
        }
        if let Some((q, found)) = self.steps.last() {
            if q == query {
                return found.clone();
            }
        }
        let within = self
            .steps
            .last()
            .filter(|(q, _)| narrows(q, query))
            .map(|(_, found)| found.as_slice());
        let found = score(&self.hays, within, query);
        if self.steps.len() >= MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push((query.to_owned(), found.clone()));
        found
    }
}

/// Scores `within` (or every article) against `query`; the matches, best first.
fn score(hays: &Haystacks, within: Option<&[ArticleIx]>, query: &str) -> Vec<ArticleIx> {
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let one = |i: ArticleIx| {
        let hay = hays.get(i as usize)?;
        SCRATCH.with_borrow_mut(|(matcher, buf)| {
            let s = pattern.score(Utf32Str::new(hay, buf), matcher)?;
            Some((s, i))
        })
    };
    let mut scored: Vec<(u32, ArticleIx)> = match within {
        Some(ixs) => ixs
            .par_iter()
            .with_min_len(MIN_PER_TASK)
            .filter_map(|&i| one(i))
            .collect(),
        None => (0..hays.ends.len())
            .into_par_iter()
            .with_min_len(MIN_PER_TASK)
            .filter_map(|i| one(ArticleIx::try_from(i).ok()?))
            .collect(),
    };
    scored.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    scored.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::build;

    fn titles(ts: &[&str]) -> Vec<Article> {
        let docs: Vec<(&str, &str, Option<&str>)> = ts.iter().map(|t| (*t, "body", None)).collect();
        build(&docs, &[]).articles
    }

    /// The answer without the memo: every article scored afresh.
    fn fresh(arts: &[Article], q: &str) -> Vec<ArticleIx> {
        FuzzyMemo::default().filter(arts, q)
    }

    #[test]
    fn typing_and_backspace_give_the_same_answers_as_a_fresh_scan() {
        let arts = titles(&[
            "Harbor lights premiere",
            "Lisbon harbour reopens",
            "Minister resigns",
            "Mining output falls",
            "Harvest festival",
        ]);
        let mut memo = FuzzyMemo::default();
        let typed = [
            "h", "ha", "har", "harb", "har", "ha", "hav", "hav f", "m", "mi", "min",
        ];
        for q in typed {
            assert_eq!(memo.filter(&arts, q), fresh(&arts, q), "query {q:?}");
        }
        assert_eq!(fresh(&arts, "harb"), vec![0, 1]);
    }

    #[test]
    fn pattern_syntax_is_never_narrowed_from_a_shorter_query() {
        // "!har" excludes Harbor and Harvest; "!harb" lets Harvest back in.
        let arts = titles(&["Harbor", "Harvest", "Mining"]);
        let mut memo = FuzzyMemo::default();
        let a = memo.filter(&arts, "!har");
        let b = memo.filter(&arts, "!harb");
        assert_eq!(a, fresh(&arts, "!har"));
        assert_eq!(b, fresh(&arts, "!harb"));
        assert!(b.contains(&1) && !a.contains(&1));
    }
}
