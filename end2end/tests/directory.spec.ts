import { expect, expectAccessible, gotoHydrated, hydrated, test } from "./fixtures";

const schools = ["Fjordvik barneskole", "Fjordvik ungdomsskole"];
/** The demo's units. The administrator's spec adds one while these run, so "all" is at least these. */
const DEMO_UNITS = 8;

test.describe("the directory of services and units", () => {
  test("lists every unit with its contact information", async ({ page }) => {
    await gotoHydrated(page, "/");
    await expect(page.getByRole("heading", { level: 1, name: "Tjenester og enheter" })).toBeVisible();
    const units = page.getByRole("list", { name: "Enheter" }).getByRole("listitem");
    const total = await units.count();
    expect(total).toBeGreaterThanOrEqual(DEMO_UNITS);
    const gp = units.filter({ hasText: "Fjordvik legesenter" });
    await expect(gp.getByRole("link", { name: "+47 71 00 01 08" })).toHaveAttribute("href", "tel:+4771000108");
    await expect(gp.getByRole("link", { name: "legesenteret@fjordvik.kommune.no" })).toBeVisible();
    await expect(page.getByRole("status")).toHaveText(`Viser ${total} av ${total} enheter`);
    await expectAccessible(page);
  });

  test("filters by kind at once, without loading the page again", async ({ page }) => {
    await gotoHydrated(page, "/");
    const total = await page.getByRole("list", { name: "Enheter" }).getByRole("listitem").count();
    await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
    await page.getByLabel("Type tjeneste").selectOption({ label: "Skole" });

    await expect(page.getByRole("list", { name: "Enheter" }).getByRole("heading")).toHaveText(schools);
    await expect(page.getByRole("list", { name: "Enheter" }).getByRole("listitem")).toHaveCount(2);
    await expect(page.getByRole("status")).toHaveText(`Viser 2 av ${total} enheter`);
    await expect(page).toHaveURL(/\/\?kind=school$/);
    expect(await page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
    await expectAccessible(page);

    await page.getByLabel("Type tjeneste").selectOption({ label: "Alle" });
    await expect(page.getByRole("list", { name: "Enheter" }).getByRole("listitem")).toHaveCount(total);
    await expect(page).toHaveURL(/\/$/);
  });

  test("opens a unit's own page", async ({ page }) => {
    await gotoHydrated(page, "/?kind=gp");
    await page.getByRole("link", { name: "Fjordvik legesenter" }).click();
    await expect(page).toHaveURL(/\/units\/[0-9a-f-]{36}$/);
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Fjordvik legesenter" })).toBeVisible();
    await expect(page.getByRole("link", { name: "+47 71 00 01 08" })).toBeVisible();
    await expect(page.getByRole("link", { name: "legesenteret@fjordvik.kommune.no" })).toBeVisible();
    await expect(page).toHaveTitle("Fjordvik legesenter – Stafett");
    await expectAccessible(page);
  });

  test("answers an unknown unit or page with 404 and a page that says so", async ({ page }) => {
    for (const path of ["/units/00000000-0000-0000-0000-000000000000", "/no-such-page"]) {
      const response = await gotoHydrated(page, path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { level: 1, name: "Fant ikke siden" })).toBeVisible();
      await expectAccessible(page);
    }
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the filter is a plain form", async ({ page }) => {
    await page.goto("/");
    await page.getByLabel("Type tjeneste").selectOption({ label: "Skole" });
    await page.getByRole("button", { name: "Vis" }).click();
    await expect(page).toHaveURL(/\/\?kind=school$/);
    await expect(page.getByRole("list", { name: "Enheter" }).getByRole("heading")).toHaveText(schools);
  });

  test("a filtered address shows only that kind", async ({ page }) => {
    await page.goto("/?kind=gp");
    await expect(page.getByRole("list", { name: "Enheter" }).getByRole("heading")).toHaveText(["Fjordvik legesenter"]);
    await expect(page.getByLabel("Type tjeneste")).toHaveValue("gp");
  });

  test("the language can be changed", async ({ page }) => {
    await page.goto("/?kind=school");
    await page.getByLabel("Språk").selectOption({ label: "Nynorsk" });
    await page.getByRole("button", { name: "Bytt språk" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Tenester og einingar" })).toBeVisible();
    await expect(page).toHaveURL(/\/\?kind=school$/);
  });
});

test.describe("language", () => {
  test("is chosen by the user and remembered", async ({ page }) => {
    await gotoHydrated(page, "/");
    await page.getByLabel("Språk").selectOption({ label: "English" });
    await page.getByRole("button", { name: "Bytt språk" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Services and units" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("lang", "en");
    await hydrated(page);
    await expectAccessible(page);

    await page.reload();
    await hydrated(page);
    await expect(page.getByRole("heading", { level: 1, name: "Services and units" })).toBeVisible();
    // The island renders in the same language after hydration.
    await page.getByLabel("Kind of service").selectOption({ label: "School" });
    await expect(page.getByRole("status")).toHaveText(/^Showing 2 of \d+ units$/);
  });
});

test.describe("operations", () => {
  test("every page carries the security headers", async ({ request }) => {
    for (const path of ["/", "/no-such-page", "/api/units", "/pkg/stafett.css"]) {
      const response = await request.get(path);
      const headers = response.headers();
      expect(headers["content-security-policy"], path).toContain("frame-ancestors 'none'");
      expect(headers["x-content-type-options"], path).toBe("nosniff");
      expect(headers["referrer-policy"], path).toBe("same-origin");
    }
  });

  test("health answers 200 when the database is up", async ({ request }) => {
    const response = await request.get("/healthz");
    expect(response.status()).toBe(200);
    expect(await response.text()).toBe("ok");
  });

  test("the web app manifest and its icons are served", async ({ request }) => {
    const manifest = await (await request.get("/manifest.webmanifest")).json();
    expect(manifest.lang).toBe("nb");
    for (const icon of manifest.icons) {
      expect((await request.get(icon.src)).status(), icon.src).toBe(200);
    }
  });
});
