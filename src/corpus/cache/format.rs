//! The index cache's file format: a fixed prefix, checksummed sections, a checksummed header.
//! Owns every byte read from or written to a cache file; never interprets corpus data.
//!
//! Layout (all integers little-endian):
//!
//! ```text
//! magic (8) | format version u32 | header offset u64 | header len u64 | header blake3 (32)
//! section 0 | section 1 | ... | header
//! ```
//!
//! Sections are postcard-encoded values, each with its blake3 hash in the header, so a
//! flipped bit anywhere is found before the value is used. The header comes last because the
//! sections' offsets and hashes are only known once they are written; the prefix is patched at
//! the end. A file is written under a temporary name and renamed into place, so a reader sees
//! either the old complete file or the new complete file, never a partial one.

use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};

use super::temp;

/// Identifies a byline index cache file.
const MAGIC: [u8; 8] = *b"BYLNIDX\0";
/// Bumped whenever the layout or any cached type changes shape.
pub const FORMAT_VERSION: u32 = 5;
/// Bytes before the first section.
const PREFIX_LEN: u64 = 8 + 4 + 8 + 8 + 32;
/// A header larger than this is corrupt (a 100,000-file corpus needs a few KiB).
const MAX_HEADER_LEN: u64 = 64 * 1024 * 1024;

/// A read buffer larger than this is freed after use rather than kept for the next section:
/// every thread keeps its buffer for the life of the program, so only a shard-sized one is
/// worth keeping.
const MAX_KEPT_BUFFER: usize = 16 * 1024 * 1024;

thread_local! {
    static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Frees the decode buffer every thread of the rayon pool (and the calling thread) keeps, once
/// a load has read all the sections it needs.
pub fn release_buffers() {
    rayon::broadcast(|_| BUFFER.with_borrow_mut(std::mem::take));
    BUFFER.with_borrow_mut(std::mem::take);
}

/// Why a cache file could not be used or written. None of these is fatal to a load.
#[derive(Debug, thiserror::Error)]
pub enum CacheError {
    /// The file could not be read or written.
    #[error("cache i/o: {0}")]
    Io(#[from] io::Error),
    /// Not a cache file, or one of another format version.
    #[error("cache format: {0}")]
    Format(String),
    /// Written by another build of byline, or for other options.
    #[error("cache is stale: {0}")]
    Stale(String),
    /// A checksum or decoding failed, or the decoded data is inconsistent.
    #[error("cache is corrupt: {0}")]
    Corrupt(String),
    /// A value could not be encoded (for example a path that is not UTF-8).
    #[error("cache encoding: {0}")]
    Encode(String),
}

/// Where one section lies in the file, and its checksum.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Section {
    /// Byte offset from the start of the file.
    pub offset: u64,
    /// Length in bytes.
    pub len: u64,
    /// blake3 of the section's bytes.
    pub hash: [u8; 32],
}

/// Reads a cache file: checks the prefix and header once, then hands out sections.
#[derive(Debug)]
pub struct Reader {
    path: PathBuf,
    file_len: u64,
}

impl Reader {
    /// Opens `path`, checks its magic and format version, and decodes its header.
    ///
    /// # Errors
    /// Missing or unreadable file, wrong magic or version, bad header checksum or encoding.
    pub fn open<H: DeserializeOwned>(path: &Path) -> Result<(Reader, H), CacheError> {
        let mut f = File::open(path)?;
        let file_len = f.metadata()?.len();
        let mut prefix = [0u8; PREFIX_LEN as usize];
        f.read_exact(&mut prefix)
            .map_err(|_| CacheError::Format("shorter than its prefix".into()))?;
        let (magic, rest) = prefix.split_at(8);
        if magic != MAGIC {
            return Err(CacheError::Format("not a byline cache file".into()));
        }
        let (version, rest) = rest.split_at(4);
        let version = u32::from_le_bytes(version.try_into().unwrap_or_default());
        if version != FORMAT_VERSION {
            return Err(CacheError::Format(format!(
                "format version {version}, expected {FORMAT_VERSION}"
            )));
        }
        let (offset, rest) = rest.split_at(8);
        let (len, hash) = rest.split_at(8);
        let section = Section {
            offset: u64::from_le_bytes(offset.try_into().unwrap_or_default()),
            len: u64::from_le_bytes(len.try_into().unwrap_or_default()),
            hash: hash.try_into().unwrap_or_default(),
        };
        if section.len > MAX_HEADER_LEN {
            return Err(CacheError::Corrupt("header length out of range".into()));
        }
        let reader = Reader {
            path: path.to_path_buf(),
            file_len,
        };
        let header = reader.read_with(&mut f, &section)?;
        Ok((reader, header))
    }

    /// Reads, checks and decodes one section (opening the file anew, so sections can be read
    /// from several threads at once).
    ///
    /// # Errors
    /// Unreadable file, section out of bounds, checksum mismatch or bad encoding.
    pub fn section<T: DeserializeOwned>(&self, s: &Section) -> Result<T, CacheError> {
        let mut f = File::open(&self.path)?;
        self.read_with(&mut f, s)
    }

    fn read_with<T: DeserializeOwned>(&self, f: &mut File, s: &Section) -> Result<T, CacheError> {
        let end = s.offset.checked_add(s.len);
        if s.offset < PREFIX_LEN || end.is_none_or(|e| e > self.file_len) {
            return Err(CacheError::Corrupt("section out of bounds".into()));
        }
        let len = usize::try_from(s.len)
            .map_err(|_| CacheError::Corrupt("section too large for memory".into()))?;
        f.seek(SeekFrom::Start(s.offset))?;
        // One buffer per thread, reused: a fresh multi-megabyte buffer per section would be
        // mapped, faulted in page by page and unmapped again for every section.
        BUFFER.with_borrow_mut(|buf| {
            buf.clear();
            buf.resize(len, 0);
            f.read_exact(buf)?;
            if blake3::hash(buf).as_bytes() != &s.hash {
                return Err(CacheError::Corrupt("checksum mismatch".into()));
            }
            let value = postcard::from_bytes(buf).map_err(|e| CacheError::Corrupt(e.to_string()));
            if buf.capacity() > MAX_KEPT_BUFFER {
                *buf = Vec::new();
            }
            value
        })
    }
}

/// Writes a cache file under a temporary name; [`Writer::finish`] renames it into place.
/// Dropped unfinished, it removes the temporary file, so a failed write leaves nothing behind.
#[derive(Debug)]
pub struct Writer {
    out: Option<BufWriter<File>>,
    tmp: PathBuf,
    dest: PathBuf,
    pos: u64,
}

/// What writing to a [`Writer`] after [`Writer::finish`] gives.
fn already_finished() -> CacheError {
    CacheError::Encode("writer already finished".into())
}

/// Passes a section's bytes to the file, hashing and counting them on the way.
struct Tee<'w> {
    out: &'w mut BufWriter<File>,
    hash: blake3::Hasher,
    len: u64,
    /// The first write error, which postcard would otherwise replace with its own.
    failed: Option<io::Error>,
}

impl Write for Tee<'_> {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        match self.out.write_all(bytes) {
            Ok(()) => {
                self.hash.update(bytes);
                self.len = self.len.saturating_add(bytes.len() as u64);
                Ok(bytes.len())
            }
            Err(e) => {
                let kind = e.kind();
                self.failed.get_or_insert(e);
                Err(kind.into())
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Writer {
    /// Starts writing the cache file `dest` (its folder is created if needed).
    ///
    /// # Errors
    /// The folder or the temporary file cannot be created.
    pub fn create(dest: &Path) -> Result<Writer, CacheError> {
        let dir = dest.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let (tmp, file) = temp::create(dest)?;
        let mut w = Writer {
            out: Some(BufWriter::with_capacity(1 << 20, file)),
            tmp,
            dest: dest.to_path_buf(),
            pos: 0,
        };
        w.write_all(&[0u8; PREFIX_LEN as usize])?;
        Ok(w)
    }

    fn write_all(&mut self, bytes: &[u8]) -> Result<(), CacheError> {
        let out = self.out.as_mut().ok_or_else(already_finished)?;
        out.write_all(bytes)?;
        self.pos = self.pos.saturating_add(bytes.len() as u64);
        Ok(())
    }

    /// Encodes and appends one section, returning where it lies.
    ///
    /// # Errors
    /// The value cannot be encoded, or the write fails.
    ///
    /// The encoding streams to the file through the hash, never held whole: a section's bytes
    /// were the largest transient of writing a cache, at the time the process's memory peaks.
    pub fn section<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<Section, CacheError> {
        let out = self.out.as_mut().ok_or_else(already_finished)?;
        let mut tee = BufWriter::with_capacity(
            64 * 1024,
            Tee {
                out,
                hash: blake3::Hasher::new(),
                len: 0,
                failed: None,
            },
        );
        let encoded = postcard::to_io(value, &mut tee).map(|_| ());
        let flushed = tee.flush();
        let tee = tee
            .into_inner()
            .map_err(|e| CacheError::Io(e.into_error()))?;
        // A write error reaches postcard only as "buffer full": the real one is kept aside.
        if let Some(e) = tee.failed {
            return Err(CacheError::Io(e));
        }
        encoded.map_err(|e| CacheError::Encode(e.to_string()))?;
        flushed?;
        let s = Section {
            offset: self.pos,
            len: tee.len,
            hash: *tee.hash.finalize().as_bytes(),
        };
        self.pos = self.pos.saturating_add(tee.len);
        Ok(s)
    }

    /// Appends already encoded bytes as a section (tests forge caches with it).
    #[cfg(test)]
    pub fn raw_section(&mut self, bytes: &[u8]) -> Result<Section, CacheError> {
        let s = Section {
            offset: self.pos,
            len: bytes.len() as u64,
            hash: *blake3::hash(bytes).as_bytes(),
        };
        self.write_all(bytes)?;
        Ok(s)
    }

    /// Appends the header, patches the prefix, syncs, and renames the file into place.
    ///
    /// # Errors
    /// Encoding or any write, sync or rename fails (the temporary file is then removed).
    pub fn finish<H: Serialize>(mut self, header: &H) -> Result<(), CacheError> {
        let h = self.section(header)?;
        let out = self.out.take().ok_or_else(already_finished)?;
        let mut file = out
            .into_inner()
            .map_err(|e| CacheError::Io(e.into_error()))?;
        let mut prefix = Vec::with_capacity(PREFIX_LEN as usize);
        prefix.extend_from_slice(&MAGIC);
        prefix.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        prefix.extend_from_slice(&h.offset.to_le_bytes());
        prefix.extend_from_slice(&h.len.to_le_bytes());
        prefix.extend_from_slice(&h.hash);
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&prefix)?;
        file.sync_all()?;
        // Renamed while still open, so still locked: another process's sweep cannot take it
        // for a dead writer's between the close and the rename.
        let renamed = std::fs::rename(&self.tmp, &self.dest);
        drop(file);
        if renamed.is_ok() {
            temp::settled(&self.tmp);
        }
        renamed?;
        Ok(())
    }
}

impl Drop for Writer {
    fn drop(&mut self) {
        // Finished writers have renamed the file away; this only cleans up after a failure.
        if self.out.is_some() || self.tmp.exists() {
            self.out = None;
            let _ = std::fs::remove_file(&self.tmp);
            temp::settled(&self.tmp);
        }
    }
}
