//! Pack format v1 (docs/pack-format.md §2), read forever: the whole file is read into memory,
//! its signature checked over those very bytes, and the same bytes handed to SQLite as a
//! read-only in-memory database, so what was verified is what is queried. Its writer is kept for
//! tests and fixtures of v1 reading.

use std::collections::BTreeMap;
use std::io::Read;
use std::time::Duration;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::{
    Body, Breach, BreachRow, Deadline, FORMAT_NAME, Hit, MAX_PACK_BYTES, Opened, PackMeta,
    PackProblem, QUERY_BUDGET, breach_from_row, check_schema, common_meta, guard, harden,
    row_problem, sqlite_problem,
};
use crate::keys::{KEY_LEN, Key};
use crate::trust::{self, Binding, Verdict};

/// The format version of v1 packs.
pub const VERSION: u32 = 1;

/// The v1 writer: Exposure writes v2. Kept for tests and fixtures of v1 reading only, behind
/// the cargo feature `v1-writer` that only dev-dependencies enable.
#[cfg(any(test, feature = "v1-writer"))]
mod writer;
#[cfg(any(test, feature = "v1-writer"))]
pub use writer::Writer;

mod in_place;
pub use in_place::InPlace;

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
        Verdict::Trusted {
            binding: Binding {
                blake2b: Some(hash),
                ..
            },
            ..
        } => hash.clone(),
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
    /// The entries, a page at a time (see [`EntryPages`]); `breaches` are the pack's.
    pub(super) fn pages<'a>(&'a self, breaches: &'a [Breach]) -> EntryPages<'a> {
        EntryPages::new(&self.conn, &self.deadline, breaches)
    }

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

/// Entries a v1 pack's [`EntryPages`] reads at a time: one query each, under one deadline.
const PAGE_ROWS: i64 = 4096;

/// A v1 pack's entries in (key, breach) order, read a page of rows at a time (each page starts
/// after the last entry given), so that memory holds one page whatever the pack's size, and
/// whoever reads them may read them again (an upgrade's two passes). Each row is checked before
/// it is given: a 16-byte BLOB key, a breach of the pack, an INTEGER class set, strictly after
/// the entry before (a damaged B-tree could repeat or reorder rows; a pack read in place had no
/// `quick_check`). After an error it ends.
pub(super) struct EntryPages<'a> {
    conn: &'a Connection,
    deadline: &'a Deadline,
    /// The pack's breaches, in `id` order.
    breaches: &'a [Breach],
    /// The last entry given, where the next page starts.
    after: Option<(Key, u32)>,
    /// The current page's entries not yet given, the next one last.
    pending: Vec<(Key, u32, u64)>,
    done: bool,
}

impl<'a> EntryPages<'a> {
    pub(super) fn new(
        conn: &'a Connection,
        deadline: &'a Deadline,
        breaches: &'a [Breach],
    ) -> EntryPages<'a> {
        EntryPages {
            conn,
            deadline,
            breaches,
            after: None,
            pending: Vec::new(),
            done: false,
        }
    }

    fn read_page(&self) -> Result<Vec<(Key, u32, u64)>, PackProblem> {
        self.deadline.start(QUERY_BUDGET);
        let sqlite = |e: rusqlite::Error| sqlite_problem(&e);
        let mut statement = self
            .conn
            .prepare_cached(match self.after {
                None => "SELECT key, breach, classes FROM entries ORDER BY key, breach LIMIT ?1",
                Some(_) => {
                    "SELECT key, breach, classes FROM entries WHERE (key, breach) > (?1, ?2) \
                     ORDER BY key, breach LIMIT ?3"
                }
            })
            .map_err(sqlite)?;
        let mut rows = match &self.after {
            None => statement.query([PAGE_ROWS]),
            Some((key, breach)) => {
                statement.query(rusqlite::params![&key.0[..], breach, PAGE_ROWS])
            }
        }
        .map_err(sqlite)?;
        let mut page = Vec::new();
        let mut last = self.after;
        while let Some(row) = rows.next().map_err(sqlite)? {
            let (key, breach, classes) = entry(row, self.breaches)?;
            if last.is_some_and(|last| last >= (key, breach)) {
                return Err(PackProblem::Corrupt);
            }
            last = Some((key, breach));
            page.push((key, breach, classes));
        }
        Ok(page)
    }
}

impl Iterator for EntryPages<'_> {
    type Item = Result<(Key, u32, u64), PackProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.pending.is_empty() && !self.done {
            match self.read_page() {
                Ok(mut page) => {
                    self.done = (page.len() as i64) < PAGE_ROWS;
                    page.reverse();
                    self.pending = page;
                }
                Err(problem) => {
                    self.done = true;
                    return Some(Err(problem));
                }
            }
        }
        let entry = self.pending.pop()?;
        self.after = Some((entry.0, entry.1));
        Some(Ok(entry))
    }
}

/// One row of `entries`, checked: a 16-byte BLOB key, a breach the pack has, an INTEGER class set.
fn entry(row: &rusqlite::Row<'_>, breaches: &[Breach]) -> Result<(Key, u32, u64), PackProblem> {
    let value = |column| row.get_ref(column).map_err(|e| sqlite_problem(&e));
    let bad = PackProblem::BadValue("entries");
    let key = match value(0)? {
        ValueRef::Blob(bytes) if bytes.len() == KEY_LEN => {
            Key(bytes.try_into().expect("KEY_LEN bytes"))
        }
        _ => return Err(bad),
    };
    let (ValueRef::Integer(breach), ValueRef::Integer(classes)) = (value(1)?, value(2)?) else {
        return Err(bad);
    };
    let breach = u32::try_from(breach)
        .ok()
        .filter(|b| {
            breaches
                .binary_search_by_key(b, |known| known.index)
                .is_ok()
        })
        .ok_or_else(|| PackProblem::BadBreach(breach.to_string()))?;
    // The class set is a 64-bit set stored as SQLite's signed integer.
    Ok((key, breach, classes as u64))
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
    let deadline = guard(&conn)?;
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
