//! The `[reader]` section: reading width cap, panes at start, mouse, the file size cap, the
//! date format, the list's sort order and hidden entity kinds. Plain settings and their
//! parsing; the App and runner apply them.

use std::fmt::Write as _;

use chrono::NaiveDate;
use chrono::format::{Item, StrftimeItems};
use toml::de::{DeTable, DeValue};

use super::{Ctx, entries, int};
use crate::corpus::{Kind, LoadOptions};

/// The order of the article list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortOrder {
    /// By file path, as the loader walks them (the corpus order).
    #[default]
    Path,
    /// Newest first; undated articles last.
    Date,
    /// By title, ignoring case.
    Title,
}

impl SortOrder {
    /// Every order, as the config file names them.
    pub const ALL: [SortOrder; 3] = [SortOrder::Path, SortOrder::Date, SortOrder::Title];

    /// The name used in the config file.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            SortOrder::Path => "path",
            SortOrder::Date => "date",
            SortOrder::Title => "title",
        }
    }
}

/// The reader's own settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderSettings {
    /// Widest the article text is wrapped, in columns; 0: the whole pane.
    pub max_width: u16,
    /// The article list is shown at start.
    pub show_list: bool,
    /// The entity sidebar is shown at start.
    pub show_sidebar: bool,
    /// Capture the mouse (wheel and clicks).
    pub mouse: bool,
    /// Read at most this many bytes of each file (`--max-file-size` wins).
    pub max_file_size: u64,
    /// How dates are shown (strftime).
    pub date_format: String,
    /// The order of the article list.
    pub sort: SortOrder,
    /// Kinds left out of the sidebar and the highlights.
    pub hidden_kinds: Vec<Kind>,
}

impl Default for ReaderSettings {
    fn default() -> Self {
        ReaderSettings {
            max_width: 100,
            show_list: true,
            show_sidebar: true,
            mouse: true,
            max_file_size: LoadOptions::default().max_file_bytes,
            date_format: "%Y-%m-%d".to_owned(),
            sort: SortOrder::Path,
            hidden_kinds: Vec::new(),
        }
    }
}

impl ReaderSettings {
    /// An ISO date (`YYYY-MM-DD`) in the configured format; anything else unchanged.
    #[must_use]
    pub fn show_date(&self, iso: &str) -> String {
        format_date(iso, &self.date_format).unwrap_or_else(|| iso.to_owned())
    }

    /// Whether entities of kind `k` are shown.
    #[must_use]
    pub fn shows(&self, k: Kind) -> bool {
        !self.hidden_kinds.contains(&k)
    }
}

/// `iso` formatted with `fmt`, or `None` when either does not work. chrono reports a format
/// that needs more than a date (`%H`) as a formatting error, which must never panic.
fn format_date(iso: &str, fmt: &str) -> Option<String> {
    let d = NaiveDate::parse_from_str(iso.trim(), "%Y-%m-%d").ok()?;
    let mut out = String::new();
    write!(out, "{}", d.format(fmt)).ok()?;
    Some(out)
}

/// Why a date format cannot be used, if it cannot.
fn check_date_format(fmt: &str) -> Option<String> {
    if fmt.chars().any(char::is_control) {
        return Some("date_format may not contain control characters".to_owned());
    }
    if StrftimeItems::new(fmt).any(|i| matches!(i, Item::Error)) {
        return Some(format!("date_format {fmt:?} has an unknown % code"));
    }
    if format_date("2024-05-02", fmt).is_none() {
        return Some(format!(
            "date_format {fmt:?} asks for more than a date (a time or zone)"
        ));
    }
    None
}

/// Applies a `[reader]` table to `s`, reporting what is wrong.
pub fn parse(t: &DeTable<'_>, s: &mut ReaderSettings, ctx: &mut Ctx<'_>) {
    for (k, v) in entries(t) {
        let key: &str = k.get_ref();
        let value = v.get_ref();
        let bad = |what: &str| format!("{key} must be {what}; kept the default");
        match key {
            "max_width" => match int(v).and_then(|n| u16::try_from(n).ok()) {
                Some(n) => s.max_width = n,
                None => ctx.report(v.span(), bad("a whole number from 0 to 65535")),
            },
            "show_list" | "show_sidebar" | "mouse" => match value.as_bool() {
                Some(b) => {
                    let slot = match key {
                        "show_list" => &mut s.show_list,
                        "show_sidebar" => &mut s.show_sidebar,
                        _ => &mut s.mouse,
                    };
                    *slot = b;
                }
                None => ctx.report(v.span(), bad("true or false")),
            },
            "max_file_size" => match int(v).and_then(|n| u64::try_from(n).ok()) {
                Some(n) if n > 0 => s.max_file_size = n,
                _ => ctx.report(v.span(), bad("a number of bytes above 0")),
            },
            "date_format" => match value.as_str() {
                Some(f) => match check_date_format(f) {
                    None => s.date_format = f.to_owned(),
                    Some(m) => ctx.report(v.span(), format!("{m}; kept the default")),
                },
                None => ctx.report(v.span(), bad("a string")),
            },
            "sort" => match value
                .as_str()
                .and_then(|n| SortOrder::ALL.into_iter().find(|o| o.name() == n.trim()))
            {
                Some(o) => s.sort = o,
                None => ctx.report(v.span(), bad("\"path\", \"date\" or \"title\"")),
            },
            "hidden_kinds" => hidden_kinds(v, s, ctx),
            _ => ctx.report(
                k.span(),
                format!("unknown setting {key:?} in [reader]; ignored"),
            ),
        }
    }
}

fn hidden_kinds(v: &toml::Spanned<DeValue<'_>>, s: &mut ReaderSettings, ctx: &mut Ctx<'_>) {
    let Some(items) = v.get_ref().as_array() else {
        ctx.report(
            v.span(),
            "hidden_kinds must be a list such as [\"other\"]; kept the default",
        );
        return;
    };
    let mut kinds = Vec::new();
    for item in items.iter() {
        match item.get_ref().as_str().and_then(Kind::parse) {
            Some(k) if !kinds.contains(&k) => kinds.push(k),
            Some(_) => {}
            None => ctx.report(
                item.span(),
                "hidden_kinds: expected person, organization, work, place or other; skipped",
            ),
        }
    }
    s.hidden_kinds = kinds;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_follow_the_format_and_odd_input_is_left_alone() {
        let mut s = ReaderSettings::default();
        assert_eq!(s.show_date("2024-05-02"), "2024-05-02");
        s.date_format = "%e %b %Y".to_owned();
        assert_eq!(s.show_date("2024-05-02"), " 2 May 2024");
        assert_eq!(s.show_date("spring 2024"), "spring 2024");
        // A format a date cannot fill is refused at load time, and never panics here.
        s.date_format = "%H:%M".to_owned();
        assert_eq!(s.show_date("2024-05-02"), "2024-05-02");
    }

    #[test]
    fn bad_date_formats_are_named() {
        assert!(check_date_format("%d.%m.%Y").is_none());
        assert!(check_date_format("%Q").is_some());
        assert!(check_date_format("%H").is_some());
        assert!(check_date_format("\u{1b}[31m%Y").is_some());
    }
}
