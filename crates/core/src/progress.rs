//! One way for long work to say how far it has come and to be stopped. A build, a merge, a
//! shard's verification and a check's hashing all report to a [`Progress`] and stop at a
//! [`Cancel`]: the CLI draws bars and sets the token on Ctrl-C, the desktop app sends progress to
//! its page and sets the token when the person presses Cancel.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::l10n::Message;

/// The phases long work reports progress in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Units: bytes of the dump files.
    Reading,
    /// Units: keys.
    Deriving,
    /// Units: entries.
    Writing,
    /// Units: bytes of a file checked whole (a signature over a pack of any size).
    Verifying,
    /// Units: buckets of a pack whose every entry and hash is checked (`pack verify`, `sign`).
    Scanning,
}

/// Hears how far long work has come. A build calls it from its building thread only; a check's
/// argon2 workers call [`update`](Progress::update) from their own threads, in no particular
/// order, so a receiver keeps the highest `done` it has seen if it must never go back.
pub trait Progress: Sync {
    /// A phase begins, with `total` units to do.
    fn start(&self, phase: Phase, total: u64);
    /// `done` units of the phase so far; `rows` of the dumps read so far (none in a check).
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

/// A request to stop, shared by whoever may ask (a signal handler, a Cancel button) and the work
/// that looks at it between two steps. Clones share one state; once cancelled, it stays so, and a
/// new piece of work takes a new token.
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    pub fn new() -> Cancel {
        Cancel::default()
    }

    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// [`Cancelled`] once cancelled: for `?` between two steps.
    pub fn check(&self) -> Result<(), Cancelled> {
        if self.is_cancelled() {
            Err(Cancelled)
        } else {
            Ok(())
        }
    }

    /// The shared flag itself, for a signal handler: it may do no more than set an atomic
    /// (`signal_hook::flag::register` takes exactly this).
    pub fn flag(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.0)
    }
}

/// The work was stopped before it was done. Worded as a check's end; a build says its own
/// (`build-cancelled`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", Message::new("check-cancelled"))]
pub struct Cancelled;

#[cfg(test)]
mod tests {
    use std::sync::atomic::Ordering;

    use super::*;

    #[test]
    fn a_token_is_not_cancelled_until_someone_cancels_it() {
        let token = Cancel::new();
        assert!(!token.is_cancelled());
        assert_eq!(token.check(), Ok(()));
        token.cancel();
        assert!(token.is_cancelled());
        assert_eq!(token.check(), Err(Cancelled));
    }

    #[test]
    fn clones_share_one_state_and_fresh_tokens_do_not() {
        let token = Cancel::new();
        let clone = token.clone();
        let other = Cancel::new();
        std::thread::scope(|scope| {
            scope.spawn(|| clone.cancel());
        });
        assert!(token.is_cancelled());
        assert!(!other.is_cancelled());
    }

    /// A signal handler sets the raw flag; the work sees it through the token.
    #[test]
    fn setting_the_shared_flag_cancels_the_token() {
        let token = Cancel::new();
        token.flag().store(true, Ordering::Relaxed);
        assert!(token.is_cancelled());
    }
}
