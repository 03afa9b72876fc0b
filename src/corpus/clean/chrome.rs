//! Recognises page chrome one line at a time: UI words, label lines, disclaimers, author bio
//! boxes, link teasers and promos. Owns the general rules and their word lists; it must never
//! match a particular site's strings, and it errs on the side of keeping prose.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::date;
use super::vocab::{
    CALLS, CREDIT_LABELS, DISCLAIMERS, LABEL_WORDS, PROMOS, ROLES, TEASER_LABELS, UI_PHRASES,
    UI_STRONG, UI_WORDS,
};
use crate::corpus::split;

/// Why a line was judged to be page chrome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Chrome {
    /// Only button glyphs.
    Symbols,
    /// A row of interface words ("menu share search").
    UiWords,
    /// A label with nothing after it ("Filed under:").
    Label,
    /// Affiliate, ethics or legal boilerplate.
    Disclaimer,
    /// "X is a senior writer at Y" boxes.
    Bio,
    /// "RELATED: Some Other Story" link lines.
    Teaser,
    /// A publication-date widget.
    DateWidget,
    /// Puzzles, newsletters, apps: a call to look elsewhere.
    Promo,
    /// "By Jane Doe, Staff Writer": the byline, kept as metadata rather than text.
    Byline,
    /// "Read more", "5 min read", "Updated 2 hours ago": fixed interface phrases.
    Widget,
}

/// Honorifics: news prose says "Mr Smith is a ...", bio boxes never do.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr", "sir", "lord", "lady", "prof"];

/// A case-insensitive phrase matcher. Building from these short constant lists cannot fail;
/// if it ever did, the rule would simply match nothing (keeping text is the safe side).
struct Phrases(Option<AhoCorasick>);

impl Phrases {
    fn new(patterns: &[&str]) -> Self {
        Phrases(
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(patterns)
                .ok(),
        )
    }

    /// True when a phrase occurs as whole words (a plural "s" allowed), so "puzzle" does not
    /// fire inside "puzzled" nor "subscribe" inside "oversubscribed".
    fn is_match(&self, text: &str) -> bool {
        let Some(ac) = &self.0 else { return false };
        // Most lines hold no phrase at all: a plain search, which may stop at the first match,
        // settles them in fewer steps than the overlapping walk below, which must find every
        // match to judge each one's word boundaries.
        if !ac.is_match(text) {
            return false;
        }
        ac.find_overlapping_iter(text).any(|m| {
            let before = text.get(..m.start()).and_then(|b| b.chars().next_back());
            let mut after = text.get(m.end()..).unwrap_or("").chars();
            let next = match after.next() {
                Some('s') => after.next(),
                c => c,
            };
            !before.is_some_and(char::is_alphanumeric) && !next.is_some_and(char::is_alphanumeric)
        })
    }
}

static DISCLAIMER_AC: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(DISCLAIMERS));
static PROMO_AC: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(PROMOS));
static CALL_AC: LazyLock<Phrases> = LazyLock::new(|| Phrases::new(CALLS));

/// A word with surrounding punctuation removed, for case-insensitive list lookups.
fn key(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
}

fn in_list(list: &[&str], word: &str) -> bool {
    let k = key(word);
    list.iter().any(|x| x.eq_ignore_ascii_case(k))
}

/// True when a line ends like a finished sentence (quotes and brackets after it allowed).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?'])
}

/// Judges a line on its own. Context rules (teasers repeating the next paragraph, promo runs at
/// the end of the page) live in the caller.
pub(crate) fn classify(line: &str) -> Option<Chrome> {
    // Every line of every page comes here, most of them prose: counted first, a long line is
    // settled by the one rule that reaches it without its words being listed.
    let n = word_count(line);
    if n == 0 {
        return Some(Chrome::Symbols);
    }
    if n > 60 {
        return (n <= 80 && DISCLAIMER_AC.is_match(line)).then_some(Chrome::Disclaimer);
    }
    let words: Vec<&str> = split::at_spaces(line).filter(|w| !w.is_empty()).collect();
    if n <= 12 && ui_row(line, &words) {
        return Some(Chrome::UiWords);
    }
    if n <= 6 && widget(line, &words) {
        return Some(Chrome::Widget);
    }
    if n <= 14 && byline(&words) && !ends_sentence(line) {
        return Some(Chrome::Byline);
    }
    if n <= 5 && line.ends_with(':') && in_list(LABEL_WORDS, words[0]) {
        return Some(Chrome::Label);
    }
    if n <= 20 && taxonomy(line, &words) {
        return Some(Chrome::Label);
    }
    if n <= 10 && date::widget(line).is_some() {
        return Some(Chrome::DateWidget);
    }
    if n <= 24 && teaser(line) {
        return Some(Chrome::Teaser);
    }
    if n <= 80 && DISCLAIMER_AC.is_match(line) {
        return Some(Chrome::Disclaimer);
    }
    if n <= 60 && bio(&words) {
        return Some(Chrome::Bio);
    }
    // `n` is the word count `promo` would recount; the promo scan runs first as it rarely hits.
    if n <= 35 && PROMO_AC.is_match(line) && CALL_AC.is_match(line) {
        return Some(Chrome::Promo);
    }
    None
}

/// A short line about puzzles, newsletters or apps (chrome when it closes the page).
pub(crate) fn promo(line: &str) -> bool {
    split::parts_at_spaces(line) <= 35 && PROMO_AC.is_match(line)
}

/// The number of words between spaces (`split(' ')` without the empty parts): the bytes that
/// are no space and start the line or follow one. Every line of every page is counted; as
/// pairs of neighbouring bytes, with no flag carried from one byte to the next, the count is
/// vectorized (it was one of the cleaner's costliest loops, 2% of a cold BBC run).
pub(crate) fn word_count(line: &str) -> usize {
    let b = line.as_bytes();
    let first = usize::from(b.first().is_some_and(|&c| c != b' '));
    let rest = b
        .iter()
        .zip(b.get(1..).unwrap_or_default())
        .filter(|&(&before, &c)| before == b' ' && c != b' ')
        .count();
    first + rest
}

/// "clock menu more-arrow no yes mobile": only interface words, one of them unmistakable.
fn ui_row(line: &str, words: &[&str]) -> bool {
    !line.contains(['.', ',', ';', '!', '?', '"', '“', '”'])
        && words.iter().all(|w| in_list(UI_WORDS, w))
        && words.iter().any(|w| in_list(UI_STRONG, w))
}

/// A fixed interface phrase, a reading-time note or a relative "updated ... ago" stamp.
fn widget(line: &str, words: &[&str]) -> bool {
    let bare = line.trim_end_matches(['.', ':', '…', '>', '›', '»']).trim();
    if UI_PHRASES.iter().any(|p| p.eq_ignore_ascii_case(bare)) {
        return true;
    }
    let first = key(words[0]).to_ascii_lowercase();
    let last = words.last().map(|w| key(w)).unwrap_or_default();
    let reading_time = last.eq_ignore_ascii_case("read")
        && words
            .iter()
            .any(|w| in_list(&["min", "mins", "minute", "minutes"], w));
    let stamp = matches!(first.as_str(), "published" | "updated" | "posted")
        && last.eq_ignore_ascii_case("ago");
    reading_time || stamp
}

/// "By Jane Doe", "BY JANE DOE AND SAM LEE, STAFF WRITERS | May 2, 2021": "by", then a name of
/// one to four capitalised words (connectors allowed) up to a comma, bar or the end.
fn byline(words: &[&str]) -> bool {
    if words.len() < 2 || !words[0].eq_ignore_ascii_case("by") {
        return false;
    }
    let mut names = 0usize;
    for w in &words[1..] {
        let word = w.trim_end_matches([',', '|', ';']);
        // A bare separator ("By Jane Doe | May 2") ends the name part.
        if word.is_empty() && names > 0 {
            break;
        }
        if matches!(
            word.to_lowercase().as_str(),
            "and" | "&" | "de" | "van" | "von" | "da" | "la"
        ) {
            continue;
        }
        if word.is_empty() || !word.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        names = names.saturating_add(1);
        if w.ends_with([',', '|']) || names > 4 {
            break;
        }
    }
    (1..=4).contains(&names)
}

/// "Filed under: Movies / Streaming" or "Tags: Netflix, Action": a label word, a colon, then a
/// list of short items split by slashes, bars, commas or dots, with no sentence in it.
fn taxonomy(line: &str, words: &[&str]) -> bool {
    let Some((label, rest)) = line.split_once(':') else {
        return false;
    };
    if word_count(label) > 3 || !in_list(LABEL_WORDS, words[0]) {
        return false;
    }
    let items: Vec<&str> = rest
        .split(['/', '|', ',', '·', '•'])
        .map(str::trim)
        .filter(|i| !i.is_empty())
        .collect();
    items.len() >= 2
        && items.iter().all(|i| i.split(' ').count() <= 4)
        && !ends_sentence(rest.trim())
}

/// "RELATED: Title Of Another Story" or "Read more: ...": a link label and a title.
fn teaser(line: &str) -> bool {
    let Some((label, rest)) = line.split_once(':') else {
        return false;
    };
    let rest = rest.trim();
    let label_words: Vec<&str> = label.split(' ').filter(|w| !w.is_empty()).collect();
    if rest.is_empty() || label_words.is_empty() || label_words.len() > 3 || ends_sentence(rest) {
        return false;
    }
    if label_words.iter().any(|w| in_list(CREDIT_LABELS, w)) {
        return false;
    }
    let letters = label.chars().filter(|c| c.is_alphabetic()).count();
    let all_caps = letters >= 3 && !label.chars().any(char::is_lowercase);
    let named = label_words.iter().all(|w| in_list(TEASER_LABELS, w));
    all_caps || named
}

/// "Jane Doe is a senior editor at Example. She has covered ...": a name, "is a/an/the", a job
/// word soon after, and a preposition tying it to a publication.
fn bio(words: &[&str]) -> bool {
    let Some(is) = words.iter().take(5).position(|w| *w == "is") else {
        return false;
    };
    if is == 0 || in_list(HONORIFICS, words[0]) {
        return false;
    }
    let name_ok = words[..is]
        .iter()
        .all(|w| w.chars().next().is_some_and(char::is_uppercase));
    let article_ok = words
        .get(is.saturating_add(1))
        .is_some_and(|w| matches!(*w, "a" | "an" | "the"));
    if !name_ok || !article_ok {
        return false;
    }
    let tail = words.get(is.saturating_add(2)..).unwrap_or(&[]);
    let Some(role) = tail.iter().take(5).position(|w| in_list(ROLES, w)) else {
        return false;
    };
    tail.get(role..)
        .unwrap_or(&[])
        .iter()
        .take(4)
        .any(|w| matches!(*w, "at" | "for" | "with" | "of"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn byline_with_a_spaced_separator_and_date() {
        assert_eq!(classify("By Jane Doe | May 2, 2021"), Some(Chrome::Byline));
        assert_eq!(classify("By | the river"), None);
    }

    #[test]
    fn taxonomy_lines_are_labels_but_lists_in_prose_are_not() {
        assert_eq!(
            classify("Filed under: Movies / Streaming / Profiles"),
            Some(Chrome::Label)
        );
        assert_eq!(
            classify("Tags: Netflix, Action, Thrillers"),
            Some(Chrome::Label)
        );
        assert_eq!(classify("Topics: Film"), None, "one item is not a list");
        assert_eq!(
            classify("Read the plan: it covers roads, rail, and buses in the north."),
            None
        );
    }

    #[test]
    fn interface_rows_and_labels() {
        assert_eq!(classify("search menu close"), Some(Chrome::UiWords));
        assert_eq!(classify("Share this story"), Some(Chrome::UiWords));
        assert_eq!(classify("Tagged as:"), Some(Chrome::Label));
        // Prose-like short lines and list intros stay.
        assert_eq!(classify("No more"), None);
        assert_eq!(classify("Other changes include:"), None);
        assert_eq!(classify("Yes, share it."), None);
    }

    #[test]
    fn disclaimers_bios_and_promos() {
        assert_eq!(
            classify("Some links on this page are affiliate links and we get a cut."),
            Some(Chrome::Disclaimer)
        );
        assert_eq!(
            classify("Ana Ruiz is a staff writer at The Daily Lamp, covering games."),
            Some(Chrome::Bio)
        );
        assert_eq!(
            classify("Sign up for our morning newsletter!"),
            Some(Chrome::Promo)
        );
        // A promo word in prose, with no call to action, is left to the page-end rule.
        assert_eq!(classify("The newsletter went out late."), None);
        // News prose about a person's job is not a bio box.
        assert_eq!(classify("Mr Grant is a former editor of the paper."), None);
        assert_eq!(
            classify("The deal is a blow for the editor of the magazine."),
            None
        );
    }

    #[test]
    fn teasers_but_not_credits_or_speakers() {
        assert_eq!(
            classify("MORE: The Ten Best Board Games Of The Year"),
            Some(Chrome::Teaser)
        );
        assert_eq!(
            classify("Read more: Why Trains Run Late"),
            Some(Chrome::Teaser)
        );
        assert_eq!(classify("PHOTO: Lena Ostrova/Wire"), None);
        assert_eq!(classify("GRANT: We never planned it that way."), None);
        assert_eq!(classify("Subs not used: Harper."), None);
    }

    #[test]
    fn bylines_widgets_and_legal_lines() {
        assert_eq!(classify("By Ana Ruiz and Tom Bell"), Some(Chrome::Byline));
        assert_eq!(
            classify("By Ana Ruiz, Senior Writer | 4 June 2020"),
            Some(Chrome::Byline)
        );
        assert_eq!(classify("By Monday the river had risen."), None);
        assert_eq!(classify("By the end of the week"), None);
        assert_eq!(classify("Continue reading…"), Some(Chrome::Widget));
        assert_eq!(classify("6 min read"), Some(Chrome::Widget));
        assert_eq!(classify("Updated 3 hours ago"), Some(Chrome::Widget));
        assert_eq!(classify("Updated figures due today"), None);
        assert_eq!(classify("Share on Facebook"), Some(Chrome::UiWords));
        assert_eq!(
            classify("© 2021 River Post Media"),
            Some(Chrome::Disclaimer)
        );
        assert_eq!(
            classify("We use cookies to improve your visit."),
            Some(Chrome::Disclaimer)
        );
    }

    #[test]
    fn words_are_counted_as_splitting_at_spaces_would() {
        for line in [
            "",
            " ",
            "a",
            " a  b ",
            "one two three",
            "tab\tand  nbsp\u{a0}x",
            "  ",
        ] {
            let split = line.split(' ').filter(|w| !w.is_empty()).count();
            assert_eq!(word_count(line), split, "{line:?}");
        }
        // A long line is still judged by the rule that reaches it; a longer one by none.
        let tail = " and the rest of the sentence".repeat(11);
        let legal = format!("We use cookies to improve your visit{tail}.");
        assert!((61..=80).contains(&word_count(&legal)));
        assert_eq!(classify(&legal), Some(Chrome::Disclaimer));
        let longer = format!("{legal}{tail}");
        assert!(word_count(&longer) > 80);
        assert_eq!(classify(&longer), None);
    }

    #[test]
    fn date_widgets() {
        assert_eq!(classify("date 2019-08-30"), Some(Chrome::DateWidget));
        assert_eq!(classify("Friday 30 August 2019"), None);
    }
}
