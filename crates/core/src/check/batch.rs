//! Checking many people in one go (`exposure check --batch`, DESIGN.md §6): an organisation's CSV
//! of its members who asked it to, one person a row, whose header names the kinds of value
//! (`phone`, `national_id`, `name`, `dob`, `email`, `username`) and may name a `person` column, a
//! label that is echoed in the answer and never hashed. The file is read one row at a time, and
//! each person is checked, answered and forgotten (their values and keys dropped and zeroized)
//! before the next row is read, so a list of any length takes the memory of one person.

use std::borrow::Borrow;
use std::io::BufRead;

use zeroize::Zeroizing;

use super::input::{Input, InputKind, RawInput};
use super::{CheckError, Finding, check_typed};
use crate::identifier::Normalizer;
use crate::l10n::Message;
use crate::pack::Pack;
use crate::progress::{Cancel, Phase, Progress, Silent};

/// The header of the column that labels a person.
pub const PERSON_COLUMN: &str = "person";

/// Why a people file cannot be read at all. Holds no text of the file: a file without a header
/// would have a person's values where the column names should be.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BatchError {
    /// The header names no kind of value: there is nothing to check.
    #[error("{}", Message::from(self))]
    NoKindColumn,
    /// A column (1-based) whose header is neither a kind nor `person`; `suggestion` is the kind
    /// it is a typing mistake or so away from, if any.
    #[error("{}", Message::from(self))]
    UnknownColumn {
        column: usize,
        suggestion: Option<InputKind>,
    },
    /// A second `person` column (1-based): which of the two labels the person would be unclear.
    #[error("{}", Message::from(self))]
    PersonTwice { column: usize },
    /// The header line is not UTF-8 CSV.
    #[error("{}", Message::from(self))]
    HeaderUnreadable {
        #[source]
        source: csv::Error,
    },
    #[error("{}", Message::from(self))]
    Io(#[source] std::io::Error),
}

impl From<&BatchError> for Message {
    fn from(error: &BatchError) -> Message {
        let kinds = || InputKind::ALL.map(InputKind::name).join(", ");
        match error {
            BatchError::NoKindColumn => Message::new("batch-no-kind-column").arg("kinds", kinds()),
            BatchError::UnknownColumn { column, suggestion } => match suggestion {
                Some(kind) => {
                    Message::new("batch-unknown-column-suggest").arg("suggestion", kind.name())
                }
                None => Message::new("batch-unknown-column"),
            }
            .arg("column", *column)
            .arg("kinds", kinds()),
            BatchError::PersonTwice { column } => {
                Message::new("batch-person-twice").arg("column", *column)
            }
            BatchError::HeaderUnreadable { .. } => Message::new("batch-header-unreadable"),
            BatchError::Io(error) => Message::new("batch-io")
                .arg("reason", crate::l10n::io_reason(error.kind()).to_string()),
        }
    }
}

/// Why one row could not be read; the others are still checked. Holds the row's line number and
/// no value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RowError {
    #[error("{}", Message::from(self))]
    NotUtf8 { row: u64 },
    /// The row has another number of fields than the header.
    #[error("{}", Message::from(self))]
    FieldCount { row: u64, expected: u64, found: u64 },
    /// Any other way a row is not CSV.
    #[error("{}", Message::from(self))]
    Malformed { row: u64 },
}

impl RowError {
    pub fn row(&self) -> u64 {
        match self {
            RowError::NotUtf8 { row }
            | RowError::FieldCount { row, .. }
            | RowError::Malformed { row } => *row,
        }
    }
}

impl From<&RowError> for Message {
    fn from(error: &RowError) -> Message {
        match error {
            RowError::NotUtf8 { row } => Message::new("batch-row-not-utf8").arg("row", *row),
            RowError::FieldCount {
                row,
                expected,
                found,
            } => Message::new("batch-row-field-count")
                .arg("row", *row)
                .arg("expected", *expected)
                .arg("found", *found),
            RowError::Malformed { row } => Message::new("batch-row-malformed").arg("row", *row),
        }
    }
}

/// What a column of the header holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Value(InputKind),
    Person,
}

/// One row: the person's label, if the file has a `person` column, and what it holds about them.
#[derive(Debug)]
pub struct Person {
    /// The line the row starts on (the header is line 1).
    pub row: u64,
    pub label: Option<String>,
    pub inputs: Vec<RawInput>,
}

/// The rows of a people file, read one at a time.
///
/// Each row's text is gathered line by line here, and only then split into fields by the csv
/// crate: its own line numbers are one short for a row after a blank line (rust-csv issue 208),
/// and a row is found by the number an editor shows.
#[derive(Debug)]
pub struct People<R: BufRead> {
    lines: R,
    /// Lines read so far, blank ones included.
    line: u64,
    bytes: u64,
    columns: Vec<Column>,
    /// One row's text and one record, read into again and again: the csv crate cannot zeroize
    /// its record, so at least no copy of an earlier row is left behind in memory freed meanwhile.
    text: Zeroizing<Vec<u8>>,
    record: csv::StringRecord,
}

impl<R: BufRead> People<R> {
    /// Reads the header, the first line that is not blank (a UTF-8 byte order mark before it is
    /// skipped).
    pub fn new(lines: R) -> Result<People<R>, BatchError> {
        let mut people = People {
            lines,
            line: 0,
            bytes: 0,
            columns: Vec::new(),
            text: Zeroizing::new(Vec::new()),
            record: csv::StringRecord::new(),
        };
        if people.next_text()?.is_none() {
            return Err(BatchError::NoKindColumn);
        }
        let text = people
            .text
            .strip_prefix(b"\xef\xbb\xbf")
            .unwrap_or(&people.text);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text);
        let header = match reader.read_record(&mut people.record) {
            Ok(true) => &people.record,
            Ok(false) => return Err(BatchError::NoKindColumn),
            Err(source) => return Err(BatchError::HeaderUnreadable { source }),
        };
        people.columns = columns(header)?;
        Ok(people)
    }

    /// The bytes read so far, for progress over a file of known size.
    pub fn bytes_read(&self) -> u64 {
        self.bytes
    }

    /// The next person, a row that could not be read, or `None` at the end of the file; an
    /// error of the file itself ends the reading.
    pub fn next_person(&mut self) -> Result<Option<Result<Person, RowError>>, BatchError> {
        let Some(row) = self.next_text()? else {
            return Ok(None);
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(self.text.as_slice());
        let read = reader.read_record(&mut self.record);
        // A lone carriage return ends a record too: a second one in the same text is no row of
        // this file's shape.
        let more = reader.read_record(&mut csv::StringRecord::new());
        Ok(Some(match (read, more) {
            (Ok(true), Ok(false)) if self.record.len() == self.columns.len() => {
                Ok(self.person(row))
            }
            (Ok(true), Ok(false)) => Err(RowError::FieldCount {
                row,
                expected: self.columns.len() as u64,
                found: self.record.len() as u64,
            }),
            (Err(error), _) if matches!(error.kind(), csv::ErrorKind::Utf8 { .. }) => {
                Err(RowError::NotUtf8 { row })
            }
            _ => Err(RowError::Malformed { row }),
        }))
    }

    /// Reads the text of the next row into `text`: the next line that is not blank, and the
    /// lines after it while a quoted field is open (an odd number of quotes so far). Returns
    /// the line it starts on, or `None` at the end of the file.
    fn next_text(&mut self) -> Result<Option<u64>, BatchError> {
        self.text.clear();
        let mut start = None;
        loop {
            let from = self.text.len();
            let read = self
                .lines
                .read_until(b'\n', &mut self.text)
                .map_err(BatchError::Io)?;
            if read == 0 {
                return Ok(start);
            }
            self.line += 1;
            self.bytes += read as u64;
            if start.is_none() && self.text[from..].trim_ascii().is_empty() {
                self.text.clear();
                continue;
            }
            start.get_or_insert(self.line);
            if self.text.iter().filter(|&&b| b == b'"').count() % 2 == 0 {
                return Ok(start);
            }
        }
    }

    fn person(&self, row: u64) -> Person {
        let mut label = None;
        let mut inputs = Vec::new();
        for (column, value) in self.columns.iter().zip(self.record.iter()) {
            match column {
                Column::Person => label = Some(value.trim().to_owned()),
                Column::Value(kind) => inputs.push(RawInput {
                    kind: *kind,
                    value: Zeroizing::new(value.to_owned()),
                }),
            }
        }
        Person {
            row,
            label: label.filter(|label| !label.is_empty()),
            inputs,
        }
    }
}

/// Each header names a kind or the person column, whatever its case and surrounding spaces.
fn columns(header: &csv::StringRecord) -> Result<Vec<Column>, BatchError> {
    let mut columns = Vec::with_capacity(header.len());
    for (index, name) in header.iter().enumerate() {
        let name = name.trim().to_lowercase();
        let column = if name == PERSON_COLUMN {
            if columns.contains(&Column::Person) {
                return Err(BatchError::PersonTwice { column: index + 1 });
            }
            Column::Person
        } else {
            Column::Value(
                InputKind::from_name(&name).ok_or_else(|| BatchError::UnknownColumn {
                    column: index + 1,
                    suggestion: InputKind::nearest(&name),
                })?,
            )
        };
        columns.push(column);
    }
    if !columns.iter().any(|c| matches!(c, Column::Value(_))) {
        return Err(BatchError::NoKindColumn);
    }
    Ok(columns)
}

/// One person's answer: the inputs in report order and the findings, or why their row could not
/// be read.
#[derive(Debug)]
pub struct Answer {
    pub row: u64,
    pub label: Option<String>,
    pub outcome: Result<(Vec<Input>, Vec<Finding>), RowError>,
}

/// Why a batch stopped before its end.
#[derive(Debug, thiserror::Error)]
pub enum BatchStop<E> {
    #[error(transparent)]
    File(#[from] BatchError),
    #[error(transparent)]
    Check(#[from] CheckError),
    /// Whoever took an answer could not (standard output closed, say).
    #[error("the answer could not be given")]
    Answer(#[source] E),
}

/// Checks every person of `people` against `packs`, one after the other, handing each answer to
/// `answer` before the next row is read. Progress is over the bytes of the file (`total`, its
/// size, or 0 when unknown), with the people done as its rows; `cancel` stops it between two
/// people or within one's hashing.
pub fn check_each<R: BufRead, P: Borrow<Pack>, E>(
    people: &mut People<R>,
    total: u64,
    packs: &[P],
    normalizer: &Normalizer,
    progress: &dyn Progress,
    cancel: &Cancel,
    answer: impl FnMut(Answer) -> Result<(), E>,
) -> Result<(), BatchStop<E>> {
    progress.start(Phase::Reading, total);
    let answered = answer_each(people, packs, normalizer, progress, cancel, answer);
    // Also when stopped: a bar left drawn would sit over the message saying why.
    progress.finish(Phase::Reading);
    answered
}

fn answer_each<R: BufRead, P: Borrow<Pack>, E>(
    people: &mut People<R>,
    packs: &[P],
    normalizer: &Normalizer,
    progress: &dyn Progress,
    cancel: &Cancel,
    mut answer: impl FnMut(Answer) -> Result<(), E>,
) -> Result<(), BatchStop<E>> {
    let mut answered = 0;
    while let Some(read) = people.next_person()? {
        cancel.check().map_err(CheckError::from)?;
        let given = match read {
            Ok(Person { row, label, inputs }) => {
                let checked = check_typed(&inputs, packs, normalizer, &Silent, cancel)?;
                drop(inputs);
                Answer {
                    row,
                    label,
                    outcome: Ok(checked),
                }
            }
            Err(error) => Answer {
                row: error.row(),
                label: None,
                outcome: Err(error),
            },
        };
        answer(given).map_err(BatchStop::Answer)?;
        answered += 1;
        progress.update(people.bytes_read(), answered);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::small_demo_pack;
    use crate::identifier::{Kind, Region};
    use crate::l10n::Lang;

    fn people(text: &[u8]) -> People<&[u8]> {
        People::new(text).unwrap()
    }

    /// A row read: its line, its label, and the kind and value of each field.
    type Row = (u64, Option<String>, Vec<(InputKind, String)>);

    /// Every row read, or the row's error.
    fn rows(text: &[u8]) -> Vec<Result<Row, RowError>> {
        let mut people = people(text);
        let mut rows = Vec::new();
        while let Some(read) = people.next_person().unwrap() {
            rows.push(read.map(|person| {
                let values = person
                    .inputs
                    .iter()
                    .map(|input| (input.kind, input.value.to_string()))
                    .collect();
                (person.row, person.label, values)
            }));
        }
        rows
    }

    #[test]
    fn rows_become_people_with_their_label_and_line() {
        let text = "\u{feff}Person, phone ,NAME,dob\nMum,13800138000,张伟,1985-03-07\n\n,,李娜,1990-01-01\n";
        assert_eq!(
            rows(text.as_bytes()),
            [
                Ok((
                    2,
                    Some("Mum".to_owned()),
                    vec![
                        (InputKind::Phone, "13800138000".to_owned()),
                        (InputKind::Name, "张伟".to_owned()),
                        (InputKind::Dob, "1985-03-07".to_owned()),
                    ]
                )),
                Ok((
                    4,
                    None,
                    vec![
                        (InputKind::Phone, String::new()),
                        (InputKind::Name, "李娜".to_owned()),
                        (InputKind::Dob, "1990-01-01".to_owned()),
                    ]
                )),
            ]
        );
    }

    /// Rows are numbered as an editor shows lines: blank lines count, and a quoted field over
    /// two lines makes its row two lines long.
    #[test]
    fn rows_are_numbered_by_the_line_they_start_on() {
        let text =
            "person,phone\r\n\r\n\r\n\"Mum,\r\nat home\",13800138000\r\nDad,13900139000\r\n\n";
        let read = rows(text.as_bytes());
        let lines: Vec<(u64, Option<String>)> = read
            .into_iter()
            .map(|row| row.map(|(line, label, _)| (line, label)).unwrap())
            .collect();
        assert_eq!(
            lines,
            [
                (4, Some("Mum,\r\nat home".to_owned())),
                (6, Some("Dad".to_owned()))
            ]
        );
    }

    #[test]
    fn a_bad_row_is_reported_by_its_line_and_the_next_is_read() {
        let read = rows(b"person,phone\nA,13800138000,extra\nB,\xff138\nC,13900139000\n");
        assert_eq!(
            read[0],
            Err(RowError::FieldCount {
                row: 2,
                expected: 2,
                found: 3
            })
        );
        assert_eq!(read[1], Err(RowError::NotUtf8 { row: 3 }));
        assert_eq!(read[2].as_ref().unwrap().0, 4);
        for error in read.iter().filter_map(|r| r.as_ref().err()) {
            for lang in Lang::ALL {
                let text = crate::l10n::localizer_for(lang).message(&Message::from(error));
                assert!(text.contains(&error.row().to_string()), "{text}");
                assert!(!text.contains("138"), "{text}");
            }
        }
    }

    /// A file without a header has a person's values where the column names should be: the
    /// refusal names the column by its number, never by its text.
    #[test]
    fn a_header_that_names_no_kind_is_refused_without_echoing_it() {
        for (header, expected) in [
            (
                "13800138000,张伟\n",
                BatchError::UnknownColumn {
                    column: 1,
                    suggestion: None,
                },
            ),
            (
                "person,phon\n",
                BatchError::UnknownColumn {
                    column: 2,
                    suggestion: Some(InputKind::Phone),
                },
            ),
            (
                "person,phone,person\n",
                BatchError::PersonTwice { column: 3 },
            ),
            ("person\n", BatchError::NoKindColumn),
        ] {
            let error = People::new(header.as_bytes()).unwrap_err();
            assert_eq!(format!("{error:?}"), format!("{expected:?}"), "{header}");
            for lang in Lang::ALL {
                let text = crate::l10n::localizer_for(lang).message(&Message::from(&error));
                assert!(
                    !text.contains("13800138000") && !text.contains("张伟"),
                    "{text}"
                );
            }
        }
    }

    #[test]
    fn each_person_is_answered_in_turn_and_a_bad_row_does_not_stop_the_rest() {
        let pack = small_demo_pack();
        let shown = exposure_demo::showcase_person();
        let absent = exposure_demo::absent_person();
        let text = format!(
            "person,phone\nshown,{}\nbad,1,2\nabsent,{}\n,12345\n",
            shown.phone, absent.phone
        );
        let mut people = people(text.as_bytes());
        let mut answers = Vec::new();
        check_each(
            &mut people,
            0,
            std::slice::from_ref(&pack),
            &Normalizer::new(Region::CN),
            &Silent,
            &Cancel::new(),
            |answer| -> Result<(), std::convert::Infallible> {
                answers.push(answer);
                Ok(())
            },
        )
        .unwrap();
        // Each answer's row and label, and for a row read: its valid inputs, and whether found.
        type Summary<'a> = (u64, Option<&'a str>, Option<(usize, bool)>);
        let summary: Vec<Summary> = answers
            .iter()
            .map(|a| {
                (
                    a.row,
                    a.label.as_deref(),
                    a.outcome.as_ref().ok().map(|(inputs, findings)| {
                        (
                            inputs.iter().filter(|i| i.status.is_ok()).count(),
                            !findings.is_empty(),
                        )
                    }),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (2, Some("shown"), Some((1, true))),
                (3, None, None),
                (4, Some("absent"), Some((1, false))),
                (5, None, Some((0, false))),
            ]
        );
        let (_, findings) = answers[0].outcome.as_ref().unwrap();
        assert!(findings.iter().all(|f| f.matched == [Kind::Phone]));
    }

    #[test]
    fn a_cancelled_batch_stops_before_the_first_person() {
        let pack = small_demo_pack();
        let cancel = Cancel::new();
        cancel.cancel();
        let mut people = people(b"phone\n13800138000\n");
        let mut answered = 0;
        let stopped = check_each(
            &mut people,
            0,
            std::slice::from_ref(&pack),
            &Normalizer::new(Region::CN),
            &Silent,
            &cancel,
            |_| -> Result<(), std::convert::Infallible> {
                answered += 1;
                Ok(())
            },
        );
        assert!(matches!(
            stopped,
            Err(BatchStop::Check(CheckError::Cancelled(_)))
        ));
        assert_eq!(answered, 0);
    }
}
