//! Benchmarks of the corpus engine: load + clean + extract + index throughput on the BBC corpus
//! with one worker thread and with all, reopening through the index cache, and the index build
//! alone, and the tokenizer alone. Reads corpora from `../shared` or `BYLINE_BENCH_CORPUS`;
//! skips, saying so, what is absent.
//!
//! `cargo bench --bench pipeline` (about two minutes on two cores).

use std::path::{Path, PathBuf};
use std::time::Duration;

use byline::corpus::cache::{self, CacheOptions};
use byline::corpus::extract::tokens::tokenize_into;
use byline::corpus::{Corpus, LoadOptions, Overrides};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

#[global_allocator]
static ALLOCATOR: byline::Allocator = byline::Allocator {};

/// The BBC corpus from the shared data, if present.
fn bbc() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: {} is absent", p.display());
        None
    }
}

/// A large generated corpus (see `examples/gen-corpus.rs`), if `BYLINE_BENCH_CORPUS` names one.
fn large() -> Option<PathBuf> {
    let p = std::env::var_os("BYLINE_BENCH_CORPUS").map(PathBuf::from);
    match p {
        Some(p) if p.is_dir() => Some(p),
        _ => {
            eprintln!(
                "skipping the large corpus: set BYLINE_BENCH_CORPUS to a folder made with \
                 `cargo run --release --example gen-corpus -- --from ../shared/corpora/bbc \
                 --copies 55 --out DIR`"
            );
            None
        }
    }
}

/// Bytes of every file under `dir`: the input size for MB/s.
fn bytes_under(dir: &Path) -> u64 {
    let mut total = 0;
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(e.path()),
                Ok(_) => total += e.metadata().map_or(0, |m| m.len()),
                Err(_) => {}
            }
        }
    }
    total
}

fn open(paths: &[PathBuf]) -> Corpus {
    Corpus::open(paths, &LoadOptions::default(), &Overrides::default()).expect("corpus opens")
}

fn pipeline(c: &mut Criterion) {
    let Some(dir) = bbc() else { return };
    let paths = vec![dir.clone()];
    let mut g = c.benchmark_group("pipeline_bbc");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15))
        .throughput(Throughput::Bytes(bytes_under(&dir)));
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    for threads in [1, cores] {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("thread pool");
        g.bench_function(format!("load_extract_index_threads_{threads}"), |b| {
            b.iter(|| pool.install(|| open(&paths)));
        });
    }
    g.finish();
}

fn reopen(c: &mut Criterion) {
    let mut g = c.benchmark_group("cached_reopen");
    g.sample_size(10)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(15));
    for (name, dir) in [("bbc", bbc()), ("large", large())] {
        let Some(dir) = dir else { continue };
        let paths = vec![dir];
        let tmp = tempfile::tempdir().expect("temp dir");
        let cache = CacheOptions::in_dir(tmp.path());
        let run = || {
            cache::load_or_build(
                &paths,
                &LoadOptions::default(),
                &Overrides::default(),
                &cache,
                &|_| {},
            )
            .expect("corpus opens")
        };
        // Build and write the cache once; let the files' times settle so every stamp can
        // be trusted, as it is for a folder that was not edited in the last seconds.
        run();
        std::thread::sleep(cache::stamp::RACY_WINDOW);
        let (_, report) = run();
        assert!(report.extraction_reused && report.parsed == 0, "{report:?}");
        g.bench_function(name, |b| b.iter(run));
    }
    g.finish();
}

/// `Index::build` alone, on the BBC corpus's articles and entities: the step a cached reopen
/// still pays in full.
fn index(c: &mut Criterion) {
    let Some(dir) = bbc() else { return };
    let corpus = open(&[dir]);
    let mut g = c.benchmark_group("index_build_bbc");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5));
    g.bench_function("build", |b| {
        b.iter(|| byline::corpus::Index::build(&corpus.articles, &corpus.entities));
    });
    g.finish();
}

/// The tokenizer alone, one thread, over every BBC article: extraction runs it twice over the
/// whole corpus (evidence, then candidates), so its bytes per second bound both passes.
fn tokenize(c: &mut Criterion) {
    let Some(dir) = bbc() else { return };
    let corpus = open(&[dir]);
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let mut g = c.benchmark_group("tokenize_bbc");
    g.sample_size(20)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(5))
        .throughput(Throughput::Bytes(bytes as u64));
    let mut buf = Vec::new();
    g.bench_function("one_thread", |b| {
        b.iter(|| {
            let mut tokens = 0;
            for a in corpus.articles.iter() {
                tokenize_into(&a.text, a.lead, &mut buf);
                tokens += buf.len();
            }
            tokens
        });
    });
    g.finish();
}

criterion_group!(benches, pipeline, reopen, index, tokenize);
criterion_main!(benches);
