//! Bookmarks and reading state that survive restarts, moves, edits, crashes and a second
//! instance. Owns the state directory and its files; never writes anywhere else (in particular
//! never into an article folder) and has no terminal code: the App and runner call this API.
//!
//! Files (human-readable JSON with a `version` field), in the state directory:
//! `bookmarks.json`, `session.json`, their `.lock` files, `.bak` copies of the last good file and
//! `.corrupt-TIMESTAMP` copies of files that could not be read.

pub mod anchor;
pub mod atomic;
pub mod bookmark;
pub mod dirs;
pub mod lock;
pub mod output;
pub mod session;
pub mod store;

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

pub use anchor::{Location, Match, Quote, locate};
pub use bookmark::{Bookmark, Bookmarks};
pub use output::{write_bookmarks_json, write_bookmarks_markdown, write_bookmarks_text};
pub use session::{Jump, Position, Reading, SAMPLE_CORPUS_KEY, Session, corpus_key};
pub use store::{Document, Store};

/// Why a state file could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum PersistError {
    /// There is nowhere to save: no home directory and no override.
    #[error("no state directory (no home directory; set BYLINE_CONFIG_DIR or use --config-dir)")]
    NoDir,
    /// A file system error on `path`.
    #[error("{}: {source}", display_path(path))]
    Io {
        /// The file or directory concerned.
        path: PathBuf,
        /// The underlying error.
        source: io::Error,
    },
    /// Another instance held the lock for longer than a save should take.
    #[error("{}: another byline held the lock too long", display_path(path))]
    LockTimeout {
        /// The lock file.
        path: PathBuf,
    },
    /// The document could not be encoded (should not happen with plain data).
    #[error("{}: cannot encode: {source}", display_path(path))]
    Encode {
        /// The file being written.
        path: PathBuf,
        /// The underlying error.
        source: serde_json::Error,
    },
}

impl PersistError {
    /// An I/O error on `path`.
    #[must_use]
    pub fn io(path: &Path, source: io::Error) -> PersistError {
        PersistError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A path made safe to show in a warning (a directory name may hold control characters too).
#[must_use]
pub fn display_path(p: &Path) -> String {
    crate::corpus::sanitize::sanitize_line(&p.display().to_string())
}

/// The first words of every save-failure warning, so the two stores' failures show as one.
pub(crate) const SAVE_FAILED: &str = "cannot save";

/// Everything byline persists, opened together: what the runner creates at start-up.
#[derive(Debug)]
pub struct State {
    /// Bookmarks (`bookmarks.json`).
    pub bookmarks: Store<Bookmarks>,
    /// Reading state per corpus (`session.json`).
    pub session: Store<Session>,
    dir: Option<PathBuf>,
    pending: Vec<String>,
    reported: HashSet<String>,
    save_failure_reported: bool,
}

impl State {
    /// Opens the state in the directory chosen by the flag, `BYLINE_CONFIG_DIR` or the platform
    /// (see [`dirs::state_dir`]). Never fails; problems are queued as warnings.
    #[must_use]
    pub fn open(config_dir_flag: Option<&Path>) -> State {
        let dir = dirs::state_dir(config_dir_flag).map(|(d, _)| d);
        let mut state = State::open_in(dir.as_deref());
        if dir.is_none() {
            state.pending.push(
                "no home directory: bookmarks and reading state are kept in memory only \
                 (set BYLINE_CONFIG_DIR or use --config-dir to keep them)"
                    .to_string(),
            );
        }
        state
    }

    /// Opens the state in exactly `dir` (`None`: in memory only, silently).
    #[must_use]
    pub fn open_in(dir: Option<&Path>) -> State {
        State {
            bookmarks: Store::open(dir),
            session: Store::open(dir),
            dir: dir.map(Path::to_path_buf),
            pending: Vec::new(),
            reported: HashSet::new(),
            save_failure_reported: false,
        }
    }

    /// The state directory, `None` when state lives in memory only.
    #[must_use]
    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Saves both files. Returns whether both reached the disk; failures become one warning.
    pub fn save(&mut self) -> bool {
        if self.dir.is_none() {
            return false;
        }
        let ok = self.bookmarks.save().is_ok() & self.session.save().is_ok();
        if ok {
            self.save_failure_reported = false;
        }
        ok
    }

    /// Warnings to show in the status line, each at most once per session.
    pub fn take_warnings(&mut self) -> Vec<String> {
        let mut all = std::mem::take(&mut self.pending);
        all.extend(self.bookmarks.take_warnings());
        all.extend(self.session.take_warnings());
        let mut out = Vec::new();
        for w in all {
            if w.starts_with(SAVE_FAILED) {
                // A read-only directory fails both stores on every save: say it once.
                if self.save_failure_reported {
                    continue;
                }
                self.save_failure_reported = true;
            }
            if self.reported.insert(w.clone()) {
                out.push(w);
            }
        }
        out
    }
}
