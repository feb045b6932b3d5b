//! Where a row sits in its dump, as the curator's own tool shows it: a text file's line, a
//! spreadsheet's cell (`People!C12`, which Excel's Name Box jumps to), a SQL dump's statement and
//! tuple, a JSON array's element. A line alone does not find a row when one SQL statement or one
//! minified JSON array holds a million rows on one line, nor a cell in a sheet of a hundred
//! columns.

use std::sync::Arc;

use exposure_core::l10n::Message;

/// Where a row, or the value in it that a problem is about, sits in its dump. Carries nothing of
/// the row's values; a sheet's name is held as it may be shown ([`super::shown_name`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Position {
    /// A line of a text dump (CSV, TSV, a text list, JSON Lines), from 1.
    Line { line: u64 },
    /// A tuple of a SQL `INSERT`, or a row of a `COPY` block.
    Tuple {
        /// The line the tuple starts on, from 1.
        line: u64,
        /// The statement, counted from the start of the file, from 1.
        statement: u64,
        /// The tuple in its statement, from 1.
        tuple: u64,
    },
    /// An element of a JSON array, which a minified dump puts all on line 1.
    Element {
        /// The line the element starts on, from 1.
        line: u64,
        /// The element in the array, from 1.
        element: u64,
    },
    /// A whole row of a sheet: a problem of no one cell (no usable identifier).
    SheetRow { sheet: Arc<str>, row: u64 },
    /// One cell of a sheet: the value a problem is about.
    Cell {
        sheet: Arc<str>,
        /// The sheet's row, from 1, as the spreadsheet numbers it.
        row: u64,
        /// The sheet's column, from 1 (`A`).
        column: u32,
    },
}

impl Position {
    /// The line of the file the row starts on; for a sheet, its row.
    pub fn line(&self) -> u64 {
        match self {
            Position::Line { line }
            | Position::Tuple { line, .. }
            | Position::Element { line, .. } => *line,
            Position::SheetRow { row, .. } | Position::Cell { row, .. } => *row,
        }
    }

    /// The position of the value in `column` (from 1) of this row: a sheet's row narrows to its
    /// cell; a text line, a tuple or an element are shown whole, as their files have no column
    /// a curator's tool would number alike.
    pub fn in_column(&self, column: u32) -> Position {
        match self {
            Position::SheetRow { sheet, row } | Position::Cell { sheet, row, .. } => {
                Position::Cell {
                    sheet: sheet.clone(),
                    row: *row,
                    column,
                }
            }
            other => other.clone(),
        }
    }

    /// The position in words, in the current language.
    pub fn message(&self) -> Message {
        match self {
            Position::Line { line } => Message::new("position-line").arg("line", *line),
            Position::Tuple {
                line,
                statement,
                tuple,
            } => Message::new("position-tuple")
                .arg("line", *line)
                .arg("statement", *statement)
                .arg("tuple", *tuple),
            Position::Element { line, element } => Message::new("position-element")
                .arg("line", *line)
                .arg("element", *element),
            Position::SheetRow { sheet, row } => Message::new("position-sheet-row")
                .arg("sheet", sheet_reference(sheet))
                .arg("row", *row),
            Position::Cell { sheet, row, column } => Message::new("position-cell")
                .arg("sheet", sheet_reference(sheet))
                .arg("cell", format!("{}{row}", column_name(*column))),
        }
    }
}

/// A sheet's name as a cell reference writes it: quoted (`'Courier records'!C12`, inner quotes
/// doubled) unless it is letters, digits and underscores not starting with a digit and could not
/// be read as a cell itself (`'ABC1'!C12`, `'R2C3'!C12`), as Excel does, so that the reference
/// pasted into a spreadsheet still finds the cell.
fn sheet_reference(sheet: &str) -> String {
    let bare = sheet.chars().all(|c| c.is_alphanumeric() || c == '_')
        && sheet.chars().next().is_some_and(|c| !c.is_ascii_digit())
        && !names_a_cell(sheet);
    if bare {
        sheet.to_owned()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// Whether a name reads as a cell reference: up to three letters then a row (`ABC1`), or a row
/// and column in R1C1 style (`R`, `C`, `R2`, `C3`, `RC`, `R2C3`), whatever the case.
fn names_a_cell(name: &str) -> bool {
    let upper = name.to_ascii_uppercase();
    let letters = upper.chars().take_while(char::is_ascii_uppercase).count();
    let digits_after = |rest: &str| rest.chars().all(|c| c.is_ascii_digit());
    let a1 = (1..=3).contains(&letters) && upper.len() > letters && digits_after(&upper[letters..]);
    let r1c1 = match upper.strip_prefix('R') {
        Some(rest) => {
            let row_digits = rest.chars().take_while(char::is_ascii_digit).count();
            let rest = &rest[row_digits..];
            rest.is_empty() || rest.strip_prefix('C').is_some_and(digits_after)
        }
        None => upper.strip_prefix('C').is_some_and(digits_after),
    };
    a1 || r1c1
}

/// A column's letters as spreadsheets name it: 1 is `A`, 26 `Z`, 27 `AA`, 16,384 (the last
/// column Excel has) `XFD`. Bijective base 26: there is no zero digit.
pub fn column_name(column: u32) -> String {
    let mut letters = Vec::new();
    let mut rest = column;
    while rest > 0 {
        let digit = (rest - 1) % 26;
        letters.push(b'A' + digit as u8);
        rest = (rest - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them_at_every_edge() {
        let named: Vec<(u32, String)> = [1, 2, 26, 27, 52, 53, 702, 703, 16_384]
            .into_iter()
            .map(|column| (column, column_name(column)))
            .collect();
        let expected = [
            (1, "A"),
            (2, "B"),
            (26, "Z"),
            (27, "AA"),
            (52, "AZ"),
            (53, "BA"),
            (702, "ZZ"),
            (703, "AAA"),
            (16_384, "XFD"),
        ];
        let expected: Vec<(u32, String)> = expected
            .into_iter()
            .map(|(column, name)| (column, name.to_owned()))
            .collect();
        assert_eq!(named, expected);
    }

    #[test]
    fn a_cell_is_shown_as_a_reference_a_spreadsheet_finds() {
        let cell = |sheet: &str| Position::Cell {
            sheet: Arc::from(sheet),
            row: 12,
            column: 3,
        };
        let shown = |position: Position| {
            exposure_core::l10n::localizer_for(exposure_core::l10n::Lang::En)
                .message(&position.message())
        };
        assert_eq!(shown(cell("Sheet1")), "cell Sheet1!C12");
        assert_eq!(shown(cell("快递")), "cell 快递!C12");
        assert_eq!(shown(cell("Courier records")), "cell 'Courier records'!C12");
        assert_eq!(shown(cell("Bob's")), "cell 'Bob''s'!C12");
        assert_eq!(shown(cell("2024")), "cell '2024'!C12");
        // Names a spreadsheet would read as a cell of their own.
        for name in ["ABC1", "a1", "R", "c", "R2", "C3", "RC", "r2c3", "RC3"] {
            assert_eq!(shown(cell(name)), format!("cell '{name}'!C12"), "{name}");
        }
        for name in ["ABCD1", "Rows", "Couriers", "R2D2", "C3PO"] {
            assert_eq!(shown(cell(name)), format!("cell {name}!C12"), "{name}");
        }
    }

    #[test]
    fn a_sheet_row_narrows_to_the_cell_of_its_value_and_other_positions_stay_whole() {
        let row = Position::SheetRow {
            sheet: Arc::from("People"),
            row: 7,
        };
        assert_eq!(
            row.in_column(28),
            Position::Cell {
                sheet: Arc::from("People"),
                row: 7,
                column: 28
            }
        );
        let tuple = Position::Tuple {
            line: 3,
            statement: 2,
            tuple: 9,
        };
        assert_eq!(tuple.in_column(28), tuple);
        assert_eq!(row.line(), 7);
        assert_eq!(tuple.line(), 3);
    }
}
