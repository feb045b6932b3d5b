//! `exposure demo --out DIR`: a synthetic dump in the messy shapes of real leaks, its plan, and
//! the pack built from it, reproducibly (fixed seed, salt and dates), for trying Exposure without
//! a real leak and for the tests.

use std::io::Write;

use exposure_core::demo::{
    DEMO_PACK_FILE, DemoOptions, build_options, showcase_person, write_dump,
};
use exposure_core::keys::Profile;
use exposure_core::l10n::io_reason;
use exposure_core::plan::Plan;

use crate::Failure;
use crate::build::{build_with_interrupt, print_summary};
use crate::cli::DemoArgs;
use crate::l10n::fl;

pub fn run(args: DemoArgs) -> Result<(), Failure> {
    std::fs::create_dir_all(&args.out).map_err(|e| {
        Failure::Other(fl!(
            "demo-write-failed",
            reason = io_reason(e.kind()).to_string()
        ))
    })?;
    let dump = write_dump(
        &args.out,
        &DemoOptions {
            seed: args.seed,
            rows: args.rows,
        },
    )
    .map_err(|e| {
        Failure::Other(fl!(
            "demo-write-failed",
            reason = io_reason(e.kind()).to_string()
        ))
    })?;
    if args.dump_only {
        let mut stdout = std::io::stdout().lock();
        return writeln!(
            stdout,
            "{}",
            fl!("demo-dump-written", plan = dump.plan.as_path())
        )
        .map_err(Failure::other);
    }
    let plan = Plan::load(&dump.plan).map_err(Failure::other)?;
    let options = build_options(Profile::from(args.profile));
    let out = args.out.join(DEMO_PACK_FILE);
    let summary = build_with_interrupt(&plan, &out, &options, args.quiet)?;
    print_summary(&out, &summary).map_err(Failure::other)?;
    let person = showcase_person();
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout).map_err(Failure::other)?;
    writeln!(
        stdout,
        "{}",
        fl!(
            "demo-try",
            pack = out.as_path(),
            phone = person.phone.as_str()
        )
    )
    .map_err(Failure::other)
}
