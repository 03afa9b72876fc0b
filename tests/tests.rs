//! The one integration-test binary: each module tests one area through the public API or the binary.
mod persist_anchor;
mod persist_output;
mod persist_store;
mod persist_two;
