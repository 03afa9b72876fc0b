//! Context votes for a candidate's kind: the cue words around a name ("the film X",
//! "director X", "X said", "X, a crime drama", "the 2019 X", "X (2019)"). Reads tokens only.

use super::{Finder, Votes, kix};
use crate::corpus::extract::aliases::initials;
use crate::corpus::extract::kinds::is_plural;
use crate::corpus::extract::lexicon::{LEXICON, Tags};
use crate::corpus::extract::tokens::{POSSESSIVE, TokKind, is_capitalised};
use crate::corpus::model::Kind;

/// Posts held in a body. Before "of", the name is the body: "general secretary of Unison",
/// "chairman of Fiat", "members of Korn". Not the family words ("the son of X" is a person),
/// nor the makers of works ("the director of X" may be a film's).
const POSTS: &[&str] = &[
    "boss",
    "captain",
    "chairman",
    "chief",
    "coach",
    "executive",
    "leader",
    "manager",
    "member",
    "members",
    "president",
    "secretary",
    "spokesman",
    "spokeswoman",
];

/// Words between a name and its verb that leave the name the verb's subject ("has said").
const AUXILIARIES: &[&str] = &["also", "had", "has", "have", "is", "was", "will", "would"];

/// Prepositions that part a name from a cue word before them ("playing for X"). Not "of":
/// "the son of X" still speaks of X.
const BARRIERS: &[&str] = &[
    "against", "at", "by", "for", "from", "in", "into", "on", "over", "to", "with",
];

impl Finder<'_, '_, '_> {
    /// Whether a plain lowercase word follows the name at once, as a verb does ("saw Fowler
    /// chase"), rather than a preposition or a word of time ("saw Hitch at", "saw Ray twice").
    fn acts_after(&self, last: usize) -> bool {
        let Some(t) = self.toks.get(last + 1) else {
            return false;
        };
        let w = t.text(self.text);
        t.kind == TokKind::Word
            && w.chars().next().is_some_and(char::is_lowercase)
            && !BARRIERS.contains(&w)
            && !LEXICON.tags(w).any(Tags::CONNECTOR | Tags::COMMON)
            && !matches!(
                w,
                "twice" | "again" | "last" | "this" | "when" | "as" | "before" | "after"
            )
    }

    /// Votes from the words around a name: "the film X", "director X", "X said", "X (2019)".
    pub(super) fn context_votes(&self, first: usize, last: usize, votes: &mut Votes) {
        let l = &*LEXICON;
        let p1 = first.checked_sub(1).map_or("", |i| self.word(i));
        let p2 = first.checked_sub(2).map_or("", |i| self.word(i));
        if p1.len() == 4 && (p1.starts_with("19") || p1.starts_with("20")) && p2 == "the" {
            // "the 2019 Hellboy": a dated title, or a dated event ("the 2004 Davis Cup").
            let event = self.tags(last).any(Tags::OTHER_SUFFIX);
            votes[kix(if event { Kind::Other } else { Kind::Work })] += 3;
        }
        if p1 == "the" && first == last && is_plural(self.word(first)) {
            // "the Tories", "the Conservatives": a capitalised plural after "the" is a group.
            votes[kix(Kind::Organization)] += 2;
        }
        // "Belgium's Olivier Rochus", "Tirunesh Dibaba of Ethiopia": a line-up or a report
        // gives a player's country beside a name that reads as a person's. A body's name does
        // not read so ("Russia's Gazprom", "Bank of England").
        let country_before = first.checked_sub(1).is_some_and(|i| {
            self.toks.get(i).is_some_and(|t| t.has(POSSESSIVE)) && l.tags(p1).any(Tags::PLACE)
        });
        let country_after = self.word(last + 1) == "of" && self.place_after_of(last + 1);
        if (country_before || country_after) && self.reads_as_name(first, last) {
            votes[kix(Kind::Person)] += 2;
        }
        if p1 == "as" && first >= 2 && is_capitalised(p2) {
            // "Chris Evans as Captain America": a role.
            votes[kix(Kind::Person)] += 3;
        }
        // "Lee's company": what follows the name is the name's, not the name.
        let owner = self.toks.get(last).is_some_and(|t| t.has(POSSESSIVE));
        let mut seen = 0;
        let mut of = false;
        let mut i = first;
        while i > 0 && seen < 2 {
            i -= 1;
            let Some(t) = self.toks.get(i) else { break };
            let w = t.text(self.text);
            if t.kind == TokKind::Punct {
                if w == "/" {
                    continue;
                }
                break;
            }
            if !w.chars().next().is_some_and(char::is_lowercase) {
                break;
            }
            if seen == 0 && BARRIERS.contains(&w) {
                // "playing for Gloucester", "the villain at Twickenham", "a film with X": the
                // cue describes someone else, and the name is where or whom they met.
                break;
            }
            if seen == 0 && matches!(w, "saw" | "watched") && self.acts_after(last) {
                // "saw Fowler chase a loose ball": whom someone saw do something, not a film.
                break;
            }
            if let Some((k, weight)) = l.tags(w).cue_before() {
                // "chief executive of Lee's company": the post is in what the name owns.
                let k = if of && !owner && k == Kind::Person && POSTS.contains(&w) {
                    Kind::Organization
                } else {
                    k
                };
                if k != Kind::Place || seen == 0 {
                    votes[kix(k)] += i32::from(weight) - seen;
                }
                // The nearest cue speaks for the name; farther words describe something else.
                break;
            }
            of = seen == 0 && w == "of";
            seen += 1;
        }
        // "a school in Gateshead, admitted": a name after a preposition is not the verb's
        // subject. It may still be the one a relative clause speaks of ("won by Vivancos,
        // who").
        let object = BARRIERS.contains(&p1);
        let mut j = last + 1;
        let mut seen = 0;
        let mut appositive = false;
        let mut comma = false;
        // Whether only auxiliaries stand between the name and the word looked at ("has").
        let mut plain = true;
        while seen < if appositive { 5 } else { 2 } {
            let Some(t) = self.toks.get(j) else { break };
            let w = t.text(self.text);
            j += 1;
            if t.kind == TokKind::Punct {
                if seen == 0 && w == "," {
                    let nw = self.word(j);
                    if l.tags(nw).any(Tags::PERSON_AFTER)
                        && nw != "said"
                        && nw != "says"
                        && (!object || nw == "who")
                    {
                        // "Yaz, played by ...", "Sam, who ...".
                        votes[kix(Kind::Person)] += 2;
                        break;
                    }
                    appositive = matches!(nw, "a" | "an" | "the");
                    comma = true;
                    continue;
                }
                if seen == 0 && w == "(" {
                    let inner = self.word(j);
                    if inner.len() == 4 && (inner.starts_with("19") || inner.starts_with("20")) {
                        votes[kix(Kind::Work)] += 3;
                    } else if self.spelt_by(inner, first, last) {
                        // "the Royal Academy of Dance (RAD)": bodies go by their initials.
                        // Not "Venus Williams (US)", a country after a player.
                        votes[kix(Kind::Organization)] += 1;
                    } else if self.name_word(j) {
                        votes[kix(Kind::Person)] += 1;
                    }
                }
                break;
            }
            if seen == 0 && matches!(w, "MP" | "MPs" | "MEP" | "MEPs") {
                // "a Labour MP": the party of a member.
                votes[kix(Kind::Organization)] += 3;
                break;
            }
            if !w.chars().next().is_some_and(char::is_lowercase) {
                if appositive {
                    // "Black Widow, the next Marvel film".
                    continue;
                }
                break;
            }
            if owner && l.tags(w).any(Tags::WORK_AFTER | Tags::WORK_AFTER_WEAK) {
                // "Moore's film", "Keane's album": the work is the name's, not the name.
                break;
            }
            if appositive {
                // "Cherry, a crime drama": the apposition names what it is.
                let t = l.tags(w);
                if t.any(Tags::WORK_BEFORE | Tags::WORK_AFTER) {
                    votes[kix(Kind::Work)] += 2;
                } else if t.any(Tags::PERSON_BEFORE) {
                    // "Gaspar, an old friend".
                    votes[kix(Kind::Person)] += 2;
                }
            } else if seen == 0 && matches!(w, "said" | "says") && self.statement(j) {
                // "Yukos said in a statement": companies and bodies issue statements.
                votes[kix(Kind::Organization)] += 3;
                break;
            } else if let Some((k, weight)) = l.tags(w).cue_after() {
                // "Yukos said": organizations speak too, and a lone surname is folded into
                // its person anyway, so a speech verb says little about one word.
                // "Aksoy, chief strategist at ...": after a comma an organization's cue
                // describes the name's employer, not the name.
                let employer = comma && k == Kind::Organization;
                // "the Scottish Executive has insisted": a person is not "the" anyone, a body
                // is. Not past another word: "the European Indoor trials told us".
                let the = matches!(p1, "the" | "The") && plain;
                let k = if k == Kind::Person && the {
                    Kind::Organization
                } else {
                    k
                };
                // "the Black Sabbath singer told": the verb is the singer's, not the band's.
                let speaker = k != Kind::Person || (first != last && plain && !object);
                if speaker && !employer {
                    votes[kix(k)] += i32::from(weight);
                }
            }
            plain &= AUXILIARIES.contains(&w);
            seen += 1;
        }
    }

    /// Whether `acronym` is the acronym of the words from `first` to `last`, as the alias
    /// folds read one ("RAD" of "Royal Academy of Dance").
    fn spelt_by(&self, acronym: &str, first: usize, last: usize) -> bool {
        let (Some(a), Some(b)) = (self.toks.get(first), self.toks.get(last)) else {
            return false;
        };
        let name = self
            .text
            .get(a.start as usize..b.end as usize)
            .unwrap_or("");
        let words: Vec<&str> = name.split_whitespace().collect();
        initials(&words).is_some_and(|i| i == acronym)
    }

    /// Whether the tokens from `j` read "in a statement" (or "in a brief statement").
    fn statement(&self, j: usize) -> bool {
        self.word(j) == "in"
            && matches!(self.word(j + 1), "a" | "its")
            && (self.word(j + 2) == "statement" || self.word(j + 3) == "statement")
    }
}

#[cfg(test)]
mod tests;
