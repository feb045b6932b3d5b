//! The hidden verbs `scripts/bench` compares builds and checks with: `bench-limit`, the argon2
//! limit of this machine, `bench-parse`, the rows per second of reading dumps alone, and
//! `bench-lookup`, the time to open a pack and look keys up in it. Each prints one JSON object.

use std::io::Write;
use std::path::Path;

use exposure_build::dump::SourceReader;
use exposure_build::plan::Plan;
use exposure_core::keys::cost::Profile;
use exposure_core::keys::{KEY_LEN, Key, plain_loop};
use exposure_core::pack::Pack;

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

/// `exposure bench-lookup PACK`: hidden; the open, the first lookup and the mean of `lookups`
/// more, each of a key spread over the key space (found or not, a lookup reads one bucket).
pub fn lookup(path: &Path, lookups: u32) -> Result<(), Error> {
    let key = |i: u64| {
        let mut key = Key([0; KEY_LEN]);
        key.0[..8].copy_from_slice(&i.wrapping_mul(0x9E37_79B9_7F4A_7C15).to_be_bytes());
        key.0[8..].copy_from_slice(&i.wrapping_mul(0xC2B2_AE3D_27D4_EB4F).to_be_bytes()[..8]);
        key
    };
    let started = std::time::Instant::now();
    let pack = Pack::open(path)?;
    let open = started.elapsed();
    let started = std::time::Instant::now();
    pack.lookup(&key(0))?;
    let first = started.elapsed();
    let started = std::time::Instant::now();
    let mut hits = 0usize;
    for i in 1..=u64::from(lookups) {
        hits += pack.lookup(&key(i))?.len();
    }
    let rest = started.elapsed();
    let report = serde_json::json!({
        "entries": pack.meta().entry_count,
        "open_ms": open.as_secs_f64() * 1e3,
        "first_lookup_ms": first.as_secs_f64() * 1e3,
        "lookups": lookups,
        "lookup_us_mean": rest.as_secs_f64() * 1e6 / f64::from(lookups.max(1)),
        "hits": hits,
    });
    let mut stdout = std::io::stdout().lock();
    Ok(writeln!(stdout, "{report}")?)
}
