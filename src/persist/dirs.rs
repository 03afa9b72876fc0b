//! Where byline keeps its state files: the `--config-dir` flag, then `BYLINE_CONFIG_DIR`, then the
//! platform config directory. Only decides a path; never creates or writes anything.

use std::ffi::OsString;
use std::path::{Path, PathBuf};

/// The environment variable that overrides the platform config directory.
pub const ENV_VAR: &str = "BYLINE_CONFIG_DIR";

/// Where the state directory came from, so a warning can name the knob to turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// The `--config-dir` flag.
    Flag,
    /// The `BYLINE_CONFIG_DIR` environment variable.
    Env,
    /// The platform's config directory (XDG on Linux).
    Platform,
}

/// The state directory byline should use, or `None` when there is no home directory to put it in.
///
/// Reads `BYLINE_CONFIG_DIR` from the environment; see [`resolve`] for the pure rule.
#[must_use]
pub fn state_dir(flag: Option<&Path>) -> Option<(PathBuf, Source)> {
    resolve(flag, std::env::var_os(ENV_VAR), platform_dir)
}

/// The rule behind [`state_dir`], with the environment value and the platform lookup passed in so
/// it can be tested without touching the process environment.
///
/// An empty flag or variable counts as unset: `BYLINE_CONFIG_DIR=` in a shell means "no override",
/// and a relative empty path would otherwise put state files in the current (article) folder.
#[must_use]
pub fn resolve(
    flag: Option<&Path>,
    env: Option<OsString>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Option<(PathBuf, Source)> {
    if let Some(f) = flag.filter(|f| !f.as_os_str().is_empty()) {
        return Some((f.to_path_buf(), Source::Flag));
    }
    if let Some(e) = env.filter(|e| !e.is_empty()) {
        return Some((PathBuf::from(e), Source::Env));
    }
    platform().map(|p| (p, Source::Platform))
}

/// The platform config directory for byline (`$XDG_CONFIG_HOME/byline` or `~/.config/byline` on
/// Linux), or `None` without a home directory.
#[must_use]
pub fn platform_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "byline").map(|p| p.config_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_wins_over_env_and_platform() {
        let got = resolve(Some(Path::new("flagdir")), Some("envdir".into()), || {
            Some(PathBuf::from("plat"))
        });
        assert_eq!(got, Some((PathBuf::from("flagdir"), Source::Flag)));
    }

    #[test]
    fn env_wins_over_platform() {
        let got = resolve(None, Some("envdir".into()), || Some(PathBuf::from("plat")));
        assert_eq!(got, Some((PathBuf::from("envdir"), Source::Env)));
    }

    #[test]
    fn empty_overrides_are_ignored() {
        let got = resolve(Some(Path::new("")), Some(OsString::new()), || {
            Some(PathBuf::from("plat"))
        });
        assert_eq!(got, Some((PathBuf::from("plat"), Source::Platform)));
    }

    #[test]
    fn no_home_means_none() {
        assert_eq!(resolve(None, None, || None), None);
    }

    #[test]
    fn platform_dir_ends_in_byline_when_home_exists() {
        // Whatever the home directory, the last component is the application name.
        if let Some(p) = platform_dir() {
            assert_eq!(p.file_name().and_then(|n| n.to_str()), Some("byline"));
        }
    }
}
