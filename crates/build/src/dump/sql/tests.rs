use std::io::Cursor;

use super::*;
use crate::dump::position::Position;
use crate::dump::row::RowProblem;

/// A row as the tests compare it: its line, statement and tuple, and its mapped values (by plan
/// column) or its problem.
type Got = (u64, u64, u64, Result<Vec<(usize, String)>, RowProblem>);

/// The plan's columns: a number is a 1-based position, anything else a name.
fn plan_columns(columns: &[&str]) -> Vec<Column> {
    columns
        .iter()
        .map(|column| match column.parse::<usize>() {
            Ok(n) => Column::Index(n - 1),
            Err(_) => Column::Name((*column).to_owned()),
        })
        .collect()
}

fn collect(mut reader: SqlReader<impl Read>) -> Vec<Got> {
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row().unwrap() {
        let &Position::Tuple {
            line,
            statement,
            tuple,
        } = row.position()
        else {
            panic!("a SQL row is placed by its tuple: {:?}", row.position());
        };
        let got = match row {
            Row::Record(record) => Ok(record
                .values
                .iter()
                .map(|value| (value.column, value.text.to_string()))
                .collect()),
            Row::Bad { problem, .. } => Err(problem),
            Row::DuplicateKey(_) => unreachable!("SQL has no keys"),
        };
        rows.push((line, statement, tuple, got));
    }
    rows
}

/// Every row of `table` in `dump`, read through a buffer of `buffer` bytes, from a stream that
/// gives at most `piece` bytes a read.
/// `dump` (table `t`, columns `a` and `b`) reads as `whole` with a buffer of every size and with
/// reads of every length: a token split anywhere reads the same.
fn reads_alike_at_every_split(dump: &[u8], whole: &[Got]) {
    for size in 2..dump.len() {
        assert_eq!(
            read_with(dump, "t", &["a", "b"], size, usize::MAX),
            whole,
            "buffer {size}"
        );
        assert_eq!(
            read_with(dump, "t", &["a", "b"], BUFFER_BYTES, size),
            whole,
            "reads of {size}"
        );
    }
}

fn read_with(dump: &[u8], table: &str, columns: &[&str], buffer: usize, piece: usize) -> Vec<Got> {
    let reader = SqlReader::with_buffer(
        Pieces { bytes: dump, piece },
        Encoding::Utf8,
        Some(table.to_owned()),
        plan_columns(columns),
        buffer,
    );
    collect(reader)
}

fn read(dump: &str, table: &str, columns: &[&str]) -> Vec<Got> {
    read_with(dump.as_bytes(), table, columns, BUFFER_BYTES, usize::MAX)
}

/// Values of each row, the problem of a bad one.
fn values(rows: &[Got]) -> Vec<Result<Vec<&str>, RowProblem>> {
    rows.iter()
        .map(|(_, _, _, got)| match got {
            Ok(values) => Ok(values.iter().map(|(_, text)| text.as_str()).collect()),
            Err(problem) => Err(*problem),
        })
        .collect()
}

/// A stream given in reads of at most `piece` bytes.
struct Pieces<'a> {
    bytes: &'a [u8],
    piece: usize,
}

impl Read for Pieces<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.piece.min(buf.len()).min(self.bytes.len());
        buf[..n].copy_from_slice(&self.bytes[..n]);
        self.bytes = &self.bytes[n..];
        Ok(n)
    }
}

const MYSQLDUMP: &str = "-- MySQL dump 10.13  Distrib 8.0.36
/*!40101 SET @OLD_CHARACTER_SET_CLIENT=@@CHARACTER_SET_CLIENT */;
/*!40101 SET NAMES utf8mb4 */;
DROP TABLE IF EXISTS `users`;
/*!40101 SET @saved_cs_client     = @@character_set_client */;
CREATE TABLE `users` (
  `id` int NOT NULL AUTO_INCREMENT,
  `name` varchar(64) DEFAULT NULL COMMENT 'full name, (as given)',
  `phone` char(11) DEFAULT NULL,
  `email` varchar(128) DEFAULT NULL,
  PRIMARY KEY (`id`),
  UNIQUE KEY `phone` (`phone`),
  KEY `idx_email` (`email`(10))
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4;
LOCK TABLES `users` WRITE;
/*!40000 ALTER TABLE `users` DISABLE KEYS */;
INSERT INTO `users` VALUES (1,'张伟','13800138000','zw@example.com'),(2,'O\\'Brien','13900139000',NULL),(3,NULL,NULL,'x@example.org');
/*!40000 ALTER TABLE `users` ENABLE KEYS */;
UNLOCK TABLES;
";

#[test]
fn a_positional_insert_takes_its_columns_from_the_create_table_before_it() {
    let rows = read(MYSQLDUMP, "users", &["phone", "email"]);
    assert_eq!(
        values(&rows),
        [
            Ok(vec!["13800138000", "zw@example.com"]),
            Ok(vec!["13900139000"]),
            Ok(vec!["x@example.org"]),
        ]
    );
    // The INSERT is the file's fourth statement (MySQL's `/*!…*/` are comments); tuples count
    // from 1, all on the INSERT's line.
    let places: Vec<(u64, u64, u64)> = rows.iter().map(|row| (row.0, row.1, row.2)).collect();
    assert_eq!(places, [(17, 4, 1), (17, 4, 2), (17, 4, 3)]);
}

#[test]
fn each_insert_maps_its_own_column_list_whatever_its_order() {
    let dump = "INSERT INTO t (`phone`, name) VALUES ('1', 'a');
        insert ignore into `db`.`t` (NAME,Phone) values ('b','2'),('c','3');
        REPLACE t (name) VALUES ('d');";
    assert_eq!(
        values(&read(dump, "t", &["name", "phone"])),
        [
            Ok(vec!["a", "1"]),
            Ok(vec!["b", "2"]),
            Ok(vec!["c", "3"]),
            Ok(vec!["d"]),
        ]
    );
}

#[test]
fn mysql_escapes_literals_and_introducers_read_as_their_text() {
    let dump = r#"INSERT INTO t VALUES
        ('a\0b'),
        ('b\'c\"d\be\nf\rg\th\Zi\\j\%k\_l'),
        ("dq ""x"" 'y'"),
        ('it''s'),
        (_binary '13800138000'),
        (_utf8mb4'张伟'),
        (0x3133383030313338303030),
        (X'3133'),
        (_binary 0x3132),
        (13800138000),
        (-1.5e+3),
        (NULL),
        (DEFAULT),
        (NOW()),
        (ST_GeomFromText('POINT(1 1)', 4326)),
        (b'0101'),
        ('');"#;
    let rows = read(dump, "t", &["1"]);
    assert_eq!(
        values(&rows),
        [
            // A NUL byte is never part of an identifier: that row is a problem.
            Err(RowProblem::NulByte),
            Ok(vec!["b'c\"d\u{8}e\nf\rg\th\u{1a}i\\j\\%k\\_l"]),
            Ok(vec!["dq \"x\" 'y'"]),
            Ok(vec!["it's"]),
            Ok(vec!["13800138000"]),
            Ok(vec!["张伟"]),
            Ok(vec!["13800138000"]),
            Ok(vec!["13"]),
            Ok(vec!["12"]),
            Ok(vec!["13800138000"]),
            Ok(vec!["-1.5e+3"]),
            Ok(vec![]),
            Ok(vec![]),
            Ok(vec![]),
            Ok(vec![]),
            Ok(vec![]),
            Ok(vec![]),
        ]
    );
}

#[test]
fn another_tables_rows_interleaved_are_not_read() {
    let dump = "INSERT INTO `logs` VALUES ('13800138000','x'),('13900139000','y');
        INSERT INTO `users` VALUES ('13700137000','a');
        INSERT INTO `users_old` VALUES ('13600136000','b');
        COPY public.logs (phone, x) FROM stdin;\n13500135000\tz\n\\.\n
        INSERT INTO `users` VALUES ('13400134000','c');";
    assert_eq!(
        values(&read(dump, "users", &["1"])),
        [Ok(vec!["13700137000"]), Ok(vec!["13400134000"])]
    );
}

#[test]
fn a_tuple_with_too_few_or_too_many_values_is_skipped_where_it_is() {
    let dump = "CREATE TABLE t (a int, b text);
        INSERT INTO t VALUES ('1','x'),('2'),('3','y','z'),('4','w');
        INSERT INTO t (b) VALUES ('v'),('u','t');";
    let rows = read(dump, "t", &["a"]);
    assert_eq!(
        values(&rows),
        [
            Ok(vec!["1"]),
            Err(RowProblem::FieldCount),
            Err(RowProblem::FieldCount),
            Ok(vec!["4"]),
            Ok(vec![]),
            Err(RowProblem::FieldCount),
        ]
    );
    let places: Vec<(u64, u64)> = rows.iter().map(|row| (row.1, row.2)).collect();
    assert_eq!(places, [(2, 1), (2, 2), (2, 3), (2, 4), (3, 1), (3, 2)]);
}

#[test]
fn an_unterminated_string_at_the_end_loses_its_tuple_only() {
    let dump = "INSERT INTO t VALUES ('13800138000'),('13900139000'),('1370013";
    assert_eq!(
        values(&read(dump, "t", &["1"])),
        [
            Ok(vec!["13800138000"]),
            Ok(vec!["13900139000"]),
            Err(RowProblem::Truncated),
        ]
    );
    // Cut anywhere, a dump reads to its end without a panic, and never yields more rows.
    for end in 0..MYSQLDUMP.len() {
        let rows = read_with(&MYSQLDUMP.as_bytes()[..end], "users", &["phone"], 64, 7);
        assert!(rows.len() <= 3, "cut at {end}");
    }
}

#[test]
fn garbage_in_a_tuple_skips_the_rest_of_its_statement_only() {
    let dump = "INSERT INTO t VALUES ('1'),('2' @@ junk),('3');
        INSERT INTO t VALUES ('4');
        INSERT INTO t VALUES garbage;
        INSERT INTO t VALUES ('5');";
    assert_eq!(
        values(&read(dump, "t", &["1"])),
        [
            Ok(vec!["1"]),
            Err(RowProblem::SqlSyntax),
            Ok(vec!["4"]),
            Err(RowProblem::SqlSyntax),
            Ok(vec!["5"]),
        ]
    );
}

#[test]
fn quotes_and_backslashes_read_the_same_at_every_buffer_boundary() {
    let dump = br#"/* a; 'comment' */ INSERT INTO `t` (`a`,`b`) VALUES ('x\\\'y''z\\','\\'),("q\"\\""r",'\''),('','\\\\'); -- done"#;
    let whole = read_with(dump, "t", &["a", "b"], BUFFER_BYTES, usize::MAX);
    assert_eq!(
        values(&whole),
        [
            Ok(vec!["x\\'y'z\\", "\\"]),
            Ok(vec!["q\"\\\"r", "'"]),
            Ok(vec!["\\\\"]),
        ]
    );
    reads_alike_at_every_split(dump, &whole);
}

#[test]
fn a_million_tuples_on_one_line_stream_in_bounded_memory() {
    let tuples = 200_000;
    let mut dump = String::from("INSERT INTO t (id, phone) VALUES ");
    for i in 0..tuples {
        if i > 0 {
            dump.push(',');
        }
        dump.push_str(&format!("({i},'1380{:07}')", i));
    }
    dump.push(';');
    let mut reader = SqlReader::with_buffer(
        Cursor::new(dump.as_bytes()),
        Encoding::Utf8,
        Some("t".to_owned()),
        plan_columns(&["phone"]),
        4096,
    );
    let mut count = 0u64;
    while let Some(row) = reader.next_row().unwrap() {
        count += 1;
        let &Position::Tuple { line, tuple, .. } = row.position() else {
            panic!("a SQL row is placed by its tuple");
        };
        assert_eq!((line, tuple), (1, count));
        // Nothing but the current value is held: the read buffer and one phone number.
        assert!(reader.values.iter().all(|v| v.bytes.capacity() <= 64));
    }
    assert_eq!(count, tuples);
}

#[test]
fn a_create_table_of_ten_thousand_columns_names_them_all() {
    let columns: Vec<String> = (0..10_000).map(|i| format!("`c{i}` varchar(8)")).collect();
    let values: Vec<String> = (0..10_000).map(|i| format!("'{i}'")).collect();
    let dump = format!(
        "CREATE TABLE t ({}, PRIMARY KEY (`c0`));\nINSERT INTO t VALUES ({});",
        columns.join(", "),
        values.join(",")
    );
    assert_eq!(
        values_of(&read(&dump, "t", &["c9999", "c0"])),
        [Ok(vec!["9999", "0"])]
    );
}

/// [`values`], the plan columns' order kept.
fn values_of(rows: &[Got]) -> Vec<Result<Vec<&str>, RowProblem>> {
    rows.iter()
        .map(|(_, _, _, got)| match got {
            Ok(found) => {
                let mut found: Vec<&(usize, String)> = found.iter().collect();
                found.sort();
                Ok(found.iter().map(|(_, text)| text.as_str()).collect())
            }
            Err(problem) => Err(*problem),
        })
        .collect()
}

#[test]
fn postgres_copy_blocks_read_tab_separated_rows_with_their_escapes() {
    let dump = "SET standard_conforming_strings = on;
CREATE TABLE public.users (
    id integer NOT NULL,
    name text,
    phone character varying(20)
);
COPY public.users (id, name, phone) FROM stdin;
1\t张伟\t13800138000
2\t\\N\t13900139000
3\ta\\tb\\\\c\\nd\\101\\x42\t\\N
4\tonly two
\\.

INSERT INTO public.users VALUES (5, 'C:\\path', '13700137000');
";
    let rows = read(dump, "users", &["name", "phone"]);
    assert_eq!(
        values_of(&rows),
        [
            Ok(vec!["张伟", "13800138000"]),
            Ok(vec!["13900139000"]),
            Ok(vec!["a\tb\\c\ndAB"]),
            Err(RowProblem::FieldCount),
            // standard_conforming_strings: a backslash in a string is itself.
            Ok(vec!["C:\\path", "13700137000"]),
        ]
    );
    let places: Vec<(u64, u64)> = rows.iter().map(|row| (row.1, row.2)).collect();
    assert_eq!(places, [(3, 1), (3, 2), (3, 3), (3, 4), (4, 1)]);
}

#[test]
fn a_copy_block_in_csv_reads_quoted_fields_holding_the_delimiter_a_newline_and_the_end_marker() {
    let dump = "COPY public.users (id, name, phone) FROM stdin WITH (FORMAT csv, HEADER);
id,name,phone
1,\"Zhang, Wei\",13800138000
2,\"two
lines
\\.
still \"\"quoted\"\"\",13900139000
3,,\"\"
4,\\N,\\x
5,only two
\\.
INSERT INTO users (id, name, phone) VALUES (6, 'after', '13700137000');
";
    let rows = read(dump, "users", &["name", "phone"]);
    assert_eq!(
        values_of(&rows),
        [
            Ok(vec!["Zhang, Wei", "13800138000"]),
            Ok(vec!["two\nlines\n\\.\nstill \"quoted\"", "13900139000"]),
            // The empty field is NULL, a quoted empty string is empty: both absent.
            Ok(vec![]),
            // A backslash is no escape in CSV.
            Ok(vec!["\\N", "\\x"]),
            Err(RowProblem::FieldCount),
            Ok(vec!["after", "13700137000"]),
        ]
    );
    let places: Vec<(u64, u64, u64)> = rows.iter().map(|row| (row.0, row.1, row.2)).collect();
    assert_eq!(
        places,
        [
            (3, 1, 1),
            (4, 1, 2),
            (8, 1, 3),
            (9, 1, 4),
            (10, 1, 5),
            (12, 2, 1)
        ]
    );
}

#[test]
fn a_copy_csv_block_takes_its_delimiter_quote_escape_and_null_from_either_spelling() {
    let modern = "COPY t (name, phone) FROM stdin WITH (FORMAT csv, DELIMITER E'\\t', QUOTE '''', ESCAPE '\\', NULL 'NA', HEADER false, FORCE_NOT_NULL (\"header\"));
'a\tb \\' c'\t13800138000\r
NA\t'NA'\r
\\.
";
    assert_eq!(
        values_of(&read(modern, "t", &["name", "phone"])),
        [Ok(vec!["a\tb ' c", "13800138000"]), Ok(vec!["NA"])]
    );
    let old = "COPY t (name, phone) FROM stdin WITH CSV HEADER DELIMITER AS ';' NULL AS '-';
name;phone
\"x;y\";-
\\.
";
    assert_eq!(
        values_of(&read(old, "t", &["name", "phone"])),
        [Ok(vec!["x;y"])]
    );
}

#[test]
fn a_copy_csv_record_reads_the_same_at_every_buffer_boundary() {
    let dump = b"COPY t (a, b) FROM stdin (FORMAT csv);\n\"q\"\"\n,\\.\",x\r\n\"\",\"\"\"\"\n\\.\n";
    let whole = read_with(dump, "t", &["a", "b"], BUFFER_BYTES, usize::MAX);
    assert_eq!(values(&whole), [Ok(vec!["q\"\n,\\.", "x"]), Ok(vec!["\""])]);
    reads_alike_at_every_split(dump, &whole);
}

#[test]
fn a_copy_csv_quote_never_closed_loses_its_record_only() {
    let dump = "COPY t (a) FROM stdin CSV;\n13800138000\n\"never closed\n\\.\n";
    assert_eq!(
        values(&read(dump, "t", &["a"])),
        [Ok(vec!["13800138000"]), Err(RowProblem::Truncated)]
    );
}

#[test]
fn a_gb18030_character_whose_trail_byte_is_a_backslash_is_not_an_escape() {
    // 乗 is 0x81 0x5C in GBK and GB18030: its trail byte is `\`.
    let (name, _, _) = encoding_rs::GB18030.encode("乗下");
    assert!(name.contains(&b'\\'));
    let mut dump = b"INSERT INTO t VALUES ('".to_vec();
    dump.extend_from_slice(&name);
    dump.extend_from_slice(b"','13800138000');");
    let reader = SqlReader::with_buffer(
        Cursor::new(dump),
        Encoding::Gb18030,
        Some("t".to_owned()),
        plan_columns(&["1", "2"]),
        BUFFER_BYTES,
    );
    assert_eq!(
        values_of(&collect(reader)),
        [Ok(vec!["乗下", "13800138000"])]
    );
}

#[test]
fn binary_garbage_ends_without_a_panic_and_yields_few_rows() {
    // A fixed pseudo-random stream, with the bytes that mean something to SQL made common.
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let special = b"'\"\\`();,-#/*\n\t_0xXINSERT VALUES COPY";
    let bytes: Vec<u8> = (0..200_000)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            if state.is_multiple_of(3) {
                special[(state >> 8) as usize % special.len()]
            } else {
                (state >> 16) as u8
            }
        })
        .collect();
    let mut prefixed = b"INSERT INTO t VALUES ".to_vec();
    prefixed.extend_from_slice(&bytes);
    for dump in [&bytes, &prefixed] {
        let rows = read_with(dump, "t", &["1"], 256, 1000);
        assert!(rows.len() < dump.len());
    }
}

#[test]
fn the_plan_check_reads_no_further_than_the_tables_first_rows() {
    // After the first INSERT of `users` the stream fails: the check must not get there.
    let head =
        "CREATE TABLE `users` (`id` int, `phone` text);\nINSERT INTO `users` VALUES (1,'2');";
    let stream = Cursor::new(head.as_bytes()).chain(Failing);
    assert_eq!(
        find_sql_table(stream, Encoding::Utf8, Some("users")).unwrap(),
        SqlTable::Found {
            table: "users".to_owned(),
            names: Some(vec!["id".to_owned(), "phone".to_owned()]),
        }
    );
    assert_eq!(
        find_sql_table(Cursor::new(MYSQLDUMP), Encoding::Utf8, Some("user")).unwrap(),
        SqlTable::Missing {
            tables: vec!["users".to_owned()]
        }
    );
    // Without a table, the first with rows, and the column list of its first statement.
    let dump = "CREATE TABLE a (x int);\nINSERT INTO b (p, q) VALUES (1, 2);";
    assert_eq!(
        find_sql_table(Cursor::new(dump), Encoding::Utf8, None).unwrap(),
        SqlTable::Found {
            table: "b".to_owned(),
            names: Some(vec!["p".to_owned(), "q".to_owned()]),
        }
    );
}

/// A stream whose reads fail.
struct Failing;

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        Err(std::io::Error::other("read past the first rows"))
    }
}

#[test]
fn a_column_number_no_table_can_have_takes_no_memory_and_reads_nothing() {
    let reader = SqlReader::new(
        Cursor::new("INSERT INTO t VALUES ('13800138000');"),
        Encoding::Utf8,
        Some("t".to_owned()),
        vec![Column::Index(usize::MAX - 1), Column::Index(0)],
    );
    assert_eq!(values(&collect(reader)), [Ok(vec!["13800138000"])]);
}
