//! Signed packs (DESIGN.md §4): a detached minisign signature `NAME.exposure.minisig` beside the
//! pack, read and written byte for byte as the `minisign` tool does, so curators can sign and
//! check with either.
//!
//! A signature proves who vouched for a pack's exact bytes. Exposure also signs a *trusted
//! comment* that names the pack (`exposure-pack id=… format=1 created=… blake2b=…`), so that a
//! valid signature cannot be presented for a different, older or renamed pack: on verification
//! every bound field must match the pack that was actually opened. Legacy (non-prehashed)
//! signatures are refused, as `minisign -V -H` does: both tools sign prehashed by default.
//!
//! A v1 pack is read whole, and its signature checked over the bytes in memory. A v2 pack is
//! never read whole at open: [`verify_comment`] checks only that a trusted key signed the comment
//! (`exposure-pack id=… format=2 created=… root=…`), whose root the reader then checks every read
//! against, and [`verify_file_streaming`] checks the whole file in one pass, for `pack verify`.
//!
//! Nothing here prints or prompts: passwords come in as arguments, outcomes as typed values.

use std::fmt;
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use blake2::Digest;
use zeroize::Zeroizing;

use crate::files::{FileProblem, read_small};
use crate::l10n::Message;

/// What a signature file's name adds to its pack's.
pub const SIGNATURE_SUFFIX: &str = ".minisig";
/// The first word of every trusted comment Exposure writes.
pub const COMMENT_TAG: &str = "exposure-pack";
/// A minisign signature is about 300 bytes; anything far bigger is not one, and is not read whole.
const MAX_SIGNATURE_BYTES: u64 = 16 * 1024;
const MAX_KEY_BYTES: u64 = 16 * 1024;

/// The signature file of a pack: its name with `.minisig` appended.
pub fn signature_path(pack: &Path) -> PathBuf {
    let mut name = pack.as_os_str().to_owned();
    name.push(SIGNATURE_SUFFIX);
    PathBuf::from(name)
}

/// BLAKE2b-256 of a pack's bytes, in lowercase hex (what `b2sum -l 256` prints).
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(blake2::Blake2b::<blake2::digest::consts::U32>::digest(
        bytes,
    ))
}

/// A minisign key id, shown as minisign shows it: 16 uppercase hex digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct KeyId([u8; 8]);

impl KeyId {
    fn from_slice(bytes: &[u8]) -> KeyId {
        let mut id = [0u8; 8];
        id.copy_from_slice(&bytes[..8]);
        KeyId(id)
    }
}

impl fmt::Display for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016X}", u64::from_le_bytes(self.0))
    }
}

impl fmt::Debug for KeyId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "KeyId({self})")
    }
}

impl serde::Serialize for KeyId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Why a key could not be used. Carries the file, never key material.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum KeyFileError {
    #[error("{}", Message::from(self))]
    Unreadable { path: PathBuf, reason: FileProblem },
    #[error("{}", Message::from(self))]
    Malformed { path: PathBuf },
    /// The secret key is password-protected and no password was given.
    #[error("{}", Message::from(self))]
    NeedsPassword { path: PathBuf },
    #[error("{}", Message::from(self))]
    WrongPassword { path: PathBuf },
}

impl From<&KeyFileError> for Message {
    fn from(error: &KeyFileError) -> Message {
        match error {
            KeyFileError::Unreadable { path, reason } => Message::new("key-unreadable")
                .arg("path", path.as_path())
                .arg("reason", reason.message().to_string()),
            KeyFileError::Malformed { path } => {
                Message::new("key-malformed").arg("path", path.as_path())
            }
            KeyFileError::NeedsPassword { path } => {
                Message::new("key-needs-password").arg("path", path.as_path())
            }
            KeyFileError::WrongPassword { path } => {
                Message::new("key-wrong-password").arg("path", path.as_path())
            }
        }
    }
}

/// A minisign public key (a `.pub` file, or the bare base64 line `minisign -P` takes).
#[derive(Clone)]
pub struct PublicKey {
    inner: minisign::PublicKey,
    id: KeyId,
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "PublicKey({})", self.id)
    }
}

impl PublicKey {
    /// Parses a key file's text; `None` if it is not a minisign Ed25519 public key.
    pub fn parse(text: &str) -> Option<PublicKey> {
        let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
        let encoded = match lines[..] {
            [line] => line,
            [comment, line] if comment.starts_with("untrusted comment:") => line,
            _ => return None,
        };
        let inner = minisign::PublicKey::from_base64(encoded.trim()).ok()?;
        if !inner.to_bytes().starts_with(b"Ed") {
            return None;
        }
        let id = KeyId::from_slice(inner.keynum());
        Some(PublicKey { inner, id })
    }

    pub fn load(path: &Path) -> Result<PublicKey, KeyFileError> {
        let bytes = read_small(path, MAX_KEY_BYTES).map_err(|reason| KeyFileError::Unreadable {
            path: path.to_owned(),
            reason,
        })?;
        std::str::from_utf8(&bytes)
            .ok()
            .and_then(PublicKey::parse)
            .ok_or_else(|| KeyFileError::Malformed {
                path: path.to_owned(),
            })
    }

    pub fn id(&self) -> KeyId {
        self.id
    }
}

/// The keys whose signatures a person trusts: a folder of `*.pub` files, plus keys given one by
/// one (the CLI's `--trust`).
#[derive(Debug, Clone, Default)]
pub struct TrustedKeys {
    keys: Vec<PublicKey>,
}

impl TrustedKeys {
    pub fn new() -> TrustedKeys {
        TrustedKeys::default()
    }

    pub fn add(&mut self, key: PublicKey) {
        if self.get(key.id).is_none() {
            self.keys.push(key);
        }
    }

    /// Adds every key of `other` not already here (keys from several folders).
    pub fn extend(&mut self, other: TrustedKeys) {
        for key in other.keys {
            self.add(key);
        }
    }

    /// Every `*.pub` file of `dir`. A file that is not a key is an error, not a silent skip: a
    /// person who put a key there expects it to count.
    pub fn load_dir(dir: &Path) -> Result<TrustedKeys, KeyFileError> {
        let unreadable = |e: std::io::Error| KeyFileError::Unreadable {
            path: dir.to_owned(),
            reason: FileProblem::from(e),
        };
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(unreadable)?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|path| path.extension().is_some_and(|e| e == "pub"))
            .collect();
        paths.sort();
        let mut keys = TrustedKeys::new();
        for path in paths {
            keys.add(PublicKey::load(&path)?);
        }
        Ok(keys)
    }

    pub fn get(&self, id: KeyId) -> Option<&PublicKey> {
        self.keys.iter().find(|key| key.id == id)
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A minisign secret key, decrypted.
pub struct SecretKey {
    inner: minisign::SecretKey,
    public: minisign::PublicKey,
    id: KeyId,
}

/// Never shows key material (the `minisign` crate's own `Debug` would).
impl fmt::Debug for SecretKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "SecretKey({})", self.id)
    }
}

/// Bytes of a secret key file: `Ed`, the KDF and checksum algorithms, the scrypt salt and limits,
/// key id, key and checksum.
const SECRET_KEY_LEN: usize = 158;

/// Decodes a secret key file's base64 line, strictly (the key stays in zeroizing memory).
fn decode_secret_key(text: &str) -> Option<Zeroizing<Vec<u8>>> {
    let encoded = text.lines().nth(1)?.trim();
    let mut bytes = Zeroizing::new(Vec::with_capacity(SECRET_KEY_LEN));
    decode_base64_into(encoded, &mut bytes)?;
    (bytes.len() == SECRET_KEY_LEN && bytes.starts_with(b"Ed")).then_some(bytes)
}

/// Appends the bytes `encoded` (standard base64, padding optional) stands for to `out`, which the
/// caller chooses so that a secret never lands in memory that is not wiped.
fn decode_base64_into(encoded: &str, out: &mut Vec<u8>) -> Option<()> {
    let mut acc = 0u32;
    let mut bits = 0;
    for c in encoded.trim_end_matches('=').bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(value);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    Some(())
}

impl SecretKey {
    /// Whether the key file at `path` is password-protected, so a face knows to ask.
    pub fn needs_password(path: &Path) -> Result<bool, KeyFileError> {
        let text = SecretKey::read(path)?;
        let bytes = decode_secret_key(&text).ok_or_else(|| KeyFileError::Malformed {
            path: path.to_owned(),
        })?;
        Ok(bytes[2..4] != [0, 0])
    }

    fn read(path: &Path) -> Result<Zeroizing<String>, KeyFileError> {
        let bytes = Zeroizing::new(read_small(path, MAX_KEY_BYTES).map_err(|reason| {
            KeyFileError::Unreadable {
                path: path.to_owned(),
                reason,
            }
        })?);
        std::str::from_utf8(&bytes)
            .map(|text| Zeroizing::new(text.to_owned()))
            .map_err(|_| KeyFileError::Malformed {
                path: path.to_owned(),
            })
    }

    /// Loads a `minisign -G` secret key; `password` is required exactly when the key has one.
    pub fn load(path: &Path, password: Option<&str>) -> Result<SecretKey, KeyFileError> {
        let text = SecretKey::read(path)?;
        let malformed = || KeyFileError::Malformed {
            path: path.to_owned(),
        };
        let bytes = decode_secret_key(&text).ok_or_else(malformed)?;
        let inner = if bytes[2..4] == [0, 0] {
            // `minisign -G -W` (0.11) leaves the checksum of an unencrypted key zero, which the
            // crate's own loader refuses; a non-zero one must match, as for an encrypted key.
            let checksum = &bytes[SECRET_KEY_LEN - 32..];
            if checksum.iter().any(|b| *b != 0) {
                let mut hasher = blake2::Blake2b::<blake2::digest::consts::U32>::new();
                hasher.update(&bytes[..2]);
                hasher.update(&bytes[54..SECRET_KEY_LEN - 32]);
                if hasher.finalize().as_slice() != checksum {
                    return Err(malformed());
                }
            }
            minisign::SecretKey::from_bytes(&bytes).map_err(|_| malformed())?
        } else {
            let Some(password) = password else {
                return Err(KeyFileError::NeedsPassword {
                    path: path.to_owned(),
                });
            };
            let key_box = minisign::SecretKeyBox::from_string(&text).map_err(|_| malformed())?;
            // The crate takes the password by value: that copy is the only one not ours to wipe.
            key_box
                .into_secret_key(Some(password.to_owned()))
                .map_err(|e| match e.kind() {
                    minisign::ErrorKind::Verify => KeyFileError::WrongPassword {
                        path: path.to_owned(),
                    },
                    _ => malformed(),
                })?
        };
        let public = minisign::PublicKey::from_secret_key(&inner).map_err(|_| malformed())?;
        let id = KeyId::from_slice(inner.keynum());
        Ok(SecretKey { inner, public, id })
    }

    pub fn id(&self) -> KeyId {
        self.id
    }

    pub fn public_key(&self) -> PublicKey {
        PublicKey {
            inner: self.public.clone(),
            id: self.id,
        }
    }
}

/// What a pack's signature says about it, once the pack has been found sound.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(tag = "status", rename_all = "snake_case")]
#[non_exhaustive]
pub enum SignatureStatus {
    /// Signed by a trusted key, for this very pack.
    Trusted { key_id: KeyId, comment: String },
    /// Signed by a key that is not trusted here: nothing about the signature could be checked.
    UnknownSigner { key_id: KeyId },
    /// No signature file beside the pack.
    Unsigned,
}

impl SignatureStatus {
    pub fn message(&self) -> Message {
        match self {
            SignatureStatus::Trusted { key_id, .. } => {
                Message::new("signature-trusted").arg("key", key_id.to_string())
            }
            SignatureStatus::UnknownSigner { key_id } => {
                Message::new("signature-unknown-signer").arg("key", key_id.to_string())
            }
            SignatureStatus::Unsigned => Message::new("signature-unsigned"),
        }
    }
}

/// Why a signature made its pack refused.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SignatureProblem {
    Unreadable(FileProblem),
    /// Not a minisign signature file.
    Malformed,
    /// A non-prehashed signature of old minisign versions.
    Legacy,
    /// A control character other than tab in a comment: never shown, always refused.
    ControlCharacter,
    /// Made by a trusted key, but not over these bytes (tampered, truncated or swapped).
    Invalid,
    /// The trusted comment, or the file signature it is tied to, is not what the key signed: the
    /// signature file was edited.
    CommentInvalid,
    /// The pack itself could not be read to its end to check the signature over it.
    PackUnreadable(FileProblem),
    /// The person stopped a whole-file check before it ended: nothing was verified.
    Cancelled,
    /// A valid signature whose trusted comment does not say which pack it is for.
    Unbound,
    /// A valid signature for another pack: the named field differs.
    Mismatch(&'static str),
}

impl SignatureProblem {
    pub fn message(&self) -> Message {
        match self {
            SignatureProblem::Unreadable(reason) => Message::new("pack-signature-unreadable")
                .arg("reason", reason.message().to_string()),
            SignatureProblem::Malformed => Message::new("pack-signature-malformed"),
            SignatureProblem::Legacy => Message::new("pack-signature-legacy"),
            SignatureProblem::ControlCharacter => Message::new("pack-signature-control"),
            SignatureProblem::Invalid => Message::new("pack-signature-invalid"),
            SignatureProblem::CommentInvalid => Message::new("pack-signature-comment-invalid"),
            SignatureProblem::PackUnreadable(reason) => {
                Message::new("pack-unreadable").arg("reason", reason.message().to_string())
            }
            SignatureProblem::Cancelled => Message::new("pack-signature-cancelled"),
            SignatureProblem::Unbound => Message::new("pack-signature-unbound"),
            SignatureProblem::Mismatch(field) => {
                Message::new("pack-signature-mismatch").arg("field", *field)
            }
        }
    }
}

/// The pack a trusted comment names (docs/pack-format.md §4.9): a v1 comment binds the whole
/// file's BLAKE2b-256, a v2 comment the root of the pack's hash tree, which an open can check
/// without reading the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub id: String,
    pub format: String,
    pub created: String,
    /// The whole file's BLAKE2b-256 in hex: present in every comment but a `format=2` one.
    pub blake2b: Option<String>,
    /// The v2 root in 64 lowercase hex digits: present exactly in a `format=2` comment.
    pub root: Option<String>,
}

/// The format whose comments bind a root instead of the file's hash.
const ROOT_FORMAT: &str = "2";

impl Binding {
    /// The trusted comment, or `None` when a field cannot be written unambiguously or the
    /// comment would not parse back to this binding (a v2 binding with a file hash, say).
    pub fn comment(&self) -> Option<String> {
        let fields = [&self.id, &self.format, &self.created];
        let optional = [&self.blake2b, &self.root];
        let plain = |s: &String| {
            !s.is_empty()
                && s.chars()
                    .all(|c| !c.is_whitespace() && !c.is_control() && c != '=')
        };
        if !fields
            .into_iter()
            .chain(optional.into_iter().flatten())
            .all(plain)
        {
            return None;
        }
        let mut comment = format!(
            "{COMMENT_TAG} id={} format={} created={}",
            self.id, self.format, self.created
        );
        for (name, value) in [("blake2b", &self.blake2b), ("root", &self.root)] {
            if let Some(value) = value {
                comment.push_str(&format!(" {name}={value}"));
            }
        }
        (Binding::parse(&comment).as_ref() == Some(self)).then_some(comment)
    }

    /// The trusted comment of a v2 pack: `root` is its root in 64 lowercase hex digits. `id` and
    /// `created` are the pack's `meta` values, which hold no white space or `=` in a pack that
    /// opens; a comment made of other values parses as unbound, so it binds nothing.
    pub fn for_v2(id: &str, created: &str, root: &str) -> String {
        format!("{COMMENT_TAG} id={id} format={ROOT_FORMAT} created={created} root={root}")
    }

    /// The first field in which this binding differs from the pack it is checked against, for
    /// [`SignatureProblem::Mismatch`]: `id`, `format` (the pack's format version), `created`,
    /// then `root` (the pack's, `None` for a v1 pack, which has none).
    pub fn mismatch(
        &self,
        id: &str,
        format: u32,
        created: &str,
        root: Option<&str>,
    ) -> Option<&'static str> {
        if self.id != id {
            Some("id")
        } else if self.format != format.to_string() {
            Some("format")
        } else if self.created != created {
            Some("created")
        } else if self.root.as_deref() != root {
            Some("root")
        } else {
            None
        }
    }

    /// Parses a trusted comment Exposure wrote: fields separated by one space; a field repeated
    /// or empty makes it unbound. Unknown fields are ignored (they are signed too, and a later
    /// version may add some). A `format=2` comment needs a `root` of 64 lowercase hex digits and
    /// has no `blake2b`; any other format is read as v1 reads it: it needs `blake2b`, and `root`
    /// is a field v1 does not know, so a reader refuses it by its format, as v1 always has.
    pub fn parse(comment: &str) -> Option<Binding> {
        let mut words = comment.split(' ');
        if words.next()? != COMMENT_TAG {
            return None;
        }
        let fields: Vec<(&str, &str)> = words
            .map(|word| word.split_once('='))
            .collect::<Option<_>>()?;
        // `Err` for a repeated or empty field, `Ok(None)` for an absent one.
        let field = |name: &str| -> Result<Option<String>, ()> {
            let mut values = fields.iter().filter(|(n, _)| *n == name).map(|(_, v)| *v);
            match (values.next(), values.next()) {
                (None, _) => Ok(None),
                (Some(value), None) if !value.is_empty() => Ok(Some(value.to_owned())),
                _ => Err(()),
            }
        };
        let format = field("format").ok()??;
        let (blake2b, root) = if format == ROOT_FORMAT {
            let root = field("root").ok()??;
            let is_root = root.len() == 64
                && root
                    .bytes()
                    .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
            if !is_root || field("blake2b") != Ok(None) {
                return None;
            }
            (None, Some(root))
        } else {
            (Some(field("blake2b").ok()??), None)
        };
        Some(Binding {
            id: field("id").ok()??,
            format,
            created: field("created").ok()??,
            blake2b,
            root,
        })
    }
}

/// The verdict on a signature file before the pack's own fields are compared with its binding.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    Unsigned,
    UnknownSigner(KeyId),
    Trusted {
        key_id: KeyId,
        comment: String,
        binding: Binding,
    },
}

/// Reads the signature beside `pack`, if any, and checks it against `bytes`, the pack's content.
pub(crate) fn verify_signature(
    pack: &Path,
    bytes: &[u8],
    trusted: &TrustedKeys,
) -> Result<Verdict, SignatureProblem> {
    match read_signature(pack)? {
        None => Ok(Verdict::Unsigned),
        Some(raw) => verify_signature_text(&raw, bytes, trusted),
    }
}

/// The bytes of the signature file beside `pack`, `None` if there is none.
fn read_signature(pack: &Path) -> Result<Option<Vec<u8>>, SignatureProblem> {
    let path = signature_path(pack);
    match std::fs::symlink_metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(SignatureProblem::Unreadable(e.into())),
        Ok(_) => {}
    }
    read_small(&path, MAX_SIGNATURE_BYTES)
        .map(Some)
        .map_err(SignatureProblem::Unreadable)
}

/// The four lines of a signature file, once the checks that come before any decoding hold.
fn checked_lines(raw: &[u8]) -> Result<(&str, Vec<&str>), SignatureProblem> {
    let text = std::str::from_utf8(raw).map_err(|_| SignatureProblem::Malformed)?;
    let lines: Vec<&str> = text.lines().collect();
    if lines.len() != 4 {
        return Err(SignatureProblem::Malformed);
    }
    // The comment lines are checked before the crate parses them: it would trim some control
    // characters away and keep others, and a comment is something a face may display.
    let comment = lines[2]
        .strip_prefix("trusted comment: ")
        .ok_or(SignatureProblem::Malformed)?;
    // A tab is allowed: `minisign` separates the fields of its default comment with tabs.
    let control = |c: char| c.is_control() && c != '\t';
    if comment.chars().any(control) || lines[0].chars().any(control) {
        return Err(SignatureProblem::ControlCharacter);
    }
    // minisign 0.10 takes the comment's signature to be 64 bytes without checking, and panics
    // on a shorter one (found by the `trusted_comment` fuzz target): anyone holding a pack signed
    // by a trusted key could otherwise crash the checker with a shortened last line.
    if !is_64_byte_base64(lines[3].trim()) {
        return Err(SignatureProblem::Malformed);
    }
    Ok((text, lines))
}

/// Checks the text of a signature file against `bytes`, the pack's content.
pub fn verify_signature_text(
    raw: &[u8],
    bytes: &[u8],
    trusted: &TrustedKeys,
) -> Result<Verdict, SignatureProblem> {
    let (text, _) = checked_lines(raw)?;
    let signature =
        minisign::SignatureBox::from_string(text).map_err(|_| SignatureProblem::Malformed)?;
    if !signature.is_prehashed() {
        return Err(SignatureProblem::Legacy);
    }
    let key_id = KeyId::from_slice(signature.keynum());
    let Some(key) = trusted.get(key_id) else {
        return Ok(Verdict::UnknownSigner(key_id));
    };
    minisign::verify(
        &key.inner,
        &signature,
        Cursor::new(bytes),
        true,
        false,
        false,
    )
    .map_err(|_| SignatureProblem::Invalid)?;
    let comment = signature
        .trusted_comment()
        .map_err(|_| SignatureProblem::Malformed)?;
    let binding = Binding::parse(&comment).ok_or(SignatureProblem::Unbound)?;
    match &binding.blake2b {
        // A v2 comment binds a root, which a whole file read into memory is not checked by.
        None => return Err(SignatureProblem::Mismatch("format")),
        Some(hash) if *hash != content_hash(bytes) => {
            return Err(SignatureProblem::Mismatch("blake2b"));
        }
        Some(_) => {}
    }
    Ok(Verdict::Trusted {
        key_id,
        comment,
        binding,
    })
}

/// Whether `line` is padded base64 of exactly 64 bytes: 21 groups of three bytes, then one byte
/// as two characters and `==`.
fn is_64_byte_base64(line: &str) -> bool {
    let base64 = |b: &u8| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/';
    line.len() == 88 && line.ends_with("==") && line.as_bytes()[..86].iter().all(base64)
}

/// A minisign signature file of `bytes` by `key`, with `binding` as its trusted comment.
pub(crate) fn sign_bytes(
    bytes: &[u8],
    key: &SecretKey,
    binding: &Binding,
) -> Result<String, SignatureProblem> {
    let comment = binding.comment().ok_or(SignatureProblem::Unbound)?;
    sign_reader(Cursor::new(bytes), key, &comment)
}

/// A minisign signature file of everything `data` reads, by `key`, with `comment` trusted.
fn sign_reader(
    data: impl Read,
    key: &SecretKey,
    comment: &str,
) -> Result<String, SignatureProblem> {
    let untrusted = format!("signature from exposure, key {}", key.id);
    minisign::sign(
        Some(&key.public),
        &key.inner,
        data,
        Some(comment),
        Some(&untrusted),
    )
    .map(|signature| signature.into_string())
    .map_err(|_| SignatureProblem::Invalid)
}

mod minisig;
pub use minisig::{sign_file, verify_comment, verify_comment_text, verify_file_streaming};

#[cfg(test)]
pub(crate) mod tests;
