//! Command-line syntax (DESIGN.md §6): clap definitions and the parsers of single values only.
//! A leaf: it imports no verb; `main.rs` dispatches each command to its verb's module.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use exposure_build::pipeline::MAX_THREADS;
use exposure_build::shard::{MAX_SHARDS, Shard};
use exposure_core::identifier::Region;
use exposure_core::keys::cost::Profile;
use exposure_core::l10n::Lang;

use crate::l10n::fl;

#[derive(Debug, Parser)]
#[command(name = "exposure", version, about = fl!("cli-about"), long_about = fl!("cli-long-about"))]
pub struct Cli {
    /// Language of messages: en, zh-CN or zh-TW (default: from the system locale).
    #[arg(long, global = true, value_name = "LANG", value_parser = crate::l10n::parse_lang, help = fl!("cli-lang-help"))]
    pub lang: Option<Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    #[command(about = fl!("cli-build-about"))]
    Build(BuildArgs),
    #[command(about = fl!("cli-check-about"), long_about = fl!("cli-check-long-about"))]
    Check(CheckArgs),
    #[command(about = fl!("cli-normalize-about"))]
    Normalize(NormalizeArgs),
    #[command(subcommand, about = fl!("cli-pack-about"))]
    Pack(PackCommand),
    #[command(about = fl!("cli-demo-about"))]
    Demo(DemoArgs),
    #[command(about = fl!("cli-completions-about"))]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    #[command(about = fl!("cli-man-about"))]
    Man,
    /// The argon2 limit of this machine, for `scripts/bench`: a plain loop of the same argon2id
    /// calls a build or check makes, on all cores. Prints one JSON object.
    #[command(hide = true)]
    BenchLimit(BenchLimitArgs),
    /// Parsing alone, for `scripts/bench`: reads every row of a plan's dumps, normalizes nothing,
    /// and prints one JSON object with the rows per second.
    #[command(hide = true)]
    BenchParse {
        #[arg(value_name = "PLAN.toml")]
        plan: PathBuf,
    },
    /// Opening a pack and looking keys up in it, for `scripts/bench pack`: times the open, the
    /// first lookup (what a cold page cache costs, once the script has evicted the file) and the
    /// lookups after it, of random keys. Prints one JSON object.
    #[command(hide = true)]
    BenchLookup {
        #[arg(value_name = "PACK")]
        pack: PathBuf,
        #[arg(long, value_name = "N", default_value_t = 1000)]
        lookups: u32,
    },
}

#[derive(Debug, Args)]
pub struct BenchLimitArgs {
    #[arg(long, value_enum, default_value_t = ProfileArg::Test)]
    pub profile: ProfileArg,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64))]
    pub threads: Option<u16>,
    /// Hash exactly this many identifiers and time them (a check's work); else hash for SECONDS.
    #[arg(long, value_name = "N")]
    pub jobs: Option<u64>,
    #[arg(long, value_name = "SECONDS", default_value_t = 3.0)]
    pub seconds: f64,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[arg(value_name = "PLAN.toml", help = fl!("cli-build-plan-help"))]
    pub plan: PathBuf,
    #[arg(long, value_name = "PACK", required_unless_present = "shard", help = fl!("cli-build-out-help"))]
    pub out: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = ProfileArg::Standard, help = fl!("cli-build-profile-help"))]
    pub profile: ProfileArg,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=MAX_THREADS as i64), help = fl!("cli-build-threads-help"))]
    pub threads: Option<u16>,
    #[arg(long, value_name = "SIZE", value_parser = parse_size, help = fl!("cli-build-memory-help"))]
    pub memory: Option<u64>,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=i64::from(MAX_SHARDS)), conflicts_with_all = ["shard", "shards"], help = fl!("cli-build-init-shards-help"))]
    pub init_shards: Option<u32>,
    #[arg(long, value_name = "I/N", value_parser = parse_shard, requires = "shards", conflicts_with = "out", help = fl!("cli-build-shard-help"))]
    pub shard: Option<Shard>,
    #[arg(long, value_name = "DIR", help = fl!("cli-build-shards-help"))]
    pub shards: Option<PathBuf>,
    #[arg(long, conflicts_with = "init_shards", help = fl!("cli-build-force-help"))]
    pub force: bool,
    #[arg(long, short, help = fl!("cli-quiet-help"))]
    pub quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ProfileArg {
    Test,
    Standard,
    Strong,
}

impl From<ProfileArg> for Profile {
    fn from(value: ProfileArg) -> Profile {
        match value {
            ProfileArg::Test => Profile::Test,
            ProfileArg::Standard => Profile::Standard,
            ProfileArg::Strong => Profile::Strong,
        }
    }
}

/// Whose signatures to trust, for the verbs that open packs.
#[derive(Debug, Clone, Args)]
pub struct TrustArgs {
    #[arg(long = "trust", value_name = "PUBKEY", help = fl!("cli-trust-help"))]
    pub keys: Vec<PathBuf>,
    #[arg(long, value_name = "DIR", env = "EXPOSURE_TRUSTED_KEYS", help = fl!("cli-trusted-keys-help"))]
    pub trusted_keys: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[arg(long = "pack", value_name = "PACK", required = true, help = fl!("cli-check-pack-help"))]
    pub packs: Vec<PathBuf>,
    #[arg(long, value_name = "PEOPLE.csv", help = fl!("cli-check-batch-help"))]
    pub batch: Option<PathBuf>,
    #[command(flatten)]
    pub trust: TrustArgs,
    #[arg(long, value_name = "REGION", value_parser = parse_region, help = fl!("cli-region-help"))]
    pub region: Option<Region>,
    #[arg(long, help = fl!("cli-json-help"))]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct NormalizeArgs {
    #[arg(value_enum, help = fl!("cli-normalize-kind-help"))]
    pub kind: KindArg,
    #[arg(long, value_name = "REGION", value_parser = parse_region, help = fl!("cli-region-help"))]
    pub region: Option<Region>,
    #[arg(long, help = fl!("cli-json-help"))]
    pub json: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "snake_case")]
pub enum KindArg {
    Email,
    Phone,
    NationalId,
    NameDob,
    Username,
}

impl From<KindArg> for exposure_core::identifier::Kind {
    fn from(value: KindArg) -> Self {
        use exposure_core::identifier::Kind;
        match value {
            KindArg::Email => Kind::Email,
            KindArg::Phone => Kind::Phone,
            KindArg::NationalId => Kind::NationalId,
            KindArg::NameDob => Kind::NameDob,
            KindArg::Username => Kind::Username,
        }
    }
}

#[derive(Debug, Subcommand)]
pub enum PackCommand {
    #[command(about = fl!("cli-pack-info-about"))]
    Info {
        #[arg(value_name = "PACK")]
        pack: PathBuf,
        #[arg(long, help = fl!("cli-json-help"))]
        json: bool,
        #[command(flatten)]
        trust: TrustArgs,
    },
    #[command(about = fl!("cli-pack-sign-about"))]
    Sign {
        #[arg(value_name = "PACK")]
        pack: PathBuf,
        #[arg(long, value_name = "SECRET_KEY", help = fl!("cli-sign-key-help"))]
        key: PathBuf,
        #[arg(long, value_name = "FILE", help = fl!("cli-password-file-help"))]
        password_file: Option<PathBuf>,
    },
    #[command(about = fl!("cli-pack-merge-about"))]
    Merge {
        #[arg(value_name = "PART", required = true, help = fl!("cli-merge-parts-help"))]
        parts: Vec<PathBuf>,
        #[arg(long, value_name = "PACK", help = fl!("cli-build-out-help"))]
        out: PathBuf,
        #[arg(long, help = fl!("cli-merge-force-help"))]
        force: bool,
        #[arg(long, short, help = fl!("cli-quiet-help"))]
        quiet: bool,
    },
    #[command(about = fl!("cli-pack-synth-about"))]
    Synth {
        #[arg(long, value_name = "N", help = fl!("cli-synth-entries-help"))]
        entries: u64,
        #[arg(long, value_name = "PACK", help = fl!("cli-build-out-help"))]
        out: PathBuf,
        #[arg(long, value_name = "SMALL", help = fl!("cli-synth-from-help"))]
        from: Option<PathBuf>,
        #[arg(long, value_name = "SEED", default_value_t = 1, help = fl!("cli-synth-seed-help"))]
        seed: u64,
        #[arg(long, help = fl!("cli-merge-force-help"))]
        force: bool,
        #[arg(long, short, help = fl!("cli-quiet-help"))]
        quiet: bool,
    },
    #[command(about = fl!("cli-pack-upgrade-about"))]
    Upgrade {
        #[arg(value_name = "OLD", help = fl!("cli-upgrade-old-help"))]
        old: PathBuf,
        #[arg(long, value_name = "NEW", help = fl!("cli-upgrade-out-help"))]
        out: PathBuf,
        #[arg(long, help = fl!("cli-upgrade-force-help"))]
        force: bool,
        #[command(flatten)]
        trust: TrustArgs,
        #[arg(long, short, help = fl!("cli-quiet-help"))]
        quiet: bool,
    },
    #[command(about = fl!("cli-pack-verify-about"))]
    Verify {
        #[arg(value_name = "PACK")]
        pack: PathBuf,
        #[arg(long, value_name = "PUBLIC_KEY", help = fl!("cli-verify-pubkey-help"))]
        pubkey: PathBuf,
    },
}

#[derive(Debug, Args)]
pub struct DemoArgs {
    #[arg(long, value_name = "DIR", help = fl!("cli-demo-out-help"))]
    pub out: PathBuf,
    #[arg(long, value_name = "N", default_value_t = 2_000, value_parser = parse_rows, help = fl!("cli-demo-rows-help"))]
    pub rows: usize,
    #[arg(long, value_name = "SEED", default_value_t = 20221, help = fl!("cli-demo-seed-help"))]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = ProfileArg::Test, help = fl!("cli-demo-profile-help"))]
    pub profile: ProfileArg,
    #[arg(long, help = fl!("cli-demo-dump-only-help"))]
    pub dump_only: bool,
    #[arg(long, short, help = fl!("cli-quiet-help"))]
    pub quiet: bool,
}

fn parse_shard(value: &str) -> Result<Shard, String> {
    Shard::parse(value).ok_or_else(|| fl!("cli-bad-shard", shard = value, max = MAX_SHARDS))
}

/// A demo's row count, at most [`exposure_demo::MAX_ROWS`]: beyond, the generator would only run out of
/// memory.
fn parse_rows(value: &str) -> Result<usize, String> {
    value
        .trim()
        .parse()
        .ok()
        .filter(|rows| *rows <= exposure_demo::MAX_ROWS)
        .ok_or_else(|| fl!("cli-bad-rows", rows = value, max = exposure_demo::MAX_ROWS))
}

/// Bytes, with an optional binary unit: `1073741824`, `512M`, `1G`, `1GiB`.
pub fn parse_size(value: &str) -> Result<u64, String> {
    let bad = || fl!("cli-bad-size", size = value);
    let text = value.trim();
    let split = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let number: u64 = number.parse().map_err(|_| bad())?;
    let shift = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        "t" | "tb" | "tib" => 40,
        _ => return Err(bad()),
    };
    number.checked_mul(1 << shift).ok_or_else(bad)
}

fn parse_region(value: &str) -> Result<Region, String> {
    value
        .parse()
        .map_err(|_| fl!("cli-unknown-region", region = value))
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
    fn sizes_take_binary_units() {
        assert_eq!(parse_size("1024"), Ok(1024));
        assert_eq!(parse_size("64M"), Ok(64 << 20));
        assert_eq!(parse_size("1GiB"), Ok(1 << 30));
        assert_eq!(parse_size("2 g"), Ok(2 << 30));
        for bad in ["", "M", "1X", "-1G", "99999999999T"] {
            assert!(parse_size(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn demo_rows_are_bounded() {
        assert_eq!(parse_rows("2000"), Ok(2000));
        assert_eq!(
            parse_rows(&exposure_demo::MAX_ROWS.to_string()),
            Ok(exposure_demo::MAX_ROWS)
        );
        for bad in ["", "-1", "1e6", "99999999999", "99999999999999999999999"] {
            assert!(parse_rows(bad).is_err(), "{bad}");
        }
    }
}
