//! Entering and leaving the full-screen terminal mode, and a panic hook that leaves it before
//! the panic message prints. Every mode we switch on is switched off again by [`restore`].

use std::io::{self, Stdout, Write};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::ThreadId;

use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    KeyboardEnhancementFlags, PopKeyboardEnhancementFlags, PushKeyboardEnhancementFlags,
};
use ratatui::crossterm::terminal::{
    Clear, ClearType, EnterAlternateScreen, LeaveAlternateScreen, disable_raw_mode, enable_raw_mode,
};
use ratatui::crossterm::{cursor, execute};

/// The terminal type the runner draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// Whether [`enter`] captures the mouse (the `mouse` setting). Kept here so a resume after
/// Ctrl-Z enters the same modes as the start did.
static MOUSE: AtomicBool = AtomicBool::new(true);

/// Chooses whether the reader captures the mouse; call before [`init`].
pub fn set_mouse(on: bool) {
    MOUSE.store(on, Ordering::Relaxed);
}

/// Switches the terminal into raw mode, the alternate screen and (unless switched off) mouse
/// capture.
///
/// # Errors
/// When the terminal cannot be switched (not a terminal, closed).
pub fn enter() -> io::Result<()> {
    enable_raw_mode()?;
    let mut out = io::stdout();
    execute!(out, EnterAlternateScreen)?;
    if MOUSE.load(Ordering::Relaxed) {
        execute!(out, EnableMouseCapture)?;
    }
    execute!(
        out,
        EnableBracketedPaste,
        // Lets terminals that speak the kitty protocol tell Ctrl-i from Tab; others ignore it.
        PushKeyboardEnhancementFlags(KeyboardEnhancementFlags::DISAMBIGUATE_ESCAPE_CODES),
        cursor::Hide
    )?;
    Ok(())
}

/// Leaves every mode [`enter`] switched on. Safe to call more than once and from a panic hook;
/// errors are ignored because there is nothing better to do with them at that point.
pub fn restore() {
    let mut out = io::stdout();
    let _ = execute!(
        out,
        PopKeyboardEnhancementFlags,
        DisableBracketedPaste,
        DisableMouseCapture,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = disable_raw_mode();
    let _ = out.flush();
}

/// Re-enters the full-screen mode after a suspend and returns a terminal that will repaint
/// everything. `Terminal::clear` is avoided because it asks the terminal for the cursor
/// position, a round trip that hangs or fails on terminals that do not answer.
///
/// # Errors
/// When the terminal cannot be set up again.
pub fn reenter() -> io::Result<Term> {
    enter()?;
    execute!(io::stdout(), Clear(ClearType::All))?;
    // A new Terminal's previous buffer is blank, which now matches the cleared screen.
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Enters the full-screen mode and builds the ratatui terminal.
///
/// # Errors
/// When the terminal cannot be set up.
pub fn init() -> io::Result<Term> {
    install_panic_hook();
    enter()?;
    match Terminal::new(CrosstermBackend::new(io::stdout())) {
        Ok(t) => Ok(t),
        Err(e) => {
            restore();
            Err(e)
        }
    }
}

/// The thread that owns the terminal.
static UI_THREAD: OnceLock<ThreadId> = OnceLock::new();

/// Makes panics on the terminal's thread restore the terminal first, so the message lands on
/// the normal screen. A panic on a worker thread (the loader) is caught and reported by the
/// runner inside the reader; printing it here would scribble over the screen.
fn install_panic_hook() {
    if UI_THREAD.set(std::thread::current().id()).is_err() {
        return;
    }
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if UI_THREAD.get() == Some(&std::thread::current().id()) {
            restore();
            previous(info);
        }
    }));
}
