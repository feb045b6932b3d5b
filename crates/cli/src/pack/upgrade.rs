//! `exposure pack upgrade OLD --out NEW`: a format 1 pack rewritten as format 2 from its keys
//! alone, then a summary that tells the curator to sign the new pack (the old signature binds the
//! old file and does not carry over). A pack already in format 2 is a wrong usage (exit 2):
//! nothing was asked that could be done, and no NEW exists for a script's next step.

use std::io::Write;
use std::path::Path;

use exposure_build::upgrade::{UpgradeError, UpgradeSummary, upgrade};
use exposure_core::l10n::Message;
use exposure_core::trust::SignatureStatus;

use crate::args::TrustArgs;
use crate::error::Error;
use crate::interrupt::interrupt_token;
use crate::l10n::fl;
use crate::output::round2;
use crate::packs::trusted_keys;
use crate::progress::Bars;

pub fn run(
    old: &Path,
    out: &Path,
    force: bool,
    trust: &TrustArgs,
    quiet: bool,
) -> Result<(), Error> {
    let trusted = trusted_keys(trust)?;
    let summary = match upgrade(
        old,
        out,
        force,
        &trusted,
        &Bars::new(quiet),
        &interrupt_token(),
    ) {
        Ok(summary) => summary,
        Err(error @ UpgradeError::AlreadyCurrent { .. }) => {
            return Err(Error::Usage(Message::from(&error).to_string()));
        }
        Err(UpgradeError::Build(error)) => return Err(error.into()),
        Err(error) => return Err(Error::Said(Message::from(&error).to_string())),
    };
    print_summary(&mut std::io::stdout().lock(), old, out, &summary)?;
    Ok(())
}

/// What was written, how fast and how small, what became of the old signature, and the next step.
fn print_summary(
    stdout: &mut impl Write,
    old: &Path,
    out: &Path,
    summary: &UpgradeSummary,
) -> std::io::Result<()> {
    let seconds = summary.elapsed.as_secs_f64();
    let done = fl!(
        "upgrade-done",
        old = old,
        new = out,
        seconds = round2(seconds)
    );
    writeln!(stdout, "{done}")?;
    let rate = (summary.entries as f64 / seconds.max(1e-3)).round();
    let entries = fl!("upgrade-entries", entries = summary.entries, rate = rate);
    writeln!(stdout, "  {entries}")?;
    let per_entry = summary.bytes_after as f64 / summary.entries.max(1) as f64;
    let size = fl!(
        "upgrade-size",
        before = summary.bytes_before,
        after = summary.bytes_after,
        per_entry = round2(per_entry)
    );
    writeln!(stdout, "  {size}")?;
    let signature = match &summary.signature {
        SignatureStatus::Trusted { key_id, .. } => {
            fl!("upgrade-old-signed-trusted", key = key_id.to_string())
        }
        SignatureStatus::UnknownSigner { key_id } => {
            fl!("upgrade-old-signed-unknown", key = key_id.to_string())
        }
        _ => fl!("upgrade-old-unsigned"),
    };
    writeln!(stdout, "  {signature}")?;
    writeln!(stdout, "{}", fl!("upgrade-sign-next", new = out))
}
