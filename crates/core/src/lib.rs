//! Exposure's core: everything between what a person types and the answer "these leaks hold you".
//!
//! Data flows one way (DESIGN.md §1): input → [`identifier`] (normalize) → [`keys`] (argon2id, per
//! pack) → [`pack`] (lookup) → [`check`] (findings, advice, the cost of guessing) → a face (the CLI
//! or the desktop app, the latter through [`view`]). [`trust`] says who vouches for a pack, and
//! [`library`] holds the packs on this computer. The curator's pipeline (`exposure-build`) runs the
//! same `identifier` and `keys` code on every dump row, so a value normalizes identically on both
//! sides by construction. Long work (a build, a check's hashing) reports through one
//! [`progress::Progress`] and stops at one [`progress::Cancel`].
//!
//! This crate prints nothing, opens no socket and knows nothing of Tauri: faces turn its typed
//! errors and [`l10n::Message`]s into sentences.

pub mod check;
pub mod classes;
pub mod files;
pub mod identifier;
pub mod keys;
pub mod l10n;
pub mod library;
pub mod pack;
pub mod progress;
pub mod trust;
pub mod view;
