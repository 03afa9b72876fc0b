//! The text of `byline bookmarks` (table and JSON) and `byline bookmarks export` (Markdown),
//! including orphan markers and hostile strings from a hand-edited state file.

use std::fs;
use std::path::PathBuf;

use byline::corpus::{Article, Format};
use byline::persist::{
    Bookmark, State, write_bookmarks_json, write_bookmarks_markdown, write_bookmarks_text,
};

fn article(id: &str, title: &str, text: &str) -> Article {
    Article {
        id: id.into(),
        path: format!("news/{id}.txt"),
        file: PathBuf::from(format!("news/{id}.txt")),
        line: None,
        title: title.into(),
        date: None,
        source: None,
        url: None,
        author: None,
        format: Format::Text,
        text: format!("{title}\n\n{text}").into(),
        lead: 1,
    }
}

/// Two bookmarks: one whose article is in the corpus, one whose article is gone.
fn fixture() -> (Vec<Bookmark>, Vec<Article>) {
    let kept = article("k1", "Kept Story", "Rain is coming. Bring a coat today.");
    let gone = article("g1", "Gone Story", "This text will vanish. Entirely so.");
    let b1 = Bookmark::new(&kept, kept.text.find("Bring").unwrap(), Some("pack".into()));
    let b2 = Bookmark::new(&gone, gone.text.find("This").unwrap(), None);
    (vec![b1, b2], vec![kept])
}

/// One of the three writers, writing into a buffer.
type Writer = fn(&mut Vec<u8>, &[Bookmark], Option<&[Article]>) -> std::io::Result<()>;

fn render(f: Writer, b: &[Bookmark], a: Option<&[Article]>) -> String {
    let mut out = Vec::new();
    f(&mut out, b, a).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn table_lists_note_title_quote_date_and_orphans() {
    let (bms, arts) = fixture();
    let out = render(write_bookmarks_text, &bms, Some(&arts));
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3, "{out}");
    assert!(lines[0].starts_with("NOTE"));
    assert!(lines[1].contains("pack") && lines[1].contains("Kept Story"));
    assert!(lines[1].contains("Bring a coat today."));
    assert!(lines[1].contains(&bms[0].added[..10]));
    assert!(!lines[1].contains("orphaned"));
    assert!(lines[2].contains("Gone Story") && lines[2].ends_with("orphaned"));
    // Without a corpus nothing is known to be orphaned.
    let out = render(write_bookmarks_text, &bms, None);
    assert!(!out.contains("orphaned"));
    assert_eq!(render(write_bookmarks_text, &[], None), "No bookmarks.\n");
}

#[test]
fn json_has_every_field_and_the_orphan_state() {
    let (bms, arts) = fixture();
    let out = render(write_bookmarks_json, &bms, Some(&arts));
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let items = v.as_array().unwrap();
    assert_eq!(items.len(), 2);
    assert_eq!(items[0]["note"], "pack");
    assert_eq!(items[0]["quote"], "Bring a coat today.");
    assert_eq!(items[0]["orphaned"], false);
    assert_eq!(items[0]["found"]["path"], "news/k1.txt");
    assert_eq!(items[0]["found"]["how"], "exact");
    assert_eq!(items[1]["orphaned"], true);
    assert!(items[1]["found"].is_null());
    assert!(items[1]["note"].is_null());
    let v: serde_json::Value =
        serde_json::from_str(&render(write_bookmarks_json, &bms, None)).unwrap();
    assert!(v[0]["orphaned"].is_null());
}

#[test]
fn markdown_export_has_title_quote_note_and_path() {
    let (bms, arts) = fixture();
    let out = render(write_bookmarks_markdown, &bms, Some(&arts));
    assert!(out.starts_with("# Bookmarks\n"));
    assert!(out.contains("## Kept Story\n\n> Bring a coat today.\n\nNote: pack\n"));
    assert!(out.contains("Path: `news/k1.txt`"));
    assert!(out.contains("## Gone Story"));
    assert!(out.contains("Path: `news/g1.txt` (orphaned"));
}

#[test]
fn hostile_strings_in_a_hand_edited_file_never_reach_the_terminal() {
    let d = tempfile::tempdir().unwrap();
    let (bms, arts) = fixture();
    let mut st = State::open_in(Some(d.path()));
    st.bookmarks.doc_mut().add(bms[0].clone());
    assert!(st.save());
    let path = d.path().join("bookmarks.json");
    let text = fs::read_to_string(&path).unwrap();
    // Someone edits the note and title to carry a title-setting OSC, a CSI and an 8-bit CSI.
    let text = text
        .replace(
            "\"pack\"",
            "\"\\u001b]0;pwned\\u0007pack\\u001b[2J\\u009b31m\"",
        )
        .replace("\"Kept Story\"", "\"Kept\\u001b[31m Story\"");
    fs::write(&path, text).unwrap();
    let st = State::open_in(Some(d.path()));
    let list = st.bookmarks.doc().list();
    assert!(list[0].note_str().contains('\u{1b}'), "the edit took");
    for f in [
        write_bookmarks_text,
        write_bookmarks_json,
        write_bookmarks_markdown,
    ] {
        for a in [None, Some(arts.as_slice())] {
            let out = render(f, list, a);
            assert!(out.contains("pack"), "{out}");
            assert!(
                !out.chars().any(|c| c.is_control() && c != '\n'),
                "control character in output: {out:?}"
            );
        }
    }
}
