//! `exposure pack sign` and `pack verify`, and signature status in `check` and `pack info`,
//! against the reference `minisign` tool in both directions (scripts/test installs it).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use predicates::prelude::*;

use crate::support::{check_json, demo, exposure, files_in};

/// Runs `minisign` with `stdin` (a password, when it asks) and returns its output.
fn minisign(dir: &Path, args: &[&str], stdin: &str) -> std::process::Output {
    let mut child = Command::new("minisign")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("minisign is installed (scripts/test installs it)");
    std::io::Write::write_all(child.stdin.as_mut().unwrap(), stdin.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

/// A copy of the demo pack in a fresh folder (signing writes beside the pack), and a key pair
/// made by `minisign -G`, password-protected when `password` is given.
fn signing_dir(password: Option<&str>) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let pack = dir.path().join("demo.exposure");
    std::fs::copy(&demo().pack, &pack).unwrap();
    let output = match password {
        None => minisign(
            dir.path(),
            &["-G", "-W", "-p", "curator.pub", "-s", "curator.key"],
            "",
        ),
        Some(password) => {
            std::fs::write(dir.path().join("password.txt"), format!("{password}\n")).unwrap();
            minisign(
                dir.path(),
                &["-G", "-p", "curator.pub", "-s", "curator.key"],
                &format!("{password}\n{password}\n"),
            )
        }
    };
    assert!(output.status.success(), "{output:?}");
    (dir, pack)
}

/// The trusted comment Exposure binds a v2 pack's signature with (docs/pack-format.md §4.9): its
/// id, format, creation time and root, read with plain SQL from the pack's `meta` (whose root
/// the reader checks against the one it computes at every open).
fn binding_comment(pack: &Path) -> String {
    let db =
        rusqlite::Connection::open_with_flags(pack, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
            .unwrap();
    let meta = |key: &str| -> String {
        db.query_row("SELECT value FROM meta WHERE key = ?1", [key], |row| {
            row.get(0)
        })
        .unwrap()
    };
    format!(
        "exposure-pack id={} format={} created={} root={}",
        meta("id"),
        meta("format_version"),
        meta("created"),
        meta("root")
    )
}

fn exposure_sign(dir: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    exposure()
        .args(["pack", "sign", "demo.exposure", "--key", "curator.key"])
        .args(extra)
        .current_dir(dir)
        .assert()
}

fn exposure_verify(dir: &Path, pubkey: &str) -> assert_cmd::assert::Assert {
    exposure()
        .args(["pack", "verify", "demo.exposure", "--pubkey", pubkey])
        .current_dir(dir)
        .assert()
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_pack_signed_by_exposure_verifies_with_the_minisign_tool() {
    let (dir, pack) = signing_dir(None);
    exposure_sign(dir.path(), &[])
        .success()
        .stdout(predicate::str::contains("demo.exposure.minisig"));
    let output = minisign(
        dir.path(),
        &["-V", "-H", "-p", "curator.pub", "-m", "demo.exposure"],
        "",
    );
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    assert!(stdout.contains(&binding_comment(&pack)), "{stdout}");
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_pack_signed_by_the_minisign_tool_verifies_in_exposure() {
    let (dir, pack) = signing_dir(None);
    let comment = binding_comment(&pack);
    sign_with_minisign_tool(dir.path(), &comment);
    exposure_verify(dir.path(), "curator.pub")
        .success()
        .stdout(predicate::str::contains("Good signature").and(predicate::str::contains(&comment)));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_password_protected_key_signs_in_both_tools_with_the_password_from_a_file() {
    let (dir, pack) = signing_dir(Some("correct horse battery"));
    exposure_sign(dir.path(), &["--password-file", "password.txt"]).success();
    let output = minisign(
        dir.path(),
        &["-V", "-H", "-p", "curator.pub", "-m", "demo.exposure"],
        "",
    );
    assert!(output.status.success(), "{output:?}");

    std::fs::remove_file(dir.path().join("demo.exposure.minisig")).unwrap();
    let comment = binding_comment(&pack);
    let output = minisign(
        dir.path(),
        &[
            "-S",
            "-s",
            "curator.key",
            "-m",
            "demo.exposure",
            "-t",
            &comment,
        ],
        "correct horse battery\n",
    );
    assert!(output.status.success(), "{output:?}");
    exposure_verify(dir.path(), "curator.pub").success();
}

/// Under cron, in CI or in a pipeline there is no terminal: the password typed into standard
/// input is not read, the error says how to give it, and nothing is signed.
#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn without_a_terminal_the_password_is_not_read_from_standard_input() {
    let (dir, _) = signing_dir(Some("correct horse battery"));
    // setsid: no controlling terminal, whoever runs the tests.
    assert_cmd::Command::new("setsid")
        .arg("--wait")
        .arg(env!("CARGO_BIN_EXE_exposure"))
        .args([
            "--lang",
            "en",
            "pack",
            "sign",
            "demo.exposure",
            "--key",
            "curator.key",
        ])
        .current_dir(dir.path())
        .write_stdin("correct horse battery\n")
        .assert()
        .code(1)
        .stderr(
            predicate::str::contains("no terminal")
                .and(predicate::str::contains("--password-file")),
        );
    assert!(!dir.path().join("demo.exposure.minisig").exists());
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_wrong_password_is_refused_and_writes_no_signature() {
    let (dir, _) = signing_dir(Some("correct horse battery"));
    std::fs::write(dir.path().join("wrong.txt"), "incorrect\n").unwrap();
    let before = files_in(dir.path());
    exposure_sign(dir.path(), &["--password-file", "wrong.txt"])
        .code(1)
        .stderr(predicate::str::contains("Wrong password"));
    assert_eq!(files_in(dir.path()), before);
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn the_password_cannot_be_given_on_the_command_line() {
    let (dir, _) = signing_dir(None);
    exposure_sign(dir.path(), &["--password", "hunter2"]).code(2);
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_legacy_signature_made_by_minisign_is_refused() {
    let (dir, _) = signing_dir(None);
    let output = minisign(
        dir.path(),
        &["-S", "-l", "-W", "-s", "curator.key", "-m", "demo.exposure"],
        "",
    );
    assert!(output.status.success(), "{output:?}");
    exposure_verify(dir.path(), "curator.pub")
        .code(1)
        .stderr(predicate::str::contains("legacy"));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_signature_whose_comment_does_not_name_the_pack_is_refused() {
    let (dir, _) = signing_dir(None);
    let output = minisign(
        dir.path(),
        &["-S", "-W", "-s", "curator.key", "-m", "demo.exposure"],
        "",
    );
    assert!(output.status.success(), "{output:?}");
    exposure_verify(dir.path(), "curator.pub")
        .code(1)
        .stderr(predicate::str::contains("does not say which pack"));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_signature_made_for_another_pack_id_is_refused() {
    let (dir, pack) = signing_dir(None);
    let comment = binding_comment(&pack).replace("id=exposure-demo", "id=older-pack");
    sign_with_minisign_tool(dir.path(), &comment);
    exposure_verify(dir.path(), "curator.pub")
        .code(1)
        .stderr(predicate::str::contains(
            "made for another pack (its id differs)",
        ));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_pack_changed_after_signing_is_refused_by_check_and_info_and_left_as_it_is() {
    let (dir, pack) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    let mut bytes = std::fs::read(&pack).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(&pack, &bytes).unwrap();
    let before = files_in(dir.path());
    exposure()
        .args(["pack", "info", "demo.exposure", "--trust", "curator.pub"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("changed after it was signed"));
    exposure()
        .args(["check", "--pack", "demo.exposure", "--trust", "curator.pub"])
        .current_dir(dir.path())
        .write_stdin("phone=13800138000\n")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("changed after it was signed"));
    assert_eq!(files_in(dir.path()), before);
    assert_eq!(std::fs::read(&pack).unwrap(), bytes);
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn verify_reads_every_byte_and_refuses_a_pack_changed_after_signing() {
    let (dir, pack) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    exposure_verify(dir.path(), "curator.pub")
        .success()
        .stdout(predicate::str::contains("Every byte checked"));
    // A byte of the SQLite header's "reserved for expansion" area (offsets 72 to 91): nothing an
    // open reads or an answer uses, so only the check of every byte can see it changed.
    let mut bytes = std::fs::read(&pack).unwrap();
    bytes[80] ^= 0xff;
    std::fs::write(&pack, &bytes).unwrap();
    exposure()
        .args(["pack", "info", "demo.exposure"])
        .current_dir(dir.path())
        .assert()
        .success();
    exposure_verify(dir.path(), "curator.pub")
        .code(1)
        .stderr(predicate::str::contains("changed after it was signed"));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn verify_refuses_a_signature_whose_trusted_comment_was_edited() {
    let (dir, pack) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    let signature = dir.path().join("demo.exposure.minisig");
    let text = std::fs::read_to_string(&signature).unwrap();
    let edited = text.replace(
        &binding_comment(&pack),
        &binding_comment(&pack).replace("created=2026", "created=2027"),
    );
    assert_ne!(edited, text);
    std::fs::write(&signature, edited).unwrap();
    exposure_verify(dir.path(), "curator.pub")
        .code(1)
        .stderr(predicate::str::contains(
            "its trusted comment is not the one its key signed",
        ));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn verify_with_another_key_names_the_signer() {
    let (dir, _) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    let output = minisign(
        dir.path(),
        &["-G", "-W", "-p", "other.pub", "-s", "other.key"],
        "",
    );
    assert!(output.status.success());
    exposure_verify(dir.path(), "other.pub")
        .code(1)
        .stderr(predicate::str::contains("not by the key given"));
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn check_reports_trusted_unknown_and_unsigned_packs_in_json() {
    let (dir, pack) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    let signed = |trust: &[&str]| {
        let mut command = exposure();
        command
            .args(["check", "--json", "--pack", "demo.exposure"])
            .args(trust)
            .current_dir(dir.path());
        let output = command.write_stdin("phone=13800138000\n").output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        report["packs"][0]["signature"].clone()
    };
    let trusted = signed(&["--trust", "curator.pub"]);
    assert_eq!(trusted["status"], "trusted", "{trusted}");
    assert_eq!(trusted["comment"], binding_comment(&pack).as_str());
    std::fs::create_dir(dir.path().join("keys")).unwrap();
    std::fs::copy(
        dir.path().join("curator.pub"),
        dir.path().join("keys/curator.pub"),
    )
    .unwrap();
    assert_eq!(signed(&["--trusted-keys", "keys"])["status"], "trusted");
    let unknown = signed(&[]);
    assert_eq!(unknown["status"], "unknown_signer");
    assert_eq!(unknown["key_id"], trusted["key_id"]);
    let (_, report) = check_json(&[&demo().pack], "phone=13800138000\n");
    assert_eq!(report["packs"][0]["signature"]["status"], "unsigned");
}

#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn info_and_check_state_the_signature_in_plain_words_in_both_languages() {
    let (dir, _) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    for (lang, trusted, unknown) in [
        (
            "en_US.UTF-8",
            "signed by a trusted key",
            "signed by an unknown key",
        ),
        ("zh_CN.UTF-8", "由受信任的密钥签名", "由未知密钥签名"),
    ] {
        exposure()
            .env("LANG", lang)
            .args(["pack", "info", "demo.exposure", "--trust", "curator.pub"])
            .current_dir(dir.path())
            .assert()
            .success()
            .stdout(predicate::str::contains(trusted));
        exposure()
            .env("LANG", lang)
            .args(["check", "--pack", "demo.exposure"])
            .current_dir(dir.path())
            .write_stdin("phone=13800138000\n")
            .assert()
            .success()
            .stdout(predicate::str::contains(unknown));
    }
    exposure()
        .args(["pack", "info"])
        .arg(&demo().pack)
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "not signed; nobody vouches for this pack",
        ));
}

/// Signs the demo pack in `dir` with the `minisign` tool and an unencrypted key, with this
/// trusted comment.
fn sign_with_minisign_tool(dir: &Path, comment: &str) {
    let output = minisign(
        dir,
        &[
            "-S",
            "-W",
            "-s",
            "curator.key",
            "-m",
            "demo.exposure",
            "-t",
            comment,
        ],
        "",
    );
    assert!(output.status.success(), "{output:?}");
}

/// A FIFO as the password file or the secret key blocked `pack sign` forever: refused unread.
#[cfg(unix)]
#[test]
fn a_fifo_as_the_password_file_or_the_secret_key_is_refused_without_blocking() {
    let (dir, _) = signing_dir(Some("correct horse battery"));
    let fifo = dir.path().join("fifo");
    crate::support::mkfifo(&fifo);
    for args in [
        ["--key", "curator.key", "--password-file", "fifo"],
        ["--key", "fifo", "--password-file", "password.txt"],
    ] {
        let output = exposure()
            .args(["pack", "sign", "demo.exposure"])
            .args(args)
            .current_dir(dir.path())
            .timeout(std::time::Duration::from_secs(20))
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1), "blocked? {output:?}");
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert!(stderr.contains("not an ordinary file"), "{stderr}");
    }
    assert!(!dir.path().join("demo.exposure.minisig").exists());
}

/// `pack sign` renames its signature into place: a pipe (or, as root, a device node) of that
/// name would have been replaced by a regular file.
#[cfg(unix)]
#[test]
fn sign_leaves_a_pipe_at_the_signatures_name_alone() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, _) = signing_dir(Some("correct horse battery"));
    let signature = dir.path().join("demo.exposure.minisig");
    crate::support::mkfifo(&signature);
    let output = exposure()
        .args(["pack", "sign", "demo.exposure", "--key", "curator.key"])
        .args(["--password-file", "password.txt"])
        .current_dir(dir.path())
        .timeout(std::time::Duration::from_secs(20))
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("demo.exposure.minisig") && stderr.contains("not an ordinary file"),
        "{stderr}"
    );
    let kind = std::fs::symlink_metadata(&signature).unwrap().file_type();
    assert!(kind.is_fifo(), "the pipe was replaced");
}

/// Two different packs that claim one id: as in the app's library, the one better vouched for is
/// checked whichever is named first, and the other is refused on standard error, naming both.
#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn of_two_packs_claiming_one_id_the_better_vouched_for_is_checked_and_the_other_refused() {
    let (dir, signed) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    let other = dir.path().join("other");
    exposure()
        .args(["demo", "--quiet", "--rows", "300", "--seed", "9", "--out"])
        .arg(&other)
        .assert()
        .success();
    let impostor = other.join("demo.exposure");
    for order in [[&impostor, &signed], [&signed, &impostor]] {
        let mut command = exposure();
        command
            .args(["check", "--json", "--trust"])
            .arg(dir.path().join("curator.pub"));
        for pack in order {
            command.arg("--pack").arg(pack);
        }
        let output = command.write_stdin("phone=13800138000\n").output().unwrap();
        assert_eq!(output.status.code(), Some(0), "{output:?}");
        let report: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
        let packs = report["packs"].as_array().unwrap();
        assert_eq!(packs.len(), 1, "{report:#}");
        assert_eq!(packs[0]["signature"]["status"], "trusted", "{report:#}");
        let stderr = String::from_utf8(output.stderr).unwrap();
        let refusal = format!(
            "{} claims the id exposure-demo of another pack, {}",
            impostor.display(),
            signed.display()
        );
        assert_eq!(stderr.matches(&refusal).count(), 1, "{stderr}");
    }
}

/// A signed v2 pack altered after signing, in the two ways a reader tells apart: a consistent
/// forgery (meta changed and the root recomputed, so only the signature's root differs), refused
/// at every open; and every bucket changed, refused by the lookups of a check. Each refusal names
/// the pack in the person's language, with exit 1, and leaves the files as they were.
#[cfg_attr(
    windows,
    ignore = "starts Debian's minisign, which a Windows program under Wine cannot run"
)]
#[test]
fn a_tampered_signed_v2_pack_is_refused_naming_it_in_each_language() {
    let (dir, pack) = signing_dir(None);
    exposure_sign(dir.path(), &[]).success();
    let damaged = dir.path().join("damaged.exposure");
    std::fs::copy(&pack, &damaged).unwrap();
    std::fs::copy(
        dir.path().join("demo.exposure.minisig"),
        dir.path().join("damaged.exposure.minisig"),
    )
    .unwrap();
    let edit = |path: &Path, sql: &str| {
        rusqlite::Connection::open(path)
            .unwrap()
            .execute_batch(sql)
            .unwrap();
    };
    edit(
        &pack,
        "UPDATE meta SET value = 'Someone else' WHERE key = 'curator'",
    );
    exposure_core::pack::v2::reseal(&pack).unwrap();
    edit(
        &damaged,
        "UPDATE buckets SET data = CAST(data || x'00' AS BLOB)",
    );
    let contents = |dir: &Path| -> Vec<(String, Vec<u8>)> {
        files_in(dir)
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(dir.join(&name)).unwrap();
                (name, bytes)
            })
            .collect()
    };
    let before = contents(dir.path());
    let phone = "phone=13800138000\n";
    for (lang, altered, damage) in [
        (
            "en_US.UTF-8",
            "the pack was changed after it was signed",
            "does not match its hash tree",
        ),
        ("zh_CN.UTF-8", "数据包在签名后被改动过", "与其哈希树不符"),
        ("zh_TW.UTF-8", "資料包在簽名後被改動過", "與其雜湊樹不符"),
    ] {
        for command in [&["pack", "info"][..], &["check", "--pack"]] {
            exposure()
                .env("LANG", lang)
                .args(command)
                .args(["demo.exposure", "--trust", "curator.pub"])
                .current_dir(dir.path())
                .write_stdin(phone)
                .assert()
                .code(1)
                .stderr(
                    predicate::str::contains(altered)
                        .and(predicate::str::contains("demo.exposure")),
                );
        }
        exposure()
            .env("LANG", lang)
            .args([
                "check",
                "--pack",
                "damaged.exposure",
                "--trust",
                "curator.pub",
            ])
            .current_dir(dir.path())
            .write_stdin(phone)
            .assert()
            .code(1)
            .stderr(
                predicate::str::contains(damage).and(predicate::str::contains("damaged.exposure")),
            );
    }
    assert!(contents(dir.path()) == before, "a refusal changed a file");
}
