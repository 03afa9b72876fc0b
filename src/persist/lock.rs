//! The advisory lock two byline instances take before a read-merge-write of a state file. It lives
//! on its own `NAME.lock` file because the data file is replaced by rename on every save, and a
//! lock held on a replaced file protects nothing. Never reads or writes state itself.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};
use std::thread;
use std::time::{Duration, Instant};

use super::PersistError;

/// How often a waiting instance retries; saves are small, so the holder is done within a few.
const POLL: Duration = Duration::from_millis(10);

/// An exclusive advisory lock, released when dropped.
#[derive(Debug)]
pub struct StateLock {
    file: File,
    path: PathBuf,
}

impl StateLock {
    /// Takes the lock on `path` (created if missing), waiting at most `timeout`.
    ///
    /// A bounded wait rather than a blocking one: a stuck second instance must not freeze the
    /// reader; the caller keeps its state in memory and retries on the next save.
    ///
    /// # Errors
    /// [`PersistError::Io`] when the lock file cannot be opened or locked,
    /// [`PersistError::LockTimeout`] when another holder keeps it past `timeout`.
    pub fn acquire(path: &Path, timeout: Duration) -> Result<StateLock, PersistError> {
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(path)
            .map_err(|e| PersistError::io(path, e))?;
        let start = Instant::now();
        loop {
            // Called through the fs4 trait explicitly: std's File::try_lock has the same name.
            match fs4::FileExt::try_lock(&file) {
                Ok(()) => {
                    return Ok(StateLock {
                        file,
                        path: path.to_path_buf(),
                    });
                }
                Err(fs4::TryLockError::WouldBlock) => {
                    if start.elapsed() >= timeout {
                        return Err(PersistError::LockTimeout {
                            path: path.to_path_buf(),
                        });
                    }
                    thread::sleep(POLL);
                }
                Err(fs4::TryLockError::Error(e)) => return Err(PersistError::io(path, e)),
            }
        }
    }

    /// The lock file's path.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for StateLock {
    fn drop(&mut self) {
        // Closing the file releases the lock anyway; unlocking first just makes it prompt.
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn second_holder_times_out_then_succeeds_after_release() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("x.lock");
        let first = StateLock::acquire(&p, Duration::ZERO).unwrap();
        let err = StateLock::acquire(&p, Duration::ZERO).unwrap_err();
        assert!(matches!(err, PersistError::LockTimeout { .. }), "{err}");
        drop(first);
        assert!(StateLock::acquire(&p, Duration::ZERO).is_ok());
    }

    #[test]
    fn missing_directory_is_an_io_error() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("no/such/dir/x.lock");
        let err = StateLock::acquire(&p, Duration::ZERO).unwrap_err();
        assert!(matches!(err, PersistError::Io { .. }), "{err}");
    }
}
