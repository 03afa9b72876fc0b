//! A versioned JSON state file kept in memory and saved by read-merge-write under the lock, with
//! recovery from corrupt, truncated and newer-version files. Generic over the document; knows no
//! bookmark or session rules (those live in each document's `merge`).

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::atomic::{remove_stale_temps, resolve_symlinks, write_atomic};
use super::lock::StateLock;
use super::{PersistError, SAVE_FAILED, display_path};

/// Largest state file read. A bigger one was not written by byline (bookmarks are a few hundred
/// bytes each), so it is treated as corrupt rather than read into memory.
pub const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

/// How long a save waits for another instance's save to finish.
const LOCK_TIMEOUT: Duration = Duration::from_secs(5);

/// A document kept in a state file.
pub trait Document: Serialize + DeserializeOwned + Default + Clone {
    /// The file name inside the state directory.
    const FILE_NAME: &'static str;
    /// The format version written; files with a larger one are left alone.
    const VERSION: u32;
    /// Folds `other` (usually what another instance saved) into `self`. Must not depend on which
    /// side is which beyond the documents' own timestamps, so two instances converge.
    fn merge(&mut self, other: Self);
    /// Puts a freshly read document in order (dedupes, clamps indexes a hand edit may have
    /// broken). The default does nothing.
    fn repair(&mut self) {}
}

/// The file's outer shape: `{"version": N, ...document fields}`.
#[derive(Serialize, Deserialize)]
struct Envelope<D> {
    version: u32,
    #[serde(flatten)]
    doc: D,
}

/// What reading a state file found.
enum Found<D> {
    /// No file yet.
    Missing,
    /// A good file: the document and its exact bytes (for the `.bak` copy).
    Good(D, Vec<u8>),
    /// A file that must not be overwritten, and why.
    Bad(String),
}

/// One state file and its in-memory document.
#[derive(Debug)]
pub struct Store<D> {
    dir: Option<PathBuf>,
    doc: D,
    warnings: Vec<String>,
    write_warned: bool,
}

impl<D: Document> Store<D> {
    /// Opens the document in `dir`, recovering from a bad file. Never fails: problems become
    /// warnings (see [`Store::take_warnings`]) and the document starts from the backup or empty.
    /// `None` keeps the document in memory only.
    #[must_use]
    pub fn open(dir: Option<&Path>) -> Store<D> {
        let mut store = Store {
            dir: dir.map(Path::to_path_buf),
            doc: D::default(),
            warnings: Vec::new(),
            write_warned: false,
        };
        if let Some(dir) = store.dir.clone().filter(|d| d.is_dir()) {
            // Recovery renames files, so it runs under the lock like a save. Without the lock
            // (read-only directory) it still reads; renaming aside will then fail and be reported.
            let lock = StateLock::acquire(&store.lock_path(&dir), LOCK_TIMEOUT);
            match store.read_disk(&dir) {
                Ok(Some(d)) => store.doc = d,
                Ok(None) => {}
                Err(e) => store
                    .warnings
                    .push(format!("{e}; kept in memory this session")),
            }
            drop(lock);
        }
        store
    }

    /// A store that never touches the disk.
    #[must_use]
    pub fn in_memory() -> Store<D> {
        Store::open(None)
    }

    /// The document.
    #[must_use]
    pub fn doc(&self) -> &D {
        &self.doc
    }

    /// The document, for changes; call [`Store::save`] afterwards.
    pub fn doc_mut(&mut self) -> &mut D {
        &mut self.doc
    }

    /// The state file's path, or `None` for an in-memory store.
    #[must_use]
    pub fn path(&self) -> Option<PathBuf> {
        self.dir.as_ref().map(|d| d.join(D::FILE_NAME))
    }

    /// Whether changes can reach the disk at all (a directory is configured).
    #[must_use]
    pub fn is_persistent(&self) -> bool {
        self.dir.is_some()
    }

    /// Warnings not yet shown; each problem is reported once.
    pub fn take_warnings(&mut self) -> Vec<String> {
        std::mem::take(&mut self.warnings)
    }

    /// Saves: under the lock, reads what is on disk (another instance may have saved), merges it
    /// in, keeps the old good file as `NAME.bak` and atomically writes the result.
    ///
    /// On failure the document stays in memory, the old file is untouched, and one warning is
    /// queued until a save succeeds again.
    ///
    /// # Errors
    /// [`PersistError::NoDir`] for an in-memory store; I/O, lock and encoding errors otherwise.
    pub fn save(&mut self) -> Result<(), PersistError> {
        let Some(dir) = self.dir.clone() else {
            return Err(PersistError::NoDir);
        };
        let result = self.save_in(&dir);
        match &result {
            Ok(()) => self.write_warned = false,
            Err(e) if !self.write_warned => {
                self.write_warned = true;
                self.warnings
                    .push(format!("{SAVE_FAILED}: {e}; changes kept in memory"));
            }
            Err(_) => {}
        }
        result
    }

    /// Merges what another instance saved into memory without writing.
    ///
    /// # Errors
    /// As [`Store::save`], except that nothing is written.
    pub fn refresh(&mut self) -> Result<(), PersistError> {
        let Some(dir) = self.dir.clone().filter(|d| d.is_dir()) else {
            return Ok(());
        };
        let _lock = StateLock::acquire(&self.lock_path(&dir), LOCK_TIMEOUT)?;
        if let Some(disk) = self.read_disk(&dir)? {
            self.doc.merge(disk);
        }
        Ok(())
    }

    fn lock_path(&self, dir: &Path) -> PathBuf {
        dir.join(format!("{}.lock", D::FILE_NAME))
    }

    fn save_in(&mut self, dir: &Path) -> Result<(), PersistError> {
        fs::create_dir_all(dir).map_err(|e| PersistError::io(dir, e))?;
        let _lock = StateLock::acquire(&self.lock_path(dir), LOCK_TIMEOUT)?;
        let path = dir.join(D::FILE_NAME);
        remove_stale_temps(&path);
        let old = self.read_disk_bytes(dir)?;
        let old_bytes = old.and_then(|(d, bytes)| {
            self.doc.merge(d);
            bytes
        });
        let envelope = Envelope {
            version: D::VERSION,
            doc: &self.doc,
        };
        let mut bytes = serde_json::to_vec_pretty(&envelope).map_err(|e| PersistError::Encode {
            path: path.clone(),
            source: e,
        })?;
        bytes.push(b'\n');
        if old_bytes.as_deref() == Some(bytes.as_slice()) {
            return Ok(());
        }
        if let Some(old) = old_bytes {
            let bak = dir.join(format!("{}.bak", D::FILE_NAME));
            write_atomic(&bak, &old).map_err(|e| PersistError::io(&bak, e))?;
        }
        write_atomic(&path, &bytes).map_err(|e| PersistError::io(&path, e))
    }

    /// Reads the document on disk, recovering from a bad file (see [`Store::read_disk_bytes`]).
    fn read_disk(&mut self, dir: &Path) -> Result<Option<D>, PersistError> {
        Ok(self.read_disk_bytes(dir)?.map(|(d, _)| d))
    }

    /// The good document on disk with its bytes, `None` when there is none. A bad file is moved
    /// aside to `NAME.corrupt-TIMESTAMP` and the `.bak` copy is used instead; its bytes are then
    /// `None`, because the backup is already the last good file and must not be replaced.
    ///
    /// Errors when the file cannot be read, or is bad and cannot be moved aside: the caller must
    /// then not write, or the bad file would be overwritten.
    #[allow(clippy::type_complexity)]
    fn read_disk_bytes(
        &mut self,
        dir: &Path,
    ) -> Result<Option<(D, Option<Vec<u8>>)>, PersistError> {
        let link = dir.join(D::FILE_NAME);
        let path = resolve_symlinks(&link).map_err(|e| PersistError::io(&link, e))?;
        let why = match read_found::<D>(&path).map_err(|e| PersistError::io(&path, e))? {
            Found::Missing => return Ok(None),
            Found::Good(d, bytes) => return Ok(Some((d, Some(bytes)))),
            Found::Bad(why) => why,
        };
        let aside = move_aside(&path).map_err(|e| PersistError::io(&path, e))?;
        let bak = dir.join(format!("{}.bak", D::FILE_NAME));
        let (doc, from) = match read_found::<D>(&bak) {
            Ok(Found::Good(d, _)) => (Some(d), format!("restored from {}", display_path(&bak))),
            _ => (None, "starting empty".to_string()),
        };
        self.warnings.push(format!(
            "{} {why}; moved aside to {}, {from}",
            display_path(&path),
            display_path(&aside)
        ));
        Ok(doc.map(|d| (d, None)))
    }
}

/// Reads and classifies one state file.
fn read_found<D: Document>(path: &Path) -> io::Result<Found<D>> {
    // Checked before opening: opening a FIFO left in its place would block the reader forever.
    match fs::metadata(path) {
        Ok(m) if !m.is_file() => return Ok(Found::Bad("is not a regular file".into())),
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(e),
    }
    let file = match fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Found::Missing),
        Err(e) => return Err(e),
    };
    if !file.metadata()?.is_file() {
        return Ok(Found::Bad("is not a regular file".into()));
    }
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Ok(Found::Bad(format!(
            "is larger than {} MiB",
            MAX_FILE_BYTES / 1024 / 1024
        )));
    }
    let value: serde_json::Value = match serde_json::from_slice(&bytes) {
        Ok(v) => v,
        Err(e) => return Ok(Found::Bad(format!("does not parse ({e})"))),
    };
    let version = match value.get("version").and_then(serde_json::Value::as_u64) {
        Some(v) if v >= 1 => v,
        _ => return Ok(Found::Bad("has no valid version field".into())),
    };
    if version > u64::from(D::VERSION) {
        return Ok(Found::Bad(format!(
            "was written by a newer byline (format version {version}, this one reads {})",
            D::VERSION
        )));
    }
    match serde_json::from_value::<Envelope<D>>(value) {
        Ok(mut env) => {
            env.doc.repair();
            Ok(Found::Good(env.doc, bytes))
        }
        Err(e) => Ok(Found::Bad(format!("is not a valid state file ({e})"))),
    }
}

/// Renames a bad file to `NAME.corrupt-TIMESTAMP` (with a counter if that exists) beside itself.
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let stamp = chrono::Utc::now().format("%Y%m%dT%H%M%SZ");
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    for n in 0u32..1000 {
        let aside = if n == 0 {
            path.with_file_name(format!("{name}.corrupt-{stamp}"))
        } else {
            path.with_file_name(format!("{name}.corrupt-{stamp}-{n}"))
        };
        if fs::symlink_metadata(&aside).is_err() {
            fs::rename(path, &aside)?;
            return Ok(aside);
        }
    }
    Err(io::Error::other("too many corrupt copies already"))
}
