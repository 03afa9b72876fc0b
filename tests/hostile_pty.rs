//! End to end in a pseudo-terminal: the real binary opens the adversarial set, every article is
//! paged through to its end, the sidebar and overlays are opened, and the raw bytes byline wrote
//! to the terminal are checked: nothing from article data got through (no OSC, DCS, APC, PM or
//! SOS string, no 8-bit C1 control, no BEL, only the CSI sequences a ratatui backend emits, no
//! planted payload). Then SIGTERM must leave the terminal restored; and a terminal that goes
//! away must end the process quickly, without a panic or a loop.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{CommandBuilder, MasterPty, PtySize, native_pty_system};

use crate::adversarial::{MARK, build, build_smuggled};

const ROWS: u16 = 30;
const COLS: u16 = 110;

/// The binary in a pty, its output drained by a thread into a vt100 screen and a raw copy.
struct Pty {
    parser: Arc<Mutex<vt100::Parser>>,
    raw: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    master: Option<Box<dyn MasterPty + Send>>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Pty {
    /// Runs `program args...` with the state and cache directories inside `home`.
    fn start(program: &str, args: &[&std::ffi::OsStr], home: &Path) -> Pty {
        Pty::start_until(program, args, home, None)
    }

    /// Like [`Pty::start`]; with `stop`, the drain thread stops reading (and lets go of its
    /// master descriptor) once the screen shows that text, so the terminal can be closed.
    fn start_until(
        program: &str,
        args: &[&std::ffi::OsStr],
        home: &Path,
        stop: Option<&'static str>,
    ) -> Pty {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(program);
        for a in args {
            cmd.arg(a);
        }
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env("BYLINE_CONFIG_DIR", home.join("config"));
        cmd.env("BYLINE_CACHE_DIR", home.join("cache"));
        let child = pty.slave.spawn_command(cmd).expect("spawn");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let size = |n| std::num::NonZeroU16::new(n).expect("non-zero");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(ROWS), size(COLS), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let (p, r) = (Arc::clone(&parser), Arc::clone(&raw));
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                if let Ok(mut p) = p.lock() {
                    p.process(&buf[..n]);
                    if stop.is_some_and(|t| p.screen().contents().contains(t)) {
                        break;
                    }
                }
                if let Ok(mut r) = r.lock() {
                    r.extend_from_slice(&buf[..n]);
                }
            }
        });
        Pty {
            parser,
            raw,
            writer,
            master: Some(pty.master),
            child,
        }
    }

    fn screen(&self) -> String {
        self.parser
            .lock()
            .map(|p| p.screen().contents())
            .unwrap_or_default()
    }

    /// The status line once the screen has stopped changing (a read can land mid-draw).
    fn status(&self) -> String {
        let mut last = self.screen();
        loop {
            std::thread::sleep(Duration::from_millis(30));
            let now = self.screen();
            if now == last {
                return now.lines().last().unwrap_or("").to_owned();
            }
            last = now;
        }
    }

    /// Waits until `cond` holds for the screen, failing with the screen after 20 seconds.
    fn wait(&self, what: &str, cond: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(20);
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

    fn keys(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).expect("write keys");
        self.writer.flush().expect("flush keys");
    }

    fn raw(&self) -> Vec<u8> {
        self.raw.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

/// Every escape sequence in `out`, as (introducer byte after ESC, parameters, final byte).
/// Fails on anything that is not a CSI sequence: string sequences (OSC, DCS, SOS, PM, APC) and
/// two-byte escapes never come from a ratatui backend.
fn csi_sequences(out: &str) -> Vec<(String, char)> {
    let mut seqs = Vec::new();
    let mut it = out.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        if c != '\u{1b}' {
            continue;
        }
        let intro = it.next().map(|(_, c)| c);
        assert_eq!(
            intro,
            Some('['),
            "a non-CSI escape at byte {at}: {:?}",
            out.get(at..(at + 24).min(out.len())).unwrap_or("")
        );
        let mut params = String::new();
        let mut fin = None;
        for (_, c) in it.by_ref() {
            match c {
                '\u{30}'..='\u{3f}' | '\u{20}'..='\u{2f}' => params.push(c),
                '\u{40}'..='\u{7e}' => {
                    fin = Some(c);
                    break;
                }
                other => panic!("a broken CSI sequence at byte {at}: {params:?} then {other:?}"),
            }
        }
        seqs.push((params, fin.expect("a CSI sequence cut off at the end")));
    }
    seqs
}

/// The CSI sequences a crossterm backend writes for ratatui: cursor moves and visibility, SGR
/// colours and attributes, clearing, the screen and input modes, and the keyboard flags push
/// and pop. Anything else (a report request such as `CSI 6 n` or `CSI 21 t`, scrolling regions,
/// window manipulation) can only have come from article data.
fn is_backend_csi(params: &str, fin: char) -> bool {
    let digits = |s: &str| {
        s.chars()
            .all(|c| c.is_ascii_digit() || c == ';' || c == ':')
    };
    match fin {
        'm' | 'H' | 'A' | 'B' | 'C' | 'D' | 'G' | 'J' | 'K' => digits(params),
        'h' | 'l' => params.strip_prefix('?').is_some_and(|p| {
            matches!(
                p,
                "1049" | "25" | "1000" | "1002" | "1003" | "1006" | "1015" | "2004"
            )
        }),
        'u' => {
            params.strip_prefix('>').is_some_and(digits)
                || params.strip_prefix('<').is_some_and(digits)
        }
        _ => false,
    }
}

/// The whole check on what byline wrote: valid UTF-8, no control other than ESC, CR and LF,
/// no C1, bidi or invisible character, only backend CSI sequences, and no planted payload.
fn assert_terminal_bytes_clean(raw: &[u8]) {
    let out = std::str::from_utf8(raw).expect("byline writes valid UTF-8 to the terminal");
    for c in out.chars() {
        let bad = (c.is_control() && !matches!(c, '\u{1b}' | '\r' | '\n'))
            || byline::corpus::sanitize::is_removed(c);
        assert!(!bad, "U+{:04X} written to the terminal", u32::from(c));
    }
    for (params, fin) in csi_sequences(out) {
        assert!(
            is_backend_csi(&params, fin),
            "CSI {params:?} {fin:?} is not one a ratatui backend writes"
        );
    }
    assert!(
        !out.contains(MARK),
        "a planted payload reached the terminal"
    );
    assert!(
        !out.contains("52;c;"),
        "a clipboard payload reached the terminal"
    );
}

impl Pty {
    /// Presses `key` until the status line names `pane` as focused.
    fn focus(&mut self, pane: &str, key: &[u8]) {
        // The status line starts "i/n p% PANE " (or just "PANE "), then any message.
        let focused = |s: &Pty| {
            let st = s.status();
            st.split_whitespace()
                .find(|w| matches!(*w, "articles" | "reader" | "entities"))
                == Some(pane)
        };
        for _ in 0..8 {
            if focused(self) {
                return;
            }
            let before = self.status();
            self.keys(key);
            self.wait("the focus to move", |_| self.status() != before);
        }
        assert!(focused(self), "never focused {pane}: {}", self.status());
    }

    /// Presses `key` and waits for the screen to change (or `done` to hold).
    fn press_until(&mut self, key: &[u8], what: &str, done: impl Fn(&str) -> bool) {
        for _ in 0..2_000 {
            if done(&self.screen()) {
                return;
            }
            let before = self.screen();
            self.keys(key);
            self.wait(what, |sc| sc != before || done(sc));
        }
        panic!("never reached {what}:\n{}", self.screen());
    }

    /// Presses Esc alone: a byte following too soon would make it Alt plus that key.
    fn esc(&mut self) {
        self.keys(b"\x1b");
        std::thread::sleep(Duration::from_millis(150));
    }

    fn signal(&self, sig: &str) {
        let pid = self.child.process_id().expect("child pid");
        let ok = std::process::Command::new("kill")
            .arg(format!("-{sig}"))
            .arg(pid.to_string())
            .status()
            .expect("run kill");
        assert!(ok.success(), "kill -{sig} failed");
    }

    fn resize(&self, rows: u16, cols: u16) {
        // Our screen first, then the terminal's: byline redraws as soon as the terminal
        // changes, and a frame for the new size parsed at the old one would be cut to it,
        // with no later frame to mend it.
        if let Ok(mut p) = self.parser.lock() {
            let nz = |n: u16| std::num::NonZeroU16::new(n.max(1)).expect("non-zero");
            p.screen_mut().set_size(nz(rows), nz(cols));
        }
        if let Some(m) = &self.master {
            m.resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize the pty");
        }
    }
}

#[test]
fn paging_through_the_adversarial_set_writes_no_sequence_from_article_data() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    let locked = build(&corpus);
    let smuggled = build_smuggled(&corpus);
    // The readable articles of `build` (see tests/loading.rs), one more when root reads the
    // mode-000 file, and the smuggling ones.
    let n = 10 + usize::from(!locked) + smuggled.len();
    let mut s = Pty::start(
        env!("CARGO_BIN_EXE_byline"),
        &[corpus.as_os_str()],
        dir.path(),
    );
    let header = format!("Articles ({n})");
    s.wait("the loaded list", |sc| {
        sc.contains(&header) && !sc.contains("loading…")
    });
    s.focus("articles", b"\t");
    let mut seen = Vec::new();
    for i in 1..=n {
        if i > 1 {
            s.keys(b"j");
        }
        s.keys(b"\r");
        let at = format!("{i}/{n} ");
        s.wait("the article to open", |_| s.status().starts_with(&at));
        s.focus("reader", b"\t");
        // Page down to the end, one screen at a time, so every line is drawn.
        let end = format!("{at}100% ");
        s.press_until(b" ", "the end of the article", |sc| {
            sc.lines().last().is_some_and(|l| l.starts_with(&end))
        });
        seen.push(s.screen().lines().next().unwrap_or("").to_owned());
        s.focus("articles", b"\x1b[Z");
    }
    for t in &smuggled {
        assert!(
            seen.iter().any(|l| l.contains(t)),
            "{t} never shown: {seen:?}"
        );
    }
    // The sidebar, and its mentions view when the extractor found an entity.
    s.focus("entities", b"\t");
    s.keys(b"j\r");
    std::thread::sleep(Duration::from_millis(200));
    s.esc();
    // Every overlay and prompt: help, corpus search and its result list, related, filter.
    s.keys(b"?");
    s.wait("the help overlay", |sc| sc.contains("quit at once"));
    s.keys(b"\x1b[6~\x1b[6~G");
    s.esc();
    s.keys(b"sLopez\r");
    s.wait("the search results", |sc| sc.contains("Raw Escapes Story"));
    s.esc();
    s.keys(b"r");
    std::thread::sleep(Duration::from_millis(200));
    s.esc();
    s.focus("articles", b"\x1b[Z");
    s.keys(b"fStory");
    s.wait("the filter prompt", |_| {
        s.status().contains("Story\u{258f}")
    });
    s.wait("the filtered list", |sc| !sc.contains(&header));
    // A burst of resizes, through 0x0, while the filter prompt is open.
    for (rows, cols) in [
        (0, 0),
        (1, 1),
        (5, 200),
        (0, 80),
        (50, 0),
        (3, 10),
        (ROWS, COLS),
    ] {
        s.resize(rows, cols);
    }
    s.esc();
    s.esc();
    s.wait("a full redraw at the final size", |sc| sc.contains(&header));

    s.signal("TERM");
    let status = s.child.wait().expect("byline exits");
    assert!(
        status.success(),
        "a clean exit after SIGTERM, got {status:?}"
    );
    // Let the drain thread read the last bytes.
    let deadline = Instant::now() + Duration::from_secs(10);
    while !String::from_utf8_lossy(&s.raw()).contains("\x1b[?1049l") && Instant::now() < deadline {
        std::thread::sleep(Duration::from_millis(20));
    }
    let raw = s.raw();
    assert_terminal_bytes_clean(&raw);
    let text = String::from_utf8_lossy(&raw);
    let entered = text
        .rfind("\x1b[?1049h")
        .expect("entered the alternate screen");
    let tail = &text[entered..];
    for (seq, what) in [
        ("\x1b[?1049l", "left the alternate screen"),
        ("\x1b[?25h", "showed the cursor"),
        ("\x1b[?1000l", "switched mouse capture off"),
        ("\x1b[?2004l", "switched bracketed paste off"),
    ] {
        assert!(tail.contains(seq), "SIGTERM: never {what}");
    }
}

#[test]
fn the_byte_check_catches_every_family_and_passes_backend_output() {
    let backend = "\x1b[?1049h\x1b[?1000h\x1b[?1002h\x1b[?1003h\x1b[?1015h\x1b[?1006h\x1b[?2004h\
                   \x1b[>1u\x1b[?25l\x1b[2J\x1b[1;1H\x1b[38;5;12m\x1b[1mTitle\x1b[0m \u{2502}\r\n\
                   \x1b[<1u\x1b[?1049l\x1b[?25h";
    assert_terminal_bytes_clean(backend.as_bytes());
    for bad in [
        "\x1b]0;title\x07",
        "\x1b]52;c;aGk=\x1b\\",
        "\x1b]8;;https://x\x1b\\",
        "\x1bPq\x1b\\",
        "\x1b_a\x1b\\",
        "\x1b^a\x1b\\",
        "\x1bXa\x1b\\",
        "\x1bc",
        "\u{9b}2J",
        "\u{9d}0;t\u{9c}",
        "ding\x07",
        "\x1b[21t",
        "\x1b[6n",
        "\x1b[1;24r",
        "\x1b[?1049",
        "trojan \u{202e}",
        "plain MARK text",
    ] {
        let out = format!("{backend}{bad}");
        let caught = std::panic::catch_unwind(|| assert_terminal_bytes_clean(out.as_bytes()));
        assert!(caught.is_err(), "{bad:?} was not caught");
    }
    let caught = std::panic::catch_unwind(|| assert_terminal_bytes_clean(b"\x9b2J"));
    assert!(caught.is_err(), "a raw 8-bit CSI byte was not caught");
}

/// Whether process `pid` has ended (gone, or a zombie nobody reaped yet).
fn ended(pid: u32) -> bool {
    match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
        // The state follows the command name in parentheses, which may itself hold spaces.
        Ok(stat) => stat
            .rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('Z') || rest.starts_with('X')),
        Err(_) => true,
    }
}

/// Starts byline on a small corpus through `sh -c script`, waits for the list, then closes
/// the pty master as a terminal emulator that quits would. Returns byline's pid and the file
/// its stderr went to.
fn close_terminal_under(script: &str, dir: &Path) -> (u32, std::path::PathBuf) {
    let corpus = dir.join("corpus");
    crate::adversarial::write(&corpus, "one.txt", "One Title\n\nSome words here.\n");
    crate::adversarial::write(&corpus, "two.txt", "Two Title\n\nMore words there.\n");
    let err = dir.join("stderr.txt");
    let pidfile = dir.join("pid");
    let script = script
        .replace("ERR", &err.display().to_string())
        .replace("PIDFILE", &pidfile.display().to_string());
    let mut s = Pty::start_until(
        "sh",
        &[
            "-c".as_ref(),
            script.as_ref(),
            env!("CARGO_BIN_EXE_byline").as_ref(),
            corpus.as_os_str(),
        ],
        dir,
        Some("Articles (2)"),
    );
    s.wait("the article list", |sc| sc.contains("Articles (2)"));
    let pid: u32 = std::fs::read_to_string(&pidfile)
        .expect("pid file")
        .trim()
        .parse()
        .expect("a pid");
    // Closing every master descriptor hangs the terminal up; the drain thread has dropped
    // its clone already.
    s.writer = Box::new(std::io::sink());
    drop(s.master.take());
    (pid, err)
}

/// Waits up to ten seconds for `pid` to end; a process spinning on a dead terminal never does.
fn assert_ends_quietly(pid: u32, err: &Path) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !ended(pid) {
        assert!(
            Instant::now() < deadline,
            "byline still runs after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    let stderr = std::fs::read_to_string(err).unwrap_or_default();
    assert!(!stderr.contains("panicked"), "a panic: {stderr}");
    assert!(stderr.lines().count() <= 1, "repeated output: {stderr}");
}

#[test]
fn a_hung_up_terminal_ends_the_process_without_a_panic() {
    // byline is the session leader on the pty: the kernel sends it SIGHUP.
    let dir = tempfile::tempdir().expect("tempdir");
    let (pid, err) =
        close_terminal_under(r#"echo $$ > "PIDFILE"; exec "$0" "$@" 2>"ERR""#, dir.path());
    assert_ends_quietly(pid, &err);
}

#[test]
fn a_closed_terminal_without_a_hang_up_signal_ends_the_process() {
    // In a session of its own, byline gets no SIGHUP: only failing reads and writes (EIO).
    let dir = tempfile::tempdir().expect("tempdir");
    let script = r#"exec 3<&0; setsid "$0" "$@" <&3 2>"ERR" & echo $! > "PIDFILE"; wait"#;
    let (pid, err) = close_terminal_under(script, dir.path());
    assert_ends_quietly(pid, &err);
}
