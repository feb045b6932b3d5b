//! Bit streams, most significant bit first, and the Rice code of docs/pack-format.md §4.6: a
//! value `v` with parameter `k` is `v >> k` in unary (that many 1 bits, then a 0) followed by
//! the low `k` bits of `v`.

/// Appends bits to a byte string, the last byte zero-padded.
#[derive(Debug, Default)]
pub struct BitWriter {
    bytes: Vec<u8>,
    /// Bits used in the last byte, 0 when it is full (or there is none).
    used: u32,
}

impl BitWriter {
    /// A writer that appends after `bytes`.
    pub fn after(bytes: Vec<u8>) -> BitWriter {
        BitWriter { bytes, used: 0 }
    }

    fn bit(&mut self, one: bool) {
        if self.used == 0 {
            self.bytes.push(0);
        }
        if one {
            *self.bytes.last_mut().expect("pushed above") |= 0x80 >> self.used;
        }
        self.used = (self.used + 1) % 8;
    }

    /// `width` low bits of `value`, the highest first, as many at a time as the last byte takes:
    /// a suffix is about 50 bits, and the writer of a billion-entry pack writes one an entry.
    pub fn fixed(&mut self, value: u128, width: u32) {
        let mut left = width;
        while left > 0 {
            if self.used == 0 {
                self.bytes.push(0);
            }
            let room = 8 - self.used;
            let take = room.min(left);
            let chunk = ((value >> (left - take)) & ((1u128 << take) - 1)) as u8;
            *self.bytes.last_mut().expect("pushed above") |= chunk << (room - take);
            self.used = (self.used + take) % 8;
            left -= take;
        }
    }

    /// `value` Rice-coded with parameter `k`.
    pub fn rice(&mut self, value: u128, k: u32) {
        for _ in 0..(value >> k) {
            self.bit(true);
        }
        self.bit(false);
        self.fixed(value, k);
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Why a bit stream could not be read as asked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiceError {
    /// The stream ended inside a value.
    Ended,
    /// A unary quotient ran past the bound its reader set.
    Quotient,
}

/// Reads bits from a byte string.
#[derive(Debug)]
pub struct BitReader<'a> {
    bytes: &'a [u8],
    /// Bits read so far.
    at: usize,
}

impl<'a> BitReader<'a> {
    pub fn new(bytes: &'a [u8]) -> BitReader<'a> {
        BitReader { bytes, at: 0 }
    }

    fn bit(&mut self) -> Result<bool, RiceError> {
        let byte = self.bytes.get(self.at / 8).ok_or(RiceError::Ended)?;
        let one = byte & (0x80 >> (self.at % 8)) != 0;
        self.at += 1;
        Ok(one)
    }

    /// `width` bits as a number, the highest first.
    ///
    /// Read as many at a time as the current byte holds: a lookup decodes a whole bucket.
    pub fn fixed(&mut self, width: u32) -> Result<u128, RiceError> {
        if self.remaining() < width as usize {
            return Err(RiceError::Ended);
        }
        let mut value = 0u128;
        let mut left = width;
        while left > 0 {
            let offset = (self.at % 8) as u32;
            let take = (8 - offset).min(left);
            let byte = u32::from(self.bytes[self.at / 8]);
            let chunk = (byte >> (8 - offset - take)) & ((1 << take) - 1);
            value = (value << take) | u128::from(chunk);
            self.at += take as usize;
            left -= take;
        }
        Ok(value)
    }

    /// A Rice-coded value with parameter `k` whose quotient may not exceed `limit`: a hostile
    /// stream of ones is refused at the bound, not counted on.
    pub fn rice(&mut self, k: u32, limit: u128) -> Result<(u128, u128), RiceError> {
        let mut quotient = 0u128;
        while self.bit()? {
            quotient += 1;
            if quotient > limit {
                return Err(RiceError::Quotient);
            }
        }
        Ok((quotient, (quotient << k) | self.fixed(k)?))
    }

    /// Bits not read yet.
    pub fn remaining(&self) -> usize {
        (self.bytes.len() * 8).saturating_sub(self.at)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rice_codes_are_unary_quotient_then_fixed_remainder_msb_first() {
        let mut writer = BitWriter::default();
        // 13 with k = 2: quotient 3 (1110), remainder 01; then 0 with k = 0: a single 0.
        writer.rice(13, 2);
        writer.rice(0, 0);
        assert_eq!(writer.into_bytes(), [0b1110_0100]);
    }

    #[test]
    fn values_read_back_as_written() {
        let values = [(0u128, 0u32), (5, 1), (1 << 70, 69), (77, 72), (3, 16)];
        let mut writer = BitWriter::default();
        for (value, k) in values {
            writer.rice(value, k);
        }
        let bytes = writer.into_bytes();
        let mut reader = BitReader::new(&bytes);
        for (value, k) in values {
            assert_eq!(reader.rice(k, u128::MAX).unwrap().1, value);
        }
        assert!(reader.remaining() < 8);
    }

    #[test]
    fn fixed_widths_of_every_size_at_every_offset_read_back_as_written() {
        let value = 0xDEAD_BEEF_0123_4567_89AB_CDEF_5555_AAAAu128;
        for lead in 0..8 {
            for width in 0..=128 {
                let mut writer = BitWriter::default();
                writer.fixed(0b1011_0110, lead);
                writer.fixed(value, width);
                writer.fixed(1, 1);
                let bytes = writer.into_bytes();
                let mut reader = BitReader::new(&bytes);
                assert_eq!(reader.fixed(lead).unwrap(), 0b1011_0110 & ((1 << lead) - 1));
                let mask = if width == 128 {
                    u128::MAX
                } else {
                    (1 << width) - 1
                };
                assert_eq!(reader.fixed(width).unwrap(), value & mask, "{lead} {width}");
                assert_eq!(reader.fixed(1).unwrap(), 1);
                assert!(reader.remaining() < 8);
            }
        }
    }

    #[test]
    fn a_quotient_past_its_bound_and_a_stream_that_ends_are_refused() {
        assert_eq!(
            BitReader::new(&[0xff, 0xff]).rice(0, 9),
            Err(RiceError::Quotient)
        );
        assert_eq!(BitReader::new(&[0xff]).rice(0, 100), Err(RiceError::Ended));
        assert_eq!(BitReader::new(&[0x00]).rice(8, 0), Err(RiceError::Ended));
    }
}
