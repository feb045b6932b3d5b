use rusqlite::params;

use super::*;
use crate::pack::tests::{breach, files_in, meta, write_pack_as};
use crate::pack::v2;

fn entries_of(pack: &InPlace) -> Vec<(Key, u32, u64)> {
    pack.entries().collect::<Result<_, _>>().unwrap()
}

#[test]
fn a_v1_pack_reads_in_place_with_its_meta_breaches_and_sorted_entries() {
    let dir = tempfile::tempdir().unwrap();
    let written = [
        (Key([1; 16]), 0, 3),
        (Key([1; 16]), 1, 2),
        (Key([2; 16]), 1, 1 << 11),
    ];
    let path = write_pack_as(dir.path(), "old.exposure", &written);
    let before = std::fs::read(&path).unwrap();
    let files = files_in(dir.path());
    let pack = InPlace::open(&path).unwrap();
    // What v1's own reader sees, read without copying the file into memory.
    let whole = crate::pack::Pack::open(&path).unwrap();
    assert_eq!(pack.meta(), whole.meta());
    assert_eq!(pack.meta().format_version, VERSION);
    assert_eq!(pack.breaches(), whole.breaches());
    assert_eq!(entries_of(&pack), written);
    drop((pack, whole));
    // Read-only and immutable: no journal, lock or temporary file, not a byte changed.
    assert_eq!(files_in(dir.path()), files);
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

/// An upgrade reads the entries twice, a page at a time: the second reading gives the same
/// entries as the first, across pages.
#[test]
fn the_entries_read_again_are_the_same_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    let written: Vec<(Key, u32, u64)> = (0..super::super::PAGE_ROWS as u32 * 2 + 3)
        .map(|i| {
            let mut key = [0u8; 16];
            key[..4].copy_from_slice(&i.to_be_bytes());
            (Key(key), i % 2, 1)
        })
        .collect();
    let path = write_pack_as(dir.path(), "old.exposure", &written);
    let pack = InPlace::open(&path).unwrap();
    assert_eq!(entries_of(&pack), written);
    assert_eq!(entries_of(&pack), written);
}

#[test]
fn a_v2_pack_or_a_file_that_is_no_pack_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let new = dir.path().join("new.exposure");
    let mut writer = v2::Writer::create(&new, &meta(), &[breach(0, "one")]).unwrap();
    writer.push(&Key([1; 16]), 0, 1).unwrap();
    writer.finish().unwrap();
    assert_eq!(
        InPlace::open(&new).unwrap_err().problem,
        PackProblem::UnsupportedVersion("2".into())
    );
    let text = dir.path().join("notes.exposure");
    std::fs::write(&text, vec![b'x'; 4096]).unwrap();
    assert_eq!(
        InPlace::open(&text).unwrap_err().problem,
        PackProblem::NotSqlite
    );
}

/// Rewrites one entry of the v1 pack at `path` with plain SQL, as damage or a hostile curator
/// could, then reads every entry.
fn scan_after(sql: &str, values: impl rusqlite::Params) -> PackProblem {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack_as(dir.path(), "old.exposure", &[(Key([1; 16]), 0, 1)]);
    Connection::open(&path)
        .unwrap()
        .execute(sql, values)
        .unwrap();
    let pack = InPlace::open(&path).unwrap();
    let entries: Vec<_> = pack.entries().collect();
    // Nothing after the refusal: the entries end at the first error.
    assert!(matches!(entries.as_slice(), [Err(_)]), "{entries:?}");
    entries.into_iter().next().unwrap().unwrap_err().problem
}

#[test]
fn entries_that_no_writer_makes_are_refused_before_the_caller_sees_them() {
    assert_eq!(
        scan_after("UPDATE entries SET key = ?1", params![vec![1u8; 9]]),
        PackProblem::BadValue("entries")
    );
    assert_eq!(
        scan_after("UPDATE entries SET key = ?1", params!["text key"]),
        PackProblem::BadValue("entries")
    );
    assert_eq!(
        scan_after("UPDATE entries SET breach = 7", []),
        PackProblem::BadBreach("7".into())
    );
    assert_eq!(
        scan_after("UPDATE entries SET classes = 1.5", []),
        PackProblem::BadValue("entries")
    );
}

#[test]
fn a_meta_row_that_v1_refuses_is_refused_at_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack_as(dir.path(), "old.exposure", &[(Key([1; 16]), 0, 1)]);
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE meta SET value = '1048577' WHERE key = 'argon2_m'",
            [],
        )
        .unwrap();
    assert!(matches!(
        InPlace::open(&path).unwrap_err().problem,
        PackProblem::Cost(_)
    ));
}
