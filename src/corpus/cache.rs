//! The index cache: remembers, per corpus, each file's parsed articles (keyed by its stamp and
//! content hash) and the whole corpus's extraction, so reopening an unchanged corpus skips
//! parsing, cleaning and extraction. A cache is only ever an accelerator: any cache that is
//! missing, corrupt, stale or inconsistent is ignored and rebuilt, never trusted, and a cache
//! that cannot be written costs nothing but speed. Never prints; reports what it did instead.

mod entries;
pub mod format;
pub mod listing;
pub mod source;
pub mod stamp;
mod temp;
pub mod trim;

pub use temp::discard_unfinished;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use super::load::{LoadError, LoadOptions, Loaded};
use super::model::{Article, Warning};
use super::overrides::Overrides;
use super::{Corpus, Index, Progress, extract};
use entries::{FileDone, Old, Outcome};
pub use format::CacheError;
use format::Section;

/// Environment variable naming the cache folder (overrides the platform's cache directory).
pub const ENV_DIR: &str = "BYLINE_CACHE_DIR";
/// Environment variable that disables the cache when set to anything but "" or "0".
pub const ENV_DISABLE: &str = "BYLINE_NO_CACHE";

/// Where the cache lives, whether it is used, and which build of byline is asking.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CacheOptions {
    /// The cache folder; `None` disables the cache.
    pub dir: Option<PathBuf>,
    /// Identifies the program build; a cache written by another is stale.
    pub program: String,
    /// The most bytes the folder's cache files may hold: writing one removes the least
    /// recently used others until they fit (see [`trim`]).
    pub max_bytes: u64,
}

impl CacheOptions {
    /// The cache as the environment sets it: [`ENV_DISABLE`], then [`ENV_DIR`], then the
    /// platform cache directory (`directories`).
    #[must_use]
    pub fn from_env() -> CacheOptions {
        let off = std::env::var_os(ENV_DISABLE).is_some_and(|v| !v.is_empty() && v != "0");
        if off {
            return CacheOptions::disabled();
        }
        let dir = std::env::var_os(ENV_DIR)
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "byline").map(|d| d.cache_dir().into())
            });
        CacheOptions {
            dir,
            program: program_id(),
            max_bytes: trim::limit_from_env().unwrap_or(trim::DEFAULT_MAX_BYTES),
        }
    }

    /// A cache in `dir`, for this program build.
    #[must_use]
    pub fn in_dir(dir: &Path) -> CacheOptions {
        CacheOptions {
            dir: Some(dir.to_path_buf()),
            program: program_id(),
            max_bytes: trim::DEFAULT_MAX_BYTES,
        }
    }

    /// No cache: every open parses and extracts everything.
    #[must_use]
    pub fn disabled() -> CacheOptions {
        CacheOptions {
            dir: None,
            program: program_id(),
            max_bytes: trim::DEFAULT_MAX_BYTES,
        }
    }
}

/// This build of byline: its version plus the size and time of its executable, so a rebuilt
/// binary (whose parser or extractor may differ) never trusts an older build's results.
#[must_use]
pub fn program_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| std::fs::metadata(p).ok())
        .map(|m| {
            let t = m.modified().ok().and_then(stamp::nanos).unwrap_or(0);
            format!("{}:{t}", m.len())
        })
        .unwrap_or_default();
    format!("byline {} {exe}", env!("CARGO_PKG_VERSION"))
}

/// A file to load: where it is, and its sanitized path relative to its PATH argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file on disk.
    pub file: PathBuf,
    /// Relative display path (becomes each article's `path`).
    pub rel: String,
    /// The file's stamp if the walk already has it (saves a second `stat` per file).
    pub stamp: Option<stamp::Stamp>,
}

/// How files are read and parsed: the loader's job, behind a seam so the cache never needs to
/// know formats, and tests can count what was parsed.
pub trait FileLoader: Sync {
    /// Reads a file's bytes (bounded); the error is a short reason for a warning.
    ///
    /// # Errors
    /// Any reason the file cannot be read.
    fn read(&self, file: &Path) -> Result<Vec<u8>, String>;
    /// Parses, sanitizes and cleans one file's bytes into articles and warnings.
    fn parse(&self, src: &Source, bytes: &[u8]) -> Loaded;
}

/// What a load did with the cache, for tests, benchmarks and a status line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Report {
    /// Files reused on their stamp alone, without reading them.
    pub trusted: usize,
    /// Files read and hashed, found unchanged, and reused without parsing.
    pub rehashed: usize,
    /// Files read and parsed (new, changed, or no usable cache).
    pub parsed: usize,
    /// Whether the whole corpus's extraction was reused.
    pub extraction_reused: bool,
    /// Why an existing cache was not used, if one was found and rejected, or why its
    /// extraction was not (its file entries may still have been).
    pub rejected: Option<String>,
    /// Whether a new cache file was written.
    pub written: bool,
    /// Why writing the cache failed, if it did.
    pub write_error: Option<String>,
    /// Older cache files removed to keep the folder under its limit.
    pub trimmed: usize,
}

/// The header of a cache file: what it was built from, and where its sections are.
#[derive(Debug, Serialize, Deserialize)]
struct Header {
    /// [`program_id`] of the writer.
    program: String,
    /// The corpus key: PATH arguments and load options.
    key: String,
    /// The folders (or files) the PATH arguments named, resolved, for `byline cache`.
    folders: Vec<String>,
    /// When the build that wrote it started, in ns since the epoch (for racy stamps).
    built_ns: u64,
    /// Fingerprint of the inputs to extraction: files' content hashes, options, overrides.
    fingerprint: [u8; 32],
    /// Sections holding the file entries, in source order.
    shards: Vec<Section>,
    /// The article texts of each of those sections, one section each.
    texts: Vec<Section>,
    /// The sections holding the extracted entities, in order, a slice of them each.
    entities: Vec<Section>,
}

/// Loads the corpus under `paths`, using and refreshing the cache described by `cache`.
///
/// # Errors
/// When a PATH does not exist.
pub fn load_or_build(
    paths: &[PathBuf],
    opts: &LoadOptions,
    overrides: &Overrides,
    cache: &CacheOptions,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<(Corpus, Report), LoadError> {
    load_staged(paths, opts, overrides, cache, progress, None)
}

/// [`load_or_build`], handing the articles to `ready` (when given) once they are read and
/// before extraction: see [`build_staged`].
///
/// # Errors
/// When a PATH does not exist.
pub fn load_staged(
    paths: &[PathBuf],
    opts: &LoadOptions,
    overrides: &Overrides,
    cache: &CacheOptions,
    progress: &(dyn Fn(Progress) + Sync),
    ready: Option<&(dyn Fn(&Corpus) + Sync)>,
) -> Result<(Corpus, Report), LoadError> {
    load_deferred(paths, opts, overrides, cache, progress, ready).map(settle)
}

/// [`load_staged`], returning the corpus before the cache is finished: what is left of writing
/// it comes back as a [`PendingWrite`], for the caller to finish once the corpus is in use.
/// The report's `written` and `write_error` then say nothing yet about that part.
///
/// # Errors
/// When a PATH does not exist.
pub fn load_deferred(
    paths: &[PathBuf],
    opts: &LoadOptions,
    overrides: &Overrides,
    cache: &CacheOptions,
    progress: &(dyn Fn(Progress) + Sync),
    ready: Option<&(dyn Fn(&Corpus) + Sync)>,
) -> Result<(Corpus, Report, Option<PendingWrite>), LoadError> {
    // The walk (a stat per file) and reading the old cache do not depend on each other: at
    // 100,000 files each takes a few hundred milliseconds, so they run side by side.
    let (walked, previous) = rayon::join(
        || source::walk(paths),
        || Previous::open(paths, opts, cache),
    );
    let (sources, walk_warnings) = walked?;
    let job = Job {
        roots: paths,
        sources,
        walk_warnings,
        opts,
        overrides,
        cache,
    };
    Ok(build_from(
        job,
        previous,
        &source::DiskLoader { opts },
        progress,
        ready,
    ))
}

/// The end of writing a first open's cache, left for after the corpus is in use: the article
/// texts (most of the file's bytes), the header, the sync to disk and the rename into place.
/// Finished before the corpus was returned, this copy of every text came between the last
/// entity found and the reader showing them. Dropped unfinished, it removes its temporary
/// file and the cache is not saved.
#[derive(Debug)]
pub struct PendingWrite {
    writer: format::Writer,
    header: Header,
    /// The corpus's articles, shared with it.
    articles: Arc<Vec<Article>>,
    /// The articles of each file-entry section, in order.
    shards: Vec<std::ops::Range<usize>>,
    /// Where the file goes, and the folder's limit: see [`trim`].
    dest: PathBuf,
    max_bytes: u64,
}

impl PendingWrite {
    /// Writes the rest and puts the cache file in place, then removes the least recently
    /// used other cache files until the folder is under its limit. Returns how many went.
    ///
    /// # Errors
    /// Any encoding or I/O failure; the temporary file is then removed.
    pub fn finish(self) -> Result<usize, CacheError> {
        entries::finish_texts(self.writer, self.header, &self.articles, &self.shards)?;
        let dir = self.dest.parent().unwrap_or(Path::new("."));
        Ok(trim::keep_under(dir, self.max_bytes, &self.dest).len())
    }

    /// [`PendingWrite::finish`], saying how it went in the load's `report`.
    pub fn finish_into(self, report: &mut Report) {
        match self.finish() {
            Ok(trimmed) => {
                report.written = true;
                report.trimmed = trimmed;
            }
            Err(e) => report.write_error = Some(e.to_string()),
        }
    }
}

/// Finishes a load's cache at once.
fn settle(
    (corpus, mut report, pending): (Corpus, Report, Option<PendingWrite>),
) -> (Corpus, Report) {
    if let Some(p) = pending {
        p.finish_into(&mut report);
    }
    (corpus, report)
}

/// The cache key of a corpus: its PATH arguments, the folders they name, and load options.
/// The folders, because `byline .` in two folders is two corpora, which shared one cache file
/// and rebuilt it at each switch. The arguments as typed too, because the cache stores each
/// file's path as the walk gives it: `byline .` and `byline ~/notes` in `~/notes` would
/// otherwise share a file whose entries match only one of them, and rebuild it in turn.
/// Returns the key and those folders, resolved once for both.
fn corpus_key(roots: &[PathBuf], opts: &LoadOptions) -> (String, Vec<PathBuf>) {
    let folders = resolved(roots);
    (format!("{folders:?}\n{roots:?}\n{opts:?}"), folders)
}

/// The paths `roots` name, with links and `..` resolved (as typed when that fails).
fn resolved(roots: &[PathBuf]) -> Vec<PathBuf> {
    roots
        .iter()
        .map(|r| std::fs::canonicalize(r).unwrap_or_else(|_| r.clone()))
        .collect()
}

/// The cache file a corpus would use, and what it held if it could be used.
#[derive(Debug)]
struct Previous {
    key: String,
    /// The folders the corpus's PATH arguments name, for the header.
    folders: Vec<PathBuf>,
    path: Option<PathBuf>,
    old: Option<Old>,
    /// Why an existing cache was not used.
    rejected: Option<String>,
}

impl Previous {
    /// Reads the cache for the corpus under `roots` (nothing when the cache is disabled).
    fn open(roots: &[PathBuf], opts: &LoadOptions, cache: &CacheOptions) -> Previous {
        let (key, folders) = corpus_key(roots, opts);
        // What an interrupted write left, for this corpus or any other, goes first.
        if let Some(d) = &cache.dir {
            temp::sweep(d);
        }
        let path = cache.dir.as_ref().map(|d| d.join(file_name(&key)));
        let mut rejected = None;
        let old = path.as_deref().and_then(|p| {
            Old::read(p, &key, &cache.program)
                .map_err(|e| {
                    // A cache that is simply not there yet is not worth a reason.
                    if !matches!(&e, CacheError::Io(io) if io.kind() == std::io::ErrorKind::NotFound)
                    {
                        rejected = Some(e.to_string());
                    }
                })
                .ok()
        });
        Previous {
            key,
            folders,
            path,
            old,
            rejected,
        }
    }
}

/// Everything one load needs besides the file loader.
#[derive(Debug)]
pub struct Job<'a> {
    /// The PATH arguments (part of the cache key).
    pub roots: &'a [PathBuf],
    /// The files found under them, in corpus order.
    pub sources: Vec<Source>,
    /// Warnings from finding them.
    pub walk_warnings: Vec<Warning>,
    /// Load options (part of the cache key).
    pub opts: &'a LoadOptions,
    /// The user's extraction corrections.
    pub overrides: &'a Overrides,
    /// Where the cache is.
    pub cache: &'a CacheOptions,
}

/// Loads `job.sources` with `loader`, reusing whatever the cache holds that is still valid,
/// then writes the cache back if anything changed.
#[must_use]
pub fn build_with(
    job: Job<'_>,
    loader: &dyn FileLoader,
    progress: &(dyn Fn(Progress) + Sync),
) -> (Corpus, Report) {
    build_staged(job, loader, progress, None)
}

/// [`build_with`], calling `ready` with the corpus as soon as its articles are in place (no
/// entities yet) when extraction still has to run: a reader shows them meanwhile. The corpus
/// returned shares those articles.
#[must_use]
pub fn build_staged(
    job: Job<'_>,
    loader: &dyn FileLoader,
    progress: &(dyn Fn(Progress) + Sync),
    ready: Option<&(dyn Fn(&Corpus) + Sync)>,
) -> (Corpus, Report) {
    let previous = Previous::open(job.roots, job.opts, job.cache);
    settle(build_from(job, previous, loader, progress, ready))
}

/// [`build_staged`] with the old cache already read, leaving the end of the cache write to the
/// caller.
fn build_from(
    mut job: Job<'_>,
    previous: Previous,
    loader: &dyn FileLoader,
    progress: &(dyn Fn(Progress) + Sync),
    ready: Option<&(dyn Fn(&Corpus) + Sync)>,
) -> (Corpus, Report, Option<PendingWrite>) {
    let built_ns = stamp::nanos(std::time::SystemTime::now()).unwrap_or(0);
    let Previous {
        key,
        folders,
        path,
        mut old,
        rejected,
    } = previous;
    let mut report = Report {
        rejected,
        ..Report::default()
    };
    // Files are hashed only for a cache that will be written.
    let done = entries::process(&job.sources, old.as_mut(), loader, path.is_some(), progress);
    progress(Progress::Indexing);
    for d in &done {
        match d.outcome {
            Outcome::Trusted => report.trusted += 1,
            Outcome::Rehashed => report.rehashed += 1,
            Outcome::Parsed => report.parsed += 1,
        }
    }
    let fingerprint = fingerprint(&job, &done);
    // The file list is not needed past this point; freed now, it is not part of the peak.
    let sources = std::mem::take(&mut job.sources).len();
    let (mut corpus, files) = assemble(std::mem::take(&mut job.walk_warnings), done);
    let reused = old
        .as_ref()
        .filter(|o| report.parsed == 0 && o.fingerprint == fingerprint)
        .and_then(|o| {
            // Its file entries were good, so they are used; its extraction is made again.
            o.entities(&corpus.articles)
                .map_err(|e| report.rejected = Some(format!("extraction: {e}")))
                .ok()
        });
    report.extraction_reused = reused.is_some();
    let unchanged = report.extraction_reused && report.trusted == sources;
    // An unchanged corpus writes no cache, so its file spans (about 11 MB at 100,000 files)
    // and what is left of the old cache are freed before the index is built, not after.
    let files = (!unchanged).then_some(files);
    if unchanged && let Some(p) = &path {
        // Used as it is: the last of the folder's cache files to be trimmed.
        trim::touch(p);
    }
    drop(old);
    // Every section is read by now: the decode buffers the worker threads keep go back too.
    format::release_buffers();
    if let (Some(ready), None) = (ready, &reused) {
        ready(&corpus);
    }
    // The file entries are written now, before extraction, and their spans freed with them;
    // their texts wait for the end (see [`PendingWrite`]).
    let mut header = Header {
        program: job.cache.program.clone(),
        key,
        folders: folders
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
        built_ns,
        fingerprint,
        shards: Vec::new(),
        texts: Vec::new(),
        entities: Vec::new(),
    };
    let writer = match (path, files) {
        (Some(path), Some(files)) => {
            match entries::write_files(&path, &mut header, &corpus, &files) {
                Ok((w, shards)) => Some((w, shards, path)),
                Err(e) => {
                    report.write_error = Some(e.to_string());
                    None
                }
            }
        }
        _ => None,
    };
    corpus.entities = reused.unwrap_or_else(|| {
        extract::extract_with_progress(&corpus.articles, job.overrides, progress)
    });
    // The entities are written to the cache while the search index is built: both only read
    // them, and the corpus keeps the entities once it is handed over.
    let (index, written) = std::thread::scope(|s| {
        let entities = &corpus.entities;
        let header = &mut header;
        let write = writer.map(|(mut w, shards, dest)| {
            s.spawn(move || {
                entries::write_entities(&mut w, header, entities).map(|()| (w, shards, dest))
            })
        });
        let index = Index::build(&corpus.articles, entities);
        (index, write.map(std::thread::ScopedJoinHandle::join))
    });
    corpus.index = index;
    let pending = match written {
        Some(Ok(Ok((writer, shards, dest)))) => Some(PendingWrite {
            writer,
            header,
            articles: Arc::clone(&corpus.articles),
            shards,
            dest,
            max_bytes: job.cache.max_bytes,
        }),
        Some(Ok(Err(e))) => {
            report.write_error = Some(e.to_string());
            None
        }
        // The temporary file is removed as the writer unwinds; the cache is only not saved.
        Some(Err(_)) => {
            report.write_error = Some("the cache writer stopped unexpectedly".into());
            None
        }
        None => None,
    };
    (corpus, report, pending)
}

/// The cache file name for a corpus key: stable, short, and safe on every file system.
fn file_name(key: &str) -> String {
    let h = blake3::hash(key.as_bytes()).to_hex();
    format!("corpus-{}.bin", &h.as_str()[..32])
}

/// Hashes everything extraction depends on, so an unchanged fingerprint means an unchanged
/// result: the options, the overrides, and each file's place, path and content.
fn fingerprint(job: &Job<'_>, done: &[FileDone]) -> [u8; 32] {
    let mut h = blake3::Hasher::new();
    h.update(format!("{:?}\n{:?}\n", job.opts, job.overrides).as_bytes());
    h.update(&(done.len() as u64).to_le_bytes());
    for (src, d) in job.sources.iter().zip(done) {
        h.update(src.file.to_string_lossy().as_bytes());
        h.update(&[0]);
        h.update(src.rel.as_bytes());
        h.update(&[0]);
        h.update(&d.hash);
    }
    *h.finalize().as_bytes()
}

/// Moves the per-file results into one corpus (without entities yet), keeping for each file
/// the ranges of its articles and warnings so the cache can be written from the corpus itself.
fn assemble(walk_warnings: Vec<Warning>, done: Vec<FileDone>) -> (Corpus, Vec<entries::Span>) {
    // Sized once: growing by doubling would briefly hold two copies of the article table.
    let n: usize = done.iter().map(|d| d.loaded.articles.len()).sum();
    let mut articles = Vec::with_capacity(n);
    let mut warnings = walk_warnings;
    let mut spans = Vec::with_capacity(done.len());
    for d in done {
        let a = articles.len();
        let w = warnings.len();
        articles.extend(d.loaded.articles);
        warnings.extend(d.loaded.warnings);
        spans.push(entries::Span::new(
            d.path,
            d.rel,
            &articles,
            d.stamp,
            d.hash,
            (a..articles.len(), w..warnings.len()),
        ));
    }
    let corpus = Corpus {
        articles: Arc::new(articles),
        warnings,
        ..Corpus::default()
    };
    (corpus, spans)
}

#[cfg(test)]
mod staged_tests;
#[cfg(test)]
mod tests;
