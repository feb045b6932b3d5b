//! Sorted runs of pack entries on disk: how a build stays inside its memory budget, and the body
//! of a shard's part file.
//!
//! A run holds `(key, breach, classes, kind)` records sorted by `(key, breach)`, each
//! [`RECORD_LEN`] bytes. It never holds an identifier or its normalized form: keys are what a pack
//! stores anyway, and the kind is only which of five tags the key was derived under, kept so a
//! merge can count distinct keys per kind exactly. A spilled run is a temporary file beside the
//! output (so it lands on the same disk, with the same permissions story), unlinked as soon as it
//! is made: it has no name to leave behind, whether the build succeeds, fails, is cancelled or is
//! killed, and its space is freed when it is closed. Windows cannot unlink an open file: there a
//! run keeps its name while open and the system deletes it when its last handle closes, which a
//! killed process's handles also do (`FILE_FLAG_DELETE_ON_CLOSE`, what `tempfile::tempfile_in`
//! asks for there).
//!
//! Merging runs ([`Merge`]) yields each `(key, breach)` once, with the classes of every run that
//! had it OR-ed together: a run is complete for the identifiers it saw, and an identifier seen in
//! two runs derived the same key in both, so the union is exactly what one huge in-memory build
//! would have written.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use exposure_core::identifier::Kind;
use exposure_core::keys::{KEY_LEN, Key};
use exposure_core::l10n::{Message, io_reason};

/// Bytes of one record: key, breach (u32 LE), classes (u64 LE), kind (one byte).
pub const RECORD_LEN: usize = KEY_LEN + 4 + 8 + 1;

/// One entry of a pack to be, with the kind its key was derived for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub key: Key,
    pub breach: u32,
    pub classes: u64,
    pub kind: Kind,
}

impl Entry {
    fn order(&self) -> (Key, u32) {
        (self.key, self.breach)
    }

    pub fn encode(&self) -> [u8; RECORD_LEN] {
        let mut bytes = [0u8; RECORD_LEN];
        bytes[..KEY_LEN].copy_from_slice(&self.key.0);
        bytes[KEY_LEN..KEY_LEN + 4].copy_from_slice(&self.breach.to_le_bytes());
        bytes[KEY_LEN + 4..KEY_LEN + 12].copy_from_slice(&self.classes.to_le_bytes());
        bytes[KEY_LEN + 12] = kind_code(self.kind);
        bytes
    }

    pub fn decode(bytes: &[u8; RECORD_LEN]) -> Option<Entry> {
        Some(Entry {
            key: Key(bytes[..KEY_LEN].try_into().expect("KEY_LEN bytes")),
            breach: u32::from_le_bytes(bytes[KEY_LEN..KEY_LEN + 4].try_into().expect("4 bytes")),
            classes: u64::from_le_bytes(
                bytes[KEY_LEN + 4..KEY_LEN + 12]
                    .try_into()
                    .expect("8 bytes"),
            ),
            kind: kind_from_code(bytes[KEY_LEN + 12])?,
        })
    }
}

fn kind_code(kind: Kind) -> u8 {
    Kind::ALL
        .iter()
        .position(|k| *k == kind)
        .expect("every kind is in Kind::ALL") as u8
}

fn kind_from_code(code: u8) -> Option<Kind> {
    Kind::ALL.get(usize::from(code)).copied()
}

/// Sorts `entries` by `(key, breach)` and merges equal pairs, OR-ing their classes.
pub fn sort_entries(entries: &mut Vec<Entry>) {
    use rayon::slice::ParallelSliceMut;
    entries.par_sort_unstable_by_key(Entry::order);
    entries.dedup_by(|later, kept| {
        if later.order() == kept.order() {
            kept.classes |= later.classes;
            true
        } else {
            false
        }
    });
}

/// Writes sorted records to `out`.
pub fn write_records(out: &mut impl Write, entries: &[Entry]) -> io::Result<()> {
    for entry in entries {
        out.write_all(&entry.encode())?;
    }
    Ok(())
}

/// A run spilled to an unnamed temporary file, freed on drop.
#[derive(Debug)]
pub struct Run {
    file: File,
    records: u64,
}

impl Run {
    /// Sorts `entries` and writes them to a new temporary file in `directory`.
    pub fn spill(directory: &Path, entries: &mut Vec<Entry>) -> io::Result<Run> {
        sort_entries(entries);
        let file = tempfile::tempfile_in(directory)?;
        let mut out = BufWriter::with_capacity(1 << 20, &file);
        write_records(&mut out, entries)?;
        out.flush()?;
        drop(out);
        Ok(Run {
            file,
            records: entries.len() as u64,
        })
    }

    pub fn records(&self) -> u64 {
        self.records
    }

    /// Reads the run from its start; the file goes when the reader is dropped.
    pub fn into_reader(mut self) -> io::Result<RunReader> {
        self.file.seek(SeekFrom::Start(0))?;
        Ok(RunReader {
            records: RecordReader::new(self.file),
        })
    }

    /// Writes the merge of `sources` into a new run in `directory`.
    pub fn merge<S: EntrySource>(directory: &Path, sources: Vec<S>) -> io::Result<Run> {
        let mut merge = Merge::new(sources)?;
        let file = tempfile::tempfile_in(directory)?;
        let mut out = BufWriter::with_capacity(1 << 20, &file);
        let mut records = 0u64;
        while let Some(entry) = merge.next_entry()? {
            out.write_all(&entry.encode())?;
            records += 1;
        }
        out.flush()?;
        drop(out);
        Ok(Run { file, records })
    }
}

/// The most runs merged at once: each holds a file and a read buffer open, so a huge dump under a
/// small budget merges in rounds instead of opening thousands of files.
pub const FAN_IN: usize = 64;

/// Merges the oldest runs `fan_in` at a time until at most `fan_in` remain.
pub fn reduce_runs(directory: &Path, mut runs: Vec<Run>, fan_in: usize) -> io::Result<Vec<Run>> {
    let fan_in = fan_in.max(2);
    while runs.len() > fan_in {
        let group: Vec<Run> = runs.drain(..fan_in).collect();
        let readers = group
            .into_iter()
            .map(Run::into_reader)
            .collect::<io::Result<Vec<_>>>()?;
        runs.push(Run::merge(directory, readers)?);
    }
    Ok(runs)
}

/// A run being read; its file is freed when this is dropped.
#[derive(Debug)]
pub struct RunReader {
    records: RecordReader<File>,
}

impl EntrySource for RunReader {
    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        self.records.next_entry()
    }
}

/// Reads records one at a time from a stream positioned at the first record.
#[derive(Debug)]
pub struct RecordReader<R> {
    inner: BufReader<R>,
}

impl<R: Read> RecordReader<R> {
    pub fn new(inner: R) -> RecordReader<R> {
        RecordReader {
            inner: BufReader::with_capacity(1 << 16, inner),
        }
    }

    /// The next record, `None` at the end; a truncated or unknown record is an error.
    pub fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        let mut bytes = [0u8; RECORD_LEN];
        let mut filled = 0;
        while filled < RECORD_LEN {
            match self.inner.read(&mut bytes[filled..])? {
                0 if filled == 0 => return Ok(None),
                0 => return Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
                n => filled += n,
            }
        }
        Entry::decode(&bytes)
            .map(Some)
            .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidData, "unknown identifier kind"))
    }
}

/// Anything that yields sorted entries.
pub trait EntrySource {
    fn next_entry(&mut self) -> io::Result<Option<Entry>>;

    /// The file the entries come from, when the user gave it (a part): a failed merge names it.
    fn path(&self) -> Option<&Path> {
        None
    }
}

/// A source whose records are not sorted: a damaged file, or one Exposure did not write. Carried
/// inside the `io::Error` of a merge, so that it survives merge rounds; `path` is the source's.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", Message::from(self))]
pub struct OutOfOrder {
    pub path: Option<PathBuf>,
}

impl From<&OutOfOrder> for Message {
    fn from(error: &OutOfOrder) -> Message {
        match &error.path {
            Some(path) => Message::new("build-records-out-of-order").arg("path", path.as_path()),
            // Only the build's own spilled runs have no name.
            None => Message::new("build-records-out-of-order-spilled"),
        }
    }
}

/// A named source (a part) that failed to give its next entry, inside the `io::Error` of a merge:
/// the merge's caller names the file instead of its own output.
#[derive(Debug, thiserror::Error)]
#[error("{}", Message::new("build-read-failed").arg("path", path.as_path()).arg("reason", io_reason(source.kind()).to_string()))]
pub struct SourceFailed {
    pub path: PathBuf,
    #[source]
    pub source: io::Error,
}

/// The next entry of `source`, its failure named after it when it has a name.
fn next_of<S: EntrySource>(source: &mut S) -> io::Result<Option<Entry>> {
    source.next_entry().map_err(|error| match source.path() {
        Some(path) => io::Error::new(
            error.kind(),
            SourceFailed {
                path: path.to_owned(),
                source: error,
            },
        ),
        None => error,
    })
}

impl<R: Read> EntrySource for RecordReader<R> {
    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        RecordReader::next_entry(self)
    }
}

impl<S: EntrySource + ?Sized> EntrySource for Box<S> {
    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        (**self).next_entry()
    }
}

impl EntrySource for std::vec::IntoIter<Entry> {
    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        Ok(self.next())
    }
}

/// A k-way merge of sorted sources: each `(key, breach)` once, classes OR-ed. Sources that are
/// not sorted are an error, not a silently wrong pack.
pub struct Merge<S> {
    sources: Vec<S>,
    heap: BinaryHeap<Reverse<((Key, u32), usize)>>,
    heads: Vec<Option<Entry>>,
}

impl<S> std::fmt::Debug for Merge<S> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Merge")
            .field("sources", &self.sources.len())
            .finish_non_exhaustive()
    }
}

impl<S: EntrySource> Merge<S> {
    pub fn new(mut sources: Vec<S>) -> io::Result<Merge<S>> {
        let mut heap = BinaryHeap::with_capacity(sources.len());
        let mut heads = Vec::with_capacity(sources.len());
        for (i, source) in sources.iter_mut().enumerate() {
            let head = next_of(source)?;
            if let Some(entry) = head {
                heap.push(Reverse((entry.order(), i)));
            }
            heads.push(head);
        }
        Ok(Merge {
            sources,
            heap,
            heads,
        })
    }

    fn pop(&mut self) -> io::Result<Option<Entry>> {
        let Some(Reverse((_, i))) = self.heap.pop() else {
            return Ok(None);
        };
        let entry = self.heads[i]
            .take()
            .expect("a source in the heap has a head");
        let next = next_of(&mut self.sources[i])?;
        if let Some(next) = next {
            if next.order() <= entry.order() {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    OutOfOrder {
                        path: self.sources[i].path().map(Path::to_owned),
                    },
                ));
            }
            self.heap.push(Reverse((next.order(), i)));
        }
        self.heads[i] = next;
        Ok(Some(entry))
    }

    /// The next merged entry.
    pub fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        let Some(mut entry) = self.pop()? else {
            return Ok(None);
        };
        while let Some(Reverse((order, _))) = self.heap.peek() {
            if *order != entry.order() {
                break;
            }
            let same = self.pop()?.expect("peeked");
            entry.classes |= same.classes;
        }
        Ok(Some(entry))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(key: u8, breach: u32, classes: u64) -> Entry {
        Entry {
            key: Key([key; KEY_LEN]),
            breach,
            classes,
            kind: Kind::Phone,
        }
    }

    fn drain<S: EntrySource>(mut merge: Merge<S>) -> Vec<Entry> {
        let mut out = Vec::new();
        while let Some(e) = merge.next_entry().unwrap() {
            out.push(e);
        }
        out
    }

    #[test]
    fn a_record_round_trips_through_its_bytes() {
        for kind in Kind::ALL {
            let e = Entry {
                kind,
                ..entry(9, 70_000, 0b1011)
            };
            assert_eq!(Entry::decode(&e.encode()), Some(e));
        }
    }

    #[test]
    fn merging_runs_ors_the_classes_of_a_pair_seen_in_several() {
        let a = vec![entry(1, 0, 1), entry(3, 0, 1)];
        let b = vec![entry(1, 0, 2), entry(1, 1, 4), entry(2, 0, 8)];
        let merged = drain(Merge::new(vec![a.into_iter(), b.into_iter()]).unwrap());
        assert_eq!(
            merged,
            vec![
                entry(1, 0, 3),
                entry(1, 1, 4),
                entry(2, 0, 8),
                entry(3, 0, 1)
            ]
        );
    }

    #[test]
    fn sorting_merges_equal_pairs() {
        let mut entries = vec![entry(2, 0, 1), entry(1, 0, 1), entry(2, 0, 2)];
        sort_entries(&mut entries);
        assert_eq!(entries, vec![entry(1, 0, 1), entry(2, 0, 3)]);
    }

    /// The names an open run has in its folder. A killed build runs no destructor: on Unix a run
    /// has no name from the start; Windows cannot unlink an open file, so there it has one, which
    /// the system deletes when the file is closed.
    const NAMES_OF_AN_OPEN_RUN: usize = if cfg!(windows) { 1 } else { 0 };

    fn names_in(dir: &tempfile::TempDir) -> usize {
        std::fs::read_dir(dir.path()).unwrap().count()
    }

    #[test]
    fn a_spilled_run_reads_back_sorted_and_leaves_no_name_in_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let mut entries = vec![entry(5, 0, 1), entry(4, 2, 1), entry(4, 1, 1)];
        let run = Run::spill(dir.path(), &mut entries).unwrap();
        assert_eq!(run.records(), 3);
        assert_eq!(names_in(&dir), NAMES_OF_AN_OPEN_RUN);
        let merge = Merge::new(vec![run.into_reader().unwrap()]).unwrap();
        let merged = drain(merge);
        assert_eq!(merged, vec![entry(4, 1, 1), entry(4, 2, 1), entry(5, 0, 1)]);
        assert_eq!(names_in(&dir), 0);
    }

    #[test]
    fn many_runs_merge_in_rounds_to_the_same_entries() {
        let dir = tempfile::tempdir().unwrap();
        let mut expected = Vec::new();
        let mut runs = Vec::new();
        for i in 0..10u8 {
            // Every run shares key 0 with breach 0, with its own class bit.
            let mut entries = vec![entry(0, 0, 1 << i), entry(i + 1, u32::from(i), 1)];
            expected.push(entry(i + 1, u32::from(i), 1));
            runs.push(Run::spill(dir.path(), &mut entries).unwrap());
        }
        expected.push(entry(0, 0, (1 << 10) - 1));
        sort_entries(&mut expected);
        let runs = reduce_runs(dir.path(), runs, 3).unwrap();
        assert!(runs.len() <= 3, "{}", runs.len());
        // Every run merged in a round is released: only the runs left are open.
        assert_eq!(names_in(&dir), runs.len() * NAMES_OF_AN_OPEN_RUN);
        let readers = runs.into_iter().map(|r| r.into_reader().unwrap()).collect();
        assert_eq!(drain(Merge::new(readers).unwrap()), expected);
        assert_eq!(names_in(&dir), 0);
    }

    #[test]
    fn an_unsorted_source_is_an_out_of_order_error() {
        let bad = vec![entry(2, 0, 1), entry(1, 0, 1)];
        let mut merge = Merge::new(vec![bad.into_iter()]).unwrap();
        let error = merge.next_entry().unwrap_err();
        let out_of_order = error.get_ref().and_then(|e| e.downcast_ref::<OutOfOrder>());
        assert_eq!(out_of_order, Some(&OutOfOrder { path: None }), "{error}");
    }

    /// Entries of a named file, failing or unsorted as told.
    struct Named {
        entries: std::vec::IntoIter<Entry>,
        fail: bool,
    }

    impl EntrySource for Named {
        fn next_entry(&mut self) -> io::Result<Option<Entry>> {
            if self.fail {
                return Err(io::ErrorKind::PermissionDenied.into());
            }
            Ok(self.entries.next())
        }
        fn path(&self) -> Option<&Path> {
            Some(Path::new("part-7"))
        }
    }

    #[test]
    fn a_named_source_that_fails_or_is_unsorted_is_named_in_the_error() {
        let failing = Named {
            entries: Vec::new().into_iter(),
            fail: true,
        };
        let error = Merge::new(vec![failing]).unwrap_err();
        let failed = error
            .get_ref()
            .and_then(|e| e.downcast_ref::<SourceFailed>());
        assert_eq!(
            failed.map(|f| (f.path.as_path(), f.source.kind())),
            Some((Path::new("part-7"), io::ErrorKind::PermissionDenied))
        );
        let unsorted = Named {
            entries: vec![entry(2, 0, 1), entry(2, 0, 1)].into_iter(),
            fail: false,
        };
        let error = Merge::new(vec![unsorted])
            .unwrap()
            .next_entry()
            .unwrap_err();
        let out_of_order = error.get_ref().and_then(|e| e.downcast_ref::<OutOfOrder>());
        assert_eq!(
            out_of_order.and_then(|o| o.path.as_deref()),
            Some(Path::new("part-7"))
        );
    }

    #[test]
    fn a_truncated_record_is_an_error() {
        let bytes = entry(1, 0, 1).encode();
        let mut reader = RecordReader::new(&bytes[..RECORD_LEN - 1]);
        assert!(reader.next_entry().is_err());
    }
}
