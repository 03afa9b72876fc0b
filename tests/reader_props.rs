//! Property tests for the reader: the wrapper and highlighter never panic and keep their
//! invariants on arbitrary text at widths 0..300; the App's update and draw never panic on
//! arbitrary key sequences at arbitrary terminal sizes (0x0 included).

use std::ops::Range;

use byline::app::{Action, App};
use byline::corpus::{Article, Corpus, Entity, Format, Index, Kind, Mention};
use byline::keymap::{BINDINGS, Key};
use byline::text::{Mark, display_width, segments, wrap};
use byline::ui;
use proptest::prelude::*;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Text mixing ASCII words, spaces, newlines, CJK, emoji, combining marks and other scripts.
fn text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        "[a-zA-Z]{1,12}",
        Just(" ".to_owned()),
        Just("  ".to_owned()),
        Just("\n".to_owned()),
        Just("\n\n".to_owned()),
        Just("\n \n".to_owned()),
        "[\u{4e00}-\u{4e20}]{1,6}",
        Just("👩‍👩‍👧".to_owned()),
        Just("e\u{301}\u{302}".to_owned()),
        Just("\u{FF9E}".to_owned()),
        "\\PC{1,8}",
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

/// Found by the property below in CI: a combining mark with no base before a wide character,
/// at the narrowest width. The mark takes no cell, so it shares the wide character's line
/// rather than making a blank line of its own.
#[test]
fn a_lone_combining_mark_shares_the_line_of_the_wide_character_after_it() {
    let t = "\u{11366}\u{F900}";
    let w = wrap(t, 0);
    assert_eq!(w.lines.len(), 1, "{:?}", w.lines);
    assert_eq!(w.lines[0].range, 0..t.len());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn wrapping_keeps_its_invariants(t in text(), width in 0u16..300) {
        let w = wrap(&t, width);
        let cols = usize::from(width.max(1));
        for pair in w.lines.windows(2) {
            prop_assert!(pair[0].anchor < pair[1].anchor);
        }
        for l in &w.lines {
            prop_assert!(t.is_char_boundary(l.range.start) && t.is_char_boundary(l.range.end));
            let shown = &t[l.range.clone()];
            // A line only overflows when it shows a single grapheme wider than the width (a
            // zero-width mark that opens the text has no cell of its own and rides along).
            if display_width(shown) > cols {
                use unicode_segmentation::UnicodeSegmentation;
                let visible = shown.graphemes(true).filter(|g| display_width(g) > 0).count();
                prop_assert_eq!(visible, 1, "{:?}", shown);
            }
            prop_assert_eq!(w.line_at(l.anchor), w.lines.iter().position(|x| x == l).unwrap_or(0));
        }
        // Every non-space character of the text is on some line.
        let covered: usize = w.lines.iter().map(|l| t[l.range.clone()].chars().filter(|c| !c.is_whitespace()).count()).sum();
        prop_assert_eq!(covered, t.chars().filter(|c| !c.is_whitespace()).count());
    }

    #[test]
    fn highlighting_covers_each_line_exactly(
        t in text(),
        width in 0u16..300,
        marks in prop::collection::vec((0usize..400, 0usize..40, 0u8..5), 0..12),
    ) {
        let marks: Vec<(Range<usize>, Mark)> = marks
            .into_iter()
            .map(|(s, len, m)| {
                let mark = match m {
                    0 => Mark::Mention(Kind::Person),
                    1 => Mark::Selected(Kind::Place),
                    2 => Mark::Current(Kind::Work),
                    3 => Mark::Hit,
                    _ => Mark::CurrentHit,
                };
                (s..s + len, mark)
            })
            .collect();
        let w = wrap(&t, width);
        for l in &w.lines {
            let segs = segments(&t, l.range.clone(), &marks);
            let mut at = l.range.start;
            for s in &segs {
                prop_assert_eq!(s.range.start, at);
                prop_assert!(t.get(s.range.clone()).is_some());
                at = s.range.end;
            }
            if !segs.is_empty() {
                prop_assert_eq!(at, l.range.end);
            }
        }
    }

    #[test]
    fn update_and_draw_never_panic(
        docs in prop::collection::vec(text(), 1..4),
        keys in prop::collection::vec(0usize..200, 0..60),
        sizes in prop::collection::vec((0u16..160, 0u16..60), 1..4),
        no_color in any::<bool>(),
    ) {
        let mut app = App::with_corpus(corpus(&docs), no_color);
        let mut term = Terminal::new(TestBackend::new(80, 24)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let actions = bindable();
        for (i, k) in keys.iter().enumerate() {
            let (w, h) = sizes[i % sizes.len()];
            term.backend_mut().resize(w, h);
            let area = Rect::new(0, 0, w, h);
            app.update(Action::Resize(ui::viewport(area, &app)));
            let action = match k % 10 {
                0 => Action::Click(u16::try_from(k * 7 % 160).unwrap_or(0), u16::try_from(k % 50).unwrap_or(0)),
                1 => Action::Wheel(u16::try_from(k * 3 % 160).unwrap_or(0), u16::try_from(k % 40).unwrap_or(0), k % 2 == 0),
                2 => Action::Input(char::from_u32(u32::try_from(*k).unwrap_or(97) + 32).unwrap_or('a')),
                _ => actions[k % actions.len()],
            };
            let action = if action == Action::Quit || action == Action::Suspend { Action::Down } else { action };
            app.update(action);
            term.draw(|f| ui::draw(f, &app)).map_err(|e| TestCaseError::fail(e.to_string()))?;
        }
    }
}

/// Every action the key table can produce, plus typed characters.
fn bindable() -> Vec<Action> {
    let mut v: Vec<Action> = BINDINGS.iter().map(|b| b.action).collect();
    v.extend(['a', 'Z', ' ', '日'].map(Action::Input));
    assert!(
        BINDINGS
            .iter()
            .all(|b| b.keys.iter().all(|k| k.parse::<Key>().is_ok()))
    );
    v
}

/// A corpus over arbitrary texts, with an entity per capitalised ASCII word found (spans
/// computed here, since the real extractor is built elsewhere).
pub(crate) fn corpus(docs: &[String]) -> Corpus {
    let articles: Vec<Article> = docs
        .iter()
        .enumerate()
        .map(|(i, t)| Article {
            id: format!("a{i}"),
            path: format!("{i}.txt"),
            file: format!("{i}.txt").into(),
            line: None,
            title: format!("doc {i}"),
            date: None,
            source: None,
            url: Some("https://example.com".to_owned()),
            author: None,
            format: Format::Text,
            text: t.clone().into(),
            lead: usize::from(i % 2 == 0),
        })
        .collect();
    let mut names: std::collections::BTreeMap<String, Vec<Mention>> = Default::default();
    for (ai, a) in articles.iter().enumerate() {
        let bytes = a.text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_uppercase() {
                let s = i;
                while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                    i += 1;
                }
                names
                    .entry(a.text[s..i].to_owned())
                    .or_default()
                    .push(Mention {
                        article: u32::try_from(ai).unwrap_or(0),
                        start: u32::try_from(s).unwrap_or(0),
                        end: u32::try_from(i).unwrap_or(0),
                    });
            } else {
                i += 1;
            }
        }
    }
    let entities: Vec<Entity> = names
        .into_iter()
        .enumerate()
        .map(|(k, (name, mentions))| Entity {
            aliases: vec![name.clone()],
            name,
            kind: Kind::ALL[k % 5],
            mentions,
        })
        .collect();
    let index = Index::build(&articles, &entities);
    Corpus {
        articles: articles.into(),
        entities,
        index,
        warnings: Vec::new(),
    }
}
