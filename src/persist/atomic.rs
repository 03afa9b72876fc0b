//! Crash-safe file replacement: write a temp file beside the target, fsync, rename over it, fsync
//! the directory. Symlinked targets are resolved first so the link survives. Knows nothing of
//! formats or locking; callers hold the lock.

use std::ffi::OsString;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// How many links deep we follow before calling it a loop (Linux's own limit is 40).
const MAX_LINKS: usize = 40;

/// Distinguishes temp files made by threads of one process.
static COUNTER: AtomicU64 = AtomicU64::new(0);

/// Follows `path` while it is a symbolic link and returns the final path, which need not exist
/// yet (a dangling link is followed to where its file will be created).
///
/// # Errors
/// A symlink loop, or an error reading a link.
pub fn resolve_symlinks(path: &Path) -> io::Result<PathBuf> {
    let mut cur = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&cur) {
            Ok(m) if m.file_type().is_symlink() => {
                let target = fs::read_link(&cur)?;
                // A relative link is relative to the directory holding the link.
                cur = match cur.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            Ok(_) => return Ok(cur),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(cur),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// The prefix of every temp file made for `target`'s file name, so stale ones can be found.
#[must_use]
pub fn temp_prefix(target: &Path) -> OsString {
    let mut p = OsString::from(".");
    p.push(target.file_name().unwrap_or_default());
    p.push(".tmp-");
    p
}

/// Replaces the file at `path` (following symlinks) with `bytes`, atomically: a reader sees the
/// old contents or the new, never a mix, also after a crash or power loss at any point.
///
/// The new file keeps the old file's permissions.
///
/// # Errors
/// Any I/O error; the old file is then untouched and the temp file removed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = resolve_symlinks(path)?;
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut name = temp_prefix(&target);
    name.push(format!(
        "{}-{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let tmp = dir.join(name);
    let result = write_then_rename(&tmp, &target, bytes);
    if result.is_err() {
        // Best effort: a leftover temp file is harmless (never read), only untidy.
        let _ = fs::remove_file(&tmp);
    }
    result?;
    sync_dir(&dir);
    Ok(())
}

fn write_then_rename(tmp: &Path, target: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut f = OpenOptions::new().write(true).create_new(true).open(tmp)?;
    if let Ok(meta) = fs::metadata(target) {
        f.set_permissions(meta.permissions())?;
    }
    f.write_all(bytes)?;
    // The data must be on disk before the rename makes it visible, or a crash could leave the
    // new name pointing at an empty file.
    f.sync_all()?;
    drop(f);
    fs::rename(tmp, target)
}

/// Makes the rename itself durable. Some file systems refuse to fsync a directory; the rename has
/// still happened, so that is not an error worth failing a save for.
fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

/// Removes temp files left by a save that crashed before its rename. Call only while holding the
/// state lock: every live save holds it, so any temp file seen then is dead.
pub fn remove_stale_temps(target: &Path) {
    let Ok(target) = resolve_symlinks(target) else {
        return;
    };
    let Some(dir) = target.parent() else { return };
    let prefix = temp_prefix(&target);
    let Some(prefix) = prefix.to_str() else {
        return;
    };
    let Ok(entries) = fs::read_dir(if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        if name.to_str().is_some_and(|n| n.starts_with(prefix)) {
            let _ = fs::remove_file(e.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_new_and_replaces_old() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("state.json");
        write_atomic(&p, b"one").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"one");
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        // No temp file is left behind after a successful save.
        assert_eq!(fs::read_dir(d.path()).unwrap().count(), 1);
    }

    #[cfg(unix)]
    #[test]
    fn follows_relative_and_dangling_links() {
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("real/target.json", d.path().join("link.json")).unwrap();
        fs::create_dir(d.path().join("real")).unwrap();
        let got = resolve_symlinks(&d.path().join("link.json")).unwrap();
        assert_eq!(got, d.path().join("real/target.json"));
        write_atomic(&d.path().join("link.json"), b"x").unwrap();
        assert!(
            fs::symlink_metadata(d.path().join("link.json"))
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(d.path().join("real/target.json")).unwrap(), b"x");
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loop_is_an_error_not_a_hang() {
        let d = tempfile::tempdir().unwrap();
        std::os::unix::fs::symlink("b", d.path().join("a")).unwrap();
        std::os::unix::fs::symlink("a", d.path().join("b")).unwrap();
        assert!(resolve_symlinks(&d.path().join("a")).is_err());
        assert!(write_atomic(&d.path().join("a"), b"x").is_err());
    }

    #[test]
    fn stale_temps_are_removed_and_others_kept() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join("s.json");
        fs::write(d.path().join(".s.json.tmp-1-0"), b"half").unwrap();
        fs::write(d.path().join("other.json"), b"keep").unwrap();
        remove_stale_temps(&p);
        assert!(!d.path().join(".s.json.tmp-1-0").exists());
        assert!(d.path().join("other.json").exists());
    }
}
