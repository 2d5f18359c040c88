import type { Browser, Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, hydrated, openSarasLog, person, test } from "./fixtures";

test("what Sara saves on the bus with no connection is saved by itself when it returns", async ({ page }, info) => {
  test.skip(info.project.name !== "phone", "the family's phone flow");
  const text = "Skrevet i en tunnel, lagret da nettet kom tilbake.";
  await asPerson(page, "Sara Lie");
  await page.goto("/me");
  await openSarasLog(page);
  await hydrated(page);
  await page.context().setOffline(true);
  await page.getByLabel("Skriv et nytt innlegg").fill(text);
  await page.getByRole("button", { name: "Lagre innlegget" }).click();
  await expect(page.getByRole("alert")).toContainText("Teksten din er tatt vare på på denne enheten");
  await page.context().setOffline(false);
  await expect(page.getByRole("listitem").filter({ hasText: text })).toBeVisible();
  await expect(page.getByLabel("Skriv et nytt innlegg")).toHaveValue("");
});

test("what Sara writes on her phone survives a dropped connection and a reload", async ({ page }, info) => {
  test.skip(info.project.name !== "phone", "the family's phone flow");
  const text = "Et utkast som ikke må forsvinne, skrevet på bussen.";
  await asPerson(page, "Sara Lie");
  await page.goto("/me");
  await openSarasLog(page);
  await hydrated(page);
  const entry = page.getByLabel("Skriv et nytt innlegg");

  // The connection drops as she saves: she is told, and the text stays.
  await page.route("**/api/add_entry", (route) => route.abort());
  await entry.fill(text);
  await page.getByRole("button", { name: "Lagre innlegget" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Fikk ikke kontakt med tjenesten. Teksten din er tatt vare på på denne enheten – prøv igjen når du har nett.",
  );
  await expect(entry).toHaveValue(text);

  // Even a reload keeps it, and says so.
  await page.reload();
  await hydrated(page);
  await expect(entry).toHaveValue(text);
  await expect(page.getByRole("alert")).toHaveText("Det du skrev sist, var ikke lagret. Vi har hentet det fram igjen.");
  await expectAccessible(page);

  // Back online, the save goes through and the kept draft is forgotten.
  await page.unroute("**/api/add_entry");
  await page.getByRole("button", { name: "Lagre innlegget" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: text })).toBeVisible();
  await expect(entry).toHaveValue("");
  await page.reload();
  await hydrated(page);
  await expect(entry).toHaveValue("");
  await expect(page.getByRole("alert")).toHaveCount(0);

  // She attaches a photo of her drawing to what she wrote; a text file is refused.
  const mine = page.getByRole("listitem").filter({ hasText: text });
  const file = mine.getByLabel("Legg ved en fil (PDF eller bilde, høyst 10 MB)");
  await file.setInputFiles({ name: "notater.txt", mimeType: "text/plain", buffer: Buffer.from("bare tekst") });
  await mine.getByRole("button", { name: "Legg ved", exact: true }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Filen må være en PDF eller et bilde (PNG, JPEG eller WebP) på høyst 10 MB.",
  );
  const png = Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );
  await file.setInputFiles({ name: "tegning.png", mimeType: "image/png", buffer: png });
  await mine.getByRole("button", { name: "Legg ved", exact: true }).click();
  const link = page.getByRole("link", { name: "tegning.png" });
  await expect(link).toBeVisible();
  const download = await page.request.get((await link.getAttribute("href")) ?? "");
  expect(download.headers()["content-type"]).toBe("image/png");
  expect(Buffer.compare(await download.body(), png)).toBe(0);
  await expectAccessible(page);

  // Logging out leaves nothing she wrote on the device.
  await hydrated(page);
  await entry.fill("Et halvskrevet notat på en lånt telefon.");
  const drafts = () =>
    page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("stafett.draft.")));
  await expect.poll(drafts).toHaveLength(1);
  await page.getByRole("button", { name: "Logg ut" }).click();
  await expect(page).toHaveURL(/\/logged-out$/);
  await hydrated(page);
  await expect.poll(drafts).toEqual([]);
});

/**
 * A parent of Sara's, logged in on the phone, has begun an entry in her log; it is kept on
 * the device. (Each test has a parent of its own: logging out everywhere must not end another
 * test's login.)
 */
async function draftOnPhone(page: Page, parent: string, text: string) {
  await asPerson(page, parent);
  await page.goto("/me");
  await openSarasLog(page);
  await hydrated(page);
  await page.getByLabel("Skriv et nytt innlegg").fill(text);
  await expect.poll(() => drafts(page)).toHaveLength(1);
}

function drafts(page: Page) {
  return page.evaluate(() => Object.keys(localStorage).filter((key) => key.startsWith("stafett.draft.")));
}

/** On a computer, the parent logs out everywhere: the phone's login ends too. */
async function logOutEverywhereFromComputer(browser: Browser, parent: string) {
  const computer = await person(browser, "Desktop Chrome");
  await asPerson(computer, parent);
  await computer.goto("/sessions");
  await computer.getByRole("button", { name: "Logg ut overalt" }).click();
  await expect(computer).toHaveURL(/\/logged-out$/);
  await computer.context().close();
}

test("a save after the login ended elsewhere leaves nothing on the phone", async ({ page, browser }, info) => {
  test.skip(info.project.name !== "phone", "the family's phone flow");
  const text = "Skrevet på telefonen før hun logget ut overalt fra datamaskinen.";
  await draftOnPhone(page, "Anne Lie", text);
  await logOutEverywhereFromComputer(browser, "Anne Lie");

  // The save is refused: she is told, and the text stays in the form to copy, but no longer
  // on the device.
  await page.getByRole("button", { name: "Lagre innlegget" }).click();
  await expect(page.getByRole("alert")).toHaveText(
    "Du er ikke lenger logget inn, så teksten er ikke lagret, og den er fjernet fra denne enheten. Kopier den før du logger inn igjen.",
  );
  await expect(page.getByLabel("Skriv et nytt innlegg")).toHaveValue(text);
  await expect.poll(() => drafts(page)).toEqual([]);
});

test("the first page after the login ended elsewhere forgets the drafts", async ({ page, browser }, info) => {
  test.skip(info.project.name !== "phone", "the family's phone flow");
  await draftOnPhone(page, "Tor Lie", "Et utkast som ikke må bli liggende på telefonen.");
  await logOutEverywhereFromComputer(browser, "Tor Lie");
  // He comes back to the log: he is no longer logged in, and gets the login page.
  await page.reload();
  await expect(page).toHaveURL(/\/login\?return_to=/);
  await hydrated(page);
  await expect.poll(() => drafts(page)).toEqual([]);
});

test("a refused save keeps the text and names the field", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "the holder works at a desk");
  await asPerson(page, "Anders Moen");
  await page.goto("/me");
  await openSarasLog(page);
  await page.getByRole("link", { name: "Møter", exact: true }).click();
  await hydrated(page);
  const agenda = "Hvordan har høsten vært?\nVeien videre";
  await page.getByLabel("Dato").fill("2020-01-06");
  await page.getByLabel("Klokkeslett").fill("09:00");
  await page.getByLabel("Sted").fill("Grupperom 3");
  await page.getByLabel("Saker (én per linje, valgfritt)").fill(agenda);
  await page.getByRole("button", { name: "Kall inn" }).click();
  const error = "Møtet må ha en gyldig dato og et klokkeslett fram i tid.";
  await expect(page.getByRole("alert")).toHaveText(error);
  await expect(page.getByLabel("Dato")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByLabel("Dato")).toHaveAccessibleDescription(error);
  await expect(page.getByLabel("Saker (én per linje, valgfritt)")).toHaveValue(agenda);
  await expect(page.getByLabel("Sted")).toHaveValue("Grupperom 3");
  await expectAccessible(page);
});
