// Every word the UI shows comes from the Fluent files under locales/, the very files the CLI
// uses: one source of truth for both faces. Messages from the Rust side arrive as
// {messageId, args} and are formatted here, so a language switch needs no call to the backend.

import { FluentBundle, FluentResource, type FluentVariable } from "@fluent/bundle";
import enSource from "../../locales/en/exposure.ftl?raw";
import zhCnSource from "../../locales/zh-CN/exposure.ftl?raw";
import zhTwSource from "../../locales/zh-TW/exposure.ftl?raw";
import type { Lang, LocalizedText, Message, MessageArg } from "./bindings";

// Generated from `Lang::ALL`, so a language added on the Rust side reaches the switch.
export { LANGS } from "./bindings";

/// Each language's own name, shown in the language switch whatever the current language is.
export const LANG_NAMES: Record<Lang, string> = { en: "English", "zh-CN": "简体中文", "zh-TW": "繁體中文" };

function bundle(lang: Lang, source: string): FluentBundle {
  // No bidi isolation marks: every language is left to right, and the marks would end up in
  // text that assistive technology reads and tests compare.
  const b = new FluentBundle(lang, { useIsolating: false });
  const errors = b.addResource(new FluentResource(source));
  if (errors.length > 0) {
    throw new Error(`locales/${lang}/exposure.ftl: ${errors.map(String).join("; ")}`);
  }
  return b;
}

export const SOURCES: Record<Lang, string> = { en: enSource, "zh-CN": zhCnSource, "zh-TW": zhTwSource };
const bundles: Record<Lang, FluentBundle> = {
  en: bundle("en", enSource),
  "zh-CN": bundle("zh-CN", zhCnSource),
  "zh-TW": bundle("zh-TW", zhTwSource),
};

/// The `lang` each language gives the document: the script, not a country, is what a screen
/// reader's voice and a font need to know.
export const LANG_TAGS: Record<Lang, string> = { en: "en", "zh-CN": "zh-Hans", "zh-TW": "zh-Hant" };

let current: Lang = "en";

export function language(): Lang {
  return current;
}

export function setLanguage(lang: Lang): void {
  current = lang;
  document.documentElement.lang = LANG_TAGS[lang];
}

/// Picks a supported language for a BCP 47 or POSIX tag, as the Rust side does (`Lang::negotiate`):
/// Chinese in the Traditional script, or of Taiwan, Hong Kong or Macau, is zh-TW; other Chinese
/// is zh-CN; anything else English.
export function negotiate(tag: string | undefined): Lang {
  const [primary, ...rest] = (tag ?? "").split(/[.@]/)[0].toLowerCase().split(/[-_]/);
  if (primary !== "zh") return "en";
  const traditional =
    rest.includes("hant") || (!rest.includes("hans") && rest.some((s) => ["tw", "hk", "mo"].includes(s)));
  return traditional ? "zh-TW" : "zh-CN";
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

/// A piece of text, with the `lang` it needs when it is not in the page's language.
export interface Run {
  text: string;
  lang?: string;
}

// Han characters, with the digits that belong to them ("1985年3月7日" is one run).
const HAN_RUN = /[0-9]*\p{Script=Han}(?:[0-9\s]*\p{Script=Han})*/gu;
// Latin words with the punctuation between them ("Demo: police database" is one run); a lone
// letter, such as the X of an ID number, is read well enough in either voice.
const LATIN_RUN = /[A-Za-z]{2}(?:[A-Za-z0-9'’,.:;!?()&/\s-]*[A-Za-z0-9.!?)])?/g;

/// Splits `text` into runs in the page's language and runs in another one: Chinese inside English
/// (the examples of a hint, a curator's Chinese title) and English inside Chinese (a curator's
/// text that has no Chinese), so that a screen reader reads each with the right voice.
export function languageRuns(text: string, page: Lang = current): Run[] {
  const foreign = page === "en" ? HAN_RUN : LATIN_RUN;
  const lang = page === "en" ? LANG_TAGS["zh-CN"] : LANG_TAGS.en;
  const runs: Run[] = [];
  let at = 0;
  for (const match of text.matchAll(foreign)) {
    const start = match.index ?? 0;
    if (start > at) runs.push({ text: text.slice(at, start) });
    runs.push({ text: match[0], lang });
    at = start + match[0].length;
  }
  if (at < text.length) runs.push({ text: text.slice(at) });
  return runs;
}
