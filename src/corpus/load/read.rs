//! Bounded reading and decoding of one file: opens regular files only, reads at most the cap,
//! tells binary from text, sniffs BOMs and UTF-16, decodes. Never memory-maps, never blocks on
//! a FIFO or device, never panics on any bytes.

use std::fs::{File, FileType, OpenOptions};
use std::io::Read;
use std::path::Path;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE};

/// How many leading bytes are searched for a NUL to call a file binary.
pub const SNIFF_BYTES: usize = 8 * 1024;

/// Reads at most `cap + 1` bytes of the regular file at `path` (the extra byte tells the
/// caller that the file is longer than the cap).
///
/// The walk has already seen a regular file there (links followed), so the file is opened
/// without another look first: opening cannot block (`O_NONBLOCK`) nor take a terminal
/// (`O_NOCTTY`), and the handle itself is checked to be a regular file before any byte is read.
/// Each saved system call counts: at 100,000 files they were most of loading's time.
///
/// # Errors
/// A short reason, without the path: not a regular file, or the I/O error's own message.
pub fn read_bounded(path: &Path, cap: u64) -> Result<Vec<u8>, String> {
    let file = match open_nonblocking(path) {
        Ok(f) => f,
        // A socket cannot be opened at all: say what it is, as for any other non-file.
        Err(e) => {
            return Err(match std::fs::metadata(path) {
                Ok(meta) if !meta.is_file() => format!("{}, skipped", describe(meta.file_type())),
                _ => io_reason(&e),
            });
        }
    };
    // Checked on the handle: the entry may have been swapped since the walk looked at it.
    let meta = file.metadata().map_err(|e| io_reason(&e))?;
    if !meta.is_file() {
        return Err(format!("{}, skipped", describe(meta.file_type())));
    }
    let limit = cap.saturating_add(1);
    if meta.len() < limit {
        return read_known_length(file, meta.len());
    }
    let mut bytes = Vec::new();
    file.take(limit)
        .read_to_end(&mut bytes)
        .map_err(|e| io_reason(&e))?;
    Ok(bytes)
}

/// Reads the `len` bytes the handle reported, with no extra read to find the end: a regular
/// file gives them in one call. A file that grows meanwhile is read as it was when opened; one
/// that shrinks is read to its new end.
fn read_known_length(mut file: File, len: u64) -> Result<Vec<u8>, String> {
    let len = usize::try_from(len).map_err(|_| "too large to read, skipped".to_string())?;
    let mut bytes = vec![0u8; len];
    let mut filled = 0;
    while let Some(rest) = bytes.get_mut(filled..).filter(|r| !r.is_empty()) {
        match file.read(rest) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => return Err(io_reason(&e)),
        }
    }
    bytes.truncate(filled);
    Ok(bytes)
}

/// Opens for reading without blocking: if a FIFO slipped in between the check and the open,
/// a plain open would wait forever for a writer.
fn open_nonblocking(path: &Path) -> std::io::Result<File> {
    let mut o = OpenOptions::new();
    o.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    o.open(path)
}

/// A short reason for an I/O error, with the OS's message but no path (the warning names it).
#[must_use]
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "vanished before it could be read, skipped".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied, skipped".into(),
        _ if is_loop(e) => "symbolic link loop, skipped".into(),
        _ => format!("could not be read ({e}), skipped"),
    }
}

/// True for ELOOP ("too many levels of symbolic links").
#[must_use]
pub fn is_loop(e: &std::io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

/// Names a non-regular file type for a warning.
#[must_use]
pub fn describe(ft: FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return "a FIFO, not a regular file";
        }
        if ft.is_socket() {
            return "a socket, not a regular file";
        }
        if ft.is_block_device() || ft.is_char_device() {
            return "a device, not a regular file";
        }
    }
    if ft.is_dir() {
        "a folder"
    } else {
        "not a regular file"
    }
}

/// Cuts `bytes` to at most `cap` bytes without leaving half a character at the end.
#[must_use]
pub fn cut(bytes: &[u8], cap: usize) -> &[u8] {
    if bytes.len() <= cap {
        return bytes;
    }
    let head = bytes.get(..cap).unwrap_or(bytes);
    if bom(head).is_some_and(|(enc, _)| enc != encoding_rs::UTF_8) || utf16_guess(head).is_some() {
        // UTF-16: keep whole code units.
        return head.get(..cap & !1).unwrap_or(head);
    }
    // UTF-8: drop a trailing sequence whose lead byte promises more bytes than remain.
    let n = head.len();
    for back in 1..=3.min(n) {
        let i = n - back;
        let b = head[i];
        if b & 0xC0 == 0x80 {
            continue;
        }
        let need = match b {
            0xC0..=0xDF => 2,
            0xE0..=0xEF => 3,
            0xF0..=0xF7 => 4,
            _ => 1,
        };
        return if back < need { &head[..i] } else { head };
    }
    head
}

/// The encoding an HTML page declares in its first KiB (`<meta charset=...>` or the
/// `http-equiv` content type), when it is one encoding_rs knows.
#[must_use]
pub fn html_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = bytes.get(..1024).unwrap_or(bytes).to_ascii_lowercase();
    let at = memchr::memmem::find(&head, b"charset=")? + b"charset=".len();
    let label: Vec<u8> = head
        .get(at..)
        .unwrap_or_default()
        .iter()
        .skip_while(|b| matches!(b, b'"' | b'\'' | b' '))
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .copied()
        .collect();
    Encoding::for_label(&label)
}

/// What a file's bytes turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decoded {
    /// Text, with whether invalid sequences were replaced and the encoding's name.
    Text {
        /// The decoded text (not yet sanitized).
        text: String,
        /// True when invalid sequences were replaced with U+FFFD.
        lossy: bool,
        /// The encoding it was read as ("UTF-8", "UTF-16LE", ...).
        encoding: &'static str,
    },
    /// Binary data (a NUL byte near the start, not UTF-16).
    Binary,
}

/// Decodes a file's bytes: BOM first, then BOM-less UTF-16, then the NUL test, then UTF-8
/// (lossy when it must be).
#[must_use]
pub fn decode(bytes: &[u8]) -> Decoded {
    if let Some((enc, len)) = bom(bytes) {
        return transcode(enc, bytes.get(len..).unwrap_or_default());
    }
    if let Some(enc) = utf16_guess(bytes) {
        let d = transcode(enc, bytes);
        // A guess that does not decode cleanly, or decodes to mostly controls (arrays of
        // small integers look like UTF-16 too), was binary after all.
        return match d {
            Decoded::Text {
                lossy: false,
                ref text,
                ..
            } if !mostly_controls(text) => d,
            _ => Decoded::Binary,
        };
    }
    let sniff = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    if memchr::memchr(0, sniff).is_some() {
        return Decoded::Binary;
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded::Text {
            text: s.to_string(),
            lossy: false,
            encoding: "UTF-8",
        },
        Err(_) => Decoded::Text {
            text: String::from_utf8_lossy(bytes).into_owned(),
            lossy: true,
            encoding: "UTF-8",
        },
    }
}

/// True when more than one character in twenty is a control other than a line break or tab.
fn mostly_controls(text: &str) -> bool {
    let mut n = 0usize;
    let mut controls = 0usize;
    for c in text.chars().take(SNIFF_BYTES) {
        n += 1;
        controls += usize::from(c.is_control() && !matches!(c, '\n' | '\r' | '\t'));
    }
    controls.saturating_mul(20) > n
}

fn transcode(enc: &'static Encoding, bytes: &[u8]) -> Decoded {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    Decoded::Text {
        text: text.into_owned(),
        lossy: had_errors,
        encoding: enc.name(),
    }
}

/// The encoding a byte order mark announces, and the BOM's length.
fn bom(bytes: &[u8]) -> Option<(&'static Encoding, usize)> {
    Encoding::for_bom(bytes)
}

/// Guesses BOM-less UTF-16 from where the NUL bytes fall: mostly-ASCII UTF-16 has a NUL in
/// nearly every other byte, all on one side.
fn utf16_guess(bytes: &[u8]) -> Option<&'static Encoding> {
    let sniff = bytes.get(..SNIFF_BYTES).unwrap_or(bytes);
    let pairs = sniff.len() / 2;
    if pairs < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for p in sniff.chunks_exact(2) {
        even += usize::from(p[0] == 0);
        odd += usize::from(p[1] == 0);
    }
    let many = pairs * 2 / 5; // 40%
    let few = pairs / 20; // 5%
    if odd >= many && even <= few {
        Some(UTF_16LE)
    } else if even >= many && odd <= few {
        Some(UTF_16BE)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16(s: &str, le: bool, with_bom: bool) -> Vec<u8> {
        let mut out = Vec::new();
        if with_bom {
            out.extend_from_slice(if le { &[0xFF, 0xFE] } else { &[0xFE, 0xFF] });
        }
        for u in s.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    }

    fn text(d: Decoded) -> (String, bool) {
        match d {
            Decoded::Text { text, lossy, .. } => (text, lossy),
            Decoded::Binary => panic!("decoded as binary"),
        }
    }

    #[test]
    fn utf16_with_and_without_bom() {
        for le in [true, false] {
            for bom in [true, false] {
                let b = utf16("Héllo wörld, a longer line", le, bom);
                assert_eq!(
                    text(decode(&b)),
                    ("Héllo wörld, a longer line".into(), false)
                );
            }
        }
    }

    #[test]
    fn utf8_bom_stripped_and_nul_is_binary() {
        assert_eq!(text(decode(b"\xEF\xBB\xBFabc")), ("abc".into(), false));
        assert_eq!(decode(b"PK\x03\x04\x00\x00\x10\x20binary"), Decoded::Binary);
    }

    #[test]
    fn html_charset_is_read_from_meta() {
        let page = b"<html><head><META charset=\"ISO-8859-1\"><title>x</title>";
        assert_eq!(html_charset(page).map(Encoding::name), Some("windows-1252"));
        let old = b"<meta http-equiv=Content-Type content='text/html; charset=koi8-r'>";
        assert_eq!(html_charset(old).map(Encoding::name), Some("KOI8-R"));
        assert_eq!(html_charset(b"<p>no declaration</p>"), None);
    }

    #[test]
    fn latin1_is_lossy_utf8() {
        let (t, lossy) = text(decode(b"caf\xE9 cr\xE8me"));
        assert!(lossy);
        assert_eq!(t, "caf\u{FFFD} cr\u{FFFD}me");
    }

    #[test]
    fn cut_keeps_whole_characters() {
        let s = "aé€😀".as_bytes(); // 1 + 2 + 3 + 4 bytes
        for cap in 0..s.len() {
            let c = cut(s, cap);
            assert!(c.len() <= cap);
            assert!(std::str::from_utf8(c).is_ok(), "cap {cap}");
            assert!(cap - c.len() < 4);
        }
        assert_eq!(cut(s, 100), s);
        let u = utf16("abcdef", true, true);
        assert_eq!(cut(&u, 7).len(), 6);
    }

    #[test]
    fn reads_at_most_cap_plus_one() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = dir.path().join("f.txt");
        std::fs::write(&p, vec![b'x'; 100]).expect("write");
        assert_eq!(read_bounded(&p, 10).map(|b| b.len()), Ok(11));
        assert_eq!(read_bounded(&p, 1000).map(|b| b.len()), Ok(100));
        let err = read_bounded(dir.path(), 10).expect_err("a folder is not read");
        assert!(err.contains("folder"), "{err}");
        let gone = read_bounded(&dir.path().join("nope"), 10).expect_err("missing");
        assert!(gone.contains("vanished"), "{gone}");
        // Exactly at the cap, one byte over it, and empty: read whole, cut, and nothing.
        std::fs::write(&p, vec![b'y'; 10]).expect("write");
        assert_eq!(read_bounded(&p, 10), Ok(vec![b'y'; 10]));
        assert_eq!(read_bounded(&p, 9).map(|b| b.len()), Ok(10));
        std::fs::write(&p, b"").expect("write");
        assert_eq!(read_bounded(&p, 10), Ok(Vec::new()));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn dev_zero_is_never_read() {
        // The walk never hands a device over; if one is swapped in, the handle check stops it.
        let err = read_bounded(Path::new("/dev/zero"), 10).expect_err("device");
        assert!(err.contains("device"), "{err}");
    }
}
