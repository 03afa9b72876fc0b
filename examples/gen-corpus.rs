//! Generates a large corpus from real articles for benchmarks: N copies of a source folder in
//! which a deterministic share of the proper names is varied per copy, so the entity
//! distribution stays realistic (a long tail of new names, a head of names shared by all
//! copies) instead of the same articles repeated verbatim.
//!
//! `cargo run --release --example gen-corpus -- --from ../shared/corpora/bbc --copies 55 --out DIR`

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// Folder of source articles (read recursively, `.txt` files).
    #[arg(long)]
    from: PathBuf,
    /// How many copies to write; copy 0 is verbatim.
    #[arg(long)]
    copies: usize,
    /// Output folder (created; must be empty or absent).
    #[arg(long)]
    out: PathBuf,
    /// Percentage of distinct proper names varied in each copy after the first.
    #[arg(long, default_value_t = 45)]
    vary: u8,
    /// Seed for the variation, so runs are reproducible.
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

fn main() -> anyhow::Result<()> {
    let args = Args::parse();
    let mut files = Vec::new();
    collect(&args.from, &mut files)?;
    files.sort();
    anyhow::ensure!(
        !files.is_empty(),
        "no .txt files under {}",
        args.from.display()
    );
    if args.out.exists() && fs::read_dir(&args.out)?.next().is_some() {
        anyhow::bail!("{} is not empty", args.out.display());
    }
    let sources: Vec<(PathBuf, String)> = files
        .iter()
        .map(|f| {
            let rel = f.strip_prefix(&args.from).unwrap_or(f).to_path_buf();
            let text = String::from_utf8_lossy(&fs::read(f).unwrap_or_default()).into_owned();
            (rel, text)
        })
        .collect();
    let mut bytes = 0usize;
    for copy in 0..args.copies {
        let dir = args.out.join(format!("c{copy:04}"));
        let mut names = HashMap::new();
        for (rel, text) in &sources {
            let body = if copy == 0 {
                text.clone()
            } else {
                vary(text, copy, &args, &mut names)
            };
            let path = dir.join(rel);
            if let Some(parent) = path.parent() {
                fs::create_dir_all(parent)?;
            }
            fs::write(&path, &body)?;
            bytes += body.len();
        }
    }
    println!(
        "wrote {} articles, {:.1} MB, to {}",
        sources.len() * args.copies,
        bytes as f64 / 1e6,
        args.out.display()
    );
    Ok(())
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt") {
            out.push(path);
        }
    }
    Ok(())
}

/// Rewrites capitalised words (not at a sentence start) that the hash picks for this copy.
/// The same name always maps to the same variant within a copy, so aliases stay consistent.
fn vary(text: &str, copy: usize, args: &Args, names: &mut HashMap<String, String>) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    let mut word = String::new();
    let mut sentence_start = true;
    let flush =
        |word: &mut String, out: &mut String, start: bool, names: &mut HashMap<String, String>| {
            if word.is_empty() {
                return;
            }
            let capital = word.chars().next().is_some_and(char::is_uppercase);
            if capital && !start && word.chars().count() >= 4 {
                let v = names
                    .entry(word.clone())
                    .or_insert_with(|| variant(word, copy, args))
                    .clone();
                out.push_str(&v);
            } else {
                out.push_str(word);
            }
            word.clear();
        };
    for c in text.chars() {
        if c.is_alphabetic() {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            flush(&mut word, &mut out, sentence_start, names);
            sentence_start = false;
        }
        out.push(c);
        // Quotes and spaces keep a sentence start pending; anything else ends it.
        if matches!(c, '.' | '!' | '?' | '\n') {
            sentence_start = true;
        } else if !(c.is_whitespace() || matches!(c, '"' | '\'' | '\u{201c}' | '\u{2018}' | '(')) {
            sentence_start = false;
        }
    }
    flush(&mut word, &mut out, sentence_start, names);
    out
}

/// Calendar words are capitalised but are not names; varying them would be unrealistic.
const CALENDAR: [&str; 19] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Christmas",
];

fn variant(word: &str, copy: usize, args: &Args) -> String {
    if CALENDAR.contains(&word) {
        return word.to_string();
    }
    let h = blake3::hash(format!("{}:{copy}:{word}", args.seed).as_bytes());
    let b = h.as_bytes();
    if u16::from(b[0]) * 100 / 256 >= u16::from(args.vary) {
        return word.to_string();
    }
    const ENDINGS: [&str; 8] = ["son", "ley", "ova", "ini", "berg", "ard", "ez", "ski"];
    let chars: Vec<char> = word.chars().collect();
    let keep = (chars.len() * 2 / 3).max(3).min(chars.len());
    let mut v: String = chars[..keep].iter().collect();
    v.push_str(ENDINGS[usize::from(b[1]) % ENDINGS.len()]);
    v
}
