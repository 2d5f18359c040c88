import AxeBuilder from "@axe-core/playwright";
import { test as base, devices, expect, type Browser, type Page } from "@playwright/test";

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
        // else saved first) is an answer the page shows, and the test checks what it shows; a
        // 5xx never is.
        const isShownRefusal =
          /the server responded with a status of 4(00|01|03|04|09)/.test(message.text()) &&
          new URL(message.location().url).pathname.startsWith("/api/");
        // A dropped connection is what some tests simulate (route.abort) to see that nothing
        // typed is lost.
        const isSimulatedDrop =
          message.text().includes("net::ERR_FAILED") && new URL(message.location().url).pathname.startsWith("/api/");
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
  await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
  return response;
}

/**
 * Fails on any WCAG 2.1 A/AA violation axe finds on the page as it is now, and on any
 * colour contrast axe could not decide: it leaves a pair it cannot measure (text over an
 * image or a gradient, a colour it cannot resolve, an element under another) "incomplete",
 * and an unreadable button once hid there.
 */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
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
  const context = await browser.newContext({
    ...devices[device],
    baseURL: process.env.STAFETT_BASE_URL ?? "http://127.0.0.1:3000",
  });
  const page = await context.newPage();
  page.on("pageerror", (error) => {
    throw error;
  });
  return page;
}

/** From the person's own page to Sara's log (the demo's open log). */
export async function openSarasLog(page: Page) {
  const card = page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" });
  await card.getByRole("link", { name: "Åpne loggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stafettlogg for Sara Lie" })).toBeVisible();
}
