//! The pack builder: from a checked [`Plan`] and its dumps to a pack file.
//!
//! Nearly all the work of a build is argon2id, one hash per distinct identifier (never one per
//! row: the same phone number in a million rows costs one hash), so everything else is arranged
//! to keep every core hashing from the first distinct identifier to the last. A reader thread
//! parses the dumps ahead in batches; the rayon pool normalizes each batch with the very
//! normalizers the checker uses; the building thread folds the results into the tables in row
//! order, so counts, row numbers and examples are exactly those of a serial read; and each
//! identifier goes to the argon2 workers the moment it is first seen, so reading overlaps hashing.
//!
//! Memory stays under a budget whatever the dump's size: the tables know identifiers only by a
//! keyed 16-byte identity, normalized forms live only until their key is derived, and when the
//! tables outgrow the budget they are written out as a sorted run of keys ([`crate::spill`]) and
//! started afresh. The pack is written from the merge of the runs, through a temporary file
//! beside the output, made before the first row is read and renamed over the output only when
//! complete, so a failed or cancelled build never leaves a pack, or half of one, behind; spilled
//! runs have no name on disk, so nothing of them outlives the build however it ends. The output
//! itself is checked before any work: a build never writes over a folder, a device, a pipe, one
//! of its own inputs, or (unless told to) a file that is not a pack.
//!
//! A build can also be split over machines ([`crate::shard`]): each part reads every row but
//! derives only the identifiers that fall in it, and [`merge_parts`] joins the parts into the
//! pack a single build would have written.
//!
//! Nothing the builder reports contains an identifier: problems carry a file, a position (a line;
//! in a SQL dump the statement and tuple; in a sheet the cell), a reason and a masked value
//! (`138****8000`).

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, mpsc};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use time::Date;

use crate::dump::{ArchiveProblem, Position, Record, Row, RowProblem, SourceReader};
use crate::plan::Plan;
use crate::shard::{
    Identity, PackHead, Part, PartDamaged, PartHeader, SET_FILE, Shard, ShardError, ShardSet,
    check_parts, write_atomically, write_part,
};
use crate::source::{Column, Encoding, Field, Source};
use crate::spill::{
    Entry, EntrySource, FAN_IN, Merge, OutOfOrder, Run, SourceFailed, reduce_runs, sort_entries,
};
use exposure_core::identifier::{
    Invalid, Kind, NORMALIZATION_VERSION, Normalized, Normalizer, mask, national_id_birth_date,
};
use exposure_core::keys::cost::{Cost, DEFAULT_MEMORY, buffers_within};
use exposure_core::keys::{Deriver, KEY_LEN, Key, KeyError, Salt, release_thread};
use exposure_core::l10n::{Message, io_reason};
use exposure_core::pack::{Breach, PackError, PackMeta, PackWriter};
use exposure_core::progress::{Cancel, Phase, Progress};

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
    /// Bytes the build aims to stay under; its tables spill to disk beyond that.
    pub memory: u64,
    /// Replace an existing file at the output even if it is not an Exposure pack (`--force`).
    pub overwrite: bool,
    /// Files the build reads besides the plan and its dumps (a shard set): its output must
    /// never be one of them.
    pub inputs: Vec<PathBuf>,
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
            memory: DEFAULT_MEMORY,
            overwrite: false,
            inputs: Vec::new(),
        }
    }
}

/// One located problem, safe to print.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// The row, or the cell of the refused value when the dump has cells (a sheet).
    pub position: Position,
    pub reason: ProblemReason,
    /// The offending value, masked, or a repeated JSON key as it may be shown; empty for other
    /// whole-row problems.
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
    /// From the start until the last key was derived (reading and deriving overlap).
    pub derive_elapsed: Duration,
    /// Argon2 hashes computed: the distinct keys, plus any identifier derived again after its
    /// table was spilled.
    pub hashes: u64,
    /// Sorted runs spilled to disk to stay within the memory budget.
    pub runs: u64,
    /// JSON paths of the plan that no row of their source (file, path) held, though it had rows:
    /// a misspelt path maps nothing and would lose its whole column silently.
    pub unmatched_paths: Vec<(PathBuf, String)>,
    /// The encoding `auto` chose for each source (file) that asked for it, and from how many of
    /// its first bytes.
    pub encodings_detected: Vec<(PathBuf, Encoding, u64)>,
}

impl BuildSummary {
    pub fn total_keys(&self) -> u64 {
        self.keys.values().sum()
    }

    /// Rows that gave no key: skipped, or without a usable identifier.
    pub fn rows_lost(&self) -> u64 {
        self.rows_read.saturating_sub(self.rows_used)
    }

    /// Whether more than half of the rows gave no key: a wrong encoding, column or format far
    /// more often than a dump that bad, and worth a warning.
    pub fn most_rows_lost(&self) -> bool {
        self.rows_lost() > self.rows_read / 2
    }

    /// The reason most rows were lost for, with its count.
    pub fn commonest_loss(&self) -> Option<(RowProblem, u64)> {
        self.rows_skipped
            .iter()
            .map(|(problem, count)| (*problem, *count))
            .max_by_key(|(_, count)| *count)
    }

    fn problem(&mut self, file: &Path, at: &Position, reason: ProblemReason, masked: String) {
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
                position: at.clone(),
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
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", Message::from(self))]
    Write {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The system would not start one more thread (too many threads, or too little memory).
    #[error("{}", Message::from(self))]
    Thread(#[source] std::io::Error),
    /// `threads` argon2 buffers do not fit in the memory budget; `fit` do.
    #[error("{}", Message::from(self))]
    TooManyThreads {
        threads: usize,
        fit: usize,
        cost: Cost,
        memory: u64,
    },
    #[error(transparent)]
    Pack(#[from] PackError),
    #[error(transparent)]
    Cost(#[from] KeyError),
    /// A CSV/TSV row beyond [`crate::dump::MAX_ROW_BYTES`]: the rest of the file cannot be trusted
    /// to split into the right rows.
    #[error("{}", Message::from(self))]
    RowTooLong { path: PathBuf },
    /// A CSV file that ends inside a quoted field: the quote opened on `line` swallowed every row
    /// after it.
    #[error("{}", Message::from(self))]
    UnclosedQuote { path: PathBuf, line: u64 },
    /// A compressed dump that cannot be read on: a bomb, a damaged member.
    #[error("{}", Message::from(self))]
    Archive {
        path: PathBuf,
        #[source]
        problem: ArchiveProblem,
    },
    /// A workbook that the plan could open but that fails partway through its sheet (a damaged
    /// archive or sheet XML).
    #[error("{}", Message::from(self))]
    Workbook {
        path: PathBuf,
        #[source]
        problem: crate::dump::WorkbookProblem,
    },
    /// No row gave a key: a pack would be empty, and the plan or the dumps are surely wrong.
    #[error("{}", Message::from(self))]
    NoKeys {
        rows_read: u64,
        /// The commonest reason rows were lost for, and how many.
        commonest: Option<(RowProblem, u64)>,
    },
    #[error("{}", Message::from(self))]
    TooManyBreaches,
    #[error("{}", Message::from(self))]
    Cancelled,
    #[error(transparent)]
    Shard(#[from] ShardError),
    /// Sorted records that came back unsorted: a damaged part, or the build's own spilled runs.
    #[error(transparent)]
    OutOfOrder(#[from] OutOfOrder),
    /// The output ends with a path separator or is an existing folder.
    #[error("{}", Message::from(self))]
    OutputIsFolder { path: PathBuf },
    /// The output's folder does not exist.
    #[error("{}", Message::from(self))]
    OutputFolderMissing { path: PathBuf },
    /// The output exists and is not a regular file: a device, a pipe, a socket.
    #[error("{}", Message::from(self))]
    OutputNotAFile { path: PathBuf },
    /// The output is a file the build reads: its plan, a dump, the shard set, a part.
    #[error("{}", Message::from(self))]
    OutputIsInput { path: PathBuf },
    /// The output exists and is not a pack, and replacing it was not asked for.
    #[error("{}", Message::from(self))]
    OutputNotAPack { path: PathBuf },
    /// Windows only: the output is open in a program that does not let it be replaced.
    #[error("{}", Message::from(self))]
    OutputInUse { path: PathBuf },
    /// `pack synth --from` a pack with no entry: random keys would have no breach to be in.
    #[error("{}", Message::from(self))]
    SynthFromEmpty { path: PathBuf },
}

impl From<&BuildError> for Message {
    fn from(error: &BuildError) -> Message {
        match error {
            BuildError::Read { path, source } => Message::new("build-read-failed")
                .arg("path", path.as_path())
                .arg("reason", io_reason(source.kind()).to_string()),
            BuildError::Write { path, source } => Message::new("build-write-failed")
                .arg("path", path.as_path())
                .arg("reason", io_reason(source.kind()).to_string()),
            BuildError::Thread(source) => Message::new("build-thread-failed")
                .arg("reason", io_reason(source.kind()).to_string()),
            BuildError::TooManyThreads {
                threads,
                fit,
                cost,
                memory,
            } => Message::new("build-too-many-threads")
                .arg("threads", *threads)
                .arg("fit", *fit)
                .arg("per_thread", cost.m_kib.div_ceil(1024))
                .arg("memory", memory >> 20),
            BuildError::Pack(error) => Message::from(error),
            BuildError::Cost(error) => Message::from(error),
            BuildError::RowTooLong { path } => Message::new("build-row-too-long")
                .arg("path", path.as_path())
                .arg("max", crate::dump::MAX_ROW_BYTES),
            BuildError::UnclosedQuote { path, line } => Message::new("build-unclosed-quote")
                .arg("path", path.as_path())
                .arg("line", *line),
            BuildError::Archive { path, problem } => Message::new("build-archive-failed")
                .arg("path", path.as_path())
                .arg("reason", Message::from(problem).to_string()),
            BuildError::Workbook { path, .. } => {
                Message::new("build-workbook-unreadable").arg("path", path.as_path())
            }
            BuildError::NoKeys {
                rows_read,
                commonest,
            } => {
                let (count, reason) = commonest.map_or((0, String::new()), |(problem, count)| {
                    (count, Message::new(problem.message_id()).to_string())
                });
                Message::new("build-no-keys")
                    .arg("rows", *rows_read)
                    .arg("count", count)
                    .arg("reason", reason)
            }
            BuildError::TooManyBreaches => Message::new("build-too-many-breaches"),
            BuildError::Cancelled => Message::new("build-cancelled"),
            BuildError::Shard(error) => Message::from(error),
            BuildError::OutOfOrder(error) => Message::from(error),
            BuildError::OutputIsFolder { path } => {
                Message::new("build-output-is-folder").arg("path", path.as_path())
            }
            BuildError::OutputFolderMissing { path } => {
                Message::new("build-output-folder-missing").arg("path", path.as_path())
            }
            BuildError::OutputNotAFile { path } => {
                Message::new("build-output-not-a-file").arg("path", path.as_path())
            }
            BuildError::OutputIsInput { path } => {
                Message::new("build-output-is-input").arg("path", path.as_path())
            }
            BuildError::OutputNotAPack { path } => {
                Message::new("build-output-not-a-pack").arg("path", path.as_path())
            }
            BuildError::OutputInUse { path } => {
                Message::new("build-output-in-use").arg("path", path.as_path())
            }
            BuildError::SynthFromEmpty { path } => {
                Message::new("synth-from-empty").arg("path", path.as_path())
            }
        }
    }
}

/// Rows per batch: enough to keep every normalizer busy, few enough to stay small in memory.
const BATCH_ROWS: usize = 2048;
/// Bytes of dump per batch at most (but one row): rows with huge fields make small batches, so
/// the batches in flight stay a few tens of megabytes whatever the rows look like.
const BATCH_BYTES: u64 = 4 << 20;
/// Batches read ahead of the normalizers.
const BATCHES_AHEAD: usize = 4;
/// Identifiers per derivation job: a few milliseconds of argon2 each, so that handing jobs over
/// (a wake-up, a context switch, caches refilled) costs next to nothing at the cheap profiles,
/// and workers still finish together at the costly ones.
fn job_ids(cost: Cost) -> usize {
    let work = u64::from(cost.m_kib) * u64::from(cost.t);
    (16_384 / work.max(1)).clamp(1, 256) as usize
}
/// Jobs queued per worker: enough that the folding thread fills the queue in bursts and then
/// sleeps, rather than waking for every job.
const JOBS_QUEUED: usize = 16;
/// Estimated bytes of the builder's tables per distinct identifier (hash map slot at its worst
/// load, key, kind) and per entry (map slot, and its sorted copy when the run is written).
const ID_BYTES: u64 = 64;
const ENTRY_BYTES: u64 = 72;
/// Memory taken whatever the tables hold: the program, SQLite's page cache, queued batches.
const BASELINE_BYTES: u64 = 48 << 20;
/// The smallest table budget, so a tiny `--memory` spills often rather than never.
const MIN_TABLE_BYTES: u64 = 64 << 10;

/// The most argon2 workers a build runs: beyond the cores, a worker only adds a buffer.
pub const MAX_THREADS: usize = 256;

/// How many argon2 workers a build runs. Each keeps a buffer of the cost's memory, which counts
/// in the memory budget: an explicit number that does not fit is refused before any work, and by
/// default there is one per core, but no more than fit (always at least one).
fn worker_threads(options: &BuildOptions) -> Result<usize, BuildError> {
    let fit = buffers_within(options.memory, options.cost).min(MAX_THREADS);
    match options.threads {
        Some(threads) if threads > fit => Err(BuildError::TooManyThreads {
            threads,
            fit,
            cost: options.cost,
            memory: options.memory,
        }),
        Some(threads) => Ok(threads.max(1)),
        None => Ok(std::thread::available_parallelism()
            .map_or(1, usize::from)
            .min(fit)),
    }
}

/// The bytes the builder's tables may take before they are spilled to a sorted run: the budget,
/// less what the argon2 workers and the rest of the program need anyway.
fn table_budget(memory: u64, cost: Cost, threads: usize) -> u64 {
    let argon2 = threads as u64 * u64::from(cost.m_kib) * 1024;
    memory
        .saturating_sub(argon2 + BASELINE_BYTES)
        .max(MIN_TABLE_BYTES)
}

/// One source of the plan, as the reader and normalizers see it.
struct SourceInfo<'a> {
    breach: u32,
    source: &'a Source,
    /// Class bit of each mapped column.
    bits: Vec<u64>,
}

impl SourceInfo<'_> {
    /// Every source of the plan, in plan order, with the class bits of its columns.
    fn of_plan(plan: &Plan) -> Vec<SourceInfo<'_>> {
        let classes = plan.class_table();
        plan.breaches
            .iter()
            .enumerate()
            .flat_map(|(breach, plan_breach)| {
                let classes = &classes;
                plan_breach.sources.iter().map(move |source| SourceInfo {
                    breach: breach as u32,
                    source,
                    bits: source
                        .columns
                        .iter()
                        .map(|(_, field)| field.class().and_then(|c| classes.bit(c)).unwrap_or(0))
                        .collect(),
                })
            })
            .collect()
    }
}

/// A batch of rows of one source, read ahead of the normalizers.
struct Batch {
    source: usize,
    rows: Vec<Row>,
    /// Bytes of all dumps consumed once this batch was read.
    bytes: u64,
}

/// What one row gave once normalized, before it meets the other rows.
enum Outcome {
    /// A skipped row, and what of it may be shown (a repeated JSON key), if anything.
    Bad(RowProblem, String),
    Record {
        identifiers: Vec<Normalized>,
        /// Each refused value: why, masked, and its column in the source.
        problems: Vec<(ProblemReason, String, usize)>,
        classes: u64,
    },
}

/// Identifiers waiting for their keys, with their number in the table.
type Job = Vec<(u32, Normalized)>;

/// The distinct identifiers seen since the last spill, and their entries. Identifiers are held
/// only by their keyed 16-byte identity; the normalized form lives only until its key is derived.
struct Table {
    seen: HashMap<[u8; 16], u32>,
    kinds: Vec<Kind>,
    keys: Vec<Key>,
    /// (identifier number, breach) → classes of the matched records.
    entries: HashMap<(u32, u32), u64>,
}

impl Table {
    fn new() -> Table {
        Table {
            seen: HashMap::new(),
            kinds: Vec::new(),
            keys: Vec::new(),
            entries: HashMap::new(),
        }
    }

    fn id_bytes(&self) -> u64 {
        self.kinds.len() as u64 * ID_BYTES
    }

    fn bytes(&self) -> u64 {
        self.id_bytes() + self.entries.len() as u64 * ENTRY_BYTES
    }

    /// The entries, once every key is in. The identifiers and their keys stay unless `forget`:
    /// while they fit, an identifier seen again after a spill is not derived again.
    fn take(&mut self, forget: bool) -> Vec<Entry> {
        let entries: Vec<Entry> = self
            .entries
            .drain()
            .map(|((id, breach), classes)| Entry {
                key: self.keys[id as usize],
                breach,
                classes,
                kind: self.kinds[id as usize],
            })
            .collect();
        if forget {
            *self = Table::new();
        } else {
            self.entries.shrink_to_fit();
        }
        entries
    }
}

/// What the reading and deriving phases leave for the writer.
struct Gathered {
    /// Runs spilled to disk, each sorted.
    runs: Vec<Run>,
    /// The entries still in memory, sorted.
    tail: Vec<Entry>,
    record_counts: Vec<u64>,
    summary: BuildSummary,
}

impl Gathered {
    fn entry_bound(&self) -> u64 {
        self.runs.iter().map(Run::records).sum::<u64>() + self.tail.len() as u64
    }

    /// Every run and the tail, merged; many runs are first merged in rounds beside `directory`.
    fn merge(
        self,
        directory: &Path,
    ) -> std::io::Result<(Merge<Box<dyn EntrySource>>, BuildSummary)> {
        let runs = reduce_runs(directory, self.runs, FAN_IN)?;
        let mut sources: Vec<Box<dyn EntrySource>> = Vec::with_capacity(runs.len() + 1);
        for run in runs {
            sources.push(Box::new(run.into_reader()?));
        }
        sources.push(Box::new(self.tail.into_iter()));
        Ok((Merge::new(sources)?, self.summary))
    }
}

/// Reads every row, normalizes them in parallel batches, and derives one key per distinct
/// identifier (of `shard` only, when given) as soon as it is first seen, spilling sorted runs
/// beside `directory` whenever the tables outgrow the budget.
///
/// Four kinds of threads share the cores: one reader parsing the dumps ahead, the rayon pool
/// normalizing a batch, this thread folding each batch into the tables in row order (so counts,
/// row numbers and examples are exactly those of a serial read), and the argon2 workers, which
/// are busy from the first distinct identifier to the last. The operating system shares the
/// cores among them; argon2 takes nearly all of it.
fn gather(
    plan: &Plan,
    options: &BuildOptions,
    salt: Salt,
    shard: Option<Shard>,
    directory: &Path,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Gathered, BuildError> {
    let started = Instant::now();
    let deriver = Deriver::new(salt, options.cost)?;
    let breach_count =
        u32::try_from(plan.breaches.len()).map_err(|_| BuildError::TooManyBreaches)?;
    let normalizer = match options.today {
        Some(today) => Normalizer::with_today(plan.default_region, today),
        None => Normalizer::new(plan.default_region),
    };
    let sources = SourceInfo::of_plan(plan);
    let threads = worker_threads(options)?;
    let identity = Identity::new(salt);
    let job_ids = job_ids(options.cost);

    progress.start(Phase::Reading, plan.total_bytes());
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(threads * JOBS_QUEUED);
    let job_rx = Mutex::new(job_rx);
    std::thread::scope(|scope| -> Result<Gathered, BuildError> {
        let (batch_tx, batch_rx) = mpsc::sync_channel(BATCHES_AHEAD);
        let sources = &sources;
        std::thread::Builder::new()
            .name("exposure-read".to_owned())
            .spawn_scoped(scope, move || read_batches(sources, &batch_tx, cancel))
            .map_err(BuildError::Thread)?;
        let key_rx = spawn_derivers(scope, threads, &deriver, &job_rx, cancel)?;
        let mut folder = Folder {
            sources,
            normalizer: &normalizer,
            identity: &identity,
            shard,
            directory,
            budget: table_budget(options.memory, options.cost, threads),
            table: Table::new(),
            pending: Vec::with_capacity(job_ids),
            job_ids,
            job_tx: Some(job_tx),
            key_rx,
            sent: 0,
            received: 0,
            runs: Vec::new(),
            summary: BuildSummary::default(),
            records: vec![0; sources.len()],
            columns_seen: sources
                .iter()
                .map(|info| vec![false; info.source.columns.len()])
                .collect(),
            record_counts: vec![0; breach_count as usize],
            bytes: 0,
            cancel,
        };
        for batch in batch_rx {
            let batch = batch?;
            if cancel.is_cancelled() {
                return Err(BuildError::Cancelled);
            }
            folder.fold(batch)?;
            progress.update(folder.bytes, folder.summary.rows_read);
        }
        folder.finish(progress, started)
    })
}

/// Starts the argon2 workers, which take jobs from `jobs` until it closes; their keys come out of
/// the receiver returned.
fn spawn_derivers<'scope, 'env>(
    scope: &'scope std::thread::Scope<'scope, 'env>,
    threads: usize,
    deriver: &'env Deriver,
    jobs: &'env Mutex<mpsc::Receiver<Job>>,
    cancel: &'env Cancel,
) -> Result<mpsc::Receiver<Vec<(u32, Key)>>, BuildError> {
    let (key_tx, key_rx) = mpsc::channel::<Vec<(u32, Key)>>();
    for i in 0..threads {
        let key_tx = key_tx.clone();
        std::thread::Builder::new()
            .name(format!("exposure-derive-{i}"))
            .spawn_scoped(scope, move || derive_worker(deriver, jobs, &key_tx, cancel))
            .map_err(BuildError::Thread)?;
    }
    Ok(key_rx)
}

/// A dump's read failure, told by what stopped it: a row too long, a quote never closed, or the
/// file itself.
fn read_error(path: &Path, e: std::io::Error) -> BuildError {
    let path = path.to_owned();
    if crate::dump::RowTooLong::is(&e) {
        BuildError::RowTooLong { path }
    } else if let Some(line) = crate::dump::UnclosedQuote::of(&e) {
        BuildError::UnclosedQuote { path, line }
    } else if let Some(problem) = ArchiveProblem::of(&e) {
        BuildError::Archive {
            path,
            problem: problem.clone(),
        }
    } else if let Some(problem) = crate::dump::UnreadableWorkbook::of(&e) {
        BuildError::Workbook { path, problem }
    } else {
        BuildError::Read { path, source: e }
    }
}

/// The reader thread: every source in plan order, in batches of rows.
fn read_batches(
    sources: &[SourceInfo],
    out: &mpsc::SyncSender<Result<Batch, BuildError>>,
    cancel: &Cancel,
) {
    let mut bytes_before = 0u64;
    for (index, info) in sources.iter().enumerate() {
        let source = info.source;
        let read_error = |e| read_error(&source.path, e);
        let mut reader = match SourceReader::open(source) {
            Ok(reader) => reader,
            Err(e) => {
                let _ = out.send(Err(read_error(e)));
                return;
            }
        };
        let mut rows = Vec::with_capacity(BATCH_ROWS);
        let mut batch_start = 0u64;
        loop {
            match reader.next_row() {
                Ok(Some(row)) => {
                    rows.push(row);
                    let full = rows.len() >= BATCH_ROWS
                        || reader.bytes_read() - batch_start >= BATCH_BYTES;
                    if !full {
                        continue;
                    }
                    batch_start = reader.bytes_read();
                }
                Ok(None) => break,
                Err(e) => {
                    let _ = out.send(Err(read_error(e)));
                    return;
                }
            }
            let batch = Batch {
                source: index,
                rows: std::mem::replace(&mut rows, Vec::with_capacity(BATCH_ROWS)),
                bytes: bytes_before + reader.bytes_read(),
            };
            if out.send(Ok(batch)).is_err() || cancel.is_cancelled() {
                return;
            }
        }
        bytes_before += reader.bytes_read();
        let batch = Batch {
            source: index,
            rows,
            bytes: bytes_before,
        };
        if out.send(Ok(batch)).is_err() {
            return;
        }
    }
}

/// An argon2 worker: jobs in, keys out, until the jobs end. Its buffer is zeroized on the way out.
fn derive_worker(
    deriver: &Deriver,
    jobs: &Mutex<mpsc::Receiver<Job>>,
    keys: &mpsc::Sender<Vec<(u32, Key)>>,
    cancel: &Cancel,
) {
    loop {
        let job = match jobs.lock() {
            Ok(receiver) => receiver.recv(),
            Err(_) => break,
        };
        let Ok(job) = job else { break };
        if cancel.is_cancelled() {
            continue;
        }
        let derived: Vec<(u32, Key)> = job
            .iter()
            .map(|(id, identifier)| (*id, deriver.derive(identifier)))
            .collect();
        drop(job);
        if keys.send(derived).is_err() {
            break;
        }
    }
    release_thread();
}

/// Folds normalized batches into the tables, in row order, on the building thread.
struct Folder<'a> {
    sources: &'a [SourceInfo<'a>],
    normalizer: &'a Normalizer,
    identity: &'a Identity,
    shard: Option<Shard>,
    directory: &'a Path,
    budget: u64,
    table: Table,
    pending: Job,
    job_ids: usize,
    job_tx: Option<mpsc::SyncSender<Job>>,
    key_rx: mpsc::Receiver<Vec<(u32, Key)>>,
    /// Identifiers sent for derivation, and keys received back, since the build began.
    sent: u64,
    received: u64,
    runs: Vec<Run>,
    summary: BuildSummary,
    /// Readable rows of each source, and which of its columns held a value in any of them.
    records: Vec<u64>,
    columns_seen: Vec<Vec<bool>>,
    record_counts: Vec<u64>,
    /// Bytes of the dumps read so far, for progress.
    bytes: u64,
    cancel: &'a Cancel,
}

impl Folder<'_> {
    fn fold(&mut self, batch: Batch) -> Result<(), BuildError> {
        let sources = self.sources;
        let info = &sources[batch.source];
        let normalizer = self.normalizer;
        let outcomes: Vec<Outcome> = batch
            .rows
            .par_iter()
            .map(|row| outcome(normalizer, info, row))
            .collect();
        let path = &info.source.path;
        for (row, outcome) in batch.rows.iter().zip(outcomes) {
            self.summary.rows_read += 1;
            if let Row::Record(record) = row {
                self.records[batch.source] += 1;
                for value in &record.values {
                    self.columns_seen[batch.source][value.column] = true;
                }
            }
            let (identifiers, classes) = match outcome {
                Outcome::Bad(problem, shown) => {
                    self.summary
                        .problem(path, row.position(), ProblemReason::Row(problem), shown);
                    continue;
                }
                Outcome::Record {
                    identifiers,
                    problems,
                    classes,
                } => {
                    self.record_counts[info.breach as usize] += 1;
                    for (reason, masked, column) in problems {
                        let at = value_position(info.source, row.position(), column);
                        self.summary.problem(path, &at, reason, masked);
                    }
                    (identifiers, classes)
                }
            };
            if identifiers.is_empty() {
                self.summary.problem(
                    path,
                    row.position(),
                    ProblemReason::Row(RowProblem::NoIdentifier),
                    String::new(),
                );
                continue;
            }
            self.summary.rows_used += 1;
            for identifier in identifiers {
                self.add(identifier, info.breach, classes)?;
            }
        }
        self.bytes = batch.bytes;
        drop(batch);
        self.collect_keys();
        if self.table.bytes() > self.budget {
            self.spill()?;
        }
        Ok(())
    }

    /// Once every row is folded: the last identifiers derived, and the tables sorted for the
    /// writer. A build whose rows gave no key at all is refused here.
    fn finish(mut self, progress: &dyn Progress, started: Instant) -> Result<Gathered, BuildError> {
        if self.cancel.is_cancelled() {
            return Err(BuildError::Cancelled);
        }
        // Rows are counted whatever the shard: every part fails alike.
        if self.summary.rows_used == 0 {
            return Err(BuildError::NoKeys {
                rows_read: self.summary.rows_read,
                commonest: self.summary.commonest_loss(),
            });
        }
        self.summary.unmatched_paths = self.unmatched_paths();
        self.summary.encodings_detected = self
            .sources
            .iter()
            .filter_map(|info| {
                let source = &info.source;
                let bytes = source.encoding_detected?;
                Some((source.path.clone(), source.encoding, bytes))
            })
            .collect();
        self.flush()?;
        self.job_tx = None;
        progress.finish(Phase::Reading);
        progress.start(Phase::Deriving, self.sent);
        self.wait_for_keys(Some(progress))?;
        progress.finish(Phase::Deriving);
        let mut tail = self.table.take(true);
        sort_entries(&mut tail);
        let mut summary = self.summary;
        summary.derive_elapsed = started.elapsed();
        summary.runs = self.runs.len() as u64;
        Ok(Gathered {
            runs: self.runs,
            tail,
            record_counts: self.record_counts,
            summary,
        })
    }

    /// The JSON paths that no readable row of their source held.
    fn unmatched_paths(&self) -> Vec<(PathBuf, String)> {
        let mut unmatched = Vec::new();
        for ((info, records), seen) in self
            .sources
            .iter()
            .zip(&self.records)
            .zip(&self.columns_seen)
        {
            if *records == 0 {
                continue;
            }
            for ((column, _), seen) in info.source.columns.iter().zip(seen) {
                if let (Column::Path(path), false) = (column, *seen) {
                    unmatched.push((info.source.path.clone(), path.join(".")));
                }
            }
        }
        unmatched
    }

    fn add(&mut self, identifier: Normalized, breach: u32, classes: u64) -> Result<(), BuildError> {
        let identity = self.identity.of(&identifier);
        if let Some(shard) = self.shard
            && Identity::shard(&identity, shard.count) != shard.index
        {
            return Ok(());
        }
        let next = self.table.kinds.len() as u32;
        let id = *self.table.seen.entry(identity).or_insert(next);
        if id == next {
            self.table.kinds.push(identifier.kind());
            self.table.keys.push(Key([0; KEY_LEN]));
            self.pending.push((id, identifier));
            if self.pending.len() >= self.job_ids {
                self.flush()?;
            }
        }
        *self.table.entries.entry((id, breach)).or_default() |= classes;
        Ok(())
    }

    /// Sends the identifiers waiting for keys to the workers.
    fn flush(&mut self) -> Result<(), BuildError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let job = std::mem::replace(&mut self.pending, Vec::with_capacity(self.job_ids));
        self.sent += job.len() as u64;
        self.summary.hashes += job.len() as u64;
        let sender = self.job_tx.as_ref().ok_or(BuildError::Cancelled)?;
        // Blocks while every worker is busy and the queue is full: then the cores are hashing,
        // which is what they should do, and the queue bounds the normalized values in memory.
        sender.send(job).map_err(|_| BuildError::Cancelled)
    }

    fn store(&mut self, keys: Vec<(u32, Key)>) {
        self.received += keys.len() as u64;
        for (id, key) in keys {
            self.table.keys[id as usize] = key;
        }
    }

    /// Takes the keys already derived, without waiting.
    fn collect_keys(&mut self) {
        while let Ok(keys) = self.key_rx.try_recv() {
            self.store(keys);
        }
    }

    /// Waits until every identifier sent has its key.
    fn wait_for_keys(&mut self, progress: Option<&dyn Progress>) -> Result<(), BuildError> {
        while self.received < self.sent {
            if self.cancel.is_cancelled() {
                return Err(BuildError::Cancelled);
            }
            match self.key_rx.recv_timeout(Duration::from_millis(100)) {
                Ok(keys) => self.store(keys),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => return Err(BuildError::Cancelled),
            }
            if let Some(progress) = progress {
                progress.update(self.received, self.summary.rows_read);
            }
        }
        Ok(())
    }

    /// Writes the entries out as a sorted run of keys and starts them afresh; the identifiers go
    /// too once they take half the budget. An identifier seen again after that is derived again
    /// (same key), and the merge joins its entries.
    fn spill(&mut self) -> Result<(), BuildError> {
        self.flush()?;
        self.wait_for_keys(None)?;
        let forget = self.table.id_bytes() > self.budget / 2;
        let mut entries = self.table.take(forget);
        let run = Run::spill(self.directory, &mut entries).map_err(|e| BuildError::Write {
            path: self.directory.to_owned(),
            source: e,
        })?;
        self.runs.push(run);
        Ok(())
    }
}

/// Normalizes one row; runs on any thread of the pool.
fn outcome(normalizer: &Normalizer, info: &SourceInfo, row: &Row) -> Outcome {
    match row {
        Row::Bad { problem, .. } => Outcome::Bad(*problem, String::new()),
        Row::DuplicateKey(duplicate) => {
            Outcome::Bad(RowProblem::DuplicateKey, duplicate.key.clone())
        }
        Row::Record(record) => {
            let mut problems = Vec::new();
            let identifiers = record_identifiers(normalizer, info.source, record, &mut problems);
            let classes = record
                .values
                .iter()
                .fold(0, |acc, v| acc | info.bits[v.column]);
            Outcome::Record {
                identifiers,
                problems,
                classes,
            }
        }
    }
}

/// Where a refused value of the row at `row` is: in a sheet, the cell of its column (`column`
/// of the source's); elsewhere the row.
fn value_position(source: &Source, row: &Position, column: usize) -> Position {
    let index = match source.columns.get(column) {
        Some((Column::Index(index), _)) => u32::try_from(*index).ok(),
        _ => None,
    };
    match index {
        Some(index) => row.in_column(index.saturating_add(1)),
        None => row.clone(),
    }
}

/// Normalizes every identifier of one record. Rejected values are listed masked, never kept.
fn record_identifiers(
    normalizer: &Normalizer,
    source: &Source,
    record: &Record,
    problems: &mut Vec<(ProblemReason, String, usize)>,
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
                    Err(invalid) => problems.push((
                        ProblemReason::Value(Kind::NameDob, invalid),
                        mask(&value.text),
                        value.column,
                    )),
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
            Err(invalid) => {
                problems.push((
                    ProblemReason::Value(kind, invalid),
                    mask(&value.text),
                    value.column,
                ));
            }
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

/// Where a build (or an upgrade) writes its pack or part, and what it must never destroy there.
pub(crate) struct Output<'a> {
    pub(crate) path: &'a Path,
    /// Every file the build reads.
    pub(crate) inputs: Vec<PathBuf>,
    /// Whether an existing file that is not a pack may be replaced.
    pub(crate) overwrite: bool,
}

impl<'a> Output<'a> {
    /// The output at `path` of work that reads `inputs`; `overwrite` lets it replace an existing
    /// file that is not a pack.
    pub(crate) fn new(path: &'a Path, inputs: Vec<PathBuf>, overwrite: bool) -> Output<'a> {
        Output {
            path,
            inputs,
            overwrite,
        }
    }

    /// The output of a build of `plan`, which reads the plan, its dumps and `options.inputs`.
    fn of_plan(path: &'a Path, plan: &Plan, options: &BuildOptions) -> Output<'a> {
        let inputs = std::iter::once(plan.path.clone())
            .chain(
                plan.breaches
                    .iter()
                    .flat_map(|b| &b.sources)
                    .map(|s| s.path.clone()),
            )
            .chain(options.inputs.iter().cloned())
            .collect();
        Output {
            path,
            inputs,
            overwrite: options.overwrite,
        }
    }

    /// The folder the output goes in, where its temporary files go too.
    pub(crate) fn directory(&self) -> &'a Path {
        match self.path.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        }
    }

    /// Refuses an output that would destroy something or that cannot be written: a folder, a
    /// path in a missing folder, anything but a regular file (renaming over `/dev/null` would
    /// replace the device), a file the build reads, and, unless `overwrite`, a file that is not
    /// a pack. Checked before any work, so a mistake costs nothing, and again just before the
    /// rename, in case something appeared there during the build.
    pub(crate) fn check(&self) -> Result<(), BuildError> {
        let path = self.path.to_owned();
        let names_folder = self.path.file_name().is_none()
            || self
                .path
                .as_os_str()
                .to_string_lossy()
                .ends_with(std::path::is_separator);
        if names_folder {
            return Err(BuildError::OutputIsFolder { path });
        }
        if !self.directory().is_dir() {
            return Err(BuildError::OutputFolderMissing { path });
        }
        let metadata = match std::fs::metadata(self.path) {
            Ok(metadata) => metadata,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
            Err(source) => return Err(BuildError::Write { path, source }),
        };
        if metadata.is_dir() {
            return Err(BuildError::OutputIsFolder { path });
        }
        if !metadata.is_file() {
            return Err(BuildError::OutputNotAFile { path });
        }
        if self
            .inputs
            .iter()
            .any(|input| same_file(self.path, &metadata, input))
        {
            return Err(BuildError::OutputIsInput { path });
        }
        if !self.overwrite && !exposure_core::pack::is_pack_file(self.path) {
            return Err(BuildError::OutputNotAPack { path });
        }
        if held_open(self.path) {
            return Err(BuildError::OutputInUse { path });
        }
        Ok(())
    }

    fn write_error(&self, error: std::io::Error) -> BuildError {
        BuildError::Write {
            path: self.path.to_owned(),
            source: error,
        }
    }

    /// A merge's failure, told by its cause: a part named with what went wrong reading it,
    /// records out of order, and otherwise the spilled runs beside this output.
    fn merge_error(&self, error: std::io::Error) -> BuildError {
        let kind = error.kind();
        let Some(inner) = error.into_inner() else {
            return self.write_error(kind.into());
        };
        let inner = match inner.downcast::<OutOfOrder>() {
            Ok(out_of_order) => return BuildError::OutOfOrder(*out_of_order),
            Err(inner) => inner,
        };
        match inner.downcast::<SourceFailed>() {
            Ok(failed) => {
                let SourceFailed { path, source } = *failed;
                if source
                    .get_ref()
                    .is_some_and(|inner| inner.is::<PartDamaged>())
                {
                    ShardError::DamagedPart { path }.into()
                } else {
                    BuildError::Read { path, source }
                }
            }
            Err(inner) => self.write_error(std::io::Error::new(kind, inner)),
        }
    }

    /// The temporary file the pack is written to, beside the output, made before the first
    /// row is read: a folder that cannot be written to is found at once, not after hours of
    /// hashing.
    pub(crate) fn draft(&self) -> Result<Draft<'_>, BuildError> {
        let file = tempfile::Builder::new()
            .prefix(".exposure-build-")
            .suffix(".tmp")
            .tempfile_in(self.directory())
            .map_err(|e| self.write_error(e))?;
        Ok(Draft { output: self, file })
    }
}

/// A pack being written: a temporary file, removed if dropped, renamed over its output once
/// complete.
pub(crate) struct Draft<'a> {
    output: &'a Output<'a>,
    file: tempfile::NamedTempFile,
}

impl Draft<'_> {
    /// The temporary file's path, where the pack is written.
    pub(crate) fn path(&self) -> &Path {
        self.file.path()
    }

    pub(crate) fn persist(self) -> Result<(), BuildError> {
        self.output.check()?;
        self.file.persist(self.output.path).map_err(|e| {
            // Opened between the check above and the rename.
            if held_open(self.output.path) {
                BuildError::OutputInUse {
                    path: self.output.path.to_owned(),
                }
            } else {
                self.output.write_error(e.error)
            }
        })?;
        Ok(())
    }
}

/// Whether Windows would refuse to rename a file over `path` because a program holds it open
/// without sharing its deletion, as SQLite opens every file: the app or another `exposure check`
/// reading the pack. Asked by opening it for deletion, which fails the same way, sharing
/// everything so that the probe itself disturbs no one.
#[cfg(windows)]
fn held_open(path: &Path) -> bool {
    use std::os::windows::fs::OpenOptionsExt;
    /// winnt.h: the right to delete a file, which renaming over it needs.
    const DELETE: u32 = 0x0001_0000;
    /// winerror.h
    const ERROR_SHARING_VIOLATION: i32 = 32;
    std::fs::OpenOptions::new()
        .access_mode(DELETE)
        .open(path)
        .is_err_and(|e| e.raw_os_error() == Some(ERROR_SHARING_VIOLATION))
}

/// Elsewhere a file is renamed over whoever has it open, who keeps reading the old one.
#[cfg(not(windows))]
fn held_open(_path: &Path) -> bool {
    false
}

/// Whether `path` (whose metadata is `metadata`) and `other` are the same file, whatever their
/// names: hard links and symbolic links included.
#[cfg(unix)]
fn same_file(_path: &Path, metadata: &std::fs::Metadata, other: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::metadata(other)
        .is_ok_and(|other| (other.dev(), other.ino()) == (metadata.dev(), metadata.ino()))
}

/// On Windows, by volume serial number and file index: a hard link has a path of its own, which
/// `canonicalize` would not see through.
#[cfg(not(unix))]
fn same_file(path: &Path, _metadata: &std::fs::Metadata, other: &Path) -> bool {
    same_file::is_same_file(path, other).unwrap_or(false)
}

/// Builds the pack of `plan` at `out`. On any error, or when `cancel` is set, nothing is left at
/// `out` (an existing file there is untouched) and no temporary file remains. Before any row is
/// read, an output that is a folder, in a missing folder, not a regular file, one of the build's
/// inputs, or an existing file that is not a pack (unless `options.overwrite`) is refused.
pub fn build(
    plan: &Plan,
    out: &Path,
    options: &BuildOptions,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let output = Output::of_plan(out, plan, options);
    output.check()?;
    let draft = output.draft()?;
    let salt = options.salt.unwrap_or_else(Salt::random);
    let directory = output.directory();
    let gathered = gather(plan, options, salt, None, directory, progress, cancel)?;
    let head = pack_head(
        plan,
        options.demo,
        &gathered.record_counts,
        options.cost,
        salt,
        options.created.clone().unwrap_or_else(now_rfc3339),
    );
    let bound = gathered.entry_bound();
    let (merge, mut summary) = gathered
        .merge(directory)
        .map_err(|e| output.merge_error(e))?;
    summary.keys.clear();
    write_pack(draft, &head, merge, bound, &mut summary, progress, cancel)?;
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// What a pack's `generator` says wrote it: this program.
pub(crate) const GENERATOR: &str = concat!("exposure ", env!("CARGO_PKG_VERSION"));

/// The pack's metadata and breaches: everything in a pack but its entries.
fn pack_head(
    plan: &Plan,
    demo: bool,
    record_counts: &[u64],
    cost: Cost,
    salt: Salt,
    created: String,
) -> (PackMeta, Vec<Breach>) {
    let meta = PackMeta {
        id: plan.id.clone(),
        title: plan.title.clone(),
        curator: plan.curator.clone(),
        created,
        salt,
        cost,
        default_region: plan.default_region,
        // The writer records the real count when it finishes.
        entry_count: 0,
        classes: plan.class_table(),
        demo,
        generator: GENERATOR.to_owned(),
        normalization: NORMALIZATION_VERSION,
        synthetic: false,
        format_version: exposure_core::pack::FORMAT_VERSION,
    };
    let breaches = plan
        .breaches
        .iter()
        .zip(record_counts)
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
    (meta, breaches)
}

/// Writes merged entries into the draft, renamed over its output when complete, counting
/// distinct keys per kind on the way. Single builds and merged parts both end here, so the same
/// entries make the same bytes.
fn write_pack<S: EntrySource>(
    draft: Draft,
    (meta, breaches): &(PackMeta, Vec<Breach>),
    mut entries: Merge<S>,
    bound: u64,
    summary: &mut BuildSummary,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<(), BuildError> {
    let out = draft.output.path;
    progress.start(Phase::Writing, bound);
    let mut writer = PackWriter::create(draft.file.path(), meta, breaches)?;
    let mut last: Option<Key> = None;
    let mut written = 0u64;
    while let Some(entry) = entries
        .next_entry()
        .map_err(|e| draft.output.merge_error(e))?
    {
        writer.push(&entry.key, entry.breach, entry.classes)?;
        if last != Some(entry.key) {
            *summary.keys.entry(entry.kind).or_default() += 1;
            last = Some(entry.key);
        }
        written += 1;
        if written.is_multiple_of(65_536) {
            progress.update(written, summary.rows_read);
            if cancel.is_cancelled() {
                return Err(BuildError::Cancelled);
            }
        }
    }
    summary.entries = writer.entries();
    writer.finish()?;
    progress.finish(Phase::Writing);
    // A signal during the last entries still cancels: nothing is left where it could be taken
    // for a finished pack.
    if cancel.is_cancelled() {
        return Err(BuildError::Cancelled);
    }
    draft.persist()?;
    summary.pack_bytes = std::fs::metadata(out).map(|m| m.len()).unwrap_or(0);
    Ok(())
}

/// What building one part did.
#[derive(Debug)]
pub enum PartBuilt {
    Built(BuildSummary),
    /// The part was already finished: nothing was redone.
    AlreadyDone(PathBuf),
}

/// Builds part `shard` of the set in `dir` (made by [`ShardSet::write`] for this very plan):
/// every row is read, only this part's identifiers are derived, and the part file is written to
/// `dir` atomically. A finished part is left alone unless `force`.
pub fn build_part(
    plan: &Plan,
    dir: &Path,
    shard: Shard,
    options: &BuildOptions,
    force: bool,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<PartBuilt, BuildError> {
    let started = Instant::now();
    let set = set_for_part(plan, dir, shard)?;
    let path = dir.join(shard.file_name());
    let options = set_options(&set, options);
    let mut output = Output::of_plan(&path, plan, &options);
    output.inputs.push(dir.join(SET_FILE));
    // A part's file name is the set's own: whatever file has it may be replaced, but never a
    // device, a pipe or an input.
    output.overwrite = true;
    output.check()?;
    if !force && Part::is_done(&path, &set, shard.index, cancel) {
        return Ok(PartBuilt::AlreadyDone(path));
    }
    // The entries are counted first, then the header that states the count is written before
    // them: two passes over the merged stream would cost a re-read, so the records go to a
    // temporary file, appended after the header. It is made before any row is read (a folder
    // that cannot be written to is found at once) and already unlinked, so nothing of it can
    // outlive the build, even killed.
    let mut body = tempfile::tempfile_in(dir).map_err(|e| output.write_error(e))?;
    let gathered = gather(
        plan,
        &options,
        set.salt(),
        Some(shard),
        dir,
        progress,
        cancel,
    )?;
    let (meta, breaches) = pack_head(
        plan,
        options.demo,
        &gathered.record_counts,
        set.cost,
        set.salt(),
        set.created.clone(),
    );
    let bound = gathered.entry_bound();
    let (merge, mut summary) = gathered.merge(dir).map_err(|e| output.merge_error(e))?;
    summary.keys.clear();
    progress.start(Phase::Writing, bound);
    let entries = write_part_records(merge, &body, &output, &mut summary, cancel)?;
    let header = PartHeader {
        set: set.clone(),
        index: shard.index,
        entries,
        pack: PackHead::new(&meta, &breaches),
        rows_read: summary.rows_read,
        rows_used: summary.rows_used,
        keys: keys_by_name(&summary.keys),
    };
    std::io::Seek::rewind(&mut body).map_err(|e| output.write_error(e))?;
    if cancel.is_cancelled() {
        return Err(BuildError::Cancelled);
    }
    output.check()?;
    write_atomically(&path, |out| write_part(out, &header, &mut body))?;
    progress.finish(Phase::Writing);
    summary.entries = entries;
    summary.pack_bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    summary.elapsed = started.elapsed();
    Ok(PartBuilt::Built(summary))
}

/// Distinct keys per kind, by the kind's name, as a part's header states them.
fn keys_by_name(keys: &BTreeMap<Kind, u64>) -> BTreeMap<String, u64> {
    keys.iter()
        .map(|(kind, n)| (kind.name().to_owned(), *n))
        .collect()
}

/// The shard set in `dir`, which must have `shard`'s number of parts and be made for `plan`.
fn set_for_part(plan: &Plan, dir: &Path, shard: Shard) -> Result<ShardSet, BuildError> {
    let set = ShardSet::read(dir)?;
    if set.count != shard.count {
        return Err(ShardError::WrongCount {
            path: dir.join(SET_FILE),
            count: set.count,
        }
        .into());
    }
    set.check_plan(plan, dir)?;
    Ok(set)
}

/// Writes the merged entries of a part to `body` as records, counting distinct keys per kind on
/// the way; how many records were written.
fn write_part_records<S: EntrySource>(
    mut merge: Merge<S>,
    body: &std::fs::File,
    output: &Output,
    summary: &mut BuildSummary,
    cancel: &Cancel,
) -> Result<u64, BuildError> {
    let mut out = std::io::BufWriter::with_capacity(1 << 20, body);
    let mut last: Option<Key> = None;
    let mut entries = 0u64;
    let io = |e: std::io::Error| output.write_error(e);
    while let Some(entry) = merge.next_entry().map_err(|e| output.merge_error(e))? {
        std::io::Write::write_all(&mut out, &entry.encode()).map_err(io)?;
        if last != Some(entry.key) {
            *summary.keys.entry(entry.kind).or_default() += 1;
            last = Some(entry.key);
        }
        entries += 1;
        if entries.is_multiple_of(65_536) && cancel.is_cancelled() {
            return Err(BuildError::Cancelled);
        }
    }
    std::io::Write::flush(&mut out).map_err(io)?;
    Ok(entries)
}

/// The options of a build that follows a shard set: its salt, cost and creation time, and its
/// creation date as "today", so that every part, on any machine and any day, refuses the same
/// future dates of birth.
pub fn set_options(set: &ShardSet, options: &BuildOptions) -> BuildOptions {
    let mut options = options.clone();
    options.cost = set.cost;
    options.salt = Some(set.salt());
    options.created = Some(set.created.clone());
    options.today =
        time::OffsetDateTime::parse(&set.created, &time::format_description::well_known::Rfc3339)
            .ok()
            .map(|t| t.date())
            .or(options.today);
    options
}

/// Makes a shard set for `plan` in `dir`: a fresh salt (or the given one), the cost of
/// `options`, the creation time of the pack to be, and `count` parts.
pub fn init_shards(
    plan: &Plan,
    dir: &Path,
    count: u32,
    options: &BuildOptions,
) -> Result<PathBuf, BuildError> {
    let set = ShardSet::new(
        plan,
        options.salt.unwrap_or_else(Salt::random),
        options.cost,
        options.created.clone().unwrap_or_else(now_rfc3339),
        count,
    )?;
    Ok(set.write(dir)?)
}

/// Joins the parts of one set into the pack at `out`: the same entries, metadata and bytes as a
/// one-machine build of the plan with the set's salt. An existing file at `out` that is not a
/// pack is replaced only if `overwrite`.
pub fn merge_parts(
    parts: &[PathBuf],
    out: &Path,
    overwrite: bool,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<BuildSummary, BuildError> {
    let started = Instant::now();
    let output = Output {
        path: out,
        inputs: parts.to_vec(),
        overwrite,
    };
    output.check()?;
    let draft = output.draft()?;
    // Every part read whole and its digest checked before any is used, each file closed again
    // (a set may have thousands of parts): a damaged part is refused by name, not merged.
    let headers = parts
        .iter()
        .map(|path| Part::verify(path, cancel).map(|header| (path.clone(), header)))
        .collect::<Result<Vec<_>, _>>()?;
    let headers = check_parts(headers)?;
    let (first_path, first) = &headers[0];
    let head = first.pack.to_pack(&first.set, first_path)?;
    let bound = headers.iter().map(|(_, header)| header.entries).sum();
    let mut summary = BuildSummary {
        rows_read: first.rows_read,
        rows_used: first.rows_used,
        ..BuildSummary::default()
    };
    let io = |e: std::io::Error| output.merge_error(e);
    let open = |group: &[(PathBuf, PartHeader)]| {
        group
            .iter()
            .map(|(path, _)| Part::open(path))
            .collect::<Result<Vec<_>, _>>()
    };
    if headers.len() <= FAN_IN {
        let merge = Merge::new(open(&headers)?).map_err(io)?;
        write_pack(draft, &head, merge, bound, &mut summary, progress, cancel)?;
    } else {
        // Beyond the fan-in, parts are merged in rounds into runs beside the output.
        let directory = output.directory();
        let mut runs = Vec::new();
        for group in headers.chunks(FAN_IN) {
            if cancel.is_cancelled() {
                return Err(BuildError::Cancelled);
            }
            runs.push(Run::merge(directory, open(group)?).map_err(io)?);
        }
        let runs = reduce_runs(directory, runs, FAN_IN).map_err(io)?;
        let readers = runs
            .into_iter()
            .map(Run::into_reader)
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(io)?;
        let merge = Merge::new(readers).map_err(io)?;
        write_pack(draft, &head, merge, bound, &mut summary, progress, cancel)?;
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .replace_nanosecond(0)
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
