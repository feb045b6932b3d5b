//! The rows of a block: an `INSERT`'s tuples of values, a `COPY` block's lines of tab-separated
//! fields or CSV records, and the row each makes of the plan's columns.

use std::io::Read;

use zeroize::Zeroizing;

use super::lex::is_word_byte;
use super::{Block, CopyCsv, Held, Rows, Scan, SqlReader};
use crate::dump::position::Position;
use crate::dump::row::{FieldValue, Record, Row, RowProblem, field_problem};
use crate::dump::text::{decode, strip_bom};

/// How a tuple read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Parsed {
    /// A list of this many values.
    Values(usize),
    Syntax,
    Truncated,
}

impl<R: Read> SqlReader<R> {
    /// Reads the next tuple of an `INSERT`: the table's row if the block is the table's, and
    /// whether another tuple follows.
    pub(super) fn insert_tuple(
        &mut self,
        block: &mut Block,
    ) -> std::io::Result<(Option<Row>, bool)> {
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

    /// Reads the next row of a `COPY` block: the table's row if the block is the table's, and
    /// whether the block goes on. In the text format, rows are lines of tab-separated values, `\N`
    /// for NULL, with backslash escapes, and a line `\.` ends the block; in CSV, a record may span
    /// lines inside quotes, and only a line that is `\.` alone ends it.
    pub(super) fn copy_row(&mut self, block: &mut Block) -> std::io::Result<(Option<Row>, bool)> {
        if let Rows::CopyCsv(csv) = &mut block.rows
            && std::mem::take(&mut csv.header)
        {
            let csv = csv.clone();
            while let Some(end) = self.csv_field(None, &csv)? {
                if end == b'\n' {
                    break;
                }
            }
        }
        let ended = match &block.rows {
            Rows::CopyCsv(_) => matches!(
                self.input.ahead(4)?,
                b"\\." | b"\\.\n" | [b'\\', b'.', b'\n', _] | b"\\.\r\n"
            ),
            _ => self.input.ahead(2)? == b"\\.",
        };
        if ended {
            self.skip_line()?;
            return Ok((None, false));
        }
        if self.input.peek()?.is_none() {
            return Ok((None, false));
        }
        block.tuples += 1;
        let line = self.input.line();
        for value in &mut self.values {
            value.clear();
        }
        let mut count = 0;
        let parsed = loop {
            let slot = block.slots.get(count).copied().flatten();
            let end = match &block.rows {
                Rows::CopyCsv(csv) => self.csv_field(slot, csv)?,
                _ => self.copy_field(slot)?,
            };
            count += 1;
            match end {
                Some(b'\n') => break Parsed::Values(count),
                Some(_) => {}
                None => break Parsed::Truncated,
            }
        };
        let row = block.wanted.then(|| self.row(block, line, parsed));
        Ok((row, parsed != Parsed::Truncated))
    }

    /// Reads one field of a `COPY … CSV` row into `slot`, through the delimiter or newline that
    /// ends it (returned; `None` at the end of the file), by PostgreSQL's rules: quotes may open
    /// and close anywhere in a field; inside them the delimiter, newlines and `\.` are data, and
    /// the escape byte before a quote or itself takes that byte as it is (a doubled quote is one
    /// quote by default). An unquoted field that spells the NULL string is absent.
    fn csv_field(&mut self, slot: Option<usize>, csv: &CopyCsv) -> std::io::Result<Option<u8>> {
        if let Some(slot) = slot {
            self.values[slot].start();
        }
        let mut quoted = false;
        let mut inside = false;
        // Whether the last bytes kept were outside quotes, where a `\r` before the newline ends
        // the line (a file written on Windows) rather than being data.
        let mut bare_tail = false;
        loop {
            let before = self.input.bytes_read();
            let stop = self.take_until(slot, |chunk| {
                if !inside {
                    memchr::memchr3(csv.delimiter, csv.quote, b'\n', chunk)
                } else if csv.escape == csv.quote {
                    memchr::memchr(csv.quote, chunk)
                } else {
                    memchr::memchr2(csv.quote, csv.escape, chunk)
                }
            })?;
            if self.input.bytes_read() > before {
                bare_tail = !inside;
            }
            if stop.is_none() {
                return Ok(None);
            }
            let Some(byte) = self.input.next_byte()? else {
                return Ok(None);
            };
            if inside {
                let next = self.input.peek()?;
                let kept = if byte == csv.escape && (next == Some(csv.quote) || next == Some(byte))
                {
                    self.input.bump();
                    next
                } else if byte == csv.quote {
                    inside = false;
                    None
                } else {
                    Some(byte)
                };
                if let (Some(kept), Some(slot)) = (kept, slot) {
                    self.values[slot].push(&[kept]);
                }
                bare_tail = false;
                continue;
            }
            if byte == csv.quote {
                inside = true;
                quoted = true;
                continue;
            }
            if let Some(slot) = slot {
                let value = &mut self.values[slot];
                if byte == b'\n' && bare_tail && value.bytes.last() == Some(&b'\r') {
                    value.bytes.pop();
                }
                if !quoted && value.held == Held::Present && *value.bytes == csv.null {
                    value.clear();
                }
            }
            return Ok(Some(byte));
        }
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
            let stop =
                self.take_until(slot, |chunk| memchr::memchr3(b'\t', b'\n', b'\\', chunk))?;
            if stop.is_none() {
                return Ok(None);
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
        let position = Position::Tuple {
            line,
            statement: block.statement,
            tuple: block.tuples,
        };
        let bad = |problem| Row::Bad {
            position: position.clone(),
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
        Row::Record(Record { position, values })
    }
}
