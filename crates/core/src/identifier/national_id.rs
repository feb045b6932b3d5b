//! Chinese resident identity card numbers (GB 11643-1999).
//!
//! Eighteen characters: a six-digit region, the birth date `YYYYMMDD`, a three-digit sequence and
//! an ISO 7064 MOD 11-2 check character. Numbers issued before 1999 had fifteen digits (a
//! two-digit year and no check character); they are widened to eighteen so that both forms of one
//! person's number meet in one key. Region codes are not checked: they change over the years and
//! an old code is still a real person's number.

use time::{Date, Month};
use zeroize::Zeroizing;

use super::Invalid;
use super::name_dob::EARLIEST_BIRTH;

const WEIGHTS: [u32; 17] = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS: [u8; 11] = *b"10X98765432";

/// The ISO 7064 MOD 11-2 check character of the first 17 digits.
///
/// # Panics
/// When `first17` is not 17 ASCII digits.
pub fn check_character(first17: &[u8]) -> char {
    assert!(first17.len() == 17 && first17.iter().all(u8::is_ascii_digit));
    let sum: u32 = first17
        .iter()
        .zip(WEIGHTS)
        .map(|(digit, weight)| u32::from(digit - b'0') * weight)
        .sum();
    char::from(CHECK_CHARACTERS[(sum % 11) as usize])
}

pub(super) fn normalize(prepared: &str, today: Date) -> Result<Zeroizing<String>, Invalid> {
    let compact: Zeroizing<Vec<u8>> = Zeroizing::new(
        prepared
            .bytes()
            .filter(|b| !matches!(b, b' ' | b'-'))
            .map(|b| b.to_ascii_uppercase())
            .collect(),
    );
    if !compact.is_ascii() {
        return Err(Invalid::NationalIdCharacters);
    }
    let mut id = Zeroizing::new(Vec::with_capacity(18));
    match compact.len() {
        18 => {
            if !compact[..17].iter().all(u8::is_ascii_digit)
                || !(compact[17].is_ascii_digit() || compact[17] == b'X')
            {
                return Err(Invalid::NationalIdCharacters);
            }
            id.extend_from_slice(&compact);
        }
        15 => {
            if !compact.iter().all(u8::is_ascii_digit) {
                return Err(Invalid::NationalIdCharacters);
            }
            id.extend_from_slice(&compact[..6]);
            id.extend_from_slice(b"19");
            id.extend_from_slice(&compact[6..]);
            let check = check_character(&id) as u8;
            id.push(check);
        }
        _ => return Err(Invalid::NationalIdLength),
    }
    birth_date_checked(&id, today)?;
    if check_character(&id[..17]) as u8 != id[17] {
        return Err(Invalid::NationalIdCheckCharacter);
    }
    // Only ASCII digits and `X` remain.
    Ok(Zeroizing::new(
        String::from_utf8(id.to_vec()).expect("ASCII"),
    ))
}

fn birth_date_checked(id: &[u8], today: Date) -> Result<Date, Invalid> {
    let number = |range: std::ops::Range<usize>| -> u32 {
        id[range]
            .iter()
            .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0'))
    };
    let date = Month::try_from(number(10..12) as u8)
        .ok()
        .and_then(|month| {
            Date::from_calendar_date(number(6..10) as i32, month, number(12..14) as u8).ok()
        })
        .filter(|date| *date >= EARLIEST_BIRTH)
        .ok_or(Invalid::NationalIdBirthDate)?;
    if date > today {
        return Err(Invalid::NationalIdFutureBirthDate);
    }
    Ok(date)
}

/// The birth date held in a normalized (18-character) national ID number.
pub fn birth_date_of(normalized: &super::Normalized) -> Option<Date> {
    if normalized.kind() != super::Kind::NationalId {
        return None;
    }
    birth_date_checked(normalized.expose().as_bytes(), Date::MAX).ok()
}
