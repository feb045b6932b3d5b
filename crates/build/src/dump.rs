//! Streaming readers for dump files: CSV, TSV, text lists, JSON Lines, JSON arrays, SQL dumps and
//! spreadsheets, in UTF-8, GB18030, Big5 or UTF-16, plain, gzipped or in a zip archive.
//!
//! Dumps are large and dirty. Rows are streamed, never loaded whole, and a bad row is a counted,
//! located problem ([`BadRow`]) rather than a failed build: leaks are rarely clean and a curator
//! needs the rest of the file. Fields are split on the bytes and only then decoded, one field at a
//! time: UTF-8 and GB18030 keep every byte below 0x40 for ASCII, so `,`, tab, `"` and newline can
//! never be part of a multi-byte character, and an undecodable field is pinned to its line. Big5
//! and UTF-16 do not, so [`bytes`] transcodes them to UTF-8 before a reader sees them.
//!
//! Memory stays bounded whatever the file: a row may hold at most [`MAX_ROW_BYTES`] (beyond that a
//! CSV file cannot be read on reliably and the build stops; a JSON line is skipped), and a mapped
//! value at most [`MAX_FIELD_BYTES`] (the row is skipped).
//!
//! One reader per format, each in its own file: [`delimited`] (CSV and TSV), [`lines`] (`text`
//! lists split on a string), [`jsonl`], [`json`] (one array), [`sql`] (MySQL `INSERT`s and
//! PostgreSQL `COPY` blocks) and [`sheet`] (`xlsx`, xls, ods); what they yield is in [`row`], where
//! each row is in [`position`], the bytes-to-text steps they share in [`text`]. Every reader but the workbook's reads through
//! [`bytes`], which inflates and transcodes ([`transcode`]).

mod bytes;
mod delimited;
mod json;
mod jsonl;
mod lines;
mod position;
mod row;
mod sheet;
mod sql;
mod text;
mod transcode;

use crate::source::{Format, Source};
use delimited::DelimitedReader;
use json::JsonArrayReader;
use jsonl::JsonLinesReader;
use lines::LinesReader;
use sheet::SheetReader;
use sql::SqlReader;

pub use bytes::{
    ArchiveProblem, CompressionKind, FileBytes, INFLATION_ALLOWANCE, MAX_INFLATION, SourceBytes,
    compression_by_name, sample, stream, zip_member,
};
pub use delimited::{RowTooLong, UnclosedQuote, first_row_width, read_header};
pub use json::starts_array;
pub use lines::first_line_fields;
pub use position::Position;
pub use row::{
    DuplicateKey, FieldValue, MAX_FIELD_BYTES, MAX_ROW_BYTES, Record, Row, RowProblem,
    SHOWN_KEY_CHARS, shown_name,
};
pub use sheet::{
    FirstRow, MAX_CELL_BYTES, MAX_COLUMNS as MAX_SHEET_COLUMNS, MAX_HELD_PART_BYTES, MAX_RATIO,
    MAX_WHOLE_BYTES, MAX_WHOLE_CELLS, UnreadableWorkbook, WorkbookProblem, check_archive,
    first_row,
};
pub use sql::{MAX_COLUMNS as MAX_SQL_COLUMNS, SqlTable, find_sql_table};
pub use text::{
    Detected, EncodingMismatch, MAX_DETECT_BYTES, SAMPLE_BYTES, Undetected, check_encoding,
    detect_encoding, detect_encoding_streamed,
};

/// Streams the rows of one source.
pub struct SourceReader<'a> {
    source: &'a Source,
    inner: Inner,
    file_bytes: FileBytes,
}

impl std::fmt::Debug for SourceReader<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SourceReader")
            .field("path", &self.source.path)
            .field("bytes_read", &self.bytes_read())
            .finish_non_exhaustive()
    }
}

/// The reader of the source's format.
enum Inner {
    Delimited(DelimitedReader),
    JsonLines(JsonLinesReader<SourceBytes>),
    /// Boxed: its delimiter's searcher is larger than every other reader.
    Lines(Box<LinesReader>),
    Array(JsonArrayReader),
    Sql(SqlReader<SourceBytes>),
    Sheet(SheetReader),
}

impl<'a> SourceReader<'a> {
    pub fn open(source: &'a Source) -> std::io::Result<SourceReader<'a>> {
        let bytes = SourceBytes::open(source)?;
        let file_bytes = bytes.file_bytes();
        let inner = match source.format {
            Format::Csv | Format::Tsv => Inner::Delimited(DelimitedReader::open(bytes, source)?),
            Format::Jsonl => Inner::JsonLines(JsonLinesReader::open(bytes)),
            Format::Text => Inner::Lines(Box::new(LinesReader::open(Box::new(bytes), source)?)),
            Format::Json => Inner::Array(JsonArrayReader::open(Box::new(bytes))),
            Format::Sql => Inner::Sql(SqlReader::open(bytes, source)),
            // A workbook is an archive read by seeking: it is opened by its path, not streamed,
            // and counts its own progress.
            Format::Xlsx => Inner::Sheet(SheetReader::open(source)?),
        };
        Ok(SourceReader {
            source,
            inner,
            file_bytes,
        })
    }

    /// Bytes of the file consumed so far, for progress: for a compressed file, compressed bytes.
    pub fn bytes_read(&self) -> u64 {
        match &self.inner {
            Inner::Sheet(reader) => reader.bytes_read(),
            _ => self.file_bytes.get(),
        }
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        match &mut self.inner {
            Inner::Delimited(reader) => reader.next_row(self.source),
            Inner::JsonLines(reader) => reader.next_row(self.source),
            Inner::Lines(reader) => reader.next_row(self.source),
            Inner::Sql(reader) => reader.next_row(),
            Inner::Array(reader) => reader.next_row(self.source),
            Inner::Sheet(reader) => reader.next_row(),
        }
    }
}

#[cfg(test)]
mod tests;
