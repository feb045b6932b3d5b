use std::collections::BTreeMap;

use exposure_core::classes::{ClassTable, STANDARD};
use exposure_core::identifier::{NORMALIZATION_VERSION, Region};
use exposure_core::keys::cost::Profile;
use exposure_core::keys::{Key, Salt};
use exposure_core::pack::{Breach, Pack, Text};
use exposure_core::progress::Silent;

use super::*;
use crate::synth::{Pair, RandomEntries};
use crate::test_support::names;

fn old_meta() -> PackMeta {
    PackMeta {
        id: "old-pack".into(),
        title: Text::Localized(BTreeMap::from([("en".to_owned(), "Old".to_owned())])),
        curator: "Tests".into(),
        created: "2024-05-01T00:00:00Z".into(),
        salt: Salt([3; 16]),
        cost: Profile::Test.cost(),
        default_region: Region::CN,
        entry_count: 0,
        classes: ClassTable::new(STANDARD.iter().map(|c| c.to_string()).collect()).unwrap(),
        demo: true,
        synthetic: false,
        format_version: v1::VERSION,
        generator: "exposure 0.0.1".into(),
        normalization: NORMALIZATION_VERSION,
    }
}

fn breach(index: u32) -> Breach {
    Breach {
        index,
        slug: format!("breach-{index}"),
        title: Text::Plain(format!("Breach {index}")),
        description: Text::Plain("what leaked".into()),
        date: Some("2021-02-03".into()),
        record_count: 40 + u64::from(index),
        data_classes: vec!["names".into(), "phone_numbers".into()],
        verified: index == 0,
        sensitive: index == 1,
    }
}

/// `count` random entries over two breaches, drawn from `seed`.
fn entries(count: u64, seed: u64) -> Vec<(Key, u32, u64)> {
    let pairs = [
        Pair {
            breach: 0,
            classes: 0b11,
            weight: 3,
        },
        Pair {
            breach: 1,
            classes: 0b10,
            weight: 1,
        },
    ];
    RandomEntries::new(count, seed, &pairs).unwrap().collect()
}

/// A v1 pack of `entries` at `dir/name`, made with the v1 writer.
fn v1_pack(dir: &Path, name: &str, entries: &[(Key, u32, u64)]) -> PathBuf {
    let path = dir.join(name);
    let mut writer = v1::Writer::create(&path, &old_meta(), &[breach(0), breach(1)]).unwrap();
    for (key, breach, classes) in entries {
        writer.push(key, *breach, *classes).unwrap();
    }
    writer.finish().unwrap();
    path
}

fn run(old: &Path, out: &Path, force: bool) -> Result<UpgradeSummary, UpgradeError> {
    upgrade(
        old,
        out,
        force,
        &TrustedKeys::new(),
        &Silent,
        &Cancel::new(),
    )
}

#[test]
fn every_key_answers_the_same_in_the_upgraded_pack_and_meta_follows_the_format() {
    let dir = tempfile::tempdir().unwrap();
    let stored = entries(3_000, 1);
    let old = v1_pack(dir.path(), "old.exposure", &stored);
    let new = dir.path().join("new.exposure");
    let summary = run(&old, &new, false).unwrap();
    assert_eq!(summary.entries, 3_000);
    assert_eq!(summary.signature, SignatureStatus::Unsigned);
    let (before, after) = (Pack::open(&old).unwrap(), Pack::open(&new).unwrap());
    let misses = entries(200, 2);
    for (key, _, _) in stored.iter().chain(&misses) {
        assert_eq!(before.lookup(key).unwrap(), after.lookup(key).unwrap());
    }
    assert_eq!(before.breaches(), after.breaches());
    let meta = after.meta();
    assert_eq!(meta.format_version, 2);
    assert_eq!(meta.generator, GENERATOR);
    assert!(meta.demo && !meta.synthetic);
    assert_eq!(meta.entry_count, 3_000);
    let kept = PackMeta {
        generator: meta.generator.clone(),
        format_version: 2,
        entry_count: 3_000,
        ..before.meta().clone()
    };
    assert_eq!(*meta, kept);
}

#[test]
fn the_same_v1_pack_always_upgrades_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_pack(dir.path(), "old.exposure", &entries(2_000, 5));
    let (one, two) = (
        dir.path().join("one.exposure"),
        dir.path().join("two.exposure"),
    );
    run(&old, &one, false).unwrap();
    run(&old, &two, false).unwrap();
    assert!(std::fs::read(&one).unwrap() == std::fs::read(&two).unwrap());
}

#[test]
fn a_v2_pack_is_already_current_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_pack(dir.path(), "old.exposure", &entries(100, 1));
    let new = dir.path().join("new.exposure");
    run(&old, &new, false).unwrap();
    let again = dir.path().join("again.exposure");
    assert!(matches!(
        run(&new, &again, false),
        Err(UpgradeError::AlreadyCurrent { path }) if path == new
    ));
    assert!(!again.exists());
}

#[test]
fn the_input_itself_or_a_folder_is_never_the_output_even_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_pack(dir.path(), "old.exposure", &entries(100, 1));
    let bytes = std::fs::read(&old).unwrap();
    let link = dir.path().join("link.exposure");
    std::fs::hard_link(&old, &link).unwrap();
    for out in [&old, &link] {
        assert!(matches!(
            run(&old, out, true),
            Err(UpgradeError::Build(BuildError::OutputIsInput { .. }))
        ));
    }
    assert!(matches!(
        run(&old, dir.path(), true),
        Err(UpgradeError::Build(BuildError::OutputIsFolder { .. }))
    ));
    assert_eq!(std::fs::read(&old).unwrap(), bytes);
    assert_eq!(names(dir.path()), ["link.exposure", "old.exposure"]);
}

#[test]
fn an_existing_output_is_replaced_only_with_force() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_pack(dir.path(), "old.exposure", &entries(100, 1));
    let out = dir.path().join("out.exposure");
    std::fs::write(&out, b"keep me").unwrap();
    assert!(matches!(
        run(&old, &out, false),
        Err(UpgradeError::OutputExists { path }) if path == out
    ));
    assert_eq!(std::fs::read(&out).unwrap(), b"keep me");
    run(&old, &out, true).unwrap();
    assert_eq!(Pack::open(&out).unwrap().meta().format_version, 2);
}

#[test]
fn a_damaged_v1_pack_is_refused_and_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_pack(dir.path(), "old.exposure", &entries(5_000, 1));
    let mut bytes = std::fs::read(&old).unwrap();
    // Past the first pages (schema, meta, breaches): inside the entries' B-tree.
    let middle = bytes.len() / 2;
    for byte in &mut bytes[middle..middle + 4096] {
        *byte = 0xA5;
    }
    std::fs::write(&old, &bytes).unwrap();
    let out = dir.path().join("new.exposure");
    let error = run(&old, &out, false).unwrap_err();
    assert!(
        matches!(&error, UpgradeError::Build(BuildError::Pack(e)) if e.path == old),
        "{error:?}"
    );
    assert_eq!(names(dir.path()), ["old.exposure"]);
    assert_eq!(std::fs::read(&old).unwrap(), bytes);
}

#[test]
fn a_cancelled_upgrade_leaves_nothing_behind() {
    let dir = tempfile::tempdir().unwrap();
    let old = v1_pack(dir.path(), "old.exposure", &entries(100, 1));
    let cancel = Cancel::new();
    cancel.cancel();
    let out = dir.path().join("new.exposure");
    let result = upgrade(&old, &out, false, &TrustedKeys::new(), &Silent, &cancel);
    assert!(matches!(result, Err(UpgradeError::Cancelled)), "{result:?}");
    assert_eq!(names(dir.path()), ["old.exposure"]);
}

/// The entries are read twice instead of spooled: while the upgrade writes, its folder holds
/// the old pack and the output being written, and no other file.
#[test]
fn an_upgrade_writes_nothing_but_its_output() {
    /// The names in the folder at each report of the writing.
    struct Watch<'a> {
        dir: &'a Path,
        writing: std::sync::atomic::AtomicBool,
        seen: std::sync::Mutex<Vec<Vec<String>>>,
    }
    impl Progress for Watch<'_> {
        fn start(&self, phase: Phase, _: u64) {
            let writing = phase == Phase::Writing;
            self.writing
                .store(writing, std::sync::atomic::Ordering::Relaxed);
        }
        fn update(&self, _: u64, _: u64) {
            if self.writing.load(std::sync::atomic::Ordering::Relaxed) {
                self.seen.lock().unwrap().push(names(self.dir));
            }
        }
        fn finish(&self, _: Phase) {}
    }
    let dir = tempfile::tempdir().unwrap();
    // Enough entries for the writing to report its progress in each pass.
    let old = v1_pack(dir.path(), "old.exposure", &entries(70_000, 4));
    let out = dir.path().join("new.exposure");
    let watch = Watch {
        dir: dir.path(),
        writing: std::sync::atomic::AtomicBool::default(),
        seen: std::sync::Mutex::default(),
    };
    upgrade(
        &old,
        &out,
        false,
        &TrustedKeys::new(),
        &watch,
        &Cancel::new(),
    )
    .unwrap();
    let seen = watch.seen.into_inner().unwrap();
    assert_eq!(seen.len(), 2, "one report in each pass");
    for names in seen {
        assert_eq!(names.len(), 2, "{names:?}");
        assert!(names.contains(&"old.exposure".to_owned()), "{names:?}");
    }
    assert_eq!(names(dir.path()), ["new.exposure", "old.exposure"]);
}

/// The speed the issue asks of `pack upgrade` (at least a million entries a second), on a v1
/// pack of 10^6 random entries, which `scripts/bench pack` prints: a figure, never asserted.
#[test]
#[ignore = "a measurement, run by hand in a release build"]
fn upgrade_speed() {
    let dir = tempfile::tempdir().unwrap();
    let count = 1_000_000;
    let old = v1_pack(dir.path(), "old.exposure", &entries(count, 9));
    let out = dir.path().join("new.exposure");
    let summary = run(&old, &out, false).unwrap();
    let seconds = summary.elapsed.as_secs_f64();
    // The figure is what this test is for: written out, where the lints allow no `println!`.
    let mut stdout = std::io::stdout();
    std::io::Write::write_fmt(
        &mut stdout,
        format_args!(
            "upgraded {count} entries in {seconds:.2} s: {:.0} entries/s, {} -> {} bytes ({:.2} bytes an entry)\n",
        count as f64 / seconds,
        summary.bytes_before,
        summary.bytes_after,
        summary.bytes_after as f64 / count as f64
        ),
    )
    .unwrap();
}
