//! What a graphical face shows, as plain data: packs, refusals, a check's answer, the cost of
//! guessing. The desktop app returns these across its IPC boundary unchanged, and their
//! TypeScript twins in `ui/src/bindings.ts` are generated from these very types (a test fails
//! when the file is stale), so the Rust and TypeScript sides cannot drift apart.
//!
//! Every sentence crosses as a [`Message`] (a Fluent id and its arguments): the UI renders it
//! from the same `.ftl` files as the CLI. Texts a curator wrote come in every language Exposure
//! speaks, already resolved with [`Text::get`]'s fallbacks, so switching language needs no call.
//! No view holds anything the person typed, nor any normalized form of it.

use std::sync::{Mutex, PoisonError};

use serde::Serialize;
use ts_rs::TS;

use crate::check::advice::{self, Channels};
use crate::check::guess_cost::{AttackCost, GpuCost, GuessCost, Span};
use crate::check::input::{Input, InputKind, RawInput, validate_field};
use crate::check::{self, CheckError, Finding, input};
use crate::classes::class_message;
use crate::identifier::{Invalid, Kind, Normalizer, Region};
use crate::keys::cost::Protection;
use crate::keys::{Deriver, Key, KeyError};
use crate::l10n::{Lang, Message};
use crate::library::references::References;
use crate::library::{Library, Origin, Refusal, Shelved};
use crate::pack::{Pack, PackMeta, Text};
use crate::progress::{Cancel, Cancelled, Progress};
use crate::trust::SignatureStatus;

/// A curator's text in each language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS)]
pub struct LocalizedText {
    pub en: String,
    #[serde(rename = "zh-CN")]
    #[ts(rename = "zh-CN")]
    pub zh_cn: String,
    #[serde(rename = "zh-TW")]
    #[ts(rename = "zh-TW")]
    pub zh_tw: String,
}

impl From<&Text> for LocalizedText {
    fn from(text: &Text) -> LocalizedText {
        LocalizedText {
            en: text.get(Lang::En).to_owned(),
            zh_cn: text.get(Lang::ZhCn).to_owned(),
            zh_tw: text.get(Lang::ZhTw).to_owned(),
        }
    }
}

/// A data class: its stable id and its name in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct ClassView {
    pub id: String,
    pub label: Message,
}

fn classes(ids: &[String]) -> Vec<ClassView> {
    ids.iter()
        .map(|id| ClassView {
            id: id.clone(),
            label: class_message(id),
        })
        .collect()
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct BreachView {
    pub id: String,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub date: Option<String>,
    #[ts(type = "number")]
    pub records: u64,
    pub data_classes: Vec<ClassView>,
}

/// A pack in use.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct PackView {
    pub id: String,
    pub title: LocalizedText,
    pub curator: String,
    /// RFC 3339.
    pub created: String,
    #[ts(type = "number")]
    pub entries: u64,
    pub protection: Protection,
    /// The protection in words ("weak protection").
    pub protection_label: Message,
    /// Built from synthetic people: the UI says so wherever the pack appears.
    pub demo: bool,
    /// Written by `pack synth` from random keys, to measure scale: the UI says so too.
    pub synthetic: bool,
    /// The pack's format (1 or 2): a format 1 pack is labelled as old wherever it appears.
    pub format_version: u32,
    pub origin: Origin,
    pub path: String,
    pub signature: SignatureView,
    pub breaches: Vec<BreachView>,
}

/// Who vouches for a pack, in one word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum SignatureState {
    Trusted,
    UnknownSigner,
    Unsigned,
}

/// Who vouches for a pack, in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct SignatureView {
    pub status: SignatureState,
    /// The signing key's id, as minisign shows it.
    pub key_id: Option<String>,
    pub label: Message,
}

impl From<&SignatureStatus> for SignatureView {
    fn from(status: &SignatureStatus) -> SignatureView {
        let (name, key_id) = match status {
            SignatureStatus::Trusted { key_id, .. } => {
                (SignatureState::Trusted, Some(key_id.to_string()))
            }
            SignatureStatus::UnknownSigner { key_id } => {
                (SignatureState::UnknownSigner, Some(key_id.to_string()))
            }
            _ => (SignatureState::Unsigned, None),
        };
        SignatureView {
            status: name,
            key_id,
            label: status.message(),
        }
    }
}

pub fn protection_message(protection: Protection) -> Message {
    Message::new(match protection {
        Protection::Weak => "protection-weak",
        Protection::Standard => "protection-standard",
        Protection::Strong => "protection-strong",
    })
}

impl From<&Shelved> for PackView {
    fn from(shelved: &Shelved) -> PackView {
        let pack = &shelved.pack;
        let meta = pack.meta();
        PackView {
            id: meta.id.clone(),
            title: LocalizedText::from(&meta.title),
            curator: meta.curator.clone(),
            created: meta.created.clone(),
            entries: meta.entry_count,
            protection: meta.cost.protection(),
            protection_label: protection_message(meta.cost.protection()),
            demo: meta.demo,
            synthetic: meta.synthetic,
            format_version: meta.format_version,
            origin: shelved.origin,
            path: pack.path().display().to_string(),
            signature: SignatureView::from(pack.signature()),
            breaches: pack
                .breaches()
                .iter()
                .map(|breach| BreachView {
                    id: breach.slug.clone(),
                    title: LocalizedText::from(&breach.title),
                    description: LocalizedText::from(&breach.description),
                    date: breach.date.clone(),
                    records: breach.record_count,
                    data_classes: classes(&breach.data_classes),
                })
                .collect(),
        }
    }
}

/// A file that was refused, and why, in words.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct RefusalView {
    pub path: String,
    pub reason: Message,
    /// The person added this path (a pack whose file is gone since, say): it can be forgotten.
    pub forgettable: bool,
}

impl RefusalView {
    fn new(refusal: &Refusal, references: &References) -> RefusalView {
        RefusalView {
            path: refusal.error.path.display().to_string(),
            reason: Message::from(&refusal.error),
            forgettable: refusal.origin == Origin::Added
                && references.paths().contains(&refusal.error.path),
        }
    }
}

/// Every pack in use, the files refused, and the folders the person added.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LibraryView {
    pub packs: Vec<PackView>,
    pub refused: Vec<RefusalView>,
    /// Folders the person added, read at every start: packs put in them later are used too.
    pub folders: Vec<String>,
}

impl LibraryView {
    /// `references`: what the person added, which they may forget.
    pub fn new(library: &Library, references: &References) -> LibraryView {
        LibraryView {
            packs: library.shelved().iter().map(PackView::from).collect(),
            refused: library
                .refused()
                .iter()
                .map(|refusal| RefusalView::new(refusal, references))
                .collect(),
            folders: references
                .paths()
                .iter()
                .filter(|path| path.is_dir())
                .map(|path| path.display().to_string())
                .collect(),
        }
    }
}

/// One filled-in field, as it crosses from the UI. Zeroized when dropped; `Debug` hides it.
#[derive(serde::Deserialize, TS)]
pub struct FieldValue {
    pub kind: InputKind,
    #[ts(type = "string")]
    pub value: zeroize::Zeroizing<String>,
}

impl std::fmt::Debug for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "FieldValue({:?}, <redacted>)", self.kind)
    }
}

/// The verdict on a field as typed: `None` when it would be checked.
pub fn validate(field: &FieldValue, library: &Library) -> Option<Message> {
    if field.value.trim().is_empty() {
        return None;
    }
    validate_field(field.kind, &field.value, &normalizer_for(library))
        .err()
        .map(Message::from)
}

/// Phone numbers without a country code are read by [`input::region_for`]'s rule.
fn normalizer_for(library: &Library) -> Normalizer {
    Normalizer::new(input::region_for(None, library.packs()))
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct InputView {
    pub kind: Kind,
    /// Set when the input could not be checked.
    pub invalid: Option<Message>,
}

#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct FindingView {
    pub pack_id: String,
    pub pack_title: LocalizedText,
    pub breach_id: String,
    pub title: LocalizedText,
    pub description: LocalizedText,
    pub date: Option<String>,
    /// The input kinds that matched.
    pub matched: Vec<Kind>,
    /// Those of `matched` found only in the Simplified form of a name typed in Traditional
    /// characters.
    pub matched_in_simplified: Vec<Kind>,
    /// What the matched records held about this person.
    pub data_classes: Vec<ClassView>,
    /// What the breach exposed overall.
    pub breach_data_classes: Vec<ClassView>,
    pub demo: bool,
}

/// The answer to one check.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct CheckView {
    /// How many identifiers were checked (the valid ones).
    pub checked: u32,
    pub packs: u32,
    pub inputs: Vec<InputView>,
    pub findings: Vec<FindingView>,
    /// Advice for each exposed data class, most harmful first, then general advice.
    pub advice: Vec<Message>,
}

impl CheckView {
    /// `region` is the check's: its official channels are the ones the advice names.
    pub fn new(
        packs: &[&Pack],
        inputs: &[Input],
        findings: &[Finding],
        region: Region,
    ) -> CheckView {
        CheckView {
            checked: inputs.iter().filter(|i| i.status.is_ok()).count() as u32,
            packs: packs.len() as u32,
            inputs: inputs.iter().map(InputView::from).collect(),
            findings: findings
                .iter()
                .map(|finding| FindingView::new(finding, packs))
                .collect(),
            advice: advice::advice(findings, Channels::of(region)),
        }
    }
}

impl From<&Input> for InputView {
    fn from(input: &Input) -> InputView {
        InputView {
            kind: input.kind,
            invalid: input
                .status
                .as_ref()
                .err()
                .map(|invalid: &Invalid| Message::from(*invalid)),
        }
    }
}

impl FindingView {
    /// `packs` are those the finding's index points into.
    fn new(finding: &Finding, packs: &[&Pack]) -> FindingView {
        let pack = packs[finding.pack];
        let breach = &pack.breaches()[finding.breach];
        FindingView {
            pack_id: pack.meta().id.clone(),
            pack_title: LocalizedText::from(&pack.meta().title),
            breach_id: breach.slug.clone(),
            title: LocalizedText::from(&breach.title),
            description: LocalizedText::from(&breach.description),
            date: breach.date.clone(),
            matched: finding.matched.clone(),
            matched_in_simplified: finding.matched_in_simplified.clone(),
            data_classes: classes(&finding.data_classes),
            breach_data_classes: classes(&breach.data_classes),
            demo: pack.meta().demo,
        }
    }
}

/// Checks what was typed against every pack in `library`, holding it only to take what the
/// argon2 work needs and to look the keys up: a face that shares its library behind this lock
/// answers other calls while the check hashes. The typed values are dropped (and zeroized) before
/// this returns; the view holds none of them.
pub fn check(
    fields: Vec<FieldValue>,
    library: &Mutex<Library>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<CheckView, CheckError> {
    // A library is whole between two calls, so one that a panicking thread held is still sound.
    let lock = || library.lock().unwrap_or_else(PoisonError::into_inner);
    let pending = PendingCheck::new(fields, &lock());
    let derived = pending.derive(progress, cancel)?;
    derived.finish(&lock())
}

/// A check taken out of a library, so that its argon2 work need not hold the library (a face
/// that shares it behind a lock answers other calls meanwhile): the inputs, normalized, and each
/// pack's id and key derivation. The typed values are dropped (and zeroized) on creation.
#[derive(Debug)]
pub struct PendingCheck {
    inputs: Vec<Input>,
    region: Region,
    packs: Vec<(String, Deriver)>,
}

impl PendingCheck {
    pub fn new(fields: Vec<FieldValue>, library: &Library) -> PendingCheck {
        let raw: Vec<RawInput> = fields
            .into_iter()
            .map(|field| RawInput {
                kind: field.kind,
                value: field.value,
            })
            .collect();
        let normalizer = normalizer_for(library);
        PendingCheck {
            inputs: input::prepare(&raw, &normalizer),
            region: normalizer.region(),
            packs: library
                .packs()
                .map(|pack| (pack.meta().id.clone(), *pack.deriver()))
                .collect(),
        }
    }

    /// Derives every key: seconds of argon2 on every core, with no pack borrowed.
    pub fn derive(
        self,
        progress: &dyn Progress,
        cancel: &Cancel,
    ) -> Result<DerivedCheck, Cancelled> {
        let derivers: Vec<Deriver> = self.packs.iter().map(|(_, deriver)| *deriver).collect();
        let keys = check::derive_keys(&self.inputs, &derivers, progress, cancel)?;
        Ok(DerivedCheck {
            inputs: self.inputs,
            region: self.region,
            packs: self.packs,
            keys,
        })
    }
}

/// A check whose keys are made, waiting for its lookups.
#[derive(Debug)]
pub struct DerivedCheck {
    inputs: Vec<Input>,
    region: Region,
    /// Each pack's id and the derivation its keys were made with.
    packs: Vec<(String, Deriver)>,
    /// Pack by pack, as [`check::derive_keys`] makes them.
    keys: Vec<Key>,
}

impl DerivedCheck {
    /// Looks the keys up in the packs of `library` the check began with and says what was found.
    /// A pack removed since is left out, and so is one now shelved under the same id with
    /// another salt or cost (a better-vouched-for pack may replace it meanwhile): keys made for
    /// one pack would find nothing in the other, a miss that is no answer.
    pub fn finish(self, library: &Library) -> Result<CheckView, CheckError> {
        let per_pack = self.keys.len() / self.packs.len().max(1);
        let mut packs: Vec<&Pack> = Vec::new();
        let mut keys: Vec<Key> = Vec::new();
        for (index, (id, deriver)) in self.packs.iter().enumerate() {
            if let Some(shelved) = library.get(id)
                && shelved.pack.deriver() == deriver
            {
                packs.push(&shelved.pack);
                keys.extend_from_slice(&self.keys[index * per_pack..(index + 1) * per_pack]);
            }
        }
        let findings = check::look_up(&self.inputs, &packs, &keys)?;
        Ok(CheckView::new(&packs, &self.inputs, &findings, self.region))
    }
}

/// One guessing attack and what it would cost on this computer.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct AttackView {
    pub kind: Kind,
    pub attack: Message,
    pub time: Message,
}

impl From<&AttackCost> for AttackView {
    fn from(cost: &AttackCost) -> AttackView {
        AttackView {
            kind: cost.attack.kind,
            attack: Message::new(cost.attack.message_id),
            time: Span::from_seconds(cost.seconds).message(),
        }
    }
}

/// The honest limit for one pack (DESIGN.md §7.5), measured now on this computer, and for an
/// attacker renting graphics cards.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GuessCostView {
    pub pack_id: String,
    pub ms_per_guess: f64,
    pub cores: u32,
    pub attacks: Vec<AttackView>,
    pub gpu: GpuCostView,
}

/// Guessing on one rented graphics card, scaled from a cited benchmark to the pack's cost.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct GpuCostView {
    pub device: String,
    /// Guesses a second on one card, to two significant figures.
    pub guesses_per_second: f64,
    pub source: String,
    pub date: String,
    pub attacks: Vec<AttackView>,
}

impl From<&GpuCost> for GpuCostView {
    fn from(gpu: &GpuCost) -> GpuCostView {
        GpuCostView {
            device: gpu.benchmark.device.to_owned(),
            guesses_per_second: gpu.guesses_per_second_shown(),
            source: gpu.benchmark.source.to_owned(),
            date: gpu.benchmark.date.to_owned(),
            attacks: gpu.attacks.iter().map(AttackView::from).collect(),
        }
    }
}

/// Takes only the pack's metadata, so a face can measure without holding its library.
pub fn guess_costs(meta: &PackMeta) -> Result<GuessCostView, KeyError> {
    let cost = GuessCost::measure(meta.cost)?;
    Ok(GuessCostView {
        pack_id: meta.id.clone(),
        ms_per_guess: cost.ms_per_guess(),
        cores: cost.cores as u32,
        attacks: cost.attacks.iter().map(AttackView::from).collect(),
        gpu: GpuCostView::from(&GpuCost::at(meta.cost)),
    })
}

/// The TypeScript declarations of every view, in one file, for `ui/src/bindings.ts`.
pub fn typescript_bindings() -> String {
    let config = ts_rs::Config::default();
    bindings_file(
        "crates/core/src/view.rs",
        "cargo test -p exposure-core",
        "",
        [
            crate::l10n::MessageArg::decl(&config),
            Lang::decl(&config),
            languages_const(),
            Kind::decl(&config),
            Protection::decl(&config),
            Origin::decl(&config),
            SignatureState::decl(&config),
            Message::decl(&config),
            LocalizedText::decl(&config),
            ClassView::decl(&config),
            BreachView::decl(&config),
            SignatureView::decl(&config),
            PackView::decl(&config),
            RefusalView::decl(&config),
            LibraryView::decl(&config),
            InputKind::decl(&config),
            FieldValue::decl(&config),
            InputView::decl(&config),
            FindingView::decl(&config),
            CheckView::decl(&config),
            AttackView::decl(&config),
            GuessCostView::decl(&config),
            GpuCostView::decl(&config),
        ],
    )
}

/// `LANGS`, every language the page may switch to, in [`Lang::ALL`]'s order: generated, so the
/// page never lists them by hand.
fn languages_const() -> String {
    let tags: Vec<String> = Lang::ALL
        .iter()
        .map(|lang| format!("{:?}", lang.tag()))
        .collect();
    format!("const LANGS: readonly Lang[] = [{}];", tags.join(", "))
}

/// One generated TypeScript file: a header naming its source and how to regenerate it, the
/// imports, and each declaration exported.
pub fn bindings_file(
    source: &str,
    command: &str,
    imports: &str,
    decls: impl IntoIterator<Item = String>,
) -> String {
    let mut out = format!(
        "// Generated from {source} by `{command}` with UPDATE_BINDINGS=1.\n\
         // Do not edit: a test fails when this file and the Rust types differ.\n\n{imports}"
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// For the tests that keep generated bindings current: rewrites `path` when `UPDATE_BINDINGS`
/// is set, and says whether the committed file equals `generated`.
pub fn bindings_are_current(path: &std::path::Path, generated: &str) -> bool {
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, generated).expect("the bindings file is writable");
    }
    std::fs::read_to_string(path).is_ok_and(|committed| committed == generated)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Silent;
    use exposure_demo::{DemoOptions, build_demo_pack, showcase_person};

    fn field(kind: InputKind, value: &str) -> FieldValue {
        FieldValue {
            kind,
            value: zeroize::Zeroizing::new(value.to_owned()),
        }
    }

    #[test]
    fn typescript_bindings_match_the_rust_types() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../ui/src/bindings.ts");
        assert!(
            bindings_are_current(path.as_ref(), &typescript_bindings()),
            "ui/src/bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p exposure-core view`"
        );
    }

    #[test]
    fn a_check_view_names_the_breaches_and_holds_nothing_typed() {
        let dir = tempfile::tempdir().unwrap();
        let pack = build_demo_pack(dir.path(), &DemoOptions::default()).unwrap();
        let mut library = Library::new();
        library.add(&pack, Origin::Demo);
        let person = showcase_person();
        let view = check(
            vec![
                field(InputKind::Phone, &person.phone),
                field(InputKind::NationalId, "11010519850307123"),
            ],
            &Mutex::new(library),
            &Silent,
            &Cancel::new(),
        )
        .unwrap();
        assert_eq!(view.checked, 1);
        assert_eq!(view.inputs.len(), 2);
        assert_eq!(
            view.inputs[1].invalid,
            Some(Message::new("invalid-national-id-length"))
        );
        let breaches: Vec<&str> = view.findings.iter().map(|f| f.breach_id.as_str()).collect();
        assert!(breaches.contains(&"demo-police-2022"), "{breaches:?}");
        assert!(
            view.findings
                .iter()
                .all(|f| f.matched == [Kind::Phone] && f.demo)
        );
        // The demo pack's default region is mainland China: its channels are the ones named.
        assert!(
            view.advice
                .contains(&Message::new("advice-phone_numbers").arg("channels", "cn"))
        );
        let json = serde_json::to_string(&view).unwrap();
        assert!(
            !json.contains(&person.phone) && !json.contains("+86"),
            "{json}"
        );
    }

    /// The desktop hashes outside its library's lock; if the pack of that id is replaced by one
    /// with another salt meanwhile, the keys made for the first are not looked up in the second.
    #[test]
    fn a_pack_replaced_under_its_id_while_hashing_is_left_out_of_the_answer() {
        let dir = tempfile::tempdir().unwrap();
        let pack = build_demo_pack(dir.path(), &DemoOptions::default()).unwrap();
        let resalted = dir.path().join("resalted.exposure");
        std::fs::copy(&pack, &resalted).unwrap();
        let db = rusqlite::Connection::open(&resalted).unwrap();
        db.execute(
            "UPDATE meta SET value = '00112233445566778899aabbccddeeff' WHERE key = 'salt'",
            [],
        )
        .unwrap();
        drop(db);
        // Another salt is other content: its root is made again, as whoever builds such a pack does.
        crate::pack::v2::reseal(&resalted).unwrap();
        let mut before = Library::new();
        before.add(&pack, Origin::Demo);
        let mut after = Library::new();
        after.add(&resalted, Origin::Added);
        assert_eq!(after.shelved().len(), 1);
        let person = showcase_person();
        let fields = vec![field(InputKind::Phone, &person.phone)];
        let derived = PendingCheck::new(fields, &before)
            .derive(&Silent, &Cancel::new())
            .unwrap();
        let view = derived.finish(&after).unwrap();
        assert_eq!((view.checked, view.packs), (1, 0));
        assert!(view.findings.is_empty());
    }

    /// What the person added may be forgotten from the page: a folder they added, and a pack
    /// they added whose file is gone; a pack named on the command line may not.
    #[test]
    fn a_library_view_offers_to_forget_only_what_the_person_added() {
        let dir = tempfile::tempdir().unwrap();
        let folder = dir.path().join("packs");
        build_demo_pack(&folder, &DemoOptions::default()).unwrap();
        let gone = dir.path().join("gone.exposure");
        let named = dir.path().join("named.exposure");
        let mut references = References::in_memory();
        let mut library = Library::new();
        library.add_referenced(&folder, &mut references).unwrap();
        // Added at an earlier start, and gone since.
        references.remember(&gone).unwrap();
        library.add(&gone, Origin::Added);
        library.add(&named, Origin::CommandLine);
        let view = LibraryView::new(&library, &references);
        assert_eq!(view.packs.len(), 1);
        assert_eq!(view.folders, [folder.display().to_string()]);
        let refused: Vec<(String, bool)> = view
            .refused
            .iter()
            .map(|refusal| (refusal.path.clone(), refusal.forgettable))
            .collect();
        assert_eq!(
            refused,
            [
                (gone.display().to_string(), true),
                (named.display().to_string(), false)
            ]
        );
    }

    #[test]
    fn an_empty_field_is_not_judged_and_a_bad_one_gets_its_reason() {
        let library = Library::new();
        assert_eq!(validate(&field(InputKind::Phone, "  "), &library), None);
        assert_eq!(
            validate(&field(InputKind::Email, "nobody"), &library),
            Some(Message::new("invalid-email-without-at"))
        );
    }

    #[test]
    fn a_field_value_debug_hides_the_value() {
        let shown = format!("{:?}", field(InputKind::Phone, "13800138000"));
        assert!(!shown.contains("138"), "{shown}");
    }
}
