//! Progress bars for long builds and whole-file checks, drawn on standard error only when it is
//! a terminal.

use std::io::IsTerminal;
use std::path::Path;
use std::time::Duration;

use exposure_core::progress::{Phase, Progress};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::l10n::fl;

/// Draws one bar per phase; silent when standard error is not a terminal or `--quiet` was given.
pub struct Bars {
    bar: ProgressBar,
    visible: bool,
}

impl Bars {
    pub fn new(quiet: bool) -> Bars {
        let visible = !quiet && std::io::stderr().is_terminal();
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
        Bars { bar, visible }
    }
}

impl Progress for Bars {
    fn start(&self, phase: Phase, total: u64) {
        if !self.visible {
            return;
        }
        let (label, template) = match phase {
            Phase::Reading => (
                fl!("progress-reading"),
                "{prefix:>10} [{bar:30}] {bytes}/{total_bytes} · {msg} · {eta}",
            ),
            Phase::Deriving => (
                fl!("progress-deriving"),
                "{prefix:>10} [{bar:30}] {human_pos}/{human_len} · {per_sec} · {eta}",
            ),
            Phase::Writing => (
                fl!("progress-writing"),
                "{prefix:>10} [{bar:30}] {human_pos}/{human_len}",
            ),
            Phase::Verifying => (fl!("progress-verifying"), VERIFYING_TEMPLATE),
            Phase::Scanning => (
                fl!("progress-verifying"),
                "{prefix:>10} [{bar:30}] {human_pos}/{human_len} · {eta}",
            ),
        };
        self.bar.reset();
        self.bar.set_length(total);
        self.bar.set_position(0);
        self.bar.set_style(
            ProgressStyle::with_template(template)
                .expect("valid template")
                .progress_chars("=> "),
        );
        self.bar.set_prefix(label);
        self.bar.set_draw_target(ProgressDrawTarget::stderr());
        self.bar.enable_steady_tick(Duration::from_millis(200));
    }

    fn update(&self, done: u64, rows: u64) {
        if !self.visible {
            return;
        }
        self.bar.set_position(done);
        let seconds = self.bar.elapsed().as_secs_f64().max(1e-3);
        self.bar.set_message(fl!(
            "progress-rows",
            rows = rows,
            rate = (rows as f64 / seconds).round()
        ));
    }

    fn finish(&self, _: Phase) {
        if self.visible {
            self.bar.finish_and_clear();
        }
    }
}

const VERIFYING_TEMPLATE: &str =
    "{prefix:>10} [{bar:30}] {bytes}/{total_bytes} · {bytes_per_sec} · {eta}";

/// Files smaller than this are read in well under a second: no bar would be seen.
const FILE_BAR_MIN_BYTES: u64 = 8 << 20;

/// A bar of the bytes a whole-file check has read; drawn only on a terminal, for a file large
/// enough to take a moment, and cleared when dropped.
pub struct FileBar {
    bar: Option<ProgressBar>,
}

impl FileBar {
    pub fn new(path: &Path) -> FileBar {
        let large = std::fs::metadata(path).is_ok_and(|m| m.len() >= FILE_BAR_MIN_BYTES);
        let bar = (large && std::io::stderr().is_terminal()).then(|| {
            let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(VERIFYING_TEMPLATE)
                    .expect("valid template")
                    .progress_chars("=> "),
            );
            bar.set_prefix(fl!("progress-verifying"));
            bar
        });
        FileBar { bar }
    }
}

impl Progress for FileBar {
    fn start(&self, _: Phase, total: u64) {
        if let Some(bar) = &self.bar {
            bar.set_length(total);
        }
    }

    fn update(&self, read: u64, _: u64) {
        if let Some(bar) = &self.bar {
            // A file that grew while read shows as full rather than past its end.
            bar.set_length(bar.length().unwrap_or(0).max(read));
            bar.set_position(read);
        }
    }

    fn finish(&self, _: Phase) {}
}

impl Drop for FileBar {
    fn drop(&mut self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}
