//! Signals as flags the event loop polls: SIGTERM, SIGHUP and SIGINT end the reader (after
//! restoring the terminal), SIGTSTP suspends it, SIGCONT and SIGWINCH ask for a full redraw.

use std::io;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use signal_hook::consts::signal::{SIGCONT, SIGHUP, SIGINT, SIGTERM, SIGTSTP, SIGWINCH};
use signal_hook::flag;

/// Flags set by signal handlers.
#[derive(Debug, Default)]
pub struct Signals {
    quit: Arc<AtomicBool>,
    stop: Arc<AtomicBool>,
    cont: Arc<AtomicBool>,
    winch: Arc<AtomicBool>,
}

impl Signals {
    /// Registers the handlers.
    ///
    /// # Errors
    /// When a handler cannot be installed.
    pub fn register() -> io::Result<Signals> {
        let s = Signals::default();
        for sig in [SIGTERM, SIGHUP, SIGINT] {
            flag::register(sig, Arc::clone(&s.quit))?;
        }
        flag::register(SIGTSTP, Arc::clone(&s.stop))?;
        flag::register(SIGCONT, Arc::clone(&s.cont))?;
        flag::register(SIGWINCH, Arc::clone(&s.winch))?;
        Ok(s)
    }

    /// A terminating signal arrived.
    #[must_use]
    pub fn quit(&self) -> bool {
        self.quit.load(Ordering::Relaxed)
    }

    /// The flag the terminating signals set, for the watchdog.
    #[must_use]
    pub fn quit_flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.quit)
    }

    /// A stop request (SIGTSTP) arrived since the last call.
    #[must_use]
    pub fn take_stop(&self) -> bool {
        self.stop.swap(false, Ordering::Relaxed)
    }

    /// The process was continued (SIGCONT) since the last call.
    #[must_use]
    pub fn take_cont(&self) -> bool {
        self.cont.swap(false, Ordering::Relaxed)
    }

    /// The terminal changed size (SIGWINCH) since the last call.
    ///
    /// crossterm's `Event::Resize` is not enough: when a key and the signal are ready in the
    /// same poll, crossterm returns the key and the signal's readiness is not reported again
    /// (mio is edge-triggered), so that resize never becomes an event. A terminal shrunk and
    /// grown back to the size last drawn then keeps the cells it lost.
    #[must_use]
    pub fn take_winch(&self) -> bool {
        self.winch.swap(false, Ordering::Relaxed)
    }
}

/// Stops the process the way Ctrl-Z would, returning when it is continued.
///
/// # Errors
/// When the stop signal cannot be raised.
pub fn stop_self() -> io::Result<()> {
    signal_hook::low_level::raise(signal_hook::consts::signal::SIGSTOP)
}
