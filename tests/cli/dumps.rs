//! A corpus of broken dumps, made here by code, built end to end by the real binary: each is
//! either built with its bad rows skipped and counted by reason (row numbers and masked values
//! only), or refused with a clear message before any work. Either way no partial pack, temporary
//! file or clear identifier is left behind.

use std::path::Path;

use crate::support::{breaches_found, check_json, dump_dir, exposure, files_in, gzip, zip};

/// A person in the good rows of every dump: found after every successful build.
pub(crate) const GOOD_PHONE: &str = "13912345678";
/// Values only ever in bad rows: they must appear in no output.
pub(crate) const CANARIES: [&str; 3] = ["13700000001", "赵六", "canary@example.org"];

pub(crate) fn csv_plan(file: &str, format: &str, encoding: &str, columns: &str) -> String {
    format!(
        r#"
[pack]
id = "hostile"
title = "Hostile dumps"
curator = "Exposure tests"

[[breach]]
id = "hostile-breach"
title = "A broken dump"
[[breach.source]]
path = "{file}"
format = "{format}"
encoding = "{encoding}"
[breach.source.columns]
{columns}
"#
    )
}

fn plan(file: &str) -> String {
    csv_plan(file, "csv", "utf-8", "name = \"name\"\nphone = \"phone\"")
}

fn jsonl_plan() -> String {
    csv_plan(
        "dump.jsonl",
        "jsonl",
        "utf-8",
        "phone = \"phone\"\nemail = \"email\"",
    )
}

fn gb18030(text: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(text).0.into_owned()
}

fn big5(text: &str) -> Vec<u8> {
    encoding_rs::BIG5.encode(text).0.into_owned()
}

/// The plan of a zip archive's member, `member = …` if given.
fn zip_plan(member: Option<&str>) -> String {
    let plan = plan("dump.zip");
    match member {
        Some(member) => plan.replace(
            "format = \"csv\"",
            &format!("format = \"csv\"\nmember = \"{member}\""),
        ),
        None => plan,
    }
}

pub(crate) enum Expect {
    /// Built; each (count, reason) appears in the summary as `count × reason`.
    Built(&'static [(u32, &'static str)]),
    /// Refused before any work, with this in the message.
    Refused(&'static str),
}

pub(crate) struct Case {
    pub(crate) name: &'static str,
    pub(crate) plan: String,
    pub(crate) files: Vec<(&'static str, Vec<u8>)>,
    pub(crate) expect: Expect,
}

fn corpus() -> Vec<Case> {
    let good = format!("王芳,{GOOD_PHONE}\n");
    let case = |name, plan, files, expect| Case {
        name,
        plan,
        files,
        expect,
    };
    let csv = |body: &[u8]| {
        let mut bytes = b"name,phone\n".to_vec();
        bytes.extend_from_slice(body);
        vec![("dump.csv", bytes)]
    };
    let cat = |parts: &[&[u8]]| parts.concat();
    let huge_field = format!(
        "name,phone,address\n{good}赵六,13700000001,\"{}\"\n",
        "街".repeat(17 << 20)
    )
    .replace(
        &format!("王芳,{GOOD_PHONE}\n"),
        &format!("王芳,{GOOD_PHONE},\n"),
    );
    let runaway = format!(
        "name,phone\n{good}\"赵六,13700000001\n{}",
        "x,".repeat(34 << 20)
    );
    // A good row, then 8 MiB of one byte: deflate shrinks it about a thousandfold.
    let mut bomb = format!("name,phone\n{good}").into_bytes();
    bomb.resize(8 << 20, b'a');
    let people = format!("name,phone\n{good}赵六,13700000001\n");
    let mut many_people = format!("name,phone\n{good}").into_bytes();
    while many_people.len() < 256 << 10 {
        many_people.extend_from_slice(b"Li,13600000002\n");
    }
    let cut_gzip = gzip(&many_people);
    let long_line = format!(
        "{{\"phone\":\"{GOOD_PHONE}\"}}\n{{\"email\":\"canary@example.org\",\"pad\":\"{}\"}}\n{{\"phone\":\"13600000002\"}}\n",
        "x".repeat(65 << 20)
    );
    vec![
        case(
            "invalid UTF-8",
            plan("dump.csv"),
            csv(&cat(&[good.as_bytes(), b"\xff\xfe\xfd,13700000001\n", "李四,13600000002\n".as_bytes()])),
            Expect::Built(&[(1, "not valid text in the declared encoding")]),
        ),
        case(
            "truncated GB18030 sequence at the end",
            csv_plan("dump.csv", "csv", "gb18030", "name = \"name\"\nphone = \"phone\""),
            vec![(
                "dump.csv",
                cat(&[&gb18030(&format!("name,phone\n{good}李四,13600000002\n赵六,1370000000")), b"\x81"]),
            )],
            Expect::Built(&[(1, "not valid text in the declared encoding")]),
        ),
        case(
            "GB18030 declared as UTF-8",
            csv_plan("dump.csv", "csv", "utf-8", "\"姓名\" = \"name\"\n\"手机号\" = \"phone\""),
            vec![("dump.csv", gb18030(&format!("姓名,手机号\n{good}赵六,13700000001\n")))],
            Expect::Refused("dump.csv is not UTF-8 (line 1 is not valid UTF-8) but reads as GB18030; set encoding = \"gb18030\""),
        ),
        case(
            "GB18030 rows under an ASCII header declared as UTF-8",
            plan("dump.csv"),
            vec![("dump.csv", gb18030(&format!("name,phone\n{good}赵六,13700000001\n")))],
            Expect::Refused("(line 2 is not valid UTF-8) but reads as GB18030; set encoding = \"gb18030\""),
        ),
        case(
            "UTF-8 declared as GB18030",
            csv_plan("dump.csv", "csv", "gb18030", "name = \"name\"\nphone = \"phone\""),
            csv(format!("{good}赵六,13700000001\n李四,13600000002\n").as_bytes()),
            Expect::Refused("is declared GB18030 but is UTF-8 text"),
        ),
        case(
            "UTF-8 with a byte order mark declared as GB18030",
            csv_plan("dump.csv", "csv", "gb18030", "name = \"name\"\nphone = \"phone\""),
            vec![("dump.csv", cat(&[b"\xef\xbb\xbf", b"name,phone\nWang,13912345678\n"]))],
            Expect::Refused("set encoding = \"utf-8\""),
        ),
        case(
            "UTF-16 with a byte order mark",
            plan("dump.csv"),
            vec![(
                "dump.csv",
                cat(&[b"\xff\xfe", &format!("name,phone\n{good}赵六,13700000001\n")
                    .encode_utf16()
                    .flat_map(u16::to_le_bytes)
                    .collect::<Vec<u8>>()]),
            )],
            Expect::Refused("is UTF-16 or UTF-32 text"),
        ),
        case(
            "a zip bomb: a member inflating a thousandfold",
            zip_plan(None),
            vec![("dump.zip", zip(&[("dump.csv", &bomb)]))],
            Expect::Refused("inflates to more than 200 times its compressed size, which no real dump does"),
        ),
        case(
            "a gzip bomb",
            plan("dump.csv.gz"),
            vec![("dump.csv.gz", gzip(&bomb))],
            Expect::Refused("a decompression bomb"),
        ),
        case(
            "a zip whose member climbs out of the archive",
            zip_plan(None),
            vec![("dump.zip", zip(&[("../../../home/dump.csv", people.as_bytes())]))],
            Expect::Refused("has a path that leaves the archive (../ or absolute)"),
        ),
        case(
            "a zip member named with an absolute path",
            zip_plan(Some("/etc/dump.csv")),
            vec![("dump.zip", zip(&[("/etc/dump.csv", people.as_bytes())]))],
            Expect::Refused("it is never read"),
        ),
        case(
            "a zip of several files and no member named",
            zip_plan(None),
            vec![("dump.zip", zip(&[("a.csv", people.as_bytes()), ("b.csv", people.as_bytes())]))],
            Expect::Refused("the zip archive holds 2 files; name the one to read with member"),
        ),
        case(
            "a zip member that does not exist",
            zip_plan(Some("nope.csv")),
            vec![("dump.zip", zip(&[("dump.csv", people.as_bytes())]))],
            Expect::Refused("the zip archive holds no file named \"nope.csv\""),
        ),
        case(
            "a gzip file cut mid-stream",
            plan("dump.csv.gz"),
            vec![("dump.csv.gz", cut_gzip[..cut_gzip.len() / 2].to_vec())],
            Expect::Refused("Reading dump.csv.gz failed"),
        ),
        case(
            "Big5 with bytes Big5 does not define",
            csv_plan("dump.csv", "csv", "big5", "name = \"name\"\nphone = \"phone\""),
            vec![("dump.csv", cat(&[&big5(&format!("name,phone\n{good}")), b"\x80\xff,13700000001\n", &big5("李四,13600000002\n")]))],
            Expect::Built(&[(1, "not valid text in the declared encoding")]),
        ),
        case(
            "UTF-16 without a byte order mark",
            csv_plan("dump.csv", "csv", "utf-16", "name = \"name\"\nphone = \"phone\""),
            vec![(
                "dump.csv",
                format!("name,phone\n{good}赵六,13700000001\n").encode_utf16().flat_map(u16::to_le_bytes).collect(),
            )],
            Expect::Refused("looks like UTF-16 but has no byte order mark"),
        ),
        case(
            "auto on a GB18030 file",
            csv_plan("dump.csv", "csv", "auto", "\"姓名\" = \"name\"\n\"手机号\" = \"phone\""),
            vec![("dump.csv", gb18030(&format!("姓名,手机号\n{good}李四,13600000002\n张伟,13600000003\n")))],
            Expect::Built(&[]),
        ),
        case(
            "two files concatenated, byte order marks and headers included",
            plan("dump.csv"),
            vec![(
                "dump.csv",
                cat(&[b"\xef\xbb\xbf", format!("name,phone\n{good}").as_bytes(), b"\xef\xbb\xbf", "name,phone\n李四,13600000002\n".as_bytes()]),
            )],
            Expect::Built(&[(1, "a repeat of the header row")]),
        ),
        case(
            "NUL bytes",
            plan("dump.csv"),
            csv(&cat(&[good.as_bytes(), "赵六,13700\u{0}000001\n".as_bytes()])),
            Expect::Built(&[(1, "NUL bytes in a value")]),
        ),
        case(
            "mixed line endings",
            plan("dump.csv"),
            vec![("dump.csv", format!("name,phone\r\n{good}李四,13600000002\r孙八,13600001111\r\n周九,13500002222").into_bytes())],
            Expect::Built(&[]),
        ),
        case(
            "an unbalanced quote runs to the end of the file",
            plan("dump.csv"),
            csv(&cat(&[good.as_bytes(), "\"赵六,13700000001\n李四,13600000002\n".as_bytes()])),
            Expect::Refused("dump.csv: the quote (\") opened on line 3 is never closed"),
        ),
        case(
            "a 50 MB field",
            csv_plan("dump.csv", "csv", "utf-8", "name = \"name\"\nphone = \"phone\"\naddress = \"address\""),
            vec![("dump.csv", huge_field.into_bytes())],
            Expect::Built(&[(1, "a value longer than 1 MiB")]),
        ),
        case(
            "an unbalanced quote before 68 MB",
            plan("dump.csv"),
            vec![("dump.csv", runaway.into_bytes())],
            Expect::Refused("has a row longer than 67108864 bytes"),
        ),
        case(
            "ragged rows",
            plan("dump.csv"),
            csv(&cat(&[good.as_bytes(), "赵六\n赵六,13700000001,extra\n李四,13600000002\n".as_bytes()])),
            Expect::Built(&[(2, "wrong number of fields")]),
        ),
        case(
            "a repeated header",
            plan("dump.csv"),
            csv(format!("{good}name,phone\n李四,13600000002\n").as_bytes()),
            Expect::Built(&[(1, "a repeat of the header row")]),
        ),
        case(
            "a mapped column missing from the header",
            csv_plan("dump.tsv", "tsv", "utf-8", "name = \"name\"\nmobile = \"phone\""),
            vec![("dump.tsv", format!("name\tphone\n王芳\t{GOOD_PHONE}\n").into_bytes())],
            Expect::Refused("\"mobile\" is not in the file's header"),
        ),
        case(
            "a column number past the last column",
            csv_plan("dump.csv", "csv", "utf-8", "\"1\" = \"name\"\n\"3\" = \"phone\"").replace("encoding", "header = false\nencoding"),
            vec![("dump.csv", good.clone().into_bytes())],
            Expect::Refused("there is no column 3: the file's first row has 2 columns"),
        ),
        case(
            "one column mapped twice",
            csv_plan("dump.csv", "csv", "utf-8", "\"phone\" = \"phone\"\n\"phone \" = \"username\""),
            csv(good.as_bytes()),
            Expect::Refused("the column \"phone\" is mapped twice"),
        ),
        case(
            "no row gives a key",
            plan("dump.csv"),
            csv("赵六,12345\n李四,\n".as_bytes()),
            Expect::Refused("No row of the dumps gave a key (2 rows read; most often: 2 × no usable identifier), so no pack was written"),
        ),
        case(
            "JSON Lines with lone carriage returns for line ends",
            jsonl_plan(),
            vec![("dump.jsonl", format!("{{\"phone\":\"13600000002\"}}\r{{\"phone\":\"{GOOD_PHONE}\"}}\r{{\"email\":\"someone@example.org\"}}\r").into_bytes())],
            Expect::Built(&[]),
        ),
        case(
            "JSON numbers as phones",
            jsonl_plan(),
            vec![("dump.jsonl", format!("{{\"phone\":{GOOD_PHONE}.0}}\n{{\"phone\":1.3700000001e10}}\n{{\"phone\":137000000.01}}\n{{\"phone\":13600000002}}\n").into_bytes())],
            Expect::Built(&[(1, "number mangled: write it as text")]),
        ),
        case(
            "JSON Lines with bad lines",
            jsonl_plan(),
            vec![(
                "dump.jsonl",
                format!("{{\"phone\":\"{GOOD_PHONE}\"}}\n{{\"email\":\"canary@example.org\"\n[\"canary@example.org\"]\n\"13700000001\"\n").into_bytes(),
            )],
            Expect::Built(&[(3, "not a JSON object")]),
        ),
        case(
            "10,000-deep nesting",
            jsonl_plan(),
            vec![(
                "dump.jsonl",
                format!(
                    "{{\"phone\":\"{GOOD_PHONE}\"}}\n{}\"13700000001\"{}\n{}\n",
                    "{\"a\":".repeat(10_000),
                    "}".repeat(10_000),
                    "[".repeat(10_000) + &"]".repeat(10_000)
                )
                .into_bytes(),
            )],
            Expect::Built(&[(2, "not a JSON object")]),
        ),
        case(
            "duplicate keys",
            jsonl_plan(),
            vec![(
                "dump.jsonl",
                format!("{{\"phone\":\"{GOOD_PHONE}\"}}\n{{\"phone\":\"13700000001\",\"phone\":\"13600000002\"}}\n").into_bytes(),
            )],
            Expect::Built(&[(1, "a JSON object with the same key twice")]),
        ),
        case(
            "a JSON line of 65 MB",
            jsonl_plan(),
            vec![("dump.jsonl", long_line.into_bytes())],
            Expect::Built(&[(1, "a value longer than 1 MiB, or a line longer than 64 MiB")]),
        ),
        case(
            "an empty file",
            jsonl_plan(),
            vec![("dump.jsonl", Vec::new())],
            Expect::Refused("the file dump.jsonl is empty"),
        ),
        case(
            "a directory",
            plan("dump.csv"),
            vec![],
            Expect::Refused("dump.csv is not a regular file"),
        ),
        case(
            "/dev/zero",
            plan("/dev/zero"),
            vec![],
            Expect::Refused("/dev/zero is not a regular file"),
        ),
    ]
}

fn sql_plan(table: &str, columns: &str) -> String {
    csv_plan("dump.sql", "sql", "utf-8", columns).replace(
        "format = \"sql\"",
        &format!("format = \"sql\"\ntable = \"{table}\""),
    )
}

/// Broken SQL dumps: the table's good row is `GOOD_PHONE`, every other value a canary.
fn sql_corpus() -> Vec<Case> {
    let create =
        "CREATE TABLE `users` (`name` varchar(8), `phone` char(11), PRIMARY KEY (`phone`));\n";
    let good = format!("INSERT INTO `users` VALUES ('王芳','{GOOD_PHONE}');\n");
    let dump = |body: &str| vec![("dump.sql", format!("{create}{good}{body}").into_bytes())];
    let plan = || sql_plan("users", "name = \"name\"\nphone = \"phone\"");
    let case = |name, files, expect| Case {
        name,
        plan: plan(),
        files,
        expect,
    };
    let wide_columns: Vec<String> = (0..10_000).map(|i| format!("`c{i}` int")).collect();
    let wide = format!(
        "CREATE TABLE `users` ({}, `name` text, `phone` text);\nINSERT INTO `users` VALUES ({}'王芳','{GOOD_PHONE}');\n",
        wide_columns.join(", "),
        "0,".repeat(10_000)
    );
    // Bytes of a fixed pseudo-random stream, with no letter: never a statement of rows.
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let garbage: Vec<u8> = (0..100_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let byte = (state >> 24) as u8;
            if byte.is_ascii_alphabetic() {
                b';'
            } else {
                byte
            }
        })
        .collect();
    vec![
        case(
            "a SQL dump cut off inside a string",
            dump("INSERT INTO `users` VALUES ('赵六','13700000001'),('x','1370000"),
            Expect::Built(&[(1, "cut off by the end of the file (a truncated dump, or a quote never closed)")]),
        ),
        case(
            "a SQL INSERT for another table interleaved",
            dump("INSERT INTO `logs` VALUES ('赵六','13700000001');\nINSERT INTO `users` VALUES ('王芳','13912345678');\n"),
            Expect::Built(&[]),
        ),
        case(
            "SQL tuples with too few or too many values",
            dump("INSERT INTO `users` VALUES ('13700000001'),('赵六','13700000001','canary@example.org');\n"),
            Expect::Built(&[(2, "wrong number of fields")]),
        ),
        case(
            "SQL garbage inside a tuple",
            dump("INSERT INTO `users` VALUES ('赵六' @@ '13700000001'),('赵六','13700000001');\n"),
            Expect::Built(&[(1, "not a list of SQL values (the rest of its statement was skipped too)")]),
        ),
        case(
            "binary garbage after a SQL dump",
            vec![("dump.sql", [format!("{create}{good}").into_bytes(), garbage].concat())],
            Expect::Built(&[]),
        ),
        case(
            "a CREATE TABLE of 10,000 columns",
            vec![("dump.sql", wide.into_bytes())],
            Expect::Built(&[]),
        ),
        case(
            "a PostgreSQL COPY with a short row",
            vec![(
                "dump.sql",
                format!("COPY public.users (name, phone) FROM stdin;\n王芳\t{GOOD_PHONE}\n13700000001\n\\.\n").into_bytes(),
            )],
            Expect::Built(&[(1, "wrong number of fields")]),
        ),
        Case {
            name: "a SQL table the dump does not fill",
            plan: sql_plan("user", "phone = \"phone\""),
            files: dump(""),
            expect: Expect::Refused("no INSERT or COPY in the dump fills the table \"user\"; the tables it fills are: users"),
        },
        Case {
            name: "a SQL column in neither the INSERT nor the CREATE TABLE",
            plan: sql_plan("users", "mobile = \"phone\""),
            files: dump(""),
            expect: Expect::Refused("the column \"mobile\" is neither in the column list of the first INSERT or COPY of table \"users\" nor in its CREATE TABLE; its columns are: name, phone."),
        },
    ]
}

fn build(dir: &Path) -> std::process::Output {
    exposure()
        .args([
            "build",
            "plan.toml",
            "--out",
            "hostile.exposure",
            "--profile",
            "test",
            "--quiet",
        ])
        .current_dir(dir)
        .output()
        .unwrap()
}

#[cfg_attr(windows, ignore = "reads /dev/zero, which Windows does not have")]
#[test]
fn every_broken_dump_is_built_with_counted_skips_or_refused_before_any_work() {
    let corpus: Vec<Case> = corpus().into_iter().chain(sql_corpus()).collect();
    assert!(corpus.len() >= 15);
    run(corpus);
}

/// Builds each case in a fresh folder and checks what it expects: no canary in the output, no
/// file left behind, the good row found after a build.
pub(crate) fn run(corpus: Vec<Case>) {
    let mut wrong = Vec::new();
    for case in corpus {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("plan.toml"), &case.plan).unwrap();
        for (name, content) in &case.files {
            std::fs::write(dir.path().join(name), content).unwrap();
        }
        if case.name == "a directory" {
            std::fs::create_dir(dir.path().join("dump.csv")).unwrap();
        }
        let before = files_in(dir.path());
        let output = build(dir.path());
        let stdout = String::from_utf8_lossy(&output.stdout);
        let stderr = String::from_utf8_lossy(&output.stderr);
        let mut fail = |why: String| wrong.push(format!("{}: {why}\n{stdout}{stderr}", case.name));
        for canary in CANARIES {
            if stdout.contains(canary) || stderr.contains(canary) {
                fail(format!("{canary} appears in the output"));
            }
        }
        // A panic caught inside a reader is a refusal, never a printed panic, whose message
        // can quote the file.
        if stderr.contains("panicked") {
            fail("a panic was printed".into());
        }
        match case.expect {
            Expect::Refused(message) => {
                if output.status.code() != Some(1) || !stderr.contains(message) {
                    fail(format!("not refused with {message:?}"));
                }
                if files_in(dir.path()) != before {
                    fail("a file was left behind".into());
                }
            }
            Expect::Built(reasons) => {
                if !output.status.success() {
                    fail("the build failed".into());
                    continue;
                }
                let skipped: u32 = reasons.iter().map(|(n, _)| n).sum();
                if !stdout.contains(&format!("rows skipped: {skipped}\n")) {
                    fail(format!("not {skipped} rows skipped"));
                }
                for (count, reason) in reasons {
                    if !stdout.contains(&format!("{count} × {reason}")) {
                        fail(format!("no \"{count} × {reason}\""));
                    }
                }
                let rows = match case.name {
                    "mixed line endings" => Some(4),
                    "JSON Lines with lone carriage returns for line ends" => Some(3),
                    _ => None,
                };
                if let Some(rows) = rows
                    && !stdout.contains(&format!("rows read: {rows} "))
                {
                    fail("not every line ending ends a row".into());
                }
                let mut expected = before.clone();
                expected.push("hostile.exposure".into());
                expected.sort();
                if files_in(dir.path()) != expected {
                    fail(format!("left {:?}", files_in(dir.path())));
                }
                let pack = dir.path().join("hostile.exposure");
                let (_, report) = check_json(&[&pack], &format!("phone={GOOD_PHONE}\n"));
                if breaches_found(&report) != ["hostile-breach"] {
                    fail(format!("the good row is not found: {report}"));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n\n"));
}

/// Builds `plan` over `files` in a fresh folder; the folder and the command's output.
fn build_files(plan: &str, files: &[(&str, &[u8])]) -> (tempfile::TempDir, std::process::Output) {
    let dir = dump_dir(plan, files);
    let output = build(dir.path());
    (dir, output)
}

#[test]
fn a_build_that_loses_most_rows_says_so_with_the_counts() {
    let body = format!("name,phone\n王芳,{GOOD_PHONE}\n赵六,12345\n李四,\n");
    let (_dir, output) = build_files(&plan("dump.csv"), &[("dump.csv", body.as_bytes())]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("warning: 2 of 3 rows (67%) gave no key"),
        "{stdout}"
    );
    // Half the rows or fewer lost: no warning.
    let body = format!("name,phone\n王芳,{GOOD_PHONE}\n李四,\n");
    let (_dir, output) = build_files(&plan("dump.csv"), &[("dump.csv", body.as_bytes())]);
    assert!(output.status.success(), "{output:?}");
    assert!(!String::from_utf8_lossy(&output.stdout).contains("warning"));
}

#[test]
fn a_json_path_that_occurs_in_no_row_is_named_in_a_warning() {
    let plan = csv_plan(
        "dump.jsonl",
        "jsonl",
        "utf-8",
        "phone = \"phone\"\n\"contact.emial\" = \"email\"",
    );
    let body = format!(
        "{{\"phone\":\"{GOOD_PHONE}\",\"contact\":{{\"email\":\"canary@example.org\"}}}}\n"
    );
    let (_dir, output) = build_files(&plan, &[("dump.jsonl", body.as_bytes())]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        stdout.contains("warning: the JSON path \"contact.emial\" occurs in no row of dump.jsonl"),
        "{stdout}"
    );
    assert!(!stdout.contains("phone\" occurs"), "{stdout}");
}

/// A name in the dump with invisible characters in it (a zero-width space, a bidi override) is
/// the name typed without them, and the builder's masked examples show none of them.
#[test]
fn invisible_characters_neither_split_a_name_nor_reach_the_output() {
    let plan = csv_plan(
        "dump.csv",
        "csv",
        "utf-8",
        "name = \"name\"\ndob = \"dob\"\nphone = \"phone\"",
    );
    let body = "name,dob,phone\n张\u{200b}伟,1985-03-07,\n\u{202e}王芳,,1\u{202e}2345\n";
    let (dir, output) = build_files(&plan, &[("dump.csv", body.as_bytes())]);
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(stdout.contains("(1****)"), "{stdout}");
    assert!(!stdout.contains('\u{202e}'), "{stdout}");
    let pack = dir.path().join("hostile.exposure");
    let (_, report) = check_json(&[&pack], "name=张伟\ndob=1985-03-07\n");
    assert_eq!(breaches_found(&report), ["hostile-breach"], "{report}");
    let (_, report) = check_json(&[&pack], "name=张\u{200d}伟\u{fe0f}\ndob=1985-03-07\n");
    assert_eq!(breaches_found(&report), ["hostile-breach"], "{report}");
}
