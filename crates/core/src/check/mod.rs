//! Checking a person against packs: what they typed ([`input`]) becomes identifiers, one key per
//! (identifier, pack) is derived on every core and looked up, and the hits fold into one
//! [`Finding`] per breach, saying which inputs matched and what the matched records held about this
//! person. [`advice`] says what to do about each exposed class of data, [`guess_cost`] what guessing
//! a pack's keys would cost, and [`report`] is the JSON the CLI prints. Both faces render the same
//! findings: the CLI as text or JSON, the desktop app as a page (through `view`).

use std::borrow::Borrow;
use std::collections::{BTreeMap, HashSet};

use crate::identifier::{Kind, Normalized, Normalizer};
use crate::keys::{Deriver, Key, derive_each, derive_observed};
use crate::l10n::Message;
use crate::pack::{Hit, Pack, PackError};
use crate::progress::{Cancel, Cancelled, Progress};

pub mod advice;
pub mod batch;
pub mod guess_cost;
pub mod input;
pub mod report;

use input::{Input, RawInput, prepare};

/// One breach that holds the person.
#[derive(Debug, Clone, PartialEq)]
pub struct Finding {
    /// Index into the packs checked.
    pub pack: usize,
    /// Index into that pack's breaches.
    pub breach: usize,
    /// The input kinds that matched, in report order.
    pub matched: Vec<Kind>,
    /// Those of `matched` that hit only in the Simplified form of a name typed in Traditional
    /// characters (DESIGN.md §2), so the answer can say which form was found.
    pub matched_in_simplified: Vec<Kind>,
    /// What the matched records held about this person, most harmful first.
    pub data_classes: Vec<String>,
}

/// Why a check gave no answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CheckError {
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Cancelled(#[from] Cancelled),
}

impl From<&CheckError> for Message {
    fn from(error: &CheckError) -> Message {
        match error {
            CheckError::Pack(error) => Message::from(error),
            CheckError::Cancelled(_) => Message::new("check-cancelled"),
        }
    }
}

/// Checks every valid input against every pack, with progress over the argon2 work (one hash
/// per (input, pack), on every core) and a way to stop it. Each key is looked up as soon as it is
/// made, while the other hashes go on: the pages a lookup waits for (a pack on a slow stick, not
/// yet in the page cache) are read during the argon2 work rather than after it. The findings are
/// those of [`derive_keys`] then [`look_up`].
pub fn check_observed<P: Borrow<Pack>>(
    inputs: &[Input],
    packs: &[P],
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Vec<Finding>, CheckError> {
    let packs: Vec<&Pack> = packs.iter().map(Borrow::borrow).collect();
    let derivers = derivers(&packs);
    let identifiers = valid_identifiers(inputs.iter());
    let mut found = Found::default();
    derive_each(
        &jobs(&derivers, &identifiers),
        threads(&derivers),
        progress,
        cancel,
        |index, key| {
            let (pack, identifier) = job_of(index, identifiers.len());
            let (identifier, form) = &identifiers[identifier];
            found.add(pack, identifier.kind(), *form, packs[pack].lookup(&key)?);
            Ok::<(), CheckError>(())
        },
    )?;
    Ok(found.into_findings(&packs))
}

/// All the argon2 work of a check: one key per (pack, valid input), and one more for the
/// Simplified form of a name typed in Traditional characters, pack by pack. It needs each
/// pack's [`Deriver`] and no pack, so whoever holds the packs need not hold them meanwhile.
pub fn derive_keys(
    inputs: &[Input],
    derivers: &[Deriver],
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Vec<Key>, Cancelled> {
    let valid = valid_identifiers(inputs.iter());
    derive_observed(&jobs(derivers, &valid), threads(derivers), progress, cancel)
}

/// Looks up the keys [`derive_keys`] made for `inputs` with the derivers of `packs`, in order.
pub fn look_up(inputs: &[Input], packs: &[&Pack], keys: &[Key]) -> Result<Vec<Finding>, PackError> {
    findings(packs, &valid_identifiers(inputs.iter()), keys)
}

/// Checks what a person typed against packs, from their raw values to the findings, in one call
/// (the CLI's way; the desktop goes through `view::PendingCheck` to hash outside its
/// lock). Returns the inputs in report order and the findings.
pub fn check_typed<P: Borrow<Pack>>(
    raw: &[RawInput],
    packs: &[P],
    normalizer: &Normalizer,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<(Vec<Input>, Vec<Finding>), CheckError> {
    let inputs = prepare(raw, normalizer);
    let findings = check_observed(&inputs, packs, progress, cancel)?;
    Ok((inputs, findings))
}

/// Which writing of what was typed a key is derived from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    AsTyped,
    /// The Simplified form of a name typed in Traditional characters.
    Simplified,
}

/// Every identifier to hash: each valid input as typed, then the Simplified forms of names typed
/// in Traditional characters, each once (a Simplified form also typed as such is hashed as typed).
fn valid_identifiers<'a>(inputs: impl Iterator<Item = &'a Input>) -> Vec<(Normalized, Form)> {
    let typed: Vec<Normalized> = inputs
        .filter_map(|i| i.status.as_ref().ok().cloned())
        .collect();
    let mut seen: HashSet<Normalized> = typed.iter().cloned().collect();
    let simplified: Vec<Normalized> = typed
        .iter()
        .filter_map(Normalized::simplified)
        .filter(|form| seen.insert(form.clone()))
        .collect();
    typed
        .into_iter()
        .map(|id| (id, Form::AsTyped))
        .chain(simplified.into_iter().map(|id| (id, Form::Simplified)))
        .collect()
}

fn derivers(packs: &[&Pack]) -> Vec<Deriver> {
    packs.iter().map(|pack| *pack.deriver()).collect()
}

/// One hash per (pack, identifier), pack by pack.
fn jobs(derivers: &[Deriver], identifiers: &[(Normalized, Form)]) -> Vec<(Deriver, Normalized)> {
    derivers
        .iter()
        .flat_map(|deriver| identifiers.iter().map(|(id, _)| (*deriver, id.clone())))
        .collect()
}

/// One argon2 worker per core, but no more than the default build memory budget holds buffers
/// for at the costliest pack's memory: each worker keeps one, and a check must not take gigabytes.
fn threads(derivers: &[Deriver]) -> usize {
    threads_on(
        std::thread::available_parallelism().map_or(1, usize::from),
        derivers,
    )
}

fn threads_on(cores: usize, derivers: &[Deriver]) -> usize {
    derivers
        .iter()
        .map(|deriver| {
            crate::keys::cost::buffers_within(crate::keys::cost::DEFAULT_MEMORY, deriver.cost())
        })
        .min()
        .unwrap_or(cores)
        .min(cores)
        .max(1)
}

/// The (pack, identifier) of the job at `index` in [`jobs`]' order.
fn job_of(index: usize, identifiers: usize) -> (usize, usize) {
    (index / identifiers, index % identifiers)
}

/// Looks every key up and folds the hits into one finding per (pack, breach).
/// `keys` are in the order of [`jobs`]: pack by pack, identifier by identifier.
fn findings(
    packs: &[&Pack],
    identifiers: &[(Normalized, Form)],
    keys: &[Key],
) -> Result<Vec<Finding>, PackError> {
    let mut found = Found::default();
    for (index, key) in keys.iter().enumerate() {
        let (pack, identifier) = job_of(index, identifiers.len());
        let (identifier, form) = &identifiers[identifier];
        found.add(pack, identifier.kind(), *form, packs[pack].lookup(key)?);
    }
    Ok(found.into_findings(packs))
}

/// What the hits in one breach add up to: the kinds that matched as typed, those that matched in
/// a Simplified form, and the classes of the matched records.
#[derive(Debug, Default)]
struct Hits {
    as_typed: Vec<Kind>,
    simplified: Vec<Kind>,
    classes: u64,
}

/// The hits of a check so far, by (pack, breach). The findings do not depend on the order the
/// hits came in.
#[derive(Debug, Default)]
struct Found(BTreeMap<(usize, usize), Hits>);

impl Found {
    fn add(&mut self, pack: usize, kind: Kind, form: Form, hits: Vec<Hit>) {
        for hit in hits {
            let found = self.0.entry((pack, hit.breach)).or_default();
            let kinds = match form {
                Form::AsTyped => &mut found.as_typed,
                Form::Simplified => &mut found.simplified,
            };
            if !kinds.contains(&kind) {
                kinds.push(kind);
            }
            found.classes |= hit.classes;
        }
    }

    fn into_findings(self, packs: &[&Pack]) -> Vec<Finding> {
        self.0
            .into_iter()
            .map(|((pack, breach), hits)| {
                let mut simplified: Vec<Kind> = hits
                    .simplified
                    .into_iter()
                    .filter(|kind| !hits.as_typed.contains(kind))
                    .collect();
                simplified.sort();
                let mut matched = hits.as_typed;
                matched.extend(&simplified);
                matched.sort();
                Finding {
                    pack,
                    breach,
                    matched,
                    matched_in_simplified: simplified,
                    data_classes: packs[pack].meta().classes.decode(hits.classes),
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests;
