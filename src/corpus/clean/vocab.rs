//! Word lists the cleaner's chrome rules use. Data only: general interface and boilerplate
//! vocabulary of news sites, never strings of one particular site.

/// Whole lines that are interface text on any site (compared case-insensitively).
#[rustfmt::skip]
pub(super) const UI_PHRASES: &[&str] = &[
    "read more", "continue reading", "show more", "load more", "see more", "view comments",
    "back to top", "skip to content", "skip to main content", "listen to this article",
    "sponsored content", "most popular", "most read", "related stories", "related articles",
    "more stories", "you may also like", "recommended for you", "trending now",
    "story continues below", "article continues below",
];

/// Interface words seen in navigation bars, share bars and icon names.
#[rustfmt::skip]
pub(super) const UI_WORDS: &[&str] = &[
    "menu", "share", "shares", "search", "close", "clock", "more-arrow", "arrow", "no", "yes",
    "mobile", "facebook", "twitter", "pinterest", "linkedin", "reddit", "whatsapp", "flipboard",
    "email", "e-mail", "print", "comment", "comments", "subscribe", "login", "log", "sign", "in",
    "up", "out", "register", "home", "skip", "to", "content", "main", "navigation", "nav",
    "toggle", "open", "more", "show", "hide", "expand", "collapse", "play", "pause", "mute",
    "unmute", "advertisement", "ad", "ads", "sponsored", "copy", "link", "icon", "chevron",
    "caret", "hamburger", "account", "profile", "notifications", "settings", "loading", "tweet",
    "pin", "save", "bookmark", "like", "follow", "newsletter", "back", "top", "scroll", "next",
    "previous", "prev", "trending", "x", "sms", "feedback", "this", "article", "story", "page",
    "on", "via", "listen", "audio", "gift",
];

/// Interface words that almost never stand alone in prose; a UI row needs one of them.
#[rustfmt::skip]
pub(super) const UI_STRONG: &[&str] = &[
    "menu", "share", "search", "close", "clock", "more-arrow", "arrow", "advertisement",
    "subscribe", "login", "sign", "skip", "navigation", "nav", "toggle", "hamburger", "chevron",
    "caret", "icon", "tweet", "whatsapp", "facebook", "twitter", "pinterest", "linkedin",
    "reddit", "flipboard", "email", "print", "comments", "bookmark", "newsletter", "scroll",
    "loading", "unmute", "mute", "listen",
];

/// First words of a bare label line ending in ':' ("Filed under:", "Related stories:").
#[rustfmt::skip]
pub(super) const LABEL_WORDS: &[&str] = &[
    "filed", "tags", "tagged", "topics", "topic", "categories", "category", "posted", "share",
    "sharing", "related", "more", "see", "read", "follow", "advertisement", "sponsored",
    "recommended", "trending", "popular", "latest", "comments", "published", "updated", "listen",
    "watch", "explore", "photos", "videos", "newsletter", "most",
];

/// Label words that introduce a link to another page ("Read more: ...").
#[rustfmt::skip]
pub(super) const TEASER_LABELS: &[&str] = &[
    "related", "next", "previous", "prev", "read", "more", "see", "also", "watch", "listen",
    "recommended", "trending", "popular", "latest", "must", "don't", "dont", "miss", "click",
    "here", "up", "sponsored", "further", "reading", "check", "out", "video", "gallery", "quiz",
    "from",
];

/// All-caps labels that credit or caption an image: counted text, never teasers.
#[rustfmt::skip]
pub(super) const CREDIT_LABELS: &[&str] = &[
    "photo", "photos", "image", "images", "credit", "credits", "caption", "picture", "pic",
    "source", "via", "illustration", "graphic", "file", "courtesy", "video", "q", "a",
];

/// Job words of an author bio box.
#[rustfmt::skip]
pub(super) const ROLES: &[&str] = &[
    "editor", "writer", "reporter", "correspondent", "journalist", "contributor", "critic",
    "columnist", "author", "freelancer", "blogger", "producer", "host", "intern", "staffer",
];

/// Phrases of affiliate, ethics and legal disclaimers (matched case-insensitively).
#[rustfmt::skip]
pub(super) const DISCLAIMERS: &[&str] = &[
    "affiliate link", "affiliate partnership", "affiliate commission", "earn a commission",
    "earn commission", "earn a small commission", "earn an affiliate", "ethics statement",
    "ethics policy", "may receive compensation", "we may earn", "commission on purchases",
    "paid partnership", "independently selected", "all rights reserved", "privacy policy",
    "cookie policy", "terms of use", "terms of service", "we use cookies", "accept cookies",
    "cookie settings", "©",
];

/// Promo topics: things a page sells next to the article.
#[rustfmt::skip]
pub(super) const PROMOS: &[&str] = &[
    "puzzle", "crossword", "sudoku", "newsletter", "the app", "our app", "podcast", "your inbox",
    "membership",
];

/// Calls to action: a promo topic with one of these is chrome wherever it sits.
#[rustfmt::skip]
pub(super) const CALLS: &[&str] = &[
    "sign up", "subscribe", "take a break", "download", "follow us", "join us", "get our",
    "become a member", "try our", "playing", "play", "don't miss",
];
