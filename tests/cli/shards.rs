//! Builds split over processes: shard sets, parts, resumption, merge, and the memory budget.
//!
//! The reference is always a one-machine build of the same plan with the shard set's salt
//! (`build --shards DIR --out PACK`): merged parts and spilled builds must equal it byte for byte.

use std::path::{Path, PathBuf};
use std::process::Stdio;

use crate::privacy::{contains, identifiers_of};
use crate::support::{assert_no_english, exposure, files_in, init_shard_set};

/// A synthetic dump of `rows` rows and a shard set of `parts` parts for it, in a fresh folder.
fn dump_with_set(rows: &str, parts: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    exposure()
        .args(["demo", "--dump-only", "--rows", rows, "--out"])
        .arg(dir.path())
        .assert()
        .success();
    init_shard_set(dir.path(), parts);
    dir
}

/// `exposure build plan.toml --shards set` with `args`, which must succeed.
fn build_with_set(dir: &Path, args: &[&str], extra: &[&str]) -> std::process::Output {
    let output = exposure()
        .args(["build", "plan.toml", "--shards", "set"])
        .args(args)
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    output
}

/// The one-machine build with the set's salt, cost and date.
fn single_build(dir: &Path, out: &str, extra: &[&str]) -> std::process::Output {
    build_with_set(dir, &["--out", out], extra)
}

fn build_part(dir: &Path, shard: &str, extra: &[&str]) -> std::process::Output {
    build_with_set(dir, &["--shard", shard], extra)
}

fn part_path(dir: &Path, index: u32, count: u32) -> PathBuf {
    dir.join("set")
        .join(format!("part-{index:05}-of-{count:05}.exposure-part"))
}

fn pack_info(pack: &Path) -> serde_json::Value {
    let output = exposure()
        .args(["pack", "info", "--json"])
        .arg(pack)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

#[test]
fn parts_built_as_separate_processes_merge_into_the_single_build_byte_for_byte() {
    let dir = dump_with_set("1500", "3");
    // Three processes at once, as three machines would run them.
    let children: Vec<_> = (0..3)
        .map(|i| {
            std::process::Command::new(env!("CARGO_BIN_EXE_exposure"))
                .args([
                    "build",
                    "plan.toml",
                    "--shards",
                    "set",
                    "--quiet",
                    "--shard",
                ])
                .arg(format!("{i}/3"))
                .env("LANG", "en_US.UTF-8")
                .current_dir(dir.path())
                .stdout(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    exposure()
        .args(["pack", "merge", "set", "--out", "merged.exposure"])
        .current_dir(dir.path())
        .assert()
        .success();
    single_build(dir.path(), "single.exposure", &[]);
    let merged = std::fs::read(dir.path().join("merged.exposure")).unwrap();
    let single = std::fs::read(dir.path().join("single.exposure")).unwrap();
    assert!(
        merged == single,
        "the merged pack differs from the single build"
    );
    let info = pack_info(&dir.path().join("merged.exposure"));
    assert!(info["entries"].as_u64().unwrap() > 1500, "{info}");
    // Every part holds some of the entries, and none is in two parts.
    let part_sizes: Vec<u64> = (0..3)
        .map(|i| {
            std::fs::metadata(part_path(dir.path(), i, 3))
                .unwrap()
                .len()
        })
        .collect();
    assert!(
        part_sizes.iter().all(|size| *size > 10_000),
        "{part_sizes:?}"
    );
}

#[test]
fn a_finished_part_is_not_built_again_unless_forced() {
    let dir = dump_with_set("300", "2");
    build_part(dir.path(), "1/2", &[]);
    let path = part_path(dir.path(), 1, 2);
    let first = std::fs::metadata(&path).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    let again = build_part(dir.path(), "1/2", &[]);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("already built"),
        "{again:?}"
    );
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), first);
    build_part(dir.path(), "1/2", &["--force"]);
    assert_ne!(std::fs::metadata(&path).unwrap().modified().unwrap(), first);
}

#[test]
fn a_build_over_its_memory_budget_spills_and_writes_the_same_pack() {
    let dir = dump_with_set("1500", "1");
    let roomy = single_build(dir.path(), "roomy.exposure", &[]);
    let tight = single_build(dir.path(), "tight.exposure", &["--memory", "1M"]);
    let text = String::from_utf8_lossy(&tight.stdout);
    assert!(text.contains("sorted runs spilled to disk"), "{text}");
    // The same counts, problems, row numbers and keys, whatever the timing.
    let report = |output: &std::process::Output| -> Vec<String> {
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .filter(|line| {
                ![
                    "Built ",
                    "rows read",
                    "key derivation",
                    "sorted runs",
                    "pack size",
                ]
                .iter()
                .any(|skip| line.trim_start().starts_with(skip))
            })
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(report(&roomy), report(&tight));
    assert!(report(&roomy).iter().any(|l| l.contains(" line ")));
    assert_same_file(
        dir.path(),
        "roomy.exposure",
        "tight.exposure",
        "the spilled build differs",
    );
    // The spilled runs are gone.
    assert_no_hidden_files(dir.path());
}

#[test]
fn a_part_built_under_a_small_budget_equals_the_roomy_one() {
    let dir = dump_with_set("1500", "2");
    build_part(dir.path(), "0/2", &[]);
    let roomy = std::fs::read(part_path(dir.path(), 0, 2)).unwrap();
    build_part(dir.path(), "0/2", &["--force", "--memory", "1M"]);
    assert!(roomy == std::fs::read(part_path(dir.path(), 0, 2)).unwrap());
}

#[test]
fn merge_refuses_a_missing_part_and_a_part_given_twice() {
    let dir = dump_with_set("200", "3");
    build_part(dir.path(), "0/3", &[]);
    build_part(dir.path(), "2/3", &[]);
    let output = exposure()
        .args(["pack", "merge", "set", "--out", "merged.exposure"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("Part 1 of 3 is missing"),
        "{output:?}"
    );
    let part = part_path(dir.path(), 0, 3);
    let output = exposure()
        .args(["pack", "merge", "--out", "merged.exposure"])
        .arg(&part)
        .arg(&part)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(!dir.path().join("merged.exposure").exists());
}

#[test]
fn merge_refuses_a_part_of_another_set() {
    let one = dump_with_set("200", "2");
    let other = dump_with_set("200", "2");
    build_part(one.path(), "0/2", &[]);
    build_part(other.path(), "1/2", &[]);
    let output = exposure()
        .args(["pack", "merge", "--out"])
        .arg(one.path().join("merged.exposure"))
        .arg(part_path(one.path(), 0, 2))
        .arg(part_path(other.path(), 1, 2))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("another shard set"),
        "{output:?}"
    );
}

#[test]
fn a_part_of_a_changed_plan_is_refused() {
    let dir = dump_with_set("200", "2");
    let plan = dir.path().join("plan.toml");
    let text = std::fs::read_to_string(&plan).unwrap();
    std::fs::write(
        &plan,
        text.replacen("curator = ", "curator = \"Other\"\n#", 1),
    )
    .unwrap();
    let output = exposure()
        .args(["build", "plan.toml", "--shards", "set", "--shard", "0/2"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("changed since the shard set"),
        "{output:?}"
    );
    assert!(!part_path(dir.path(), 0, 2).exists());
}

#[test]
fn a_shard_set_is_never_overwritten() {
    let dir = dump_with_set("100", "2");
    let before = std::fs::read(dir.path().join("set/shard-set.json")).unwrap();
    exposure()
        .args(["build", "plan.toml", "--init-shards", "4", "--out", "set"])
        .current_dir(dir.path())
        .assert()
        .code(1);
    assert_eq!(
        std::fs::read(dir.path().join("set/shard-set.json")).unwrap(),
        before
    );
}

#[test]
fn neither_a_build_nor_a_merge_writes_over_the_shard_set_or_a_part() {
    let dir = dump_with_set("100", "1");
    build_part(dir.path(), "0/1", &[]);
    let set = dir.path().join("set/shard-set.json");
    let part = part_path(dir.path(), 0, 1);
    let before = (std::fs::read(&set).unwrap(), std::fs::read(&part).unwrap());
    exposure()
        .args(["build", "plan.toml", "--shards", "set", "--force", "--out"])
        .arg(&set)
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is a file this build reads"));
    exposure()
        .args(["pack", "merge", "set", "--force", "--out"])
        .arg(&part)
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicates::str::contains("is a file this build reads"));
    assert!((std::fs::read(&set).unwrap(), std::fs::read(&part).unwrap()) == before);
    assert_no_hidden_files(&dir.path().join("set"));
}

#[test]
fn a_shard_outside_its_count_is_a_usage_error() {
    let dir = dump_with_set("100", "2");
    for shard in ["2/2", "x/2", "1"] {
        exposure()
            .args(["build", "plan.toml", "--shards", "set", "--shard", shard])
            .current_dir(dir.path())
            .assert()
            .code(2);
    }
}

#[test]
fn no_identifier_of_the_dump_is_in_a_part_file() {
    let dir = dump_with_set("400", "2");
    build_part(dir.path(), "0/2", &[]);
    build_part(dir.path(), "1/2", &[]);
    let identifiers = identifiers_of(&dir.path().join("plan.toml"), 6);
    assert!(identifiers.len() > 400);
    for index in 0..2 {
        let bytes = std::fs::read(part_path(dir.path(), index, 2)).unwrap();
        for identifier in &identifiers {
            assert!(
                !contains(&bytes, identifier.as_bytes()),
                "an identifier of the dump is in part {index}"
            );
        }
    }
}

/// More parts than the merge opens at once: they merge in rounds, to the same pack.
#[test]
fn more_parts_than_the_merge_opens_at_once_still_merge_to_the_single_build() {
    let dir = dump_with_set("300", "70");
    for i in 0..70 {
        build_part(
            dir.path(),
            &format!("{i}/70"),
            &["--quiet", "--threads", "1"],
        );
    }
    exposure()
        .args([
            "pack",
            "merge",
            "set",
            "--out",
            "merged.exposure",
            "--quiet",
        ])
        .current_dir(dir.path())
        .assert()
        .success();
    single_build(dir.path(), "single.exposure", &[]);
    assert_same_file(
        dir.path(),
        "merged.exposure",
        "single.exposure",
        "the merged pack differs from the single build",
    );
    assert_no_hidden_files(dir.path());
}

/// Byte for byte, without printing megabytes of difference.
fn assert_same_file(dir: &Path, a: &str, b: &str, what: &str) {
    let read = |name: &str| std::fs::read(dir.join(name)).unwrap();
    assert!(read(a) == read(b), "{what}");
}

/// Spill runs and temporary parts are dot files; none may outlive the command.
fn assert_no_hidden_files(dir: &Path) {
    let files = files_in(dir);
    assert!(files.iter().all(|name| !name.starts_with('.')), "{files:?}");
}

/// `exposure pack merge PART --out merged.exposure` in `dir`.
fn merge_part(dir: &Path, part: &Path) -> std::process::Output {
    exposure()
        .args(["pack", "merge", "--out", "merged.exposure", "--quiet"])
        .arg(part)
        .current_dir(dir)
        .output()
        .unwrap()
}

/// A damaged part is never merged: a flipped byte in the magic, the header, the records or the
/// digest and `pack merge` exits 1 naming the part, leaving no pack. That every byte is covered
/// is the builder's unit test (`pipeline::tests`, in process); here, the binary's side of it.
#[test]
fn merge_refuses_a_part_with_a_byte_flipped_naming_it() {
    // The smallest part: a short header and a few records.
    let dir = crate::support::dump_dir(
        "[pack]\ntitle = \"T\"\ncurator = \"C\"\n[[breach]]\nid = \"b\"\ntitle = \"B\"\n\
         [[breach.source]]\npath = \"d.csv\"\nformat = \"csv\"\n[breach.source.columns]\n\
         phone = \"phone\"\n",
        &[("d.csv", b"phone\n13800138000\n13912345678\n")],
    );
    init_shard_set(dir.path(), "1");
    build_part(dir.path(), "0/1", &["--quiet"]);
    let part = part_path(dir.path(), 0, 1);
    let sound = std::fs::read(&part).unwrap();
    assert!(merge_part(dir.path(), &part).status.success());
    std::fs::remove_file(dir.path().join("merged.exposure")).unwrap();
    // The magic and header length (24 bytes), the JSON header, the records, the 32-byte digest.
    let header_length = u64::from_le_bytes(sound[16..24].try_into().unwrap()) as usize;
    let records = 24 + header_length..sound.len() - 32;
    assert!(!records.is_empty());
    let damaged = dir.path().join("damaged.exposure-part");
    for position in [
        0,
        24 + header_length / 2,
        (records.start + records.end) / 2,
        sound.len() - 1,
    ] {
        let mut bytes = sound.clone();
        bytes[position] ^= 0x01;
        std::fs::write(&damaged, &bytes).unwrap();
        let output = merge_part(dir.path(), &damaged);
        assert_eq!(output.status.code(), Some(1), "byte {position}: {output:?}");
        assert!(
            !dir.path().join("merged.exposure").exists(),
            "byte {position}"
        );
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("damaged.exposure-part"),
            "byte {position}: {output:?}"
        );
    }
}

#[test]
fn a_damaged_or_old_part_is_named_with_the_command_that_rebuilds_it() {
    let dir = dump_with_set("50", "2");
    build_part(dir.path(), "0/2", &["--quiet"]);
    build_part(dir.path(), "1/2", &["--quiet"]);
    let part = part_path(dir.path(), 1, 2);
    let sound = std::fs::read(&part).unwrap();
    let merge = || {
        exposure()
            .args(["pack", "merge", "set", "--out", "merged.exposure"])
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let mut damaged = sound.clone();
    let last = damaged.len() - 40;
    damaged[last] ^= 0x80;
    std::fs::write(&part, &damaged).unwrap();
    let output = merge();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("part-00001-of-00002.exposure-part is damaged")
            && stderr.contains("--shard 1/2 --force"),
        "{stderr}"
    );
    // A part of the first format, without a digest.
    let mut old = sound[..sound.len() - 32].to_vec();
    old[15] = 1;
    std::fs::write(&part, &old).unwrap();
    let output = merge();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("built by an older version of Exposure") && stderr.contains("--shard 1/2"),
        "{stderr}"
    );
    assert!(!dir.path().join("merged.exposure").exists());
}

/// The "already built" check reads the part through: a damaged part is built again, not kept.
#[test]
fn a_damaged_part_is_built_again_rather_than_taken_as_done() {
    let dir = dump_with_set("50", "1");
    build_part(dir.path(), "0/1", &["--quiet"]);
    let part = part_path(dir.path(), 0, 1);
    let sound = std::fs::read(&part).unwrap();
    let mut damaged = sound.clone();
    let middle = damaged.len() - 100;
    damaged[middle] ^= 0x04;
    std::fs::write(&part, &damaged).unwrap();
    let again = build_part(dir.path(), "0/1", &["--quiet"]);
    assert!(
        !String::from_utf8_lossy(&again.stdout).contains("already built"),
        "{again:?}"
    );
    assert!(std::fs::read(&part).unwrap() == sound);
}

/// A shard set from an Exposure that did not record its identifier normalization rules: a part
/// built under it now could hold other keys for the same values than its older parts, so none is
/// built, and the message names the set and how to start again, in either language.
#[test]
fn a_shard_set_without_this_version_s_normalization_rules_is_refused_naming_it() {
    let dir = dump_with_set("50", "1");
    let path = dir.path().join("set/shard-set.json");
    let mut set: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    assert!(
        set["normalization"].as_u64().is_some_and(|v| v > 0),
        "{set}"
    );
    set.as_object_mut().unwrap().remove("normalization");
    std::fs::write(&path, serde_json::to_vec(&set).unwrap()).unwrap();
    for lang in ["en", "zh-CN"] {
        let output = exposure()
            .args([
                "--lang",
                lang,
                "build",
                "plan.toml",
                "--shards",
                "set",
                "--shard",
                "0/1",
            ])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(
            stderr.contains("shard-set.json") && stderr.contains("--init-shards"),
            "{stderr}"
        );
        if lang == "zh-CN" {
            assert_no_english(&stderr);
        }
    }
    assert!(!part_path(dir.path(), 0, 1).exists());
}
