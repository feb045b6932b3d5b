//! `exposure pack sign PACK --key SECRET_KEY`: a minisign signature beside the pack. The
//! password comes from a file or the terminal, never from the command line.

use std::io::Write;
use std::path::Path;

use exposure_core::files::read_small;
use exposure_core::l10n::{Message, io_reason};
use exposure_core::pack::Pack;
use exposure_core::trust::SecretKey;
use zeroize::Zeroizing;

use crate::error::Error;
use crate::l10n::fl;

/// A password file holds one line; anything larger is not one.
const MAX_PASSWORD_FILE_BYTES: u64 = 4096;

pub fn run(pack: &Path, key: &Path, password_file: Option<&Path>) -> Result<(), Error> {
    let password = if SecretKey::needs_password(key)? {
        Some(match password_file {
            Some(file) => read_password_file(file)?,
            None => Zeroizing::new(
                rpassword::prompt_password(format!(
                    "{}: ",
                    fl!("sign-password-prompt", path = key)
                ))
                // Only a terminal is asked (rpassword opens /dev/tty, or CONIN$ on Windows),
                // never standard input: without one, the person is told of --password-file.
                .map_err(|_| Error::Said(fl!("sign-password-no-terminal", path = key)))?,
            ),
        })
    } else {
        None
    };
    let secret = SecretKey::load(key, password.as_deref().map(String::as_str))?;
    drop(password);
    let signature = Pack::sign(pack, &secret)?;
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}",
        fl!(
            "sign-done",
            pack = pack,
            key = secret.id().to_string(),
            signature = signature.as_path()
        )
    )?;
    Ok(())
}

/// The first line of a password file, as `minisign` reads a password typed on its terminal.
fn read_password_file(path: &Path) -> Result<Zeroizing<String>, Error> {
    let unreadable = |reason: Message| {
        Error::Said(fl!(
            "password-file-unreadable",
            path = path,
            reason = reason.to_string()
        ))
    };
    let bytes = Zeroizing::new(
        read_small(path, MAX_PASSWORD_FILE_BYTES)
            .map_err(|problem| unreadable(problem.message()))?,
    );
    let text = std::str::from_utf8(&bytes)
        .map_err(|_| unreadable(io_reason(std::io::ErrorKind::InvalidData)))?;
    let line = text.split(['\n', '\r']).next().unwrap_or("");
    Ok(Zeroizing::new(line.to_owned()))
}
