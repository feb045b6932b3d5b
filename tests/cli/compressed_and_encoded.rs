//! The byte layer end to end: the demo's text dumps (a GB18030 CSV, a header-less TSV, JSON Lines,
//! a mysqldump) written gzipped, zipped, in UTF-16, in Big5 and read with
//! `encoding = "auto"` each build a pack that answers every probe as the plain dumps' pack does.

use std::path::{Path, PathBuf};

use exposure_demo::{DemoDump, DemoOptions, DemoPerson, absent_person, write_dump};

use crate::support::{answers, assert_same_answers, exposure, found, gzip, zip};

/// The demo's dumps, each file's text decoded, and its plan.
struct Plain {
    dump: DemoDump,
    plan: String,
    /// Each file's name, and its text (the GB18030 one decoded).
    texts: Vec<(String, String)>,
}

fn plain(dir: &Path) -> Plain {
    let dump = write_dump(dir, &DemoOptions { seed: 41, rows: 60 }).unwrap();
    let plan = std::fs::read_to_string(&dump.plan).unwrap();
    // The workbook is a zip archive read by seeking, never through the byte layer: it stays as it is.
    let texts = dump
        .files
        .iter()
        .filter(|path| path.extension().is_none_or(|extension| extension != "xlsx"))
        .map(|path| {
            let bytes = std::fs::read(path).unwrap();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = match std::str::from_utf8(&bytes) {
                Ok(text) => text.to_owned(),
                Err(_) => encoding_rs::GB18030.decode(&bytes).0.into_owned(),
            };
            (name, text)
        })
        .collect();
    Plain { dump, plan, texts }
}

/// Builds `plan` (written into `dir`) at the test profile; the pack, and what the build printed.
fn build(dir: &Path, plan: &str, pack: &str) -> (PathBuf, String) {
    std::fs::write(dir.join("plan.toml"), plan).unwrap();
    let output = exposure()
        .args(["build", "plan.toml", "--profile", "test", "--out", pack])
        .current_dir(dir)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&output.stdout).into_owned();
    assert!(output.status.success(), "{output:?}");
    (dir.join(pack), stdout)
}

/// The demo's people and one absent from every dump: whom each pack is asked about.
fn probed(dump: &DemoDump) -> Vec<DemoPerson> {
    dump.people
        .iter()
        .cloned()
        .chain([absent_person()])
        .collect()
}

/// Each source file renamed and rewritten by `shape`, and the plan told so.
fn reshaped(
    dir: &Path,
    plain: &Plain,
    shape: impl Fn(&str, &str) -> (String, Vec<u8>, &'static str),
) -> String {
    let mut plan = plain.plan.clone();
    for (name, text) in &plain.texts {
        let (new_name, bytes, options) = shape(name, text);
        std::fs::write(dir.join(&new_name), bytes).unwrap();
        plan = plan.replace(
            &format!("path = \"{name}\""),
            &format!("path = \"{new_name}\"\n{options}"),
        );
    }
    plan
}

#[test]
fn gzipped_zipped_utf16_and_auto_dumps_answer_every_probe_as_the_plain_ones() {
    let dir = tempfile::tempdir().unwrap();
    let plain = plain(dir.path());
    let (expected, _) = build(dir.path(), &plain.plan, "plain.exposure");
    let people = probed(&plain.dump);
    let want = answers(&expected, &people);
    assert!(found(&want) > 5, "{} found", found(&want));
    let original = |name: &str| std::fs::read(dir.path().join(name)).unwrap();

    let plan = reshaped(dir.path(), &plain, |name, _| {
        (format!("{name}.gz"), gzip(&original(name)), "")
    });
    let (pack, _) = build(dir.path(), &plan, "gzip.exposure");
    assert_same_answers(&pack, &people, &want, "gzip");

    let plan = reshaped(dir.path(), &plain, |name, _| {
        let member = format!("leak/{name}");
        let archive = zip(&[(member.as_str(), original(name).as_slice())]);
        (format!("{name}.zip"), archive, "")
    });
    let (pack, _) = build(dir.path(), &plan, "zip.exposure");
    assert_same_answers(&pack, &people, &want, "zip");

    // Little-endian and big-endian in turn, each with its byte order mark.
    let utf16_plan = reshaped(dir.path(), &plain, |name, text| {
        let big_endian = name.ends_with(".tsv") || name.ends_with(".jsonl");
        let (bom, units): (&[u8], Vec<u8>) = if big_endian {
            (
                &[0xFE, 0xFF],
                text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
            )
        } else {
            (
                &[0xFF, 0xFE],
                text.encode_utf16().flat_map(u16::to_le_bytes).collect(),
            )
        };
        (format!("utf16-{name}"), [bom, &units].concat(), "")
    });
    let plan = utf16_plan
        .replace("encoding = \"gb18030\"", "encoding = \"utf-16\"")
        .replace("encoding = \"utf-8\"", "encoding = \"utf-16\"");
    let (pack, _) = build(dir.path(), &plan, "utf16.exposure");
    assert_same_answers(&pack, &people, &want, "utf-16");
    // `auto` on the UTF-16 files, gzipped, finds them by their byte order marks.
    let plan = reshaped(dir.path(), &plain, |name, _| {
        let utf16 = std::fs::read(dir.path().join(format!("utf16-{name}"))).unwrap();
        (format!("utf16-{name}.gz"), gzip(&utf16), "")
    })
    .replace("encoding = \"gb18030\"", "encoding = \"auto\"")
    .replace("encoding = \"utf-8\"", "encoding = \"auto\"");
    let (pack, stdout) = build(dir.path(), &plan, "utf16-auto.exposure");
    assert!(
        stdout.contains("police-2022.csv.gz: read as UTF-16 (detected"),
        "{stdout}"
    );
    assert_same_answers(&pack, &people, &want, "utf-16, auto");

    let plan = plain
        .plan
        .replace("encoding = \"gb18030\"", "encoding = \"auto\"")
        .replace("encoding = \"utf-8\"", "encoding = \"auto\"");
    let (pack, stdout) = build(dir.path(), &plan, "auto.exposure");
    let police = std::fs::metadata(dir.path().join("police-2022.csv"))
        .unwrap()
        .len();
    let police_bytes = police.min(exposure_build::dump::SAMPLE_BYTES as u64);
    assert!(
        stdout.contains(&format!(
            "police-2022.csv: read as GB18030 (detected from its first {police_bytes} bytes"
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("shop-2019.sql: read as UTF-8 (detected"),
        "{stdout}"
    );
    assert_same_answers(&pack, &people, &want, "auto");
}

/// Text as Big5 can hold it: characters Big5 lacks (most simplified ones) become the numeric
/// references the encoder writes (`&#24352;`), in the plan's column names as in the files, so the
/// UTF-8 and the Big5 dumps hold the same text.
fn big5_text(text: &str) -> String {
    let (bytes, _, _) = encoding_rs::BIG5.encode(text);
    encoding_rs::BIG5.decode(&bytes).0.into_owned()
}

#[test]
fn big5_dumps_answer_every_probe_as_the_same_text_in_utf8() {
    let dir = tempfile::tempdir().unwrap();
    let plain = plain(dir.path());
    let utf8_plan = reshaped(dir.path(), &plain, |name, text| {
        (format!("utf8-{name}"), big5_text(text).into_bytes(), "")
    });
    let utf8_plan = big5_text(&utf8_plan).replace("encoding = \"gb18030\"", "encoding = \"utf-8\"");
    let (expected, _) = build(dir.path(), &utf8_plan, "utf8.exposure");
    let people = probed(&plain.dump);
    let want = answers(&expected, &people);
    assert!(found(&want) > 5, "{} found", found(&want));
    let big5_plan = reshaped(dir.path(), &plain, |name, text| {
        let bytes = encoding_rs::BIG5.encode(&big5_text(text)).0.into_owned();
        (format!("big5-{name}"), bytes, "")
    });
    let big5_plan = big5_text(&big5_plan)
        .replace("encoding = \"gb18030\"", "encoding = \"big5\"")
        .replace("encoding = \"utf-8\"", "encoding = \"big5\"");
    let (pack, _) = build(dir.path(), &big5_plan, "big5.exposure");
    assert_same_answers(&pack, &people, &want, "big5");
}
