//! The name table: every entity's lowercased name and aliases in one sorted, packed table, for
//! case-insensitive lookup by binary search. Owns only the packing and the search; never sees
//! articles or mentions.
//!
//! Packed rather than a `HashMap<String, _>`: one text buffer plus 12 bytes per key instead of
//! one allocation per key (a 100,000-article corpus has half a million names and aliases).

use rayon::prelude::*;

use crate::corpus::model::{Entity, EntityIx};

/// Entities per parallel chunk while lowercasing: big enough that chunk overhead is nothing.
const CHUNK: usize = 4096;

/// Lowercased names and aliases, sorted, each naming one entity.
#[derive(Debug, Default, Clone)]
pub struct Names {
    /// The keys' text, back to back, in key order.
    text: String,
    /// For each key, ascending by its text: start and length in `text`, and its entity.
    keys: Vec<(u32, u32, EntityIx)>,
}

/// One key while building: where its text lies, whether it is an alias (names win over
/// aliases), and its entity (the first entity wins among equals).
type Draft = (usize, usize, bool, EntityIx);

impl Names {
    /// Builds the table. When several entities share a key, a canonical name wins over an
    /// alias, then the lowest entity index wins.
    #[must_use]
    pub fn build(entities: &[Entity]) -> Names {
        // Lowercase in parallel chunks, each into its own text buffer, then join the buffers.
        let chunks: Vec<(String, Vec<Draft>)> = entities
            .par_chunks(CHUNK)
            .enumerate()
            .map(|(c, chunk)| lower_chunk(c.saturating_mul(CHUNK), chunk))
            .collect();
        let total: usize = chunks.iter().map(|(t, _)| t.len()).sum();
        let mut text = String::with_capacity(total);
        let mut drafts: Vec<Draft> = Vec::with_capacity(chunks.iter().map(|(_, d)| d.len()).sum());
        for (t, d) in chunks {
            let base = text.len();
            text.push_str(&t);
            drafts.extend(
                d.into_iter()
                    .map(|(s, l, alias, ei)| (s + base, l, alias, ei)),
            );
        }
        let key = |d: &Draft| text.get(d.0..d.0 + d.1).unwrap_or_default();
        drafts.par_sort_unstable_by(|a, b| {
            key(a).cmp(key(b)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3))
        });
        drafts.dedup_by(|later, first| key(later) == key(first));
        // Repack in key order without the duplicates (every name is also its own alias).
        let mut packed = String::with_capacity(drafts.iter().map(|d| d.1).sum());
        let mut keys = Vec::with_capacity(drafts.len());
        for d in &drafts {
            let (Ok(start), Ok(len)) = (u32::try_from(packed.len()), u32::try_from(d.1)) else {
                // Past 4 GiB of names: the rest cannot be addressed and is left out of lookup.
                break;
            };
            packed.push_str(key(d));
            keys.push((start, len, d.3));
        }
        Names { text: packed, keys }
    }

    /// The entity named `key`, which must already be lowercased the way [`lower_into`] does.
    #[must_use]
    pub fn get(&self, key: &str) -> Option<EntityIx> {
        self.keys
            .binary_search_by(|k| self.key(k).cmp(key))
            .ok()
            .and_then(|i| self.keys.get(i))
            .map(|k| k.2)
    }

    /// Bytes held on the heap.
    #[must_use]
    pub fn heap_bytes(&self) -> usize {
        self.text.capacity() + self.keys.capacity() * std::mem::size_of::<(u32, u32, EntityIx)>()
    }

    fn key(&self, k: &(u32, u32, EntityIx)) -> &str {
        let start = k.0 as usize;
        self.text
            .get(start..start.saturating_add(k.1 as usize))
            .unwrap_or_default()
    }
}

/// Lowercases one chunk's names and aliases into a buffer; `first` is the chunk's first index.
fn lower_chunk(first: usize, chunk: &[Entity]) -> (String, Vec<Draft>) {
    let mut text = String::new();
    let mut drafts = Vec::new();
    for (i, e) in chunk.iter().enumerate() {
        let ei = EntityIx::try_from(first.saturating_add(i)).unwrap_or(EntityIx::MAX);
        // The canonical name is also among the aliases: lowercasing it twice would only make
        // a duplicate key to sort and drop.
        let aliases = e.aliases.iter().filter(|a| **a != e.name);
        let names = std::iter::once((&e.name, false)).chain(aliases.map(|a| (a, true)));
        for (s, alias) in names {
            let start = text.len();
            lower_into(&mut text, s);
            drafts.push((start, text.len() - start, alias, ei));
        }
    }
    (text, drafts)
}

/// Appends `s` lowercased (exactly as `str::to_lowercase`), without allocating for ASCII.
pub fn lower_into(out: &mut String, s: &str) {
    if s.is_ascii() {
        out.extend(s.bytes().map(|b| char::from(b.to_ascii_lowercase())));
    } else {
        out.push_str(&s.to_lowercase());
    }
}
