//! The CLI's one error type: every way a command can fail, with the core's typed error kept as
//! its source, and told as a localized sentence only when it is displayed. `main.rs` maps each
//! to its exit status (DESIGN.md §6): 2 for a wrong usage or no valid input, 0 for a closed
//! standard output, 1 for anything else.

use std::fmt;

use exposure_build::pipeline::BuildError;
use exposure_build::plan::PlanError;
use exposure_build::shard::ShardError;
use exposure_core::check::CheckError;
use exposure_core::check::batch::{BatchError, BatchStop};
use exposure_core::keys::KeyError;
use exposure_core::l10n::{Message, io_reason};
use exposure_core::pack::PackError;
use exposure_core::trust::KeyFileError;
use exposure_demo::DemoError;

use crate::l10n::fl;

/// How a command failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// Exit 2: the usage was wrong or no input was valid; the sentence is already localized.
    Usage(String),
    /// Standard output was closed before everything was written (`exposure man | head`): whoever
    /// reads it has what they wanted, so this ends quietly with status 0, as `cat` and `grep` do.
    BrokenPipe,
    /// A failure of the operating system, told in the project's words: its own English text
    /// (`entity not found`) would reach a person reading another language.
    Io(std::io::Error),
    /// A sentence already localized, for failures the CLI itself finds.
    Said(String),
    /// Reading a dump failed (`bench-parse`): the reader's error says which row and why.
    Dump(std::io::Error),
    Plan(PlanError),
    Build(BuildError),
    Shard(ShardError),
    Pack(PackError),
    KeyFile(KeyFileError),
    Key(KeyError),
    Check(CheckError),
    /// `check --batch`: the people file cannot be read (exit 2 for its header, 1 for the system).
    Batch(BatchError),
    /// `exposure demo`: writing its dump or building its pack failed.
    Demo(DemoError),
}

impl Error {
    /// The exit status this failure ends the process with.
    pub fn exit_code(&self) -> u8 {
        match self {
            Error::BrokenPipe => 0,
            Error::Usage(_) => 2,
            Error::Batch(error) => {
                if matches!(error, BatchError::Io(_)) {
                    1
                } else {
                    2
                }
            }
            _ => 1,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = match self {
            Error::Usage(sentence) | Error::Said(sentence) => return f.write_str(sentence),
            Error::BrokenPipe => return Ok(()),
            Error::Dump(error) => return write!(f, "{error}"),
            Error::Demo(error) => return write!(f, "{error}"),
            Error::Io(error) => {
                let reason = io_reason(error.kind()).to_string();
                return f.write_str(&fl!("cli-io-failed", reason = reason));
            }
            Error::Plan(error) => Message::from(error),
            Error::Build(error) => Message::from(error),
            Error::Shard(error) => Message::from(error),
            Error::Pack(error) => Message::from(error),
            Error::KeyFile(error) => Message::from(error),
            Error::Key(error) => Message::from(error),
            Error::Check(error) => Message::from(error),
            Error::Batch(error) => Message::from(error),
        };
        write!(f, "{message}")
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Usage(_) | Error::Said(_) | Error::BrokenPipe => None,
            Error::Io(error) | Error::Dump(error) => Some(error),
            Error::Plan(error) => Some(error),
            Error::Build(error) => Some(error),
            Error::Shard(error) => Some(error),
            Error::Pack(error) => Some(error),
            Error::KeyFile(error) => Some(error),
            Error::Key(error) => Some(error),
            Error::Check(error) => Some(error),
            Error::Batch(error) => Some(error),
            Error::Demo(error) => Some(error),
        }
    }
}

/// For writing to standard output: a closed pipe is [`Error::BrokenPipe`].
impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        if error.kind() == std::io::ErrorKind::BrokenPipe || no_reader(&error) {
            Error::BrokenPipe
        } else {
            Error::Io(error)
        }
    }
}

/// ERROR_PIPE_NOT_CONNECTED, "no process is on the other end of the pipe": Windows' other word
/// for a reader gone (`exposure … | more` quit early), which the standard library does not count
/// as a broken pipe.
#[cfg(windows)]
fn no_reader(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(233)
}

#[cfg(not(windows))]
fn no_reader(_error: &std::io::Error) -> bool {
    false
}

/// `serde_json` writing to standard output: its I/O errors are the writer's.
impl From<serde_json::Error> for Error {
    fn from(error: serde_json::Error) -> Error {
        Error::from(std::io::Error::from(error))
    }
}

macro_rules! from_core {
    ($($variant:ident($error:ty)),+ $(,)?) => {
        $(impl From<$error> for Error {
            fn from(error: $error) -> Error {
                Error::$variant(error)
            }
        })+
    };
}

from_core!(
    Plan(PlanError),
    Build(BuildError),
    Shard(ShardError),
    Pack(PackError),
    KeyFile(KeyFileError),
    Key(KeyError),
    Check(CheckError),
    Batch(BatchError),
    Demo(DemoError),
);

/// A batch stopped by its file, its check, or the printing of an answer.
impl From<BatchStop<Error>> for Error {
    fn from(stop: BatchStop<Error>) -> Error {
        match stop {
            BatchStop::File(error) => Error::Batch(error),
            BatchStop::Check(error) => Error::Check(error),
            BatchStop::Answer(error) => error,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_closed_pipe_ends_quietly_and_usage_errors_exit_2() {
        let pipe = Error::from(std::io::Error::from(std::io::ErrorKind::BrokenPipe));
        assert!(matches!(pipe, Error::BrokenPipe));
        #[cfg(windows)]
        assert!(matches!(
            Error::from(std::io::Error::from_raw_os_error(233)),
            Error::BrokenPipe
        ));
        assert_eq!(pipe.exit_code(), 0);
        assert_eq!(Error::Usage(String::new()).exit_code(), 2);
        let missing = Error::from(std::io::Error::from(std::io::ErrorKind::NotFound));
        assert_eq!(missing.exit_code(), 1);
        assert!(std::error::Error::source(&missing).is_some());
    }
}
