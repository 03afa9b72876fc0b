//! Linear-time markup stripping: the fallback for HTML too deep or too large for a tree
//! parser, and the reader for HTML blocks inside Markdown. One pass, no recursion, no tree;
//! output is plain text with paragraph breaks, not yet sanitized.

/// Elements whose content is never readable text.
const SKIP_CONTENT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "iframe", "head",
];

/// Elements that start or end a paragraph.
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
    "table",
    "pre",
    "dt",
    "dd",
    "hr",
    "figure",
    "header",
    "footer",
    "nav",
    "aside",
    "body",
    "title",
];

/// Strips tags from `html`, keeping text, turning block elements into paragraph breaks and
/// `<br>` into line breaks, and decoding character references.
#[must_use]
pub fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let lower = html.to_ascii_lowercase();
    let mut rest = html;
    let mut pos = 0usize;
    while let Some(lt) = rest.find('<') {
        push_text(&mut out, rest.get(..lt).unwrap_or_default());
        let tag_start = pos + lt;
        let after = html.get(tag_start + 1..).unwrap_or_default();
        // Comments end at "-->", anything else at the next '>'.
        let end = if after.starts_with("!--") {
            after.find("-->").map(|i| i + 3)
        } else {
            after.find('>').map(|i| i + 1)
        };
        let Some(end) = end else {
            // An unclosed '<' is text, as browsers treat it.
            out.push('<');
            push_text(&mut out, after);
            rest = "";
            break;
        };
        let inner = after.get(..end.saturating_sub(1)).unwrap_or_default();
        let name = tag_name(inner);
        let mut next = tag_start + 1 + end;
        if !inner.starts_with('/') && SKIP_CONTENT.contains(&name.as_str()) {
            // Jump past the matching close tag (searched in the lowercased copy, same offsets).
            let close = format!("</{name}");
            next = lower
                .get(next..)
                .and_then(|s| s.find(&close))
                .map_or(html.len(), |i| next + i);
            if let Some(gt) = html.get(next..).and_then(|s| s.find('>')) {
                next += gt + 1;
            }
        } else if name == "br" {
            out.push('\n');
        } else if BLOCK.contains(&name.as_str()) {
            out.push_str("\n\n");
        } else if matches!(name.as_str(), "td" | "th") {
            out.push(' ');
        }
        pos = next.min(html.len());
        rest = html.get(pos..).unwrap_or_default();
    }
    push_text(&mut out, rest);
    collapse(&out)
}

/// The lowercase element name of a tag's inside ("/p class=x" -> "p").
fn tag_name(inner: &str) -> String {
    inner
        .trim_start_matches('/')
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .collect::<String>()
        .to_ascii_lowercase()
}

fn push_text(out: &mut String, text: &str) {
    out.push_str(&decode_entities(text));
}

/// Folds whitespace inside paragraphs the way HTML does, keeping `\n` line breaks and blank
/// lines between paragraphs.
fn collapse(s: &str) -> String {
    let mut paras = Vec::new();
    for para in s.split("\n\n") {
        let lines: Vec<String> = para
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|l| !l.is_empty())
            .collect();
        if !lines.is_empty() {
            paras.push(lines.join("\n"));
        }
    }
    paras.join("\n\n")
}

/// Decodes numeric character references and the named ones real pages use most. Unknown
/// names are left as written; invalid code points become U+FFFD.
#[must_use]
pub fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let tail = rest.get(amp + 1..).unwrap_or_default();
        let semi = tail.get(..tail.len().min(12)).and_then(|t| t.find(';'));
        let decoded = semi.and_then(|i| entity(tail.get(..i).unwrap_or_default()));
        match (semi, decoded) {
            (Some(i), Some(c)) => {
                out.push(c);
                rest = tail.get(i + 1..).unwrap_or_default();
            }
            _ => {
                out.push('&');
                rest = tail;
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let code = match num.strip_prefix(['x', 'X']) {
            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
            None => num.parse::<u32>().ok()?,
        };
        return Some(char::from_u32(code).unwrap_or('\u{FFFD}'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "mdash" => '\u{2014}',
        "ndash" => '\u{2013}',
        "hellip" => '\u{2026}',
        "lsquo" => '\u{2018}',
        "rsquo" => '\u{2019}',
        "ldquo" => '\u{201c}',
        "rdquo" => '\u{201d}',
        "laquo" => '\u{ab}',
        "raquo" => '\u{bb}',
        "copy" => '\u{a9}',
        "reg" => '\u{ae}',
        "trade" => '\u{2122}',
        "eacute" => '\u{e9}',
        "bull" => '\u{2022}',
        "middot" => '\u{b7}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_tags_and_scripts() {
        let html = "<html><head><title>T</title></head><body><p>One &amp; <b>two</b></p>\
                    <script>var x = '<p>no</p>';</script><div>three<br>four</div></body>";
        assert_eq!(strip_tags(html), "One & two\n\nthree\nfour");
    }

    #[test]
    fn deep_nesting_is_linear_and_unclosed_angle_is_text() {
        let deep = "<div>".repeat(50_000) + "deep text" + &"</div>".repeat(50_000);
        assert_eq!(strip_tags(&deep), "deep text");
        assert_eq!(strip_tags("a < b"), "a < b");
        assert_eq!(strip_tags("x<!-- <p> -->y"), "xy");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("&#x1b;[31m &#8212; &bogus; & &lt;"),
            "\u{1b}[31m \u{2014} &bogus; & <"
        );
        assert_eq!(decode_entities("&#xD800;"), "\u{FFFD}");
    }
}
