//! `exposure pack info PACK`: what a pack is, who made it, what it holds, and the honest limit:
//! what guessing identifiers against it would cost on this computer.

use std::io::Write;
use std::path::Path;

use exposure_core::cost::{Span, attack_costs, measure};
use exposure_core::keys::Protection;
use exposure_core::l10n::{Message, current_language};
use exposure_core::pack::Pack;
use exposure_core::report::class_message;
use serde_json::json;

use crate::Failure;
use crate::build::{kind_label, round2};
use crate::l10n::fl;

pub fn protection_label(protection: Protection) -> String {
    match protection {
        Protection::Weak => fl!("protection-weak"),
        Protection::Standard => fl!("protection-standard"),
        Protection::Strong => fl!("protection-strong"),
    }
}

pub fn info(path: &Path, json: bool) -> Result<(), Failure> {
    let pack = Pack::open(path).map_err(Failure::other)?;
    let meta = pack.meta();
    let per_guess = measure(meta.cost).map_err(Failure::other)?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let attacks = attack_costs(per_guess, cores);
    let lang = current_language();
    let mut out = std::io::stdout().lock();
    if json {
        let value = json!({
            "id": meta.id,
            "title": meta.title.get(lang),
            "curator": meta.curator,
            "created": meta.created,
            "entries": meta.entry_count,
            "demo": meta.demo,
            "protection": meta.cost.protection().name(),
            "argon2": {"m_kib": meta.cost.m_kib, "t": meta.cost.t, "p": meta.cost.p},
            "default_region": meta.default_region.to_string(),
            "breaches": pack.breaches().iter().map(|b| json!({
                "id": b.slug,
                "title": b.title.get(lang),
                "date": b.date,
                "records": b.record_count,
                "data_classes": b.data_classes,
            })).collect::<Vec<_>>(),
            "guess_cost": {
                "seconds_per_guess_one_core": per_guess.as_secs_f64(),
                "cores": cores,
                "attacks": attacks.iter().map(|a| json!({
                    "kind": a.attack.kind.name(),
                    "attack": a.attack.message_id,
                    "guesses": a.attack.guesses,
                    "seconds": a.seconds,
                })).collect::<Vec<_>>(),
            },
        });
        serde_json::to_writer_pretty(&mut out, &value).map_err(Failure::other)?;
        return writeln!(out).map_err(Failure::other);
    }
    let mut write = || -> std::io::Result<()> {
        writeln!(out, "{}", meta.title.get(lang))?;
        if meta.demo {
            writeln!(out, "  {}", fl!("pack-demo-label"))?;
        }
        writeln!(out, "  {}", fl!("info-id", id = meta.id.as_str()))?;
        writeln!(
            out,
            "  {}",
            fl!("info-curator", curator = meta.curator.as_str())
        )?;
        writeln!(
            out,
            "  {}",
            fl!("info-created", created = meta.created.as_str())
        )?;
        writeln!(out, "  {}", fl!("info-entries", entries = meta.entry_count))?;
        writeln!(
            out,
            "  {}",
            fl!(
                "info-protection",
                protection = protection_label(meta.cost.protection()),
                m = meta.cost.m_kib,
                t = meta.cost.t,
                p = meta.cost.p
            )
        )?;
        writeln!(out)?;
        writeln!(
            out,
            "{}",
            fl!("info-breaches", count = pack.breaches().len())
        )?;
        for breach in pack.breaches() {
            let date = breach.date.clone().unwrap_or_else(|| "?".to_owned());
            writeln!(
                out,
                "  ■ {}",
                fl!(
                    "info-breach",
                    title = breach.title.get(lang),
                    date = date,
                    records = breach.record_count
                )
            )?;
            let classes: Vec<String> = breach
                .data_classes
                .iter()
                .map(|c| class_message(c).to_string())
                .collect();
            writeln!(out, "    {}", classes.join(&fl!("list-separator")))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", fl!("info-limit-heading"))?;
        writeln!(
            out,
            "  {}",
            fl!(
                "info-limit-intro",
                ms = round2(per_guess.as_secs_f64() * 1000.0),
                cores = cores
            )
        )?;
        for attack in &attacks {
            let span = Span::from_seconds(attack.seconds).message().to_string();
            writeln!(
                out,
                "  • {}: {}",
                kind_label(attack.attack.kind),
                fl!(
                    "info-attack",
                    attack = Message::new(attack.attack.message_id).to_string(),
                    time = span
                )
            )?;
        }
        writeln!(out, "  {}", fl!("info-limit-outro"))?;
        Ok(())
    };
    write().map_err(Failure::other)
}
