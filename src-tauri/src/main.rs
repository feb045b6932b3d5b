//! `exposure-desktop`: the Exposure app. This file only reads the command line and decides the
//! exit status; the app lives in the library.

// No console window beside the app on Windows release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::Parser;
use exposure_core::l10n::Lang;

/// Check offline whether your personal data is in a known leak.
#[derive(Debug, Parser)]
#[command(name = "exposure-desktop", version)]
struct Cli {
    /// A pack to check against (repeatable); used before the packs folders.
    #[arg(long = "pack", value_name = "PACK")]
    packs: Vec<PathBuf>,
    /// Use only the built-in demo pack (synthetic people), whatever the packs folders hold.
    #[arg(long, conflicts_with = "packs")]
    demo: bool,
    /// Kiosk mode: full screen, no file access, everything wiped after the idle timeout.
    #[arg(long)]
    kiosk: bool,
    /// Seconds without a key press or touch before kiosk mode wipes the screen.
    #[arg(long, value_name = "SECONDS", default_value_t = 90, value_parser = clap::value_parser!(u64).range(5..=86_400))]
    idle_timeout: u64,
    /// The language to start in: en, zh-CN or zh-TW (default: the system's).
    #[arg(long, value_name = "LANG", value_parser = parse_lang)]
    lang: Option<Lang>,
}

fn parse_lang(tag: &str) -> Result<Lang, String> {
    Lang::negotiate(tag).ok_or_else(|| format!("unknown language {tag:?}: use en, zh-CN or zh-TW"))
}

#[allow(clippy::print_stderr)]
fn main() -> ExitCode {
    let cli = Cli::parse();
    let options = exposure_desktop::Options {
        packs: cli.packs,
        demo: cli.demo,
        kiosk: cli.kiosk,
        idle_timeout: Duration::from_secs(cli.idle_timeout),
        lang: cli.lang,
    };
    match exposure_desktop::run(options) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("exposure-desktop: {error}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn a_kiosk_idle_timeout_below_five_seconds_is_refused() {
        assert!(
            Cli::try_parse_from(["exposure-desktop", "--kiosk", "--idle-timeout", "2"]).is_err()
        );
        let cli =
            Cli::try_parse_from(["exposure-desktop", "--kiosk", "--lang", "zh_CN.UTF-8"]).unwrap();
        assert_eq!(
            (cli.kiosk, cli.idle_timeout, cli.lang),
            (true, 90, Some(Lang::ZhCn))
        );
        let cli = Cli::try_parse_from(["exposure-desktop", "--lang", "zh_HK.UTF-8"]).unwrap();
        assert_eq!(cli.lang, Some(Lang::ZhTw));
    }

    #[test]
    fn the_demo_pack_alone_cannot_be_combined_with_named_packs() {
        assert!(
            Cli::try_parse_from(["exposure-desktop", "--demo", "--pack", "a.exposure"]).is_err()
        );
    }
}
