//! Streaming readers for dump files: CSV, TSV and JSON Lines, in UTF-8 or GB18030.
//!
//! Dumps are large and dirty. Rows are streamed, never loaded whole, and a bad row is a counted,
//! located problem ([`BadRow`]) rather than a failed build: leaks are rarely clean and a curator
//! needs the rest of the file. Fields are split on the raw bytes and only then decoded, one field
//! at a time: both encodings keep every byte below 0x40 for ASCII, so `,`, tab, `"` and newline
//! can never be part of a multi-byte character, and an undecodable field is pinned to its line.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::Value;
use zeroize::Zeroizing;

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
}

impl RowProblem {
    pub const fn code(self) -> &'static str {
        match self {
            RowProblem::Encoding => "encoding",
            RowProblem::FieldCount => "field-count",
            RowProblem::Json => "json",
            RowProblem::NoIdentifier => "no-identifier",
        }
    }

    pub const fn message_id(self) -> &'static str {
        match self {
            RowProblem::Encoding => "row-problem-encoding",
            RowProblem::FieldCount => "row-problem-field-count",
            RowProblem::Json => "row-problem-json",
            RowProblem::NoIdentifier => "row-problem-no-identifier",
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

/// Reads the header row of a CSV/TSV source, decoded, with any byte order mark removed.
pub fn read_header(path: &Path, format: Format, encoding: Encoding) -> Result<Vec<String>, String> {
    let file = File::open(path).map_err(|e| e.kind().to_string())?;
    let mut reader = csv_reader(format, file);
    let mut record = csv::ByteRecord::new();
    if !reader
        .read_byte_record(&mut record)
        .map_err(|e| e.to_string())?
    {
        return Ok(Vec::new());
    }
    record
        .iter()
        .map(|field| decode(encoding, field).map(|s| s.to_string()))
        .collect::<Option<Vec<_>>>()
        .ok_or_else(|| format!("header is not valid {}", encoding.name()))
}

fn csv_reader<R: Read>(format: Format, inner: R) -> csv::Reader<SkipBom<R>> {
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true);
    if format == Format::Tsv {
        // Tab-separated values have no quoting: a `"` inside a TSV field is just a character.
        builder.delimiter(b'\t').quoting(false);
    }
    builder.from_reader(SkipBom::new(inner))
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
    Delimited(csv::Reader<SkipBom<File>>, csv::ByteRecord),
    Lines(BufReader<SkipBom<File>>, Vec<u8>, u64),
}

impl<'a> SourceReader<'a> {
    pub fn open(source: &'a Source) -> std::io::Result<SourceReader<'a>> {
        let file = File::open(&source.path)?;
        let inner = match source.format {
            Format::Csv | Format::Tsv => {
                let mut reader = csv_reader(source.format, file);
                let mut record = csv::ByteRecord::new();
                if source.header {
                    reader.read_byte_record(&mut record).map_err(csv_io)?;
                }
                Inner::Delimited(reader, record)
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
            Inner::Delimited(reader, record) => {
                if !reader.read_byte_record(record).map_err(csv_io)? {
                    return Ok(None);
                }
                self.bytes_read = reader.position().byte();
                let line = record.position().map_or(0, |p| p.line());
                // A lone empty line is no row at all.
                if record.len() == 1 && record[0].is_empty() {
                    return self.next_row();
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
                    match decode(self.source.encoding, bytes) {
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
                let n = reader.read_until(b'\n', buffer)?;
                if n == 0 {
                    return Ok(None);
                }
                self.bytes_read += n as u64;
                *line += 1;
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
                let object = match serde_json::from_str::<Value>(&text) {
                    Ok(Value::Object(object)) => object,
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
