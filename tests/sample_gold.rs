//! Keeps the sample corpus and its gold (`tests/gold/sample.json`) consistent with each other.
//!
//! Everything here is independent of byline's own loader and extractor: the counted text of each
//! file is rebuilt with plain parsers, and mentions are counted with a simple longest-alias-first,
//! word-boundary scan. If an article is edited, the gold must be edited with it, or this fails.
//! It must never call the extractor: the gold is what the extractor is scored against.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use byline::corpus::sample::FILES;
use pulldown_cmark::{Event, Parser, TagEnd};
use scraper::{ElementRef, Html, Node, Selector};
use serde::Deserialize;

const GOLD: &str = include_str!("gold/sample.json");

#[derive(Debug, Deserialize)]
struct Gold {
    corpus: String,
    rules: String,
    articles: BTreeMap<String, GoldArticle>,
    entities: Vec<GoldEntity>,
}

#[derive(Debug, Deserialize)]
struct GoldArticle {
    title: String,
    date: Option<String>,
    boilerplate: Vec<String>,
    #[serde(default)]
    lines: Vec<GoldLine>,
}

#[derive(Debug, Deserialize)]
struct GoldLine {
    title: String,
    date: Option<String>,
}

#[derive(Debug, Deserialize)]
struct GoldEntity {
    name: String,
    kind: String,
    aliases: Vec<String>,
    required: bool,
    mentions: BTreeMap<String, usize>,
}

/// What a file says about itself, read without byline's loader.
struct Parsed {
    /// Titles and dates from metadata, one per article (several for JSON Lines).
    meta: Vec<(String, Option<String>)>,
    /// The text the gold counts: headline(s), dek, prose, captions; no chrome, no metadata.
    counted: String,
}

fn gold() -> Gold {
    serde_json::from_str(GOLD).expect("tests/gold/sample.json parses")
}

fn file_text(name: &str) -> &'static str {
    let (_, bytes) = FILES
        .iter()
        .find(|(n, _)| *n == name)
        .unwrap_or_else(|| panic!("{name} not in FILES"));
    std::str::from_utf8(bytes).expect("sample files are UTF-8")
}

fn parse(name: &str, gold: &GoldArticle) -> Parsed {
    let raw = file_text(name);
    let ext = name.rsplit('.').next().unwrap_or_default();
    match ext {
        "txt" => parse_txt(raw, &gold.boilerplate),
        "md" => parse_md(raw),
        "html" => parse_html(raw),
        "jsonl" => parse_jsonl(raw),
        other => panic!("{name}: no reference parser for .{other}"),
    }
}

/// Plain text: every line except the listed chrome; the headline is the first counted line.
fn parse_txt(raw: &str, boilerplate: &[String]) -> Parsed {
    let kept: Vec<&str> = raw
        .lines()
        .filter(|l| !boilerplate.iter().any(|b| b == l))
        .collect();
    let title = kept.first().copied().unwrap_or_default().to_string();
    Parsed {
        meta: vec![(title, None)],
        counted: kept.join("\n"),
    }
}

/// Markdown: title and date from YAML (`---`) or TOML (`+++`) front matter, body as plain text.
fn parse_md(raw: &str) -> Parsed {
    let (fence, is_yaml) = if raw.starts_with("---\n") {
        ("---", true)
    } else if raw.starts_with("+++\n") {
        ("+++", false)
    } else {
        panic!("sample Markdown files all carry front matter");
    };
    let rest = &raw[fence.len() + 1..];
    let end = rest
        .find(&format!("\n{fence}\n"))
        .expect("front matter is closed");
    let (front, body) = (&rest[..end], &rest[end + fence.len() + 2..]);
    let (title, date) = if is_yaml {
        let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(front).expect("YAML front matter");
        let s = |k: &str| v.get(k).and_then(|x| x.as_str()).map(str::to_string);
        (s("title").expect("YAML title"), s("date"))
    } else {
        let v: toml::Table = toml::from_str(front).expect("TOML front matter");
        let title = v["title"].as_str().expect("TOML title").to_string();
        // TOML dates are a type of their own; their Display form is the ISO date.
        (title, v.get("date").map(ToString::to_string))
    };
    let mut text = format!("{title}\n\n");
    for ev in Parser::new(body) {
        match ev {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_)) => text.push_str("\n\n"),
            _ => {}
        }
    }
    Parsed {
        meta: vec![(title, date)],
        counted: text,
    }
}

/// HTML: title from og:title, date from article:published_time, text of `<article>` without chrome.
fn parse_html(raw: &str) -> Parsed {
    let doc = Html::parse_document(raw);
    let meta = |prop: &str| {
        let sel = Selector::parse(&format!("meta[property=\"{prop}\"]")).expect("selector");
        doc.select(&sel)
            .next()
            .and_then(|m| m.value().attr("content"))
            .map(str::to_string)
    };
    let title = meta("og:title").expect("og:title");
    let date = meta("article:published_time").map(|d| d.chars().take(10).collect());
    let article_sel = Selector::parse("article").expect("selector");
    let article = doc.select(&article_sel).next().expect("an <article>");
    let mut text = String::new();
    collect_html_text(article, &mut text);
    let h1 = Selector::parse("article h1").expect("selector");
    let h1_text: String = doc.select(&h1).next().expect("h1").text().collect();
    assert_eq!(h1_text.trim(), title, "h1 and og:title agree");
    Parsed {
        meta: vec![(title, date)],
        counted: text,
    }
}

fn collect_html_text(el: ElementRef<'_>, out: &mut String) {
    const CHROME: [&str; 6] = ["script", "style", "nav", "header", "footer", "aside"];
    const BLOCKS: [&str; 7] = ["p", "h1", "h2", "h3", "figcaption", "li", "blockquote"];
    for child in el.children() {
        if let Some(ce) = ElementRef::wrap(child) {
            let tag = ce.value().name();
            if CHROME.contains(&tag) {
                continue;
            }
            if BLOCKS.contains(&tag) {
                out.push_str("\n\n");
            }
            collect_html_text(ce, out);
        } else if let Node::Text(t) = child.value() {
            out.push_str(t);
        }
    }
}

/// JSON Lines: one article per line; title and text both counted.
fn parse_jsonl(raw: &str) -> Parsed {
    let mut meta = Vec::new();
    let mut counted = String::new();
    for line in raw.lines().filter(|l| !l.trim().is_empty()) {
        let v: serde_json::Value = serde_json::from_str(line).expect("each line is JSON");
        let title = v["title"].as_str().expect("title").to_string();
        let date = v["date"].as_str().map(str::to_string);
        counted.push_str(&format!(
            "{title}\n\n{}\n\n",
            v["text"].as_str().expect("text")
        ));
        meta.push((title, date));
    }
    Parsed { meta, counted }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Counts mentions per entity: at each word start, the longest alias (of any entity) that ends
/// at a word boundary wins, and the scan resumes after it. Case-sensitive, as aliases are spelled.
fn count_mentions(text: &str, entities: &[GoldEntity]) -> BTreeMap<usize, usize> {
    let mut aliases: Vec<(&str, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(i, e)| e.aliases.iter().map(move |a| (a.as_str(), i)))
        .collect();
    aliases.sort_by_key(|(a, _)| std::cmp::Reverse(a.len()));
    let mut counts = BTreeMap::new();
    let mut prev: Option<char> = None;
    let mut i = 0;
    while let Some(c) = text[i..].chars().next() {
        let at_word_start = !(prev.is_some_and(is_word) && is_word(c));
        let hit = at_word_start
            .then(|| {
                aliases.iter().find(|(a, _)| {
                    text[i..].starts_with(a)
                        && (!a.ends_with(is_word) || !text[i + a.len()..].starts_with(is_word))
                })
            })
            .flatten();
        if let Some((a, ent)) = hit {
            *counts.entry(*ent).or_insert(0) += 1;
            prev = a.chars().last();
            i += a.len();
        } else {
            prev = Some(c);
            i += c.len_utf8();
        }
    }
    counts
}

#[test]
fn gold_and_files_name_the_same_articles() {
    let g = gold();
    assert_eq!(g.corpus, "sample");
    assert!(!g.rules.trim().is_empty(), "the gold explains what counts");
    let files: BTreeSet<&str> = FILES.iter().map(|(n, _)| *n).collect();
    let articles: BTreeSet<&str> = g.articles.keys().map(String::as_str).collect();
    assert_eq!(files, articles);
    for e in &g.entities {
        for f in e.mentions.keys() {
            assert!(files.contains(f.as_str()), "{}: unknown file {f}", e.name);
        }
    }
}

#[test]
fn every_supported_format_is_present() {
    fn raw_of(ext: &'static str) -> impl Iterator<Item = &'static str> {
        FILES
            .iter()
            .filter(move |(n, _)| n.ends_with(ext))
            .map(|(n, _)| file_text(n))
    }
    for ext in [".txt", ".md", ".html", ".jsonl"] {
        assert!(raw_of(ext).next().is_some(), "no {ext} sample");
    }
    assert!(
        raw_of(".md").any(|t| t.starts_with("---\n")),
        "YAML front matter"
    );
    assert!(
        raw_of(".md").any(|t| t.starts_with("+++\n")),
        "TOML front matter"
    );
    let jsonl_lines = raw_of(".jsonl").map(|t| t.lines().count()).max();
    assert!(
        jsonl_lines >= Some(2),
        "a JSON Lines file holds several articles"
    );
    let g = gold();
    assert!(
        g.articles
            .iter()
            .any(|(n, a)| n.ends_with(".txt") && a.boilerplate.len() >= 5),
        "one messy scraped page with its chrome listed"
    );
}

#[test]
fn titles_dates_and_boilerplate_match_the_files() {
    let g = gold();
    for (name, art) in &g.articles {
        let parsed = parse(name, art);
        let raw = file_text(name);
        for line in &art.boilerplate {
            assert!(
                raw.lines().any(|l| l == line),
                "{name}: chrome line {line:?}"
            );
        }
        let expected: Vec<(String, Option<String>)> = if art.lines.is_empty() {
            vec![(art.title.clone(), art.date.clone())]
        } else {
            assert_eq!(
                (&art.lines[0].title, &art.lines[0].date),
                (&art.title, &art.date)
            );
            art.lines
                .iter()
                .map(|l| (l.title.clone(), l.date.clone()))
                .collect()
        };
        if name.ends_with(".txt") {
            // Plain text has no metadata: the gold date must be printed in a chrome line.
            assert_eq!(parsed.meta[0].0, art.title, "{name}: headline");
            if let Some(d) = &art.date {
                assert!(d.len() == 10, "{name}: ISO date");
                assert!(
                    !art.boilerplate.is_empty(),
                    "{name}: a date needs a dateline"
                );
            }
        } else {
            assert_eq!(parsed.meta, expected, "{name}: title/date metadata");
        }
    }
}

#[test]
fn gold_counts_equal_a_longest_alias_first_count() {
    let g = gold();
    let mut total = 0;
    for (name, art) in &g.articles {
        let parsed = parse(name, art);
        let counts = count_mentions(&parsed.counted, &g.entities);
        for (ix, e) in g.entities.iter().enumerate() {
            let got = counts.get(&ix).copied().unwrap_or(0);
            let want = e.mentions.get(name).copied().unwrap_or(0);
            assert_eq!(got, want, "{}: mentions of {:?}", name, e.name);
            total += got;
        }
    }
    assert!(total > 300, "the sample is rich in mentions ({total})");
}

#[test]
fn entities_are_well_formed() {
    let g = gold();
    let kinds = ["person", "organization", "work", "place", "other"];
    let mut seen_alias = BTreeMap::new();
    let counted: String = g
        .articles
        .iter()
        .map(|(n, a)| parse(n, a).counted)
        .collect();
    for e in &g.entities {
        assert!(
            kinds.contains(&e.kind.as_str()),
            "{}: kind {}",
            e.name,
            e.kind
        );
        assert!(!e.mentions.is_empty(), "{}: no files", e.name);
        let sum: usize = e.mentions.values().sum();
        // Chrome-only names are listed with zero counts and can never be required.
        assert!(!(e.required && sum == 0), "{}: required but unseen", e.name);
        for a in &e.aliases {
            // One alias, one entity: otherwise the longest-first count would be ambiguous.
            if let Some(other) = seen_alias.insert(a.as_str(), e.name.as_str()) {
                panic!("alias {a:?} of both {other} and {}", e.name);
            }
            assert!(
                sum == 0 || counted.contains(a.as_str()),
                "{}: alias {a:?} never occurs",
                e.name
            );
        }
    }
    let required = g.entities.iter().filter(|e| e.required).count();
    assert!(required >= 40, "only {required} required entities");
}

#[test]
fn gold_has_the_shape_of_the_shared_seeds_gold() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/gold/seeds.json");
    let Ok(text) = std::fs::read_to_string(&seeds) else {
        eprintln!("skipping: ../shared/gold/seeds.json is absent");
        return;
    };
    let seeds: serde_json::Value = serde_json::from_str(&text).expect("seeds gold parses");
    let ours: serde_json::Value = serde_json::from_str(GOLD).expect("sample gold parses");
    let keys = |v: &serde_json::Value| -> BTreeSet<String> {
        v.as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default()
    };
    assert_eq!(keys(&ours), keys(&seeds));
    assert_eq!(keys(&ours["entities"][0]), keys(&seeds["entities"][0]));
    let first = |v: &serde_json::Value| {
        v["articles"]
            .as_object()
            .and_then(|o| o.values().next())
            .map(keys)
            .unwrap_or_default()
    };
    // Our articles may add `lines` (for JSON Lines); every seeds field must be present.
    assert!(first(&seeds).is_subset(&first(&ours)));
}
