import { type Page } from "@playwright/test";
import { askForLog, asPerson, expect, expectAccessible, gotoHydrated, person, test } from "./fixtures";
import { putFamily, yearsAgo } from "./register";
import { shownDay } from "./days";

/** The card of one decision on the consents page, by its heading. */
function decision(page: Page, heading: string | RegExp) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: heading }) });
}

/** Reloads `page` until `check` passes: the archive and the deletion run in the background. */
async function eventually(page: Page, check: () => Promise<void>) {
  await expect(async () => {
    await page.reload();
    await check();
  }).toPass({ timeout: 30_000 });
}

test.describe("the end of a log on the family's phone", () => {
  test("a mother sees who has read her child's log, asks for deletion, and the log leaves every list", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "phone", "the mother uses her phone; the holder and the service get desks");
    test.setTimeout(120_000);
    const family = await putFamily(request, {
      surname: "Vik",
      serial: 730,
      child: { given: "Oda", born: yearsAgo(12), home: "vik" },
      parents: [{ given: "Hanne", role: "mor", born: new Date(1985, 4, 17), home: "vik" }],
      responsible: ["Hanne"],
    });

    // Nora Strand at the school asks for a log for Oda, with PPT.
    const holder = await person(browser, "Desktop Chrome");
    await asPerson(holder, "Nora Strand");
    const consents = await askForLog(holder, family.Oda, "Oda Vik, 12 år");

    // The mother consents on her phone; PPT's adviser reads the log.
    await asPerson(page, family.Hanne);
    await gotoHydrated(page, consents);
    for (const heading of ["At stafettloggen opprettes", /Fjordvik barneskole$/, /PPT Fjordvik$/]) {
      await decision(page, heading).getByRole("button", { name: "Jeg samtykker" }).click();
      await expect(decision(page, heading).getByText("Gjelder nå")).toBeVisible();
    }
    const adviser = await person(browser, "Desktop Chrome");
    await asPerson(adviser, "Maja Eide");
    await adviser.goto("/me");
    const card = adviser.getByRole("listitem").filter({ hasText: "Stafettlogg for Oda Vik" });
    await card.getByRole("link", { name: "Åpne loggen" }).click();
    await expect(adviser.getByRole("heading", { level: 1, name: "Stafettlogg for Oda Vik" })).toBeVisible();

    // She sees that the adviser has read it.
    await page.reload();
    await page.getByRole("link", { name: "Hvem har vært i loggen" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Hvem har vært i loggen til Oda Vik" })).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Maja Eide (PPT Fjordvik) leste loggen" }).first()).toBeVisible();
    await expectAccessible(page);

    // She takes out a copy of everything in the log first.
    await gotoHydrated(page, consents);
    const copy = page.waitForEvent("download");
    await page.getByRole("link", { name: "Last ned alt i loggen (PDF)" }).click();
    expect((await copy).suggestedFilename()).toBe("Stafettlogg for Oda Vik.pdf");

    // She reads what deletion means, and asks for it.
    await expect(page.getByRole("heading", { level: 2, name: "Slette opplysningene i loggen" })).toBeVisible();
    await expect(page.getByText("blir liggende der, fordi arkivloven krever det")).toBeVisible();
    await page.getByText("Be om at opplysningene slettes").click();
    await expect(page.locator("blockquote").filter({ hasText: "Oda Vik" }).last()).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Slett opplysningene" }).click();
    await expect(page.getByRole("status").filter({ hasText: `Hanne Vik ba ${shownDay(0)} om at opplysningene i loggen slettes` })).toBeVisible();
    await expect(page.getByRole("button", { name: "Slett opplysningene" })).toHaveCount(0);
    await page.screenshot({ path: info.outputPath("deletion-asked.png"), fullPage: true });

    // Once the archive has its copy, the content is gone: from the mother's list, the
    // holder's and the adviser's.
    for (const reader of [page, holder, adviser]) {
      await reader.goto("/me");
      await eventually(reader, async () => {
        await expect(reader.getByRole("listitem").filter({ hasText: "Stafettlogg for Oda Vik" })).toHaveCount(0, {
          timeout: 1_000,
        });
      });
    }
    await page.goto(consents);
    await expect(page.getByText("Slett opplysningene")).toHaveCount(0);
    await holder.context().close();
    await adviser.context().close();
  });
});
