//! The hostile corpus of format v2 (issue 12; docs/pack-format.md §5.4 and §7.3), made by code
//! from three packs written by the v2 writer: a small one, a copy of it signed by a
//! trusted key, and a deep one (two tree levels, buckets over several B-tree pages). Each case is
//! refused (at open, or by the lookups that read what was changed) or harmless, and never gives
//! an answer the untouched pack would not give: a miss never becomes a hit, a hit never a miss.
//! No case panics or hangs, and the folder is byte for byte the same afterwards.

use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proptest::prelude::*;
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
use rusqlite::Connection;

use super::open::{breach, key, meta, write};
use crate::keys::Key;
use crate::l10n::{Lang, Message, localizer_for, safe_line};
use crate::pack::v2::params::{MAX_BUCKET_BYTES, PAGE_SIZE, Params, TREE_ARITY, node_id, prefix};
use crate::pack::v2::{bucket, reseal, tree};
use crate::pack::{Hit, PackError, PackProblem, open_verified, v1};
use crate::progress::Silent;
use crate::trust::{SecretKey, SignatureProblem, TrustedKeys, signature_path};

/// Keys of the small packs (every third also in a second breach): 16 buckets, one tree level.
const SMALL: u64 = 3000;
/// Keys of another small pack: every bucket differs from the small one's, the file's length not.
const OTHER: u64 = 3080;
/// Keys of the deep pack: 512 buckets under 3 level-1 nodes.
const DEEP: u64 = 70_000;
/// Keys looked up past the stored ones: all misses.
const MISSES: u64 = 200;

/// The untouched pack a case was made from, whose answers it must keep.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Base {
    Small,
    Signed,
    Deep,
}

impl Base {
    /// Known hits and known misses: every key of a small pack, every 31st of the deep one.
    fn probes(self) -> Vec<Key> {
        let (count, step) = match self {
            Base::Small | Base::Signed => (SMALL, 1),
            Base::Deep => (DEEP, 31),
        };
        (0..count + MISSES).step_by(step).map(key).collect()
    }
}

/// What a hostile pack must do.
#[derive(Debug, Clone, PartialEq)]
enum Expect {
    /// Refused at open, for this reason.
    Open(PackProblem),
    /// Opens; every lookup into what was changed is refused for this reason (at least one is),
    /// and so is a full verification.
    Lookup(PackProblem),
    /// Refused at open or by at least one lookup, for whatever reason SQLite's damage gives.
    Refused,
    /// Refused or harmless.
    NoWrongAnswer,
}

struct Case {
    name: String,
    base: Base,
    expect: Expect,
}

/// What opening a pack and looking up every probe gave.
struct Run {
    open: Result<(), PackError>,
    answers: Vec<Result<Vec<Hit>, PackError>>,
    verified: Option<Result<(), PackError>>,
    /// The longest single operation (the open, one lookup or the full verification).
    slowest: Duration,
}

fn run(path: &Path, trusted: &TrustedKeys, probes: &[Key]) -> Run {
    let started = Instant::now();
    let pack = match open_verified(path, trusted) {
        Ok((pack, _)) => pack,
        Err(error) => {
            return Run {
                open: Err(error),
                answers: Vec::new(),
                verified: None,
                slowest: started.elapsed(),
            };
        }
    };
    let mut slowest = started.elapsed();
    let mut timed = |started: Instant| slowest = slowest.max(started.elapsed());
    let answers = probes
        .iter()
        .map(|probe| {
            let started = Instant::now();
            let answer = pack.lookup(probe);
            timed(started);
            answer
        })
        .collect();
    let started = Instant::now();
    let verified = Some(pack.verify_all(&Silent));
    timed(started);
    Run {
        open: Ok(()),
        answers,
        verified,
        slowest,
    }
}

/// No sound operation comes near this: five times the reader's own deadline on a statement. It
/// only tells a hang from an answer.
const HANG: Duration = Duration::from_secs(10);

/// Why `run` breaks the rules for `case`, if it does. Names cases and probe numbers, never a key.
fn judge(case: &Case, run: &Run, expected: &[Vec<Hit>]) -> Vec<String> {
    let mut wrong = Vec::new();
    let name = &case.name;
    if run.slowest > HANG {
        wrong.push(format!("{name}: took {:?}", run.slowest));
    }
    for (probe, answer) in run.answers.iter().enumerate() {
        if let Ok(hits) = answer
            && *hits != expected[probe]
        {
            wrong.push(format!("{name}: a wrong answer for probe {probe}"));
        }
    }
    let refusals: Vec<&PackError> = run
        .open
        .as_ref()
        .err()
        .into_iter()
        .chain(run.answers.iter().filter_map(|a| a.as_ref().err()))
        .chain(run.verified.iter().filter_map(|v| v.as_ref().err()))
        .collect();
    for error in &refusals {
        if let Some(problem) = unnamed(error, name) {
            wrong.push(problem);
        }
    }
    let refused_lookups: Vec<&PackProblem> = run
        .answers
        .iter()
        .filter_map(|a| a.as_ref().err().map(|e| &e.problem))
        .collect();
    match &case.expect {
        Expect::Open(problem) => match &run.open {
            Err(error) if error.problem == *problem => {}
            other => wrong.push(format!(
                "{name}: opened as {:?}, expected {problem:?}",
                other.as_ref().map_err(|e| &e.problem)
            )),
        },
        Expect::Lookup(problem) => {
            if let Err(error) = &run.open {
                wrong.push(format!("{name}: refused at open: {:?}", error.problem));
            } else if refused_lookups.is_empty() {
                wrong.push(format!("{name}: no lookup was refused"));
            } else if let Some(other) = refused_lookups.iter().find(|p| **p != problem) {
                wrong.push(format!("{name}: a lookup refused as {other:?}"));
            }
            if run.verified.as_ref().is_some_and(Result::is_ok) {
                wrong.push(format!("{name}: the full verification passed"));
            }
        }
        Expect::Refused => {
            if run.open.is_ok() && refused_lookups.is_empty() {
                wrong.push(format!("{name}: neither the open nor a lookup was refused"));
            }
        }
        Expect::NoWrongAnswer => {}
    }
    wrong
}

/// A refusal's message in every language must name the pack, translated, on one escaped line.
fn unnamed(error: &PackError, name: &str) -> Option<String> {
    let message = Message::from(error);
    Lang::ALL.into_iter().find_map(|lang| {
        let text = localizer_for(lang).message(&message);
        let named = text.contains(safe_line(name).as_ref());
        let translated = !text.contains(message.message_id);
        (!named || !translated || safe_line(&text) != text)
            .then(|| format!("{name}: the message in {lang:?} is {text:?}"))
    })
}

/// Every offset of `needle` in `haystack`, at least one: SQLite may leave a stale copy of a
/// cell it moved in the file's unused space, and a case changes every copy to be sure of
/// changing the live one.
fn found(haystack: &[u8], needle: &[u8]) -> Vec<usize> {
    let offsets: Vec<usize> = haystack
        .windows(needle.len())
        .enumerate()
        .filter(|(_, window)| *window == needle)
        .map(|(at, _)| at)
        .collect();
    assert!(!offsets.is_empty(), "the bytes are in the file");
    offsets
}

/// Flips the lowest bit of byte `within` of every copy of `needle` in the file at `path`.
fn flip(path: &Path, needle: &[u8], within: usize) {
    edit_bytes(path, |bytes| {
        for at in found(bytes, needle) {
            bytes[at + within] ^= 0x01;
        }
    });
}

fn query_blob(path: &Path, sql: &str) -> Vec<u8> {
    Connection::open(path)
        .unwrap()
        .query_row(sql, [], |row| row.get(0))
        .unwrap()
}

fn execute(path: &Path, sql: &str) {
    Connection::open(path).unwrap().execute_batch(sql).unwrap();
}

fn page_count(bytes: &[u8]) -> u32 {
    u32::from_be_bytes(bytes[28..32].try_into().unwrap())
}

fn set_page_count(bytes: &mut [u8], count: u32) {
    bytes[28..32].copy_from_slice(&count.to_be_bytes());
}

/// The first page of `table`'s B-tree, from 1.
fn root_page(path: &Path, table: &str) -> usize {
    Connection::open(path)
        .unwrap()
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [table],
            |row| row.get::<_, i64>(0),
        )
        .unwrap() as usize
}

/// Recomputes every node from the buckets as they now are, then the root: what anyone can do to
/// a pack after changing its buckets, so only a signature can tell.
fn rehash(path: &Path) {
    let conn = Connection::open(path).unwrap();
    let mut hashes: Vec<tree::Hash> = conn
        .prepare("SELECT id, data FROM buckets ORDER BY id")
        .unwrap()
        .query_map([], |row| {
            let index = row.get::<_, i64>(0)? as u64;
            Ok(tree::leaf(index, &row.get::<_, Vec<u8>>(1)?))
        })
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    for level in 1.. {
        let nodes: Vec<Vec<u8>> = hashes
            .chunks(TREE_ARITY as usize)
            .map(<[tree::Hash]>::concat)
            .collect();
        for (index, content) in nodes.iter().enumerate() {
            conn.execute(
                "UPDATE nodes SET hashes = ?1 WHERE id = ?2",
                rusqlite::params![content, node_id(level, index as u64)],
            )
            .unwrap();
        }
        if nodes.len() == 1 {
            break;
        }
        hashes = nodes
            .iter()
            .enumerate()
            .map(|(index, content)| tree::node(level, index as u64, content))
            .collect();
    }
    drop(conn);
    reseal(path).unwrap();
}

/// Rewrites the bucket of `key` by `edit` (given its entries and the key's suffix) and makes the
/// whole pack consistent again: a forgery only a signature catches.
fn forge(path: &Path, key: &Key, edit: impl FnOnce(&mut Vec<bucket::Slot>, u128)) {
    let conn = Connection::open(path).unwrap();
    let entries: u64 = conn
        .query_row(
            "SELECT value FROM meta WHERE key = 'entry_count'",
            [],
            |row| row.get::<_, String>(0),
        )
        .unwrap()
        .parse()
        .unwrap();
    let palette: Vec<(u32, u64)> = conn
        .prepare("SELECT breach, entries FROM palette ORDER BY code")
        .unwrap()
        .query_map([], |row| Ok((row.get(0)?, row.get(1)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let (breaches, counts): (Vec<u32>, Vec<u64>) = palette.into_iter().unzip();
    let params = Params::new(entries, &counts).unwrap();
    let (index, suffix) = params.locate(prefix(key));
    let blob: Vec<u8> = conn
        .query_row(
            "SELECT data FROM buckets WHERE id = ?1",
            [index as i64],
            |row| row.get(0),
        )
        .unwrap();
    let mut slots = bucket::decode(&params, &breaches, &blob).unwrap();
    edit(&mut slots, suffix);
    slots.sort();
    conn.execute(
        "UPDATE buckets SET data = ?1 WHERE id = ?2",
        rusqlite::params![bucket::encode(&params, &slots).unwrap(), index as i64],
    )
    .unwrap();
    drop(conn);
    rehash(path);
}

/// Adds `key` to its bucket with palette code 0: a new hit.
fn add_hit(slots: &mut Vec<bucket::Slot>, suffix: u128) {
    slots.push((suffix, 0));
}

/// Removes every entry of `key` from its bucket: a lost hit.
fn remove_hit(slots: &mut Vec<bucket::Slot>, suffix: u128) {
    slots.retain(|(stored, _)| *stored != suffix);
}

/// A copy of `from` (with its signature, if it has one) named `name` in `dir`.
fn copy(from: &Path, dir: &Path, name: &str) -> PathBuf {
    let to = dir.join(name);
    std::fs::copy(from, &to).unwrap();
    if signature_path(from).exists() {
        std::fs::copy(signature_path(from), signature_path(&to)).unwrap();
    }
    to
}

fn edit_bytes(path: &Path, edit: impl FnOnce(&mut Vec<u8>)) {
    let mut bytes = std::fs::read(path).unwrap();
    edit(&mut bytes);
    std::fs::write(path, bytes).unwrap();
}

/// The three untouched packs, each in a folder of its own: a case is a changed copy.
struct Bases {
    small: PathBuf,
    signed: PathBuf,
    deep: PathBuf,
    /// Another small pack with the same meta and other entries, signed by the same key.
    other: PathBuf,
}

impl Bases {
    fn new(dir: &Path, key: &SecretKey) -> Bases {
        let small = write(dir, "small.exposure", SMALL);
        let signed = copy(&small, dir, "signed.exposure");
        crate::pack::Pack::sign(&signed, key).unwrap();
        let other = write(dir, "other.exposure", OTHER);
        crate::pack::Pack::sign(&other, key).unwrap();
        let deep = write(dir, "deep.exposure", DEEP);
        Bases {
            small,
            signed,
            deep,
            other,
        }
    }

    fn path(&self, base: Base) -> &Path {
        match base {
            Base::Small => &self.small,
            Base::Signed => &self.signed,
            Base::Deep => &self.deep,
        }
    }
}

/// Writes every hostile pack into `dir` and says what each must do.
fn corpus(dir: &Path, bases: &Bases) -> Vec<Case> {
    let mut cases = Vec::new();
    let mut add = |name: &str, base: Base, expect: Expect| {
        cases.push(Case {
            name: name.to_owned(),
            base,
            expect,
        });
    };
    let make = |name: &str, base: Base| copy(bases.path(base), dir, name);
    let small_bytes = std::fs::read(&bases.small).unwrap();

    // A byte of one bucket's BLOB: its leaf hash no longer matches its node.
    let bucket_3 = query_blob(&bases.small, "SELECT data FROM buckets WHERE id = 3");
    for (name, base) in [
        ("bucket-byte.exposure", Base::Small),
        ("signed-bucket-byte.exposure", Base::Signed),
    ] {
        flip(&make(name, base), &bucket_3, bucket_3.len() / 2);
        add(name, base, Expect::Lookup(PackProblem::Damaged));
    }

    // A byte of the top node (read and hashed into the root at open), and of a level-1 node
    // below the top of the deep pack (checked by the lookups whose bucket lies under it).
    let top = query_blob(&bases.small, "SELECT hashes FROM nodes");
    flip(&make("top-node-byte.exposure", Base::Small), &top, 40);
    add(
        "top-node-byte.exposure",
        Base::Small,
        Expect::Open(PackProblem::RootMismatch),
    );
    let deep_bytes = std::fs::read(&bases.deep).unwrap();
    let node = query_blob(
        &bases.deep,
        &format!("SELECT hashes FROM nodes WHERE id = {}", node_id(1, 1)),
    );
    flip(&make("node-byte.exposure", Base::Deep), &node, 32 * 100 + 5);
    add(
        "node-byte.exposure",
        Base::Deep,
        Expect::Lookup(PackProblem::Damaged),
    );

    // A byte of meta (the curator) and of breaches (a slug): the root differs, and for the
    // signed pack it differs from the one its signature binds.
    for (name, base, needle, within, problem) in [
        (
            "meta-byte.exposure",
            Base::Small,
            &b"Tests"[..],
            0,
            PackProblem::RootMismatch,
        ),
        (
            "breaches-byte.exposure",
            Base::Small,
            b"breach-1",
            7,
            PackProblem::RootMismatch,
        ),
        (
            "signed-meta-byte.exposure",
            Base::Signed,
            b"Tests",
            0,
            PackProblem::Signature(SignatureProblem::Invalid),
        ),
    ] {
        flip(&make(name, base), needle, within);
        add(name, base, Expect::Open(problem));
    }

    // The first child pointer of the buckets table's interior root page, pointed one page
    // off: SQLite finds another page's rows, or none, or calls the file corrupt.
    let buckets_root = root_page(&bases.deep, "buckets");
    let page = (buckets_root - 1) * PAGE_SIZE as usize;
    assert_eq!(
        deep_bytes[page], 0x05,
        "the buckets root is an interior page"
    );
    let first_cell = usize::from(u16::from_be_bytes([
        deep_bytes[page + 12],
        deep_bytes[page + 13],
    ]));
    edit_bytes(&make("interior-page.exposure", Base::Deep), |b| {
        b[page + first_cell + 3] ^= 0x01
    });
    add("interior-page.exposure", Base::Deep, Expect::Refused);

    // Buckets are dense: a missing one is damage, never a miss; swapped ones hash as their ids.
    execute(
        &make("missing-bucket.exposure", Base::Small),
        "DELETE FROM buckets WHERE id = 3",
    );
    add(
        "missing-bucket.exposure",
        Base::Small,
        Expect::Lookup(PackProblem::Damaged),
    );
    execute(
        &make("swapped-buckets.exposure", Base::Small),
        "UPDATE buckets SET data = (SELECT data FROM buckets AS other WHERE other.id = 7 - buckets.id) \
         WHERE id IN (2, 5)",
    );
    add(
        "swapped-buckets.exposure",
        Base::Small,
        Expect::Lookup(PackProblem::Damaged),
    );

    // The header's page count: lying, or made true over a page appended.
    let pages = page_count(&small_bytes);
    edit_bytes(&make("page-count-lies.exposure", Base::Small), |b| {
        set_page_count(b, pages + 1)
    });
    add(
        "page-count-lies.exposure",
        Base::Small,
        Expect::Open(PackProblem::LengthMismatch),
    );
    edit_bytes(&make("page-count-stale.exposure", Base::Small), |b| {
        b[95] ^= 0x01
    });
    add(
        "page-count-stale.exposure",
        Base::Small,
        Expect::Open(PackProblem::LengthMismatch),
    );
    edit_bytes(&make("trailing-bytes.exposure", Base::Small), |b| {
        b.extend_from_slice(b"appended")
    });
    add(
        "trailing-bytes.exposure",
        Base::Small,
        Expect::Open(PackProblem::LengthMismatch),
    );
    edit_bytes(&make("trailing-page.exposure", Base::Small), |b| {
        b.resize(b.len() + PAGE_SIZE as usize, 0);
        set_page_count(b, pages + 1);
    });
    add("trailing-page.exposure", Base::Small, Expect::NoWrongAnswer);

    // Truncated: before the header ends, after it, at and off page boundaries, and by a whole
    // page with the page count made to agree.
    let length = small_bytes.len();
    for (at, problem) in [
        (0, PackProblem::NotSqlite),
        (99, PackProblem::NotSqlite),
        (100, PackProblem::LengthMismatch),
        (PAGE_SIZE as usize, PackProblem::LengthMismatch),
        (length / 2 + 1, PackProblem::LengthMismatch),
        (length - PAGE_SIZE as usize, PackProblem::LengthMismatch),
        (length - 1, PackProblem::LengthMismatch),
    ] {
        let name = format!("truncated-{at}.exposure");
        edit_bytes(&make(&name, Base::Small), |b| b.truncate(at));
        add(&name, Base::Small, Expect::Open(problem));
    }
    edit_bytes(&make("truncated-counted.exposure", Base::Small), |b| {
        b.truncate(length - PAGE_SIZE as usize);
        set_page_count(b, pages - 1);
    });
    add("truncated-counted.exposure", Base::Small, Expect::Refused);
    edit_bytes(&make("signed-truncated.exposure", Base::Signed), |b| {
        b.truncate(length / 2)
    });
    add(
        "signed-truncated.exposure",
        Base::Signed,
        Expect::Open(PackProblem::LengthMismatch),
    );

    // The signature of another pack of the same id and creation time: its root is not this one.
    let path = make("root-of-another-pack.exposure", Base::Small);
    std::fs::copy(signature_path(&bases.other), signature_path(&path)).unwrap();
    add(
        "root-of-another-pack.exposure",
        Base::Signed,
        Expect::Open(PackProblem::Signature(SignatureProblem::Invalid)),
    );

    // A v1 pack's tables in a file headed as v2 (its page size too), and a v2 pack headed as v1.
    let path = dir.join("v2-header-v1-schema.exposure");
    let mut writer = v1::Writer::create(&path, &meta(), &[breach(0), breach(1)]).unwrap();
    writer.push(&key(1), 0, 1).unwrap();
    writer.finish().unwrap();
    execute(
        &path,
        "PRAGMA page_size = 16384; VACUUM; PRAGMA user_version = 2",
    );
    add(
        "v2-header-v1-schema.exposure",
        Base::Small,
        Expect::Open(PackProblem::UnexpectedSchema),
    );
    execute(
        &make("v1-header-v2-schema.exposure", Base::Small),
        "PRAGMA user_version = 1",
    );
    add(
        "v1-header-v2-schema.exposure",
        Base::Small,
        Expect::Open(PackProblem::UnexpectedSchema),
    );

    // Absurd buckets, hashed into a consistent tree and root so that the decoder meets them: a
    // BLOB over the limit, and a count of 65535 entries over a stream of a few.
    execute(
        &make("bucket-over-limit.exposure", Base::Small),
        &format!(
            "UPDATE buckets SET data = zeroblob({}) WHERE id = 3",
            MAX_BUCKET_BYTES + 1
        ),
    );
    rehash(&dir.join("bucket-over-limit.exposure"));
    add(
        "bucket-over-limit.exposure",
        Base::Small,
        Expect::Lookup(PackProblem::BadBucket),
    );
    execute(
        &make("bucket-count-65535.exposure", Base::Small),
        "UPDATE buckets SET data = CAST(x'ffff' || substr(data, 3) AS BLOB) WHERE id = 3",
    );
    rehash(&dir.join("bucket-count-65535.exposure"));
    add(
        "bucket-count-65535.exposure",
        Base::Small,
        Expect::Lookup(PackProblem::BadBucket),
    );

    // Spliced from two valid packs of the same length: the other's pages from half-way, and
    // the other's page where this one holds bucket 3.
    let other_bytes = std::fs::read(&bases.other).unwrap();
    assert_eq!(other_bytes.len(), length, "packs of the same page count");
    let page = PAGE_SIZE as usize;
    let half = (pages as usize / 2) * page;
    let bucket_page = found(&small_bytes, &bucket_3)[0] / page * page;
    for (name, pages) in [
        ("spliced-half.exposure", half..length),
        (
            "spliced-bucket-page.exposure",
            bucket_page..bucket_page + page,
        ),
    ] {
        edit_bytes(&make(name, Base::Small), |b| {
            b[pages.clone()].copy_from_slice(&other_bytes[pages])
        });
        add(name, Base::Small, Expect::Refused);
    }

    // Consistent forgeries of the signed pack, root and all: only the signature's root tells.
    for (name, sql) in [
        (
            "signed-meta-resealed.exposure",
            "UPDATE meta SET value = 'Someone else' WHERE key = 'curator'",
        ),
        (
            "signed-breaches-resealed.exposure",
            "UPDATE breaches SET sensitive = 1",
        ),
    ] {
        let path = make(name, Base::Signed);
        execute(&path, sql);
        reseal(&path).unwrap();
        add(
            name,
            Base::Signed,
            Expect::Open(PackProblem::Signature(SignatureProblem::Invalid)),
        );
    }
    forge(
        &make("signed-forged-hit.exposure", Base::Signed),
        &key(SMALL + 5),
        add_hit,
    );
    forge(
        &make("signed-forged-miss.exposure", Base::Signed),
        &key(5),
        remove_hit,
    );
    for name in ["signed-forged-hit.exposure", "signed-forged-miss.exposure"] {
        add(
            name,
            Base::Signed,
            Expect::Open(PackProblem::Signature(SignatureProblem::Invalid)),
        );
    }
    cases
}

/// Every file under `dir` (flat) with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

fn trusted(keys: &Path) -> (SecretKey, TrustedKeys) {
    let (secret, public, _) = crate::trust::tests::key_pair(keys, "curator");
    let mut trusted = TrustedKeys::new();
    trusted.add(public);
    (secret, trusted)
}

/// The answers of the untouched `base`: every probe answered.
fn untouched(bases: &Bases, base: Base, trusted: &TrustedKeys) -> Vec<Vec<Hit>> {
    let run = run(bases.path(base), trusted, &base.probes());
    run.open.unwrap();
    run.verified.unwrap().unwrap();
    run.answers.into_iter().map(Result::unwrap).collect()
}

#[test]
fn every_hostile_v2_pack_is_refused_or_harmless_and_never_answers_wrong() {
    let keys = tempfile::tempdir().unwrap();
    let (secret, trusted) = trusted(keys.path());
    let base_dir = tempfile::tempdir().unwrap();
    let bases = Bases::new(base_dir.path(), &secret);
    let dir = tempfile::tempdir().unwrap();
    let cases = corpus(dir.path(), &bases);
    assert!(cases.len() >= 15, "{} cases", cases.len());
    let expected: BTreeMap<Base, Vec<Vec<Hit>>> = [Base::Small, Base::Signed, Base::Deep]
        .into_iter()
        .map(|base| (base, untouched(&bases, base, &trusted)))
        .collect();
    assert!(
        expected[&Base::Small].iter().any(Vec::is_empty)
            && expected[&Base::Small].iter().any(|hits| hits.len() == 2),
        "the probes hold misses and keys of two breaches"
    );
    let before = snapshot(dir.path());
    let mut wrong = Vec::new();
    for case in &cases {
        let path = dir.path().join(&case.name);
        let probes = case.base.probes();
        match catch_unwind(AssertUnwindSafe(|| run(&path, &trusted, &probes))) {
            Ok(run) => wrong.extend(judge(case, &run, &expected[&case.base])),
            Err(_) => wrong.push(format!("{}: panicked", case.name)),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        snapshot(dir.path()) == before,
        "opening the corpus created, removed or changed a file"
    );
}

/// The forgeries the signed cases refuse do change answers when nothing binds the root: so
/// their refusal is the signature's work, not an accident of the forging.
#[test]
fn a_consistent_forgery_changes_answers_unless_a_signature_binds_the_root() {
    let dir = tempfile::tempdir().unwrap();
    let hit = write(dir.path(), "hit.exposure", SMALL);
    forge(&hit, &key(SMALL + 5), add_hit);
    let miss = write(dir.path(), "miss.exposure", SMALL);
    forge(&miss, &key(5), remove_hit);
    let (hit, miss) = (
        crate::pack::Pack::open(&hit).unwrap(),
        crate::pack::Pack::open(&miss).unwrap(),
    );
    assert_eq!(hit.lookup(&key(SMALL + 5)).unwrap().len(), 1);
    assert_eq!(miss.lookup(&key(5)).unwrap(), []);
    assert_eq!(miss.lookup(&key(4)).unwrap().len(), 1);
}

/// Offsets where a flip changes content: the header, every bucket and node BLOB, and the text of
/// meta and breaches.
fn content_offsets(path: &Path) -> Vec<usize> {
    let bytes = std::fs::read(path).unwrap();
    let conn = Connection::open(path).unwrap();
    let mut blobs: Vec<Vec<u8>> = Vec::new();
    for sql in [
        "SELECT data FROM buckets",
        "SELECT hashes FROM nodes",
        "SELECT value FROM meta",
        "SELECT slug || title FROM breaches",
    ] {
        let mut statement = conn.prepare(sql).unwrap();
        let rows = statement
            .query_map([], |row| {
                Ok(match row.get_ref(0)? {
                    rusqlite::types::ValueRef::Blob(b) | rusqlite::types::ValueRef::Text(b) => {
                        b.to_vec()
                    }
                    _ => Vec::new(),
                })
            })
            .unwrap();
        blobs.extend(rows.map(Result::unwrap).filter(|b| b.len() >= 8));
    }
    let mut offsets: Vec<usize> = (0..100).collect();
    for blob in blobs {
        if let Some(at) = bytes.windows(blob.len()).position(|w| w == blob) {
            offsets.extend(at..at + blob.len());
        }
    }
    offsets
}

/// 1 to 4 bytes changed anywhere in a small pack, unsigned or signed by a trusted key: every
/// probe is refused or answered exactly as before, and a signed pack whose content changed is
/// refused, never answers otherwise.
#[test]
fn random_byte_flips_never_change_an_answer() {
    const KEYS: u64 = 300;
    let keys = tempfile::tempdir().unwrap();
    let (secret, trusted) = trusted(keys.path());
    let dir = tempfile::tempdir().unwrap();
    let unsigned = write(dir.path(), "unsigned.exposure", KEYS);
    let signed = copy(&unsigned, dir.path(), "signed.exposure");
    crate::pack::Pack::sign(&signed, &secret).unwrap();
    let probes: Vec<Key> = (0..KEYS + 50).map(key).collect();
    let original = std::fs::read(&unsigned).unwrap();
    let expected: Vec<Vec<Hit>> = {
        let pack = crate::pack::Pack::open(&unsigned).unwrap();
        probes.iter().map(|k| pack.lookup(k).unwrap()).collect()
    };
    let content = content_offsets(&unsigned);
    let length = original.len();
    let flip = prop_oneof![0..length, (0..content.len()).prop_map(move |i| content[i]),];
    let flips = prop::collection::vec((flip, 1u8..=255), 1..=4);
    let config = Config {
        cases: 96,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner =
        TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let target = dir.path().join("flipped.exposure");
    runner
        .run(&(flips, any::<bool>()), |(flips, sign)| {
            let mut bytes = original.clone();
            for (at, mask) in &flips {
                bytes[*at] ^= mask;
            }
            std::fs::write(&target, &bytes).unwrap();
            let _ = std::fs::remove_file(signature_path(&target));
            if sign {
                std::fs::copy(signature_path(&signed), signature_path(&target)).unwrap();
            }
            let run = run(&target, &trusted, &probes);
            for (probe, answer) in run.answers.iter().enumerate() {
                if let Ok(hits) = answer {
                    prop_assert_eq!(hits, &expected[probe], "probe {}", probe);
                }
            }
            prop_assert!(run.slowest < HANG);
            prop_assert_eq!(std::fs::read(&target).unwrap(), bytes);
            Ok(())
        })
        .unwrap();
}

/// The reference `tiny` and `empty` packs, written by Python's SQLite (docs/pack-format.md §8),
/// with each byte of their header, buckets, nodes, meta and breaches changed in turn: every
/// probe of the vector is refused or answered as before.
#[test]
fn each_content_byte_of_the_reference_packs_changed_is_refused_or_harmless() {
    for name in ["tiny", "empty"] {
        let reference = super::vectors::directory().join(format!("{name}.exposure"));
        let probes: Vec<Key> = super::vectors::rows(&format!("{name}.probes.tsv"))
            .iter()
            .map(|row| super::vectors::key(&row[0]))
            .collect();
        let original = std::fs::read(&reference).unwrap();
        let pack = crate::pack::Pack::open(&reference).unwrap();
        let expected: Vec<Vec<Hit>> = probes.iter().map(|k| pack.lookup(k).unwrap()).collect();
        drop(pack);
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join(format!("{name}.exposure"));
        let (mut at_open, mut at_lookup, mut wrong) = (0, 0, Vec::new());
        for at in content_offsets(&reference) {
            let mut bytes = original.clone();
            bytes[at] ^= 0x01;
            std::fs::write(&target, &bytes).unwrap();
            let run = run(&target, &TrustedKeys::new(), &probes);
            at_open += usize::from(run.open.is_err());
            at_lookup += usize::from(run.answers.iter().any(Result::is_err));
            for (probe, answer) in run.answers.iter().enumerate() {
                if answer.as_ref().is_ok_and(|hits| *hits != expected[probe]) {
                    wrong.push(format!(
                        "{name}, byte {at}: a wrong answer for probe {probe}"
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        // The empty pack's one bucket is two zero bytes, too short to find in the file.
        let buckets_found = name != "empty";
        assert!(
            at_open > 0 && (at_lookup > 0 || !buckets_found),
            "{name}: {at_open} {at_lookup}"
        );
    }
}
