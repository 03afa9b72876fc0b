//! The status line: article i/n, % read, focused pane, the mention or search position, the
//! corpus search still running, the transient message, and key hints from the binding table; or the open prompt. Only reads.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit_end};
use crate::app::{App, LoadState};
use crate::text::display_width;

/// Draws the status line into `area`.
pub fn render_status(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let width = usize::from(area.width);
    if let Some(p) = &app.prompt {
        let extra = match p.kind {
            crate::app::PromptKind::Search => app.search_status(),
            crate::app::PromptKind::Filter if app.filtering() => Some("filtering…".to_owned()),
            _ => None,
        };
        let tail = extra.map(|s| format!("   {s}")).unwrap_or_default();
        let label = p.kind.label();
        let room = width.saturating_sub(display_width(label) + display_width(&tail) + 1);
        let line = Line::from(vec![
            Span::styled(label, theme.key()),
            Span::raw(fit_end(&p.input, room)),
            Span::styled("▏", theme.key()),
            Span::styled(tail, theme.dim()),
        ]);
        frame.render_widget(Paragraph::new(line).style(theme.status()), area);
        return;
    }
    let mut left = match (&app.load, app.reading.as_ref()) {
        (LoadState::Loading(_), _) => "loading… ".to_owned(),
        (_, Some(r)) => {
            // The open article is nearly always the selected row: no scan of the list then.
            let i = if app.list.selected_article() == Some(r.article) {
                Some(app.list.selected)
            } else {
                app.list.visible.iter().position(|a| *a == r.article)
            };
            let i = i.map_or_else(|| "-".to_owned(), |i| (i + 1).to_string());
            format!(
                "{i}/{} {}% {} ",
                app.list.visible.len(),
                app.percent_read(),
                app.focus.name()
            )
        }
        (_, None) => format!("{} ", app.focus.name()),
    };
    let middle = app
        .searching_status()
        .or_else(|| app.search_status())
        .or_else(|| app.mention_status());
    let mut spans = Vec::new();
    if let Some(m) = &app.message {
        left.push_str("│ ");
        spans.push(Span::raw(left));
        let style = if m.warning {
            theme.warning()
        } else {
            theme.status()
        };
        spans.push(Span::styled(m.text.clone(), style));
    } else {
        spans.push(Span::raw(left));
        if let Some(mid) = middle {
            spans.push(Span::raw("│ "));
            spans.push(Span::styled(mid, theme.lead()));
        }
    }
    let used: usize = spans.iter().map(|s| display_width(&s.content)).sum();
    let mut hints = Vec::new();
    let mut hint_w = 0;
    for (key, label) in app.keymap.hints() {
        let w = display_width(&key) + display_width(label) + 3;
        if used + hint_w + w + 2 > width {
            break;
        }
        hints.push(Span::styled(format!(" {key}"), theme.key()));
        hints.push(Span::raw(format!(" {label} ")));
        hint_w += w;
    }
    let pad = width.saturating_sub(used + hint_w);
    spans.push(Span::raw(" ".repeat(pad)));
    spans.extend(hints);
    frame.render_widget(
        Paragraph::new(Line::from(spans)).style(theme.status()),
        area,
    );
}
