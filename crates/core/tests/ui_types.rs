//! Types that cross to TypeScript are generated (DESIGN.md §1): the page's own files may declare
//! no union of string literals and export no type but the few shapes that exist only in the page,
//! listed here with their reason. A hand-written mirror of a Rust type fails this test; its cure
//! is a `ts_rs::TS` derive on the Rust type and an import from the generated bindings.

use std::path::Path;

/// Types only the page has: no Rust type stands behind them.
const PAGE_ONLY: &[(&str, &str)] = &[
    ("Page", "the page's three tabs"),
    ("PackActions", "the callbacks the packs page is drawn with"),
    ("Run", "a piece of text with the language it is in"),
    ("IdleHandlers", "what the kiosk's idle clock calls"),
];

/// The name a line declares as a type or interface, whether exported, and what follows `=`.
fn declaration(line: &str) -> Option<(&str, bool, &str)> {
    let line = line.trim_start();
    let (exported, rest) = match line.strip_prefix("export ") {
        Some(rest) => (true, rest),
        None => (false, line),
    };
    let rest = rest
        .strip_prefix("type ")
        .or_else(|| rest.strip_prefix("interface "))?;
    let name_end = rest
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(rest.len());
    let name = &rest[..name_end];
    let value = rest[name_end..]
        .trim_start()
        .strip_prefix('=')
        .unwrap_or("")
        .trim();
    (!name.is_empty()).then_some((name, exported, value))
}

/// `"a" | "b"`: a union made of string literals only.
fn is_literal_union(value: &str) -> bool {
    let value = value.trim_end_matches(';');
    value.contains('|')
        && value.split('|').map(str::trim).all(|member| {
            member.len() >= 2
                && ((member.starts_with('"') && member.ends_with('"'))
                    || (member.starts_with('\'') && member.ends_with('\'')))
        })
}

/// Every hand-written declaration that looks like a mirror of a Rust type, as `file: name`.
fn mirrors(files: &[(String, String)], generated: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in files {
        for line in text.lines() {
            let Some((name, exported, value)) = declaration(line) else {
                continue;
            };
            if PAGE_ONLY.iter().any(|(allowed, _)| *allowed == name) {
                continue;
            }
            if exported || is_literal_union(value) || generated.iter().any(|g| g == name) {
                found.push(format!("{file}: {name}"));
            }
        }
    }
    found
}

#[test]
fn the_page_declares_no_mirror_of_a_rust_type() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../ui/src");
    let mut generated = Vec::new();
    let mut handwritten = Vec::new();
    for entry in std::fs::read_dir(&src).unwrap().map(Result::unwrap) {
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.ends_with(".ts") || name.ends_with(".test.ts") {
            continue;
        }
        let text = std::fs::read_to_string(entry.path()).unwrap();
        if text.starts_with("// Generated from ") {
            generated.extend(
                text.lines()
                    .filter_map(declaration)
                    .map(|(name, _, _)| name.to_owned()),
            );
        } else {
            handwritten.push((name, text));
        }
    }
    assert!(
        generated.len() >= 20 && generated.iter().any(|n| n == "Kind"),
        "{generated:?}"
    );
    assert!(
        handwritten.len() >= 5,
        "only {} files read",
        handwritten.len()
    );
    let found = mirrors(&handwritten, &generated);
    assert!(
        found.is_empty(),
        "hand-written types in ui/src (derive ts_rs::TS on the Rust type and import it from the \
         bindings, or list a page-only type in PAGE_ONLY): {found:?}"
    );
}

#[test]
fn a_planted_mirror_is_found() {
    let files = [(
        "packs.ts".to_owned(),
        "type Origin = \"added\" | \"demo\";\n\
         type Tab = 'a' | 'b';\n\
         export interface PackShape { id: string }\n\
         type Attrs = Record<string, string>;\n\
         interface Local { x: number }\n\
         interface Kind { phone: string }\n"
            .to_owned(),
    )];
    assert_eq!(
        mirrors(&files, &["Kind".to_owned()]),
        [
            "packs.ts: Origin",
            "packs.ts: Tab",
            "packs.ts: PackShape",
            "packs.ts: Kind"
        ]
    );
}
