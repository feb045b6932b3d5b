// The page: a check form, its results, the packs, and what happens to what you type. Typed values
// live only in the input elements: they are read when sent, never copied into other state, and
// "Clear everything" (or the kiosk's idle timeout) empties them. The labels of earlier people's
// answers are typed too: they live in this page's memory only, and are wiped with the rest.

import * as api from "./api";
import type { SessionView } from "./app-bindings";
import type {
  CheckView,
  FieldValue,
  GuessCostView,
  InputKind as Field,
  Lang,
  LibraryView,
  Message,
} from "./bindings";
import { clearMessage, el, l10n, msg, relocalize } from "./dom";
import { LANG_NAMES, LANG_TAGS, LANGS, language, setLanguage, t, text, tm } from "./i18n";
import { ACTIVITY_EVENTS, IdleClock } from "./kiosk";
import { focusKey, renderPacks } from "./packs";
import { People, renderPeople } from "./people";
import { outcome, renderResults } from "./results";
import { printable, renderSheet } from "./sheet";

type Page = "check" | "packs" | "about";

/// The keys that move through a closed `select`'s options: each one fires `change` in some
/// webviews, and switching the whole page's language on each would read it out again and again.
const BROWSING_KEYS = new Set([
  "ArrowUp",
  "ArrowDown",
  "ArrowLeft",
  "ArrowRight",
  "Home",
  "End",
  "PageUp",
  "PageDown",
]);

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
  private confirming: string | null = null;
  private packsNotice: Message | null = null;
  private idleClock: IdleClock | undefined;
  private readonly listening = new AbortController();
  private validateTimers = new Map<Field, number>();
  private readonly people = new People();

  private readonly root: HTMLElement;
  private readonly form: HTMLFormElement;
  private readonly resultsRegion: HTMLElement;
  /// After an answer: its label, "Check another person" and "Print what to do".
  private readonly nextSteps: HTMLElement;
  private readonly personLabel: HTMLInputElement;
  private readonly printButton: HTMLButtonElement;
  /// What printing does, here or on a kiosk.
  private readonly printNote: HTMLElement;
  /// Why the print window did not open, seen wherever the button pressed was.
  private readonly printError: HTMLElement;
  private readonly peopleRegion: HTMLElement;
  /// The sheet to take home, seen only in print.
  private readonly sheet: HTMLElement;
  private readonly status: HTMLElement;
  private readonly packsRegion: HTMLElement;
  private readonly packsStatus: HTMLElement;
  private readonly idleWarning: HTMLElement;
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
      "aria-labelledby": "results-heading",
    });
    // The one sentence a screen reader announces for a check ("Checking…", then the outcome). A
    // status region is announced only when it was in the page, and shown, before its text
    // changed: so it is always there, seen only by assistive technology.
    this.status = el("p", { id: "check-status", class: "sr-only", role: "status" });
    this.packsStatus = el("p", { id: "packs-status", class: "sr-only", role: "status" });
    this.progressBar = l10n(el("progress", { max: 1, value: 0 }), "app-progress-label", undefined, "aria-label");
    this.progressText = el("span", {});
    const cancel = msg("button", "app-cancel-button", undefined, { type: "button", class: "secondary" });
    cancel.addEventListener("click", () => void api.cancelCheck());
    this.progressBox = el("div", { class: "progress", hidden: true }, this.progressBar, this.progressText, cancel);
    this.formError = el("p", { class: "form-error", role: "alert" });
    this.form = this.buildForm();
    this.packsRegion = el("section", { class: "packs" });
    this.personLabel = el("input", {
      id: "person-label",
      type: "text",
      autocomplete: "off",
      autocapitalize: "off",
      spellcheck: "false",
      "aria-describedby": "person-label-hint",
    });
    this.printButton = msg("button", "app-print-button", undefined, {
      type: "button",
      class: "secondary",
      "aria-describedby": "print-note",
    });
    this.printNote = msg("p", session.settings.kiosk ? "app-print-note-kiosk" : "app-print-note", undefined, {
      id: "print-note",
      class: "hint",
    });
    this.nextSteps = this.buildNextSteps();
    this.printError = el("p", { class: "form-error print-error", role: "alert" });
    this.peopleRegion = el("section", { class: "people", "aria-labelledby": "people-heading" });
    this.sheet = el("section", { class: "sheet", "data-sheet": true, "aria-labelledby": "sheet-title" });

    this.pages = {
      check: el(
        "section",
        { id: "page-check", class: "page" },
        this.form,
        this.status,
        this.resultsRegion,
        this.nextSteps,
        this.printError,
        this.peopleRegion,
      ),
      packs: el("section", { id: "page-packs", class: "page", hidden: true }, this.packsRegion, this.packsStatus),
      about: el("section", { id: "page-about", class: "page", hidden: true }, ...this.buildAbout()),
    };
    this.idleWarning = this.buildIdleWarning();
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
      el(
        "main",
        { id: "main", tabindex: -1 },
        session.settings.kiosk
          ? msg("p", "app-kiosk-notice", { seconds: session.settings.idleSeconds }, { class: "kiosk-notice" })
          : "",
        this.idleWarning,
        this.pages.check,
        this.pages.packs,
        this.pages.about,
        this.sheet,
      ),
    );
    if (session.settings.kiosk) this.enterKiosk();
    this.renderPacks();
    this.show("check", false);
    // The window shows before the packs are open; a check meanwhile waits for them in the backend.
    if (session.opening) void api.packsOpened().then((library) => this.packsOpened(library));
  }

  private packsOpened(library: LibraryView): void {
    this.session = { ...this.session, opening: false, library };
    this.renderPacks();
  }

  private tab(page: Page, id: string): HTMLButtonElement {
    const button = msg("button", id, undefined, { type: "button", "data-page": page });
    button.addEventListener("click", () => this.show(page, true));
    return button;
  }

  /// Shows `page`, names the window after it, and with `focus` puts focus on its heading, so that
  /// a screen reader says where the person now is and Tab goes on from the top of the page.
  private show(page: Page, focus: boolean): void {
    this.page = page;
    for (const p of Object.keys(this.pages) as Page[]) {
      this.pages[p].hidden = p !== page;
      if (p === page) this.tabs[p].setAttribute("aria-current", "page");
      else this.tabs[p].removeAttribute("aria-current");
    }
    this.nameWindow();
    if (focus) this.pageHeading(page)?.focus();
  }

  private pageHeading(page: Page): HTMLElement | null {
    return this.pages[page].querySelector("h2");
  }

  private nameWindow(): void {
    document.title = t("app-window-title", { page: this.tabs[this.page].textContent ?? "" });
  }

  private languageSwitch(): HTMLElement {
    const select = el(
      "select",
      { id: "language", name: "language" },
      ...LANGS.map((lang) =>
        el("option", { value: lang, lang: LANG_TAGS[lang], selected: lang === language() }, LANG_NAMES[lang]),
      ),
    );
    // A choice made with the mouse applies at once; one browsed to with the arrow keys applies on
    // Enter, or when the person leaves the list.
    let browsing = false;
    const apply = () => {
      browsing = false;
      if (select.value !== language()) this.switchLanguage(select.value as Lang);
    };
    select.addEventListener("keydown", (event) => {
      if (BROWSING_KEYS.has(event.key)) browsing = true;
      else if (event.key === "Enter") apply();
    });
    select.addEventListener("pointerdown", () => (browsing = false));
    select.addEventListener("change", () => {
      if (!browsing) apply();
    });
    select.addEventListener("blur", apply);
    return el("div", { class: "language" }, msg("label", "app-language", undefined, { for: "language" }), select);
  }

  /// Shows everything in `lang`, keeping what is typed and shown.
  switchLanguage(lang: Lang): void {
    setLanguage(lang);
    (this.root.querySelector("#language") as HTMLSelectElement).value = lang;
    relocalize(this.root);
    if (this.result) renderResults(this.resultsRegion, this.result);
    renderSheet(this.sheet, this.result);
    this.renderPeople();
    this.renderPacks();
    this.nameWindow();
  }

  private buildForm(): HTMLFormElement {
    const form = el("form", { class: "check-form", novalidate: true, autocomplete: "off" });
    form.append(
      msg("h2", "app-check-heading", undefined, { tabindex: -1 }),
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
    input.addEventListener("input", () => {
      // "Fill in at least one field first" is answered by filling one in.
      clearMessage(this.formError);
      this.scheduleValidation(spec.kind, input, message);
    });
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
    l10n(this.status, "app-checking-started");
    try {
      const view = await api.check(fields, (p) => {
        this.progressBar.max = Math.max(p.total, 1);
        this.progressBar.value = p.done;
        l10n(this.progressText, "app-checking", { done: p.done, total: p.total });
      });
      this.result = view;
      renderResults(this.resultsRegion, view);
      renderSheet(this.sheet, view);
      this.nextSteps.hidden = false;
      // Nothing found, nothing to do: no sheet to print.
      this.printButton.hidden = this.printNote.hidden = !printable(view);
      const short = outcome(view);
      l10n(this.status, short.messageId, short.args);
      (this.resultsRegion.querySelector("#results-heading") as HTMLElement | null)?.focus();
    } catch (error) {
      clearMessage(this.status);
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

  /// After an answer, what a person does next: name it and check someone else, or print it.
  private buildNextSteps(): HTMLElement {
    const another = msg("button", "app-another-button", undefined, { type: "button", class: "primary" });
    another.addEventListener("click", () => this.checkAnother());
    this.personLabel.addEventListener("keydown", (event) => {
      if (event.key !== "Enter") return;
      // Focus moves to the form's first field: the same key must not go on to submit it empty.
      event.preventDefault();
      this.checkAnother();
    });
    this.printButton.addEventListener("click", () => {
      if (this.result) void this.print(this.result);
    });
    return el(
      "div",
      { class: "next-steps", hidden: true },
      el(
        "div",
        { class: "field" },
        msg("label", "app-person-label", undefined, { for: "person-label" }),
        msg("p", "app-person-label-hint", undefined, { id: "person-label-hint", class: "hint" }),
        el("div", { class: "input-row" }, this.personLabel),
      ),
      el("div", { class: "actions" }, another, this.printButton),
      this.printNote,
    );
  }

  /// Keeps the answer on screen under its label, collapsed with the earlier ones, and empties the
  /// form for the next person, with focus on its first field.
  private checkAnother(): void {
    if (!this.result || this.checking) return;
    const name = this.people.keep(this.personLabel.value, this.result);
    this.clearForm();
    this.clearAnswer();
    this.renderPeople();
    l10n(this.status, "app-person-kept", { label: name });
    this.inputs()[0].focus();
  }

  private renderPeople(): void {
    renderPeople(this.peopleRegion, this.people.all, (view) => void this.print(view));
  }

  /// Prints the sheet of `view`, the current answer's or an earlier person's: the sheet is drawn
  /// for it, and stays so until the next print, answer or language switch draws it again.
  private async print(view: CheckView): Promise<void> {
    renderSheet(this.sheet, view);
    clearMessage(this.printError);
    try {
      await api.printSheet();
    } catch (error) {
      if (api.isErrorView(error)) l10n(this.printError, error.messageId, error.args);
      else l10n(this.printError, "app-print-failed", { reason: String(error) });
    }
  }

  /// Wipes everything typed and shown: inputs, verdicts, results, earlier people and their labels.
  clearEverything(): void {
    this.clearForm();
    clearMessage(this.status);
    clearMessage(this.packsStatus);
    this.clearAnswer();
    this.people.clear();
    this.renderPeople();
    this.measured.clear();
    this.confirming = null;
    this.packsNotice = null;
    this.renderPacks();
  }

  /// Empties the fields and their verdicts.
  private clearForm(): void {
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
  }

  /// Takes the current answer off the screen, with its label and its sheet.
  private clearAnswer(): void {
    this.result = null;
    this.resultsRegion.replaceChildren();
    this.personLabel.value = "";
    this.nextSteps.hidden = true;
    clearMessage(this.printError);
    renderSheet(this.sheet, null);
  }

  /// Redraws the Packs page. Focus that was on it stays on the same control, or goes to `focus`
  /// (a `data-focus` key) when given, or to the page's heading when its control is gone: never to
  /// the top of the document, where a keyboard or screen reader user would have to start again.
  private renderPacks(focus?: string): void {
    const active = document.activeElement;
    const wasHere = active instanceof HTMLElement && this.packsRegion.contains(active);
    const lost = active === null || active === document.body;
    const key = wasHere ? active.dataset.focus : undefined;
    renderPacks(this.packsRegion, this.session.library, this.measured, {
      kiosk: this.session.settings.kiosk,
      opening: this.session.opening,
      confirming: this.confirming,
      notice: this.packsNotice,
      askRemove: (id) => this.confirmRemoval(id),
      remove: (id) => void this.removePack(id),
      keep: (id) => {
        this.confirming = null;
        this.renderPacks(focusKey("remove", id));
      },
      forget: (path) => void this.forgetAdded(path),
      measure: (id) => void this.measure(id),
      add: (folder) => void this.addPacks(folder),
    });
    if (!wasHere && !(lost && focus)) return;
    const controls = [...this.packsRegion.querySelectorAll<HTMLElement>("[data-focus]")];
    const target =
      controls.find((c) => c.dataset.focus === focus) ??
      controls.find((c) => c.dataset.focus === key) ??
      controls.find((c) => c.dataset.focus === focusKey("heading"));
    target?.focus();
  }

  private confirmRemoval(id: string): void {
    this.confirming = id;
    this.renderPacks(focusKey("keep", id));
  }

  private async addPacks(folder: boolean): Promise<void> {
    try {
      this.packsNotice = null;
      this.setLibrary(await api.addPacks(folder));
    } catch (error) {
      await this.changeNotKept(error);
    }
  }

  private async removePack(id: string): Promise<void> {
    const title = this.session.library.packs.find((p) => p.id === id)?.title;
    this.confirming = null;
    this.packsNotice = null;
    try {
      const library = await api.removePack(id);
      this.measured.delete(id);
      this.setLibrary(library, focusKey("heading"));
      if (title) l10n(this.packsStatus, "app-pack-removed", { title: text(title) });
    } catch (error) {
      this.measured.delete(id);
      await this.changeNotKept(error);
    }
  }

  private async forgetAdded(path: string): Promise<void> {
    this.packsNotice = null;
    try {
      this.setLibrary(await api.forgetAdded(path), focusKey("heading"));
      l10n(this.packsStatus, "app-refused-forgotten");
    } catch (error) {
      await this.changeNotKept(error);
    }
  }

  /// The backend made the change for this session but could not save the list of added packs:
  /// the page shows the packs as they now are, and why the change will not last.
  private async changeNotKept(error: unknown): Promise<void> {
    if (!api.isErrorView(error) || error.kind !== "references") throw error;
    this.packsNotice = { messageId: error.messageId, args: error.args };
    this.setLibrary((await api.appState()).library, focusKey("heading"));
  }

  private setLibrary(library: LibraryView, focus?: string): void {
    this.session = { ...this.session, library };
    this.renderPacks(focus);
  }

  private async measure(id: string): Promise<void> {
    this.measured.set(id, "measuring");
    this.renderPacks(focusKey("measuring", id));
    l10n(this.packsStatus, "app-pack-costs-measuring");
    try {
      this.measured.set(id, await api.guessCosts(id));
      this.renderPacks(focusKey("costs", id));
      l10n(this.packsStatus, "app-pack-costs-ready");
    } catch {
      this.measured.delete(id);
      this.renderPacks(focusKey("measure", id));
      l10n(this.packsStatus, "app-pack-costs-failed");
    }
  }

  private buildAbout(): HTMLElement[] {
    return [
      msg("h2", "app-about-heading", undefined, { tabindex: -1 }),
      msg("p", "app-about-1"),
      msg("p", "app-about-2"),
      msg("p", "app-about-3"),
      msg("h2", "app-about-limit-heading"),
      msg("p", "app-about-limit"),
    ];
  }

  /// The warning shown before a kiosk wipes itself. Its sentence is announced once, when it
  /// appears; the countdown beside it changes every second for the eyes only, as a region read out
  /// each second would drown everything else.
  private buildIdleWarning(): HTMLElement {
    const keepGoing = msg("button", "app-idle-keep-going", undefined, { type: "button" });
    keepGoing.addEventListener("click", () => this.idleClock?.activity());
    return el(
      "section",
      { class: "idle-warning", "aria-labelledby": "idle-warning-text", hidden: true },
      el("p", { id: "idle-warning-text", role: "alert" }),
      el("p", { class: "countdown", "aria-hidden": "true" }),
      keepGoing,
    );
  }

  private showIdleWarning(secondsLeft: number | null): void {
    const [alert, countdown] = [...this.idleWarning.querySelectorAll("p")];
    if (secondsLeft === null) {
      this.idleWarning.hidden = true;
      clearMessage(alert);
      clearMessage(countdown);
      return;
    }
    if (this.idleWarning.hidden) {
      this.idleWarning.hidden = false;
      l10n(alert, "app-idle-warning", { seconds: secondsLeft });
    }
    l10n(countdown, "app-idle-countdown", { seconds: secondsLeft });
  }

  /// Kiosk mode: larger type, no context menu, and after the idle timeout, once warned, everything
  /// is wiped and the backend replaces this webview with a fresh one.
  private enterKiosk(): void {
    document.body.classList.add("kiosk");
    const signal = this.listening.signal;
    document.addEventListener("contextmenu", (event) => event.preventDefault(), { signal });
    const clock = new IdleClock(this.session.settings.idleSeconds, {
      warn: (left) => this.showIdleWarning(left),
      tick: (left) => this.showIdleWarning(left),
      resume: () => this.showIdleWarning(null),
      idle: () => this.idle(),
    });
    this.idleClock = clock;
    for (const type of ACTIVITY_EVENTS) {
      document.addEventListener(type, () => clock.activity(), { passive: true, capture: true, signal });
    }
    clock.activity();
  }

  private idle(): void {
    this.showIdleWarning(null);
    this.clearEverything();
    this.show("check", false);
    void api.idleReset();
  }

  /// Stops the kiosk's clock and listeners (the page is going away).
  dispose(): void {
    this.idleClock?.stop();
    this.listening.abort();
  }

  get currentPage(): Page {
    return this.page;
  }
}
