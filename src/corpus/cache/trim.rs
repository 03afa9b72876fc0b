//! Keeps the cache folder under its size limit. Each set of folders opened gets a cache file of
//! its own, about as large as its text, and nothing else ever removes one: without a limit the
//! folder only grows. When a cache file is written, the least recently used other ones go
//! until the rest fit; the one just written always stays. Reusing a cache file marks it used.

use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// Environment variable setting the limit: bytes, or a number with K, M, G or T (powers of
/// 1024, with an optional "B" or "iB": "500M", "4GiB").
pub const ENV_MAX_SIZE: &str = "BYLINE_CACHE_MAX_SIZE";

/// The limit when none is set: room for a few corpora of hundreds of thousands of articles.
pub const DEFAULT_MAX_BYTES: u64 = 4 << 30;

/// A size as [`ENV_MAX_SIZE`] takes it, in bytes; `None` when it is not one.
#[must_use]
pub fn parse_size(s: &str) -> Option<u64> {
    let s = s.trim();
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    let (number, unit) = s.split_at(digits);
    let n: u64 = number.parse().ok()?;
    let unit = unit.trim().to_ascii_lowercase();
    let unit = unit
        .strip_suffix("ib")
        .or_else(|| unit.strip_suffix('b'))
        .unwrap_or(&unit);
    let shift = match unit {
        "" => 0,
        "k" => 10,
        "m" => 20,
        "g" => 30,
        "t" => 40,
        _ => return None,
    };
    n.checked_mul(1u64 << shift)
}

/// The limit [`ENV_MAX_SIZE`] sets, or the default; `Err` says why a value set was not used
/// (the default is then in force).
///
/// # Errors
/// When the variable is set to something that is not a size.
pub fn limit_from_env() -> Result<u64, String> {
    let fallback = || format!("the cache is kept under {} GiB", DEFAULT_MAX_BYTES >> 30);
    match std::env::var(ENV_MAX_SIZE) {
        Err(std::env::VarError::NotPresent) => Ok(DEFAULT_MAX_BYTES),
        Ok(v) if v.trim().is_empty() => Ok(DEFAULT_MAX_BYTES),
        Ok(v) => parse_size(&v).ok_or_else(|| {
            format!(
                "{ENV_MAX_SIZE}={:?} is not a size such as 500M or 4G; {}",
                crate::corpus::sanitize::sanitize_line(&v),
                fallback()
            )
        }),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(format!("{ENV_MAX_SIZE} is not text; {}", fallback()))
        }
    }
}

/// The cache files in `dir` with their metadata: regular files named `corpus-*.bin`, never
/// links, folders, temporary files or anything else. Nothing when the folder cannot be read.
pub(super) fn cache_files(dir: &Path) -> Vec<(PathBuf, std::fs::Metadata)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("corpus-") && name.ends_with(".bin")
        })
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| Some((e.path(), e.metadata().ok()?)))
        .collect()
}

/// Marks the cache file at `path` as just used, so trimming keeps it over older ones. Its
/// modification time is that mark: the file's content says when it was built, not this.
/// A file that cannot be marked is only trimmed sooner.
pub fn touch(path: &Path) {
    if let Ok(f) = std::fs::OpenOptions::new().write(true).open(path) {
        let _ = f.set_modified(SystemTime::now());
    }
}

/// Removes the least recently used cache files in `dir`, never `keep`, until the cache
/// files left hold at most `limit` bytes. Only regular files named `corpus-*.bin` count or
/// go: links, folders, temporary files and anything else are left alone. Returns the files
/// removed. A file that cannot be removed (another byline took it first, or no permission)
/// is passed over.
pub fn keep_under(dir: &Path, limit: u64, keep: &Path) -> Vec<PathBuf> {
    let mut files: Vec<(SystemTime, PathBuf, u64)> = cache_files(dir)
        .into_iter()
        .map(|(path, m)| {
            (
                m.modified().unwrap_or(SystemTime::UNIX_EPOCH),
                path,
                m.len(),
            )
        })
        .collect();
    let mut total: u64 = files.iter().map(|f| f.2).sum();
    // Oldest first; the name settles ties, so the order never depends on the listing's.
    files.sort();
    let mut removed = Vec::new();
    for (_, path, len) in files {
        if total <= limit {
            break;
        }
        if path == keep {
            continue;
        }
        let gone = match std::fs::remove_file(&path) {
            Ok(()) => true,
            Err(e) => e.kind() == std::io::ErrorKind::NotFound,
        };
        if gone {
            total = total.saturating_sub(len);
            removed.push(path);
        }
    }
    removed
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn cache_file(dir: &Path, name: &str, len: usize, age_s: u64) -> PathBuf {
        let p = dir.join(name);
        std::fs::write(&p, vec![7u8; len]).expect("write");
        let f = std::fs::OpenOptions::new()
            .write(true)
            .open(&p)
            .expect("open");
        f.set_modified(SystemTime::now() - Duration::from_secs(age_s))
            .expect("set mtime");
        p
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .expect("list")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    #[test]
    fn sizes_take_binary_units_and_refuse_anything_else() {
        assert_eq!(parse_size("1048576"), Some(1 << 20));
        assert_eq!(parse_size("500M"), Some(500 << 20));
        assert_eq!(parse_size("4GiB"), Some(4 << 30));
        assert_eq!(parse_size(" 2 gb "), Some(2 << 30));
        assert_eq!(parse_size("64k"), Some(64 << 10));
        assert_eq!(parse_size("1T"), Some(1 << 40));
        assert_eq!(parse_size("0"), Some(0));
        for bad in [
            "",
            "G",
            "4.5G",
            "-1",
            "4X",
            "4 GiBs",
            "99999999999999999999",
        ] {
            assert_eq!(parse_size(bad), None, "{bad:?}");
        }
        assert_eq!(
            parse_size("99999999T"),
            None,
            "overflow is refused, not wrapped"
        );
    }

    #[test]
    fn the_least_recently_used_go_first_until_the_rest_fit() {
        let d = tempfile::tempdir().expect("tempdir");
        cache_file(d.path(), "corpus-old.bin", 400, 300);
        cache_file(d.path(), "corpus-mid.bin", 400, 200);
        cache_file(d.path(), "corpus-new.bin", 400, 100);
        let kept = cache_file(d.path(), "corpus-this.bin", 400, 1000);
        let removed = keep_under(d.path(), 900, &kept);
        assert_eq!(removed.len(), 2);
        assert_eq!(
            names(d.path()),
            ["corpus-new.bin", "corpus-this.bin"],
            "the two oldest others went; the one kept is kept though it is the oldest"
        );
        assert!(keep_under(d.path(), 900, &kept).is_empty(), "already under");
    }

    #[test]
    fn the_file_kept_stays_even_alone_over_the_limit() {
        let d = tempfile::tempdir().expect("tempdir");
        let kept = cache_file(d.path(), "corpus-big.bin", 4000, 0);
        cache_file(d.path(), "corpus-small.bin", 10, 0);
        keep_under(d.path(), 100, &kept);
        assert_eq!(names(d.path()), ["corpus-big.bin"]);
    }

    #[test]
    fn only_cache_files_count_or_go() {
        let d = tempfile::tempdir().expect("tempdir");
        let kept = cache_file(d.path(), "corpus-this.bin", 10, 0);
        cache_file(d.path(), ".corpus-abc.tmp", 5000, 900);
        cache_file(d.path(), "notes.txt", 5000, 900);
        std::fs::create_dir(d.path().join("corpus-dir.bin")).expect("mkdir");
        let outside = tempfile::tempdir().expect("tempdir");
        let target = cache_file(outside.path(), "corpus-elsewhere.bin", 5000, 900);
        #[cfg(unix)]
        std::os::unix::fs::symlink(&target, d.path().join("corpus-link.bin")).expect("link");
        assert!(keep_under(d.path(), 0, &kept).is_empty());
        assert!(target.exists(), "a link's target is never touched");
        assert_eq!(names(d.path()).len(), if cfg!(unix) { 5 } else { 4 });
    }

    #[test]
    fn touching_a_file_makes_it_the_last_to_go() {
        let d = tempfile::tempdir().expect("tempdir");
        let a = cache_file(d.path(), "corpus-a.bin", 100, 500);
        cache_file(d.path(), "corpus-b.bin", 100, 400);
        let c = cache_file(d.path(), "corpus-c.bin", 100, 0);
        touch(&a);
        keep_under(d.path(), 200, &c);
        assert_eq!(names(d.path()), ["corpus-a.bin", "corpus-c.bin"]);
    }
}
