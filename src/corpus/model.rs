//! The corpus data model: articles, entities, mentions and kinds. Plain data, no I/O.

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

mod text;
pub use text::{Text, pack_texts};

/// The five kinds of named thing byline tracks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Real people and fictional characters.
    Person,
    /// Companies, studios, publications, platforms, named groups.
    Organization,
    /// Films, shows, books, songs, games, named products and software.
    Work,
    /// Countries, cities, regions.
    Place,
    /// Events, laws, awards and other proper names.
    Other,
}

impl Kind {
    /// All kinds, in display order.
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Organization,
        Kind::Work,
        Kind::Place,
        Kind::Other,
    ];

    /// The lowercase name used in JSON, the CLI and config files.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Organization => "organization",
            Kind::Work => "work",
            Kind::Place => "place",
            Kind::Other => "other",
        }
    }

    /// Parses a kind name, accepting common short forms ("org", "per", "loc").
    #[must_use]
    pub fn parse(s: &str) -> Option<Kind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "person" | "per" | "people" | "character" => Some(Kind::Person),
            "organization" | "organisation" | "org" => Some(Kind::Organization),
            "work" | "title" => Some(Kind::Work),
            "place" | "loc" | "location" | "gpe" => Some(Kind::Place),
            "other" | "misc" => Some(Kind::Other),
            _ => None,
        }
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The file format an article was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (also any unknown extension that turned out to be text).
    Text,
    /// Markdown, with optional YAML or TOML front matter.
    Markdown,
    /// HTML, reduced to its readable text.
    Html,
    /// One article per line of a JSON Lines file.
    JsonLines,
}

/// One article, cleaned and ready to read. Every string in it has been sanitized.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: a hash of the title and reading text, so it survives moves and renames.
    pub id: String,
    /// Path relative to the PATH argument it was found under (sanitized, for display and JSON).
    pub path: String,
    /// The file on disk it came from.
    pub file: PathBuf,
    /// For JSON Lines: the 1-based line in `file`.
    pub line: Option<usize>,
    /// The headline.
    pub title: String,
    /// ISO date (YYYY-MM-DD) when one was found.
    pub date: Option<String>,
    /// Publication or site.
    pub source: Option<String>,
    /// Canonical URL, as given by the file (never opened without validation).
    pub url: Option<String>,
    /// Author or byline.
    pub author: Option<String>,
    /// The format it was read from.
    pub format: Format,
    /// The reading text: paragraphs separated by a blank line ("\n\n"); a paragraph may hold
    /// single "\n" line breaks. It starts with the headline (and dek) paragraphs, counted by `lead`.
    /// Not part of the article's serialized form: the cache stores each shard's texts packed
    /// into one string (see `cache::entries`), and decodes them into one shared buffer.
    #[serde(skip)]
    pub text: Text,
    /// How many leading paragraphs of `text` are the headline and dek, shown as the heading.
    pub lead: usize,
}

#[cfg(test)]
impl Article {
    /// A plain-text article holding only `text` (no lead, empty names), for tests to adjust
    /// with struct update syntax.
    pub(crate) fn from_text(text: &str) -> Article {
        Article {
            id: String::new(),
            path: String::new(),
            file: PathBuf::new(),
            line: None,
            title: String::new(),
            date: None,
            source: None,
            url: None,
            author: None,
            format: Format::Text,
            text: text.into(),
            lead: 0,
        }
    }
}

impl Article {
    /// Byte ranges of the paragraphs of `text`, in order.
    #[must_use]
    pub fn paragraphs(&self) -> Vec<Range<usize>> {
        paragraph_ranges(&self.text)
    }

    /// Number of words in the reading text.
    #[must_use]
    pub fn word_count(&self) -> usize {
        self.text.split_whitespace().count()
    }
}

/// Splits text into paragraph byte ranges at blank lines, skipping empty paragraphs.
#[must_use]
pub fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    let mut i = 0;
    // From newline to newline with `memchr`: every article is cut into paragraphs on load.
    while let Some(at) = bytes.get(i..).and_then(|rest| memchr::memchr(b'\n', rest)) {
        i += at;
        if bytes.get(i + 1) == Some(&b'\n') {
            push_trimmed(text, start..i, &mut out);
            while bytes.get(i) == Some(&b'\n') {
                i += 1;
            }
            start = i;
        } else {
            i += 1;
        }
    }
    push_trimmed(text, start..bytes.len(), &mut out);
    out
}

fn push_trimmed(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    if lead + trail < s.len() {
        out.push(r.start + lead..r.end - trail);
    }
}

/// Index of an article within a corpus.
pub type ArticleIx = u32;
/// Index of an entity within a corpus.
pub type EntityIx = u32;

/// One mention of an entity: a byte span of an article's reading text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Mention {
    /// The article, as an index into the corpus's article list.
    pub article: ArticleIx,
    /// Start byte in the article's `text`.
    pub start: u32,
    /// End byte (exclusive) in the article's `text`.
    pub end: u32,
}

impl Mention {
    /// The byte range of this mention.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// A named thing and every place the corpus mentions it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entity {
    /// Canonical name (the fullest form found).
    pub name: String,
    /// What kind of thing it is.
    pub kind: Kind,
    /// Every surface form seen for it (possessives removed), the canonical name included.
    pub aliases: Vec<String>,
    /// Every mention, in reading order: by article index, then by start.
    pub mentions: Vec<Mention>,
}

/// A problem found while loading, naming the file (sanitized) and the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Warning {
    /// The file or folder it concerns, as given or found (sanitized).
    pub path: String,
    /// What went wrong, in a short sentence.
    pub message: String,
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}
