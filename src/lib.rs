//! byline's library: the corpus engine and everything the reader is built from.
pub mod cli;
pub mod corpus;
pub mod persist;
