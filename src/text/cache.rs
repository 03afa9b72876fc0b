//! A small cache of wrapped articles keyed by (article, width), so scrolling and redrawing never
//! re-wrap, and a resize back to an earlier width is free. Pure data, no I/O.

use std::sync::Arc;

use super::wrap::{Wrapped, wrap};
use crate::corpus::ArticleIx;

/// Most recently used wrappings, newest last.
#[derive(Debug, Clone, Default)]
pub struct WrapCache {
    entries: Vec<(ArticleIx, u16, Arc<Wrapped>)>,
}

/// How many wrappings are kept: a few articles at a couple of widths.
const CAPACITY: usize = 8;

impl WrapCache {
    /// The cached wrapping of `article` at `width`, if there is one.
    #[must_use]
    pub fn get(&self, article: ArticleIx, width: u16) -> Option<Arc<Wrapped>> {
        let width = width.max(1);
        self.entries
            .iter()
            .find(|(a, w, _)| *a == article && *w == width)
            .map(|(_, _, wr)| Arc::clone(wr))
    }

    /// The wrapping of `text` (article `article`) at `width`, computed at most once.
    pub fn get_or_wrap(&mut self, article: ArticleIx, text: &str, width: u16) -> Arc<Wrapped> {
        let width = width.max(1);
        if let Some(pos) = self
            .entries
            .iter()
            .position(|(a, w, _)| *a == article && *w == width)
        {
            let e = self.entries.remove(pos);
            let wr = Arc::clone(&e.2);
            self.entries.push(e);
            return wr;
        }
        let wr = Arc::new(wrap(text, width));
        if self.entries.len() >= CAPACITY {
            self.entries.remove(0);
        }
        self.entries.push((article, width, Arc::clone(&wr)));
        wr
    }

    /// Forgets everything (after the corpus changes).
    pub fn clear(&mut self) {
        self.entries.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_request_returns_the_same_wrapping() {
        let mut c = WrapCache::default();
        let a = c.get_or_wrap(0, "some words here", 5);
        let b = c.get_or_wrap(0, "ignored because cached", 5);
        assert!(Arc::ptr_eq(&a, &b));
        assert!(c.get(0, 6).is_none());
    }

    #[test]
    fn oldest_entry_is_evicted_beyond_capacity() {
        let mut c = WrapCache::default();
        for w in 1..=9u16 {
            c.get_or_wrap(0, "x y z", w);
        }
        assert!(c.get(0, 1).is_none());
        assert!(c.get(0, 9).is_some());
    }
}
