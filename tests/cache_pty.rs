//! The index cache as an interrupted byline leaves it: the real binary, quit in a
//! pseudo-terminal or sent a signal while the cache of a first open is still being written,
//! and the cache folder looked at afterwards.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::reader_pty::Session;

/// Writes `n` short news-like articles with varied, made-up names, enough that finding their
/// entities takes a noticeable time.
fn many_articles(dir: &Path, n: usize) {
    const FIRST: [&str; 8] = [
        "Mara", "Tobin", "Ilse", "Corwin", "Petra", "Anselm", "Wren", "Dario",
    ];
    const LAST: [&str; 8] = [
        "Quayle",
        "Brandt",
        "Okafor",
        "Lindqvist",
        "Moreau",
        "Szabo",
        "Hale",
        "Ferro",
    ];
    const PLACE: [&str; 6] = [
        "Varnholt",
        "Eastmere",
        "Port Selby",
        "Kestrel Bay",
        "Dunmarrow",
        "Ostend",
    ];
    for i in 0..n {
        let who = format!("{} {}", FIRST[i % 8], LAST[(i / 8) % 8]);
        let other = format!("{} {}", FIRST[(i / 3) % 8], LAST[(i / 5) % 8]);
        let place = PLACE[i % 6];
        let text = format!(
            "Council vote {i} in {place}\n\n{who} told reporters in {place} that the vote would \
             go ahead. {other} disagreed, and said the Harbour Trust had not been asked.\n\n\
             Later, {who} met {other} at the town hall. The Harbour Trust said it would \
             publish its figures in the spring, after {place} council had met again.\n"
        );
        std::fs::write(dir.join(format!("{i:05}.txt")), text).expect("write an article");
    }
}

/// The names in `dir` (none when it does not exist yet).
fn names_in(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .collect()
        })
        .unwrap_or_default()
}

fn temporary_files(dir: &Path) -> Vec<String> {
    names_in(dir)
        .into_iter()
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Presses `q` and waits for the reader to end.
fn quit(s: &mut Session) {
    s.keys(b"q");
    let deadline = Instant::now() + Duration::from_secs(15);
    while s.child.try_wait().expect("poll the reader").is_none() {
        assert!(Instant::now() < deadline, "the reader did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn quitting_while_the_first_cache_is_written_leaves_no_partial_file() {
    let articles = tempfile::tempdir().expect("temp dir");
    many_articles(articles.path(), 12_000);
    let state = tempfile::tempdir().expect("temp state dir");
    let cache = state.path().join("cache");
    let mut s = Session::start_caching(articles.path(), &state.path().join("config"), &cache);
    // The cache file is begun once the articles are read and finished after the entities are
    // found: the reader is quit in between.
    s.wait("extraction under way", |sc| sc.contains("finding entities"));
    let deadline = Instant::now() + Duration::from_secs(15);
    while temporary_files(&cache).is_empty() {
        assert!(
            Instant::now() < deadline,
            "no cache was being written; screen:\n{}",
            s.screen()
        );
        std::thread::sleep(Duration::from_millis(5));
    }
    quit(&mut s);
    assert_eq!(temporary_files(&cache), Vec::<String>::new());
}

#[test]
fn a_partial_cache_left_by_a_killed_reader_is_removed_by_the_next_open() {
    let articles = tempfile::tempdir().expect("temp dir");
    many_articles(articles.path(), 30);
    let state = tempfile::tempdir().expect("temp state dir");
    let cache = state.path().join("cache");
    std::fs::create_dir_all(&cache).expect("cache dir");
    // What a reader killed in the middle of a write leaves: a temporary file no one holds.
    let leftover = cache.join(".corpus-0123456789abcdef0123456789abcdef.bin.4242.0.tmp");
    std::fs::write(&leftover, vec![0u8; 4096]).expect("write the leftover");
    let mut s = Session::start_caching(articles.path(), &state.path().join("config"), &cache);
    s.wait("the entities", |sc| {
        sc.contains("Entities (") && !sc.contains("Entities (0)")
    });
    quit(&mut s);
    assert!(!leftover.exists(), "the leftover is still there");
    let kept = names_in(&cache);
    assert_eq!(kept.len(), 1, "one finished cache file: {kept:?}");
    assert!(
        kept[0].starts_with("corpus-") && kept[0].ends_with(".bin"),
        "{kept:?}"
    );
}

#[test]
fn a_command_interrupted_while_it_loads_leaves_no_partial_file() {
    use std::os::unix::process::ExitStatusExt;
    let articles = tempfile::tempdir().expect("temp dir");
    many_articles(articles.path(), 12_000);
    let state = tempfile::tempdir().expect("temp state dir");
    let cache = state.path().join("cache");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["entities", "--json"])
        .arg(articles.path())
        .env("BYLINE_CACHE_DIR", &cache)
        .env("BYLINE_CONFIG_DIR", state.path().join("config"))
        .env_remove("BYLINE_NO_CACHE")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("start byline");
    // The cache file is begun once the files are read, and finished after extraction.
    let deadline = Instant::now() + Duration::from_secs(30);
    while temporary_files(&cache).is_empty() {
        assert!(
            child.try_wait().expect("poll").is_none(),
            "finished before its cache was seen being written"
        );
        assert!(Instant::now() < deadline, "no cache was being written");
        std::thread::sleep(Duration::from_millis(2));
    }
    let sent = std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .expect("run kill");
    assert!(sent.success());
    let status = child.wait().expect("wait for byline");
    assert_eq!(status.signal(), Some(2), "ended by SIGINT: {status:?}");
    assert_eq!(temporary_files(&cache), Vec::<String>::new());
}
