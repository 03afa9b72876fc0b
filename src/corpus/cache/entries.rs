//! Per-file cache entries: reading the old ones, deciding per file whether to trust, re-hash or
//! parse, and writing the new ones. Every decoded value is checked before it is used.

use std::collections::HashMap;
use std::ops::Range;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::format::{CacheError, Reader, Section, Writer};
use super::stamp::Stamp;
use super::{FileLoader, Header, Source};
use crate::corpus::load::Loaded;
use crate::corpus::model::{Article, Entity, Text, Warning, pack_texts};
use crate::corpus::sanitize::sanitize_line;
use crate::corpus::{Corpus, Progress};

/// Article text bytes per shard: small enough that shards decode in parallel and a shard's
/// buffer is a small fraction of memory, large enough that a big corpus has few sections.
/// (Tiny under test, so the test corpora span several shards and their text buffers.)
/// Written while the corpus is all in memory, a shard's texts are copied into one string, so
/// that copy is kept to a couple of megabytes.
const SHARD_BYTES: usize = if cfg!(test) { 64 } else { 2 * 1024 * 1024 };
/// Entities per entity section: a few megabytes each, so they decode in parallel and no
/// decode buffer approaches the size of the whole entity table.
/// (Tiny under test, so the small sample corpus spans many sections too.)
const ENTITY_SHARD: usize = if cfg!(test) { 3 } else { 16 * 1024 };

/// One file's cached result, as decoded.
#[derive(Debug, Deserialize)]
pub struct Entry {
    path: String,
    rel: String,
    stamp: Option<Stamp>,
    hash: [u8; 32],
    articles: Vec<Article>,
    warnings: Vec<Warning>,
}

/// One file's result, borrowed from the corpus for writing. Field for field the same
/// encoding as [`Entry`] (postcard encodes `&str` as `String` and `&[T]` as `Vec<T>`).
#[derive(Serialize)]
struct EntryRef<'a> {
    path: std::borrow::Cow<'a, str>,
    rel: &'a str,
    stamp: Option<Stamp>,
    hash: [u8; 32],
    articles: &'a [Article],
    warnings: &'a [Warning],
}

/// One shard of file entries as written: the entries, and the length of each of their article
/// texts in order. The texts themselves are the shard's own section in [`Header::texts`],
/// written after the corpus is handed over (see [`finish_texts`]).
#[derive(Serialize, Default)]
struct ShardRef<'a> {
    entries: Vec<EntryRef<'a>>,
    lens: Vec<usize>,
}

/// One shard as decoded: field for field [`ShardRef`].
#[derive(Deserialize)]
struct Shard {
    entries: Vec<Entry>,
    lens: Vec<usize>,
}

impl Shard {
    /// The entries, each article given its text as a part of `texts`, the shard's texts
    /// section (one allocation per shard rather than one per article; see [`Text`]).
    ///
    /// # Errors
    /// Lengths that do not add up to the texts or that cut a character: a corrupt cache.
    fn into_entries(self, texts: String) -> Result<Vec<Entry>, CacheError> {
        let Shard { mut entries, lens } = self;
        let corrupt = || CacheError::Corrupt("article texts do not match their lengths".into());
        let buf = Arc::new(texts);
        let mut lens = lens.into_iter();
        let mut at = 0usize;
        for a in entries.iter_mut().flat_map(|e| e.articles.iter_mut()) {
            let end = lens
                .next()
                .and_then(|n| at.checked_add(n))
                .ok_or_else(corrupt)?;
            a.text = Text::slice(&buf, at..end).ok_or_else(corrupt)?;
            at = end;
        }
        if lens.next().is_some() || at != buf.len() {
            return Err(corrupt());
        }
        Ok(entries)
    }
}

/// Where one file's results lie in an assembled corpus.
#[derive(Debug)]
pub struct Span {
    /// The file's path on disk as a lossy string (the entry's key) and its relative display
    /// path, kept only when its first article does not already hold both: at 100,000 files
    /// a second copy of every path is tens of megabytes of peak memory.
    pub names: Option<Box<(String, String)>>,
    /// Its stamp when read (`None`: never trust it without reading).
    pub stamp: Option<Stamp>,
    /// blake3 of its bytes.
    pub hash: [u8; 32],
    /// Its articles in `corpus.articles`.
    pub articles: Range<usize>,
    /// Its warnings in `corpus.warnings`.
    pub warnings: Range<usize>,
}

impl Span {
    /// The span of a file whose path is `path` and display path `rel`, given its articles as
    /// they lie in the corpus: the names are kept only when the first article does not hold
    /// exactly them.
    #[must_use]
    pub fn new(
        path: String,
        rel: String,
        articles: &[Article],
        stamp: Option<Stamp>,
        hash: [u8; 32],
        ranges: (Range<usize>, Range<usize>),
    ) -> Span {
        let shared = articles
            .get(ranges.0.clone())
            .and_then(<[Article]>::first)
            .is_some_and(|a| a.path == rel && a.file.to_string_lossy() == path.as_str());
        Span {
            names: (!shared).then(|| Box::new((path, rel))),
            stamp,
            hash,
            articles: ranges.0,
            warnings: ranges.1,
        }
    }
}

/// How a file's articles were obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// From the cache, on the file's stamp alone.
    Trusted,
    /// From the cache, after reading the file and finding its hash unchanged.
    Rehashed,
    /// By parsing the file.
    Parsed,
}

/// One file's result from this load.
#[derive(Debug)]
pub struct FileDone {
    /// The file's path on disk, as a lossy string.
    pub path: String,
    /// Its relative display path.
    pub rel: String,
    /// Its stamp.
    pub stamp: Option<Stamp>,
    /// blake3 of its bytes (zero when it could not be read).
    pub hash: [u8; 32],
    /// Its articles and warnings.
    pub loaded: Loaded,
    /// How they were obtained.
    pub outcome: Outcome,
}

/// A previous cache, checked and decoded.
#[derive(Debug)]
pub struct Old {
    reader: Reader,
    built_ns: u64,
    /// The previous extraction's input fingerprint.
    pub fingerprint: [u8; 32],
    entities: Vec<Section>,
    /// The file entries in the order they were written (the previous walk's order), each
    /// taken out when a file claims it.
    entries: Vec<Option<Entry>>,
}

impl Old {
    /// Reads the cache at `path` if it was written by `program` for `key`.
    ///
    /// # Errors
    /// Any reason not to use it: missing, another format or program, corrupt.
    pub fn read(path: &Path, key: &str, program: &str) -> Result<Old, CacheError> {
        let (reader, header) = Reader::open::<Header>(path)?;
        if header.program != program {
            return Err(CacheError::Stale(format!("written by {}", header.program)));
        }
        if header.key != key {
            return Err(CacheError::Stale(
                "written for other paths or options".into(),
            ));
        }
        if header.texts.len() != header.shards.len() {
            return Err(CacheError::Corrupt(
                "file entries and their texts do not pair up".into(),
            ));
        }
        let shards: Vec<Vec<Entry>> = header
            .shards
            .par_iter()
            .zip(&header.texts)
            .map(|(s, t)| {
                let shard: Shard = reader.section(s)?;
                shard.into_entries(reader.section(t)?)
            })
            .collect::<Result<_, _>>()?;
        // Moved into one exactly sized list, a shard at a time: collecting the flattened
        // shards would grow the list by doubling, several copies of every entry at 100k files.
        let mut entries = Vec::with_capacity(shards.iter().map(Vec::len).sum());
        for shard in shards {
            entries.extend(shard.into_iter().map(Some));
        }
        Ok(Old {
            reader,
            built_ns: header.built_ns,
            fingerprint: header.fingerprint,
            entities: header.entities,
            entries,
        })
    }

    /// The cached entities, if they decode and every mention lies on character boundaries
    /// inside its article's text (the reader slices text by mentions).
    ///
    /// # Errors
    /// A section that fails its checksum or does not decode, or a mention that does not fit:
    /// a corrupt cache, whose extraction is then made again.
    pub fn entities(&self, articles: &[Article]) -> Result<Vec<Entity>, CacheError> {
        // Each section is decoded and checked on its own thread; the parts are then moved into
        // one exactly sized table (decoding one big list would grow it by doubling).
        let shapes: Vec<Shape> = articles
            .par_iter()
            .map(|a| Shape {
                len: a.text.len(),
                ascii: a.text.is_ascii(),
            })
            .collect();
        let parts: Vec<Vec<Entity>> = self
            .entities
            .par_iter()
            .map(|s| {
                let part: Vec<Entity> = self.reader.section(s)?;
                if part.iter().all(|e| mentions_fit(e, articles, &shapes)) {
                    Ok(part)
                } else {
                    Err(CacheError::Corrupt("a mention outside its article".into()))
                }
            })
            .collect::<Result<_, _>>()?;
        let mut entities = Vec::with_capacity(parts.iter().map(Vec::len).sum());
        for p in parts {
            entities.extend(p);
        }
        Ok(entities)
    }
}

/// What checking a mention against an article's text needs, packed small: at 100,000 articles
/// this table stays in the processor's cache while millions of mentions are checked in entity
/// order, where reaching into each text would miss the cache on nearly every mention.
#[derive(Debug, Clone, Copy)]
struct Shape {
    len: usize,
    /// Every byte offset up to `len` is a character boundary.
    ascii: bool,
}

/// Whether every mention of `e` lies on character boundaries inside its article's text (the
/// reader slices text by mentions). Only texts that are not plain ASCII are looked into.
fn mentions_fit(e: &Entity, articles: &[Article], shapes: &[Shape]) -> bool {
    e.mentions.iter().all(|m| {
        let (start, end) = (m.start as usize, m.end as usize);
        match shapes.get(m.article as usize) {
            Some(s) if s.ascii => start <= end && end <= s.len,
            Some(_) => articles
                .get(m.article as usize)
                .is_some_and(|a| start <= end && a.text.get(start..end).is_some()),
            None => false,
        }
    })
}

/// Loads every source, in parallel, reusing old entries where the file is unchanged. The old
/// entries are moved out of `old`, so reused articles are never copied. Each file read is
/// hashed only when `hashing` (a cache will be written): with the cache off the hash would
/// never be read, and hashing cost 2.5% of a cold run's CPU.
pub fn process(
    sources: &[Source],
    old: Option<&mut Old>,
    loader: &dyn FileLoader,
    hashing: bool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Vec<FileDone> {
    let total = sources.len();
    progress(Progress::Reading { done: 0, total });
    let count = AtomicUsize::new(0);
    let built_ns = old.as_ref().map_or(0, |o| o.built_ns);
    let entries = old
        .map(|o| std::mem::take(&mut o.entries))
        .unwrap_or_default();
    let mut prevs = match_entries(sources, entries).into_iter();
    let mut done = Vec::with_capacity(total);
    // In batches, each batch's texts packed into shared buffers as soon as it is read (see
    // `pack_texts`): the next batch's parsing reuses the memory the packed copies freed. Packed
    // once at the end, 200 MB of freed texts sat in the allocator beside their copies.
    for batch in sources.chunks(LOAD_BATCH) {
        let batch_prevs: Vec<Option<Entry>> = prevs.by_ref().take(batch.len()).collect();
        let mut files: Vec<FileDone> = batch
            .par_iter()
            .zip(batch_prevs.into_par_iter())
            .map(|(src, prev)| {
                let path = src.file.to_string_lossy().into_owned();
                let d = one(src, path, prev, built_ns, hashing, loader);
                let n = count.fetch_add(1, Ordering::Relaxed).saturating_add(1);
                progress(Progress::Reading { done: n, total });
                d
            })
            .collect();
        pack_texts(files.iter_mut().flat_map(|f| f.loaded.articles.iter_mut()));
        done.append(&mut files);
    }
    done
}

/// Files read per batch: a few megabytes of text, so packing holds little extra, and enough
/// files that the batch's last few barely idle the other threads.
const LOAD_BATCH: usize = 2048;

/// Pairs each source with its old entry (same path on disk and same display path), if any.
/// Entries of files no longer present are dropped here, before any parsing starts.
///
/// An unchanged folder walks in the order its cache was written, so each source is first
/// compared with the entry after the previous match; only the sources that miss (added,
/// removed or renamed files) are looked up by path, through a map built on the first miss.
fn match_entries(sources: &[Source], mut slots: Vec<Option<Entry>>) -> Vec<Option<Entry>> {
    // Nothing added, removed or moved: every entry is already in its file's place, and the
    // list is used as it is rather than copied.
    let in_place = slots.len() == sources.len()
        && sources.iter().zip(&slots).all(|(src, e)| {
            e.as_ref()
                .is_some_and(|e| e.path == src.file.to_string_lossy().as_ref())
        });
    if in_place {
        for (src, slot) in sources.iter().zip(slots.iter_mut()) {
            if slot.as_ref().is_some_and(|e| e.rel != src.rel) {
                *slot = None;
            }
        }
        return slots;
    }
    let mut by_path: Option<HashMap<String, usize>> = None;
    let mut next = 0usize;
    let prevs = sources
        .iter()
        .map(|src| {
            let path = src.file.to_string_lossy();
            let at_next = slots
                .get(next)
                .and_then(Option::as_ref)
                .is_some_and(|e| e.path == path.as_ref());
            let i = if at_next {
                Some(next)
            } else {
                by_path
                    .get_or_insert_with(|| {
                        slots
                            .iter()
                            .enumerate()
                            .filter_map(|(i, e)| Some((e.as_ref()?.path.clone(), i)))
                            .collect()
                    })
                    .get(path.as_ref())
                    .copied()
            };
            let i = i?;
            next = i + 1;
            slots
                .get_mut(i)
                .and_then(Option::take)
                .filter(|e| e.rel == src.rel)
        })
        .collect();
    drop(slots);
    prevs
}

/// Loads one file: trusts its entry on an unchanged, settled stamp; else reads it, and reuses
/// the entry when the content hash is unchanged; else parses it. Without `hashing` the hash
/// is left zero.
fn one(
    src: &Source,
    path: String,
    prev: Option<Entry>,
    built_ns: u64,
    hashing: bool,
    loader: &dyn FileLoader,
) -> FileDone {
    let stamp = src.stamp.or_else(|| Stamp::of(&src.file));
    let reuse = |e: Entry, stamp, outcome| FileDone {
        path: path.clone(),
        rel: src.rel.clone(),
        stamp,
        hash: e.hash,
        loaded: Loaded {
            articles: e.articles,
            warnings: e.warnings,
        },
        outcome,
    };
    let prev = match (stamp, prev) {
        (Some(s), Some(e)) if e.stamp == Some(s) && s.settled_before(built_ns) => {
            return reuse(e, stamp, Outcome::Trusted);
        }
        (_, prev) => prev,
    };
    match loader.read(&src.file) {
        Ok(bytes) => {
            let hash = if hashing {
                *blake3::hash(&bytes).as_bytes()
            } else {
                [0; 32]
            };
            if let Some(e) = prev.filter(|e| e.hash == hash) {
                return reuse(e, stamp, Outcome::Rehashed);
            }
            FileDone {
                loaded: loader.parse(src, &bytes),
                path,
                rel: src.rel.clone(),
                stamp,
                hash,
                outcome: Outcome::Parsed,
            }
        }
        Err(message) => FileDone {
            loaded: Loaded {
                articles: Vec::new(),
                warnings: vec![Warning {
                    path: sanitize_line(&path),
                    message,
                }],
            },
            path,
            rel: src.rel.clone(),
            // An unreadable file is never trusted next time: it is tried again.
            stamp: None,
            hash: [0; 32],
            outcome: Outcome::Parsed,
        },
    }
}

/// Starts writing the cache for `corpus`: its file entries, in shards, under a temporary name,
/// without the article texts. Returns each shard's articles, all that [`finish_texts`] needs
/// of them later: the file spans are freed as soon as this returns, before extraction, rather
/// than kept to the memory peak after it.
///
/// # Errors
/// Any encoding or I/O failure; the temporary file is then removed.
pub fn write_files(
    path: &Path,
    header: &mut Header,
    corpus: &Corpus,
    files: &[Span],
) -> Result<(Writer, Vec<Range<usize>>), CacheError> {
    let mut w = Writer::create(path)?;
    let mut shard = ShardRef::default();
    let mut shard_articles: Option<Range<usize>> = None;
    let mut shard_bytes = 0usize;
    let mut ranges = Vec::new();
    for s in files {
        let articles = corpus.articles.get(s.articles.clone()).unwrap_or_default();
        let (path, rel) = match (&s.names, articles.first()) {
            (Some(n), _) => (std::borrow::Cow::Borrowed(n.0.as_str()), n.1.as_str()),
            (None, Some(a)) => (a.file.to_string_lossy(), a.path.as_str()),
            // Not made by `Span::new`; such a file is simply not cached.
            (None, None) => continue,
        };
        shard.entries.push(EntryRef {
            path,
            rel,
            stamp: s.stamp,
            hash: s.hash,
            articles,
            warnings: corpus.warnings.get(s.warnings.clone()).unwrap_or_default(),
        });
        // A file's articles follow the previous file's in the corpus, so a shard's articles
        // are one run of them.
        let run = shard_articles.get_or_insert(s.articles.clone());
        run.end = s.articles.end;
        for a in articles {
            shard.lens.push(a.text.len());
            shard_bytes += a.text.len();
        }
        if shard_bytes >= SHARD_BYTES {
            header.shards.push(w.section(&shard)?);
            ranges.push(shard_articles.take().unwrap_or_default());
            shard = ShardRef::default();
            shard_bytes = 0;
        }
    }
    if !shard.entries.is_empty() {
        header.shards.push(w.section(&shard)?);
        ranges.push(shard_articles.take().unwrap_or_default());
    }
    Ok((w, ranges))
}

/// Adds the entities to a cache file [`write_files`] started.
///
/// # Errors
/// Any encoding or I/O failure.
pub fn write_entities(
    w: &mut Writer,
    header: &mut Header,
    entities: &[Entity],
) -> Result<(), CacheError> {
    for part in entities.chunks(ENTITY_SHARD) {
        header.entities.push(w.section(part)?);
    }
    Ok(())
}

/// Ends a cache file: each shard's article texts (`shards` from [`write_files`]), then the
/// header; then renames it into place. The texts are most of the file's bytes.
///
/// # Errors
/// Any encoding or I/O failure; the temporary file is then removed.
pub fn finish_texts(
    mut w: Writer,
    mut header: Header,
    articles: &[Article],
    shards: &[Range<usize>],
) -> Result<(), CacheError> {
    // One buffer for every shard's texts: a couple of megabytes, reused.
    let mut texts = String::new();
    for r in shards {
        texts.clear();
        for a in articles.get(r.clone()).unwrap_or_default() {
            texts.push_str(&a.text);
        }
        header.texts.push(w.section(texts.as_str())?);
    }
    w.finish(&header)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(path: &str, rel: &str) -> Entry {
        Entry {
            path: path.into(),
            rel: rel.into(),
            stamp: None,
            hash: [0; 32],
            articles: Vec::new(),
            warnings: Vec::new(),
        }
    }

    fn source(path: &str, rel: &str) -> Source {
        Source {
            file: path.into(),
            rel: rel.into(),
            stamp: None,
        }
    }

    /// The display path of each source's matched entry ("-" for none).
    fn matched(sources: &[Source], entries: Vec<Entry>) -> Vec<String> {
        match_entries(sources, entries.into_iter().map(Some).collect())
            .into_iter()
            .map(|e| e.map_or("-".into(), |e| e.rel))
            .collect()
    }

    /// A shard of two files, the first with two articles, as [`Shard`] decodes it, with the
    /// lengths of their texts in `lens`.
    fn shard(lens: Vec<usize>) -> Shard {
        let mut a = entry("/c/a", "a");
        a.articles = vec![Article::from_text(""), Article::from_text("")];
        let mut b = entry("/c/b", "b");
        b.articles = vec![Article::from_text("")];
        Shard {
            entries: vec![a, b],
            lens,
        }
    }

    #[test]
    fn a_shard_gives_each_article_its_part_of_the_packed_texts() {
        let entries = shard(vec![3, 6, 5])
            .into_entries("OneÉmileThree".into())
            .unwrap();
        let texts: Vec<&str> = entries
            .iter()
            .flat_map(|e| &e.articles)
            .map(|a| a.text.as_str())
            .collect();
        assert_eq!(texts, ["One", "Émile", "Three"]);
        // One buffer for the whole shard, not one per article.
        let buffers: std::collections::HashSet<_> = entries
            .iter()
            .flat_map(|e| &e.articles)
            .map(|a| a.text.buffer().0)
            .collect();
        assert_eq!(buffers.len(), 1);
    }

    #[test]
    fn text_lengths_that_do_not_fit_the_packed_texts_are_corrupt() {
        let texts = "OneÉmileThree";
        for (lens, why) in [
            (vec![3, 6, 4], "one byte left over"),
            (vec![3, 6, 6], "past the end"),
            (vec![3, 6], "an article without a length"),
            (vec![3, 6, 5, 0], "a length without an article"),
            (vec![4, 5, 5], "a cut inside the É"),
            (vec![3, usize::MAX, 5], "an overflowing length"),
        ] {
            let r = shard(lens).into_entries(texts.into());
            assert!(
                matches!(r, Err(CacheError::Corrupt(_))),
                "{why}: {:?}",
                r.map(|_| ())
            );
        }
    }

    fn abc() -> Vec<Entry> {
        vec![entry("/c/a", "a"), entry("/c/b", "b"), entry("/c/c", "c")]
    }

    #[test]
    fn entries_pair_with_their_files_in_any_order() {
        let same = [
            source("/c/a", "a"),
            source("/c/b", "b"),
            source("/c/c", "c"),
        ];
        assert_eq!(matched(&same, abc()), ["a", "b", "c"]);
        let shifted = [
            source("/c/b", "b"),
            source("/c/c", "c"),
            source("/c/d", "d"),
        ];
        assert_eq!(matched(&shifted, abc()), ["b", "c", "-"]);
        let reversed = [
            source("/c/c", "c"),
            source("/c/b", "b"),
            source("/c/a", "a"),
        ];
        assert_eq!(matched(&reversed, abc()), ["c", "b", "a"]);
        let inserted = [
            source("/c/a", "a"),
            source("/c/n", "n"),
            source("/c/b", "b"),
        ];
        assert_eq!(matched(&inserted, abc()), ["a", "-", "b"]);
    }

    #[test]
    fn an_entry_is_used_once_and_only_under_its_display_path() {
        let twice = [source("/c/a", "a"), source("/c/a", "a")];
        assert_eq!(matched(&twice, abc()), ["a", "-"]);
        let renamed = [source("/c/a", "other"), source("/c/b", "b")];
        assert_eq!(matched(&renamed, abc()), ["-", "b"]);
        let renamed_in_place = [
            source("/c/a", "a"),
            source("/c/b", "x"),
            source("/c/c", "c"),
        ];
        assert_eq!(matched(&renamed_in_place, abc()), ["a", "-", "c"]);
        assert_eq!(matched(&[source("/c/a", "a")], Vec::new()), ["-"]);
    }
}
