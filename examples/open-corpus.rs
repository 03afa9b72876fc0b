//! Opens a corpus once, the way the reader does, and prints how long each part took and what the
//! index cache did. For measuring under `/usr/bin/time -v` (peak memory) and by hand.
//!
//! `cargo run --release --example open-corpus -- DIR [--no-cache] [--cache-dir DIR] [--threads N]`

use std::path::PathBuf;
use std::time::Instant;

use byline::corpus::cache::{self, CacheOptions};
use byline::corpus::{LoadOptions, Overrides, Progress};
use clap::Parser;

#[global_allocator]
static ALLOCATOR: byline::Allocator = byline::Allocator {};

#[derive(Parser)]
struct Args {
    /// Files or folders to open.
    paths: Vec<PathBuf>,
    /// Parse and extract everything; read and write no cache.
    #[arg(long)]
    no_cache: bool,
    /// Cache folder (default: BYLINE_CACHE_DIR or the platform cache directory).
    #[arg(long)]
    cache_dir: Option<PathBuf>,
    /// Worker threads (default: all cores).
    #[arg(long)]
    threads: Option<usize>,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build_global()?;
    }
    let cache = if args.no_cache {
        CacheOptions::disabled()
    } else if let Some(d) = &args.cache_dir {
        CacheOptions::in_dir(d)
    } else {
        CacheOptions::from_env()
    };
    let start = Instant::now();
    let indexing = std::sync::Mutex::new(None);
    // When each third of extraction's steps was first reported done: its three passes
    // (evidence, candidates, mentions) each count one step per article.
    let passes = std::sync::Mutex::new([None; 3]);
    let progress = |p: Progress| match p {
        Progress::Indexing => {
            if let Ok(mut t) = indexing.lock() {
                *t = Some(start.elapsed());
            }
        }
        Progress::Extracting { done, total } if total > 0 => {
            if let Ok(mut ps) = passes.lock() {
                let third = (done * 3 / total).min(3);
                for p in ps.iter_mut().take(third) {
                    p.get_or_insert_with(|| start.elapsed());
                }
            }
        }
        _ => {}
    };
    // As the reader does: the corpus first, then the end of the cache write behind it.
    let (corpus, mut report, pending) = cache::load_deferred(
        &args.paths,
        &LoadOptions::default(),
        &Overrides::default(),
        &cache,
        &progress,
        None,
    )?;
    let total = start.elapsed();
    if let Some(p) = pending {
        p.finish_into(&mut report);
    }
    let cached = start.elapsed();
    let bytes: usize = corpus.articles.iter().map(|a| a.text.len()).sum();
    let read = indexing.lock().ok().and_then(|t| *t).unwrap_or(total);
    println!(
        "{} articles, {} entities, {:.1} MB of text",
        corpus.articles.len(),
        corpus.entities.len(),
        bytes as f64 / 1e6
    );
    println!(
        "files done after {:.3} s; extracted and indexed after {:.3} s; cache done after {:.3} s",
        read.as_secs_f64(),
        total.as_secs_f64(),
        cached.as_secs_f64()
    );
    if let Ok(ps) = passes.lock() {
        if let [Some(a), Some(b), Some(c)] = *ps {
            println!(
                "extraction passes done after {:.3} s (evidence), {:.3} s (candidates), {:.3} s (mentions)",
                a.as_secs_f64(),
                b.as_secs_f64(),
                c.as_secs_f64()
            );
        }
    }
    println!("{report:?}");
    print_sizes(&corpus);
    Ok(())
}

/// Prints what the corpus's parts hold on the heap (capacities, not allocator overhead), so a
/// peak RSS can be explained part by part.
fn print_sizes(corpus: &byline::corpus::Corpus) {
    use std::mem::size_of;
    let s = |x: &String| x.capacity();
    let o = |x: &Option<String>| x.as_ref().map_or(0, String::capacity);
    // Texts share buffers (a cache shard's texts are one buffer): each is counted once.
    let mut buffers = std::collections::HashSet::new();
    let texts: usize = corpus
        .articles
        .iter()
        .map(|a| a.text.buffer())
        .filter(|&(at, _)| buffers.insert(at))
        .map(|(_, bytes)| bytes)
        .sum();
    let fields: usize = corpus
        .articles
        .iter()
        .map(|a| {
            s(&a.id)
                + s(&a.path)
                + a.file.capacity()
                + s(&a.title)
                + o(&a.date)
                + o(&a.source)
                + o(&a.url)
                + o(&a.author)
        })
        .sum();
    let table = corpus.articles.capacity() * size_of::<byline::corpus::Article>();
    let mentions: usize = corpus.entities.iter().map(|e| e.mentions.len()).sum();
    let mention_bytes: usize = corpus
        .entities
        .iter()
        .map(|e| e.mentions.capacity() * size_of::<byline::corpus::Mention>())
        .sum();
    let aliases: usize = corpus.entities.iter().map(|e| e.aliases.len()).sum();
    let alias_bytes: usize = corpus
        .entities
        .iter()
        .map(|e| {
            e.name.capacity()
                + e.aliases.capacity() * size_of::<String>()
                + e.aliases.iter().map(String::capacity).sum::<usize>()
        })
        .sum();
    let etable = corpus.entities.capacity() * size_of::<byline::corpus::Entity>();
    let mb = |n: usize| n as f64 / 1e6;
    println!(
        "heap: article texts {:.1} MB, other fields {:.1} MB, table {:.1} MB ({} articles)",
        mb(texts),
        mb(fields),
        mb(table),
        corpus.articles.len()
    );
    println!(
        "heap: entity table {:.1} MB, names+aliases {:.1} MB ({aliases} aliases), mentions {:.1} MB ({mentions})",
        mb(etable),
        mb(alias_bytes),
        mb(mention_bytes)
    );
    println!("heap: index {:.1} MB", mb(corpus.index.heap_bytes()));
}
