import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FluentBundle, FluentResource } from "@fluent/bundle";
import { LANGS, SOURCES, formatFirst, languageRuns, messageIds, negotiate, setLanguage, t, text } from "./i18n";

const SRC = __dirname;

function uiSources(): string {
  return readdirSync(SRC)
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(SRC, f), "utf8"))
    .join("\n");
}

describe("the UI's words", () => {
  it("every message id the UI names exists in every language", () => {
    const used = new Set<string>();
    for (const match of uiSources().matchAll(/"((?:app|kind|info|pack|list)-[a-z0-9_-]+)"/g)) {
      used.add(match[1]);
    }
    // Ids built from a kind or an origin: every value they can take.
    for (const field of ["phone", "national_id", "name", "dob", "email", "username"]) {
      used.add(`app-field-${field}`);
      used.add(`app-field-${field}-hint`);
    }
    for (const origin of ["command_line", "user_folder", "beside_app", "added", "demo"]) {
      used.add(`app-pack-origin-${origin}`);
    }
    used.delete("app-field-"); // the prefix itself, from the template literal
    used.delete("app-pack-origin-");
    expect(used.size).toBeGreaterThan(40);
    for (const lang of LANGS) {
      const defined = messageIds(SOURCES[lang]);
      const missing = [...used].filter((id) => !defined.has(id));
      expect(missing, `missing in ${lang}`).toEqual([]);
    }
  });

  it("every language defines every message of English, and no other", () => {
    const en = [...messageIds(SOURCES.en)].sort();
    expect(LANGS).toEqual(["en", "zh-CN", "zh-TW"]);
    for (const lang of LANGS) {
      expect([...messageIds(SOURCES[lang])].sort(), lang).toEqual(en);
    }
  });

  it("messages format with their arguments in each language", () => {
    setLanguage("en");
    expect(t("app-results-found", { count: 1 })).toBe("You were found in 1 leak.");
    expect(t("app-results-found", { count: 3 })).toBe("You were found in 3 leaks.");
    setLanguage("zh-CN");
    expect(t("app-results-found", { count: 3 })).toBe("你出现在 3 起泄露中。");
    expect(t("kind-phone")).not.toBe("phone number");
    setLanguage("zh-TW");
    expect(t("app-results-found", { count: 3 })).toBe("你出現在 3 起洩露中。");
    expect(document.documentElement.lang).toBe("zh-Hant");
  });

  it("a message missing from a translation falls back to English, then to its id", () => {
    const only = (lang: string, source: string) => {
      const bundle = new FluentBundle(lang, { useIsolating: false });
      bundle.addResource(new FluentResource(source));
      return bundle;
    };
    const chain = [only("zh-CN", "both = 两者\n"), only("en", "both = both\nonly-en = English only\n")];
    expect(formatFirst(chain, "both")).toBe("两者");
    expect(formatFirst(chain, "only-en")).toBe("English only");
    expect(formatFirst(chain, "no-such-message")).toBe("no-such-message");
    setLanguage("zh-CN");
    expect(t("no-such-message")).toBe("no-such-message");
  });

  it("Traditional Chinese locales get zh-TW, other Chinese zh-CN, and anything else English", () => {
    for (const tag of ["zh-TW", "zh_TW.UTF-8", "zh_HK", "zh_MO", "zh-Hant", "zh-Hant-CN"]) {
      expect(negotiate(tag), tag).toBe("zh-TW");
    }
    for (const tag of ["zh_CN.UTF-8", "zh-Hans", "zh-Hans-HK", "zh_SG", "zh"]) {
      expect(negotiate(tag), tag).toBe("zh-CN");
    }
    expect(negotiate("en-GB")).toBe("en");
    expect(negotiate("fr-FR")).toBe("en");
    expect(negotiate(undefined)).toBe("en");
  });

  it("a curator's text shows in the current language, or in English when it has none", () => {
    setLanguage("zh-CN");
    expect(text({ en: "Police", "zh-CN": "警方", "zh-TW": "警方資料" })).toBe("警方");
    expect(text({ en: "Police", "zh-CN": "", "zh-TW": "" })).toBe("Police");
    setLanguage("zh-TW");
    expect(text({ en: "Police", "zh-CN": "警方", "zh-TW": "警方資料" })).toBe("警方資料");
  });
});

describe("the language of parts", () => {
  it("Chinese inside English is one run per example, dates with their digits", () => {
    expect(languageRuns("For example 张伟; or 1985年3月7日 and 1985-03-07", "en")).toEqual([
      { text: "For example " },
      { text: "张伟", lang: "zh-Hans" },
      { text: "; or " },
      { text: "1985年3月7日", lang: "zh-Hans" },
      { text: " and 1985-03-07" },
    ]);
  });

  it("English inside Chinese is marked, a lone letter and digits are not", () => {
    expect(languageRuns("Exposure 演示数据包：Demo: police database（X 位）", "zh-CN")).toEqual([
      { text: "Exposure", lang: "en" },
      { text: " 演示数据包：" },
      { text: "Demo: police database", lang: "en" },
      { text: "（X 位）" },
    ]);
    expect(languageRuns("138 0013 8000", "zh-CN")).toEqual([{ text: "138 0013 8000" }]);
  });

  it("text all in the page's language is one unmarked run", () => {
    expect(languageRuns("Fill in at least one field first.", "en")).toEqual([
      { text: "Fill in at least one field first." },
    ]);
    expect(languageRuns("", "en")).toEqual([]);
  });
});
