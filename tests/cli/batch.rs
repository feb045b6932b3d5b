//! `exposure check --batch PEOPLE.csv`: one report a person, labelled by the `person` column and
//! never by an identifier; a bad row reported by its number; the exit codes of a single check.

use std::path::Path;

use crate::support::{demo, exposure};

/// The showcase person (in three breaches), the absent person (in none), a row with a field too
/// many, and a row whose only value is invalid.
const PEOPLE: &str = "person,phone,name,dob\n\
                      Mum,138 0013 8000,张伟,1985-03-07\n\
                      Dad,13900139000,李娜,1990-01-01\n\
                      Aunt,13700137000,王芳,1970-01-01,extra\n\
                      ,12345,,\n";

/// Every way the people's values above could be written back.
const TYPED: [&str; 8] = [
    "138 0013 8000",
    "13800138000",
    "+8613800138000",
    "13900139000",
    "13700137000",
    "12345",
    "张伟",
    "李娜",
];

fn people_file(dir: &Path, text: &str) -> std::path::PathBuf {
    let path = dir.join("people.csv");
    std::fs::write(&path, text).unwrap();
    path
}

fn batch(people: &Path, json: bool) -> std::process::Output {
    let mut command = exposure();
    command.args(["check", "--pack"]).arg(&demo().pack);
    command.arg("--batch").arg(people);
    if json {
        command.arg("--json");
    }
    command.output().unwrap()
}

fn assert_nothing_typed(text: &str) {
    for typed in TYPED {
        assert!(!text.contains(typed), "{typed} in:\n{text}");
    }
}

#[test]
fn each_person_gets_one_json_line_with_their_label_and_row() {
    let dir = tempfile::tempdir().unwrap();
    let output = batch(&people_file(dir.path(), PEOPLE), true);
    assert_eq!(output.status.code(), Some(0));
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<serde_json::Value> = stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), 4, "{stdout}");
    let labels: Vec<Option<&str>> = lines.iter().map(|l| l["person"].as_str()).collect();
    assert_eq!(labels, [Some("Mum"), Some("Dad"), None, None]);
    let rows: Vec<u64> = lines.iter().map(|l| l["row"].as_u64().unwrap()).collect();
    assert_eq!(rows, [2, 3, 4, 5]);
    let found = |line: &serde_json::Value| line["findings"].as_array().unwrap().len();
    assert!(found(&lines[0]) >= 2, "{:#}", lines[0]);
    assert_eq!(found(&lines[1]), 0, "{:#}", lines[1]);
    assert_eq!(lines[0]["packs"][0]["id"], "exposure-demo");
    assert!(
        lines[2]["error"].as_str().unwrap().contains("Row 4"),
        "{:#}",
        lines[2]
    );
    assert!(lines[2].get("findings").is_none());
    assert_eq!(lines[3]["inputs"][0]["status"], "invalid");
    assert_nothing_typed(&stdout);
    assert_nothing_typed(&String::from_utf8(output.stderr).unwrap());
}

#[test]
fn the_text_report_is_one_section_a_person_and_names_the_bad_row() {
    let dir = tempfile::tempdir().unwrap();
    let output = batch(&people_file(dir.path(), PEOPLE), false);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    let mum = text.find("── Mum (row 2)").expect("Mum's section");
    let dad = text.find("── Dad (row 3)").expect("Dad's section");
    let bad = text
        .find("Row 4 has 5 fields where the header has 4")
        .expect("row 4");
    let unlabelled = text.find("── Row 5").expect("row 5");
    assert!(mum < dad && dad < bad && bad < unlabelled, "{text}");
    assert!(text[mum..dad].contains("Found in 3 breaches"), "{text}");
    assert!(text[dad..bad].contains("Not found"), "{text}");
    assert_nothing_typed(&text);
}

#[test]
fn a_file_where_no_one_can_be_checked_exits_as_a_check_with_no_valid_input() {
    let dir = tempfile::tempdir().unwrap();
    let output = batch(
        &people_file(dir.path(), "person,phone\nA,12345\nB,\n"),
        true,
    );
    assert_eq!(output.status.code(), Some(2));
    assert_nothing_typed(&String::from_utf8(output.stdout).unwrap());
}

/// A file without its header line has a person's values where the kinds should be: refused by
/// column number, without echoing them.
#[test]
fn a_header_naming_no_kind_is_refused_without_echoing_it() {
    let dir = tempfile::tempdir().unwrap();
    let output = batch(&people_file(dir.path(), "13800138000,张伟\n"), false);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("Column 1"), "{stderr}");
    assert_nothing_typed(&stderr);
    assert!(output.stdout.is_empty());
}

/// The label comes from whoever wrote the file: shown escaped, it cannot drive the terminal or
/// forge a line of the report.
#[test]
fn a_person_label_is_shown_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let people = people_file(
        dir.path(),
        "person,phone\n\"Mum\u{1b}[2J\r\nFound in 0 breaches\",13900139000\n",
    );
    let output = batch(&people, false);
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(!text.contains('\u{1b}') && !text.contains('\r'), "{text:?}");
    assert!(!text.contains("\nFound in 0 breaches"), "{text}");
}
