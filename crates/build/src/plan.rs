//! Build plans (DESIGN.md §5): which dump files make which breaches, and how their columns map to
//! fields.
//!
//! A plan is checked whole before any row is read, since a build of a large dump runs for hours:
//! a misspelt field, a missing file or a column that is not in the header must be reported in the
//! first second, not after the first hour. [`Plan::load`] parses, resolves and checks everything,
//! including each source's header row.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::dump;
use crate::dump::{ArchiveProblem, CompressionKind};
use crate::source::{Column, Compression, Encoding, Field, Format, Source};
use exposure_core::classes;
use exposure_core::files::{FileProblem, read_small};
use exposure_core::identifier::Region;
use exposure_core::l10n::{Message, safe_line};
use exposure_core::pack::Text;

#[derive(Debug, Clone, PartialEq)]
pub struct BreachPlan {
    pub slug: String,
    pub title: Text,
    pub description: Text,
    pub date: Option<String>,
    pub data_classes: Vec<String>,
    pub verified: bool,
    pub sensitive: bool,
    pub sources: Vec<Source>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    pub path: PathBuf,
    pub id: String,
    pub title: Text,
    pub curator: String,
    pub default_region: Region,
    pub breaches: Vec<BreachPlan>,
}

/// A plan that cannot be built. Every variant says where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PlanError {
    #[error("{}", Message::from(self))]
    Read {
        path: PathBuf,
        #[source]
        reason: FileProblem,
    },
    #[error("{}", Message::from(self))]
    Syntax {
        path: PathBuf,
        /// 1-based, as editors count.
        line: usize,
        column: usize,
        problem: SyntaxProblem,
    },
    #[error("{}", Message::from(self))]
    Invalid {
        path: PathBuf,
        what: String,
        reason: PlanProblem,
    },
}

/// What is wrong with a plan that does not parse, in the plan's own terms. The TOML reader only
/// describes it in English sentences, so they are sorted here into these kinds, and anything not
/// recognized is a plain syntax error: its text is never shown.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SyntaxProblem {
    /// Not TOML: a quote, a bracket or an `=` is wrong.
    Toml,
    MissingField(String),
    UnknownField(String),
    DuplicateKey(String),
    /// A TOML date literal (`date = 2022-06-30`) where the plan takes a date as text.
    UnquotedDate,
    WrongType(ValueKind),
    /// A value outside a fixed set (a format, an encoding): the value and those allowed.
    UnknownValue {
        value: String,
        allowed: String,
    },
}

/// The kind of value a setting takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ValueKind {
    Text,
    Boolean,
    List,
    Table,
    Other,
}

impl SyntaxProblem {
    /// Sorts a TOML reader's error by its text; `at` is the plan from where the error points.
    fn from_toml(message: &str, at: &str) -> SyntaxProblem {
        let quoted = |text: &str| -> Option<String> {
            let start = text.find('`')? + 1;
            let end = start + text[start..].find('`')?;
            Some(text[start..end].to_owned())
        };
        let looks_like_date = at.len() >= 7
            && at.as_bytes()[..4].iter().all(u8::is_ascii_digit)
            && at.as_bytes()[4] == b'-';
        if looks_like_date {
            return SyntaxProblem::UnquotedDate;
        }
        if let Some(rest) = message.strip_prefix("missing field ") {
            return quoted(rest).map_or(SyntaxProblem::Toml, SyntaxProblem::MissingField);
        }
        if let Some(rest) = message.strip_prefix("unknown field ") {
            return quoted(rest).map_or(SyntaxProblem::Toml, SyntaxProblem::UnknownField);
        }
        if let Some(rest) = message.strip_prefix("duplicate key") {
            return SyntaxProblem::DuplicateKey(quoted(rest).unwrap_or_default());
        }
        if let Some(rest) = message.strip_prefix("unknown variant ") {
            let Some(value) = quoted(rest) else {
                return SyntaxProblem::Toml;
            };
            // Written as alternatives (`csv | tsv | …`): names joined by commas read as an
            // English sentence inside a Chinese one.
            let allowed = rest
                .split_once("expected ")
                .map(|(_, list)| {
                    list.split('`')
                        .skip(1)
                        .step_by(2)
                        .collect::<Vec<_>>()
                        .join(" | ")
                })
                .unwrap_or_default();
            return SyntaxProblem::UnknownValue { value, allowed };
        }
        if message.starts_with("invalid type") || message.contains("untagged enum Text") {
            let expected = message.rsplit("expected ").next().unwrap_or("");
            let kind = if message.contains("untagged enum Text") || expected.contains("string") {
                ValueKind::Text
            } else if expected.contains("boolean") {
                ValueKind::Boolean
            } else if expected.contains("sequence") {
                ValueKind::List
            } else if expected.contains("struct") || expected.contains("map") {
                ValueKind::Table
            } else {
                ValueKind::Other
            };
            return SyntaxProblem::WrongType(kind);
        }
        SyntaxProblem::Toml
    }

    /// Field names and values are the plan's own text: shown as one escaped line.
    pub fn message(&self) -> Message {
        match self {
            SyntaxProblem::Toml => Message::new("plan-syntax-toml"),
            SyntaxProblem::MissingField(field) => {
                Message::new("plan-syntax-missing-field").arg("field", safe_line(field))
            }
            SyntaxProblem::UnknownField(field) => {
                Message::new("plan-syntax-unknown-field").arg("field", safe_line(field))
            }
            SyntaxProblem::DuplicateKey(field) => {
                Message::new("plan-syntax-duplicate-key").arg("field", safe_line(field))
            }
            SyntaxProblem::UnquotedDate => Message::new("plan-syntax-unquoted-date"),
            SyntaxProblem::WrongType(kind) => Message::new(match kind {
                ValueKind::Text => "plan-syntax-expected-text",
                ValueKind::Boolean => "plan-syntax-expected-boolean",
                ValueKind::List => "plan-syntax-expected-list",
                ValueKind::Table => "plan-syntax-expected-table",
                ValueKind::Other => "plan-syntax-wrong-type",
            }),
            SyntaxProblem::UnknownValue { value, allowed } => {
                Message::new("plan-syntax-unknown-value")
                    .arg("value", safe_line(value))
                    .arg("allowed", allowed.as_str())
            }
        }
    }
}

/// What is wrong with a plan that parses.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum PlanProblem {
    NoBreaches,
    EmptyTitle,
    EmptyCurator,
    BadPackId,
    UnknownRegion(String),
    BadBreachId,
    DuplicateBreachId,
    BadDate,
    BadClass(String),
    TooManyClasses,
    NoSources,
    SourceMissing(PathBuf),
    SourceNotAFile(PathBuf),
    SourceUnreadable(PathBuf, FileProblem),
    /// The header row is not text in the encoding the plan declares.
    HeaderEncoding(PathBuf, Encoding),
    SourceEmpty(PathBuf),
    /// UTF-16 or UTF-32 (by its byte order mark): every other byte would be NUL.
    SourceUtf16(PathBuf),
    /// Declared UTF-8, but this line is not, and the file reads as GB18030.
    SourceNotUtf8(PathBuf, u64),
    /// Declared GB18030 or Big5, but the file is UTF-8 text.
    SourceLooksUtf8(PathBuf, Encoding),
    /// Declared UTF-16, or detected by `auto`, without a byte order mark to give its byte order.
    SourceUtf16WithoutBom(PathBuf),
    /// `auto` could not tell the encoding; the detector's guess is one Exposure does not read.
    SourceEncodingUndetected(PathBuf, &'static str),
    /// A compressed source that cannot be read: not a zip, no such member, several members and
    /// no `member`, an unsafe member name, an encrypted member.
    SourceArchive(PathBuf, ArchiveProblem),
    /// `member` on a source that is not a zip archive.
    MemberWithoutZip(PathBuf),
    UnknownField(String),
    UnknownColumn(String),
    BadColumnNumber(String),
    /// A column number beyond the last column of the file's first row, which has this many.
    ColumnPastEnd(String, usize),
    /// Two mappings of one column (`"phone"` and `"phone "`): which field it holds is unclear.
    DuplicateColumn(String),
    HeaderWithJsonl,
    NoKeyField,
    NameWithoutDate,
    /// An option of another format (`table` for a CSV file, `header` for a SQL dump).
    OptionNotForFormat(&'static str, Format),
    /// A SQL dump's source names no `table`; the dump's first table with rows is this one.
    SqlTableUnnamed(String),
    /// A SQL dump with no `INSERT … VALUES` or `COPY … FROM stdin` at all.
    SqlNoRows(PathBuf),
    /// No `INSERT` or `COPY` fills this table; these tables are filled (shown, joined).
    SqlUnknownTable(String, String),
    /// A column in neither the table's first data statement's column list nor its `CREATE
    /// TABLE`: the column, the table, and the columns there are (shown, joined).
    SqlUnknownColumn(String, String, String),
    /// A column by name, but the table's `INSERT`s list no columns and no `CREATE TABLE` of it
    /// comes before them: the column and the table.
    SqlNoColumnNames(String, String),
    /// A `text` source without a `delimiter`.
    MissingDelimiter,
    /// An empty `delimiter`, or one holding a line break.
    BadDelimiter,
    /// A `json` source that does not begin with `[`: not one array (JSON Lines, perhaps).
    NotJsonArray(PathBuf),
    /// A `json` source declared in an encoding other than UTF-8, which JSON is (RFC 8259).
    JsonNotUtf8,
    /// A workbook that cannot be read, or has no such sheet.
    Workbook(PathBuf, dump::WorkbookProblem),
}

impl PlanProblem {
    /// The message id, and the plan's own text it names if any.
    fn id_and_detail(&self) -> (&'static str, Option<String>) {
        match self {
            PlanProblem::NoBreaches => ("plan-no-breaches", None),
            PlanProblem::EmptyTitle => ("plan-empty-title", None),
            PlanProblem::EmptyCurator => ("plan-empty-curator", None),
            PlanProblem::BadPackId => ("plan-bad-pack-id", None),
            PlanProblem::UnknownRegion(r) => ("plan-unknown-region", Some(r.clone())),
            PlanProblem::BadBreachId => ("plan-bad-breach-id", None),
            PlanProblem::DuplicateBreachId => ("plan-duplicate-breach-id", None),
            PlanProblem::BadDate => ("plan-bad-date", None),
            PlanProblem::BadClass(c) => ("plan-bad-class", Some(c.clone())),
            PlanProblem::TooManyClasses => ("plan-too-many-classes", None),
            PlanProblem::NoSources => ("plan-no-sources", None),
            PlanProblem::SourceMissing(p) => ("plan-source-missing", Some(p.display().to_string())),
            PlanProblem::SourceNotAFile(p) => {
                ("plan-source-not-a-file", Some(p.display().to_string()))
            }
            PlanProblem::SourceUnreadable(p, why) => (
                "plan-source-unreadable",
                Some(format!("{}: {}", p.display(), why.message())),
            ),
            PlanProblem::HeaderEncoding(p, _) => {
                ("plan-source-header-encoding", Some(p.display().to_string()))
            }
            PlanProblem::SourceEmpty(p) => ("plan-source-empty", Some(p.display().to_string())),
            PlanProblem::SourceUtf16(p) => ("plan-source-utf16", Some(p.display().to_string())),
            PlanProblem::SourceNotUtf8(p, _) => {
                ("plan-source-not-utf8", Some(p.display().to_string()))
            }
            PlanProblem::SourceLooksUtf8(p, _) => {
                ("plan-source-looks-utf8", Some(p.display().to_string()))
            }
            PlanProblem::SourceUtf16WithoutBom(p) => (
                "plan-source-utf16-without-bom",
                Some(p.display().to_string()),
            ),
            PlanProblem::SourceEncodingUndetected(p, _) => (
                "plan-source-encoding-undetected",
                Some(p.display().to_string()),
            ),
            PlanProblem::SourceArchive(p, _) => {
                ("plan-source-archive", Some(p.display().to_string()))
            }
            PlanProblem::MemberWithoutZip(p) => {
                ("plan-member-without-zip", Some(p.display().to_string()))
            }
            PlanProblem::UnknownField(f) => ("plan-unknown-field", Some(f.clone())),
            PlanProblem::UnknownColumn(c) => ("plan-unknown-column", Some(c.clone())),
            PlanProblem::BadColumnNumber(c) => ("plan-bad-column-number", Some(c.clone())),
            PlanProblem::ColumnPastEnd(c, _) => ("plan-column-past-end", Some(c.clone())),
            PlanProblem::DuplicateColumn(c) => ("plan-duplicate-column", Some(c.clone())),
            PlanProblem::HeaderWithJsonl => ("plan-header-with-jsonl", None),
            PlanProblem::NoKeyField => ("plan-no-key-field", None),
            PlanProblem::NameWithoutDate => ("plan-name-without-date", None),
            PlanProblem::OptionNotForFormat(..) => ("plan-option-not-for-format", None),
            PlanProblem::SqlTableUnnamed(table) => ("plan-sql-table-unnamed", Some(table.clone())),
            PlanProblem::SqlNoRows(p) => ("plan-sql-no-rows", Some(p.display().to_string())),
            PlanProblem::SqlUnknownTable(table, _) => {
                ("plan-sql-unknown-table", Some(table.clone()))
            }
            PlanProblem::SqlUnknownColumn(column, ..) => {
                ("plan-sql-unknown-column", Some(column.clone()))
            }
            PlanProblem::SqlNoColumnNames(column, _) => {
                ("plan-sql-no-column-names", Some(column.clone()))
            }
            PlanProblem::MissingDelimiter => ("plan-missing-delimiter", None),
            PlanProblem::BadDelimiter => ("plan-bad-delimiter", None),
            PlanProblem::NotJsonArray(p) => ("plan-not-json-array", Some(p.display().to_string())),
            PlanProblem::JsonNotUtf8 => ("plan-json-not-utf8", None),
            PlanProblem::Workbook(p, problem) => (
                match problem {
                    dump::WorkbookProblem::NotAWorkbook => "plan-workbook-unreadable",
                    dump::WorkbookProblem::Bomb { .. } => "plan-workbook-bomb",
                    dump::WorkbookProblem::LongCell { .. } => "plan-workbook-long-cell",
                    dump::WorkbookProblem::TooLarge => "plan-workbook-too-large",
                    dump::WorkbookProblem::TooManyCells => "plan-workbook-too-many-cells",
                    dump::WorkbookProblem::TooMuchText => "plan-workbook-too-much-text",
                    dump::WorkbookProblem::UnknownSheet { .. } => "plan-unknown-sheet",
                    dump::WorkbookProblem::NoSheet => "plan-workbook-no-sheet",
                    dump::WorkbookProblem::Io(_) => "plan-workbook-unreadable",
                },
                Some(p.display().to_string()),
            ),
        }
    }
}

impl From<&PlanError> for Message {
    fn from(error: &PlanError) -> Message {
        match error {
            PlanError::Read { path, reason } => Message::new("plan-read")
                .arg("path", path.as_path())
                .arg("reason", reason.message().to_string()),
            PlanError::Syntax {
                path,
                line,
                column,
                problem,
            } => Message::new("plan-syntax")
                .arg("path", path.as_path())
                .arg("line", *line)
                .arg("column", *column)
                .arg("reason", problem.message().to_string()),
            PlanError::Invalid { path, what, reason } => {
                let (id, detail) = reason.id_and_detail();
                // A breach id, a column name or a file name, as the plan wrote it.
                let mut message = Message::new(id)
                    .arg("path", path.as_path())
                    .arg("what", safe_line(what));
                match reason {
                    PlanProblem::HeaderEncoding(_, encoding) => {
                        message = message.arg("encoding", encoding.name());
                    }
                    PlanProblem::SourceLooksUtf8(_, encoding) => {
                        message = message.arg("encoding", encoding.label());
                    }
                    _ => {}
                }
                let message = match detail {
                    Some(detail) => message.arg("detail", safe_line(&detail)),
                    None => message,
                };
                match reason {
                    PlanProblem::SourceNotUtf8(_, line) => message.arg("line", *line),
                    PlanProblem::ColumnPastEnd(_, columns) => message.arg("columns", *columns),
                    PlanProblem::SourceEncodingUndetected(_, guess) => message.arg("guess", *guess),
                    PlanProblem::SourceArchive(_, problem) => {
                        message.arg("reason", Message::from(problem).to_string())
                    }
                    PlanProblem::OptionNotForFormat(option, format) => message
                        .arg("option", *option)
                        .arg("format", format.to_string()),
                    PlanProblem::SqlUnknownTable(_, tables) => {
                        message.arg("tables", safe_line(tables))
                    }
                    PlanProblem::SqlUnknownColumn(_, table, columns) => message
                        .arg("table", safe_line(table))
                        .arg("columns", safe_line(columns)),
                    PlanProblem::SqlNoColumnNames(_, table) => {
                        message.arg("table", safe_line(table))
                    }
                    PlanProblem::Workbook(_, dump::WorkbookProblem::Bomb { part }) => message
                        .arg("part", safe_line(part))
                        .arg("ratio", dump::MAX_RATIO)
                        .arg("limit", dump::MAX_HELD_PART_BYTES >> 20),
                    PlanProblem::Workbook(_, dump::WorkbookProblem::LongCell { part }) => message
                        .arg("part", safe_line(part))
                        .arg("limit", dump::MAX_CELL_BYTES >> 20),
                    PlanProblem::Workbook(_, dump::WorkbookProblem::TooLarge) => {
                        message.arg("limit", dump::MAX_WHOLE_BYTES >> 20)
                    }
                    PlanProblem::Workbook(_, dump::WorkbookProblem::TooManyCells) => {
                        message.arg("cells", dump::MAX_WHOLE_CELLS / 1_000_000)
                    }
                    PlanProblem::Workbook(_, dump::WorkbookProblem::TooMuchText) => {
                        message.arg("limit", dump::MAX_HELD_PART_BYTES >> 20)
                    }
                    PlanProblem::Workbook(_, dump::WorkbookProblem::UnknownSheet { sheets }) => {
                        message.arg("sheets", safe_line(&sheets.join(", ")))
                    }
                    _ => message,
                }
            }
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlan {
    pack: RawPack,
    #[serde(default, rename = "breach")]
    breaches: Vec<RawBreach>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPack {
    id: Option<String>,
    title: Text,
    curator: String,
    default_region: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBreach {
    id: String,
    title: Text,
    #[serde(default)]
    description: Text,
    date: Option<String>,
    data_classes: Option<Vec<String>>,
    #[serde(default)]
    verified: bool,
    #[serde(default)]
    sensitive: bool,
    #[serde(default, rename = "source")]
    sources: Vec<RawSource>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSource {
    path: PathBuf,
    format: Format,
    #[serde(default = "default_encoding")]
    encoding: DeclaredEncoding,
    /// The default follows the file name: `.gz`, `.zip`.
    compression: Option<RawCompression>,
    /// A zip archive's member; the default is its only file.
    member: Option<String>,
    header: Option<bool>,
    /// `sql` only: the table whose rows to read.
    table: Option<String>,
    /// `text`: what splits a line into fields.
    delimiter: Option<String>,
    /// `xlsx`: the sheet to read (default: the first).
    sheet: Option<String>,
    columns: BTreeMap<String, String>,
}

/// An `encoding` as a plan writes it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
enum DeclaredEncoding {
    #[serde(rename = "utf-8")]
    Utf8,
    #[serde(rename = "gb18030")]
    Gb18030,
    #[serde(rename = "big5")]
    Big5,
    #[serde(rename = "utf-16")]
    Utf16,
    #[serde(rename = "auto")]
    Auto,
}

impl DeclaredEncoding {
    /// The encoding declared, or `None` for `auto`.
    fn named(self) -> Option<Encoding> {
        match self {
            DeclaredEncoding::Utf8 => Some(Encoding::Utf8),
            DeclaredEncoding::Gb18030 => Some(Encoding::Gb18030),
            DeclaredEncoding::Big5 => Some(Encoding::Big5),
            DeclaredEncoding::Utf16 => Some(Encoding::Utf16),
            DeclaredEncoding::Auto => None,
        }
    }
}

fn default_encoding() -> DeclaredEncoding {
    DeclaredEncoding::Utf8
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
enum RawCompression {
    None,
    Gzip,
    Zip,
}

/// The largest plan read: a plan of a thousand breaches is a few hundred kilobytes, and a device
/// such as `/dev/zero` given as a plan must not be read without end.
pub const MAX_PLAN_BYTES: u64 = 4 << 20;

/// A pack or breach id: lowercase letters, digits and `-`, as in a URL.
fn is_slug(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 100
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-')
        && !id.ends_with('-')
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, a real date.
fn is_breach_date(date: &str) -> bool {
    let parts: Vec<&str> = date.split('-').collect();
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    match parts[..] {
        [y] => digits(y, 4),
        [y, m] => digits(y, 4) && digits(m, 2) && (1..=12).contains(&m.parse::<u8>().unwrap_or(0)),
        [y, m, d] => {
            digits(y, 4)
                && digits(m, 2)
                && digits(d, 2)
                && exposure_core::identifier::parse_date(date).is_ok()
        }
        _ => false,
    }
}

impl Plan {
    /// Reads, parses and checks a plan and its sources' headers. Nothing is written.
    pub fn load(path: &Path) -> Result<Plan, PlanError> {
        let read = |reason| PlanError::Read {
            path: path.to_owned(),
            reason,
        };
        let bytes = read_small(path, MAX_PLAN_BYTES).map_err(read)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| read(FileProblem::Io(std::io::ErrorKind::InvalidData)))?;
        Plan::parse(path, &text)
    }

    /// Parses and checks plan text; relative source paths are taken from `path`'s folder.
    pub fn parse(path: &Path, text: &str) -> Result<Plan, PlanError> {
        let raw: RawPlan = toml::from_str(text).map_err(|e| syntax_error(path, text, &e))?;
        let invalid = |what: &str, reason: PlanProblem| PlanError::Invalid {
            path: path.to_owned(),
            what: what.to_owned(),
            reason,
        };
        let base = path.parent().unwrap_or(Path::new("."));

        let id = match raw.pack.id {
            Some(id) if is_slug(&id) => id,
            Some(_) => return Err(invalid("[pack] id", PlanProblem::BadPackId)),
            None => id_from_file_name(path),
        };
        if raw.pack.title.is_empty() {
            return Err(invalid("[pack] title", PlanProblem::EmptyTitle));
        }
        if raw.pack.curator.trim().is_empty() {
            return Err(invalid("[pack] curator", PlanProblem::EmptyCurator));
        }
        let default_region = match raw.pack.default_region {
            None => Region::default(),
            Some(region) => region.parse().map_err(|_| {
                invalid(
                    "[pack] default_region",
                    PlanProblem::UnknownRegion(region.clone()),
                )
            })?,
        };
        if raw.breaches.is_empty() {
            return Err(invalid("[pack]", PlanProblem::NoBreaches));
        }

        let mut seen = BTreeSet::new();
        let mut breaches = Vec::with_capacity(raw.breaches.len());
        for raw_breach in raw.breaches {
            let what = format!("[[breach]] {}", raw_breach.id);
            if !is_slug(&raw_breach.id) {
                return Err(invalid(&what, PlanProblem::BadBreachId));
            }
            if !seen.insert(raw_breach.id.clone()) {
                return Err(invalid(&what, PlanProblem::DuplicateBreachId));
            }
            breaches.push(check_breach(base, raw_breach, &what, &invalid)?);
        }
        if too_many_classes(&breaches) {
            return Err(invalid("[pack]", PlanProblem::TooManyClasses));
        }
        Ok(Plan {
            path: path.to_owned(),
            id,
            title: raw.pack.title,
            curator: raw.pack.curator,
            default_region,
            breaches,
        })
    }

    /// The pack's class bit numbering: the standard classes, then the plan's own.
    pub fn class_table(&self) -> classes::ClassTable {
        let mut ids: Vec<String> = classes::STANDARD.iter().map(|c| c.to_string()).collect();
        for breach in &self.breaches {
            for class in &breach.data_classes {
                if !ids.contains(class) {
                    ids.push(class.clone());
                }
            }
        }
        classes::ClassTable::new(ids).expect("checked by Plan::parse")
    }

    /// Total bytes of every source, for progress estimates.
    pub fn total_bytes(&self) -> u64 {
        self.breaches
            .iter()
            .flat_map(|b| &b.sources)
            .filter_map(|s| std::fs::metadata(&s.path).ok())
            .map(|m| m.len())
            .sum()
    }
}

/// Where the TOML reader stopped, as editors count lines and columns, and what it found there.
fn syntax_error(path: &Path, text: &str, error: &toml::de::Error) -> PlanError {
    let start = error.span().map_or(0, |span| span.start.min(text.len()));
    // A span may start inside a character only if the reader is wrong; then the line start.
    let start = (0..=start)
        .rev()
        .find(|i| text.is_char_boundary(*i))
        .unwrap_or(0);
    let before = &text[..start];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    PlanError::Syntax {
        path: path.to_owned(),
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
        problem: SyntaxProblem::from_toml(error.message(), &text[start..]),
    }
}

/// A pack id for a plan that names none: its file name as a slug, or `pack`.
fn id_from_file_name(path: &Path) -> String {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let slug: String = stem
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let slug = slug.trim_matches('-').to_owned();
    if is_slug(&slug) {
        slug
    } else {
        "pack".to_owned()
    }
}

/// Checks one breach, whose id is already known to be a new slug, and its sources.
fn check_breach(
    base: &Path,
    raw: RawBreach,
    what: &str,
    invalid: &impl Fn(&str, PlanProblem) -> PlanError,
) -> Result<BreachPlan, PlanError> {
    if raw.title.is_empty() {
        return Err(invalid(what, PlanProblem::EmptyTitle));
    }
    if let Some(date) = &raw.date
        && !is_breach_date(date)
    {
        return Err(invalid(what, PlanProblem::BadDate));
    }
    if raw.sources.is_empty() {
        return Err(invalid(what, PlanProblem::NoSources));
    }
    let mut sources = Vec::with_capacity(raw.sources.len());
    for (i, raw_source) in raw.sources.into_iter().enumerate() {
        let what = format!("{what}, source {}", i + 1);
        sources.push(check_source(base, raw_source).map_err(|reason| invalid(&what, reason))?);
    }
    let mapped: BTreeSet<String> = sources
        .iter()
        .flat_map(|s| {
            s.columns
                .iter()
                .filter_map(|(_, f)| f.class().map(str::to_owned))
        })
        .collect();
    let data_classes = match raw.data_classes {
        Some(declared) => {
            if let Some(bad) = declared.iter().find(|c| !classes::is_class_id(c)) {
                return Err(invalid(what, PlanProblem::BadClass(bad.clone())));
            }
            // A record's classes must be nameable in the pack, declared or not.
            declared.into_iter().chain(mapped).collect::<BTreeSet<_>>()
        }
        None => mapped,
    };
    Ok(BreachPlan {
        slug: raw.id,
        title: raw.title,
        description: raw.description,
        date: raw.date,
        data_classes: classes::sorted(data_classes.iter().map(String::as_str)),
        verified: raw.verified,
        sensitive: raw.sensitive,
        sources,
    })
}

/// Whether the standard classes and those of every breach are more than a pack can number.
fn too_many_classes(breaches: &[BreachPlan]) -> bool {
    classes::STANDARD
        .iter()
        .map(|c| c.to_string())
        .chain(breaches.iter().flat_map(|b| b.data_classes.iter().cloned()))
        .collect::<BTreeSet<_>>()
        .len()
        > classes::MAX_CLASSES
}

fn check_source(base: &Path, raw: RawSource) -> Result<Source, PlanProblem> {
    let path = base.join(&raw.path);
    check_file(&path, &raw)?;
    check_options(&raw)?;
    let compression = check_compression(&path, &raw)?;
    // A workbook is binary: its text is checked by reading it, with its header.
    let (encoding, encoding_detected) = if raw.format == Format::Xlsx {
        (Encoding::Utf8, None)
    } else {
        source_encoding(&path, &compression, &raw)?
    };
    let fields = mapped_fields(&raw.columns)?;
    let mut source = Source {
        path,
        format: raw.format,
        compression,
        encoding,
        encoding_detected,
        header: false,
        columns: Vec::new(),
        header_width: None,
        table: raw.table.clone(),
        delimiter: raw.delimiter.clone(),
        sheet: raw.sheet.clone(),
    };
    match raw.format {
        Format::Sql => {
            if raw.header.is_some() {
                return Err(PlanProblem::OptionNotForFormat("header", raw.format));
            }
            source.columns = sql_columns(&source, &raw, fields)?;
        }
        Format::Jsonl | Format::Json => {
            if raw.header.is_some() {
                return Err(PlanProblem::HeaderWithJsonl);
            }
            if raw.format == Format::Json {
                check_json_array(&source, &raw)?;
            }
            source.columns = json_columns(fields)?;
        }
        Format::Csv | Format::Tsv | Format::Text | Format::Xlsx => {
            source.header = raw.header.unwrap_or(true);
            let (columns, width) = delimited_columns(&source, &raw, fields)?;
            source.columns = columns;
            source.header_width = source.header.then_some(width);
        }
    }
    Ok(source)
}

/// Each format's own options: `table` for `sql`, `delimiter` for `text` (required), `sheet` for
/// `xlsx`.
fn check_options(raw: &RawSource) -> Result<(), PlanProblem> {
    if raw.table.is_some() && raw.format != Format::Sql {
        return Err(PlanProblem::OptionNotForFormat("table", raw.format));
    }
    match (&raw.delimiter, raw.format) {
        (None, Format::Text) => return Err(PlanProblem::MissingDelimiter),
        (Some(delimiter), Format::Text) => {
            if delimiter.is_empty() || delimiter.contains(['\n', '\r']) {
                return Err(PlanProblem::BadDelimiter);
            }
        }
        (Some(_), format) => return Err(PlanProblem::OptionNotForFormat("delimiter", format)),
        (None, _) => {}
    }
    if raw.sheet.is_some() && raw.format != Format::Xlsx {
        return Err(PlanProblem::OptionNotForFormat("sheet", raw.format));
    }
    Ok(())
}

/// A `json` source must be UTF-8 and one array: a JSON Lines file given as `json` would
/// otherwise read as no row at all.
fn check_json_array(source: &Source, raw: &RawSource) -> Result<(), PlanProblem> {
    if source.encoding != Encoding::Utf8 {
        return Err(PlanProblem::JsonNotUtf8);
    }
    match dump::starts_array(source) {
        Ok(true) => Ok(()),
        Ok(false) => Err(PlanProblem::NotJsonArray(raw.path.clone())),
        Err(error) => Err(unreadable(raw, &error)),
    }
}

/// A source must be a regular, non-empty file.
fn check_file(path: &Path, raw: &RawSource) -> Result<(), PlanProblem> {
    let metadata = std::fs::metadata(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => PlanProblem::SourceMissing(raw.path.clone()),
        kind => PlanProblem::SourceUnreadable(raw.path.clone(), FileProblem::Io(kind)),
    })?;
    // A directory, a device such as /dev/zero or a FIFO is never a dump.
    if !metadata.is_file() {
        return Err(PlanProblem::SourceNotAFile(raw.path.clone()));
    }
    if metadata.len() == 0 {
        return Err(PlanProblem::SourceEmpty(raw.path.clone()));
    }
    Ok(())
}

/// A failure to read a source while checking it: an archive's own problem, or the file's.
fn unreadable(raw: &RawSource, error: &std::io::Error) -> PlanProblem {
    match ArchiveProblem::of(error) {
        Some(problem) => PlanProblem::SourceArchive(raw.path.clone(), problem.clone()),
        None => PlanProblem::SourceUnreadable(raw.path.clone(), FileProblem::Io(error.kind())),
    }
}

/// The source's compression, by the plan or by the file name, and for a zip archive the member
/// read, which must exist: found now rather than when the build reaches the source.
fn check_compression(path: &Path, raw: &RawSource) -> Result<Compression, PlanProblem> {
    let kind = match raw.compression {
        Some(RawCompression::None) => CompressionKind::None,
        Some(RawCompression::Gzip) => CompressionKind::Gzip,
        Some(RawCompression::Zip) => CompressionKind::Zip,
        None => crate::dump::compression_by_name(path),
    };
    match kind {
        CompressionKind::Zip => {
            let member = crate::dump::zip_member(path, raw.member.as_deref())
                .map_err(|e| unreadable(raw, &e))?;
            Ok(Compression::Zip { member })
        }
        _ if raw.member.is_some() => Err(PlanProblem::MemberWithoutZip(raw.path.clone())),
        CompressionKind::Gzip => Ok(Compression::Gzip),
        CompressionKind::None => Ok(Compression::None),
    }
}

/// The encoding a source is read in, and if `auto` chose it, from how many bytes. The start of
/// the file must be text in that encoding: caught now rather than after hours of building on
/// mojibake.
fn source_encoding(
    path: &Path,
    compression: &Compression,
    raw: &RawSource,
) -> Result<(Encoding, Option<u64>), PlanProblem> {
    let sample =
        dump::sample(path, compression, dump::SAMPLE_BYTES).map_err(|e| unreadable(raw, &e))?;
    if sample.is_empty() {
        return Err(PlanProblem::SourceEmpty(raw.path.clone()));
    }
    let utf32 = sample.starts_with(&[0, 0, 0xFE, 0xFF]) || sample.starts_with(&[0xFF, 0xFE, 0, 0]);
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]);
    let declared = raw.encoding.named();
    let reads_utf16 = matches!(declared, None | Some(Encoding::Utf16));
    if utf32 || (utf16 && !reads_utf16) {
        return Err(PlanProblem::SourceUtf16(raw.path.clone()));
    }
    // A sample shorter than asked for is the whole file.
    let whole = sample.len() < dump::SAMPLE_BYTES;
    let Some(declared) = declared else {
        let detected = dump::stream(path, compression)
            .and_then(|stream| dump::detect_encoding_streamed(stream, dump::MAX_DETECT_BYTES))
            .map_err(|e| unreadable(raw, &e))?;
        return match detected.encoding {
            Ok(encoding) => Ok((encoding, Some(detected.bytes))),
            Err(dump::Undetected::Utf16WithoutBom) => {
                Err(PlanProblem::SourceUtf16WithoutBom(raw.path.clone()))
            }
            Err(dump::Undetected::Unsupported(guess)) => Err(
                PlanProblem::SourceEncodingUndetected(raw.path.clone(), guess),
            ),
        };
    };
    match dump::check_encoding(&sample, whole, declared) {
        Some(dump::EncodingMismatch::NotUtf8 { line }) => {
            Err(PlanProblem::SourceNotUtf8(raw.path.clone(), line))
        }
        Some(dump::EncodingMismatch::LooksUtf8) => {
            Err(PlanProblem::SourceLooksUtf8(raw.path.clone(), declared))
        }
        Some(dump::EncodingMismatch::Utf16WithoutBom) => {
            Err(PlanProblem::SourceUtf16WithoutBom(raw.path.clone()))
        }
        None => Ok((declared, None)),
    }
}

/// The plan's columns with their fields, which must make at least one key.
fn mapped_fields(columns: &BTreeMap<String, String>) -> Result<Vec<(String, Field)>, PlanProblem> {
    let mut fields = Vec::with_capacity(columns.len());
    for (column, field_text) in columns {
        let field = Field::parse(field_text)
            .ok_or_else(|| PlanProblem::UnknownField(field_text.clone()))?;
        fields.push((column.clone(), field));
    }
    let has = |wanted: &Field| fields.iter().any(|(_, f)| f == wanted);
    let makes_key = [
        Field::Email,
        Field::Phone,
        Field::NationalIdCn,
        Field::Username,
    ]
    .iter()
    .any(has)
        || (has(&Field::Name) && has(&Field::Dob));
    if !makes_key {
        return Err(if has(&Field::Name) {
            PlanProblem::NameWithoutDate
        } else {
            PlanProblem::NoKeyField
        });
    }
    Ok(fields)
}

/// JSON columns are dotted paths of keys.
fn json_columns(fields: Vec<(String, Field)>) -> Result<Vec<(Column, Field)>, PlanProblem> {
    let columns = fields
        .into_iter()
        .map(|(column, field)| {
            let path: Vec<String> = column.split('.').map(str::to_owned).collect();
            if path.iter().any(String::is_empty) {
                return Err(PlanProblem::UnknownColumn(column));
            }
            Ok((Column::Path(path), field))
        })
        .collect::<Result<Vec<_>, _>>()?;
    // A key with surrounding white space is a slip far more often than a real key.
    let mut seen = BTreeSet::new();
    for (column, _) in &columns {
        if let Column::Path(path) = column {
            let trimmed: Vec<&str> = path.iter().map(|key| key.trim()).collect();
            if !seen.insert(trimmed.clone()) {
                return Err(PlanProblem::DuplicateColumn(trimmed.join(".")));
            }
        }
    }
    Ok(columns)
}

/// CSV, TSV, text and sheet columns are found by name in the header, or given as 1-based
/// numbers; also the header's width, or without a header the first row's, which bounds the
/// column numbers (a sheet's, by the most columns a sheet has: its first row may stop short).
fn delimited_columns(
    source: &Source,
    raw: &RawSource,
    fields: Vec<(String, Field)>,
) -> Result<(Vec<(Column, Field)>, usize), PlanProblem> {
    let header = source.header;
    let (names, width) = match source.format {
        Format::Text => {
            let first = dump::first_line_fields(source).map_err(|error| {
                if error.kind() == std::io::ErrorKind::InvalidData {
                    PlanProblem::HeaderEncoding(raw.path.clone(), source.encoding)
                } else {
                    unreadable(raw, &error)
                }
            })?;
            let width = first.len();
            (if header { first } else { Vec::new() }, width)
        }
        Format::Xlsx => {
            let first = dump::first_row(&source.path, source.sheet.as_deref())
                .map_err(|problem| PlanProblem::Workbook(raw.path.clone(), problem))?;
            if header {
                let width = first.cells.len();
                (first.cells, width)
            } else {
                (Vec::new(), dump::MAX_SHEET_COLUMNS)
            }
        }
        _ if header => {
            let names = dump::read_header(source)
                .map_err(|e| unreadable(raw, &e))?
                .ok_or_else(|| PlanProblem::HeaderEncoding(raw.path.clone(), source.encoding))?;
            let width = names.len();
            (names, width)
        }
        _ => (
            Vec::new(),
            dump::first_row_width(source).map_err(|e| unreadable(raw, &e))?,
        ),
    };
    let mut seen = BTreeSet::new();
    let mut columns = Vec::with_capacity(fields.len());
    for (column, field) in fields {
        let index = if header {
            names
                .iter()
                .position(|name| name.trim() == column.trim())
                .ok_or_else(|| PlanProblem::UnknownColumn(column.clone()))?
        } else {
            match column.trim().parse::<usize>() {
                Ok(n) if n > width => return Err(PlanProblem::ColumnPastEnd(column, width)),
                Ok(n) if n >= 1 => n - 1,
                _ => return Err(PlanProblem::BadColumnNumber(column)),
            }
        };
        if !seen.insert(index) {
            return Err(PlanProblem::DuplicateColumn(column.trim().to_owned()));
        }
        columns.push((Column::Index(index), field));
    }
    Ok((columns, width))
}

/// The most column names a plan error lists.
const COLUMNS_SHOWN: usize = 20;

/// SQL columns are names in the table's column lists or its `CREATE TABLE`, or 1-based positions
/// in its tuples. The dump is read only up to the table's first `INSERT` or `COPY`: what comes
/// before it (its `CREATE TABLE`) is all a positional `INSERT` needs, and reading on would cost
/// minutes on a dump of hundreds of gigabytes before the build starts. Only a table the dump never
/// fills is read to the end (in bounded memory), since only the end shows that it is missing.
fn sql_columns(
    source: &Source,
    raw: &RawSource,
    fields: Vec<(String, Field)>,
) -> Result<Vec<(Column, Field)>, PlanProblem> {
    let bytes = dump::SourceBytes::open(source).map_err(|e| unreadable(raw, &e))?;
    let found = dump::find_sql_table(bytes, source.encoding, raw.table.as_deref())
        .map_err(|e| unreadable(raw, &e))?;
    let (table, names) = match (found, &raw.table) {
        (dump::SqlTable::Found { table, names }, Some(_)) => (table, names),
        (dump::SqlTable::Found { table, .. }, None) => {
            return Err(PlanProblem::SqlTableUnnamed(dump::shown_name(&table)));
        }
        (dump::SqlTable::Missing { tables }, Some(wanted)) if !tables.is_empty() => {
            let shown: Vec<String> = tables.iter().map(|t| dump::shown_name(t)).collect();
            return Err(PlanProblem::SqlUnknownTable(
                wanted.clone(),
                shown.join(", "),
            ));
        }
        (dump::SqlTable::Missing { .. }, _) => {
            return Err(PlanProblem::SqlNoRows(raw.path.clone()));
        }
    };
    let table = dump::shown_name(&table);
    let mut seen = BTreeSet::new();
    let mut columns = Vec::with_capacity(fields.len());
    for (column, field) in fields {
        let name = column.trim();
        let (position, sql_column) = match (name.parse::<usize>(), &names) {
            (Ok(0), _) => return Err(PlanProblem::BadColumnNumber(column)),
            (Ok(n), Some(names)) if n > names.len() => {
                return Err(PlanProblem::ColumnPastEnd(column, names.len()));
            }
            (Ok(n), None) if n > dump::MAX_SQL_COLUMNS => {
                return Err(PlanProblem::ColumnPastEnd(column, dump::MAX_SQL_COLUMNS));
            }
            (Ok(n), _) => (n - 1, Column::Index(n - 1)),
            (Err(_), Some(names)) => {
                let Some(position) = names
                    .iter()
                    .position(|found| found.trim().eq_ignore_ascii_case(name))
                else {
                    let shown: Vec<String> = names
                        .iter()
                        .take(COLUMNS_SHOWN)
                        .map(|n| dump::shown_name(n))
                        .collect();
                    let mut shown = shown.join(", ");
                    if names.len() > COLUMNS_SHOWN {
                        shown.push_str(", …");
                    }
                    return Err(PlanProblem::SqlUnknownColumn(column, table, shown));
                };
                (position, Column::Name(name.to_owned()))
            }
            (Err(_), None) => return Err(PlanProblem::SqlNoColumnNames(column, table)),
        };
        if !seen.insert(position) {
            return Err(PlanProblem::DuplicateColumn(name.to_owned()));
        }
        columns.push((sql_column, field));
    }
    Ok(columns)
}

#[cfg(test)]
mod tests;
