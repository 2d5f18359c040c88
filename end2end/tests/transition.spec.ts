import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { isoDay, shownDay } from "./days";
import { asPerson, expect, expectAccessible, gotoHydrated, person, test } from "./fixtures";

/** A fresh open log for Mats held by Nora Strand at the school (mats-log.sql); its id. */
async function matsLog(): Promise<string> {
  const database = process.env.STAFETT_E2E_DATABASE_URL;
  if (!database) throw new Error("run through ./scripts/test: the app's database is not set");
  const log = randomUUID();
  await promisify(execFile)("psql", [
    database,
    ...["-v", "ON_ERROR_STOP=1", "-q", "-v", `log=${log}`],
    ...["-f", path.join(__dirname, "mats-log.sql")],
  ]);
  return log;
}

test.describe("a transition to a new school", () => {
  test("Nora starts it at her desk, Ingrid consents on her phone, Siri names Anders, who takes over", async ({
    page,
    browser,
  }, info) => {
    test.skip(info.project.name !== "desktop", "staff work at a desk; Ingrid gets a phone below");
    const log = await matsLog();

    // Nora Strand, who holds Mats's log, starts his move to the lower secondary school.
    await asPerson(page, "Nora Strand");
    await gotoHydrated(page, `/logs/${log}/holder`);
    const section = page.getByRole("region", { name: "Overgang til ny enhet" });
    await section.getByLabel("Hva slags overgang").selectOption({ label: "Fra skole til ungdomsskole eller videregående" });
    await section.getByLabel("Enheten som tar imot", { exact: true }).selectOption({ label: "Fjordvik ungdomsskole" });
    await section.getByLabel("Dato for overgangen").fill(isoDay(-1));
    await section.getByLabel("Melding til enheten som tar imot (valgfritt)").fill("Mats trenger en rolig start i nye klasserom.");
    await section.getByRole("button", { name: "Start overgangen" }).click();
    // A day gone by is named beside the field; what she chose and wrote stays.
    await expect(section.getByRole("alert")).toHaveText("Skriv en dato fra i dag og høyst et og et halvt år fram i tid.");
    await expect(section.getByLabel("Enheten som tar imot", { exact: true })).toHaveValue(/.+/);
    await expect(section.getByLabel("Melding til enheten som tar imot (valgfritt)")).toHaveValue("Mats trenger en rolig start i nye klasserom.");
    await section.getByLabel("Dato for overgangen").fill(isoDay(30));
    await expectAccessible(page);
    await section.getByRole("button", { name: "Start overgangen" }).click();
    await expect(section.getByText(`Fjordvik barneskole → Fjordvik ungdomsskole, ${shownDay(30)}`)).toBeVisible();
    await expect(section.getByRole("status")).toHaveText("Venter på familiens samtykke.");

    // Ingrid, his mother, reads what she consents to on her phone and keeps the school with him.
    const ingrid = await person(browser, "Pixel 7");
    await asPerson(ingrid, "Ingrid Berg");
    await gotoHydrated(ingrid, `/logs/${log}/consents`);
    await expect(ingrid.getByRole("region", { name: "Overgang til ny enhet" }).getByRole("status")).toHaveText("Venter på familiens samtykke.");
    const decision = ingrid.getByRole("listitem").filter({ hasText: "En overgang til en ny tjeneste: Fjordvik ungdomsskole" });
    await expect(decision.getByText(`Overgangen skjer ${shownDay(30)}.`)).toBeVisible();
    await expect(decision.getByRole("radio", { name: `Fjordvik barneskole slutter å delta i loggen ${shownDay(30)}.` })).toBeChecked();
    await decision.getByRole("radio", { name: "Fjordvik barneskole fortsetter å delta i loggen etter overgangen." }).check();
    await expectAccessible(ingrid);
    await decision.getByRole("button", { name: "Jeg samtykker" }).click();
    await expect(ingrid.getByText("Familien har samtykket. Venter på at lederen i Fjordvik ungdomsskole utnevner en ny stafettholder.")).toBeVisible();
    await expect(ingrid.getByText("Familien vil at Fjordvik barneskole fortsatt skal delta etter overgangen.")).toBeVisible();
    await ingrid.context().close();

    // Siri Lunde, head of the lower secondary school, names Anders Moen.
    const siri = await person(browser, "Desktop Chrome");
    await asPerson(siri, "Siri Lunde");
    await gotoHydrated(siri, "/unit-logs");
    const incoming = siri.getByRole("region", { name: "Overganger til enhetene dine" }).getByRole("listitem").filter({ hasText: "Mats Berg" });
    await expect(incoming.getByText("Mats trenger en rolig start i nye klasserom.")).toBeVisible();
    await expectAccessible(siri);
    await incoming.getByLabel("Ny stafettholder").selectOption({ label: "Fjordvik ungdomsskole – Anders Moen (Kontaktlærer)" });
    await incoming.getByRole("button", { name: "Tilby stafettpinnen" }).click();
    await expect(siri.getByText("Anders Moen i Fjordvik ungdomsskole er tilbudt stafettpinnen og har ikke svart ennå.")).toBeVisible();
    await siri.context().close();

    // Anders takes the baton on his own page, and reads the log.
    const anders = await person(browser, "Desktop Chrome");
    await asPerson(anders, "Anders Moen");
    await gotoHydrated(anders, "/me");
    const offer = anders.getByRole("listitem").filter({ hasText: "Mats Berg" }).filter({ has: anders.getByRole("button", { name: "Ta imot stafettpinnen" }) });
    await offer.getByRole("button", { name: "Ta imot stafettpinnen" }).click();
    await gotoHydrated(anders, `/logs/${log}`);
    await expect(anders.getByRole("heading", { level: 1, name: "Stafettlogg for Mats Berg" })).toBeVisible();
    await anders.context().close();

    // Nora sees who holds it now, and, kept by Ingrid's choice, still reads the log.
    await gotoHydrated(page, `/logs/${log}/holder`);
    await expect(page.getByRole("listitem").filter({ hasText: "Anders Moen, Fjordvik ungdomsskole" }).getByText("Holder nå")).toBeVisible();
    await expect(page.getByRole("region", { name: "Overgang til ny enhet" })).toHaveCount(0);
    await gotoHydrated(page, `/logs/${log}`);
    await expect(page.getByRole("heading", { level: 1, name: "Stafettlogg for Mats Berg" })).toBeVisible();
  });
});
