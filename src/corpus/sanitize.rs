//! The one sanitizer: makes any string from a file safe to show in a terminal. Pure, no I/O.
//!
//! Placeholder: the full rules from docs/safety.md land with the loader work.

/// Sanitizes multi-line text (newlines kept).
#[must_use]
pub fn sanitize_text(s: &str) -> String {
    s.chars()
        .filter(|c| *c == '\n' || !c.is_control())
        .collect()
}

/// Sanitizes a single-line field (titles, paths, names): line breaks become spaces.
#[must_use]
pub fn sanitize_line(s: &str) -> String {
    sanitize_text(s).replace('\n', " ")
}
