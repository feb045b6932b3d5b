//! A v1 pack read in place, for its upgrade to v2 (docs/pack-format.md §6.3): opened as a v2 pack
//! is (read-only, immutable, hardened before SQLite parses its schema), with v1's header, schema
//! and meta checks, and never read whole, so that a v1 pack larger than v1's in-memory reader
//! ever opened (2 GiB) can still be upgraded. Its entries are streamed in (key, breach) order in
//! bounded memory, each row checked, since no `quick_check` ran over them.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::Connection;
use rusqlite::types::ValueRef;

use super::{SCHEMA, VERSION, read_breaches, read_meta};
use crate::keys::{KEY_LEN, Key};
use crate::pack::v2::reader::{CACHE_KIB, open_in_place};
use crate::pack::{
    Breach, Deadline, PackError, PackMeta, PackProblem, QUERY_BUDGET, check_header, check_schema,
    harden, read_header, sqlite_problem,
};

/// An open v1 pack, read in place, whose meta and breaches have been checked.
pub struct InPlace {
    path: PathBuf,
    conn: Connection,
    deadline: Deadline,
    size: u64,
    meta: PackMeta,
    breaches: Vec<Breach>,
}

impl std::fmt::Debug for InPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("v1::InPlace")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl InPlace {
    /// Opens the v1 pack at `path` in place and checks its header, schema, meta (the argon2
    /// cost included) and breaches. A pack of another format is refused as
    /// [`PackProblem::UnsupportedVersion`]. Its signature is not read: the caller checks it.
    pub fn open(path: &Path) -> Result<InPlace, PackError> {
        let fail = |problem| PackError::new(path, problem);
        let (file, metadata, header) = read_header(path).map_err(fail)?;
        let version = check_header(&header).map_err(fail)?;
        if version != VERSION {
            return Err(fail(PackProblem::UnsupportedVersion(version.to_string())));
        }
        drop(file);
        let (conn, deadline) = open_in_place(path).map_err(|e| fail(sqlite_problem(&e)))?;
        check_schema(&conn, &SCHEMA).map_err(fail)?;
        // Settings stored in the file itself must not loosen these (as for v2, §5.1 step 2).
        harden(&conn).map_err(|e| fail(sqlite_problem(&e)))?;
        conn.pragma_update(None, "cache_size", -CACHE_KIB)
            .map_err(|e| fail(sqlite_problem(&e)))?;
        deadline.start(QUERY_BUDGET);
        let meta = read_meta(&conn).map_err(fail)?;
        meta.cost.check().map_err(|e| fail(PackProblem::Cost(e)))?;
        let breaches = read_breaches(&conn, &meta).map_err(fail)?;
        Ok(InPlace {
            path: path.to_owned(),
            conn,
            deadline,
            size: metadata.len(),
            meta,
            breaches,
        })
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The pack's meta; `format_version` is 1.
    pub fn meta(&self) -> &PackMeta {
        &self.meta
    }

    /// The breaches, in `id` order.
    pub fn breaches(&self) -> &[Breach] {
        &self.breaches
    }

    /// Hands every entry to `each`, in strictly increasing (key, breach) order, reading the file
    /// once in bounded memory. An entry that is not a 16-byte key, names no breach of the pack,
    /// or comes out of order (a damaged B-tree) refuses the pack before `each` sees it; an error
    /// of `each` stops the scan and is returned.
    pub fn each_entry<E: From<PackError>>(
        &self,
        mut each: impl FnMut(&Key, u32, u64) -> Result<(), E>,
    ) -> Result<(), E> {
        let fail = |problem| E::from(PackError::new(&self.path, problem));
        self.deadline.start(scan_budget(self.size));
        let mut statement = self
            .conn
            .prepare("SELECT key, breach, classes FROM entries ORDER BY key, breach")
            .map_err(|e| fail(sqlite_problem(&e)))?;
        let mut rows = statement.query([]).map_err(|e| fail(sqlite_problem(&e)))?;
        let mut last: Option<(Key, u32)> = None;
        while let Some(row) = rows.next().map_err(|e| fail(sqlite_problem(&e)))? {
            let (key, breach, classes) = entry(row, &self.breaches).map_err(fail)?;
            if last.is_some_and(|last| last >= (key, breach)) {
                return Err(fail(PackProblem::Corrupt));
            }
            last = Some((key, breach));
            each(&key, breach, classes)?;
        }
        Ok(())
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

/// How long the scan of a `size`-byte pack may run, its caller's work on each entry included:
/// a sound pack is read far faster than 1 MB/s, and a hostile one still cannot make it run
/// forever.
fn scan_budget(size: u64) -> Duration {
    Duration::from_secs(60) + Duration::from_millis(size / 1_000)
}

#[cfg(test)]
mod tests;
