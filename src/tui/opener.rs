//! Opening a URL in the browser: the platform opener run directly with the URL as its single
//! argument (no shell), and only for URLs that pass [`openable_url`].

use std::process::{Command, Stdio};

use crate::app::openable_url;

/// The platform's opener program.
#[must_use]
pub fn opener() -> &'static str {
    if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    }
}

/// Starts the opener for `url` without waiting for it.
///
/// # Errors
/// A message to show when the URL is refused or the opener cannot start.
pub fn open(url: &str) -> Result<(), String> {
    if !openable_url(url) {
        return Err(format!("not opened (only http/https links are): {url}"));
    }
    let child = Command::new(opener())
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("could not start {}: {e}", opener()))?;
    // Reap the child in the background so it never lingers as a zombie.
    std::thread::spawn(move || {
        let mut child = child;
        let _ = child.wait();
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_urls_are_refused_before_anything_runs() {
        for url in [
            "file:///etc/passwd",
            "-https://x",
            "https://a b",
            "javascript:x",
        ] {
            let err = open(url).expect_err("refused");
            assert!(err.starts_with("not opened"), "{err}");
        }
    }
}
