//! `exposure pack merge PART... --out PACK`: the parts of a shard set joined into the pack a
//! one-machine build would have made; a folder stands for every part file in it.

use std::path::{Path, PathBuf};

use exposure_build::pipeline::merge_parts;
use exposure_core::l10n::io_reason;

use crate::error::Error;
use crate::interrupt::interrupt_token;
use crate::l10n::fl;
use crate::progress::Bars;
use crate::summary::print_merge_summary;

pub fn run(parts: &[PathBuf], out: &Path, force: bool, quiet: bool) -> Result<(), Error> {
    let mut files = Vec::new();
    for path in parts {
        if path.is_dir() {
            let entries = std::fs::read_dir(path).map_err(|e| {
                Error::Said(fl!(
                    "shard-io",
                    path = path.as_path(),
                    reason = io_reason(e.kind()).to_string()
                ))
            })?;
            let mut found: Vec<PathBuf> = entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "exposure-part"))
                .collect();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    let cancel = interrupt_token();
    let bars = Bars::new(quiet);
    let summary = merge_parts(&files, out, force, &bars, &cancel)?;
    Ok(print_merge_summary(
        &mut std::io::stdout().lock(),
        out,
        &summary,
    )?)
}
