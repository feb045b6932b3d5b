//! Identifier normalization (DESIGN.md §2, format v1).
//!
//! A key only matches when the builder and the checker turn the same person's identifier into
//! the same bytes, however each side happened to type it. So there is exactly one normalizer per
//! kind, here, and both the builder (on every dump row) and the checker (on what a person types)
//! call it. Changing what any of these functions return changes every key: that is a new format
//! version, not a bug fix.
//!
//! Normalized values are secrets: they live in [`Normalized`], which zeroizes its memory on drop
//! and whose `Debug` shows only the kind. Rejections ([`Invalid`]) carry a reason and never any
//! part of the value, so they can be printed, logged and counted freely.

mod email;
mod name_dob;
mod national_id;
mod phone;

use std::fmt;

use serde::{Deserialize, Serialize};
use time::Date;
use unicode_normalization::UnicodeNormalization;
use zeroize::Zeroizing;

pub use self::name_dob::parse_date;
pub use self::national_id::{birth_date_of as national_id_birth_date, check_character};
pub use self::phone::{PhoneRejection, Region, UnknownRegion};
use crate::l10n::{Message, MessageArg};

/// The kinds of identifier a key can be made from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, ts_rs::TS,
)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Phone,
    NationalId,
    NameDob,
    Email,
    Username,
}

impl Kind {
    /// Every kind, in the order reports list them.
    pub const ALL: [Kind; 5] = [
        Kind::Phone,
        Kind::NationalId,
        Kind::NameDob,
        Kind::Email,
        Kind::Username,
    ];

    /// The tag that enters the key derivation (DESIGN.md §3). Never change one.
    pub const fn tag(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::NationalId => "national_id:CN",
            Kind::NameDob => "name_dob",
            Kind::Username => "username",
        }
    }

    /// The name used on the command line and in JSON output.
    pub const fn name(self) -> &'static str {
        match self {
            Kind::Email => "email",
            Kind::Phone => "phone",
            Kind::NationalId => "national_id",
            Kind::NameDob => "name_dob",
            Kind::Username => "username",
        }
    }

    pub fn from_name(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|kind| kind.name() == name)
    }

    /// The Fluent message naming this kind in plain words.
    pub const fn message_id(self) -> &'static str {
        match self {
            Kind::Email => "kind-email",
            Kind::Phone => "kind-phone",
            Kind::NationalId => "kind-national_id",
            Kind::NameDob => "kind-name_dob",
            Kind::Username => "kind-username",
        }
    }

    /// The data class a match on this kind proves was exposed.
    pub const fn data_class(self) -> &'static str {
        match self {
            Kind::Email => "email_addresses",
            Kind::Phone => "phone_numbers",
            Kind::NationalId => "national_ids",
            Kind::NameDob => "dates_of_birth",
            Kind::Username => "usernames",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A normalized identifier: the exact string that enters key derivation.
///
/// Its memory is zeroized on drop, and neither `Debug` nor any other trait shows the value; the
/// only way to read it is [`Normalized::expose`], which is easy to grep for.
#[derive(Clone, PartialEq, Eq)]
pub struct Normalized {
    kind: Kind,
    value: Zeroizing<String>,
}

impl Normalized {
    pub fn kind(&self) -> Kind {
        self.kind
    }

    pub fn expose(&self) -> &str {
        &self.value
    }

    /// The same name and date of birth with the name in Simplified characters, when it was typed
    /// in Traditional ones (DESIGN.md §2: checked in both forms, keys unchanged); `None` for
    /// every other kind and for a name `t2s` leaves as it is.
    pub fn simplified(&self) -> Option<Normalized> {
        if self.kind != Kind::NameDob {
            return None;
        }
        let (name, date) = self.value.rsplit_once('|')?;
        let name = name_dob::simplified_name(name)?;
        let mut value = Zeroizing::new(String::with_capacity(name.len() + 1 + date.len()));
        value.push_str(&name);
        value.push('|');
        value.push_str(date);
        Some(Normalized {
            kind: Kind::NameDob,
            value,
        })
    }
}

impl std::hash::Hash for Normalized {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.kind.hash(state);
        self.value.as_str().hash(state);
    }
}

impl fmt::Debug for Normalized {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Normalized({}, <redacted>)", self.kind)
    }
}

/// Why an identifier was refused. Holds no part of the value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, thiserror::Error)]
#[non_exhaustive]
pub enum Invalid {
    #[error("{}", Message::from(*self))]
    Empty,
    #[error("{}", Message::from(*self))]
    EmailWithoutAt,
    #[error("{}", Message::from(*self))]
    EmailEmptyPart,
    #[error("{}", Message::from(*self))]
    EmailDomainWithoutDot,
    #[error("{}", Message::from(*self))]
    EmailBadDomain,
    #[error("{}", Message::from(*self))]
    PhoneNotANumber,
    #[error("{}", Message::from(*self))]
    PhoneInvalidCountryCode,
    #[error("{}", Message::from(*self))]
    PhoneTooShort,
    #[error("{}", Message::from(*self))]
    PhoneTooLong,
    #[error("{}", Message::from(*self))]
    PhoneInvalidLength,
    #[error("{}", Message::from(*self))]
    PhoneLocalOnly,
    #[error("{}", Message::from(*self))]
    NationalIdLength,
    #[error("{}", Message::from(*self))]
    NationalIdCharacters,
    #[error("{}", Message::from(*self))]
    NationalIdCheckCharacter,
    #[error("{}", Message::from(*self))]
    NationalIdBirthDate,
    #[error("{}", Message::from(*self))]
    NationalIdFutureBirthDate,
    #[error("{}", Message::from(*self))]
    DateUnrecognized,
    #[error("{}", Message::from(*self))]
    DateImpossible,
    #[error("{}", Message::from(*self))]
    DateInFuture,
    #[error("{}", Message::from(*self))]
    NameWithoutDob,
    #[error("{}", Message::from(*self))]
    DobWithoutName,
}

impl Invalid {
    /// A stable, machine-readable code (used in JSON output and build summaries).
    pub const fn code(self) -> &'static str {
        match self {
            Invalid::Empty => "empty",
            Invalid::EmailWithoutAt => "email-without-at",
            Invalid::EmailEmptyPart => "email-empty-part",
            Invalid::EmailDomainWithoutDot => "email-domain-without-dot",
            Invalid::EmailBadDomain => "email-bad-domain",
            Invalid::PhoneNotANumber => "phone-not-a-number",
            Invalid::PhoneInvalidCountryCode => "phone-invalid-country-code",
            Invalid::PhoneTooShort => "phone-too-short",
            Invalid::PhoneTooLong => "phone-too-long",
            Invalid::PhoneInvalidLength => "phone-invalid-length",
            Invalid::PhoneLocalOnly => "phone-local-only",
            Invalid::NationalIdLength => "national-id-length",
            Invalid::NationalIdCharacters => "national-id-characters",
            Invalid::NationalIdCheckCharacter => "national-id-check-character",
            Invalid::NationalIdBirthDate => "national-id-birth-date",
            Invalid::NationalIdFutureBirthDate => "national-id-future-birth-date",
            Invalid::DateUnrecognized => "date-unrecognized",
            Invalid::DateImpossible => "date-impossible",
            Invalid::DateInFuture => "date-in-future",
            Invalid::NameWithoutDob => "name-without-dob",
            Invalid::DobWithoutName => "dob-without-name",
        }
    }
}

impl From<Invalid> for Message {
    fn from(invalid: Invalid) -> Message {
        Message::new(match invalid {
            Invalid::Empty => "invalid-empty",
            Invalid::EmailWithoutAt => "invalid-email-without-at",
            Invalid::EmailEmptyPart => "invalid-email-empty-part",
            Invalid::EmailDomainWithoutDot => "invalid-email-domain-without-dot",
            Invalid::EmailBadDomain => "invalid-email-bad-domain",
            Invalid::PhoneNotANumber => "invalid-phone-not-a-number",
            Invalid::PhoneInvalidCountryCode => "invalid-phone-country-code",
            Invalid::PhoneTooShort => "invalid-phone-too-short",
            Invalid::PhoneTooLong => "invalid-phone-too-long",
            Invalid::PhoneInvalidLength => "invalid-phone-length",
            Invalid::PhoneLocalOnly => "invalid-phone-local-only",
            Invalid::NationalIdLength => "invalid-national-id-length",
            Invalid::NationalIdCharacters => "invalid-national-id-characters",
            Invalid::NationalIdCheckCharacter => "invalid-national-id-check-character",
            Invalid::NationalIdBirthDate => "invalid-national-id-birth-date",
            Invalid::NationalIdFutureBirthDate => "invalid-national-id-future-birth-date",
            Invalid::DateUnrecognized => "invalid-date-unrecognized",
            Invalid::DateImpossible => "invalid-date-impossible",
            Invalid::DateInFuture => "invalid-date-in-future",
            Invalid::NameWithoutDob => "invalid-name-without-dob",
            Invalid::DobWithoutName => "invalid-dob-without-name",
        })
    }
}

impl From<PhoneRejection> for Invalid {
    fn from(rejection: PhoneRejection) -> Invalid {
        match rejection {
            PhoneRejection::NotANumber => Invalid::PhoneNotANumber,
            PhoneRejection::InvalidCountryCode => Invalid::PhoneInvalidCountryCode,
            PhoneRejection::TooShort => Invalid::PhoneTooShort,
            PhoneRejection::TooLong => Invalid::PhoneTooLong,
            PhoneRejection::InvalidLength => Invalid::PhoneInvalidLength,
            PhoneRejection::LocalOnly => Invalid::PhoneLocalOnly,
        }
    }
}

/// The context a normalization depends on: the default phone region, and today's date (a date of
/// birth in the future is refused, so "today" must be fixed for a whole build or check).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Normalizer {
    region: Region,
    today: Date,
}

impl Normalizer {
    pub fn new(region: Region) -> Normalizer {
        Normalizer::with_today(region, time::OffsetDateTime::now_utc().date())
    }

    pub fn with_today(region: Region, today: Date) -> Normalizer {
        Normalizer { region, today }
    }

    pub fn region(&self) -> Region {
        self.region
    }

    /// Normalizes one value of `kind`. For [`Kind::NameDob`] the value is `name|date`, the shape
    /// of its normalized form, so a normalized value always parses back to itself.
    pub fn normalize(&self, kind: Kind, raw: &str) -> Result<Normalized, Invalid> {
        match kind {
            Kind::NameDob => match raw.rsplit_once('|') {
                Some((name, date)) => self.name_dob(name, date),
                None if nfkc_trim(raw).is_empty() => Err(Invalid::Empty),
                None => Err(Invalid::NameWithoutDob),
            },
            _ => {
                let prepared = nfkc_trim(raw);
                if prepared.is_empty() {
                    return Err(Invalid::Empty);
                }
                let value = match kind {
                    Kind::Email => email::normalize(&prepared)?,
                    Kind::Phone => Zeroizing::new(phone::normalize(&prepared, self.region)?),
                    Kind::NationalId => national_id::normalize(&prepared, self.today)?,
                    Kind::Username => username(&prepared),
                    Kind::NameDob => unreachable!("handled above"),
                };
                Ok(Normalized { kind, value })
            }
        }
    }

    /// A name and a date of birth, typed separately, as one `name_dob` identifier.
    pub fn name_dob(&self, name: &str, date: &str) -> Result<Normalized, Invalid> {
        let name = name_dob::normalize_name(name);
        let date = nfkc_trim(date);
        match (name.is_empty(), date.is_empty()) {
            (true, true) => return Err(Invalid::Empty),
            (false, true) => return Err(Invalid::NameWithoutDob),
            (true, false) => return Err(Invalid::DobWithoutName),
            (false, false) => {}
        }
        let date = name_dob::parse_date_before(&date, self.today)?;
        Ok(self.name_with_date(&name, date))
    }

    /// A name and a birth date already known to be valid (taken from a national ID number).
    pub fn name_with_birth_date(&self, name: &str, date: Date) -> Option<Normalized> {
        let name = name_dob::normalize_name(name);
        (!name.is_empty()).then(|| self.name_with_date(&name, date))
    }

    fn name_with_date(&self, normalized_name: &str, date: Date) -> Normalized {
        let mut value = Zeroizing::new(String::with_capacity(normalized_name.len() + 11));
        value.push_str(normalized_name);
        value.push('|');
        value.push_str(&name_dob::format_date(date));
        Normalized {
            kind: Kind::NameDob,
            value,
        }
    }

    /// A date of birth on its own, validated as for `name_dob` (the builder checks a record's DOB
    /// once and pairs it with the name).
    pub fn date_of_birth(&self, raw: &str) -> Result<Date, Invalid> {
        let date = nfkc_trim(raw);
        if date.is_empty() {
            return Err(Invalid::Empty);
        }
        name_dob::parse_date_before(&date, self.today)
    }

    pub fn today(&self) -> Date {
        self.today
    }
}

/// The version of these rules a pack's keys were made under, recorded in its metadata. 1: the
/// rules of DESIGN.md §2; 2: format characters and variation selectors dropped first (see
/// [`nfkc`]). A value that held such a character in a version 1 pack is matched only by an input
/// carrying the same invisible character.
pub const NORMALIZATION_VERSION: u32 = 2;

/// Invisible characters that change no visible letter: Unicode's format characters (general
/// category Cf: zero-width space and joiners, bidi controls such as U+202E, the byte order mark,
/// soft hyphen, tags) and the variation selectors (U+FE00–U+FE0F, and U+E0100–U+E01EF that pick a
/// glyph of a CJK ideograph). A dump or a person typing may carry any of them, so `张\u{200b}伟`
/// must be `张伟`. The Cf ranges are those of Unicode 16.0; none is changed by NFKC.
fn is_invisible(c: char) -> bool {
    matches!(c as u32,
        0x00AD
        | 0x0600..=0x0605
        | 0x061C
        | 0x06DD
        | 0x070F
        | 0x0890..=0x0891
        | 0x08E2
        | 0x180E
        | 0x200B..=0x200F
        | 0x202A..=0x202E
        | 0x2060..=0x2064
        | 0x2066..=0x206F
        | 0xFE00..=0xFE0F
        | 0xFEFF
        | 0xFFF9..=0xFFFB
        | 0x110BD
        | 0x110CD
        | 0x13430..=0x1343F
        | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A
        | 0xE0001
        | 0xE0020..=0xE007F
        | 0xE0100..=0xE01EF
    )
}

/// NFKC without the invisible characters: the one step every normalizer starts with, on both
/// sides (normalization version 2). They go first, so that what they separated composes as if
/// they had never been there.
fn nfkc(raw: &str) -> Zeroizing<String> {
    Zeroizing::new(raw.chars().filter(|c| !is_invisible(*c)).nfkc().collect())
}

/// Every kind starts here: NFKC turns full-width digits and letters into ASCII, then surrounding
/// white space goes.
fn nfkc_trim(raw: &str) -> Zeroizing<String> {
    let nfkc = nfkc(raw);
    let trimmed = nfkc.trim();
    if trimmed.len() == nfkc.len() {
        nfkc
    } else {
        Zeroizing::new(trimmed.to_owned())
    }
}

fn username(prepared: &str) -> Zeroizing<String> {
    lowercase(prepared)
}

/// Lower case, as §2 asks of emails, usernames and names, of an NFKC string. Lower-casing can
/// leave a string that is not NFKC (`İ` becomes `i` and a combining dot, which may then stand
/// before a mark it must follow), so it is composed again: else a normalized value would change
/// when normalized again.
fn lowercase(nfkc: &str) -> Zeroizing<String> {
    self::nfkc(&Zeroizing::new(nfkc.to_lowercase()))
}

/// Shows as much of a value as a curator needs to find the row, and no more: the first three and
/// last four characters of longer values (`138****8000`), a single character of short ones.
pub fn mask(value: &str) -> String {
    // Invisible characters go first: a bidi override such as U+202E shown would reorder the rest
    // of the line on a terminal, and they are not part of what the value normalizes to anyway.
    let chars: Vec<char> = value.trim().chars().filter(|c| !is_invisible(*c)).collect();
    let n = chars.len();
    let (head, tail) = match n {
        0 => return String::new(),
        1..=3 => (0, 0),
        4..=6 => (1, 0),
        7..=10 => (2, 2),
        _ => (3, 4),
    };
    // A control character shown could be a terminal escape sequence planted in a dump; a long
    // value shown in full length could flood the output: neither is needed to find a row.
    let shown = |c: &char| if c.is_control() { '*' } else { *c };
    let mut out: String = chars[..head].iter().map(shown).collect();
    out.push_str(&"*".repeat((n - head - tail).min(MASK_MAX_STARS)));
    out.extend(chars[n - tail..].iter().map(shown));
    out
}

/// The most stars a masked value shows, whatever its length.
const MASK_MAX_STARS: usize = 16;

impl From<Kind> for MessageArg {
    fn from(kind: Kind) -> MessageArg {
        MessageArg::Str(kind.name().to_owned())
    }
}

#[cfg(test)]
mod tests;
