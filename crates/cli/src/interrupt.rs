//! Builds, merges and demos wired to the signals that end a process, so that an interrupted one
//! removes its temporary files instead of leaving a partial pack behind.

use std::path::Path;

use exposure_build::pipeline::{BuildOptions, BuildSummary, build};
use exposure_build::plan::Plan;
use exposure_core::progress::Cancel;

use crate::error::Error;
use crate::progress::Bars;

/// A token that every signal asking the process to end cancels, so a build stops, removes its
/// temporary pack and exits with "cancelled" instead of leaving a partial file behind: Ctrl-C,
/// `kill`, a closed terminal, `scancel`, a deleted pod (INT, TERM, HUP, QUIT).
#[cfg(unix)]
pub fn interrupt_token() -> Cancel {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM};
    let cancel = Cancel::new();
    for signal in [SIGINT, SIGTERM, SIGHUP, SIGQUIT] {
        // Fails only for signals that cannot be caught, which these are not.
        let _ = signal_hook::flag::register(signal, cancel.flag());
    }
    cancel
}

/// A token Ctrl-C and Ctrl-Break cancel, so an interrupted build removes its temporary files
/// instead of leaving them behind.
#[cfg(not(unix))]
pub fn interrupt_token() -> Cancel {
    let cancel = Cancel::new();
    let handler = cancel.clone();
    // Only one handler per process can be set; a second build in one process (never the case
    // for the CLI) would keep the first handler, which cancels the first build's token.
    let _ = ctrlc::set_handler(move || handler.cancel());
    cancel
}

/// Builds with the signals that end a process wired to cancellation.
pub fn build_with_interrupt(
    plan: &Plan,
    out: &Path,
    options: &BuildOptions,
    quiet: bool,
) -> Result<BuildSummary, Error> {
    let cancel = interrupt_token();
    let bars = Bars::new(quiet);
    Ok(build(plan, out, options, &bars, &cancel)?)
}
