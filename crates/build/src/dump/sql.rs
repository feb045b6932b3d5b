//! The SQL dump reader: MySQL/MariaDB `INSERT … VALUES (…),(…);` statements (mysqldump,
//! phpMyAdmin, Navicat) and PostgreSQL `COPY … FROM stdin;` blocks (pg_dump), one table's rows.
//!
//! A dump is read as a stream of statements, a tuple at a time: one statement may be hundreds of
//! megabytes with a million tuples on one line, so nothing is buffered whole. Only the values of
//! mapped columns are kept, each at most [`MAX_FIELD_BYTES`]; everything else, other tables' rows
//! included, is read past. Columns are matched by name statement by statement, since each
//! `INSERT` may list its columns in its own order; a positional `INSERT` (mysqldump's default)
//! takes the names from the table's `CREATE TABLE` earlier in the file.
//!
//! Dumps are often broken, and a broken tuple costs that tuple only where possible: one that is
//! not a list of values also skips the rest of its statement (where the next tuple starts is lost),
//! and a file that ends inside a tuple (a dump cut off in transfer, or a string never closed) loses
//! that tuple.
//!
//! A `COPY` block is in PostgreSQL's text format unless its options say CSV (`WITH (FORMAT csv)`,
//! or the older `WITH CSV HEADER`), whose fields may be quoted and hold delimiters, quotes and
//! whole lines, `\.` included.
//!
//! The reader is in four parts, each using only those after it: the statements ([`statement`]:
//! which table, which columns), the tuples and `COPY` rows ([`tuple`]), the tokens they are made
//! of ([`lex`]: names, strings, numbers, comments), and the buffered bytes ([`input`]).

mod input;
mod lex;
mod statement;
mod tuple;

use std::io::Read;

use zeroize::Zeroizing;

use super::row::{MAX_FIELD_BYTES, Row};
use super::text::SkipBom;
use crate::source::{Column, Encoding, Source};
use input::Input;

/// The most column names kept of one table or statement: MySQL allows 4,096 columns and
/// PostgreSQL 1,600, and a hostile `CREATE TABLE` must not grow a list without end.
pub const MAX_COLUMNS: usize = 1 << 16;
/// The read buffer: strings are scanned a buffer at a time.
const BUFFER_BYTES: usize = 1 << 16;

/// Streams one table's rows out of a SQL dump.
pub(super) struct SqlReader<R> {
    input: Input<SkipBom<R>>,
    /// The table read; `None` while the plan check looks for the first table with rows.
    table: Option<String>,
    encoding: Encoding,
    /// The plan's columns, in its order.
    columns: Vec<Column>,
    /// The most recent `CREATE TABLE` of a table that may be the one read: its name and columns.
    created: Option<(String, Vec<String>)>,
    /// Whether a backslash escapes in a quoted string: always in MySQL; in PostgreSQL only until
    /// `standard_conforming_strings` is set on (pg_dump sets it), except in `E'…'`.
    backslashes: bool,
    /// Statements begun so far: the number of the current one.
    statements: u64,
    /// The data statement being read, if any.
    block: Option<Block>,
    /// Each plan column's value in the current tuple (a secret: it may be an identifier).
    values: Vec<Value>,
    /// Tables the dump fills, for a plan error about a missing one.
    tables: Vec<String>,
}

/// An `INSERT … VALUES` or a `COPY … FROM stdin` being read.
struct Block {
    rows: Rows,
    /// Whether its rows are the table's; another table's are read past.
    wanted: bool,
    statement: u64,
    /// Tuples begun so far.
    tuples: u64,
    /// For each value of a tuple, the plan column it fills.
    slots: Vec<Option<usize>>,
    /// Values per tuple, when the statement's column list or the table's `CREATE TABLE` says.
    width: Option<usize>,
    /// The column names the statement or the table gives.
    names: Option<Vec<String>>,
    table: String,
}

/// How a block's rows are written.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Rows {
    /// An `INSERT`'s tuples of values.
    Tuples,
    /// A `COPY` block in PostgreSQL's text format: tab-separated lines with backslash escapes.
    CopyText,
    /// A `COPY … WITH (FORMAT csv)` block.
    CopyCsv(CopyCsv),
}

/// The options of a `COPY … CSV` block, PostgreSQL's defaults unless the statement sets them.
#[derive(Debug, Clone, PartialEq, Eq)]
struct CopyCsv {
    delimiter: u8,
    quote: u8,
    /// Before a quote or itself inside quotes, takes the next byte as it is (by default the
    /// quote, so that a doubled quote is one).
    escape: u8,
    /// An unquoted field that spells this is NULL (by default the empty field).
    null: Vec<u8>,
    /// Whether the first line, not yet read, names the columns.
    header: bool,
}

impl Default for CopyCsv {
    fn default() -> CopyCsv {
        CopyCsv {
            delimiter: b',',
            quote: b'"',
            escape: b'"',
            null: Vec::new(),
            header: false,
        }
    }
}

/// How reading one value, or a string inside a statement, went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scan {
    Done,
    Syntax,
    Truncated,
}

/// One mapped value of the current tuple.
#[derive(Default)]
struct Value {
    bytes: Zeroizing<Vec<u8>>,
    held: Held,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
enum Held {
    /// No value: `NULL`, `DEFAULT`, an expression, or a column this tuple does not have.
    #[default]
    Absent,
    Present,
    TooLong,
}

impl Value {
    fn clear(&mut self) {
        self.bytes.fill(0);
        self.bytes.clear();
        self.held = Held::Absent;
    }

    fn start(&mut self) {
        self.clear();
        self.held = Held::Present;
    }

    fn push(&mut self, bytes: &[u8]) {
        if self.held != Held::Present {
            return;
        }
        if self.bytes.len() + bytes.len() > MAX_FIELD_BYTES {
            self.clear();
            self.held = Held::TooLong;
        } else {
            self.bytes.extend_from_slice(bytes);
        }
    }

    /// Hex digits read as the bytes they spell (`0x3133` is `13`), an odd count with a leading 0.
    fn unhex(&mut self) {
        if self.held != Held::Present {
            return;
        }
        let digits = std::mem::take(&mut *self.bytes);
        let digits = Zeroizing::new(digits);
        let nibble = |byte: u8| (byte as char).to_digit(16).unwrap_or(0) as u8;
        let odd = digits.len() % 2;
        if odd == 1 {
            self.bytes.push(nibble(digits[0]));
        }
        for pair in digits[odd..].chunks_exact(2) {
            self.bytes.push(nibble(pair[0]) << 4 | nibble(pair[1]));
        }
    }
}

/// What the plan check learns of the table a SQL source reads, from the file's start up to the
/// table's first `INSERT` or `COPY`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SqlTable {
    /// The table has rows; these are its column names, if the dump gives any (from the first
    /// statement's column list, or else the table's `CREATE TABLE`).
    Found {
        table: String,
        names: Option<Vec<String>>,
    },
    /// No `INSERT` or `COPY` fills the table; these tables are filled (at most 20).
    Missing { tables: Vec<String> },
}

/// Finds the table a SQL source reads (`None`: the first with rows), reading no further than its
/// first `INSERT` or `COPY`, in bounded memory. A table the dump does not fill is read to the end.
pub fn find_sql_table(
    reader: impl Read,
    encoding: Encoding,
    table: Option<&str>,
) -> std::io::Result<SqlTable> {
    let mut sql = SqlReader::new(reader, encoding, table.map(str::to_owned), Vec::new());
    loop {
        match sql.block.take() {
            Some(block) if block.wanted => {
                return Ok(SqlTable::Found {
                    table: block.table,
                    names: block.names,
                });
            }
            Some(mut block) => {
                if sql.step(&mut block)?.1 {
                    sql.block = Some(block);
                }
            }
            None => {
                if !sql.next_statement()? {
                    return Ok(SqlTable::Missing { tables: sql.tables });
                }
            }
        }
    }
}

impl<R: Read> SqlReader<R> {
    pub(super) fn open(inner: R, source: &Source) -> SqlReader<R> {
        let columns = source.columns.iter().map(|(column, _)| column.clone());
        SqlReader::new(
            inner,
            source.encoding,
            source.table.clone(),
            columns.collect(),
        )
    }

    fn new(
        inner: R,
        encoding: Encoding,
        table: Option<String>,
        columns: Vec<Column>,
    ) -> SqlReader<R> {
        SqlReader::with_buffer(inner, encoding, table, columns, BUFFER_BYTES)
    }

    fn with_buffer(
        inner: R,
        encoding: Encoding,
        table: Option<String>,
        columns: Vec<Column>,
        buffer: usize,
    ) -> SqlReader<R> {
        SqlReader {
            input: Input::new(SkipBom::new(inner), buffer),
            table,
            encoding,
            values: columns.iter().map(|_| Value::default()).collect(),
            columns,
            created: None,
            backslashes: true,
            statements: 0,
            block: None,
            tables: Vec::new(),
        }
    }

    /// The next row of the table, or `None` at the end of the file. `Err` only for I/O failures.
    pub(super) fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        loop {
            let Some(mut block) = self.block.take() else {
                if !self.next_statement()? {
                    return Ok(None);
                }
                continue;
            };
            let (row, more) = self.step(&mut block)?;
            if more {
                self.block = Some(block);
            }
            if row.is_some() {
                return Ok(row);
            }
        }
    }

    /// Reads the block's next tuple or row: the table's row if it is the table's, and whether the
    /// block goes on.
    fn step(&mut self, block: &mut Block) -> std::io::Result<(Option<Row>, bool)> {
        match block.rows {
            Rows::Tuples => self.insert_tuple(block),
            Rows::CopyText | Rows::CopyCsv(_) => self.copy_row(block),
        }
    }
}

#[cfg(test)]
mod tests;
