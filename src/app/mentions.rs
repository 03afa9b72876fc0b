//! Moving between mentions: n/N within the open article (or search hits while searching),
//! ]/[ across the corpus in mention order, e/E from the screen; and the status text naming
//! where the reader is among an entity's mentions. Every move that goes somewhere is a jump.

use super::reading::MentionMark;
use super::{App, Pane};

impl App {
    /// n/N: the next search hit when searching, else the selected entity's next mention here.
    pub(crate) fn step_mention(&mut self, forward: bool) {
        if self.reading.as_ref().is_some_and(|r| r.search.is_some()) {
            self.jump(|app| app.step_hit(forward));
            return;
        }
        let Some(e) = self.entity else {
            self.set_message(
                "select an entity first (Tab to the sidebar, or e)".to_owned(),
                false,
                1,
            );
            return;
        };
        let Some(r) = self.reading.as_ref() else {
            return;
        };
        let mine: Vec<usize> = (0..r.marks.len())
            .filter(|i| r.marks[*i].entity == e)
            .collect();
        if mine.is_empty() {
            let name = self.entity_name(e);
            self.set_message(
                format!("no mention of {name} here; ] finds the next one"),
                false,
                1,
            );
            return;
        }
        let pos = match r.current.and_then(|c| r.marks.get(c).map(|m| (c, m))) {
            Some((c, m)) if m.entity == e => Err(c),
            _ => Ok(r.top),
        };
        let next = if forward {
            match pos {
                Err(c) => mine.iter().find(|i| **i > c),
                Ok(top) => mine.iter().find(|i| r.marks[**i].range.start >= top),
            }
        } else {
            match pos {
                Err(c) => mine.iter().rev().find(|i| **i < c),
                Ok(top) => mine.iter().rev().find(|i| r.marks[**i].range.start < top),
            }
        };
        let target = match next {
            Some(i) => *i,
            None => {
                let wrapped = if forward { mine.first() } else { mine.last() };
                self.set_message(
                    "wrapped around this article; ] and [ cross into others".to_owned(),
                    false,
                    1,
                );
                wrapped.copied().unwrap_or(0)
            }
        };
        self.jump(|app| {
            app.set_current(target);
            app.focus = Pane::Reader;
        });
    }

    fn step_hit(&mut self, forward: bool) {
        let Some(r) = self.reading.as_mut() else {
            return;
        };
        let Some(s) = r.search.as_mut() else { return };
        if s.hits.is_empty() {
            return;
        }
        let n = s.hits.len();
        let next = match s.current {
            Some(c) if forward => (c + 1) % n,
            Some(c) => (c + n - 1) % n,
            None if forward => s.hits.iter().position(|h| h.start >= r.top).unwrap_or(0),
            None => s
                .hits
                .iter()
                .rposition(|h| h.start < r.top)
                .unwrap_or(n - 1),
        };
        s.current = Some(next);
        let start = s.hits.get(next).map_or(0, |h| h.start);
        self.reveal(start);
    }

    /// ]/[: the selected entity's next or previous mention in corpus order, crossing articles.
    pub(crate) fn step_corpus(&mut self, forward: bool) {
        let Some(e) = self.entity else {
            self.set_message(
                "select an entity first (Tab to the sidebar, or e)".to_owned(),
                false,
                1,
            );
            return;
        };
        let Some(entity) = self.corpus.entities.get(e as usize) else {
            return;
        };
        let ms = &entity.mentions;
        if ms.is_empty() {
            return;
        }
        let here = self.reading.as_ref().map_or((0, 0), |r| (r.article, r.top));
        let cur = self
            .current_mark()
            .filter(|m| m.entity == e)
            .map(|m| m.range.start);
        let key = |m: &crate::corpus::Mention| (m.article, m.start as usize);
        let found = if forward {
            let i = match cur {
                Some(s) => ms.partition_point(|m| key(m) <= (here.0, s)),
                None => ms.partition_point(|m| key(m) < here),
            };
            ms.get(i)
        } else {
            let i = match cur {
                Some(s) => ms.partition_point(|m| key(m) < (here.0, s)),
                None => ms.partition_point(|m| key(m) < here),
            };
            i.checked_sub(1).and_then(|i| ms.get(i))
        };
        let target = found.copied().or_else(|| {
            let end = if forward { ms.first() } else { ms.last() };
            end.copied()
        });
        if found.is_none() {
            let msg = if forward {
                "wrapped to the first mention in the corpus"
            } else {
                "wrapped to the last mention in the corpus"
            };
            self.set_message(msg.to_owned(), false, 1);
        }
        let Some(t) = target else { return };
        self.jump(|app| {
            if app.reading.as_ref().map(|r| r.article) != Some(t.article) {
                app.open_article(t.article);
                if let Some(r) = app.reading.as_mut() {
                    r.top = 0;
                }
            }
            let i = app.reading.as_ref().and_then(|r| {
                r.marks
                    .iter()
                    .position(|m| m.entity == e && m.range.start == t.start as usize)
            });
            if let Some(i) = i {
                app.set_current(i);
            }
            app.focus = Pane::Reader;
        });
    }

    /// e/E: the next or previous mention starting from the screen, selecting its entity.
    pub(crate) fn step_on_screen(&mut self, forward: bool) {
        let vis = self.visible_bytes();
        let Some(r) = self.reading.as_ref() else {
            return;
        };
        if r.marks.is_empty() {
            self.set_message("no mentions in this article".to_owned(), false, 1);
            return;
        }
        let cur = r.current.filter(|c| {
            r.marks
                .get(*c)
                .is_some_and(|m| m.range.start >= vis.start && m.range.start <= vis.end)
        });
        let target = match (cur, forward) {
            (Some(c), true) => (c + 1 < r.marks.len()).then_some(c + 1),
            (Some(c), false) => c.checked_sub(1),
            (None, true) => r.marks.iter().position(|m| m.range.start >= vis.start),
            (None, false) => r.marks.iter().rposition(|m| m.range.start <= vis.end),
        };
        match target {
            Some(i) => {
                self.set_current(i);
                self.focus = Pane::Reader;
            }
            None => self.set_message("no more mentions in this direction".to_owned(), false, 1),
        }
    }

    /// "mention 3/7 of Sam Hargrave, 2 of 4 articles", or a summary of the selected entity.
    #[must_use]
    pub fn mention_status(&self) -> Option<String> {
        let e = self.entity?;
        let entity = self.corpus.entities.get(e as usize)?;
        let r = self.reading.as_ref()?;
        let here: Vec<&MentionMark> = r.marks.iter().filter(|m| m.entity == e).collect();
        // The entity's articles, ascending: where this one sits among them is a binary search,
        // not a walk over every mention (an entity can have hundreds of thousands).
        let postings = self
            .corpus
            .index
            .postings
            .get(e as usize)
            .unwrap_or_default();
        let total_articles = postings.len();
        let ordinal = postings.partition_point(|a| *a < r.article) + 1;
        let in_article = postings.binary_search(&r.article).is_ok();
        let where_ = if in_article {
            format!("{ordinal} of {total_articles} articles")
        } else {
            format!("{total_articles} articles")
        };
        match self.current_mark().filter(|m| m.entity == e) {
            Some(cur) => {
                let i = here
                    .iter()
                    .position(|m| m.range == cur.range)
                    .map_or(0, |i| i + 1);
                Some(format!(
                    "mention {i}/{} of {}, {where_}",
                    here.len(),
                    entity.name
                ))
            }
            None => Some(format!("{}: {} here, {where_}", entity.name, here.len())),
        }
    }
}
