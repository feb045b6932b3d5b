// The Packs page: what is loaded, who vouches for it, how well it is protected, and the honest
// limit (what guessing identifiers against it costs on this computer).

import type { AttackView, GuessCostView, LibraryView, Message, PackView } from "./bindings";
import { el, inLanguage, listSection, msg } from "./dom";
import { t, text, tm } from "./i18n";
import { kindLabel } from "./results";

export interface PackActions {
  kiosk: boolean;
  /// The packs found at start are still opening.
  opening: boolean;
  /// The pack whose removal waits for the person to confirm it, if any.
  confirming: string | null;
  /// Why the last change to the packs holds only until the app closes, if it does.
  notice: Message | null;
  askRemove(id: string): void;
  remove(id: string): void;
  keep(id: string): void;
  /// Forgets a pack or folder the person added, by its path as shown.
  forget(path: string): void;
  measure(id: string): void;
  add(folder: boolean): void;
}

/// The page is redrawn whole; each control a person can be on carries a `data-focus` key, so that
/// focus can be put back on the same control, or on what replaced it, after a redraw.
export function focusKey(what: string, id?: string): string {
  return id === undefined ? what : `${what}:${id}`;
}

function costs(view: GuessCostView): HTMLElement {
  return el(
    "div",
    { class: "costs" },
    msg("h4", "info-limit-heading", undefined, {
      tabindex: -1,
      "data-focus": focusKey("costs", view.packId),
    }),
    msg("p", "info-limit-intro", { ms: view.msPerGuess, cores: view.cores }),
    attackList(view.attacks),
    msg("p", "info-limit-gpu-intro", {
      device: view.gpu.device,
      rate: view.gpu.guessesPerSecond,
      date: view.gpu.date,
      source: view.gpu.source,
    }),
    attackList(view.gpu.attacks),
    msg("p", "info-limit-gpu-outro"),
    msg("p", "info-limit-outro"),
  );
}

function attackList(attacks: AttackView[]): HTMLUListElement {
  return el(
    "ul",
    {},
    ...attacks.map((a) =>
      el(
        "li",
        { "data-kind": a.kind },
        `${kindLabel(a.kind)}: ${t("info-attack", { attack: tm(a.attack), time: tm(a.time) })}`,
      ),
    ),
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
      el("h3", { id: headingId }, ...inLanguage(text(p.title))),
      p.demo ? msg("span", "app-demo-badge", undefined, { class: "badge badge-demo" }) : null,
      el("span", { class: `badge badge-${p.protection}` }, tm(p.protectionLabel)),
    ),
    p.demo ? msg("p", "pack-demo-label", undefined, { class: "demo-note" }) : null,
    p.synthetic ? msg("p", "pack-synthetic-label", undefined, { class: "demo-note" }) : null,
    p.formatVersion === 1 ? msg("p", "pack-old-format-label", undefined, { class: "old-format-note" }) : null,
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
          ...inLanguage(
            t("app-pack-breach", { title: text(b.title), date: b.date ?? "?", records: b.records }),
          ),
        ),
      ),
    ),
    cost === "measuring"
      ? msg("p", "app-pack-costs-measuring", undefined, {
          class: "measuring",
          tabindex: -1,
          "data-focus": focusKey("measuring", p.id),
        })
      : cost
        ? costs(cost)
        : null,
    actions.confirming === p.id
      ? confirmRemoval(p, actions)
      : el(
          "div",
          { class: "actions" },
          cost === undefined
            ? l10nButton("app-pack-costs-button", focusKey("measure", p.id), () => actions.measure(p.id))
            : null,
          actions.kiosk
            ? null
            : l10nButton(
                "app-pack-remove",
                focusKey("remove", p.id),
                () => actions.askRemove(p.id),
                "secondary",
              ),
        ),
  );
}

/// Removing a pack makes every later check blind to its leaks, so it is asked twice; keeping the
/// pack is the first button, the one a hurried Enter presses.
function confirmRemoval(p: PackView, actions: PackActions): HTMLElement {
  const question = `remove-question-${p.id}`;
  return el(
    "div",
    { class: "actions confirm", role: "group", "aria-labelledby": question },
    msg("p", "app-pack-remove-question", { title: text(p.title) }, { id: question }),
    l10nButton("app-pack-remove-keep", focusKey("keep", p.id), () => actions.keep(p.id)),
    l10nButton("app-pack-remove-confirm", focusKey("confirm", p.id), () => actions.remove(p.id), "secondary"),
  );
}

/// The folders the person added, read at every start, each of which they may forget.
function addedFolders(folders: string[], actions: PackActions): HTMLElement {
  return el(
    "section",
    { class: "added-folders", "aria-labelledby": "added-folders-heading" },
    msg("h3", "app-added-folders-heading", undefined, { id: "added-folders-heading" }),
    msg("p", "app-added-folders-intro"),
    el(
      "ul",
      {},
      ...folders.map((folder) =>
        el(
          "li",
          { "data-folder": folder },
          el("span", { class: "path" }, folder),
          actions.kiosk
            ? null
            : l10nButton("app-added-folder-forget", focusKey("forget", folder), () => actions.forget(folder), "secondary"),
        ),
      ),
    ),
  );
}

function l10nButton(id: string, focus: string, onClick: () => void, cls = ""): HTMLButtonElement {
  const button = msg("button", id, undefined, {
    type: "button",
    class: cls || undefined,
    "data-focus": focus,
  });
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
    msg("h2", "app-packs-heading", undefined, { tabindex: -1, "data-focus": focusKey("heading") }),
    msg("p", "app-packs-intro"),
  ];
  if (actions.opening) {
    parts.push(msg("p", "app-packs-opening", undefined, { class: "opening", role: "status" }));
  } else if (library.packs.length === 0) {
    parts.push(msg("p", "app-packs-none", undefined, { class: "warning", role: "status" }));
  }
  for (const p of library.packs) parts.push(pack(p, measured.get(p.id), actions));
  if (library.refused.length > 0) {
    parts.push(
      listSection(
        "refused",
        "app-refused-heading",
        // A pack the person added whose file is gone is refused at every start until forgotten.
        library.refused.map((r) =>
          el(
            "li",
            {},
            tm(r.reason),
            r.forgettable && !actions.kiosk
              ? l10nButton("app-refused-forget", focusKey("forget", r.path), () => actions.forget(r.path), "secondary")
              : null,
          ),
        ),
      ),
    );
  }
  if (library.folders.length > 0) parts.push(addedFolders(library.folders, actions));
  if (actions.notice) {
    parts.push(el("p", { class: "warning notice", role: "alert" }, tm(actions.notice)));
  }
  if (!actions.kiosk) {
    // Adding never copies a pack, however large: the person learns to keep its drive connected.
    parts.push(msg("p", "app-add-packs-in-place", undefined, { class: "in-place" }));
    parts.push(
      el(
        "div",
        { class: "actions" },
        l10nButton("app-add-pack-files", focusKey("add-files"), () => actions.add(false)),
        l10nButton("app-add-pack-folder", focusKey("add-folder"), () => actions.add(true), "secondary"),
      ),
    );
  }
  region.replaceChildren(...parts.filter((p): p is HTMLElement => p !== null));
}
