//! The corpus engine: loading, cleaning, extraction and indexing. No terminal types here.

pub mod clean;
pub mod extract;
pub mod index;
pub mod load;
pub mod model;
pub mod overrides;
pub mod sample;
pub mod sanitize;
pub mod search;

use std::path::PathBuf;

pub use index::Index;
pub use load::{LoadError, LoadOptions, Loaded};
pub use model::{Article, ArticleIx, Entity, EntityIx, Format, Kind, Mention, Warning};
pub use overrides::Overrides;

/// A loaded, extracted and indexed corpus: everything the commands and the reader need.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Articles in a stable order.
    pub articles: Vec<Article>,
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
            articles: loaded.articles,
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
    /// Extracting and indexing entities.
    Indexing,
}

impl Corpus {
    /// Like [`Corpus::open`], reporting progress as it goes (called from worker threads).
    ///
    /// # Errors
    /// When a PATH does not exist.
    pub fn open_with_progress(
        paths: &[PathBuf],
        opts: &LoadOptions,
        overrides: &Overrides,
        progress: &(dyn Fn(Progress) + Sync),
    ) -> Result<Corpus, LoadError> {
        let loaded = load::load_with_progress(paths, opts, &|done, total| {
            progress(Progress::Reading { done, total });
        })?;
        progress(Progress::Indexing);
        Ok(Corpus::build(loaded, overrides))
    }
}

impl Corpus {
    /// The built-in sample corpus, extracted and indexed.
    #[must_use]
    pub fn sample(overrides: &Overrides) -> Corpus {
        Corpus::build(load::load_sample(), overrides)
    }
}
