//! `exposure normalize`: one output line per input line, the normalized form or the refusal.

use crate::support::exposure;

#[test]
fn phone_numbers_normalize_to_e164_one_per_line() {
    exposure()
        .args(["normalize", "phone"])
        .write_stdin(
            "138 0013 8000\n0086 138-0013-8000\n(+86) 13800138000\n１３８００１３８０００\n12345\n",
        )
        .assert()
        .success()
        .stdout(
            "+8613800138000\n+8613800138000\n+8613800138000\n+8613800138000\n\
             refused: this number only works locally: please add the area code\n",
        );
}

#[test]
fn json_output_gives_input_and_normalized_or_error() {
    let output = exposure()
        .args(["normalize", "national_id", "--json"])
        .write_stdin("110105850307123\n110105198503071231\n")
        .output()
        .unwrap();
    assert!(output.status.success());
    let lines: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines[0]["normalized"], "110105198503071230");
    assert_eq!(lines[1]["code"], "national-id-check-character");
    assert!(lines[1]["normalized"].is_null());
}

#[test]
fn names_with_dates_normalize_in_chinese_output_too() {
    exposure()
        .env("LANG", "zh_CN.UTF-8")
        .args(["normalize", "name_dob"])
        .write_stdin("张 伟|1985年3月7日\n张伟|1985-02-30\n")
        .assert()
        .success()
        .stdout("张伟|1985-03-07\n已拒绝：这个日期不存在\n");
}

#[test]
fn only_refused_values_exit_with_status_2() {
    exposure()
        .args(["normalize", "email"])
        .write_stdin("not-an-email\n")
        .assert()
        .code(2);
}

#[test]
fn an_unknown_kind_is_a_usage_error() {
    exposure()
        .args(["normalize", "passport"])
        .write_stdin("x\n")
        .assert()
        .code(2);
}

#[test]
fn the_region_decides_how_a_national_number_is_read() {
    exposure()
        .args(["normalize", "phone"])
        .write_stdin("(415) 555-2671\n+1 415 555 2671\n")
        .assert()
        .success()
        .stdout("+864155552671\n+14155552671\n");
    exposure()
        .args(["normalize", "phone", "--region", "US"])
        .write_stdin("(415) 555-2671\n+86 138 0013 8000\n")
        .assert()
        .success()
        .stdout("+14155552671\n+8613800138000\n");
}
