//! The user's keymap layer: entries "in this scope, this action is pressed with these keys"
//! applied over the default bindings. An entry that would make a key ambiguous is refused and
//! the action keeps its default keys. Knows nothing of files; the config module parses them.

use super::{Bound, Chord, Keymap, Scope};
use crate::app::Action;

/// One entry of the user's keymap: in `scope`, `action` is pressed with `keys` (none: unbound).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserBinding {
    /// Where it applies.
    pub scope: Scope,
    /// The action.
    pub action: Action,
    /// Its keys, replacing the defaults in this scope; empty unbinds it.
    pub keys: Vec<Chord>,
    /// The line of the config file it came from (1-based), for messages.
    pub line: usize,
}

/// An entry that was not applied, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// The line of the entry.
    pub line: usize,
    /// What was wrong.
    pub message: String,
}

/// The bindings of one action in one scope, kept together so table order survives edits.
#[derive(Debug, Clone)]
struct Slot {
    scope: Scope,
    action: Action,
    keys: Vec<Chord>,
}

/// Two chords cannot live in one scope: the same keys, or a key that also starts a sequence
/// (the single key would always fire first, so the sequence could never be typed).
fn clash(a: Chord, b: Chord) -> bool {
    a == b || (a.is_sequence() != b.is_sequence() && a.first == b.first)
}

fn name(a: Action) -> String {
    a.name().unwrap_or_default()
}

impl Keymap {
    /// Applies the user's entries: first every named action loses its keys in its scope, then
    /// each entry, in order, gets its keys. An entry whose key clashes with another action's in
    /// the same scope is refused and keeps its defaults (those that are still free).
    pub fn apply(&mut self, entries: &[UserBinding]) -> Vec<Rejected> {
        let mut slots: Vec<Slot> = Vec::new();
        for b in &self.bound {
            match slots.last_mut() {
                Some(s) if s.scope == b.scope && s.action == b.action => s.keys.push(b.key),
                _ => slots.push(Slot {
                    scope: b.scope,
                    action: b.action,
                    keys: vec![b.key],
                }),
            }
        }
        let defaults = slots.clone();
        for e in entries {
            let found = slots
                .iter_mut()
                .filter(|s| s.scope == e.scope && s.action == e.action)
                .fold(false, |_, s| {
                    s.keys.clear();
                    true
                });
            if !found {
                slots.push(Slot {
                    scope: e.scope,
                    action: e.action,
                    keys: Vec::new(),
                });
            }
        }
        let mut rejected = Vec::new();
        for e in entries {
            let taken = |slots: &[Slot], c: Chord| {
                slots
                    .iter()
                    .filter(|s| s.scope == e.scope && s.action != e.action)
                    .find_map(|s| {
                        s.keys
                            .iter()
                            .find(|k| clash(**k, c))
                            .map(|k| (s.action, *k))
                    })
            };
            let mut keys: Vec<Chord> = Vec::new();
            let mut problem = None;
            for c in &e.keys {
                if let Some((other, k)) = taken(&slots, *c) {
                    let how = if k == *c {
                        format!("\"{c}\" is already bound to {}", name(other))
                    } else {
                        format!("\"{c}\" clashes with \"{k}\" ({})", name(other))
                    };
                    problem = Some(how);
                    break;
                }
                if !keys.contains(c) {
                    keys.push(*c);
                }
            }
            if let Some(how) = problem {
                let restore: Vec<Chord> = defaults
                    .iter()
                    .filter(|s| s.scope == e.scope && s.action == e.action)
                    .flat_map(|s| s.keys.iter().copied())
                    .filter(|k| taken(&slots, *k).is_none())
                    .collect();
                keys = restore;
                rejected.push(Rejected {
                    line: e.line,
                    message: format!(
                        "{how} in [keys.{}]; kept the default keys for {}",
                        e.scope.name(),
                        name(e.action)
                    ),
                });
            }
            if let Some(s) = slots
                .iter_mut()
                .find(|s| s.scope == e.scope && s.action == e.action)
            {
                s.keys = keys;
            }
        }
        self.bound = slots
            .into_iter()
            .flat_map(|s| {
                s.keys.into_iter().map(move |key| Bound {
                    scope: s.scope,
                    key,
                    action: s.action,
                })
            })
            .collect();
        rejected
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Key;
    use ratatui::crossterm::event::KeyCode;

    fn entry(scope: Scope, action: Action, keys: &[&str], line: usize) -> UserBinding {
        UserBinding {
            scope,
            action,
            keys: keys.iter().map(|k| k.parse().expect("notation")).collect(),
            line,
        }
    }

    fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }

    #[test]
    fn rebinding_replaces_the_defaults_in_that_scope_only() {
        let mut km = Keymap::default();
        let rej = km.apply(&[entry(
            Scope::Global,
            Action::NextMention,
            &["ctrl-n", "x"],
            3,
        )]);
        assert!(rej.is_empty(), "{rej:?}");
        let g = [Scope::Global, Scope::Always];
        assert_eq!(km.lookup(&g, ch('x')), Some(Action::NextMention));
        assert_eq!(km.lookup(&g, ch('n')), None);
        assert_eq!(
            km.keys_for(Scope::Global, Action::NextMention),
            ["ctrl-n", "x"]
        );
    }

    #[test]
    fn an_empty_list_unbinds() {
        let mut km = Keymap::default();
        km.apply(&[entry(Scope::Global, Action::Quit, &[], 1)]);
        assert_eq!(km.lookup(&[Scope::Global], ch('q')), None);
        // The other scope's binding of the same action is untouched.
        assert!(!km.keys_for(Scope::Always, Action::Quit).is_empty());
    }

    #[test]
    fn swapping_two_keys_is_not_a_conflict() {
        let mut km = Keymap::default();
        let rej = km.apply(&[
            entry(Scope::Global, Action::Down, &["k"], 1),
            entry(Scope::Global, Action::Up, &["j"], 2),
        ]);
        assert!(rej.is_empty(), "{rej:?}");
        assert_eq!(km.lookup(&[Scope::Global], ch('k')), Some(Action::Down));
        assert_eq!(km.lookup(&[Scope::Global], ch('j')), Some(Action::Up));
    }

    #[test]
    fn a_conflict_is_reported_with_its_line_and_the_default_kept() {
        let mut km = Keymap::default();
        let rej = km.apply(&[entry(Scope::Global, Action::Related, &["R", "q"], 7)]);
        assert_eq!(rej.len(), 1);
        assert_eq!(rej[0].line, 7);
        assert!(rej[0].message.contains("\"q\""), "{}", rej[0].message);
        assert!(rej[0].message.contains("quit"), "{}", rej[0].message);
        assert_eq!(km.keys_for(Scope::Global, Action::Related), ["r"]);
        assert_eq!(km.lookup(&[Scope::Global], ch('q')), Some(Action::Quit));
        assert_eq!(km.lookup(&[Scope::Global], ch('R')), None);
    }

    #[test]
    fn a_key_that_starts_a_sequence_clashes_with_the_single_key() {
        let mut km = Keymap::default();
        // g alone is "top"; "g x" could never be typed.
        let rej = km.apply(&[entry(Scope::Global, Action::Related, &["g x"], 2)]);
        assert_eq!(rej.len(), 1, "{rej:?}");
        // Moving top to "g g" frees g, so the same sequence is then fine.
        let mut km = Keymap::default();
        let rej = km.apply(&[
            entry(Scope::Global, Action::Top, &["g g", "home"], 1),
            entry(Scope::Global, Action::Related, &["g r"], 2),
        ]);
        assert!(rej.is_empty(), "{rej:?}");
        let mut pending = None;
        let scopes = [Scope::Global, Scope::Always];
        assert_eq!(km.press(&scopes, &mut pending, ch('g')), None);
        assert_eq!(
            km.press(&scopes, &mut pending, ch('r')),
            Some(Action::Related)
        );
    }

    #[test]
    fn a_new_scope_binding_is_added_and_listed_in_help() {
        let mut km = Keymap::default();
        let rej = km.apply(&[entry(Scope::List, Action::Quit, &["x"], 4)]);
        assert!(rej.is_empty());
        let scopes = [Scope::List, Scope::Global, Scope::Always];
        assert_eq!(km.lookup(&scopes, ch('x')), Some(Action::Quit));
        assert!(
            km.help_rows()
                .iter()
                .any(|(s, k, d)| *s == Scope::List && k == "x" && *d == "quit at once")
        );
    }

    #[test]
    fn applying_the_defaults_changes_nothing() {
        let mut km = Keymap::default();
        let entries: Vec<UserBinding> = km
            .bound
            .iter()
            .map(|b| UserBinding {
                scope: b.scope,
                action: b.action,
                keys: km
                    .bound
                    .iter()
                    .filter(|x| x.scope == b.scope && x.action == b.action)
                    .map(|x| x.key)
                    .collect(),
                line: 1,
            })
            .collect();
        assert!(km.apply(&entries).is_empty());
        assert_eq!(km, Keymap::default());
    }
}
