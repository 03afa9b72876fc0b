//! The one sanitizer: makes any string from a file safe to show in a terminal. Pure, no I/O.
//!
//! It implements the table in the shared safety notes: escape sequences are removed whole,
//! lone controls become visible markers, layout controls become plain line breaks or spaces,
//! bidi and invisible format characters are dropped, and combining marks are capped per
//! grapheme. It must run after every decoding step (entities, JSON escapes, transcoding), and
//! it must never add a character it would itself remove, so that it is idempotent.

use unicode_normalization::char::is_combining_mark;
use unicode_segmentation::UnicodeSegmentation;

/// The most combining marks kept on one grapheme ("zalgo" text beyond this is cut).
pub const MAX_COMBINING_PER_GRAPHEME: usize = 16;

/// Spaces a TAB becomes. Text is re-wrapped for display, so column alignment is not kept.
const TAB: &str = "    ";

/// Marker for C1 controls and anything else with no control picture.
const MARKER: char = '\u{FFFD}';

const ESC: char = '\u{1b}';
const BEL: char = '\u{7}';
/// 8-bit String Terminator.
const ST8: char = '\u{9c}';

/// Printable ASCII and newlines: copied as they are.
fn is_plain(b: u8) -> bool {
    matches!(b, 0x20..=0x7e | b'\n')
}

/// How many leading bytes are plain. Sixteen bytes are judged at a time without an early exit,
/// which the compiler turns into vector instructions: nearly every byte of a corpus is plain.
fn plain_prefix(s: &[u8]) -> usize {
    let mut n = 0;
    for chunk in s.chunks_exact(16) {
        if !chunk.iter().fold(true, |all, &b| all & is_plain(b)) {
            break;
        }
        n += 16;
    }
    let rest = s.get(n..).unwrap_or_default();
    n + rest
        .iter()
        .position(|&b| !is_plain(b))
        .unwrap_or(rest.len())
}

/// Sanitizes multi-line text (newlines kept).
#[must_use]
pub fn sanitize_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars();
    // Combining marks since the last ASCII character. A grapheme never spans an ASCII
    // character with marks on both sides, so while this stays under the cap no grapheme can
    // exceed it and the exact (slower) grapheme pass is skipped.
    let mut run = 0usize;
    let mut max_run = 0usize;
    // A BOM is only silently meaningful at the very start; elsewhere it is an invisible
    // format character and dropped by `is_removed` below.
    if peek(&it) == Some('\u{FEFF}') {
        it.next();
    }
    loop {
        // Fast path: printable ASCII and newlines are copied as they are, in bulk.
        let rest = it.as_str();
        let n = plain_prefix(rest.as_bytes());
        if n > 0 {
            out.push_str(rest.get(..n).unwrap_or_default());
            it = rest.get(n..).unwrap_or_default().chars();
            run = 0;
        }
        let Some(c) = it.next() else { break };
        match c {
            ESC => match peek(&it) {
                Some('[') => {
                    it.next();
                    skip_csi(&mut it);
                }
                Some(']' | 'P' | 'X' | '^' | '_') => {
                    it.next();
                    skip_string(&mut it);
                }
                // ESC, intermediates (0x20-0x2F), then one final byte (0x30-0x7E).
                Some(n) if ('\u{20}'..='\u{7e}').contains(&n) => {
                    while next_if(&mut it, |c| ('\u{20}'..='\u{2f}').contains(&c)) {}
                    next_if(&mut it, |c| ('\u{30}'..='\u{7e}').contains(&c));
                }
                _ => out.push('\u{241B}'),
            },
            '\u{9b}' => skip_csi(&mut it),
            '\u{9d}' | '\u{90}' | '\u{98}' | '\u{9e}' | '\u{9f}' => skip_string(&mut it),
            '\r' => {
                next_if(&mut it, |c| c == '\n');
                out.push('\n');
            }
            '\t' => out.push_str(TAB),
            '\u{c}' | '\u{85}' | '\u{2028}' => out.push('\n'),
            '\u{2029}' => out.push_str("\n\n"),
            // C0 and DEL become their control pictures (U+2400 block), visible and harmless.
            '\u{0}'..='\u{1f}' => out.push(char::from_u32(0x2400 + c as u32).unwrap_or(MARKER)),
            '\u{7f}' => out.push('\u{2421}'),
            '\u{80}'..='\u{9f}' => out.push(MARKER),
            c if is_removed(c) => {}
            c => {
                if c >= '\u{300}' && is_combining_mark(c) {
                    run += 1;
                    max_run = max_run.max(run);
                }
                out.push(c);
            }
        }
    }
    if max_run > MAX_COMBINING_PER_GRAPHEME {
        cap_combining(&out)
    } else {
        out
    }
}

fn peek(it: &std::str::Chars<'_>) -> Option<char> {
    it.clone().next()
}

/// Consumes the next char when `f` accepts it; says whether it did.
fn next_if(it: &mut std::str::Chars<'_>, f: impl Fn(char) -> bool) -> bool {
    let hit = peek(it).is_some_and(f);
    if hit {
        it.next();
    }
    hit
}

/// Sanitizes a single-line field (titles, paths, names): line breaks become spaces, runs of
/// whitespace fold to one space, and the ends are trimmed.
#[must_use]
pub fn sanitize_line(s: &str) -> String {
    let text = sanitize_text(s);
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// True for characters that are dropped silently: bidi controls and invisible format characters.
#[must_use]
pub fn is_removed(c: char) -> bool {
    matches!(c,
        '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}' | '\u{200F}' | '\u{061C}'
        | '\u{200B}'
        | '\u{2060}'..='\u{2065}'
        // Deprecated format controls (symmetric swapping, digit shapes): invisible too.
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}' | '\u{00AD}' | '\u{180E}'
        | '\u{E0000}'..='\u{E007F}'
        | '\u{FFF9}'..='\u{FFFB}')
}

/// True for characters that never appear in sanitized text (other than `\n`).
#[must_use]
pub fn is_forbidden(c: char) -> bool {
    (c.is_control() && c != '\n') || is_removed(c) || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Skips a CSI body: parameter and intermediate bytes, then the final byte. Anything outside
/// the printable ASCII range ends the sequence without being consumed, so a broken sequence
/// cannot swallow the text after it.
fn skip_csi(it: &mut std::str::Chars<'_>) {
    while let Some(c) = peek(it) {
        if !('\u{20}'..='\u{7e}').contains(&c) {
            return;
        }
        it.next();
        if ('\u{40}'..='\u{7e}').contains(&c) {
            return;
        }
    }
}

/// Skips a string sequence (OSC, DCS, SOS, PM, APC) up to its terminator: BEL, ST (`ESC \`
/// or U+009C). An unterminated one ends at the end of its line; another ESC ends it too and
/// is then handled on its own, as a terminal would.
fn skip_string(it: &mut std::str::Chars<'_>) {
    while let Some(c) = peek(it) {
        match c {
            '\n' | '\r' => return,
            ESC => {
                // `ESC \` is the terminator and is consumed; any other ESC is left for the
                // caller, so it starts a sequence (or marker) of its own.
                let mut look = it.clone();
                look.next();
                if look.next() == Some('\\') {
                    it.next();
                    it.next();
                }
                return;
            }
            BEL | ST8 => {
                it.next();
                return;
            }
            _ => {
                it.next();
            }
        }
    }
}

/// Keeps at most [`MAX_COMBINING_PER_GRAPHEME`] combining marks on each grapheme.
fn cap_combining(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for g in s.graphemes(true) {
        let mut n = 0usize;
        for c in g.chars() {
            if is_combining_mark(c) {
                n = n.saturating_add(1);
                if n > MAX_COMBINING_PER_GRAPHEME {
                    continue;
                }
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_plain_prefix_stops_at_the_first_byte_to_look_at() {
        let long = "plain text, long enough to cross a sixteen-byte chunk or two\n".repeat(3);
        for cut in [0, 1, 15, 16, 17, 40, long.len()] {
            for odd in ["\u{1b}", "\t", "\u{7f}", "é", "\r"] {
                let mut s = long.clone();
                s.insert_str(cut, odd);
                assert_eq!(plain_prefix(s.as_bytes()), cut, "{cut} {odd:?}");
            }
        }
        assert_eq!(plain_prefix(long.as_bytes()), long.len());
        assert_eq!(plain_prefix(b""), 0);
    }
    use proptest::prelude::*;

    #[test]
    fn removes_csi_and_keeps_text() {
        assert_eq!(sanitize_text("a\u{1b}[31;1mred\u{1b}[0m b"), "ared b");
        assert_eq!(sanitize_text("x\u{9b}2Jy"), "xy");
    }

    #[test]
    fn removes_osc_title_hyperlink_and_clipboard() {
        assert_eq!(sanitize_text("a\u{1b}]0;pwned\u{7}b"), "ab");
        assert_eq!(
            sanitize_text("\u{1b}]8;;http://x\u{1b}\\link\u{1b}]8;;\u{1b}\\"),
            "link"
        );
        assert_eq!(sanitize_text("a\u{1b}]52;c;aGk=\u{9c}b"), "ab");
        assert_eq!(sanitize_text("a\u{9d}0;t\u{7}b"), "ab");
    }

    #[test]
    fn unterminated_string_sequence_ends_at_line_end() {
        assert_eq!(sanitize_text("a\u{1b}]0;never ends\nnext"), "a\nnext");
        assert_eq!(sanitize_text("a\u{1b}Pdcs data"), "a");
        assert_eq!(sanitize_text("a\u{90}q\r\nb"), "a\nb");
        // Another ESC ends the string and starts its own sequence, which is removed too.
        assert_eq!(sanitize_text("a\u{1b}]0;x\u{1b}[31mb"), "ab");
        assert_eq!(sanitize_text(&"\u{1b}]0;".repeat(50)), "");
    }

    #[test]
    fn esc_plus_one_byte_and_lone_esc() {
        assert_eq!(sanitize_text("a\u{1b}cb"), "ab");
        assert_eq!(sanitize_text("a\u{1b}(Bb"), "ab");
        assert_eq!(sanitize_text("a\u{1b}"), "a\u{241B}");
        assert_eq!(sanitize_text("a\u{1b}\u{1b}[1m"), "a\u{241B}");
    }

    #[test]
    fn controls_become_markers() {
        assert_eq!(
            sanitize_text("a\u{0}b\u{7}c\u{7f}"),
            "a\u{2400}b\u{2407}c\u{2421}"
        );
        assert_eq!(sanitize_text("a\u{85}b\u{91}"), "a\nb\u{FFFD}");
    }

    #[test]
    fn layout_controls() {
        assert_eq!(sanitize_text("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(sanitize_text("a\tb"), "a    b");
        assert_eq!(sanitize_text("a\u{c}b\u{2028}c\u{2029}d"), "a\nb\nc\n\nd");
    }

    #[test]
    fn bidi_and_invisible_removed() {
        assert_eq!(
            sanitize_text("\u{feff}ab\u{202e}cd\u{2066}e\u{200b}f\u{ad}"),
            "abcdef"
        );
        assert_eq!(sanitize_text("x\u{E0041}\u{E0042}y"), "xy");
        // ZWJ and ZWNJ are kept: they shape real scripts and emoji.
        assert_eq!(sanitize_text("a\u{200d}b\u{200c}c"), "a\u{200d}b\u{200c}c");
    }

    #[test]
    fn combining_marks_capped() {
        let zalgo: String = std::iter::once('e')
            .chain(std::iter::repeat_n('\u{301}', 40))
            .collect();
        let out = sanitize_text(&zalgo);
        assert_eq!(out.chars().count(), 1 + MAX_COMBINING_PER_GRAPHEME);
        // Marks split by ASCII letters belong to different graphemes: all kept.
        let spread = format!("e{}a{}", "\u{301}".repeat(10), "\u{300}".repeat(10));
        assert_eq!(sanitize_text(&spread), spread);
        // Marks split by a ZWJ inside one emoji grapheme count together.
        let emoji = format!(
            "\u{1F600}{}\u{200d}\u{1F600}{}",
            "\u{301}".repeat(10),
            "\u{301}".repeat(10)
        );
        assert_eq!(
            count_max_marks(&sanitize_text(&emoji)),
            MAX_COMBINING_PER_GRAPHEME
        );
        // Ordinary accents survive untouched.
        assert_eq!(
            sanitize_text("cafe\u{301} na\u{308}ive"),
            "cafe\u{301} na\u{308}ive"
        );
    }

    #[test]
    fn line_folds_whitespace() {
        assert_eq!(sanitize_line("  a\n\tb \u{1b}[2J c\r\n"), "a b c");
    }

    fn arbitrary_text() -> impl Strategy<Value = String> {
        // Bias towards the interesting characters so the property explores them.
        let special = prop::sample::select(vec![
            '\u{1b}',
            '[',
            ']',
            '\\',
            'P',
            '_',
            '\u{7}',
            '\u{9b}',
            '\u{9c}',
            '\u{9d}',
            '\u{90}',
            '\r',
            '\n',
            '\t',
            '\u{c}',
            '\u{85}',
            '\u{2028}',
            '\u{2029}',
            '\u{202e}',
            '\u{200b}',
            '\u{feff}',
            '\u{301}',
            '\u{0}',
            '\u{7f}',
            'a',
            ' ',
            '\u{E0041}',
            '\u{200d}',
            '1',
            ';',
        ]);
        prop::collection::vec(prop_oneof![special, any::<char>()], 0..80)
            .prop_map(|v| v.into_iter().collect())
    }

    fn count_max_marks(s: &str) -> usize {
        s.graphemes(true)
            .map(|g| g.chars().filter(|c| is_combining_mark(*c)).count())
            .max()
            .unwrap_or(0)
    }

    proptest! {
        #[test]
        fn text_output_is_clean_and_idempotent(s in arbitrary_text()) {
            let once = sanitize_text(&s);
            prop_assert!(!once.chars().any(is_forbidden), "{:?}", once);
            prop_assert!(count_max_marks(&once) <= MAX_COMBINING_PER_GRAPHEME);
            prop_assert_eq!(sanitize_text(&once), once);
        }

        #[test]
        fn line_output_is_one_clean_line_and_idempotent(s in arbitrary_text()) {
            let once = sanitize_line(&s);
            prop_assert!(!once.contains('\n'));
            prop_assert!(!once.chars().any(is_forbidden));
            prop_assert_eq!(sanitize_line(&once), once);
        }
    }
}
