//! The constants of format v2 (docs/pack-format.md §3) and the parameters that follow from the
//! entry count and the palette (§4.5, §4.6, §4.7): a writer computes them, a reader recomputes
//! them and refuses a pack whose `meta` says otherwise.

use crate::keys::Key;

/// `PRAGMA user_version` of a v2 pack: its format version.
pub const USER_VERSION: u32 = 2;
/// SQLite's page size in a v2 pack.
pub const PAGE_SIZE: u64 = 16384;
/// Bits of each key stored: its prefix.
pub const KEY_BITS: u32 = 72;
/// A mean bucket holds more than half of this and at most this many entries.
pub const BUCKET_TARGET: u64 = 256;
/// At most 2^32 buckets.
pub const MAX_BUCKET_BITS: u32 = 32;
/// Children of a hash-tree node.
pub const TREE_ARITY: u64 = 255;
/// Entries of one bucket.
pub const MAX_BUCKET_ENTRIES: usize = 65535;
/// Bytes of one bucket BLOB.
pub const MAX_BUCKET_BYTES: usize = 524_288;
/// (breach, classes) pairs of the palette.
pub const MAX_PALETTE: usize = 65536;
/// Rows of `breaches`.
pub const MAX_BREACHES: usize = 65536;
/// Rows of `meta`.
pub const MAX_META_ROWS: usize = 64;
/// The largest palette-code Rice parameter.
pub const MAX_CODE_RICE: u32 = 16;
/// Bytes of a hash, and of each child's hash in a node.
pub const HASH_BYTES: usize = 32;

/// Everything the layout of a v2 pack's buckets and hash tree follows from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Params {
    /// `n`: entries after the merge of §4.4.
    pub entries: u64,
    /// `b`: there are `2^b` buckets.
    pub bucket_bits: u32,
    /// `W = 72 − b`: bits of a stored suffix.
    pub suffix_bits: u32,
    /// `k`: the Rice parameter of suffix gaps.
    pub rice_k: u32,
    /// `P`: pairs in the palette.
    pub palette_size: usize,
    /// `c`: the Rice parameter of palette codes.
    pub code_rice: u32,
    /// `N_0 .. N_L`: buckets, then nodes at each level up to the top's single node.
    pub levels: Vec<u64>,
}

impl Params {
    /// The parameters of a pack of `entries` entries whose palette counts are `counts` (in code
    /// order); `None` when it would need more than 2^32 buckets.
    pub fn new(entries: u64, counts: &[u64]) -> Option<Params> {
        let bucket_bits = bucket_bits(entries)?;
        let mut levels = vec![1u64 << bucket_bits];
        loop {
            let below = *levels.last().expect("level 0 is there");
            levels.push(below.div_ceil(TREE_ARITY));
            if below <= TREE_ARITY {
                break;
            }
        }
        Some(Params {
            entries,
            bucket_bits,
            suffix_bits: KEY_BITS - bucket_bits,
            rice_k: KEY_BITS - ceil_log2(entries.max(1)),
            palette_size: counts.len(),
            code_rice: code_rice(counts),
            levels,
        })
    }

    /// `B`: the number of buckets.
    pub fn buckets(&self) -> u64 {
        self.levels[0]
    }

    /// `L`: the level of the top node.
    pub fn tree_levels(&self) -> u32 {
        (self.levels.len() - 1) as u32
    }

    /// How many children node `index` of `level` (from 1) has: the content of a node is exactly
    /// that many hashes.
    pub fn children(&self, level: u32, index: u64) -> u64 {
        let below = self.levels[level as usize - 1];
        TREE_ARITY.min(below.saturating_sub(index * TREE_ARITY))
    }

    /// The bucket of `prefix` and its suffix there.
    pub fn locate(&self, prefix: u128) -> (u64, u128) {
        let bucket = (prefix >> self.suffix_bits) as u64;
        (bucket, prefix & self.suffix_mask())
    }

    pub fn suffix_mask(&self) -> u128 {
        (1u128 << self.suffix_bits) - 1
    }
}

/// The row id of node `index` at `level` in the `nodes` table.
pub fn node_id(level: u32, index: u64) -> i64 {
    ((u64::from(level) << 32) | index) as i64
}

/// A key's first 72 bits, as an unsigned big-endian number.
pub fn prefix(key: &Key) -> u128 {
    key.0[..9]
        .iter()
        .fold(0u128, |prefix, byte| (prefix << 8) | u128::from(*byte))
}

/// The smallest `b` with `n ≤ T × 2^b`, if at most [`MAX_BUCKET_BITS`].
fn bucket_bits(entries: u64) -> Option<u32> {
    (0..=MAX_BUCKET_BITS).find(|b| u128::from(entries) <= u128::from(BUCKET_TARGET) << b)
}

/// `⌈log2 n⌉` for `n ≥ 1`.
fn ceil_log2(n: u64) -> u32 {
    if n <= 1 {
        0
    } else {
        64 - (n - 1).leading_zeros()
    }
}

/// The palette-code Rice parameter `c` in `0 ..= 16` that makes the codes of `counts` shortest in
/// total, the smallest on a tie; 0 for a palette of at most one pair (codes take no bits).
pub fn code_rice(counts: &[u64]) -> u32 {
    if counts.len() <= 1 {
        return 0;
    }
    let cost = |c: u32| -> u128 {
        counts
            .iter()
            .enumerate()
            .map(|(code, count)| u128::from(*count) * (1 + u128::from(c) + (code as u128 >> c)))
            .sum()
    };
    (0..=MAX_CODE_RICE)
        .min_by_key(|c| (cost(*c), *c))
        .expect("a range of 17 values")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of docs/pack-format.md §4.7.
    #[test]
    fn bucket_bits_and_levels_follow_the_table_of_the_spec() {
        for (entries, bits, levels) in [
            (1_000_000u64, 12, vec![4096u64, 17, 1]),
            (10_000_000, 16, vec![65536, 258, 2, 1]),
            (100_000_000, 19, vec![524_288, 2057, 9, 1]),
            (1_000_000_000, 22, vec![4_194_304, 16449, 65, 1]),
            (1_500_000_000, 23, vec![8_388_608, 32897, 130, 1]),
        ] {
            let params = Params::new(entries, &[entries]).unwrap();
            assert_eq!(params.bucket_bits, bits, "{entries}");
            assert_eq!(params.levels, levels, "{entries}");
        }
    }

    #[test]
    fn an_empty_pack_has_one_bucket_one_level_and_the_widest_rice_parameter() {
        let params = Params::new(0, &[]).unwrap();
        assert_eq!(
            (
                params.bucket_bits,
                params.rice_k,
                params.code_rice,
                params.levels
            ),
            (0, 72, 0, vec![1, 1])
        );
    }

    #[test]
    fn more_than_2_to_the_32_buckets_are_refused() {
        assert!(Params::new(BUCKET_TARGET << 32, &[]).is_some());
        assert!(Params::new((BUCKET_TARGET << 32) + 1, &[]).is_none());
    }

    #[test]
    fn the_code_parameter_is_the_cheapest_and_the_smallest_on_a_tie() {
        assert_eq!(code_rice(&[5]), 0);
        // Two equal pairs: c = 0 costs 1 + 2, c = 1 costs 2 + 2 bits.
        assert_eq!(code_rice(&[1, 1]), 0);
        // Sixteen equal pairs: c = 2 and c = 3 both cost 72 bits per ten entries of each.
        assert_eq!(code_rice(&[10; 16]), 2);
        assert_eq!(code_rice(&[1000, 1, 1, 1]), 0);
    }

    #[test]
    fn a_node_has_its_children_and_the_last_one_the_rest() {
        let params = Params::new(300 * BUCKET_TARGET, &[]).unwrap();
        assert_eq!(params.levels, vec![512, 3, 1]);
        assert_eq!(params.children(1, 0), 255);
        assert_eq!(params.children(1, 2), 2);
        assert_eq!(params.children(2, 0), 3);
    }

    #[test]
    fn a_prefix_is_the_first_72_bits_and_picks_its_bucket_by_the_top_bits() {
        let mut key = Key([0; 16]);
        key.0[0] = 0x80;
        key.0[8] = 0x01;
        key.0[9] = 0xff;
        assert_eq!(prefix(&key), (1u128 << 71) | 1);
        let params = Params::new(1_000_000, &[]).unwrap();
        assert_eq!(params.locate(prefix(&key)), (2048, 1));
    }
}
