//! Finds calendar dates printed in a line and normalises them to ISO. Owns date parsing only;
//! it never guesses a missing year (a yearless "Friday, April 24" is not a date here).

use chrono::NaiveDate;

/// Words that may sit beside a date in a date widget or dateline without adding content.
const DATE_LABELS: &[&str] = &[
    "date",
    "published",
    "updated",
    "posted",
    "modified",
    "last",
    "on",
    "at",
    "am",
    "pm",
    "gmt",
    "utc",
    "bst",
    "cet",
    "est",
    "edt",
    "pst",
    "pdt",
    "cst",
    "cdt",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// Words that mark a line as a publication-date widget rather than a printed date.
const WIDGET_LABELS: &[&str] = &["date", "published", "updated", "posted", "modified"];

/// Normalises a metadata date ("2020-05-17T09:00:00Z", "May 17, 2020") to ISO.
pub(crate) fn normalise(s: &str) -> Option<String> {
    find(s).map(|d| d.format("%Y-%m-%d").to_string())
}

/// The first full date (with a year) printed in `line`.
pub(crate) fn find(line: &str) -> Option<NaiveDate> {
    let toks: Vec<&str> = tokens(line).collect();
    (0..toks.len()).find_map(|i| date_at(&toks, i).map(|(d, _)| d))
}

/// When `line` is a date widget ("date 2020-05-17", "Updated: May 3, 2021 10:40 am") returns
/// its date: a date plus nothing but date labels and clock times, and either a widget label or
/// the machine-made ISO form. A bare human date line is left to the caller, as it may be prose.
pub(crate) fn widget(line: &str) -> Option<String> {
    // Runs on every line of a page without a printed date: tokens go to a stack array, an
    // eleventh token rejects the line at once, and a line without a digit holds no date.
    let mut slots: [&str; 10] = [""; 10];
    let mut len = 0usize;
    for t in tokens(line) {
        let slot = slots.get_mut(len)?;
        *slot = t;
        len = len.saturating_add(1);
    }
    let toks = slots.get(..len)?;
    if !toks.iter().any(|t| t.bytes().any(|b| b.is_ascii_digit())) {
        return None;
    }
    let (start, (date, used)) = (0..toks.len()).find_map(|i| date_at(toks, i).map(|r| (i, r)))?;
    let iso_form = used == 1;
    let mut labelled = false;
    for (i, t) in toks.iter().enumerate() {
        if (start..start.saturating_add(used)).contains(&i) {
            continue;
        }
        let lower = t.to_ascii_lowercase();
        if WIDGET_LABELS.contains(&lower.as_str()) {
            labelled = true;
        } else if !DATE_LABELS.contains(&lower.as_str()) && !is_clock(t) {
            return None;
        }
    }
    (labelled || iso_form).then(|| date.format("%Y-%m-%d").to_string())
}

/// Words of a line with the punctuation that decorates dates stripped from their ends.
fn tokens(line: &str) -> impl Iterator<Item = &str> {
    line.split(|c: char| c.is_whitespace() || c == '|' || c == '·' || c == '•')
        .map(|t| t.trim_matches(|c: char| matches!(c, ',' | ':' | '(' | ')' | '[' | ']' | '-')))
        .filter(|t| !t.is_empty())
}

/// A date starting at token `i`, with the number of tokens it spans.
fn date_at(toks: &[&str], i: usize) -> Option<(NaiveDate, usize)> {
    let t = toks.get(i)?;
    if let Some(d) = iso(t) {
        return Some((d, 1));
    }
    let next = |k: usize| toks.get(i.saturating_add(k)).copied();
    if let Some(m) = month(t) {
        // "May 17, 2020"
        let d = next(1).and_then(day)?;
        let y = next(2).and_then(year)?;
        return NaiveDate::from_ymd_opt(y, m, d).map(|x| (x, 3));
    }
    if let Some(d) = day(t) {
        // "17 May 2020"
        let m = next(1).and_then(month)?;
        let y = next(2).and_then(year)?;
        return NaiveDate::from_ymd_opt(y, m, d).map(|x| (x, 3));
    }
    None
}

/// "2020-05-17", "2020/05/17", optionally followed by a time ("2020-05-17T09:00:00Z").
fn iso(t: &str) -> Option<NaiveDate> {
    let b = t.as_bytes();
    if b.len() < 10 || !(b[4] == b'-' || b[4] == b'/') || b[7] != b[4] {
        return None;
    }
    if b.len() > 10 && b[10] != b'T' && b[10] != b' ' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = t.get(r)?;
        if s.bytes().all(|c| c.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    let y = i32::try_from(num(0..4)?).ok()?;
    plausible(y)?;
    NaiveDate::from_ymd_opt(y, num(5..7)?, num(8..10)?)
}

fn plausible(y: i32) -> Option<i32> {
    (1800..=2200).contains(&y).then_some(y)
}

fn year(t: &str) -> Option<i32> {
    let t = t.trim_end_matches('.');
    if t.len() == 4 && t.bytes().all(|c| c.is_ascii_digit()) {
        plausible(t.parse().ok()?)
    } else {
        None
    }
}

fn day(t: &str) -> Option<u32> {
    let t = t.trim_end_matches('.');
    let digits = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &t[digits.len()..];
    if !matches!(suffix, "" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    let d: u32 = digits.parse().ok()?;
    (1..=31).contains(&d).then_some(d)
}

fn month(t: &str) -> Option<u32> {
    const NAMES: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let t = t.trim_end_matches('.').to_ascii_lowercase();
    if t.len() < 3 {
        return None;
    }
    let pos = NAMES.iter().position(|n| {
        *n == t || (t.len() == 3 && n.starts_with(&t)) || (t == "sept" && *n == "september")
    })?;
    u32::try_from(pos).ok().map(|p| p.saturating_add(1))
}

/// "10:40", "9:05am", "17:00:00".
fn is_clock(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    !t.is_empty() && t.contains(':') && t.bytes().all(|c| c.is_ascii_digit() || c == b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iso_of(s: &str) -> Option<String> {
        find(s).map(|d| d.format("%Y-%m-%d").to_string())
    }

    #[test]
    fn finds_common_printed_forms() {
        assert_eq!(
            iso_of("Posted 2019-11-02 by staff").as_deref(),
            Some("2019-11-02")
        );
        assert_eq!(
            iso_of("Sun, March 8th, 2015").as_deref(),
            Some("2015-03-08")
        );
        assert_eq!(iso_of("3 Feb. 2011").as_deref(), Some("2011-02-03"));
        assert_eq!(
            iso_of("on Sept 9 2001 at noon").as_deref(),
            Some("2001-09-09")
        );
        assert_eq!(
            iso_of("2024-02-29T10:00:00Z").as_deref(),
            Some("2024-02-29")
        );
    }

    #[test]
    fn rejects_yearless_and_impossible_dates() {
        assert_eq!(iso_of("Thursday, June 11"), None);
        assert_eq!(iso_of("2023-02-30"), None);
        assert_eq!(iso_of("May 40, 2020"), None);
        assert_eq!(iso_of("we may 12 times"), None);
        assert_eq!(iso_of("1945 GMT"), None);
    }

    #[test]
    fn widget_needs_a_label_or_iso_and_nothing_else() {
        assert_eq!(widget("date 2021-07-04").as_deref(), Some("2021-07-04"));
        assert_eq!(
            widget("Updated: Jan 5, 2022 9:15 am").as_deref(),
            Some("2022-01-05")
        );
        assert_eq!(widget("2018/12/01").as_deref(), Some("2018-12-01"));
        // A bare human date may be a fixture line in a report: not a widget.
        assert_eq!(widget("Saturday 6 March 2004"), None);
        assert_eq!(widget("Polls close on May 6, 2010"), None);
    }

    #[test]
    fn metadata_dates_are_normalised() {
        assert_eq!(
            normalise("2020-05-17T08:30:00+00:00").as_deref(),
            Some("2020-05-17")
        );
        assert_eq!(normalise("not a date"), None);
    }
}
