//! `exposure build PLAN --out PACK`: a plan and its dumps in, a pack and a summary out; and the
//! same split over machines: `--init-shards N` makes a shard set, `--shard I/N` builds one part,
//! `pack merge` joins the parts.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use exposure_build::dump::SourceReader;
use exposure_build::pipeline::{
    BuildOptions, BuildSummary, PartBuilt, build, build_part, init_shards, merge_parts, set_options,
};
use exposure_build::plan::Plan;
use exposure_build::shard::{SET_FILE, ShardSet};
use exposure_core::keys::{Profile, plain_loop};
use exposure_core::l10n::{Message, io_reason, safe_line};

use crate::Failure;
use crate::cli::{BenchLimitArgs, BuildArgs};
use crate::l10n::fl;
use crate::progress::Bars;

pub fn run(args: BuildArgs) -> Result<(), Failure> {
    let plan = Plan::load(&args.plan).map_err(Failure::other)?;
    let mut options = BuildOptions::new(Profile::from(args.profile).cost());
    options.threads = args.threads.map(usize::from);
    if let Some(memory) = args.memory {
        options.memory = memory;
    }
    options.overwrite = args.force;
    match (args.init_shards, args.shard, &args.shards, &args.out) {
        (Some(count), _, _, Some(dir)) => {
            let path = init_shards(&plan, dir, count, &options).map_err(Failure::other)?;
            let mut stdout = std::io::stdout().lock();
            writeln!(
                stdout,
                "{}",
                fl!("shards-initialized", path = path.as_path(), count = count)
            )
            .map_err(Failure::from)
        }
        (None, Some(shard), Some(dir), _) => {
            let cancel = interrupt_flag();
            let bars = Bars::new(args.quiet);
            let built = build_part(&plan, dir, shard, &options, args.force, &bars, &cancel)
                .map_err(Failure::other)?;
            let path = dir.join(shard.file_name());
            match built {
                PartBuilt::Built(summary) => print_summary(&path, &summary).map_err(Failure::from),
                PartBuilt::AlreadyDone(path) => {
                    let mut stdout = std::io::stdout().lock();
                    writeln!(
                        stdout,
                        "{}",
                        fl!("shard-already-built", path = path.as_path())
                    )
                    .map_err(Failure::from)
                }
            }
        }
        (None, None, Some(dir), Some(out)) => {
            // One machine, the set's salt, cost and date: the pack the merged parts must equal.
            let set = ShardSet::read(dir).map_err(Failure::other)?;
            set.check_plan(&plan, dir).map_err(Failure::other)?;
            let mut options = set_options(&set, &options);
            options.inputs.push(dir.join(SET_FILE));
            let summary = build_with_interrupt(&plan, out, &options, args.quiet)?;
            print_summary(out, &summary).map_err(Failure::from)
        }
        (None, None, None, Some(out)) => {
            let summary = build_with_interrupt(&plan, out, &options, args.quiet)?;
            print_summary(out, &summary).map_err(Failure::from)
        }
        _ => Err(Failure::Usage(fl!("cli-build-usage"))),
    }
}

/// A flag that every signal asking the process to end sets, so a build stops, removes its
/// temporary pack and exits with "cancelled" instead of leaving a partial file behind: Ctrl-C,
/// `kill`, a closed terminal, `scancel`, a deleted pod (INT, TERM, HUP, QUIT).
#[cfg(unix)]
fn interrupt_flag() -> Arc<AtomicBool> {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let cancel = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
        // Fails only for signals that cannot be caught, which these are not.
        let _ = signal_hook::flag::register(signal, Arc::clone(&cancel));
    }
    cancel
}

/// A flag Ctrl-C and Ctrl-Break set, so an interrupted build removes its temporary files
/// instead of leaving them behind.
#[cfg(not(unix))]
fn interrupt_flag() -> Arc<AtomicBool> {
    let cancel = Arc::new(AtomicBool::new(false));
    let flag = Arc::clone(&cancel);
    // Only one handler per process can be set; a second build in one process (never the case
    // for the CLI) would keep the first handler, which sets the same kind of flag.
    let _ = ctrlc::set_handler(move || flag.store(true, std::sync::atomic::Ordering::Relaxed));
    cancel
}

/// Builds with the signals that end a process wired to cancellation.
pub fn build_with_interrupt(
    plan: &Plan,
    out: &Path,
    options: &BuildOptions,
    quiet: bool,
) -> Result<BuildSummary, Failure> {
    let cancel = interrupt_flag();
    let bars = Bars::new(quiet);
    build(plan, out, options, &bars, &cancel).map_err(Failure::other)
}

/// `exposure pack merge PART... --out PACK`; a folder stands for every part file in it.
pub fn merge(parts: &[PathBuf], out: &Path, force: bool, quiet: bool) -> Result<(), Failure> {
    let mut files = Vec::new();
    for path in parts {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| {
                Failure::Other(fl!(
                    "shard-io",
                    path = path.as_path(),
                    reason = io_reason(e.kind()).to_string()
                ))
            })?;
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "exposure-part"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let cancel = interrupt_flag();
    let bars = Bars::new(quiet);
    let summary = merge_parts(&files, out, force, &bars, &cancel).map_err(Failure::other)?;
    print_merge_summary(out, &summary).map_err(Failure::from)
}

/// "Built PACK in N s".
fn print_done(
    out_stream: &mut impl Write,
    out: &Path,
    summary: &BuildSummary,
) -> std::io::Result<()> {
    let seconds = summary.elapsed.as_secs_f64();
    writeln!(
        out_stream,
        "{}",
        fl!("build-done", path = out, seconds = round2(seconds))
    )
}

/// A merge read no rows itself (each part reported its own): keys, entries and size only.
fn print_merge_summary(out: &Path, summary: &BuildSummary) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    print_done(&mut stdout, out, summary)?;
    print_totals(&mut stdout, summary)
}

/// `exposure bench-limit`: hidden; prints what `scripts/bench` compares builds and checks with.
pub fn bench_limit(args: BenchLimitArgs) -> Result<(), Failure> {
    let threads = args.threads.map_or_else(
        || std::thread::available_parallelism().map_or(1, usize::from),
        usize::from,
    );
    let profile = Profile::from(args.profile);
    let (hashes, elapsed) = plain_loop(
        profile.cost(),
        threads,
        args.jobs,
        std::time::Duration::from_secs_f64(args.seconds.max(0.1)),
    )
    .map_err(Failure::other)?;
    let seconds = elapsed.as_secs_f64();
    let report = serde_json::json!({
        "profile": profile.name(),
        "threads": threads,
        "hashes": hashes,
        "seconds": seconds,
        "keys_per_second": hashes as f64 / seconds.max(1e-9),
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{report}").map_err(Failure::from)
}

pub fn print_summary(out: &Path, summary: &BuildSummary) -> std::io::Result<()> {
    let mut stdout = std::io::stdout().lock();
    print_done(&mut stdout, out, summary)?;
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-rows-read",
            rows = summary.rows_read,
            rate = (summary.rows_read as f64 / summary.elapsed.as_secs_f64().max(1e-3)).round()
        )
    )?;
    writeln!(
        stdout,
        "  {}",
        fl!("build-rows-used", rows = summary.rows_used)
    )?;
    let skipped: u64 = summary.rows_skipped.values().sum();
    writeln!(stdout, "  {}", fl!("build-rows-skipped", rows = skipped))?;
    for (problem, count) in &summary.rows_skipped {
        let reason = Message::new(problem.message_id()).to_string();
        writeln!(
            stdout,
            "    {}",
            fl!("build-count-reason", count = *count, reason = reason)
        )?;
    }
    let rejected: u64 = summary.values_rejected.values().sum();
    writeln!(
        stdout,
        "  {}",
        fl!("build-values-rejected", values = rejected)
    )?;
    for ((kind, invalid), count) in &summary.values_rejected {
        let reason = format!("{}: {}", kind_label(*kind), Message::from(*invalid));
        writeln!(
            stdout,
            "    {}",
            fl!("build-count-reason", count = *count, reason = reason)
        )?;
    }
    print_warnings(&mut stdout, summary)?;
    if !summary.examples.is_empty() {
        writeln!(stdout, "  {}", fl!("build-examples"))?;
        for example in &summary.examples {
            let file = example.file.file_name().map_or_else(
                || example.file.display().to_string(),
                |f| f.to_string_lossy().into_owned(),
            );
            let file = safe_line(&file).into_owned();
            let reason = example.reason.message().to_string();
            let line = if example.masked.is_empty() {
                fl!(
                    "build-example",
                    file = file,
                    line = example.line,
                    reason = reason
                )
            } else {
                fl!(
                    "build-example-masked",
                    file = file,
                    line = example.line,
                    reason = reason,
                    masked = example.masked.as_str()
                )
            };
            writeln!(stdout, "    {line}")?;
        }
    }
    print_totals(&mut stdout, summary)
}

/// What a curator must look at before trusting the pack: most rows lost, or a JSON path that
/// matched nothing.
fn print_warnings(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    if summary.most_rows_lost() {
        let percent =
            (summary.rows_lost() as f64 * 100.0 / summary.rows_read.max(1) as f64).round();
        writeln!(
            stdout,
            "  {}",
            fl!(
                "build-warning-rows-lost",
                lost = summary.rows_lost(),
                rows = summary.rows_read,
                percent = percent
            )
        )?;
    }
    for (file, path) in &summary.unmatched_paths {
        writeln!(
            stdout,
            "  {}",
            fl!(
                "build-warning-unmatched-path",
                column = path.as_str(),
                file = file.as_path()
            )
        )?;
    }
    Ok(())
}

/// Keys, key rate, spills, entries and size: the lines a build and a merge share.
fn print_totals(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    let keys: Vec<String> = summary
        .keys
        .iter()
        .map(|(kind, count)| format!("{} {count}", kind_label(*kind)))
        .collect();
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-keys",
            keys = summary.total_keys(),
            detail = keys.join(" · ")
        )
    )?;
    // A merge derives nothing: it has no rate to show.
    if !summary.derive_elapsed.is_zero() {
        let derive_seconds = summary.derive_elapsed.as_secs_f64();
        writeln!(
            stdout,
            "  {}",
            fl!(
                "build-key-rate",
                rate = (summary.total_keys() as f64 / derive_seconds).round()
            )
        )?;
    }
    if summary.runs > 0 {
        writeln!(
            stdout,
            "  {}",
            fl!(
                "build-spilled",
                runs = summary.runs,
                hashes = summary.hashes
            )
        )?;
    }
    writeln!(
        stdout,
        "  {}",
        fl!("build-entries", entries = summary.entries)
    )?;
    let per_entry = if summary.entries == 0 {
        0.0
    } else {
        summary.pack_bytes as f64 / summary.entries as f64
    };
    writeln!(
        stdout,
        "  {}",
        fl!(
            "build-pack-size",
            bytes = summary.pack_bytes,
            per_entry = round2(per_entry)
        )
    )?;
    Ok(())
}

pub fn kind_label(kind: exposure_core::identifier::Kind) -> String {
    Message::new(kind.message_id()).to_string()
}

pub fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// `exposure bench-parse PLAN`: hidden; the rows per second of reading the dumps alone.
pub fn bench_parse(plan: &Path) -> Result<(), Failure> {
    let plan = Plan::load(plan).map_err(Failure::other)?;
    let started = std::time::Instant::now();
    let mut rows = 0u64;
    for source in plan.breaches.iter().flat_map(|b| &b.sources) {
        let mut reader = SourceReader::open(source).map_err(Failure::other)?;
        while reader.next_row().map_err(Failure::other)?.is_some() {
            rows += 1;
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let report = serde_json::json!({
        "rows": rows,
        "seconds": seconds,
        "rows_per_second": rows as f64 / seconds.max(1e-9),
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{report}").map_err(Failure::from)
}
