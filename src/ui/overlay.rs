//! Overlays: the key help (generated from the bindings in effect), an entity's mentions view
//! (every mention with its sentence, grouped by article), article pickers and the bookmark list
//! (rows in `bookmarks.rs`). Only reads.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Clear, Paragraph};

use super::{Theme, fit, fit_end};
use crate::app::{App, MentionRow, MentionsView, Overlay, Picker, PickerKind};
use crate::corpus::Kind;
use crate::corpus::index::sentence_at;
use crate::keymap::Scope;
use crate::text::Mark;
use crate::text::display_width;
use crate::text::highlight::floor_boundary;

/// Draws the open overlay into `area` (borders included).
pub fn render_overlay(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let Some(o) = &app.overlay else { return };
    frame.render_widget(Clear, area);
    let title = match o {
        Overlay::Help { .. } => " Keys (Esc closes) ".to_owned(),
        Overlay::Mentions(v) => {
            let n = v.row_of.len();
            let arts = v.rows.len() - n;
            format!(
                " Mentions of {}: {n} in {arts} articles ",
                app.entity_name(v.entity)
            )
        }
        Overlay::Picker(p) => match &p.kind {
            PickerKind::Related => format!(" Related articles ({}) ", p.items.len()),
            PickerKind::SearchResults(q) => {
                format!(" Articles containing \"{q}\" ({}) ", p.items.len())
            }
        },
        Overlay::Bookmarks(_) => super::bookmarks::title(app),
    };
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(true))
        .title(title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = match o {
        Overlay::Help { scroll } => help_lines(app, theme, *scroll),
        Overlay::Mentions(v) => mention_lines(app, v, theme, inner),
        Overlay::Picker(p) => picker_lines(app, p, theme, inner),
        Overlay::Bookmarks(l) => super::bookmarks::lines(
            app,
            l,
            theme,
            usize::from(inner.width),
            usize::from(inner.height),
        ),
    };
    frame.render_widget(Paragraph::new(lines), inner);
}

fn help_lines(app: &App, theme: Theme, scroll: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut last: Option<Scope> = None;
    let rows = app.keymap.help_rows();
    let col = rows
        .iter()
        .map(|(_, k, _)| display_width(k))
        .max()
        .unwrap_or(0)
        + 2;
    for (scope, keys, desc) in rows {
        if last != Some(scope) {
            if last.is_some() {
                out.push(Line::raw(""));
            }
            out.push(Line::styled(
                scope.title(),
                theme.lead().add_modifier(Modifier::UNDERLINED),
            ));
            last = Some(scope);
        }
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<col$}"), theme.key()),
            Span::raw(desc),
        ]));
    }
    out.push(Line::raw(""));
    let mut legend = vec![Span::styled("Kinds: ", theme.lead())];
    for k in Kind::ALL {
        legend.push(Span::styled(Theme::kind_marker(k), theme.kind(k)));
        legend.push(Span::raw(format!(" {k}  ")));
    }
    out.push(Line::from(legend));
    out.push(Line::raw(
        "Sidebar counts: mentions here · articles mentioning it",
    ));
    out.into_iter().skip(scroll).collect()
}

fn mention_lines<'a>(app: &'a App, v: &MentionsView, theme: Theme, inner: Rect) -> Vec<Line<'a>> {
    let Some(ent) = app.corpus.entities.get(v.entity as usize) else {
        return Vec::new();
    };
    let width = usize::from(inner.width);
    let sel_row = v.row_of.get(v.selected).copied();
    v.rows
        .iter()
        .enumerate()
        .skip(v.offset)
        .take(usize::from(inner.height))
        .map(|(row, r)| match r {
            MentionRow::Article(a, n) => {
                let title = app
                    .corpus
                    .articles
                    .get(*a as usize)
                    .map_or("", |x| x.title.as_str());
                Line::from(vec![
                    Span::styled(fit(title, width.saturating_sub(8)), theme.lead()),
                    Span::styled(format!(" ({n})"), theme.dim()),
                ])
            }
            MentionRow::Mention(j) => {
                let line = ent
                    .mentions
                    .get(*j)
                    .and_then(|m| {
                        let text = &app.corpus.articles.get(m.article as usize)?.text;
                        Some(snippet(
                            text,
                            m.range(),
                            width.saturating_sub(2),
                            ent.kind,
                            theme,
                        ))
                    })
                    .unwrap_or_default();
                if Some(row) == sel_row {
                    line.style(theme.selected(true))
                } else {
                    line
                }
            }
        })
        .collect()
}

/// The sentence around a mention, trimmed to `width` columns around it, mention highlighted.
fn snippet(
    text: &str,
    m: std::ops::Range<usize>,
    width: usize,
    kind: Kind,
    theme: Theme,
) -> Line<'static> {
    let start = floor_boundary(text, m.start);
    let end = floor_boundary(text, m.end).max(start);
    let sentence = sentence_at(text, start);
    let s0 = floor_boundary(text, sentence.start.min(start));
    let s1 = floor_boundary(text, sentence.end.max(end));
    let one_line = |s: &str| s.replace('\n', " ");
    let name = one_line(text.get(start..end).unwrap_or(""));
    let room = width.saturating_sub(display_width(&name));
    let before = one_line(text.get(s0..start).unwrap_or(""));
    let after = one_line(text.get(end..s1).unwrap_or(""));
    // Keep the whole sentence when it fits; otherwise give the text before the mention at
    // least a third of the room, so the mention never sits at the far right edge.
    let before_room = room.saturating_sub(display_width(&after)).max(room / 3);
    let before = fit_end(&before, before_room);
    let after = fit(&after, room.saturating_sub(display_width(&before)));
    Line::from(vec![
        Span::raw("  "),
        Span::raw(before),
        Span::styled(name, theme.mark(Mark::Selected(kind))),
        Span::raw(after),
    ])
}

fn picker_lines<'a>(app: &'a App, p: &Picker, theme: Theme, inner: Rect) -> Vec<Line<'a>> {
    let width = usize::from(inner.width);
    p.items
        .iter()
        .enumerate()
        .skip(p.offset)
        .take(usize::from(inner.height))
        .map(|(i, (a, detail))| {
            let art = app.corpus.articles.get(*a as usize);
            let title = art.map_or("", |x| x.title.as_str());
            let date = art.and_then(|x| x.date.as_deref()).unwrap_or("");
            let right = format!("  {date}  {detail}");
            let title = fit(title, width.saturating_sub(display_width(&right)));
            let line = Line::from(vec![Span::raw(title), Span::styled(right, theme.dim())]);
            if i == p.selected {
                line.style(theme.selected(true))
            } else {
                line
            }
        })
        .collect()
}
