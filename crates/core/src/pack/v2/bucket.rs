//! One bucket's BLOB (docs/pack-format.md §4.6): `u16(m)`, then for each entry the gap from the
//! previous suffix Rice-coded with `k` and, when the palette has more than one pair, the palette
//! code Rice-coded with `c`; zero-padded to a whole byte.

use super::params::{MAX_BUCKET_BYTES, MAX_BUCKET_ENTRIES, Params};
use super::rice::{BitReader, BitWriter, RiceError};

/// One entry of a bucket: its suffix and its palette code.
pub type Slot = (u128, u32);

/// A bucket the writer will not write: no argon2id keys make one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge;

/// Why a bucket BLOB was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BucketError {
    /// Shorter than its entry count or longer than [`MAX_BUCKET_BYTES`].
    Length,
    /// The bits end inside an entry.
    Truncated,
    /// A suffix at or beyond `2^W`.
    Suffix,
    /// A palette code at or beyond the palette's size.
    Code,
    /// Entries of one key whose breaches do not increase.
    Order,
    /// A whole byte, or a non-zero bit, after the last entry.
    Trailing,
}

/// The BLOB of a bucket holding `slots`, sorted by (suffix, breach).
pub fn encode(params: &Params, slots: &[Slot]) -> Result<Vec<u8>, TooLarge> {
    let count = u16::try_from(slots.len()).map_err(|_| TooLarge)?;
    debug_assert!(slots.len() <= MAX_BUCKET_ENTRIES);
    let mut bits = BitWriter::after(count.to_be_bytes().to_vec());
    let mut previous = 0;
    for &(suffix, code) in slots {
        bits.rice(suffix - previous, params.rice_k);
        if params.palette_size > 1 {
            bits.rice(u128::from(code), params.code_rice);
        }
        previous = suffix;
    }
    let blob = bits.into_bytes();
    if blob.len() > MAX_BUCKET_BYTES {
        return Err(TooLarge);
    }
    Ok(blob)
}

/// The entries of a bucket BLOB, every one checked (the whole bucket, so a malformed one is
/// refused by every lookup that reads it); `breach_of_code` gives each palette code's breach.
pub fn decode(
    params: &Params,
    breach_of_code: &[u32],
    blob: &[u8],
) -> Result<Vec<Slot>, BucketError> {
    if blob.len() < 2 || blob.len() > MAX_BUCKET_BYTES {
        return Err(BucketError::Length);
    }
    let count = usize::from(u16::from_be_bytes([blob[0], blob[1]]));
    let mut bits = BitReader::new(&blob[2..]);
    let suffix_limit = params.suffix_mask() >> params.rice_k;
    let palette = params.palette_size as u128;
    let code_limit = palette.saturating_sub(1) >> params.code_rice;
    let truncated = |limit_error: BucketError| {
        move |error| match error {
            RiceError::Ended => BucketError::Truncated,
            RiceError::Quotient => limit_error,
        }
    };
    let mut slots: Vec<Slot> = Vec::with_capacity(count.min(blob.len() * 8));
    let mut previous = 0u128;
    for _ in 0..count {
        let (_, gap) = bits
            .rice(params.rice_k, suffix_limit)
            .map_err(truncated(BucketError::Suffix))?;
        let suffix = previous + gap;
        if suffix > params.suffix_mask() {
            return Err(BucketError::Suffix);
        }
        let code = if params.palette_size > 1 {
            bits.rice(params.code_rice, code_limit)
                .map_err(truncated(BucketError::Code))?
                .1
        } else {
            0
        };
        if code >= palette {
            return Err(BucketError::Code);
        }
        let code = code as u32;
        if let Some(&(_, before)) = slots.last()
            && gap == 0
            && breach_of_code[code as usize] <= breach_of_code[before as usize]
        {
            return Err(BucketError::Order);
        }
        slots.push((suffix, code));
        previous = suffix;
    }
    let rest = bits.remaining();
    if rest >= 8 || bits.fixed(rest as u32) != Ok(0) {
        return Err(BucketError::Trailing);
    }
    Ok(slots)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Eight buckets' worth of entries with a palette of three pairs over breaches 0, 1 and 1.
    fn params() -> Params {
        Params::new(2000, &[1000, 600, 400]).unwrap()
    }

    const BREACHES: [u32; 3] = [0, 1, 1];

    #[test]
    fn a_bucket_decodes_to_what_was_encoded() {
        let params = params();
        let slots = [(0, 0), (0, 1), (12_345, 2), (params.suffix_mask(), 0)];
        let blob = encode(&params, &slots).unwrap();
        assert_eq!(decode(&params, &BREACHES, &blob).unwrap(), slots);
    }

    #[test]
    fn an_empty_bucket_is_two_zero_bytes() {
        let params = params();
        assert_eq!(encode(&params, &[]).unwrap(), [0, 0]);
        assert_eq!(decode(&params, &BREACHES, &[0, 0]).unwrap(), []);
    }

    #[test]
    fn more_entries_than_a_bucket_holds_are_not_written() {
        let params = params();
        let slots: Vec<Slot> = (0..=MAX_BUCKET_ENTRIES as u128).map(|s| (s, 0)).collect();
        assert_eq!(encode(&params, &slots), Err(TooLarge));
    }

    #[test]
    fn each_malformed_bucket_is_refused_with_its_reason() {
        let params = params();
        let good = encode(&params, &[(5, 0), (9, 1)]).unwrap();
        let with = |edit: &dyn Fn(&mut Vec<u8>)| {
            let mut blob = good.clone();
            edit(&mut blob);
            decode(&params, &BREACHES, &blob)
        };
        assert_eq!(decode(&params, &BREACHES, &[0]), Err(BucketError::Length));
        assert_eq!(
            decode(&params, &BREACHES, &vec![0; MAX_BUCKET_BYTES + 1]),
            Err(BucketError::Length)
        );
        assert_eq!(with(&|b| b[1] = 3), Err(BucketError::Truncated));
        assert_eq!(with(&|b| b.push(0)), Err(BucketError::Trailing));
        assert_eq!(
            with(&|b| *b.last_mut().unwrap() |= 1),
            Err(BucketError::Trailing)
        );
        // A suffix quotient of ones past its bound ((2^W − 1) >> k = 255 here) is refused there.
        let ones = [&[0, 1][..], &[0xff; 40]].concat();
        assert_eq!(decode(&params, &BREACHES, &ones), Err(BucketError::Suffix));
        // Two entries of one key (gap 0) whose breaches do not increase: codes 1 then 2 are both
        // breach 1.
        let same_breach = encode(&params, &[(5, 1), (5, 2)]).unwrap();
        assert_eq!(
            decode(&params, &BREACHES, &same_breach),
            Err(BucketError::Order)
        );
        // A code beyond the palette: written for a palette of 4, read with one of 3.
        let wider = Params::new(2000, &[1000, 500, 300, 200]).unwrap();
        let code_3 = encode(&wider, &[(5, 3)]).unwrap();
        assert_eq!(decode(&params, &BREACHES, &code_3), Err(BucketError::Code));
    }

    #[test]
    fn a_suffix_that_reaches_2_to_the_w_is_refused() {
        let params = params();
        let blob = encode(
            &params,
            &[(params.suffix_mask(), 0), (params.suffix_mask() + 1, 0)],
        );
        assert_eq!(
            decode(&params, &BREACHES, &blob.unwrap()),
            Err(BucketError::Suffix)
        );
    }
}
