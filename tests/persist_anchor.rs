//! Bookmarks found again after the corpus changes on disk: files moved and renamed, text edited
//! (re-anchored by the quote, or orphaned and kept), the corpus opened by another path.

use std::fs;
use std::path::{Path, PathBuf};

use byline::corpus::load::load;
use byline::corpus::{Article, LoadOptions};
use byline::persist::{Bookmark, Location, Match, State, corpus_key, locate};

const FIRST: &str = "Harbour Notes\n\nThe ferry left at dawn with forty passengers aboard. \
It reached the island before noon. The captain said the sea was calm.\n\n\
Later the crew unloaded crates of apples.";
const SECOND: &str = "Mountain Diary\n\nSnow fell overnight on the pass. \
The captain said the sea was calm. Nobody believed him up here.";

fn corpus(root: &Path) -> Vec<Article> {
    load(&[root.to_path_buf()], &LoadOptions::default())
        .unwrap()
        .articles
}

fn setup() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("articles");
    let cfg = d.path().join("cfg");
    fs::create_dir_all(root.join("sub")).unwrap();
    fs::write(root.join("harbour.txt"), FIRST).unwrap();
    fs::write(root.join("sub/mountain.txt"), SECOND).unwrap();
    (d, root, cfg)
}

/// Bookmarks the harbour article's "captain" sentence, saves, and returns it as reloaded.
fn bookmark_captain(root: &Path, cfg: &Path) -> Bookmark {
    let arts = corpus(root);
    let a = arts.iter().find(|a| a.path == "harbour.txt").unwrap();
    let at = a.text.find("The captain").unwrap() + 4;
    let b = Bookmark::new(a, at, Some("calm sea".into()));
    assert_eq!(b.quote.exact, "The captain said the sea was calm.");
    let mut st = State::open_in(Some(cfg));
    st.bookmarks.doc_mut().add(b);
    assert!(st.save());
    let st = State::open_in(Some(cfg));
    st.bookmarks.doc().list()[0].clone()
}

fn found(loc: &Location, arts: &[Article]) -> (String, String, Match) {
    match loc {
        Location::Found {
            article,
            range,
            how,
        } => {
            let a = &arts[*article];
            (a.path.clone(), a.text[range.clone()].to_string(), *how)
        }
        Location::Orphaned => panic!("orphaned"),
    }
}

#[test]
fn found_exactly_after_restart() {
    let (_d, root, cfg) = setup();
    let b = bookmark_captain(&root, &cfg);
    let arts = corpus(&root);
    let (path, text, how) = found(&locate(&b, &arts), &arts);
    assert_eq!(path, "harbour.txt");
    assert_eq!(text, b.quote.exact);
    assert_eq!(how, Match::Exact);
}

#[test]
fn found_after_the_file_is_moved_and_renamed() {
    let (_d, root, cfg) = setup();
    let b = bookmark_captain(&root, &cfg);
    fs::create_dir_all(root.join("archive/2020")).unwrap();
    fs::rename(
        root.join("harbour.txt"),
        root.join("archive/2020/ferry-day.txt"),
    )
    .unwrap();
    let arts = corpus(&root);
    let (path, text, how) = found(&locate(&b, &arts), &arts);
    // Same content, same id: found by id and offset even though the path changed.
    assert_eq!(path, "archive/2020/ferry-day.txt");
    assert_eq!(text, b.quote.exact);
    assert_eq!(how, Match::Exact);
}

#[test]
fn reanchored_after_an_edit_at_the_same_path() {
    let (_d, root, cfg) = setup();
    let b = bookmark_captain(&root, &cfg);
    let edited = FIRST.replace(
        "The ferry left",
        "Update: times corrected.\n\nThe ferry left",
    );
    fs::write(root.join("harbour.txt"), edited).unwrap();
    let arts = corpus(&root);
    assert!(
        arts.iter().all(|a| a.id != b.article_id),
        "the edit changed the id"
    );
    let loc = locate(&b, &arts);
    let (path, text, how) = found(&loc, &arts);
    assert_eq!((path.as_str(), how), ("harbour.txt", Match::SamePath));
    assert_eq!(text, b.quote.exact);
    let (_, offset) = loc.target().unwrap();
    assert!(
        offset > b.offset,
        "the quote moved down with the inserted paragraph"
    );
}

#[test]
fn reanchored_after_edit_and_move_preferring_the_right_copy() {
    let (_d, root, cfg) = setup();
    let b = bookmark_captain(&root, &cfg);
    // The same sentence also stands in the mountain article; context must pick the harbour one.
    let edited = FIRST.replace("forty", "fifty");
    fs::remove_file(root.join("harbour.txt")).unwrap();
    fs::write(root.join("sub/renamed-harbour.txt"), edited).unwrap();
    let arts = corpus(&root);
    let (path, text, how) = found(&locate(&b, &arts), &arts);
    assert_eq!(path, "sub/renamed-harbour.txt");
    assert_eq!(text, b.quote.exact);
    assert_eq!(how, Match::Elsewhere);
}

#[test]
fn orphaned_when_the_sentence_is_gone_and_never_dropped() {
    let (_d, root, cfg) = setup();
    let b = bookmark_captain(&root, &cfg);
    fs::write(
        root.join("harbour.txt"),
        FIRST.replace("The captain said the sea was calm.", "The sea was rough."),
    )
    .unwrap();
    fs::remove_file(root.join("sub/mountain.txt")).unwrap();
    let arts = corpus(&root);
    assert!(locate(&b, &arts).is_orphaned());
    // Saving and reopening keeps the orphan.
    let mut st = State::open_in(Some(&cfg));
    st.session.doc_mut().set_open("k", None, None);
    assert!(st.save());
    let st = State::open_in(Some(&cfg));
    assert_eq!(st.bookmarks.doc().list(), &[b]);
}

#[test]
fn same_corpus_key_from_another_path() {
    let (d, root, _cfg) = setup();
    let key = corpus_key(std::slice::from_ref(&root));
    assert_eq!(corpus_key(&[root.join("sub/..")]), key);
    #[cfg(unix)]
    {
        let link = d.path().join("link-to-articles");
        std::os::unix::fs::symlink(&root, &link).unwrap();
        assert_eq!(corpus_key(&[link]), key);
    }
    // Order and duplicates of roots do not matter; a different set does.
    let two = corpus_key(&[root.clone(), d.path().join("cfg")]);
    assert_eq!(
        corpus_key(&[d.path().join("cfg"), root.clone(), root.clone()]),
        two
    );
    assert_ne!(two, key);
}

#[test]
fn shared_seeds_bookmark_survives_a_rename() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("shared_seeds_bookmark_survives_a_rename: ../shared/seeds absent, skipped");
        return;
    }
    let d = tempfile::tempdir().unwrap();
    let root = d.path().join("seeds");
    fs::create_dir_all(&root).unwrap();
    for e in fs::read_dir(&seeds).unwrap().flatten() {
        if e.path().is_file() {
            fs::copy(e.path(), root.join(e.file_name())).unwrap();
        }
    }
    let arts = corpus(&root);
    let a = arts.iter().max_by_key(|a| a.text.len()).unwrap();
    let b = Bookmark::new(a, a.text.len() / 2, None);
    assert!(!b.quote.exact.is_empty());
    let old = a.file.clone();
    // Keep the extension: the loader picks the format by it.
    let renamed = root
        .join("renamed-article")
        .with_extension(old.extension().unwrap_or_default());
    fs::rename(&old, renamed).unwrap();
    let arts = corpus(&root);
    let (_, text, _) = found(&locate(&b, &arts), &arts);
    assert_eq!(text, b.quote.exact);
}
