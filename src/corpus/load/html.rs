//! HTML pages to drafts: readable text and metadata, via scraper. Pure, no I/O.
//!
//! The tree is walked iteratively (open/close edges), never recursively, so nesting depth
//! cannot overflow the stack. Before parsing, a linear pre-scan estimates nesting depth and
//! tag count; markup a tree builder would handle in quadratic time falls back to the linear
//! stripper in `strip.rs`, so a hostile page costs only itself.

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::date::parse_date;
use super::strip::strip_tags;
use super::{Draft, finish_fields};

/// Nesting deeper than this is read by the linear fallback.
pub const MAX_DEPTH: usize = 2_000;
/// Tag count times depth above this is read by the linear fallback (tree builders scan the
/// stack of open elements for many tags, so the cost grows with both).
const MAX_WORK: usize = 50_000_000;

/// Elements whose whole subtree is page chrome or not text.
const DROPPED: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "template", "button", "select", "object", "canvas", "video", "audio", "head", "dialog",
];

/// Elements that begin and end a paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "figcaption",
    "tr",
    "section",
    "article",
    "main",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "pre",
    "figure",
    "hr",
    "address",
    "details",
    "summary",
    "caption",
];

/// Reads an HTML page into a draft. Strings are sanitized.
#[must_use]
pub fn parse(src: &str) -> Draft {
    let (depth, tags) = prescan(src);
    if depth > MAX_DEPTH || tags.saturating_mul(depth) > MAX_WORK {
        return finish_fields(Draft {
            body: strip_tags(src),
            ..Draft::default()
        });
    }
    let doc = Html::parse_document(src);
    let meta = Meta::collect(&doc);
    let body = readable_text(&doc);
    let site = meta.site.clone();
    let title = meta
        .og_title
        .or(meta.title)
        .or(meta.h1)
        .map(|t| strip_site_suffix(&t, site.as_deref()));
    finish_fields(Draft {
        title,
        date: meta.date.as_deref().and_then(parse_date),
        source: site,
        url: meta.url,
        author: meta.author,
        body,
    })
}

/// Linear estimate of the deepest nesting and the number of tags.
fn prescan(src: &str) -> (usize, usize) {
    const NO_DEPTH: &[&str] = &[
        "br", "img", "hr", "meta", "link", "input", "area", "base", "col", "embed", "source",
        "track", "wbr", "param", "p", "li", "td", "th", "tr", "option", "dt", "dd",
    ];
    let bytes = src.as_bytes();
    let (mut depth, mut max, mut tags) = (0usize, 0usize, 0usize);
    // The next '>' at or after the current '<', found once and reused, so markup with many
    // '<' and few '>' is still scanned in linear time.
    let mut next_gt: Option<usize> = None;
    for i in memchr::memchr_iter(b'<', bytes) {
        let Some(&next) = bytes.get(i + 1) else { break };
        if next == b'/' {
            depth = depth.saturating_sub(1);
            tags += 1;
        } else if next.is_ascii_alphabetic() {
            tags += 1;
            let name: Vec<u8> = bytes
                .get(i + 1..)
                .unwrap_or_default()
                .iter()
                .take(16)
                .take_while(|b| b.is_ascii_alphanumeric())
                .map(u8::to_ascii_lowercase)
                .collect();
            if next_gt.is_none_or(|g| g < i) {
                next_gt = memchr::memchr(b'>', bytes.get(i..).unwrap_or_default())
                    .map(|g| g + i)
                    .or(Some(usize::MAX));
            }
            let self_closing = next_gt
                .is_some_and(|g| g > i && g != usize::MAX && bytes.get(g - 1) == Some(&b'/'));
            let name = std::str::from_utf8(&name).unwrap_or_default();
            if !self_closing && !NO_DEPTH.contains(&name) {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    (max, tags)
}

/// Metadata found anywhere in the document.
#[derive(Default)]
struct Meta {
    og_title: Option<String>,
    title: Option<String>,
    h1: Option<String>,
    site: Option<String>,
    date: Option<String>,
    url: Option<String>,
    author: Option<String>,
}

impl Meta {
    fn collect(doc: &Html) -> Meta {
        let mut m = Meta::default();
        let (mut canonical, mut og_url, mut time) = (None, None, None);
        for node in doc.tree.root().descendants() {
            let Node::Element(el) = node.value() else {
                continue;
            };
            let attr = |k: &str| el.attr(k).map(str::trim).filter(|v| !v.is_empty());
            match el.name() {
                "meta" => {
                    let key = attr("property")
                        .or_else(|| attr("name"))
                        .or_else(|| attr("itemprop"))
                        .map(str::to_ascii_lowercase);
                    let (Some(key), Some(content)) = (key, attr("content")) else {
                        continue;
                    };
                    let slot = match key.as_str() {
                        "og:title" | "twitter:title" => &mut m.og_title,
                        "og:site_name" | "application-name" => &mut m.site,
                        "article:published_time"
                        | "date"
                        | "pubdate"
                        | "publish-date"
                        | "datepublished"
                        | "dc.date"
                        | "dc.date.issued"
                        | "sailthru.date" => &mut m.date,
                        "og:url" => &mut og_url,
                        "author" | "article:author" | "dc.creator"
                            if !content.starts_with("http") =>
                        {
                            &mut m.author
                        }
                        _ => continue,
                    };
                    slot.get_or_insert_with(|| content.to_string());
                }
                "link" if attr("rel").is_some_and(|r| r.eq_ignore_ascii_case("canonical")) => {
                    if let Some(h) = attr("href") {
                        canonical.get_or_insert_with(|| h.to_string());
                    }
                }
                "title" if m.title.is_none() => m.title = Some(text_of(node)),
                "h1" if m.h1.is_none() => m.h1 = Some(text_of(node)),
                "time" => {
                    if let Some(d) = attr("datetime") {
                        time.get_or_insert_with(|| d.to_string());
                    }
                }
                _ => {}
            }
        }
        m.date = m.date.or(time);
        m.url = canonical.or(og_url);
        m.og_title = m.og_title.filter(|t| !t.trim().is_empty());
        m.title = m.title.filter(|t| !t.trim().is_empty());
        m.h1 = m.h1.filter(|t| !t.trim().is_empty());
        m
    }
}

/// All text below a node, whitespace folded.
fn text_of(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut s = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            s.push_str(t);
            s.push(' ');
        }
    }
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Drops a trailing " | Site" or " - Site" when it names the site.
fn strip_site_suffix(title: &str, site: Option<&str>) -> String {
    let title = title.trim();
    if let Some(site) = site.map(str::trim).filter(|s| !s.is_empty()) {
        for sep in [" | ", " - ", " \u{2013} ", " \u{2014} ", " :: ", " \u{b7} "] {
            if let Some((head, tail)) = title.rsplit_once(sep)
                && tail.trim().eq_ignore_ascii_case(site)
                && !head.trim().is_empty()
            {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// The page's readable text: a single `<article>` or `<main>` when there is one, else the
/// body, without chrome elements or hidden ones, with blocks as paragraphs.
fn readable_text(doc: &Html) -> String {
    let mut article = None;
    let mut articles = 0usize;
    let mut main = None;
    let mut body = None;
    for node in doc.tree.root().descendants() {
        if let Node::Element(el) = node.value() {
            match el.name() {
                "article" => {
                    articles += 1;
                    article.get_or_insert(node);
                }
                "main" => {
                    main.get_or_insert(node);
                }
                "body" => {
                    body.get_or_insert(node);
                }
                _ => {}
            }
        }
    }
    let root = match (articles, article, main, body) {
        (1, Some(a), _, _) => a,
        (_, _, Some(m), _) => m,
        (_, _, _, Some(b)) => b,
        _ => doc.tree.root(),
    };
    let mut out = Paragraphs::default();
    // While inside a dropped subtree, the id of its root: its text is skipped.
    let mut skipping = None;
    let mut pre = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => {
                if skipping.is_some() {
                    continue;
                }
                match node.value() {
                    Node::Text(t) => out.text(t, pre > 0),
                    Node::Element(el) => {
                        let name = el.name();
                        if DROPPED.contains(&name) || hidden(el) {
                            skipping = Some(node.id());
                        } else if name == "br" {
                            out.line_break();
                        } else if BLOCK.contains(&name) {
                            out.block();
                            pre += usize::from(name == "pre");
                        } else if matches!(name, "td" | "th") {
                            out.text(" ", false);
                        }
                    }
                    _ => {}
                }
            }
            Edge::Close(node) => {
                if skipping == Some(node.id()) {
                    skipping = None;
                } else if skipping.is_none()
                    && let Node::Element(el) = node.value()
                    && BLOCK.contains(&el.name())
                {
                    out.block();
                    pre = pre.saturating_sub(usize::from(el.name() == "pre"));
                }
            }
        }
    }
    out.finish()
}

/// Hidden from readers: `hidden`, `aria-hidden="true"`, or an inline `display:none`. Text
/// smuggled this way must not reach the reading text.
fn hidden(el: &scraper::node::Element) -> bool {
    el.attr("hidden").is_some()
        || el
            .attr("aria-hidden")
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
}

/// Builds paragraphs from text runs, folding whitespace as HTML does.
#[derive(Default)]
struct Paragraphs {
    done: Vec<String>,
    cur: String,
}

impl Paragraphs {
    fn text(&mut self, t: &str, pre: bool) {
        if pre {
            // Preformatted text keeps its lines but not blank lines (they would split it).
            for (i, line) in t.split('\n').enumerate() {
                if i > 0 {
                    self.line_break();
                }
                self.cur.push_str(line.trim_end());
            }
            return;
        }
        for (i, word) in t.split_whitespace().enumerate() {
            let space_before = i > 0 || t.starts_with(char::is_whitespace);
            if space_before && !self.cur.is_empty() && !self.cur.ends_with(['\n', ' ']) {
                self.cur.push(' ');
            }
            self.cur.push_str(word);
        }
        if t.ends_with(char::is_whitespace) && !self.cur.is_empty() && !self.cur.ends_with('\n') {
            self.cur.push(' ');
        }
    }

    fn line_break(&mut self) {
        let trimmed = self.cur.trim_end_matches(' ').len();
        self.cur.truncate(trimmed);
        if !self.cur.is_empty() && !self.cur.ends_with('\n') {
            self.cur.push('\n');
        }
    }

    fn block(&mut self) {
        let p = self.cur.trim();
        if !p.is_empty() {
            self.done.push(p.to_string());
        }
        self.cur.clear();
    }

    fn finish(mut self) -> String {
        self.block();
        self.done.join("\n\n")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html><head>
<title>Big Test Story | Example Site</title>
<meta property="og:site_name" content="Example Site">
<meta property="article:published_time" content="2020-05-17T08:00:00Z">
<meta name="author" content="Ann &amp; Bo">
<link rel="canonical" href="https://example.com/story">
<style>p { color: red }</style></head>
<body><header>Menu Home News</header><nav>Sections</nav>
<h1>Big Test Story</h1>
<p>First &ldquo;para&rdquo;
  with   spaces.</p><div>Second<br>line</div>
<aside>Related links</aside><script>alert(1)</script>
<p hidden>smuggled</p><span style="display: none">also smuggled</span>
<ul><li>one</li><li>two</li></ul>
<footer>Copyright</footer></body></html>"#;

    #[test]
    fn reads_metadata_and_text() {
        let d = parse(PAGE);
        assert_eq!(d.title.as_deref(), Some("Big Test Story"));
        assert_eq!(d.date.as_deref(), Some("2020-05-17"));
        assert_eq!(d.source.as_deref(), Some("Example Site"));
        assert_eq!(d.url.as_deref(), Some("https://example.com/story"));
        assert_eq!(d.author.as_deref(), Some("Ann & Bo"));
        assert_eq!(
            d.body,
            "Big Test Story\n\nFirst \u{201c}para\u{201d} with spaces.\n\nSecond\nline\n\none\n\ntwo"
        );
    }

    #[test]
    fn title_falls_back_to_h1_and_time_element() {
        let d = parse("<body><h1>Head <i>line</i></h1><time datetime='2019-01-02'>x</time></body>");
        assert_eq!(d.title.as_deref(), Some("Head line"));
        assert_eq!(d.date.as_deref(), Some("2019-01-02"));
    }

    #[test]
    fn entity_hidden_escapes_are_sanitized() {
        let d = parse("<p>a&#x1b;]0;pwned&#x7;b &#x202e;c</p>");
        assert_eq!(d.body, "ab c");
    }

    #[test]
    fn deep_nesting_falls_back_to_linear() {
        let n = 30_000;
        let src = "<div>".repeat(n) + "bottom" + &"</div>".repeat(n);
        assert!(prescan(&src).0 > MAX_DEPTH);
        assert_eq!(parse(&src).body, "bottom");
        // Within the bound the tree parser is used and gives the same text.
        let src = "<div>".repeat(100) + "bottom" + &"</div>".repeat(100);
        assert_eq!(parse(&src).body, "bottom");
    }
}
