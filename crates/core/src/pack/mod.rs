//! Breach packs (DESIGN.md §4, format v1): one SQLite file of argon2id keys, immutable once built.
//!
//! A pack reaches a person on a USB stick from someone they may never have met, so the reader
//! treats it as hostile, following sqlite.org/security.html: it reads the file once into memory,
//! checks the SQLite header itself, verifies the signature beside it (if any) over those very
//! bytes, and only then hands the same bytes to SQLite as a read-only in-memory database, so
//! what was verified is what is queried and nothing is ever created or changed on disk. The
//! connection runs with defensive settings, tight limits and a deadline on every statement; the
//! reader refuses anything but the exact schema of the version it knows, checks integrity, and
//! bounds the argon2 cost before any hashing. Refusals are typed ([`PackProblem`]) and name the
//! pack.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use rusqlite::Connection;
use rusqlite::limits::Limit;
use serde::{Deserialize, Serialize};

use crate::classes::ClassTable;
use crate::files::{self, FileProblem};
use crate::identifier::Region;
use crate::keys::cost::Cost;
use crate::keys::{Deriver, KEY_LEN, Key, KeyError, Salt};
use crate::l10n::{Lang, Message, safe_line};
use crate::progress::{Cancel, Progress, Silent};
use crate::trust::{
    self, Binding, SecretKey, SignatureProblem, SignatureStatus, TrustedKeys, Verdict,
};

pub mod v1;
pub mod v2;

/// Writes a new pack, in the format this build writes (see [`v2::Writer`]).
pub use v2::Writer as PackWriter;

/// `PRAGMA application_id` of every pack: "EXPO".
pub const APPLICATION_ID: i32 = 0x4558_504F;
/// The pack format version this build writes.
pub const FORMAT_VERSION: u32 = v2::params::USER_VERSION;
/// The pack format versions this build reads.
const READ_VERSIONS: [u32; 2] = [v1::VERSION, v2::params::USER_VERSION];
pub const FORMAT_NAME: &str = "exposure-pack";
/// The largest pack this reader opens: SQLite's in-memory databases are sized by a C `int`.
pub const MAX_PACK_BYTES: u64 = i32::MAX as u64;
/// How long any one lookup may run; a point query on a sound pack takes microseconds.
const QUERY_BUDGET: Duration = Duration::from_secs(2);

/// Text a curator wrote in one or several languages: `"title"` or `{ en = "...", "zh-CN" = "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Text {
    Plain(String),
    Localized(BTreeMap<String, String>),
}

impl Default for Text {
    fn default() -> Self {
        Text::Plain(String::new())
    }
}

impl Text {
    /// The text in `lang`, else in a tag that means it (`zh-Hant` for `zh-TW`), else in the other
    /// script of the same language (Simplified Chinese reads better than English to a reader of
    /// Traditional), else English, else any.
    pub fn get(&self, lang: Lang) -> &str {
        let primary = |tag: &str| tag.split(['-', '_']).next().map(str::to_ascii_lowercase);
        match self {
            Text::Plain(text) => text,
            Text::Localized(map) => map
                .get(lang.tag())
                .or_else(|| {
                    map.iter()
                        .find(|(tag, _)| Lang::negotiate(tag) == Some(lang))
                        .map(|(_, text)| text)
                })
                .or_else(|| {
                    map.iter()
                        .find(|(tag, _)| primary(tag) == primary(lang.tag()))
                        .map(|(_, text)| text)
                })
                .or_else(|| map.get("en"))
                .or_else(|| map.values().next())
                .map_or("", String::as_str),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Text::Plain(text) => text.trim().is_empty(),
            Text::Localized(map) => map.values().all(|t| t.trim().is_empty()),
        }
    }

    fn to_json(&self) -> String {
        serde_json::to_string(self).expect("strings serialize")
    }
}

/// What a pack says about itself.
#[derive(Debug, Clone, PartialEq)]
pub struct PackMeta {
    pub id: String,
    pub title: Text,
    pub curator: String,
    /// RFC 3339.
    pub created: String,
    pub salt: Salt,
    pub cost: Cost,
    pub default_region: Region,
    pub entry_count: u64,
    pub classes: ClassTable,
    /// Built from synthetic demo data: the app says so wherever the pack appears.
    pub demo: bool,
    /// Written by `pack synth` from random keys, to measure scale: shown wherever the pack is.
    pub synthetic: bool,
    /// The format version of the file (1 or 2); a writer writes its own whatever this says.
    pub format_version: u32,
    /// The program that built it, for curators' records.
    pub generator: String,
    /// The identifier normalization its keys were made under
    /// ([`crate::identifier::NORMALIZATION_VERSION`]); 1 for packs that do not say.
    pub normalization: u32,
}

/// One breach in a pack.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Breach {
    /// The row id entries refer to.
    pub index: u32,
    pub slug: String,
    pub title: Text,
    pub description: Text,
    /// `YYYY-MM-DD`, `YYYY-MM` or `YYYY`, when known.
    pub date: Option<String>,
    pub record_count: u64,
    pub data_classes: Vec<String>,
    pub verified: bool,
    pub sensitive: bool,
}

/// Why a pack was refused. The path is in [`PackError`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PackProblem {
    Missing,
    NotAFile,
    Unreadable(FileProblem),
    NotSqlite,
    NotAPack,
    /// A WAL-mode database needs `-wal` and `-shm` files beside it: a pack never does.
    WalMode,
    UnsupportedVersion(String),
    /// Keys made under an identifier normalization newer than this version knows.
    UnsupportedNormalization(u32),
    UnexpectedSchema,
    BadMeta(&'static str),
    BadBreach(String),
    /// A value of the wrong type in this table: SQLite lets any column hold any type.
    BadValue(&'static str),
    /// A value larger than SQLite's limit for an untrusted file, far beyond any sound pack's.
    ValueTooLarge,
    Corrupt,
    Cost(KeyError),
    /// Larger than [`MAX_PACK_BYTES`].
    TooLarge,
    /// A statement ran past its deadline: no sound pack needs that long.
    TimedOut,
    /// The signature beside the pack is present but refused.
    Signature(SignatureProblem),
    /// Any other failure of SQLite, by its extended result code.
    Sqlite(i32),
    Write(FileProblem),
    /// The signature beside the pack could not be written.
    SignatureWrite(FileProblem),
    /// An entry to be written names a breach or data class the pack does not have.
    EntryOutOfRange,
    /// A v2 header field that SQLite may write but a pack never has (page size, WAL, reserved
    /// bytes, free pages, auto-vacuum, encoding).
    BadHeader,
    /// The file's length is not what its header's page count says: truncated, or bytes appended.
    LengthMismatch,
    /// More rows in this table than any pack may hold.
    TooManyRows(&'static str),
    /// The palette of (breach, classes) pairs breaks a rule of the format.
    BadPalette,
    /// The pack's content does not hash to the root it states.
    RootMismatch,
    /// A bucket or node a lookup read is missing, or does not match the hash tree.
    Damaged,
    /// A bucket that matches the hash tree but does not decode.
    BadBucket,
    /// The entries exceed what format v2 holds: too many distinct (breach, classes) pairs or
    /// entries, or a bucket far larger than argon2id keys make.
    WriterLimit,
    /// The entries of a two-pass write differed between the passes, or came out of order.
    EntriesChanged,
    /// Another pack in use claims the same id (a library holds one pack per id).
    SameIdAs {
        id: String,
        used: PathBuf,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Message::from(self))]
pub struct PackError {
    pub path: PathBuf,
    pub problem: PackProblem,
}

impl PackError {
    fn new(path: &Path, problem: PackProblem) -> PackError {
        PackError {
            path: path.to_owned(),
            problem,
        }
    }
}

impl From<&PackError> for Message {
    fn from(error: &PackError) -> Message {
        let message = match &error.problem {
            PackProblem::Missing => Message::new("pack-missing"),
            PackProblem::NotAFile => Message::new("pack-not-a-file"),
            PackProblem::Unreadable(reason) => {
                Message::new("pack-unreadable").arg("reason", reason.message().to_string())
            }
            PackProblem::NotSqlite => Message::new("pack-not-sqlite"),
            PackProblem::NotAPack => Message::new("pack-not-a-pack"),
            PackProblem::WalMode => Message::new("pack-wal-mode"),
            // The version, a breach's slug and SQLite's own text (which quotes a hostile
            // schema) come from the file: shown as one escaped line.
            PackProblem::UnsupportedVersion(version) => {
                Message::new("pack-unsupported-version").arg("version", safe_line(version))
            }
            PackProblem::UnsupportedNormalization(version) => {
                Message::new("pack-unsupported-normalization")
                    .arg("version", i64::from(*version))
                    .arg("known", i64::from(crate::identifier::NORMALIZATION_VERSION))
            }
            PackProblem::UnexpectedSchema => Message::new("pack-unexpected-schema"),
            PackProblem::BadMeta(field) => Message::new("pack-bad-meta").arg("field", *field),
            PackProblem::BadBreach(slug) => {
                Message::new("pack-bad-breach").arg("breach", safe_line(slug))
            }
            PackProblem::BadValue(table) => Message::new("pack-bad-value").arg("table", *table),
            PackProblem::ValueTooLarge => Message::new("pack-value-too-large"),
            PackProblem::Corrupt => Message::new("pack-corrupt"),
            PackProblem::Cost(error) => {
                Message::new("pack-bad-cost").arg("reason", error.to_string())
            }
            PackProblem::TooLarge => Message::new("pack-too-large").arg("max", MAX_PACK_BYTES),
            PackProblem::TimedOut => Message::new("pack-timed-out"),
            PackProblem::Signature(problem) => problem.message(),
            PackProblem::Sqlite(code) => Message::new("pack-sqlite").arg("code", i64::from(*code)),
            PackProblem::Write(reason) => {
                Message::new("pack-write").arg("reason", reason.message().to_string())
            }
            PackProblem::SignatureWrite(reason) => {
                Message::new("pack-signature-write").arg("reason", reason.message().to_string())
            }
            PackProblem::EntryOutOfRange => Message::new("pack-entry-out-of-range"),
            PackProblem::BadHeader => Message::new("pack-bad-header"),
            PackProblem::LengthMismatch => Message::new("pack-length-mismatch"),
            PackProblem::TooManyRows(table) => {
                Message::new("pack-too-many-rows").arg("table", *table)
            }
            PackProblem::BadPalette => Message::new("pack-bad-palette"),
            PackProblem::RootMismatch => Message::new("pack-root-mismatch"),
            PackProblem::Damaged => Message::new("pack-damaged"),
            PackProblem::BadBucket => Message::new("pack-bad-bucket"),
            PackProblem::WriterLimit => Message::new("pack-writer-limit"),
            PackProblem::EntriesChanged => Message::new("pack-entries-changed"),
            PackProblem::SameIdAs { id, used } => Message::new("pack-same-id")
                .arg("id", safe_line(id))
                .arg("used", used.as_path()),
        };
        message.arg("path", error.path.as_path())
    }
}

/// An open, verified pack.
pub struct Pack {
    path: PathBuf,
    meta: PackMeta,
    breaches: Vec<Breach>,
    deriver: Deriver,
    signature: SignatureStatus,
    body: Body,
}

/// Where an open pack's entries are read from: each format keeps its own reader.
enum Body {
    V1(v1::Entries),
    V2(v2::reader::Reader),
}

/// What a format's reader hands over once a pack is open and its content checked, before the
/// signature's binding is compared with the pack's fields.
struct Opened {
    body: Body,
    meta: PackMeta,
    breaches: Vec<Breach>,
    verdict: Verdict,
}

impl fmt::Debug for Pack {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pack")
            .field("path", &self.path)
            .field("id", &self.meta.id)
            .finish_non_exhaustive()
    }
}

/// One entry that matched a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// Index into [`Pack::breaches`].
    pub breach: usize,
    pub classes: u64,
}

/// Opens a pack, verifies its signature against `trusted` keys and its content, and says who
/// vouches for it. A signature that is present but does not verify, or that was made for another
/// pack, refuses the pack; an unsigned pack or one signed by an unknown key opens with that status.
pub fn open_verified(
    path: &Path,
    trusted: &TrustedKeys,
) -> Result<(Pack, SignatureStatus), PackError> {
    let pack = Pack::open_with(path, trusted)?;
    let status = pack.signature.clone();
    Ok((pack, status))
}

/// Who vouches for the pack `meta` describes (with `root`, its root in hex, for formats that have
/// one), given what its signature file said: a trusted signature must have been made for this very
/// pack (id, format, creation time and root), or the pack is refused.
pub fn signature_status(
    verdict: Verdict,
    meta: &PackMeta,
    root: Option<&str>,
) -> Result<SignatureStatus, SignatureProblem> {
    Ok(match verdict {
        Verdict::Unsigned => SignatureStatus::Unsigned,
        Verdict::UnknownSigner(key_id) => SignatureStatus::UnknownSigner { key_id },
        Verdict::Trusted {
            key_id,
            comment,
            binding,
        } => {
            if let Some(field) =
                binding.mismatch(&meta.id, meta.format_version, &meta.created, root)
            {
                return Err(SignatureProblem::Mismatch(field));
            }
            SignatureStatus::Trusted { key_id, comment }
        }
    })
}

impl Pack {
    /// Opens and verifies a pack, trusting no signing key (see [`open_verified`]).
    pub fn open(path: &Path) -> Result<Pack, PackError> {
        Pack::open_with(path, &TrustedKeys::new())
    }

    fn open_with(path: &Path, trusted: &TrustedKeys) -> Result<Pack, PackError> {
        let fail = |problem| PackError::new(path, problem);
        let (file, metadata, header) = read_header(path).map_err(fail)?;
        match check_header(&header).map_err(fail)? {
            1 => {
                let bytes = v1::read_pack(file, &metadata, &header).map_err(fail)?;
                Pack::v1_from_bytes(path, bytes, trusted)
            }
            _ => {
                v2::reader::check_header(&header, metadata.len()).map_err(fail)?;
                drop(file);
                let (opened, root) = v2::reader::open(path, Some(trusted)).map_err(fail)?;
                Pack::assemble(path, opened, Some(&root))
            }
        }
    }

    /// Everything [`open_verified`] does to a v1 pack after reading the file, on `bytes` as if
    /// read from `path` (which names the pack in errors and locates its signature).
    fn v1_from_bytes(
        path: &Path,
        bytes: Vec<u8>,
        trusted: &TrustedKeys,
    ) -> Result<Pack, PackError> {
        let fail = |problem| PackError::new(path, problem);
        if bytes.len() as u64 > MAX_PACK_BYTES {
            return Err(fail(PackProblem::TooLarge));
        }
        let version = check_header(&bytes).map_err(fail)?;
        if version != 1 {
            return Err(fail(PackProblem::UnsupportedVersion(version.to_string())));
        }
        let verdict = trust::verify_signature(path, &bytes, trusted)
            .map_err(|p| fail(PackProblem::Signature(p)))?;
        let opened = v1::load(bytes, verdict).map_err(fail)?;
        Pack::assemble(path, opened, None)
    }

    /// Compares a trusted signature's binding with the pack it was found beside (`root`: the
    /// pack's root in hex, for formats that have one) and derives the pack's key deriver.
    fn assemble(path: &Path, opened: Opened, root: Option<&str>) -> Result<Pack, PackError> {
        let fail = |problem| PackError::new(path, problem);
        let Opened {
            body,
            meta,
            breaches,
            verdict,
        } = opened;
        let signature = signature_status(verdict, &meta, root)
            .map_err(|problem| fail(PackProblem::Signature(problem)))?;
        let deriver = Deriver::new(meta.salt, meta.cost).map_err(|e| fail(PackProblem::Cost(e)))?;
        Ok(Pack {
            path: path.to_owned(),
            meta,
            breaches,
            deriver,
            signature,
            body,
        })
    }

    /// Who vouches for this pack.
    pub fn signature(&self) -> &SignatureStatus {
        &self.signature
    }

    /// Signs the pack at `path` with `key`: writes `NAME.exposure.minisig` beside it (replacing
    /// any), with a trusted comment that binds the signature to this pack's id, format, creation
    /// time and content (a v1 pack's file hash, a v2 pack's root). The pack is checked first (a v2
    /// pack fully, §5.3, so that nothing unsound is signed), and the new signature verified after.
    pub fn sign(path: &Path, key: &SecretKey) -> Result<PathBuf, PackError> {
        let fail = |problem| PackError::new(path, problem);
        let (file, metadata, header) = read_header(path).map_err(fail)?;
        let signature = if check_header(&header).map_err(fail)? == v1::VERSION {
            let bytes = v1::read_pack(file, &metadata, &header).map_err(fail)?;
            let content_hash = trust::content_hash(&bytes);
            let opened = v1::load(bytes.clone(), Verdict::Unsigned).map_err(fail)?;
            let binding = Binding {
                id: opened.meta.id.clone(),
                format: opened.meta.format_version.to_string(),
                created: opened.meta.created.clone(),
                blake2b: Some(content_hash),
                root: None,
            };
            trust::sign_bytes(&bytes, key, &binding)
        } else {
            // The signature being replaced is not read: it may be of another build, or no file.
            v2::reader::check_header(&header, metadata.len()).map_err(fail)?;
            drop(file);
            let (opened, root) = v2::reader::open(path, None).map_err(fail)?;
            let pack = Pack::assemble(path, opened, Some(&root))?;
            pack.verify_all(&Silent)?;
            let comment = Binding::for_v2(&pack.meta.id, &pack.meta.created, &pack.identity());
            // The whole file is signed (minisign's prehash), as `minisign -V` checks it, streamed
            // in bounded memory whatever the pack's size.
            trust::sign_file(path, key, &comment, &Silent, &Cancel::new())
        }
        .map_err(|p| fail(PackProblem::Signature(p)))?;
        let out = trust::signature_path(path);
        let write = |e: std::io::Error| PackError::new(&out, PackProblem::SignatureWrite(e.into()));
        // The signature's name is replaced only when it names a file: a folder, a device or a
        // pipe of that name is left as it is (as root, a rename would replace a device node).
        if std::fs::metadata(&out).is_ok_and(|m| !m.is_file()) {
            return Err(PackError::new(
                &out,
                PackProblem::SignatureWrite(FileProblem::NotAFile),
            ));
        }
        let directory = match out.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let mut temporary = tempfile::Builder::new()
            .prefix(".exposure-sign-")
            .tempfile_in(directory)
            .map_err(write)?;
        std::io::Write::write_all(&mut temporary, signature.as_bytes()).map_err(write)?;
        // A signature is public: readable by whoever may read the pack (the file was made 0600).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            temporary
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))
                .map_err(write)?;
        }
        temporary.persist(&out).map_err(|e| write(e.error))?;
        let mut trusted = TrustedKeys::new();
        trusted.add(key.public_key());
        match Pack::open_with(path, &trusted)?.signature {
            SignatureStatus::Trusted { .. } => Ok(out),
            _ => Err(fail(PackProblem::Signature(SignatureProblem::Invalid))),
        }
    }

    /// Checks everything in the pack (docs/pack-format.md §5.3): every bucket of a v2 pack
    /// decoded and hashed, every node recomputed, the entries per palette code counted, in one
    /// scan; a v1 pack was checked whole at open. `progress` hears the buckets done out of all.
    pub fn verify_all(&self, progress: &dyn Progress) -> Result<(), PackError> {
        match &self.body {
            Body::V1(_) => Ok(()),
            Body::V2(reader) => reader.verify_all(progress),
        }
        .map_err(|problem| PackError::new(&self.path, problem))
    }

    /// A v2 pack's root in 64 hex digits, what its signature's comment binds (§4.8, §4.9); a v1
    /// pack has none.
    pub fn root(&self) -> Option<String> {
        match &self.body {
            Body::V1(_) => None,
            Body::V2(reader) => Some(hex::encode(reader.root())),
        }
    }

    /// What makes two files the same pack: a v1 pack's file hash, a v2 pack's root, in hex.
    fn identity(&self) -> String {
        match &self.body {
            Body::V1(entries) => entries.content_hash.clone(),
            Body::V2(reader) => hex::encode(reader.root()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `other` is this very pack, wherever each copy lies and whatever its name: the same
    /// content (so the same id, salt and entries), by its hash: a v1 pack's is the hash of its
    /// bytes, a v2 pack's its root. Checking a pack twice would count it twice and list each of
    /// its breaches twice.
    pub fn is_same_pack(&self, other: &Pack) -> bool {
        self.meta.format_version == other.meta.format_version && self.identity() == other.identity()
    }

    /// Whether `other` is this pack's release, in either format: the same `id`, `created` and
    /// salt, as a v1 pack and its upgrade have (docs/pack-format.md §6.3), whose files and roots
    /// differ. Anyone can copy these three fields into a pack of their own: a library treats two
    /// such packs as one only when the one it keeps is vouched for at least as well.
    pub fn same_release(&self, other: &Pack) -> bool {
        self.meta.id == other.meta.id
            && self.meta.created == other.meta.created
            && self.meta.salt == other.meta.salt
    }

    pub fn meta(&self) -> &PackMeta {
        &self.meta
    }

    pub fn breaches(&self) -> &[Breach] {
        &self.breaches
    }

    pub fn deriver(&self) -> &Deriver {
        &self.deriver
    }

    /// Every entry of the pack, in (key, breach) order, as (key, breach id, classes), in bounded
    /// memory whatever the pack's size. A v2 pack's buckets are each verified against its hash
    /// tree before their entries are given, and its keys are their 72-bit prefixes, zero-padded
    /// (all a v2 pack keeps, and all the writer keeps).
    pub fn entries(&self) -> PackEntries<'_> {
        PackEntries {
            path: &self.path,
            source: match &self.body {
                Body::V1(entries) => EntrySource::V1(entries.pages(&self.breaches)),
                Body::V2(reader) => EntrySource::V2(v2::reader::Entries::new(reader)),
            },
        }
    }

    /// The entries stored under `key`, one per breach, in breach order.
    pub fn lookup(&self, key: &Key) -> Result<Vec<Hit>, PackError> {
        match &self.body {
            Body::V1(entries) => entries.lookup(key, &self.breaches),
            Body::V2(reader) => reader.lookup(key),
        }
        .map_err(|problem| PackError::new(&self.path, problem))
    }
}

/// The entries of an open pack (see [`Pack::entries`]); ends after the first error.
pub struct PackEntries<'a> {
    path: &'a Path,
    source: EntrySource<'a>,
}

enum EntrySource<'a> {
    V1(v1::EntryPages<'a>),
    V2(v2::reader::Entries<'a>),
}

impl fmt::Debug for PackEntries<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PackEntries")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Iterator for PackEntries<'_> {
    type Item = Result<(Key, u32, u64), PackError>;

    fn next(&mut self) -> Option<Self::Item> {
        let next = match &mut self.source {
            EntrySource::V1(pages) => pages.next(),
            EntrySource::V2(entries) => entries.next(),
        }?;
        Some(next.map_err(|problem| PackError::new(self.path, problem)))
    }
}

/// What an entry may name: entries come from shard parts and packs too, read from disk.
#[derive(Debug, Clone, Copy)]
pub(super) struct Bounds {
    breach_count: u32,
    class_bits: u64,
}

impl Bounds {
    pub(super) fn new(meta: &PackMeta, breaches: &[Breach]) -> Bounds {
        let classes = meta.classes.ids().len();
        Bounds {
            breach_count: u32::try_from(breaches.len()).unwrap_or(u32::MAX),
            class_bits: if classes >= 64 {
                u64::MAX
            } else {
                (1u64 << classes) - 1
            },
        }
    }

    pub(super) fn admit(&self, breach: u32, classes: u64) -> bool {
        breach < self.breach_count && classes & !self.class_bits == 0
    }
}

fn sqlite_problem(error: &rusqlite::Error) -> PackProblem {
    match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => PackProblem::NotSqlite,
        Some(rusqlite::ErrorCode::DatabaseCorrupt) => PackProblem::Corrupt,
        Some(rusqlite::ErrorCode::OperationInterrupted) => PackProblem::TimedOut,
        Some(rusqlite::ErrorCode::TooBig) => PackProblem::ValueTooLarge,
        _ => PackProblem::Sqlite(error.sqlite_error().map_or(-1, |e| e.extended_code)),
    }
}

/// What reading a row of `table` failed on: a value of the wrong type is a malformed pack, not a
/// failure of SQLite, and says which table holds it.
fn row_problem(table: &'static str) -> impl Fn(rusqlite::Error) -> PackProblem {
    move |error| match error {
        rusqlite::Error::InvalidColumnType(..)
        | rusqlite::Error::FromSqlConversionFailure(..)
        | rusqlite::Error::IntegralValueOutOfRange(..) => PackProblem::BadValue(table),
        error => sqlite_problem(&error),
    }
}

/// Why writing a pack failed, in the words of a file that could not be written.
fn write_problem(error: &rusqlite::Error) -> PackProblem {
    use std::io::ErrorKind;
    PackProblem::Write(FileProblem::Io(match error.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DiskFull) => ErrorKind::StorageFull,
        Some(rusqlite::ErrorCode::ReadOnly) => ErrorKind::ReadOnlyFilesystem,
        Some(rusqlite::ErrorCode::PermissionDenied) => ErrorKind::PermissionDenied,
        Some(rusqlite::ErrorCode::OutOfMemory) => ErrorKind::OutOfMemory,
        _ => ErrorKind::Other,
    }))
}

/// Bytes of the SQLite header, which says whether a file can be a pack at all and of which format.
const HEADER_BYTES: usize = 100;

/// Opens the regular file at `path` without blocking and reads its SQLite header, so that a file
/// that is no pack of ours, however large, is refused after 100 bytes.
fn read_header(
    path: &Path,
) -> Result<(std::fs::File, std::fs::Metadata, [u8; HEADER_BYTES]), PackProblem> {
    let (mut file, metadata) = files::open_regular(path).map_err(|problem| match problem {
        FileProblem::Io(std::io::ErrorKind::NotFound) => PackProblem::Missing,
        FileProblem::NotAFile => PackProblem::NotAFile,
        problem => PackProblem::Unreadable(problem),
    })?;
    let mut header = [0u8; HEADER_BYTES];
    match file.read_exact(&mut header) {
        Ok(()) => Ok((file, metadata, header)),
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => Err(PackProblem::NotSqlite),
        Err(e) => Err(PackProblem::Unreadable(e.into())),
    }
}

/// Checks what every format shares in the 100-byte SQLite header before SQLite sees the file, so
/// a file that is not a pack of ours is refused with a precise reason and a WAL-mode file is
/// never handed to SQLite. Returns the format version, one this build reads.
fn check_header(bytes: &[u8]) -> Result<u32, PackProblem> {
    let Some(header) = bytes.get(..100) else {
        return Err(PackProblem::NotSqlite);
    };
    if &header[..16] != b"SQLite format 3\0" {
        return Err(PackProblem::NotSqlite);
    }
    if header[18] == 2 || header[19] == 2 {
        return Err(PackProblem::WalMode);
    }
    let application_id = i32::from_be_bytes(header[68..72].try_into().expect("4 bytes"));
    if application_id != APPLICATION_ID {
        return Err(PackProblem::NotAPack);
    }
    let user_version = u32::from_be_bytes(header[60..64].try_into().expect("4 bytes"));
    if !READ_VERSIONS.contains(&user_version) {
        return Err(PackProblem::UnsupportedVersion(user_version.to_string()));
    }
    Ok(user_version)
}

/// Whether the regular file at `path` starts as a pack of ours, of any format version: what a
/// build may replace without being told to. Only the 100-byte header is read.
/// Opened without blocking, so a pipe put there since the build looked is no pack, not a hang.
pub fn is_pack_file(path: &Path) -> bool {
    let mut header = [0u8; 100];
    crate::files::open_regular(path).is_ok_and(|(mut file, _)| file.read_exact(&mut header).is_ok())
        // A WAL-mode file is refused before its application id is read: not taken for ours.
        && matches!(
            check_header(&header),
            Ok(_) | Err(PackProblem::UnsupportedVersion(_))
        )
}

/// The format version of the pack at `path`, from its 100-byte header alone; a file that is no
/// pack of a version this build reads is refused as an open refuses it.
pub fn format_version_of(path: &Path) -> Result<u32, PackError> {
    let fail = |problem| PackError::new(path, problem);
    let (_, _, header) = read_header(path).map_err(fail)?;
    check_header(&header).map_err(fail)
}

/// A deadline the progress handler enforces on whatever statement runs next.
#[derive(Debug, Clone)]
struct Deadline {
    epoch: Instant,
    /// Milliseconds after `epoch`.
    until: Arc<AtomicU64>,
}

impl Deadline {
    fn new() -> Deadline {
        Deadline {
            epoch: Instant::now(),
            until: Arc::new(AtomicU64::new(u64::MAX)),
        }
    }

    fn start(&self, budget: Duration) {
        let until = self.epoch.elapsed().saturating_add(budget).as_millis();
        self.until
            .store(u64::try_from(until).unwrap_or(u64::MAX), Ordering::Relaxed);
    }

    fn passed(&self) -> bool {
        self.epoch.elapsed().as_millis() > u128::from(self.until.load(Ordering::Relaxed))
    }
}

/// Limits for a connection that only ever reads three small tables (sqlite.org/security.html,
/// "untrusted database files"): a hostile schema or value hits a limit instead of the memory.
const LIMITS: [(Limit, i32); 12] = [
    (Limit::SQLITE_LIMIT_LENGTH, 1_000_000),
    (Limit::SQLITE_LIMIT_SQL_LENGTH, 100_000),
    (Limit::SQLITE_LIMIT_COLUMN, 100),
    (Limit::SQLITE_LIMIT_EXPR_DEPTH, 10),
    (Limit::SQLITE_LIMIT_COMPOUND_SELECT, 3),
    (Limit::SQLITE_LIMIT_VDBE_OP, 25_000),
    (Limit::SQLITE_LIMIT_FUNCTION_ARG, 8),
    (Limit::SQLITE_LIMIT_ATTACHED, 0),
    (Limit::SQLITE_LIMIT_LIKE_PATTERN_LENGTH, 50),
    (Limit::SQLITE_LIMIT_VARIABLE_NUMBER, 10),
    (Limit::SQLITE_LIMIT_TRIGGER_DEPTH, 10),
    (Limit::SQLITE_LIMIT_WORKER_THREADS, 0),
];

/// Bounds a connection to an untrusted file before it reads a byte of it: SQLite's limits, a
/// deadline on every statement (returned, started for one query), and [`harden`].
fn guard(conn: &Connection) -> rusqlite::Result<Deadline> {
    for (limit, value) in LIMITS {
        conn.set_limit(limit, value)?;
    }
    let deadline = Deadline::new();
    deadline.start(QUERY_BUDGET);
    let watch = deadline.clone();
    conn.progress_handler(1_000, Some(move || watch.passed()));
    harden(conn)?;
    Ok(deadline)
}

/// SQLite's own advice for untrusted database files: no code in the schema is trusted, and the
/// connection can change nothing.
fn harden(conn: &Connection) -> rusqlite::Result<()> {
    conn.pragma_update(None, "trusted_schema", false)?;
    conn.pragma_update(None, "cell_size_check", true)?;
    conn.pragma_update(None, "query_only", true)?;
    conn.set_db_config(rusqlite::config::DbConfig::SQLITE_DBCONFIG_DEFENSIVE, true)?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_TRIGGER,
        false,
    )?;
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_VIEW,
        false,
    )?;
    Ok(())
}

/// Checks that `sqlite_schema` holds exactly the tables of `schema` (sorted by name), text for text.
fn check_schema(conn: &Connection, schema: &[(&str, &str)]) -> Result<(), PackProblem> {
    let mut statement = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        .map_err(|e| sqlite_problem(&e))?;
    let rows: Vec<(String, String, String, Option<String>)> = statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(row_problem("sqlite_schema"))?;
    let expected = schema.iter().map(|(name, sql)| {
        (
            "table".to_owned(),
            name.to_string(),
            name.to_string(),
            Some(sql.to_string()),
        )
    });
    if rows.len() != schema.len() || !rows.iter().cloned().eq(expected) {
        return Err(PackProblem::UnexpectedSchema);
    }
    Ok(())
}

/// The meta fields every format shares, from meta's rows, with the checks of v1: the caller has
/// checked `format` and `format_version`.
fn common_meta(
    map: &BTreeMap<String, String>,
    format_version: u32,
) -> Result<PackMeta, PackProblem> {
    let get = |field: &'static str| map.get(field).ok_or(PackProblem::BadMeta(field));
    let number = |field: &'static str| -> Result<u64, PackProblem> {
        get(field)?.parse().map_err(|_| PackProblem::BadMeta(field))
    };
    let small = |field: &'static str| -> Result<u32, PackProblem> {
        u32::try_from(number(field)?).map_err(|_| PackProblem::BadMeta(field))
    };
    if number("key_length")? != KEY_LEN as u64 {
        return Err(PackProblem::BadMeta("key_length"));
    }
    let classes: Vec<String> = serde_json::from_str(get("data_classes")?)
        .map_err(|_| PackProblem::BadMeta("data_classes"))?;
    Ok(PackMeta {
        id: get("id")?.clone(),
        title: serde_json::from_str(get("title")?).map_err(|_| PackProblem::BadMeta("title"))?,
        curator: get("curator")?.clone(),
        created: get("created")?.clone(),
        salt: Salt::from_hex(get("salt")?).ok_or(PackProblem::BadMeta("salt"))?,
        cost: Cost {
            m_kib: small("argon2_m")?,
            t: small("argon2_t")?,
            p: small("argon2_p")?,
        },
        default_region: get("default_region")?
            .parse()
            .map_err(|_| PackProblem::BadMeta("default_region"))?,
        entry_count: number("entry_count")?,
        classes: ClassTable::new(classes).ok_or(PackProblem::BadMeta("data_classes"))?,
        demo: map.get("demo").is_some_and(|v| v == "true"),
        synthetic: map.get("synthetic").is_some_and(|v| v == "true"),
        generator: map.get("generator").cloned().unwrap_or_default(),
        // Packs built before normalization had versions have no such row: version 1.
        normalization: match map.get("normalization") {
            None => 1,
            Some(version) => match version.parse() {
                Ok(version @ 1..=crate::identifier::NORMALIZATION_VERSION) => version,
                Ok(newer @ 1..) => return Err(PackProblem::UnsupportedNormalization(newer)),
                _ => return Err(PackProblem::BadMeta("normalization")),
            },
        },
        format_version,
    })
}

/// A row of `breaches` as SQLite holds it, in column order.
struct BreachRow {
    id: i64,
    slug: String,
    title: String,
    description: String,
    date: Option<String>,
    record_count: i64,
    data_classes: String,
    verified: bool,
    sensitive: bool,
}

/// A breach from its row, with the checks every format makes: JSON texts, known data classes.
fn breach_from_row(row: BreachRow, meta: &PackMeta) -> Result<Breach, PackProblem> {
    let bad = || PackProblem::BadBreach(row.slug.clone());
    let data_classes: Vec<String> = serde_json::from_str(&row.data_classes).map_err(|_| bad())?;
    if data_classes.iter().any(|c| meta.classes.bit(c).is_none()) {
        return Err(bad());
    }
    Ok(Breach {
        index: u32::try_from(row.id).map_err(|_| bad())?,
        title: serde_json::from_str(&row.title).map_err(|_| bad())?,
        description: serde_json::from_str(&row.description).map_err(|_| bad())?,
        date: row.date,
        record_count: u64::try_from(row.record_count).map_err(|_| bad())?,
        data_classes: crate::classes::sorted(data_classes.iter().map(String::as_str)),
        verified: row.verified,
        sensitive: row.sensitive,
        slug: row.slug,
    })
}

#[cfg(test)]
pub(crate) mod tests;
