//! The CSV and TSV reader (TSV is CSV with tabs and no quoting), and the header checks the plan
//! runs before a build.

use std::io::Read;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use zeroize::Zeroizing;

use super::bytes::SourceBytes;
use super::position::Position;
use super::row::{FieldValue, MAX_ROW_BYTES, Record, Row, RowProblem, field_problem};
use super::text::{SkipBom, decode, strip_bom};
use crate::source::{Column, Format, Source};
use exposure_core::l10n::Message;

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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quoting {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted field: it closes the field, or a second quote follows.
    QuoteInQuoted,
}

/// Follows the quoting of a CSV stream and fails at the end of the file if a quoted field is
/// still open: the `csv` crate would silently end that field there, turning the rest of the file
/// into one bad row.
struct Quotes<R> {
    inner: R,
    /// Off for TSV, which has no quoting.
    quoting: bool,
    delimiter: u8,
    state: Quoting,
    /// Bytes of the stream followed so far.
    seen: u64,
    /// Where in the stream the quote that opened the current quoted field is.
    opened: u64,
}

/// A stream the quote tracker can read again from its start: the lines before an unclosed quote
/// are counted only once there is one, rather than all along.
trait Restart: Read {
    fn restart(&mut self) -> std::io::Result<()>;
}

impl Restart for SkipBom<SourceBytes> {
    fn restart(&mut self) -> std::io::Result<()> {
        SkipBom::restart(self)
    }
}

impl<R> Quotes<R> {
    fn new(inner: R, format: Format) -> Self {
        Quotes {
            inner,
            quoting: format != Format::Tsv,
            delimiter: if format == Format::Tsv { b'\t' } else { b',' },
            state: Quoting::FieldStart,
            seen: 0,
            opened: 0,
        }
    }

    fn ends_field(&self, byte: u8) -> bool {
        byte == self.delimiter || byte == b'\n' || byte == b'\r'
    }

    /// Follows the quoting through the next `bytes` of the stream. Only a quote changes whether
    /// a field is quoted, and only the byte before it says whether it starts a field, so the
    /// search jumps from quote to quote (`memchr`) instead of stepping through every byte: a
    /// byte-by-byte state machine cost a quarter of the parsing time.
    fn track(&mut self, bytes: &[u8]) {
        let mut at = 0;
        while at < bytes.len() {
            match self.state {
                Quoting::Quoted => match memchr::memchr(b'"', &bytes[at..]) {
                    Some(i) => {
                        at += i + 1;
                        self.state = Quoting::QuoteInQuoted;
                    }
                    None => at = bytes.len(),
                },
                // The byte after a quote in a quoted field: an escaped quote, or the field closed.
                Quoting::QuoteInQuoted => {
                    let byte = bytes[at];
                    self.state = if byte == b'"' {
                        Quoting::Quoted
                    } else if self.ends_field(byte) {
                        Quoting::FieldStart
                    } else {
                        Quoting::Unquoted
                    };
                    at += 1;
                }
                Quoting::FieldStart | Quoting::Unquoted => {
                    let Some(i) = memchr::memchr(b'"', &bytes[at..]) else {
                        self.state = self.after(bytes[bytes.len() - 1]);
                        break;
                    };
                    let quote = at + i;
                    let at_field_start = if i == 0 {
                        self.state == Quoting::FieldStart
                    } else {
                        self.after(bytes[quote - 1]) == Quoting::FieldStart
                    };
                    // A quote inside an unquoted field is a character, as the `csv` crate reads it.
                    self.state = if at_field_start {
                        self.opened = self.seen + quote as u64;
                        Quoting::Quoted
                    } else {
                        Quoting::Unquoted
                    };
                    at = quote + 1;
                }
            }
        }
        self.seen += bytes.len() as u64;
    }

    /// The state after an unquoted byte that is not a quote.
    fn after(&self, byte: u8) -> Quoting {
        if self.ends_field(byte) {
            Quoting::FieldStart
        } else {
            Quoting::Unquoted
        }
    }
}

impl<R: Restart> Quotes<R> {
    /// The line the byte at `offset` of the stream is on (lines end at `\n`, as the `csv` crate
    /// counts them), read again from the start.
    fn line_at(&mut self, offset: u64) -> std::io::Result<u64> {
        self.inner.restart()?;
        let mut before = (&mut self.inner).take(offset);
        let mut chunk = vec![0u8; 64 << 10];
        let mut line = 1;
        loop {
            match before.read(&mut chunk) {
                Ok(0) => return Ok(line),
                Ok(n) => line += newlines(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
    }
}

/// How many `\n` bytes: a plain count, which the compiler vectorizes.
fn newlines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&byte| byte == b'\n').count() as u64
}

impl<R: Restart> Read for Quotes<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if !self.quoting || buf.is_empty() {
            return Ok(n);
        }
        if n == 0 && self.state == Quoting::Quoted {
            let line = self.line_at(self.opened)?;
            return Err(std::io::Error::other(UnclosedQuote { line }));
        }
        self.track(&buf[..n]);
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

/// The first row of a CSV/TSV source, if any; with `skip_empty`, the first that is not a lone
/// empty field (as [`SourceReader`] reads rows, not headers). The source's columns and header
/// width need not be known yet.
fn first_row(source: &Source, skip_empty: bool) -> std::io::Result<Option<csv::ByteRecord>> {
    let bytes = SourceBytes::open(source)?;
    let mut reader = csv_reader(source.format, bytes, Arc::new(AtomicU64::new(0)));
    let mut record = csv::ByteRecord::new();
    loop {
        if !reader.read_byte_record(&mut record).map_err(csv_io)? {
            return Ok(None);
        }
        if !(skip_empty && record.len() == 1 && record[0].is_empty()) {
            return Ok(Some(record));
        }
    }
}

/// How many fields the first row of a CSV/TSV source without a header has.
pub fn first_row_width(source: &Source) -> std::io::Result<usize> {
    Ok(first_row(source, true)?.map_or(0, |record| record.len()))
}

/// Reads the header row of a CSV/TSV source, decoded, with any byte order mark removed; `None` if
/// it is not text in the source's encoding.
pub fn read_header(source: &Source) -> std::io::Result<Option<Vec<String>>> {
    let Some(record) = first_row(source, false)? else {
        return Ok(Some(Vec::new()));
    };
    Ok(record
        .iter()
        .map(|field| decode(source.encoding, field).map(|s| s.to_string()))
        .collect())
}

fn csv_reader(
    format: Format,
    inner: SourceBytes,
    used: Arc<AtomicU64>,
) -> csv::Reader<Budget<Quotes<SkipBom<SourceBytes>>>> {
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

/// Streams the rows of a CSV or TSV source.
pub(super) struct DelimitedReader {
    reader: csv::Reader<Budget<Quotes<SkipBom<SourceBytes>>>>,
    record: csv::ByteRecord,
    header: Option<csv::ByteRecord>,
    /// Bytes read since the current row began (shared with the reader's [`Budget`]).
    used: Arc<AtomicU64>,
    /// Fields per row: the header's, or the first row's.
    width: Option<usize>,
}

impl DelimitedReader {
    pub(super) fn open(bytes: SourceBytes, source: &Source) -> std::io::Result<DelimitedReader> {
        let used = Arc::new(AtomicU64::new(0));
        let mut reader = csv_reader(source.format, bytes, used.clone());
        let mut record = csv::ByteRecord::new();
        let header = if source.header {
            reader.read_byte_record(&mut record).map_err(csv_io)?;
            Some(record.clone())
        } else {
            None
        };
        Ok(DelimitedReader {
            reader,
            record,
            header,
            used,
            width: source.header_width,
        })
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub(super) fn next_row(&mut self, source: &Source) -> std::io::Result<Option<Row>> {
        let Some(line) = self.next_record()? else {
            return Ok(None);
        };
        if self
            .header
            .as_ref()
            .is_some_and(|header| same_row(header, &self.record))
        {
            return Ok(Some(Row::Bad {
                position: Position::Line { line },
                problem: RowProblem::RepeatedHeader,
            }));
        }
        let width = *self.width.get_or_insert(self.record.len());
        if self.record.len() != width {
            return Ok(Some(Row::Bad {
                position: Position::Line { line },
                problem: RowProblem::FieldCount,
            }));
        }
        Ok(Some(self.mapped(source, line)))
    }

    /// Reads the next record that holds something; returns its line, or `None` at the end.
    fn next_record(&mut self) -> std::io::Result<Option<u64>> {
        // A lone empty field is no row at all. A loop, not a recursive call: a hostile file of a
        // million `""` lines must not take a stack frame each.
        loop {
            self.used.store(0, Ordering::Relaxed);
            if !self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(csv_io)?
            {
                return Ok(None);
            }
            if !(self.record.len() == 1 && self.record[0].is_empty()) {
                return Ok(Some(self.record.position().map_or(0, |p| p.line())));
            }
        }
    }

    /// The current record's mapped, non-empty values, or why the row is skipped.
    fn mapped(&self, source: &Source, line: u64) -> Row {
        let mut values = Vec::new();
        for (column, (position, _)) in source.columns.iter().enumerate() {
            let Column::Index(index) = position else {
                continue;
            };
            let Some(bytes) = self.record.get(*index) else {
                continue;
            };
            if let Some(problem) = field_problem(bytes) {
                return Row::Bad {
                    position: Position::Line { line },
                    problem,
                };
            }
            match decode(source.encoding, strip_bom(bytes)) {
                Some(text) if !text.trim().is_empty() => values.push(FieldValue {
                    column,
                    text: Zeroizing::new(text.into_owned()),
                }),
                Some(_) => {}
                None => {
                    return Row::Bad {
                        position: Position::Line { line },
                        problem: RowProblem::Encoding,
                    };
                }
            }
        }
        Row::Record(Record {
            position: Position::Line { line },
            values,
        })
    }
}

/// Whether two rows hold the same fields, ignoring a byte order mark before the first.
pub(super) fn same_row(a: &csv::ByteRecord, b: &csv::ByteRecord) -> bool {
    a.len() == b.len()
        && a.iter().zip(b.iter()).enumerate().all(|(i, (x, y))| {
            if i == 0 {
                strip_bom(x) == strip_bom(y)
            } else {
                x == y
            }
        })
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
    use proptest::prelude::*;

    /// The byte-by-byte state machine the quote tracker replaced: what it must agree with. The
    /// line of the opening quote matters only while its field is open.
    fn stepped(bytes: &[u8]) -> (Quoting, u64, Option<u64>) {
        let (mut state, mut line, mut opened) = (Quoting::FieldStart, 1, 0);
        for &byte in bytes {
            let ends_field = byte == b',' || byte == b'\n' || byte == b'\r';
            state = match (state, byte) {
                (Quoting::FieldStart, b'"') => {
                    opened = line;
                    Quoting::Quoted
                }
                (Quoting::Quoted, b'"') => Quoting::QuoteInQuoted,
                (Quoting::QuoteInQuoted, b'"') => Quoting::Quoted,
                (Quoting::Quoted, _) => Quoting::Quoted,
                (_, _) if ends_field => Quoting::FieldStart,
                (_, _) => Quoting::Unquoted,
            };
            if byte == b'\n' {
                line += 1;
            }
        }
        (state, line, (state == Quoting::Quoted).then_some(opened))
    }

    /// The tracker fed `bytes` in pieces of the given sizes (cycled), as reads of any size come;
    /// the lines and the line of an open quote counted as the tracker counts them.
    fn tracked(bytes: &[u8], pieces: &[usize]) -> (Quoting, u64, Option<u64>) {
        let mut quotes = Quotes::new(Pieces::new(bytes, usize::MAX), Format::Csv);
        let mut rest = bytes;
        for size in pieces.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, after) = rest.split_at((*size).min(rest.len()));
            quotes.track(piece);
            rest = after;
        }
        let line = 1 + newlines(&bytes[..quotes.seen as usize]);
        let opened =
            (quotes.state == Quoting::Quoted).then(|| quotes.line_at(quotes.opened).unwrap());
        (quotes.state, line, opened)
    }

    /// A stream given in reads of at most `size` bytes.
    struct Pieces<'a> {
        bytes: &'a [u8],
        at: usize,
        size: usize,
    }

    impl<'a> Pieces<'a> {
        fn new(bytes: &'a [u8], size: usize) -> Self {
            Pieces { bytes, at: 0, size }
        }
    }

    impl Read for Pieces<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.size.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    impl Restart for Pieces<'_> {
        fn restart(&mut self) -> std::io::Result<()> {
            self.at = 0;
            Ok(())
        }
    }

    proptest! {
        #[test]
        fn jumping_between_quotes_agrees_with_stepping_through_every_byte(
            bytes in proptest::collection::vec(prop::sample::select(b"\",\n\ra".to_vec()), 0..300),
            pieces in proptest::collection::vec(1usize..9, 1..6),
        ) {
            prop_assert_eq!(tracked(&bytes, &pieces), stepped(&bytes));
        }
    }

    /// Reads `bytes` through the tracker in reads of at most `size` bytes, to the end.
    fn read_in_pieces(bytes: &[u8], size: usize) -> std::io::Result<()> {
        let mut quotes = Quotes::new(Pieces::new(bytes, size), Format::Csv);
        std::io::copy(&mut quotes, &mut std::io::sink()).map(drop)
    }

    #[test]
    fn a_quote_split_across_reads_is_still_tracked() {
        // An escaped quote (`""`) split between two reads does not close the field, a closing
        // quote at the end of one read does, and a quote opening right after a read's last comma
        // opens a field.
        let closed = b"a,\"x\"\"y\"\nb,\"z\"\n";
        let open = b"a,\"x\"\"y\"\nb,\nc,\"z\n";
        for size in 1..closed.len() {
            assert!(read_in_pieces(closed, size).is_ok(), "reads of {size}");
            let error = read_in_pieces(open, size).unwrap_err();
            assert_eq!(UnclosedQuote::of(&error), Some(3), "reads of {size}");
        }
    }
}
