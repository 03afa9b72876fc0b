//! The cleaner against real scrapes: the seed pages and their gold, and the BBC corpus, whose
//! prose must survive untouched. Reads `../shared` at run time and skips when it is absent.

use std::path::{Path, PathBuf};

use byline::corpus::clean::{Cleaned, clean};
use byline::corpus::load::Draft;
use byline::corpus::sanitize::sanitize_text;

fn shared() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("SKIPPED: ../shared is absent, the cleaning tests need its seeds and corpora");
        None
    }
}

/// The file as the loader hands a .txt file to the cleaner: decoded lossily and sanitized.
fn clean_file(path: &Path) -> (String, Cleaned) {
    let bytes = std::fs::read(path).unwrap_or_default();
    let body = sanitize_text(&String::from_utf8_lossy(&bytes));
    let cleaned = clean(&Draft {
        body: body.clone(),
        ..Draft::default()
    });
    (body, cleaned)
}

/// Whitespace folded to single spaces, as the reading text has it.
fn fold(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A line without trailing tokens of non-ASCII symbols (stray close buttons).
fn core(s: &str) -> String {
    let mut words: Vec<&str> = s.split_whitespace().collect();
    while words
        .last()
        .is_some_and(|w| w.chars().all(|c| !c.is_alphanumeric() && !c.is_ascii()))
    {
        words.pop();
    }
    words.join(" ")
}

#[test]
fn seeds_match_their_gold() {
    let Some(root) = shared() else { return };
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(root.join("gold/seeds.json")).unwrap_or_default(),
    )
    .unwrap_or_default();
    let Some(articles) = gold["articles"].as_object() else {
        panic!("gold/seeds.json has no articles");
    };
    assert_eq!(articles.len(), 4);
    for (name, want) in articles {
        let (body, c) = clean_file(&root.join("seeds").join(name));
        let boiler: Vec<String> = want["boilerplate"]
            .as_array()
            .map(|a| a.iter().filter_map(|v| v.as_str()).map(core).collect())
            .unwrap_or_default();
        // Date.
        assert_eq!(c.date.as_deref(), want["date"].as_str(), "{name}: date");
        // Title: the gold headline when the page prints one; otherwise a title made from the
        // opening prose, with no heading paragraphs in the text.
        let gold_title = want["title"].as_str().unwrap_or_default();
        let paras: Vec<&str> = c.text.split("\n\n").collect();
        if body.contains(gold_title) {
            assert_eq!(c.title, gold_title, "{name}: title");
            assert_eq!(
                paras[0], gold_title,
                "{name}: text starts with the headline"
            );
            assert!(c.lead >= 1, "{name}: lead");
        } else {
            eprintln!(
                "{name}: gold title is not in the file; fallback title: {:?}",
                c.title
            );
            assert_eq!(c.lead, 0, "{name}: no heading paragraph");
            let stem = c.title.trim_end_matches('…');
            assert!(
                !stem.is_empty() && paras[0].starts_with(stem),
                "{name}: fallback"
            );
        }
        // Chrome never reaches the text; every other line does.
        for b in &boiler {
            assert!(!c.text.contains(b.as_str()), "{name}: chrome kept: {b:?}");
        }
        for line in body.lines().map(fold).filter(|l| !l.is_empty()) {
            if boiler.contains(&core(&line)) {
                continue;
            }
            assert!(c.text.contains(&line), "{name}: dropped: {line:?}");
        }
        for p in &paras {
            assert!(!p.trim().is_empty(), "{name}: empty paragraph");
        }
    }
}

#[test]
fn seed_with_headline_and_dek_has_two_lead_paragraphs() {
    let Some(root) = shared() else { return };
    // The gold counts the headline and the line under it as the heading of this page.
    let (body, c) = clean_file(&root.join("seeds/002_f9a4c0693d7be27c.txt"));
    assert_eq!(c.lead, 2);
    let dek = c.text.split("\n\n").nth(1).unwrap_or_default();
    let position = body.lines().position(|l| fold(l) == dek);
    assert_eq!(position, Some(6), "the dek is line 7 of the file");
}

#[test]
fn bbc_articles_keep_every_line_and_their_headline() {
    let Some(root) = shared() else { return };
    let bbc = root.join("corpora/bbc");
    let mut files = Vec::new();
    for cat in std::fs::read_dir(&bbc).into_iter().flatten().flatten() {
        for f in std::fs::read_dir(cat.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            if f.path().extension().is_some_and(|e| e == "txt") {
                files.push(f.path());
            }
        }
    }
    files.sort();
    assert!(files.len() >= 1800, "found {} BBC files", files.len());
    let (mut dropped, mut wrong_titles, mut lines, mut deks, mut dates) = (vec![], 0, 0, 0, 0);
    for f in &files {
        let (body, c) = clean_file(f);
        let first = fold(body.lines().next().unwrap_or_default());
        if c.title != first || !c.text.starts_with(&first) {
            wrong_titles += 1;
            eprintln!("{}: title {:?}, want {:?}", f.display(), c.title, first);
        }
        for line in body.lines().map(fold).filter(|l| !l.is_empty()) {
            lines += 1;
            if !c.text.contains(&line) {
                dropped.push(format!("{}: {line}", f.display()));
            }
        }
        deks += usize::from(c.lead == 2);
        dates += usize::from(c.date.is_some());
    }
    eprintln!(
        "BBC: {} files, {lines} lines, {} dropped, {wrong_titles} wrong titles, {deks} deks, {dates} dates",
        files.len(),
        dropped.len()
    );
    for d in &dropped {
        eprintln!("dropped {d}");
    }
    assert!(dropped.is_empty(), "{} BBC lines dropped", dropped.len());
    assert_eq!(wrong_titles, 0);
}
