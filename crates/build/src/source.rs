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
    /// Lines split on a delimiter string, no quoting (`phone----password` lists).
    Text,
    /// One top-level array of objects (`mongoexport --jsonArray`).
    Json,
    /// A spreadsheet: xlsx, xls or ods.
    Xlsx,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
pub enum Encoding {
    #[serde(rename = "utf-8")]
    Utf8,
    /// Covers GBK and GB2312, of which it is a superset.
    #[serde(rename = "gb18030")]
    Gb18030,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "utf-8",
            Encoding::Gb18030 => "gb18030",
        }
    }
}

/// Where a field sits in a row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Column {
    /// Index into a CSV/TSV/text row or a sheet's row; found by name in the header, or given as
    /// a 1-based number.
    Index(usize),
    /// Keys into nested JSON objects (`user.contact.phone`).
    Path(Vec<String>),
}

/// One dump file of a breach.
#[derive(Debug, Clone, PartialEq)]
pub struct Source {
    pub path: PathBuf,
    pub format: Format,
    pub encoding: Encoding,
    pub header: bool,
    /// Columns in the plan's order, each with its field.
    pub columns: Vec<(Column, Field)>,
    /// How many fields the header has (CSV/TSV/text/xlsx with a header).
    pub header_width: Option<usize>,
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
            Format::Text => "text",
            Format::Json => "json",
            Format::Xlsx => "xlsx",
        })
    }
}
