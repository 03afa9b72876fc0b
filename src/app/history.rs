//! The jump history behind Ctrl-o / Ctrl-i: positions recorded before every jump, restored with
//! their scroll offset, selected entity and current mention. Positions name articles by id, so
//! they stay meaningful when the corpus is reloaded (and can be saved by issue 4).

use super::{App, Pane};
use crate::corpus::EntityIx;

/// A place in the corpus worth returning to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// The article's stable id.
    pub article: String,
    /// The article's path: of two files with the same text (and so the same id), the one
    /// that was open.
    pub path: String,
    /// Byte offset of the top of the reading pane.
    pub offset: usize,
    /// The entity that was selected.
    pub entity: Option<EntityIx>,
    /// Start byte of the current mention, if one was current.
    pub mention: Option<usize>,
}

/// Back and forward stacks, like a browser's.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// Older positions, newest last.
    pub back: Vec<Position>,
    /// Positions undone by going back, newest last.
    pub forward: Vec<Position>,
}

/// Positions kept at most; the oldest are dropped.
const LIMIT: usize = 200;

impl History {
    /// Total positions held.
    #[must_use]
    pub fn len(&self) -> usize {
        self.back.len() + self.forward.len()
    }

    /// True when there is nowhere to go.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn record(&mut self, p: Position) {
        if self.back.last() != Some(&p) {
            self.back.push(p);
        }
        if self.back.len() > LIMIT {
            self.back.remove(0);
        }
        self.forward.clear();
    }
}

impl App {
    /// The current position, if an article is open.
    #[must_use]
    pub fn position(&self) -> Option<Position> {
        let r = self.reading.as_ref()?;
        let a = self.corpus.articles.get(r.article as usize)?;
        Some(Position {
            article: a.id.clone(),
            path: a.path.clone(),
            offset: r.top,
            entity: self.entity,
            mention: self.current_mark().map(|m| m.range.start),
        })
    }

    /// Runs `f` as a jump: if the position changes, the old one is recorded for Ctrl-o.
    pub(crate) fn jump(&mut self, f: impl FnOnce(&mut App)) {
        let before = self.position();
        f(self);
        let after = self.position();
        if let Some(b) = before {
            if after.as_ref() != Some(&b) {
                self.history.record(b);
            }
        }
    }

    pub(crate) fn jump_back(&mut self) {
        let Some(target) = self.history.back.pop() else {
            self.set_message("no earlier position".to_owned(), false, 1);
            return;
        };
        if let Some(here) = self.position() {
            self.history.forward.push(here);
        }
        self.restore(&target);
    }

    pub(crate) fn jump_forward(&mut self) {
        let Some(target) = self.history.forward.pop() else {
            self.set_message("no later position".to_owned(), false, 1);
            return;
        };
        if let Some(here) = self.position() {
            self.history.back.push(here);
        }
        self.restore(&target);
    }

    /// Puts the reader back at `p` (skipped with a message when the article is gone).
    pub fn restore(&mut self, p: &Position) {
        let Some(a) = self.article_at(&p.article, &p.path) else {
            self.set_message(
                "that article is no longer in the corpus".to_owned(),
                true,
                2,
            );
            return;
        };
        self.open_article(a);
        self.entity = p
            .entity
            .filter(|e| (*e as usize) < self.corpus.entities.len());
        if let Some(r) = self.reading.as_mut() {
            r.top = p.offset.min(
                self.corpus
                    .articles
                    .get(a as usize)
                    .map_or(0, |x| x.text.len()),
            );
            r.current = p.mention.and_then(|start| {
                r.marks
                    .iter()
                    .position(|m| m.range.start == start && Some(m.entity) == self.entity)
            });
        }
        self.focus = Pane::Reader;
    }
}
