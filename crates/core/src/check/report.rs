//! The JSON the CLI prints: a check's report (DESIGN.md §6) and `pack info --json`.

use serde::Serialize;

use super::Finding;
use super::guess_cost::GuessCost;
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
            format_version: meta.format_version,
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
        assert_eq!(value["breaches"].as_array().unwrap().len(), 4);
    }
}
