//! Walking the PATH arguments: lists the regular files to read, in a stable sorted order.
//! Opens no file (reading is `read.rs`'s job); it only looks at metadata, so a FIFO, socket or
//! device found here is named in a warning and never touched.

use std::collections::HashSet;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::read::{describe, io_reason, is_loop};
use crate::corpus::model::Warning;
use crate::corpus::sanitize::sanitize_line;

/// A file to read: where it is, and its sanitized path relative to the PATH it was found under.
#[derive(Debug, Clone)]
pub struct FoundFile {
    /// The file on disk.
    pub file: PathBuf,
    /// Relative to the PATH argument (for a file PATH, its file name), sanitized, `/`-separated.
    pub rel: String,
    /// The metadata the walk already fetched (links followed): the index cache compares it with
    /// what it stored, which saves a second `stat` of every file.
    pub meta: std::fs::Metadata,
}

/// The sanitized display form of a path on disk, for warnings.
#[must_use]
pub fn display(p: &Path) -> String {
    sanitize_line(&p.to_string_lossy())
}

/// Lists the files under `root` (a file or a folder), appending to `out` and `warnings`.
/// `root` must exist; hidden entries below it are skipped, the root itself never is.
pub fn walk(root: &Path, out: &mut Vec<FoundFile>, warnings: &mut Vec<Warning>) {
    let meta = match classify(root) {
        Ok(Entry::File(meta)) => {
            let name = root.file_name().unwrap_or(root.as_os_str());
            out.push(FoundFile {
                file: root.to_path_buf(),
                rel: sanitize_line(&name.to_string_lossy()),
                meta,
            });
            return;
        }
        Ok(Entry::Dir(meta)) => meta,
        Ok(Entry::Other(what)) => {
            warnings.push(warn(root, format!("{what}, skipped")));
            return;
        }
        Err(reason) => {
            warnings.push(warn(root, reason));
            return;
        }
    };
    // Folders already entered, by identity, so a link back up the tree is seen as a loop.
    let mut seen: HashSet<DirId> = HashSet::new();
    if let Some(id) = dir_id(root, &meta) {
        seen.insert(id);
    }
    // Depth first with an explicit stack of open folders (each with its remaining entries,
    // reversed so `pop` yields them in sorted order), so a very deep tree cannot overflow ours
    // and files and folders come out interleaved in one sorted order.
    let mut stack: Vec<Frame> = Vec::new();
    if let Some(f) = Frame::open(root, String::new(), warnings) {
        stack.push(f);
    }
    while let Some(top) = stack.last_mut() {
        let Some((rel, path, class)) = top.entries.pop() else {
            stack.pop();
            continue;
        };
        match class {
            Ok(Entry::File(meta)) => out.push(FoundFile {
                rel,
                file: path,
                meta,
            }),
            Ok(Entry::Dir(meta)) => {
                if dir_id(&path, &meta).is_none_or(|id| seen.insert(id)) {
                    if let Some(f) = Frame::open(&path, rel, warnings) {
                        stack.push(f);
                    }
                } else {
                    warnings.push(warn(&path, "folder link loop, skipped".into()));
                }
            }
            Ok(Entry::Other(what)) => warnings.push(warn(&path, format!("{what}, skipped"))),
            Err(reason) => warnings.push(warn(&path, reason)),
        }
    }
}

/// An open folder during the walk.
struct Frame {
    /// Visible entries not yet visited, in reverse sorted order: each with its relative path
    /// (sanitized, `/`-separated), its path on disk, and what it is.
    entries: Vec<(String, PathBuf, Result<Entry, String>)>,
}

impl Frame {
    /// Lists a folder's visible entries; an unreadable folder is a warning and `None`.
    fn open(dir: &Path, rel: String, warnings: &mut Vec<Warning>) -> Option<Frame> {
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => {
                let reason = io_reason(&e).replace(", skipped", "; folder skipped");
                warnings.push(warn(dir, reason));
                return None;
            }
        };
        let mut found: Vec<(OsString, std::fs::DirEntry)> = rd
            .filter_map(|e| match e {
                Ok(e) => Some((e.file_name(), e)),
                Err(err) => {
                    warnings.push(warn(dir, io_reason(&err)));
                    None
                }
            })
            .filter(|(n, _)| !n.to_string_lossy().starts_with('.'))
            .collect();
        found.sort_by(|a, b| b.0.cmp(&a.0));
        // One `stat` per entry, done in parallel and relative to the open folder: on a folder
        // of thousands of files the walk is otherwise a long single-threaded run of system
        // calls, each resolving the whole path again. The order is kept.
        let entries = found
            .into_par_iter()
            .map(|(name, entry)| {
                let path = dir.join(&name);
                let class = classify_entry(&entry, &path);
                let name = sanitize_line(&name.to_string_lossy());
                let rel = if rel.is_empty() {
                    name
                } else {
                    format!("{rel}/{name}")
                };
                (rel, path, class)
            })
            .collect();
        Some(Frame { entries })
    }
}

/// What a folder entry is: from the folder's own listing and a `stat` relative to the folder
/// when it is not a link, else by following the link from its full path.
fn classify_entry(entry: &std::fs::DirEntry, path: &Path) -> Result<Entry, String> {
    match entry.file_type() {
        // Not a link, so its own metadata is what following it would give.
        Ok(t) if !t.is_symlink() => match entry.metadata() {
            Ok(meta) => Ok(sort(meta)),
            Err(_) => classify(path),
        },
        _ => classify(path),
    }
}

enum Entry {
    File(std::fs::Metadata),
    Dir(std::fs::Metadata),
    Other(&'static str),
}

/// What an entry is once links are resolved.
fn classify(path: &Path) -> Result<Entry, String> {
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if is_loop(&e) => return Err("symbolic link loop, skipped".into()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let dangling = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink());
            return Err(if dangling {
                "broken symbolic link, skipped".into()
            } else {
                io_reason(&e)
            });
        }
        Err(e) => return Err(io_reason(&e)),
    };
    Ok(sort(meta))
}

/// Sorts an entry by its (link-free) metadata.
fn sort(meta: std::fs::Metadata) -> Entry {
    if meta.is_file() {
        Entry::File(meta)
    } else if meta.is_dir() {
        Entry::Dir(meta)
    } else {
        Entry::Other(describe(meta.file_type()))
    }
}

/// A folder's identity: device and inode where the platform has them, else its canonical path.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum DirId {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Canonical(PathBuf),
}

fn dir_id(path: &Path, meta: &std::fs::Metadata) -> Option<DirId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let _ = path;
        Some(DirId::Inode(meta.dev(), meta.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        std::fs::canonicalize(path).ok().map(DirId::Canonical)
    }
}

fn warn(path: &Path, message: String) -> Warning {
    Warning {
        path: display(path),
        message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn a_dangling_or_looping_root_is_a_warning() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::os::unix::fs::symlink("gone", d.join("dangling")).expect("link");
        std::os::unix::fs::symlink("loop", d.join("loop")).expect("link");
        let (mut out, mut w) = (Vec::new(), Vec::new());
        walk(&d.join("dangling"), &mut out, &mut w);
        walk(&d.join("loop"), &mut out, &mut w);
        assert!(out.is_empty());
        let msgs: Vec<&str> = w.iter().map(|w| w.message.as_str()).collect();
        assert_eq!(
            msgs,
            [
                "broken symbolic link, skipped",
                "symbolic link loop, skipped"
            ]
        );
    }

    fn names(out: &[FoundFile]) -> Vec<&str> {
        out.iter().map(|f| f.rel.as_str()).collect()
    }

    #[test]
    fn sorted_depth_first_hidden_skipped() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        for p in [
            "b.txt",
            "a/z.txt",
            "a/c/x.md",
            ".hidden.txt",
            ".git/config",
            "c.txt",
        ] {
            let p = d.join(p);
            std::fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
            std::fs::write(&p, "x").expect("write");
        }
        let (mut out, mut w) = (Vec::new(), Vec::new());
        walk(d, &mut out, &mut w);
        assert_eq!(names(&out), ["a/c/x.md", "a/z.txt", "b.txt", "c.txt"]);
        assert!(w.is_empty(), "{w:?}");
        // A file PATH is named by its file name.
        let (mut out, mut w) = (Vec::new(), Vec::new());
        walk(&d.join("a/z.txt"), &mut out, &mut w);
        assert_eq!(names(&out), ["z.txt"]);
    }

    #[test]
    fn a_big_folder_stat_in_parallel_keeps_sorted_order() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        // Names written in an order unlike the sorted one, with a folder among the files.
        let mut want = Vec::new();
        for i in (0..400).rev() {
            let name = format!("f{:03}.txt", (i * 7) % 400);
            std::fs::write(d.join(&name), "x").expect("write");
        }
        std::fs::create_dir(d.join("f200.d")).expect("mkdir");
        std::fs::write(d.join("f200.d/in.txt"), "x").expect("write");
        for i in 0..400 {
            // "f200.d" sorts before "f200.txt".
            if i == 200 {
                want.push("f200.d/in.txt".to_string());
            }
            want.push(format!("f{i:03}.txt"));
        }
        let (mut out, mut w) = (Vec::new(), Vec::new());
        walk(d, &mut out, &mut w);
        assert_eq!(names(&out), want);
        assert!(out.iter().all(|f| f.meta.is_file() && f.meta.len() == 1));
        assert!(w.is_empty(), "{w:?}");
    }

    #[cfg(unix)]
    #[test]
    fn links_to_files_and_folders_are_followed() {
        let (dir, elsewhere) = (
            tempfile::tempdir().expect("tempdir"),
            tempfile::tempdir().expect("tempdir"),
        );
        let (d, e) = (dir.path(), elsewhere.path());
        std::fs::write(e.join("long.txt"), "twelve bytes").expect("write");
        std::os::unix::fs::symlink(e, d.join("alias")).expect("link");
        std::os::unix::fs::symlink(e.join("long.txt"), d.join("b.txt")).expect("link");
        let (mut out, mut w) = (Vec::new(), Vec::new());
        walk(d, &mut out, &mut w);
        assert_eq!(names(&out), ["alias/long.txt", "b.txt"]);
        // The link's target's metadata, not the link's own.
        assert!(out.iter().all(|f| f.meta.is_file() && f.meta.len() == 12));
        assert!(w.is_empty(), "{w:?}");
    }

    #[cfg(unix)]
    #[test]
    fn link_loops_are_warnings() {
        let dir = tempfile::tempdir().expect("tempdir");
        let d = dir.path();
        std::fs::create_dir(d.join("sub")).expect("mkdir");
        std::fs::write(d.join("sub/a.txt"), "x").expect("write");
        std::os::unix::fs::symlink("..", d.join("sub/up")).expect("link");
        std::os::unix::fs::symlink("self", d.join("self")).expect("link");
        std::os::unix::fs::symlink("nowhere", d.join("dangling")).expect("link");
        let (mut out, mut w) = (Vec::new(), Vec::new());
        walk(d, &mut out, &mut w);
        assert_eq!(names(&out), ["sub/a.txt"]);
        let msgs: Vec<String> = w.iter().map(ToString::to_string).collect();
        assert_eq!(w.len(), 3, "{msgs:?}");
        assert!(msgs.iter().any(|m| m.contains("self: symbolic link loop")));
        assert!(msgs.iter().any(|m| m.contains("up: folder link loop")));
        assert!(
            msgs.iter()
                .any(|m| m.contains("dangling: broken symbolic link"))
        );
    }
}
