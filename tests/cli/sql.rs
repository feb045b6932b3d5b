//! SQL dumps built by the real binary answer exactly as CSV does: the same generated people,
//! written as a CSV file, a mysqldump file and a pg_dump file, make packs that give the same
//! answer to every probe.

use std::path::PathBuf;

use exposure_demo::{DemoOptions, DemoPerson, absent_person, write_dump};

use crate::support::{
    answers, assert_same_answers, build_one_source, build_people, dump_dir, found, one_source_plan,
};

/// The columns of every dump, in the order the CSV and the positional INSERTs write them.
const COLUMNS: [&str; 7] = ["id", "name", "phone", "email", "national_id", "dob", "note"];

/// People in the dumps; the rest of those generated are probed as misses.
const IN_DUMPS: usize = 60;

/// One person's row: some values missing, and a note that holds every character a format must
/// escape (a comma, both quotes, a backslash, a tab, a line break, and a line that is `\.`, which
/// ends a `COPY` block unless quoted).
fn row(i: usize, person: &DemoPerson) -> [String; 7] {
    let blank_if = |skip: bool, value: &str| {
        if skip {
            String::new()
        } else {
            value.to_owned()
        }
    };
    [
        (i + 1).to_string(),
        person.name.clone(),
        blank_if(i % 5 == 1, &person.phone),
        blank_if(i % 4 == 2, &person.email),
        blank_if(i.is_multiple_of(3), &person.national_id),
        person.dob.to_string(),
        format!("O'Brien, \"{i}\" C:\\dir\\ 100%\tnext\n\\.\nline"),
    ]
}

fn csv(rows: &[[String; 7]]) -> String {
    let mut out = COLUMNS.join(",") + "\n";
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|field| format!("\"{}\"", field.replace('"', "\"\"")))
            .collect();
        out.push_str(&fields.join(","));
        out.push('\n');
    }
    out
}

/// A value as mysqldump writes it: quoted with backslash escapes, an empty one as `NULL`.
fn mysql_value(value: &str) -> String {
    if value.is_empty() {
        return "NULL".to_owned();
    }
    let mut out = String::from("'");
    for c in value.chars() {
        match c {
            '\'' => out.push_str("\\'"),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// mysqldump's shape: a `CREATE TABLE`, then multi-row `INSERT`s; the first half positional, the
/// second with a column list in another order, as other tools write them.
fn mysql(rows: &[[String; 7]]) -> String {
    let mut out = String::from(
        "/*!40101 SET NAMES utf8mb4 */;\nDROP TABLE IF EXISTS `people`;\nCREATE TABLE `people` (\n  `id` int NOT NULL,\n  `name` varchar(64),\n  `phone` char(11),\n  `email` varchar(128),\n  `national_id` char(18),\n  `dob` date,\n  `note` text,\n  PRIMARY KEY (`id`)\n) ENGINE=InnoDB;\nLOCK TABLES `people` WRITE;\n",
    );
    let (positional, listed) = rows.split_at(rows.len() / 2);
    let tuples = |rows: &[[String; 7]], order: &[usize]| -> String {
        let tuples: Vec<String> = rows
            .iter()
            .map(|row| {
                let values: Vec<String> = order.iter().map(|&i| mysql_value(&row[i])).collect();
                format!("({})", values.join(","))
            })
            .collect();
        tuples.join(",")
    };
    let order: Vec<usize> = (0..COLUMNS.len()).collect();
    out.push_str(&format!(
        "INSERT INTO `people` VALUES {};\n",
        tuples(positional, &order)
    ));
    let reversed: Vec<usize> = order.iter().rev().copied().collect();
    let list: Vec<String> = reversed
        .iter()
        .map(|&i| format!("`{}`", COLUMNS[i]))
        .collect();
    out.push_str(&format!(
        "INSERT INTO `people` ({}) VALUES {};\nUNLOCK TABLES;\n",
        list.join(","),
        tuples(listed, &reversed)
    ));
    out
}

/// pg_dump's shape: tab-separated rows of a `COPY` block, `\N` for NULL, backslash escapes.
fn postgres(rows: &[[String; 7]]) -> String {
    let mut out = format!(
        "SET standard_conforming_strings = on;\nCOPY public.people ({}) FROM stdin;\n",
        COLUMNS.join(", ")
    );
    for row in rows {
        let fields: Vec<String> = row
            .iter()
            .map(|field| {
                if field.is_empty() {
                    return "\\N".to_owned();
                }
                field
                    .replace('\\', "\\\\")
                    .replace('\t', "\\t")
                    .replace('\n', "\\n")
            })
            .collect();
        out.push_str(&fields.join("\t"));
        out.push('\n');
    }
    out.push_str("\\.\n");
    out
}

/// pg_dump's shape for `COPY … WITH (FORMAT csv, HEADER)` (psql's `\copy … csv header`): CSV
/// records that quote a field holding the delimiter, a quote or a line break, the empty field
/// for NULL, and `\.` alone on a line after the last.
fn postgres_csv(rows: &[[String; 7]]) -> String {
    let mut out = format!(
        "COPY public.people ({}) FROM stdin WITH (FORMAT csv, HEADER);\n{}\n",
        COLUMNS.join(", "),
        COLUMNS.join(",")
    );
    for row in rows {
        out.push_str(&csv_record(row));
    }
    out.push_str("\\.\n");
    out
}

/// A CSV record as PostgreSQL writes one: a field quoted only if it must be, the empty field for
/// NULL.
fn csv_record(row: &[String]) -> String {
    let fields: Vec<String> = row
        .iter()
        .map(|field| {
            if field.contains([',', '"', '\n', '\r']) || field == "\\." {
                format!("\"{}\"", field.replace('"', "\"\""))
            } else {
                field.clone()
            }
        })
        .collect();
    fields.join(",") + "\n"
}

fn plan(file: &str, format: &str) -> String {
    let table = if format == "sql" {
        "table = \"people\""
    } else {
        ""
    };
    one_source_plan(
        file,
        format,
        table,
        "id = \"ignore\"\nname = \"name\"\nphone = \"phone\"\nemail = \"email\"\nnational_id = \"national_id_cn\"\ndob = \"dob\"\nnote = \"address\"",
    )
}

/// Builds the dump `file` in `format` into a pack; the pack's path (its folder is kept).
fn pack(file: &str, format: &str, bytes: &str) -> (tempfile::TempDir, PathBuf) {
    build_one_source(&plan(file, format), file, bytes.as_bytes())
}

#[test]
fn mysql_and_postgres_dumps_of_the_same_people_answer_every_probe_as_csv_does() {
    let generated = tempfile::tempdir().unwrap();
    let options = DemoOptions {
        seed: 15,
        rows: 150,
    };
    let people = write_dump(generated.path(), &options).unwrap().people;
    assert!(people.len() > IN_DUMPS + 10);
    let rows: Vec<[String; 7]> = people[..IN_DUMPS]
        .iter()
        .enumerate()
        .map(|(i, person)| row(i, person))
        .collect();
    let (_csv_dir, csv_pack) = pack("people.csv", "csv", &csv(&rows));
    let (_mysql_dir, mysql_pack) = pack("people.sql", "sql", &mysql(&rows));
    let (_pg_dir, pg_pack) = pack("people.sql", "sql", &postgres(&rows));
    let (_pg_csv_dir, pg_csv_pack) = pack("people.sql", "sql", &postgres_csv(&rows));
    let probed: Vec<DemoPerson> = people[..IN_DUMPS + 10]
        .iter()
        .cloned()
        .chain([absent_person()])
        .collect();
    let expected = answers(&csv_pack, &probed);
    assert_same_answers(&mysql_pack, &probed, &expected, "MySQL");
    assert_same_answers(&pg_pack, &probed, &expected, "PostgreSQL");
    assert_same_answers(&pg_csv_pack, &probed, &expected, "PostgreSQL CSV");
    // The probes hit and miss: a comparison of empty reports would prove nothing.
    let found = found(&expected);
    assert!(found > IN_DUMPS / 2 && found < IN_DUMPS + 10, "{found}");
}

#[test]
fn a_skipped_tuple_is_shown_by_its_statement_and_tuple_with_its_value_masked() {
    let dump = "CREATE TABLE `people` (`name` text, `phone` text);\nINSERT INTO `people` VALUES ('王芳','13912345678'),('赵六','13700000001','x'),('李四','12345');\n";
    let plan = plan("people.sql", "sql").replace(
        "id = \"ignore\"\nname = \"name\"\nphone = \"phone\"\nemail = \"email\"\nnational_id = \"national_id_cn\"\ndob = \"dob\"\nnote = \"address\"\n",
        "phone = \"phone\"\n",
    );
    let dir = dump_dir(&plan, &[("people.sql", dump.as_bytes())]);
    let stdout = build_people(dir.path(), "en");
    assert!(
        stdout.contains("people.sql line 2, statement 2, tuple 2: wrong number of fields\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("people.sql line 2, statement 2, tuple 3: phone number refused"),
        "{stdout}"
    );
    assert!(
        !stdout.contains("13700000001") && !stdout.contains("12345\n"),
        "{stdout}"
    );
    let chinese = [
        ("zh-CN", "people.sql 第 2 行，第 2 条语句，第 3 个元组："),
        ("zh-TW", "people.sql 第 2 行，第 2 則陳述式，第 3 個元組："),
    ];
    for (lang, expected) in chinese {
        let stdout = build_people(dir.path(), lang);
        assert!(stdout.contains(expected), "{lang}: {stdout}");
    }
}
