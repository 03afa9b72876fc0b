//! The way out when the event loop cannot take it: a thread that ends the process when the
//! terminal is gone (hung up or closed) or when a quit signal went unanswered. Never draws.
//!
//! Why: once the terminal hangs up, crossterm's input reader gets end-of-file or EIO in a loop
//! that never returns, so the event loop never sees the SIGHUP flag and spins at full CPU.
//! A hung-up terminal fails every terminal ioctl, so "stdout is still a terminal" is a cheap,
//! reliable test that needs no unsafe code.

use std::io::IsTerminal;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// How often the watchdog looks.
const EVERY: Duration = Duration::from_millis(100);

/// How long the event loop gets to answer a quit signal itself (it polls every 50 ms).
const GRACE: Duration = Duration::from_secs(2);

/// What the watchdog decides after one look.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// All is well, or the event loop still has time to quit on its own.
    Wait,
    /// The terminal is gone: exit at once (nothing can be restored on it).
    TerminalGone,
    /// A quit signal has waited longer than the grace period: restore and exit.
    QuitUnanswered,
}

/// The pure decision: `terminal` is whether stdout is still a terminal, `quit_for` how long a
/// quit signal has been pending (`None`: no signal).
#[must_use]
pub fn judge(terminal: bool, quit_for: Option<Duration>) -> Verdict {
    if !terminal {
        Verdict::TerminalGone
    } else if quit_for.is_some_and(|d| d >= GRACE) {
        Verdict::QuitUnanswered
    } else {
        Verdict::Wait
    }
}

/// Starts the watchdog for a reader whose stdout is a terminal now. `quit` is the flag the
/// signal handlers set.
pub fn spawn(quit: Arc<AtomicBool>) {
    let spawned = std::thread::Builder::new()
        .name("byline-watchdog".into())
        .spawn(move || {
            let mut quit_since = None;
            loop {
                std::thread::sleep(EVERY);
                if quit.load(Ordering::Relaxed) {
                    quit_since.get_or_insert_with(std::time::Instant::now);
                }
                let pending = quit_since.map(|t: std::time::Instant| t.elapsed());
                let verdict = judge(std::io::stdout().is_terminal(), pending);
                if verdict != Verdict::Wait {
                    // An index cache still being written would stay behind as a temporary
                    // file (a later open would sweep it; this saves the disk until then).
                    crate::corpus::cache::discard_unfinished();
                }
                match verdict {
                    Verdict::Wait => {}
                    // Exit code 129 is the shell's "ended by SIGHUP".
                    Verdict::TerminalGone => std::process::exit(129),
                    Verdict::QuitUnanswered => {
                        super::terminal::restore();
                        std::process::exit(0);
                    }
                }
            }
        });
    // Without the watchdog the reader still works; only the closed-terminal case degrades.
    drop(spawned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gone_terminal_wins_and_quit_waits_for_the_grace_period() {
        assert_eq!(judge(true, None), Verdict::Wait);
        assert_eq!(judge(false, None), Verdict::TerminalGone);
        assert_eq!(judge(false, Some(Duration::ZERO)), Verdict::TerminalGone);
        assert_eq!(judge(true, Some(Duration::from_millis(500))), Verdict::Wait);
        assert_eq!(judge(true, Some(GRACE)), Verdict::QuitUnanswered);
    }
}
