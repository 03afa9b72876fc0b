//! The open article: its scroll position (a byte offset), its mentions, the current mention,
//! the article search, and moving between mentions (n/N, ]/[, on-screen). No I/O.

use std::ops::Range;
use std::sync::Arc;

use super::{App, step_index};
use crate::corpus::search::smart_case_matcher;
use crate::corpus::{ArticleIx, EntityIx};
use crate::text::{Wrapped, wrap};

/// One mention inside the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionMark {
    /// Bytes of the article text.
    pub range: Range<usize>,
    /// The entity mentioned.
    pub entity: EntityIx,
}

/// The article search: a query and its hits in the open article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// What was typed.
    pub query: String,
    /// Every hit, in order.
    pub hits: Vec<Range<usize>>,
    /// The current hit.
    pub current: Option<usize>,
}

/// The open article and where the reader is in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    /// Which article.
    pub article: ArticleIx,
    /// Byte offset shown at the top of the pane.
    pub top: usize,
    /// Its mentions, by start.
    pub marks: Vec<MentionMark>,
    /// Index into `marks` of the current mention.
    pub current: Option<usize>,
    /// The article search, when one is active.
    pub search: Option<Search>,
}

/// Hits kept at most per article, so a one-letter search in a huge file stays cheap.
pub(crate) const MAX_HITS: usize = 100_000;

/// Finds `query` in `text`: case-insensitive (ASCII) unless the query has an uppercase letter.
#[must_use]
pub fn find_all(text: &str, query: &str) -> Vec<Range<usize>> {
    let Some(ac) = smart_case_matcher(query) else {
        return Vec::new();
    };
    ac.find_iter(text)
        .take(MAX_HITS)
        .map(|m| m.range())
        .collect()
}

impl App {
    /// Opens article `a` at its remembered position (or the top).
    pub fn open_article(&mut self, a: ArticleIx) {
        let Some(article) = self.corpus.articles.get(a as usize) else {
            return;
        };
        if let Some(old) = self.reading.take() {
            if let Some(o) = self.corpus.articles.get(old.article as usize) {
                self.positions.insert(o.id.clone(), old.top);
            }
        }
        let marks = self.marks_of(a);
        let top = self.positions.get(&article.id).copied().unwrap_or(0);
        self.reading = Some(Reading {
            article: a,
            top: top.min(article.text.len()),
            marks,
            current: None,
            search: None,
        });
        self.list.select_article(a);
    }

    /// The highlighted mentions of article `a`, by start, of the kinds shown.
    pub(crate) fn marks_of(&self, a: ArticleIx) -> Vec<MentionMark> {
        let Some(text) = self.corpus.articles.get(a as usize).map(|x| &x.text) else {
            return Vec::new();
        };
        let mut marks = Vec::new();
        for (e, _) in self
            .corpus
            .index
            .by_article
            .get(a as usize)
            .into_iter()
            .flatten()
        {
            let Some(entity) = self.corpus.entities.get(*e as usize) else {
                continue;
            };
            if !self.settings.shows(entity.kind) {
                continue;
            }
            let ms = &entity.mentions;
            let lo = ms.partition_point(|m| m.article < a);
            for m in ms
                .get(lo..)
                .unwrap_or(&[])
                .iter()
                .take_while(|m| m.article == a)
            {
                let r = m.range();
                // The engine promises valid spans; a bad one is skipped rather than trusted.
                if r.start < r.end && text.get(r.clone()).is_some() {
                    marks.push(MentionMark {
                        range: r,
                        entity: *e,
                    });
                }
            }
        }
        marks.sort_by_key(|m| (m.range.start, m.range.end));
        marks
    }

    /// The wrapping of the open article at the current width.
    #[must_use]
    pub fn wrapped(&self) -> Option<Arc<Wrapped>> {
        let r = self.reading.as_ref()?;
        let width = self.text_size.0;
        self.wraps.get(r.article, width).or_else(|| {
            let a = self.corpus.articles.get(r.article as usize)?;
            Some(Arc::new(wrap(&a.text, width)))
        })
    }

    /// Rows of article text the reading pane shows.
    #[must_use]
    pub fn text_rows(&self) -> usize {
        usize::from(self.text_size.1)
    }

    /// The open article's text.
    #[must_use]
    pub fn open_text(&self) -> &str {
        self.reading
            .as_ref()
            .and_then(|r| self.corpus.articles.get(r.article as usize))
            .map_or("", |a| a.text.as_str())
    }

    /// The current mention, if any.
    #[must_use]
    pub fn current_mark(&self) -> Option<&MentionMark> {
        let r = self.reading.as_ref()?;
        r.marks.get(r.current?)
    }

    /// Index of the first display line shown.
    #[must_use]
    pub fn top_line(&self) -> usize {
        match (self.reading.as_ref(), self.wrapped()) {
            (Some(r), Some(w)) => w.line_at(r.top),
            _ => 0,
        }
    }

    /// How much of the article has been on screen, 0-100.
    #[must_use]
    pub fn percent_read(&self) -> u8 {
        let Some(w) = self.wrapped() else { return 0 };
        let len = w.len().max(1);
        let seen = (self.top_line() + self.text_rows()).min(len);
        u8::try_from(seen * 100 / len).unwrap_or(100)
    }

    /// Scrolls the reading pane by `delta` display lines, stopping at the ends.
    pub(crate) fn scroll_lines(&mut self, delta: isize) {
        let Some(w) = self.wrapped() else { return };
        let max_top = w.len().saturating_sub(self.text_rows());
        let line = self.top_line().saturating_add_signed(delta).min(max_top);
        if let Some(r) = self.reading.as_mut() {
            r.top = w.anchor(line);
        }
    }

    /// Scrolls so that byte `offset` is on screen, a third of the way down when it was not.
    pub(crate) fn reveal(&mut self, offset: usize) {
        let Some(w) = self.wrapped() else { return };
        let rows = self.text_rows().max(1);
        let line = w.line_at(offset);
        let top = self.top_line();
        if line >= top && line < top + rows {
            return;
        }
        let max_top = w.len().saturating_sub(rows);
        let new_top = line.saturating_sub(rows / 3).min(max_top);
        if let Some(r) = self.reading.as_mut() {
            r.top = w.anchor(new_top);
        }
    }

    /// Byte range of the text on screen.
    #[must_use]
    pub fn visible_bytes(&self) -> Range<usize> {
        let Some(w) = self.wrapped() else { return 0..0 };
        let top = self.top_line();
        let last = (top + self.text_rows()).min(w.len()).saturating_sub(1);
        let start = w.lines.get(top).map_or(0, |l| l.anchor);
        let end = w
            .lines
            .get(last)
            .map_or(start, |l| l.range.end.max(l.anchor));
        start..end
    }

    pub(crate) fn set_current(&mut self, i: usize) {
        let Some(r) = self.reading.as_mut() else {
            return;
        };
        let Some(m) = r.marks.get(i) else { return };
        let (start, e) = (m.range.start, m.entity);
        r.current = Some(i);
        self.entity = Some(e);
        self.reveal(start);
    }

    /// Runs the article search for `query`, making the first hit at or below the top current.
    pub(crate) fn search_article(&mut self, query: &str) {
        let hits = find_all(self.open_text(), query);
        let Some(r) = self.reading.as_mut() else {
            return;
        };
        let current = hits
            .iter()
            .position(|h| h.start >= r.top)
            .or_else(|| (!hits.is_empty()).then_some(0));
        let start = current.and_then(|c| hits.get(c)).map(|h| h.start);
        r.search = Some(Search {
            query: query.to_owned(),
            hits,
            current,
        });
        if let Some(s) = start {
            self.reveal(s);
        }
    }

    /// The name of an entity (empty when out of range).
    #[must_use]
    pub fn entity_name(&self, e: EntityIx) -> &str {
        self.corpus
            .entities
            .get(e as usize)
            .map_or("", |x| x.name.as_str())
    }

    /// The open article's entities with their counts here, most mentioned first.
    #[must_use]
    pub fn article_entities(&self) -> std::borrow::Cow<'_, [(EntityIx, u32)]> {
        let all = self
            .reading
            .as_ref()
            .and_then(|r| self.corpus.index.by_article.get(r.article as usize))
            .unwrap_or_default();
        if self.settings.hidden_kinds.is_empty() {
            return std::borrow::Cow::Borrowed(all);
        }
        let shown = |e: &EntityIx| {
            self.corpus
                .entities
                .get(*e as usize)
                .is_some_and(|x| self.settings.shows(x.kind))
        };
        all.iter().filter(|(e, _)| shown(e)).copied().collect()
    }

    /// Row of the selected entity in the sidebar.
    #[must_use]
    pub fn sidebar_selected(&self) -> Option<usize> {
        let e = self.entity?;
        self.article_entities().iter().position(|(x, _)| *x == e)
    }

    pub(crate) fn sidebar_move(&mut self, delta: isize) {
        let list = self.article_entities();
        if list.is_empty() {
            return;
        }
        let i = match self.sidebar_selected() {
            Some(i) => step_index(i, delta, list.len()),
            // Nothing selected yet: count the first step as landing on the first (or last) row.
            None if delta < 0 => step_index(list.len() - 1, delta.saturating_add(1), list.len()),
            None => step_index(0, delta.saturating_sub(1), list.len()),
        };
        self.entity = list.get(i).map(|(e, _)| *e);
        if let Some(r) = self.reading.as_mut() {
            r.current = None;
        }
    }

    pub(crate) fn keep_sidebar_visible(&mut self) {
        let h = usize::from(self.viewport.sidebar.height).max(1);
        let n = self.article_entities().len();
        if let Some(i) = self.sidebar_selected() {
            if i < self.sidebar_offset {
                self.sidebar_offset = i;
            } else if i >= self.sidebar_offset + h {
                self.sidebar_offset = i + 1 - h;
            }
        }
        self.sidebar_offset = self.sidebar_offset.min(n.saturating_sub(h));
    }

    /// "hit 2 of 5" for the article search, when one is active.
    #[must_use]
    pub fn search_status(&self) -> Option<String> {
        let s = self.reading.as_ref()?.search.as_ref()?;
        Some(match s.current {
            _ if s.hits.is_empty() => format!("no hits for \"{}\"", s.query),
            Some(c) => format!("hit {} of {} for \"{}\"", c + 1, s.hits.len(), s.query),
            None => format!("{} hits for \"{}\"", s.hits.len(), s.query),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_is_case_insensitive_until_an_uppercase_letter_is_typed() {
        let text = "Paris and paris and PARIS";
        assert_eq!(find_all(text, "paris").len(), 3);
        assert_eq!(find_all(text, "Paris"), vec![0..5]);
        assert!(find_all(text, "").is_empty());
    }
}
