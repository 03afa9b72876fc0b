//! Markdown files to drafts: YAML (`---`) or TOML (`+++`) front matter for metadata, and the
//! document rendered to plain paragraphs with pulldown-cmark. Pure, no I/O.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::strip::strip_tags;
use super::{Draft, fields, finish_fields};

/// Front matter longer than this is dropped unparsed (metadata is never this large; a huge
/// block is more likely an attack on the YAML parser).
const MAX_FRONT_MATTER: usize = 64 * 1024;

/// YAML flow collections nested deeper than this are not parsed: the YAML scanner's time
/// grows with the square of the nesting (30,000 open brackets took seconds).
const MAX_FLOW_DEPTH: usize = 64;

/// Reads a Markdown document into a draft. Strings are sanitized.
#[must_use]
pub fn parse(src: &str) -> Draft {
    let (front, body) = split_front_matter(src);
    let mut draft = Draft::default();
    if let Some((kind, block)) = front
        && block.len() <= MAX_FRONT_MATTER
        && let Some(map) = parse_front_matter(kind, block)
    {
        fields::apply(&map, &mut draft);
    }
    draft.body = render(body);
    finish_fields(draft)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrontKind {
    Yaml,
    Toml,
}

/// Splits `---`/`+++` front matter from the document. A block with no closing fence is not
/// front matter, so the whole text stays the document.
fn split_front_matter(src: &str) -> (Option<(FrontKind, &str)>, &str) {
    let first_line_end = src.find('\n').unwrap_or(src.len());
    let first = src.get(..first_line_end).unwrap_or_default().trim_end();
    let kind = match first {
        "---" => FrontKind::Yaml,
        "+++" => FrontKind::Toml,
        _ => return (None, src),
    };
    let rest_start = (first_line_end + 1).min(src.len());
    let rest = src.get(rest_start..).unwrap_or_default();
    let mut offset = 0usize;
    for line in rest.split_inclusive('\n') {
        let t = line.trim_end();
        let closes = match kind {
            FrontKind::Yaml => t == "---" || t == "...",
            FrontKind::Toml => t == "+++",
        };
        if closes {
            let block = rest.get(..offset).unwrap_or_default();
            let body = rest.get(offset + line.len()..).unwrap_or_default();
            return (Some((kind, block)), body);
        }
        offset += line.len();
    }
    (None, src)
}

fn parse_front_matter(
    kind: FrontKind,
    block: &str,
) -> Option<serde_json::Map<String, serde_json::Value>> {
    match kind {
        FrontKind::Yaml => {
            if flow_depth(block) > MAX_FLOW_DEPTH {
                return None;
            }
            let v: serde_yaml_ng::Value = serde_yaml_ng::from_str(block).ok()?;
            match serde_json::to_value(v).ok()? {
                serde_json::Value::Object(m) => Some(m),
                _ => None,
            }
        }
        FrontKind::Toml => toml::from_str::<toml::Table>(block)
            .ok()
            .map(|t| fields::from_toml(&t)),
    }
}

/// The deepest nesting of `[`/`{` in a block (quotes ignored: an over-estimate is harmless,
/// it only skips metadata that is not metadata-shaped anyway).
fn flow_depth(block: &str) -> usize {
    let (mut depth, mut max) = (0usize, 0usize);
    for b in block.bytes() {
        match b {
            b'[' | b'{' => {
                depth += 1;
                max = max.max(depth);
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    max
}

/// Renders Markdown to paragraphs separated by blank lines: headings, list items, quotes and
/// code blocks each become paragraphs; link text, image alt text and code are kept as text;
/// HTML is stripped of its tags.
fn render(src: &str) -> String {
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS;
    let mut out = Out::default();
    let mut in_code = false;
    // An HTML block arrives one line per event; it is stripped as a whole so a `<script>`
    // spanning lines loses its content too.
    let mut html_block: Option<String> = None;
    for ev in Parser::new_ext(src, opts) {
        match ev {
            Event::Start(tag) => match tag {
                Tag::CodeBlock(_) => {
                    out.flush();
                    in_code = true;
                }
                Tag::TableCell if !out.cur.is_empty() => out.cur.push_str(" | "),
                Tag::Paragraph
                | Tag::Heading { .. }
                | Tag::BlockQuote(_)
                | Tag::Item
                | Tag::List(_)
                | Tag::Table(_)
                | Tag::TableRow
                | Tag::TableHead
                | Tag::FootnoteDefinition(_) => out.flush(),
                Tag::HtmlBlock => {
                    out.flush();
                    html_block = Some(String::new());
                }
                _ => {}
            },
            Event::End(end) => match end {
                TagEnd::CodeBlock => {
                    in_code = false;
                    out.flush();
                }
                TagEnd::Paragraph
                | TagEnd::Heading(_)
                | TagEnd::BlockQuote(_)
                | TagEnd::Item
                | TagEnd::List(_)
                | TagEnd::Table
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::FootnoteDefinition => out.flush(),
                TagEnd::HtmlBlock => {
                    for para in strip_tags(&html_block.take().unwrap_or_default()).split("\n\n") {
                        out.cur.push_str(para);
                        out.flush();
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_code => out.code(&t),
            Event::Text(t) | Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                out.cur.push_str(&t)
            }
            Event::Html(t) => match html_block.as_mut() {
                Some(buf) => buf.push_str(&t),
                None => out.cur.push_str(&strip_tags(&t)),
            },
            Event::InlineHtml(t) => out.cur.push_str(&strip_tags(&t)),
            Event::FootnoteReference(label) => {
                out.cur.push('[');
                out.cur.push_str(&label);
                out.cur.push(']');
            }
            Event::SoftBreak => out.cur.push(' '),
            Event::HardBreak => out.cur.push('\n'),
            Event::Rule => out.flush(),
            Event::TaskListMarker(_) => {}
        }
    }
    out.flush();
    out.done.join("\n\n")
}

#[derive(Default)]
struct Out {
    done: Vec<String>,
    cur: String,
}

impl Out {
    fn flush(&mut self) {
        // Blank lines inside one block (HTML, code) must not split it into paragraphs.
        let lines: Vec<&str> = self
            .cur
            .split('\n')
            .map(str::trim_end)
            .filter(|l| !l.trim().is_empty())
            .collect();
        let p = lines.join("\n");
        let p = p.trim();
        if !p.is_empty() {
            self.done.push(p.to_string());
        }
        self.cur.clear();
    }

    fn code(&mut self, t: &str) {
        self.cur.push_str(t);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_and_rendering() {
        let src = "---\ntitle: \"A \\u001b[31mTitle\"\ndate: 17 May 2020\nsource: Site\n\
                   url: https://x.test/a\nauthor: [Ann, Bo]\n---\n# Heading *one*\n\n\
                   Some [link text](https://x) and ![alt words](i.png) and `code`.\n\
                   Soft break.\n\n- item one\n- item two\n\n```\nfn main() {}\n\n\nx\n```\n\n\
                   <div class=\"x\">html <b>block</b></div>\n\n<script>\nalert(1)\n</script>\n\n\
                   <div>\n<p>two</p><p>paras</p>\n</div>\n";
        let d = parse(src);
        assert_eq!(d.title.as_deref(), Some("A Title"));
        assert_eq!(d.date.as_deref(), Some("2020-05-17"));
        assert_eq!(d.source.as_deref(), Some("Site"));
        assert_eq!(d.url.as_deref(), Some("https://x.test/a"));
        assert_eq!(d.author.as_deref(), Some("Ann, Bo"));
        assert_eq!(
            d.body,
            "Heading one\n\nSome link text and alt words and code. Soft break.\n\n\
             item one\n\nitem two\n\nfn main() {}\nx\n\nhtml block\n\ntwo\n\nparas"
        );
    }

    #[test]
    fn unquoted_yaml_dates_and_document_end_marker() {
        let d = parse("---\ntitle: T\ndate: 2020-05-17\n...\nBody.");
        assert_eq!(d.date.as_deref(), Some("2020-05-17"));
        assert_eq!(d.body, "Body.");
        let d = parse("---\ndate: 2020-05-17 10:30:00 +02:00\n---\nBody.");
        assert_eq!(d.date.as_deref(), Some("2020-05-17"));
    }

    #[test]
    fn hostile_front_matter_is_skipped_not_fatal() {
        // Deep flow nesting (quadratic in the YAML scanner) and deep TOML arrays.
        for yaml in ["[".repeat(30_000), "{".repeat(30_000), "- ".repeat(30_000)] {
            let d = parse(&format!("---\na: {yaml}\n---\nBody."));
            assert_eq!((d.title, d.body.as_str()), (None, "Body."));
        }
        let toml = "[".repeat(30_000) + &"]".repeat(30_000);
        assert_eq!(parse(&format!("+++\na = {toml}\n+++\nBody.")).body, "Body.");
        // Alias expansion ("billion laughs") is refused by the YAML parser, not expanded.
        let mut lol = String::from("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for i in 0..9 {
            let prev = if i == 0 {
                "a".to_string()
            } else {
                format!("b{}", i - 1)
            };
            lol.push_str(&format!(
                "b{i}: &b{i} [{}]\n",
                format!("*{prev}, ").repeat(9)
            ));
        }
        lol.push_str("title: T\n");
        assert_eq!(parse(&format!("---\n{lol}---\nBody.")).body, "Body.");
        // A modest flow list still parses.
        let d = parse("---\ntitle: T\ntags: [a, [b, {c: d}]]\n---\nBody.");
        assert_eq!(d.title.as_deref(), Some("T"));
    }

    #[test]
    fn toml_front_matter() {
        let d = parse("+++\ntitle = \"T\"\ndate = 2021-02-03T04:05:06Z\n+++\nBody.");
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.date.as_deref(), Some("2021-02-03"));
        assert_eq!(d.body, "Body.");
    }

    #[test]
    fn unclosed_or_broken_front_matter_is_not_fatal() {
        let d = parse("---\ntitle: x\nno closing fence");
        assert_eq!(d.title, None);
        assert!(d.body.contains("no closing fence"));
        let d = parse("---\n: : [\n---\nText");
        assert_eq!((d.title, d.body.as_str()), (None, "Text"));
    }

    #[test]
    fn markdown_bombs_stay_fast_enough_to_finish() {
        // Nested brackets and quotes: the shapes that made older parsers quadratic.
        let src = "[".repeat(20_000) + &"](x)".repeat(2_000) + "\n\n" + &">".repeat(5_000) + " q";
        let d = parse(&src);
        assert!(d.body.ends_with('q'), "{}", d.body.len());
    }
}
