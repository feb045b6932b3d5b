//! What a reader yields: a record's mapped values, or why a row was skipped.

use zeroize::Zeroizing;

use exposure_core::identifier::mask;
use exposure_core::l10n::safe_line;

use super::position::Position;

/// Why a row was skipped. Carries no value from the row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum RowProblem {
    /// Bytes that are not valid in the source's declared encoding.
    Encoding,
    /// A CSV/TSV row whose number of fields differs from the header's (or the first row's).
    FieldCount,
    /// A JSON Lines line that is not a JSON object.
    Json,
    /// A row none of whose identifiers is usable.
    NoIdentifier,
    /// A mapped value longer than [`MAX_FIELD_BYTES`], or a JSON line longer than [`MAX_ROW_BYTES`].
    TooLong,
    /// A NUL byte in a mapped value: binary data, or UTF-16 read as something else.
    NulByte,
    /// A CSV/TSV row identical to the header: files concatenated with their headers.
    RepeatedHeader,
    /// A JSON object with the same key twice: which value is meant cannot be known.
    DuplicateKey,
    /// An identifier written as a JSON number that is not an exact integer (`1.1010519850307124e17`,
    /// `138.5`): its digits are already lost, so it must be written as text.
    MangledNumber,
    /// A SQL tuple that is not a list of values (garbage, or a statement this reader does not
    /// know); the rest of its statement is skipped too, since where its next tuple starts is lost.
    SqlSyntax,
    /// A SQL tuple or `COPY` row cut off by the end of the file: a dump truncated in transfer, or
    /// a string never closed.
    Truncated,
    /// A MongoDB Extended JSON object (`{"$binary": …}`, `{"$numberLong": 1, "x": 2}`) in an
    /// identifier field that is none of the scalars the JSON readers read as their value.
    ExtendedJson,
    /// A spreadsheet number that a spreadsheet has already rounded (an 18-digit ID stored as a
    /// number keeps 15 significant digits, shown `1.10105E+17`): its digits are lost.
    SpreadsheetNumber,
    /// A spreadsheet date cell in an identifier column other than a date of birth (a phone
    /// number the spreadsheet took for a date).
    DateCell,
}

impl RowProblem {
    pub const fn code(self) -> &'static str {
        match self {
            RowProblem::Encoding => "encoding",
            RowProblem::FieldCount => "field-count",
            RowProblem::Json => "json",
            RowProblem::NoIdentifier => "no-identifier",
            RowProblem::TooLong => "too-long",
            RowProblem::NulByte => "nul-byte",
            RowProblem::RepeatedHeader => "repeated-header",
            RowProblem::DuplicateKey => "duplicate-key",
            RowProblem::MangledNumber => "mangled-number",
            RowProblem::SqlSyntax => "sql-syntax",
            RowProblem::Truncated => "truncated",
            RowProblem::ExtendedJson => "extended-json",
            RowProblem::SpreadsheetNumber => "spreadsheet-number",
            RowProblem::DateCell => "date-cell",
        }
    }

    pub const fn message_id(self) -> &'static str {
        match self {
            RowProblem::Encoding => "row-problem-encoding",
            RowProblem::FieldCount => "row-problem-field-count",
            RowProblem::Json => "row-problem-json",
            RowProblem::NoIdentifier => "row-problem-no-identifier",
            RowProblem::TooLong => "row-problem-too-long",
            RowProblem::NulByte => "row-problem-nul-byte",
            RowProblem::RepeatedHeader => "row-problem-repeated-header",
            RowProblem::DuplicateKey => "row-problem-duplicate-key",
            RowProblem::MangledNumber => "row-problem-mangled-number",
            RowProblem::SqlSyntax => "row-problem-sql-syntax",
            RowProblem::Truncated => "row-problem-truncated",
            RowProblem::ExtendedJson => "row-problem-extended-json",
            RowProblem::SpreadsheetNumber => "row-problem-spreadsheet-number",
            RowProblem::DateCell => "row-problem-date-cell",
        }
    }
}

/// The longest mapped value a row may have: no identifier is anywhere near this long.
pub const MAX_FIELD_BYTES: usize = 1 << 20;
/// The longest row read; an unbalanced quote can otherwise swallow the whole file into one field.
pub const MAX_ROW_BYTES: u64 = 64 << 20;

/// One value of a record: which of the source's columns, and the text (a secret: it may be an
/// identifier).
pub struct FieldValue {
    pub column: usize,
    pub text: Zeroizing<String>,
}

impl std::fmt::Debug for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FieldValue({}, <redacted>)", self.column)
    }
}

/// A readable row: where it is in the file, and its mapped, non-empty values.
#[derive(Debug)]
pub struct Record {
    pub position: Position,
    pub values: Vec<FieldValue>,
}

/// What reading the next row gave.
#[derive(Debug)]
pub enum Row {
    Record(Record),
    Bad {
        /// The row, or the cell whose value the problem is about.
        position: Position,
        problem: RowProblem,
    },
    /// A JSON object with a key written twice ([`RowProblem::DuplicateKey`]), with the key.
    DuplicateKey(DuplicateKey),
}

impl Row {
    /// Where the row is in its file.
    pub fn position(&self) -> &Position {
        match self {
            Row::Record(record) => &record.position,
            Row::Bad { position, .. } => position,
            Row::DuplicateKey(duplicate) => &duplicate.position,
        }
    }

    /// The row's line in its file (a sheet's row).
    pub fn line(&self) -> u64 {
        self.position().line()
    }
}

/// A JSON object (at any depth) with a key written twice: which value is meant cannot be known,
/// and `serde_json` alone would keep the last one silently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DuplicateKey {
    pub position: Position,
    /// The key as it may be shown: escaped, at most [`SHOWN_KEY_CHARS`] characters, and masked
    /// if it could be an identifier (a dump may key a map by phone number or email).
    pub key: String,
}

/// The most characters of a duplicated key shown: enough to recognize a column name.
pub const SHOWN_KEY_CHARS: usize = 40;

impl DuplicateKey {
    pub(super) fn new(position: Position, key: &str) -> DuplicateKey {
        DuplicateKey {
            position,
            key: shown_name(key),
        }
    }
}

/// A name a dump gives (a JSON key, a SQL table or column, an archive's member) as it may be
/// shown: escaped, at most [`SHOWN_KEY_CHARS`] characters, and masked if it could be an
/// identifier (a dump may key a map by phone number or email, name a file after an email
/// address, and a hostile one may name anything so).
pub fn shown_name(name: &str) -> String {
    let digits = name.chars().filter(char::is_ascii_digit).count();
    let name = if name.contains('@') || digits >= 5 {
        mask(name)
    } else if name.chars().count() > SHOWN_KEY_CHARS {
        let head: String = name.chars().take(SHOWN_KEY_CHARS).collect();
        format!("{head}…")
    } else {
        name.to_owned()
    };
    safe_line(&name).into_owned()
}

/// Why a mapped value is unusable before it is even decoded.
pub(super) fn field_problem(bytes: &[u8]) -> Option<RowProblem> {
    if bytes.len() > MAX_FIELD_BYTES {
        Some(RowProblem::TooLong)
    } else if bytes.contains(&0) {
        Some(RowProblem::NulByte)
    } else {
        None
    }
}
