import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionView } from "./app-bindings";
import { App } from "./app";
import type { CheckView, FieldValue, GuessCostView, LibraryView, PackView } from "./bindings";

const demoPack: PackView = {
  id: "demo",
  title: { en: "Exposure demo pack", "zh-CN": "Exposure 演示数据包", "zh-TW": "Exposure 示範資料包" },
  curator: "Exposure",
  created: "2026-01-01T00:00:00Z",
  entries: 3666,
  protection: "weak",
  protectionLabel: { messageId: "protection-weak", args: {} },
  demo: true,
  synthetic: false,
  formatVersion: 2,
  origin: "demo",
  path: "/tmp/demo.exposure",
  signature: { status: "unsigned", keyId: null, label: { messageId: "signature-unsigned", args: {} } },
  breaches: [
    {
      id: "demo-police-2022",
      title: { en: "Demo: police database", "zh-CN": "演示：警方数据库", "zh-TW": "示範：警方資料庫" },
      description: { en: "Synthetic", "zh-CN": "合成", "zh-TW": "合成" },
      date: "2022-07-01",
      records: 700,
      dataClasses: [{ id: "national_ids", label: { messageId: "class-national_ids", args: {} } }],
    },
  ],
};

function session(kiosk = false, packs: PackView[] = [demoPack]): SessionView {
  return {
    settings: { kiosk, idleSeconds: 90, language: "en" },
    opening: false,
    library: { packs, refused: [], folders: [] },
  };
}

const found: CheckView = {
  checked: 2,
  packs: 1,
  inputs: [
    { kind: "phone", invalid: null },
    { kind: "national_id", invalid: null },
    { kind: "email", invalid: { messageId: "invalid-email-without-at", args: {} } },
  ],
  findings: [
    {
      packId: "demo",
      packTitle: demoPack.title,
      breachId: "demo-police-2022",
      title: { en: "Demo: police database", "zh-CN": "演示：警方数据库", "zh-TW": "示範：警方資料庫" },
      description: { en: "Made-up police records.", "zh-CN": "虚构的警方记录。", "zh-TW": "虛構的警方記錄。" },
      date: "2022-07-01",
      matched: ["phone", "national_id"],
      matchedInSimplified: [],
      dataClasses: [
        { id: "national_ids", label: { messageId: "class-national_ids", args: {} } },
        { id: "phone_numbers", label: { messageId: "class-phone_numbers", args: {} } },
      ],
      breachDataClasses: [
        { id: "national_ids", label: { messageId: "class-national_ids", args: {} } },
        { id: "phone_numbers", label: { messageId: "class-phone_numbers", args: {} } },
        { id: "police_records", label: { messageId: "class-police_records", args: {} } },
      ],
      demo: true,
    },
  ],
  advice: [
    { messageId: "advice-national_ids", args: { channels: "cn" } },
    { messageId: "advice-general", args: { channels: "cn" } },
  ],
};

interface Call {
  cmd: string;
  args: Record<string, unknown>;
}

let calls: Call[];
let checkAnswer: CheckView;
/// When set, a check runs until cancelled.
let holdCheck = false;
let cancelled: (() => void) | undefined;
/// What add_packs answers: the packs, or a rejection.
let addAnswer: () => Promise<LibraryView>;
/// Answers the pending packs_opened call.
let opened: ((library: LibraryView) => void) | undefined;
/// What app_state answers.
let sessionAnswer: SessionView;
/// Answers the pending guess_costs call.
let measured: ((view: GuessCostView) => void) | undefined;
/// When set, print_sheet fails.
let printFails = false;

const costs: GuessCostView = {
  packId: "demo",
  msPerGuess: 12,
  cores: 2,
  attacks: [
    {
      kind: "phone",
      attack: { messageId: "attack-phone-all", args: {} },
      time: { messageId: "span-days", args: { count: 3 } },
    },
  ],
  gpu: {
    device: "NVIDIA GeForce RTX 4090",
    guessesPerSecond: 9000,
    source: "https://github.com/hashcat/hashcat/pull/4284",
    date: "2025-07-02",
    attacks: [
      {
        kind: "phone",
        attack: { messageId: "attack-all-mobiles", args: {} },
        time: { messageId: "span-days", args: { n: 9 } },
      },
    ],
  },
};

function backend(): void {
  mockIPC((cmd, args) => {
    const payload = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: payload });
    switch (cmd) {
      case "validate": {
        const field = payload.field as FieldValue;
        return field.value.includes("bad")
          ? { messageId: "invalid-phone-local-only", args: {} }
          : null;
      }
      case "check": {
        if (holdCheck) {
          return new Promise((_, reject) => {
            cancelled = () => reject({ kind: "cancelled", messageId: "check-cancelled", args: {} });
          });
        }
        const progress = payload.progress as { onmessage: (p: unknown) => void };
        progress.onmessage({ done: 1, total: 2 });
        progress.onmessage({ done: 2, total: 2 });
        return checkAnswer;
      }
      case "cancel_check":
        cancelled?.();
        return null;
      case "remove_pack":
        return { packs: [], refused: [], folders: [] } satisfies LibraryView;
      case "add_packs":
        return addAnswer();
      case "forget_added":
        return { packs: [demoPack], refused: [], folders: [] } satisfies LibraryView;
      case "app_state":
        return sessionAnswer;
      case "packs_opened":
        return new Promise((resolve) => (opened = resolve));
      case "guess_costs":
        return new Promise((resolve) => (measured = resolve));
      case "print_sheet":
        // What would be printed: the sheet as drawn when the print window opens.
        payload.sheet = document.querySelector("[data-sheet]")?.textContent ?? "";
        if (printFails) {
          return Promise.reject({ kind: "print", messageId: "app-print-failed", args: { reason: "no printing here" } });
        }
        return null;
      default:
        return null;
    }
  });
}

/// The app of the running test: torn down after it, so that no debounced timer of one test fires
/// into the next one's mocks (or into none: an invoke after `clearMocks` is an unhandled error).
let app: App | undefined;

function start(s: SessionView = session()): HTMLElement {
  const root = document.createElement("div");
  document.body.replaceChildren(root);
  app = new App(root, s);
  return root;
}

function input(root: HTMLElement, name: string): HTMLInputElement {
  return root.querySelector(`input[name="${name}"]`) as HTMLInputElement;
}

function type(root: HTMLElement, name: string, value: string): void {
  const field = input(root, name);
  field.value = value;
  field.dispatchEvent(new Event("input", { bubbles: true }));
}

async function submit(root: HTMLElement): Promise<void> {
  (root.querySelector("button[type=submit]") as HTMLButtonElement).click();
  await vi.waitFor(() => expect(root.querySelector("#results-heading")).not.toBeNull());
}

beforeEach(() => {
  calls = [];
  checkAnswer = found;
  holdCheck = false;
  cancelled = undefined;
  measured = undefined;
  addAnswer = () => Promise.resolve(session().library);
  opened = undefined;
  sessionAnswer = session();
  printFails = false;
  document.body.className = "";
  document.title = "";
  backend();
});

afterEach(() => {
  app?.clearEverything();
  app?.dispose();
  app = undefined;
  clearMocks();
  vi.useRealTimers();
});

describe("the check screen", () => {
  it("has a labelled input named for each kind, a submit button, and a masked ID field", () => {
    const root = start();
    for (const kind of ["phone", "national_id", "name", "dob", "email", "username"]) {
      const field = input(root, kind);
      expect(field, kind).not.toBeNull();
      const label = root.querySelector(`label[for="${field.id}"]`);
      expect(label?.textContent, kind).not.toBe("");
      expect(field.getAttribute("autocomplete")).toBe("off");
    }
    expect(root.querySelectorAll("form button[type=submit]")).toHaveLength(1);
    expect(input(root, "national_id").type).toBe("password");
    (root.querySelector("button.toggle") as HTMLButtonElement).click();
    expect(input(root, "national_id").type).toBe("text");
    expect(root.querySelector("button.toggle")?.getAttribute("aria-pressed")).toBe("true");
  });

  it("shows the core's reason as the person types, marked with data-invalid", async () => {
    const root = start();
    type(root, "phone", "bad 12345");
    await vi.waitFor(() => expect(root.querySelector('[data-invalid="phone"]')).not.toBeNull());
    expect(root.querySelector('[data-invalid="phone"]')?.textContent).toContain("area code");
    expect(input(root, "phone").getAttribute("aria-invalid")).toBe("true");
    type(root, "phone", "138 0013 8000");
    await vi.waitFor(() => expect(root.querySelector('[data-invalid="phone"]')).toBeNull());
    expect(root.querySelector("#field-phone-message")?.textContent).toBe("Looks right.");
  });

  it("sends only filled-in fields and shows each finding with its matched kinds and advice", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    type(root, "national_id", "110105198503071230");
    await submit(root);
    const sent = calls.find((c) => c.cmd === "check")?.args.fields as FieldValue[];
    expect(sent.map((f) => f.kind)).toEqual(["phone", "national_id"]);
    const finding = root.querySelector('[data-breach="demo-police-2022"]') as HTMLElement;
    expect(finding.dataset.matched).toBe("phone national_id");
    expect(finding.querySelector(".matched-simplified")).toBeNull();
    expect(finding.textContent).toContain("national ID numbers");
    expect(finding.textContent).toContain("police records");
    expect(root.querySelector(".summary")?.textContent).toBe("You were found in 1 leak.");
    expect(root.querySelector('[data-advice="advice-national_ids"]')).not.toBeNull();
    expect(root.querySelector('.not-checked [data-invalid="email"]')).not.toBeNull();
  });

  it("says when a name typed in Traditional characters matched in its Simplified form", async () => {
    const [finding] = found.findings;
    checkAnswer = { ...found, findings: [{ ...finding, matched: ["name_dob"], matchedInSimplified: ["name_dob"] }] };
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    expect(root.querySelector(".matched-simplified")?.textContent).toContain("matched in Simplified characters");
  });

  it("announces the outcome in one short sentence, from a status that was in the page before", async () => {
    const root = start();
    const status = root.querySelector("#check-status") as HTMLElement;
    // Present, shown to assistive technology (never display:none), and empty before a check.
    expect(status.getAttribute("role")).toBe("status");
    expect(status.className).toBe("sr-only");
    expect(status.closest("[hidden]")).toBeNull();
    expect(status.textContent).toBe("");
    // The whole answer is not one live blob.
    expect(root.querySelector("[aria-live] .finding, #results[aria-live]")).toBeNull();
    type(root, "phone", "13800138000");
    await submit(root);
    expect(status.textContent).toBe("You were found in 1 leak.");
    expect(document.activeElement?.id).toBe("results-heading");
  });

  it("names the progress bar", () => {
    const root = start();
    expect(root.querySelector("progress")?.getAttribute("aria-label")).toBe("Progress of the check");
  });

  it("with no pack loaded, says there is nothing to check against instead of \"not found\"", async () => {
    checkAnswer = { checked: 1, packs: 0, inputs: [{ kind: "phone", invalid: null }], findings: [], advice: [] };
    const root = start(session(false, []));
    type(root, "phone", "13900139000");
    await submit(root);
    expect(root.querySelector(".summary.none")).toBeNull();
    expect(root.querySelector(".meaning")).toBeNull();
    expect(root.querySelector(".summary.no-pack")?.textContent).toContain("nothing to check against");
    expect(root.querySelector("#check-status")?.textContent).toContain("nothing to check against");
  });

  it("takes the error away as soon as a field is typed in", () => {
    const root = start();
    (root.querySelector("button[type=submit]") as HTMLButtonElement).click();
    expect(root.querySelector(".form-error")?.textContent).not.toBe("");
    type(root, "name", "张");
    expect(root.querySelector(".form-error")?.textContent).toBe("");
  });

  it("says what a miss does and does not mean", async () => {
    checkAnswer = { checked: 1, packs: 1, inputs: [{ kind: "phone", invalid: null }], findings: [], advice: [] };
    const root = start();
    type(root, "phone", "13900139000");
    await submit(root);
    expect(root.querySelector(".summary.none")).not.toBeNull();
    expect(root.querySelector(".meaning")?.textContent).toContain("not a guarantee");
  });

  it("shows progress while checking, and a cancelled check shows no error and no result", async () => {
    holdCheck = true;
    const root = start();
    type(root, "phone", "13800138000");
    (root.querySelector("button[type=submit]") as HTMLButtonElement).click();
    const progress = root.querySelector(".progress") as HTMLElement;
    await vi.waitFor(() => expect(progress.hidden).toBe(false));
    expect((root.querySelector("button[type=submit]") as HTMLButtonElement).disabled).toBe(true);
    (progress.querySelector("button") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(progress.hidden).toBe(true));
    expect(calls.some((c) => c.cmd === "cancel_check")).toBe(true);
    expect(root.querySelector(".form-error")?.textContent).toBe("");
    expect(root.querySelector("#results")?.childElementCount).toBe(0);
  });

  it("asks for at least one field instead of checking nothing", () => {
    const root = start();
    (root.querySelector("button[type=submit]") as HTMLButtonElement).click();
    expect(root.querySelector(".form-error")?.textContent).toBe("Fill in at least one field first.");
    expect(calls.some((c) => c.cmd === "check")).toBe(false);
  });

  it("clears everything typed and shown", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    (root.querySelector(".actions button.secondary") as HTMLButtonElement).click();
    expect(input(root, "phone").value).toBe("");
    expect(root.querySelector("#results")?.childElementCount).toBe(0);
  });

  it("switches to Chinese keeping what is typed and redrawing the results", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    const select = root.querySelector("#language") as HTMLSelectElement;
    select.value = "zh-CN";
    select.dispatchEvent(new Event("change"));
    expect(document.documentElement.lang).toBe("zh-Hans");
    expect(root.querySelector("h1")?.textContent).toBe("Exposure 泄露自查");
    expect(root.querySelector('label[for="field-phone"]')?.textContent).toBe("手机号码");
    expect(root.querySelector(".finding h3")?.textContent).toBe("演示：警方数据库");
    expect(input(root, "phone").value).toBe("13800138000");
  });

  it("offers Traditional Chinese, shown in Traditional characters with the document's lang zh-Hant", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    const select = root.querySelector("#language") as HTMLSelectElement;
    const option = select.querySelector('option[value="zh-TW"]') as HTMLOptionElement;
    expect(option.textContent).toBe("繁體中文");
    expect(option.lang).toBe("zh-Hant");
    select.value = "zh-TW";
    select.dispatchEvent(new Event("change"));
    expect(document.documentElement.lang).toBe("zh-Hant");
    expect(root.querySelector("h1")?.textContent).toBe("Exposure 洩露自查");
    expect(root.querySelector('label[for="field-national_id"]')?.textContent).toBe("身分證號碼");
    expect(root.querySelector(".summary")?.textContent).toBe("你出現在 1 起洩露中。");
    expect(root.querySelector(".finding h3")?.textContent).toBe("示範：警方資料庫");
    expect(document.title).toBe("查詢 – Exposure 洩露自查");
  });

  it("shows a curator's text as text, never as markup", async () => {
    checkAnswer = {
      ...found,
      findings: [{ ...found.findings[0], title: { en: "<img src=x onerror=alert(1)>", "zh-CN": "", "zh-TW": "" } }],
    };
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    expect(root.querySelector(".finding img")).toBeNull();
    expect(root.querySelector(".finding h3")?.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("moving around", () => {
  it("puts focus on the new page's heading and names the window after the page", () => {
    const root = start();
    expect(document.title).toBe("Check – Exposure");
    (root.querySelector('nav button[data-page="packs"]') as HTMLButtonElement).click();
    expect(document.activeElement?.textContent).toBe("Loaded packs");
    expect(document.title).toBe("Packs – Exposure");
    (root.querySelector('nav button[data-page="about"]') as HTMLButtonElement).click();
    expect(document.activeElement?.textContent).toBe("What happens to what you type");
    expect(document.title).toBe("Privacy – Exposure");
  });

  it("switches language on Enter, not on each arrow key through the list, and at once by mouse", () => {
    const root = start();
    const select = root.querySelector("#language") as HTMLSelectElement;
    select.dispatchEvent(new KeyboardEvent("keydown", { key: "ArrowDown" }));
    select.value = "zh-CN";
    select.dispatchEvent(new Event("change"));
    expect(document.documentElement.lang).toBe("en");
    select.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter" }));
    expect(document.documentElement.lang).toBe("zh-Hans");
    expect(document.title).toBe("查询 – Exposure 泄露自查");
    select.dispatchEvent(new Event("pointerdown"));
    select.value = "en";
    select.dispatchEvent(new Event("change"));
    expect(document.documentElement.lang).toBe("en");
  });

  it("marks Chinese examples in English text, and English curator text on a Chinese page, with their lang", () => {
    const root = start(
      session(false, [{ ...demoPack, title: { en: "Police leak", "zh-CN": "Police leak", "zh-TW": "Police leak" } }]),
    );
    const examples = [...root.querySelectorAll('.hint [lang="zh-Hans"]')].map((s) => s.textContent);
    expect(examples).toEqual(["张伟", "1985年3月7日"]);
    app?.switchLanguage("zh-CN");
    expect(root.querySelector(".field-name .hint [lang]")).toBeNull();
    expect(root.querySelector(".field-dob .hint [lang]")).toBeNull();
    expect(root.querySelector('[data-pack="demo"] h3 span[lang="en"]')?.textContent).toBe("Police leak");
  });
});

describe("the packs page", () => {
  function button(root: HTMLElement, label: string): HTMLButtonElement {
    const found = [...root.querySelectorAll<HTMLButtonElement>(".packs button")].find(
      (b) => b.textContent === label,
    );
    expect(found, label).toBeDefined();
    return found as HTMLButtonElement;
  }

  /// A click as a person makes it: focus goes to the button first.
  function press(control: HTMLButtonElement): void {
    control.focus();
    control.click();
  }

  it("keeps focus on what replaced the button while it measures, then on the costs, and announces both", async () => {
    const root = start();
    (root.querySelector('nav button[data-page="packs"]') as HTMLButtonElement).click();
    press(button(root, "What would guessing cost?"));
    expect(document.activeElement?.textContent).toBe("Measuring on this computer…");
    expect(root.querySelector("#packs-status")?.textContent).toBe("Measuring on this computer…");
    await vi.waitFor(() => expect(measured).toBeDefined());
    measured?.(costs);
    await vi.waitFor(() => expect(root.querySelector(".costs")).not.toBeNull());
    expect(document.activeElement).toBe(root.querySelector(".costs h4"));
    expect(root.querySelector("#packs-status")?.textContent).toContain("cost of guessing is shown");
    const costsText = root.querySelector(".costs")?.textContent ?? "";
    expect(costsText).toContain("renting graphics cards");
    expect(costsText).toContain("https://github.com/hashcat/hashcat/pull/4284");
    expect(costsText).toContain("2025-07-02");
  });

  it("asks before removing a pack, keeps it on \"Keep it\", and keeps focus on the page", async () => {
    const root = start();
    (root.querySelector('nav button[data-page="packs"]') as HTMLButtonElement).click();
    press(button(root, "Remove"));
    expect(calls.some((c) => c.cmd === "remove_pack")).toBe(false);
    expect(root.querySelector('[role="group"]')?.textContent).toContain("Remove “Exposure demo pack”?");
    expect(document.activeElement?.textContent).toBe("Keep it");
    press(button(root, "Keep it"));
    expect(document.activeElement?.textContent).toBe("Remove");
    expect(root.querySelector('[data-pack="demo"]')).not.toBeNull();
    press(button(root, "Remove"));
    press(button(root, "Remove it"));
    await vi.waitFor(() => expect(root.querySelector('[data-pack="demo"]')).toBeNull());
    expect(calls.filter((c) => c.cmd === "remove_pack")).toHaveLength(1);
    expect(document.activeElement?.textContent).toBe("Loaded packs");
    expect(root.querySelector("#packs-status")?.textContent).toBe("“Exposure demo pack” was removed.");
  });

  it("labels a format 1 pack as old, and only that one", () => {
    const root = start(session(false, [demoPack, { ...demoPack, id: "old", formatVersion: 1 }]));
    const note = "old format 1: ask its curator for an upgraded pack";
    expect(root.querySelector('[data-pack="old"] .old-format-note')?.textContent).toBe(note);
    expect(root.querySelector('[data-pack="demo"]')?.textContent).not.toContain(note);
  });

  it("lists each pack with its protection, signature and demo label, and can remove it", async () => {
    const root = start();
    const pack = root.querySelector('[data-pack="demo"]') as HTMLElement;
    expect(pack.textContent).toContain("weak protection");
    expect(pack.textContent).toContain("not signed");
    expect(pack.textContent).toContain("synthetic people");
    button(root, "Remove").click();
    button(root, "Remove it").click();
    await vi.waitFor(() => expect(root.querySelector('[data-pack="demo"]')).toBeNull());
    expect(root.querySelector(".packs .warning")?.textContent).toContain("No pack is loaded");
  });
});

describe("opening the packs", () => {
  it("says the packs are opening, not that there are none, and shows them once open", async () => {
    const root = start({ ...session(false, []), opening: true });
    const packs = root.querySelector(".packs") as HTMLElement;
    expect(packs.querySelector(".opening")?.textContent).toBe("Opening the packs…");
    expect(packs.textContent).not.toContain("No pack is loaded");
    await vi.waitFor(() => expect(opened).toBeDefined());
    opened?.(session().library);
    await vi.waitFor(() => expect(root.querySelector('[data-pack="demo"]')).not.toBeNull());
    expect(packs.querySelector(".opening")).toBeNull();
  });

  it("asks for nothing when the packs were open before the page", () => {
    start();
    expect(calls.some((c) => c.cmd === "packs_opened")).toBe(false);
  });
});

describe("adding packs", () => {
  const added: PackView = { ...demoPack, id: "leak", origin: "added", demo: false, path: "/media/stick/leak.exposure" };
  const unsaved = {
    kind: "references",
    messageId: "references-unwritable",
    args: { path: "/home/someone/.local/share/exposure/added-packs.json", reason: "permission denied" },
  };

  function openPacks(root: HTMLElement): void {
    (root.querySelector('nav button[data-page="packs"]') as HTMLButtonElement).click();
  }

  function addFiles(root: HTMLElement): void {
    const add = [...root.querySelectorAll<HTMLButtonElement>(".packs button")].find(
      (b) => b.textContent === "Add pack files…",
    );
    expect(add).toBeDefined();
    add?.click();
  }

  it("says that a pack is used where it lies and never copied, except on a kiosk, which adds none", () => {
    const root = start();
    expect(root.querySelector(".packs .in-place")?.textContent).toContain("never copied");
    app?.dispose();
    start(session(true));
    expect(document.querySelector(".packs .in-place")).toBeNull();
  });

  it("shows the added pack once the backend has it", async () => {
    addAnswer = () => Promise.resolve({ packs: [demoPack, added], refused: [], folders: [] });
    const root = start();
    openPacks(root);
    addFiles(root);
    await vi.waitFor(() => expect(root.querySelector('[data-pack="leak"]')).not.toBeNull());
    expect(root.querySelector(".packs .notice")).toBeNull();
  });

  it("when the list of added packs cannot be saved, shows the packs as they now are and says why", async () => {
    addAnswer = () => Promise.reject(unsaved);
    sessionAnswer = session(false, [demoPack, added]);
    const root = start();
    openPacks(root);
    addFiles(root);
    await vi.waitFor(() => expect(root.querySelector('[data-pack="leak"]')).not.toBeNull());
    const notice = root.querySelector(".packs .notice") as HTMLElement;
    expect(notice.getAttribute("role")).toBe("alert");
    expect(notice.textContent).toContain("could not save the list of packs you added");
    expect(notice.textContent).toContain("permission denied");
    expect(document.activeElement?.textContent).toBe("Loaded packs");
  });

  it("a failed save on removal leaves the pack removed for this session and says why", async () => {
    const root = start();
    mockIPC((cmd) => {
      if (cmd === "remove_pack") return Promise.reject(unsaved);
      if (cmd === "app_state") return session(false, []);
      return null;
    });
    openPacks(root);
    const remove = () =>
      [...root.querySelectorAll<HTMLButtonElement>(".packs button")].find((b) => b.textContent?.startsWith("Remove"));
    remove()?.click();
    remove()?.click();
    await vi.waitFor(() => expect(root.querySelector('[data-pack="demo"]')).toBeNull());
    expect(root.querySelector(".packs .notice")?.textContent).toContain("only until the app is closed");
  });
});

describe("forgetting what was added", () => {
  const gone = "/media/stick/unplugged.exposure";
  const named = "/home/someone/named.exposure";
  const folder = "/media/stick/packs";

  function withAdded(kiosk = false): SessionView {
    const missing = (path: string) => ({ messageId: "pack-missing", args: { path } });
    return {
      ...session(kiosk),
      library: {
        packs: [demoPack],
        refused: [
          { path: gone, reason: missing(gone), forgettable: true },
          { path: named, reason: missing(named), forgettable: false },
        ],
        folders: [folder],
      },
    };
  }

  function forgetButtons(root: HTMLElement): HTMLButtonElement[] {
    return [...root.querySelectorAll<HTMLButtonElement>(".packs button")].filter((b) =>
      b.textContent?.startsWith("Forget"),
    );
  }

  it("offers to forget an added pack whose file is gone, and only that refusal", async () => {
    const root = start(withAdded());
    (root.querySelector('nav button[data-page="packs"]') as HTMLButtonElement).click();
    const refused = [...root.querySelectorAll<HTMLElement>(".refused li")];
    expect(refused.map((li) => li.querySelector("button")?.textContent ?? null)).toEqual(["Forget it", null]);
    const forget = refused[0].querySelector("button") as HTMLButtonElement;
    forget.focus();
    forget.click();
    await vi.waitFor(() => expect(root.querySelector(".refused")).toBeNull());
    expect(calls.filter((c) => c.cmd === "forget_added").map((c) => c.args)).toEqual([{ path: gone }]);
    expect(root.querySelector("#packs-status")?.textContent).toContain("will no longer be looked for");
    expect(document.activeElement?.textContent).toBe("Loaded packs");
  });

  it("lists the folders the person added, each of which can be forgotten", async () => {
    const root = start(withAdded());
    const item = root.querySelector(`.added-folders li[data-folder="${folder}"]`) as HTMLElement;
    expect(item.textContent).toContain(folder);
    expect(root.querySelector(".added-folders")?.textContent).toContain("packs you put in them later are used too");
    (item.querySelector("button") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(root.querySelector(".added-folders")).toBeNull());
    expect(calls.filter((c) => c.cmd === "forget_added").map((c) => c.args)).toEqual([{ path: folder }]);
  });

  it("offers nothing to forget on a kiosk", () => {
    const root = start(withAdded(true));
    expect(forgetButtons(root)).toEqual([]);
    expect(root.querySelector(".added-folders")?.textContent).toContain(folder);
  });
});

describe("kiosk mode", () => {
  it("offers no file access and wipes everything after the idle timeout", async () => {
    vi.useFakeTimers();
    const root = start(session(true));
    expect(document.body.classList.contains("kiosk")).toBe(true);
    expect(root.textContent).not.toContain("Add pack files");
    expect(root.textContent).not.toContain("Remove");
    type(root, "phone", "13800138000");
    vi.advanceTimersByTime(89_000);
    expect(input(root, "phone").value).toBe("13800138000");
    vi.advanceTimersByTime(2_000);
    expect(input(root, "phone").value).toBe("");
    expect(calls.some((c) => c.cmd === "idle_reset")).toBe(true);
  });

  it("warns 20 seconds before the wipe, counts down for the eyes, and \"Keep going\" keeps everything", () => {
    vi.useFakeTimers();
    const root = start(session(true));
    type(root, "phone", "13800138000");
    const warning = root.querySelector(".idle-warning") as HTMLElement;
    const alert = warning.querySelector('[role="alert"]') as HTMLElement;
    vi.advanceTimersByTime(69_000);
    expect(warning.hidden).toBe(true);
    vi.advanceTimersByTime(1_000);
    expect(warning.hidden).toBe(false);
    expect(warning.closest("main")).not.toBeNull();
    const announced = alert.textContent;
    expect(announced).toContain("wiped in 20 seconds");
    vi.advanceTimersByTime(5_000);
    expect(warning.querySelector(".countdown")?.textContent).toBe("Wiped in 15 s");
    expect(warning.querySelector(".countdown")?.getAttribute("aria-hidden")).toBe("true");
    // Announced once: the alert's text does not change with the countdown.
    expect(alert.textContent).toBe(announced);
    const keepGoing = warning.querySelector("button") as HTMLButtonElement;
    keepGoing.click();
    expect(warning.hidden).toBe(true);
    vi.advanceTimersByTime(69_000);
    expect(input(root, "phone").value).toBe("13800138000");
    expect(calls.some((c) => c.cmd === "idle_reset")).toBe(false);
  });

  it("counts focus moves and scrolling as use, as a screen reader's browse mode shows no other", () => {
    vi.useFakeTimers();
    const root = start(session(true));
    type(root, "phone", "13800138000");
    for (let second = 0; second < 4; second++) {
      vi.advanceTimersByTime(60_000);
      const event = second % 2 === 0 ? new FocusEvent("focusin", { bubbles: true }) : new Event("scroll");
      (second % 2 === 0 ? input(root, "name") : document).dispatchEvent(event);
    }
    expect((root.querySelector(".idle-warning") as HTMLElement).hidden).toBe(true);
    expect(input(root, "phone").value).toBe("13800138000");
    vi.advanceTimersByTime(91_000);
    expect(input(root, "phone").value).toBe("");
  });
});

describe("several people, one after another", () => {
  /// Checks one person with `phone` and keeps the answer under `label` (none when undefined).
  async function checkAndKeep(root: HTMLElement, phone: string, label?: string): Promise<void> {
    type(root, "phone", phone);
    await submit(root);
    if (label !== undefined) (root.querySelector("#person-label") as HTMLInputElement).value = label;
    (root.querySelector(".next-steps button.primary") as HTMLButtonElement).click();
  }

  it("keeps each answer collapsed under its label, or \"Person n\", and empties the form for the next", async () => {
    const root = start();
    expect((root.querySelector(".next-steps") as HTMLElement).hidden).toBe(true);
    await checkAndKeep(root, "13800138000", " Auntie Mei ");
    expect(input(root, "phone").value).toBe("");
    expect(root.querySelector("#results")?.childElementCount).toBe(0);
    expect((root.querySelector(".next-steps") as HTMLElement).hidden).toBe(true);
    expect(document.activeElement).toBe(input(root, "phone"));
    expect(root.querySelector("#check-status")?.textContent).toBe(
      "The answer is kept below under “Auntie Mei”. Fill in the next person's details.",
    );
    await checkAndKeep(root, "13900139000");
    const people = [...root.querySelectorAll<HTMLDetailsElement>(".people details")];
    expect(people.map((p) => p.querySelector("summary")?.textContent)).toEqual([
      "Auntie Mei You were found in 1 leak.",
      "Person 2 You were found in 1 leak.",
    ]);
    expect(people.every((p) => !p.open)).toBe(true);
    expect(people[0].querySelector('[data-breach="demo-police-2022"]')).not.toBeNull();
    expect(root.querySelector(".people h2")?.textContent).toBe("Earlier answers");
  });

  it("never shows an earlier answer under what was typed to check it", async () => {
    const root = start();
    await checkAndKeep(root, "13800138000");
    const people = root.querySelector(".people") as HTMLElement;
    expect(people.textContent).not.toContain("13800138000");
    expect(people.textContent).not.toContain("138");
  });

  it("gives each earlier answer ids of its own, so no label names another answer's element", async () => {
    const root = start();
    await checkAndKeep(root, "13800138000", "Auntie Mei");
    await checkAndKeep(root, "13900139000", "Dad");
    type(root, "phone", "13700137000");
    await submit(root);
    const ids = [...root.querySelectorAll("[id]")].map((node) => node.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const node of root.querySelectorAll("[aria-labelledby]")) {
      for (const id of node.getAttribute("aria-labelledby")?.split(" ") ?? []) {
        expect(document.getElementById(id), id).not.toBeNull();
      }
    }
    const finding = root.querySelector('[data-person="2"] .finding') as HTMLElement;
    expect(document.getElementById(finding.getAttribute("aria-labelledby") ?? "")?.closest("[data-person]")).toBe(
      root.querySelector('[data-person="2"]'),
    );
  });

  it("keeps an opened answer open across a language switch, redrawn in the new language", async () => {
    const root = start();
    await checkAndKeep(root, "13800138000", "Auntie Mei");
    (root.querySelector('[data-person="1"]') as HTMLDetailsElement).open = true;
    app?.switchLanguage("zh-TW");
    const person = root.querySelector('[data-person="1"]') as HTMLDetailsElement;
    expect(person.open).toBe(true);
    expect(person.querySelector("summary")?.textContent).toBe("Auntie Mei 你出現在 1 起洩露中。");
    expect(root.querySelector(".people h2")?.textContent).toBe("之前的結果");
  });

  it("wipes every earlier answer and label with \"Clear everything\"", async () => {
    const root = start();
    await checkAndKeep(root, "13800138000", "Auntie Mei");
    type(root, "phone", "13900139000");
    await submit(root);
    (root.querySelector("#person-label") as HTMLInputElement).value = "Dad";
    (root.querySelector("form .actions button.secondary") as HTMLButtonElement).click();
    expect(root.querySelector(".people")?.childElementCount).toBe(0);
    expect((root.querySelector("#person-label") as HTMLInputElement).value).toBe("");
    expect(root.textContent).not.toContain("Auntie Mei");
    expect(root.querySelector("[data-sheet]")?.childElementCount).toBe(0);
  });

  it("wipes every earlier answer and label at the kiosk's idle timeout", async () => {
    const root = start(session(true));
    await checkAndKeep(root, "13800138000", "Auntie Mei");
    vi.useFakeTimers();
    type(root, "phone", "13900139000");
    vi.advanceTimersByTime(91_000);
    expect(root.querySelector(".people")?.childElementCount).toBe(0);
    expect(root.textContent).not.toContain("Auntie Mei");
  });

  it("keeps the answer under its label on Enter in the label field, and submits nothing", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    const label = root.querySelector("#person-label") as HTMLInputElement;
    label.value = "Grandma";
    const enter = new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true });
    label.dispatchEvent(enter);
    expect(root.querySelector(".people summary .person-name")?.textContent).toBe("Grandma");
    // The key is spent: it does not go on to submit the emptied form from its first field.
    expect(enter.defaultPrevented).toBe(true);
    expect(root.querySelector(".form-error")?.textContent).toBe("");
  });
});

describe("the sheet to take home", () => {
  /// The sheet's text at each print_sheet call.
  function printed(): string[] {
    return calls.filter((c) => c.cmd === "print_sheet").map((c) => c.args.sheet as string);
  }

  it("lists the leaks, their dates, what they held and what to do, and nothing typed, not even the label", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    type(root, "national_id", "110105198503071230");
    type(root, "name", "张伟");
    await submit(root);
    (root.querySelector("#person-label") as HTMLInputElement).value = "Auntie Mei";
    const sheet = root.querySelector("[data-sheet]") as HTMLElement;
    expect(sheet.closest("main")).not.toBeNull();
    expect(sheet.querySelector("h1")?.textContent).toBe("What to do after a data leak");
    expect(sheet.querySelector(".sheet-leak h3")?.textContent).toBe("Demo: police database");
    expect(sheet.textContent).toContain("Date of the leak: 2022-07-01");
    expect(sheet.textContent).toContain("What it held about you: national ID numbers, phone numbers");
    expect(sheet.querySelector('[data-advice="advice-national_ids"]')?.textContent).toContain("cannot be changed");
    for (const typed of ["13800138000", "138", "110105198503071230", "1230", "张伟", "Auntie Mei"]) {
      expect(sheet.textContent, typed).not.toContain(typed);
    }
    (root.querySelector(".next-steps button.secondary") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(printed()).toHaveLength(1));
    expect(printed()[0]).toContain("Demo: police database");
  });

  it("is redrawn in the language switched to", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    app?.switchLanguage("zh-CN");
    expect(root.querySelector("[data-sheet] h1")?.textContent).toBe("数据泄露后该怎么做");
    expect(root.querySelector("[data-sheet]")?.textContent).toContain("泄露日期：2022-07-01");
  });

  it("prints an earlier person's sheet from their answer, and the current one's from its button", async () => {
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    (root.querySelector(".next-steps button.primary") as HTMLButtonElement).click();
    checkAnswer = { ...found, findings: [{ ...found.findings[0], date: "2023-01-01" }] };
    type(root, "phone", "13900139000");
    await submit(root);
    (root.querySelector('[data-person="1"] .actions button') as HTMLButtonElement).click();
    await vi.waitFor(() => expect(printed()).toHaveLength(1));
    expect(printed()[0]).toContain("2022-07-01");
    (root.querySelector(".next-steps button.secondary") as HTMLButtonElement).click();
    await vi.waitFor(() => expect(printed()).toHaveLength(2));
    expect(printed()[1]).toContain("2023-01-01");
    expect(printed()[1]).not.toContain("2022-07-01");
  });

  it("says why when the print window cannot open, and takes it away with the answer", async () => {
    printFails = true;
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    (root.querySelector(".next-steps button.secondary") as HTMLButtonElement).click();
    const alert = root.querySelector(".print-error") as HTMLElement;
    await vi.waitFor(() => expect(alert.textContent).toBe("The print window could not be opened: no printing here"));
    expect(alert.getAttribute("role")).toBe("alert");
    (root.querySelector(".next-steps button.primary") as HTMLButtonElement).click();
    expect(alert.textContent).toBe("");
  });

  it("is not offered when nothing was found", async () => {
    checkAnswer = { checked: 1, packs: 1, inputs: [{ kind: "phone", invalid: null }], findings: [], advice: [] };
    const root = start(session(true));
    type(root, "phone", "13900139000");
    await submit(root);
    expect((root.querySelector(".next-steps button.secondary") as HTMLButtonElement).hidden).toBe(true);
    expect(root.querySelector("[data-sheet]")?.childElementCount).toBe(0);
    expect((root.querySelector("#print-note") as HTMLElement).hidden).toBe(true);
  });

  it("says what printing does in a kiosk, where a file saved would stay for the next visitor", async () => {
    const root = start(session(true));
    type(root, "phone", "13800138000");
    await submit(root);
    const note = root.querySelector("#print-note") as HTMLElement;
    expect(note.hidden).toBe(false);
    expect(note.textContent).toContain("this kiosk's printer");
    expect(note.textContent).toContain("do not save it to a file here");
    expect((root.querySelector(".next-steps button.secondary") as HTMLButtonElement).getAttribute("aria-describedby")).toBe(
      "print-note",
    );
  });
});
