//! `exposure pack info PACK`: what a pack is, who made it, what it holds, and the honest limit:
//! what guessing identifiers against it would cost on this computer.

use std::io::Write;
use std::path::Path;

use exposure_core::cost::{Span, attack_costs, measure};
use exposure_core::files::read_small;
use exposure_core::keys::Protection;
use exposure_core::l10n::{Message, current_language, io_reason, safe_line};
use exposure_core::pack::{Pack, open_verified};
use exposure_core::report::class_message;
use exposure_core::trust::{PublicKey, SecretKey, SignatureStatus, TrustedKeys, signature_path};
use serde_json::json;
use zeroize::Zeroizing;

use crate::Failure;
use crate::build::{kind_label, round2};
use crate::cli::TrustArgs;
use crate::l10n::fl;

/// A password file holds one line; anything larger is not one.
const MAX_PASSWORD_FILE_BYTES: u64 = 4096;

/// The keys `--trust` and `--trusted-keys` name.
pub fn trusted_keys(args: &TrustArgs) -> Result<TrustedKeys, Failure> {
    let mut keys = match &args.trusted_keys {
        Some(dir) => TrustedKeys::load_dir(dir).map_err(Failure::other)?,
        None => TrustedKeys::new(),
    };
    for path in &args.keys {
        keys.add(PublicKey::load(path).map_err(Failure::other)?);
    }
    Ok(keys)
}

/// Opens packs with the trust the arguments give. A pack named twice, or a copy of it under
/// another name, is used once (and the person told so on standard error).
pub fn open_packs(paths: &[std::path::PathBuf], trust: &TrustArgs) -> Result<Vec<Pack>, Failure> {
    let trusted = trusted_keys(trust)?;
    let mut packs: Vec<Pack> = Vec::with_capacity(paths.len());
    for path in paths {
        let (pack, _) = open_verified(path, &trusted).map_err(Failure::other)?;
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

pub fn signature_label(status: &SignatureStatus) -> String {
    status.message().to_string()
}

/// `exposure pack sign`: the password comes from a file or the terminal, never from argv.
pub fn sign(pack: &Path, key: &Path, password_file: Option<&Path>) -> Result<(), Failure> {
    let password = if SecretKey::needs_password(key).map_err(Failure::other)? {
        Some(match password_file {
            Some(file) => read_password_file(file)?,
            None => Zeroizing::new(
                rpassword::prompt_password(format!(
                    "{}: ",
                    fl!("sign-password-prompt", path = key)
                ))
                .map_err(Failure::io)?,
            ),
        })
    } else {
        None
    };
    let secret =
        SecretKey::load(key, password.as_deref().map(String::as_str)).map_err(Failure::other)?;
    drop(password);
    let signature = Pack::sign(pack, &secret).map_err(Failure::other)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        fl!(
            "sign-done",
            pack = pack,
            key = secret.id().to_string(),
            signature = signature.as_path()
        )
    )?;
    Ok(())
}

/// The first line of a password file, as `minisign` reads a password typed on its terminal.
fn read_password_file(path: &Path) -> Result<Zeroizing<String>, Failure> {
    let unreadable = |reason: Message| {
        Failure::Other(fl!(
            "password-file-unreadable",
            path = path,
            reason = reason.to_string()
        ))
    };
    let bytes = Zeroizing::new(
        read_small(path, MAX_PASSWORD_FILE_BYTES)
            .map_err(|problem| unreadable(problem.message()))?,
    );
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| unreadable(io_reason(std::io::ErrorKind::InvalidData)))?;
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    Ok(Zeroizing::new(line.to_owned()))
}

/// `exposure pack verify`: succeeds only for a pack signed by exactly this key, for this pack.
pub fn verify(pack: &Path, pubkey: &Path) -> Result<(), Failure> {
    let key = PublicKey::load(pubkey).map_err(Failure::other)?;
    let mut trusted = TrustedKeys::new();
    trusted.add(key.clone());
    let (_, status) = open_verified(pack, &trusted).map_err(Failure::other)?;
    match status {
        SignatureStatus::Trusted { key_id, comment } => {
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "{}",
                fl!("verify-good", pack = pack, key = key_id.to_string())
            )
            .and_then(|()| {
                writeln!(
                    out,
                    "{}",
                    fl!("verify-comment", comment = safe_line(&comment))
                )
            })
            .map_err(Failure::from)
        }
        SignatureStatus::UnknownSigner { key_id } => Err(Failure::Other(fl!(
            "verify-other-signer",
            pack = pack,
            key = key_id.to_string(),
            expected = key.id().to_string()
        ))),
        _ => Err(Failure::Other(fl!(
            "verify-unsigned",
            pack = pack,
            signature = signature_path(pack).as_path()
        ))),
    }
}

pub fn protection_label(protection: Protection) -> String {
    exposure_core::view::protection_message(protection).to_string()
}

pub fn info(path: &Path, json: bool, trust: &TrustArgs) -> Result<(), Failure> {
    let pack = open_packs(&[path.to_owned()], trust)?.remove(0);
    let meta = pack.meta();
    let per_guess = measure(meta.cost).map_err(Failure::other)?;
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let attacks = attack_costs(per_guess, cores);
    let lang = current_language();
    let mut out = std::io::stdout().lock();
    if json {
        let value = json!({
            "id": meta.id,
            "title": meta.title.get(lang),
            "curator": meta.curator,
            "created": meta.created,
            "entries": meta.entry_count,
            "demo": meta.demo,
            "protection": meta.cost.protection().name(),
            "argon2": {"m_kib": meta.cost.m_kib, "t": meta.cost.t, "p": meta.cost.p},
            "default_region": meta.default_region.to_string(),
            "signature": pack.signature(),
            "breaches": pack.breaches().iter().map(|b| json!({
                "id": b.slug,
                "title": b.title.get(lang),
                "date": b.date,
                "records": b.record_count,
                "data_classes": b.data_classes,
            })).collect::<Vec<_>>(),
            "guess_cost": {
                "seconds_per_guess_one_core": per_guess.as_secs_f64(),
                "cores": cores,
                "attacks": attacks.iter().map(|a| json!({
                    "kind": a.attack.kind.name(),
                    "attack": a.attack.message_id,
                    "guesses": a.attack.guesses,
                    "seconds": a.seconds,
                })).collect::<Vec<_>>(),
            },
        });
        serde_json::to_writer_pretty(&mut out, &value).map_err(std::io::Error::from)?;
        writeln!(out)?;
        return Ok(());
    }
    let mut write = || -> std::io::Result<()> {
        // Every text from the pack is shown through `safe_line`: a hostile pack must not be able
        // to drive the terminal or print a line of its own, such as a forged signature status.
        writeln!(out, "{}", safe_line(meta.title.get(lang)))?;
        if meta.demo {
            writeln!(out, "  {}", fl!("pack-demo-label"))?;
        }
        writeln!(out, "  {}", fl!("info-id", id = safe_line(&meta.id)))?;
        writeln!(
            out,
            "  {}",
            fl!("info-curator", curator = safe_line(&meta.curator))
        )?;
        writeln!(
            out,
            "  {}",
            fl!("info-created", created = safe_line(&meta.created))
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
            let date = safe_line(breach.date.as_deref().unwrap_or("?"));
            writeln!(
                out,
                "  ■ {}",
                fl!(
                    "info-breach",
                    title = safe_line(breach.title.get(lang)),
                    date = date,
                    records = breach.record_count
                )
            )?;
            let classes: Vec<String> = breach
                .data_classes
                .iter()
                .map(|c| class_message(c).to_string())
                .collect();
            writeln!(out, "    {}", classes.join(&fl!("list-separator")))?;
        }
        writeln!(out)?;
        writeln!(out, "{}", fl!("info-limit-heading"))?;
        writeln!(
            out,
            "  {}",
            fl!(
                "info-limit-intro",
                ms = round2(per_guess.as_secs_f64() * 1000.0),
                cores = cores
            )
        )?;
        for attack in &attacks {
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
