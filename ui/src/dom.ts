// A few helpers for building the page. Every string goes in as text, never as HTML: pack titles
// and descriptions come from curators' files, which may be hostile.

import type { MessageArg } from "./bindings";
import { languageRuns, t } from "./i18n";

type Attrs = Record<string, string | number | boolean | undefined>;
type Child = Node | string | null | undefined | false;

/// Creates an element with attributes (`false`/`undefined` leave one out) and children.
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child);
  }
  return node;
}

/// Marks `node` as showing message `id`, and shows it. `relocalize` shows it again in another
/// language. With `attr`, the message goes into that attribute instead of the text.
export function l10n<T extends Element>(
  node: T,
  id: string,
  args?: Record<string, MessageArg>,
  attr?: string,
): T {
  node.setAttribute("data-l10n-id", id);
  if (args && Object.keys(args).length > 0) {
    node.setAttribute("data-l10n-args", JSON.stringify(args));
  } else {
    node.removeAttribute("data-l10n-args");
  }
  if (attr) {
    node.setAttribute("data-l10n-attr", attr);
  } else {
    node.removeAttribute("data-l10n-attr");
  }
  apply(node);
  return node;
}

/// A section of list items under a heading showing message `headingId`; the section is named by
/// its heading for screen readers, and its class is `name`.
export function listSection(name: string, headingId: string, items: Node[]): HTMLElement {
  const heading = `${name}-heading`;
  return el(
    "section",
    { class: name, "aria-labelledby": heading },
    msg("h3", headingId, undefined, { id: heading }),
    el("ul", {}, ...items),
  );
}

/// An element showing message `id`.
export function msg<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  id: string,
  args?: Record<string, MessageArg>,
  attrs: Attrs = {},
): HTMLElementTagNameMap[K] {
  return l10n(el(tag, attrs), id, args);
}

function apply(node: Element): void {
  const id = node.getAttribute("data-l10n-id");
  if (!id) return;
  const rawArgs = node.getAttribute("data-l10n-args");
  const text = t(id, rawArgs ? (JSON.parse(rawArgs) as Record<string, MessageArg>) : undefined);
  const attr = node.getAttribute("data-l10n-attr");
  if (attr) {
    node.setAttribute(attr, text);
  } else {
    node.replaceChildren(...inLanguage(text));
  }
}

/// `text` as nodes, each run in another language than the page's wrapped in a `span` saying
/// which (WCAG 3.1.2). The text goes in as text, never as HTML.
export function inLanguage(text: string): (Node | string)[] {
  return languageRuns(text).map((run) => (run.lang ? el("span", { lang: run.lang }, run.text) : run.text));
}

/// Shows every marked element under `root` in the current language.
export function relocalize(root: ParentNode): void {
  if (root instanceof Element) apply(root);
  root.querySelectorAll("[data-l10n-id]").forEach(apply);
}

/// Removes a marked element's message and text.
export function clearMessage(node: Element): void {
  node.removeAttribute("data-l10n-id");
  node.removeAttribute("data-l10n-args");
  node.textContent = "";
}

/// The attributes that name other elements by id.
const ID_REFERENCES = ["aria-labelledby", "aria-describedby", "aria-controls", "for"];

/// Prefixes every id inside `nodes`, and every reference to one of them, with `prefix`: the same
/// drawing can then appear twice in the page (an earlier person's answer beside the current one)
/// with ids that stay unique and labels that still name their own element.
export function scopeIds(nodes: Element[], prefix: string): void {
  const all = nodes.flatMap((node) => [node, ...node.querySelectorAll("*")]);
  const ids = new Set(all.map((node) => node.id).filter((id) => id !== ""));
  for (const node of all) {
    if (node.id) node.id = prefix + node.id;
    for (const attr of ID_REFERENCES) {
      const value = node.getAttribute(attr);
      if (value === null) continue;
      const scoped = value.split(/\s+/).map((id) => (ids.has(id) ? prefix + id : id));
      node.setAttribute(attr, scoped.join(" "));
    }
  }
}
