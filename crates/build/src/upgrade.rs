//! `pack upgrade`: a v1 pack rewritten as v2 from its keys alone (docs/pack-format.md §6.3).
//!
//! The v1 pack is read in place ([`v1::InPlace`]), never whole, so a v1 pack larger than any v1
//! reader opened can still be upgraded. A signature beside it is checked first, over the whole
//! file, streamed: a signature that is present and fails stops the upgrade (the pack was changed
//! since it was signed), while an unsigned pack or one signed by a key not trusted here is
//! upgraded and said to be so. The signature is never carried over: it binds format 1 and the
//! old file's hash, so the curator signs the new pack. The entries are read twice (the v2
//! writer's two passes), so nothing but the output is written. The output is handled as a
//! build's: written to a temporary file beside it and renamed at the end, nothing left on error
//! or cancel.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use exposure_core::l10n::Message;
use exposure_core::pack::{
    FORMAT_VERSION, PackError, PackMeta, PackProblem, PackWriter, format_version_of,
    signature_status, v1,
};
use exposure_core::progress::{Cancel, Phase, Progress};
use exposure_core::trust::{SignatureProblem, SignatureStatus, TrustedKeys, verify_file_streaming};

use crate::pipeline::{BuildError, GENERATOR, Output};

/// What an upgrade did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UpgradeSummary {
    /// Entries read from the v1 pack, each written to the v2 pack.
    pub entries: u64,
    pub bytes_before: u64,
    pub bytes_after: u64,
    /// The old pack's signature as checked; it does not carry over to the new pack.
    pub signature: SignatureStatus,
    pub elapsed: Duration,
}

/// Why an upgrade wrote nothing.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum UpgradeError {
    /// The pack is already in the format this build writes: there is nothing to upgrade.
    #[error("{}", Message::from(self))]
    AlreadyCurrent { path: PathBuf },
    /// The output exists and replacing it was not asked for.
    #[error("{}", Message::from(self))]
    OutputExists { path: PathBuf },
    #[error("{}", Message::from(self))]
    Cancelled,
    /// The old pack was refused (its signature included), or the output could not be written.
    #[error(transparent)]
    Build(#[from] BuildError),
}

impl From<PackError> for UpgradeError {
    fn from(error: PackError) -> UpgradeError {
        UpgradeError::Build(BuildError::Pack(error))
    }
}

impl From<&UpgradeError> for Message {
    fn from(error: &UpgradeError) -> Message {
        match error {
            UpgradeError::AlreadyCurrent { path } => Message::new("upgrade-already-current")
                .arg("path", path.as_path())
                .arg("format", i64::from(FORMAT_VERSION)),
            UpgradeError::OutputExists { path } => {
                Message::new("upgrade-output-exists").arg("path", path.as_path())
            }
            UpgradeError::Cancelled => Message::new("upgrade-cancelled"),
            UpgradeError::Build(error) => Message::from(error),
        }
    }
}

/// Upgrades the v1 pack at `old` to a v2 pack at `out`, checking its signature with `trusted`
/// first. `out` must not exist unless `force`; it may never be `old` itself nor anything but a
/// regular file. `progress` hears the signature check ([`Phase::Verifying`], bytes) and the
/// writing ([`Phase::Writing`], entries); `cancel` stops either, leaving nothing behind.
pub fn upgrade(
    old: &Path,
    out: &Path,
    force: bool,
    trusted: &TrustedKeys,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<UpgradeSummary, UpgradeError> {
    let started = Instant::now();
    let version = format_version_of(old)?;
    if version != v1::VERSION {
        return Err(UpgradeError::AlreadyCurrent {
            path: old.to_owned(),
        });
    }
    // Any regular file may be replaced, but only when asked: a build replaces an older pack of
    // its own without asking, while an upgrade writes beside a pack that stays, and a slip of
    // the keyboard should not cost another. A folder, a device and the input itself never are.
    let output = Output::new(out, vec![old.to_owned()], true);
    output.check()?;
    if !force && std::fs::symlink_metadata(out).is_ok() {
        return Err(UpgradeError::OutputExists {
            path: out.to_owned(),
        });
    }
    let verdict =
        verify_file_streaming(old, trusted, progress, cancel).map_err(|problem| match problem {
            SignatureProblem::Cancelled => UpgradeError::Cancelled,
            problem => refused(old, PackProblem::Signature(problem)),
        })?;
    let pack = v1::InPlace::open(old)?;
    // A v1 pack has no root: its comment binds the file's hash, checked by the streaming pass.
    let signature = signature_status(verdict, pack.meta(), None)
        .map_err(|problem| refused(old, PackProblem::Signature(problem)))?;
    let draft = output.draft()?;
    let meta = PackMeta {
        generator: GENERATOR.to_owned(),
        synthetic: false,
        // The writer counts and writes its own format.
        entry_count: 0,
        format_version: FORMAT_VERSION,
        ..pack.meta().clone()
    };
    // Two passes over the v1 pack's entries (§6.1), the first to count, the second to write:
    // no spool beside the output, whatever the pack's size.
    // The count the old meta states is only the bar's length: the writer counts for itself.
    let total = pack.meta().entry_count;
    progress.start(Phase::Writing, total.saturating_mul(2));
    let mut passes = 0u64;
    // Entries read by the latest pass: the second one's are those written.
    let read = std::cell::Cell::new(0u64);
    PackWriter::write_from(draft.path(), &meta, pack.breaches(), || {
        let done_before = passes.saturating_mul(total);
        passes += 1;
        read.set(0);
        let read = &read;
        pack.entries().map(move |entry| {
            let given = read.get() + 1;
            read.set(given);
            if given.is_multiple_of(65_536) {
                progress.update(done_before.saturating_add(given), 0);
                if cancel.is_cancelled() {
                    return Err(UpgradeError::Cancelled);
                }
            }
            Ok(entry?)
        })
    })?;
    let entries = read.get();
    progress.finish(Phase::Writing);
    // A signal during the last entries still cancels: nothing is left where it could be taken
    // for a finished pack.
    if cancel.is_cancelled() {
        return Err(UpgradeError::Cancelled);
    }
    draft.persist()?;
    let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
    Ok(UpgradeSummary {
        entries,
        bytes_before: size(old),
        bytes_after: size(out),
        signature,
        elapsed: started.elapsed(),
    })
}

fn refused(path: &Path, problem: PackProblem) -> UpgradeError {
    PackError {
        path: path.to_owned(),
        problem,
    }
    .into()
}

#[cfg(test)]
mod tests;
