//! Corpus-wide word evidence: how often each word is capitalised mid-sentence, written in
//! lowercase, used as a possessive, or joined by "and". Built per article in parallel, then merged.
//! Only counts; no decisions about names are made here.

use rayon::prelude::*;

use super::tokens::{CAPITALISED, SENT_START, TITLE, TokKind, Token, tokenize_into};
use super::wordmap::{PairMap, WordMap};

/// Word counts over the whole corpus, borrowing the articles' text.
#[derive(Debug, Default)]
pub struct Evidence<'a> {
    /// Capitalised occurrences that are not at a sentence start nor on a title line.
    cap_mid: WordMap<'a, u32>,
    /// Of those, the ones followed by a possessive.
    poss_mid: WordMap<'a, u32>,
    /// Of those, the ones right after "The"/"the" (part of a title, not evidence alone).
    after_the: WordMap<'a, u32>,
    /// Adjacent capitalised pairs, the first mid-sentence ("Captain America").
    cap_pairs: PairMap<'a, u32>,
    /// Lowercase-first words, as written.
    lower: WordMap<'a, u32>,
    /// "A and B" / "A & B" with both capitalised mid-sentence.
    and_pairs: PairMap<'a, u32>,
}

impl<'a> Evidence<'a> {
    /// Counts the evidence in one tokenized article.
    #[must_use]
    pub fn of_article(text: &'a str, toks: &[Token]) -> Evidence<'a> {
        let mut ev = Evidence::default();
        ev.add_article(text, toks);
        ev
    }

    /// Adds one tokenized article's evidence to these counts.
    pub fn add_article(&mut self, text: &'a str, toks: &[Token]) {
        let ev = self;
        for (i, t) in toks.iter().enumerate() {
            if t.kind != TokKind::Word {
                continue;
            }
            let w = t.text(text);
            if t.has(CAPITALISED) {
                if t.has(SENT_START) || t.has(TITLE) {
                    continue;
                }
                *ev.cap_mid.entry(w) += 1;
                if i > 0
                    && toks
                        .get(i - 1)
                        .is_some_and(|p| matches!(p.text(text), "The" | "the"))
                {
                    *ev.after_the.entry(w) += 1;
                }
                if t.end != t.next {
                    *ev.poss_mid.entry(w) += 1;
                }
                if let Some(c) = toks.get(i + 1) {
                    let cw = c.text(text);
                    if c.kind == TokKind::Word
                        && c.has(CAPITALISED)
                        && !c.has(TITLE)
                        && t.end == t.next
                    {
                        *ev.cap_pairs.entry(w, cw) += 1;
                    }
                }
                if let (Some(c), Some(b)) = (toks.get(i + 1), toks.get(i + 2)) {
                    let cw = c.text(text);
                    let bw = b.text(text);
                    if (cw == "and" || cw == "&") && b.has(CAPITALISED) && !b.has(TITLE) {
                        *ev.and_pairs.entry(w, bw) += 1;
                    }
                }
            } else if w.chars().next().is_some_and(char::is_lowercase) && !in_address(text, toks, i)
            {
                *ev.lower.entry(w) += 1;
            }
        }
    }

    /// Counts the evidence of a whole corpus (text and lead paragraphs per article) in
    /// parallel, calling `tick` once per article. Each worker tokenizes into one reused buffer and counts into one set of maps,
    /// so neither the tokens of the corpus nor a map per article ever exist at once.
    #[must_use]
    pub fn of_corpus(docs: &[(&'a str, usize)], tick: &(dyn Fn() + Sync)) -> Evidence<'a> {
        docs.par_iter()
            .fold(
                || (Evidence::default(), Vec::new()),
                |(mut ev, mut buf), &(text, lead)| {
                    tokenize_into(text, lead, &mut buf);
                    ev.add_article(text, &buf);
                    tick();
                    (ev, buf)
                },
            )
            .map(|(ev, _)| ev)
            .reduce(Evidence::default, Evidence::merge)
    }

    /// Adds `other`'s counts. The six maps merge side by side: the last merge of a corpus
    /// pass is between two halves of it, and no other work runs meanwhile.
    fn merge(mut self, other: Evidence<'a>) -> Evidence<'a> {
        let add = |a: &mut PairMap<'a, u32>, b| a.merge(b, |x, y| *x += y);
        let add_words = |a: &mut WordMap<'a, u32>, b| a.merge(b, |x, y| *x += y);
        let Evidence {
            cap_mid,
            poss_mid,
            after_the,
            cap_pairs,
            lower,
            and_pairs,
        } = &mut self;
        // Lowercase words are the largest map, then the capitalised pairs.
        rayon::join(
            || add_words(lower, other.lower),
            || {
                rayon::join(
                    || add(cap_pairs, other.cap_pairs),
                    || {
                        add_words(cap_mid, other.cap_mid);
                        add_words(poss_mid, other.poss_mid);
                        add_words(after_the, other.after_the);
                        add(and_pairs, other.and_pairs);
                    },
                )
            },
        );
        self
    }

    /// Capitalised mid-sentence occurrences of `w`.
    #[must_use]
    pub fn cap_mid(&self, w: &str) -> u32 {
        self.cap_mid.get(w).copied().unwrap_or(0)
    }

    /// Capitalised mid-sentence occurrences of `w` not right after "the".
    #[must_use]
    pub fn cap_mid_alone(&self, w: &str) -> u32 {
        self.cap_mid(w)
            .saturating_sub(self.after_the.get(w).copied().unwrap_or(0))
    }

    /// Mid-sentence possessive occurrences of `w`.
    #[must_use]
    pub fn poss_mid(&self, w: &str) -> u32 {
        self.poss_mid.get(w).copied().unwrap_or(0)
    }

    /// Occurrences of `w` written in lowercase ("Despite" -> "despite").
    #[must_use]
    pub fn lower(&self, w: &str) -> u32 {
        if w.chars().all(|c| !c.is_uppercase()) {
            return self.lower.get(w).copied().unwrap_or(0);
        }
        let count = |l: &str| self.lower.get(l).copied().unwrap_or(0);
        // Most capitalised words are short and ASCII: lowercased on the stack, not in a new
        // string, as the name rules ask this of many words in every article.
        let b = w.as_bytes();
        let mut buf = [0u8; 24];
        if let Some(out) = buf.get_mut(..b.len()).filter(|_| b.is_ascii()) {
            for (o, &c) in out.iter_mut().zip(b) {
                *o = c.to_ascii_lowercase();
            }
            if let Ok(l) = std::str::from_utf8(out) {
                return count(l);
            }
        }
        count(&w.to_lowercase())
    }

    /// Mid-sentence occurrences of "a and b" (or "a & b").
    #[must_use]
    pub fn and_pair(&self, a: &str, b: &str) -> u32 {
        self.and_pairs.get(a, b).unwrap_or(0)
    }

    /// Mid-sentence occurrences of the capitalised pair "a b".
    #[must_use]
    pub fn cap_pair(&self, a: &str, b: &str) -> u32 {
        self.cap_pairs.get(a, b).unwrap_or(0)
    }

    /// Whether a capitalised word is more often a name than a common word: seen capitalised
    /// mid-sentence at least as often as in lowercase.
    #[must_use]
    pub fn name_evidence(&self, w: &str) -> bool {
        let c = self.cap_mid(w);
        c > 0 && c >= self.lower(w)
    }
}

/// Whether word `i` is part of an email address or a web address ("jo.greene@example.org",
/// "www.example.org/greene"): glued without spaces to an "@" or "/", or to a "." that another
/// word follows at once. Such words are written in lowercase by convention, not because the
/// language does, and a surname in an author's address would otherwise count as a common word.
/// Most words have a space on both sides and are answered by comparing two offsets each way.
fn in_address(text: &str, toks: &[Token], i: usize) -> bool {
    let Some(t) = toks.get(i) else { return false };
    let joiner = |p: &Token| matches!(p.text(text), "@" | "/" | ".");
    let glued = |a: &Token, b: &Token| a.next == b.start;
    let before = i.checked_sub(1).and_then(|j| toks.get(j)).is_some_and(|p| {
        glued(p, t)
            && joiner(p)
            && (p.text(text) != "."
                || i.checked_sub(2)
                    .and_then(|j| toks.get(j))
                    .is_some_and(|w| w.kind == TokKind::Word && glued(w, p)))
    });
    before
        || toks.get(i + 1).is_some_and(|n| {
            glued(t, n)
                && joiner(n)
                && toks
                    .get(i + 2)
                    .is_some_and(|w| w.kind == TokKind::Word && glued(n, w))
        })
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokenize;
    use super::*;

    #[test]
    fn counts_mid_sentence_capitals_lowercase_and_pairs() {
        let text = "Despite rain, we met Dungeons and Dragons fans. The heat rose in Heat.";
        let toks = tokenize(text, 0);
        let ev = Evidence::of_article(text, &toks);
        assert_eq!(ev.cap_mid("Despite"), 0, "sentence start is not evidence");
        assert_eq!(ev.cap_mid("Dungeons"), 1);
        assert_eq!(ev.and_pair("Dungeons", "Dragons"), 1);
        assert_eq!(ev.lower("Heat"), 1);
        assert_eq!(ev.lower("HEAT"), 1, "any capitals are lowered");
        assert_eq!(ev.lower("Rain"), 1);
        assert_eq!(ev.lower("Snow"), 0);
        assert!(ev.name_evidence("Heat"));
        assert!(!ev.name_evidence("The"));
    }

    #[test]
    fn lowercase_counts_answer_accented_and_long_capitals() {
        let text = "Her élan won, and a supercalifragilisticexpialidocious tune played.";
        let toks = tokenize(text, 0);
        let ev = Evidence::of_article(text, &toks);
        assert_eq!(ev.lower("Élan"), 1);
        assert_eq!(ev.lower("ÉLAN"), 1);
        assert_eq!(ev.lower("Supercalifragilisticexpialidocious"), 1);
        assert_eq!(ev.lower("Tune"), 1);
        assert_eq!(ev.lower("Won"), 1);
        assert_eq!(
            ev.lower("Her"),
            0,
            "the sentence's first word is capitalised"
        );
    }

    #[test]
    fn words_of_addresses_are_no_lowercase_use() {
        let text = "Write to Quillan Ashgrove at quillan.ashgrove@example.org or see \
                    www.example.org/ashgrove today. The rain fell. it ended.next day";
        let toks = tokenize(text, 0);
        let ev = Evidence::of_article(text, &toks);
        assert_eq!(ev.lower("Ashgrove"), 0, "an address is no lowercase use");
        assert_eq!(ev.lower("Quillan"), 0);
        assert_eq!(ev.lower("example"), 0);
        assert_eq!(ev.lower("rain"), 1, "prose still counts");
        assert_eq!(
            ev.lower("today"),
            1,
            "a sentence's last word before its stop counts"
        );
        assert_eq!(
            ev.lower("ended"),
            0,
            "glued to a full stop and a word: read as an address"
        );
    }
}
