//! `exposure pack synth`: random keys through the real writer, labelled synthetic wherever the
//! pack is shown; grown from a small pack, that pack's people are found in it.

use crate::support::{breaches_found, check_json, demo, exposure, files_in};

const SHOWCASE: &str = "phone=13800138000\n";
const ABSENT: &str = "phone=13900139000\n";

#[test]
fn a_pack_grown_from_the_demo_finds_its_people_and_says_it_is_synthetic() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("grown.exposure");
    let output = exposure()
        .args([
            "pack",
            "synth",
            "--quiet",
            "--entries",
            "50000",
            "--seed",
            "4",
        ])
        .arg("--out")
        .arg(&out)
        .arg("--from")
        .arg(&demo().pack)
        .output()
        .unwrap();
    let said = String::from_utf8(output.stdout).unwrap();
    assert!(output.status.success(), "{said}");
    assert!(said.contains("50000 random entries"), "{said}");

    let (code, small) = check_json(&[&demo().pack], SHOWCASE);
    assert_eq!(code, 0);
    let (code, grown) = check_json(&[&out], SHOWCASE);
    assert_eq!(code, 0);
    assert!(!breaches_found(&grown).is_empty());
    assert_eq!(breaches_found(&grown), breaches_found(&small));
    let (_, absent) = check_json(&[&out], ABSENT);
    assert!(breaches_found(&absent).is_empty());

    let check = exposure()
        .args(["check", "--pack"])
        .arg(&out)
        .write_stdin(SHOWCASE)
        .output()
        .unwrap();
    let text = String::from_utf8(check.stdout).unwrap();
    assert!(text.contains("synthetic: random keys"), "{text}");
    let info = exposure()
        .args(["pack", "info"])
        .arg(&out)
        .output()
        .unwrap();
    let text = String::from_utf8(info.stdout).unwrap();
    assert!(text.contains("synthetic: random keys"), "{text}");
    let info = exposure()
        .args(["pack", "info", "--json"])
        .arg(&out)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&info.stdout).unwrap();
    assert_eq!(json["synthetic"], true);
    assert_eq!(json["format_version"], 2);
}

#[test]
fn the_same_options_give_the_same_pack() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let out = dir.path().join(name);
        exposure()
            .args([
                "pack",
                "synth",
                "--quiet",
                "--entries",
                "20000",
                "--seed",
                "9",
            ])
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        std::fs::read(out).unwrap()
    };
    assert_eq!(write("a.exposure"), write("b.exposure"));
}

#[test]
fn writing_over_the_pack_it_grows_from_is_refused_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small.exposure");
    std::fs::copy(&demo().pack, &small).unwrap();
    let before = std::fs::read(&small).unwrap();
    let output = exposure()
        .args(["pack", "synth", "--entries", "10", "--force", "--out"])
        .arg(&small)
        .arg("--from")
        .arg(&small)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let said = String::from_utf8(output.stderr).unwrap();
    assert!(said.contains("is a file this build reads"), "{said}");
    assert_eq!(std::fs::read(&small).unwrap(), before);
    assert_eq!(files_in(dir.path()), ["small.exposure"]);
}
