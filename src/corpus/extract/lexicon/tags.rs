//! Every word list a word is on, as bits from one lookup. The extractor asks the same word up
//! to a dozen list questions in a row ("a common word? a title? a place? a first name?"); one
//! hash lookup answers them all, where a lookup per list hashed the word each time.

use std::ops::BitOr;

use crate::corpus::model::Kind;

use super::super::fasthash::FastSet;
use super::super::wordmap::WordMap;
use super::{
    BODY_HEADS, CONNECTORS, HONORIFICS, Lexicon, OTHER_SUFFIXES, PART_SUFFIXES, PLACE_HEADS,
    PLACE_SUFFIXES, TITLE_MODIFIERS, WORK_SUFFIXES,
};

/// A set of word lists.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tags(u32);

impl Tags {
    /// No list.
    pub const NONE: Tags = Tags(0);
    /// `Lexicon::first_names`.
    pub const FIRST_NAME: Tags = Tags(1);
    /// `Lexicon::common`.
    pub const COMMON: Tags = Tags(1 << 1);
    /// `Lexicon::calendar`.
    pub const CALENDAR: Tags = Tags(1 << 2);
    /// `Lexicon::abbreviations`.
    pub const ABBREVIATION: Tags = Tags(1 << 3);
    /// `Lexicon::places`.
    pub const PLACE: Tags = Tags(1 << 4);
    /// `Lexicon::known_orgs`.
    pub const KNOWN_ORG: Tags = Tags(1 << 5);
    /// `Lexicon::org_suffixes`.
    pub const ORG_SUFFIX: Tags = Tags(1 << 6);
    /// `Lexicon::person_titles`.
    pub const PERSON_TITLE: Tags = Tags(1 << 7);
    /// `Lexicon::demonyms`.
    pub const DEMONYM: Tags = Tags(1 << 8);
    /// `Lexicon::known_other`.
    pub const KNOWN_OTHER: Tags = Tags(1 << 9);
    /// [`HONORIFICS`].
    pub const HONORIFIC: Tags = Tags(1 << 10);
    /// [`CONNECTORS`].
    pub const CONNECTOR: Tags = Tags(1 << 11);
    /// [`PLACE_SUFFIXES`].
    pub const PLACE_SUFFIX: Tags = Tags(1 << 12);
    /// [`WORK_SUFFIXES`].
    pub const WORK_SUFFIX: Tags = Tags(1 << 13);
    /// [`OTHER_SUFFIXES`].
    pub const OTHER_SUFFIX: Tags = Tags(1 << 14);
    /// `Cues::work_before`.
    pub const WORK_BEFORE: Tags = Tags(1 << 15);
    /// `Cues::work_after`.
    pub const WORK_AFTER: Tags = Tags(1 << 16);
    /// `Cues::person_before`.
    pub const PERSON_BEFORE: Tags = Tags(1 << 17);
    /// `Cues::work_after_weak`.
    pub const WORK_AFTER_WEAK: Tags = Tags(1 << 18);
    /// `Cues::person_after`.
    pub const PERSON_AFTER: Tags = Tags(1 << 19);
    /// `Cues::org_before`.
    pub const ORG_BEFORE: Tags = Tags(1 << 20);
    /// `Cues::org_after`.
    pub const ORG_AFTER: Tags = Tags(1 << 21);
    /// [`PART_SUFFIXES`].
    pub const PART_SUFFIX: Tags = Tags(1 << 22);
    /// [`BODY_HEADS`].
    pub const BODY_HEAD: Tags = Tags(1 << 23);
    /// [`TITLE_MODIFIERS`].
    pub const TITLE_MODIFIER: Tags = Tags(1 << 24);
    /// [`PLACE_HEADS`].
    pub const PLACE_HEAD: Tags = Tags(1 << 25);

    /// The lists that name something by themselves (see `candidates::is_gazetteer`).
    pub const GAZETTEER: Tags =
        Tags(Self::FIRST_NAME.0 | Self::PLACE.0 | Self::KNOWN_ORG.0 | Self::KNOWN_OTHER.0);
    /// The last words of organization, place, work and event names.
    pub const SUFFIX: Tags = Tags(
        Self::ORG_SUFFIX.0 | Self::PLACE_SUFFIX.0 | Self::WORK_SUFFIX.0 | Self::OTHER_SUFFIX.0,
    );

    /// Whether the word is on any of `lists`.
    #[must_use]
    pub fn any(self, lists: Tags) -> bool {
        self.0 & lists.0 != 0
    }

    /// The kind and weight a word standing just before a name votes for, if it is a cue.
    #[must_use]
    pub fn cue_before(self) -> Option<(Kind, u8)> {
        self.strongest(&CUES_BEFORE)
    }

    /// The kind and weight a word standing just after a name votes for, if it is a cue.
    #[must_use]
    pub fn cue_after(self) -> Option<(Kind, u8)> {
        self.strongest(&CUES_AFTER)
    }

    fn strongest(self, cues: &[(Tags, Kind, u8)]) -> Option<(Kind, u8)> {
        cues.iter()
            .find(|(t, ..)| self.any(*t))
            .map(|&(_, kind, weight)| (kind, weight))
    }
}

/// The cue lists before a name, strongest first: the kind each votes for, and how strongly.
const CUES_BEFORE: [(Tags, Kind, u8); 3] = [
    (Tags::WORK_BEFORE, Kind::Work, 3),
    (Tags::PERSON_BEFORE, Kind::Person, 3),
    (Tags::ORG_BEFORE, Kind::Organization, 2),
];

/// The cue lists after a name, strongest first.
const CUES_AFTER: [(Tags, Kind, u8); 4] = [
    (Tags::WORK_AFTER, Kind::Work, 2),
    (Tags::WORK_AFTER_WEAK, Kind::Work, 1),
    (Tags::PERSON_AFTER, Kind::Person, 2),
    (Tags::ORG_AFTER, Kind::Organization, 2),
];

impl BitOr for Tags {
    type Output = Tags;

    fn bitor(self, rhs: Tags) -> Tags {
        Tags(self.0 | rhs.0)
    }
}

/// Every set of the lexicon with its tag.
fn tagged_sets(l: &Lexicon) -> [(&FastSet<&'static str>, Tags); 17] {
    let c = &l.cues;
    [
        (&l.first_names, Tags::FIRST_NAME),
        (&l.common, Tags::COMMON),
        (&l.calendar, Tags::CALENDAR),
        (&l.abbreviations, Tags::ABBREVIATION),
        (&l.places, Tags::PLACE),
        (&l.known_orgs, Tags::KNOWN_ORG),
        (&l.org_suffixes, Tags::ORG_SUFFIX),
        (&l.person_titles, Tags::PERSON_TITLE),
        (&l.demonyms, Tags::DEMONYM),
        (&l.known_other, Tags::KNOWN_OTHER),
        (&c.work_before, Tags::WORK_BEFORE),
        (&c.work_after, Tags::WORK_AFTER),
        (&c.person_before, Tags::PERSON_BEFORE),
        (&c.work_after_weak, Tags::WORK_AFTER_WEAK),
        (&c.person_after, Tags::PERSON_AFTER),
        (&c.org_before, Tags::ORG_BEFORE),
        (&c.org_after, Tags::ORG_AFTER),
    ]
}

/// The constant word lists with their tags.
const TAGGED_LISTS: [(&[&str], Tags); 9] = [
    (HONORIFICS, Tags::HONORIFIC),
    (CONNECTORS, Tags::CONNECTOR),
    (PLACE_SUFFIXES, Tags::PLACE_SUFFIX),
    (WORK_SUFFIXES, Tags::WORK_SUFFIX),
    (OTHER_SUFFIXES, Tags::OTHER_SUFFIX),
    (PART_SUFFIXES, Tags::PART_SUFFIX),
    (BODY_HEADS, Tags::BODY_HEAD),
    (TITLE_MODIFIERS, Tags::TITLE_MODIFIER),
    (PLACE_HEADS, Tags::PLACE_HEAD),
];

/// Builds the word -> lists map from the lexicon's sets and the constant lists.
pub(super) fn build(l: &Lexicon) -> WordMap<'static, Tags> {
    let mut tags = WordMap::default();
    let mut tag = |word: &'static str, t: Tags| {
        let slot = tags.entry(word);
        *slot = *slot | t;
    };
    for (set, t) in tagged_sets(l) {
        set.iter().for_each(|w| tag(w, t));
    }
    for (list, t) in TAGGED_LISTS {
        list.iter().for_each(|w| tag(w, t));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::super::LEXICON;
    use super::*;

    #[test]
    fn a_words_tags_are_exactly_the_lists_it_is_on() {
        let l = &*LEXICON;
        let c = &l.cues;
        let sets = tagged_sets(l);
        let lists = TAGGED_LISTS;
        // Every listed word, and words on no list, checked against every list.
        // Around the seven bytes that are keyed as an integer too, and a NUL that must not
        // make a word equal to its prefix.
        let mut words: Vec<&str> = vec![
            "banana", "Quibblex", "", "the film", "Chris\0", "Chri", "Studio", "Studiosx",
        ];
        for (set, _) in &sets {
            words.extend(set.iter().copied());
        }
        for (list, _) in &lists {
            words.extend(list.iter().copied());
        }
        for w in words {
            let t = l.tags(w);
            for (set, bit) in &sets {
                assert_eq!(t.any(*bit), set.contains(w), "{w:?} {bit:?}");
            }
            for (list, bit) in &lists {
                assert_eq!(t.any(*bit), list.contains(&w), "{w:?} {bit:?}");
            }
            assert_eq!(t.cue_before(), c.before(w), "{w:?}");
            assert_eq!(t.cue_after(), c.after(w), "{w:?}");
        }
        assert!(l.tags("Chris").any(Tags::GAZETTEER));
        assert!(l.tags("Studios").any(Tags::SUFFIX));
        assert_eq!(l.tags("banana"), Tags::NONE);
    }
}
