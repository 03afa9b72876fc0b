//! Decides what reads as a headline, a dek (subheadline) or a kicker, and makes a fallback title
//! from prose when a page has no headline. Shape rules only: it never looks at what a line says.

use super::chrome::{ends_sentence, word_count};

/// Longest headline we accept, in characters.
const HEADLINE_MAX_CHARS: usize = 160;
/// Longest fallback title before it is cut at a word boundary.
const FALLBACK_MAX_CHARS: usize = 90;

/// Starts like a heading: a capital, a digit or an opening quote.
fn starts_like_heading(s: &str) -> bool {
    s.chars().next().is_some_and(|c| {
        c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '\'' | '“' | '‘')
    })
}

/// A caption or credit line is text under a picture, not a heading.
fn is_credit(s: &str) -> bool {
    ["Photo:", "Image:", "Credit:", "Picture:", "Photograph:"]
        .iter()
        .any(|p| s.contains(p))
}

/// Abbreviations after which ". " does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "Sgt", "Rev", "vs",
    "etc", "No", "Inc", "Ltd", "Co", "Corp", "Vol", "Fig",
];

/// True when the ". " at byte `i` ends a sentence: the word before it is not an initial
/// ("J."), a dotted abbreviation ("U.S.") or a title ("Dr."), and a capital follows.
fn sentence_break(s: &str, i: usize) -> bool {
    let word = s.get(..i).unwrap_or("").rsplit(' ').next().unwrap_or("");
    let after = s.get(i.saturating_add(2)..).unwrap_or("");
    word.chars().count() >= 2
        && !word.contains('.')
        && !ABBREVIATIONS.contains(&word)
        && after
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || matches!(c, '"' | '“'))
}

/// True when more than one sentence is in `s`.
fn several_sentences(s: &str) -> bool {
    s.match_indices(". ").any(|(i, _)| sentence_break(s, i))
}

/// Looks like a headline: reasonable length, heading-like start, no final period or colon.
pub(crate) fn headline_like(s: &str) -> bool {
    let n = word_count(s);
    let chars = s.chars().count();
    (1..=25).contains(&n)
        && (2..=HEADLINE_MAX_CHARS).contains(&chars)
        && starts_like_heading(s)
        && !s.ends_with(['.', ',', ';', ':', '…'])
        && !ends_sentence_with_period(s)
        && !several_sentences(s)
        && !is_credit(s)
}

/// A period hidden behind a closing quote ("... he said.\"") still ends a sentence.
fn ends_sentence_with_period(s: &str) -> bool {
    ends_sentence(s)
        && !s
            .trim_end_matches(['"', '\'', '”', '’', ')', ']'])
            .ends_with(['!', '?'])
}

/// Looks like a dek: a short summary line under the headline with no closing punctuation.
pub(crate) fn dek_like(s: &str) -> bool {
    let n = word_count(s);
    (5..=40).contains(&n)
        && s.chars().count() <= 280
        && starts_like_heading(s)
        && !ends_sentence(s)
        && !s.ends_with([',', ';', ':', '…'])
        && !s.ends_with("...")
        && !is_credit(s)
}

/// A kicker or site name above the headline: one or two words, followed by a longer heading.
pub(crate) fn kicker(s: &str, next: Option<&str>) -> bool {
    word_count(s) <= 2
        && next.is_some_and(|n| headline_like(n) && word_count(n) > word_count(s).saturating_add(2))
}

/// Compares titles loosely: letters and digits only, case folded.
pub(crate) fn same(a: &str, b: &str) -> bool {
    let norm = |s: &str| -> String {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let (x, y) = (norm(a), norm(b));
    !x.is_empty() && x == y
}

/// True when `meta` is `line` plus a site name ("Headline | Site", "Site - Headline").
pub(crate) fn with_site_name(meta: &str, line: &str) -> bool {
    const SEPARATORS: [&str; 5] = [" | ", " - ", " – ", " — ", " :: "];
    SEPARATORS.iter().any(|sep| {
        meta.split_once(sep)
            .is_some_and(|(a, b)| same(a, line) || same(b, line))
            || meta
                .rsplit_once(sep)
                .is_some_and(|(a, b)| same(a, line) || same(b, line))
    })
}

/// A title made from prose when there is no headline: the first sentence, cut at a word
/// boundary with an ellipsis when long, without its final period.
pub(crate) fn fallback(para: &str) -> String {
    let first = first_sentence(para);
    let first = first.trim_end_matches('.').trim_end();
    if first.chars().count() <= FALLBACK_MAX_CHARS {
        return first.to_string();
    }
    let mut out = String::new();
    for w in first.split(' ') {
        if out.chars().count().saturating_add(w.chars().count()) >= FALLBACK_MAX_CHARS {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    let out = out
        .trim_end_matches([',', ';', ':', '-', '–', '—'])
        .to_string();
    format!("{out}…")
}

/// The text up to the first sentence end, or all of it.
fn first_sentence(s: &str) -> &str {
    s.match_indices(". ")
        .find(|(i, _)| sentence_break(s, *i))
        .and_then(|(i, _)| s.get(..=i))
        .unwrap_or(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headlines_in_title_and_sentence_case() {
        assert!(headline_like("Harbour Town Votes To Close Its Ferry"));
        assert!(headline_like("Rail fares rise again in spring"));
        assert!(headline_like("Is the ferry worth saving?"));
        assert!(headline_like("\"We were lucky\": a crew remembers"));
        assert!(!headline_like("The ferry stopped running in May."));
        assert!(!headline_like("Filed under:"));
        assert!(!headline_like("the ferry is gone"));
        assert!(!headline_like("Crew on deck. Photo: Ana Ruiz/Lamp"));
    }

    #[test]
    fn deks_are_short_unfinished_lines() {
        assert!(dek_like(
            "The town council says the old boat costs too much to run"
        ));
        assert!(!dek_like(
            "The town council says the old boat costs too much to run."
        ));
        assert!(!dek_like("Griffin Lane"));
    }

    #[test]
    fn kickers_sit_above_longer_headlines() {
        assert!(kicker(
            "Travel",
            Some("Harbour Town Votes To Close Its Ferry")
        ));
        assert!(!kicker("Travel", Some("The ferry stopped running in May.")));
        assert!(!kicker("Ferry Votes", Some("Town Hall")));
    }

    #[test]
    fn titles_compare_loosely_and_lose_site_names() {
        assert!(same("Ferry’s last run", "FERRY'S LAST RUN"));
        assert!(!same("", ""));
        assert!(with_site_name(
            "Ferry's last run | The Daily Lamp",
            "Ferry's last run"
        ));
        assert!(with_site_name(
            "The Daily Lamp - Ferry's last run",
            "Ferry's last run"
        ));
        assert!(!with_site_name("Ferry's last run", "Another story"));
    }

    #[test]
    fn fallback_uses_the_first_sentence_cut_at_a_word() {
        assert_eq!(
            fallback("The ferry stopped in May. It may return."),
            "The ferry stopped in May"
        );
        let long = fallback(
            "The small ferry that has crossed the bay every morning since the harbour opened \
             stopped running this spring after the council voted against repairs.",
        );
        assert!(long.ends_with('…'));
        assert!(long.chars().count() <= FALLBACK_MAX_CHARS + 1);
        assert!(long.starts_with("The small ferry that has crossed"));
    }
}
