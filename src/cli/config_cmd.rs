//! `byline config`: check the config file (the default), print where it is read from, or print
//! the complete default file. Only prints; never writes the file.

use std::io::{self, Write};

use super::ExitCode;
use crate::config::{Loaded, default_file};
use crate::persist::display_path;

/// What `byline config` prints.
#[derive(Debug, clap::Args)]
#[group(multiple = false)]
pub struct ConfigArgs {
    /// Print the complete default config file, with comments.
    #[arg(long)]
    pub default: bool,
    /// Print the path of the config file that is read.
    #[arg(long)]
    pub path: bool,
    /// List every problem in the config file (exit 1 if there is one).
    #[arg(long)]
    pub check: bool,
}

/// Runs `byline config` with the already loaded config.
///
/// # Errors
/// Writing to stdout failed (other than a closed pipe).
pub fn run(args: &ConfigArgs, loaded: &Loaded) -> anyhow::Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = if args.default {
        out.write_all(default_file().as_bytes()).map(|()| 0)
    } else {
        let Some(path) = loaded.path.as_deref() else {
            eprintln!(
                "byline: no config directory (no home directory); use --config FILE, \
                 BYLINE_CONFIG or BYLINE_CONFIG_DIR"
            );
            return Ok(2);
        };
        if args.path {
            writeln!(out, "{}", display_path(path)).map(|()| 0)
        } else {
            check(&mut out, path, loaded)
        }
    };
    match written.and_then(|code| out.flush().map(|()| code)) {
        Ok(code) => Ok(code),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.into()),
    }
}

fn check(out: &mut impl Write, path: &std::path::Path, loaded: &Loaded) -> io::Result<ExitCode> {
    let messages = loaded.messages();
    if messages.is_empty() {
        let state = if path.exists() {
            "no problems"
        } else {
            "not there, so every setting is at its default (byline config --default prints one)"
        };
        writeln!(out, "{}: {state}", display_path(path))?;
        return Ok(0);
    }
    for m in &messages {
        writeln!(out, "{m}")?;
    }
    Ok(1)
}
