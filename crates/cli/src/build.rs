//! `exposure build PLAN --out PACK`: a plan and its dumps in, a pack and a summary out.

use std::io::Write;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use exposure_core::build::{BuildOptions, BuildSummary, build};
use exposure_core::keys::Profile;
use exposure_core::l10n::Message;
use exposure_core::plan::Plan;

use crate::Failure;
use crate::cli::BuildArgs;
use crate::l10n::fl;
use crate::progress::Bars;

pub fn run(args: BuildArgs) -> Result<(), Failure> {
    let plan = Plan::load(&args.plan).map_err(Failure::other)?;
    let mut options = BuildOptions::new(Profile::from(args.profile).cost());
    options.threads = args.threads.map(usize::from);
    let summary = build_with_interrupt(&plan, &args.out, &options, args.quiet)?;
    print_summary(&args.out, &summary).map_err(Failure::other)
}

/// Builds with Ctrl-C wired to cancellation, so an interrupted build removes its temporary file
/// instead of leaving it behind.
pub fn build_with_interrupt(
    plan: &Plan,
    out: &Path,
    options: &BuildOptions,
    quiet: bool,
) -> Result<BuildSummary, Failure> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // Only one handler per process can be set; a second build in one process (never the case
    // for the CLI) would keep the first handler, which sets the same kind of flag.
    let _ = ctrlc::set_handler(move || flag.store(true, Ordering::Relaxed));
    let bars = Bars::new(quiet);
    build(plan, out, options, &bars, &cancel).map_err(Failure::other)
}

pub fn print_summary(out: &Path, summary: &BuildSummary) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    let seconds = summary.elapsed.as_secs_f64();
    writeln!(
        stdout,
        "{}",
        fl!("build-done", path = out, seconds = round2(seconds))
    )?;
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-rows-read",
            rows = summary.rows_read,
            rate = (summary.rows_read as f64 / seconds.max(1e-3)).round()
        )
    )?;
    writeln!(
        stdout,
        "  {}",
        fl!("build-rows-used", rows = summary.rows_used)
    )?;
    let skipped: u64 = summary.rows_skipped.values().sum();
    writeln!(stdout, "  {}", fl!("build-rows-skipped", rows = skipped))?;
    for (problem, count) in &summary.rows_skipped {
        let reason = Message::new(problem.message_id()).to_string();
        writeln!(
            stdout,
            "    {}",
            fl!("build-count-reason", count = *count, reason = reason)
        )?;
    }
    let rejected: u64 = summary.values_rejected.values().sum();
    writeln!(
        stdout,
        "  {}",
        fl!("build-values-rejected", values = rejected)
    )?;
    for ((kind, invalid), count) in &summary.values_rejected {
        let reason = format!("{}: {}", kind_label(*kind), Message::from(*invalid));
        writeln!(
            stdout,
            "    {}",
            fl!("build-count-reason", count = *count, reason = reason)
        )?;
    }
    if !summary.examples.is_empty() {
        writeln!(stdout, "  {}", fl!("build-examples"))?;
        for example in &summary.examples {
            let file = example.file.file_name().map_or_else(
                || example.file.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            );
            let reason = example.reason.message().to_string();
            let line = if example.masked.is_empty() {
                fl!(
                    "build-example",
                    file = file,
                    line = example.line,
                    reason = reason
                )
            } else {
                fl!(
                    "build-example-masked",
                    file = file,
                    line = example.line,
                    reason = reason,
                    masked = example.masked.as_str()
                )
            };
            writeln!(stdout, "    {line}")?;
        }
    }
    let keys: Vec<String> = summary
        .keys
        .iter()
        .map(|(kind, count)| format!("{} {count}", kind_label(*kind)))
        .collect();
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-keys",
            keys = summary.total_keys(),
            detail = keys.join(" · ")
        )
    )?;
    let derive_seconds = summary.derive_elapsed.as_secs_f64().max(1e-6);
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-key-rate",
            rate = (summary.total_keys() as f64 / derive_seconds).round()
        )
    )?;
    writeln!(
        stdout,
        "  {}",
        fl!("build-entries", entries = summary.entries)
    )?;
    let per_entry = if summary.entries == 0 {
        0.0
    } else {
        summary.pack_bytes as f64 / summary.entries as f64
    };
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-pack-size",
            bytes = summary.pack_bytes,
            per_entry = round2(per_entry)
        )
    )?;
    Ok(())
}

pub fn kind_label(kind: exposure_core::identifier::Kind) -> String {
    Message::new(kind.message_id()).to_string()
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
