//! What a build may write over: never a folder, a device, a pipe or one of its own inputs, and
//! an existing file that is not a pack only when told to; all of it found before any row is read.

use std::sync::atomic::{AtomicBool, Ordering};

use super::*;
use crate::test_support::names;
use exposure_core::keys::cost::Profile;
use exposure_core::pack::is_pack_file;
use exposure_core::progress::Silent;
use exposure_demo::{DemoOptions, write_dump};

/// A small synthetic dump and its plan in a fresh folder.
fn dump() -> (tempfile::TempDir, Plan) {
    let dir = tempfile::tempdir().unwrap();
    let dump = write_dump(dir.path(), &DemoOptions { seed: 3, rows: 40 }).unwrap();
    let plan = Plan::load(&dump.plan).unwrap();
    (dir, plan)
}

/// Records whether the build began reading rows.
#[derive(Default)]
struct Watch {
    read: AtomicBool,
}

impl Progress for Watch {
    fn start(&self, phase: Phase, _: u64) {
        if phase == Phase::Reading {
            self.read.store(true, Ordering::Relaxed);
        }
    }
    fn update(&self, _: u64, _: u64) {}
    fn finish(&self, _: Phase) {}
}

/// Builds `plan` at `out`, returning the result and whether any row was read.
fn build_at(plan: &Plan, out: &Path, options: &BuildOptions) -> (Result<(), BuildError>, bool) {
    let watch = Watch::default();
    let result = build(plan, out, options, &watch, &Cancel::new()).map(drop);
    (result, watch.read.load(Ordering::Relaxed))
}

/// The demo's options (`exposure_demo::build_options`, whose `BuildOptions` is the library's own
/// type, not this test build's).
fn options() -> BuildOptions {
    let mut options = BuildOptions::new(Profile::Test.cost());
    options.salt = Some(exposure_demo::DEMO_SALT);
    options.created = Some("2026-01-01T00:00:00Z".to_owned());
    options.today = Some(time::macros::date!(2026 - 01 - 01));
    options.demo = true;
    options
}

#[test]
fn a_new_output_and_an_existing_pack_are_written() {
    let (dir, plan) = dump();
    let out = dir.path().join("new.exposure");
    for _ in 0..2 {
        let (result, _) = build_at(&plan, &out, &options());
        result.unwrap();
        assert!(is_pack_file(&out));
    }
    assert!(names(dir.path()).iter().all(|name| !name.starts_with('.')));
}

#[cfg(unix)]
#[test]
fn an_output_that_is_a_pipe_or_a_device_is_refused_and_stays_what_it_was() {
    use std::os::unix::fs::FileTypeExt;
    let (dir, plan) = dump();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let mut nodes = vec![(fifo, "a FIFO")];
    // A character device like /dev/null, made only where that is allowed (as root), and inside
    // the test's own folder: the real /dev is never at risk.
    let device = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&device)
        .args(["c", "1", "3"])
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|status| status.success());
    if made {
        nodes.push((device, "a character device"));
    }
    let mut options = options();
    options.overwrite = true;
    for (node, what) in nodes {
        let (result, read) = build_at(&plan, &node, &options);
        assert!(
            matches!(result, Err(BuildError::OutputNotAFile { ref path }) if *path == node),
            "{what}: {result:?}"
        );
        assert!(!read, "{what}: rows were read before the refusal");
        let kind = std::fs::symlink_metadata(&node).unwrap().file_type();
        assert!(
            kind.is_fifo() || kind.is_char_device(),
            "{what} was replaced"
        );
    }
}

#[test]
fn an_output_that_is_one_of_the_inputs_is_refused_even_with_overwrite() {
    let (dir, plan) = dump();
    let dump_file = plan.breaches[0].sources[0].path.clone();
    let link = dir.path().join("hard-link.csv");
    std::fs::hard_link(&dump_file, &link).unwrap();
    let set = dir.path().join(SET_FILE);
    std::fs::write(&set, b"{}").unwrap();
    let mut options = options();
    options.overwrite = true;
    options.inputs.push(set.clone());
    let mut outputs = vec![plan.path.clone(), link, set];
    outputs.extend(
        plan.breaches
            .iter()
            .flat_map(|b| &b.sources)
            .map(|s| s.path.clone()),
    );
    #[cfg(unix)]
    {
        let symlink = dir.path().join("symlink.toml");
        std::os::unix::fs::symlink(&plan.path, &symlink).unwrap();
        outputs.push(symlink);
    }
    let before: Vec<Vec<u8>> = outputs.iter().map(|p| std::fs::read(p).unwrap()).collect();
    for out in &outputs {
        let (result, read) = build_at(&plan, out, &options);
        assert!(
            matches!(result, Err(BuildError::OutputIsInput { ref path }) if path == out),
            "{}: {result:?}",
            out.display()
        );
        assert!(!read);
    }
    let after: Vec<Vec<u8>> = outputs.iter().map(|p| std::fs::read(p).unwrap()).collect();
    assert!(before == after, "an input was changed");
}

#[test]
fn an_existing_file_that_is_not_a_pack_is_replaced_only_with_overwrite() {
    let (dir, plan) = dump();
    let out = dir.path().join("notes.exposure");
    std::fs::write(&out, "the curator's notes").unwrap();
    let (result, read) = build_at(&plan, &out, &options());
    assert!(
        matches!(result, Err(BuildError::OutputNotAPack { .. })),
        "{result:?}"
    );
    assert!(!read);
    assert_eq!(std::fs::read(&out).unwrap(), b"the curator's notes");
    let mut options = options();
    options.overwrite = true;
    build_at(&plan, &out, &options).0.unwrap();
    assert!(is_pack_file(&out));
}

#[test]
fn an_output_in_a_missing_folder_or_naming_a_folder_is_refused_before_any_row_is_read() {
    let (dir, plan) = dump();
    let missing = dir.path().join("missing").join("x.exposure");
    let (result, read) = build_at(&plan, &missing, &options());
    assert!(
        matches!(result, Err(BuildError::OutputFolderMissing { ref path }) if *path == missing),
        "{result:?}"
    );
    assert!(!read);
    let slash = PathBuf::from(format!("{}/", dir.path().join("new").display()));
    for folder in [slash, dir.path().to_owned(), dir.path().join(".")] {
        let (result, read) = build_at(&plan, &folder, &options());
        assert!(
            matches!(result, Err(BuildError::OutputIsFolder { .. })),
            "{}: {result:?}",
            folder.display()
        );
        assert!(!read);
    }
    let message = Message::from(&BuildError::OutputFolderMissing { path: missing }).to_string();
    assert!(message.contains("x.exposure") && !message.contains(".exposure-build"));
}

/// The dump's folder with a one-part shard set in `set/`, its part built; and the part's path.
fn one_built_part() -> (tempfile::TempDir, PathBuf) {
    built_part(dump())
}

/// `plan`'s part of a one-part shard set made in `set/` of its folder `dir`; and its path.
fn built_part((dir, plan): (tempfile::TempDir, Plan)) -> (tempfile::TempDir, PathBuf) {
    let set = dir.path().join("set");
    init_shards(&plan, &set, 1, &options()).unwrap();
    let shard = Shard { index: 0, count: 1 };
    let quiet = Cancel::new();
    build_part(&plan, &set, shard, &options(), false, &Silent, &quiet).unwrap();
    (dir, set.join(shard.file_name()))
}

#[test]
fn a_merge_never_writes_over_one_of_its_parts() {
    let (dir, part) = one_built_part();
    let set = dir.path().join("set");
    let before = std::fs::read(&part).unwrap();
    let result = merge_parts(
        std::slice::from_ref(&part),
        &part,
        true,
        &Silent,
        &Cancel::new(),
    );
    assert!(
        matches!(result, Err(BuildError::OutputIsInput { .. })),
        "{result:?}"
    );
    assert!(std::fs::read(&part).unwrap() == before);
    merge_parts(
        &[part],
        &dir.path().join("merged.exposure"),
        false,
        &Silent,
        &Cancel::new(),
    )
    .unwrap();
    assert!(names(&set).iter().all(|name| !name.starts_with('.')));
}

/// A damaged part is never merged: one flipped bit in any byte (magic, header length, header,
/// records, digest) and the merge refuses it, naming it, and writes nothing. Every byte is tried
/// here, in process; the end-to-end test tries a few through the binary.
#[test]
fn a_merge_refuses_a_part_with_any_one_byte_flipped_naming_it_and_writing_nothing() {
    // The smallest part, of two phone numbers, so that trying every byte stays cheap.
    let dir = tempfile::tempdir().unwrap();
    let csv = "phone\n13800138000\n13912345678\n";
    std::fs::write(dir.path().join("d.csv"), csv).unwrap();
    let plan = dir.path().join("plan.toml");
    std::fs::write(
        &plan,
        "[pack]\ntitle = \"T\"\ncurator = \"C\"\n[[breach]]\nid = \"b\"\ntitle = \"B\"\n\
         [[breach.source]]\npath = \"d.csv\"\nformat = \"csv\"\n[breach.source.columns]\n\
         phone = \"phone\"\n",
    )
    .unwrap();
    let plan = Plan::load(&plan).unwrap();
    let (dir, part) = built_part((dir, plan));
    let sound = std::fs::read(&part).unwrap();
    let damaged = dir.path().join("damaged.exposure-part");
    let out = dir.path().join("merged.exposure");
    let merge = || {
        merge_parts(
            std::slice::from_ref(&damaged),
            &out,
            false,
            &Silent,
            &Cancel::new(),
        )
    };
    // The same bytes undamaged merge: what is refused below is refused for the flip alone.
    std::fs::write(&damaged, &sound).unwrap();
    merge().unwrap();
    std::fs::remove_file(&out).unwrap();
    let before = names(dir.path());
    let mut accepted = Vec::new();
    for position in 0..sound.len() {
        let mut bytes = sound.clone();
        bytes[position] ^= 0x01;
        std::fs::write(&damaged, &bytes).unwrap();
        match merge() {
            Ok(_) => {
                accepted.push(position);
                std::fs::remove_file(&out).unwrap();
            }
            Err(error) => {
                let message = Message::from(&error).to_string();
                assert!(
                    message.contains(&damaged.display().to_string()),
                    "byte {position}: {message}"
                );
                assert_eq!(names(dir.path()), before, "byte {position}");
            }
        }
    }
    assert!(
        accepted.is_empty(),
        "{} of {} flipped bytes merged: {accepted:?}",
        accepted.len(),
        sound.len()
    );
}

/// A pipe where the part goes would block the check for a finished part forever: it is refused
/// before anything opens it.
#[cfg(unix)]
#[test]
fn a_part_that_is_a_pipe_is_refused_before_it_is_opened() {
    let (dir, plan) = dump();
    let set = dir.path().join("set");
    init_shards(&plan, &set, 2, &options()).unwrap();
    let shard = Shard { index: 1, count: 2 };
    let fifo = set.join(shard.file_name());
    mkfifo(&fifo);
    let (sender, answer) = mpsc::channel();
    std::thread::spawn(move || {
        let built = build_part(
            &plan,
            &set,
            shard,
            &options(),
            false,
            &Silent,
            &Cancel::new(),
        );
        let _ = sender.send(built.map(drop));
    });
    let built = answer
        .recv_timeout(Duration::from_secs(60))
        .expect("the build blocked on the pipe");
    assert!(
        matches!(built, Err(BuildError::OutputNotAFile { ref path }) if *path == fifo),
        "{built:?}"
    );
}

fn budgeted(profile: Profile, memory: u64, threads: Option<usize>) -> BuildOptions {
    BuildOptions {
        memory,
        threads,
        ..BuildOptions::new(profile.cost())
    }
}

#[test]
fn argon2_workers_count_in_the_memory_budget() {
    // Four 64 MiB buffers fit in 256 MiB: five are refused, saying four fit.
    let strong = |threads| worker_threads(&budgeted(Profile::Strong, 256 << 20, threads));
    assert_eq!(strong(Some(4)).unwrap(), 4);
    match strong(Some(5)) {
        Err(BuildError::TooManyThreads { threads, fit, .. }) => {
            assert_eq!((threads, fit), (5, 4));
        }
        other => panic!("{other:?}"),
    }
    assert!(strong(None).unwrap() <= 4);
    // One worker always runs, even when its buffer alone is over the budget.
    let tight = |threads| worker_threads(&budgeted(Profile::Strong, 1 << 20, threads));
    assert_eq!(tight(None).unwrap(), 1);
    assert_eq!(tight(Some(1)).unwrap(), 1);
    assert!(tight(Some(2)).is_err());
    // However much memory, never more than MAX_THREADS.
    let huge = |threads| worker_threads(&budgeted(Profile::Test, u64::MAX, threads));
    assert_eq!(huge(Some(MAX_THREADS)).unwrap(), MAX_THREADS);
    assert!(huge(Some(MAX_THREADS + 1)).is_err());
}

/// A merge first reads every part through to check its digest (tens of gigabytes for a huge
/// leak): a signal must stop it there too, leaving no pack and no temporary file.
#[test]
fn a_merge_cancelled_while_its_parts_are_checked_leaves_nothing() {
    let (dir, part) = one_built_part();
    let out = dir.path().join("merged.exposure");
    let before = names(dir.path());
    let cancelled = Cancel::new();
    cancelled.cancel();
    let result = merge_parts(&[part], &out, false, &Silent, &cancelled);
    assert!(
        matches!(result, Err(BuildError::Shard(ShardError::Cancelled))),
        "{result:?}"
    );
    assert_eq!(names(dir.path()), before);
}

/// Makes a FIFO at `path`: a file that blocks whoever opens it for reading.
#[cfg(unix)]
fn mkfifo(path: &Path) {
    let made = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .unwrap();
    assert!(made.success());
}

/// Writes the part at `path` again, its header and records changed by `change`, with a digest
/// that matches: as a part written by another tool or another version would be.
fn rewrite_part(path: &Path, change: impl FnOnce(&mut PartHeader, &mut Vec<u8>)) {
    let mut part = Part::open(path).unwrap();
    let mut header = part.header.clone();
    let mut records = Vec::new();
    while let Some(entry) = part.next_entry().unwrap() {
        records.extend_from_slice(&entry.encode());
    }
    drop(part);
    change(&mut header, &mut records);
    let mut file = std::fs::File::create(path).unwrap();
    write_part(&mut file, &header, &mut records.as_slice()).unwrap();
}

/// A part whose digest is right but whose records are not sorted (written by another tool, or
/// damaged before its digest was made) stops the merge naming that part, not the output.
#[test]
fn a_part_with_records_out_of_order_is_named_by_the_merge() {
    let (dir, part) = one_built_part();
    rewrite_part(&part, |_, records| {
        // The first two records swapped.
        let len = crate::spill::RECORD_LEN;
        let (first, rest) = records.split_at_mut(len);
        first.swap_with_slice(&mut rest[..len]);
    });
    let out = dir.path().join("merged.exposure");
    let result = merge_parts(
        std::slice::from_ref(&part),
        &out,
        false,
        &Silent,
        &Cancel::new(),
    );
    match result {
        Err(BuildError::OutOfOrder(ref error)) => {
            assert_eq!(error.path.as_deref(), Some(part.as_path()));
        }
        other => panic!("{other:?}"),
    }
    let message = Message::from(&result.unwrap_err()).to_string();
    assert!(message.contains(&part.display().to_string()), "{message}");
    assert!(!out.exists());
}

/// Rewrites the shard set in `set` with its normalization version replaced, or removed (`None`),
/// as an older Exposure would have written it.
fn set_normalization(set: &Path, version: Option<u32>) {
    let path = set.join(SET_FILE);
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let object = json.as_object_mut().unwrap();
    match version {
        Some(version) => object.insert("normalization".to_owned(), version.into()),
        None => object.remove("normalization"),
    };
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
}

#[test]
fn a_shard_set_records_the_normalization_rules_and_refuses_other_ones() {
    let (dir, plan) = dump();
    let set = dir.path().join("set");
    init_shards(&plan, &set, 2, &options()).unwrap();
    assert_eq!(
        ShardSet::read(&set).unwrap().normalization,
        NORMALIZATION_VERSION
    );
    for (version, found) in [
        (Some(NORMALIZATION_VERSION + 1), NORMALIZATION_VERSION + 1),
        (None, 0),
    ] {
        set_normalization(&set, version);
        let built = build_part(
            &plan,
            &set,
            Shard { index: 0, count: 2 },
            &options(),
            false,
            &Silent,
            &Cancel::new(),
        );
        match built {
            Err(BuildError::Shard(ShardError::Normalization { ref path, found: f })) => {
                assert_eq!((path.as_path(), f), (set.join(SET_FILE).as_path(), found));
            }
            other => panic!("{other:?}"),
        }
        let message = Message::from(&built.unwrap_err()).to_string();
        assert!(message.contains(SET_FILE), "{message}");
    }
    assert!(names(&set).iter().all(|name| !name.starts_with("part-")));
}

#[test]
fn a_part_built_under_other_normalization_rules_is_refused_by_name() {
    let (dir, part) = one_built_part();
    rewrite_part(&part, |header, _| {
        header.set.normalization = NORMALIZATION_VERSION - 1;
    });
    let out = dir.path().join("merged.exposure");
    let result = merge_parts(
        std::slice::from_ref(&part),
        &out,
        false,
        &Silent,
        &Cancel::new(),
    );
    match result {
        Err(BuildError::Shard(ShardError::Normalization { ref path, found })) => {
            assert_eq!((path, found), (&part, NORMALIZATION_VERSION - 1));
        }
        other => panic!("{other:?}"),
    }
    assert!(!out.exists());
}

/// A part damaged after the merge checked it (a failing disk) is still named, as damaged, by the
/// merge that reads it, rather than reported as a failure to write the output.
#[test]
fn a_part_damaged_while_it_is_merged_is_named_as_damaged() {
    let (dir, part) = one_built_part();
    let mut bytes = std::fs::read(&part).unwrap();
    // A byte of the last record: its digest no longer matches.
    let last = bytes.len() - 40;
    bytes[last] ^= 1;
    std::fs::write(&part, bytes).unwrap();
    let out = dir.path().join("merged.exposure");
    let output = Output {
        path: &out,
        inputs: vec![part.clone()],
        overwrite: false,
    };
    let mut merge = Merge::new(vec![Part::open(&part).unwrap()]).unwrap();
    let error = loop {
        match merge.next_entry() {
            Ok(Some(_)) => {}
            Ok(None) => panic!("the damage went unseen"),
            Err(error) => break error,
        }
    };
    match output.merge_error(error) {
        BuildError::Shard(ShardError::DamagedPart { path }) => assert_eq!(path, part),
        other => panic!("{other:?}"),
    }
}

/// Windows cannot rename a file over one that SQLite holds open, as the app holds its packs: the
/// build says so before reading a row and leaves the pack as it was. Elsewhere the new pack
/// replaces it, and whoever has the old one open keeps reading that.
#[test]
fn a_pack_held_open_is_found_in_use_on_windows_and_replaced_elsewhere() {
    let (dir, plan) = dump();
    let out = dir.path().join("open.exposure");
    build_at(&plan, &out, &options()).0.unwrap();
    let before = std::fs::read(&out).unwrap();
    let held = exposure_core::pack::Pack::open(&out).unwrap();
    let mut options = options();
    options.created = Some("2026-01-02T00:00:00Z".to_owned());
    let (result, read) = build_at(&plan, &out, &options);
    if cfg!(windows) {
        assert!(
            matches!(result, Err(BuildError::OutputInUse { ref path }) if *path == out),
            "{result:?}"
        );
        assert!(!read);
        assert!(std::fs::read(&out).unwrap() == before);
    } else {
        result.unwrap();
        assert!(std::fs::read(&out).unwrap() != before);
    }
    held.verify_all(&Silent).unwrap();
    drop(held);
    assert!(names(dir.path()).iter().all(|name| !name.starts_with('.')));
}
