//! Types that cross to TypeScript are generated (DESIGN.md §1): the page's own files may declare
//! no union of string literals (on one line or spread over several) and export no type but the
//! few shapes that exist only in the page, listed here with their reason; nor may they list the
//! values of a generated type by hand (`const LANGS: Lang[] = ["en", "zh-CN"]`). A hand-written
//! mirror of a Rust type fails this test; its cure is a `ts_rs::TS` derive on the Rust type (or a
//! generated constant) and an import from the generated bindings.

use std::path::Path;

/// Types only the page has: no Rust type stands behind them.
const PAGE_ONLY: &[(&str, &str)] = &[
    ("Page", "the page's three tabs"),
    ("PackActions", "the callbacks the packs page is drawn with"),
    ("Run", "a piece of text with the language it is in"),
    ("IdleHandlers", "what the kiosk's idle clock calls"),
    (
        "Person",
        "an earlier answer kept on the page, with the label typed for it",
    ),
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

/// `'a'` or `"a"`.
fn is_string_literal(text: &str) -> bool {
    text.len() >= 2
        && ((text.starts_with('"') && text.ends_with('"'))
            || (text.starts_with('\'') && text.ends_with('\'')))
}

/// `"a" | "b"`, or `| "a" | "b"` as a union spread over lines reads once joined: a union made
/// of string literals only.
fn is_literal_union(value: &str) -> bool {
    let value = value.trim_end_matches(';').trim();
    let value = value.strip_prefix('|').unwrap_or(value);
    value.contains('|') && value.split('|').map(str::trim).all(is_string_literal)
}

/// The page's statements one per line: a `type` or `const` spread over lines is joined up to the
/// line that ends it with `;` (or up to a blank line), so a union written one member a line reads
/// as the one-line union it is.
fn statements(text: &str) -> Vec<String> {
    let mut found: Vec<String> = Vec::new();
    let mut open = false;
    for line in text.lines().map(str::trim) {
        if open && !line.is_empty() {
            let statement = found.last_mut().expect("an open statement");
            statement.push(' ');
            statement.push_str(line);
        } else {
            found.push(line.to_owned());
            let start = line.strip_prefix("export ").unwrap_or(line);
            open = start.starts_with("type ") || start.starts_with("const ");
        }
        open = open && !line.ends_with(';');
    }
    found
}

/// `const NAME: readonly T[] = ["a", "b"]` with `T` a generated type: the values of a Rust type
/// listed by hand. Returns `NAME`.
fn literal_list_of<'a>(statement: &'a str, generated: &[String]) -> Option<&'a str> {
    let rest = statement.strip_prefix("export ").unwrap_or(statement);
    let (name, rest) = rest.strip_prefix("const ")?.split_once(':')?;
    let (ty, value) = rest.split_once('=')?;
    let ty = ty.trim().strip_prefix("readonly ").unwrap_or(ty.trim());
    let element = ty.strip_suffix("[]")?.trim();
    let items = value
        .trim()
        .trim_end_matches(';')
        .strip_prefix('[')?
        .strip_suffix(']')?;
    let all_literals = items
        .split(',')
        .map(str::trim)
        .filter(|item| !item.is_empty())
        .all(is_string_literal);
    (generated.iter().any(|g| g == element) && all_literals).then_some(name.trim())
}

/// Every hand-written declaration that looks like a mirror of a Rust type, as `file: name`.
fn mirrors(files: &[(String, String)], generated: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    for (file, text) in files {
        for statement in statements(text) {
            if let Some(name) = literal_list_of(&statement, generated) {
                found.push(format!("{file}: {name}"));
                continue;
            }
            let Some((name, exported, value)) = declaration(&statement) else {
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
         interface Kind { phone: string }\n\
         type Protection =\n  | \"weak\"\n  | \"standard\"\n  | \"strong\";\n\
         type Spread =\n  | \"one\"\n  | \"two\"\n\n\
         export const LANGS: readonly Lang[] = [\"en\", \"zh-CN\"];\n\
         const KINDS: Kind[] = [\n  \"phone\",\n  \"email\",\n];\n\
         const DELAYS: number[] = [1, 2];\n\
         const SOME: Kind[] = [\"phone\", other];\n"
            .to_owned(),
    )];
    assert_eq!(
        mirrors(&files, &["Kind".to_owned(), "Lang".to_owned()]),
        [
            "packs.ts: Origin",
            "packs.ts: Tab",
            "packs.ts: PackShape",
            "packs.ts: Kind",
            "packs.ts: Protection",
            "packs.ts: Spread",
            "packs.ts: LANGS",
            "packs.ts: KINDS",
        ]
    );
}

/// The multi-line forms on their own: joined, a union spread over lines is the one-line union.
#[test]
fn a_union_spread_over_lines_reads_as_one_statement() {
    assert_eq!(
        statements("type Page =\n  | 'check'\n  | 'packs';\nconst x = 1;\n"),
        ["type Page = | 'check' | 'packs';", "const x = 1;"]
    );
    assert!(is_literal_union("| 'check' | 'packs';"));
    assert!(!is_literal_union("| 'check' | Other"));
}
