//! Bookmarks in the reader: making one at the current place (with a note typed in a prompt), the
//! bookmark list overlay (jump, delete with undo, edit the note), where each bookmark points in
//! the loaded corpus, and which articles hold one. No I/O here: every change goes out as
//! [`Effect::SaveBookmarks`]; the runner saves and hands the merged list back through
//! [`App::set_bookmarks`].

use std::collections::HashSet;

use super::{Action, App, Effect, LoadState, Overlay, Pane, PromptKind, step_index};
use crate::corpus::ArticleIx;
use crate::persist::{Bookmark, Bookmarks, Location, locate};

/// What the open note prompt edits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteTarget {
    /// A bookmark made when `m` was pressed; it is added when the note is accepted.
    New(Box<Bookmark>),
    /// The note of an existing bookmark, by id.
    Edit(String),
}

/// The reader's bookmarks and what is derived from them.
#[derive(Debug, Clone, Default)]
pub struct BookmarkState {
    /// The list as saved (the runner replaces it with the merged list after each save).
    pub doc: Bookmarks,
    /// Where each bookmark (same order as `doc.list()`) points in the loaded corpus. Empty
    /// until the corpus is ready, so nothing is called orphaned while it is still loading.
    pub locations: Vec<Location>,
    /// Articles that hold at least one bookmark (marked in the article list).
    pub articles: HashSet<ArticleIx>,
    /// Deleted bookmarks, newest last, for `u`.
    pub undo: Vec<Bookmark>,
    /// What the open note prompt is for.
    pub editing: Option<NoteTarget>,
}

/// The bookmark list overlay: the selected bookmark (index into the list) and the first shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct BookmarkList {
    /// Selected bookmark.
    pub selected: usize,
    /// First bookmark shown.
    pub offset: usize,
    /// How many bookmarks the list holds (kept in step by the App, for scrolling).
    pub len: usize,
}

/// Screen rows each bookmark takes in the list (heading line and quote line).
pub const ROWS_PER_BOOKMARK: usize = 2;

/// Undo entries kept: enough for a cleanup session, bounded so memory cannot grow forever.
const MAX_UNDO: usize = 100;

impl App {
    /// Replaces the bookmark list (at start-up and after every save, which merges in what
    /// another instance saved) and finds each bookmark in the corpus again.
    pub fn set_bookmarks(&mut self, doc: Bookmarks) {
        self.marks.doc = doc;
        self.relocate_bookmarks();
    }

    /// Finds every bookmark in the loaded corpus (by id and offset, then by its quote).
    pub(crate) fn relocate_bookmarks(&mut self) {
        let marks = &mut self.marks;
        marks.locations.clear();
        marks.articles.clear();
        if self.load == LoadState::Ready {
            for b in marks.doc.list() {
                let loc = locate(b, &self.corpus.articles);
                if let Some(a) = loc.target().and_then(|(a, _)| ArticleIx::try_from(a).ok()) {
                    marks.articles.insert(a);
                }
                marks.locations.push(loc);
            }
        }
        let n = marks.doc.list().len();
        if let Some(Overlay::Bookmarks(l)) = self.overlay.as_mut() {
            l.len = n;
            l.selected = l.selected.min(n.saturating_sub(1));
        }
    }

    /// `m`: captures the current place and asks for a note. The place is the current mention
    /// when there is one, else the sentence at the top of the reading pane.
    pub(crate) fn start_bookmark(&mut self) {
        let Some(r) = self.reading.as_ref() else {
            self.set_message("no article open".to_owned(), false, 1);
            return;
        };
        let offset = self.current_mark().map_or(r.top, |m| m.range.start);
        let Some(article) = self.corpus.articles.get(r.article as usize) else {
            return;
        };
        let b = Bookmark::new(article, offset, None);
        self.marks.editing = Some(NoteTarget::New(Box::new(b)));
        self.open_prompt(PromptKind::Note);
    }

    /// Enter in the note prompt: adds the new bookmark or changes the note.
    pub(crate) fn accept_note(&mut self, input: &str) -> Vec<Effect> {
        let note = Some(input.trim().to_owned()).filter(|n| !n.is_empty());
        match self.marks.editing.take() {
            Some(NoteTarget::New(mut b)) => {
                b.note = note;
                let quote = b.quote.exact.clone();
                self.marks.doc.add(*b);
                self.relocate_bookmarks();
                self.set_message(format!("bookmarked: \"{quote}\""), false, 2);
            }
            Some(NoteTarget::Edit(id)) => {
                if !self.marks.doc.set_note(&id, note) {
                    return Vec::new();
                }
                self.set_message("note saved".to_owned(), false, 1);
            }
            None => return Vec::new(),
        }
        vec![Effect::SaveBookmarks]
    }

    /// Esc in the note prompt: nothing is added or changed.
    pub(crate) fn cancel_note(&mut self) {
        if let Some(NoteTarget::New(_)) = self.marks.editing.take() {
            self.set_message("bookmark not added".to_owned(), false, 1);
        }
    }

    /// `'`: opens the bookmark list with the newest bookmark selected, or closes it.
    pub(crate) fn toggle_bookmark_list(&mut self) {
        if matches!(self.overlay, Some(Overlay::Bookmarks(_))) {
            self.overlay = None;
            return;
        }
        let n = self.marks.doc.list().len();
        self.overlay = Some(Overlay::Bookmarks(BookmarkList {
            selected: n.saturating_sub(1),
            offset: 0,
            len: n,
        }));
    }

    /// Moves the list selection by `delta`.
    pub(crate) fn bookmark_list_move(&mut self, delta: isize) {
        let n = self.marks.doc.list().len();
        if let Some(Overlay::Bookmarks(l)) = self.overlay.as_mut() {
            l.selected = step_index(l.selected, delta, n);
        }
    }

    /// `d`, `u` and `e` in the bookmark list.
    pub(crate) fn bookmark_list_action(&mut self, action: Action) -> Vec<Effect> {
        let Some(Overlay::Bookmarks(l)) = self.overlay else {
            return Vec::new();
        };
        let selected = self.marks.doc.list().get(l.selected).cloned();
        match (action, selected) {
            (Action::DeleteBookmark, Some(b)) => {
                if let Some(gone) = self.marks.doc.remove(&b.id) {
                    self.marks.undo.push(gone);
                    if self.marks.undo.len() > MAX_UNDO {
                        self.marks.undo.remove(0);
                    }
                }
                self.relocate_bookmarks();
                let u = self.first_key(crate::keymap::Scope::Bookmarks, Action::UndoDelete);
                self.set_message(format!("bookmark deleted ({u} undoes)"), false, 2);
                vec![Effect::SaveBookmarks]
            }
            (Action::UndoDelete, _) => {
                let Some(b) = self.marks.undo.pop() else {
                    self.set_message("nothing to undo".to_owned(), false, 1);
                    return Vec::new();
                };
                let id = b.id.clone();
                self.marks.doc.restore(b);
                self.relocate_bookmarks();
                let i = self.marks.doc.list().iter().position(|x| x.id == id);
                if let (Some(i), Some(Overlay::Bookmarks(l))) = (i, self.overlay.as_mut()) {
                    l.selected = i;
                }
                self.set_message("bookmark restored".to_owned(), false, 1);
                vec![Effect::SaveBookmarks]
            }
            (Action::EditNote, Some(b)) => {
                self.marks.editing = Some(NoteTarget::Edit(b.id.clone()));
                self.open_prompt(PromptKind::Note);
                if let Some(p) = self.prompt.as_mut() {
                    p.input = b.note_str().to_owned();
                }
                Vec::new()
            }
            _ => Vec::new(),
        }
    }

    /// Enter in the bookmark list: jumps to the selected bookmark's sentence (a jump Ctrl-o
    /// can undo). An orphaned bookmark keeps the list open and says why.
    pub(crate) fn jump_to_bookmark(&mut self, i: usize) {
        if self.load != LoadState::Ready {
            self.set_message("still loading".to_owned(), false, 1);
            return;
        }
        let Some((a, offset)) = self.marks.locations.get(i).and_then(Location::target) else {
            self.set_message(
                "orphaned: this bookmark's sentence is no longer in the corpus".to_owned(),
                true,
                2,
            );
            return;
        };
        let Ok(a) = ArticleIx::try_from(a) else {
            return;
        };
        self.overlay = None;
        self.jump(|app| {
            if app.reading.as_ref().map(|r| r.article) != Some(a) {
                app.open_article(a);
            }
            app.show_offset_at_top(offset);
            if let Some(r) = app.reading.as_mut() {
                r.current = None;
            }
            app.focus = Pane::Reader;
        });
    }

    /// Scrolls so that the line holding byte `offset` is the top line, as far as the end of
    /// the article allows.
    pub(crate) fn show_offset_at_top(&mut self, offset: usize) {
        let Some(w) = self.wrapped() else { return };
        let max_top = w.len().saturating_sub(self.text_rows());
        let line = w.line_at(offset).min(max_top);
        if let Some(r) = self.reading.as_mut() {
            r.top = w.anchor(line);
        }
    }

    /// The first key bound to `action` in `scope`, for messages ("u undoes").
    fn first_key(&self, scope: crate::keymap::Scope, action: Action) -> String {
        self.keymap
            .keys_for(scope, action)
            .into_iter()
            .next()
            .unwrap_or_else(|| action.name().unwrap_or_default())
    }
}

#[cfg(test)]
mod tests;
