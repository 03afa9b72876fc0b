//! JSON Lines files to drafts: one article per line. Pure, no I/O. Lines are parsed one by one so a bad line
//! costs only itself; bad lines are counted and named by number in one warning per file.

use serde_json::Value;

use super::{Draft, fields, finish_fields};

/// How many bad line numbers a warning lists before it says "and N more".
const LIST_LINES: usize = 10;

/// What a JSON Lines file holds: the drafts with their 1-based line numbers, and the lines
/// that could not be used.
#[derive(Debug, Default)]
pub struct Lines {
    /// Good articles and the line each came from.
    pub drafts: Vec<(Draft, usize)>,
    /// Lines that are not valid JSON objects.
    pub malformed: Vec<usize>,
    /// Valid objects with no text field.
    pub no_text: Vec<usize>,
}

/// Parses every non-blank line of `src`. Strings are sanitized after JSON unescaping.
#[must_use]
pub fn parse(src: &str) -> Lines {
    let mut out = Lines::default();
    for (i, line) in src.split('\n').enumerate() {
        let n = i + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        // serde_json limits nesting depth itself, so a hostile line cannot blow the stack.
        let Ok(Value::Object(map)) = serde_json::from_str::<Value>(line) else {
            out.malformed.push(n);
            continue;
        };
        let Some(text) = fields::text(&map) else {
            out.no_text.push(n);
            continue;
        };
        let mut draft = Draft {
            body: text,
            ..Draft::default()
        };
        fields::apply(&map, &mut draft);
        out.drafts.push((finish_fields(draft), n));
    }
    out
}

/// The warning text for a list of bad lines, e.g. "3 malformed JSON lines skipped (lines 4,
/// 9, 12)"; `None` when there are none.
#[must_use]
pub fn summary(lines: &[usize], what: &str) -> Option<String> {
    let n = lines.len();
    if n == 0 {
        return None;
    }
    let shown: Vec<String> = lines
        .iter()
        .take(LIST_LINES)
        .map(ToString::to_string)
        .collect();
    let more = n.saturating_sub(LIST_LINES);
    let tail = if more > 0 {
        format!(" and {more} more")
    } else {
        String::new()
    };
    let noun = if n == 1 { "line" } else { "lines" };
    Some(format!(
        "{n} {what} {noun} skipped ({noun} {}{tail})",
        shown.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn good_lines_load_bad_lines_are_named() {
        let src = "{\"title\":\"A\",\"text\":\"one\",\"date\":\"2020-05-17\"}\n\
                   {not json\n\n\
                   {\"title\":\"B\",\"body\":\"two \\u001b]0;x\\u0007done\",\"site\":\"S\"}\n\
                   [1,2]\n\
                   {\"title\":\"no text\"}\n\
                   {\"content\":\"three\"}";
        let l = parse(src);
        let got: Vec<(Option<&str>, &str, usize)> = l
            .drafts
            .iter()
            .map(|(d, n)| (d.title.as_deref(), d.body.as_str(), *n))
            .collect();
        assert_eq!(
            got,
            [
                (Some("A"), "one", 1),
                (Some("B"), "two done", 4),
                (None, "three", 7)
            ]
        );
        assert_eq!(l.drafts[0].0.date.as_deref(), Some("2020-05-17"));
        assert_eq!(l.drafts[1].0.source.as_deref(), Some("S"));
        assert_eq!(l.malformed, [2, 5]);
        assert_eq!(l.no_text, [6]);
        assert_eq!(
            summary(&l.malformed, "malformed JSON").as_deref(),
            Some("2 malformed JSON lines skipped (lines 2, 5)")
        );
    }

    #[test]
    fn long_lists_are_shortened() {
        let lines: Vec<usize> = (1..=25).collect();
        let s = summary(&lines, "malformed JSON").expect("some");
        assert!(
            s.starts_with("25 malformed JSON lines skipped (lines 1, 2,"),
            "{s}"
        );
        assert!(s.ends_with("10 and 15 more)"), "{s}");
        assert_eq!(summary(&[], "x"), None);
        assert_eq!(
            summary(&[3], "x").as_deref(),
            Some("1 x line skipped (line 3)")
        );
    }

    #[test]
    fn deep_json_is_malformed_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert_eq!(parse(&deep).malformed, [1]);
    }
}
