//! A small writer of xls workbooks (BIFF8 records in a compound file), for tests: Excel 97's
//! format, which leaks still circulate in and no maintained Rust crate writes. It writes what
//! readers need to read cells as a spreadsheet shows them (shared strings, numbers, dates through
//! a date format, formulas with their cached values), and any record as given, so that tests can
//! also make the files no spreadsheet writes.

use std::io::{Cursor, Write};

/// Record types, as MS-XLS numbers them.
pub mod record {
    pub const BOF: u16 = 0x0809;
    pub const EOF: u16 = 0x000A;
    pub const CONTINUE: u16 = 0x003C;
    pub const CODEPAGE: u16 = 0x0042;
    pub const XF: u16 = 0x00E0;
    pub const BOUND_SHEET: u16 = 0x0085;
    pub const SST: u16 = 0x00FC;
    pub const DIMENSIONS: u16 = 0x0200;
    pub const NUMBER: u16 = 0x0203;
    pub const LABEL_SST: u16 = 0x00FD;
    pub const FORMULA: u16 = 0x0006;
}

/// The cell formats (XF records) every workbook written here has: general, and a date.
const GENERAL: u16 = 0;
const DATE: u16 = 1;
/// Excel's built-in date format `m/d/yyyy`.
const BUILT_IN_DATE_FORMAT: u16 = 14;

/// A workbook being written: its shared strings and its sheets.
#[derive(Debug, Default)]
pub struct XlsBook {
    strings: Vec<String>,
    sheets: Vec<Sheet>,
}

/// A sheet's name and its records (type and data) after its BOF and before its EOF.
#[derive(Debug)]
struct Sheet {
    name: String,
    records: Vec<(u16, Vec<u8>)>,
}

impl XlsBook {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a sheet and returns its index.
    pub fn sheet(&mut self, name: &str) -> usize {
        self.sheets.push(Sheet {
            name: name.to_owned(),
            records: Vec::new(),
        });
        self.sheets.len() - 1
    }

    /// Text, through the shared strings, as Excel writes it.
    pub fn text(&mut self, sheet: usize, row: u16, column: u16, text: &str) {
        let index = match self.strings.iter().position(|s| s == text) {
            Some(index) => index,
            None => {
                self.strings.push(text.to_owned());
                self.strings.len() - 1
            }
        };
        let mut data = cell_head(row, column, GENERAL);
        data.extend_from_slice(&(index as u32).to_le_bytes());
        self.record(sheet, record::LABEL_SST, data);
    }

    pub fn number(&mut self, sheet: usize, row: u16, column: u16, value: f64) {
        self.number_in(sheet, row, column, value, GENERAL);
    }

    /// A date cell: the day's serial number (days since 1899-12-30) in a date format.
    pub fn date(&mut self, sheet: usize, row: u16, column: u16, serial: f64) {
        self.number_in(sheet, row, column, serial, DATE);
    }

    fn number_in(&mut self, sheet: usize, row: u16, column: u16, value: f64, format: u16) {
        let mut data = cell_head(row, column, format);
        data.extend_from_slice(&value.to_le_bytes());
        self.record(sheet, record::NUMBER, data);
    }

    /// A formula cell whose cached value is `value` and whose parsed tokens are `tokens`.
    pub fn formula(&mut self, sheet: usize, row: u16, column: u16, value: f64, tokens: &[u8]) {
        let mut data = cell_head(row, column, GENERAL);
        data.extend_from_slice(&value.to_le_bytes());
        data.extend_from_slice(&[0; 2]); // flags
        data.extend_from_slice(&[0; 4]); // reserved
        data.extend_from_slice(&(tokens.len() as u16).to_le_bytes());
        data.extend_from_slice(tokens);
        self.record(sheet, record::FORMULA, data);
    }

    /// Any record, as given, in a sheet's records.
    pub fn record(&mut self, sheet: usize, kind: u16, data: Vec<u8>) {
        self.sheets[sheet].records.push((kind, data));
    }

    /// The workbook as an xls file: a compound file whose `Workbook` stream holds the workbook's
    /// globals and then each sheet's records.
    pub fn to_bytes(&self) -> Vec<u8> {
        let sheet_streams: Vec<Vec<u8>> = self
            .sheets
            .iter()
            .map(|sheet| {
                let mut stream = bof(0x0010);
                for (kind, data) in &sheet.records {
                    push_record(&mut stream, *kind, data);
                }
                push_record(&mut stream, record::EOF, &[]);
                stream
            })
            .collect();
        let globals = |positions: &[u32]| {
            let mut stream = bof(0x0005);
            push_record(&mut stream, record::CODEPAGE, &1200u16.to_le_bytes());
            for format in [0, BUILT_IN_DATE_FORMAT] {
                let mut xf = vec![0u8; 20];
                xf[2..4].copy_from_slice(&format.to_le_bytes());
                push_record(&mut stream, record::XF, &xf);
            }
            for (Sheet { name, .. }, position) in self.sheets.iter().zip(positions) {
                let mut data = position.to_le_bytes().to_vec();
                data.extend_from_slice(&[0, 0]); // visible, a worksheet
                data.push(name.encode_utf16().count() as u8);
                data.push(1); // UTF-16
                data.extend(name.encode_utf16().flat_map(u16::to_le_bytes));
                push_record(&mut stream, record::BOUND_SHEET, &data);
            }
            push_record(&mut stream, record::SST, &shared_strings(&self.strings));
            push_record(&mut stream, record::EOF, &[]);
            stream
        };
        // The globals' length does not depend on the positions they hold.
        let mut at = globals(&vec![0; self.sheets.len()]).len() as u32;
        let mut positions = Vec::new();
        for sheet in &sheet_streams {
            positions.push(at);
            at += sheet.len() as u32;
        }
        let mut stream = globals(&positions);
        for sheet in sheet_streams {
            stream.extend(sheet);
        }
        compound_file(&stream)
    }
}

/// A workbook stream, as given, in a compound file of version 3, as Excel writes.
pub fn compound_file(stream: &[u8]) -> Vec<u8> {
    let mut compound =
        cfb::CompoundFile::create_with_version(cfb::Version::V3, Cursor::new(Vec::new()))
            .expect("in memory");
    compound
        .create_stream("/Workbook")
        .and_then(|mut out| out.write_all(stream))
        .expect("in memory");
    compound.flush().expect("in memory");
    compound.into_inner().into_inner()
}

/// A cell record's row, column and format.
fn cell_head(row: u16, column: u16, format: u16) -> Vec<u8> {
    [row, column, format]
        .iter()
        .flat_map(|n| n.to_le_bytes())
        .collect()
}

fn bof(kind: u16) -> Vec<u8> {
    let mut data = vec![0u8; 16];
    data[0..2].copy_from_slice(&0x0600u16.to_le_bytes());
    data[2..4].copy_from_slice(&kind.to_le_bytes());
    let mut stream = Vec::new();
    push_record(&mut stream, record::BOF, &data);
    stream
}

/// Appends a record, in one piece however long: readers take records of up to 65,535 bytes,
/// though Excel splits its own after 8,224 into CONTINUE records.
pub fn push_record(stream: &mut Vec<u8>, kind: u16, data: &[u8]) {
    let length = u16::try_from(data.len()).expect("a record of at most 65,535 bytes");
    stream.extend_from_slice(&kind.to_le_bytes());
    stream.extend_from_slice(&length.to_le_bytes());
    stream.extend_from_slice(data);
}

/// An SST record's data, each string in UTF-16, in one record.
fn shared_strings(strings: &[String]) -> Vec<u8> {
    let mut data = Vec::new();
    let count = strings.len() as u32;
    data.extend_from_slice(&count.to_le_bytes());
    data.extend_from_slice(&count.to_le_bytes());
    for text in strings {
        data.extend_from_slice(&(text.encode_utf16().count() as u16).to_le_bytes());
        data.push(1);
        data.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
    }
    data
}

#[cfg(test)]
mod tests {
    use calamine::{Data, Reader};

    use super::*;

    #[test]
    fn calamine_reads_what_is_written_as_a_spreadsheet_shows_it() {
        let mut book = XlsBook::new();
        book.sheet("Notes");
        let people = book.sheet("People");
        book.text(people, 0, 0, "姓名");
        book.number(people, 1, 1, 13800138000.0);
        book.date(people, 1, 2, 32874.0);
        book.formula(people, 2, 1, 42.0, &[]);
        let mut xls = calamine::Xls::new(Cursor::new(book.to_bytes())).unwrap();
        assert_eq!(xls.sheet_names(), ["Notes", "People"]);
        let range = xls.worksheet_range("People").unwrap();
        assert_eq!(range.get_value((0, 0)), Some(&Data::String("姓名".into())));
        assert_eq!(range.get_value((1, 1)), Some(&Data::Float(13800138000.0)));
        assert!(matches!(range.get_value((1, 2)), Some(Data::DateTime(_))));
        assert_eq!(range.get_value((2, 1)), Some(&Data::Float(42.0)));
    }
}
