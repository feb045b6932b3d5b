//! Key derivation (DESIGN.md §3, format v1).
//!
//! A pack stores `argon2id("exposure/v1\0" || tag || "\0" || normalized, pack salt)` and nothing
//! else about a person. The per-pack salt means a guessing attack has to be redone for every pack;
//! the argon2 cost is what each guess costs, and it is also nearly all the work of a build or a
//! check. So the hot path keeps one `Argon2` context and one memory buffer per worker thread (a
//! fresh 19 MiB allocation per hash page-faults the whole buffer every time), and spreads work over
//! every core on threads of its own ([`derive_observed`], the builder's workers). The buffer is
//! zeroized when the thread's work is done ([`release_thread`]), since it holds material derived
//! from identifiers.

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::{Zeroize, Zeroizing};

use crate::identifier::Normalized;
use crate::l10n::Message;

/// Bytes of every key.
pub const KEY_LEN: usize = 16;
/// Bytes of every pack salt.
pub const SALT_LEN: usize = 16;

/// The default memory budget of a build; a check's argon2 buffers stay within it too.
pub const DEFAULT_MEMORY: u64 = 1 << 30;

const DOMAIN: &[u8] = b"exposure/v1\0";

/// One derived key: safe to store in a pack, but still a secret while it sits in memory beside the
/// identifier it came from, so its `Debug` shows nothing.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Zeroize)]
pub struct Key(pub [u8; KEY_LEN]);

impl fmt::Debug for Key {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Key(<redacted>)")
    }
}

/// A pack's random salt.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Salt(pub [u8; SALT_LEN]);

impl Salt {
    pub fn random() -> Salt {
        let mut bytes = [0u8; SALT_LEN];
        getrandom::fill(&mut bytes).expect("the operating system provides randomness");
        Salt(bytes)
    }

    pub fn to_hex(self) -> String {
        hex::encode(self.0)
    }

    pub fn from_hex(text: &str) -> Option<Salt> {
        let bytes = hex::decode(text).ok()?;
        Some(Salt(bytes.try_into().ok()?))
    }
}

impl fmt::Debug for Salt {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Salt({})", self.to_hex())
    }
}

/// The named cost profiles of the builder's `--profile`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Tests and the demo only: the app labels such packs "weak protection".
    Test,
    /// OWASP's argon2id minimum; the default.
    Standard,
    /// Small, very sensitive packs.
    Strong,
}

impl Profile {
    pub const ALL: [Profile; 3] = [Profile::Test, Profile::Standard, Profile::Strong];

    pub const fn cost(self) -> Cost {
        match self {
            Profile::Test => Cost {
                m_kib: 256,
                t: 1,
                p: 1,
            },
            Profile::Standard => Cost {
                m_kib: 19_456,
                t: 2,
                p: 1,
            },
            Profile::Strong => Cost {
                m_kib: 65_536,
                t: 3,
                p: 1,
            },
        }
    }

    pub const fn name(self) -> &'static str {
        match self {
            Profile::Test => "test",
            Profile::Standard => "standard",
            Profile::Strong => "strong",
        }
    }

    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// How a pack protects its keys, in words a person can act on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Protection {
    /// Cheaper than the standard profile: guessing is fast.
    Weak,
    Standard,
    Strong,
}

impl Protection {
    pub const fn name(self) -> &'static str {
        match self {
            Protection::Weak => "weak",
            Protection::Standard => "standard",
            Protection::Strong => "strong",
        }
    }
}

/// Argon2id cost parameters: memory in KiB, passes, lanes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Cost {
    pub m_kib: u32,
    pub t: u32,
    pub p: u32,
}

/// Bounds every cost read from a file (a pack's metadata, a shard set, a part header) must lie in
/// before any hashing: a hostile or careless file must not be able to ask for gigabytes of memory
/// per thread or minutes per identifier. Four times the strong profile's memory and passes, but
/// memory times passes (what one hash costs) no more than four times the strong profile's.
pub const MAX_M_KIB: u32 = 4 * Profile::Strong.cost().m_kib;
pub const MAX_T: u32 = 4 * Profile::Strong.cost().t;
pub const MAX_P: u32 = 8;
pub const MAX_WORK: u64 = 4 * Profile::Strong.cost().m_kib as u64 * Profile::Strong.cost().t as u64;

impl Cost {
    /// The profile these parameters are exactly, if any.
    pub fn profile(self) -> Option<Profile> {
        Profile::ALL.into_iter().find(|p| p.cost() == self)
    }

    /// Work relative to the standard profile decides the words: memory times passes is what a
    /// guesser pays per guess.
    pub fn protection(self) -> Protection {
        let work = u64::from(self.m_kib) * u64::from(self.t);
        let standard = Profile::Standard.cost();
        let strong = Profile::Strong.cost();
        if work < u64::from(standard.m_kib) * u64::from(standard.t) {
            Protection::Weak
        } else if work < u64::from(strong.m_kib) * u64::from(strong.t) {
            Protection::Standard
        } else {
            Protection::Strong
        }
    }

    /// Refuses costs beyond the bounds ([`MAX_M_KIB`], [`MAX_T`], [`MAX_P`], [`MAX_WORK`]) or that
    /// argon2 itself refuses.
    pub fn check(self) -> Result<(), KeyError> {
        self.params().map(|_| ())
    }

    fn params(self) -> Result<Params, KeyError> {
        let work = u64::from(self.m_kib) * u64::from(self.t);
        if self.m_kib > MAX_M_KIB
            || self.t > MAX_T
            || self.p > MAX_P
            || self.p == 0
            || work > MAX_WORK
        {
            return Err(KeyError::CostOutOfBounds(self));
        }
        Params::new(self.m_kib, self.t, self.p, Some(KEY_LEN))
            .map_err(|_| KeyError::CostOutOfBounds(self))
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyError {
    #[error("{}", Message::from(self))]
    CostOutOfBounds(Cost),
}

impl From<&KeyError> for Message {
    fn from(error: &KeyError) -> Message {
        match error {
            KeyError::CostOutOfBounds(cost) => Message::new("error-cost-out-of-bounds")
                .arg("m", cost.m_kib)
                .arg("t", cost.t)
                .arg("p", cost.p)
                .arg("max_m", MAX_M_KIB)
                .arg("max_t", MAX_T)
                .arg("max_p", MAX_P),
        }
    }
}

/// How many argon2 buffers of `cost` fit in `memory` bytes, at least one: each worker, of a
/// build or a check, keeps one for its whole life.
pub fn buffers_within(memory: u64, cost: Cost) -> usize {
    let buffer = u64::from(cost.m_kib) * 1024;
    usize::try_from(memory / buffer.max(1))
        .unwrap_or(usize::MAX)
        .max(1)
}

/// Derives keys for one pack: its salt and its cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Deriver {
    salt: Salt,
    cost: Cost,
}

impl Deriver {
    pub fn new(salt: Salt, cost: Cost) -> Result<Deriver, KeyError> {
        cost.params()?;
        Ok(Deriver { salt, cost })
    }

    pub fn cost(&self) -> Cost {
        self.cost
    }

    pub fn salt(&self) -> Salt {
        self.salt
    }

    /// One key, on this thread.
    pub fn derive(&self, identifier: &Normalized) -> Key {
        with_worker(self.cost, |worker| worker.derive(self.salt, identifier))
    }
}

/// Watches a long derivation: a face shows progress and lets the person cancel.
pub trait Observer: Sync {
    /// `done` of `total` keys are derived. Called from worker threads, in no particular order.
    fn progress(&self, done: usize, total: usize);
    /// Asked before each hash; once true, no further hash starts.
    fn cancelled(&self) -> bool;
}

/// Nobody watching.
#[derive(Debug, Clone, Copy)]
pub struct Unobserved;

impl Observer for Unobserved {
    fn progress(&self, _: usize, _: usize) {}
    fn cancelled(&self) -> bool {
        false
    }
}

/// The person stopped the work before every key was derived.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", Message::new("check-cancelled"))]
pub struct Cancelled;

/// Keys for (pack, identifier) jobs, in job order, on `threads` workers of its own that keep one
/// buffer each for all their hashes (a fresh 19 MiB buffer page-faults all over again) and
/// zeroize it at the end. It can stop between two hashes: `observer` hears of each key derived,
/// and once it says cancelled no further hash starts and the result is [`Cancelled`].
pub fn derive_observed(
    jobs: &[(Deriver, Normalized)],
    threads: usize,
    observer: &dyn Observer,
) -> Result<Vec<Key>, Cancelled> {
    use std::sync::Mutex;
    use std::sync::atomic::AtomicBool;

    let total = jobs.len();
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let stopped = AtomicBool::new(false);
    let keys: Mutex<Vec<Option<Key>>> = Mutex::new((0..total).map(|_| None).collect());
    observer.progress(0, total);
    let work = || {
        loop {
            if observer.cancelled() {
                stopped.store(true, Ordering::Relaxed);
                break;
            }
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((deriver, identifier)) = jobs.get(index) else {
                break;
            };
            let key = deriver.derive(identifier);
            keys.lock()
                .unwrap_or_else(std::sync::PoisonError::into_inner)[index] = Some(key);
            observer.progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
        }
        release_thread();
    };
    // No more busy threads than cores: argon2 at the standard profile is bound by memory
    // bandwidth, and an extra thread only slows the others.
    std::thread::scope(|scope| {
        for _ in 0..threads.min(total).max(1) {
            scope.spawn(work);
        }
    });
    if stopped.load(Ordering::Relaxed) {
        return Err(Cancelled);
    }
    Ok(keys
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .into_iter()
        .map(|key| key.expect("every job was derived unless cancelled"))
        .collect())
}

/// The honest limit of this machine: a plain loop of argon2id calls at `cost`, on `threads`
/// threads with one reused buffer each, as the builder and the checker call it. With `jobs`, it
/// computes exactly that many hashes (a check's fifteen, say) and says how long they took,
/// buffers included; without, it hashes for about `duration`. Returns (hashes, elapsed).
pub fn plain_loop(
    cost: Cost,
    threads: usize,
    jobs: Option<u64>,
    duration: std::time::Duration,
) -> Result<(u64, std::time::Duration), KeyError> {
    use crate::identifier::{Kind, Normalizer, Region};
    let deriver = Deriver::new(Salt([0x5A; SALT_LEN]), cost)?;
    let normalizer = Normalizer::new(Region::CN);
    let identifiers: Vec<Normalized> = (0..1024)
        .map(|i| {
            normalizer
                .normalize(Kind::Username, &format!("limit-{i}"))
                .expect("a username is never refused")
        })
        .collect();
    let next = AtomicUsize::new(0);
    let started = std::time::Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads.max(1) {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let more = match jobs {
                        Some(jobs) => (i as u64) < jobs,
                        None => started.elapsed() < duration,
                    };
                    if !more {
                        break;
                    }
                    std::hint::black_box(deriver.derive(&identifiers[i % identifiers.len()]));
                }
                release_thread();
            });
        }
    });
    let elapsed = started.elapsed();
    let done = next.load(Ordering::Relaxed) as u64;
    let hashes = match jobs {
        Some(jobs) => jobs,
        None => done.saturating_sub(threads.max(1) as u64),
    };
    Ok((hashes, elapsed))
}

/// Zeroizes and frees this thread's buffer: for threads of the caller's own, such as the
/// builder's argon2 workers, before they end.
pub fn release_thread() {
    WORKER.with(|cell| drop(cell.borrow_mut().take()));
}

struct Worker {
    cost: Cost,
    argon2: Argon2<'static>,
    memory: Vec<Block>,
}

impl Worker {
    fn new(cost: Cost) -> Worker {
        let params = cost.params().expect("checked by Deriver::new");
        let blocks = params.block_count();
        Worker {
            cost,
            argon2: Argon2::new(Algorithm::Argon2id, Version::V0x13, params),
            memory: vec![Block::default(); blocks],
        }
    }

    fn derive(&mut self, salt: Salt, identifier: &Normalized) -> Key {
        let tag = identifier.kind().tag().as_bytes();
        let value = identifier.expose().as_bytes();
        let mut password = Zeroizing::new(Vec::with_capacity(
            DOMAIN.len() + tag.len() + 1 + value.len(),
        ));
        password.extend_from_slice(DOMAIN);
        password.extend_from_slice(tag);
        password.push(0);
        password.extend_from_slice(value);
        let mut key = [0u8; KEY_LEN];
        self.argon2
            .hash_password_into_with_memory(&password, &salt.0, &mut key, &mut self.memory)
            .expect("parameters, salt and output length were checked");
        Key(key)
    }
}

impl Drop for Worker {
    fn drop(&mut self) {
        for block in &mut self.memory {
            block.zeroize();
        }
    }
}

thread_local! {
    static WORKER: RefCell<Option<Worker>> = const { RefCell::new(None) };
}

fn with_worker<R>(cost: Cost, f: impl FnOnce(&mut Worker) -> R) -> R {
    WORKER.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.as_ref().is_none_or(|worker| worker.cost != cost) {
            *slot = Some(Worker::new(cost));
        }
        f(slot.as_mut().expect("just set"))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identifier::{Kind, Normalizer, Region};

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
        assert_eq!(derive_observed(&jobs, 4, &Unobserved).unwrap(), serial);
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
                derive_observed(&jobs, threads, &Unobserved).unwrap(),
                reference
            );
        }
        assert!(derive_observed(&[], 3, &Unobserved).unwrap().is_empty());
    }

    #[test]
    fn key_debug_shows_no_bytes() {
        assert_eq!(format!("{:?}", Key([0xAB; KEY_LEN])), "Key(<redacted>)");
    }
}
