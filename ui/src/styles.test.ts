import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const CSS = readFileSync(join(__dirname, "styles.css"), "utf8").replace(/\/\*[^]*?\*\//g, "");

/// The declarations of the first rule whose selector is exactly `selector`.
function rule(selector: string): Map<string, string> {
  for (const match of CSS.matchAll(/([^{}]+)\{([^{}]*)\}/g)) {
    const selectors = match[1].split(",").map((s) => s.trim());
    if (!selectors.includes(selector)) continue;
    const declarations = new Map<string, string>();
    for (const line of match[2].split(";")) {
      const colon = line.indexOf(":");
      if (colon > 0) declarations.set(line.slice(0, colon).trim(), line.slice(colon + 1).trim());
    }
    return declarations;
  }
  throw new Error(`no rule for ${selector}`);
}

/// The colour `property` has in `selector`'s rule, through one `var()` of the root's.
function colour(selector: string, property: string): string {
  const declared = rule(selector).get(property) ?? "";
  const variable = /^var\((--[a-z-]+)\)$/.exec(declared);
  const value = variable ? rule(":root").get(variable[1]) : declared;
  expect(value, `${selector} ${property}`).toMatch(/^#[0-9a-f]{6}$/i);
  return value as string;
}

/// WCAG 2 relative luminance and contrast ratio.
function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

describe("the colours that show a control (WCAG 1.4.11, at least 3:1)", () => {
  it("computes contrast as WCAG does", () => {
    expect(contrast("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrast("#1a73e8", "#12355b")).toBeCloseTo(2.76, 2);
  });

  it("the focus ring stands out on the page, on cards and on the header", () => {
    const focus = colour(":root", "--focus");
    for (const background of [colour(":root", "--paper"), colour(":root", "--card"), "#fff4d6", "#eef4fb"]) {
      expect(contrast(focus, background), background).toBeGreaterThanOrEqual(3);
    }
    expect(rule(":focus-visible").get("outline")).toContain("var(--focus)");
    expect(contrast(colour(".top", "--focus"), colour(".top", "background"))).toBeGreaterThanOrEqual(3);
  });

  it("a field's border stands out on the card and on the page", () => {
    const border = colour(":root", "--field-border");
    expect(rule("input").get("border")).toBe("2px solid var(--field-border)");
    for (const background of [colour(":root", "--paper"), colour(":root", "--card")]) {
      expect(contrast(border, background), background).toBeGreaterThanOrEqual(3);
    }
  });
});
