//! Random entries for `exposure pack synth`: exactly `count` uniformly random
//! keys, produced already sorted so that they stream into the pack writer with no sort and no
//! temporary file, whatever their number.
//!
//! The keys are drawn the way a uniform sample is split: the key space is halved recursively, and
//! the number of keys falling in the lower half of a range holding `c` keys is Binomial(c, 1/2),
//! drawn exactly as the number of ones among `c` random bits. At the bottom, a small group's keys
//! are drawn directly and sorted. Only integer arithmetic on a ChaCha stream is involved, so one
//! seed gives the same keys on every platform (floating-point samplers call the platform's `ln`
//! and `exp`, whose last bits differ between C libraries).

use exposure_core::keys::{KEY_LEN, Key};
use rand::{Rng, RngCore, SeedableRng};
use rand_chacha::ChaCha20Rng;

/// The mean number of keys of a group drawn directly: large enough that the halving draws a few
/// bits a key, small enough that a group is a few hundred bytes.
const GROUP_TARGET: u64 = 64;

/// A (breach, classes) pair random keys are given, and how often relative to the others.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair {
    pub breach: u32,
    pub classes: u64,
    pub weight: u64,
}

/// A range of the key space still to be split: its first `depth` bits are `prefix`.
#[derive(Debug, Clone, Copy)]
struct Range {
    prefix: u128,
    depth: u32,
    count: u64,
}

/// Exactly `count` random entries in (key, breach) order, each given a pair drawn by weight.
pub struct RandomEntries {
    rng: ChaCha20Rng,
    group_bits: u32,
    /// Ranges still to split, the lowest on top.
    pending: Vec<Range>,
    /// The current group's keys, sorted, the next one last.
    group: Vec<u128>,
    pairs: Vec<Pair>,
    /// Running sums of the pairs' weights: a draw below `total` picks the first pair whose sum
    /// exceeds it.
    cumulative: Vec<u64>,
}

impl std::fmt::Debug for RandomEntries {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RandomEntries")
            .field("group_bits", &self.group_bits)
            .finish_non_exhaustive()
    }
}

/// Why no random entries can be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynthError {
    #[error("random keys need at least one (breach, classes) pair with a weight above zero")]
    NoPair,
    #[error("the pairs' weights add up to more than 2^64")]
    WeightOverflow,
}

impl RandomEntries {
    pub fn new(count: u64, seed: u64, pairs: &[Pair]) -> Result<RandomEntries, SynthError> {
        let pairs: Vec<Pair> = pairs.iter().copied().filter(|p| p.weight > 0).collect();
        if pairs.is_empty() && count > 0 {
            return Err(SynthError::NoPair);
        }
        let mut cumulative = Vec::with_capacity(pairs.len());
        let mut total = 0u64;
        for pair in &pairs {
            total = total
                .checked_add(pair.weight)
                .ok_or(SynthError::WeightOverflow)?;
            cumulative.push(total);
        }
        let group_bits = group_bits(count);
        Ok(RandomEntries {
            rng: ChaCha20Rng::seed_from_u64(seed),
            group_bits,
            pending: if count > 0 {
                vec![Range {
                    prefix: 0,
                    depth: 0,
                    count,
                }]
            } else {
                Vec::new()
            },
            group: Vec::new(),
            pairs,
            cumulative,
        })
    }

    /// Splits ranges until the lowest one is a whole group, then draws that group's keys.
    fn fill_group(&mut self) -> bool {
        while let Some(range) = self.pending.pop() {
            if range.count == 0 {
                continue;
            }
            if range.depth == self.group_bits {
                self.draw_group(range);
                return true;
            }
            let lower = ones_among(&mut self.rng, range.count);
            let depth = range.depth + 1;
            let half = 1u128 << (128 - depth);
            self.pending.push(Range {
                prefix: range.prefix | half,
                depth,
                count: range.count - lower,
            });
            self.pending.push(Range {
                prefix: range.prefix,
                depth,
                count: lower,
            });
        }
        false
    }

    /// Draws `range.count` distinct keys inside the range, sorted, the smallest last.
    fn draw_group(&mut self, range: Range) {
        let want = usize::try_from(range.count).expect("a group fits in memory");
        self.group.clear();
        while self.group.len() < want {
            while self.group.len() < want {
                let random =
                    u128::from(self.rng.next_u64()) << 64 | u128::from(self.rng.next_u64());
                let suffix = random.checked_shr(range.depth).unwrap_or(0);
                self.group.push(range.prefix | suffix);
            }
            // Two equal 128-bit keys are as good as impossible; if it happens, draw again rather
            // than give the writer a key twice.
            self.group.sort_unstable();
            self.group.dedup();
        }
        self.group.reverse();
    }

    fn draw_pair(&mut self) -> Pair {
        let total = *self
            .cumulative
            .last()
            .expect("a pair exists when keys are drawn");
        let draw = self.rng.random_range(0..total);
        let index = self.cumulative.partition_point(|&sum| sum <= draw);
        self.pairs[index]
    }
}

impl Iterator for RandomEntries {
    /// A key, its breach and its classes, in increasing key order.
    type Item = (Key, u32, u64);

    fn next(&mut self) -> Option<Self::Item> {
        if self.group.is_empty() && !self.fill_group() {
            return None;
        }
        let key = self.group.pop()?;
        let pair = self.draw_pair();
        let mut bytes = [0u8; KEY_LEN];
        bytes.copy_from_slice(&key.to_be_bytes()[..KEY_LEN]);
        Some((Key(bytes), pair.breach, pair.classes))
    }
}

/// The depth at which ranges hold about [`GROUP_TARGET`] keys: the smallest `b` with
/// `count <= GROUP_TARGET * 2^b`.
fn group_bits(count: u64) -> u32 {
    let mut bits = 0;
    while u128::from(count) > u128::from(GROUP_TARGET) << bits {
        bits += 1;
    }
    bits
}

/// A draw of Binomial(`trials`, 1/2): the number of ones among `trials` random bits.
fn ones_among(rng: &mut impl RngCore, trials: u64) -> u64 {
    let mut ones = 0u64;
    let mut left = trials;
    while left >= 64 {
        ones += u64::from(rng.next_u64().count_ones());
        left -= 64;
    }
    if left > 0 {
        let mask = (1u64 << left) - 1;
        ones += u64::from((rng.next_u64() & mask).count_ones());
    }
    ones
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one_pair() -> Vec<Pair> {
        vec![Pair {
            breach: 0,
            classes: 1,
            weight: 1,
        }]
    }

    fn keys(count: u64, seed: u64) -> Vec<u128> {
        RandomEntries::new(count, seed, &one_pair())
            .unwrap()
            .map(|(key, _, _)| u128::from_be_bytes(key.0))
            .collect()
    }

    #[test]
    fn gives_exactly_the_count_asked_for_in_increasing_order() {
        for count in [0, 1, 2, 63, 64, 65, 1000, 54_321] {
            let keys = keys(count, 7);
            assert_eq!(keys.len() as u64, count);
            assert!(keys.windows(2).all(|w| w[0] < w[1]), "{count}");
        }
    }

    #[test]
    fn one_seed_gives_the_same_keys_and_another_seed_others() {
        assert_eq!(keys(5000, 1), keys(5000, 1));
        let (a, b) = (keys(5000, 1), keys(5000, 2));
        assert!(a.iter().zip(&b).all(|(x, y)| x != y));
    }

    /// Fixed output for a fixed seed: the keys are part of the pack's bytes, which must not change
    /// between platforms or releases without anyone noticing.
    #[test]
    fn the_first_keys_of_seed_zero_are_fixed() {
        let first: Vec<String> = keys(200, 0)
            .iter()
            .take(2)
            .map(|key| format!("{key:032x}"))
            .collect();
        assert_eq!(first, FIRST_KEYS_OF_SEED_ZERO);
    }
    const FIRST_KEYS_OF_SEED_ZERO: [&str; 2] = [
        "00798478100d9ea7a0246957462df163",
        "00c7af26dea4d24bbbb63db1e96c6994",
    ];

    #[test]
    fn keys_spread_evenly_over_the_key_space() {
        // 64 000 keys over 16 ranges of the top four bits: 4000 each, standard deviation about 61.
        let mut counts = [0u32; 16];
        for key in keys(64_000, 3) {
            counts[(key >> 124) as usize] += 1;
        }
        for count in counts {
            assert!((3700..=4300).contains(&count), "{counts:?}");
        }
        // And the low bits too: the last bit is set about half the time.
        let odd = keys(64_000, 4).iter().filter(|key| *key & 1 == 1).count();
        assert!((31_000..=33_000).contains(&odd), "{odd}");
    }

    #[test]
    fn pairs_are_drawn_by_weight() {
        let pairs = [
            Pair {
                breach: 0,
                classes: 3,
                weight: 3,
            },
            Pair {
                breach: 1,
                classes: 5,
                weight: 1,
            },
            Pair {
                breach: 2,
                classes: 9,
                weight: 0,
            },
        ];
        let drawn: Vec<(u32, u64)> = RandomEntries::new(40_000, 5, &pairs)
            .unwrap()
            .map(|(_, breach, classes)| (breach, classes))
            .collect();
        let first = drawn.iter().filter(|pair| **pair == (0, 3)).count();
        let second = drawn.iter().filter(|pair| **pair == (1, 5)).count();
        assert_eq!(first + second, 40_000, "a pair of weight 0 is never drawn");
        assert!((29_400..=30_600).contains(&first), "{first}");
    }

    #[test]
    fn keys_need_a_pair_to_carry() {
        assert_eq!(
            RandomEntries::new(10, 0, &[]).unwrap_err(),
            SynthError::NoPair
        );
        assert_eq!(RandomEntries::new(0, 0, &[]).unwrap().count(), 0);
    }

    #[test]
    fn a_binomial_half_draw_counts_ones_of_exactly_that_many_bits() {
        let mut rng = ChaCha20Rng::seed_from_u64(9);
        assert_eq!(ones_among(&mut rng, 0), 0);
        for trials in [1, 63, 64, 65, 1000] {
            assert!(ones_among(&mut rng, trials) <= trials);
        }
        // Mean 50 000, standard deviation about 224.
        let draw = ones_among(&mut rng, 100_000);
        assert!((49_000..=51_000).contains(&draw), "{draw}");
    }

    #[test]
    fn groups_hold_about_the_target_whatever_the_count() {
        assert_eq!(group_bits(0), 0);
        assert_eq!(group_bits(64), 0);
        assert_eq!(group_bits(65), 1);
        assert_eq!(group_bits(1_000_000_000), 24);
        assert!(group_bits(u64::MAX) <= 64);
    }
}
