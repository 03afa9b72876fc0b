//! Metadata fields shared by front matter and JSON Lines: picks title, date, source, url,
//! author (and for JSON the text) from a JSON-like map, whatever the spelling. Pure, no I/O.

use serde_json::Value;

use super::Draft;
use super::date::parse_date;

/// Keys tried, in order, for each field (compared case-insensitively).
const TITLE: &[&str] = &["title", "headline"];
const TEXT: &[&str] = &["text", "content", "body", "article", "article_text"];
const DATE: &[&str] = &[
    "date",
    "published",
    "published_at",
    "publish_date",
    "pubdate",
    "date_published",
    "datepublished",
    "created",
];
const SOURCE: &[&str] = &["source", "site", "site_name", "publication", "publisher"];
const URL: &[&str] = &["url", "link", "canonical", "permalink"];
const AUTHOR: &[&str] = &["author", "authors", "byline", "creator"];

/// Looks a field up by any of `keys`, case-insensitively, as text.
fn pick(map: &serde_json::Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter().find_map(|k| {
        map.iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(k))
            .and_then(|(_, v)| as_text(v))
    })
}

/// A value as display text: strings as they are, numbers and booleans printed, lists of
/// names joined with ", ", an object by its `name`.
fn as_text(v: &Value) -> Option<String> {
    let s = match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) => {
            let parts: Vec<String> = items.iter().filter_map(as_text).collect();
            parts.join(", ")
        }
        Value::Object(o) => o.get("name").and_then(as_text)?,
        Value::Null => return None,
    };
    (!s.trim().is_empty()).then_some(s)
}

/// Fills a draft's metadata from `map` (body untouched). Strings are not yet sanitized.
pub fn apply(map: &serde_json::Map<String, Value>, draft: &mut Draft) {
    draft.title = pick(map, TITLE);
    draft.date = pick(map, DATE).as_deref().and_then(parse_date);
    draft.source = pick(map, SOURCE);
    draft.url = pick(map, URL);
    draft.author = pick(map, AUTHOR);
}

/// The article text of a JSON object, if it has one.
pub fn text(map: &serde_json::Map<String, Value>) -> Option<String> {
    pick(map, TEXT)
}

/// Converts a TOML table to the JSON shape `apply` reads (dates become their text form).
#[must_use]
pub fn from_toml(t: &toml::Table) -> serde_json::Map<String, Value> {
    t.iter().map(|(k, v)| (k.clone(), toml_value(v))).collect()
}

fn toml_value(v: &toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => Value::from(*f),
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.iter().map(toml_value).collect()),
        toml::Value::Table(t) => Value::Object(from_toml(t)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_fields_by_any_spelling() {
        let v: Value = serde_json::json!({
            "Title": "T", "published": "May 17, 2020", "site": "S",
            "link": "https://x", "authors": ["A", {"name": "B"}], "content": "body"
        });
        let map = v.as_object().expect("object");
        let mut d = Draft::default();
        apply(map, &mut d);
        assert_eq!(d.title.as_deref(), Some("T"));
        assert_eq!(d.date.as_deref(), Some("2020-05-17"));
        assert_eq!(d.source.as_deref(), Some("S"));
        assert_eq!(d.url.as_deref(), Some("https://x"));
        assert_eq!(d.author.as_deref(), Some("A, B"));
        assert_eq!(text(map).as_deref(), Some("body"));
    }

    #[test]
    fn toml_dates_become_text() {
        let t: toml::Table = toml::from_str("title = 'x'\ndate = 2020-05-17").expect("toml");
        let mut d = Draft::default();
        apply(&from_toml(&t), &mut d);
        assert_eq!(d.date.as_deref(), Some("2020-05-17"));
    }
}
