//! End-to-end: the corpus-wide search through the real runner. Enter hands the scan to the
//! runner's worker thread; the answer must come back and be drawn, and a miss must be said.

use std::path::Path;

use crate::reader_pty::Session;

fn corpus(dir: &Path) {
    let files = [
        (
            "a-harbour.txt",
            "Harbour repairs finished\n\nThe old crane at the north quay moves again. Dock \
             workers in Valparaiso cheered when it lifted its first load.",
        ),
        (
            "b-orchard.txt",
            "Orchard season opens\n\nPickers arrived before dawn. The orchard owners expect a \
             long season and fair prices at the market.",
        ),
        (
            "c-quay.txt",
            "Quay extension approved\n\nValparaiso council approved the quay extension. The \
             crane contract goes out to tender, and the crane must be electric.",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write corpus file");
    }
}

#[test]
fn corpus_search_answers_through_the_worker_and_says_when_nothing_matches() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path());
    let state = tempfile::tempdir().expect("temp state dir");
    let mut s = Session::start_with(
        dir.path(),
        &state.path().join("config"),
        &state.path().join("cache"),
    );
    s.wait("the article list", |sc| sc.contains("Articles (3)"));
    s.keys(b"scrane\r");
    s.wait("the results picker", |sc| {
        sc.contains("Articles containing \"crane\" (2)")
    });
    // The article with more hits (the quay, two) comes first; Enter opens it on its first.
    s.keys(b"\r");
    s.wait("the article opened on its first hit", |_| {
        s.status().contains("hit 1 of 2 for \"crane\"")
    });
    // Esc clears the article search; wait for it, or the next key reads as Alt+key.
    s.keys(b"\x1b");
    s.wait("the article search cleared", |_| {
        !s.status().contains("hit 1 of 2")
    });
    s.keys(b"szebra\r");
    s.wait("the miss said", |_| {
        s.status().contains("no article contains \"zebra\"")
    });
    s.keys(b"q");
    let status = s.child.wait().expect("reader exits");
    assert!(status.success(), "exit status {status:?}");
}
