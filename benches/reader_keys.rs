//! How long the reader takes, with the real extractor, to draw one 200x60 frame with the longest
//! article open and to handle each navigation key from key event to drawn frame (keymap lookup,
//! update, layout settle, draw to a TestBackend). Runs on the BBC corpus
//! (`../shared/corpora/bbc`) and, when `BYLINE_BENCH_CORPUS=DIR` is set, on that corpus too
//! (the 100,000-article one). Corpora load through the index cache, as the reader does.
//! The corpus search is timed twice: the Enter key alone (the scan runs on the runner's worker
//! thread) and Enter to results drawn (the scan run here, on all cores).
//!
//! Besides criterion's means, each key prints its wall-clock median and p99 over every timed
//! press: on a shared, loaded machine the median is the figure to quote; the mean and p99 carry
//! the time the process spent waiting for a core.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use byline::app::{Action, App, Effect, FilterJob, Pane, SearchJob};
use byline::corpus::cache::{self, CacheOptions};
use byline::corpus::{LoadOptions, Overrides};
use byline::keymap::Key;
use byline::ui;
use criterion::{Criterion, criterion_group, criterion_main};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

#[global_allocator]
static ALLOCATOR: byline::Allocator = byline::Allocator {};

const WIDTH: u16 = 200;
const HEIGHT: u16 = 60;

/// The reader under test and its terminal.
struct Rig {
    app: App,
    term: Terminal<TestBackend>,
    jobs: (Option<SearchJob>, Option<FilterJob>),
}

impl Rig {
    /// One key press the way the runner handles it: keymap, update, layout settle, draw.
    /// A scan it starts (corpus search, list filter) is kept in `jobs`, as the runner would
    /// hand it to its worker; the newest of each kind supersedes the older.
    fn press(&mut self, key: Key) {
        if let Some(a) = self.app.keymap.action_for(&self.app.scopes(), key) {
            for fx in self.app.update(a) {
                match fx {
                    Effect::SearchCorpus(job) => self.jobs.0 = Some(job),
                    Effect::FilterList(job) => self.jobs.1 = Some(job),
                    _ => {}
                }
            }
        }
        self.draw();
    }

    /// What the runner's worker and loop do for started scans: run, hand back, draw.
    fn finish_jobs(&mut self) {
        let go = AtomicBool::new(false);
        let (search, filter) = (self.jobs.0.take(), self.jobs.1.take());
        if let Some(done) = search.and_then(|j| j.run(&go)) {
            self.app.on_search(done);
            self.draw();
        }
        if let Some(done) = filter.and_then(|j| j.run(&go)) {
            self.app.on_filter(done);
            self.draw();
        }
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

/// Which entity a case starts with selected.
#[derive(Clone, Copy)]
enum Pick {
    /// None in particular (the case does not use one).
    Nothing,
    /// The first row of the longest article's sidebar.
    FirstHere,
    /// The entity with the most mentions in the corpus: the worst case for `]`, the mentions
    /// view and `F`.
    Biggest,
}

/// A key to time: the rig starts with the longest article open, `focus` focused and `pick`
/// selected; `setup` runs untimed before each press round, then each key of `cycle` is pressed
/// and timed in turn, then `teardown` runs untimed. With `finish_jobs`, a press that starts a
/// scan (corpus search, or the filter on a large corpus) also waits for its answer (run on this
/// thread, as the runner's worker would) and draws it: key to results, not the key alone.
struct Case {
    name: &'static str,
    focus: Pane,
    pick: Pick,
    setup: &'static [&'static str],
    cycle: &'static [&'static str],
    teardown: &'static [&'static str],
    finish_jobs: bool,
}

const fn case(
    name: &'static str,
    focus: Pane,
    pick: Pick,
    setup: &'static [&'static str],
    cycle: &'static [&'static str],
    teardown: &'static [&'static str],
) -> Case {
    Case {
        name,
        focus,
        pick,
        setup,
        cycle,
        teardown,
        finish_jobs: false,
    }
}

const MINISTER: &[&str] = &["s", "m", "i", "n", "i", "s", "t", "e", "r"];
/// The filter cases' first letters: a letter typed again after backspace is answered from
/// memory, so they alternate.
const FIRST_LETTERS: &[&str] = &["e", "backspace", "a", "backspace"];
/// The filter cases' words: "min", erased, then "ton", erased.
const TYPE_A_WORD: &[&str] = &[
    "m",
    "i",
    "n",
    "backspace",
    "backspace",
    "backspace",
    "t",
    "o",
    "n",
    "backspace",
    "backspace",
    "backspace",
];

const CASES: &[Case] = &[
    case(
        "list j/k (opens and wraps the next article)",
        Pane::List,
        Pick::Nothing,
        &[],
        &["j", "k"],
        &[],
    ),
    case(
        "list page down/up",
        Pane::List,
        Pick::Nothing,
        &[],
        &["pgdn", "pgup"],
        &[],
    ),
    case(
        "reader j/k (one line)",
        Pane::Reader,
        Pick::Nothing,
        &[],
        &["j", "k"],
        &[],
    ),
    case(
        "reader page down/up",
        Pane::Reader,
        Pick::Nothing,
        &[],
        &["pgdn", "pgup"],
        &[],
    ),
    case(
        "next mention here (n)",
        Pane::Entities,
        Pick::FirstHere,
        &[],
        &["n"],
        &[],
    ),
    case(
        "next mention across articles (])",
        Pane::Entities,
        Pick::FirstHere,
        &[],
        &["]"],
        &[],
    ),
    case(
        "next mention across articles (]), most mentioned entity",
        Pane::Reader,
        Pick::Biggest,
        &[],
        &["]"],
        &[],
    ),
    case(
        "mentions view (enter on an entity, esc)",
        Pane::Entities,
        Pick::FirstHere,
        &[],
        &["enter", "esc"],
        &[],
    ),
    case(
        "mentions view, most mentioned entity (enter, esc)",
        Pane::Entities,
        Pick::Biggest,
        &[],
        &["enter", "esc"],
        &[],
    ),
    case(
        "articles mentioning the entity (F, esc)",
        Pane::Reader,
        Pick::FirstHere,
        &[],
        &["F", "esc"],
        &[],
    ),
    case(
        "articles mentioning the most mentioned entity (F, esc)",
        Pane::Reader,
        Pick::Biggest,
        &[],
        &["F", "esc"],
        &[],
    ),
    case(
        "related articles (r, esc)",
        Pane::Reader,
        Pick::Nothing,
        &[],
        &["r", "esc"],
        &[],
    ),
    case(
        "search in article, per typed key (/ then t, backspace)",
        Pane::Reader,
        Pick::Nothing,
        &["/"],
        &["t", "backspace"],
        &["esc"],
    ),
    // The filter remembers the answers for the prefixes of what is typed, so a letter typed
    // again after backspace is a lookup. Alternating first letters keeps every first letter a
    // full scan of the titles, the case that matters.
    case(
        "filter titles, first letter (f then e, backspace, a, backspace)",
        Pane::List,
        Pick::Nothing,
        &["f"],
        FIRST_LETTERS,
        &["esc"],
    ),
    case(
        "filter titles, typing a word (f then 'min', 3 backspaces, 'ton', 3 backspaces)",
        Pane::List,
        Pick::Nothing,
        &["f"],
        TYPE_A_WORD,
        &["esc"],
    ),
    Case {
        finish_jobs: true,
        ..case(
            "filter titles, first letter, key to list drawn (f then e, backspace, a, backspace)",
            Pane::List,
            Pick::Nothing,
            &["f"],
            FIRST_LETTERS,
            &["esc"],
        )
    },
    Case {
        finish_jobs: true,
        ..case(
            "filter titles, typing a word, key to list drawn (f 'min', 3 backspaces, 'ton', 3)",
            Pane::List,
            Pick::Nothing,
            &["f"],
            TYPE_A_WORD,
            &["esc"],
        )
    },
    case(
        "filter titles, Esc clears a filter (f e, esc)",
        Pane::List,
        Pick::Nothing,
        &["f", "e"],
        &["esc"],
        &[],
    ),
    case(
        "corpus search key (s 'minister', enter)",
        Pane::Reader,
        Pick::Nothing,
        MINISTER,
        &["enter"],
        &["esc", "esc"],
    ),
    Case {
        finish_jobs: true,
        ..case(
            "corpus search, enter to results drawn (s 'minister')",
            Pane::Reader,
            Pick::Nothing,
            MINISTER,
            &["enter"],
            &["esc", "esc"],
        )
    },
];

/// Puts the rig where a case starts.
fn position(rig: &mut Rig, longest: u32, case: &Case) {
    rig.app.prompt = None;
    rig.app.overlay = None;
    rig.jobs = (None, None);
    rig.app.update(Action::Cancel);
    rig.app.open_article(longest);
    rig.app.focus = case.focus;
    rig.draw();
    match case.pick {
        Pick::Nothing => {}
        Pick::FirstHere => {
            let first = rig.app.article_entities().first().map(|(e, _)| *e);
            rig.app.entity = first;
        }
        Pick::Biggest => {
            let biggest = rig
                .app
                .corpus
                .entities
                .iter()
                .enumerate()
                .max_by_key(|(_, e)| e.mentions.len())
                .and_then(|(i, _)| u32::try_from(i).ok());
            rig.app.entity = biggest;
        }
    }
    if !matches!(case.pick, Pick::Nothing) && rig.app.entity.is_none() {
        eprintln!("warning: no entity selected for {:?}", case.name);
    }
    rig.draw();
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
                    if case.finish_jobs {
                        rig.finish_jobs();
                    }
                    let wall = t0.elapsed();
                    samples.wall.push(wall);
                    total += wall;
                    done += 1;
                }
                rig.keys(case.teardown);
                rig.jobs = (None, None);
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
        jobs: (None, None),
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
