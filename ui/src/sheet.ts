// The sheet a person takes home: the leaks an answer found, their dates, the kinds of data they
// held and what to do about each, in the current language. It is drawn from a CheckView, which
// holds no typed value, and never from the page's fields or the label of an earlier person, so
// nothing typed can reach paper or a saved PDF (DESIGN §7.6).
//
// The sheet sits in the page, hidden; the print stylesheet (`@media print` in styles.css) shows
// it alone. The backend's `print_sheet` opens the system's print window (WebKitGTK's, with the
// printers and "Print to File" for a PDF): `window.print()` opens nothing in that webview.

import type { CheckView, FindingView } from "./bindings";
import { el, inLanguage, msg } from "./dom";
import { t, text, tm } from "./i18n";

/// Today as YYYY-MM-DD, in the computer's own time zone: the day the sheet was printed.
function today(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function leak(f: FindingView): HTMLElement {
  return el(
    "li",
    { class: "sheet-leak" },
    el("h3", {}, ...inLanguage(text(f.title))),
    f.date ? msg("p", "app-sheet-leak-date", { date: f.date }, { class: "sheet-leak-date" }) : null,
    msg("p", "app-sheet-leak-held", { classes: f.dataClasses.map((c) => tm(c.label)).join(t("list-separator")) }),
  );
}

/// Whether `view` found something to act on: the sheet and its print button are for that.
export function printable(view: CheckView | null): view is CheckView {
  return view !== null && view.packs > 0 && view.findings.length > 0;
}

/// Draws the sheet of `view` into `sheet`, or empties it when there is nothing to print.
export function renderSheet(sheet: HTMLElement, view: CheckView | null, now = new Date()): void {
  if (!printable(view)) {
    sheet.replaceChildren();
    return;
  }
  sheet.replaceChildren(
    msg("h1", "app-sheet-title", undefined, { id: "sheet-title" }),
    msg("p", "app-sheet-made", { date: today(now) }, { class: "sheet-made" }),
    msg("h2", "app-sheet-leaks", { count: view.findings.length }),
    el("ul", { class: "sheet-leaks" }, ...view.findings.map(leak)),
    msg("h2", "app-advice-heading"),
    el("ul", { class: "sheet-steps" }, ...view.advice.map((a) => el("li", { "data-advice": a.messageId }, tm(a)))),
  );
}
