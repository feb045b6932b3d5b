use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use assert_cmd::Command;

/// The `exposure` binary, in English unless a test says otherwise, with a clean environment so
/// the developer's locale cannot change the output.
pub fn exposure() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_exposure"));
    command
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("LANG", "en_US.UTF-8");
    command
}

/// The demo dump and pack, built once per test run (at the test profile).
pub struct Demo {
    pub dir: PathBuf,
    pub pack: PathBuf,
}

pub fn demo() -> &'static Demo {
    static DEMO: OnceLock<Demo> = OnceLock::new();
    DEMO.get_or_init(|| {
        let dir = tempfile::Builder::new()
            .prefix("exposure-e2e-demo-")
            .tempdir()
            .unwrap()
            .keep();
        exposure()
            .args(["demo", "--quiet", "--rows", "800", "--out"])
            .arg(&dir)
            .assert()
            .success();
        Demo {
            pack: dir.join("demo.exposure"),
            dir,
        }
    })
}

/// Runs `exposure check --json` on `input` against `packs`, returning the exit code and report.
pub fn check_json(packs: &[&Path], input: &str) -> (i32, serde_json::Value) {
    let mut command = exposure();
    command.arg("check").arg("--json");
    for pack in packs {
        command.arg("--pack").arg(pack);
    }
    let output = command.write_stdin(input).output().unwrap();
    let report = serde_json::from_slice(&output.stdout).unwrap_or(serde_json::Value::Null);
    (output.status.code().unwrap_or(-1), report)
}

/// Each of `people`'s answers from `pack`, in their order: their report as `check --batch --json`
/// gives it (one process for all of them, as a process start costs a tenth of a second under
/// Wine), without what names the pack file, so that two packs' answers can be compared.
pub fn answers(pack: &Path, people: &[exposure_demo::DemoPerson]) -> Vec<serde_json::Value> {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("people.csv");
    std::fs::write(&file, people_csv(people)).unwrap();
    let output = exposure()
        .args(["check", "--json", "--pack"])
        .arg(pack)
        .arg("--batch")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    let answers: Vec<serde_json::Value> = String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|line| {
            let mut answer: serde_json::Value = serde_json::from_str(line).unwrap();
            answer.as_object_mut().unwrap().remove("packs");
            answer
        })
        .collect();
    assert_eq!(answers.len(), people.len());
    assert!(
        answers.iter().all(|answer| answer.get("error").is_none()),
        "{answers:#?}"
    );
    answers
}

/// Every one of `people` answered by `pack` as `want` (another pack's [`answers`] to them) says;
/// a difference is shown with `what` and the person's phone number (synthetic, as all test data).
pub fn assert_same_answers(
    pack: &Path,
    people: &[exposure_demo::DemoPerson],
    want: &[serde_json::Value],
    what: &str,
) {
    assert_eq!(want.len(), people.len());
    let got = answers(pack, people);
    for ((person, want), got) in people.iter().zip(want).zip(&got) {
        assert_eq!(got, want, "{what}: {}", person.phone);
    }
}

/// How many of `answers` found something: comparing answers that all miss would prove nothing.
pub fn found(answers: &[serde_json::Value]) -> usize {
    answers
        .iter()
        .filter(|answer| !answer["findings"].as_array().unwrap().is_empty())
        .count()
}

/// A `check --batch` file of `people`, one row each with every identifier [`probe`] gives, every
/// field quoted.
fn people_csv(people: &[exposure_demo::DemoPerson]) -> String {
    let quoted = |value: &str| format!("\"{}\"", value.replace('"', "\"\""));
    let mut text = "phone,national_id,name,dob,email,username\n".to_owned();
    for person in people {
        let dob = person.dob.to_string();
        let fields = [
            &person.phone,
            &person.national_id,
            &person.name,
            &dob,
            &person.email,
            &person.username,
        ];
        let row: Vec<String> = fields.iter().map(|field| quoted(field)).collect();
        text += &(row.join(",") + "\n");
    }
    text
}

/// Every identifier of `person`, one `kind=value` a line, as `check` reads them.
pub fn probe(person: &exposure_demo::DemoPerson) -> String {
    format!(
        "phone={}\nnational_id={}\nname={}\ndob={}\nemail={}\nusername={}\n",
        person.phone, person.national_id, person.name, person.dob, person.email, person.username
    )
}

/// The breach ids of a JSON report's findings, sorted.
pub fn breaches_found(report: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = report["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|f| f["breach"].as_str().unwrap().to_owned())
        .collect();
    ids.sort();
    ids
}

/// Writes `files` and `plan.toml` into a fresh folder and returns it.
pub fn dump_dir(plan: &str, files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, content) in files {
        std::fs::write(dir.path().join(name), content).unwrap();
    }
    std::fs::write(dir.path().join("plan.toml"), plan).unwrap();
    dir
}

/// Every file name in `dir`, sorted.
pub fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Replaces a temporary folder's path in output with `[DIR]`, so snapshots are stable.
pub fn redact(text: &str, dir: &Path) -> String {
    text.replace(&dir.display().to_string(), "[DIR]")
}

/// Library and operating-system phrases that once reached readers of Chinese.
const LIBRARY_PHRASES: [&str; 7] = [
    "entity not found",
    "invalid data",
    "missing field",
    "conversion error",
    "did not contain valid utf-8",
    "invalid type",
    "failed",
];

/// Asserts that `text`, shown to a reader of Chinese, holds no English sentence: none of the
/// phrases libraries use, and no run of three English words (a path or a flag is one word).
pub fn assert_no_english(text: &str) {
    let lower = text.to_lowercase();
    for phrase in LIBRARY_PHRASES {
        assert!(!lower.contains(phrase), "{phrase:?} in: {text}");
    }
    let mut run = 0;
    for word in text.split_whitespace() {
        let word = word.trim_matches(|c: char| ",.:;!?()\"'".contains(c));
        let english = !word.is_empty() && word.chars().all(|c| c.is_ascii_alphabetic());
        run = if english { run + 1 } else { 0 };
        assert!(run < 3, "English words in: {text}");
    }
}

/// `exposure build plan.toml --profile test --init-shards PARTS --out set` in `dir`, which must
/// succeed: the shard set the part and merge tests start from.
pub fn init_shard_set(dir: &Path, parts: &str) {
    exposure()
        .args([
            "build",
            "plan.toml",
            "--profile",
            "test",
            "--init-shards",
            parts,
        ])
        .args(["--out", "set"])
        .current_dir(dir)
        .assert()
        .success();
}

/// Makes a FIFO at `path`: a file that blocks whoever opens it for reading.
#[cfg(unix)]
pub fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// `bytes` gzipped, as `gzip -9` would.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// A zip archive of `members` (name, bytes), each deflated; names are written as given, hostile
/// ones included.
pub fn zip(members: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(9));
    for (name, bytes) in members {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

/// A plan of one breach, `people`, from `file` in `format` with its `options` (TOML lines),
/// mapping `columns` (TOML lines): the same people written in each shape of dump.
pub fn one_source_plan(file: &str, format: &str, options: &str, columns: &str) -> String {
    format!(
        r#"
[pack]
id = "same-people"
title = "The same people"
curator = "Exposure tests"

[[breach]]
id = "people"
title = "People"
[[breach.source]]
path = "{file}"
format = "{format}"
{options}
[breach.source.columns]
{columns}
"#
    )
}

/// Builds the pack of `plan` over the one dump `file` holding `bytes` in a fresh folder, with the
/// test profile, and checks that no row was skipped; the folder (kept alive) and the pack's path.
pub fn build_one_source(plan: &str, file: &str, bytes: &[u8]) -> (tempfile::TempDir, PathBuf) {
    let dir = dump_dir(plan, &[(file, bytes)]);
    let stdout = build_people(dir.path(), "en");
    assert!(stdout.contains("rows skipped: 0\n"), "{file}: {stdout}");
    let pack = dir.path().join("people.exposure");
    (dir, pack)
}

/// Builds `plan.toml` in `dir` into `people.exposure` with the test profile, its summary in
/// `lang`, and checks that it succeeded; the summary.
pub fn build_people(dir: &Path, lang: &str) -> String {
    let output = exposure()
        .args([
            "--lang",
            lang,
            "build",
            "plan.toml",
            "--out",
            "people.exposure",
        ])
        .args(["--profile", "test", "--quiet"])
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{lang}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}
