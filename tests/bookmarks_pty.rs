//! Issue 4 end to end: the real binary in a pseudo-terminal with its own config and cache
//! directories. Bookmark a place with a note, quit, start again on the same state: the same
//! article opens at the same place, the bookmark list shows the note, and Enter jumps there.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::reader_pty::Session;

/// A short article, a long one of numbered entries (so it scrolls), and another short one.
fn corpus(dir: &Path) {
    let entries: Vec<String> = (1..=40)
        .map(|i| format!("Entry {i:02} records the tide at the pier."))
        .collect();
    let long = format!("Long harbour diary\n\n{}", entries.join("\n\n"));
    let files = [
        (
            "a-first.txt",
            "First notes\n\nA short opening piece about nothing much.".to_owned(),
        ),
        ("b-long.txt", long),
        (
            "c-last.txt",
            "Closing remarks\n\nThe final piece is short as well.".to_owned(),
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write corpus file");
    }
}

/// The first "Entry NN" label on screen: the entry at the top of the reading pane.
fn top_entry(screen: &str) -> Option<String> {
    let at = screen.find("Entry ")?;
    screen.get(at..at + "Entry 00".len()).map(str::to_owned)
}

/// The screen once it stops changing, so a frame still being drawn is never read.
fn settled(s: &Session) -> String {
    let mut last = s.screen();
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let now = s.screen();
        if now == last {
            return now;
        }
        last = now;
    }
}

fn quit(s: &mut Session) {
    s.keys(b"q");
    let deadline = Instant::now() + Duration::from_secs(15);
    loop {
        if let Some(status) = s.child.try_wait().expect("poll the reader") {
            assert!(status.success(), "exit status {status:?}");
            return;
        }
        assert!(Instant::now() < deadline, "the reader did not quit");
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}

#[test]
fn bookmark_with_a_note_survives_a_restart_and_jumps_back() {
    let articles = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    let (config, cache) = (state.path().join("config"), state.path().join("cache"));
    corpus(articles.path());
    let before = file_names(articles.path());

    let mut s = Session::start_with(articles.path(), &config, &cache);
    s.wait("the article list", |sc| sc.contains("Articles (3)"));
    // Open the long article and page down twice in the reader.
    s.keys(b"j");
    s.wait("the long article", |sc| sc.contains("Entry 01"));
    s.keys(b"\t");
    s.wait("the reader focused", |_| s.status().contains("reader"));
    s.keys(b" ");
    s.wait("scrolled past the start", |sc| {
        !sc.contains("Entry 01") && top_entry(sc).is_some()
    });
    let first_page = top_entry(&settled(&s));
    s.keys(b" ");
    s.wait("a second page", |sc| top_entry(sc) != first_page);
    let top = top_entry(&settled(&s)).expect("an entry on screen");
    s.keys(b"m");
    s.wait("the note prompt", |_| s.status().contains("bookmark note"));
    s.keys(b"tide check\r");
    s.wait("the bookmark added", |_| s.status().contains("bookmarked"));
    quit(&mut s);

    let saved = std::fs::read_to_string(config.join("bookmarks.json")).expect("bookmarks saved");
    assert!(saved.contains("tide check"), "{saved}");
    assert!(config.join("session.json").is_file(), "reading state saved");
    assert_eq!(
        file_names(articles.path()),
        before,
        "nothing written into the article folder"
    );

    // Start again: the long article is open at the same entry, and marked in the list.
    let mut s = Session::start_with(articles.path(), &config, &cache);
    s.wait("the same place restored", |sc| {
        top_entry(sc).as_deref() == Some(top.as_str()) && sc.contains("Long harbour diary")
    });
    assert!(
        s.screen().contains("* Long harbour diary"),
        "bookmarked article marked:\n{}",
        s.screen()
    );
    // Go elsewhere, then back through the bookmark list.
    s.keys(b"g");
    s.wait("the first article", |sc| sc.contains("A short opening"));
    s.keys(b"'");
    s.wait("the bookmark list with the note", |sc| {
        sc.contains("Bookmarks (1)") && sc.contains("tide check")
    });
    s.keys(b"\r");
    s.wait("the jump to the bookmark", |sc| {
        !sc.contains("Bookmarks (1)")
            && !sc.contains("A short opening")
            && top_entry(sc).as_deref() == Some(top.as_str())
    });
    quit(&mut s);
}

#[test]
fn sigterm_saves_the_reading_state_before_exiting() {
    let articles = tempfile::tempdir().expect("temp dir");
    let state = tempfile::tempdir().expect("temp dir");
    let (config, cache) = (state.path().join("config"), state.path().join("cache"));
    corpus(articles.path());
    let mut s = Session::start_with(articles.path(), &config, &cache);
    s.wait("the article list", |sc| sc.contains("Articles (3)"));
    s.keys(b"j");
    s.wait("the long article", |sc| sc.contains("Entry 01"));
    s.keys(b"\t ");
    s.wait("scrolled", |sc| {
        !sc.contains("Entry 01") && top_entry(sc).is_some()
    });
    let top = top_entry(&settled(&s)).expect("an entry on screen");
    s.signal("TERM");
    let status = s.child.wait().expect("reader exits");
    assert!(status.success(), "exit status {status:?}");
    let session = std::fs::read_to_string(config.join("session.json")).expect("session saved");
    // The long article is the open one: its id is saved as the last article.
    let v: serde_json::Value = serde_json::from_str(&session).expect("valid JSON");
    let corpora = v["corpora"].as_object().expect("corpora");
    assert_eq!(corpora.len(), 1, "{session}");
    let reading = corpora.values().next().expect("one corpus");
    let last = reading["last_article"].as_str().expect("last article");
    assert!(
        reading["positions"].get(last).is_some(),
        "the open article's position is saved: {session}"
    );
    // Start again: the long article, not the first one, is open where it was.
    let mut s = Session::start_with(articles.path(), &config, &cache);
    s.wait("the long article again", |sc| {
        top_entry(sc).as_deref() == Some(top.as_str()) && !sc.contains("A short opening")
    });
    quit(&mut s);
}
