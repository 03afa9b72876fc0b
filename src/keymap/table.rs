//! The one table of default key bindings. Key lookup, the help overlay, the status-line hints
//! and the README key table are all generated from it, so they cannot drift apart.

use crate::app::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Scope {
    /// Everywhere, even while typing in a prompt.
    Always,
    /// Everywhere except while typing in a prompt.
    Global,
    /// Only when the article list has focus (takes precedence over Global).
    List,
    /// Only when the reading pane has focus (takes precedence over Global).
    Reader,
    /// Only when the entity sidebar has focus (takes precedence over Global).
    Entities,
    /// Only while typing in a prompt (search, filter, note).
    Prompt,
    /// Only while the bookmark list is open (takes precedence over Global).
    Bookmarks,
}

impl Scope {
    /// Every scope, in the order the help overlay and the config file list them.
    pub const ALL: [Scope; 7] = [
        Scope::Always,
        Scope::Global,
        Scope::List,
        Scope::Reader,
        Scope::Entities,
        Scope::Prompt,
        Scope::Bookmarks,
    ];

    /// A heading for the help overlay and README.
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Scope::Always => "Anywhere",
            Scope::Global => "Reading and browsing",
            Scope::List => "Article list",
            Scope::Reader => "Reading pane",
            Scope::Entities => "Entity sidebar",
            Scope::Prompt => "Search, filter and note prompts",
            Scope::Bookmarks => "Bookmark list",
        }
    }

    /// The name of the scope's table in the config file (`[keys.global]`).
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Scope::Always => "anywhere",
            Scope::Global => "global",
            Scope::List => "list",
            Scope::Reader => "reader",
            Scope::Entities => "entities",
            Scope::Prompt => "prompt",
            Scope::Bookmarks => "bookmarks",
        }
    }

    /// The scope whose config table is called `name`.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Scope> {
        Scope::ALL.into_iter().find(|s| s.name() == name)
    }
}

/// One row of the binding table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    /// Where it applies.
    pub scope: Scope,
    /// Keys in notation ("ctrl-o"); the first one is shown in hints.
    pub keys: &'static [&'static str],
    /// What it does.
    pub action: Action,
    /// A sentence for the help overlay.
    pub description: &'static str,
    /// A one-word label for the status-line hints; empty when not hinted.
    pub hint: &'static str,
}

const fn b(
    scope: Scope,
    keys: &'static [&'static str],
    action: Action,
    description: &'static str,
    hint: &'static str,
) -> Binding {
    Binding {
        scope,
        keys,
        action,
        description,
        hint,
    }
}

use Scope::{Always, Bookmarks, Entities, Global, Prompt};

/// The default bindings, in the order the help overlay lists them.
pub static BINDINGS: &[Binding] = &[
    b(Always, &["ctrl-c"], Action::Quit, "quit at once", ""),
    b(
        Always,
        &["ctrl-z"],
        Action::Suspend,
        "suspend to the shell (fg resumes)",
        "",
    ),
    b(Global, &["q"], Action::Quit, "quit", "quit"),
    b(
        Global,
        &["?"],
        Action::Help,
        "show or hide this help",
        "help",
    ),
    b(
        Global,
        &["tab"],
        Action::FocusNext,
        "focus the next pane",
        "",
    ),
    b(
        Global,
        &["shift-tab"],
        Action::FocusPrev,
        "focus the previous pane",
        "",
    ),
    b(
        Global,
        &["j", "down"],
        Action::Down,
        "move down a line or row",
        "",
    ),
    b(
        Global,
        &["k", "up"],
        Action::Up,
        "move up a line or row",
        "",
    ),
    b(
        Global,
        &["space", "pgdn"],
        Action::PageDown,
        "page down",
        "",
    ),
    b(Global, &["b", "pgup"], Action::PageUp, "page up", ""),
    b(
        Global,
        &["ctrl-d"],
        Action::HalfPageDown,
        "half a page down",
        "",
    ),
    b(
        Global,
        &["ctrl-u"],
        Action::HalfPageUp,
        "half a page up",
        "",
    ),
    b(Global, &["g", "home"], Action::Top, "go to the top", ""),
    b(
        Global,
        &["G", "end"],
        Action::Bottom,
        "go to the bottom",
        "",
    ),
    b(
        Global,
        &["enter"],
        Action::Activate,
        "open the article, the entity's mentions view, or the selected row",
        "",
    ),
    b(
        Global,
        &["esc"],
        Action::Cancel,
        "close the overlay, clear the search, then the filter",
        "",
    ),
    b(
        Global,
        &["n"],
        Action::NextMention,
        "next mention of the selected entity here (next hit while searching)",
        "mention",
    ),
    b(
        Global,
        &["N"],
        Action::PrevMention,
        "previous mention here (previous hit while searching)",
        "",
    ),
    b(
        Global,
        &["]"],
        Action::NextInCorpus,
        "next mention of the selected entity in any article",
        "next article",
    ),
    b(
        Global,
        &["["],
        Action::PrevInCorpus,
        "previous mention of the selected entity in any article",
        "",
    ),
    b(
        Global,
        &["e"],
        Action::NextOnScreen,
        "move to the next mention on screen and select its entity",
        "",
    ),
    b(
        Global,
        &["E"],
        Action::PrevOnScreen,
        "move to the previous mention on screen and select its entity",
        "",
    ),
    b(
        Global,
        &["ctrl-o", "backspace", "alt-left"],
        Action::JumpBack,
        "go back to where the last jump started",
        "back",
    ),
    b(
        Global,
        &["ctrl-i", "alt-right"],
        Action::JumpForward,
        "go forward again (ctrl-i is Tab in many terminals)",
        "",
    ),
    b(
        Global,
        &["/"],
        Action::SearchArticle,
        "search this article as you type",
        "search",
    ),
    b(
        Global,
        &["s"],
        Action::SearchCorpus,
        "search all articles and list the matches",
        "",
    ),
    b(
        Global,
        &["f"],
        Action::FilterArticles,
        "filter the article list as you type",
        "filter",
    ),
    b(
        Global,
        &["F"],
        Action::FilterByEntity,
        "list only the articles that mention the selected entity",
        "",
    ),
    b(
        Global,
        &["r"],
        Action::Related,
        "show articles related to this one",
        "",
    ),
    b(
        Global,
        &["o"],
        Action::OpenUrl,
        "open the article's URL in the browser",
        "",
    ),
    b(
        Global,
        &["t"],
        Action::ToggleList,
        "show or hide the article list",
        "",
    ),
    b(
        Global,
        &["T"],
        Action::ToggleSidebar,
        "show or hide the entity sidebar",
        "",
    ),
    b(
        Global,
        &["m"],
        Action::AddBookmark,
        "bookmark this place (the sentence at the top, or the current mention)",
        "",
    ),
    b(
        Global,
        &["'", "B"],
        Action::Bookmarks,
        "show or hide the bookmark list",
        "",
    ),
    b(
        Entities,
        &["f"],
        Action::FilterByEntity,
        "list only the articles that mention this entity",
        "",
    ),
    b(
        Bookmarks,
        &["d"],
        Action::DeleteBookmark,
        "delete the selected bookmark",
        "",
    ),
    b(
        Bookmarks,
        &["u"],
        Action::UndoDelete,
        "undo the last delete",
        "",
    ),
    b(
        Bookmarks,
        &["e"],
        Action::EditNote,
        "edit the selected bookmark's note",
        "",
    ),
    b(Prompt, &["enter"], Action::Activate, "accept", ""),
    b(Prompt, &["esc"], Action::Cancel, "cancel and restore", ""),
    b(
        Prompt,
        &["backspace"],
        Action::DeleteChar,
        "delete the last character",
        "",
    ),
    b(
        Prompt,
        &["ctrl-u"],
        Action::ClearInput,
        "clear the input",
        "",
    ),
];
