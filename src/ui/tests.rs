//! Rendered-screen tests: snapshots of the layout at several sizes (insta), and cell-style
//! checks for the highlights, which snapshots do not record.

use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier};

use super::*;
use crate::app::tests::fixture;
use crate::app::{Action, App};

pub(crate) fn render(app: &mut App, w: u16, h: u16) -> Buffer {
    let area = Rect::new(0, 0, w, h);
    let vp = viewport(area, app);
    app.update(Action::Resize(vp));
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| draw(f, app)).expect("draw");
    term.backend().buffer().clone()
}

pub(crate) fn screen(buf: &Buffer) -> String {
    let a = buf.area;
    (0..a.height)
        .map(|y| {
            (0..a.width)
                .map(|x| buf[(x, y)].symbol())
                .collect::<String>()
                .trim_end()
                .to_owned()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The cell where `needle` first starts in `a`.
pub(crate) fn find_in(buf: &Buffer, a: Rect, needle: &str) -> Option<(u16, u16)> {
    for y in a.y..a.bottom() {
        let mut joined = String::new();
        let mut col_of_byte = Vec::new();
        for x in a.x..a.right() {
            let sym = buf[(x, y)].symbol();
            for _ in 0..sym.len() {
                col_of_byte.push(x);
            }
            joined.push_str(sym);
        }
        if let Some(byte) = joined.find(needle) {
            return col_of_byte.get(byte).map(|x| (*x, y));
        }
    }
    None
}

/// The cell where `needle` first starts in the article text.
pub(crate) fn find(app: &App, buf: &Buffer, needle: &str) -> Option<(u16, u16)> {
    find_in(buf, app.viewport.reader, needle)
}

fn reader_app() -> App {
    let mut app = App::with_corpus(fixture(), false);
    app.update(Action::FocusNext);
    app
}

#[test]
fn wide_layout_shows_three_panes_and_the_status_line() {
    let mut app = reader_app();
    let buf = render(&mut app, 120, 24);
    insta::assert_snapshot!("wide_120x24", screen(&buf));
}

#[test]
fn medium_layout_drops_the_sidebar_until_it_is_focused() {
    let mut app = reader_app();
    let buf = render(&mut app, 80, 20);
    insta::assert_snapshot!("medium_80x20", screen(&buf));
    app.update(Action::FocusNext);
    let buf = render(&mut app, 80, 20);
    assert!(screen(&buf).contains("Entities (4)"));
    assert!(!screen(&buf).contains("Articles (3)"));
}

#[test]
fn narrow_layout_shows_only_the_focused_pane() {
    let mut app = reader_app();
    let buf = render(&mut app, 40, 16);
    insta::assert_snapshot!("narrow_40x16", screen(&buf));
}

#[test]
fn tiny_terminal_gets_a_notice() {
    let mut app = reader_app();
    let buf = render(&mut app, 20, 4);
    assert!(screen(&buf).contains("too small"), "{}", screen(&buf));
    for (w, h) in [(0, 0), (1, 1), (0, 5), (5, 0)] {
        render(&mut app, w, h);
    }
}

#[test]
fn help_overlay_lists_the_bindings_in_effect() {
    let mut app = reader_app();
    app.update(Action::Help);
    let buf = render(&mut app, 100, 40);
    insta::assert_snapshot!("help_100x40", screen(&buf));
    let s = screen(&buf);
    assert!(s.contains("ctrl-o, backspace, alt-left"));
}

#[test]
fn mentions_view_shows_sentences_grouped_by_article() {
    let mut app = reader_app();
    app.update(Action::FocusNext);
    app.update(Action::Activate);
    let buf = render(&mut app, 100, 24);
    insta::assert_snapshot!("mentions_100x24", screen(&buf));
}

#[test]
fn mentions_are_coloured_by_kind_and_the_current_one_is_strongest() {
    let mut app = reader_app();
    let buf = render(&mut app, 120, 24);
    let theme = Theme::new(false, crate::config::Palette::dark());
    let (x, y) = find(&app, &buf, "Lisbon.").expect("Lisbon on screen");
    assert_eq!(buf[(x, y)].fg, theme.kind_color(crate::corpus::Kind::Place));
    let (x, y) = find(&app, &buf, "Harbor Lights with").expect("work on screen");
    assert_eq!(buf[(x, y)].fg, theme.kind_color(crate::corpus::Kind::Work));
    // Selecting Lisbon and jumping to it: its first mention becomes current, the other selected.
    app.update(Action::FocusNext);
    for _ in 0..2 {
        app.update(Action::Down);
    }
    assert_eq!(app.entity_name(app.entity.expect("selected")), "Lisbon");
    app.update(Action::NextMention);
    let buf = render(&mut app, 120, 24);
    let (x, y) = find(&app, &buf, "Lisbon.").expect("first Lisbon");
    assert_eq!(buf[(x, y)].bg, Color::White);
    assert!(buf[(x, y)].modifier.contains(Modifier::BOLD));
    let (x, y) = find(&app, &buf, "Lisbon never").expect("second Lisbon");
    assert_eq!(buf[(x, y)].bg, theme.kind_color(crate::corpus::Kind::Place));
    // A plain word is not styled.
    let (x, y) = find(&app, &buf, "patience").expect("plain word");
    assert_eq!(buf[(x, y)].bg, Color::Reset);
}

#[test]
fn no_color_uses_only_modifiers() {
    let mut app = App::with_corpus(fixture(), true);
    app.update(Action::FocusNext);
    app.update(Action::NextOnScreen);
    let buf = render(&mut app, 120, 24);
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
    let (x, y) = find(&app, &buf, "Harbor Lights review").expect("current mention");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find(&app, &buf, "Lisbon.").expect("plain mention");
    assert!(buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
}

#[test]
fn search_hits_are_highlighted_with_the_current_hit_strongest() {
    let mut app = reader_app();
    app.update(Action::SearchArticle);
    for c in "quiet".chars() {
        app.update(Action::Input(c));
    }
    let buf = render(&mut app, 120, 24);
    let (x, y) = find(&app, &buf, "quiet,").expect("hit on screen");
    assert_eq!(buf[(x, y)].bg, Color::LightRed);
    assert!(screen(&buf).contains("hit 1 of 1"));
}

#[test]
fn status_line_names_the_mention_position() {
    let mut app = reader_app();
    app.update(Action::FocusNext);
    app.update(Action::NextMention);
    let buf = render(&mut app, 120, 24);
    let last = screen(&buf).lines().last().unwrap_or("").to_owned();
    assert!(last.contains("1/3 "), "{last}");
    assert!(
        last.contains("mention 1/3 of Mira Okafor, 1 of 3 articles"),
        "{last}"
    );
    assert!(last.contains("? help"), "{last}");
}

#[test]
fn wide_characters_line_up_with_their_highlight() {
    let corpus = crate::app::tests::build(
        &[("東京 notes", "東京で会った Ana Lima と話した。", None)],
        &[("Ana Lima", crate::corpus::Kind::Person, &["Ana Lima"])],
    );
    let mut app = App::with_corpus(corpus, false);
    let buf = render(&mut app, 100, 12);
    let theme = Theme::new(false, crate::config::Palette::dark());
    let row = (0..buf.area.height)
        .find(|y| (0..buf.area.width).any(|x| buf[(x, *y)].symbol() == "会"))
        .expect("text row");
    let a = (0..buf.area.width)
        .find(|x| buf[(*x, row)].symbol() == "A")
        .expect("A on the row");
    for dx in 0..8 {
        assert_eq!(
            buf[(a + dx, row)].fg,
            theme.kind_color(crate::corpus::Kind::Person)
        );
    }
    assert_ne!(
        buf[(a + 8, row)].fg,
        theme.kind_color(crate::corpus::Kind::Person)
    );
}

#[test]
fn readme_capture() {
    // The screen shown in the README: an entity selected and its first mention current.
    let mut app = reader_app();
    app.update(Action::FocusNext);
    app.update(Action::NextMention);
    let buf = render(&mut app, 100, 16);
    let s = screen(&buf);
    assert!(s.contains("mention 1/3 of Mira Okafor"));
    insta::assert_snapshot!("readme_100x16", s);
}

#[test]
fn mentions_view_marks_the_selected_row() {
    let mut app = reader_app();
    app.update(Action::FocusNext);
    app.update(Action::Activate);
    app.update(Action::Down);
    let buf = render(&mut app, 100, 24);
    // The second mention of the first article is selected: its row is reversed, the first not.
    let (x, y) = find_in(&buf, app.viewport.overlay, "Okafor shot").expect("second mention row");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find_in(&buf, app.viewport.overlay, "directs").expect("first mention row");
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

/// The fixture with two bookmarks at fixed dates: one on the first article with a note, one
/// whose sentence exists nowhere (orphaned).
fn app_with_bookmarks() -> App {
    let mut app = reader_app();
    let other = crate::app::tests::build(&[("Gone", "Text that was deleted.", None)], &[]);
    let mut kept = crate::persist::Bookmark::new(
        &app.corpus.articles[0],
        app.open_text().find("Okafor shot").expect("sentence"),
        Some("night shoot".into()),
    );
    kept.added = "2024-05-01T09:00:00.000000Z".into();
    let mut lost = crate::persist::Bookmark::new(&other.articles[0], 8, None);
    lost.added = "2024-05-02T09:00:00.000000Z".into();
    let mut doc = crate::persist::Bookmarks::default();
    doc.add(kept);
    doc.add(lost);
    app.set_bookmarks(doc);
    app
}

#[test]
fn bookmark_list_shows_note_title_quote_date_and_orphans() {
    let mut app = app_with_bookmarks();
    app.update(Action::Bookmarks);
    let buf = render(&mut app, 100, 24);
    insta::assert_snapshot!("bookmarks_100x24", screen(&buf));
    let s = screen(&buf);
    assert!(
        s.contains("2024-05-01  night shoot · Harbor Lights review"),
        "{s}"
    );
    assert!(s.contains("“Okafor shot most scenes at night.”"), "{s}");
    assert!(s.contains("[orphaned]"), "{s}");
    let o = app.viewport.overlay;
    // The newest (orphaned) bookmark is selected; the older one is not.
    let (x, y) = find_in(&buf, o, "Gone").expect("orphan row");
    assert!(buf[(x, y)].modifier.contains(Modifier::REVERSED));
    let (x, y) = find_in(&buf, o, "[orphaned]").expect("orphan marker");
    assert_eq!(
        buf[(x, y)].fg,
        Theme::new(false, crate::config::Palette::dark())
            .warning()
            .fg
            .unwrap_or_default()
    );
    let (x, y) = find_in(&buf, o, "night shoot").expect("note");
    assert!(!buf[(x, y)].modifier.contains(Modifier::REVERSED));
}

#[test]
fn bookmarked_articles_are_marked_in_the_list() {
    let mut app = app_with_bookmarks();
    app.update(Action::Down);
    let buf = render(&mut app, 120, 24);
    let list = app.viewport.list;
    let (x, y) = find_in(&buf, list, "Harbor Lights review").expect("first row");
    assert_eq!(buf[(x - 2, y)].symbol(), "*");
    let (x, y) = find_in(&buf, list, "Streaming spring").expect("second row");
    assert_eq!(buf[(x - 2, y)].symbol(), " ", "no bookmark there");
}
