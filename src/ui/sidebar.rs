//! The entity sidebar: the open article's entities by mention count, each with a kind marker,
//! its count here and the number of articles mentioning it. Only reads the App.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

use super::{Theme, fit};
use crate::app::{App, Extraction, Pane};
use crate::corpus::Progress;
use crate::text::display_width;

/// Draws the sidebar into `area` (borders included).
pub fn render_sidebar(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let focused = app.focus == Pane::Entities;
    let ents = app.article_entities();
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(format!(" Entities ({}) ", ents.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let selected = app.sidebar_selected();
    let rows: Vec<Line> = ents
        .iter()
        .enumerate()
        .skip(app.sidebar_offset)
        .take(usize::from(inner.height))
        .filter_map(|(i, (e, here))| {
            let ent = app.corpus.entities.get(*e as usize)?;
            let articles = app
                .corpus
                .index
                .article_count
                .get(*e as usize)
                .copied()
                .unwrap_or(0);
            let counts = format!(" {here}·{articles}");
            let name_w = width
                .saturating_sub(2)
                .saturating_sub(display_width(&counts));
            let name = fit(&ent.name, name_w);
            let pad = name_w.saturating_sub(display_width(&name));
            let line = Line::from(vec![
                Span::styled(Theme::kind_marker(ent.kind), theme.kind(ent.kind)),
                Span::raw(" "),
                Span::raw(name),
                Span::raw(" ".repeat(pad)),
                Span::styled(counts, theme.dim()),
            ]);
            Some(if Some(i) == selected {
                line.style(theme.selected(focused))
            } else {
                line
            })
        })
        .collect();
    if rows.is_empty() {
        let note = match app.extraction {
            Extraction::Running(Some(Progress::Extracting { done, total })) if total > 0 => {
                format!("finding entities… {}%", done.saturating_mul(100) / total)
            }
            Extraction::Running(_) => "finding entities…".to_owned(),
            Extraction::Done => "no entities".to_owned(),
        };
        frame.render_widget(Paragraph::new(Span::styled(note, theme.dim())), inner);
    } else {
        frame.render_widget(Paragraph::new(rows), inner);
    }
}
