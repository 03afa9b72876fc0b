//! The runner: the only module doing terminal I/O. It sets the terminal up and restores it on
//! every way out, loads the corpus on a background thread, and runs the event loop: read input,
//! map keys through the keymap, update the App, perform its effects (saving state through
//! [`state`]), draw.

pub mod opener;
pub mod searcher;
pub mod signals;
pub mod state;
pub mod terminal;
pub mod watchdog;

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{self, Receiver};
use std::time::{Duration, Instant};

use anyhow::Context as _;
use ratatui::crossterm::event::{self, Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::Rect;

use crate::app::{Action, App, Effect, LoadEvent};
use crate::config::Config;
use crate::corpus::cache::PendingWrite;
use crate::corpus::{Corpus, LoadOptions, Overrides, Progress};
use crate::keymap::Key;
use crate::ui;
use searcher::Searcher;
use signals::Signals;
use state::Persistence;
use terminal::Term;

/// What the reader opens and how.
#[derive(Debug, Clone, Default)]
pub struct ReaderOptions {
    /// Files and folders to read; empty means the built-in sample corpus.
    pub paths: Vec<PathBuf>,
    /// Loading limits.
    pub load: LoadOptions,
    /// The user's extraction corrections.
    pub overrides: Overrides,
    /// Where bookmarks and reading state live (`--config-dir`); `None` falls back to
    /// `BYLINE_CONFIG_DIR`, then the platform config directory.
    pub config_dir: Option<PathBuf>,
    /// Keys, colours and reader settings from `config.toml`.
    pub config: Config,
    /// What was wrong in `config.toml`, shown in the status line at start.
    pub config_message: Option<String>,
}

/// How long the loop waits for input before looking at the loader and signals again.
const TICK: Duration = Duration::from_millis(50);

/// The same while a corpus search runs, so its answer shows without a noticeable wait.
const BUSY_TICK: Duration = Duration::from_millis(5);

/// Runs the reader until the user quits. The screen appears at once; the corpus loads on a
/// background thread with a progress bar. The terminal is restored however this returns.
///
/// # Errors
/// Terminal errors (for example, the terminal went away).
pub fn run(opts: ReaderOptions) -> anyhow::Result<()> {
    let persist = Persistence::open(opts.config_dir.as_deref(), &opts.paths);
    let config = opts.config.clone();
    let message = opts.config_message.clone();
    run_inner(Some(persist), &config, message, move |progress, ready| {
        if opts.paths.is_empty() {
            Ok((Corpus::sample(&opts.overrides), None))
        } else {
            // The articles are shown as soon as they are read; entities follow.
            Corpus::open_staged(&opts.paths, &opts.load, &opts.overrides, progress, ready)
                .map_err(|e| e.to_string())
        }
    })
}

/// Like [`run`], with the corpus produced by `load` on the background thread (it may report
/// progress through the function it is given). For embedding and demos.
///
/// # Errors
/// Terminal errors.
/// Nothing is saved: bookmarks and reading state live in memory only.
///
/// # Errors
/// Terminal errors.
pub fn run_with_loader<F>(load: F) -> anyhow::Result<()>
where
    F: FnOnce(&(dyn Fn(Progress) + Sync)) -> Result<Corpus, String> + Send + 'static,
{
    run_inner(None, &Config::default(), None, move |progress, _| {
        load(progress).map(|c| (c, None))
    })
}

/// Like [`run_with_loader`], with the user's configuration and the message about its
/// problems (shown in the status line, since stderr is hidden behind the alternate screen).
///
/// # Errors
/// Terminal errors.
pub fn run_configured<F>(config: &Config, message: Option<String>, load: F) -> anyhow::Result<()>
where
    F: FnOnce(&(dyn Fn(Progress) + Sync)) -> Result<Corpus, String> + Send + 'static,
{
    run_inner(None, config, message, move |progress, _| {
        load(progress).map(|c| (c, None))
    })
}

/// What a loader gives: the whole corpus, and what is left of writing its index cache.
type Loaded = Result<(Corpus, Option<PendingWrite>), String>;

/// A loader: reports progress, may hand over the articles early (a corpus without entities),
/// and returns the whole corpus.
trait Loader:
    FnOnce(&(dyn Fn(Progress) + Sync), &(dyn Fn(&Corpus) + Sync)) -> Loaded + Send + 'static
{
}

impl<F> Loader for F where
    F: FnOnce(&(dyn Fn(Progress) + Sync), &(dyn Fn(&Corpus) + Sync)) -> Loaded + Send + 'static
{
}

fn run_inner<F: Loader>(
    persist: Option<Persistence>,
    config: &Config,
    message: Option<String>,
    load: F,
) -> anyhow::Result<()> {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let (rx, caching) = spawn_loader(load);
    let signals = Signals::register().context("installing signal handlers")?;
    terminal::set_mouse(config.reader.mouse);
    let mut term = terminal::init().context("setting up the terminal")?;
    watchdog::spawn(signals.quit_flag());
    let mut app = App::new(no_color);
    app.configure(config);
    if let Some(m) = message {
        app.set_message(m, true, 20);
    }
    let mut persist = persist;
    if let Some(p) = persist.as_mut() {
        p.attach(&mut app);
    }
    let result = event_loop(&mut term, &mut app, &rx, &signals, persist.as_mut());
    terminal::restore();
    // restore() has shown the cursor. ratatui's Drop would show it again and, when the terminal
    // is gone, print "Failed to show the cursor" on stderr beside our one error line; the
    // Terminal holds nothing else that needs dropping before exit.
    std::mem::forget(term);
    // Quit, Ctrl-C, SIGTERM, SIGHUP and terminal errors all come through here: save last, but
    // before any wait below (the watchdog ends an unanswered SIGTERM after its grace period).
    if let Some(p) = persist.as_mut() {
        p.save(&mut app);
    }
    // Once the corpus is shown, the loader finishes its index cache behind it: a fraction of
    // a second, worth waiting for rather than finding every entity again at the next open.
    caching.wait(CACHE_WAIT);
    // A quit before that leaves the cache under a temporary name, hundreds of megabytes for a
    // large corpus: removed here, as the process ends without waiting for extraction.
    crate::corpus::cache::discard_unfinished();
    result
}

/// How long quitting waits for the loader to finish the cache of a shown corpus (at 100,000
/// articles it takes about half a second).
const CACHE_WAIT: Duration = Duration::from_secs(3);

/// Whether the loader is finishing the index cache of a corpus it has handed over.
#[derive(Clone, Default)]
struct Caching(Arc<AtomicBool>);

impl Caching {
    /// Waits until the cache is finished, or `most` has passed.
    fn wait(&self, most: Duration) {
        let deadline = Instant::now() + most;
        while self.0.load(Ordering::Acquire) && Instant::now() < deadline {
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

/// Clears [`Caching`] when dropped, however the write ends.
struct CachingNow(Caching);

impl Drop for CachingNow {
    fn drop(&mut self) {
        (self.0).0.store(false, Ordering::Release);
    }
}

fn spawn_loader<F: Loader>(load: F) -> (Receiver<LoadEvent>, Caching) {
    let (tx, rx) = mpsc::channel();
    let caching = Caching::default();
    let flag = caching.clone();
    std::thread::spawn(move || {
        let shared_tx = std::sync::Mutex::new(tx.clone());
        let send = move |ev| {
            if let Ok(t) = shared_tx.lock() {
                let _ = t.send(ev);
            }
        };
        let progress = |p| send(LoadEvent::Progress(p));
        // Shares the articles (an Arc), copies only the warnings.
        let ready = |c: &Corpus| send(LoadEvent::Articles(Box::new(c.clone())));
        // A panicking loader must not leave the reader waiting forever with a progress bar.
        let result =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| load(&progress, &ready)));
        let (event, pending) = match result {
            Ok(Ok((c, pending))) => (LoadEvent::Done(Box::new(c)), pending),
            Ok(Err(e)) => (LoadEvent::Failed(e), None),
            Err(payload) => {
                let why = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_default();
                (
                    LoadEvent::Failed(format!("the loader crashed: {why}")),
                    None,
                )
            }
        };
        // Set before the corpus is sent: a quit that follows its arrival finds it set.
        let now = pending.as_ref().map(|_| {
            (flag.0).store(true, Ordering::Release);
            CachingNow(flag)
        });
        let _ = tx.send(event);
        if let Some(p) = pending {
            // A cache that cannot be written only makes the next open slower.
            let _ = p.finish();
        }
        drop(now);
    });
    (rx, caching)
}

fn event_loop(
    term: &mut Term,
    app: &mut App,
    rx: &Receiver<LoadEvent>,
    signals: &Signals,
    mut persist: Option<&mut Persistence>,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut searcher = Searcher::default();
    loop {
        if signals.quit() {
            return Ok(());
        }
        if signals.take_stop() {
            suspend(term, signals)?;
            dirty = true;
        }
        if signals.take_cont() {
            // Continued after an outside stop: the shell may have reset the terminal modes.
            *term = terminal::reenter()?;
            dirty = true;
        }
        if signals.take_winch() {
            repaint_all(term)?;
            dirty = true;
        }
        while let Ok(ev) = rx.try_recv() {
            app.on_load(ev);
            if let Some(p) = persist.as_deref_mut() {
                p.after_load(app);
            }
            dirty = true;
        }
        while let Some(done) = searcher.try_recv() {
            app.on_search(done);
            dirty = true;
        }
        while let Some(done) = searcher.try_recv_filter() {
            app.on_filter(done);
            dirty = true;
        }
        if dirty {
            draw(term, app)?;
            dirty = false;
        }
        let tick = if searcher.busy() { BUSY_TICK } else { TICK };
        if !event::poll(tick)? {
            if let Some(p) = persist.as_deref_mut() {
                p.save_if_idle(app);
            }
            continue;
        }
        // Handle everything already queued before drawing once: a fast typist (or a burst of
        // resize events) costs a single redraw.
        loop {
            let effects = match event::read()? {
                Event::Key(k) if k.kind != KeyEventKind::Release => app.press(Key::from(k)),
                Event::Mouse(m) => match m.kind {
                    MouseEventKind::ScrollDown => app.update(Action::Wheel(m.column, m.row, true)),
                    MouseEventKind::ScrollUp => app.update(Action::Wheel(m.column, m.row, false)),
                    MouseEventKind::Down(MouseButton::Left) => {
                        app.update(Action::Click(m.column, m.row))
                    }
                    _ => Vec::new(),
                },
                // The signal flag, not this event, says a resize happened (see `take_winch`).
                Event::Resize(..) => Vec::new(),
                Event::Paste(s) if app.prompt.is_some() => s
                    .chars()
                    .filter(|c| !c.is_control())
                    .flat_map(|c| app.update(Action::Input(c)))
                    .collect(),
                _ => Vec::new(),
            };
            for fx in effects {
                match fx {
                    Effect::Quit => return Ok(()),
                    Effect::Suspend => suspend(term, signals)?,
                    Effect::OpenUrl(url) => {
                        if let Err(m) = opener::open(&url) {
                            app.set_message(m, true, 2);
                        }
                    }
                    Effect::StateChanged => {
                        if let Some(p) = persist.as_deref_mut() {
                            p.reading_changed();
                        }
                    }
                    Effect::SaveBookmarks => {
                        if let Some(p) = persist.as_deref_mut() {
                            p.save(app);
                        }
                    }
                    Effect::SearchCorpus(job) => searcher.start(job),
                    Effect::CancelSearch => searcher.cancel(),
                    Effect::FilterList(job) => searcher.start_filter(job),
                }
            }
            if !event::poll(Duration::ZERO)? {
                break;
            }
        }
        dirty = true;
    }
}

/// Makes the next draw repaint every cell. A burst that shrinks the terminal and grows it back
/// ends at the size ratatui last drew, so it would diff against a screen the terminal has
/// since cut: clear and forget the previous frame instead. (`Terminal::resize` clears without
/// asking the terminal for the cursor position, unlike `Terminal::clear`.)
fn repaint_all(term: &mut Term) -> anyhow::Result<()> {
    let size = term.size()?;
    term.resize(Rect::new(0, 0, size.width, size.height))?;
    Ok(())
}

/// Tells the App where its panes are (the layout may have changed) and draws.
fn draw(term: &mut Term, app: &mut App) -> anyhow::Result<()> {
    let size = term.size()?;
    let area = Rect::new(0, 0, size.width, size.height);
    let vp = ui::viewport(area, app);
    if vp != app.viewport {
        app.update(Action::Resize(vp));
        // Pane visibility can depend on state the resize just settled; settle once more.
        let vp2 = ui::viewport(area, app);
        if vp2 != app.viewport {
            app.update(Action::Resize(vp2));
        }
    }
    term.draw(|f| ui::draw(f, app))?;
    Ok(())
}

/// Gives the terminal back, stops the process, and takes the terminal again on resume.
fn suspend(term: &mut Term, signals: &Signals) -> anyhow::Result<()> {
    terminal::restore();
    signals::stop_self()?;
    *term = terminal::reenter()?;
    // The SIGCONT that woke us is handled here; entering twice would stack keyboard modes.
    let _ = signals.take_cont();
    Ok(())
}
