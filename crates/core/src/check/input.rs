//! What a person types, as the check reads it: the kinds of value, `kind=value` lines, and the
//! pairing and normalizing that turn typed values into identifiers.

use std::collections::HashSet;

use serde::Serialize;
use zeroize::Zeroizing;

use crate::identifier::{Invalid, Kind, Normalized, Normalizer, Region};
use crate::l10n::Message;
use crate::pack::Pack;

/// What a person can type, one value each. `Name` and `Dob` pair into one `name_dob` identifier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    Phone,
    NationalId,
    Name,
    Dob,
    Email,
    Username,
}

impl InputKind {
    pub const ALL: [InputKind; 6] = [
        InputKind::Phone,
        InputKind::NationalId,
        InputKind::Name,
        InputKind::Dob,
        InputKind::Email,
        InputKind::Username,
    ];

    pub const fn name(self) -> &'static str {
        match self {
            InputKind::Phone => "phone",
            InputKind::NationalId => "national_id",
            InputKind::Name => "name",
            InputKind::Dob => "dob",
            InputKind::Email => "email",
            InputKind::Username => "username",
        }
    }

    pub fn from_name(name: &str) -> Option<InputKind> {
        InputKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The kind `typed` is a typing mistake away from (`usrname`, `e-mail`, `nationalid`), if any:
    /// at most one edit for a short name, two from eight letters on, and only one such kind.
    pub fn nearest(typed: &str) -> Option<InputKind> {
        let mut close = InputKind::ALL.into_iter().filter(|kind| {
            let allowed = if kind.name().len() >= 8 { 2 } else { 1 };
            edit_distance(typed, kind.name(), allowed).is_some()
        });
        let first = close.next()?;
        close.next().is_none().then_some(first)
    }

    /// The kind of identifier a value of this kind is on its own; a name or a date of birth is
    /// only half of one (`name_dob`).
    pub const fn identifier_kind(self) -> Option<Kind> {
        match self {
            InputKind::Phone => Some(Kind::Phone),
            InputKind::NationalId => Some(Kind::NationalId),
            InputKind::Email => Some(Kind::Email),
            InputKind::Username => Some(Kind::Username),
            InputKind::Name | InputKind::Dob => None,
        }
    }

    /// ID numbers are asked for without echo on a terminal, and masked in the app.
    pub const fn is_sensitive(self) -> bool {
        matches!(self, InputKind::NationalId)
    }
}

/// The Levenshtein distance between `a` and `b` (in characters), when it is at most `limit`.
fn edit_distance(a: &str, b: &str, limit: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    // One row of the dynamic-programming table at a time: `row[j]` is the distance between the
    // first `i` characters of `a` and the first `j` of `b`.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = diagonal + usize::from(ca != cb);
            diagonal = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(diagonal + 1);
        }
    }
    let distance = row[b.len()];
    (distance <= limit).then_some(distance)
}

/// One typed value. Zeroized on drop; `Debug` hides it.
pub struct RawInput {
    pub kind: InputKind,
    pub value: Zeroizing<String>,
}

impl std::fmt::Debug for RawInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RawInput({}, <redacted>)", self.kind.name())
    }
}

/// The longest `kind=value` line read, in bytes: far above any identifier, and all of a line
/// that is ever held, so that one endless line cannot take the memory.
pub const MAX_LINE_BYTES: usize = 4096;

/// Why a `kind=value` line could not be read. Holds no part of the line: the text left of `=`
/// may well be an identifier typed in the wrong place.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum LineError {
    #[error("{}", Message::from(self))]
    NoEquals { line: usize },
    /// The text before `=` names no kind; `suggestion` is the kind it is one typing mistake or
    /// so away from, if any.
    #[error("{}", Message::from(self))]
    UnknownKind {
        line: usize,
        suggestion: Option<InputKind>,
    },
    /// Longer than [`MAX_LINE_BYTES`].
    #[error("{}", Message::from(self))]
    TooLong { line: usize },
    #[error("{}", Message::from(self))]
    NotUtf8 { line: usize },
}

impl From<&LineError> for Message {
    fn from(error: &LineError) -> Message {
        match error {
            LineError::NoEquals { line } => Message::new("input-line-no-equals").arg("line", *line),
            LineError::UnknownKind { line, suggestion } => {
                let kinds = InputKind::ALL.map(InputKind::name).join(", ");
                match suggestion {
                    Some(kind) => Message::new("input-line-unknown-kind-suggest")
                        .arg("suggestion", kind.name()),
                    None => Message::new("input-line-unknown-kind"),
                }
                .arg("line", *line)
                .arg("kinds", kinds)
            }
            LineError::TooLong { line } => Message::new("input-line-too-long")
                .arg("line", *line)
                .arg("max", MAX_LINE_BYTES),
            LineError::NotUtf8 { line } => Message::new("input-line-not-utf8").arg("line", *line),
        }
    }
}

impl RawInput {
    /// Parses one `kind=value` line (`line_number` is 1-based, for the error). Blank lines and
    /// `#` comments give `None`.
    pub fn parse_line(line: &str, line_number: usize) -> Result<Option<RawInput>, LineError> {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return Ok(None);
        }
        let (kind, value) = trimmed
            .split_once('=')
            .ok_or(LineError::NoEquals { line: line_number })?;
        let kind_name = Zeroizing::new(kind.trim().to_lowercase());
        let kind = InputKind::from_name(&kind_name).ok_or_else(|| LineError::UnknownKind {
            line: line_number,
            suggestion: InputKind::nearest(&kind_name),
        })?;
        Ok(Some(RawInput {
            kind,
            value: Zeroizing::new(value.to_owned()),
        }))
    }
}

/// One identifier to check, or why it cannot be.
#[derive(Debug)]
pub struct Input {
    pub kind: Kind,
    pub status: Result<Normalized, Invalid>,
}

/// Pairs names with dates of birth (in the order typed) and normalizes everything. Empty values are
/// dropped: an empty field is not a question. An identifier given twice (the same normalized
/// form, however it was written) is one input, listed once and hashed once; so is an invalid
/// one refused twice for the same reason, as the two would read the same in the report.
pub fn prepare<'a>(
    raw: impl IntoIterator<Item = &'a RawInput>,
    normalizer: &Normalizer,
) -> Vec<Input> {
    let typed: Vec<&RawInput> = raw
        .into_iter()
        .filter(|input| !input.value.trim().is_empty())
        .collect();
    let mut inputs: Vec<Input> = typed
        .iter()
        .filter_map(|input| {
            let kind = input.kind.identifier_kind()?;
            Some(Input {
                kind,
                status: normalizer.normalize(kind, &input.value),
            })
        })
        .collect();
    let values = |kind: InputKind| -> Vec<&str> {
        typed
            .iter()
            .filter(|input| input.kind == kind)
            .map(|input| input.value.as_str())
            .collect()
    };
    inputs.extend(paired(
        &values(InputKind::Name),
        &values(InputKind::Dob),
        normalizer,
    ));
    in_report_order(inputs)
}

/// The i-th name with the i-th date of birth; one left without the other is an invalid pair.
fn paired(names: &[&str], dobs: &[&str], normalizer: &Normalizer) -> Vec<Input> {
    (0..names.len().max(dobs.len()))
        .map(|i| Input {
            kind: Kind::NameDob,
            status: normalizer.name_dob(
                names.get(i).copied().unwrap_or(""),
                dobs.get(i).copied().unwrap_or(""),
            ),
        })
        .collect()
}

/// Sorted by kind (stably: as typed within a kind), each identifier and each refusal once.
fn in_report_order(mut inputs: Vec<Input>) -> Vec<Input> {
    inputs.sort_by_key(|input| input.kind);
    let mut seen = HashSet::new();
    inputs.retain(|input| match &input.status {
        Ok(normalized) => seen.insert(Ok(normalized.clone())),
        Err(invalid) => seen.insert(Err((input.kind, *invalid))),
    });
    inputs
}

/// The verdict on one field as it is typed, for live validation: `Ok` when the field would be
/// checked. A name or a date of birth alone is judged on its own; pairing comes at [`prepare`].
/// Returns no normalized form, so a face cannot keep one by accident.
pub fn validate_field(
    kind: InputKind,
    value: &str,
    normalizer: &Normalizer,
) -> Result<(), Invalid> {
    match kind {
        InputKind::Name => normalizer
            .name_with_birth_date(value, normalizer.today())
            .map(drop)
            .ok_or(Invalid::Empty),
        InputKind::Dob => normalizer.date_of_birth(value).map(drop),
        InputKind::Phone => normalizer.normalize(Kind::Phone, value).map(drop),
        InputKind::NationalId => normalizer.normalize(Kind::NationalId, value).map(drop),
        InputKind::Email => normalizer.normalize(Kind::Email, value).map(drop),
        InputKind::Username => normalizer.normalize(Kind::Username, value).map(drop),
    }
}

/// The region a phone number written without a country code is read in (DESIGN.md §2): the one
/// the person chose, else the first pack's default region, else the project's default.
pub fn region_for<'a>(chosen: Option<Region>, packs: impl IntoIterator<Item = &'a Pack>) -> Region {
    chosen.unwrap_or_else(|| {
        packs
            .into_iter()
            .next()
            .map(|pack| pack.meta().default_region)
            .unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::raw;
    use crate::l10n::Lang;

    #[test]
    fn lines_parse_into_kinds_and_values() {
        let input = RawInput::parse_line(" phone = 138 0013 8000 ", 1)
            .unwrap()
            .unwrap();
        assert_eq!(input.kind, InputKind::Phone);
        assert_eq!(input.value.as_str(), " 138 0013 8000");
        assert!(RawInput::parse_line("# comment", 2).unwrap().is_none());
        assert!(RawInput::parse_line("   ", 3).unwrap().is_none());
        assert_eq!(
            RawInput::parse_line("13800138000", 4).unwrap_err(),
            LineError::NoEquals { line: 4 }
        );
        assert_eq!(
            RawInput::parse_line("mobile=1", 5).unwrap_err(),
            LineError::UnknownKind {
                line: 5,
                suggestion: None
            }
        );
    }

    /// `cao_hui=username`: a name typed left of `=` must not come back in the error.
    #[test]
    fn an_unknown_kind_is_never_echoed_and_the_nearest_kind_is_suggested() {
        for (line, suggestion) in [
            ("cao_hui=username", None),
            ("110105198503071234=x", None),
            ("mobile=13800138000", None),
            ("usrname=zhangwei85", Some(InputKind::Username)),
            ("E-mail = a@b.cn", Some(InputKind::Email)),
            ("nationalid=110105198503071230", Some(InputKind::NationalId)),
            ("phome=13800138000", Some(InputKind::Phone)),
        ] {
            let error = RawInput::parse_line(line, 3).unwrap_err();
            assert_eq!(
                error,
                LineError::UnknownKind {
                    line: 3,
                    suggestion
                },
                "{line}"
            );
            let typed = line.split('=').next().unwrap().trim();
            for lang in Lang::ALL {
                let text = crate::l10n::localizer_for(lang).message(&Message::from(&error));
                assert!(!text.contains(typed), "{text}");
                assert!(text.contains('3') && text.contains("national_id"), "{text}");
                if let Some(kind) = suggestion {
                    assert!(text.contains(kind.name()), "{text}");
                }
            }
        }
    }

    #[test]
    fn a_kind_is_suggested_only_when_it_is_the_one_close_kind() {
        assert_eq!(InputKind::nearest("usernme"), Some(InputKind::Username));
        assert_eq!(InputKind::nearest("user_name"), Some(InputKind::Username));
        assert_eq!(InputKind::nearest("nam"), Some(InputKind::Name));
        assert_eq!(InputKind::nearest("cao_hui"), None);
        assert_eq!(InputKind::nearest(""), None);
        assert_eq!(InputKind::nearest(&"x".repeat(4000)), None);
        assert_eq!(edit_distance("kitten", "sitting", 3), Some(3));
        assert_eq!(edit_distance("kitten", "sitting", 2), None);
    }

    #[test]
    fn names_pair_with_dates_and_leftovers_are_invalid() {
        let normalizer = Normalizer::new(Region::CN);
        let inputs = prepare(
            &[
                raw(InputKind::Name, "张伟"),
                raw(InputKind::Phone, "13800138000"),
                raw(InputKind::Dob, "1985-03-07"),
                raw(InputKind::Name, "李娜"),
                raw(InputKind::Email, ""),
            ],
            &normalizer,
        );
        let summary: Vec<(Kind, Result<&str, Invalid>)> = inputs
            .iter()
            .map(|i| {
                (
                    i.kind,
                    i.status.as_ref().map(|n| n.expose()).map_err(|e| *e),
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Kind::Phone, Ok("+8613800138000")),
                (Kind::NameDob, Ok("张伟|1985-03-07")),
                (Kind::NameDob, Err(Invalid::NameWithoutDob)),
            ]
        );
    }

    #[test]
    fn a_field_is_judged_on_its_own_as_it_is_typed() {
        let normalizer = Normalizer::new(Region::CN);
        for (kind, typed, verdict) in [
            (InputKind::Phone, "138 0013 8000", Ok(())),
            (InputKind::Phone, "12345", Err(Invalid::PhoneLocalOnly)),
            (InputKind::Name, " 张 伟 ", Ok(())),
            (InputKind::Name, "  ", Err(Invalid::Empty)),
            (InputKind::Dob, "1985年3月7日", Ok(())),
            (InputKind::Dob, "1985-02-30", Err(Invalid::DateImpossible)),
            (
                InputKind::NationalId,
                "110105198503071231",
                Err(Invalid::NationalIdCheckCharacter),
            ),
        ] {
            assert_eq!(validate_field(kind, typed, &normalizer), verdict, "{typed}");
        }
    }
}
