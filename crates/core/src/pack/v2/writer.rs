//! The v2 writer (docs/pack-format.md §6). Entries arrive sorted by (key, breach); `n` and the
//! palette must be known before the first bucket is written and are known only after the last
//! entry (§6.1). [`Writer`] takes entries one at a time, spools the final entries (§4.4: 72-bit
//! prefix, breach, classes, merged) to a temporary file beside the output, counted on the way,
//! and reads them back once to write the file in the exact sequence of §6.2;
//! [`Writer::write_from`] reads entries that can be produced twice (regenerated, or read again
//! from a pack) in two passes instead, with no temporary file. Both write the same bytes. Memory
//! holds the palette's counts, one bucket and one node per level, whatever the number of entries.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use rusqlite::types::ValueRef;
use rusqlite::{Connection, params};
use tempfile::NamedTempFile;

use super::bucket::{self, Slot};
use super::params::{
    KEY_BITS, MAX_PALETTE, PAGE_SIZE, Params, TREE_ARITY, USER_VERSION, node_id, prefix,
};
use super::tree::{self, Domain, Parts, TableHash};
use super::{SCHEMA, TABLE_ORDER};
use crate::keys::{KEY_LEN, Key};
use crate::pack::{
    APPLICATION_ID, Bounds, Breach, FORMAT_NAME, PackError, PackMeta, PackProblem, write_problem,
};

/// Bytes of one spooled entry: the 9-byte prefix, the breach (u32) and the classes (u64).
const RECORD_BYTES: usize = 9 + 4 + 8;

/// The entries of one 72-bit prefix being gathered: the prefix, and (breach, classes) pairs.
type Group = ([u8; 9], Vec<(u32, u64)>);

/// Writes a new v2 pack. Entries must arrive sorted by (key, breach).
pub struct Writer {
    path: PathBuf,
    conn: Connection,
    meta: PackMeta,
    breaches: Vec<Breach>,
    spool: BufWriter<NamedTempFile>,
    /// Triples pushed.
    pushed: u64,
    /// Final entries spooled.
    spooled: u64,
    /// Entries per (breach, classes) pair: the palette.
    counts: HashMap<(u32, u64), u64>,
    grouper: Grouper,
    last: Option<(Key, u32)>,
    bounds: Bounds,
}

impl fmt::Debug for Writer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("v2::Writer")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Writer {
    /// Starts a pack at `path`, a new or empty file (normally a temporary file that the builder
    /// renames once the pack is complete). `meta.entry_count` and `meta.format_version` are
    /// ignored: the writer counts, and writes format 2.
    pub fn create(path: &Path, meta: &PackMeta, breaches: &[Breach]) -> Result<Writer, PackError> {
        let io = |e: std::io::Error| PackError::new(path, PackProblem::Write(e.into()));
        let conn = Connection::open(path).map_err(|e| PackError::new(path, write_problem(&e)))?;
        let directory = match path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        let spool = tempfile::Builder::new()
            .prefix(".exposure-spool-")
            .tempfile_in(directory)
            .map_err(io)?;
        let mut breaches = breaches.to_vec();
        breaches.sort_by_key(|breach| breach.index);
        Ok(Writer {
            path: path.to_owned(),
            conn,
            meta: meta.clone(),
            bounds: Bounds::new(meta, &breaches),
            breaches,
            spool: BufWriter::new(spool),
            pushed: 0,
            spooled: 0,
            counts: HashMap::new(),
            grouper: Grouper::default(),
            last: None,
        })
    }

    fn fail(&self, problem: PackProblem) -> PackError {
        PackError::new(&self.path, problem)
    }

    /// Adds one triple. Refuses an entry naming a breach or a data class the pack does not have:
    /// every reader would refuse the pack at the first hit on it, so none is ever written.
    pub fn push(&mut self, key: &Key, breach: u32, classes: u64) -> Result<(), PackError> {
        if !self.bounds.admit(breach, classes) {
            return Err(self.fail(PackProblem::EntryOutOfRange));
        }
        debug_assert!(
            self.last.is_none_or(|last| last < (*key, breach)),
            "entries out of order"
        );
        self.last = Some((*key, breach));
        self.pushed += 1;
        match self.grouper.add(key, breach, classes) {
            Some(group) => self.spool_group(group),
            None => Ok(()),
        }
    }

    /// Triples pushed so far.
    pub fn entries(&self) -> u64 {
        self.pushed
    }

    /// Spools the final entries of one prefix and counts their pairs.
    fn spool_group(&mut self, (head, pairs): Group) -> Result<(), PackError> {
        for (breach, classes) in pairs {
            count_pair(&mut self.counts, (breach, classes))
                .map_err(|()| PackError::new(&self.path, PackProblem::WriterLimit))?;
            let mut record = [0u8; RECORD_BYTES];
            record[..9].copy_from_slice(&head);
            record[9..13].copy_from_slice(&breach.to_be_bytes());
            record[13..].copy_from_slice(&classes.to_be_bytes());
            self.spool
                .write_all(&record)
                .map_err(|e| PackError::new(&self.path, PackProblem::Write(e.into())))?;
            self.spooled += 1;
        }
        Ok(())
    }

    /// Writes the file from the spooled entries, commits, closes and syncs it to disk. The
    /// temporary file is removed, whatever the outcome.
    pub fn finish(mut self) -> Result<(), PackError> {
        if let Some(group) = self.grouper.finish() {
            self.spool_group(group)?;
        }
        let path = self.path.clone();
        let io = |e: std::io::Error| PackError::new(&path, PackProblem::Write(e.into()));
        let spool = self.spool.into_inner().map_err(|e| io(e.into_error()))?;
        let plan = Plan::new(self.counts, self.spooled)
            .ok_or_else(|| PackError::new(&path, PackProblem::WriterLimit))?;
        let records = BufReader::new(spool.reopen().map_err(io)?);
        let written = write_file(
            &self.conn,
            &self.meta,
            &self.breaches,
            &plan,
            &mut Spooled {
                records,
                plan: &plan,
            },
        );
        written.map_err(|failure| failure.into_error(&path))?;
        close(self.conn, &path)?;
        drop(spool);
        Ok(())
    }

    /// Writes a new pack at `path` (a new or empty file, as for [`Writer::create`]) from the
    /// entries `source` gives, sorted by (key, breach), reading them twice (§6.1): a first pass
    /// counts the entries and the palette, the second writes the file. No temporary file is
    /// made, and the bytes are those [`Writer::push`] and [`Writer::finish`] would write. Each
    /// call of `source` must give the same entries: a second pass that differs refuses the pack
    /// ([`PackProblem::EntriesChanged`]). An error of the source ends the write with that error.
    pub fn write_from<E, I>(
        path: &Path,
        meta: &PackMeta,
        breaches: &[Breach],
        mut source: impl FnMut() -> I,
    ) -> Result<(), E>
    where
        I: Iterator<Item = Result<(Key, u32, u64), E>>,
        E: From<PackError>,
    {
        let fail = |problem| PackError::new(path, problem);
        let mut breaches = breaches.to_vec();
        breaches.sort_by_key(|breach| breach.index);
        let bounds = Bounds::new(meta, &breaches);
        let mut counts = HashMap::new();
        let mut entries = 0u64;
        let mut grouper = Grouper::default();
        let mut count = |(_, pairs): Group| -> Result<(), PackError> {
            for pair in pairs {
                count_pair(&mut counts, pair).map_err(|()| fail(PackProblem::WriterLimit))?;
                entries += 1;
            }
            Ok(())
        };
        for entry in source() {
            let (key, breach, classes) = entry?;
            if !bounds.admit(breach, classes) {
                return Err(fail(PackProblem::EntryOutOfRange).into());
            }
            if let Some(group) = grouper.add(&key, breach, classes) {
                count(group)?;
            }
        }
        if let Some(group) = grouper.finish() {
            count(group)?;
        }
        let plan = Plan::new(counts, entries).ok_or_else(|| fail(PackProblem::WriterLimit))?;
        let conn = Connection::open(path).map_err(|e| fail(write_problem(&e)))?;
        let mut replayed = Replayed {
            source: source(),
            grouper: Grouper::default(),
            ready: None,
            plan: &plan,
            counts: vec![0; plan.palette.len()],
            ended: false,
            error: None,
            last: None,
        };
        let written = write_file(&conn, meta, &breaches, &plan, &mut replayed);
        if let Some(error) = replayed.error {
            return Err(error);
        }
        written.map_err(|failure| failure.into_error(path))?;
        close(conn, path)?;
        Ok(())
    }
}

/// Closes the written file's connection and syncs the file to disk.
fn close(conn: Connection, path: &Path) -> Result<(), PackError> {
    conn.close()
        .map_err(|(_, e)| PackError::new(path, write_problem(&e)))?;
    // With `synchronous = OFF` SQLite does not sync: the pack is renamed into place next.
    // Opened for writing: Windows flushes only a handle that may write.
    std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .and_then(|file| file.sync_all())
        .map_err(|e| PackError::new(path, PackProblem::Write(e.into())))
}

/// Gathers the entries of one 72-bit prefix and merges them by breach (§4.4): entries of one
/// prefix are adjacent in key order but, for two keys sharing it, not in breach order.
#[derive(Debug, Default)]
struct Grouper {
    group: Option<Group>,
}

impl Grouper {
    /// Adds an entry; when it starts a new prefix, returns the previous prefix's final entries.
    fn add(&mut self, key: &Key, breach: u32, classes: u64) -> Option<Group> {
        let head: [u8; 9] = key.0[..9].try_into().expect("a key is 16 bytes");
        match &mut self.group {
            Some((prefix, pairs)) if *prefix == head => {
                match pairs.iter_mut().find(|(known, _)| *known == breach) {
                    Some((_, merged)) => *merged |= classes,
                    None => pairs.push((breach, classes)),
                }
                None
            }
            _ => {
                let finished = self.finish();
                self.group = Some((head, vec![(breach, classes)]));
                finished
            }
        }
    }

    /// The final entries of the prefix gathered so far, in breach order.
    fn finish(&mut self) -> Option<Group> {
        let (head, mut pairs) = self.group.take()?;
        pairs.sort_unstable_by_key(|(breach, _)| *breach);
        Some((head, pairs))
    }
}

/// Counts one final entry of `pair`; refuses a pair beyond the palette's size.
fn count_pair(counts: &mut HashMap<(u32, u64), u64>, pair: (u32, u64)) -> Result<(), ()> {
    let known = counts.len();
    let count = counts.entry(pair).or_insert(0);
    if *count == 0 && known >= MAX_PALETTE {
        return Err(());
    }
    *count += 1;
    Ok(())
}

/// What the first look at every final entry decides: the palette in code order, with its
/// counts, the parameters, and each pair's code.
struct Plan {
    palette: Vec<((u32, u64), u64)>,
    params: Params,
    codes: HashMap<(u32, u64), u32>,
}

impl Plan {
    /// `None` when the entries exceed what format v2 holds.
    fn new(counts: HashMap<(u32, u64), u64>, entries: u64) -> Option<Plan> {
        let mut palette: Vec<((u32, u64), u64)> = counts.into_iter().collect();
        palette.sort_unstable_by_key(|&((breach, classes), count)| {
            (std::cmp::Reverse(count), breach, classes)
        });
        let counts: Vec<u64> = palette.iter().map(|(_, count)| *count).collect();
        let params = Params::new(entries, &counts)?;
        let codes = palette
            .iter()
            .enumerate()
            .map(|(code, (pair, _))| (*pair, code as u32))
            .collect();
        Some(Plan {
            palette,
            params,
            codes,
        })
    }

    /// A final entry's bucket and slot; `None` for a pair the palette does not hold.
    fn slot(&self, head: &[u8; 9], pair: (u32, u64)) -> Option<(u64, Slot)> {
        let code = *self.codes.get(&pair)?;
        let mut key = Key([0; KEY_LEN]);
        key.0[..9].copy_from_slice(head);
        let (bucket, suffix) = self.params.locate(prefix(&key));
        Some((bucket, (suffix, code)))
    }
}

/// Why writing the file failed.
enum Failure {
    Sqlite(rusqlite::Error),
    Io(std::io::Error),
    /// A bucket larger than format v2 holds.
    Limit,
    /// The second pass gave other entries than the first.
    Changed,
    /// The source of a two-pass write failed: its error is kept by [`Replayed`].
    Source,
}

impl Failure {
    fn into_error(self, path: &Path) -> PackError {
        PackError::new(
            path,
            match self {
                Failure::Sqlite(e) => write_problem(&e),
                Failure::Io(e) => PackProblem::Write(e.into()),
                Failure::Limit => PackProblem::WriterLimit,
                Failure::Changed | Failure::Source => PackProblem::EntriesChanged,
            },
        )
    }
}

impl From<rusqlite::Error> for Failure {
    fn from(error: rusqlite::Error) -> Failure {
        Failure::Sqlite(error)
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure::Io(error)
    }
}

/// The final entries, in order, as the file is written: each as its bucket and slot.
trait FinalEntries {
    /// The next final entry, or `None` after the last.
    fn next_entry(&mut self) -> Result<Option<(u64, Slot)>, Failure>;

    /// Called once every entry was read, before the file is committed.
    fn check_complete(&self) -> Result<(), Failure> {
        Ok(())
    }
}

/// The spooled entries, read back.
struct Spooled<'a, R> {
    records: R,
    plan: &'a Plan,
}

impl<R: Read> FinalEntries for Spooled<'_, R> {
    fn next_entry(&mut self) -> Result<Option<(u64, Slot)>, Failure> {
        let mut record = [0u8; RECORD_BYTES];
        match self.records.read_exact(&mut record) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => return Ok(None),
            Err(e) => return Err(e.into()),
        }
        let head: [u8; 9] = record[..9].try_into().expect("9 bytes");
        let breach = u32::from_be_bytes(record[9..13].try_into().expect("4 bytes"));
        let classes = u64::from_be_bytes(record[13..].try_into().expect("8 bytes"));
        // The spool holds what was counted: every pair has its code.
        self.plan
            .slot(&head, (breach, classes))
            .map(Some)
            .ok_or(Failure::Changed)
    }
}

/// The entries of a two-pass write's second pass, merged again as they arrive, each checked
/// against what the first pass counted.
struct Replayed<'a, I, E> {
    source: I,
    grouper: Grouper,
    /// The final entries of the last prefix gathered and not yet given, the next one last.
    ready: Option<Group>,
    plan: &'a Plan,
    /// Entries given per palette code.
    counts: Vec<u64>,
    ended: bool,
    error: Option<E>,
    /// The last entry read, for the order check: an entry out of order would be left out.
    last: Option<(Key, u32)>,
}

impl<I, E> FinalEntries for Replayed<'_, I, E>
where
    I: Iterator<Item = Result<(Key, u32, u64), E>>,
{
    fn next_entry(&mut self) -> Result<Option<(u64, Slot)>, Failure> {
        loop {
            if let Some((head, pairs)) = &mut self.ready
                && let Some(pair) = pairs.pop()
            {
                let (bucket, slot) = self.plan.slot(head, pair).ok_or(Failure::Changed)?;
                self.counts[slot.1 as usize] += 1;
                return Ok(Some((bucket, slot)));
            }
            if self.ended {
                return Ok(None);
            }
            let finished = match self.source.next() {
                None => {
                    self.ended = true;
                    self.grouper.finish()
                }
                Some(Err(error)) => {
                    self.error = Some(error);
                    return Err(Failure::Source);
                }
                Some(Ok((key, breach, classes))) => {
                    if self.last.is_some_and(|last| last >= (key, breach)) {
                        return Err(Failure::Changed);
                    }
                    self.last = Some((key, breach));
                    self.grouper.add(&key, breach, classes)
                }
            };
            self.ready = finished.map(|(head, mut pairs)| {
                pairs.reverse();
                (head, pairs)
            });
        }
    }

    fn check_complete(&self) -> Result<(), Failure> {
        let counted = self.plan.palette.iter().map(|(_, count)| *count);
        if !self.counts.iter().copied().eq(counted) {
            return Err(Failure::Changed);
        }
        Ok(())
    }
}

/// Everything of §6.2 from its first pragma to its commit.
fn write_file(
    conn: &Connection,
    meta: &PackMeta,
    breaches: &[Breach],
    plan: &Plan,
    entries: &mut impl FinalEntries,
) -> Result<(), Failure> {
    let params = &plan.params;
    conn.execute_batch(&format!(
        "PRAGMA page_size = {PAGE_SIZE}; PRAGMA auto_vacuum = NONE; PRAGMA encoding = 'UTF-8'; \
         PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
         PRAGMA application_id = {APPLICATION_ID}; PRAGMA user_version = {USER_VERSION};"
    ))?;
    conn.execute_batch("BEGIN")?;
    for name in TABLE_ORDER {
        let (_, sql) = SCHEMA
            .iter()
            .find(|(table, _)| *table == name)
            .expect("every table has its text");
        conn.execute(sql, [])?;
    }
    let breaches_hash = write_breaches(conn, breaches)?;
    let palette_hash = write_palette(conn, &plan.palette)?;
    let top = write_tree(conn, params, entries)?;
    entries.check_complete()?;
    let mut rows = meta_rows(meta, params);
    let mut meta_hash = TableHash::new(Domain::Meta);
    for (key, value) in &rows {
        push(&mut meta_hash, ValueRef::Text(key.as_bytes()));
        push(&mut meta_hash, ValueRef::Text(value.as_bytes()));
    }
    let root = Parts {
        meta: meta_hash.finish(),
        breaches: breaches_hash,
        palette: palette_hash,
        top,
    }
    .root();
    rows.insert("root", hex::encode(root));
    let mut insert = conn.prepare("INSERT INTO meta (key, value) VALUES (?1, ?2)")?;
    for (key, value) in rows {
        insert.execute(params![key, value])?;
    }
    conn.execute_batch("COMMIT")?;
    Ok(())
}

/// Hashes a value the writer itself made: never REAL.
fn push(table: &mut TableHash, value: ValueRef<'_>) {
    table.push(value).expect("the writer writes no REAL value");
}

fn write_breaches(conn: &Connection, breaches: &[Breach]) -> rusqlite::Result<tree::Hash> {
    let mut insert = conn.prepare(
        "INSERT INTO breaches (id, slug, title, description, date, record_count, data_classes, \
         verified, sensitive) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?;
    let mut hash = TableHash::new(Domain::Breaches);
    for breach in breaches {
        let title = breach.title.to_json();
        let description = breach.description.to_json();
        let classes = serde_json::to_string(&breach.data_classes).expect("strings serialize");
        let record_count = breach.record_count as i64;
        insert.execute(params![
            breach.index,
            breach.slug,
            title,
            description,
            breach.date,
            record_count,
            classes,
            breach.verified,
            breach.sensitive,
        ])?;
        for value in [
            ValueRef::Integer(i64::from(breach.index)),
            ValueRef::Text(breach.slug.as_bytes()),
            ValueRef::Text(title.as_bytes()),
            ValueRef::Text(description.as_bytes()),
            breach
                .date
                .as_deref()
                .map_or(ValueRef::Null, |date| ValueRef::Text(date.as_bytes())),
            ValueRef::Integer(record_count),
            ValueRef::Text(classes.as_bytes()),
            ValueRef::Integer(i64::from(breach.verified)),
            ValueRef::Integer(i64::from(breach.sensitive)),
        ] {
            push(&mut hash, value);
        }
    }
    Ok(hash.finish())
}

fn write_palette(conn: &Connection, palette: &[((u32, u64), u64)]) -> rusqlite::Result<tree::Hash> {
    let mut insert = conn
        .prepare("INSERT INTO palette (code, breach, classes, entries) VALUES (?1, ?2, ?3, ?4)")?;
    let mut hash = TableHash::new(Domain::Palette);
    for (code, ((breach, classes), count)) in palette.iter().enumerate() {
        let row = [
            code as i64,
            i64::from(*breach),
            *classes as i64,
            *count as i64,
        ];
        insert.execute(row)?;
        for value in row {
            push(&mut hash, ValueRef::Integer(value));
        }
    }
    Ok(hash.finish())
}

/// Writes every bucket with the level-1 nodes interleaved, then the levels above, and returns
/// the top node's hash.
fn write_tree(
    conn: &Connection,
    params: &Params,
    entries: &mut impl FinalEntries,
) -> Result<tree::Hash, Failure> {
    let mut insert_bucket = conn.prepare("INSERT INTO buckets (id, data) VALUES (?1, ?2)")?;
    let mut insert_node = conn.prepare("INSERT INTO nodes (id, hashes) VALUES (?1, ?2)")?;
    let levels = params.tree_levels();
    let mut top = None;
    let mut insert = |level: u32, index: u64, hashes: &[u8]| -> rusqlite::Result<()> {
        insert_node.execute(params![node_id(level, index), hashes])?;
        if level == levels {
            top = Some(tree::node(level, index, hashes));
        }
        Ok(())
    };
    let mut next = entries.next_entry()?;
    let mut slots: Vec<Slot> = Vec::new();
    let mut children: Vec<u8> = Vec::new();
    for index in 0..params.buckets() {
        slots.clear();
        while let Some((bucket, slot)) = next.filter(|(bucket, _)| *bucket == index) {
            debug_assert_eq!(bucket, index);
            slots.push(slot);
            next = entries.next_entry()?;
        }
        let blob = bucket::encode(params, &slots).map_err(|_| Failure::Limit)?;
        insert_bucket.execute(params![index as i64, blob])?;
        children.extend_from_slice(&tree::leaf(index, &blob));
        if index % TREE_ARITY == TREE_ARITY - 1 || index == params.buckets() - 1 {
            insert(1, index / TREE_ARITY, &children)?;
            children.clear();
        }
    }
    // An entry left over came out of order: the file would lack it.
    if next.is_some() {
        return Err(Failure::Changed);
    }
    let mut read = conn.prepare("SELECT hashes FROM nodes WHERE id = ?1")?;
    for level in 1..levels {
        let count = params.levels[level as usize];
        for index in 0..count {
            let hashes: Vec<u8> = read.query_row([node_id(level, index)], |row| row.get(0))?;
            children.extend_from_slice(&tree::node(level, index, &hashes));
            if index % TREE_ARITY == TREE_ARITY - 1 || index == count - 1 {
                insert(level + 1, index / TREE_ARITY, &children)?;
                children.clear();
            }
        }
    }
    Ok(top.expect("the top level has one node"))
}

/// The 25 rows of `meta` before `root`, in key order.
fn meta_rows(meta: &PackMeta, params: &Params) -> BTreeMap<&'static str, String> {
    BTreeMap::from([
        ("format", FORMAT_NAME.to_owned()),
        ("format_version", USER_VERSION.to_string()),
        ("id", meta.id.clone()),
        ("title", meta.title.to_json()),
        ("curator", meta.curator.clone()),
        ("created", meta.created.clone()),
        ("salt", meta.salt.to_hex()),
        ("argon2_m", meta.cost.m_kib.to_string()),
        ("argon2_t", meta.cost.t.to_string()),
        ("argon2_p", meta.cost.p.to_string()),
        ("default_region", meta.default_region.to_string()),
        (
            "data_classes",
            serde_json::to_string(meta.classes.ids()).expect("strings serialize"),
        ),
        ("demo", meta.demo.to_string()),
        ("synthetic", meta.synthetic.to_string()),
        ("generator", meta.generator.clone()),
        ("normalization", meta.normalization.to_string()),
        ("key_length", KEY_LEN.to_string()),
        ("key_bits", KEY_BITS.to_string()),
        ("entry_count", params.entries.to_string()),
        ("bucket_bits", params.bucket_bits.to_string()),
        ("rice_k", params.rice_k.to_string()),
        ("palette_size", params.palette_size.to_string()),
        ("code_rice", params.code_rice.to_string()),
        ("tree_arity", TREE_ARITY.to_string()),
        ("tree_levels", params.tree_levels().to_string()),
    ])
}
