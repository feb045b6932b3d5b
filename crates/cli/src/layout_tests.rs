//! The CLI's layout holds (DESIGN.md §1): no module imports a module that imports it back, and
//! the args module is a leaf that imports no verb. The edges are read from the sources, so a
//! cycle that comes back fails here, not in a reviewer's head.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Every module of this crate but the root, by path (`pack::info`), with the crate modules its
/// source names (`crate::x`, `crate::x::y`), comments left out.
fn edges() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    let mut stack = vec![src.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("main.rs") {
                files.push(path);
            }
        }
    }
    let module = |path: &Path| -> String {
        let relative = path.strip_prefix(&src).unwrap().with_extension("");
        let parts: Vec<String> = relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        parts.join("::")
    };
    let modules: BTreeSet<String> = files.iter().map(|f| module(f)).collect();
    let mut graph = BTreeMap::new();
    for file in &files {
        let from = module(file);
        let text = std::fs::read_to_string(file).unwrap();
        let mut targets = BTreeSet::new();
        for line in text.lines() {
            let code = line.split("//").next().unwrap_or("");
            for piece in code.split("crate::").skip(1) {
                let path: String = piece
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
                // The longest module path the reference starts with: `pack::info`, else `pack`.
                let target = (1..=segments.len())
                    .rev()
                    .map(|n| segments[..n].join("::"))
                    .find(|candidate| modules.contains(candidate));
                if let Some(target) = target.filter(|t| *t != from) {
                    targets.insert(target);
                }
            }
        }
        graph.insert(from, targets);
    }
    graph
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let graph = edges();
    assert!(
        graph.len() > 10,
        "the scan found too few modules: {graph:?}"
    );
    assert!(graph["check"].contains("args"), "the scan misses edges");
    // Depth-first search for a path back to where it started.
    for start in graph.keys() {
        let mut stack: Vec<Vec<&String>> = vec![vec![start]];
        while let Some(path) = stack.pop() {
            for next in &graph[*path.last().unwrap()] {
                assert!(next != start, "module cycle: {path:?} -> {next}");
                if !path.contains(&next) {
                    let mut longer = path.clone();
                    longer.push(next);
                    stack.push(longer);
                }
            }
        }
    }
}

#[test]
fn the_args_module_imports_no_verb() {
    let graph = edges();
    let allowed: BTreeSet<String> = ["l10n".to_owned()].into();
    assert!(
        graph["args"].is_subset(&allowed),
        "args imports {:?}",
        graph["args"]
    );
}
