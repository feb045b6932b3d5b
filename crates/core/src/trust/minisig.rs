//! A minisign signature file decoded here rather than by the `minisign` crate, for the two checks
//! the crate cannot make (docs/pack-format.md §4.9, §9): the trusted comment alone, without a
//! byte of the signed file (a v2 pack is never read whole at open), and a file of any size
//! streamed once in bounded memory, with progress and a way to cancel.
//!
//! The file (minisign's format): line 1 `untrusted comment: …`; line 2 base64 of the algorithm
//! (`ED` prehashed, `Ed` legacy), the key id (8 bytes) and the file signature (64 bytes); line 3
//! `trusted comment: …`; line 4 base64 of the global signature, Ed25519 over the file signature
//! followed by the trusted comment's bytes. A prehashed file signature is Ed25519 over the
//! BLAKE2b-512 of the whole file.

use std::io::Read;
use std::path::Path;

use blake2::Digest;

use super::{
    Binding, KeyId, PublicKey, SecretKey, SignatureProblem, TrustedKeys, Verdict, checked_lines,
    decode_base64_into, read_signature, sign_reader,
};
use crate::files::open_regular;
use crate::progress::{Cancel, Phase, Progress};

/// What a file signature's algorithm bytes are when it signs the file's BLAKE2b-512.
const PREHASHED: &[u8] = b"ED";
/// What they are for a signature of the raw file, which old minisign versions made.
const LEGACY: &[u8] = b"Ed";
/// Bytes of line 2: the algorithm, the key id and the signature.
const SIGNATURE_LINE_BYTES: usize = 2 + 8 + 64;
/// What a whole-file check holds of the file at a time, whatever its size.
const READ_CHUNK: usize = 1 << 20;

/// A prehashed signature file, decoded; nothing in it verified yet.
struct SignatureFile {
    key_id: KeyId,
    signature: ed25519_compact::Signature,
    /// As the `minisign` crate reads it: the line after its prefix, trimmed.
    comment: String,
    global: ed25519_compact::Signature,
}

impl SignatureFile {
    /// Refuses, in the order `verify_signature_text` does, what is not a prehashed minisign
    /// signature file.
    fn decode(raw: &[u8]) -> Result<SignatureFile, SignatureProblem> {
        let (_, lines) = checked_lines(raw)?;
        if !lines[0].starts_with("untrusted comment: ") {
            return Err(SignatureProblem::Malformed);
        }
        let mut line = Vec::with_capacity(SIGNATURE_LINE_BYTES);
        decode_base64_into(lines[1].trim(), &mut line).ok_or(SignatureProblem::Malformed)?;
        let mut global = Vec::with_capacity(64);
        decode_base64_into(lines[3].trim(), &mut global).ok_or(SignatureProblem::Malformed)?;
        if line.len() != SIGNATURE_LINE_BYTES {
            return Err(SignatureProblem::Malformed);
        }
        let (algorithm, rest) = line.split_at(2);
        if algorithm == LEGACY {
            return Err(SignatureProblem::Legacy);
        }
        if algorithm != PREHASHED {
            return Err(SignatureProblem::Malformed);
        }
        let (key_id, file_signature) = rest.split_at(8);
        let signature = |bytes: &[u8]| {
            ed25519_compact::Signature::from_slice(bytes).map_err(|_| SignatureProblem::Malformed)
        };
        let comment = lines[2]
            .strip_prefix("trusted comment: ")
            .ok_or(SignatureProblem::Malformed)?;
        Ok(SignatureFile {
            key_id: KeyId::from_slice(key_id),
            signature: signature(file_signature)?,
            comment: comment.trim().to_owned(),
            global: signature(&global)?,
        })
    }

    /// Whether `key` signed this trusted comment tied to this file signature.
    fn comment_is_signed_by(&self, key: &ed25519_compact::PublicKey) -> bool {
        let mut signed = Vec::with_capacity(64 + self.comment.len());
        signed.extend_from_slice(self.signature.as_ref());
        signed.extend_from_slice(self.comment.as_bytes());
        key.verify(signed, &self.global).is_ok()
    }
}

/// A trusted key's Ed25519 public key: the last 32 of the 42 bytes of a minisign public key
/// (the algorithm, the key id, the key).
fn ed25519_key(key: &PublicKey) -> Result<ed25519_compact::PublicKey, SignatureProblem> {
    let bytes = key.inner.to_bytes();
    ed25519_compact::PublicKey::from_slice(&bytes[10..]).map_err(|_| SignatureProblem::Malformed)
}

/// How far the signature beside a pack is checked once its comment is.
enum Comment {
    /// Unsigned, or by a key not trusted here: nothing more to check.
    Untrusted(Verdict),
    /// A trusted key signed this comment, tied to this file signature.
    Signed {
        file: SignatureFile,
        key: ed25519_compact::PublicKey,
    },
}

/// Reads and decodes the signature file beside `pack_path` and checks its comment.
fn check_comment(pack_path: &Path, trusted: &TrustedKeys) -> Result<Comment, SignatureProblem> {
    match read_signature(pack_path)? {
        None => Ok(Comment::Untrusted(Verdict::Unsigned)),
        Some(raw) => check_comment_text(&raw, trusted),
    }
}

/// Decodes the bytes of a signature file and checks its comment.
fn check_comment_text(raw: &[u8], trusted: &TrustedKeys) -> Result<Comment, SignatureProblem> {
    let file = SignatureFile::decode(raw)?;
    let Some(key) = trusted.get(file.key_id) else {
        return Ok(Comment::Untrusted(Verdict::UnknownSigner(file.key_id)));
    };
    let key = ed25519_key(key)?;
    if !file.comment_is_signed_by(&key) {
        return Err(SignatureProblem::CommentInvalid);
    }
    Ok(Comment::Signed { file, key })
}

/// The verdict on a signature whose comment alone is checked.
fn comment_verdict(comment: Comment) -> Result<Verdict, SignatureProblem> {
    let file = match comment {
        Comment::Signed { file, .. } => file,
        Comment::Untrusted(verdict) => return Ok(verdict),
    };
    let binding = Binding::parse(&file.comment).ok_or(SignatureProblem::Unbound)?;
    Ok(Verdict::Trusted {
        key_id: file.key_id,
        comment: file.comment,
        binding,
    })
}

/// Checks the signature beside `pack_path` as far as it can be checked without the pack: that a
/// trusted key signed its trusted comment (minisign's global signature), and which pack the
/// comment names. It reads the signature file only, never the pack, so it does **not** check the
/// file signature over the pack's bytes: the caller must require the binding's `root` (and `id`,
/// `format`, `created`) to equal those of the pack it opened, and check every byte it uses
/// against that root. `Unsigned` when there is no signature file; `UnknownSigner` when its key
/// is not trusted here, which says nothing about the comment.
pub fn verify_comment(
    pack_path: &Path,
    trusted: &TrustedKeys,
) -> Result<Verdict, SignatureProblem> {
    comment_verdict(check_comment(pack_path, trusted)?)
}

/// What [`verify_comment`] does once the signature file is read, on its bytes. Public so the
/// fuzzer drives hostile signature files through the very code a file takes.
#[doc(hidden)]
pub fn verify_comment_text(raw: &[u8], trusted: &TrustedKeys) -> Result<Verdict, SignatureProblem> {
    comment_verdict(check_comment_text(raw, trusted)?)
}

/// Checks the signature beside `pack_path` completely, as `minisign -V` does: its trusted
/// comment first (no byte of the pack is read for a signature file that was edited), then the
/// file signature over the whole file, streamed once in chunks of bounded size whatever the
/// pack's size, `progress` hearing of each. For a v1 comment the file's BLAKE2b-256 is computed
/// in the same pass and must equal its `blake2b`; the caller still compares `id`, `format`,
/// `created` (and a v2 comment's `root`) with the pack's.
pub fn verify_file_streaming(
    pack_path: &Path,
    trusted: &TrustedKeys,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<Verdict, SignatureProblem> {
    let (signature, key) = match check_comment(pack_path, trusted)? {
        Comment::Signed { file, key } => (file, key),
        Comment::Untrusted(verdict) => return Ok(verdict),
    };
    let binding = Binding::parse(&signature.comment);
    let wants_content_hash = binding.as_ref().is_some_and(|b| b.blake2b.is_some());
    let (prehash, content_hash) = hash_file(pack_path, wants_content_hash, progress, cancel)?;
    if key.verify(prehash, &signature.signature).is_err() {
        return Err(SignatureProblem::Invalid);
    }
    // Refused only now, as `verify_signature_text` does: a file that does not match its
    // signature says so first.
    let binding = binding.ok_or(SignatureProblem::Unbound)?;
    if binding.blake2b.is_some() && binding.blake2b != content_hash {
        return Err(SignatureProblem::Mismatch("blake2b"));
    }
    Ok(Verdict::Trusted {
        key_id: signature.key_id,
        comment: signature.comment,
        binding,
    })
}

/// The BLAKE2b-512 of the file (minisign's prehash) and, if asked, its BLAKE2b-256 in hex, from
/// one pass over it.
fn hash_file(
    path: &Path,
    with_content_hash: bool,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<([u8; 64], Option<String>), SignatureProblem> {
    let mut file = WatchedFile::open(path, progress, cancel)?;
    let mut prehash = blake2::Blake2b512::new();
    let mut content = with_content_hash.then(blake2::Blake2b::<blake2::digest::consts::U32>::new);
    let mut chunk = vec![0u8; READ_CHUNK];
    loop {
        let n = file.read_chunk(&mut chunk)?;
        if n == 0 {
            break;
        }
        prehash.update(&chunk[..n]);
        if let Some(content) = &mut content {
            content.update(&chunk[..n]);
        }
    }
    Ok((
        prehash.finalize().into(),
        content.map(|content| hex::encode(content.finalize())),
    ))
}

/// Signs the whole file at `pack_path` with `key`, streamed once in bounded memory (as
/// `minisign -S` does: prehashed), with `comment` as the trusted comment: a minisign signature
/// file's text, for `NAME.exposure.minisig`. A comment that does not parse as a [`Binding`]
/// would bind nothing and is refused as [`SignatureProblem::Unbound`].
pub fn sign_file(
    pack_path: &Path,
    key: &SecretKey,
    comment: &str,
    progress: &dyn Progress,
    cancel: &Cancel,
) -> Result<String, SignatureProblem> {
    if Binding::parse(comment).is_none() {
        return Err(SignatureProblem::Unbound);
    }
    let mut file = WatchedFile::open(pack_path, progress, cancel)?;
    let signature = sign_reader(&mut file, key, comment);
    match file.stopped.take() {
        Some(problem) => Err(problem),
        None => signature,
    }
}

/// A file read whole, one chunk at a time: each read is reported to `progress`, which can stop
/// it. `stopped` keeps why a read failed, which an `io::Error` passed through the `minisign`
/// crate would lose.
struct WatchedFile<'a> {
    file: std::fs::File,
    read: u64,
    progress: &'a dyn Progress,
    cancel: &'a Cancel,
    stopped: Option<SignatureProblem>,
}

impl<'a> WatchedFile<'a> {
    fn open(
        path: &Path,
        progress: &'a dyn Progress,
        cancel: &'a Cancel,
    ) -> Result<WatchedFile<'a>, SignatureProblem> {
        let (file, metadata) = open_regular(path).map_err(SignatureProblem::PackUnreadable)?;
        progress.start(Phase::Verifying, metadata.len());
        Ok(WatchedFile {
            file,
            read: 0,
            progress,
            cancel,
            stopped: None,
        })
    }

    /// Up to `buf.len()` bytes; 0 at the end of the file.
    fn read_chunk(&mut self, buf: &mut [u8]) -> Result<usize, SignatureProblem> {
        if self.cancel.is_cancelled() {
            return Err(SignatureProblem::Cancelled);
        }
        let n = loop {
            match self.file.read(buf) {
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(SignatureProblem::PackUnreadable(e.into())),
                Ok(n) => break n,
            }
        };
        self.read += n as u64;
        if n > 0 {
            self.progress.update(self.read, 0);
        } else {
            self.progress.finish(Phase::Verifying);
        }
        Ok(n)
    }
}

impl Read for WatchedFile<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.read_chunk(buf).map_err(|problem| {
            self.stopped = Some(problem);
            std::io::Error::other("the read was stopped")
        })
    }
}

#[cfg(test)]
mod tests;
