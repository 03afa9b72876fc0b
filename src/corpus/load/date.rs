//! Normalising metadata dates to ISO `YYYY-MM-DD`. Pure, no I/O; shared with the cleaner.
//!
//! Metadata writes dates in many ways (RFC 3339 timestamps, "May 17, 2020", "17 May 2020",
//! RFC 2822 mail dates). Only unambiguous forms are accepted: "05/06/2020" is left alone
//! because day and month order cannot be told apart.

use chrono::{DateTime, Datelike, NaiveDate};

/// Formats tried in order on the cleaned string; each may be followed by a time or other tail.
const FORMATS: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%d %B, %Y",
    "%d %b, %Y",
    "%A, %B %d, %Y",
    "%A %B %d, %Y",
    "%A, %d %B %Y",
    "%A %d %B %Y",
    "%a, %b %d, %Y",
    "%a, %d %b %Y",
    "%a %d %b %Y",
    "%a %b %d %Y",
    "%B %Y",
];

/// Parses a date written in a common form and returns it as ISO `YYYY-MM-DD`.
///
/// Accepts RFC 3339 and RFC 2822 timestamps, `2020-05-17` (with or without a time after it),
/// `2020/05/17`, `May 17, 2020`, `17 May 2020`, `Sunday, May 17, 2020`, ordinals such as
/// `May 17th, 2020`, and abbreviated months with a dot (`Sept. 4, 2020`). Years outside
/// 1000-9999 are refused.
#[must_use]
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 100 {
        return None;
    }
    if s.bytes().all(|b| b.is_ascii_digit()) {
        return from_digits(s);
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(s) {
        return iso(d.date_naive());
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return iso(d.date_naive());
    }
    let cleaned = normalise(s);
    for fmt in FORMATS {
        let with_day = if *fmt == "%B %Y" {
            // Month and year only: date it to the first so it still sorts.
            format!("1 {cleaned}")
        } else {
            cleaned.clone()
        };
        let fmt_full = if *fmt == "%B %Y" { "%d %B %Y" } else { fmt };
        if let Ok((d, rest)) = NaiveDate::parse_and_remainder(&with_day, fmt_full)
            && tail_ok(rest)
            && let Some(v) = iso(d)
        {
            return Some(v);
        }
    }
    None
}

/// All-digit dates from exports: `20200517`, Unix seconds (10 digits) or milliseconds (13).
fn from_digits(s: &str) -> Option<String> {
    match s.len() {
        8 => NaiveDate::parse_from_str(s, "%Y%m%d").ok().and_then(iso),
        9 | 10 | 12 | 13 => {
            let n: i64 = s.parse().ok()?;
            let secs = if s.len() >= 12 { n / 1000 } else { n };
            DateTime::from_timestamp(secs, 0).and_then(|d| iso(d.date_naive()))
        }
        _ => None,
    }
}

/// Removes ordinal suffixes ("17th"), dots after month abbreviations ("Sept."), "Sept" itself
/// and runs of spaces, so chrono's English month parser sees a plain form.
fn normalise(s: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for w in s.split_whitespace() {
        let mut w = w.to_string();
        let trailing_comma = w.ends_with(',');
        if trailing_comma {
            w.pop();
        }
        if w.ends_with('.') && w.len() <= 6 {
            w.pop();
        }
        let lower = w.to_ascii_lowercase();
        if lower == "sept" {
            w = "Sep".to_string();
        }
        for suffix in ["st", "nd", "rd", "th"] {
            if let Some(num) = lower.strip_suffix(suffix)
                && !num.is_empty()
                && num.len() <= 2
                && num.bytes().all(|b| b.is_ascii_digit())
            {
                w = num.to_string();
            }
        }
        if trailing_comma {
            w.push(',');
        }
        words.push(w);
    }
    words.join(" ")
}

/// What may follow a parsed date: nothing, or a separator before a time or zone.
fn tail_ok(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => c == 'T' || c == ',' || c == ' ' || c == '|' || c == '-' && rest.len() > 1,
    }
}

fn iso(d: NaiveDate) -> Option<String> {
    (1000..=9999)
        .contains(&d.year())
        .then(|| d.format("%Y-%m-%d").to_string())
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn accepts_common_forms() {
        for s in [
            "2020-05-17",
            "2020-05-17T09:30:00Z",
            "2020-05-17T09:30:00+02:00",
            "2020-05-17 09:30",
            "2020/05/17",
            "May 17, 2020",
            "May 17 2020",
            "17 May 2020",
            "17 May, 2020",
            "Sunday, May 17, 2020",
            "Sun, 17 May 2020 10:00:00 +0000",
            "May 17th, 2020",
            "17th May 2020",
            "  may 17, 2020 ",
            "May 17, 2020 10:42 AM ET",
        ] {
            assert_eq!(parse_date(s).as_deref(), Some("2020-05-17"), "{s}");
        }
        assert_eq!(parse_date("Sept. 4, 2020").as_deref(), Some("2020-09-04"));
        assert_eq!(parse_date("Dec. 4, 2019").as_deref(), Some("2019-12-04"));
        assert_eq!(parse_date("April 2020").as_deref(), Some("2020-04-01"));
        // Exports: compact dates and Unix time in seconds or milliseconds.
        assert_eq!(parse_date("20200517").as_deref(), Some("2020-05-17"));
        assert_eq!(parse_date("1589709600").as_deref(), Some("2020-05-17"));
        assert_eq!(parse_date("1589709600000").as_deref(), Some("2020-05-17"));
    }

    #[test]
    fn refuses_ambiguous_or_invalid() {
        for s in [
            "",
            "05/06/2020",
            "yesterday",
            "2020-13-01",
            "February 30, 2020",
            "2020",
            "0001-01-01",
            "Mayhem 17, 2020",
            "12345",
            "20201399",
        ] {
            assert_eq!(parse_date(s), None, "{s}");
        }
    }
}
