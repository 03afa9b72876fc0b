//! How long the reader takes, with the real extractor, to draw one 200x60 frame with the longest
//! article open and to handle each navigation key from key event to drawn frame (keymap lookup,
//! update, layout settle, draw to a TestBackend). Runs on the BBC corpus
//! (`../shared/corpora/bbc`) and, when `BYLINE_BENCH_CORPUS=DIR` is set, on that corpus too
//! (the 100,000-article one). Corpora load through the index cache, as the reader does.
//!
//! Besides criterion's means, each key prints its wall-clock median and p99 over every timed
//! press: on a shared, loaded machine the median is the figure to quote; the mean and p99 carry
//! the time the process spent waiting for a core.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::{Duration, Instant};

use byline::app::{Action, App, Pane};
use byline::corpus::cache::{self, CacheOptions};
use byline::corpus::{LoadOptions, Overrides};
use byline::keymap::Key;
use byline::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The reader under test and its terminal.
struct Rig {
    app: App,
    term: Terminal<TestBackend>,
}

impl Rig {
    /// One key press the way the runner handles it: keymap, update, layout settle, draw.
    fn press(&mut self, key: Key) {
        if let Some(a) = self.app.keymap.action_for(&self.app.scopes(), key) {
            self.app.update(a);
        }
        self.draw();
    }

    fn draw(&mut self) {
        let area = Rect::new(0, 0, WIDTH, HEIGHT);
        for _ in 0..2 {
            let vp = ui::viewport(area, &self.app);
            if vp == self.app.viewport {
                break;
            }
            self.app.update(Action::Resize(vp));
        }
        if let Err(e) = self.term.draw(|f| ui::draw(f, &self.app)) {
            eprintln!("draw failed: {e}");
        }
    }

    fn keys(&mut self, notation: &[&str]) {
        for k in notation {
            self.press(key(k));
        }
    }
}

fn key(notation: &str) -> Key {
    Key::from_str(notation).unwrap_or_else(|e| panic!("bad key {notation:?}: {e}"))
}

/// Per-press samples of one key, kept across criterion's calls for the percentile report.
#[derive(Default)]
struct Samples {
    wall: Vec<Duration>,
}

impl Samples {
    fn report(&mut self, corpus: &str, name: &str) {
        fn pct(v: &mut [Duration], p: usize) -> f64 {
            v.sort_unstable();
            let i = (v.len().saturating_sub(1) * p) / 100;
            v.get(i).map_or(f64::NAN, |d| d.as_secs_f64() * 1e3)
        }
        let n = self.wall.len();
        let (w50, w99) = (pct(&mut self.wall, 50), pct(&mut self.wall, 99));
        eprintln!("[{corpus}] {name}: {n} presses; wall p50 {w50:.3} ms p99 {w99:.3} ms");
    }
}

/// A navigation key to time: `setup` runs untimed before each press round, then each key of
/// `cycle` is pressed and timed in turn, then `teardown` runs untimed.
struct Case {
    name: &'static str,
    setup: &'static [&'static str],
    cycle: &'static [&'static str],
    teardown: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        name: "list j/k (opens and wraps the next article)",
        setup: &[],
        cycle: &["j", "k"],
        teardown: &[],
    },
    Case {
        name: "reader j/k (one line)",
        setup: &[],
        cycle: &["j", "k"],
        teardown: &[],
    },
    Case {
        name: "reader page down/up",
        setup: &[],
        cycle: &["pgdn", "pgup"],
        teardown: &[],
    },
    Case {
        name: "next mention here (n)",
        setup: &[],
        cycle: &["n"],
        teardown: &[],
    },
    Case {
        name: "next mention across articles (])",
        setup: &[],
        cycle: &["]"],
        teardown: &[],
    },
    Case {
        name: "mentions view (enter on an entity, esc)",
        setup: &[],
        cycle: &["enter", "esc"],
        teardown: &[],
    },
    Case {
        name: "search in article, per typed key (/ then t, backspace)",
        setup: &["/"],
        cycle: &["t", "backspace"],
        teardown: &["esc"],
    },
    Case {
        name: "filter titles, per typed key (f then e, backspace)",
        setup: &["f"],
        cycle: &["e", "backspace"],
        teardown: &["esc"],
    },
    Case {
        name: "corpus search (s, 'minister', enter)",
        setup: &["s", "m", "i", "n", "i", "s", "t", "e", "r"],
        cycle: &["enter"],
        teardown: &["esc", "esc"],
    },
];

/// Puts the rig where a case starts: the longest article open, the focus on the pane the case
/// drives and, for entity keys, the article's first entity selected.
fn position(rig: &mut Rig, longest: u32, case: &Case) {
    rig.app.prompt = None;
    rig.app.overlay = None;
    rig.app.open_article(longest);
    let focus = match case.cycle.first().copied() {
        Some("j") if case.name.starts_with("list") => Pane::List,
        Some("j" | "pgdn") => Pane::Reader,
        _ => Pane::Entities,
    };
    rig.app.focus = focus;
    rig.draw();
    if focus == Pane::Entities {
        rig.keys(&["g"]);
        if rig.app.entity.is_none() {
            eprintln!("warning: no entity selected for {:?}", case.name);
        }
    }
}

fn time_case(c: &mut Criterion, rig: &mut Rig, label: &str, longest: u32, case: &Case) {
    position(rig, longest, case);
    let cycle: Vec<Key> = case.cycle.iter().map(|k| key(k)).collect();
    let mut samples = Samples::default();
    c.bench_function(&format!("{label}/key/{}", case.name), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            let mut done = 0u64;
            while done < iters {
                rig.keys(case.setup);
                for &k in &cycle {
                    if done >= iters {
                        break;
                    }
                    let t0 = Instant::now();
                    rig.press(k);
                    let wall = t0.elapsed();
                    samples.wall.push(wall);
                    total += wall;
                    done += 1;
                }
                rig.keys(case.teardown);
            }
            total
        });
    });
    samples.report(label, case.name);
}

fn bench_corpus(c: &mut Criterion, label: &str, root: PathBuf) {
    let t0 = Instant::now();
    let loaded = cache::load_or_build(
        &[root],
        &LoadOptions::default(),
        &Overrides::default(),
        &CacheOptions::from_env(),
        &|_| {},
    );
    let corpus = match loaded {
        Ok((corpus, _)) => corpus,
        Err(e) => {
            eprintln!("skipping {label}: {e}");
            return;
        }
    };
    let longest = corpus
        .articles
        .iter()
        .enumerate()
        .max_by_key(|(_, a)| a.text.len())
        .and_then(|(i, _)| u32::try_from(i).ok())
        .unwrap_or(0);
    eprintln!(
        "[{label}] {} articles, {} entities, opened in {:.2} s; longest article {} bytes",
        corpus.articles.len(),
        corpus.entities.len(),
        t0.elapsed().as_secs_f64(),
        corpus
            .articles
            .get(longest as usize)
            .map_or(0, |a| a.text.len())
    );
    let mut rig = Rig {
        app: App::with_corpus(corpus, false),
        term: Terminal::new(TestBackend::new(WIDTH, HEIGHT)).expect("a test backend"),
    };
    rig.app.open_article(longest);
    rig.app.focus = Pane::Reader;
    rig.draw();
    let mut frames = Samples::default();
    c.bench_function(&format!("{label}/frame 200x60, longest article"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let t0 = Instant::now();
                rig.draw();
                let wall = t0.elapsed();
                frames.wall.push(wall);
                total += wall;
            }
            total
        });
    });
    frames.report(label, "frame 200x60, longest article");
    for case in CASES {
        time_case(c, &mut rig, label, longest, case);
    }
}

fn bench(c: &mut Criterion) {
    let bbc = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    if bbc.exists() {
        bench_corpus(c, "bbc", bbc);
    } else {
        eprintln!("skipping the BBC corpus: {} is absent", bbc.display());
    }
    match std::env::var_os("BYLINE_BENCH_CORPUS") {
        Some(dir) => bench_corpus(c, "large", PathBuf::from(dir)),
        None => eprintln!("BYLINE_BENCH_CORPUS is not set: no large-corpus run"),
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default()
        .sample_size(20)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
