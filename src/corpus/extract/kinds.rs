//! Deciding an entity's kind from its name's shape (gazetteers, suffixes, colons, sequel numbers)
//! and the context votes gathered around its mentions. Pure functions of strings and counts.

use super::candidates::{Votes, kix};
use super::lexicon::{LEXICON, NAME_SUFFIXES, Tags};
use super::tokens::is_all_caps;
use crate::corpus::model::Kind;

/// Votes that a name's own shape casts for each kind.
#[must_use]
pub fn lexical(name: &str) -> Votes {
    let l = &*LEXICON;
    let mut v: Votes = [0; 5];
    let words: Vec<&str> = name.split(' ').collect();
    let first = words.first().copied().unwrap_or("");
    // "Institute for Fiscal Studies", "Conference on Machine Learning": the body's head word
    // before "on" or "for" tells the kind, as a last word would.
    let head = words
        .windows(2)
        .find(|w| matches!(w[1], "on" | "for") && l.tags(w[0]).any(Tags::BODY_HEAD))
        .map(|w| w[0]);
    let last_raw = head.or_else(|| words.last().copied()).unwrap_or("");
    let last = last_raw.trim_end_matches('.');
    let last_part = last.rsplit('-').next().unwrap_or(last);
    // One lookup per word answers every list question about it.
    let (whole, first_t, last_t) = (l.tags(name), l.tags(first), l.tags(last));
    if whole.any(Tags::PLACE) {
        v[kix(Kind::Place)] += 8;
    }
    if whole.any(Tags::KNOWN_ORG) {
        v[kix(Kind::Organization)] += 8;
    }
    if whole.any(Tags::KNOWN_OTHER) {
        v[kix(Kind::Other)] += 8;
    }
    if name.contains(':') {
        v[kix(Kind::Work)] += 5;
    }
    if words.len() >= 2 {
        if last_t.any(Tags::ORG_SUFFIX) {
            v[kix(Kind::Organization)] += 5;
        }
        if last_t.any(Tags::KNOWN_ORG) {
            v[kix(Kind::Organization)] += 3;
        }
        // Every word before an "of", in one lookup each: a body's or a place's head word.
        let of_heads = words
            .windows(2)
            .filter(|w| w[1] == "of")
            .fold(Tags::NONE, |t, w| t | l.tags(w[0]));
        // "Bank of England", "Ministry of Defence": a body's head word and what it serves
        // are as plain as a head word at the end, after a first word too ("Royal Bank of
        // Scotland", "National Union of Journalists").
        if of_heads.any(Tags::ORG_SUFFIX) {
            v[kix(Kind::Organization)] += 5;
        } else if first_t.any(Tags::ORG_SUFFIX) {
            v[kix(Kind::Organization)] += 3;
        }
        if last_t.any(Tags::PLACE_SUFFIX) {
            v[kix(Kind::Place)] += 3;
        }
        // "Isle of Wight", "Gulf of Mexico", "Republic of Ireland": a place's head word and
        // what it is of. "Mount Everest", "Lake Geneva": a head word that opens the name.
        let place_of = of_heads.any(Tags::PLACE_HEAD);
        if place_of || matches!(first, "Mount" | "Lake") {
            v[kix(Kind::Place)] += if place_of { 5 } else { 3 };
        }
        // A first name opens a person's name, but not one that ends in a kind's own word
        // ("Olivier Awards", "Johnny Carson Theater" are named after a person). "Day" ends
        // holidays and is as common a surname ("Chris Day").
        let named_after = last_t.any(Tags::SUFFIX) && last != "Day";
        if first_t.any(Tags::FIRST_NAME) && !name.contains(':') && !named_after {
            v[kix(Kind::Person)] += 4;
        }
        // "Prince of Wales", "Bishop of Durham": a post named by its title and what it holds
        // is a person. Not after an honorific ("Lord of the Rings" is a film), nor with "the"
        // ("Queen of the South" is a club) or a last word that names a kind of its own.
        if first_t.any(Tags::PERSON_TITLE)
            && !first_t.any(Tags::HONORIFIC)
            && words.get(1) == Some(&"of")
            && words.get(2) != Some(&"the")
            && !last_t.any(Tags::SUFFIX)
        {
            v[kix(Kind::Person)] += 4;
        }
        if NAME_SUFFIXES.contains(&last) {
            v[kix(Kind::Person)] += 5;
        }
        if last.bytes().all(|b| b.is_ascii_digit()) {
            v[kix(Kind::Work)] += 4;
        }
        if first == "The" {
            v[kix(Kind::Work)] += 1;
        }
        let connected = words.iter().any(|w| l.tags(w).any(Tags::CONNECTOR));
        if connected {
            v[kix(Kind::Work)] += 1;
        }
        if last_t.any(Tags::WORK_SUFFIX) {
            v[kix(Kind::Work)] += 4;
        }
        // "J Hayes" is a player in a line-up, as "Jo Hayes" would be, not a body.
        let personal_first = first_t.any(Tags::FIRST_NAME) || is_initial_form(name);
        if is_plural(last) && !personal_first && !connected {
            v[kix(Kind::Organization)] += 2;
        }
    } else {
        if whole.any(Tags::FIRST_NAME) {
            v[kix(Kind::Person)] += 3;
        }
        if is_all_caps(name) {
            v[kix(Kind::Organization)] += 1;
        }
        if is_plural(name) && !whole.any(Tags::FIRST_NAME) {
            v[kix(Kind::Organization)] += 1;
        }
    }
    let part_t = if last_part == last {
        last_t
    } else {
        l.tags(last_part)
    };
    if part_t.any(Tags::OTHER_SUFFIX) && (words.len() >= 2 || last_part != last) {
        v[kix(Kind::Other)] += 3;
    }
    v
}

/// Whether a word looks like an English plural ("Tories", "Commandos"), not "Glass" or "Venus".
#[must_use]
pub fn is_plural(w: &str) -> bool {
    w.len() > 3
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
}

/// How the corpus writes single words, for names with no other evidence.
pub struct WordUse<'f> {
    /// How often a word is written in lowercase.
    pub lower: &'f (dyn Fn(&str) -> u32 + Sync),
    /// How often a word stands capitalised mid-sentence on its own (not after "the").
    pub alone: &'f (dyn Fn(&str) -> u32 + Sync),
}

/// The kind of a name given its context votes (summed over its mentions) and how the corpus
/// writes its words.
#[must_use]
pub fn decide(name: &str, context: &Votes, lower: &WordUse<'_>) -> Kind {
    let lex = lexical(name);
    let total: i32 = context.iter().map(|&x| x.max(0)).sum();
    let mut score = [0f32; 5];
    for k in 0..5 {
        #[allow(clippy::cast_precision_loss)]
        let ctx = if total > 0 {
            context[k].max(0) as f32 * 4.0 / total.max(4) as f32
        } else {
            0.0
        };
        #[allow(clippy::cast_precision_loss)]
        {
            score[k] = lex[k] as f32 + ctx;
        }
    }
    let mut best = None;
    for (k, &s) in Kind::ALL.iter().zip(score.iter()) {
        if s > 0.0 && best.is_none_or(|(_, b)| s > b) {
            best = Some((*k, s));
        }
    }
    best.map_or_else(|| default_kind(name, lower), |(k, _)| k)
}

/// With no evidence at all: two or three words that are never written in lowercase and are
/// no place or nationality are a person ("Jasin Boland") when the first is a known first name
/// or the text uses the last word alone at least as often as the first (people are called by
/// surname, bodies by their first word: "Fiat" of "Fiat Powertrain"); other multi-word names
/// are an organization ("Radio Leicester"), or other when they have connectors; one word an
/// organization.
fn default_kind(name: &str, usage: &WordUse<'_>) -> Kind {
    let lower = usage.lower;
    let l = &*LEXICON;
    let words: Vec<&str> = name.split(' ').collect();
    if words.len() < 2 {
        return Kind::Organization;
    }
    if words
        .iter()
        .any(|w| l.tags(w).any(Tags::CONNECTOR) || w.contains(':'))
    {
        return Kind::Other;
    }
    let first = words.first().copied().unwrap_or("");
    let last = words.last().copied().unwrap_or("");
    // "S Byrne", "K. Maggs": a team line-up or a citation names people by an initial and a
    // surname, and the initial stands for a first name. It is not a word, so how the corpus
    // writes "s" or uses "S" alone says nothing about it.
    let initial = is_initial_form(name);
    let personal = words.len() <= 3
        && words.iter().enumerate().all(|(i, w)| {
            (i == 0 && initial)
                || (lower(w) == 0
                    && !l.tags(w).any(Tags::PLACE | Tags::DEMONYM | Tags::KNOWN_ORG)
                    && !is_all_caps(w))
        });
    let surname_used = initial
        || l.tags(first).any(Tags::FIRST_NAME)
        || (usage.alone)(last) >= (usage.alone)(first);
    if personal && surname_used {
        Kind::Person
    } else {
        Kind::Organization
    }
}

/// Whether a word is one capital letter, with or without a full stop ("J", "J.").
#[must_use]
pub fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(char::is_uppercase) && matches!(chars.as_str(), "" | ".")
}

/// Whether a name is an initial and one surname ("B Quennell", "D. Arkwright").
#[must_use]
pub fn is_initial_form(name: &str) -> bool {
    two_words(name).is_some_and(|(first, _)| is_initial(first))
}

/// A name's two words, when it has exactly two.
#[must_use]
pub fn two_words(name: &str) -> Option<(&str, &str)> {
    let (first, rest) = name.split_once(' ')?;
    (!rest.contains(' ') && !rest.is_empty()).then_some((first, rest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn none() -> Votes {
        [0; 5]
    }

    fn decide(name: &str, v: &Votes) -> Kind {
        let usage = WordUse {
            lower: &|w: &str| u32::from(w == "Radio"),
            alone: &|w: &str| u32::from(w == "Fiat") * 5 + u32::from(w == "Boland"),
        };
        super::decide(name, v, &usage)
    }

    #[test]
    fn shapes_decide_without_context() {
        assert_eq!(decide("Avengers: Endgame", &none()), Kind::Work);
        assert_eq!(decide("Vox Media", &none()), Kind::Organization);
        assert_eq!(decide("Ovi Mahajan Jr.", &none()), Kind::Person);
        assert_eq!(decide("Sandra Gidley", &none()), Kind::Person);
        assert_eq!(decide("Bangladesh", &none()), Kind::Place);
        assert_eq!(decide("Comic-Con", &none()), Kind::Other);
        assert_eq!(decide("Extraction 2", &none()), Kind::Work);
        assert_eq!(decide("Howling Commandos", &none()), Kind::Organization);
        assert_eq!(decide("Quibblex", &none()), Kind::Organization);
        assert_eq!(decide("Jasin Boland", &none()), Kind::Person);
        assert_eq!(
            decide("Fiat Powertrain", &none()),
            Kind::Organization,
            "the first word stands alone, the last does not"
        );
        assert_eq!(
            decide("Idris Okafor", &none()),
            Kind::Person,
            "no evidence either way keeps the person default"
        );
        assert_eq!(
            decide("Radio Leicester", &none()),
            Kind::Organization,
            "radio is a word"
        );
        assert_eq!(decide("Oscars", &none()), Kind::Other);
        assert_eq!(decide("Isle of Quell", &none()), Kind::Place);
        assert_eq!(decide("Gulf of Tarran", &none()), Kind::Place);
        assert_eq!(decide("Mount Ostry", &none()), Kind::Place);
    }

    #[test]
    fn a_body_named_by_its_head_word_and_of_outweighs_speech() {
        // "the Bank of England said": speech verbs vote for a person.
        let mut said = none();
        said[kix(Kind::Person)] = 7;
        assert_eq!(decide("Bank of England", &said), Kind::Organization);
        assert_eq!(decide("House of Lords", &said), Kind::Organization);
        // The head word need not come first.
        assert_eq!(decide("Royal Bank of Quenland", &said), Kind::Organization);
        assert_eq!(
            decide("National Union of Weavers", &none()),
            Kind::Organization
        );
        assert_eq!(decide("Pell Quinlan", &said), Kind::Person);
    }

    #[test]
    fn a_post_named_by_its_title_is_a_person() {
        assert_eq!(decide("Prince of Wales", &none()), Kind::Person);
        assert_eq!(decide("Bishop of Durham", &none()), Kind::Person);
        assert_ne!(
            decide("Lord of the Rings", &none()),
            Kind::Person,
            "an honorific"
        );
        assert_ne!(
            decide("Queen of the South", &none()),
            Kind::Person,
            "with \"the\""
        );
        assert_eq!(
            decide("Princess of Wales Theatre", &none()),
            Kind::Organization,
            "the last word names its kind"
        );
    }

    #[test]
    fn an_initial_and_a_surname_are_a_person() {
        // The corpus writes the letter "k" in lowercase and "K" alone ("Plan K"): as an
        // initial, it is neither.
        let usage = WordUse {
            lower: &|w: &str| u32::from(w == "K") * 3,
            alone: &|w: &str| u32::from(w == "K") * 4,
        };
        let kind = |name: &str| super::decide(name, &none(), &usage);
        assert_eq!(kind("K Hollins"), Kind::Person);
        assert_eq!(kind("K. Hollins"), Kind::Person);
        assert_eq!(
            kind("K Hollins Dunmere"),
            Kind::Organization,
            "a line-up's typo runs a player into his club"
        );
        assert_eq!(kind("KT Hollins"), Kind::Organization, "no initial");
        assert!(is_initial_form("D. Arkwright"));
        assert!(!is_initial_form("Dora Arkwright"));
        assert!(!is_initial_form("BB Quennell"));
    }

    #[test]
    fn context_votes_decide_unknown_names() {
        let mut film = none();
        film[kix(Kind::Work)] = 6;
        assert_eq!(decide("Dangerous Lies", &film), Kind::Work);
        let mut said = none();
        said[kix(Kind::Person)] = 2;
        assert_eq!(decide("Hargrave", &said), Kind::Person);
        // A gazetteer outweighs a few context votes.
        let mut movie = none();
        movie[kix(Kind::Work)] = 3;
        assert_eq!(decide("Netflix", &movie), Kind::Organization);
    }
}
