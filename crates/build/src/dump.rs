//! Streaming readers for dump files: CSV, TSV, JSON Lines and SQL dumps, in UTF-8, GB18030, Big5
//! or UTF-16, plain, gzipped or in a zip archive.
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
//! One reader per format, each in its own file: [`delimited`] (CSV and TSV), [`jsonl`] and [`sql`]
//! (MySQL `INSERT`s and PostgreSQL `COPY` blocks); what they yield is in [`row`], the
//! bytes-to-text steps they share in [`text`]. Every reader reads through [`bytes`], which
//! inflates and transcodes ([`transcode`]).

mod bytes;
mod delimited;
mod jsonl;
mod row;
mod sql;
mod text;
mod transcode;

use crate::source::{Format, Source};
use delimited::DelimitedReader;
use jsonl::JsonLinesReader;
use sql::SqlReader;

pub use bytes::{
    ArchiveProblem, CompressionKind, FileBytes, INFLATION_ALLOWANCE, MAX_INFLATION, SourceBytes,
    compression_by_name, sample, zip_member,
};
pub use delimited::{RowTooLong, UnclosedQuote, first_row_width, read_header};
pub use row::{
    DuplicateKey, FieldValue, MAX_FIELD_BYTES, MAX_ROW_BYTES, Record, Row, RowProblem,
    SHOWN_KEY_CHARS, Tuple, shown_name,
};
pub use sql::{MAX_COLUMNS, SqlTable, find_sql_table};
pub use text::{EncodingMismatch, SAMPLE_BYTES, Undetected, check_encoding, detect_encoding};

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
    Lines(JsonLinesReader<SourceBytes>),
    Sql(SqlReader<SourceBytes>),
}

impl<'a> SourceReader<'a> {
    pub fn open(source: &'a Source) -> std::io::Result<SourceReader<'a>> {
        let bytes = SourceBytes::open(source)?;
        let file_bytes = bytes.file_bytes();
        let inner = match source.format {
            Format::Csv | Format::Tsv => Inner::Delimited(DelimitedReader::open(bytes, source)?),
            Format::Jsonl => Inner::Lines(JsonLinesReader::open(bytes)),
            Format::Sql => Inner::Sql(SqlReader::open(bytes, source)),
        };
        Ok(SourceReader {
            source,
            inner,
            file_bytes,
        })
    }

    /// Bytes of the file consumed so far, for progress: for a compressed file, compressed bytes.
    pub fn bytes_read(&self) -> u64 {
        self.file_bytes.get()
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        match &mut self.inner {
            Inner::Delimited(reader) => reader.next_row(self.source),
            Inner::Lines(reader) => reader.next_row(self.source),
            Inner::Sql(reader) => reader.next_row(),
        }
    }
}

#[cfg(test)]
mod tests;
