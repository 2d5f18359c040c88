import { type Page } from "@playwright/test";
import { expect, expectAccessible, gotoHydrated, person, test } from "./fixtures";
import { logInWithIdPorten, logInWithNationalId, syntheticNationalId } from "./idporten";
import { codeSentTo, lastMessageId } from "./mailsink";

/** The card of one decision on the consents page, by its heading. */
function decision(page: Page, heading: string | RegExp) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: heading }) });
}

test.describe("consent around a new log", () => {
  test.describe.configure({ mode: "serial" });

  test("a holder asks, a guardian consents and withdraws, and a participant's access follows", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "desktop", "the holder works at a desk; the guardian gets a phone below");
    test.setTimeout(120_000);
    const childBorn = new Date();
    childBorn.setFullYear(childBorn.getFullYear() - 9, 4, 14);
    const childId = syntheticNationalId(childBorn, 700);
    const guardianId = syntheticNationalId(new Date(1986, 2, 3), 150);
    const isoBorn = `${childBorn.getFullYear()}-05-14`;

    // The holder, a teacher at the primary school, registers Lea and her mother.
    await page.goto("/me");
    await logInWithIdPorten(page, "Nora Strand");
    await page.getByRole("link", { name: "Be om en ny stafettlogg" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ny stafettlogg" })).toBeVisible();
    await expect(page.locator("html")).toHaveAttribute("data-hydrated", "true", { timeout: 15_000 });
    const child = page.getByRole("group", { name: "Barnet" });
    await child.getByLabel("Fornavn").fill("Lea");
    await child.getByLabel("Etternavn").fill("Fjeld");
    await child.getByLabel("Fødselsnummer (11 siffer)").fill("12345678901");
    await child.getByLabel("Fødselsdato").fill(isoBorn);
    const guardian = page.getByRole("group", { name: "Foresatt", exact: true });
    await guardian.getByLabel("Fornavn").fill("Ragnhild");
    await guardian.getByLabel("Etternavn").fill("Fjeld");
    await guardian.getByLabel("Fødselsnummer (11 siffer)").fill(guardianId);
    await page.getByLabel("Hvor bor barnet?").selectOption({ label: "Foreldrene bor hver for seg, barnet bor hos den første foresatte" });
    await page.getByLabel("Tjeneste og kontaktperson").selectOption({
      label: "Helsestasjon for barn og unge – Ida Brekke (Helsesykepleier)",
    });
    await page.getByLabel("Enda en tjeneste (valgfritt)").selectOption({ label: "PPT Fjordvik – Maja Eide (PP-rådgiver)" });
    await page.getByRole("button", { name: "Be om samtykke" }).click();

    // A wrong number is named beside its field, and nothing typed is lost.
    await expect(child.getByText("Fødselsnummeret til barnet er ikke gyldig")).toBeVisible();
    await expect(child.getByLabel("Fornavn")).toHaveValue("Lea");
    await expect(guardian.getByLabel("Fødselsnummer (11 siffer)")).toHaveValue(guardianId);
    await expectAccessible(page);
    await child.getByLabel("Fødselsnummer (11 siffer)").fill(childId);
    await page.getByRole("button", { name: "Be om samtykke" }).click();
    await expect(page).toHaveURL(/\/logs\/[0-9a-f-]+\/consents$/);
    const logUrl = page.url().replace(/\/consents$/, "");
    await expect(page.getByRole("heading", { level: 1, name: "Samtykker" })).toBeVisible();
    await expect(page.getByText("Etter reglene er det ingen samtykker for deg å gi i denne loggen.")).toBeVisible();

    // The mother, on her phone, reads the request in plain words and consents.
    const mother = await person(browser, "Pixel 7");
    await mother.goto("/me");
    await logInWithNationalId(mother, guardianId);
    const card = mother.getByRole("listitem").filter({ hasText: "Stafettlogg for Lea Fjeld" });
    await expect(card.getByText("Venter på samtykke", { exact: true })).toBeVisible();
    await expect(card.getByText("4 samtykker venter på deg")).toBeVisible();
    await card.getByRole("link", { name: "Samtykker" }).click();
    const establish = decision(mother, "At stafettloggen opprettes");
    await expect(establish.locator("blockquote")).toContainText("Jeg samtykker til at stafettloggen opprettes for Lea Fjeld.");
    await expect(establish).toContainText("Det er nok at én med foreldreansvar samtykker");
    await expectAccessible(mother);
    for (const heading of [
      "At stafettloggen opprettes",
      /Fjordvik barneskole$/,
      /Helsestasjon for barn og unge$/,
      /PPT Fjordvik$/,
    ]) {
      await decision(mother, heading).getByRole("button", { name: "Jeg samtykker" }).click();
      await expect(decision(mother, heading).getByText("Gjelder nå")).toBeVisible();
    }

    // The health station's nurse now sees the log and writes in it.
    const nurse = await person(browser, "Desktop Chrome");
    await nurse.goto("/me");
    await logInWithIdPorten(nurse, "Ida Brekke");
    await nurse.getByRole("listitem").filter({ hasText: "Stafettlogg for Lea Fjeld" }).getByRole("link", { name: "Åpne loggen" }).click();
    await expect(nurse.getByRole("heading", { level: 1, name: "Stafettlogg for Lea Fjeld" })).toBeVisible();
    await expect(nurse.getByText("Nora Strand")).toBeVisible();
    await nurse.getByLabel("Skriv et nytt innlegg").fill("Lea har hatt en god uke på helsestasjonen.");
    await nurse.getByRole("button", { name: "Lagre innlegget" }).click();
    await expect(nurse.getByText("Lea har hatt en god uke på helsestasjonen.")).toBeVisible();

    // The mother withdraws the health station's consent.
    await decision(mother, /Helsestasjon for barn og unge$/).getByRole("button", { name: "Trekk tilbake samtykket" }).click();
    await expect(decision(mother, /Helsestasjon for barn og unge$/).getByText("Gjelder ikke nå")).toBeVisible();

    // The nurse's next page load shows a clear refusal and nothing of the log.
    await nurse.reload();
    await expect(nurse.getByRole("heading", { level: 1, name: "Ingen tilgang" })).toBeVisible();
    await expect(nurse.getByRole("alert")).toContainText("Samtykket som ga tilgang, er trukket tilbake");
    await expect(nurse.getByText("Lea har hatt en god uke")).toHaveCount(0);
    expect(await nurse.content()).not.toContain("Lea");

    // Lea (9) gets her own login with her mother's consent, and reads the log on her phone.
    const ownLogin = decision(mother, "At barnet får egen innlogging til loggen");
    await ownLogin.getByRole("button", { name: "Jeg samtykker" }).click();
    await ownLogin.getByLabel("Brukernavn").fill("lea.fjeld");
    await ownLogin.getByLabel("Passord").fill("blå fjell og grønne daler");
    await ownLogin.getByRole("radio", { name: "E-post" }).check();
    await ownLogin.getByLabel("E-postadresse eller mobilnummer til barnet").fill("lea.fjeld@example.no");
    await ownLogin.getByRole("button", { name: "Lag innlogging" }).click();
    await expect(decision(mother, "At barnet får egen innlogging til loggen").getByText("Barnet har egen innlogging.")).toBeVisible();
    // Four random digits follow the chosen start, so the answer says nothing of other children.
    const shown = await decision(mother, "At barnet får egen innlogging til loggen").getByText(/^Brukernavnet er /).textContent();
    const username = (shown ?? "").replace(/^Brukernavnet er /, "").replace(/\.$/, "");
    expect(username).toMatch(/^lea\.fjeld\.\d{4}$/);

    const lea = await person(browser, "Pixel 7");
    const before = await lastMessageId(request, "lea.fjeld@example.no");
    await lea.goto("/login/child");
    await lea.getByLabel("Brukernavn").fill(username);
    await lea.getByLabel("Passord").fill("blå fjell og grønne daler");
    await lea.getByRole("button", { name: "Neste" }).click();
    await lea.getByLabel("Kode").fill(await codeSentTo(request, "lea.fjeld@example.no", before));
    await lea.getByRole("button", { name: "Logg inn" }).click();
    await lea.getByRole("listitem").filter({ hasText: "Stafettlogg for Lea Fjeld" }).getByRole("link", { name: "Åpne loggen" }).click();
    await expect(lea.getByRole("heading", { level: 1, name: "Stafettlogg for Lea Fjeld" })).toBeVisible();
    await expect(lea.getByText("Nora Strand")).toBeVisible();

    // The holder sees the withdrawal in the history.
    await gotoHydrated(page, `${new URL(logUrl).pathname}/consents`);
    const withdrawal = page.getByRole("listitem").filter({ hasText: "Samtykke trukket tilbake" });
    await expect(withdrawal).toContainText("Helsestasjon for barn og unge");
    await expect(withdrawal).toContainText("Ragnhild Fjeld");
    await expectAccessible(page);

    // The mother closes the log: nobody reaches the content any more, the holder included.
    await mother.getByRole("button", { name: "Avslutt loggen" }).click();
    await expect(mother.getByRole("listitem").filter({ hasText: "Samtykke gitt: Å avslutte loggen" })).toBeVisible();
    await page.goto(new URL(logUrl).pathname);
    await expect(page.getByRole("heading", { level: 1, name: "Ingen tilgang" })).toBeVisible();
    await expect(page.getByRole("alert")).toContainText("Stafettloggen er avsluttet");
    await expect(page.getByText("Lea har hatt en god uke")).toHaveCount(0);
  });
});
