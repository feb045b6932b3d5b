//! `exposure pack synth --entries N --out PACK [--from SMALL] [--seed S]`: random keys through
//! the real writer, labelled synthetic, to measure and test scale (DESIGN.md §6).

use std::io::Write;
use std::path::Path;

use exposure_build::synth::{SynthOptions, SynthSummary, write_synthetic};
use exposure_core::pack::Pack;

use crate::error::Error;
use crate::interrupt::interrupt_token;
use crate::l10n::fl;
use crate::output::round2;
use crate::progress::Bars;

pub fn run(
    out: &Path,
    options: SynthOptions,
    from: Option<&Path>,
    quiet: bool,
) -> Result<(), Error> {
    let from = from.map(Pack::open).transpose()?;
    let cancel = interrupt_token();
    let bars = Bars::new(quiet);
    let summary = write_synthetic(out, options, from.as_ref(), &bars, &cancel)?;
    Ok(print_summary(&mut std::io::stdout().lock(), out, &summary)?)
}

fn print_summary(
    stdout: &mut impl Write,
    out: &Path,
    summary: &SynthSummary,
) -> std::io::Result<()> {
    let seconds = round2(summary.elapsed.as_secs_f64());
    writeln!(
        stdout,
        "{}",
        fl!("synth-done", path = out, seconds = seconds)
    )?;
    let entries = fl!(
        "synth-entries",
        random = summary.random,
        kept = summary.kept
    );
    writeln!(stdout, "  {entries}")?;
    let total = summary.random + summary.kept;
    let per_entry = if total == 0 {
        0.0
    } else {
        summary.pack_bytes as f64 / total as f64
    };
    let size = fl!(
        "build-pack-size",
        bytes = summary.pack_bytes,
        per_entry = round2(per_entry)
    );
    writeln!(stdout, "  {size}")
}
