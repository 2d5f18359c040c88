import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import { isoDay, shownDay } from "./days";
import { asPerson, expect, expectAccessible, gotoHydrated, person, test } from "./fixtures";

/** A fresh open log for Mats held by Nora Strand at the school, and Nabovik's PPT (mats-log.sql); its id. */
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

test.describe("a transition when the family moves", () => {
  test("Nora starts it at her desk, Ingrid consents on her phone, the new PPT leader names a holder, who takes over", async ({
    page,
    browser,
  }, info) => {
    test.skip(info.project.name !== "desktop", "staff work at a desk; Ingrid gets a phone below");
    const log = await matsLog();

    // Nora Strand, who holds Mats's log, starts his move to Nabovik, whose PPT is to take over.
    await asPerson(page, "Nora Strand");
    await gotoHydrated(page, `/logs/${log}/holder`);
    const section = page.getByRole("region", { name: "Overgang til ny enhet" });
    await section.getByLabel("Hva slags overgang").selectOption({ label: "Flytting til en annen kommune" });
    await section.getByLabel("Enheten som tar imot", { exact: true }).selectOption({ label: "PPT Nabovik" });
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
    await expect(section.getByText(`Fjordvik barneskole → PPT Nabovik (Nabovik kommune), ${shownDay(30)}`)).toBeVisible();
    await expect(section.getByRole("status")).toHaveText("Venter på familiens samtykke.");

    // Ingrid, his mother, reads what she consents to on her phone and keeps the school with him.
    const ingrid = await person(browser, "Pixel 7");
    await asPerson(ingrid, "Ingrid Berg");
    await gotoHydrated(ingrid, `/logs/${log}/consents`);
    await expect(ingrid.getByRole("region", { name: "Overgang til ny enhet" }).getByRole("status")).toHaveText("Venter på familiens samtykke.");
    const decision = ingrid.getByRole("listitem").filter({ hasText: "En overgang til en ny tjeneste: PPT Nabovik" });
    await expect(decision.getByText(`Overgangen skjer ${shownDay(30)}.`)).toBeVisible();
    await expect(decision.getByRole("radio", { name: `Fjordvik barneskole slutter å delta i loggen ${shownDay(30)}.` })).toBeChecked();
    await decision.getByRole("radio", { name: "Fjordvik barneskole fortsetter å delta i loggen etter overgangen." }).check();
    await expectAccessible(ingrid);
    await decision.getByRole("button", { name: "Jeg samtykker" }).click();
    await expect(ingrid.getByText("Familien har samtykket. Venter på at lederen i PPT Nabovik utnevner en ny stafettholder.")).toBeVisible();
    await expect(ingrid.getByText("Familien vil at Fjordvik barneskole fortsatt skal delta etter overgangen.")).toBeVisible();
    await ingrid.context().close();

    // Randi Ek, head of PPT in Nabovik, names Henrik Vang.
    const leader = await person(browser, "Desktop Chrome");
    await asPerson(leader, "Randi Ek");
    await gotoHydrated(leader, "/unit-logs");
    const incoming = leader.getByRole("region", { name: "Overganger til enhetene dine" }).getByRole("listitem").filter({ hasText: "Mats Berg" });
    await expect(incoming.getByText("Mats trenger en rolig start i nye klasserom.")).toBeVisible();
    await expectAccessible(leader);
    await incoming.getByLabel("Ny stafettholder").selectOption({ label: "PPT Nabovik – Henrik Vang (PP-rådgiver)" });
    await incoming.getByRole("button", { name: "Tilby stafettpinnen" }).click();
    await expect(leader.getByText("Henrik Vang i PPT Nabovik er tilbudt stafettpinnen og har ikke svart ennå.")).toBeVisible();
    await leader.context().close();

    // Henrik takes the baton on his own page, and reads the log.
    const henrik = await person(browser, "Desktop Chrome");
    await asPerson(henrik, "Henrik Vang");
    await gotoHydrated(henrik, "/me");
    const offer = henrik.getByRole("listitem").filter({ hasText: "Mats Berg" }).filter({ has: henrik.getByRole("button", { name: "Ta imot stafettpinnen" }) });
    await offer.getByRole("button", { name: "Ta imot stafettpinnen" }).click();
    await gotoHydrated(henrik, `/logs/${log}`);
    await expect(henrik.getByRole("heading", { level: 1, name: "Stafettlogg for Mats Berg" })).toBeVisible();
    await henrik.context().close();

    // Nora sees who holds it now, and, kept by Ingrid's choice, still reads the log.
    await gotoHydrated(page, `/logs/${log}/holder`);
    await expect(page.getByRole("listitem").filter({ hasText: "Henrik Vang, PPT Nabovik" }).getByText("Holder nå")).toBeVisible();
    await expect(page.getByRole("region", { name: "Overgang til ny enhet" })).toHaveCount(0);
    await gotoHydrated(page, `/logs/${log}`);
    await expect(page.getByRole("heading", { level: 1, name: "Stafettlogg for Mats Berg" })).toBeVisible();
  });
});
