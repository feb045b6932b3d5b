//! How a source's bytes are opened, beneath every reader: the file, inflated as a stream if it is
//! gzipped or a member of a zip archive (never unpacked to disk), then transcoded to UTF-8 if its
//! encoding is not ASCII-safe ([`Encoding::ascii_safe`]), so that every reader may split rows and
//! fields on the bytes it sees.
//!
//! Nothing here seeks in what it yields: a reader that must read a source again (the CSV reader
//! counting the lines before an unclosed quote) opens it again ([`SourceBytes::reopen`]).

use std::fs::File;
use std::io::{BufReader, Read, Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use flate2::read::{DeflateDecoder, MultiGzDecoder};
use zip::CompressionMethod;

use super::row::shown_name;
use super::transcode::Transcode;
use crate::source::{Compression, Source};
use exposure_core::files::{FileProblem, open_regular};
use exposure_core::l10n::Message;

/// How many times the compressed bytes consumed a stream may inflate to. Text dumps compress 3
/// to 10 times, a dump of mostly empty columns perhaps 50; deflate's limit is about 1032 times,
/// reached only by long runs of one byte: a bomb's shape. Counted on the bytes as they stream,
/// never trusting the sizes an archive's headers state.
pub const MAX_INFLATION: u64 = 200;

/// Bytes a stream may inflate to before [`MAX_INFLATION`] applies: the start of a small file (a
/// header row, a few rows of empty columns) may inflate more than its few compressed bytes allow.
pub const INFLATION_ALLOWANCE: u64 = 1 << 20;

/// Why a compressed source cannot be read. Names of members are the archive's own text: shown as
/// a dump's text is ([`super::row::shown_name`]).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ArchiveProblem {
    #[error("{}", Message::from(self))]
    NotZip,
    /// A zip archive without a file in it.
    #[error("{}", Message::from(self))]
    NoMember,
    /// A zip archive of several files, and no `member` to say which.
    #[error("{}", Message::from(self))]
    SeveralMembers { count: usize },
    #[error("{}", Message::from(self))]
    MemberMissing { member: String },
    /// A member name that climbs out of the archive (`../`) or is absolute: never read, since
    /// the same archive unpacked by another tool would write outside its folder.
    #[error("{}", Message::from(self))]
    UnsafeMember { member: String },
    #[error("{}", Message::from(self))]
    Encrypted { member: String },
    /// A zip compression method other than stored and deflate (bzip2, LZMA, zstd: rare in
    /// leaks, and each a decompressor more to trust).
    #[error("{}", Message::from(self))]
    UnsupportedMethod { member: String },
    /// Inflated past [`MAX_INFLATION`] times the compressed bytes read.
    #[error("{}", Message::from(self))]
    Bomb,
    /// A member whose inflated bytes do not match the checksum or size its archive states.
    #[error("{}", Message::from(self))]
    Damaged { member: String },
}

impl ArchiveProblem {
    /// The problem inside an `io::Error` a byte stream failed with, if that is what stopped it.
    pub fn of(error: &std::io::Error) -> Option<&ArchiveProblem> {
        error.get_ref()?.downcast_ref::<ArchiveProblem>()
    }
}

impl From<&ArchiveProblem> for Message {
    fn from(problem: &ArchiveProblem) -> Message {
        let member = |id, member: &str| Message::new(id).arg("member", shown_name(member));
        match problem {
            ArchiveProblem::NotZip => Message::new("archive-not-zip"),
            ArchiveProblem::NoMember => Message::new("archive-no-member"),
            ArchiveProblem::SeveralMembers { count } => {
                Message::new("archive-several-members").arg("count", *count)
            }
            ArchiveProblem::MemberMissing { member: name } => {
                member("archive-member-missing", name)
            }
            ArchiveProblem::UnsafeMember { member: name } => member("archive-unsafe-member", name),
            ArchiveProblem::Encrypted { member: name } => member("archive-encrypted", name),
            ArchiveProblem::UnsupportedMethod { member: name } => {
                member("archive-unsupported-method", name)
            }
            ArchiveProblem::Bomb => Message::new("archive-bomb").arg("ratio", MAX_INFLATION),
            ArchiveProblem::Damaged { member: name } => member("archive-damaged", name),
        }
    }
}

fn archive_error(problem: ArchiveProblem) -> std::io::Error {
    std::io::Error::other(problem)
}

fn file_error(problem: FileProblem) -> std::io::Error {
    match problem {
        FileProblem::Io(kind) => kind.into(),
        FileProblem::NotAFile | FileProblem::TooLarge { .. } => {
            std::io::ErrorKind::InvalidInput.into()
        }
    }
}

/// What `compression` is when a plan does not say: by the file name's last extension.
pub fn compression_by_name(path: &Path) -> CompressionKind {
    match path.extension().and_then(|e| e.to_str()) {
        Some(e) if e.eq_ignore_ascii_case("gz") => CompressionKind::Gzip,
        Some(e) if e.eq_ignore_ascii_case("zip") => CompressionKind::Zip,
        _ => CompressionKind::None,
    }
}

/// A compression, before a zip's member is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompressionKind {
    None,
    Gzip,
    Zip,
}

/// Whether a member name stays inside its archive: relative, without a `..` step or a drive.
fn is_safe_member(name: &str) -> bool {
    let absolute = name.starts_with(['/', '\\']) || name.as_bytes().get(1) == Some(&b':');
    !absolute && !name.contains('\0') && !name.split(['/', '\\']).any(|step| step == "..")
}

fn open_zip(path: &Path) -> std::io::Result<zip::ZipArchive<BufReader<File>>> {
    let (file, _) = open_regular(path).map_err(file_error)?;
    zip::ZipArchive::new(BufReader::new(file)).map_err(|e| match e {
        zip::result::ZipError::Io(io) => io,
        _ => archive_error(ArchiveProblem::NotZip),
    })
}

/// The member of the zip archive at `path` a source reads: `wanted`, or else its only file.
/// Checked when the plan is, so that a wrong or missing `member` stops nothing halfway.
pub fn zip_member(path: &Path, wanted: Option<&str>) -> std::io::Result<String> {
    let archive = open_zip(path)?;
    let member = match wanted {
        Some(wanted) => wanted.to_owned(),
        None => {
            let files: Vec<String> = archive
                .file_names()
                .filter_map(Result::ok)
                .filter(|name| !name.ends_with('/'))
                .map(|name| name.into_owned())
                .collect();
            match <[String; 1]>::try_from(files) {
                Ok([only]) => only,
                Err(files) if files.is_empty() => {
                    return Err(archive_error(ArchiveProblem::NoMember));
                }
                Err(files) => {
                    return Err(archive_error(ArchiveProblem::SeveralMembers {
                        count: files.len(),
                    }));
                }
            }
        }
    };
    if !is_safe_member(&member) {
        return Err(archive_error(ArchiveProblem::UnsafeMember { member }));
    }
    if archive.index_for_name(&member).is_none() {
        return Err(archive_error(ArchiveProblem::MemberMissing { member }));
    }
    Ok(member)
}

/// Counts the bytes read from a file, for progress and for the inflation ratio.
struct Counted<R> {
    inner: R,
    count: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Fails once a stream has inflated past [`MAX_INFLATION`] times the compressed bytes read.
struct Bounded<R> {
    inner: R,
    compressed: Arc<AtomicU64>,
    inflated: u64,
}

impl<R: Read> Read for Bounded<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.inflated += n as u64;
        let allowed = INFLATION_ALLOWANCE
            .saturating_add(MAX_INFLATION.saturating_mul(self.compressed.load(Ordering::Relaxed)));
        if self.inflated > allowed {
            return Err(archive_error(ArchiveProblem::Bomb));
        }
        Ok(n)
    }
}

/// A zip member's bytes, checked at their end against the CRC-32 and size its archive states:
/// a truncated or damaged deflate stream may otherwise end early without an error.
struct Checked<R> {
    inner: R,
    crc: flate2::Crc,
    member: String,
    crc32: u32,
    size: u64,
}

impl<R: Read> Read for Checked<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.crc.update(&buf[..n]);
        let ended = n == 0 && !buf.is_empty();
        if ended
            && (self.crc.sum() != self.crc32
                || u64::from(self.crc.amount()) != self.size & 0xFFFF_FFFF)
        {
            return Err(archive_error(ArchiveProblem::Damaged {
                member: self.member.clone(),
            }));
        }
        Ok(n)
    }
}

/// The inflated bytes of one zip member, reading the file from where the member's data starts.
fn zip_stream(
    path: &Path,
    member: &str,
    count: Arc<AtomicU64>,
) -> std::io::Result<Box<dyn Read + Send>> {
    let mut archive = open_zip(path)?;
    let missing = || {
        archive_error(ArchiveProblem::MemberMissing {
            member: member.to_owned(),
        })
    };
    let index = archive.index_for_name(member).ok_or_else(missing)?;
    let entry = archive
        .by_index_raw(index)
        .map_err(|_| archive_error(ArchiveProblem::NotZip))?;
    if entry.encrypted() {
        return Err(archive_error(ArchiveProblem::Encrypted {
            member: member.to_owned(),
        }));
    }
    let method = entry.compression();
    let start = entry
        .data_start()
        .ok_or_else(|| archive_error(ArchiveProblem::NotZip))?;
    let (compressed_size, size, crc32) = (entry.compressed_size(), entry.size(), entry.crc32());
    drop(entry);
    let mut file = archive.into_inner().into_inner();
    file.seek(SeekFrom::Start(start))?;
    let data = BufReader::with_capacity(
        1 << 16,
        Counted {
            inner: file.take(compressed_size),
            count: count.clone(),
        },
    );
    let inflated: Box<dyn Read + Send> = if method == CompressionMethod::STORE {
        Box::new(data)
    } else if method == CompressionMethod::DEFLATE {
        Box::new(DeflateDecoder::new(data))
    } else {
        return Err(archive_error(ArchiveProblem::UnsupportedMethod {
            member: member.to_owned(),
        }));
    };
    Ok(Box::new(Bounded {
        inner: Checked {
            inner: inflated,
            crc: flate2::Crc::new(),
            member: member.to_owned(),
            crc32,
            size,
        },
        compressed: count,
        inflated: 0,
    }))
}

/// The bytes of a file, inflated if compressed; `count` counts the bytes read from the file.
fn decompressed(
    path: &Path,
    compression: &Compression,
    count: Arc<AtomicU64>,
) -> std::io::Result<Box<dyn Read + Send>> {
    Ok(match compression {
        Compression::None => {
            let (file, _) = open_regular(path).map_err(file_error)?;
            Box::new(Counted { inner: file, count })
        }
        Compression::Gzip => {
            let (file, _) = open_regular(path).map_err(file_error)?;
            let file = Counted {
                inner: file,
                count: count.clone(),
            };
            // Several gzip streams one after another (`cat a.gz b.gz`) are one file, as gunzip
            // reads them.
            Box::new(Bounded {
                inner: MultiGzDecoder::new(BufReader::with_capacity(1 << 16, file)),
                compressed: count,
                inflated: 0,
            })
        }
        Compression::Zip { member } => zip_stream(path, member, count)?,
    })
}

/// A source's bytes as its reader sees them: inflated, and in UTF-8 if the source's encoding is
/// not ASCII-safe (a malformed sequence then reads as U+FFFD, which the field decoding refuses).
pub struct SourceBytes {
    inner: Box<dyn Read + Send>,
    source: Source,
    file_bytes: FileBytes,
}

/// Bytes of a source's file read so far, for progress: for a compressed file, compressed bytes,
/// so that progress runs to the file's size. A handle that stays with a reader's owner while the
/// reader holds the stream.
#[derive(Debug, Clone, Default)]
pub struct FileBytes(Arc<AtomicU64>);

impl FileBytes {
    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

impl std::fmt::Debug for SourceBytes {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceBytes")
            .field("path", &self.source.path)
            .field("file_bytes", &self.file_bytes.get())
            .finish_non_exhaustive()
    }
}

impl SourceBytes {
    /// Opens a source as its reader reads it.
    pub fn open(source: &Source) -> std::io::Result<SourceBytes> {
        let file_bytes = FileBytes::default();
        let inner = text_stream(source, file_bytes.0.clone())?;
        Ok(SourceBytes {
            inner,
            source: source.clone(),
            file_bytes,
        })
    }

    pub fn file_bytes(&self) -> FileBytes {
        self.file_bytes.clone()
    }

    /// Back to the start of the source, opened again: a compressed stream cannot seek.
    pub fn reopen(&mut self) -> std::io::Result<()> {
        self.file_bytes.0.store(0, Ordering::Relaxed);
        self.inner = text_stream(&self.source, self.file_bytes.0.clone())?;
        Ok(())
    }
}

fn text_stream(source: &Source, count: Arc<AtomicU64>) -> std::io::Result<Box<dyn Read + Send>> {
    let bytes = decompressed(&source.path, &source.compression, count)?;
    Ok(if source.encoding.ascii_safe() {
        bytes
    } else {
        Box::new(Transcode::new(bytes, source.encoding))
    })
}

impl Read for SourceBytes {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.inner.read(buf)
    }
}

/// The first `max` bytes of a file, inflated but not transcoded: what plan checking reads to
/// detect or check an encoding.
pub fn sample(path: &Path, compression: &Compression, max: usize) -> std::io::Result<Vec<u8>> {
    let mut sample = Vec::new();
    decompressed(path, compression, Arc::new(AtomicU64::new(0)))?
        .take(max as u64)
        .read_to_end(&mut sample)?;
    Ok(sample)
}

/// A source's bytes from its start, inflated if compressed, for a check that reads on past
/// [`sample`]'s bytes without holding them.
pub fn stream(path: &Path, compression: &Compression) -> std::io::Result<impl Read + use<>> {
    decompressed(path, compression, Arc::new(AtomicU64::new(0)))
}

#[cfg(test)]
mod tests;
