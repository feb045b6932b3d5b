//! Phone numbers: any way people write them in, E.164 out.
//!
//! A number is accepted only when libphonenumber's `isPossibleNumberWithReason` would say exactly
//! `IS_POSSIBLE`. Possibility is a length check against the numbering plan; validity
//! (`isValidNumber`) also matches the digits against the allocated number ranges. Ranges change
//! every few weeks, so a pack built with one metadata release and checked with another would
//! disagree about which numbers exist, and a phone that was in a breach would silently stop
//! matching. Possible lengths almost never change, so build and check agree. `IS_POSSIBLE_LOCAL_ONLY`
//! is refused too: a number without its area code has no E.164 form, and guessing one would key
//! it to the wrong person.
//!
//! The `phonenumber` crate supplies the metadata (9.0.33), but its own parser cannot be used: it
//! has no public is-possible check, its length test reads the general descriptor's possible
//! lengths (left empty, because upstream's build tool computes them) and so accepts wrong
//! lengths, and it strips prefixes libphonenumber keeps: `1234 5678` in CN comes out as
//! `+86678`, `011 86 138 0013 8000` in US as `+863800138000`, and `+39 06 698 12345` loses its
//! Italian leading zero. This module therefore ports libphonenumber's `parse` (the
//! `PhoneNumberUtil.parseHelper` path) and `testNumberLength` onto the crate's metadata, which
//! `build.rs` extracts at build time: loading it at run time would validate every pattern of every
//! region (some 45 ms, four standard hashes) before the first number; instead only the patterns
//! of the plans a number touches are compiled, about a millisecond.
//! `vectors/phone_oracle.py` re-derives every test vector from the Python port of libphonenumber.
//!
//! Being libphonenumber's result, the output is not always a fixed point: an NSN that itself
//! starts with what its region reads as a national prefix (CN `00000000`, never a valid number)
//! is shortened again when its E.164 form is normalized. Matching libphonenumber matters more
//! than hiding that, since any other client must derive the same keys.

use std::fmt;
use std::str::FromStr;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What the normalizer needs of one numbering plan of libphonenumber's metadata. The tables
/// `REGION_PLANS` (by ISO region) and `CODE_PLANS` (the main plan of each calling code) are
/// extracted at build time (see `build.rs`), so no metadata is loaded at run time and only the
/// patterns a number needs are ever compiled, each once.
#[derive(Debug)]
struct Plan {
    id: &'static str,
    country_code: u16,
    international_prefix: Option<&'static str>,
    /// With libphonenumber's fallback to the national prefix already applied.
    national_prefix_for_parsing: Option<&'static str>,
    national_prefix_transform_rule: Option<&'static str>,
    /// The general descriptor's national number pattern.
    general_pattern: &'static str,
    /// Bit n is set when n digits is a possible length, as libphonenumber's metadata builder
    /// computes the general descriptor's lengths (the crate leaves them empty).
    possible_lengths: u64,
    local_only_lengths: u64,
    compiled: Compiled,
}

/// A plan's patterns, each compiled on first use; `None` if it does not compile, which a test
/// rules out for every plan.
#[derive(Debug)]
struct Compiled {
    international_prefix: OnceLock<Option<Regex>>,
    national_prefix_for_parsing: OnceLock<Option<Regex>>,
    general: OnceLock<Option<Regex>>,
}

impl Compiled {
    const fn new() -> Compiled {
        Compiled {
            international_prefix: OnceLock::new(),
            national_prefix_for_parsing: OnceLock::new(),
            general: OnceLock::new(),
        }
    }
}

// The metadata's patterns only ever see ASCII digits (a number's digits after `normalize_digits`),
// on which a Unicode `\d` and an ASCII one agree; compiled without Unicode they take a twentieth
// of the time. They are written for Java's COMMENTS flag, hence `x`.
impl Plan {
    /// The international (IDD) prefix, anchored at the start (Java's `Matcher.lookingAt`).
    fn international_prefix(&self) -> Option<&Regex> {
        at_start(
            &self.compiled.international_prefix,
            self.international_prefix,
        )
    }

    /// The national prefix and carrier code, anchored at the start.
    fn national_prefix_for_parsing(&self) -> Option<&Regex> {
        at_start(
            &self.compiled.national_prefix_for_parsing,
            self.national_prefix_for_parsing,
        )
    }

    /// Whether the whole number fits the general descriptor (Java's `Matcher.matches`).
    fn matches_general(&self, number: &str) -> bool {
        let pattern = self.general_pattern;
        self.compiled
            .general
            .get_or_init(|| Regex::new(&format!("(?x-u)^(?:{pattern})$")).ok())
            .as_ref()
            .is_some_and(|re| re.is_match(number))
    }
}

/// `pattern` anchored at the start, compiled into `cell` the first time it is asked for.
fn at_start<'a>(cell: &'a OnceLock<Option<Regex>>, pattern: Option<&str>) -> Option<&'a Regex> {
    let pattern = pattern?;
    cell.get_or_init(|| Regex::new(&format!("(?x-u)^(?:{pattern})")).ok())
        .as_ref()
}

include!(concat!(env!("OUT_DIR"), "/phone_plans.rs"));

/// An ISO 3166-1 alpha-2 region known to the phone metadata, used for numbers written without a country code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Region(&'static str);

impl Region {
    pub const CN: Region = Region("CN");

    pub fn as_str(&self) -> &'static str {
        self.0
    }

    fn plan(self) -> &'static Plan {
        let at = REGION_PLANS
            .binary_search_by_key(&self.0, |plan| plan.id)
            .expect("a Region is only made from an id of REGION_PLANS");
        &REGION_PLANS[at]
    }
}

impl Default for Region {
    fn default() -> Self {
        Region::CN
    }
}

impl FromStr for Region {
    type Err = UnknownRegion;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        // Non-geographic entities (id "001") are not in REGION_PLANS: they cannot serve as a
        // default region.
        let upper = s.to_ascii_uppercase();
        REGION_PLANS
            .binary_search_by_key(&upper.as_str(), |plan| plan.id)
            .map(|at| Region(REGION_PLANS[at].id))
            .map_err(|_| UnknownRegion)
    }
}

impl fmt::Display for Region {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

impl Serialize for Region {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.0)
    }
}

impl<'de> Deserialize<'de> for Region {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let code = String::deserialize(deserializer)?;
        code.parse().map_err(serde::de::Error::custom)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown region code")]
pub struct UnknownRegion;

/// Why a phone number was refused. Carries no part of the number (privacy: errors are printed/logged).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PhoneRejection {
    NotANumber,
    InvalidCountryCode,
    TooShort,
    TooLong,
    InvalidLength,
    LocalOnly,
}

/// `input` has already been NFKC-normalized and trimmed by the caller.
/// Returns the E.164 form (e.g. "+8613800138000").
///
/// An extension (`ext. 123`, `x123`, `;ext=123`, ...) is recognised and dropped, as E.164 has no
/// place for it; libphonenumber keeps it apart from the number and ignores it for possibility,
/// so refusing it would reject numbers libphonenumber accepts.
pub fn normalize(input: &str, region: Region) -> Result<String, PhoneRejection> {
    let (country_code, national) = parse(input, region)?;
    // Like isPossibleNumberWithReason: the main region of the calling code decides, whatever the
    // default region was (it shares the calling code or plays no part at all).
    let plan = main_plan(country_code).ok_or(PhoneRejection::InvalidCountryCode)?;
    match test_number_length(&national, plan) {
        Length::Possible => Ok(format!("+{country_code}{national}")),
        Length::LocalOnly => Err(PhoneRejection::LocalOnly),
        Length::TooShort => Err(PhoneRejection::TooShort),
        Length::TooLong => Err(PhoneRejection::TooLong),
        Length::Invalid => Err(PhoneRejection::InvalidLength),
    }
}

// Limits from libphonenumber's PhoneNumberUtil.
const MAX_INPUT_STRING_LENGTH: usize = 250;
const MIN_LENGTH_FOR_NSN: usize = 2;
const MAX_LENGTH_FOR_NSN: usize = 17;
const MAX_LENGTH_COUNTRY_CODE: usize = 3;

const RFC3966_PREFIX: &str = "tel:";
const RFC3966_PHONE_CONTEXT: &str = ";phone-context=";
const RFC3966_ISDN_SUBADDRESS: &str = ";isub=";

/// Returns `(country calling code, national significant number)`, the latter as ASCII digits
/// including any Italian leading zeros, exactly as libphonenumber's `parse` would store them.
fn parse(input: &str, region: Region) -> Result<(u16, String), PhoneRejection> {
    if input.chars().count() > MAX_INPUT_STRING_LENGTH {
        return Err(PhoneRejection::TooLong);
    }
    let number = build_national_number_for_parsing(input)?;
    if !is_viable_phone_number(&number) {
        return Err(PhoneRejection::NotANumber);
    }
    let number = strip_extension(&number);
    let region_plan = region.plan();

    let extracted = match maybe_extract_country_code(number, region_plan) {
        Err(PhoneRejection::InvalidCountryCode) if leading_plus_len(number) > 0 => {
            // A "+" followed by an IDD ("+00 86 ...") is a common slip; libphonenumber retries
            // without the plus before giving up.
            let retry =
                maybe_extract_country_code(&number[leading_plus_len(number)..], region_plan)?;
            if retry.0 == 0 {
                return Err(PhoneRejection::InvalidCountryCode);
            }
            retry
        }
        other => other?,
    };
    let (country_code, mut national, plan) = match extracted {
        (0, _) => (
            region_plan.country_code,
            normalize_digits(number),
            region_plan,
        ),
        (code, national) => {
            let plan = main_plan(code).ok_or(PhoneRejection::InvalidCountryCode)?;
            (code, national, plan)
        }
    };
    if national.len() < MIN_LENGTH_FOR_NSN {
        return Err(PhoneRejection::TooShort);
    }
    // The prefix is only taken off when what remains is still a complete number for the region;
    // otherwise the digits were probably a short number that happens to start like a prefix.
    if let Some(stripped) = strip_national_prefix(&national, plan)
        && !matches!(
            test_number_length(&stripped, plan),
            Length::TooShort | Length::LocalOnly | Length::Invalid
        )
    {
        national = stripped;
    }
    if national.len() < MIN_LENGTH_FOR_NSN {
        return Err(PhoneRejection::TooShort);
    }
    if national.len() > MAX_LENGTH_FOR_NSN {
        return Err(PhoneRejection::TooLong);
    }
    Ok((country_code, national))
}

/// libphonenumber's `buildNationalNumberForParsing`: understands RFC 3966 (`tel:` URIs with
/// `;phone-context=`) and otherwise cuts the number out of surrounding text.
fn build_national_number_for_parsing(input: &str) -> Result<String, PhoneRejection> {
    let mut number = match input.find(RFC3966_PHONE_CONTEXT) {
        Some(context_at) => {
            let context_start = context_at + RFC3966_PHONE_CONTEXT.len();
            let context = &input[context_start..];
            let context = context.find(';').map_or(context, |end| &context[..end]);
            if !is_phone_context_valid(context) {
                return Err(PhoneRejection::NotANumber);
            }
            // A global phone-context is the number's prefix; a domain name says nothing about it.
            let mut number = if context.starts_with('+') {
                context.to_owned()
            } else {
                String::new()
            };
            let national_start = input
                .find(RFC3966_PREFIX)
                .map_or(0, |at| at + RFC3966_PREFIX.len());
            if national_start <= context_at {
                number.push_str(&input[national_start..context_at]);
            }
            number
        }
        None => extract_possible_number(input).to_owned(),
    };
    if let Some(at) = number.find(RFC3966_ISDN_SUBADDRESS)
        && at > 0
    {
        number.truncate(at);
    }
    Ok(number)
}

fn is_phone_context_valid(context: &str) -> bool {
    !context.is_empty()
        && (is_match(&RFC3966_GLOBAL_NUMBER_DIGITS, context)
            || is_match(&RFC3966_DOMAINNAME, context))
}

/// libphonenumber's `extractPossibleNumber`: drops leading text such as "Tel:", trailing
/// punctuation, and a second number glued on with "/x".
fn extract_possible_number(input: &str) -> &str {
    let Some(start) = find(&VALID_START_CHAR, input).map(|(start, _)| start) else {
        return "";
    };
    let mut number = &input[start..];
    if let Some((end, _)) = find(&UNWANTED_END_CHARS, number) {
        number = &number[..end];
    }
    if let Some((end, _)) = find(&SECOND_NUMBER_START, number) {
        number = &number[..end];
    }
    number
}

fn is_viable_phone_number(number: &str) -> bool {
    if number.chars().count() < MIN_LENGTH_FOR_NSN {
        return false;
    }
    if cannot_have_extension(number) {
        is_match(&VALID_PHONE_NUMBER_WITHOUT_EXTENSION, number)
    } else {
        is_match(&VALID_PHONE_NUMBER_PATTERN, number)
    }
}

/// Returns the number without its extension, if it has one and what precedes it is still viable.
fn strip_extension(number: &str) -> &str {
    if cannot_have_extension(number) {
        return number;
    }
    match find(&EXTN_PATTERN, number) {
        Some((start, _)) if is_viable_phone_number(&number[..start]) => &number[..start],
        _ => number,
    }
}

/// libphonenumber's `maybeExtractCountryCode`. Returns `(0, _)` when the number carries no
/// country calling code and belongs to the default region.
fn maybe_extract_country_code(
    number: &str,
    region_plan: &Plan,
) -> Result<(u16, String), PhoneRejection> {
    if number.is_empty() {
        return Ok((0, String::new()));
    }
    let plus = leading_plus_len(number);
    let (international, full) = if plus > 0 {
        (true, normalize_digits(&number[plus..]))
    } else {
        let full = normalize_digits(number);
        match strip_idd(&full, region_plan) {
            Some(rest) => (true, rest.to_owned()),
            None => (false, full),
        }
    };

    if international {
        if full.len() <= MIN_LENGTH_FOR_NSN {
            return Err(PhoneRejection::TooShort);
        }
        return match extract_country_code(&full) {
            Some((code, rest)) => Ok((code, rest.to_owned())),
            None => Err(PhoneRejection::InvalidCountryCode),
        };
    }

    // "8613800138000" with region CN: the region's own calling code written without "+". Taken
    // as a calling code only when the rest fits the region's number pattern and the whole does
    // not, or the whole is too long to be national.
    let own_code = region_plan.country_code;
    if let Some(rest) = full.strip_prefix(own_code.to_string().as_str()) {
        let potential = strip_national_prefix(rest, region_plan).unwrap_or_else(|| rest.to_owned());
        if (!region_plan.matches_general(&full) && region_plan.matches_general(&potential))
            || test_number_length(&full, region_plan) == Length::TooLong
        {
            return Ok((own_code, potential));
        }
    }
    Ok((0, String::new()))
}

/// libphonenumber's `parsePrefixAsIdd` on an already normalized number.
fn strip_idd<'a>(number: &'a str, plan: &Plan) -> Option<&'a str> {
    let rest = &number[plan.international_prefix()?.find(number)?.end()..];
    // Calling codes never start with 0, so "00 0..." is not an IDD followed by a calling code.
    (!rest.starts_with('0')).then_some(rest)
}

/// libphonenumber's `extractCountryCode`: the shortest prefix that is a known calling code.
fn extract_country_code(number: &str) -> Option<(u16, &str)> {
    if number.starts_with('0') {
        return None;
    }
    (1..=MAX_LENGTH_COUNTRY_CODE.min(number.len())).find_map(|len| {
        let code: u16 = number[..len].parse().ok()?;
        main_plan(code).map(|_| (code, &number[len..]))
    })
}

/// libphonenumber's `maybeStripNationalPrefixAndCarrierCode`. Returns the number without national
/// prefix and carrier code (transformed where the region needs it), or `None` when nothing was
/// stripped.
fn strip_national_prefix(number: &str, plan: &Plan) -> Option<String> {
    if number.is_empty() {
        return None;
    }
    let groups: Vec<Option<(usize, usize)>> = plan
        .national_prefix_for_parsing()?
        .captures(number)?
        .iter()
        .map(|group| group.map(|m| (m.start(), m.end())))
        .collect();
    let match_end = groups.first().copied().flatten()?.1;
    let last_group_matched = groups.last().copied().flatten().is_some();

    let viable_original = plan.matches_general(number);
    let result = match plan.national_prefix_transform_rule {
        Some(rule) if last_group_matched => {
            let mut transformed = expand_java_replacement(rule, &groups, number);
            transformed.push_str(&number[match_end..]);
            transformed
        }
        _ => number[match_end..].to_owned(),
    };
    // A number that already fit the plan is not broken up on a guess.
    if viable_original && !plan.matches_general(&result) {
        return None;
    }
    Some(result)
}

/// Expands `$n` references the way `java.util.regex.Matcher.replaceFirst` does, since the
/// metadata's transform rules are written for Java.
fn expand_java_replacement(rule: &str, groups: &[Option<(usize, usize)>], text: &str) -> String {
    let mut out = String::new();
    let mut chars = rule.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.extend(chars.next()),
            '$' => {
                let Some(mut group) = chars.peek().and_then(|d| d.to_digit(10)) else {
                    continue;
                };
                chars.next();
                // Java keeps taking digits while the group number still exists.
                while let Some(next) = chars.peek().and_then(|d| d.to_digit(10)) {
                    let longer = group * 10 + next;
                    if longer as usize >= groups.len() {
                        break;
                    }
                    group = longer;
                    chars.next();
                }
                if let Some(Some((start, end))) = groups.get(group as usize) {
                    out.push_str(&text[*start..*end]);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Length {
    Possible,
    LocalOnly,
    TooShort,
    TooLong,
    Invalid,
}

/// libphonenumber's `testNumberLength` for type UNKNOWN, i.e. against the general descriptor.
fn test_number_length(national: &str, plan: &Plan) -> Length {
    let (possible, local_only) = (plan.possible_lengths, plan.local_only_lengths);
    let length = national.len();
    if length < 64 && local_only & (1 << length) != 0 {
        return Length::LocalOnly;
    }
    if possible == 0 {
        return Length::Invalid;
    }
    let minimum = possible.trailing_zeros() as usize;
    let maximum = 63 - possible.leading_zeros() as usize;
    if length < minimum {
        Length::TooShort
    } else if length > maximum {
        Length::TooLong
    } else if possible & (1 << length) != 0 {
        Length::Possible
    } else {
        Length::Invalid
    }
}

/// The plan a calling code is judged by: its main country's.
fn main_plan(country_code: u16) -> Option<&'static Plan> {
    CODE_PLANS
        .binary_search_by_key(&country_code, |plan| plan.country_code)
        .ok()
        .map(|at| &CODE_PLANS[at])
}

fn leading_plus_len(number: &str) -> usize {
    number.len() - number.trim_start_matches(['+', '\u{FF0B}']).len()
}

/// libphonenumber's `normalize`: with three or more letters the number is a vanity number
/// ("1-800-FLOWERS") and letters become keypad digits; otherwise everything but digits goes.
fn normalize_digits(number: &str) -> String {
    let letters = number.chars().filter(char::is_ascii_alphabetic).count();
    if letters >= 3 && !number.contains('\n') {
        number.chars().filter_map(keypad_digit).collect()
    } else {
        number
            .chars()
            .filter_map(decimal_digit)
            .map(|d| char::from(b'0' + d))
            .collect()
    }
}

/// E.161 keypad mapping, as libphonenumber's ALPHA_PHONE_MAPPINGS (ASCII digits only).
fn keypad_digit(c: char) -> Option<char> {
    let mut upper = c.to_uppercase();
    let (Some(c), None) = (upper.next(), upper.next()) else {
        return None;
    };
    let digit = match c {
        '0'..='9' => c,
        'A'..='C' => '2',
        'D'..='F' => '3',
        'G'..='I' => '4',
        'J'..='L' => '5',
        'M'..='O' => '6',
        'P'..='S' => '7',
        'T'..='V' => '8',
        'W'..='Z' => '9',
        _ => return None,
    };
    Some(digit)
}

/// Value of a Unicode decimal digit (general category Nd), like Java's `Character.digit(c, 10)`.
/// NFKC already folds full-width digits, but Arabic-Indic and other script digits survive it.
fn decimal_digit(c: char) -> Option<u8> {
    // First code point (the zero) of every run of ten Nd digits, Unicode 14.
    const ZEROS: [u32; 66] = [
        0x30, 0x660, 0x6F0, 0x7C0, 0x966, 0x9E6, 0xA66, 0xAE6, 0xB66, 0xBE6, 0xC66, 0xCE6, 0xD66,
        0xDE6, 0xE50, 0xED0, 0xF20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
        0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0,
        0xFF10, 0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0,
        0x11650, 0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0,
        0x16B50, 0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
    ];
    let cp = u32::from(c);
    let zero = ZEROS[..ZEROS.partition_point(|&z| z <= cp)].last()?;
    u8::try_from(cp - zero).ok().filter(|&d| d < 10)
}

// libphonenumber's parsing patterns, spelled as in PhoneNumberUtil.

const DIGITS: &str = r"\d";
const PLUS_CHARS: &str = "+\u{FF0B}";
const STAR_SIGN: &str = r"\*";
const VALID_ALPHA: &str = "A-Za-z";
const VALID_PUNCTUATION: &str = "\\-x\u{2010}-\u{2015}\u{2212}\u{30FC}\u{FF0D}-\u{FF0F} \u{00A0}\u{00AD}\u{200B}\u{2060}\u{3000}()\u{FF08}\u{FF09}\u{FF3B}\u{FF3D}.\\[\\]/~\u{2053}\u{223C}\u{FF5E}";

static VALID_START_CHAR: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!("[{PLUS_CHARS}{DIGITS}]")));

/// Java: `[[\P{N}&&\P{L}]&&[^#]]+$`; "#" may close an extension.
static UNWANTED_END_CHARS: LazyLock<Option<Regex>> = LazyLock::new(|| compile(r"[^\p{N}\p{L}#]+$"));

static SECOND_NUMBER_START: LazyLock<Option<Regex>> = LazyLock::new(|| compile(r"[\\/] *x"));

static RFC3966_GLOBAL_NUMBER_DIGITS: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let phone_digit = format!(r"({DIGITS}|[\-\.\(\)]?)");
    compile(&format!(r"^\+{phone_digit}*{DIGITS}{phone_digit}*$"))
});

static RFC3966_DOMAINNAME: LazyLock<Option<Regex>> = LazyLock::new(|| {
    let alphanum = format!("{VALID_ALPHA}{DIGITS}");
    let domainlabel = format!(r"[{alphanum}]+((\-)*[{alphanum}])*");
    let toplabel = format!(r"[{VALID_ALPHA}]+((\-)*[{alphanum}])*");
    compile(&format!(r"^({domainlabel}\.)*{toplabel}\.?$"))
});

/// `PhoneNumberUtil.createExtnPattern(true)`.
fn extn_patterns_for_parsing() -> String {
    let digits = |max: usize| format!("({DIGITS}{{1,{max}}})");
    let separators = "[ \u{00A0}\\t,]*";
    let after_label = "[:\\.\u{FF0E}]?[ \u{00A0}\\t,-]*";
    let suffix = "#?";
    let explicit_labels = "(?:e?xt(?:ensi(?:o\u{0301}?|\u{00F3}))?n?|\u{FF45}?\u{FF58}\u{FF54}\u{FF4E}?|\u{0434}\u{043E}\u{0431}|anexo)";
    let ambiguous_labels = "(?:[x\u{FF58}#\u{FF03}~\u{FF5E}]|int|\u{FF49}\u{FF4E}\u{FF54})";
    let ambiguous_separator = "[- ]+";
    let no_comma_separators = "[ \u{00A0}\\t]*";
    let auto_dialling_labels = "(?:,{2}|;)";

    let rfc = format!(";ext={}", digits(20));
    let explicit = format!(
        "{separators}{explicit_labels}{after_label}{}{suffix}",
        digits(20)
    );
    let ambiguous = format!(
        "{separators}{ambiguous_labels}{after_label}{}{suffix}",
        digits(9)
    );
    let american = format!("{ambiguous_separator}{}#", digits(6));
    let auto_dialling = format!(
        "{no_comma_separators}{auto_dialling_labels}{after_label}{}{suffix}",
        digits(15)
    );
    let only_commas = format!(
        "{no_comma_separators}(?:,)+{after_label}{}{suffix}",
        digits(9)
    );
    [
        rfc,
        explicit,
        ambiguous,
        american,
        auto_dialling,
        only_commas,
    ]
    .join("|")
}

static EXTN_PATTERN: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!("(?i)(?:{})$", extn_patterns_for_parsing())));

static VALID_PHONE_NUMBER: LazyLock<String> = LazyLock::new(|| {
    format!(
        "{DIGITS}{{{MIN_LENGTH_FOR_NSN}}}|[{PLUS_CHARS}]*(?:[{VALID_PUNCTUATION}{STAR_SIGN}]*{DIGITS}){{3,}}[{VALID_PUNCTUATION}{STAR_SIGN}{VALID_ALPHA}{DIGITS}]*"
    )
});

static VALID_PHONE_NUMBER_PATTERN: LazyLock<Option<Regex>> = LazyLock::new(|| {
    compile(&format!(
        "(?i)^(?:{}(?:{})?)$",
        *VALID_PHONE_NUMBER,
        extn_patterns_for_parsing()
    ))
});

/// `VALID_PHONE_NUMBER_PATTERN` for a number that [`cannot_have_extension`].
static VALID_PHONE_NUMBER_WITHOUT_EXTENSION: LazyLock<Option<Regex>> =
    LazyLock::new(|| compile(&format!("(?i)^(?:{})$", *VALID_PHONE_NUMBER)));

/// True when no extension pattern can match anywhere in `number`: every form of extension needs
/// a character outside these (a label's letter, `#`, `~`, `,` or `;`). Most numbers are written
/// so, and are then spared compiling the extension patterns, some 3 ms of a check; a property
/// test holds this equal to the patterns.
fn cannot_have_extension(number: &str) -> bool {
    number
        .chars()
        .all(|c| c.is_ascii_digit() || matches!(c, ' ' | '+' | '-' | '(' | ')' | '.' | '/'))
}

/// One of the patterns above, compiled; `None` if it does not compile (none fails: the vectors
/// reach each of them), in which case it matches nothing.
fn compile(pattern: &str) -> Option<Regex> {
    Regex::new(pattern).ok()
}

/// Leftmost match of `regex` in `text`, as byte offsets.
fn find(regex: &Option<Regex>, text: &str) -> Option<(usize, usize)> {
    let found = regex.as_ref()?.find(text)?;
    Some((found.start(), found.end()))
}

fn is_match(regex: &Option<Regex>, text: &str) -> bool {
    regex.as_ref().is_some_and(|re| re.is_match(text))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use unicode_normalization::UnicodeNormalization;

    /// Lookups binary-search the extracted tables, so each must be sorted without duplicates.
    #[test]
    fn plan_tables_are_sorted_and_unique() {
        assert!(REGION_PLANS.windows(2).all(|w| w[0].id < w[1].id));
        assert!(
            CODE_PLANS
                .windows(2)
                .all(|w| w[0].country_code < w[1].country_code)
        );
        assert_eq!(
            REGION_PLANS.len(),
            245,
            "libphonenumber 9.0.33 knows 245 regions"
        );
        assert!(REGION_PLANS.iter().all(|plan| plan.id.len() == 2));
    }

    /// A calling code shared by several regions is judged by its main country's plan, and the
    /// non-geographic codes (freephone +800 and the like) are reachable by code alone.
    #[test]
    fn each_calling_code_maps_to_its_main_plan() {
        let id = |code| main_plan(code).map(|plan| plan.id);
        assert_eq!(id(1), Some("US"));
        assert_eq!(id(7), Some("RU"));
        assert_eq!(id(44), Some("GB"));
        assert_eq!(id(86), Some("CN"));
        assert_eq!(id(800), Some("001"));
        assert_eq!(id(999), None);
        assert_eq!(Region::CN.plan().country_code, 86);
    }

    /// The metadata's patterns are compiled only when a number needs them, so a pattern the
    /// `regex` crate could not compile would silently fail to match: compile them all here.
    #[test]
    fn every_plan_pattern_compiles() {
        for plan in REGION_PLANS.iter().chain(&CODE_PLANS) {
            assert_eq!(
                plan.international_prefix().is_some(),
                plan.international_prefix.is_some(),
                "{}: international prefix",
                plan.id
            );
            assert_eq!(
                plan.national_prefix_for_parsing().is_some(),
                plan.national_prefix_for_parsing.is_some(),
                "{}: national prefix",
                plan.id
            );
            plan.matches_general("0");
            assert!(
                matches!(plan.compiled.general.get(), Some(Some(_))),
                "{}: general pattern",
                plan.id
            );
        }
    }

    proptest! {
        /// The shortcut for numbers written without extension characters gives what the full
        /// patterns give.
        #[test]
        fn a_number_without_extension_characters_skips_the_extension_patterns_alike(
            number in "[0-9 +()./-]{0,40}"
        ) {
            prop_assert!(cannot_have_extension(&number));
            prop_assert_eq!(find(&EXTN_PATTERN, &number), None);
            prop_assert_eq!(
                is_match(&VALID_PHONE_NUMBER_WITHOUT_EXTENSION, &number),
                is_match(&VALID_PHONE_NUMBER_PATTERN, &number)
            );
        }
    }

    #[test]
    fn extension_characters_take_the_full_patterns() {
        for number in [
            "138 0013 8000 x12",
            "13800138000#",
            "13800138000,,1",
            "1;ext=2",
            "1~2",
        ] {
            assert!(!cannot_have_extension(number), "{number}");
        }
    }

    /// Columns: region, input, expected (E.164 or `!Reason`). Regenerate the expected column
    /// with `python3 vectors/phone_oracle.py --check`.
    const VECTORS: &str = include_str!("vectors/phone.tsv");

    fn rejection(name: &str) -> PhoneRejection {
        match name {
            "NotANumber" => PhoneRejection::NotANumber,
            "InvalidCountryCode" => PhoneRejection::InvalidCountryCode,
            "TooShort" => PhoneRejection::TooShort,
            "TooLong" => PhoneRejection::TooLong,
            "InvalidLength" => PhoneRejection::InvalidLength,
            "LocalOnly" => PhoneRejection::LocalOnly,
            other => panic!("unknown rejection {other:?} in phone.tsv"),
        }
    }

    fn vectors() -> Vec<(Region, &'static str, Result<String, PhoneRejection>)> {
        VECTORS
            .lines()
            .filter(|line| !line.is_empty() && !line.starts_with('#'))
            .map(|line| {
                let fields: Vec<&str> = line.split('\t').collect();
                assert_eq!(fields.len(), 3, "malformed vector line {line:?}");
                let region = fields[0].parse().expect("vector region");
                let expected = match fields[2].strip_prefix('!') {
                    Some(reason) => Err(rejection(reason)),
                    None => Ok(fields[2].to_owned()),
                };
                (region, fields[1], expected)
            })
            .collect()
    }

    #[test]
    fn vectors_agree_with_libphonenumber() {
        let vectors = vectors();
        assert!(vectors.len() >= 40, "only {} vectors", vectors.len());
        let failures: Vec<String> = vectors
            .iter()
            .filter_map(|(region, input, expected)| {
                let got = normalize(input, *region);
                (&got != expected)
                    .then(|| format!("{region}\t{input}\texpected {expected:?}, got {got:?}"))
            })
            .collect();
        assert!(failures.is_empty(), "{}", failures.join("\n"));
    }

    /// Normalizing an E.164 result again gives it back, with one exception that libphonenumber
    /// itself has: an NSN starting with what its region strips as a national prefix ("0" in CN,
    /// as in "+86 (0)10 ...") is shortened once more. The vectors pin an instance of that.
    fn check_reparse(e164: &str, region: Region) -> Result<(), String> {
        let again = normalize(e164, region);
        if again != normalize(e164, Region::CN) {
            return Err(format!("{e164}: default region mattered for a + number"));
        }
        if again.as_deref() == Ok(e164) {
            return Ok(());
        }
        let (code, national) = parse(e164, region).map_err(|e| format!("{e164}: {e:?}"))?;
        let digits = &e164[1..];
        let full_national = &digits[code.to_string().len()..];
        let plan = main_plan(code).ok_or_else(|| format!("{e164}: no metadata"))?;
        if again.is_ok()
            && national.len() != full_national.len()
            && strip_national_prefix(full_national, plan).is_some()
        {
            Ok(())
        } else {
            Err(format!("{e164} re-normalized to {again:?}"))
        }
    }

    #[test]
    fn accepted_vectors_reparse_to_themselves() {
        for (region, _, expected) in vectors() {
            if let Ok(e164) = expected {
                check_reparse(&e164, region).unwrap_or_else(|message| panic!("{message}"));
            }
        }
        assert_eq!(
            normalize("+8613800138000", Region::CN),
            Ok("+8613800138000".to_owned())
        );
    }

    #[test]
    fn full_width_input_after_nfkc() {
        let nfkc = |s: &str| s.nfkc().collect::<String>();
        assert_eq!(
            normalize(&nfkc("＋８６ １３８－００１３－８０００"), Region::CN),
            Ok("+8613800138000".to_owned())
        );
        assert_eq!(
            normalize(&nfkc("（０１０）１２３４ ５６７８"), Region::CN),
            Ok("+861012345678".to_owned())
        );
        assert_eq!(
            normalize(&nfkc("１２３４５"), Region::CN),
            Err(PhoneRejection::LocalOnly)
        );
    }

    #[test]
    fn arabic_indic_digits_are_digits() {
        assert_eq!(
            normalize(
                "\u{661}\u{663}\u{668}\u{660}\u{660}\u{661}\u{663}\u{668}\u{660}\u{660}\u{660}",
                Region::CN
            ),
            Ok("+8613800138000".to_owned())
        );
    }

    #[test]
    fn extension_is_dropped() {
        for input in [
            "138 0013 8000 ext. 123",
            "138 0013 8000 x123",
            "138 0013 8000;ext=123",
            "tel:+86-138-0013-8000;ext=123",
            "13800138000,,123",
        ] {
            assert_eq!(
                normalize(input, Region::CN),
                Ok("+8613800138000".to_owned()),
                "{input}"
            );
        }
    }

    #[test]
    fn general_lengths_are_derived_from_the_types() {
        let cn = Region::CN.plan();
        let (possible, local_only) = (cn.possible_lengths, cn.local_only_lengths);
        assert!(possible & (1 << 11) != 0);
        assert!(local_only & (1 << 5) != 0);
        assert_eq!(possible & local_only, 0);
    }

    #[test]
    fn region_parsing() {
        assert_eq!("CN".parse(), Ok(Region::CN));
        assert_eq!("cn".parse(), Ok(Region::CN));
        assert_eq!("gB".parse::<Region>().map(|r| r.as_str()), Ok("GB"));
        for bad in ["", "C", "CHN", "ZZ", "001", "c1", "中国"] {
            assert_eq!(bad.parse::<Region>(), Err(UnknownRegion), "{bad:?}");
        }
        assert_eq!(Region::default(), Region::CN);
        assert_eq!(Region::CN.to_string(), "CN");
        assert_eq!(UnknownRegion.to_string(), "unknown region code");
    }

    #[test]
    fn region_serde() {
        let us: Region = "us".parse().expect("US");
        assert_eq!(serde_json::to_string(&us).expect("serialize"), "\"US\"");
        assert_eq!(
            serde_json::from_str::<Region>("\"us\"").expect("deserialize"),
            us
        );
        assert!(serde_json::from_str::<Region>("\"XX\"").is_err());
        assert!(serde_json::from_str::<Region>("86").is_err());
    }

    #[test]
    fn over_long_input_is_refused_before_parsing() {
        let input = "1".repeat(MAX_INPUT_STRING_LENGTH + 1);
        assert_eq!(normalize(&input, Region::CN), Err(PhoneRejection::TooLong));
    }

    fn regions() -> impl Strategy<Value = Region> {
        prop::sample::select(vec![
            "CN", "US", "GB", "IT", "DE", "HK", "TW", "JP", "RU", "CA", "AR", "BR", "IN", "FR",
        ])
        .prop_map(|code| code.parse().expect("known region"))
    }

    proptest! {
        #[test]
        fn normalize_is_idempotent(
            region in regions(),
            prefix in prop::sample::select(vec!["", "+", "00", "0", "011"]),
            digits in "[0-9]{1,20}",
            separator in prop::sample::select(vec!["", " ", "-"]),
        ) {
            let (head, tail) = digits.split_at(digits.len() / 2);
            let input = format!("{prefix}{head}{separator}{tail}");
            if let Ok(e164) = normalize(&input, region) {
                prop_assert!(e164.starts_with('+') && e164[1..].bytes().all(|b| b.is_ascii_digit()));
                if let Err(message) = check_reparse(&e164, region) {
                    return Err(TestCaseError::fail(message));
                }
            }
        }
    }
}
