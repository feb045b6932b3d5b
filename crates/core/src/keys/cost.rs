//! What one key costs: the argon2id parameters, the named profiles of `--profile`, the bounds
//! every cost read from a file must lie in, and how many buffers a memory budget holds.

use argon2::Params;
use serde::{Deserialize, Serialize};

use super::{KEY_LEN, KeyError};

/// The default memory budget of a build; a check's argon2 buffers stay within it too.
pub const DEFAULT_MEMORY: u64 = 1 << 30;

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

    pub(super) fn params(self) -> Result<Params, KeyError> {
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

/// How many argon2 buffers of `cost` fit in `memory` bytes, at least one: each worker, of a
/// build or a check, keeps one for its whole life.
pub fn buffers_within(memory: u64, cost: Cost) -> usize {
    let buffer = u64::from(cost.m_kib) * 1024;
    usize::try_from(memory / buffer.max(1))
        .unwrap_or(usize::MAX)
        .max(1)
}
