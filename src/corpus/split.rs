//! Splitting text at newlines and spaces with `memchr`: exact stand-ins for `str::split('\n')`,
//! `str::lines` and `str::split(' ')`, whose searches set up again for every part and go a byte
//! or a word at a time. Loading, cleaning and both extraction passes split every article, and
//! the cleaner splits every line into words.

/// The parts of `s` between newlines, as `s.split('\n')` gives them: an empty text is one
/// empty part, and a text ending in a newline ends with an empty part.
pub fn at_newlines(s: &str) -> impl Iterator<Item = &str> {
    at_byte(s, b'\n')
}

/// The parts of `s` between single spaces, as `s.split(' ')` gives them (two spaces in a row
/// leave an empty part between them).
pub fn at_spaces(s: &str) -> impl Iterator<Item = &str> {
    at_byte(s, b' ')
}

/// How many parts [`at_spaces`] gives (one more than the spaces), counted in one vector scan
/// without making them.
pub fn parts_at_spaces(s: &str) -> usize {
    memchr::memchr_iter(b' ', s.as_bytes()).count() + 1
}

/// The parts of `s` between occurrences of an ASCII byte, found in one vector scan.
fn at_byte(s: &str, byte: u8) -> impl Iterator<Item = &str> {
    // An ASCII byte is a whole character, so every part starts and ends on a boundary.
    debug_assert!(byte.is_ascii());
    let mut ends = memchr::memchr_iter(byte, s.as_bytes()).chain(std::iter::once(s.len()));
    let mut start = 0;
    std::iter::from_fn(move || {
        let end = ends.next()?;
        let part = s.get(start..end);
        start = end + 1;
        part
    })
}

/// The lines of `s`, as `s.lines()` gives them: each without its "\n" or "\r\n", and no empty
/// line after a final newline. A "\r" is dropped only before a "\n".
pub fn lines(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = s;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        match memchr::memchr(b'\n', rest.as_bytes()) {
            Some(at) => {
                let line = rest.get(..at)?;
                rest = rest.get(at + 1..)?;
                Some(line.strip_suffix('\r').unwrap_or(line))
            }
            None => Some(std::mem::take(&mut rest)),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ends_and_carriage_returns_match_the_standard_library() {
        let texts = [
            "",
            "\n",
            "\n\n",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\r",
            "\r\n",
            "é\n😀\r",
        ];
        for s in texts {
            let parts: Vec<&str> = at_newlines(s).collect();
            assert_eq!(parts, s.split('\n').collect::<Vec<_>>(), "{s:?}");
            assert_eq!(
                lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
        for s in ["", " ", "  ", "a", "a b", " a  b ", "é 😀"] {
            let words: Vec<&str> = at_spaces(s).collect();
            assert_eq!(words, s.split(' ').collect::<Vec<_>>(), "{s:?}");
            assert_eq!(parts_at_spaces(s), words.len(), "{s:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn random_texts_split_as_the_standard_library_does(s in "[a\\n\\ré ]{0,40}") {
            proptest::prop_assert_eq!(at_newlines(&s).collect::<Vec<_>>(), s.split('\n').collect::<Vec<_>>());
            proptest::prop_assert_eq!(at_spaces(&s).collect::<Vec<_>>(), s.split(' ').collect::<Vec<_>>());
            proptest::prop_assert_eq!(parts_at_spaces(&s), s.split(' ').count());
            proptest::prop_assert_eq!(lines(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
        }
    }
}
