import { type Page } from "@playwright/test";
import { asPerson, expect, gotoHydrated, test } from "./fixtures";

/**
 * The look of the main pages, compared with the pictures committed beside this file
 * (visual.spec.ts-snapshots/), so a change that breaks the look fails the test command. These
 * run before every other test (playwright.config.ts), on the demo data as seeded; moments
 * depend on when the demo was seeded, so each `<time>` is masked. After a change to the look
 * made on purpose, `./scripts/test --update-screenshots` takes new pictures: look at them
 * before committing them.
 */
async function expectLook(page: Page, name: string) {
  // The typeface is the app's own (public/fonts), loaded with `font-display: swap`.
  await page.evaluate(() => document.fonts.ready);
  await expect(page).toHaveScreenshot(`${name}.png`, {
    fullPage: true,
    mask: [page.locator("time")],
    animations: "disabled",
    caret: "hide",
  });
}

test("the family's pages on a phone: the directory, Sara's page, her log and its consents", async ({ page }, info) => {
  test.skip(info.project.name !== "look-phone", "the family's pages are looked at on a phone");
  await gotoHydrated(page, "/");
  await expectLook(page, "directory");
  await asPerson(page, "Sara Lie");
  await gotoHydrated(page, "/me");
  // The device's push setting is known once the browser has asked (push_notices.rs).
  await expect(page.getByText("Varsler er av for denne enheten.")).toBeVisible();
  await expectLook(page, "my-page");
  await page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" }).getByRole("link", { name: "Åpne loggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stafettlogg for Sara Lie" })).toBeVisible();
  const log = new URL(page.url()).pathname;
  await expectLook(page, "log");
  await gotoHydrated(page, `${log}/consents`);
  await expectLook(page, "consents");
});

test("the holder's pages at a desk: the workbench, the log and its plan", async ({ page }, info) => {
  test.skip(info.project.name !== "look-desktop", "the holder's pages are looked at on a desk");
  await gotoHydrated(page, "/");
  await expectLook(page, "directory");
  await asPerson(page, "Anders Moen");
  await gotoHydrated(page, "/me");
  // The device's push setting is known once the browser has asked (push_notices.rs).
  await expect(page.getByText("Varsler er av for denne enheten.")).toBeVisible();
  await expectLook(page, "workbench");
  await page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" }).getByRole("link", { name: "Åpne loggen" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Stafettlogg for Sara Lie" })).toBeVisible();
  const log = new URL(page.url()).pathname;
  await expectLook(page, "log");
  await gotoHydrated(page, `${log}/plan`);
  await expectLook(page, "plan");
});
