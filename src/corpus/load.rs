//! Loading a corpus: walks the PATH arguments, reads each file with bounds, decodes it,
//! dispatches to the format parser, sanitizes every string that came from the file, and
//! hands drafts to the cleaner. A bad file costs only itself (a warning), never the run.
//! No terminal I/O here, and no file is ever opened that is not a regular file.

pub mod date;
mod fields;
mod html;
mod jsonl;
mod markdown;
pub mod read;
mod strip;
pub mod text;
pub mod walk;

use std::collections::HashSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use super::clean;
use super::model::{Article, Format, Warning};
use super::sanitize::{sanitize_line, sanitize_text};
pub use date::parse_date;
use read::Decoded;

/// Limits and switches for loading.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Bytes read per file at most; the rest is cut with a visible notice.
    pub max_file_bytes: u64,
}

/// The default per-file cap: 8 MiB, far above any real article, low enough to stay fast.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

impl Default for LoadOptions {
    fn default() -> Self {
        Self {
            max_file_bytes: DEFAULT_MAX_FILE_BYTES,
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

/// What [`parse_file`] makes of one file's bytes.
#[derive(Debug, Default)]
pub struct Parsed {
    /// Drafts in file order, with their format and (for JSON Lines) 1-based line.
    pub drafts: Vec<(Draft, Format, Option<usize>)>,
    /// Problems met, naming the file.
    pub warnings: Vec<Warning>,
    /// True when the bytes were cut at the size cap; the last article then gets a notice.
    pub truncated: bool,
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

/// Builds an article from a draft: cleans it, splits over-long paragraphs, assigns the id.
#[must_use]
pub fn finish(
    draft: &Draft,
    path: &str,
    file: &Path,
    line: Option<usize>,
    format: Format,
) -> Article {
    finish_with_notice(draft, path, file, line, format, None)
}

fn finish_with_notice(
    draft: &Draft,
    path: &str,
    file: &Path,
    line: Option<usize>,
    format: Format,
    notice: Option<&str>,
) -> Article {
    let c = clean::clean(draft);
    // Sanitized again: cheap, idempotent, and it keeps the guarantee whatever the cleaner does.
    let body = text::normalise_body(&sanitize_text(&c.text));
    let (mut body, lead) = text::split_long_paragraphs(body, c.lead, text::MAX_PARAGRAPH_BYTES);
    // The heading can never be longer than the text (an empty title leaves no paragraph).
    let lead = lead.min(super::model::paragraph_ranges(&body).len());
    if let Some(n) = notice {
        if !body.is_empty() {
            body.push_str("\n\n");
        }
        body.push_str(n);
    }
    let title = text::cap_title(&sanitize_line(&c.title));
    let line_opt = |s: &Option<String>| s.as_deref().map(sanitize_line).filter(|s| !s.is_empty());
    Article {
        id: article_id(&title, &body),
        path: sanitize_line(path),
        file: file.to_path_buf(),
        line,
        title,
        date: line_opt(&c.date),
        source: line_opt(&draft.source),
        url: line_opt(&draft.url),
        author: line_opt(&draft.author),
        format,
        text: body.into(),
        lead,
    }
}

/// Sanitizes every field of a freshly parsed draft and normalises its paragraphs. Every format
/// parser ends with this, after its own decoding (entities, JSON escapes).
#[must_use]
pub(crate) fn finish_fields(d: Draft) -> Draft {
    let line = |s: Option<String>| s.map(|s| sanitize_line(&s)).filter(|s| !s.is_empty());
    let body = text::normalise_body(&sanitize_text(&d.body));
    // Split before cleaning too, so the cleaner never sees a multi-megabyte paragraph.
    let (body, _) = text::split_long_paragraphs(body, 0, text::MAX_PARAGRAPH_BYTES);
    Draft {
        title: line(d.title),
        date: line(d.date),
        source: line(d.source),
        url: line(d.url),
        author: line(d.author),
        body,
    }
}

/// A byte count for messages: "8 MiB", "512 KiB" or "100 bytes".
fn human(n: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else if n >= 1024 && n % 1024 == 0 {
        format!("{} KiB", n / 1024)
    } else {
        format!("{n} bytes")
    }
}

/// The lowercase extension of a file name ("" when none).
fn extension(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    match base.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => ext.to_ascii_lowercase(),
        _ => String::new(),
    }
}

/// More than 10% of the first bytes are control characters other than whitespace and ESC:
/// binary data that happens to have no NUL.
fn looks_binary(text: &str) -> bool {
    let (mut n, mut bad) = (0usize, 0usize);
    for c in text.chars().take(read::SNIFF_BYTES) {
        n += 1;
        bad += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}' | '\u{1b}'));
    }
    bad.saturating_mul(10) > n
}

/// Parses one file's bytes into drafts. Pure: no disk access, so it can be property-tested.
/// `name` gives the format (by extension) and is quoted, sanitized, in warnings.
#[must_use]
pub fn parse_file(name: &str, bytes: &[u8], opts: &LoadOptions) -> Parsed {
    let path = sanitize_line(name);
    let mut out = Parsed::default();
    let warn = |out: &mut Parsed, message: String| {
        out.warnings.push(Warning {
            path: path.clone(),
            message,
        });
    };
    if bytes.is_empty() {
        warn(&mut out, "empty file, skipped".into());
        return out;
    }
    let cap = usize::try_from(opts.max_file_bytes).unwrap_or(usize::MAX);
    let truncated = bytes.len() > cap;
    let bytes = read::cut(bytes, cap);
    let (text, lossy, encoding) = match read::decode(bytes) {
        Decoded::Binary => {
            warn(&mut out, "binary file (NUL byte), skipped".into());
            return out;
        }
        Decoded::Text {
            text,
            lossy,
            encoding,
        } => (text, lossy, encoding),
    };
    let ext = extension(name);
    // A saved page that is not UTF-8 usually says what it is; believe it before going lossy.
    let is_html = matches!(ext.as_str(), "html" | "htm" | "xhtml");
    let declared = (lossy && is_html)
        .then(|| read::html_charset(bytes))
        .flatten()
        .filter(|enc| *enc != encoding_rs::UTF_8);
    let (text, lossy, encoding) = match declared {
        Some(enc) => {
            let (t, errors) = enc.decode_without_bom_handling(bytes);
            (t.into_owned(), errors, enc.name())
        }
        None => (text, lossy, encoding),
    };
    let known = matches!(
        ext.as_str(),
        "txt" | "text" | "md" | "markdown" | "html" | "htm" | "xhtml" | "jsonl" | "ndjson"
    );
    if !known && looks_binary(&text) {
        warn(&mut out, "binary file (control bytes), skipped".into());
        return out;
    }
    // Only now, once the file is known to be text, is the cut worth a warning.
    if truncated {
        out.truncated = true;
        let cap = human(opts.max_file_bytes);
        warn(
            &mut out,
            format!("larger than {cap}; only the first {cap} loaded"),
        );
    }
    if lossy {
        warn(
            &mut out,
            format!("not valid {encoding}, decoded with replacement characters"),
        );
    }
    match ext.as_str() {
        "md" | "markdown" => out
            .drafts
            .push((markdown::parse(&text), Format::Markdown, None)),
        "html" | "htm" | "xhtml" => out.drafts.push((html::parse(&text), Format::Html, None)),
        "jsonl" | "ndjson" => {
            let lines = jsonl::parse(&text);
            for msg in [
                jsonl::summary(&lines.malformed, "malformed JSON"),
                jsonl::summary(&lines.no_text, "JSON without a text field"),
            ]
            .into_iter()
            .flatten()
            {
                warn(&mut out, msg);
            }
            out.drafts.extend(
                lines
                    .drafts
                    .into_iter()
                    .map(|(d, n)| (d, Format::JsonLines, Some(n))),
            );
        }
        _ => {
            let d = finish_fields(Draft {
                body: text,
                ..Draft::default()
            });
            out.drafts.push((d, Format::Text, None));
        }
    }
    let before = out.drafts.len();
    out.drafts
        .retain(|(d, _, _)| !d.body.trim().is_empty() || d.title.is_some());
    if out.drafts.len() < before && before == 1 {
        warn(&mut out, "no readable text, skipped".into());
    }
    out
}

/// Turns a parsed file into articles, adding the truncation notice to the last one.
fn articles_of(parsed: &Parsed, rel: &str, file: &Path, opts: &LoadOptions) -> Vec<Article> {
    let notice = parsed.truncated.then(|| {
        format!(
            "[byline: this file is larger than {}; the rest was not loaded.]",
            human(opts.max_file_bytes)
        )
    });
    let last = parsed.drafts.len().saturating_sub(1);
    parsed
        .drafts
        .iter()
        .enumerate()
        .map(|(i, (d, format, line))| {
            let notice = if i == last { notice.as_deref() } else { None };
            finish_with_notice(d, rel, file, *line, *format, notice)
        })
        .collect()
}

/// Parses and finishes one file's bytes with a panic fence around it. `name` is the file's
/// display name for warnings, `rel` its path relative to its PATH argument.
pub fn isolated(name: &str, rel: &str, file: &Path, bytes: &[u8], opts: &LoadOptions) -> Loaded {
    fenced(name, || {
        let parsed = parse_file(name, bytes, opts);
        let articles = articles_of(&parsed, rel, file, opts);
        Loaded {
            articles,
            warnings: parsed.warnings,
        }
    })
}

/// Runs one file's work so that a panic in it becomes a warning for this file alone.
fn fenced(name: &str, work: impl FnOnce() -> Loaded) -> Loaded {
    catch_unwind(AssertUnwindSafe(work)).unwrap_or_else(|payload| {
        let why = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "internal error".into());
        Loaded {
            articles: Vec::new(),
            warnings: vec![Warning {
                path: sanitize_line(name),
                message: format!("could not be parsed: {}", sanitize_line(&why)),
            }],
        }
    })
}

/// Loads every article under `paths`.
///
/// # Errors
/// A PATH that does not exist.
pub fn load(paths: &[PathBuf], opts: &LoadOptions) -> Result<Loaded, LoadError> {
    load_with_progress(paths, opts, &|_, _| {})
}

/// Like [`load`], calling `progress(files_done, files_total)` once before reading and once as
/// each file finishes. Calls come from worker threads but one at a time, with `files_done`
/// going 0, 1, 2, ... up to the total, so keep the callback cheap.
///
/// # Errors
/// A PATH that does not exist.
pub fn load_with_progress(
    paths: &[PathBuf],
    opts: &LoadOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<Loaded, LoadError> {
    // Every PATH is checked before any work, so a typo fails fast with one message.
    for root in paths {
        if std::fs::symlink_metadata(root).is_err() {
            return Err(LoadError::NotFound(walk::display(root)));
        }
    }
    let mut out = Loaded::default();
    let mut found = Vec::new();
    for root in paths {
        walk::walk(root, &mut found, &mut out.warnings);
    }
    // The same file reached from two PATHs ("a" and "a/b", or a link) is read once; with a
    // single PATH the walk already visits each entry once, so no lookups are needed.
    if paths.len() > 1 {
        let mut seen = HashSet::new();
        found.retain(|f| seen.insert(std::fs::canonicalize(&f.file).unwrap_or(f.file.clone())));
    }
    let total = found.len();
    progress(0, total);
    // Counting and reporting under one lock keeps the reported counts strictly increasing.
    let done = Mutex::new(0usize);
    // rayon's indexed collect keeps the walk's order whatever order files finish in.
    let per_file: Vec<Loaded> = found
        .par_iter()
        .map(|f| {
            let name = walk::display(&f.file);
            let result = match read::read_bounded(&f.file, opts.max_file_bytes) {
                Ok(bytes) => isolated(&name, &f.rel, &f.file, &bytes, opts),
                Err(message) => Loaded {
                    articles: Vec::new(),
                    warnings: vec![Warning {
                        path: name,
                        message,
                    }],
                },
            };
            // A poisoned lock only means a progress callback panicked; counting goes on.
            let mut n = done
                .lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner);
            *n = n.saturating_add(1);
            progress(*n, total);
            result
        })
        .collect();
    for l in per_file {
        out.articles.extend(l.articles);
        out.warnings.extend(l.warnings);
    }
    Ok(out)
}

/// Loads the built-in sample corpus: each file parsed by its extension, `path` = its name.
#[must_use]
pub fn load_sample() -> Loaded {
    let opts = LoadOptions::default();
    let mut out = Loaded::default();
    for (name, bytes) in super::sample::FILES {
        let l = isolated(name, name, Path::new(name), bytes, &opts);
        out.articles.extend(l.articles);
        out.warnings.extend(l.warnings);
    }
    out
}

#[cfg(test)]
mod tests;
