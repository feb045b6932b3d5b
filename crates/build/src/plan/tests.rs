use super::*;

fn plan_in(dir: &Path, plan: &str, files: &[(&str, &str)]) -> Result<Plan, PlanError> {
    for (name, content) in files {
        std::fs::write(dir.join(name), content).unwrap();
    }
    let path = dir.join("plan.toml");
    std::fs::write(&path, plan).unwrap();
    Plan::load(&path)
}

const HEAD: &str = "[pack]\ntitle = \"T\"\ncurator = \"C\"\n";

fn breach(columns: &str) -> String {
    format!(
        "{HEAD}[[breach]]\nid = \"b\"\ntitle = \"B\"\n[[breach.source]]\npath = \"d.csv\"\nformat = \"csv\"\n[breach.source.columns]\n{columns}\n"
    )
}

fn problem(result: Result<Plan, PlanError>) -> PlanProblem {
    match result.expect_err("must be refused") {
        PlanError::Invalid { reason, .. } => reason,
        other => panic!("not a plan problem: {other:?}"),
    }
}

#[test]
fn a_valid_plan_resolves_columns_and_classes() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(
        dir.path(),
        &breach("\"姓名\" = \"name\"\n\"手机\" = \"phone\"\n\"生日\" = \"dob\"\n\"x\" = \"data:bank_accounts\""),
        &[("d.csv", "\u{feff}姓名,手机,生日,x\n")],
    )
    .unwrap();
    assert_eq!(plan.id, "plan");
    assert_eq!(plan.default_region, Region::CN);
    let breach = &plan.breaches[0];
    assert_eq!(
        breach.data_classes,
        ["phone_numbers", "dates_of_birth", "names", "bank_accounts"]
    );
    assert_eq!(breach.sources[0].header_width, Some(4));
    assert!(plan.class_table().bit("bank_accounts").is_some());
}

#[test]
fn unknown_fields_and_columns_are_reported_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let csv = [("d.csv", "a,b\n")];
    assert_eq!(
        problem(plan_in(dir.path(), &breach("a = \"phone_number\""), &csv)),
        PlanProblem::UnknownField("phone_number".into())
    );
    assert_eq!(
        problem(plan_in(dir.path(), &breach("c = \"phone\""), &csv)),
        PlanProblem::UnknownColumn("c".into())
    );
    assert_eq!(
        problem(plan_in(dir.path(), &breach("a = \"name\""), &csv)),
        PlanProblem::NameWithoutDate
    );
    assert_eq!(
        problem(plan_in(dir.path(), &breach("a = \"address\""), &csv)),
        PlanProblem::NoKeyField
    );
}

#[test]
fn a_missing_or_special_source_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(
        problem(plan_in(dir.path(), &breach("a = \"phone\""), &[])),
        PlanProblem::SourceMissing("d.csv".into())
    );
    std::fs::create_dir(dir.path().join("d.csv")).unwrap();
    assert_eq!(
        problem(plan_in(dir.path(), &breach("a = \"phone\""), &[])),
        PlanProblem::SourceNotAFile("d.csv".into())
    );
}

#[test]
fn syntax_errors_give_the_line() {
    let dir = tempfile::tempdir().unwrap();
    match plan_in(dir.path(), "[pack]\ntitle = \"T\"\ncurator = \n", &[]) {
        Err(PlanError::Syntax { line, .. }) => assert_eq!(line, 3),
        other => panic!("{other:?}"),
    }
    match plan_in(
        dir.path(),
        "[pack]\ntitle = \"T\"\ncurator = \"C\"\ncolour = 1\n",
        &[],
    ) {
        Err(PlanError::Syntax { .. }) => {}
        other => panic!("unknown keys must be refused: {other:?}"),
    }
}

#[test]
fn breach_ids_dates_and_regions_are_checked() {
    let dir = tempfile::tempdir().unwrap();
    let csv = [("d.csv", "a\n")];
    let base = breach("a = \"phone\"");
    let bad_id = base.replace("id = \"b\"", "id = \"Bad Id\"");
    assert_eq!(
        problem(plan_in(dir.path(), &bad_id, &csv)),
        PlanProblem::BadBreachId
    );
    let bad_date = base.replace("title = \"B\"", "title = \"B\"\ndate = \"2022-02-30\"");
    assert_eq!(
        problem(plan_in(dir.path(), &bad_date, &csv)),
        PlanProblem::BadDate
    );
    let bad_region = base.replace(
        "curator = \"C\"",
        "curator = \"C\"\ndefault_region = \"XX\"",
    );
    assert_eq!(
        problem(plan_in(dir.path(), &bad_region, &csv)),
        PlanProblem::UnknownRegion("XX".into())
    );
}

#[test]
fn numbered_columns_start_at_one() {
    let dir = tempfile::tempdir().unwrap();
    let csv = [("d.csv", "1,2\n")];
    let numbered =
        breach("\"2\" = \"phone\"").replace("format = \"csv\"", "format = \"csv\"\nheader = false");
    let plan = plan_in(dir.path(), &numbered, &csv).unwrap();
    assert_eq!(plan.breaches[0].sources[0].columns[0].0, Column::Index(1));
    let zero =
        breach("\"0\" = \"phone\"").replace("format = \"csv\"", "format = \"csv\"\nheader = false");
    assert_eq!(
        problem(plan_in(dir.path(), &zero, &csv)),
        PlanProblem::BadColumnNumber("0".into())
    );
}

#[test]
fn a_column_number_past_the_last_column_is_refused_with_the_width() {
    let dir = tempfile::tempdir().unwrap();
    let csv = [("d.csv", "\n1,2\n3,4\n")];
    let past =
        breach("\"3\" = \"phone\"").replace("format = \"csv\"", "format = \"csv\"\nheader = false");
    assert_eq!(
        problem(plan_in(dir.path(), &past, &csv)),
        PlanProblem::ColumnPastEnd("3".into(), 2)
    );
}

#[test]
fn one_column_mapped_twice_is_refused_even_with_spaces() {
    let dir = tempfile::tempdir().unwrap();
    let csv = [("d.csv", "phone,name\n")];
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &breach("\"phone\" = \"phone\"\n\"phone \" = \"username\""),
            &csv
        )),
        PlanProblem::DuplicateColumn("phone".into())
    );
    let numbered = breach("\"2\" = \"phone\"\n\" 2\" = \"email\"")
        .replace("format = \"csv\"", "format = \"csv\"\nheader = false");
    assert_eq!(
        problem(plan_in(dir.path(), &numbered, &csv)),
        PlanProblem::DuplicateColumn("2".into())
    );
    let jsonl = breach("\"user.phone\" = \"phone\"\n\"user .phone \" = \"email\"")
        .replace("d.csv", "d.jsonl")
        .replace("format = \"csv\"", "format = \"jsonl\"");
    assert_eq!(
        problem(plan_in(dir.path(), &jsonl, &[("d.jsonl", "{}\n")])),
        PlanProblem::DuplicateColumn("user.phone".into())
    );
}

#[test]
fn a_source_whose_bytes_contradict_its_encoding_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let gb = encoding_rs::GB18030
        .encode("phone,name\n13800138000,张伟\n")
        .0
        .into_owned();
    std::fs::write(dir.path().join("d.csv"), &gb).unwrap();
    assert_eq!(
        problem(plan_in(dir.path(), &breach("phone = \"phone\""), &[])),
        PlanProblem::SourceNotUtf8("d.csv".into(), 2)
    );
    let declared_gb = breach("phone = \"phone\"").replace(
        "format = \"csv\"",
        "format = \"csv\"\nencoding = \"gb18030\"",
    );
    plan_in(dir.path(), &declared_gb, &[]).unwrap();
    let utf8 = [("d.csv", "phone,name\n13800138000,张伟\n1,李娜\n2,王芳\n")];
    assert_eq!(
        problem(plan_in(dir.path(), &declared_gb, &utf8)),
        PlanProblem::SourceLooksUtf8("d.csv".into(), Encoding::Gb18030)
    );
}

/// A plan of one source `path` with `options` (`encoding = …`, `member = …`) and a phone column.
fn source_plan(path: &str, options: &str) -> String {
    breach("phone = \"phone\"")
        .replace("path = \"d.csv\"", &format!("path = \"{path}\"\n{options}"))
}

/// The one source of [`source_plan`] over `path` with `options`, loaded from `dir`.
fn one_source(dir: &Path, path: &str, options: &str) -> Source {
    let plan = plan_in(dir, &source_plan(path, options), &[]).unwrap();
    plan.breaches.into_iter().next().unwrap().sources.remove(0)
}

fn zip_of(members: &[(&str, &str)]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, text) in members {
        writer
            .start_file(*name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(text.as_bytes()).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn a_zip_member_that_is_missing_unnamed_among_several_or_unsafe_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "phone,name\n13800138000,Wang\n";
    std::fs::write(
        dir.path().join("two.zip"),
        zip_of(&[("a.csv", csv), ("b.csv", csv)]),
    )
    .unwrap();
    let archive = |problem| PlanProblem::SourceArchive("two.zip".into(), problem);
    assert_eq!(
        problem(plan_in(dir.path(), &source_plan("two.zip", ""), &[])),
        archive(ArchiveProblem::SeveralMembers { count: 2 })
    );
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &source_plan("two.zip", "member = \"c.csv\""),
            &[]
        )),
        archive(ArchiveProblem::MemberMissing {
            member: "c.csv".into()
        })
    );
    let source = one_source(dir.path(), "two.zip", "member = \"b.csv\"");
    assert_eq!(
        source.compression,
        Compression::Zip {
            member: "b.csv".into()
        }
    );
    assert_eq!(source.header_width, Some(2));
    std::fs::write(dir.path().join("evil.zip"), zip_of(&[("../../d.csv", csv)])).unwrap();
    assert_eq!(
        problem(plan_in(dir.path(), &source_plan("evil.zip", ""), &[])),
        PlanProblem::SourceArchive(
            "evil.zip".into(),
            ArchiveProblem::UnsafeMember {
                member: "../../d.csv".into()
            }
        )
    );
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &source_plan("d.csv", "member = \"d.csv\""),
            &[("d.csv", csv)]
        )),
        PlanProblem::MemberWithoutZip("d.csv".into())
    );
}

#[test]
fn auto_names_the_encoding_it_detected_and_utf16_needs_a_byte_order_mark() {
    let dir = tempfile::tempdir().unwrap();
    let text = "phone,name\n13800138000,张伟\n13800138001,李娜\n13800138002,王芳\n";
    let gb = encoding_rs::GB18030.encode(text).0.into_owned();
    std::fs::write(dir.path().join("gb.csv"), &gb).unwrap();
    let source = one_source(dir.path(), "gb.csv", "encoding = \"auto\"");
    assert_eq!(
        (source.encoding, source.encoding_detected),
        (Encoding::Gb18030, Some(gb.len() as u64))
    );
    let utf16: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    std::fs::write(dir.path().join("u.csv"), &utf16).unwrap();
    for encoding in ["auto", "utf-16"] {
        let options = format!("encoding = \"{encoding}\"");
        assert_eq!(
            problem(plan_in(dir.path(), &source_plan("u.csv", &options), &[])),
            PlanProblem::SourceUtf16WithoutBom("u.csv".into()),
            "{encoding}"
        );
    }
    let with_bom = [&[0xFF, 0xFE][..], &utf16].concat();
    std::fs::write(dir.path().join("u.csv"), &with_bom).unwrap();
    assert_eq!(
        one_source(dir.path(), "u.csv", "encoding = \"utf-16\"").encoding,
        Encoding::Utf16
    );
    assert_eq!(
        problem(plan_in(dir.path(), &source_plan("u.csv", ""), &[])),
        PlanProblem::SourceUtf16("u.csv".into())
    );
}

#[test]
fn auto_reads_past_an_ascii_start_to_the_first_chinese_row_before_it_decides() {
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("phone,name\n");
    while text.len() < 3 * dump::SAMPLE_BYTES {
        text.push_str("13800138000,Wang Fang\n");
    }
    let ascii = text.len() as u64;
    text.push_str("13800138001,张伟\n13800138002,李娜\n13800138003,王芳\n");
    let gb = encoding_rs::GB18030.encode(&text).0.into_owned();
    std::fs::write(dir.path().join("gb.csv"), &gb).unwrap();
    let source = one_source(dir.path(), "gb.csv", "encoding = \"auto\"");
    assert_eq!(source.encoding, Encoding::Gb18030);
    // Decided on the bytes through the Chinese rows, not on the first ASCII sample.
    assert!(
        source.encoding_detected > Some(ascii),
        "{:?}",
        source.encoding_detected
    );
}

fn syntax(plan: &str) -> (usize, usize, SyntaxProblem) {
    let dir = tempfile::tempdir().unwrap();
    match plan_in(dir.path(), plan, &[("d.csv", "a,b\n")]) {
        Err(PlanError::Syntax {
            line,
            column,
            problem,
            ..
        }) => (line, column, problem),
        other => panic!("{other:?}"),
    }
}

/// The TOML reader's English ("invalid type: map, expected a string") is sorted into kinds the
/// plan's reader is told of in its own language, with the line and column.
#[test]
fn syntax_errors_say_what_and_where_in_the_plan_s_terms() {
    let with_date =
        breach("a = \"phone\"").replace("title = \"B\"\n", "title = \"B\"\ndate = 2022-06-30\n");
    assert_eq!(syntax(&with_date), (7, 8, SyntaxProblem::UnquotedDate));
    assert_eq!(
        syntax("[pack]\ntitle = \"T\"\n").2,
        SyntaxProblem::MissingField("curator".into())
    );
    assert_eq!(
        syntax(&format!("{HEAD}colour = 1\n")),
        (4, 1, SyntaxProblem::UnknownField("colour".into()))
    );
    assert_eq!(
        syntax(&breach("a = \"phone\"").replace("\"csv\"", "\"xml\"")).2,
        SyntaxProblem::UnknownValue {
            value: "xml".into(),
            allowed: "csv | tsv | jsonl | sql | text | json | xlsx".into()
        }
    );
    assert_eq!(
        syntax(
            &breach("a = \"phone\"").replace("title = \"B\"", "title = \"B\"\nverified = \"yes\"")
        )
        .2,
        SyntaxProblem::WrongType(ValueKind::Boolean)
    );
    assert_eq!(syntax("[pack\n").2, SyntaxProblem::Toml);
}

#[test]
fn a_plan_that_is_not_utf8_or_not_a_file_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.toml");
    std::fs::write(&path, b"[pack]\ntitle = \"caf\xe9\"\n").unwrap();
    assert_eq!(
        Plan::load(&path),
        Err(PlanError::Read {
            path: path.clone(),
            reason: FileProblem::Io(std::io::ErrorKind::InvalidData)
        })
    );
    #[cfg(unix)]
    assert_eq!(
        Plan::load(Path::new("/dev/zero")),
        Err(PlanError::Read {
            path: "/dev/zero".into(),
            reason: FileProblem::NotAFile
        })
    );
}

/// A key the plan wrote with a TOML escape (`\u001b`) is shown escaped, never raw on a terminal.
#[test]
fn a_plan_s_own_text_in_a_syntax_error_is_shown_escaped() {
    let (_, _, problem) = syntax(&format!("{HEAD}\"colour\\u001b[2J\\u202e\" = 1\n"));
    assert_eq!(
        problem,
        SyntaxProblem::UnknownField("colour\u{1b}[2J\u{202e}".into())
    );
    let shown = problem.message().to_string();
    assert!(
        !shown.contains('\u{1b}') && !shown.contains('\u{202e}'),
        "{shown}"
    );
    assert!(
        shown.contains("\\x1b") || shown.contains("\\u{1b}"),
        "{shown}"
    );
}

/// A plan of one SQL source, `d.sql`, with the given `table` line (or none) and columns.
fn sql_breach(table: &str, columns: &str) -> String {
    format!(
        "{HEAD}[[breach]]\nid = \"b\"\ntitle = \"B\"\n[[breach.source]]\npath = \"d.sql\"\nformat = \"sql\"\n{table}\n[breach.source.columns]\n{columns}\n"
    )
}

const SQL_DUMP: &str = "CREATE TABLE `users` (`id` int, `Phone` char(11), PRIMARY KEY (`id`));
INSERT INTO `logs` VALUES (1);
INSERT INTO `users` VALUES (1,'13800138000');";

#[test]
fn a_sql_source_finds_its_columns_by_name_in_the_create_table() {
    let dir = tempfile::tempdir().unwrap();
    let plan = plan_in(
        dir.path(),
        &sql_breach("table = \"users\"", "phone = \"phone\"\n1 = \"ignore\""),
        &[("d.sql", SQL_DUMP)],
    )
    .unwrap();
    let source = &plan.breaches[0].sources[0];
    assert_eq!(source.table.as_deref(), Some("users"));
    assert_eq!(
        source.columns,
        [
            (Column::Index(0), Field::Ignore),
            (Column::Name("phone".into()), Field::Phone)
        ]
    );
}

#[test]
fn a_sql_source_s_table_and_columns_are_checked_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let dump = [("d.sql", SQL_DUMP)];
    let check = |table: &str, columns: &str| {
        problem(plan_in(dir.path(), &sql_breach(table, columns), &dump))
    };
    assert_eq!(
        check("", "phone = \"phone\""),
        PlanProblem::SqlTableUnnamed("logs".into())
    );
    assert_eq!(
        check("table = \"user\"", "phone = \"phone\""),
        PlanProblem::SqlUnknownTable("user".into(), "logs, users".into())
    );
    assert_eq!(
        check("table = \"users\"", "mobile = \"phone\""),
        PlanProblem::SqlUnknownColumn("mobile".into(), "users".into(), "id, Phone".into())
    );
    assert_eq!(
        check("table = \"users\"", "3 = \"phone\""),
        PlanProblem::ColumnPastEnd("3".into(), 2)
    );
    assert_eq!(
        check("table = \"users\"", "2 = \"phone\"\nPhone = \"email\""),
        PlanProblem::DuplicateColumn("Phone".into())
    );
    assert_eq!(
        check("table = \"logs\"", "phone = \"phone\""),
        PlanProblem::SqlNoColumnNames("phone".into(), "logs".into())
    );
    // Without names, a number is only bounded by what a table can have.
    assert_eq!(
        check("table = \"logs\"", "99999999999 = \"phone\""),
        PlanProblem::ColumnPastEnd("99999999999".into(), dump::MAX_SQL_COLUMNS)
    );
    assert_eq!(
        check("table = \"users\"\nheader = true", "phone = \"phone\""),
        PlanProblem::OptionNotForFormat("header", Format::Sql)
    );
    let schema_only = [("d.sql", "CREATE TABLE t (a int);\n")];
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &sql_breach("table = \"t\"", "a = \"phone\""),
            &schema_only
        )),
        PlanProblem::SqlNoRows("d.sql".into())
    );
    let csv =
        breach("a = \"phone\"").replace("format = \"csv\"", "format = \"csv\"\ntable = \"t\"");
    assert_eq!(
        problem(plan_in(dir.path(), &csv, &[("d.csv", "a\n1\n")])),
        PlanProblem::OptionNotForFormat("table", Format::Csv)
    );
}

/// A source of `format` at `path` with extra `options`, mapping `columns`.
fn shaped(path: &str, format: &str, options: &str, columns: &str) -> String {
    format!(
        "{HEAD}[[breach]]\nid = \"b\"\ntitle = \"B\"\n[[breach.source]]\npath = \"{path}\"\nformat = \"{format}\"\n{options}\n[breach.source.columns]\n{columns}\n"
    )
}

#[test]
fn each_shape_s_options_and_header_are_checked_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let list = [("l.txt", "phone----password\n13800138000----x\n")];
    let text = |options: &str, columns: &str| {
        plan_in(
            dir.path(),
            &shaped("l.txt", "text", options, columns),
            &list,
        )
    };
    let plan = text("delimiter = \"----\"", "phone = \"phone\"").unwrap();
    assert_eq!(plan.breaches[0].sources[0].columns[0].0, Column::Index(0));
    assert_eq!(plan.breaches[0].sources[0].header_width, Some(2));
    assert_eq!(
        problem(text("", "phone = \"phone\"")),
        PlanProblem::MissingDelimiter
    );
    assert_eq!(
        problem(text("delimiter = \"\"", "phone = \"phone\"")),
        PlanProblem::BadDelimiter
    );
    assert_eq!(
        problem(text("delimiter = \"----\"", "mobile = \"phone\"")),
        PlanProblem::UnknownColumn("mobile".into())
    );
    assert_eq!(
        problem(text(
            "delimiter = \"----\"\nsheet = \"S\"",
            "phone = \"phone\""
        )),
        PlanProblem::OptionNotForFormat("sheet", Format::Text)
    );
    let jsonl = [("d.json", "{\"phone\": \"1\"}\n")];
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &shaped("d.json", "json", "", "phone = \"phone\""),
            &jsonl
        )),
        PlanProblem::NotJsonArray("d.json".into())
    );
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &shaped(
                "d.json",
                "json",
                "encoding = \"gb18030\"",
                "phone = \"phone\""
            ),
            &[("d.json", "[]")]
        )),
        PlanProblem::JsonNotUtf8
    );
}

#[test]
fn a_workbook_s_sheet_and_header_are_checked_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("Couriers").unwrap();
    sheet.write_string(0, 0, "收件人电话").unwrap();
    book.save(dir.path().join("w.xlsx")).unwrap();
    let workbook = |options: &str, columns: &str| {
        plan_in(dir.path(), &shaped("w.xlsx", "xlsx", options, columns), &[])
    };
    let plan = workbook("", "\"收件人电话\" = \"phone\"").unwrap();
    assert_eq!(plan.breaches[0].sources[0].sheet, None);
    workbook("sheet = \"Couriers\"", "\"收件人电话\" = \"phone\"").unwrap();
    assert_eq!(
        problem(workbook(
            "sheet = \"Parcels\"",
            "\"收件人电话\" = \"phone\""
        )),
        PlanProblem::Workbook(
            "w.xlsx".into(),
            dump::WorkbookProblem::UnknownSheet {
                sheets: vec!["Couriers".into()]
            }
        )
    );
    assert_eq!(
        problem(workbook("", "\"电话\" = \"phone\"")),
        PlanProblem::UnknownColumn("电话".into())
    );
    assert_eq!(
        problem(workbook("header = false", "\"16385\" = \"phone\"")),
        PlanProblem::ColumnPastEnd("16385".into(), dump::MAX_SHEET_COLUMNS)
    );
    let not_a_workbook = [("n.xlsx", "phone\n1\n")];
    assert_eq!(
        problem(plan_in(
            dir.path(),
            &shaped("n.xlsx", "xlsx", "", "phone = \"phone\""),
            &not_a_workbook
        )),
        PlanProblem::Workbook("n.xlsx".into(), dump::WorkbookProblem::NotAWorkbook)
    );
}
