//! Bookmarks: what one is, how it is made from a reading position, and how two instances' lists
//! merge (last change wins per bookmark id; deletions are tombstones so a merge never brings a
//! deleted bookmark back). Pure data: no I/O, no terminal.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};

use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use super::anchor::Quote;
use super::store::Document;
use crate::corpus::Article;
use crate::corpus::index::sentence_at;

/// Bytes taken after the offset when there is no sentence there to quote.
const FALLBACK_QUOTE_BYTES: usize = 120;

/// Makes ids unique between bookmarks made in the same instant.
static SEQ: AtomicU64 = AtomicU64::new(0);

/// A saved place in an article, anchored by its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmark {
    /// Stable id, made once at creation; merges match bookmarks by it.
    pub id: String,
    /// The article's id when the bookmark was made.
    pub article_id: String,
    /// The article's path when the bookmark was made (a hint for finding it again).
    pub path: String,
    /// The article's title when the bookmark was made.
    pub title: String,
    /// Byte offset of the quote in the article's text.
    pub offset: usize,
    /// The quoted sentence with context.
    pub quote: Quote,
    /// The reader's note.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// When it was made (RFC 3339).
    pub added: String,
    /// When it was last changed (RFC 3339, microseconds): the later change wins a merge.
    pub modified: String,
}

impl Bookmark {
    /// A bookmark on the sentence containing byte `offset` of `article` (the sentence at the top
    /// of the reading pane, or the one holding the selected mention).
    #[must_use]
    pub fn new(article: &Article, offset: usize, note: Option<String>) -> Bookmark {
        let text = &article.text;
        let start = super::anchor::floor_boundary(text, offset);
        let mut range = sentence_at(text, start);
        if text.get(range.clone()).is_none_or(|s| s.trim().is_empty()) {
            // Between paragraphs or at the very end: quote what follows (or precedes) instead.
            let end = start.saturating_add(FALLBACK_QUOTE_BYTES);
            range = start..end;
            if start >= text.len() {
                range = text.len().saturating_sub(FALLBACK_QUOTE_BYTES)..text.len();
            }
        }
        // Quote::capture pulls the start back to a character boundary the same way.
        let offset = super::anchor::floor_boundary(text, range.start);
        let quote = Quote::capture(text, range);
        let now = now();
        Bookmark {
            id: new_id(&article.id, offset, &now),
            article_id: article.id.clone(),
            path: article.path.clone(),
            title: article.title.clone(),
            offset,
            quote,
            note: note.filter(|n| !n.trim().is_empty()),
            added: now.clone(),
            modified: now,
        }
    }

    /// The note, or an empty string.
    #[must_use]
    pub fn note_str(&self) -> &str {
        self.note.as_deref().unwrap_or_default()
    }
}

/// A record that a bookmark was deleted, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tombstone {
    /// The deleted bookmark's id.
    pub id: String,
    /// When it was deleted (RFC 3339, microseconds).
    pub deleted: String,
}

/// The bookmark list as saved in `bookmarks.json`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Bookmarks {
    /// Live bookmarks, oldest first.
    #[serde(default)]
    bookmarks: Vec<Bookmark>,
    /// Deletions, so that merging with an older copy does not resurrect them.
    #[serde(default)]
    deleted: Vec<Tombstone>,
}

impl Bookmarks {
    /// Live bookmarks, oldest first.
    #[must_use]
    pub fn list(&self) -> &[Bookmark] {
        &self.bookmarks
    }

    /// The bookmark with this id.
    #[must_use]
    pub fn get(&self, id: &str) -> Option<&Bookmark> {
        self.bookmarks.iter().find(|b| b.id == id)
    }

    /// Whether any bookmark was made in the article with this id (for marking the article list).
    #[must_use]
    pub fn has_article(&self, article_id: &str) -> bool {
        self.bookmarks.iter().any(|b| b.article_id == article_id)
    }

    /// Adds a bookmark (or replaces the one with its id).
    pub fn add(&mut self, b: Bookmark) {
        self.bookmarks.retain(|x| x.id != b.id);
        self.bookmarks.push(b);
        self.normalize();
    }

    /// Deletes a bookmark, returning it for undo.
    pub fn remove(&mut self, id: &str) -> Option<Bookmark> {
        let i = self.bookmarks.iter().position(|b| b.id == id)?;
        let b = self.bookmarks.remove(i);
        let deleted = now_after(&b.modified);
        self.deleted.retain(|t| t.id != id);
        self.deleted.push(Tombstone {
            id: id.to_string(),
            deleted,
        });
        Some(b)
    }

    /// Brings back a deleted bookmark (undo); it becomes newer than its tombstone.
    pub fn restore(&mut self, mut b: Bookmark) {
        let after = self
            .deleted
            .iter()
            .find(|t| t.id == b.id)
            .map_or(b.modified.as_str(), |t| t.deleted.as_str());
        b.modified = now_after(after);
        self.add(b);
    }

    /// Changes a bookmark's note (empty removes it). Returns whether the bookmark exists.
    pub fn set_note(&mut self, id: &str, note: Option<String>) -> bool {
        let Some(b) = self.bookmarks.iter_mut().find(|b| b.id == id) else {
            return false;
        };
        b.note = note.filter(|n| !n.trim().is_empty());
        b.modified = now_after(&b.modified);
        true
    }

    /// Keeps each id once (latest change), drops bookmarks deleted after their last change, and
    /// sorts by date added so the file and the list read in a stable order.
    fn normalize(&mut self) {
        let mut tomb: BTreeMap<String, Tombstone> = BTreeMap::new();
        for t in self.deleted.drain(..) {
            match tomb.get(&t.id) {
                Some(old) if newer_or_equal(&old.deleted, &t.deleted) => {}
                _ => {
                    tomb.insert(t.id.clone(), t);
                }
            }
        }
        let mut live: BTreeMap<String, Bookmark> = BTreeMap::new();
        for b in self.bookmarks.drain(..) {
            match live.get(&b.id) {
                Some(old) if wins(old, &b) => {}
                _ => {
                    live.insert(b.id.clone(), b);
                }
            }
        }
        self.bookmarks = live
            .into_values()
            .filter(|b| {
                tomb.get(&b.id)
                    .is_none_or(|t| !newer_or_equal(&t.deleted, &b.modified))
            })
            .collect();
        self.bookmarks.sort_by(|a, b| {
            stamp(&a.added)
                .cmp(&stamp(&b.added))
                .then_with(|| a.id.cmp(&b.id))
        });
        self.deleted = tomb.into_values().collect();
    }
}

impl Document for Bookmarks {
    const FILE_NAME: &'static str = "bookmarks.json";
    const VERSION: u32 = 1;

    fn merge(&mut self, other: Self) {
        self.bookmarks.extend(other.bookmarks);
        self.deleted.extend(other.deleted);
        self.normalize();
    }

    fn repair(&mut self) {
        self.normalize();
    }
}

/// Whether `old` should be kept over `new` for the same id: the later change wins; on a tie the
/// larger content wins, so both instances make the same choice.
fn wins(old: &Bookmark, new: &Bookmark) -> bool {
    match stamp(&old.modified).cmp(&stamp(&new.modified)) {
        std::cmp::Ordering::Greater => true,
        std::cmp::Ordering::Less => false,
        std::cmp::Ordering::Equal => {
            (old.note.as_deref(), &old.modified) >= (new.note.as_deref(), &new.modified)
        }
    }
}

fn newer_or_equal(a: &str, b: &str) -> bool {
    stamp(a) >= stamp(b)
}

/// A timestamp for ordering; an unreadable one sorts first (oldest), never panics.
#[must_use]
pub fn stamp(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

/// Now, as RFC 3339 UTC with microseconds.
#[must_use]
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Now, but strictly later than `prev` even if the clock has not moved (or went back): an undo
/// right after a delete must still win over the tombstone.
#[must_use]
pub fn now_after(prev: &str) -> String {
    let now = Utc::now();
    let prev = stamp(prev);
    let t = if now > prev {
        now
    } else {
        prev + chrono::Duration::microseconds(1)
    };
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

fn new_id(article_id: &str, offset: usize, now: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(article_id.as_bytes());
    h.update(&offset.to_le_bytes());
    h.update(now.as_bytes());
    h.update(&std::process::id().to_le_bytes());
    h.update(&SEQ.fetch_add(1, Ordering::Relaxed).to_le_bytes());
    h.finalize().to_hex()[..16].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(text: &str) -> Article {
        Article {
            id: "a1".into(),
            path: "dir/a.txt".into(),
            file: "dir/a.txt".into(),
            title: "Title".into(),
            ..Article::from_text(text)
        }
    }

    #[test]
    fn new_quotes_the_sentence_at_the_offset() {
        let a = article("First one here. The second sentence. Third.");
        let at = a.text.find("second").unwrap();
        let b = Bookmark::new(&a, at, Some("  ".into()));
        assert_eq!(b.quote.exact, "The second sentence.");
        assert_eq!(b.offset, a.text.find("The second").unwrap());
        assert_eq!(b.note, None, "a blank note is no note");
        assert!(stamp(&b.added) > DateTime::<Utc>::MIN_UTC);
    }

    #[test]
    fn new_never_panics_on_odd_offsets() {
        for text in ["", "\n\n", "ééé", "a.\n\nb"] {
            let a = article(text);
            for off in [0, 1, 2, 3, 5, usize::MAX] {
                let b = Bookmark::new(&a, off, None);
                assert!(a.text.get(b.offset..).is_some(), "{text:?} {off}");
            }
        }
    }

    #[test]
    fn ids_are_unique_for_the_same_place() {
        let a = article("Same place.");
        assert_ne!(Bookmark::new(&a, 0, None).id, Bookmark::new(&a, 0, None).id);
    }

    #[test]
    fn merge_keeps_both_sides_and_latest_note() {
        let a = article("One. Two. Three.");
        let mut left = Bookmarks::default();
        let b1 = Bookmark::new(&a, 0, None);
        left.add(b1.clone());
        let mut right = left.clone();
        right.add(Bookmark::new(&a, 6, None));
        assert!(left.set_note(&b1.id, Some("later note".into())));
        left.merge(right);
        assert_eq!(left.list().len(), 2);
        assert_eq!(left.get(&b1.id).unwrap().note_str(), "later note");
    }

    #[test]
    fn tombstone_stops_resurrection_and_undo_beats_it() {
        let a = article("One. Two.");
        let mut mine = Bookmarks::default();
        let b = Bookmark::new(&a, 0, None);
        mine.add(b.clone());
        let stale = mine.clone();
        let removed = mine.remove(&b.id).unwrap();
        mine.merge(stale.clone());
        assert!(
            mine.get(&b.id).is_none(),
            "an older copy must not bring it back"
        );
        mine.restore(removed);
        mine.merge(stale);
        assert!(mine.get(&b.id).is_some(), "undo is newer than the deletion");
    }

    #[test]
    fn merge_is_order_independent() {
        let a = article("One. Two.");
        let b = Bookmark::new(&a, 0, None);
        let mut x = Bookmarks::default();
        x.add(b.clone());
        let mut y = x.clone();
        x.set_note(&b.id, Some("x".into()));
        y.remove(&b.id);
        let (mut xy, mut yx) = (x.clone(), y.clone());
        xy.merge(y);
        yx.merge(x);
        assert_eq!(xy, yx);
    }

    #[test]
    fn now_after_is_strictly_later() {
        let far = "2999-01-01T00:00:00.000000Z";
        assert!(stamp(&now_after(far)) > stamp(far));
        assert_eq!(stamp("garbage"), DateTime::<Utc>::MIN_UTC);
    }
}
