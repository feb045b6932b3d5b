//! `exposure build PLAN --out PACK`: a plan and its dumps in, a pack and a summary out; and the
//! same split over machines: `--init-shards N` makes a shard set, `--shard I/N` builds one part
//! (`pack merge` joins the parts).

use std::io::Write;

use exposure_build::pipeline::{BuildOptions, PartBuilt, build_part, init_shards, set_options};
use exposure_build::plan::Plan;
use exposure_build::shard::{SET_FILE, ShardSet};
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
    let mut stdout = std::io::stdout().lock();
    match (args.init_shards, args.shard, &args.shards, &args.out) {
        (Some(count), _, _, Some(dir)) => {
            let path = init_shards(&plan, dir, count, &options)?;
            let done = fl!("shards-initialized", path = path.as_path(), count = count);
            Ok(writeln!(stdout, "{done}")?)
        }
        (None, Some(shard), Some(dir), _) => {
            let cancel = interrupt_token();
            let bars = Bars::new(args.quiet);
            match build_part(&plan, dir, shard, &options, args.force, &bars, &cancel)? {
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
        (None, None, Some(dir), Some(out)) => {
            // One machine, the set's salt, cost and date: the pack the merged parts must equal.
            let set = ShardSet::read(dir)?;
            set.check_plan(&plan, dir)?;
            let mut options = set_options(&set, &options);
            options.inputs.push(dir.join(SET_FILE));
            let summary = build_with_interrupt(&plan, out, &options, args.quiet)?;
            Ok(print_summary(&mut stdout, out, &summary)?)
        }
        (None, None, None, Some(out)) => {
            let summary = build_with_interrupt(&plan, out, &options, args.quiet)?;
            Ok(print_summary(&mut stdout, out, &summary)?)
        }
        _ => Err(Error::Usage(fl!("cli-build-usage"))),
    }
}
