//! The article list: which articles are shown (all, fuzzy-filtered, or those mentioning an
//! entity), the selection and its scroll offset (the fuzzy scoring is in `fuzzy.rs`). Moving the selection opens the article.

use super::fuzzy::{FilterDone, Plan};
use super::{App, Effect, step_index};
use crate::config::SortOrder;
use crate::corpus::{ArticleIx, EntityIx};

/// Articles from which a filter scan the memo cannot answer runs on the runner's worker rather
/// than in the key loop: below this a full scan takes a few milliseconds.
pub(crate) const FILTER_OFF_LOOP_FROM: usize = 20_000;

/// What narrows the list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Filter {
    /// Fuzzy match on title, source and path, best first.
    Fuzzy(String),
    /// Only articles that mention this entity, in corpus order.
    Entity(EntityIx),
}

/// The list's state.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleList {
    /// The articles shown, in display order.
    pub visible: Vec<ArticleIx>,
    /// Row of the selection in `visible`.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
    /// The active filter.
    pub filter: Option<Filter>,
}

impl ArticleList {
    /// A list of all `n` articles.
    #[must_use]
    pub fn all(n: usize) -> ArticleList {
        ArticleList {
            visible: (0..n).filter_map(|i| ArticleIx::try_from(i).ok()).collect(),
            ..ArticleList::default()
        }
    }

    /// The article under the selection.
    #[must_use]
    pub fn selected_article(&self) -> Option<ArticleIx> {
        self.visible.get(self.selected).copied()
    }

    /// Moves the selection onto `a` if it is shown.
    pub fn select_article(&mut self, a: ArticleIx) {
        if let Some(i) = self.visible.iter().position(|x| *x == a) {
            self.selected = i;
        }
    }

    /// Adjusts the offset so the selection is among `rows` shown rows.
    pub fn keep_visible(&mut self, rows: usize) {
        let rows = rows.max(1);
        self.selected = self.selected.min(self.visible.len().saturating_sub(1));
        if self.selected < self.offset {
            self.offset = self.selected;
        } else if self.selected >= self.offset + rows {
            self.offset = self.selected + 1 - rows;
        }
        // Never leave empty rows below the end while earlier rows are hidden (after a resize).
        self.offset = self.offset.min(self.visible.len().saturating_sub(rows));
    }
}

impl App {
    pub(crate) fn list_move(&mut self, delta: isize) {
        if self.list.visible.is_empty() {
            return;
        }
        self.list.selected = step_index(self.list.selected, delta, self.list.visible.len());
        self.open_selected();
    }

    /// Opens the selected article in the reader unless it already is open.
    pub(crate) fn open_selected(&mut self) {
        if let Some(a) = self.list.selected_article() {
            if self.reading.as_ref().map(|r| r.article) != Some(a) {
                self.open_article(a);
            }
        }
    }

    /// Applies (or clears) a filter, keeping the open article selected when it is still shown.
    pub fn set_filter(&mut self, filter: Option<Filter>) {
        self.pending_filter = None;
        let visible = match &filter {
            None => self.all_articles(),
            Some(Filter::Fuzzy(q)) => self.fuzzy(q),
            Some(Filter::Entity(e)) => self.articles_mentioning(*e),
        };
        self.show_filtered(filter, visible);
    }

    /// A key typed in the filter prompt: the list narrows at once when the memo knows the
    /// answer or the corpus is small; otherwise the scan goes to the runner's worker
    /// ([`Effect::FilterList`]) and the answer comes back through [`App::on_filter`], the keys
    /// staying live meanwhile.
    pub(crate) fn filter_typed(&mut self, query: &str) -> Vec<Effect> {
        if query.trim().is_empty() {
            self.set_filter(None);
            return Vec::new();
        }
        let filter = Some(Filter::Fuzzy(query.to_owned()));
        match self.fuzzy_memo.plan(&self.corpus.articles, query) {
            Plan::Known(found) => {
                self.pending_filter = None;
                self.show_filtered(filter, found);
            }
            Plan::Scan(_) if self.corpus.articles.len() < self.filter_off_loop_from => {
                self.set_filter(filter);
            }
            Plan::Scan(mut job) => {
                self.filter_seq = self.filter_seq.wrapping_add(1);
                job.id = self.filter_seq;
                self.pending_filter = Some(job.id);
                return vec![Effect::FilterList(job)];
            }
        }
        Vec::new()
    }

    /// Takes a finished filter scan from the runner: the newest one, while the filter prompt
    /// is still open, narrows the list; any other is dropped.
    pub fn on_filter(&mut self, done: FilterDone) {
        if self.pending_filter != Some(done.id) {
            return;
        }
        self.pending_filter = None;
        self.fuzzy_memo.remember(&done.query, done.found.clone());
        self.show_filtered(Some(Filter::Fuzzy(done.query)), done.found);
        self.sync();
    }

    /// Whether a filter scan is running on the worker.
    #[must_use]
    pub fn filtering(&self) -> bool {
        self.pending_filter.is_some()
    }

    fn show_filtered(&mut self, filter: Option<Filter>, visible: Vec<ArticleIx>) {
        self.list.visible = visible;
        self.list.filter = filter;
        self.list.selected = 0;
        self.list.offset = 0;
        if let Some(r) = &self.reading {
            self.list.select_article(r.article);
        }
    }

    fn fuzzy(&mut self, query: &str) -> Vec<ArticleIx> {
        if query.trim().is_empty() {
            return self.all_articles();
        }
        self.fuzzy_memo.filter(&self.corpus.articles, query)
    }

    /// Every article, in the configured sort order.
    #[must_use]
    pub fn all_articles(&self) -> Vec<ArticleIx> {
        if self.all_order.len() == self.corpus.articles.len() {
            return self.all_order.clone();
        }
        self.sorted_articles()
    }

    /// Sorts every article in the configured order, once per corpus and setting: sorting
    /// 100,000 titles on every Esc would be felt.
    pub(crate) fn refresh_all_order(&mut self) {
        self.all_order = Vec::new();
        self.all_order = self.sorted_articles();
    }

    fn sorted_articles(&self) -> Vec<ArticleIx> {
        let mut all = ArticleList::all(self.corpus.articles.len()).visible;
        let arts = &self.corpus.articles;
        let get = |a: &ArticleIx| arts.get(*a as usize);
        match self.settings.sort {
            // The loader already walks the paths in sorted order (folders depth first, the
            // PATH arguments as given); re-sorting the strings would pull folders apart.
            SortOrder::Path => {}
            // Newest first; ISO dates sort as text, and undated articles go last.
            SortOrder::Date => all.sort_by(|a, b| {
                let d = |x: &ArticleIx| get(x).and_then(|x| x.date.as_deref());
                match (d(a), d(b)) {
                    (Some(x), Some(y)) => y.cmp(x),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => std::cmp::Ordering::Equal,
                }
            }),
            SortOrder::Title => all
                .sort_by_cached_key(|a| get(a).map(|x| x.title.to_lowercase()).unwrap_or_default()),
        }
        all
    }

    /// Articles mentioning entity `e`, in corpus order (the index's posting list, rather than
    /// a walk over every mention).
    #[must_use]
    pub fn articles_mentioning(&self, e: EntityIx) -> Vec<ArticleIx> {
        self.corpus
            .index
            .postings
            .get(e as usize)
            .map(<[ArticleIx]>::to_vec)
            .unwrap_or_default()
    }

    pub(crate) fn filter_by_entity(&mut self) {
        let Some(e) = self.entity else {
            self.set_message("select an entity first".to_owned(), false, 1);
            return;
        };
        self.set_filter(Some(Filter::Entity(e)));
        let n = self.list.visible.len();
        let name = self.entity_name(e).to_owned();
        self.set_message(
            format!("{n} articles mention {name} (Esc clears)"),
            false,
            2,
        );
    }

    /// A title for the list pane naming the active filter.
    #[must_use]
    pub fn list_title(&self) -> String {
        let n = self.list.visible.len();
        match &self.list.filter {
            None => format!("Articles ({n})"),
            Some(Filter::Fuzzy(q)) => format!("Articles matching \"{q}\" ({n})"),
            Some(Filter::Entity(e)) => {
                format!("Articles mentioning {} ({n})", self.entity_name(*e))
            }
        }
    }
}

#[cfg(test)]
mod tests;
