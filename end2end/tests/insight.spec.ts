import { asPerson, expect, expectAccessible, gotoHydrated, openSarasLog, person, test } from "./fixtures";

test.describe("who has been in the log", () => {
  test("Sara sees on her phone that the nurse read her log, and when", async ({ page, browser }, info) => {
    test.skip(info.project.name !== "phone", "Sara looks on her phone; the nurse reads at a desk");
    // Ida Brekke, who takes part for the health station, reads Sara's log.
    const ida = await person(browser, "Desktop Chrome");
    await asPerson(ida, "Ida Brekke");
    await gotoHydrated(ida, "/me");
    await openSarasLog(ida);
    await ida.context().close();

    await asPerson(page, "Sara Lie");
    await gotoHydrated(page, "/me");
    await openSarasLog(page);
    await page.getByRole("link", { name: "Samtykker" }).click();
    await page.getByRole("link", { name: "Hvem har vært i loggen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hvem har vært i loggen til Sara Lie" })).toBeVisible();
    const read = page
      .getByRole("listitem")
      .filter({ hasText: "Ida Brekke (Helsestasjon for barn og unge) leste loggen" })
      .first();
    await expect(read).toBeVisible();
    await expect(read.getByText(/^i dag kl\. \d\d\.\d\d$/)).toBeVisible();
    await expectAccessible(page);
  });
});
