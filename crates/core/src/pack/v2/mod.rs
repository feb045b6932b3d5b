//! Pack format v2 (docs/pack-format.md §3 to §6): one SQLite file opened in place, its entries
//! in Rice-coded buckets under a BLAKE2b hash tree, every read verified against a root that the
//! signature's trusted comment binds.

pub mod bucket;
pub mod params;
pub(super) mod reader;
pub mod rice;
pub mod tree;
pub mod writer;

pub use writer::Writer;

#[cfg(any(test, feature = "reseal"))]
use std::path::Path;

#[cfg(any(test, feature = "reseal"))]
use rusqlite::Connection;

/// Recomputes and stores `meta.root` of the v2 pack at `path` after its `meta`, `breaches` or
/// `palette` were edited in place: what anyone can do to an unsigned pack (which is why only a
/// signature makes a root worth trusting), so that tests of hostile content make packs whose
/// root holds. For tests only: behind the cargo feature `reseal`, which only dev-dependencies
/// enable.
#[cfg(any(test, feature = "reseal"))]
pub fn reseal(path: &Path) -> rusqlite::Result<()> {
    use tree::{Domain, Parts, TableHash};
    let conn = Connection::open(path)?;
    let table = |domain, sql: &str| -> rusqlite::Result<tree::Hash> {
        let mut hash = TableHash::new(domain);
        let mut statement = conn.prepare(sql)?;
        let columns = statement.column_count();
        let mut rows = statement.query([])?;
        while let Some(row) = rows.next()? {
            for column in 0..columns {
                hash.push(row.get_ref(column)?)
                    .map_err(|_| rusqlite::Error::InvalidQuery)?;
            }
        }
        Ok(hash.finish())
    };
    let levels: u32 = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'tree_levels'",
            [],
            |row| row.get::<_, String>(0),
        )?
        .parse()
        .map_err(|_| rusqlite::Error::InvalidQuery)?;
    let top: Vec<u8> = conn.query_row(
        "SELECT hashes FROM nodes WHERE id = ?1",
        [params::node_id(levels, 0)],
        |row| row.get(0),
    )?;
    let root = Parts {
        meta: table(
            Domain::Meta,
            "SELECT key, value FROM meta WHERE key != 'root' ORDER BY key",
        )?,
        breaches: table(Domain::Breaches, "SELECT * FROM breaches ORDER BY id")?,
        palette: table(Domain::Palette, "SELECT * FROM palette ORDER BY code")?,
        top: tree::node(levels, 0, &top),
    }
    .root();
    conn.execute(
        "UPDATE meta SET value = ?1 WHERE key = 'root'",
        [hex::encode(root)],
    )?;
    Ok(())
}

/// The tables of a v2 pack, sorted by name as `sqlite_schema` lists them (§4.2).
pub(super) const SCHEMA: [(&str, &str); 5] = [
    (
        "breaches",
        "CREATE TABLE breaches (id INTEGER PRIMARY KEY, slug TEXT NOT NULL, title TEXT NOT NULL, \
         description TEXT NOT NULL, date TEXT, record_count INTEGER NOT NULL, data_classes TEXT NOT NULL, \
         verified INTEGER NOT NULL, sensitive INTEGER NOT NULL)",
    ),
    (
        "buckets",
        "CREATE TABLE buckets (id INTEGER PRIMARY KEY, data BLOB NOT NULL)",
    ),
    (
        "meta",
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID",
    ),
    (
        "nodes",
        "CREATE TABLE nodes (id INTEGER PRIMARY KEY, hashes BLOB NOT NULL)",
    ),
    (
        "palette",
        "CREATE TABLE palette (code INTEGER PRIMARY KEY, breach INTEGER NOT NULL, \
         classes INTEGER NOT NULL, entries INTEGER NOT NULL)",
    ),
];

/// The order in which the writer creates the tables (§6.2): their root pages are 2 to 6.
const TABLE_ORDER: [&str; 5] = ["meta", "breaches", "palette", "buckets", "nodes"];

#[cfg(test)]
mod tests {
    mod hostile;
    mod open;
    mod vectors;
}
