//! The cache's seam to the loader: finding the files under the PATH arguments and reading and
//! parsing one file. Delegates to `corpus::load`; holds no format knowledge of its own.
//!
//! Until the full loader lands this mirrors the placeholder loader (plain text, sorted walk);
//! the integrator points these three functions at `load::walk::walk`, `load::read` and the
//! loader's per-file parse when it does.

use std::io::Read;
use std::path::{Path, PathBuf};

use super::stamp::Stamp;
use super::{FileLoader, Source};
use crate::corpus::load::{self, Draft, LoadError, LoadOptions, Loaded};
use crate::corpus::model::{Format, Warning};
use crate::corpus::sanitize::{sanitize_line, sanitize_text};

/// Lists the files under `paths` in corpus order, with warnings met on the way.
///
/// # Errors
/// A PATH that does not exist.
pub fn walk(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Warning>), LoadError> {
    let mut out = Vec::new();
    for root in paths {
        if !root.exists() {
            return Err(LoadError::NotFound(sanitize_line(
                &root.display().to_string(),
            )));
        }
        let mut files = Vec::new();
        if root.is_dir() {
            collect(root, &mut files);
        } else if root.is_file() {
            files.push((root.clone(), Stamp::of(root)));
        }
        for (f, stamp) in files {
            let rel = f.strip_prefix(root).unwrap_or(&f);
            let rel = if rel.as_os_str().is_empty() {
                f.file_name().map_or(f.as_path(), Path::new)
            } else {
                rel
            };
            out.push(Source {
                rel: sanitize_line(&rel.display().to_string()),
                stamp,
                file: f,
            });
        }
    }
    Ok((out, Vec::new()))
}

/// Lists the files under a folder with their stamps. The entry's own metadata is asked for
/// (a `stat` relative to the open folder, not a lookup of the whole path again), which is most
/// of the cost of checking an unchanged corpus.
fn collect(dir: &Path, out: &mut Vec<(PathBuf, Option<Stamp>)>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    // Sorting each folder's names gives the same order as sorting whole paths by component,
    // at a fraction of the cost.
    let mut entries: Vec<std::fs::DirEntry> = rd.flatten().collect();
    entries.sort_by_key(std::fs::DirEntry::file_name);
    for e in entries {
        let path = e.path();
        match e.file_type() {
            Ok(t) if t.is_dir() => collect(&path, out),
            Ok(t) if t.is_file() => {
                let stamp = e.metadata().ok().and_then(|m| Stamp::from_meta(&m));
                out.push((path, stamp));
            }
            // Links and anything else: follow like reading would.
            _ if path.is_dir() => collect(&path, out),
            _ if path.is_file() => {
                let stamp = Stamp::of(&path);
                out.push((path, stamp));
            }
            _ => {}
        }
    }
}

/// Reads and parses files from disk the way the loader does.
#[derive(Debug)]
pub struct DiskLoader<'a> {
    /// The load options (the size cap).
    pub opts: &'a LoadOptions,
}

impl FileLoader for DiskLoader<'_> {
    fn read(&self, file: &Path) -> Result<Vec<u8>, String> {
        let f = std::fs::File::open(file).map_err(|e| e.to_string())?;
        let mut bytes = Vec::new();
        f.take(self.opts.max_file_bytes)
            .read_to_end(&mut bytes)
            .map_err(|e| e.to_string())?;
        Ok(bytes)
    }

    fn parse(&self, src: &Source, bytes: &[u8]) -> Loaded {
        let draft = Draft {
            body: sanitize_text(&String::from_utf8_lossy(bytes)),
            ..Draft::default()
        };
        Loaded {
            articles: vec![load::finish(
                &draft,
                &src.rel,
                &src.file,
                None,
                Format::Text,
            )],
            warnings: Vec::new(),
        }
    }
}
