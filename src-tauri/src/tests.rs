use super::*;

#[test]
fn typescript_bindings_match_the_rust_types() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/src/app-bindings.ts");
    let generated = typescript_bindings();
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::write(path, &generated).unwrap();
    }
    let committed = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        committed == generated,
        "ui/src/app-bindings.ts is stale: run `UPDATE_BINDINGS=1 cargo test -p exposure-desktop`"
    );
}
