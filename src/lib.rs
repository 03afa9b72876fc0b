//! byline's library: the corpus engine and everything the reader is built from.
pub mod app;
pub mod cli;
pub mod config;
pub mod corpus;
pub mod keymap;
pub mod persist;
pub mod text;
pub mod tui;
pub mod ui;
