//! The JSON Lines reader: one JSON object a line, fields found by their key paths.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read};

use serde::de::DeserializeSeed;
use serde_json::Value;
use zeroize::Zeroizing;

use super::position::Position;
use super::row::{DuplicateKey, FieldValue, MAX_ROW_BYTES, Record, Row, RowProblem, field_problem};
use super::text::{SkipBom, decode};
use crate::source::{Column, Field, Source};

/// Streams the rows of a JSON Lines source.
pub(super) struct JsonLinesReader<R> {
    reader: BufReader<SkipBom<R>>,
    /// The current line, zeroed once read: it may hold identifiers.
    buffer: Vec<u8>,
    line: u64,
}

impl<R: Read> JsonLinesReader<R> {
    pub(super) fn open(bytes: R) -> JsonLinesReader<R> {
        JsonLinesReader {
            reader: BufReader::with_capacity(1 << 16, SkipBom::new(bytes)),
            buffer: Vec::new(),
            line: 0,
        }
    }

    /// The next row, or `None` at the end of the file. `Err` only for I/O failures.
    pub(super) fn next_row(&mut self, source: &Source) -> std::io::Result<Option<Row>> {
        loop {
            self.buffer.clear();
            let (n, ended) = read_line(
                &mut self.reader,
                &mut self.buffer,
                MAX_ROW_BYTES as usize + 1,
            )?;
            if n == 0 {
                return Ok(None);
            }
            self.line += 1;
            if self.buffer.len() as u64 > MAX_ROW_BYTES {
                self.skip_rest_of_line(ended)?;
                return Ok(Some(Row::Bad {
                    position: Position::Line { line: self.line },
                    problem: RowProblem::TooLong,
                }));
            }
            if self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let row = self.parse(source);
            self.buffer.fill(0);
            return Ok(Some(row));
        }
    }

    /// Skips to the end of an overlong line, a bounded piece at a time.
    fn skip_rest_of_line(&mut self, mut ended: bool) -> std::io::Result<()> {
        while !ended {
            self.buffer.clear();
            let (n, end) = read_line(&mut self.reader, &mut self.buffer, 1 << 16)?;
            ended = end || n == 0;
        }
        self.buffer.clear();
        Ok(())
    }

    /// The current line's mapped values, or why the row is skipped.
    fn parse(&self, source: &Source) -> Row {
        object_row(source, Position::Line { line: self.line }, &self.buffer)
    }
}

/// The mapped values of the JSON object in `bytes` (a line, or an element of an array), or why
/// the row at `position` is skipped.
pub(super) fn object_row(source: &Source, position: Position, bytes: &[u8]) -> Row {
    let Some(text) = decode(source.encoding, bytes) else {
        return Row::Bad {
            position,
            problem: RowProblem::Encoding,
        };
    };
    let object = match parse_object(&text) {
        Ok(object) => object,
        Err(JsonLineProblem::DuplicateKey(key)) => {
            return Row::DuplicateKey(DuplicateKey::new(position, &key));
        }
        Err(JsonLineProblem::NotAnObject) => {
            return Row::Bad {
                position,
                problem: RowProblem::Json,
            };
        }
    };
    let mut values = Vec::new();
    for (column, (wanted, field)) in source.columns.iter().enumerate() {
        let Column::Path(path) = wanted else {
            continue;
        };
        let mut node = object.get(&path[0]);
        for key in &path[1..] {
            node = node.and_then(|value| value.get(key));
        }
        let text = match node.map(|value| scalar_text(value, field)) {
            Some(Ok(text)) => text,
            Some(Err(problem)) => {
                return Row::Bad { position, problem };
            }
            None => None,
        };
        if let Some(text) = text {
            if let Some(problem) = field_problem(text.as_bytes()) {
                return Row::Bad { position, problem };
            }
            values.push(FieldValue {
                column,
                text: Zeroizing::new(text),
            });
        }
    }
    Row::Record(Record { position, values })
}

/// Reads one line into `buffer`, without its end: `\n`, `\r\n`, or a lone `\r` (old Mac
/// exports), at most `limit` bytes of it. Returns the bytes consumed (0 at the end of the file)
/// and whether the line's end was reached.
pub(super) fn read_line(
    reader: &mut impl BufRead,
    buffer: &mut Vec<u8>,
    limit: usize,
) -> std::io::Result<(u64, bool)> {
    let mut consumed = 0u64;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((consumed, false));
        }
        let room = limit.saturating_sub(buffer.len());
        let searched = &available[..available.len().min(room.saturating_add(1))];
        if let Some(end) = memchr::memchr2(b'\n', b'\r', searched) {
            let cr = available[end] == b'\r';
            buffer.extend_from_slice(&available[..end]);
            reader.consume(end + 1);
            consumed += end as u64 + 1;
            if cr && reader.fill_buf()?.first() == Some(&b'\n') {
                reader.consume(1);
                consumed += 1;
            }
            return Ok((consumed, true));
        }
        let taken = available.len().min(room);
        buffer.extend_from_slice(&available[..taken]);
        reader.consume(taken);
        consumed += taken as u64;
        if buffer.len() >= limit {
            return Ok((consumed, false));
        }
    }
}

/// Why a JSON line gives no object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum JsonLineProblem {
    /// Not JSON, or JSON but not an object.
    NotAnObject,
    /// An object, at any depth, with this key written twice.
    DuplicateKey(Zeroizing<String>),
}

/// Parses one JSON line into its object, refusing a key written twice at any depth (where
/// `serde_json` alone keeps the last value).
pub(super) fn parse_object(text: &str) -> Result<serde_json::Map<String, Value>, JsonLineProblem> {
    // The visitor can hand serde only an error message, so the repeated key is set aside here.
    let repeated = RefCell::new(None);
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = Strict(&repeated)
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    if let Some(key) = repeated.into_inner() {
        return Err(JsonLineProblem::DuplicateKey(key));
    }
    match parsed {
        Ok(Value::Object(object)) => Ok(object),
        _ => Err(JsonLineProblem::NotAnObject),
    }
}

/// Reads a JSON value as `serde_json::Value` does, but stops at the first key an object has
/// twice and puts it in the cell.
#[derive(Clone, Copy)]
struct Strict<'a>(&'a RefCell<Option<Zeroizing<String>>>);

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> serde::de::Visitor<'de> for Strict<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::from(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: serde::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut object = serde_json::Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(self)?;
            if object.contains_key(&key) {
                *self.0.borrow_mut() = Some(Zeroizing::new(key));
                return Err(serde::de::Error::custom("a key written twice"));
            }
            object.insert(key, value);
        }
        Ok(Value::Object(object))
    }
}

/// The largest integer a JSON float holds exactly, 2^53: beyond it digits may already be lost.
const EXACT_FLOAT_LIMIT: f64 = 9_007_199_254_740_992.0;

/// The text of a JSON value for a field: strings as they are, numbers and booleans as written,
/// MongoDB Extended JSON scalars as their value ([`extended_text`]). Other objects and arrays only
/// count for data-only fields, as presence (their content is not ours to read: it could be
/// anything).
///
/// A float that is an exact integer is read as that integer (`13800138000.0` is `13800138000`,
/// not the digits of a longer number); any other float in an identifier column has lost digits
/// or never was an identifier, and is refused rather than made into a wrong key.
fn scalar_text(value: &Value, field: &Field) -> Result<Option<String>, RowProblem> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() => float_text(n.as_f64(), &n.to_string(), field)?,
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Object(map) if map.keys().any(|key| key.starts_with('$')) => {
            extended_text(map, field)?
        }
        Value::Array(items) if !items.is_empty() && is_data_only(field) => "[…]".to_owned(),
        Value::Object(map) if !map.is_empty() && is_data_only(field) => "{…}".to_owned(),
        Value::Array(_) | Value::Object(_) => return Ok(None),
    };
    Ok((!text.trim().is_empty()).then_some(text))
}

/// A float as a field's text: `written` in a data-only field; in an identifier field the integer
/// it exactly is, or [`RowProblem::MangledNumber`].
fn float_text(float: Option<f64>, written: &str, field: &Field) -> Result<String, RowProblem> {
    if is_data_only(field) {
        return Ok(written.to_owned());
    }
    match float {
        Some(float) if float.fract() == 0.0 && float.abs() < EXACT_FLOAT_LIMIT => {
            Ok(format!("{}", float as i64))
        }
        _ => Err(RowProblem::MangledNumber),
    }
}

/// The value of a MongoDB Extended JSON scalar (`{"$numberLong": "13800138000"}`, `$numberInt`,
/// `$numberDouble`, `$numberDecimal`, `$oid`, `$date`), as `mongoexport` writes numbers and dates.
///
/// An object with any other `$` key, or with more than that one key, is a row problem rather than
/// an absent value: it is a value this reader cannot read (a `$binary`, a `$regularExpression`, a
/// format newer than this code), and a curator must see it counted instead of the identifier it
/// may hold silently missing from the pack. In a data-only field it is presence, as any object is.
fn extended_text(
    map: &serde_json::Map<String, Value>,
    field: &Field,
) -> Result<String, RowProblem> {
    let unreadable = || {
        if is_data_only(field) {
            Ok("{…}".to_owned())
        } else {
            Err(RowProblem::ExtendedJson)
        }
    };
    let mut entries = map.iter();
    let (Some((key, value)), None) = (entries.next(), entries.next()) else {
        return unreadable();
    };
    match (key.as_str(), value) {
        ("$numberLong" | "$numberInt", Value::String(digits)) if is_integer(digits) => {
            Ok(digits.clone())
        }
        ("$numberDouble", Value::String(written)) => {
            float_text(written.parse::<f64>().ok(), written, field)
        }
        // Decimal128 is exact, but an identifier written with a fraction or an exponent is no
        // identifier anyone typed.
        ("$numberDecimal", Value::String(written)) => match written.split_once('.') {
            _ if is_integer(written) || is_data_only(field) => Ok(written.clone()),
            Some((whole, zeros)) if is_integer(whole) && zeros.bytes().all(|b| b == b'0') => {
                Ok(whole.to_owned())
            }
            _ => Err(RowProblem::MangledNumber),
        },
        ("$oid", Value::String(id)) => Ok(id.clone()),
        ("$date", Value::String(iso)) => Ok(time::OffsetDateTime::parse(
            iso,
            &time::format_description::well_known::Rfc3339,
        )
        .ok()
        .and_then(instant_text)
        .unwrap_or_else(|| iso.clone())),
        ("$date", Value::Object(inner)) => match inner.get("$numberLong") {
            Some(Value::String(millis)) if inner.len() == 1 => millis
                .parse::<i64>()
                .ok()
                .and_then(|millis| {
                    time::OffsetDateTime::from_unix_timestamp_nanos(i128::from(millis) * 1_000_000)
                        .ok()
                })
                .and_then(instant_text)
                .map_or_else(unreadable, Ok),
            _ => unreadable(),
        },
        _ => unreadable(),
    }
}

/// A `$date` as text: its calendar date when it is midnight UTC (how a date of birth is stored),
/// otherwise the instant in full. The day of any other instant depends on a time zone the dump
/// does not state (Beijing's midnight is 16:00 UTC the day before), so it is no date of birth.
fn instant_text(instant: time::OffsetDateTime) -> Option<String> {
    let utc = instant.to_offset(time::UtcOffset::UTC);
    if utc.time() == time::Time::MIDNIGHT {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        utc.date().format(&format).ok()
    } else {
        utc.format(&time::format_description::well_known::Rfc3339)
            .ok()
    }
}

/// Decimal digits with an optional minus sign, as Extended JSON writes integers.
fn is_integer(text: &str) -> bool {
    let digits = text.strip_prefix('-').unwrap_or(text);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

pub(super) fn is_data_only(field: &Field) -> bool {
    !matches!(
        field,
        Field::Email
            | Field::Phone
            | Field::NationalIdCn
            | Field::Username
            | Field::Name
            | Field::Dob
    )
}
