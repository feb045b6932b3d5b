//! `exposure normalize KIND`: shows what a value becomes before hashing, one line per value
//! read from standard input; for curators checking a dump's columns and for debugging a miss.

use std::io::Write;

use exposure_core::identifier::{Kind, Normalizer};
use serde_json::json;

use crate::args::NormalizeArgs;
use crate::error::Error;
use crate::l10n::fl;
use crate::output::untrusted;

pub fn run(args: NormalizeArgs) -> Result<(), Error> {
    let normalizer = Normalizer::new(args.region.unwrap_or_default());
    let kind = Kind::from(args.kind);
    let mut stdout = std::io::stdout().lock();
    let (mut valid, mut seen) = (0usize, 0usize);
    crate::input::for_each_line(std::io::stdin().lock(), |_, input| {
        seen += 1;
        let result = normalizer.normalize(kind, input);
        valid += usize::from(result.is_ok());
        let written = match (&result, args.json) {
            // A value from a dump may hold terminal escapes: shown escaped, as one line.
            (Ok(normalized), false) => writeln!(stdout, "{}", untrusted(normalized.expose())),
            (Err(invalid), false) => writeln!(
                stdout,
                "{}",
                fl!("normalize-rejected", reason = invalid.to_string())
            ),
            (Ok(normalized), true) => writeln!(
                stdout,
                "{}",
                json!({"input": input, "normalized": normalized.expose()})
            ),
            (Err(invalid), true) => writeln!(
                stdout,
                "{}",
                json!({"input": input, "error": invalid.to_string(), "code": invalid.code()})
            ),
        };
        Ok(written?)
    })?;
    match (seen, valid) {
        (0, _) => Err(Error::Usage(fl!("normalize-no-input"))),
        (_, 0) => Err(Error::Usage(fl!("check-no-valid-input"))),
        _ => Ok(()),
    }
}
