//! The summary a build, a part, a merge and the demo print: rows read, used and skipped, values
//! refused with their reasons, masked examples, warnings, keys, entries and size.

use std::io::Write;
use std::path::Path;

use exposure_build::pipeline::BuildSummary;
use exposure_core::l10n::Message;

use crate::l10n::fl;
use crate::output::{kind_label, round2, untrusted};

/// "Built PACK in N s".
fn print_done(
    out_stream: &mut impl Write,
    out: &Path,
    summary: &BuildSummary,
) -> std::io::Result<()> {
    let seconds = summary.elapsed.as_secs_f64();
    writeln!(
        out_stream,
        "{}",
        fl!("build-done", path = out, seconds = round2(seconds))
    )
}

/// A merge read no rows itself (each part reported its own): keys, entries and size only.
pub fn print_merge_summary(
    stdout: &mut impl Write,
    out: &Path,
    summary: &BuildSummary,
) -> std::io::Result<()> {
    print_done(stdout, out, summary)?;
    print_totals(stdout, summary)
}

/// Everything a build that read rows has to say.
pub fn print_summary(
    stdout: &mut impl Write,
    out: &Path,
    summary: &BuildSummary,
) -> std::io::Result<()> {
    print_done(stdout, out, summary)?;
    print_encodings(stdout, summary)?;
    print_rows(stdout, summary)?;
    print_warnings(stdout, summary)?;
    print_examples(stdout, summary)?;
    print_totals(stdout, summary)
}

/// The encoding `auto` chose for each source that asked for it.
fn print_encodings(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    for (file, encoding, bytes) in &summary.encodings_detected {
        let line = fl!(
            "build-encoding-detected",
            file = file.as_path(),
            encoding = encoding.label(),
            bytes = *bytes
        );
        writeln!(stdout, "  {line}")?;
    }
    Ok(())
}

/// Rows read, used and skipped, and values refused, each count with its reasons.
fn print_rows(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    let rate = (summary.rows_read as f64 / summary.elapsed.as_secs_f64().max(1e-3)).round();
    let read = fl!("build-rows-read", rows = summary.rows_read, rate = rate);
    writeln!(stdout, "  {read}")?;
    let used = fl!("build-rows-used", rows = summary.rows_used);
    writeln!(stdout, "  {used}")?;
    let skipped: u64 = summary.rows_skipped.values().sum();
    writeln!(stdout, "  {}", fl!("build-rows-skipped", rows = skipped))?;
    for (problem, count) in &summary.rows_skipped {
        let reason = Message::new(problem.message_id()).to_string();
        let line = fl!("build-count-reason", count = *count, reason = reason);
        writeln!(stdout, "    {line}")?;
    }
    let rejected: u64 = summary.values_rejected.values().sum();
    let refused = fl!("build-values-rejected", values = rejected);
    writeln!(stdout, "  {refused}")?;
    for ((kind, invalid), count) in &summary.values_rejected {
        let reason = format!("{}: {}", kind_label(*kind), Message::from(*invalid));
        let line = fl!("build-count-reason", count = *count, reason = reason);
        writeln!(stdout, "    {line}")?;
    }
    Ok(())
}

/// The first rows with a problem: file, position (line, cell, or statement and tuple), reason and
/// the value masked.
fn print_examples(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    if summary.examples.is_empty() {
        return Ok(());
    }
    writeln!(stdout, "  {}", fl!("build-examples"))?;
    for example in &summary.examples {
        let file = example.file.file_name().map_or_else(
            || example.file.display().to_string(),
            |f| f.to_string_lossy().into_owned(),
        );
        let file = untrusted(&file).into_owned();
        let reason = example.reason.message().to_string();
        let position = example.position.message().to_string();
        let line = if example.masked.is_empty() {
            fl!(
                "build-example",
                file = file,
                position = position,
                reason = reason
            )
        } else {
            fl!(
                "build-example-masked",
                file = file,
                position = position,
                reason = reason,
                masked = untrusted(&example.masked)
            )
        };
        writeln!(stdout, "    {line}")?;
    }
    Ok(())
}

/// What a curator must look at before trusting the pack: most rows lost, or a JSON path that
/// matched nothing.
fn print_warnings(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    if summary.most_rows_lost() {
        let percent =
            (summary.rows_lost() as f64 * 100.0 / summary.rows_read.max(1) as f64).round();
        writeln!(
            stdout,
            "  {}",
            fl!(
                "build-warning-rows-lost",
                lost = summary.rows_lost(),
                rows = summary.rows_read,
                percent = percent
            )
        )?;
    }
    for (file, path) in &summary.unmatched_paths {
        writeln!(
            stdout,
            "  {}",
            fl!(
                "build-warning-unmatched-path",
                column = untrusted(path),
                file = file.as_path()
            )
        )?;
    }
    Ok(())
}

/// Keys, key rate, spills, entries and size: the lines a build and a merge share.
fn print_totals(stdout: &mut impl Write, summary: &BuildSummary) -> std::io::Result<()> {
    for line in totals(summary) {
        writeln!(stdout, "  {line}")?;
    }
    Ok(())
}

fn totals(summary: &BuildSummary) -> Vec<String> {
    let keys: Vec<String> = summary
        .keys
        .iter()
        .map(|(kind, count)| format!("{} {count}", kind_label(*kind)))
        .collect();
    let mut lines = vec![fl!(
        "build-keys",
        keys = summary.total_keys(),
        detail = keys.join(" · ")
    )];
    // A merge derives nothing: it has no rate to show.
    if !summary.derive_elapsed.is_zero() {
        let rate = summary.total_keys() as f64 / summary.derive_elapsed.as_secs_f64();
        lines.push(fl!("build-key-rate", rate = rate.round()));
    }
    if summary.runs > 0 {
        lines.push(fl!(
            "build-spilled",
            runs = summary.runs,
            hashes = summary.hashes
        ));
    }
    lines.push(fl!("build-entries", entries = summary.entries));
    let per_entry = if summary.entries == 0 {
        0.0
    } else {
        summary.pack_bytes as f64 / summary.entries as f64
    };
    lines.push(fl!(
        "build-pack-size",
        bytes = summary.pack_bytes,
        per_entry = round2(per_entry)
    ));
    lines
}
