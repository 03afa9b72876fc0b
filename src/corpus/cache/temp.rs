//! Temporary cache files: named per writer, locked for as long as they are written, and removed
//! when their writer is gone. A first open of a large corpus writes hundreds of megabytes under
//! a temporary name; a reader quit (or killed) before the rename must not leave them behind.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

/// Every temporary cache file's name starts with this: a dot, then the cache file's own name,
/// which starts with "corpus-".
const PREFIX: &str = ".corpus-";
/// ... and ends with this.
const SUFFIX: &str = ".tmp";

/// Distinguishes temporary files of several writers in one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// This process's temporary files that are still being written.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Creates a temporary file beside `dest` (`.NAME.PID.N.tmp`), locked until it is closed.
///
/// The lock is what tells a sweep that a writer is alive: the system drops it when the file is
/// closed, however its process ends. On a file system without locks the file is written all
/// the same; a sweep then never removes it, as it cannot tell.
///
/// # Errors
/// The file cannot be created.
pub fn create(dest: &Path) -> io::Result<(PathBuf, File)> {
    let dir = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map_or_else(|| "cache".into(), |n| n.to_string_lossy().into_owned());
    let n = COUNTER.fetch_add(1, Ordering::Relaxed);
    let tmp = dir.join(format!(".{name}.{}.{n}{SUFFIX}", std::process::id()));
    let file = File::create(&tmp)?;
    // Called through the fs4 trait explicitly: std's File::try_lock has the same name.
    let _ = fs4::FileExt::try_lock(&file);
    live().push(tmp.clone());
    Ok((tmp, file))
}

/// Forgets `tmp` once it is renamed into place or removed.
pub fn settled(tmp: &Path) {
    live().retain(|p| p != tmp);
}

/// Removes this process's unfinished temporary files, for an exit that does not wait for the
/// thread writing them. That thread, if it gets further, fails at its rename: the cache is
/// only not saved.
pub fn discard_unfinished() {
    discard_where(|_| true);
}

/// Removes the unfinished temporary files `pick` chooses (tests pick their own folder's: the
/// list is shared by every test in the process).
fn discard_where(pick: impl Fn(&Path) -> bool) {
    let gone: Vec<PathBuf> = {
        let mut list = live();
        let (gone, kept) = std::mem::take(&mut *list)
            .into_iter()
            .partition(|p| pick(p));
        *list = kept;
        gone
    };
    for p in gone {
        let _ = std::fs::remove_file(p);
    }
}

/// Removes the temporary cache files in `dir` whose writers are gone: those that can be
/// locked. Only regular files named like one are looked at; links and folders never are.
///
/// A writer of another process between creating its file and locking it could lose it here;
/// its rename then fails and that process only saves no cache.
pub fn sweep(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let ours = name
            .to_str()
            .is_some_and(|n| n.starts_with(PREFIX) && n.ends_with(SUFFIX));
        if !ours || !e.file_type().is_ok_and(|t| t.is_file()) {
            continue;
        }
        let path = e.path();
        // This process's own writers hold their locks, but a second handle in the same
        // process is not always refused one (it depends on the lock the system uses).
        if live().contains(&path) {
            continue;
        }
        let Ok(f) = File::open(&path) else {
            continue;
        };
        if fs4::FileExt::try_lock(&f).is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

fn live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    // A panic while the list was held leaves it whole: a push or a retain either ran or not.
    LIVE.lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn a_dead_writers_file_is_swept_and_a_live_ones_is_kept() {
        let d = tempfile::tempdir().unwrap();
        let dead = d.path().join(".corpus-aa.bin.1.0.tmp");
        std::fs::write(&dead, b"half a cache").unwrap();
        // Another writer, alive: holds the lock on its file, and is not in this process's list.
        let held = d.path().join(".corpus-bb.bin.2.0.tmp");
        let f = File::create(&held).unwrap();
        fs4::FileExt::try_lock(&f).unwrap();
        sweep(d.path());
        assert_eq!(names(d.path()), vec![".corpus-bb.bin.2.0.tmp"]);
        drop(f);
        sweep(d.path());
        assert!(names(d.path()).is_empty());
    }

    #[test]
    fn a_sweep_touches_nothing_but_temporary_cache_files() {
        let d = tempfile::tempdir().unwrap();
        for n in [
            "corpus-aa.bin",
            "notes.tmp",
            ".corpus-aa.bin",
            "corpus-aa.bin.1.0.tmp",
        ] {
            std::fs::write(d.path().join(n), b"x").unwrap();
        }
        std::fs::create_dir(d.path().join(".corpus-dir.1.0.tmp")).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(
            d.path().join("corpus-aa.bin"),
            d.path().join(".corpus-link.1.0.tmp"),
        )
        .unwrap();
        let before = names(d.path());
        sweep(d.path());
        assert_eq!(names(d.path()), before);
    }

    #[test]
    fn this_process_keeps_its_own_file_until_it_is_discarded() {
        let d = tempfile::tempdir().unwrap();
        let (tmp, _file) = create(&d.path().join("corpus-cc.bin")).unwrap();
        sweep(d.path());
        assert!(tmp.exists(), "a live writer's file was swept");
        discard_where(|p| p.starts_with(d.path()));
        assert!(!tmp.exists(), "an unfinished file outlived the exit");
        // Settling a file already discarded is harmless.
        settled(&tmp);
    }
}
