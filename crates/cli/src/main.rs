//! `exposure`: build breach packs from leaked dumps, and check identifiers against them, offline.
//!
//! This file only decides the language and the exit status; each verb lives in its own module
//! and calls `exposure-core` for everything but parsing and printing.

mod build;
mod check;
mod cli;
mod demo;
mod input;
mod l10n;
mod normalize;
mod pack;
mod progress;

use std::process::ExitCode;

use clap::Parser;

/// How a command ended, beyond plain success.
#[derive(Debug)]
pub enum Failure {
    /// Exit 2: the usage was wrong or no input was valid (DESIGN.md §6).
    Usage(String),
    /// Exit 1: anything else; the message is already localized.
    Other(String),
    /// Standard output was closed before everything was written (`exposure man | head`): whoever
    /// reads it has what they wanted, so this ends quietly with status 0, as `cat` and `grep` do.
    BrokenPipe,
}

impl Failure {
    pub fn other(error: impl std::fmt::Display) -> Failure {
        Failure::Other(error.to_string())
    }

    /// A failure of the operating system, in the project's words: its own English text (`entity
    /// not found`) would reach a person reading another language.
    pub fn io(error: std::io::Error) -> Failure {
        let reason = exposure_core::l10n::io_reason(error.kind()).to_string();
        Failure::Other(l10n::fl!("cli-io-failed", reason = reason))
    }
}

/// For writing to standard output: a closed pipe is [`Failure::BrokenPipe`].
impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        if error.kind() == std::io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::io(error)
        }
    }
}

fn main() -> ExitCode {
    l10n::init_from_args(std::env::args_os());
    let cli = match cli::Cli::try_parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    match cli::run(cli) {
        Ok(()) | Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::Usage(message)) => {
            l10n::eprint_error(&message);
            ExitCode::from(2)
        }
        Err(Failure::Other(message)) => {
            l10n::eprint_error(&message);
            ExitCode::from(1)
        }
    }
}
