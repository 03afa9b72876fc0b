//! The one-line prompts: article search (incremental, Esc restores the view), corpus-wide search
//! (started on Enter, see `corpus_search.rs`), the fuzzy list filter (narrows as you type) and a
//! bookmark's note (Enter saves, Esc cancels).

use super::reading::Search;
use super::{App, Effect, Filter, Pane};
use crate::app::Action;

/// What a prompt is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PromptKind {
    /// `/`: search the open article.
    Search,
    /// Search every article.
    CorpusSearch,
    /// `f`: fuzzy-filter the article list.
    Filter,
    /// A bookmark's note (new bookmark or `e` in the bookmark list).
    Note,
}

impl PromptKind {
    /// The prompt's leading label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            PromptKind::Search => "/",
            PromptKind::CorpusSearch => "search all: ",
            PromptKind::Filter => "filter: ",
            PromptKind::Note => "bookmark note (Enter saves, Esc cancels): ",
        }
    }
}

/// An open prompt and what to restore when it is cancelled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    /// What it is for.
    pub kind: PromptKind,
    /// What has been typed.
    pub input: String,
    saved_top: usize,
    saved_search: Option<Search>,
    saved_filter: Option<Filter>,
}

/// Longest input kept: enough for any search, small enough to draw cheaply.
const MAX_INPUT: usize = 256;

impl App {
    pub(crate) fn open_prompt(&mut self, kind: PromptKind) {
        if kind == PromptKind::Search && self.reading.is_none() {
            self.set_message("no article open".to_owned(), false, 1);
            return;
        }
        let input = match (&self.list.filter, kind) {
            (Some(Filter::Fuzzy(q)), PromptKind::Filter) => q.clone(),
            _ => String::new(),
        };
        self.prompt = Some(Prompt {
            kind,
            input,
            saved_top: self.reading.as_ref().map_or(0, |r| r.top),
            saved_search: self.reading.as_ref().and_then(|r| r.search.clone()),
            saved_filter: self.list.filter.clone(),
        });
        if kind == PromptKind::Search {
            self.focus = Pane::Reader;
        }
    }

    pub(crate) fn prompt_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(p) = self.prompt.as_mut() else {
            return Vec::new();
        };
        match action {
            Action::Input(c) if !c.is_control() && p.input.len() < MAX_INPUT => p.input.push(c),
            Action::DeleteChar => {
                p.input.pop();
            }
            Action::ClearInput => p.input.clear(),
            Action::Activate => return self.accept_prompt(),
            Action::Cancel => {
                self.cancel_prompt();
                return Vec::new();
            }
            _ => return Vec::new(),
        }
        self.live_update()
    }

    fn live_update(&mut self) -> Vec<Effect> {
        let Some(p) = self.prompt.clone() else {
            return Vec::new();
        };
        match p.kind {
            PromptKind::Search => {
                if let Some(r) = self.reading.as_mut() {
                    r.top = p.saved_top;
                    r.search = None;
                }
                if !p.input.is_empty() {
                    self.search_article(&p.input);
                }
            }
            PromptKind::Filter => return self.filter_typed(&p.input),
            PromptKind::CorpusSearch | PromptKind::Note => {}
        }
        Vec::new()
    }

    fn accept_prompt(&mut self) -> Vec<Effect> {
        let Some(p) = self.prompt.take() else {
            return Vec::new();
        };
        match p.kind {
            PromptKind::Search => {
                // The view moved as the query was typed: make that a jump Ctrl-o can undo.
                if let (Some(mut before), Some(after)) = (self.position(), self.position()) {
                    before.offset = p.saved_top;
                    if before != after {
                        self.history.back.push(before);
                        self.history.forward.clear();
                    }
                }
                if p.input.is_empty() {
                    if let Some(r) = self.reading.as_mut() {
                        r.search = None;
                    }
                }
            }
            PromptKind::Filter => {
                // Enter before the worker answered: the list must match what was typed.
                if self.filtering() {
                    let f = (!p.input.trim().is_empty()).then(|| Filter::Fuzzy(p.input.clone()));
                    self.set_filter(f);
                }
                self.open_selected();
                self.focus = Pane::List;
            }
            PromptKind::CorpusSearch => return self.corpus_search(&p.input),
            PromptKind::Note => return self.accept_note(&p.input),
        }
        Vec::new()
    }

    fn cancel_prompt(&mut self) {
        let Some(p) = self.prompt.take() else { return };
        match p.kind {
            PromptKind::Search => {
                if let Some(r) = self.reading.as_mut() {
                    r.top = p.saved_top;
                    r.search = p.saved_search;
                }
            }
            PromptKind::Filter => self.set_filter(p.saved_filter),
            PromptKind::CorpusSearch => {}
            PromptKind::Note => self.cancel_note(),
        }
    }
}
