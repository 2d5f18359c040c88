import { shownDay } from "./days";
import { asPerson, expect, expectAccessible, gotoHydrated, openSarasLog, person, test } from "./fixtures";

test.describe("closing when help is no longer needed", () => {
  test("the holder gives notice at his desk; Sara objects on her phone and the log goes on", async ({
    page,
    browser,
  }, info) => {
    test.skip(info.project.name !== "desktop", "the holder works at a desk; Sara gets a phone below");
    const reason = "Sara trives, og tiltakene i matte virker. Skolen følger opp videre.";
    // Anders, who holds Sara's log, tells the family the log may close.
    await asPerson(page, "Anders Moen");
    await gotoHydrated(page, "/me");
    await openSarasLog(page);
    const consents = `${new URL(page.url()).pathname}/consents`;
    await gotoHydrated(page, consents);
    await page.getByText("Varsle om at loggen avsluttes").click();
    await page.getByLabel("Hvorfor trengs ikke samordnet hjelp lenger?").fill(reason);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Varsle familien" }).click();
    await expect(page.getByText(`Loggen kan avsluttes fra ${shownDay(14)} hvis ingen som bestemmer, protesterer.`)).toBeVisible();
    await expect(page.getByRole("button", { name: "Avslutt loggen" })).toHaveCount(0);

    // Sara (16) decides on closing herself: she reads why, and objects.
    const sara = await person(browser, "Pixel 7");
    await asPerson(sara, "Sara Lie");
    await gotoHydrated(sara, consents);
    await expect(sara.getByText(`Anders Moen varslet ${shownDay(0)} at samordnet hjelp ikke lenger trengs`)).toBeVisible();
    await expect(sara.getByText(reason)).toBeVisible();
    await sara.getByLabel("Hvorfor trenger dere fortsatt hjelp? (valgfritt)").fill("Jeg vil ha hjelpen til eksamen er ferdig.");
    await expectAccessible(sara);
    await sara.getByRole("button", { name: "Protester: vi trenger fortsatt hjelp" }).click();
    await expect(sara.getByRole("status").filter({ hasText: "Sara Lie protesterte" })).toBeVisible();
    await expect(sara.getByRole("button", { name: "Protester: vi trenger fortsatt hjelp" })).toHaveCount(0);
    await sara.context().close();

    // Anders sees the objection and why; he may give notice again later, not close now.
    await page.reload();
    await expect(page.getByRole("status").filter({ hasText: `Sara Lie protesterte ${shownDay(0)}. Loggen fortsetter.` })).toBeVisible();
    await expect(page.getByText("Jeg vil ha hjelpen til eksamen er ferdig.")).toBeVisible();
    await expect(page.getByText("Varsle om at loggen avsluttes")).toBeVisible();
    await expect(page.getByRole("button", { name: "Avslutt loggen" })).toHaveCount(0);
  });
});
