//! xls files made safe for calamine, which reads every sheet of an xls file whole when it opens
//! the file, and trusts what the file says.
//!
//! The workbook stream (its BIFF records) is read here first, out of the compound file through the
//! `cfb` crate, and walked as calamine walks it. A file is refused ([`WorkbookProblem`]) when
//! calamine would hold too much of it:
//! - the cells its sheets lay out: calamine lays each sheet out as a dense grid from its first row
//!   and column holding a value to its last, so two cells at A1 and IV65536 are 16.8 million;
//! - the text its cells repeat: calamine copies a shared string into every cell that shows it, so
//!   one string of 65,535 characters shown by a million cells would be hundreds of gigabytes;
//! - records followed by tens of thousands of CONTINUE records, which calamine takes one by one
//!   from the front of a list, in time that grows with the square of their number.
//!
//! Two kinds of record are rewritten in place, each keeping its length, so every offset the stream
//! holds stays right:
//! - a formula's tokens are emptied. calamine turns them into formula text, which Exposure never
//!   reads, and some tokens make that text grow without bound and in quadratic time (a space token
//!   inserts up to 255 characters at the front of what is written so far). The value the
//!   spreadsheet cached beside the tokens stays, and is what is read;
//! - a sheet's DIMENSIONS record is emptied: calamine reserves memory for the extent it declares,
//!   which a file can make four billion rows.
//!
//! calamine then reads a compound file made here that holds that stream alone, so it never parses
//! the original compound file's structure, which only the `cfb` crate has read.

use std::io::{Cursor, Read, Seek, Write};

use super::{MAX_HELD_PART_BYTES, MAX_WHOLE_BYTES, MAX_WHOLE_CELLS, WorkbookProblem};

/// The most CONTINUE records one record may have. A shared-strings table of 64 MiB, the largest an
/// xls file read here holds, needs about 8,200 of 8,224 bytes each.
const MAX_CONTINUES: usize = 16_384;
/// The most bytes of UTF-8 one character of a BIFF string becomes in calamine: a UTF-16 unit is at
/// most 3, and a file whose code page is not UTF-16 has its two bytes decoded as two characters.
const MAX_UTF8_PER_UNIT: u64 = 6;
/// What calamine holds for each string besides its text (a `String`).
const STRING_OVERHEAD: u64 = 24;

/// Record types, as MS-XLS numbers them.
mod record {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const CONTINUE: u16 = 0x003C;
    pub const BOUND_SHEET: u16 = 0x0085;
    pub const SST: u16 = 0x00FC;
    pub const DIMENSIONS: u16 = 0x0200;
    pub const FORMULA: u16 = 0x0006;
    /// The text a formula cached, at the position of the formula before it.
    pub const STRING: u16 = 0x0207;
    pub const LABEL_SST: u16 = 0x00FD;
    pub const MUL_RK: u16 = 0x00BD;
    /// Cells that give their own row and column first: Number, Label, RString, BoolErr, Rk.
    pub const CELLS: [u16; 5] = [0x0203, 0x0204, 0x00D6, 0x0205, 0x027E];
}

/// Where a FORMULA record's token count sits in its data: after the row, column, format, cached
/// value, flags and a reserved field.
const FORMULA_TOKENS_AT: usize = 20;

/// An xls file's bytes, checked and rewritten as this module says, as a compound file of its
/// workbook stream alone.
pub(super) fn defuse(file: impl Read + Seek) -> Result<Vec<u8>, WorkbookProblem> {
    let mut stream = workbook_stream(file)?;
    let patches = check(&stream)?;
    for patch in patches {
        stream[patch].fill(0);
    }
    compound_file(&stream).map_err(WorkbookProblem::from)
}

/// The workbook stream, as calamine finds it: `Workbook`, or `Book` in files before Excel 97.
fn workbook_stream(file: impl Read + Seek) -> Result<Vec<u8>, WorkbookProblem> {
    let mut compound = cfb::CompoundFile::open(file).map_err(|_| WorkbookProblem::NotAWorkbook)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|name| compound.is_stream(name))
        .ok_or(WorkbookProblem::NotAWorkbook)?;
    let stream = compound
        .open_stream(name)
        .map_err(|_| WorkbookProblem::NotAWorkbook)?;
    let mut bytes = Vec::new();
    stream
        .take(MAX_WHOLE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|_| WorkbookProblem::NotAWorkbook)?;
    if bytes.len() as u64 > MAX_WHOLE_BYTES {
        return Err(WorkbookProblem::TooLarge);
    }
    Ok(bytes)
}

/// A compound file of version 3, as Excel writes: calamine refuses a version 4 file whose streams
/// are all too large for its mini stream.
fn compound_file(stream: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut compound =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))?;
    compound.create_stream("/Workbook")?.write_all(stream)?;
    compound.flush()?;
    Ok(compound.into_inner().into_inner())
}

/// A BIFF record: its type, where its data starts in the stream, its data, and the data of the
/// CONTINUE records after it.
struct Record<'a> {
    kind: u16,
    at: usize,
    data: &'a [u8],
    continues: Vec<&'a [u8]>,
}

/// The records of a stream from an offset, as calamine's iterator reads them: a record shorter
/// than it says ends the stream with an error.
struct Records<'a> {
    stream: &'a [u8],
    at: usize,
}

impl<'a> Iterator for Records<'a> {
    type Item = Result<Record<'a>, WorkbookProblem>;

    fn next(&mut self) -> Option<Self::Item> {
        let rest = self.stream.get(self.at..).unwrap_or_default();
        if rest.is_empty() {
            return None;
        }
        let Some((kind, data)) = record_at(rest) else {
            self.at = self.stream.len();
            return Some(Err(WorkbookProblem::NotAWorkbook));
        };
        let at = self.at + 4;
        self.at = at + data.len();
        let mut continues = Vec::new();
        // calamine attaches CONTINUE records only while more than a record header is left.
        while self.stream.len() - self.at > 4 && u16_at(self.stream, self.at) == record::CONTINUE {
            let Some((_, data)) = record_at(&self.stream[self.at..]) else {
                self.at = self.stream.len();
                return Some(Err(WorkbookProblem::NotAWorkbook));
            };
            if continues.len() == MAX_CONTINUES {
                self.at = self.stream.len();
                return Some(Err(WorkbookProblem::NotAWorkbook));
            }
            continues.push(data);
            self.at += 4 + data.len();
        }
        Some(Ok(Record {
            kind,
            at,
            data,
            continues,
        }))
    }
}

fn records(stream: &[u8], at: usize) -> Records<'_> {
    Records { stream, at }
}

/// A record's type and data at the start of `bytes`, if it is all there.
fn record_at(bytes: &[u8]) -> Option<(u16, &[u8])> {
    let kind = u16::from_le_bytes(bytes.get(..2)?.try_into().ok()?);
    let length = usize::from(u16::from_le_bytes(bytes.get(2..4)?.try_into().ok()?));
    Some((kind, bytes.get(4..4 + length)?))
}

/// The little-endian u16 at `at`, or 0 past the end.
fn u16_at(bytes: &[u8], at: usize) -> u16 {
    bytes
        .get(at..at + 2)
        .map_or(0, |two| u16::from_le_bytes([two[0], two[1]]))
}

fn u32_at(bytes: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(bytes.get(at..at + 4)?.try_into().ok()?))
}

/// The rows and columns a sheet's cells span, as calamine lays them out.
#[derive(Default)]
struct Extent {
    span: Option<((u32, u32), (u32, u32))>,
}

impl Extent {
    fn add(&mut self, row: u32, column: u32) {
        self.span = Some(match self.span {
            None => ((row, column), (row, column)),
            Some(((top, left), (bottom, right))) => (
                (top.min(row), left.min(column)),
                (bottom.max(row), right.max(column)),
            ),
        });
    }

    fn cells(&self) -> u64 {
        self.span.map_or(0, |((top, left), (bottom, right))| {
            u64::from(bottom - top + 1) * u64::from(right - left + 1)
        })
    }
}

/// Checks a workbook stream as this module says, and returns the byte ranges to empty.
fn check(stream: &[u8]) -> Result<Vec<std::ops::Range<usize>>, WorkbookProblem> {
    let mut sheets = Vec::new();
    let mut strings = Vec::new();
    for found in records(stream, 0) {
        let record = found?;
        match record.kind {
            record::BOUND_SHEET => sheets.extend(u32_at(record.data, 0)),
            record::SST => strings = shared_string_lengths(record)?,
            record::EOF => break,
            _ => {}
        }
    }
    // What calamine holds of the shared strings themselves.
    let mut text: u64 = strings
        .iter()
        .map(|&units| STRING_OVERHEAD + u64::from(units) * MAX_UTF8_PER_UNIT)
        .sum();
    let mut cells = 0u64;
    let mut patches = Vec::new();
    for sheet in sheets {
        let Ok(sheet) = usize::try_from(sheet) else {
            continue;
        };
        let (mut values, mut formulas) = (Extent::default(), Extent::default());
        let mut formula_at = (0u32, 0u32);
        // Charts and other substreams nested in the sheet hold cell-like records calamine skips.
        let (mut seen_bof, mut depth) = (false, 0usize);
        for found in records(stream, sheet) {
            let record = found?;
            let data = record.data;
            let row_column = || (u32::from(u16_at(data, 0)), u32::from(u16_at(data, 2)));
            if depth > 0 {
                match record.kind {
                    record::BOF => depth += 1,
                    record::EOF => depth -= 1,
                    _ => {}
                }
                continue;
            }
            match record.kind {
                record::BOF if seen_bof => depth += 1,
                record::BOF => seen_bof = true,
                record::EOF => break,
                record::DIMENSIONS => patches.push(record.at..record.at + data.len()),
                record::FORMULA => {
                    formula_at = row_column();
                    values.add(formula_at.0, formula_at.1);
                    formulas.add(formula_at.0, formula_at.1);
                    if data.len() >= FORMULA_TOKENS_AT + 2 {
                        let tokens = record.at + FORMULA_TOKENS_AT;
                        patches.push(tokens..tokens + 2);
                    }
                }
                record::STRING => values.add(formula_at.0, formula_at.1),
                record::LABEL_SST if data.len() >= 10 => {
                    let index = u32_at(data, 6).unwrap_or_default() as usize;
                    if let Some(&units) = strings.get(index) {
                        let (row, column) = row_column();
                        values.add(row, column);
                        text += STRING_OVERHEAD + u64::from(units) * MAX_UTF8_PER_UNIT;
                    }
                }
                record::MUL_RK if data.len() >= 6 => {
                    let (row, first) = row_column();
                    values.add(row, first);
                    values.add(row, u32::from(u16_at(data, data.len() - 2)));
                }
                kind if record::CELLS.contains(&kind) && data.len() >= 4 => {
                    let (row, column) = row_column();
                    values.add(row, column);
                }
                _ => {}
            }
        }
        cells = cells
            .saturating_add(values.cells())
            .saturating_add(formulas.cells());
    }
    if cells > MAX_WHOLE_CELLS {
        Err(WorkbookProblem::TooManyCells)
    } else if text > MAX_HELD_PART_BYTES {
        Err(WorkbookProblem::TooMuchText)
    } else {
        Ok(patches)
    }
}

/// The length in UTF-16 units of each string of a shared-strings table (SST), read as calamine
/// reads them: each is its length and flags, then its characters (one byte each, or two, as the
/// flags say, and as each CONTINUE record that splits them says again), its formatting runs and
/// its phonetic text.
fn shared_string_lengths(record: Record<'_>) -> Result<Vec<u16>, WorkbookProblem> {
    let mut reader = Pieces {
        data: record.data.get(8..).ok_or(WorkbookProblem::NotAWorkbook)?,
        continues: record.continues.into_iter(),
    };
    let mut lengths = Vec::new();
    while !reader.data.is_empty() || reader.next_piece() {
        if reader.data.is_empty() {
            lengths.push(0);
            continue;
        }
        let header = reader.data.get(..3).ok_or(WorkbookProblem::NotAWorkbook)?;
        let units = u16::from_le_bytes([header[0], header[1]]);
        let flags = header[2];
        reader.data = &reader.data[3..];
        let runs = if flags & 0x8 != 0 {
            let runs = u16_at(reader.data, 0);
            reader.data = reader.data.get(2..).ok_or(WorkbookProblem::NotAWorkbook)?;
            usize::from(runs)
        } else {
            0
        };
        let phonetic = if flags & 0x4 != 0 {
            let bytes = u32_at(reader.data, 0).ok_or(WorkbookProblem::NotAWorkbook)?;
            reader.data = &reader.data[4..];
            // calamine reads the length as a signed number made a usize: a negative one is
            // more than any stream holds, and the skip below fails as calamine's does.
            i32::from_le_bytes(bytes.to_le_bytes()) as usize
        } else {
            0
        };
        let mut left = usize::from(units);
        let mut wide = flags & 0x1 != 0;
        while left > 0 {
            let taken = left.min(reader.data.len() / if wide { 2 } else { 1 });
            reader.data = &reader.data[taken * if wide { 2 } else { 1 }..];
            left -= taken;
            if left > 0 {
                if !reader.next_piece() {
                    return Err(WorkbookProblem::NotAWorkbook);
                }
                // A CONTINUE that splits a string's characters starts with their width again.
                let (&width, rest) = reader
                    .data
                    .split_first()
                    .ok_or(WorkbookProblem::NotAWorkbook)?;
                wide = width & 0x1 != 0;
                reader.data = rest;
            }
        }
        reader.skip(runs.saturating_mul(4))?;
        reader.skip(phonetic)?;
        lengths.push(units);
    }
    Ok(lengths)
}

/// A record's data and then its CONTINUE records', read as one.
struct Pieces<'a> {
    data: &'a [u8],
    continues: std::vec::IntoIter<&'a [u8]>,
}

impl Pieces<'_> {
    fn next_piece(&mut self) -> bool {
        match self.continues.next() {
            Some(data) => {
                self.data = data;
                true
            }
            None => false,
        }
    }

    fn skip(&mut self, mut bytes: usize) -> Result<(), WorkbookProblem> {
        while bytes > 0 {
            if self.data.is_empty() && !self.next_piece() {
                return Err(WorkbookProblem::NotAWorkbook);
            }
            let taken = bytes.min(self.data.len());
            self.data = &self.data[taken..];
            bytes -= taken;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use calamine::{Data, Reader};
    use exposure_demo::xls::{XlsBook, compound_file, push_record, record as kind};

    use super::super::first_row;
    use super::super::tests::{couriers_as_shown, rows_of, source};
    use super::*;

    /// An xls workbook as the sheet tests' `source` reads it: a sheet "Notes", then a sheet
    /// "Couriers" whose header is name, phone, id, dob and whose rows `write` fills from row 1.
    fn couriers(dir: &Path, write: impl FnOnce(&mut XlsBook, usize)) -> PathBuf {
        let mut book = XlsBook::new();
        book.sheet("Notes");
        let sheet = book.sheet("Couriers");
        for (column, name) in ["name", "phone", "id", "dob"].iter().enumerate() {
            book.text(sheet, 0, column as u16, name);
        }
        write(&mut book, sheet);
        let path = dir.join("couriers.xls");
        std::fs::write(&path, book.to_bytes()).unwrap();
        path
    }

    /// 1985-03-07 as a spreadsheet's day number.
    const BIRTHDAY: f64 = 31113.0;

    #[test]
    fn an_xls_sheet_reads_as_the_spreadsheet_shows_it_and_mangled_cells_are_row_problems() {
        let dir = tempfile::tempdir().unwrap();
        let path = couriers(dir.path(), |book, sheet| {
            book.text(sheet, 1, 1, "13800138000");
            book.text(sheet, 1, 2, "110105198503071234");
            book.date(sheet, 1, 3, BIRTHDAY);
            book.number(sheet, 2, 1, 13_800_138_001.0);
            book.number(sheet, 3, 2, 110_105_198_503_071_234.0);
            book.date(sheet, 4, 1, BIRTHDAY);
            book.formula(sheet, 5, 1, 13_800_138_002.0, &[]);
            book.text(sheet, 7, 0, "王芳");
        });
        assert_eq!(rows_of(&source(path)), couriers_as_shown());
    }

    #[test]
    fn cells_far_apart_are_refused_before_calamine_lays_out_the_grid_between_them() {
        let dir = tempfile::tempdir().unwrap();
        // A1 to IV65536: 16.8 million cells of 32 bytes, from two cells in a file of 2 kB.
        let path = couriers(dir.path(), |book, sheet| {
            book.number(sheet, u16::MAX, 255, 1.0);
        });
        assert_eq!(
            first_row(&path, Some("Couriers")),
            Err(WorkbookProblem::TooManyCells)
        );
    }

    #[test]
    fn a_sheet_that_declares_four_billion_rows_is_read_without_reserving_them() {
        let dir = tempfile::tempdir().unwrap();
        // calamine would reserve room for every cell declared: 40 bytes times a trillion, which
        // no allocator gives, and the process would abort.
        let path = couriers(dir.path(), |book, sheet| {
            let mut dimensions = 0u32.to_le_bytes().to_vec();
            dimensions.extend_from_slice(&u32::MAX.to_le_bytes());
            dimensions.extend_from_slice(&[0, 0, 0, 1, 0, 0]);
            book.record(sheet, kind::DIMENSIONS, dimensions);
            book.text(sheet, 1, 1, "13800138000");
        });
        assert_eq!(
            rows_of(&source(path)),
            [(2, Ok(vec!["13800138000".to_owned()]))]
        );
    }

    #[test]
    fn a_formula_s_tokens_are_emptied_and_its_cached_value_kept() {
        // The integer 1, then a token that writes 255 spaces before it, forty times: formula text
        // of 10,201 characters from 163 bytes, in time that grows with the square of its length.
        let mut tokens = vec![0x1E, 1, 0];
        for _ in 0..40 {
            tokens.extend_from_slice(&[0x19, 0x40, 0x00, 0xFF]);
        }
        let mut book = XlsBook::new();
        let sheet = book.sheet("Couriers");
        book.formula(sheet, 0, 0, 13_800_138_002.0, &tokens);
        let bytes = book.to_bytes();
        let formula_of = |bytes: Vec<u8>| {
            let mut xls = calamine::Xls::new(Cursor::new(bytes)).unwrap();
            let formula = xls.worksheet_formula("Couriers").unwrap();
            let value = xls.worksheet_range("Couriers").unwrap();
            (
                formula.get_value((0, 0)).cloned().unwrap_or_default(),
                value.get_value((0, 0)).cloned(),
            )
        };
        let (text, value) = formula_of(bytes.clone());
        assert_eq!(text.len(), 10_201, "the tokens as calamine reads them");
        assert_eq!(value, Some(Data::Float(13_800_138_002.0)));
        let (text, value) = formula_of(defuse(Cursor::new(bytes)).unwrap());
        // calamine's fixed words for a formula of no tokens.
        assert!(text.len() < 100, "{text}");
        assert_eq!(value, Some(Data::Float(13_800_138_002.0)));
    }

    #[test]
    fn a_shared_string_repeated_past_what_is_held_refuses_the_workbook() {
        let dir = tempfile::tempdir().unwrap();
        // 4,000 characters shown by 30,000 cells: 360 MB as calamine holds it, from 500 kB.
        let long = "漢".repeat(4000);
        let path = couriers(dir.path(), |book, sheet| {
            for row in 1..=30_000 {
                book.text(sheet, row, 0, &long);
            }
        });
        assert_eq!(
            first_row(&path, Some("Couriers")),
            Err(WorkbookProblem::TooMuchText)
        );
    }

    #[test]
    fn a_record_followed_by_a_flood_of_continue_records_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = couriers(dir.path(), |book, sheet| {
            book.text(sheet, 1, 1, "13800138000");
            for _ in 0..=MAX_CONTINUES {
                book.record(sheet, kind::CONTINUE, Vec::new());
            }
        });
        assert_eq!(
            first_row(&path, Some("Couriers")),
            Err(WorkbookProblem::NotAWorkbook)
        );
    }

    #[test]
    fn shared_strings_split_across_continue_records_are_measured_as_calamine_reads_them() {
        // "ab" in one byte a character; then 3 characters in two bytes each, split after the
        // first by a CONTINUE that says the rest are one byte each; then a string with two
        // formatting runs and 3 bytes of phonetic text, spilling into a second CONTINUE.
        let mut sst = vec![3, 0, 0, 0, 3, 0, 0, 0];
        sst.extend_from_slice(&[2, 0, 0, b'a', b'b']);
        sst.extend_from_slice(&[3, 0, 1, b'x', 0]);
        let mut first_continue = vec![0, b'y', b'z'];
        first_continue.extend_from_slice(&[1, 0, 0x0C, 2, 0, 3, 0, 0, 0, b'q']);
        first_continue.extend_from_slice(&[0; 8]);
        let second_continue = vec![0; 3];
        let mut stream = Vec::new();
        push_record(&mut stream, kind::SST, &sst);
        push_record(&mut stream, kind::CONTINUE, &first_continue);
        push_record(&mut stream, kind::CONTINUE, &second_continue);
        let record = records(&stream, 0).next().unwrap().unwrap();
        assert_eq!(shared_string_lengths(record).unwrap(), [2, 3, 1]);
        // The same table whose phonetic text runs past its last CONTINUE is no table.
        let mut cut = Vec::new();
        push_record(&mut cut, kind::SST, &sst);
        push_record(&mut cut, kind::CONTINUE, &first_continue);
        let record = records(&cut, 0).next().unwrap().unwrap();
        assert_eq!(
            shared_string_lengths(record),
            Err(WorkbookProblem::NotAWorkbook)
        );
    }

    #[test]
    fn a_compound_file_without_a_workbook_stream_is_no_workbook() {
        let mut compound = cfb::CompoundFile::create(Cursor::new(Vec::new())).unwrap();
        compound.create_stream("/Other").unwrap();
        let bytes = compound.into_inner().into_inner();
        assert_eq!(
            defuse(Cursor::new(bytes)).unwrap_err(),
            WorkbookProblem::NotAWorkbook
        );
        // A record cut short ends the stream, as it ends calamine's reading.
        let mut stream = Vec::new();
        push_record(&mut stream, kind::BOF, &[0; 16]);
        stream.extend_from_slice(&[0x85, 0x00, 0x40, 0x00, 1]);
        assert_eq!(
            defuse(Cursor::new(compound_file(&stream))).unwrap_err(),
            WorkbookProblem::NotAWorkbook
        );
    }
}
