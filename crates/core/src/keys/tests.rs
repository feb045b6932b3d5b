use super::cost::{Cost, MAX_M_KIB, MAX_P, MAX_T, Profile, Protection};
use super::*;
use crate::identifier::{Kind, Normalizer, Region};
use crate::progress::Silent;

fn normalized(kind: Kind, value: &str) -> Normalized {
    Normalizer::new(Region::CN).normalize(kind, value).unwrap()
}

/// The key of format v1 is fixed forever: this vector was computed with the reference
/// `argon2` command-line tool (see vectors/keys.txt) from the exact password bytes.
#[test]
fn key_derivation_matches_the_reference_vectors() {
    for line in include_str!("vectors/keys.txt").lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let [kind, value, salt, m, t, p, key] = fields[..] else {
            panic!("bad vector line: {line}");
        };
        let deriver = Deriver::new(
            Salt::from_hex(salt).unwrap(),
            Cost {
                m_kib: m.parse().unwrap(),
                t: t.parse().unwrap(),
                p: p.parse().unwrap(),
            },
        )
        .unwrap();
        let id = normalized(Kind::from_name(kind).unwrap(), value);
        assert_eq!(hex::encode(deriver.derive(&id).0), key, "{kind} {value}");
    }
}

#[test]
fn keys_differ_by_kind_salt_and_value() {
    let salt_a = Salt([1; SALT_LEN]);
    let salt_b = Salt([2; SALT_LEN]);
    let a = Deriver::new(salt_a, Profile::Test.cost()).unwrap();
    let b = Deriver::new(salt_b, Profile::Test.cost()).unwrap();
    let user = normalized(Kind::Username, "13800138000");
    let phone = normalized(Kind::Phone, "13800138000");
    assert_ne!(a.derive(&user), a.derive(&phone));
    assert_ne!(a.derive(&phone), b.derive(&phone));
    assert_eq!(
        a.derive(&phone),
        a.derive(&normalized(Kind::Phone, "+86 138-0013-8000"))
    );
}

#[test]
fn parallel_derivation_returns_keys_in_input_order() {
    let deriver = Deriver::new(Salt([7; SALT_LEN]), Profile::Test.cost()).unwrap();
    let ids: Vec<Normalized> = (0..40)
        .map(|i| normalized(Kind::Username, &format!("user{i}")))
        .collect();
    let serial: Vec<Key> = ids.iter().map(|id| deriver.derive(id)).collect();
    let jobs: Vec<(Deriver, Normalized)> = ids.iter().map(|id| (deriver, id.clone())).collect();
    assert_eq!(
        derive_observed(&jobs, 4, &Silent, &Cancel::new()).unwrap(),
        serial
    );
}

#[test]
fn absurd_costs_are_refused_before_any_hashing() {
    for cost in [
        Cost {
            m_kib: u32::MAX,
            t: 1,
            p: 1,
        },
        Cost {
            m_kib: 256,
            t: 1_000_000_000,
            p: 1,
        },
        Cost {
            m_kib: 256,
            t: 1,
            p: 0,
        },
        Cost {
            m_kib: 1,
            t: 1,
            p: 1,
        },
        // A check at 4 GiB per thread, or of minutes per identifier, aborts or never ends.
        Cost {
            m_kib: 4 * 1024 * 1024,
            t: 1,
            p: 1,
        },
        Cost {
            m_kib: 256,
            t: 64,
            p: 1,
        },
        Cost {
            m_kib: 256,
            t: 1,
            p: 16,
        },
        // Within each bound alone, but four times the strong profile's memory and passes.
        Cost {
            m_kib: MAX_M_KIB,
            t: MAX_T,
            p: 1,
        },
    ] {
        assert!(Deriver::new(Salt([0; SALT_LEN]), cost).is_err(), "{cost:?}");
        assert_eq!(cost.check(), Err(KeyError::CostOutOfBounds(cost)));
    }
    for cost in Profile::ALL.map(Profile::cost).into_iter().chain([
        Cost {
            m_kib: MAX_M_KIB,
            t: 3,
            p: 1,
        },
        Cost {
            m_kib: 65_536,
            t: MAX_T,
            p: MAX_P,
        },
    ]) {
        assert_eq!(cost.check(), Ok(()), "{cost:?}");
    }
}

#[test]
fn protection_words_follow_the_profiles() {
    assert_eq!(Profile::Test.cost().protection(), Protection::Weak);
    assert_eq!(Profile::Standard.cost().protection(), Protection::Standard);
    assert_eq!(Profile::Strong.cost().protection(), Protection::Strong);
}

#[test]
fn the_plain_loop_hashes_exactly_the_jobs_asked_for_on_every_thread() {
    let (hashes, elapsed) =
        plain_loop(Profile::Test.cost(), 3, Some(7), std::time::Duration::ZERO).unwrap();
    assert_eq!(hashes, 7);
    assert!(elapsed > std::time::Duration::ZERO);
    let (hashes, _) = plain_loop(
        Profile::Test.cost(),
        2,
        None,
        std::time::Duration::from_millis(50),
    )
    .unwrap();
    assert!(hashes > 0);
}

#[test]
fn observed_derivation_gives_the_keys_in_job_order() {
    let derivers = [
        Deriver::new(Salt([9; SALT_LEN]), Profile::Test.cost()).unwrap(),
        Deriver::new(Salt([7; SALT_LEN]), Profile::Test.cost()).unwrap(),
    ];
    let ids: Vec<Normalized> = (0..9)
        .map(|i| normalized(Kind::Username, &format!("user{i}")))
        .collect();
    let jobs: Vec<(Deriver, Normalized)> = derivers
        .iter()
        .flat_map(|d| ids.iter().map(|id| (*d, id.clone())))
        .collect();
    let reference: Vec<Key> = jobs.iter().map(|(d, id)| d.derive(id)).collect();
    for threads in [1, 2, 5] {
        assert_eq!(
            derive_observed(&jobs, threads, &Silent, &Cancel::new()).unwrap(),
            reference
        );
    }
    assert!(
        derive_observed(&[], 3, &Silent, &Cancel::new())
            .unwrap()
            .is_empty()
    );
}

#[test]
fn key_debug_shows_no_bytes() {
    assert_eq!(format!("{:?}", Key([0xAB; KEY_LEN])), "Key(<redacted>)");
}

/// Cancel pressed while keys are derived: the hash under way ends, and no other starts.
#[test]
fn a_derivation_cancelled_midway_starts_no_further_hash() {
    use crate::progress::{Cancelled, Phase, Progress};
    use std::sync::atomic::AtomicU64;

    /// Presses Cancel as the first key is done.
    struct CancelAfterFirst {
        cancel: Cancel,
        done: AtomicU64,
    }
    impl Progress for CancelAfterFirst {
        fn start(&self, _: Phase, _: u64) {}
        fn update(&self, done: u64, _: u64) {
            self.done.fetch_max(done, Ordering::Relaxed);
            self.cancel.cancel();
        }
        fn finish(&self, _: Phase) {}
    }
    let deriver = Deriver::new(Salt([3; SALT_LEN]), Profile::Test.cost()).unwrap();
    let jobs: Vec<(Deriver, Normalized)> = (0..10)
        .map(|i| (deriver, normalized(Kind::Username, &format!("user{i}"))))
        .collect();
    let watch = CancelAfterFirst {
        cancel: Cancel::new(),
        done: AtomicU64::new(0),
    };
    assert_eq!(
        derive_observed(&jobs, 1, &watch, &watch.cancel),
        Err(Cancelled)
    );
    assert_eq!(watch.done.load(Ordering::Relaxed), 1);
}

/// Each key reaches the caller once, with the index of its job, whatever the order the workers
/// finish in.
#[test]
fn each_key_is_handed_over_once_with_its_jobs_index() {
    let deriver = Deriver::new(Salt([5; SALT_LEN]), Profile::Test.cost()).unwrap();
    let jobs: Vec<(Deriver, Normalized)> = (0..7)
        .map(|i| (deriver, normalized(Kind::Username, &format!("user{i}"))))
        .collect();
    let mut handed: Vec<(usize, Key)> = Vec::new();
    derive_each(&jobs, 3, &Silent, &Cancel::new(), |index, key| {
        handed.push((index, key));
        Ok::<(), Cancelled>(())
    })
    .unwrap();
    handed.sort();
    let reference: Vec<(usize, Key)> = jobs
        .iter()
        .enumerate()
        .map(|(index, (deriver, id))| (index, deriver.derive(id)))
        .collect();
    assert_eq!(handed, reference);
}

/// A key the caller cannot use (a lookup that fails) ends the work: its error is returned, and
/// the hash under way is the last one started.
#[test]
fn a_key_refused_by_the_caller_stops_further_hashes() {
    use crate::progress::{Phase, Progress};
    use std::sync::atomic::AtomicU64;

    #[derive(Debug, PartialEq)]
    struct Refused;
    impl From<Cancelled> for Refused {
        fn from(_: Cancelled) -> Refused {
            unreachable!("nothing cancels this derivation")
        }
    }
    #[derive(Default)]
    struct Highest(AtomicU64);
    impl Progress for Highest {
        fn start(&self, _: Phase, _: u64) {}
        fn update(&self, done: u64, _: u64) {
            self.0.fetch_max(done, Ordering::Relaxed);
        }
        fn finish(&self, _: Phase) {}
    }
    let deriver = Deriver::new(Salt([4; SALT_LEN]), Profile::Test.cost()).unwrap();
    let jobs: Vec<(Deriver, Normalized)> = (0..10)
        .map(|i| (deriver, normalized(Kind::Username, &format!("user{i}"))))
        .collect();
    let highest = Highest::default();
    let mut calls = 0;
    let outcome = derive_each(&jobs, 1, &highest, &Cancel::new(), |_, _| {
        calls += 1;
        Err(Refused)
    });
    assert_eq!(outcome, Err(Refused));
    assert_eq!(calls, 1);
    // The one worker may have begun the second hash before it heard; never a third.
    assert!(highest.0.load(Ordering::Relaxed) <= 2);
}
