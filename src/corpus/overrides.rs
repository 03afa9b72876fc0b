//! A user's corrections to extraction (`entities.toml`): extra aliases, forced kinds, hidden
//! names. Parsing and applying them to the alias table; never reads files itself.
//!
//! The format, all sections optional:
//!
//! ```toml
//! # Names never to report. A hidden entity name removes the entity; a hidden alias only stops
//! # that form from being matched. (Top-level keys go before the first [section].)
//! hide = ["Top 10"]
//!
//! # Extra surface forms that mean an entity. The key is the entity's name (or any of its
//! # aliases); an unknown name creates a new entity.
//! [aliases]
//! "Tyler Rake" = ["Rake", "Taylor Rake"]
//!
//! # The kind an entity must have: person, organization, work, place or other.
//! [kinds]
//! "Heat" = "work"
//! ```
//!
//! Names are matched case-insensitively.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::extract::aliases::{Group, Table, Target};
use super::model::Kind;

/// Corrections read from `entities.toml`. Empty by default.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Overrides {
    /// Canonical name -> extra surface forms that mean it.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Name -> the kind it must have.
    pub kinds: BTreeMap<String, Kind>,
    /// Names never to report.
    pub hide: Vec<String>,
}

impl Overrides {
    /// Parses `entities.toml` text.
    ///
    /// # Errors
    /// When the text is not valid TOML of the documented shape.
    pub fn from_toml(text: &str) -> Result<Overrides, toml::de::Error> {
        toml::from_str(text)
    }

    /// Whether there is nothing to apply.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.aliases.is_empty() && self.kinds.is_empty() && self.hide.is_empty()
    }

    /// Applies the corrections to an alias table before mentions are found.
    pub fn apply(&self, table: &mut Table<'_>) {
        if self.is_empty() {
            return;
        }
        for (name, forms) in &self.aliases {
            let g = match lookup(table, name) {
                Some(g) => g,
                None => {
                    table.groups.push(Group {
                        name: name.clone(),
                        kind: self.kind_for(name).unwrap_or(Kind::Other),
                        weight: 0,
                    });
                    let g = table.groups.len() - 1;
                    table.patterns.insert(name.clone().into(), Target::One(g));
                    g
                }
            };
            for f in forms {
                if !f.trim().is_empty() {
                    table
                        .patterns
                        .insert(f.trim().to_owned().into(), Target::One(g));
                }
            }
        }
        for (name, kind) in &self.kinds {
            if let Some(g) = lookup(table, name).and_then(|g| table.groups.get_mut(g)) {
                g.kind = *kind;
            }
        }
        for h in &self.hide {
            let h = h.trim();
            let whole = table.groups.iter().position(|g| {
                g.name.eq_ignore_ascii_case(h) || g.name.to_lowercase() == h.to_lowercase()
            });
            match whole {
                Some(g) => table.patterns.retain(|_, t| match t {
                    Target::One(x) => *x != g,
                    Target::Short(xs) => {
                        xs.retain(|x| x.group != g);
                        !xs.is_empty()
                    }
                    // Without the pair, the scan reads each name on its own.
                    Target::Pair { head, rest, .. } => *head != g && *rest != g,
                }),
                None => {
                    let lower = h.to_lowercase();
                    table.patterns.retain(|p, _| p.to_lowercase() != lower);
                }
            }
        }
    }

    fn kind_for(&self, name: &str) -> Option<Kind> {
        self.kinds
            .iter()
            .find(|(k, _)| k.to_lowercase() == name.to_lowercase())
            .map(|(_, v)| *v)
    }
}

/// The group whose name, or one of whose patterns, is `name` (case-insensitive).
fn lookup(table: &Table<'_>, name: &str) -> Option<usize> {
    let lower = name.trim().to_lowercase();
    if let Some(g) = table
        .groups
        .iter()
        .position(|g| g.name.to_lowercase() == lower)
    {
        return Some(g);
    }
    let mut hits: Vec<(&str, usize)> = table
        .patterns
        .iter()
        .filter(|(p, _)| p.to_lowercase() == lower)
        .filter_map(|(p, t)| match t {
            Target::One(g) => Some((p.as_ref(), *g)),
            Target::Short(_) | Target::Pair { .. } => None,
        })
        .collect();
    hits.sort();
    hits.first().map(|h| h.1)
}
