//! The `[keys]` section: `[keys.<scope>]` tables of `action = "key"` or `action = ["k", "g g"]`
//! (`[]` or `"none"` unbinds), and bare `action = ...` entries in `[keys]` for the global scope.
//! Turns them into [`UserBinding`]s; the keymap applies them and judges conflicts.

use toml::Spanned;
use toml::de::{DeTable, DeValue};

use super::{Ctx, entries};
use crate::app::Action;
use crate::keymap::{Chord, Scope, UserBinding};

/// Reads the `[keys]` table. Entries with an unknown scope, action or key are reported and
/// left out, so those actions keep their default keys.
pub fn parse(t: &DeTable<'_>, ctx: &mut Ctx<'_>) -> Vec<UserBinding> {
    let mut out = Vec::new();
    for (k, v) in entries(t) {
        let name: &str = k.get_ref();
        if let DeValue::Table(inner) = v.get_ref() {
            let Some(scope) = Scope::from_name(name) else {
                let names: Vec<&str> = Scope::ALL.iter().map(|s| s.name()).collect();
                ctx.report(
                    k.span(),
                    format!(
                        "unknown key table [keys.{name}] (use {}); ignored",
                        names.join(", ")
                    ),
                );
                continue;
            };
            for (action, keys) in entries(inner) {
                out.extend(entry(scope, action, keys, ctx));
            }
        } else {
            out.extend(entry(Scope::Global, k, v, ctx));
        }
    }
    out
}

fn entry(
    scope: Scope,
    action: &Spanned<std::borrow::Cow<'_, str>>,
    value: &Spanned<DeValue<'_>>,
    ctx: &mut Ctx<'_>,
) -> Option<UserBinding> {
    let name: &str = action.get_ref();
    let line = ctx.line(action.span().start);
    let Some(act) = Action::from_name(name) else {
        let hint = close_action(name)
            .map(|n| format!(" (did you mean {n:?}?)"))
            .unwrap_or_default();
        ctx.report(
            action.span(),
            format!(
                "unknown action {name:?} in [keys.{}]{hint}; ignored",
                scope.name()
            ),
        );
        return None;
    };
    let texts: Vec<(&str, std::ops::Range<usize>)> = match value.get_ref() {
        DeValue::String(s) if s.trim().eq_ignore_ascii_case("none") => Vec::new(),
        DeValue::String(s) => vec![(s.as_ref(), value.span())],
        DeValue::Array(items) => {
            let mut v = Vec::new();
            for item in items.iter() {
                match item.get_ref().as_str() {
                    Some(s) => v.push((s, item.span())),
                    None => {
                        ctx.report(
                            item.span(),
                            format!(
                                "{name}: keys are strings such as \"ctrl-o\"; kept the default keys"
                            ),
                        );
                        return None;
                    }
                }
            }
            v
        }
        _ => {
            ctx.report(
                value.span(),
                format!("{name}: give a key (\"q\"), a list ([\"q\", \"ctrl-c\"]) or [] to unbind; kept the default keys"),
            );
            return None;
        }
    };
    let mut keys = Vec::new();
    for (text, span) in texts {
        match text.parse::<Chord>() {
            Ok(c)
                if scope == Scope::Prompt && c.is_sequence() && c.first.typed_char().is_some() =>
            {
                ctx.report(
                    span,
                    format!("{name}: \"{c}\" would stop that key typing into prompts; kept the default keys"),
                );
                return None;
            }
            Ok(c) => keys.push(c),
            Err(e) => {
                ctx.report(span, format!("{name}: {e}; kept the default keys"));
                return None;
            }
        }
    }
    Some(UserBinding {
        scope,
        action: act,
        keys,
        line,
    })
}

/// The bindable action whose name is closest to a misspelt one.
fn close_action(name: &str) -> Option<String> {
    crate::keymap::BINDINGS
        .iter()
        .filter_map(|b| b.action.name())
        .map(|n| (strsim::jaro_winkler(name, &n), n))
        .filter(|(score, _)| *score > 0.85)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, n)| n)
}
