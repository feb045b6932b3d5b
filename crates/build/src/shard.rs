//! Builds split over machines: a shard set, its parts, and the merge of parts into one pack.
//!
//! A leak of a billion rows at the standard profile is weeks of one machine's argon2, so the
//! identifiers are split into `N` disjoint parts built anywhere (a Slurm array, a Kubernetes
//! Indexed Job) and merged. Each distinct normalized identifier falls in exactly one part, chosen
//! by a hash of its kind and normalized form keyed by the set's salt: stable on every machine,
//! and a duplicate across files or breaches lands in the same part, so it is still derived once.
//! Every part reads every row, so every part knows the exact record counts and row problems of
//! the whole plan; only the keys are divided.
//!
//! The shard-set file fixes what all parts must share: the salt, the cost, the creation time (so
//! the merged pack is identical to a one-machine build with the same salt), the number of parts
//! and a fingerprint of the plan and its dump sizes (so a part of another plan cannot be merged
//! in). A part file holds a small JSON header and the part's sorted entries ([`crate::spill`]
//! records: keys, never identifiers). It is written to a temporary name and renamed when
//! complete, so a part that exists is finished, and a re-run of a finished part does nothing.

use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use blake2::digest::{Mac, consts::U16};
use serde::{Deserialize, Serialize};

use crate::plan::Plan;
use crate::spill::{Entry, RECORD_LEN, RecordReader};
use exposure_core::classes::ClassTable;
use exposure_core::files::{FileProblem, open_regular, read_small};
use exposure_core::identifier::{Kind, NORMALIZATION_VERSION, Normalized};
use exposure_core::keys::cost::Cost;
use exposure_core::keys::{KeyError, Salt};
use exposure_core::l10n::Message;
use exposure_core::pack::{Breach, PackMeta, Text};
use exposure_core::progress::Cancel;

/// The shard-set file's name inside its folder.
pub const SET_FILE: &str = "shard-set.json";
const SET_FORMAT: &str = "exposure-shard-set";
const SET_VERSION: u32 = 1;
/// The first bytes of every part file, with the part format version last. Version 2 ends with a
/// digest of everything before it.
const PART_MAGIC: &[u8; 16] = b"EXPOSURE-PART\0\0\x02";
/// The first bytes of a part of format version 1, which had no digest.
const PART_MAGIC_V1: &[u8; 16] = b"EXPOSURE-PART\0\0\x01";
/// BLAKE2b-256 of a part's magic, header length, header and records, which follows them. It
/// catches damage (a flipped bit on disk or on the way between machines), not forgery: whoever
/// can write a part can compute its digest.
type PartDigest = blake2::Blake2b<blake2::digest::consts::U32>;
const DIGEST_LEN: u64 = 32;
/// A part header is a few hundred bytes; this bounds what a damaged file can make us allocate.
const MAX_HEADER: u64 = 1 << 20;
/// A shard set is a few hundred bytes of JSON; nothing larger is read.
const MAX_SET_BYTES: u64 = 64 << 10;
/// The most parts a set may have.
pub const MAX_SHARDS: u32 = 1 << 16;

/// What every part of one build shares.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSet {
    pub format: String,
    pub version: u32,
    /// Hex, as in pack metadata.
    pub salt: String,
    pub cost: Cost,
    pub created: String,
    pub count: u32,
    /// BLAKE2b of the plan file and the sizes of its dumps.
    pub plan: String,
    /// The identifier normalization rules every part is built under
    /// ([`NORMALIZATION_VERSION`]): under other rules a value makes another key, so parts of two
    /// versions would split one person's entries. 0 in sets made before it was recorded.
    #[serde(default)]
    pub normalization: u32,
}

/// Which part of a set one build makes: `index` of `count`, from 0.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Parses `I/N` with `0 <= I < N <= MAX_SHARDS`.
    pub fn parse(text: &str) -> Option<Shard> {
        let (index, count) = text.split_once('/')?;
        let shard = Shard {
            index: index.trim().parse().ok()?,
            count: count.trim().parse().ok()?,
        };
        (shard.count >= 1 && shard.count <= MAX_SHARDS && shard.index < shard.count)
            .then_some(shard)
    }

    /// The part file's name in the set's folder.
    pub fn file_name(self) -> String {
        format!("part-{:05}-of-{:05}.exposure-part", self.index, self.count)
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ShardError {
    #[error("{}", Message::from(self))]
    Io {
        path: PathBuf,
        #[source]
        reason: FileProblem,
    },
    #[error("{}", Message::from(self))]
    NotASet { path: PathBuf },
    /// Argon2 costs beyond the bounds every reader of a cost enforces.
    #[error("{}", Message::from(self))]
    Cost {
        path: PathBuf,
        #[source]
        error: KeyError,
    },
    /// Shorter than its header says: a copy or a build that stopped early.
    #[error("{}", Message::from(self))]
    Truncated { path: PathBuf },
    #[error("{}", Message::from(self))]
    NotAPart { path: PathBuf },
    /// A part whose digest does not match its content, or that is cut short.
    #[error("{}", Message::from(self))]
    DamagedPart { path: PathBuf },
    /// A part of format version 1, which carries no digest to check it by.
    #[error("{}", Message::from(self))]
    OldPart { path: PathBuf },
    /// The plan or its dumps changed since the set was made.
    #[error("{}", Message::from(self))]
    PlanChanged { path: PathBuf },
    /// A signal or Ctrl-C stopped the reading of a part.
    #[error("{}", Message::from(self))]
    Cancelled,
    #[error("{}", Message::from(self))]
    WrongCount { path: PathBuf, count: u32 },
    /// Parts of different sets, or headers that disagree on what all parts share.
    #[error("{}", Message::from(self))]
    Mismatch { path: PathBuf },
    #[error("{}", Message::from(self))]
    Missing { index: u32, count: u32 },
    #[error("{}", Message::from(self))]
    Duplicate { index: u32 },
    #[error("{}", Message::from(self))]
    Exists { path: PathBuf },
    /// A set or part made under other identifier normalization rules (`found`; 0: unrecorded).
    #[error("{}", Message::from(self))]
    Normalization { path: PathBuf, found: u32 },
}

impl From<&ShardError> for Message {
    fn from(error: &ShardError) -> Message {
        match error {
            ShardError::Io { path, reason } => Message::new("shard-io")
                .arg("path", path.as_path())
                .arg("reason", reason.message().to_string()),
            ShardError::NotASet { path } => {
                Message::new("shard-not-a-set").arg("path", path.as_path())
            }
            ShardError::Cost { path, error } => Message::new("shard-bad-cost")
                .arg("path", path.as_path())
                .arg("reason", Message::from(error).to_string()),
            ShardError::Truncated { path } => Message::new("shard-truncated")
                .arg("path", path.as_path())
                .arg("shard", shard_of_file(path)),
            ShardError::NotAPart { path } => {
                Message::new("shard-not-a-part").arg("path", path.as_path())
            }
            ShardError::DamagedPart { path } => Message::new("shard-part-damaged")
                .arg("path", path.as_path())
                .arg("shard", shard_of_file(path)),
            ShardError::OldPart { path } => Message::new("shard-part-old")
                .arg("path", path.as_path())
                .arg("shard", shard_of_file(path)),
            ShardError::PlanChanged { path } => {
                Message::new("shard-plan-changed").arg("path", path.as_path())
            }
            ShardError::Cancelled => Message::new("build-cancelled"),
            ShardError::WrongCount { path, count } => Message::new("shard-wrong-count")
                .arg("path", path.as_path())
                .arg("count", *count),
            ShardError::Mismatch { path } => {
                Message::new("shard-mismatch").arg("path", path.as_path())
            }
            ShardError::Missing { index, count } => Message::new("shard-missing")
                .arg("index", *index)
                .arg("count", *count),
            ShardError::Duplicate { index } => Message::new("shard-duplicate").arg("index", *index),
            ShardError::Exists { path } => Message::new("shard-exists").arg("path", path.as_path()),
            ShardError::Normalization { path, found } => Message::new("shard-normalization")
                .arg("path", path.as_path())
                .arg("found", *found)
                .arg("current", NORMALIZATION_VERSION),
        }
    }
}

/// `I/N` from a part file's name (`part-00001-of-00003.exposure-part` gives `1/3`), for the
/// command that rebuilds it; `I/N` itself when the name is another.
fn shard_of_file(path: &Path) -> String {
    path.file_name()
        .and_then(|name| name.to_str()?.strip_prefix("part-"))
        .and_then(|rest| rest.strip_suffix(".exposure-part"))
        .and_then(|rest| rest.split_once("-of-"))
        .and_then(|(index, count)| {
            let shard = Shard::parse(&format!(
                "{}/{}",
                index.parse::<u32>().ok()?,
                count.parse::<u32>().ok()?
            ))?;
            Some(format!("{}/{}", shard.index, shard.count))
        })
        .unwrap_or_else(|| "I/N".to_owned())
}

fn io_error<E: Into<FileProblem>>(path: &Path) -> impl Fn(E) -> ShardError + '_ {
    move |e| ShardError::Io {
        path: path.to_owned(),
        reason: e.into(),
    }
}

/// BLAKE2b of the plan's own bytes and each dump's path and size: a part built from another plan,
/// or from a dump that grew or was swapped for another size, must not be merged in.
pub fn plan_fingerprint(plan: &Plan) -> Result<String, ShardError> {
    use blake2::Digest;
    let mut hasher = blake2::Blake2b::<blake2::digest::consts::U32>::new();
    let text = read_small(&plan.path, crate::plan::MAX_PLAN_BYTES).map_err(io_error(&plan.path))?;
    hasher.update((text.len() as u64).to_le_bytes());
    hasher.update(&text);
    for source in plan.breaches.iter().flat_map(|b| &b.sources) {
        let size = std::fs::metadata(&source.path)
            .map_err(io_error(&source.path))?
            .len();
        hasher.update(source.path.to_string_lossy().as_bytes());
        hasher.update([0]);
        hasher.update(size.to_le_bytes());
    }
    Ok(hex::encode(hasher.finalize()))
}

impl ShardSet {
    pub fn new(
        plan: &Plan,
        salt: Salt,
        cost: Cost,
        created: String,
        count: u32,
    ) -> Result<ShardSet, ShardError> {
        Ok(ShardSet {
            format: SET_FORMAT.to_owned(),
            version: SET_VERSION,
            salt: salt.to_hex(),
            cost,
            created,
            count,
            plan: plan_fingerprint(plan)?,
            normalization: NORMALIZATION_VERSION,
        })
    }

    /// Refuses a set, or a part (`path`) of a set, made under other normalization rules.
    fn check_normalization(&self, path: &Path) -> Result<(), ShardError> {
        if self.normalization != NORMALIZATION_VERSION {
            return Err(ShardError::Normalization {
                path: path.to_owned(),
                found: self.normalization,
            });
        }
        Ok(())
    }

    pub fn salt(&self) -> Salt {
        Salt::from_hex(&self.salt).expect("checked when read or made")
    }

    /// Writes the set into `dir` (created if missing). An existing set is kept: re-initializing
    /// would change the salt and orphan every finished part.
    pub fn write(&self, dir: &Path) -> Result<PathBuf, ShardError> {
        std::fs::create_dir_all(dir).map_err(io_error(dir))?;
        let path = dir.join(SET_FILE);
        if path.exists() {
            return Err(ShardError::Exists { path });
        }
        let text = serde_json::to_string_pretty(self).expect("a set serializes");
        write_atomically(&path, |out| out.write_all(text.as_bytes()))?;
        // Every node of the cluster reads the set, possibly as another user; it holds nothing a
        // pack does not state in its metadata anyway. Parts stay private to their builder.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
                .map_err(io_error(&path))?;
        }
        Ok(path)
    }

    pub fn read(dir: &Path) -> Result<ShardSet, ShardError> {
        let path = dir.join(SET_FILE);
        let text = read_small(&path, MAX_SET_BYTES).map_err(io_error(&path))?;
        let set: ShardSet = serde_json::from_slice(&text)
            .map_err(|_| ShardError::NotASet { path: path.clone() })?;
        if set.format != SET_FORMAT
            || set.version != SET_VERSION
            || Salt::from_hex(&set.salt).is_none()
            || set.count == 0
            || set.count > MAX_SHARDS
        {
            return Err(ShardError::NotASet { path });
        }
        set.check_normalization(&path)?;
        set.cost
            .check()
            .map_err(|error| ShardError::Cost { path, error })?;
        Ok(set)
    }

    /// Refuses a plan other than the one the set was made for.
    pub fn check_plan(&self, plan: &Plan, dir: &Path) -> Result<(), ShardError> {
        if plan_fingerprint(plan)? != self.plan {
            return Err(ShardError::PlanChanged {
                path: dir.join(SET_FILE),
            });
        }
        Ok(())
    }
}

/// Assigns identifiers to parts and tells them apart, by one keyed hash.
#[derive(Clone)]
pub struct Identity {
    mac: blake2::Blake2bMac<U16>,
}

impl std::fmt::Debug for Identity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Identity(<keyed>)")
    }
}

impl Identity {
    pub fn new(salt: Salt) -> Identity {
        let mut mac = <blake2::Blake2bMac<U16> as Mac>::new_from_slice(&salt.0)
            .expect("16 bytes is a valid BLAKE2b key");
        Mac::update(&mut mac, b"exposure/identity/v1\0");
        Identity { mac }
    }

    /// 16 bytes that stand for the identifier in the builder's memory: never written anywhere.
    pub fn of(&self, identifier: &Normalized) -> [u8; 16] {
        let mut mac = self.mac.clone();
        Mac::update(&mut mac, identifier.kind().tag().as_bytes());
        Mac::update(&mut mac, &[0]);
        Mac::update(&mut mac, identifier.expose().as_bytes());
        mac.finalize().into_bytes().into()
    }

    /// The part an identifier with this identity belongs to, of `count`.
    pub fn shard(identity: &[u8; 16], count: u32) -> u32 {
        let head = u64::from_le_bytes(identity[..8].try_into().expect("8 bytes"));
        (head % u64::from(count)) as u32
    }
}

/// What a part file says about itself and about the whole plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PartHeader {
    pub set: ShardSet,
    pub index: u32,
    pub entries: u64,
    /// The pack's metadata and breaches with their record counts: the same in every part.
    pub pack: PackHead,
    pub rows_read: u64,
    pub rows_used: u64,
    /// Distinct keys of this part, per kind name.
    pub keys: BTreeMap<String, u64>,
}

impl PartHeader {
    pub fn keys_by_kind(&self) -> BTreeMap<Kind, u64> {
        self.keys
            .iter()
            .filter_map(|(name, n)| Kind::from_name(name).map(|k| (k, *n)))
            .collect()
    }
}

/// Everything a pack holds but its entries, as a part carries it to the merge.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PackHead {
    pub id: String,
    pub title: Text,
    pub curator: String,
    pub default_region: String,
    pub classes: Vec<String>,
    pub demo: bool,
    pub generator: String,
    pub breaches: Vec<Breach>,
}

impl PackHead {
    pub fn new(meta: &PackMeta, breaches: &[Breach]) -> PackHead {
        PackHead {
            id: meta.id.clone(),
            title: meta.title.clone(),
            curator: meta.curator.clone(),
            default_region: meta.default_region.to_string(),
            classes: meta.classes.ids().to_vec(),
            demo: meta.demo,
            generator: meta.generator.clone(),
            breaches: breaches.to_vec(),
        }
    }

    /// The pack's metadata (entry count to be set by the writer) and breaches, from this head and
    /// the set as the part at `part` carries them: a value no pack holds makes it no part.
    pub fn to_pack(
        &self,
        set: &ShardSet,
        part: &Path,
    ) -> Result<(PackMeta, Vec<Breach>), ShardError> {
        let bad = || ShardError::NotAPart {
            path: part.to_path_buf(),
        };
        let meta = PackMeta {
            id: self.id.clone(),
            title: self.title.clone(),
            curator: self.curator.clone(),
            created: set.created.clone(),
            salt: Salt::from_hex(&set.salt).ok_or_else(bad)?,
            cost: set.cost,
            default_region: self.default_region.parse().map_err(|_| bad())?,
            entry_count: 0,
            classes: ClassTable::new(self.classes.clone()).ok_or_else(bad)?,
            demo: self.demo,
            generator: self.generator.clone(),
            // Checked to be the current rules when the set or part was read.
            normalization: set.normalization,
            synthetic: false,
            format_version: exposure_core::pack::FORMAT_VERSION,
        };
        let breaches = self.breaches.clone();
        Ok((meta, breaches))
    }
}

/// Writes a file through a temporary one beside it, renamed over it only when complete.
pub fn write_atomically(
    path: &Path,
    write: impl FnOnce(&mut BufWriter<&File>) -> io::Result<()>,
) -> Result<(), ShardError> {
    let directory = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let fail = io_error(path);
    let temporary = tempfile::Builder::new()
        .prefix(".exposure-part-")
        .suffix(".tmp")
        .tempfile_in(directory)
        .map_err(&fail)?;
    {
        let mut out = BufWriter::with_capacity(1 << 20, temporary.as_file());
        write(&mut out).map_err(&fail)?;
        out.flush().map_err(&fail)?;
    }
    temporary.as_file().sync_all().map_err(&fail)?;
    temporary.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}

/// Writes a whole part: its header, the records read from `records` (sorted, as the spill
/// writes them), and the digest of both.
pub fn write_part(
    out: &mut impl Write,
    header: &PartHeader,
    records: &mut impl Read,
) -> io::Result<()> {
    use blake2::Digest;
    let json = serde_json::to_vec(header).expect("a header serializes");
    let mut out = Digesting {
        inner: out,
        digest: PartDigest::new(),
    };
    out.write_all(PART_MAGIC)?;
    out.write_all(&(json.len() as u64).to_le_bytes())?;
    out.write_all(&json)?;
    io::copy(records, &mut out)?;
    let digest = out.digest.finalize();
    out.inner.write_all(&digest)
}

/// A writer that hashes what it writes.
struct Digesting<'a, W> {
    inner: &'a mut W,
    digest: PartDigest,
}

impl<W: Write> Write for Digesting<'_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        blake2::Digest::update(&mut self.digest, &buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// The error of a part whose digest does not match, inside the `io::Error` that ends its records.
#[derive(Debug)]
pub struct PartDamaged {
    pub path: PathBuf,
}

impl std::fmt::Display for PartDamaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        Message::from(&ShardError::DamagedPart {
            path: self.path.clone(),
        })
        .fmt(f)
    }
}

impl std::error::Error for PartDamaged {}

/// The records of a part, hashed as they are read; once they are all read, the digest that
/// follows them is checked, and a mismatch is an error instead of the end of the records.
struct PartBody {
    path: PathBuf,
    records: io::Take<File>,
    /// Until the end of the records is reached and the digest checked.
    digest: Option<PartDigest>,
}

impl std::fmt::Debug for PartBody {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PartBody")
            .field("path", &self.path)
            .finish_non_exhaustive()
    }
}

impl Read for PartBody {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let Some(digest) = &mut self.digest else {
            return Ok(0);
        };
        let n = self.records.read(buf)?;
        if n > 0 || buf.is_empty() {
            blake2::Digest::update(digest, &buf[..n]);
            return Ok(n);
        }
        let expected = self.digest.take().map(blake2::Digest::finalize);
        let mut stored = [0u8; DIGEST_LEN as usize];
        let damaged = || {
            io::Error::new(
                io::ErrorKind::InvalidData,
                PartDamaged {
                    path: self.path.clone(),
                },
            )
        };
        self.records
            .get_mut()
            .read_exact(&mut stored)
            .map_err(|_| damaged())?;
        if expected.as_deref() != Some(&stored[..]) {
            return Err(damaged());
        }
        Ok(0)
    }
}

/// An open part: its header, and its entries to read in order (checked against the part's
/// digest as they are read).
#[derive(Debug)]
pub struct Part {
    pub path: PathBuf,
    pub header: PartHeader,
    records: RecordReader<PartBody>,
}

impl Part {
    /// Opens a part and reads its header, refusing a file that is not a regular file, a part
    /// with costs out of bounds, and a part shorter than its header says (before any merging).
    pub fn open(path: &Path) -> Result<Part, ShardError> {
        let (header, body) = Part::open_body(path)?;
        Ok(Part {
            path: path.to_owned(),
            header,
            records: RecordReader::new(body),
        })
    }

    /// Reads the whole part and checks its digest: the header of a sound part, or why it is not.
    /// A merge checks every part so before it uses any, and reads each part again to merge it.
    /// A part of a huge leak is tens of gigabytes: `cancel` is looked at every megabyte, so a
    /// signal stops the read (and the caller removes what it began) within moments.
    pub fn verify(path: &Path, cancel: &Cancel) -> Result<PartHeader, ShardError> {
        let (header, mut body) = Part::open_body(path)?;
        let mut chunk = vec![0u8; 1 << 20];
        loop {
            if cancel.is_cancelled() {
                return Err(ShardError::Cancelled);
            }
            match body.read(&mut chunk) {
                Ok(0) => return Ok(header),
                Ok(_) => {}
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) if e.get_ref().is_some_and(|inner| inner.is::<PartDamaged>()) => {
                    return Err(ShardError::DamagedPart {
                        path: path.to_owned(),
                    });
                }
                Err(e) => return Err(io_error(path)(e)),
            }
        }
    }

    /// The header, and the records positioned at their start. Anything wrong after a right magic
    /// is damage: the digest would not match either.
    fn open_body(path: &Path) -> Result<(PartHeader, PartBody), ShardError> {
        use blake2::Digest;
        let (mut file, metadata) = open_regular(path).map_err(io_error(path))?;
        let size = metadata.len();
        let not_a_part = || ShardError::NotAPart {
            path: path.to_owned(),
        };
        let damaged = || ShardError::DamagedPart {
            path: path.to_owned(),
        };
        let mut magic = [0u8; 16];
        file.read_exact(&mut magic).map_err(|_| not_a_part())?;
        if &magic == PART_MAGIC_V1 {
            return Err(ShardError::OldPart {
                path: path.to_owned(),
            });
        }
        if &magic != PART_MAGIC {
            return Err(not_a_part());
        }
        let mut length = [0u8; 8];
        file.read_exact(&mut length).map_err(|_| damaged())?;
        let json_length = u64::from_le_bytes(length);
        let fixed = magic.len() as u64 + length.len() as u64 + DIGEST_LEN;
        if json_length > MAX_HEADER || fixed + json_length > size {
            return Err(damaged());
        }
        let mut json = vec![0u8; json_length as usize];
        file.read_exact(&mut json).map_err(|_| damaged())?;
        let header: PartHeader = serde_json::from_slice(&json).map_err(|_| damaged())?;
        header.set.check_normalization(path)?;
        header.set.cost.check().map_err(|error| ShardError::Cost {
            path: path.to_owned(),
            error,
        })?;
        let body = size - fixed - json_length;
        let records = header
            .entries
            .checked_mul(RECORD_LEN as u64)
            .ok_or_else(damaged)?;
        // Shorter than the header says: a copy or a build that stopped early, told as such.
        if body < records {
            return Err(ShardError::Truncated {
                path: path.to_owned(),
            });
        }
        if body > records {
            return Err(damaged());
        }
        let mut digest = PartDigest::new();
        digest.update(magic);
        digest.update(length);
        digest.update(&json);
        Ok((
            header,
            PartBody {
                path: path.to_owned(),
                records: file.take(body),
                digest: Some(digest),
            },
        ))
    }

    /// Whether the finished part at `path` is sound and belongs to `set` as part `index`: then
    /// building it again would only redo the same work. A damaged part is built again.
    pub fn is_done(path: &Path, set: &ShardSet, index: u32, cancel: &Cancel) -> bool {
        Part::verify(path, cancel).is_ok_and(|header| header.set == *set && header.index == index)
    }
}

/// Checks that `parts` (paths and headers) are all the parts of one set, each once, and puts
/// them in index order.
pub fn check_parts(
    mut parts: Vec<(PathBuf, PartHeader)>,
) -> Result<Vec<(PathBuf, PartHeader)>, ShardError> {
    let Some((_, first)) = parts.first() else {
        return Err(ShardError::Missing { index: 0, count: 0 });
    };
    let set = first.set.clone();
    let shared = (first.pack.clone(), first.rows_read, first.rows_used);
    for (path, header) in &parts {
        let same = header.set == set
            && (&header.pack, header.rows_read, header.rows_used)
                == (&shared.0, shared.1, shared.2)
            && header.index < set.count;
        if !same {
            return Err(ShardError::Mismatch { path: path.clone() });
        }
    }
    parts.sort_by_key(|(_, header)| header.index);
    for pair in parts.windows(2) {
        if pair[0].1.index == pair[1].1.index {
            return Err(ShardError::Duplicate {
                index: pair[0].1.index,
            });
        }
    }
    for (expected, index) in (0..set.count).zip(
        parts
            .iter()
            .map(|(_, header)| header.index)
            .chain(std::iter::repeat(u32::MAX)),
    ) {
        if expected != index {
            return Err(ShardError::Missing {
                index: expected,
                count: set.count,
            });
        }
    }
    Ok(parts)
}

/// The entry source of an open part.
impl crate::spill::EntrySource for Part {
    fn next_entry(&mut self) -> io::Result<Option<Entry>> {
        self.records.next_entry()
    }

    fn path(&self) -> Option<&Path> {
        Some(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use exposure_core::identifier::{Normalizer, Region};

    #[test]
    fn a_part_whose_head_no_pack_could_have_is_no_part_and_is_named() {
        let set = ShardSet {
            format: "exposure-shard-set".to_owned(),
            version: 1,
            salt: "03".repeat(16),
            cost: exposure_core::keys::cost::Profile::Test.cost(),
            created: "2026-11-26".to_owned(),
            count: 2,
            plan: String::new(),
            normalization: NORMALIZATION_VERSION,
        };
        let head = PackHead {
            id: "courier-2021".to_owned(),
            title: Text::default(),
            curator: "test".to_owned(),
            default_region: "CN".to_owned(),
            classes: vec!["phone".to_owned()],
            demo: false,
            generator: "test".to_owned(),
            breaches: Vec::new(),
        };
        let part = Path::new("parts/part-00001-of-00002.exposure-part");
        assert!(head.to_pack(&set, part).is_ok());
        let unknown_region = PackHead {
            default_region: "Atlantis".to_owned(),
            ..head.clone()
        };
        let no_part = |outcome: Result<_, ShardError>| matches!(outcome, Err(ShardError::NotAPart { path }) if path == part);
        assert!(no_part(unknown_region.to_pack(&set, part)));
        let no_salt = ShardSet {
            salt: "not hex".to_owned(),
            ..set
        };
        assert!(no_part(head.to_pack(&no_salt, part)));
    }

    #[test]
    fn a_shard_is_an_index_below_a_positive_count() {
        assert_eq!(Shard::parse("0/1"), Some(Shard { index: 0, count: 1 }));
        assert_eq!(Shard::parse("3/4"), Some(Shard { index: 3, count: 4 }));
        for bad in ["4/4", "1/0", "-1/3", "a/b", "3", "1/70000"] {
            assert_eq!(Shard::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn an_identifier_falls_in_the_same_part_however_it_was_written() {
        let normalizer = Normalizer::new(Region::CN);
        let identity = Identity::new(Salt([3; 16]));
        let a = normalizer.normalize(Kind::Phone, "138 0013 8000").unwrap();
        let b = normalizer
            .normalize(Kind::Phone, "+86-13800138000")
            .unwrap();
        assert_eq!(identity.of(&a), identity.of(&b));
        let user = normalizer
            .normalize(Kind::Username, "+8613800138000")
            .unwrap();
        assert_ne!(
            identity.of(&a),
            identity.of(&user),
            "the kind is part of the identity"
        );
    }

    #[test]
    fn identifiers_spread_over_every_part() {
        let normalizer = Normalizer::new(Region::CN);
        let identity = Identity::new(Salt([5; 16]));
        let mut counts = [0u32; 4];
        for i in 0..400 {
            let id = normalizer
                .normalize(Kind::Username, &format!("user{i}"))
                .unwrap();
            counts[Identity::shard(&identity.of(&id), 4) as usize] += 1;
        }
        assert!(counts.iter().all(|n| *n > 60), "{counts:?}");
    }
}
