//! The packs a face checks against, where each came from, and the files it refused.
//!
//! The desktop app gathers packs from several places in a fixed order (DESIGN.md §1 and the app's
//! issue): packs named on its command line, the user's packs folder, a `packs/` folder beside the
//! executable (a USB stick carrying the app and its packs), and, only when all of those are empty,
//! the built-in demo pack. A pack found twice is kept once, from the first place; of two different
//! packs claiming one id, the one better vouched for is used and the other refused.
//! A file that is not a sound pack is listed as refused with its reason, never silently skipped
//! and never fatal: one bad file on a stick must not hide the good ones.
//!
//! Packs the person added are used where they lie, never copied, and remembered by their paths
//! ([`references`]), and so is a folder of packs they added; a folder of packs is read at each
//! start, so it may hold packs of any size.

pub mod references;

use std::path::{Path, PathBuf};

use crate::pack::{Pack, PackError, PackProblem, open_verified};
use crate::trust::{SignatureStatus, TrustedKeys};
use references::{References, ReferencesError};

/// The file extension of packs, without the dot.
pub const PACK_EXTENSION: &str = "exposure";

/// Where a pack was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, ts_rs::TS)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    /// Named on the command line.
    CommandLine,
    /// The user's packs folder.
    UserFolder,
    /// A `packs/` folder beside the executable.
    BesideApp,
    /// Added by the person from a file or folder.
    Added,
    /// The built-in demo pack, made from synthetic people.
    Demo,
}

/// A pack in use.
#[derive(Debug)]
pub struct Shelved {
    pub pack: Pack,
    pub origin: Origin,
}

/// A file that looked like a pack but was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub origin: Origin,
    pub error: PackError,
}

/// A copy of a pack in use (the same content, wherever it lies): it is used once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    pub path: PathBuf,
    /// The pack in use it is a copy of.
    pub used: PathBuf,
}

/// What adding a file or a folder did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Added {
    /// Ids of the packs newly in use.
    pub packs: Vec<String>,
    /// Copies of packs already in use.
    pub duplicates: Vec<Duplicate>,
    pub refused: Vec<Refusal>,
}

/// The packs in use, in the order they were found.
#[derive(Debug, Default)]
pub struct Library {
    trusted: TrustedKeys,
    shelved: Vec<Shelved>,
    refused: Vec<Refusal>,
}

impl Library {
    /// A library that trusts no curator's key: signed packs open as from an unknown signer.
    pub fn new() -> Library {
        Library::default()
    }

    /// A library whose packs are verified against these curators' keys.
    pub fn trusting(trusted: TrustedKeys) -> Library {
        Library {
            trusted,
            ..Library::default()
        }
    }

    /// Adds from each place in turn. Folders that do not exist are skipped quietly (most people
    /// have no packs folder); a named or added file that does not exist is refused, so that a
    /// check never passes over it unsaid (the stick that holds it may be unplugged).
    pub fn discover<'a>(
        trusted: TrustedKeys,
        places: impl IntoIterator<Item = (&'a Path, Origin)>,
    ) -> Library {
        let mut library = Library::trusting(trusted);
        for (path, origin) in places {
            let folder = matches!(origin, Origin::UserFolder | Origin::BesideApp);
            if folder && !path.exists() {
                continue;
            }
            library.add(path, origin);
        }
        library
    }

    /// Adds the pack at `path`, or every `*.exposure` file directly in it when it is a folder (in
    /// name order, so the result does not depend on the file system).
    pub fn add(&mut self, path: &Path, origin: Origin) -> Added {
        if !path.is_dir() {
            return self.add_file(path, origin);
        }
        let mut added = Added::default();
        match pack_files_in(path) {
            Ok(files) => {
                for file in files {
                    self.add_one(&file, origin, &mut added);
                }
            }
            Err(error) => {
                let refusal = Refusal {
                    origin,
                    error: PackError {
                        path: path.to_owned(),
                        problem: PackProblem::Unreadable(error.into()),
                    },
                };
                self.refused.push(refusal.clone());
                added.refused.push(refusal);
            }
        }
        added
    }

    /// Adds the pack at `path`, which is never read as a folder: where each pack is named one by
    /// one (the CLI's `--pack`), a folder is refused as the file that is no pack it is.
    pub fn add_file(&mut self, path: &Path, origin: Origin) -> Added {
        let mut added = Added::default();
        self.add_one(path, origin, &mut added);
        added
    }

    fn add_one(&mut self, file: &Path, origin: Origin, added: &mut Added) {
        let opened = open_verified(file, &self.trusted).map(|(pack, _)| pack);
        let outcome = match opened {
            Ok(pack) => self.shelve(pack, origin, added),
            Err(error) => Err(error),
        };
        if let Err(error) = outcome {
            let refusal = Refusal { origin, error };
            self.refused.retain(|r| r.error.path != refusal.error.path);
            self.refused.push(refusal.clone());
            added.refused.push(refusal);
        }
    }

    /// Puts a sound pack in use. A copy of a pack in use is a duplicate. Another pack that claims
    /// the id of one in use is not quietly dropped: an unsigned file in the packs folder would
    /// otherwise shadow the curator's signed pack of that id on a stick, hiding every finding it
    /// holds. The pack better vouched for (trusted, then signed by an unknown key, then
    /// unsigned; the first found on a tie) is used, and the other is refused, naming both.
    fn shelve(&mut self, pack: Pack, origin: Origin, added: &mut Added) -> Result<(), PackError> {
        let id = pack.meta().id.clone();
        let Some(index) = self.shelved.iter().position(|s| s.pack.meta().id == id) else {
            added.packs.push(id);
            self.shelved.push(Shelved { pack, origin });
            return Ok(());
        };
        let existing = &self.shelved[index].pack;
        if existing.is_same_pack(&pack) {
            added.duplicates.push(Duplicate {
                path: pack.path().to_owned(),
                used: existing.path().to_owned(),
            });
            return Ok(());
        }
        // A v1 pack and its upgrade are one pack (docs/pack-format.md §9): the v2 file is used,
        // unless the v1 file is better vouched for (an unsigned file that copies a signed pack's
        // id, date and salt must not shadow it; it is refused below like any other).
        let formats = (existing.meta().format_version, pack.meta().format_version);
        if formats.0 != formats.1 && existing.same_release(&pack) {
            let (older, newer) = if formats.0 < formats.1 {
                (existing, &pack)
            } else {
                (&pack, existing)
            };
            if vouching(newer.signature()) >= vouching(older.signature()) {
                added.duplicates.push(Duplicate {
                    path: older.path().to_owned(),
                    used: newer.path().to_owned(),
                });
                if formats.0 < formats.1 {
                    self.shelved[index] = Shelved { pack, origin };
                    added.packs.push(id);
                }
                return Ok(());
            }
        }
        let refuse = |refused: &Pack, used: &Pack| PackError {
            path: refused.path().to_owned(),
            problem: PackProblem::SameIdAs {
                id: id.clone(),
                used: used.path().to_owned(),
            },
        };
        if vouching(pack.signature()) <= vouching(existing.signature()) {
            return Err(refuse(&pack, existing));
        }
        let displaced = std::mem::replace(&mut self.shelved[index], Shelved { pack, origin });
        let refusal = Refusal {
            origin: displaced.origin,
            error: refuse(&displaced.pack, &self.shelved[index].pack),
        };
        self.refused.push(refusal.clone());
        added.refused.push(refusal);
        added.packs.push(id);
        Ok(())
    }

    /// Adds what the person picked (a pack, or a folder of them) where it lies, and remembers it
    /// in `references`, so that it is found again at the next start: a pack in use by its path,
    /// a folder by its own path (read again at every start, so that packs put in it later
    /// are used too). Nothing is copied, whatever the pack's size. An error means a pack is in use
    /// now but was not remembered.
    pub fn add_referenced(
        &mut self,
        path: &Path,
        references: &mut References,
    ) -> Result<Added, ReferencesError> {
        let added = self.add(path, Origin::Added);
        if path.is_dir() {
            // A folder that could not be read is refused, not remembered.
            if !added
                .refused
                .iter()
                .any(|refusal| refusal.error.path == path)
            {
                references.remember(path)?;
            }
            return Ok(added);
        }
        // Remembered on its own when in use from that very path, even if an added folder
        // brought it first: forgetting the folder then leaves it in use.
        if self.packs().any(|pack| pack.path() == path) {
            references.remember(path)?;
        }
        Ok(added)
    }

    /// Forgets `path`, a pack or a folder the person added, and stops using what it brought: the
    /// pack at `path`, or the packs directly in the folder at `path` that are not remembered on
    /// their own. Its refusals go too (an added pack whose file is gone is refused at every start
    /// until it is forgotten). No file is touched. Returns whether `path` was remembered; a path
    /// that was not changes nothing. An error means the change holds for this session only.
    pub fn forget_referenced(
        &mut self,
        path: &Path,
        references: &mut References,
    ) -> Result<bool, ReferencesError> {
        if !references
            .paths()
            .iter()
            .any(|remembered| remembered == path)
        {
            return Ok(false);
        }
        let brought = |found: &Path| {
            found == path
                || (found.parent() == Some(path)
                    && !references
                        .paths()
                        .iter()
                        .any(|remembered| remembered == found))
        };
        self.shelved
            .retain(|shelved| !(shelved.origin == Origin::Added && brought(shelved.pack.path())));
        self.refused
            .retain(|refusal| !(refusal.origin == Origin::Added && brought(&refusal.error.path)));
        references.forget(path)
    }

    /// Stops using the pack with this id and, if the person had added it, forgets its path: the
    /// file itself is never touched. Returns whether there was such a pack.
    pub fn remove_referenced(
        &mut self,
        id: &str,
        references: &mut References,
    ) -> Result<bool, ReferencesError> {
        let added = self
            .get(id)
            .filter(|shelved| shelved.origin == Origin::Added)
            .map(|shelved| shelved.pack.path().to_owned());
        let removed = self.remove(id);
        if let Some(path) = added {
            references.forget(&path)?;
        }
        Ok(removed)
    }

    /// Stops using the pack with this id. Returns whether there was one.
    pub fn remove(&mut self, id: &str) -> bool {
        let before = self.shelved.len();
        self.shelved.retain(|s| s.pack.meta().id != id);
        self.shelved.len() != before
    }

    /// Forgets the refusals listed so far (the person has read them).
    pub fn clear_refusals(&mut self) {
        self.refused.clear();
    }

    pub fn get(&self, id: &str) -> Option<&Shelved> {
        self.shelved.iter().find(|s| s.pack.meta().id == id)
    }

    pub fn shelved(&self) -> &[Shelved] {
        &self.shelved
    }

    pub fn refused(&self) -> &[Refusal] {
        &self.refused
    }

    pub fn is_empty(&self) -> bool {
        self.shelved.is_empty()
    }

    /// The packs in use, in order.
    pub fn packs(&self) -> impl Iterator<Item = &Pack> {
        self.shelved.iter().map(|s| &s.pack)
    }

    /// The packs in use, in order, for a face that keeps no library (the CLI, one command long).
    pub fn into_packs(self) -> Vec<Pack> {
        self.shelved.into_iter().map(|s| s.pack).collect()
    }
}

/// How strongly a pack is vouched for, for choosing between two packs that claim one id.
fn vouching(status: &SignatureStatus) -> u8 {
    match status {
        SignatureStatus::Trusted { .. } => 2,
        SignatureStatus::UnknownSigner { .. } => 1,
        SignatureStatus::Unsigned => 0,
    }
}

/// Every `*.exposure` entry of `dir` but folders: a FIFO or a device named like a pack is listed,
/// to be refused with its reason (opening never blocks on it), rather than silently left out.
fn pack_files_in(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if !path.is_dir() && path.extension().is_some_and(|e| e == PACK_EXTENSION) {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;
    use exposure_demo::{DemoOptions, build_demo_pack};

    fn demo_pack(dir: &Path) -> PathBuf {
        build_demo_pack(dir, &DemoOptions { seed: 7, rows: 60 }).unwrap()
    }

    #[test]
    fn packs_come_from_each_place_in_order_and_a_pack_found_twice_is_kept_once() {
        let stick = tempfile::tempdir().unwrap();
        let pack = demo_pack(stick.path());
        let library = Library::discover(
            TrustedKeys::new(),
            [
                (pack.as_path(), Origin::CommandLine),
                (stick.path(), Origin::BesideApp),
            ],
        );
        assert_eq!(library.shelved().len(), 1);
        assert_eq!(library.shelved()[0].origin, Origin::CommandLine);
        assert!(library.refused().is_empty());
    }

    #[test]
    fn a_missing_folder_is_skipped_but_a_missing_named_pack_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let nowhere = dir.path().join("nowhere");
        let library = Library::discover(
            TrustedKeys::new(),
            [
                (nowhere.as_path(), Origin::UserFolder),
                (nowhere.as_path(), Origin::CommandLine),
            ],
        );
        assert!(library.is_empty());
        assert_eq!(library.refused().len(), 1);
        assert_eq!(library.refused()[0].origin, Origin::CommandLine);
        assert_eq!(library.refused()[0].error.problem, PackProblem::Missing);
    }

    /// An unsigned pack in the user's folder that claims the id of the curator's signed pack on
    /// the stick must not shadow it: the signed one is used, and the impostor named as refused.
    #[test]
    fn a_different_pack_claiming_a_trusted_packs_id_never_shadows_it() {
        let home = tempfile::tempdir().unwrap();
        let stick = tempfile::tempdir().unwrap();
        let impostor = build_demo_pack(home.path(), &DemoOptions { seed: 8, rows: 60 }).unwrap();
        let signed = demo_pack(stick.path());
        let (secret, public, _) = crate::trust::tests::key_pair(stick.path(), "curator");
        Pack::sign(&signed, &secret).unwrap();
        let mut trusted = TrustedKeys::new();
        trusted.add(public);
        let library = Library::discover(
            trusted,
            [
                (home.path(), Origin::UserFolder),
                (stick.path(), Origin::BesideApp),
            ],
        );
        assert_eq!(library.shelved().len(), 1);
        let used = &library.shelved()[0];
        assert_eq!(used.pack.path(), signed.as_path());
        assert!(matches!(
            used.pack.signature(),
            SignatureStatus::Trusted { .. }
        ));
        assert_eq!(library.refused().len(), 1);
        assert_eq!(library.refused()[0].error.path, impostor);
        assert_eq!(
            library.refused()[0].error.problem,
            PackProblem::SameIdAs {
                id: used.pack.meta().id.clone(),
                used: signed.clone()
            }
        );
        // Found the other way round, the first (and better vouched for) stays.
        let later = Library::discover(
            library.trusted.clone(),
            [
                (stick.path(), Origin::BesideApp),
                (home.path(), Origin::UserFolder),
            ],
        );
        assert_eq!(later.shelved()[0].pack.path(), signed.as_path());
        assert_eq!(later.refused()[0].error.path, impostor);
    }

    #[test]
    fn a_bad_file_in_a_folder_is_refused_without_hiding_the_good_pack() {
        let dir = tempfile::tempdir().unwrap();
        demo_pack(dir.path());
        std::fs::write(dir.path().join("broken.exposure"), b"not a pack").unwrap();
        std::fs::write(dir.path().join("notes.txt"), b"ignored: not a pack name").unwrap();
        let mut library = Library::new();
        let added = library.add(dir.path(), Origin::Added);
        assert_eq!(added.packs.len(), 1);
        assert_eq!(added.refused.len(), 1);
        assert_eq!(
            added.refused[0].error.path,
            dir.path().join("broken.exposure")
        );
        assert_eq!(library.refused().len(), 1);
    }

    /// A FIFO blocks whoever opens it for reading: the folder is read on a thread, and the test
    /// fails after a while instead of hanging if opening it ever blocks again.
    #[cfg(unix)]
    #[test]
    fn fifos_named_like_a_pack_or_its_signature_are_refused_without_blocking() {
        let dir = tempfile::tempdir().unwrap();
        let pack = demo_pack(dir.path());
        let fifo = dir.path().join("fifo.exposure");
        let signature = crate::trust::signature_path(&pack);
        for path in [&fifo, &signature] {
            crate::files::tests::mkfifo(path);
        }
        let (tx, rx) = std::sync::mpsc::channel();
        let folder = dir.path().to_owned();
        std::thread::spawn(move || {
            let added = Library::new().add(&folder, Origin::UserFolder);
            let _ = tx.send(added);
        });
        let added = rx
            .recv_timeout(std::time::Duration::from_secs(20))
            .expect("opening the packs folder blocked");
        assert!(added.packs.is_empty());
        let refused: Vec<(PathBuf, PackProblem)> = added
            .refused
            .into_iter()
            .map(|r| (r.error.path, r.error.problem))
            .collect();
        assert_eq!(
            refused,
            [
                (
                    pack,
                    PackProblem::Signature(crate::trust::SignatureProblem::Unreadable(
                        crate::files::FileProblem::NotAFile
                    ))
                ),
                (fifo, PackProblem::NotAFile),
            ]
        );
    }

    /// Where packs are named one by one, a folder is no pack, and a copy names the pack it copies.
    #[test]
    fn a_file_added_alone_is_never_read_as_a_folder_and_a_copy_names_the_pack_in_use() {
        let dir = tempfile::tempdir().unwrap();
        let pack = demo_pack(dir.path());
        let mut library = Library::new();
        let added = library.add_file(dir.path(), Origin::CommandLine);
        assert!(added.packs.is_empty());
        assert_eq!(added.refused[0].error.problem, PackProblem::NotAFile);
        let copy = dir.path().join("copy.exposure");
        std::fs::copy(&pack, &copy).unwrap();
        assert_eq!(library.add_file(&pack, Origin::CommandLine).packs.len(), 1);
        let added = library.add_file(&copy, Origin::CommandLine);
        assert_eq!(
            added.duplicates,
            [Duplicate {
                path: copy,
                used: pack.clone()
            }]
        );
        let packs = library.into_packs();
        assert_eq!(packs.len(), 1);
        assert_eq!(packs[0].path(), pack.as_path());
    }

    /// An added pack is used where it lies and remembered by its path alone; removing it forgets
    /// the path and leaves the file as it was.
    #[test]
    fn an_added_pack_is_referenced_in_place_and_removing_it_forgets_only_the_reference() {
        let stick = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        let pack = demo_pack(stick.path());
        let bytes = std::fs::read(&pack).unwrap();
        let file = config.path().join(references::REFERENCES_FILE);
        let mut references = References::load(&file).unwrap();
        let mut library = Library::new();
        let added = library.add_referenced(&pack, &mut references).unwrap();
        assert_eq!(added.packs.len(), 1);
        assert_eq!(library.shelved()[0].pack.path(), pack.as_path());
        assert_eq!(
            References::load(&file).unwrap().paths(),
            std::slice::from_ref(&pack)
        );
        // Nothing was copied: the config folder holds the list of paths and nothing else.
        let names: Vec<_> = std::fs::read_dir(config.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name())
            .collect();
        assert_eq!(names, [references::REFERENCES_FILE]);

        // The next start finds it where it lies.
        let remembered = References::load(&file).unwrap();
        let places = remembered
            .paths()
            .iter()
            .map(|p| (p.as_path(), Origin::Added));
        let mut next = Library::discover(TrustedKeys::new(), places);
        assert_eq!(next.shelved()[0].origin, Origin::Added);

        let id = added.packs[0].clone();
        assert!(next.remove_referenced(&id, &mut references).unwrap());
        assert!(next.is_empty());
        assert!(References::load(&file).unwrap().paths().is_empty());
        assert_eq!(std::fs::read(&pack).unwrap(), bytes);
    }

    /// A pack at `out` with an id of its own, the meta and breaches of the pack at `like`.
    fn pack_of_its_own(like: &Path, out: &Path) {
        let made = Pack::open(like).unwrap();
        let meta = crate::pack::PackMeta {
            id: "a-pack-of-its-own".into(),
            ..made.meta().clone()
        };
        let mut writer = crate::pack::PackWriter::create(out, &meta, made.breaches()).unwrap();
        writer.push(&crate::keys::Key([1; 16]), 0, 1).unwrap();
        writer.finish().unwrap();
    }

    /// The places an app start reads the remembered paths from, as the desktop gives them.
    fn next_start(references: &References) -> Library {
        let places = references
            .paths()
            .iter()
            .map(|path| (path.as_path(), Origin::Added));
        Library::discover(TrustedKeys::new(), places)
    }

    /// A folder the person added is remembered, not the packs it held then: a pack put in it
    /// later is used at the next start. Forgetting the folder stops using its packs, except one
    /// the person also added on its own.
    #[test]
    fn an_added_folder_is_remembered_so_packs_put_in_it_later_are_found() {
        let stick = tempfile::tempdir().unwrap();
        let config = tempfile::tempdir().unwrap();
        let file = config.path().join(references::REFERENCES_FILE);
        let mut references = References::load(&file).unwrap();
        let mut library = Library::new();
        let first = demo_pack(stick.path());
        library
            .add_referenced(stick.path(), &mut references)
            .unwrap();
        assert_eq!(
            References::load(&file).unwrap().paths(),
            [stick.path().to_owned()]
        );
        let later = stick.path().join("later.exposure");
        pack_of_its_own(&first, &later);
        let mut next = next_start(&References::load(&file).unwrap());
        let paths: Vec<&Path> = next.packs().map(Pack::path).collect();
        assert_eq!(paths, [first.as_path(), later.as_path()]);

        next.add_referenced(&later, &mut references).unwrap();
        assert!(
            next.forget_referenced(stick.path(), &mut references)
                .unwrap()
        );
        let paths: Vec<&Path> = next.packs().map(Pack::path).collect();
        assert_eq!(paths, [later.as_path()]);
        assert_eq!(References::load(&file).unwrap().paths(), [later]);
    }

    /// An added pack whose file is gone is refused at every start, naming it, until the person
    /// forgets it; a path never remembered cannot be forgotten, and nothing changes.
    #[test]
    fn an_added_pack_whose_file_is_gone_can_be_forgotten() {
        let stick = tempfile::tempdir().unwrap();
        let file = stick
            .path()
            .join("config")
            .join(references::REFERENCES_FILE);
        let mut references = References::empty(&file);
        let pack = demo_pack(stick.path());
        Library::new()
            .add_referenced(&pack, &mut references)
            .unwrap();
        std::fs::remove_file(&pack).unwrap();
        let mut next = next_start(&references);
        assert_eq!(next.refused().len(), 1);
        assert_eq!(next.refused()[0].error.problem, PackProblem::Missing);
        let elsewhere = stick.path().join("never-added.exposure");
        assert!(!next.forget_referenced(&elsewhere, &mut references).unwrap());
        assert_eq!(next.refused().len(), 1);
        assert!(next.forget_referenced(&pack, &mut references).unwrap());
        assert!(next.refused().is_empty());
        assert!(References::load(&file).unwrap().paths().is_empty());
        assert!(next_start(&references).refused().is_empty());
    }

    /// A pack found in a folder at start is not the person's to forget: removing it changes no
    /// reference (it is back at the next start, as its folder still holds it).
    #[test]
    fn removing_a_pack_the_person_did_not_add_leaves_the_references_alone() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("config").join(references::REFERENCES_FILE);
        let mut references = References::empty(&file);
        let mut library = Library::new();
        let added = library.add(&demo_pack(dir.path()), Origin::UserFolder);
        assert!(
            library
                .remove_referenced(&added.packs[0], &mut references)
                .unwrap()
        );
        assert!(!file.exists());
    }

    #[test]
    fn an_added_pack_that_is_gone_is_refused_rather_than_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let gone = dir.path().join("unplugged.exposure");
        let library = Library::discover(TrustedKeys::new(), [(gone.as_path(), Origin::Added)]);
        assert_eq!(library.refused().len(), 1);
        assert_eq!(library.refused()[0].error.problem, PackProblem::Missing);
    }

    /// A v1 pack written with the same meta, breaches and one entry as the v2 pack at `v2`: an
    /// upgrade's source as far as the library can tell (same id, creation time and salt).
    fn v1_of(v2: &Path, out: &Path) {
        let made = Pack::open(v2).unwrap();
        let mut writer =
            crate::pack::v1::Writer::create(out, made.meta(), made.breaches()).unwrap();
        writer.push(&crate::keys::Key([1; 16]), 0, 1).unwrap();
        writer.finish().unwrap();
    }

    #[test]
    fn a_v1_pack_and_its_upgrade_are_one_pack_and_the_v2_file_is_used_in_either_order() {
        let dir = tempfile::tempdir().unwrap();
        let v2 = demo_pack(dir.path());
        // Named so that the v1 file is found first in the folder, then last.
        for name in ["a-old.exposure", "z-old.exposure"] {
            let v1 = dir.path().join(name);
            v1_of(&v2, &v1);
            let mut library = Library::new();
            let added = library.add(dir.path(), Origin::UserFolder);
            assert_eq!(library.shelved().len(), 1, "{name}");
            assert_eq!(library.shelved()[0].pack.path(), v2.as_path());
            assert_eq!(
                added.duplicates,
                [Duplicate {
                    path: v1.clone(),
                    used: v2.clone()
                }]
            );
            assert!(library.refused().is_empty());
            std::fs::remove_file(&v1).unwrap();
        }
    }

    /// An unsigned v2 file that copies a signed v1 pack's id, date and salt is no upgrade to
    /// trust: the signed pack stays in use and the other is refused.
    #[test]
    fn an_unsigned_v2_file_never_shadows_a_trusted_v1_pack_of_the_same_release() {
        let home = tempfile::tempdir().unwrap();
        let stick = tempfile::tempdir().unwrap();
        let v2 = demo_pack(home.path());
        let v1 = stick.path().join("old.exposure");
        v1_of(&v2, &v1);
        let (secret, public, _) = crate::trust::tests::key_pair(stick.path(), "curator");
        Pack::sign(&v1, &secret).unwrap();
        let mut trusted = TrustedKeys::new();
        trusted.add(public);
        let library = Library::discover(
            trusted,
            [
                (stick.path(), Origin::BesideApp),
                (home.path(), Origin::UserFolder),
            ],
        );
        assert_eq!(library.shelved().len(), 1);
        assert_eq!(library.shelved()[0].pack.path(), v1.as_path());
        assert_eq!(library.refused().len(), 1);
        assert_eq!(library.refused()[0].error.path, v2);
    }

    #[test]
    fn a_removed_pack_is_no_longer_used() {
        let dir = tempfile::tempdir().unwrap();
        let mut library = Library::new();
        let added = library.add(&demo_pack(dir.path()), Origin::Added);
        assert!(library.remove(&added.packs[0]));
        assert!(library.is_empty());
        assert!(!library.remove(&added.packs[0]));
    }
}
