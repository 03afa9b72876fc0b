//! Articles first, entities later: the reader shows a large corpus while its entities are still
//! being found, and keeps the user's place when they arrive.

use std::sync::Arc;

use super::tests::{fixture, fixture_repeated, viewport};
use super::*;
use crate::persist::Reading as SavedReading;

/// The corpus a loader hands over before extraction: the same articles, no entities.
fn articles_only(full: &Corpus) -> Corpus {
    Corpus {
        articles: Arc::clone(&full.articles),
        warnings: full.warnings.clone(),
        ..Corpus::default()
    }
}

fn loading() -> App {
    let mut app = App::new(false);
    app.update(Action::Resize(viewport(70, 12)));
    app
}

fn open(app: &App) -> Option<ArticleIx> {
    app.reading.as_ref().map(|r| r.article)
}

#[test]
fn a_large_corpus_is_listed_while_extraction_holds_the_worker_pool() {
    // Enough articles that a parallel sort would hand its work to rayon's pool, which the
    // extraction that follows the articles keeps busy.
    let many = fixture_repeated(20_000);
    let listed = crate::test_support::with_global_pool_busy(|| {
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut app = loading();
            app.on_load(LoadEvent::Articles(Box::new(articles_only(&many))));
            let _ = tx.send(app.list.visible.len());
        });
        rx.recv_timeout(std::time::Duration::from_secs(10))
    });
    assert_eq!(
        listed.expect("the list waited for the busy worker pool"),
        20_000
    );
}

#[test]
fn articles_are_readable_before_their_entities_and_stay_put_when_they_come() {
    let full = fixture();
    let mut app = loading();
    app.on_load(LoadEvent::Articles(Box::new(articles_only(&full))));
    assert_eq!(app.load, LoadState::Ready);
    assert_eq!(app.extraction, Extraction::Running(None));
    assert_eq!(open(&app), Some(0), "the first article opens at once");
    // The user reads on meanwhile: the second article, scrolled down a line.
    app.update(Action::Down);
    assert_eq!(open(&app), Some(1));
    app.update(Action::FocusNext);
    app.update(Action::Down);
    let top = app.reading.as_ref().map_or(0, |r| r.top);
    assert!(top > 0, "scrolled");
    let p = Progress::Extracting { done: 3, total: 9 };
    app.on_load(LoadEvent::Progress(p));
    assert_eq!(app.extraction, Extraction::Running(Some(p)));
    assert_eq!(
        app.load,
        LoadState::Ready,
        "progress does not hide the articles"
    );
    app.update(Action::NextOnScreen);
    assert_eq!(app.entity, None, "no entities yet");

    app.on_load(LoadEvent::Done(Box::new(full)));
    assert_eq!(app.extraction, Extraction::Done);
    assert_eq!(open(&app), Some(1), "still on the article the user chose");
    assert_eq!(
        app.reading.as_ref().map(|r| r.top),
        Some(top),
        "and at the same line"
    );
    assert!(!app.corpus.entities.is_empty());
    app.update(Action::NextOnScreen);
    assert!(
        app.entity.is_some(),
        "mentions are highlighted and reachable now"
    );
}

#[test]
fn a_corpus_that_is_not_the_one_shown_replaces_it() {
    let mut app = loading();
    app.on_load(LoadEvent::Articles(Box::new(articles_only(&fixture()))));
    app.update(Action::Down);
    assert_eq!(open(&app), Some(1));
    // Not the same articles (a different load): installed afresh, first article open.
    app.on_load(LoadEvent::Done(Box::new(fixture())));
    assert_eq!(app.extraction, Extraction::Done);
    assert_eq!(open(&app), Some(0));
    assert!(!app.corpus.entities.is_empty());
}

#[test]
fn a_failed_extraction_leaves_the_articles_readable() {
    let mut app = loading();
    app.on_load(LoadEvent::Articles(Box::new(articles_only(&fixture()))));
    app.on_load(LoadEvent::Failed("the loader crashed: boom".to_owned()));
    assert_eq!(app.load, LoadState::Ready);
    assert_eq!(app.extraction, Extraction::Done);
    assert_eq!(open(&app), Some(0));
    let m = app
        .message
        .as_ref()
        .map(|m| m.text.clone())
        .unwrap_or_default();
    assert!(m.contains("could not find entities"), "{m}");
}

#[test]
fn a_saved_entity_is_selected_once_entities_arrive() {
    let full = fixture();
    let mut app = loading();
    app.on_load(LoadEvent::Articles(Box::new(articles_only(&full))));
    let saved = SavedReading {
        selected_entity: Some("Lisbon".to_owned()),
        ..SavedReading::default()
    };
    app.restore_reading(&saved);
    assert_eq!(app.entity, None);
    app.on_load(LoadEvent::Done(Box::new(full)));
    let name = app.entity.map(|e| app.entity_name(e).to_owned());
    assert_eq!(name.as_deref(), Some("Lisbon"));
}
