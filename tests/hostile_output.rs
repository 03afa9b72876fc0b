//! Every scripting command over the adversarial set: text and JSON output, and the warnings on
//! stderr, carry no escape, control, bidi or invisible character and none of the planted
//! payloads, whether they were raw in the file, in a file or folder name, or hidden behind HTML
//! entities, JSON `\u` escapes or YAML escapes. The good articles stay intact.

use std::path::Path;
use std::process::{Command, Output};

use byline::corpus::sanitize::is_forbidden;

use crate::adversarial::{MARK, NAME, build, build_smuggled};

fn byline(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .arg(dir.join("corpus"))
        .env("BYLINE_CONFIG_DIR", dir.join("config"))
        .env("BYLINE_CACHE_DIR", dir.join("cache"))
        .stdin(std::process::Stdio::null())
        .output()
        .expect("run byline")
}

/// Fails when `text` holds a control (other than newline), bidi or invisible character, or a
/// planted payload.
fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|&c| is_forbidden(c)) {
        panic!(
            "{what}: forbidden character U+{:04X} in:\n{text}",
            u32::from(c)
        );
    }
    assert!(
        !text.contains(MARK),
        "{what}: a planted payload got through:\n{text}"
    );
    assert!(
        !text.contains("52;c;"),
        "{what}: a clipboard sequence got through"
    );
}

/// Walks every string (keys too) of a JSON document and checks it, after JSON unescaping.
fn assert_json_clean(what: &str, v: &serde_json::Value) {
    match v {
        serde_json::Value::String(s) => assert_clean(what, s),
        serde_json::Value::Array(a) => a.iter().for_each(|x| assert_json_clean(what, x)),
        serde_json::Value::Object(o) => o.iter().for_each(|(k, x)| {
            assert_clean(what, k);
            assert_json_clean(what, x);
        }),
        _ => {}
    }
}

#[test]
fn every_command_prints_only_sanitized_text_and_json() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).expect("mkdir");
    build(&corpus);
    let titles = build_smuggled(&corpus);

    let list = byline(dir.path(), &["list", "--json"]);
    assert!(
        list.status.success(),
        "{}",
        String::from_utf8_lossy(&list.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&list.stdout).expect("list JSON");
    let articles = v["articles"].as_array().expect("articles");
    let id_of = |title: &str| -> String {
        let a = articles
            .iter()
            .find(|a| a["title"] == title)
            .unwrap_or_else(|| panic!("no article titled {title:?} in {v}"));
        a["id"].as_str().expect("id").to_owned()
    };
    for t in &titles {
        id_of(t);
    }
    let raw_id = id_of("Raw Escapes Story");

    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["entities"],
        vec!["entities", "--json"],
        vec!["mentions", NAME],
        vec!["mentions", NAME, "--json"],
        vec!["related", &raw_id],
        vec!["related", &raw_id, "--json"],
        vec!["search", "Lopez"],
        vec!["search", "Lopez", "--json"],
    ];
    // The name is only an entity once the extractor finds it; until then `mentions` must
    // still answer cleanly, with exit code 1.
    let ents = byline(dir.path(), &["entities", "--json"]);
    let ents: serde_json::Value = serde_json::from_slice(&ents.stdout).expect("entities JSON");
    let named = ents["entities"]
        .as_array()
        .is_some_and(|e| e.iter().any(|e| e["name"] == NAME));
    if !named {
        eprintln!("the extractor does not find {NAME:?} yet: `mentions` is checked for exit 1");
    }
    for args in &runs {
        let out = byline(dir.path(), args);
        let what = format!("byline {}", args.join(" "));
        let want = i32::from(args[0] == "mentions" && !named);
        assert_eq!(
            out.status.code(),
            Some(want),
            "{what}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).expect("UTF-8 stdout");
        let stderr = String::from_utf8(out.stderr).expect("UTF-8 stderr");
        assert_clean(&format!("{what} (stdout)"), &stdout);
        assert_clean(&format!("{what} (stderr)"), &stderr);
        if want == 0 && args.contains(&"--json") {
            let v: serde_json::Value = serde_json::from_str(&stdout).expect("valid JSON");
            assert_json_clean(&what, &v);
        }
        // The good articles are all listed, whatever the hostile ones did.
        if args[0] == "list" {
            for t in titles
                .iter()
                .chain(&["A Plain Story", "Page Title", "Wide Title"])
            {
                assert!(stdout.contains(t), "{what} lacks {t}");
            }
        }
        if args[0] == "search" && !args.contains(&"--json") {
            for p in [
                "smuggle/raw.txt",
                "smuggle/entities.html",
                "smuggle/feed.jsonl",
            ] {
                assert!(stdout.contains(p), "{what} lacks a hit in {p}");
            }
        }
        // Warnings quote hostile file names, sanitized.
        assert!(
            stderr.contains("smuggle/empty.txt: empty file, skipped"),
            "{what}: {stderr}"
        );
    }
}

#[test]
fn a_broken_config_file_is_quoted_sanitized_in_its_warning() {
    let dir = tempfile::tempdir().expect("tempdir");
    let corpus = dir.path().join("corpus");
    crate::adversarial::write(&corpus, "one.txt", "One Title\n\nSome words.\n");
    // A raw OSC in the TOML makes it unparsable, and the parser's message quotes that line.
    crate::adversarial::write(
        &dir.path().join("config"),
        "entities.toml",
        "[[entity]]\nname = \"x\u{1b}]0;TOMLMARK\u{7}\"\n",
    );
    let out = byline(dir.path(), &["list"]);
    assert!(out.status.success());
    let stderr = String::from_utf8(out.stderr).expect("UTF-8");
    assert!(stderr.contains("entities.toml: ignored"), "{stderr}");
    assert_clean("byline list (broken entities.toml)", &stderr);
}
