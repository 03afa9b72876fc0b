//! Tests of the mention index: counts, postings, name lookup, relatedness, sentences, and the
//! build checked against a plain hash-map model of the same rules on the sample corpus.

use super::*;
use std::collections::HashMap;

use crate::corpus::model::{Kind, Mention};

fn article(text: &str) -> Article {
    Article {
        id: text.len().to_string(),
        ..Article::from_text(text)
    }
}

fn entity(name: &str, aliases: &[&str], in_articles: &[(u32, u32)]) -> Entity {
    Entity {
        name: name.into(),
        kind: Kind::Person,
        aliases: aliases.iter().map(|s| (*s).to_string()).collect(),
        mentions: in_articles
            .iter()
            .map(|&(article, start)| Mention {
                article,
                start,
                end: start + 1,
            })
            .collect(),
    }
}

#[test]
fn counts_per_article_and_articles_per_entity() {
    let arts: Vec<Article> = (0..3).map(|_| article("x")).collect();
    let ents = vec![
        entity("A", &[], &[(0, 0), (0, 5), (2, 1)]),
        entity("B", &[], &[(2, 0), (2, 3), (2, 9)]),
    ];
    let ix = Index::build(&arts, &ents);
    assert_eq!(ix.article_count, vec![2, 1]);
    assert_eq!(ix.by_article[0], vec![(0, 2)]);
    // Most mentioned first within an article.
    assert_eq!(ix.by_article[2], vec![(1, 3), (0, 1)]);
    assert!(ix.by_article[1].is_empty());
}

#[test]
fn lookup_is_case_insensitive_over_names_and_aliases() {
    let ents = vec![entity("Sam Hargrave", &["Hargrave"], &[])];
    let ix = Index::build(&[], &ents);
    assert_eq!(ix.lookup("sam HARGRAVE"), Some(0));
    assert_eq!(ix.lookup(" hargrave "), Some(0));
    assert_eq!(ix.lookup("Sam"), None);
}

#[test]
fn related_prefers_rarer_shared_entities() {
    // Articles 0..6. Entity "common" is in 0,1,2; "rare" only in 0 and 3.
    let arts: Vec<Article> = (0..7).map(|_| article("x")).collect();
    let ents = vec![
        entity("common", &[], &[(0, 0), (1, 0), (2, 0)]),
        entity("rare", &[], &[(0, 1), (3, 0)]),
        entity(
            "everywhere",
            &[],
            &(0..7).map(|a| (a, 2)).collect::<Vec<_>>(),
        ),
    ];
    let ix = Index::build(&arts, &ents);
    let rel = ix.related(0, 10);
    let order: Vec<u32> = rel.iter().map(|r| r.article).collect();
    assert_eq!(
        order[0], 3,
        "the article sharing the rare name ranks first: {rel:?}"
    );
    assert!(order.contains(&1) && order.contains(&2));
    // An entity in every article is no evidence of relatedness.
    assert!(!order.contains(&4), "{rel:?}");
    assert!(!order.contains(&0), "an article is not related to itself");
    assert_eq!(ix.related(0, 1).len(), 1);
}

/// The ranking `related` must give, written the plain way: a map from article to its growing
/// list of shared entities, sorted at the end.
fn related_model(ix: &Index, article: ArticleIx, limit: usize) -> Vec<Related> {
    let Some(entities) = ix.by_article.get(article as usize) else {
        return Vec::new();
    };
    let n = ix.by_article.len();
    #[allow(clippy::cast_precision_loss)]
    let n_f = n as f32;
    let mut scores: HashMap<ArticleIx, Related> = HashMap::new();
    for &(ei, _) in entities {
        let posting = &ix.postings[ei as usize];
        if posting.len() < 2 || posting.len() * 2 > n.max(4) {
            continue;
        }
        #[allow(clippy::cast_precision_loss)]
        let idf = (n_f / posting.len() as f32).ln();
        for &other in posting.iter().filter(|&&o| o != article) {
            let r = scores.entry(other).or_insert(Related {
                article: other,
                score: 0.0,
                shared: Vec::new(),
            });
            r.score += idf;
            r.shared.push(ei);
        }
    }
    let mut out: Vec<Related> = scores.into_values().collect();
    out.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.shared.len().cmp(&a.shared.len()))
            .then(a.article.cmp(&b.article))
    });
    out.truncate(limit);
    out
}

#[test]
fn related_ranks_exactly_as_the_plain_model() {
    // Twelve articles, each naming a few of six entities, so scores tie, differ by shared
    // counts and skip the entities in over half the corpus.
    let arts: Vec<Article> = (0..12).map(|_| article("x")).collect();
    let ents: Vec<Entity> = ["Arlo", "Brisk", "Cato", "Dunmore", "Elsby", "Fenwick"]
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let mentions: Vec<(u32, u32)> = (0..12u32)
                .filter(|&i| (i as usize * 7 + k * 5) % 10 < 3 || (i as usize + k) % 11 == 0)
                .map(|i| (i, 0))
                .collect();
            entity(name, &[], &mentions)
        })
        .collect();
    let ix = Index::build(&arts, &ents);
    let mut nonempty = 0;
    for a in 0..12u32 {
        for limit in [0, 1, 3, 50] {
            let want = related_model(&ix, a, limit);
            assert_eq!(ix.related(a, limit), want, "article {a} limit {limit}");
            nonempty += usize::from(!want.is_empty());
        }
    }
    assert!(nonempty > 12, "the fixture must relate articles");
    assert!(ix.related(99, 5).is_empty());
}

#[test]
fn sentence_at_finds_the_enclosing_sentence() {
    let t = "One here. Two is the one we want! Three.";
    let r = sentence_at(t, t.find("we").unwrap());
    assert_eq!(&t[r], "Two is the one we want!");
    let r = sentence_at(t, 0);
    assert_eq!(&t[r], "One here.");
    assert_eq!(&t[sentence_at(t, 999)], "");
    let w = "Café au lait. Très bien.";
    let mid = w.find('é').unwrap() + 1;
    assert_eq!(&w[sentence_at(w, mid)], "Café au lait.");
}

/// The index's rules written the plain way (a hash map per article, a map of lowercased names
/// filled names first, then aliases, first entity winning), to check the fast build against.
struct Model {
    by_article: Vec<Vec<(EntityIx, u32)>>,
    postings: Vec<Vec<ArticleIx>>,
    names: HashMap<String, EntityIx>,
}

fn model(articles: usize, entities: &[Entity]) -> Model {
    let mut counts: Vec<HashMap<EntityIx, u32>> = vec![HashMap::new(); articles];
    let mut postings = Vec::new();
    let mut names = HashMap::new();
    for (ei, e) in entities.iter().enumerate() {
        let ei = EntityIx::try_from(ei).unwrap();
        let mut p: Vec<ArticleIx> = e.mentions.iter().map(|m| m.article).collect();
        p.sort_unstable();
        p.dedup();
        postings.push(p);
        for m in &e.mentions {
            if let Some(c) = counts.get_mut(m.article as usize) {
                *c.entry(ei).or_default() += 1;
            }
        }
        names.entry(e.name.to_lowercase()).or_insert(ei);
    }
    for (ei, e) in entities.iter().enumerate() {
        for a in &e.aliases {
            names
                .entry(a.to_lowercase())
                .or_insert(EntityIx::try_from(ei).unwrap());
        }
    }
    let by_article = counts
        .into_iter()
        .map(|m| {
            let mut v: Vec<(EntityIx, u32)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            v
        })
        .collect();
    Model {
        by_article,
        postings,
        names,
    }
}

fn assert_matches_model(arts: &[Article], ents: &[Entity]) {
    let ix = Index::build(arts, ents);
    let m = model(arts.len(), ents);
    assert_eq!(ix.by_article.to_vecs(), m.by_article);
    assert_eq!(ix.postings.to_vecs(), m.postings);
    let counts: Vec<u32> = m.postings.iter().map(|p| p.len() as u32).collect();
    assert_eq!(ix.article_count, counts);
    for (key, &ei) in &m.names {
        assert_eq!(ix.lookup(key), Some(ei), "lowercase {key:?}");
        assert_eq!(
            ix.lookup(&key.to_uppercase()),
            Some(ei),
            "uppercase {key:?}"
        );
    }
}

#[test]
fn the_sample_corpus_index_matches_the_plain_model() {
    let corpus = crate::corpus::Corpus::build(
        crate::corpus::load::load_sample(),
        &crate::corpus::Overrides::default(),
    );
    assert!(
        corpus.entities.len() > 20,
        "the sample has entities to index"
    );
    assert_matches_model(&corpus.articles, &corpus.entities);
}

#[test]
fn mentions_out_of_order_or_out_of_range_follow_the_same_rules() {
    let arts: Vec<Article> = (0..4).map(|_| article("x")).collect();
    let ents = vec![
        // Built by hand out of reading order: counted as if sorted.
        entity("A", &[], &[(3, 0), (1, 0), (3, 4), (1, 2), (3, 9)]),
        // Article 7 does not exist: it is in the postings but in no article's list.
        entity("B", &[], &[(0, 0), (7, 1), (0, 3)]),
    ];
    assert_matches_model(&arts, &ents);
    let ix = Index::build(&arts, &ents);
    assert_eq!(ix.by_article[3], vec![(0, 3)]);
    assert_eq!(ix.postings[1], vec![0, 7]);
}

#[test]
fn a_name_outranks_an_alias_and_the_first_entity_wins() {
    let ents = vec![
        entity("Paris Hilton", &["Paris"], &[]),
        entity("Paris", &["Paris", "Ville Lumière"], &[]),
        entity("PARIS HILTON", &[], &[]),
        entity("Émile Zola", &["Zola"], &[]),
    ];
    assert_matches_model(&[], &ents);
    let ix = Index::build(&[], &ents);
    // "Paris" is entity 1's name but only entity 0's alias: the name wins.
    assert_eq!(ix.lookup("paris"), Some(1));
    // Two entities with the same name: the first one keeps it.
    assert_eq!(ix.lookup("Paris Hilton"), Some(0));
    // Non-ASCII names fold case too.
    assert_eq!(ix.lookup("ÉMILE ZOLA"), Some(3));
    assert_eq!(ix.lookup("ville lumière"), Some(1));
    assert_eq!(ix.lookup("Pari"), None);
    assert_eq!(ix.lookup(""), None);
}
