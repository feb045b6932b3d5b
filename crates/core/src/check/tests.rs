use super::*;
use crate::check::input::{InputKind, RawInput};
use crate::identifier::Region;
use crate::pack::PackWriter;
use crate::progress::{Phase, Silent};
use zeroize::Zeroizing;

/// Each check worker keeps one argon2 buffer: at the costliest pack's memory, the workers
/// together stay within the default budget, and one always runs.
#[test]
fn check_workers_fit_their_argon2_buffers_in_the_default_budget() {
    use crate::keys::Salt;
    use crate::keys::cost::{Cost, DEFAULT_MEMORY, MAX_M_KIB, Profile};
    let deriver = |m_kib| {
        Deriver::new(
            Salt([7; crate::keys::SALT_LEN]),
            Cost {
                m_kib,
                ..Profile::Strong.cost()
            },
        )
        .unwrap()
    };
    let costliest = [deriver(256), deriver(MAX_M_KIB)];
    // 64 cores, 256 MiB buffers: four fit in 1 GiB.
    let workers = threads_on(64, &costliest);
    assert_eq!(workers as u64 * (256 << 20), DEFAULT_MEMORY);
    assert_eq!(threads_on(1, &costliest), 1);
    assert_eq!(threads_on(64, &[deriver(256)]), 64);
}

/// One typed value.
pub(super) fn raw(kind: InputKind, value: &str) -> RawInput {
    RawInput {
        kind,
        value: Zeroizing::new(value.to_owned()),
    }
}

/// A demo pack of 50 rows, opened (its file is gone: a pack is read into memory).
pub(super) fn small_demo_pack() -> Pack {
    let dir = tempfile::tempdir().unwrap();
    let path = exposure_demo::build_demo_pack(
        dir.path(),
        &exposure_demo::DemoOptions { seed: 1, rows: 50 },
    )
    .unwrap();
    Pack::open(&path).unwrap()
}

#[test]
fn a_cancelled_check_stops_before_hashing_and_says_so() {
    let stop_at_once = Cancel::new();
    stop_at_once.cancel();
    let pack = small_demo_pack();
    let inputs = prepare(
        &[raw(InputKind::Phone, "13800138000")],
        &Normalizer::new(Region::CN),
    );
    assert_eq!(
        check_observed(&inputs, std::slice::from_ref(&pack), &Silent, &stop_at_once),
        Err(CheckError::Cancelled(Cancelled))
    );
}

#[test]
fn a_typed_check_reports_progress_up_to_every_hash() {
    /// Each key done, after the total of its phase.
    #[derive(Default)]
    struct Count(std::sync::Mutex<Vec<(u64, u64)>>);
    impl Progress for Count {
        fn start(&self, phase: Phase, total: u64) {
            assert_eq!(phase, Phase::Deriving);
            self.0.lock().unwrap().push((0, total));
        }
        fn update(&self, done: u64, _: u64) {
            let mut seen = self.0.lock().unwrap();
            let total = seen.last().map_or(0, |(_, total)| *total);
            seen.push((done, total));
        }
        fn finish(&self, _: Phase) {}
    }
    let pack = small_demo_pack();
    let person = exposure_demo::showcase_person();
    let count = Count::default();
    let (inputs, findings) = check_typed(
        &[
            raw(InputKind::Phone, &person.phone),
            raw(InputKind::Email, &person.email),
            raw(InputKind::Username, &person.username),
        ],
        std::slice::from_ref(&pack),
        &Normalizer::new(Region::CN),
        &count,
        &Cancel::new(),
    )
    .unwrap();
    assert_eq!(inputs.len(), 3);
    let seen = count.0.into_inner().unwrap();
    assert_eq!(
        seen.iter().map(|(done, _)| *done).max(),
        Some(3),
        "{seen:?}"
    );
    assert_eq!(seen.last().map(|(_, total)| *total), Some(3), "{seen:?}");
    let plain = check_observed(
        &inputs,
        std::slice::from_ref(&pack),
        &Silent,
        &Cancel::new(),
    )
    .unwrap();
    assert_eq!(findings, plain);
}

/// A million identical lines must not cost a million hashes: the same identifier, however
/// written, is derived once per pack, and listed once.
#[test]
fn an_identifier_given_twice_is_hashed_once_and_listed_once() {
    #[derive(Default)]
    struct Total(std::sync::Mutex<Option<u64>>);
    impl Progress for Total {
        fn start(&self, _: Phase, total: u64) {
            *self.0.lock().unwrap() = Some(total);
        }
        fn update(&self, _: u64, _: u64) {}
        fn finish(&self, _: Phase) {}
    }
    let pack = small_demo_pack();
    let total = Total::default();
    let (inputs, _) = check_typed(
        &[
            raw(InputKind::Phone, "13800138000"),
            raw(InputKind::Phone, "13800138000"),
            raw(InputKind::Phone, "+86 138-0013-8000"),
            raw(InputKind::Email, "Zhang.Wei@example.cn"),
            raw(InputKind::Email, "zhang.wei@EXAMPLE.cn"),
            raw(InputKind::Name, "张伟"),
            raw(InputKind::Dob, "1985-03-07"),
            raw(InputKind::Name, "张 伟"),
            raw(InputKind::Dob, "1985/3/7"),
            raw(InputKind::Phone, "12345"),
            raw(InputKind::Phone, "54321"),
        ],
        std::slice::from_ref(&pack),
        &Normalizer::new(Region::CN),
        &total,
        &Cancel::new(),
    )
    .unwrap();
    let kinds: Vec<(Kind, bool)> = inputs.iter().map(|i| (i.kind, i.status.is_ok())).collect();
    assert_eq!(
        kinds,
        [
            (Kind::Phone, true),
            (Kind::Phone, false),
            (Kind::NameDob, true),
            (Kind::Email, true),
        ]
    );
    assert_eq!(
        *total.0.lock().unwrap(),
        Some(3),
        "one hash per distinct identifier"
    );
}

/// A pack of one breach whose records are these names, each born on 7 March 1985.
fn pack_of_names(names: &[&str]) -> Pack {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("names.exposure");
    let meta = crate::pack::tests::meta();
    let deriver = Deriver::new(meta.salt, meta.cost).unwrap();
    let normalizer = Normalizer::new(Region::CN);
    let mut writer =
        PackWriter::create(&path, &meta, &[crate::pack::tests::breach(0, "names")]).unwrap();
    for name in names {
        let record = normalizer.name_dob(name, "1985-03-07").unwrap();
        writer.push(&deriver.derive(&record), 0, 1).unwrap();
    }
    writer.finish().unwrap();
    Pack::open(&path).unwrap()
}

/// What a person typed as a name and a date of birth, checked against `pack`.
fn check_name(pack: &Pack, name: &str) -> Vec<Finding> {
    let (_, findings) = check_typed(
        &[
            raw(InputKind::Name, name),
            raw(InputKind::Dob, "1985-03-07"),
        ],
        std::slice::from_ref(pack),
        &Normalizer::new(Region::CN),
        &Silent,
        &Cancel::new(),
    )
    .unwrap();
    findings
}

#[test]
fn a_traditional_name_finds_the_record_of_its_simplified_form_and_says_so() {
    let pack = pack_of_names(&["张伟"]);
    let findings = check_name(&pack, "張偉");
    assert_eq!(findings.len(), 1);
    assert_eq!(findings[0].matched, [Kind::NameDob]);
    assert_eq!(findings[0].matched_in_simplified, [Kind::NameDob]);
    let as_typed = check_name(&pack, "张伟");
    assert_eq!(as_typed[0].matched, [Kind::NameDob]);
    assert!(as_typed[0].matched_in_simplified.is_empty());
}

/// Records held in Traditional characters are found as typed, never by guessing a Traditional
/// form of a Simplified name: the reverse conversion is one-to-many.
#[test]
fn a_simplified_name_is_never_turned_into_a_traditional_one() {
    let pack = pack_of_names(&["張偉"]);
    assert!(check_name(&pack, "张伟").is_empty());
    let found = check_name(&pack, "張偉");
    assert_eq!(found[0].matched, [Kind::NameDob]);
    assert!(found[0].matched_in_simplified.is_empty());
}

#[test]
fn only_a_name_that_changes_in_simplified_costs_one_more_hash() {
    let hashed = |name: &str| -> Vec<Form> {
        let inputs = prepare(
            &[
                raw(InputKind::Phone, "13800138000"),
                raw(InputKind::Name, name),
                raw(InputKind::Dob, "1985-03-07"),
            ],
            &Normalizer::new(Region::CN),
        );
        valid_identifiers(inputs.iter())
            .into_iter()
            .map(|(_, form)| form)
            .collect()
    };
    assert_eq!(hashed("张伟"), [Form::AsTyped, Form::AsTyped]);
    assert_eq!(hashed("Kevin Zhang"), [Form::AsTyped, Form::AsTyped]);
    assert_eq!(
        hashed("張偉"),
        [Form::AsTyped, Form::AsTyped, Form::Simplified]
    );
}

/// Both writings typed are two inputs; the Simplified form of the first is the second, and is
/// hashed once.
#[test]
fn a_simplified_form_also_typed_is_hashed_once() {
    let inputs = prepare(
        &[
            raw(InputKind::Name, "張偉"),
            raw(InputKind::Dob, "1985-03-07"),
            raw(InputKind::Name, "张伟"),
            raw(InputKind::Dob, "1985-03-07"),
        ],
        &Normalizer::new(Region::CN),
    );
    let forms: Vec<Form> = valid_identifiers(inputs.iter())
        .into_iter()
        .map(|(_, form)| form)
        .collect();
    assert_eq!(forms, [Form::AsTyped, Form::AsTyped]);
}

/// The CLI looks each key up as it is made, the desktop all of them after: against two packs of
/// different salts, with inputs found in each and one found nowhere, the answers are the same.
#[test]
fn looking_keys_up_as_they_come_finds_what_looking_them_up_after_finds() {
    let first = small_demo_pack();
    let dir = tempfile::tempdir().unwrap();
    let second = exposure_demo::build_demo_pack(
        dir.path(),
        &exposure_demo::DemoOptions { seed: 2, rows: 50 },
    )
    .unwrap();
    let second = Pack::open(&second).unwrap();
    let person = exposure_demo::showcase_person();
    let absent = exposure_demo::absent_person();
    let inputs = prepare(
        &[
            raw(InputKind::Phone, &person.phone),
            raw(InputKind::Email, &person.email),
            raw(InputKind::Username, &person.username),
            raw(InputKind::Phone, &absent.phone),
        ],
        &Normalizer::new(Region::CN),
    );
    let packs = [&first, &second];
    let derivers = derivers(&packs);
    let keys = derive_keys(&inputs, &derivers, &Silent, &Cancel::new()).unwrap();
    let after = look_up(&inputs, &packs, &keys).unwrap();
    let packs_found: Vec<usize> = after.iter().map(|finding| finding.pack).collect();
    assert!(
        packs_found.contains(&0) && packs_found.contains(&1),
        "{after:?}"
    );
    let as_they_come = check_observed(&inputs, &packs, &Silent, &Cancel::new()).unwrap();
    assert_eq!(as_they_come, after);
}
