use std::path::Path;

use serde_json::Value;

use super::delimited::same_row;
use super::jsonl::{JsonLineProblem, parse_object};
use super::*;
use crate::source::{Column, Compression, Encoding, Field};

#[test]
fn strict_json_reads_what_serde_json_reads() {
    let text = r#"{"a": [1, -2, 3.5, true, null, "x"], "b": {"c": "d"}}"#;
    assert_eq!(
        Value::Object(parse_object(text).unwrap()),
        serde_json::from_str::<Value>(text).unwrap()
    );
}

#[test]
fn strict_json_refuses_a_repeated_key_at_any_depth_naming_it() {
    for (text, key) in [
        (r#"{"a": 1, "a": 2}"#, "a"),
        (r#"{"u": [{"p": "1", "q": {}, "p": "2"}]}"#, "p"),
    ] {
        match parse_object(text) {
            Err(JsonLineProblem::DuplicateKey(found)) => assert_eq!(found.as_str(), key, "{text}"),
            other => panic!("{text}: {other:?}"),
        }
    }
}

/// The repeated key used to be recognized by the text of serde's error message: a value, a key
/// or broken JSON holding that text is no repeated key.
#[test]
fn the_text_of_a_duplicate_key_message_is_not_a_duplicate_key() {
    let once = r#"{"duplicate key": "duplicate key `a`", "a": "duplicate key"}"#;
    assert!(parse_object(once).is_ok());
    for broken in [r#"{"a": "duplicate key"#, r#""duplicate key""#] {
        assert_eq!(
            parse_object(broken).unwrap_err(),
            JsonLineProblem::NotAnObject
        );
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert_eq!(
        parse_object(&deep).unwrap_err(),
        JsonLineProblem::NotAnObject
    );
    let deep = r#"{"a":"#.repeat(100_000) + &"}".repeat(100_000);
    assert_eq!(
        parse_object(&deep).unwrap_err(),
        JsonLineProblem::NotAnObject
    );
}

#[test]
fn a_million_empty_rows_are_skipped_without_a_stack_frame_each() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.csv");
    std::fs::write(&path, "\"\"\n".repeat(1_000_000) + "a,b\n").unwrap();
    let source = Source {
        path,
        format: Format::Csv,
        compression: Compression::None,
        encoding: Encoding::Utf8,
        encoding_detected: None,
        header: false,
        columns: vec![(Column::Index(0), Field::Name)],
        header_width: None,
        table: None,
        delimiter: None,
        sheet: None,
    };
    // A small stack, as a worker thread has: a frame per skipped row would overflow it.
    let row = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || {
            let mut reader = SourceReader::open(&source).unwrap();
            reader.next_row().unwrap().map(|row| row.line())
        })
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(row, Some(1_000_001));
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// A field as a dump may hold it: any text but a NUL (refused) or a byte order mark
    /// (dropped at the start of a field).
    fn field() -> impl Strategy<Value = String> {
        "[^\\x00\u{feff}]{0,12}"
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn csv_rows_read_back_as_written_in_either_encoding(
            rows in prop::collection::vec([field(), field(), field()], 0..8),
            gb18030 in any::<bool>(),
        ) {
            let header = ["a", "b", "c"];
            prop_assume!(rows.iter().all(|row| row != &header));
            let mut writer = csv::Writer::from_writer(Vec::new());
            writer.write_record(header).unwrap();
            for row in &rows {
                writer.write_record(row).unwrap();
            }
            let utf8 = writer.into_inner().unwrap();
            let (bytes, encoding) = if gb18030 {
                let text = String::from_utf8(utf8).unwrap();
                let (bytes, _, lossy) = encoding_rs::GB18030.encode(&text);
                prop_assert!(!lossy);
                // A few private-use characters that GB18030-2005 encoded were given standard
                // characters in GB18030-2022 (U+E78D is written as the bytes of U+FE10): the
                // encoder keeps the old bytes, the decoder reads the new character.
                prop_assume!(encoding_rs::GB18030.decode(&bytes).0 == text);
                (bytes.into_owned(), Encoding::Gb18030)
            } else {
                (utf8, Encoding::Utf8)
            };
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("rows.csv");
            std::fs::write(&path, bytes).unwrap();
            let source = Source {
                path,
                format: Format::Csv,
                compression: Compression::None,
                encoding,
                encoding_detected: None,
                header: true,
                columns: (0..3).map(|i| (Column::Index(i), Field::Username)).collect(),
                header_width: Some(3),
                table: None,
                delimiter: None,
                sheet: None,
            };
            let mut reader = SourceReader::open(&source).unwrap();
            for row in &rows {
                let Some(Row::Record(record)) = reader.next_row().unwrap() else {
                    return Err(TestCaseError::fail("a written row is not read as a record"));
                };
                let read: Vec<(usize, &str)> =
                    record.values.iter().map(|v| (v.column, v.text.as_str())).collect();
                let written: Vec<(usize, &str)> = row
                    .iter()
                    .enumerate()
                    .filter(|(_, text)| !text.trim().is_empty())
                    .map(|(i, text)| (i, text.as_str()))
                    .collect();
                prop_assert_eq!(read, written);
            }
            prop_assert!(reader.next_row().unwrap().is_none());
        }
    }
}

fn source(dir: &Path, name: &str, bytes: &[u8], format: Format, field: Field) -> Source {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    let column = match format {
        Format::Jsonl | Format::Json => Column::Path(vec!["phone".to_owned()]),
        Format::Csv | Format::Tsv | Format::Sql | Format::Text | Format::Xlsx => Column::Index(1),
    };
    Source {
        path,
        format,
        compression: Compression::None,
        encoding: Encoding::Utf8,
        encoding_detected: None,
        header: false,
        columns: vec![(column, field)],
        header_width: None,
        table: None,
        delimiter: None,
        sheet: None,
    }
}

/// A row as the tests compare it: its line, and its mapped values or its problem.
pub(super) type ReadRow = (u64, Result<Vec<String>, RowProblem>);

/// Every row of `source`, or the read error.
pub(super) fn rows(source: &Source) -> Result<Vec<ReadRow>, std::io::Error> {
    let mut reader = SourceReader::open(source)?;
    let mut rows = Vec::new();
    while let Some(row) = reader.next_row()? {
        rows.push(read_row(row));
    }
    Ok(rows)
}

/// A row as its line and its values, or its problem.
pub(super) fn read_row(row: Row) -> ReadRow {
    let line = row.line();
    match row {
        Row::Record(record) => (
            line,
            Ok(record.values.iter().map(|v| v.text.to_string()).collect()),
        ),
        Row::Bad { problem, .. } => (line, Err(problem)),
        Row::DuplicateKey(_) => (line, Err(RowProblem::DuplicateKey)),
    }
}

#[test]
fn an_unclosed_quote_stops_the_read_at_the_line_it_opened_on() {
    let dir = tempfile::tempdir().unwrap();
    let text = "a,1\nb,\"2\n\"\"x\"\"\"\nc,\"3\nd,4\ne,5\n";
    let csv = source(
        dir.path(),
        "d.csv",
        text.as_bytes(),
        Format::Csv,
        Field::Phone,
    );
    let error = rows(&csv).unwrap_err();
    assert_eq!(UnclosedQuote::of(&error), Some(4), "{error}");
    // The same bytes as TSV: no quoting, so no quote is ever open.
    let tsv = source(
        dir.path(),
        "d.tsv",
        text.as_bytes(),
        Format::Tsv,
        Field::Phone,
    );
    assert_eq!(rows(&tsv).unwrap().len(), 6);
    // A quote inside an unquoted field is a character, as the csv crate reads it.
    let inner = source(
        dir.path(),
        "i.csv",
        b"a,1\"2\nb,3\n",
        Format::Csv,
        Field::Phone,
    );
    assert_eq!(rows(&inner).unwrap().len(), 2);
}

#[test]
fn json_lines_may_end_in_a_lone_carriage_return() {
    let dir = tempfile::tempdir().unwrap();
    let bytes = b"{\"phone\":\"1\"}\r{\"phone\":\"2\"}\r\n\r\n{\"phone\":\"3\"}\n{\"phone\":\"4\"}";
    let jsonl = source(dir.path(), "d.jsonl", bytes, Format::Jsonl, Field::Phone);
    let read = rows(&jsonl).unwrap();
    let expected: Vec<ReadRow> = vec![
        (1, Ok(vec!["1".into()])),
        (2, Ok(vec!["2".into()])),
        (4, Ok(vec!["3".into()])),
        (5, Ok(vec!["4".into()])),
    ];
    assert_eq!(read, expected);
}

#[test]
fn integral_json_floats_are_integers_and_other_floats_in_identifiers_are_mangled() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        "{\"phone\": 13800138000.0}",
        "{\"phone\": 1.3800138e10}",
        "{\"phone\": 13800138000}",
        "{\"phone\": 1.1010519850307124e17}",
        "{\"phone\": 1380013.5}",
        "{\"phone\": 123456789012345678901234}",
    ]
    .join("\n");
    let read = |field: Field| {
        rows(&source(
            dir.path(),
            "d.jsonl",
            lines.as_bytes(),
            Format::Jsonl,
            field,
        ))
        .unwrap()
        .into_iter()
        .map(|(_, row)| row)
        .collect::<Vec<_>>()
    };
    let text = |t: &str| Ok(vec![t.to_owned()]);
    assert_eq!(
        read(Field::Phone),
        [
            text("13800138000"),
            text("13800138000"),
            text("13800138000"),
            Err(RowProblem::MangledNumber),
            Err(RowProblem::MangledNumber),
            Err(RowProblem::MangledNumber),
        ]
    );
    // A data-only column only records that a value is there.
    assert!(read(Field::Address).iter().all(Result::is_ok));
}

#[test]
fn a_sample_contradicting_its_declared_encoding_is_caught() {
    let gb = encoding_rs::GB18030
        .encode("name,phone\nok,1\n张伟,13800138000\n")
        .0;
    assert_eq!(
        check_encoding(&gb, true, Encoding::Utf8),
        Some(EncodingMismatch::NotUtf8 { line: 3 })
    );
    assert_eq!(check_encoding(&gb, true, Encoding::Gb18030), None);
    let utf8 = "name,phone\n张伟,13800138000\n李娜,1\n王芳,2\n赵六,3\n".as_bytes();
    assert_eq!(
        check_encoding(utf8, true, Encoding::Gb18030),
        Some(EncodingMismatch::LooksUtf8)
    );
    assert_eq!(check_encoding(utf8, true, Encoding::Utf8), None);
    let bom = b"\xef\xbb\xbfname,phone\n";
    assert_eq!(
        check_encoding(bom, true, Encoding::Gb18030),
        Some(EncodingMismatch::LooksUtf8)
    );
    // ASCII is both; stray bytes valid in neither are row problems, not a wrong encoding.
    assert_eq!(check_encoding(b"a,b\n", true, Encoding::Gb18030), None);
    assert_eq!(check_encoding(b"a,\xff\xfe\n", true, Encoding::Utf8), None);
    // A sample cut inside a character is judged on what it holds.
    let cut = &utf8[..utf8.len() - 4];
    assert_eq!(check_encoding(cut, false, Encoding::Utf8), None);
    assert_eq!(
        check_encoding(cut, false, Encoding::Gb18030),
        Some(EncodingMismatch::LooksUtf8)
    );
    let gb_cut = &gb[..gb.len() - 14];
    assert_eq!(
        check_encoding(gb_cut, false, Encoding::Utf8),
        Some(EncodingMismatch::NotUtf8 { line: 3 })
    );
    // UTF-8 with a damaged row (which GB18030 would read, as mojibake) is still UTF-8.
    let damaged = [utf8, b"\xe5\xbc,1\n"].concat();
    assert_eq!(check_encoding(&damaged, true, Encoding::Utf8), None);
    // Two GB18030 bytes that happen to be UTF-8 (`é`) are no evidence of UTF-8.
    assert_eq!(
        check_encoding(b"name\n\xc3\xa9\n", true, Encoding::Gb18030),
        None
    );
}

#[test]
fn a_row_equal_to_the_header_but_for_a_byte_order_mark_is_the_header() {
    let header = csv::ByteRecord::from(vec!["name", "phone"]);
    let again = csv::ByteRecord::from(vec![&b"\xef\xbb\xbfname"[..], b"phone"]);
    assert!(same_row(&header, &again));
    assert!(!same_row(
        &header,
        &csv::ByteRecord::from(vec!["name", "email"])
    ));
}

#[test]
fn a_repeated_json_key_is_refused_naming_its_row_and_the_key_shown_safely() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"phone": "13800138000"}"#,
        r#"{"phone": "13800138000", "user": {"phone": "1", "phone": "2"}}"#,
        r#"{"phone": "13800138000", "by": {"13900139000": 1, "13900139000": 2}}"#,
        "{\"phone\": \"13800138000\", \"a\\u001b[2J\": 1, \"a\\u001b[2J\": 2}",
        r#"{"phone": "13800138000", "note": "duplicate key `phone`"}"#,
    ];
    let jsonl = source(
        dir.path(),
        "d.jsonl",
        lines.join("\n").as_bytes(),
        Format::Jsonl,
        Field::Phone,
    );
    let mut reader = SourceReader::open(&jsonl).unwrap();
    let mut duplicates = Vec::new();
    let mut records = Vec::new();
    while let Some(row) = reader.next_row().unwrap() {
        match row {
            Row::DuplicateKey(duplicate) => duplicates.push(duplicate),
            Row::Record(record) => records.push(record.position.line()),
            Row::Bad { position, problem } => panic!("{position:?}: {problem:?}"),
        }
    }
    assert_eq!(records, [1, 5]);
    let shown: Vec<(u64, &str)> = duplicates
        .iter()
        .map(|d| (d.position.line(), d.key.as_str()))
        .collect();
    // A key that could be an identifier is masked; a control character is escaped.
    assert_eq!(shown, [(2, "phone"), (3, "139****9000"), (4, "a\\x1b[2J")]);
}

/// The line of an unclosed quote is counted by reading the file again: its byte order mark is
/// skipped again, so a quote that opens a line is still placed on that line.
#[test]
fn an_unclosed_quote_after_a_byte_order_mark_is_placed_on_its_line() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bom) in [("utf8.csv", &b"\xEF\xBB\xBF"[..]), ("plain.csv", &b""[..])] {
        let bytes = [bom, b"a,b\n\"x,1\nc,2\n"].concat();
        let csv = source(dir.path(), name, &bytes, Format::Csv, Field::Phone);
        let error = rows(&csv).unwrap_err();
        assert_eq!(UnclosedQuote::of(&error), Some(2), "{name}: {error}");
    }
}

#[test]
fn auto_tells_the_encodings_apart_and_refuses_utf16_without_a_byte_order_mark() {
    let text = "姓名,手机号,地址\n张伟,13912345678,北京市朝阳区建国路\n李娜,13812345678,上海市徐汇区漕溪北路\n";
    let traditional = "姓名,手機號,地址\n陳大文,0912345678,臺北市中正區重慶南路\n林美玲,0923456789,高雄市前鎮區中山二路\n";
    let gb = encoding_rs::GB18030.encode(text).0;
    let big5 = encoding_rs::BIG5.encode(traditional).0;
    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(u16::to_le_bytes))
        .collect();
    let ascii_utf16: Vec<u8> = "name,phone\nWang,13912345678\n"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    assert_eq!(detect_encoding(text.as_bytes(), true), Ok(Encoding::Utf8));
    assert_eq!(detect_encoding(b"name,phone\n", true), Ok(Encoding::Utf8));
    assert_eq!(detect_encoding(&gb, true), Ok(Encoding::Gb18030));
    assert_eq!(detect_encoding(&big5, true), Ok(Encoding::Big5));
    assert_eq!(detect_encoding(&utf16, true), Ok(Encoding::Utf16));
    assert_eq!(
        detect_encoding(&ascii_utf16, true),
        Err(Undetected::Utf16WithoutBom)
    );
    assert_eq!(
        check_encoding(&ascii_utf16, true, Encoding::Utf16),
        Some(EncodingMismatch::Utf16WithoutBom)
    );
}

#[test]
fn auto_decides_at_the_first_byte_beyond_ascii_up_to_its_limit_and_a_later_row_is_an_encoding_problem()
 {
    let line = "13800138000,Wang Fang\n";
    let ascii_lines = 3 * SAMPLE_BYTES / line.len() + 1;
    let traditional = "0912345678,陳大文\n0923456789,林美玲\n0934567890,臺北市中正區\n";
    let big5 = encoding_rs::BIG5.encode(traditional).0;
    let file = [line.repeat(ascii_lines).as_bytes(), &big5].concat();
    let detected = detect_encoding_streamed(&file[..], MAX_DETECT_BYTES).unwrap();
    assert_eq!(
        detected,
        Detected {
            encoding: Ok(Encoding::Big5),
            bytes: file.len() as u64
        }
    );
    // All ASCII as far as it reads: taken for UTF-8, which every row before is.
    let limit = 2 * SAMPLE_BYTES as u64;
    let detected = detect_encoding_streamed(&file[..], limit).unwrap();
    assert_eq!(
        detected,
        Detected {
            encoding: Ok(Encoding::Utf8),
            bytes: limit
        }
    );
    // The rows further on that are not UTF-8 are refused where they are, never read replaced.
    let dir = tempfile::tempdir().unwrap();
    let csv = source(dir.path(), "list.csv", &file, Format::Csv, Field::Name);
    let read = rows(&csv).unwrap();
    let first = ascii_lines as u64 + 1;
    assert_eq!(
        read[ascii_lines..],
        [
            (first, Err(RowProblem::Encoding)),
            (first + 1, Err(RowProblem::Encoding)),
            (first + 2, Err(RowProblem::Encoding)),
        ]
    );
}

/// A `text` source split on `delimiter`, its second column a phone and its third a password.
fn text_source(dir: &Path, bytes: &[u8], delimiter: &str, encoding: Encoding) -> Source {
    let path = dir.join("list.txt");
    std::fs::write(&path, bytes).unwrap();
    Source {
        path,
        format: Format::Text,
        compression: Compression::None,
        encoding,
        encoding_detected: None,
        header: true,
        columns: vec![
            (Column::Index(1), Field::Phone),
            (Column::Index(2), Field::Password),
        ],
        header_width: Some(3),
        table: None,
        delimiter: Some(delimiter.to_owned()),
        sheet: None,
    }
}

#[test]
fn a_text_list_gives_the_rest_of_a_line_to_its_last_column_and_counts_short_lines() {
    let dir = tempfile::tempdir().unwrap();
    let text = "name----phone----password\n\
        王芳----13800138000----pass\r\n\
        \n\
        李四----13800138001----pa----ss----\n\
        赵六----13800138002\n\
        name----phone----password\n\
        ----13800138003----\n";
    let list = text_source(dir.path(), text.as_bytes(), "----", Encoding::Utf8);
    let values = |v: &[&str]| Ok(v.iter().map(|s| s.to_string()).collect());
    let expected: Vec<ReadRow> = vec![
        (2, values(&["13800138000", "pass"])),
        (4, values(&["13800138001", "pa----ss----"])),
        (5, Err(RowProblem::FieldCount)),
        (6, Err(RowProblem::RepeatedHeader)),
        (7, values(&["13800138003"])),
    ];
    assert_eq!(rows(&list).unwrap(), expected);
}

#[test]
fn a_gb18030_text_list_is_decoded_before_it_is_split() {
    // `亅` is 0x81 0x7C in GBK: its second byte is `|`, which a split of the raw bytes would cut.
    let dir = tempfile::tempdir().unwrap();
    let text = "name|phone|password\n亅|13800138000|亅亅\n";
    let bytes = encoding_rs::GB18030.encode(text).0;
    assert!(bytes.windows(2).any(|pair| pair == [0x81, b'|']));
    let list = text_source(dir.path(), &bytes, "|", Encoding::Gb18030);
    let expected: Vec<ReadRow> = vec![(2, Ok(vec!["13800138000".into(), "亅亅".into()]))];
    assert_eq!(rows(&list).unwrap(), expected);
}

#[test]
fn extended_json_scalars_read_as_their_value_and_unknown_ones_are_counted() {
    let dir = tempfile::tempdir().unwrap();
    let lines = [
        r#"{"phone": {"$numberLong": "13800138000"}}"#,
        r#"{"phone": {"$numberInt": "1380013"}}"#,
        r#"{"phone": {"$numberDouble": "13800138000.0"}}"#,
        r#"{"phone": {"$numberDouble": "1.1010519850307124e17"}}"#,
        r#"{"phone": {"$numberDecimal": "13800138000"}}"#,
        r#"{"phone": {"$numberDecimal": "13800138000.00"}}"#,
        r#"{"phone": {"$numberDecimal": "1.38E+10"}}"#,
        r#"{"phone": {"$oid": "5f1d7a3e9c1b2a0012345678"}}"#,
        r#"{"phone": {"$date": "1985-03-07T00:00:00Z"}}"#,
        r#"{"phone": {"$date": {"$numberLong": "479001600000"}}}"#,
        r#"{"phone": {"$date": "1985-03-06T16:00:00.000Z"}}"#,
        r#"{"phone": {"$binary": {"base64": "AA==", "subType": "00"}}}"#,
        r#"{"phone": {"$numberLong": "13800138000", "extra": 1}}"#,
        r#"{"phone": {"$numberLong": 13800138000}}"#,
        r#"{"phone": {"$date": {"$numberLong": "99999999999999999"}}}"#,
        r#"{"phone": {"plain": "object"}}"#,
    ]
    .join("\n");
    let read = |format: Format, field: Field, bytes: &[u8]| {
        rows(&source(dir.path(), "d.json", bytes, format, field))
            .unwrap()
            .into_iter()
            .map(|(_, row)| row)
            .collect::<Vec<_>>()
    };
    let text = |t: &str| Ok(vec![t.to_owned()]);
    let expected = vec![
        text("13800138000"),
        text("1380013"),
        text("13800138000"),
        Err(RowProblem::MangledNumber),
        text("13800138000"),
        text("13800138000"),
        Err(RowProblem::MangledNumber),
        text("5f1d7a3e9c1b2a0012345678"),
        text("1985-03-07"),
        text("1985-03-07"),
        text("1985-03-06T16:00:00Z"),
        Err(RowProblem::ExtendedJson),
        Err(RowProblem::ExtendedJson),
        Err(RowProblem::ExtendedJson),
        Err(RowProblem::ExtendedJson),
        Ok(vec![]),
    ];
    assert_eq!(
        read(Format::Jsonl, Field::Phone, lines.as_bytes()),
        expected
    );
    // The same objects as the elements of one array read alike.
    let array = format!("[{}]", lines.replace('\n', ",\n"));
    assert_eq!(read(Format::Json, Field::Phone, array.as_bytes()), expected);
    // In a data-only column, a value this reader cannot read is still a value.
    assert!(
        read(Format::Jsonl, Field::Address, lines.as_bytes())
            .iter()
            .all(Result::is_ok)
    );
}

#[test]
fn the_rows_and_problems_of_a_text_dump_are_placed_by_their_line_alone() {
    let dir = tempfile::tempdir().unwrap();
    let csv = source(
        dir.path(),
        "dump.csv",
        b"a,13800138000\nb,13800138001,x\n",
        Format::Csv,
        Field::Phone,
    );
    let mut text = text_source(
        dir.path(),
        "a--13800138000--p\nb\n".as_bytes(),
        "--",
        Encoding::Utf8,
    );
    text.header = false;
    let jsonl = source(
        dir.path(),
        "dump.jsonl",
        b"{\"phone\": \"13800138000\"}\n[1]\n",
        Format::Jsonl,
        Field::Phone,
    );
    let dumps = [
        (csv, RowProblem::FieldCount),
        (text, RowProblem::FieldCount),
        (jsonl, RowProblem::Json),
    ];
    for (dump, problem) in dumps {
        let mut reader = SourceReader::open(&dump).unwrap();
        let mut placed = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            let problem = match &row {
                Row::Bad { problem, .. } => Some(*problem),
                _ => None,
            };
            placed.push((row.position().clone(), problem));
        }
        let expected = [
            (Position::Line { line: 1 }, None),
            (Position::Line { line: 2 }, Some(problem)),
        ];
        assert_eq!(placed, expected, "{:?}", dump.format);
    }
}
