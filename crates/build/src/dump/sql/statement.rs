//! The statements of a SQL dump: a data statement (`INSERT`, `REPLACE`, `COPY … FROM stdin`) opens
//! a block of tuples, a `CREATE TABLE` gives a table's columns, a `SET` may say how strings are
//! escaped, and anything else is read past.

use std::io::Read;

use super::lex::{MAX_NAME_BYTES, is};
use super::{Block, CopyCsv, MAX_COLUMNS, Rows, Scan, SqlReader};
use crate::source::Column;

/// The most table names remembered for a plan error that names a missing table.
const MAX_TABLES_SHOWN: usize = 20;

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

/// Whether a dump's table name (`db`.`t` or `public.t`) is the plan's `table`: the whole name or
/// its last part, without regard to ASCII case.
fn same_table(wanted: &str, full: &str) -> bool {
    let last = full.rsplit('.').next().unwrap_or(full);
    wanted.eq_ignore_ascii_case(full) || wanted.eq_ignore_ascii_case(last)
}

impl<R: Read> SqlReader<R> {
    fn remember_table(&mut self, table: &str) {
        if self.tables.len() < MAX_TABLES_SHOWN && !self.tables.iter().any(|t| t == table) {
            self.tables.push(table.to_owned());
        }
    }

    /// Reads the next statement's start: a data statement (`INSERT`, `REPLACE`, `COPY … FROM
    /// stdin`) opens a block; a `CREATE TABLE` is read for its columns; anything else is read
    /// past. `false` at the end of the file.
    pub(super) fn next_statement(&mut self) -> std::io::Result<bool> {
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
        let Some(list) = self.column_list()? else {
            return self.skip_statement();
        };
        self.skip_space()?;
        let (head, len) = self.word()?;
        if !(is(&head, len, "values") || is(&head, len, "value")) {
            return self.skip_statement();
        }
        self.open_block(Rows::Tuples, table, list);
        Ok(())
    }

    /// `COPY t [(a, b)] FROM stdin [options];`, whose rows follow on the next lines; a `COPY`
    /// from or to a file holds no rows and is read past.
    fn copy(&mut self) -> std::io::Result<()> {
        let table = self.qualified_name()?.text;
        let Some(list) = self.column_list()? else {
            return self.skip_statement();
        };
        if !(self.keyword("from")? && self.keyword("stdin")?) {
            return self.skip_statement();
        }
        let rows = self.copy_options()?;
        self.skip_line()?;
        self.open_block(rows, table, list);
        Ok(())
    }

    /// The options of a `COPY … FROM stdin`, through its `;`: in parentheses (`WITH (FORMAT
    /// csv, DELIMITER ';', HEADER)`) or in the older spelling (`WITH CSV HEADER DELIMITER AS
    /// ';'`). Options that do not change how rows are read (`ENCODING`, `FORCE_NULL`, …) are read
    /// past.
    fn copy_options(&mut self) -> std::io::Result<Rows> {
        let mut csv = false;
        let mut options = CopyCsv::default();
        let mut escape = None;
        // A word read after `HEADER` that turned out to be the next option.
        let mut next = None;
        loop {
            let (head, len) = match next.take() {
                Some(word) => word,
                None => {
                    self.skip_space()?;
                    match self.input.peek()? {
                        None => break,
                        Some(b';') => {
                            self.input.bump();
                            break;
                        }
                        Some(b'\'') => {
                            self.input.bump();
                            self.string(b'\'', false, None)?;
                            continue;
                        }
                        // A column name (`FORCE_NOT_NULL ("header")`), never an option.
                        Some(b'"' | b'`') => {
                            self.name()?;
                            continue;
                        }
                        Some(_) => {}
                    }
                    let word = self.word()?;
                    if word.1 == 0 {
                        // `(`, `)`, `,` or a stray byte.
                        self.input.bump();
                        continue;
                    }
                    word
                }
            };
            if is(&head, len, "format") {
                csv = self.keyword("csv")?;
            } else if is(&head, len, "csv") {
                csv = true;
            } else if is(&head, len, "header") {
                options.header = true;
                self.skip_space()?;
                let (value, len) = self.word()?;
                if ["false", "off", "0"]
                    .iter()
                    .any(|word| is(&value, len, word))
                {
                    options.header = false;
                } else if !["true", "on", "1", "match"]
                    .iter()
                    .any(|word| is(&value, len, word))
                {
                    next = Some((value, len));
                }
            } else if is(&head, len, "delimiter") {
                options.delimiter = self.option_byte()?.unwrap_or(options.delimiter);
            } else if is(&head, len, "quote") {
                options.quote = self.option_byte()?.unwrap_or(options.quote);
            } else if is(&head, len, "escape") {
                escape = self.option_byte()?;
            } else if is(&head, len, "null") {
                options.null = self.option_string()?;
            }
        }
        options.escape = escape.unwrap_or(options.quote);
        Ok(if csv {
            Rows::CopyCsv(options)
        } else {
            Rows::CopyText
        })
    }

    /// The one-byte value of a `COPY` option (`DELIMITER ';'`); `None` if it is not one byte,
    /// which PostgreSQL refuses, so that the default stands.
    fn option_byte(&mut self) -> std::io::Result<Option<u8>> {
        let value = self.option_string()?;
        Ok(match value[..] {
            [byte] => Some(byte),
            _ => None,
        })
    }

    /// The string value of a `COPY` option, after an optional `AS`: `'…'`, or `E'…'` with
    /// backslash escapes (`E'\t'`); at most [`MAX_NAME_BYTES`] of it kept. Empty if there is no
    /// string.
    fn option_string(&mut self) -> std::io::Result<Vec<u8>> {
        self.skip_space()?;
        if let (Some(b'a' | b'A'), Some(b's' | b'S')) =
            (self.input.peek()?, self.input.peek_second()?)
        {
            self.word()?;
            self.skip_space()?;
        }
        let mut escapes = false;
        if let (Some(b'e' | b'E'), Some(b'\'')) = (self.input.peek()?, self.input.peek_second()?) {
            self.input.bump();
            escapes = true;
        }
        let mut value = Vec::new();
        if self.input.peek()? != Some(b'\'') {
            return Ok(value);
        }
        self.input.bump();
        while let Some(byte) = self.input.next_byte()? {
            let byte = match byte {
                b'\'' if self.input.peek()? == Some(b'\'') => {
                    self.input.bump();
                    byte
                }
                b'\'' => break,
                b'\\' if escapes => match self.input.next_byte()? {
                    Some(b't') => b'\t',
                    Some(b'n') => b'\n',
                    Some(b'r') => b'\r',
                    Some(other) => other,
                    None => break,
                },
                _ => byte,
            };
            if value.len() < MAX_NAME_BYTES {
                value.push(byte);
            }
        }
        Ok(value)
    }

    fn open_block(&mut self, rows: Rows, table: String, list: Option<Vec<String>>) {
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
            rows,
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
}
