//! What one binding is pressed with: a single key ("ctrl-o") or a two-key sequence ("g g").
//! Printable and parsable in the same notation as [`Key`]; no terminal I/O.

use std::fmt;
use std::str::FromStr;

use super::key::{Key, KeyError};

/// A key, or a key followed by a second one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Chord {
    /// The key pressed first (the only one for a single-key binding).
    pub first: Key,
    /// The key that completes a two-key sequence.
    pub second: Option<Key>,
}

impl Chord {
    /// A two-key sequence.
    #[must_use]
    pub fn seq(first: Key, second: Key) -> Chord {
        Chord {
            first,
            second: Some(second),
        }
    }

    /// Whether this is a two-key sequence.
    #[must_use]
    pub fn is_sequence(self) -> bool {
        self.second.is_some()
    }
}

impl From<Key> for Chord {
    fn from(first: Key) -> Chord {
        Chord {
            first,
            second: None,
        }
    }
}

impl fmt::Display for Chord {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first)?;
        if let Some(k) = self.second {
            write!(f, " {k}")?;
        }
        Ok(())
    }
}

impl FromStr for Chord {
    type Err = KeyError;

    /// Keys separated by white space; a single space key is written `space`.
    fn from_str(s: &str) -> Result<Chord, KeyError> {
        let mut parts = s.split_whitespace();
        let first = parts.next().ok_or(KeyError::Empty)?.parse::<Key>()?;
        let Some(second) = parts.next() else {
            return Ok(Chord::from(first));
        };
        if parts.next().is_some() {
            return Err(KeyError::Sequence(s.trim().to_owned()));
        }
        Ok(Chord::seq(first, second.parse()?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    #[test]
    fn sequences_parse_and_print() {
        let c: Chord = "g g".parse().expect("parses");
        let g = Key::plain(KeyCode::Char('g'));
        assert_eq!(c, Chord::seq(g, g));
        assert_eq!(c.to_string(), "g g");
        let c: Chord = "  ctrl-x   ctrl-s ".parse().expect("parses");
        assert_eq!(c.to_string(), "ctrl-x ctrl-s");
        assert!(c.is_sequence());
        let single: Chord = "space".parse().expect("parses");
        assert_eq!(single, Chord::from(Key::plain(KeyCode::Char(' '))));
        assert!(!single.is_sequence());
    }

    #[test]
    fn more_than_two_keys_or_bad_keys_are_errors() {
        assert!(matches!(
            "a b c".parse::<Chord>(),
            Err(KeyError::Sequence(_))
        ));
        assert_eq!("   ".parse::<Chord>(), Err(KeyError::Empty));
        assert!(matches!(
            "g hyper-q".parse::<Chord>(),
            Err(KeyError::Unknown(_))
        ));
    }
}
