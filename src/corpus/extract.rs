//! Entity extraction over a whole corpus: candidates, kinds, alias merging, mention spans. Pure.
//!
//! Placeholder: finds nothing; the real extractor replaces it.

use super::model::{Article, Entity};
use super::overrides::Overrides;

/// Extracts the entities of a corpus, each with its mentions in reading order.
#[must_use]
pub fn extract(_articles: &[Article], _overrides: &Overrides) -> Vec<Entity> {
    Vec::new()
}
