//! The list filter on a corpus large enough for its scans to leave the key loop (the size
//! limit is lowered here): the scan goes out as a job, its answer comes back through
//! `on_filter`, stale answers are dropped and remembered prefixes answer at once.

use std::sync::atomic::AtomicBool;

use crate::app::tests::{fixture, viewport};
use crate::app::{Action, App, Effect, FilterDone, FilterJob};
use crate::corpus::ArticleIx;

fn app() -> App {
    let mut app = App::with_corpus(fixture(), false);
    app.update(Action::Resize(viewport(100, 30)));
    app.filter_off_loop_from = 0;
    app
}

fn jobs(fx: Vec<Effect>) -> Vec<FilterJob> {
    fx.into_iter()
        .filter_map(|f| match f {
            Effect::FilterList(j) => Some(j),
            _ => None,
        })
        .collect()
}

/// Types `c` and returns the scan it started, if any.
fn type_char(app: &mut App, c: char) -> Option<FilterJob> {
    jobs(app.update(Action::Input(c))).into_iter().next()
}

fn answer(job: &FilterJob) -> FilterDone {
    job.run(&AtomicBool::new(false)).expect("not cancelled")
}

/// What a small corpus shows for `query`, filtered in the key loop.
fn in_loop(query: &str) -> Vec<ArticleIx> {
    let mut app = App::with_corpus(fixture(), false);
    app.update(Action::FilterArticles);
    for c in query.chars() {
        assert!(
            type_char(&mut app, c).is_none(),
            "a small corpus filters at once"
        );
    }
    app.list.visible.clone()
}

#[test]
fn the_scan_leaves_the_key_loop_and_its_answer_narrows_the_list() {
    let mut app = app();
    app.update(Action::FilterArticles);
    let j = type_char(&mut app, 's').expect("a scan");
    // The key is handled without the scan: the list waits, the prompt shows the letter.
    assert!(app.filtering());
    assert_eq!(app.list.visible, vec![0, 1, 2]);
    assert_eq!(app.prompt.as_ref().map(|p| p.input.as_str()), Some("s"));
    app.on_filter(answer(&j));
    assert!(!app.filtering());
    assert_eq!(app.list.visible, in_loop("s"));
    // A further letter narrows the previous answer, off the loop too.
    let j = type_char(&mut app, 't').expect("a scan");
    app.on_filter(answer(&j));
    assert_eq!(app.list.visible, in_loop("st"));
    assert_ne!(in_loop("st"), vec![0, 1, 2], "the fixture must narrow");
}

#[test]
fn a_superseded_scans_late_answer_is_dropped() {
    let mut app = app();
    app.update(Action::FilterArticles);
    let first = type_char(&mut app, 'f').expect("a scan");
    let second = type_char(&mut app, 'e').expect("a scan");
    app.on_filter(answer(&first));
    assert!(app.filtering(), "still waiting for \"fe\"");
    assert_eq!(app.list.visible, vec![0, 1, 2]);
    app.on_filter(answer(&second));
    assert_eq!(app.list.visible, in_loop("fe"));
}

#[test]
fn backspace_to_a_remembered_prefix_answers_at_once() {
    let mut app = app();
    app.update(Action::FilterArticles);
    let j = type_char(&mut app, 'h').expect("a scan");
    app.on_filter(answer(&j));
    let narrowed = app.list.visible.clone();
    let late = type_char(&mut app, 'q').expect("a scan");
    assert!(jobs(app.update(Action::DeleteChar)).is_empty());
    assert!(!app.filtering());
    assert_eq!(app.list.visible, narrowed);
    app.on_filter(answer(&late));
    assert_eq!(
        app.list.visible, narrowed,
        "the answer for \"hq\" came too late"
    );
}

#[test]
fn enter_before_the_answer_filters_what_was_typed_and_esc_drops_it() {
    let mut app = app();
    app.update(Action::FilterArticles);
    let late = type_char(&mut app, 'n').expect("a scan");
    app.update(Action::Activate);
    assert!(app.prompt.is_none());
    assert_eq!(app.list.visible, in_loop("n"));
    app.on_filter(answer(&late));
    assert_eq!(app.list.visible, in_loop("n"));

    let mut app = self::app();
    app.update(Action::FilterArticles);
    let late = type_char(&mut app, 'z').expect("a scan");
    app.update(Action::Cancel);
    assert!(!app.filtering());
    app.on_filter(answer(&late));
    assert_eq!(app.list.visible, vec![0, 1, 2]);
}
