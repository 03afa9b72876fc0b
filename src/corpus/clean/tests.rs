//! Unit tests of the whole cleaner on short scraped-style pages written for these tests.

use super::*;

fn body(s: &str) -> Cleaned {
    clean(&Draft {
        body: s.to_string(),
        ..Draft::default()
    })
}

fn paras(c: &Cleaned) -> Vec<&str> {
    c.text.split("\n\n").collect()
}

const PAGE: &str = "\
search menu share close

Filed under:

Harbour Town Votes To Close Its Ferry After Ninety Years

The council says the old boat now costs more than the town can pay

Some links here are affiliate links; we may earn a commission.

The ferry crossing in its last week. Photo: Ana Ruiz/Daily Lamp
Ana Ruiz is a staff photographer and writer at the Daily Lamp, covering the coast.

The small ferry that has crossed the bay every morning since 1931 will stop in June, after \
the council voted six to three against paying for a new hull.

RELATED: Ten Harbours Worth A Weekend Visit

Skippers said they would keep a smaller boat for emergencies. \"We will not leave the island \
alone,\" one of them said.

Sign up for our weekly coast newsletter!

The next crossword is ready for you.
";

#[test]
fn scraped_page_keeps_headline_dek_prose_and_captions_only() {
    let c = body(PAGE);
    assert_eq!(
        c.title,
        "Harbour Town Votes To Close Its Ferry After Ninety Years"
    );
    assert_eq!(c.lead, 2);
    let p = paras(&c);
    assert_eq!(p[0], c.title);
    assert!(p[1].starts_with("The council says"));
    assert_eq!(
        p[2],
        "The ferry crossing in its last week. Photo: Ana Ruiz/Daily Lamp"
    );
    assert!(p[3].starts_with("The small ferry"));
    assert!(p[4].starts_with("Skippers said"));
    assert_eq!(p.len(), 5, "{p:#?}");
}

#[test]
fn date_widget_is_read_and_dropped_and_title_falls_back_to_prose() {
    let c = body(
        " date 2021-09-14 ✖\n\nThe mill reopened last week after a long repair. Workers came back.\n",
    );
    assert_eq!(c.date.as_deref(), Some("2021-09-14"));
    assert_eq!(c.title, "The mill reopened last week after a long repair");
    assert_eq!(c.lead, 0);
    assert!(c.text.starts_with("The mill reopened"));
    assert!(!c.text.contains("2021"));
}

#[test]
fn truncated_teaser_repeating_the_next_paragraph_is_dropped() {
    let c = body(
        "Mill Reopens\n\nThe old paper mill by the river opened its doors again on [...]\n\n\
         The old paper mill by the river opened its doors again on Monday morning.\n",
    );
    assert_eq!(
        paras(&c),
        [
            "Mill Reopens",
            "The old paper mill by the river opened its doors again on Monday morning."
        ]
    );
}

#[test]
fn metadata_title_is_used_once() {
    let dup = clean(&Draft {
        title: Some("Mill Reopens | River Post".into()),
        body: "Mill Reopens\n\nWork resumed on Monday.".into(),
        ..Draft::default()
    });
    assert_eq!(dup.title, "Mill Reopens");
    assert_eq!(paras(&dup), ["Mill Reopens", "Work resumed on Monday."]);
    let missing = clean(&Draft {
        title: Some("Mill Reopens".into()),
        date: Some("March 3, 2022".into()),
        body: "Work resumed on Monday.".into(),
        ..Draft::default()
    });
    assert_eq!(missing.date.as_deref(), Some("2022-03-03"));
    assert_eq!(missing.lead, 1);
    assert_eq!(paras(&missing), ["Mill Reopens", "Work resumed on Monday."]);
}

#[test]
fn plain_news_text_is_untouched() {
    let text = "Rail fares rise again\n\nFares will rise by 3% in March, the operators said.\n\n\
                Passenger groups said:\n\n- the rise is too steep\n- service has not improved\n\n\
                No.\n";
    let c = body(text);
    assert_eq!(c.title, "Rail fares rise again");
    assert_eq!(c.lead, 1);
    assert_eq!(
        paras(&c),
        [
            "Rail fares rise again",
            "Fares will rise by 3% in March, the operators said.",
            "Passenger groups said:",
            "- the rise is too steep\n- service has not improved",
            "No."
        ]
    );
}

#[test]
fn kicker_above_headline_is_dropped() {
    let c = body("Travel\n\nHarbour Town Votes To Close Its Ferry\n\nIt sailed for ninety years.");
    assert_eq!(c.title, "Harbour Town Votes To Close Its Ferry");
    assert_eq!(
        paras(&c),
        [
            "Harbour Town Votes To Close Its Ferry",
            "It sailed for ninety years."
        ]
    );
}

#[test]
fn empty_and_chrome_only_bodies_do_not_panic() {
    assert_eq!(body(""), Cleaned::default());
    let c = body("menu search\n\n✖\n");
    assert_eq!(c.text, "");
    assert_eq!(c.lead, 0);
}

#[test]
fn paragraphs_are_separated_by_exactly_one_blank_line() {
    let c = body("Title Here\n\n\n\n  First para.  \n\n\n\nSecond para.\n\n");
    assert!(!c.text.contains("\n\n\n"));
    assert!(!c.text.starts_with('\n') && !c.text.ends_with('\n'));
    assert_eq!(paras(&c).len(), 3);
}

proptest::proptest! {
    /// Any input: no panic, no empty or whitespace-padded paragraph, and `lead` never counts
    /// more paragraphs than the text has.
    #[test]
    fn any_body_gives_well_formed_text(
        body in "(\\PC{0,40}|date 2020-01-0[1-9] ✖|RELATED: [A-Z][a-z]{2,8}|[A-Z][a-z]{1,6} [A-Za-z]{2,9}\\.{0,3}|\\[\\.\\.\\.\\]|\n|\n\n){0,24}",
        title in proptest::option::of("\\PC{0,30}"),
    ) {
        let c = clean(&Draft { body, title, ..Draft::default() });
        let paras: Vec<&str> = if c.text.is_empty() { vec![] } else { c.text.split("\n\n").collect() };
        for p in &paras {
            proptest::prop_assert!(!p.is_empty());
            proptest::prop_assert_eq!(p.trim(), *p);
        }
        proptest::prop_assert!(c.lead <= paras.len());
        if c.lead > 0 {
            proptest::prop_assert!(!c.title.is_empty());
        }
    }
}
