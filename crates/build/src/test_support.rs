//! Helpers the builder's unit tests share.

use std::path::Path;

/// Every name in `dir`, sorted: what a test compares before and after work that must leave
/// nothing behind.
pub(crate) fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}
