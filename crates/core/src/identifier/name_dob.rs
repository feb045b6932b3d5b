//! Names with dates of birth.
//!
//! A name alone matches far too many people, so it only makes a key together with a date of
//! birth. Names are typed in many ways: `张 伟` and `张伟` are one name (white space between CJK
//! characters carries nothing), and the middle dot of transliterated names (`阿依古丽·买买提`)
//! comes as any of several look-alike characters. A name typed in Traditional characters also
//! has a Simplified form ([`simplified_name`]), the way mainland leaks hold it.

use std::sync::LazyLock;

use ferrous_opencc::OpenCC;
use ferrous_opencc::config::BuiltinConfig;
use time::{Date, Month, macros::date};
use zeroize::Zeroizing;

use super::Invalid;

/// No date of birth before this is taken as real: it rules out typing slips such as `0985` and
/// sentinel values such as `1900-01-01`'s older cousins `0001-01-01`.
pub(super) const EARLIEST_BIRTH: Date = date!(1850 - 01 - 01);

/// Mapped before NFKC, which would turn the full-width stop `．` into an ASCII `.`. The half-width
/// katakana dot `･` is listed too: NFKC would turn it into `・` after the mapping, and a normalized
/// name would then change when normalized again (the invariant the `normalize` fuzz target checks).
const MIDDLE_DOT_VARIANTS: [char; 5] = ['•', '‧', '・', '．', '\u{FF65}'];

pub(super) fn normalize_name(raw: &str) -> Zeroizing<String> {
    let dotted: Zeroizing<String> = Zeroizing::new(
        raw.chars()
            .map(|c| {
                if MIDDLE_DOT_VARIANTS.contains(&c) {
                    '·'
                } else {
                    c
                }
            })
            .collect(),
    );
    let nfkc = super::nfkc(&dotted);
    let words: Vec<&str> = nfkc.split_whitespace().collect();
    let mut joined = Zeroizing::new(String::with_capacity(nfkc.len()));
    for (i, word) in words.iter().enumerate() {
        if i > 0 {
            let before = words[i - 1].chars().next_back();
            let after = word.chars().next();
            if !matches!((before, after), (Some(b), Some(a)) if is_cjk(b) && is_cjk(a)) {
                joined.push(' ');
            }
        }
        joined.push_str(word);
    }
    super::lowercase(&joined)
}

/// OpenCC's Traditional-to-Simplified conversion (`t2s`: its phrase table, then its character
/// table), built once from the tables compiled into the binary. `None` only if those tables did
/// not load, which the tests rule out; a check then goes on with the names as typed.
static T2S: LazyLock<Option<OpenCC>> =
    LazyLock::new(|| OpenCC::from_config(BuiltinConfig::T2s).ok());

/// The Simplified form of a normalized name, when OpenCC's `t2s` changes it (DESIGN.md §2: mainland
/// leaks hold names in Simplified characters). Normalized again, so that it is exactly what the
/// builder makes of the Simplified name. The reverse is one-to-many (`发` is `發` or `髮`) and is
/// never guessed.
pub(super) fn simplified_name(normalized: &str) -> Option<Zeroizing<String>> {
    let converted = Zeroizing::new(T2S.as_ref()?.convert(normalized));
    let simplified = normalize_name(&converted);
    (simplified.as_str() != normalized).then_some(simplified)
}

/// Han ideographs, kana and hangul: scripts written without spaces between words.
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF       // hiragana, katakana
        | 0x3400..=0x4DBF     // CJK extension A
        | 0x4E00..=0x9FFF     // CJK unified ideographs
        | 0xAC00..=0xD7AF     // hangul syllables
        | 0xF900..=0xFAFF     // CJK compatibility ideographs
        | 0x20000..=0x3134F   // CJK extensions B to H
    )
}

/// Parses the date formats people use: `1985-03-07`, `1985/3/7`, `1985.3.7`, `19850307` and
/// `1985年3月7日`. The input must already be NFKC-normalized and trimmed.
pub fn parse_date(prepared: &str) -> Result<Date, Invalid> {
    let compact: String = prepared.chars().filter(|c| !c.is_whitespace()).collect();
    let (year, month, day) = if compact.len() == 8 && compact.bytes().all(|b| b.is_ascii_digit()) {
        (&compact[..4], &compact[4..6], &compact[6..])
    } else {
        let body = compact.strip_suffix('日').unwrap_or(&compact);
        let parts: Vec<&str> = body.split(['-', '/', '.', '年', '月']).collect();
        match parts[..] {
            [y, m, d]
                if y.len() == 4 && (1..=2).contains(&m.len()) && (1..=2).contains(&d.len()) =>
            {
                (y, m, d)
            }
            _ => return Err(Invalid::DateUnrecognized),
        }
    };
    // Each separator pairs with its own kind: `1985年3-7` is not a way anyone writes a date.
    let separators: Vec<char> = compact.chars().filter(|c| !c.is_ascii_digit()).collect();
    if !matches!(
        separators[..],
        [] | ['-', '-'] | ['/', '/'] | ['.', '.'] | ['年', '月'] | ['年', '月', '日']
    ) {
        return Err(Invalid::DateUnrecognized);
    }
    let number = |s: &str| -> Result<u32, Invalid> {
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().map_err(|_| Invalid::DateUnrecognized)
        } else {
            Err(Invalid::DateUnrecognized)
        }
    };
    let (year, month, day) = (number(year)?, number(month)?, number(day)?);
    Month::try_from(month as u8)
        .ok()
        .and_then(|month| Date::from_calendar_date(year as i32, month, day as u8).ok())
        .ok_or(Invalid::DateImpossible)
}

pub(super) fn parse_date_before(prepared: &str, today: Date) -> Result<Date, Invalid> {
    let date = parse_date(prepared)?;
    if date < EARLIEST_BIRTH {
        return Err(Invalid::DateImpossible);
    }
    if date > today {
        return Err(Invalid::DateInFuture);
    }
    Ok(date)
}

pub(super) fn format_date(date: Date) -> String {
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}
