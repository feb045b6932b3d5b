//! Exposure's desktop face: a Tauri shell over `exposure-core`.
//!
//! Every command is a one-line adapter: it takes what the web page sends, calls the core, and
//! returns one of the core's views (`exposure_core::view`), whose TypeScript twins the UI is
//! typed against. Errors cross as `{kind, messageId, args}` so the UI words them from the same
//! Fluent files as the CLI. Nothing typed is kept: values arrive in zeroizing types, are checked,
//! and are dropped before the answer goes back.
//!
//! The shell adds only what a window needs: where packs and trusted keys are found on this
//! computer, the system file dialog, a cancellable check on a worker thread, and kiosk mode
//! (full screen, no file access, and a fresh webview after an idle timeout).

mod commands;
mod window;

use std::path::PathBuf;
use std::sync::{Condvar, Mutex, PoisonError};
use std::time::Duration;

use exposure_core::l10n::Lang;
use exposure_core::library::references::{REFERENCES_FILE, References};
use exposure_core::library::{Library, Origin};
use exposure_core::progress::Cancel;
use exposure_core::trust::TrustedKeys;
use serde::Serialize;
use tauri::{Manager, Runtime};
use ts_rs::TS;

pub use commands::{ErrorKind, ErrorView, SessionView};

/// How the app was started (its command line, validated).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// Packs named with `--pack`, first in line.
    pub packs: Vec<PathBuf>,
    /// Only the built-in demo pack, whatever the packs folders hold.
    pub demo: bool,
    pub kiosk: bool,
    /// Kiosk mode wipes everything after this long without a key press or a touch.
    pub idle_timeout: Duration,
    /// The language to start in; the system's when `None`.
    pub lang: Option<Lang>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            packs: Vec::new(),
            demo: false,
            kiosk: false,
            idle_timeout: Duration::from_secs(90),
            lang: None,
        }
    }
}

/// What the commands share.
#[derive(Debug)]
pub struct AppState {
    options: Options,
    lang: Lang,
    library: Mutex<Library>,
    /// The packs the person added, by path; locked after `library` when both are.
    references: Mutex<References>,
    /// The running check's token, a fresh one per check: `cancel_check` cancels it, and the
    /// check stops before its next hash.
    cancel: Mutex<Cancel>,
    /// Counts kiosk windows, so each fresh webview gets a fresh label.
    generation: Mutex<u32>,
    /// Where the built-in demo pack lies while it is in use, if it is.
    demo_folder: Mutex<Option<tempfile::TempDir>>,
    /// Whether the packs found at start are open yet.
    opening: Opening,
}

/// Whether the packs found at start are open. They open on a thread of their own, so the window
/// shows at once whatever they weigh (a v1 pack is read whole, and packs open one by one); what
/// needs them waits here.
#[derive(Debug)]
struct Opening {
    done: Mutex<bool>,
    finished: Condvar,
}

impl Opening {
    fn new(done: bool) -> Opening {
        Opening {
            done: Mutex::new(done),
            finished: Condvar::new(),
        }
    }

    fn is_done(&self) -> bool {
        *self.done.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn finish(&self) {
        *self.done.lock().unwrap_or_else(PoisonError::into_inner) = true;
        self.finished.notify_all();
    }

    /// Returns once the packs are open.
    fn wait(&self) {
        let done = self.done.lock().unwrap_or_else(PoisonError::into_inner);
        let _open = self
            .finished
            .wait_while(done, |done| !*done)
            .unwrap_or_else(PoisonError::into_inner);
    }
}

/// Finishes the opening when dropped, so that nothing waits forever on packs that failed to open.
struct FinishOpening<'a>(&'a Opening);

impl Drop for FinishOpening<'_> {
    fn drop(&mut self) {
        self.0.finish();
    }
}

impl AppState {
    pub fn new(options: Options, library: Library, references: References) -> AppState {
        let lang = options
            .lang
            .unwrap_or_else(|| exposure_core::l10n::language_from_env(sys_locale::get_locale()));
        AppState {
            options,
            lang,
            library: Mutex::new(library),
            references: Mutex::new(references),
            cancel: Mutex::new(Cancel::new()),
            generation: Mutex::new(0),
            demo_folder: Mutex::new(None),
            opening: Opening::new(true),
        }
    }

    /// The state of an app whose packs are still to be opened ([`AppState::open_packs`]).
    pub fn opening_later(options: Options) -> AppState {
        AppState {
            opening: Opening::new(false),
            ..AppState::new(options, Library::new(), References::in_memory())
        }
    }

    /// Puts the packs found at start in use, and lets what waited for them go on.
    pub fn open_packs(&self, loaded: Loaded, references: References) {
        let _finish = FinishOpening(&self.opening);
        *self.library.lock().unwrap_or_else(PoisonError::into_inner) = loaded.library;
        *self
            .references
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = references;
        *self
            .demo_folder
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = loaded.demo_folder;
    }
}

/// The places packs and curators' keys come from, in order of precedence: the command line, the
/// packs the person added (by path, in `…/exposure/added-packs.json`), the user's data folder
/// (`…/exposure/packs` and `…/exposure/keys`), and folders beside the executable (a USB stick
/// carrying the app and its packs).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Places {
    pub user_dir: Option<PathBuf>,
    pub beside_app: Option<PathBuf>,
}

impl Places {
    pub fn of_this_computer<R: Runtime>(app: &tauri::AppHandle<R>) -> Places {
        Places {
            user_dir: app.path().data_dir().ok().map(|dir| dir.join("exposure")),
            beside_app: std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(PathBuf::from)),
        }
    }

    /// The packs the person added, where they were remembered. In kiosk mode they are used but
    /// never changed. An unreadable list is reported and started afresh.
    pub fn references(&self, options: &Options) -> References {
        let Some(user_dir) = &self.user_dir else {
            return References::in_memory();
        };
        let file = user_dir.join(REFERENCES_FILE);
        let references = References::load(&file).unwrap_or_else(|error| {
            log_problem(&error.to_string());
            References::empty(&file)
        });
        if options.kiosk {
            references.read_only()
        } else {
            references
        }
    }

    /// Loads trusted keys from every `keys/` folder and packs from every place, each opened where
    /// it lies; falls back on the built-in demo pack when no pack is found anywhere.
    pub fn load(&self, options: &Options, references: &References) -> Loaded {
        if options.demo {
            return Loaded::with_demo_pack(Library::new());
        }
        let mut trusted = TrustedKeys::new();
        for dir in [&self.user_dir, &self.beside_app].into_iter().flatten() {
            let keys = dir.join("keys");
            if !keys.is_dir() {
                continue;
            }
            // A bad key file means fewer trusted curators, not no app: the packs they signed
            // then show as from an unknown signer, and the terminal says why.
            match TrustedKeys::load_dir(&keys) {
                Ok(keys) => trusted.extend(keys),
                Err(error) => log_problem(&error.to_string()),
            }
        }
        let user_packs = self.user_dir.as_ref().map(|d| d.join("packs"));
        let stick_packs = self.beside_app.as_ref().map(|d| d.join("packs"));
        let mut places: Vec<(&std::path::Path, Origin)> = options
            .packs
            .iter()
            .map(|p| (p.as_path(), Origin::CommandLine))
            .collect();
        places.extend(
            references
                .paths()
                .iter()
                .map(|p| (p.as_path(), Origin::Added)),
        );
        places.extend(user_packs.as_deref().map(|p| (p, Origin::UserFolder)));
        places.extend(stick_packs.as_deref().map(|p| (p, Origin::BesideApp)));
        let library = Library::discover(trusted, places);
        if library.is_empty() {
            return Loaded::with_demo_pack(library);
        }
        Loaded {
            library,
            demo_folder: None,
        }
    }
}

/// The packs found at start, and the private folder the built-in demo pack lies in while it is in
/// use (a v2 pack is read where it lies, so its file must last as long as the app).
#[derive(Debug)]
pub struct Loaded {
    pub library: Library,
    /// Removed, with the demo pack in it, when dropped.
    pub demo_folder: Option<tempfile::TempDir>,
}

/// The demo pack's bytes: built by `build.rs` exactly as `exposure demo` builds it (the pack is
/// byte-reproducible), so the app links neither the generator nor the builder.
pub const DEMO_PACK: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/demo/demo.exposure"));

impl Loaded {
    /// `library` with the embedded demo pack, written into a private temporary folder and opened
    /// there. If it cannot be written, the window still opens and says no pack is loaded; the
    /// reason goes to the terminal.
    fn with_demo_pack(mut library: Library) -> Loaded {
        let written = tempfile::tempdir().and_then(|folder| {
            let pack = folder.path().join("demo.exposure");
            std::fs::write(&pack, DEMO_PACK)?;
            library.add(&pack, Origin::Demo);
            Ok(folder)
        });
        let demo_folder = written
            .inspect_err(|reason| {
                log_problem(&format!("the demo pack could not be written: {reason}"));
            })
            .ok();
        Loaded {
            library,
            demo_folder,
        }
    }
}

#[allow(clippy::print_stderr)]
fn log_problem(message: &str) {
    eprintln!("exposure-desktop: {message}");
}

/// Facts about the session the UI needs besides the packs.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct Settings {
    pub kiosk: bool,
    pub idle_seconds: u32,
    pub language: Lang,
}

/// The app on any runtime: the real one, or Tauri's mock runtime in tests (whose builder comes
/// with the invoke key the test harness signs its requests with).
pub fn configure<R: Runtime>(builder: tauri::Builder<R>, state: AppState) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .manage(state)
        .invoke_handler(tauri::generate_handler![
            commands::app_state,
            commands::validate,
            commands::check,
            commands::cancel_check,
            commands::packs_opened,
            commands::add_packs,
            commands::remove_pack,
            commands::forget_added,
            commands::guess_costs,
            commands::idle_reset,
            commands::print_sheet,
        ])
}

/// Runs the desktop app until its window closes. The window opens at once; the packs open on a
/// thread meanwhile, and the page shows them as soon as they are.
pub fn run(options: Options) -> Result<(), tauri::Error> {
    configure(tauri::Builder::default(), AppState::opening_later(options))
        .setup(|app| {
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                let state = handle.state::<AppState>();
                let _finish = FinishOpening(&state.opening);
                let places = Places::of_this_computer(&handle);
                let references = places.references(&state.options);
                let loaded = places.load(&state.options, &references);
                state.open_packs(loaded, references);
            });
            window::open(app.handle(), &app.state::<AppState>())?;
            Ok(())
        })
        .run(tauri::generate_context!())
}

/// The TypeScript declarations of the shell's own types, for `ui/src/app-bindings.ts`.
pub fn typescript_bindings() -> String {
    let config = ts_rs::Config::default();
    exposure_core::view::bindings_file(
        "src-tauri/src",
        "cargo test -p exposure-desktop",
        "import type { Lang, LibraryView, MessageArg } from \"./bindings\";\n\n",
        [
            Settings::decl(&config),
            SessionView::decl(&config),
            commands::ErrorKind::decl(&config),
            ErrorView::decl(&config),
            commands::ProgressView::decl(&config),
        ],
    )
}

#[cfg(test)]
mod tests;
