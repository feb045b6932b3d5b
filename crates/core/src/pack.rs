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

use rusqlite::limits::Limit;
use rusqlite::{Connection, OpenFlags, params};
use serde::{Deserialize, Serialize};

use crate::classes::ClassTable;
use crate::files::{self, FileProblem};
use crate::identifier::Region;
use crate::keys::cost::Cost;
use crate::keys::{Deriver, KEY_LEN, Key, KeyError, Salt};
use crate::l10n::{Lang, Message, safe_line};
use crate::trust::{
    self, Binding, SecretKey, SignatureProblem, SignatureStatus, TrustedKeys, Verdict,
};

/// `PRAGMA application_id` of every pack: "EXPO".
pub const APPLICATION_ID: i32 = 0x4558_504F;
/// The pack format version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
pub const FORMAT_NAME: &str = "exposure-pack";
/// The largest pack this reader opens: SQLite's in-memory databases are sized by a C `int`.
pub const MAX_PACK_BYTES: u64 = i32::MAX as u64;
/// How long any one lookup may run; a point query on a sound pack takes microseconds.
const QUERY_BUDGET: Duration = Duration::from_secs(2);

const SCHEMA: [(&str, &str); 3] = [
    (
        "breaches",
        "CREATE TABLE breaches (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, \
         description TEXT NOT NULL, date TEXT, record_count INTEGER NOT NULL, data_classes TEXT NOT NULL, \
         verified INTEGER NOT NULL, sensitive INTEGER NOT NULL)",
    ),
    (
        "entries",
        "CREATE TABLE entries (key BLOB NOT NULL, breach INTEGER NOT NULL, classes INTEGER NOT NULL, \
         PRIMARY KEY (key, breach)) WITHOUT ROWID",
    ),
    (
        "meta",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    ),
];

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
    conn: Connection,
    meta: PackMeta,
    breaches: Vec<Breach>,
    deriver: Deriver,
    signature: SignatureStatus,
    deadline: Deadline,
    /// The hash of the file's bytes: what makes two files the same pack.
    content_hash: String,
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

impl Pack {
    /// Opens and verifies a pack, trusting no signing key (see [`open_verified`]).
    pub fn open(path: &Path) -> Result<Pack, PackError> {
        Pack::open_with(path, &TrustedKeys::new())
    }

    fn open_with(path: &Path, trusted: &TrustedKeys) -> Result<Pack, PackError> {
        let bytes = read_pack(path).map_err(|problem| PackError::new(path, problem))?;
        Pack::from_bytes(path, bytes, trusted)
    }

    /// Everything [`open_verified`] does after reading the file, on `bytes` as if read from
    /// `path` (which names the pack in errors and locates its signature). Public so the fuzzer
    /// drives hostile bytes through the very code a file takes.
    #[doc(hidden)]
    pub fn from_bytes(
        path: &Path,
        bytes: Vec<u8>,
        trusted: &TrustedKeys,
    ) -> Result<Pack, PackError> {
        let fail = |problem| PackError::new(path, problem);
        if bytes.len() as u64 > MAX_PACK_BYTES {
            return Err(fail(PackProblem::TooLarge));
        }
        check_header(&bytes).map_err(fail)?;
        let verdict = trust::verify_signature(path, &bytes, trusted)
            .map_err(|p| fail(PackProblem::Signature(p)))?;
        Pack::load(path, bytes, verdict)
    }

    /// The checks after the signature's, on the very bytes it was checked over.
    fn load(path: &Path, bytes: Vec<u8>, verdict: Verdict) -> Result<Pack, PackError> {
        let fail = |problem| PackError::new(path, problem);
        let (conn, deadline) = open_in_memory(&bytes).map_err(|e| fail(sqlite_problem(&e)))?;
        let size = bytes.len() as u64;
        // A trusted signature's hash was just checked against these bytes: no need to hash twice.
        let content_hash = match &verdict {
            Verdict::Trusted { binding, .. } => binding
                .blake2b
                .clone()
                .unwrap_or_else(|| trust::content_hash(&bytes)),
            _ => trust::content_hash(&bytes),
        };
        drop(bytes);
        check_schema(&conn).map_err(fail)?;
        deadline.start(scan_budget(size));
        let quick: String = conn
            .query_row("PRAGMA quick_check", [], |row| row.get(0))
            .map_err(|e| fail(sqlite_problem(&e)))?;
        if quick != "ok" {
            return Err(fail(PackProblem::Corrupt));
        }
        deadline.start(QUERY_BUDGET);
        let meta = read_meta(&conn).map_err(fail)?;
        let signature = match verdict {
            Verdict::Unsigned => SignatureStatus::Unsigned,
            Verdict::UnknownSigner(key_id) => SignatureStatus::UnknownSigner { key_id },
            Verdict::Trusted {
                key_id,
                comment,
                binding,
            } => {
                let mismatch = if binding.id != meta.id {
                    Some("id")
                } else if binding.format != FORMAT_VERSION.to_string() {
                    Some("format")
                } else if binding.created != meta.created {
                    Some("created")
                } else {
                    None
                };
                if let Some(field) = mismatch {
                    return Err(fail(PackProblem::Signature(SignatureProblem::Mismatch(
                        field,
                    ))));
                }
                SignatureStatus::Trusted { key_id, comment }
            }
        };
        let deriver = Deriver::new(meta.salt, meta.cost).map_err(|e| fail(PackProblem::Cost(e)))?;
        let breaches = read_breaches(&conn, &meta).map_err(fail)?;
        Ok(Pack {
            path: path.to_owned(),
            conn,
            meta,
            breaches,
            deriver,
            signature,
            deadline,
            content_hash,
        })
    }

    /// Who vouches for this pack.
    pub fn signature(&self) -> &SignatureStatus {
        &self.signature
    }

    /// Signs the pack at `path` with `key`: writes `NAME.exposure.minisig` beside it (replacing
    /// any), with a trusted comment that binds the signature to this pack's id, format, creation
    /// time and content hash. The pack is checked first, and the new signature verified after.
    pub fn sign(path: &Path, key: &SecretKey) -> Result<PathBuf, PackError> {
        let fail = |problem| PackError::new(path, problem);
        let bytes = read_pack(path).map_err(fail)?;
        check_header(&bytes).map_err(fail)?;
        let binding = Binding {
            id: String::new(),
            format: FORMAT_VERSION.to_string(),
            created: String::new(),
            blake2b: Some(trust::content_hash(&bytes)),
            root: None,
        };
        let pack = Pack::load(path, bytes.clone(), Verdict::Unsigned)?;
        let binding = Binding {
            id: pack.meta.id.clone(),
            created: pack.meta.created.clone(),
            ..binding
        };
        drop(pack);
        let signature = trust::sign_bytes(&bytes, key, &binding)
            .map_err(|p| fail(PackProblem::Signature(p)))?;
        drop(bytes);
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

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Whether `other` is this very pack, wherever each copy lies and whatever its name: the same
    /// bytes (so the same id, salt and entries), by their hash. Checking a pack twice would count
    /// it twice and list each of its breaches twice.
    pub fn is_same_pack(&self, other: &Pack) -> bool {
        self.content_hash == other.content_hash
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

    /// The entries stored under `key`, one per breach.
    pub fn lookup(&self, key: &Key) -> Result<Vec<Hit>, PackError> {
        self.deadline.start(QUERY_BUDGET);
        let sqlite = |e: rusqlite::Error| PackError::new(&self.path, row_problem("entries")(e));
        let mut statement = self
            .conn
            .prepare_cached("SELECT breach, classes FROM entries WHERE key = ?1")
            .map_err(sqlite)?;
        let rows = statement
            .query_map([&key.0[..]], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(sqlite)?;
        let mut hits = Vec::new();
        for row in rows {
            let (breach, classes) = row.map_err(sqlite)?;
            let index = self
                .breaches
                .iter()
                .position(|b| i64::from(b.index) == breach)
                .ok_or_else(|| {
                    PackError::new(&self.path, PackProblem::BadBreach(breach.to_string()))
                })?;
            hits.push(Hit {
                breach: index,
                classes: classes as u64,
            });
        }
        Ok(hits)
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

/// Bytes of the SQLite header, which says whether a file can be a pack at all.
const HEADER_BYTES: u64 = 100;

/// Reads the whole pack once: these bytes are hashed, verified and queried, so a file changed on
/// disk in between (a USB stick, a shared folder) cannot slip other content past the signature.
/// Its header is read and checked first, so a file that is no pack of ours, however large, is
/// refused after 100 bytes.
fn read_pack(path: &Path) -> Result<Vec<u8>, PackProblem> {
    let unreadable = |e: std::io::Error| PackProblem::Unreadable(e.into());
    let (mut file, metadata) = files::open_regular(path).map_err(|problem| match problem {
        FileProblem::Io(std::io::ErrorKind::NotFound) => PackProblem::Missing,
        FileProblem::NotAFile => PackProblem::NotAFile,
        problem => PackProblem::Unreadable(problem),
    })?;
    let mut bytes = Vec::new();
    (&mut file)
        .take(HEADER_BYTES)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    check_header(&bytes)?;
    if metadata.len() > MAX_PACK_BYTES {
        return Err(PackProblem::TooLarge);
    }
    bytes.reserve_exact((metadata.len() as usize).saturating_sub(bytes.len()));
    file.take(MAX_PACK_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(PackProblem::TooLarge);
    }
    Ok(bytes)
}

/// Checks the 100-byte SQLite header before SQLite sees the file, so a file that is not a pack of
/// ours is refused with a precise reason and a WAL-mode file is never handed to SQLite.
fn check_header(bytes: &[u8]) -> Result<(), PackProblem> {
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
    if user_version != FORMAT_VERSION {
        return Err(PackProblem::UnsupportedVersion(user_version.to_string()));
    }
    Ok(())
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
            Ok(()) | Err(PackProblem::UnsupportedVersion(_))
        )
}

/// How long a statement that reads every page of a `size`-byte pack may run: generous, at about
/// 10 MB/s on a slow machine, and bounded by the file's real size, never by what it claims.
fn scan_budget(size: u64) -> Duration {
    Duration::from_secs(5) + Duration::from_millis(size / 10_000)
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

/// An in-memory, read-only database holding a private copy of `bytes`, hardened before SQLite
/// parses a byte of its schema.
fn open_in_memory(bytes: &[u8]) -> rusqlite::Result<(Connection, Deadline)> {
    let mut conn = Connection::open_in_memory_with_flags(
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    for (limit, value) in LIMITS {
        conn.set_limit(limit, value)?;
    }
    let deadline = Deadline::new();
    deadline.start(QUERY_BUDGET);
    let watch = deadline.clone();
    conn.progress_handler(1_000, Some(move || watch.passed()));
    harden(&conn)?;
    conn.deserialize_read_exact("main", bytes, bytes.len(), true)?;
    // Settings stored in the database file itself must not loosen these.
    harden(&conn)?;
    Ok((conn, deadline))
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

fn check_schema(conn: &Connection) -> Result<(), PackProblem> {
    let mut statement = conn
        .prepare("SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name")
        .map_err(|e| sqlite_problem(&e))?;
    let rows: Vec<(String, String, String, Option<String>)> = statement
        .query_map([], |row| {
            Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?))
        })
        .and_then(|rows| rows.collect())
        .map_err(row_problem("sqlite_schema"))?;
    let expected = SCHEMA.iter().map(|(name, sql)| {
        (
            "table".to_owned(),
            name.to_string(),
            name.to_string(),
            Some(sql.to_string()),
        )
    });
    if rows.len() != SCHEMA.len() || !rows.iter().cloned().eq(expected) {
        return Err(PackProblem::UnexpectedSchema);
    }
    Ok(())
}

fn read_meta(conn: &Connection) -> Result<PackMeta, PackProblem> {
    let mut statement = conn
        .prepare("SELECT key, value FROM meta")
        .map_err(|e| sqlite_problem(&e))?;
    let map: BTreeMap<String, String> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(row_problem("meta"))?;
    let get = |field: &'static str| map.get(field).ok_or(PackProblem::BadMeta(field));
    if get("format")? != FORMAT_NAME {
        return Err(PackProblem::NotAPack);
    }
    let version = get("format_version")?;
    if version != &FORMAT_VERSION.to_string() {
        return Err(PackProblem::UnsupportedVersion(version.clone()));
    }
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
    })
}

fn read_breaches(conn: &Connection, meta: &PackMeta) -> Result<Vec<Breach>, PackProblem> {
    let mut statement = conn
        .prepare(
            "SELECT id, slug, title, description, date, record_count, data_classes, verified, sensitive \
             FROM breaches ORDER BY id",
        )
        .map_err(|e| sqlite_problem(&e))?;
    type Row = (
        i64,
        String,
        String,
        String,
        Option<String>,
        i64,
        String,
        bool,
        bool,
    );
    let rows: Vec<Row> = statement
        .query_map([], |row| {
            Ok((
                row.get(0)?,
                row.get(1)?,
                row.get(2)?,
                row.get(3)?,
                row.get(4)?,
                row.get(5)?,
                row.get(6)?,
                row.get(7)?,
                row.get(8)?,
            ))
        })
        .and_then(|rows| rows.collect())
        .map_err(row_problem("breaches"))?;
    rows.into_iter()
        .map(
            |(id, slug, title, description, date, records, classes, verified, sensitive)| {
                let bad = || PackProblem::BadBreach(slug.clone());
                let data_classes: Vec<String> =
                    serde_json::from_str(&classes).map_err(|_| bad())?;
                if data_classes.iter().any(|c| meta.classes.bit(c).is_none()) {
                    return Err(bad());
                }
                Ok(Breach {
                    index: u32::try_from(id).map_err(|_| bad())?,
                    title: serde_json::from_str(&title).map_err(|_| bad())?,
                    description: serde_json::from_str(&description).map_err(|_| bad())?,
                    date,
                    record_count: u64::try_from(records).map_err(|_| bad())?,
                    data_classes: crate::classes::sorted(data_classes.iter().map(String::as_str)),
                    verified,
                    sensitive,
                    slug,
                })
            },
        )
        .collect()
}

/// Writes a new pack. Entries must arrive sorted by (key, breach): the table is a B-tree on that
/// order, and appending in order packs its pages full.
pub struct PackWriter {
    path: PathBuf,
    conn: Connection,
    entries: u64,
    last: Option<(Key, u32)>,
    /// What an entry may name: entries come from shard parts too, which a merge reads from disk.
    breach_count: u32,
    class_bits: u64,
}

impl fmt::Debug for PackWriter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PackWriter")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl PackWriter {
    /// Creates the schema in a new, empty file at `path` (normally a temporary file that the
    /// builder renames once the pack is complete).
    pub fn create(
        path: &Path,
        meta: &PackMeta,
        breaches: &[Breach],
    ) -> Result<PackWriter, PackError> {
        let fail = |e: rusqlite::Error| PackError::new(path, write_problem(&e));
        let conn = Connection::open(path).map_err(fail)?;
        conn.execute_batch(&format!(
            "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {FORMAT_VERSION};"
        ))
        .map_err(fail)?;
        for (_, sql) in SCHEMA {
            conn.execute(sql, []).map_err(fail)?;
        }
        conn.execute_batch("BEGIN").map_err(fail)?;
        {
            let mut insert = conn
                .prepare(
                    "INSERT INTO breaches (id, slug, title, description, date, record_count, data_classes, \
                     verified, sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
                )
                .map_err(fail)?;
            for breach in breaches {
                insert
                    .execute(params![
                        breach.index,
                        breach.slug,
                        breach.title.to_json(),
                        breach.description.to_json(),
                        breach.date,
                        breach.record_count as i64,
                        serde_json::to_string(&breach.data_classes).expect("strings serialize"),
                        breach.verified,
                        breach.sensitive,
                    ])
                    .map_err(fail)?;
            }
        }
        let classes = meta.classes.ids().len();
        let mut writer = PackWriter {
            path: path.to_owned(),
            conn,
            entries: 0,
            last: None,
            breach_count: u32::try_from(breaches.len()).unwrap_or(u32::MAX),
            class_bits: if classes >= 64 {
                u64::MAX
            } else {
                (1u64 << classes) - 1
            },
        };
        writer.write_meta(meta).map_err(fail)?;
        Ok(writer)
    }

    fn write_meta(&mut self, meta: &PackMeta) -> rusqlite::Result<()> {
        let fields: [(&str, String); 17] = [
            ("format", FORMAT_NAME.to_owned()),
            ("format_version", FORMAT_VERSION.to_string()),
            ("id", meta.id.clone()),
            ("title", meta.title.to_json()),
            ("curator", meta.curator.clone()),
            ("created", meta.created.clone()),
            ("salt", meta.salt.to_hex()),
            ("argon2_m", meta.cost.m_kib.to_string()),
            ("argon2_t", meta.cost.t.to_string()),
            ("argon2_p", meta.cost.p.to_string()),
            ("key_length", KEY_LEN.to_string()),
            ("default_region", meta.default_region.to_string()),
            ("entry_count", meta.entry_count.to_string()),
            (
                "data_classes",
                serde_json::to_string(meta.classes.ids()).expect("strings serialize"),
            ),
            ("demo", meta.demo.to_string()),
            ("generator", meta.generator.clone()),
            ("normalization", meta.normalization.to_string()),
        ];
        let mut insert = self
            .conn
            .prepare_cached("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)")?;
        for (key, value) in fields {
            insert.execute(params![key, value])?;
        }
        Ok(())
    }

    /// Refuses an entry naming a breach or a data class the pack does not have: every reader
    /// would refuse the pack at the first hit on it, so none is ever written.
    pub fn push(&mut self, key: &Key, breach: u32, classes: u64) -> Result<(), PackError> {
        if breach >= self.breach_count || classes & !self.class_bits != 0 {
            return Err(PackError::new(&self.path, PackProblem::EntryOutOfRange));
        }
        debug_assert!(
            self.last.is_none_or(|last| last < (*key, breach)),
            "entries out of order"
        );
        let mut insert = self
            .conn
            .prepare_cached("INSERT INTO entries (key, breach, classes) VALUES (?1, ?2, ?3)")
            .map_err(|e| PackError::new(&self.path, write_problem(&e)))?;
        insert
            .execute(params![&key.0[..], breach, classes as i64])
            .map_err(|e| PackError::new(&self.path, write_problem(&e)))?;
        self.entries += 1;
        self.last = Some((*key, breach));
        Ok(())
    }

    pub fn entries(&self) -> u64 {
        self.entries
    }

    /// Commits and closes; records the final entry count in the metadata.
    pub fn finish(self) -> Result<(), PackError> {
        let fail = |e: rusqlite::Error| PackError::new(&self.path, write_problem(&e));
        self.conn
            .execute(
                "UPDATE meta SET value = ?1 WHERE key = 'entry_count'",
                [self.entries.to_string()],
            )
            .map_err(fail)?;
        self.conn.execute_batch("COMMIT").map_err(fail)?;
        self.conn.close().map_err(|(_, e)| fail(e))
    }
}

#[cfg(test)]
mod tests;
