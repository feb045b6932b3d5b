use std::collections::BTreeSet;

use super::*;
use crate::keys::cost::Profile;

mod hostile;

pub(crate) fn meta() -> PackMeta {
    PackMeta {
        id: "test-pack".into(),
        title: Text::Localized(BTreeMap::from([
            ("en".to_owned(), "Test pack".to_owned()),
            ("zh-CN".to_owned(), "测试数据包".to_owned()),
        ])),
        curator: "Tests".into(),
        created: "2026-01-01T00:00:00Z".into(),
        salt: Salt([9; 16]),
        cost: Profile::Test.cost(),
        default_region: Region::CN,
        entry_count: 0,
        classes: ClassTable::new(
            crate::classes::STANDARD
                .iter()
                .map(|c| c.to_string())
                .collect(),
        )
        .unwrap(),
        demo: false,
        generator: "tests".into(),
        normalization: crate::identifier::NORMALIZATION_VERSION,
        synthetic: false,
        format_version: v1::VERSION,
    }
}

pub(crate) fn breach(index: u32, slug: &str) -> Breach {
    Breach {
        index,
        slug: slug.into(),
        title: Text::Plain(slug.to_uppercase()),
        description: Text::default(),
        date: Some("2022-06-30".into()),
        record_count: 10,
        data_classes: vec!["names".into(), "phone_numbers".into()],
        verified: true,
        sensitive: false,
    }
}

fn write_pack(dir: &Path, entries: &[(Key, u32, u64)]) -> PathBuf {
    write_pack_as(dir, "test.exposure", entries)
}

pub(in crate::pack) fn write_pack_as(
    dir: &Path,
    name: &str,
    entries: &[(Key, u32, u64)],
) -> PathBuf {
    let path = dir.join(name);
    let mut writer =
        v1::Writer::create(&path, &meta(), &[breach(0, "one"), breach(1, "two")]).unwrap();
    for (key, breach, classes) in entries {
        writer.push(key, *breach, *classes).unwrap();
    }
    writer.finish().unwrap();
    path
}

pub(in crate::pack) fn files_in(dir: &Path) -> BTreeSet<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn a_written_pack_reads_back_with_its_metadata_and_entries() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(
        dir.path(),
        &[
            (Key([1; 16]), 0, 3),
            (Key([1; 16]), 1, 2),
            (Key([2; 16]), 1, 1),
        ],
    );
    let pack = Pack::open(&path).unwrap();
    assert_eq!(pack.meta().id, "test-pack");
    assert_eq!(pack.meta().entry_count, 3);
    assert_eq!(pack.meta().title.get(Lang::ZhCn), "测试数据包");
    assert_eq!(pack.breaches().len(), 2);
    assert_eq!(
        pack.lookup(&Key([1; 16])).unwrap(),
        [
            Hit {
                breach: 0,
                classes: 3
            },
            Hit {
                breach: 1,
                classes: 2
            }
        ]
    );
    assert!(pack.lookup(&Key([3; 16])).unwrap().is_empty());
}

#[test]
fn a_v1_packs_entries_come_back_in_key_and_breach_order_across_pages() {
    let dir = tempfile::tempdir().unwrap();
    // More entries than a page of v1::PAGE_ROWS, two breaches under some keys.
    let mut entries: Vec<(Key, u32, u64)> = (0..5000u64)
        .flat_map(|i| {
            let mut key = Key([0; KEY_LEN]);
            key.0[..8].copy_from_slice(&i.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_be_bytes());
            key.0[15] = i as u8;
            let mut entries = vec![(key, 0, 1 + i % 3)];
            if i % 7 == 0 {
                entries.push((key, 1, 2));
            }
            entries
        })
        .collect();
    entries.sort_by_key(|(key, breach, _)| (*key, *breach));
    let pack = Pack::open(&write_pack(dir.path(), &entries)).unwrap();
    let read: Vec<(Key, u32, u64)> = pack.entries().collect::<Result<_, _>>().unwrap();
    assert_eq!(read, entries);
}

#[test]
fn a_pack_records_its_normalization_and_an_older_pack_without_one_is_version_1() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &[(Key([1; 16]), 0, 3)]);
    assert_eq!(Pack::open(&path).unwrap().meta().normalization, 2);
    Connection::open(&path)
        .unwrap()
        .execute_batch("DELETE FROM meta WHERE key = 'normalization'")
        .unwrap();
    assert_eq!(Pack::open(&path).unwrap().meta().normalization, 1);
}

#[test]
fn opening_and_querying_a_pack_creates_no_file_and_changes_none() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &[(Key([1; 16]), 0, 3)]);
    let before = std::fs::read(&path).unwrap();
    let names = files_in(dir.path());
    let pack = Pack::open(&path).unwrap();
    pack.lookup(&Key([1; 16])).unwrap();
    assert_eq!(
        files_in(dir.path()),
        names,
        "a journal, WAL or shm file appeared"
    );
    drop(pack);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(files_in(dir.path()), names);
}

#[test]
fn a_read_only_pack_file_opens() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &[(Key([1; 16]), 0, 3)]);
    // No write permission on Unix, the read-only attribute on Windows (a pack on a locked USB
    // stick, a file copied from a CD).
    let mut permissions = std::fs::metadata(&path).unwrap().permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&path, permissions).unwrap();
    assert!(Pack::open(&path).is_ok());
}

#[test]
fn a_refusal_names_the_pack_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let error = Pack::open(&dir.path().join("absent.exposure")).unwrap_err();
    let message = Message::from(&error);
    for lang in Lang::ALL {
        let text = crate::l10n::localizer_for(lang).message(&message);
        assert!(text.contains("absent.exposure"), "{text}");
    }
}

#[test]
fn texts_fall_back_from_the_language_to_english_to_any() {
    let text = Text::Localized(BTreeMap::from([("en".to_owned(), "Title".to_owned())]));
    assert_eq!(text.get(Lang::ZhCn), "Title");
    let chinese = Text::Localized(BTreeMap::from([("zh".to_owned(), "标题".to_owned())]));
    assert_eq!(chinese.get(Lang::ZhCn), "标题");
    assert_eq!(chinese.get(Lang::En), "标题");
    assert_eq!(Text::Plain("x".into()).get(Lang::ZhCn), "x");
}

#[test]
fn traditional_chinese_takes_its_own_text_then_simplified_before_english() {
    let both = |tags: &[(&str, &str)]| {
        Text::Localized(
            tags.iter()
                .map(|(tag, text)| ((*tag).to_owned(), (*text).to_owned()))
                .collect(),
        )
    };
    let simplified = both(&[("en", "Police"), ("zh-CN", "警方数据库")]);
    assert_eq!(simplified.get(Lang::ZhTw), "警方数据库");
    let traditional = both(&[
        ("en", "Police"),
        ("zh-CN", "警方数据库"),
        ("zh-Hant", "警方資料庫"),
    ]);
    assert_eq!(traditional.get(Lang::ZhTw), "警方資料庫");
    assert_eq!(traditional.get(Lang::ZhCn), "警方数据库");
    assert_eq!(both(&[("en", "Police")]).get(Lang::ZhTw), "Police");
}

#[test]
fn a_statement_past_its_deadline_is_interrupted() {
    let dir = tempfile::tempdir().unwrap();
    let pack = Pack::open(&write_pack(dir.path(), &[(Key([1; 16]), 0, 3)])).unwrap();
    let Body::V1(entries) = &pack.body else {
        panic!("written as v1");
    };
    entries.deadline.start(Duration::from_millis(50));
    let started = Instant::now();
    let endless = entries.conn.query_row(
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
        [],
        |row| row.get::<_, i64>(0),
    );
    assert_eq!(sqlite_problem(&endless.unwrap_err()), PackProblem::TimedOut);
    assert!(started.elapsed() < Duration::from_secs(2));
    // The next lookup gets a fresh budget.
    assert_eq!(pack.lookup(&Key([1; 16])).unwrap().len(), 1);
}

#[test]
fn a_signed_pack_is_trusted_by_its_key_and_an_unknown_signer_otherwise() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &[(Key([1; 16]), 0, 3)]);
    let (secret, public, _) = crate::trust::tests::key_pair(dir.path(), "curator");
    let signature = Pack::sign(&path, &secret).unwrap();
    assert_eq!(signature, dir.path().join("test.exposure.minisig"));
    let mut trusted = TrustedKeys::new();
    trusted.add(public.clone());
    let (_, status) = open_verified(&path, &trusted).unwrap();
    let SignatureStatus::Trusted { key_id, comment } = status else {
        panic!("{status:?}");
    };
    assert_eq!(key_id, public.id());
    assert!(
        comment.starts_with(
            "exposure-pack id=test-pack format=1 created=2026-01-01T00:00:00Z blake2b="
        ),
        "{comment}"
    );
    let (_, status) = open_verified(&path, &TrustedKeys::new()).unwrap();
    assert_eq!(status, SignatureStatus::UnknownSigner { key_id });
    std::fs::remove_file(&signature).unwrap();
    let (_, status) = open_verified(&path, &trusted).unwrap();
    assert_eq!(status, SignatureStatus::Unsigned);
}

/// `check --pack P --pack COPY` must check one pack: a copy under another name, signed or not,
/// is the same pack; a pack with the same metadata but other entries is not.
#[test]
fn a_copy_under_another_name_is_the_same_pack_and_other_entries_are_another() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &[(Key([1; 16]), 0, 3)]);
    let copy = dir.path().join("copy.exposure");
    std::fs::copy(&path, &copy).unwrap();
    let other = write_pack_as(dir.path(), "other.exposure", &[(Key([2; 16]), 0, 3)]);
    let (secret, public, _) = crate::trust::tests::key_pair(dir.path(), "curator");
    Pack::sign(&path, &secret).unwrap();
    let mut trusted = TrustedKeys::new();
    trusted.add(public);
    let (signed, status) = open_verified(&path, &trusted).unwrap();
    assert!(
        matches!(status, SignatureStatus::Trusted { .. }),
        "{status:?}"
    );
    let copy = Pack::open(&copy).unwrap();
    let other = Pack::open(&other).unwrap();
    assert_eq!(copy.meta(), other.meta());
    assert!(signed.is_same_pack(&copy) && copy.is_same_pack(&signed));
    assert!(!copy.is_same_pack(&other));
}

#[test]
fn a_valid_signature_binding_another_pack_refuses_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_pack(dir.path(), &[(Key([1; 16]), 0, 3)]);
    let (secret, public, _) = crate::trust::tests::key_pair(dir.path(), "curator");
    let bytes = std::fs::read(&path).unwrap();
    let honest = Binding {
        id: "test-pack".into(),
        format: "1".into(),
        created: "2026-01-01T00:00:00Z".into(),
        blake2b: Some(crate::trust::content_hash(&bytes)),
        root: None,
    };
    let mut trusted = TrustedKeys::new();
    trusted.add(public);
    for (binding, field) in [
        (
            Binding {
                id: "other-pack".into(),
                ..honest.clone()
            },
            "id",
        ),
        (
            Binding {
                created: "2025-01-01T00:00:00Z".into(),
                ..honest.clone()
            },
            "created",
        ),
        (
            Binding {
                format: "2".into(),
                blake2b: None,
                root: Some("ab".repeat(32)),
                ..honest.clone()
            },
            "format",
        ),
        (
            Binding {
                blake2b: Some(crate::trust::content_hash(b"another pack")),
                ..honest.clone()
            },
            "blake2b",
        ),
    ] {
        let signature = crate::trust::sign_bytes(&bytes, &secret, &binding).unwrap();
        std::fs::write(crate::trust::signature_path(&path), signature).unwrap();
        assert_eq!(
            open_verified(&path, &trusted).unwrap_err().problem,
            PackProblem::Signature(SignatureProblem::Mismatch(field))
        );
    }
}

/// A file is judged by its first 100 bytes before its size or the rest of it: one of 3 GiB that
/// is not SQLite is "not SQLite", not "too large", and is not read. Sparse: it takes no disk.
#[test]
fn a_huge_file_that_is_not_sqlite_is_refused_by_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.exposure");
    let file = std::fs::File::create(&path).unwrap();
    std::io::Write::write_all(&mut &file, b"PK\x03\x04 a zip archive, not a pack").unwrap();
    file.set_len(3 << 30).unwrap();
    assert_eq!(
        Pack::open(&path).unwrap_err().problem,
        PackProblem::NotSqlite
    );
}

/// A merge writes what shard parts on disk say: an entry naming a breach or a class the pack
/// does not have would make every hit on it a refusal, so the writer refuses it instead.
#[test]
fn the_writer_refuses_an_entry_beyond_its_breaches_or_classes() {
    let dir = tempfile::tempdir().unwrap();
    let classes = crate::classes::STANDARD.len();
    let path = dir.path().join("out.exposure");
    let mut writer =
        v1::Writer::create(&path, &meta(), &[breach(0, "one"), breach(1, "two")]).unwrap();
    writer
        .push(&Key([1; KEY_LEN]), 1, (1 << classes) - 1)
        .unwrap();
    for (breach, classes) in [(2, 1), (0, 1 << classes)] {
        let refused = writer
            .push(&Key([2; KEY_LEN]), breach, classes)
            .unwrap_err();
        assert_eq!(refused.problem, PackProblem::EntryOutOfRange);
    }
}

/// What a build may replace without `--force`: a pack of ours of any format version, judged by
/// its header alone; a pipe at that name is no pack, and asking never blocks on it.
#[test]
fn only_a_file_headed_as_our_pack_is_taken_for_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let pack = write_pack(dir.path(), &[]);
    assert!(is_pack_file(&pack));
    let newer = dir.path().join("newer.exposure");
    std::fs::copy(&pack, &newer).unwrap();
    rusqlite::Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    assert!(is_pack_file(&newer));
    let other = dir.path().join("other.db");
    rusqlite::Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    assert!(!is_pack_file(&other));
    assert!(!is_pack_file(&dir.path().join("nowhere")));
    #[cfg(unix)]
    {
        let fifo = dir.path().join("fifo.exposure");
        crate::files::tests::mkfifo(&fifo);
        assert!(!is_pack_file(&fifo));
    }
}
