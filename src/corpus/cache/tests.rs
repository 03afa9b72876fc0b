//! Cache tests on real temporary folders: round trip, a changed file re-read alone, corrupt and
//! stale caches ignored, atomic writes.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use super::format::{Reader, Writer};
use super::source::DiskLoader;
use super::*;
use crate::corpus::model::{Entity, Mention};

/// Wraps the real loader and counts what it is asked to do.
struct Counting<'a> {
    inner: DiskLoader<'a>,
    reads: AtomicUsize,
    parses: AtomicUsize,
}

impl FileLoader for Counting<'_> {
    fn read(&self, file: &Path) -> Result<Vec<u8>, String> {
        self.reads.fetch_add(1, Ordering::Relaxed);
        self.inner.read(file)
    }
    fn parse(&self, src: &Source, bytes: &[u8]) -> Loaded {
        self.parses.fetch_add(1, Ordering::Relaxed);
        self.inner.parse(src, bytes)
    }
}

struct Run {
    corpus: Corpus,
    report: Report,
    reads: usize,
    parses: usize,
}

fn run(root: &Path, cache: &CacheOptions) -> Run {
    let roots = vec![root.to_path_buf()];
    let opts = LoadOptions::default();
    let (sources, walk_warnings) = source::walk(&roots).unwrap();
    let loader = Counting {
        inner: DiskLoader { opts: &opts },
        reads: AtomicUsize::new(0),
        parses: AtomicUsize::new(0),
    };
    let job = Job {
        roots: &roots,
        sources,
        walk_warnings,
        opts: &opts,
        overrides: &Overrides::default(),
        cache,
    };
    let (corpus, report) = build_with(job, &loader, &|_| {});
    Run {
        corpus,
        report,
        reads: loader.reads.into_inner(),
        parses: loader.parses.into_inner(),
    }
}

/// Three short articles in our own words.
fn corpus_dir() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    let files = [
        (
            "a/quarry.txt",
            "Quarry reopens near Tollin\n\nThe Tollin quarry will reopen in May, said Ines Marrow of Brackwater Stone.",
        ),
        (
            "a/ferry.txt",
            "Ferry delayed again\n\nIns Marrow said the Tollin ferry would wait for calmer seas.",
        ),
        (
            "b/choir.txt",
            "Choir wins regional prize\n\nThe Brackwater Singers took first place in Dunmere on Saturday.",
        ),
    ];
    for (name, text) in files {
        let p = d.path().join(name);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    d
}

fn cache_files(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| rd.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    v.sort();
    v
}

fn only_cache_file(dir: &Path) -> PathBuf {
    let files = cache_files(dir);
    assert_eq!(files.len(), 1, "exactly one cache file: {files:?}");
    files[0].clone()
}

fn assert_same(a: &Corpus, b: &Corpus) {
    assert_eq!(a.articles, b.articles);
    assert_eq!(a.entities, b.entities);
    assert_eq!(a.warnings, b.warnings);
    assert_eq!(a.index.by_article, b.index.by_article);
}

#[test]
fn round_trip_reuses_every_file_and_the_extraction() {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    let first = run(d.path(), &cache);
    assert_eq!(first.parses, 3);
    assert!(first.report.written, "{:?}", first.report);
    assert!(!first.report.extraction_reused);
    let second = run(d.path(), &cache);
    assert_eq!(second.parses, 0, "{:?}", second.report);
    assert_eq!(second.report.trusted + second.report.rehashed, 3);
    assert!(second.report.extraction_reused, "{:?}", second.report);
    assert_same(&first.corpus, &second.corpus);
    // And the same as no cache at all.
    let plain = run(d.path(), &CacheOptions::disabled());
    assert_same(&plain.corpus, &second.corpus);
    only_cache_file(c.path());
}

#[test]
fn a_changed_file_is_re_read_alone_and_settled_files_are_not_read() {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    // Let the files' times settle, so the cache may trust them on their stamps.
    std::thread::sleep(stamp::RACY_WINDOW + std::time::Duration::from_millis(200));
    run(d.path(), &cache);
    let unchanged = run(d.path(), &cache);
    assert_eq!((unchanged.reads, unchanged.parses), (0, 0));
    assert_eq!(unchanged.report.trusted, 3);
    assert!(
        !unchanged.report.written,
        "nothing changed, nothing written"
    );

    let changed = d.path().join("a/ferry.txt");
    std::fs::write(
        &changed,
        "Ferry sails at last\n\nIns Marrow waved from the Tollin pier.",
    )
    .unwrap();
    let after = run(d.path(), &cache);
    assert_eq!((after.reads, after.parses), (1, 1), "{:?}", after.report);
    assert_eq!(after.report.trusted, 2);
    assert!(!after.report.extraction_reused);
    let titles: Vec<&str> = after
        .corpus
        .articles
        .iter()
        .map(|a| a.title.as_str())
        .collect();
    assert!(titles.contains(&"Ferry sails at last"), "{titles:?}");
    assert_same(
        &after.corpus,
        &run(d.path(), &CacheOptions::disabled()).corpus,
    );
}

#[test]
fn a_touched_but_identical_file_is_rehashed_not_parsed() {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    run(d.path(), &cache);
    let p = d.path().join("b/choir.txt");
    let text = std::fs::read(&p).unwrap();
    std::fs::remove_file(&p).unwrap();
    std::fs::write(&p, text).unwrap();
    let again = run(d.path(), &cache);
    assert_eq!(again.parses, 0, "{:?}", again.report);
    assert!(again.report.extraction_reused);
}

#[test]
fn added_and_removed_files_update_the_corpus() {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    run(d.path(), &cache);
    std::fs::remove_file(d.path().join("a/quarry.txt")).unwrap();
    std::fs::write(
        d.path().join("b/new.txt"),
        "Market day\n\nStalls filled Dunmere.",
    )
    .unwrap();
    let r = run(d.path(), &cache);
    assert_eq!(r.parses, 1);
    assert!(!r.report.extraction_reused);
    assert_same(&r.corpus, &run(d.path(), &CacheOptions::disabled()).corpus);
}

/// Runs after damaging the cache file with `damage`, and checks the cache was rejected with a
/// reason containing `why`, everything was parsed again, and the result is right.
fn rejected_after(damage: impl Fn(&Path), why: &str) {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    let first = run(d.path(), &cache);
    damage(&only_cache_file(c.path()));
    let r = run(d.path(), &cache);
    let reason = r.report.rejected.clone().unwrap_or_default();
    assert!(reason.contains(why), "{why:?} in {:?}", r.report);
    assert_eq!(r.parses, 3);
    assert!(r.report.written, "a rejected cache is rebuilt");
    assert_same(&first.corpus, &r.corpus);
    // The rebuilt cache is good again.
    assert_eq!(run(d.path(), &cache).parses, 0);
}

/// The length of the cache file a first run over the test corpus writes, and where its
/// sections of each kind lie: file entries, their texts, entities.
fn cache_layout() -> (u64, [Vec<std::ops::Range<u64>>; 3]) {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    run(d.path(), &CacheOptions::in_dir(c.path()));
    let path = only_cache_file(c.path());
    let (_, header) = Reader::open::<Header>(&path).unwrap();
    let spans = |v: &[Section]| v.iter().map(|s| s.offset..s.offset + s.len).collect();
    let len = std::fs::metadata(&path).unwrap().len();
    (
        len,
        [
            spans(&header.shards),
            spans(&header.texts),
            spans(&header.entities),
        ],
    )
}

/// Flips one bit of the byte at `at`.
fn flip(at: u64) -> impl Fn(&Path) {
    move |p| {
        let mut b = std::fs::read(p).unwrap();
        b[usize::try_from(at).unwrap()] ^= 0x20;
        std::fs::write(p, b).unwrap();
    }
}

#[test]
fn a_flipped_byte_anywhere_is_found_and_the_cache_rebuilt() {
    let (len, [shards, texts, entities]) = cache_layout();
    assert!(!shards.is_empty() && !texts.is_empty() && !entities.is_empty());
    let middle = |r: &std::ops::Range<u64>| r.start + (r.end - r.start) / 2;
    // Past the magic and version, every byte is covered by a checksum or bounds check: the
    // prefix's offsets and hash, each file-entry section and texts section, the header.
    let mut at = vec![20, 40, len - 40, len - 1];
    at.extend(shards.iter().chain(&texts).map(middle));
    for a in at {
        assert!(!entities.iter().any(|r| r.contains(&a)));
        rejected_after(flip(a), "corrupt");
    }
}

#[test]
fn a_flipped_byte_in_the_extraction_makes_it_again_from_the_cached_files() {
    let (_, [_, _, entities]) = cache_layout();
    for r in &entities {
        let d = corpus_dir();
        let c = tempfile::tempdir().unwrap();
        let cache = CacheOptions::in_dir(c.path());
        let first = run(d.path(), &cache);
        flip(r.start + (r.end - r.start) / 2)(&only_cache_file(c.path()));
        let again = run(d.path(), &cache);
        let reason = again.report.rejected.clone().unwrap_or_default();
        assert!(reason.contains("corrupt"), "{:?}", again.report);
        assert_eq!(again.parses, 0, "the file entries were still good");
        assert!(!again.report.extraction_reused);
        assert!(again.report.written, "the cache is written again");
        assert_same(&first.corpus, &again.corpus);
        assert!(run(d.path(), &cache).report.extraction_reused);
    }
}

#[test]
fn truncated_and_foreign_files_are_ignored() {
    rejected_after(
        |p| {
            let b = std::fs::read(p).unwrap();
            std::fs::write(p, &b[..b.len() / 2]).unwrap();
        },
        "corrupt",
    );
    rejected_after(
        |p| std::fs::write(p, b"{\"not\": \"a cache\"}").unwrap(),
        "format",
    );
    rejected_after(|p| std::fs::write(p, b"").unwrap(), "format");
}

#[test]
fn another_format_version_is_stale() {
    rejected_after(
        |p| {
            let mut b = std::fs::read(p).unwrap();
            b[8..12].copy_from_slice(&(format::FORMAT_VERSION + 1).to_le_bytes());
            std::fs::write(p, b).unwrap();
        },
        "format version",
    );
}

#[test]
fn another_program_build_is_stale() {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let old = CacheOptions {
        program: "byline 0.0.1 older".into(),
        ..CacheOptions::in_dir(c.path())
    };
    run(d.path(), &old);
    let r = run(d.path(), &CacheOptions::in_dir(c.path()));
    assert!(
        r.report.rejected.as_deref().unwrap_or("").contains("stale"),
        "{:?}",
        r.report
    );
    assert_eq!(r.parses, 3);
}

/// Rewrites the cache in `cache_dir` with valid checksums but `entities` in place of the
/// extraction it held.
fn rewrite_entities(cache_dir: &Path, entities: &[Entity]) {
    let path = only_cache_file(cache_dir);
    let (reader, mut header) = Reader::open::<Header>(&path).unwrap();
    let raw = |sections: &[Section]| -> Vec<Vec<u8>> {
        sections
            .iter()
            .map(|s| {
                let mut f = std::fs::File::open(&path).unwrap();
                let mut buf = vec![0u8; usize::try_from(s.len).unwrap()];
                std::io::Seek::seek(&mut f, std::io::SeekFrom::Start(s.offset)).unwrap();
                std::io::Read::read_exact(&mut f, &mut buf).unwrap();
                buf
            })
            .collect()
    };
    let (shards, texts) = (raw(&header.shards), raw(&header.texts));
    drop(reader);
    let mut w = Writer::create(&path).unwrap();
    header.shards = shards.iter().map(|b| w.raw_section(b).unwrap()).collect();
    header.texts = texts.iter().map(|b| w.raw_section(b).unwrap()).collect();
    header.entities = vec![w.section(&entities).unwrap()];
    w.finish(&header).unwrap();
}

/// An entity with one mention, `start..end` of article `article`.
fn one_mention(article: u32, start: u32, end: u32) -> Entity {
    Entity {
        name: "Nowhere".into(),
        kind: crate::corpus::Kind::Place,
        aliases: vec!["Nowhere".into()],
        mentions: vec![Mention {
            article,
            start,
            end,
        }],
    }
}

/// Whether a cache whose extraction was replaced by `entities` is reused on the next load
/// (the file entries themselves must stay good either way).
fn reused_with(dir: &Path, entities: impl Fn(&Corpus) -> Vec<Entity>) -> bool {
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    let first = run(dir, &cache);
    rewrite_entities(c.path(), &entities(&first.corpus));
    let r = run(dir, &cache);
    assert_eq!(r.parses, 0, "the file entries are still good");
    if !r.report.extraction_reused {
        assert!(r.corpus.entities.iter().all(|e| e.name != "Nowhere"));
    }
    r.report.extraction_reused
}

#[test]
fn mentions_outside_their_article_are_never_trusted() {
    let d = corpus_dir();
    let len = |c: &Corpus| u32::try_from(c.articles[0].text.len()).unwrap();
    assert!(
        reused_with(d.path(), |c| vec![one_mention(0, 0, len(c))]),
        "a whole-article mention fits"
    );
    assert!(!reused_with(d.path(), |c| vec![one_mention(
        0,
        len(c),
        len(c) + 5
    )]));
    assert!(!reused_with(d.path(), |_| vec![one_mention(0, 5, 4)]));
    assert!(!reused_with(d.path(), |_| vec![one_mention(3, 0, 1)]));
}

#[test]
fn mentions_inside_a_character_are_never_trusted() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("cafe.txt"),
        "Caf\u{e9} opens in Tollin\n\nThe caf\u{e9} on Mill Road opened on Monday, said \u{d3}rla Venn.",
    )
    .unwrap();
    // Where the text's first two-byte character starts: one byte on is inside it.
    let at = |c: &Corpus| u32::try_from(c.articles[0].text.find('\u{e9}').unwrap()).unwrap();
    assert!(
        reused_with(d.path(), |c| vec![one_mention(0, at(c), at(c) + 2)]),
        "a mention of the whole character fits"
    );
    assert!(!reused_with(d.path(), |c| vec![one_mention(
        0,
        at(c),
        at(c) + 1
    )]));
    assert!(!reused_with(d.path(), |c| vec![one_mention(
        0,
        at(c) + 1,
        at(c) + 2
    )]));
}

#[test]
fn a_streamed_section_is_the_value_encoded_whole_and_hashed() {
    // Sections are encoded straight to the file; the bytes, length and hash must be those of
    // the whole encoding, which is what a reader checks and decodes.
    let c = tempfile::tempdir().unwrap();
    let dest = c.path().join("corpus-s.bin");
    let long = "Grace Hopper. ".repeat(10_000);
    let value = (vec![3u32, 1, 4], long.clone(), "Émile".to_owned());
    let mut w = Writer::create(&dest).unwrap();
    let first = w.section(&vec![9u8; 5]).unwrap();
    let s = w.section(&value).unwrap();
    w.finish(&(first, s)).unwrap();
    let whole = postcard::to_stdvec(&value).unwrap();
    let bytes = std::fs::read(&dest).unwrap();
    let at = usize::try_from(s.offset).unwrap();
    assert_eq!(s.len, whole.len() as u64);
    assert_eq!(&bytes[at..at + whole.len()], whole.as_slice());
    assert_eq!(s.hash, *blake3::hash(&whole).as_bytes());
    let (r, (back_first, back)) =
        Reader::open::<(format::Section, format::Section)>(&dest).unwrap();
    assert_eq!(r.section::<Vec<u8>>(&back_first).unwrap(), vec![9u8; 5]);
    let got: (Vec<u32>, String, String) = r.section(&back).unwrap();
    assert_eq!(got, value);
}

#[test]
fn a_failed_write_leaves_no_file_behind() {
    let c = tempfile::tempdir().unwrap();
    let dest = c.path().join("corpus-x.bin");
    {
        let mut w = Writer::create(&dest).unwrap();
        w.section(&vec![1u32, 2, 3]).unwrap();
        // Dropped without finish: as if the process failed half way.
    }
    assert!(
        cache_files(c.path()).is_empty(),
        "{:?}",
        cache_files(c.path())
    );
    let mut w = Writer::create(&dest).unwrap();
    let s = w.section(&vec![7u32, 8]).unwrap();
    w.finish(&s).unwrap();
    assert_eq!(cache_files(c.path()), vec![dest.clone()]);
    let (r, back) = Reader::open::<format::Section>(&dest).unwrap();
    assert_eq!(r.section::<Vec<u32>>(&back).unwrap(), vec![7, 8]);
}

#[cfg(unix)]
#[test]
fn an_unencodable_corpus_writes_nothing_and_still_loads() {
    use std::os::unix::ffi::OsStrExt;
    let d = corpus_dir();
    // A file name that is not UTF-8 cannot be stored by the cache's encoding.
    let odd = d.path().join(std::ffi::OsStr::from_bytes(b"odd-\xff.txt"));
    std::fs::write(&odd, "Odd name\n\nStill an article about Dunmere.").unwrap();
    let c = tempfile::tempdir().unwrap();
    let r = run(d.path(), &CacheOptions::in_dir(c.path()));
    assert_eq!(r.corpus.articles.len(), 4);
    assert!(!r.report.written);
    assert!(r.report.write_error.is_some());
    assert!(
        cache_files(c.path()).is_empty(),
        "{:?}",
        cache_files(c.path())
    );
}

#[test]
fn a_disabled_cache_writes_nothing() {
    let d = corpus_dir();
    let r = run(d.path(), &CacheOptions::disabled());
    assert_eq!(r.parses, 3);
    assert!(!r.report.written && r.report.rejected.is_none());
}

#[test]
fn cached_and_uncached_loads_agree_on_every_format() {
    // The sample corpus has every supported format; written to disk, it must load the same
    // through the cache (first and second time) as through the plain loader.
    let d = tempfile::tempdir().unwrap();
    for (name, bytes) in crate::corpus::sample::FILES {
        std::fs::write(d.path().join(name), bytes).unwrap();
    }
    std::fs::write(d.path().join("empty.txt"), "").unwrap();
    let paths = vec![d.path().to_path_buf()];
    let opts = LoadOptions::default();
    let overrides = Overrides::default();
    let plain = Corpus::open(&paths, &opts, &overrides).unwrap();
    assert!(plain.articles.len() > 10 && !plain.warnings.is_empty());
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    for round in 0..2 {
        let (cached, report) = load_or_build(&paths, &opts, &overrides, &cache, &|_| {}).unwrap();
        assert_same(&plain, &cached);
        assert_eq!(report.parsed == 0, round == 1, "{report:?}");
    }
}

#[test]
fn entities_span_several_sections_and_a_damaged_one_means_re_extraction() {
    let d = corpus_dir();
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    let first = run(d.path(), &cache);
    let path = only_cache_file(c.path());
    let (_, header) = Reader::open::<Header>(&path).unwrap();
    // Under test a section holds 3 entities, so this small corpus needs several.
    assert!(header.entities.len() > 1, "{:?}", header.entities);
    let second = run(d.path(), &cache);
    assert!(second.report.extraction_reused, "{:?}", second.report);
    assert_same(&first.corpus, &second.corpus);
    // A flipped byte in the last entity section: the file entries are still trusted, the
    // extraction is not, and redoing it gives the same entities.
    let last = header.entities.last().unwrap();
    let mut b = std::fs::read(&path).unwrap();
    b[usize::try_from(last.offset + last.len / 2).unwrap()] ^= 0x20;
    std::fs::write(&path, b).unwrap();
    let third = run(d.path(), &cache);
    assert_eq!(third.parses, 0);
    assert!(!third.report.extraction_reused, "{:?}", third.report);
    assert_same(&first.corpus, &third.corpus);
    assert_eq!(first.corpus.index.postings, third.corpus.index.postings);
}

#[test]
fn a_file_with_only_warnings_is_cached_under_its_own_names() {
    // Files with articles are written under their first article's names; a file without any
    // (empty here) keeps its own, and is still trusted next time.
    let d = corpus_dir();
    std::fs::write(d.path().join("b/empty.txt"), "").unwrap();
    // Settled before the first build, so the second can trust every stamp.
    std::thread::sleep(stamp::RACY_WINDOW);
    let c = tempfile::tempdir().unwrap();
    let cache = CacheOptions::in_dir(c.path());
    let first = run(d.path(), &cache);
    assert!(
        first
            .corpus
            .warnings
            .iter()
            .any(|w| w.path.contains("empty.txt"))
    );
    let second = run(d.path(), &cache);
    assert_eq!((second.reads, second.parses), (0, 0), "{:?}", second.report);
    assert_same(&first.corpus, &second.corpus);
}

#[test]
fn writing_a_cache_removes_the_least_recently_used_others_past_the_limit() {
    let c = tempfile::tempdir().unwrap();
    let (a, b, third) = (corpus_dir(), corpus_dir(), corpus_dir());
    // Files this new would be re-hashed, and their caches written again, on every reopen.
    std::thread::sleep(stamp::RACY_WINDOW + std::time::Duration::from_millis(200));
    let cache_of = |d: &tempfile::TempDir| {
        c.path().join(file_name(
            &corpus_key(&[d.path().to_path_buf()], &LoadOptions::default()).0,
        ))
    };
    let unlimited = CacheOptions::in_dir(c.path());
    assert_eq!(run(a.path(), &unlimited).report.trimmed, 0);
    let one = std::fs::metadata(cache_of(&a)).unwrap().len();
    // Room for two of these cache files, not three.
    let limited = CacheOptions {
        max_bytes: one * 5 / 2,
        ..CacheOptions::in_dir(c.path())
    };
    let r = run(b.path(), &limited);
    assert!(r.report.written && r.report.trimmed == 0, "{:?}", r.report);
    // A reopen of the first corpus, unchanged, writes nothing but marks its cache as used.
    std::thread::sleep(std::time::Duration::from_millis(20));
    let r = run(a.path(), &limited);
    assert!(
        r.report.extraction_reused && !r.report.written,
        "{:?}",
        r.report
    );
    assert_eq!(r.reads, 0, "trusted on the files' stamps");
    let r = run(third.path(), &limited);
    assert_eq!(r.report.trimmed, 1, "{:?}", r.report);
    assert!(cache_of(&a).exists(), "used last before the third: kept");
    assert!(!cache_of(&b).exists(), "the least recently used: removed");
    assert!(cache_of(&third).exists(), "the one just written: kept");
    // The removed one is only a slower open: rebuilt from its files, with the same result.
    let again = run(b.path(), &limited);
    assert_eq!(again.parses, 3);
    assert_eq!(
        again.corpus.entities,
        run(a.path(), &limited).corpus.entities
    );
}
