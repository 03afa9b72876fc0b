//! Entity extraction over a whole corpus. Pure: no I/O, no terminal types.
//!
//! The pipeline is corpus-level, with the per-article steps in parallel:
//! 1. tokenize each article once ([`tokens`]);
//! 2. count corpus-wide word evidence: which capitalised words are names ([`evidence`]);
//! 3. find candidate names per article ([`candidates`]);
//! 4. fold candidates into entities and give them kinds ([`aliases`], [`kinds`]);
//! 5. apply the user's overrides ([`Overrides`]);
//! 6. find every mention with one automaton over all aliases ([`mentions`]).

pub mod aliases;
pub mod candidates;
pub mod evidence;
pub mod fasthash;
pub mod kinds;
pub mod lexicon;
pub mod mentions;
pub mod tokens;

use std::collections::HashMap;

use rayon::prelude::*;

use super::model::{Article, Entity, Mention};
use super::overrides::Overrides;

/// Extracts the entities of a corpus: sorted by mention count (most first, then by name), each
/// with its mentions in reading order and every surface form seen as an alias.
#[must_use]
pub fn extract(articles: &[Article], overrides: &Overrides) -> Vec<Entity> {
    let texts: Vec<&str> = articles.iter().map(|a| a.text.as_str()).collect();
    let toks: Vec<Vec<tokens::Token>> = articles
        .par_iter()
        .map(|a| tokens::tokenize(&a.text, a.lead))
        .collect();
    let ev = evidence::Evidence::of_corpus(&texts, &toks);
    let occs: Vec<Vec<candidates::Occurrence>> = texts
        .par_iter()
        .zip(toks.par_iter())
        .map(|(text, t)| candidates::candidates(text, t, &ev))
        .collect();
    let names = aliases::collect(&occs);
    let mut table = aliases::resolve(&names, &ev);
    overrides.apply(&mut table);
    let found = mentions::find(&texts, &table);
    assemble(&texts, &table, found)
}

/// Turns found mentions into entities with aliases, dropping entities never mentioned.
fn assemble(
    texts: &[&str],
    table: &aliases::Table,
    found: Vec<Vec<mentions::Found>>,
) -> Vec<Entity> {
    let mut per_group: Vec<Vec<Mention>> = vec![Vec::new(); table.groups.len()];
    for f in found.into_iter().flatten() {
        if let Some(v) = per_group.get_mut(f.group) {
            v.push(f.mention);
        }
    }
    let mut out: Vec<Entity> = per_group
        .into_iter()
        .zip(table.groups.iter())
        .filter(|(ms, _)| !ms.is_empty())
        .map(|(mut ms, g)| {
            ms.sort();
            ms.dedup();
            let mut forms: HashMap<String, usize> = HashMap::new();
            for m in &ms {
                let t = texts
                    .get(m.article as usize)
                    .and_then(|t| t.get(m.range()))
                    .unwrap_or("");
                let t = candidates::collapse_ws(t);
                *forms.entry(t).or_default() += 1;
            }
            let mut aliases: Vec<(String, usize)> = forms.into_iter().collect();
            aliases.sort_by(|a, b| {
                (b.0 == g.name)
                    .cmp(&(a.0 == g.name))
                    .then(b.1.cmp(&a.1))
                    .then(a.0.cmp(&b.0))
            });
            Entity {
                name: g.name.clone(),
                kind: g.kind,
                aliases: aliases.into_iter().map(|a| a.0).collect(),
                mentions: ms,
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    out
}

#[cfg(test)]
mod tests;
