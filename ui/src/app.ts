// The page: a check form, its results, the packs, and what happens to what you type. Typed values
// live only in the input elements: they are read when sent, never copied into other state, and
// "Clear everything" (or the kiosk's idle timeout) empties them.

import * as api from "./api";
import type { SessionView } from "./app-bindings";
import type {
  CheckView,
  FieldValue,
  GuessCostView,
  InputKind as Field,
  Lang,
  LibraryView,
} from "./bindings";
import { clearMessage, el, l10n, msg, relocalize } from "./dom";
import { LANG_NAMES, LANGS, language, setLanguage, tm } from "./i18n";
import { renderPacks } from "./packs";
import { renderResults } from "./results";

type Page = "check" | "packs" | "about";

interface FieldSpec {
  kind: Field;
  /// ID numbers are masked by default, with a show toggle.
  secret?: boolean;
  inputmode?: string;
  autocomplete?: string;
}

const FIELDS: FieldSpec[] = [
  { kind: "phone", inputmode: "tel" },
  { kind: "national_id", secret: true },
  { kind: "name" },
  { kind: "dob" },
  { kind: "email", inputmode: "email" },
  { kind: "username" },
];

/// How long typing pauses before a field is validated.
const VALIDATE_DELAY_MS = 250;

export class App {
  private session: SessionView;
  private result: CheckView | null = null;
  private measured = new Map<string, GuessCostView | "measuring">();
  private page: Page = "check";
  private checking = false;
  private idleTimer: number | undefined;
  private validateTimers = new Map<Field, number>();

  private readonly root: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly resultsRegion: HTMLElement;
  private readonly packsRegion: HTMLElement;
  private readonly progressBox: HTMLElement;
  private readonly progressBar: HTMLProgressElement;
  private readonly progressText: HTMLElement;
  private readonly formError: HTMLElement;
  private readonly pages: Record<Page, HTMLElement>;
  private readonly tabs: Record<Page, HTMLButtonElement>;

  constructor(root: HTMLElement, session: SessionView) {
    this.root = root;
    this.session = session;
    setLanguage(session.settings.language);

    this.resultsRegion = el("section", {
      id: "results",
      class: "results",
      "aria-live": "polite",
      "aria-labelledby": "results-heading",
    });
    this.progressBar = el("progress", { max: 1, value: 0 });
    this.progressText = el("span", { role: "status" });
    const cancel = msg("button", "app-cancel-button", undefined, { type: "button", class: "secondary" });
    cancel.addEventListener("click", () => void api.cancelCheck());
    this.progressBox = el("div", { class: "progress", hidden: true }, this.progressBar, this.progressText, cancel);
    this.formError = el("p", { class: "form-error", role: "alert" });
    this.form = this.buildForm();
    this.packsRegion = el("section", { class: "packs" });

    this.pages = {
      check: el("section", { id: "page-check", class: "page" }, this.form, this.resultsRegion),
      packs: el("section", { id: "page-packs", class: "page", hidden: true }, this.packsRegion),
      about: el("section", { id: "page-about", class: "page", hidden: true }, ...this.buildAbout()),
    };
    this.tabs = {
      check: this.tab("check", "app-nav-check"),
      packs: this.tab("packs", "app-nav-packs"),
      about: this.tab("about", "app-nav-about"),
    };

    root.replaceChildren(
      l10n(el("a", { class: "skip", href: "#main" }), "app-skip-to-main"),
      el(
        "header",
        { class: "top" },
        el(
          "div",
          { class: "brand" },
          msg("h1", "app-title"),
          msg("p", "app-tagline", undefined, { class: "tagline" }),
        ),
        el("nav", { "aria-label": "Exposure" }, this.tabs.check, this.tabs.packs, this.tabs.about),
        this.languageSwitch(),
      ),
      session.settings.kiosk
        ? msg("p", "app-kiosk-notice", { seconds: session.settings.idleSeconds }, { class: "kiosk-notice" })
        : "",
      el("main", { id: "main", tabindex: -1 }, this.pages.check, this.pages.packs, this.pages.about),
    );
    if (session.settings.kiosk) this.enterKiosk();
    this.renderPacks();
    this.show("check");
  }

  private tab(page: Page, id: string): HTMLButtonElement {
    const button = msg("button", id, undefined, { type: "button", "data-page": page });
    button.addEventListener("click", () => this.show(page));
    return button;
  }

  private show(page: Page): void {
    this.page = page;
    for (const p of Object.keys(this.pages) as Page[]) {
      this.pages[p].hidden = p !== page;
      if (p === page) this.tabs[p].setAttribute("aria-current", "page");
      else this.tabs[p].removeAttribute("aria-current");
    }
  }

  private languageSwitch(): HTMLElement {
    const select = el(
      "select",
      { id: "language", name: "language" },
      ...LANGS.map((lang) =>
        el("option", { value: lang, lang, selected: lang === language() }, LANG_NAMES[lang]),
      ),
    );
    select.addEventListener("change", () => this.switchLanguage(select.value as Lang));
    return el("div", { class: "language" }, msg("label", "app-language", undefined, { for: "language" }), select);
  }

  /// Shows everything in `lang`, keeping what is typed and shown.
  switchLanguage(lang: Lang): void {
    setLanguage(lang);
    (this.root.querySelector("#language") as HTMLSelectElement).value = lang;
    relocalize(this.root);
    if (this.result) renderResults(this.resultsRegion, this.result);
    this.renderPacks();
  }

  private buildForm(): HTMLFormElement {
    const form = el("form", { class: "check-form", novalidate: true, autocomplete: "off" });
    form.append(
      msg("h2", "app-check-heading"),
      msg("p", "app-check-intro", undefined, { class: "intro" }),
      el("div", { class: "fields" }, ...FIELDS.map((spec) => this.buildField(spec))),
      this.formError,
      el(
        "div",
        { class: "actions" },
        msg("button", "app-check-button", undefined, { type: "submit", class: "primary" }),
        (() => {
          const clear = msg("button", "app-clear-button", undefined, { type: "button", class: "secondary" });
          clear.addEventListener("click", () => this.clearEverything());
          return clear;
        })(),
      ),
      this.progressBox,
    );
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      void this.runCheck();
    });
    return form;
  }

  private buildField(spec: FieldSpec): HTMLElement {
    const id = `field-${spec.kind}`;
    const input = el("input", {
      id,
      name: spec.kind,
      type: spec.secret ? "password" : "text",
      inputmode: spec.inputmode,
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
      "aria-describedby": `${id}-hint ${id}-message`,
    });
    const message = el("p", { id: `${id}-message`, class: "field-message", "aria-live": "polite" });
    input.addEventListener("input", () => this.scheduleValidation(spec.kind, input, message));
    const row = el("div", { class: "input-row" }, input);
    if (spec.secret) {
      const visible = el("span", { "aria-hidden": "true" });
      const spoken = el("span", { class: "sr-only" });
      const toggle = el(
        "button",
        { type: "button", class: "toggle", "aria-pressed": "false", "aria-controls": id },
        visible,
        spoken,
      );
      const label = () => {
        const shown = input.type === "text";
        toggle.setAttribute("aria-pressed", String(shown));
        l10n(visible, shown ? "app-hide" : "app-show");
        l10n(spoken, shown ? "app-hide-national-id" : "app-show-national-id");
      };
      toggle.addEventListener("click", () => {
        input.type = input.type === "password" ? "text" : "password";
        label();
        input.focus();
      });
      label();
      row.append(toggle);
    }
    return el(
      "div",
      { class: `field field-${spec.kind}` },
      msg("label", `app-field-${spec.kind}`, undefined, { for: id }),
      msg("p", `app-field-${spec.kind}-hint`, undefined, { id: `${id}-hint`, class: "hint" }),
      row,
      message,
    );
  }

  private scheduleValidation(kind: Field, input: HTMLInputElement, message: HTMLElement): void {
    window.clearTimeout(this.validateTimers.get(kind));
    this.validateTimers.set(
      kind,
      window.setTimeout(() => void this.validateField(kind, input, message), VALIDATE_DELAY_MS),
    );
  }

  private async validateField(kind: Field, input: HTMLInputElement, message: HTMLElement): Promise<void> {
    if (input.value.trim() === "") {
      this.markField(input, message, kind, null, false);
      return;
    }
    let reason;
    try {
      reason = await api.validate({ kind, value: input.value });
    } catch {
      // A verdict the backend could not give is no verdict: say nothing rather than "ok".
      this.markField(input, message, kind, null, false);
      return;
    }
    this.markField(input, message, kind, reason, true);
  }

  private markField(
    input: HTMLInputElement,
    message: HTMLElement,
    kind: Field,
    reason: import("./bindings").Message | null,
    filled: boolean,
  ): void {
    if (reason) {
      l10n(message, reason.messageId, reason.args);
      message.setAttribute("data-invalid", kind);
      message.className = "field-message invalid";
      input.setAttribute("aria-invalid", "true");
    } else {
      message.removeAttribute("data-invalid");
      input.removeAttribute("aria-invalid");
      if (filled) {
        l10n(message, "app-field-ok");
        message.className = "field-message ok";
      } else {
        clearMessage(message);
        message.className = "field-message";
      }
    }
  }

  private inputs(): HTMLInputElement[] {
    return FIELDS.map((spec) => this.form.elements.namedItem(spec.kind) as HTMLInputElement);
  }

  private async runCheck(): Promise<void> {
    if (this.checking) return;
    const fields: FieldValue[] = this.inputs()
      .filter((input) => input.value.trim() !== "")
      .map((input) => ({ kind: input.name as Field, value: input.value }));
    if (fields.length === 0) {
      l10n(this.formError, "app-check-nothing");
      return;
    }
    clearMessage(this.formError);
    this.setChecking(true);
    try {
      const view = await api.check(fields, (p) => {
        this.progressBar.max = Math.max(p.total, 1);
        this.progressBar.value = p.done;
        l10n(this.progressText, "app-checking", { done: p.done, total: p.total });
      });
      this.result = view;
      renderResults(this.resultsRegion, view);
      (this.resultsRegion.querySelector("#results-heading") as HTMLElement | null)?.focus();
    } catch (error) {
      if (api.isErrorView(error)) {
        if (error.kind !== "cancelled") {
          this.formError.textContent = tm({ messageId: error.messageId, args: error.args });
        }
      } else {
        l10n(this.formError, "app-check-failed", { reason: String(error) });
      }
    } finally {
      this.setChecking(false);
    }
  }

  private setChecking(checking: boolean): void {
    this.checking = checking;
    this.progressBox.hidden = !checking;
    this.progressBar.value = 0;
    clearMessage(this.progressText);
    (this.form.querySelector("button[type=submit]") as HTMLButtonElement).disabled = checking;
    this.form.setAttribute("aria-busy", String(checking));
  }

  /// Wipes everything typed and shown: inputs, verdicts, results.
  clearEverything(): void {
    for (const timer of this.validateTimers.values()) window.clearTimeout(timer);
    this.validateTimers.clear();
    for (const input of this.inputs()) {
      input.value = "";
      input.removeAttribute("aria-invalid");
      if (input.name === "national_id") input.type = "password";
    }
    this.form.querySelectorAll(".field-message").forEach((m) => {
      clearMessage(m);
      m.removeAttribute("data-invalid");
      m.className = "field-message";
    });
    clearMessage(this.formError);
    this.result = null;
    this.resultsRegion.replaceChildren();
    this.measured.clear();
    this.renderPacks();
  }

  private renderPacks(): void {
    renderPacks(this.packsRegion, this.session.library, this.measured, {
      kiosk: this.session.settings.kiosk,
      remove: (id) => void api.removePack(id).then((library) => this.setLibrary(library)),
      measure: (id) => void this.measure(id),
      add: (folder) => void api.addPacks(folder).then((library) => this.setLibrary(library)),
    });
  }

  private setLibrary(library: LibraryView): void {
    this.session = { ...this.session, library };
    this.renderPacks();
  }

  private async measure(id: string): Promise<void> {
    this.measured.set(id, "measuring");
    this.renderPacks();
    try {
      this.measured.set(id, await api.guessCosts(id));
    } catch {
      this.measured.delete(id);
    }
    this.renderPacks();
  }

  private buildAbout(): HTMLElement[] {
    return [
      msg("h2", "app-about-heading"),
      msg("p", "app-about-1"),
      msg("p", "app-about-2"),
      msg("p", "app-about-3"),
      msg("h2", "app-about-limit-heading"),
      msg("p", "app-about-limit"),
    ];
  }

  /// Kiosk mode: larger type, no context menu, and after the idle timeout everything is wiped
  /// and the backend replaces this webview with a fresh one.
  private enterKiosk(): void {
    document.body.classList.add("kiosk");
    document.addEventListener("contextmenu", (event) => event.preventDefault());
    const restart = () => {
      window.clearTimeout(this.idleTimer);
      this.idleTimer = window.setTimeout(() => this.idle(), this.session.settings.idleSeconds * 1000);
    };
    for (const type of ["keydown", "pointerdown", "pointermove", "wheel", "touchstart", "input"]) {
      document.addEventListener(type, restart, { passive: true, capture: true });
    }
    restart();
  }

  private idle(): void {
    this.clearEverything();
    this.show("check");
    void api.idleReset();
  }

  get currentPage(): Page {
    return this.page;
  }
}
