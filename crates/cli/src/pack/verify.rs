//! `exposure pack verify PACK --pubkey PUBLIC_KEY`: succeeds only for a pack signed by exactly
//! this key, for this pack.

use std::io::Write;
use std::path::Path;

use exposure_core::pack::open_verified;
use exposure_core::trust::{PublicKey, SignatureStatus, TrustedKeys, signature_path};

use crate::error::Error;
use crate::l10n::fl;
use crate::output::untrusted;

pub fn run(pack: &Path, pubkey: &Path) -> Result<(), Error> {
    let key = PublicKey::load(pubkey)?;
    let mut trusted = TrustedKeys::new();
    trusted.add(key.clone());
    let (_, status) = open_verified(pack, &trusted)?;
    match status {
        SignatureStatus::Trusted { key_id, comment } => {
            let mut out = std::io::stdout().lock();
            let good = fl!("verify-good", pack = pack, key = key_id.to_string());
            writeln!(out, "{good}")?;
            let comment = fl!("verify-comment", comment = untrusted(&comment));
            Ok(writeln!(out, "{comment}")?)
        }
        SignatureStatus::UnknownSigner { key_id } => Err(Error::Said(fl!(
            "verify-other-signer",
            pack = pack,
            key = key_id.to_string(),
            expected = key.id().to_string()
        ))),
        _ => Err(Error::Said(fl!(
            "verify-unsigned",
            pack = pack,
            signature = signature_path(pack).as_path()
        ))),
    }
}
