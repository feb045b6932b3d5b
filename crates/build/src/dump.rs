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

use crate::source::{Column, Encoding, Field, Format, Source};
use exposure_core::files::{FileProblem, open_regular};
use exposure_core::l10n::Message;

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
    /// An identifier written as a JSON number that is not an exact integer (`1.1010519850307124e17`,
    /// `138.5`): its digits are already lost, so it must be written as text.
    MangledNumber,
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

/// The error of a CSV file that ends inside a quoted field, inside the `io::Error` it stops the
/// build with: the quote opened on `line` swallowed every row after it.
#[derive(Debug)]
pub struct UnclosedQuote {
    pub line: u64,
}

impl std::fmt::Display for UnclosedQuote {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Message::new("dump-unclosed-quote")
            .arg("line", self.line)
            .fmt(f)
    }
}

impl std::error::Error for UnclosedQuote {}

impl UnclosedQuote {
    pub fn of(error: &std::io::Error) -> Option<u64> {
        error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<UnclosedQuote>())
            .map(|quote| quote.line)
    }
}

/// Where a CSV stream stands with respect to quoting, as the `csv` crate reads it (RFC 4180,
/// `""` for a quote inside a quoted field, a quote inside an unquoted field is a character).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: it closes the field, or a second quote follows.
    QuoteInQuoted,
}

/// Follows the quoting of a CSV stream byte by byte and fails at the end of the file if a quoted
/// field is still open: the `csv` crate would silently end that field there, turning the rest of
/// the file into one bad row.
struct Quotes<R> {
    inner: R,
    /// Off for TSV, which has no quoting.
    quoting: bool,
    delimiter: u8,
    state: Quoting,
    /// Lines begun so far (counted at `\n`, as the `csv` crate counts them).
    line: u64,
    /// The line of the quote that opened the current quoted field.
    opened: u64,
}

impl<R> Quotes<R> {
    fn new(inner: R, format: Format) -> Self {
        Quotes {
            inner,
            quoting: format != Format::Tsv,
            delimiter: if format == Format::Tsv { b'\t' } else { b',' },
            state: Quoting::FieldStart,
            line: 1,
            opened: 0,
        }
    }
}

impl<R: Read> Read for Quotes<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.quoting || buf.is_empty() {
            return Ok(n);
        }
        if n == 0 && self.state == Quoting::Quoted {
            return Err(std::io::Error::other(UnclosedQuote { line: self.opened }));
        }
        for &byte in &buf[..n] {
            let ends_field = byte == self.delimiter || byte == b'\n' || byte == b'\r';
            self.state = match (self.state, byte) {
                (Quoting::FieldStart, b'"') => {
                    self.opened = self.line;
                    Quoting::Quoted
                }
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (_, _) if ends_field => Quoting::FieldStart,
                (_, _) => Quoting::Unquoted,
            };
            if byte == b'\n' {
                self.line += 1;
            }
        }
        Ok(n)
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
            RowProblem::MangledNumber => "mangled-number",
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
            RowProblem::MangledNumber => "row-problem-mangled-number",
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

/// The first row of a CSV/TSV source, if any; with `skip_empty`, the first that is not a lone
/// empty field (as [`SourceReader`] reads rows, not headers).
fn first_row(
    path: &Path,
    format: Format,
    skip_empty: bool,
) -> Result<Option<csv::ByteRecord>, FileProblem> {
    let (file, _) = open_regular(path)?;
    let mut reader = csv_reader(format, file, Arc::new(AtomicU64::new(0)));
    let mut record = csv::ByteRecord::new();
    loop {
        let read = reader
            .read_byte_record(&mut record)
            .map_err(|e| match e.kind() {
                csv::ErrorKind::Io(io) => FileProblem::Io(io.kind()),
                _ => FileProblem::Io(std::io::ErrorKind::InvalidData),
            })?;
        if !read {
            return Ok(None);
        }
        if !(skip_empty && record.len() == 1 && record[0].is_empty()) {
            return Ok(Some(record));
        }
    }
}

/// How many fields the first row of a CSV/TSV source without a header has.
pub fn first_row_width(path: &Path, format: Format) -> Result<usize, FileProblem> {
    Ok(first_row(path, format, true)?.map_or(0, |record| record.len()))
}

/// Reads the header row of a CSV/TSV source, decoded, with any byte order mark removed. A header
/// that is not text in the declared encoding is invalid data.
pub fn read_header(
    path: &Path,
    format: Format,
    encoding: Encoding,
) -> Result<Vec<String>, FileProblem> {
    let Some(record) = first_row(path, format, false)? else {
        return Ok(Vec::new());
    };
    record
        .iter()
        .map(|field| decode(encoding, field).map(|s| s.to_string()))
        .collect::<Option<Vec<_>>>()
        .ok_or(FileProblem::Io(std::io::ErrorKind::InvalidData))
}

fn csv_reader<R: Read>(
    format: Format,
    inner: R,
    used: Arc<AtomicU64>,
) -> csv::Reader<Budget<Quotes<SkipBom<R>>>> {
    let mut builder = csv::ReaderBuilder::new();
    builder.has_headers(false).flexible(true);
    if format == Format::Tsv {
        // Tab-separated values have no quoting: a `"` inside a TSV field is just a character.
        builder.delimiter(b'\t').quoting(false);
    }
    builder.from_reader(Budget {
        inner: Quotes::new(SkipBom::new(inner), format),
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

/// Bytes at the start of a source that plan checking reads to catch a wrong `encoding`.
pub const SAMPLE_BYTES: usize = 64 << 10;

/// A declared encoding that the start of a file contradicts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EncodingMismatch {
    /// Declared UTF-8, but `line` is not UTF-8 and the sample reads as GB18030: every row with a
    /// Chinese character would be skipped.
    NotUtf8 { line: u64 },
    /// Declared GB18030, but the text is UTF-8 (a UTF-8 byte order mark, or non-ASCII bytes that
    /// are all valid UTF-8, which GB18030 text almost never is): it would decode into mojibake
    /// (`张伟` as `寮犱紵`) and every name would make a wrong key, with no row refused.
    LooksUtf8,
}

/// Non-ASCII characters a sample must hold, all valid UTF-8, before a source declared GB18030 is
/// taken for UTF-8. A GB18030 character happens to read as UTF-8 about one time in ten, so a few
/// could be chance; six in a row, about one in a million.
const UTF8_EVIDENCE: usize = 6;

/// How the bytes of a sample read as UTF-8.
struct Utf8Reading {
    /// Characters of two bytes or more.
    multibyte: usize,
    /// Runs of bytes that are not UTF-8, and where the first one starts.
    invalid: usize,
    first_invalid: Option<usize>,
}

/// Reads `bytes` as UTF-8; a character cut by the end of a sample that is not the whole file
/// is not counted as invalid.
fn read_utf8(bytes: &[u8], whole: bool) -> Utf8Reading {
    let mut reading = Utf8Reading {
        multibyte: 0,
        invalid: 0,
        first_invalid: None,
    };
    let mut offset = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid();
        reading.multibyte += valid.chars().filter(|c| c.len_utf8() > 1).count();
        offset += valid.len();
        let cut = !whole && offset + chunk.invalid().len() == bytes.len();
        if !chunk.invalid().is_empty() && !cut {
            reading.invalid += 1;
            reading.first_invalid.get_or_insert(offset);
        }
        offset += chunk.invalid().len();
    }
    reading
}

/// Checks the first bytes of a source (`whole`: they are the whole file) against its declared
/// encoding. Stray undecodable bytes in a file of the declared encoding are not a mismatch: they
/// are counted row problems.
pub fn check_encoding(sample: &[u8], whole: bool, declared: Encoding) -> Option<EncodingMismatch> {
    const UTF8_BOM: &[u8] = &[0xEF, 0xBB, 0xBF];
    match declared {
        Encoding::Utf8 => {
            let text = sample.strip_prefix(UTF8_BOM).unwrap_or(sample);
            let reading = read_utf8(text, whole);
            let bad = reading.first_invalid?;
            // UTF-8 text with a few damaged rows also reads as GB18030 (as mojibake): only
            // text where invalid sequences outnumber the valid characters is GB18030.
            if reading.multibyte >= reading.invalid {
                return None;
            }
            let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
            let capacity = decoder.max_utf8_buffer_length_without_replacement(text.len())?;
            let mut decoded = String::with_capacity(capacity);
            let (result, _) =
                decoder.decode_to_string_without_replacement(text, &mut decoded, whole);
            (result == encoding_rs::DecoderResult::InputEmpty).then(|| EncodingMismatch::NotUtf8 {
                line: text[..bad].iter().filter(|b| **b == b'\n').count() as u64 + 1,
            })
        }
        Encoding::Gb18030 => {
            let reading = read_utf8(sample, whole);
            (sample.starts_with(UTF8_BOM)
                || (reading.invalid == 0 && reading.multibyte >= UTF8_EVIDENCE))
                .then_some(EncodingMismatch::LooksUtf8)
        }
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
        reader: csv::Reader<Budget<Quotes<SkipBom<File>>>>,
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
                let (n, ended) = read_line(reader, buffer, MAX_ROW_BYTES as usize + 1)?;
                if n == 0 {
                    return Ok(None);
                }
                self.bytes_read += n;
                *line += 1;
                if buffer.len() as u64 > MAX_ROW_BYTES {
                    // Skip to the end of the line, a bounded piece at a time.
                    let mut ended = ended;
                    while !ended {
                        buffer.clear();
                        let (n, end) = read_line(reader, buffer, 1 << 16)?;
                        self.bytes_read += n;
                        ended = end || n == 0;
                    }
                    buffer.clear();
                    return Ok(Some(Row::Bad {
                        line: *line,
                        problem: RowProblem::TooLong,
                    }));
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
                    let text = match node.map(|value| scalar_text(value, field)) {
                        Some(Ok(text)) => text,
                        Some(Err(problem)) => {
                            return Ok(Some(Row::Bad {
                                line: *line,
                                problem,
                            }));
                        }
                        None => None,
                    };
                    if let Some(text) = text {
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

/// Reads one line into `buffer`, without its end: `\n`, `\r\n`, or a lone `\r` (old Mac
/// exports), at most `limit` bytes of it. Returns the bytes consumed (0 at the end of the file)
/// and whether the line's end was reached.
fn read_line(
    reader: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(u64, bool)> {
    let mut consumed = 0u64;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((consumed, false));
        }
        let room = limit.saturating_sub(buffer.len());
        if let Some(end) = available
            .iter()
            .take(room + 1)
            .position(|b| matches!(b, b'\n' | b'\r'))
        {
            let cr = available[end] == b'\r';
            buffer.extend_from_slice(&available[..end]);
            reader.consume(end + 1);
            consumed += end as u64 + 1;
            if cr && reader.fill_buf()?.first() == Some(&b'\n') {
                reader.consume(1);
                consumed += 1;
            }
            return Ok((consumed, true));
        }
        let taken = available.len().min(room);
        buffer.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        consumed += taken as u64;
        if buffer.len() >= limit {
            return Ok((consumed, false));
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

/// The largest integer a JSON float holds exactly, 2^53: beyond it digits may already be lost.
const EXACT_FLOAT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The text of a JSON value for a field: strings as they are, numbers and booleans as written.
/// Objects and arrays only count for data-only fields, as presence (their content is not ours to
/// read: it could be anything).
///
/// A float that is an exact integer is read as that integer (`13800138000.0` is `13800138000`,
/// not the digits of a longer number); any other float in an identifier column has lost digits
/// or never was an identifier, and is refused rather than made into a wrong key.
fn scalar_text(value: &Value, field: &Field) -> Result<Option<String>, RowProblem> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() && !is_data_only(field) => match n.as_f64() {
            Some(float) if float.fract() == 0.0 && float.abs() < EXACT_FLOAT_LIMIT => {
                format!("{}", float as i64)
            }
            _ => return Err(RowProblem::MangledNumber),
        },
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if !items.is_empty() && is_data_only(field) => "[…]".to_owned(),
        Value::Object(map) if !map.is_empty() && is_data_only(field) => "{…}".to_owned(),
        Value::Array(_) | Value::Object(_) => return Ok(None),
    };
    Ok((!text.trim().is_empty()).then_some(text))
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

    fn source(dir: &Path, name: &str, bytes: &[u8], format: Format, field: Field) -> Source {
        let path = dir.join(name);
        std::fs::write(&path, bytes).unwrap();
        let column = match format {
            Format::Jsonl => Column::Path(vec!["phone".to_owned()]),
            Format::Csv | Format::Tsv => Column::Index(1),
        };
        Source {
            path,
            format,
            encoding: Encoding::Utf8,
            header: false,
            columns: vec![(column, field)],
            header_width: None,
        }
    }

    /// A row as the tests compare it: its line, and its mapped values or its problem.
    type ReadRow = (u64, Result<Vec<String>, RowProblem>);

    /// Every row of `source`, or the read error.
    fn rows(source: &Source) -> Result<Vec<ReadRow>, std::io::Error> {
        let mut reader = SourceReader::open(source)?;
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row()? {
            rows.push(match row {
                Row::Record(record) => (
                    record.line,
                    Ok(record.values.iter().map(|v| v.text.to_string()).collect()),
                ),
                Row::Bad { line, problem } => (line, Err(problem)),
            });
        }
        Ok(rows)
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
        let bytes =
            b"{\"phone\":\"1\"}\r{\"phone\":\"2\"}\r\n\r\n{\"phone\":\"3\"}\n{\"phone\":\"4\"}";
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
}
