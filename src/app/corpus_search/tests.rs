//! The corpus search through the App: Enter hands out a job, the answer arrives through
//! `on_search`, stale and cancelled answers are dropped. The tests play the runner's part by
//! running each job themselves.

use std::sync::atomic::AtomicBool;

use crate::app::tests::{fixture, viewport};
use crate::app::{Action, App, Effect, LoadEvent, Overlay, PickerKind, SearchDone, SearchJob};
use crate::corpus::ArticleIx;

fn app() -> App {
    let mut app = App::with_corpus(fixture(), false);
    app.update(Action::Resize(viewport(100, 30)));
    app
}

/// `s`, the query, Enter: the effects Enter returned.
fn search(app: &mut App, query: &str) -> Vec<Effect> {
    app.update(Action::SearchCorpus);
    for c in query.chars() {
        app.update(Action::Input(c));
    }
    app.update(Action::Activate)
}

fn job(fx: Vec<Effect>) -> SearchJob {
    let jobs: Vec<SearchJob> = fx
        .into_iter()
        .filter_map(|f| match f {
            Effect::SearchCorpus(j) => Some(j),
            _ => None,
        })
        .collect();
    assert_eq!(jobs.len(), 1, "Enter starts exactly one search");
    jobs.into_iter().next().expect("checked above")
}

fn answer(job: &SearchJob) -> SearchDone {
    job.run(&AtomicBool::new(false)).expect("not cancelled")
}

fn picked(app: &App) -> Option<(String, Vec<ArticleIx>)> {
    match &app.overlay {
        Some(Overlay::Picker(p)) => match &p.kind {
            PickerKind::SearchResults(q) => {
                Some((q.clone(), p.items.iter().map(|(a, _)| *a).collect()))
            }
            PickerKind::Related => None,
        },
        _ => None,
    }
}

#[test]
fn results_arrive_through_on_search_and_open_with_hits() {
    let mut app = app();
    let j = job(search(&mut app, "streaming"));
    // Until the answer arrives the keys work and the status says what is going on.
    assert!(app.overlay.is_none());
    assert!(
        app.searching_status()
            .is_some_and(|s| s.contains("\"streaming\""))
    );
    app.update(Action::Down);
    app.on_search(answer(&j));
    assert!(app.searching_status().is_none());
    assert_eq!(picked(&app), Some(("streaming".to_owned(), vec![1, 2])));
    app.update(Action::Down);
    app.update(Action::Activate);
    assert_eq!(app.reading.as_ref().map(|r| r.article), Some(2));
    assert_eq!(
        app.search_status().as_deref(),
        Some("hit 1 of 1 for \"streaming\"")
    );
}

#[test]
fn articles_with_more_hits_come_first() {
    let mut app = app();
    let done = SearchDone {
        id: 0,
        query: "x".to_owned(),
        found: vec![(0, 1), (1, 5), (2, 1)],
    };
    let j = job(search(&mut app, "x"));
    app.on_search(SearchDone { id: j.id, ..done });
    let Some(Overlay::Picker(p)) = &app.overlay else {
        panic!("picker expected")
    };
    let rows: Vec<(ArticleIx, &str)> = p.items.iter().map(|(a, d)| (*a, d.as_str())).collect();
    assert_eq!(rows, vec![(1, "5 hits"), (0, "1 hit"), (2, "1 hit")]);
}

#[test]
fn a_superseded_querys_late_results_are_dropped() {
    let mut app = app();
    let old = job(search(&mut app, "streaming"));
    let new = job(search(&mut app, "Lisbon"));
    assert_ne!(old.id, new.id);
    // The first search finishes last: its answer must not replace the second's.
    app.on_search(answer(&new));
    let shown = picked(&app);
    app.on_search(answer(&old));
    assert_eq!(picked(&app), shown);
    assert_eq!(shown.map(|(q, _)| q).as_deref(), Some("Lisbon"));
    // And an old answer arriving while the new search still runs is dropped too.
    app.update(Action::Cancel);
    let old = job(search(&mut app, "streaming"));
    let _new = job(search(&mut app, "Netflix"));
    app.on_search(answer(&old));
    assert!(app.overlay.is_none());
    assert!(
        app.searching_status()
            .is_some_and(|s| s.contains("Netflix"))
    );
}

#[test]
fn no_match_and_empty_queries_say_so() {
    let mut app = app();
    let j = job(search(&mut app, "zebra crossing"));
    app.on_search(answer(&j));
    assert!(app.overlay.is_none());
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("no article contains \"zebra crossing\"")
    );
    let fx = search(&mut app, "   ");
    assert!(!fx.iter().any(|f| matches!(f, Effect::SearchCorpus(_))));
    assert_eq!(
        app.message.as_ref().map(|m| m.text.as_str()),
        Some("nothing to search for")
    );
    assert!(app.searching_status().is_none());
}

#[test]
fn escape_cancels_a_running_search_and_its_answer_is_dropped() {
    let mut app = app();
    let j = job(search(&mut app, "streaming"));
    let fx = app.update(Action::Cancel);
    assert!(fx.contains(&Effect::CancelSearch));
    assert!(app.searching_status().is_none());
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("cancelled"))
    );
    app.on_search(answer(&j));
    assert!(app.overlay.is_none());
    // With no search running, Esc goes back to clearing the article search.
    let fx = app.update(Action::Cancel);
    assert!(!fx.contains(&Effect::CancelSearch));
}

#[test]
fn a_new_corpus_drops_the_search_asked_of_the_old_one() {
    let mut app = app();
    let j = job(search(&mut app, "streaming"));
    app.on_load(LoadEvent::Done(Box::new(fixture())));
    app.on_search(answer(&j));
    assert!(app.overlay.is_none());
    assert!(app.searching_status().is_none());
}
