//! The bookmark list overlay's rows: for each bookmark a heading (date added, note, article
//! title, an orphaned marker) and the quoted sentence below it. Only reads the App. Strings
//! from the state file are sanitized first: a hand-edited file is as untrusted as an article.

use ratatui::text::{Line, Span};

use super::{Theme, fit};
use crate::app::bookmarks::ROWS_PER_BOOKMARK;
use crate::app::{Action, App, BookmarkList};
use crate::corpus::sanitize::sanitize_line;
use crate::keymap::Scope;
use crate::persist::bookmark::stamp;
use crate::text::display_width;

/// The overlay's title: the count and the list's own keys, from the bindings in effect.
#[must_use]
pub fn title(app: &App) -> String {
    let n = app.marks.doc.list().len();
    let key = |scope, action| {
        app.keymap
            .keys_for(scope, action)
            .into_iter()
            .next()
            .unwrap_or_default()
    };
    let parts: Vec<String> = [
        (Scope::Global, Action::Activate, "jump"),
        (Scope::Bookmarks, Action::DeleteBookmark, "delete"),
        (Scope::Bookmarks, Action::UndoDelete, "undo"),
        (Scope::Bookmarks, Action::EditNote, "edit note"),
    ]
    .into_iter()
    .map(|(s, a, what)| (key(s, a), what))
    .filter(|(k, _)| !k.is_empty())
    .map(|(k, what)| format!("{k} {what}"))
    .collect();
    format!(" Bookmarks ({n}) · {} ", parts.join(" · "))
}

/// The visible rows of the list, `height` rows of `width` columns.
#[must_use]
pub fn lines(
    app: &App,
    l: &BookmarkList,
    theme: Theme,
    width: usize,
    height: usize,
) -> Vec<Line<'static>> {
    let list = app.marks.doc.list();
    if list.is_empty() {
        let m = app
            .keymap
            .keys_for(Scope::Global, Action::AddBookmark)
            .into_iter()
            .next()
            .unwrap_or_default();
        return vec![Line::styled(
            format!("No bookmarks yet: press {m} while reading to add one."),
            theme.dim(),
        )];
    }
    let shown = (height / ROWS_PER_BOOKMARK).max(1);
    let mut out = Vec::new();
    for (i, b) in list.iter().enumerate().skip(l.offset).take(shown) {
        let loc = app.marks.locations.get(i);
        let orphaned = loc.is_some_and(|x| x.is_orphaned());
        // The article's current title when it was found (it may have been retitled).
        let found = loc
            .and_then(|x| x.target())
            .and_then(|(a, _)| app.corpus.articles.get(a));
        let title = sanitize_line(found.map_or(&b.title, |a| &a.title));
        let date = {
            let t = stamp(&b.added);
            if t == chrono::DateTime::<chrono::Utc>::MIN_UTC {
                String::new()
            } else {
                t.format("%Y-%m-%d").to_string()
            }
        };
        let tail = if orphaned { "  [orphaned]" } else { "" };
        let note = sanitize_line(b.note_str());
        let note = if note.is_empty() {
            note
        } else {
            format!("{note} · ")
        };
        let lead = format!("{date}  ");
        let room = width.saturating_sub(display_width(&lead) + display_width(tail));
        let note = fit(&note, room);
        let title = fit(&title, room.saturating_sub(display_width(&note)));
        let mut heading = Line::from(vec![
            Span::styled(lead, theme.dim()),
            Span::styled(note, theme.lead()),
            Span::raw(title),
            Span::styled(tail, theme.warning()),
        ]);
        let quote = sanitize_line(&b.quote.exact)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let mut quote = Line::from(Span::styled(
            format!("  “{}”", fit(&quote, width.saturating_sub(4))),
            theme.dim(),
        ));
        if i == l.selected {
            heading = heading.style(theme.selected(true));
            quote = quote.style(theme.selected(true));
        }
        out.push(heading);
        out.push(quote);
    }
    out
}
