//! Tests of the tokenizer: spans, flags and the title-line rule, and the byte-level scanner
//! against the rules written plainly over characters.

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

/// The scanner's rules written plainly over characters, one line at a time: what
/// `tokenize_line` must produce, byte for byte, however it reads the line.
fn plain_line(text: &str, from: usize, to: usize, out: &mut Vec<Token>) -> Capitals {
    let line = &text[from..to];
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let byte = |k: usize| from + chars.get(k).map_or(line.len(), |&(o, _)| o);
    let mut capitals = Capitals::default();
    let (mut sent, mut line_start, mut after_space) = (true, true, true);
    let mut k = 0;
    while let Some(c) = at(k) {
        if c.is_whitespace() {
            after_space = true;
            k += 1;
            continue;
        }
        let start = byte(k);
        let mut flags = if line_start { LINE_START } else { 0 };
        if c.is_alphanumeric() {
            // Letters and digits, joined by an apostrophe or hyphen before a letter or digit,
            // or by a period after a one-character part and before a letter.
            let (mut e, mut part, mut dotted) = (k + 1, 1, false);
            loop {
                let (d, after) = (at(e), at(e + 1));
                if d.is_some_and(char::is_alphanumeric) {
                    part += 1;
                } else if matches!(d, Some('\'' | '’' | '-' | '‐'))
                    && after.is_some_and(char::is_alphanumeric)
                {
                    part = 0;
                } else if d == Some('.') && part == 1 && after.is_some_and(char::is_alphabetic) {
                    dotted = true;
                    part = 0;
                } else {
                    break;
                }
                e += 1;
            }
            if dotted && at(e) == Some('.') {
                e += 1;
            }
            let end = byte(e);
            let (mut core, mut next) = (end, end);
            let word = &text[start..end];
            let kind = if c.is_numeric() {
                TokKind::Number
            } else {
                TokKind::Word
            };
            if kind == TokKind::Word {
                let stem = ["'s", "’s", "'S", "’S"]
                    .iter()
                    .find_map(|p| word.strip_suffix(p))
                    .filter(|s| !s.is_empty());
                if let Some(stem) = stem {
                    core = start + stem.len();
                } else if word.ends_with('s')
                    && matches!(at(e), Some('\'' | '’'))
                    && !at(e + 1).is_some_and(char::is_alphanumeric)
                {
                    e += 1;
                    next = byte(e);
                }
                if text[start..core]
                    .chars()
                    .filter(|c| c.is_alphabetic())
                    .count()
                    >= 4
                {
                    if c.is_uppercase() {
                        capitals.caps += 1;
                    } else {
                        capitals.lower += 1;
                    }
                }
            }
            if is_capitalised(&text[start..core]) {
                flags |= CAPITALISED;
            }
            if sent {
                flags |= SENT_START;
            }
            if core != end || next != end {
                flags |= POSSESSIVE;
            }
            out.push(Token {
                start: start as u32,
                end: core as u32,
                next: next as u32,
                kind,
                flags,
            });
            sent = false;
            k = e;
        } else {
            let end = (start + c.len_utf8()) as u32;
            let prev = out.last().map_or("", |t| t.text(text));
            let initial = prev.chars().count() == 1
                && prev.chars().all(char::is_uppercase)
                && out.last().is_some_and(|t| t.end as usize == start);
            match c {
                '.' if !(NO_STOP.contains(&prev) || initial) => sent = true,
                '!' | '?' | ':' | '…' | '•' | '|' | '·' | '“' | '‘' | '«' => sent = true,
                '"' if after_space => sent = true,
                _ => {}
            }
            out.push(Token {
                start: start as u32,
                end,
                next: end,
                kind: TokKind::Punct,
                flags,
            });
            k += 1;
        }
        line_start = false;
        after_space = false;
    }
    capitals
}

/// Both readings of every line of `text`, each into its own buffer as the article pass
/// fills one: tokens, flags and capital counts must be the same.
fn assert_same_as_plain(text: &str) {
    let (mut fast, mut plain) = (Vec::new(), Vec::new());
    let mut from = 0;
    for line in text.split('\n') {
        let to = from + line.len();
        let a = tokenize_line(text, from, to, &mut fast);
        let b = plain_line(text, from, to, &mut plain);
        assert_eq!(a, b, "capitals of {line:?}");
        assert_eq!(fast, plain, "tokens of {line:?}");
        from = to + 1;
    }
}

#[test]
fn the_scanner_reads_edge_cases_as_the_plain_rules_do() {
    for text in [
        "",
        "Netflix's film, the Russos' plan and O'Brien’s ‐ Zoë’s café.",
        "U.S. and A.B.C.D. met Mr. Smith, Dr. J. Doe and No. 10 at 9.30am.",
        "x's 's s' A.' U.S.'s 2019's co-op e-Mail naïve‐ness",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcdefghij's long16charword",
        "\u{a0}Word\u{85}word\u{2028}Word\u{b}x\u{1c}y 😀Grinning ŜŝŜ",
        "\"Quoted\" “Curly” «Guillemet» ‘single’ ends: Then! Why? Maybe…",
        "tail at the very end of a line without a newline: Zé",
        "one\ntwo lines\n\nand a blank one\n",
    ] {
        assert_same_as_plain(text);
    }
    // The sample corpus's files, built into the binary: prose and markup, every line.
    for (_, bytes) in crate::corpus::sample::FILES {
        assert_same_as_plain(&String::from_utf8_lossy(bytes));
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

    /// Random characters from the classes the scanner treats apart: ASCII letters and digits,
    /// joiners, stops, quotes, ASCII and other whitespace, letters and marks beyond ASCII.
    #[test]
    fn the_scanner_reads_random_characters_as_the_plain_rules_do(
        text in "[a-zA-Z0-9sS .,'’‐\\-\"“«!?:…éÉßŜ😀\u{a0}\u{85}\u{b}\u{1c}\u{300}\u{660}\u{216b}\n]{0,120}"
    ) {
        assert_same_as_plain(&text);
    }

    /// Word-like pieces, so that joiners, possessives and abbreviations meet words often.
    #[test]
    fn the_scanner_reads_word_pieces_as_the_plain_rules_do(
        pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "Netflix", "netflix", "'s", "’s", "'S", "s'", "s’", "'", "’", "-", "‐", ".", "U",
                "S", "Mr", "Dr", "No", " ", "  ", "\n", "2019", "20th", "Zoë", "É", "ab12cd",
                "abcdefgh", "ABCDEFGHI", "x", "“", "\"", ":", "…", "\u{a0}", "é", "iPhone",
                "eBay", "e-Mail", "éBay", "übER", "Ⅻ", "mcDonald", "aÉ",
            ]),
            0..40,
        ),
    ) {
        assert_same_as_plain(&pieces.concat());
    }

    /// Each lane of the eight-byte test answers for its own byte as `u8`'s tests do, whatever
    /// the bytes beside it (a subtraction borrowing across lanes would show here).
    #[test]
    fn eight_byte_classes_agree_with_each_byte(bytes in proptest::prelude::any::<[u8; 8]>()) {
        let (alnum, digits, capitals) = ascii_alnum(u64::from_le_bytes(bytes));
        for (lane, b) in bytes.iter().enumerate() {
            let bit = 0x80u64 << (8 * lane);
            proptest::prop_assert_eq!(alnum & bit != 0, b.is_ascii_alphanumeric(), "{:#x}", b);
            proptest::prop_assert_eq!(digits & bit != 0, b.is_ascii_digit(), "{:#x}", b);
            proptest::prop_assert_eq!(capitals & bit != 0, b.is_ascii_uppercase(), "{:#x}", b);
        }
        proptest::prop_assert_eq!((alnum | digits | capitals) & !HIGH, 0);
    }
}

#[test]
fn every_byte_is_classed_in_every_lane_beside_the_extremes() {
    for lane in 0..8 {
        for b in 0..=255u8 {
            for fill in [0x00u8, 0x7f, 0x80, 0xff] {
                let mut bytes = [fill; 8];
                bytes[lane] = b;
                let (alnum, digits, capitals) = ascii_alnum(u64::from_le_bytes(bytes));
                let bit = 0x80u64 << (8 * lane);
                assert_eq!(
                    alnum & bit != 0,
                    b.is_ascii_alphanumeric(),
                    "{b:#x} in {lane}"
                );
                assert_eq!(digits & bit != 0, b.is_ascii_digit(), "{b:#x} in {lane}");
                assert_eq!(
                    capitals & bit != 0,
                    b.is_ascii_uppercase(),
                    "{b:#x} in {lane}"
                );
            }
        }
    }
}

#[test]
fn bytes_past_the_end_read_as_no_letter() {
    let line = b"abc";
    assert_eq!(
        eight_at(line, 0) & 0xff_ffff,
        u64::from_le_bytes(*b"abc\0\0\0\0\0")
    );
    assert_eq!(eight_at(line, 0) >> 24, 0);
    assert_eq!(eight_at(line, 3), 0);
    assert_eq!(eight_at(line, 9), 0);
    assert_eq!(eight_at(b"abcdefghij", 2), u64::from_le_bytes(*b"cdefghij"));
}

#[test]
fn no_character_outside_words_is_capitalised() {
    // Punctuation tokens never carry the flag, and the evidence pass reads it of whatever
    // token follows "and": so `is_capitalised` must say no of every such character too.
    let mut buf = [0; 4];
    for c in (0..=0x10_ffff_u32)
        .filter_map(char::from_u32)
        .filter(|c| !c.is_alphanumeric() && !c.is_whitespace())
    {
        assert!(!is_capitalised(c.encode_utf8(&mut buf)), "{c:?}");
    }
}

#[test]
fn the_capitalised_flag_is_the_rule_for_every_word_form() {
    let text = "Netflix iPhone eBay e-Mail email x X 2019 élan éBay é-Bay Élan mcDonald übER \
                Ⅻ ABC'S abc's aB’s";
    for t in tokenize(text, 0) {
        let w = t.text(text);
        assert_eq!(t.has(CAPITALISED), is_capitalised(w), "{w:?}");
    }
    let flagged: Vec<&str> = tokenize(text, 0)
        .iter()
        .filter(|t| t.has(CAPITALISED))
        .map(|t| t.text(text))
        .collect();
    assert_eq!(
        flagged,
        [
            "Netflix", "iPhone", "eBay", "X", "éBay", "Élan", "mcDonald", "übER", "Ⅻ", "ABC", "aB"
        ]
    );
}
