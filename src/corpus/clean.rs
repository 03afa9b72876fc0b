//! Cleaning scraped text: finds the real headline, dek and date, and drops page chrome. Owns the
//! order of the passes; the rules themselves live in `clean/`. Pure, no I/O, never panics, and
//! it keeps a line whenever no rule is sure it is chrome.

mod chrome;
mod date;
mod lines;
mod title;
mod vocab;

use super::load::Draft;
use super::split;
use lines::Line;
pub(crate) use lines::folded;

/// What the cleaner makes of a draft: the parts of an `Article` that depend on the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The headline; when the page has none, its first sentence (cut short, with "…").
    pub title: String,
    /// ISO date, if found in metadata or printed near the top of the text.
    pub date: Option<String>,
    /// Reading text: headline (and dek) paragraphs first, then the body; paragraphs split by
    /// "\n\n", lines of one scraped block (a caption and its credit) by a single "\n".
    pub text: String,
    /// How many leading paragraphs are the headline and dek: 0 when the title was made from
    /// prose (the text then starts with the prose it came from), else 1 or 2.
    pub lead: usize,
}

/// Cleans a sanitized draft.
#[must_use]
pub fn clean(draft: &Draft) -> Cleaned {
    let lines = lines::split(&draft.body);
    let mut keep = mark_chrome(&lines);
    let date = draft
        .date
        .as_deref()
        .and_then(date::normalise)
        .or_else(|| printed_date(&lines));
    let meta = draft
        .title
        .as_deref()
        .map(lines::fold_whitespace)
        .filter(|t| !t.is_empty());
    let head = find_head(meta, &lines, &mut keep);
    let mut paras: Vec<String> = Vec::new();
    if let Some(h) = &head.headline {
        paras.push(h.clone());
    }
    if let Some(d) = head.dek {
        paras.push(lines[d].text.clone());
    }
    let lead = paras.len();
    let mut last_block = None;
    for (i, line) in lines.iter().enumerate() {
        if !keep[i] || Some(i) == head.line || Some(i) == head.dek {
            continue;
        }
        let join = paras.len() > lead && last_block == Some(line.block);
        match paras.last_mut() {
            Some(p) if join => {
                p.push('\n');
                p.push_str(&line.text);
            }
            _ => paras.push(line.text.clone()),
        }
        last_block = Some(line.block);
    }
    Cleaned {
        title: head.title,
        date,
        text: paras.join("\n\n"),
        lead,
    }
}

/// Marks each line kept (true) or chrome (false).
fn mark_chrome(lines: &[Line]) -> Vec<bool> {
    let mut keep: Vec<bool> = lines
        .iter()
        .map(|l| !l.symbols_only && chrome::classify(&l.text).is_none())
        .collect();
    // Promos (puzzles, newsletters) that close the page: only after the last line of prose, so
    // an article that is about a crossword keeps its paragraphs.
    for i in (0..lines.len()).rev() {
        if !keep[i] {
            continue;
        }
        if !chrome::promo(&lines[i].text) {
            break;
        }
        keep[i] = false;
    }
    let mut prev: Option<usize> = None;
    for i in 0..lines.len() {
        if !keep[i] {
            continue;
        }
        let repeat = prev.is_some_and(|p| lines[p].text == lines[i].text);
        if repeat || truncated_teaser(lines, &keep, i) {
            keep[i] = false;
        } else {
            prev = Some(i);
        }
    }
    keep
}

/// A teaser cut with "[...]" or "…" whose words open one of the next few kept lines.
fn truncated_teaser(lines: &[Line], keep: &[bool], i: usize) -> bool {
    let text = &lines[i].text;
    let Some(stem) = ["[...]", "[…]", "...", "…"]
        .iter()
        .find_map(|end| text.strip_suffix(end))
    else {
        return false;
    };
    let stem = stem.trim_end();
    if stem.chars().count() < 20 {
        return false;
    }
    (i.saturating_add(1)..lines.len())
        .filter(|&j| keep[j])
        .take(3)
        .any(|j| lines[j].text.len() > stem.len() && lines[j].text.starts_with(stem))
}

/// A date printed near the top (before the prose starts), else any date widget on the page.
fn printed_date(lines: &[Line]) -> Option<String> {
    for l in lines.iter().take(12) {
        let words = split::parts_at_spaces(&l.text);
        if words > 30 {
            break;
        }
        if words <= 15 {
            if let Some(d) = date::find(&l.text) {
                return Some(d.format("%Y-%m-%d").to_string());
            }
        }
    }
    lines.iter().find_map(|l| date::widget(&l.text))
}

/// The heading found for an article.
struct Head {
    /// The title to report.
    title: String,
    /// The first paragraph of the text, when the article has a headline.
    headline: Option<String>,
    /// The body line used as the headline, if it came from the body.
    line: Option<usize>,
    /// The body line used as the dek.
    dek: Option<usize>,
}

/// Finds headline and dek; drops kickers above the headline.
fn find_head(meta: Option<String>, lines: &[Line], keep: &mut [bool]) -> Head {
    let kept: Vec<usize> = (0..lines.len()).filter(|&i| keep[i]).collect();
    let text = |k: usize| kept.get(k).map(|&i| lines[i].text.as_str());
    let mut head = Head {
        title: String::new(),
        headline: None,
        line: None,
        dek: None,
    };
    let k = if let Some(meta) = meta {
        // The body usually repeats the metadata title (an h1), maybe without the site name.
        let found = (0..kept.len().min(4)).find(|&k| {
            text(k).is_some_and(|t| title::same(&meta, t) || title::with_site_name(&meta, t))
        });
        let Some(k) = found else {
            head.headline = Some(meta.clone());
            head.title = meta;
            return head;
        };
        let line = text(k).unwrap_or_default().to_string();
        head.title = if title::same(&meta, &line) {
            meta
        } else {
            line.clone()
        };
        head.headline = Some(line);
        k
    } else {
        let mut k = 0;
        while text(k).is_some_and(|t| title::kicker(t, text(k.saturating_add(1)))) {
            k = k.saturating_add(1);
        }
        match text(k) {
            Some(t) if title::headline_like(t) => {
                head.title = t.to_string();
                head.headline = Some(t.to_string());
                k
            }
            Some(t) => {
                head.title = title::fallback(t);
                return head;
            }
            None => return head,
        }
    };
    // Kickers and site names above the headline are chrome; anything longer is kept.
    for &i in kept.iter().take(k) {
        if title::kicker(&lines[i].text, text(k)) {
            keep[i] = false;
        }
    }
    head.line = kept.get(k).copied();
    head.dek = kept
        .get(k.saturating_add(1))
        .copied()
        .filter(|&i| title::dek_like(&lines[i].text));
    head
}

#[cfg(test)]
mod tests;
