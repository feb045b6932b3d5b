//! The commands the web page may call, each a thin adapter over `exposure-core`. Each one is
//! declared in `build.rs` and granted in `capabilities/main.json`, so Tauri refuses it to any
//! other origin.

use std::sync::atomic::{AtomicU64, Ordering};

use exposure_core::l10n::{Message, MessageArg};
use exposure_core::library::references::ReferencesError;
use exposure_core::progress::{Cancel, Phase, Progress};
use exposure_core::view::{self, CheckView, FieldValue, GuessCostView, LibraryView};
use serde::Serialize;
use tauri::ipc::Channel;
use tauri::{AppHandle, Manager, Runtime, State};
use tauri_plugin_dialog::DialogExt;
use ts_rs::TS;

use crate::{AppState, Settings};

/// What went wrong, in one word the UI can act on (a cancelled check is not shown as a failure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorKind {
    Pack,
    Cancelled,
    Kiosk,
    UnknownPack,
    Key,
    /// The list of packs the person added could not be saved: the change holds this session.
    References,
    /// The print window could not be opened.
    Print,
}

/// An error as the UI receives it: what went wrong in kind, and the sentence to show.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct ErrorView {
    pub kind: ErrorKind,
    #[ts(type = "string")]
    pub message_id: &'static str,
    #[ts(type = "Record<string, MessageArg>")]
    pub args: std::collections::BTreeMap<&'static str, MessageArg>,
}

impl ErrorView {
    fn new(kind: ErrorKind, message: Message) -> ErrorView {
        ErrorView {
            kind,
            message_id: message.message_id,
            args: message.args,
        }
    }
}

impl From<exposure_core::check::CheckError> for ErrorView {
    fn from(error: exposure_core::check::CheckError) -> ErrorView {
        let kind = match error {
            exposure_core::check::CheckError::Cancelled(_) => ErrorKind::Cancelled,
            _ => ErrorKind::Pack,
        };
        ErrorView::new(kind, Message::from(&error))
    }
}

/// Everything the UI shows before a check.
#[derive(Debug, Clone, Serialize, TS)]
pub struct SessionView {
    pub settings: Settings,
    /// The packs found at start are still opening (`library` is empty): `packs_opened` answers
    /// once they are open.
    pub opening: bool,
    pub library: LibraryView,
}

/// How far a check has come.
#[derive(Debug, Clone, Copy, Serialize, TS)]
pub struct ProgressView {
    pub done: u32,
    pub total: u32,
}

const POISONED: &str = "no command panics holding the library";

fn library_view(state: &AppState) -> LibraryView {
    let library = state.library.lock().expect(POISONED);
    LibraryView::new(&library, &state.references.lock().expect(POISONED))
}

// Commands that read the library are async: Tauri runs synchronous commands on the main thread,
// which a running check (holding the library for seconds of hashing) would otherwise freeze.

#[tauri::command]
pub async fn app_state(state: State<'_, AppState>) -> Result<SessionView, ErrorView> {
    Ok(SessionView {
        settings: Settings {
            kiosk: state.options.kiosk,
            idle_seconds: u32::try_from(state.options.idle_timeout.as_secs()).unwrap_or(u32::MAX),
            language: state.lang,
        },
        opening: !state.opening.is_done(),
        library: library_view(&state),
    })
}

/// The packs in use, once those found at start are open.
#[tauri::command]
pub async fn packs_opened<R: Runtime>(app: AppHandle<R>) -> Result<LibraryView, ErrorView> {
    opened(&app).await?;
    Ok(library_view(&app.state::<AppState>()))
}

/// Waits until the packs found at start are open, on a blocking thread: a v1 pack is read whole,
/// and the async runtime's own threads must stay free for other commands meanwhile.
async fn opened<R: Runtime>(app: &AppHandle<R>) -> Result<(), ErrorView> {
    let app = app.clone();
    tauri::async_runtime::spawn_blocking(move || app.state::<AppState>().opening.wait())
        .await
        .map_err(|error| {
            ErrorView::new(
                ErrorKind::Pack,
                Message::new("app-check-failed").arg("reason", error.to_string()),
            )
        })
}

/// The verdict on one field as typed: `null` when it would be checked, else the reason.
#[tauri::command]
pub async fn validate(
    field: FieldValue,
    state: State<'_, AppState>,
) -> Result<Option<Message>, ErrorView> {
    Ok(view::validate(
        &field,
        &state.library.lock().expect(POISONED),
    ))
}

/// Reports each derived key to the page.
struct ChannelProgress {
    channel: Channel<ProgressView>,
    /// The keys the check derives in all, from the start of its one phase.
    total: AtomicU64,
}

impl ChannelProgress {
    fn send(&self, done: u64) {
        // A closed page cannot take progress; the check goes on to its answer regardless.
        let _ = self.channel.send(ProgressView {
            done: done as u32,
            total: self.total.load(Ordering::Relaxed) as u32,
        });
    }
}

impl Progress for ChannelProgress {
    fn start(&self, _: Phase, total: u64) {
        self.total.store(total, Ordering::Relaxed);
        self.send(0);
    }

    fn update(&self, done: u64, _: u64) {
        self.send(done);
    }

    fn finish(&self, _: Phase) {}
}

/// Checks every filled-in field against every pack. Argon2 is seconds of work on every core, so
/// it runs on a blocking thread, leaving the UI and the other commands (cancel) responsive.
#[tauri::command]
pub async fn check<R: Runtime>(
    fields: Vec<FieldValue>,
    progress: Channel<ProgressView>,
    app: AppHandle<R>,
) -> Result<CheckView, ErrorView> {
    tauri::async_runtime::spawn_blocking(move || {
        let state = app.state::<AppState>();
        // A check made while the packs open is made against all of them.
        state.opening.wait();
        let cancel = Cancel::new();
        *state.cancel.lock().expect(POISONED) = cancel.clone();
        let progress = ChannelProgress {
            channel: progress,
            total: AtomicU64::new(0),
        };
        view::check(fields, &state.library, &progress, &cancel)
    })
    .await
    .map_err(|error| {
        ErrorView::new(
            ErrorKind::Pack,
            Message::new("app-check-failed").arg("reason", error.to_string()),
        )
    })?
    .map_err(ErrorView::from)
}

#[tauri::command]
pub fn cancel_check(state: State<'_, AppState>) {
    state.cancel.lock().expect(POISONED).cancel();
}

/// Adds packs through the system file dialog: files, or a whole folder. Each pack is used where
/// it lies and remembered by its path, never copied, whatever its size. Refused in kiosk mode,
/// where the file system is out of reach.
#[tauri::command]
pub async fn add_packs<R: Runtime>(
    folder: bool,
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<LibraryView, ErrorView> {
    refuse_in_kiosk(&state)?;
    // Packs added meanwhile would be lost when those found at start are put in use.
    opened(&app).await?;
    let dialog = app
        .dialog()
        .file()
        .set_title(
            exposure_core::l10n::localizer_for(state.lang).format("app-add-packs-title", &[]),
        )
        .add_filter("Exposure", &[exposure_core::library::PACK_EXTENSION]);
    let picked: Vec<std::path::PathBuf> = if folder {
        dialog
            .blocking_pick_folder()
            .and_then(|path| path.into_path().ok())
            .into_iter()
            .collect()
    } else {
        dialog
            .blocking_pick_files()
            .unwrap_or_default()
            .into_iter()
            .filter_map(|path| path.into_path().ok())
            .collect()
    };
    let mut library = state.library.lock().expect(POISONED);
    let mut references = state.references.lock().expect(POISONED);
    library.clear_refusals();
    let mut unsaved = None;
    for path in picked {
        if let Err(error) = library.add_referenced(&path, &mut references) {
            unsaved.get_or_insert(error);
        }
    }
    unsaved.map_or(Ok(LibraryView::new(&library, &references)), |error| {
        Err(references_error(&error))
    })
}

/// Stops using a pack; one the person added is forgotten too (its file is left where it is).
#[tauri::command]
pub async fn remove_pack<R: Runtime>(
    id: String,
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<LibraryView, ErrorView> {
    opened(&app).await?;
    let mut library = state.library.lock().expect(POISONED);
    let mut references = state.references.lock().expect(POISONED);
    library
        .remove_referenced(&id, &mut references)
        .map_err(|error| references_error(&error))?;
    Ok(LibraryView::new(&library, &references))
}

/// Forgets a pack or a folder the person added (`path`, as the page shows it): a pack whose file
/// is gone stops being refused at every start, and a folder's packs stop being used. No file is
/// touched. Refused in kiosk mode, which adds nothing.
#[tauri::command]
pub async fn forget_added<R: Runtime>(
    path: String,
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<LibraryView, ErrorView> {
    refuse_in_kiosk(&state)?;
    opened(&app).await?;
    let mut library = state.library.lock().expect(POISONED);
    let mut references = state.references.lock().expect(POISONED);
    library
        .forget_referenced(std::path::Path::new(&path), &mut references)
        .map_err(|error| references_error(&error))?;
    Ok(LibraryView::new(&library, &references))
}

/// The change is made for this session; the page shows why it will not last and reloads the packs.
fn references_error(error: &ReferencesError) -> ErrorView {
    ErrorView::new(ErrorKind::References, Message::from(error))
}

/// The honest limit for one pack: what guessing would cost on this computer, measured now.
#[tauri::command]
pub async fn guess_costs(
    id: String,
    state: State<'_, AppState>,
) -> Result<GuessCostView, ErrorView> {
    let meta = {
        let library = state.library.lock().expect(POISONED);
        let shelved = library.get(&id).ok_or_else(|| {
            ErrorView::new(ErrorKind::UnknownPack, Message::new("app-unknown-pack"))
        })?;
        shelved.pack.meta().clone()
    };
    // Measured without the library: seconds of argon2 that no other command waits on.
    view::guess_costs(&meta).map_err(|error| ErrorView::new(ErrorKind::Key, Message::from(&error)))
}

/// Kiosk mode, after the idle timeout: replaces the window's webview with a fresh one, so nothing
/// typed or shown lingers in the old page's memory.
#[tauri::command]
pub async fn idle_reset<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> Result<(), ErrorView> {
    if !state.options.kiosk {
        return Ok(());
    }
    crate::window::renew(&app, &state).map_err(|error| {
        ErrorView::new(
            ErrorKind::Kiosk,
            Message::new("app-window-failed").arg("reason", error.to_string()),
        )
    })
}

/// "Print what to do": the system's print window for this webview, which prints the page through
/// its print stylesheet, so the sheet alone. `window.print()` opens nothing in the WebKitGTK
/// webview (tried in the real window: no print window, no `beforeprint`), so the page asks here:
/// Tauri's `Webview::print` runs WebKitGTK's print dialog, with the printers and "Print to File"
/// for a PDF.
#[tauri::command]
pub async fn print_sheet<R: Runtime>(webview: tauri::Webview<R>) -> Result<(), ErrorView> {
    webview.print().map_err(|error| {
        ErrorView::new(
            ErrorKind::Print,
            Message::new("app-print-failed").arg("reason", error.to_string()),
        )
    })
}

/// A kiosk's file system is out of reach: it neither adds nor forgets packs.
fn refuse_in_kiosk(state: &AppState) -> Result<(), ErrorView> {
    if state.options.kiosk {
        return Err(ErrorView::new(
            ErrorKind::Kiosk,
            Message::new("app-kiosk-no-files"),
        ));
    }
    Ok(())
}
