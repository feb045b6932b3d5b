//! `exposure`: build breach packs from leaked dumps, and check identifiers against them, offline.
//!
//! This file only decides the language, hands each command to its verb's module, and turns the
//! outcome into an exit status. The command line is defined in [`args`] (a leaf); each verb
//! lives in its own module and calls `exposure-core` for everything but parsing and printing;
//! every failure is an [`error::Error`].

mod args;
mod bench;
mod build;
mod check;
mod demo;
mod docs;
mod error;
mod input;
mod interrupt;
mod l10n;
mod normalize;
mod output;
mod pack;
mod packs;
mod progress;
mod summary;

use std::process::ExitCode;

use clap::Parser;

use crate::args::{Cli, Command, PackCommand};
use crate::error::Error;

fn main() -> ExitCode {
    l10n::init_from_args(std::env::args_os());
    let cli = match Cli::try_parse_from(std::env::args_os()) {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() { 2 } else { 0 };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            if !matches!(error, Error::BrokenPipe) {
                l10n::eprint_error(&error.to_string());
            }
            ExitCode::from(error.exit_code())
        }
    }
}

/// The one place a command meets its verb.
fn run(command: Command) -> Result<(), Error> {
    match command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::Normalize(args) => normalize::run(args),
        Command::Pack(PackCommand::Info { pack, json, trust }) => {
            pack::info::run(&pack, json, &trust)
        }
        Command::Pack(PackCommand::Sign {
            pack,
            key,
            password_file,
        }) => pack::sign::run(&pack, &key, password_file.as_deref()),
        Command::Pack(PackCommand::Verify { pack, pubkey }) => pack::verify::run(&pack, &pubkey),
        Command::Pack(PackCommand::Upgrade {
            old,
            out,
            force,
            trust,
            quiet,
        }) => pack::upgrade::run(&old, &out, force, &trust, quiet),
        Command::Pack(PackCommand::Merge {
            parts,
            out,
            force,
            quiet,
        }) => pack::merge::run(&parts, &out, force, quiet),
        Command::Pack(PackCommand::Synth {
            entries,
            out,
            from,
            seed,
            force,
            quiet,
        }) => pack::synth::run(
            &out,
            exposure_build::synth::SynthOptions {
                entries,
                seed,
                overwrite: force,
            },
            from.as_deref(),
            quiet,
        ),
        Command::Demo(args) => demo::run(args),
        Command::Completions { shell } => docs::completions(shell),
        Command::Man => docs::man(),
        Command::BenchLimit(args) => bench::limit(args),
        Command::BenchParse { plan } => bench::parse(&plan),
        Command::BenchLookup { pack, lookups } => bench::lookup(&pack, lookups),
    }
}
