//! Command-line syntax (DESIGN.md §6), and the step from raw flags to validated options.

use std::path::PathBuf;

use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};
use exposure_core::identifier::Region;
use exposure_core::keys::Profile;
use exposure_core::l10n::Lang;

use crate::Failure;
use crate::l10n::fl;

#[derive(Debug, Parser)]
#[command(name = "exposure", version, about = fl!("cli-about"), long_about = fl!("cli-long-about"))]
pub struct Cli {
    /// Language of messages: en or zh-CN (default: from the system locale).
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
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[arg(value_name = "PLAN.toml", help = fl!("cli-build-plan-help"))]
    pub plan: PathBuf,
    #[arg(long, value_name = "PACK", help = fl!("cli-build-out-help"))]
    pub out: PathBuf,
    #[arg(long, value_enum, default_value_t = ProfileArg::Standard, help = fl!("cli-build-profile-help"))]
    pub profile: ProfileArg,
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..), help = fl!("cli-build-threads-help"))]
    pub threads: Option<u16>,
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
    #[arg(long, value_name = "N", default_value_t = 2_000, help = fl!("cli-demo-rows-help"))]
    pub rows: usize,
    #[arg(long, value_name = "SEED", default_value_t = 20221, help = fl!("cli-demo-seed-help"))]
    pub seed: u64,
    #[arg(long, value_enum, default_value_t = ProfileArg::Test, help = fl!("cli-demo-profile-help"))]
    pub profile: ProfileArg,
    #[arg(long, short, help = fl!("cli-quiet-help"))]
    pub quiet: bool,
}

fn parse_region(value: &str) -> Result<Region, String> {
    value
        .parse()
        .map_err(|_| fl!("cli-unknown-region", region = value))
}

pub fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Build(args) => crate::build::run(args),
        Command::Check(args) => crate::check::run(args),
        Command::Normalize(args) => crate::normalize::run(args),
        Command::Pack(PackCommand::Info { pack, json, trust }) => {
            crate::pack::info(&pack, json, &trust)
        }
        Command::Pack(PackCommand::Sign {
            pack,
            key,
            password_file,
        }) => crate::pack::sign(&pack, &key, password_file.as_deref()),
        Command::Pack(PackCommand::Verify { pack, pubkey }) => crate::pack::verify(&pack, &pubkey),
        Command::Demo(args) => crate::demo::run(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                shell,
                &mut Cli::command(),
                "exposure",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map_err(Failure::other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_command_line_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}
