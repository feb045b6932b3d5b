//! Streaming readers for dump files: CSV, TSV and JSON Lines, in UTF-8 or GB18030.
//!
//! Dumps are large and dirty. Rows are streamed, never loaded whole, and a bad row is a counted,
//! located problem ([`BadRow`]) rather than a failed build: leaks are rarely clean and a curator
//! needs the rest of the file. Fields are split on the raw bytes and only then decoded, one field
//! at a time: both encodings keep every byte below 0x40 for ASCII, so `,`, tab, `"` and newline
//! can never be part of a multi-byte character, and an undecodable field is pinned to its line.
//!
//! Memory stays bounded whatever the file: a row may hold at most [`MAX_ROW_BYTES`] (beyond that a
//! CSV file cannot be read on reliably and the build stops; a JSON line is skipped), and a mapped
//! value at most [`MAX_FIELD_BYTES`] (the row is skipped).

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::Deserialize;
use serde_json::Value;
use zeroize::Zeroizing;

use crate::files::{FileProblem, open_regular};
use crate::plan::{Column, Encoding, Field, Format, Source};

/// Why a row was skipped. Carries no value from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RowProblem {
    /// Bytes that are not valid in the source's declared encoding.
    Encoding,
    /// A CSV/TSV row whose number of fields differs from the header's (or the first row's).
    FieldCount,
    /// A JSON Lines line that is not a JSON object.
    Json,
    /// A row none of whose identifiers is usable.
    NoIdentifier,
    /// A mapped value longer than [`MAX_FIELD_BYTES`], or a JSON line longer than [`MAX_ROW_BYTES`].
    TooLong,
    /// A NUL byte in a mapped value: binary data, or UTF-16 read as something else.
    NulByte,
    /// A CSV/TSV row identical to the header: files concatenated with their headers.
    RepeatedHeader,
    /// A JSON object with the same key twice: which value is meant cannot be known.
    DuplicateKey,
}

/// The longest mapped value a row may have: no identifier is anywhere near this long.
pub const MAX_FIELD_BYTES: usize = 1 << 20;
/// The longest row read; an unbalanced quote can otherwise swallow the whole file into one field.
pub const MAX_ROW_BYTES: u64 = 64 << 20;

/// The error of a CSV/TSV row longer than [`MAX_ROW_BYTES`], inside the `io::Error` it stops the
/// build with.
#[derive(Debug, thiserror::Error)]
#[error("a row is longer than {MAX_ROW_BYTES} bytes")]
pub struct RowTooLong;

impl RowTooLong {
    pub fn is(error: &std::io::Error) -> bool {
        error
            .get_ref()
            .is_some_and(|inner| inner.is::<RowTooLong>())
    }
}

/// Counts the bytes read since the last row began, and fails past [`MAX_ROW_BYTES`].
struct Budget<R> {
    inner: R,
    used: Arc<AtomicU64>,
}

impl<R: Read> Read for Budget<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.used.load(Ordering::Relaxed) > MAX_ROW_BYTES {
            return Err(std::io::Error::other(RowTooLong));
        }
        let n = self.inner.read(buf)?;
        self.used.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl RowProblem {
    pub const fn code(self) -> &'static str {
        match self {
            RowProblem::Encoding => "encoding",
            RowProblem::FieldCount => "field-count",
            RowProblem::Json => "json",
            RowProblem::NoIdentifier => "no-identifier",
            RowProblem::TooLong => "too-long",
            RowProblem::NulByte => "nul-byte",
            RowProblem::RepeatedHeader => "repeated-header",
            RowProblem::DuplicateKey => "duplicate-key",
        }
    }

    pub const fn message_id(self) -> &'static str {
        match self {
            RowProblem::Encoding => "row-problem-encoding",
            RowProblem::FieldCount => "row-problem-field-count",
            RowProblem::Json => "row-problem-json",
            RowProblem::NoIdentifier => "row-problem-no-identifier",
            RowProblem::TooLong => "row-problem-too-long",
            RowProblem::NulByte => "row-problem-nul-byte",
            RowProblem::RepeatedHeader => "row-problem-repeated-header",
            RowProblem::DuplicateKey => "row-problem-duplicate-key",
        }
    }
}

/// One value of a record: which of the source's columns, and the text (a secret: it may be an
/// identifier).
pub struct FieldValue {
    pub column: usize,
    pub text: Zeroizing<String>,
}

impl std::fmt::Debug for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FieldValue({}, <redacted>)", self.column)
    }
}

/// A readable row: its line in the file and its mapped, non-empty values.
#[derive(Debug)]
pub struct Record {
    pub line: u64,
    pub values: Vec<FieldValue>,
}

/// What reading the next row gave.
#[derive(Debug)]
pub enum Row {
    Record(Record),
    Bad { line: u64, problem: RowProblem },
}

/// Reads the header row of a CSV/TSV source, decoded, with any byte order mark removed. A header
/// that is not text in the declared encoding is invalid data.
pub fn read_header(
    path: &Path,
    format: Format,
    encoding: Encoding,
) -> Result<Vec<String>, FileProblem> {
    let invalid = FileProblem::Io(std::io::ErrorKind::InvalidData);
    let (file, _) = open_regular(path)?;
    let mut reader = csv_reader(format, file, Arc::new(AtomicU64::new(0)));
    let mut record = csv::ByteRecord::new();
    let read = reader
        .read_byte_record(&mut record)
        .map_err(|e| match e.kind() {
            csv::ErrorKind::Io(io) => FileProblem::Io(io.kind()),
            _ => invalid,
        })?;
    if !read {
        return Ok(Vec::new());
    }
    record
        .iter()
        .map(|field| decode(encoding, field).map(|s| s.to_string()))
        .collect::<Option<Vec<_>>>()
        .ok_or(invalid)
}

fn csv_reader<R: Read>(
    format: Format,
    inner: R,
    used: Arc<AtomicU64>,
) -> csv::Reader<Budget<SkipBom<R>>> {
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true);
    if format == Format::Tsv {
        // Tab-separated values have no quoting: a `"` inside a TSV field is just a character.
        builder.delimiter(b'\t').quoting(false);
    }
    builder.from_reader(Budget {
        inner: SkipBom::new(inner),
        used,
    })
}

/// Drops a UTF-8 or GB18030 byte order mark at the start of a stream.
struct SkipBom<R> {
    inner: R,
    start: Option<([u8; 4], usize, usize)>,
}

impl<R: Read> SkipBom<R> {
    fn new(inner: R) -> Self {
        SkipBom { inner, start: None }
    }
}

impl<R: Read> Read for SkipBom<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.start.is_none() {
            let mut head = [0u8; 4];
            let mut filled = 0;
            while filled < 4 {
                match self.inner.read(&mut head[filled..])? {
                    0 => break,
                    n => filled += n,
                }
            }
            let skip = if head[..filled].starts_with(&[0xEF, 0xBB, 0xBF]) {
                3
            } else if head[..filled] == [0x84, 0x31, 0x95, 0x33] {
                4
            } else {
                0
            };
            self.start = Some((head, skip, filled));
        }
        if let Some((head, pos, end)) = &mut self.start
            && *pos < *end
        {
            let n = (*end - *pos).min(buf.len());
            buf[..n].copy_from_slice(&head[*pos..*pos + n]);
            *pos += n;
            return Ok(n);
        }
        self.inner.read(buf)
    }
}

fn decode(encoding: Encoding, bytes: &[u8]) -> Option<std::borrow::Cow<'_, str>> {
    match encoding {
        Encoding::Utf8 => std::str::from_utf8(bytes)
            .ok()
            .map(std::borrow::Cow::Borrowed),
        Encoding::Gb18030 => {
            encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
        }
    }
}

/// Streams the rows of one source.
pub struct SourceReader<'a> {
    source: &'a Source,
    inner: Inner,
    /// Fields per row: the header's, or the first row's.
    width: Option<usize>,
    bytes_read: u64,
}

impl std::fmt::Debug for SourceReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceReader")
            .field("path", &self.source.path)
            .field("bytes_read", &self.bytes_read)
            .finish_non_exhaustive()
    }
}

enum Inner {
    Delimited {
        reader: csv::Reader<Budget<SkipBom<File>>>,
        record: csv::ByteRecord,
        header: Option<csv::ByteRecord>,
        used: Arc<AtomicU64>,
    },
    Lines(BufReader<SkipBom<File>>, Vec<u8>, u64),
}

impl<'a> SourceReader<'a> {
    pub fn open(source: &'a Source) -> std::io::Result<SourceReader<'a>> {
        let file = File::open(&source.path)?;
        let inner = match source.format {
            Format::Csv | Format::Tsv => {
                let used = Arc::new(AtomicU64::new(0));
                let mut reader = csv_reader(source.format, file, used.clone());
                let mut record = csv::ByteRecord::new();
                let header = if source.header {
                    reader.read_byte_record(&mut record).map_err(csv_io)?;
                    Some(record.clone())
                } else {
                    None
                };
                Inner::Delimited {
                    reader,
                    record,
                    header,
                    used,
                }
            }
            Format::Jsonl => Inner::Lines(
                BufReader::with_capacity(1 << 16, SkipBom::new(file)),
                Vec::new(),
                0,
            ),
        };
        Ok(SourceReader {
            source,
            inner,
            width: source.header_width,
            bytes_read: 0,
        })
    }

    /// Bytes of the file consumed so far, for progress.
    pub fn bytes_read(&self) -> u64 {
        self.bytes_read
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        match &mut self.inner {
            Inner::Delimited {
                reader,
                record,
                header,
                used,
            } => {
                // A lone empty field is no row at all. A loop, not a recursive call: a hostile
                // file of a million `""` lines must not take a stack frame each.
                let line = loop {
                    used.store(0, Ordering::Relaxed);
                    if !reader.read_byte_record(record).map_err(csv_io)? {
                        return Ok(None);
                    }
                    self.bytes_read = reader.position().byte();
                    if !(record.len() == 1 && record[0].is_empty()) {
                        break record.position().map_or(0, |p| p.line());
                    }
                };
                if header.as_ref().is_some_and(|h| same_row(h, record)) {
                    return Ok(Some(Row::Bad {
                        line,
                        problem: RowProblem::RepeatedHeader,
                    }));
                }
                let width = *self.width.get_or_insert(record.len());
                if record.len() != width {
                    return Ok(Some(Row::Bad {
                        line,
                        problem: RowProblem::FieldCount,
                    }));
                }
                let mut values = Vec::new();
                for (column, (position, _)) in self.source.columns.iter().enumerate() {
                    let Column::Index(index) = position else {
                        continue;
                    };
                    let Some(bytes) = record.get(*index) else {
                        continue;
                    };
                    if let Some(problem) = field_problem(bytes) {
                        return Ok(Some(Row::Bad { line, problem }));
                    }
                    match decode(self.source.encoding, strip_bom(bytes)) {
                        Some(text) if !text.trim().is_empty() => values.push(FieldValue {
                            column,
                            text: Zeroizing::new(text.into_owned()),
                        }),
                        Some(_) => {}
                        None => {
                            return Ok(Some(Row::Bad {
                                line,
                                problem: RowProblem::Encoding,
                            }));
                        }
                    }
                }
                Ok(Some(Row::Record(Record { line, values })))
            }
            Inner::Lines(reader, buffer, line) => loop {
                buffer.clear();
                let n = reader
                    .by_ref()
                    .take(MAX_ROW_BYTES + 1)
                    .read_until(b'\n', buffer)?;
                if n == 0 {
                    return Ok(None);
                }
                self.bytes_read += n as u64;
                *line += 1;
                if n as u64 > MAX_ROW_BYTES && buffer.last() != Some(&b'\n') {
                    // Skip to the end of the line, a bounded piece at a time.
                    loop {
                        buffer.clear();
                        let n = reader.by_ref().take(1 << 16).read_until(b'\n', buffer)?;
                        self.bytes_read += n as u64;
                        if n == 0 || buffer.last() == Some(&b'\n') {
                            break;
                        }
                    }
                    buffer.clear();
                    return Ok(Some(Row::Bad {
                        line: *line,
                        problem: RowProblem::TooLong,
                    }));
                }
                while buffer.last().is_some_and(|b| *b == b'\n' || *b == b'\r') {
                    buffer.pop();
                }
                if buffer.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                let Some(text) = decode(self.source.encoding, buffer) else {
                    return Ok(Some(Row::Bad {
                        line: *line,
                        problem: RowProblem::Encoding,
                    }));
                };
                let object = match serde_json::from_str::<Strict>(&text) {
                    Ok(Strict(Value::Object(object))) => object,
                    Err(error) if error.to_string().starts_with(DUPLICATE_KEY) => {
                        return Ok(Some(Row::Bad {
                            line: *line,
                            problem: RowProblem::DuplicateKey,
                        }));
                    }
                    _ => {
                        return Ok(Some(Row::Bad {
                            line: *line,
                            problem: RowProblem::Json,
                        }));
                    }
                };
                let mut values = Vec::new();
                for (column, (position, field)) in self.source.columns.iter().enumerate() {
                    let Column::Path(path) = position else {
                        continue;
                    };
                    let mut node = object.get(&path[0]);
                    for key in &path[1..] {
                        node = node.and_then(|value| value.get(key));
                    }
                    if let Some(text) = node.and_then(|value| scalar_text(value, field)) {
                        if let Some(problem) = field_problem(text.as_bytes()) {
                            return Ok(Some(Row::Bad {
                                line: *line,
                                problem,
                            }));
                        }
                        values.push(FieldValue {
                            column,
                            text: Zeroizing::new(text),
                        });
                    }
                }
                buffer.fill(0);
                return Ok(Some(Row::Record(Record {
                    line: *line,
                    values,
                })));
            },
        }
    }
}

/// A byte order mark where a file's start once was, in files concatenated whole.
fn strip_bom(bytes: &[u8]) -> &[u8] {
    bytes
        .strip_prefix(&[0xEF, 0xBB, 0xBF])
        .or_else(|| bytes.strip_prefix(&[0x84, 0x31, 0x95, 0x33]))
        .unwrap_or(bytes)
}

/// Whether two rows hold the same fields, ignoring a byte order mark before the first.
fn same_row(a: &csv::ByteRecord, b: &csv::ByteRecord) -> bool {
    a.len() == b.len()
        && a.iter().zip(b.iter()).enumerate().all(|(i, (x, y))| {
            if i == 0 {
                strip_bom(x) == strip_bom(y)
            } else {
                x == y
            }
        })
}

/// Why a mapped value is unusable before it is even decoded.
fn field_problem(bytes: &[u8]) -> Option<RowProblem> {
    if bytes.len() > MAX_FIELD_BYTES {
        Some(RowProblem::TooLong)
    } else if bytes.contains(&0) {
        Some(RowProblem::NulByte)
    } else {
        None
    }
}

const DUPLICATE_KEY: &str = "duplicate key";

/// A JSON value that refuses an object with a repeated key (`serde_json` keeps the last one).
struct Strict(Value);

impl<'de> Deserialize<'de> for Strict {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Strict, D::Error> {
        deserializer.deserialize_any(StrictVisitor).map(Strict)
    }
}

struct StrictVisitor;

impl<'de> serde::de::Visitor<'de> for StrictVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Strict::deserialize(d).map(|s| s.0)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(Strict(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some((key, Strict(value))) = map.next_entry::<String, Strict>()? {
            if object.insert(key, value).is_some() {
                return Err(serde::de::Error::custom(DUPLICATE_KEY));
            }
        }
        Ok(Value::Object(object))
    }
}

/// The text of a JSON value for a field: strings as they are, numbers and booleans as written.
/// Objects and arrays only count for data-only fields, as presence (their content is not ours to
/// read: it could be anything).
fn scalar_text(value: &Value, field: &Field) -> Option<String> {
    let text = match value {
        Value::Null => return None,
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if !items.is_empty() && is_data_only(field) => "[…]".to_owned(),
        Value::Object(map) if !map.is_empty() && is_data_only(field) => "{…}".to_owned(),
        Value::Array(_) | Value::Object(_) => return None,
    };
    (!text.trim().is_empty()).then_some(text)
}

fn is_data_only(field: &Field) -> bool {
    !matches!(
        field,
        Field::Email
            | Field::Phone
            | Field::NationalIdCn
            | Field::Username
            | Field::Name
            | Field::Dob
    )
}

fn csv_io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strict(text: &str) -> Result<Value, String> {
        serde_json::from_str::<Strict>(text)
            .map(|s| s.0)
            .map_err(|e| e.to_string())
    }

    #[test]
    fn strict_json_reads_what_serde_json_reads() {
        let text = r#"{"a": [1, -2, 3.5, true, null, "x"], "b": {"c": "d"}}"#;
        assert_eq!(
            strict(text).unwrap(),
            serde_json::from_str::<Value>(text).unwrap()
        );
    }

    #[test]
    fn strict_json_refuses_a_repeated_key_at_any_depth() {
        for text in [r#"{"a": 1, "a": 2}"#, r#"{"u": [{"p": "1", "p": "2"}]}"#] {
            assert!(
                strict(text).unwrap_err().starts_with(DUPLICATE_KEY),
                "{text}"
            );
        }
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let deep = "[".repeat(100_000) + &"]".repeat(100_000);
        assert!(strict(&deep).is_err());
    }

    #[test]
    fn a_million_empty_rows_are_skipped_without_a_stack_frame_each() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.csv");
        std::fs::write(&path, "\"\"\n".repeat(1_000_000) + "a,b\n").unwrap();
        let source = Source {
            path,
            format: Format::Csv,
            encoding: Encoding::Utf8,
            header: false,
            columns: vec![(Column::Index(0), Field::Name)],
            header_width: None,
        };
        // A small stack, as a worker thread has: a frame per skipped row would overflow it.
        let row = std::thread::Builder::new()
            .stack_size(256 * 1024)
            .spawn(move || {
                let mut reader = SourceReader::open(&source).unwrap();
                reader.next_row().unwrap().map(|row| match row {
                    Row::Record(record) => record.line,
                    Row::Bad { line, .. } => line,
                })
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
                    encoding,
                    header: true,
                    columns: (0..3).map(|i| (Column::Index(i), Field::Username)).collect(),
                    header_width: Some(3),
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
}
