//! Candidate names in one article: capitalised runs joined by connectors, initials, suffixes,
//! colons, "and", bracketed first names and sequel numbers, trimmed of sentence openers and
//! titles, with the context votes for their kind. Per article and pure; the corpus-wide
//! evidence decides what a capital at a sentence start means. Never looks at other articles.

use std::borrow::Cow;

use super::evidence::Evidence;
use super::kinds::is_initial;
use super::lexicon::{LEXICON, NAME_SUFFIXES, PLACE_OPENERS, REGNAL_STYLES, Tags};
use super::tokens::{
    CAPITALISED, LINE_START, SENT_START, TITLE, TokKind, Token, has_inner_capital, is_all_caps,
    stop_capital,
};
use crate::corpus::clean::folded;
use crate::corpus::model::Kind;

mod context;

/// Votes for each kind, indexed in `Kind::ALL` order.
pub type Votes = [i32; 5];

/// Index of a kind in a `Votes` array.
#[must_use]
pub fn kix(k: Kind) -> usize {
    match k {
        Kind::Person => 0,
        Kind::Organization => 1,
        Kind::Work => 2,
        Kind::Place => 3,
        Kind::Other => 4,
    }
}

/// One occurrence of a candidate name in an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Occurrence<'t> {
    /// Start byte of the surface form.
    pub start: u32,
    /// End byte of the surface form (possessive excluded).
    pub end: u32,
    /// The surface form as written, whitespace collapsed (borrowed from the text when that
    /// changes nothing, which is nearly always: no allocation per candidate).
    pub surface: Cow<'t, str>,
    /// The name it stands for (brackets removed).
    pub name: Cow<'t, str>,
    /// Context votes for its kind.
    pub votes: Votes,
}

/// Finds the candidate names of one tokenized article.
#[must_use]
pub fn candidates<'t>(text: &'t str, toks: &[Token], ev: &Evidence<'_>) -> Vec<Occurrence<'t>> {
    let mut f = Finder {
        text,
        toks,
        ev,
        names: Vec::new(),
        known: toks
            .iter()
            .map(|t| t.has(CAPITALISED).then(|| LEXICON.tags(t.text(text))))
            .collect(),
    };
    // The rules ask about the same token several times; decide each token once.
    f.names = (0..toks.len()).map(|i| f.decide_name_word(i)).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match f.run_at(i) {
            Some((first, last)) => {
                f.emit(first, last, &mut out);
                i = last + 1;
            }
            None => i += 1,
        }
    }
    out
}

struct Finder<'t, 'k, 'e> {
    text: &'t str,
    toks: &'k [Token],
    ev: &'e Evidence<'e>,
    /// Per token: whether it could be part of a name (see `decide_name_word`).
    names: Vec<bool>,
    /// Per token: its lexicon tags when it is a capitalised word. The rules ask again and
    /// again of the words of a run, and on a large corpus each answer was a lookup in a
    /// table the corpus's own counts had pushed out of the cache.
    known: Vec<Option<Tags>>,
}

impl<'t> Finder<'t, '_, '_> {
    fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.text(self.text))
    }

    /// The lexicon tags of token `i`'s text.
    fn tags(&self, i: usize) -> Tags {
        match self.known.get(i) {
            Some(Some(tags)) => *tags,
            _ => LEXICON.tags(self.word(i)),
        }
    }

    fn is_word(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// A capitalised word off title lines that could be part of a name.
    fn name_word(&self, i: usize) -> bool {
        self.names.get(i).copied().unwrap_or(false)
    }

    fn decide_name_word(&self, i: usize) -> bool {
        let Some(t) = self.toks.get(i) else {
            return false;
        };
        if t.kind != TokKind::Word || t.has(TITLE) {
            return false;
        }
        let w = t.text(self.text);
        // Most tokens are lowercase words: settle them before the costlier tests.
        if !t.has(CAPITALISED) {
            return false;
        }
        let tags = self.tags(i);
        // "Rosneft-owned" is an adjective, "Comic-Con" a name.
        let lower_tail = w
            .rsplit('-')
            .next()
            .is_some_and(|p| p.len() < w.len() && p.chars().next().is_some_and(char::is_lowercase));
        // A word in capitals that the corpus also writes in lowercase is shouting ("IT WAS"),
        // unless it is a known place or body: "US" is no "us", "UN" no "un".
        !lower_tail
            && !stop_capital(w, tags)
            && (!is_all_caps(w) || tags.any(Tags::PLACE | Tags::KNOWN_ORG) || self.ev.lower(w) == 0)
    }

    /// Tokens `a` and `b` (a before b) are separated by spaces only, on one line.
    fn adjacent(&self, a: usize, b: usize) -> bool {
        let (Some(x), Some(y)) = (self.toks.get(a), self.toks.get(b)) else {
            return false;
        };
        if y.has(LINE_START) {
            return false;
        }
        self.text
            .get(x.next as usize..y.start as usize)
            .is_some_and(|gap| gap.len() <= 3 && gap.chars().all(|c| c == ' ' || c == '\u{a0}'))
    }

    /// Tokens `a` and `b` touch with nothing between.
    fn touching(&self, a: usize, b: usize) -> bool {
        match (self.toks.get(a), self.toks.get(b)) {
            (Some(x), Some(y)) => x.next == y.start,
            _ => false,
        }
    }

    fn punct(&self, i: usize, p: &str) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.kind == TokKind::Punct && t.text(self.text) == p)
    }

    /// The run of tokens of a name starting at `i`, if one starts there.
    fn run_at(&self, i: usize) -> Option<(usize, usize)> {
        // "[Christopher] Markus": an editor's bracketed first name.
        if self.punct(i, "[")
            && self.name_word(i + 1)
            && self.punct(i + 2, "]")
            && self.name_word(i + 3)
            && self.adjacent(i + 2, i + 3)
        {
            return Some((i, self.extend(i + 3)));
        }
        // "20th Century Fox": an ordinal before at least two capitalised words.
        if let Some(t) = self.toks.get(i) {
            let w = t.text(self.text);
            if t.kind == TokKind::Number
                && !t.has(TITLE)
                && is_ordinal(w)
                && self.name_word(i + 1)
                && self.name_word(i + 2)
                && self.adjacent(i, i + 1)
                && self.adjacent(i + 1, i + 2)
            {
                return Some((i, self.extend(i + 1)));
            }
        }
        self.name_word(i).then(|| (i, self.extend(i)))
    }

    /// Extends a run whose last token so far is `last`.
    fn extend(&self, mut last: usize) -> usize {
        let single_start = last;
        loop {
            let lw = self.word(last);
            let possessive = self.toks.get(last).is_some_and(|t| t.end != t.next);
            if possessive && (last != single_start || !self.possessor_joins(last)) {
                break;
            }
            let j = last + 1;
            if self.name_word(j) && self.adjacent(last, j) {
                last = j;
                continue;
            }
            if possessive {
                break;
            }
            let jw = self.word(j);
            // Connectors: "Battle of the Planets", "Rio de Janeiro".
            if self.is_word(j) && LEXICON.tags(jw).any(Tags::CONNECTOR) && jw != "the" {
                // "Simon Hart of the Countryside Alliance": a person's full name and the body
                // they speak for are two names. "Joan of Arc" has one word before "of", and
                // "Mary Queen of Scots" a title. A line-up gives a player's country after "of"
                // ("Jelena Jankovic of Serbia"): there a name that reads as a person's splits
                // too, though no list knows its first name.
                if jw == "of"
                    && last > single_start
                    && !LEXICON.tags(lw).any(Tags::PERSON_TITLE)
                    && (self.tags(single_start).any(Tags::FIRST_NAME)
                        || (self.reads_as_name(single_start, last) && self.place_after_of(j)))
                {
                    break;
                }
                let mut k = j + 1;
                if jw == "of" && self.word(k) == "the" && self.adjacent(j, k) {
                    k += 1;
                }
                if self.name_word(k) && self.adjacent(last, j) && self.adjacent(k - 1, k) {
                    last = k;
                    continue;
                }
                break;
            }
            // "Convention on Human Rights", "Department for Education", "Court of Arbitration
            // for Sport": a body's name goes on after "on" or "for" (never into a date: a day
            // is no name word). After any other name the word starts a phrase ("Blair on
            // Iraq").
            if (jw == "on" || jw == "for")
                && self.body_goes_on(single_start, last)
                && self.adjacent(last, j)
                && self.name_word(j + 1)
                && self.adjacent(j, j + 1)
            {
                last = j + 1;
                continue;
            }
            // "Dungeons and Dragons", "Marks & Spencer": only words never seen apart.
            if (jw == "and" || jw == "&")
                && last == single_start
                && self.name_word(j + 1)
                && self.adjacent(last, j)
                && self.adjacent(j, j + 1)
                && !(self.name_word(j + 2) && self.adjacent(j + 1, j + 2))
                && self.and_joins(lw, self.word(j + 1))
            {
                last = j + 1;
                break;
            }
            // "Securities and Exchange Commission", "Food and Agriculture Organisation": a
            // common word joined to the institution's name that follows.
            if (jw == "and" || jw == "&") && last == single_start && self.adjacent(last, j) {
                if let Some(end) = self.institution_after_and(lw, j) {
                    last = end;
                    break;
                }
            }
            // Initials: "George W. Bush".
            if self.punct(j, ".")
                && self.touching(last, j)
                && lw.chars().count() == 1
                && self.name_word(j + 1)
                && self.adjacent(j, j + 1)
            {
                last = j + 1;
                continue;
            }
            // Colon titles: "Avengers: Endgame", "Magic: The Gathering".
            if self.punct(j, ":")
                && self.touching(last, j)
                && self.name_word(j + 1)
                && self.adjacent(j, j + 1)
                && self.colon_joins(single_start, last, j + 1)
            {
                last = j + 1;
                continue;
            }
            // A generational suffix keeps its period: "Ovi Mahajan Jr.".
            if self.punct(j, ".") && self.touching(last, j) && NAME_SUFFIXES.contains(&lw) {
                last = j;
                break;
            }
            // A sequel number: "Extraction 2".
            if self.sequel_number(last, j) {
                last = j;
            }
            break;
        }
        last
    }

    /// Whether the run `first..=last` names a body that "on" or "for" may go on: it ends in
    /// one ("Institute") or opens with one joined by "of" ("Court of Arbitration").
    fn body_goes_on(&self, first: usize, last: usize) -> bool {
        self.tags(last).any(Tags::BODY_HEAD)
            || (self.tags(first).any(Tags::BODY_HEAD) && self.of_follows(first))
    }

    /// Whether the word at `i` is joined to the next by "of" ("Bank of", "Bishop of").
    fn of_follows(&self, i: usize) -> bool {
        self.is_word(i + 1) && self.word(i + 1) == "of"
    }

    /// A possessive word continues a name only when it is never a name of its own elsewhere
    /// ("Gilligan's Island", but not "Netflix's Extraction").
    fn possessor_joins(&self, i: usize) -> bool {
        let w = self.word(i);
        let l = &*LEXICON;
        let cap = self.ev.cap_mid(w);
        cap > 0
            && cap == self.ev.poss_mid(w)
            && !l
                .tags(w)
                .any(Tags::FIRST_NAME | Tags::PLACE | Tags::KNOWN_ORG)
            && self.name_word(i + 1)
            && self.adjacent(i, i + 1)
    }

    /// The end of "A and B ... Head" when it is one institution's name: two to four name words
    /// follow the "and" at `and` and end in an organization's head word ("Commission"), and
    /// `a` is a common word (written in lowercase elsewhere, and on no name list) that is
    /// capitalised in this pairing at least a quarter of the times it is capitalised at all.
    /// "Labour and Conservative Party" stays two names: "Labour" is capitalised far more often
    /// on its own.
    fn institution_after_and(&self, a: &str, and: usize) -> Option<usize> {
        let first = and + 1;
        if !self.name_word(first) || !self.adjacent(and, first) {
            return None;
        }
        let mut end = first;
        while end < first + 3 && self.name_word(end + 1) && self.adjacent(end, end + 1) {
            end += 1;
        }
        let l = &*LEXICON;
        let named = l
            .tags(a)
            .any(Tags::FIRST_NAME | Tags::PLACE | Tags::KNOWN_ORG);
        let paired = self.ev.and_pair(a, self.word(first));
        let joins = end > first
            && !(self.name_word(end + 1) && self.adjacent(end, end + 1))
            && self.tags(end).any(Tags::ORG_SUFFIX)
            && !named
            && self.ev.lower(a) > 0
            && paired > 0
            && paired.saturating_mul(4) >= self.ev.cap_mid(a);
        joins.then_some(end)
    }

    fn and_joins(&self, a: &str, b: &str) -> bool {
        let l = &*LEXICON;
        let gazetteer = |w: &str| {
            l.tags(w)
                .any(Tags::FIRST_NAME | Tags::PLACE | Tags::KNOWN_ORG | Tags::COMMON)
        };
        if gazetteer(a) || gazetteer(b) {
            return false;
        }
        let n = self.ev.and_pair(a, b);
        n > 0 && n >= self.ev.cap_mid(a) && n >= self.ev.cap_mid(b)
    }

    /// Whether "LEFT: RIGHT" is one title: not a speaker label ("Joe Russo:") nor a caption
    /// label ("Photo:"), and the right part reads as a name.
    fn colon_joins(&self, first: usize, last: usize, right: usize) -> bool {
        let l = &*LEXICON;
        let fw = self.word(first);
        if l.tags(fw).any(Tags::FIRST_NAME | Tags::HONORIFIC) {
            return false;
        }
        // "Subs Not Used: Smith" is a heading, not a title.
        if (first..=last).any(|i| self.tags(i).any(Tags::COMMON) && self.word(i) != "The") {
            return false;
        }
        // "the Universe: Captain America: Civil War" introduces a list of titles; the colon
        // that follows a name ahead belongs to that name.
        let mut k = right;
        while self.name_word(k + 1) && self.adjacent(k, k + 1) {
            k += 1;
        }
        if self.punct(k + 1, ":") && self.touching(k, k + 1) {
            return false;
        }
        let rw = self.word(right);
        if rw == "The" || rw == "A" {
            return self.name_word(right + 1) && self.adjacent(right, right + 1);
        }
        // "Everton: Martyn, Hibbert, Yobo", "Leeds: Balshaw; Rees": a team sheet lists names
        // after its heading, and "Ref: S Bennett" names a person by an initial.
        let listed = (self.punct(k + 1, ",") || self.punct(k + 1, ";")) && self.name_word(k + 2);
        let initial = is_initial(rw) && k > right;
        if listed || initial {
            return false;
        }
        if l.tags(rw).any(Tags::COMMON | Tags::FIRST_NAME) {
            return false;
        }
        // Speaker and caption labels open a line; a colon inside a sentence after a name
        // ("loved Avengers: Endgame") is a title's.
        let mid = self.toks.get(first).is_some_and(|t| !t.has(SENT_START));
        self.ev.name_evidence(rw) || (mid && self.ev.lower(rw) == 0)
    }

    fn sequel_number(&self, last: usize, j: usize) -> bool {
        let Some(t) = self.toks.get(j) else {
            return false;
        };
        let w = t.text(self.text);
        if t.kind != TokKind::Number
            || w.len() > 2
            || !w.bytes().all(|b| b.is_ascii_digit())
            || !self.adjacent(last, j)
        {
            return false;
        }
        match self.toks.get(j + 1) {
            None => true,
            Some(n) if n.kind == TokKind::Punct => {
                let p = n.text(self.text);
                let joined = n.start == t.next
                    && self
                        .toks
                        .get(j + 2)
                        .is_some_and(|x| x.kind == TokKind::Number);
                !matches!(p, "-" | "–" | "%" | "/") && !joined
            }
            Some(n) => matches!(
                n.text(self.text),
                "on" | "is"
                    | "was"
                    | "will"
                    | "and"
                    | "in"
                    | "at"
                    | "to"
                    | "has"
                    | "had"
                    | "would"
                    | "could"
                    | "which"
                    | "that"
                    | "as"
                    | "with"
                    | "for"
            ),
        }
    }
}

/// "20th", "1st", "3rd".
fn is_ordinal(w: &str) -> bool {
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    digits > 0 && matches!(w.get(digits..), Some("st" | "nd" | "rd" | "th"))
}

impl<'t> Finder<'t, '_, '_> {
    /// Trims a run and, if it still names something, records it.
    fn emit(&self, first: usize, last: usize, out: &mut Vec<Occurrence<'t>>) {
        let l = &*LEXICON;
        let mut first = first;
        let mut votes: Votes = [0; 5];
        loop {
            if first > last {
                return;
            }
            let w = self.word(first);
            let tags = self.tags(first);
            let start = self.toks.get(first).is_some_and(|t| t.has(SENT_START));
            let single = self.words_between(first, last) <= 1;
            // "Lord of the Rings": an honorific joined by "of" is the name's own first word,
            // not a title before a person's name.
            let named_of = tags.any(Tags::HONORIFIC) && self.of_follows(first);
            // "Prince Charles", "Pope Benedict": a royal or papal style is part of the name it
            // opens, and stays. Without it the given name would join whoever else bears it
            // ("Charles Kennedy"), and a place named for a royal would lose its first word
            // ("Prince Edward Theatre").
            if !single && REGNAL_STYLES.contains(&w) && !self.of_follows(first) {
                let next = self.skip_to_next_word(first, last);
                if next == last && self.tags(last).any(Tags::FIRST_NAME) {
                    votes[kix(Kind::Person)] += 4;
                }
                break;
            }
            if !named_of
                && (tags.any(Tags::HONORIFIC)
                    || (tags.any(Tags::PERSON_TITLE) && self.title_strips(first, last)))
            {
                if !single {
                    votes[kix(Kind::Person)] += 4;
                    first = self.skip_to_next_word(first, last);
                    continue;
                }
                return;
            }
            // "US Secretary of State Condoleezza Rice", "UK Chancellor Gordon Brown": a
            // country's or body's abbreviation before a post is a name of its own, and the post
            // is read as one that opens a run.
            if !single && is_known_abbreviation(w) {
                let next = self.skip_to_next_word(first, last);
                if self.tags(next).any(Tags::PERSON_TITLE) {
                    self.emit(first, first, out);
                    first = next;
                    continue;
                }
            }
            // "Russian Nadia Petrova", "fellow American Maurice Greene": a nationality before
            // a person's name describes them. It goes when what follows reads as a given name
            // and a surname: a known first name, or two or three words the corpus never
            // writes in lowercase and no list calls anything else.
            if !single && tags.any(Tags::DEMONYM) {
                let next = self.skip_to_next_word(first, last);
                if self.reads_as_name(next, last) {
                    votes[kix(Kind::Person)] += 2;
                    first = next;
                    continue;
                }
            }
            if w == "The" && !single {
                // Mid-sentence, a capital "The" belongs to a title ("to The Flying Nun"). At a
                // sentence start it does only if the rest never stands alone ("The Witcher").
                let next = self.skip_to_next_word(first, last);
                let nw = self.word(next);
                if !start || (self.ev.cap_mid_alone(nw) == 0 && !is_gazetteer(nw)) {
                    break;
                }
                first = next;
                continue;
            }
            let common = tags.any(Tags::COMMON | Tags::CONNECTOR);
            // "Fans of the MCU": an opener joined by a connector needs evidence of its own.
            let connected = self.is_word(first + 1) && self.tags(first + 1).any(Tags::CONNECTOR);
            let next_word = self.word(self.skip_to_next_word(first, last));
            let known_pair = !single && self.ev.cap_pair(w, next_word) > 0;
            let weak_start = start
                && !known_pair
                && (!self.start_word_is_name(w, single)
                    || (connected && !is_gazetteer(w) && !self.ev.name_evidence(w)));
            if common || weak_start {
                if single {
                    return;
                }
                first = self.skip_to_next_word(first, last);
                continue;
            }
            break;
        }
        let end = last;
        let mut last = last;
        // "Office of the Deputy Prime Minister": the post a body serves is its name's own.
        let body_of =
            self.tags(first).any(Tags::ORG_SUFFIX | Tags::BODY_HEAD) && self.of_follows(first);
        let mut post = false;
        while last > first {
            let tags = self.tags(last);
            let surname = || self.title_is_surname(first, last, last == end);
            let title = tags.any(Tags::PERSON_TITLE)
                && !tags.any(Tags::HONORIFIC)
                && !body_of
                && !surname();
            let droppable = tags.any(Tags::COMMON | Tags::CONNECTOR) || title;
            // "Court of Arbitration for Sport": what a body is for is its name's own word.
            // Asked last, of a word that would otherwise go, since few ever do.
            let after_for = || matches!(self.word(self.prev_word(first, last)), "on" | "for");
            if !droppable || self.punct(last, ".") || self.punct(last, "]") || after_for() {
                break;
            }
            post |= title;
            last = self.prev_word(first, last);
        }
        // "Deputy Prime" of "the Deputy Prime Minister", "Shadow Home" of "the Shadow Home
        // Secretary": what is left of a post once its title goes starts with no qualifier.
        while post && first <= last && self.tags(first).any(Tags::TITLE_MODIFIER) {
            first = self.skip_to_next_word(first, last);
        }
        if first > last {
            return;
        }
        // "Trade and Industry Secretary Patricia Hewitt": a title inside splits the run, and
        // what stands before it is only a description of the post.
        let mut k = first + 1;
        while k < last {
            let tags = self.tags(k);
            let prev = self.word(self.prev_word(first, k));
            if tags.any(Tags::PERSON_TITLE) && self.is_word(k) && self.name_word(k + 1) {
                first = k + 1;
                votes[kix(Kind::Person)] += 4;
                // "Deputy Prime Minister Mr Prescott": a courtesy title after the post goes
                // too, as it would at the run's start. A peer's style stays: "Lord Falconer" is
                // how he is named.
                while first < last
                    && self.tags(first).any(Tags::HONORIFIC)
                    && !matches!(self.word(first), "Lord" | "Lady")
                {
                    first = self.skip_to_next_word(first, last);
                }
                break;
            }
            // "the Tories' Ken Clarke": a first name after a non-name word starts a new name,
            // unless that word opens a place's name ("San Jose Open") or is a royal style
            // ("Prince Edward Theatre").
            if tags.any(Tags::FIRST_NAME)
                && !l.tags(prev).any(Tags::FIRST_NAME | Tags::CONNECTOR)
                && !PLACE_OPENERS.contains(&prev)
                && !REGNAL_STYLES.contains(&prev)
                && prev.chars().count() > 1
                && self.words_between(k, last) >= 2
                && !self.punct(k.saturating_sub(1), ":")
            {
                self.emit(first, self.prev_word(first, k), out);
                first = k;
                break;
            }
            k += 1;
        }
        let single = self.words_between(first, last) <= 1;
        if single && !self.single_accepted(first) {
            return;
        }
        self.context_votes(first, last, &mut votes);
        let (Some(a), Some(b)) = (self.toks.get(first), self.toks.get(last)) else {
            return;
        };
        let raw = self
            .text
            .get(a.start as usize..b.end as usize)
            .unwrap_or("");
        if raw.len() > 120 || !raw.chars().any(char::is_alphabetic) {
            return;
        }
        let surface = folded(raw);
        let name = if raw.contains(['[', ']']) {
            Cow::Owned(folded(&raw.replace(['[', ']'], "")).into_owned())
        } else {
            surface.clone()
        };
        out.push(Occurrence {
            start: a.start,
            end: b.end,
            surface,
            name,
            votes,
        });
    }

    /// Whether the title word at `last`, ending the run from `first`, is a surname. It is
    /// after a first name ("Stephen King", "Graham King"), and in prose after a word the corpus
    /// writes as a name ("governor Mervyn King said"), since a title comes before a name. Not
    /// there after a word also written in lowercase ("Home Secretary"), a place ("Scotland
    /// Minister"), or another title ("General Secretary"); and not after "the", "as" or "be"
    /// ("to be Commons Speaker" is a post).
    fn title_is_surname(&self, first: usize, last: usize, run_end: bool) -> bool {
        let prev = self.word(self.prev_word(first, last));
        let tags = LEXICON.tags(prev);
        if tags.any(Tags::FIRST_NAME) {
            return true;
        }
        let post = first
            .checked_sub(1)
            .is_some_and(|p| matches!(self.word(p), "the" | "as" | "be"));
        run_end
            && !post
            && !tags.any(Tags::PERSON_TITLE | Tags::DEMONYM | Tags::PLACE)
            && self.ev.name_evidence(prev)
    }

    /// Whether the words from `from` to `to` read as a person's given name and surname: two or
    /// three words, the first a known first name or every one never written in lowercase, and
    /// none a word some list calls anything else.
    pub(super) fn reads_as_name(&self, from: usize, to: usize) -> bool {
        let l = &*LEXICON;
        let words: Vec<&str> = (from..=to)
            .filter(|&k| self.is_word(k))
            .map(|k| self.word(k))
            .collect();
        if !(2..=3).contains(&words.len()) || (from..=to).any(|k| self.punct(k, ":")) {
            return false;
        }
        let elsewhere = Tags::SUFFIX
            | Tags::COMMON
            | Tags::CONNECTOR
            | Tags::PLACE
            | Tags::DEMONYM
            | Tags::KNOWN_ORG
            | Tags::PERSON_TITLE;
        let plain = |w: &&str| !l.tags(w).any(elsewhere) && !is_all_caps(w);
        let named = words
            .first()
            .is_some_and(|f| l.tags(f).any(Tags::FIRST_NAME))
            || words.iter().all(|w| self.ev.lower(w) == 0);
        named && words.iter().all(plain)
    }

    /// Whether the "of" at `j` is followed by a known place or by "the" and a name.
    pub(super) fn place_after_of(&self, j: usize) -> bool {
        let w = self.word(j + 1);
        if w == "the" {
            return self.name_word(j + 2);
        }
        self.name_word(j + 1) && LEXICON.tags(w).any(Tags::PLACE)
    }

    /// Job titles are dropped before a first name or a lone surname ("President Bush"), but
    /// not before other words ("Captain America").
    fn title_strips(&self, first: usize, last: usize) -> bool {
        // "Archbishop of Westminster", "Bishop of Durham": the words after "of" are the post's
        // see or city, not the holder's name. After "of the" they are a body, kept once the
        // title goes ("Governor of the Reserve Bank"); and a longer run names the holder too
        // ("Secretary of State Condoleezza Rice").
        if self.of_follows(first)
            && self.word(first + 2) != "the"
            && self.words_between(first + 2, last) <= 2
        {
            return false;
        }
        let next = self.skip_to_next_word(first, last);
        let nw = self.word(next);
        // A name that follows the title also stands without it elsewhere in the corpus
        // ("Captain Mara Lindqvist ... Mara Lindqvist said"): the title is not part of it.
        let after = self.word(self.skip_to_next_word(next, last));
        LEXICON.tags(nw).any(Tags::FIRST_NAME | Tags::PERSON_TITLE)
            || (next == last && !is_gazetteer(nw) && self.ev.name_evidence(nw))
            || (next < last && !is_gazetteer(nw) && self.ev.cap_pair(nw, after) > 0)
    }

    /// Whether a capitalised word opening a sentence is a name rather than a common word.
    fn start_word_is_name(&self, w: &str, single: bool) -> bool {
        if is_gazetteer(w) {
            return true;
        }
        let lower = self.ev.lower(w);
        if single {
            self.ev.name_evidence(w)
                || (lower == 0 && (has_inner_capital(w) || w.chars().any(|c| c.is_ascii_digit())))
        } else {
            // "Reading Ciudad ...": an -ing/-ed/-ly opener is a verb or adverb unless the
            // corpus capitalises it mid-sentence.
            let inflected = ["ing", "ed", "ly"].iter().any(|x| w.ends_with(x));
            self.ev.name_evidence(w) || (lower == 0 && !inflected)
        }
    }

    /// Whether a one-word run (after trimming) is kept.
    fn single_accepted(&self, i: usize) -> bool {
        let w = self.word(i);
        let tags = LEXICON.tags(w);
        if tags.any(Tags::COMMON | Tags::PERSON_TITLE | Tags::DEMONYM) || stop_capital(w, tags) {
            return false;
        }
        // "Americans", "Muslims": people of a nation or faith, named by no one name.
        let people = w
            .strip_suffix('s')
            .is_some_and(|one| LEXICON.tags(one).any(Tags::DEMONYM));
        if people && !tags.any(Tags::GAZETTEER) {
            return false;
        }
        if !w.chars().any(char::is_alphabetic) || w.chars().count() < 2 {
            return false;
        }
        // "League", "United", "Cup": a name's last word alone is a fragment of that name.
        if tags.any(Tags::SUFFIX) && !tags.any(Tags::GAZETTEER) {
            return false;
        }
        let start = self.toks.get(i).is_some_and(|t| t.has(SENT_START));
        if start {
            return self.start_word_is_name(w, true);
        }
        tags.any(Tags::GAZETTEER) || self.ev.lower(w) <= 2 * self.ev.cap_mid(w) + 1
    }

    fn words_between(&self, first: usize, last: usize) -> usize {
        (first..=last)
            .filter(|&i| self.toks.get(i).is_some_and(|t| t.kind != TokKind::Punct))
            .count()
    }

    fn skip_to_next_word(&self, i: usize, last: usize) -> usize {
        let mut j = i + 1;
        while j <= last && !self.name_word(j) && !self.punct(j, "[") {
            j += 1;
        }
        j
    }

    fn prev_word(&self, first: usize, i: usize) -> usize {
        let mut j = i.saturating_sub(1);
        while j > first && self.toks.get(j).is_some_and(|t| t.kind == TokKind::Punct) {
            j -= 1;
        }
        j
    }
}

/// Whether a word is a known place's or body's abbreviation ("US", "BBC"): a name of its own
/// even where the corpus writes the same letters in lowercase ("us").
#[must_use]
pub fn is_known_abbreviation(w: &str) -> bool {
    is_all_caps(w) && LEXICON.tags(w).any(Tags::PLACE | Tags::KNOWN_ORG)
}

/// Whether a word or name is on a gazetteer list (first names, places, known organizations).
#[must_use]
pub fn is_gazetteer(w: &str) -> bool {
    LEXICON.tags(w).any(Tags::GAZETTEER)
}
