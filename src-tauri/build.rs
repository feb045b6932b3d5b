//! Declares the app's own commands, so Tauri's capability check applies to them as it does to
//! plugin commands: a command that no capability grants cannot be called, from any origin.
//!
//! Also builds the demo pack into `$OUT_DIR/demo/`, which the app embeds: the pack is
//! byte-reproducible, so the app carries its bytes and links neither the generator nor the builder
//! (build dependencies are not linked into the app).

const COMMANDS: &[&str] = &[
    "app_state",
    "validate",
    "check",
    "cancel_check",
    "packs_opened",
    "add_packs",
    "remove_pack",
    "forget_added",
    "guess_costs",
    "idle_reset",
    "print_sheet",
];

fn main() {
    build_demo_pack();
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri configuration and capabilities are valid");
}

/// What `exposure demo` builds, with its default seed, rows and profile.
fn build_demo_pack() {
    let out = std::path::PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    let dir = out.join("demo");
    // A fresh folder each time: the pack is rebuilt whenever the generator or the builder changes.
    if dir.exists() {
        std::fs::remove_dir_all(&dir).expect("the previous demo folder can be removed");
    }
    exposure_demo::build_demo_pack(&dir, &exposure_demo::DemoOptions::default())
        .expect("the demo pack builds");
}
