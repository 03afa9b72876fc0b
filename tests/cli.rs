//! The scripting commands, run as the real binary on corpora written to temp folders.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn byline(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .env(
            "BYLINE_CONFIG_DIR",
            std::env::temp_dir().join("byline-cli-tests-none"),
        )
        // Tests must not read or fill the user's index cache.
        .env("BYLINE_NO_CACHE", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run byline")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) {
    let p = dir.join(name);
    std::fs::create_dir_all(p.parent().unwrap()).unwrap();
    std::fs::write(p, text).unwrap();
}

/// A small corpus in our own words, in a nested folder.
fn corpus() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    write(
        d.path(),
        "harbour/ferry.txt",
        "Ferry service returns to Port Elwin\n\nThe harbour board of Port Elwin said on Monday that the winter ferry will run again. Captain Mara Lindqvist will command the vessel.\n\nLindqvist said the crossing takes two hours.",
    );
    write(
        d.path(),
        "harbour/bridge.txt",
        "Bridge plans stall in Port Elwin\n\nEngineers told the council that the bridge would cost more than the ferry. Mara Lindqvist called the plan a distraction.",
    );
    write(
        d.path(),
        "garden.txt",
        "Orchard opens to visitors\n\nThe old orchard on the hill opens its gates this weekend, with cider tastings and a brass band.",
    );
    d
}

#[test]
fn list_json_names_every_article_with_paths_relative_to_the_argument() {
    let d = corpus();
    let o = byline(&["list", "--json", d.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let arts = v["articles"].as_array().unwrap();
    let mut paths: Vec<&str> = arts.iter().map(|a| a["path"].as_str().unwrap()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        ["garden.txt", "harbour/bridge.txt", "harbour/ferry.txt"]
    );
    let ferry = arts
        .iter()
        .find(|a| a["path"] == "harbour/ferry.txt")
        .unwrap();
    assert_eq!(ferry["title"], "Ferry service returns to Port Elwin");
    assert!(ferry["words"].as_u64().unwrap() > 20);
    assert_eq!(ferry["id"].as_str().unwrap().len(), 16);
}

#[test]
fn article_ids_do_not_depend_on_where_the_corpus_lives() {
    let a = corpus();
    let b = corpus();
    std::fs::rename(
        b.path().join("garden.txt"),
        b.path().join("harbour/renamed.txt"),
    )
    .unwrap();
    let ids = |d: &Path| {
        let o = byline(&["list", "--json", d.to_str().unwrap()]);
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        let mut ids: Vec<String> = v["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect();
        ids.sort();
        ids
    };
    assert_eq!(ids(a.path()), ids(b.path()));
}

#[test]
fn search_finds_text_case_insensitively_with_context() {
    let d = corpus();
    let o = byline(&["search", "--json", "FERRY", d.path().to_str().unwrap()]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let m = v["matches"].as_array().unwrap();
    // Headline, body of ferry.txt, and one in bridge.txt.
    assert_eq!(m.len(), 3, "{v}");
    for hit in m {
        let ctx = hit["context"].as_str().unwrap().to_lowercase();
        assert!(ctx.contains("ferry"), "{ctx}");
    }
    let none = byline(&["search", "zeppelin", d.path().to_str().unwrap()]);
    assert_eq!(none.status.code(), Some(1), "no match exits 1 like grep");
}

#[test]
fn a_missing_path_is_one_line_and_exit_2() {
    let o = byline(&["list", "/definitely/not/here"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    assert!(err.contains("not/here"), "{err}");
}

#[test]
fn the_reader_refuses_to_draw_into_a_pipe() {
    let d = corpus();
    let o = byline(&[d.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("not a terminal"));
    assert!(o.stdout.is_empty(), "nothing drawn into the pipe");
}

#[test]
fn unknown_entity_and_article_exit_1_with_a_hint() {
    let d = corpus();
    let o = byline(&["mentions", "Nobody Atall", d.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&o.stderr).contains("byline entities"));
    let o = byline(&["related", "no such title", d.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let d = corpus();
    // Far more output than a pipe buffer holds, so writes fail once the reader has gone.
    let para = "The tide and the wind and the boats. ".repeat(40);
    let long: Vec<String> = (0..400).map(|_| para.clone()).collect();
    write(
        d.path(),
        "long.txt",
        &format!("Long tide log\n\n{}", long.join("\n\n")),
    );
    let mut child = Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["search", "the", d.path().to_str().unwrap()])
        .env("BYLINE_NO_CACHE", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let o = child.wait_with_output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert!(
        o.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn global_options_may_come_before_a_command() {
    let cfg = tempfile::tempdir().unwrap();
    let o = byline(&[
        "--config-dir",
        cfg.path().to_str().unwrap(),
        "bookmarks",
        "--json",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v, serde_json::json!([]));
    let d = corpus();
    let o = byline(&[
        "--max-file-size",
        "100000",
        "list",
        d.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(stdout(&o).lines().count(), 3);
}

fn byline_in(cfg: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .env("BYLINE_CONFIG_DIR", cfg)
        .stdin(Stdio::null())
        .output()
        .expect("run byline")
}

fn entity<'a>(v: &'a serde_json::Value, name: &str) -> Option<&'a serde_json::Value> {
    v["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["name"] == name)
}

#[test]
fn entities_json_has_exactly_the_documented_shape_and_spans() {
    let d = corpus();
    let o = byline(&["entities", "--json", d.path().to_str().unwrap()]);
    assert!(o.status.success());
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let keys = |x: &serde_json::Value| {
        let mut k: Vec<String> = x.as_object().unwrap().keys().cloned().collect();
        k.sort();
        k
    };
    assert_eq!(keys(&v), ["articles", "entities"]);
    assert_eq!(keys(&v["articles"][0]), ["date", "id", "path", "title"]);
    let mara = entity(&v, "Mara Lindqvist").expect("the captain is found");
    assert_eq!(keys(mara), ["aliases", "kind", "mentions", "name"]);
    assert_eq!(mara["kind"], "person");
    // Full name twice, surname once: three mentions over two articles.
    assert_eq!(mara["mentions"].as_array().unwrap().len(), 3, "{mara}");
    assert_eq!(
        keys(&mara["mentions"][0]),
        ["article", "end", "start", "text"]
    );
    // Offsets are into the article's reading text: check them against `mentions`' sentences.
    let o = byline(&[
        "mentions",
        "--json",
        "lindqvist",
        d.path().to_str().unwrap(),
    ]);
    let m: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    for hit in m["mentions"].as_array().unwrap() {
        let text = hit["text"].as_str().unwrap();
        assert!(text == "Mara Lindqvist" || text == "Lindqvist", "{text}");
        assert!(hit["sentence"].as_str().unwrap().contains(text));
    }
}

#[test]
fn entities_toml_in_the_config_dir_corrects_extraction() {
    let d = corpus();
    let cfg = tempfile::tempdir().unwrap();
    let run = || {
        let o = byline_in(
            cfg.path(),
            &["entities", "--json", d.path().to_str().unwrap()],
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()
    };
    let before = run();
    assert!(entity(&before, "Port Elwin").is_some());
    std::fs::write(
        cfg.path().join("entities.toml"),
        "hide = [\"Port Elwin\"]\n[kinds]\n\"Mara Lindqvist\" = \"other\"\n",
    )
    .unwrap();
    let after = run();
    assert!(entity(&after, "Port Elwin").is_none(), "hidden");
    assert_eq!(entity(&after, "Mara Lindqvist").unwrap()["kind"], "other");
    // A broken file is named in a warning and ignored, not fatal.
    std::fs::write(cfg.path().join("entities.toml"), "hide = [unclosed\n").unwrap();
    let o = byline_in(cfg.path(), &["entities", d.path().to_str().unwrap()]);
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("entities.toml") && err.contains("ignored"),
        "{err}"
    );
}

/// Runs `byline entities DIR` with the index cache in `cache` and the size limit `max`.
fn entities_cached(cache: &Path, max: &str, dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(["entities", dir.to_str().unwrap()])
        .env(
            "BYLINE_CONFIG_DIR",
            std::env::temp_dir().join("byline-cli-tests-none"),
        )
        .env("BYLINE_CACHE_DIR", cache)
        .env("BYLINE_CACHE_MAX_SIZE", max)
        .env_remove("BYLINE_NO_CACHE")
        .stdin(Stdio::null())
        .output()
        .expect("run byline")
}

fn cache_files(cache: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(cache)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn the_cache_folder_keeps_under_its_size_limit_and_a_bad_limit_is_named() {
    let cache = tempfile::tempdir().unwrap();
    let (one, two) = (corpus(), corpus());
    // A limit no cache file fits: each command keeps its own and removes the other.
    let o = entities_cached(cache.path(), "1", one.path());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let first = cache_files(cache.path());
    assert_eq!(first.len(), 1, "{first:?}");
    let o = entities_cached(cache.path(), "1", two.path());
    assert!(o.status.success());
    let second = cache_files(cache.path());
    assert_eq!(second.len(), 1, "{second:?}");
    assert_ne!(first, second, "the other corpus's cache went");

    // A limit that is not a size is named on stderr; the default then applies, and both stay.
    let o = entities_cached(cache.path(), "plenty", one.path());
    assert!(o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("BYLINE_CACHE_MAX_SIZE=\"plenty\" is not a size"),
        "{err}"
    );
    assert_eq!(cache_files(cache.path()).len(), 2);
    assert!(stdout(&o).contains("Mara Lindqvist"));
}

#[test]
fn the_same_path_typed_in_two_folders_keeps_two_caches() {
    let cache = tempfile::tempdir().unwrap();
    let (one, two) = (corpus(), tempfile::tempdir().unwrap());
    write(
        two.path(),
        "notes.txt",
        "Lighthouse keeper retires\n\nOskar Venn kept the Hallam Point light for thirty years.",
    );
    let in_folder = |dir: &Path| {
        let o = Command::new(env!("CARGO_BIN_EXE_byline"))
            .args(["entities", "."])
            .current_dir(dir)
            .env(
                "BYLINE_CONFIG_DIR",
                std::env::temp_dir().join("byline-cli-tests-none"),
            )
            .env("BYLINE_CACHE_DIR", cache.path())
            .env_remove("BYLINE_NO_CACHE")
            .stdin(Stdio::null())
            .output()
            .expect("run byline");
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        stdout(&o)
    };
    assert!(in_folder(one.path()).contains("Mara Lindqvist"));
    assert!(in_folder(two.path()).contains("Oskar Venn"));
    // One cache file each: shared, each switch of folder rebuilt the other's.
    assert_eq!(cache_files(cache.path()).len(), 2);
    let again = in_folder(one.path());
    assert!(
        again.contains("Mara Lindqvist") && !again.contains("Oskar Venn"),
        "{again}"
    );
}

/// `byline cache ARGS` with the index cache in `cache`.
fn cache_cmd(cache: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .arg("cache")
        .args(args)
        .env("BYLINE_CACHE_DIR", cache)
        .env_remove("BYLINE_NO_CACHE")
        .env_remove("BYLINE_CACHE_MAX_SIZE")
        .stdin(Stdio::null())
        .output()
        .expect("run byline")
}

#[test]
fn cache_lists_each_corpus_by_its_folder_and_clear_removes_only_cache_files() {
    let cache = tempfile::tempdir().unwrap();
    let (one, two) = (corpus(), corpus());
    for d in [&one, &two] {
        assert!(
            entities_cached(cache.path(), "4G", d.path())
                .status
                .success()
        );
    }
    // Used again: the first is now the most recently used.
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert!(
        entities_cached(cache.path(), "4G", one.path())
            .status
            .success()
    );
    std::fs::write(cache.path().join("corpus-damaged.bin"), b"not a cache").unwrap();
    std::fs::write(cache.path().join("notes.txt"), b"mine").unwrap();

    let o = cache_cmd(cache.path(), &["--json"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files = v["files"].as_array().unwrap();
    assert_eq!(files.len(), 3, "{v}");
    let canonical = |d: &tempfile::TempDir| {
        std::fs::canonicalize(d.path())
            .unwrap()
            .to_string_lossy()
            .into_owned()
    };
    let current: Vec<&serde_json::Value> =
        files.iter().filter(|f| f["state"] == "current").collect();
    assert_eq!(current.len(), 2, "{v}");
    assert_eq!(
        current[0]["folders"][0],
        canonical(&one),
        "most recent first"
    );
    assert_eq!(current[1]["folders"][0], canonical(&two));
    let damaged = files
        .iter()
        .find(|f| f["file"] == "corpus-damaged.bin")
        .unwrap();
    assert_eq!(damaged["state"], "unreadable");
    let sum: u64 = files.iter().map(|f| f["bytes"].as_u64().unwrap()).sum();
    assert_eq!(v["bytes"].as_u64(), Some(sum));

    let text = stdout(&cache_cmd(cache.path(), &[]));
    assert!(text.contains("3 cache files"), "{text}");
    assert!(text.contains(&canonical(&two)), "{text}");

    let o = cache_cmd(cache.path(), &["--clear"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).starts_with("removed 3 cache files"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        cache_files(cache.path()),
        ["notes.txt"],
        "only cache files go"
    );
    // The next open reads its files again and writes a new cache.
    let o = entities_cached(cache.path(), "4G", one.path());
    assert!(stdout(&o).contains("Mara Lindqvist"));
    assert_eq!(cache_files(cache.path()).len(), 2);
}
