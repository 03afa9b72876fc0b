//! The mention index: per-article entity counts, per-entity article counts, related articles,
//! sentence lookup and name lookup. Built once from the extracted entities. Pure.

mod names;
mod rows;

use std::cmp::Ordering;
use std::ops::Range;

use rayon::prelude::*;

use super::model::{Article, ArticleIx, Entity, EntityIx, Mention};
use names::Names;
pub use rows::Rows;

/// Lookups over a corpus's entities and mentions.
#[derive(Debug, Default, Clone)]
pub struct Index {
    /// For each article: its entities with mention counts, most mentioned first.
    pub by_article: Rows<(EntityIx, u32)>,
    /// For each entity: how many articles mention it.
    pub article_count: Vec<u32>,
    /// For each entity: the articles that mention it, ascending, without repeats.
    pub postings: Rows<ArticleIx>,
    /// Lowercased name or alias -> entity.
    names: Names,
}

impl Index {
    /// Builds the index.
    ///
    /// Without any per-article hash map: each entity's mentions are already in article order,
    /// so counting runs gives its (article, count) pairs (in parallel over entities). Both
    /// tables are sized exactly before they are filled, so nothing grows or over-allocates.
    #[must_use]
    pub fn build(articles: &[Article], entities: &[Entity]) -> Index {
        // The name table first: its sorting buffers are the build's largest transient memory,
        // and freed before the rows below exist they never add to them at the peak.
        let names = Names::build(entities);
        // Each entity's runs are counted again rather than kept between the steps, so no
        // extra copy of every pair is ever alive.
        let runs: Vec<usize> = entities
            .par_iter()
            .map(|e| {
                let mut n = 0usize;
                for_each_run(&e.mentions, |_, _| n += 1);
                n
            })
            .collect();
        let mut postings: Rows<ArticleIx> = Rows::with_lens(runs);
        postings
            .rows_mut()
            .zip(entities.par_iter())
            .for_each(|(row, e)| {
                let mut slots = row.iter_mut();
                for_each_run(&e.mentions, |a, _| {
                    if let Some(x) = slots.next() {
                        *x = a;
                    }
                });
            });
        let article_count = postings
            .iter()
            .map(|p| u32::try_from(p.len()).unwrap_or(u32::MAX))
            .collect();
        // A mention of an article that does not exist counts only in the postings.
        let mut lens = vec![0usize; articles.len()];
        for &a in postings.items() {
            if let Some(n) = lens.get_mut(a as usize) {
                *n += 1;
            }
        }
        let mut by_article: Rows<(EntityIx, u32)> = Rows::with_lens(lens);
        let mut filled = vec![0usize; articles.len()];
        for (ei, e) in entities.iter().enumerate() {
            let ei = EntityIx::try_from(ei).unwrap_or(EntityIx::MAX);
            for_each_run(&e.mentions, |a, count| {
                let (Some(row), Some(k)) =
                    (by_article.row_mut(a as usize), filled.get_mut(a as usize))
                else {
                    return;
                };
                if let Some(x) = row.get_mut(*k) {
                    *x = (ei, count);
                    *k += 1;
                }
            });
        }
        drop(filled);
        by_article
            .rows_mut()
            .for_each(|v| v.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0))));
        Index {
            by_article,
            article_count,
            postings,
            names,
        }
    }

    /// Bytes the index holds on the heap (capacities, without allocator overhead): for
    /// measuring memory.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.by_article.heap_bytes()
            + self.postings.heap_bytes()
            + self.article_count.capacity() * std::mem::size_of::<u32>()
            + self.names.heap_bytes()
    }

    /// The entity whose name or alias is `name`, case-insensitively.
    #[must_use]
    pub fn lookup(&self, name: &str) -> Option<EntityIx> {
        let mut key = String::with_capacity(name.len());
        names::lower_into(&mut key, name.trim());
        self.names.get(&key)
    }

    /// Articles related to `article`, best first, scored by shared entities weighted by rarity.
    ///
    /// Each shared entity adds its inverse document frequency, `ln(N / df)`, so sharing a rare
    /// name counts for much more than sharing a name every article has. Entities present in more
    /// than half the corpus carry almost no signal and are skipped, which also keeps this cheap
    /// on very large corpora. Ties go to more shared entities, then to corpus order.
    ///
    /// Tallied in flat per-article arrays rather than a map of growing lists: on 100,000
    /// articles an entity shared by tens of thousands of them made the map take tens of
    /// milliseconds, too slow for the reader's `r` key.
    #[must_use]
    pub fn related(&self, article: ArticleIx, limit: usize) -> Vec<Related> {
        let Some(entities) = self.by_article.get(article as usize) else {
            return Vec::new();
        };
        let n = self.by_article.len();
        #[allow(clippy::cast_precision_loss)]
        let n_f = n as f32;
        let mut score = vec![0f32; n];
        let mut shared = vec![0u32; n];
        let mut touched: Vec<ArticleIx> = Vec::new();
        // The entities that count, in the open article's order (most mentioned there first).
        let mut counted = Vec::new();
        for &(e, _) in entities {
            let Some(posting) = self.postings.get(e as usize) else {
                continue;
            };
            // Entities in one article only say nothing; those in over half the corpus say little.
            if posting.len() < 2 || posting.len() * 2 > n.max(4) {
                continue;
            }
            counted.push((e, posting));
            #[allow(clippy::cast_precision_loss)]
            let idf = (n_f / posting.len() as f32).ln();
            for &other in posting {
                if other == article {
                    continue;
                }
                let (Some(s), Some(c)) = (
                    score.get_mut(other as usize),
                    shared.get_mut(other as usize),
                ) else {
                    continue;
                };
                if *c == 0 {
                    touched.push(other);
                }
                // Summed in the open article's entity order, so the same input gives the same floats.
                *s += idf;
                *c += 1;
            }
        }
        let key = |a: &ArticleIx| {
            let i = *a as usize;
            (
                score.get(i).copied().unwrap_or(0.0),
                shared.get(i).copied().unwrap_or(0),
            )
        };
        let order = |a: &ArticleIx, b: &ArticleIx| -> Ordering {
            let ((sa, ca), (sb, cb)) = (key(a), key(b));
            sb.total_cmp(&sa).then(cb.cmp(&ca)).then(a.cmp(b))
        };
        if touched.len() > limit && limit > 0 {
            touched.select_nth_unstable_by(limit - 1, order);
        }
        touched.truncate(limit);
        touched.sort_unstable_by(order);
        touched
            .into_iter()
            .map(|other| Related {
                article: other,
                score: key(&other).0,
                shared: counted
                    .iter()
                    .filter(|(_, posting)| posting.binary_search(&other).is_ok())
                    .map(|(e, _)| *e)
                    .collect(),
            })
            .collect()
    }
}

/// An article related to another, with its score and the entities they share.
#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    /// The related article.
    pub article: ArticleIx,
    /// Sum of the shared entities' inverse document frequencies.
    pub score: f32,
    /// The shared entities, in the first article's order (most mentioned there first).
    pub shared: Vec<EntityIx>,
}

/// Calls `f(article, mentions in it)` for an entity's mentions, ascending by article. Mentions
/// are in reading order, so counting runs is enough; any other order (entities built by hand)
/// is sorted first rather than trusted.
fn for_each_run(mentions: &[Mention], mut f: impl FnMut(ArticleIx, u32)) {
    let sorted;
    let mentions = if mentions.is_sorted_by_key(|m| m.article) {
        mentions
    } else {
        let mut v = mentions.to_vec();
        v.sort_unstable_by_key(|m| m.article);
        sorted = v;
        &sorted
    };
    let mut run: Option<(ArticleIx, u32)> = None;
    for m in mentions {
        run = match run {
            Some((a, n)) if a == m.article => Some((a, n.saturating_add(1))),
            Some((a, n)) => {
                f(a, n);
                Some((m.article, 1))
            }
            None => Some((m.article, 1)),
        };
    }
    if let Some((a, n)) = run {
        f(a, n);
    }
}

/// The byte range of the sentence containing `offset` in `text`.
#[must_use]
pub fn sentence_at(text: &str, offset: usize) -> Range<usize> {
    let mut offset = offset.min(text.len());
    // Callers may hold an offset from an older text; never cut a character in two.
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
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

#[cfg(test)]
mod tests;
