//! Loading a corpus from disk: walking paths, reading files safely, dispatching to format parsers.
//!
//! Placeholder: plain text only; the full loader (formats, bounds, warnings) replaces it.

use std::path::{Path, PathBuf};

use super::clean;
use super::model::{Article, Format, Warning};
use super::sanitize::{sanitize_line, sanitize_text};

/// Limits and switches for loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Bytes read per file at most; the rest is cut with a visible notice.
    pub max_file_bytes: u64,
}

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: 16 * 1024 * 1024,
        }
    }
}

/// A parsed but not yet cleaned article: what a format parser found. Strings already sanitized.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    /// Title from metadata (front matter, `<title>`, JSON field), if any.
    pub title: Option<String>,
    /// Date from metadata, normalised to ISO if possible.
    pub date: Option<String>,
    /// Source or site name from metadata.
    pub source: Option<String>,
    /// URL from metadata.
    pub url: Option<String>,
    /// Author from metadata.
    pub author: Option<String>,
    /// Body text, paragraphs separated by blank lines.
    pub body: String,
}

/// The articles and warnings from a load.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Articles in a stable order (by path, then line).
    pub articles: Vec<Article>,
    /// Problems met, one per file or line.
    pub warnings: Vec<Warning>,
}

/// Why a load failed as a whole.
#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    /// A PATH argument that does not exist.
    #[error("{0}: no such file or directory")]
    NotFound(String),
}

/// Stable id of an article: derived from its content only.
#[must_use]
pub fn article_id(title: &str, text: &str) -> String {
    let mut h = blake3::Hasher::new();
    h.update(title.as_bytes());
    h.update(&[0]);
    h.update(text.as_bytes());
    h.finalize().to_hex()[..16].to_string()
}

/// Builds an article from a draft: sanitizes, cleans, assigns the id.
#[must_use]
pub fn finish(
    draft: &Draft,
    path: &str,
    file: &Path,
    line: Option<usize>,
    format: Format,
) -> Article {
    let c = clean::clean(draft);
    Article {
        id: article_id(&c.title, &c.text),
        path: sanitize_line(path),
        file: file.to_path_buf(),
        line,
        title: c.title,
        date: c.date,
        source: draft.source.clone(),
        url: draft.url.clone(),
        author: draft.author.clone(),
        format,
        text: c.text,
        lead: c.lead,
    }
}

/// Loads every article under `paths`.
///
/// # Errors
/// A PATH that does not exist.
pub fn load(paths: &[PathBuf], _opts: &LoadOptions) -> Result<Loaded, LoadError> {
    let mut out = Loaded::default();
    for root in paths {
        if !root.exists() {
            return Err(LoadError::NotFound(sanitize_line(
                &root.display().to_string(),
            )));
        }
        let mut files = Vec::new();
        collect(root, &mut files);
        files.sort();
        for f in files {
            let rel = f.strip_prefix(root).unwrap_or(&f);
            let rel = if rel.as_os_str().is_empty() {
                f.file_name().map_or(f.as_path(), Path::new)
            } else {
                rel
            };
            match std::fs::read(&f) {
                Ok(bytes) => {
                    let body = sanitize_text(&String::from_utf8_lossy(&bytes));
                    let draft = Draft {
                        body,
                        ..Draft::default()
                    };
                    out.articles.push(finish(
                        &draft,
                        &rel.display().to_string(),
                        &f,
                        None,
                        Format::Text,
                    ));
                }
                Err(e) => out.warnings.push(Warning {
                    path: sanitize_line(&f.display().to_string()),
                    message: e.to_string(),
                }),
            }
        }
    }
    Ok(out)
}

fn collect(p: &Path, out: &mut Vec<PathBuf>) {
    if p.is_dir() {
        if let Ok(rd) = std::fs::read_dir(p) {
            for e in rd.flatten() {
                collect(&e.path(), out);
            }
        }
    } else if p.is_file() {
        out.push(p.to_path_buf());
    }
}

/// Loads the built-in sample corpus (placeholder: each sample file read as plain text).
#[must_use]
pub fn load_sample() -> Loaded {
    let mut out = Loaded::default();
    for (name, bytes) in super::sample::FILES {
        let body = sanitize_text(&String::from_utf8_lossy(bytes));
        let draft = Draft {
            body,
            ..Draft::default()
        };
        out.articles
            .push(finish(&draft, name, Path::new(name), None, Format::Text));
    }
    out
}
