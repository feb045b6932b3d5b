use rusqlite::params;

use super::*;
use crate::pack::tests::{breach, files_in, meta, write_pack_as};
use crate::pack::v2;

fn entries_of(pack: &InPlace) -> Vec<(Key, u32, u64)> {
    let mut entries = Vec::new();
    pack.each_entry(|key, breach, classes| -> Result<(), PackError> {
        entries.push((*key, breach, classes));
        Ok(())
    })
    .unwrap();
    entries
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

#[test]
fn an_error_of_the_caller_stops_the_scan_and_is_returned() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack_as(
        dir.path(),
        "old.exposure",
        &[(Key([1; 16]), 0, 1), (Key([2; 16]), 0, 1)],
    );
    let pack = InPlace::open(&path).unwrap();
    let mut seen = 0;
    let stopped = pack.each_entry(|_, _, _| {
        seen += 1;
        Err(PackError::new(&path, PackProblem::TimedOut))
    });
    assert_eq!(stopped.unwrap_err().problem, PackProblem::TimedOut);
    assert_eq!(seen, 1);
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
    pack.each_entry(|_, _, _| -> Result<(), PackError> { Ok(()) })
        .unwrap_err()
        .problem
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
