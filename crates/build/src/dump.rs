//! Streaming readers for dump files: CSV, TSV, text lists, JSON Lines, JSON arrays and
//! spreadsheets, in UTF-8 or GB18030.
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
//!
//! One reader per format, each in its own file: [`delimited`] (CSV and TSV), [`lines`] (`text`
//! lists split on a string), [`jsonl`], [`json`] (one array) and [`sheet`] (`xlsx`, xls, ods);
//! what they yield is in [`row`], the bytes-to-text steps they share in [`text`].

mod delimited;
mod json;
mod jsonl;
mod lines;
mod row;
mod sheet;
mod text;

use std::fs::File;

use crate::source::{Format, Source};
use delimited::DelimitedReader;
use json::JsonArrayReader;
use jsonl::JsonLinesReader;
use lines::LinesReader;
use sheet::SheetReader;

pub use delimited::{RowTooLong, UnclosedQuote, first_row_width, read_header};
pub use json::starts_array;
pub use lines::first_line_fields;
pub use row::{
    DuplicateKey, FieldValue, MAX_FIELD_BYTES, MAX_ROW_BYTES, Record, Row, RowProblem,
    SHOWN_KEY_CHARS,
};
pub use sheet::{
    FirstRow, MAX_COLUMNS, MAX_HELD_PART_BYTES, MAX_RATIO, MAX_WHOLE_BYTES, UnreadableWorkbook,
    WorkbookProblem, check_archive, first_row,
};
pub use text::{EncodingMismatch, SAMPLE_BYTES, check_encoding};

/// Streams the rows of one source.
pub struct SourceReader<'a> {
    source: &'a Source,
    inner: Inner,
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
    JsonLines(JsonLinesReader),
    /// Boxed: its delimiter's searcher is larger than every other reader.
    Lines(Box<LinesReader>),
    Array(JsonArrayReader),
    Sheet(SheetReader),
}

impl<'a> SourceReader<'a> {
    pub fn open(source: &'a Source) -> std::io::Result<SourceReader<'a>> {
        let inner = match source.format {
            Format::Csv | Format::Tsv => {
                Inner::Delimited(DelimitedReader::open(File::open(&source.path)?, source)?)
            }
            Format::Jsonl => Inner::JsonLines(JsonLinesReader::open(File::open(&source.path)?)),
            Format::Text => Inner::Lines(Box::new(LinesReader::open(
                Box::new(File::open(&source.path)?),
                source,
            )?)),
            Format::Json => {
                Inner::Array(JsonArrayReader::open(Box::new(File::open(&source.path)?)))
            }
            // A workbook is an archive read by seeking: it is opened by path, never streamed.
            Format::Xlsx => Inner::Sheet(SheetReader::open(source)?),
        };
        Ok(SourceReader { source, inner })
    }

    /// Bytes of the file consumed so far, for progress.
    pub fn bytes_read(&self) -> u64 {
        match &self.inner {
            Inner::Delimited(reader) => reader.bytes_read(),
            Inner::JsonLines(reader) => reader.bytes_read(),
            Inner::Lines(reader) => reader.bytes_read(),
            Inner::Array(reader) => reader.bytes_read(),
            Inner::Sheet(reader) => reader.bytes_read(),
        }
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        match &mut self.inner {
            Inner::Delimited(reader) => reader.next_row(self.source),
            Inner::JsonLines(reader) => reader.next_row(self.source),
            Inner::Lines(reader) => reader.next_row(self.source),
            Inner::Array(reader) => reader.next_row(self.source),
            Inner::Sheet(reader) => reader.next_row(),
        }
    }
}

#[cfg(test)]
mod tests;
