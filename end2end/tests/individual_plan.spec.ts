import { type Page } from "@playwright/test";
import { askForLog, asPerson, expect, expectAccessible, gotoHydrated, person, test } from "./fixtures";
import { putFamily, yearsAgo } from "./register";
import { shownDay } from "./days";

/** The card of one decision on the consents page, by its heading. */
function decision(page: Page, heading: string | RegExp) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: heading }) });
}

test.describe("transfer to an Individual Plan", () => {
  test("the holder proposes it at his desk, the father consents on his phone, and the log is transferred", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "desktop", "the holder works at a desk; the father gets a phone below");
    test.setTimeout(90_000);
    const family = await putFamily(request, {
      surname: "Lund",
      serial: 740,
      child: { given: "Sander", born: yearsAgo(13), home: "lund" },
      parents: [{ given: "Tor", role: "far", born: new Date(1980, 1, 8), home: "lund" }],
      responsible: ["Tor"],
    });

    // Nora Strand asks for a log for Sander; his father consents to it.
    await asPerson(page, "Nora Strand");
    const consents = await askForLog(page, family.Sander, "Sander Lund, 13 år");
    const father = await person(browser, "Pixel 7");
    await asPerson(father, family.Tor);
    await gotoHydrated(father, consents);
    await decision(father, "At stafettloggen opprettes").getByRole("button", { name: "Jeg samtykker" }).click();
    await expect(decision(father, "At stafettloggen opprettes").getByText("Gjelder nå")).toBeVisible();

    // Sander needs long-term coordinated services: Nora proposes an Individual Plan.
    await gotoHydrated(page, consents);
    await expect(page.getByRole("heading", { level: 2, name: "Individuell plan" })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Foreslå individuell plan" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Nora Strand foreslo ${shownDay(0)} å overføre loggen til individuell plan` })).toBeVisible();
    await page.screenshot({ path: info.outputPath("holder-proposed.png"), fullPage: true });

    // The father finds the consent waiting for him, reads it, and consents.
    await father.reload();
    const transfer = decision(father, "Overføring til individuell plan");
    await expect(transfer.locator("blockquote")).toContainText("overføring til individuell plan for Sander Lund");
    await expectAccessible(father);
    await transfer.getByRole("button", { name: "Jeg samtykker" }).click();
    const transferred = `Loggen ble overført til individuell plan ${shownDay(0)}.`;
    await expect(async () => {
      await father.reload();
      await expect(father.getByRole("status").filter({ hasText: transferred })).toBeVisible({ timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
    await father.context().close();

    // The holder sees the transfer; the log is closed.
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: transferred })).toBeVisible();
    await expect(page.getByRole("button", { name: "Foreslå individuell plan" })).toHaveCount(0);
  });
});
