//! Progress bars for long builds, drawn on standard error only when it is a terminal.

use std::io::IsTerminal;
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
