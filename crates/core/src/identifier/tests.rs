use proptest::prelude::*;
use time::macros::date;

use super::*;

/// The vectors' "today": dates after it are in the future.
fn normalizer() -> Normalizer {
    Normalizer::with_today(Region::CN, date!(2026 - 01 - 01))
}

/// Runs a vectors file: `input<TAB>expected`, where expected is the normalized form or `!code`.
fn run_vectors(kind: Kind, file: &str, text: &str) -> usize {
    let mut count = 0;
    let mut failures = Vec::new();
    for (number, line) in text.lines().enumerate() {
        if line.starts_with('#') || line.is_empty() {
            continue;
        }
        let (input, expected) = line
            .rsplit_once('\t')
            .unwrap_or_else(|| panic!("{file}:{}: no tab", number + 1));
        let got = match normalizer().normalize(kind, input) {
            Ok(normalized) => normalized.expose().to_owned(),
            Err(invalid) => format!("!{}", invalid.code()),
        };
        if got != expected {
            failures.push(format!(
                "{file}:{}: {input:?} gave {got:?}, expected {expected:?}",
                number + 1
            ));
        }
        count += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    count
}

#[test]
fn national_id_vectors() {
    assert!(
        run_vectors(
            Kind::NationalId,
            "national_id.tsv",
            include_str!("vectors/national_id.tsv")
        ) >= 20
    );
}

#[test]
fn email_vectors() {
    assert!(run_vectors(Kind::Email, "email.tsv", include_str!("vectors/email.tsv")) >= 20);
}

#[test]
fn name_dob_vectors() {
    assert!(
        run_vectors(
            Kind::NameDob,
            "name_dob.tsv",
            include_str!("vectors/name_dob.tsv")
        ) >= 20
    );
}

#[test]
fn username_vectors() {
    assert!(
        run_vectors(
            Kind::Username,
            "username.tsv",
            include_str!("vectors/username.tsv")
        ) >= 20
    );
}

#[test]
fn a_legacy_id_and_its_modern_form_are_one_identifier() {
    let n = normalizer();
    assert_eq!(
        n.normalize(Kind::NationalId, "110105850307123").unwrap(),
        n.normalize(Kind::NationalId, "110105198503071230").unwrap()
    );
}

#[test]
fn a_name_with_an_id_birth_date_equals_the_name_with_that_date_typed() {
    let n = normalizer();
    let id = n.normalize(Kind::NationalId, "110105198503071230").unwrap();
    let date = national_id_birth_date(&id).unwrap();
    assert_eq!(
        n.name_with_birth_date("张 伟", date).unwrap(),
        n.name_dob("张伟", "1985年3月7日").unwrap()
    );
}

#[test]
fn a_traditional_name_has_the_simplified_form_the_builder_makes() {
    let n = normalizer();
    for (traditional, simplified) in [
        ("張偉", "张伟"),
        ("陳 淑 芬", "陈淑芬"),
        ("歐陽 靜", "欧阳静"),
        ("阿依古麗・買買提", "阿依古丽·买买提"),
    ] {
        let typed = n.name_dob(traditional, "1985-03-07").unwrap();
        assert_eq!(
            typed.simplified(),
            Some(n.name_dob(simplified, "1985-03-07").unwrap()),
            "{traditional}"
        );
    }
}

#[test]
fn only_a_name_that_t2s_changes_has_a_simplified_form() {
    let n = normalizer();
    for unchanged in ["张伟", "Zhang Wei", "李娜", "佐藤"] {
        let typed = n.name_dob(unchanged, "1985-03-07").unwrap();
        assert_eq!(typed.simplified(), None, "{unchanged}");
    }
    let username = n.normalize(Kind::Username, "張偉").unwrap();
    assert_eq!(username.simplified(), None);
}

#[test]
fn a_half_width_katakana_middle_dot_is_the_middle_dot() {
    let n = normalizer();
    let half_width = n.name_dob("阿依古丽\u{FF65}买买提", "1985-03-07").unwrap();
    let plain = n.name_dob("阿依古丽·买买提", "1985-03-07").unwrap();
    assert_eq!(half_width, plain);
    assert_eq!(
        n.normalize(Kind::NameDob, half_width.expose()).unwrap(),
        half_width
    );
}

#[test]
fn check_characters_follow_iso_7064() {
    assert_eq!(check_character(b"11010519491231002"), 'X');
    assert_eq!(check_character(b"11010519850307123"), '0');
    assert_eq!(check_character(b"44030619900101001"), '4');
}

#[test]
fn debug_never_shows_the_value() {
    let secret = normalizer().normalize(Kind::Phone, "13800138000").unwrap();
    let shown = format!("{secret:?}");
    assert!(!shown.contains("138"), "{shown}");
    assert_eq!(shown, "Normalized(phone, <redacted>)");
}

#[test]
fn refusals_carry_no_part_of_the_value() {
    let refusal = normalizer()
        .normalize(Kind::NationalId, "110105198503071231")
        .unwrap_err();
    assert!(!format!("{refusal:?} {refusal}").contains("1101"));
}

#[test]
fn masks_keep_only_enough_to_find_the_row() {
    assert_eq!(mask("13800138000"), "138****8000");
    assert_eq!(mask("110105198503071230"), "110***********1230");
    assert_eq!(mask("12345"), "1****");
    assert_eq!(mask("张伟"), "**");
    assert_eq!(mask("zhang.wei@example.cn"), "zha*************e.cn");
    assert_eq!(mask(""), "");
}

#[test]
fn masks_stay_short_and_show_no_control_character() {
    let long = format!("abc{}wxyz", "0".repeat(1_000_000));
    assert_eq!(mask(&long), "abc****************wxyz");
    assert_eq!(mask("\u{1b}[31m13800138000\u{7}"), "*[3**********000*");
}

#[test]
fn masks_show_no_invisible_character() {
    // U+202E shown raw would print the rest of the builder's line reversed.
    assert_eq!(mask("\u{202e}138\u{200b}00138000\u{fe0f}"), "138****8000");
    assert_eq!(mask("张\u{200d}伟"), "**");
}

/// Zero-width characters, joiners, bidi controls and variation selectors are dropped by every
/// normalizer (normalization version 2): `张\u{200b}伟` is `张伟`, on the builder's side and the
/// checker's alike, since both call these functions.
#[test]
fn invisible_characters_are_dropped_by_every_normalizer() {
    let n = normalizer();
    for invisible in [
        '\u{200b}',
        '\u{200d}',
        '\u{202e}',
        '\u{fe0f}',
        '\u{feff}',
        '\u{ad}',
        '\u{2066}',
        '\u{e0101}',
    ] {
        let with = |text: &str| {
            let mut chars: Vec<char> = text.chars().collect();
            chars.insert(1, invisible);
            chars.into_iter().collect::<String>()
        };
        for (kind, plain) in [
            (Kind::NameDob, "张伟|1985-03-07"),
            (Kind::Phone, "13800138000"),
            (Kind::NationalId, "110105198503071230"),
            (Kind::Email, "zhang.wei@example.cn"),
            (Kind::Username, "zhangwei"),
        ] {
            let expected = n.normalize(kind, plain).unwrap().expose().to_owned();
            let got = n
                .normalize(kind, &with(plain))
                .map(|v| v.expose().to_owned());
            let expected = Ok::<_, Invalid>(expected);
            assert_eq!(got, expected, "{kind} with U+{:04X}", u32::from(invisible));
        }
        assert_eq!(
            n.name_dob(&with("张伟"), "1985-03-07").unwrap(),
            n.name_dob("张伟", &with("1985-03-07")).unwrap()
        );
    }
}

/// NFKC never makes an invisible character out of a visible one, so dropping them before NFKC
/// leaves none in any normalized form, and normalizing stays idempotent.
#[test]
fn no_character_normalizes_to_an_invisible_one() {
    let failures: Vec<String> = (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .filter(|c| super::nfkc(&c.to_string()).chars().any(super::is_invisible))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(failures.is_empty(), "{failures:?}");
}

#[test]
fn kind_names_round_trip() {
    for kind in Kind::ALL {
        assert_eq!(Kind::from_name(kind.name()), Some(kind));
    }
}

#[test]
fn every_refusal_has_a_distinct_code() {
    let all = [
        Invalid::Empty,
        Invalid::EmailWithoutAt,
        Invalid::EmailEmptyPart,
        Invalid::EmailDomainWithoutDot,
        Invalid::EmailBadDomain,
        Invalid::PhoneNotANumber,
        Invalid::PhoneInvalidCountryCode,
        Invalid::PhoneTooShort,
        Invalid::PhoneTooLong,
        Invalid::PhoneInvalidLength,
        Invalid::PhoneLocalOnly,
        Invalid::NationalIdLength,
        Invalid::NationalIdCharacters,
        Invalid::NationalIdCheckCharacter,
        Invalid::NationalIdBirthDate,
        Invalid::NationalIdFutureBirthDate,
        Invalid::DateUnrecognized,
        Invalid::DateImpossible,
        Invalid::DateInFuture,
        Invalid::NameWithoutDob,
        Invalid::DobWithoutName,
    ];
    let codes: std::collections::BTreeSet<_> = all.iter().map(|i| i.code()).collect();
    assert_eq!(codes.len(), all.len());
    let ids: std::collections::BTreeSet<_> =
        all.iter().map(|i| Message::from(*i).message_id).collect();
    assert_eq!(ids.len(), all.len());
    for invalid in all {
        let english =
            crate::l10n::localizer_for(crate::l10n::Lang::En).message(&Message::from(invalid));
        assert_ne!(
            english,
            Message::from(invalid).message_id,
            "{invalid:?} has no English text"
        );
    }
}

/// Strings shaped like what people type: digits, letters, CJK, separators, full-width forms,
/// invisible characters.
fn typed() -> &'static str {
    "[0-9a-zA-Z０-９ａ-ｚＡ-Ｚ张伟李娜王芳 ·•・．\u{FF65}\u{200B}\u{200D}\u{202E}\u{FE0F}@.+\\-_/年月日()（）|]{0,24}"
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Normalizing is idempotent, and a normalized value always parses back to itself.
    #[test]
    fn normalization_is_idempotent(input in typed(), kind in proptest::sample::select(Kind::ALL.to_vec())) {
        let n = normalizer();
        if let Ok(once) = n.normalize(kind, &input) {
            let twice = n.normalize(kind, once.expose());
            prop_assert_eq!(twice.as_ref().map(Normalized::expose), Ok(once.expose()));
        }
    }

    /// Every valid ID number, in any of the ways it is written, normalizes to the same value.
    #[test]
    fn id_numbers_normalize_whatever_their_spelling(
        region in 110_000u32..660_000,
        days in 0i64..40_000,
        sequence in 0u32..1000,
        lower in any::<bool>(),
        spaced in any::<bool>(),
    ) {
        let birth = date!(1900 - 01 - 01) + time::Duration::days(days);
        prop_assume!(birth < date!(2026 - 01 - 01));
        let first17 = format!(
            "{region:06}{:04}{:02}{:02}{sequence:03}",
            birth.year(), u8::from(birth.month()), birth.day()
        );
        let id = format!("{first17}{}", check_character(first17.as_bytes()));
        let mut typed = if lower { id.to_lowercase() } else { id.clone() };
        if spaced {
            typed = format!("{} {} {}", &typed[..6], &typed[6..14], &typed[14..]);
        }
        let normalized = normalizer().normalize(Kind::NationalId, &typed).unwrap();
        prop_assert_eq!(normalized.expose(), id.as_str());
        if birth.year() < 2000 {
            let legacy = format!("{}{}", &id[..6], &id[8..17]);
            let normalized = normalizer().normalize(Kind::NationalId, &legacy).unwrap();
            prop_assert_eq!(normalized.expose(), id.as_str());
        }
    }
}

/// Lower-casing `İ` gives `i` and a combining dot above, which must then stand after a mark
/// below it: each kind that lower-cases composes again, so its normalized form is a fixed point.
/// (Found by the normalize fuzz target.)
#[test]
fn lowercasing_that_misorders_marks_is_composed_again() {
    let n = normalizer();
    for (kind, raw, expected) in [
        (
            Kind::Email,
            "İ\u{355}@example.com",
            "i\u{355}\u{307}@example.com",
        ),
        (Kind::Username, "İ\u{355}", "i\u{355}\u{307}"),
        (
            Kind::NameDob,
            "İ\u{355}|1990-01-01",
            "i\u{355}\u{307}|1990-01-01",
        ),
    ] {
        let once = n.normalize(kind, raw).unwrap();
        assert_eq!(once.expose(), expected, "{kind}");
        assert_eq!(n.normalize(kind, once.expose()).unwrap(), once, "{kind}");
    }
}

/// The lower-casing every kind shares is idempotent for every character, alone and before a
/// combining mark below (the case that once was not).
#[test]
fn lowercasing_is_idempotent_for_every_character() {
    let failures: Vec<String> = (0..=char::MAX as u32)
        .filter_map(char::from_u32)
        .flat_map(|c| [c.to_string(), format!("{c}\u{355}")])
        .filter_map(|text| {
            let nfkc: String = text.nfkc().collect();
            let once = super::lowercase(&nfkc);
            let twice = super::lowercase(&once);
            (once != twice).then(|| format!("{:?}", text.escape_unicode().to_string()))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} not idempotent: {:?}",
        failures.len(),
        &failures[..failures.len().min(20)]
    );
}
