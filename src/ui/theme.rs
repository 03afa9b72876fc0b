//! Styles for every element, with and without colour. With `NO_COLOR` set, kinds and
//! highlights fall back to bold, underline and reverse so nothing depends on colour.

use ratatui::style::{Color, Modifier, Style};

use crate::corpus::Kind;
use crate::text::Mark;

/// The styles in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    /// Use no colours at all.
    pub no_color: bool,
}

impl Theme {
    /// The colour standing for a kind.
    #[must_use]
    pub fn kind_color(self, k: Kind) -> Color {
        match k {
            Kind::Person => Color::LightCyan,
            Kind::Organization => Color::LightMagenta,
            Kind::Work => Color::LightGreen,
            Kind::Place => Color::LightYellow,
            Kind::Other => Color::LightBlue,
        }
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
        match m {
            Mark::Mention(k) => s.fg(self.kind_color(k)),
            Mark::Selected(k) => s.fg(Color::Black).bg(self.kind_color(k)),
            Mark::Current(k) => s
                .fg(Color::Black)
                .bg(Color::White)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED)
                .underline_color(self.kind_color(k)),
            Mark::Hit => s.fg(Color::Black).bg(Color::Yellow),
            Mark::CurrentHit => s
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Pane borders: the focused pane stands out.
    #[must_use]
    pub fn border(self, focused: bool) -> Style {
        match (focused, self.no_color) {
            (true, true) => Style::new().add_modifier(Modifier::BOLD),
            (true, false) => Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD),
            (false, true) => Style::new(),
            (false, false) => Style::new().fg(Color::DarkGray),
        }
    }

    /// The selected row of a list.
    #[must_use]
    pub fn selected(self, focused: bool) -> Style {
        match (focused, self.no_color) {
            (true, _) => Style::new().add_modifier(Modifier::REVERSED),
            (false, true) => Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            (false, false) => Style::new()
                .bg(Color::DarkGray)
                .add_modifier(Modifier::BOLD),
        }
    }

    /// Secondary text (dates, sources, counts).
    #[must_use]
    pub fn dim(self) -> Style {
        if self.no_color {
            Style::new()
        } else {
            Style::new().fg(Color::Gray).add_modifier(Modifier::DIM)
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
            Style::new().fg(Color::Black).bg(Color::LightYellow)
        }
    }

    /// The status line's background.
    #[must_use]
    pub fn status(self) -> Style {
        if self.no_color {
            Style::new()
        } else {
            Style::new().bg(Color::Indexed(236)).fg(Color::White)
        }
    }

    /// Keys in hints and help.
    #[must_use]
    pub fn key(self) -> Style {
        if self.no_color {
            Style::new().add_modifier(Modifier::BOLD)
        } else {
            Style::new()
                .fg(Color::LightBlue)
                .add_modifier(Modifier::BOLD)
        }
    }
}
