//! Builds, merges and demos wired to the signals that end a process, so that an interrupted one
//! removes its temporary files instead of leaving a partial pack behind.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use exposure_build::pipeline::{BuildOptions, BuildSummary, build};
use exposure_build::plan::Plan;

use crate::error::Error;
use crate::progress::Bars;

/// A flag that every signal asking the process to end sets, so a build stops, removes its
/// temporary pack and exits with "cancelled" instead of leaving a partial file behind: Ctrl-C,
/// `kill`, a closed terminal, `scancel`, a deleted pod (INT, TERM, HUP, QUIT).
#[cfg(unix)]
pub fn interrupt_flag() -> Arc<AtomicBool> {
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
pub fn interrupt_flag() -> Arc<AtomicBool> {
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
) -> Result<BuildSummary, Error> {
    let cancel = interrupt_flag();
    let bars = Bars::new(quiet);
    Ok(build(plan, out, options, &bars, &cancel)?)
}
