//! Loading a hostile folder built on the fly: every format, special files, loops, bad bytes
//! and bad names. Asserts which articles load, what they contain, and which warnings name
//! which files. Also loads the shared BBC corpus when it is present.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

use byline::corpus::load::{self, LoadError, LoadOptions, Loaded};
use byline::corpus::sanitize::is_forbidden;

use crate::adversarial::{build, write};

fn paths(l: &Loaded) -> Vec<&str> {
    l.articles.iter().map(|a| a.path.as_str()).collect()
}

fn warning_for<'a>(l: &'a Loaded, suffix: &str) -> Vec<&'a str> {
    l.warnings
        .iter()
        .filter(|w| w.path.ends_with(suffix))
        .map(|w| w.message.as_str())
        .collect()
}

#[test]
fn hostile_folder_loads_the_good_articles_and_names_the_bad_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    let d = dir.path();
    let locked = build(d);
    let l = load::load(&[d.to_path_buf()], &LoadOptions::default()).expect("load");

    let mut expected = vec![
        "a-story.txt",
        "deep.html",
        "esc name.txt",
        "feed.jsonl",
        "feed.jsonl",
        "latin1.txt",
        "notes.md",
        "pages/page.html",
        "utf16be-nobom.txt",
        "utf16le.txt",
    ];
    if !locked {
        eprintln!("running as a user who can read mode-000 files (root): unreadable file loads");
        expected.push("unreadable.txt");
        expected.sort_unstable();
    }
    assert_eq!(paths(&l), expected);

    let by_path = |p: &str| l.articles.iter().find(|a| a.path == p).expect(p);
    assert_eq!(by_path("a-story.txt").title, "A Plain Story");
    let notes = by_path("notes.md");
    assert_eq!(
        (
            notes.title.as_str(),
            notes.date.as_deref(),
            notes.source.as_deref()
        ),
        ("Notes Title", Some("2020-05-17"), Some("Notebook"))
    );
    assert!(notes.text.contains("Text with a link and code."));
    let page = by_path("pages/page.html");
    assert_eq!(page.title, "Page Title");
    assert_eq!(page.date.as_deref(), Some("2020-05-17"));
    assert!(page.text.contains("Page & text red."), "{}", page.text);
    assert!(!page.text.contains("Home") && !page.text.contains("Footer"));
    let lines: Vec<(Option<usize>, &str)> = l
        .articles
        .iter()
        .filter(|a| a.path == "feed.jsonl")
        .map(|a| (a.line, a.title.as_str()))
        .collect();
    assert_eq!(lines, [(Some(1), "One"), (Some(3), "Two")]);
    assert!(by_path("deep.html").text.contains("deep words"));
    assert!(by_path("utf16le.txt").text.contains("Wide body é."));
    assert_eq!(by_path("utf16be-nobom.txt").title, "Big Endian");
    assert!(
        by_path("latin1.txt")
            .text
            .contains("Caf\u{FFFD} cr\u{FFFD}me.")
    );
    assert!(by_path("esc name.txt").text.contains("Body ok."));

    assert_eq!(warning_for(&l, "/empty.txt"), ["empty file, skipped"]);
    assert_eq!(
        warning_for(&l, "/binary.bin"),
        ["binary file (NUL byte), skipped"]
    );
    assert_eq!(
        warning_for(&l, "/latin1.txt"),
        ["not valid UTF-8, decoded with replacement characters"]
    );
    assert_eq!(
        warning_for(&l, "/feed.jsonl"),
        ["1 malformed JSON line skipped (line 2)"]
    );
    if locked {
        assert_eq!(
            warning_for(&l, "/unreadable.txt"),
            ["permission denied, skipped"]
        );
    }
    #[cfg(unix)]
    {
        assert_eq!(
            warning_for(&l, "/self-loop"),
            ["symbolic link loop, skipped"]
        );
        assert_eq!(warning_for(&l, "/pages/up"), ["folder link loop, skipped"]);
        assert_eq!(
            warning_for(&l, "/zero.txt"),
            ["a device, not a regular file, skipped"]
        );
        assert_eq!(
            warning_for(&l, "/fifo.txt"),
            ["a FIFO, not a regular file, skipped"]
        );
    }
    assert!(
        l.warnings
            .iter()
            .all(|w| !w.path.contains("hidden") && !w.path.contains(".git"))
    );

    // Nothing from a file may carry a control, bidi or invisible character into output.
    for a in &l.articles {
        for s in [a.title.as_str(), a.path.as_str(), a.text.as_str()] {
            assert!(!s.chars().any(is_forbidden), "{s:?}");
        }
    }
    for w in &l.warnings {
        assert!(
            !w.to_string().chars().any(|c| is_forbidden(c) || c == '\n'),
            "{w}"
        );
    }
}

#[test]
fn loading_is_deterministic_and_reports_progress() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..40 {
        write(
            dir.path(),
            &format!("d{}/f{i:02}.txt", i % 3),
            format!("Title {i}\n\nBody {i}."),
        );
    }
    let roots = [dir.path().to_path_buf()];
    let seen = Mutex::new(Vec::new());
    let a = load::load_with_progress(&roots, &LoadOptions::default(), &|done, total| {
        seen.lock().expect("lock").push((done, total));
    })
    .expect("load");
    let b = load::load(&roots, &LoadOptions::default()).expect("load");
    let ids = |l: &Loaded| l.articles.iter().map(|a| a.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a.articles.len(), 40);
    assert_eq!(a.articles[0].path, "d0/f00.txt");
    assert_eq!(a.articles[39].path, "d2/f38.txt");
    let seen = seen.into_inner().expect("lock");
    assert!(seen.iter().all(|&(_, total)| total == 40));
    // Reported in order, even though files finish on several threads.
    let dones: Vec<usize> = seen.iter().map(|&(d, _)| d).collect();
    assert_eq!(dones, (0..=40).collect::<Vec<_>>());
}

#[test]
fn a_file_path_is_named_by_its_file_name_and_missing_paths_fail() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "sub/one.md", "# One\n\nBody.");
    let l = load::load(&[dir.path().join("sub/one.md")], &LoadOptions::default()).expect("load");
    assert_eq!(paths(&l), ["one.md"]);
    // Overlapping PATHs read a file once, under the first PATH that reached it.
    let both = [
        dir.path().to_path_buf(),
        dir.path().join("sub/../sub/one.md"),
    ];
    let l = load::load(&both, &LoadOptions::default()).expect("load");
    assert_eq!(paths(&l), ["sub/one.md"]);
    let missing = dir.path().join("nope\u{1b}[2J");
    match load::load(
        &[dir.path().to_path_buf(), missing],
        &LoadOptions::default(),
    ) {
        Err(LoadError::NotFound(p)) => {
            assert!(p.ends_with("nope"), "{p}");
        }
        other => panic!("expected NotFound, got {other:?}"),
    }
}

#[test]
fn a_50_mb_single_line_file_is_cut_at_the_cap() {
    let dir = tempfile::tempdir().expect("tempdir");
    let line = "word ".repeat(10 * 1024 * 1024); // 50 MiB, no newline
    write(dir.path(), "huge.txt", &line);
    let opts = LoadOptions::default();
    let l = load::load(&[dir.path().to_path_buf()], &opts).expect("load");
    assert_eq!(l.articles.len(), 1);
    let a = &l.articles[0];
    assert!(a.text.len() <= usize::try_from(opts.max_file_bytes).expect("fits") + 1024);
    assert!(a.text.ends_with("the rest was not loaded.]"));
    assert!(a.paragraphs().iter().all(|r| r.len() <= 10_000));
    assert_eq!(
        warning_for(&l, "/huge.txt"),
        ["larger than 8 MiB; only the first 8 MiB loaded"]
    );
}

#[test]
fn loads_the_shared_bbc_corpus() {
    let root: PathBuf = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpora/bbc");
    if !root.is_dir() {
        eprintln!("skipped: ../shared/corpora/bbc is not present");
        return;
    }
    let l = load::load(&[root], &LoadOptions::default()).expect("load");
    let txt = l
        .articles
        .iter()
        .filter(|a| a.path.ends_with(".txt"))
        .count();
    assert_eq!(txt, 1824);
    let msgs: Vec<String> = l.warnings.iter().map(ToString::to_string).collect();
    assert_eq!(msgs.len(), 1, "{msgs:?}");
    assert!(
        msgs[0].ends_with("sport/199.txt: not valid UTF-8, decoded with replacement characters")
    );
    let first = l
        .articles
        .iter()
        .find(|a| a.path == "business/001.txt")
        .expect("001");
    assert!(!first.title.is_empty());
    assert!(
        l.articles
            .iter()
            .all(|a| a.text.split_whitespace().count() > 10)
    );
}

/// True when `bytes` hold a 7-bit ESC or the UTF-8 encoding of a C1 control (U+0080-009F).
fn has_escape(bytes: &[u8]) -> bool {
    bytes.contains(&0x1b)
        || bytes
            .windows(2)
            .any(|w| w[0] == 0xC2 && (0x80..=0x9F).contains(&w[1]))
}

#[test]
fn the_commands_over_the_hostile_folder_print_no_escape_and_keep_good_articles() {
    let dir = tempfile::tempdir().expect("tempdir");
    build(dir.path());
    for args in [&["list"][..], &["list", "--json"], &["entities", "--json"]] {
        let out = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(args)
            .arg(dir.path())
            .env("BYLINE_CONFIG_DIR", dir.path().join("no-config"))
            .env("BYLINE_NO_CACHE", "1")
            .stdin(std::process::Stdio::null())
            .output()
            .expect("run byline");
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            !has_escape(&out.stdout),
            "{args:?} stdout carries an escape"
        );
        assert!(
            !has_escape(&out.stderr),
            "{args:?} stderr carries an escape"
        );
        let stdout = String::from_utf8_lossy(&out.stdout);
        for path in [
            "a-story.txt",
            "esc name.txt",
            "pages/page.html",
            "utf16le.txt",
        ] {
            assert!(stdout.contains(path), "{args:?} lacks {path}");
        }
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.contains("1 malformed JSON line skipped (line 2)"),
            "{stderr}"
        );
    }
}
