//! Single-pass tokenizer for extraction: words, numbers and punctuation with byte spans, plus the
//! flags the name rules need (sentence start, title-cased line, possessive). Never allocates per
//! token and never slices inside a UTF-8 character.

use super::fasthash::FastMap;
use super::lexicon::{Tags, is_common};

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters (possibly with inner digits, apostrophes, hyphens or initial dots).
    Word,
    /// Starts with a digit ("2", "20th", "COVID-19" is a word: it starts with a letter).
    Number,
    /// Any other single non-space character.
    Punct,
}

/// The token opens a sentence (text start, line start, after . ! ? : or an opening quote).
pub const SENT_START: u8 = 1;
/// The token lies on a title-cased line (a headline), where capitals are not evidence.
pub const TITLE: u8 = 2;
/// The token was followed by a possessive ('s, ’s or a bare ’ after s), not part of `end`.
pub const POSSESSIVE: u8 = 4;
/// The token starts a line.
pub const LINE_START: u8 = 8;

/// One token: `start..end` is its text without any possessive suffix; `next` is where the
/// possessive (if any) ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Start byte.
    pub start: u32,
    /// End byte of the core text (possessive excluded).
    pub end: u32,
    /// End byte including the possessive suffix.
    pub next: u32,
    /// What it is.
    pub kind: TokKind,
    /// `SENT_START` | `TITLE` | `POSSESSIVE` | `LINE_START`.
    pub flags: u8,
}

impl Token {
    /// The core text of the token.
    #[must_use]
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        src.get(self.start as usize..self.end as usize)
            .unwrap_or("")
    }

    /// Whether a flag is set.
    #[must_use]
    pub fn has(&self, flag: u8) -> bool {
        self.flags & flag != 0
    }
}

/// Whether a word looks like part of a name by its letters: capitalised ("Netflix"), or
/// lowercase-first with an inner capital and no hyphen ("iPhone", "eBay").
#[must_use]
pub fn is_capitalised(word: &str) -> bool {
    // ASCII first: the answer for nearly every word, without decoding characters. Every word
    // of the corpus comes here twice, so a lowercase word is read once, not three times.
    let bytes = word.as_bytes();
    if let Some(&b) = bytes.first() {
        if b.is_ascii_uppercase() {
            return true;
        }
        if b.is_ascii_lowercase() {
            // Nearly every lowercase word is lowercase ASCII letters only: a loop that stops
            // at the first other byte settles it in a few instructions a letter, where the
            // full test below is vectorized for long words and costs more on short ones.
            if bytes.iter().all(u8::is_ascii_lowercase) {
                return false;
            }
            let (mut upper, mut hyphen, mut ascii) = (false, false, true);
            for &c in bytes {
                upper |= c.is_ascii_uppercase();
                hyphen |= c == b'-';
                ascii &= c.is_ascii();
            }
            if ascii {
                return upper && !hyphen;
            }
        } else if b.is_ascii() {
            return false;
        }
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(c) if c.is_uppercase() => true,
        Some(c) if c.is_lowercase() => !word.contains('-') && chars.any(char::is_uppercase),
        _ => false,
    }
}

/// Whether a word has a capital after its first letter ("YouTube", "MCU", "McFeely").
#[must_use]
pub fn has_inner_capital(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
}

/// Whether every letter of the word is uppercase and it has at least two ("BBC", "U.S.").
#[must_use]
pub fn is_all_caps(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Abbreviations whose trailing period does not end a sentence.
const NO_STOP: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "St", "Jr", "Sr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Gov",
    "Sen", "Rep", "Rev", "Inc", "Ltd", "Co", "Corp", "vs", "etc", "No", "Mt", "Ft",
];

/// Tokenizes a whole article text. `lead` leading paragraphs are the headline and dek, judged
/// title-cased with a lower bar than body lines.
#[must_use]
pub fn tokenize(text: &str, lead: usize) -> Vec<Token> {
    let mut out = Vec::new();
    tokenize_into(text, lead, &mut out);
    out
}

/// [`tokenize`] into a reused buffer (cleared first): the corpus passes tokenize each article
/// twice rather than hold every article's tokens at once, which cost more memory than the text.
pub fn tokenize_into(text: &str, lead: usize, out: &mut Vec<Token>) {
    out.clear();
    let mut lines: Vec<(usize, usize, bool, Capitals)> = Vec::new();
    let mut para = 0usize;
    let mut pos = 0usize;
    let mut prev_blank = false;
    for line in text.split('\n') {
        let blank = line.trim().is_empty();
        if blank && !prev_blank && pos > 0 {
            para = para.saturating_add(1);
        }
        prev_blank = blank;
        let first = out.len();
        let capitals = tokenize_line(text, pos, pos + line.len(), out);
        if out.len() > first {
            lines.push((first, out.len(), para < lead, capitals));
        }
        pos += line.len() + 1;
    }
    let titled: Vec<(usize, usize, bool)> = lines
        .into_iter()
        .filter(|&(_, _, in_lead, capitals)| capitals.mostly(in_lead))
        .map(|(a, b, in_lead, _)| (a, b, in_lead))
        .collect();
    if titled.is_empty() {
        return;
    }
    // Which capitals of those lines the article also writes in lowercase: one pass over the
    // article's words for the few capitals asked about, rather than a set of every word.
    let mut asked = Asked::default();
    for &(a, b, _) in &titled {
        for t in out.get(a..b).unwrap_or_default() {
            let w = t.text(text);
            if t.kind == TokKind::Word && w.chars().next().is_some_and(char::is_uppercase) {
                asked.add(w.to_lowercase());
            }
        }
    }
    for t in out.iter().filter(|t| t.kind == TokKind::Word) {
        let w = t.text(text);
        if w.chars().next().is_some_and(char::is_lowercase) {
            asked.mark(w);
        }
    }
    for (a, b, in_lead) in titled {
        let Some(toks) = out.get(a..b) else { continue };
        if has_common_capitals(text, toks, in_lead, &asked) {
            if let Some(toks) = out.get_mut(a..b) {
                for t in toks {
                    t.flags |= TITLE;
                }
            }
        }
    }
}

/// The lowercased capitals of an article's title-like lines, each with whether the article
/// also writes it in lowercase.
#[derive(Default)]
struct Asked {
    words: Vec<(String, bool)>,
    index: FastMap<String, usize>,
}

impl Asked {
    fn add(&mut self, lower: String) {
        if !self.index.contains_key(&lower) {
            self.index.insert(lower.clone(), self.words.len());
            self.words.push((lower, false));
        }
    }

    /// Records that the article writes `w` in lowercase. A handful of words (the usual case)
    /// are compared directly, which is cheaper than hashing every word of the article.
    fn mark(&mut self, w: &str) {
        let at = if self.words.len() <= 16 {
            self.words.iter().position(|(x, _)| x == w)
        } else {
            self.index.get(w).copied()
        };
        if let Some(hit) = at.and_then(|i| self.words.get_mut(i)) {
            hit.1 = true;
        }
    }

    fn written_lower(&self, capital: &str) -> bool {
        self.index
            .get(capital.to_lowercase().as_str())
            .and_then(|&i| self.words.get(i))
            .is_some_and(|x| x.1)
    }
}

/// A line's words of four letters or more, counted as the tokenizer reads them: how many start
/// with a capital and how many do not. A possessive's "s" is not counted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Capitals {
    caps: u32,
    lower: u32,
}

impl Capitals {
    /// A line is title-cased when nearly all its longer words are capitalised and some of those
    /// capitals are plainly common words (written in lowercase elsewhere in the article, or on
    /// the common-word list): then its capitals say nothing about names. A caption made of names
    /// only ("Jane Doe and John Roe in Film") is not a title line. This is the first half of
    /// the test; headline paragraphs get a lower bar.
    fn mostly(self, in_lead: bool) -> bool {
        let Capitals { caps, lower } = self;
        let eligible = caps + lower;
        if in_lead {
            eligible >= 2 && caps * 10 >= eligible * 6
        } else {
            eligible >= 5 && caps * 4 >= eligible * 3
        }
    }
}

/// The second half of the title-line test: enough capitals that are common words.
fn has_common_capitals(text: &str, toks: &[Token], in_lead: bool, lower: &Asked) -> bool {
    let common_caps = toks
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .map(|t| t.text(text))
        .filter(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && (is_common(w) || lower.written_lower(w))
        })
        .count();
    common_caps >= if in_lead { 1 } else { 2 }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character starting at byte `i` of `line`: ASCII read straight from the byte (nearly
/// every character of English text), anything else decoded.
fn char_at(line: &str, i: usize) -> Option<char> {
    match *line.as_bytes().get(i)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => line.get(i..)?.chars().next(),
    }
}

/// Tokenizes `text[from..to]` (one line), appending to `out`, and counts the capitals of its
/// longer words for the title-line test. Walks the line by byte offset, looking ahead with
/// [`char_at`] rather than through a peekable character iterator: this loop runs over every
/// character of the corpus twice.
fn tokenize_line(text: &str, from: usize, to: usize, out: &mut Vec<Token>) -> Capitals {
    let mut capitals = Capitals::default();
    let Some(line) = text.get(from..to) else {
        return capitals;
    };
    let mut sent = true;
    let mut line_start = true;
    let mut after_space = true;
    let mut i = 0;
    while let Some(c) = char_at(line, i) {
        let clen = c.len_utf8();
        if c.is_whitespace() {
            after_space = true;
            i += clen;
            continue;
        }
        let start = from + i;
        if is_word_char(c) {
            let mut end = start + clen;
            let mut seg_letters = 1usize;
            // Letters, not digits or joiners: the title-line test counts words of four or more.
            let mut letters = u32::from(c.is_alphabetic());
            let mut dotted = false;
            let mut j = i + clen;
            let bytes = line.as_bytes();
            loop {
                // ASCII letters and digits, nearly every byte of a word, are taken a byte at a
                // time; the loop below decodes the rest and decides the joiners.
                while let Some(&b) = bytes.get(j) {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    letters += u32::from(b.is_ascii_alphabetic());
                    seg_letters += 1;
                    j += 1;
                    end = from + j;
                }
                let Some(d) = char_at(line, j) else { break };
                let dlen = d.len_utf8();
                if is_word_char(d) {
                    letters += u32::from(d.is_alphabetic());
                    seg_letters += 1;
                    j += dlen;
                    end = from + j;
                    continue;
                }
                let after = char_at(line, j + dlen);
                let joins = match d {
                    '\'' | '’' | '-' | '‐' => after.is_some_and(is_word_char),
                    '.' => seg_letters == 1 && after.is_some_and(char::is_alphabetic),
                    _ => false,
                };
                if !joins {
                    break;
                }
                if d == '.' {
                    dotted = true;
                }
                seg_letters = 0;
                j += dlen;
                end = from + j;
            }
            // "U.S." keeps its last period.
            if dotted && char_at(line, j) == Some('.') {
                j += 1;
                end = from + j;
            }
            let mut core = end;
            let mut next = end;
            let word = text.get(start..end).unwrap_or("");
            let kind = if c.is_ascii_digit() || c.is_numeric() {
                TokKind::Number
            } else {
                TokKind::Word
            };
            if kind == TokKind::Word {
                if let Some(stem) = word
                    .strip_suffix("'s")
                    .or_else(|| word.strip_suffix("’s"))
                    .or_else(|| word.strip_suffix("'S"))
                    .or_else(|| word.strip_suffix("’S"))
                    .filter(|s| !s.is_empty())
                {
                    core = start + stem.len();
                    // The possessive's "s" is no letter of the name.
                    letters = letters.saturating_sub(1);
                } else if word.ends_with('s') {
                    if let Some(q @ ('\'' | '’')) = char_at(line, j) {
                        let qlen = q.len_utf8();
                        if !char_at(line, j + qlen).is_some_and(is_word_char) {
                            j += qlen;
                            next = from + j;
                        }
                    }
                }
            }
            if kind == TokKind::Word && letters >= 4 {
                if c.is_uppercase() {
                    capitals.caps += 1;
                } else {
                    capitals.lower += 1;
                }
            }
            let mut flags = 0;
            if sent {
                flags |= SENT_START;
            }
            if line_start {
                flags |= LINE_START;
            }
            if core != end || next != end {
                flags |= POSSESSIVE;
                next = next.max(end);
            }
            out.push(Token {
                start: u32::try_from(start).unwrap_or(u32::MAX),
                end: u32::try_from(core).unwrap_or(u32::MAX),
                next: u32::try_from(next).unwrap_or(u32::MAX),
                kind,
                flags,
            });
            sent = false;
            i = j;
        } else {
            let end = start + clen;
            match c {
                '.' => {
                    let prev = out.last().map(|t| t.text(text)).unwrap_or("");
                    let abbrev = NO_STOP.contains(&prev)
                        || (prev.chars().count() == 1
                            && prev.chars().all(char::is_uppercase)
                            && out.last().is_some_and(|t| t.end as usize == start));
                    if !abbrev {
                        sent = true;
                    }
                }
                '!' | '?' | ':' | '…' | '•' | '|' | '·' => sent = true,
                '“' | '‘' | '«' => sent = true,
                '"' if after_space => sent = true,
                _ => {}
            }
            out.push(Token {
                start: u32::try_from(start).unwrap_or(u32::MAX),
                end: u32::try_from(end).unwrap_or(u32::MAX),
                next: u32::try_from(end).unwrap_or(u32::MAX),
                kind: TokKind::Punct,
                flags: if line_start { LINE_START } else { 0 },
            });
            i += clen;
        }
        line_start = false;
        after_space = false;
    }
    capitals
}

/// Whether a capitalised word (with its lexicon `tags`) is a calendar word, an abbreviation or
/// "I", and so never a name on its own.
#[must_use]
pub fn stop_capital(word: &str, tags: Tags) -> bool {
    tags.any(Tags::CALENDAR | Tags::ABBREVIATION)
        || word == "I"
        || word.starts_with("I'")
        || word.starts_with("I’")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<(&str, u8)> {
        tokenize(text, 0)
            .iter()
            .filter(|t| t.kind != TokKind::Punct)
            .map(|t| (t.text(text), t.flags))
            .collect()
    }

    #[test]
    fn possessives_are_split_off_the_core() {
        let text = "Netflix's film and the Russos’ plan, Hemsworth’s role.";
        let w = words(text);
        assert_eq!(w[0].0, "Netflix");
        assert!(w[0].1 & POSSESSIVE != 0);
        assert_eq!(w[4].0, "Russos");
        assert!(w[4].1 & POSSESSIVE != 0);
        assert_eq!(w[6].0, "Hemsworth");
    }

    #[test]
    fn sentence_starts_follow_stops_colons_quotes_and_lines() {
        let text = "Despite it, Mr. Smith left. Then: Gone \u{201c}Who knows\nNew line";
        let w = words(text);
        let starts: Vec<&str> = w
            .iter()
            .filter(|x| x.1 & SENT_START != 0)
            .map(|x| x.0)
            .collect();
        assert_eq!(starts, ["Despite", "Then", "Gone", "Who", "New"]);
    }

    #[test]
    fn initials_hyphens_and_dotted_acronyms_stay_whole() {
        let text = "The U.S. team met J. Smith at Comic-Con with non-Marvel fans.";
        let w: Vec<&str> = words(text).iter().map(|x| x.0).collect();
        assert!(w.contains(&"U.S."));
        assert!(w.contains(&"Comic-Con"));
        assert!(w.contains(&"non-Marvel"));
        assert!(w.contains(&"J"));
    }

    #[test]
    fn capitals_read_by_byte_agree_with_reading_characters() {
        // The rules as written over characters, which the byte paths must match.
        let capitalised = |w: &str| {
            let mut cs = w.chars();
            match cs.next() {
                Some(c) if c.is_uppercase() => true,
                Some(c) if c.is_lowercase() => !w.contains('-') && cs.any(char::is_uppercase),
                _ => false,
            }
        };
        let words = [
            "Netflix", "iPhone", "eBay", "e-Mail", "e-mail", "email", "x", "X", "-", "'s", "2019",
            "élan", "éBay", "é-Bay", "Élan", "mcDonald", "mcdonald", "über", "übER", "a-b-C", "",
        ];
        for w in words {
            assert_eq!(is_capitalised(w), capitalised(w), "{w:?}");
        }
        assert!(is_capitalised("iPhone") && !is_capitalised("e-Mail") && !is_capitalised("email"));
    }

    #[test]
    fn title_cased_lines_are_flagged_but_prose_is_not() {
        let text = "Studio Confirms Sequel With Star Returning Soon\n\nThe studio confirmed a sequel today with the star.\n\nJane Doe and John Roe in Quibble Westwater.";
        let toks = tokenize(text, 1);
        assert!(toks[0].has(TITLE));
        assert!(
            !toks.last().is_some_and(|t| t.has(TITLE)),
            "a caption of names is no title"
        );
        let prose = toks.iter().find(|t| t.text(text) == "studio").unwrap();
        assert!(!prose.has(TITLE));
    }

    proptest::proptest! {
        /// The capitals the tokenizer counts give the answer of the rule as first written: over
        /// every word's text (a possessive's "s" excluded), a word counts when it has four
        /// letters or more.
        #[test]
        fn the_title_line_count_agrees_with_the_rule_over_every_word(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Harbour", "harbour", "Gate", "gate", "Élan", "élan", "Zoë", "zoë", "BBC",
                    "U.S.", "A.B.C.D", "two-way", "Two-Way", "2024", "it's", "Its", "x", "É",
                    "ÉÉÉÉ", "naïve", ",", "—", "Gate's", "Jess's", "Zoë’s", "Bess'", "GATE'S",
                    "x-ray's",
                ]),
                0..40,
            ),
            in_lead in proptest::bool::ANY,
        ) {
            let line = words.join(" ");
            let toks = tokenize(&line, 0);
            let (mut eligible, mut caps) = (0u32, 0u32);
            for t in toks.iter().filter(|t| t.kind == TokKind::Word) {
                let w = t.text(&line);
                if w.chars().filter(|c| c.is_alphabetic()).count() < 4 {
                    continue;
                }
                eligible += 1;
                caps += u32::from(w.chars().next().is_some_and(char::is_uppercase));
            }
            let rule = if in_lead {
                eligible >= 2 && caps * 10 >= eligible * 6
            } else {
                eligible >= 5 && caps * 4 >= eligible * 3
            };
            let mut out = Vec::new();
            let counted = tokenize_line(&line, 0, line.len(), &mut out);
            proptest::prop_assert_eq!(counted.mostly(in_lead), rule, "{}", line);
            proptest::prop_assert_eq!(counted.caps + counted.lower, eligible, "{}", line);
        }
    }

    #[test]
    fn long_title_lines_use_the_same_rule_as_short_ones() {
        // Over 16 distinct capitals takes the hashed lookup; the answer must not change.
        let caps: Vec<String> = (0..24).map(|i| format!("Zorvane{i}x")).collect();
        let names_only = caps.join(" ");
        let with_common = format!("{names_only} Harbour Gates");
        for (line, titled) in [(&names_only, false), (&with_common, true)] {
            let text = format!("{line}\n\nboats left the harbour gates at dawn.");
            let toks = tokenize(&text, 0);
            assert_eq!(toks[0].has(TITLE), titled, "{line}");
        }
    }

    #[test]
    fn multibyte_text_never_splits_a_char() {
        let text = "Ünïcödé “Zoë’s” café — Åse's 😀 Ŝ.";
        for t in tokenize(text, 0) {
            assert!(text.is_char_boundary(t.start as usize));
            assert!(text.is_char_boundary(t.end as usize));
            assert!(text.is_char_boundary(t.next as usize));
        }
    }
}
