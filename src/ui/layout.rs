//! The one pure layout function: where each pane goes for a terminal size and the App's pane
//! settings. The drawing code and the runner (to tell the App its pane sizes) both use it.

use ratatui::layout::Rect;

use crate::app::{App, Pane, Viewport};

/// Below this size only a "terminal too small" notice is drawn.
pub const MIN_WIDTH: u16 = 24;
/// Below this height only a "terminal too small" notice is drawn.
pub const MIN_HEIGHT: u16 = 6;
/// From this width all enabled panes fit side by side.
pub const WIDE: u16 = 100;
/// From this width two panes fit; below it only the focused pane is shown.
pub const MEDIUM: u16 = 60;

/// Outer areas of the panes (borders included); `None` when a pane is not shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Panes {
    /// The article list.
    pub list: Option<Rect>,
    /// The reading pane.
    pub reader: Option<Rect>,
    /// The entity sidebar.
    pub sidebar: Option<Rect>,
    /// The overlay box, when an overlay is open.
    pub overlay: Option<Rect>,
    /// The status line (last row).
    pub status: Rect,
    /// The terminal is below the minimum size.
    pub too_small: bool,
}

/// Lays out the screen.
#[must_use]
pub fn layout(area: Rect, app: &App) -> Panes {
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        return Panes {
            too_small: true,
            ..Panes::default()
        };
    }
    let body = Rect::new(area.x, area.y, area.width, area.height.saturating_sub(1));
    let status = Rect::new(area.x, area.y.saturating_add(body.height), area.width, 1);
    let w = body.width;
    let (show_list, show_sidebar) = if w >= WIDE {
        (app.show_list, app.show_sidebar)
    } else if w >= MEDIUM {
        match app.focus {
            Pane::List => (true, false),
            Pane::Entities => (false, true),
            Pane::Reader => (app.show_list, !app.show_list && app.show_sidebar),
        }
    } else {
        (app.focus == Pane::List, app.focus == Pane::Entities)
    };
    let side = |pct: u16, lo: u16, hi: u16| (w.saturating_mul(pct) / 100).clamp(lo, hi);
    let list_w = if show_list { side(28, 24, 40) } else { 0 };
    let bar_w = if show_sidebar { side(24, 22, 34) } else { 0 };
    let narrow = w < MEDIUM;
    let (list_w, bar_w) = if narrow {
        (
            if show_list { w } else { 0 },
            if show_sidebar { w } else { 0 },
        )
    } else {
        (list_w, bar_w)
    };
    let reader_w = w.saturating_sub(list_w).saturating_sub(bar_w);
    let mk = |x: u16, width: u16| (width > 0).then(|| Rect::new(x, body.y, width, body.height));
    let list = mk(body.x, list_w);
    let reader = mk(body.x.saturating_add(list_w), reader_w);
    let sidebar = mk(
        body.x.saturating_add(list_w).saturating_add(reader_w),
        bar_w,
    );
    let overlay = app.overlay.as_ref().map(|_| {
        let ow = (w.saturating_mul(9) / 10).max(MIN_WIDTH.min(w));
        let oh = (body.height.saturating_mul(9) / 10).max(MIN_HEIGHT.min(body.height));
        Rect::new(
            body.x + (w - ow) / 2,
            body.y + (body.height - oh) / 2,
            ow,
            oh,
        )
    });
    Panes {
        list,
        reader,
        sidebar,
        overlay,
        status,
        too_small: false,
    }
}

/// The inside of a bordered box.
#[must_use]
pub fn inner(r: Rect) -> Rect {
    Rect::new(
        r.x.saturating_add(1),
        r.y.saturating_add(1),
        r.width.saturating_sub(2),
        r.height.saturating_sub(2),
    )
}

/// Splits the reading pane's inside into the metadata line and the text area. The metadata
/// line is dropped when there is no room for it and at least two rows of text.
#[must_use]
pub fn reader_parts(outer: Rect) -> (Option<Rect>, Rect) {
    let i = inner(outer);
    if i.height >= 4 {
        (
            Some(Rect::new(i.x, i.y, i.width, 1)),
            Rect::new(i.x, i.y + 1, i.width, i.height - 1),
        )
    } else {
        (None, i)
    }
}

/// The pane areas the App needs (inner areas), computed from the same layout that is drawn.
#[must_use]
pub fn viewport(area: Rect, app: &App) -> Viewport {
    let p = layout(area, app);
    Viewport {
        screen: area,
        list: p.list.map(inner).unwrap_or_default(),
        reader: p.reader.map(|r| reader_parts(r).1).unwrap_or_default(),
        sidebar: p.sidebar.map(inner).unwrap_or_default(),
        overlay: p.overlay.map(inner).unwrap_or_default(),
    }
}
