//! `exposure build PLAN --out PACK`: a plan and its dumps in, a pack and a summary out; and the
//! same split over machines: `--init-shards N` makes a shard set, `--shard I/N` builds one part
//! (`pack merge` joins the parts).

use std::io::Write;
use std::path::Path;

use exposure_build::pipeline::{BuildOptions, PartBuilt, build_part, init_shards, set_options};
use exposure_build::plan::Plan;
use exposure_build::shard::{SET_FILE, Shard, ShardSet};
use exposure_core::keys::cost::Profile;

use crate::args::BuildArgs;
use crate::error::Error;
use crate::interrupt::{build_with_interrupt, interrupt_token};
use crate::l10n::fl;
use crate::progress::Bars;
use crate::summary::print_summary;

pub fn run(args: BuildArgs) -> Result<(), Error> {
    let plan = Plan::load(&args.plan)?;
    let mut options = BuildOptions::new(Profile::from(args.profile).cost());
    options.threads = args.threads.map(usize::from);
    if let Some(memory) = args.memory {
        options.memory = memory;
    }
    options.overwrite = args.force;
    match (args.init_shards, args.shard, &args.shards, &args.out) {
        (Some(count), _, _, Some(dir)) => {
            let path = init_shards(&plan, dir, count, &options)?;
            let done = fl!("shards-initialized", path = path.as_path(), count = count);
            Ok(writeln!(std::io::stdout().lock(), "{done}")?)
        }
        (None, Some(shard), Some(dir), _) => build_one_part(&plan, dir, shard, &options, &args),
        (None, None, Some(dir), Some(out)) => {
            // One machine, the set's salt, cost and date: the pack the merged parts must equal.
            let set = ShardSet::read(dir)?;
            set.check_plan(&plan, dir)?;
            let mut options = set_options(&set, &options);
            options.inputs.push(dir.join(SET_FILE));
            build_whole(&plan, out, &options, args.quiet)
        }
        (None, None, None, Some(out)) => build_whole(&plan, out, &options, args.quiet),
        _ => Err(Error::Usage(fl!("cli-build-usage"))),
    }
}

/// `--shard I/N --shards DIR`: one part of a shard set, unless it is already built.
fn build_one_part(
    plan: &Plan,
    dir: &Path,
    shard: Shard,
    options: &BuildOptions,
    args: &BuildArgs,
) -> Result<(), Error> {
    let cancel = interrupt_token();
    let bars = Bars::new(args.quiet);
    let mut stdout = std::io::stdout().lock();
    match build_part(plan, dir, shard, options, args.force, &bars, &cancel)? {
        PartBuilt::Built(summary) => Ok(print_summary(
            &mut stdout,
            &dir.join(shard.file_name()),
            &summary,
        )?),
        PartBuilt::AlreadyDone(path) => {
            let done = fl!("shard-already-built", path = path.as_path());
            Ok(writeln!(stdout, "{done}")?)
        }
    }
}

/// The whole pack on this machine, and its summary.
fn build_whole(plan: &Plan, out: &Path, options: &BuildOptions, quiet: bool) -> Result<(), Error> {
    let summary = build_with_interrupt(plan, out, options, quiet)?;
    Ok(print_summary(&mut std::io::stdout().lock(), out, &summary)?)
}
