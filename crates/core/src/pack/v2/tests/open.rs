//! Opening v2 packs written by [`Writer`] and looking keys up in them: answers, identity, and
//! the refusals of docs/pack-format.md §5.4 that damage to a written pack triggers.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rusqlite::Connection;

use crate::keys::{KEY_LEN, Key, Salt};
use crate::pack::v2::Writer;
use crate::pack::{Breach, Hit, Pack, PackMeta, PackProblem, Text};
use crate::progress::{Phase, Progress, Silent};

/// The pack tests' meta (`pack::tests::meta`), as a v2 pack of its own id and salt.
pub(super) fn meta() -> PackMeta {
    PackMeta {
        id: "v2-test".into(),
        title: Text::Plain("v2 test".into()),
        salt: Salt([7; 16]),
        format_version: 2,
        ..crate::pack::tests::meta()
    }
}

pub(super) fn breach(index: u32) -> Breach {
    Breach {
        index,
        slug: format!("breach-{index}"),
        title: Text::Plain(format!("Breach {index}")),
        description: Text::default(),
        date: None,
        record_count: 10,
        data_classes: vec!["names".into()],
        verified: true,
        sensitive: false,
    }
}

/// Key `i` of a deterministic spread over the key space.
pub(super) fn key(i: u64) -> Key {
    let mut key = Key([0; KEY_LEN]);
    key.0[..8].copy_from_slice(&i.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_be_bytes());
    key
}

/// A pack of `count` keys, every third also in breach 1; written sorted, as a build does.
pub(super) fn write(dir: &Path, name: &str, count: u64) -> PathBuf {
    let path = dir.join(name);
    let mut writer = Writer::create(&path, &meta(), &[breach(0), breach(1)]).unwrap();
    for (key, breach, classes) in &triples(count) {
        writer.push(key, *breach, *classes).unwrap();
    }
    writer.finish().unwrap();
    path
}

fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

/// Opens the pack rewritten by `sql`, as a tool that edits the file in place would.
fn edited(path: &Path, sql: &str) -> PackProblem {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
    match Pack::open(path) {
        Err(error) => error.problem,
        Ok(pack) => {
            let mut problems = (0..2000).filter_map(|i| pack.lookup(&key(i)).err());
            problems.next().expect("no lookup was refused").problem
        }
    }
}

#[test]
fn a_written_pack_opens_in_place_and_answers_every_key_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 2000);
    let names = files_in(dir.path());
    let before = std::fs::read(&path).unwrap();
    let pack = Pack::open(&path).unwrap();
    assert_eq!(pack.meta().format_version, 2);
    assert_eq!(pack.meta().entry_count, 2000 + 667);
    for i in 0..2000 {
        let mut expected = vec![Hit {
            breach: 0,
            classes: 1,
        }];
        if i % 3 == 0 {
            expected.push(Hit {
                breach: 1,
                classes: 3,
            });
        }
        assert_eq!(pack.lookup(&key(i)).unwrap(), expected, "key {i}");
    }
    for i in 2000..2100 {
        assert!(pack.lookup(&key(i)).unwrap().is_empty(), "key {i}");
    }
    pack.verify_all(&Silent).unwrap();
    drop(pack);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(files_in(dir.path()), names, "a journal or spool was left");
}

/// The pack is opened by a URI: characters that mean something in one are escaped, and a name
/// in Chinese (a Windows user's own folder often is) is kept whole.
#[test]
fn a_pack_whose_path_holds_uri_characters_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 10);
    // Windows allows no `?` in a name.
    let folder = dir.path().join(if cfg!(windows) {
        "张伟 a b#d%e&mode=rw"
    } else {
        "张伟 a b?c#d%e&mode=rw"
    });
    std::fs::create_dir(&folder).unwrap();
    let odd = folder.join(if cfg!(windows) {
        "%41 數據.exposure"
    } else {
        "%41 ?.exposure"
    });
    std::fs::rename(&path, &odd).unwrap();
    assert_eq!(Pack::open(&odd).unwrap().lookup(&key(3)).unwrap().len(), 2);
    #[cfg(unix)]
    {
        let doubled = format!("/{}", odd.display());
        assert_eq!(
            Pack::open(Path::new(&doubled)).unwrap().meta().id,
            "v2-test"
        );
    }
}

/// `canonicalize` gives the verbatim form `\\?\C:\…` on Windows, which SQLite would misread.
#[test]
fn a_pack_named_by_its_canonical_path_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 10);
    let canonical = std::fs::canonicalize(&path).unwrap();
    assert_eq!(
        Pack::open(&canonical)
            .unwrap()
            .lookup(&key(3))
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn a_copy_is_the_same_pack_and_other_entries_are_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 50);
    let copy = dir.path().join("copy.exposure");
    std::fs::copy(&path, &copy).unwrap();
    let other = write(dir.path(), "other.exposure", 51);
    let (pack, copy, other) = (
        Pack::open(&path).unwrap(),
        Pack::open(&copy).unwrap(),
        Pack::open(&other).unwrap(),
    );
    assert!(pack.is_same_pack(&copy));
    assert!(!pack.is_same_pack(&other));
    assert_eq!(pack.root(), copy.root());
    let root = pack.root().unwrap();
    assert_eq!(root.len(), 64);
    assert_ne!(Some(root), other.root());
}

/// The (done, total) pairs a full verification reported.
#[derive(Default)]
struct Seen(
    std::sync::Mutex<Vec<(u64, u64)>>,
    std::sync::atomic::AtomicU64,
);

impl Progress for Seen {
    fn start(&self, phase: Phase, total: u64) {
        assert_eq!(phase, Phase::Scanning);
        self.1.store(total, std::sync::atomic::Ordering::Relaxed);
    }
    fn update(&self, done: u64, _: u64) {
        let total = self.1.load(std::sync::atomic::Ordering::Relaxed);
        self.0.lock().unwrap().push((done, total));
    }
    fn finish(&self, _: Phase) {}
}

#[test]
fn full_verification_reports_progress_up_to_every_bucket() {
    let dir = tempfile::tempdir().unwrap();
    let pack = Pack::open(&write(dir.path(), "pack.exposure", 3000)).unwrap();
    let seen = Seen::default();
    pack.verify_all(&seen).unwrap();
    let seen = seen.0.into_inner().unwrap();
    assert_eq!(seen.first(), Some(&(0, 16)));
    assert_eq!(seen.last(), Some(&(16, 16)));
}

/// A pack of two tree levels: lookups go through verified nodes kept in the reader's cache, and
/// give the same answers in any order, to a fresh reader or one whose cache is full.
#[test]
fn answers_do_not_depend_on_which_nodes_were_cached() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 70_000);
    let (forward, backward) = (Pack::open(&path).unwrap(), Pack::open(&path).unwrap());
    let keys: Vec<u64> = (0..70_100).step_by(7).collect();
    let ahead: Vec<Vec<Hit>> = keys
        .iter()
        .map(|i| forward.lookup(&key(*i)).unwrap())
        .collect();
    let mut behind: Vec<Vec<Hit>> = keys
        .iter()
        .rev()
        .map(|i| backward.lookup(&key(*i)).unwrap())
        .collect();
    behind.reverse();
    assert_eq!(ahead, behind);
    assert!(ahead[..10_000].iter().all(|hits| !hits.is_empty()));
    assert!(ahead[10_000..].iter().all(Vec::is_empty));
}

#[test]
fn a_changed_bucket_is_refused_at_lookup_and_by_full_verification() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 3000);
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE buckets SET data = CAST(data || x'00' AS BLOB) WHERE id = 3")
        .unwrap();
    let pack = Pack::open(&path).unwrap();
    let refused: Vec<PackProblem> = (0..3000)
        .filter_map(|i| pack.lookup(&key(i)).err().map(|e| e.problem))
        .collect();
    assert!(!refused.is_empty());
    assert!(
        refused.iter().all(|p| *p == PackProblem::Damaged),
        "{refused:?}"
    );
    assert_eq!(
        pack.verify_all(&Silent).unwrap_err().problem,
        PackProblem::Damaged
    );
}

#[test]
fn a_missing_bucket_or_node_is_damage_never_a_miss() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "bucket.exposure", 200);
    assert_eq!(edited(&path, "DELETE FROM buckets"), PackProblem::Damaged);
    let path = write(dir.path(), "node.exposure", 70_000);
    assert_eq!(
        edited(&path, "DELETE FROM nodes WHERE id = (1 << 32)"),
        PackProblem::Damaged
    );
}

#[test]
fn changed_meta_breaches_or_palette_refuse_the_open_by_the_root() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sql) in [
        (
            "meta",
            "UPDATE meta SET value = 'Someone' WHERE key = 'curator'",
        ),
        (
            "breaches",
            "UPDATE breaches SET record_count = 11 WHERE id = 1",
        ),
        (
            "root",
            "UPDATE meta SET value = printf('%064d', 0) WHERE key = 'root'",
        ),
    ] {
        let path = write(dir.path(), &format!("{name}.exposure"), 100);
        assert_eq!(edited(&path, sql), PackProblem::RootMismatch, "{name}");
    }
}

#[test]
fn a_stated_parameter_or_a_number_spelled_otherwise_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    for (name, sql, problem) in [
        (
            "bits",
            "UPDATE meta SET value = '5' WHERE key = 'bucket_bits'",
            PackProblem::BadMeta("bucket_bits"),
        ),
        (
            "zero",
            "UPDATE meta SET value = '0100' WHERE key = 'entry_count'",
            PackProblem::BadMeta("entry_count"),
        ),
        (
            "newer",
            "UPDATE meta SET value = '99' WHERE key = 'normalization'",
            PackProblem::UnsupportedNormalization(99),
        ),
        (
            "count",
            "UPDATE palette SET entries = entries + 1 WHERE code = 0",
            PackProblem::BadPalette,
        ),
        (
            "text",
            "UPDATE buckets SET data = CAST(data AS TEXT) WHERE id = 0",
            PackProblem::BadBucket,
        ),
    ] {
        let path = write(dir.path(), &format!("{name}.exposure"), 100);
        assert_eq!(edited(&path, sql), problem, "{name}");
    }
}

#[test]
fn a_truncated_file_or_one_with_bytes_appended_is_refused_by_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 100);
    let bytes = std::fs::read(&path).unwrap();
    for (name, altered) in [
        ("short.exposure", bytes[..bytes.len() - 1].to_vec()),
        ("long.exposure", [&bytes[..], b"x"].concat()),
    ] {
        let altered_path = dir.path().join(name);
        std::fs::write(&altered_path, altered).unwrap();
        assert_eq!(
            Pack::open(&altered_path).unwrap_err().problem,
            PackProblem::LengthMismatch,
            "{name}"
        );
    }
}

/// A one-machine build and a merged one write the same entries: they must give the same file.
#[test]
fn the_same_entries_give_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let one = std::fs::read(write(dir.path(), "one.exposure", 5000)).unwrap();
    let two = std::fs::read(write(dir.path(), "two.exposure", 5000)).unwrap();
    assert!(one == two, "two writes of the same entries differ");
    assert_eq!(one.len() % 16384, 0);
}

#[test]
fn keys_sharing_their_72_bit_prefix_merge_their_classes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.exposure");
    let (mut one, mut two) = (Key([5; KEY_LEN]), Key([5; KEY_LEN]));
    one.0[15] = 1;
    two.0[15] = 2;
    let mut writer = Writer::create(&path, &meta(), &[breach(0), breach(1)]).unwrap();
    writer.push(&one, 1, 1).unwrap();
    writer.push(&two, 0, 2).unwrap();
    writer.push(&two, 1, 4).unwrap();
    assert_eq!(writer.entries(), 3);
    writer.finish().unwrap();
    let pack = Pack::open(&path).unwrap();
    assert_eq!(pack.meta().entry_count, 2);
    let merged = [
        Hit {
            breach: 0,
            classes: 2,
        },
        Hit {
            breach: 1,
            classes: 5,
        },
    ];
    assert_eq!(pack.lookup(&one).unwrap(), merged);
}

#[test]
fn the_writer_refuses_an_entry_beyond_its_breaches_or_classes_and_leaves_no_spool() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("pack.exposure");
    let mut writer = Writer::create(&path, &meta(), &[breach(0)]).unwrap();
    let classes = crate::classes::STANDARD.len();
    for (breach, classes) in [(1, 1), (0, 1 << classes)] {
        assert_eq!(
            writer.push(&key(1), breach, classes).unwrap_err().problem,
            PackProblem::EntryOutOfRange
        );
    }
    assert_eq!(files_in(dir.path()).len(), 2, "the output and its spool");
    drop(writer);
    assert_eq!(
        files_in(dir.path()),
        BTreeSet::from(["pack.exposure".to_owned()])
    );
}

/// Bytes an entry of a pack of 10^6 random keys, one (breach, classes) pair: the measure of
/// docs/pack-format.md §7.1. `cargo test --release -p exposure-core bytes_an_entry -- --ignored
/// --nocapture`.
#[test]
#[ignore = "writes a 7 MB pack: a measurement, not a check"]
fn bytes_an_entry_of_a_million_random_keys() {
    use rand::{RngCore, SeedableRng};
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("million.exposure");
    let mut random = rand_chacha::ChaCha20Rng::seed_from_u64(1);
    let mut keys: Vec<Key> = (0..1_000_000)
        .map(|_| {
            let mut key = Key([0; KEY_LEN]);
            random.fill_bytes(&mut key.0);
            key
        })
        .collect();
    keys.sort();
    let mut writer = Writer::create(&path, &meta(), &[breach(0)]).unwrap();
    let started = std::time::Instant::now();
    for key in &keys {
        writer.push(key, 0, 1).unwrap();
    }
    writer.finish().unwrap();
    let elapsed = started.elapsed();
    let bytes = std::fs::metadata(&path).unwrap().len();
    let started = std::time::Instant::now();
    let pack = Pack::open(&path).unwrap();
    let opened = started.elapsed();
    let started = std::time::Instant::now();
    for key in keys.iter().step_by(1000) {
        assert_eq!(pack.lookup(key).unwrap().len(), 1);
    }
    let lookup = started.elapsed() / 1000;
    #[allow(clippy::print_stderr)]
    {
        eprintln!(
            "10^6 random keys: {bytes} bytes, {:.3} bytes an entry, written in {elapsed:?}, \
             opened in {opened:?}, {lookup:?} a lookup (warm)",
            bytes as f64 / 1e6
        );
    }
    assert!(bytes < 8_000_000);
}

/// The triples [`write`] gives the writer for `count` keys, sorted.
fn triples(count: u64) -> Vec<(Key, u32, u64)> {
    let mut triples: Vec<(Key, u32, u64)> = (0..count)
        .flat_map(|i| {
            let mut entries = vec![(key(i), 0, 1)];
            if i % 3 == 0 {
                entries.push((key(i), 1, 3));
            }
            entries
        })
        .collect();
    triples.sort_by_key(|(key, breach, _)| (*key, *breach));
    triples
}

#[test]
fn the_entries_of_a_written_pack_come_back_in_key_and_breach_order() {
    let dir = tempfile::tempdir().unwrap();
    // Keys of 72 bits at most, as a v2 pack keeps them: they come back whole.
    let path = write(dir.path(), "pack.exposure", 3000);
    let pack = Pack::open(&path).unwrap();
    let read: Vec<(Key, u32, u64)> = pack.entries().collect::<Result<_, _>>().unwrap();
    assert_eq!(read, triples(3000));
}

#[test]
fn the_entries_of_a_damaged_bucket_are_refused_not_given() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "pack.exposure", 3000);
    Connection::open(&path)
        .unwrap()
        .execute_batch("UPDATE buckets SET data = x'0000' WHERE id = 3")
        .unwrap();
    let pack = Pack::open(&path).unwrap();
    let read: Vec<_> = pack.entries().collect();
    let error = read.last().unwrap().as_ref().unwrap_err();
    assert_eq!(error.problem, PackProblem::Damaged);
    assert!(read[..read.len() - 1].iter().all(Result::is_ok));
    assert!(
        read.len() < 3000,
        "bucket 3 and those after it were not given"
    );
}

/// The triples of [`triples`], plus keys that share a 72-bit prefix with stored ones (merged by
/// the writer), sorted.
fn triples_with_shared_prefixes(count: u64) -> Vec<(Key, u32, u64)> {
    let mut all = triples(count);
    all.extend((0..50).map(|i| {
        let mut longer = key(i);
        longer.0[12] = 1;
        (longer, 0, 4)
    }));
    all.sort_by_key(|(key, breach, _)| (*key, *breach));
    all
}

fn write_in_two_passes(
    path: &Path,
    mut pass: impl FnMut(u32) -> Vec<Result<(Key, u32, u64), crate::pack::PackError>>,
) -> Result<(), crate::pack::PackError> {
    let mut passes = 0;
    Writer::write_from(path, &meta(), &[breach(0), breach(1)], || {
        passes += 1;
        pass(passes).into_iter()
    })
}

#[test]
fn writing_in_two_passes_gives_the_bytes_of_the_spooling_writer_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let entries = triples_with_shared_prefixes(3000);
    let spooled = dir.path().join("spooled.exposure");
    let mut writer = Writer::create(&spooled, &meta(), &[breach(0), breach(1)]).unwrap();
    for (key, breach, classes) in &entries {
        writer.push(key, *breach, *classes).unwrap();
    }
    writer.finish().unwrap();
    let twice = dir.path().join("twice.exposure");
    write_in_two_passes(&twice, |_| entries.iter().copied().map(Ok).collect()).unwrap();
    assert_eq!(
        std::fs::read(&twice).unwrap(),
        std::fs::read(&spooled).unwrap()
    );
    assert_eq!(
        files_in(dir.path()),
        BTreeSet::from(["spooled.exposure".to_owned(), "twice.exposure".to_owned()])
    );
    Pack::open(&twice).unwrap().verify_all(&Silent).unwrap();
}

#[test]
fn a_second_pass_that_differs_from_the_first_refuses_the_pack() {
    let entries = triples(1000);
    let fewer = |pass: u32| -> Vec<_> {
        let keep = if pass == 1 { 1000 } else { 999 };
        entries.iter().copied().take(keep).map(Ok).collect()
    };
    let other_pair = |pass: u32| -> Vec<_> {
        let mut entries = entries.clone();
        if pass == 2 {
            entries[10].2 = 7;
        }
        entries.into_iter().map(Ok).collect()
    };
    let out_of_order = |pass: u32| -> Vec<_> {
        let mut entries = entries.clone();
        if pass == 2 {
            entries.swap(10, 500);
        }
        entries.into_iter().map(Ok).collect()
    };
    for (name, error) in [
        ("fewer", write_in_two_passes_err(fewer)),
        ("other pair", write_in_two_passes_err(other_pair)),
        ("out of order", write_in_two_passes_err(out_of_order)),
    ] {
        assert_eq!(error, PackProblem::EntriesChanged, "{name}");
    }
}

fn write_in_two_passes_err(
    pass: impl FnMut(u32) -> Vec<Result<(Key, u32, u64), crate::pack::PackError>>,
) -> PackProblem {
    let dir = tempfile::tempdir().unwrap();
    write_in_two_passes(&dir.path().join("pack.exposure"), pass)
        .unwrap_err()
        .problem
}

#[test]
fn an_error_of_the_source_ends_a_two_pass_write_with_that_error() {
    let entries = triples(1000);
    let failing = |pass: u32| -> Vec<_> {
        let mut entries: Vec<_> = entries.iter().copied().map(Ok).collect();
        if pass == 2 {
            entries[100] = Err(crate::pack::PackError {
                path: "source.exposure".into(),
                problem: PackProblem::Corrupt,
            });
        }
        entries
    };
    assert_eq!(write_in_two_passes_err(failing), PackProblem::Corrupt);
}
