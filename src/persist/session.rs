//! Reading state per corpus: the last open article, the selected entity, each article's scroll
//! position (re-anchored by a quote after edits) and the jump history. Merged between instances
//! by last-modified time: per article for positions, per corpus for the rest. Pure data, no I/O.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::anchor::{Quote, floor_boundary};
use super::bookmark::{now, now_after, stamp};
use super::store::Document;
use crate::corpus::Article;

/// The key of the built-in sample corpus (it has no paths).
pub const SAMPLE_CORPUS_KEY: &str = "sample";
/// Jumps kept per corpus; the oldest go first.
pub const MAX_HISTORY: usize = 200;
/// Article positions kept per corpus; the least recently read go first.
pub const MAX_POSITIONS: usize = 5000;
/// Corpora remembered; the least recently used go first.
pub const MAX_CORPORA: usize = 64;
/// Characters quoted at a scroll position to find it again after an edit.
const POSITION_QUOTE_CHARS: usize = 48;

/// The reading-state key of a corpus opened from `roots`: a hash of the sorted canonical paths, so
/// the same folders give the same key from any working directory or through any symlink.
#[must_use]
pub fn corpus_key(roots: &[PathBuf]) -> String {
    let mut canon: Vec<PathBuf> = roots.iter().map(|p| canonical(p)).collect();
    canon.sort();
    canon.dedup();
    let mut h = blake3::Hasher::new();
    for p in &canon {
        h.update(p.as_os_str().as_encoded_bytes());
        h.update(&[0]);
    }
    h.finalize().to_hex()[..32].to_string()
}

/// The canonical path, or the absolute one when it cannot be resolved (it may have vanished).
fn canonical(p: &Path) -> PathBuf {
    p.canonicalize()
        .or_else(|_| std::path::absolute(p))
        .unwrap_or_else(|_| p.to_path_buf())
}

/// A scroll position in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Position {
    /// Byte offset of the top of the reading pane.
    pub offset: usize,
    /// The text at that offset, to find it again if the article was edited.
    pub quote: Quote,
    /// When it was set (RFC 3339).
    pub modified: String,
}

impl Position {
    /// The position at byte `offset` of `article`.
    #[must_use]
    pub fn capture(article: &Article, offset: usize) -> Position {
        let text = &article.text;
        let offset = floor_boundary(text, offset);
        let end = text
            .get(offset..)
            .and_then(|rest| rest.char_indices().nth(POSITION_QUOTE_CHARS))
            .map_or(text.len(), |(i, _)| offset + i);
        Position {
            offset,
            quote: Quote::capture(text, offset..end),
            modified: now(),
        }
    }

    /// The offset to show in `article` now: the saved one if its text is unchanged there, else
    /// where the quote moved to, else the saved offset clamped to the text.
    #[must_use]
    pub fn resolve(&self, article: &Article) -> usize {
        let text = &article.text;
        if self.quote.exact.is_empty() || self.quote.matches_at(text, self.offset) {
            return floor_boundary(text, self.offset);
        }
        match self.quote.find(text, self.offset) {
            Some((r, _)) => r.start,
            None => floor_boundary(text, self.offset),
        }
    }
}

/// One entry of the jump history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Jump {
    /// The article's id.
    pub article: String,
    /// Byte offset in its text.
    pub offset: usize,
}

/// The reading state of one corpus.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, PartialOrd, Ord)]
pub struct Reading {
    /// When the corpus-wide fields below were last set (RFC 3339).
    #[serde(default)]
    pub modified: String,
    /// The id of the article open at exit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_article: Option<String>,
    /// The selected entity's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub selected_entity: Option<String>,
    /// The jump history, oldest first.
    #[serde(default)]
    pub history: Vec<Jump>,
    /// The cursor into `history` (`history.len()` when at the newest end).
    #[serde(default)]
    pub cursor: usize,
    /// Article id -> scroll position.
    #[serde(default)]
    pub positions: BTreeMap<String, Position>,
}

/// The reading state of every corpus, as saved in `session.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Session {
    /// Corpus key -> reading state.
    #[serde(default)]
    corpora: BTreeMap<String, Reading>,
}

impl Session {
    /// The reading state of a corpus, if any was saved.
    #[must_use]
    pub fn reading(&self, key: &str) -> Option<&Reading> {
        self.corpora.get(key)
    }

    /// Records the open article and the selected entity.
    pub fn set_open(&mut self, key: &str, article: Option<&str>, entity: Option<&str>) {
        let r = self.entry(key);
        r.last_article = article.map(str::to_string);
        r.selected_entity = entity.map(str::to_string);
        r.modified = now_after(&r.modified);
    }

    /// Records the jump history and its cursor (the newest [`MAX_HISTORY`] entries are kept).
    pub fn set_history(&mut self, key: &str, history: &[Jump], cursor: usize) {
        let skip = history.len().saturating_sub(MAX_HISTORY);
        let r = self.entry(key);
        r.history = history.get(skip..).unwrap_or_default().to_vec();
        r.cursor = cursor.saturating_sub(skip).min(r.history.len());
        r.modified = now_after(&r.modified);
    }

    /// Records the scroll position of an article.
    pub fn set_position(&mut self, key: &str, article: &Article, offset: usize) {
        let mut p = Position::capture(article, offset);
        let r = self.entry(key);
        if let Some(old) = r.positions.get(&article.id) {
            p.modified = now_after(&old.modified);
        }
        r.positions.insert(article.id.clone(), p);
        trim_positions(r);
    }

    /// The saved scroll position of an article, re-anchored to its current text.
    #[must_use]
    pub fn position(&self, key: &str, article: &Article) -> Option<usize> {
        let p = self.corpora.get(key)?.positions.get(&article.id)?;
        Some(p.resolve(article))
    }

    fn entry(&mut self, key: &str) -> &mut Reading {
        self.corpora.entry(key.to_string()).or_default()
    }
}

impl Document for Session {
    const FILE_NAME: &'static str = "session.json";
    const VERSION: u32 = 1;

    fn repair(&mut self) {
        for r in self.corpora.values_mut() {
            let skip = r.history.len().saturating_sub(MAX_HISTORY);
            r.history.drain(..skip);
            r.cursor = r.cursor.saturating_sub(skip).min(r.history.len());
            trim_positions(r);
        }
    }

    fn merge(&mut self, other: Self) {
        for (key, theirs) in other.corpora {
            match self.corpora.get_mut(&key) {
                None => {
                    self.corpora.insert(key, theirs);
                }
                Some(mine) => merge_reading(mine, theirs),
            }
        }
        while self.corpora.len() > MAX_CORPORA {
            let oldest = self
                .corpora
                .iter()
                .min_by_key(|(_, r)| stamp(&r.modified))
                .map(|(k, _)| k.clone());
            match oldest {
                Some(k) => self.corpora.remove(&k),
                None => break,
            };
        }
    }
}

/// Later corpus-wide fields win as a whole (history and cursor belong together); positions are
/// merged article by article.
fn merge_reading(mine: &mut Reading, theirs: Reading) {
    let their_positions = theirs.positions.clone();
    if (stamp(&theirs.modified), &theirs) > (stamp(&mine.modified), &*mine) {
        let positions = std::mem::take(&mut mine.positions);
        *mine = theirs;
        mine.positions = positions;
    }
    for (id, p) in their_positions {
        match mine.positions.get(&id) {
            Some(old) if (stamp(&old.modified), old) >= (stamp(&p.modified), &p) => {}
            _ => {
                mine.positions.insert(id, p);
            }
        }
    }
    trim_positions(mine);
}

fn trim_positions(r: &mut Reading) {
    while r.positions.len() > MAX_POSITIONS {
        let oldest = r
            .positions
            .iter()
            .min_by_key(|(_, p)| stamp(&p.modified))
            .map(|(k, _)| k.clone());
        match oldest {
            Some(k) => r.positions.remove(&k),
            None => break,
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            path: format!("{id}.txt"),
            file: format!("{id}.txt").into(),
            title: id.into(),
            ..Article::from_text(text)
        }
    }

    #[test]
    fn position_reanchors_after_text_is_inserted_before_it() {
        let old = article("a", "Intro line.\n\nThe place I was reading, deep inside.");
        let at = old.text.find("The place").unwrap();
        let mut s = Session::default();
        s.set_position("k", &old, at);
        let edited = article(
            "a",
            "A brand new opening paragraph.\n\nIntro line.\n\nThe place I was reading, deep inside.",
        );
        assert_eq!(
            s.position("k", &edited),
            Some(edited.text.find("The place").unwrap())
        );
        // Text gone entirely: the saved offset, clamped, rather than nothing.
        let gutted = article("a", "tiny");
        assert_eq!(s.position("k", &gutted), Some(4));
    }

    #[test]
    fn history_is_capped_keeping_the_newest_and_the_cursor_follows() {
        let jumps: Vec<Jump> = (0..MAX_HISTORY + 10)
            .map(|i| Jump {
                article: format!("a{i}"),
                offset: i,
            })
            .collect();
        let mut s = Session::default();
        s.set_history("k", &jumps, MAX_HISTORY + 5);
        let r = s.reading("k").unwrap();
        assert_eq!(r.history.len(), MAX_HISTORY);
        assert_eq!(r.history[0].offset, 10);
        assert_eq!(r.cursor, MAX_HISTORY - 5);
    }

    #[test]
    fn merge_takes_newer_positions_per_article_and_newer_open_state() {
        let a = article("a", "Alpha text here.");
        let b = article("b", "Beta text here.");
        let mut one = Session::default();
        one.set_position("k", &a, 6);
        let mut two = one.clone();
        two.set_position("k", &b, 5);
        one.set_position("k", &a, 11);
        two.set_open("k", Some("b"), Some("Beta"));
        let mut merged = one.clone();
        merged.merge(two.clone());
        assert_eq!(merged.position("k", &a), Some(11));
        assert_eq!(merged.position("k", &b), Some(5));
        assert_eq!(
            merged.reading("k").unwrap().last_article.as_deref(),
            Some("b")
        );
        let mut other_way = two;
        other_way.merge(one);
        assert_eq!(merged, other_way);
    }
}
