//! The reader's model: one [`App`] holding plain state, changed only by [`App::update`] (and
//! [`App::on_load`], [`App::on_search`] and [`App::on_filter`] for the reports of the runner's worker threads). No I/O and no terminal here, so every
//! key sequence can be tested by calling `update`; the runner performs the returned [`Effect`]s.

pub mod action;
pub mod bookmarks;
pub mod corpus_search;
pub mod fuzzy;
pub mod history;
pub mod list;
pub mod mentions;
pub mod mouse;
pub mod overlay;
pub mod prompt;
pub mod reading;
pub mod session;

use std::collections::HashMap;
use std::sync::Arc;

pub use action::{Action, Viewport};
pub use bookmarks::{BookmarkList, BookmarkState, NoteTarget};
pub use corpus_search::{SearchDone, SearchJob, Searching};
pub use fuzzy::{FilterDone, FilterJob};
pub use history::{History, Position};
pub use list::{ArticleList, Filter};
pub use overlay::{MentionRow, MentionsView, Overlay, Picker, PickerKind, openable_url};
pub use prompt::{Prompt, PromptKind};
pub use reading::{MentionMark, Reading, Search};

use crate::config::{Config, Palette, ReaderSettings};
use crate::corpus::{Article, ArticleIx, Corpus, EntityIx, Progress};
use crate::keymap::{Key, Keymap, Scope};
use crate::text::WrapCache;

/// The three panes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    /// The article list (left).
    List,
    /// The reading pane (centre).
    Reader,
    /// The entity sidebar (right).
    Entities,
}

impl Pane {
    /// A short name for the status line.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Pane::List => "articles",
            Pane::Reader => "reader",
            Pane::Entities => "entities",
        }
    }
}

/// Something the runner must do after an update.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    /// Restore the terminal and exit.
    Quit,
    /// Restore the terminal, stop the process, and redraw on resume.
    Suspend,
    /// Open this (already validated) http/https URL with the platform opener.
    OpenUrl(String),
    /// The reading position, selection or history changed: save the reading state (soon).
    StateChanged,
    /// A bookmark was added, deleted, restored or its note edited: save the bookmarks now and
    /// hand the merged list back with [`App::set_bookmarks`].
    SaveBookmarks,
    /// Run this corpus search off the key loop (superseding any still running) and hand the
    /// answer back with [`App::on_search`].
    SearchCorpus(SearchJob),
    /// Stop the corpus search still running: its answer is no longer wanted.
    CancelSearch,
    /// Run this list-filter scan off the key loop (superseding any still running) and hand
    /// the answer back with [`App::on_filter`].
    FilterList(FilterJob),
}

/// How far the corpus is loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadState {
    /// The background loader is still working.
    Loading(Option<Progress>),
    /// The corpus is in place.
    Ready,
    /// Loading failed with this message.
    Failed(String),
}

/// Whether the entities of the loaded articles are known yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Extraction {
    /// They are (or no extraction is running).
    #[default]
    Done,
    /// The articles are shown; their entities are still being found.
    Running(Option<Progress>),
}

/// A report from the background loader.
#[derive(Debug)]
pub enum LoadEvent {
    /// How far it has got.
    Progress(Progress),
    /// The articles, readable now; their entities follow in [`LoadEvent::Done`] (a corpus that
    /// shares these articles).
    Articles(Box<Corpus>),
    /// The corpus, ready to read.
    Done(Box<Corpus>),
    /// Why it could not load.
    Failed(String),
}

/// A transient line in the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    /// The text (built from sanitized strings only).
    pub text: String,
    /// Shown as a warning.
    pub warning: bool,
    /// Key presses it survives.
    ttl: u8,
}

/// The whole reader state.
#[derive(Debug)]
pub struct App {
    /// The corpus (empty while loading). Shared so a corpus search can read it on a worker
    /// thread while the key loop goes on; the App never changes it in place.
    pub corpus: Arc<Corpus>,
    /// Loading progress.
    pub load: LoadState,
    /// Whether entities are still being found for articles already shown.
    pub extraction: Extraction,
    /// An entity the saved reading state had selected, to select once entities arrive.
    pending_entity: Option<String>,
    /// Key bindings in effect (drawn by the help overlay and hints).
    pub keymap: Keymap,
    /// `NO_COLOR` is set: style with bold/underline/reverse only.
    pub no_color: bool,
    /// The colours (ignored when `no_color`).
    pub palette: Palette,
    /// The reader settings from the config file.
    pub settings: ReaderSettings,
    /// The focused pane.
    pub focus: Pane,
    /// Whether the article list is enabled.
    pub show_list: bool,
    /// Whether the entity sidebar is enabled.
    pub show_sidebar: bool,
    /// Pane areas from the last layout.
    pub viewport: Viewport,
    /// The article list.
    pub list: ArticleList,
    /// The open article.
    pub reading: Option<Reading>,
    /// The selected entity, kept across articles.
    pub entity: Option<EntityIx>,
    /// First visible row of the sidebar.
    pub sidebar_offset: usize,
    /// The open overlay.
    pub overlay: Option<Overlay>,
    /// The open prompt.
    pub prompt: Option<Prompt>,
    /// Jump history (Ctrl-o / Ctrl-i).
    pub history: History,
    /// The transient message.
    pub message: Option<Message>,
    /// Each article's last scroll position, by article id.
    pub positions: HashMap<String, usize>,
    /// Bookmarks, where they point, and the note being edited.
    pub marks: BookmarkState,
    /// The first key of a two-key sequence, waiting for the second.
    pub pending_key: Option<Key>,
    /// The corpus search in flight, if any.
    pub searching: Searching,
    wraps: WrapCache,
    fuzzy_memo: fuzzy::FuzzyMemo,
    /// The id of the filter scan whose answer the list waits for.
    pending_filter: Option<u64>,
    filter_seq: u64,
    /// Corpus size from which filter scans go to the worker (tests lower it).
    filter_off_loop_from: usize,
    /// Every article in the configured order, sorted once per corpus and setting.
    all_order: Vec<ArticleIx>,
    /// Every article, ordered by id, for looking ids up by binary search (a map holding a
    /// copy of each of 100,000 ids cost several megabytes).
    ids: Vec<ArticleIx>,
    text_size: (u16, u16),
}

impl App {
    /// A reader waiting for its corpus.
    #[must_use]
    pub fn new(no_color: bool) -> App {
        App {
            corpus: Arc::new(Corpus::default()),
            load: LoadState::Loading(None),
            extraction: Extraction::Done,
            pending_entity: None,
            keymap: Keymap::default(),
            no_color,
            palette: Palette::default(),
            settings: ReaderSettings::default(),
            focus: Pane::List,
            show_list: true,
            show_sidebar: true,
            viewport: Viewport::default(),
            list: ArticleList::default(),
            reading: None,
            entity: None,
            sidebar_offset: 0,
            overlay: None,
            prompt: None,
            history: History::default(),
            message: None,
            positions: HashMap::new(),
            marks: BookmarkState::default(),
            pending_key: None,
            searching: Searching::default(),
            wraps: WrapCache::default(),
            fuzzy_memo: fuzzy::FuzzyMemo::default(),
            pending_filter: None,
            filter_seq: 0,
            filter_off_loop_from: list::FILTER_OFF_LOOP_FROM,
            all_order: Vec::new(),
            ids: Vec::new(),
            text_size: (80, 24),
        }
    }

    /// Takes the user's configuration: keys, colours, panes at start and reader settings.
    /// Call it before the corpus arrives: the list order and hidden kinds apply when it loads.
    pub fn configure(&mut self, config: &Config) {
        self.keymap = config.keymap.clone();
        self.palette = config.palette;
        self.settings = config.reader.clone();
        self.show_list = config.reader.show_list;
        self.show_sidebar = config.reader.show_sidebar;
        self.refresh_all_order();
        if !self.pane_enabled(self.focus) {
            self.focus = Pane::Reader;
        }
    }

    /// A reader with `corpus` already loaded and its first article open.
    #[must_use]
    pub fn with_corpus(corpus: Corpus, no_color: bool) -> App {
        let mut app = App::new(no_color);
        app.on_load(LoadEvent::Done(Box::new(corpus)));
        app
    }

    /// Applies a report from the background loader.
    pub fn on_load(&mut self, event: LoadEvent) -> Vec<Effect> {
        match event {
            LoadEvent::Progress(p) => match self.extraction {
                Extraction::Running(_) => self.extraction = Extraction::Running(Some(p)),
                Extraction::Done => self.load = LoadState::Loading(Some(p)),
            },
            LoadEvent::Failed(m) if matches!(self.extraction, Extraction::Running(_)) => {
                // The articles stay readable; only their entities are missing.
                self.set_message(format!("could not find entities: {m}"), true, 20);
                self.extraction = Extraction::Done;
            }
            LoadEvent::Failed(m) => {
                self.set_message(format!("could not load: {m}"), true, 20);
                self.load = LoadState::Failed(m);
            }
            LoadEvent::Articles(corpus) => {
                self.install(*corpus);
                self.extraction = Extraction::Running(None);
            }
            LoadEvent::Done(corpus)
                if matches!(self.extraction, Extraction::Running(_))
                    && Arc::ptr_eq(&self.corpus.articles, &corpus.articles) =>
            {
                self.add_entities(*corpus);
            }
            LoadEvent::Done(corpus) => {
                self.install(*corpus);
                self.extraction = Extraction::Done;
            }
        }
        Vec::new()
    }

    /// The entities of the articles already shown: everything else the reader shows stays as
    /// it is (the open article, its position, the list, history, search).
    fn add_entities(&mut self, corpus: Corpus) {
        // A search or filter in flight stays valid: it answers with indices of these articles.
        self.corpus = Arc::new(corpus);
        self.extraction = Extraction::Done;
        // The open article keeps its place; its highlights only now exist.
        self.wraps.clear();
        if let Some(a) = self.reading.as_ref().map(|r| r.article) {
            let marks = self.marks_of(a);
            if let Some(r) = self.reading.as_mut() {
                r.marks = marks;
                r.current = None;
            }
        }
        if let Some(name) = self.pending_entity.take() {
            if self.entity.is_none() {
                self.entity = self
                    .corpus
                    .entities
                    .iter()
                    .position(|e| e.name == name)
                    .and_then(|i| EntityIx::try_from(i).ok());
            }
        }
        self.sync();
    }

    /// Puts a newly loaded corpus in place and opens its first article.
    fn install(&mut self, corpus: Corpus) {
        self.corpus = Arc::new(corpus);
        self.drop_corpus_search();
        self.pending_filter = None;
        self.fuzzy_memo.reset(&self.corpus.articles);
        self.refresh_all_order();
        self.load = LoadState::Ready;
        self.wraps.clear();
        let arts = &self.corpus.articles;
        let mut ids: Vec<ArticleIx> = (0..arts.len())
            .filter_map(|i| ArticleIx::try_from(i).ok())
            .collect();
        // Equal ids (the same article twice) stay in corpus order. Sorted on this thread: the
        // articles of a large corpus arrive while extraction keeps the worker pool busy, and a
        // parallel sort queued behind it held the article list back for most of a second at
        // 100,000 articles (on one core, the sort takes a few tens of milliseconds).
        ids.sort_unstable_by(|&a, &b| id_of(arts, a).cmp(id_of(arts, b)).then(a.cmp(&b)));
        self.ids = ids;
        self.list = ArticleList {
            visible: self.all_articles(),
            ..ArticleList::default()
        };
        self.reading = None;
        if let Some(&first) = self.list.visible.first() {
            self.open_article(first);
        }
        self.report_warnings();
        self.relocate_bookmarks();
        self.sync();
    }

    fn report_warnings(&mut self) {
        let w = &self.corpus.warnings;
        if let Some(first) = w.first() {
            // Not "skipped" alone: a file that is not UTF-8 is read all the same, with
            // replacement characters.
            let text = if w.len() == 1 {
                format!("1 file skipped or damaged: {first}")
            } else {
                format!("{} files skipped or damaged; first: {first}", w.len())
            };
            self.set_message(text, true, 8);
        } else if self.corpus.articles.is_empty() {
            self.set_message("no articles found".to_owned(), true, 8);
        }
    }

    /// Applies one action and returns what the runner must do.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut fx = Vec::new();
        if action.is_user() {
            self.age_message();
        }
        let before = self.state_key();
        match action {
            Action::Quit => fx.push(Effect::Quit),
            Action::Suspend => fx.push(Effect::Suspend),
            Action::Resize(vp) => self.viewport = vp,
            Action::Click(x, y) => self.click(x, y),
            Action::Wheel(x, y, down) => self.wheel(x, y, down),
            other if self.prompt.is_some() => fx.extend(self.prompt_action(other)),
            other => {
                if let Some(e) = self.overlay_action(other) {
                    fx.extend(e);
                } else {
                    fx.extend(self.main_action(other));
                }
            }
        }
        self.sync();
        if self.state_key() != before {
            fx.push(Effect::StateChanged);
        }
        fx
    }

    /// Maps a key press through the keymap (two-key sequences included) and applies the
    /// action it is bound to, if any.
    pub fn press(&mut self, key: Key) -> Vec<Effect> {
        let scopes = self.scopes();
        let mut pending = self.pending_key.take();
        let action = self.keymap.press(&scopes, &mut pending, key);
        self.pending_key = pending;
        action.map(|a| self.update(a)).unwrap_or_default()
    }

    /// The key scopes in effect, most specific first: the focused pane's own bindings win
    /// over the global ones, except while an overlay or prompt is open.
    #[must_use]
    pub fn scopes(&self) -> Vec<Scope> {
        if self.prompt.is_some() {
            return vec![Scope::Prompt, Scope::Always];
        }
        if matches!(self.overlay, Some(Overlay::Bookmarks(_))) {
            return vec![Scope::Bookmarks, Scope::Global, Scope::Always];
        }
        if self.overlay.is_some() {
            return vec![Scope::Global, Scope::Always];
        }
        let pane = match self.focus {
            Pane::List => Scope::List,
            Pane::Reader => Scope::Reader,
            Pane::Entities => Scope::Entities,
        };
        vec![pane, Scope::Global, Scope::Always]
    }

    fn main_action(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::FocusNext => self.cycle_focus(true),
            Action::FocusPrev => self.cycle_focus(false),
            Action::Down => self.move_by(1),
            Action::Up => self.move_by(-1),
            Action::PageDown => self.move_by(self.page(1)),
            Action::PageUp => self.move_by(-self.page(1)),
            Action::HalfPageDown => self.move_by(self.page(2)),
            Action::HalfPageUp => self.move_by(-self.page(2)),
            Action::Top => self.move_to_end(false),
            Action::Bottom => self.move_to_end(true),
            Action::Activate => self.activate(),
            Action::Cancel => return self.cancel(),
            Action::NextMention => self.step_mention(true),
            Action::PrevMention => self.step_mention(false),
            Action::NextInCorpus => self.step_corpus(true),
            Action::PrevInCorpus => self.step_corpus(false),
            Action::NextOnScreen => self.step_on_screen(true),
            Action::PrevOnScreen => self.step_on_screen(false),
            Action::JumpBack => self.jump_back(),
            Action::JumpForward => self.jump_forward(),
            Action::SearchArticle => self.open_prompt(PromptKind::Search),
            Action::SearchCorpus => self.open_prompt(PromptKind::CorpusSearch),
            Action::FilterArticles => self.open_prompt(PromptKind::Filter),
            Action::FilterByEntity => self.filter_by_entity(),
            Action::Related => self.show_related(),
            Action::OpenUrl => return self.open_url().into_iter().collect(),
            Action::Help => self.overlay = Some(Overlay::Help { scroll: 0 }),
            Action::ToggleList => self.toggle(Pane::List),
            Action::ToggleSidebar => self.toggle(Pane::Entities),
            Action::AddBookmark => self.start_bookmark(),
            Action::Bookmarks => self.toggle_bookmark_list(),
            _ => {}
        }
        Vec::new()
    }

    fn page(&self, div: isize) -> isize {
        let rows = match self.focus {
            Pane::List => self.viewport.list.height,
            Pane::Reader => self.text_size.1,
            Pane::Entities => self.viewport.sidebar.height,
        };
        (isize::try_from(rows.max(2)).unwrap_or(2) - 1).max(1) / div.max(1)
    }

    fn move_by(&mut self, delta: isize) {
        match self.focus {
            Pane::List => self.list_move(delta),
            Pane::Reader => self.scroll_lines(delta),
            Pane::Entities => self.sidebar_move(delta),
        }
    }

    fn move_to_end(&mut self, bottom: bool) {
        match self.focus {
            Pane::List => self.list_move(if bottom { isize::MAX } else { isize::MIN }),
            Pane::Entities => self.sidebar_move(if bottom { isize::MAX } else { isize::MIN }),
            Pane::Reader => self.jump(|app| {
                app.scroll_lines(if bottom {
                    isize::MAX / 2
                } else {
                    isize::MIN / 2
                });
            }),
        }
    }

    fn activate(&mut self) {
        match self.focus {
            Pane::List => {
                if let Some(a) = self.list.selected_article() {
                    if self.reading.as_ref().map(|r| r.article) != Some(a) {
                        self.jump(|app| app.open_article(a));
                    }
                    self.focus = Pane::Reader;
                }
            }
            Pane::Entities => {
                if let Some(e) = self.entity {
                    self.open_mentions_view(e);
                }
            }
            Pane::Reader => {
                if let Some(e) = self.current_mark().map(|m| m.entity) {
                    self.open_mentions_view(e);
                }
            }
        }
    }

    fn cancel(&mut self) -> Vec<Effect> {
        if self.cancel_corpus_search() {
            return vec![Effect::CancelSearch];
        }
        if let Some(r) = self.reading.as_mut() {
            if r.search.take().is_some() {
                return Vec::new();
            }
        }
        if self.list.filter.is_some() {
            self.set_filter(None);
            self.set_message("filter cleared".to_owned(), false, 1);
        }
        Vec::new()
    }

    fn cycle_focus(&mut self, forward: bool) {
        let order = [Pane::List, Pane::Reader, Pane::Entities];
        let enabled: Vec<Pane> = order
            .into_iter()
            .filter(|p| self.pane_enabled(*p))
            .collect();
        let i = enabled.iter().position(|p| *p == self.focus).unwrap_or(0);
        let n = enabled.len().max(1);
        let next = if forward {
            (i + 1) % n
        } else {
            (i + n - 1) % n
        };
        self.focus = enabled.get(next).copied().unwrap_or(Pane::Reader);
        // A sidebar taken gets a cursor on a row, as a list does, so `n` and Enter act at
        // once: the followed entity's row when this article names it, else the first. (An
        // entity followed with `]` from the reader stays followed until the sidebar is taken.)
        if self.focus == Pane::Entities && self.sidebar_selected().is_none() {
            self.sidebar_move(1);
        }
    }

    /// Whether a pane is switched on (the layout may still hide it on a narrow terminal).
    #[must_use]
    pub fn pane_enabled(&self, p: Pane) -> bool {
        match p {
            Pane::List => self.show_list,
            Pane::Reader => true,
            Pane::Entities => self.show_sidebar,
        }
    }

    fn toggle(&mut self, p: Pane) {
        let flag = if p == Pane::List {
            &mut self.show_list
        } else {
            &mut self.show_sidebar
        };
        *flag = !*flag;
        if !self.pane_enabled(self.focus) {
            self.focus = Pane::Reader;
        }
    }

    /// Shows `text` in the status line for `ttl` key presses.
    pub fn set_message(&mut self, text: String, warning: bool, ttl: u8) {
        self.message = Some(Message { text, warning, ttl });
    }

    fn age_message(&mut self) {
        if let Some(m) = self.message.as_mut() {
            if m.ttl == 0 {
                self.message = None;
            } else {
                m.ttl -= 1;
            }
        }
    }

    /// What `StateChanged` watches: the open article, its scroll position, the selection and
    /// the history length.
    fn state_key(&self) -> (Option<ArticleIx>, usize, Option<EntityIx>, usize) {
        let (a, top) = self
            .reading
            .as_ref()
            .map_or((None, 0), |r| (Some(r.article), r.top));
        (a, top, self.entity, self.history.len())
    }

    /// The article index of an article id, if it is in the corpus.
    #[must_use]
    pub fn article_by_id(&self, id: &str) -> Option<ArticleIx> {
        let arts = &self.corpus.articles;
        // The last of equal ids, as when a later article of the same id replaced an earlier.
        let end = self.ids.partition_point(|&i| id_of(arts, i) <= id);
        let i = *self.ids.get(end.checked_sub(1)?)?;
        (id_of(arts, i) == id).then_some(i)
    }

    /// The article of an id at `path`, where the corpus holds its text in two files (a copy
    /// kept in two folders); else the article of that id, as [`App::article_by_id`] finds it.
    #[must_use]
    pub fn article_at(&self, id: &str, path: &str) -> Option<ArticleIx> {
        let arts = &self.corpus.articles;
        let from = self.ids.partition_point(|&i| id_of(arts, i) < id);
        let twins = self.ids.get(from..).unwrap_or_default();
        let twins = twins.iter().take_while(|&&i| id_of(arts, i) == id);
        twins
            .clone()
            .find(|&&i| arts.get(i as usize).is_some_and(|a| a.path == path))
            .or_else(|| twins.last())
            .copied()
    }

    /// Keeps derived state consistent after any change: the wrapping for the current width is
    /// cached, and list, sidebar and overlay selections stay on screen.
    fn sync(&mut self) {
        let r = self.viewport.reader;
        if r.width > 0 && r.height > 0 {
            // The reading width cap: long lines are hard to follow on a wide terminal.
            let cap = self.settings.max_width;
            let w = if cap > 0 { r.width.min(cap) } else { r.width };
            self.text_size = (w, r.height);
        }
        if let Some(reading) = &self.reading {
            if let Some(a) = self.corpus.articles.get(reading.article as usize) {
                self.wraps
                    .get_or_wrap(reading.article, &a.text, self.text_size.0);
            }
        }
        self.list
            .keep_visible(usize::from(self.viewport.list.height));
        self.keep_sidebar_visible();
        let h = usize::from(self.viewport.overlay.height);
        if let Some(o) = self.overlay.as_mut() {
            o.keep_visible(h);
        }
    }
}

/// Clamps `i + delta` to `0..len` (0 when empty).
#[must_use]
pub fn step_index(i: usize, delta: isize, len: usize) -> usize {
    let max = len.saturating_sub(1);
    i.saturating_add_signed(delta).min(max)
}

#[cfg(test)]
mod staged_tests;

/// The id of article `i` ("" past the end).
fn id_of(articles: &[Article], i: ArticleIx) -> &str {
    articles.get(i as usize).map_or("", |a| a.id.as_str())
}

#[cfg(test)]
pub(crate) mod tests;
