//! Key notation: one key press with modifiers, printable and parsable ("ctrl-o", "shift-tab",
//! "G", "space"). Converts from crossterm's key events; no terminal I/O.

use std::fmt;
use std::str::FromStr;

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

/// One key press, normalised so that equal presses compare equal: a character carries its own
/// case (no separate shift), and Shift-Tab is [`KeyCode::BackTab`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    /// The key.
    pub code: KeyCode,
    /// Ctrl and Alt (and Shift for non-character keys).
    pub mods: KeyModifiers,
}

/// Why a key notation did not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    /// Nothing was given.
    #[error("empty key")]
    Empty,
    /// A key name that is not known.
    #[error("unknown key name {0:?}")]
    Unknown(String),
    /// Several keys in a row where one key is expected, or more than two in a sequence.
    #[error("{0:?} is a key sequence; a sequence has at most two keys (\"g g\")")]
    Sequence(String),
}

impl Key {
    /// A key with no modifiers.
    #[must_use]
    pub fn plain(code: KeyCode) -> Key {
        Key::new(code, KeyModifiers::NONE)
    }

    /// A key with modifiers, normalised.
    #[must_use]
    pub fn new(code: KeyCode, mods: KeyModifiers) -> Key {
        let keep = KeyModifiers::CONTROL | KeyModifiers::ALT | KeyModifiers::SHIFT;
        let mut mods = mods & keep;
        let code = match code {
            // Terminals report Shift-Tab as BackTab, sometimes with Shift as well.
            KeyCode::BackTab => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Tab if mods.contains(KeyModifiers::SHIFT) => {
                mods.remove(KeyModifiers::SHIFT);
                KeyCode::BackTab
            }
            KeyCode::Char(c) => {
                mods.remove(KeyModifiers::SHIFT);
                // Ctrl combinations arrive in either case depending on the terminal.
                if mods.contains(KeyModifiers::CONTROL) {
                    KeyCode::Char(c.to_ascii_lowercase())
                } else {
                    KeyCode::Char(c)
                }
            }
            other => other,
        };
        Key { code, mods }
    }

    /// The character this key types into a prompt, if it is a plain (or shifted) character.
    #[must_use]
    pub fn typed_char(self) -> Option<char> {
        match self.code {
            KeyCode::Char(c)
                if !self
                    .mods
                    .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
            {
                Some(c)
            }
            _ => None,
        }
    }
}

impl From<KeyEvent> for Key {
    fn from(e: KeyEvent) -> Key {
        Key::new(e.code, e.modifiers)
    }
}

const NAMES: &[(&str, KeyCode)] = &[
    ("enter", KeyCode::Enter),
    ("esc", KeyCode::Esc),
    ("tab", KeyCode::Tab),
    ("backtab", KeyCode::BackTab),
    ("backspace", KeyCode::Backspace),
    ("space", KeyCode::Char(' ')),
    ("up", KeyCode::Up),
    ("down", KeyCode::Down),
    ("left", KeyCode::Left),
    ("right", KeyCode::Right),
    ("pgup", KeyCode::PageUp),
    ("pgdn", KeyCode::PageDown),
    ("home", KeyCode::Home),
    ("end", KeyCode::End),
    ("delete", KeyCode::Delete),
    ("insert", KeyCode::Insert),
];

/// Other spellings accepted when parsing (never printed).
const ALIASES: &[(&str, KeyCode)] = &[
    ("return", KeyCode::Enter),
    ("escape", KeyCode::Esc),
    ("pageup", KeyCode::PageUp),
    ("pagedown", KeyCode::PageDown),
    ("del", KeyCode::Delete),
    ("ins", KeyCode::Insert),
    ("bs", KeyCode::Backspace),
    ("minus", KeyCode::Char('-')),
    ("plus", KeyCode::Char('+')),
];

/// Function keys that notation accepts (`f1` to `f24`).
const MAX_F: u8 = 24;

impl fmt::Display for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.mods.contains(KeyModifiers::CONTROL) {
            f.write_str("ctrl-")?;
        }
        if self.mods.contains(KeyModifiers::ALT) {
            f.write_str("alt-")?;
        }
        if self.mods.contains(KeyModifiers::SHIFT) {
            f.write_str("shift-")?;
        }
        if self.code == KeyCode::BackTab {
            return f.write_str("shift-tab");
        }
        if let Some((name, _)) = NAMES.iter().find(|(_, c)| *c == self.code) {
            return f.write_str(name);
        }
        match self.code {
            KeyCode::Char(c) => write!(f, "{c}"),
            KeyCode::F(n) => write!(f, "f{n}"),
            other => write!(f, "{other:?}"),
        }
    }
}

impl FromStr for Key {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<Key, KeyError> {
        let s = s.trim();
        if s.is_empty() {
            return Err(KeyError::Empty);
        }
        if s.chars().count() > 1 && s.contains(' ') {
            return Err(KeyError::Sequence(s.to_owned()));
        }
        let mut mods = KeyModifiers::NONE;
        let mut rest = s;
        loop {
            // A prefix only counts when something follows it, so "-" alone is the minus key.
            let lower = rest.to_ascii_lowercase();
            let (m, len) = if lower.starts_with("ctrl-") {
                (KeyModifiers::CONTROL, 5)
            } else if lower.starts_with("alt-") {
                (KeyModifiers::ALT, 4)
            } else if lower.starts_with("shift-") {
                (KeyModifiers::SHIFT, 6)
            } else {
                break;
            };
            if rest.len() <= len {
                break;
            }
            mods |= m;
            rest = rest.get(len..).unwrap_or("");
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            // "shift-g" means the key that types 'G'.
            (Some(c), None) if mods.contains(KeyModifiers::SHIFT) => {
                KeyCode::Char(c.to_ascii_uppercase())
            }
            (Some(c), None) => KeyCode::Char(c),
            _ => {
                let lower = rest.to_ascii_lowercase();
                if let Some((_, code)) = NAMES.iter().chain(ALIASES).find(|(n, _)| *n == lower) {
                    *code
                } else if let Some(n) = lower
                    .strip_prefix('f')
                    .and_then(|n| n.parse::<u8>().ok())
                    .filter(|n| (1..=MAX_F).contains(n))
                {
                    KeyCode::F(n)
                } else {
                    return Err(KeyError::Unknown(s.to_owned()));
                }
            }
        };
        Ok(Key::new(code, mods))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notation_round_trips() {
        for s in [
            "ctrl-o",
            "shift-tab",
            "G",
            "g",
            "space",
            "enter",
            "pgdn",
            "?",
            "/",
            "]",
            "alt-left",
            "f5",
            "-",
            "ctrl-c",
            "backspace",
        ] {
            let k: Key = s.parse().unwrap_or_else(|e| panic!("{s}: {e}"));
            assert_eq!(k.to_string(), s, "{s}");
        }
    }

    #[test]
    fn parsing_normalises_like_terminal_events() {
        let parsed: Key = "shift-tab".parse().expect("parses");
        let event = Key::from(KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT));
        assert_eq!(parsed, event);
        let upper = Key::from(KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT));
        assert_eq!(upper, "G".parse().expect("parses"));
        let ctrl = Key::from(KeyEvent::new(KeyCode::Char('O'), KeyModifiers::CONTROL));
        assert_eq!(ctrl, "ctrl-o".parse().expect("parses"));
        assert_eq!("CTRL-O".parse::<Key>(), Ok(ctrl));
        assert_eq!("shift-g".parse::<Key>(), Ok(upper));
    }

    #[test]
    fn bad_notation_is_an_error() {
        assert_eq!("".parse::<Key>(), Err(KeyError::Empty));
        assert!(matches!(
            "hyper-x".parse::<Key>(),
            Err(KeyError::Unknown(_))
        ));
        assert!(matches!("g g".parse::<Key>(), Err(KeyError::Sequence(_))));
    }

    #[test]
    fn every_key_name_and_alias_parses_to_its_key() {
        for (name, code) in NAMES.iter().chain(ALIASES) {
            let k: Key = name.parse().unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(k, Key::plain(*code), "{name}");
            // Printing gives the canonical name, which parses back to the same key.
            assert_eq!(k.to_string().parse::<Key>(), Ok(k), "{name}");
        }
        assert_eq!("F12".parse::<Key>(), Ok(Key::plain(KeyCode::F(12))));
        assert!("f0".parse::<Key>().is_err());
        assert!("f25".parse::<Key>().is_err());
        let alt: Key = "alt-x".parse().expect("parses");
        assert_eq!(alt, Key::new(KeyCode::Char('x'), KeyModifiers::ALT));
        let ctrl_minus: Key = "ctrl--".parse().expect("parses");
        assert_eq!(
            ctrl_minus,
            Key::new(KeyCode::Char('-'), KeyModifiers::CONTROL)
        );
    }

    fn any_code() -> impl proptest::strategy::Strategy<Value = KeyCode> {
        use proptest::prelude::*;
        prop_oneof![
            proptest::sample::select(NAMES.iter().map(|(_, c)| *c).collect::<Vec<_>>()),
            (1..=MAX_F).prop_map(KeyCode::F),
            any::<char>()
                .prop_filter("printable", |c| !c.is_whitespace() && !c.is_control())
                .prop_map(KeyCode::Char),
        ]
    }

    proptest::proptest! {
        #[test]
        fn printing_then_parsing_gives_the_same_key(
            code in any_code(),
            ctrl: bool,
            alt: bool,
            shift: bool,
        ) {
            let mut mods = KeyModifiers::NONE;
            mods.set(KeyModifiers::CONTROL, ctrl);
            mods.set(KeyModifiers::ALT, alt);
            mods.set(KeyModifiers::SHIFT, shift);
            let key = Key::new(code, mods);
            let printed = key.to_string();
            proptest::prop_assert_eq!(printed.parse::<Key>(), Ok(key), "{}", printed);
        }
    }

    #[test]
    fn only_plain_characters_are_typed() {
        assert_eq!(Key::plain(KeyCode::Char('x')).typed_char(), Some('x'));
        let ctrl: Key = "ctrl-x".parse().expect("parses");
        assert_eq!(ctrl.typed_char(), None);
        assert_eq!(Key::plain(KeyCode::Enter).typed_char(), None);
    }
}
