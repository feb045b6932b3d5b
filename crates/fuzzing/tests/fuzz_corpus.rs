//! Replays every committed fuzz input through the target it was found by (the bodies live in
//! `exposure-fuzzing`, shared with `fuzz/`), so a bug the fuzzer once found stays fixed in
//! the ordinary test run, and makes the seed corpora by code: synthetic demo data only.
//!
//! `cargo test -p exposure-fuzzing --test fuzz_corpus -- --ignored write_seed_corpora` rewrites the
//! seeds in `fuzz/corpus/<target>/seed-*`.

use std::io::{Cursor, Write};
use std::path::{Path, PathBuf};

use exposure_core::pack::v2::bucket;
use exposure_core::trust::{Binding, content_hash};
use exposure_fuzzing as fuzzing;

type Target = fn(&[u8]);

const TARGETS: [(&str, Target); 11] = [
    ("normalize", fuzzing::normalize),
    ("plan", |data| {
        fuzzing::plan(data);
    }),
    ("dump", fuzzing::dump),
    ("text", fuzzing::text),
    ("xlsx", fuzzing::xlsx),
    ("trusted_comment", |data| {
        fuzzing::trusted_comment(data);
    }),
    ("pack_open", fuzzing::pack_open),
    ("v2_bucket", fuzzing::v2_bucket),
    ("people", fuzzing::people),
    ("archive", |data| {
        fuzzing::archive(data);
    }),
    ("sql", fuzzing::sql),
];

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
}

/// The committed inputs of `target`: its corpus, and the inputs of fixed bugs.
fn committed_inputs(target: &str) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for folder in ["corpus", "regressions"] {
        let Ok(entries) = std::fs::read_dir(fuzz_dir().join(folder).join(target)) else {
            continue;
        };
        files.extend(entries.map(|entry| entry.expect("a readable folder").path()));
    }
    files.sort();
    files
}

#[test]
fn every_committed_fuzz_input_replays_through_its_target_without_a_panic() {
    for (name, target) in TARGETS {
        let inputs = committed_inputs(name);
        assert!(
            !inputs.is_empty(),
            "no committed corpus for fuzz target {name}"
        );
        for input in inputs {
            target(&std::fs::read(&input).expect("a readable corpus file"));
        }
    }
}

/// The seeds, by target, each with a file name.
/// The bytes of the first seed whose (target, file name) `wanted` accepts.
fn seed(wanted: impl Fn(&str, &str) -> bool) -> Vec<u8> {
    let (_, _, bytes) = seeds()
        .into_iter()
        .find(|(target, name, _)| wanted(target, name))
        .expect("such a seed");
    bytes
}

fn seeds() -> Vec<(&'static str, String, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    let options = fuzzing::DEMO;
    let dump = exposure_demo::write_dump(&dir.path().join("dump"), &options).unwrap();
    let person = exposure_demo::showcase_person();
    let mut seeds = Vec::new();

    let values = [
        (0u8, person.phone.clone()),
        (0, format!("+86 {}", person.phone)),
        (1, "+1 (202) 555-0143".to_owned()),
        (0, person.national_id.clone()),
        (0, person.national_id[..17].to_owned() + "x"),
        (0, "110105490101002".to_owned()),
        (0, person.email.to_uppercase()),
        (0, "Zhang.Wei@例子.中国".to_owned()),
        (0, format!("{}\n{}", person.name, person.dob)),
        (0, "阿依古丽•买买提\n1985年3月7日".to_owned()),
        (0, "Kevin  Zhang|1985/3/7".to_owned()),
        (0, "ＫＥＶＩＮ_Ｚ".to_owned()),
        (0, "張偉\n1985-03-07".to_owned()),
    ];
    for (i, (region, value)) in values.into_iter().enumerate() {
        let mut bytes = vec![region];
        bytes.extend_from_slice(value.as_bytes());
        seeds.push(("normalize", format!("seed-{i:02}"), bytes));
    }

    seeds.push((
        "people",
        "seed-people".to_owned(),
        format!(
            "person,phone,name,dob,email\nMum,{},{},{},{}\n,12345,,,\n",
            person.phone, person.name, person.dob, person.email
        )
        .into_bytes(),
    ));
    seeds.push((
        "people",
        "seed-bad-rows".to_owned(),
        b"\xef\xbb\xbfperson,phone\nA,1,2\nB,\xff\n\"C,3\n".to_vec(),
    ));

    seeds.push((
        "plan",
        "seed-demo".to_owned(),
        std::fs::read(&dump.plan).unwrap(),
    ));

    // Selector bits of the dump target: format (0 csv, 1 tsv, 2 jsonl, 3 json), 4 gb18030,
    // 8 header. The workbook goes to the xlsx target, whole, without a header.
    for (i, file) in dump.files.iter().enumerate() {
        let name = file.file_name().unwrap().to_str().unwrap();
        let format = match name.rsplit('.').next().unwrap() {
            "csv" => 0,
            "tsv" => 1,
            "xlsx" => {
                let mut bytes = vec![0];
                bytes.extend(std::fs::read(file).unwrap());
                seeds.push(("xlsx", "seed-courier".to_owned(), bytes));
                continue;
            }
            "jsonl" => 2,
            // The SQL dump seeds the sql target, below.
            _ => continue,
        };
        let encoding = if name.starts_with("police") { 4 } else { 0 };
        let content = std::fs::read(file).unwrap();
        let lines: Vec<&[u8]> = content.split_inclusive(|&b| b == b'\n').take(6).collect();
        for header in [0, 8] {
            let mut bytes = vec![format | encoding | header];
            bytes.extend(lines.concat());
            seeds.push(("dump", format!("seed-{i}-{header}"), bytes));
        }
    }

    // Selector bits of the archive target: 1 zip (else gzip), 2 name the member, 4 and 8 the
    // encoding (0 utf-8, 1 gb18030, 2 big5, 3 utf-16). The police dump (GB18030) and the shop
    // dump (UTF-8), gzipped and zipped, a zip of two members, and a zip bomb's start.
    for (encoding, file) in [(1u8, &dump.files[0]), (0, &dump.files[3])] {
        let content: Vec<u8> = std::fs::read(file)
            .unwrap()
            .into_iter()
            .take(4096)
            .collect();
        let name = file.file_name().unwrap().to_str().unwrap();
        let mut gz = vec![encoding << 2];
        gz.extend(gzip(&content));
        seeds.push(("archive", format!("seed-{name}.gz"), gz));
        let mut zipped = vec![encoding << 2 | 1];
        zipped.extend(zip(&[(name, &content)]));
        seeds.push(("archive", format!("seed-{name}.zip"), zipped));
    }
    let mut two = vec![2 | 1];
    two.extend(zip(&[
        (fuzzing::ARCHIVE_MEMBER, b"a,13912345678\n"),
        ("../other.csv", b"b\n"),
    ]));
    seeds.push(("archive", "seed-two-members".to_owned(), two));
    let mut bomb = vec![0];
    bomb.extend(gzip(&vec![b'a'; 4 << 20]));
    seeds.push(("archive", "seed-bomb".to_owned(), bomb));
    // Selector bits of the sql target: 1 gb18030, 2 the first table with rows (else `users`), 4
    // columns by position. The demo's mysqldump file is cut inside its first INSERT.
    let mysqldump = std::fs::read(
        dump.files
            .iter()
            .find(|f| f.ends_with("shop-2019.sql"))
            .unwrap(),
    )
    .unwrap();
    let mut bytes = vec![2];
    bytes.extend_from_slice(&mysqldump[..mysqldump.len().min(6 << 10)]);
    seeds.push(("sql", "seed-mysqldump".to_owned(), bytes));
    let users = format!(
        "-- users\n/*!40101 SET NAMES utf8mb4 */;\nCREATE TABLE IF NOT EXISTS `db`.`users` (\n  `id` int,\n  `name` varchar(8) COMMENT 'a, (b)',\n  `phone` char(11),\n  `dob` date,\n  `email` text,\n  `username` text,\n  PRIMARY KEY (`id`)\n);\nINSERT INTO `logs` VALUES (1,'x');\nINSERT IGNORE INTO `users` VALUES (1,'{}','{}','{}',_binary 0x{},'a\\'b\\\\c\\n'),(2,\"O''Brien\",NULL,X'3139',DEFAULT,NOW());\nREPLACE INTO users (username, phone) VALUES ('x', 13800138000);\n",
        person.name,
        person.phone,
        person.dob,
        person
            .email
            .bytes()
            .map(|b| format!("{b:02x}"))
            .collect::<String>(),
    );
    let copy = format!(
        "SET standard_conforming_strings = on;\nCOPY public.users (id, name, phone, dob, email, username) FROM stdin;\n1\t{}\t{}\t{}\t\\N\ta\\tb\\101\n2\tshort\n\\.\nINSERT INTO users VALUES (3, E'\\x41', 'C:\\d', '', '', '');\n",
        person.name, person.phone, person.dob,
    );
    for (name, selector, text) in [
        ("seed-users", 0u8, &users),
        ("seed-users-by-position", 4, &users),
        ("seed-copy", 0, &copy),
        // UTF-8 read as GB18030: every Chinese byte starts a two-byte character.
        ("seed-users-as-gb18030", 1, &users),
    ] {
        let mut bytes = vec![selector];
        bytes.extend_from_slice(text.as_bytes());
        seeds.push(("sql", name.to_owned(), bytes));
    }

    // The first forum rows as one JSON array.
    let forum = std::fs::read_to_string(&dump.files[2]).unwrap();
    let elements: Vec<&str> = forum.lines().filter(|l| !l.is_empty()).take(4).collect();
    seeds.push((
        "dump",
        "seed-json-array".to_owned(),
        [&[3u8][..], format!("[{}]", elements.join(",\n")).as_bytes()].concat(),
    ));

    // Selector bits of the text target: delimiter (0 `----`, 1 `|`, 2 space, …), 8 gb18030,
    // 16 header.
    let list: String = [&person, &exposure_demo::absent_person()]
        .iter()
        .map(|p| {
            let fields = [
                &p.phone,
                &p.name,
                &p.dob.to_string(),
                &p.national_id,
                &p.email,
            ];
            format!(
                "{}----{}----pass----word\n",
                fields.map(String::as_str).join("----"),
                p.username
            )
        })
        .collect();
    for (selector, text) in [
        (
            16u8,
            format!("phone----name----dob----id----email----username\n{list}"),
        ),
        (1, list.replace("----", "|")),
    ] {
        let mut bytes = vec![selector];
        bytes.extend(text.into_bytes());
        seeds.push(("text", format!("seed-{selector}"), bytes));
    }

    let binding = Binding {
        id: "demo".to_owned(),
        format: "1".to_owned(),
        created: "2026-01-01T00:00:00Z".to_owned(),
        blake2b: Some(content_hash(fuzzing::SIGNED_CONTENT)),
        root: None,
    };
    let comment = binding.comment().unwrap();
    seeds.push((
        "trusted_comment",
        "seed-comment".to_owned(),
        comment.clone().into_bytes(),
    ));
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let signature = minisign::sign(
        Some(&pair.pk),
        &pair.sk,
        Cursor::new(fuzzing::SIGNED_CONTENT),
        Some(&comment),
        Some("signature from exposure"),
    )
    .unwrap();
    let mut bytes = pair.pk.to_box().unwrap().to_string().into_bytes();
    bytes.push(0);
    bytes.extend(signature.into_string().into_bytes());
    seeds.push(("trusted_comment", "seed-signature".to_owned(), bytes));

    let pack = exposure_demo::build_demo_pack(&dir.path().join("pack"), &options).unwrap();
    let v2 = std::fs::read(&pack).unwrap();
    seeds.push(("pack_open", "seed-demo".to_owned(), v2.clone()));
    // Mutants of the (format v2) demo pack that reach the v2 reader's refusals, so the fuzzer
    // starts from each: its only bucket's middle byte changed (refused by the lookups), and its
    // last page cut off with the header's page count made to agree (refused by SQLite or at the
    // top node).
    let bucket: Vec<u8> = rusqlite::Connection::open(&pack)
        .unwrap()
        .query_row("SELECT data FROM buckets WHERE id = 0", [], |row| {
            row.get(0)
        })
        .unwrap();
    let mut bucket_byte = v2.clone();
    for at in (0..v2.len() - bucket.len()).filter(|&at| v2[at..].starts_with(&bucket)) {
        bucket_byte[at + bucket.len() / 2] ^= 0x01;
    }
    seeds.push(("pack_open", "seed-v2-bucket-byte".to_owned(), bucket_byte));
    let mut truncated = v2[..v2.len() - PAGE_SIZE].to_vec();
    let pages = u32::try_from(truncated.len() / PAGE_SIZE).unwrap();
    truncated[28..32].copy_from_slice(&pages.to_be_bytes());
    seeds.push(("pack_open", "seed-v2-truncated".to_owned(), truncated));

    // Buckets as the writer encodes them, under parameters of one bucket, of many entries with
    // a skewed palette, and of a palette of one pair (no code bits).
    for (name, head, slots) in v2_bucket_seeds() {
        let (params, _) = fuzzing::v2_bucket_params(head);
        let mut bytes = head.to_vec();
        bytes.extend(bucket::encode(&params, &slots).unwrap());
        seeds.push(("v2_bucket", name.to_owned(), bytes));
    }
    seeds
}

/// The `v2_bucket` seeds: a name, the parameter bytes, the entries (suffix, palette code).
fn v2_bucket_seeds() -> [(&'static str, [u8; 4], Vec<bucket::Slot>); 3] {
    [
        (
            "seed-one-key-two-breaches",
            [0, 0, 7, 0x13],
            vec![(0, 0), (0, 2), (1 << 60, 1), ((1 << 64) - 1, 0)],
        ),
        (
            "seed-skewed-palette",
            [1, 0, 0, 0x2f],
            (0..200u32).map(|i| (u128::from(i) << 40, i % 15)).collect(),
        ),
        ("seed-one-pair", [0, 1, 0, 0x01], vec![(5, 0), (9, 0)]),
    ]
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A zip archive of `members`, deflated.
fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in members {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// The archive seeds reach the rows (the fuzzer starts past the archive's refusals) but for the
/// bomb, refused on its first megabytes.
#[test]
fn the_archive_seeds_read_rows_and_the_bomb_seed_none() {
    for (target, name, bytes) in seeds() {
        if target == "archive" {
            let rows = fuzzing::archive(&bytes);
            assert_eq!(rows == 0, name == "seed-bomb", "{name}: {rows} rows");
        }
    }
}

/// The page size of a v2 pack.
const PAGE_SIZE: usize = 16384;

#[test]
#[ignore = "rewrites fuzz/corpus; run by hand when the seeds change"]
fn write_seed_corpora() {
    for (target, name, bytes) in seeds() {
        let folder = fuzz_dir().join("corpus").join(target);
        std::fs::create_dir_all(&folder).unwrap();
        std::fs::write(folder.join(name), bytes).unwrap();
    }
}

#[test]
fn the_pack_seed_opens_and_its_showcase_person_is_found() {
    let bytes = seed(|target, _| target == "pack_open");
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("seed.exposure");
    std::fs::write(&path, bytes).unwrap();
    let pack = exposure_core::pack::Pack::open(&path).unwrap();
    let phone = exposure_core::identifier::Normalizer::new(pack.meta().default_region)
        .normalize(
            exposure_core::identifier::Kind::Phone,
            &exposure_demo::showcase_person().phone,
        )
        .unwrap();
    assert!(
        !pack
            .lookup(&pack.deriver().derive(&phone))
            .unwrap()
            .is_empty()
    );
}

/// The demo pack is written as format v2, so the replay of the corpus reaches the v2 reader; its
/// mutants are refused, one by the lookups and one by the open.
#[test]
fn the_pack_seeds_are_v2_and_their_mutants_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let open = |name: &str| {
        let path = dir.path().join(name);
        std::fs::write(
            &path,
            seed(|target, seed| target == "pack_open" && seed == name),
        )
        .unwrap();
        exposure_core::pack::Pack::open(&path)
    };
    let demo = open("seed-demo").unwrap();
    assert_eq!(demo.meta().format_version, 2);
    let damaged = open("seed-v2-bucket-byte").unwrap();
    assert!(damaged.lookup(&exposure_core::keys::Key([0; 16])).is_err());
    assert!(open("seed-v2-truncated").is_err());
}

/// The bucket seeds decode (so the fuzzer starts inside the decoder, past its refusals) and
/// make the round trip the target asserts.
#[test]
fn the_bucket_seeds_decode_and_encode_back() {
    for (name, bytes) in seeds()
        .into_iter()
        .filter(|(target, _, _)| *target == "v2_bucket")
        .map(|(_, name, bytes)| (name, bytes))
    {
        let (head, blob) = bytes.split_first_chunk::<4>().unwrap();
        let (params, breaches) = fuzzing::v2_bucket_params(*head);
        assert!(bucket::decode(&params, &breaches, blob).is_ok(), "{name}");
        fuzzing::v2_bucket(&bytes);
    }
}

#[test]
fn the_signature_seed_is_trusted_for_the_key_it_carries() {
    let bytes = seed(|_, name| name == "seed-signature");
    assert!(fuzzing::trusted_comment(&bytes));
}

#[test]
fn the_plan_seed_parses_beside_the_demo_dump() {
    let bytes = seed(|target, _| target == "plan");
    assert!(fuzzing::plan(&bytes));
}
