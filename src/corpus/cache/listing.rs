//! What the cache folder holds, for `byline cache`: each cache file's size, last use and the
//! folders it was built for, and clearing the folder. Reads only each file's header; never
//! trusts it beyond naming what it says.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use super::format::Reader;
use super::{Header, temp, trim};

/// One cache file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cached {
    /// The file itself.
    pub file: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// When it was last written or reused (its modification time).
    pub last_used: Option<SystemTime>,
    /// The folders (or files) it was built for, as its header names them.
    pub folders: Vec<String>,
    /// Whether this build of byline can use it.
    pub state: State,
}

/// Whether a cache file can be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum State {
    /// Written by this build: the next open of its folders uses it.
    Current,
    /// Written by another build: the next open of its folders rebuilds it.
    OtherBuild,
    /// Not readable as a cache file (another format version, damaged): rebuilt or trimmed.
    Unreadable(String),
}

/// The cache files in `dir`, most recently used first, for the build `program`.
#[must_use]
pub fn list(dir: &Path, program: &str) -> Vec<Cached> {
    let mut all: Vec<Cached> = trim::cache_files(dir)
        .into_iter()
        .map(|(file, meta)| {
            let (folders, state) = match Reader::open::<Header>(&file) {
                Ok((_, h)) if h.program == program => (h.folders, State::Current),
                Ok((_, h)) => (h.folders, State::OtherBuild),
                Err(e) => (Vec::new(), State::Unreadable(e.to_string())),
            };
            Cached {
                file,
                bytes: meta.len(),
                last_used: meta.modified().ok(),
                folders,
                state,
            }
        })
        .collect();
    all.sort_by(|a, b| b.last_used.cmp(&a.last_used).then(a.file.cmp(&b.file)));
    all
}

/// Removes every cache file in `dir`, and what byline instances that are gone left half
/// written. A file another running byline is writing is left to it. Returns how many cache
/// files were removed and their bytes.
#[must_use]
pub fn clear(dir: &Path) -> (usize, u64) {
    temp::sweep(dir);
    let mut removed = (0, 0);
    for (file, meta) in trim::cache_files(dir) {
        if std::fs::remove_file(&file).is_ok() {
            removed.0 += 1;
            removed.1 += meta.len();
        }
    }
    removed
}
