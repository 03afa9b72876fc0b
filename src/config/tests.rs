//! Config parsing: the default file round trip, every kind of mistake with its line, and where
//! the file is looked for.

use ratatui::style::Color;

use super::*;
use crate::app::Action;
use crate::corpus::Kind;
use crate::keymap::{Key, Scope};

fn key(s: &str) -> Key {
    s.parse().expect("notation")
}

#[test]
fn the_default_file_loads_as_the_defaults() {
    let text = default_file();
    let (cfg, problems) = parse(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(cfg, Config::default());
    // Every bindable action of the table is written out, so the file documents all of them.
    for b in crate::keymap::BINDINGS {
        let name = b.action.name().expect("named");
        assert!(text.contains(&format!("\n{name} = [")), "{name}");
    }
}

#[test]
fn the_commented_colours_are_the_dark_theme() {
    // Uncommenting every colour line must still give the dark theme, so the comments are true.
    let text: String = default_file()
        .lines()
        .map(|l| {
            let is_colour = theme::ROLES
                .iter()
                .any(|(n, _, _)| l.starts_with(&format!("# {n} = ")));
            if is_colour {
                l.trim_start_matches("# ").to_owned()
            } else {
                l.to_owned()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    let (cfg, problems) = parse(&text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(cfg.palette, Palette::dark());
    // The same lines under the light theme override it back to dark colours.
    let (cfg, _) = parse(&text.replace("theme = \"dark\"", "theme = \"light\""));
    assert_eq!(cfg.palette, Palette::dark());
}

#[test]
fn the_light_theme_and_single_colours() {
    let (cfg, problems) =
        parse("theme = \"light\"\n[colors]\nperson = \"#ff8000\"\nplace = 202\nborder = \"red\"\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(cfg.theme, ThemeName::Light);
    assert_eq!(cfg.palette.kind(Kind::Person), Color::Rgb(255, 128, 0));
    assert_eq!(cfg.palette.place, Color::Indexed(202));
    assert_eq!(cfg.palette.border, Color::Red);
    assert_eq!(cfg.palette.work, Palette::light().work);
}

#[test]
fn a_syntax_error_names_its_line_and_keeps_every_default() {
    let (cfg, problems) = parse("theme = \"light\"\n[reader]\nmax_width = = 3\n");
    assert_eq!(cfg, Config::default());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, Some(3));
}

#[test]
fn broken_settings_keep_their_defaults_and_the_rest_applies() {
    let text = "\
[reader]
max_width = \"wide\"
show_list = false
sort = \"random\"
date_format = \"%d.%m.%Y\"
hidden_kinds = [\"other\", \"planet\"]
colour = 3

[colors]
person = \"ultraviolet\"
work = \"green\"
";
    let (cfg, problems) = parse(text);
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(
        lines,
        [Some(2), Some(4), Some(6), Some(7), Some(10)],
        "{problems:?}"
    );
    let d = ReaderSettings::default();
    assert_eq!(cfg.reader.max_width, d.max_width);
    assert_eq!(cfg.reader.sort, d.sort);
    assert!(!cfg.reader.show_list);
    assert_eq!(cfg.reader.date_format, "%d.%m.%Y");
    assert_eq!(cfg.reader.hidden_kinds, [Kind::Other]);
    assert_eq!(cfg.palette.person, Palette::dark().person);
    assert_eq!(cfg.palette.work, Color::Green);
    assert!(problems[0].message.contains("max_width"));
    assert!(problems[4].message.contains("ultraviolet"));
}

#[test]
fn key_tables_rebind_unbind_and_report_with_lines() {
    let text = "\
[keys.global]
next_mention = [\"ctrl-n\", \"x\"]
quit = \"none\"
top = \"g g\"
nxt_mention = \"x\"
related = \"j\"
help = \"hyper-h\"

[keys.list]
quit = \"x\"

[keys.pane]
quit = \"z\"
";
    let (cfg, problems) = parse(text);
    let km = &cfg.keymap;
    let g = [Scope::Global, Scope::Always];
    assert_eq!(km.lookup(&g, key("x")), Some(Action::NextMention));
    assert_eq!(km.lookup(&g, key("n")), None);
    assert_eq!(km.lookup(&g, key("q")), None);
    assert_eq!(km.keys_for(Scope::Global, Action::Top), ["g g"]);
    assert_eq!(
        km.lookup(&[Scope::List, Scope::Global], key("x")),
        Some(Action::Quit)
    );
    // Line 5: unknown action (with a suggestion); 6: j is taken by "down"; 7: bad key; 12: scope.
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(5), Some(6), Some(7), Some(12)], "{problems:?}");
    assert!(
        problems[0].message.contains("next_mention"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[1].message.contains("down"),
        "{}",
        problems[1].message
    );
    assert_eq!(km.keys_for(Scope::Global, Action::Related), ["r"]);
    assert_eq!(km.keys_for(Scope::Global, Action::Help), ["?"]);
}

#[test]
fn bare_entries_in_keys_are_global() {
    let (cfg, problems) = parse("[keys]\nrelated = [\"R\"]\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(cfg.keymap.keys_for(Scope::Global, Action::Related), ["R"]);
}

#[test]
fn unknown_top_level_settings_and_themes_are_reported() {
    let (cfg, problems) = parse("theme = \"solarized\"\nwidth = 3\n");
    assert_eq!(cfg, Config::default());
    let lines: Vec<Option<usize>> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [Some(1), Some(2)]);
}

#[test]
fn the_file_flag_wins_then_the_variable_then_the_directory() {
    let dir = || Some(PathBuf::from("cfgdir"));
    let got = resolve(Some(Path::new("a.toml")), Some("b.toml".into()), dir);
    assert_eq!(got, Some((PathBuf::from("a.toml"), Source::Flag)));
    let got = resolve(None, Some("b.toml".into()), dir);
    assert_eq!(got, Some((PathBuf::from("b.toml"), Source::Env)));
    let got = resolve(Some(Path::new("")), Some(OsString::new()), dir);
    assert_eq!(
        got,
        Some((Path::new("cfgdir").join(FILE_NAME), Source::Dir))
    );
    assert_eq!(resolve(None, None, || None), None);
}

#[test]
fn missing_files_are_fine_unless_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join(FILE_NAME);
    let quiet = load_file(&path, false);
    assert!(quiet.problems.is_empty());
    assert_eq!(quiet.summary(), None);
    let named = load_file(&path, true);
    assert_eq!(named.problems.len(), 1);
    assert!(named.summary().is_some_and(|m| m.contains("cannot read")));
    std::fs::write(&path, b"theme = \"\xff\"").expect("write");
    assert!(
        load_file(&path, false).problems[0]
            .message
            .contains("UTF-8")
    );
}

#[test]
fn the_summary_names_the_file_the_line_and_how_many_more() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let path = tmp.path().join(FILE_NAME);
    std::fs::write(&path, "[reader]\nmouse = 3\nsort = 1\n").expect("write");
    let loaded = load_file(&path, false);
    let s = loaded.summary().expect("a message");
    assert!(s.contains(FILE_NAME), "{s}");
    assert!(s.contains("line 2: mouse"), "{s}");
    assert!(s.contains("1 more"), "{s}");
    assert_eq!(loaded.messages().len(), 2);
}

/// The README shows the default file; this keeps that copy true. To refresh it after changing
/// a default, run this test with `BYLINE_BLESS=1`.
#[test]
fn readme_default_file_matches() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).expect("README.md is readable");
    let (start, end) = ("<!-- config:start -->\n", "<!-- config:end -->");
    let a = readme.find(start).expect("start marker") + start.len();
    let b = readme.find(end).expect("end marker");
    let block = format!("```toml\n{}```\n", default_file());
    if std::env::var_os("BYLINE_BLESS").is_some() {
        let updated = format!("{}{}{}", &readme[..a], block, &readme[b..]);
        std::fs::write(&path, updated).expect("README.md is writable");
        return;
    }
    assert_eq!(
        &readme[a..b],
        block,
        "README default config is stale: rerun with BYLINE_BLESS=1"
    );
}

#[test]
fn the_readme_example_config_is_clean() {
    // The example in the README's Configuration section must load without a problem.
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md"))
        .expect("README.md is readable");
    let section = readme
        .split("## Configuration")
        .nth(1)
        .expect("a Configuration section");
    let example = section
        .split("```toml\n")
        .nth(1)
        .and_then(|s| s.split("```").next())
        .expect("an example toml block");
    let (cfg, problems) = parse(example);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(cfg.theme, ThemeName::Light);
    assert_eq!(cfg.reader.max_width, 88);
}
