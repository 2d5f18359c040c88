import { type Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, gotoHydrated, openSarasLog, person, test } from "./fixtures";

/** Fails unless every control a thumb aims at on the page is at least 44 px high. */
async function expectTouchTargets(page: Page) {
  await page.waitForLoadState("load");
  const targets = page.locator(
    "main :is(button, select, a.button, .tabs a, .need a, .card-links a, .pages a, label.check)",
  );
  const count = await targets.count();
  expect(count).toBeGreaterThan(0);
  for (let i = 0; i < count; i++) {
    const target = targets.nth(i);
    if (!(await target.isVisible())) continue;
    const box = await target.boundingBox();
    const name = (await target.textContent())?.trim();
    expect(box?.height ?? 0, `the height of "${name}"`).toBeGreaterThanOrEqual(44);
  }
}

test.describe("the holder's desk", () => {
  test("shows each log with what waits for the holder, filtered and sorted, beside their own things", async ({
    page,
  }, info) => {
    test.skip(info.project.name !== "desktop", "a holder works at a desk");
    await asPerson(page, "Anders Moen");
    await gotoHydrated(page, "/me");
    await expect(page).toHaveTitle("Min side – Stafett");
    const card = page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" });
    await expect(card.getByText("Du holder")).toBeVisible();

    // Two columns: the logs, and beside them what is about Anders himself.
    const logs = await page.getByRole("region", { name: "Stafettlogger" }).boundingBox();
    const aboutMe = await page.getByRole("complementary", { name: "Om deg" }).boundingBox();
    expect(aboutMe!.x).toBeGreaterThanOrEqual(logs!.x + logs!.width);
    await expect(page.getByRole("complementary", { name: "Om deg" }).getByRole("link", { name: "Fjordvik ungdomsskole" })).toBeVisible();

    // Filtering is a link away, and says which filter is on.
    await page.getByRole("link", { name: /^Jeg holder \(\d+\)$/ }).click();
    await expect(page).toHaveURL(/filter=holding/);
    await expect(page.getByRole("link", { name: /^Jeg holder/ })).toHaveAttribute("aria-current", "page");
    await expect(card).toBeVisible();
    await page.getByRole("link", { name: /^Avsluttet \(\d+\)$/ }).click();
    await expect(page.getByText("Ingen stafettlogger her.")).toBeVisible();
    await expect(card).toHaveCount(0);

    // Sorting keeps the filter, and the choice stays chosen.
    await page.getByRole("link", { name: /^Jeg holder/ }).click();
    await page.getByLabel("Sorter etter").selectOption({ label: "Barnets navn" });
    await page.getByRole("button", { name: "Sorter" }).click();
    await expect(page).toHaveURL(/filter=holding&order=name/);
    await expect(page.getByLabel("Sorter etter")).toHaveValue("name");
    await expect(card).toBeVisible();
    await expectAccessible(page);

    // The log itself: the plan and the next meeting beside the entries.
    await page.getByRole("link", { name: /^Alle/ }).click();
    await openSarasLog(page);
    await expect(page).toHaveTitle("Stafettlogg for Sara Lie – Stafett");
    const entries = await page.getByRole("region", { name: "Logg" }).boundingBox();
    const overview = page.getByRole("complementary", { name: "Oversikt over loggen" });
    await expect(overview.getByRole("heading", { name: "Neste møte" })).toBeVisible();
    await expect(overview.getByRole("heading", { name: "Tiltak" })).toBeVisible();
    expect((await overview.boundingBox())!.x).toBeGreaterThanOrEqual(entries!.x + entries!.width);
    await expectAccessible(page);
  });

  test("the holder of a log waiting for a parent sees the consents missing, and passes the baton on", async ({
    page,
    browser,
  }, info) => {
    test.skip(info.project.name !== "desktop", "holders and leaders work at a desk");
    // Emma's log waits for her father's consent; Marius at the kindergarten holds it.
    await asPerson(page, "Marius Dahl");
    await gotoHydrated(page, "/me");
    const card = page.getByRole("listitem").filter({ hasText: "Stafettlogg for Emma Nilsen" });
    await expect(card.getByText("Venter på samtykke", { exact: true })).toBeVisible();
    await card.getByRole("link", { name: /^\d+ samtykker? mangler$/ }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Samtykker" })).toBeVisible();

    // He offers the baton to his head of kindergarten, with a message, and holds on.
    await page.goto("/me");
    await card.getByRole("link", { name: "Stafettholder og overlevering" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Stafettholder for Emma Nilsen" })).toBeVisible();
    const holderPage = page.url();
    await expect(page.getByRole("listitem").filter({ hasText: "Marius Dahl" }).getByText("Holder nå")).toBeVisible();
    await page.getByLabel("Til", { exact: true }).selectOption({ label: "Solsiden barnehage – Hilde Solberg (Styrer)" });
    await page.getByLabel("Melding (valgfritt)").fill("Jeg går ut i permisjon i januar.");
    await page.getByRole("button", { name: "Tilby stafettpinnen" }).click();
    await expect(page.getByText("Tilbudt Hilde Solberg (Solsiden barnehage). Venter på svar.")).toBeVisible();
    await expectAccessible(page);

    // Hilde finds the offer on her page and first says no, with a reason Marius is told.
    const hilde = await person(browser, "Desktop Chrome");
    await asPerson(hilde, "Hilde Solberg");
    await hilde.goto("/me");
    const offer = hilde.getByRole("listitem").filter({ hasText: "Stafettlogg for Emma Nilsen" });
    await expect(offer.getByText("Jeg går ut i permisjon i januar.")).toBeVisible();
    await expectAccessible(hilde);
    await offer.getByLabel("Hvorfor sier du nei?").fill("Vi må snakke sammen først.");
    await offer.getByRole("button", { name: "Si nei" }).click();
    await expect(hilde.getByRole("heading", { name: "Tilbud om å holde en stafettlogg" })).toHaveCount(0);
    await page.goto(holderPage);
    await expect(page.getByText("Hilde Solberg sa nei: «Vi må snakke sammen først.»")).toBeVisible();

    // After they have talked, he offers again and she takes it: now she holds the log.
    await page.getByLabel("Til", { exact: true }).selectOption({ label: "Solsiden barnehage – Hilde Solberg (Styrer)" });
    await page.getByRole("button", { name: "Tilby stafettpinnen" }).click();
    await expect(page.getByText("Venter på svar.")).toBeVisible();
    await hilde.goto("/me");
    await hilde.getByRole("button", { name: "Ta imot stafettpinnen" }).click();
    const held = hilde.getByRole("listitem").filter({ hasText: "Stafettlogg for Emma Nilsen" });
    await expect(held.getByText("Du holder")).toBeVisible();
    await held.getByRole("link", { name: "Stafettholder og overlevering" }).click();
    await expect(hilde.getByRole("listitem").filter({ hasText: "Hilde Solberg" }).getByText("Holder nå")).toBeVisible();
    await expect(hilde.getByRole("listitem").filter({ hasText: "Marius Dahl" }).getByText(/^Fra .* til /)).toBeVisible();
    await hilde.context().close();
  });
});

test.describe("the unit leader", () => {
  test("finds the logs held in the unit and where to appoint a holder", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "a leader works at a desk");
    // Siri leads the lower secondary school, where Anders holds Sara's log.
    await asPerson(page, "Siri Lunde");
    await gotoHydrated(page, "/me");
    await page.getByRole("link", { name: "Stafettlogger i enheten" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Stafettlogger i enheten" })).toBeVisible();
    const row = page.getByRole("row").filter({ hasText: "Sara Lie" });
    await expect(row.getByRole("cell", { name: "Anders Moen" })).toBeVisible();
    await expect(row.getByRole("cell", { name: "I dag" })).toBeVisible();
    await expect(page.getByText("Anne Lie")).toHaveCount(0);
    // Sara's log waited a week for its consent; the chart says so, and its table in numbers.
    const waits = page.getByRole("figure").filter({ has: page.getByRole("heading", { name: "Tid fra forespørsel til samtykke" }) });
    await expect(waits.getByRole("img", { name: "Tid fra forespørsel til samtykke" })).toBeVisible();
    await expect(waits.getByText("1 logg har fått samtykke, 0 venter fortsatt.")).toBeVisible();
    await waits.getByText("Vis tallene som tabell").click();
    await expect(waits.getByRole("row", { name: "0–7 dager 1 0 1" })).toBeVisible();
    await expectAccessible(page);
    await row.getByRole("link", { name: "Sara Lie" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Stafettholder for Sara Lie" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Utnevn en stafettholder" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Gi stafettpinnen videre" })).toHaveCount(0);
    await expectAccessible(page);
  });
});

test.describe("the family's phone", () => {
  test("Sara's own words are marked as hers, and new to the nurse until she has read them", async ({
    page,
    browser,
  }, info) => {
    test.skip(info.project.name !== "phone", "Sara writes on her phone; the nurse gets a desk below");
    const words = `Jeg vil ha prøvene på formiddagen (${Date.now()}).`;
    await asPerson(page, "Sara Lie");
    await gotoHydrated(page, "/me");
    await expectTouchTargets(page);
    await openSarasLog(page);
    await expectTouchTargets(page);
    await page.getByLabel("Skriv et nytt innlegg").fill(words);
    await page.getByLabel("Barnets stemme").check();
    await page.getByRole("button", { name: "Lagre innlegget" }).click();
    const mine = page.getByRole("listitem").filter({ hasText: words });
    await expect(mine.getByText("Barnets stemme")).toBeVisible();
    await expect(mine.getByText("i dag kl.")).toBeVisible();
    await expect(mine.getByText("Nytt", { exact: true })).toHaveCount(0);
    await expectAccessible(page);

    // Ida, the nurse, is told on her page that there is something new, and sees which.
    const ida = await person(browser, "Desktop Chrome");
    await asPerson(ida, "Ida Brekke");
    await ida.goto("/me");
    const card = ida.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" });
    await card.getByRole("link", { name: /^(1 nytt innlegg|\d+ nye innlegg)$/ }).click();
    const entry = ida.getByRole("listitem").filter({ hasText: words });
    await expect(entry.getByText("Nytt", { exact: true })).toBeVisible();
    await expect(entry.getByText("Barnets stemme")).toBeVisible();
    await ida.reload();
    await expect(ida.getByRole("listitem").filter({ hasText: words }).getByText("Nytt", { exact: true })).toHaveCount(0);
    await ida.context().close();
  });

  test("a service the holder brings in sees nothing until Sara consents on her phone", async ({ page, browser }, info) => {
    test.skip(info.project.name !== "phone", "Sara decides on her phone; the holder and PPT get desks");
    // Anders, at his desk, brings in PPT.
    const anders = await person(browser, "Desktop Chrome");
    await asPerson(anders, "Anders Moen");
    await anders.goto("/me");
    await openSarasLog(anders);
    const logUrl = anders.url();
    await anders.getByRole("link", { name: "Deltakere, ansvar og hvem som har gått ut" }).click();
    await anders.getByLabel("Hvem skal med").selectOption({ label: "PPT Fjordvik – Maja Eide (PP-rådgiver)" });
    await anders.getByLabel("Ansvar i samarbeidet (valgfritt)").fill("Utredning av lesing og skriving");
    await anders.getByRole("button", { name: "Foreslå" }).click();
    await expect(anders.getByText("Utredning av lesing og skriving")).toBeVisible();
    await anders.context().close();

    // Maja, at PPT, sees nothing of it yet.
    const maja = await person(browser, "Desktop Chrome");
    await asPerson(maja, "Maja Eide");
    await maja.goto(logUrl);
    await expect(maja.getByRole("heading", { level: 1, name: "Ingen tilgang" })).toBeVisible();
    await expect(maja.getByText("Det hjelper å sitte ved vinduet")).toHaveCount(0);

    // Sara is asked on her phone, reads the exact text, and consents.
    await asPerson(page, "Sara Lie");
    await gotoHydrated(page, "/me");
    await page.getByRole("listitem").filter({ hasText: "Stafettlogg for Sara Lie" }).getByRole("link", { name: "Venter på ditt samtykke" }).click();
    const ppt = page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: /PPT Fjordvik$/ }) });
    await expect(ppt.locator("blockquote")).toContainText("Jeg samtykker til at en ny tjeneste blir med i samarbeidet for Sara Lie (PPT Fjordvik).");
    await expectAccessible(page);
    await ppt.getByRole("button", { name: "Jeg samtykker" }).click();
    await expect(ppt.getByText("Gjelder nå")).toBeVisible();

    // Now Maja reads the log.
    await maja.reload();
    await expect(maja.getByRole("heading", { level: 1, name: "Stafettlogg for Sara Lie" })).toBeVisible();
    await maja.context().close();
  });
});
