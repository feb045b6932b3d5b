//! Opening a v2 pack in place (docs/pack-format.md §5.1) and looking keys up in it (§5.2).
//!
//! The file is never read whole and never copied: SQLite opens it read-only and immutable, as
//! hardened as v1's in-memory copy. `meta`, `breaches` and the palette are read whole at open
//! (each bounded), hashed with the top node into the root, and the root compared with
//! `meta.root` and, for a trusted signature, with the one its comment binds. A lookup reads one
//! bucket and the nodes above it, and uses nothing of them before their hashes link them to the
//! top node held since the open. SQLite's own pages are not trusted: they only find rows.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use rusqlite::types::ValueRef;
use rusqlite::{Connection, OpenFlags};

use super::SCHEMA;
use super::bucket;
use super::params::{
    HASH_BYTES, KEY_BITS, MAX_BREACHES, MAX_META_ROWS, MAX_PALETTE, PAGE_SIZE, Params, TREE_ARITY,
    node_id, prefix,
};
use super::tree::{self, Domain, Hash, Parts, TableHash};
use crate::keys::{KEY_LEN, Key};
use crate::pack::{
    Body, BreachRow, Deadline, FORMAT_NAME, Hit, Opened, PackMeta, PackProblem, QUERY_BUDGET,
    breach_from_row, check_schema, common_meta, guard, harden, sqlite_problem,
};
use crate::progress::{Phase, Progress};
use crate::trust::{SignatureProblem, TrustedKeys, Verdict, verify_comment};

/// SQLite's page cache for one open pack, in KiB: fixed, whatever the pack's size.
pub(in crate::pack) const CACHE_KIB: i64 = 8192;

/// An open v2 pack: its connection, the parameters and palette read at open, and the verified
/// top node every lookup's hash chain ends at.
pub(in crate::pack) struct Reader {
    conn: Connection,
    deadline: Deadline,
    params: Params,
    /// Each palette code's breach (its `id`), for the order check of a bucket's entries.
    breach_of_code: Vec<u32>,
    /// Each palette code's answer: an index into the pack's breaches, and the classes.
    answers: Vec<Hit>,
    /// Each palette code's count of entries, as the palette states it.
    palette_counts: Vec<u64>,
    top: Vec<u8>,
    root: Hash,
    /// Nodes below the top already linked to it: a lookup's chain stops at the first one.
    cache: RefCell<NodeCache>,
}

/// How many verified nodes a reader keeps: at most 8160 bytes each, so about 1 MiB at most.
const CACHED_NODES: usize = 128;

/// A fixed number of verified nodes, by row id, the oldest evicted first. Whether a node is
/// cached changes which rows a lookup reads, never its answer: a node enters only after its hash
/// chain has reached the top node held since the open.
#[derive(Debug, Default)]
struct NodeCache {
    nodes: std::collections::VecDeque<(i64, Vec<u8>)>,
}

impl NodeCache {
    fn get(&self, id: i64) -> Option<Vec<u8>> {
        self.nodes
            .iter()
            .find(|(cached, _)| *cached == id)
            .map(|(_, hashes)| hashes.clone())
    }

    fn insert(&mut self, id: i64, hashes: Vec<u8>) {
        if self.nodes.iter().any(|(cached, _)| *cached == id) {
            return;
        }
        if self.nodes.len() == CACHED_NODES {
            self.nodes.pop_front();
        }
        self.nodes.push_back((id, hashes));
    }
}

impl fmt::Debug for Reader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("v2::Reader")
            .field("root", &hex::encode(self.root))
            .finish_non_exhaustive()
    }
}

/// Checks the header fields of §4.1 that v1 does not share, and the file's length against the
/// page count, before SQLite reads a page.
pub(in crate::pack) fn check_header(header: &[u8], length: u64) -> Result<(), PackProblem> {
    let u32_at = |at: usize| u32::from_be_bytes(header[at..at + 4].try_into().expect("4 bytes"));
    let sound = u16::from_be_bytes([header[16], header[17]]) as u64 == PAGE_SIZE
        && header[18] == 1
        && header[19] == 1
        && header[20] == 0
        && header[32..40] == [0; 8]
        && u32_at(44) == 4
        && u32_at(52) == 0
        && u32_at(56) == 1
        && u32_at(64) == 0;
    if !sound {
        return Err(PackProblem::BadHeader);
    }
    if header[24..28] != header[92..96] || u64::from(u32_at(28)) * PAGE_SIZE != length {
        return Err(PackProblem::LengthMismatch);
    }
    Ok(())
}

/// Opens the v2 pack at `path`, whose header has been checked, and checks everything an open
/// checks; returns it with its root in hex. With `trusted` keys the signature beside it is
/// checked; without, it is not read (as when the pack is about to be signed anew).
pub(in crate::pack) fn open(
    path: &Path,
    trusted: Option<&TrustedKeys>,
) -> Result<(Opened, String), PackProblem> {
    let verdict = match trusted {
        Some(trusted) => verify_comment(path, trusted).map_err(PackProblem::Signature)?,
        None => Verdict::Unsigned,
    };
    let (conn, deadline) = open_in_place(path).map_err(|e| sqlite_problem(&e))?;
    check_schema(&conn, &SCHEMA)?;
    // Settings stored in the database file itself must not loosen these; the page cache's size
    // is set once the schema is read, as SQLite reads the schema to set it.
    harden(&conn).map_err(|e| sqlite_problem(&e))?;
    conn.pragma_update(None, "cache_size", -CACHE_KIB)
        .map_err(|e| sqlite_problem(&e))?;
    deadline.start(QUERY_BUDGET);
    let (meta, stored_root, meta_hash) = read_meta(&conn)?;
    let (breaches, breaches_hash) = read_breaches(&conn, &meta)?;
    let (palette, palette_hash) = read_palette(&conn, &meta, &breaches)?;
    let counts: Vec<u64> = palette.iter().map(|pair| pair.entries).collect();
    let params =
        Params::new(meta.entry_count, &counts).ok_or(PackProblem::BadMeta("bucket_bits"))?;
    check_params(&params, &meta_numbers(&conn)?)?;
    let levels = params.tree_levels();
    let top = read_node(&conn, &params, levels, 0)?;
    let root = Parts {
        meta: meta_hash,
        breaches: breaches_hash,
        palette: palette_hash,
        top: tree::node(levels, 0, &top),
    }
    .root();
    let root_hex = hex::encode(root);
    // A pack whose trusted signature binds another root was changed after it was signed: said
    // so before the plainer "damaged", which is all an unsigned pack's own root can tell.
    if let Verdict::Trusted { binding, .. } = &verdict
        && binding
            .root
            .as_ref()
            .is_some_and(|bound| *bound != root_hex)
        && binding.id == meta.id
        && binding.created == meta.created
    {
        return Err(PackProblem::Signature(SignatureProblem::Invalid));
    }
    if root_hex != stored_root {
        return Err(PackProblem::RootMismatch);
    }
    let answers = palette
        .iter()
        .map(|pair| Hit {
            breach: breaches
                .binary_search_by_key(&pair.breach, |breach| breach.index)
                .expect("the palette's breaches were checked"),
            classes: pair.classes,
        })
        .collect();
    let reader = Reader {
        conn,
        deadline,
        params,
        breach_of_code: palette.iter().map(|pair| pair.breach).collect(),
        answers,
        palette_counts: counts,
        top,
        root,
        cache: RefCell::default(),
    };
    Ok((
        Opened {
            body: Body::V2(reader),
            meta,
            breaches,
            verdict,
        },
        root_hex,
    ))
}

/// `file:PATH?mode=ro&immutable=1`, the path percent-encoded: read-only, no lock taken, no
/// journal looked for, nothing created beside the pack.
fn uri(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = without_verbatim_prefix(path)
        .to_string_lossy()
        .replace('\\', "/")
        .into_bytes();
    // An absolute path gets an empty authority (`file://` then the path), so that a path that
    // starts with two slashes is not read as a host name.
    let mut uri = String::from(match (path.is_absolute(), cfg!(unix)) {
        (false, _) => "file:",
        (true, true) => "file://",
        (true, false) => "file:///",
    });
    for byte in bytes {
        if byte.is_ascii_alphanumeric() || b"-._~/:".contains(&byte) {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

/// `C:\…` for `\\?\C:\…`, the verbatim form `canonicalize` gives on Windows: SQLite turns the
/// URI's slashes back into backslashes, and a verbatim path takes no slash.
#[cfg(not(unix))]
fn without_verbatim_prefix(path: &Path) -> std::borrow::Cow<'_, Path> {
    use std::path::{Component, Prefix};
    let mut components = path.components();
    match components.next() {
        Some(Component::Prefix(prefix)) => match prefix.kind() {
            Prefix::VerbatimDisk(drive) => {
                let mut plain = std::path::PathBuf::from(format!("{}:", char::from(drive)));
                plain.push(components.as_path());
                std::borrow::Cow::Owned(plain)
            }
            _ => std::borrow::Cow::Borrowed(path),
        },
        _ => std::borrow::Cow::Borrowed(path),
    }
}

/// The pack's file, opened in place and hardened before SQLite parses a byte of its schema. A v1
/// pack read for its upgrade is opened so too (§6.3).
pub(in crate::pack) fn open_in_place(path: &Path) -> rusqlite::Result<(Connection, Deadline)> {
    let conn = Connection::open_with_flags(
        uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_URI
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    let deadline = guard(&conn)?;
    conn.pragma_update(None, "mmap_size", 0)?;
    Ok((conn, deadline))
}

/// A TEXT value's string; any other storage class, or bytes that are not UTF-8, refuse `table`.
fn text<'a>(value: ValueRef<'a>, table: &'static str) -> Result<&'a str, PackProblem> {
    match value {
        ValueRef::Text(bytes) => {
            std::str::from_utf8(bytes).map_err(|_| PackProblem::BadValue(table))
        }
        _ => Err(PackProblem::BadValue(table)),
    }
}

fn integer(value: ValueRef<'_>, table: &'static str) -> Result<i64, PackProblem> {
    match value {
        ValueRef::Integer(integer) => Ok(integer),
        _ => Err(PackProblem::BadValue(table)),
    }
}

/// Hashes a value read from the pack; a REAL one refuses `table`.
fn hash(
    table_hash: &mut TableHash,
    value: ValueRef<'_>,
    table: &'static str,
) -> Result<(), PackProblem> {
    table_hash
        .push(value)
        .map_err(|_| PackProblem::BadValue(table))
}

/// Runs `sql` (which selects at most `bound + 1` rows) and hands each row to `each`; more than
/// `bound` rows refuse `table`, found after reading one row past the bound, never the whole table.
fn each_row(
    conn: &Connection,
    sql: &str,
    table: &'static str,
    bound: usize,
    mut each: impl FnMut(&rusqlite::Row<'_>) -> Result<(), PackProblem>,
) -> Result<(), PackProblem> {
    let mut statement = conn.prepare(sql).map_err(|e| sqlite_problem(&e))?;
    let mut rows = statement.query([]).map_err(|e| sqlite_problem(&e))?;
    let mut count = 0;
    while let Some(row) = rows.next().map_err(|e| sqlite_problem(&e))? {
        count += 1;
        if count > bound {
            return Err(PackProblem::TooManyRows(table));
        }
        each(row)?;
    }
    Ok(())
}

fn value<'a>(row: &'a rusqlite::Row<'_>, column: usize) -> Result<ValueRef<'a>, PackProblem> {
    row.get_ref(column).map_err(|e| sqlite_problem(&e))
}

/// The meta of a v2 pack, its stored root, and the hash of its other rows.
fn read_meta(conn: &Connection) -> Result<(PackMeta, String, Hash), PackProblem> {
    let mut rows: BTreeMap<String, String> = BTreeMap::new();
    let mut meta_hash = TableHash::new(Domain::Meta);
    let sql = format!(
        "SELECT key, value FROM meta ORDER BY key LIMIT {}",
        MAX_META_ROWS + 1
    );
    each_row(conn, &sql, "meta", MAX_META_ROWS, |row| {
        let key = text(value(row, 0)?, "meta")?;
        let text_value = text(value(row, 1)?, "meta")?;
        // Keys in strictly increasing byte order, as the hash takes them: a damaged B-tree that
        // repeats or reorders rows is refused here.
        if rows
            .last_key_value()
            .is_some_and(|(last, _)| last.as_str() >= key)
        {
            return Err(PackProblem::Corrupt);
        }
        if key != "root" {
            hash(&mut meta_hash, value(row, 0)?, "meta")?;
            hash(&mut meta_hash, value(row, 1)?, "meta")?;
        }
        rows.insert(key.to_owned(), text_value.to_owned());
        Ok(())
    })?;
    if rows.get("format").map(String::as_str) != Some(FORMAT_NAME) {
        return Err(PackProblem::NotAPack);
    }
    let version = rows
        .get("format_version")
        .ok_or(PackProblem::BadMeta("format_version"))?;
    if version != "2" {
        return Err(PackProblem::UnsupportedVersion(version.clone()));
    }
    for field in NUMBERS {
        let spelled = rows.get(field).ok_or(PackProblem::BadMeta(field))?;
        if !canonical_number(spelled) {
            return Err(PackProblem::BadMeta(field));
        }
    }
    for (field, expected) in [("key_bits", KEY_BITS as u64), ("tree_arity", TREE_ARITY)] {
        if rows[field] != expected.to_string() {
            return Err(PackProblem::BadMeta(field));
        }
    }
    for field in ["demo", "synthetic"] {
        if !matches!(rows.get(field).map(String::as_str), Some("true" | "false")) {
            return Err(PackProblem::BadMeta(field));
        }
    }
    for field in ["generator", "curator", "title", "created", "id"] {
        rows.get(field).ok_or(PackProblem::BadMeta(field))?;
    }
    let root = rows
        .get("root")
        .ok_or(PackProblem::BadMeta("root"))?
        .clone();
    if root.len() != 2 * HASH_BYTES || !root.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'))
    {
        return Err(PackProblem::BadMeta("root"));
    }
    let meta = common_meta(&rows, 2)?;
    Ok((meta, root, meta_hash.finish()))
}

/// The meta keys whose values are numbers: decimal, no sign, no leading zero, no space.
const NUMBERS: [&str; 13] = [
    "argon2_m",
    "argon2_t",
    "argon2_p",
    "key_length",
    "key_bits",
    "entry_count",
    "bucket_bits",
    "rice_k",
    "palette_size",
    "code_rice",
    "tree_arity",
    "tree_levels",
    "normalization",
];

fn canonical_number(text: &str) -> bool {
    !text.is_empty()
        && text.len() <= 20
        && text.bytes().all(|b| b.is_ascii_digit())
        && (text == "0" || !text.starts_with('0'))
        && text.parse::<u64>().is_ok()
}

/// The parameters `meta` states, read again (they are not part of [`PackMeta`]).
fn meta_numbers(conn: &Connection) -> Result<BTreeMap<String, u64>, PackProblem> {
    let mut numbers = BTreeMap::new();
    each_row(
        conn,
        "SELECT key, value FROM meta WHERE key IN \
         ('bucket_bits', 'rice_k', 'palette_size', 'code_rice', 'tree_levels') LIMIT 6",
        "meta",
        5,
        |row| {
            let key = text(value(row, 0)?, "meta")?;
            let number = text(value(row, 1)?, "meta")?
                .parse()
                .map_err(|_| PackProblem::Corrupt)?;
            numbers.insert(key.to_owned(), number);
            Ok(())
        },
    )?;
    Ok(numbers)
}

/// Refuses a pack whose stated parameters differ from those its entry count and palette give.
fn check_params(params: &Params, stated: &BTreeMap<String, u64>) -> Result<(), PackProblem> {
    for (field, computed) in [
        ("bucket_bits", u64::from(params.bucket_bits)),
        ("rice_k", u64::from(params.rice_k)),
        ("palette_size", params.palette_size as u64),
        ("code_rice", u64::from(params.code_rice)),
        ("tree_levels", u64::from(params.tree_levels())),
    ] {
        if stated.get(field) != Some(&computed) {
            return Err(PackProblem::BadMeta(field));
        }
    }
    Ok(())
}

fn read_breaches(
    conn: &Connection,
    meta: &PackMeta,
) -> Result<(Vec<crate::pack::Breach>, Hash), PackProblem> {
    const TABLE: &str = "breaches";
    let mut breaches = Vec::new();
    let mut table_hash = TableHash::new(Domain::Breaches);
    let sql = format!(
        "SELECT id, slug, title, description, date, record_count, data_classes, verified, sensitive \
         FROM breaches ORDER BY id LIMIT {}",
        MAX_BREACHES + 1
    );
    each_row(conn, &sql, TABLE, MAX_BREACHES, |row| {
        for column in 0..9 {
            hash(&mut table_hash, value(row, column)?, TABLE)?;
        }
        let flag = |column| match integer(value(row, column)?, TABLE)? {
            0 => Ok(false),
            1 => Ok(true),
            _ => Err(PackProblem::BadValue(TABLE)),
        };
        let date = match value(row, 4)? {
            ValueRef::Null => None,
            date => Some(text(date, TABLE)?.to_owned()),
        };
        let breach = breach_from_row(
            BreachRow {
                id: integer(value(row, 0)?, TABLE)?,
                slug: text(value(row, 1)?, TABLE)?.to_owned(),
                title: text(value(row, 2)?, TABLE)?.to_owned(),
                description: text(value(row, 3)?, TABLE)?.to_owned(),
                date,
                record_count: integer(value(row, 5)?, TABLE)?,
                data_classes: text(value(row, 6)?, TABLE)?.to_owned(),
                verified: flag(7)?,
                sensitive: flag(8)?,
            },
            meta,
        )?;
        // Ids strictly increasing: the palette looks breaches up by id.
        if breaches
            .last()
            .is_some_and(|last: &crate::pack::Breach| last.index >= breach.index)
        {
            return Err(PackProblem::Corrupt);
        }
        breaches.push(breach);
        Ok(())
    })?;
    Ok((breaches, table_hash.finish()))
}

/// One row of the palette.
struct Pair {
    breach: u32,
    classes: u64,
    entries: u64,
}

/// The palette, with every check of §4.5.
fn read_palette(
    conn: &Connection,
    meta: &PackMeta,
    breaches: &[crate::pack::Breach],
) -> Result<(Vec<Pair>, Hash), PackProblem> {
    const TABLE: &str = "palette";
    let mut palette: Vec<Pair> = Vec::new();
    let mut table_hash = TableHash::new(Domain::Palette);
    let classes = meta.classes.ids().len();
    let class_bits = if classes >= 64 {
        u64::MAX
    } else {
        (1u64 << classes) - 1
    };
    let sql = format!(
        "SELECT code, breach, classes, entries FROM palette ORDER BY code LIMIT {}",
        MAX_PALETTE + 1
    );
    let mut total = 0u128;
    each_row(conn, &sql, TABLE, MAX_PALETTE, |row| {
        let mut numbers = [0i64; 4];
        for (column, number) in numbers.iter_mut().enumerate() {
            let cell = value(row, column)?;
            hash(&mut table_hash, cell, TABLE)?;
            *number = integer(cell, TABLE)?;
        }
        let [code, breach, classes, entries] = numbers;
        let pair = Pair {
            breach: u32::try_from(breach).map_err(|_| PackProblem::BadPalette)?,
            classes: classes as u64,
            entries: u64::try_from(entries).map_err(|_| PackProblem::BadPalette)?,
        };
        let in_order = palette.last().is_none_or(|last| {
            (std::cmp::Reverse(last.entries), last.breach, last.classes)
                < (std::cmp::Reverse(pair.entries), pair.breach, pair.classes)
        });
        if code != palette.len() as i64
            || !in_order
            || pair.entries == 0
            || pair.classes & !class_bits != 0
            || breaches
                .binary_search_by_key(&pair.breach, |breach| breach.index)
                .is_err()
        {
            return Err(PackProblem::BadPalette);
        }
        total += u128::from(pair.entries);
        palette.push(pair);
        Ok(())
    })?;
    if total != u128::from(meta.entry_count) {
        return Err(PackProblem::BadPalette);
    }
    Ok((palette, table_hash.finish()))
}

/// Node `index` of `level`: present, a BLOB, exactly one hash per child. Not yet verified.
fn read_node(
    conn: &Connection,
    params: &Params,
    level: u32,
    index: u64,
) -> Result<Vec<u8>, PackProblem> {
    let mut statement = conn
        .prepare_cached("SELECT hashes FROM nodes WHERE id = ?1")
        .map_err(|e| sqlite_problem(&e))?;
    let mut rows = statement
        .query([node_id(level, index)])
        .map_err(|e| sqlite_problem(&e))?;
    let row = rows
        .next()
        .map_err(|e| sqlite_problem(&e))?
        .ok_or(PackProblem::Damaged)?;
    match value(row, 0)? {
        ValueRef::Blob(hashes)
            if hashes.len() as u64 == HASH_BYTES as u64 * params.children(level, index) =>
        {
            Ok(hashes.to_vec())
        }
        _ => Err(PackProblem::Damaged),
    }
}

/// Buckets a full verification reads under one deadline: a hostile file cannot make the scan
/// hang, and a sound pack's slowest device reads this many in far less than the budget.
const BUCKETS_PER_DEADLINE: u64 = 1024;

impl Reader {
    /// Checks every bucket and node of the pack in one scan (docs/pack-format.md §5.3, steps 3
    /// to 5): ids dense, every bucket decoded, every node equal to its children's hashes, the
    /// count of entries per palette code equal to the palette's. `progress` hears the buckets
    /// done out of all of them. Memory: one bucket, one node per level, the counts per code.
    pub(in crate::pack) fn verify_all(&self, progress: &dyn Progress) -> Result<(), PackProblem> {
        let sqlite = |e: rusqlite::Error| sqlite_problem(&e);
        let buckets = self.params.buckets();
        let mut counts = vec![0u64; self.params.palette_size];
        let mut statement = self
            .conn
            .prepare("SELECT id, data FROM buckets ORDER BY id")
            .map_err(sqlite)?;
        let mut rows = statement.query([]).map_err(sqlite)?;
        let mut children: Vec<u8> = Vec::new();
        let mut malformed = false;
        progress.start(Phase::Scanning, buckets);
        for index in 0..buckets {
            if index % BUCKETS_PER_DEADLINE == 0 {
                self.deadline.start(QUERY_BUDGET);
                progress.update(index, 0);
            }
            let row = rows.next().map_err(sqlite)?.ok_or(PackProblem::Damaged)?;
            if integer(value(row, 0)?, "buckets")? != index as i64 {
                return Err(PackProblem::Damaged);
            }
            let ValueRef::Blob(blob) = value(row, 1)? else {
                return Err(PackProblem::BadBucket);
            };
            // A bucket that does not decode is reported once its node has matched: a changed
            // bucket is damage, a consistently hashed one that does not decode is malformed.
            match bucket::decode(&self.params, &self.breach_of_code, blob) {
                Ok(slots) => slots
                    .into_iter()
                    .for_each(|(_, code)| counts[code as usize] += 1),
                Err(_) => malformed = true,
            }
            children.extend_from_slice(&tree::leaf(index, blob));
            if index % TREE_ARITY == TREE_ARITY - 1 || index == buckets - 1 {
                self.check_node(1, index / TREE_ARITY, &children)?;
                if malformed {
                    return Err(PackProblem::BadBucket);
                }
                children.clear();
            }
        }
        if rows.next().map_err(sqlite)?.is_some() {
            return Err(PackProblem::Damaged);
        }
        progress.update(buckets, 0);
        progress.finish(Phase::Scanning);
        for level in 2..=self.params.tree_levels() {
            self.deadline.start(QUERY_BUDGET);
            let count = self.params.levels[level as usize - 1];
            for index in 0..count {
                let hashes = read_node(&self.conn, &self.params, level - 1, index)?;
                children.extend_from_slice(&tree::node(level - 1, index, &hashes));
                if index % TREE_ARITY == TREE_ARITY - 1 || index == count - 1 {
                    self.check_node(level, index / TREE_ARITY, &children)?;
                    children.clear();
                }
            }
        }
        self.deadline.start(QUERY_BUDGET);
        let stored: i64 = self
            .conn
            .query_row("SELECT count(*) FROM nodes", [], |row| row.get(0))
            .map_err(sqlite)?;
        if stored as u64 != self.params.levels[1..].iter().sum::<u64>() {
            return Err(PackProblem::Damaged);
        }
        if counts != self.palette_counts {
            return Err(PackProblem::BadPalette);
        }
        Ok(())
    }

    /// Refuses unless node `index` of `level` holds exactly `children`, the recomputed hashes.
    fn check_node(&self, level: u32, index: u64, children: &[u8]) -> Result<(), PackProblem> {
        if read_node(&self.conn, &self.params, level, index)? != children {
            return Err(PackProblem::Damaged);
        }
        Ok(())
    }

    /// The pack's root: its identity.
    pub(in crate::pack) fn root(&self) -> &Hash {
        &self.root
    }

    /// The entries under `key`, in breach order, from its bucket once the bucket's hash chain
    /// has reached the top node.
    pub(in crate::pack) fn lookup(&self, key: &Key) -> Result<Vec<Hit>, PackProblem> {
        self.deadline.start(QUERY_BUDGET);
        let (index, suffix) = self.params.locate(prefix(key));
        let blob = self.verified_bucket(index)?;
        let slots = bucket::decode(&self.params, &self.breach_of_code, &blob)
            .map_err(|_| PackProblem::BadBucket)?;
        Ok(slots
            .into_iter()
            .filter(|(stored, _)| *stored == suffix)
            .map(|(_, code)| self.answers[code as usize])
            .collect())
    }

    /// Every entry of bucket `index`, in (key, breach) order, once the bucket's hash chain has
    /// reached the top node; keys rebuilt from their 72-bit prefix, zero-padded.
    fn bucket_entries(&self, index: u64) -> Result<Vec<(Key, u32, u64)>, PackProblem> {
        self.deadline.start(QUERY_BUDGET);
        let blob = self.verified_bucket(index)?;
        let slots = bucket::decode(&self.params, &self.breach_of_code, &blob)
            .map_err(|_| PackProblem::BadBucket)?;
        Ok(slots
            .into_iter()
            .map(|(suffix, code)| {
                let prefix = (u128::from(index) << self.params.suffix_bits) | suffix;
                let mut key = Key([0; KEY_LEN]);
                key.0[..PREFIX_BYTES].copy_from_slice(&prefix.to_be_bytes()[16 - PREFIX_BYTES..]);
                let code = code as usize;
                (key, self.breach_of_code[code], self.answers[code].classes)
            })
            .collect())
    }

    /// Bucket `index`'s BLOB, linked by its hash chain to the top node.
    fn verified_bucket(&self, index: u64) -> Result<Vec<u8>, PackProblem> {
        let mut statement = self
            .conn
            .prepare_cached("SELECT data FROM buckets WHERE id = ?1")
            .map_err(|e| sqlite_problem(&e))?;
        let mut rows = statement
            .query([index as i64])
            .map_err(|e| sqlite_problem(&e))?;
        // Buckets are dense: no row is damage, never a miss.
        let row = rows
            .next()
            .map_err(|e| sqlite_problem(&e))?
            .ok_or(PackProblem::Damaged)?;
        // A leaf hashes the bytes alone, so a TEXT value of the same bytes is refused here.
        let ValueRef::Blob(blob) = value(row, 0)? else {
            return Err(PackProblem::BadBucket);
        };
        let blob = blob.to_vec();
        let mut hash = tree::leaf(index, &blob);
        let mut child = index;
        let levels = self.params.tree_levels();
        // Nodes read on the way up, verified only once the chain reaches a verified node.
        let mut read: Vec<(i64, Vec<u8>)> = Vec::new();
        for level in 1..=levels {
            let (node, slot) = (child / TREE_ARITY, (child % TREE_ARITY) as usize);
            let id = node_id(level, node);
            let cached = self.cache.borrow().get(id);
            let (hashes, verified) = match cached {
                _ if level == levels => (self.top.clone(), true),
                Some(hashes) => (hashes, true),
                None => (read_node(&self.conn, &self.params, level, node)?, false),
            };
            if hashes.get(slot * HASH_BYTES..(slot + 1) * HASH_BYTES) != Some(&hash[..]) {
                return Err(PackProblem::Damaged);
            }
            if verified {
                break;
            }
            hash = tree::node(level, node, &hashes);
            read.push((id, hashes));
            child = node;
        }
        let mut cache = self.cache.borrow_mut();
        for (id, hashes) in read {
            cache.insert(id, hashes);
        }
        Ok(blob)
    }
}

/// Bytes of a key that a v2 pack keeps: its 72-bit prefix.
const PREFIX_BYTES: usize = KEY_BITS as usize / 8;

/// A v2 pack's entries in (key, breach) order, one bucket in memory at a time, each bucket
/// verified against the hash tree as a lookup verifies it before any of its entries is given.
/// After an error it ends.
pub(in crate::pack) struct Entries<'a> {
    reader: &'a Reader,
    next_bucket: u64,
    /// The current bucket's entries not yet given, the next one last.
    pending: Vec<(Key, u32, u64)>,
    failed: bool,
}

impl<'a> Entries<'a> {
    pub(in crate::pack) fn new(reader: &'a Reader) -> Entries<'a> {
        Entries {
            reader,
            next_bucket: 0,
            pending: Vec::new(),
            failed: false,
        }
    }
}

impl Iterator for Entries<'_> {
    type Item = Result<(Key, u32, u64), PackProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        while self.pending.is_empty() {
            if self.failed || self.next_bucket == self.reader.params.buckets() {
                return None;
            }
            match self.reader.bucket_entries(self.next_bucket) {
                Ok(mut entries) => {
                    entries.reverse();
                    self.pending = entries;
                    self.next_bucket += 1;
                }
                Err(problem) => {
                    self.failed = true;
                    return Some(Err(problem));
                }
            }
        }
        self.pending.pop().map(Ok)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_node_cache_keeps_a_fixed_number_and_evicts_the_oldest() {
        let mut cache = NodeCache::default();
        for id in 0..=CACHED_NODES as i64 {
            cache.insert(id, vec![id as u8]);
        }
        assert_eq!(cache.nodes.len(), CACHED_NODES);
        assert_eq!(cache.get(0), None);
        assert_eq!(cache.get(1), Some(vec![1]));
        cache.insert(1, vec![9]);
        assert_eq!(cache.get(1), Some(vec![1]), "a node is cached once");
    }
}
