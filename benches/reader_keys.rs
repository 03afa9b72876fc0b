//! How long one key press takes to handle and draw on the 1,824-article BBC corpus
//! (`../shared/corpora/bbc`): update + draw to a 160x48 TestBackend, per key kind.
//! Entities come from a stand-in (capitalised word runs) until the real extractor is merged.

use std::hint::black_box;
use std::path::Path;

use byline::app::{Action, App};
use byline::corpus::{Corpus, Entity, Index, Kind, LoadOptions, Mention, Overrides};
use byline::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn stand_in_entities(c: &Corpus) -> Vec<Entity> {
    let mut by_name: std::collections::HashMap<String, Vec<Mention>> = Default::default();
    for (ai, a) in c.articles.iter().enumerate() {
        let b = a.text.as_bytes();
        let mut i = 0;
        while i < b.len() {
            if b[i].is_ascii_uppercase() && (i == 0 || b[i - 1] == b' ') {
                let s = i;
                while i < b.len()
                    && (b[i].is_ascii_alphabetic()
                        || (b[i] == b' ' && b.get(i + 1).is_some_and(u8::is_ascii_uppercase)))
                {
                    i += 1;
                }
                if a.text[s..i].contains(' ') {
                    by_name
                        .entry(a.text[s..i].to_owned())
                        .or_default()
                        .push(Mention {
                            article: u32::try_from(ai).unwrap_or(0),
                            start: u32::try_from(s).unwrap_or(0),
                            end: u32::try_from(i).unwrap_or(0),
                        });
                }
            }
            i += 1;
        }
    }
    let mut out: Vec<Entity> = by_name
        .into_iter()
        .filter(|(_, m)| m.len() >= 2)
        .map(|(name, mut mentions)| {
            mentions.sort();
            Entity {
                aliases: vec![name.clone()],
                name,
                kind: Kind::Person,
                mentions,
            }
        })
        .collect();
    out.sort_by_key(|e| std::cmp::Reverse(e.mentions.len()));
    out
}

fn bench(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    if !root.exists() {
        eprintln!("skipping reader_keys: {} is absent", root.display());
        return;
    }
    let mut corpus = Corpus::open(&[root], &LoadOptions::default(), &Overrides::default())
        .expect("the BBC corpus loads");
    corpus.entities = stand_in_entities(&corpus);
    corpus.index = Index::build(&corpus.articles, &corpus.entities);
    eprintln!(
        "{} articles, {} stand-in entities",
        corpus.articles.len(),
        corpus.entities.len()
    );
    let mut app = App::with_corpus(corpus, false);
    let mut term = Terminal::new(TestBackend::new(160, 48)).expect("backend");
    let area = Rect::new(0, 0, 160, 48);
    let mut step = |app: &mut App, a: Action| {
        app.update(a);
        let vp = ui::viewport(area, app);
        if vp != app.viewport {
            app.update(Action::Resize(vp));
        }
        term.draw(|f| ui::draw(f, app)).expect("draw");
    };
    step(&mut app, Action::Down);
    let mut g = c.benchmark_group("key_press_update_and_draw");
    g.bench_function("list j/k (opens and wraps an article)", |b| {
        let mut down = true;
        b.iter(|| {
            step(&mut app, if down { Action::Down } else { Action::Up });
            down = !down;
        });
    });
    step(&mut app, Action::FocusNext);
    g.bench_function("reader page down/up", |b| {
        let mut down = true;
        b.iter(|| {
            step(
                &mut app,
                if down {
                    Action::PageDown
                } else {
                    Action::PageUp
                },
            );
            down = !down;
        });
    });
    step(&mut app, Action::FocusNext);
    step(&mut app, Action::Top);
    g.bench_function("next mention in corpus (])", |b| {
        b.iter(|| step(&mut app, black_box(Action::NextInCorpus)));
    });
    g.bench_function("next mention here (n)", |b| {
        b.iter(|| step(&mut app, black_box(Action::NextMention)));
    });
    g.bench_function("fuzzy filter keystroke over all titles", |b| {
        b.iter(|| {
            step(&mut app, Action::FilterArticles);
            step(&mut app, Action::Input('e'));
            step(&mut app, Action::Cancel);
        });
    });
    g.bench_function("entity mentions view open+close", |b| {
        b.iter(|| {
            step(&mut app, Action::Activate);
            step(&mut app, Action::Cancel);
        });
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
