//! Colours: the [`Palette`] of every role the screen paints (panes, selection, highlights, each
//! entity kind), the built-in dark and light themes, and colour notation (names, 256-colour
//! indices, `#rrggbb`). Pure data; the ui decides how roles become styles, and `NO_COLOR`
//! overrides all of this there.

use ratatui::style::Color;

use crate::corpus::Kind;

/// A built-in theme that the `[colors]` table starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    /// Light text on a dark terminal.
    #[default]
    Dark,
    /// Dark text on a light terminal.
    Light,
}

impl ThemeName {
    /// The name used in the config file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }

    /// The theme called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<ThemeName> {
        match name.trim().to_ascii_lowercase().as_str() {
            "dark" => Some(ThemeName::Dark),
            "light" => Some(ThemeName::Light),
            _ => None,
        }
    }

    /// The theme's colours.
    #[must_use]
    pub fn palette(self) -> Palette {
        match self {
            ThemeName::Dark => Palette::dark(),
            ThemeName::Light => Palette::light(),
        }
    }
}

/// The colour of every role on screen. `reset` means the terminal's own colour; for the
/// focused selection, `reset` in both fields means reverse video.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Palette {
    /// People.
    pub person: Color,
    /// Organizations.
    pub organization: Color,
    /// Works.
    pub work: Color,
    /// Places.
    pub place: Color,
    /// Other entities.
    pub other: Color,
    /// Text on a mention of the selected entity (its background is the kind's colour).
    pub selected_mention: Color,
    /// Text of the current mention.
    pub current_fg: Color,
    /// Background of the current mention.
    pub current_bg: Color,
    /// Text of a search hit.
    pub hit_fg: Color,
    /// Background of a search hit.
    pub hit_bg: Color,
    /// Text of the current search hit.
    pub current_hit_fg: Color,
    /// Background of the current search hit.
    pub current_hit_bg: Color,
    /// Borders of panes without focus.
    pub border: Color,
    /// The border of the focused pane.
    pub border_focused: Color,
    /// Text of the selected row in the focused pane.
    pub selection_fg: Color,
    /// Background of the selected row in the focused pane.
    pub selection_bg: Color,
    /// Background of the selected row in a pane without focus.
    pub selection_unfocused: Color,
    /// Secondary text: dates, sources, counts.
    pub dim: Color,
    /// Keys in the status hints and the help.
    pub key: Color,
    /// Status line text.
    pub status_fg: Color,
    /// Status line background.
    pub status_bg: Color,
    /// Warning text.
    pub warning_fg: Color,
    /// Warning background.
    pub warning_bg: Color,
}

impl Default for Palette {
    fn default() -> Self {
        Palette::dark()
    }
}

/// A role's config name, a few words about it, and where it lives in a [`Palette`].
pub type Role = (&'static str, &'static str, fn(&mut Palette) -> &mut Color);

/// Every role, in the order the default config file lists them.
pub const ROLES: &[Role] = &[
    ("person", "people", |p| &mut p.person),
    ("organization", "organizations", |p| &mut p.organization),
    ("work", "works: films, books, songs, products", |p| {
        &mut p.work
    }),
    ("place", "places", |p| &mut p.place),
    ("other", "other entities", |p| &mut p.other),
    (
        "selected_mention",
        "text on the selected entity's mentions",
        |p| &mut p.selected_mention,
    ),
    ("current_fg", "the current mention", |p| &mut p.current_fg),
    ("current_bg", "", |p| &mut p.current_bg),
    ("hit_fg", "search hits", |p| &mut p.hit_fg),
    ("hit_bg", "", |p| &mut p.hit_bg),
    ("current_hit_fg", "the current search hit", |p| {
        &mut p.current_hit_fg
    }),
    ("current_hit_bg", "", |p| &mut p.current_hit_bg),
    ("border", "pane borders", |p| &mut p.border),
    ("border_focused", "the focused pane's border", |p| {
        &mut p.border_focused
    }),
    (
        "selection_fg",
        "the focused pane's selected row (\"reset\": reverse)",
        |p| &mut p.selection_fg,
    ),
    ("selection_bg", "", |p| &mut p.selection_bg),
    (
        "selection_unfocused",
        "background of the selected row in other panes",
        |p| &mut p.selection_unfocused,
    ),
    ("dim", "dates, sources and counts", |p| &mut p.dim),
    ("key", "keys in hints and help", |p| &mut p.key),
    ("status_fg", "the status line", |p| &mut p.status_fg),
    ("status_bg", "", |p| &mut p.status_bg),
    ("warning_fg", "warnings", |p| &mut p.warning_fg),
    ("warning_bg", "", |p| &mut p.warning_bg),
];

impl Palette {
    /// The built-in dark theme (light text on a dark terminal).
    #[must_use]
    pub fn dark() -> Palette {
        Palette {
            person: Color::LightCyan,
            organization: Color::LightMagenta,
            work: Color::LightGreen,
            place: Color::LightYellow,
            other: Color::LightBlue,
            selected_mention: Color::Black,
            current_fg: Color::Black,
            current_bg: Color::White,
            hit_fg: Color::Black,
            hit_bg: Color::Yellow,
            current_hit_fg: Color::Black,
            current_hit_bg: Color::LightRed,
            border: Color::DarkGray,
            border_focused: Color::LightBlue,
            selection_fg: Color::Reset,
            selection_bg: Color::Reset,
            selection_unfocused: Color::DarkGray,
            dim: Color::Gray,
            key: Color::LightBlue,
            status_fg: Color::White,
            status_bg: Color::Indexed(236),
            warning_fg: Color::Black,
            warning_bg: Color::LightYellow,
        }
    }

    /// The built-in light theme (dark text on a light terminal): deeper kind colours that stay
    /// readable on white, and light backgrounds for bars and selections.
    #[must_use]
    pub fn light() -> Palette {
        Palette {
            person: Color::Indexed(25),
            organization: Color::Indexed(127),
            work: Color::Indexed(28),
            place: Color::Indexed(130),
            other: Color::Indexed(66),
            selected_mention: Color::White,
            current_fg: Color::White,
            current_bg: Color::Black,
            hit_fg: Color::Black,
            hit_bg: Color::Indexed(228),
            current_hit_fg: Color::White,
            current_hit_bg: Color::Indexed(160),
            border: Color::Indexed(250),
            border_focused: Color::Blue,
            selection_fg: Color::Reset,
            selection_bg: Color::Reset,
            selection_unfocused: Color::Indexed(254),
            dim: Color::Indexed(243),
            key: Color::Blue,
            status_fg: Color::Black,
            status_bg: Color::Indexed(253),
            warning_fg: Color::Black,
            warning_bg: Color::Indexed(222),
        }
    }

    /// The colour standing for a kind.
    #[must_use]
    pub fn kind(&self, k: Kind) -> Color {
        match k {
            Kind::Person => self.person,
            Kind::Organization => self.organization,
            Kind::Work => self.work,
            Kind::Place => self.place,
            Kind::Other => self.other,
        }
    }

    /// The colour of the role called `name`.
    #[must_use]
    pub fn get(&self, name: &str) -> Option<Color> {
        let mut copy = *self;
        ROLES
            .iter()
            .find(|(n, _, _)| *n == name)
            .map(|(_, _, f)| *f(&mut copy))
    }

    /// Sets the role called `name`; false when there is no such role.
    pub fn set(&mut self, name: &str, c: Color) -> bool {
        match ROLES.iter().find(|(n, _, _)| *n == name) {
            Some((_, _, f)) => {
                *f(self) = c;
                true
            }
            None => false,
        }
    }
}

/// Parses a colour: a name (`lightcyan`, `dark gray`, `reset`), an index `0`-`255` or
/// `#rrggbb`. ratatui's parser does the work; this adds the message.
///
/// # Errors
/// A message saying what is accepted.
pub fn parse_color(s: &str) -> Result<Color, String> {
    s.trim().parse::<Color>().map_err(|_| {
        format!(
            "{s:?} is not a colour (use a name such as \"lightcyan\", an index 0-255 or \"#rrggbb\")"
        )
    })
}

/// A colour as the config file writes it: a lower-case name, `#rrggbb`, or the index digits.
#[must_use]
pub fn color_notation(c: Color) -> String {
    let name = match c {
        Color::Reset => "reset",
        Color::Black => "black",
        Color::Red => "red",
        Color::Green => "green",
        Color::Yellow => "yellow",
        Color::Blue => "blue",
        Color::Magenta => "magenta",
        Color::Cyan => "cyan",
        Color::Gray => "gray",
        Color::DarkGray => "darkgray",
        Color::LightRed => "lightred",
        Color::LightGreen => "lightgreen",
        Color::LightYellow => "lightyellow",
        Color::LightBlue => "lightblue",
        Color::LightMagenta => "lightmagenta",
        Color::LightCyan => "lightcyan",
        Color::White => "white",
        Color::Rgb(r, g, b) => return format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => return i.to_string(),
    };
    name.to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_three_notations_parse() {
        assert_eq!(parse_color("lightcyan"), Ok(Color::LightCyan));
        assert_eq!(parse_color("Dark Gray"), Ok(Color::DarkGray));
        assert_eq!(parse_color("236"), Ok(Color::Indexed(236)));
        assert_eq!(parse_color("#FF8000"), Ok(Color::Rgb(255, 128, 0)));
        assert!(parse_color("#ff80").is_err());
        assert!(parse_color("256").is_err());
        assert!(parse_color("ultraviolet").is_err());
    }

    #[test]
    fn notation_round_trips_for_every_role_of_both_themes() {
        for t in [ThemeName::Dark, ThemeName::Light] {
            let p = t.palette();
            for (name, _, _) in ROLES {
                let c = p.get(name).expect("role");
                assert_eq!(parse_color(&color_notation(c)), Ok(c), "{name}");
            }
        }
        let rgb = Color::Rgb(1, 2, 254);
        assert_eq!(color_notation(rgb), "#0102fe");
        assert_eq!(parse_color(&color_notation(rgb)), Ok(rgb));
    }

    #[test]
    fn set_and_get_address_the_same_role() {
        let mut p = Palette::dark();
        assert!(p.set("place", Color::Indexed(9)));
        assert_eq!(p.kind(Kind::Place), Color::Indexed(9));
        assert_eq!(p.get("place"), Some(Color::Indexed(9)));
        assert!(!p.set("nope", Color::Red));
        assert_ne!(Palette::light(), Palette::dark());
    }
}
