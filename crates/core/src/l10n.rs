//! Localized messages, from the Fluent files under `locales/` that the CLI and the desktop UI share.
//!
//! The library never prints; it describes what happened as a [`Message`] (a Fluent id and its
//! arguments). Errors render themselves through the current language at `Display` time, as in
//! `age`, and the desktop app ships the id and arguments across IPC so its UI renders them from
//! the very same `.ftl` files.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::fmt::Write as _;
use std::sync::{OnceLock, RwLock};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::Serialize;
use unic_langid::LanguageIdentifier;

/// The languages Exposure speaks. English is the fallback for any message a translation lacks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, ts_rs::TS)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    /// Simplified Chinese, as written in mainland China.
    #[serde(rename = "zh-CN")]
    ZhCn,
    /// Traditional Chinese, as written in Taiwan and Hong Kong.
    #[serde(rename = "zh-TW")]
    ZhTw,
}

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::ZhCn, Lang::ZhTw];

    pub const fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhCn => "zh-CN",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// Picks the language for a BCP 47 or POSIX locale tag (`zh_CN.UTF-8`, `zh-Hant`, `en-GB`).
    /// Chinese is Traditional where it is written so: the Traditional script (`zh-Hant`, any
    /// region), Taiwan, Hong Kong and Macau; any other Chinese gets Simplified.
    pub fn negotiate(tag: &str) -> Option<Lang> {
        let mut subtags = tag
            .split(['.', '@'])
            .next()
            .unwrap_or("")
            .split(['-', '_'])
            .map(str::to_ascii_lowercase);
        match subtags.next()?.as_str() {
            "zh" => {
                let rest: Vec<String> = subtags.collect();
                let traditional = rest.iter().any(|s| s == "hant")
                    || (!rest.iter().any(|s| s == "hans")
                        && rest
                            .iter()
                            .any(|s| matches!(s.as_str(), "tw" | "hk" | "mo")));
                Some(if traditional { Lang::ZhTw } else { Lang::ZhCn })
            }
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../../locales/en/exposure.ftl"),
            Lang::ZhCn => include_str!("../../../locales/zh-CN/exposure.ftl"),
            Lang::ZhTw => include_str!("../../../locales/zh-TW/exposure.ftl"),
        }
    }
}

/// An argument of a [`Message`].
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(untagged)]
pub enum MessageArg {
    Str(String),
    // Serialized as a JSON number, as every count Exposure shows fits one exactly.
    #[ts(type = "number")]
    Int(i64),
    // The same TypeScript `number` as `Int`: left out of the declaration, which would repeat it.
    #[ts(skip)]
    Float(f64),
}

impl From<&str> for MessageArg {
    fn from(value: &str) -> Self {
        MessageArg::Str(value.to_owned())
    }
}
impl From<Cow<'_, str>> for MessageArg {
    fn from(value: Cow<'_, str>) -> Self {
        MessageArg::Str(value.into_owned())
    }
}
impl From<String> for MessageArg {
    fn from(value: String) -> Self {
        MessageArg::Str(value)
    }
}
impl From<u64> for MessageArg {
    fn from(value: u64) -> Self {
        MessageArg::Int(i64::try_from(value).unwrap_or(i64::MAX))
    }
}
impl From<usize> for MessageArg {
    fn from(value: usize) -> Self {
        MessageArg::from(value as u64)
    }
}
impl From<u32> for MessageArg {
    fn from(value: u32) -> Self {
        MessageArg::Int(i64::from(value))
    }
}
impl From<i64> for MessageArg {
    fn from(value: i64) -> Self {
        MessageArg::Int(value)
    }
}
impl From<f64> for MessageArg {
    fn from(value: f64) -> Self {
        MessageArg::Float(value)
    }
}
/// A path is shown through [`safe_line`]: a file name is anyone's text, and every error that
/// names a file goes through here.
impl From<&std::path::Path> for MessageArg {
    fn from(value: &std::path::Path) -> Self {
        MessageArg::Str(safe_line(&value.display().to_string()).into_owned())
    }
}

/// Text from outside the program (a pack's title or curator, a breach's description, a file
/// name) made safe to show as one line of a terminal or a page: control characters (C0, DEL,
/// C1), line and paragraph separators, and the invisible marks that reorder text (bidi
/// embeddings, overrides, isolates and marks) become visible escapes such as `\x1b` or
/// `\u{202e}`; everything else is unchanged. Without this, a hostile pack could drive the
/// terminal with escape sequences, or print a forged line such as "signature: trusted" over the
/// real one.
pub fn safe_line(text: &str) -> Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(
                c,
                '\u{061c}'
                    | '\u{200e}'
                    | '\u{200f}'
                    | '\u{2028}'
                    | '\u{2029}'
                    | '\u{202a}'..='\u{202e}'
                    | '\u{2066}'..='\u{2069}'
            )
    }
    if !text.chars().any(hidden) {
        return Cow::Borrowed(text);
    }
    let mut safe = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        let code = u32::from(c);
        // Writing to a String cannot fail.
        let _ = match c {
            c if !hidden(c) => write!(safe, "{c}"),
            _ if code <= 0xff => write!(safe, "\\x{code:02x}"),
            _ => write!(safe, "\\u{{{code:x}}}"),
        };
    }
    Cow::Owned(safe)
}

/// A user-facing sentence, not yet in any language.
#[derive(Debug, Clone, PartialEq, Serialize, ts_rs::TS)]
#[serde(rename_all = "camelCase")]
pub struct Message {
    #[ts(type = "string")]
    pub message_id: &'static str,
    #[ts(type = "Record<string, MessageArg>")]
    pub args: BTreeMap<&'static str, MessageArg>,
}

impl Message {
    pub fn new(message_id: &'static str) -> Message {
        Message {
            message_id,
            args: BTreeMap::new(),
        }
    }

    pub fn arg(mut self, name: &'static str, value: impl Into<MessageArg>) -> Message {
        self.args.insert(name, value.into());
        self
    }
}

/// Renders in the current language (see [`set_language`]).
impl fmt::Display for Message {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&localizer().message(self))
    }
}

/// The project's own words for what went wrong with a file, chosen by the kind of the operating
/// system's error: its English text (`entity not found`, `invalid data`) never reaches a person,
/// whatever the language. The words are a reason, shown inside a sentence that names the file.
pub fn io_reason(kind: std::io::ErrorKind) -> Message {
    use std::io::ErrorKind;
    Message::new(match kind {
        ErrorKind::NotFound => "io-not-found",
        ErrorKind::PermissionDenied => "io-permission-denied",
        ErrorKind::IsADirectory => "io-is-a-directory",
        ErrorKind::NotADirectory => "io-not-a-directory",
        ErrorKind::AlreadyExists => "io-already-exists",
        ErrorKind::InvalidData => "io-invalid-data",
        ErrorKind::UnexpectedEof => "io-truncated",
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "io-storage-full",
        ErrorKind::ReadOnlyFilesystem => "io-read-only",
        ErrorKind::FileTooLarge => "io-too-large",
        ErrorKind::OutOfMemory => "io-out-of-memory",
        ErrorKind::WouldBlock => "io-would-block",
        _ => "io-other",
    })
}

/// Formats messages in one language, falling back to English message by message.
pub struct Localizer {
    lang: Lang,
    bundle: FluentBundle<FluentResource>,
    fallback: Option<FluentBundle<FluentResource>>,
}

impl fmt::Debug for Localizer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Localizer")
            .field("lang", &self.lang)
            .finish()
    }
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: LanguageIdentifier = lang.tag().parse().expect("valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Unicode isolation marks show up as stray characters in terminals and break copy and paste;
    // the arguments here are numbers, kinds and paths, never right-to-left text.
    bundle.set_use_isolating(false);
    // The .ftl files are compiled in and checked by tests, so a syntax error cannot ship.
    let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(|(res, _)| res);
    bundle.add_resource_overriding(resource);
    bundle
}

impl Localizer {
    pub fn new(lang: Lang) -> Localizer {
        Localizer {
            lang,
            bundle: bundle(lang),
            fallback: (lang != Lang::En).then(|| bundle(Lang::En)),
        }
    }

    pub fn message(&self, message: &Message) -> String {
        let args: Vec<(&str, MessageArg)> = message
            .args
            .iter()
            .map(|(name, value)| (*name, value.clone()))
            .collect();
        self.format(message.message_id, &args)
    }

    /// Formats `id` with `args`; an id missing from every bundle comes back as the id itself, so
    /// a gap in a translation shows up as text a developer can grep for, never as a panic.
    pub fn format(&self, id: &str, args: &[(&str, MessageArg)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                MessageArg::Str(s) => FluentValue::from(s.as_str()),
                MessageArg::Int(i) => FluentValue::from(*i),
                MessageArg::Float(x) => FluentValue::from(*x),
            };
            fluent_args.set(*name, value);
        }
        for bundle in std::iter::once(&self.bundle).chain(&self.fallback) {
            if let Some(pattern) = bundle.get_message(id).and_then(|m| m.value()) {
                let mut errors = Vec::new();
                return bundle
                    .format_pattern(pattern, Some(&fluent_args), &mut errors)
                    .into_owned();
            }
        }
        id.to_owned()
    }
}

#[cfg(test)]
impl Localizer {
    /// Whether this language's own file defines `id` (no fallback).
    pub(crate) fn has_own(&self, id: &str) -> bool {
        self.bundle.has_message(id)
    }
}

static LOCALIZERS: OnceLock<[Localizer; Lang::ALL.len()]> = OnceLock::new();
static CURRENT: RwLock<Lang> = RwLock::new(Lang::En);

/// The localizer of `lang`; built once per process.
pub fn localizer_for(lang: Lang) -> &'static Localizer {
    let all = LOCALIZERS.get_or_init(|| Lang::ALL.map(Localizer::new));
    &all[Lang::ALL.iter().position(|l| *l == lang).expect("listed")]
}

/// The localizer of the current language.
pub fn localizer() -> &'static Localizer {
    localizer_for(current_language())
}

pub fn current_language() -> Lang {
    *CURRENT
        .read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Sets the language errors and messages render in, for the whole process.
pub fn set_language(lang: Lang) {
    *CURRENT
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = lang;
}

/// The language of the user's environment: `LC_ALL`, `LC_MESSAGES`, `LANG`, then the system's
/// own setting; English when none is one we speak.
pub fn language_from_env(system_locale: Option<String>) -> Lang {
    ["LC_ALL", "LC_MESSAGES", "LANG"]
        .iter()
        .filter_map(|var| std::env::var(var).ok())
        .find(|value| !value.is_empty())
        .or(system_locale)
        .and_then(|tag| Lang::negotiate(&tag))
        .unwrap_or(Lang::En)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use fluent_bundle::FluentResource;
    use fluent_syntax::ast;

    use super::*;

    fn messages(lang: Lang) -> BTreeMap<String, BTreeSet<String>> {
        let resource = FluentResource::try_new(lang.source().to_owned())
            .unwrap_or_else(|(_, errors)| panic!("{} does not parse: {errors:?}", lang.tag()));
        let mut out = BTreeMap::new();
        for entry in resource.entries() {
            if let ast::Entry::Message(message) = entry {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    collect_variables(pattern, &mut variables);
                }
                out.insert(message.id.name.to_owned(), variables);
            }
        }
        out
    }

    fn collect_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                collect_expression(expression, out);
            }
        }
    }

    fn collect_expression(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Inline(inline) => collect_inline(inline, out),
            ast::Expression::Select { selector, variants } => {
                collect_inline(selector, out);
                for variant in variants {
                    collect_variables(&variant.value, out);
                }
            }
        }
    }

    fn collect_inline(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                out.insert(id.name.to_owned());
            }
            ast::InlineExpression::Placeable { expression } => collect_expression(expression, out),
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for arg in &arguments.positional {
                    collect_inline(arg, out);
                }
            }
            _ => {}
        }
    }

    #[test]
    fn every_language_defines_the_same_messages_with_the_same_variables() {
        let english = messages(Lang::En);
        assert!(english.len() > 50, "the English file looks truncated");
        for lang in Lang::ALL.into_iter().filter(|lang| *lang != Lang::En) {
            let other = messages(lang);
            let missing: Vec<_> = english
                .keys()
                .filter(|id| !other.contains_key(*id))
                .collect();
            let extra: Vec<_> = other
                .keys()
                .filter(|id| !english.contains_key(*id))
                .collect();
            assert!(missing.is_empty(), "{} lacks {missing:?}", lang.tag());
            assert!(extra.is_empty(), "{} has unknown {extra:?}", lang.tag());
            for (id, variables) in &english {
                assert_eq!(
                    &other[id],
                    variables,
                    "{}: {id} takes other variables",
                    lang.tag()
                );
            }
        }
    }

    /// Every string literal of the Rust sources shaped like a message id of a known family
    /// (`"attack-phone-all"`, `"row-problem-…"`: the part before the first `-` is the prefix of some
    /// message) names a message that exists in every language: the check `i18n-embed-fl` does at
    /// compile time, done here once for the whole workspace, whatever call the id is passed to.
    #[test]
    fn every_message_id_used_in_the_sources_exists() {
        let english = messages(Lang::En);
        let families: BTreeSet<&str> = english
            .keys()
            .filter_map(|id| id.split_once('-').map(|(family, _)| family))
            .collect();
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut used = BTreeSet::new();
        let mut stack = vec![root.join("crates"), root.join("src-tauri/src")];
        while let Some(dir) = stack.pop() {
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("core/src/l10n.rs")
                    && !path.ends_with("tests.rs")
                    && !path.iter().any(|part| part == "tests")
                {
                    let text = std::fs::read_to_string(&path).unwrap();
                    // Test code names made-up packs and ids; it is not what the faces show.
                    let code = text.split("#[cfg(test)]").next().unwrap_or_default();
                    // Between two quotes: the odd pieces are literals (close enough for ids).
                    for literal in code.split('"').skip(1).step_by(2) {
                        // `demo-police-2022`: a breach slug ends in its year; no message id does.
                        let year = literal.rsplit('-').next().is_some_and(|last| {
                            last.len() == 4 && last.chars().all(|c| c.is_ascii_digit())
                        });
                        let shaped = literal.split_once('-').is_some_and(|(family, rest)| {
                            families.contains(family)
                                && !year
                                && !rest.is_empty()
                                && literal.chars().all(|c| {
                                    c.is_ascii_lowercase() || c.is_ascii_digit() || "-_".contains(c)
                                })
                        });
                        if shaped {
                            used.insert((literal.to_owned(), path.display().to_string()));
                        }
                    }
                }
            }
        }
        let ids: BTreeSet<&str> = used.iter().map(|(id, _)| id.as_str()).collect();
        assert!(ids.len() > 150, "the scan found too few ids: {ids:?}");
        for family in [
            "attack-",
            "row-problem-",
            "kind-",
            "advice-",
            "class-",
            "invalid-",
        ] {
            assert!(
                ids.iter().filter(|id| id.starts_with(family)).count() >= 3,
                "the scan found no {family} ids: {ids:?}"
            );
        }
        for lang in Lang::ALL {
            let defined = messages(lang);
            let unknown: Vec<_> = used
                .iter()
                .filter(|(id, _)| !defined.contains_key(id))
                .collect();
            assert!(
                unknown.is_empty(),
                "unknown {} message ids: {unknown:?}",
                lang.tag()
            );
        }
    }

    #[test]
    fn chinese_locales_negotiate_to_the_script_they_are_written_in() {
        for tag in [
            "zh_CN.UTF-8",
            "zh-CN",
            "zh-Hans",
            "zh-Hans-HK",
            "zh_SG",
            "zh",
        ] {
            assert_eq!(Lang::negotiate(tag), Some(Lang::ZhCn), "{tag}");
        }
        for tag in [
            "zh_TW.UTF-8",
            "zh-TW",
            "zh_HK.UTF-8",
            "zh_MO",
            "zh-Hant",
            "zh-Hant-CN",
            "ZH_tw",
            "zh_TW.Big5@stroke",
        ] {
            assert_eq!(Lang::negotiate(tag), Some(Lang::ZhTw), "{tag}");
        }
        for tag in ["en_US.UTF-8", "en-GB", "C.UTF-8", "fr_FR", "", "tw", "hant"] {
            assert!(
                !matches!(Lang::negotiate(tag), Some(Lang::ZhCn | Lang::ZhTw)),
                "{tag}"
            );
        }
    }

    #[test]
    fn the_traditional_chinese_file_is_in_traditional_characters() {
        // Characters that exist only in Simplified writing, each common in what Exposure says.
        const SIMPLIFIED_ONLY: &str = "们这数据报时问为进个过发说对会见关号码护载录页选择删输显隐设网络应该请确认务泄实证绝钥";
        let traditional = Lang::ZhTw.source();
        let found: Vec<char> = SIMPLIFIED_ONLY
            .chars()
            .filter(|c| traditional.contains(*c))
            .collect();
        assert!(
            found.is_empty(),
            "Simplified characters in zh-TW: {found:?}"
        );
        let simplified = Lang::ZhCn.source();
        assert!(
            SIMPLIFIED_ONLY
                .chars()
                .filter(|c| simplified.contains(*c))
                .count()
                > 30,
            "the list no longer matches the Simplified file"
        );
    }

    #[test]
    fn untrusted_text_is_shown_as_one_line_with_its_hidden_characters_escaped() {
        assert!(matches!(safe_line("张伟 (2022) «ok»"), Cow::Borrowed(_)));
        assert_eq!(
            safe_line("a\x1b[2Jb\x07c\rd\ne\x7f\u{85}\tf"),
            "a\\x1b[2Jb\\x07c\\x0dd\\x0ae\\x7f\\x85\\x09f"
        );
        assert_eq!(
            safe_line("\u{202e}gpj.exe\u{202c}\u{2066}\u{2069}\u{200f}\u{2028}"),
            "\\u{202e}gpj.exe\\u{202c}\\u{2066}\\u{2069}\\u{200f}\\u{2028}"
        );
        let path = std::path::Path::new("/tmp/evil\x1b]0;x\x07\u{202e}.exposure");
        assert_eq!(
            MessageArg::from(path),
            MessageArg::Str("/tmp/evil\\x1b]0;x\\x07\\u{202e}.exposure".to_owned())
        );
    }

    #[test]
    fn a_message_renders_with_its_arguments_in_each_language() {
        let message = Message::new("check-summary-found").arg("count", 2u64);
        let rendered: Vec<String> = Lang::ALL
            .iter()
            .map(|lang| localizer_for(*lang).message(&message))
            .collect();
        for (i, text) in rendered.iter().enumerate() {
            assert!(text.contains('2'), "{text}");
            assert!(!rendered[..i].contains(text), "{text} twice: {rendered:?}");
        }
    }
}
