//! The reading pane: metadata line, then the article text wrapped by our wrapper (never
//! `Paragraph::wrap`), mentions highlighted by kind, the selected entity stronger, the current
//! mention strongest, search hits on top. While loading, a progress bar. Only reads the App.

use std::ops::Range;

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Gauge, Paragraph};

use super::Theme;
use super::layout::reader_parts;
use crate::app::{App, LoadState, Pane};
use crate::corpus::Progress;
use crate::text::{Mark, segments};

/// Draws the reading pane into `area` (borders included).
pub fn render_reader(frame: &mut Frame, area: Rect, app: &App, theme: Theme) {
    let focused = app.focus == Pane::Reader;
    let article = app
        .reading
        .as_ref()
        .and_then(|r| app.corpus.articles.get(r.article as usize));
    let title = article.map_or_else(|| " byline ".to_owned(), |a| format!(" {} ", a.title));
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border(focused))
        .title(title);
    frame.render_widget(block, area);
    let (meta_area, text_area) = reader_parts(area);
    match &app.load {
        LoadState::Loading(p) => return render_progress(frame, text_area, *p),
        LoadState::Failed(m) => {
            let p = Paragraph::new(Span::styled(
                format!("could not load: {m}"),
                theme.warning(),
            ));
            return frame.render_widget(p, text_area);
        }
        LoadState::Ready => {}
    }
    let Some(article) = article else {
        frame.render_widget(
            Paragraph::new(Span::styled("no article open", theme.dim())),
            text_area,
        );
        return;
    };
    if let Some(m) = meta_area {
        let mut parts: Vec<String> = Vec::new();
        parts.extend(article.date.as_deref().map(|d| app.settings.show_date(d)));
        for v in [&article.source, &article.author].into_iter().flatten() {
            parts.push(v.clone());
        }
        parts.push(article.path.clone());
        frame.render_widget(
            Paragraph::new(Span::styled(parts.join(" · "), theme.dim())),
            m,
        );
    }
    frame.render_widget(
        Paragraph::new(text_lines(app, text_area.height, theme)),
        text_area,
    );
}

/// The visible lines of the open article, styled.
fn text_lines(app: &App, rows: u16, theme: Theme) -> Vec<Line<'_>> {
    let (Some(r), Some(w)) = (app.reading.as_ref(), app.wrapped()) else {
        return Vec::new();
    };
    let Some(article) = app.corpus.articles.get(r.article as usize) else {
        return Vec::new();
    };
    let text = article.text.as_str();
    let top = w.line_at(r.top);
    let shown = w.lines.get(top..).unwrap_or(&[]);
    let shown = &shown[..shown.len().min(usize::from(rows))];
    let vis: Range<usize> = match (shown.first(), shown.last()) {
        (Some(a), Some(b)) => a.anchor..b.range.end.max(b.anchor),
        _ => 0..0,
    };
    let marks = visible_marks(app, &vis);
    shown
        .iter()
        .map(|l| {
            let lead = l.paragraph.is_some_and(|p| p < article.lead);
            let base = if lead {
                theme.lead()
            } else {
                ratatui::style::Style::new()
            };
            let spans: Vec<Span> = segments(text, l.range.clone(), &marks)
                .into_iter()
                .map(|s| {
                    let t = text.get(s.range).unwrap_or("");
                    match s.mark {
                        Some(m) => Span::styled(t, base.patch(theme.mark(m))),
                        None => Span::styled(t, base),
                    }
                })
                .collect();
            Line::from(spans)
        })
        .collect()
}

/// Marks overlapping `vis`: mentions by kind (selected entity and current stronger), hits.
fn visible_marks(app: &App, vis: &Range<usize>) -> Vec<(Range<usize>, Mark)> {
    let Some(r) = app.reading.as_ref() else {
        return Vec::new();
    };
    let overlaps = |x: &Range<usize>| x.start < vis.end && x.end > vis.start;
    let mut out = Vec::new();
    for (i, m) in r.marks.iter().enumerate() {
        if !overlaps(&m.range) {
            continue;
        }
        let Some(kind) = app.corpus.entities.get(m.entity as usize).map(|e| e.kind) else {
            continue;
        };
        let mark = if r.current == Some(i) {
            Mark::Current(kind)
        } else if app.entity == Some(m.entity) {
            Mark::Selected(kind)
        } else {
            Mark::Mention(kind)
        };
        out.push((m.range.clone(), mark));
    }
    if let Some(s) = &r.search {
        let lo = s.hits.partition_point(|h| h.end <= vis.start);
        for (i, h) in s.hits.iter().enumerate().skip(lo) {
            if h.start >= vis.end {
                break;
            }
            let mark = if s.current == Some(i) {
                Mark::CurrentHit
            } else {
                Mark::Hit
            };
            out.push((h.clone(), mark));
        }
    }
    out
}

fn render_progress(frame: &mut Frame, area: Rect, p: Option<Progress>) {
    let (ratio, label) = match p {
        None => (0.0, "finding files…".to_owned()),
        Some(Progress::Reading { done, total }) => {
            #[allow(clippy::cast_precision_loss)]
            let r = if total == 0 {
                0.0
            } else {
                done as f64 / total as f64
            };
            (r.clamp(0.0, 1.0), format!("reading {done}/{total} files"))
        }
        Some(Progress::Indexing) => (0.0, "finding who and what is mentioned…".to_owned()),
        Some(Progress::Extracting { done, total }) => {
            #[allow(clippy::cast_precision_loss)]
            let r = if total == 0 {
                0.0
            } else {
                (done as f64 / total as f64).clamp(0.0, 1.0)
            };
            let pct = (r * 100.0).floor();
            (r, format!("finding who and what is mentioned… {pct:.0}%"))
        }
    };
    if area.height == 0 || area.width == 0 {
        return;
    }
    let bar = Rect::new(area.x, area.y + area.height / 2, area.width, 1);
    frame.render_widget(Gauge::default().ratio(ratio).label(label), bar);
}

#[cfg(test)]
mod progress_tests {
    use crate::app::{App, LoadState};
    use crate::corpus::Progress;
    use crate::ui::tests::{render, screen};

    #[test]
    fn the_bar_shows_how_far_extraction_has_got() {
        let mut app = App::new(true);
        app.load = LoadState::Loading(Some(Progress::Extracting {
            done: 150,
            total: 600,
        }));
        let shown = screen(&render(&mut app, 100, 20));
        assert!(
            shown.contains("finding who and what is mentioned… 25%"),
            "{shown}"
        );
        app.load = LoadState::Loading(Some(Progress::Reading { done: 3, total: 12 }));
        let shown = screen(&render(&mut app, 100, 20));
        assert!(shown.contains("reading 3/12 files"), "{shown}");
    }
}
