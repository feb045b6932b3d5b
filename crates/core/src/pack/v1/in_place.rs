//! A v1 pack read in place, for its upgrade to v2 (docs/pack-format.md §6.3): opened as a v2 pack
//! is (read-only, immutable, hardened before SQLite parses its schema), with v1's header, schema
//! and meta checks, and never read whole, so that a v1 pack larger than v1's in-memory reader
//! ever opened (2 GiB) can still be upgraded. Its entries are streamed in (key, breach) order in
//! bounded memory, each row checked, since no `quick_check` ran over them.

use std::path::{Path, PathBuf};

use rusqlite::Connection;

use super::{EntryPages, SCHEMA, VERSION, read_breaches, read_meta};
use crate::keys::Key;
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
        let (file, _, header) = read_header(path).map_err(fail)?;
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

    /// Every entry, in strictly increasing (key, breach) order, a page at a time in bounded
    /// memory: as often as the caller asks (an upgrade reads them twice). An entry that is not a
    /// 16-byte key, names no breach of the pack, or comes out of order (a damaged B-tree) refuses
    /// the pack before the caller sees it; the entries end after the first error.
    pub fn entries(&self) -> impl Iterator<Item = Result<(Key, u32, u64), PackError>> + '_ {
        EntryPages::new(&self.conn, &self.deadline, &self.breaches)
            .map(|entry| entry.map_err(|problem| PackError::new(&self.path, problem)))
    }
}

#[cfg(test)]
mod tests;
