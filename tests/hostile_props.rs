//! No panic at any terminal size, 0x0 included, with every overlay and prompt open and while
//! the size jumps around: each opener (help, searches, filters, related, the mentions view) is
//! reached through the App's own actions, then the terminal is resized through sizes from 0x0
//! to 300x100, drawing to a `TestBackend` after every step.

use std::sync::atomic::AtomicBool;

use byline::app::{Action, App, Effect, Pane};
use byline::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

use crate::reader_props::corpus;

/// Ways to get an overlay or prompt open, as action sequences from a fresh reader.
fn openers() -> Vec<Vec<Action>> {
    use Action::{
        Activate, FilterArticles, FilterByEntity, FocusNext, Help, Input, Related, SearchArticle,
        SearchCorpus,
    };
    vec![
        vec![Help],
        vec![Activate, SearchArticle, Input('e'), Input('日')],
        vec![SearchCorpus, Input('S'), Input('a')],
        vec![SearchCorpus, Input('a'), Activate],
        vec![FilterArticles, Input('d'), Input('o')],
        vec![Activate, Related],
        // The sidebar's first entity, then its mentions view.
        vec![Activate, FocusNext, Action::Down, Activate],
        vec![Activate, FocusNext, Action::Down, FilterByEntity],
        vec![Help, SearchCorpus, Input('x')],
    ]
}

fn docs() -> Vec<String> {
    vec![
        "Alpha Beta met Gamma Delta.\n\nAlpha Beta left; Gamma Delta stayed. 日本語 text."
            .repeat(6),
        "Second Story\n\nAlpha Beta again, with a very long unbroken word: ".to_owned()
            + &"x".repeat(400),
        "Third\n\n\u{1F600}\u{200d}\u{1F600} wide e\u{301} and Sam Sample.".to_owned(),
    ]
}

/// Applies `size`, lets the App lay itself out, and draws.
fn step(
    app: &mut App,
    term: &mut Terminal<TestBackend>,
    (w, h): (u16, u16),
) -> Result<(), TestCaseError> {
    term.backend_mut().resize(w, h);
    app.update(Action::Resize(ui::viewport(Rect::new(0, 0, w, h), app)));
    term.draw(|f| ui::draw(f, app))
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    Ok(())
}

fn opened(open: &[Action]) -> App {
    let mut app = App::with_corpus(corpus(&docs()), false);
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("terminal");
    let _ = step(&mut app, &mut term, (100, 30));
    for a in open {
        // Searches and large filters run off the key loop: answer them as the runner would.
        for fx in app.update(*a) {
            let no = AtomicBool::new(false);
            match fx {
                Effect::SearchCorpus(job) => {
                    if let Some(done) = job.run(&no) {
                        app.on_search(done);
                    }
                }
                Effect::FilterList(job) => {
                    if let Some(done) = job.run(&no) {
                        app.on_filter(done);
                    }
                }
                _ => {}
            }
        }
    }
    app
}

#[test]
fn every_opener_opens_something() {
    // Guards the property below: it is only worth as much as the overlays it really opens.
    for open in openers() {
        let app = opened(&open);
        let something =
            app.overlay.is_some() || app.prompt.is_some() || app.focus == Pane::Entities;
        assert!(something, "{open:?} opened nothing");
    }
    let with_overlay = openers()
        .iter()
        .filter(|o| opened(o).overlay.is_some())
        .count();
    assert!(
        with_overlay >= 4,
        "only {with_overlay} openers show an overlay"
    );
}

#[test]
fn every_small_size_with_each_overlay_open() {
    for open in openers() {
        let mut app = opened(&open);
        let mut term = Terminal::new(TestBackend::new(1, 1)).expect("terminal");
        for w in 0..=12 {
            for h in 0..=8 {
                step(&mut app, &mut term, (w, h)).expect("draw");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn resizing_rapidly_with_an_overlay_or_prompt_open_never_panics(
        which in 0usize..9,
        sizes in prop::collection::vec((0u16..=300, 0u16..=100), 1..30),
        keys in prop::collection::vec(0usize..6, 0..10),
    ) {
        let open = &openers()[which % openers().len()];
        let mut app = opened(open);
        let mut term = Terminal::new(TestBackend::new(1, 1)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        step(&mut app, &mut term, (0, 0))?;
        for (i, size) in sizes.iter().enumerate() {
            step(&mut app, &mut term, *size)?;
            // Keys between resizes move inside the overlay or edit the prompt.
            if let Some(k) = keys.get(i) {
                let a = [Action::Down, Action::PageDown, Action::Bottom, Action::Input('z'),
                         Action::DeleteChar, Action::Up][*k];
                app.update(a);
            }
        }
        step(&mut app, &mut term, (300, 100))?;
        step(&mut app, &mut term, (0, 0))?;
    }
}
