//! The scale test of issue 12: a synthetic pack larger than 4 GiB, grown from the demo pack with
//! `pack synth --from`, answers the demo's showcase person as the demo pack does and a stranger
//! not at all, through the CLI, and the peak memory of that check stays within 64 MiB of the same
//! check against the small pack: a check's memory does not grow with the pack.
//!
//! It writes about 5 GB and takes minutes in a release build: ignored by `cargo test`, run by
//! `scripts/test` as `cargo test --release -p exposure-cli --test cli scale -- --ignored`. The
//! pack goes to a temporary folder in `EXPOSURE_SCALE_DIR` if it is set. Else it goes to the first
//! of the system's temporary folder, Cargo's temporary folder for tests and `/dev/shm` with room
//! for it: a fresh CI machine's disk is mostly taken by the build by the time this test runs, and
//! the machine's memory (24 GiB) holds the pack with room to spare.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{breaches_found, demo, exposure};

/// Random keys to add: at about 6.1 bytes an entry at this size, about 4.6 GB.
const ENTRIES: u64 = 760_000_000;
const FOUR_GIB: u64 = 4 << 30;
/// The pack, and room to spare for everything else on the disk.
const FREE_BYTES_NEEDED: u64 = 6 << 30;
/// How much more memory the check of the large pack may take than the same check of the small.
const RSS_MARGIN_KIB: u64 = 64 * 1024;

const SHOWCASE: &str = "phone=13800138000\n";
const STRANGER: &str = "phone=13900139000\n";

/// Memory that must stay available beside a pack held in `/dev/shm`, for the system and the check.
const MEMORY_LEFT_BYTES: u64 = 8 << 30;
const SHARED_MEMORY: &str = "/dev/shm";

/// Free bytes on the file system of `dir`, from POSIX `df -P -k` (no unsafe `statvfs` call).
fn free_bytes(dir: &Path) -> u64 {
    let output = Command::new("df")
        .args(["-P", "-k"])
        .arg(dir)
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let line = text
        .lines()
        .nth(1)
        .expect("df prints one line a file system");
    let kib: u64 = line.split_whitespace().nth(3).unwrap().parse().unwrap();
    kib * 1024
}

/// `MemAvailable` in `/proc/meminfo`: what a pack in shared memory takes from.
fn available_memory() -> u64 {
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap();
    let line = meminfo
        .lines()
        .find(|line| line.starts_with("MemAvailable:"))
        .expect("Linux reports MemAvailable");
    let kib: u64 = line.split_whitespace().nth(1).unwrap().parse().unwrap();
    kib * 1024
}

/// The folder for the pack: `EXPOSURE_SCALE_DIR` if set, else the first of the usual temporary
/// folders with room for it. `Err` says how much room each had.
fn scale_dir() -> Result<PathBuf, String> {
    let candidates = match std::env::var_os("EXPOSURE_SCALE_DIR") {
        Some(dir) => vec![PathBuf::from(dir)],
        None => vec![
            std::env::temp_dir(),
            PathBuf::from(env!("CARGO_TARGET_TMPDIR")),
            PathBuf::from(SHARED_MEMORY),
        ],
    };
    let mut tried = Vec::new();
    for dir in candidates {
        if !dir.is_dir() {
            tried.push(format!("no folder {}", dir.display()));
            continue;
        }
        let mut free = free_bytes(&dir);
        if dir == Path::new(SHARED_MEMORY) {
            free = free.min(available_memory().saturating_sub(MEMORY_LEFT_BYTES));
        }
        if free >= FREE_BYTES_NEEDED {
            return Ok(dir);
        }
        tried.push(format!("{} GiB in {}", free >> 30, dir.display()));
    }
    Err(format!(
        "the scale test needs {} GiB free and found {}: free some space, or set \
         EXPOSURE_SCALE_DIR to a folder on a larger disk",
        FREE_BYTES_NEEDED >> 30,
        tried.join(", ")
    ))
}

/// `exposure check --json --pack PACK` of `input`, a fresh process under `/usr/bin/time`: the
/// report and the process's peak resident memory in KiB.
fn timed_check(dir: &Path, pack: &Path, input: &str) -> (serde_json::Value, u64) {
    let rss = dir.join("rss.txt");
    let mut child = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o"])
        .arg(&rss)
        .arg(env!("CARGO_BIN_EXE_exposure"))
        .args(["check", "--json", "--pack"])
        .arg(pack)
        .env_clear()
        .env("LANG", "en_US.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("/usr/bin/time (Debian package `time`) runs the check");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    let report = serde_json::from_slice(&output.stdout).unwrap();
    let kib = std::fs::read_to_string(&rss)
        .unwrap()
        .trim()
        .parse()
        .unwrap();
    (report, kib)
}

#[test]
#[ignore = "writes a pack over 4 GiB for minutes: run by scripts/test in a release build"]
#[allow(
    clippy::print_stderr,
    reason = "its size, time and memory figures are what a reader of the run wants to see"
)]
fn a_pack_over_4_gib_answers_as_the_small_one_in_the_memory_of_the_small_one() {
    let base = scale_dir().unwrap_or_else(|why| panic!("{why}"));
    eprintln!("scale: the pack goes to {}", base.display());
    let dir = tempfile::Builder::new()
        .prefix("exposure-scale-")
        .tempdir_in(&base)
        .unwrap();
    // A copy of its own: the demo pack's folder is shared by the run's tests and lives in the
    // temporary folder, where the minutes this test takes leave room for a cleaner to remove it.
    let small = &dir.path().join("small.exposure");
    std::fs::copy(&demo().pack, small).unwrap();
    let large = dir.path().join("large.exposure");
    let started = std::time::Instant::now();
    exposure()
        .args(["pack", "synth", "--quiet", "--seed", "12"])
        .args(["--entries", &ENTRIES.to_string()])
        .arg("--from")
        .arg(small)
        .arg("--out")
        .arg(&large)
        .assert()
        .success();
    let size = std::fs::metadata(&large).unwrap().len();
    eprintln!(
        "scale: {ENTRIES} random entries, {size} bytes, written in {:.0} s",
        started.elapsed().as_secs_f64()
    );
    assert!(size > FOUR_GIB, "{size} bytes");

    let (small_found, small_rss) = timed_check(dir.path(), small, SHOWCASE);
    let (large_found, large_rss) = timed_check(dir.path(), &large, SHOWCASE);
    eprintln!(
        "scale: peak RSS of the check, small pack {small_rss} KiB, large pack {large_rss} KiB"
    );
    assert!(!breaches_found(&small_found).is_empty());
    assert_eq!(breaches_found(&large_found), breaches_found(&small_found));
    let (stranger, _) = timed_check(dir.path(), &large, STRANGER);
    assert!(breaches_found(&stranger).is_empty());
    assert!(
        large_rss <= small_rss + RSS_MARGIN_KIB,
        "the check took {large_rss} KiB against the large pack, {small_rss} KiB against the small"
    );
}
