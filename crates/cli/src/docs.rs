//! `exposure completions SHELL` and `exposure man`: the command line, described for shells and
//! for `man`.

use std::io::Write;

use clap::CommandFactory;

use crate::args::Cli;
use crate::error::Error;

pub fn completions(shell: clap_complete::Shell) -> Result<(), Error> {
    // Written in one piece: `generate` panics when its writer fails (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "exposure", &mut script);
    Ok(std::io::stdout().lock().write_all(&script)?)
}

pub fn man() -> Result<(), Error> {
    let mut page = Vec::new();
    clap_mangen::Man::new(Cli::command()).render(&mut page)?;
    Ok(std::io::stdout().lock().write_all(&page)?)
}
