//! Key sequences to state: the update logic tested without a terminal.

use ratatui::layout::Rect;

use super::*;
use crate::corpus::{Article, Entity, Format, Index, Kind, Mention};

/// Builds a corpus by hand: each entity's aliases are found in every article's text, longest
/// alias first, so "Okafor" inside "Mira Okafor" is not counted twice.
pub(crate) fn build(docs: &[(&str, &str, Option<&str>)], ents: &[(&str, Kind, &[&str])]) -> Corpus {
    let articles: Vec<Article> = docs
        .iter()
        .enumerate()
        .map(|(i, (title, body, url))| Article {
            id: format!("id{i}"),
            path: format!("{i}.txt"),
            file: format!("{i}.txt").into(),
            line: None,
            title: (*title).to_owned(),
            date: Some(format!("2024-03-0{}", i + 1)),
            source: Some("Test Wire".to_owned()),
            url: url.map(str::to_owned),
            author: None,
            format: Format::Text,
            text: format!("{title}\n\n{body}").into(),
            lead: 1,
        })
        .collect();
    let mut claimed: Vec<Vec<std::ops::Range<usize>>> = vec![Vec::new(); articles.len()];
    let mut entities: Vec<Entity> = ents
        .iter()
        .map(|(name, kind, aliases)| Entity {
            name: (*name).to_owned(),
            kind: *kind,
            aliases: aliases.iter().map(|s| (*s).to_owned()).collect(),
            mentions: Vec::new(),
        })
        .collect();
    let mut forms: Vec<(usize, &str)> = ents
        .iter()
        .enumerate()
        .flat_map(|(e, (_, _, aliases))| aliases.iter().map(move |a| (e, *a)))
        .collect();
    forms.sort_by_key(|(_, a)| std::cmp::Reverse(a.len()));
    for (e, form) in forms {
        for (ai, a) in articles.iter().enumerate() {
            for (start, _) in a.text.match_indices(form) {
                let r = start..start + form.len();
                if claimed[ai]
                    .iter()
                    .any(|c| c.start < r.end && r.start < c.end)
                {
                    continue;
                }
                claimed[ai].push(r.clone());
                entities[e].mentions.push(Mention {
                    article: u32::try_from(ai).expect("small"),
                    start: u32::try_from(r.start).expect("small"),
                    end: u32::try_from(r.end).expect("small"),
                });
            }
        }
    }
    for e in &mut entities {
        e.mentions.sort();
    }
    let index = Index::build(&articles, &entities);
    Corpus {
        articles: articles.into(),
        entities,
        index,
        warnings: Vec::new(),
    }
}

/// The fixture's articles repeated to `n`, without entities: a corpus large enough that work
/// on it is split over a thread pool.
pub(crate) fn fixture_repeated(n: usize) -> Corpus {
    let small = fixture();
    let articles: Vec<Article> = small.articles.iter().cycle().take(n).cloned().collect();
    Corpus {
        index: Index::build(&articles, &[]),
        articles: articles.into(),
        entities: Vec::new(),
        warnings: Vec::new(),
    }
}

/// Three short articles of our own about a made-up film.
pub(crate) fn fixture() -> Corpus {
    build(
        &[
            (
                "Harbor Lights review",
                "Mira Okafor directs Harbor Lights with patience. The film follows a ferry \
                 captain in Lisbon.\n\nOkafor shot most scenes at night. Lisbon never looked so \
                 quiet, and Mira Okafor knows it.\n\nNetflix releases it in May.",
                Some("https://example.com/harbor"),
            ),
            (
                "Streaming spring",
                "Netflix announced twelve films. Among them is Harbor Lights from Mira \
                 Okafor.\n\nThe company expects viewers in Lisbon to watch it first.",
                Some("file:///etc/passwd"),
            ),
            (
                "Festival notes",
                "In Lisbon the festival opened with a short by Mira Okafor.\n\nNo streaming \
                 deals were signed this year.",
                None,
            ),
        ],
        &[
            ("Mira Okafor", Kind::Person, &["Mira Okafor", "Okafor"]),
            ("Harbor Lights", Kind::Work, &["Harbor Lights"]),
            ("Lisbon", Kind::Place, &["Lisbon"]),
            ("Netflix", Kind::Organization, &["Netflix"]),
        ],
    )
}

pub(crate) fn viewport(w: u16, h: u16) -> Viewport {
    Viewport {
        screen: Rect::new(0, 0, w, h),
        list: Rect::new(1, 1, 20, h.saturating_sub(3)),
        reader: Rect::new(23, 2, w.saturating_sub(50), h.saturating_sub(4)),
        sidebar: Rect::new(w.saturating_sub(25), 1, 24, h.saturating_sub(3)),
        overlay: Rect::new(5, 3, w.saturating_sub(10), h.saturating_sub(8)),
    }
}

fn app() -> App {
    let mut app = App::with_corpus(fixture(), false);
    app.update(Action::Resize(viewport(100, 30)));
    app
}

fn run(app: &mut App, actions: &[Action]) -> Vec<Effect> {
    actions.iter().flat_map(|a| app.update(*a)).collect()
}

fn open(app: &App) -> Option<ArticleIx> {
    app.reading.as_ref().map(|r| r.article)
}

fn current_text(app: &App) -> Option<String> {
    app.current_mark()
        .map(|m| app.open_text()[m.range.clone()].to_owned())
}

#[test]
fn starts_with_the_first_article_open_and_the_list_focused() {
    let app = app();
    assert_eq!(open(&app), Some(0));
    assert_eq!(app.focus, Pane::List);
    assert_eq!(app.list.visible, vec![0, 1, 2]);
}

#[test]
fn moving_in_the_list_opens_the_selected_article() {
    let mut app = app();
    run(&mut app, &[Action::Down, Action::Down, Action::Down]);
    assert_eq!(open(&app), Some(2));
    run(&mut app, &[Action::Top]);
    assert_eq!(open(&app), Some(0));
}

#[test]
fn tab_cycles_focus_over_enabled_panes() {
    let mut app = app();
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.focus, Pane::Reader);
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.focus, Pane::Entities);
    run(&mut app, &[Action::FocusNext]);
    assert_eq!(app.focus, Pane::List);
    run(&mut app, &[Action::ToggleList]);
    assert_eq!(
        app.focus,
        Pane::Reader,
        "hiding the focused pane moves focus"
    );
    run(&mut app, &[Action::FocusPrev, Action::FocusPrev]);
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn taking_the_sidebar_puts_its_cursor_on_a_row_of_this_article() {
    let mut app = app();
    assert_eq!(app.entity, None);
    run(&mut app, &[Action::FocusPrev]);
    assert_eq!(app.focus, Pane::Entities);
    assert_eq!(app.sidebar_selected(), Some(0), "a cursor on the first row");
    assert_eq!(app.entity, app.article_entities().first().map(|(e, _)| *e));
    // Select Lisbon, then open another article that names it: the cursor stays on Lisbon.
    let row = |app: &App, name: &str| {
        app.article_entities()
            .iter()
            .position(|(e, _)| app.entity_name(*e) == name)
    };
    for _ in 0..row(&app, "Lisbon").expect("named in the first article") {
        run(&mut app, &[Action::Down]);
    }
    let lisbon = app.entity.expect("selected");
    run(&mut app, &[Action::FocusNext, Action::FocusPrev]);
    assert_eq!(
        app.entity,
        Some(lisbon),
        "leaving and coming back moves nothing"
    );
    run(&mut app, &[Action::FocusNext, Action::Down, Action::Down]);
    assert_eq!(open(&app), Some(2));
    run(&mut app, &[Action::FocusPrev]);
    assert_eq!(app.entity, Some(lisbon), "the followed entity is kept");
    assert_eq!(app.sidebar_selected(), row(&app, "Lisbon"));
    // Harbor Lights is not named in the third article: taking the sidebar there moves the
    // cursor to its first row rather than leaving none.
    run(&mut app, &[Action::FocusNext, Action::Up, Action::Up]);
    assert_eq!(open(&app), Some(0));
    run(&mut app, &[Action::FocusPrev, Action::Top]);
    for _ in 0..row(&app, "Harbor Lights").expect("named in the first article") {
        run(&mut app, &[Action::Down]);
    }
    let harbor = app.entity.expect("selected");
    assert_eq!(app.entity_name(harbor), "Harbor Lights");
    run(&mut app, &[Action::FocusNext, Action::Down, Action::Down]);
    assert_eq!(open(&app), Some(2));
    assert_eq!(app.entity, Some(harbor), "still followed from the list");
    run(&mut app, &[Action::FocusPrev]);
    assert_eq!(app.sidebar_selected(), Some(0));
    assert_ne!(app.entity, Some(harbor));
    run(&mut app, &[Action::NextMention]);
    assert!(
        app.mention_status()
            .is_some_and(|s| s.starts_with("mention 1/"))
    );
}

#[test]
fn n_walks_the_selected_entitys_mentions_and_wraps_with_a_message() {
    let mut app = app();
    run(&mut app, &[Action::FocusPrev]);
    assert_eq!(app.focus, Pane::Entities);
    assert_eq!(
        app.entity_name(app.entity.expect("selected")),
        "Mira Okafor"
    );
    run(&mut app, &[Action::NextMention]);
    assert_eq!(current_text(&app).as_deref(), Some("Mira Okafor"));
    assert_eq!(
        app.mention_status().as_deref(),
        Some("mention 1/3 of Mira Okafor, 1 of 3 articles")
    );
    run(&mut app, &[Action::NextMention]);
    assert_eq!(current_text(&app).as_deref(), Some("Okafor"));
    run(&mut app, &[Action::NextMention, Action::NextMention]);
    assert!(
        app.mention_status()
            .is_some_and(|s| s.starts_with("mention 1/3"))
    );
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("wrapped"))
    );
    run(&mut app, &[Action::PrevMention]);
    assert!(
        app.mention_status()
            .is_some_and(|s| s.starts_with("mention 3/3"))
    );
}

#[test]
fn brackets_cross_articles_and_ctrl_o_comes_back() {
    let mut app = app();
    run(&mut app, &[Action::FocusPrev, Action::NextMention]);
    run(&mut app, &[Action::NextInCorpus, Action::NextInCorpus]);
    assert_eq!(
        open(&app),
        Some(0),
        "third mention is still in the first article"
    );
    let before = app.position();
    run(&mut app, &[Action::NextInCorpus]);
    assert_eq!(open(&app), Some(1));
    assert_eq!(current_text(&app).as_deref(), Some("Mira Okafor"));
    assert!(
        app.mention_status()
            .is_some_and(|s| s.ends_with("2 of 3 articles")),
        "{:?}",
        app.mention_status()
    );
    assert_eq!(app.list.selected, 1, "the list follows the open article");
    run(&mut app, &[Action::JumpBack]);
    assert_eq!(app.position(), before);
    run(&mut app, &[Action::JumpForward]);
    assert_eq!(open(&app), Some(1));
    run(&mut app, &[Action::PrevInCorpus]);
    assert_eq!(open(&app), Some(0));
}

#[test]
fn paging_moves_by_screens_and_resize_keeps_the_reading_position() {
    let mut app = app();
    app.update(Action::Resize(viewport(70, 12)));
    run(&mut app, &[Action::FocusNext]);
    let rows = app.text_rows();
    assert!(
        app.wrapped().is_some_and(|w| w.len() > rows),
        "needs a long article"
    );
    run(&mut app, &[Action::Down, Action::Down]);
    let top = app.reading.as_ref().map(|r| r.top).expect("open");
    assert!(top > 0);
    app.update(Action::Resize(viewport(90, 12)));
    let w = app.wrapped().expect("wrapped");
    let line = &w.lines[app.top_line()];
    assert!(
        line.anchor <= top && top <= line.range.end.max(line.anchor),
        "top line holds the old offset"
    );
    run(&mut app, &[Action::Bottom]);
    assert_eq!(app.percent_read(), 100);
    run(&mut app, &[Action::Top]);
    assert_eq!(app.reading.as_ref().map(|r| r.top), Some(0));
}

#[test]
fn article_search_is_incremental_and_escape_restores_the_view() {
    let mut app = app();
    run(&mut app, &[Action::SearchArticle]);
    assert_eq!(app.scopes()[0], crate::keymap::Scope::Prompt);
    for c in "lisbon".chars() {
        app.update(Action::Input(c));
    }
    assert_eq!(
        app.search_status().as_deref(),
        Some("hit 1 of 2 for \"lisbon\"")
    );
    run(&mut app, &[Action::Activate, Action::NextMention]);
    assert_eq!(
        app.search_status().as_deref(),
        Some("hit 2 of 2 for \"lisbon\"")
    );
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.search_status(), None, "Esc clears the search");
    run(
        &mut app,
        &[Action::SearchArticle, Action::Input('z'), Action::Cancel],
    );
    assert_eq!(app.search_status(), None);
    assert!(app.prompt.is_none());
}

#[test]
fn fuzzy_filter_narrows_as_you_type_and_escape_restores() {
    let mut app = app();
    run(&mut app, &[Action::FilterArticles]);
    for c in "fstvl".chars() {
        app.update(Action::Input(c));
    }
    assert_eq!(app.list.visible, vec![2]);
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.list.visible, vec![0, 1, 2]);
    run(
        &mut app,
        &[
            Action::FilterArticles,
            Action::Input('s'),
            Action::Input('t'),
            Action::Input('r'),
            Action::Input('e'),
            Action::Input('a'),
            Action::Input('m'),
            Action::Activate,
        ],
    );
    assert_eq!(app.list.visible, vec![1]);
    assert_eq!(open(&app), Some(1), "accepting opens the best match");
    assert!(app.list_title().contains("\"stream\""));
}

#[test]
fn sidebar_filters_the_list_to_articles_mentioning_the_entity() {
    let mut app = app();
    // Netflix is mentioned in the first two articles only.
    run(&mut app, &[Action::FocusPrev, Action::Bottom]);
    assert_eq!(app.entity_name(app.entity.expect("selected")), "Netflix");
    let fx = app
        .keymap
        .action_for(&app.scopes(), "f".parse().expect("key"));
    assert_eq!(fx, Some(Action::FilterByEntity));
    run(&mut app, &[Action::FilterByEntity]);
    assert_eq!(app.list.visible, vec![0, 1]);
    assert_eq!(app.list_title(), "Articles mentioning Netflix (2)");
    run(&mut app, &[Action::Cancel]);
    assert_eq!(app.list.visible.len(), 3);
}

#[test]
fn mentions_view_lists_every_mention_by_article_and_enter_jumps() {
    let mut app = app();
    run(&mut app, &[Action::FocusPrev, Action::Activate]);
    let Some(Overlay::Mentions(v)) = &app.overlay else {
        panic!("mentions view expected, got {:?}", app.overlay)
    };
    let headings = v
        .rows
        .iter()
        .filter(|r| matches!(r, MentionRow::Article(..)))
        .count();
    assert_eq!(headings, 3);
    assert_eq!(v.row_of.len(), 5);
    run(&mut app, &[Action::Bottom, Action::Activate]);
    assert!(app.overlay.is_none());
    assert_eq!(open(&app), Some(2));
    assert_eq!(current_text(&app).as_deref(), Some("Mira Okafor"));
    assert_eq!(app.focus, Pane::Reader);
}

#[test]
fn load_warnings_are_counted_in_the_status_message() {
    let warn = |path: &str, message: &str| crate::corpus::Warning {
        path: path.to_owned(),
        message: message.to_owned(),
    };
    let mut corpus = fixture();
    corpus.warnings = vec![warn(
        "a.txt",
        "not valid UTF-8, decoded with replacement characters",
    )];
    let one = App::with_corpus(corpus, false).message.map(|m| m.text);
    assert_eq!(
        one.as_deref(),
        Some(
            "1 file skipped or damaged: a.txt: not valid UTF-8, decoded with replacement characters"
        )
    );
    let mut corpus = fixture();
    corpus.warnings = vec![warn("a.txt", "empty"), warn("b.bin", "binary, skipped")];
    let two = App::with_corpus(corpus, false).message.map(|m| m.text);
    assert_eq!(
        two.as_deref(),
        Some("2 files skipped or damaged; first: a.txt: empty")
    );
    assert!(App::with_corpus(fixture(), false).message.is_none());
}

#[test]
fn o_opens_only_safe_urls() {
    let mut app = app();
    let fx = run(&mut app, &[Action::OpenUrl]);
    assert!(fx.contains(&Effect::OpenUrl("https://example.com/harbor".to_owned())));
    run(&mut app, &[Action::Down]);
    let fx = run(&mut app, &[Action::OpenUrl]);
    assert!(!fx.iter().any(|e| matches!(e, Effect::OpenUrl(_))));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.warning && m.text.contains("file:///"))
    );
}

#[test]
fn e_selects_the_first_mention_on_screen_and_its_entity() {
    let mut app = app();
    run(&mut app, &[Action::NextOnScreen]);
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(current_text(&app).as_deref(), Some("Harbor Lights"));
    assert_eq!(
        app.entity_name(app.entity.expect("selected")),
        "Harbor Lights"
    );
    run(&mut app, &[Action::NextOnScreen]);
    assert_eq!(current_text(&app).as_deref(), Some("Mira Okafor"));
}

#[test]
fn clicks_select_rows_and_mentions() {
    let mut app = app();
    let vp = app.viewport;
    app.update(Action::Click(vp.list.x + 2, vp.list.y + 2));
    assert_eq!(open(&app), Some(2));
    // Article 2's text starts "Festival notes", blank, "In Lisbon ...": Lisbon is on row 2.
    app.update(Action::Click(vp.reader.x + 4, vp.reader.y + 2));
    assert_eq!(app.focus, Pane::Reader);
    assert_eq!(current_text(&app).as_deref(), Some("Lisbon"));
    app.update(Action::Wheel(vp.list.x, vp.list.y, false));
    assert_eq!(open(&app), Some(0));
}

#[test]
fn state_changed_is_reported_when_the_position_moves() {
    let mut app = app();
    assert!(run(&mut app, &[Action::Down]).contains(&Effect::StateChanged));
    assert!(!run(&mut app, &[Action::Help]).contains(&Effect::StateChanged));
    assert_eq!(run(&mut app, &[Action::Quit]), vec![Effect::Quit]);
}

#[test]
fn every_article_remembers_its_own_position() {
    let mut app = app();
    app.update(Action::Resize(viewport(70, 12)));
    run(&mut app, &[Action::FocusNext, Action::Down, Action::Down]);
    let top = app.reading.as_ref().map(|r| r.top);
    run(&mut app, &[Action::FocusPrev, Action::Down, Action::Up]);
    assert_eq!(app.reading.as_ref().map(|r| r.top), top);
}

#[test]
fn article_ids_are_looked_up_and_a_repeated_id_names_its_last_article() {
    let mut c = build(
        &[
            ("A", "x", None),
            ("B", "y", None),
            ("C", "z", None),
            ("D", "w", None),
        ],
        &[],
    );
    let arts = Arc::make_mut(&mut c.articles);
    for (a, id) in arts.iter_mut().zip(["zeta", "alpha", "mid", "alpha"]) {
        a.id = id.to_owned();
    }
    let app = App::with_corpus(c, true);
    assert_eq!(app.article_by_id("zeta"), Some(0));
    assert_eq!(app.article_by_id("mid"), Some(2));
    assert_eq!(app.article_by_id("alpha"), Some(3));
    assert_eq!(app.article_by_id("alph"), None);
    assert_eq!(app.article_by_id("zz"), None);
    assert_eq!(app.article_by_id(""), None);
}

#[test]
fn ctrl_o_comes_back_to_the_copy_it_left_of_a_file_kept_twice() {
    let twin = "Tamsin Holt opened the Dunmere bridge.";
    let mut corpus = build(
        &[
            ("Bridge news", "Tamsin Holt spoke first.", None),
            ("Bridge opened", twin, None),
            ("Bridge opened", twin, None),
        ],
        &[("Tamsin Holt", Kind::Person, &["Tamsin Holt"])],
    );
    // The same text in two files has one id: byline's ids are hashes of the text.
    if let Some(arts) = Arc::get_mut(&mut corpus.articles) {
        arts[2].id = arts[1].id.clone();
    }
    let mut app = App::with_corpus(corpus, false);
    app.update(Action::Resize(viewport(100, 30)));
    app.open_article(1);
    run(&mut app, &[Action::FocusPrev, Action::NextMention]);
    assert_eq!(open(&app), Some(1));
    run(&mut app, &[Action::NextInCorpus]);
    assert_eq!(open(&app), Some(2), "the copy's own mention");
    run(&mut app, &[Action::JumpBack]);
    assert_eq!(
        open(&app),
        Some(1),
        "back in the copy it left, not its twin"
    );
    run(&mut app, &[Action::JumpForward]);
    assert_eq!(open(&app), Some(2));
    // A file moved since keeps its id: found by that alone.
    let id = app.corpus.articles[1].id.clone();
    assert_eq!(app.article_at(&id, "moved.txt"), Some(2));
    assert_eq!(app.article_at("no such id", "1.txt"), None);
}
