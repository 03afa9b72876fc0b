//! Cleaning scraped text: finds the real headline and date, drops page chrome. Pure, no I/O.
//!
//! Placeholder: the first non-empty line is the title.

use super::load::Draft;

/// What the cleaner makes of a draft: the parts of an `Article` that depend on the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cleaned {
    /// The headline.
    pub title: String,
    /// ISO date, if found in metadata or in the text.
    pub date: Option<String>,
    /// Reading text: headline (and dek) paragraphs first, then the body; paragraphs split by "\n\n".
    pub text: String,
    /// How many leading paragraphs are the headline and dek.
    pub lead: usize,
}

/// Cleans a sanitized draft.
#[must_use]
pub fn clean(draft: &Draft) -> Cleaned {
    let paras: Vec<&str> = draft
        .body
        .split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let (title, rest) = match &draft.title {
        Some(t) => (t.clone(), &paras[..]),
        None => match paras.split_first() {
            Some((first, rest)) => ((*first).to_string(), rest),
            None => (String::new(), &paras[..]),
        },
    };
    let mut text = title.clone();
    for p in rest {
        text.push_str("\n\n");
        text.push_str(p);
    }
    Cleaned {
        title,
        date: draft.date.clone(),
        text,
        lead: 1,
    }
}
