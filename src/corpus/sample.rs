//! The built-in sample corpus: articles compiled into the binary, used when no PATH is given.

/// (file name, bytes) of each sample article.
pub const FILES: &[(&str, &[u8])] = &[];
