//! The corpus engine: loading, cleaning, extraction and indexing. No terminal types here.

pub mod cache;
pub mod clean;
pub mod extract;
pub mod index;
pub mod load;
pub mod model;
pub mod overrides;
pub mod sample;
pub mod sanitize;
pub mod search;
pub mod split;

use std::path::PathBuf;
use std::sync::Arc;

pub use index::Index;
pub use load::{LoadError, LoadOptions, Loaded};
pub use model::{Article, ArticleIx, Entity, EntityIx, Format, Kind, Mention, Warning};
pub use overrides::Overrides;

/// A loaded, extracted and indexed corpus: everything the commands and the reader need.
#[derive(Debug, Default, Clone)]
pub struct Corpus {
    /// Articles in a stable order.
    /// Shared, not owned: while the reader shows the articles, extraction reads them on
    /// another thread.
    pub articles: Arc<Vec<Article>>,
    /// Entities, most mentioned first.
    pub entities: Vec<Entity>,
    /// Lookups over mentions.
    pub index: Index,
    /// Problems met while loading.
    pub warnings: Vec<Warning>,
}

impl Corpus {
    /// Extracts and indexes already loaded articles.
    #[must_use]
    pub fn build(loaded: Loaded, overrides: &Overrides) -> Corpus {
        let entities = extract::extract(&loaded.articles, overrides);
        let index = Index::build(&loaded.articles, &entities);
        Corpus {
            articles: Arc::new(loaded.articles),
            entities,
            index,
            warnings: loaded.warnings,
        }
    }

    /// Loads, extracts and indexes the articles under `paths`.
    ///
    /// # Errors
    /// When a PATH does not exist.
    pub fn open(
        paths: &[PathBuf],
        opts: &LoadOptions,
        overrides: &Overrides,
    ) -> Result<Corpus, LoadError> {
        let loaded = load::load(paths, opts)?;
        Ok(Corpus::build(loaded, overrides))
    }
}

/// How far a load has got, for progress bars.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Progress {
    /// Files read so far, of the total found.
    Reading {
        /// Files done.
        done: usize,
        /// Files found.
        total: usize,
    },
    /// Files are read; extraction and indexing start.
    Indexing,
    /// Extracting entities: `done` of `total` steps (each pass over the articles counts one
    /// step per article), so a large corpus shows a moving bar rather than a still one.
    Extracting {
        /// Steps done.
        done: usize,
        /// Steps in all.
        total: usize,
    },
}

impl Corpus {
    /// Like [`Corpus::open`], reporting progress as it goes (called from worker threads), and
    /// using the index cache ([`cache::CacheOptions::from_env`]).
    ///
    /// # Errors
    /// When a PATH does not exist.
    pub fn open_with_progress(
        paths: &[PathBuf],
        opts: &LoadOptions,
        overrides: &Overrides,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Corpus, LoadError> {
        // The index cache (on unless BYLINE_NO_CACHE is set) makes an unchanged reopen cheap.
        let cache = cache::CacheOptions::from_env();
        cache::load_staged(paths, opts, overrides, &cache, progress, None).map(|(c, _)| c)
    }

    /// Like [`Corpus::open_with_progress`], handing the articles to `ready` as soon as they
    /// are read (a corpus without entities yet), before extraction, so a reader can show them
    /// while a large corpus is still being extracted. The end of a first open's cache write
    /// is returned unfinished, for the caller to finish once the corpus is shown.
    ///
    /// # Errors
    /// When a PATH does not exist.
    pub fn open_staged(
        paths: &[PathBuf],
        opts: &LoadOptions,
        overrides: &Overrides,
        progress: &(dyn Fn(Progress) + Sync),
        ready: &(dyn Fn(&Corpus) + Sync),
    ) -> Result<(Corpus, Option<cache::PendingWrite>), LoadError> {
        let cache = cache::CacheOptions::from_env();
        cache::load_deferred(paths, opts, overrides, &cache, progress, Some(ready))
            .map(|(c, _, pending)| (c, pending))
    }
}

impl Corpus {
    /// The built-in sample corpus, extracted and indexed.
    #[must_use]
    pub fn sample(overrides: &Overrides) -> Corpus {
        Corpus::build(load::load_sample(), overrides)
    }
}
