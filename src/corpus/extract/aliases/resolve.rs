//! Builds the alias table from the distinct candidate names: folds names into groups (see
//! [`fold`](super::fold)), names and kinds each group, folds person short forms, and lists the
//! surface patterns the mention pass looks for. Per-name work runs in parallel; every step
//! whose order decides the result (joins, numbering, pattern inserts) runs in a fixed order.

use std::borrow::Cow;

use rayon::prelude::*;

use super::fold::{Folds, best, misspelt_pairs, word_iter, words};
use super::initials::initial_forms;
use super::variants::variant_pairs;
use super::{Bearer, Group, NameInfo, Table, Target};
use crate::corpus::extract::candidates::{Votes, is_gazetteer, is_known_abbreviation};
use crate::corpus::extract::evidence::Evidence;
use crate::corpus::extract::fasthash::{FastMap, FastSet};
use crate::corpus::extract::kinds::{self, is_initial_form};
use crate::corpus::extract::lexicon::{LEXICON, NAME_SUFFIXES, PARTICLES, REGNAL_STYLES, Tags};
use crate::corpus::model::Kind;

struct Uf {
    parent: Vec<usize>,
}

impl Uf {
    fn find(&mut self, mut x: usize) -> usize {
        while let Some(&p) = self.parent.get(x) {
            if p == x {
                break;
            }
            let gp = self.parent.get(p).copied().unwrap_or(p);
            if let Some(slot) = self.parent.get_mut(x) {
                *slot = gp;
            }
            x = p;
        }
        x
    }

    /// Joins `part` into `whole`'s group, keeping `whole`'s root as the root.
    fn join(&mut self, part: usize, whole: usize) {
        let (a, b) = (self.find(part), self.find(whole));
        if a != b {
            if let Some(slot) = self.parent.get_mut(a) {
                *slot = b;
            }
        }
    }
}

/// Builds the alias table from the distinct candidate names.
#[must_use]
pub fn resolve<'t>(names: &[NameInfo<'t>], ev: &Evidence<'_>) -> Table<'t> {
    let lower_count = |w: &str| ev.lower(w);
    let alone = |w: &str| ev.cap_mid_alone(w);
    let lower = kinds::WordUse {
        lower: &lower_count,
        alone: &alone,
    };
    let kinds: Vec<Kind> = names
        .par_iter()
        .map(|x| kinds::decide(&x.name, &x.votes, &lower))
        .collect();
    // Split once: the misspelling buckets compare each of their names with every other.
    let split: Vec<Vec<&str>> = names.par_iter().map(|x| words(&x.name)).collect();
    // The misspellings, the variant spellings, the initials and the shorter forms do not
    // depend on each other: found side by side, the shorter forms (the longest) on their own.
    let ((pairs, variants, initials), folds) = rayon::join(
        || {
            (
                misspelt_pairs(&split),
                variant_pairs(names),
                initial_forms(names, &kinds),
            )
        },
        || Folds::of(names, &split, &kinds, ev),
    );
    let targets = folds.targets(names);
    // Only the colon parts are needed from here; the tables behind the folds are the largest
    // of this function, freed before the groups are made.
    let colon_parts = folds.colon_parts;
    drop((split, kinds));
    let mut uf = Uf {
        parent: (0..names.len()).collect(),
    };
    // Misspellings first, then shorter forms in name order: the order one pass would take.
    for (a, b) in pairs {
        let (small, big) = if names[a].count > names[b].count {
            (b, a)
        } else {
            (a, b)
        };
        uf.join(small, big);
    }
    // "Worldcom" and "WorldCom", "Office of" and "Office for National Statistics": one name,
    // written two ways. "Wada" goes wherever "WADA" folds.
    for (variant, main) in variants {
        uf.join(variant, main);
    }
    for (i, t) in targets.into_iter().enumerate() {
        if let Some(t) = t {
            uf.join(i, t);
        }
    }
    // "B Quennell" in a line-up is Bram Quennell when the corpus names no other Quennell of
    // that initial: with two ("Joan" and "John"), neither is sure, and the initial stays a
    // name of its own.
    for (initial, full) in initials {
        let mut roots: Vec<usize> = full.iter().map(|&f| uf.find(f)).collect();
        roots.sort_unstable();
        roots.dedup();
        if let [root] = roots[..] {
            uf.join(initial, root);
        }
    }
    let (mut table, group_of) = groups(names, uf, &lower);
    let (shorts, prefixed) = rayon::join(
        || short_forms_of(&table.groups, ev),
        || prefixed_names(names, &table, &group_of),
    );
    let (dropped, alone) = dropped_groups(names, &table, &group_of, &shorts);
    let handles = handles(&table.groups);
    // The patterns go in one at a time, in order; sized first, the table is never rebuilt
    // on the way (at 100,000 articles it would be once, at 230,000 patterns).
    let forms: usize = names
        .par_iter()
        .zip(group_of.par_iter())
        .filter(|(_, g)| !dropped.get(**g).copied().unwrap_or(false))
        .map(|(x, _)| 1 + x.surfaces.len())
        .sum();
    table
        .patterns
        .reserve(forms + colon_parts.len() + shorts.len() + handles.len());
    add_patterns(
        names,
        &mut table,
        &group_of,
        &dropped,
        &prefixed,
        &colon_parts,
    );
    add_short_patterns(&mut table, &shorts, &alone, ev);
    for (h, g) in handles {
        // A handle starts with `@`, so it is never a common word: `add`'s check is skipped.
        table
            .patterns
            .entry(Cow::Owned(h))
            .or_insert(Target::One(g));
    }
    table
}

/// Whether two names differ only by spaces.
fn same_but_spaces(a: &str, b: &str) -> bool {
    a.chars()
        .filter(|c| *c != ' ')
        .eq(b.chars().filter(|c| *c != ' '))
}

/// Numbers the groups in order of their roots, each with its canonical name, weight and kind,
/// and gives each name its group.
fn groups<'t>(
    names: &[NameInfo<'t>],
    mut uf: Uf,
    lower: &kinds::WordUse<'_>,
) -> (Table<'t>, Vec<usize>) {
    let n = names.len();
    let root: Vec<usize> = (0..n).map(|i| uf.find(i)).collect();
    drop(uf);
    // Sorted by root then name, a group is a run of names, in ascending order of root.
    let mut order: Vec<usize> = (0..n).collect();
    order.par_sort_unstable_by_key(|&i| (root[i], i));
    // Each group's canonical name, weight and kind, decided in parallel (kinds are the costly
    // part), then numbered in root order.
    let decided: Vec<(&[usize], Group)> = order
        .par_chunk_by(|&a, &b| root[a] == root[b])
        .map(|ms| {
            let canon = ms
                .iter()
                .copied()
                .max_by_key(|&i| {
                    let words = word_iter(&names[i].name).count();
                    // A line-up writes "B Quennell" more often than the report "Bram
                    // Quennell", but the full name is the name.
                    let full = !is_initial_form(&names[i].name);
                    (words, full, names[i].count, std::cmp::Reverse(i))
                })
                .unwrap_or_default();
            let mut votes: Votes = [0; 5];
            let mut weight = 0;
            for &m in ms {
                weight += names[m].count;
                for (a, b) in votes.iter_mut().zip(names[m].votes.iter()) {
                    *a += b;
                }
            }
            let name = names[canon].name.clone().into_owned();
            // "TimeWarner" beside "Time Warner": brands are written run together, people's
            // names are not.
            let run_together = name.contains(' ')
                && ms.iter().any(|&m| {
                    !names[m].name.contains(' ') && same_but_spaces(&names[m].name, &name)
                });
            let kind = if run_together {
                Kind::Organization
            } else {
                kinds::decide(&name, &votes, lower)
            };
            (ms, Group { name, kind, weight })
        })
        .collect();
    let mut table = Table::default();
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    for (ms, group) in decided {
        let g = table.groups.len();
        table.groups.push(group);
        for &m in ms {
            group_of[m] = g;
        }
    }
    (table, group_of)
}

/// Person short forms: the first names and surnames that may stand for each person, with the
/// groups (in order) each may stand for.
fn short_forms_of(groups: &[Group], ev: &Evidence<'_>) -> FastMap<String, Vec<usize>> {
    let per_group: Vec<Vec<String>> = groups
        .par_iter()
        .map(|grp| {
            if grp.kind != Kind::Person {
                Vec::new()
            } else if let Some(given) = regnal_given(&grp.name) {
                vec![given.to_string()]
            } else if person_shaped(&grp.name, ev) {
                short_forms(&grp.name)
            } else {
                Vec::new()
            }
        })
        .collect();
    let mut shorts: FastMap<String, Vec<usize>> = FastMap::default();
    for (g, forms) in per_group.into_iter().enumerate() {
        for s in forms {
            shorts.entry(s).or_default().push(g);
        }
    }
    shorts
}

/// What one name says about the groups: the group it drops, and whether it is a short form.
fn dropped_groups<'n>(
    names: &'n [NameInfo<'_>],
    table: &Table<'_>,
    group_of: &[usize],
    shorts: &FastMap<String, Vec<usize>>,
) -> (Vec<bool>, FastSet<&'n str>) {
    let l = &*LEXICON;
    let verdicts: Vec<(Option<usize>, bool)> = names
        .par_iter()
        .zip(group_of.par_iter())
        .map(|(x, &own)| {
            let full_names = shorts.get(x.name.as_ref());
            let short = full_names.is_some();
            // "the Russos": a family named by a known surname is left to its members.
            let family = x
                .name
                .strip_suffix('s')
                .is_some_and(|stem| shorts.contains_key(stem) && !x.name.contains(' '));
            if family {
                return (Some(own), short);
            }
            if !short {
                return (None, false);
            }
            // A word the corpus itself calls a work or place ("Ciudad, a graphic novel") stays.
            // But one cue among dozens of mentions ("Thanou's coach", of 38 "Thanou") is not
            // the corpus calling it so, where the full name is as well known ("Katerina
            // Thanou", 16): the short form is that person. A full name written once beside a
            // word used 26 times ("John Bolton", "Bolton") is someone else.
            let v = &x.votes;
            let other = v.iter().sum::<i32>() - v[0];
            if other >= 2 && other > v[0] {
                let mentions = i64::from(x.count);
                let full = full_names
                    .into_iter()
                    .flatten()
                    .filter_map(|&g| table.groups.get(g))
                    .map(|g| i64::from(g.weight))
                    .max()
                    .unwrap_or(0);
                let few_votes = i64::from(other) * SHORT_FORM_RATIO < mentions;
                if !(few_votes && full * SHORT_FORM_RATIO >= mentions) {
                    return (None, true);
                }
            }
            if words(&x.name).len() != 1
                || l.places.contains(x.name.as_ref())
                || l.known_orgs.contains(x.name.as_ref())
            {
                return (None, true);
            }
            // Only a name that is nothing but this short form (a one-member group) is folded.
            if table.groups.get(own).is_some_and(|g| g.name != x.name) {
                return (None, true);
            }
            (Some(own), true)
        })
        .collect();
    let mut dropped = vec![false; table.groups.len()];
    // The short forms the corpus also uses alone, as names of their own.
    let mut alone: FastSet<&str> = FastSet::default();
    for (x, (drop, short)) in names.iter().zip(verdicts) {
        if let Some(d) = drop.and_then(|g| dropped.get_mut(g)) {
            *d = true;
        }
        if short {
            alone.insert(x.name.as_ref());
        }
    }
    (dropped, alone)
}

/// The names that are a country's or a known body's abbreviation put before another entity's
/// own name: "US Treasury", "UK Oscar hopes", "BBC Radio 4". Each is looked for as a pair, so
/// the mention pass gives the two entities a mention each rather than make a third that takes
/// the mentions of both. A name whose remainder is no entity's own name stays whole ("US
/// Airways", "UK Independence Party", "BBC News"), and so does a body's branch in a place
/// ("BBC Scotland"). Maps each such name to its pair target.
fn prefixed_names(
    names: &[NameInfo<'_>],
    table: &Table<'_>,
    group_of: &[usize],
) -> FastMap<usize, Target> {
    let split = |name: &str| -> Option<usize> {
        let (head, rest) = name.split_once(' ')?;
        (!rest.is_empty() && is_known_abbreviation(head)).then_some(head.len())
    };
    // Few names have such a prefix: their parts are gathered first, then the groups are read
    // once for the ones that are an entity's own name.
    let candidates: Vec<(usize, usize)> = names
        .iter()
        .enumerate()
        .filter_map(|(i, x)| Some((i, split(&x.name)?)))
        .collect();
    if candidates.is_empty() {
        return FastMap::default();
    }
    let part = |i: usize, k: usize, head: bool| -> &str {
        let name = names[i].name.as_ref();
        if head {
            name.get(..k)
        } else {
            name.get(k + 1..)
        }
        .unwrap_or_default()
    };
    // The remainder must be an entity's own name: a shorter form folded into a longer name
    // ("Radio" of "Radio Times") is no entity of its own to split off. The abbreviation may be
    // any of its entity's names ("SNP" of the Scottish National Party).
    let rests: FastSet<&str> = candidates.iter().map(|&(i, k)| part(i, k, false)).collect();
    let own: FastMap<&str, usize> = table
        .groups
        .iter()
        .enumerate()
        .filter(|(_, g)| rests.contains(g.name.as_str()))
        .map(|(gi, g)| (g.name.as_str(), gi))
        .collect();
    let heads: FastSet<&str> = candidates.iter().map(|&(i, k)| part(i, k, true)).collect();
    let head_of: FastMap<&str, usize> = names
        .iter()
        .zip(group_of)
        .filter(|(x, _)| heads.contains(x.name.as_ref()))
        .map(|(x, &g)| (x.name.as_ref(), g))
        .collect();
    candidates
        .into_iter()
        .filter_map(|(i, k)| {
            let head = *head_of.get(part(i, k, true))?;
            let rest = *own.get(part(i, k, false))?;
            let branch = LEXICON.tags(part(i, k, true)).any(Tags::KNOWN_ORG)
                && table
                    .groups
                    .get(rest)
                    .is_some_and(|g| g.kind == Kind::Place);
            let at = u32::try_from(k + 1).ok()?;
            (!branch).then_some((i, Target::Pair { head, rest, at }))
        })
        .collect()
}

/// A short form the votes call another kind is still its person's when it has fewer than one
/// such vote for this many of its mentions, and the person's full name is written at least
/// once for this many of them.
const SHORT_FORM_RATIO: i64 = 4;

/// Inserts a pattern unless it is empty or a common word. A strong pattern (a name's own
/// form) replaces an earlier one; a weak one (a shorter form) only fills a gap.
fn add<'t>(table: &mut Table<'t>, pat: Cow<'t, str>, t: Target, strong: bool) {
    if pat.is_empty() || LEXICON.common.contains(pat.as_ref()) {
        return;
    }
    if strong {
        table.patterns.insert(pat, t);
    } else {
        table.patterns.entry(pat).or_insert(t);
    }
}

/// Every kept name's forms, then the colon parts.
fn add_patterns<'t>(
    names: &[NameInfo<'t>],
    table: &mut Table<'t>,
    group_of: &[usize],
    dropped: &[bool],
    prefixed: &FastMap<usize, Target>,
    colon_parts: &FastMap<&str, Vec<usize>>,
) {
    for (i, x) in names.iter().enumerate() {
        let g = group_of[i];
        if dropped.get(g).copied().unwrap_or(false) {
            continue;
        }
        if let Some(pair) = prefixed.get(&i) {
            add(table, x.name.clone(), pair.clone(), true);
            continue;
        }
        add(table, x.name.clone(), Target::One(g), true);
        for s in &x.surfaces {
            add(table, s.clone(), Target::One(g), true);
        }
    }
    for (part, ids) in colon_parts {
        if let Some(b) = best(names, ids) {
            add(
                table,
                Cow::Owned((*part).to_string()),
                Target::One(group_of[b]),
                false,
            );
        }
    }
}

/// The person short forms, in order: a first name only where the corpus uses it alone.
fn add_short_patterns(
    table: &mut Table<'_>,
    shorts: &FastMap<String, Vec<usize>>,
    alone: &FastSet<&str>,
    ev: &Evidence<'_>,
) {
    let mut short_list: Vec<(&String, &Vec<usize>)> = shorts.iter().collect();
    short_list.sort();
    // Each short form's target is worked out on its own, in parallel; they are added in order.
    let targets: Vec<Option<(&String, Target)>> = short_list
        .into_par_iter()
        .map(|(s, gs)| short_form_target(table, shorts, alone, ev, s, gs).map(|t| (s, t)))
        .collect();
    for (s, t) in targets.into_iter().flatten() {
        add(table, Cow::Owned(s.clone()), t, false);
    }
}

/// The target of the short form `s` that the people `gs` share, if it is one.
fn short_form_target(
    table: &Table<'_>,
    shorts: &FastMap<String, Vec<usize>>,
    alone: &FastSet<&str>,
    ev: &Evidence<'_>,
    s: &str,
    gs: &[usize],
) -> Option<Target> {
    let l = &*LEXICON;
    if is_gazetteer(s) && !l.first_names.contains(s) {
        return None;
    }
    // Whether `s` is the given name of group `g`: its first word, or the word after a
    // royal style.
    let given_of = |g: usize| {
        table
            .groups
            .get(g)
            .is_some_and(|x| regnal_given(&x.name) == Some(s) || opens_with(&x.name, s))
    };
    // A first name is only an alias when the corpus uses it alone somewhere.
    if gs.iter().all(|&g| given_of(g)) && !alone.contains(s) {
        return None;
    }
    // A known given name is shared by too many people to stand for one of them outside an
    // article that names them: alone, it is resolved in the article or not at all. A name
    // on no list ("Elvis", "Jamelia") may be one the person goes by everywhere.
    let listed = l.first_names.contains(s);
    // A surname the corpus writes more often as a common word ("Rock", "Best", "Flight")
    // is that person only where their article names them ("Mr Flight").
    let common = ev.cap_mid(s) < ev.lower(s);
    let people: Vec<Bearer> = gs
        .iter()
        .map(|&g| {
            let given = listed && given_of(g);
            Bearer {
                group: g,
                named_only: given || common,
                kin: if given {
                    kin(table, shorts, g)
                } else {
                    Vec::new()
                },
            }
        })
        .collect();
    Some(match people.as_slice() {
        [one] if !one.named_only => Target::One(one.group),
        _ => Target::Short(people),
    })
}

/// The others who share group `g`'s family name: those its surname may also stand for
/// ("Russo": Joe and Anthony Russo). A royal ("Prince Charles") has none.
fn kin(table: &Table<'_>, shorts: &FastMap<String, Vec<usize>>, g: usize) -> Vec<usize> {
    let surname = table
        .groups
        .get(g)
        .filter(|x| regnal_given(&x.name).is_none())
        .and_then(|x| {
            short_forms(&x.name)
                .into_iter()
                .find(|f| !opens_with(&x.name, f))
        });
    let Some(surname) = surname else {
        return Vec::new();
    };
    // Those the form names by surname, not by a given name ("Radwan Hadi" is no Radwan).
    let family: Vec<usize> = shorts
        .get(&surname)
        .into_iter()
        .flatten()
        .copied()
        .filter(|&x| {
            table
                .groups
                .get(x)
                .is_some_and(|p| regnal_given(&p.name).is_none() && !opens_with(&p.name, &surname))
        })
        .collect();
    // A surname borne by many people ("Jones", "Smith") is no family: naming one of them says
    // nothing about whom "Alan" is.
    if family.len() > FAMILY_MAX {
        return Vec::new();
    }
    family.into_iter().filter(|&x| x != g).collect()
}

/// The most people a surname may name and still be read as one family ("Joe and Anthony Russo",
/// "the Williams sisters").
const FAMILY_MAX: usize = 3;

/// Social handles ("@marvelstudios") of people and organizations with names of two words or
/// more.
fn handles(groups: &[Group]) -> Vec<(String, usize)> {
    groups
        .par_iter()
        .enumerate()
        .filter(|(_, grp)| {
            words(&grp.name).len() >= 2 && matches!(grp.kind, Kind::Person | Kind::Organization)
        })
        .map(|(g, grp)| {
            let handle: String = grp
                .name
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect();
            (format!("@{handle}"), g)
        })
        .collect()
}

/// Whether a person's name looks like given name + surname, so its parts may stand for it:
/// two or three capitalised words (particles and a suffix aside), none a place, nationality or
/// common word, starting with a known first name or with words never written in lowercase.
fn person_shaped(name: &str, ev: &Evidence<'_>) -> bool {
    let l = &*LEXICON;
    let ws: Vec<&str> = words(name)
        .into_iter()
        .filter(|w| !PARTICLES.contains(w) && !NAME_SUFFIXES.contains(&w.trim_end_matches('.')))
        .collect();
    // "Booker T", "Atlantic R": a name that ends in an initial is no given name and surname,
    // and its first word alone is no one's ("Atlantic" is the ocean).
    if !(2..=3).contains(&ws.len())
        || name.contains(':')
        || ws.last().is_some_and(|w| w.chars().count() < 2)
    {
        return false;
    }
    let plain = ws.iter().all(|w| {
        w.chars().next().is_some_and(char::is_uppercase)
            && w.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'' || c == '’')
            && !l.places.contains(w)
            && !l.demonyms.contains(w)
            && !l.common.contains(w)
            && !l.known_orgs.contains(w)
    });
    plain
        && ws
            .first()
            .is_some_and(|f| l.first_names.contains(f) || ws.iter().all(|w| ev.lower(w) == 0))
}

/// Whether `word` is the first word of `name` ("Joe" of "Joe Russo", not of "Joey Barton").
fn opens_with(name: &str, word: &str) -> bool {
    name.strip_prefix(word)
        .is_some_and(|rest| rest.starts_with(' '))
}

/// The given name of a royal's name ("Charles" of "Prince Charles"): a known first name after
/// a royal or papal style. It stands for them where their article names them, like any given
/// name.
fn regnal_given(name: &str) -> Option<&str> {
    let (style, given) = name.split_once(' ')?;
    (REGNAL_STYLES.contains(&style) && LEXICON.first_names.contains(given)).then_some(given)
}

/// The short forms of a person's full name: first name and surname (with its particle).
fn short_forms(name: &str) -> Vec<String> {
    let mut ws = words(name);
    while ws.len() > 2
        && ws
            .last()
            .is_some_and(|w| NAME_SUFFIXES.contains(&w.trim_end_matches(['.', ','])))
    {
        ws.pop();
    }
    if ws.len() < 2
        || ws
            .iter()
            .any(|w| w.chars().next().is_some_and(char::is_lowercase) && !PARTICLES.contains(w))
    {
        return Vec::new();
    }
    let mut out = Vec::new();
    if let Some(f) = ws.first() {
        if f.chars().count() > 1 {
            out.push((*f).to_string());
        }
    }
    let n = ws.len();
    let surname = if n >= 3 && ws.get(n - 2).is_some_and(|p| PARTICLES.contains(p)) {
        ws[n - 2..].join(" ")
    } else {
        ws[n - 1].to_string()
    };
    if surname.chars().count() > 1 {
        out.push(surname);
    }
    out
}
