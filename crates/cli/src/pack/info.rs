//! `exposure pack info PACK`: what a pack is, who made it, what it holds, and the honest limit:
//! what guessing identifiers against it would cost on this computer.

use std::io::Write;
use std::path::Path;

use exposure_core::cost::{GuessCost, Span};
use exposure_core::l10n::{Message, current_language};
use exposure_core::report::JsonPackInfo;

use crate::args::TrustArgs;
use crate::error::Error;
use crate::l10n::fl;
use crate::output::{class_list, kind_label, protection_label, signature_label, untrusted};
use crate::packs::open_packs;

pub fn run(path: &Path, json: bool, trust: &TrustArgs) -> Result<(), Error> {
    let pack = open_packs(&[path.to_owned()], trust)?.remove(0);
    let meta = pack.meta();
    let cost = GuessCost::measure(meta.cost)?;
    let lang = current_language();
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &JsonPackInfo::new(&pack, &cost, lang))?;
        writeln!(out)?;
        return Ok(());
    }
    let mut write = || -> std::io::Result<()> {
        // Every text from the pack is shown `untrusted`: a hostile pack must not be able
        // to drive the terminal or print a line of its own, such as a forged signature status.
        writeln!(out, "{}", untrusted(meta.title.get(lang)))?;
        if meta.demo {
            writeln!(out, "  {}", fl!("pack-demo-label"))?;
        }
        writeln!(out, "  {}", fl!("info-id", id = untrusted(&meta.id)))?;
        writeln!(
            out,
            "  {}",
            fl!("info-curator", curator = untrusted(&meta.curator))
        )?;
        writeln!(
            out,
            "  {}",
            fl!("info-created", created = untrusted(&meta.created))
        )?;
        writeln!(out, "  {}", fl!("info-entries", entries = meta.entry_count))?;
        writeln!(
            out,
            "  {}",
            fl!("info-signature", status = signature_label(pack.signature()))
        )?;
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
            let date = untrusted(breach.date.as_deref().unwrap_or("?"));
            writeln!(
                out,
                "  ■ {}",
                fl!(
                    "info-breach",
                    title = untrusted(breach.title.get(lang)),
                    date = date,
                    records = breach.record_count
                )
            )?;
            writeln!(out, "    {}", class_list(&breach.data_classes))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", fl!("info-limit-heading"))?;
        writeln!(
            out,
            "  {}",
            fl!(
                "info-limit-intro",
                ms = cost.ms_per_guess(),
                cores = cost.cores
            )
        )?;
        for attack in &cost.attacks {
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
    Ok(write()?)
}
