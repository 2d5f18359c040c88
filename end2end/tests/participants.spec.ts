import { asPerson, expect, expectAccessible, gotoHydrated, openSarasLog, test } from "./fixtures";

test.describe("the parts staff take in a log", () => {
  test("the nurse keeps her responsibility up to date, and sees who takes part since when", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "staff work at a desk");
    await asPerson(page, "Ida Brekke");
    await gotoHydrated(page, "/me");
    await openSarasLog(page);
    await page.getByRole("link", { name: "Deltakere, ansvar og hvem som har gått ut" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Deltakere i stafettloggen for Sara Lie" })).toBeVisible();
    const mine = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Ida Brekke" }) });
    await expect(mine.getByText(/^Med siden \d+\. \w+ \d{4}$/)).toBeVisible();
    await expect(page.getByText("Ingen har gått ut.")).toBeVisible();
    await mine.getByText("Endre ansvaret ditt og hvordan du nås").click();
    await mine.getByLabel("Telefon i denne saken (valgfritt)").fill("12");
    await mine.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("alert")).toContainText("telefonnummer");
    await mine.getByText("Endre ansvaret ditt og hvordan du nås").click();
    await mine.getByLabel("Hva du har ansvar for (valgfritt)").fill("Samtaler med Sara hver uke");
    await mine.getByLabel("Telefon i denne saken (valgfritt)").fill("+47 900 11 222");
    await expectAccessible(page);
    await mine.getByRole("button", { name: "Lagre" }).click();
    await expect(mine.locator("p").filter({ hasText: "Samtaler med Sara hver uke" })).toBeVisible();
    await expect(mine.getByRole("link", { name: "+47 900 11 222" })).toBeVisible();
    // Only her own part is hers to change or leave; the holder's tools are not hers.
    await expect(page.getByRole("button", { name: "Gå ut av loggen" })).toHaveCount(1);
    await expect(page.getByRole("button", { name: /^Ta .* ut av loggen$/ })).toHaveCount(0);
  });
});
