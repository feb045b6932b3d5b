//! The `xlsx` reader: spreadsheets (xlsx, xls, ods) through `calamine`, one sheet a source.
//!
//! An xlsx sheet is streamed cell by cell (calamine's cell reader over the sheet's XML); xls and
//! ods sheets are read whole by calamine, so those files are taken only up to [`MAX_WHOLE_BYTES`],
//! and only if the cells their sheets lay out, counted before calamine reads them, are at most
//! [`MAX_WHOLE_CELLS`]: an ods file of a few kilobytes can repeat one cell a hundred million
//! times, and two cells of an xls sheet at A1 and IV65536 lay out 16.8 million; nor may their
//! cells hold more than [`MAX_HELD_PART_BYTES`] of text, each repeat of an ods cell counted. An
//! xls file is also checked and rewritten for calamine's other ways of holding or working without
//! bound ([`biff`]). xlsb is not read: calamine lays its sheets out whole over any extent. What
//! calamine holds of any zipped workbook is bounded before it opens the file: every part of the
//! archive is inflated once, capped, and a part that inflates past [`MAX_RATIO`] times its size (a
//! zip bomb), a part held whole (the shared strings, the styles) past [`MAX_HELD_PART_BYTES`], or
//! a sheet with a cell or a tag longer than [`MAX_CELL_BYTES`] refuses the workbook
//! ([`WorkbookProblem`]) before any row is read.
//!
//! Rows and columns are numbered as the spreadsheet numbers them: a row is placed by its sheet and
//! row, and a problem with a cell by that cell (`People!C12`).
//! A cell's value is what the spreadsheet shows, typed:
//! - a number that is an integer below 10^15 reads as its digits (a phone stored as a number is
//!   `13800138000`, not `1.3800138E10`); at or above it, or with a fraction, in an identifier
//!   column it is [`RowProblem::SpreadsheetNumber`]: a spreadsheet keeps 15 significant digits,
//!   so an 18-digit ID stored as a number has already lost its last three;
//! - a date cell is a date of birth's `YYYY-MM-DD`; in another identifier column it is
//!   [`RowProblem::DateCell`] (a phone number the spreadsheet took for a date);
//! - a formula cell reads as the value the spreadsheet cached when it saved the file, which is
//!   what the leak's author saw; one with no cached value is empty. Nothing is recalculated;
//! - an error cell (`#N/A`) is empty.

use std::io::{BufReader, Cursor, Read, Seek};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc;

use calamine::{Data, DataRef, ExcelDateTime, Reader, Sheets};
use zeroize::Zeroizing;

use super::position::Position;
use super::row::{FieldValue, Record, Row, RowProblem, field_problem, shown_name};
use crate::source::{Column, Field, Source};

mod biff;

/// The largest xls or ods file read: calamine reads their sheets whole.
pub const MAX_WHOLE_BYTES: u64 = 64 << 20;
/// The most a part that calamine holds whole (shared strings, styles, the workbook) may inflate
/// to, and the most text the cells of an xls or ods file may hold. A sheet of a million couriers'
/// records has shared strings of a few hundred megabytes.
pub const MAX_HELD_PART_BYTES: u64 = 512 << 20;
/// How many times its compressed size a part may inflate to. Spreadsheet XML compresses ten to
/// fifty times; a zip bomb, a thousand.
pub const MAX_RATIO: u64 = 200;
/// Parts this small are never a bomb, whatever their ratio.
const SMALL_PART_BYTES: u64 = 1 << 20;
/// The most text one cell of a sheet may hold, and the longest tag or text between two tags in
/// a sheet's XML: a cell holds at most 32,767 characters, under 100 KiB in UTF-8.
pub const MAX_CELL_BYTES: u64 = 1 << 20;
/// The most columns a sheet has (`XFD`), as Excel numbers them.
pub const MAX_COLUMNS: usize = 16_384;
/// The most cells the sheets of an xls or ods file may lay out, all of them held at once by
/// calamine at about 56 bytes a cell (its value and formula) and copied once as it lays each sheet
/// out: under a gigabyte. A sheet of 400,000 rows of 20 columns fits, and its file would be near
/// the [`MAX_WHOLE_BYTES`] an ods file may have.
pub const MAX_WHOLE_CELLS: u64 = 1 << 23;
/// The most rows and columns calamine lays out of an ods sheet (as a spreadsheet allows), however
/// many the file repeats.
const ODS_MAX_ROWS: u64 = 1 << 20;
const ODS_MAX_COLUMNS: u64 = 1 << 14;
/// The largest integer a spreadsheet keeps every digit of: it stores 15 significant digits.
const EXACT_SPREADSHEET_LIMIT: f64 = 1e15;

/// A workbook that cannot be read, found before any row is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkbookProblem {
    #[error("not a workbook calamine reads")]
    NotAWorkbook,
    /// A part of the archive (named as it may be shown) that inflates past [`MAX_RATIO`] or
    /// [`MAX_HELD_PART_BYTES`].
    #[error("the part {part} inflates past what a workbook holds")]
    Bomb { part: String },
    /// A sheet (named as it may be shown) with a cell or a stretch of XML longer than
    /// [`MAX_CELL_BYTES`].
    #[error("the part {part} holds a cell longer than any spreadsheet writes")]
    LongCell { part: String },
    /// An xls or ods file larger than [`MAX_WHOLE_BYTES`].
    #[error("read whole, and larger than {MAX_WHOLE_BYTES} bytes")]
    TooLarge,
    /// An xls or ods file whose sheets lay out more than [`MAX_WHOLE_CELLS`] cells.
    #[error("its sheets lay out more than {MAX_WHOLE_CELLS} cells")]
    TooManyCells,
    /// An xls or ods file whose cells would hold more than [`MAX_HELD_PART_BYTES`] of text:
    /// calamine copies a shared string into every cell of an xls file that shows it, and a
    /// repeated cell's text into each repeat of an ods file.
    #[error("its cells hold more than {MAX_HELD_PART_BYTES} bytes of text")]
    TooMuchText,
    /// The sheets the workbook has, as they may be shown: escaped, and masked where a name could
    /// be an identifier (a sheet named after a customer's phone number).
    #[error("no sheet of that name")]
    UnknownSheet { sheets: Vec<String> },
    #[error("the workbook has no sheet")]
    NoSheet,
    #[error("unreadable: {0:?}")]
    Io(std::io::ErrorKind),
}

impl From<std::io::Error> for WorkbookProblem {
    fn from(error: std::io::Error) -> Self {
        WorkbookProblem::Io(error.kind())
    }
}

/// What the plan needs of a sheet: the first row that holds anything, as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstRow {
    pub sheet: String,
    pub cells: Vec<String>,
}

/// A file that counts the bytes read from it, for progress.
struct Counted<R> {
    inner: R,
    read: Arc<AtomicU64>,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

impl<R: Seek> Seek for Counted<R> {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        self.inner.seek(pos)
    }
}

/// What calamine reads a workbook from: the file itself, or an xls file made safe ([`biff`]).
enum Input {
    File(BufReader<Counted<std::fs::File>>),
    Defused(Cursor<Vec<u8>>),
}

impl Read for Input {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Input::File(file) => file.read(buf),
            Input::Defused(bytes) => bytes.read(buf),
        }
    }
}

impl Seek for Input {
    fn seek(&mut self, pos: std::io::SeekFrom) -> std::io::Result<u64> {
        match self {
            Input::File(file) => file.seek(pos),
            Input::Defused(bytes) => bytes.seek(pos),
        }
    }
}

type Book = Sheets<Input>;

/// Checks a workbook's archive ([`check_archive`]) and opens it with the reader its bytes call
/// for.
fn open_book(path: &Path, read: &Arc<AtomicU64>) -> Result<Book, WorkbookProblem> {
    let fresh = || -> Result<BufReader<Counted<std::fs::File>>, WorkbookProblem> {
        let (file, _) = exposure_core::files::open_regular(path)
            .map_err(|_| WorkbookProblem::Io(std::io::ErrorKind::NotFound))?;
        Ok(BufReader::new(Counted {
            inner: file,
            read: read.clone(),
        }))
    };
    let mut magic = [0u8; 4];
    let length = {
        let mut file = fresh()?;
        file.read_exact(&mut magic)
            .map_err(|_| WorkbookProblem::NotAWorkbook)?;
        std::fs::metadata(path)?.len()
    };
    let whole = || {
        if length > MAX_WHOLE_BYTES {
            Err(WorkbookProblem::TooLarge)
        } else {
            Ok(())
        }
    };
    match magic {
        [0xD0, 0xCF, 0x11, 0xE0] => {
            whole()?;
            let defused = Input::Defused(Cursor::new(biff::defuse(fresh()?)?));
            let book = calamine::Xls::new(defused).map_err(|_| WorkbookProblem::NotAWorkbook)?;
            Ok(Sheets::Xls(book))
        }
        [b'P', b'K', 3, 4] => {
            check_archive(path)?;
            if let Ok(book) = calamine::Xlsx::new(Input::File(fresh()?)) {
                return Ok(Sheets::Xlsx(book));
            }
            // Not xlsb: calamine lays its sheets out whole over their extents, which two cells
            // at A1 and XFD1048576 make seventeen billion.
            whole()?;
            if ods_cells(path)? > MAX_WHOLE_CELLS {
                return Err(WorkbookProblem::TooManyCells);
            }
            match calamine::Ods::new(Input::File(fresh()?)) {
                Ok(book) => Ok(Sheets::Ods(book)),
                Err(_) => Err(WorkbookProblem::NotAWorkbook),
            }
        }
        _ => Err(WorkbookProblem::NotAWorkbook),
    }
}

/// Inflates every part of a zip-based workbook once, capped, before calamine reads any: a part
/// may not inflate past [`MAX_RATIO`] times its compressed size (once past
/// [`SMALL_PART_BYTES`]), nor a part held whole (anything but a sheet) past
/// [`MAX_HELD_PART_BYTES`]. The sizes an archive declares are not trusted: the bytes are counted.
/// A sheet, which calamine streams, is also read as XML: none of its cells may hold more than
/// [`MAX_CELL_BYTES`] of text, nor any tag or text between two tags be longer, since calamine
/// holds each cell's value, and each tag, whole.
pub fn check_archive(path: &Path) -> Result<(), WorkbookProblem> {
    let (file, _) = exposure_core::files::open_regular(path)
        .map_err(|_| WorkbookProblem::Io(std::io::ErrorKind::NotFound))?;
    let mut archive =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|_| WorkbookProblem::NotAWorkbook)?;
    for index in 0..archive.len() {
        let part = archive
            .by_index(index)
            .map_err(|_| WorkbookProblem::NotAWorkbook)?;
        let name = part
            .name()
            .map_err(|_| WorkbookProblem::NotAWorkbook)?
            .into_owned();
        // The parts calamine streams: an xlsx sheet, an ods file's content. It holds the others.
        let sheet = name.contains("worksheets/") || name.ends_with("content.xml");
        let limit = (part.compressed_size().saturating_mul(MAX_RATIO)).max(SMALL_PART_BYTES);
        let mut inflating = Inflating {
            limit: if sheet {
                limit
            } else {
                limit.min(MAX_HELD_PART_BYTES)
            },
            inflated: 0,
            since_tag: 0,
            longest_run: sheet.then_some(MAX_CELL_BYTES),
            exceeded: None,
            part,
        };
        let read = if sheet {
            cells_within_bounds(BufReader::new(&mut inflating))
        } else {
            std::io::copy(&mut inflating, &mut std::io::sink()).map(|_| true)
        };
        let shown = || shown_name(&name);
        match (read, inflating.exceeded) {
            (_, Some(Exceeded::Inflated)) => return Err(WorkbookProblem::Bomb { part: shown() }),
            (_, Some(Exceeded::Run)) | (Ok(false), None) => {
                return Err(WorkbookProblem::LongCell { part: shown() });
            }
            (Err(_), None) => return Err(WorkbookProblem::NotAWorkbook),
            (Ok(true), None) => {}
        }
    }
    Ok(())
}

/// Which of its bounds a part's inflating went past.
#[derive(Debug, Clone, Copy)]
enum Exceeded {
    Inflated,
    Run,
}

/// A part of an archive as it inflates, stopped with an error once it inflates past `limit`, or,
/// for a part read as XML, once it runs longer than `longest_run` bytes without a `<`: no tag nor
/// text between two tags is longer, as a `<` may stand in neither an attribute nor text.
struct Inflating<R> {
    part: R,
    limit: u64,
    inflated: u64,
    since_tag: u64,
    longest_run: Option<u64>,
    exceeded: Option<Exceeded>,
}

impl<R: Read> Read for Inflating<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.part.read(buf)?;
        let read = &buf[..n];
        self.inflated += n as u64;
        if self.inflated > self.limit {
            return Err(self.exceed(Exceeded::Inflated));
        }
        let Some(longest_run) = self.longest_run else {
            return Ok(n);
        };
        let run = match memchr::memchr(b'<', read) {
            None => {
                self.since_tag += n as u64;
                self.since_tag
            }
            Some(first) => {
                let before = self.since_tag + first as u64;
                let last = memchr::memrchr(b'<', read).unwrap_or(first);
                // A run between two `<` of what was read is shorter than it: looked for only
                // when it could be longer than the bound.
                let inside = if n as u64 > longest_run {
                    longest_between(&read[first..=last], b'<')
                } else {
                    0
                };
                self.since_tag = (n - last - 1) as u64;
                before.max(inside).max(self.since_tag)
            }
        };
        if run > longest_run {
            return Err(self.exceed(Exceeded::Run));
        }
        Ok(n)
    }
}

impl<R> Inflating<R> {
    /// Notes which bound the part went past, for the caller to name, and stops the read.
    fn exceed(&mut self, bound: Exceeded) -> std::io::Error {
        self.exceeded = Some(bound);
        std::io::Error::other("past a workbook's bounds")
    }
}

/// The longest stretch of `bytes` between two occurrences of `byte`.
fn longest_between(bytes: &[u8], byte: u8) -> u64 {
    let mut longest = 0;
    let mut previous = None;
    for at in memchr::memchr_iter(byte, bytes) {
        if let Some(previous) = previous {
            longest = longest.max((at - previous - 1) as u64);
        }
        previous = Some(at);
    }
    longest
}

/// An XML reader set as calamine sets its own, so that what calamine reads is never refused here
/// as malformed: end tags need not match their start, nor comments be well formed.
fn lenient_as_calamine<R>(mut reader: quick_xml::Reader<R>) -> quick_xml::Reader<R> {
    let config = reader.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    reader
}

/// The text of the cell being read, as calamine holds it: the text, CDATA and entities inside a
/// cell, and none of what stands between cells (the whitespace a pretty-printed sheet puts
/// between its tags).
#[derive(Default)]
struct CellText {
    inside: bool,
    bytes: u64,
}

impl CellText {
    fn start(&mut self) {
        *self = CellText {
            inside: true,
            bytes: 0,
        };
    }

    /// The cell's text, once it ends.
    fn end(&mut self) -> u64 {
        std::mem::take(self).bytes
    }

    fn add(&mut self, event: &quick_xml::events::Event<'_>) {
        use quick_xml::events::Event;
        if self.inside {
            self.bytes += match event {
                Event::Text(text) => text.len(),
                Event::CData(text) => text.len(),
                // `&name;`
                Event::GeneralRef(entity) => entity.len() + 2,
                _ => 0,
            } as u64;
        }
    }
}

/// Reads a sheet's XML (an xlsx sheet, an ods file's content), and says whether each cell's text
/// (its value, an inline string's runs, a formula's text, all of it held as one string) stays
/// within [`MAX_CELL_BYTES`]. `Err` for XML that is not well formed.
fn cells_within_bounds(xml: impl std::io::BufRead) -> std::io::Result<bool> {
    use quick_xml::events::Event;
    let mut reader = lenient_as_calamine(quick_xml::Reader::from_reader(xml));
    let is_cell = |name: &str| matches!(name, "c" | "table-cell");
    let mut buf = Vec::new();
    let mut cell = CellText::default();
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(std::io::Error::other)?;
        cell.add(&event);
        match event {
            Event::Eof => return Ok(true),
            Event::Start(element) if is_cell(element.local_name().as_ref()) => cell.start(),
            Event::End(element) if is_cell(element.local_name().as_ref()) => {
                cell.end();
            }
            _ => {}
        }
        if cell.bytes > MAX_CELL_BYTES {
            return Ok(false);
        }
        buf.clear();
    }
}

/// The cells calamine lays out for the sheets of an ods file, which it reads whole, all sheets
/// when it opens the file: for each sheet, its rows from the first to the last that holds a value
/// times its widest such row, each row and cell repeated as the file says (up to the most rows and
/// columns calamine lays out). Counted from `content.xml` as a stream, so a file of a few
/// kilobytes that repeats a cell a hundred million times is refused before any is held. A cell
/// counts as holding a value unless it is plainly empty (no type, no formula, no content), so the
/// count is never below calamine's.
fn ods_cells(path: &Path) -> Result<u64, WorkbookProblem> {
    use quick_xml::events::{BytesStart, Event};
    use quick_xml::name::QName;

    /// A repeat count from an attribute; one it cannot read counts as the most calamine takes.
    fn repeats(element: &BytesStart<'_>, name: &str, most: u64) -> u64 {
        match element.try_get_attribute(name) {
            Ok(None) => 1,
            Ok(Some(attribute)) => attribute
                .value
                .trim()
                .parse::<u64>()
                .map_or(most, |count| count.min(most)),
            Err(_) => most,
        }
    }
    fn valued(element: &BytesStart<'_>) -> bool {
        ["office:value-type", "table:formula"]
            .iter()
            .any(|name| matches!(element.try_get_attribute(name), Ok(Some(_)) | Err(_)))
    }

    let (file, _) = exposure_core::files::open_regular(path)
        .map_err(|_| WorkbookProblem::Io(std::io::ErrorKind::NotFound))?;
    let mut archive =
        zip::ZipArchive::new(BufReader::new(file)).map_err(|_| WorkbookProblem::NotAWorkbook)?;
    let content = archive
        .by_name("content.xml")
        .map_err(|_| WorkbookProblem::NotAWorkbook)?;
    let mut reader = lenient_as_calamine(quick_xml::Reader::from_reader(BufReader::new(content)));
    let mut buf = Vec::new();
    let mut total = 0u64;
    // The sheet read: its rows so far, where its rows holding a value start and end, its widest.
    let (mut rows, mut first, mut end, mut widest) = (0u64, None, 0u64, 0u64);
    // The row read: its repeats, its cells so far, and how far its cells holding a value reach.
    let (mut row_repeats, mut cells, mut width) = (0u64, 0u64, 0u64);
    // The text calamine holds: the cell read's repeats and text, the row's, the file's so far. A
    // repeated cell's text is held once for each repeat.
    let (mut cell_repeats, mut cell, mut row_text, mut text) =
        (0u64, CellText::default(), 0u64, 0u64);
    loop {
        let event = reader
            .read_event_into(&mut buf)
            .map_err(|_| WorkbookProblem::NotAWorkbook)?;
        let start = matches!(event, Event::Start(_));
        cell.add(&event);
        match event {
            Event::Eof => break,
            Event::End(element) if element.name() == QName("table:table") => {
                let span = first.map_or(0, |first: u64| end - first);
                total = total.saturating_add(span.saturating_mul(widest));
                if total > MAX_WHOLE_CELLS {
                    break;
                }
                (rows, first, end, widest) = (0, None, 0, 0);
            }
            Event::Start(element) if element.name() == QName("table:table-row") => {
                row_repeats = repeats(&element, "table:number-rows-repeated", ODS_MAX_ROWS);
                (cells, width) = (0, 0);
            }
            Event::Empty(element) if element.name() == QName("table:table-row") => {
                let repeated = repeats(&element, "table:number-rows-repeated", ODS_MAX_ROWS);
                rows = rows.saturating_add(repeated).min(ODS_MAX_ROWS);
            }
            Event::End(element) if element.name() == QName("table:table-row") => {
                let repeated = row_repeats.min(ODS_MAX_ROWS - rows);
                if width > 0 && repeated > 0 {
                    first.get_or_insert(rows);
                    end = rows + repeated;
                    widest = widest.max(width);
                }
                rows += repeated;
                text = text.saturating_add(std::mem::take(&mut row_text).saturating_mul(repeated));
                if text > MAX_HELD_PART_BYTES {
                    return Err(WorkbookProblem::TooMuchText);
                }
            }
            Event::End(element)
                if element.name() == QName("table:table-cell")
                    || element.name() == QName("table:covered-table-cell") =>
            {
                row_text = row_text.saturating_add(cell.end().saturating_mul(cell_repeats));
            }
            Event::Start(element) | Event::Empty(element)
                if element.name() == QName("table:table-cell")
                    || element.name() == QName("table:covered-table-cell") =>
            {
                let repeated = repeats(&element, "table:number-columns-repeated", ODS_MAX_COLUMNS);
                cells = (cells + repeated).min(ODS_MAX_COLUMNS);
                cell_repeats = repeated;
                if start {
                    cell.start();
                }
                if start || valued(&element) {
                    width = cells;
                }
            }
            _ => {}
        }
        buf.clear();
    }
    Ok(total)
}

/// The sheet a source names, or the first.
fn sheet_name(book: &Book, wanted: Option<&str>) -> Result<String, WorkbookProblem> {
    let names = book.sheet_names();
    match wanted {
        None => names.first().cloned().ok_or(WorkbookProblem::NoSheet),
        Some(wanted) => match names.iter().position(|name| name == wanted) {
            Some(found) => Ok(names[found].clone()),
            None => Err(WorkbookProblem::UnknownSheet {
                sheets: names.iter().map(|name| shown_name(name)).collect(),
            }),
        },
    }
}

/// A cell's value, whichever calamine reader gave it.
enum Cell<'a> {
    Empty,
    Text(&'a str),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(&'a ExcelDateTime),
    /// An ods date or duration, in ISO 8601.
    DateIso(&'a str),
}

impl<'a> From<&'a Data> for Cell<'a> {
    fn from(data: &'a Data) -> Self {
        match data {
            Data::Int(i) => Cell::Int(*i),
            Data::Float(f) => Cell::Float(*f),
            Data::String(s) => Cell::Text(s),
            Data::Bool(b) => Cell::Bool(*b),
            Data::DateTime(d) => Cell::Date(d),
            Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::DateIso(s),
            Data::Error(_) | Data::Empty => Cell::Empty,
        }
    }
}

impl<'a> From<&'a DataRef<'_>> for Cell<'a> {
    fn from(data: &'a DataRef<'_>) -> Self {
        match data {
            DataRef::Int(i) => Cell::Int(*i),
            DataRef::Float(f) => Cell::Float(*f),
            DataRef::String(s) => Cell::Text(s),
            DataRef::SharedString(s) => Cell::Text(s),
            DataRef::Bool(b) => Cell::Bool(*b),
            DataRef::DateTime(d) => Cell::Date(d),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => Cell::DateIso(s),
            DataRef::Error(_) | DataRef::Empty => Cell::Empty,
        }
    }
}

impl Cell<'_> {
    fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) | Cell::DateIso(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a header name, or as a data-only value: what the spreadsheet shows.
    fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => (*text).to_owned(),
            // What a date of birth reads as, not the midnight ods adds to it.
            Cell::DateIso(text) => text.strip_suffix("T00:00:00").unwrap_or(text).to_owned(),
            Cell::Int(i) => i.to_string(),
            Cell::Float(f) if f.fract() == 0.0 && f.abs() < EXACT_SPREADSHEET_LIMIT => {
                format!("{}", *f as i64)
            }
            Cell::Float(f) => f.to_string(),
            Cell::Bool(b) => b.to_string(),
            Cell::Date(date) => date_text(date),
        }
    }

    /// The cell's text for `field`, or why the row is skipped (see the module's rules).
    fn text(&self, field: &Field) -> Result<Option<String>, RowProblem> {
        if self.is_empty() {
            return Ok(None);
        }
        let identifier = !super::jsonl::is_data_only(field);
        match self {
            Cell::Float(f)
                if identifier && (f.fract() != 0.0 || f.abs() >= EXACT_SPREADSHEET_LIMIT) =>
            {
                Err(RowProblem::SpreadsheetNumber)
            }
            Cell::Int(i) if identifier && i.unsigned_abs() >= EXACT_SPREADSHEET_LIMIT as u64 => {
                Err(RowProblem::SpreadsheetNumber)
            }
            Cell::Date(_) | Cell::DateIso(_) if identifier && *field != Field::Dob => {
                Err(RowProblem::DateCell)
            }
            _ => Ok(Some(self.shown())),
        }
    }
}

/// A date cell as `YYYY-MM-DD`, with the time of day when it has one.
fn date_text(date: &ExcelDateTime) -> String {
    let (year, month, day, hour, minute, second, _) = date.to_ymd_hms_milli();
    if (hour, minute, second) == (0, 0, 0) {
        format!("{year:04}-{month:02}-{day:02}")
    } else {
        format!("{year:04}-{month:02}-{day:02}T{hour:02}:{minute:02}:{second:02}")
    }
}

/// The first row of a sheet that holds anything (its header, or the row that shows its width),
/// each cell as it is shown; read from a workbook checked as [`open_book`] checks it.
pub fn first_row(path: &Path, sheet: Option<&str>) -> Result<FirstRow, WorkbookProblem> {
    guarded(|| read_first_row(path, sheet))
}

thread_local! {
    /// Whether this thread is inside [`guarded`], whose panics are not printed.
    static GUARDED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Runs calamine over a hostile file: a panic inside it (a bug of its own, on bytes no
/// spreadsheet writes) makes the workbook unreadable rather than ending the build, and is not
/// printed: a panic's message can quote the file (a string sliced inside a character shows the
/// string), and the file's text may be someone's identifier. Panics elsewhere print as before,
/// through the hook that was there first.
fn guarded<T>(read: impl FnOnce() -> Result<T, WorkbookProblem>) -> Result<T, WorkbookProblem> {
    static QUIET_HOOK: std::sync::Once = std::sync::Once::new();
    QUIET_HOOK.call_once(|| {
        let printing = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !GUARDED.get() {
                printing(info);
            }
        }));
    });
    let outer = GUARDED.replace(true);
    let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(read));
    GUARDED.set(outer);
    outcome.unwrap_or(Err(WorkbookProblem::NotAWorkbook))
}

fn read_first_row(path: &Path, sheet: Option<&str>) -> Result<FirstRow, WorkbookProblem> {
    let mut book = open_book(path, &Arc::new(AtomicU64::new(0)))?;
    let sheet = sheet_name(&book, sheet)?;
    let mut cells: Vec<String> = Vec::new();
    let mut row = None;
    let mut take = |at: (u32, u32), cell: Cell| {
        if cell.is_empty() {
            return true;
        }
        if row.is_some_and(|row| row != at.0) {
            return false;
        }
        row = Some(at.0);
        let column = at.1 as usize;
        if column < MAX_COLUMNS {
            if cells.len() <= column {
                cells.resize(column + 1, String::new());
            }
            cells[column] = cell.shown();
        }
        true
    };
    walk(&mut book, &sheet, &mut take)?;
    Ok(FirstRow { sheet, cells })
}

/// Feeds each cell of a sheet with its (row, column), 0-based, to `take` until it returns false:
/// an xlsx sheet streamed, any other read whole.
fn walk(
    book: &mut Book,
    sheet: &str,
    take: &mut dyn FnMut((u32, u32), Cell) -> bool,
) -> Result<(), WorkbookProblem> {
    match book {
        Sheets::Xlsx(xlsx) => {
            let mut cells = xlsx
                .worksheet_cells_reader(sheet)
                .map_err(|_| WorkbookProblem::NotAWorkbook)?;
            while let Some(cell) = cells
                .next_cell()
                .map_err(|_| WorkbookProblem::NotAWorkbook)?
            {
                if !take(cell.get_position(), Cell::from(cell.get_value())) {
                    break;
                }
            }
        }
        book => {
            let range = book
                .worksheet_range(sheet)
                .map_err(|_| WorkbookProblem::NotAWorkbook)?;
            let start = range.start().unwrap_or_default();
            for (row, column, data) in range.used_cells() {
                let at = (start.0 + row as u32, start.1 + column as u32);
                if !take(at, Cell::from(data)) {
                    break;
                }
            }
        }
    }
    Ok(())
}

/// Rows sent from the worker thread at once: enough to keep the pipeline fed, few enough that
/// memory stays a few megabytes.
const BATCH_ROWS: usize = 1024;

/// Rows in batches, or the problem that stopped the reading, from the worker to the reader.
type Batches = mpsc::Receiver<Result<Vec<Row>, WorkbookProblem>>;

/// Streams the rows of an `xlsx` source. calamine's cell reader borrows its workbook, so both live
/// on a worker thread that sends rows here in batches, ahead by at most two batches. The worker
/// ends with the reader: dropped early (a cancelled build), it hangs up and waits for the worker
/// to notice, so that no thread reading a dump outlives its reader.
pub(super) struct SheetReader {
    batches: Batches,
    batch: std::vec::IntoIter<Row>,
    read: Arc<AtomicU64>,
    path: PathBuf,
    worker: Option<std::thread::JoinHandle<()>>,
}

impl Drop for SheetReader {
    fn drop(&mut self) {
        let (_, hung_up) = mpsc::sync_channel(0);
        drop(std::mem::replace(&mut self.batches, hung_up));
        if let Some(worker) = self.worker.take() {
            // Its panics are caught inside it: there is nothing to pass on.
            let _ = worker.join();
        }
    }
}

impl SheetReader {
    pub(super) fn open(source: &Source) -> std::io::Result<SheetReader> {
        let (sender, batches) = mpsc::sync_channel(2);
        let read = Arc::new(AtomicU64::new(0));
        let worker = Worker {
            source: source.clone(),
            read: read.clone(),
            sender,
        };
        let worker = std::thread::Builder::new()
            .name("sheet-reader".to_owned())
            .spawn(move || worker.run())?;
        Ok(SheetReader {
            batches,
            batch: Vec::new().into_iter(),
            read,
            path: source.path.clone(),
            worker: Some(worker),
        })
    }

    pub(super) fn bytes_read(&self) -> u64 {
        self.read.load(Ordering::Relaxed)
    }

    /// The next row, or `None` at the end of the sheet. `Err` for a workbook that turns out
    /// unreadable midway (the plan read its start).
    pub(super) fn next_row(&mut self) -> std::io::Result<Option<Row>> {
        loop {
            if let Some(row) = self.batch.next() {
                return Ok(Some(row));
            }
            match self.batches.recv() {
                Ok(Ok(batch)) => self.batch = batch.into_iter(),
                Ok(Err(problem)) => {
                    return Err(std::io::Error::new(
                        std::io::ErrorKind::InvalidData,
                        UnreadableWorkbook {
                            path: self.path.clone(),
                            problem,
                        },
                    ));
                }
                Err(mpsc::RecvError) => return Ok(None),
            }
        }
    }
}

/// The error of a workbook that fails midway, inside the `io::Error` it stops the build with.
#[derive(Debug, thiserror::Error)]
#[error("{}: {problem}", path.display())]
pub struct UnreadableWorkbook {
    pub path: PathBuf,
    pub problem: WorkbookProblem,
}

impl UnreadableWorkbook {
    pub fn of(error: &std::io::Error) -> Option<WorkbookProblem> {
        error
            .get_ref()
            .and_then(|inner| inner.downcast_ref::<UnreadableWorkbook>())
            .map(|workbook| workbook.problem.clone())
    }
}

/// The reading half of a [`SheetReader`].
struct Worker {
    source: Source,
    read: Arc<AtomicU64>,
    sender: mpsc::SyncSender<Result<Vec<Row>, WorkbookProblem>>,
}

/// The row being gathered from its cells.
struct Gathering {
    /// 0-based, as calamine numbers rows.
    row: u32,
    values: Vec<FieldValue>,
    /// The first problem, and the column (0-based) of the cell it is in.
    problem: Option<(RowProblem, u32)>,
}

impl Worker {
    fn run(self) {
        if let Err(problem) = guarded(|| self.read_rows()) {
            // The reader may be gone already (a cancelled build): nobody to tell.
            let _ = self.sender.send(Err(problem));
        }
    }

    fn read_rows(&self) -> Result<(), WorkbookProblem> {
        let mut book = open_book(&self.source.path, &self.read)?;
        let sheet = sheet_name(&book, self.source.sheet.as_deref())?;
        // Every row's position names the sheet: shared, as it is the same for a million rows.
        let shown_sheet: Arc<str> = Arc::from(shown_name(&sheet));
        // Which of the source's columns each sheet column feeds.
        let mut feeds: Vec<Option<usize>> = Vec::new();
        for (column, (position, _)) in self.source.columns.iter().enumerate() {
            if let Column::Index(index) = position {
                if feeds.len() <= *index {
                    feeds.resize(index + 1, None);
                }
                feeds[*index] = Some(column);
            }
        }
        let mut batch = Vec::with_capacity(BATCH_ROWS);
        let mut current: Option<Gathering> = None;
        let mut header_left = self.source.header;
        let mut gone = false;
        let mut flush = |gathering: Gathering, batch: &mut Vec<Row>| -> bool {
            if std::mem::take(&mut header_left) {
                return true;
            }
            let position = Position::SheetRow {
                sheet: shown_sheet.clone(),
                row: u64::from(gathering.row) + 1,
            };
            batch.push(match gathering.problem {
                Some((problem, column)) => Row::Bad {
                    position: position.in_column(column + 1),
                    problem,
                },
                None => Row::Record(Record {
                    position,
                    values: gathering.values,
                }),
            });
            batch.len() < BATCH_ROWS || {
                let full = std::mem::replace(batch, Vec::with_capacity(BATCH_ROWS));
                self.sender.send(Ok(full)).is_ok()
            }
        };
        let mut take = |(row, column): (u32, u32), cell: Cell| -> bool {
            if cell.is_empty() {
                return true;
            }
            if current
                .as_ref()
                .is_some_and(|gathering| gathering.row != row)
            {
                let done = current.take().expect("checked just above");
                if !flush(done, &mut batch) {
                    gone = true;
                    return false;
                }
            }
            let gathering = current.get_or_insert_with(|| Gathering {
                row,
                values: Vec::new(),
                problem: None,
            });
            let Some(&Some(mapped)) = feeds.get(column as usize) else {
                return true;
            };
            if gathering.problem.is_some() {
                return true;
            }
            let field = &self.source.columns[mapped].1;
            match cell.text(field) {
                Ok(Some(text)) => match field_problem(text.as_bytes()) {
                    Some(problem) => gathering.problem = Some((problem, column)),
                    None => gathering.values.push(FieldValue {
                        column: mapped,
                        text: Zeroizing::new(text),
                    }),
                },
                Ok(None) => {}
                Err(problem) => gathering.problem = Some((problem, column)),
            }
            true
        };
        walk(&mut book, &sheet, &mut take)?;
        if gone {
            return Ok(());
        }
        if let Some(last) = current.take() {
            flush(last, &mut batch);
        }
        if !batch.is_empty() {
            let _ = self.sender.send(Ok(batch));
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use rust_xlsxwriter::{Format as CellFormat, Formula, Workbook};

    use super::*;
    use crate::source::{Encoding, Format};

    /// A workbook with a sheet "Couriers" (after an empty first sheet "Notes") whose header is
    /// name, phone, id, dob, and whose rows `write` fills from row 1.
    fn workbook(
        dir: &Path,
        write: impl FnOnce(&mut rust_xlsxwriter::Worksheet) -> Result<(), rust_xlsxwriter::XlsxError>,
    ) -> PathBuf {
        let mut book = Workbook::new();
        book.add_worksheet().set_name("Notes").unwrap();
        let sheet = book.add_worksheet().set_name("Couriers").unwrap();
        for (column, name) in ["name", "phone", "id", "dob"].iter().enumerate() {
            sheet.write_string(0, column as u16, *name).unwrap();
        }
        write(sheet).unwrap();
        let path = dir.join("couriers.xlsx");
        book.save(&path).unwrap();
        path
    }

    pub(super) fn source(path: PathBuf) -> Source {
        Source {
            path,
            format: Format::Xlsx,
            compression: crate::source::Compression::None,
            encoding: Encoding::Utf8,
            encoding_detected: None,
            header: true,
            columns: vec![
                (Column::Index(1), Field::Phone),
                (Column::Index(2), Field::NationalIdCn),
                (Column::Index(3), Field::Dob),
            ],
            header_width: Some(4),
            table: None,
            delimiter: None,
            sheet: Some("Couriers".to_owned()),
        }
    }

    /// Each row as (sheet row, its values or its problem).
    pub(super) fn rows_of(source: &Source) -> Vec<(u64, Result<Vec<String>, RowProblem>)> {
        let mut reader = SheetReader::open(source).unwrap();
        let mut rows = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            rows.push(crate::dump::tests::read_row(row));
        }
        rows
    }

    #[test]
    fn cells_read_as_the_spreadsheet_shows_them_and_mangled_ones_are_row_problems() {
        let dir = tempfile::tempdir().unwrap();
        let date = CellFormat::new().set_num_format("yyyy-mm-dd");
        let birthday = rust_xlsxwriter::ExcelDateTime::from_ymd(1985, 3, 7).unwrap();
        let path = workbook(dir.path(), |sheet| {
            sheet.write_string(1, 1, "13800138000")?;
            sheet.write_string(1, 2, "110105198503071234")?;
            sheet.write_datetime_with_format(1, 3, &birthday, &date)?;
            // A phone stored as a number reads as its digits.
            sheet.write_number(2, 1, 13_800_138_001.0)?;
            // An 18-digit ID stored as a number has kept 15 significant digits.
            sheet.write_number(3, 2, 110_105_198_503_071_234.0)?;
            // A phone the spreadsheet took for a date.
            sheet.write_datetime_with_format(4, 1, &birthday, &date)?;
            // A formula reads as the value cached when the file was saved.
            sheet.write_formula(
                5,
                1,
                Formula::new("=\"1380013\"&\"8002\"").set_result("13800138002"),
            )?;
            // Row 7 is empty and is no row; row 8 holds only an unmapped cell.
            sheet.write_string(7, 0, "王芳")?;
            Ok(())
        });
        assert_eq!(rows_of(&source(path)), couriers_as_shown());
    }

    /// The rows of the couriers sheet written by the tests that read cells as the spreadsheet
    /// shows them, in xlsx here and in xls in [`super::biff`]: a phone, an ID and a date cell; a
    /// phone stored as a number; an ID stored as a number, rounded; a date where a phone was
    /// expected; a formula with its cached value; an empty row; a row of an unmapped cell.
    pub(super) fn couriers_as_shown() -> Vec<(u64, Result<Vec<String>, RowProblem>)> {
        vec![
            (
                2,
                Ok(vec![
                    "13800138000".to_owned(),
                    "110105198503071234".to_owned(),
                    "1985-03-07".to_owned(),
                ]),
            ),
            (3, Ok(vec!["13800138001".to_owned()])),
            (4, Err(RowProblem::SpreadsheetNumber)),
            (5, Err(RowProblem::DateCell)),
            (6, Ok(vec!["13800138002".to_owned()])),
            (8, Ok(vec![])),
        ]
    }

    #[test]
    fn a_problem_names_the_cell_it_is_in_and_a_row_its_sheet_and_row() {
        let dir = tempfile::tempdir().unwrap();
        let date = CellFormat::new().set_num_format("yyyy-mm-dd");
        let birthday = rust_xlsxwriter::ExcelDateTime::from_ymd(1985, 3, 7).unwrap();
        let path = workbook(dir.path(), |sheet| {
            sheet.write_string(1, 1, "13800138000")?;
            // A good phone in B, a rounded ID in C: the problem is C's.
            sheet.write_string(2, 1, "13800138001")?;
            sheet.write_number(2, 2, 110_105_198_503_071_234.0)?;
            // A date where the phone of column AB was expected.
            sheet.write_datetime_with_format(3, 27, &birthday, &date)?;
            sheet.write_number(11, 2, 110_105_198_503_071_234.0)?;
            Ok(())
        });
        let mut source = source(path);
        source.columns.push((Column::Index(27), Field::Phone));
        let mut reader = SheetReader::open(&source).unwrap();
        let mut positions = Vec::new();
        while let Some(row) = reader.next_row().unwrap() {
            positions.push(row.position().clone());
        }
        let sheet: Arc<str> = Arc::from("Couriers");
        let cell = |row, column| Position::Cell {
            sheet: sheet.clone(),
            row,
            column,
        };
        let expected = [
            Position::SheetRow {
                sheet: sheet.clone(),
                row: 2,
            },
            cell(3, 3),
            cell(4, 28),
            cell(12, 3),
        ];
        assert_eq!(positions, expected);
    }

    #[test]
    fn a_reader_dropped_after_one_row_ends_its_worker_thread() {
        let dir = tempfile::tempdir().unwrap();
        // Rows enough that the worker blocks with batches the reader never takes.
        let path = workbook(dir.path(), |sheet| {
            for row in 1..=10 * BATCH_ROWS as u32 {
                sheet.write_string(row, 1, format!("1380{row:07}"))?;
            }
            Ok(())
        });
        let mut reader = SheetReader::open(&source(path)).unwrap();
        assert!(reader.next_row().unwrap().is_some());
        // The worker holds the byte count with the reader until it has ended.
        let read = reader.read.clone();
        drop(reader);
        assert_eq!(Arc::strong_count(&read), 1);
    }

    #[test]
    fn a_panic_inside_calamine_is_an_unreadable_workbook_and_leaves_panics_printed_again() {
        assert_eq!(
            guarded::<()>(|| panic!("a bug of calamine's, on bytes no spreadsheet writes")),
            Err(WorkbookProblem::NotAWorkbook)
        );
        assert!(!GUARDED.get());
    }

    #[test]
    fn the_plan_reads_the_named_sheets_header_and_knows_its_sheets() {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path(), |_| Ok(()));
        let first = first_row(&path, Some("Couriers")).unwrap();
        assert_eq!(first.cells, ["name", "phone", "id", "dob"]);
        assert_eq!(
            first_row(&path, Some("Parcels")).unwrap_err(),
            WorkbookProblem::UnknownSheet {
                sheets: vec!["Notes".to_owned(), "Couriers".to_owned()]
            }
        );
    }

    #[test]
    fn a_sheet_named_after_an_identifier_is_named_masked() {
        let dir = tempfile::tempdir().unwrap();
        let mut book = Workbook::new();
        book.add_worksheet().set_name("客户13812345678").unwrap();
        let path = dir.path().join("named.xlsx");
        book.save(&path).unwrap();
        let WorkbookProblem::UnknownSheet { sheets } = first_row(&path, Some("x")).unwrap_err()
        else {
            panic!("not an unknown sheet");
        };
        assert_eq!(sheets.len(), 1);
        assert!(!sheets[0].contains("13812345678"), "{sheets:?}");
    }

    #[test]
    fn a_sheet_of_sixteen_thousand_columns_is_read_a_row_at_a_time() {
        let dir = tempfile::tempdir().unwrap();
        let path = workbook(dir.path(), |sheet| {
            for column in 4..MAX_COLUMNS as u16 {
                sheet.write_string(0, column, format!("c{column}"))?;
                sheet.write_string(1, column, "x")?;
            }
            sheet.write_string(1, 1, "13800138000")?;
            Ok(())
        });
        assert_eq!(
            first_row(&path, Some("Couriers")).unwrap().cells.len(),
            MAX_COLUMNS
        );
        assert_eq!(
            rows_of(&source(path)),
            [(2, Ok(vec!["13800138000".to_owned()]))]
        );
    }

    /// An OpenDocument spreadsheet of one sheet "Couriers" whose rows are `rows` (table-row XML).
    fn ods(dir: &Path, rows: &str) -> PathBuf {
        use exposure_demo::ods;
        let path = dir.join("couriers.ods");
        let header = ods::row(&["name", "phone", "id", "dob"].map(ods::text));
        std::fs::write(&path, ods::ods_file(&[("Couriers", header + rows)])).unwrap();
        path
    }

    #[test]
    fn an_ods_sheet_reads_as_an_xlsx_one_does() {
        let dir = tempfile::tempdir().unwrap();
        let rows = "<table:table-row>\
            <table:table-cell/>\
            <table:table-cell office:value-type=\"float\" office:value=\"13800138000\"/>\
            <table:table-cell office:value-type=\"float\" office:value=\"110105198503071234\"/>\
            <table:table-cell office:value-type=\"date\" office:date-value=\"1985-03-07\"/>\
            </table:table-row><table:table-row>\
            <table:table-cell/>\
            <table:table-cell office:value-type=\"date\" office:date-value=\"2013-07-01T00:00:00\"/>\
            </table:table-row><table:table-row>\
            <table:table-cell/>\
            <table:table-cell office:value-type=\"float\" office:value=\"13800138001\"/>\
            <table:table-cell/>\
            <table:table-cell office:value-type=\"date\" office:date-value=\"1985-03-07T00:00:00\"/>\
            </table:table-row>";
        let path = ods(dir.path(), rows);
        assert_eq!(
            first_row(&path, None).unwrap().cells,
            ["name", "phone", "id", "dob"]
        );
        assert_eq!(
            rows_of(&source(path)),
            [
                (2, Err(RowProblem::SpreadsheetNumber)),
                (3, Err(RowProblem::DateCell)),
                (
                    4,
                    Ok(vec!["13800138001".to_owned(), "1985-03-07".to_owned()])
                ),
            ]
        );
    }

    #[test]
    fn an_ods_file_whose_repeats_lay_out_too_many_cells_is_refused_before_calamine_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        // A few hundred bytes: one cell repeated across every column of two thousand rows, 32
        // million cells, which calamine would hold whole (under its own cap of 10^8).
        let hostile = "<table:table-row table:number-rows-repeated=\"2000\">\
            <table:table-cell table:number-columns-repeated=\"16384\" office:value-type=\"float\" office:value=\"1\"/>\
            </table:table-row>";
        let path = ods(dir.path(), hostile);
        assert!(std::fs::metadata(&path).unwrap().len() < 2048);
        assert_eq!(
            first_row(&path, None).unwrap_err(),
            WorkbookProblem::TooManyCells
        );
        // What a spreadsheet writes after its last row (empty rows and cells repeated to the
        // sheet's edge) lays out nothing, and is read.
        let trailing = "<table:table-row><table:table-cell/>\
            <table:table-cell office:value-type=\"float\" office:value=\"13800138001\"/>\
            <table:table-cell table:number-columns-repeated=\"16382\"/></table:table-row>\
            <table:table-row table:number-rows-repeated=\"1048574\">\
            <table:table-cell table:number-columns-repeated=\"16384\"/></table:table-row>";
        let path = ods(dir.path(), trailing);
        assert_eq!(ods_cells(&path).unwrap(), 2 * 4);
        assert_eq!(
            rows_of(&source(path)),
            [(2, Ok(vec!["13800138001".to_owned()]))]
        );
    }

    #[test]
    fn an_ods_file_whose_repeats_hold_too_much_text_is_refused_before_calamine_reads_it() {
        let dir = tempfile::tempdir().unwrap();
        // Four kilobytes of text in one cell, repeated over 256 columns of 600 rows: 150,000
        // cells, well within what may be laid out, holding 629 MB of text.
        let text = format!("<text:p>{}</text:p>", "漢".repeat(1365));
        let hostile = format!(
            "<table:table-row table:number-rows-repeated=\"600\">\
             <table:table-cell table:number-columns-repeated=\"256\" office:value-type=\"string\">{text}\
             </table:table-cell></table:table-row>"
        );
        let path = ods(dir.path(), &hostile);
        assert_eq!(
            first_row(&path, None).unwrap_err(),
            WorkbookProblem::TooMuchText
        );
        // The same cell repeated over fewer rows is read.
        let path = ods(dir.path(), &hostile.replace("\"600\"", "\"2\""));
        assert_eq!(rows_of(&source(path)).len(), 2, "the row, repeated twice");
    }

    /// A zip whose one part inflates a thousandfold, named as a workbook's shared strings.
    fn bomb(dir: &Path) -> PathBuf {
        use std::io::Write;
        let path = dir.join("bomb.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/sharedStrings.xml", options).unwrap();
        let zeros = vec![b'0'; 1 << 20];
        for _ in 0..8 {
            zip.write_all(&zeros).unwrap();
        }
        zip.finish().unwrap();
        path
    }

    /// A zip holding one sheet part whose XML is `sheet`, deflated.
    fn with_sheet_xml(dir: &Path, sheet: &[u8]) -> PathBuf {
        use std::io::Write;
        let path = dir.join("long.xlsx");
        let mut zip = zip::ZipWriter::new(std::fs::File::create(&path).unwrap());
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        zip.write_all(sheet).unwrap();
        zip.finish().unwrap();
        path
    }

    /// Digits that compress about as well as a leak's text does, far below a zip bomb's ratio.
    fn digits(count: usize) -> String {
        let mut state = 0x2545_f491_u32;
        (0..count)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 17;
                state ^= state << 5;
                char::from(b'0' + (state % 10) as u8)
            })
            .collect()
    }

    #[test]
    fn a_cell_longer_than_any_spreadsheet_writes_refuses_the_workbook_before_calamine_holds_it() {
        let dir = tempfile::tempdir().unwrap();
        let long_cell = |runs: &str| {
            format!(
                "<worksheet><sheetData><row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is>{runs}</is></c>\
                 </row></sheetData></worksheet>"
            )
        };
        let refused = Err(WorkbookProblem::LongCell {
            part: "xl/worksheets/sheet1.xml".to_owned(),
        });
        // 2,100 rich runs of a thousand characters: one value of 2.1 MB, a tag every kilobyte.
        let run = format!("<r><t>{}</t></r>", digits(1000));
        let path = with_sheet_xml(dir.path(), long_cell(&run.repeat(2100)).as_bytes());
        assert_eq!(check_archive(&path), refused);
        // 2.1 MB of text with no tag in it.
        let path = with_sheet_xml(
            dir.path(),
            long_cell(&format!("<t>{}</t>", digits(2_100_000))).as_bytes(),
        );
        assert_eq!(check_archive(&path), refused);
        // The longest cell a spreadsheet holds, in runs, is read.
        let path = with_sheet_xml(dir.path(), long_cell(&run.repeat(32)).as_bytes());
        assert_eq!(check_archive(&path), Ok(()));
        // So is a sheet pretty-printed, with megabytes of whitespace between tags outside cells.
        let rows: String = (1..=200_000)
            .map(|row| format!("\n  <row r=\"{row}\">\n  </row>"))
            .collect();
        let pretty = format!("<worksheet><sheetData>{rows}\n</sheetData></worksheet>");
        let path = with_sheet_xml(dir.path(), pretty.as_bytes());
        assert_eq!(check_archive(&path), Ok(()));
        // So is XML that calamine reads though its end tags do not match their start.
        let sloppy = long_cell(&run).replace("</row>", "</ROW>");
        let path = with_sheet_xml(dir.path(), sloppy.as_bytes());
        assert_eq!(check_archive(&path), Ok(()));
    }

    #[test]
    fn a_shared_strings_part_that_is_a_zip_bomb_refuses_the_workbook_before_calamine_opens_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = bomb(dir.path());
        assert_eq!(
            first_row(&path, None).unwrap_err(),
            WorkbookProblem::Bomb {
                part: "xl/sharedStrings.xml".to_owned()
            }
        );
    }
}
