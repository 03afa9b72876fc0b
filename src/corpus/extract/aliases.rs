//! Corpus-wide alias resolution: folds candidate names into entities (misspellings, organization
//! stems, colon parts, prefixes, acronyms, surnames and first names, handles) and produces the
//! surface patterns the mention pass looks for. Works on names only, never on article text.

use std::borrow::Cow;

use rayon::prelude::*;

use super::candidates::{Occurrence, Votes, is_gazetteer};
use super::evidence::Evidence;
use super::fasthash::{FastMap, FastSet};
use super::kinds;
use super::lexicon::{LEXICON, NAME_SUFFIXES, PARTICLES};
use super::tokens::is_all_caps;
use crate::corpus::model::Kind;

/// What a surface pattern stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One entity.
    One(usize),
    /// A short form shared by several people: resolved per article.
    Short(Vec<usize>),
}

/// An entity before mentions are found: its name, kind and the forms that were seen.
#[derive(Debug, Clone, PartialEq)]
pub struct Group {
    /// Canonical name (the fullest form).
    pub name: String,
    /// Kind.
    pub kind: Kind,
    /// How often its members occurred as candidates (for tie-breaking).
    pub weight: u32,
}

/// Surface pattern -> target, for the mention pass.
pub type Patterns<'t> = FastMap<Cow<'t, str>, Target>;

/// The resolved groups and the patterns that find their mentions. Patterns taken from the
/// names borrow the articles' text (`'t`): at 100,000 articles there are 400,000 of them.
#[derive(Debug, Default)]
pub struct Table<'t> {
    /// Entities, by index.
    pub groups: Vec<Group>,
    /// Surface pattern -> target, for the mention pass.
    pub patterns: Patterns<'t>,
}

/// A distinct candidate name with its totals, borrowing the articles' text where the name is
/// written as it reads (nearly always).
#[derive(Debug, Clone, Default)]
pub struct NameInfo<'t> {
    /// The name.
    pub name: Cow<'t, str>,
    /// The other surface forms written for it ("[Christopher] Markus"), sorted, without
    /// repeats, and without the name itself: nearly every name has no other form, and an empty
    /// vector costs no allocation for the million names of a large corpus.
    pub surfaces: Vec<Cow<'t, str>>,
    /// Occurrences.
    pub count: u32,
    /// Summed context votes.
    pub votes: Votes,
}

/// Candidate names totalled per distinct name, in first-seen order. Each worker tallies its
/// run of articles and the tallies merge in corpus order, so the order (which breaks ties
/// later) is the same as one pass over the corpus, and no article's candidates are kept.
///
/// Names and forms are borrowed from the text rather than copied: copies were most of the
/// tallies' memory, which peaked with one tally per worker before they merged.
#[derive(Debug, Default)]
pub struct Tally<'t> {
    index: FastMap<Cow<'t, str>, usize>,
    names: Vec<NameInfo<'t>>,
}

impl<'t> Tally<'t> {
    /// Counts one candidate occurrence.
    pub fn add(&mut self, occ: &Occurrence<'t>) {
        let i = self.slot(&occ.name);
        if let Some(n) = self.names.get_mut(i) {
            n.count += 1;
            add_surface(n, &occ.surface);
            for (a, b) in n.votes.iter_mut().zip(occ.votes.iter()) {
                *a += b;
            }
        }
    }

    /// Appends `later`'s totals, as if its articles had been counted after these.
    #[must_use]
    pub fn merge(mut self, later: Tally<'t>) -> Tally<'t> {
        if self.names.is_empty() {
            return later;
        }
        for x in later.names {
            match self.index.get(x.name.as_ref()).copied() {
                Some(i) => {
                    if let Some(n) = self.names.get_mut(i) {
                        n.count += x.count;
                        for s in &x.surfaces {
                            add_surface(n, s);
                        }
                        for (a, b) in n.votes.iter_mut().zip(x.votes.iter()) {
                            *a += b;
                        }
                    }
                }
                // New here: moved over whole, forms and all.
                None => {
                    self.index.insert(x.name.clone(), self.names.len());
                    self.names.push(x);
                }
            }
        }
        self
    }

    /// The distinct names, in first-seen order.
    #[must_use]
    pub fn into_names(self) -> Vec<NameInfo<'t>> {
        self.names
    }

    /// The index of `name`, added with zero totals when new.
    // A `&Cow`, not a `&str`: cloning the `Cow` keeps a name borrowed from the text borrowed.
    #[allow(clippy::ptr_arg)]
    fn slot(&mut self, name: &Cow<'t, str>) -> usize {
        if let Some(&i) = self.index.get(name.as_ref()) {
            return i;
        }
        let i = self.names.len();
        self.names.push(NameInfo {
            name: name.clone(),
            ..NameInfo::default()
        });
        self.index.insert(name.clone(), i);
        i
    }
}

/// Adds a surface form to a name's other forms unless it is the name or there already.
// A `&Cow` for the same reason as `Tally::slot`.
#[allow(clippy::ptr_arg)]
fn add_surface<'t>(n: &mut NameInfo<'t>, s: &Cow<'t, str>) {
    if n.name == *s {
        return;
    }
    if let Err(at) = n.surfaces.binary_search_by(|x| x.as_ref().cmp(s.as_ref())) {
        n.surfaces.insert(at, s.clone());
    }
}

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

/// The words of a name: split on spaces, empty parts skipped.
fn word_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(' ').filter(|w| !w.is_empty())
}

fn words(s: &str) -> Vec<&str> {
    word_iter(s).collect()
}

/// Picks the most frequent of several candidate names (then the first seen).
fn best(names: &[NameInfo<'_>], ids: &[usize]) -> Option<usize> {
    ids.iter()
        .copied()
        .max_by_key(|&i| (names.get(i).map_or(0, |n| n.count), std::cmp::Reverse(i)))
}

/// The acronym of a multi-word name: initials of its capitalised words ("MCU").
fn initials(name: &str) -> Option<String> {
    let ws = words(name);
    if ws.len() < 2 {
        return None;
    }
    let s: String = ws
        .iter()
        .filter_map(|w| w.chars().next().filter(|c| c.is_uppercase()))
        .collect();
    (s.chars().count() >= 2).then_some(s)
}

/// Builds the alias table from the distinct candidate names.
#[must_use]
#[allow(clippy::too_many_lines)]
pub fn resolve<'t>(names: &[NameInfo<'t>], ev: &Evidence<'_>) -> Table<'t> {
    let l = &*LEXICON;
    let n = names.len();
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
    let mut uf = Uf {
        parent: (0..n).collect(),
    };

    // Likely misspellings: same words but one, that one nearly equal ("Rudhrasksh").
    // Split once: a bucket compares each of its names with every other.
    let split: Vec<Vec<&str>> = names.par_iter().map(|x| words(&x.name)).collect();
    let mut buckets: FastMap<(usize, &str), Vec<usize>> = FastMap::default();
    for (i, ws) in split.iter().enumerate() {
        if ws.len() >= 2 {
            if let (Some(f), Some(la)) = (ws.first(), ws.last()) {
                buckets.entry((ws.len(), la)).or_default().push(i);
                buckets.entry((ws.len() + 100, f)).or_default().push(i);
            }
        }
    }
    // The pairs are found in parallel (the comparisons are the cost: up to 45,000 per bucket)
    // and joined in bucket order, so the groups are the same as one pass would make.
    let sized: Vec<&Vec<usize>> = buckets
        .values()
        .filter(|v| v.len() >= 2 && v.len() <= 300)
        .collect();
    let pairs: Vec<Vec<(usize, usize)>> = sized
        .par_iter()
        .map(|ids| {
            let mut found = Vec::new();
            for (a_pos, &a) in ids.iter().enumerate() {
                for &b in ids.iter().skip(a_pos + 1) {
                    if misspelt_words(&split[a], &split[b]) {
                        found.push((a, b));
                    }
                }
            }
            found
        })
        .collect();
    // The tables behind the pairs are the largest of this function: freed before the next.
    drop(sized);
    drop(buckets);
    drop(split);
    for (a, b) in pairs.into_iter().flatten() {
        let (small, big) = if names[a].count > names[b].count {
            (b, a)
        } else {
            (a, b)
        };
        uf.join(small, big);
    }

    // Organization stems ("Marvel" of "Marvel Studios"), colon parts ("Endgame" of
    // "Avengers: Endgame") and word prefixes ("Marvel Cinematic" of "Marvel Cinematic Universe").
    let mut stems: FastMap<String, Vec<usize>> = FastMap::default();
    let mut colon_parts: FastMap<String, Vec<usize>> = FastMap::default();
    let mut prefixes: FastMap<String, Vec<usize>> = FastMap::default();
    let mut acronyms: FastMap<String, Vec<usize>> = FastMap::default();
    // Surnames of people with a known first name: "Kennedy" stays Charles Kennedy's even
    // when a "Kennedy Center" is mentioned too.
    let surnames: FastSet<&str> = names
        .iter()
        .filter_map(|x| match words(&x.name).as_slice() {
            [f, s] if l.first_names.contains(f) => Some(*s),
            _ => None,
        })
        .collect();
    for (i, x) in names.iter().enumerate() {
        let ws = words(&x.name);
        if ws.len() >= 2 {
            if let Some(last) = ws.last() {
                if l.org_suffixes.contains(last) && kinds.get(i) == Some(&Kind::Organization) {
                    let stem = ws[..ws.len() - 1].join(" ");
                    let s = stem.as_str();
                    // "EU" of "EU Commission", "BBC" of "BBC News": a known acronym is its own
                    // body; "United" of "United Bank" is itself only a suffix.
                    let own_body = l.known_orgs.contains(s) && is_all_caps(s);
                    if !l.places.contains(s)
                        && !own_body
                        && !l.org_suffixes.contains(s)
                        && !surnames.contains(s)
                        && !l.common.contains(s)
                        && !l.demonyms.contains(s)
                        && ev.lower(s) <= ev.cap_mid(s)
                    {
                        stems.entry(stem).or_default().push(i);
                    }
                }
            }
            // People are not known by initials here ("GM" is no George Michael).
            let personal = ws.first().is_some_and(|f| l.first_names.contains(f));
            if !personal {
                if let Some(acr) = initials(&x.name) {
                    acronyms.entry(acr).or_default().push(i);
                }
            }
        }
        if let Some((_, right)) = x.name.split_once(": ") {
            let right = right.trim();
            if !right.is_empty() && !l.common.contains(right) {
                colon_parts.entry(right.to_string()).or_default().push(i);
            }
        }
        if ws.len() >= 3 && !x.name.contains(':') && kinds.get(i) != Some(&Kind::Person) {
            for k in 2..ws.len() {
                prefixes.entry(ws[..k].join(" ")).or_default().push(i);
            }
        }
    }
    for (i, x) in names.iter().enumerate() {
        let key = x.name.as_ref();
        let pick = |ids: Option<&Vec<usize>>| ids.and_then(|ids| best(names, ids));
        let bare: String = key.chars().filter(|c| *c != '.').collect();
        let acronym = bare.chars().all(char::is_uppercase) && bare.chars().count() >= 2;
        let target = pick(stems.get(key))
            .or_else(|| pick(colon_parts.get(key)))
            // A prefix is a shortened full name only if it is not a name in its own right
            // (used more than the full name, or a known place).
            .or_else(|| {
                pick(prefixes.get(key)).filter(|&t| {
                    !is_gazetteer(key) && names.get(t).is_some_and(|f| f.count >= x.count)
                })
            })
            // Two-letter acronyms are too ambiguous except for places ("US", "UK").
            .or_else(|| {
                pick(acronyms.get(&bare).filter(|_| acronym))
                    .filter(|&t| bare.chars().count() >= 3 || kinds.get(t) == Some(&Kind::Place))
            });
        if let Some(t) = target {
            if t != i {
                uf.join(i, t);
            }
        }
    }

    drop((stems, prefixes, acronyms, surnames, kinds));

    // Groups so far, with canonical names and kinds.
    let mut members: FastMap<usize, Vec<usize>> = FastMap::default();
    for i in 0..n {
        let r = uf.find(i);
        members.entry(r).or_default().push(i);
    }
    let mut roots: Vec<usize> = members.keys().copied().collect();
    roots.sort_unstable();
    let mut table = Table::default();
    let mut group_of: Vec<usize> = vec![usize::MAX; n];
    // Each group's canonical name, weight and kind, decided in parallel (kinds are the costly
    // part), then numbered in root order.
    let decided: Vec<(&[usize], Group)> = roots
        .par_iter()
        .map(|r| {
            let ms: &[usize] = members.get(r).map_or(&[], Vec::as_slice);
            let canon = ms
                .iter()
                .copied()
                .max_by_key(|&i| {
                    let words = word_iter(&names[i].name).count();
                    (words, names[i].count, std::cmp::Reverse(i))
                })
                .unwrap_or(*r);
            let mut votes: Votes = [0; 5];
            let mut weight = 0;
            for &m in ms {
                weight += names[m].count;
                for (a, b) in votes.iter_mut().zip(names[m].votes.iter()) {
                    *a += b;
                }
            }
            let name = names[canon].name.clone().into_owned();
            let kind = kinds::decide(&name, &votes, &lower);
            (ms, Group { name, kind, weight })
        })
        .collect();
    for (ms, group) in decided {
        let g = table.groups.len();
        table.groups.push(group);
        for &m in ms {
            group_of[m] = g;
        }
    }
    drop((members, roots, uf));

    // Person short forms: first names and surnames fold into the full name.
    let mut shorts: FastMap<String, Vec<usize>> = FastMap::default();
    for (g, grp) in table.groups.iter().enumerate() {
        if grp.kind != Kind::Person || !person_shaped(&grp.name, ev) {
            continue;
        }
        for s in short_forms(&grp.name) {
            shorts.entry(s).or_default().push(g);
        }
    }
    let mut dropped = vec![false; table.groups.len()];
    for (i, x) in names.iter().enumerate() {
        // "the Russos": a family named by a known surname is left to its members.
        let family = x
            .name
            .strip_suffix('s')
            .is_some_and(|stem| shorts.contains_key(stem) && !x.name.contains(' '));
        if family {
            if let Some(d) = dropped.get_mut(group_of[i]) {
                *d = true;
            }
            continue;
        }
        if !shorts.contains_key(x.name.as_ref()) {
            continue;
        }
        // A word the corpus itself calls a work or place ("Ciudad, a graphic novel") stays.
        let v = &x.votes;
        let other = v.iter().sum::<i32>() - v[0];
        if other >= 2 && other > v[0] {
            continue;
        }
        let own = group_of[i];
        if words(&x.name).len() != 1
            || l.places.contains(x.name.as_ref())
            || l.known_orgs.contains(x.name.as_ref())
        {
            continue;
        }
        // Only a name that is nothing but this short form (a one-member group) is folded.
        if table.groups.get(own).is_some_and(|g| g.name != x.name) {
            continue;
        }
        if let Some(d) = dropped.get_mut(own) {
            *d = true;
        }
    }

    // Patterns: every member's surfaces, colon parts, stems, short forms and handles.
    let add = |pat: Cow<'t, str>, t: Target, strong: bool, table: &mut Table<'t>| {
        if pat.is_empty() || l.common.contains(pat.as_ref()) {
            return;
        }
        if strong {
            table.patterns.insert(pat, t);
        } else {
            table.patterns.entry(pat).or_insert(t);
        }
    };
    for (i, x) in names.iter().enumerate() {
        let g = group_of[i];
        if dropped.get(g).copied().unwrap_or(false) {
            continue;
        }
        add(x.name.clone(), Target::One(g), true, &mut table);
        for s in &x.surfaces {
            add(s.clone(), Target::One(g), true, &mut table);
        }
    }
    for (part, ids) in &colon_parts {
        if let Some(b) = best(names, ids) {
            add(
                Cow::Owned(part.clone()),
                Target::One(group_of[b]),
                false,
                &mut table,
            );
        }
    }
    let names_seen: FastSet<&str> = names.iter().map(|x| x.name.as_ref()).collect();
    let mut short_list: Vec<(&String, &Vec<usize>)> = shorts.iter().collect();
    short_list.sort();
    for (s, gs) in short_list {
        if is_gazetteer(s) && !l.first_names.contains(s.as_str()) {
            continue;
        }
        let is_first = gs.iter().all(|&g| {
            table
                .groups
                .get(g)
                .is_some_and(|x| x.name.starts_with(&format!("{s} ")))
        });
        // A first name is only an alias when the corpus uses it alone somewhere.
        if is_first && !names_seen.contains(s.as_str()) {
            continue;
        }
        let t = if gs.len() == 1 {
            Target::One(gs[0])
        } else {
            Target::Short(gs.clone())
        };
        add(Cow::Owned(s.clone()), t, false, &mut table);
    }
    let handles: Vec<(String, usize)> = table
        .groups
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
        .collect();
    for (h, g) in handles {
        add(Cow::Owned(h), Target::One(g), false, &mut table);
    }
    table
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
    if !(2..=3).contains(&ws.len()) || name.contains(':') {
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

/// Whether two names of the same length differ only by a slight misspelling of one word.
/// (The names come split into words, so a bucket's pairs allocate nothing.)
fn misspelt_words(wa: &[&str], wb: &[&str]) -> bool {
    if wa.len() != wb.len() {
        return false;
    }
    let mut diff = wa.iter().zip(wb.iter()).filter(|(x, y)| x != y);
    let (Some((x, y)), None) = (diff.next(), diff.next()) else {
        return false;
    };
    let (lx, ly) = (x.chars().count(), y.chars().count());
    let (short, long) = (lx.min(ly), lx.max(ly));
    // The edit distance is at least the difference in length, so that difference alone
    // refuses most pairs before the costly measure (the same formula, so the same answers).
    #[allow(clippy::cast_precision_loss)]
    let may_be_close = 1.0 - ((long - short) as f64) / (long as f64) >= SAME_WORD;
    short >= 6
        && may_be_close
        && x.chars().next() == y.chars().next()
        && strsim::normalized_damerau_levenshtein(x, y) >= SAME_WORD
}

/// How alike two words must be to be one word misspelt (normalized Damerau-Levenshtein).
const SAME_WORD: f64 = 0.85;

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule as it was before the length bound: the measure alone.
    fn by_measure_alone(x: &str, y: &str) -> bool {
        x.chars().count().min(y.chars().count()) >= 6
            && x.chars().next() == y.chars().next()
            && strsim::normalized_damerau_levenshtein(x, y) >= SAME_WORD
    }

    #[test]
    fn the_length_bound_never_changes_which_words_count_as_misspelt() {
        // Lengths 5 to 15 around one stem, with swaps, drops and additions, and accents (the
        // measure counts characters, not bytes).
        let words = [
            "Rudhraksh",
            "Rudhrasksh",
            "Rudhrakshh",
            "Rudhrak",
            "Rudhraksha",
            "Rudhrakshaaa",
            "Rudhrakshabcde",
            "Rudhrakshabcd",
            "Rudhrakshabcdef",
            "Rduhraksh",
            "Ruhdraksh",
            "Jaiswal",
            "Jaiswall",
            "Jaiswalabc",
            "Jaisw",
            "Zoëlle",
            "Zoelle",
            "Zoëllette",
            "Rudhrakšh",
        ];
        let mut misspelt = 0;
        for x in words {
            for y in words {
                let fast = misspelt_words(&["Anna", x], &["Anna", y]);
                assert_eq!(fast, x != y && by_measure_alone(x, y), "{x} / {y}");
                misspelt += usize::from(fast);
            }
        }
        // Some pairs are misspellings, so the comparison is not between two refusals.
        assert!(misspelt >= 10, "{misspelt}");
    }
}
