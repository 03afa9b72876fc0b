//! A person named by an initial and a surname, as team line-ups and citations name players and
//! authors ("B Quennell", "D. Arkwright"), is the one person the corpus names in full with a
//! first name of that initial and the same surname.

use super::NameInfo;
use crate::corpus::extract::fasthash::FastMap;
use crate::corpus::extract::kinds::{is_initial, two_words};
use crate::corpus::model::Kind;

/// Each person named by an initial and one surname, with the people of two-word full names
/// that it may stand for, in name order. Whether those are one person is for the caller,
/// who knows which names are already joined.
pub(super) fn initial_forms(names: &[NameInfo<'_>], kinds: &[Kind]) -> Vec<(usize, Vec<usize>)> {
    let person = |i: usize| kinds.get(i) == Some(&Kind::Person);
    let mut full: FastMap<(char, &str), Vec<usize>> = FastMap::default();
    for (i, n) in names.iter().enumerate() {
        let Some((first, surname)) = two_words(&n.name) else {
            continue;
        };
        // A first name written in full: a capital, then lowercase letters only.
        let mut chars = first.chars();
        if let Some(c) = chars.next().filter(|c| c.is_uppercase()) {
            if !chars.as_str().is_empty() && chars.all(char::is_lowercase) && person(i) {
                full.entry((c, surname)).or_default().push(i);
            }
        }
    }
    names
        .iter()
        .enumerate()
        .filter(|&(i, _)| person(i))
        .filter_map(|(i, n)| {
            let (first, surname) = two_words(&n.name)?;
            if !is_initial(first) {
                return None;
            }
            let c = first.chars().next()?;
            full.get(&(c, surname)).map(|f| (i, f.clone()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::borrow::Cow;

    use super::*;

    fn info(name: &'static str) -> NameInfo<'static> {
        NameInfo {
            name: Cow::Borrowed(name),
            surfaces: Vec::new(),
            count: 1,
            votes: [0; 5],
        }
    }

    #[test]
    fn an_initial_finds_the_full_names_it_may_stand_for() {
        let names = [
            "B Quennell",
            "Bram Quennell",
            "D. Arkwright",
            "Dora Arkwright",
            "Dan Arkwright",
            "K Lomax",
            "Kit Lomax",
            "T Varne",
            "Tess Varne Holt",
            "T Varne Holt",
            "Q Magazine",
            "Quinta Magazine",
            "BB Quennell",
        ]
        .map(info);
        let mut kinds = vec![Kind::Person; names.len()];
        // Not a person: no one to join.
        kinds[6] = Kind::Organization;
        kinds[10] = Kind::Organization;
        assert_eq!(
            initial_forms(&names, &kinds),
            vec![(0, vec![1]), (2, vec![3, 4])],
            "initials of people, and two-word full names of people, with the initial's letter and \
             the same surname"
        );
    }
}
