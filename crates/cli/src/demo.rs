//! `exposure demo --out DIR`: a synthetic dump in the messy shapes of real leaks, its plan, and
//! the pack built from it, reproducibly (fixed seed, salt and dates), for trying Exposure without
//! a real leak and for the tests.

use std::io::Write;
use std::path::{Path, PathBuf};

use exposure_core::keys::cost::Profile;
use exposure_core::l10n::io_reason;
use exposure_demo::{BuiltDemo, DemoOptions, build_demo_pack_with, showcase_person, write_dump};

use crate::args::DemoArgs;
use crate::error::Error;
use crate::interrupt::interrupt_token;
use crate::l10n::fl;
use crate::progress::Bars;
use crate::summary::print_summary;

pub fn run(args: DemoArgs) -> Result<(), Error> {
    let folder = Folder::claim(&args.out)?;
    let written = write(&args);
    if written.is_err() {
        folder.restore();
    }
    let mut stdout = std::io::stdout().lock();
    let BuiltDemo { pack: out, summary } = match written? {
        Written::Dump(plan) => {
            let written = fl!("demo-dump-written", plan = plan.as_path());
            return Ok(writeln!(stdout, "{written}")?);
        }
        Written::Pack(built) => *built,
    };
    print_summary(&mut stdout, &out, &summary)?;
    let person = showcase_person();
    writeln!(stdout)?;
    writeln!(
        stdout,
        "{}",
        fl!(
            "demo-try",
            pack = out.as_path(),
            phone = person.phone.as_str()
        )
    )?;
    Ok(())
}

/// What the demo wrote: the dump and its plan only, or the pack too.
enum Written {
    Dump(PathBuf),
    /// Boxed: a build's summary is far larger than a path.
    Pack(Box<BuiltDemo>),
}

/// Writes the dump and its plan, and builds the pack unless `--dump-only`.
fn write(args: &DemoArgs) -> Result<Written, Error> {
    let options = DemoOptions {
        seed: args.seed,
        rows: args.rows,
    };
    if args.dump_only {
        let dump = write_dump(&args.out, &options).map_err(write_failed)?;
        return Ok(Written::Dump(dump.plan));
    }
    let cancel = interrupt_token();
    let bars = Bars::new(args.quiet);
    let profile = Profile::from(args.profile);
    let built = build_demo_pack_with(&args.out, &options, profile, &bars, &cancel)?;
    Ok(Written::Pack(Box::new(built)))
}

fn write_failed(error: std::io::Error) -> Error {
    Error::Said(fl!(
        "demo-write-failed",
        reason = io_reason(error.kind()).to_string()
    ))
}

/// The demo's folder: a new or empty one, so that nothing of the user's is ever written over,
/// and left as it was found if the demo fails.
struct Folder {
    path: PathBuf,
    /// The outermost folder the demo made, when `path` did not exist.
    created: Option<PathBuf>,
}

impl Folder {
    fn claim(path: &Path) -> Result<Folder, Error> {
        if path.is_dir() {
            let mut entries = std::fs::read_dir(path).map_err(write_failed)?;
            if entries.next().is_some() {
                return Err(Error::Said(fl!("demo-out-not-empty", path = path)));
            }
            return Ok(Folder {
                path: path.to_owned(),
                created: None,
            });
        }
        if path.symlink_metadata().is_ok() {
            return Err(Error::Said(fl!("demo-out-not-a-folder", path = path)));
        }
        let created = path
            .ancestors()
            .take_while(|folder| !folder.as_os_str().is_empty() && !folder.exists())
            .last()
            .map(Path::to_owned);
        let folder = Folder {
            path: path.to_owned(),
            created,
        };
        std::fs::create_dir_all(path).map_err(|e| {
            folder.restore();
            write_failed(e)
        })?;
        Ok(folder)
    }

    /// Removes the folders the demo made, or, in a folder that was empty, the files it wrote.
    fn restore(&self) {
        match &self.created {
            Some(outermost) => {
                let _ = std::fs::remove_dir_all(outermost);
            }
            None => {
                for entry in std::fs::read_dir(&self.path)
                    .into_iter()
                    .flatten()
                    .flatten()
                {
                    let _ = std::fs::remove_file(entry.path());
                }
            }
        }
    }
}
