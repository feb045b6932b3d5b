// Generated from src-tauri/src by `cargo test -p exposure-desktop` with UPDATE_BINDINGS=1.
// Do not edit: a test fails when this file and the Rust types differ.

import type { Lang, LibraryView, MessageArg } from "./bindings";

export type Settings = { kiosk: boolean, idleSeconds: number, language: Lang, };

export type SessionView = { settings: Settings, 
/**
 * The packs found at start are still opening (`library` is empty): `packs_opened` answers
 * once they are open.
 */
opening: boolean, library: LibraryView, };

export type ErrorKind = "pack" | "cancelled" | "kiosk" | "unknown_pack" | "key" | "references" | "print";

export type ErrorView = { kind: ErrorKind, messageId: string, args: Record<string, MessageArg>, };

export type ProgressView = { done: number, total: number, };
