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
