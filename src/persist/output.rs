//! The text of `byline bookmarks` (a table, or JSON with `--json`) and `byline bookmarks export`
//! (Markdown). Writes to any `io::Write`; every string from the state file or an article is
//! sanitized first, because a hand-edited state file is as untrusted as an article.

use std::io::{self, Write};

use unicode_width::UnicodeWidthChar;

use super::anchor::{Location, locate};
use super::bookmark::{Bookmark, stamp};
use crate::corpus::Article;
use crate::corpus::sanitize::{sanitize_line, sanitize_text};

/// Column widths of the table, in terminal cells.
const NOTE_W: usize = 20;
const TITLE_W: usize = 30;
const QUOTE_W: usize = 50;

/// What the output knows about a bookmark: its current location, when articles were given.
struct Row<'a> {
    b: &'a Bookmark,
    /// `None` when no corpus was loaded, so whether it is orphaned is unknown.
    loc: Option<Location>,
    title: String,
    path: String,
}

fn rows<'a>(bookmarks: &'a [Bookmark], articles: Option<&'a [Article]>) -> Vec<Row<'a>> {
    bookmarks
        .iter()
        .map(|b| {
            let loc = articles.map(|a| locate(b, a));
            let found = match (&loc, articles) {
                (Some(Location::Found { article, .. }), Some(list)) => list.get(*article),
                _ => None,
            };
            Row {
                b,
                title: sanitize_line(found.map_or(&b.title, |a| &a.title)),
                path: sanitize_line(found.map_or(&b.path, |a| &a.path)),
                loc,
            }
        })
        .collect()
}

/// The table of `byline bookmarks`: note, article title, quoted sentence, date added, and an
/// `orphaned` marker for bookmarks not found in `articles` (no marker when `articles` is `None`).
///
/// # Errors
/// Errors of the writer.
pub fn write_bookmarks_text(
    w: &mut impl Write,
    bookmarks: &[Bookmark],
    articles: Option<&[Article]>,
) -> io::Result<()> {
    if bookmarks.is_empty() {
        return writeln!(w, "No bookmarks.");
    }
    writeln!(
        w,
        "{}  {}  {}  ADDED",
        fit("NOTE", NOTE_W),
        fit("TITLE", TITLE_W),
        fit("QUOTE", QUOTE_W)
    )?;
    for r in rows(bookmarks, articles) {
        let orphan = if r.loc.as_ref().is_some_and(Location::is_orphaned) {
            "  orphaned"
        } else {
            ""
        };
        writeln!(
            w,
            "{}  {}  {}  {}{orphan}",
            fit(&sanitize_line(r.b.note_str()), NOTE_W),
            fit(&r.title, TITLE_W),
            fit(&sanitize_line(&r.b.quote.exact), QUOTE_W),
            date(&r.b.added),
        )?;
    }
    Ok(())
}

/// `byline bookmarks --json`: an array with every field of each bookmark, plus `orphaned`
/// (`null` when no corpus was given) and `found` (current path and offset, when found).
///
/// # Errors
/// Errors of the writer.
pub fn write_bookmarks_json(
    w: &mut impl Write,
    bookmarks: &[Bookmark],
    articles: Option<&[Article]>,
) -> io::Result<()> {
    let items: Vec<serde_json::Value> = rows(bookmarks, articles)
        .into_iter()
        .map(|r| {
            let found = match (&r.loc, articles) {
                (
                    Some(Location::Found {
                        article,
                        range,
                        how,
                    }),
                    Some(list),
                ) => list.get(*article).map(|a| {
                    serde_json::json!({
                        "article_id": a.id,
                        "path": sanitize_line(&a.path),
                        "offset": range.start,
                        "how": how,
                    })
                }),
                _ => None,
            };
            serde_json::json!({
                "id": sanitize_line(&r.b.id),
                "note": r.b.note.as_deref().map(sanitize_text),
                "title": r.title,
                "article_id": sanitize_line(&r.b.article_id),
                "path": sanitize_line(&r.b.path),
                "offset": r.b.offset,
                "quote": sanitize_text(&r.b.quote.exact),
                "added": sanitize_line(&r.b.added),
                "orphaned": r.loc.as_ref().map(Location::is_orphaned),
                "found": found,
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *w, &items).map_err(io::Error::other)?;
    writeln!(w)
}

/// `byline bookmarks export`: Markdown with, per bookmark, the title as a heading, the quote as a
/// blockquote, the note and the path.
///
/// # Errors
/// Errors of the writer.
pub fn write_bookmarks_markdown(
    w: &mut impl Write,
    bookmarks: &[Bookmark],
    articles: Option<&[Article]>,
) -> io::Result<()> {
    writeln!(w, "# Bookmarks")?;
    for r in rows(bookmarks, articles) {
        writeln!(w)?;
        writeln!(w, "## {}", r.title)?;
        writeln!(w)?;
        for line in sanitize_text(&r.b.quote.exact).lines() {
            writeln!(w, "> {line}")?;
        }
        writeln!(w)?;
        if let Some(note) = r.b.note.as_deref() {
            writeln!(w, "Note: {}", sanitize_line(note))?;
            writeln!(w)?;
        }
        let orphan = if r.loc.as_ref().is_some_and(Location::is_orphaned) {
            " (orphaned: not found in the corpus)"
        } else {
            ""
        };
        writeln!(w, "Path: {}{orphan}  ", code(&r.path))?;
        writeln!(w, "Added: {}", date(&r.b.added))?;
    }
    Ok(())
}

/// Inline code that survives backticks in the path.
fn code(s: &str) -> String {
    if s.contains('`') {
        format!("`` {s} ``")
    } else {
        format!("`{s}`")
    }
}

/// The date part of an RFC 3339 time, or the sanitized text when it does not parse.
fn date(s: &str) -> String {
    let t = stamp(s);
    if t == chrono::DateTime::<chrono::Utc>::MIN_UTC {
        sanitize_line(s)
    } else {
        t.format("%Y-%m-%d").to_string()
    }
}

/// `s` cut or padded to exactly `width` cells, with `…` marking a cut.
fn fit(s: &str, width: usize) -> String {
    if width == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    let total: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
    let room = if total > width {
        width.saturating_sub(1)
    } else {
        width
    };
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if used + cw > room {
            break;
        }
        out.push(c);
        used += cw;
    }
    if total > width {
        out.push('…');
        used += 1;
    }
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(used)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_width::UnicodeWidthStr;

    #[test]
    fn fit_pads_and_cuts_by_display_width() {
        assert_eq!(fit("ab", 4), "ab  ");
        assert_eq!(fit("abcdef", 4), "abc…");
        // Wide characters count two cells and are never split.
        let f = fit("日本語テキスト", 6);
        assert_eq!(f.width(), 6);
        assert!(f.trim_end().ends_with('…'), "{f:?}");
        assert_eq!(fit("x", 0), "");
    }

    #[test]
    fn date_shows_day_or_sanitized_text() {
        assert_eq!(date("2024-03-05T10:00:00.000000Z"), "2024-03-05");
        assert_eq!(date("bad\u{1b}[31m"), sanitize_line("bad\u{1b}[31m"));
    }

    #[test]
    fn code_handles_backticks() {
        assert_eq!(code("a`b"), "`` a`b ``");
        assert_eq!(code("ab"), "`ab`");
    }
}
