//! Finding a saved place again: a text-quote selector (the exact quote plus a little context on
//! each side) and the search that re-anchors it after a restart, a move or an edit. Pure: no I/O.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::bookmark::Bookmark;
use crate::corpus::Article;

/// Characters of context kept on each side of a quote to tell repeated quotes apart.
pub const CONTEXT_CHARS: usize = 32;
/// Longest quote kept, in bytes: a paragraph with no sentence break must not bloat the file.
pub const MAX_QUOTE_BYTES: usize = 400;

/// A text-quote selector: the exact text and the text around it when it was saved.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted text, exactly as it was.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters just before it.
    #[serde(default)]
    pub prefix: String,
    /// Up to [`CONTEXT_CHARS`] characters just after it.
    #[serde(default)]
    pub suffix: String,
}

impl Quote {
    /// Captures `text[range]` with its context. The range is clamped to the text and to character
    /// boundaries, and cut to [`MAX_QUOTE_BYTES`].
    #[must_use]
    pub fn capture(text: &str, range: Range<usize>) -> Quote {
        let start = floor_boundary(text, range.start);
        let end = floor_boundary(text, range.end.max(start));
        let end = floor_boundary(text, end.min(start.saturating_add(MAX_QUOTE_BYTES)));
        let before = text.get(..start).unwrap_or_default();
        let after = text.get(end..).unwrap_or_default();
        let prefix_start = before
            .char_indices()
            .rev()
            .nth(CONTEXT_CHARS.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let suffix_end = after
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(after.len(), |(i, _)| i);
        Quote {
            exact: text.get(start..end).unwrap_or_default().to_string(),
            prefix: before.get(prefix_start..).unwrap_or_default().to_string(),
            suffix: after.get(..suffix_end).unwrap_or_default().to_string(),
        }
    }

    /// Whether the quote still stands at byte `offset` of `text`.
    #[must_use]
    pub fn matches_at(&self, text: &str, offset: usize) -> bool {
        !self.exact.is_empty()
            && offset
                .checked_add(self.exact.len())
                .and_then(|end| text.get(offset..end))
                == Some(self.exact.as_str())
    }

    /// The best occurrence of the quote in `text`: most context matching, then nearest to `hint`.
    /// Returns the range and its context score (matching context characters).
    #[must_use]
    pub fn find(&self, text: &str, hint: usize) -> Option<(Range<usize>, usize)> {
        self.find_with(
            &memchr::memmem::Finder::new(self.exact.as_bytes()),
            text,
            hint,
        )
    }

    /// [`Quote::find`] with a finder for `self.exact` built once, for searching many articles.
    fn find_with(
        &self,
        finder: &memchr::memmem::Finder<'_>,
        text: &str,
        hint: usize,
    ) -> Option<(Range<usize>, usize)> {
        if self.exact.is_empty() {
            return None;
        }
        finder
            .find_iter(text.as_bytes())
            .map(|start| {
                let end = start + self.exact.len();
                (start..end, self.context_score(text, start, end))
            })
            .max_by_key(|(r, score)| (*score, std::cmp::Reverse(r.start.abs_diff(hint))))
    }

    /// How many characters of saved context still surround `text[start..end]`.
    fn context_score(&self, text: &str, start: usize, end: usize) -> usize {
        let before = text.get(..start).unwrap_or_default();
        let after = text.get(end..).unwrap_or_default();
        let p = before
            .chars()
            .rev()
            .zip(self.prefix.chars().rev())
            .take_while(|(a, b)| a == b)
            .count();
        let s = after
            .chars()
            .zip(self.suffix.chars())
            .take_while(|(a, b)| a == b)
            .count();
        p + s
    }
}

/// The largest character boundary of `text` at or below `i`.
#[must_use]
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i = i.saturating_sub(1);
    }
    i
}

/// How a bookmark was found again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Match {
    /// Same article, quote still at the saved offset.
    Exact,
    /// Same article id, quote found at another offset.
    SameArticle,
    /// The article's id changed (edited) but the file at the saved path holds the quote.
    SamePath,
    /// Found in another article (the file was moved or renamed, and perhaps edited).
    Elsewhere,
}

/// Where a bookmark points now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// Found: the article's index in the slice given to [`locate`], and the quote's byte range.
    Found {
        /// Index into the articles slice.
        article: usize,
        /// Byte range of the quote in that article's text.
        range: Range<usize>,
        /// Which rule found it.
        how: Match,
    },
    /// Not found anywhere; the bookmark is kept and shown as orphaned.
    Orphaned,
}

impl Location {
    /// Whether the bookmark could not be found.
    #[must_use]
    pub fn is_orphaned(&self) -> bool {
        matches!(self, Location::Orphaned)
    }

    /// The article index and byte offset to jump to, if found.
    #[must_use]
    pub fn target(&self) -> Option<(usize, usize)> {
        match self {
            Location::Found { article, range, .. } => Some((*article, range.start)),
            Location::Orphaned => None,
        }
    }
}

/// Finds a bookmark in `articles`: by id and offset, then by quote in the article with that id,
/// then in the article at the saved path, then anywhere (best context, same title preferred).
#[must_use]
pub fn locate(b: &Bookmark, articles: &[Article]) -> Location {
    let q = &b.quote;
    let finder = memchr::memmem::Finder::new(q.exact.as_bytes());
    let by_id = articles.iter().position(|a| a.id == b.article_id);
    if let Some(i) = by_id {
        let text = &articles[i].text;
        if q.matches_at(text, b.offset) {
            let range = b.offset..b.offset + q.exact.len();
            return found(i, range, Match::Exact);
        }
        if let Some((range, _)) = q.find_with(&finder, text, b.offset) {
            return found(i, range, Match::SameArticle);
        }
    }
    let at_path = articles
        .iter()
        .enumerate()
        .filter(|(i, a)| Some(*i) != by_id && a.path == b.path)
        .filter_map(|(i, a)| {
            q.find_with(&finder, &a.text, b.offset)
                .map(|(r, s)| (i, r, s))
        })
        .max_by_key(|(_, _, s)| *s);
    if let Some((i, range, _)) = at_path {
        return found(i, range, Match::SamePath);
    }
    // Anywhere else. The key ranks context first, then the same title, then the earliest
    // article (max_by_key keeps the last maximum, so the index is reversed).
    let elsewhere = articles
        .iter()
        .enumerate()
        .filter(|(i, _)| Some(*i) != by_id)
        .filter_map(|(i, a)| {
            q.find_with(&finder, &a.text, b.offset)
                .map(|(r, s)| (i, r, s, a))
        })
        .max_by_key(|(i, _, s, a)| (*s, a.title == b.title, std::cmp::Reverse(*i)));
    match elsewhere {
        Some((i, range, _, _)) => found(i, range, Match::Elsewhere),
        None => Location::Orphaned,
    }
}

fn found(article: usize, range: Range<usize>, how: Match) -> Location {
    Location::Found {
        article,
        range,
        how,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capture_keeps_context_on_char_boundaries() {
        let text = "ééé Alpha beta. Gamma delta. ñññ";
        let start = text.find("Gamma").unwrap();
        let q = Quote::capture(text, start..start + "Gamma delta.".len());
        assert_eq!(q.exact, "Gamma delta.");
        assert_eq!(q.prefix, "ééé Alpha beta. ");
        assert_eq!(q.suffix, " ñññ");
        // A range inside a multi-byte char is pulled back to its start, not cut through it.
        let q = Quote::capture(text, 1..3);
        assert_eq!(q.exact, "é");
    }

    #[test]
    fn capture_limits_context_and_length() {
        let text = "a".repeat(100) + &"b".repeat(1000) + &"c".repeat(100);
        let q = Quote::capture(&text, 100..1100);
        assert_eq!(q.prefix.len(), CONTEXT_CHARS);
        assert_eq!(q.exact.len(), MAX_QUOTE_BYTES);
        assert!(q.suffix.starts_with('b'));
    }

    #[test]
    fn find_uses_context_to_pick_the_right_copy() {
        let text = "One said yes. Then two said yes. Finally three said yes.";
        let second = text.find("two said yes.").unwrap() + 4;
        let q = Quote::capture(text, second..second + "said yes.".len());
        // The hint points at the first copy; context must still win.
        let (r, score) = q.find(text, 0).unwrap();
        assert_eq!(r.start, second);
        assert!(score > 0);
    }

    #[test]
    fn find_prefers_the_nearest_copy_without_context() {
        let q = Quote {
            exact: "x".into(),
            ..Quote::default()
        };
        assert_eq!(q.find("x...x...x", 5).unwrap().0, 4..5);
        assert_eq!(Quote::default().find("abc", 0), None);
    }

    #[test]
    fn matches_at_rejects_out_of_range_and_split_chars() {
        let q = Quote {
            exact: "é".into(),
            ..Quote::default()
        };
        assert!(q.matches_at("aé", 1));
        assert!(!q.matches_at("aé", 2));
        assert!(!q.matches_at("aé", usize::MAX));
    }
}
