//! Saving and loading state files on a real disk: restart round trip, crash leftovers, truncated
//! and newer-version files, unwritable directories, symlinked files, no directory at all.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use byline::corpus::{Article, Format};
use byline::persist::{Bookmark, Bookmarks, Jump, Session, State, Store};

fn article(id: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        path: format!("{id}.txt"),
        file: PathBuf::from(format!("{id}.txt")),
        line: None,
        title: format!("Title {id}"),
        date: None,
        source: None,
        url: None,
        author: None,
        format: Format::Text,
        text: text.into(),
        lead: 1,
    }
}

/// A state directory holding one saved bookmark, and that bookmark.
fn saved_state(dir: &Path) -> Bookmark {
    let a = article("a", "Headline.\n\nFirst sentence here. Second one there.");
    let mut st = State::open_in(Some(dir));
    let b = Bookmark::new(&a, a.text.find("Second").unwrap(), Some("keep".into()));
    st.bookmarks.doc_mut().add(b.clone());
    assert!(st.save());
    b
}

fn corrupt_copies(dir: &Path, name: &str) -> Vec<PathBuf> {
    let prefix = format!("{name}.corrupt-");
    let mut v: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    v.sort();
    v
}

#[test]
fn restart_round_trip_keeps_bookmarks_and_reading_state() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("cfg");
    let a = article(
        "a",
        "Headline.\n\nOne two three. Four five six.\n\nSeven eight.",
    );
    let b = article("b", "Other.\n\nAnother article body.");
    let mut st = State::open(Some(&dir));
    let bm = Bookmark::new(&a, a.text.find("Four").unwrap(), Some("my note".into()));
    st.bookmarks.doc_mut().add(bm.clone());
    st.session
        .doc_mut()
        .set_open("key1", Some("a"), Some("Jane Doe"));
    st.session
        .doc_mut()
        .set_position("key1", &a, a.text.find("Seven").unwrap());
    st.session.doc_mut().set_position("key1", &b, 7);
    let jumps = vec![
        Jump {
            article: "a".into(),
            offset: 3,
        },
        Jump {
            article: "b".into(),
            offset: 9,
        },
    ];
    st.session.doc_mut().set_history("key1", &jumps, 1);
    assert!(st.save());
    assert!(st.take_warnings().is_empty());
    drop(st);

    let mut again = State::open(Some(&dir));
    assert!(again.take_warnings().is_empty());
    assert_eq!(again.bookmarks.doc().list(), &[bm]);
    let r = again.session.doc().reading("key1").unwrap();
    assert_eq!(r.last_article.as_deref(), Some("a"));
    assert_eq!(r.selected_entity.as_deref(), Some("Jane Doe"));
    assert_eq!(r.history, jumps);
    assert_eq!(r.cursor, 1);
    let s = again.session.doc();
    assert_eq!(s.position("key1", &a), a.text.find("Seven"));
    assert_eq!(s.position("key1", &b), Some(7));
    // The files are human-readable JSON with a version field.
    let text = fs::read_to_string(dir.join("bookmarks.json")).unwrap();
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(v["version"], 1);
    assert!(text.contains("\n  "), "pretty-printed");
    assert_eq!(v["bookmarks"][0]["note"], "my note");
}

#[test]
fn crash_before_rename_leaves_the_old_file_intact() {
    let d = tempfile::tempdir().unwrap();
    let b = saved_state(d.path());
    let good = fs::read(d.path().join("bookmarks.json")).unwrap();
    // A save that died after writing its temp file, and one that died halfway through writing.
    fs::write(d.path().join(".bookmarks.json.tmp-999999-0"), &good).unwrap();
    fs::write(
        d.path().join(".bookmarks.json.tmp-999999-1"),
        &good[..good.len() / 2],
    )
    .unwrap();

    let mut st = State::open_in(Some(d.path()));
    assert!(st.take_warnings().is_empty(), "nothing was corrupt");
    assert_eq!(st.bookmarks.doc().list(), std::slice::from_ref(&b));
    assert_eq!(fs::read(d.path().join("bookmarks.json")).unwrap(), good);

    // The next save cleans the dead temp files up and still holds the old data.
    st.session.doc_mut().set_open("k", Some("a"), None);
    assert!(st.save());
    assert!(!d.path().join(".bookmarks.json.tmp-999999-0").exists());
    assert!(!d.path().join(".bookmarks.json.tmp-999999-1").exists());
    let reopened: Store<Bookmarks> = Store::open(Some(d.path()));
    assert_eq!(reopened.doc().list(), &[b]);
}

#[test]
fn truncated_file_is_moved_aside_and_backup_restored() {
    let d = tempfile::tempdir().unwrap();
    let first = saved_state(d.path());
    // A second save makes bookmarks.json.bak hold the first version.
    let mut st = State::open_in(Some(d.path()));
    let a = article("z", "Zed.\n\nZ body text.");
    st.bookmarks.doc_mut().add(Bookmark::new(&a, 5, None));
    assert!(st.save());
    drop(st);
    let path = d.path().join("bookmarks.json");
    let full = fs::read(&path).unwrap();
    let cut = &full[..full.len() / 2];
    fs::write(&path, cut).unwrap();

    let mut st = State::open_in(Some(d.path()));
    let warnings = st.take_warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("corrupt"), "{}", warnings[0]);
    assert!(warnings[0].contains("restored from"), "{}", warnings[0]);
    assert_eq!(st.bookmarks.doc().list(), std::slice::from_ref(&first));
    let aside = corrupt_copies(d.path(), "bookmarks.json");
    assert_eq!(aside.len(), 1);
    assert_eq!(
        fs::read(&aside[0]).unwrap(),
        cut,
        "moved aside byte for byte"
    );
    // Said once: taking warnings again gives nothing new.
    assert!(st.take_warnings().is_empty());
    // Saving writes a good file again and leaves the corrupt copy alone.
    assert!(st.save());
    assert_eq!(fs::read(&aside[0]).unwrap(), cut);
    let reopened: Store<Bookmarks> = Store::open(Some(d.path()));
    assert_eq!(reopened.doc().list(), &[first]);
}

#[test]
fn garbage_without_backup_starts_empty() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("session.json"), b"\x00\xff not json").unwrap();
    let mut st = State::open_in(Some(d.path()));
    let w = st.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("starting empty"), "{}", w[0]);
    assert_eq!(*st.session.doc(), Session::default());
    assert_eq!(corrupt_copies(d.path(), "session.json").len(), 1);
}

#[test]
fn newer_version_is_moved_aside_never_overwritten() {
    let d = tempfile::tempdir().unwrap();
    let newer = br#"{"version": 99, "bookmarks": [], "shiny_new_field": true}"#;
    fs::write(d.path().join("bookmarks.json"), newer).unwrap();
    let mut st = State::open_in(Some(d.path()));
    let w = st.take_warnings();
    assert_eq!(w.len(), 1, "{w:?}");
    assert!(w[0].contains("newer"), "{}", w[0]);
    let a = article("a", "A.\n\nBody.");
    st.bookmarks.doc_mut().add(Bookmark::new(&a, 3, None));
    assert!(st.save());
    let aside = corrupt_copies(d.path(), "bookmarks.json");
    assert_eq!(aside.len(), 1);
    assert_eq!(fs::read(&aside[0]).unwrap(), newer);
}

#[test]
fn wrong_shape_with_a_valid_version_counts_as_corrupt() {
    let d = tempfile::tempdir().unwrap();
    fs::write(
        d.path().join("bookmarks.json"),
        br#"{"version": 1, "bookmarks": [{"id": 5}]}"#,
    )
    .unwrap();
    let st: Store<Bookmarks> = Store::open(Some(d.path()));
    assert!(st.doc().list().is_empty());
    assert_eq!(corrupt_copies(d.path(), "bookmarks.json").len(), 1);
}

/// Whether this process can write into a directory it made read-only (root can).
fn permissions_bypassed(dir: &Path) -> bool {
    fs::write(dir.join("probe"), b"x").is_ok()
}

#[cfg(unix)]
#[test]
fn read_only_directory_keeps_old_file_and_warns_once() {
    use std::os::unix::fs::PermissionsExt;
    let d = tempfile::tempdir().unwrap();
    let b = saved_state(d.path());
    let good = fs::read(d.path().join("bookmarks.json")).unwrap();
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o555)).unwrap();
    if permissions_bypassed(d.path()) {
        let _ = fs::remove_file(d.path().join("probe"));
        fs::set_permissions(d.path(), fs::Permissions::from_mode(0o755)).unwrap();
        eprintln!(
            "read_only_directory: running as root, permissions are bypassed; \
             forcing the write error with unopenable lock files instead"
        );
        // A directory where each lock file should be: opening it for writing fails.
        fs::remove_file(d.path().join("bookmarks.json.lock")).unwrap();
        fs::create_dir(d.path().join("bookmarks.json.lock")).unwrap();
        let _ = fs::remove_file(d.path().join("session.json.lock"));
        fs::create_dir(d.path().join("session.json.lock")).unwrap();
    }
    let mut st = State::open_in(Some(d.path()));
    assert_eq!(
        st.bookmarks.doc().list(),
        std::slice::from_ref(&b),
        "still readable"
    );
    let a = article("n", "New.\n\nNew body text.");
    st.bookmarks
        .doc_mut()
        .add(Bookmark::new(&a, 5, Some("in memory".into())));
    assert!(!st.save());
    assert!(!st.save());
    let w = st.take_warnings();
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(w.len(), 1, "one warning for every failed save: {w:?}");
    assert!(w[0].contains("cannot save"), "{}", w[0]);
    assert_eq!(fs::read(d.path().join("bookmarks.json")).unwrap(), good);
    // The new bookmark lives on in memory.
    assert_eq!(st.bookmarks.doc().list().len(), 2);
}

#[test]
fn config_dir_that_cannot_exist_is_not_fatal() {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("plainfile"), b"x").unwrap();
    // Its parent is a regular file, so it can never be created, root or not.
    let dir = d.path().join("plainfile/byline");
    let mut st = State::open(Some(&dir));
    assert!(
        st.take_warnings().is_empty(),
        "nothing to read is not a problem"
    );
    let a = article("a", "A.\n\nBody text.");
    st.bookmarks.doc_mut().add(Bookmark::new(&a, 3, None));
    assert!(!st.save());
    assert_eq!(st.take_warnings().len(), 1);
    assert_eq!(st.bookmarks.doc().list().len(), 1);
    assert_eq!(fs::read(d.path().join("plainfile")).unwrap(), b"x");
}

#[test]
fn missing_config_dir_is_created_on_first_save() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().join("a/b/byline");
    let mut st = State::open(Some(&dir));
    st.session.doc_mut().set_open("k", Some("x"), None);
    assert!(st.save());
    assert!(dir.join("session.json").is_file());
}

#[test]
fn in_memory_state_never_touches_the_disk() {
    let mut st = State::open_in(None);
    let a = article("a", "A.\n\nBody text.");
    st.bookmarks.doc_mut().add(Bookmark::new(&a, 3, None));
    assert!(!st.save());
    assert!(st.dir().is_none());
    assert!(!st.bookmarks.is_persistent());
    assert!(matches!(
        st.bookmarks.save(),
        Err(byline::persist::PersistError::NoDir)
    ));
}

#[cfg(unix)]
#[test]
fn symlinked_state_file_keeps_its_link() {
    let d = tempfile::tempdir().unwrap();
    let cfg = d.path().join("cfg");
    let dotfiles = d.path().join("dotfiles");
    fs::create_dir_all(&cfg).unwrap();
    fs::create_dir_all(&dotfiles).unwrap();
    std::os::unix::fs::symlink("../dotfiles/bm.json", cfg.join("bookmarks.json")).unwrap();
    let b = saved_state(&cfg);
    // Save again so the replace-over-existing path runs through the link too.
    let mut st = State::open_in(Some(&cfg));
    let a = article("q", "Q.\n\nQ body.");
    st.bookmarks.doc_mut().add(Bookmark::new(&a, 3, None));
    assert!(st.save());
    let link = fs::symlink_metadata(cfg.join("bookmarks.json")).unwrap();
    assert!(link.file_type().is_symlink(), "the link survived");
    let target: serde_json::Value =
        serde_json::from_slice(&fs::read(dotfiles.join("bm.json")).unwrap()).unwrap();
    assert_eq!(target["bookmarks"].as_array().unwrap().len(), 2);
    let reopened: Store<Bookmarks> = Store::open(Some(&cfg));
    assert!(reopened.doc().get(&b.id).is_some());
}

#[test]
fn hand_edited_session_is_repaired_on_load() {
    let d = tempfile::tempdir().unwrap();
    let file = br#"{"version": 1, "corpora": {"k": {"history": [{"article": "a", "offset": 4}],
        "cursor": 99, "positions": {"a": {"offset": 999999, "quote": {"exact": ""},
        "modified": "not a date"}}}}}"#;
    fs::write(d.path().join("session.json"), file).unwrap();
    let mut st = State::open_in(Some(d.path()));
    assert!(st.take_warnings().is_empty());
    let r = st.session.doc().reading("k").unwrap();
    assert_eq!(r.cursor, 1, "cursor clamped to the history");
    let a = article("a", "Short.");
    assert_eq!(st.session.doc().position("k", &a), Some(a.text.len()));
}

#[test]
fn a_directory_in_place_of_the_file_is_moved_aside() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("bookmarks.json")).unwrap();
    let mut st = State::open_in(Some(d.path()));
    assert_eq!(st.take_warnings().len(), 1);
    let a = article("a", "A.\n\nBody text.");
    st.bookmarks.doc_mut().add(Bookmark::new(&a, 3, None));
    assert!(st.save());
    assert!(d.path().join("bookmarks.json").is_file());
    assert_eq!(corrupt_copies(d.path(), "bookmarks.json").len(), 1);
}

#[cfg(unix)]
#[test]
fn a_fifo_in_place_of_the_file_does_not_hang() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("session.json");
    let made = Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("a_fifo_in_place_of_the_file_does_not_hang: mkfifo unavailable, skipped");
        return;
    }
    let mut st = State::open_in(Some(d.path()));
    assert_eq!(st.take_warnings().len(), 1);
    assert!(st.save());
    assert!(fifo.is_file());
}
