//! A user's corrections to extraction (`entities.toml`): extra aliases, forced kinds, hidden names.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::model::Kind;

/// Corrections read from `entities.toml`. Empty by default.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Overrides {
    /// Canonical name -> extra surface forms that mean it.
    pub aliases: BTreeMap<String, Vec<String>>,
    /// Name -> the kind it must have.
    pub kinds: BTreeMap<String, Kind>,
    /// Names never to report.
    pub hide: Vec<String>,
}
