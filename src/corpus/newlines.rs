//! Splitting text at newlines with `memchr`: exact stand-ins for `str::split('\n')` and
//! `str::lines`, whose searches go a byte or a word at a time. Loading, cleaning and both
//! extraction passes split every article this way, so the search is worth the vector scan.

/// The parts of `s` between newlines, as `s.split('\n')` gives them: an empty text is one
/// empty part, and a text ending in a newline ends with an empty part.
pub fn split(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match memchr::memchr(b'\n', r.as_bytes()) {
            // A newline is one byte, so both sides are whole characters.
            Some(at) => {
                rest = r.get(at + 1..);
                r.get(..at)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
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
        for s in [
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
        ] {
            assert_eq!(
                split(s).collect::<Vec<_>>(),
                s.split('\n').collect::<Vec<_>>(),
                "{s:?}"
            );
            assert_eq!(
                lines(s).collect::<Vec<_>>(),
                s.lines().collect::<Vec<_>>(),
                "{s:?}"
            );
        }
    }

    proptest::proptest! {
        #[test]
        fn random_texts_split_as_the_standard_library_does(s in "[a\\n\\ré ]{0,40}") {
            proptest::prop_assert_eq!(split(&s).collect::<Vec<_>>(), s.split('\n').collect::<Vec<_>>());
            proptest::prop_assert_eq!(lines(&s).collect::<Vec<_>>(), s.lines().collect::<Vec<_>>());
        }
    }
}
