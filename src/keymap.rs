//! Key bindings: the table in [`table`], parsed into a lookup by scope, plus the generated
//! views of it (help rows, status hints, the README table). A user's keymap (see [`user`])
//! edits it by action name. No terminal I/O.

pub mod chord;
pub mod key;
pub mod table;
pub mod user;

pub use chord::Chord;
pub use key::{Key, KeyError};
pub use table::{BINDINGS, Binding, Scope};
pub use user::{Rejected, UserBinding};

use crate::app::Action;

/// One parsed binding: a key (or two-key sequence) in a scope doing an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bound {
    /// Where it applies.
    pub scope: Scope,
    /// The key or sequence.
    pub key: Chord,
    /// The action.
    pub action: Action,
}

/// The bindings in effect: built from [`BINDINGS`], then edited by the user's keymap.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// Every binding, in table order.
    pub bound: Vec<Bound>,
}

impl Default for Keymap {
    fn default() -> Self {
        let mut bound = Vec::new();
        for b in BINDINGS {
            for k in b.keys {
                // The table is ours and tested to parse; a bad entry is skipped, not fatal.
                if let Ok(key) = k.parse::<Chord>() {
                    bound.push(Bound {
                        scope: b.scope,
                        key,
                        action: b.action,
                    });
                }
            }
        }
        Keymap { bound }
    }
}

impl Keymap {
    /// The action bound to the chord in exactly `scope`.
    fn find(&self, scope: Scope, chord: Chord) -> Option<Action> {
        self.bound
            .iter()
            .find(|b| b.scope == scope && b.key == chord)
            .map(|b| b.action)
    }

    /// Whether some sequence in `scope` starts with `key`.
    fn starts_sequence(&self, scope: Scope, key: Key) -> bool {
        self.bound
            .iter()
            .any(|b| b.scope == scope && b.key.is_sequence() && b.key.first == key)
    }

    /// The action bound to the single key `key`, searching `scopes` in order (the first match
    /// wins). Sequences are not considered; see [`Keymap::press`].
    #[must_use]
    pub fn lookup(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        scopes.iter().find_map(|s| self.find(*s, Chord::from(key)))
    }

    /// Maps a key press to an action, ignoring two-key sequences. In a prompt, a plain
    /// character that is not bound there is typed into it.
    #[must_use]
    pub fn action_for(&self, scopes: &[Scope], key: Key) -> Option<Action> {
        self.press(scopes, &mut None, key)
    }

    /// Maps a key press to an action, with `pending` holding the first key of a sequence
    /// between presses. A key that starts a sequence is kept in `pending` and maps to
    /// nothing; when the next key does not complete a sequence, the first is dropped and the
    /// second counts on its own (so Esc after a stray `g` still cancels).
    ///
    /// Scopes are searched in order; the first scope that binds the key (or starts a sequence
    /// with it) decides. In a prompt, a plain character not bound there is typed into it.
    #[must_use]
    pub fn press(&self, scopes: &[Scope], pending: &mut Option<Key>, key: Key) -> Option<Action> {
        if let Some(first) = pending.take() {
            let chord = Chord::seq(first, key);
            if let Some(a) = scopes.iter().find_map(|s| self.find(*s, chord)) {
                return Some(a);
            }
        }
        for s in scopes {
            if let Some(a) = self.find(*s, Chord::from(key)) {
                return Some(a);
            }
            if self.starts_sequence(*s, key) {
                *pending = Some(key);
                return None;
            }
            if *s == Scope::Prompt {
                if let Some(c) = key.typed_char() {
                    return Some(Action::Input(c));
                }
            }
        }
        None
    }

    /// The keys bound to `action` in `scope`, in notation.
    #[must_use]
    pub fn keys_for(&self, scope: Scope, action: Action) -> Vec<String> {
        self.bound
            .iter()
            .filter(|b| b.scope == scope && b.action == action)
            .map(|b| b.key.to_string())
            .collect()
    }

    /// Help rows grouped by scope: (scope, keys joined, description), from the bindings in
    /// effect. Table rows come first in each scope, then actions the user bound in a scope
    /// the table does not use for them (described by the action's first table row).
    #[must_use]
    pub fn help_rows(&self) -> Vec<(Scope, String, &'static str)> {
        let mut out = Vec::new();
        for scope in Scope::ALL {
            let mut seen: Vec<Action> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.scope == scope) {
                seen.push(b.action);
                let keys = self.keys_for(scope, b.action);
                if !keys.is_empty() {
                    out.push((scope, keys.join(", "), b.description));
                }
            }
            for b in self.bound.iter().filter(|b| b.scope == scope) {
                if seen.contains(&b.action) {
                    continue;
                }
                seen.push(b.action);
                let desc = BINDINGS
                    .iter()
                    .find(|row| row.action == b.action)
                    .map_or("", |row| row.description);
                out.push((scope, self.keys_for(scope, b.action).join(", "), desc));
            }
        }
        out
    }

    /// Status-line hints: (first key, label) for the hinted bindings that are still bound.
    #[must_use]
    pub fn hints(&self) -> Vec<(String, &'static str)> {
        BINDINGS
            .iter()
            .filter(|b| !b.hint.is_empty())
            .filter_map(|b| {
                self.keys_for(b.scope, b.action)
                    .into_iter()
                    .next()
                    .map(|k| (k, b.hint))
            })
            .collect()
    }
}

/// The README key table (Markdown), generated from the default bindings.
#[must_use]
pub fn markdown_table() -> String {
    let km = Keymap::default();
    let mut out =
        String::from("| where | keys | action | what it does |\n| --- | --- | --- | --- |\n");
    for b in BINDINGS {
        let keys = km
            .keys_for(b.scope, b.action)
            .iter()
            .map(|k| format!("`{}`", k.replace('|', "\\|")))
            .collect::<Vec<_>>()
            .join(" ");
        let name = b.action.name().unwrap_or_default();
        let row = format!(
            "| {} | {} | `{}` | {} |\n",
            b.scope.title(),
            keys,
            name,
            b.description
        );
        if !out.contains(&row) {
            out.push_str(&row);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn every_key_in_the_table_parses() {
        for b in BINDINGS {
            for k in b.keys {
                assert!(k.parse::<Chord>().is_ok(), "{k} in {:?}", b.action);
            }
        }
    }

    #[test]
    fn no_key_is_bound_twice_in_one_scope() {
        let km = Keymap::default();
        for (i, a) in km.bound.iter().enumerate() {
            for b in &km.bound[i + 1..] {
                assert!(
                    !(a.scope == b.scope && a.key == b.key),
                    "{} bound twice in {:?}",
                    a.key,
                    a.scope
                );
            }
        }
    }

    #[test]
    fn scope_order_decides_which_binding_wins() {
        let km = Keymap::default();
        let f = Key::plain(KeyCode::Char('f'));
        assert_eq!(
            km.lookup(&[Scope::Entities, Scope::Global, Scope::Always], f),
            Some(Action::FilterByEntity)
        );
        assert_eq!(
            km.lookup(&[Scope::Global, Scope::Always], f),
            Some(Action::FilterArticles)
        );
    }

    #[test]
    fn prompts_type_characters_but_ctrl_c_still_quits() {
        let km = Keymap::default();
        let scopes = [Scope::Prompt, Scope::Always];
        let q = Key::plain(KeyCode::Char('q'));
        assert_eq!(km.action_for(&scopes, q), Some(Action::Input('q')));
        let cc = Key::new(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(km.action_for(&scopes, cc), Some(Action::Quit));
        let bs = Key::plain(KeyCode::Backspace);
        assert_eq!(km.action_for(&scopes, bs), Some(Action::DeleteChar));
    }

    #[test]
    fn help_and_hints_follow_the_bindings_in_effect() {
        let mut km = Keymap::default();
        assert!(km.hints().iter().any(|(k, l)| k == "n" && *l == "mention"));
        // Rebinding n elsewhere: the hint and the help show the new key, as issue 7 requires.
        for b in &mut km.bound {
            if b.action == Action::NextMention {
                b.key = Chord::from(Key::plain(KeyCode::Char('x')));
            }
        }
        assert!(km.hints().iter().any(|(k, l)| k == "x" && *l == "mention"));
        let help = km.help_rows();
        assert!(
            help.iter()
                .any(|(_, k, d)| k == "x" && d.starts_with("next mention"))
        );
    }

    #[test]
    fn every_bindable_action_has_a_name() {
        for b in BINDINGS {
            let name = b.action.name().expect("bindable actions have names");
            assert_eq!(Action::from_name(&name), Some(b.action));
        }
    }
}

#[cfg(test)]
mod readme {
    /// The README's key table is the generated one. To refresh it after changing the table,
    /// run this test with `BYLINE_BLESS=1`.
    #[test]
    fn readme_key_table_matches_the_bindings() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
        let readme = std::fs::read_to_string(&path).expect("README.md is readable");
        let (start, end) = ("<!-- keys:start -->\n", "<!-- keys:end -->");
        let a = readme.find(start).expect("start marker") + start.len();
        let b = readme.find(end).expect("end marker");
        let table = super::markdown_table();
        if std::env::var_os("BYLINE_BLESS").is_some() {
            let updated = format!("{}{}{}", &readme[..a], table, &readme[b..]);
            std::fs::write(&path, updated).expect("README.md is writable");
            return;
        }
        assert_eq!(
            &readme[a..b],
            table,
            "README key table is stale: rerun with BYLINE_BLESS=1"
        );
    }
}

#[cfg(test)]
mod sequences {
    use super::*;
    use ratatui::crossterm::event::KeyCode;

    fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    fn with_gg() -> Keymap {
        let mut km = Keymap::default();
        let rej = km.apply(&[UserBinding {
            scope: Scope::Global,
            action: Action::Top,
            keys: vec!["g g".parse().expect("notation")],
            line: 1,
        }]);
        assert!(rej.is_empty(), "{rej:?}");
        km
    }

    #[test]
    fn a_sequence_waits_for_its_second_key() {
        let km = with_gg();
        let scopes = [Scope::Global, Scope::Always];
        let mut pending = None;
        assert_eq!(km.press(&scopes, &mut pending, ch('g')), None);
        assert_eq!(pending, Some(ch('g')));
        assert_eq!(km.press(&scopes, &mut pending, ch('g')), Some(Action::Top));
        assert_eq!(pending, None);
    }

    #[test]
    fn a_key_that_does_not_complete_the_sequence_counts_on_its_own() {
        let km = with_gg();
        let scopes = [Scope::Global, Scope::Always];
        let mut pending = None;
        assert_eq!(km.press(&scopes, &mut pending, ch('g')), None);
        assert_eq!(km.press(&scopes, &mut pending, ch('j')), Some(Action::Down));
        assert_eq!(pending, None);
    }

    #[test]
    fn sequences_are_ignored_by_single_key_lookup() {
        let km = with_gg();
        assert_eq!(km.action_for(&[Scope::Global], ch('g')), None);
        assert_eq!(km.keys_for(Scope::Global, Action::Top), ["g g"]);
    }
}
