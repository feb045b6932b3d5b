//! What a plan says about one dump file: its path, format, encoding and which column holds which
//! field. Shared by the plan (which checks it) and the readers (which follow it), so that neither
//! imports the other.

use std::fmt;
use std::path::PathBuf;

use serde::Deserialize;

use exposure_core::classes;

/// What a column of a dump holds.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Email,
    Phone,
    NationalIdCn,
    Username,
    Name,
    Dob,
    Address,
    Gender,
    Password,
    IpAddress,
    PoliceRecord,
    DeliveryRecord,
    /// `data:<class>`: a data-only column of a class the plan declares.
    Data(String),
    Ignore,
}

impl Field {
    pub fn parse(text: &str) -> Option<Field> {
        Some(match text {
            "email" => Field::Email,
            "phone" => Field::Phone,
            "national_id_cn" => Field::NationalIdCn,
            "username" => Field::Username,
            "name" => Field::Name,
            "dob" => Field::Dob,
            "address" => Field::Address,
            "gender" => Field::Gender,
            "password" => Field::Password,
            "ip_address" => Field::IpAddress,
            "police_record" => Field::PoliceRecord,
            "delivery_record" => Field::DeliveryRecord,
            "ignore" => Field::Ignore,
            other => {
                let class = other.strip_prefix("data:")?;
                return classes::is_class_id(class).then(|| Field::Data(class.to_owned()));
            }
        })
    }

    /// The data class a non-empty value of this field exposes.
    pub fn class(&self) -> Option<&str> {
        Some(match self {
            Field::Email => "email_addresses",
            Field::Phone => "phone_numbers",
            Field::NationalIdCn => "national_ids",
            Field::Username => "usernames",
            Field::Name => "names",
            Field::Dob => "dates_of_birth",
            Field::Address => "physical_addresses",
            Field::Gender => "genders",
            Field::Password => "passwords",
            Field::IpAddress => "ip_addresses",
            Field::PoliceRecord => "police_records",
            Field::DeliveryRecord => "delivery_records",
            Field::Data(class) => class,
            Field::Ignore => return None,
        })
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Csv,
    Tsv,
    Jsonl,
    /// A MySQL/MariaDB dump of `INSERT` statements, or a PostgreSQL dump of `COPY` blocks.
    Sql,
    /// Lines split on a delimiter string, no quoting (`phone----password` lists).
    Text,
    /// One top-level array of objects (`mongoexport --jsonArray`).
    Json,
    /// A spreadsheet: xlsx, xls or ods.
    Xlsx,
}

/// The encoding a source's bytes are read in: declared by the plan, or detected for `auto`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Covers GBK and GB2312, of which it is a superset.
    Gb18030,
    /// Traditional Chinese (Hong Kong, Taiwan), as the WHATWG reads it (with HKSCS).
    Big5,
    /// Little- or big-endian, as the byte order mark at the start says.
    Utf16,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
            Encoding::Big5 => "big5",
            Encoding::Utf16 => "utf-16",
        }
    }

    /// The name as people write it in a sentence.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Gb18030 => "GB18030",
            Encoding::Big5 => "Big5",
            Encoding::Utf16 => "UTF-16",
        }
    }

    /// Whether every byte below 0x40 is ASCII, so that a reader may split rows and fields on the
    /// raw bytes and decode each field afterwards. Big5's second bytes include `\`, `[`, `{` and
    /// `|`, and UTF-16 is two bytes a character: those are transcoded to UTF-8 as a stream first.
    pub fn ascii_safe(self) -> bool {
        matches!(self, Encoding::Utf8 | Encoding::Gb18030)
    }
}

/// How a source's file is packed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Compression {
    None,
    Gzip,
    /// One member of a zip archive, by its name in the archive.
    Zip {
        member: String,
    },
}

/// Where a field sits in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// Index into a CSV/TSV/text row or a sheet's row; found by name in the header, or given as
    /// a 1-based number.
    Index(usize),
    /// Keys into nested JSON objects (`user.contact.phone`).
    Path(Vec<String>),
    /// A SQL table's column by name, matched without regard to ASCII case as MySQL matches
    /// column names; each statement may list its columns in another order.
    Name(String),
}

/// One dump file of a breach.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    pub compression: Compression,
    /// For `auto`, the encoding detected when the plan was checked.
    pub encoding: Encoding,
    /// If the plan said `auto`, the bytes of the file it was decided on: the build summary then
    /// names the encoding chosen, and from how many bytes.
    pub encoding_detected: Option<u64>,
    pub header: bool,
    /// Columns in the plan's order, each with its field.
    pub columns: Vec<(Column, Field)>,
    /// How many fields the header has (CSV/TSV/text/xlsx with a header).
    pub header_width: Option<usize>,
    /// The table whose rows a SQL dump's source reads.
    pub table: Option<String>,
    /// What splits a `text` line into fields (any string, `"----"`), in the plan's text.
    pub delimiter: Option<String>,
    /// The `xlsx` sheet whose rows are read; `None` for the first.
    pub sheet: Option<String>,
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Format::Csv => "csv",
            Format::Tsv => "tsv",
            Format::Jsonl => "jsonl",
            Format::Sql => "sql",
            Format::Text => "text",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        })
    }
}
