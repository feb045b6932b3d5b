//! The JSON the CLI prints: a check's report (DESIGN.md §6) and `pack info --json`.

use serde::Serialize;

use super::Finding;
use super::guess_cost::{AttackCost, GpuCost, GuessCost};
use super::input::Input;
use crate::l10n::{Lang, Message};
use crate::pack::Pack;

/// The JSON report of DESIGN.md §6.
#[derive(Debug, Serialize)]
pub struct JsonReport {
    pub packs: Vec<JsonPack>,
    pub inputs: Vec<JsonInput>,
    pub findings: Vec<JsonFinding>,
}

/// One line of `check --batch --json`: one person's report (DESIGN.md §6) with their label, or
/// why their row could not be read.
#[derive(Debug, Serialize)]
pub struct JsonPersonReport {
    /// The row's `person` label, echoed as given; never hashed.
    pub person: Option<String>,
    /// The line the row starts on in the people file.
    pub row: u64,
    #[serde(flatten)]
    pub report: Option<JsonReport>,
    /// Why the row was not checked, in English whatever the language, as the reasons are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

impl JsonPersonReport {
    pub fn new(answer: &super::batch::Answer, packs: &[Pack], lang: Lang) -> JsonPersonReport {
        let (report, error) = match &answer.outcome {
            Ok((inputs, findings)) => (Some(JsonReport::new(packs, inputs, findings, lang)), None),
            Err(error) => {
                let english = crate::l10n::localizer_for(Lang::En);
                (None, Some(english.message(&Message::from(error))))
            }
        };
        JsonPersonReport {
            person: answer.label.clone(),
            row: answer.row,
            report,
            error,
        }
    }
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
    /// Those of `matched` found only in the Simplified form of a name typed in Traditional
    /// characters (DESIGN.md §2); empty otherwise.
    pub matched_in_simplified: Vec<&'static str>,
    pub data_classes: Vec<String>,
    pub breach_data_classes: Vec<String>,
}

impl JsonReport {
    /// Titles in `lang`; reasons always in English, so scripts can match on them.
    pub fn new(packs: &[Pack], inputs: &[Input], findings: &[Finding], lang: Lang) -> JsonReport {
        JsonReport {
            packs: packs.iter().map(|pack| JsonPack::new(pack, lang)).collect(),
            inputs: inputs.iter().map(JsonInput::new).collect(),
            findings: findings
                .iter()
                .map(|finding| JsonFinding::new(finding, packs, lang))
                .collect(),
        }
    }
}

impl JsonPack {
    fn new(pack: &Pack, lang: Lang) -> JsonPack {
        let meta = pack.meta();
        JsonPack {
            id: meta.id.clone(),
            title: meta.title.get(lang).to_owned(),
            entries: meta.entry_count,
            protection: meta.cost.protection().name(),
            signature: pack.signature().clone(),
        }
    }
}

impl JsonInput {
    /// The reason is in English whatever the language: scripts match on it.
    fn new(input: &Input) -> JsonInput {
        let english = crate::l10n::localizer_for(Lang::En);
        JsonInput {
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
        }
    }
}

impl JsonFinding {
    /// `packs` are those the finding's index points into.
    fn new(finding: &Finding, packs: &[Pack], lang: Lang) -> JsonFinding {
        let pack = &packs[finding.pack];
        let breach = &pack.breaches()[finding.breach];
        JsonFinding {
            pack: pack.meta().id.clone(),
            breach: breach.slug.clone(),
            title: breach.title.get(lang).to_owned(),
            date: breach.date.clone(),
            matched: finding.matched.iter().map(|k| k.name()).collect(),
            matched_in_simplified: finding
                .matched_in_simplified
                .iter()
                .map(|k| k.name())
                .collect(),
            data_classes: finding.data_classes.clone(),
            breach_data_classes: breach.data_classes.clone(),
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
    /// 1 or 2: a v1 pack is read whole into memory and is best upgraded (`pack upgrade`).
    pub format_version: u32,
    pub guess_cost: JsonGuessCost,
    pub id: String,
    pub protection: &'static str,
    /// A v2 pack's root hash in hex, what its signature binds; none for v1.
    pub root: Option<String>,
    pub signature: JsonSignature,
    /// Random keys written by `pack synth` to measure scale: nobody is in it.
    pub synthetic: bool,
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
    /// For an attacker renting graphics cards (DESIGN.md §7.5).
    pub gpu: JsonGpuCost,
    pub seconds_per_guess_one_core: f64,
}

#[derive(Debug, Serialize)]
pub struct JsonAttack {
    /// The attack's message id (`attack-all-mobiles`).
    pub attack: &'static str,
    pub guesses: f64,
    pub kind: &'static str,
    /// On every core of this computer, or (under `gpu`) on one graphics card.
    pub seconds: f64,
}

/// A [`GpuCost`]: the benchmark it scales from, and each attack on one card.
#[derive(Debug, Serialize)]
pub struct JsonGpuCost {
    pub attacks: Vec<JsonAttack>,
    pub benchmark: JsonGpuBenchmark,
    /// On one card of the benchmark's kind, at this pack's m and t.
    pub guesses_per_second: f64,
}

#[derive(Debug, Serialize)]
pub struct JsonGpuBenchmark {
    pub date: &'static str,
    pub device: &'static str,
    pub hashes_per_second: f64,
    pub m_kib: u32,
    pub source: &'static str,
    pub t: u32,
}

impl JsonAttack {
    fn new(cost: &AttackCost) -> JsonAttack {
        JsonAttack {
            attack: cost.attack.message_id,
            guesses: cost.attack.guesses,
            kind: cost.attack.kind.name(),
            seconds: cost.seconds,
        }
    }
}

impl From<&GpuCost> for JsonGpuCost {
    fn from(gpu: &GpuCost) -> JsonGpuCost {
        let benchmark = gpu.benchmark;
        JsonGpuCost {
            attacks: gpu.attacks.iter().map(JsonAttack::new).collect(),
            benchmark: JsonGpuBenchmark {
                date: benchmark.date,
                device: benchmark.device,
                hashes_per_second: benchmark.hashes_per_second,
                m_kib: benchmark.m_kib,
                source: benchmark.source,
                t: benchmark.t,
            },
            guesses_per_second: gpu.guesses_per_second,
        }
    }
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
    /// Titles in `lang`; the guessing cost as measured, and on a rented graphics card.
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
            format_version: meta.format_version,
            guess_cost: JsonGuessCost {
                attacks: cost.attacks.iter().map(JsonAttack::new).collect(),
                cores: cost.cores,
                gpu: JsonGpuCost::from(&GpuCost::at(meta.cost)),
                seconds_per_guess_one_core: cost.per_guess.as_secs_f64(),
            },
            id: meta.id.clone(),
            protection: meta.cost.protection().name(),
            root: pack.root(),
            signature: JsonSignature::from(pack.signature()),
            synthetic: meta.synthetic,
            title: meta.title.get(lang).to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::small_demo_pack;

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
        assert_eq!(
            value["guess_cost"]["gpu"]["benchmark"]["source"],
            "https://github.com/hashcat/hashcat/pull/4284"
        );
        assert_eq!(
            value["guess_cost"]["gpu"]["attacks"][0]["attack"],
            "attack-all-mobiles"
        );
        assert_eq!(value["breaches"].as_array().unwrap().len(), 4);
    }
}
