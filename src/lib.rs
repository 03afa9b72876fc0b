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

#[cfg(test)]
mod test_support;

/// The allocator byline's binaries, benchmarks and examples install with `#[global_allocator]`.
///
/// Loading a corpus makes millions of small allocations (strings, mention lists) from several
/// threads at once and frees large transient tables between passes. Measured on 100,000
/// articles, jemalloc extracts about a sixth faster than glibc's allocator and peaks 10-20%
/// lower, because glibc's per-thread heaps keep the holes those tables leave. It does
/// not build for MSVC, which keeps the system allocator.
#[cfg(not(target_env = "msvc"))]
pub type Allocator = tikv_jemallocator::Jemalloc;
/// The allocator byline's binaries install (the system's, where jemalloc does not build).
#[cfg(target_env = "msvc")]
pub type Allocator = std::alloc::System;
