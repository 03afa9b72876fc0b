//! The cache's seam to the loader: finding the files under the PATH arguments, and reading and
//! parsing one file. Delegates every rule (which files, how bounded, which format) to
//! `corpus::load`, so a cached load finds and parses exactly what an uncached one does.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use super::stamp::Stamp;
use super::{FileLoader, Source};
use crate::corpus::load::{self, LoadError, LoadOptions, Loaded, read, walk};
use crate::corpus::model::Warning;

/// Lists the files under `paths` in corpus order, with the walk's warnings, as
/// `load::load_with_progress` does.
///
/// # Errors
/// A PATH that does not exist.
pub fn walk(paths: &[PathBuf]) -> Result<(Vec<Source>, Vec<Warning>), LoadError> {
    for root in paths {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(LoadError::NotFound(walk::display(root)));
        }
    }
    let mut found = Vec::new();
    let mut warnings = Vec::new();
    for root in paths {
        walk::walk(root, &mut found, &mut warnings);
    }
    if paths.len() > 1 {
        let mut seen = HashSet::new();
        found.retain(|f| seen.insert(std::fs::canonicalize(&f.file).unwrap_or(f.file.clone())));
    }
    let sources = found
        .into_iter()
        .map(|f| Source {
            stamp: Stamp::from_meta(&f.meta),
            file: f.file,
            rel: f.rel,
        })
        .collect();
    Ok((sources, warnings))
}

/// Reads and parses files from disk with the loader's own functions.
#[derive(Debug)]
pub struct DiskLoader<'a> {
    /// The load options (the size cap).
    pub opts: &'a LoadOptions,
}

impl FileLoader for DiskLoader<'_> {
    fn read(&self, file: &Path) -> Result<Vec<u8>, String> {
        read::read_bounded(file, self.opts.max_file_bytes)
    }

    fn parse(&self, src: &Source, bytes: &[u8]) -> Loaded {
        let name = walk::display(&src.file);
        load::isolated(&name, &src.rel, &src.file, bytes, self.opts)
    }
}
