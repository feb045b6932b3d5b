//! The `json` reader: one top-level array of objects (`mongoexport --jsonArray`), streamed element
//! by element.
//!
//! `serde_json` reads a stream of values but not the elements of one array, so a small framer
//! finds where each element ends (the `,` or `]` at depth zero, outside strings) and hands its
//! bytes to the same strict object parser and column mapping as JSON Lines. The framer counts
//! depth with an integer and never recurses: an element nested 10,000 deep is framed like any
//! other and then refused by the parser's depth limit as a row. Memory is one element, at most
//! [`MAX_ROW_BYTES`]; a longer one is skipped to its end and counted.
//!
//! An array cut short (a download that stopped) gives its complete elements; the unfinished last
//! one is a [`RowProblem::Json`]. The framer works on bytes, which only an encoding that never
//! reuses `"`, `\` or a bracket inside a character allows: JSON is UTF-8 (RFC 8259), and the plan
//! refuses a `json` source declared in another encoding.

use std::io::{BufRead, BufReader, Read};

use super::bytes::SourceBytes;
use super::jsonl::object_row;
use super::position::Position;
use super::row::{MAX_ROW_BYTES, Row, RowProblem};
use super::text::SkipBom;
use crate::source::Source;

/// Where the framer stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the array's `[`.
    Before,
    /// Inside the array, between elements.
    Between,
    /// Inside an element.
    Element,
    /// After the array's `]`, or past something that is no array: the rest is not read.
    After,
}

/// Streams the rows of a `json` source.
pub(super) struct JsonArrayReader {
    reader: BufReader<SkipBom<Box<dyn Read + Send>>>,
    framer: Framer,
}

/// Where the elements of the array begin and end.
struct Framer {
    place: Place,
    /// The current element, zeroed once read: it may hold identifiers.
    element: Vec<u8>,
    /// The element went past [`MAX_ROW_BYTES`]; the rest of it is skipped.
    too_long: bool,
    depth: u64,
    in_string: bool,
    escaped: bool,
    /// The line the framer is on, and the one the current element began on.
    line: u64,
    element_line: u64,
    /// Elements begun so far: the current one's number, from 1.
    elements: u64,
}

/// What one framing step found.
enum Framed {
    /// An element ended; it is in the buffer.
    Element,
    /// The buffer's bytes were consumed without an element ending.
    More,
    /// Something other than an array where the array should begin.
    NotAnArray,
}

impl JsonArrayReader {
    pub(super) fn open(reader: Box<dyn Read + Send>) -> JsonArrayReader {
        JsonArrayReader {
            reader: BufReader::with_capacity(1 << 16, SkipBom::new(reader)),
            framer: Framer {
                place: Place::Before,
                element: Vec::new(),
                too_long: false,
                depth: 0,
                in_string: false,
                escaped: false,
                line: 1,
                element_line: 1,
                elements: 0,
            },
        }
    }

    /// The next row, or `None` at the end of the array. `Err` only for I/O failures.
    pub(super) fn next_row(&mut self, source: &Source) -> std::io::Result<Option<Row>> {
        let framer = &mut self.framer;
        loop {
            if framer.place == Place::After {
                return Ok(None);
            }
            let available = self.reader.fill_buf()?;
            if available.is_empty() {
                // The end of the file inside the array: an unfinished element is a bad row.
                let unfinished = framer.place == Place::Element;
                framer.place = Place::After;
                return Ok(unfinished.then(|| framer.bad(RowProblem::Json)));
            }
            let (consumed, framed) = framer.frame(available);
            self.reader.consume(consumed);
            match framed {
                Framed::More => {}
                Framed::NotAnArray => return Ok(Some(framer.bad(RowProblem::Json))),
                Framed::Element if framer.too_long => {
                    return Ok(Some(framer.bad(RowProblem::TooLong)));
                }
                Framed::Element => {
                    if framer.element.iter().all(u8::is_ascii_whitespace) {
                        // `[]`, or a stray comma: no element at all.
                        continue;
                    }
                    let row = object_row(source, framer.position(), &framer.element);
                    framer.element.fill(0);
                    framer.element.clear();
                    return Ok(Some(row));
                }
            }
        }
    }
}

impl Framer {
    /// The current element as a bad row, its bytes dropped.
    fn bad(&mut self, problem: RowProblem) -> Row {
        self.element.fill(0);
        self.element.clear();
        self.too_long = false;
        Row::Bad {
            position: self.position(),
            problem,
        }
    }

    /// Where the current element is: a minified array is all on line 1, so its number in the
    /// array finds it. Before any element (no array at all), the line alone.
    fn position(&self) -> Position {
        match self.elements {
            0 => Position::Line {
                line: self.element_line,
            },
            element => Position::Element {
                line: self.element_line,
                element,
            },
        }
    }

    /// Follows `bytes` until an element ends; returns how many it used and what it found.
    fn frame(&mut self, bytes: &[u8]) -> (usize, Framed) {
        let mut next = 0;
        while next < bytes.len() {
            // Inside a string only a quote or a backslash matters: jump to the next one, as the
            // CSV reader jumps between quotes (most of an element is its strings' text).
            if self.place == Place::Element && self.in_string && !self.escaped {
                let run =
                    memchr::memchr2(b'"', b'\\', &bytes[next..]).unwrap_or(bytes.len() - next);
                if run > 0 {
                    let text = &bytes[next..next + run];
                    self.line += memchr::memchr_iter(b'\n', text).count() as u64;
                    self.extend(text);
                    next += run;
                    continue;
                }
            }
            let (at, byte) = (next, bytes[next]);
            next += 1;
            if byte == b'\n' {
                self.line += 1;
            }
            match self.place {
                Place::Before => match byte {
                    b'[' => self.place = Place::Between,
                    _ if byte.is_ascii_whitespace() => {}
                    _ => {
                        self.element_line = self.line;
                        self.place = Place::After;
                        return (at, Framed::NotAnArray);
                    }
                },
                Place::Between => match byte {
                    b']' => {
                        self.place = Place::After;
                        return (at + 1, Framed::More);
                    }
                    b',' => return (at + 1, Framed::Element),
                    _ if byte.is_ascii_whitespace() => {}
                    _ => {
                        self.place = Place::Element;
                        self.element_line = self.line;
                        self.elements += 1;
                        self.take(byte);
                    }
                },
                Place::Element => {
                    if self.in_string {
                        if self.escaped {
                            self.escaped = false;
                        } else if byte == b'\\' {
                            self.escaped = true;
                        } else if byte == b'"' {
                            self.in_string = false;
                        }
                        self.extend(&[byte]);
                        continue;
                    }
                    match byte {
                        b',' | b']' if self.depth == 0 => {
                            self.place = if byte == b']' {
                                Place::After
                            } else {
                                Place::Between
                            };
                            return (at + 1, Framed::Element);
                        }
                        _ => self.take(byte),
                    }
                }
                Place::After => return (at, Framed::More),
            }
        }
        (bytes.len(), Framed::More)
    }

    /// A byte of an element outside a string: quotes and brackets change the framing.
    fn take(&mut self, byte: u8) {
        match byte {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' => self.depth = self.depth.saturating_sub(1),
            _ => {}
        }
        self.extend(&[byte]);
    }

    /// Adds bytes to the element, or drops it once it would pass [`MAX_ROW_BYTES`].
    fn extend(&mut self, bytes: &[u8]) {
        if (self.element.len() + bytes.len()) as u64 > MAX_ROW_BYTES {
            self.too_long = true;
            self.element.fill(0);
            self.element.clear();
        }
        if !self.too_long {
            self.element.extend_from_slice(bytes);
        }
    }
}

/// Whether a `json` source begins (after a byte order mark and white space) with the `[` of an
/// array; read from the start of the file.
pub fn starts_array(source: &Source) -> std::io::Result<bool> {
    let reader = SkipBom::new(SourceBytes::open(source)?);
    for byte in BufReader::new(reader).bytes() {
        let byte = byte?;
        if !byte.is_ascii_whitespace() {
            return Ok(byte == b'[');
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::{Column, Encoding, Field, Format};

    fn source() -> Source {
        Source {
            path: "dump.json".into(),
            format: Format::Json,
            compression: crate::source::Compression::None,
            encoding: Encoding::Utf8,
            encoding_detected: None,
            header: false,
            columns: vec![(Column::Path(vec!["phone".to_owned()]), Field::Phone)],
            header_width: None,
            table: None,
            delimiter: None,
            sheet: None,
        }
    }

    /// Each row of `text` as (line, the phone or the problem), read in pieces of `piece` bytes.
    fn rows(text: &str, piece: usize) -> Vec<(u64, Result<Vec<String>, RowProblem>)> {
        let bytes: Vec<u8> = text.as_bytes().to_vec();
        let pieces = Pieces {
            bytes,
            at: 0,
            piece,
        };
        let mut reader = JsonArrayReader::open(Box::new(pieces));
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row(&source()).unwrap() {
            rows.push(crate::dump::tests::read_row(row));
        }
        rows
    }

    struct Pieces {
        bytes: Vec<u8>,
        at: usize,
        piece: usize,
    }

    impl Read for Pieces {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.piece.min(buf.len()).min(self.bytes.len() - self.at);
            buf[..n].copy_from_slice(&self.bytes[self.at..self.at + n]);
            self.at += n;
            Ok(n)
        }
    }

    fn ok(phone: &str) -> Result<Vec<String>, RowProblem> {
        Ok(vec![phone.to_owned()])
    }

    #[test]
    fn the_elements_of_an_array_are_rows_on_the_line_they_begin() {
        let text = "[\n{\"phone\": \"1\"},\n {\"phone\": \"a,]}\\\"\"}, {\"x\": [1, {\"y\": 2}]},\n{\"phone\": 3}\n]\n";
        for piece in [1, 2, 3, 7, 64] {
            assert_eq!(
                rows(text, piece),
                [
                    (2, ok("1")),
                    (3, ok("a,]}\"")),
                    (3, Ok(vec![])),
                    (4, ok("3")),
                ],
                "pieces of {piece}"
            );
        }
    }

    #[test]
    fn an_array_cut_short_gives_its_elements_and_counts_the_unfinished_one() {
        assert_eq!(
            rows("[{\"phone\": \"1\"}, {\"phone\": \"2", 5),
            [(1, ok("1")), (1, Err(RowProblem::Json))]
        );
        assert_eq!(rows("[{\"phone\": \"1\"},", 5), [(1, ok("1"))]);
    }

    #[test]
    fn an_element_nested_ten_thousand_deep_is_a_bad_row_not_a_stack_overflow() {
        let deep = format!(
            "[{{\"phone\": \"1\"}}, {{\"a\": {}{}}}, {{\"phone\": \"2\"}}]",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        assert_eq!(
            rows(&deep, 4096),
            [(1, ok("1")), (1, Err(RowProblem::Json)), (1, ok("2"))]
        );
    }

    #[test]
    fn an_element_that_is_no_object_is_a_bad_row_and_no_array_is_one_bad_row() {
        assert_eq!(
            rows("[1, \"x\", {\"phone\": \"2\"}]", 3),
            [
                (1, Err(RowProblem::Json)),
                (1, Err(RowProblem::Json)),
                (1, ok("2"))
            ]
        );
        assert_eq!(
            rows("{\"phone\": \"1\"}\n{\"phone\": \"2\"}\n", 3),
            [(1, Err(RowProblem::Json))]
        );
    }

    #[test]
    fn an_element_of_a_minified_array_is_placed_by_its_number_in_the_array() {
        let text =
            "[{\"phone\": \"1\"},1,, {\"phone\": \"2\", \"phone\": \"3\"},\n{\"phone\": \"4\"}]";
        let mut reader = JsonArrayReader::open(Box::new(std::io::Cursor::new(text.as_bytes())));
        let mut positions = Vec::new();
        while let Some(row) = reader.next_row(&source()).unwrap() {
            positions.push(row.position().clone());
        }
        let element = |line, element| Position::Element { line, element };
        // The stray comma is no element and takes no number.
        assert_eq!(
            positions,
            [element(1, 1), element(1, 2), element(1, 3), element(2, 4)]
        );
        let mut reader = JsonArrayReader::open(Box::new(std::io::Cursor::new(&b"\n{}"[..])));
        let no_array = reader.next_row(&source()).unwrap().unwrap();
        assert_eq!(no_array.position(), &Position::Line { line: 2 });
    }
}
