//! An article's reading text as a slice of a shared buffer, so the texts of a cache shard can
//! live in one allocation.
//!
//! Why not a `String` per article: at 100,000 articles the allocator rounds each text up to
//! its size class, about 20 MB in all, and decoding a cache shard made 100,000 separate copies.
//! A shard's texts are now decoded once, into one buffer, and each article points into it.
//! An article read from its file owns a buffer of its own until the load packs it with its
//! neighbours ([`Text::pack`]), for the same reason.

use std::fmt;
use std::ops::{Deref, Range};
use std::sync::Arc;

use rayon::prelude::*;

use super::Article;

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

    /// Whether this text is alone in a buffer of its own (as an article read from its file
    /// is), rather than a part of a shared one.
    #[must_use]
    pub fn owns_buffer(&self) -> bool {
        self.buf
            .as_ref()
            .is_some_and(|b| Arc::strong_count(b) == 1 && self.start == 0 && self.end == b.len())
    }

    /// Copies `texts` into one new buffer and makes each a part of it, in order; their old
    /// buffers are freed unless something else shares them. What each text reads is unchanged.
    pub fn pack(texts: &mut [&mut Text]) {
        let total = texts.iter().map(|t| t.len()).sum();
        let mut joined = String::with_capacity(total);
        let mut ranges = Vec::with_capacity(texts.len());
        for t in texts.iter() {
            let at = joined.len();
            joined.push_str(t.as_str());
            ranges.push(at..joined.len());
        }
        let buf = Arc::new(joined);
        for (t, range) in texts.iter_mut().zip(ranges) {
            **t = Text {
                buf: Some(Arc::clone(&buf)),
                start: range.start,
                end: range.end,
            };
        }
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

/// Bytes of text per packed buffer: large enough that a buffer is one allocation among a few
/// hundred at 100,000 articles, small enough that packing in parallel holds little extra.
/// (Tiny under test, so a few short texts already span several buffers.)
const PACKED_BYTES: usize = if cfg!(test) { 64 } else { 1 << 20 };

/// Packs the texts of consecutive articles that own their buffers into shared buffers of
/// about [`PACKED_BYTES`], in parallel. Texts already sharing a buffer (a cache shard's) are
/// left as they are. At 100,000 articles this saves about 20 MB of allocator rounding.
pub fn pack_texts<'a>(articles: impl IntoIterator<Item = &'a mut Article>) {
    let mut runs: Vec<Vec<&mut Text>> = Vec::new();
    let mut run: Vec<&mut Text> = Vec::new();
    let mut bytes = 0usize;
    for a in articles {
        if !a.text.owns_buffer() {
            continue;
        }
        if !run.is_empty() && bytes.saturating_add(a.text.len()) > PACKED_BYTES {
            runs.push(std::mem::take(&mut run));
            bytes = 0;
        }
        bytes = bytes.saturating_add(a.text.len());
        run.push(&mut a.text);
    }
    if !run.is_empty() {
        runs.push(run);
    }
    runs.par_iter_mut().for_each(|r| Text::pack(r));
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
    fn packing_shares_buffers_between_neighbours_and_keeps_every_text() {
        let words = ["Ada", "Émile Zola", "", "Grace Hopper wrote", "Kató", "Lin"];
        let mut arts: Vec<Article> = words
            .iter()
            .cycle()
            .take(40)
            .map(|w| Article::from_text(w))
            .collect();
        // Two articles already share a cache shard's buffer: they are left as they are.
        let shard = Arc::new("Ida B. WellsMary Seacole".to_owned());
        arts[7].text = Text::slice(&shard, 0..12).unwrap();
        arts[8].text = Text::slice(&shard, 12..shard.len()).unwrap();
        let before: Vec<String> = arts.iter().map(|a| a.text.to_string()).collect();
        pack_texts(arts.iter_mut());
        let after: Vec<String> = arts.iter().map(|a| a.text.to_string()).collect();
        assert_eq!(after, before);
        assert_eq!(arts[7].text.buffer().0, Arc::as_ptr(&shard));
        assert_eq!(arts[8].text.buffer().0, Arc::as_ptr(&shard));
        let mut buffers: Vec<(*const String, usize)> = Vec::new();
        for (_, a) in arts.iter().enumerate().filter(|(i, _)| *i != 7 && *i != 8) {
            let (at, cap) = a.text.buffer();
            if buffers.last().is_none_or(|b| b.0 != at) {
                buffers.push((at, cap));
            }
        }
        // Several buffers, none over the limit (no text here is longer than it), each shared.
        assert!(buffers.len() >= 3, "{buffers:?}");
        assert!(buffers.len() < 30, "{buffers:?}");
        assert!(buffers.iter().all(|b| b.1 <= PACKED_BYTES), "{buffers:?}");
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
