//! `byline cache`: what the index cache folder holds (each corpus's cache file, its size, its
//! last use and the folders it is for), or `--clear` to empty it. Never opens a corpus.

use std::io::{self, Write};
use std::time::SystemTime;

use chrono::{DateTime, Local, SecondsFormat, Utc};

use super::ExitCode;
use crate::corpus::cache::listing::{self, Cached, State};
use crate::corpus::cache::{CacheOptions, trim};
use crate::corpus::sanitize::sanitize_line;
use crate::persist::display_path;

/// What `byline cache` does.
#[derive(Debug, clap::Args)]
pub struct CacheArgs {
    /// Remove every cache file (the next open of each corpus reads its files again).
    #[arg(long)]
    pub clear: bool,
    /// Print JSON for machines instead of text.
    #[arg(long)]
    pub json: bool,
}

/// Runs `byline cache`.
///
/// # Errors
/// Writing to stdout failed (other than a closed pipe).
pub fn run(args: &CacheArgs) -> anyhow::Result<ExitCode> {
    let opts = CacheOptions::from_env();
    let Some(dir) = opts.dir.as_deref() else {
        eprintln!(
            "byline: the index cache is off ({} is set, or there is no cache directory)",
            crate::corpus::cache::ENV_DISABLE
        );
        return Ok(2);
    };
    let folder = display_path(dir);
    let stdout = io::stdout();
    let mut out = stdout.lock();
    let written = if args.clear {
        let (files, bytes) = listing::clear(dir);
        if args.json {
            let v = serde_json::json!({"folder": folder, "removed": files, "bytes": bytes});
            writeln!(out, "{v}")
        } else {
            writeln!(
                out,
                "removed {files} cache file{} ({}) from {folder}",
                plural(files),
                size(bytes)
            )
        }
    } else {
        let all = listing::list(dir, &opts.program);
        if args.json {
            writeln!(out, "{}", json(&folder, opts.max_bytes, &all))
        } else {
            text(&mut out, &folder, opts.max_bytes, &all)
        }
    };
    match written.and_then(|()| out.flush()) {
        Ok(()) => Ok(0),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(0),
        Err(e) => Err(e.into()),
    }
}

fn text(out: &mut impl Write, folder: &str, limit: u64, all: &[Cached]) -> io::Result<()> {
    let total: u64 = all.iter().map(|c| c.bytes).sum();
    writeln!(
        out,
        "{folder}: {} cache file{}, {} (kept under {}; {} sets another limit)",
        all.len(),
        plural(all.len()),
        size(total),
        size(limit),
        trim::ENV_MAX_SIZE
    )?;
    for c in all {
        let when = c.last_used.map_or_else(
            || "-".to_owned(),
            |t| {
                DateTime::<Local>::from(t)
                    .format("%Y-%m-%d %H:%M")
                    .to_string()
            },
        );
        let folders = if c.folders.is_empty() {
            "?".to_owned()
        } else {
            c.folders
                .iter()
                .map(|f| sanitize_line(f))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let note = match &c.state {
            State::Current => String::new(),
            State::OtherBuild => {
                "  (written by another build of byline: rebuilt on its next open)".into()
            }
            State::Unreadable(why) => format!("  (unreadable: {})", sanitize_line(why)),
        };
        writeln!(out, "{:>10}  {when}  {folders}{note}", size(c.bytes))?;
    }
    Ok(())
}

fn json(folder: &str, limit: u64, all: &[Cached]) -> serde_json::Value {
    let files: Vec<serde_json::Value> = all
        .iter()
        .map(|c| {
            let (state, reason) = match &c.state {
                State::Current => ("current", None),
                State::OtherBuild => ("other build", None),
                State::Unreadable(why) => ("unreadable", Some(sanitize_line(why))),
            };
            serde_json::json!({
                "file": c.file.file_name().map(|n| sanitize_line(&n.to_string_lossy())),
                "bytes": c.bytes,
                "last_used": c.last_used.map(rfc3339),
                "folders": c.folders.iter().map(|f| sanitize_line(f)).collect::<Vec<_>>(),
                "state": state,
                "reason": reason,
            })
        })
        .collect();
    serde_json::json!({
        "folder": folder,
        "limit": limit,
        "bytes": all.iter().map(|c| c.bytes).sum::<u64>(),
        "files": files,
    })
}

fn rfc3339(t: SystemTime) -> String {
    DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::Secs, true)
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A file size for people: "789.0 MB", "4.3 GB", "512 bytes" (powers of 1000, as file
/// managers show them), except whole GiB, as a limit is usually set: "4 GiB".
fn size(n: u64) -> String {
    #[allow(clippy::cast_precision_loss)]
    let f = n as f64;
    const GIB: u64 = 1 << 30;
    if n >= GIB && n % GIB == 0 {
        format!("{} GiB", n / GIB)
    } else if n >= 1_000_000_000 {
        format!("{:.1} GB", f / 1e9)
    } else if n >= 1_000_000 {
        format!("{:.1} MB", f / 1e6)
    } else if n >= 1_000 {
        format!("{:.1} kB", f / 1e3)
    } else {
        format!("{n} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_as_people_expect() {
        assert_eq!(size(0), "0 bytes");
        assert_eq!(size(999), "999 bytes");
        assert_eq!(size(265_816_976), "265.8 MB");
        assert_eq!(size(4 << 30), "4 GiB");
        assert_eq!(size(1_060_000_000), "1.1 GB");
        assert_eq!(size(24_974), "25.0 kB");
    }
}
