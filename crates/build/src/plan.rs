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
use crate::source::{Column, Encoding, Field, Format, Source};
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
    /// Declared GB18030, but the file is UTF-8 text.
    SourceLooksUtf8(PathBuf),
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
    /// A `text` source without a `delimiter`.
    MissingDelimiter,
    /// An empty `delimiter`, or one holding a line break.
    BadDelimiter,
    /// An option the source's format has no use for (`sheet` on a CSV file).
    OptionNotForFormat(&'static str, Format),
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
            PlanProblem::SourceLooksUtf8(p) => {
                ("plan-source-looks-utf8", Some(p.display().to_string()))
            }
            PlanProblem::UnknownField(f) => ("plan-unknown-field", Some(f.clone())),
            PlanProblem::UnknownColumn(c) => ("plan-unknown-column", Some(c.clone())),
            PlanProblem::BadColumnNumber(c) => ("plan-bad-column-number", Some(c.clone())),
            PlanProblem::ColumnPastEnd(c, _) => ("plan-column-past-end", Some(c.clone())),
            PlanProblem::DuplicateColumn(c) => ("plan-duplicate-column", Some(c.clone())),
            PlanProblem::HeaderWithJsonl => ("plan-header-with-jsonl", None),
            PlanProblem::NoKeyField => ("plan-no-key-field", None),
            PlanProblem::NameWithoutDate => ("plan-name-without-date", None),
            PlanProblem::MissingDelimiter => ("plan-missing-delimiter", None),
            PlanProblem::BadDelimiter => ("plan-bad-delimiter", None),
            PlanProblem::OptionNotForFormat(option, _) => {
                ("plan-option-not-for-format", Some((*option).to_owned()))
            }
            PlanProblem::NotJsonArray(p) => ("plan-not-json-array", Some(p.display().to_string())),
            PlanProblem::JsonNotUtf8 => ("plan-json-not-utf8", None),
            PlanProblem::Workbook(p, problem) => (
                match problem {
                    dump::WorkbookProblem::NotAWorkbook => "plan-workbook-unreadable",
                    dump::WorkbookProblem::Bomb { .. } => "plan-workbook-bomb",
                    dump::WorkbookProblem::TooLarge => "plan-workbook-too-large",
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
                if let PlanProblem::HeaderEncoding(_, encoding) = reason {
                    message = message.arg("encoding", encoding.name());
                }
                let message = match detail {
                    Some(detail) => message.arg("detail", safe_line(&detail)),
                    None => message,
                };
                match reason {
                    PlanProblem::SourceNotUtf8(_, line) => message.arg("line", *line),
                    PlanProblem::ColumnPastEnd(_, columns) => message.arg("columns", *columns),
                    PlanProblem::OptionNotForFormat(_, format) => {
                        message.arg("format", format.to_string())
                    }
                    PlanProblem::Workbook(_, dump::WorkbookProblem::Bomb { part }) => message
                        .arg("part", safe_line(part))
                        .arg("ratio", dump::MAX_RATIO)
                        .arg("limit", dump::MAX_HELD_PART_BYTES >> 20),
                    PlanProblem::Workbook(_, dump::WorkbookProblem::TooLarge) => {
                        message.arg("limit", dump::MAX_WHOLE_BYTES >> 20)
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
    encoding: Encoding,
    header: Option<bool>,
    /// `text`: what splits a line into fields.
    delimiter: Option<String>,
    /// `xlsx`: the sheet to read (default: the first).
    sheet: Option<String>,
    columns: BTreeMap<String, String>,
}

fn default_encoding() -> Encoding {
    Encoding::Utf8
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
    let fields = mapped_fields(&raw.columns)?;
    let (header, columns, header_width) = match raw.format {
        Format::Jsonl | Format::Json => {
            if raw.header.is_some() {
                return Err(PlanProblem::HeaderWithJsonl);
            }
            if raw.format == Format::Json {
                check_json_array(&path, &raw)?;
            }
            (false, json_columns(fields)?, None)
        }
        Format::Csv | Format::Tsv | Format::Text | Format::Xlsx => {
            let header = raw.header.unwrap_or(true);
            let (columns, width) = delimited_columns(&path, &raw, header, fields)?;
            (header, columns, header.then_some(width))
        }
    };
    Ok(Source {
        path,
        format: raw.format,
        encoding: raw.encoding,
        header,
        columns,
        header_width,
        delimiter: raw.delimiter,
        sheet: raw.sheet,
    })
}

/// Each format's own options: `delimiter` for `text` (required), `sheet` for `xlsx`.
fn check_options(raw: &RawSource) -> Result<(), PlanProblem> {
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
fn check_json_array(path: &Path, raw: &RawSource) -> Result<(), PlanProblem> {
    if raw.encoding != Encoding::Utf8 {
        return Err(PlanProblem::JsonNotUtf8);
    }
    match dump::starts_array(path) {
        Ok(true) => Ok(()),
        Ok(false) => Err(PlanProblem::NotJsonArray(raw.path.clone())),
        Err(problem) => Err(PlanProblem::SourceUnreadable(raw.path.clone(), problem)),
    }
}

/// A source must be a regular, non-empty file whose start is text in the declared encoding:
/// caught now rather than after hours of building on mojibake.
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
    // A workbook is binary: its text is checked by reading it, with its header.
    if raw.format == Format::Xlsx {
        return Ok(());
    }
    let sample = read_sample(path)
        .map_err(|problem| PlanProblem::SourceUnreadable(raw.path.clone(), problem))?;
    if [&[0xFF, 0xFE][..], &[0xFE, 0xFF], &[0, 0, 0xFE, 0xFF]]
        .iter()
        .any(|bom| sample.starts_with(bom))
    {
        return Err(PlanProblem::SourceUtf16(raw.path.clone()));
    }
    let whole = sample.len() as u64 >= metadata.len();
    match dump::check_encoding(&sample, whole, raw.encoding) {
        Some(dump::EncodingMismatch::NotUtf8 { line }) => {
            Err(PlanProblem::SourceNotUtf8(raw.path.clone(), line))
        }
        Some(dump::EncodingMismatch::LooksUtf8) => {
            Err(PlanProblem::SourceLooksUtf8(raw.path.clone()))
        }
        None => Ok(()),
    }
}

/// The start of the file, at most [`dump::SAMPLE_BYTES`].
fn read_sample(path: &Path) -> Result<Vec<u8>, FileProblem> {
    let (file, _) = exposure_core::files::open_regular(path)?;
    let mut sample = Vec::with_capacity(dump::SAMPLE_BYTES);
    std::io::Read::read_to_end(
        &mut std::io::Read::take(file, dump::SAMPLE_BYTES as u64),
        &mut sample,
    )?;
    Ok(sample)
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
    path: &Path,
    raw: &RawSource,
    header: bool,
    fields: Vec<(String, Field)>,
) -> Result<(Vec<(Column, Field)>, usize), PlanProblem> {
    let unreadable = |problem| PlanProblem::SourceUnreadable(raw.path.clone(), problem);
    let not_text = |problem| match problem {
        FileProblem::Io(std::io::ErrorKind::InvalidData) => {
            PlanProblem::HeaderEncoding(raw.path.clone(), raw.encoding)
        }
        problem => unreadable(problem),
    };
    let (names, width) = match raw.format {
        Format::Text => {
            let delimiter = raw.delimiter.as_deref().unwrap_or_default();
            let first = dump::first_line_fields(path, raw.encoding, delimiter).map_err(not_text)?;
            let width = first.len();
            (if header { first } else { Vec::new() }, width)
        }
        Format::Xlsx => {
            let first = dump::first_row(path, raw.sheet.as_deref())
                .map_err(|problem| PlanProblem::Workbook(raw.path.clone(), problem))?;
            if header {
                let width = first.cells.len();
                (first.cells, width)
            } else {
                (Vec::new(), dump::MAX_COLUMNS)
            }
        }
        _ if header => {
            let names = dump::read_header(path, raw.format, raw.encoding).map_err(not_text)?;
            let width = names.len();
            (names, width)
        }
        _ => (
            Vec::new(),
            dump::first_row_width(path, raw.format).map_err(unreadable)?,
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

#[cfg(test)]
mod tests;
