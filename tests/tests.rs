//! The one integration-test binary: each module tests one area through the public API or the binary.
// A failing unwrap in a test helper is a failing test, which is what we want.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod adversarial;
mod bookmarks_pty;
mod cache_pty;
mod cleaning;
mod cli;
mod config;
mod extraction;
mod hostile_output;
mod hostile_props;
mod hostile_pty;
mod loading;
mod persist_anchor;
mod persist_faults;
mod persist_output;
mod persist_store;
mod persist_two;
mod reader_props;
mod reader_pty;
mod sample_gold;
mod search_pty;
