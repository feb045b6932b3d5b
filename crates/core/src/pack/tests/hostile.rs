//! A corpus of hostile packs, made here by code: every way a file handed over on a USB stick can
//! be wrong, from empty to subtly re-signed. Each is refused with its reason (or, where harmless,
//! opened with the right signature status) without a panic or a hang, and the folder holding
//! them is byte for byte the same afterwards: no journal, WAL, shm or any other file appears.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use rand::{Rng, SeedableRng};

use super::*;
use crate::files::FileProblem;
use crate::trust::{Binding, SecretKey, content_hash, sign_bytes, signature_path};

type Outcome = Result<SignatureStatus, PackProblem>;

/// Runs `sql` on the pack at `path` through an ordinary writable connection.
fn rewrite(path: &Path, sql: &str) {
    let conn = Connection::open(path).unwrap();
    conn.execute_batch(sql).unwrap();
}

fn pack(dir: &Path, name: &str) -> PathBuf {
    write_pack_as(
        dir,
        name,
        &[
            (Key([1; 16]), 0, 3),
            (Key([2; 16]), 1, 1),
            (Key([3; 16]), 0, 2),
        ],
    )
}

fn tampered(dir: &Path, name: &str, sql: &str) {
    rewrite(&pack(dir, name), sql);
}

fn signed(dir: &Path, name: &str, key: &SecretKey) -> PathBuf {
    let path = pack(dir, name);
    Pack::sign(&path, key).unwrap();
    path
}

/// Writes every hostile file into `dir` and returns what opening each must give.
fn corpus(dir: &Path, trusted_key: &SecretKey, stranger: &SecretKey) -> Vec<(PathBuf, Outcome)> {
    let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(4);
    let mut out: Vec<(PathBuf, Outcome)> = Vec::new();
    let mut add = |name: &str, expected: Outcome| out.push((dir.join(name), expected));

    std::fs::write(dir.join("empty.exposure"), b"").unwrap();
    add("empty.exposure", Err(PackProblem::NotSqlite));

    let random: Vec<u8> = (0..8192).map(|_| rng.random()).collect();
    std::fs::write(dir.join("random.exposure"), &random).unwrap();
    add("random.exposure", Err(PackProblem::NotSqlite));

    std::fs::write(
        dir.join("text.exposure"),
        "not a database at all, just some text that is long enough ".repeat(4),
    )
    .unwrap();
    add("text.exposure", Err(PackProblem::NotSqlite));

    std::fs::create_dir(dir.join("folder.exposure")).unwrap();
    add("folder.exposure", Err(PackProblem::NotAFile));
    add("absent.exposure", Err(PackProblem::Missing));

    let whole = std::fs::read(pack(dir, "truncated.exposure")).unwrap();
    std::fs::write(dir.join("truncated.exposure"), &whole[..whole.len() / 2]).unwrap();
    add("truncated.exposure", Err(PackProblem::Corrupt));

    std::fs::write(dir.join("header-only.exposure"), &whole[..100]).unwrap();
    add("header-only.exposure", Err(PackProblem::Corrupt));

    let mut scribbled = whole.clone();
    for byte in &mut scribbled[4096..8192] {
        *byte = rng.random();
    }
    std::fs::write(dir.join("scribbled.exposure"), &scribbled).unwrap();
    add("scribbled.exposure", Err(PackProblem::Corrupt));

    Connection::open(dir.join("other.sqlite"))
        .unwrap()
        .execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1)")
        .unwrap();
    add("other.sqlite", Err(PackProblem::NotAPack));

    tampered(dir, "app-id.exposure", "PRAGMA application_id = 1");
    add("app-id.exposure", Err(PackProblem::NotAPack));
    tampered(dir, "user-version.exposure", "PRAGMA user_version = 3");
    add(
        "user-version.exposure",
        Err(PackProblem::UnsupportedVersion("3".into())),
    );
    // A v1 file headed as v2 goes to the v2 reader, whose header check refuses v1's page size.
    tampered(
        dir,
        "v2-header-v1-schema.exposure",
        "PRAGMA user_version = 2",
    );
    add("v2-header-v1-schema.exposure", Err(PackProblem::BadHeader));
    tampered(
        dir,
        "meta-version.exposure",
        "UPDATE meta SET value = '7' WHERE key = 'format_version'",
    );
    add(
        "meta-version.exposure",
        Err(PackProblem::UnsupportedVersion("7".into())),
    );
    // Text from the file that an error quotes: escape sequences, a line end and a bidi override,
    // and a file name holding the same (DESIGN.md §7.4: refused with a clear message, which
    // must not drive the terminal or forge a line).
    tampered(
        dir,
        "version-escapes.exposure",
        "UPDATE meta SET value = '7' || char(27) || '[2J' || char(10) || 'signature: trusted' \
         || char(8238) WHERE key = 'format_version'",
    );
    add(
        "version-escapes.exposure",
        Err(PackProblem::UnsupportedVersion(
            "7\u{1b}[2J\nsignature: trusted\u{202e}".into(),
        )),
    );
    tampered(
        dir,
        "slug-escapes.exposure",
        "UPDATE breaches SET slug = 'one' || char(7) || char(13) || char(8294), \
         data_classes = 'not json' WHERE id = 0",
    );
    add(
        "slug-escapes.exposure",
        Err(PackProblem::BadBreach("one\u{7}\r\u{2066}".into())),
    );
    // Windows allows no control character in a name: such a path names no file there either.
    add(
        "absent-\u{1b}[31m\u{202e}.exposure",
        Err(if cfg!(windows) {
            PackProblem::Unreadable(FileProblem::Io(std::io::ErrorKind::InvalidFilename))
        } else {
            PackProblem::Missing
        }),
    );
    tampered(
        dir,
        "format-name.exposure",
        "UPDATE meta SET value = 'other-format' WHERE key = 'format'",
    );
    add("format-name.exposure", Err(PackProblem::NotAPack));

    tampered(
        dir,
        "memory-cost.exposure",
        "UPDATE meta SET value = '4294967295' WHERE key = 'argon2_m'",
    );
    add(
        "memory-cost.exposure",
        Err(PackProblem::Cost(crate::keys::KeyError::CostOutOfBounds(
            Cost {
                m_kib: u32::MAX,
                t: 1,
                p: 1,
            },
        ))),
    );
    tampered(
        dir,
        "time-cost.exposure",
        "UPDATE meta SET value = '1000000000' WHERE key = 'argon2_t'",
    );
    add(
        "time-cost.exposure",
        Err(PackProblem::Cost(crate::keys::KeyError::CostOutOfBounds(
            Cost {
                m_kib: 256,
                t: 1_000_000_000,
                p: 1,
            },
        ))),
    );
    // Within the old bounds, which let a check take 4 GiB per thread or minutes per identifier.
    for (name, field, value, cost) in [
        (
            "memory-4gib.exposure",
            "argon2_m",
            "4194304",
            Cost {
                m_kib: 4 << 20,
                t: 1,
                p: 1,
            },
        ),
        (
            "passes-64.exposure",
            "argon2_t",
            "64",
            Cost {
                m_kib: 256,
                t: 64,
                p: 1,
            },
        ),
        (
            "lanes-16.exposure",
            "argon2_p",
            "16",
            Cost {
                m_kib: 256,
                t: 1,
                p: 16,
            },
        ),
    ] {
        tampered(
            dir,
            name,
            &format!("UPDATE meta SET value = '{value}' WHERE key = '{field}'"),
        );
        add(
            name,
            Err(PackProblem::Cost(crate::keys::KeyError::CostOutOfBounds(
                cost,
            ))),
        );
    }
    // Each bound alone is kept, but one hash would cost sixteen times the strong profile's.
    tampered(
        dir,
        "work.exposure",
        "UPDATE meta SET value = '262144' WHERE key = 'argon2_m'; \
         UPDATE meta SET value = '12' WHERE key = 'argon2_t'",
    );
    add(
        "work.exposure",
        Err(PackProblem::Cost(crate::keys::KeyError::CostOutOfBounds(
            Cost {
                m_kib: 262_144,
                t: 12,
                p: 1,
            },
        ))),
    );
    tampered(
        dir,
        "salt.exposure",
        "UPDATE meta SET value = 'abcd' WHERE key = 'salt'",
    );
    add("salt.exposure", Err(PackProblem::BadMeta("salt")));
    tampered(
        dir,
        "no-title.exposure",
        "DELETE FROM meta WHERE key = 'title'",
    );
    add("no-title.exposure", Err(PackProblem::BadMeta("title")));
    tampered(
        dir,
        "normalization.exposure",
        "UPDATE meta SET value = 'two' WHERE key = 'normalization'",
    );
    add(
        "normalization.exposure",
        Err(PackProblem::BadMeta("normalization")),
    );
    // Keys made under a normalization this version does not know would never match what it
    // derives: every check would be a silent miss.
    tampered(
        dir,
        "normalization-future.exposure",
        "UPDATE meta SET value = '3' WHERE key = 'normalization'",
    );
    add(
        "normalization-future.exposure",
        Err(PackProblem::UnsupportedNormalization(3)),
    );
    tampered(
        dir,
        "breach-classes.exposure",
        "UPDATE breaches SET data_classes = '[\"unknown_class\"]' WHERE id = 1",
    );
    add(
        "breach-classes.exposure",
        Err(PackProblem::BadBreach("two".into())),
    );
    // SQLite lets any column hold any type: a value of the wrong type is a malformed pack.
    tampered(
        dir,
        "meta-blob.exposure",
        "UPDATE meta SET value = X'41' WHERE key = 'curator'",
    );
    add("meta-blob.exposure", Err(PackProblem::BadValue("meta")));
    tampered(
        dir,
        "records-text.exposure",
        "UPDATE breaches SET record_count = 'many' WHERE id = 0",
    );
    add(
        "records-text.exposure",
        Err(PackProblem::BadValue("breaches")),
    );
    tampered(
        dir,
        "verified-text.exposure",
        "UPDATE breaches SET verified = 'yes' WHERE id = 1",
    );
    add(
        "verified-text.exposure",
        Err(PackProblem::BadValue("breaches")),
    );
    tampered(
        dir,
        "negative-records.exposure",
        "UPDATE breaches SET record_count = -5 WHERE id = 0",
    );
    add(
        "negative-records.exposure",
        Err(PackProblem::BadBreach("one".into())),
    );

    tampered(
        dir,
        "view.exposure",
        "DROP TABLE meta; CREATE VIEW meta AS SELECT 'format' AS key, 'exposure-pack' AS value",
    );
    add("view.exposure", Err(PackProblem::UnexpectedSchema));
    tampered(
        dir,
        "trigger.exposure",
        "CREATE TRIGGER t AFTER INSERT ON meta BEGIN SELECT 1; END",
    );
    add("trigger.exposure", Err(PackProblem::UnexpectedSchema));
    tampered(dir, "extra-table.exposure", "CREATE TABLE extra (x)");
    add("extra-table.exposure", Err(PackProblem::UnexpectedSchema));
    tampered(dir, "index.exposure", "CREATE INDEX i ON breaches (slug)");
    add("index.exposure", Err(PackProblem::UnexpectedSchema));
    // A virtual table of a module this reader does not have: SQLite must not try to load it.
    tampered(
        dir,
        "virtual-table.exposure",
        "PRAGMA writable_schema = ON; INSERT INTO sqlite_schema (type, name, tbl_name, rootpage, sql) \
         VALUES ('table', 'evil', 'evil', 0, 'CREATE VIRTUAL TABLE evil USING fts5(x)')",
    );
    add("virtual-table.exposure", Err(PackProblem::UnexpectedSchema));
    // A CHECK constraint whose expression tree is 900 deep, in a table SQLite parses on open: the
    // expression depth limit stops the parser, and SQLite calls such a schema malformed.
    let deep = vec!["x"; 900].join(" + ");
    tampered(
        dir,
        "deep-expression.exposure",
        &format!("CREATE TABLE deep (x CHECK ({deep} > 0))"),
    );
    add("deep-expression.exposure", Err(PackProblem::Corrupt));
    tampered(
        dir,
        "huge-value.exposure",
        &format!(
            "UPDATE meta SET value = '\"{}\"' WHERE key = 'title'",
            "x".repeat(5_000_000)
        ),
    );
    add("huge-value.exposure", Err(PackProblem::ValueTooLarge));

    // WAL mode, with the sidecar files a WAL database comes with: none of them may be touched.
    tampered(dir, "wal.exposure", "PRAGMA journal_mode = WAL");
    std::fs::write(dir.join("wal.exposure-wal"), b"not really a WAL").unwrap();
    std::fs::write(dir.join("wal.exposure-shm"), [0u8; 32768]).unwrap();
    add("wal.exposure", Err(PackProblem::WalMode));

    // Signed packs.
    let key_id = trusted_key.id();
    let path = signed(dir, "signed.exposure", trusted_key);
    let comment = |path: &Path| Binding {
        id: "test-pack".into(),
        format: "1".into(),
        created: "2026-01-01T00:00:00Z".into(),
        blake2b: Some(content_hash(&std::fs::read(path).unwrap())),
        root: None,
    };
    let expected_comment = comment(&path).comment().unwrap();
    add(
        "signed.exposure",
        Ok(SignatureStatus::Trusted {
            key_id,
            comment: expected_comment.clone(),
        }),
    );
    // Renamed, with its signature: the same bytes, still the same pack.
    std::fs::copy(&path, dir.join("renamed.exposure")).unwrap();
    std::fs::copy(signature_path(&path), dir.join("renamed.exposure.minisig")).unwrap();
    add(
        "renamed.exposure",
        Ok(SignatureStatus::Trusted {
            key_id,
            comment: expected_comment,
        }),
    );

    let path = signed(dir, "tampered-after-signing.exposure", trusted_key);
    rewrite(&path, "UPDATE breaches SET sensitive = 1");
    add(
        "tampered-after-signing.exposure",
        Err(PackProblem::Signature(SignatureProblem::Invalid)),
    );

    let path = signed(dir, "stranger.exposure", stranger);
    let _ = path;
    add(
        "stranger.exposure",
        Ok(SignatureStatus::UnknownSigner {
            key_id: stranger.id(),
        }),
    );

    // An older build of the same pack (another salt), beside the newer one's signature.
    let newer = signed(dir, "older.exposure", trusted_key);
    let signature = std::fs::read(signature_path(&newer)).unwrap();
    std::fs::remove_file(&newer).unwrap();
    let older = pack(dir, "older.exposure");
    rewrite(
        &older,
        "UPDATE meta SET value = '0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a0a' WHERE key = 'salt'",
    );
    std::fs::write(signature_path(&older), signature).unwrap();
    add(
        "older.exposure",
        Err(PackProblem::Signature(SignatureProblem::Invalid)),
    );

    // A valid signature over these bytes whose comment names another creation time.
    let path = pack(dir, "other-created.exposure");
    let bytes = std::fs::read(&path).unwrap();
    let binding = Binding {
        created: "2025-06-01T00:00:00Z".into(),
        ..comment(&path)
    };
    std::fs::write(
        signature_path(&path),
        sign_bytes(&bytes, trusted_key, &binding).unwrap(),
    )
    .unwrap();
    add(
        "other-created.exposure",
        Err(PackProblem::Signature(SignatureProblem::Mismatch(
            "created",
        ))),
    );

    // Legacy: the algorithm bytes of a prehashed signature turned back into "Ed".
    let path = signed(dir, "legacy.exposure", trusted_key);
    let text = std::fs::read_to_string(signature_path(&path)).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    assert!(
        lines[1].starts_with("RU"),
        "a prehashed signature starts ED"
    );
    lines[1].replace_range(..2, "RW");
    std::fs::write(signature_path(&path), lines.join("\n") + "\n").unwrap();
    add(
        "legacy.exposure",
        Err(PackProblem::Signature(SignatureProblem::Legacy)),
    );

    let path = signed(dir, "control.exposure", trusted_key);
    let text = std::fs::read_to_string(signature_path(&path)).unwrap();
    std::fs::write(
        signature_path(&path),
        text.replace("trusted comment: ", "trusted comment: \u{1b}[31m"),
    )
    .unwrap();
    add(
        "control.exposure",
        Err(PackProblem::Signature(SignatureProblem::ControlCharacter)),
    );

    let path = pack(dir, "garbage-signature.exposure");
    std::fs::write(signature_path(&path), "hello\n").unwrap();
    add(
        "garbage-signature.exposure",
        Err(PackProblem::Signature(SignatureProblem::Malformed)),
    );

    let path = pack(dir, "huge-signature.exposure");
    std::fs::write(signature_path(&path), vec![b'A'; 1 << 20]).unwrap();
    add(
        "huge-signature.exposure",
        Err(PackProblem::Signature(SignatureProblem::Unreadable(
            FileProblem::TooLarge { max: 16 * 1024 },
        ))),
    );

    let path = pack(dir, "folder-signature.exposure");
    std::fs::create_dir(signature_path(&path)).unwrap();
    add(
        "folder-signature.exposure",
        Err(PackProblem::Signature(SignatureProblem::Unreadable(
            FileProblem::NotAFile,
        ))),
    );

    // A device as the signature or as the pack: refused unread (it was read as "is a directory").
    #[cfg(unix)]
    {
        let path = pack(dir, "zero-signature.exposure");
        std::os::unix::fs::symlink("/dev/zero", signature_path(&path)).unwrap();
        add(
            "zero-signature.exposure",
            Err(PackProblem::Signature(SignatureProblem::Unreadable(
                FileProblem::NotAFile,
            ))),
        );
        std::os::unix::fs::symlink("/dev/zero", dir.join("zero.exposure")).unwrap();
        add("zero.exposure", Err(PackProblem::NotAFile));
    }
    out
}

/// Every file and folder under `dir` with its content (a link: where it points), to compare
/// before and after.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Option<Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let kind = std::fs::symlink_metadata(&path).unwrap().file_type();
            if kind.is_dir() {
                out.insert(path.clone(), None);
                stack.push(path);
            } else if kind.is_symlink() {
                let target = std::fs::read_link(&path).unwrap();
                out.insert(path, Some(target.into_os_string().into_encoded_bytes()));
            } else {
                out.insert(path.clone(), Some(std::fs::read(&path).unwrap()));
            }
        }
    }
    out
}

#[test]
fn every_hostile_pack_is_refused_or_opened_harmlessly_and_the_folder_is_unchanged() {
    let keys = tempfile::tempdir().unwrap();
    let (trusted_key, public, _) = crate::trust::tests::key_pair(keys.path(), "curator");
    let (stranger, _, _) = crate::trust::tests::key_pair(keys.path(), "stranger");
    let mut trusted = TrustedKeys::new();
    trusted.add(public);

    let dir = tempfile::tempdir().unwrap();
    let cases = corpus(dir.path(), &trusted_key, &stranger);
    assert!(cases.len() >= 20, "{} cases", cases.len());
    let before = snapshot(dir.path());
    let mut wrong = Vec::new();
    for (path, expected) in &cases {
        let started = Instant::now();
        let outcome = std::panic::catch_unwind(|| {
            open_verified(path, &trusted)
                .map(|(_, status)| status)
                .map_err(|e| e.problem)
        });
        let elapsed = started.elapsed();
        let name = path.file_name().unwrap().to_string_lossy();
        match outcome {
            Err(_) => wrong.push(format!("{name}: panicked")),
            Ok(outcome) if &outcome != expected => {
                wrong.push(format!("{name}: {outcome:?}, expected {expected:?}"))
            }
            Ok(_) if elapsed > Duration::from_secs(10) => {
                wrong.push(format!("{name}: took {elapsed:?}"))
            }
            Ok(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        snapshot(dir.path()) == before,
        "opening the corpus created, removed or changed a file"
    );
}

#[test]
fn every_refusal_of_the_corpus_renders_in_both_languages_naming_the_pack() {
    let keys = tempfile::tempdir().unwrap();
    let (trusted_key, _, _) = crate::trust::tests::key_pair(keys.path(), "curator");
    let (stranger, _, _) = crate::trust::tests::key_pair(keys.path(), "stranger");
    let dir = tempfile::tempdir().unwrap();
    for (path, _) in corpus(dir.path(), &trusted_key, &stranger) {
        let Err(error) = open_verified(&path, &TrustedKeys::new()) else {
            continue;
        };
        let message = Message::from(&error);
        for lang in Lang::ALL {
            let text = crate::l10n::localizer_for(lang).message(&message);
            let name = path.file_name().unwrap().to_string_lossy();
            assert!(text.contains(safe_line(&name).as_ref()), "{text}");
            assert!(!text.contains(message.message_id), "untranslated: {text}");
            assert_eq!(safe_line(&text), text, "shown as one escaped line");
        }
    }
}
