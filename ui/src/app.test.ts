import { clearMocks, mockIPC } from "@tauri-apps/api/mocks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionView } from "./app-bindings";
import { App } from "./app";
import type { CheckView, FieldValue, LibraryView, PackView } from "./bindings";

const demoPack: PackView = {
  id: "demo",
  title: { en: "Exposure demo pack", "zh-CN": "Exposure 演示数据包" },
  curator: "Exposure",
  created: "2026-01-01T00:00:00Z",
  entries: 3666,
  protection: "weak",
  protectionLabel: { messageId: "protection-weak", args: {} },
  demo: true,
  origin: "demo",
  path: "/tmp/demo.exposure",
  signature: { status: "unsigned", keyId: null, label: { messageId: "signature-unsigned", args: {} } },
  breaches: [
    {
      id: "demo-police-2022",
      title: { en: "Demo: police database", "zh-CN": "演示：警方数据库" },
      description: { en: "Synthetic", "zh-CN": "合成" },
      date: "2022-07-01",
      records: 700,
      dataClasses: [{ id: "national_ids", label: { messageId: "class-national_ids", args: {} } }],
    },
  ],
};

function session(kiosk = false, packs: PackView[] = [demoPack]): SessionView {
  return {
    settings: { kiosk, idleSeconds: 90, language: "en" },
    library: { packs, refused: [] },
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
      title: { en: "Demo: police database", "zh-CN": "演示：警方数据库" },
      description: { en: "Made-up police records.", "zh-CN": "虚构的警方记录。" },
      date: "2022-07-01",
      matched: ["phone", "national_id"],
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
    { messageId: "advice-national_ids", args: {} },
    { messageId: "advice-general", args: {} },
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
        return { packs: [], refused: [] } satisfies LibraryView;
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
  document.body.className = "";
  backend();
});

afterEach(() => {
  app?.clearEverything();
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
    expect(finding.textContent).toContain("national ID numbers");
    expect(finding.textContent).toContain("police records");
    expect(root.querySelector(".summary")?.textContent).toBe("You were found in 1 leak.");
    expect(root.querySelector('[data-advice="advice-national_ids"]')).not.toBeNull();
    expect(root.querySelector('.not-checked [data-invalid="email"]')).not.toBeNull();
    expect(root.querySelector("#results")?.getAttribute("aria-live")).toBe("polite");
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
    expect(document.documentElement.lang).toBe("zh-CN");
    expect(root.querySelector("h1")?.textContent).toBe("Exposure 泄露自查");
    expect(root.querySelector('label[for="field-phone"]')?.textContent).toBe("手机号码");
    expect(root.querySelector(".finding h3")?.textContent).toBe("演示：警方数据库");
    expect(input(root, "phone").value).toBe("13800138000");
  });

  it("shows a curator's text as text, never as markup", async () => {
    checkAnswer = {
      ...found,
      findings: [{ ...found.findings[0], title: { en: "<img src=x onerror=alert(1)>", "zh-CN": "" } }],
    };
    const root = start();
    type(root, "phone", "13800138000");
    await submit(root);
    expect(root.querySelector(".finding img")).toBeNull();
    expect(root.querySelector(".finding h3")?.textContent).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("the packs page", () => {
  it("lists each pack with its protection, signature and demo label, and can remove it", async () => {
    const root = start();
    const pack = root.querySelector('[data-pack="demo"]') as HTMLElement;
    expect(pack.textContent).toContain("weak protection");
    expect(pack.textContent).toContain("not signed");
    expect(pack.textContent).toContain("synthetic people");
    const remove = [...pack.querySelectorAll("button")].find((b) => b.textContent === "Remove");
    remove?.click();
    await vi.waitFor(() => expect(root.querySelector('[data-pack="demo"]')).toBeNull());
    expect(root.querySelector(".packs .warning")?.textContent).toContain("No pack is loaded");
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
});
