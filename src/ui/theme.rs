//! Styles for every element, with and without colour: colours come from the configured
//! [`Palette`]; with `NO_COLOR` set the palette is ignored and kinds and highlights fall back
//! to bold, underline and reverse so nothing depends on colour.

use ratatui::style::{Color, Modifier, Style};

use crate::config::Palette;
use crate::corpus::Kind;
use crate::text::Mark;

/// The styles in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Use no colours at all (`NO_COLOR`): wins over the palette.
    pub no_color: bool,
    /// The colours, when colours are used.
    pub palette: Palette,
}

impl Theme {
    /// Styles from `palette`, or none at all when `no_color`.
    #[must_use]
    pub fn new(no_color: bool, palette: Palette) -> Theme {
        Theme { no_color, palette }
    }

    /// The colour standing for a kind.
    #[must_use]
    pub fn kind_color(self, k: Kind) -> Color {
        self.palette.kind(k)
    }

    /// A one-letter marker for a kind (legend in the help overlay).
    #[must_use]
    pub fn kind_marker(k: Kind) -> &'static str {
        match k {
            Kind::Person => "P",
            Kind::Organization => "O",
            Kind::Work => "W",
            Kind::Place => "L",
            Kind::Other => "X",
        }
    }

    /// The style of a kind's marker and name in lists.
    #[must_use]
    pub fn kind(self, k: Kind) -> Style {
        if self.no_color {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new().fg(self.kind_color(k))
        }
    }

    /// The style of highlighted text.
    #[must_use]
    pub fn mark(self, m: Mark) -> Style {
        let s = Style::new();
        if self.no_color {
            return match m {
                Mark::Mention(_) => s.add_modifier(Modifier::UNDERLINED),
                Mark::Selected(_) => s.add_modifier(Modifier::UNDERLINED | Modifier::BOLD),
                Mark::Hit => s.add_modifier(Modifier::REVERSED),
                Mark::Current(_) | Mark::CurrentHit => {
                    s.add_modifier(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED)
                }
            };
        }
        let p = &self.palette;
        match m {
            Mark::Mention(k) => s.fg(self.kind_color(k)),
            Mark::Selected(k) => s.fg(p.selected_mention).bg(self.kind_color(k)),
            Mark::Current(k) => s
                .fg(p.current_fg)
                .bg(p.current_bg)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                .underline_color(self.kind_color(k)),
            Mark::Hit => s.fg(p.hit_fg).bg(p.hit_bg),
            Mark::CurrentHit => s
                .fg(p.current_hit_fg)
                .bg(p.current_hit_bg)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Pane borders: the focused pane stands out.
    #[must_use]
    pub fn border(self, focused: bool) -> Style {
        match (focused, self.no_color) {
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (true, false) => Style::new()
                .fg(self.palette.border_focused)
                .add_modifier(Modifier::BOLD),
            (false, true) => Style::new(),
            (false, false) => Style::new().fg(self.palette.border),
        }
    }

    /// The selected row of a list. In the focused pane, a palette that leaves both selection
    /// colours at `reset` gets reverse video, which reads well on any terminal background.
    #[must_use]
    pub fn selected(self, focused: bool) -> Style {
        let p = &self.palette;
        let reverse = p.selection_fg == Color::Reset && p.selection_bg == Color::Reset;
        match (focused, self.no_color) {
            (true, true) => Style::new().add_modifier(Modifier::REVERSED),
            (true, false) if reverse => Style::new().add_modifier(Modifier::REVERSED),
            (true, false) => Style::new()
                .fg(p.selection_fg)
                .bg(p.selection_bg)
                .add_modifier(Modifier::BOLD),
            (false, true) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            (false, false) => Style::new()
                .bg(p.selection_unfocused)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Secondary text (dates, sources, counts).
    #[must_use]
    pub fn dim(self) -> Style {
        if self.no_color {
            Style::new()
        } else {
            Style::new()
                .fg(self.palette.dim)
                .add_modifier(Modifier::DIM)
        }
    }

    /// The headline paragraphs.
    #[must_use]
    pub fn lead(self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    /// Warnings in the status line.
    #[must_use]
    pub fn warning(self) -> Style {
        if self.no_color {
            Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED)
        } else {
            Style::new()
                .fg(self.palette.warning_fg)
                .bg(self.palette.warning_bg)
        }
    }

    /// The status line's background.
    #[must_use]
    pub fn status(self) -> Style {
        if self.no_color {
            Style::new()
        } else {
            Style::new()
                .bg(self.palette.status_bg)
                .fg(self.palette.status_fg)
        }
    }

    /// Keys in hints and help.
    #[must_use]
    pub fn key(self) -> Style {
        if self.no_color {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
                .fg(self.palette.key)
                .add_modifier(Modifier::BOLD)
        }
    }
}
