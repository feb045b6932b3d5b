//! `exposure check --pack PACK...`: identifiers from standard input (or typed at prompts) against
//! packs. Identifiers are never taken from the command line, where `ps` and shell history would
//! keep them. With `--batch PEOPLE.csv`, many people from a file, one report a person.

use std::io::{BufRead, IsTerminal, Write};
use std::path::Path;

use exposure_core::check::advice::{self, Channels};
use exposure_core::check::batch::{Answer, BatchError, People};
use exposure_core::check::input::{Input, InputKind, RawInput};
use exposure_core::check::report::{JsonPersonReport, JsonReport};
use exposure_core::check::{self, Finding, input};
use exposure_core::identifier::{Normalizer, Region};
use exposure_core::l10n::{Message, current_language};
use exposure_core::pack::{Pack, v1};
use exposure_core::progress::{Cancel, Silent};
use zeroize::Zeroizing;

use crate::args::CheckArgs;
use crate::error::Error;
use crate::interrupt::interrupt_token;
use crate::l10n::fl;
use crate::output::{class_list, kind_label, protection_label, signature_label, untrusted};
use crate::packs::open_packs;
use crate::progress::Bars;

pub fn run(args: CheckArgs) -> Result<(), Error> {
    let interactive = std::io::stdin().is_terminal();
    // Packs first: a person should not type an ID number only to learn the pack is unreadable.
    let packs = open_packs(&args.packs, &args.trust)?;
    warn_old_formats(&packs);
    let region = input::region_for(args.region, &packs);
    if let Some(people) = &args.batch {
        return run_batch(people, &packs, region, args.json);
    }
    let raw = if interactive {
        prompt_inputs()?
    } else {
        read_inputs(std::io::stdin().lock())?
    };
    let normalizer = Normalizer::new(region);
    let (inputs, findings) =
        check::check_typed(&raw, &packs, &normalizer, &Silent, &Cancel::new())?;
    drop(raw);
    if inputs.is_empty() {
        return Err(Error::Usage(fl!("check-no-input")));
    }
    let printed = if args.json {
        print_json(&packs, &inputs, &findings)
    } else {
        print_text(&packs, &inputs, &findings, Channels::of(region))
    };
    printed?;
    if inputs.iter().all(|input| input.status.is_err()) {
        return Err(Error::Usage(fl!("check-no-valid-input")));
    }
    Ok(())
}

/// Once for each v1 pack in use, on standard error (the report on standard output stays as
/// it was): its format is read whole at every check, and its curator or holder can upgrade it.
fn warn_old_formats(packs: &[Pack]) {
    let mut stderr = std::io::stderr().lock();
    for pack in packs
        .iter()
        .filter(|p| p.meta().format_version == v1::VERSION)
    {
        let _ = writeln!(stderr, "{}", fl!("check-old-format", path = pack.path()));
    }
}

/// `check --batch`: each person of the file checked, answered and forgotten in turn, with
/// progress over the file on a terminal, until its end or Ctrl-C. Exits as one check would: 2
/// when no person had a value that could be checked.
fn run_batch(path: &Path, packs: &[Pack], region: Region, json: bool) -> Result<(), Error> {
    let file = std::fs::File::open(path).map_err(|error| Error::Batch(BatchError::Io(error)))?;
    let total = file.metadata().map_or(0, |m| m.len());
    let mut people = People::new(std::io::BufReader::new(file))?;
    if !json {
        let mut out = std::io::stdout().lock();
        print_packs(&mut out, packs)?;
    }
    let bars = Bars::new(false);
    let mut any_checked = false;
    exposure_core::check::batch::check_each(
        &mut people,
        total,
        packs,
        &Normalizer::new(region),
        &bars,
        &interrupt_token(),
        |answer| {
            if let Ok((inputs, _)) = &answer.outcome {
                any_checked |= inputs.iter().any(|input| input.status.is_ok());
            }
            let mut out = std::io::stdout().lock();
            if json {
                let line = JsonPersonReport::new(&answer, packs, current_language());
                serde_json::to_writer(&mut out, &line)?;
                writeln!(out)?;
            } else {
                print_person(&mut out, packs, &answer, Channels::of(region))?;
            }
            Ok::<(), Error>(())
        },
    )?;
    if !any_checked {
        return Err(Error::Usage(fl!("check-no-valid-input")));
    }
    Ok(())
}

/// One person's report: their label (shown [`untrusted`]: the file may come from anyone) and
/// row, then what a single check would say, or why their row was not read.
fn print_person(
    out: &mut impl Write,
    packs: &[Pack],
    answer: &Answer,
    channels: Channels,
) -> std::io::Result<()> {
    writeln!(out)?;
    let heading = match &answer.label {
        Some(label) => fl!(
            "check-batch-person",
            person = untrusted(label),
            row = answer.row
        ),
        None => fl!("check-batch-row", row = answer.row),
    };
    writeln!(out, "{heading}")?;
    let (inputs, findings) = match &answer.outcome {
        Ok(checked) => checked,
        Err(error) => return writeln!(out, "  {}", Message::from(error)),
    };
    if inputs.is_empty() {
        return writeln!(out, "  {}", fl!("check-batch-nothing"));
    }
    print_invalid(out, inputs)?;
    if inputs.iter().any(|input| input.status.is_ok()) {
        print_answer(out, packs, findings, channels)?;
    }
    Ok(())
}

fn read_inputs(reader: impl BufRead) -> Result<Vec<RawInput>, Error> {
    let mut inputs = Vec::new();
    crate::input::for_each_line(reader, |number, line| {
        match RawInput::parse_line(line, number) {
            Ok(Some(input)) => inputs.push(input),
            Ok(None) => {}
            Err(error) => return Err(Error::Usage(error.to_string())),
        }
        Ok(())
    })?;
    Ok(inputs)
}

/// Asks for each kind in turn on the terminal; ID numbers are typed without echo.
fn prompt_inputs() -> Result<Vec<RawInput>, Error> {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", fl!("check-prompt-intro"));
    let mut inputs = Vec::new();
    for kind in InputKind::ALL {
        let label = match kind {
            InputKind::Phone => fl!("prompt-phone"),
            InputKind::NationalId => fl!("prompt-national_id"),
            InputKind::Name => fl!("prompt-name"),
            InputKind::Dob => fl!("prompt-dob"),
            InputKind::Email => fl!("prompt-email"),
            InputKind::Username => fl!("prompt-username"),
        };
        let value = if kind.is_sensitive() {
            Zeroizing::new(rpassword::prompt_password(format!("{label}: ")).map_err(Error::Io)?)
        } else {
            let _ = write!(stderr, "{label}: ");
            let _ = stderr.flush();
            let mut value = Zeroizing::new(String::new());
            std::io::stdin()
                .lock()
                .read_line(&mut value)
                .map_err(Error::Io)?;
            value
        };
        if !value.trim().is_empty() {
            inputs.push(RawInput { kind, value });
        }
    }
    Ok(inputs)
}

fn print_json(packs: &[Pack], inputs: &[Input], findings: &[Finding]) -> std::io::Result<()> {
    let report = JsonReport::new(packs, inputs, findings, current_language());
    let mut stdout = report_writer();
    serde_json::to_writer_pretty(&mut stdout, &report)?;
    writeln!(stdout)?;
    stdout.flush()
}

/// Standard output for a whole report, written at once: locked, it flushes at every line, one
/// system call each.
fn report_writer() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::new(std::io::stdout().lock())
}

fn print_text(
    packs: &[Pack],
    inputs: &[Input],
    findings: &[Finding],
    channels: Channels,
) -> std::io::Result<()> {
    let mut out = report_writer();
    let checked = inputs.iter().filter(|i| i.status.is_ok()).count();
    let header = fl!("check-header", inputs = checked, packs = packs.len());
    writeln!(out, "{header}")?;
    print_packs(&mut out, packs)?;
    print_invalid(&mut out, inputs)?;
    writeln!(out)?;
    if checked > 0 {
        print_answer(&mut out, packs, findings, channels)?;
    }
    out.flush()
}

/// Each input that could not be checked, and why.
fn print_invalid(out: &mut impl Write, inputs: &[Input]) -> std::io::Result<()> {
    for input in inputs {
        if let Err(invalid) = &input.status {
            let reason = Message::from(*invalid).to_string();
            let kind = kind_label(input.kind);
            writeln!(
                out,
                "  {}",
                fl!("check-input-invalid", kind = kind, reason = reason)
            )?;
        }
    }
    Ok(())
}

/// What was found, breach by breach, and the advice naming the official `channels`; or what
/// finding nothing means.
fn print_answer(
    out: &mut impl Write,
    packs: &[Pack],
    findings: &[Finding],
    channels: Channels,
) -> std::io::Result<()> {
    if findings.is_empty() {
        writeln!(out, "{}", fl!("check-summary-none"))?;
        writeln!(out, "{}", fl!("check-none-meaning"))?;
        return Ok(());
    }
    let found = fl!("check-summary-found", count = findings.len());
    writeln!(out, "{found}")?;
    for finding in findings {
        writeln!(out)?;
        print_finding(out, packs, finding)?;
    }
    writeln!(out)?;
    writeln!(out, "{}", fl!("check-advice-heading"))?;
    for advice in advice::advice(findings, channels) {
        writeln!(out, "  • {advice}")?;
    }
    Ok(())
}

/// Each pack checked against: its title, size, protection and signature. Every text from a pack
/// is shown [`untrusted`]: a hostile pack must not be able to drive the terminal or forge a line
/// of this report.
fn print_packs(out: &mut impl Write, packs: &[Pack]) -> std::io::Result<()> {
    let lang = current_language();
    for pack in packs {
        let meta = pack.meta();
        let mut line = fl!(
            "check-pack-line",
            title = untrusted(meta.title.get(lang)),
            entries = meta.entry_count,
            protection = protection_label(meta.cost.protection())
        );
        if meta.demo {
            line = format!("{line} · {}", fl!("pack-demo-label"));
        }
        writeln!(out, "  {line}")?;
        if meta.synthetic {
            writeln!(out, "    {}", fl!("pack-synthetic-label"))?;
        }
        let status = signature_label(pack.signature());
        writeln!(out, "    {}", fl!("check-pack-signature", status = status))?;
    }
    Ok(())
}

/// One breach that holds the person: what it is, which inputs matched, what it held about them
/// and what it exposed overall.
fn print_finding(out: &mut impl Write, packs: &[Pack], finding: &Finding) -> std::io::Result<()> {
    let lang = current_language();
    let pack = &packs[finding.pack];
    let breach = &pack.breaches()[finding.breach];
    let title = untrusted(breach.title.get(lang));
    match &breach.date {
        Some(date) => {
            let dated = fl!("check-breach-dated", title = title, date = untrusted(date));
            writeln!(out, "■ {dated}")?;
        }
        None => writeln!(out, "■ {title}")?,
    }
    let description = untrusted(breach.description.get(lang));
    if !description.is_empty() {
        writeln!(out, "  {description}")?;
    }
    let matched: Vec<String> = finding.matched.iter().map(|k| kind_label(*k)).collect();
    let matched = fl!("check-matched", kinds = matched.join(", "));
    writeln!(out, "  {matched}")?;
    if !finding.matched_in_simplified.is_empty() {
        writeln!(out, "  {}", fl!("check-matched-simplified"))?;
    }
    let held = fl!(
        "check-held-about-you",
        classes = class_list(&finding.data_classes)
    );
    writeln!(out, "  {held}")?;
    let exposed = fl!(
        "check-breach-exposed",
        classes = class_list(&breach.data_classes)
    );
    writeln!(out, "  {exposed}")?;
    if packs.len() > 1 {
        let from = fl!(
            "check-from-pack",
            pack = untrusted(pack.meta().title.get(lang))
        );
        writeln!(out, "  {from}")?;
    }
    Ok(())
}
