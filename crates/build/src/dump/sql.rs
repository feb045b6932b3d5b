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

mod input;

use std::io::Read;

use zeroize::Zeroizing;

use super::row::{FieldValue, MAX_FIELD_BYTES, Record, Row, RowProblem, Tuple, field_problem};
use super::text::{SkipBom, decode, strip_bom};
use crate::source::{Column, Encoding, Source};
use input::Input;

/// The most bytes of a table or column name kept: MySQL allows 64 characters, so a longer name is
/// garbage, and need not be held whole.
const MAX_NAME_BYTES: usize = 256;
/// The most column names kept of one table or statement: MySQL allows 4,096 columns and
/// PostgreSQL 1,600, and a hostile `CREATE TABLE` must not grow a list without end.
pub const MAX_COLUMNS: usize = 1 << 16;
/// The most table names remembered for a plan error that names a missing table.
const MAX_TABLES_SHOWN: usize = 20;
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
    copy: bool,
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

/// How a tuple read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parsed {
    /// A list of this many values.
    Values(usize),
    Syntax,
    Truncated,
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

/// A name with its quotes removed, and whether it was quoted (a quoted name is never a keyword).
struct Name {
    text: String,
    quoted: bool,
}

/// Keywords of a `CREATE TABLE` element that is not a column.
const NOT_COLUMNS: [&str; 12] = [
    "primary",
    "key",
    "index",
    "unique",
    "constraint",
    "foreign",
    "fulltext",
    "spatial",
    "check",
    "exclude",
    "like",
    "period",
];

/// Words between `INSERT`/`REPLACE` and the table name.
const INSERT_MODIFIERS: [&str; 5] = ["low_priority", "delayed", "high_priority", "ignore", "into"];

fn is_word_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'$' || byte >= 0x80
}

/// Whether a dump's table name (`db`.`t` or `public.t`) is the plan's `table`: the whole name or
/// its last part, without regard to ASCII case.
fn same_table(wanted: &str, full: &str) -> bool {
    let last = full.rsplit('.').next().unwrap_or(full);
    wanted.eq_ignore_ascii_case(full) || wanted.eq_ignore_ascii_case(last)
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

    pub(super) fn bytes_read(&self) -> u64 {
        self.input.bytes_read()
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
        if block.copy {
            self.copy_row(block)
        } else {
            self.insert_tuple(block)
        }
    }

    /// Reads past white space and comments (`-- …`, `# …`, `/* … */`, and MySQL's executable
    /// `/*!40101 … */`, which dumps use for settings only).
    fn skip_space(&mut self) -> std::io::Result<()> {
        loop {
            match self.input.peek()? {
                Some(byte) if byte.is_ascii_whitespace() => self.input.bump(),
                Some(b'#') => self.skip_line()?,
                Some(b'-') if self.input.peek_second()? == Some(b'-') => self.skip_line()?,
                Some(b'/') if self.input.peek_second()? == Some(b'*') => {
                    self.input.bump();
                    self.input.bump();
                    self.skip_comment()?;
                }
                _ => return Ok(()),
            }
        }
    }

    /// Reads through the end of the line.
    fn skip_line(&mut self) -> std::io::Result<()> {
        loop {
            let chunk = self.input.available()?;
            if chunk.is_empty() {
                return Ok(());
            }
            match memchr::memchr(b'\n', chunk) {
                Some(end) => {
                    self.input.consume(end + 1);
                    return Ok(());
                }
                None => {
                    let n = chunk.len();
                    self.input.consume(n);
                }
            }
        }
    }

    /// Reads through the `*/` that ends a comment.
    fn skip_comment(&mut self) -> std::io::Result<()> {
        loop {
            let chunk = self.input.available()?;
            if chunk.is_empty() {
                return Ok(());
            }
            let n = memchr::memchr(b'*', chunk).map_or(chunk.len(), |star| star + 1);
            let star = chunk[n - 1] == b'*';
            self.input.consume(n);
            if star && self.input.peek()? == Some(b'/') {
                self.input.bump();
                return Ok(());
            }
        }
    }

    /// Reads through the `;` that ends the statement, past strings and comments.
    fn skip_statement(&mut self) -> std::io::Result<()> {
        loop {
            let Some(byte) = self.input.peek()? else {
                return Ok(());
            };
            match byte {
                b';' => {
                    self.input.bump();
                    return Ok(());
                }
                b'\'' | b'"' | b'`' => {
                    self.input.bump();
                    let escapes = byte != b'`' && self.backslashes;
                    if self.string(byte, escapes, None)? == Scan::Truncated {
                        return Ok(());
                    }
                }
                b'#' | b'-' | b'/' => {
                    let before = self.input.bytes_read();
                    self.skip_space()?;
                    if self.input.bytes_read() == before {
                        self.input.bump();
                    }
                }
                _ => self.input.bump(),
            }
        }
    }

    /// A word (`INSERT`, `NULL`, a bare name), its first bytes kept to compare with keywords.
    fn word(&mut self) -> std::io::Result<([u8; 32], usize)> {
        let mut head = [0u8; 32];
        let mut len = 0;
        while let Some(byte) = self.input.peek()? {
            if !is_word_byte(byte) {
                break;
            }
            if len < head.len() {
                head[len] = byte;
            }
            len += 1;
            self.input.bump();
        }
        Ok((head, len))
    }

    /// Whether the next word, after white space, is `keyword` (it is consumed either way).
    fn keyword(&mut self, keyword: &str) -> std::io::Result<bool> {
        self.skip_space()?;
        let (head, len) = self.word()?;
        Ok(is(&head, len, keyword))
    }

    /// A table or column name: quoted in backticks, double quotes or brackets (a doubled closing
    /// quote stands for itself), or bare; at most [`MAX_NAME_BYTES`] of it kept.
    fn name(&mut self) -> std::io::Result<Name> {
        self.skip_space()?;
        let mut bytes = Vec::new();
        let close = match self.input.peek()? {
            Some(b'`') => Some(b'`'),
            Some(b'"') => Some(b'"'),
            Some(b'[') => Some(b']'),
            _ => None,
        };
        let keep = |bytes: &mut Vec<u8>, byte| {
            if bytes.len() < MAX_NAME_BYTES {
                bytes.push(byte);
            }
        };
        match close {
            Some(close) => {
                self.input.bump();
                while let Some(byte) = self.input.next_byte()? {
                    if byte == close {
                        if self.input.peek()? != Some(close) {
                            break;
                        }
                        self.input.bump();
                    }
                    keep(&mut bytes, byte);
                }
            }
            None => {
                while let Some(byte) = self.input.peek()? {
                    if !is_word_byte(byte) {
                        break;
                    }
                    keep(&mut bytes, byte);
                    self.input.bump();
                }
            }
        }
        let text = decode(self.encoding, &bytes)
            .map(|text| text.into_owned())
            .unwrap_or_else(|| String::from_utf8_lossy(&bytes).into_owned());
        Ok(Name {
            text,
            quoted: close.is_some(),
        })
    }

    /// A name with its schema or database (`db`.`t`, `public.t`), joined by dots.
    fn qualified_name(&mut self) -> std::io::Result<Name> {
        let mut name = self.name()?;
        while self.input.peek()? == Some(b'.') {
            self.input.bump();
            let part = self.name()?;
            name.text.push('.');
            name.text.push_str(&part.text);
            name.quoted |= part.quoted;
        }
        Ok(name)
    }

    /// A parenthesized list of column names, its `(` already read; `None` if it is not one.
    fn name_list(&mut self) -> std::io::Result<Option<Vec<String>>> {
        let mut names = Vec::new();
        loop {
            let name = self.name()?;
            if names.len() < MAX_COLUMNS {
                names.push(name.text);
            }
            self.skip_space()?;
            match self.input.next_byte()? {
                Some(b',') => {}
                Some(b')') => return Ok(Some(names)),
                _ => return Ok(None),
            }
        }
    }

    fn remember_table(&mut self, table: &str) {
        if self.tables.len() < MAX_TABLES_SHOWN && !self.tables.iter().any(|t| t == table) {
            self.tables.push(table.to_owned());
        }
    }

    /// Reads the next statement's start: a data statement (`INSERT`, `REPLACE`, `COPY … FROM
    /// stdin`) opens a block; a `CREATE TABLE` is read for its columns; anything else is read
    /// past. `false` at the end of the file.
    fn next_statement(&mut self) -> std::io::Result<bool> {
        self.skip_space()?;
        let Some(first) = self.input.peek()? else {
            return Ok(false);
        };
        if first == b';' {
            self.input.bump();
            return Ok(true);
        }
        let (head, len) = self.word()?;
        if len == 0 {
            self.skip_statement()?;
            return Ok(true);
        }
        self.statements += 1;
        if is(&head, len, "insert") || is(&head, len, "replace") {
            self.insert()?;
        } else if is(&head, len, "copy") {
            self.copy()?;
        } else if is(&head, len, "create") {
            self.create()?;
        } else if is(&head, len, "set") {
            self.set()?;
        } else if is(&head, len, "delimiter") {
            self.skip_line()?;
        } else {
            self.skip_statement()?;
        }
        Ok(true)
    }

    /// `INSERT [LOW_PRIORITY | DELAYED | HIGH_PRIORITY] [IGNORE] [INTO] t [(a, b)] VALUES`, or
    /// the same with `REPLACE`; an `INSERT … SELECT` or `… SET` holds no rows and is read past.
    fn insert(&mut self) -> std::io::Result<()> {
        let table = loop {
            let name = self.qualified_name()?;
            if name.text.is_empty() {
                return self.skip_statement();
            }
            let modifier = INSERT_MODIFIERS
                .iter()
                .any(|word| word.eq_ignore_ascii_case(&name.text));
            if name.quoted || !modifier {
                break name.text;
            }
        };
        self.skip_space()?;
        let mut list = None;
        if self.input.peek()? == Some(b'(') {
            self.input.bump();
            list = self.name_list()?;
            if list.is_none() {
                return self.skip_statement();
            }
        }
        self.skip_space()?;
        let (head, len) = self.word()?;
        if !(is(&head, len, "values") || is(&head, len, "value")) {
            return self.skip_statement();
        }
        self.open_block(false, table, list);
        Ok(())
    }

    /// `COPY t [(a, b)] FROM stdin …;`, whose rows follow on the next lines; a `COPY` from or to
    /// a file holds no rows and is read past.
    fn copy(&mut self) -> std::io::Result<()> {
        let table = self.qualified_name()?.text;
        self.skip_space()?;
        let mut list = None;
        if self.input.peek()? == Some(b'(') {
            self.input.bump();
            list = self.name_list()?;
            if list.is_none() {
                return self.skip_statement();
            }
        }
        if !(self.keyword("from")? && self.keyword("stdin")?) {
            return self.skip_statement();
        }
        self.skip_statement()?;
        self.skip_line()?;
        self.open_block(true, table, list);
        Ok(())
    }

    fn open_block(&mut self, copy: bool, table: String, list: Option<Vec<String>>) {
        self.remember_table(&table);
        let wanted = match &self.table {
            Some(wanted) => same_table(wanted, &table),
            None => {
                self.table = Some(table.clone());
                true
            }
        };
        let width = list.as_ref().map(Vec::len);
        let created = self
            .created
            .as_ref()
            .filter(|(name, _)| same_table(name, &table))
            .map(|(_, names)| names.clone());
        let (names, width) = match list {
            Some(list) => (Some(list), width),
            None => {
                let width = created.as_ref().map(Vec::len);
                (created, width)
            }
        };
        let slots = if wanted {
            self.slots(names.as_deref())
        } else {
            Vec::new()
        };
        self.block = Some(Block {
            copy,
            wanted,
            statement: self.statements,
            tuples: 0,
            slots,
            width,
            names: if wanted { names } else { None },
            table,
        });
    }

    /// For each value of a tuple, the plan column it fills, by name or position.
    fn slots(&self, names: Option<&[String]>) -> Vec<Option<usize>> {
        let mut slots = Vec::new();
        for (plan_column, column) in self.columns.iter().enumerate() {
            let position = match column {
                Column::Index(index) => Some(*index),
                Column::Name(name) => names.and_then(|names| {
                    names
                        .iter()
                        .position(|found| found.trim().eq_ignore_ascii_case(name.trim()))
                }),
                Column::Path(_) => None,
            };
            // No table has that many columns (the plan check refuses such a number): a slot
            // for it would only cost memory.
            if let Some(position) = position.filter(|&position| position < MAX_COLUMNS) {
                if slots.len() <= position {
                    slots.resize(position + 1, None);
                }
                slots[position] = Some(plan_column);
            }
        }
        slots
    }

    /// `CREATE [TEMPORARY] TABLE [IF NOT EXISTS] t (…)`: the names of its columns, kept when the
    /// table may be the one read.
    fn create(&mut self) -> std::io::Result<()> {
        self.skip_space()?;
        let (mut head, mut len) = self.word()?;
        if is(&head, len, "temporary") {
            (head, len) = {
                self.skip_space()?;
                self.word()?
            };
        }
        if !is(&head, len, "table") {
            return self.skip_statement();
        }
        let mut name = self.qualified_name()?;
        if !name.quoted && name.text.eq_ignore_ascii_case("if") {
            if !(self.keyword("not")? && self.keyword("exists")?) {
                return self.skip_statement();
            }
            name = self.qualified_name()?;
        }
        self.skip_space()?;
        if self.input.peek()? != Some(b'(') {
            return self.skip_statement();
        }
        self.input.bump();
        let keep = self
            .table
            .as_ref()
            .is_none_or(|wanted| same_table(wanted, &name.text));
        let mut columns = Vec::new();
        loop {
            self.skip_space()?;
            if self.input.peek()? == Some(b')') {
                self.input.bump();
                break;
            }
            let column = self.name()?;
            let constraint = !column.quoted
                && NOT_COLUMNS
                    .iter()
                    .any(|word| word.eq_ignore_ascii_case(&column.text));
            if keep && !constraint && !column.text.is_empty() && columns.len() < MAX_COLUMNS {
                columns.push(column.text);
            }
            match self.skip_element()? {
                Some(b',') => {}
                Some(_) => break,
                None => return Ok(()),
            }
        }
        if keep {
            self.created = Some((name.text, columns));
        }
        self.skip_statement()
    }

    /// Reads the rest of a `CREATE TABLE` element through the `,` or `)` that ends it, past
    /// nested parentheses and strings; the byte that ended it, or `None` at the end of the file.
    fn skip_element(&mut self) -> std::io::Result<Option<u8>> {
        let mut depth = 0u64;
        loop {
            let Some(byte) = self.input.next_byte()? else {
                return Ok(None);
            };
            match byte {
                b'(' => depth += 1,
                b')' if depth > 0 => depth -= 1,
                b',' | b')' if depth == 0 => return Ok(Some(byte)),
                b'\'' | b'"' | b'`' => {
                    let escapes = byte != b'`' && self.backslashes;
                    if self.string(byte, escapes, None)? == Scan::Truncated {
                        return Ok(None);
                    }
                }
                _ => {}
            }
        }
    }

    /// `SET standard_conforming_strings = on|off`, which says whether backslashes escape; any
    /// other setting is read past.
    fn set(&mut self) -> std::io::Result<()> {
        self.skip_space()?;
        let (head, len) = self.word()?;
        if is(&head, len, "standard_conforming_strings") {
            self.skip_space()?;
            if self.input.peek()? == Some(b'=') {
                self.input.bump();
            } else if !self.keyword("to")? {
                return self.skip_statement();
            }
            self.skip_space()?;
            if self.input.peek()? == Some(b'\'') {
                self.input.bump();
            }
            let (value, len) = self.word()?;
            if is(&value, len, "on") {
                self.backslashes = false;
            } else if is(&value, len, "off") {
                self.backslashes = true;
            }
        }
        self.skip_statement()
    }

    /// Reads a quoted string whose opening quote is read, through its closing quote, into the
    /// plan column `slot` if any: MySQL's escapes (`\0 \' \" \b \n \r \t \Z \\`; `\%` and `\_`
    /// keep their backslash) when `escapes`, and a doubled quote for one quote.
    fn string(&mut self, quote: u8, escapes: bool, slot: Option<usize>) -> std::io::Result<Scan> {
        // GBK, GB18030 and Big5 have trail bytes that are `\` (0x5C): a byte from 0x81 on
        // starts a character whose next byte is never a quote or an escape.
        let multibyte = !matches!(self.encoding, Encoding::Utf8);
        loop {
            if !multibyte {
                let chunk = self.input.available()?;
                if chunk.is_empty() {
                    return Ok(Scan::Truncated);
                }
                let stop = if escapes {
                    memchr::memchr2(quote, b'\\', chunk)
                } else {
                    memchr::memchr(quote, chunk)
                };
                let n = stop.unwrap_or(chunk.len());
                if let Some(slot) = slot {
                    self.values[slot].push(&chunk[..n]);
                }
                self.input.consume(n);
                if stop.is_none() {
                    continue;
                }
            }
            let Some(byte) = self.input.next_byte()? else {
                return Ok(Scan::Truncated);
            };
            let mut push = |bytes: &[u8]| {
                if let Some(slot) = slot {
                    self.values[slot].push(bytes);
                }
            };
            if byte == quote {
                if self.input.peek()? != Some(quote) {
                    return Ok(Scan::Done);
                }
                self.input.bump();
                push(&[quote]);
            } else if byte == b'\\' && escapes {
                let Some(escaped) = self.input.next_byte()? else {
                    return Ok(Scan::Truncated);
                };
                match escaped {
                    b'0' => push(&[0]),
                    b'b' => push(&[8]),
                    b'n' => push(b"\n"),
                    b'r' => push(b"\r"),
                    b't' => push(b"\t"),
                    b'Z' => push(&[0x1A]),
                    b'%' => push(b"\\%"),
                    b'_' => push(b"\\_"),
                    other => push(&[other]),
                }
            } else {
                push(&[byte]);
                if byte >= 0x81 {
                    let Some(trail) = self.input.next_byte()? else {
                        return Ok(Scan::Truncated);
                    };
                    push(&[trail]);
                }
            }
        }
    }

    /// Reads hex digits into `slot`; `quoted`: up to a closing `'` (`X'3133'`), where anything
    /// else is a syntax error.
    fn hex(&mut self, slot: Option<usize>, quoted: bool) -> std::io::Result<Scan> {
        loop {
            match self.input.peek()? {
                Some(byte) if byte.is_ascii_hexdigit() => {
                    if let Some(slot) = slot {
                        self.values[slot].push(&[byte]);
                    }
                    self.input.bump();
                }
                Some(b'\'') if quoted => {
                    self.input.bump();
                    break;
                }
                None if quoted => return Ok(Scan::Truncated),
                Some(_) if quoted => return Ok(Scan::Syntax),
                _ => break,
            }
        }
        if let Some(slot) = slot {
            self.values[slot].unhex();
        }
        Ok(Scan::Done)
    }

    /// Reads one value of a tuple into the plan column `slot`, if any.
    fn value(&mut self, slot: Option<usize>) -> std::io::Result<Scan> {
        if let Some(slot) = slot {
            self.values[slot].start();
        }
        let Some(first) = self.input.peek()? else {
            return Ok(Scan::Truncated);
        };
        let second = self.input.peek_second()?;
        match (first, second) {
            (b'\'' | b'"', _) => {
                self.input.bump();
                self.string(first, self.backslashes, slot)
            }
            (b'0', Some(b'x' | b'X')) => {
                self.input.bump();
                self.input.bump();
                self.hex(slot, false)
            }
            (b'x' | b'X', Some(b'\'')) => {
                self.input.bump();
                self.input.bump();
                self.hex(slot, true)
            }
            // PostgreSQL's `E'…'` takes backslash escapes whatever the setting; `N'…'` is a
            // national-character string.
            (b'e' | b'E' | b'n' | b'N', Some(b'\'')) => {
                self.input.bump();
                self.input.bump();
                let escapes = matches!(first, b'e' | b'E') || self.backslashes;
                self.string(b'\'', escapes, slot)
            }
            // A character set introducer: `_binary '…'`, `_utf8mb4'…'`, `_binary 0x…`.
            (b'_', _) => {
                self.word()?;
                self.skip_space()?;
                match (self.input.peek()?, self.input.peek_second()?) {
                    (Some(quote @ (b'\'' | b'"')), _) => {
                        self.input.bump();
                        self.string(quote, self.backslashes, slot)
                    }
                    (Some(b'0'), Some(b'x' | b'X')) => {
                        self.input.bump();
                        self.input.bump();
                        self.hex(slot, false)
                    }
                    (Some(b'x' | b'X'), Some(b'\'')) => {
                        self.input.bump();
                        self.input.bump();
                        self.hex(slot, true)
                    }
                    (None, _) => Ok(Scan::Truncated),
                    _ => Ok(Scan::Syntax),
                }
            }
            // A BIT value (`b'0101'`): never an identifier.
            (b'b' | b'B', Some(b'\'')) => {
                self.input.bump();
                self.input.bump();
                self.absent(slot);
                self.string(b'\'', false, None)
            }
            (b'-' | b'+' | b'.' | b'0'..=b'9', _) => self.number(slot),
            _ if is_word_byte(first) => {
                // NULL, DEFAULT, TRUE, CURRENT_TIMESTAMP, or a function call: no identifier.
                self.word()?;
                self.absent(slot);
                self.skip_space()?;
                if self.input.peek()? == Some(b'(') {
                    self.input.bump();
                    return self.skip_call();
                }
                Ok(Scan::Done)
            }
            _ => Ok(Scan::Syntax),
        }
    }

    fn absent(&mut self, slot: Option<usize>) {
        if let Some(slot) = slot {
            self.values[slot].clear();
        }
    }

    /// A number as its text (`13800138000`, `-1.5e+3`).
    fn number(&mut self, slot: Option<usize>) -> std::io::Result<Scan> {
        let mut previous = 0u8;
        while let Some(byte) = self.input.peek()? {
            let sign = matches!(byte, b'+' | b'-')
                && (previous == 0 || previous.eq_ignore_ascii_case(&b'e'));
            if !(sign || byte.is_ascii_alphanumeric() || byte == b'.' || byte == b'_') {
                break;
            }
            if let Some(slot) = slot {
                self.values[slot].push(&[byte]);
            }
            previous = byte;
            self.input.bump();
        }
        Ok(Scan::Done)
    }

    /// Reads the arguments of a function call through its closing parenthesis, whose opening
    /// one is read.
    fn skip_call(&mut self) -> std::io::Result<Scan> {
        let mut depth = 1u64;
        loop {
            let Some(byte) = self.input.next_byte()? else {
                return Ok(Scan::Truncated);
            };
            match byte {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(Scan::Done);
                    }
                }
                b'\'' | b'"' => {
                    let read = self.string(byte, self.backslashes, None)?;
                    if read != Scan::Done {
                        return Ok(read);
                    }
                }
                b';' => return Ok(Scan::Syntax),
                _ => {}
            }
        }
    }

    /// Reads the next tuple of an `INSERT`: the table's row if the block is the table's, and
    /// whether another tuple follows.
    fn insert_tuple(&mut self, block: &mut Block) -> std::io::Result<(Option<Row>, bool)> {
        self.skip_space()?;
        match self.input.peek()? {
            None => return Ok((None, false)),
            Some(b'(') => self.input.bump(),
            Some(_) => {
                // `VALUES` not followed by a tuple.
                let line = self.input.line();
                self.skip_statement()?;
                block.tuples += 1;
                let row = block.wanted.then(|| self.row(block, line, Parsed::Syntax));
                return Ok((row, false));
            }
        }
        block.tuples += 1;
        let line = self.input.line();
        let parsed = self.tuple_values(block)?;
        let more = match parsed {
            Parsed::Values(_) => {
                self.skip_space()?;
                match self.input.peek()? {
                    Some(b',') => {
                        self.input.bump();
                        true
                    }
                    Some(b';') => {
                        self.input.bump();
                        false
                    }
                    None => false,
                    // `ON DUPLICATE KEY UPDATE …`, or garbage after the last tuple.
                    Some(_) => {
                        self.skip_statement()?;
                        false
                    }
                }
            }
            Parsed::Syntax => {
                self.skip_statement()?;
                false
            }
            Parsed::Truncated => false,
        };
        let row = block.wanted.then(|| self.row(block, line, parsed));
        Ok((row, more))
    }

    /// Reads the values of a tuple through its `)`, whose `(` is read.
    fn tuple_values(&mut self, block: &Block) -> std::io::Result<Parsed> {
        for value in &mut self.values {
            value.clear();
        }
        let mut count = 0;
        loop {
            self.skip_space()?;
            match self.input.peek()? {
                None => return Ok(Parsed::Truncated),
                Some(b')') if count == 0 => {
                    self.input.bump();
                    return Ok(Parsed::Values(0));
                }
                Some(_) => {}
            }
            let slot = block.slots.get(count).copied().flatten();
            match self.value(slot)? {
                Scan::Done => {}
                Scan::Syntax => return Ok(Parsed::Syntax),
                Scan::Truncated => return Ok(Parsed::Truncated),
            }
            count += 1;
            self.skip_space()?;
            match self.input.peek()? {
                Some(b',') => self.input.bump(),
                Some(b')') => {
                    self.input.bump();
                    return Ok(Parsed::Values(count));
                }
                None => return Ok(Parsed::Truncated),
                Some(_) => return Ok(Parsed::Syntax),
            }
        }
    }

    /// Reads the next row of a `COPY` block: the table's row if the block is the table's, and
    /// whether the block goes on. Rows are lines of tab-separated values, `\N` for NULL, with
    /// backslash escapes; a line `\.` ends the block.
    fn copy_row(&mut self, block: &mut Block) -> std::io::Result<(Option<Row>, bool)> {
        match (self.input.peek()?, self.input.peek_second()?) {
            (None, _) => return Ok((None, false)),
            (Some(b'\\'), Some(b'.')) => {
                self.skip_line()?;
                return Ok((None, false));
            }
            _ => {}
        }
        block.tuples += 1;
        let line = self.input.line();
        for value in &mut self.values {
            value.clear();
        }
        let mut count = 0;
        let parsed = loop {
            let slot = block.slots.get(count).copied().flatten();
            let end = self.copy_field(slot)?;
            count += 1;
            match end {
                Some(b'\t') => {}
                Some(_) => break Parsed::Values(count),
                None => break Parsed::Truncated,
            }
        };
        let row = block.wanted.then(|| self.row(block, line, parsed));
        Ok((row, parsed != Parsed::Truncated))
    }

    /// Reads one field of a `COPY` row into `slot`, through the tab or newline that ends it
    /// (returned; `None` at the end of the file).
    fn copy_field(&mut self, slot: Option<usize>) -> std::io::Result<Option<u8>> {
        if let Some(slot) = slot {
            self.values[slot].start();
        }
        if self.input.peek()? == Some(b'\\') && self.input.peek_second()? == Some(b'N') {
            self.input.bump();
            self.input.bump();
            self.absent(slot);
        }
        loop {
            let chunk = self.input.available()?;
            if chunk.is_empty() {
                return Ok(None);
            }
            let stop = memchr::memchr3(b'\t', b'\n', b'\\', chunk);
            let n = stop.unwrap_or(chunk.len());
            if let Some(slot) = slot {
                self.values[slot].push(&chunk[..n]);
            }
            self.input.consume(n);
            if stop.is_none() {
                continue;
            }
            let Some(byte) = self.input.next_byte()? else {
                return Ok(None);
            };
            if byte != b'\\' {
                return Ok(Some(byte));
            }
            let Some(escaped) = self.input.next_byte()? else {
                return Ok(None);
            };
            let byte = match escaped {
                b'b' => 8,
                b'f' => 12,
                b'n' => b'\n',
                b'r' => b'\r',
                b't' => b'\t',
                b'v' => 11,
                b'0'..=b'7' => {
                    let mut code = u32::from(escaped - b'0');
                    for _ in 0..2 {
                        match self.input.peek()? {
                            Some(digit @ b'0'..=b'7') => {
                                code = code * 8 + u32::from(digit - b'0');
                                self.input.bump();
                            }
                            _ => break,
                        }
                    }
                    code as u8
                }
                b'x' => {
                    let mut code = 0u8;
                    for _ in 0..2 {
                        match self.input.peek()? {
                            Some(digit) if digit.is_ascii_hexdigit() => {
                                code = code << 4 | (digit as char).to_digit(16).unwrap_or(0) as u8;
                                self.input.bump();
                            }
                            _ => break,
                        }
                    }
                    code
                }
                other => other,
            };
            if let Some(slot) = slot {
                self.values[slot].push(&[byte]);
            }
        }
    }

    /// The row a tuple of the table makes, or why it is skipped.
    fn row(&mut self, block: &mut Block, line: u64, parsed: Parsed) -> Row {
        let tuple = Some(Tuple {
            statement: block.statement,
            tuple: block.tuples,
        });
        let bad = |problem| Row::Bad {
            line,
            tuple,
            problem,
        };
        let count = match parsed {
            Parsed::Values(count) => count,
            Parsed::Syntax => return bad(RowProblem::SqlSyntax),
            Parsed::Truncated => return bad(RowProblem::Truncated),
        };
        if *block.width.get_or_insert(count) != count {
            return bad(RowProblem::FieldCount);
        }
        let mut values = Vec::new();
        for (column, value) in self.values.iter_mut().enumerate() {
            let held = value.held;
            let problem = match held {
                Held::Absent => continue,
                Held::TooLong => Some(RowProblem::TooLong),
                Held::Present => field_problem(&value.bytes),
            };
            if let Some(problem) = problem {
                return bad(problem);
            }
            match decode(self.encoding, strip_bom(&value.bytes)) {
                Some(text) if !text.trim().is_empty() => values.push(FieldValue {
                    column,
                    text: Zeroizing::new(text.into_owned()),
                }),
                Some(_) => {}
                None => return bad(RowProblem::Encoding),
            }
            value.clear();
        }
        Row::Record(Record {
            line,
            tuple,
            values,
        })
    }
}

/// Whether a word read by [`SqlReader::word`] is `keyword`, without regard to ASCII case.
fn is(head: &[u8; 32], len: usize, keyword: &str) -> bool {
    len == keyword.len() && head[..len].eq_ignore_ascii_case(keyword.as_bytes())
}

#[cfg(test)]
mod tests;
