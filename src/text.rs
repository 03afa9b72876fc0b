//! Text layout for the reader: wrapping into lines that remember their byte ranges, a cache of
//! wrappings per width, and splitting lines into highlighted stretches. Pure; no terminal types.

pub mod cache;
pub mod highlight;
pub mod wrap;

pub use cache::WrapCache;
pub use highlight::{Mark, Segment, segments};
pub use wrap::{Line, Wrapped, display_width, wrap};
