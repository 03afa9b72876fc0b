//! The fuzzy list filter's engine: nucleo scores each article's title, source and path (in
//! parallel), and the answers for the prefixes of the query being typed are remembered, so each
//! further key only re-scores the articles that still match and backspace is a lookup. A scan
//! the memo cannot spare is a [`FilterJob`], which the App runs at once on a small corpus and
//! hands to the runner's worker on a large one. Pure: no I/O, no threads beyond rayon's pool.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

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
        // Sized exactly: grown by doubling, a 100,000-article table would hold up to twice
        // its text for as long as the corpus is open.
        let len = |a: &Article| {
            a.title.len() + a.source.as_deref().map_or(0, str::len) + a.path.len() + 2
        };
        let mut h = Haystacks {
            text: String::with_capacity(articles.iter().map(len).sum()),
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
    hays: Arc<Haystacks>,
}

/// A scan of the titles for one query, runnable on any thread (the runner's worker on a large
/// corpus). It shares the haystacks and carries the articles it needs to look at.
#[derive(Debug, Clone)]
pub struct FilterJob {
    /// Which scan this is; only the newest one's answer is shown.
    pub id: u64,
    /// The query typed.
    pub query: String,
    hays: Arc<Haystacks>,
    /// The previous answer when this query only narrows it; `None` scans every article.
    within: Option<Vec<ArticleIx>>,
}

impl PartialEq for FilterJob {
    fn eq(&self, other: &FilterJob) -> bool {
        self.id == other.id
            && self.query == other.query
            && self.within == other.within
            && Arc::ptr_eq(&self.hays, &other.hays)
    }
}

impl Eq for FilterJob {}

impl FilterJob {
    /// Scores the articles. `None` when `cancel` was raised before it finished.
    #[must_use]
    pub fn run(&self, cancel: &AtomicBool) -> Option<FilterDone> {
        let found = score(&self.hays, self.within.as_deref(), &self.query, cancel)?;
        Some(FilterDone {
            id: self.id,
            query: self.query.clone(),
            found,
        })
    }
}

/// The answer to a [`FilterJob`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterDone {
    /// The job it answers.
    pub id: u64,
    /// The query scored.
    pub query: String,
    /// The matching articles, best first (ties in corpus order).
    pub found: Vec<ArticleIx>,
}

/// How a query can be answered.
pub(crate) enum Plan {
    /// From memory.
    Known(Vec<ArticleIx>),
    /// Only by this scan.
    Scan(FilterJob),
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
        self.hays = Arc::new(Haystacks::build(articles));
    }

    /// Keeps only the answers for prefixes of `query` (backspace drops the longer ones).
    fn keep_prefixes_of(&mut self, query: &str) {
        while self
            .steps
            .last()
            .is_some_and(|(q, _)| !query.starts_with(q.as_str()))
        {
            self.steps.pop();
        }
    }

    /// The answer for `query` from memory, or the scan that finds it (with id 0).
    pub(crate) fn plan(&mut self, articles: &[Article], query: &str) -> Plan {
        if self.hays.ends.len() != articles.len() {
            self.reset(articles);
        }
        self.keep_prefixes_of(query);
        if let Some((q, found)) = self.steps.last() {
            if q == query {
                return Plan::Known(found.clone());
            }
        }
        let within = self
            .steps
            .last()
            .filter(|(q, _)| narrows(q, query))
            .map(|(_, found)| found.clone());
        Plan::Scan(FilterJob {
            id: 0,
            query: query.to_owned(),
            hays: Arc::clone(&self.hays),
            within,
        })
    }

    /// Remembers the answer of a finished scan.
    pub(crate) fn remember(&mut self, query: &str, found: Vec<ArticleIx>) {
        self.keep_prefixes_of(query);
        if self.steps.last().is_some_and(|(q, _)| q == query) {
            return;
        }
        if self.steps.len() >= MAX_STEPS {
            self.steps.remove(0);
        }
        self.steps.push((query.to_owned(), found));
    }

    /// The articles matching `query`, best first (ties in corpus order), scanning here if the
    /// memo does not know.
    pub(crate) fn filter(&mut self, articles: &[Article], query: &str) -> Vec<ArticleIx> {
        match self.plan(articles, query) {
            Plan::Known(found) => found,
            Plan::Scan(job) => {
                let found = job
                    .run(&AtomicBool::new(false))
                    .map(|d| d.found)
                    .unwrap_or_default();
                self.remember(query, found.clone());
                found
            }
        }
    }
}

/// Scores `within` (or every article) against `query`; the matches, best first.
fn score(
    hays: &Haystacks,
    within: Option<&[ArticleIx]>,
    query: &str,
    cancel: &AtomicBool,
) -> Option<Vec<ArticleIx>> {
    let pattern = Pattern::parse(query, CaseMatching::Smart, Normalization::Smart);
    let one = |i: ArticleIx| {
        // Once cancelled, the remaining articles are skipped rather than scored.
        if cancel.load(Ordering::Relaxed) {
            return None;
        }
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
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    scored.par_sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    Some(scored.into_iter().map(|(_, i)| i).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::build;

    fn titles(ts: &[&str]) -> Vec<Article> {
        let docs: Vec<(&str, &str, Option<&str>)> = ts.iter().map(|t| (*t, "body", None)).collect();
        build(&docs, &[]).articles.to_vec()
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
