//! The CLI's side of localization: choosing the language, and `fl!`, which formats a message of
//! the shared Fluent files in it. Message ids used with `fl!` are checked against the files by a
//! test in `exposure-core` (`every_message_id_used_in_the_sources_exists`).

use std::ffi::OsString;
use std::io::Write;

use exposure_core::l10n::{Lang, language_from_env, set_language};

/// Formats a message of the shared Fluent files in the current language.
macro_rules! fl {
    ($id:literal) => {
        exposure_core::l10n::localizer().format($id, &[])
    };
    ($id:literal, $($name:ident = $value:expr),+ $(,)?) => {
        exposure_core::l10n::localizer().format(
            $id,
            &[$((stringify!($name), exposure_core::l10n::MessageArg::from($value))),+],
        )
    };
}
pub(crate) use fl;

/// Sets the language before clap runs, so that help text is localized too: `--lang` wins, then
/// the environment's locale, then the system's.
pub fn init_from_args(args: impl IntoIterator<Item = OsString>) {
    let args: Vec<String> = args
        .into_iter()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    let from_flag = args.iter().enumerate().find_map(|(i, arg)| {
        if arg == "--lang" {
            args.get(i + 1).cloned()
        } else {
            arg.strip_prefix("--lang=").map(str::to_owned)
        }
    });
    let lang = from_flag
        .as_deref()
        .and_then(Lang::negotiate)
        .unwrap_or_else(|| language_from_env(sys_locale::get_locale()));
    set_language(lang);
}

/// Parses `--lang`'s value.
pub fn parse_lang(value: &str) -> Result<Lang, String> {
    Lang::negotiate(value).ok_or_else(|| fl!("cli-unknown-lang", lang = value))
}

/// Prints `error: message` on standard error, localized.
pub fn eprint_error(message: &str) {
    let mut stderr = std::io::stderr().lock();
    let _ = writeln!(stderr, "{}", fl!("cli-error-prefix", message = message));
}
