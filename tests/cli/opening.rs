//! Files that are not what they claim to be, costs and threads beyond reason, and the words a
//! person reads when something fails: FIFOs, devices, huge files, tampered shard sets, truncated
//! parts. Each is refused quickly with the project's own sentence, in the person's language.

use std::time::Duration;

use crate::support::{assert_no_english, exposure, init_shard_set};
#[cfg(unix)]
use crate::support::{demo, mkfifo};

/// Longer than any of these commands takes; a command that used to block is killed after it, and
/// the test fails instead of hanging.
const PATIENCE: Duration = Duration::from_secs(20);

/// Runs `command` to its end, or kills it after [`PATIENCE`]; asserts it ended by itself with exit
/// status `code`, and returns its standard error.
fn refused(command: &mut assert_cmd::Command, code: i32) -> String {
    let output = command.timeout(PATIENCE).output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(
        output.status.code(),
        Some(code),
        "blocked or ended otherwise: {output:?}"
    );
    stderr
}

/// A copy of the demo pack in a folder of its own, for the FIFO test (Unix has FIFOs).
#[cfg(unix)]
fn pack_copy(dir: &std::path::Path) -> std::path::PathBuf {
    let pack = dir.join("copy.exposure");
    std::fs::copy(&demo().pack, &pack).unwrap();
    pack
}

const PLAN: &str = r#"
[pack]
title = "Opening tests"
curator = "Exposure tests"

[[breach]]
id = "b"
title = "B"
date = "2022-06-30"
[[breach.source]]
path = "dump.csv"
format = "csv"
[breach.source.columns]
phone = "phone"
"#;

/// A folder with a three-row dump and its plan.
fn plan_dir(plan: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("dump.csv"),
        "phone\n13800138000\n13912345678\n13700000001\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn fifos_as_a_signature_key_plan_shard_set_or_part_are_refused_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let pack = pack_copy(dir.path());
    let fifo = dir.path().join("fifo");
    mkfifo(&fifo);

    mkfifo(&dir.path().join("copy.exposure.minisig"));
    let stderr = refused(
        exposure()
            .args(["check", "--pack"])
            .arg(&pack)
            .write_stdin("phone=13800138000\n"),
        1,
    );
    assert!(stderr.contains("not an ordinary file"), "{stderr}");
    refused(exposure().args(["pack", "info"]).arg(&pack), 1);
    std::fs::remove_file(dir.path().join("copy.exposure.minisig")).unwrap();

    let keys = dir.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    mkfifo(&keys.join("curator.pub"));
    let stderr = refused(
        exposure()
            .args(["pack", "info", "--trusted-keys"])
            .arg(&keys)
            .arg(&pack),
        1,
    );
    assert!(stderr.contains("curator.pub"), "{stderr}");
    refused(
        exposure()
            .args(["pack", "info", "--trust"])
            .arg(&fifo)
            .arg(&pack),
        1,
    );
    refused(
        exposure()
            .args(["pack", "verify", "--pubkey"])
            .arg(&fifo)
            .arg(&pack),
        1,
    );

    let stderr = refused(
        exposure()
            .arg("build")
            .arg(&fifo)
            .arg("--out")
            .arg(dir.path().join("out.exposure")),
        1,
    );
    assert!(stderr.contains("not an ordinary file"), "{stderr}");

    let built = plan_dir(PLAN);
    let set = built.path().join("set");
    std::fs::create_dir(&set).unwrap();
    mkfifo(&set.join("shard-set.json"));
    refused(
        exposure()
            .args(["build", "plan.toml", "--shard", "0/1", "--shards", "set"])
            .current_dir(built.path()),
        1,
    );
    let stderr = refused(
        exposure()
            .args(["pack", "merge"])
            .arg(&fifo)
            .arg("--out")
            .arg(dir.path().join("merged.exposure")),
        1,
    );
    assert!(stderr.contains("not an ordinary file"), "{stderr}");
}

/// `/dev/zero` never ends: as a plan it was read at 350 MB/s without limit, and as a key it was
/// said to be "a directory".
#[cfg(unix)]
#[test]
fn a_device_as_a_plan_or_a_key_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = refused(
        exposure()
            .args(["build", "/dev/zero", "--out"])
            .arg(dir.path().join("out.exposure")),
        1,
    );
    assert!(stderr.contains("not an ordinary file"), "{stderr}");
    let stderr = refused(
        exposure()
            .args(["pack", "info", "--trust", "/dev/zero"])
            .arg(&demo().pack),
        1,
    );
    assert!(stderr.contains("not an ordinary file"), "{stderr}");
    assert!(!stderr.contains("directory"), "{stderr}");
}

/// A file of almost 2 GiB that is not SQLite was read whole (1.95 GB) before being refused. The
/// file is sparse (no disk is used) and the process may not map more than 512 MB: reading it whole
/// would abort, refusing it by its first bytes does not.
#[cfg(target_os = "linux")]
#[test]
fn a_huge_file_that_is_not_a_pack_is_refused_by_its_first_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.exposure");
    let file = std::fs::File::create(&path).unwrap();
    std::io::Write::write_all(&mut &file, b"PK\x03\x04 a zip archive, not a pack").unwrap();
    file.set_len((1 << 31) - 100).unwrap();
    drop(file);
    let stderr = refused(
        &mut assert_cmd::Command::from_std({
            let mut command = std::process::Command::new("sh");
            command
                .args(["-c", "ulimit -v 512000 && exec \"$0\" pack info \"$1\""])
                .arg(env!("CARGO_BIN_EXE_exposure"))
                .arg(&path)
                .env("LANG", "en_US.UTF-8");
            command
        }),
        1,
    );
    assert!(stderr.contains("is not a pack"), "{stderr}");
}

/// A shard set whose cost was changed to 64 passes: every node would take minutes per identifier.
#[test]
fn a_shard_set_with_costs_beyond_the_bounds_is_refused_naming_it() {
    let dir = plan_dir(PLAN);
    init_shard_set(dir.path(), "1");
    let path = dir.path().join("set/shard-set.json");
    let mut set: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    set["cost"]["t"] = 64.into();
    std::fs::write(&path, serde_json::to_vec(&set).unwrap()).unwrap();
    let stderr = refused(
        exposure()
            .args(["build", "plan.toml", "--shard", "0/1", "--shards", "set"])
            .current_dir(dir.path()),
        1,
    );
    assert!(
        stderr.contains("shard-set.json") && stderr.contains("64 passes"),
        "{stderr}"
    );
    assert!(
        !dir.path()
            .join("set/part-00000-of-00001.exposure-part")
            .exists()
    );
}

#[test]
fn threads_are_capped_and_must_fit_in_the_memory_budget() {
    let dir = plan_dir(PLAN);
    let out = dir.path().join("out.exposure");
    // 20 buffers of 64 MiB are not 256 MiB: refused before any work, saying what fits.
    let stderr = refused(
        exposure()
            .args([
                "build",
                "plan.toml",
                "--profile",
                "strong",
                "--threads",
                "20",
            ])
            .args(["--memory", "256M", "--out", "out.exposure"])
            .current_dir(dir.path()),
        1,
    );
    assert!(
        stderr.contains("--threads 20") && stderr.contains("at most --threads 4"),
        "{stderr}"
    );
    assert!(!out.exists());
    let stderr = refused(
        exposure()
            .args([
                "build",
                "plan.toml",
                "--threads",
                "65535",
                "--out",
                "out.exposure",
            ])
            .current_dir(dir.path()),
        2,
    );
    assert!(stderr.contains("65535"), "{stderr}");
    // By default, no more workers than fit: one buffer in 20 MiB at the standard profile.
    exposure()
        .args([
            "build",
            "plan.toml",
            "--memory",
            "20M",
            "--out",
            "out.exposure",
        ])
        .current_dir(dir.path())
        .assert()
        .success();
}

/// Every failure below once showed English library text to a reader of Chinese.
#[test]
fn failures_are_told_in_the_project_s_own_chinese_words() {
    let dir = plan_dir(PLAN);
    let zh = |args: &[&str]| {
        let stderr = refused(
            exposure()
                .arg("--lang")
                .arg("zh-CN")
                .args(args)
                .current_dir(dir.path()),
            1,
        );
        assert_no_english(&stderr);
        stderr
    };
    let build = |plan: &str| {
        std::fs::write(dir.path().join("case.toml"), plan).unwrap();
        zh(&["build", "case.toml", "--out", "out.exposure"])
    };

    let stderr = zh(&["build", "nowhere.toml", "--out", "out.exposure"]);
    assert!(stderr.contains("不存在"), "{stderr}");
    std::fs::write(
        dir.path().join("latin1.toml"),
        b"[pack]\ntitle = \"caf\xe9\"\n",
    )
    .unwrap();
    let stderr = zh(&["build", "latin1.toml", "--out", "out.exposure"]);
    assert!(stderr.contains("UTF-8"), "{stderr}");
    let stderr = build(&PLAN.replace("curator = \"Exposure tests\"\n", ""));
    assert!(
        stderr.contains("curator") && stderr.contains("第 2 行"),
        "{stderr}"
    );
    let stderr = build(&PLAN.replace("date = \"2022-06-30\"", "date = 2022-06-30"));
    assert!(
        stderr.contains("\"YYYY-MM-DD\"") && stderr.contains("第 9 行"),
        "{stderr}"
    );
    let stderr = build(&PLAN.replace("format = \"csv\"", "format = \"xml\""));
    assert!(
        stderr.contains("xml") && stderr.contains("csv | tsv | jsonl"),
        "{stderr}"
    );
    let stderr = build(&PLAN.replace(
        "[breach.source.columns]",
        "colour = 1\n[breach.source.columns]",
    ));
    assert!(stderr.contains("colour"), "{stderr}");

    std::fs::write(dir.path().join("dump.csv"), b"ph\xffone\n13800138000\n").unwrap();
    zh(&["build", "plan.toml", "--out", "out.exposure"]);

    let stderr = zh(&["pack", "info", "nowhere.exposure"]);
    assert!(stderr.contains("nowhere.exposure"), "{stderr}");
    zh(&["pack", "info", "--trust", "nowhere.pub", "nowhere.exposure"]);
}

/// A part cut short in a copy was merged until its end and reported as "Writing OUT failed"; a
/// part with records beyond its count is no sound part either.
#[test]
fn a_truncated_part_is_refused_naming_it_and_saying_to_rebuild_it() {
    let dir = plan_dir(PLAN);
    init_shard_set(dir.path(), "1");
    exposure()
        .args([
            "build",
            "plan.toml",
            "--shard",
            "0/1",
            "--shards",
            "set",
            "--quiet",
        ])
        .current_dir(dir.path())
        .assert()
        .success();
    let part = dir.path().join("set/part-00000-of-00001.exposure-part");
    let bytes = std::fs::read(&part).unwrap();
    std::fs::write(&part, &bytes[..bytes.len() - 10]).unwrap();
    for lang in ["en", "zh-CN"] {
        let stderr = refused(
            exposure()
                .args([
                    "--lang",
                    lang,
                    "pack",
                    "merge",
                    "set",
                    "--out",
                    "merged.exposure",
                ])
                .current_dir(dir.path()),
            1,
        );
        assert!(stderr.contains("part-00000-of-00001"), "{stderr}");
        assert!(!stderr.contains("merged.exposure"), "{stderr}");
        if lang == "en" {
            assert!(
                stderr.contains("truncated") && stderr.contains("--force"),
                "{stderr}"
            );
        } else {
            assert_no_english(&stderr);
        }
    }
    // One record more than its header counts would be merged in all the same.
    let mut longer = bytes.clone();
    longer.extend_from_within(bytes.len() - 29..);
    std::fs::write(&part, &longer).unwrap();
    let stderr = refused(
        exposure()
            .args(["pack", "merge", "set", "--out", "merged.exposure"])
            .current_dir(dir.path()),
        1,
    );
    assert!(
        stderr.contains("is damaged") && stderr.contains("--force"),
        "{stderr}"
    );
    assert!(!dir.path().join("merged.exposure").exists());
}
