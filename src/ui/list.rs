//! The article list pane: one row per article (bookmark marker, title, date, source); the title
//! bar names the active filter. Only reads the App.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Theme, fit};
use crate::app::{App, Pane};
use crate::text::display_width;

/// Draws the article list into `area` (borders included).
pub fn render_list(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let focused = app.focus == Pane::List;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(format!(" {} ", app.list_title()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let open = app.reading.as_ref().map(|r| r.article);
    let rows: Vec<Line> = app
        .list
        .visible
        .iter()
        .enumerate()
        .skip(app.list.offset)
        .take(usize::from(inner.height))
        .filter_map(|(i, a)| {
            let art = app.corpus.articles.get(*a as usize)?;
            // One marker column: '*' for an article holding a bookmark, else '>' for the open
            // one (which is also the highlighted row).
            let marker = if app.marks.articles.contains(a) {
                "*"
            } else if open == Some(*a) {
                ">"
            } else {
                " "
            };
            let mut meta = String::new();
            if let Some(d) = &art.date {
                meta.push_str(" · ");
                meta.push_str(&app.settings.show_date(d));
            }
            if let Some(s) = &art.source {
                meta.push_str(" · ");
                meta.push_str(s);
            }
            // The title comes first; the date and source get what is left, but the date keeps
            // a little room even beside a long title.
            let avail = width.saturating_sub(2);
            let full = display_width(&art.title);
            let meta_w = display_width(&meta);
            let title_w = if full + meta_w <= avail || full + 4 <= avail {
                full
            } else {
                // Leave room for " · " and a date (13 columns) when there is metadata at all.
                full.min(avail.saturating_sub(meta_w.min(13)).max(avail * 6 / 10))
            };
            let title = fit(&art.title, title_w);
            let marker_style = if marker == "*" {
                theme.key()
            } else {
                ratatui::style::Style::default()
            };
            let line = Line::from(vec![
                Span::styled(format!("{marker} "), marker_style),
                Span::raw(title),
                Span::styled(meta, theme.dim()),
            ]);
            Some(if i == app.list.selected {
                line.style(theme.selected(focused))
            } else {
                line
            })
        })
        .collect();
    if rows.is_empty() {
        let msg = if app.list.filter.is_some() {
            "nothing matches (Esc clears)"
        } else {
            "no articles"
        };
        frame.render_widget(Paragraph::new(Span::styled(msg, theme.dim())), inner);
    } else {
        frame.render_widget(Paragraph::new(rows), inner);
    }
}
