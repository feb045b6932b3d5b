//! The packs a person added in the app, remembered where they lie.
//!
//! Adding a pack never copies it: the pack of a whole leak may be tens of gigabytes on a USB
//! stick, and a silent copy would fill the disk and take minutes. The app remembers the pack's
//! path in a small file of its own (`added-packs.json` in its data folder), opens the pack in
//! place at every start, and forgets the path, never the file, when the pack is removed.
//! A folder of packs the person added is remembered by its own path, read again at every start.
//! The file holds the paths of packs and folders and nothing else: nothing typed ever reaches it.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::files::{FileProblem, read_small};
use crate::l10n::Message;

/// The name of the file, in the app's data folder.
pub const REFERENCES_FILE: &str = "added-packs.json";
/// Far more than any list of paths a person adds by hand.
const MAX_REFERENCES_BYTES: u64 = 1 << 20;
/// The version of the file's layout, so a later one can be told apart.
const REFERENCES_VERSION: u32 = 1;

/// Why the list of added packs could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferencesError {
    #[error("{}", Message::from(self))]
    Unreadable { path: PathBuf, reason: FileProblem },
    #[error("{}", Message::from(self))]
    Malformed { path: PathBuf },
    #[error("{}", Message::from(self))]
    Unwritable { path: PathBuf, reason: FileProblem },
}

impl From<&ReferencesError> for Message {
    fn from(error: &ReferencesError) -> Message {
        match error {
            ReferencesError::Unreadable { path, reason } => Message::new("references-unreadable")
                .arg("path", path.as_path())
                .arg("reason", reason.message().to_string()),
            ReferencesError::Malformed { path } => {
                Message::new("references-malformed").arg("path", path.as_path())
            }
            ReferencesError::Unwritable { path, reason } => Message::new("references-unwritable")
                .arg("path", path.as_path())
                .arg("reason", reason.message().to_string()),
        }
    }
}

/// The file as stored.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Stored {
    version: u32,
    packs: Vec<PathBuf>,
}

/// The paths of the packs and folders a person added, in the order they were added.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct References {
    file: PathBuf,
    paths: Vec<PathBuf>,
    /// Changes stay in memory (kiosk mode: the machine keeps nothing of a session).
    read_only: bool,
}

impl References {
    /// The references kept in `file`, which later changes rewrite; none when it does not exist.
    pub fn load(file: &Path) -> Result<References, ReferencesError> {
        let paths = match read_small(file, MAX_REFERENCES_BYTES) {
            Ok(bytes) => {
                let stored: Stored =
                    serde_json::from_slice(&bytes).map_err(|_| ReferencesError::Malformed {
                        path: file.to_owned(),
                    })?;
                if stored.version != REFERENCES_VERSION {
                    return Err(ReferencesError::Malformed {
                        path: file.to_owned(),
                    });
                }
                stored.packs
            }
            Err(FileProblem::Io(std::io::ErrorKind::NotFound)) => Vec::new(),
            Err(reason) => {
                return Err(ReferencesError::Unreadable {
                    path: file.to_owned(),
                    reason,
                });
            }
        };
        Ok(References {
            file: file.to_owned(),
            paths,
            read_only: false,
        })
    }

    /// No references, kept in `file` once one is added (what a first start, or a start after the
    /// file was found unreadable, begins with).
    pub fn empty(file: &Path) -> References {
        References {
            file: file.to_owned(),
            paths: Vec::new(),
            read_only: false,
        }
    }

    /// No references and no file: for a face with no data folder, whose changes are never written.
    pub fn in_memory() -> References {
        References::empty(Path::new("")).read_only()
    }

    /// The same references, whose changes are never written.
    pub fn read_only(self) -> References {
        References {
            read_only: true,
            ..self
        }
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// Remembers `pack` (written at once), unless it is remembered already.
    pub fn remember(&mut self, pack: &Path) -> Result<(), ReferencesError> {
        if self.paths.iter().any(|path| path == pack) {
            return Ok(());
        }
        self.paths.push(pack.to_owned());
        self.save()
    }

    /// Forgets `pack` (written at once); the pack's file is not touched. Returns whether it was
    /// remembered.
    pub fn forget(&mut self, pack: &Path) -> Result<bool, ReferencesError> {
        let before = self.paths.len();
        self.paths.retain(|path| path != pack);
        if self.paths.len() == before {
            return Ok(false);
        }
        self.save().map(|()| true)
    }

    /// Replaces the file whole, through a temporary file beside it: a crash leaves the old list
    /// or the new one, never half of one.
    fn save(&self) -> Result<(), ReferencesError> {
        if self.read_only {
            return Ok(());
        }
        let unwritable = |error: std::io::Error| ReferencesError::Unwritable {
            path: self.file.clone(),
            reason: error.into(),
        };
        let folder = match self.file.parent() {
            Some(parent) if !parent.as_os_str().is_empty() => parent,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(folder).map_err(unwritable)?;
        let stored = Stored {
            version: REFERENCES_VERSION,
            packs: self.paths.clone(),
        };
        // A path that is not UTF-8 has no JSON form; it is refused as data the file cannot hold.
        let text = serde_json::to_vec_pretty(&stored)
            .map_err(|_| unwritable(std::io::Error::from(std::io::ErrorKind::InvalidData)))?;
        let mut temporary = tempfile::Builder::new()
            .prefix(".added-packs-")
            .tempfile_in(folder)
            .map_err(unwritable)?;
        std::io::Write::write_all(&mut temporary, &text).map_err(unwritable)?;
        temporary
            .persist(&self.file)
            .map_err(|error| unwritable(error.error))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembered_packs_are_found_again_in_order_and_a_forgotten_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config").join(REFERENCES_FILE);
        let mut references = References::load(&file).unwrap();
        assert!(references.paths().is_empty());
        let (a, b) = (dir.path().join("a.exposure"), dir.path().join("b.exposure"));
        references.remember(&a).unwrap();
        references.remember(&b).unwrap();
        references.remember(&a).unwrap();
        assert_eq!(
            References::load(&file).unwrap().paths(),
            [a.clone(), b.clone()]
        );
        assert!(references.forget(&a).unwrap());
        assert!(!references.forget(&a).unwrap());
        assert_eq!(References::load(&file).unwrap().paths(), [b]);
    }

    #[test]
    fn read_only_references_change_nothing_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(REFERENCES_FILE);
        let pack = dir.path().join("a.exposure");
        let mut references = References::load(&file).unwrap();
        references.remember(&pack).unwrap();
        let mut kiosk = References::load(&file).unwrap().read_only();
        assert!(kiosk.forget(&pack).unwrap());
        kiosk.remember(&dir.path().join("b.exposure")).unwrap();
        assert_eq!(References::load(&file).unwrap().paths(), [pack]);
    }

    #[test]
    fn a_damaged_or_unknown_file_is_refused_with_its_reason() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join(REFERENCES_FILE);
        for text in [
            "not json",
            r#"{"version": 2, "packs": []}"#,
            r#"{"version": 1, "packs": [], "typed": "x"}"#,
        ] {
            std::fs::write(&file, text).unwrap();
            assert_eq!(
                References::load(&file),
                Err(ReferencesError::Malformed { path: file.clone() }),
                "{text}"
            );
        }
        assert!(matches!(
            References::load(dir.path()),
            Err(ReferencesError::Unreadable {
                reason: FileProblem::NotAFile,
                ..
            })
        ));
    }

    #[cfg(unix)]
    #[test]
    fn a_list_that_cannot_be_written_says_where_and_why() {
        let dir = tempfile::tempdir().unwrap();
        // A file where the folder should be: nothing can be written under it.
        let blocker = dir.path().join("blocker");
        std::fs::write(&blocker, b"").unwrap();
        let file = blocker.join(REFERENCES_FILE);
        let mut references = References::empty(&file);
        let error = references
            .remember(&dir.path().join("a.exposure"))
            .unwrap_err();
        assert!(
            matches!(&error, ReferencesError::Unwritable { path, .. } if *path == file),
            "{error:?}"
        );
        assert_eq!(Message::from(&error).message_id, "references-unwritable");
    }
}
