// The backend's commands, typed with the bindings generated from the Rust types. Each returns
// a view from exposure-core; errors arrive as ErrorView ({kind, messageId, args}).

import { Channel, invoke } from "@tauri-apps/api/core";
import type { ErrorView, ProgressView, SessionView } from "./app-bindings";
import type { CheckView, FieldValue, GuessCostView, LibraryView, Message } from "./bindings";

export function appState(): Promise<SessionView> {
  return invoke("app_state");
}

export function validate(field: FieldValue): Promise<Message | null> {
  return invoke("validate", { field });
}

export function check(
  fields: FieldValue[],
  onProgress: (progress: ProgressView) => void,
): Promise<CheckView> {
  const progress = new Channel<ProgressView>();
  progress.onmessage = onProgress;
  return invoke("check", { fields, progress });
}

export function cancelCheck(): Promise<void> {
  return invoke("cancel_check");
}

/// The packs in use, once those found at start are open.
export function packsOpened(): Promise<LibraryView> {
  return invoke("packs_opened");
}

export function addPacks(folder: boolean): Promise<LibraryView> {
  return invoke("add_packs", { folder });
}

export function removePack(id: string): Promise<LibraryView> {
  return invoke("remove_pack", { id });
}

/// Forgets a pack or a folder the person added (`path` as the page shows it); no file is touched.
export function forgetAdded(path: string): Promise<LibraryView> {
  return invoke("forget_added", { path });
}

export function guessCosts(id: string): Promise<GuessCostView> {
  return invoke("guess_costs", { id });
}

export function idleReset(): Promise<void> {
  return invoke("idle_reset");
}

/// Opens the system's print window for the page, which prints the sheet alone.
export function printSheet(): Promise<void> {
  return invoke("print_sheet");
}

/// Whether a rejection is one of the backend's ErrorViews (anything else is a bug or an IPC
/// failure, shown with its text).
export function isErrorView(error: unknown): error is ErrorView {
  return (
    typeof error === "object" &&
    error !== null &&
    "messageId" in error &&
    typeof (error as ErrorView).messageId === "string"
  );
}
