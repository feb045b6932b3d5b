//! The test vectors of docs/pack-format.md §8, written by scripts/pack-format-vectors.py: for
//! each, the writer gives the same BLOBs, nodes, palette, meta rows, hashes and root; the
//! decoder gives back the input's entries; the reader answers every probe.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use blake2::Blake2b;
use blake2::digest::Digest;
use blake2::digest::consts::U32;
use rusqlite::Connection;

use crate::classes::ClassTable;
use crate::keys::cost::Cost;
use crate::keys::{KEY_LEN, Key, Salt};
use crate::pack::v2::Writer;
use crate::pack::v2::bucket;
use crate::pack::v2::params::{Params, node_id, prefix};
use crate::pack::v2::tree::{self, Domain, Parts, TableHash};
use crate::pack::{Breach, Pack, PackMeta, Text};

const VECTORS: [&str; 4] = ["tiny", "small", "deep", "empty"];

pub(super) fn directory() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/vectors/pack-v2")
}

/// The lines of a vector file, comments left out, split at tabs.
pub(super) fn rows(file: &str) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(directory().join(file)).unwrap();
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| line.split('\t').map(str::to_owned).collect())
        .collect()
}

fn summary(name: &str) -> BTreeMap<String, String> {
    rows(&format!("{name}.txt"))
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect()
}

fn breaches() -> Vec<Breach> {
    rows("breaches.tsv")
        .into_iter()
        .map(|row| Breach {
            index: row[0].parse().unwrap(),
            slug: row[1].clone(),
            title: serde_json::from_str(&row[2]).unwrap(),
            description: serde_json::from_str(&row[3]).unwrap(),
            date: (row[4] != "\\N").then(|| row[4].clone()),
            record_count: row[5].parse().unwrap(),
            data_classes: serde_json::from_str(&row[6]).unwrap(),
            verified: row[7] == "1",
            sensitive: row[8] == "1",
        })
        .collect()
}

/// The writer's input meta: the vector's meta rows less the computed ones.
fn meta(name: &str) -> PackMeta {
    let rows: BTreeMap<String, String> = rows(&format!("{name}.meta.tsv"))
        .into_iter()
        .map(|row| (row[0].clone(), row[1].clone()))
        .collect();
    let number = |key: &str| rows[key].parse::<u32>().unwrap();
    PackMeta {
        id: rows["id"].clone(),
        title: serde_json::from_str::<Text>(&rows["title"]).unwrap(),
        curator: rows["curator"].clone(),
        created: rows["created"].clone(),
        salt: Salt::from_hex(&rows["salt"]).unwrap(),
        cost: Cost {
            m_kib: number("argon2_m"),
            t: number("argon2_t"),
            p: number("argon2_p"),
        },
        default_region: rows["default_region"].parse().unwrap(),
        entry_count: 0,
        classes: ClassTable::new(serde_json::from_str(&rows["data_classes"]).unwrap()).unwrap(),
        demo: rows["demo"] == "true",
        synthetic: rows["synthetic"] == "true",
        format_version: 2,
        generator: rows["generator"].clone(),
        normalization: number("normalization"),
    }
}

pub(super) fn key(hex: &str) -> Key {
    let mut key = Key([0; KEY_LEN]);
    key.0.copy_from_slice(&hex::decode(hex).unwrap());
    key
}

/// The input triples: listed, or made from the `synthetic` line's seed.
fn input(name: &str) -> Vec<(Key, u32, u64)> {
    let summary = summary(name);
    let Some(synthetic) = summary.get("synthetic") else {
        return rows(&format!("{name}.input.tsv"))
            .into_iter()
            .map(|row| {
                (
                    key(&row[0]),
                    row[1].parse().unwrap(),
                    u64::from_str_radix(&row[2], 16).unwrap(),
                )
            })
            .collect();
    };
    let fields: BTreeMap<&str, &str> = synthetic
        .split(' ')
        .map(|field| field.split_once('=').unwrap())
        .collect();
    let seed: u32 = fields["seed"].parse().unwrap();
    let count: u64 = fields["count"].parse().unwrap();
    let breaches: Vec<u32> = fields["breaches"]
        .split(',')
        .map(|b| b.parse().unwrap())
        .collect();
    let classes: Vec<u64> = fields["classes"]
        .split(',')
        .map(|c| u64::from_str_radix(c, 16).unwrap())
        .collect();
    (0..count)
        .map(|i| {
            let d = Blake2b::<U32>::new()
                .chain_update(b"exposure-pack-vectors\0")
                .chain_update(seed.to_be_bytes())
                .chain_update(i.to_be_bytes())
                .finalize();
            let mut key = Key([0; KEY_LEN]);
            key.0.copy_from_slice(&d[..16]);
            (
                key,
                breaches[usize::from(d[16]) % breaches.len()],
                classes[usize::from(d[17]) % classes.len()],
            )
        })
        .collect()
}

/// Writes the vector's input with the Rust writer.
fn write(name: &str, dir: &Path) -> PathBuf {
    let path = dir.join(format!("{name}.exposure"));
    let mut triples = input(name);
    triples.sort_by_key(|(key, breach, _)| (*key, *breach));
    let mut writer = Writer::create(&path, &meta(name), &breaches()).unwrap();
    for (key, breach, classes) in &triples {
        writer.push(key, *breach, *classes).unwrap();
    }
    writer.finish().unwrap();
    path
}

fn hash_table(conn: &Connection, domain: Domain, sql: &str) -> tree::Hash {
    let mut hash = TableHash::new(domain);
    let mut statement = conn.prepare(sql).unwrap();
    let columns = statement.column_count();
    let mut rows = statement.query([]).unwrap();
    while let Some(row) = rows.next().unwrap() {
        for column in 0..columns {
            hash.push(row.get_ref(column).unwrap()).unwrap();
        }
    }
    hash.finish()
}

fn blob(conn: &Connection, sql: &str, id: i64) -> Vec<u8> {
    conn.query_row(sql, [id], |row| row.get(0)).unwrap()
}

fn params_of(name: &str) -> (Params, Vec<u32>) {
    let palette = rows(&format!("{name}.palette.tsv"));
    let counts: Vec<u64> = palette.iter().map(|row| row[3].parse().unwrap()).collect();
    let breach_of_code = palette.iter().map(|row| row[1].parse().unwrap()).collect();
    let summary = summary(name);
    (
        Params::new(summary["entries"].parse().unwrap(), &counts).unwrap(),
        breach_of_code,
    )
}

#[test]
fn the_writer_gives_the_vectors_rows_hashes_and_root() {
    let dir = tempfile::tempdir().unwrap();
    for name in VECTORS {
        let path = write(name, dir.path());
        let conn = Connection::open(&path).unwrap();
        let summary = summary(name);
        let (params, _) = params_of(name);
        for (field, value) in [
            ("bucket_bits", params.bucket_bits.to_string()),
            ("rice_k", params.rice_k.to_string()),
            ("palette_size", params.palette_size.to_string()),
            ("code_rice", params.code_rice.to_string()),
            ("tree_levels", params.tree_levels().to_string()),
        ] {
            assert_eq!(summary[field], value, "{name}: {field}");
        }
        let meta: Vec<Vec<String>> = conn
            .prepare("SELECT key, value FROM meta ORDER BY key")
            .unwrap()
            .query_map([], |row| Ok(vec![row.get(0)?, row.get(1)?]))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(meta, rows(&format!("{name}.meta.tsv")), "{name}: meta");
        let palette: Vec<Vec<String>> = conn
            .prepare("SELECT code, breach, classes, entries FROM palette ORDER BY code")
            .unwrap()
            .query_map([], |row| {
                Ok(vec![
                    row.get::<_, i64>(0)?.to_string(),
                    row.get::<_, i64>(1)?.to_string(),
                    format!("{:016x}", row.get::<_, i64>(2)?),
                    row.get::<_, i64>(3)?.to_string(),
                ])
            })
            .unwrap()
            .map(Result::unwrap)
            .collect();
        assert_eq!(
            palette,
            rows(&format!("{name}.palette.tsv")),
            "{name}: palette"
        );
        for row in rows(&format!("{name}.buckets.tsv")) {
            let id: i64 = row[0].parse().unwrap();
            let data = blob(&conn, "SELECT data FROM buckets WHERE id = ?1", id);
            assert_eq!(hex::encode(data), row[1], "{name}: bucket {id}");
        }
        let buckets: i64 = conn
            .query_row("SELECT count(*) FROM buckets", [], |row| row.get(0))
            .unwrap();
        assert_eq!(
            buckets as u64,
            params.buckets(),
            "{name}: every bucket is stored"
        );
        for row in rows(&format!("{name}.nodes.tsv")) {
            let id = node_id(row[0].parse().unwrap(), row[1].parse().unwrap());
            let hashes = blob(&conn, "SELECT hashes FROM nodes WHERE id = ?1", id);
            assert_eq!(
                hex::encode(hashes),
                row[2],
                "{name}: node {}/{}",
                row[0],
                row[1]
            );
        }
        let levels = params.tree_levels();
        let top = blob(
            &conn,
            "SELECT hashes FROM nodes WHERE id = ?1",
            node_id(levels, 0),
        );
        let parts = Parts {
            meta: hash_table(
                &conn,
                Domain::Meta,
                "SELECT key, value FROM meta WHERE key != 'root' ORDER BY key",
            ),
            breaches: hash_table(
                &conn,
                Domain::Breaches,
                "SELECT * FROM breaches ORDER BY id",
            ),
            palette: hash_table(
                &conn,
                Domain::Palette,
                "SELECT * FROM palette ORDER BY code",
            ),
            top: tree::node(levels, 0, &top),
        };
        for (field, hash) in [
            ("meta_hash", parts.meta),
            ("breaches_hash", parts.breaches),
            ("palette_hash", parts.palette),
            ("top_hash", parts.top),
            ("root", parts.root()),
        ] {
            assert_eq!(hex::encode(hash), summary[field], "{name}: {field}");
        }
    }
}

#[test]
fn the_decoder_gives_back_the_inputs_entries() {
    for name in VECTORS {
        let (params, breach_of_code) = params_of(name);
        let palette = rows(&format!("{name}.palette.tsv"));
        // The final entries of §4.4: prefix and breach merged, classes OR-ed, sorted.
        let mut expected: BTreeMap<(u128, u32), u64> = BTreeMap::new();
        for (key, breach, classes) in input(name) {
            *expected.entry((prefix(&key), breach)).or_default() |= classes;
        }
        for row in rows(&format!("{name}.buckets.tsv")) {
            let index: u64 = row[0].parse().unwrap();
            let slots =
                bucket::decode(&params, &breach_of_code, &hex::decode(&row[1]).unwrap()).unwrap();
            let decoded: Vec<(u128, u32, u64)> = slots
                .into_iter()
                .map(|(suffix, code)| {
                    let pair = &palette[code as usize];
                    (
                        (u128::from(index) << params.suffix_bits) | suffix,
                        pair[1].parse().unwrap(),
                        u64::from_str_radix(&pair[2], 16).unwrap(),
                    )
                })
                .collect();
            let stored: Vec<(u128, u32, u64)> = expected
                .iter()
                .filter(|((prefix, _), _)| params.locate(*prefix).0 == index)
                .map(|((prefix, breach), classes)| (*prefix, *breach, *classes))
                .collect();
            assert_eq!(decoded, stored, "{name}: bucket {index}");
        }
    }
}

/// The probes' answers, as `breach:classes` pairs (breach ids, classes in hex).
fn answers(pack: &Pack, hex_key: &str) -> String {
    let hits = pack.lookup(&key(hex_key)).unwrap();
    let words: Vec<String> = hits
        .iter()
        .map(|hit| format!("{}:{:016x}", pack.breaches()[hit.breach].index, hit.classes))
        .collect();
    if words.is_empty() {
        "-".to_owned()
    } else {
        words.join(" ")
    }
}

#[test]
fn the_reader_answers_every_probe_of_the_python_written_packs_and_ours() {
    let dir = tempfile::tempdir().unwrap();
    for name in VECTORS {
        let mut packs = vec![write(name, dir.path())];
        let reference = directory().join(format!("{name}.exposure"));
        if reference.exists() {
            packs.push(reference);
        }
        for path in packs {
            let pack = Pack::open(&path).unwrap();
            assert_eq!(pack.meta().format_version, 2);
            for probe in rows(&format!("{name}.probes.tsv")) {
                assert_eq!(
                    answers(&pack, &probe[0]),
                    probe[1],
                    "{name}: {}",
                    path.display()
                );
            }
        }
    }
}

#[test]
fn reading_a_reference_pack_changes_nothing_and_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("small.exposure");
    std::fs::copy(directory().join("small.exposure"), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let pack = Pack::open(&path).unwrap();
    pack.lookup(&key("00000000000000000000000000000000"))
        .unwrap();
    drop(pack);
    assert_eq!(std::fs::read(&path).unwrap(), before);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}
