//! Recognises page chrome one line at a time: UI words, label lines, disclaimers, author bio
//! boxes, link teasers and promos. Owns the general rules and their word lists; it must never
//! match a particular site's strings, and it errs on the side of keeping prose.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use super::date;

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
}

/// Interface words seen in navigation bars, share bars and icon names.
const UI_WORDS: &[&str] = &[
    "menu",
    "share",
    "shares",
    "search",
    "close",
    "clock",
    "more-arrow",
    "arrow",
    "no",
    "yes",
    "mobile",
    "facebook",
    "twitter",
    "pinterest",
    "linkedin",
    "reddit",
    "whatsapp",
    "flipboard",
    "email",
    "e-mail",
    "print",
    "comment",
    "comments",
    "subscribe",
    "login",
    "log",
    "sign",
    "in",
    "up",
    "out",
    "register",
    "home",
    "skip",
    "to",
    "content",
    "main",
    "navigation",
    "nav",
    "toggle",
    "open",
    "more",
    "show",
    "hide",
    "expand",
    "collapse",
    "play",
    "pause",
    "mute",
    "unmute",
    "advertisement",
    "ad",
    "ads",
    "sponsored",
    "copy",
    "link",
    "icon",
    "chevron",
    "caret",
    "hamburger",
    "account",
    "profile",
    "notifications",
    "settings",
    "loading",
    "tweet",
    "pin",
    "save",
    "bookmark",
    "like",
    "follow",
    "newsletter",
    "back",
    "top",
    "scroll",
    "next",
    "previous",
    "prev",
    "trending",
    "x",
    "sms",
    "feedback",
    "this",
    "article",
    "story",
    "page",
];

/// Interface words that almost never stand alone in prose; a UI row needs one of them.
const UI_STRONG: &[&str] = &[
    "menu",
    "share",
    "search",
    "close",
    "clock",
    "more-arrow",
    "arrow",
    "advertisement",
    "subscribe",
    "login",
    "sign",
    "skip",
    "navigation",
    "nav",
    "toggle",
    "hamburger",
    "chevron",
    "caret",
    "icon",
    "tweet",
    "whatsapp",
    "facebook",
    "twitter",
    "pinterest",
    "linkedin",
    "reddit",
    "flipboard",
    "email",
    "print",
    "comments",
    "bookmark",
    "newsletter",
    "scroll",
    "loading",
    "unmute",
    "mute",
];

/// First words of a bare label line ending in ':' ("Filed under:", "Related stories:").
const LABEL_WORDS: &[&str] = &[
    "filed",
    "tags",
    "tagged",
    "topics",
    "topic",
    "categories",
    "category",
    "posted",
    "share",
    "sharing",
    "related",
    "more",
    "see",
    "read",
    "follow",
    "advertisement",
    "sponsored",
    "recommended",
    "trending",
    "popular",
    "latest",
    "comments",
    "published",
    "updated",
    "listen",
    "watch",
    "explore",
    "photos",
    "videos",
    "newsletter",
    "most",
];

/// Label words that introduce a link to another page ("Read more: ...").
const TEASER_LABELS: &[&str] = &[
    "related",
    "next",
    "previous",
    "prev",
    "read",
    "more",
    "see",
    "also",
    "watch",
    "listen",
    "recommended",
    "trending",
    "popular",
    "latest",
    "must",
    "don't",
    "dont",
    "miss",
    "click",
    "here",
    "up",
    "sponsored",
    "further",
    "reading",
    "check",
    "out",
    "video",
    "gallery",
    "quiz",
    "from",
];

/// All-caps labels that credit or caption an image: counted text, never teasers.
const CREDIT_LABELS: &[&str] = &[
    "photo",
    "photos",
    "image",
    "images",
    "credit",
    "credits",
    "caption",
    "picture",
    "pic",
    "source",
    "via",
    "illustration",
    "graphic",
    "file",
    "courtesy",
    "video",
    "q",
    "a",
];

/// Job words of an author bio box.
const ROLES: &[&str] = &[
    "editor",
    "writer",
    "reporter",
    "correspondent",
    "journalist",
    "contributor",
    "critic",
    "columnist",
    "author",
    "freelancer",
    "blogger",
    "producer",
    "host",
    "intern",
    "staffer",
];

/// Honorifics: news prose says "Mr Smith is a ...", bio boxes never do.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr", "sir", "lord", "lady", "prof"];

/// Phrases of affiliate, ethics and legal disclaimers (matched case-insensitively).
const DISCLAIMERS: &[&str] = &[
    "affiliate link",
    "affiliate partnership",
    "affiliate commission",
    "earn a commission",
    "earn commission",
    "earn a small commission",
    "earn an affiliate",
    "ethics statement",
    "ethics policy",
    "may receive compensation",
    "we may earn",
    "commission on purchases",
    "paid partnership",
    "independently selected",
    "all rights reserved",
    "privacy policy",
    "cookie policy",
    "terms of use",
    "terms of service",
];

/// Promo topics: things a page sells next to the article.
const PROMOS: &[&str] = &[
    "puzzle",
    "crossword",
    "sudoku",
    "newsletter",
    "the app",
    "our app",
    "podcast",
    "your inbox",
    "membership",
];

/// Calls to action: a promo topic with one of these is chrome wherever it sits.
const CALLS: &[&str] = &[
    "sign up",
    "subscribe",
    "take a break",
    "download",
    "follow us",
    "join us",
    "get our",
    "become a member",
    "try our",
    "playing",
    "play",
    "don't miss",
];

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

/// Lowercase ASCII form of a word with surrounding punctuation removed, for list lookups.
fn key(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'')
        .to_lowercase()
}

fn in_list(list: &[&str], word: &str) -> bool {
    list.contains(&key(word).as_str())
}

/// True when a line ends like a finished sentence (quotes and brackets after it allowed).
pub(crate) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', '”', '’', ')', ']']);
    t.ends_with(['.', '!', '?'])
}

/// Judges a line on its own. Context rules (teasers repeating the next paragraph, promo runs at
/// the end of the page) live in the caller.
pub(crate) fn classify(line: &str) -> Option<Chrome> {
    let words: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    let n = words.len();
    if n == 0 {
        return Some(Chrome::Symbols);
    }
    if n <= 12 && ui_row(line, &words) {
        return Some(Chrome::UiWords);
    }
    if n <= 5 && line.ends_with(':') && in_list(LABEL_WORDS, words[0]) {
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
    if n <= 35 && promo(line) && CALL_AC.is_match(line) {
        return Some(Chrome::Promo);
    }
    None
}

/// A short line about puzzles, newsletters or apps (chrome when it closes the page).
pub(crate) fn promo(line: &str) -> bool {
    line.split(' ').count() <= 35 && PROMO_AC.is_match(line)
}

/// "clock menu more-arrow no yes mobile": only interface words, one of them unmistakable.
fn ui_row(line: &str, words: &[&str]) -> bool {
    !line.contains(['.', ',', ';', '!', '?', '"', '“', '”'])
        && words.iter().all(|w| in_list(UI_WORDS, w))
        && words.iter().any(|w| in_list(UI_STRONG, w))
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
    fn date_widgets() {
        assert_eq!(classify("date 2019-08-30"), Some(Chrome::DateWidget));
        assert_eq!(classify("Friday 30 August 2019"), None);
    }
}
