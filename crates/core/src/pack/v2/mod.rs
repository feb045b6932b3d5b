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
    mod vectors;
}
