//! The hashes of docs/pack-format.md §4.7 and §4.8: leaves over bucket BLOBs, nodes over their
//! children's hashes, tables over their values (`enc(v)`), and the root over all of them.

use blake2::Blake2b;
use blake2::digest::Digest;
use blake2::digest::consts::U32;
use rusqlite::types::ValueRef;

use super::params::HASH_BYTES;

/// A BLAKE2b-256 hash.
pub type Hash = [u8; HASH_BYTES];

type Hasher = Blake2b<U32>;

/// The domain byte of each kind of hash, so none ever hashes like another.
#[derive(Debug, Clone, Copy)]
#[repr(u8)]
pub enum Domain {
    Bucket = 0x01,
    Node = 0x02,
    Meta = 0x03,
    Breaches = 0x04,
    Palette = 0x05,
    Root = 0x06,
}

/// A REAL value: never in a pack, so never hashed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RealValue;

/// The hash of a table's values, row by row, every column in schema order.
pub struct TableHash(Hasher);

impl std::fmt::Debug for TableHash {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("TableHash")
    }
}

impl TableHash {
    pub fn new(domain: Domain) -> TableHash {
        let mut hasher = Hasher::new();
        hasher.update([domain as u8]);
        TableHash(hasher)
    }

    /// Adds `enc(value)`.
    pub fn push(&mut self, value: ValueRef<'_>) -> Result<(), RealValue> {
        let hasher = &mut self.0;
        match value {
            ValueRef::Null => hasher.update([0]),
            ValueRef::Integer(integer) => {
                hasher.update([1]);
                hasher.update(integer.to_be_bytes());
            }
            ValueRef::Text(bytes) | ValueRef::Blob(bytes) => {
                let tag = if matches!(value, ValueRef::Text(_)) {
                    3
                } else {
                    4
                };
                hasher.update([tag]);
                // A value is at most SQLite's length limit (1 MB for a pack), far below 4 GiB.
                hasher.update((bytes.len() as u32).to_be_bytes());
                hasher.update(bytes);
            }
            ValueRef::Real(_) => return Err(RealValue),
        }
        Ok(())
    }

    pub fn finish(self) -> Hash {
        self.0.finalize().into()
    }
}

/// The leaf hash of bucket `index` holding `data`.
pub fn leaf(index: u64, data: &[u8]) -> Hash {
    Hasher::new()
        .chain_update([Domain::Bucket as u8])
        .chain_update(index.to_be_bytes())
        .chain_update(data)
        .finalize()
        .into()
}

/// The hash of node `index` of `level` whose content is `hashes`.
pub fn node(level: u32, index: u64, hashes: &[u8]) -> Hash {
    Hasher::new()
        .chain_update([Domain::Node as u8])
        .chain_update(u64::from(level).to_be_bytes())
        .chain_update(index.to_be_bytes())
        .chain_update(hashes)
        .finalize()
        .into()
}

/// The hashes the root covers, in the order it covers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Parts {
    pub meta: Hash,
    pub breaches: Hash,
    pub palette: Hash,
    pub top: Hash,
}

impl Parts {
    pub fn root(&self) -> Hash {
        Hasher::new()
            .chain_update([Domain::Root as u8])
            .chain_update(self.meta)
            .chain_update(self.breaches)
            .chain_update(self.palette)
            .chain_update(self.top)
            .finalize()
            .into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hash(bytes: &[u8]) -> Hash {
        Hasher::digest(bytes).into()
    }

    #[test]
    fn values_are_encoded_by_storage_class_with_big_endian_lengths() {
        let mut table = TableHash::new(Domain::Meta);
        for value in [
            ValueRef::Null,
            ValueRef::Integer(-2),
            ValueRef::Text(b"ab"),
            ValueRef::Blob(&[7]),
        ] {
            table.push(value).unwrap();
        }
        let expected = [
            &[0x03, 0][..],
            &[1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe],
            &[3, 0, 0, 0, 2, b'a', b'b'],
            &[4, 0, 0, 0, 1, 7],
        ]
        .concat();
        assert_eq!(table.finish(), hash(&expected));
    }

    #[test]
    fn a_real_value_is_refused() {
        let mut table = TableHash::new(Domain::Palette);
        assert_eq!(table.push(ValueRef::Real(1.0)), Err(RealValue));
    }

    #[test]
    fn leaves_and_nodes_bind_their_position() {
        assert_eq!(
            leaf(3, b"x"),
            hash(&[&[1][..], &3u64.to_be_bytes(), b"x"].concat())
        );
        assert_eq!(
            node(2, 5, b"y"),
            hash(&[&[2][..], &2u64.to_be_bytes(), &5u64.to_be_bytes(), b"y"].concat())
        );
        assert_ne!(leaf(3, b"x"), leaf(4, b"x"));
    }
}
