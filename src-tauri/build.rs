//! Declares the app's own commands, so Tauri's capability check applies to them as it does to
//! plugin commands: a command that no capability grants cannot be called, from any origin.

const COMMANDS: &[&str] = &[
    "app_state",
    "validate",
    "check",
    "cancel_check",
    "add_packs",
    "remove_pack",
    "guess_costs",
    "idle_reset",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("the Tauri configuration and capabilities are valid");
}
