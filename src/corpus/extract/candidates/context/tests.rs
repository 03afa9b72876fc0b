//! The context votes, read straight off the candidates of sentences written for each cue.

use crate::corpus::extract::candidates::{Votes, candidates, kix};
use crate::corpus::extract::evidence::Evidence;
use crate::corpus::extract::tokens::tokenize_into;
use crate::corpus::model::Kind;

/// The votes the first occurrence of `name` in `text` gets.
fn votes(text: &str, name: &str) -> Votes {
    let docs = [(text, 0)];
    let ev = Evidence::of_corpus(&docs, &|| {});
    let mut toks = Vec::new();
    tokenize_into(text, 0, &mut toks);
    candidates(text, &toks, &ev)
        .into_iter()
        .find(|o| o.name == name)
        .map(|o| o.votes)
        .unwrap_or_else(|| panic!("no candidate {name:?} in {text:?}"))
}

fn person(v: Votes) -> i32 {
    v[kix(Kind::Person)]
}

fn org(v: Votes) -> i32 {
    v[kix(Kind::Organization)]
}

#[test]
fn a_post_of_a_name_makes_the_name_a_body() {
    let v = votes(
        "Ada Pennick, general secretary of Brindle Ashcombe, spoke on Monday.",
        "Brindle Ashcombe",
    );
    assert!(org(v) > 0 && person(v) == 0, "{v:?}");
    // Before the name itself, the post is the person's.
    let v = votes(
        "The club chairman Ada Pennick spoke on Monday.",
        "Ada Pennick",
    );
    assert!(person(v) > 0 && org(v) == 0, "{v:?}");
    // Family is no post: the son of someone is someone's.
    let v = votes("He is the son of Corla Venn, the painter.", "Corla Venn");
    assert!(person(v) > 0 && org(v) == 0, "{v:?}");
    // A post in what the name owns is no post of the name.
    let v = votes(
        "He became chief executive of Corla Venn's record label.",
        "Corla Venn",
    );
    assert!(person(v) > 0 && org(v) == 0, "{v:?}");
}

#[test]
fn the_speaker_after_the_is_a_body() {
    let v = votes(
        "Fares rose, but the Tollbridge Assembly has insisted they will fall.",
        "Tollbridge Assembly",
    );
    assert!(org(v) > 0 && person(v) == 0, "{v:?}");
    let v = votes(
        "Fares rose, and Tollbridge Assembly has insisted they will fall.",
        "Tollbridge Assembly",
    );
    assert!(person(v) > 0 && org(v) == 0, "without \"the\": {v:?}");
}

#[test]
fn a_verb_past_another_noun_is_that_nouns() {
    // The trials spoke, and the singer: not the name before them.
    let v = votes(
        "Coaches said the Brackwater Indoor trials told them nothing new.",
        "Brackwater Indoor",
    );
    assert_eq!((person(v), org(v)), (0, 0), "{v:?}");
    let v = votes(
        "Later the Yarrow Blue singer told reporters it was over.",
        "Yarrow Blue",
    );
    assert_eq!(person(v), 0, "{v:?}");
}

#[test]
fn initials_in_brackets_after_a_name_mark_a_body() {
    let v = votes(
        "A study by the Royal Society of Pipers (RSP) found fewer players.",
        "Royal Society of Pipers",
    );
    assert!(org(v) > 0 && person(v) == 0, "{v:?}");
    // A country's code after a player spells nothing of the name.
    let v = votes(
        "Seeds: 4 Dana Hollis (US), 5 Mira Quent (SA).",
        "Dana Hollis",
    );
    assert_eq!(org(v), 0, "{v:?}");
    // A senator's party is one letter: it spells part of a name, or all of a short one.
    let text = "Senator Dana Hollis (D) and Senator Dorn (D) voted against it.";
    assert_eq!(org(votes(text, "Dana Hollis")), 0);
    assert_eq!(org(votes(text, "Dorn")), 0);
}

#[test]
fn a_union_named_after_the_word_is_a_body() {
    let v = votes(
        "Members of the biggest union Pellmark will ballot next week.",
        "Pellmark",
    );
    assert!(org(v) > 0, "{v:?}");
}

#[test]
fn a_work_the_name_owns_is_not_the_name() {
    let v = votes(
        "Critics praised Pella Drummond's film about the strike.",
        "Pella Drummond",
    );
    assert_eq!(v[kix(Kind::Work)], 0, "{v:?}");
    // Without the possessive, the cue names the name.
    let v = votes(
        "Critics praised the Harbour Nights film about the strike.",
        "Harbour Nights",
    );
    assert!(v[kix(Kind::Work)] > 0, "{v:?}");
}

#[test]
fn a_band_and_its_members_are_told_apart() {
    let v = votes("The rock band Vellum Sparrows sold out.", "Vellum Sparrows");
    assert!(org(v) > 0, "{v:?}");
    let v = votes(
        "Fans say the Vellum Sparrows frontman left.",
        "Vellum Sparrows",
    );
    assert!(org(v) > 0, "{v:?}");
    let v = votes(
        "The band members Oren Talbot and Mika Sand wrote it.",
        "Oren Talbot",
    );
    assert!(person(v) > 0 && org(v) == 0, "{v:?}");
    let v = votes(
        "She was once a member of Vellum Sparrows.",
        "Vellum Sparrows",
    );
    assert!(org(v) > 0 && person(v) == 0, "{v:?}");
}

#[test]
fn a_name_after_a_preposition_is_not_the_speaker() {
    let v = votes(
        "Dora Pell, who runs a dance school in Tarrow Vale, admitted it was hard.",
        "Tarrow Vale",
    );
    assert_eq!(person(v), 0, "{v:?}");
    let v = votes(
        "One analyst at Brackley Securities said shares would fall.",
        "Brackley Securities",
    );
    assert_eq!(person(v), 0, "{v:?}");
    // A relative clause may still speak of it.
    let v = votes(
        "The race was won by Oren Talbot, who led from the start.",
        "Oren Talbot",
    );
    assert!(person(v) > 0, "{v:?}");
    // Without the preposition, the name speaks.
    let v = votes(
        "Shares fell, and Brackley Securities said more would go.",
        "Brackley Securities",
    );
    assert!(person(v) > 0, "{v:?}");
}
