//! The built-in sample corpus: articles compiled into the binary, used when no PATH is given.
//!
//! It owns only the list of files and their bytes; parsing them is the loader's job, so nothing
//! here may interpret the contents. The articles under `assets/sample/` were written for byline
//! and cover every supported format (plain text, Markdown with YAML or TOML front matter, HTML,
//! JSON Lines, and one messy scraped page). Their hand-made gold is `tests/gold/sample.json`.

/// (file name, bytes) of each sample article, in file-name order.
pub const FILES: &[(&str, &[u8])] = &[
    (
        "ciudad-graphic-novel.txt",
        include_bytes!("../../assets/sample/ciudad-graphic-novel.txt"),
    ),
    (
        "extraction-2-preview.html",
        include_bytes!("../../assets/sample/extraction-2-preview.html"),
    ),
    (
        "extraction-review.txt",
        include_bytes!("../../assets/sample/extraction-review.txt"),
    ),
    (
        "harbour-gaspar.txt",
        include_bytes!("../../assets/sample/harbour-gaspar.txt"),
    ),
    (
        "hargrave-stunt-to-director.md",
        include_bytes!("../../assets/sample/hargrave-stunt-to-director.md"),
    ),
    (
        "locations-dhaka.md",
        include_bytes!("../../assets/sample/locations-dhaka.md"),
    ),
    (
        "marvel-reunion.md",
        include_bytes!("../../assets/sample/marvel-reunion.md"),
    ),
    (
        "news-briefs.jsonl",
        include_bytes!("../../assets/sample/news-briefs.jsonl"),
    ),
    (
        "one-shot-sequence.html",
        include_bytes!("../../assets/sample/one-shot-sequence.html"),
    ),
    (
        "rudhraksh-jaiswal-ovi.md",
        include_bytes!("../../assets/sample/rudhraksh-jaiswal-ovi.md"),
    ),
    (
        "russo-brothers-agbo.md",
        include_bytes!("../../assets/sample/russo-brothers-agbo.md"),
    ),
    (
        "scraped-farahani-profile.txt",
        include_bytes!("../../assets/sample/scraped-farahani-profile.txt"),
    ),
];

#[cfg(test)]
mod tests {
    use super::FILES;
    use std::collections::HashSet;

    #[test]
    fn files_is_non_empty_with_unique_names() {
        assert!(
            !FILES.is_empty(),
            "the sample corpus must ship some articles"
        );
        let mut seen = HashSet::new();
        for (name, _) in FILES {
            assert!(seen.insert(*name), "duplicate sample file name {name}");
        }
    }

    #[test]
    fn every_file_has_bytes_and_is_utf8() {
        // The loader copes with bad bytes, but the sample is our showcase: it must be clean.
        for (name, bytes) in FILES {
            assert!(!bytes.is_empty(), "{name} is empty");
            assert!(std::str::from_utf8(bytes).is_ok(), "{name} is not UTF-8");
        }
    }

    #[test]
    fn names_are_plain_file_names_in_sorted_order() {
        // Names double as article paths in `byline list`; a separator would fake a folder.
        for (name, _) in FILES {
            assert!(!name.contains('/') && !name.contains('\\'), "{name}");
        }
        assert!(
            FILES.windows(2).all(|w| w[0].0 < w[1].0),
            "keep FILES sorted"
        );
    }
}
