//! The `text` reader: lines split on a delimiter string (`13800138000----hunter2`), no quoting.
//!
//! Such lists have no escape for the delimiter, so a line may hold more fields than the header
//! (a password containing `----`). The last column then takes the rest of the line, delimiters
//! and all, as `cut -f2-` or a split with a limit reads it: these lists put the identifiers
//! first and free text (a password, an address, a remark) last, so the identifiers keep their
//! place and the free text stays whole. A line with fewer fields than the header is a
//! [`RowProblem::FieldCount`], as in CSV.
//!
//! A line is decoded before it is split: a GBK character's second byte may be `|` or `\`, so
//! splitting the raw bytes on such a delimiter would cut characters in two. UTF-8 never reuses an
//! ASCII byte inside a character, so UTF-8 lines are split without a copy.

use std::borrow::Cow;
use std::io::{BufReader, Read};

use memchr::memmem::Finder;
use zeroize::Zeroizing;

use super::bytes::SourceBytes;
use super::jsonl::read_line;
use super::position::Position;
use super::row::{FieldValue, MAX_ROW_BYTES, Record, Row, RowProblem, field_problem};
use super::text::{SkipBom, decode};
use crate::source::{Column, Encoding, Source};

/// Streams the rows of a `text` source.
pub(super) struct LinesReader {
    reader: BufReader<SkipBom<Box<dyn Read + Send>>>,
    delimiter: Finder<'static>,
    encoding: Encoding,
    /// The header line as read, to recognize it repeated (files concatenated with their headers).
    header: Option<Vec<u8>>,
    /// Fields per row: the header's, or the first row's.
    width: Option<usize>,
    /// The current line, zeroed once read: it may hold identifiers.
    buffer: Vec<u8>,
    /// Where each field of the current line starts and ends, in its decoded text.
    fields: Vec<(usize, usize)>,
    line: u64,
}

impl LinesReader {
    pub(super) fn open(
        reader: Box<dyn Read + Send>,
        source: &Source,
    ) -> std::io::Result<LinesReader> {
        let delimiter = source.delimiter.as_deref().unwrap_or_default();
        let mut lines = LinesReader {
            reader: BufReader::with_capacity(1 << 16, SkipBom::new(reader)),
            delimiter: Finder::new(delimiter.as_bytes()).into_owned(),
            encoding: source.encoding,
            header: None,
            width: source.header_width,
            buffer: Vec::new(),
            fields: Vec::new(),
            line: 0,
        };
        if source.header && lines.next_line()? {
            lines.header = Some(std::mem::take(&mut lines.buffer));
        }
        Ok(lines)
    }

    /// Reads the next line that is not blank into the buffer; `false` at the end of the file. A
    /// line longer than [`MAX_ROW_BYTES`] is left in the buffer cut at that length.
    fn next_line(&mut self) -> std::io::Result<bool> {
        loop {
            self.buffer.fill(0);
            self.buffer.clear();
            let (n, mut ended) = read_line(
                &mut self.reader,
                &mut self.buffer,
                MAX_ROW_BYTES as usize + 1,
            )?;
            if n == 0 {
                return Ok(false);
            }
            self.line += 1;
            // The rest of an overlong line, skipped a bounded piece at a time.
            let mut rest = Vec::new();
            while !ended && self.buffer.len() as u64 > MAX_ROW_BYTES {
                rest.clear();
                let (n, end) = read_line(&mut self.reader, &mut rest, 1 << 16)?;
                ended = end || n == 0;
            }
            if !self.buffer.iter().all(u8::is_ascii_whitespace) {
                return Ok(true);
            }
        }
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub(super) fn next_row(&mut self, source: &Source) -> std::io::Result<Option<Row>> {
        if !self.next_line()? {
            self.buffer.fill(0);
            return Ok(None);
        }
        let line = self.line;
        let problem = |problem| {
            Ok(Some(Row::Bad {
                position: Position::Line { line },
                problem,
            }))
        };
        if self.buffer.len() as u64 > MAX_ROW_BYTES {
            return problem(RowProblem::TooLong);
        }
        if self.header.as_ref() == Some(&self.buffer) {
            return problem(RowProblem::RepeatedHeader);
        }
        let Some(text) = line_text(self.encoding, &self.buffer) else {
            return problem(RowProblem::Encoding);
        };
        let limit = self.width.unwrap_or(usize::MAX);
        split(&text, &self.delimiter, limit, &mut self.fields);
        let width = *self.width.get_or_insert(self.fields.len());
        if self.fields.len() < width {
            return problem(RowProblem::FieldCount);
        }
        let mut values = Vec::new();
        for (column, (position, _)) in source.columns.iter().enumerate() {
            let Column::Index(index) = position else {
                continue;
            };
            let Some(&(start, end)) = self.fields.get(*index) else {
                continue;
            };
            let bytes = &text[start..end];
            if let Some(problem) = field_problem(bytes) {
                return Ok(Some(Row::Bad {
                    position: Position::Line { line },
                    problem,
                }));
            }
            match std::str::from_utf8(bytes) {
                Ok(field) if !field.trim().is_empty() => values.push(FieldValue {
                    column,
                    text: Zeroizing::new(field.to_owned()),
                }),
                Ok(_) => {}
                Err(_) => return problem(RowProblem::Encoding),
            }
        }
        if let Cow::Owned(mut decoded) = text {
            decoded.fill(0);
        }
        Ok(Some(Row::Record(Record {
            position: Position::Line { line },
            values,
        })))
    }
}

/// A line as UTF-8 bytes ready to split: UTF-8 as it is (each field is checked once mapped, so a
/// bad byte in a column nobody reads costs no row), any other encoding decoded whole.
fn line_text(encoding: Encoding, line: &[u8]) -> Option<Cow<'_, [u8]>> {
    match encoding {
        Encoding::Utf8 => Some(Cow::Borrowed(line)),
        _ => decode(encoding, line).map(|text| Cow::Owned(text.into_owned().into_bytes())),
    }
}

/// Splits `text` on the delimiter into at most `limit` fields, the last taking the rest.
fn split(text: &[u8], delimiter: &Finder, limit: usize, fields: &mut Vec<(usize, usize)>) {
    fields.clear();
    let mut start = 0;
    let step = delimiter.needle().len();
    while fields.len() + 1 < limit {
        match delimiter.find(&text[start..]) {
            Some(at) => {
                fields.push((start, start + at));
                start += at + step;
            }
            None => break,
        }
    }
    fields.push((start, text.len()));
}

/// The fields of the first line of a `text` source that is not blank, decoded (its header, or
/// without one the row that sets the width). A line that is not text in the declared encoding
/// is invalid data.
pub fn first_line_fields(source: &Source) -> std::io::Result<Vec<String>> {
    let invalid = || std::io::Error::from(std::io::ErrorKind::InvalidData);
    let bytes = SourceBytes::open(source)?;
    let mut reader = BufReader::new(SkipBom::new(bytes)).take(MAX_ROW_BYTES);
    let mut line = Vec::new();
    loop {
        line.clear();
        let (n, _) = read_line(&mut reader, &mut line, MAX_ROW_BYTES as usize)?;
        if n == 0 {
            return Ok(Vec::new());
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
    }
    let text = line_text(source.encoding, &line).ok_or_else(invalid)?;
    let delimiter = source.delimiter.as_deref().unwrap_or_default();
    let mut fields = Vec::new();
    split(
        &text,
        &Finder::new(delimiter.as_bytes()),
        usize::MAX,
        &mut fields,
    );
    fields
        .iter()
        .map(|&(start, end)| String::from_utf8(text[start..end].to_vec()).map_err(|_| invalid()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields<'t>(text: &'t str, delimiter: &str, limit: usize) -> Vec<&'t str> {
        let mut found = Vec::new();
        split(
            text.as_bytes(),
            &Finder::new(delimiter.as_bytes()),
            limit,
            &mut found,
        );
        found.iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn a_line_splits_on_any_delimiter_string() {
        assert_eq!(fields("a----b----c", "----", 9), ["a", "b", "c"]);
        assert_eq!(fields("a|b||c", "|", 9), ["a", "b", "", "c"]);
        assert_eq!(fields("a b", " ", 9), ["a", "b"]);
        assert_eq!(fields("abc", "----", 9), ["abc"]);
    }

    #[test]
    fn the_last_column_takes_the_rest_of_a_line_with_extra_delimiters() {
        assert_eq!(fields("138----pa----ss", "----", 2), ["138", "pa----ss"]);
        assert_eq!(fields("138----pass", "----", 3), ["138", "pass"]);
    }
}
