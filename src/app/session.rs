//! Reading state across restarts: turning the App's open article, per-article scroll positions,
//! selected entity and jump history into the saved [`Session`] and back. Pure: the runner reads
//! and writes the file; this only converts, and only after the corpus has loaded.

use std::collections::HashMap;

use super::history::Position as HistoryPosition;
use super::{App, LoadState};
use crate::corpus::EntityIx;
use crate::persist::{Jump, Reading as SavedReading, Session};

impl App {
    /// Puts back the reading state saved for this corpus: every article's position (re-anchored
    /// by its quote when the text moved), the jump history, the selected entity and the last
    /// open article at its position. Call once the corpus is loaded; entries naming articles or
    /// entities that are gone are skipped.
    pub fn restore_reading(&mut self, saved: &SavedReading) {
        if self.load != LoadState::Ready {
            return;
        }
        for (id, p) in &saved.positions {
            if let Some(a) = self.article_by_id(id) {
                if let Some(article) = self.corpus.articles.get(a as usize) {
                    self.positions.insert(id.clone(), p.resolve(article));
                }
            }
        }
        let cursor = saved.cursor.min(saved.history.len());
        let (older, newer) = saved.history.split_at(cursor);
        let to_pos = |j: &Jump| {
            let a = self.article_by_id(&j.article)?;
            Some(HistoryPosition {
                article: j.article.clone(),
                path: self.corpus.articles.get(a as usize)?.path.clone(),
                offset: j.offset,
                entity: None,
                mention: None,
            })
        };
        let back = older.iter().filter_map(to_pos).collect();
        let forward = newer.iter().rev().filter_map(to_pos).collect();
        self.history.back = back;
        self.history.forward = forward;
        let entity = saved.selected_entity.as_deref().and_then(|name| {
            let i = self.corpus.entities.iter().position(|e| e.name == name)?;
            EntityIx::try_from(i).ok()
        });
        if let Some(a) = saved
            .last_article
            .as_deref()
            .and_then(|id| self.article_by_id(id))
        {
            self.open_article(a);
        } else if let Some(r) = self.reading.as_mut() {
            // The first article stays open; its own saved position still applies.
            let id = self.corpus.articles.get(r.article as usize).map(|x| &x.id);
            if let Some(top) = id.and_then(|id| self.positions.get(id)) {
                r.top = *top;
            }
        }
        if entity.is_some() {
            self.entity = entity;
        } else if matches!(self.extraction, super::Extraction::Running(_)) {
            // The articles came first; the entity is selected when entities arrive.
            self.pending_entity.clone_from(&saved.selected_entity);
        }
        // Scroll the list to the restored article now, not at the next key press.
        self.sync();
    }

    /// Writes the reading state into `session` under `key`, touching only what changed since
    /// the last call: `synced` remembers the position last written for each article, so an
    /// unchanged one keeps its timestamp (and loses no merge against another instance).
    /// Returns whether anything was written. Does nothing until the corpus is loaded, so a
    /// reader quit while loading never wipes the saved state.
    pub fn save_reading(
        &self,
        session: &mut Session,
        key: &str,
        synced: &mut HashMap<String, usize>,
    ) -> bool {
        if self.load != LoadState::Ready || self.corpus.articles.is_empty() {
            return false;
        }
        let mut changed = false;
        let open = self.position();
        let current = open.as_ref().map(|p| (&p.article, &p.offset));
        for (id, &offset) in self.positions.iter().chain(current) {
            // An article only glanced at (still at its top) needs no entry of its own, so
            // browsing a big list does not fill the file; one scrolled before is updated.
            if synced.get(id) == Some(&offset) || (offset == 0 && !synced.contains_key(id)) {
                continue;
            }
            let article = self
                .article_by_id(id)
                .and_then(|a| self.corpus.articles.get(a as usize));
            if let Some(article) = article {
                session.set_position(key, article, offset);
                synced.insert(id.clone(), offset);
                changed = true;
            }
        }
        let saved = session.reading(key).cloned().unwrap_or_default();
        let article = open.map(|p| p.article);
        let entity = self.entity.map(|e| self.entity_name(e).to_owned());
        if saved.last_article != article || saved.selected_entity != entity {
            session.set_open(key, article.as_deref(), entity.as_deref());
            changed = true;
        }
        let to_jump = |p: &HistoryPosition| Jump {
            article: p.article.clone(),
            offset: p.offset,
        };
        let mut jumps: Vec<Jump> = self.history.back.iter().map(to_jump).collect();
        let cursor = jumps.len();
        jumps.extend(self.history.forward.iter().rev().map(to_jump));
        if saved.history != jumps || saved.cursor != cursor {
            session.set_history(key, &jumps, cursor);
            changed = true;
        }
        changed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::{fixture, viewport};
    use crate::app::{Action, Pane};

    fn app() -> App {
        let mut app = App::with_corpus(fixture(), false);
        app.update(Action::Resize(viewport(70, 12)));
        app
    }

    #[test]
    fn a_restart_restores_article_position_entity_and_history() {
        let mut one = app();
        // Read the second article a little, then jump through the first entity's mentions.
        one.update(Action::Down);
        one.update(Action::FocusNext);
        one.update(Action::Down);
        let second_top = one.reading.as_ref().map(|r| r.top).expect("open");
        assert!(second_top > 0);
        one.update(Action::FocusNext);
        one.update(Action::Down);
        one.update(Action::NextInCorpus);
        one.update(Action::NextInCorpus);
        one.update(Action::JumpBack);
        let (pos, entity) = (one.position().expect("open"), one.entity);
        let (back, forward) = (one.history.back.len(), one.history.forward.len());
        assert!(
            back > 0 && forward > 0,
            "history on both sides of the cursor"
        );

        let mut session = Session::default();
        let mut synced = HashMap::new();
        assert!(one.save_reading(&mut session, "k", &mut synced));
        assert!(
            !one.save_reading(&mut session, "k", &mut synced),
            "nothing changed, nothing written"
        );

        let mut two = app();
        two.restore_reading(session.reading("k").expect("saved"));
        let got = two.position().expect("open");
        assert_eq!((got.article, got.offset), (pos.article, pos.offset));
        assert_eq!(two.entity, entity);
        assert_eq!(
            (two.history.back.len(), two.history.forward.len()),
            (back, forward)
        );
        // Each article keeps its own position: going back to the second article finds it.
        two.focus = Pane::List;
        two.update(Action::Top);
        two.update(Action::Down);
        assert_eq!(two.reading.as_ref().map(|r| r.top), Some(second_top));
        // Ctrl-i walks the restored history to where the first instance would go.
        one.update(Action::JumpForward);
        two.update(Action::JumpForward);
        let (a, b) = (one.position().expect("open"), two.position().expect("open"));
        assert_eq!((a.article, a.offset), (b.article, b.offset));
    }

    #[test]
    fn nothing_is_saved_before_the_corpus_is_loaded() {
        let app = App::new(false);
        let mut session = Session::default();
        assert!(!app.save_reading(&mut session, "k", &mut HashMap::new()));
        assert!(session.reading("k").is_none());
    }

    #[test]
    fn entries_for_vanished_articles_are_skipped() {
        let mut session = Session::default();
        let jumps = [
            Jump {
                article: "gone".into(),
                offset: 3,
            },
            Jump {
                article: "id2".into(),
                offset: 0,
            },
        ];
        session.set_history("k", &jumps, 2);
        session.set_open("k", Some("gone"), Some("No Such Entity"));
        let mut app = app();
        app.restore_reading(session.reading("k").expect("saved"));
        assert_eq!(app.history.back.len(), 1);
        assert_eq!(app.history.back[0].article, "id2");
        assert_eq!(app.reading.as_ref().map(|r| r.article), Some(0));
        assert_eq!(app.entity, None);
    }
}
