import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { chromium, expect, type Browser, type FullConfig, type Page } from "@playwright/test";
import { logInWithIdPorten } from "../tests/idporten";

/**
 * Fetches every page type, signed in and out, as the server sends it, and checks them all in
 * one run of the W3C Nu HTML checker (npm `vnu-jar` on Debian's Java; the JVM's start is most
 * of its time). Runs once before html.spec.ts, which judges each page from the results.
 */

/**
 * What Leptos 0.8 writes that is not valid HTML and is no choice of ours: how vnu reports it
 * (not failed on) and how many a page has (printed).
 */
export const leptosMarkers: {
  name: string;
  matches: (message: VnuMessage) => boolean;
  count: (html: string) => number;
}[] = [
  {
    // The empty comment before and after a dynamic child, where hydration finds it: a bogus
    // comment to the HTML parser.
    name: "<!> hydration marker",
    matches: (m) => m.message === "Bogus comment." && m.extract?.includes("<!>") === true,
    count: (html) => html.split("<!>").length - 1,
  },
  {
    // The stream's bookkeeping (`__RESOLVED_RESOURCES`, `__INCOMPLETE_CHUNKS`, …), sent once
    // the document is written. vnu stops at the first such script ("Cannot recover"), after
    // having checked the whole document; the count is of the scripts in the file.
    name: "script after </html>",
    matches: (m) =>
      m.extract?.includes("</html><script") === true &&
      (m.message === "Stray start tag “script”." || m.message.startsWith("Cannot recover after last error.")),
    count: (html) => html.slice(html.lastIndexOf("</html>")).split("<script").length - 1,
  },
];

export type VnuMessage = {
  type: string;
  subType?: string;
  url?: string;
  message: string;
  extract?: string;
  lastLine?: number;
};

export type Visitor = "signed out" | "holder" | "unit leader" | "family" | "administrator";

type Ids = { unit: string; log: string; meeting: string };

/** Who asks for which page, and the status the page answers with. */
export const pages: { visitor: Visitor; name: string; path: (ids: Ids) => string; status?: number }[] = [
  { visitor: "signed out", name: "front page (directory)", path: () => "/" },
  { visitor: "signed out", name: "a unit", path: (ids) => ids.unit },
  { visitor: "signed out", name: "login", path: () => "/login" },
  { visitor: "signed out", name: "child login", path: () => "/login/child" },
  { visitor: "signed out", name: "logged out", path: () => "/logged-out" },
  { visitor: "signed out", name: "not found", path: () => "/no-such-page", status: 404 },
  { visitor: "holder", name: "front page (directory)", path: () => "/" },
  { visitor: "holder", name: "a unit", path: (ids) => ids.unit },
  { visitor: "holder", name: "/me", path: () => "/me" },
  { visitor: "holder", name: "sessions", path: () => "/sessions" },
  { visitor: "holder", name: "new log", path: () => "/logs/new" },
  { visitor: "holder", name: "log", path: (ids) => ids.log },
  { visitor: "holder", name: "consents", path: (ids) => `${ids.log}/consents` },
  { visitor: "holder", name: "holder and handover", path: (ids) => `${ids.log}/holder` },
  { visitor: "holder", name: "plan", path: (ids) => `${ids.log}/plan` },
  { visitor: "holder", name: "meetings", path: (ids) => `${ids.log}/meetings` },
  { visitor: "holder", name: "a meeting", path: (ids) => ids.meeting },
  { visitor: "holder", name: "not found", path: () => "/no-such-page", status: 404 },
  { visitor: "unit leader", name: "register lookups", path: () => "/lookups" },
  { visitor: "unit leader", name: "logs in the unit", path: () => "/unit-logs" },
  { visitor: "family", name: "/me", path: () => "/me" },
  { visitor: "family", name: "log", path: (ids) => ids.log },
  { visitor: "administrator", name: "administration", path: () => "/admin" },
  { visitor: "administrator", name: "a unit's administration", path: (ids) => `/admin${ids.unit}` },
  { visitor: "administrator", name: "new unit", path: () => "/admin/units/new" },
  { visitor: "administrator", name: "staff import", path: () => "/admin/import" },
];

/**
 * Demo persons: Anders holds Sara's log, Eirik leads a school, Sara is the youth, Berit is the
 * municipality's administrator.
 */
const persons: Record<Exclude<Visitor, "signed out">, string> = {
  holder: "Anders Moen",
  "unit leader": "Eirik Vik",
  family: "Sara Lie",
  administrator: "Berit Holm",
};

export type Checked = {
  file: string;
  errors: VnuMessage[];
  markers: Record<string, number>;
  warnings: number;
};

export const pageKey = (visitor: Visitor, name: string) => `${visitor}: ${name}`;

const folder = path.join(__dirname, "..", "test-results", "html");
export const resultsFile = path.join(folder, "results.json");

export default async function collect(config: FullConfig) {
  const { baseURL, launchOptions } = config.projects[0].use;
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const browser = await chromium.launch(launchOptions);
  try {
    const newPage = () => browser.newPage({ baseURL });
    const ids = await findIds(newPage);
    const files = new Map<string, string>();
    for (const visitor of ["signed out", ...Object.keys(persons)] as Visitor[]) {
      const page = await newPage();
      if (visitor !== "signed out") {
        await page.goto("/me");
        await logInWithIdPorten(page, persons[visitor as keyof typeof persons]);
        await expect(page).toHaveURL(/\/me$/);
      }
      for (const entry of pages.filter((p) => p.visitor === visitor)) {
        const name = pageKey(visitor, entry.name);
        const response = await page.request.get(entry.path(ids));
        if (response.status() !== (entry.status ?? 200)) {
          throw new Error(`${name}: ${entry.path(ids)} answered ${response.status()}`);
        }
        const file = path.join(folder, `${name.replace(/[^a-z0-9]+/gi, "-")}.html`);
        writeFileSync(file, await response.text());
        files.set(name, file);
      }
      await page.context().close();
    }
    const results = judge(files, vnu([...files.values()]));
    writeFileSync(resultsFile, JSON.stringify(results, null, 2));
    printSummary(results);
  } finally {
    await browser.close();
  }
}

function vnu(files: string[]): VnuMessage[] {
  const jar = String(require("vnu-jar"));
  const run = spawnSync("java", ["-jar", jar, "--format", "json", "--stdout", "--exit-zero-always", ...files], {
    encoding: "utf8",
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`vnu failed (${run.status}): ${run.stderr}${run.error ?? ""}`);
  return (JSON.parse(run.stdout) as { messages: VnuMessage[] }).messages;
}

function judge(files: Map<string, string>, messages: VnuMessage[]): Record<string, Checked> {
  const results: Record<string, Checked> = {};
  for (const [name, file] of files) {
    const own = messages.filter((m) => m.url !== undefined && path.resolve(new URL(m.url).pathname) === file);
    const errors = own.filter((m) => m.type !== "info" && !leptosMarkers.some((marker) => marker.matches(m)));
    const html = readFileSync(file, "utf8");
    const markers = Object.fromEntries(leptosMarkers.map((marker) => [marker.name, marker.count(html)]));
    const warnings = own.filter((m) => m.type === "info" && m.subType === "warning").length;
    results[name] = { file, errors, markers, warnings };
  }
  return results;
}

function printSummary(results: Record<string, Checked>) {
  const lines = Object.entries(results).map(([name, c]) => {
    const markers = Object.entries(c.markers)
      .map(([marker, count]) => `${count} × ${marker}`)
      .join(", ");
    return `  ${name}: ${c.errors.length} errors; Leptos markers: ${markers}; ${c.warnings} warnings`;
  });
  console.log(`vnu, per page:\n${lines.join("\n")}`);
}

/** A unit, Sara's log and a meeting in it (the holder calls one, so there is one to check). */
async function findIds(newPage: () => Promise<Page>): Promise<Ids> {
  const page = await newPage();
  await page.goto("/");
  const unit = await hrefOf(page, 'a[href^="/units/"]');
  await page.goto("/me");
  await logInWithIdPorten(page, persons.holder);
  const card = page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" });
  await card.getByRole("link", { name: "Åpne loggen" }).click();
  const log = new URL(page.url()).pathname;
  await page.goto(`${log}/meetings`);
  const tomorrow = new Date(Date.now() + 24 * 3600 * 1000).toISOString().slice(0, 10);
  await page.getByLabel("Dato").fill(tomorrow);
  await page.getByLabel("Klokkeslett").fill("10:00");
  await page.getByLabel("Sted").fill("Møterom 1");
  await page.getByRole("button", { name: "Kall inn" }).click();
  const meeting = await hrefOf(page, `a[href^="${log}/meetings/"]`);
  await page.context().close();
  return { unit, log, meeting };
}

async function hrefOf(page: Page, selector: string): Promise<string> {
  const link = page.locator(selector).first();
  await expect(link).toBeAttached();
  return (await link.getAttribute("href")) ?? "";
}
