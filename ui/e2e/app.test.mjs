// End to end in a real window: the built app under Xvfb, driven through tauri-driver and
// WebKitWebDriver. A citizen checks the demo person, reads the findings, switches to Chinese,
// looks at the packs; a daughter checks her parents one after the other and prints what to do;
// someone walks the app by keyboard alone; a kiosk warns before it wipes
// itself after its idle timeout; and afterwards nothing typed is found anywhere in the app's home,
// data, cache or config folders. Every screen and state passes axe-core's WCAG 2.0/2.1/2.2 A and
// AA rules and its best practices with no violation, in every language.
//
// Run by scripts/test-desktop, which builds the app and starts Xvfb. Environment:
//   EXPOSURE_APP      the app binary (a build with the embedded UI, e.g. target/release/exposure-desktop)
//   EXPOSURE_HOME     the empty HOME the app runs with (scanned at the end)
//   SCREENSHOTS       where to write screenshots (docs/screenshots to refresh the README's)

import { spawn } from "node:child_process";
import { createConnection, createServer } from "node:net";
import { mkdirSync, readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { remote } from "webdriverio";

const APP = process.env.EXPOSURE_APP;
const HOME = process.env.EXPOSURE_HOME;
const SCREENSHOTS = process.env.SCREENSHOTS;
const DRIVER = process.env.TAURI_DRIVER ?? "tauri-driver";
// Ports the system hands out free, so that two runs on one machine (two worktrees, a CI job
// beside a session) never meet on tauri-driver's default 4444 and WebKitWebDriver's 4445.
let PORT;
let NATIVE_PORT;

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/// Resolves once something accepts connections on `port`: a loaded machine starts tauri-driver
/// late, and a fixed sleep either wastes time or loses the race.
async function listening(port, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = createConnection({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`nothing listens on port ${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

// The demo pack's showcase person (exposure_demo::showcase_person): synthetic.
const PERSON = {
  phone: "138 0013 8000",
  nationalId: "110105198503071230",
  name: "张伟",
  dob: "1985年3月7日",
};
// The same name as a reader of Traditional Chinese types it; the leak holds it in Simplified.
const TRADITIONAL_NAME = "張偉";
// The labels a daughter gives her parents' answers: typed too, so never on disk or on paper.
const LABELS = ["Auntie Mei", "Uncle Bo"];
// Every spelling of the typed values that must never reach the disk.
const CANARIES = [
  "13800138000",
  "+8613800138000",
  "110105198503071230",
  "张伟",
  TRADITIONAL_NAME,
  "1985-03-07",
  "1985年3月7日",
  ...LABELS,
];

let driver;

const LANGS = ["en", "zh-CN", "zh-TW"];
const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"];
/// Violations per screen and language, printed at the end for the record.
const AXE_TOTALS = [];
/// How tall the printed sheet is in each language, printed at the end for the record.
const SHEET_HEIGHTS = [];

async function session(args = []) {
  return remote({
    hostname: "127.0.0.1",
    port: PORT,
    logLevel: "warn",
    connectionRetryCount: 3,
    capabilities: {
      browserName: "wry",
      "wdio:enforceWebDriverClassic": true,
      "tauri:options": { application: APP, args },
    },
  });
}

/// Waits two animation frames, so a screenshot shows what was just drawn.
async function settle(browser) {
  await browser.executeAsync((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
}

async function screenshot(browser, name) {
  if (!SCREENSHOTS) return;
  await settle(browser);
  mkdirSync(SCREENSHOTS, { recursive: true });
  await browser.saveScreenshot(join(SCREENSHOTS, `${name}.png`));
}

async function typeInto(browser, name, value) {
  const input = await browser.$(`input[name="${name}"]`);
  await input.waitForDisplayed({ timeout: 20_000 });
  await input.setValue(value);
}

// The document's lang for each language of the switch (ui/src/i18n.ts, LANG_TAGS).
const LANG_TAGS = { en: "en", "zh-CN": "zh-Hans", "zh-TW": "zh-Hant" };

async function switchLanguage(browser, lang) {
  const select = await browser.$("#language");
  await select.selectByAttribute("value", lang);
  await browser.waitUntil(
    async () => (await browser.execute(() => document.documentElement.lang)) === LANG_TAGS[lang],
  );
}

/// Runs axe-core on the page as it is and fails on any violation, naming each rule and element.
async function assertAccessible(browser, screen) {
  await settle(browser);
  const injected = await browser.execute(() => typeof window.axe !== "undefined");
  if (!injected) await browser.execute(AXE_SOURCE);
  const violations = await browser.executeAsync((tags, done) => {
    window.axe
      .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
      .then((result) =>
        done(
          result.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        ),
      )
      .catch((error) => done([`axe failed: ${error}`]));
  }, AXE_TAGS);
  const lang = await browser.execute(() => document.documentElement.lang);
  AXE_TOTALS.push(`${screen} [${lang}]: ${violations.length}`);
  assert.deepEqual(violations, [], `${screen} in ${lang}`);
}

/// The same check in every language, ending in the language it started in.
async function assertAccessibleInEveryLanguage(browser, screen) {
  const start = await (await browser.$("#language")).getValue();
  for (const lang of LANGS) {
    await switchLanguage(browser, lang);
    await assertAccessible(browser, screen);
  }
  await switchLanguage(browser, start);
}

/// What a status region for screen readers says: its text is clipped from view, and WebDriver's
/// getText gives only the text that is seen.
async function announced(browser, id) {
  return browser.execute((id) => document.getElementById(id)?.textContent ?? "", id);
}

/// Presses `key` until `test` holds in the page, at most `limit` times: a keyboard user's Tab walk.
async function pressUntil(browser, key, test, limit = 40) {
  for (let i = 0; i < limit; i++) {
    if (await browser.execute(test)) return;
    await browser.keys(key);
  }
  assert.fail(`${limit} presses of ${key} did not get there`);
}

/// The width and height an A4 page leaves inside the print stylesheet's 12 mm margins.
const A4_MM = { width: 210 - 24, height: 297 - 24 };

/// Shows the page as it prints: the rules of the print stylesheet (`@media print`) applied on
/// screen, as WebKitWebDriver emulates no print media, and the sheet as wide as an A4 page's
/// text; `false` takes them away again. Through the CSSOM, which the app's style-src CSP allows,
/// unlike an injected <style>.
async function emulatePrint(browser, on) {
  await browser.execute((on, width) => {
    const sheet = [...document.styleSheets].find((s) =>
      [...s.cssRules].some((r) => r instanceof CSSMediaRule && r.media.mediaText === "print"),
    );
    if (!on) {
      for (let i = 0; i < window.emulatedPrintRules; i++) sheet.deleteRule(sheet.cssRules.length - 1);
      window.emulatedPrintRules = 0;
      return;
    }
    const rules = [...sheet.cssRules]
      .filter((r) => r instanceof CSSMediaRule && r.media.mediaText === "print")
      .flatMap((r) => [...r.cssRules])
      .filter((r) => r instanceof CSSStyleRule);
    for (const rule of rules) sheet.insertRule(rule.cssText, sheet.cssRules.length);
    // Paper: white, the sheet as wide as a page's text and inside the page's margins.
    sheet.insertRule(":root { background: #ffffff; }", sheet.cssRules.length);
    sheet.insertRule(`[data-sheet] { width: ${width}mm; margin: 12mm; }`, sheet.cssRules.length);
    window.emulatedPrintRules = rules.length + 2;
  }, on, A4_MM.width);
  await settle(browser);
}

/// The whole text of an element, seen or not (the sheet is hidden until printed).
async function allText(browser, selector) {
  return browser.execute((selector) => document.querySelector(selector)?.textContent ?? "", selector);
}

/// The processes still running with the app's HOME: tauri-driver, the app and the webview's own
/// processes, which go on writing and deleting their storage files while they shut down.
function processesWithHome() {
  const mark = Buffer.from(`\0HOME=${HOME}\0`);
  const found = [];
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    let environ;
    try {
      environ = Buffer.concat([Buffer.from([0]), readFileSync(`/proc/${pid}/environ`)]);
    } catch {
      continue; // gone already, or another user's
    }
    if (environ.includes(mark)) found.push(pid);
  }
  return found;
}

/// Stops tauri-driver and waits until nothing runs with the app's HOME, so that the files under
/// it are the ones left behind, no longer changing.
async function everythingStopped(timeoutMs = 60_000) {
  if (driver && driver.exitCode === null && driver.signalCode === null) {
    const exited = new Promise((resolve) => driver.once("exit", resolve));
    driver.kill();
    await exited;
  }
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const left = processesWithHome();
    if (left.length === 0) return;
    if (Date.now() > deadline) assert.fail(`still running with the app's HOME: pids ${left.join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function walk(dir, files = []) {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat) continue;
    if (stat.isDirectory()) walk(path, files);
    else if (stat.isFile()) files.push(path);
  }
  return files;
}

before(async () => {
  assert.ok(APP, "EXPOSURE_APP names the app binary");
  assert.ok(HOME, "EXPOSURE_HOME names the app's HOME");
  PORT = await freePort();
  NATIVE_PORT = await freePort();
  driver = spawn(DRIVER, ["--port", String(PORT), "--native-port", String(NATIVE_PORT)], {
    stdio: ["ignore", "inherit", "inherit"],
    env: { ...process.env, HOME },
  });
  await listening(PORT);
});

after(() => {
  driver?.kill();
  if (AXE_TOTALS.length > 0) console.log(`axe-core violations per screen:\n  ${AXE_TOTALS.join("\n  ")}`);
  if (SHEET_HEIGHTS.length > 0) console.log(`the printed sheet's height:\n  ${SHEET_HEIGHTS.join("\n  ")}`);
});

describe("a citizen checks themselves", () => {
  let browser;
  before(async () => {
    browser = await session();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("shows a labelled field for every kind and a masked ID number", async () => {
    for (const kind of ["phone", "national_id", "name", "dob", "email", "username"]) {
      const input = await browser.$(`input[name="${kind}"]`);
      await input.waitForExist({ timeout: 20_000 });
      const id = await input.getAttribute("id");
      assert.notEqual(await (await browser.$(`label[for="${id}"]`)).getText(), "");
    }
    assert.equal(await (await browser.$('input[name="national_id"]')).getAttribute("type"), "password");
    await screenshot(browser, "check-en");
    await assertAccessibleInEveryLanguage(browser, "empty form");
  });

  it("refuses a wrong ID number with the reason as it is typed", async () => {
    await typeInto(browser, "national_id", "110105198503071231");
    const refusal = await browser.$('[data-invalid="national_id"]');
    await refusal.waitForExist({ timeout: 10_000 });
    assert.match(await refusal.getText(), /last character/);
    await assertAccessibleInEveryLanguage(browser, "invalid input");
    await (await browser.$('input[name="national_id"]')).clearValue();
  });

  it("finds the demo person in the demo leaks and says what to do", async () => {
    await typeInto(browser, "phone", PERSON.phone);
    await typeInto(browser, "national_id", PERSON.nationalId);
    await typeInto(browser, "name", PERSON.name);
    await typeInto(browser, "dob", PERSON.dob);
    await (await browser.$("form button[type=submit]")).click();
    const police = await browser.$('[data-breach="demo-police-2022"]');
    await police.waitForExist({ timeout: 60_000 });
    const matched = (await police.getAttribute("data-matched")).split(" ");
    assert.ok(matched.includes("phone") && matched.includes("national_id"), matched.join(" "));
    assert.match(await (await browser.$(".summary")).getText(), /You were found in \d+ leaks?\./);
    assert.ok(await (await browser.$('[data-advice="advice-national_ids"]')).isExisting());
    assert.match(await announced(browser, "check-status"), /You were found in \d+ leaks?\./);
    await screenshot(browser, "results-en");
    await assertAccessibleInEveryLanguage(browser, "results found");
  });

  it("switches to Chinese keeping the answer on screen", async () => {
    await switchLanguage(browser, "zh-CN");
    assert.equal(await (await browser.$('label[for="field-phone"]')).getText(), "手机号码");
    assert.match(await (await browser.$(".summary")).getText(), /你出现在 \d+ 起泄露中/);
    assert.ok(await (await browser.$('[data-breach="demo-police-2022"]')).isExisting());
    await screenshot(browser, "results-zh-CN");
  });

  it("switches to Traditional Chinese keeping the answer on screen", async () => {
    await switchLanguage(browser, "zh-TW");
    assert.equal(await (await browser.$('label[for="field-national_id"]')).getText(), "身分證號碼");
    assert.match(await (await browser.$(".summary")).getText(), /你出現在 \d+ 起洩露中/);
    await screenshot(browser, "results-zh-TW");
    await switchLanguage(browser, "zh-CN");
  });

  it("lists the packs with their protection and the cost of guessing", async () => {
    await (await browser.$('nav button[data-page="packs"]')).click();
    const pack = await browser.$("[data-pack]");
    await pack.waitForDisplayed({ timeout: 10_000 });
    assert.match(await pack.getText(), /弱保护|weak protection/);
    const measure = await pack.$("button");
    await measure.click();
    await (await browser.$(".costs")).waitForExist({ timeout: 30_000 });
    await screenshot(browser, "packs-zh-CN");
    await switchLanguage(browser, "en");
    assert.match(await (await browser.$(".costs")).getText(), /trying every Chinese mobile number/);
    // The honest limit twice: on this computer, and on a rented graphics card, with its source.
    assert.match(await (await browser.$(".costs")).getText(), /renting graphics cards/);
    assert.match(await (await browser.$(".costs")).getText(), /hashcat\/pull\/4284/);
    // Packs are added where they lie, never copied: the page says so beside the add buttons.
    assert.match(await (await browser.$(".packs .in-place")).getText(), /never copied/);
    await screenshot(browser, "packs-en");
    await assertAccessibleInEveryLanguage(browser, "packs with costs");
  });

  it("says what happens to what is typed", async () => {
    await (await browser.$('nav button[data-page="about"]')).click();
    await (await browser.$("#page-about h2")).waitForDisplayed({ timeout: 10_000 });
    assert.equal(await browser.getTitle(), "Privacy – Exposure");
    await assertAccessibleInEveryLanguage(browser, "privacy");
  });

  it("wipes everything typed and shown with one button", async () => {
    await (await browser.$('nav button[data-page="check"]')).click();
    await switchLanguage(browser, "zh-CN");
    await screenshot(browser, "check-zh-CN");
    await switchLanguage(browser, "en");
    const clear = await browser.$("form .actions button.secondary");
    await clear.click();
    assert.equal(await (await browser.$('input[name="phone"]')).getValue(), "");
    assert.equal(await browser.execute(() => document.querySelector("#results").childElementCount), 0);
  });

  it("says what a miss does not mean", async () => {
    await typeInto(browser, "phone", "139 0013 9000");
    await (await browser.$("form button[type=submit]")).click();
    await (await browser.$(".summary.none")).waitForExist({ timeout: 60_000 });
    await assertAccessibleInEveryLanguage(browser, "results not found");
    await (await browser.$("form .actions button.secondary")).click();
  });
});

describe("someone who types their name in Traditional characters", () => {
  let browser;
  before(async () => {
    browser = await session();
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("finds the record a leak holds in Simplified and says which form matched", async () => {
    await typeInto(browser, "name", TRADITIONAL_NAME);
    await typeInto(browser, "dob", PERSON.dob);
    await (await browser.$("form button[type=submit]")).click();
    const simplified = await browser.$(".matched-simplified");
    await simplified.waitForExist({ timeout: 60_000 });
    assert.match(await simplified.getText(), /Simplified characters/);
    assert.ok(await (await browser.$('[data-matched~="name_dob"]')).isExisting());
    await assertAccessibleInEveryLanguage(browser, "a Traditional name found in Simplified");
  });
});

describe("a daughter checking her parents", () => {
  let browser;
  before(async () => {
    browser = await session(["--lang", "en"]);
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("prints a sheet of what to do that holds nothing typed, not even the label, and reads well printed", async () => {
    await typeInto(browser, "phone", PERSON.phone);
    await typeInto(browser, "national_id", PERSON.nationalId);
    await typeInto(browser, "name", PERSON.name);
    await typeInto(browser, "dob", PERSON.dob);
    await (await browser.$("form button[type=submit]")).click();
    await (await browser.$('[data-breach="demo-police-2022"]')).waitForExist({ timeout: 60_000 });
    await (await browser.$("#person-label")).setValue(LABELS[0]);
    assert.ok(await (await browser.$(".next-steps button.secondary")).isDisplayed(), "Print what to do");
    const sheet = await allText(browser, "[data-sheet]");
    assert.match(sheet, /What to do after a data leak/);
    assert.match(sheet, /Date of the leak: \d{4}-\d{2}-\d{2}/);
    assert.match(sheet, /cannot be changed/);
    const html = await browser.execute(() => document.querySelector("[data-sheet]").outerHTML);
    // Not even masked: no run of the typed digits, and no label.
    for (const typed of [...CANARIES, "138", "8000", "1230", "张", PERSON.phone]) {
      assert.ok(!html.includes(typed), `${typed} on the sheet`);
    }
    // The language switch is not printed: each language is chosen on screen, then printed.
    for (const lang of LANGS) {
      await switchLanguage(browser, lang);
      await emulatePrint(browser, true);
      assert.ok(await (await browser.$("[data-sheet]")).isDisplayed());
      assert.ok(!(await (await browser.$("form")).isDisplayed()), "the form is not printed");
      if (lang === "zh-TW") assert.match(await (await browser.$("[data-sheet] h1")).getText(), /資料洩露後該怎麼做/);
      const heightMm = await browser.execute(
        () => (document.querySelector("[data-sheet]").getBoundingClientRect().height * 25.4) / 96,
      );
      SHEET_HEIGHTS.push(`${lang}: ${heightMm.toFixed(0)} mm of ${A4_MM.height}`);
      assert.ok(heightMm <= A4_MM.height, `${lang}: the sheet is ${heightMm} mm tall, more than one A4 page`);
      if (lang !== "zh-CN") {
        await browser.execute(() => window.scrollTo(0, 0));
        await screenshot(browser, `sheet-${lang}`);
      }
      await assertAccessible(browser, "printed sheet");
      await emulatePrint(browser, false);
    }
    await switchLanguage(browser, "en");
  });

  it("checks two people in a row by keyboard, each answer kept collapsed under its label, then wipes them", async () => {
    // The first answer is on screen with its label typed: "Check another person" is one Tab away.
    await (await browser.$("#person-label")).click();
    await pressUntil(browser, "Tab", () => document.activeElement?.textContent === "Check another person");
    await browser.keys("Enter");
    assert.equal(await browser.execute(() => document.activeElement?.getAttribute("name")), "phone");
    assert.match(await announced(browser, "check-status"), /kept below under “Auntie Mei”/);
    for (const key of [..."139 0013 9000", "Enter"]) await browser.keys(key);
    await browser.waitUntil(async () => /Not found/.test(await announced(browser, "check-status")), {
      timeout: 60_000,
      timeoutMsg: "the second answer was not announced",
    });
    await pressUntil(browser, "Tab", () => document.activeElement?.id === "person-label");
    for (const key of LABELS[1]) await browser.keys(key);
    await browser.keys("Enter");
    const people = await browser.execute(() =>
      [...document.querySelectorAll(".people details")].map((d) => ({
        open: d.open,
        summary: d.querySelector("summary").textContent,
      })),
    );
    assert.deepEqual(
      people.map((p) => p.open),
      [false, false],
    );
    assert.match(people[0].summary, /^Auntie Mei You were found in \d+ leaks?\.$/);
    assert.match(people[1].summary, /^Uncle Bo Not found/);
    const earlier = await allText(browser, ".people");
    for (const typed of CANARIES.filter((c) => !LABELS.includes(c))) {
      assert.ok(!earlier.includes(typed), `${typed} in the earlier answers`);
    }
    // Enter in the label field kept the answer and submitted nothing.
    assert.equal(await allText(browser, ".form-error"), "");
    await browser.execute(() => document.querySelector(".people").scrollIntoView());
    await screenshot(browser, "people-en");
    // A summary opens by keyboard.
    await pressUntil(browser, "Tab", () => document.activeElement?.closest("[data-person='1']") !== null);
    await browser.keys("Enter");
    assert.ok(await browser.execute(() => document.querySelector("[data-person='1']").open));
    await assertAccessibleInEveryLanguage(browser, "two people");
    await (await browser.$("form .actions button.secondary")).click();
    assert.equal(await browser.execute(() => document.querySelector(".people").childElementCount), 0);
    const page = await allText(browser, "body");
    for (const label of LABELS) assert.ok(!page.includes(label), `${label} after Clear everything`);
  });
});

describe("someone using only the keyboard", () => {
  let browser;
  before(async () => {
    browser = await session(["--lang", "en"]);
  });
  after(async () => {
    await browser?.deleteSession();
  });

  it("tabs to a field, types, presses Enter, hears the outcome and lands on the results", async () => {
    await (await browser.$('input[name="phone"]')).waitForExist({ timeout: 20_000 });
    await pressUntil(browser, "Tab", () => document.activeElement?.getAttribute("name") === "phone");
    // One key at a time: `keys` holds every key of a sequence down together.
    for (const key of [...PERSON.phone, "Enter"]) await browser.keys(key);
    await browser.waitUntil(
      async () => /You were found in \d+ leaks?\./.test(await announced(browser, "check-status")),
      { timeout: 60_000, timeoutMsg: "the outcome was not put in the status" },
    );
    assert.equal(await browser.execute(() => document.activeElement?.id), "results-heading");
  });

  it("reaches the Packs page and its costs, announced, with focus kept on what replaced the button", async () => {
    await pressUntil(browser, ["Shift", "Tab"], () => document.activeElement?.dataset.page === "packs");
    await browser.keys("Enter");
    assert.equal(await browser.execute(() => document.activeElement?.textContent), "Loaded packs");
    assert.equal(await browser.getTitle(), "Packs – Exposure");
    await browser.keys("Tab");
    assert.equal(await browser.execute(() => document.activeElement?.textContent), "What would guessing cost?");
    await browser.keys("Enter");
    await browser.waitUntil(
      async () => (await browser.execute(() => document.activeElement?.closest(".costs") !== null)),
      { timeout: 60_000, timeoutMsg: "focus did not land on the costs" },
    );
    assert.match(await announced(browser, "packs-status"), /cost of guessing is shown/);
  });

  it("removes a pack only when asked twice, then says nothing can be checked", async () => {
    await pressUntil(browser, "Tab", () => document.activeElement?.textContent === "Remove");
    await browser.keys("Enter");
    assert.equal(await browser.execute(() => document.activeElement?.textContent), "Keep it");
    await browser.keys("Tab");
    await browser.keys("Enter");
    await (await browser.$(".packs .warning")).waitForExist({ timeout: 10_000 });
    assert.equal(await browser.execute(() => document.activeElement?.textContent), "Loaded packs");
    await assertAccessibleInEveryLanguage(browser, "no pack loaded");
    await (await browser.$('nav button[data-page="check"]')).click();
    await typeInto(browser, "phone", "139 0013 9000");
    await (await browser.$("form button[type=submit]")).click();
    await (await browser.$(".summary.no-pack")).waitForExist({ timeout: 60_000 });
    assert.ok(!(await (await browser.$(".summary.none")).isExisting()), "a false 'not found'");
    await assertAccessibleInEveryLanguage(browser, "check with no pack");
  });
});

describe("a kiosk", () => {
  it("wipes everything after its idle timeout and shows a fresh page", async () => {
    const browser = await session(["--kiosk", "--idle-timeout", "8", "--lang", "zh-CN"]);
    try {
      const first = await browser.getWindowHandles();
      await typeInto(browser, "phone", PERSON.phone);
      await (await browser.$("form button[type=submit]")).click();
      await (await browser.$("[data-breach]")).waitForExist({ timeout: 60_000 });
      assert.ok(await browser.execute(() => document.body.classList.contains("kiosk")));
      await screenshot(browser, "kiosk-zh-CN");
      // Idle: no key, no pointer. The page wipes itself and the app replaces the webview.
      await browser.waitUntil(
        async () => {
          const handles = await browser.getWindowHandles();
          const fresh = handles.find((h) => !first.includes(h));
          if (!fresh) return false;
          await browser.switchToWindow(fresh);
          const page = await browser.execute(() => ({
            phone: document.querySelector('input[name="phone"]')?.value,
            findings: document.querySelectorAll("[data-breach]").length,
          }));
          return page.phone === "" && page.findings === 0;
        },
        { timeout: 30_000, interval: 500, timeoutMsg: "the kiosk did not wipe itself" },
      );
      assert.ok(!(await browser.getWindowHandles()).includes(first[0]), "the old webview is gone");
    } finally {
      await browser.deleteSession().catch(() => {});
    }
  });
});

describe("a kiosk's warning", () => {
  it("warns before the wipe, and Keep going keeps what is on the screen", async () => {
    // 40 seconds: the warning comes 20 seconds before the wipe, time enough to read and test it.
    const browser = await session(["--kiosk", "--idle-timeout", "40", "--lang", "en"]);
    try {
      await typeInto(browser, "phone", PERSON.phone);
      // A kiosk adds no pack, so it says nothing of where added packs lie.
      assert.ok(!(await (await browser.$(".packs .in-place")).isExisting()));
      await assertAccessibleInEveryLanguage(browser, "kiosk");
      await switchLanguage(browser, "zh-TW");
      const warning = await browser.$(".idle-warning");
      await warning.waitForDisplayed({ timeout: 40_000 });
      assert.match(await (await browser.$("#idle-warning-text")).getText(), /清除/);
      await screenshot(browser, "kiosk-warning-zh-TW");
      await assertAccessible(browser, "kiosk warning");
      await (await warning.$("button")).click();
      await warning.waitForDisplayed({ reverse: true, timeout: 5_000 });
      assert.equal(await (await browser.$('input[name="phone"]')).getValue(), PERSON.phone);
    } finally {
      await browser.deleteSession().catch(() => {});
    }
  });
});

describe("afterwards", () => {
  it("nothing typed is in any file under the app's home, data, cache or config folders", async () => {
    // The webview deletes and writes storage files as it shuts down: a scan beside it reads a
    // file that has just gone, or misses one about to be written.
    await everythingStopped();
    const files = walk(HOME);
    // An empty HOME would pass for nothing: the webview keeps its cache and storage there.
    assert.ok(files.length > 0, `no file under ${HOME}: the app did not run with this HOME`);
    for (const file of files) {
      const bytes = readFileSync(file);
      for (const canary of CANARIES) {
        assert.ok(!bytes.includes(Buffer.from(canary)), `${canary} found in ${file}`);
        assert.ok(!bytes.includes(Buffer.from(canary, "utf16le")), `${canary} (UTF-16) found in ${file}`);
      }
    }
  });
});
