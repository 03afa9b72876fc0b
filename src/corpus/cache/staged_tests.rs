//! The articles-first hand-over of `load_staged`, on real files and a real cache folder.

use std::sync::{Arc, Mutex};

use super::*;

#[test]
fn articles_are_handed_over_before_extraction_and_shared_with_the_result() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        (
            "one.txt",
            "Tide tables reprinted\n\nOrla Venn of the Kestrel Harbour Board said the tables \
             were wrong. Orla Venn apologised.",
        ),
        (
            "two.txt",
            "Board meets\n\nThe Kestrel Harbour Board met on Monday. Orla Venn chaired.",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(cache_dir.path());
    let roots = vec![dir.path().to_path_buf()];
    let opts = LoadOptions::default();
    let open = || {
        let early: Mutex<Vec<Corpus>> = Mutex::new(Vec::new());
        let keep = |c: &Corpus| early.lock().unwrap().push(c.clone());
        let (full, report) = load_staged(
            &roots,
            &opts,
            &Overrides::default(),
            &cache,
            &|_| {},
            Some(&keep),
        )
        .unwrap();
        (full, report, early.into_inner().unwrap())
    };

    let (full, report, early) = open();
    assert!(!report.extraction_reused);
    assert_eq!(early.len(), 1, "handed over once");
    let first = &early[0];
    assert!(first.entities.is_empty(), "before extraction");
    assert_eq!(first.articles.len(), 2);
    assert!(
        Arc::ptr_eq(&first.articles, &full.articles),
        "the same articles, not a copy"
    );
    assert!(full.entities.iter().any(|e| e.name == "Orla Venn"));

    // Reopened unchanged: the cache has the entities, so there is nothing to show early.
    let (again, report, early) = open();
    assert!(report.extraction_reused);
    assert!(early.is_empty());
    assert_eq!(again.entities, full.entities);
}

#[test]
fn the_cache_of_a_first_open_is_finished_after_the_corpus_is_returned() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "one.txt",
            "Ferry strike ends\n\nTamsin Rook of the Gullhaven Ferry Union said the strike was over.",
        ),
        (
            "two.txt",
            "Timetable restored\n\nGullhaven Ferry Union members returned. Tamsin Rook thanked them.",
        ),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(cache_dir.path());
    let roots = vec![dir.path().to_path_buf()];
    let opts = LoadOptions::default();
    let open =
        || load_deferred(&roots, &opts, &Overrides::default(), &cache, &|_| {}, None).unwrap();
    let files_in_cache = || -> Vec<String> {
        std::fs::read_dir(cache_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    };

    let (corpus, report, pending) = open();
    assert!(corpus.entities.iter().any(|e| e.name == "Tamsin Rook"));
    assert!(!report.written, "not written yet");
    let pending = pending.expect("a first open leaves the end of its cache");
    let names = files_in_cache();
    assert!(
        names.len() == 1 && names[0].ends_with(".tmp"),
        "only the unfinished file so far: {names:?}"
    );
    pending.finish().unwrap();
    let names = files_in_cache();
    assert!(
        names.len() == 1 && names[0].starts_with("corpus-") && names[0].ends_with(".bin"),
        "{names:?}"
    );

    // Reopened unchanged: everything comes from the finished cache, and nothing is left.
    let (again, report, pending) = open();
    assert!(report.extraction_reused);
    assert_eq!(report.parsed, 0);
    // Files written just before the first open are re-hashed rather than trusted on their
    // stamps (they could have changed within the clock's resolution), and the cache is then
    // written again with their new stamps.
    if let Some(p) = pending {
        p.finish().unwrap();
    }
    assert_eq!(again.entities, corpus.entities);
    let texts =
        |c: &Corpus| -> Vec<String> { c.articles.iter().map(|a| a.text.to_string()).collect() };
    assert_eq!(texts(&again), texts(&corpus));

    // Dropped unfinished after a change, the new cache is not saved and leaves no file behind;
    // the old one stays as it was.
    std::fs::write(
        dir.path().join("three.txt"),
        "Fares frozen\n\nTamsin Rook welcomed it.",
    )
    .unwrap();
    let (_, _, pending) = open();
    drop(pending.expect("a changed corpus writes its cache again"));
    assert_eq!(files_in_cache(), names);
}
