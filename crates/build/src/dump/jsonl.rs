//! The JSON Lines reader: one JSON object a line, fields found by their key paths.

use std::cell::RefCell;
use std::io::{BufRead, BufReader, Read};

use serde::de::DeserializeSeed;
use serde_json::Value;
use zeroize::Zeroizing;

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
                    line: self.line,
                    tuple: None,
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
        let line = self.line;
        let Some(text) = decode(source.encoding, &self.buffer) else {
            return Row::Bad {
                line,
                tuple: None,
                problem: RowProblem::Encoding,
            };
        };
        let object = match parse_object(&text) {
            Ok(object) => object,
            Err(JsonLineProblem::DuplicateKey(key)) => {
                return Row::DuplicateKey(DuplicateKey::new(line, &key));
            }
            Err(JsonLineProblem::NotAnObject) => {
                return Row::Bad {
                    line,
                    tuple: None,
                    problem: RowProblem::Json,
                };
            }
        };
        let mut values = Vec::new();
        for (column, (position, field)) in source.columns.iter().enumerate() {
            let Column::Path(path) = position else {
                continue;
            };
            let mut node = object.get(&path[0]);
            for key in &path[1..] {
                node = node.and_then(|value| value.get(key));
            }
            let text = match node.map(|value| scalar_text(value, field)) {
                Some(Ok(text)) => text,
                Some(Err(problem)) => {
                    return Row::Bad {
                        line,
                        tuple: None,
                        problem,
                    };
                }
                None => None,
            };
            if let Some(text) = text {
                if let Some(problem) = field_problem(text.as_bytes()) {
                    return Row::Bad {
                        line,
                        tuple: None,
                        problem,
                    };
                }
                values.push(FieldValue {
                    column,
                    text: Zeroizing::new(text),
                });
            }
        }
        Row::Record(Record {
            line,
            tuple: None,
            values,
        })
    }
}

/// Reads one line into `buffer`, without its end: `\n`, `\r\n`, or a lone `\r` (old Mac
/// exports), at most `limit` bytes of it. Returns the bytes consumed (0 at the end of the file)
/// and whether the line's end was reached.
fn read_line(
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
        if let Some(end) = available
            .iter()
            .take(room + 1)
            .position(|b| matches!(b, b'\n' | b'\r'))
        {
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

/// The text of a JSON value for a field: strings as they are, numbers and booleans as written.
/// Objects and arrays only count for data-only fields, as presence (their content is not ours to
/// read: it could be anything).
///
/// A float that is an exact integer is read as that integer (`13800138000.0` is `13800138000`,
/// not the digits of a longer number); any other float in an identifier column has lost digits
/// or never was an identifier, and is refused rather than made into a wrong key.
fn scalar_text(value: &Value, field: &Field) -> Result<Option<String>, RowProblem> {
    let text = match value {
        Value::Null => return Ok(None),
        Value::String(s) => s.clone(),
        Value::Number(n) if n.is_f64() && !is_data_only(field) => match n.as_f64() {
            Some(float) if float.fract() == 0.0 && float.abs() < EXACT_FLOAT_LIMIT => {
                format!("{}", float as i64)
            }
            _ => return Err(RowProblem::MangledNumber),
        },
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Array(items) if !items.is_empty() && is_data_only(field) => "[…]".to_owned(),
        Value::Object(map) if !map.is_empty() && is_data_only(field) => "{…}".to_owned(),
        Value::Array(_) | Value::Object(_) => return Ok(None),
    };
    Ok((!text.trim().is_empty()).then_some(text))
}

fn is_data_only(field: &Field) -> bool {
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
