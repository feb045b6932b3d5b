//! The hidden verbs `scripts/bench` compares builds and checks with: `bench-limit`, the argon2
//! limit of this machine, and `bench-parse`, the rows per second of reading dumps alone. Each
//! prints one JSON object.

use std::io::Write;
use std::path::Path;

use exposure_build::dump::SourceReader;
use exposure_build::plan::Plan;
use exposure_core::keys::cost::Profile;
use exposure_core::keys::plain_loop;

use crate::args::BenchLimitArgs;
use crate::error::Error;

/// `exposure bench-limit`: hidden; prints what `scripts/bench` compares builds and checks with.
pub fn limit(args: BenchLimitArgs) -> Result<(), Error> {
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
    )?;
    let seconds = elapsed.as_secs_f64();
    let report = serde_json::json!({
        "profile": profile.name(),
        "threads": threads,
        "hashes": hashes,
        "seconds": seconds,
        "keys_per_second": hashes as f64 / seconds.max(1e-9),
    });
    let mut stdout = std::io::stdout().lock();
    Ok(writeln!(stdout, "{report}")?)
}

/// `exposure bench-parse PLAN`: hidden; the rows per second of reading the dumps alone.
pub fn parse(plan: &Path) -> Result<(), Error> {
    let plan = Plan::load(plan)?;
    let started = std::time::Instant::now();
    let mut rows = 0u64;
    for source in plan.breaches.iter().flat_map(|b| &b.sources) {
        let mut reader = SourceReader::open(source).map_err(Error::Dump)?;
        while reader.next_row().map_err(Error::Dump)?.is_some() {
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
    Ok(writeln!(stdout, "{report}")?)
}
