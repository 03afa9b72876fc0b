//! Splitting a display line into styled stretches: mentions by kind, the selected entity's
//! mentions, the current mention, search hits. Pure; decides what is marked, never how it looks.

use std::ops::Range;

use crate::corpus::Kind;

/// What a stretch of text is marked as. Where marks overlap, the one with the highest
/// [`Mark::strength`] wins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mark {
    /// A mention of some entity of this kind.
    Mention(Kind),
    /// A mention of the selected entity.
    Selected(Kind),
    /// The current mention (the one n/N or the cursor is on).
    Current(Kind),
    /// A hit of the article search.
    Hit,
    /// The current search hit.
    CurrentHit,
}

impl Mark {
    /// How strongly this mark shows; the strongest covering mark styles a stretch.
    #[must_use]
    pub fn strength(self) -> u8 {
        match self {
            Mark::Mention(_) => 1,
            Mark::Selected(_) => 2,
            Mark::Hit => 3,
            Mark::Current(_) => 4,
            Mark::CurrentHit => 5,
        }
    }
}

/// A stretch of one display line and the mark that styles it, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    /// Bytes of the article text.
    pub range: Range<usize>,
    /// The strongest mark covering it.
    pub mark: Option<Mark>,
}

/// Cuts `line` (a byte range of `text`) into segments at the edges of the `marks` that overlap
/// it. Ranges out of bounds or inside a character are clamped, so any input is safe.
#[must_use]
pub fn segments(text: &str, line: Range<usize>, marks: &[(Range<usize>, Mark)]) -> Vec<Segment> {
    let start = floor_boundary(text, line.start);
    let end = floor_boundary(text, line.end).max(start);
    let mut cuts = vec![start, end];
    let overlapping: Vec<&(Range<usize>, Mark)> = marks
        .iter()
        .filter(|(r, _)| r.start < end && r.end > start && r.start < r.end)
        .collect();
    for (r, _) in &overlapping {
        cuts.push(floor_boundary(text, r.start.clamp(start, end)));
        cuts.push(floor_boundary(text, r.end.clamp(start, end)));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut out: Vec<Segment> = Vec::new();
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        if a >= b {
            continue;
        }
        let mark = overlapping
            .iter()
            .filter(|(r, _)| r.start < b && r.end > a)
            .map(|(_, m)| *m)
            .max_by_key(|m| m.strength());
        match out.last_mut() {
            Some(last) if last.mark == mark && last.range.end == a => last.range.end = b,
            _ => out.push(Segment { range: a..b, mark }),
        }
    }
    out
}

/// The largest char boundary of `text` at or before `i` (clamped to the text's length).
#[must_use]
pub fn floor_boundary(text: &str, i: usize) -> usize {
    let mut i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i = i.saturating_sub(1);
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_line_is_one_unmarked_segment() {
        let s = segments("hello world", 0..11, &[]);
        assert_eq!(
            s,
            [Segment {
                range: 0..11,
                mark: None
            }]
        );
    }

    #[test]
    fn mention_splits_the_line_and_strongest_mark_wins() {
        let text = "I met Sam Hargrave today";
        let marks = [
            (6..18, Mark::Mention(Kind::Person)),
            (10..18, Mark::Current(Kind::Person)),
        ];
        let s = segments(text, 0..text.len(), &marks);
        let parts: Vec<(&str, Option<Mark>)> =
            s.iter().map(|g| (&text[g.range.clone()], g.mark)).collect();
        assert_eq!(
            parts,
            [
                ("I met ", None),
                ("Sam ", Some(Mark::Mention(Kind::Person))),
                ("Hargrave", Some(Mark::Current(Kind::Person))),
                (" today", None),
            ]
        );
    }

    #[test]
    fn marks_spanning_a_wrap_are_clipped_to_the_line() {
        let text = "New York City";
        let s = segments(text, 4..8, &[(0..13, Mark::Hit)]);
        assert_eq!(
            s,
            [Segment {
                range: 4..8,
                mark: Some(Mark::Hit)
            }]
        );
    }

    #[test]
    fn ranges_inside_a_character_are_snapped_to_its_start() {
        let text = "aé日b";
        let s = segments(text, 0..text.len(), &[(2..5, Mark::Hit)]);
        for seg in &s {
            assert!(text.is_char_boundary(seg.range.start));
            assert!(text.is_char_boundary(seg.range.end));
        }
        assert_eq!(s.iter().map(|g| g.range.len()).sum::<usize>(), text.len());
    }
}
