//! Splits a draft body into normalised lines grouped by block. Owns whitespace folding and
//! stray-symbol trimming; it never decides what is chrome and never drops words.

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
    for raw in body.lines() {
        let folded = fold_whitespace(raw);
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

/// Folds every run of Unicode whitespace (no-break spaces included) into one ASCII space.
pub(crate) fn fold_whitespace(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending = !out.is_empty();
        } else {
            if pending {
                out.push(' ');
                pending = false;
            }
            out.push(c);
        }
    }
    out
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
