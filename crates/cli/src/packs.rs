//! Packs opened with the trust the command line gives, for every verb that reads packs.

use std::io::Write;
use std::path::PathBuf;

use exposure_core::pack::{Pack, open_verified};
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

/// Opens packs with the trust the arguments give. A pack named twice, or a copy of it under
/// another name, is used once (and the person told so on standard error).
pub fn open_packs(paths: &[PathBuf], trust: &TrustArgs) -> Result<Vec<Pack>, Error> {
    let trusted = trusted_keys(trust)?;
    let mut packs: Vec<Pack> = Vec::with_capacity(paths.len());
    for path in paths {
        let (pack, _) = open_verified(path, &trusted)?;
        match packs.iter().find(|used| used.is_same_pack(&pack)) {
            Some(used) => {
                let _ = writeln!(
                    std::io::stderr().lock(),
                    "{}",
                    fl!("pack-duplicate", path = path.as_path(), first = used.path())
                );
            }
            None => packs.push(pack),
        }
    }
    Ok(packs)
}
