//! Two byline instances on one state directory: nothing lost, deletions stay deleted, and a
//! process killed in the middle of saving leaves a file that parses. Uses separate stores in one
//! process, threads, and real child processes (this test binary re-run on an ignored helper test).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::thread;
use std::time::Duration;

use byline::corpus::{Article, Format};
use byline::persist::{Bookmark, Bookmarks, State, Store};

const DIR_ENV: &str = "BYLINE_TEST_STATE_DIR";
const TAG_ENV: &str = "BYLINE_TEST_WRITER_TAG";
const COUNT_ENV: &str = "BYLINE_TEST_WRITER_COUNT";

fn article(id: &str) -> Article {
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
        text: format!("Title {id}\n\nBody of {id}. Second sentence of {id}.").into(),
        lead: 1,
    }
}

fn bm(tag: &str, i: usize) -> Bookmark {
    Bookmark::new(
        &article(&format!("{tag}{i}")),
        12,
        Some(format!("{tag}-{i}")),
    )
}

fn notes(dir: &Path) -> Vec<String> {
    let st: Store<Bookmarks> = Store::open(Some(dir));
    let mut v: Vec<String> = st
        .doc()
        .list()
        .iter()
        .map(|b| b.note_str().to_string())
        .collect();
    v.sort();
    v
}

#[test]
fn interleaved_saves_lose_nothing_and_do_not_resurrect() {
    let d = tempfile::tempdir().unwrap();
    let mut a = State::open_in(Some(d.path()));
    let mut b = State::open_in(Some(d.path()));
    let a1 = bm("a", 1);
    a.bookmarks.doc_mut().add(a1.clone());
    assert!(a.save());
    let b1 = bm("b", 1);
    b.bookmarks.doc_mut().add(b1.clone());
    assert!(b.save());
    a.bookmarks.doc_mut().add(bm("a", 2));
    assert!(a.save()); // a now also holds b1
    assert!(
        b.bookmarks
            .doc_mut()
            .set_note(&a1.id, Some("edited by b".into()))
    );
    assert!(b.save());
    assert!(a.bookmarks.doc_mut().remove(&b1.id).is_some());
    assert!(a.save());
    // b still holds b1 in memory; its save must not bring it back.
    b.bookmarks.doc_mut().add(bm("b", 2));
    assert!(b.save());
    // Reading state from both sides, per article.
    let (x, y) = (article("x"), article("y"));
    a.session.doc_mut().set_position("k", &x, 10);
    assert!(a.save());
    b.session.doc_mut().set_position("k", &y, 12);
    assert!(b.save());

    assert_eq!(notes(d.path()), ["a-2", "b-2", "edited by b"]);
    let fresh = State::open_in(Some(d.path()));
    assert_eq!(fresh.session.doc().position("k", &x), Some(10));
    assert_eq!(fresh.session.doc().position("k", &y), Some(12));
    // And the stale instance catches up on refresh.
    assert!(b.bookmarks.refresh().is_ok());
    assert!(b.bookmarks.doc().get(&b1.id).is_none());
}

#[test]
fn concurrent_threads_with_separate_stores_lose_nothing() {
    let d = tempfile::tempdir().unwrap();
    let per = 10;
    let handles: Vec<_> = ["p", "q", "r", "s"]
        .into_iter()
        .map(|tag| {
            let dir = d.path().to_path_buf();
            thread::spawn(move || {
                let mut st: Store<Bookmarks> = Store::open(Some(&dir));
                for i in 0..per {
                    st.doc_mut().add(bm(tag, i));
                    st.save().unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let got = notes(d.path());
    assert_eq!(got.len(), 4 * per, "{got:?}");
}

/// Runs one ignored helper test of this binary in a child process.
fn child(test: &str, dir: &Path, envs: &[(&str, String)]) -> Command {
    let mut c = Command::new(std::env::current_exe().unwrap());
    c.args([
        test,
        "--exact",
        "--ignored",
        "--nocapture",
        "--test-threads=1",
    ])
    .env(DIR_ENV, dir)
    .stdout(Stdio::null())
    .stderr(Stdio::piped());
    for (k, v) in envs {
        c.env(k, v);
    }
    c
}

#[test]
fn two_processes_writing_at_once_lose_nothing() {
    let d = tempfile::tempdir().unwrap();
    let per = 15;
    let kids: Vec<_> = ["one", "two"]
        .into_iter()
        .map(|tag| {
            child(
                "persist_two::child_writer",
                d.path(),
                &[(TAG_ENV, tag.into()), (COUNT_ENV, per.to_string())],
            )
            .spawn()
            .unwrap()
        })
        .collect();
    for k in kids {
        let out = k.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let got = notes(d.path());
    assert_eq!(got.len(), 2 * per, "{got:?}");
    assert!(got.iter().any(|n| n.starts_with("one-")));
    assert!(got.iter().any(|n| n.starts_with("two-")));
}

#[test]
fn killed_mid_save_leaves_a_file_that_parses() {
    let d = tempfile::tempdir().unwrap();
    let file = d.path().join("bookmarks.json");
    let size = |p: &Path| std::fs::metadata(p).map_or(0, |m| m.len());
    for round in 0..4u64 {
        let before = size(&file);
        let mut k = child(
            "persist_two::child_writer",
            d.path(),
            &[(TAG_ENV, format!("k{round}")), (COUNT_ENV, "2000".into())],
        )
        .spawn()
        .unwrap();
        // Wait (bounded) until the child is saving, then let the kill land at a different
        // point of its save loop each round.
        for _ in 0..4000 {
            if size(&file) > before {
                break;
            }
            thread::sleep(Duration::from_millis(5));
        }
        thread::sleep(Duration::from_millis(3 * round));
        k.kill().unwrap();
        let _ = k.wait();
        assert!(size(&file) > before, "round {round}: the child never saved");
        let mut st: Store<Bookmarks> = Store::open(Some(d.path()));
        assert!(
            st.take_warnings().is_empty(),
            "round {round}: the file did not parse"
        );
        assert!(
            st.doc()
                .list()
                .iter()
                .any(|b| b.note_str().starts_with(&format!("k{round}-")))
        );
    }
}

#[test]
fn platform_dir_respects_xdg_config_home_and_env_override() {
    let d = tempfile::tempdir().unwrap();
    let xdg = d.path().join("xdg");
    let run = |envs: &[(&str, String)], expect: PathBuf| {
        let mut c = child("persist_two::child_state_dir", d.path(), envs);
        c.env("XDG_CONFIG_HOME", &xdg)
            .env("HOME", d.path())
            .env("BYLINE_TEST_EXPECT", expect);
        let out = c.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    };
    // An empty BYLINE_CONFIG_DIR counts as unset.
    let mut c = vec![("BYLINE_CONFIG_DIR", String::new())];
    run(&c, xdg.join("byline"));
    c[0].1 = d.path().join("override").display().to_string();
    run(&c, d.path().join("override"));
}

/// Helper run by the tests above in a child process: adds bookmarks one by one, saving each.
#[test]
#[ignore = "helper: run in a child process by two_processes_writing_at_once_lose_nothing"]
fn child_writer() {
    let (Some(dir), Some(tag)) = (std::env::var_os(DIR_ENV), std::env::var(TAG_ENV).ok()) else {
        eprintln!("child_writer: only meaningful when run by its parent test");
        return;
    };
    let count: usize = std::env::var(COUNT_ENV)
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(10);
    let mut st: Store<Bookmarks> = Store::open(Some(Path::new(&dir)));
    for i in 0..count {
        st.doc_mut().add(bm(&tag, i));
        st.save().unwrap();
    }
}

/// Helper run by the test above in a child process, with its own environment.
#[test]
#[ignore = "helper: run in a child process by platform_dir_respects_xdg_config_home"]
fn child_state_dir() {
    let Some(expect) = std::env::var_os("BYLINE_TEST_EXPECT") else {
        eprintln!("child_state_dir: only meaningful when run by its parent test");
        return;
    };
    let (dir, _) = byline::persist::dirs::state_dir(None).unwrap();
    assert_eq!(dir, PathBuf::from(expect));
}
