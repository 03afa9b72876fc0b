//! End-to-end: the real binary in a pseudo-terminal, driven by keys, its screen read back with
//! a terminal emulator (vt100). The pty is drained on a thread and each step waits for the
//! screen it expects instead of sleeping.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, PtySize, native_pty_system};

const ROWS: u16 = 30;
const COLS: u16 = 120;

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("non-zero size")
}

pub(crate) struct Session {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    pub(crate) child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The config and cache directories when the session made its own (removed on drop).
    _state: Option<tempfile::TempDir>,
}

impl Session {
    /// Starts the binary under test. `BYLINE_TEST_BIN` (and space-separated
    /// `BYLINE_TEST_ARGS` put before the paths) point it at another build, e.g. the example
    /// reader with stand-in entities, until main.rs and the extractor are merged.
    fn start(dir: &Path) -> Session {
        // Never touch the user's real config (bookmarks, reading state) or index cache.
        let state = tempfile::tempdir().expect("temp state dir");
        let mut s = Session::start_with(
            dir,
            &state.path().join("config"),
            &state.path().join("cache"),
        );
        s._state = Some(state);
        s
    }

    /// Starts the binary on `dir` with `BYLINE_CONFIG_DIR` and `BYLINE_CACHE_DIR` set, so a
    /// test can start it again on the same state.
    pub(crate) fn start_with(dir: &Path, config: &Path, cache: &Path) -> Session {
        Session::launch(dir, config, cache, false)
    }

    /// [`Session::start_with`], with the index cache on: read from and written to `cache`.
    pub(crate) fn start_caching(dir: &Path, config: &Path, cache: &Path) -> Session {
        Session::launch(dir, config, cache, true)
    }

    fn launch(dir: &Path, config: &Path, cache: &Path, use_cache: bool) -> Session {
        let bin = std::env::var("BYLINE_TEST_BIN")
            .unwrap_or_else(|_| env!("CARGO_BIN_EXE_byline").to_owned());
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(bin);
        if let Ok(extra) = std::env::var("BYLINE_TEST_ARGS") {
            for a in extra.split_whitespace() {
                cmd.arg(a);
            }
        }
        cmd.arg(dir);
        cmd.env("TERM", "xterm-256color");
        cmd.env("BYLINE_CONFIG_DIR", config);
        cmd.env("BYLINE_CACHE_DIR", cache);
        cmd.env_remove("NO_COLOR");
        // Tests must not read or fill the user's index cache (`cache` is never the user's).
        if use_cache {
            cmd.env_remove("BYLINE_NO_CACHE");
        } else {
            cmd.env("BYLINE_NO_CACHE", "1");
        }
        let child = pty.slave.spawn_command(cmd).expect("spawn the reader");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(ROWS),
            nonzero(COLS),
            0,
        )));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            // Keep the master alive as long as the reader thread runs.
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = p.lock() {
                    p.process(&buf[..n]);
                }
                if let Ok(mut r) = r.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
            }
        });
        Session {
            parser,
            raw,
            writer,
            child,
            _state: None,
        }
    }

    pub(crate) fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    pub(crate) fn status(&self) -> String {
        self.screen().lines().last().unwrap_or("").to_owned()
    }

    /// Waits until `cond` holds for the screen, failing with the screen after 15 seconds.
    pub(crate) fn wait(&self, what: &str, cond: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        loop {
            let s = self.screen();
            if cond(&s) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out waiting for {what}; screen:\n{s}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    pub(crate) fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush keys");
    }
}

fn corpus(dir: &Path) {
    let files = [
        (
            "a-premiere.txt",
            "Harbor premiere draws a crowd\n\nSam Hargrave arrived early at the Lisbon premiere. \
             Critics said Sam Hargrave kept the tone light.\n\nLater that night, Sam Hargrave thanked the crew.",
        ),
        (
            "b-budget.txt",
            "Studio budgets grow\n\nAnalysts expect bigger budgets next year. Nobody from the \
             studio would comment on the figures.",
        ),
        (
            "c-sequel.txt",
            "Sequel confirmed\n\nThe sequel will again be directed by Sam Hargrave. Filming in \
             Lisbon starts in spring, and Sam Hargrave wants the same cast.",
        ),
    ];
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("write corpus file");
    }
}

#[test]
fn jump_across_articles_and_back_then_quit_restores_the_terminal() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path());
    let mut s = Session::start(dir.path());
    s.wait("the article list", |sc| sc.contains("Articles (3)"));
    // Open the first article and focus the sidebar: its first entity is selected at once.
    s.keys(b"\r");
    s.wait("the reader focused", |_| s.status().contains("reader"));
    s.keys(b"\t");
    s.wait("the sidebar focused on its first entity", |_| {
        let st = s.status();
        st.contains("entities") && st.contains("Sam Hargrave")
    });
    s.keys(b"n");
    s.wait("the first mention", |_| {
        s.status().contains("mention 1/3 of Sam Hargrave")
    });
    // ] three times: past the two other mentions here, into the third article.
    s.keys(b"]]]");
    s.wait("the next article", |_| {
        s.status().contains("mention 1/2 of Sam Hargrave, 2 of 2")
    });
    assert!(s.screen().contains("Sequel confirmed"));
    // Ctrl-o goes back to where the last jump started.
    s.keys(b"\x0f");
    s.wait("back in the first article", |_| {
        s.status().contains("mention 3/3 of Sam Hargrave, 1 of 2")
    });
    s.keys(b"q");
    let status = s.child.wait().expect("reader exits");
    assert!(status.success(), "exit status {status:?}");
    // Give the drain thread a moment to read the final bytes, then check the restore.
    let deadline = Instant::now() + Duration::from_secs(5);
    loop {
        let done = s
            .parser
            .lock()
            .map(|p| !p.screen().alternate_screen())
            .unwrap_or(false);
        if done || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let raw = s.raw.lock().map(|r| r.clone()).unwrap_or_default();
    let text = String::from_utf8_lossy(&raw);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let left = text
        .rfind("\x1b[?1049l")
        .expect("left the alternate screen");
    assert!(left > entered, "alternate screen left after it was entered");
    assert!(
        text.rfind("\x1b[?1000l").is_some(),
        "mouse capture switched off"
    );
    let parser_alt = s
        .parser
        .lock()
        .map(|p| p.screen().alternate_screen())
        .unwrap_or(true);
    assert!(!parser_alt, "terminal back on the normal screen");
}

impl Session {
    pub(crate) fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("child pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(ok.success(), "kill -{sig} failed");
    }

    fn alternate(&self) -> bool {
        self.parser
            .lock()
            .map(|p| p.screen().alternate_screen())
            .unwrap_or(false)
    }

    fn wait_alternate(&self, want: bool) {
        let deadline = Instant::now() + Duration::from_secs(15);
        while self.alternate() != want {
            assert!(
                Instant::now() < deadline,
                "alternate screen never became {want}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

#[test]
fn sigterm_restores_the_terminal_and_exits() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path());
    let mut s = Session::start(dir.path());
    s.wait("the article list", |sc| sc.contains("Articles (3)"));
    s.signal("TERM");
    let status = s.child.wait().expect("reader exits");
    assert!(
        status.success(),
        "a clean exit after SIGTERM, got {status:?}"
    );
    s.wait_alternate(false);
    let raw = s.raw.lock().map(|r| r.clone()).unwrap_or_default();
    let text = String::from_utf8_lossy(&raw);
    assert!(text.contains("\x1b[?1049l"), "left the alternate screen");
    assert!(text.contains("\x1b[?25h"), "cursor shown again");
}

#[test]
fn ctrl_z_suspends_and_continuing_redraws() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path());
    let mut s = Session::start(dir.path());
    s.wait("the article list", |sc| sc.contains("Articles (3)"));
    s.keys(b"\x1a");
    // Suspending gives the normal screen back before stopping.
    s.wait_alternate(false);
    s.signal("CONT");
    s.wait_alternate(true);
    s.wait("a full redraw", |sc| {
        sc.contains("Articles (3)") && sc.contains("Entities")
    });
    s.keys(b"q");
    let status = s.child.wait().expect("reader exits");
    assert!(status.success());
}

#[test]
fn a_broken_config_is_named_on_screen_and_its_good_lines_apply() {
    let dir = tempfile::tempdir().expect("temp dir");
    corpus(dir.path());
    let cfg = tempfile::tempdir().expect("config dir");
    std::fs::write(
        cfg.path().join("config.toml"),
        "[reader]\nsort = \"sideways\"\n\n[keys.global]\nquit = \"x\"\n",
    )
    .expect("write config");
    let mut s = Session::start_with(dir.path(), cfg.path(), &cfg.path().join("cache"));
    s.wait("the config message", |sc| {
        sc.lines()
            .last()
            .is_some_and(|l| l.contains("config.toml line 2: sort"))
    });
    // q no longer quits; x does. The help opened after q proves q was handled first.
    s.keys(b"q?");
    s.wait("the help overlay", |sc| sc.contains("Keys (Esc closes)"));
    // The help lists the binding. (Not the status line: the config message can crowd the key
    // hints out of it, depending on whether an article is open yet.)
    let bound = |sc: &str, key: &str| {
        sc.lines().any(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            words.windows(2).any(|w| w == [key, "quit"])
        })
    };
    s.wait("x as quit in the help", |sc| bound(sc, "x"));
    let help = s.screen();
    assert!(!bound(&help, "q"), "q still bound to quit:\n{help}");
    assert!(
        s.child.try_wait().expect("poll").is_none(),
        "q must not quit"
    );
    // Esc and x apart: sent together they read as alt-x.
    s.keys(b"\x1b");
    s.wait("the help to close", |sc| !sc.contains("Keys (Esc closes)"));
    s.keys(b"x");
    let status = s.child.wait().expect("reader exits");
    assert!(status.success(), "{status:?}");
}
