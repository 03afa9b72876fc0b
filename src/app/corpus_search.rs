//! The corpus-wide search (`s`, then Enter): the App starts it by returning a
//! [`Effect::SearchCorpus`] job, the runner runs the job on a worker thread, and the answer comes
//! back through [`App::on_search`]. Meanwhile the status line says "searching…" and every key
//! keeps working; a newer search supersedes an older one, whose late answer is dropped, and Esc
//! cancels. No threads and no I/O here: [`SearchJob::run`] is called by whoever owns threads.

use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use super::reading::MAX_HITS;
use super::{App, Effect, Overlay, Picker, PickerKind};
use crate::corpus::search::count_hits;
use crate::corpus::{ArticleIx, Corpus};

/// A corpus search to run off the key loop: the query and the corpus it was asked of.
#[derive(Debug, Clone)]
pub struct SearchJob {
    /// Which search this is; only the newest one's answer is shown.
    pub id: u64,
    /// What to look for (smart case).
    pub query: String,
    corpus: Arc<Corpus>,
}

impl PartialEq for SearchJob {
    fn eq(&self, other: &SearchJob) -> bool {
        self.id == other.id && self.query == other.query && Arc::ptr_eq(&self.corpus, &other.corpus)
    }
}

impl Eq for SearchJob {}

impl SearchJob {
    /// Scans every article (in parallel). `None` when `cancel` was raised before it finished.
    #[must_use]
    pub fn run(&self, cancel: &AtomicBool) -> Option<SearchDone> {
        let found = count_hits(&self.corpus.articles, &self.query, MAX_HITS, cancel)?;
        Some(SearchDone {
            id: self.id,
            query: self.query.clone(),
            found,
        })
    }
}

/// The answer to a [`SearchJob`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchDone {
    /// The job it answers.
    pub id: u64,
    /// The query searched for.
    pub query: String,
    /// Articles holding the query and their hit counts, in corpus order.
    pub found: Vec<(ArticleIx, usize)>,
}

/// The search in flight, as the App knows it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Searching {
    /// The id of the newest search started; answers to any other are stale.
    last_id: u64,
    /// The query still being searched for, if one is.
    pub pending: Option<String>,
}

impl App {
    /// Enter in the corpus-search prompt: starts a search (superseding any in flight).
    pub(crate) fn corpus_search(&mut self, query: &str) -> Vec<Effect> {
        if query.trim().is_empty() {
            self.set_message("nothing to search for".to_owned(), false, 1);
            return Vec::new();
        }
        self.searching.last_id = self.searching.last_id.wrapping_add(1);
        self.searching.pending = Some(query.to_owned());
        vec![Effect::SearchCorpus(SearchJob {
            id: self.searching.last_id,
            query: query.to_owned(),
            corpus: Arc::clone(&self.corpus),
        })]
    }

    /// Esc while a search runs: forget it. Returns whether there was one.
    pub(crate) fn cancel_corpus_search(&mut self) -> bool {
        let Some(q) = self.searching.pending.take() else {
            return false;
        };
        self.set_message(format!("search for \"{q}\" cancelled"), false, 1);
        true
    }

    /// Forgets a search in flight without a word (the corpus it was asked of is gone).
    pub(crate) fn drop_corpus_search(&mut self) {
        self.searching.pending = None;
    }

    /// Takes a finished search from the runner: the newest one opens the results picker (most
    /// hits first) or says nothing matched; an older or cancelled one is dropped.
    pub fn on_search(&mut self, done: SearchDone) {
        if done.id != self.searching.last_id || self.searching.pending.is_none() {
            return;
        }
        self.searching.pending = None;
        let mut found = done.found;
        found.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if found.is_empty() {
            let q = done.query;
            self.set_message(format!("no article contains \"{q}\""), false, 2);
            return;
        }
        let items = found
            .into_iter()
            .map(|(a, n)| (a, format!("{n} hit{}", if n == 1 { "" } else { "s" })))
            .collect();
        self.overlay = Some(Overlay::Picker(Picker::new(
            PickerKind::SearchResults(done.query),
            items,
        )));
        self.sync();
    }

    /// "searching all articles for "q"…" while a corpus search runs.
    #[must_use]
    pub fn searching_status(&self) -> Option<String> {
        let q = self.searching.pending.as_ref()?;
        Some(format!("searching all articles for \"{q}\"… (Esc cancels)"))
    }
}

#[cfg(test)]
mod tests;
