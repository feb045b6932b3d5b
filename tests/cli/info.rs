//! `exposure pack info`: what a pack is, and the honest limit per identifier kind.

use predicates::prelude::*;

use crate::support::{demo, exposure};

#[test]
fn info_states_the_cost_of_guessing_for_every_identifier_kind() {
    let output = exposure()
        .args(["pack", "info"])
        .arg(&demo().pack)
        .output()
        .unwrap();
    assert!(output.status.success());
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("demo data: synthetic people"), "{text}");
    assert!(text.contains("The honest limit"), "{text}");
    for kind in [
        "phone number",
        "national ID number",
        "name and date of birth",
        "email address",
        "username",
    ] {
        assert!(
            text.contains(&format!("• {kind}: ")),
            "no cost line for {kind}:\n{text}"
        );
    }
    assert!(
        text.contains("trying every Chinese mobile number: about"),
        "{text}"
    );
    assert!(
        text.contains("An attacker renting graphics cards"),
        "{text}"
    );
    assert!(
        text.contains("https://github.com/hashcat/hashcat/pull/4284"),
        "{text}"
    );
}

#[test]
fn info_json_lists_breaches_and_attack_costs() {
    let output = exposure()
        .args(["pack", "info", "--json"])
        .arg(&demo().pack)
        .output()
        .unwrap();
    assert!(output.status.success());
    let info: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(info["id"], "exposure-demo");
    assert_eq!(info["demo"], true);
    assert_eq!(info["protection"], "weak");
    assert_eq!(info["argon2"]["m_kib"], 256);
    assert_eq!(info["breaches"].as_array().unwrap().len(), 4);
    let attacks = info["guess_cost"]["attacks"].as_array().unwrap();
    assert!(attacks.iter().all(|a| a["seconds"].as_f64().unwrap() > 0.0));
    assert!(
        info["guess_cost"]["seconds_per_guess_one_core"]
            .as_f64()
            .unwrap()
            > 0.0
    ); // The demo pack's 256 KiB and 1 pass move 1/1024 of the benchmark's 64 MiB and 3 passes.
    let gpu = &info["guess_cost"]["gpu"];
    assert_eq!(gpu["guesses_per_second"], 1667.0 * 1024.0);
    assert_eq!(gpu["benchmark"]["date"], "2025-07-02");
    assert_eq!(
        gpu["benchmark"]["source"],
        "https://github.com/hashcat/hashcat/pull/4284"
    );
    assert_eq!(gpu["attacks"].as_array().unwrap().len(), attacks.len());
}

#[test]
fn info_in_chinese() {
    exposure()
        .env("LANG", "zh_CN.UTF-8")
        .args(["pack", "info"])
        .arg(&demo().pack)
        .assert()
        .success()
        .stdout(
            predicate::str::contains("诚实的说明")
                .and(predicate::str::contains("尝试所有中国手机号码")),
        );
}

#[test]
fn info_refuses_a_file_that_is_not_a_pack() {
    let dir = tempfile::tempdir().unwrap();
    let fake = dir.path().join("fake.exposure");
    std::fs::write(&fake, "hello").unwrap();
    exposure()
        .args(["pack", "info"])
        .arg(&fake)
        .assert()
        .code(1)
        .stderr(predicate::str::contains("is not a pack"));
}
