//! The runner's side of bookmarks and reading state: opens [`State`] in the config directory,
//! hands the App its bookmarks, restores the reading state once the corpus has loaded, and saves
//! after bookmark edits, when idle after reading moves, and on the way out. Writes only through
//! `persist` (the state directory); never into the article folder, never to the terminal.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::app::{App, LoadState};
use crate::persist::{SAMPLE_CORPUS_KEY, State, corpus_key};

/// How long reading moves wait before they are saved: long enough that paging through an
/// article writes once, short enough that a crash loses little.
const IDLE_SAVE: Duration = Duration::from_secs(3);

/// Bookmarks and reading state as the runner keeps them.
#[derive(Debug)]
pub struct Persistence {
    state: State,
    key: String,
    /// The position last written for each article (see [`App::save_reading`]).
    synced: HashMap<String, usize>,
    /// Reading moves not yet written.
    dirty: bool,
    /// When the reading state last changed.
    changed_at: Instant,
    /// The saved reading state has been applied to the loaded corpus.
    restored: bool,
    /// Start-up warnings, shown again after loading if the loader's message replaced them.
    startup: Option<String>,
}

impl Persistence {
    /// Opens the state for the corpus read from `paths` (empty: the built-in sample), in the
    /// directory from `--config-dir`, `BYLINE_CONFIG_DIR` or the platform.
    #[must_use]
    pub fn open(config_dir: Option<&Path>, paths: &[PathBuf]) -> Persistence {
        let key = if paths.is_empty() {
            SAMPLE_CORPUS_KEY.to_owned()
        } else {
            corpus_key(paths)
        };
        Persistence::with_state(State::open(config_dir), key)
    }

    /// Wraps an already opened state (tests use a temporary directory).
    #[must_use]
    pub fn with_state(state: State, key: String) -> Persistence {
        Persistence {
            state,
            key,
            synced: HashMap::new(),
            dirty: false,
            changed_at: Instant::now(),
            restored: false,
            startup: None,
        }
    }

    /// Gives the App the saved bookmarks and shows any start-up warnings.
    pub fn attach(&mut self, app: &mut App) {
        app.set_bookmarks(self.state.bookmarks.doc().clone());
        self.startup = self.report(app);
    }

    /// Applies the saved reading state, once, after the corpus has finished loading.
    pub fn after_load(&mut self, app: &mut App) {
        if let Some(w) = self.startup.take() {
            // The loader reports skipped files in the same message area: keep both visible.
            let text = match &app.message {
                Some(m) if !m.text.contains(&w) => format!("{} · {w}", m.text),
                _ => w,
            };
            app.set_message(text, true, 12);
        }
        if self.restored || app.load != LoadState::Ready {
            return;
        }
        self.restored = true;
        if let Some(saved) = self.state.session.doc().reading(&self.key).cloned() {
            app.restore_reading(&saved);
        }
        // What was just restored is what is on disk: only later moves need writing.
        self.synced = app.positions.clone();
        if let Some(p) = app.position() {
            self.synced.insert(p.article, p.offset);
        }
    }

    /// Notes that the reading position, selection or history moved.
    pub fn reading_changed(&mut self) {
        self.dirty = true;
        self.changed_at = Instant::now();
    }

    /// Saves the reading state when it has been still for a moment.
    pub fn save_if_idle(&mut self, app: &mut App) {
        if self.dirty && self.changed_at.elapsed() >= IDLE_SAVE {
            self.save(app);
        }
    }

    /// Saves everything (bookmarks and reading state) and reports any failure once. The App's
    /// bookmarks are merged with what is on disk (another instance may have saved) and the
    /// merged list is handed back.
    pub fn save(&mut self, app: &mut App) {
        self.dirty = false;
        if self.restored {
            app.save_reading(self.state.session.doc_mut(), &self.key, &mut self.synced);
        }
        *self.state.bookmarks.doc_mut() = app.marks.doc.clone();
        // Relocating every bookmark costs a corpus scan per orphan: only when the merge
        // brought something new.
        if self.state.save() && self.state.bookmarks.doc() != &app.marks.doc {
            app.set_bookmarks(self.state.bookmarks.doc().clone());
        }
        self.report(app);
    }

    /// Shows new warnings in the message area and returns them.
    fn report(&mut self, app: &mut App) -> Option<String> {
        let w = self.state.take_warnings();
        if w.is_empty() {
            return None;
        }
        let text = w.join("; ");
        app.set_message(text.clone(), true, 12);
        Some(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::app::tests::{fixture, viewport};

    fn reader(dir: &Path) -> (App, Persistence) {
        let mut p = Persistence::with_state(State::open_in(Some(dir)), "k".to_owned());
        let mut app = App::new(false);
        p.attach(&mut app);
        app.on_load(crate::app::LoadEvent::Done(Box::new(fixture())));
        app.update(Action::Resize(viewport(70, 12)));
        p.after_load(&mut app);
        (app, p)
    }

    #[test]
    fn bookmarks_and_position_survive_a_restart_through_the_files() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut app, mut p) = reader(dir.path());
        for a in [
            Action::Down,
            Action::FocusNext,
            Action::Down,
            Action::AddBookmark,
        ] {
            app.update(a);
        }
        for c in "see this".chars() {
            app.update(Action::Input(c));
        }
        let fx = app.update(Action::Activate);
        assert!(fx.contains(&crate::app::Effect::SaveBookmarks));
        p.save(&mut app);
        let pos = app.position().expect("open");
        p.reading_changed();
        p.save(&mut app);

        let (again, _) = reader(dir.path());
        let got = again.position().expect("open");
        assert_eq!((got.article, got.offset), (pos.article, pos.offset));
        let list = again.marks.doc.list();
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].note_str(), "see this");
        assert!(again.marks.articles.contains(&1), "the article is marked");
    }

    #[test]
    fn an_unusable_state_directory_is_reported_once_and_the_reader_goes_on() {
        let dir = tempfile::tempdir().expect("temp dir");
        // A file where the directory should be: nothing can be created or saved there.
        let blocked = dir.path().join("not-a-dir");
        std::fs::write(&blocked, "x").expect("write");
        let (mut app, mut p) = reader(&blocked);
        app.update(Action::AddBookmark);
        app.update(Action::Activate);
        p.save(&mut app);
        let m = app.message.clone().expect("a warning");
        assert!(m.warning && m.text.contains("cannot save"), "{m:?}");
        assert_eq!(app.marks.doc.list().len(), 1, "kept in memory");
        app.message = None;
        app.update(Action::Down);
        p.reading_changed();
        p.save(&mut app);
        assert_eq!(app.message, None, "said once, not on every save");
        assert_eq!(std::fs::read_to_string(&blocked).ok().as_deref(), Some("x"));
    }

    #[test]
    fn startup_warnings_outlive_the_loaders_message() {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::write(dir.path().join("bookmarks.json"), "{ truncated").expect("write");
        let mut p = Persistence::with_state(State::open_in(Some(dir.path())), "k".to_owned());
        let mut app = App::new(false);
        p.attach(&mut app);
        let mut corpus = fixture();
        corpus.warnings.push(crate::corpus::Warning {
            path: "odd.bin".to_owned(),
            message: "binary, skipped".to_owned(),
        });
        app.on_load(crate::app::LoadEvent::Done(Box::new(corpus)));
        p.after_load(&mut app);
        let m = app.message.clone().expect("a message");
        assert!(m.text.contains("odd.bin"), "{m:?}");
        assert!(m.text.contains("moved aside"), "{m:?}");
    }

    #[test]
    fn a_reader_closed_while_loading_keeps_the_saved_state() {
        let dir = tempfile::tempdir().expect("temp dir");
        let (mut app, mut p) = reader(dir.path());
        app.update(Action::Down);
        p.save(&mut app);
        // Second run: quit before the corpus arrives.
        let mut p2 = Persistence::with_state(State::open_in(Some(dir.path())), "k".to_owned());
        let mut loading = App::new(false);
        p2.attach(&mut loading);
        p2.save(&mut loading);
        let (third, _) = reader(dir.path());
        assert_eq!(third.reading.as_ref().map(|r| r.article), Some(1));
    }
}
