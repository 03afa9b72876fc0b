//! What the scripting commands print: text for people, JSON for machines (streamed, one record
//! at a time, so output of a large corpus is never built whole in memory).

use std::io::{self, Write};

use rayon::prelude::*;
use serde::Serialize;

use crate::corpus::index::sentence_at;
use crate::corpus::{Article, ArticleIx, Corpus, Entity, Kind};

#[derive(Serialize)]
struct ArticleRef<'a> {
    id: &'a str,
    path: &'a str,
    title: &'a str,
    date: Option<&'a str>,
}

impl<'a> ArticleRef<'a> {
    fn new(a: &'a Article) -> Self {
        ArticleRef {
            id: &a.id,
            path: &a.path,
            title: &a.title,
            date: a.date.as_deref(),
        }
    }
}

#[derive(Serialize)]
struct MentionOut<'a> {
    article: &'a str,
    start: u32,
    end: u32,
    text: &'a str,
}

#[derive(Serialize)]
struct EntityOut<'a> {
    name: &'a str,
    kind: Kind,
    aliases: &'a [String],
    mentions: Vec<MentionOut<'a>>,
}

fn json<W: Write, T: Serialize>(out: &mut W, value: &T) -> io::Result<()> {
    serde_json::to_writer(&mut *out, value).map_err(io::Error::from)
}

/// Writes `[a, b, c]` streaming each element.
fn json_array<W: Write, T, I: IntoIterator<Item = T>, F: FnMut(&mut W, T) -> io::Result<()>>(
    out: &mut W,
    items: I,
    mut each: F,
) -> io::Result<()> {
    out.write_all(b"[")?;
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        each(out, item)?;
    }
    out.write_all(b"]")
}

/// Items serialized per batch by [`json_array_par`] at most: enough to keep both cores busy,
/// few enough that a batch's text is a small buffer, so output still streams.
const BATCH: usize = 256;

/// The weight (see [`json_array_par`]) after which a batch takes no more items. Entities come
/// most-mentioned first, each with every mention written out: at 100,000 articles the first
/// 256 of them hold hundreds of thousands of mentions, and two such batches in flight raised
/// `entities --json`'s peak by about 60 MiB.
const BATCH_WEIGHT: usize = 8192;

/// The next batch at the head of `items`: up to [`BATCH`] items, ending with the one that
/// brings their weight to [`BATCH_WEIGHT`]. Never empty unless `items` is.
fn next_batch<T>(items: &[T], weight: &impl Fn(&T) -> usize) -> usize {
    let mut total = 0usize;
    let mut n = 0;
    for item in items.iter().take(BATCH) {
        n += 1;
        total = total.saturating_add(weight(item));
        if total >= BATCH_WEIGHT {
            break;
        }
    }
    n
}

/// Writes `[a, b, c]` like [`json_array`], serializing batches of items in parallel and writing
/// them in order: on a large corpus, JSON encoding was a tenth of `entities --json`'s time,
/// all of it on one core. `weight` is about how much text an item makes (an entity's
/// mentions), so that a batch of large items is a short one.
fn json_array_par<W, T, F>(
    out: &mut W,
    items: &[T],
    weight: impl Fn(&T) -> usize,
    each: F,
) -> io::Result<()>
where
    W: Write,
    T: Sync,
    F: Fn(&mut Vec<u8>, &T) -> io::Result<()> + Sync,
{
    out.write_all(b"[")?;
    let cores = rayon::current_num_threads().max(1);
    let mut rest = items;
    let mut first = true;
    while !rest.is_empty() {
        // One batch per core at a time, written in order before the next are made.
        let mut group: Vec<&[T]> = Vec::with_capacity(cores);
        while group.len() < cores && !rest.is_empty() {
            let (batch, after) = rest.split_at(next_batch(rest, &weight));
            group.push(batch);
            rest = after;
        }
        let bufs: Vec<io::Result<Vec<u8>>> = group
            .par_iter()
            .enumerate()
            .map(|(c, batch)| {
                let mut buf = Vec::new();
                for (i, item) in batch.iter().enumerate() {
                    if !(first && c == 0 && i == 0) {
                        buf.push(b',');
                    }
                    each(&mut buf, item)?;
                }
                Ok(buf)
            })
            .collect();
        for buf in bufs {
            out.write_all(&buf?)?;
        }
        first = false;
    }
    out.write_all(b"]")
}

fn mention_text(corpus: &Corpus, article: ArticleIx, start: u32, end: u32) -> &str {
    corpus
        .articles
        .get(article as usize)
        .and_then(|a| a.text.get(start as usize..end as usize))
        .unwrap_or("")
}

/// `byline list`.
pub fn list<W: Write>(corpus: &Corpus, as_json: bool, out: &mut W) -> io::Result<()> {
    #[derive(Serialize)]
    struct Row<'a> {
        id: &'a str,
        title: &'a str,
        date: Option<&'a str>,
        source: Option<&'a str>,
        url: Option<&'a str>,
        author: Option<&'a str>,
        path: &'a str,
        format: crate::corpus::Format,
        words: usize,
        entities: usize,
    }
    let rows = corpus.articles.iter().enumerate().map(|(i, a)| Row {
        id: &a.id,
        title: &a.title,
        date: a.date.as_deref(),
        source: a.source.as_deref(),
        url: a.url.as_deref(),
        author: a.author.as_deref(),
        path: &a.path,
        format: a.format,
        words: a.word_count(),
        entities: corpus.index.by_article.get(i).map_or(0, <[_]>::len),
    });
    if as_json {
        out.write_all(b"{\"articles\":")?;
        json_array(out, rows, |o, r| json(o, &r))?;
        return out.write_all(b"}\n");
    }
    for r in rows {
        writeln!(
            out,
            "{}  {:<10}  {:>6} words  {:>4} entities  {}  ({})",
            r.id,
            r.date.unwrap_or("-"),
            r.words,
            r.entities,
            r.title,
            r.path
        )?;
    }
    Ok(())
}

/// `byline entities`.
pub fn entities<W: Write>(
    corpus: &Corpus,
    kind: Option<Kind>,
    as_json: bool,
    out: &mut W,
) -> io::Result<()> {
    let selected = corpus
        .entities
        .iter()
        .enumerate()
        .filter(|(_, e)| kind.is_none_or(|k| e.kind == k));
    if as_json {
        out.write_all(b"{\"articles\":")?;
        json_array_par(
            out,
            &corpus.articles,
            |_| 1,
            |o, a| json(o, &ArticleRef::new(a)),
        )?;
        out.write_all(b",\"entities\":")?;
        let selected: Vec<&Entity> = selected.map(|(_, e)| e).collect();
        json_array_par(
            out,
            &selected,
            |e| e.mentions.len().saturating_add(1),
            |o, e| json(o, &entity_out(corpus, e)),
        )?;
        return out.write_all(b"}\n");
    }
    for (i, e) in selected {
        let articles = corpus.index.article_count.get(i).copied().unwrap_or(0);
        let others: Vec<&str> = e
            .aliases
            .iter()
            .filter(|a| **a != e.name)
            .map(String::as_str)
            .collect();
        write!(
            out,
            "{:>6} mentions {:>5} articles  {:<12}  {}",
            e.mentions.len(),
            articles,
            e.kind.as_str(),
            e.name
        )?;
        if others.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "  (also: {})", others.join(", "))?;
        }
    }
    Ok(())
}

fn entity_out<'a>(corpus: &'a Corpus, e: &'a Entity) -> EntityOut<'a> {
    EntityOut {
        name: &e.name,
        kind: e.kind,
        aliases: &e.aliases,
        mentions: e
            .mentions
            .iter()
            .filter_map(|m| {
                let a = corpus.articles.get(m.article as usize)?;
                Some(MentionOut {
                    article: &a.id,
                    start: m.start,
                    end: m.end,
                    text: mention_text(corpus, m.article, m.start, m.end),
                })
            })
            .collect(),
    }
}

/// `byline mentions NAME`: exit code 1 when no entity has that name.
pub fn mentions<W: Write>(
    corpus: &Corpus,
    name: &str,
    as_json: bool,
    out: &mut W,
) -> io::Result<i32> {
    let Some(ei) = corpus.index.lookup(name) else {
        eprintln!(
            "byline: no entity named '{}' (try `byline entities`)",
            crate::corpus::sanitize::sanitize_line(name)
        );
        return Ok(1);
    };
    let e = &corpus.entities[ei as usize];
    #[derive(Serialize)]
    struct Row<'a> {
        article: &'a str,
        path: &'a str,
        title: &'a str,
        start: u32,
        end: u32,
        text: &'a str,
        sentence: &'a str,
    }
    let rows = e.mentions.iter().filter_map(|m| {
        let a = corpus.articles.get(m.article as usize)?;
        let s = sentence_at(&a.text, m.start as usize);
        Some((
            m.article,
            Row {
                article: &a.id,
                path: &a.path,
                title: &a.title,
                start: m.start,
                end: m.end,
                text: mention_text(corpus, m.article, m.start, m.end),
                sentence: a.text.get(s).unwrap_or(""),
            },
        ))
    });
    if as_json {
        #[derive(Serialize)]
        struct Head<'a> {
            name: &'a str,
            kind: Kind,
            aliases: &'a [String],
        }
        out.write_all(b"{\"entity\":")?;
        json(
            out,
            &Head {
                name: &e.name,
                kind: e.kind,
                aliases: &e.aliases,
            },
        )?;
        out.write_all(b",\"mentions\":")?;
        json_array(out, rows, |o, (_, r)| json(o, &r))?;
        out.write_all(b"}\n")?;
        return Ok(0);
    }
    let articles = corpus
        .index
        .article_count
        .get(ei as usize)
        .copied()
        .unwrap_or(0);
    writeln!(
        out,
        "{} ({}): {} mentions in {} articles",
        e.name,
        e.kind,
        e.mentions.len(),
        articles
    )?;
    let mut last = None;
    for (ai, r) in rows {
        if last != Some(ai) {
            writeln!(out, "\n{}  ({})", r.title, r.path)?;
            last = Some(ai);
        }
        writeln!(out, "  {:>6}  {}", r.start, one_line(r.sentence))?;
    }
    Ok(0)
}

/// Finds an article by id, then exact path, then path suffix, then title substring.
fn find_article(corpus: &Corpus, key: &str) -> Option<ArticleIx> {
    let key_l = key.to_lowercase();
    let by = |f: &dyn Fn(&Article) -> bool| {
        corpus
            .articles
            .iter()
            .position(f)
            .and_then(|i| ArticleIx::try_from(i).ok())
    };
    by(&|a| a.id == key)
        .or_else(|| by(&|a| a.path == key))
        .or_else(|| by(&|a| a.path.ends_with(key) || a.file.ends_with(key)))
        .or_else(|| by(&|a| a.title.to_lowercase().contains(&key_l)))
}

/// `byline related ARTICLE`: exit code 1 when no article matches.
pub fn related<W: Write>(
    corpus: &Corpus,
    key: &str,
    limit: usize,
    as_json: bool,
    out: &mut W,
) -> io::Result<i32> {
    let Some(ai) = find_article(corpus, key) else {
        eprintln!(
            "byline: no article matches '{}' (give an id, a path or part of a title)",
            crate::corpus::sanitize::sanitize_line(key)
        );
        return Ok(1);
    };
    let a = &corpus.articles[ai as usize];
    let related = corpus.index.related(ai, limit);
    let names = |shared: &[u32]| -> Vec<&str> {
        shared
            .iter()
            .filter_map(|&e| corpus.entities.get(e as usize).map(|e| e.name.as_str()))
            .collect()
    };
    if as_json {
        #[derive(Serialize)]
        struct Row<'a> {
            id: &'a str,
            path: &'a str,
            title: &'a str,
            score: f32,
            shared: Vec<&'a str>,
        }
        out.write_all(b"{\"article\":")?;
        json(out, &ArticleRef::new(a))?;
        out.write_all(b",\"related\":")?;
        json_array(out, related.iter(), |o, r| {
            let b = &corpus.articles[r.article as usize];
            json(
                o,
                &Row {
                    id: &b.id,
                    path: &b.path,
                    title: &b.title,
                    score: r.score,
                    shared: names(&r.shared),
                },
            )
        })?;
        out.write_all(b"}\n")?;
        return Ok(0);
    }
    writeln!(out, "Related to: {}  ({})", a.title, a.path)?;
    if related.is_empty() {
        writeln!(out, "  (no article shares a named entity with it)")?;
    }
    for r in &related {
        let b = &corpus.articles[r.article as usize];
        let shared = names(&r.shared);
        let more = shared.len().saturating_sub(5);
        let mut shown = shared[..shared.len().min(5)].join(", ");
        if more > 0 {
            shown.push_str(&format!(" +{more}"));
        }
        writeln!(
            out,
            "{:>7.2}  {}  ({})\n         shares: {}",
            r.score, b.title, b.path, shown
        )?;
    }
    Ok(0)
}

/// `byline search QUERY`: exit code 1 when nothing matches.
pub fn search<W: Write>(
    corpus: &Corpus,
    query: &str,
    as_json: bool,
    out: &mut W,
) -> io::Result<i32> {
    let hits = crate::corpus::search::search(corpus, query);
    #[derive(Serialize)]
    struct Row<'a> {
        article: &'a str,
        path: &'a str,
        title: &'a str,
        start: usize,
        end: usize,
        context: &'a str,
    }
    let rows = hits.iter().map(|h| {
        let a = &corpus.articles[h.article as usize];
        Row {
            article: &a.id,
            path: &a.path,
            title: &a.title,
            start: h.start,
            end: h.end,
            context: a.text.get(h.context.clone()).unwrap_or(""),
        }
    });
    if as_json {
        #[derive(Serialize)]
        struct Head<'a> {
            query: &'a str,
        }
        out.write_all(b"{\"query\":")?;
        json(out, &Head { query }.query)?;
        out.write_all(b",\"matches\":")?;
        json_array(out, rows, |o, r| json(o, &r))?;
        out.write_all(b"}\n")?;
        return Ok(i32::from(hits.is_empty()));
    }
    for r in rows {
        writeln!(out, "{}:{}: {}", r.path, r.start, one_line(r.context))?;
    }
    Ok(i32::from(hits.is_empty()))
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parallel_arrays_keep_order_and_commas_across_batches() {
        for n in [0usize, 1, BATCH - 1, BATCH, BATCH + 1, 5 * BATCH + 7] {
            let items: Vec<usize> = (0..n).collect();
            let mut out = Vec::new();
            json_array_par(&mut out, &items, |_| 1, json).unwrap();
            let back: Vec<usize> = serde_json::from_slice(&out).unwrap();
            assert_eq!(back, items, "{n} items");
        }
    }

    #[test]
    fn heavy_items_make_short_batches_and_keep_their_order() {
        // Weights as entities' mention counts fall: a few huge, then many small.
        let items: Vec<usize> = (0..3 * BATCH)
            .map(|i| if i < 5 { BATCH_WEIGHT * 2 } else { 3 })
            .collect();
        let weight = |x: &usize| *x;
        assert_eq!(
            next_batch(&items, &weight),
            1,
            "a huge item is a batch alone"
        );
        assert_eq!(
            next_batch(&items[5..], &weight),
            BATCH,
            "small ones fill a batch"
        );
        let light = vec![BATCH_WEIGHT / 4; 10];
        assert_eq!(
            next_batch(&light, &weight),
            4,
            "the fourth brings it to the cap"
        );
        assert_eq!(next_batch::<usize>(&[], &weight), 0);
        let mut out = Vec::new();
        json_array_par(&mut out, &items, weight, json).unwrap();
        let back: Vec<usize> = serde_json::from_slice(&out).unwrap();
        assert_eq!(back, items);
    }

    #[test]
    fn a_failing_item_fails_the_array() {
        let items: Vec<usize> = (0..3 * BATCH).collect();
        let mut out = Vec::new();
        let r = json_array_par(
            &mut out,
            &items,
            |_| 1,
            |o, x| {
                if *x == BATCH + 3 {
                    return Err(io::Error::other("disk full"));
                }
                json(o, x)
            },
        );
        assert!(r.is_err());
    }
}
