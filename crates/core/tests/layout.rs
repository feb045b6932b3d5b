//! The layout's one rule that code can break unnoticed (DESIGN.md §1): no module imports a module
//! that imports it back. Every crate of the workspace (`crates/*`, `src-tauri`) is read; the edges
//! are the `crate::x` and `super::x` paths of each file's non-test code, folded to the top-level
//! modules they name, and any cycle among those fails the test with its path.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A crate's top-level modules and which others each one names.
type Graph = BTreeMap<String, BTreeSet<String>>;

/// One source file: its module path inside the crate (`["pack", "open"]` for
/// `src/pack/open.rs`; empty for `lib.rs` and `main.rs`) and its text.
struct Source {
    module: Vec<String>,
    code: String,
}

fn module_path(relative: &Path) -> Vec<String> {
    let mut parts: Vec<String> = relative
        .iter()
        .map(|part| part.to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.last_mut() {
        *last = last.trim_end_matches(".rs").to_owned();
    }
    if parts
        .last()
        .is_some_and(|last| ["mod", "lib", "main"].contains(&last.as_str()))
    {
        parts.pop();
    }
    parts
}

fn sources(src: &Path) -> Vec<Source> {
    let mut found = Vec::new();
    let mut dirs = vec![src.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().map(Result::unwrap) {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().into_owned();
            if path.is_dir() {
                if name != "tests" {
                    dirs.push(path);
                }
            } else if name.ends_with(".rs") && !name.starts_with("test") {
                let code = std::fs::read_to_string(&path).unwrap();
                found.push(Source {
                    module: module_path(path.strip_prefix(src).unwrap()),
                    code,
                });
            }
        }
    }
    found
}

/// The module names that follow `prefix` (`crate::`, `super::`) in `code`, grouped imports
/// (`crate::{a::B, c}`) included.
fn named_after(code: &str, prefix: &str) -> Vec<String> {
    let ident = |text: &str| -> String {
        text.chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut names = Vec::new();
    for (at, _) in code.match_indices(prefix) {
        let before = code[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue;
        }
        let rest = &code[at + prefix.len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let mut depth = 0usize;
            let mut start = 0;
            for (i, c) in group.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => {
                        names.push(ident(group[start..i].trim_start()));
                        break;
                    }
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        names.push(ident(group[start..i].trim_start()));
                        start = i + 1;
                    }
                    _ => {}
                }
            }
        } else {
            names.push(ident(rest));
        }
    }
    names.retain(|name| name.starts_with(|c: char| c.is_ascii_lowercase() || c == '_'));
    names
}

/// The edges between a crate's top-level modules. Only names that are top-level modules count
/// (`crate::run` may be a function of the crate root); test code (from the first
/// `#[cfg(test)]` on) is left out, as a test may reach anywhere.
fn graph(sources: &[Source]) -> Graph {
    let tops: BTreeSet<String> = sources
        .iter()
        .filter_map(|source| source.module.first().cloned())
        .collect();
    let mut graph = Graph::new();
    for source in sources {
        let Some(top) = source.module.first() else {
            continue;
        };
        let code = source.code.split("#[cfg(test)]").next().unwrap_or("");
        let mut named = named_after(code, "crate::");
        // `super::x` in a top-level module is a sibling; deeper down it stays inside `top`.
        if source.module.len() == 1 {
            named.extend(named_after(code, "super::"));
        }
        let edges = graph.entry(top.clone()).or_default();
        edges.extend(
            named
                .into_iter()
                .filter(|name| name != top && tops.contains(name)),
        );
    }
    graph
}

/// The modules reachable from `start` (itself only by a cycle).
fn reachable(graph: &Graph, start: &str) -> BTreeSet<String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = graph
        .get(start)
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    while let Some(node) = stack.pop() {
        if seen.insert(node.to_owned()) {
            stack.extend(graph.get(node).into_iter().flatten().map(String::as_str));
        }
    }
    seen
}

/// The groups of modules that import each other, directly or around a longer cycle: each group
/// sorted, the groups in order.
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    let reach: BTreeMap<&str, BTreeSet<String>> = graph
        .keys()
        .map(|node| (node.as_str(), reachable(graph, node)))
        .collect();
    let mut groups = BTreeSet::new();
    for (node, from) in &reach {
        if !from.contains(*node) {
            continue;
        }
        let group: Vec<String> = from
            .iter()
            .filter(|other| {
                reach
                    .get(other.as_str())
                    .is_some_and(|back| back.contains(*node))
            })
            .cloned()
            .collect();
        groups.insert(group);
    }
    groups.into_iter().collect()
}

fn crates() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut found: Vec<PathBuf> = std::fs::read_dir(root.join("crates"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    found.push(root.join("src-tauri"));
    found.retain(|dir| dir.join("src").is_dir());
    found.sort();
    found
}

#[test]
fn no_module_imports_a_module_that_imports_it_back() {
    let crates = crates();
    assert!(crates.len() >= 3, "{crates:?}");
    let mut modules = 0;
    let mut found: Vec<(String, Vec<String>)> = Vec::new();
    for dir in crates {
        let graph = graph(&sources(&dir.join("src")));
        modules += graph.len();
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        found.extend(
            cycles(&graph)
                .into_iter()
                .map(|group| (name.clone(), group)),
        );
    }
    assert!(modules >= 20, "only {modules} modules read");
    assert!(
        found.is_empty(),
        "modules that import each other, by crate (make each dependency run one way): {found:?}"
    );
}

/// The CLI's args module is a leaf (DESIGN.md §1, ripgrep's lowargs): it describes the command
/// line and names no verb, so a verb can never be reached from the parsing it depends on.
#[test]
fn the_clis_args_module_names_no_other_module_of_the_cli() {
    let cli = crates()
        .into_iter()
        .find(|dir| dir.ends_with("crates/cli"))
        .expect("the CLI crate");
    let graph = graph(&sources(&cli.join("src")));
    let args = graph.get("args").expect("crates/cli/src/args.rs");
    // Localized help text is the one thing the description of the command line needs.
    let allowed: BTreeSet<String> = ["l10n".to_owned()].into();
    assert!(
        args.is_subset(&allowed),
        "args names {:?}",
        args.difference(&allowed).collect::<Vec<_>>()
    );
}

fn source(module: &str, code: &str) -> Source {
    Source {
        module: module.split("::").map(str::to_owned).collect(),
        code: code.to_owned(),
    }
}

#[test]
fn a_planted_cycle_is_found() {
    let planted = [
        source("plan", "use crate::{dump::{Header, read}, keys};\n"),
        source("dump", "use crate::keys::Key;\nuse super::report;\n"),
        source("report", "pub fn f() { crate::plan::parse() }\n"),
        source("keys", "#[cfg(test)]\nmod tests { use crate::plan; }\n"),
    ];
    assert_eq!(
        cycles(&graph(&planted)),
        [["dump", "plan", "report"].map(String::from).to_vec()]
    );
}

#[test]
fn one_way_edges_test_code_and_inner_super_paths_are_no_cycle() {
    let fine = [
        source("plan", "use crate::{dump::Header, keys};\n"),
        source("dump", "use crate::keys::Key;\n"),
        source("keys", "#[cfg(test)]\nmod tests { use crate::plan; }\n"),
        source("keys::argon", "use super::plan;\n"),
        source("plan::toml", "use super::super::dump;\n"),
    ];
    assert!(cycles(&graph(&fine)).is_empty());
}
