//! What the cache remembers about a file on disk to decide, without reading it, that it is
//! unchanged: size, modification time and (on Unix) change time and inode. Metadata only.

use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

/// A file's metadata fingerprint. Equal stamps on a file older than the cache mean the file
/// was not rewritten since (the way git's index trusts `stat` data).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u64,
    /// Inode change time, nanoseconds since the Unix epoch (0 where unknown). Unlike the
    /// modification time it cannot be set back by a program, so `touch -d` is still noticed.
    pub ctime_ns: u64,
    /// Inode number (0 where unknown): an editor that saves by renaming a new file changes it.
    pub inode: u64,
}

/// Files modified this close to (or after) the moment a cache was built are re-hashed rather
/// than trusted by metadata: a file system may store times this coarsely, so a later write in
/// the same tick could leave the stamp unchanged.
pub const RACY_WINDOW: Duration = Duration::from_secs(2);

impl Stamp {
    /// The stamp of the file at `path` (following links, like reading it does).
    #[must_use]
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::from_meta(&std::fs::metadata(path).ok()?)
    }

    /// The stamp in already fetched metadata (of the file itself, not of a link to it).
    #[must_use]
    pub fn from_meta(meta: &std::fs::Metadata) -> Option<Stamp> {
        let mtime_ns = nanos(meta.modified().ok()?)?;
        let (ctime_ns, inode) = unix_parts(meta);
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
            ctime_ns,
            inode,
        })
    }

    /// Whether this stamp can be trusted against a cache built at `built_ns`: neither time
    /// falls within [`RACY_WINDOW`] of that moment or after it.
    #[must_use]
    pub fn settled_before(&self, built_ns: u64) -> bool {
        let window = u64::try_from(RACY_WINDOW.as_nanos()).unwrap_or(u64::MAX);
        let limit = built_ns.saturating_sub(window);
        self.mtime_ns < limit && self.ctime_ns < limit
    }
}

/// Nanoseconds since the Unix epoch, or `None` for times before it or too far after.
#[must_use]
pub fn nanos(t: SystemTime) -> Option<u64> {
    u64::try_from(t.duration_since(UNIX_EPOCH).ok()?.as_nanos()).ok()
}

#[cfg(unix)]
fn unix_parts(meta: &std::fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    let secs = u64::try_from(meta.ctime()).unwrap_or(0);
    let sub = u64::try_from(meta.ctime_nsec()).unwrap_or(0);
    (
        secs.saturating_mul(1_000_000_000).saturating_add(sub),
        meta.ino(),
    )
}

#[cfg(not(unix))]
fn unix_parts(_meta: &std::fs::Metadata) -> (u64, u64) {
    (0, 0)
}
