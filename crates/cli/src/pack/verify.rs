//! `exposure pack verify PACK --pubkey PUBLIC_KEY`: succeeds only for a pack signed by exactly
//! this key, for this pack. The pack's own checks come first; then the signature is checked over
//! every byte of the file, streamed once in bounded memory with a progress bar, and its trusted
//! comment must name the pack that was opened.

use std::io::Write;
use std::path::Path;
use std::time::Instant;

use exposure_core::pack::{Pack, PackError, PackProblem};
use exposure_core::progress::Cancel;
use exposure_core::trust::{
    PublicKey, SignatureProblem, TrustedKeys, Verdict, signature_path, verify_file_streaming,
};

use crate::error::Error;
use crate::l10n::fl;
use crate::output::{round2, untrusted};
use crate::progress::{Bars, FileBar};

pub fn run(pack: &Path, pubkey: &Path) -> Result<(), Error> {
    let key = PublicKey::load(pubkey)?;
    let mut trusted = TrustedKeys::new();
    trusted.add(key.clone());
    // Trusting no key here, the open checks the pack but leaves its signature to the one pass
    // below, instead of reading the whole file for it a second time.
    let opened = Pack::open(pack)?;
    let refused = |problem| PackError {
        path: pack.to_owned(),
        problem: PackProblem::Signature(problem),
    };
    let started = Instant::now();
    // Every entry and hash first (a v2 pack; a v1 pack was checked whole at open), so that a
    // damaged pack is named as such before its signature is weighed.
    opened.verify_all(&Bars::new(false))?;
    // Ctrl-C ends `pack verify` at once: it writes nothing, so there is nothing to stop cleanly.
    let verdict = verify_file_streaming(pack, &trusted, &FileBar::new(pack), &Cancel::new())
        .map_err(refused)?;
    let seconds = started.elapsed().as_secs_f64();
    match verdict {
        Verdict::Trusted {
            key_id,
            comment,
            binding,
        } => {
            let meta = opened.meta();
            let root = opened.root();
            if let Some(field) = binding.mismatch(
                &meta.id,
                meta.format_version,
                &meta.created,
                root.as_deref(),
            ) {
                return Err(refused(SignatureProblem::Mismatch(field)).into());
            }
            let mut out = std::io::stdout().lock();
            let good = fl!("verify-good", pack = pack, key = key_id.to_string());
            writeln!(out, "{good}")?;
            let comment = fl!("verify-comment", comment = untrusted(&comment));
            writeln!(out, "{comment}")?;
            let bytes = std::fs::metadata(pack).map_or(0, |m| m.len());
            let took = fl!(
                "verify-took",
                megabytes = round2(bytes as f64 / 1e6),
                seconds = round2(seconds)
            );
            Ok(writeln!(out, "{took}")?)
        }
        Verdict::UnknownSigner(key_id) => Err(Error::Said(fl!(
            "verify-other-signer",
            pack = pack,
            key = key_id.to_string(),
            expected = key.id().to_string()
        ))),
        Verdict::Unsigned => Err(Error::Said(fl!(
            "verify-unsigned",
            pack = pack,
            signature = signature_path(pack).as_path()
        ))),
    }
}
