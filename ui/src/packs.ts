// The Packs page: what is loaded, who vouches for it, how well it is protected, and the honest
// limit (what guessing identifiers against it costs on this computer).

import type { GuessCostView, LibraryView, PackView } from "./bindings";
import { el, listSection, msg } from "./dom";
import { t, text, tm } from "./i18n";
import { kindLabel } from "./results";

export interface PackActions {
  kiosk: boolean;
  remove(id: string): void;
  measure(id: string): void;
  add(folder: boolean): void;
}

function costs(view: GuessCostView): HTMLElement {
  return el(
    "div",
    { class: "costs" },
    msg("h4", "info-limit-heading"),
    msg("p", "info-limit-intro", { ms: view.msPerGuess, cores: view.cores }),
    el(
      "ul",
      {},
      ...view.attacks.map((a) =>
        el(
          "li",
          { "data-kind": a.kind },
          `${kindLabel(a.kind)}: ${t("info-attack", { attack: tm(a.attack), time: tm(a.time) })}`,
        ),
      ),
    ),
    msg("p", "info-limit-outro"),
  );
}

function pack(
  p: PackView,
  cost: GuessCostView | "measuring" | undefined,
  actions: PackActions,
): HTMLElement {
  const headingId = `pack-${p.id}`;
  const created = p.created.slice(0, 10);
  return el(
    "article",
    { class: "pack", "data-pack": p.id, "aria-labelledby": headingId },
    el(
      "header",
      {},
      el("h3", { id: headingId }, text(p.title)),
      p.demo ? msg("span", "app-demo-badge", undefined, { class: "badge badge-demo" }) : null,
      el("span", { class: `badge badge-${p.protection}` }, tm(p.protectionLabel)),
    ),
    p.demo ? msg("p", "pack-demo-label", undefined, { class: "demo-note" }) : null,
    el(
      "ul",
      { class: "facts" },
      p.curator ? msg("li", "app-pack-curator", { curator: p.curator }) : null,
      created ? msg("li", "app-pack-created", { date: created }) : null,
      msg("li", "app-pack-entries", { entries: p.entries }),
      el("li", { class: `signature signature-${p.signature.status}` }, tm(p.signature.label)),
      msg("li", `app-pack-origin-${p.origin}`),
    ),
    msg("h4", "app-pack-breaches"),
    el(
      "ul",
      { class: "breaches" },
      ...p.breaches.map((b) =>
        el(
          "li",
          { "data-pack-breach": b.id },
          t("app-pack-breach", { title: text(b.title), date: b.date ?? "?", records: b.records }),
        ),
      ),
    ),
    cost === "measuring"
      ? msg("p", "app-pack-costs-measuring", undefined, { class: "measuring", role: "status" })
      : cost
        ? costs(cost)
        : null,
    el(
      "div",
      { class: "actions" },
      cost === undefined
        ? l10nButton("app-pack-costs-button", () => actions.measure(p.id))
        : null,
      actions.kiosk
        ? null
        : l10nButton("app-pack-remove", () => actions.remove(p.id), "secondary"),
    ),
  );
}

function l10nButton(id: string, onClick: () => void, cls = ""): HTMLButtonElement {
  const button = msg("button", id, undefined, { type: "button", class: cls || undefined });
  button.addEventListener("click", onClick);
  return button;
}

/// Draws the Packs page into `region`.
export function renderPacks(
  region: HTMLElement,
  library: LibraryView,
  measured: Map<string, GuessCostView | "measuring">,
  actions: PackActions,
): void {
  const parts: (HTMLElement | null)[] = [
    msg("h2", "app-packs-heading"),
    msg("p", "app-packs-intro"),
  ];
  if (library.packs.length === 0) {
    parts.push(msg("p", "app-packs-none", undefined, { class: "warning", role: "status" }));
  }
  for (const p of library.packs) parts.push(pack(p, measured.get(p.id), actions));
  if (library.refused.length > 0) {
    parts.push(
      listSection(
        "refused",
        "app-refused-heading",
        library.refused.map((r) => el("li", {}, tm(r.reason))),
      ),
    );
  }
  if (!actions.kiosk) {
    parts.push(
      el(
        "div",
        { class: "actions" },
        l10nButton("app-add-pack-files", () => actions.add(false)),
        l10nButton("app-add-pack-folder", () => actions.add(true), "secondary"),
      ),
    );
  }
  region.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
