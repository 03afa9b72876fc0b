//! Overlays drawn over the panes: the key help, an entity's mentions view (every mention with
//! its sentence, grouped by article), pickers (related articles, corpus search results) and the
//! bookmark list (its actions live in `bookmarks.rs`).
//! Also the `o` key's URL check. No I/O: opening a URL is an [`Effect`] for the runner.

use super::bookmarks::{BookmarkList, ROWS_PER_BOOKMARK};
use super::{Action, App, Effect, Pane, step_index};
use crate::corpus::{ArticleIx, EntityIx};

/// A row of the mentions view.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MentionRow {
    /// A group heading: the article and how many mentions it holds.
    Article(ArticleIx, usize),
    /// A mention: its index in the entity's mention list.
    Mention(usize),
}

/// Every mention of one entity, grouped by article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionsView {
    /// The entity.
    pub entity: EntityIx,
    /// Headings and mentions, in corpus order.
    pub rows: Vec<MentionRow>,
    /// Row index of each mention (same order as the entity's mentions).
    pub row_of: Vec<usize>,
    /// The selected mention (index into the entity's mentions).
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

/// What a picker lists.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PickerKind {
    /// Articles related to the open one.
    Related,
    /// Articles containing a search query.
    SearchResults(String),
}

/// A list of articles to choose from, each with a detail ("12 hits", "score 0.4").
#[derive(Debug, Clone, PartialEq)]
pub struct Picker {
    /// What it lists.
    pub kind: PickerKind,
    /// Articles and details.
    pub items: Vec<(ArticleIx, String)>,
    /// Selected row.
    pub selected: usize,
    /// First row shown.
    pub offset: usize,
}

impl Picker {
    /// A picker with its first row selected.
    #[must_use]
    pub fn new(kind: PickerKind, items: Vec<(ArticleIx, String)>) -> Picker {
        Picker {
            kind,
            items,
            selected: 0,
            offset: 0,
        }
    }
}

/// The open overlay.
#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The key help, scrolled by `scroll` rows.
    Help {
        /// First row shown.
        scroll: usize,
    },
    /// An entity's mentions view.
    Mentions(MentionsView),
    /// A picker.
    Picker(Picker),
    /// The bookmark list.
    Bookmarks(BookmarkList),
}

fn keep(selected: usize, offset: &mut usize, rows: usize, len: usize) {
    let rows = rows.max(1);
    if selected < *offset {
        *offset = selected;
    } else if selected >= *offset + rows {
        *offset = selected + 1 - rows;
    }
    // Never leave empty rows below the end while earlier rows are hidden (after a resize).
    *offset = (*offset).min(len.saturating_sub(rows));
}

impl Overlay {
    /// Keeps the selection among `rows` shown rows.
    pub fn keep_visible(&mut self, rows: usize) {
        match self {
            Overlay::Help { .. } => {}
            Overlay::Mentions(v) => {
                let row = v.row_of.get(v.selected).copied().unwrap_or(0);
                // Show the article heading above the first mention of a group when possible.
                let want = if row > 0
                    && v.rows
                        .get(row - 1)
                        .is_some_and(|r| matches!(r, MentionRow::Article(..)))
                {
                    row - 1
                } else {
                    row
                };
                if want < v.offset {
                    v.offset = want;
                }
                keep(row, &mut v.offset, rows, v.rows.len());
            }
            Overlay::Picker(p) => keep(p.selected, &mut p.offset, rows, p.items.len()),
            Overlay::Bookmarks(l) => {
                let shown = (rows / ROWS_PER_BOOKMARK).max(1);
                keep(l.selected, &mut l.offset, shown, l.len);
            }
        }
    }
}

/// True when `url` may be handed to the platform opener: http or https, not starting with '-',
/// and free of control characters and spaces.
#[must_use]
pub fn openable_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"));
    // A host must follow the scheme: "https://" alone or "https:///path" opens nothing useful
    // and some openers read it as a local path.
    rest.is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url.starts_with('-')
        // Controls (C0, DEL, C1), spaces, and the bidi and invisible characters that could make
        // the URL shown differ from the URL opened.
        && !url
            .chars()
            .any(|c| c.is_control() || c.is_whitespace() || crate::corpus::sanitize::is_removed(c))
        && url.len() <= 4096
}

impl App {
    /// Handles `action` if an overlay is open; `None` hands it on to the panes (closing the
    /// overlay first for actions it does not use).
    pub(crate) fn overlay_action(&mut self, action: Action) -> Option<Vec<Effect>> {
        let rows = usize::from(self.viewport.overlay.height).max(1);
        let overlay = self.overlay.as_mut()?;
        let delta: Option<isize> = match action {
            Action::Down => Some(1),
            Action::Up => Some(-1),
            Action::PageDown => Some(isize::try_from(rows).unwrap_or(1)),
            Action::PageUp => Some(-isize::try_from(rows).unwrap_or(1)),
            Action::HalfPageDown => Some(isize::try_from(rows / 2).unwrap_or(1).max(1)),
            Action::HalfPageUp => Some(-isize::try_from(rows / 2).unwrap_or(1).max(1)),
            Action::Top => Some(isize::MIN / 2),
            Action::Bottom => Some(isize::MAX / 2),
            _ => None,
        };
        if let Some(d) = delta {
            match overlay {
                Overlay::Help { scroll } => {
                    let n = self.keymap.help_rows().len() + 8;
                    *scroll = step_index(*scroll, d, n.saturating_sub(rows).saturating_add(1));
                }
                Overlay::Mentions(v) => v.selected = step_index(v.selected, d, v.row_of.len()),
                Overlay::Picker(p) => p.selected = step_index(p.selected, d, p.items.len()),
                Overlay::Bookmarks(_) => {
                    let per = isize::try_from(ROWS_PER_BOOKMARK).unwrap_or(1);
                    let d = if d.abs() > 1 { d / per } else { d };
                    self.bookmark_list_move(d);
                }
            }
            return Some(Vec::new());
        }
        match action {
            Action::Cancel => self.overlay = None,
            Action::Help if matches!(overlay, Overlay::Help { .. }) => self.overlay = None,
            Action::Bookmarks if matches!(overlay, Overlay::Bookmarks(_)) => self.overlay = None,
            Action::DeleteBookmark | Action::UndoDelete | Action::EditNote
                if matches!(overlay, Overlay::Bookmarks(_)) =>
            {
                return Some(self.bookmark_list_action(action));
            }
            Action::Activate if matches!(overlay, Overlay::Bookmarks(_)) => {
                if let Overlay::Bookmarks(l) = *overlay {
                    self.jump_to_bookmark(l.selected);
                }
            }
            Action::Activate => {
                let o = self.overlay.take();
                match o {
                    Some(Overlay::Mentions(v)) => self.jump_to_mention(v.entity, v.selected),
                    Some(Overlay::Picker(p)) => self.pick(&p),
                    _ => {}
                }
            }
            _ => {
                self.overlay = None;
                return None;
            }
        }
        Some(Vec::new())
    }

    /// Opens the mentions view of entity `e`, selecting the mention nearest the reader.
    pub(crate) fn open_mentions_view(&mut self, e: EntityIx) {
        let Some(entity) = self.corpus.entities.get(e as usize) else {
            return;
        };
        let mut rows = Vec::new();
        let mut row_of = Vec::with_capacity(entity.mentions.len());
        let mut i = 0;
        while let Some(m) = entity.mentions.get(i) {
            let count = entity.mentions[i..]
                .iter()
                .take_while(|x| x.article == m.article)
                .count();
            rows.push(MentionRow::Article(m.article, count));
            for j in i..i + count {
                row_of.push(rows.len());
                rows.push(MentionRow::Mention(j));
            }
            i += count.max(1);
        }
        let here = self.reading.as_ref().map_or((0, 0), |r| {
            (
                r.article,
                self.current_mark().map_or(r.top, |m| m.range.start),
            )
        });
        let selected = entity
            .mentions
            .partition_point(|m| (m.article, m.start as usize) < here)
            .min(entity.mentions.len().saturating_sub(1));
        self.entity = Some(e);
        self.overlay = Some(Overlay::Mentions(MentionsView {
            entity: e,
            rows,
            row_of,
            selected,
            offset: 0,
        }));
    }

    /// Jumps to mention `i` of entity `e`.
    pub(crate) fn jump_to_mention(&mut self, e: EntityIx, i: usize) {
        let Some(t) = self
            .corpus
            .entities
            .get(e as usize)
            .and_then(|x| x.mentions.get(i))
            .copied()
        else {
            return;
        };
        self.jump(|app| {
            if app.reading.as_ref().map(|r| r.article) != Some(t.article) {
                app.open_article(t.article);
            }
            app.entity = Some(e);
            let idx = app.reading.as_ref().and_then(|r| {
                r.marks
                    .iter()
                    .position(|m| m.entity == e && m.range.start == t.start as usize)
            });
            if let (Some(idx), Some(r)) = (idx, app.reading.as_mut()) {
                r.current = Some(idx);
                let start = t.start as usize;
                app.reveal(start);
            }
            app.focus = Pane::Reader;
        });
    }

    fn pick(&mut self, p: &Picker) {
        let Some((a, _)) = p.items.get(p.selected).cloned() else {
            return;
        };
        self.jump(|app| {
            app.open_article(a);
            if let PickerKind::SearchResults(q) = &p.kind {
                if let Some(r) = app.reading.as_mut() {
                    r.top = 0;
                }
                app.search_article(q);
            }
            app.focus = Pane::Reader;
        });
    }

    pub(crate) fn show_related(&mut self) {
        let Some(a) = self.reading.as_ref().map(|r| r.article) else {
            return;
        };
        let items: Vec<(ArticleIx, String)> = self
            .corpus
            .index
            .related(a, 50)
            .into_iter()
            .filter(|r| (r.article as usize) < self.corpus.articles.len() && r.article != a)
            .map(|r| {
                let names: Vec<&str> = r
                    .shared
                    .iter()
                    .take(3)
                    .map(|e| self.entity_name(*e))
                    .collect();
                let more = r.shared.len().saturating_sub(names.len());
                let tail = if more > 0 {
                    format!(" +{more}")
                } else {
                    String::new()
                };
                (r.article, format!("shares {}{tail}", names.join(", ")))
            })
            .collect();
        if items.is_empty() {
            self.set_message("no related articles found".to_owned(), false, 1);
        } else {
            self.overlay = Some(Overlay::Picker(Picker::new(PickerKind::Related, items)));
        }
    }

    /// The `o` key: an `OpenUrl` effect for a safe URL, otherwise the URL is only shown.
    pub(crate) fn open_url(&mut self) -> Option<Effect> {
        let r = self.reading.as_ref()?;
        let url = self.corpus.articles.get(r.article as usize)?.url.clone();
        match url {
            None => {
                self.set_message("this article has no URL".to_owned(), false, 1);
                None
            }
            Some(u) if openable_url(&u) => {
                self.set_message(format!("opening {u}"), false, 1);
                Some(Effect::OpenUrl(u))
            }
            Some(u) => {
                self.set_message(
                    format!("not opened (only http/https links are): {u}"),
                    true,
                    2,
                );
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_web_urls_are_openable() {
        assert!(openable_url("https://example.com/a?b=c"));
        assert!(openable_url("HTTP://example.com"));
        assert!(!openable_url("file:///etc/passwd"));
        assert!(!openable_url("javascript:alert(1)"));
        assert!(!openable_url("-https://x"));
        assert!(!openable_url("https://exa mple.com"));
        assert!(!openable_url("https://example.com/\u{1b}]52;c;"));
        assert!(!openable_url(""));
        // 8-bit controls, other C0 controls and DEL.
        assert!(!openable_url("https://example.com/\u{9b}2J"));
        assert!(!openable_url("https://example.com/\u{7}"));
        assert!(!openable_url("https://example.com/\u{7f}"));
        assert!(!openable_url("https://example.com/a\nb"));
        // Bidi overrides and invisible characters make the shown URL lie.
        assert!(!openable_url("https://example.com/\u{202e}gpj.exe"));
        assert!(!openable_url("https://exa\u{200b}mple.com"));
        // No host, other schemes, and option-looking text.
        assert!(!openable_url("https://"));
        assert!(!openable_url("http:///etc/passwd"));
        assert!(!openable_url("ftp://example.com"));
        assert!(!openable_url("mailto:a@example.com"));
        assert!(!openable_url("--help"));
        assert!(!openable_url(" https://example.com"));
        assert!(!openable_url(&format!(
            "https://example.com/{}",
            "a".repeat(5000)
        )));
        // Ordinary web addresses, Unicode paths included, stay openable.
        assert!(openable_url("http://example.com"));
        assert!(openable_url("https://example.com/caf\u{e9}?q=1#top"));
        assert!(openable_url("https://example.com/a-b_c~d"));
    }
}
