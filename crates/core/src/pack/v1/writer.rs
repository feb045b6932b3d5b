//! The v1 writer, for tests and fixtures that need a v1 pack (feature `v1-writer`).

use std::fmt;
use std::path::{Path, PathBuf};

use rusqlite::{Connection, params};

use super::{SCHEMA, VERSION};
use crate::keys::{KEY_LEN, Key};
use crate::pack::{
    APPLICATION_ID, Bounds, Breach, FORMAT_NAME, PackError, PackMeta, PackProblem, write_problem,
};

/// Writes a new pack. Entries must arrive sorted by (key, breach): the table is a B-tree on that
/// order, and appending in order packs its pages full.
pub struct Writer {
    path: PathBuf,
    conn: Connection,
    entries: u64,
    last: Option<(Key, u32)>,
    bounds: Bounds,
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
        let mut writer = Writer {
            path: path.to_owned(),
            conn,
            entries: 0,
            last: None,
            bounds: Bounds::new(meta, breaches),
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
        if !self.bounds.admit(breach, classes) {
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
