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

/// Ctrl-C ends `pack synth` as it ends a build: cancelled, exit 1, nothing left behind.
#[cfg(unix)]
#[test]
fn ctrl_c_ends_synth_with_no_pack_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_exposure"))
        .args(["pack", "synth", "--quiet", "--entries", "1000000000"])
        .args(["--out", "big.exposure"])
        .env("LANG", "en_US.UTF-8")
        .current_dir(dir.path())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // The temporary pack is made after the signal handlers are set and before any entry.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !files_in(dir.path())
        .iter()
        .any(|name| name.starts_with(".exposure-build-"))
    {
        assert!(child.try_wait().unwrap().is_none(), "synth ended early");
        assert!(std::time::Instant::now() < deadline, "no temporary pack");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let sent = std::process::Command::new("kill")
        .args(["-s", "INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("cancelled"), "{stderr}");
    assert!(files_in(dir.path()).is_empty(), "something was left behind");
}
