//! Mouse input mapped through the last layout: the wheel scrolls the pane under the pointer, a
//! click focuses a pane and selects the row (or the mention) under it.

use ratatui::layout::{Position as Cell, Rect};

use super::{App, MentionRow, Overlay, Pane, step_index};
use crate::text::wrap::byte_at_column;

/// Rows the wheel moves per notch.
const WHEEL_STEP: isize = 3;

fn hit(r: Rect, x: u16, y: u16) -> Option<usize> {
    r.contains(Cell { x, y }).then(|| usize::from(y - r.y))
}

impl App {
    pub(crate) fn wheel(&mut self, x: u16, y: u16, down: bool) {
        let d = if down { WHEEL_STEP } else { -WHEEL_STEP };
        let vp = self.viewport;
        if self.overlay.is_some() {
            if hit(vp.overlay, x, y).is_some() {
                let action = if down {
                    super::Action::Down
                } else {
                    super::Action::Up
                };
                for _ in 0..WHEEL_STEP {
                    self.overlay_action(action);
                }
            }
            return;
        }
        if hit(vp.list, x, y).is_some() {
            self.list_move(d);
        } else if hit(vp.reader, x, y).is_some() {
            self.scroll_lines(d);
        } else if hit(vp.sidebar, x, y).is_some() {
            self.sidebar_move(d);
        }
    }

    pub(crate) fn click(&mut self, x: u16, y: u16) {
        let vp = self.viewport;
        if let Some(o) = self.overlay.as_mut() {
            let Some(row) = hit(vp.overlay, x, y) else {
                self.overlay = None;
                return;
            };
            match o {
                Overlay::Mentions(v) => {
                    if let Some(MentionRow::Mention(j)) = v.rows.get(v.offset + row) {
                        v.selected = *j;
                    }
                }
                Overlay::Picker(p) => {
                    p.selected = step_index(p.offset + row, 0, p.items.len());
                }
                Overlay::Bookmarks(l) => {
                    let n = self.marks.doc.list().len();
                    let i = l.offset + row / super::bookmarks::ROWS_PER_BOOKMARK;
                    l.selected = step_index(i, 0, n);
                }
                Overlay::Help { .. } => {}
            }
            return;
        }
        if let Some(row) = hit(vp.list, x, y) {
            self.focus = Pane::List;
            let i = self.list.offset + row;
            if i < self.list.visible.len() {
                self.list.selected = i;
                self.open_selected();
            }
        } else if let Some(row) = hit(vp.sidebar, x, y) {
            self.focus = Pane::Entities;
            if let Some((e, _)) = self.article_entities().get(self.sidebar_offset + row) {
                self.entity = Some(*e);
                if let Some(r) = self.reading.as_mut() {
                    r.current = None;
                }
            }
        } else if let Some(row) = hit(vp.reader, x, y) {
            self.focus = Pane::Reader;
            self.click_text(row, usize::from(x - vp.reader.x));
        }
    }

    /// Selects the mention under display row `row`, column `col` of the text, if there is one.
    fn click_text(&mut self, row: usize, col: usize) {
        let Some(w) = self.wrapped() else { return };
        let Some(line) = w.lines.get(self.top_line() + row) else {
            return;
        };
        let byte = byte_at_column(self.open_text(), line.range.clone(), col);
        if byte >= line.range.end {
            return;
        }
        let Some(r) = self.reading.as_mut() else {
            return;
        };
        if let Some(i) = r.marks.iter().position(|m| m.range.contains(&byte)) {
            r.current = Some(i);
            self.entity = r.marks.get(i).map(|m| m.entity);
        }
    }
}
