use std::path::PathBuf;
use std::process::{Command, Output, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};

use super::*;
use crate::files::FileProblem;
use crate::progress::{Cancel, Phase, Progress, Silent};
use crate::trust::tests::key_pair;
use crate::trust::{SecretKey, content_hash, sign_bytes, sign_file, signature_path};

/// The comment of a v2 pack whose root is `root`.
fn v2_comment(root: u8) -> String {
    Binding::for_v2("pack-a", "2026-01-01T00:00:00Z", &hex::encode([root; 32]))
}

fn trusting(key: &PublicKey) -> TrustedKeys {
    let mut keys = TrustedKeys::new();
    keys.add(key.clone());
    keys
}

/// Signs `bytes` with this crate, writing the signature beside `pack` (which is not written).
fn sign_beside(pack: &Path, bytes: &[u8], key: &SecretKey, comment: &str) {
    let binding = Binding::parse(comment).unwrap();
    std::fs::write(
        signature_path(pack),
        sign_bytes(bytes, key, &binding).unwrap(),
    )
    .unwrap();
}

/// Runs Debian's `minisign` in `dir`; `None`, after saying why, when it is not installed
/// (scripts/test installs it, so the suite run before a merge never skips).
#[expect(
    clippy::print_stderr,
    reason = "a skipped test says why on the test's output"
)]
fn minisign(dir: &Path, args: &[&str]) -> Option<Output> {
    match Command::new("minisign")
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .output()
    {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            eprintln!("skipped: Debian's minisign is not installed (apt-get install minisign)");
            None
        }
        output => Some(output.unwrap()),
    }
}

/// A key pair made by `minisign -G -W` in `dir`, its public key loaded; `None` without minisign.
fn debian_key(dir: &Path) -> Option<PublicKey> {
    let output = minisign(dir, &["-G", "-W", "-p", "debian.pub", "-s", "debian.key"])?;
    assert!(output.status.success(), "{output:?}");
    Some(PublicKey::load(&dir.join("debian.pub")).unwrap())
}

/// Signs `file` in `dir` with the key `debian_key` made, with `comment` as its trusted comment.
fn debian_sign(dir: &Path, file: &str, comment: &str) {
    let output = minisign(dir, &["-S", "-s", "debian.key", "-m", file, "-t", comment]).unwrap();
    assert!(output.status.success(), "{output:?}");
}

/// The signature file's lines, with line `index` replaced by `line`.
fn with_line(signature: &Path, index: usize, line: &str) -> String {
    let text = std::fs::read_to_string(signature).unwrap();
    let mut lines: Vec<&str> = text.lines().collect();
    lines[index] = line;
    lines.join("\n") + "\n"
}

#[test]
fn a_comment_signed_by_debians_minisign_verifies_without_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let Some(public) = debian_key(dir.path()) else {
        return;
    };
    let pack = dir.path().join("p.exposure");
    std::fs::write(&pack, b"pack bytes").unwrap();
    debian_sign(dir.path(), "p.exposure", &v2_comment(7));
    std::fs::remove_file(&pack).unwrap();
    match verify_comment(&pack, &trusting(&public)).unwrap() {
        Verdict::Trusted {
            key_id,
            comment,
            binding,
        } => {
            assert_eq!(key_id, public.id());
            assert_eq!(comment, v2_comment(7));
            assert_eq!(binding.root, Some(hex::encode([7; 32])));
        }
        other => panic!("{other:?}"),
    }
}

/// The pack's path names nothing: only its signature exists, so a read of the pack would fail.
#[test]
fn verify_comment_reads_the_signature_and_never_the_pack() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let pack = dir.path().join("absent.exposure");
    sign_beside(&pack, b"pack bytes", &secret, &v2_comment(1));
    assert!(!pack.exists());
    assert!(matches!(
        verify_comment(&pack, &trusting(&public)).unwrap(),
        Verdict::Trusted { key_id, .. } if key_id == public.id()
    ));
}

#[test]
fn a_changed_trusted_comment_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let pack = dir.path().join("p.exposure");
    sign_beside(&pack, b"pack bytes", &secret, &v2_comment(1));
    let forged = with_line(
        &signature_path(&pack),
        2,
        &format!("trusted comment: {}", v2_comment(2)),
    );
    std::fs::write(signature_path(&pack), forged).unwrap();
    assert_eq!(
        verify_comment(&pack, &trusting(&public)).unwrap_err(),
        SignatureProblem::CommentInvalid
    );
}

/// Another file's valid signature by the same key, under this comment and global signature: the
/// global signature covers the file signature, so the comment cannot be moved to another file.
#[test]
fn a_file_signature_swapped_under_a_signed_comment_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let (pack, other) = (dir.path().join("p.exposure"), dir.path().join("o.exposure"));
    sign_beside(&pack, b"pack bytes", &secret, &v2_comment(1));
    sign_beside(&other, b"other bytes", &secret, &v2_comment(1));
    let other_signature = std::fs::read_to_string(signature_path(&other)).unwrap();
    let other_line = other_signature.lines().nth(1).unwrap();
    let forged = with_line(&signature_path(&pack), 1, other_line);
    std::fs::write(signature_path(&pack), forged).unwrap();
    assert_eq!(
        verify_comment(&pack, &trusting(&public)).unwrap_err(),
        SignatureProblem::CommentInvalid
    );
}

#[test]
fn a_signature_by_a_key_not_trusted_is_an_unknown_signer_and_none_is_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let (stranger, _, _) = key_pair(dir.path(), "stranger");
    let (_, public, _) = key_pair(dir.path(), "curator");
    let pack = dir.path().join("p.exposure");
    std::fs::write(&pack, b"pack bytes").unwrap();
    assert!(matches!(
        verify_comment(&pack, &trusting(&public)).unwrap(),
        Verdict::Unsigned
    ));
    sign_beside(&pack, b"pack bytes", &stranger, &v2_comment(1));
    for verdict in [
        verify_comment(&pack, &trusting(&public)).unwrap(),
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap(),
    ] {
        assert!(
            matches!(verdict, Verdict::UnknownSigner(id) if id == stranger.id()),
            "{verdict:?}"
        );
    }
}

#[test]
fn a_legacy_or_malformed_signature_file_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let pack = dir.path().join("p.exposure");
    sign_beside(&pack, b"pack bytes", &secret, &v2_comment(1));
    let signature = std::fs::read_to_string(signature_path(&pack)).unwrap();
    let line = signature.lines().nth(1).unwrap();
    // Base64 of `ED` starts `RU`, of `Ed` (legacy, the raw file signed) `RW`.
    assert!(line.starts_with("RU"), "{line}");
    let cases = [
        (
            with_line(&signature_path(&pack), 1, &line.replacen("RU", "RW", 1)),
            SignatureProblem::Legacy,
        ),
        (
            with_line(&signature_path(&pack), 1, &line.replacen("RU", "RV", 1)),
            SignatureProblem::Malformed,
        ),
        (
            with_line(&signature_path(&pack), 1, &line[..line.len() - 4]),
            SignatureProblem::Malformed,
        ),
        (
            with_line(&signature_path(&pack), 0, "a comment without its prefix"),
            SignatureProblem::Malformed,
        ),
        (
            with_line(&signature_path(&pack), 2, "trusted comment: \u{1b}[2J"),
            SignatureProblem::ControlCharacter,
        ),
        (
            signature.lines().take(3).collect::<Vec<_>>().join("\n"),
            SignatureProblem::Malformed,
        ),
        ("not a signature".to_owned(), SignatureProblem::Malformed),
    ];
    for (text, problem) in cases {
        std::fs::write(signature_path(&pack), &text).unwrap();
        assert_eq!(
            verify_comment(&pack, &trusting(&public)).unwrap_err(),
            problem,
            "{text}"
        );
    }
}

#[test]
fn a_valid_signature_whose_comment_names_no_pack_is_unbound() {
    let dir = tempfile::tempdir().unwrap();
    let Some(public) = debian_key(dir.path()) else {
        return;
    };
    let pack = dir.path().join("p.exposure");
    std::fs::write(&pack, b"pack bytes").unwrap();
    debian_sign(
        dir.path(),
        "p.exposure",
        "timestamp:1700000000\tfile:p.exposure",
    );
    assert_eq!(
        verify_comment(&pack, &trusting(&public)).unwrap_err(),
        SignatureProblem::Unbound
    );
}

/// Synthetic pack bytes of several reads' worth, each byte depending on its offset.
fn big_pack(dir: &Path) -> (PathBuf, Vec<u8>) {
    let bytes: Vec<u8> = (0..3 * READ_CHUNK + 12345)
        .map(|i| (i % 251) as u8 ^ (i >> 16) as u8)
        .collect();
    let path = dir.join("big.exposure");
    std::fs::write(&path, &bytes).unwrap();
    (path, bytes)
}

/// Every progress report, and a cancellation after `cancel_after` of them.
/// Hears a whole-file check's progress as (read, total) pairs, and cancels it after
/// `cancel_after` of them.
struct Recorder {
    total: AtomicU64,
    reports: Mutex<Vec<(u64, u64)>>,
    cancel_after: usize,
    cancel: Cancel,
}

impl Recorder {
    fn new(cancel_after: usize) -> Recorder {
        Recorder {
            total: AtomicU64::new(0),
            reports: Mutex::new(Vec::new()),
            cancel_after,
            cancel: Cancel::new(),
        }
    }
}

impl Progress for Recorder {
    fn start(&self, phase: Phase, total: u64) {
        assert_eq!(phase, Phase::Verifying);
        self.total.store(total, Ordering::Relaxed);
    }
    fn update(&self, read: u64, _: u64) {
        let mut reports = self.reports.lock().unwrap();
        reports.push((read, self.total.load(Ordering::Relaxed)));
        if reports.len() >= self.cancel_after {
            self.cancel.cancel();
        }
    }
    fn finish(&self, _: Phase) {}
}

#[test]
fn a_multi_megabyte_file_streams_in_bounded_reads_and_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let (pack, bytes) = big_pack(dir.path());
    sign_beside(&pack, &bytes, &secret, &v2_comment(3));
    let recorder = Recorder::new(usize::MAX);
    let verdict =
        verify_file_streaming(&pack, &trusting(&public), &recorder, &recorder.cancel).unwrap();
    assert!(
        matches!(&verdict, Verdict::Trusted { binding, .. } if binding.root == Some(hex::encode([3; 32]))),
        "{verdict:?}"
    );
    let reports = recorder.reports.into_inner().unwrap();
    let total = bytes.len() as u64;
    assert_eq!(reports.last(), Some(&(total, total)));
    let mut previous = 0;
    for (read, _) in &reports {
        assert!(*read > previous && read - previous <= READ_CHUNK as u64);
        previous = *read;
    }
}

#[test]
fn one_changed_byte_of_a_streamed_file_makes_its_signature_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let (pack, mut bytes) = big_pack(dir.path());
    sign_beside(&pack, &bytes, &secret, &v2_comment(3));
    bytes[2 * READ_CHUNK + 7] ^= 0x10;
    std::fs::write(&pack, &bytes).unwrap();
    assert_eq!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap_err(),
        SignatureProblem::Invalid
    );
    // The comment alone is still the one the key signed: only a full check sees the change.
    assert!(matches!(
        verify_comment(&pack, &trusting(&public)).unwrap(),
        Verdict::Trusted { .. }
    ));
}

#[test]
fn a_streamed_check_stops_when_cancelled_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let (pack, bytes) = big_pack(dir.path());
    sign_beside(&pack, &bytes, &secret, &v2_comment(3));
    let recorder = Recorder::new(1);
    assert_eq!(
        verify_file_streaming(&pack, &trusting(&public), &recorder, &recorder.cancel).unwrap_err(),
        SignatureProblem::Cancelled
    );
    assert_eq!(recorder.reports.into_inner().unwrap().len(), 1);
}

#[test]
fn a_streamed_check_of_a_v1_comment_compares_the_file_hash() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let (pack, bytes) = big_pack(dir.path());
    let v1 = |hash: String| {
        format!("exposure-pack id=pack-a format=1 created=2026-01-01T00:00:00Z blake2b={hash}")
    };
    sign_beside(&pack, &bytes, &secret, &v1(content_hash(&bytes)));
    assert!(matches!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap(),
        Verdict::Trusted { binding, .. } if binding.blake2b == Some(content_hash(&bytes))
    ));
    sign_beside(&pack, &bytes, &secret, &v1(content_hash(b"another pack")));
    assert_eq!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap_err(),
        SignatureProblem::Mismatch("blake2b")
    );
}

#[test]
fn a_streamed_check_of_a_missing_pack_or_a_folder_says_the_pack_is_unreadable() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let pack = dir.path().join("p.exposure");
    sign_beside(&pack, b"pack bytes", &secret, &v2_comment(1));
    assert!(matches!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap_err(),
        SignatureProblem::PackUnreadable(FileProblem::Io(std::io::ErrorKind::NotFound))
    ));
    std::fs::create_dir(&pack).unwrap();
    assert_eq!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap_err(),
        SignatureProblem::PackUnreadable(FileProblem::NotAFile)
    );
}

/// The same verdict from the v1 check of bytes in memory and from the streamed check.
#[test]
fn a_whole_file_v2_comment_is_a_format_mismatch_for_the_v1_reader_only() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let pack = dir.path().join("p.exposure");
    std::fs::write(&pack, b"pack bytes").unwrap();
    sign_beside(&pack, b"pack bytes", &secret, &v2_comment(1));
    let signature = std::fs::read(signature_path(&pack)).unwrap();
    assert_eq!(
        crate::trust::verify_signature_text(&signature, b"pack bytes", &trusting(&public))
            .unwrap_err(),
        SignatureProblem::Mismatch("format")
    );
    assert!(matches!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap(),
        Verdict::Trusted { .. }
    ));
}

#[test]
fn debians_minisign_and_this_crate_verify_each_others_signatures_of_a_big_file() {
    let dir = tempfile::tempdir().unwrap();
    let Some(debian) = debian_key(dir.path()) else {
        return;
    };
    let (pack, bytes) = big_pack(dir.path());
    debian_sign(dir.path(), "big.exposure", &v2_comment(4));
    assert!(matches!(
        verify_file_streaming(&pack, &trusting(&debian), &Silent, &Cancel::new()).unwrap(),
        Verdict::Trusted { comment, .. } if comment == v2_comment(4)
    ));

    let (secret, _, public_path) = key_pair(dir.path(), "curator");
    let signature = sign_file(&pack, &secret, &v2_comment(5), &Silent, &Cancel::new()).unwrap();
    std::fs::write(signature_path(&pack), signature).unwrap();
    let public_path = public_path.to_str().unwrap();
    let output = minisign(dir.path(), &["-V", "-p", public_path, "-m", "big.exposure"]).unwrap();
    assert!(output.status.success(), "{output:?}");
    let shown = String::from_utf8(output.stdout).unwrap();
    assert!(shown.contains(&v2_comment(5)), "{shown}");

    let mut changed = bytes;
    changed[READ_CHUNK] ^= 1;
    std::fs::write(&pack, &changed).unwrap();
    let output = minisign(dir.path(), &["-V", "-p", public_path, "-m", "big.exposure"]).unwrap();
    assert!(!output.status.success(), "{output:?}");
}

#[test]
fn a_file_signed_streaming_verifies_and_is_the_signature_of_its_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let (pack, bytes) = big_pack(dir.path());
    let recorder = Recorder::new(usize::MAX);
    let signature = sign_file(&pack, &secret, &v2_comment(6), &recorder, &recorder.cancel).unwrap();
    let total = bytes.len() as u64;
    assert_eq!(
        recorder.reports.into_inner().unwrap().last(),
        Some(&(total, total))
    );
    std::fs::write(signature_path(&pack), &signature).unwrap();
    assert!(matches!(
        verify_file_streaming(&pack, &trusting(&public), &Silent, &Cancel::new()).unwrap(),
        Verdict::Trusted { comment, .. } if comment == v2_comment(6)
    ));
    let mut other = bytes;
    other[0] ^= 1;
    assert_eq!(
        crate::trust::verify_signature_text(signature.as_bytes(), &other, &trusting(&public))
            .unwrap_err(),
        SignatureProblem::Invalid
    );
}

#[test]
fn signing_a_file_refuses_an_unbound_comment_a_missing_file_and_stops_when_cancelled() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, _, _) = key_pair(dir.path(), "curator");
    let (pack, _) = big_pack(dir.path());
    assert_eq!(
        sign_file(
            &pack,
            &secret,
            "timestamp:1700000000",
            &Silent,
            &Cancel::new()
        )
        .unwrap_err(),
        SignatureProblem::Unbound
    );
    let recorder = Recorder::new(1);
    assert_eq!(
        sign_file(&pack, &secret, &v2_comment(6), &recorder, &recorder.cancel).unwrap_err(),
        SignatureProblem::Cancelled
    );
    assert_eq!(recorder.reports.into_inner().unwrap().len(), 1);
    assert_eq!(
        sign_file(
            &dir.path().join("absent"),
            &secret,
            &v2_comment(6),
            &Silent,
            &Cancel::new()
        )
        .unwrap_err(),
        SignatureProblem::PackUnreadable(FileProblem::Io(std::io::ErrorKind::NotFound))
    );
}
