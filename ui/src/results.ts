// The answer to a check, drawn from a CheckView. The view holds no typed value, only which kinds
// matched, so the page can be redrawn in another language at no risk.

import type { CheckView, ClassView, FindingView, Kind, Message } from "./bindings";
import { el, inLanguage, listSection, msg } from "./dom";
import { t, text, tm } from "./i18n";

const KIND_MESSAGE: Record<Kind, string> = {
  phone: "kind-phone",
  national_id: "kind-national_id",
  name_dob: "kind-name_dob",
  email: "kind-email",
  username: "kind-username",
};

export function kindLabel(kind: Kind): string {
  return t(KIND_MESSAGE[kind]);
}

function classList(classes: ClassView[], exposedAboutYou: boolean): HTMLUListElement {
  return el(
    "ul",
    { class: exposedAboutYou ? "chips chips-you" : "chips" },
    ...classes.map((c) => el("li", { "data-class": c.id }, tm(c.label))),
  );
}

function finding(f: FindingView, severalPacks: boolean): HTMLElement {
  const date = f.date ? el("p", { class: "finding-date" }, f.date) : null;
  const description = text(f.description);
  return el(
    "article",
    {
      class: "finding",
      "data-breach": f.breachId,
      "data-matched": f.matched.join(" "),
      "aria-labelledby": `finding-${f.packId}-${f.breachId}`,
    },
    el(
      "header",
      {},
      el("h3", { id: `finding-${f.packId}-${f.breachId}` }, ...inLanguage(text(f.title))),
      f.demo ? msg("span", "app-demo-badge", undefined, { class: "badge badge-demo" }) : null,
      date,
    ),
    description ? el("p", { class: "finding-description" }, ...inLanguage(description)) : null,
    el(
      "dl",
      {},
      msg("dt", "app-finding-matched"),
      el("dd", { class: "matched" }, f.matched.map(kindLabel).join(t("list-separator"))),
      f.matchedInSimplified.length > 0
        ? msg("dd", "app-finding-simplified", undefined, { class: "matched-simplified" })
        : null,
      msg("dt", "app-finding-held"),
      el("dd", {}, classList(f.dataClasses, true)),
      msg("dt", "app-finding-exposed"),
      el("dd", {}, classList(f.breachDataClasses, false)),
      severalPacks ? msg("dt", "app-finding-pack") : null,
      severalPacks ? el("dd", {}, ...inLanguage(text(f.packTitle))) : null,
    ),
  );
}

/// The answer in one short sentence, for the status a screen reader announces; the page holds
/// the whole of it, which is far too long to be read out as one announcement.
export function outcome(view: CheckView): Message {
  if (view.packs === 0) return { messageId: "app-results-no-pack", args: {} };
  if (view.checked === 0) return { messageId: "app-results-nothing-checked", args: {} };
  if (view.findings.length > 0) {
    return { messageId: "app-results-found", args: { count: view.findings.length } };
  }
  return { messageId: "app-results-none", args: {} };
}

/// Draws `view` into `region` under its heading.
export function renderResults(region: HTMLElement, view: CheckView): void {
  region.replaceChildren(
    msg("h2", "app-results-heading", undefined, { id: "results-heading", tabindex: -1 }),
    ...answer(view),
  );
}

/// The answer without a heading, the summary first: what the results show, and what an earlier
/// person's answer shows under its own summary.
export function answer(view: CheckView): HTMLElement[] {
  const parts: (HTMLElement | null)[] = [];
  if (view.packs === 0) {
    // Nothing was compared with anything: a miss here would be a false "safe".
    parts.push(msg("p", "app-results-no-pack", undefined, { class: "summary no-pack" }));
  } else if (view.checked > 0) {
    if (view.findings.length > 0) {
      parts.push(
        msg("p", "app-results-found", { count: view.findings.length }, { class: "summary found" }),
      );
    } else {
      parts.push(msg("p", "app-results-none", undefined, { class: "summary none" }));
      parts.push(msg("p", "app-results-none-meaning", undefined, { class: "meaning" }));
    }
    parts.push(
      msg(
        "p",
        "app-results-checked",
        { inputs: view.checked, packs: view.packs },
        { class: "checked-count" },
      ),
    );
  }
  const refused = view.inputs.filter((input) => input.invalid !== null);
  if (refused.length > 0) {
    parts.push(
      el(
        "ul",
        { class: "not-checked" },
        ...refused.map((input) =>
          el(
            "li",
            { "data-invalid": input.kind },
            t("app-result-not-checked", {
              kind: kindLabel(input.kind),
              reason: input.invalid ? tm(input.invalid) : "",
            }),
          ),
        ),
      ),
    );
  }
  const severalPacks = new Set(view.findings.map((f) => f.packId)).size > 1 || view.packs > 1;
  for (const f of view.findings) parts.push(finding(f, severalPacks));
  if (view.advice.length > 0) {
    parts.push(
      listSection(
        "advice",
        "app-advice-heading",
        view.advice.map((a) => el("li", { "data-advice": a.messageId }, tm(a))),
      ),
    );
  }
  return parts.filter((p): p is HTMLElement => p !== null);
}
