use super::*;

/// A fresh unencrypted key pair, as `minisign -G -W` would make, in this crate's types.
pub(crate) fn key_pair(dir: &Path, name: &str) -> (SecretKey, PublicKey, PathBuf) {
    let pair = minisign::KeyPair::generate_unencrypted_keypair().unwrap();
    let secret_path = dir.join(format!("{name}.key"));
    std::fs::write(&secret_path, pair.sk.to_box(None).unwrap().into_string()).unwrap();
    let public_path = dir.join(format!("{name}.pub"));
    std::fs::write(&public_path, pair.pk.to_box().unwrap().into_string()).unwrap();
    (
        SecretKey::load(&secret_path, None).unwrap(),
        PublicKey::load(&public_path).unwrap(),
        public_path,
    )
}

fn binding(bytes: &[u8]) -> Binding {
    Binding {
        id: "pack-a".into(),
        format: "1".into(),
        created: "2026-01-01T00:00:00Z".into(),
        blake2b: Some(content_hash(bytes)),
        root: None,
    }
}

fn trusting(key: &PublicKey) -> TrustedKeys {
    let mut keys = TrustedKeys::new();
    keys.add(key.clone());
    keys
}

#[test]
fn a_signature_verifies_over_the_same_bytes_with_the_signers_key() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let bytes = b"pack bytes".repeat(100);
    let signature = sign_bytes(&bytes, &secret, &binding(&bytes)).unwrap();
    match verify_signature_text(signature.as_bytes(), &bytes, &trusting(&public)).unwrap() {
        Verdict::Trusted {
            key_id, binding: b, ..
        } => {
            assert_eq!(key_id, public.id());
            assert_eq!(b, binding(&bytes));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_comment_signature_of_the_wrong_length_is_malformed_not_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let bytes = b"pack bytes".repeat(100);
    let signature = sign_bytes(&bytes, &secret, &binding(&bytes)).unwrap();
    let lines: Vec<&str> = signature.lines().collect();
    // 58 and 66 bytes: shorter and longer than an Ed25519 signature.
    for global in [&lines[3][..80], &format!("{}AAAA", &lines[3][..84])] {
        let forged = format!("{}\n{}\n{}\n{global}\n", lines[0], lines[1], lines[2]);
        assert_eq!(
            verify_signature_text(forged.as_bytes(), &bytes, &trusting(&public)).unwrap_err(),
            SignatureProblem::Malformed
        );
    }
}

#[test]
fn one_changed_byte_makes_the_signature_invalid() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, public, _) = key_pair(dir.path(), "curator");
    let mut bytes = b"pack bytes".repeat(100);
    let signature = sign_bytes(&bytes, &secret, &binding(&bytes)).unwrap();
    bytes[500] ^= 1;
    assert_eq!(
        verify_signature_text(signature.as_bytes(), &bytes, &trusting(&public)).unwrap_err(),
        SignatureProblem::Invalid
    );
}

#[test]
fn a_signature_by_a_key_not_trusted_is_an_unknown_signer() {
    let dir = tempfile::tempdir().unwrap();
    let (secret, _, _) = key_pair(dir.path(), "stranger");
    let (_, public, _) = key_pair(dir.path(), "curator");
    let bytes = b"pack".to_vec();
    let signature = sign_bytes(&bytes, &secret, &binding(&bytes)).unwrap();
    assert!(matches!(
        verify_signature_text(signature.as_bytes(), &bytes, &trusting(&public)).unwrap(),
        Verdict::UnknownSigner(id) if id == secret.id()
    ));
}

#[test]
fn control_characters_in_a_comment_are_refused_before_anything_else() {
    let bytes = b"pack".to_vec();
    let text =
        "untrusted comment: x\nRUQAAAAAAAAAAAAA\ntrusted comment: exposure-pack \u{1b}[2J\nAAAA\n";
    assert_eq!(
        verify_signature_text(text.as_bytes(), &bytes, &TrustedKeys::new()).unwrap_err(),
        SignatureProblem::ControlCharacter
    );
}

#[test]
fn garbage_is_a_malformed_signature() {
    for text in [
        "",
        "hello",
        "untrusted comment: x\nnot base64\ntrusted comment: y\nzz\n",
    ] {
        assert_eq!(
            verify_signature_text(text.as_bytes(), b"pack", &TrustedKeys::new()).unwrap_err(),
            SignatureProblem::Malformed,
            "{text:?}"
        );
    }
}

#[test]
fn a_binding_round_trips_through_its_comment_and_refuses_ambiguity() {
    let b = binding(b"x");
    assert_eq!(Binding::parse(&b.comment().unwrap()), Some(b.clone()));
    let with_extra = format!("{} signer=ngo", b.comment().unwrap());
    assert_eq!(Binding::parse(&with_extra), Some(b.clone()));
    let repeated = format!("{} id=other", b.comment().unwrap());
    assert_eq!(Binding::parse(&repeated), None);
    assert_eq!(
        Binding::parse("timestamp:1700000000\tfile:x.exposure\thashed"),
        None
    );
    let spaced = Binding {
        id: "a b".into(),
        ..b
    };
    assert_eq!(spaced.comment(), None);
}

/// A v2 comment as `Binding::for_v2` writes it, with a root of 64 lowercase hex digits.
fn v2_comment() -> String {
    Binding::for_v2("pack-a", "2026-01-01T00:00:00Z", &"0f".repeat(32))
}

#[test]
fn a_v2_comment_binds_its_root_and_round_trips() {
    let comment = v2_comment();
    assert_eq!(
        comment,
        format!(
            "exposure-pack id=pack-a format=2 created=2026-01-01T00:00:00Z root={}",
            "0f".repeat(32)
        )
    );
    let binding = Binding::parse(&comment).unwrap();
    assert_eq!(
        binding,
        Binding {
            id: "pack-a".into(),
            format: "2".into(),
            created: "2026-01-01T00:00:00Z".into(),
            blake2b: None,
            root: Some("0f".repeat(32)),
        }
    );
    assert_eq!(binding.comment(), Some(comment.clone()));
    let with_extra = format!("{comment} signer=ngo");
    assert_eq!(Binding::parse(&with_extra), Some(binding));
}

#[test]
fn a_v2_comment_without_a_well_formed_root_or_with_a_file_hash_is_unbound() {
    let root = "0f".repeat(32);
    let head = "exposure-pack id=pack-a format=2 created=2026-01-01T00:00:00Z";
    for comment in [
        head.to_owned(),
        format!("{head} root="),
        format!("{head} root={}", &root[1..]),
        format!("{head} root={root}0"),
        format!("{head} root={}", root.to_uppercase()),
        format!("{head} root={}", "g".repeat(64)),
        format!("{head} root={root} root={root}"),
        format!("{head} root={root} blake2b={root}"),
        format!("{head} root={root} blake2b="),
        format!("{head}  root={root}"),
        format!("{head} root={root} "),
    ] {
        assert_eq!(Binding::parse(&comment), None, "{comment}");
    }
    let v2 = Binding::parse(&v2_comment()).unwrap();
    let with_hash = Binding {
        blake2b: Some("ab".into()),
        ..v2
    };
    assert_eq!(with_hash.comment(), None);
}

#[test]
fn a_v1_comment_needs_its_file_hash_and_ignores_a_root() {
    let v1 = binding(b"x");
    let comment = v1.comment().unwrap();
    let hash = v1.blake2b.clone().unwrap();
    // v1 does not know `root`: any value, even repeated or empty, is ignored as v1 ignores it.
    for extra in [" root=xyz", " root=", " root=a root=b"] {
        assert_eq!(
            Binding::parse(&format!("{comment}{extra}")),
            Some(v1.clone())
        );
    }
    let without_hash = comment.replace(&format!(" blake2b={hash}"), "");
    assert_eq!(Binding::parse(&without_hash), None);
    assert_eq!(
        Binding::parse(&without_hash.replace("format=1", "format=3")),
        None
    );
    let with_root = Binding {
        root: Some("0f".repeat(32)),
        ..v1
    };
    assert_eq!(with_root.comment(), None);
}

#[test]
fn a_binding_names_the_first_field_that_differs_from_its_pack() {
    let root = "0f".repeat(32);
    let v2 = Binding::parse(&v2_comment()).unwrap();
    let created = "2026-01-01T00:00:00Z";
    assert_eq!(v2.mismatch("pack-a", 2, created, Some(&root)), None);
    assert_eq!(v2.mismatch("pack-b", 1, created, None), Some("id"));
    assert_eq!(v2.mismatch("pack-a", 1, created, None), Some("format"));
    assert_eq!(
        v2.mismatch("pack-a", 2, "2025-01-01T00:00:00Z", Some(&root)),
        Some("created")
    );
    assert_eq!(
        v2.mismatch("pack-a", 2, created, Some(&"1f".repeat(32))),
        Some("root")
    );
    let v1 = binding(b"x");
    assert_eq!(v1.mismatch("pack-a", 1, created, None), None);
    assert_eq!(
        v1.mismatch("pack-a", 2, created, Some(&root)),
        Some("format")
    );
}

#[test]
fn key_ids_show_as_minisign_shows_them() {
    let id = KeyId([0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08]);
    assert_eq!(id.to_string(), "0807060504030201");
}

#[test]
fn a_folder_of_public_keys_is_trusted_and_a_bad_file_in_it_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let (_, one, _) = key_pair(dir.path(), "one");
    let (_, two, _) = key_pair(dir.path(), "two");
    let keys = TrustedKeys::load_dir(dir.path()).unwrap();
    assert_eq!(keys.len(), 2);
    assert!(keys.get(one.id()).is_some() && keys.get(two.id()).is_some());
    std::fs::write(dir.path().join("three.pub"), "not a key").unwrap();
    assert!(matches!(
        TrustedKeys::load_dir(dir.path()),
        Err(KeyFileError::Malformed { .. })
    ));
}

/// The key as a minisign `.pub` file.
fn to_minisign(key: &PublicKey) -> String {
    format!(
        "untrusted comment: minisign public key {}\n{}\n",
        key.id,
        key.inner.to_base64()
    )
}

#[test]
fn a_public_key_written_reads_back_with_its_id() {
    let dir = tempfile::tempdir().unwrap();
    let (_, public, _) = key_pair(dir.path(), "k");
    assert_eq!(
        PublicKey::parse(&to_minisign(&public)).unwrap().id(),
        public.id()
    );
}

mod properties {
    use proptest::prelude::*;

    use super::*;

    /// A field value `Binding::comment` can write: no white space, control character or `=`.
    fn plain() -> impl Strategy<Value = String> {
        "[^\\s\\p{Cc}=]{1,24}".prop_filter("no Unicode white space", |s| {
            !s.chars().any(char::is_whitespace)
        })
    }

    /// 64 lowercase hex digits, as a v2 root is written.
    fn root() -> impl Strategy<Value = String> {
        "[0-9a-f]{64}"
    }

    /// A binding `Binding::comment` writes: v1 (any format but 2, with a file hash) or v2.
    fn any_binding() -> impl Strategy<Value = Binding> {
        let v1 = (plain(), plain(), plain(), plain())
            .prop_filter("format 2 binds a root", |(_, format, ..)| format != "2")
            .prop_map(|(id, format, created, blake2b)| Binding {
                id,
                format,
                created,
                blake2b: Some(blake2b),
                root: None,
            });
        let v2 = (plain(), plain(), root()).prop_map(|(id, created, root)| Binding {
            id,
            format: "2".into(),
            created,
            blake2b: None,
            root: Some(root),
        });
        prop_oneof![v1, v2]
    }

    proptest! {
        #[test]
        fn a_binding_of_plain_fields_parses_back_from_its_comment(binding in any_binding()) {
            let comment = binding.comment().expect("plain fields can be written");
            prop_assert_eq!(Binding::parse(&comment), Some(binding));
        }

        #[test]
        fn a_field_with_white_space_or_an_equals_sign_has_no_comment(
            binding in any_binding(),
            field in 0..4usize,
            bad in prop::sample::select(vec![" ", "\t", "=", "\n", "\u{3000}"]),
        ) {
            let mut binding = binding;
            let hash = binding.blake2b.as_mut().or(binding.root.as_mut()).unwrap();
            let slot = [&mut binding.id, &mut binding.format, &mut binding.created, hash]
                .into_iter()
                .nth(field)
                .unwrap();
            slot.push_str(bad);
            prop_assert_eq!(binding.comment(), None);
        }

        #[test]
        fn unknown_fields_in_a_comment_do_not_change_its_binding(
            binding in any_binding(),
            name in "[a-z]{1,8}",
            value in plain(),
        ) {
            prop_assume!(!["id", "format", "created", "blake2b", "root"].contains(&name.as_str()));
            let comment = format!("{} {name}={value}", binding.comment().unwrap());
            prop_assert_eq!(Binding::parse(&comment), Some(binding));
        }
    }
}
