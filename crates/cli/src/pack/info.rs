//! `exposure pack info PACK`: what a pack is, who made it, what it holds, and the honest limit:
//! what guessing identifiers against it would cost on this computer and on a rented graphics card.

use std::io::Write;
use std::path::Path;

use exposure_core::check::guess_cost::{AttackCost, GpuCost, GuessCost, Span};
use exposure_core::check::report::JsonPackInfo;
use exposure_core::l10n::{Message, current_language};
use exposure_core::pack::{Pack, v1};

use crate::args::TrustArgs;
use crate::error::Error;
use crate::l10n::fl;
use crate::output::{class_list, kind_label, protection_label, signature_label, untrusted};
use crate::packs::open_packs;

pub fn run(path: &Path, json: bool, trust: &TrustArgs) -> Result<(), Error> {
    let pack = open_packs(&[path.to_owned()], trust)?.remove(0);
    let cost = GuessCost::measure(pack.meta().cost)?;
    let mut out = std::io::stdout().lock();
    if json {
        let info = JsonPackInfo::new(&pack, &cost, current_language());
        serde_json::to_writer_pretty(&mut out, &info)?;
        writeln!(out)?;
        return Ok(());
    }
    print_about(&mut out, &pack)?;
    writeln!(out)?;
    print_breaches(&mut out, &pack)?;
    writeln!(out)?;
    Ok(print_limit(
        &mut out,
        &cost,
        &GpuCost::at(pack.meta().cost),
    )?)
}

/// What the pack is and who vouches for it. Every text from the pack is shown [`untrusted`]: a
/// hostile pack must not be able to drive the terminal or print a line of its own, such as a
/// forged signature status.
fn print_about(out: &mut impl Write, pack: &Pack) -> std::io::Result<()> {
    let meta = pack.meta();
    writeln!(out, "{}", untrusted(meta.title.get(current_language())))?;
    if meta.demo {
        writeln!(out, "  {}", fl!("pack-demo-label"))?;
    }
    if meta.synthetic {
        writeln!(out, "  {}", fl!("pack-synthetic-label"))?;
    }
    let lines = [
        fl!("info-id", id = untrusted(&meta.id)),
        fl!("info-curator", curator = untrusted(&meta.curator)),
        fl!("info-created", created = untrusted(&meta.created)),
        fl!("info-entries", entries = meta.entry_count),
        // A v1 pack says how to leave it behind wherever it is shown.
        if meta.format_version == v1::VERSION {
            fl!("info-format-old")
        } else {
            fl!("info-format", format = meta.format_version)
        },
        fl!("info-signature", status = signature_label(pack.signature())),
        fl!(
            "info-protection",
            protection = protection_label(meta.cost.protection()),
            m = meta.cost.m_kib,
            t = meta.cost.t,
            p = meta.cost.p
        ),
    ];
    for line in lines {
        writeln!(out, "  {line}")?;
    }
    Ok(())
}

/// Each breach, with its date, size and data classes.
fn print_breaches(out: &mut impl Write, pack: &Pack) -> std::io::Result<()> {
    let lang = current_language();
    writeln!(
        out,
        "{}",
        fl!("info-breaches", count = pack.breaches().len())
    )?;
    for breach in pack.breaches() {
        let line = fl!(
            "info-breach",
            title = untrusted(breach.title.get(lang)),
            date = untrusted(breach.date.as_deref().unwrap_or("?")),
            records = breach.record_count
        );
        writeln!(out, "  ■ {line}")?;
        writeln!(out, "    {}", class_list(&breach.data_classes))?;
    }
    Ok(())
}

/// The honest limit (DESIGN.md §7.5): what each guessing attack would cost on this computer, and
/// on one graphics card an attacker rents.
fn print_limit(out: &mut impl Write, cost: &GuessCost, gpu: &GpuCost) -> std::io::Result<()> {
    writeln!(out, "{}", fl!("info-limit-heading"))?;
    let intro = fl!(
        "info-limit-intro",
        ms = cost.ms_per_guess(),
        cores = cost.cores
    );
    writeln!(out, "  {intro}")?;
    print_attacks(out, &cost.attacks)?;
    let gpu_intro = fl!(
        "info-limit-gpu-intro",
        device = gpu.benchmark.device,
        rate = gpu.guesses_per_second_shown(),
        date = gpu.benchmark.date,
        source = gpu.benchmark.source
    );
    writeln!(out, "  {gpu_intro}")?;
    print_attacks(out, &gpu.attacks)?;
    writeln!(out, "  {}", fl!("info-limit-gpu-outro"))?;
    writeln!(out, "  {}", fl!("info-limit-outro"))
}

fn print_attacks(out: &mut impl Write, attacks: &[AttackCost]) -> std::io::Result<()> {
    for attack in attacks {
        let line = fl!(
            "info-attack",
            attack = Message::new(attack.attack.message_id).to_string(),
            time = Span::from_seconds(attack.seconds).message().to_string()
        );
        writeln!(out, "  • {}: {line}", kind_label(attack.attack.kind))?;
    }
    Ok(())
}
