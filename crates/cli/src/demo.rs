//! `exposure demo --out DIR`: a synthetic dump in the messy shapes of real leaks, its plan, and
//! the pack built from it, reproducibly (fixed seed, salt and dates), for trying Exposure without
//! a real leak and for the tests.

use std::io::Write;

use exposure_core::build::BuildOptions;
use exposure_core::demo::{DemoOptions, showcase_person, write_dump};
use exposure_core::keys::{Profile, Salt};
use exposure_core::plan::Plan;
use time::macros::date;

use crate::Failure;
use crate::build::{build_with_interrupt, print_summary};
use crate::cli::DemoArgs;
use crate::l10n::fl;

/// The demo pack's salt: fixed so the demo pack is the same file on every machine.
pub const DEMO_SALT: Salt = Salt(*b"exposure-demo-01");

pub fn run(args: DemoArgs) -> Result<(), Failure> {
    std::fs::create_dir_all(&args.out)
        .map_err(|e| Failure::Other(fl!("demo-write-failed", reason = e.to_string())))?;
    let dump = write_dump(
        &args.out,
        &DemoOptions {
            seed: args.seed,
            rows: args.rows,
        },
    )
    .map_err(|e| Failure::Other(fl!("demo-write-failed", reason = e.to_string())))?;
    let plan = Plan::load(&dump.plan).map_err(Failure::other)?;
    let mut options = BuildOptions::new(Profile::from(args.profile).cost());
    options.salt = Some(DEMO_SALT);
    options.created = Some("2026-01-01T00:00:00Z".to_owned());
    options.today = Some(date!(2026 - 01 - 01));
    options.demo = true;
    let out = args.out.join("demo.exposure");
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
