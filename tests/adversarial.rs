//! The adversarial fixture set, generated at run time (no binary blobs committed): every
//! format, special files, loops, bad bytes, bad names, and escape sequences of every family
//! planted in every field, some hidden behind HTML entities and JSON `\u` escapes. Shared by
//! the loading, command-output and pseudo-terminal tests.

use std::path::Path;
use std::process::Command;

/// Writes `bytes` to `dir/name`, making parent folders.
pub fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).expect("mkdir");
    }
    std::fs::write(p, bytes).expect("write");
}

/// `s` in UTF-16, little or big endian, with or without a byte order mark.
pub fn utf16(s: &str, le: bool, bom: bool) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    if bom {
        out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
    }
    for u in s.encode_utf16() {
        out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
    }
    out
}

/// Builds the adversarial folder; returns whether the unreadable file really is unreadable
/// (it is not when the tests run as root).
pub fn build(d: &Path) -> bool {
    write(
        d,
        "a-story.txt",
        "A Plain Story\n\nFirst paragraph.\n\nSecond one.\n",
    );
    write(
        d,
        "notes.md",
        "---\ntitle: Notes Title\ndate: May 17, 2020\nsource: Notebook\n---\n# Notes Title\n\n\
         Text with a [link](https://x.test) and `code`.\n",
    );
    write(
        d,
        "pages/page.html",
        "<html><head><title>Page Title - The Site</title>\
         <meta property=\"og:site_name\" content=\"The Site\">\
         <meta name=\"date\" content=\"17 May 2020\"></head><body><nav>Home</nav>\
         <p>Page &amp; text &#x1b;[31mred&#x1b;[0m.</p><footer>Footer</footer></body></html>",
    );
    write(
        d,
        "feed.jsonl",
        "{\"title\":\"One\",\"text\":\"first\"}\n{oops\n{\"title\":\"Two\",\"body\":\"second\"}\n",
    );
    write(
        d,
        "deep.html",
        "<div>".repeat(40_000) + "deep words" + &"</div>".repeat(40_000),
    );
    write(
        d,
        "utf16le.txt",
        utf16("Wide Title\n\nWide body é.", true, true),
    );
    write(
        d,
        "utf16be-nobom.txt",
        utf16("Big Endian\n\nNo mark here.", false, false),
    );
    write(d, "latin1.txt", b"Latin Title\n\nCaf\xe9 cr\xe8me.\n");
    write(d, "binary.bin", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR");
    write(d, "empty.txt", b"");
    write(d, ".hidden.txt", "never loaded");
    write(d, ".git/HEAD", "ref: never loaded");
    write(
        d,
        "esc\u{1b}[31m\nname\u{202e}.txt",
        "Odd Name\n\nBody \u{1b}]0;title\u{7}ok.",
    );
    write(d, "unreadable.txt", "Locked\n\nSecret.");
    let locked = d.join("unreadable.txt");
    let really_locked;
    #[cfg(not(unix))]
    {
        let _ = &locked;
        really_locked = false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt, symlink};
        std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        really_locked = std::fs::read(&locked).is_err();
        symlink("self-loop", d.join("self-loop")).expect("link");
        symlink("..", d.join("pages/up")).expect("link");
        symlink("/dev/zero", d.join("zero.txt")).expect("link");
        let fifo = d.join("fifo.txt");
        let made = Command::new("mkfifo").arg(&fifo).status();
        assert!(made.is_ok_and(|s| s.success()), "mkfifo failed");
    }
    really_locked
}

/// Every payload planted by [`build_smuggled`] contains this text, so finding it anywhere in
/// what byline printed means a sequence from article data got through.
pub const MARK: &str = "MARK";

/// The person named in every smuggling article, so the sidebar and the mention commands show
/// text that came from hostile files.
pub const NAME: &str = "Maria Lopez";

/// Adds articles that hide escape sequences of every family in every field: raw in a file and
/// folder name, behind HTML entities in a title and body, behind JSON `\u` escapes in JSON
/// Lines fields, behind YAML escapes in front matter; plus bidi and zero-width smuggling,
/// zalgo text and Markdown built to be slow. Returns the titles of the articles it adds.
pub fn build_smuggled(d: &Path) -> Vec<&'static str> {
    // Raw 7-bit and 8-bit sequences of every family, each carrying a marker payload.
    let raw = "\u{1b}]0;RAWTITLEMARK\u{7} \u{1b}]2;STTITLEMARK\u{1b}\\ \
               \u{1b}]52;c;UkFXQ0xJUE1BUks=\u{7} \u{1b}]8;;https://LINKMARK.test\u{1b}\\link\
               \u{1b}]8;;\u{1b}\\ \u{1b}PDCSMARK\u{1b}\\ \u{1b}_APCMARK\u{1b}\\ \u{1b}^PMMARK\u{1b}\\ \
               \u{1b}XSOSMARK\u{1b}\\ \u{1b}[777;888H\u{1b}[21t\u{1b}[38;5;201m \u{9d}0;C1MARK\u{9c} \
               \u{9b}999;999H \u{90}C1DCSMARK\u{9c} bell\u{7}\u{7} \u{1b}]0;UNTERMMARK";
    write(
        d,
        "smuggle/raw\u{1b}]0;FILENAMEMARK\u{7}.txt",
        format!(
            "Raw Escapes Story\n\n{NAME} read the file. {raw}\n\n{NAME} said it was fine. \
             Trojan \u{202e}drow\u{2066}edis\u{2069}\u{200b}\u{feff}\u{e0041} text.\n"
        ),
    );
    write(
        d,
        "smuggle/dir\u{1b}]0;DIRNAMEMARK\u{7}\u{1b}[2J/inner.md",
        format!("# Folder Story\n\n{NAME} wrote from a folder with a hostile name.\n"),
    );
    // The same, hidden behind HTML character references (decimal and hex), in title and body.
    write(
        d,
        "smuggle/entities.html",
        format!(
            "<html><head><title>Entity &#27;]0;HTMLTITLEMARK&#7;Story</title>\
             <meta name=\"author\" content=\"&#x1b;]0;AUTHORMARK&#x7;Ann Writer\"></head><body>\
             <p>{NAME} met the board &#x1b;]52;c;SFRNTENMSVBNQVJL&#x07;today. \
             Visit &#27;]8;;https://HTMLLINKMARK.test&#27;&#92;the museum&#27;]8;;&#27;&#92;. \
             &#x9d;0;HTMLC1MARK&#x9c; &#27;[31mred&#27;[0m &#27;PHTMLDCSMARK&#27;&#92;</p>\
             <p>{NAME} left early.</p></body></html>"
        ),
    );
    // JSON Lines: every field escaped with \u, and a malformed line with a raw payload.
    let esc = r"\u001b";
    let line = format!(
        "{{\"title\":\"Json {esc}]0;JSONTITLEMARK\\u0007Story\",\
         \"author\":\"{esc}]0;JSONAUTHORMARK\\u0007Jo\",\
         \"source\":\"{esc}[31mRed{esc}[0m Wire{esc}[2J\",\
         \"url\":\"https://example.test/{esc}]8;;JSONURLMARK\\u0007\",\
         \"text\":\"{NAME} spoke. {esc}]52;c;SlNPTkNMSVBNQVJL\\u0007 {esc}P JSONDCSMARK{esc}\\\\ \
         \\u009d0;JSONC1MARK\\u009c {NAME} smiled.\"}}\n\
         {{\"title\":\"bad\u{1b}]0;BADLINEMARK\u{7}\n"
    );
    write(d, "smuggle/feed.jsonl", line);
    // YAML front matter escapes (\e, \x1b, \a) in a Markdown title.
    write(
        d,
        "smuggle/front.md",
        format!(
            "---\ntitle: \"Yaml \\e]0;YAMLTITLEMARK\\a Story\"\nsource: \"\\x1b]0;YAMLSRCMARK\\x07Desk\"\n---\n\
             {NAME} checked the front matter.\n"
        ),
    );
    // A warning must quote this name sanitized: an empty file is skipped with a warning.
    write(d, "smuggle/empty\u{1b}]0;WARNNAMEMARK\u{7}.txt", "");
    // Zalgo: hundreds of combining marks on each letter.
    let zalgo: String = "zalgo"
        .chars()
        .flat_map(|c| std::iter::once(c).chain(std::iter::repeat_n('\u{336}', 300)))
        .collect();
    write(
        d,
        "smuggle/zalgo.txt",
        format!("Zalgo Story\n\n{zalgo} and {NAME}.\n"),
    );
    // Markdown built to be slow or deep: nested quotes and lists, unclosed brackets, emphasis.
    let mut bomb = String::from("# Bomb Story\n\n");
    bomb.push_str(&"> ".repeat(5_000));
    bomb.push_str("deep quote\n\n");
    for i in 0..2_000 {
        bomb.push_str(&"  ".repeat(i));
        bomb.push_str("- item\n");
    }
    bomb.push('\n');
    bomb.push_str(&"[".repeat(20_000));
    bomb.push_str("\n\n");
    bomb.push_str(&"*a **b ".repeat(10_000));
    bomb.push_str("\n\nbomb survived\n");
    write(d, "smuggle/bomb.md", bomb);
    vec![
        "Raw Escapes Story",
        "Folder Story",
        "Entity Story",
        "Json Story",
        "Yaml Story",
        "Zalgo Story",
        "Bomb Story",
    ]
}
