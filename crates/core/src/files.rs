//! Opening the files a person hands over: packs, signatures, keys, plans, shard sets and parts.
//!
//! Any of them may be something else than a file. A FIFO blocks whoever opens it for reading
//! until a writer comes, forever if none does; `/dev/zero` never ends; a folder is no file at all.
//! So every such file is opened here without blocking and checked to be a regular file, on the
//! open handle itself (no other file can be swapped in between), before a byte is read; and a file
//! that is read whole is read only up to a bound fitting its kind.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use crate::l10n::{Message, io_reason};

/// Why a file could not be opened or read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.message())]
pub enum FileProblem {
    /// A folder, a device, a FIFO or a socket.
    NotAFile,
    /// Larger than any file of its kind is.
    TooLarge { max: u64 },
    /// What the operating system reported, by kind.
    Io(std::io::ErrorKind),
}

impl FileProblem {
    /// Why, in words to show inside a sentence that names the file.
    pub fn message(self) -> Message {
        match self {
            FileProblem::NotAFile => Message::new("io-not-a-file"),
            FileProblem::TooLarge { max } => Message::new("io-larger-than").arg("max", max),
            FileProblem::Io(kind) => io_reason(kind),
        }
    }
}

impl From<std::io::Error> for FileProblem {
    fn from(error: std::io::Error) -> FileProblem {
        FileProblem::Io(error.kind())
    }
}

/// Opens `path` for reading if it is a regular file, without ever blocking on a FIFO: it is opened
/// non-blocking, which regular files ignore, and its type is read from the open handle.
pub fn open_regular(path: &Path) -> Result<(File, std::fs::Metadata), FileProblem> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path).map_err(|error| {
        // Windows refuses to open a folder as a file ("access denied"): it is no file either way.
        if std::fs::metadata(path).is_ok_and(|metadata| metadata.is_dir()) {
            FileProblem::NotAFile
        } else {
            FileProblem::from(error)
        }
    })?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(FileProblem::NotAFile);
    }
    Ok((file, metadata))
}

/// The whole of a small regular file, refused when larger than `max` bytes (checked before
/// reading, and again while reading a file that grows).
pub fn read_small(path: &Path, max: u64) -> Result<Vec<u8>, FileProblem> {
    let (file, metadata) = open_regular(path)?;
    if metadata.len() > max {
        return Err(FileProblem::TooLarge { max });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    file.take(max + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Err(FileProblem::TooLarge { max });
    }
    Ok(bytes)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Makes a FIFO at `path`: a file that blocks whoever opens it for reading.
    #[cfg(unix)]
    pub(crate) fn mkfifo(path: &Path) {
        let made = std::process::Command::new("mkfifo")
            .arg(path)
            .status()
            .unwrap();
        assert!(made.success());
    }

    #[test]
    fn a_small_regular_file_is_read_and_a_larger_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("small");
        std::fs::write(&path, b"12345").unwrap();
        assert_eq!(read_small(&path, 5).unwrap(), b"12345");
        assert_eq!(read_small(&path, 4), Err(FileProblem::TooLarge { max: 4 }));
        assert_eq!(
            read_small(&dir.path().join("absent"), 5),
            Err(FileProblem::Io(std::io::ErrorKind::NotFound))
        );
        assert_eq!(read_small(dir.path(), 5), Err(FileProblem::NotAFile));
    }

    #[cfg(unix)]
    #[test]
    fn a_device_is_refused_before_a_byte_is_read() {
        assert_eq!(
            read_small(Path::new("/dev/zero"), 1 << 20),
            Err(FileProblem::NotAFile)
        );
    }

    /// Opening a FIFO for reading blocks until a writer comes: without the non-blocking open this
    /// test would never end, so it runs on a thread and fails after a while instead.
    #[cfg(unix)]
    #[test]
    fn a_fifo_is_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        mkfifo(&fifo);
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(read_small(&fifo, 1 << 20));
        });
        let outcome = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("reading a FIFO blocked");
        assert_eq!(outcome, Err(FileProblem::NotAFile));
    }

    #[test]
    fn every_problem_has_words_of_its_own_in_each_language() {
        use crate::l10n::{Lang, localizer_for};
        let problems = [
            FileProblem::NotAFile,
            FileProblem::TooLarge { max: 10 },
            FileProblem::Io(std::io::ErrorKind::NotFound),
            FileProblem::Io(std::io::ErrorKind::InvalidData),
            FileProblem::Io(std::io::ErrorKind::Other),
        ];
        for problem in problems {
            let message = problem.message();
            for lang in Lang::ALL {
                let localizer = localizer_for(lang);
                assert!(localizer.has_own(message.message_id), "{problem:?}");
                assert_ne!(localizer.message(&message), message.message_id);
            }
        }
    }
}
