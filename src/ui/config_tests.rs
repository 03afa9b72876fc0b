//! Rendered-screen tests of the user's configuration: a rebinding in the help overlay, the
//! status hints and the App; theme colours on highlighted cells; `NO_COLOR` over the theme;
//! and the reader settings as they show on screen.

use ratatui::style::{Color, Modifier};

use super::tests::{find, find_in, render, screen};
use crate::app::tests::fixture;
use crate::app::{App, LoadEvent, Overlay, Pane};
use crate::config::{Config, parse};
use crate::keymap::Key;

/// An App configured from `toml` (which must be free of problems), with the fixture loaded.
fn configured(toml: &str, no_color: bool) -> App {
    let (cfg, problems) = parse(toml);
    assert!(problems.is_empty(), "{problems:?}");
    with_config(&cfg, no_color)
}

fn with_config(cfg: &Config, no_color: bool) -> App {
    let mut app = App::new(no_color);
    app.configure(cfg);
    app.on_load(LoadEvent::Done(Box::new(fixture())));
    app
}

fn press(app: &mut App, keys: &str) {
    for k in keys.split(',') {
        app.press(k.trim().parse::<Key>().expect("notation"));
    }
}

#[test]
fn a_rebinding_shows_in_help_and_hints_and_works() {
    let mut app = configured(
        "[keys.global]\nhelp = \"f1\"\nnext_mention = [\"x\", \"ctrl-n\"]\ntop = \"g g\"\n",
        false,
    );
    press(&mut app, "?");
    assert!(app.overlay.is_none(), "? is no longer bound");
    press(&mut app, "f1");
    assert!(matches!(app.overlay, Some(Overlay::Help { .. })));
    let buf = render(&mut app, 100, 40);
    let s = screen(&buf);
    // The keys column of the help row with this description.
    let keys = |desc: &str| {
        s.lines()
            .find_map(|l| l.find(desc).map(|i| l.get(..i).unwrap_or_default()))
            .and_then(|before| before.trim_end().rsplit("│  ").next())
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        keys("next mention of the selected entity here"),
        "x, ctrl-n"
    );
    assert_eq!(keys("go to the top"), "g g");
    assert_eq!(keys("show or hide this help"), "f1");
    assert_eq!(keys("go to the bottom"), "G, end");
    // The status hints name the new keys too.
    let status = s.lines().last().unwrap_or_default();
    assert!(status.contains("f1 help"), "{status}");
    assert!(status.contains("x mention"), "{status}");
    // And the keys work: x steps to a mention of the selected entity, g g goes to the top.
    press(&mut app, "esc, tab, tab, down, x");
    assert!(
        app.mention_status()
            .is_some_and(|m| m.starts_with("mention 1/")),
        "{:?}",
        app.mention_status()
    );
    for _ in 0..3 {
        if app.focus != Pane::Reader {
            press(&mut app, "tab");
        }
    }
    assert_eq!(app.focus, Pane::Reader);
    // A short pane, so the article can scroll at all.
    render(&mut app, 100, 8);
    press(&mut app, "G");
    let bottom = app.reading.as_ref().map(|r| r.top);
    assert!(bottom.is_some_and(|t| t > 0), "{bottom:?}");
    press(&mut app, "g");
    assert_eq!(app.reading.as_ref().map(|r| r.top), bottom, "g alone waits");
    press(&mut app, "g");
    assert_eq!(app.reading.as_ref().map(|r| r.top), Some(0));
}

#[test]
fn the_theme_colours_a_highlighted_cell() {
    let toml = "[colors]\nplace = \"#123456\"\nwork = 99\n";
    let mut app = configured(toml, false);
    app.update(crate::app::Action::FocusNext);
    let buf = render(&mut app, 120, 24);
    let (x, y) = find(&app, &buf, "Lisbon.").expect("Lisbon on screen");
    assert_eq!(buf[(x, y)].fg, Color::Rgb(0x12, 0x34, 0x56));
    let (x, y) = find(&app, &buf, "Harbor Lights with").expect("work on screen");
    assert_eq!(buf[(x, y)].fg, Color::Indexed(99));
}

#[test]
fn the_light_theme_repaints_the_status_line() {
    let mut dark = configured("", false);
    let mut light = configured("theme = \"light\"\n", false);
    let (d, l) = (render(&mut dark, 100, 20), render(&mut light, 100, 20));
    let last = |b: &ratatui::buffer::Buffer| b[(0, b.area.height - 1)].bg;
    assert_eq!(last(&d), Color::Indexed(236));
    assert_eq!(last(&l), Color::Indexed(253));
}

#[test]
fn no_color_ignores_the_theme() {
    let mut app = configured("[colors]\nplace = \"#123456\"\nstatus_bg = 17\n", true);
    app.update(crate::app::Action::FocusNext);
    let buf = render(&mut app, 120, 24);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let (x, y) = find(&app, &buf, "Lisbon.").expect("Lisbon on screen");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn a_selection_colour_replaces_reverse_video() {
    let mut app = configured(
        "[colors]\nselection_fg = \"black\"\nselection_bg = \"#ffd700\"\n",
        false,
    );
    let buf = render(&mut app, 120, 24);
    let (x, y) = find_in(&buf, app.viewport.list, "Harbor Lights review").expect("row");
    assert_eq!(buf[(x, y)].bg, Color::Rgb(0xff, 0xd7, 0x00));
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn hidden_kinds_leave_the_sidebar_and_the_text() {
    let mut app = configured("[reader]\nhidden_kinds = [\"place\"]\n", false);
    app.update(crate::app::Action::FocusNext);
    let buf = render(&mut app, 120, 24);
    let side = find_in(&buf, app.viewport.sidebar, "Lisbon");
    assert!(side.is_none(), "{}", screen(&buf));
    assert!(find_in(&buf, app.viewport.sidebar, "Mira Okafor").is_some());
    let (x, y) = find(&app, &buf, "Lisbon.").expect("text still there");
    assert_eq!(buf[(x, y)].fg, Color::Reset);
}

#[test]
fn the_width_cap_wraps_the_text_narrower() {
    let mut app = configured("[reader]\nmax_width = 24\n", false);
    app.update(crate::app::Action::FocusNext);
    let buf = render(&mut app, 160, 24);
    let r = app.viewport.reader;
    assert!(r.width > 40, "the pane itself is wide");
    for y in r.y..r.bottom() {
        let used = (r.x..r.right())
            .filter(|x| buf[(*x, y)].symbol() != " ")
            .map(|x| x - r.x + 1)
            .max()
            .unwrap_or(0);
        assert!(used <= 24, "row {y} uses {used} columns:\n{}", screen(&buf));
    }
}

#[test]
fn dates_sort_order_and_panes_follow_the_reader_settings() {
    let toml = "[reader]\ndate_format = \"%d/%m/%Y\"\nsort = \"date\"\nshow_sidebar = false\n";
    let mut app = configured(toml, false);
    // Newest first: the fixture's third article has the latest date.
    assert_eq!(app.list.visible, [2, 1, 0]);
    let buf = render(&mut app, 120, 24);
    let s = screen(&buf);
    assert!(s.contains("03/03/2024"), "{s}");
    assert!(!s.contains("2024-03-03"), "{s}");
    assert!(!s.contains("Entities ("), "{s}");
    let mut by_title = configured("[reader]\nsort = \"title\"\nshow_list = false\n", false);
    assert_eq!(by_title.list.visible, [2, 0, 1]);
    assert_eq!(by_title.focus, Pane::Reader);
    let s = screen(&render(&mut by_title, 120, 24));
    assert!(!s.contains("Articles ("), "{s}");
}
