//! Pack format v1 (docs/pack-format.md §2), read forever: the whole file is read into memory,
//! its signature checked over those very bytes, and the same bytes handed to SQLite as a
//! read-only in-memory database, so what was verified is what is queried. Its writer is kept for
//! tests and fixtures of v1 reading.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, params};

use super::{
    APPLICATION_ID, Body, Breach, BreachRow, Deadline, FORMAT_NAME, Hit, LIMITS, MAX_PACK_BYTES,
    Opened, PackError, PackMeta, PackProblem, QUERY_BUDGET, breach_from_row, check_schema,
    common_meta, harden, row_problem, sqlite_problem, write_problem,
};
use crate::keys::{KEY_LEN, Key};
use crate::trust::{self, Verdict};

/// The format version of v1 packs.
pub const VERSION: u32 = 1;

pub(super) const SCHEMA: [(&str, &str); 3] = [
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

/// Reads the rest of a v1 pack whose header was read from `file`: these bytes are hashed,
/// verified and queried, so a file changed on disk in between (a USB stick, a shared folder)
/// cannot slip other content past the signature.
pub(super) fn read_pack(
    file: std::fs::File,
    metadata: &std::fs::Metadata,
    header: &[u8],
) -> Result<Vec<u8>, PackProblem> {
    if metadata.len() > MAX_PACK_BYTES {
        return Err(PackProblem::TooLarge);
    }
    let mut bytes = header.to_vec();
    bytes.reserve_exact((metadata.len() as usize).saturating_sub(bytes.len()));
    file.take(MAX_PACK_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| PackProblem::Unreadable(e.into()))?;
    if bytes.len() as u64 > MAX_PACK_BYTES {
        return Err(PackProblem::TooLarge);
    }
    Ok(bytes)
}

/// An open v1 pack's entries: a private in-memory copy of the verified bytes.
pub(super) struct Entries {
    pub(super) conn: Connection,
    pub(super) deadline: Deadline,
    /// The hash of the file's bytes: what makes two files the same pack.
    pub(super) content_hash: String,
}

/// The checks after the signature's, on the very bytes it was checked over.
pub(super) fn load(bytes: Vec<u8>, verdict: Verdict) -> Result<Opened, PackProblem> {
    let (conn, deadline) = open_in_memory(&bytes).map_err(|e| sqlite_problem(&e))?;
    let size = bytes.len() as u64;
    // A trusted signature's hash was just checked against these bytes: no need to hash twice.
    let content_hash = match &verdict {
        Verdict::Trusted { binding, .. } => binding.blake2b.clone(),
        _ => trust::content_hash(&bytes),
    };
    drop(bytes);
    check_schema(&conn, &SCHEMA)?;
    deadline.start(scan_budget(size));
    let quick: String = conn
        .query_row("PRAGMA quick_check", [], |row| row.get(0))
        .map_err(|e| sqlite_problem(&e))?;
    if quick != "ok" {
        return Err(PackProblem::Corrupt);
    }
    deadline.start(QUERY_BUDGET);
    let meta = read_meta(&conn)?;
    let breaches = read_breaches(&conn, &meta)?;
    Ok(Opened {
        body: Body::V1(Entries {
            conn,
            deadline,
            content_hash,
        }),
        meta,
        breaches,
        verdict,
    })
}

impl Entries {
    pub(super) fn lookup(&self, key: &Key, breaches: &[Breach]) -> Result<Vec<Hit>, PackProblem> {
        self.deadline.start(QUERY_BUDGET);
        let sqlite = row_problem("entries");
        let mut statement = self
            .conn
            .prepare_cached("SELECT breach, classes FROM entries WHERE key = ?1")
            .map_err(&sqlite)?;
        let rows = statement
            .query_map([&key.0[..]], |row| {
                Ok((row.get::<_, i64>(0)?, row.get::<_, i64>(1)?))
            })
            .map_err(&sqlite)?;
        let mut hits = Vec::new();
        for row in rows {
            let (breach, classes) = row.map_err(&sqlite)?;
            let index = breaches
                .iter()
                .position(|b| i64::from(b.index) == breach)
                .ok_or_else(|| PackProblem::BadBreach(breach.to_string()))?;
            hits.push(Hit {
                breach: index,
                classes: classes as u64,
            });
        }
        Ok(hits)
    }
}

/// How long a statement that reads every page of a `size`-byte pack may run: generous, at about
/// 10 MB/s on a slow machine, and bounded by the file's real size, never by what it claims.
fn scan_budget(size: u64) -> Duration {
    Duration::from_secs(5) + Duration::from_millis(size / 10_000)
}

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

fn read_meta(conn: &Connection) -> Result<PackMeta, PackProblem> {
    let mut statement = conn
        .prepare("SELECT key, value FROM meta")
        .map_err(|e| sqlite_problem(&e))?;
    let map: BTreeMap<String, String> = statement
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .and_then(|rows| rows.collect())
        .map_err(row_problem("meta"))?;
    if map.get("format").map(String::as_str) != Some(FORMAT_NAME) {
        return Err(PackProblem::NotAPack);
    }
    let version = map
        .get("format_version")
        .ok_or(PackProblem::BadMeta("format_version"))?;
    if version != &VERSION.to_string() {
        return Err(PackProblem::UnsupportedVersion(version.clone()));
    }
    common_meta(&map, VERSION)
}

fn read_breaches(conn: &Connection, meta: &PackMeta) -> Result<Vec<Breach>, PackProblem> {
    let mut statement = conn
        .prepare(
            "SELECT id, slug, title, description, date, record_count, data_classes, verified, sensitive \
             FROM breaches ORDER BY id",
        )
        .map_err(|e| sqlite_problem(&e))?;
    let rows: Vec<BreachRow> = statement
        .query_map([], |row| {
            Ok(BreachRow {
                id: row.get(0)?,
                slug: row.get(1)?,
                title: row.get(2)?,
                description: row.get(3)?,
                date: row.get(4)?,
                record_count: row.get(5)?,
                data_classes: row.get(6)?,
                verified: row.get(7)?,
                sensitive: row.get(8)?,
            })
        })
        .and_then(|rows| rows.collect())
        .map_err(row_problem("breaches"))?;
    rows.into_iter()
        .map(|row| breach_from_row(row, meta))
        .collect()
}

/// Writes a new pack. Entries must arrive sorted by (key, breach): the table is a B-tree on that
/// order, and appending in order packs its pages full.
pub struct Writer {
    path: PathBuf,
    conn: Connection,
    entries: u64,
    last: Option<(Key, u32)>,
    /// What an entry may name: entries come from shard parts too, which a merge reads from disk.
    breach_count: u32,
    class_bits: u64,
}

impl fmt::Debug for Writer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("v1::Writer")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Writer {
    /// Creates the schema in a new, empty file at `path` (normally a temporary file that the
    /// builder renames once the pack is complete).
    pub fn create(path: &Path, meta: &PackMeta, breaches: &[Breach]) -> Result<Writer, PackError> {
        let fail = |e: rusqlite::Error| PackError::new(path, write_problem(&e));
        let conn = Connection::open(path).map_err(fail)?;
        conn.execute_batch(&format!(
            "PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
             PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {VERSION};"
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
        let mut writer = Writer {
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
            ("format_version", VERSION.to_string()),
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
