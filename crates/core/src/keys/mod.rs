//! Key derivation (DESIGN.md §3, format v1).
//!
//! A pack stores `argon2id("exposure/v1\0" || tag || "\0" || normalized, pack salt)` and nothing
//! else about a person. The per-pack salt means a guessing attack has to be redone for every pack;
//! the argon2 cost is what each guess costs, and it is also nearly all the work of a build or a
//! check. So the hot path keeps one `Argon2` context and one memory buffer per worker thread (a
//! fresh 19 MiB allocation per hash page-faults the whole buffer every time), and spreads work over
//! every core on threads of its own ([`derive_observed`], the builder's workers). The buffer is
//! zeroized when the thread's work is done ([`release_thread`]), since it holds material derived
//! from identifiers. [`cost`] holds the parameters themselves: profiles, bounds, memory budgets.

use std::cell::RefCell;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};

use argon2::{Algorithm, Argon2, Block, Version};
use zeroize::{Zeroize, Zeroizing};

use crate::identifier::Normalized;
use crate::l10n::Message;
use crate::progress::{Cancel, Cancelled, Phase, Progress};

pub mod cost;

use cost::{Cost, MAX_M_KIB, MAX_P, MAX_T};

/// Bytes of every key.
pub const KEY_LEN: usize = 16;
/// Bytes of every pack salt.
pub const SALT_LEN: usize = 16;

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

/// Keys for (pack, identifier) jobs, in job order, on `threads` workers of its own that keep one
/// buffer each for all their hashes (a fresh 19 MiB buffer page-faults all over again) and
/// zeroize it at the end. It can stop between two hashes: `progress` hears of each key derived
/// (phase [`Phase::Deriving`]), and once `cancel` is set no further hash starts and the result is
/// [`Cancelled`].
pub fn derive_observed(
    jobs: &[(Deriver, Normalized)],
    threads: usize,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Vec<Key>, Cancelled> {
    let mut keys: Vec<Option<Key>> = vec![None; jobs.len()];
    derive_each(jobs, threads, progress, cancel, |index, key| {
        keys[index] = Some(key);
        Ok::<(), Cancelled>(())
    })?;
    Ok(keys
        .into_iter()
        .map(|key| key.expect("every job was derived unless cancelled"))
        .collect())
}

/// [`derive_observed`], handing each key to `each` on the calling thread as soon as it is made,
/// with its job's index, in the order the workers finish: whatever `each` does with a key (a
/// lookup that waits on the disk, say) overlaps the hashes still under way instead of following
/// them all. Once `each` fails no further hash starts, and its error is returned; once `cancel`
/// is set, [`Cancelled`] is, whatever `each` was given meanwhile.
pub fn derive_each<E: From<Cancelled>>(
    jobs: &[(Deriver, Normalized)],
    threads: usize,
    progress: &dyn Progress,
    cancel: &Cancel,
    mut each: impl FnMut(usize, Key) -> Result<(), E>,
) -> Result<(), E> {
    use std::sync::atomic::AtomicBool;

    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let cancelled = AtomicBool::new(false);
    let failed = AtomicBool::new(false);
    progress.start(Phase::Deriving, jobs.len() as u64);
    // A rendezvous: a worker hands its key over before it starts another hash, so once `each`
    // refuses a key, at most the hashes already under way finish (one a worker), never a queue
    // of them. The wait is a lookup's (a few pages), against argon2's hundreds of milliseconds.
    let (sender, receiver) = std::sync::mpsc::sync_channel::<(usize, Key)>(0);
    let work = |sender: std::sync::mpsc::SyncSender<(usize, Key)>| {
        loop {
            if cancel.is_cancelled() {
                cancelled.store(true, Ordering::Relaxed);
                break;
            }
            if failed.load(Ordering::Relaxed) {
                break;
            }
            let index = next.fetch_add(1, Ordering::Relaxed);
            let Some((deriver, identifier)) = jobs.get(index) else {
                break;
            };
            let key = deriver.derive(identifier);
            progress.update(done.fetch_add(1, Ordering::Relaxed) as u64 + 1, 0);
            if sender.send((index, key)).is_err() {
                break;
            }
        }
        release_thread();
    };
    // No more busy threads than cores: argon2 at the standard profile is bound by memory
    // bandwidth, and an extra thread only slows the others. The calling thread hashes nothing:
    // it waits for keys and hands them on.
    let work = &work;
    let handed = std::thread::scope(|scope| {
        for _ in 0..threads.min(jobs.len()).max(1) {
            let sender = sender.clone();
            scope.spawn(move || work(sender));
        }
        drop(sender);
        // Ends once every worker has ended and dropped its sender.
        for (index, key) in receiver {
            if let Err(error) = each(index, key) {
                failed.store(true, Ordering::Relaxed);
                return Err(error);
            }
        }
        Ok(())
    });
    handed?;
    if cancelled.load(Ordering::Relaxed) {
        return Err(Cancelled.into());
    }
    progress.finish(Phase::Deriving);
    Ok(())
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
mod tests;
