//! Wrapping article text into display lines that remember their source byte ranges.
//!
//! Pure: no terminal, no I/O. Widths are measured per grapheme with unicode-width (the same way
//! ratatui fills cells), line breaks are chosen by textwrap's first-fit algorithm, and every
//! range it hands out starts and ends on a UTF-8 character boundary.

use std::ops::Range;

use textwrap::core::Fragment;
use unicode_segmentation::UnicodeSegmentation;
use unicode_width::UnicodeWidthStr;

use crate::corpus::model::paragraph_ranges;

/// One display line of wrapped article text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Bytes of the article text shown on this line, trailing spaces excluded (empty when blank).
    pub range: Range<usize>,
    /// The byte offset that stands for this line in scroll positions; strictly increasing.
    pub anchor: usize,
    /// The paragraph (0-based) the line belongs to; `None` for the gap between paragraphs.
    pub paragraph: Option<usize>,
}

/// An article's text wrapped to one width.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Wrapped {
    /// The width the lines were wrapped to (at least 1).
    pub width: u16,
    /// The display lines, in reading order.
    pub lines: Vec<Line>,
}

impl Wrapped {
    /// Number of display lines.
    #[must_use]
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    /// True when there is nothing to show.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// The display line that holds byte `offset`: the last line whose anchor is at or before it.
    #[must_use]
    pub fn line_at(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|l| l.anchor <= offset)
            .saturating_sub(1)
    }

    /// The scroll anchor of display line `line` (clamped to the last line; 0 when empty).
    #[must_use]
    pub fn anchor(&self, line: usize) -> usize {
        let last = self.lines.len().saturating_sub(1);
        self.lines.get(line.min(last)).map_or(0, |l| l.anchor)
    }
}

/// Display width of one grapheme, as ratatui will lay it out in cells.
#[must_use]
pub fn grapheme_width(g: &str) -> usize {
    if g.len() == 1 {
        // A single byte is ASCII: printable ones take one cell; controls are dropped by ratatui.
        return usize::from(!g.as_bytes().first().is_some_and(u8::is_ascii_control));
    }
    // ratatui counts halfwidth (semi-)voiced sound marks as one cell each although unicode-width
    // says zero; follow it so highlights line up with what is drawn.
    let marks = g
        .chars()
        .filter(|c| matches!(c, '\u{FF9E}' | '\u{FF9F}'))
        .count();
    g.width().saturating_add(marks)
}

/// Display width of a string, grapheme by grapheme.
#[must_use]
pub fn display_width(s: &str) -> usize {
    s.graphemes(true).map(grapheme_width).sum()
}

/// A word (or a piece of an over-long word) and the spaces after it, as byte offsets.
#[derive(Debug)]
struct Piece {
    start: usize,
    end: usize,
    width: usize,
    space: usize,
}

impl Fragment for Piece {
    #[allow(clippy::cast_precision_loss)]
    fn width(&self) -> f64 {
        self.width as f64
    }
    #[allow(clippy::cast_precision_loss)]
    fn whitespace_width(&self) -> f64 {
        self.space as f64
    }
    fn penalty_width(&self) -> f64 {
        0.0
    }
}

/// Wraps `text` to `width` columns (0 is treated as 1). Paragraphs are separated by one blank
/// line; single line breaks inside a paragraph are kept.
#[must_use]
pub fn wrap(text: &str, width: u16) -> Wrapped {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut prev_end: Option<usize> = None;
    for (p, para) in paragraph_ranges(text).into_iter().enumerate() {
        if let Some(end) = prev_end {
            // The gap's anchor sits in the separator, strictly between the two paragraphs.
            lines.push(Line {
                range: end..end,
                anchor: end,
                paragraph: None,
            });
        }
        prev_end = Some(para.end);
        let mut start = para.start;
        for src in text.get(para.clone()).unwrap_or("").split('\n') {
            wrap_source_line(start, src, usize::from(width), p, &mut lines);
            start = start.saturating_add(src.len()).saturating_add(1);
        }
    }
    Wrapped { width, lines }
}

/// Wraps one source line (no '\n' in it) that starts at byte `base` of the text.
fn wrap_source_line(base: usize, src: &str, width: usize, paragraph: usize, out: &mut Vec<Line>) {
    let pieces = pieces(src, base, width);
    if pieces.is_empty() {
        out.push(Line {
            range: base..base,
            anchor: base,
            paragraph: Some(paragraph),
        });
        return;
    }
    #[allow(clippy::cast_precision_loss)]
    let widths = [width as f64];
    for chunk in textwrap::wrap_algorithms::wrap_first_fit(&pieces, &widths) {
        if let (Some(first), Some(last)) = (chunk.first(), chunk.last()) {
            out.push(Line {
                range: first.start..last.end,
                anchor: first.start,
                paragraph: Some(paragraph),
            });
        }
    }
}

/// Splits a source line into words at ASCII spaces; words wider than `width` are cut between
/// graphemes so that every piece fits (a single grapheme wider than the line stays whole).
fn pieces(src: &str, base: usize, width: usize) -> Vec<Piece> {
    let mut out = Vec::new();
    let mut word_start: Option<usize> = None;
    let mut i = 0;
    let bytes = src.as_bytes();
    // Leading spaces of a line count as part of the first word's indentation: they are skipped.
    while i <= bytes.len() {
        let at_space = bytes.get(i).is_none_or(|b| *b == b' ');
        match (word_start, at_space) {
            (None, false) => word_start = Some(i),
            (Some(ws), true) => {
                let mut j = i;
                while bytes.get(j) == Some(&b' ') {
                    j += 1;
                }
                push_word(src, ws, i, j - i, base, width, &mut out);
                word_start = None;
                i = j;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    out
}

fn push_word(
    src: &str,
    start: usize,
    end: usize,
    space: usize,
    base: usize,
    width: usize,
    out: &mut Vec<Piece>,
) {
    let word = src.get(start..end).unwrap_or("");
    let total = display_width(word);
    if total <= width {
        out.push(Piece {
            start: base + start,
            end: base + end,
            width: total,
            space,
        });
        return;
    }
    let mut piece_start = start;
    let mut piece_width = 0;
    for (off, g) in word.grapheme_indices(true) {
        let w = grapheme_width(g);
        if piece_width > 0 && piece_width + w > width {
            out.push(Piece {
                start: base + piece_start,
                end: base + start + off,
                width: piece_width,
                space: 0,
            });
            piece_start = start + off;
            piece_width = 0;
        }
        piece_width += w;
    }
    out.push(Piece {
        start: base + piece_start,
        end: base + end,
        width: piece_width,
        space,
    });
}

/// The byte offset in `text` under display column `col` of the line covering `range`
/// (the line's end when the column is past it).
#[must_use]
pub fn byte_at_column(text: &str, range: Range<usize>, col: usize) -> usize {
    let Some(line) = text.get(range.clone()) else {
        return range.start;
    };
    let mut x = 0;
    for (off, g) in line.grapheme_indices(true) {
        let w = grapheme_width(g);
        if col < x + w.max(1) {
            return range.start + off;
        }
        x += w;
    }
    range.end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown<'a>(text: &'a str, w: &Wrapped) -> Vec<&'a str> {
        w.lines.iter().map(|l| &text[l.range.clone()]).collect()
    }

    #[test]
    fn wraps_words_and_keeps_paragraph_gaps() {
        let text = "one two three four\n\nfive six";
        let w = wrap(text, 9);
        assert_eq!(
            shown(text, &w),
            ["one two", "three", "four", "", "five six"]
        );
        assert_eq!(w.lines[3].paragraph, None);
        assert_eq!(w.lines[4].paragraph, Some(1));
    }

    #[test]
    fn keeps_single_line_breaks_inside_a_paragraph() {
        let text = "alpha\nbeta gamma";
        let w = wrap(text, 40);
        assert_eq!(shown(text, &w), ["alpha", "beta gamma"]);
    }

    #[test]
    fn breaks_overlong_words_between_graphemes() {
        let text = "abcdefgh";
        let w = wrap(text, 3);
        assert_eq!(shown(text, &w), ["abc", "def", "gh"]);
    }

    #[test]
    fn measures_wide_characters_by_display_width() {
        // Each of these CJK characters takes two cells, so three fit in six columns.
        let text = "日本語の文章です";
        let w = wrap(text, 6);
        assert_eq!(shown(text, &w), ["日本語", "の文章", "です"]);
        for l in &w.lines {
            assert!(display_width(&text[l.range.clone()]) <= 6);
        }
    }

    #[test]
    fn combining_marks_stay_with_their_base() {
        let text = "e\u{301}e\u{301}e\u{301}e\u{301}";
        let w = wrap(text, 2);
        assert_eq!(w.len(), 2);
        assert_eq!(&text[w.lines[0].range.clone()], "e\u{301}e\u{301}");
    }

    #[test]
    fn anchors_strictly_increase_and_line_at_inverts_anchor() {
        let text = "a b c d e f g\n\nh i j\n \nk";
        let w = wrap(text, 3);
        for pair in w.lines.windows(2) {
            assert!(pair[0].anchor < pair[1].anchor, "{pair:?}");
        }
        for i in 0..w.len() {
            assert_eq!(w.line_at(w.anchor(i)), i);
        }
        // An offset inside a line maps to that line.
        assert_eq!(w.line_at(1), 0);
    }

    #[test]
    fn column_maps_back_to_bytes_across_wide_characters() {
        let text = "ab日本c";
        // Columns: a=0, b=1, 日=2..3, 本=4..5, c=6.
        assert_eq!(byte_at_column(text, 0..text.len(), 3), 2);
        assert_eq!(byte_at_column(text, 0..text.len(), 4), 5);
        assert_eq!(byte_at_column(text, 0..text.len(), 6), 8);
        assert_eq!(byte_at_column(text, 0..text.len(), 60), text.len());
    }

    #[test]
    fn width_zero_is_treated_as_one() {
        let w = wrap("ab", 0);
        assert_eq!(w.width, 1);
        assert_eq!(w.len(), 2);
    }
}
