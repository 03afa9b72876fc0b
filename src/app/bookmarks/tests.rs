//! Bookmark keys to state: `m` with a note, the list's `d`, `u`, `e` and Enter, orphans.

use crate::app::tests::{fixture, viewport};
use crate::app::{Action, App, Effect, LoadEvent, Overlay, Pane, PromptKind};
use crate::corpus::index::sentence_at;
use crate::keymap::Scope;
use crate::persist::{Bookmark, Bookmarks};

fn app() -> App {
    let mut app = App::with_corpus(fixture(), false);
    app.update(Action::Resize(viewport(70, 12)));
    app
}

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| app.update(*a)).collect()
}

fn type_in(app: &mut App, s: &str) {
    for c in s.chars() {
        app.update(Action::Input(c));
    }
}

/// Scrolls the first article two lines and bookmarks it with `note`.
fn bookmark_after_scrolling(app: &mut App, note: &str) -> Vec<Effect> {
    run(app, &[Action::FocusNext, Action::Down, Action::Down]);
    run(app, &[Action::AddBookmark]);
    type_in(app, note);
    run(app, &[Action::Activate])
}

#[test]
fn m_with_a_note_and_enter_bookmarks_the_sentence_at_the_top() {
    let mut app = app();
    run(&mut app, &[Action::FocusNext, Action::Down, Action::Down]);
    let top = app.reading.as_ref().map(|r| r.top).expect("open");
    assert!(top > 0, "scrolled");
    let text = app.open_text().to_owned();
    let want = sentence_at(&text, top);
    run(&mut app, &[Action::AddBookmark]);
    assert_eq!(app.prompt.as_ref().map(|p| p.kind), Some(PromptKind::Note));
    assert!(
        app.marks.doc.list().is_empty(),
        "nothing saved before Enter"
    );
    type_in(&mut app, "night shoot");
    let fx = run(&mut app, &[Action::Activate]);
    assert!(fx.contains(&Effect::SaveBookmarks));
    let list = app.marks.doc.list();
    assert_eq!(list.len(), 1);
    assert_eq!(list[0].note_str(), "night shoot");
    assert_eq!(list[0].quote.exact, text[want.clone()]);
    assert_eq!(list[0].offset, want.start);
    assert_eq!(list[0].article_id, "id0");
    assert!(app.marks.articles.contains(&0), "the article is marked");
    assert!(app.prompt.is_none());
}

#[test]
fn escape_in_the_note_prompt_adds_nothing() {
    let mut app = app();
    run(&mut app, &[Action::AddBookmark]);
    type_in(&mut app, "never mind");
    let fx = run(&mut app, &[Action::Cancel]);
    assert!(!fx.contains(&Effect::SaveBookmarks));
    assert!(app.marks.doc.list().is_empty());
    assert!(app.marks.articles.is_empty());
}

#[test]
fn m_on_a_current_mention_bookmarks_its_sentence() {
    let mut app = app();
    // Step through the mentions on screen to the first "Lisbon" (second sentence of the body).
    for _ in 0..10 {
        app.update(Action::NextOnScreen);
        let m = app.current_mark().expect("current mention").range.clone();
        if &app.open_text()[m] == "Lisbon" {
            break;
        }
    }
    let m = app.current_mark().expect("current mention").range.clone();
    assert_eq!(&app.open_text()[m], "Lisbon");
    run(&mut app, &[Action::AddBookmark, Action::Activate]);
    let b = &app.marks.doc.list()[0];
    assert!(b.quote.exact.contains("ferry captain in Lisbon"), "{b:?}");
    assert_eq!(b.note, None, "an empty note is no note");
}

#[test]
fn the_list_deletes_undoes_and_edits_notes() {
    let mut app = app();
    bookmark_after_scrolling(&mut app, "first");
    run(&mut app, &[Action::Bookmarks]);
    assert!(matches!(app.overlay, Some(Overlay::Bookmarks(_))));
    assert_eq!(app.scopes()[0], Scope::Bookmarks);
    let d = app
        .keymap
        .action_for(&app.scopes(), "d".parse().expect("key"));
    assert_eq!(d, Some(Action::DeleteBookmark));
    let e = app
        .keymap
        .action_for(&app.scopes(), "e".parse().expect("key"));
    assert_eq!(
        e,
        Some(Action::EditNote),
        "e edits here, not next-on-screen"
    );

    let id = app.marks.doc.list()[0].id.clone();
    let fx = run(&mut app, &[Action::DeleteBookmark]);
    assert!(fx.contains(&Effect::SaveBookmarks));
    assert!(app.marks.doc.list().is_empty());
    assert!(app.marks.articles.is_empty(), "marker gone with it");
    let fx = run(&mut app, &[Action::UndoDelete]);
    assert!(fx.contains(&Effect::SaveBookmarks));
    assert_eq!(app.marks.doc.list().len(), 1);
    assert_eq!(
        app.marks.doc.list()[0].id,
        id,
        "the same bookmark comes back"
    );
    assert!(app.marks.articles.contains(&0));

    run(&mut app, &[Action::EditNote]);
    let p = app.prompt.as_ref().expect("note prompt");
    assert_eq!(p.input, "first", "the prompt starts with the old note");
    run(&mut app, &[Action::ClearInput]);
    type_in(&mut app, "second");
    let fx = run(&mut app, &[Action::Activate]);
    assert!(fx.contains(&Effect::SaveBookmarks));
    assert_eq!(app.marks.doc.list()[0].note_str(), "second");
    assert!(
        matches!(app.overlay, Some(Overlay::Bookmarks(_))),
        "the list stays open after editing"
    );
    // Esc while editing leaves the note alone.
    run(
        &mut app,
        &[Action::EditNote, Action::ClearInput, Action::Cancel],
    );
    assert_eq!(app.marks.doc.list()[0].note_str(), "second");
    run(&mut app, &[Action::Bookmarks]);
    assert!(app.overlay.is_none(), "' closes the list again");
}

#[test]
fn enter_in_the_list_jumps_to_the_bookmark_and_ctrl_o_comes_back() {
    let mut app = app();
    bookmark_after_scrolling(&mut app, "here");
    let saved_top = app.reading.as_ref().map(|r| r.top).expect("open");
    let offset = app.marks.doc.list()[0].offset;
    // Elsewhere: the third article.
    app.focus = Pane::List;
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.reading.as_ref().map(|r| r.article), Some(2));
    run(&mut app, &[Action::Bookmarks, Action::Activate]);
    assert!(app.overlay.is_none());
    assert_eq!(app.reading.as_ref().map(|r| r.article), Some(0));
    assert_eq!(app.focus, Pane::Reader);
    let shown = app.visible_bytes();
    assert!(shown.contains(&offset), "{offset} in {shown:?}");
    assert!(
        app.reading
            .as_ref()
            .is_some_and(|r| r.top <= offset && r.top >= saved_top.min(offset)),
        "the bookmarked sentence's line is at the top"
    );
    run(&mut app, &[Action::JumpBack]);
    assert_eq!(app.reading.as_ref().map(|r| r.article), Some(2));
}

#[test]
fn an_orphaned_bookmark_is_kept_and_enter_says_so() {
    let other = crate::app::tests::build(
        &[("Elsewhere", "A sentence nobody will find again.", None)],
        &[],
    );
    let orphan = Bookmark::new(&other.articles[0], 12, Some("lost".into()));
    let mut doc = Bookmarks::default();
    doc.add(orphan);
    let mut app = app();
    app.set_bookmarks(doc);
    assert!(app.marks.locations[0].is_orphaned());
    run(&mut app, &[Action::Bookmarks, Action::Activate]);
    assert!(
        matches!(app.overlay, Some(Overlay::Bookmarks(_))),
        "the list stays open"
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.warning && m.text.contains("orphaned"))
    );
    assert_eq!(app.marks.doc.list().len(), 1, "never dropped");
}

#[test]
fn bookmarks_given_before_loading_are_located_when_the_corpus_arrives() {
    let corpus = fixture();
    let b = Bookmark::new(&corpus.articles[1], 30, None);
    let mut doc = Bookmarks::default();
    doc.add(b);
    let mut app = App::new(false);
    app.set_bookmarks(doc);
    assert!(
        app.marks.locations.is_empty(),
        "not called orphaned while loading"
    );
    app.on_load(LoadEvent::Done(Box::new(corpus)));
    assert_eq!(app.marks.locations[0].target().map(|t| t.0), Some(1));
    assert!(app.marks.articles.contains(&1));
}
