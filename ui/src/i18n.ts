// Every word the UI shows comes from the Fluent files under locales/, the very files the CLI
// uses: one source of truth for both faces. Messages from the Rust side arrive as
// {messageId, args} and are formatted here, so a language switch needs no call to the backend.

import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import enSource from "../../locales/en/exposure.ftl?raw";
import zhSource from "../../locales/zh-CN/exposure.ftl?raw";
import type { Lang, LocalizedText, Message, MessageArg } from "./bindings";

// Generated from `Lang::ALL`, so a language added on the Rust side reaches the switch.
export { LANGS } from "./bindings";

/// Each language's own name, shown in the language switch whatever the current language is.
export const LANG_NAMES: Record<Lang, string> = { en: "English", "zh-CN": "简体中文" };

function bundle(lang: Lang, source: string): FluentBundle {
  // No bidi isolation marks: both languages are left to right, and the marks would end up in
  // text that assistive technology reads and tests compare.
  const b = new FluentBundle(lang, { useIsolating: false });
  const errors = b.addResource(new FluentResource(source));
  if (errors.length > 0) {
    throw new Error(`locales/${lang}/exposure.ftl: ${errors.map(String).join("; ")}`);
  }
  return b;
}

export const SOURCES: Record<Lang, string> = { en: enSource, "zh-CN": zhSource };
const bundles: Record<Lang, FluentBundle> = {
  en: bundle("en", enSource),
  "zh-CN": bundle("zh-CN", zhSource),
};

let current: Lang = "en";

export function language(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  current = lang;
  document.documentElement.lang = lang;
}

/// Picks a supported language for a BCP 47 tag, as the Rust side does: any Chinese is zh-CN.
export function negotiate(tag: string | undefined): Lang {
  const primary = (tag ?? "").split(/[-_.@]/)[0].toLowerCase();
  return primary === "zh" ? "zh-CN" : "en";
}

/// Formats message `id` in the current language, falling back to English message by message.
export function t(id: string, args?: Record<string, MessageArg>): string {
  return formatFirst([bundles[current], bundles.en], id, args);
}

/// Formats message `id` from the first bundle that formats it without error; its id otherwise.
export function formatFirst(
  chain: readonly FluentBundle[],
  id: string,
  args?: Record<string, MessageArg>,
): string {
  for (const bundle of chain) {
    const message = bundle.getMessage(id);
    if (message?.value) {
      const errors: Error[] = [];
      const text = bundle.formatPattern(
        message.value,
        args as Record<string, FluentVariable> | undefined,
        errors,
      );
      if (errors.length === 0) return text;
    }
  }
  // A missing message is a bug a test catches; show the id rather than nothing.
  return id;
}

/// Formats a message that came from the Rust side.
export function tm(message: Message): string {
  return t(message.messageId, message.args);
}

/// A curator's text in the current language.
export function text(localized: LocalizedText): string {
  return localized[current] || localized.en;
}

/// The ids of every message defined in a Fluent source (for tests).
export function messageIds(source: string): Set<string> {
  const ids = new Set<string>();
  for (const entry of new FluentResource(source).body) {
    ids.add(entry.id);
  }
  return ids;
}
