//! The pack builder: from a checked [`Plan`] and its dumps to a pack file.
//!
//! Three phases. *Read*: stream every row, normalize its identifiers with the very normalizers the
//! checker uses, and gather, per distinct identifier, the breaches it is in and the classes of
//! its records. *Derive*: one argon2id key per distinct identifier (never one per row: the same
//! phone number in a million rows costs one hash), spread over every core. *Write*: entries sorted
//! by key into a temporary file beside the output, renamed over it only when complete, so a failed
//! or cancelled build never leaves a pack, or half of one, behind.
//!
//! Nothing the builder reports contains an identifier: problems carry a file, a line number, a
//! reason and a masked value (`138****8000`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use time::Date;

use crate::dump::{Record, Row, RowProblem, SourceReader};
use crate::identifier::{Invalid, Kind, Normalized, Normalizer, mask, national_id_birth_date};
use crate::keys::{Cost, Deriver, Key, KeyError, Salt, release_workers};
use crate::l10n::Message;
use crate::pack::{Breach, PackError, PackMeta, PackWriter};
use crate::plan::{Field, Plan};

/// Choices for one build beyond the plan.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub cost: Cost,
    /// Worker threads for key derivation; `None` means one per core.
    pub threads: Option<usize>,
    /// Fixed only for reproducible builds (the demo, tests); otherwise random per pack.
    pub salt: Option<Salt>,
    /// RFC 3339 creation time; fixed only for reproducible builds.
    pub created: Option<String>,
    /// "Today", for refusing dates of birth in the future; fixed only for reproducible builds.
    pub today: Option<Date>,
    /// Marks the pack as built from synthetic demo data.
    pub demo: bool,
}

impl BuildOptions {
    pub fn new(cost: Cost) -> BuildOptions {
        BuildOptions {
            cost,
            threads: None,
            salt: None,
            created: None,
            today: None,
            demo: false,
        }
    }
}

/// The phases a build reports progress in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Units: bytes of the dump files.
    Reading,
    /// Units: keys.
    Deriving,
    /// Units: entries.
    Writing,
}

/// Receives progress; the CLI draws bars from it. Called from the building thread only.
pub trait Progress: Sync {
    fn start(&self, phase: Phase, total: u64);
    /// `done` units of the phase so far; `rows` read so far.
    fn update(&self, done: u64, rows: u64);
    fn finish(&self, phase: Phase);
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {
    fn start(&self, _: Phase, _: u64) {}
    fn update(&self, _: u64, _: u64) {}
    fn finish(&self, _: Phase) {}
}

/// One located problem, safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    pub line: u64,
    pub reason: ProblemReason,
    /// The offending value, masked; empty for whole-row problems.
    pub masked: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ProblemReason {
    Row(RowProblem),
    Value(Kind, Invalid),
}

impl ProblemReason {
    pub fn message(self) -> Message {
        match self {
            ProblemReason::Row(problem) => Message::new(problem.message_id()),
            ProblemReason::Value(kind, invalid) => Message::new("build-rejected-value")
                .arg("kind", Message::new(kind.message_id()).to_string())
                .arg("reason", Message::from(invalid).to_string()),
        }
    }
}

/// How many located examples a build keeps per reason: enough to find the pattern, few enough
/// that a billion bad rows don't fill the memory.
pub const EXAMPLES_PER_REASON: usize = 5;

/// What a build did.
#[derive(Debug, Clone, Default)]
pub struct BuildSummary {
    pub rows_read: u64,
    /// Rows that gave at least one key.
    pub rows_used: u64,
    pub rows_skipped: BTreeMap<RowProblem, u64>,
    pub values_rejected: BTreeMap<(Kind, Invalid), u64>,
    /// Located examples of each problem, at most [`EXAMPLES_PER_REASON`] per reason.
    pub examples: Vec<Problem>,
    /// Distinct identifiers, that is keys derived, per kind.
    pub keys: BTreeMap<Kind, u64>,
    pub entries: u64,
    pub pack_bytes: u64,
    pub elapsed: Duration,
    pub derive_elapsed: Duration,
}

impl BuildSummary {
    pub fn total_keys(&self) -> u64 {
        self.keys.values().sum()
    }

    fn problem(&mut self, file: &Path, line: u64, reason: ProblemReason, masked: String) {
        let count = match reason {
            ProblemReason::Row(problem) => self.rows_skipped.entry(problem).or_default(),
            ProblemReason::Value(kind, invalid) => {
                self.values_rejected.entry((kind, invalid)).or_default()
            }
        };
        *count += 1;
        if *count as usize <= EXAMPLES_PER_REASON {
            self.examples.push(Problem {
                file: file.to_owned(),
                line,
                reason,
                masked,
            });
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    #[error("{}", Message::from(self))]
    Read { path: PathBuf, reason: String },
    #[error("{}", Message::from(self))]
    Write { path: PathBuf, reason: String },
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Cost(#[from] KeyError),
    /// A CSV/TSV row beyond [`crate::dump::MAX_ROW_BYTES`]: the rest of the file cannot be trusted
    /// to split into the right rows.
    #[error("{}", Message::from(self))]
    RowTooLong { path: PathBuf },
    #[error("{}", Message::from(self))]
    TooManyBreaches,
    #[error("{}", Message::from(self))]
    Cancelled,
}

impl From<&BuildError> for Message {
    fn from(error: &BuildError) -> Message {
        match error {
            BuildError::Read { path, reason } => Message::new("build-read-failed")
                .arg("path", path.as_path())
                .arg("reason", reason.as_str()),
            BuildError::Write { path, reason } => Message::new("build-write-failed")
                .arg("path", path.as_path())
                .arg("reason", reason.as_str()),
            BuildError::Pack(error) => Message::from(error),
            BuildError::Cost(error) => Message::from(error),
            BuildError::RowTooLong { path } => Message::new("build-row-too-long")
                .arg("path", path.as_path())
                .arg("max", crate::dump::MAX_ROW_BYTES),
            BuildError::TooManyBreaches => Message::new("build-too-many-breaches"),
            BuildError::Cancelled => Message::new("build-cancelled"),
        }
    }
}

/// Gathers what the rows say, per distinct identifier.
struct Gathered {
    /// Distinct identifiers, numbered in order of first appearance.
    ids: HashMap<Normalized, u32>,
    /// (identifier number, breach) → classes of the matched records.
    entries: HashMap<(u32, u32), u64>,
}

/// Builds the pack of `plan` at `out`. On any error, or when `cancel` is set, nothing is left at
/// `out` (an existing file there is untouched) and no temporary file remains.
pub fn build(
    plan: &Plan,
    out: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    cancel: &AtomicBool,
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let salt = options.salt.unwrap_or_else(Salt::random);
    let deriver = Deriver::new(salt, options.cost)?;
    let breach_count =
        u32::try_from(plan.breaches.len()).map_err(|_| BuildError::TooManyBreaches)?;
    let normalizer = match options.today {
        Some(today) => Normalizer::with_today(plan.default_region, today),
        None => Normalizer::new(plan.default_region),
    };
    let classes = plan.class_table();
    let mut summary = BuildSummary::default();
    let mut gathered = Gathered {
        ids: HashMap::new(),
        entries: HashMap::new(),
    };
    let mut record_counts = vec![0u64; breach_count as usize];

    progress.start(Phase::Reading, plan.total_bytes());
    let mut bytes_before = 0u64;
    for (breach_index, breach) in plan.breaches.iter().enumerate() {
        let breach_index = breach_index as u32;
        for source in &breach.sources {
            let read_error = |e: std::io::Error| {
                if crate::dump::RowTooLong::is(&e) {
                    BuildError::RowTooLong {
                        path: source.path.clone(),
                    }
                } else {
                    BuildError::Read {
                        path: source.path.clone(),
                        reason: e.to_string(),
                    }
                }
            };
            let mut reader = SourceReader::open(source).map_err(read_error)?;
            let bits: Vec<u64> = source
                .columns
                .iter()
                .map(|(_, field)| field.class().and_then(|c| classes.bit(c)).unwrap_or(0))
                .collect();
            while let Some(row) = reader.next_row().map_err(read_error)? {
                summary.rows_read += 1;
                match row {
                    Row::Bad { line, problem } => {
                        summary.problem(
                            &source.path,
                            line,
                            ProblemReason::Row(problem),
                            String::new(),
                        );
                    }
                    Row::Record(record) => {
                        record_counts[breach_index as usize] += 1;
                        let identifiers =
                            record_identifiers(&normalizer, source, &record, &mut summary);
                        if identifiers.is_empty() {
                            summary.problem(
                                &source.path,
                                record.line,
                                ProblemReason::Row(RowProblem::NoIdentifier),
                                String::new(),
                            );
                            continue;
                        }
                        summary.rows_used += 1;
                        let record_classes =
                            record.values.iter().fold(0, |acc, v| acc | bits[v.column]);
                        for identifier in identifiers {
                            let next = gathered.ids.len() as u32;
                            let id = *gathered.ids.entry(identifier).or_insert(next);
                            *gathered.entries.entry((id, breach_index)).or_default() |=
                                record_classes;
                        }
                    }
                }
                if summary.rows_read % 4096 == 0 {
                    progress.update(bytes_before + reader.bytes_read(), summary.rows_read);
                    if cancel.load(Ordering::Relaxed) {
                        return Err(BuildError::Cancelled);
                    }
                }
            }
            bytes_before += reader.bytes_read();
            progress.update(bytes_before, summary.rows_read);
        }
    }
    progress.finish(Phase::Reading);

    let derive_started = Instant::now();
    let keys = derive_keys(
        &deriver,
        gathered.ids,
        options.threads,
        progress,
        cancel,
        &mut summary,
    )?;
    summary.derive_elapsed = derive_started.elapsed();

    let mut entries: Vec<(Key, u32, u64)> = gathered
        .entries
        .into_iter()
        .map(|((id, breach), classes)| (keys[id as usize], breach, classes))
        .collect();
    entries.par_sort_unstable_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));

    let meta = PackMeta {
        id: plan.id.clone(),
        title: plan.title.clone(),
        curator: plan.curator.clone(),
        created: options.created.clone().unwrap_or_else(now_rfc3339),
        salt,
        cost: options.cost,
        default_region: plan.default_region,
        entry_count: entries.len() as u64,
        classes,
        demo: options.demo,
        generator: concat!("exposure ", env!("CARGO_PKG_VERSION")).to_owned(),
    };
    let breaches: Vec<Breach> = plan
        .breaches
        .iter()
        .zip(&record_counts)
        .enumerate()
        .map(|(i, (breach, records))| Breach {
            index: i as u32,
            slug: breach.slug.clone(),
            title: breach.title.clone(),
            description: breach.description.clone(),
            date: breach.date.clone(),
            record_count: *records,
            data_classes: breach.data_classes.clone(),
            verified: breach.verified,
            sensitive: breach.sensitive,
        })
        .collect();

    let directory = match out.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let write_error = |e: std::io::Error| BuildError::Write {
        path: out.to_owned(),
        reason: e.to_string(),
    };
    let temporary = tempfile::Builder::new()
        .prefix(".exposure-build-")
        .suffix(".tmp")
        .tempfile_in(directory)
        .map_err(write_error)?;
    progress.start(Phase::Writing, entries.len() as u64);
    let mut writer = PackWriter::create(temporary.path(), &meta, &breaches)?;
    for (i, (key, breach, classes)) in entries.iter().enumerate() {
        writer.push(key, *breach, *classes)?;
        if i % 65_536 == 0 {
            progress.update(i as u64, summary.rows_read);
            if cancel.load(Ordering::Relaxed) {
                return Err(BuildError::Cancelled);
            }
        }
    }
    summary.entries = writer.entries();
    writer.finish()?;
    progress.finish(Phase::Writing);
    temporary.persist(out).map_err(|e| write_error(e.error))?;
    summary.pack_bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Normalizes every identifier of one record. Rejected values are counted, never kept.
fn record_identifiers(
    normalizer: &Normalizer,
    source: &crate::plan::Source,
    record: &Record,
    summary: &mut BuildSummary,
) -> Vec<Normalized> {
    let mut identifiers = Vec::new();
    let mut names = Vec::new();
    let mut dates = Vec::new();
    for value in &record.values {
        let field = &source.columns[value.column].1;
        let kind = match field {
            Field::Email => Kind::Email,
            Field::Phone => Kind::Phone,
            Field::NationalIdCn => Kind::NationalId,
            Field::Username => Kind::Username,
            Field::Name => {
                names.push(&value.text);
                continue;
            }
            Field::Dob => {
                match normalizer.date_of_birth(&value.text) {
                    Ok(date) => dates.push(date),
                    Err(invalid) => summary.problem(
                        &source.path,
                        record.line,
                        ProblemReason::Value(Kind::NameDob, invalid),
                        mask(&value.text),
                    ),
                }
                continue;
            }
            _ => continue,
        };
        match normalizer.normalize(kind, &value.text) {
            Ok(normalized) => {
                if let Some(date) = national_id_birth_date(&normalized) {
                    dates.push(date);
                }
                identifiers.push(normalized);
            }
            Err(invalid) => summary.problem(
                &source.path,
                record.line,
                ProblemReason::Value(kind, invalid),
                mask(&value.text),
            ),
        }
    }
    dates.sort_unstable();
    dates.dedup();
    for name in names {
        for date in &dates {
            if let Some(normalized) = normalizer.name_with_birth_date(name, *date) {
                identifiers.push(normalized);
            }
        }
    }
    identifiers
}

/// One key per distinct identifier, in identifier-number order, on `threads` workers.
fn derive_keys(
    deriver: &Deriver,
    ids: HashMap<Normalized, u32>,
    threads: Option<usize>,
    progress: &dyn Progress,
    cancel: &AtomicBool,
    summary: &mut BuildSummary,
) -> Result<Vec<Key>, BuildError> {
    let mut ordered: Vec<(Normalized, u32)> = ids.into_iter().collect();
    ordered.sort_unstable_by_key(|(_, id)| *id);
    for (identifier, _) in &ordered {
        *summary.keys.entry(identifier.kind()).or_default() += 1;
    }
    let identifiers: Vec<Normalized> = ordered
        .into_iter()
        .map(|(identifier, _)| identifier)
        .collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads.unwrap_or(0))
        .thread_name(|i| format!("exposure-derive-{i}"))
        .build()
        .map_err(|e| BuildError::Write {
            path: PathBuf::new(),
            reason: e.to_string(),
        })?;
    progress.start(Phase::Deriving, identifiers.len() as u64);
    // Chunks big enough to keep every worker busy, small enough to report progress and notice a
    // cancellation within a second or so at any profile.
    let chunk = (pool.current_num_threads() * 64).max(64);
    let mut keys = Vec::with_capacity(identifiers.len());
    pool.install(|| -> Result<(), BuildError> {
        for part in identifiers.chunks(chunk) {
            if cancel.load(Ordering::Relaxed) {
                return Err(BuildError::Cancelled);
            }
            keys.par_extend(part.par_iter().with_max_len(1).map(|id| deriver.derive(id)));
            progress.update(keys.len() as u64, summary.rows_read);
        }
        release_workers();
        Ok(())
    })?;
    progress.finish(Phase::Deriving);
    Ok(keys)
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
