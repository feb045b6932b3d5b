//! Lines of standard input, for the verbs that read identifiers one a line (`check`,
//! `normalize`): read with a bound, so that one endless line cannot take the memory, and held in
//! a buffer that is zeroized.

use std::io::{BufRead, Read};

use exposure_core::check::input::{LineError, MAX_LINE_BYTES};
use exposure_core::l10n::io_reason;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::l10n::fl;

/// Calls `each` with every line of `reader`: its 1-based number and its text without the line
/// end. A byte order mark before the first line is skipped (Windows editors write one). A line
/// longer than [`MAX_LINE_BYTES`], or not UTF-8, stops the reading with its error after at most
/// `MAX_LINE_BYTES + 1` bytes of it were read.
pub fn for_each_line(
    mut reader: impl BufRead,
    mut each: impl FnMut(usize, &str) -> Result<(), Error>,
) -> Result<(), Error> {
    // Never grown, so never reallocated: no copy of a line is left behind unzeroized.
    let mut line = Zeroizing::new(Vec::with_capacity(MAX_LINE_BYTES + 1));
    let mut number = 0;
    loop {
        line.clear();
        let read = (&mut reader)
            .take(MAX_LINE_BYTES as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|e| {
                Error::Said(fl!(
                    "check-stdin-failed",
                    reason = io_reason(e.kind()).to_string()
                ))
            })?;
        if read == 0 {
            return Ok(());
        }
        number += 1;
        let text = match line.strip_suffix(b"\n") {
            Some(text) => text,
            None if line.len() > MAX_LINE_BYTES => {
                return Err(Error::Usage(
                    LineError::TooLong { line: number }.to_string(),
                ));
            }
            None => &line[..],
        };
        let text = text.strip_suffix(b"\r").unwrap_or(text);
        let text = match number {
            1 => text.strip_prefix("\u{feff}".as_bytes()).unwrap_or(text),
            _ => text,
        };
        let text = std::str::from_utf8(text)
            .map_err(|_| Error::Usage(LineError::NotUtf8 { line: number }.to_string()))?;
        each(number, text)?;
    }
}
