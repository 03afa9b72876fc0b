//! `byline config` and the config file as the real binary sees it: the default file round
//! trip, problems with their lines on stderr for commands, and the file size setting.

use std::path::Path;
use std::process::{Command, Output, Stdio};

fn byline(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_byline"))
        .args(args)
        .env("BYLINE_CONFIG_DIR", dir)
        .env_remove("BYLINE_CONFIG")
        .stdin(Stdio::null())
        .output()
        .expect("run byline")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

#[test]
fn the_printed_default_file_loads_as_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let out = byline(dir.path(), &["config", "--default"]);
    assert!(out.status.success());
    let printed = text(&out.stdout);
    let (cfg, problems) = byline::config::parse(&printed);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(cfg, byline::config::Config::default());
    // Saved as the user's file, it checks clean.
    std::fs::write(dir.path().join("config.toml"), &printed).unwrap();
    let out = byline(dir.path(), &["config", "--check"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).contains("no problems"));
}

#[test]
fn path_names_the_file_in_the_config_dir_unless_one_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let out = byline(dir.path(), &["config", "--path"]);
    let shown = text(&out.stdout);
    assert_eq!(
        Path::new(shown.trim()),
        dir.path().join("config.toml"),
        "{shown}"
    );
    let other = dir.path().join("elsewhere.toml");
    let out = byline(
        dir.path(),
        &["--config", other.to_str().unwrap(), "config", "--path"],
    );
    assert_eq!(Path::new(text(&out.stdout).trim()), other);
}

#[test]
fn a_broken_file_is_reported_with_its_line_and_commands_still_run() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.toml"),
        "theme = \"light\"\n\n[reader]\nmax_file_size = -4\n",
    )
    .unwrap();
    let out = byline(dir.path(), &["config", "--check"]);
    assert_eq!(out.status.code(), Some(1));
    let report = text(&out.stdout);
    assert!(
        report.contains("config.toml line 4: max_file_size"),
        "{report}"
    );
    let out = byline(dir.path(), &["entities"]);
    assert!(out.status.success());
    let err = text(&out.stderr);
    assert!(err.contains("config.toml line 4"), "{err}");
    assert!(!text(&out.stdout).is_empty());
}

#[test]
fn max_file_size_from_the_file_applies_unless_the_flag_is_given() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = tempfile::tempdir().unwrap();
    let body = "Long article title\n\n".to_owned() + &"Words in a row. ".repeat(200);
    std::fs::write(corpus.path().join("long.txt"), body).unwrap();
    let words = |out: &Output| {
        let s = text(&out.stdout);
        let v: serde_json::Value = serde_json::from_str(&s).expect("json");
        v["articles"][0]["words"].as_u64().expect("words")
    };
    let path = corpus.path().to_str().unwrap();
    let full = words(&byline(dir.path(), &["list", "--json", path]));
    std::fs::write(
        dir.path().join("config.toml"),
        "[reader]\nmax_file_size = 400\n",
    )
    .unwrap();
    let capped = words(&byline(dir.path(), &["list", "--json", path]));
    assert!(capped < full / 4, "{capped} of {full}");
    let flagged = words(&byline(
        dir.path(),
        &["--max-file-size", "100000", "list", "--json", path],
    ));
    assert_eq!(flagged, full);
}
