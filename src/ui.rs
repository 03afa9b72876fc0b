//! Drawing: `draw(frame, &App)` renders every pane from the App's state and nothing else; it
//! never changes state and does no I/O. One file per pane; the layout is in [`layout`].

pub mod bookmarks;
pub mod layout;
pub mod list;
pub mod overlay;
pub mod reader;
pub mod sidebar;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::Paragraph;
use unicode_segmentation::UnicodeSegmentation;

pub use layout::{Panes, layout, viewport};
pub use theme::Theme;

use crate::app::App;
use crate::text::wrap::grapheme_width;

/// Draws the whole screen.
pub fn draw(frame: &mut Frame, app: &App) {
    let area = frame.area();
    let theme = Theme::new(app.no_color, app.palette);
    let panes = layout(area, app);
    if panes.too_small {
        render_too_small(frame, area);
        return;
    }
    if let Some(r) = panes.list {
        list::render_list(frame, r, app, theme);
    }
    if let Some(r) = panes.reader {
        reader::render_reader(frame, r, app, theme);
    }
    if let Some(r) = panes.sidebar {
        sidebar::render_sidebar(frame, r, app, theme);
    }
    if let Some(r) = panes.overlay {
        overlay::render_overlay(frame, r, app, theme);
    }
    status::render_status(frame, panes.status, app, theme);
}

fn render_too_small(frame: &mut Frame, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let lines = vec![
        Line::raw("terminal too small"),
        Line::raw(format!("need {}x{}", layout::MIN_WIDTH, layout::MIN_HEIGHT)),
    ];
    let y = area.y + area.height.saturating_sub(2) / 2;
    let r = Rect::new(area.x, y, area.width, area.height.min(2));
    frame.render_widget(Paragraph::new(lines).centered(), r);
}

/// `s` cut to at most `width` display columns, with "…" when cut.
#[must_use]
pub fn fit(s: &str, width: usize) -> String {
    if crate::text::display_width(s) <= width {
        return s.to_owned();
    }
    let mut out = String::new();
    let mut w = 0;
    for g in s.graphemes(true) {
        let gw = grapheme_width(g);
        if w + gw + 1 > width {
            break;
        }
        out.push_str(g);
        w += gw;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// The end of `s` in at most `width` display columns, with "…" in front when cut.
#[must_use]
pub fn fit_end(s: &str, width: usize) -> String {
    if crate::text::display_width(s) <= width {
        return s.to_owned();
    }
    let mut parts = Vec::new();
    let mut w = 0;
    for g in s.graphemes(true).rev() {
        let gw = grapheme_width(g);
        if w + gw + 1 > width {
            break;
        }
        parts.push(g);
        w += gw;
    }
    let mut out = String::new();
    if width > 0 {
        out.push('…');
    }
    out.extend(parts.into_iter().rev());
    out
}

#[cfg(test)]
mod config_tests;
#[cfg(test)]
mod tests;
