//! `exposure pack synth` (DESIGN.md §6, docs/pack-format.md §6.4): a pack of random keys written
//! through the very writer builds use, labelled synthetic, so that scale can be measured and
//! tested without hashing a leak.
//!
//! Alone, it writes `count` random keys of one synthetic breach. From a small real pack, it keeps
//! that pack's salt, cost, region, classes, breaches and entries and adds `count` random keys
//! whose (breach, classes) pairs are drawn from the small pack's own, weighted by how many
//! entries each has, so that an entry costs the bytes a real one would; the small pack's people
//! are then found in a pack of any size. Nothing comes from the clock: the same options give the
//! same bytes. The entries are regenerated for each of the writer's two passes (§6.1), so no
//! temporary file of entries is needed whatever the count.

use std::collections::{BTreeMap, HashMap};
use std::iter::Peekable;
use std::path::Path;
use std::time::{Duration, Instant};

use exposure_core::classes::{ClassTable, STANDARD};
use exposure_core::identifier::{NORMALIZATION_VERSION, Region};
use exposure_core::keys::cost::Profile;
use exposure_core::keys::{Key, Salt};
use exposure_core::pack::{Breach, Pack, PackEntries, PackMeta, PackWriter, Text};
use exposure_core::progress::{Cancel, Phase, Progress};

use crate::pipeline::{BuildError, GENERATOR, Output};

mod random;

pub use random::{Pair, RandomEntries, SynthError};

/// What `pack synth` is asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SynthOptions {
    /// Random keys to add.
    pub entries: u64,
    pub seed: u64,
    /// Replace an existing file at the output even if it is not an Exposure pack (`--force`).
    pub overwrite: bool,
}

/// What `pack synth` wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SynthSummary {
    /// The pack's id.
    pub id: String,
    /// Entries kept from the `--from` pack.
    pub kept: u64,
    /// Random entries added.
    pub random: u64,
    pub pack_bytes: u64,
    pub elapsed: Duration,
}

/// The salt of a synthetic pack made without `--from`: its keys are random, not derived, so the
/// salt only has to be fixed for the same options to give the same bytes.
const SALT: Salt = Salt(*b"exposure-synth-0");

/// The creation time a synthetic pack made without `--from` states: a constant, not the clock.
const CREATED: &str = "2026-01-01T00:00:00Z";

/// The data classes of the one synthetic breach, and so of every random entry without `--from`.
const SYNTHETIC_CLASSES: [&str; 2] = ["names", "phone_numbers"];

/// Entries between two progress reports and looks at the cancel token.
const REPORT_EVERY: u64 = 1 << 16;

/// Writes at `out` a synthetic pack of `options.entries` random keys (plus `from`'s entries, if
/// given). As a build: the output is refused before any work if it is a folder, in a missing
/// folder, not a regular file, the `from` pack itself, or an existing file that is not a pack
/// (unless `options.overwrite`); the pack is written to a temporary file beside it and renamed
/// into place once complete; on any error or when `cancel` is set, nothing is left.
pub fn write_synthetic(
    out: &Path,
    options: SynthOptions,
    from: Option<&Pack>,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<SynthSummary, BuildError> {
    let started = Instant::now();
    let output = Output {
        path: out,
        inputs: from
            .map(|pack| pack.path().to_owned())
            .into_iter()
            .collect(),
        overwrite: options.overwrite,
    };
    output.check()?;
    let draft = output.draft()?;
    let (meta, breaches, pairs, kept) = match from {
        None => {
            let (meta, breaches, pairs) = alone(options);
            (meta, breaches, pairs, 0)
        }
        Some(pack) => {
            let (pairs, kept) = pairs_of(pack, cancel)?;
            if pairs.is_empty() && options.entries > 0 {
                return Err(BuildError::SynthFromEmpty {
                    path: pack.path().to_owned(),
                });
            }
            (
                derived(pack, options),
                pack.breaches().to_vec(),
                pairs,
                kept,
            )
        }
    };
    // Checked once here: the same arguments cannot fail in the writer's passes.
    let random_entries = || RandomEntries::new(options.entries, options.seed, &pairs).ok();
    if random_entries().is_none() {
        return Err(BuildError::SynthFromEmpty {
            path: out.to_owned(),
        });
    }
    let total = kept + options.entries;
    progress.start(Phase::Writing, 2 * total);
    let mut passes = 0;
    PackWriter::write_from(draft.path(), &meta, &breaches, || {
        let done_before = passes * total;
        passes += 1;
        Merged {
            kept: from.map(|pack| pack.entries().peekable()),
            random: random_entries().into_iter().flatten().peekable(),
            given: 0,
            done_before,
            progress,
            cancel,
        }
    })?;
    progress.finish(Phase::Writing);
    // A signal during the last entries still cancels: nothing is left to be taken for a pack.
    if cancel.is_cancelled() {
        return Err(BuildError::Cancelled);
    }
    draft.persist()?;
    let written = Pack::open(out)?;
    Ok(SynthSummary {
        id: meta.id,
        kept,
        random: written.meta().entry_count.saturating_sub(kept),
        pack_bytes: std::fs::metadata(out).map_or(0, |m| m.len()),
        elapsed: started.elapsed(),
    })
}

/// The meta, the one breach and the one pair of a synthetic pack made from nothing.
fn alone(options: SynthOptions) -> (PackMeta, Vec<Breach>, Vec<Pair>) {
    let classes = ClassTable::new(STANDARD.iter().map(|c| c.to_string()).collect())
        .expect("the standard classes make a table");
    let bits = SYNTHETIC_CLASSES
        .iter()
        .map(|class| classes.bit(class).expect("a standard class"))
        .fold(0, |bits, bit| bits | bit);
    let count = options.entries;
    let meta = PackMeta {
        id: format!("synthetic-{count}-seed-{}", options.seed),
        title: Text::Localized(BTreeMap::from([
            ("en".to_owned(), format!("Synthetic: {count} random keys")),
            ("zh-CN".to_owned(), format!("合成数据：{count} 个随机密钥")),
            ("zh-TW".to_owned(), format!("合成資料：{count} 個隨機金鑰")),
        ])),
        curator: "exposure pack synth".to_owned(),
        created: CREATED.to_owned(),
        salt: SALT,
        cost: Profile::Test.cost(),
        default_region: Region::default(),
        entry_count: 0,
        classes,
        demo: false,
        synthetic: true,
        format_version: exposure_core::pack::FORMAT_VERSION,
        generator: GENERATOR.to_owned(),
        normalization: NORMALIZATION_VERSION,
    };
    let breach = Breach {
        index: 0,
        slug: "synthetic".to_owned(),
        title: Text::Plain("Synthetic random keys".to_owned()),
        description: Text::default(),
        date: None,
        record_count: count,
        data_classes: SYNTHETIC_CLASSES.iter().map(|c| c.to_string()).collect(),
        verified: false,
        sensitive: false,
    };
    let pair = Pair {
        breach: 0,
        classes: bits,
        weight: 1,
    };
    (meta, vec![breach], vec![pair])
}

/// `from`'s meta for a synthetic pack grown from it: its id says so (a library holds one pack
/// per id, and this is another pack), the rest is kept so that its people's keys still match.
fn derived(from: &Pack, options: SynthOptions) -> PackMeta {
    let mut meta = from.meta().clone();
    meta.id = format!(
        "{}-synthetic-{}-seed-{}",
        meta.id, options.entries, options.seed
    );
    meta.synthetic = true;
    meta.generator = GENERATOR.to_owned();
    meta
}

/// `from`'s (breach, classes) pairs weighted by their entries, in pair order, and its number
/// of entries: one pass over its entries.
fn pairs_of(from: &Pack, cancel: &Cancel) -> Result<(Vec<Pair>, u64), BuildError> {
    let mut counts: HashMap<(u32, u64), u64> = HashMap::new();
    let mut kept = 0u64;
    for entry in from.entries() {
        let (_, breach, classes) = entry?;
        *counts.entry((breach, classes)).or_default() += 1;
        kept += 1;
        if kept.is_multiple_of(REPORT_EVERY) && cancel.is_cancelled() {
            return Err(BuildError::Cancelled);
        }
    }
    let mut pairs: Vec<Pair> = counts
        .into_iter()
        .map(|((breach, classes), weight)| Pair {
            breach,
            classes,
            weight,
        })
        .collect();
    // A fixed order: the draws of a seed must not depend on a hash map's.
    pairs.sort_unstable_by_key(|pair| (pair.breach, pair.classes));
    Ok((pairs, kept))
}

/// One pass of the writer over the kept entries and the random ones, merged in (key, breach)
/// order; a random key equal to a kept one is left out. Reports progress and stops when
/// cancelled.
struct Merged<'a> {
    kept: Option<Peekable<PackEntries<'a>>>,
    random: Peekable<std::iter::Flatten<std::option::IntoIter<RandomEntries>>>,
    given: u64,
    /// Entries given by earlier passes, for the progress bar.
    done_before: u64,
    progress: &'a dyn Progress,
    cancel: &'a Cancel,
}

impl Merged<'_> {
    fn next_entry(&mut self) -> Option<Result<(Key, u32, u64), BuildError>> {
        let kept_key = match self.kept.as_mut().and_then(Peekable::peek) {
            Some(Ok((key, _, _))) => Some(*key),
            Some(Err(_)) => return self.kept.as_mut()?.next().map(|e| e.map_err(Into::into)),
            None => None,
        };
        loop {
            let random_key = self.random.peek().map(|(key, _, _)| *key);
            return match (kept_key, random_key) {
                (Some(kept), Some(random)) if random == kept => {
                    self.random.next();
                    continue;
                }
                (Some(kept), Some(random)) if random < kept => self.random.next().map(Ok),
                (Some(_), _) => self.kept.as_mut()?.next().map(|e| e.map_err(Into::into)),
                (None, _) => self.random.next().map(Ok),
            };
        }
    }
}

impl Iterator for Merged<'_> {
    type Item = Result<(Key, u32, u64), BuildError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.given.is_multiple_of(REPORT_EVERY) {
            self.progress.update(self.done_before + self.given, 0);
            if self.cancel.is_cancelled() {
                return Some(Err(BuildError::Cancelled));
            }
        }
        let next = self.next_entry()?;
        self.given += 1;
        Some(next)
    }
}

#[cfg(test)]
mod tests;
