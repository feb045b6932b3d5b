//! `exposure build` and `exposure demo`: every source format and encoding, duplicates, people in
//! several breaches, plan errors, masked output, reproducibility and interruption.

use std::path::Path;

use predicates::prelude::*;

use crate::support::{breaches_found, check_json, dump_dir, exposure, files_in};

const PLAN: &str = r#"
[pack]
id = "formats"
title = { en = "Every format", "zh-CN" = "所有格式" }
curator = "Exposure tests"
default_region = "CN"

[[breach]]
id = "gb-csv"
title = "GB18030 CSV with a Chinese header"
date = "2022-06-30"
[[breach.source]]
path = "police.csv"
format = "csv"
encoding = "gb18030"
[breach.source.columns]
"姓名" = "name"
"手机号" = "phone"
"身份证号" = "national_id_cn"
"警情" = "police_record"

[[breach]]
id = "bom-tsv"
title = "UTF-8 TSV with a BOM and numbered columns"
[[breach.source]]
path = "courier.tsv"
format = "tsv"
header = false
[breach.source.columns]
"1" = "ignore"
"2" = "name"
"3" = "phone"
"4" = "address"

[[breach]]
id = "nested-jsonl"
title = "JSON Lines with nested objects"
[[breach.source]]
path = "forum.jsonl"
format = "jsonl"
[breach.source.columns]
"user.email" = "email"
"user.login" = "username"
"profile.birthday" = "dob"
"profile.real_name" = "name"
"security.password_md5" = "password"

[[breach]]
id = "quoted-csv"
title = "UTF-8 CSV with quoted multi-line fields"
data_classes = ["purchase_history"]
[[breach.source]]
path = "shop.csv"
format = "csv"
[breach.source.columns]
name = "name"
phone = "phone"
email = "email"
address = "address"
orders = "data:purchase_history"
"#;

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

/// 王芳 (phone 13912345678, ID 440306199001010014, born 1990-01-01) is in all four breaches,
/// twice in two of them; the rest are other people and broken rows.
fn files() -> Vec<(&'static str, Vec<u8>)> {
    let police = "姓名,手机号,身份证号,警情\n\
                  王芳,139 1234 5678,440306199001010014,报警记录一\n\
                  王 芳,+86 139-1234-5678,44030619900101001,报警记录二\n\
                  赵六,12345,110105198503071231,报警记录三\n\
                  钱七,(+86)137-0000-1111,,\n";
    let courier = "\u{feff}SF001\t王芳\t0086 139 1234 5678\t广东省深圳市南山区科技园1号\n\
                   SF002\t孙八\t13600001111\t北京市朝阳区建国路88号\n\
                   SF003\t只有名字\n";
    let forum = concat!(
        r#"{"user":{"email":"Wang.Fang@Example.ORG","login":"WangFang90"},"profile":{"birthday":"1990年1月1日","real_name":"王芳"},"security":{"password_md5":"5f4dcc3b5aa765d61d8327deb882cf99"}}"#,
        "\n",
        r#"{"user":{"email":null,"login":"someone"},"profile":{"birthday":"1991-02-30","real_name":"周九"}}"#,
        "\n\n",
        "{not json at all\n",
        r#"{"user":{"email":"wang.fang@example.org"}}"#,
        "\n"
    );
    let shop = "name,phone,email,address,orders\n\
                王芳,139-1234-5678,wang.fang@example.org,\"广东省深圳市\n南山区科技园1号, 2栋\",\"手机壳, 充电器\"\n\
                吴十,13500002222,wu@例子.中国,,\n";
    vec![
        ("police.csv", gb18030(police)),
        ("courier.tsv", courier.as_bytes().to_vec()),
        ("forum.jsonl", forum.as_bytes().to_vec()),
        ("shop.csv", shop.as_bytes().to_vec()),
    ]
}

/// `exposure build plan.toml --out formats.exposure --profile test`, in `dir`.
fn build_command(dir: &Path) -> assert_cmd::Command {
    build_to(dir, "formats.exposure")
}

/// `exposure build plan.toml --out OUT --profile test`, in `dir`.
fn build_to(dir: &Path, out: impl AsRef<std::ffi::OsStr>) -> assert_cmd::Command {
    let mut command = exposure();
    command
        .args(["build", "plan.toml", "--profile", "test", "--out"])
        .arg(out)
        .current_dir(dir);
    command
}

fn build(dir: &Path) -> assert_cmd::assert::Assert {
    build_command(dir).arg("--quiet").assert()
}

fn formats_dir() -> tempfile::TempDir {
    let files = files();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_slice())).collect();
    dump_dir(PLAN, &borrowed)
}

#[test]
fn every_format_and_encoding_builds_into_one_pack_that_finds_the_person() {
    let dir = formats_dir();
    let output = build(dir.path()).success().get_output().stdout.clone();
    let summary = String::from_utf8(output).unwrap();
    assert!(summary.contains("rows read: 13 "), "{summary}");
    let pack = dir.path().join("formats.exposure");

    let (code, report) = check_json(&[&pack], "phone=13912345678\n");
    assert_eq!(code, 0);
    assert_eq!(
        breaches_found(&report),
        ["bom-tsv", "gb-csv", "quoted-csv"],
        "{report:#}"
    );

    let (_, report) = check_json(&[&pack], "name=王芳\ndob=1990-01-01\n");
    assert_eq!(
        breaches_found(&report),
        ["gb-csv", "nested-jsonl"],
        "the name pairs with the JSON birthday and with the ID's birth date: {report:#}"
    );

    let (_, report) = check_json(
        &[&pack],
        "email=WANG.FANG@example.org\nusername=wangfang90\n",
    );
    assert_eq!(
        breaches_found(&report),
        ["nested-jsonl", "quoted-csv"],
        "{report:#}"
    );

    let (_, report) = check_json(&[&pack], "email=wu@xn--fsqu00a.xn--fiqs8s\n");
    assert_eq!(
        breaches_found(&report),
        ["quoted-csv"],
        "an IDN email matches its punycode: {report:#}"
    );
}

#[test]
fn duplicates_across_rows_and_files_make_one_key_and_merge_their_classes() {
    let dir = formats_dir();
    let summary =
        String::from_utf8(build(dir.path()).success().get_output().stdout.clone()).unwrap();
    // Phones: 王芳's (five rows, four files), 钱七, 孙八, 吴十 = 4 keys.
    assert!(summary.contains("phone number 4"), "{summary}");
    let pack = dir.path().join("formats.exposure");
    let (_, report) = check_json(&[&pack], "phone=13912345678\n");
    let gb = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["breach"] == "gb-csv")
        .unwrap();
    let classes = gb["data_classes"].as_array().unwrap();
    for class in ["national_ids", "police_records", "phone_numbers", "names"] {
        assert!(classes.contains(&class.into()), "{class} missing: {gb:#}");
    }
    let shop = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["breach"] == "quoted-csv")
        .unwrap();
    assert!(
        shop["data_classes"]
            .as_array()
            .unwrap()
            .contains(&"purchase_history".into()),
        "{shop:#}"
    );
}

#[test]
fn bad_rows_are_counted_by_reason_with_line_numbers_and_masked_values_only() {
    let dir = formats_dir();
    let summary =
        String::from_utf8(build(dir.path()).success().get_output().stdout.clone()).unwrap();
    assert!(summary.contains("not a JSON object"), "{summary}");
    assert!(summary.contains("no usable identifier"), "{summary}");
    assert!(
        summary.contains("police.csv line 4: phone number refused"),
        "{summary}"
    );
    assert!(
        summary.contains("(1****)"),
        "the short phone is shown masked: {summary}"
    );
    assert!(
        summary.contains("(110***********1231)"),
        "the bad ID is shown masked: {summary}"
    );
    for clear in [
        "110105198503071231",
        "13912345678",
        "139 1234 5678",
        "王芳",
        "wang.fang",
        "1991-02-30",
    ] {
        assert!(
            !summary.contains(clear),
            "{clear} appears in the build output:\n{summary}"
        );
    }
}

#[test]
fn a_pack_holds_no_identifier_in_clear() {
    let dir = formats_dir();
    build(dir.path()).success();
    let bytes = std::fs::read(dir.path().join("formats.exposure")).unwrap();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    for clear in [
        "13912345678",
        "+8613912345678",
        "440306199001010014",
        "王芳",
        "wang.fang@example.org",
        "wangfang90",
        "1990-01-01",
        "5f4dcc3b5aa765d61d8327deb882cf99",
        "广东省",
    ] {
        assert!(!contains(clear.as_bytes()), "{clear} is in the pack");
        assert!(
            !contains(&gb18030(clear)),
            "{clear} (GB18030) is in the pack"
        );
    }
}

#[test]
fn a_plan_error_is_reported_before_any_work_and_leaves_nothing_behind() {
    let files = files();
    let borrowed: Vec<(&str, &[u8])> = files.iter().map(|(n, c)| (*n, c.as_slice())).collect();
    let dir = dump_dir(
        &PLAN.replace(
            "\"警情\" = \"police_record\"",
            "\"案情\" = \"police_record\"",
        ),
        &borrowed,
    );
    let before = files_in(dir.path());
    build_command(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "\"案情\" is not in the file's header",
        ));
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn an_unknown_field_is_named_in_the_error() {
    let dir = dump_dir(
        &PLAN.replace("\"4\" = \"address\"", "\"4\" = \"home\""),
        &[],
    );
    exposure()
        .args(["build", "plan.toml", "--out", "x.exposure"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("police.csv does not exist"));
    let files = files();
    for (name, content) in &files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    exposure()
        .args(["build", "plan.toml", "--out", "x.exposure"])
        .current_dir(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("\"home\" is not a field"));
}

#[test]
fn the_demo_pack_is_reproducible() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    for dir in [&a, &b] {
        exposure()
            .args(["demo", "--quiet", "--rows", "300", "--out"])
            .arg(dir.path())
            .assert()
            .success();
    }
    let pack_a = std::fs::read(a.path().join("demo.exposure")).unwrap();
    let pack_b = std::fs::read(b.path().join("demo.exposure")).unwrap();
    assert!(pack_a == pack_b, "two demo builds differ");
}

/// `exposure demo` with its defaults builds the pack the desktop app embeds (`src-tauri/build.rs`
/// makes it with `exposure_demo::build_demo_pack`; the app's own test compares the two).
#[test]
fn exposure_demo_builds_the_pack_the_app_embeds() {
    let cli = tempfile::tempdir().unwrap();
    exposure()
        .args(["demo", "--quiet", "--out"])
        .arg(cli.path())
        .assert()
        .success();
    let library = tempfile::tempdir().unwrap();
    let pack = exposure_demo::build_demo_pack(library.path(), &Default::default()).unwrap();
    let from_cli = std::fs::read(cli.path().join("demo.exposure")).unwrap();
    assert!(
        from_cli == std::fs::read(pack).unwrap(),
        "the CLI's demo pack differs"
    );
}

/// Waits, for a minute at most, until a build running in `dir` has made its temporary pack file:
/// then it has caught the signals that end it, and not yet finished.
#[cfg(unix)]
fn wait_for_temporary_pack(dir: &Path, child: &mut std::process::Child) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let started = dir.is_dir()
            && files_in(dir)
                .iter()
                .any(|name| name.starts_with(".exposure-build-"));
        if started {
            return;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the build ended before it made its temporary pack"
        );
        assert!(
            std::time::Instant::now() < deadline,
            "no temporary pack after a minute"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// Sends `signal` (a name such as `TERM`) to `child`.
#[cfg(unix)]
fn send(signal: &str, child: &std::process::Child) {
    let sent = std::process::Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success(), "kill -s {signal}");
}

/// Ctrl-C, `kill`, a closed terminal, `scancel` and a deleted pod all end a build the same way:
/// cancelled, exit 1, no pack, no temporary file (spilled runs, under the tight budget, never
/// have a name: `spill::tests`).
#[cfg(unix)]
#[test]
fn a_build_ended_by_any_signal_leaves_no_pack_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    exposure()
        .args(["demo", "--dump-only", "--rows", "3000", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    let before = files_in(dir.path());
    for signal in ["INT", "TERM", "HUP", "QUIT"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_exposure"))
            .args(["build", "plan.toml", "--out", "big.exposure", "--quiet"])
            .args(["--profile", "standard", "--memory", "1M", "--threads", "1"])
            .env("LANG", "en_US.UTF-8")
            .current_dir(dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        wait_for_temporary_pack(dir.path(), &mut child);
        send(signal, &child);
        let output = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "SIG{signal}: {stderr}");
        assert!(stderr.contains("cancelled"), "SIG{signal}: {stderr}");
        assert_eq!(
            files_in(dir.path()),
            before,
            "SIG{signal} left a pack or a temporary file behind"
        );
    }
}

#[cfg(unix)]
#[test]
fn build_refuses_an_output_that_is_a_pipe_or_a_device_even_with_force() {
    use std::os::unix::fs::FileTypeExt;
    let dir = formats_dir();
    let fifo = dir.path().join("pipe");
    crate::support::mkfifo(&fifo);
    let mut nodes = vec![fifo];
    // As root (a container, a Slurm job), a device node like /dev/null, made in the test's own
    // folder: the real /dev is never at risk.
    let device = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if made {
        nodes.push(device);
    }
    for node in nodes {
        build_to(dir.path(), &node)
            .arg("--force")
            .assert()
            .code(1)
            .stderr(predicate::str::contains("is not a regular file"));
        let kind = std::fs::symlink_metadata(&node).unwrap().file_type();
        assert!(
            kind.is_fifo() || kind.is_char_device(),
            "{} was replaced",
            node.display()
        );
    }
    assert!(!files_in(dir.path()).iter().any(|n| n.starts_with('.')));
}

#[test]
fn build_never_writes_over_its_plan_or_its_dumps_even_with_force() {
    let dir = formats_dir();
    std::fs::hard_link(
        dir.path().join("shop.csv"),
        dir.path().join("shop-link.csv"),
    )
    .unwrap();
    let before: Vec<(String, Vec<u8>)> = files_in(dir.path())
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.path().join(&name)).unwrap();
            (name, bytes)
        })
        .collect();
    for name in ["plan.toml", "police.csv", "forum.jsonl", "shop-link.csv"] {
        build_to(dir.path(), name)
            .arg("--force")
            .assert()
            .code(1)
            .stderr(predicate::str::contains(format!(
                "{name} is a file this build reads"
            )));
    }
    for (name, bytes) in before {
        assert!(
            std::fs::read(dir.path().join(&name)).unwrap() == bytes,
            "{name} changed"
        );
    }
}

#[test]
fn build_replaces_an_existing_file_that_is_not_a_pack_only_with_force() {
    let dir = formats_dir();
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "the curator's notes").unwrap();
    build_to(dir.path(), "notes.txt")
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "is not an Exposure pack; it was left alone",
        ));
    assert_eq!(std::fs::read(&notes).unwrap(), b"the curator's notes");
    build_to(dir.path(), "notes.txt")
        .args(["--force", "--quiet"])
        .assert()
        .success();
    assert!(
        std::fs::read(&notes)
            .unwrap()
            .starts_with(b"SQLite format 3\0")
    );
    // A pack is what a build replaces anyway: building again needs no --force.
    build_to(dir.path(), "notes.txt")
        .arg("--quiet")
        .assert()
        .success();
}

#[test]
fn an_output_in_a_missing_folder_is_refused_at_once_in_the_users_language() {
    let dir = formats_dir();
    let before = files_in(dir.path());
    build_to(dir.path(), "missing/x.exposure")
        .args(["--lang", "zh-CN"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "missing/x.exposure 所在的文件夹不存在",
        ))
        .stderr(predicate::str::contains(".exposure-build").not());
    build_to(dir.path(), "packs/")
        .args(["--lang", "zh-CN"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("packs/ 是文件夹，不是文件名"));
    assert_eq!(files_in(dir.path()), before);
}

#[test]
fn demo_refuses_a_folder_that_holds_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("plan.toml"), "# the curator's own plan").unwrap();
    exposure()
        .args(["demo", "--quiet", "--rows", "50", "--out"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already holds files"));
    assert_eq!(files_in(dir.path()), ["plan.toml"]);
    assert_eq!(
        std::fs::read_to_string(dir.path().join("plan.toml")).unwrap(),
        "# the curator's own plan"
    );
}

#[test]
fn demo_bounds_its_rows_and_creates_nothing_for_a_refused_count() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("demo");
    exposure()
        .args(["demo", "--rows", "99999999999", "--out"])
        .arg(&out)
        .assert()
        .code(2)
        .stderr(predicate::str::contains("is not a row count for the demo"));
    assert!(!out.exists());
}

/// A demo that fails (here: cancelled) removes the folders it made.
#[cfg(unix)]
#[test]
fn a_cancelled_demo_leaves_no_folder_behind() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("new").join("demo");
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_exposure"))
        .args(["demo", "--quiet", "--rows", "3000", "--profile", "standard"])
        .args(["--out"])
        .arg(&out)
        .env("LANG", "en_US.UTF-8")
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    wait_for_temporary_pack(&out, &mut child);
    send("TERM", &child);
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(1), "{output:?}");
    assert_eq!(files_in(dir.path()), Vec::<String>::new());
}
