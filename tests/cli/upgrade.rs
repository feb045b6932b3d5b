//! `exposure pack upgrade`: the demo plan built as a v1 pack (with the dev-only v1 writer, from a
//! one-part shard set's entries) and as a v2 pack answers every probe alike, and so does the v1
//! pack upgraded; upgrades are deterministic, refusals change nothing, and v1 is labelled.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use exposure_build::shard::Part;
use exposure_build::spill::Merge;
use exposure_core::pack::{Pack, v1};
use exposure_demo::{DemoOptions, DemoPerson, absent_person, write_dump};

use crate::support::{
    answers, assert_no_english, assert_same_answers, check_json, exposure, files_in, found,
    init_shard_set, probe,
};

/// The demo plan built both ways, and its people.
struct Packs {
    v1: PathBuf,
    v2: PathBuf,
    people: Vec<DemoPerson>,
}

fn packs() -> &'static Packs {
    static PACKS: OnceLock<Packs> = OnceLock::new();
    PACKS.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("exposure-e2e-upgrade-")
            .tempdir()
            .unwrap()
            .keep();
        let dump = write_dump(
            &dir,
            &DemoOptions {
                seed: 31,
                rows: 120,
            },
        )
        .unwrap();
        init_shard_set(&dir, "1");
        exposure()
            .args([
                "build",
                "plan.toml",
                "--shards",
                "set",
                "--shard",
                "0/1",
                "--quiet",
            ])
            .current_dir(&dir)
            .assert()
            .success();
        let v2 = dir.join("v2.exposure");
        exposure()
            .args(["pack", "merge", "set", "--quiet", "--out"])
            .arg(&v2)
            .current_dir(&dir)
            .assert()
            .success();
        let v1 = dir.join("v1.exposure");
        write_v1(&dir.join("set/part-00000-of-00001.exposure-part"), &v2, &v1);
        Packs {
            v1,
            v2,
            people: dump.people,
        }
    })
}

/// The v1 pack of the part's entries, with the meta and breaches of the v2 pack they made.
fn write_v1(part: &Path, v2: &Path, out: &Path) {
    let made = Pack::open(v2).unwrap();
    let mut writer = v1::Writer::create(out, made.meta(), made.breaches()).unwrap();
    let mut entries = Merge::new(vec![Part::open(part).unwrap()]).unwrap();
    while let Some(entry) = entries.next_entry().unwrap() {
        writer
            .push(&entry.key, entry.breach, entry.classes)
            .unwrap();
    }
    writer.finish().unwrap();
}

/// `pack upgrade OLD --out NEW` with `extra`, in `dir`.
fn upgrade(dir: &Path, old: &Path, new: &Path, extra: &[&str]) -> std::process::Output {
    exposure()
        .args(["pack", "upgrade", "--quiet"])
        .arg(old)
        .arg("--out")
        .arg(new)
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap()
}

#[test]
fn v1_v2_and_the_upgraded_v1_pack_answer_every_probe_alike() {
    let packs = packs();
    let dir = tempfile::tempdir().unwrap();
    let upgraded = dir.path().join("upgraded.exposure");
    let output = upgrade(dir.path(), &packs.v1, &upgraded, &[]);
    assert!(output.status.success(), "{output:?}");
    let probed: Vec<DemoPerson> = packs
        .people
        .iter()
        .cloned()
        .chain([absent_person()])
        .collect();
    let v2 = answers(&packs.v2, &probed);
    assert_same_answers(&packs.v1, &probed, &v2, "v1");
    assert_same_answers(&upgraded, &probed, &v2, "upgraded");
    // The probes hit and miss: a comparison of empty reports would prove nothing.
    let found = found(&v2);
    assert!(found > 10 && found < packs.people.len(), "{found}");
}

#[test]
fn an_upgrade_is_deterministic_and_tells_the_curator_to_sign_the_new_pack() {
    let packs = packs();
    let dir = tempfile::tempdir().unwrap();
    let (one, two) = (
        dir.path().join("one.exposure"),
        dir.path().join("two.exposure"),
    );
    let output = upgrade(dir.path(), &packs.v1, &one, &[]);
    assert!(output.status.success(), "{output:?}");
    assert!(upgrade(dir.path(), &packs.v1, &two, &[]).status.success());
    assert!(std::fs::read(&one).unwrap() == std::fs::read(&two).unwrap());
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("exposure pack sign"), "{stdout}");
    assert!(stdout.contains("not signed"), "{stdout}");
    let v1_entries = Pack::open(&packs.v1).unwrap().meta().entry_count;
    assert!(
        stdout.contains(&format!("entries: {v1_entries}")),
        "{stdout}"
    );
    assert_eq!(files_in(dir.path()), ["one.exposure", "two.exposure"]);
}

#[test]
fn refused_upgrades_change_nothing_on_disk() {
    let packs = packs();
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.exposure");
    std::fs::copy(&packs.v1, &old).unwrap();
    let bytes = std::fs::read(&old).unwrap();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a pack").unwrap();
    let damaged = dir.path().join("damaged.exposure");
    let mut broken = bytes.clone();
    let middle = broken.len() / 2;
    broken[middle..middle + 4096].fill(0xA5);
    std::fs::write(&damaged, &broken).unwrap();
    let new = dir.path().join("new.exposure");
    let before = files_in(dir.path());
    for (input, out, extra) in [
        (&old, &old, &["--force"][..]),
        (&notes, &new, &[][..]),
        (&damaged, &new, &[][..]),
        (&old, &notes, &[][..]),
    ] {
        let output = upgrade(dir.path(), input, out, extra);
        assert_eq!(output.status.code(), Some(1), "{output:?}");
        assert!(!output.stderr.is_empty());
        assert_eq!(files_in(dir.path()), before, "{output:?}");
    }
    assert_eq!(std::fs::read(&old).unwrap(), bytes);
    assert_eq!(std::fs::read(&damaged).unwrap(), broken);
    assert_eq!(std::fs::read(&notes).unwrap(), b"not a pack");
}

#[test]
fn upgrading_a_v2_pack_says_it_is_already_current_and_exits_2() {
    let packs = packs();
    let dir = tempfile::tempdir().unwrap();
    let output = upgrade(dir.path(), &packs.v2, &dir.path().join("new.exposure"), &[]);
    assert_eq!(output.status.code(), Some(2), "{output:?}");
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("already format 2"), "{stderr}");
    assert!(files_in(dir.path()).is_empty());
}

#[test]
fn a_v1_pack_is_labelled_in_info_and_check_with_the_command_that_upgrades_it() {
    let packs = packs();
    let info = |pack: &Path, lang: &str| {
        let output = exposure()
            .args(["pack", "info", "--lang", lang])
            .arg(pack)
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        String::from_utf8(output.stdout).unwrap()
    };
    let old = info(&packs.v1, "en");
    assert!(
        old.contains("Format: 1 (old format: upgrade with `exposure pack upgrade PACK --out NEW`)"),
        "{old}"
    );
    assert!(info(&packs.v2, "en").contains("Format: 2\n"));
    let chinese = info(&packs.v1, "zh-CN");
    assert!(chinese.contains("旧格式"), "{chinese}");
    let check = exposure()
        .args(["check", "--json", "--lang", "zh-CN", "--pack"])
        .arg(&packs.v1)
        .write_stdin("phone=13900139000\n")
        .output()
        .unwrap();
    assert!(check.status.success(), "{check:?}");
    let stderr = String::from_utf8(check.stderr).unwrap();
    assert_eq!(
        stderr
            .matches("exposure pack upgrade PACK --out NEW")
            .count(),
        1,
        "{stderr}"
    );
    assert_no_english(&stderr.replace("exposure pack upgrade PACK --out NEW", ""));
    let v2 = exposure()
        .args(["check", "--json", "--pack"])
        .arg(&packs.v2)
        .write_stdin("phone=13900139000\n")
        .output()
        .unwrap();
    assert!(v2.stderr.is_empty(), "{v2:?}");
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_signed_v1_pack_is_checked_first_and_its_signature_does_not_carry_over() {
    let packs = packs();
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("old.exposure");
    std::fs::copy(&packs.v1, &old).unwrap();
    let keys = std::process::Command::new("minisign")
        .args(["-G", "-W", "-p", "curator.pub", "-s", "curator.key"])
        .current_dir(dir.path())
        .output()
        .expect("minisign is installed (scripts/test installs it)");
    assert!(keys.status.success(), "{keys:?}");
    exposure()
        .args(["pack", "sign", "old.exposure", "--key", "curator.key"])
        .current_dir(dir.path())
        .assert()
        .success();
    let trusted = ["--trust", "curator.pub"];
    let output = upgrade(dir.path(), &old, Path::new("new.exposure"), &trusted);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("trusted key"), "{stdout}");
    assert!(!dir.path().join("new.exposure.minisig").exists());
    // Changed after signing: the signature no longer holds, and nothing is written.
    let mut bytes = std::fs::read(&old).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 1;
    std::fs::write(&old, &bytes).unwrap();
    let output = upgrade(dir.path(), &old, Path::new("again.exposure"), &trusted);
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert!(!dir.path().join("again.exposure").exists());
    // Untrusted here, the same signature is only reported, not checked.
    let output = upgrade(dir.path(), &old, Path::new("again.exposure"), &[]);
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains("not trusted here"), "{stdout}");
}

#[test]
fn a_v1_pack_checked_with_its_upgrade_is_one_pack_and_each_breach_is_listed_once() {
    let packs = packs();
    let dir = tempfile::tempdir().unwrap();
    let upgraded = dir.path().join("upgraded.exposure");
    assert!(
        upgrade(dir.path(), &packs.v1, &upgraded, &[])
            .status
            .success()
    );
    let showcase = probe(&packs.people[0]);
    let (code, alone) = check_json(&[&upgraded], &showcase);
    assert_eq!(code, 0);
    let expected = crate::support::breaches_found(&alone);
    assert!(!expected.is_empty(), "{alone:#}");
    for order in [[&packs.v1, &upgraded], [&upgraded, &packs.v1]] {
        let output = exposure()
            .args(["check", "--json", "--pack"])
            .arg(order[0])
            .arg("--pack")
            .arg(order[1])
            .write_stdin(showcase.as_str())
            .output()
            .unwrap();
        assert!(output.status.success(), "{output:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            crate::support::breaches_found(&report),
            expected,
            "{report:#}"
        );
        assert_eq!(report["packs"].as_array().unwrap().len(), 1, "{report:#}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        assert!(stderr.contains("is the same pack as"), "{stderr}");
    }
}
