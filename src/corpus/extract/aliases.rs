//! Corpus-wide alias resolution: folds candidate names into entities (misspellings, case
//! variants, organization stems, colon parts, prefixes, acronyms, surnames and first names,
//! handles) and produces the surface patterns the mention pass looks for. Works on names only,
//! never on article text.

mod clipped;
mod fold;
mod initials;
mod resolve;
mod variants;

use std::borrow::Cow;

use super::candidates::{Occurrence, Votes};
use super::fasthash::FastMap;
use crate::corpus::model::Kind;

pub(crate) use fold::initials;
pub use resolve::resolve;

/// What a surface pattern stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// One entity.
    One(usize),
    /// A person's short form: resolved per article among the people it may stand for.
    Short(Vec<Bearer>),
    /// Two entities written as one run ("US Treasury", "BBC Radio 4"): `head`'s name ends one
    /// space before byte `at` of the pattern, where `rest`'s name starts.
    Pair {
        /// The entity named first (a country's or a body's abbreviation).
        head: usize,
        /// The entity named after it.
        rest: usize,
        /// Where the second name starts in the pattern.
        at: u32,
    },
}

/// One of the people a short form may stand for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bearer {
    /// The person's group.
    pub group: usize,
    /// False when the form is the person's surname, which may also stand for its best-known
    /// bearer in an article that names no one of it ("Blair"). True when it stands for them
    /// only in an article that names them: their known given name ("Charles" of "Prince
    /// Charles" is not Charles Kennedy), or a surname the corpus writes more often as a common
    /// word ("Mr Flight", but not "Flight into Danger").
    pub named_only: bool,
    /// For a given name, the others of the person's family name, whom the article may name
    /// instead ("Joe and Anthony Russo"). Nearly always empty, so it costs no allocation.
    pub kin: Vec<usize>,
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
