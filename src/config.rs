//! The user's `config.toml`: where it is, what it may say, and its defaults. Parsing never
//! fails: each broken setting keeps its default and becomes a [`Problem`] with its line, so an
//! invalid file never stops byline. Reads one file; never writes, and never touches the
//! terminal (callers show the problems).
//!
//! Sections: `theme` and `[colors]` ([`theme`]), `[reader]` ([`reader`]), `[keys.*]`
//! ([`keys`]); [`template`] prints the complete commented default file.

pub mod keys;
pub mod reader;
pub mod template;
pub mod theme;

use std::ffi::OsString;
use std::ops::Range;
use std::path::{Path, PathBuf};

use toml::Spanned;
use toml::de::{DeString, DeTable, DeValue};

pub use reader::{ReaderSettings, SortOrder};
pub use template::default_file;
pub use theme::{Palette, ThemeName};

use crate::keymap::Keymap;
use crate::persist::display_path;

/// The file name inside the config directory.
pub const FILE_NAME: &str = "config.toml";
/// The environment variable naming the config file itself.
pub const ENV_VAR: &str = "BYLINE_CONFIG";

/// Every setting byline reads from `config.toml`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Config {
    /// The built-in theme the colours start from.
    pub theme: ThemeName,
    /// The colours in effect (the theme, then `[colors]`).
    pub palette: Palette,
    /// The key bindings in effect (the table, then `[keys.*]`).
    pub keymap: Keymap,
    /// The reader's own settings.
    pub reader: ReaderSettings,
}

/// One thing wrong in a config file; its setting kept the default.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}{message}", line.map(|l| format!("line {l}: ")).unwrap_or_default())]
pub struct Problem {
    /// The 1-based line it is on, when it is about one place in the file.
    pub line: Option<usize>,
    /// What was wrong and what byline did instead.
    pub message: String,
}

/// Why the config file could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    /// Reading failed (missing when named explicitly, unreadable, a directory...).
    #[error("cannot read it: {0}")]
    Read(#[from] std::io::Error),
    /// It is not UTF-8 text.
    #[error("it is not UTF-8 text")]
    NotText,
}

/// Where the config file path came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `--config FILE`.
    Flag,
    /// `BYLINE_CONFIG`.
    Env,
    /// `config.toml` in the config directory (`--config-dir`, `BYLINE_CONFIG_DIR`, platform).
    Dir,
}

/// The settings read from a file, with everything that was wrong in it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    /// The settings in effect.
    pub config: Config,
    /// The file they were read from, if one was looked for.
    pub path: Option<PathBuf>,
    /// What was wrong, in file order.
    pub problems: Vec<Problem>,
}

impl Loaded {
    /// Every problem as a line naming the file: for stderr and `byline config --check`.
    #[must_use]
    pub fn messages(&self) -> Vec<String> {
        let file = self
            .path
            .as_deref()
            .map_or_else(|| FILE_NAME.to_owned(), display_path);
        self.problems
            .iter()
            .map(|p| match p.line {
                Some(l) => format!("{file} line {l}: {}", p.message),
                None => format!("{file}: {}", p.message),
            })
            .collect()
    }

    /// One message for the reader's status line: the first problem, and how many more.
    #[must_use]
    pub fn summary(&self) -> Option<String> {
        let all = self.messages();
        let first = all.first()?;
        Some(match all.len() {
            1 => first.clone(),
            n => format!(
                "{first} (and {} more: byline config --check)",
                n.saturating_sub(1)
            ),
        })
    }
}

/// Which config file to read: `--config`, then `BYLINE_CONFIG`, then `config.toml` in the
/// config directory. Reads the environment; see [`resolve`] for the rule.
#[must_use]
pub fn locate(file_flag: Option<&Path>, dir_flag: Option<&Path>) -> Option<(PathBuf, Source)> {
    resolve(file_flag, std::env::var_os(ENV_VAR), || {
        crate::persist::dirs::state_dir(dir_flag).map(|(d, _)| d)
    })
}

/// The rule behind [`locate`], with the environment and the directory lookup passed in. Empty
/// values count as unset, as for `BYLINE_CONFIG_DIR`.
#[must_use]
pub fn resolve(
    file_flag: Option<&Path>,
    env: Option<OsString>,
    dir: impl FnOnce() -> Option<PathBuf>,
) -> Option<(PathBuf, Source)> {
    if let Some(f) = file_flag.filter(|f| !f.as_os_str().is_empty()) {
        return Some((f.to_path_buf(), Source::Flag));
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return Some((PathBuf::from(e), Source::Env));
    }
    dir().map(|d| (d.join(FILE_NAME), Source::Dir))
}

/// Finds and reads the config file. A missing file in the config directory is normal (all
/// defaults, no problem); a missing file that was named explicitly is a problem.
#[must_use]
pub fn load(file_flag: Option<&Path>, dir_flag: Option<&Path>) -> Loaded {
    match locate(file_flag, dir_flag) {
        Some((path, source)) => load_file(&path, source != Source::Dir),
        None => Loaded::default(),
    }
}

/// Reads and parses `path`. `required`: a missing file is reported rather than ignored.
#[must_use]
pub fn load_file(path: &Path, required: bool) -> Loaded {
    let read = std::fs::read(path)
        .map_err(ConfigError::from)
        .and_then(|b| String::from_utf8(b).map_err(|_| ConfigError::NotText));
    let (config, problems) = match read {
        Ok(text) => parse(&text),
        Err(ConfigError::Read(e)) if !required && e.kind() == std::io::ErrorKind::NotFound => {
            (Config::default(), Vec::new())
        }
        Err(e) => (
            Config::default(),
            vec![Problem {
                line: None,
                message: format!("{e}; using the defaults"),
            }],
        ),
    };
    Loaded {
        config,
        path: Some(path.to_path_buf()),
        problems,
    }
}

/// Parses a config file's text. Never fails: what is broken keeps its default and is listed.
#[must_use]
pub fn parse(text: &str) -> (Config, Vec<Problem>) {
    let mut cfg = Config::default();
    let mut ctx = Ctx::new(text);
    let root = match DeTable::parse(text) {
        Ok(t) => t,
        Err(e) => {
            let line = e.span().map(|s| ctx.line(s.start));
            ctx.problems.push(Problem {
                line,
                message: format!(
                    "{}; the whole file is ignored until this is fixed",
                    e.message().trim()
                ),
            });
            return (cfg, ctx.problems);
        }
    };
    let root = root.get_ref();
    // The theme comes first wherever it is written: [colors] edits the theme's palette.
    if let Some(v) = root.get("theme") {
        match v.get_ref().as_str().and_then(ThemeName::from_name) {
            Some(t) => cfg.theme = t,
            None => ctx.report(
                v.span(),
                "theme must be \"dark\" or \"light\"; using \"dark\"",
            ),
        }
    }
    cfg.palette = cfg.theme.palette();
    for (k, v) in entries(root) {
        let key: &str = k.get_ref();
        match (key, v.get_ref()) {
            ("theme", _) => {}
            ("reader", DeValue::Table(t)) => reader::parse(t, &mut cfg.reader, &mut ctx),
            ("colors", DeValue::Table(t)) => theme_table(t, &mut cfg.palette, &mut ctx),
            ("keys", DeValue::Table(t)) => {
                let entries = keys::parse(t, &mut ctx);
                for r in cfg.keymap.apply(&entries) {
                    ctx.problems.push(Problem {
                        line: Some(r.line),
                        message: r.message,
                    });
                }
            }
            ("reader" | "colors" | "keys", _) => {
                ctx.report(v.span(), format!("[{key}] must be a table; ignored"));
            }
            _ => ctx.report(k.span(), format!("unknown setting {key:?}; ignored")),
        }
    }
    ctx.problems.sort_by_key(|p| p.line);
    (cfg, ctx.problems)
}

fn theme_table(t: &DeTable<'_>, p: &mut Palette, ctx: &mut Ctx<'_>) {
    for (k, v) in entries(t) {
        let name: &str = k.get_ref();
        if p.get(name).is_none() {
            ctx.report(
                k.span(),
                format!("unknown colour {name:?} in [colors]; ignored"),
            );
            continue;
        }
        let parsed = match v.get_ref() {
            DeValue::String(s) => theme::parse_color(s),
            DeValue::Integer(_) => int(v)
                .and_then(|i| u8::try_from(i).ok())
                .map(ratatui::style::Color::Indexed)
                .ok_or_else(|| "a colour index is 0 to 255".to_owned()),
            other => Err(format!("a colour is a string, not {}", other.type_str())),
        };
        match parsed {
            Ok(c) => {
                p.set(name, c);
            }
            Err(m) => ctx.report(v.span(), format!("{name}: {m}; kept the theme's colour")),
        }
    }
}

/// Collects problems while walking the file, turning byte offsets into line numbers.
pub struct Ctx<'a> {
    text: &'a str,
    /// The problems found so far.
    pub problems: Vec<Problem>,
}

impl<'a> Ctx<'a> {
    /// A collector for `text`.
    #[must_use]
    pub fn new(text: &'a str) -> Ctx<'a> {
        Ctx {
            text,
            problems: Vec::new(),
        }
    }

    /// The 1-based line holding byte `offset`.
    #[must_use]
    pub fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        let before = self.text.as_bytes().get(..end).unwrap_or_default();
        memchr::memchr_iter(b'\n', before).count().saturating_add(1)
    }

    /// Records a problem at `span`.
    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) {
        let line = Some(self.line(span.start));
        self.problems.push(Problem {
            line,
            message: message.into(),
        });
    }
}

/// A table's entries in file order (the parser keeps them sorted by name).
#[must_use]
pub fn entries<'t, 'i>(
    t: &'t DeTable<'i>,
) -> Vec<(&'t Spanned<DeString<'i>>, &'t Spanned<DeValue<'i>>)> {
    let mut v: Vec<_> = t.iter().collect();
    v.sort_by_key(|(k, _)| k.span().start);
    v
}

/// An integer value, if it is one and fits.
#[must_use]
pub fn int(v: &Spanned<DeValue<'_>>) -> Option<i64> {
    v.get_ref()
        .as_integer()
        .and_then(|i| i64::from_str_radix(i.as_str(), i.radix()).ok())
}

#[cfg(test)]
mod tests;
