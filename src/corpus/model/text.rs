//! An article's reading text as a slice of a shared buffer, so the texts of a cache shard can
//! live in one allocation.
//!
//! Why not a `String` per article: at 100,000 articles the allocator rounds each text up to
//! its size class, about 20 MB in all, and decoding a cache shard made 100,000 separate copies.
//! A shard's texts are now decoded once, into one buffer, and each article points into it.
//! An article read from its file owns a buffer of its own.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

/// Immutable reading text: `buf[start..end]`, always on character boundaries. Cloning shares
/// the buffer. Derefs to `str`, so it reads like one.
///
/// The empty default holds no buffer: the cache decodes every article with a default text
/// before giving it its part of the shard, and that should cost no allocation.
#[derive(Clone, Default)]
pub struct Text {
    buf: Option<Arc<String>>,
    start: usize,
    end: usize,
}

impl Text {
    /// The part `range` of a shared buffer, or `None` when it is out of bounds or cuts a
    /// character (what a corrupt cache would give).
    #[must_use]
    pub fn slice(buf: &Arc<String>, range: Range<usize>) -> Option<Text> {
        buf.get(range.clone())?;
        Some(Text {
            buf: Some(Arc::clone(buf)),
            start: range.start,
            end: range.end,
        })
    }

    /// The text as a `str`.
    #[must_use]
    pub fn as_str(&self) -> &str {
        // In bounds and on boundaries by construction; the fallback is only the empty default.
        self.buf
            .as_deref()
            .and_then(|b| b.get(self.start..self.end))
            .unwrap_or("")
    }

    /// The shared buffer's address and capacity, for memory accounting that counts each
    /// buffer once (null and 0 for the empty default).
    #[must_use]
    pub fn buffer(&self) -> (*const String, usize) {
        self.buf
            .as_ref()
            .map_or((std::ptr::null(), 0), |b| (Arc::as_ptr(b), b.capacity()))
    }
}

impl From<String> for Text {
    fn from(s: String) -> Text {
        let end = s.len();
        Text {
            buf: Some(Arc::new(s)),
            start: 0,
            end,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Text {
        Text::from(s.to_owned())
    }
}

impl Deref for Text {
    type Target = str;

    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Text) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl PartialEq<str> for Text {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for Text {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

impl fmt::Display for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_sliced_from_one_buffer_read_as_their_own_parts() {
        let buf = Arc::new("Ada Lovelace\n\nÉmile Zola".to_owned());
        let a = Text::slice(&buf, 0..12).unwrap();
        let b = Text::slice(&buf, 14..buf.len()).unwrap();
        assert_eq!(a, "Ada Lovelace");
        assert_eq!(b.as_str(), "Émile Zola");
        assert_eq!(b.len(), "Émile Zola".len());
        assert_eq!(b, Text::from("Émile Zola"));
        assert_ne!(a, b);
        // The articles share the buffer rather than copying it.
        assert_eq!(Arc::strong_count(&buf), 3);
    }

    #[test]
    fn a_slice_out_of_bounds_or_inside_a_character_is_refused() {
        let buf = Arc::new("Émile".to_owned());
        assert!(Text::slice(&buf, 1..3).is_none(), "inside the É");
        assert!(Text::slice(&buf, 0..99).is_none());
        let (from, to) = (3, 2);
        assert!(Text::slice(&buf, from..to).is_none(), "backwards");
        assert!(Text::slice(&buf, 2..6).is_some());
    }
}
