//! The `r` key's ranking, fast enough for the key loop: the same answer as
//! [`Index::related`] (shared entities weighted by inverse document frequency, most shared
//! first, then corpus order), tallied in flat per-article arrays instead of a hash map of
//! growing lists. On 100,000 articles an entity shared by tens of thousands of them made the
//! hash-map version take tens of milliseconds per press. Pure; reads the index only.

use std::cmp::Ordering;

use crate::corpus::index::Related;
use crate::corpus::{ArticleIx, Index};

/// Up to `limit` articles related to `article`, best first, as [`Index::related`] ranks them.
#[must_use]
pub fn related(index: &Index, article: ArticleIx, limit: usize) -> Vec<Related> {
    let Some(entities) = index.by_article.get(article as usize) else {
        return Vec::new();
    };
    let n = index.by_article.len();
    #[allow(clippy::cast_precision_loss)]
    let n_f = n as f32;
    let mut score = vec![0f32; n];
    let mut shared = vec![0u32; n];
    let mut touched: Vec<ArticleIx> = Vec::new();
    // The entities that count, in the open article's order (most mentioned there first).
    let mut counted = Vec::new();
    for &(e, _) in entities {
        let Some(posting) = index.postings.get(e as usize) else {
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
            // Summed in the same entity order as the index, so equal inputs give equal floats.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::tests::build;
    use crate::corpus::Kind;

    #[test]
    fn ranks_exactly_as_the_index_does() {
        // Twelve short articles of our own; each names a few of six made-up entities, so
        // scores tie, differ by shared counts and skip the entities in over half the corpus.
        let names = ["Arlo", "Brisk", "Cato", "Dunmore", "Elsby", "Fenwick"];
        let bodies: Vec<String> = (0..12)
            .map(|i| {
                names
                    .iter()
                    .enumerate()
                    .filter(|(k, _)| (i * 7 + k * 5) % 10 < 3 || (i + k) % 11 == 0)
                    .map(|(_, n)| format!("{n} spoke."))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        let titles: Vec<String> = (0..12).map(|i| format!("Item {i}")).collect();
        let docs: Vec<(&str, &str, Option<&str>)> = titles
            .iter()
            .zip(&bodies)
            .map(|(t, b)| (t.as_str(), b.as_str(), None))
            .collect();
        let aliases: Vec<[&str; 1]> = names.iter().map(|n| [*n]).collect();
        let ents: Vec<(&str, Kind, &[&str])> = names
            .iter()
            .zip(&aliases)
            .map(|(n, a)| (*n, Kind::Person, &a[..]))
            .collect();
        let corpus = build(&docs, &ents);
        let mut nonempty = 0;
        for a in 0..12u32 {
            for limit in [0, 1, 3, 50] {
                let want = corpus.index.related(a, limit);
                assert_eq!(
                    related(&corpus.index, a, limit),
                    want,
                    "article {a} limit {limit}"
                );
                nonempty += usize::from(!want.is_empty());
            }
        }
        assert!(nonempty > 12, "the fixture must relate articles");
        assert!(related(&corpus.index, 99, 5).is_empty());
    }
}
