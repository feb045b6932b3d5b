//! Synthetic packs: what they hold, that they are the same for the same options, that a small
//! pack's people are found in one grown from it, and that the output is handled as a build's.

use std::collections::BTreeSet;
use std::path::PathBuf;

use super::*;
use crate::pipeline::{BuildOptions, build};
use crate::plan::Plan;
use crate::test_support::names;
use exposure_core::progress::Silent;
use exposure_demo::{DemoOptions, write_dump};

fn options(entries: u64, seed: u64) -> SynthOptions {
    SynthOptions {
        entries,
        seed,
        overwrite: false,
    }
}

fn synth(
    out: &Path,
    options: SynthOptions,
    from: Option<&Pack>,
) -> Result<SynthSummary, BuildError> {
    write_synthetic(out, options, from, &Silent, &Cancel::new())
}

/// A small real pack, built from a synthetic dump in `dir`.
fn small_pack(dir: &Path) -> PathBuf {
    let dump = write_dump(dir, &DemoOptions { seed: 5, rows: 60 }).unwrap();
    let plan = Plan::load(&dump.plan).unwrap();
    let out = dir.join("small.exposure");
    build(
        &plan,
        &out,
        &BuildOptions::new(Profile::Test.cost()),
        &Silent,
        &Cancel::new(),
    )
    .unwrap();
    out
}

#[test]
fn a_synthetic_pack_holds_the_random_keys_asked_for_and_says_it_is_synthetic() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synth.exposure");
    let summary = synth(&out, options(5000, 1), None).unwrap();
    assert_eq!((summary.kept, summary.random), (0, 5000));
    let pack = Pack::open(&out).unwrap();
    assert!(pack.meta().synthetic);
    assert_eq!(pack.meta().format_version, 2);
    assert_eq!(pack.meta().entry_count, 5000);
    assert_eq!(pack.meta().id, summary.id);
    pack.verify_all(&Silent).unwrap();
    let first = RandomEntries::new(5000, 1, &alone(options(5000, 1)).2)
        .unwrap()
        .next()
        .unwrap();
    assert_eq!(pack.lookup(&first.0).unwrap().len(), 1);
    assert_eq!(names(dir.path()), ["synth.exposure"]);
}

#[test]
fn the_same_options_give_the_same_bytes_and_another_seed_other_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let [a, b, c] = ["a", "b", "c"].map(|name| dir.path().join(format!("{name}.exposure")));
    synth(&a, options(3000, 7), None).unwrap();
    synth(&b, options(3000, 7), None).unwrap();
    synth(&c, options(3000, 8), None).unwrap();
    let read = |path: &Path| std::fs::read(path).unwrap();
    assert_eq!(read(&a), read(&b));
    assert_ne!(read(&a), read(&c));

    let small = Pack::open(&small_pack(dir.path())).unwrap();
    let [d, e] = ["d", "e"].map(|name| dir.path().join(format!("{name}.exposure")));
    synth(&d, options(3000, 7), Some(&small)).unwrap();
    synth(&e, options(3000, 7), Some(&small)).unwrap();
    assert_eq!(read(&d), read(&e));
}

#[test]
fn a_pack_grown_from_a_small_one_keeps_its_answers_parameters_and_pairs() {
    let dir = tempfile::tempdir().unwrap();
    let small = Pack::open(&small_pack(dir.path())).unwrap();
    let out = dir.path().join("grown.exposure");
    let summary = synth(&out, options(20_000, 3), Some(&small)).unwrap();
    let grown = Pack::open(&out).unwrap();
    let kept: Vec<(Key, u32, u64)> = small.entries().collect::<Result<_, _>>().unwrap();
    assert_eq!(summary.kept, kept.len() as u64);
    assert_eq!(grown.meta().entry_count, kept.len() as u64 + 20_000);
    assert!(grown.meta().synthetic);
    assert_ne!(grown.meta().id, small.meta().id);
    assert_eq!(grown.meta().salt, small.meta().salt);
    assert_eq!(grown.meta().cost, small.meta().cost);
    assert_eq!(grown.meta().classes, small.meta().classes);
    assert_eq!(grown.meta().created, small.meta().created);
    assert_eq!(grown.breaches(), small.breaches());
    for (key, _, _) in &kept {
        assert_eq!(grown.lookup(key).unwrap(), small.lookup(key).unwrap());
    }
    let pairs: BTreeSet<(u32, u64)> = kept.iter().map(|(_, b, c)| (*b, *c)).collect();
    let mut drawn = BTreeSet::new();
    for entry in grown.entries() {
        let (_, breach, classes) = entry.unwrap();
        drawn.insert((breach, classes));
    }
    assert_eq!(
        drawn, pairs,
        "random keys carry the small pack's pairs, all of them"
    );
    grown.verify_all(&Silent).unwrap();
}

#[test]
fn the_output_is_refused_as_a_builds_is_and_nothing_is_left_on_cancel() {
    let dir = tempfile::tempdir().unwrap();
    let small_path = small_pack(dir.path());
    let small = Pack::open(&small_path).unwrap();
    let before = names(dir.path());
    assert!(matches!(
        synth(&small_path, options(10, 1), Some(&small)),
        Err(BuildError::OutputIsInput { .. })
    ));
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "not a pack").unwrap();
    assert!(matches!(
        synth(&notes, options(10, 1), None),
        Err(BuildError::OutputNotAPack { .. })
    ));
    let forced = SynthOptions {
        overwrite: true,
        ..options(10, 1)
    };
    synth(&notes, forced, None).unwrap();
    assert!(Pack::open(&notes).unwrap().meta().synthetic);
    std::fs::remove_file(&notes).unwrap();

    let cancel = Cancel::new();
    cancel.cancel();
    let out = dir.path().join("cancelled.exposure");
    let result = write_synthetic(&out, options(100_000, 1), None, &Silent, &cancel);
    assert!(matches!(result, Err(BuildError::Cancelled)));
    assert_eq!(names(dir.path()), before, "nothing was left");
}
