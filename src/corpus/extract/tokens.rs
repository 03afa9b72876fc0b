//! Single-pass tokenizer for extraction: words, numbers and punctuation with byte spans, plus the
//! flags the name rules need (sentence start, title-cased line, possessive). Never allocates per
//! token and never slices inside a UTF-8 character.

use super::fasthash::{FastMap, le_word};
use super::lexicon::{Tags, is_common};
use crate::corpus::split;

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
/// The token's core text is capitalised, as [`is_capitalised`] answers: decided once as the
/// tokenizer reads the word, where each pass would otherwise ask again of every word.
pub const CAPITALISED: u8 = 16;

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
    /// `SENT_START` | `TITLE` | `POSSESSIVE` | `LINE_START` | `CAPITALISED`.
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

/// The longest of [`NO_STOP`] in bytes: a longer word is not looked up.
const NO_STOP_LONGEST: usize = longest(NO_STOP);

const fn longest(words: &[&str]) -> usize {
    let (mut i, mut most) = (0, 0);
    while i < words.len() {
        if words[i].len() > most {
            most = words[i].len();
        }
        i += 1;
    }
    most
}

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
    for line in split::at_newlines(text) {
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

/// An ASCII letter.
const ALPHA: u8 = 1;
/// An ASCII digit.
const DIGIT: u8 = 2;
/// ASCII whitespace, as `char::is_whitespace` has it (vertical tab included).
const SPACE: u8 = 4;
/// Not ASCII: the character is decoded and asked.
const WIDE: u8 = 8;

/// What the scanner needs to know of each byte, in one table: the corpus is nearly all ASCII,
/// and a lookup answers for a byte where the `char` tests take several comparisons.
static CLASS: [u8; 256] = byte_classes();

const fn byte_classes() -> [u8; 256] {
    let mut table = [WIDE; 256];
    let mut b = 0u8;
    while b < 0x80 {
        table[b as usize] = if b.is_ascii_alphabetic() {
            ALPHA
        } else if b.is_ascii_digit() {
            DIGIT
        } else if b == b' ' || (b >= 0x09 && b <= 0x0d) {
            SPACE
        } else {
            0
        };
        b += 1;
    }
    table
}

/// The class of a byte (a `u8` always indexes the table).
fn class(b: u8) -> u8 {
    CLASS[usize::from(b)]
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
/// longer words for the title-line test. ASCII is read by byte class and only other characters
/// are decoded: this loop runs over every byte of the corpus twice.
fn tokenize_line(text: &str, from: usize, to: usize, out: &mut Vec<Token>) -> Capitals {
    let mut capitals = Capitals::default();
    let Some(line) = text.get(from..to) else {
        return capitals;
    };
    let bytes = line.as_bytes();
    let mut sent = true;
    let mut line_start = true;
    let mut after_space = true;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let k = class(b);
        if k & SPACE != 0 {
            after_space = true;
            i += 1;
            continue;
        }
        let c = if k & WIDE == 0 {
            char::from(b)
        } else {
            let Some(c) = char_at(line, i) else { break };
            if c.is_whitespace() {
                after_space = true;
                i += c.len_utf8();
                continue;
            }
            c
        };
        let start = from + i;
        let mut flags = if line_start { LINE_START } else { 0 };
        if k & (ALPHA | DIGIT) != 0 || (k & WIDE != 0 && is_word_char(c)) {
            let Scanned {
                end: j,
                mut letters,
                upper,
                apostrophe,
                quote_after,
            } = scan_word(line, i, c);
            let end = from + j;
            let mut core = end;
            let mut next = end;
            let kind = if c.is_numeric() {
                TokKind::Number
            } else {
                TokKind::Word
            };
            if kind == TokKind::Word {
                let word = bytes.get(i..j).unwrap_or_default();
                // 's, ’s, 'S or ’S, with a stem before it: only a word the scan saw an
                // apostrophe in is asked.
                let suffix = match word {
                    _ if !apostrophe => 0,
                    [.., b'\'', b's' | b'S'] => 2,
                    [.., 0xE2, 0x80, 0x99, b's' | b'S'] => 4,
                    _ => 0,
                };
                if suffix > 0 && word.len() > suffix {
                    core = end - suffix;
                    // The possessive's "s" is no letter of the name.
                    letters = letters.saturating_sub(1);
                } else if let Some(after) = quote_after
                    && word.last() == Some(&b's')
                {
                    // A bare apostrophe after a plural ("the Russos' plan").
                    next = from + after;
                }
                if letters >= 4 {
                    if c.is_uppercase() {
                        capitals.caps += 1;
                    } else {
                        capitals.lower += 1;
                    }
                }
            }
            // Settled from the first letter and whether any capital was read; only a word
            // that starts outside ASCII, or a lowercase one with a capital in it, is asked.
            let capitalised = match c {
                'A'..='Z' => true,
                'a'..='z' => upper && is_capitalised(text.get(start..core).unwrap_or("")),
                '0'..='9' => false,
                _ => is_capitalised(text.get(start..core).unwrap_or("")),
            };
            if capitalised {
                flags |= CAPITALISED;
            }
            if sent {
                flags |= SENT_START;
            }
            if core != end || next != end {
                flags |= POSSESSIVE;
            }
            out.push(Token {
                start: offset(start),
                end: offset(core),
                next: offset(next),
                kind,
                flags,
            });
            sent = false;
            i = next - from;
        } else {
            let end = start + c.len_utf8();
            match c {
                '.' => sent |= !abbreviation_before(text, out, start),
                '!' | '?' | ':' | '…' | '•' | '|' | '·' => sent = true,
                '“' | '‘' | '«' => sent = true,
                '"' if after_space => sent = true,
                _ => {}
            }
            out.push(Token {
                start: offset(start),
                end: offset(end),
                next: offset(end),
                kind: TokKind::Punct,
                flags,
            });
            i = end - from;
        }
        line_start = false;
        after_space = false;
    }
    capitals
}

/// A byte offset as a token stores it (texts are far below 4 GiB; larger offsets saturate).
fn offset(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

/// A word found by [`scan_word`].
struct Scanned {
    /// The byte after the word.
    end: usize,
    /// How many of its characters are letters.
    letters: u32,
    /// Whether any character after the first is a capital.
    upper: bool,
    /// Whether an apostrophe joins two of its parts ("Netflix's", "O'Brien").
    apostrophe: bool,
    /// When the word stops at an apostrophe that joins nothing ("the Russos' plan"): the byte
    /// after that apostrophe.
    quote_after: Option<usize>,
}

/// Scans the word that starts at byte `i` of `line` with the character `c`: letters and digits,
/// joined by an apostrophe or hyphen with a letter or digit after it, or by a period after a
/// one-character part with a letter after it ("U.S.", which keeps its last period).
fn scan_word(line: &str, i: usize, c: char) -> Scanned {
    let bytes = line.as_bytes();
    let mut j = i + c.len_utf8();
    let mut letters = u32::from(c.is_alphabetic());
    // Characters since the word's start or its last joiner.
    let mut part = 1usize;
    let mut dotted = false;
    let mut upper = false;
    let mut apostrophe = false;
    let mut quote_after = None;
    loop {
        // ASCII letters and digits, eight bytes at a time: most words end within the first
        // eight, so the loop does not branch on each letter.
        loop {
            let (alnum, digits, capitals) = ascii_alnum(eight_at(bytes, j));
            let run = (!alnum & HIGH).trailing_zeros() as usize / 8;
            let taken = match run {
                8 => u64::MAX,
                n => (1u64 << (8 * n)) - 1,
            };
            // A digit inside a word is rare: then letters are counted one by one.
            letters += if digits & taken == 0 {
                run as u32
            } else {
                (alnum & !digits & taken).count_ones()
            };
            upper |= capitals & taken != 0;
            part += run;
            j += run;
            if run < 8 {
                break;
            }
        }
        let Some(&b) = bytes.get(j) else { break };
        let d = if b.is_ascii() {
            char::from(b)
        } else {
            let Some(d) = char_at(line, j) else { break };
            if is_word_char(d) {
                letters += u32::from(d.is_alphabetic());
                upper |= d.is_uppercase();
                part += 1;
                j += d.len_utf8();
                continue;
            }
            d
        };
        let after = j + d.len_utf8();
        let quote = matches!(d, '\'' | '’');
        let joins = match d {
            '\'' | '’' | '-' | '‐' => char_at(line, after).is_some_and(is_word_char),
            '.' => part == 1 && char_at(line, after).is_some_and(char::is_alphabetic),
            _ => false,
        };
        if !joins {
            if quote {
                quote_after = Some(after);
            }
            break;
        }
        apostrophe |= quote;
        dotted |= d == '.';
        part = 0;
        j = after;
    }
    if dotted && bytes.get(j) == Some(&b'.') {
        j += 1;
        quote_after = None;
    }
    Scanned {
        end: j,
        letters,
        upper,
        apostrophe,
        quote_after,
    }
}

/// The value one in each byte of a word.
const ONES: u64 = u64::from_le_bytes([1; 8]);
/// The top bit of each byte.
const HIGH: u64 = ONES * 0x80;

/// The eight bytes from `at`, little-endian; past the end of `bytes` they read as zero, which
/// is no letter or digit.
fn eight_at(bytes: &[u8], at: usize) -> u64 {
    match bytes
        .get(at..at + 8)
        .and_then(|b| <[u8; 8]>::try_from(b).ok())
    {
        Some(b) => u64::from_le_bytes(b),
        None => le_word(bytes.get(at..).unwrap_or_default()),
    }
}

/// Of eight bytes read little-endian: the top bit of each byte that is an ASCII letter or
/// digit, of each that is an ASCII digit, and of each that is an ASCII capital. Each byte is compared as a number
/// in its own lane: with its top bit forced on, subtracting a bound below 0x80 cannot borrow
/// from the next byte, and the top bit left says whether the byte was at least the bound.
fn ascii_alnum(w: u64) -> (u64, u64, u64) {
    let at_least = |lanes: u64, bound: u8| lanes.wrapping_sub(ONES * u64::from(bound));
    let ascii = !w & HIGH;
    let lanes = w | HIGH;
    // Setting 0x20 lowercases ASCII letters and moves no other byte into a..z.
    let folded = lanes | (ONES * 0x20);
    let letters = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digits = at_least(lanes, b'0') & !at_least(lanes, b'9' + 1);
    let capitals = at_least(lanes, b'A') & !at_least(lanes, b'Z' + 1);
    ((letters | digits) & ascii, digits & ascii, capitals & ascii)
}

/// Whether the period at `at` ends an abbreviation rather than a sentence: it follows one of
/// [`NO_STOP`], or a lone capital written right before it (an initial).
fn abbreviation_before(text: &str, out: &[Token], at: usize) -> bool {
    let Some(prev) = out.last() else { return false };
    let word = prev.text(text);
    if word.len() <= NO_STOP_LONGEST && NO_STOP.contains(&word) {
        return true;
    }
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(x), None) if x.is_uppercase())
        && prev.end as usize == at
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
mod tests;
