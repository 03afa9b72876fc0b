//! Splits a draft body into normalised lines grouped by block. Owns whitespace folding and
//! stray-symbol trimming; it never decides what is chrome and never drops words.

use std::borrow::Cow;

/// One non-empty line of the body after normalisation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Line {
    /// The line with whitespace folded to single spaces and stray UI symbols trimmed.
    pub text: String,
    /// Index of the blank-line separated block the line belongs to.
    pub block: usize,
    /// True when the line held only UI symbols (a close button, a menu glyph).
    pub symbols_only: bool,
}

/// Splits `body` into lines, joining soft-wrapped continuations inside a block.
pub(crate) fn split(body: &str) -> Vec<Line> {
    let mut out: Vec<Line> = Vec::new();
    let mut block = 0usize;
    let mut in_block = false;
    for raw in crate::corpus::split::lines(body) {
        // Most scraped lines are already folded: borrowed, a line costs one copy.
        let folded = folded(raw);
        if folded.is_empty() {
            if in_block {
                block = block.saturating_add(1);
                in_block = false;
            }
            continue;
        }
        let trimmed = trim_symbols(&folded);
        let line = Line {
            text: trimmed.to_string(),
            block,
            symbols_only: trimmed.is_empty(),
        };
        // A hard-wrapped sentence: the previous line stops mid-sentence and this one goes on in
        // lower case. Joining keeps the sentence whole for the reader and the extractor.
        if let Some(prev) = out.last_mut() {
            if in_block && !prev.symbols_only && continues(&prev.text, &line.text) {
                prev.text.push(' ');
                prev.text.push_str(&line.text);
                continue;
            }
        }
        in_block = true;
        out.push(line);
    }
    out
}

/// True when `next` reads as the continuation of a sentence cut at the end of `prev`.
fn continues(prev: &str, next: &str) -> bool {
    let prev_open = prev
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == ',');
    let next_lower = next.chars().next().is_some_and(char::is_lowercase);
    prev_open && next_lower
}

/// `s` with every run of whitespace folded to one space and none at the ends: borrowed when it
/// is so already, as nearly every scraped line and every name is.
pub(crate) fn folded(s: &str) -> Cow<'_, str> {
    if is_folded(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(fold_whitespace(s))
    }
}

/// Folds every run of Unicode whitespace (no-break spaces included) into one ASCII space.
pub(crate) fn fold_whitespace(s: &str) -> String {
    // Copying whole words rather than pushing char by char: this runs over every line of every
    // article, and was the cleaner's hottest function.
    let mut out = String::with_capacity(s.len());
    for word in s.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Lead bytes of the UTF-8 encoding of every non-ASCII whitespace character (U+0085, U+00A0,
/// U+1680, U+2000-U+205F, U+3000): any other byte at or above 0x80 cannot start one.
const WIDE_SPACE_LEADS: [u8; 4] = [0xC2, 0xE1, 0xE2, 0xE3];

/// True when `s` equals `fold_whitespace(s)`: words split by single ASCII spaces, none at the
/// ends, no other whitespace. This runs for every line of every page and for every mention
/// found: a short text (a name) is read byte by byte, a longer one (a paragraph) with vector
/// scans, which cost more to start and much less a byte.
fn is_folded(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    if b.len() < 64 {
        folded_by_bytes(s)
    } else {
        folded_by_scans(s)
    }
}

/// [`is_folded`] after the ends, one byte at a time, decoding a character only at the four
/// lead bytes that may start a wide space.
fn folded_by_bytes(s: &str) -> bool {
    let mut prev_space = false;
    for (i, &c) in s.as_bytes().iter().enumerate() {
        let space = c == b' ';
        if (space && prev_space) || matches!(c, b'\t' | b'\n' | 0x0B | 0x0C | b'\r') {
            return false;
        }
        if c >= 0xC2 && WIDE_SPACE_LEADS.contains(&c) && wide_space_at(s, i) {
            return false;
        }
        prev_space = space;
    }
    true
}

/// [`is_folded`] after the ends, by vector scans: ASCII whitespace, double spaces, then the
/// lead bytes of wide spaces.
fn folded_by_scans(s: &str) -> bool {
    let b = s.as_bytes();
    if memchr::memchr3(b'\t', b'\n', b'\r', b).is_some()
        || memchr::memchr2(0x0B, 0x0C, b).is_some()
        || memchr::memmem::find(b, b"  ").is_some()
    {
        return false;
    }
    let [a, c, d, e] = WIDE_SPACE_LEADS;
    let wide = |i| wide_space_at(s, i);
    !(memchr::memchr3_iter(a, c, d, b).any(wide) || memchr::memchr_iter(e, b).any(wide))
}

/// Whether the character at byte `i` (a lead byte, so on a char boundary) is whitespace.
fn wide_space_at(s: &str, i: usize) -> bool {
    s.get(i..)
        .and_then(|r| r.chars().next())
        .is_some_and(char::is_whitespace)
}

/// Glyphs that only ever stand for buttons and icons on a web page.
fn is_ui_symbol(c: char) -> bool {
    matches!(
        c,
        '✖' | '✕'
            | '✗'
            | '✘'
            | '×'
            | '☰'
            | '⋮'
            | '⋯'
            | '▲'
            | '▼'
            | '►'
            | '◄'
            | '▶'
            | '◀'
            | '❯'
            | '❮'
            | '⟶'
            | '↗'
            | '⤴'
            | 'ⓧ'
            | 'ⓘ'
            | '🔍'
            | '✉'
            | '☆'
            | '★'
            | '♥'
            | '❤'
            | '⌄'
            | '⌃'
    )
}

/// Removes whole tokens made only of UI glyphs from both ends of a line. A glyph inside a word
/// or between words ("3 × 4") is left alone: only the edges carry stray buttons.
fn trim_symbols(s: &str) -> &str {
    let mut rest = s;
    loop {
        let before = rest.len();
        rest = strip_edge_token(rest, true);
        rest = strip_edge_token(rest, false);
        if rest.len() == before {
            return rest;
        }
    }
}

fn strip_edge_token(s: &str, front: bool) -> &str {
    let token = if front {
        s.split(' ').next()
    } else {
        s.rsplit(' ').next()
    };
    match token {
        Some(t) if !t.is_empty() && t.chars().all(is_ui_symbol) => {
            let r = if front {
                s.get(t.len()..)
            } else {
                s.get(..s.len().saturating_sub(t.len()))
            };
            r.unwrap_or("").trim()
        }
        _ => s,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// Word-wise folding matches the plain definition: one space between maximal runs of
        /// non-whitespace, none at the ends.
        #[test]
        fn folding_matches_its_definition(s in "[ a\t\u{a0}\u{2003}b\n\u{e9}]{0,40}") {
            let words: Vec<&str> = s.split_whitespace().collect();
            proptest::prop_assert_eq!(fold_whitespace(&s), words.join(" "));
        }

        /// The byte-level shortcut agrees with folding on every mix of spaces, wide spaces and
        /// other multi-byte characters that share their lead bytes (curly quotes, dashes).
        #[test]
        fn folded_test_agrees_with_folding(
            s in "[ ab\t\r\n\u{b}\u{c}\u{85}\u{a0}\u{a9}\u{1680}\u{1e9e}\u{2003}\u{2014}\u{2019}\u{2028}\u{202f}\u{205f}\u{3000}\u{3001}]{0,12}"
        ) {
            let folded = fold_whitespace(&s) == s;
            proptest::prop_assert_eq!(is_folded(&s), folded);
            // Both readings, whichever the length picks.
            let inner = !s.starts_with(' ') && !s.ends_with(' ');
            proptest::prop_assert_eq!(inner && folded_by_bytes(&s), folded);
            proptest::prop_assert_eq!(inner && folded_by_scans(&s), folded);
            // And past the length where the scans take over.
            let long = format!("{s}{}", " x".repeat(40));
            proptest::prop_assert_eq!(is_folded(&long), fold_whitespace(&long) == long);
        }
    }

    #[test]
    fn every_kind_of_space_unfolds_short_and_long_lines() {
        let long = "word ".repeat(20);
        for space in [
            "\t", "\n", "\u{b}", "\u{c}", "\r", "  ", "\u{a0}", "\u{2003}", "\u{3000}",
        ] {
            for line in [format!("a{space}b"), format!("{long}a{space}b{long}x")] {
                assert!(!is_folded(&line), "{line:?}");
                assert_eq!(folded(&line), fold_whitespace(&line));
            }
        }
        assert!(is_folded("a’b “c” d—e"));
        assert!(is_folded(&format!("{long}a’b “c” d—e")));
    }

    #[test]
    fn every_wide_space_starts_with_a_known_lead_byte() {
        for c in (0x80..=0x10FFFF_u32).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let mut buf = [0u8; 4];
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                assert!(
                    WIDE_SPACE_LEADS.contains(&lead),
                    "{c:?} starts with {lead:#x}"
                );
            }
        }
    }

    fn texts(body: &str) -> Vec<String> {
        split(body).into_iter().map(|l| l.text).collect()
    }

    #[test]
    fn blocks_are_numbered_and_whitespace_folded() {
        let lines = split("  One\u{a0}\u{a0}two \n\n\n Three\nFour.\n");
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0].text, "One two");
        assert_eq!(lines[0].block, 0);
        assert_eq!(lines[1].block, 1);
        assert_eq!(lines[2].block, 1);
    }

    #[test]
    fn soft_wrapped_sentence_is_joined_but_list_items_are_not() {
        assert_eq!(
            texts("The council met on a wet\nmorning to vote.\n- first item\n- second item"),
            [
                "The council met on a wet morning to vote.",
                "- first item",
                "- second item"
            ]
        );
    }

    #[test]
    fn edge_glyphs_are_trimmed_and_inner_ones_kept() {
        assert_eq!(texts("✖ posted 2021-03-04 ✖"), ["posted 2021-03-04"]);
        assert_eq!(texts("A 3 × 4 grid ☰"), ["A 3 × 4 grid"]);
        let only = split("✕ ☰");
        assert!(only[0].symbols_only);
    }

    #[test]
    fn empty_body_gives_no_lines() {
        assert!(split("").is_empty());
        assert!(split("\n \n\u{a0}\n").is_empty());
    }
}
