import AxeBuilder from "@axe-core/playwright";
import { test as base, devices, expect, type Browser, type Page } from "@playwright/test";
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";

const baseURL = process.env.STAFETT_BASE_URL ?? "http://127.0.0.1:3000";

type Fixtures = {
  /** Fails the test if the page threw or logged an error (a broken WASM, a CSP violation). */
  pageErrors: string[];
};

export const test = base.extend<Fixtures>({
  pageErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(`pageerror: ${error.message}`));
      page.on("console", (message) => {
        // A 404 or 503 of the page itself is what some tests ask for; they check the status.
        const isDocumentStatus =
          message.text().startsWith("Failed to load resource") && message.location().url === page.url();
        // A refusal of a server function (bad input, no longer logged in, no access, someone
        // else saved first) or of a passkey is an answer the page shows, and the test checks
        // what it shows; a 5xx never is.
        const refusedPath = new URL(message.location().url).pathname;
        const isShownRefusal =
          /the server responded with a status of 4(00|01|03|04|09|29)/.test(message.text()) &&
          (refusedPath.startsWith("/api/") || refusedPath.startsWith("/auth/passkey/"));
        // A dropped connection is what some tests simulate (route.abort, or the whole browser
        // offline) to see that nothing typed is lost.
        const isSimulatedDrop =
          /net::ERR_(FAILED|INTERNET_DISCONNECTED)/.test(message.text()) &&
          new URL(message.location().url).pathname.startsWith("/api/");
        if (message.type() === "error" && !isDocumentStatus && !isShownRefusal && !isSimulatedDrop) {
          errors.push(`console at ${message.location().url}: ${message.text()}`);
        }
      });
      await use(errors);
      expect(errors, "errors in the page").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** Opens PATH and waits until the islands have hydrated (a marker set only in the browser). */
export async function gotoHydrated(page: Page, path: string) {
  const response = await page.goto(path);
  await hydrated(page);
  return response;
}

/**
 * Waits until the page's islands have hydrated. A form filled and sent before that is a
 * plain form: its refusal comes back as a new page, which is right for the user but another
 * path than the one a test of the in-place form means to take.
 */
export async function hydrated(page: Page) {
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
}

/**
 * Fails on any WCAG 2.1 A/AA violation axe finds on the page as it is now, and on any
 * colour contrast axe could not decide: it leaves a pair it cannot measure (text over an
 * image or a gradient, a colour it cannot resolve, an element under another) "incomplete",
 * and an unreadable button once hid there. The labels drawn inside a chart (an SVG image
 * with its numbers in a table beside it) are left out: axe cannot tell what is behind SVG
 * text; their colour pair is one of the tokens' pairs contrast.spec.ts checks.
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .exclude(".chart svg text")
    .analyze();
  const undecidedContrast = results.incomplete.filter((result) => result.id === "color-contrast");
  const violations = [...results.violations, ...undecidedContrast].map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help}\n  ${v.nodes
        .map((n) => `${n.target.join(" ")}${n.any[0]?.message ? ` – ${n.any[0].message}` : ""}`)
        .join("\n  ")}`,
  );
  expect(violations, "accessibility violations and undecided contrasts").toEqual([]);
}

/** A second person at another device, in their own browser context. */
export async function person(browser: Browser, device: "Pixel 7" | "Desktop Chrome"): Promise<Page> {
  const context = await browser.newContext({ ...devices[device], baseURL });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

/**
 * Logs the page's browser context in as `who` (a name as the local ID-porten lists it, or a
 * national identity number) without the round trip through ID-porten: the login is written
 * in the app's database as the app's callback writes it (as-person.sql), and its token set as
 * the login cookie. For the tests that are not about logging in; login.spec.ts logs in for real.
 */
export async function asPerson(page: Page, who: string) {
  const database = process.env.STAFETT_E2E_DATABASE_URL;
  if (!database) throw new Error("run through ./scripts/test: the app's database is not set");
  const token = randomBytes(32);
  const { stdout } = await promisify(execFile)("psql", [
    database,
    ...["-v", "ON_ERROR_STOP=1", "-qtA", "-v", `who=${who}`, "-v", `token=${token.toString("hex")}`],
    ...["-f", path.join(__dirname, "as-person.sql")],
  ]);
  if (stdout.trim() === "") throw new Error(`nobody who may log in is ${who}`);
  // The app drops `Secure` and the `__Host-` prefix on plain-http loopback only.
  const secure = new URL(baseURL).protocol === "https:";
  await page.context().addCookies([
    {
      name: secure ? "__Host-stafett_login" : "stafett_login",
      value: token.toString("base64url"),
      url: baseURL,
      httpOnly: true,
      sameSite: "Lax",
      secure,
    },
  ]);
}

/** From the person's own page to Sara's log (the demo's open log). */
export async function openSarasLog(page: Page) {
  const card = page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" });
  await card.getByRole("link", { name: "Åpne loggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stafettlogg for Sara Lie" })).toBeVisible();
  // A streamed page shows its heading before its stylesheet may have applied.
  await page.waitForLoadState("load");
}

/**
 * As a holder at the school: asks for a new log for the child with this national identity
 * number, with PPT's adviser, once the register's answer shows `shown` as its heading.
 * Returns the path of the log's consents page, where the holder lands.
 */
export async function askForLog(holder: Page, number: string, shown: string | RegExp): Promise<string> {
  await holder.goto("/me");
  await gotoHydrated(holder, "/logs/new");
  await holder.getByLabel("Barnets fødselsnummer (11 siffer)").fill(number);
  await holder.getByRole("button", { name: "Slå opp i Folkeregisteret" }).click();
  await expect(holder.getByRole("heading", { level: 2, name: shown })).toBeVisible();
  await hydrated(holder);
  await holder.getByLabel("Tjeneste og kontaktperson").selectOption({ label: "PPT Fjordvik – Maja Eide (PP-rådgiver)" });
  await holder.getByRole("button", { name: "Be om samtykke" }).click();
  await expect(holder).toHaveURL(/\/consents$/);
  return new URL(holder.url()).pathname;
}
