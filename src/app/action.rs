//! The semantic actions the reader understands, and the pane sizes the runner reports.
//! Plain data: what the user wants, never which key or mouse button said so.

use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};

/// Something the user (or the terminal) asks the reader to do. Bindable actions serialize as
/// snake_case names (`"next_mention"`), which is how a keymap file refers to them; the variants
/// that carry data come from the runner, not from key bindings, and have no name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Leave the reader.
    Quit,
    /// Suspend to the shell (Ctrl-Z); the runner redraws on resume.
    Suspend,
    /// Move focus to the next pane.
    FocusNext,
    /// Move focus to the previous pane.
    FocusPrev,
    /// Move down one row or line in the focused pane or overlay.
    Down,
    /// Move up one row or line.
    Up,
    /// Move down a page.
    PageDown,
    /// Move up a page.
    PageUp,
    /// Move down half a page.
    HalfPageDown,
    /// Move up half a page.
    HalfPageUp,
    /// Go to the top.
    Top,
    /// Go to the bottom.
    Bottom,
    /// Open what is selected (article, entity's mentions view, overlay row).
    Activate,
    /// Close an overlay or prompt, clear a search, then a filter.
    Cancel,
    /// Next mention of the selected entity in this article (or next search hit).
    NextMention,
    /// Previous mention of the selected entity in this article (or previous search hit).
    PrevMention,
    /// Next mention of the selected entity anywhere in the corpus.
    NextInCorpus,
    /// Previous mention of the selected entity anywhere in the corpus.
    PrevInCorpus,
    /// Next mention on screen, selecting its entity.
    NextOnScreen,
    /// Previous mention on screen, selecting its entity.
    PrevOnScreen,
    /// Go back in the jump history.
    JumpBack,
    /// Go forward in the jump history.
    JumpForward,
    /// Search the open article as you type.
    SearchArticle,
    /// Search every article and list the matching ones.
    SearchCorpus,
    /// Filter the article list as you type (fuzzy).
    FilterArticles,
    /// Show only the articles that mention the selected entity.
    FilterByEntity,
    /// Show articles related to the open one.
    Related,
    /// Open the article's URL in the browser.
    OpenUrl,
    /// Show the key bindings.
    Help,
    /// Show or hide the article list.
    ToggleList,
    /// Show or hide the entity sidebar.
    ToggleSidebar,
    /// Bookmark the current position (asks for an optional note).
    AddBookmark,
    /// Show or hide the bookmark list.
    Bookmarks,
    /// In the bookmark list: delete the selected bookmark.
    DeleteBookmark,
    /// In the bookmark list: bring back the last deleted bookmark.
    UndoDelete,
    /// In the bookmark list: edit the selected bookmark's note.
    EditNote,
    /// In a prompt: delete the character before the cursor.
    DeleteChar,
    /// In a prompt: clear the input.
    ClearInput,
    /// In a prompt: a typed character.
    #[serde(skip)]
    Input(char),
    /// The terminal changed size or the layout changed: new pane areas.
    #[serde(skip)]
    Resize(Viewport),
    /// A mouse click at a screen cell (column, row).
    #[serde(skip)]
    Click(u16, u16),
    /// The mouse wheel turned over a screen cell (column, row); `true` is down.
    #[serde(skip)]
    Wheel(u16, u16, bool),
}

impl Action {
    /// The action's name as used in keymap files (`None` for runner-only actions).
    #[must_use]
    pub fn name(self) -> Option<String> {
        match serde_json::to_value(self) {
            Ok(serde_json::Value::String(s)) => Some(s),
            _ => None,
        }
    }

    /// The action called `name` (snake_case), if there is one.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Action> {
        serde_json::from_value(serde_json::Value::String(name.trim().to_owned())).ok()
    }

    /// True for actions that come from the user rather than the terminal.
    #[must_use]
    pub fn is_user(self) -> bool {
        !matches!(self, Action::Resize(_))
    }
}

/// Where the panes are on screen, as the layout computed them (inner areas, borders excluded).
/// A hidden pane has a zero-sized area.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Viewport {
    /// The whole terminal.
    pub screen: Rect,
    /// Rows of the article list.
    pub list: Rect,
    /// The article text (below the metadata line).
    pub reader: Rect,
    /// Rows of the entity sidebar.
    pub sidebar: Rect,
    /// Rows of the open overlay, if any.
    pub overlay: Rect,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_as_snake_case() {
        assert_eq!(Action::NextMention.name().as_deref(), Some("next_mention"));
        assert_eq!(Action::from_name("jump_back"), Some(Action::JumpBack));
        assert_eq!(Action::from_name("no_such_action"), None);
        assert_eq!(Action::Input('x').name(), None);
        assert_eq!(Action::from_name("input"), None);
    }
}
