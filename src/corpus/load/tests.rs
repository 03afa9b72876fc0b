//! Unit tests of `parse_file` and finishing: format dispatch, decoding warnings, caps, and
//! the no-panic property on arbitrary bytes and names.

use proptest::prelude::*;

use super::*;
use crate::corpus::sanitize::is_forbidden;

fn opts(cap: u64) -> LoadOptions {
    LoadOptions {
        max_file_bytes: cap,
    }
}

fn messages(p: &Parsed) -> Vec<String> {
    p.warnings.iter().map(ToString::to_string).collect()
}

#[test]
fn dispatches_by_extension_case_insensitively() {
    let o = LoadOptions::default();
    let cases: [(&str, &[u8], Format); 5] = [
        ("a.TXT", b"Title\n\nBody", Format::Text),
        ("b.Markdown", b"# T\n\nBody", Format::Markdown),
        ("c.htm", b"<p>Body</p>", Format::Html),
        ("d.ndjson", b"{\"text\":\"Body\"}", Format::JsonLines),
        ("e.weird", b"Body", Format::Text),
    ];
    for (name, bytes, format) in cases {
        let p = parse_file(name, bytes, &o);
        assert_eq!(p.drafts.len(), 1, "{name}");
        assert_eq!(p.drafts[0].1, format, "{name}");
        assert!(p.drafts[0].0.body.ends_with("Body"), "{name}");
        assert!(p.warnings.is_empty(), "{name}: {:?}", messages(&p));
    }
}

#[test]
fn empty_binary_and_lossy_files_are_named_in_warnings() {
    let o = LoadOptions::default();
    let p = parse_file("e.txt", b"", &o);
    assert!(p.drafts.is_empty());
    assert_eq!(messages(&p), ["e.txt: empty file, skipped"]);
    let p = parse_file("b.txt", b"GIF89a\x00\x01", &o);
    assert!(p.drafts.is_empty());
    assert_eq!(messages(&p), ["b.txt: binary file (NUL byte), skipped"]);
    let p = parse_file("l.txt", b"Caf\xe9 au lait", &o);
    assert_eq!(p.drafts[0].0.body, "Caf\u{FFFD} au lait");
    assert_eq!(
        messages(&p),
        ["l.txt: not valid UTF-8, decoded with replacement characters"]
    );
    // A big binary file is just binary: no size warning on top.
    let mut big = vec![0u8; 100];
    big.extend_from_slice(&[b'x'; 100]);
    let p = parse_file("big.bin", &big, &opts(50));
    assert_eq!(messages(&p), ["big.bin: binary file (NUL byte), skipped"]);
    assert!(!p.truncated);
    // Unknown extension full of control bytes but no NUL: still binary.
    let junk: Vec<u8> = (1u8..=8).cycle().take(500).collect();
    let p = parse_file("blob.dat", &junk, &o);
    assert!(p.drafts.is_empty());
    assert!(messages(&p)[0].contains("binary"));
    // A page with nothing readable is reported rather than loaded as an empty article.
    let p = parse_file("s.html", b"<script>x()</script>", &o);
    assert!(p.drafts.is_empty());
    assert_eq!(messages(&p), ["s.html: no readable text, skipped"]);
}

#[test]
fn html_declared_charset_is_used_when_bytes_are_not_utf8() {
    let page = b"<meta charset=windows-1252><title>Caf\xe9</title><p>cr\xe8me \x93quoted\x94</p>";
    let p = parse_file("p.html", page, &LoadOptions::default());
    assert!(p.warnings.is_empty(), "{:?}", messages(&p));
    assert_eq!(p.drafts[0].0.title.as_deref(), Some("Caf\u{e9}"));
    assert_eq!(p.drafts[0].0.body, "cr\u{e8}me \u{201c}quoted\u{201d}");
    // The same bytes as plain text are decoded lossily, with the warning.
    let p = parse_file("p.txt", page, &LoadOptions::default());
    assert_eq!(p.warnings.len(), 1);
}

#[test]
fn size_cap_cuts_and_the_article_gets_a_notice() {
    let mut bytes = "Head line\n\n".as_bytes().to_vec();
    bytes.extend("é".repeat(600).as_bytes());
    let p = parse_file("big.txt", &bytes, &opts(1024));
    assert!(p.truncated);
    assert_eq!(
        messages(&p),
        ["big.txt: larger than 1 KiB; only the first 1 KiB loaded"]
    );
    // The cut fell inside a two-byte character: no replacement character, no lossy warning.
    assert!(!p.drafts[0].0.body.contains('\u{FFFD}'));
    let a = articles_of(&p, "big.txt", Path::new("big.txt"), &opts(1024));
    assert_eq!(a.len(), 1);
    assert!(
        a[0].text
            .ends_with("larger than 1 KiB; the rest was not loaded.]")
    );
}

#[test]
fn escapes_in_names_and_fields_never_reach_output() {
    let name = "evil\u{1b}]0;title\u{7}\nname\u{202e}.jsonl";
    let line =
        "{\"title\":\"T\\u001b[2J\",\"text\":\"x\\u009b31m y\",\"author\":\"\\u202eA\"}\n{bad";
    let p = parse_file(name, line.as_bytes(), &LoadOptions::default());
    let d = &p.drafts[0].0;
    assert_eq!(d.title.as_deref(), Some("T"));
    assert_eq!(d.body, "x y");
    assert_eq!(d.author.as_deref(), Some("A"));
    assert_eq!(p.warnings[0].path, "evil name.jsonl");
    assert_eq!(
        p.warnings[0].message,
        "1 malformed JSON line skipped (line 2)"
    );
}

#[test]
fn finish_splits_long_paragraphs_and_caps_title() {
    // Distinct words, so no piece repeats another (the cleaner drops repeated paragraphs).
    let words: Vec<String> = (0..6_000).map(|i| format!("w{i}")).collect();
    let body = format!("{}\n\n{}", "t".repeat(500), words.join(" "));
    let p = parse_file("long.txt", body.as_bytes(), &LoadOptions::default());
    let a = articles_of(
        &p,
        "long.txt",
        Path::new("long.txt"),
        &LoadOptions::default(),
    );
    assert!(a[0].title.chars().count() <= text::MAX_TITLE_BYTES + 1);
    assert!(
        a[0].paragraphs()
            .iter()
            .all(|r| r.len() <= text::MAX_PARAGRAPH_BYTES)
    );
    assert_eq!(a[0].word_count(), 6_001);
}

#[test]
fn a_panic_in_one_file_becomes_one_warning() {
    let ok = isolated(
        "a.txt",
        "a.txt",
        Path::new("a.txt"),
        b"Hello",
        &LoadOptions::default(),
    );
    assert_eq!(ok.articles.len(), 1);
    let hit = fenced("bad\u{1b}[1m.txt", || panic!("parser bug at {}", 7));
    assert!(hit.articles.is_empty());
    assert_eq!(
        hit.warnings
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>(),
        ["bad.txt: could not be parsed: parser bug at 7"]
    );
}

fn arbitrary_name() -> impl Strategy<Value = String> {
    let ext = prop::sample::select(vec![
        "",
        ".txt",
        ".md",
        ".markdown",
        ".html",
        ".htm",
        ".jsonl",
        ".ndjson",
        ".bin",
        ".",
    ]);
    (any::<String>(), ext).prop_map(|(stem, ext)| format!("{stem}{ext}"))
}

fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    // Mix raw bytes with fragments of each format so the parsers get past their first check.
    let frag = prop::sample::select(vec![
        "---\ntitle: x\n---\n",
        "+++\ndate = 2020-01-01\n+++\n",
        "<div>",
        "</div>",
        "<p>",
        "<script>",
        "&amp;",
        "&#x1b;",
        "{\"text\":\"a\"}\n",
        "{",
        "\u{1b}]0;",
        "\n\n",
        "[",
        "](",
        "\u{feff}",
        "\r\n",
        "# h\n",
        "```\n",
        "<!--",
        "é",
    ]);
    let piece = prop_oneof![
        frag.prop_map(|s| s.as_bytes().to_vec()),
        prop::collection::vec(any::<u8>(), 0..16),
    ];
    prop::collection::vec(piece, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn parse_file_never_panics_and_output_is_clean(
        name in arbitrary_name(),
        bytes in arbitrary_bytes(),
        cap in prop::sample::select(vec![0u64, 7, 64, 1 << 20]),
    ) {
        let o = opts(cap);
        let p = parse_file(&name, &bytes, &o);
        let articles = articles_of(&p, &name, Path::new("x"), &o);
        for a in &articles {
            for s in [&a.title, &a.path].into_iter().chain(a.author.iter()).chain(a.url.iter()) {
                prop_assert!(!s.chars().any(|c| is_forbidden(c) || c == '\n'), "{s:?}");
            }
            prop_assert!(!a.text.chars().any(is_forbidden));
        }
        for w in &p.warnings {
            prop_assert!(!w.to_string().chars().any(|c| is_forbidden(c) || c == '\n'));
        }
    }
}

#[test]
fn the_built_in_sample_loads_cleanly_by_extension() {
    let l = load_sample();
    assert!(l.warnings.is_empty(), "{:?}", l.warnings);
    for (name, _) in crate::corpus::sample::FILES {
        let found: Vec<&Article> = l.articles.iter().filter(|a| a.path == *name).collect();
        assert!(!found.is_empty(), "{name} gave no article");
        let want = match extension(name).as_str() {
            "md" | "markdown" => Format::Markdown,
            "html" | "htm" => Format::Html,
            "jsonl" | "ndjson" => Format::JsonLines,
            _ => Format::Text,
        };
        assert!(
            found
                .iter()
                .all(|a| a.format == want && a.file == Path::new(name))
        );
    }
}
