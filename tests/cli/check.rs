//! `exposure check`: people in and out of packs, invalid inputs, the text report in both languages
//! and the exit codes of DESIGN.md §6.

use predicates::prelude::*;

use crate::support::{breaches_found, check_json, demo, exposure, redact};

const SHOWCASE_BREACHES: [&str; 3] = ["demo-courier-2021", "demo-forum-2020", "demo-police-2022"];

#[test]
fn the_showcase_phone_number_is_found_in_the_breaches_that_hold_it() {
    let demo = demo();
    let (code, report) = check_json(&[&demo.pack], "phone=138 0013 8000\n");
    assert_eq!(code, 0);
    let found = breaches_found(&report);
    assert!(
        found.contains(&"demo-courier-2021".to_owned()),
        "{report:#}"
    );
    assert!(!found.contains(&"demo-shop-2019".to_owned()), "{report:#}");
    for finding in report["findings"].as_array().unwrap() {
        assert_eq!(finding["matched"], serde_json::json!(["phone"]));
        assert!(
            finding["data_classes"]
                .as_array()
                .unwrap()
                .contains(&"phone_numbers".into())
        );
    }
}

#[test]
fn every_identifier_of_the_showcase_person_is_matched_across_breaches() {
    let demo = demo();
    let input = "phone=+86 138-0013-8000\nnational_id=110105 19850307 1230\nname=张伟\ndob=1985年3月7日\nemail=ZHANG.WEI@example.cn\nusername=ZhangWei85\n";
    let (code, report) = check_json(&[&demo.pack], input);
    assert_eq!(code, 0);
    assert_eq!(breaches_found(&report), SHOWCASE_BREACHES, "{report:#}");
    let inputs = report["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 5);
    assert!(
        inputs.iter().all(|i| i["status"] == "checked"),
        "{report:#}"
    );
    let police = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["breach"] == "demo-police-2022")
        .unwrap();
    // The police dump holds a legacy 15-digit ID and no date of birth: the name matches through
    // the birth date inside the ID.
    let matched = police["matched"].as_array().unwrap();
    assert!(matched.contains(&"national_id".into()), "{police:#}");
    assert!(matched.contains(&"name_dob".into()), "{police:#}");
    assert!(
        police["breach_data_classes"]
            .as_array()
            .unwrap()
            .contains(&"police_records".into())
    );
}

#[test]
fn a_person_in_no_breach_is_not_found_and_the_check_still_succeeds() {
    let demo = demo();
    let (code, report) = check_json(
        &[&demo.pack],
        "phone=13900139000\nname=李娜\ndob=1990-01-01\n",
    );
    assert_eq!(code, 0);
    assert!(
        report["findings"].as_array().unwrap().is_empty(),
        "{report:#}"
    );
    assert_eq!(report["packs"][0]["protection"], "weak");
}

#[test]
fn invalid_inputs_are_reported_with_reasons_beside_valid_ones() {
    let demo = demo();
    let (code, report) = check_json(
        &[&demo.pack],
        "national_id=110105198503071231\nphone=12345\nemail=zhang.wei@example.cn\n",
    );
    assert_eq!(code, 0, "one valid input makes a check");
    let inputs = report["inputs"].as_array().unwrap();
    let national_id = inputs.iter().find(|i| i["kind"] == "national_id").unwrap();
    assert_eq!(national_id["status"], "invalid");
    assert!(
        national_id["reason"]
            .as_str()
            .unwrap()
            .contains("last character")
    );
    let phone = inputs.iter().find(|i| i["kind"] == "phone").unwrap();
    assert_eq!(phone["status"], "invalid");
}

#[test]
fn only_invalid_inputs_exit_with_status_2() {
    let demo = demo();
    let (code, report) = check_json(&[&demo.pack], "national_id=123\nname=张伟\n");
    assert_eq!(code, 2);
    let reasons: Vec<&str> = report["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["reason"].as_str().unwrap())
        .collect();
    assert_eq!(reasons.len(), 2, "{report:#}");
}

#[test]
fn no_input_at_all_exits_with_status_2() {
    exposure()
        .arg("check")
        .arg("--pack")
        .arg(&demo().pack)
        .write_stdin("# nothing\n\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("No identifiers were given"));
}

#[test]
fn a_malformed_line_is_a_usage_error_that_does_not_echo_the_value() {
    exposure()
        .arg("check")
        .arg("--pack")
        .arg(&demo().pack)
        .write_stdin("13912345678\n")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("Line 1").and(predicate::str::contains("13912345678").not()),
        );
}

#[test]
fn identifiers_are_not_accepted_on_the_command_line() {
    exposure()
        .args(["check", "--phone", "13800138000", "--pack"])
        .arg(&demo().pack)
        .assert()
        .code(2);
}

#[test]
fn a_missing_pack_is_an_error_with_status_1_naming_the_pack() {
    exposure()
        .args(["check", "--pack", "/nonexistent/leaks.exposure"])
        .write_stdin("phone=13800138000\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("/nonexistent/leaks.exposure"));
}

#[cfg_attr(
    windows,
    ignore = "insta asks cargo (a Linux program) where its snapshots are, which fails under Wine"
)]
#[test]
fn the_text_report_explains_findings_and_advice_in_english() {
    let demo = demo();
    let output = exposure()
        .arg("check")
        .arg("--pack")
        .arg(&demo.pack)
        .write_stdin(
            "phone=13800138000\nnational_id=110105198503071230\nnational_id=11010519850307123X\n",
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = redact(&String::from_utf8(output.stdout).unwrap(), &demo.dir);
    insta::assert_snapshot!("check_text_en", text);
}

#[cfg_attr(
    windows,
    ignore = "insta asks cargo (a Linux program) where its snapshots are, which fails under Wine"
)]
#[test]
fn the_text_report_is_in_chinese_for_a_chinese_locale() {
    let demo = demo();
    let output = exposure()
        .env("LANG", "zh_CN.UTF-8")
        .arg("check")
        .arg("--pack")
        .arg(&demo.pack)
        .write_stdin(
            "phone=13800138000\nnational_id=110105198503071230\nnational_id=11010519850307123X\n",
        )
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    let text = redact(&String::from_utf8(output.stdout).unwrap(), &demo.dir);
    assert!(text.contains("身份证号码"), "{text}");
    insta::assert_snapshot!("check_text_zh_cn", text);
}

#[test]
fn the_text_report_is_in_traditional_chinese_for_a_taiwan_hong_kong_or_macau_locale() {
    let demo = demo();
    // LANG is the shell's default; LC_MESSAGES and LC_ALL override it, as for zh-CN.
    for env in [
        vec![("LANG", "zh_TW.UTF-8")],
        vec![("LANG", "zh_CN.UTF-8"), ("LC_MESSAGES", "zh_HK.UTF-8")],
        vec![("LANG", "en_US.UTF-8"), ("LC_ALL", "zh_MO.UTF-8")],
    ] {
        let output = exposure()
            .envs(env.iter().copied())
            .arg("check")
            .arg("--pack")
            .arg(&demo.pack)
            .write_stdin("phone=13800138000\nnational_id=110105198503071230\n")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{env:?}");
        let text = String::from_utf8(output.stdout).unwrap();
        assert!(text.contains("身分證號碼"), "{env:?}: {text}");
        assert!(text.contains("洩露事件中找到了您的資訊"), "{env:?}: {text}");
        assert!(!text.contains("个数据包"), "{env:?}: {text}");
    }
}

/// The advice names the hotlines of the check's region, whatever the language: a number written
/// with its country code is found whatever the region.
#[test]
fn the_advice_names_the_official_channels_of_the_checks_region() {
    let demo = demo();
    for (region, named, absent) in [
        ("CN", "96110", "18222"),
        ("HK", "18222", "96110"),
        ("TW", "165", "96110"),
    ] {
        let output = exposure()
            .args(["--lang", "en", "check", "--region", region, "--pack"])
            .arg(&demo.pack)
            .write_stdin("phone=+86 138 0013 8000\n")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(0), "{region}");
        let text = String::from_utf8(output.stdout).unwrap();
        let advice = text.split("What to do now:").nth(1).unwrap_or_default();
        assert!(advice.contains(named), "{region}: {text}");
        assert!(!advice.contains(absent), "{region}: {text}");
    }
}

#[test]
fn lang_overrides_the_locale() {
    exposure()
        .env("LANG", "zh_CN.UTF-8")
        .args(["--lang", "en", "check", "--pack"])
        .arg(&demo().pack)
        .write_stdin("phone=13900139000\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("Not found in any breach"));
}

#[test]
fn a_miss_says_what_it_does_and_does_not_mean() {
    exposure()
        .args(["check", "--pack"])
        .arg(&demo().pack)
        .write_stdin("email=nobody@example.org\n")
        .assert()
        .success()
        .stdout(predicate::str::contains("not a guarantee"));
}

/// `--pack P --pack P` once counted the pack twice and listed every breach twice; a copy of the
/// pack under another name is the same pack too.
#[test]
fn a_pack_named_twice_or_copied_under_another_name_is_checked_once() {
    let demo = demo();
    let (_, once) = check_json(&[&demo.pack], "phone=13800138000\n");
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.exposure");
    std::fs::copy(&demo.pack, &copy).unwrap();
    let mut command = exposure();
    command.args(["check", "--json"]);
    for pack in [&demo.pack, &demo.pack, &copy] {
        command.arg("--pack").arg(pack);
    }
    let output = command.write_stdin("phone=13800138000\n").output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(report["packs"].as_array().unwrap().len(), 1, "{report:#}");
    assert_eq!(breaches_found(&report), breaches_found(&once), "{report:#}");
    assert!(!breaches_found(&once).is_empty());
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(stderr.matches("is the same pack as").count(), 2, "{stderr}");
}

#[test]
fn an_unknown_region_is_a_usage_error() {
    exposure()
        .args(["check", "--region", "ZZ", "--pack"])
        .arg(&demo().pack)
        .write_stdin("phone=13800138000\n")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("unknown region"));
}

/// The showcase person, every identifier typed as a person would, beside a number in no breach:
/// the findings are those the demo generator planted, breach by breach, in the report's order.
#[test]
fn the_command_finds_exactly_the_breaches_the_showcase_person_was_planted_in() {
    let demo = demo();
    let text: String = [
        "phone=+86 138-0013-8000",
        "phone=13900139000",
        "national_id=110105 19850307 1230",
        "name=张伟",
        "dob=1985年3月7日",
        "email=ZHANG.WEI@example.cn",
        "username=ZhangWei85",
    ]
    .map(|line| format!("{line}\n"))
    .concat();
    let (code, json) = check_json(&[&demo.pack], &text);
    assert_eq!(code, 0);
    let found: Vec<serde_json::Value> = json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| serde_json::json!([f["breach"], f["matched"], f["data_classes"]]))
        .collect();
    let expected = serde_json::json!([
        [
            "demo-police-2022",
            ["phone", "national_id", "name_dob"],
            [
                "national_ids",
                "police_records",
                "phone_numbers",
                "physical_addresses",
                "names",
                "genders"
            ]
        ],
        [
            "demo-courier-2021",
            ["phone"],
            [
                "phone_numbers",
                "physical_addresses",
                "names",
                "delivery_records"
            ]
        ],
        [
            "demo-forum-2020",
            ["name_dob", "email", "username"],
            [
                "passwords",
                "dates_of_birth",
                "names",
                "email_addresses",
                "ip_addresses",
                "usernames",
                "genders"
            ]
        ]
    ]);
    assert_eq!(serde_json::Value::from(found), expected, "{json:#}");
}

/// Mainland leaks hold names in Simplified characters; a name typed in Traditional ones is also
/// checked in Simplified, and the answer says which form matched.
#[test]
fn a_traditional_name_finds_the_simplified_record_and_says_so() {
    let demo = demo();
    let (code, report) = check_json(&[&demo.pack], "name=張偉\ndob=1985-03-07\n");
    assert_eq!(code, 0);
    let findings = report["findings"].as_array().unwrap();
    assert!(!findings.is_empty(), "{report:#}");
    for finding in findings {
        assert_eq!(finding["matched"], serde_json::json!(["name_dob"]));
        assert_eq!(
            finding["matched_in_simplified"],
            serde_json::json!(["name_dob"])
        );
    }
    let (_, as_typed) = check_json(&[&demo.pack], "name=张伟\ndob=1985-03-07\n");
    assert_eq!(breaches_found(&as_typed), breaches_found(&report));
    assert!(
        as_typed["findings"]
            .as_array()
            .unwrap()
            .iter()
            .all(|f| f["matched_in_simplified"] == serde_json::json!([]))
    );
    exposure()
        .args(["check", "--pack"])
        .arg(&demo.pack)
        .write_stdin("name=張偉\ndob=1985-03-07\n")
        .assert()
        .success()
        .stdout(
            predicate::str::contains("The name matched in Simplified characters")
                .and(predicate::str::contains("張偉").not())
                .and(predicate::str::contains("张伟").not()),
        );
}
