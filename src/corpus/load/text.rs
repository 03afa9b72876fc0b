//! Plain-text shaping shared by every format: blank-line normalisation, splitting paragraphs
//! too long to lay out cheaply, and capping titles. Pure, no I/O, never cuts inside a char.

/// Paragraphs longer than this many bytes are split at whitespace.
pub const MAX_PARAGRAPH_BYTES: usize = 10_000;

/// Titles longer than this many bytes are cut at a word and end with an ellipsis.
pub const MAX_TITLE_BYTES: usize = 300;

/// Normalises paragraph structure: trailing spaces removed from lines, whitespace-only lines
/// made empty, runs of blank lines folded to one, ends trimmed. Paragraphs are then exactly
/// the "\n\n"-separated parts.
#[must_use]
pub fn normalise_body(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0usize;
    for line in crate::corpus::split::at_newlines(s) {
        let line = line.trim_end();
        if line.trim_start().is_empty() {
            blank_run += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank_run > 0 { "\n\n" } else { "\n" });
        }
        blank_run = 0;
        out.push_str(line);
    }
    out
}

/// Splits paragraphs longer than `max` bytes at whitespace (or, with none, at a character
/// boundary) into several paragraphs. `lead` counts leading heading paragraphs; it grows by
/// the extra pieces a heading paragraph is split into, so it still covers the same text.
/// A text with no paragraph over `max` (nearly every one) is handed back as it is, uncopied.
#[must_use]
pub fn split_long_paragraphs(text: String, lead: usize, max: usize) -> (String, usize) {
    let max = max.max(16);
    if paragraphs_within(&text, max) {
        return (text, lead);
    }
    let mut out = String::with_capacity(text.len() + text.len() / max.max(1));
    let mut new_lead = lead;
    for (i, para) in text.split("\n\n").enumerate() {
        let mut rest = para;
        let mut pieces = 0usize;
        while !rest.is_empty() {
            let (piece, tail) = cut_at_word(rest, max);
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(piece.trim_end());
            pieces += 1;
            rest = tail.trim_start();
        }
        if i < lead {
            new_lead = new_lead.saturating_add(pieces.saturating_sub(1));
        }
    }
    (out, new_lead)
}

/// Whether every "\n\n"-separated paragraph of `text` is at most `max` bytes long. A text
/// no longer than `max` is answered at once; a longer one is searched for paragraph breaks
/// with `memmem` (the same breaks `split("\n\n")` finds, left to right, not overlapping).
fn paragraphs_within(text: &str, max: usize) -> bool {
    if text.len() <= max {
        return true;
    }
    let mut start = 0;
    for at in memchr::memmem::find_iter(text.as_bytes(), b"\n\n") {
        if at.saturating_sub(start) > max {
            return false;
        }
        start = at + 2;
    }
    text.len().saturating_sub(start) <= max
}

/// The first at most `max` bytes of `s`, ending at whitespace when there is some in the
/// second half, and the rest.
fn cut_at_word(s: &str, max: usize) -> (&str, &str) {
    if s.len() <= max {
        return (s, "");
    }
    let mut end = max;
    while end > 0 && !s.is_char_boundary(end) {
        end -= 1;
    }
    let head = s.get(..end).unwrap_or_default();
    let at = head
        .rfind(char::is_whitespace)
        .filter(|&i| i >= max / 2)
        .unwrap_or(end);
    let at = if at == 0 { end.max(1) } else { at };
    // `at` is a char boundary: either `end` or the start of a whitespace char.
    (s.get(..at).unwrap_or(s), s.get(at..).unwrap_or_default())
}

/// Cuts a title longer than [`MAX_TITLE_BYTES`] at a word and appends an ellipsis.
#[must_use]
pub fn cap_title(title: &str) -> String {
    if title.len() <= MAX_TITLE_BYTES {
        return title.to_string();
    }
    let (head, _) = cut_at_word(title, MAX_TITLE_BYTES);
    format!("{}\u{2026}", head.trim_end())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_blank_lines() {
        assert_eq!(
            normalise_body("\n  \nA line  \nnext\n \t \n\n\nB\n\n"),
            "A line\nnext\n\nB"
        );
    }

    #[test]
    fn splits_long_paragraphs_at_words() {
        let long = "word ".repeat(5_000); // 25,000 bytes
        let text = format!("Title\n\n{long}\n\nend");
        let (out, lead) = split_long_paragraphs(text, 1, MAX_PARAGRAPH_BYTES);
        assert_eq!(lead, 1);
        let paras: Vec<&str> = out.split("\n\n").collect();
        assert_eq!(paras.len(), 5);
        assert!(paras.iter().all(|p| p.len() <= MAX_PARAGRAPH_BYTES));
        assert!(paras[1..4].iter().all(|p| p.ends_with("word")));
        let words: usize = paras.iter().map(|p| p.split_whitespace().count()).sum();
        assert_eq!(words, 5_002);
    }

    #[test]
    fn splits_without_whitespace_on_char_boundaries() {
        let long = "é".repeat(20_001); // 40,002 bytes, no spaces
        let (out, lead) = split_long_paragraphs(long.clone(), 1, 1_001);
        assert!(lead > 1);
        let rejoined: String = out.split("\n\n").collect();
        assert_eq!(rejoined, long);
        assert_eq!(lead, out.split("\n\n").count());
    }

    #[test]
    fn paragraph_lengths_are_judged_as_split_would_cut_them() {
        let by_split = |t: &str, max: usize| t.split("\n\n").all(|p| p.len() <= max);
        let texts = [
            "",
            "short",
            "aaaa\n\nbbbb",
            "aaaa\n\n\nbbbb",
            "aaaaaaaaa\n\nbb",
            "a\n\n\n\nbbbbbbbbb",
            "aaaaa\nbbbbb\n\ncc",
            "\n\n\n",
            "aaaaaaa\n\n",
        ];
        for t in texts {
            for max in 0..12 {
                assert_eq!(paragraphs_within(t, max), by_split(t, max), "{t:?} {max}");
            }
        }
        // A text handed back unsplit is the same allocation, not a copy.
        let text = String::from("one\n\ntwo");
        let at = text.as_ptr();
        let (same, lead) = split_long_paragraphs(text, 1, MAX_PARAGRAPH_BYTES);
        assert_eq!((same.as_ptr(), lead), (at, 1));
    }

    #[test]
    fn caps_titles() {
        let t = "word ".repeat(200);
        let c = cap_title(&t);
        assert!(c.len() <= MAX_TITLE_BYTES + 3);
        assert!(c.ends_with("word\u{2026}"));
        assert_eq!(cap_title("short"), "short");
    }
}
