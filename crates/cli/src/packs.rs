//! Packs opened with the trust the command line gives, for every verb that reads packs.

use std::io::Write;
use std::path::PathBuf;

use exposure_core::l10n::Message;
use exposure_core::library::{Library, Origin};
use exposure_core::pack::{Pack, PackProblem};
use exposure_core::trust::{PublicKey, TrustedKeys};

use crate::args::TrustArgs;
use crate::error::Error;
use crate::l10n::fl;

/// The keys `--trust` and `--trusted-keys` name.
pub fn trusted_keys(args: &TrustArgs) -> Result<TrustedKeys, Error> {
    let mut keys = match &args.trusted_keys {
        Some(dir) => TrustedKeys::load_dir(dir)?,
        None => TrustedKeys::new(),
    };
    for path in &args.keys {
        keys.add(PublicKey::load(path)?);
    }
    Ok(keys)
}

/// Opens packs with the trust the arguments give, by the library's rule (the desktop's too): a
/// pack named twice, or a copy of it under another name, is used once; of two different packs
/// claiming one id, the one better vouched for is used and the other refused. Both are told on
/// standard error. Any other pack that cannot be opened ends the command.
pub fn open_packs(paths: &[PathBuf], trust: &TrustArgs) -> Result<Vec<Pack>, Error> {
    let mut library = Library::trusting(trusted_keys(trust)?);
    let mut stderr = std::io::stderr().lock();
    for path in paths {
        let added = library.add_file(path, Origin::CommandLine);
        for duplicate in &added.duplicates {
            let said = fl!(
                "pack-duplicate",
                path = duplicate.path.as_path(),
                first = duplicate.used.as_path()
            );
            let _ = writeln!(stderr, "{said}");
        }
        for refusal in added.refused {
            if !matches!(refusal.error.problem, PackProblem::SameIdAs { .. }) {
                return Err(refusal.error.into());
            }
            let _ = writeln!(stderr, "{}", Message::from(&refusal.error));
        }
    }
    Ok(library.into_packs())
}
