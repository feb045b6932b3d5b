//! Checking a person against packs, and what the answer means for them.
//!
//! Inputs arrive as (kind, value) pairs in the words people use (`name` and `dob` typed apart);
//! [`prepare`] pairs and normalizes them, [`check_observed`] derives one key per (identifier,
//! pack) on every core and looks each up, and the [`Report`] says, per breach found, which inputs matched, what
//! the matched records held about this person beside what the breach exposed overall, and what to
//! do about each class of exposed data. Both faces render the same report: the CLI as text or JSON,
//! the desktop app as a page.

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use zeroize::Zeroizing;

use crate::classes;
use crate::cost::GuessCost;
use crate::identifier::{Invalid, Kind, Normalized, Normalizer, Region};
use crate::keys::{Cancelled, Deriver, Key, Observer, derive_observed};
use crate::l10n::{Lang, Message};
use crate::pack::{Pack, PackError};

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
    let mut inputs = Vec::new();
    let mut names = Vec::new();
    let mut dobs = Vec::new();
    for input in raw {
        if input.value.trim().is_empty() {
            continue;
        }
        let kind = match input.kind {
            InputKind::Name => {
                names.push(&input.value);
                continue;
            }
            InputKind::Dob => {
                dobs.push(&input.value);
                continue;
            }
            InputKind::Phone => Kind::Phone,
            InputKind::NationalId => Kind::NationalId,
            InputKind::Email => Kind::Email,
            InputKind::Username => Kind::Username,
        };
        inputs.push(Input {
            kind,
            status: normalizer.normalize(kind, &input.value),
        });
    }
    for i in 0..names.len().max(dobs.len()) {
        let name = names.get(i).map_or("", |n| n.as_str());
        let dob = dobs.get(i).map_or("", |d| d.as_str());
        inputs.push(Input {
            kind: Kind::NameDob,
            status: normalizer.name_dob(name, dob),
        });
    }
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

/// One breach that holds the person.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index into the packs checked.
    pub pack: usize,
    /// Index into that pack's breaches.
    pub breach: usize,
    /// The input kinds that matched, in report order.
    pub matched: Vec<Kind>,
    /// What the matched records held about this person, most harmful first.
    pub data_classes: Vec<String>,
}

/// Why a check gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

impl From<&CheckError> for Message {
    fn from(error: &CheckError) -> Message {
        match error {
            CheckError::Pack(error) => Message::from(error),
            CheckError::Cancelled(_) => Message::new("check-cancelled"),
        }
    }
}

/// Checks every valid input against every pack, with progress over the argon2 work (one hash
/// per (input, pack), on every core) and a way to stop it; the lookups are cheap.
pub fn check_observed<P: Borrow<Pack>>(
    inputs: &[Input],
    packs: &[P],
    observer: &dyn Observer,
) -> Result<Vec<Finding>, CheckError> {
    let packs: Vec<&Pack> = packs.iter().map(Borrow::borrow).collect();
    let keys = derive_keys(inputs, &derivers(&packs), observer)?;
    Ok(look_up(inputs, &packs, &keys)?)
}

/// All the argon2 work of a check: one key per (pack, valid input), pack by pack. It needs each
/// pack's [`Deriver`] and no pack, so whoever holds the packs need not hold them meanwhile.
pub fn derive_keys(
    inputs: &[Input],
    derivers: &[Deriver],
    observer: &dyn Observer,
) -> Result<Vec<Key>, Cancelled> {
    let valid = valid_identifiers(inputs.iter());
    derive_observed(&jobs(derivers, &valid), threads(derivers), observer)
}

/// Looks up the keys [`derive_keys`] made for `inputs` with the derivers of `packs`, in order.
pub fn look_up(inputs: &[Input], packs: &[&Pack], keys: &[Key]) -> Result<Vec<Finding>, PackError> {
    findings(packs, &valid_identifiers(inputs.iter()), keys)
}

/// Checks what a person typed against packs, from their raw values to the findings, in one call
/// (the CLI's way; the desktop goes through `view::PendingCheck` to hash outside its
/// lock). Returns the inputs in report order and the findings.
pub fn check_typed<P: Borrow<Pack>>(
    raw: &[RawInput],
    packs: &[P],
    normalizer: &Normalizer,
    observer: &dyn Observer,
) -> Result<(Vec<Input>, Vec<Finding>), CheckError> {
    let inputs = prepare(raw, normalizer);
    let findings = check_observed(&inputs, packs, observer)?;
    Ok((inputs, findings))
}

fn valid_identifiers<'a>(inputs: impl Iterator<Item = &'a Input>) -> Vec<Normalized> {
    inputs
        .filter_map(|i| i.status.as_ref().ok().cloned())
        .collect()
}

fn derivers(packs: &[&Pack]) -> Vec<Deriver> {
    packs.iter().map(|pack| *pack.deriver()).collect()
}

/// One hash per (pack, identifier), pack by pack.
fn jobs(derivers: &[Deriver], identifiers: &[Normalized]) -> Vec<(Deriver, Normalized)> {
    derivers
        .iter()
        .flat_map(|deriver| identifiers.iter().map(|id| (*deriver, id.clone())))
        .collect()
}

/// One argon2 worker per core, but no more than the default build memory budget holds buffers
/// for at the costliest pack's memory: each worker keeps one, and a check must not take gigabytes.
fn threads(derivers: &[Deriver]) -> usize {
    threads_on(
        std::thread::available_parallelism().map_or(1, usize::from),
        derivers,
    )
}

fn threads_on(cores: usize, derivers: &[Deriver]) -> usize {
    derivers
        .iter()
        .map(|deriver| crate::keys::buffers_within(crate::keys::DEFAULT_MEMORY, deriver.cost()))
        .min()
        .unwrap_or(cores)
        .min(cores)
        .max(1)
}

/// Looks every key up and folds the hits into one finding per (pack, breach).
/// `keys` are in the order of [`jobs`]: pack by pack, identifier by identifier.
fn findings(
    packs: &[&Pack],
    identifiers: &[Normalized],
    keys: &[Key],
) -> Result<Vec<Finding>, PackError> {
    let mut found: BTreeMap<(usize, usize), (Vec<Kind>, u64)> = BTreeMap::new();
    for (pack_index, pack) in packs.iter().enumerate() {
        for (input_index, identifier) in identifiers.iter().enumerate() {
            let key = &keys[pack_index * identifiers.len() + input_index];
            for hit in pack.lookup(key)? {
                let (matched, classes) = found.entry((pack_index, hit.breach)).or_default();
                if !matched.contains(&identifier.kind()) {
                    matched.push(identifier.kind());
                }
                *classes |= hit.classes;
            }
        }
    }
    Ok(found
        .into_iter()
        .map(|((pack, breach), (mut matched, bits))| {
            matched.sort();
            Finding {
                pack,
                breach,
                matched,
                data_classes: packs[pack].meta().classes.decode(bits),
            }
        })
        .collect())
}

/// The advice for one exposed data class: a message id in the shared Fluent files.
pub fn advice_for(class: &str) -> Option<&'static str> {
    Some(match class {
        "national_ids" => "advice-national_ids",
        "passwords" => "advice-passwords",
        "police_records" => "advice-police_records",
        "phone_numbers" => "advice-phone_numbers",
        "physical_addresses" => "advice-physical_addresses",
        "dates_of_birth" => "advice-dates_of_birth",
        "email_addresses" => "advice-email_addresses",
        "delivery_records" => "advice-delivery_records",
        "usernames" => "advice-usernames",
        "ip_addresses" => "advice-ip_addresses",
        _ => return None,
    })
}

/// The advice for everyone something was found about, after the advice for each class.
pub const GENERAL_ADVICE: &str = "advice-general";

/// Advice for what a set of findings exposed, each class once, most harmful first, then the
/// [`GENERAL_ADVICE`]; none when nothing was found. Both faces show this list as it is.
pub fn advice(findings: &[Finding]) -> Vec<&'static str> {
    let all = classes::sorted(
        findings
            .iter()
            .flat_map(|f| f.data_classes.iter().map(String::as_str)),
    );
    let mut advice: Vec<&'static str> = all.iter().filter_map(|class| advice_for(class)).collect();
    if !findings.is_empty() {
        advice.push(GENERAL_ADVICE);
    }
    advice
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

/// The message naming a data class (custom classes show their id).
pub fn class_message(class: &str) -> Message {
    if classes::STANDARD.contains(&class) {
        Message::new(match class {
            "national_ids" => "class-national_ids",
            "passwords" => "class-passwords",
            "police_records" => "class-police_records",
            "phone_numbers" => "class-phone_numbers",
            "physical_addresses" => "class-physical_addresses",
            "dates_of_birth" => "class-dates_of_birth",
            "names" => "class-names",
            "email_addresses" => "class-email_addresses",
            "delivery_records" => "class-delivery_records",
            "ip_addresses" => "class-ip_addresses",
            "usernames" => "class-usernames",
            _ => "class-genders",
        })
    } else {
        Message::new("class-other").arg("id", class.replace('_', " "))
    }
}

/// The JSON report of DESIGN.md §6.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    pub packs: Vec<JsonPack>,
    pub inputs: Vec<JsonInput>,
    pub findings: Vec<JsonFinding>,
}

#[derive(Debug, Serialize)]
pub struct JsonPack {
    pub id: String,
    pub title: String,
    pub entries: u64,
    pub protection: &'static str,
    /// `{"status": "trusted", "key_id": …, "comment": …}`, `unknown_signer` or `unsigned`.
    pub signature: crate::trust::SignatureStatus,
}

#[derive(Debug, Serialize)]
pub struct JsonInput {
    pub kind: &'static str,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct JsonFinding {
    pub pack: String,
    pub breach: String,
    pub title: String,
    pub date: Option<String>,
    pub matched: Vec<&'static str>,
    pub data_classes: Vec<String>,
    pub breach_data_classes: Vec<String>,
}

impl JsonReport {
    /// Titles in `lang`; reasons always in English, so scripts can match on them.
    pub fn new(packs: &[Pack], inputs: &[Input], findings: &[Finding], lang: Lang) -> JsonReport {
        let english = crate::l10n::localizer_for(Lang::En);
        JsonReport {
            packs: packs
                .iter()
                .map(|pack| JsonPack {
                    id: pack.meta().id.clone(),
                    title: pack.meta().title.get(lang).to_owned(),
                    entries: pack.meta().entry_count,
                    protection: pack.meta().cost.protection().name(),
                    signature: pack.signature().clone(),
                })
                .collect(),
            inputs: inputs
                .iter()
                .map(|input| JsonInput {
                    kind: input.kind.name(),
                    status: if input.status.is_ok() {
                        "checked"
                    } else {
                        "invalid"
                    },
                    reason: input
                        .status
                        .as_ref()
                        .err()
                        .map(|invalid| english.message(&Message::from(*invalid))),
                })
                .collect(),
            findings: findings
                .iter()
                .map(|finding| {
                    let pack = &packs[finding.pack];
                    let breach = &pack.breaches()[finding.breach];
                    JsonFinding {
                        pack: pack.meta().id.clone(),
                        breach: breach.slug.clone(),
                        title: breach.title.get(lang).to_owned(),
                        date: breach.date.clone(),
                        matched: finding.matched.iter().map(|k| k.name()).collect(),
                        data_classes: finding.data_classes.clone(),
                        breach_data_classes: breach.data_classes.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// What `exposure pack info --json` prints. Fields are in alphabetical order at every level, as
/// the JSON has always been printed: scripts and diffs see the same bytes.
#[derive(Debug, Serialize)]
pub struct JsonPackInfo {
    pub argon2: JsonArgon2,
    pub breaches: Vec<JsonBreach>,
    pub created: String,
    pub curator: String,
    pub default_region: String,
    pub demo: bool,
    pub entries: u64,
    pub guess_cost: JsonGuessCost,
    pub id: String,
    pub protection: &'static str,
    pub signature: JsonSignature,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct JsonArgon2 {
    pub m_kib: u32,
    pub p: u32,
    pub t: u32,
}

#[derive(Debug, Serialize)]
pub struct JsonBreach {
    pub data_classes: Vec<String>,
    pub date: Option<String>,
    pub id: String,
    pub records: u64,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct JsonGuessCost {
    pub attacks: Vec<JsonAttack>,
    pub cores: usize,
    pub seconds_per_guess_one_core: f64,
}

#[derive(Debug, Serialize)]
pub struct JsonAttack {
    /// The attack's message id (`attack-all-mobiles`).
    pub attack: &'static str,
    pub guesses: f64,
    pub kind: &'static str,
    /// On every core of this computer.
    pub seconds: f64,
}

/// A [`SignatureStatus`](crate::trust::SignatureStatus), its fields in alphabetical order.
#[derive(Debug, Serialize)]
pub struct JsonSignature {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// `trusted`, `unknown_signer` or `unsigned`.
    pub status: &'static str,
}

impl From<&crate::trust::SignatureStatus> for JsonSignature {
    fn from(status: &crate::trust::SignatureStatus) -> JsonSignature {
        use crate::trust::SignatureStatus;
        let (status, key_id, comment) = match status {
            SignatureStatus::Trusted { key_id, comment } => {
                ("trusted", Some(key_id.to_string()), Some(comment.clone()))
            }
            SignatureStatus::UnknownSigner { key_id } => {
                ("unknown_signer", Some(key_id.to_string()), None)
            }
            _ => ("unsigned", None, None),
        };
        JsonSignature {
            comment,
            key_id,
            status,
        }
    }
}

impl JsonPackInfo {
    /// Titles in `lang`; the guessing cost as measured.
    pub fn new(pack: &Pack, cost: &GuessCost, lang: Lang) -> JsonPackInfo {
        let meta = pack.meta();
        JsonPackInfo {
            argon2: JsonArgon2 {
                m_kib: meta.cost.m_kib,
                p: meta.cost.p,
                t: meta.cost.t,
            },
            breaches: pack
                .breaches()
                .iter()
                .map(|breach| JsonBreach {
                    data_classes: breach.data_classes.clone(),
                    date: breach.date.clone(),
                    id: breach.slug.clone(),
                    records: breach.record_count,
                    title: breach.title.get(lang).to_owned(),
                })
                .collect(),
            created: meta.created.clone(),
            curator: meta.curator.clone(),
            default_region: meta.default_region.to_string(),
            demo: meta.demo,
            entries: meta.entry_count,
            guess_cost: JsonGuessCost {
                attacks: cost
                    .attacks
                    .iter()
                    .map(|attack| JsonAttack {
                        attack: attack.attack.message_id,
                        guesses: attack.attack.guesses,
                        kind: attack.attack.kind.name(),
                        seconds: attack.seconds,
                    })
                    .collect(),
                cores: cost.cores,
                seconds_per_guess_one_core: cost.per_guess.as_secs_f64(),
            },
            id: meta.id.clone(),
            protection: meta.cost.protection().name(),
            signature: JsonSignature::from(pack.signature()),
            title: meta.title.get(lang).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identifier::Region;
    use crate::keys::Unobserved;

    /// Each check worker keeps one argon2 buffer: at the costliest pack's memory, the workers
    /// together stay within the default budget, and one always runs.
    #[test]
    fn check_workers_fit_their_argon2_buffers_in_the_default_budget() {
        use crate::keys::{Cost, DEFAULT_MEMORY, Profile, Salt};
        let deriver = |m_kib| {
            Deriver::new(
                Salt([7; crate::keys::SALT_LEN]),
                Cost {
                    m_kib,
                    ..Profile::Strong.cost()
                },
            )
            .unwrap()
        };
        let costliest = [deriver(256), deriver(crate::keys::MAX_M_KIB)];
        // 64 cores, 256 MiB buffers: four fit in 1 GiB.
        let workers = threads_on(64, &costliest);
        assert_eq!(workers as u64 * (256 << 20), DEFAULT_MEMORY);
        assert_eq!(threads_on(1, &costliest), 1);
        assert_eq!(threads_on(64, &[deriver(256)]), 64);
    }

    fn raw(kind: InputKind, value: &str) -> RawInput {
        RawInput {
            kind,
            value: Zeroizing::new(value.to_owned()),
        }
    }

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

    /// A demo pack of 50 rows, opened (its file is gone: a pack is read into memory).
    fn small_demo_pack() -> Pack {
        let dir = tempfile::tempdir().unwrap();
        let path = exposure_demo::build_demo_pack(
            dir.path(),
            &exposure_demo::DemoOptions { seed: 1, rows: 50 },
        )
        .unwrap();
        Pack::open(&path).unwrap()
    }

    #[test]
    fn a_cancelled_check_stops_before_hashing_and_says_so() {
        struct StopAtOnce;
        impl Observer for StopAtOnce {
            fn progress(&self, _: usize, _: usize) {}
            fn cancelled(&self) -> bool {
                true
            }
        }
        let pack = small_demo_pack();
        let inputs = prepare(
            &[raw(InputKind::Phone, "13800138000")],
            &Normalizer::new(Region::CN),
        );
        assert_eq!(
            check_observed(&inputs, std::slice::from_ref(&pack), &StopAtOnce),
            Err(CheckError::Cancelled(Cancelled))
        );
    }

    #[test]
    fn a_typed_check_reports_progress_up_to_every_hash() {
        #[derive(Default)]
        struct Count(std::sync::Mutex<Vec<(usize, usize)>>);
        impl Observer for Count {
            fn progress(&self, done: usize, total: usize) {
                self.0.lock().unwrap().push((done, total));
            }
            fn cancelled(&self) -> bool {
                false
            }
        }
        let pack = small_demo_pack();
        let person = exposure_demo::showcase_person();
        let count = Count::default();
        let (inputs, findings) = check_typed(
            &[
                raw(InputKind::Phone, &person.phone),
                raw(InputKind::Email, &person.email),
                raw(InputKind::Username, &person.username),
            ],
            std::slice::from_ref(&pack),
            &Normalizer::new(Region::CN),
            &count,
        )
        .unwrap();
        assert_eq!(inputs.len(), 3);
        let seen = count.0.into_inner().unwrap();
        assert_eq!(
            seen.iter().map(|(done, _)| *done).max(),
            Some(3),
            "{seen:?}"
        );
        assert_eq!(seen.last().map(|(_, total)| *total), Some(3), "{seen:?}");
        let plain = check_observed(&inputs, std::slice::from_ref(&pack), &Unobserved).unwrap();
        assert_eq!(findings, plain);
    }

    /// A million identical lines must not cost a million hashes: the same identifier, however
    /// written, is derived once per pack, and listed once.
    #[test]
    fn an_identifier_given_twice_is_hashed_once_and_listed_once() {
        #[derive(Default)]
        struct Total(std::sync::Mutex<Option<usize>>);
        impl Observer for Total {
            fn progress(&self, _: usize, total: usize) {
                *self.0.lock().unwrap() = Some(total);
            }
            fn cancelled(&self) -> bool {
                false
            }
        }
        let pack = small_demo_pack();
        let total = Total::default();
        let (inputs, _) = check_typed(
            &[
                raw(InputKind::Phone, "13800138000"),
                raw(InputKind::Phone, "13800138000"),
                raw(InputKind::Phone, "+86 138-0013-8000"),
                raw(InputKind::Email, "Zhang.Wei@example.cn"),
                raw(InputKind::Email, "zhang.wei@EXAMPLE.cn"),
                raw(InputKind::Name, "张伟"),
                raw(InputKind::Dob, "1985-03-07"),
                raw(InputKind::Name, "张 伟"),
                raw(InputKind::Dob, "1985/3/7"),
                raw(InputKind::Phone, "12345"),
                raw(InputKind::Phone, "54321"),
            ],
            std::slice::from_ref(&pack),
            &Normalizer::new(Region::CN),
            &total,
        )
        .unwrap();
        let kinds: Vec<(Kind, bool)> = inputs.iter().map(|i| (i.kind, i.status.is_ok())).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Phone, true),
                (Kind::Phone, false),
                (Kind::NameDob, true),
                (Kind::Email, true),
            ]
        );
        assert_eq!(
            *total.0.lock().unwrap(),
            Some(3),
            "one hash per distinct identifier"
        );
    }

    #[test]
    fn every_standard_class_has_a_name_and_most_have_advice() {
        for class in classes::STANDARD {
            assert_eq!(class_message(class).message_id, format!("class-{class}"));
        }
        assert_eq!(advice_for("names"), None, "a name alone needs no action");
        assert_eq!(advice_for("national_ids"), Some("advice-national_ids"));
    }

    /// `pack info --json` printed a `serde_json::Value`, whose keys come out sorted: the typed
    /// struct must keep that order at every level, and say what the old map said.
    #[test]
    fn pack_info_json_keeps_its_keys_in_alphabetical_order() {
        let pack = small_demo_pack();
        let cost = GuessCost::new(std::time::Duration::from_millis(20), 2);
        let typed =
            serde_json::to_string_pretty(&JsonPackInfo::new(&pack, &cost, Lang::En)).unwrap();
        let value: serde_json::Value = serde_json::from_str(&typed).unwrap();
        assert_eq!(typed, serde_json::to_string_pretty(&value).unwrap());
        assert_eq!(
            value["signature"],
            serde_json::json!({"status": "unsigned"})
        );
        assert_eq!(
            value["guess_cost"]["attacks"][0]["attack"],
            "attack-all-mobiles"
        );
        assert_eq!(value["guess_cost"]["seconds_per_guess_one_core"], 0.02);
        assert_eq!(value["breaches"].as_array().unwrap().len(), 4);
    }
}
