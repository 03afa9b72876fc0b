//! Entity extraction over a whole corpus. Pure: no I/O, no terminal types.
//!
//! The pipeline is corpus-level, with the per-article steps in parallel:
//! 1. tokenize each article ([`tokens`]) and count corpus-wide word evidence: which capitalised
//!    words are names ([`evidence`]);
//! 2. tokenize again and find candidate names per article ([`candidates`]), totalled per name;
//! 3. fold candidates into entities and give them kinds ([`aliases`], [`kinds`]);
//! 4. apply the user's overrides ([`Overrides`]);
//! 5. find every mention by looking the aliases up at word starts ([`mentions`]).

pub mod aliases;
pub mod candidates;
pub mod evidence;
pub mod fasthash;
pub mod kinds;
pub mod lexicon;
pub mod mentions;
pub mod tokens;
pub mod wordmap;

use std::borrow::Cow;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;

use super::Progress;
use super::clean::folded;
use super::model::{Article, ArticleIx, Entity, Mention};
use super::overrides::Overrides;

/// Extracts the entities of a corpus: sorted by mention count (most first, then by name), each
/// with its mentions in reading order and every surface form seen as an alias.
#[must_use]
pub fn extract(articles: &[Article], overrides: &Overrides) -> Vec<Entity> {
    extract_with_progress(articles, overrides, &|_| {})
}

/// [`extract`], reporting [`Progress::Extracting`] as the passes over the articles go (from
/// worker threads, about a hundred times in all).
#[must_use]
pub fn extract_with_progress(
    articles: &[Article],
    overrides: &Overrides,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<Entity> {
    let ticker = Ticker::new(articles.len().saturating_mul(PASSES), progress);
    let docs: Vec<(&str, usize)> = articles.iter().map(|a| (a.text.as_str(), a.lead)).collect();
    let ev = evidence::Evidence::of_corpus(&docs, &|| ticker.tick());
    // Tokens are made again rather than kept from the evidence pass: for a large corpus they
    // took several times the memory of the text (2 GB at 100,000 articles), while tokenizing
    // again costs about a tenth of extraction's time.
    let names = docs
        .par_iter()
        .fold(
            || (aliases::Tally::default(), Vec::new()),
            |(mut tally, mut buf), &(text, lead)| {
                tokens::tokenize_into(text, lead, &mut buf);
                for occ in candidates::candidates(text, &buf, &ev) {
                    tally.add(&occ);
                }
                ticker.tick();
                (tally, buf)
            },
        )
        .map(|(tally, _)| tally)
        .reduce(aliases::Tally::default, aliases::Tally::merge)
        .into_names();
    let mut table = aliases::resolve(&names, &ev);
    drop(ev);
    drop(names);
    overrides.apply(&mut table);
    let texts: Vec<&str> = docs.iter().map(|d| d.0).collect();
    let found = mentions::find(&texts, &table, &|| ticker.tick());
    // Only the groups are needed from here: the patterns go before the entities are made.
    table.patterns = aliases::Patterns::default();
    assemble(&texts, &table, found)
}

/// Passes over every article that report progress: evidence, candidates, mentions.
const PASSES: usize = 3;

/// Counts steps done across worker threads and reports each whole percent once.
struct Ticker<'p> {
    done: AtomicUsize,
    total: usize,
    progress: &'p (dyn Fn(Progress) + Sync),
}

impl<'p> Ticker<'p> {
    fn new(total: usize, progress: &'p (dyn Fn(Progress) + Sync)) -> Ticker<'p> {
        progress(Progress::Extracting { done: 0, total });
        Ticker {
            done: AtomicUsize::new(0),
            total,
            progress,
        }
    }

    fn tick(&self) {
        let done = self.done.fetch_add(1, Ordering::Relaxed).saturating_add(1);
        let step = (self.total / 100).max(1);
        if done % step == 0 || done == self.total {
            (self.progress)(Progress::Extracting {
                done,
                total: self.total,
            });
        }
    }
}

/// Turns found mentions into entities with aliases, dropping entities never mentioned.
fn assemble(
    texts: &[&str],
    table: &aliases::Table,
    found: Vec<Vec<mentions::Found>>,
) -> Vec<Entity> {
    // Sized exactly before filling: growing by doubling would briefly hold twice the mentions.
    let mut sizes = vec![0usize; table.groups.len()];
    for f in found.iter().flatten() {
        if let Some(n) = sizes.get_mut(f.group as usize) {
            *n += 1;
        }
    }
    let mut per_group: Vec<Vec<Mention>> = sizes.into_iter().map(Vec::with_capacity).collect();
    for (ai, list) in found.into_iter().enumerate() {
        let ai = ArticleIx::try_from(ai).unwrap_or(ArticleIx::MAX);
        for f in list {
            if let Some(v) = per_group.get_mut(f.group as usize) {
                v.push(f.mention(ai));
            }
        }
    }
    // Each entity's mentions are sorted and its surface forms counted on its own: in
    // parallel, and collected in group order.
    let mut out: Vec<Entity> = per_group
        .into_par_iter()
        .zip(table.groups.par_iter())
        .filter(|(ms, _)| !ms.is_empty())
        .map(|(mut ms, g)| {
            ms.sort();
            ms.dedup();
            // Hash order does not matter: the forms are sorted below.
            let mut forms: fasthash::FastMap<Cow<'_, str>, usize> = fasthash::FastMap::default();
            for m in &ms {
                let t = texts
                    .get(m.article as usize)
                    .and_then(|t| t.get(m.range()))
                    .unwrap_or("");
                *forms.entry(folded(t)).or_default() += 1;
            }
            // Sized exactly: collected from the map, a vector starts at four slots, and most
            // entities keep one alias for the life of the corpus (20 MB at 100,000 articles).
            let mut aliases: Vec<(Cow<'_, str>, usize)> = Vec::with_capacity(forms.len());
            aliases.extend(forms);
            aliases.sort_by(|a, b| {
                (b.0 == g.name)
                    .cmp(&(a.0 == g.name))
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            });
            let mut kept = Vec::with_capacity(aliases.len());
            kept.extend(aliases.into_iter().map(|a| a.0.into_owned()));
            Entity {
                name: g.name.clone(),
                kind: g.kind,
                aliases: kept,
                mentions: ms,
            }
        })
        .collect();
    out.par_sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests;
