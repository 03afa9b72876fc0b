//! The complete default `config.toml`, with comments, printed by `byline config --default`.
//! Generated from the same defaults the parser starts from (the binding table, the dark
//! palette, [`ReaderSettings::default`]), so printing it and loading it gives the defaults.

use std::fmt::Write as _;

use super::reader::ReaderSettings;
use super::theme::{ROLES, ThemeName, color_notation};
use crate::keymap::{BINDINGS, Keymap, Scope};

const HEADER: &str = "\
# byline configuration.
#
# byline reads this file from its config directory (`byline config --path` shows where);
# `--config FILE` or the BYLINE_CONFIG variable name another file. Every setting has a
# default and this file lists them all, so delete whatever you do not change. A mistake
# never stops byline: the broken setting keeps its default and byline names the line
# (`byline config --check` lists every problem).
";

const KEYS_HELP: &str = "\
# Keys. Each action takes a key, a list of keys, or [] (or \"none\") to unbind it.
# A key is a character (\"q\", \"G\", \"?\", \"]\") or a name: enter, esc, tab, shift-tab,
# backspace, space, up, down, left, right, pgup, pgdn, home, end, delete, insert, f1 to f24;
# put ctrl-, alt- or shift- in front for a modifier (\"ctrl-o\", \"alt-left\"). Two keys
# separated by a space are typed one after the other (\"g g\").
#
# [keys.anywhere] works even while typing in a prompt; [keys.global] everywhere else;
# [keys.list], [keys.reader] and [keys.entities] only while that pane has focus, and win
# over global; [keys.bookmarks] while the bookmark list is open; [keys.prompt] while typing
# a search, filter or note. Two actions cannot share a key in one table: such a line is
# reported and the action keeps its default keys.
";

fn quote(s: &str) -> String {
    // Key notation and formats are plain text; escape what TOML basic strings require.
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The default config file, every setting at its default and explained.
#[must_use]
pub fn default_file() -> String {
    let mut out = String::from(HEADER);
    let r = ReaderSettings::default();
    let _ = write!(
        out,
        "
# The colour theme: \"dark\" or \"light\". [colors] below changes single colours.
theme = \"{theme}\"

[reader]
# Widest the article text is wrapped, in columns; 0 uses the whole pane.
max_width = {max_width}
# Which panes are shown at start (t and T show and hide them).
show_list = {show_list}
show_sidebar = {show_sidebar}
# The mouse: the wheel scrolls the pane under the pointer, a click focuses and selects.
mouse = {mouse}
# Read at most this many bytes of each file; --max-file-size on the command line wins.
max_file_size = {max_file_size}
# How dates are shown, in strftime notation (\"%e %b %Y\" shows \" 2 May 2024\").
date_format = {date_format}
# The order of the article list: \"path\", \"date\" (newest first) or \"title\".
sort = \"{sort}\"
# Entity kinds left out of the sidebar and the highlights, e.g. [\"other\"].
hidden_kinds = []

[colors]
# A colour is a name (\"lightcyan\", \"darkgray\", \"reset\" for the terminal's own), a
# 256-colour index (0 to 255) or \"#rrggbb\". Colours not set here come from the theme; the
# lines below show the dark theme. NO_COLOR in the environment always wins: then byline
# uses only bold, underline and reverse.
",
        theme = ThemeName::default().name(),
        max_width = r.max_width,
        show_list = r.show_list,
        show_sidebar = r.show_sidebar,
        mouse = r.mouse,
        max_file_size = r.max_file_size,
        date_format = quote(&r.date_format),
        sort = r.sort.name(),
    );
    let mut dark = ThemeName::Dark.palette();
    for (name, about, slot) in ROLES {
        let c = *slot(&mut dark);
        let v = match c {
            ratatui::style::Color::Indexed(i) => i.to_string(),
            other => quote(&color_notation(other)),
        };
        let line = format!("# {name} = {v}");
        if about.is_empty() {
            let _ = writeln!(out, "{line}");
        } else {
            let _ = writeln!(out, "{line:<34} # {about}");
        }
    }
    out.push('\n');
    out.push_str(KEYS_HELP);
    let km = Keymap::default();
    for scope in Scope::ALL {
        let _ = write!(out, "\n[keys.{}]\n", scope.name());
        let mut done = Vec::new();
        if !BINDINGS.iter().any(|b| b.scope == scope) {
            out.push_str("# (nothing by default)\n");
        }
        for b in BINDINGS.iter().filter(|b| b.scope == scope) {
            if done.contains(&b.action) {
                continue;
            }
            done.push(b.action);
            let keys: Vec<String> = km
                .keys_for(scope, b.action)
                .iter()
                .map(|k| quote(k))
                .collect();
            let name = b.action.name().unwrap_or_default();
            let _ = writeln!(out, "# {}\n{name} = [{}]", b.description, keys.join(", "));
        }
    }
    out
}
