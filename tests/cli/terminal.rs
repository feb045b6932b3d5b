//! What reaches the terminal, and what is read from standard input: a hostile pack's text is
//! shown escaped on its own line, a file name cannot drive the terminal, a line of input is read
//! with a bound and never echoed, and a closed pipe ends a command quietly.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;

use predicates::prelude::*;

use crate::support::{check_json, demo, exposure};

/// Terminal escapes, a bell, line ends and the bidi controls that reorder what is shown, then a
/// forged second line.
const FORGED: &str = "Leaks\u{1b}[2J\u{1b}]0;owned\u{7}\r\nsignature: trusted\u{202e}\u{2066}\u{2067}\u{2068}\u{2069}";
/// Characters that must never reach the terminal raw from a pack.
const RAW: [char; 9] = [
    '\u{1b}', '\u{7}', '\r', '\u{202e}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}', '\u{0}',
];

/// The demo pack with every text it carries (title, curator, id, created, and each breach's
/// slug, title, description and date) replaced by [`FORGED`], its root made again. It stays
/// unsigned.
fn hostile_pack(dir: &Path) -> PathBuf {
    let path = dir.join("hostile.exposure");
    std::fs::copy(&demo().pack, &path).unwrap();
    let db = rusqlite::Connection::open(&path).unwrap();
    let json = serde_json::to_string(FORGED).unwrap();
    for (key, value) in [
        ("title", json.as_str()),
        ("curator", FORGED),
        ("id", FORGED),
        ("created", FORGED),
    ] {
        db.execute("UPDATE meta SET value = ?1 WHERE key = ?2", [value, key])
            .unwrap();
    }
    db.execute(
        "UPDATE breaches SET slug = ?1 || id, title = ?2, description = ?2, date = ?1",
        [FORGED, json.as_str()],
    )
    .unwrap();
    drop(db);
    // Whoever edits an unsigned pack can state its new root: the pack opens, as a forged one would.
    exposure_core::pack::v2::reseal(&path).unwrap();
    path
}

fn assert_nothing_forged(text: &str, real_signature_line: &str) {
    assert!(!text.contains(RAW), "a raw control character:\n{text:?}");
    for line in text.lines() {
        assert!(
            !line
                .trim_start()
                .to_lowercase()
                .starts_with("signature: trusted"),
            "a forged line: {line:?}"
        );
    }
    assert!(text.contains(real_signature_line), "{text}");
    assert!(text.contains("Leaks\\x1b[2J"), "shown escaped: {text}");
    assert!(
        text.contains("\\x0d\\x0asignature: trusted\\u{202e}"),
        "{text}"
    );
}

#[test]
fn a_hostile_packs_text_is_shown_escaped_in_check_and_pack_info() {
    let dir = tempfile::tempdir().unwrap();
    let pack = hostile_pack(dir.path());

    let output = exposure()
        .arg("check")
        .arg("--pack")
        .arg(&pack)
        .write_stdin("phone=13800138000\n")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("Found in 2 breaches"), "{text}");
    assert_nothing_forged(&text, "signature: not signed");

    let output = exposure()
        .args(["pack", "info"])
        .arg(&pack)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let text = String::from_utf8(output.stdout).unwrap();
    assert_nothing_forged(&text, "Signature: not signed");
    assert!(text.contains("Curator: Leaks\\x1b"), "{text}");
}

#[test]
fn a_file_name_in_an_error_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil = dir.path().join("evil\u{1b}[31m\u{202e}gpj.exposure");
    let output = exposure()
        .args(["pack", "info"])
        .arg(&evil)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8(output.stderr).unwrap();
    assert!(!text.contains(RAW), "{text:?}");
    assert!(
        text.contains("evil\\x1b[31m\\u{202e}gpj.exposure"),
        "{text}"
    );
}

/// `normalize` shows values from a dump, one a line: a value's escape sequences cannot reach
/// the terminal either.
#[test]
fn a_normalized_value_is_shown_escaped() {
    exposure()
        .args(["normalize", "username"])
        .write_stdin("Evil\u{1b}[2J\u{7}\u{202e}Name\n")
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("evil")
                .and(predicate::str::ends_with("name\n"))
                .and(predicate::function(|out: &str| !out.contains(RAW))),
        );
}

#[test]
fn an_unknown_kind_is_never_echoed_and_a_close_one_is_suggested() {
    exposure()
        .arg("check")
        .arg("--pack")
        .arg(&demo().pack)
        .write_stdin("cao_hui=username\n")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("Line 1")
                .and(predicate::str::contains("national_id"))
                .and(predicate::str::contains("cao_hui").not())
                .and(predicate::str::contains("Did you mean").not()),
        );
    exposure()
        .arg("check")
        .arg("--pack")
        .arg(&demo().pack)
        .write_stdin("phone=13800138000\nusrname=zhangwei85\n")
        .assert()
        .code(2)
        .stderr(
            predicate::str::contains("Line 2")
                .and(predicate::str::contains("Did you mean username?"))
                .and(predicate::str::contains("usrname").not()),
        );
}

#[test]
fn a_byte_order_mark_before_the_first_line_is_skipped() {
    let (code, report) = check_json(&[&demo().pack], "\u{feff}phone=13800138000\r\n");
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(report["inputs"][0]["status"], "checked", "{report:#}");
    exposure()
        .args(["normalize", "phone"])
        .write_stdin("\u{feff}13800138000\n")
        .assert()
        .success()
        .stdout("+8613800138000\n");
}

#[test]
fn an_over_long_line_is_refused_with_a_clear_message() {
    let mut input = "phone=".to_owned();
    input.push_str(&"8".repeat(1 << 20));
    input.push('\n');
    for args in [&["check", "--pack"][..], &["normalize", "phone"][..]] {
        let mut command = exposure();
        command.args(args);
        if args[0] == "check" {
            command.arg(&demo().pack);
        }
        command
            .write_stdin(input.clone())
            .assert()
            .code(2)
            .stderr(predicate::str::contains("Line 1 is longer than 4096 bytes"))
            .stdout("");
    }
    // A line just under the bound is read as any other.
    let (code, report) = check_json(&[&demo().pack], &format!("username={}\n", "z".repeat(4000)));
    assert_eq!(code, 0, "{report:#}");
}

#[test]
fn an_identifier_given_many_times_is_one_input() {
    let input = "phone=13800138000\n".repeat(1000) + "phone=+86 138 0013 8000\n";
    let (code, report) = check_json(&[&demo().pack], &input);
    assert_eq!(code, 0);
    assert_eq!(report["inputs"].as_array().unwrap().len(), 1, "{report:#}");
}

/// Runs `exposure ARGS` with `stdin` as its input and its standard output a pipe whose reading
/// end is closed before it writes, as `exposure … | head -0` would; returns the exit code and
/// what it printed on standard error.
fn with_closed_stdout(args: &[&std::ffi::OsStr], stdin: &str) -> (Option<i32>, String) {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_exposure"))
        .env_clear()
        .env("LANG", "en_US.UTF-8")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let mut input = child.stdin.take().unwrap();
    // The command may end before it reads everything: a failed write here is no failure.
    let _ = input.write_all(stdin.as_bytes());
    drop(input);
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn every_verb_that_prints_ends_quietly_on_a_closed_pipe() {
    let pack = demo().pack.as_os_str();
    let dump_dir = tempfile::tempdir().unwrap();
    let people_dir = tempfile::tempdir().unwrap();
    let people = people_dir.path().join("people.csv");
    std::fs::write(&people, "person,phone\nA,13800138000\n").unwrap();
    let os = |s: &'static str| std::ffi::OsStr::new(s);
    let cases: Vec<(Vec<&std::ffi::OsStr>, &str)> = vec![
        (vec![os("completions"), os("bash")], ""),
        (vec![os("man")], ""),
        (vec![os("pack"), os("info"), pack], ""),
        (vec![os("pack"), os("info"), os("--json"), pack], ""),
        (vec![os("normalize"), os("phone")], "13800138000\n"),
        (vec![os("check"), os("--pack"), pack], "phone=13800138000\n"),
        (
            vec![os("check"), os("--json"), os("--pack"), pack],
            "phone=13800138000\n",
        ),
        (
            vec![
                os("check"),
                os("--pack"),
                pack,
                os("--batch"),
                people.as_os_str(),
            ],
            "",
        ),
        (
            vec![
                os("check"),
                os("--json"),
                os("--pack"),
                pack,
                os("--batch"),
                people.as_os_str(),
            ],
            "",
        ),
        (
            vec![
                os("demo"),
                os("--dump-only"),
                os("--rows"),
                os("20"),
                os("--out"),
                dump_dir.path().as_os_str(),
            ],
            "",
        ),
    ];
    for (args, stdin) in cases {
        let (code, stderr) = with_closed_stdout(&args, stdin);
        assert_eq!((code, stderr.as_str()), (Some(0), ""), "{args:?}");
    }
}
