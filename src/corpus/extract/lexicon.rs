//! The word lists the extractor needs, compiled in from `assets/lexicon/` and parsed once.
//! Read-only lookups; never mutated after first use, never read from disk.

mod tags;

use super::fasthash::FastSet;
use super::wordmap::WordMap;
use std::sync::LazyLock;

pub use tags::Tags;

#[cfg(test)]
use crate::corpus::model::Kind;

/// The compiled-in word lists, as sets for O(1) lookups.
pub struct Lexicon {
    /// Common given names ("Chris", "Tony").
    pub first_names: FastSet<&'static str>,
    /// Capitalised words that are never names alone ("Despite", "However", "Photo").
    pub common: FastSet<&'static str>,
    /// Months, days and holidays.
    pub calendar: FastSet<&'static str>,
    /// Capitalised abbreviations of common nouns ("TV", "CEO").
    pub abbreviations: FastSet<&'static str>,
    /// Places, single and multi-word ("Bangladesh", "United States").
    pub places: FastSet<&'static str>,
    /// Organizations known by name alone ("BBC", "YouTube").
    pub known_orgs: FastSet<&'static str>,
    /// Last words that mark an organization ("Studios", "Party").
    pub org_suffixes: FastSet<&'static str>,
    /// Honorifics and job titles written before a person's name.
    pub person_titles: FastSet<&'static str>,
    /// Nationality adjectives ("French", "British").
    pub demonyms: FastSet<&'static str>,
    /// One-word names of awards and events ("Oscars", "Wimbledon").
    pub known_other: FastSet<&'static str>,
    /// Context cue words, by which side of the name they stand and the kind they vote for.
    pub cues: Cues,
    /// Every list above and the constant lists below, by word (see [`Lexicon::tags`]).
    tags: WordMap<'static, Tags>,
}

impl Lexicon {
    /// Every list `word` is on, from one lookup.
    #[must_use]
    pub fn tags(&self, word: &str) -> Tags {
        self.tags.get(word).copied().unwrap_or(Tags::NONE)
    }
}

/// Lowercase context words that vote for a kind.
#[derive(Default)]
pub struct Cues {
    /// Words just before a name that mark a work ("the film X").
    pub work_before: FastSet<&'static str>,
    /// Words just after a name that mark a work ("X director").
    pub work_after: FastSet<&'static str>,
    /// Words just before a name that mark a person ("director X").
    pub person_before: FastSet<&'static str>,
    /// Words just after a name that weakly mark a work ("X star", "X director").
    pub work_after_weak: FastSet<&'static str>,
    /// Words just after a name that mark a person ("X said").
    pub person_after: FastSet<&'static str>,
    /// Words just before a name that mark an organization ("told X", "the firm X").
    pub org_before: FastSet<&'static str>,
    /// Words just after a name that mark an organization ("X shares", "X boss").
    pub org_after: FastSet<&'static str>,
}

// The rule as the lists state it, kept for the tests the tags are checked against: the
// extractor asks `Tags::cue_before` and `Tags::cue_after`, one lookup for every list.
#[cfg(test)]
impl Cues {
    /// The cue kind for `word` standing before a name, strongest first.
    #[must_use]
    pub fn before(&self, word: &str) -> Option<(Kind, u8)> {
        if self.work_before.contains(word) {
            Some((Kind::Work, 3))
        } else if self.person_before.contains(word) {
            Some((Kind::Person, 3))
        } else if self.org_before.contains(word) {
            Some((Kind::Organization, 2))
        } else {
            None
        }
    }

    /// The cue kind for `word` standing after a name.
    #[must_use]
    pub fn after(&self, word: &str) -> Option<(Kind, u8)> {
        if self.work_after.contains(word) {
            Some((Kind::Work, 2))
        } else if self.work_after_weak.contains(word) {
            Some((Kind::Work, 1))
        } else if self.person_after.contains(word) {
            Some((Kind::Person, 2))
        } else if self.org_after.contains(word) {
            Some((Kind::Organization, 2))
        } else {
            None
        }
    }
}

/// Lines of a word list: trimmed, without blanks and `#` comments.
fn lines(src: &'static str) -> impl Iterator<Item = &'static str> {
    src.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

fn set(src: &'static str) -> FastSet<&'static str> {
    lines(src).collect()
}

/// Parses the sectioned cue list (`[section]` headers, one word a line).
fn cues(src: &'static str) -> Cues {
    let mut c = Cues::default();
    let mut section = "";
    for l in lines(src) {
        if let Some(name) = l.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            section = name;
            continue;
        }
        let target = match section {
            "work_before" => &mut c.work_before,
            "work_after" => &mut c.work_after,
            "person_before" => &mut c.person_before,
            "person_after" => &mut c.person_after,
            "org_before" => &mut c.org_before,
            "org_after" => &mut c.org_after,
            "work_after_weak" => &mut c.work_after_weak,
            _ => continue,
        };
        target.insert(l);
    }
    c
}

/// The lexicon, parsed on first use.
pub static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    let mut l = Lexicon {
        first_names: set(include_str!("../../../assets/lexicon/first_names.txt")),
        common: set(include_str!("../../../assets/lexicon/common_words.txt")),
        calendar: set(include_str!("../../../assets/lexicon/calendar.txt")),
        abbreviations: set(include_str!("../../../assets/lexicon/abbreviations.txt")),
        places: set(include_str!("../../../assets/lexicon/places.txt")),
        known_orgs: set(include_str!("../../../assets/lexicon/known_orgs.txt")),
        org_suffixes: set(include_str!("../../../assets/lexicon/org_suffixes.txt")),
        person_titles: set(include_str!("../../../assets/lexicon/person_titles.txt")),
        demonyms: set(include_str!("../../../assets/lexicon/demonyms.txt")),
        known_other: set(include_str!("../../../assets/lexicon/known_other.txt")),
        cues: cues(include_str!("../../../assets/lexicon/cues.txt")),
        tags: WordMap::default(),
    };
    l.tags = tags::build(&l);
    l
});

/// Honorifics that are always dropped from the front of a name ("Mr", "Dr").
pub const HONORIFICS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Sir", "Dame", "Lord", "Lady", "Prof", "Rev",
];

/// First words of place names that a given name may follow ("San Jose", "St Albans"): no
/// new name starts after them.
pub const PLACE_OPENERS: &[&str] = &[
    "San", "Santa", "Santo", "Los", "Las", "St", "Saint", "Port", "Fort", "Mount", "Lake", "Cape",
];

/// Lowercase words allowed inside a multi-word name between capitalised words.
pub const CONNECTORS: &[&str] = &[
    "of", "the", "de", "del", "della", "der", "den", "di", "da", "do", "dos", "du", "van", "von",
    "la", "le", "bin", "al", "y", "upon",
];

/// Name particles that belong to a surname ("De Niro", "van Gogh").
pub const PARTICLES: &[&str] = &[
    "de", "De", "del", "Del", "della", "Della", "der", "Der", "di", "Di", "da", "Da", "du", "Du",
    "van", "Van", "von", "Von", "le", "Le", "la", "La", "bin", "al", "Al",
];

/// Royal and papal styles, which stay with the one name they precede ("Prince Charles").
pub const REGNAL_STYLES: &[&str] = &[
    "King", "Queen", "Prince", "Princess", "Pope", "Emperor", "Empress", "Sultan", "Tsar",
];

/// Generational suffixes written after a name.
pub const NAME_SUFFIXES: &[&str] = &["Jr", "Sr", "II", "III", "IV"];

/// Last words of a place name ("Long Island", "Hyde Park").
pub const PLACE_SUFFIXES: &[&str] = &[
    "Avenue",
    "Bay",
    "Beach",
    "City",
    "County",
    "Coast",
    "Desert",
    "Island",
    "Islands",
    "Lake",
    "Mountain",
    "Mountains",
    "Ocean",
    "Park",
    "Province",
    "Region",
    "River",
    "Road",
    "Sea",
    "Square",
    "Street",
    "Valley",
];

/// Organization endings of a body named after something else, or of a part of a larger body
/// ("Westminster Foundation", "IAAF Council", "Barclays Capital"): the words before them may
/// name a place or a body of their own. A party, company or club ending ("Veritas Party",
/// "MCI Inc") is dropped when the body is named briefly, so those are not here.
pub const PART_SUFFIXES: &[&str] = &[
    "Authority",
    "Board",
    "Bureau",
    "Capital",
    "Centre",
    "Center",
    "Chambers",
    "College",
    "Commission",
    "Committee",
    "Council",
    "Court",
    "Department",
    "Exchange",
    "Federation",
    "Foundation",
    "Fund",
    "Institute",
    "League",
    "Ministry",
    "Office",
    "Society",
    "Trust",
    "Union",
    "University",
];

/// Bodies whose names go on after "on" or "for" ("Convention on Human Rights", "Department
/// for Education", "Institute for Fiscal Studies").
pub const BODY_HEADS: &[&str] = &[
    "Agency",
    "Campaign",
    "Centre",
    "Center",
    "Coalition",
    "Commission",
    "Committee",
    "Conference",
    "Convention",
    "Council",
    "Court",
    "Department",
    "Foundation",
    "Fund",
    "Institute",
    "Ministry",
    "Office",
    "Panel",
    "Society",
];

/// Head words of places named by what they are of ("Isle of Man", "Gulf of Suez").
pub const PLACE_HEADS: &[&str] = &[
    "Bay", "Cape", "District", "Gulf", "Isle", "Isles", "Lake", "Palace", "Province", "Republic",
    "Sea", "Strait", "Straits",
];

/// Words that only qualify a post ("Deputy Prime Minister", "Shadow Home Secretary"): left
/// over once the post's title is dropped from a name, they are no name of their own.
pub const TITLE_MODIFIERS: &[&str] = &["Acting", "Assistant", "Deputy", "Prime", "Shadow", "Vice"];

/// Last words of a work's name ("Marvel Cinematic Universe", "The Tonight Show").
pub const WORK_SUFFIXES: &[&str] = &["Chronicles", "Saga", "Show", "Trilogy", "Universe"];

/// Last words of an event, award, law or similar proper name ("Comic-Con", "Nobel Prize").
pub const OTHER_SUFFIXES: &[&str] = &[
    "Act",
    "Award",
    "Awards",
    "Bill",
    "Championship",
    "Championships",
    "Con",
    "Conference",
    "Cup",
    "Day",
    "Election",
    "Expo",
    "Festival",
    "Games",
    "Olympics",
    "Open",
    "Prix",
    "Prize",
    "Summit",
    "Treaty",
    "Trophy",
    "War",
    "Week",
];

/// Whether `word` is a common word or caption label by the lexicon.
#[must_use]
pub fn is_common(word: &str) -> bool {
    LEXICON.tags(word).any(Tags::COMMON)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_load_and_hold_expected_classes() {
        let l = &*LEXICON;
        assert!(l.first_names.contains("Chris"));
        assert!(l.common.contains("Despite"));
        assert!(l.calendar.contains("Friday"));
        assert!(l.places.contains("United States"));
        assert!(l.org_suffixes.contains("Studios"));
        assert!(l.cues.work_before.contains("film"));
        assert!(!l.first_names.contains("#"), "comments are skipped");
    }

    #[test]
    fn cue_sides_vote_for_their_kind() {
        let c = &LEXICON.cues;
        assert_eq!(c.before("film").map(|x| x.0), Some(Kind::Work));
        assert_eq!(c.before("director").map(|x| x.0), Some(Kind::Person));
        assert_eq!(c.after("said").map(|x| x.0), Some(Kind::Person));
        assert_eq!(c.after("sequel").map(|x| x.0), Some(Kind::Work));
        assert_eq!(c.before("banana"), None);
        assert_eq!(c.before("firm").map(|x| x.0), Some(Kind::Organization));
        assert_eq!(c.after("shares").map(|x| x.0), Some(Kind::Organization));
        assert_eq!(c.after("boss").map(|x| x.0), Some(Kind::Organization));
    }
}
