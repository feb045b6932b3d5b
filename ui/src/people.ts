// Several people checked one after another (a daughter checking her parents): each earlier answer
// is kept under a label the person chooses, collapsed, never under what was typed to check it.
// A label is typed too, so it lives only in this page's memory, like the fields: never stored,
// never sent, never printed, and forgotten by "Clear everything" and the kiosk's wipe.

import type { CheckView } from "./bindings";
import { el, msg, scopeIds } from "./dom";
import { t } from "./i18n";
import { answer, outcome } from "./results";
import { printable } from "./sheet";

export interface Person {
  /// The label typed for this answer ("Mum"), or null when none was: "Person 2" is shown then.
  label: string | null;
  view: CheckView;
}

/// The answers kept so far, in the order they were checked.
export class People {
  private kept: Person[] = [];

  /// Keeps `view` under `label` (blank: no label) and returns what it is shown under.
  keep(label: string, view: CheckView): string {
    const trimmed = label.trim();
    this.kept.push({ label: trimmed === "" ? null : trimmed, view });
    return personName(this.kept[this.kept.length - 1], this.kept.length - 1);
  }

  get all(): readonly Person[] {
    return this.kept;
  }

  clear(): void {
    this.kept = [];
  }
}

/// What the answer at `index` is shown under: its label, or "Person 1", "Person 2"… in the
/// current language.
export function personName(person: Person, index: number): string {
  return person.label ?? t("app-person-default", { number: index + 1 });
}

/// Draws the kept answers into `region` under their heading, each a closed disclosure whose
/// summary is the name and the short outcome; one the person opened stays open across a redraw
/// (a language switch). `print` prints an answer's sheet. An empty list draws nothing.
export function renderPeople(
  region: HTMLElement,
  people: readonly Person[],
  print: (view: CheckView) => void,
): void {
  const open = new Set(
    [...region.querySelectorAll<HTMLDetailsElement>("details[data-person]")]
      .filter((details) => details.open)
      .map((details) => details.dataset.person),
  );
  if (people.length === 0) {
    region.replaceChildren();
    return;
  }
  region.replaceChildren(
    msg("h2", "app-people-heading", undefined, { id: "people-heading" }),
    ...people.map((person, index) => {
      const number = String(index + 1);
      const short = outcome(person.view);
      const body = answer(person.view);
      // The same drawing as the current answer's: its ids are made this person's own.
      scopeIds(body, `person-${number}-`);
      if (printable(person.view)) {
        const button = msg("button", "app-print-button", undefined, {
          type: "button",
          class: "secondary",
          "aria-describedby": "print-note",
        });
        button.addEventListener("click", () => print(person.view));
        body.push(el("div", { class: "actions" }, button));
      }
      return el(
        "details",
        { class: "person", "data-person": number, open: open.has(number) },
        el(
          "summary",
          {},
          el("span", { class: "person-name" }, personName(person, index)),
          " ",
          msg("span", short.messageId, short.args, { class: "person-outcome" }),
        ),
        el("div", { class: "person-answer" }, ...body),
      );
    }),
  );
}
