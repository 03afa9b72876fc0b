//! The command line: argument definitions and dispatch to the scripting commands or the reader.
//!
//! Everything printed here comes from sanitized corpus data; nothing here touches the terminal
//! beyond writing lines to stdout and stderr.

mod cache_cmd;
mod config_cmd;
mod output;

use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::corpus::{Corpus, Kind, LoadOptions, Overrides};

/// byline: read a folder of articles and jump between the people, organizations, works and
/// places they mention.
#[derive(Debug, Parser)]
#[command(name = "byline", version, about)]
pub struct Cli {
    /// Files or folders to open (default: the built-in sample corpus).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Where bookmarks, reading state and entities.toml live.
    #[arg(long, global = true, value_name = "DIR", env = "BYLINE_CONFIG_DIR")]
    pub config_dir: Option<PathBuf>,

    /// The config file to read instead of config.toml in the config directory.
    #[arg(long, global = true, value_name = "FILE", env = "BYLINE_CONFIG")]
    pub config: Option<PathBuf>,

    /// Read at most this many bytes of each file (the rest is cut, with a notice); default:
    /// max_file_size in config.toml, or 8 MiB.
    #[arg(long, global = true, value_name = "BYTES")]
    pub max_file_size: Option<u64>,

    /// What to do instead of opening the reader.
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The scripting commands. Each reads the corpus, prints, and exits.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// List articles: id, date, path, title, words and entities.
    List(CorpusArgs),
    /// List entities with kind, aliases, mention and article counts.
    Entities {
        /// Only entities of this kind (person, organization, work, place, other).
        #[arg(long, value_parser = parse_kind)]
        kind: Option<Kind>,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Every mention of the entity whose name or alias is NAME (case-insensitive).
    Mentions {
        /// Entity name or alias.
        name: String,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// Articles related to ARTICLE (an id, a path or a title substring), by shared entities.
    Related {
        /// Article id, path, or a substring of its title.
        article: String,
        /// How many to show.
        #[arg(long, default_value_t = 10)]
        limit: usize,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// List bookmarks (note, article, quoted sentence, date added), or export them.
    Bookmarks {
        /// Print JSON for machines instead of text.
        #[arg(long)]
        json: bool,
        /// `export`: print the bookmarks as Markdown.
        #[command(subcommand)]
        action: Option<BookmarksAction>,
    },
    /// Full-text search (case-insensitive), with context.
    Search {
        /// The text to find.
        query: String,
        #[command(flatten)]
        corpus: CorpusArgs,
    },
    /// The config file: check it (the default), print its path, or print the default file.
    Config(config_cmd::ConfigArgs),
    /// The index cache: each corpus's cache file, its size, last use and folders; or clear it.
    Cache(cache_cmd::CacheArgs),
}

/// What `byline bookmarks` can do besides listing.
#[derive(Debug, Subcommand)]
pub enum BookmarksAction {
    /// Print every bookmark as Markdown: title, quote, note and path.
    Export,
}

/// The corpus a command reads, and its output format.
#[derive(Debug, clap::Args)]
pub struct CorpusArgs {
    /// Files or folders to read (default: the built-in sample corpus).
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Print JSON for machines instead of text.
    #[arg(long)]
    pub json: bool,
}

fn parse_kind(s: &str) -> Result<Kind, String> {
    Kind::parse(s).ok_or_else(|| {
        format!("unknown kind '{s}' (expected person, organization, work, place or other)")
    })
}

/// How a command ended: the process exit code.
pub type ExitCode = i32;

/// Runs the parsed command line. Returns the exit code; errors are printed by the caller.
///
/// # Errors
/// Failures that should print as `byline: error` with their cause chain.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let config = crate::config::load(cli.config.as_deref(), cli.config_dir.as_deref());
    if let Some(Command::Config(args)) = &cli.command {
        return config_cmd::run(args, &config);
    }
    let opts = LoadOptions {
        max_file_bytes: cli
            .max_file_size
            .unwrap_or(config.config.reader.max_file_size),
    };
    let overrides = load_overrides(cli.config_dir.as_deref());
    let Some(command) = cli.command else {
        return run_reader(cli.paths, opts, overrides, cli.config_dir, config);
    };
    // Commands print what is wrong in config.toml on stderr; the reader shows it on screen.
    for m in config.messages() {
        eprintln!("byline: warning: {m}");
    }
    if let Err(m) = crate::corpus::cache::trim::limit_from_env() {
        eprintln!("byline: warning: {m}");
    }
    if let Command::Cache(args) = &command {
        return cache_cmd::run(args);
    }
    if let Command::Bookmarks { json, action } = &command {
        return bookmarks(cli.config_dir.as_deref(), *json, action.is_some());
    }
    let (args, json) = match &command {
        Command::List(a) | Command::Entities { corpus: a, .. } => (a, a.json),
        Command::Mentions { corpus: a, .. }
        | Command::Related { corpus: a, .. }
        | Command::Search { corpus: a, .. } => (a, a.json),
        Command::Bookmarks { .. } | Command::Config(_) | Command::Cache(_) => {
            unreachable!("handled above")
        }
    };
    let corpus = match open_corpus(&args.paths, &opts, &overrides) {
        Ok(c) => c,
        Err(code) => return Ok(code),
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let result = match &command {
        Command::List(_) => output::list(&corpus, json, &mut out).map(|()| 0),
        Command::Entities { kind, .. } => {
            output::entities(&corpus, *kind, json, &mut out).map(|()| 0)
        }
        Command::Mentions { name, .. } => output::mentions(&corpus, name, json, &mut out),
        Command::Related { article, limit, .. } => {
            output::related(&corpus, article, *limit, json, &mut out)
        }
        Command::Search { query, .. } => output::search(&corpus, query, json, &mut out),
        Command::Bookmarks { .. } | Command::Config(_) | Command::Cache(_) => Ok(0),
    };
    let flushed = result.and_then(|code| out.flush().map(|()| code));
    // The process ends right after a command: freeing the corpus (every article's text, every
    // mention list) one allocation at a time would only delay the exit, by 0.7 ms on BBC and
    // by 50-180 ms at 100,000 articles. The system takes the memory back whole.
    drop(out);
    std::mem::forget(corpus);
    match flushed {
        Ok(code) => Ok(code),
        // A closed pipe (`byline list | head`) is the reader's choice, not an error.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// `byline bookmarks [--json]` and `byline bookmarks export`: read the state directory only,
/// never the corpus, so listing works wherever the articles are.
fn bookmarks(
    config_dir: Option<&std::path::Path>,
    json: bool,
    export: bool,
) -> anyhow::Result<ExitCode> {
    let mut state = crate::persist::State::open(config_dir);
    for w in state.take_warnings() {
        eprintln!("byline: warning: {w}");
    }
    let list = state.bookmarks.doc().list();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = if export {
        crate::persist::write_bookmarks_markdown(&mut out, list, None)
    } else if json {
        crate::persist::write_bookmarks_json(&mut out, list, None)
    } else {
        crate::persist::write_bookmarks_text(&mut out, list, None)
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.into()),
    }
}

/// Removes an unfinished index cache file when the command is interrupted (SIGINT, SIGTERM,
/// SIGHUP), then ends the process as the signal would have. Left to the signal's default
/// action, a first run killed while it loads leaves the file behind until a later run sweeps
/// it: over 200 MB for 100,000 articles.
fn clean_cache_on_interrupt() {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    // Without the handler a command still works; only the clean-up waits for a later run.
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    let _ = std::thread::Builder::new()
        .name("byline-interrupt".into())
        .spawn(move || {
            if let Some(sig) = signals.forever().next() {
                crate::corpus::cache::discard_unfinished();
                // The caller sees the process ended by the signal, as without this handler.
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
}

/// Loads the corpus for a command, printing warnings to stderr. On failure prints the one-line
/// message and returns the exit code.
fn open_corpus(
    paths: &[PathBuf],
    opts: &LoadOptions,
    overrides: &Overrides,
) -> Result<Corpus, ExitCode> {
    let corpus = if paths.is_empty() {
        Corpus::sample(overrides)
    } else {
        // Through the index cache, as the reader does: a second `entities` or `search` on an
        // unchanged folder skips parsing and extraction. BYLINE_NO_CACHE=1 turns it off.
        clean_cache_on_interrupt();
        match Corpus::open_with_progress(paths, opts, overrides, &|_| {}) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("byline: {e}");
                return Err(2);
            }
        }
    };
    let mut err = io::stderr().lock();
    for w in &corpus.warnings {
        let _ = writeln!(err, "byline: warning: {w}");
    }
    if corpus.articles.is_empty() {
        let _ = writeln!(err, "byline: no readable articles found");
        return Err(2);
    }
    Ok(corpus)
}

/// Reads `entities.toml` from the config directory; a broken file is reported and ignored.
fn load_overrides(config_dir: Option<&std::path::Path>) -> Overrides {
    let Some(path) =
        crate::persist::dirs::state_dir(config_dir).map(|(d, _)| d.join("entities.toml"))
    else {
        return Overrides::default();
    };
    match std::fs::read_to_string(&path) {
        Ok(s) => match Overrides::from_toml(&s) {
            Ok(o) => o,
            Err(e) => {
                // The parser's message quotes the offending line of the file: sanitized.
                eprintln!(
                    "byline: warning: {}: ignored: {}",
                    crate::persist::display_path(&path),
                    crate::corpus::sanitize::sanitize_line(&e.to_string())
                );
                Overrides::default()
            }
        },
        Err(_) => Overrides::default(),
    }
}

fn run_reader(
    paths: Vec<PathBuf>,
    load: LoadOptions,
    overrides: Overrides,
    config_dir: Option<PathBuf>,
    config: crate::config::Loaded,
) -> anyhow::Result<ExitCode> {
    // Startup errors print on the normal screen, before the alternate screen is entered.
    for p in &paths {
        if !p.exists() {
            eprintln!(
                "byline: {}: no such file or directory",
                crate::corpus::sanitize::sanitize_line(&p.display().to_string())
            );
            return Ok(2);
        }
    }
    if !io::stdout().is_terminal() {
        eprintln!(
            "byline: stdout is not a terminal, so the reader cannot start; \
             use a command such as `byline list` or `byline entities --json` in pipes"
        );
        return Ok(2);
    }
    crate::tui::run(crate::tui::ReaderOptions {
        paths,
        load,
        overrides,
        config_dir,
        // A bad cache size limit is shown like a config problem, after any of those.
        config_message: config
            .summary()
            .or_else(|| crate::corpus::cache::trim::limit_from_env().err()),
        config: config.config,
    })?;
    Ok(0)
}
