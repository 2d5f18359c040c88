import { type Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, gotoHydrated, hydrated, person, test } from "./fixtures";
import { putFamily, yearsAgo } from "./register";
import { codeSentTo, lastMessageId } from "./mailsink";
import { shownDay } from "./days";

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
    const family = await putFamily(request, {
      surname: "Fjeld",
      serial: 700,
      child: { given: "Lea", born: yearsAgo(9), home: "fjeld-mor" },
      parents: [
        { given: "Ragnhild", role: "mor", born: new Date(1986, 2, 3), home: "fjeld-mor" },
        { given: "Bjørn", role: "far", born: new Date(1984, 7, 9), home: "fjeld-far" },
      ],
      responsible: ["Ragnhild"],
    });
    const guardianId = family.Ragnhild;

    // The holder, a teacher at the primary school, looks Lea up in the population register.
    await asPerson(page, "Nora Strand");
    await page.goto("/me");
    await page.getByRole("link", { name: "Be om en ny stafettlogg" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ny stafettlogg" })).toBeVisible();
    await hydrated(page);
    const number = page.getByLabel("Barnets fødselsnummer (11 siffer)");
    await number.fill("12345678901");
    await page.getByRole("button", { name: "Slå opp i Folkeregisteret" }).click();

    // A wrong number is named beside its field, and what was typed stays.
    await expect(page.getByText("Fødselsnummeret er ikke gyldig").first()).toBeVisible();
    await expect(number).toHaveValue("12345678901");
    await expectAccessible(page);
    await number.fill(family.Lea);
    await page.getByRole("button", { name: "Slå opp i Folkeregisteret" }).click();

    // The register's facts: names and age, who has parental responsibility; no numbers.
    await expect(page.getByRole("heading", { level: 2, name: "Lea Fjeld, 9 år" })).toBeVisible();
    await expect(page.getByText("Ragnhild Fjeld – har foreldreansvar")).toBeVisible();
    await expect(page.getByText("Bjørn Fjeld – uten foreldreansvar")).toBeVisible();
    expect(await page.content()).not.toContain(family.Lea);
    await hydrated(page);
    await expectAccessible(page);
    await page.getByLabel("Tjeneste og kontaktperson").selectOption({
      label: "Helsestasjon for barn og unge – Ida Brekke (Helsesykepleier)",
    });
    await page.getByLabel("Enda en tjeneste (valgfritt)").selectOption({ label: "PPT Fjordvik – Maja Eide (PP-rådgiver)" });
    await page.getByRole("button", { name: "Be om samtykke" }).click();
    await expect(page).toHaveURL(/\/logs\/[0-9a-f-]+\/consents$/);
    const logUrl = page.url().replace(/\/consents$/, "");
    await expect(page.getByRole("heading", { level: 1, name: "Samtykker" })).toBeVisible();
    await expect(page.getByText("Etter reglene er det ingen samtykker for deg å gi i denne loggen.")).toBeVisible();

    // The mother, on her phone, reads the request in plain words and consents.
    const mother = await person(browser, "Pixel 7");
    await asPerson(mother, guardianId);
    await mother.goto("/me");
    const card = mother.getByRole("listitem").filter({ hasText: "Stafettlogg for Lea Fjeld" });
    await expect(card.getByText("Venter på samtykke", { exact: true })).toBeVisible();
    await expect(card.getByText("5 samtykker venter på deg")).toBeVisible();
    await card.getByRole("link", { name: "Samtykker", exact: true }).click();
    // Until the log is open to her, its other sections are not offered.
    await expect(mother.getByRole("navigation", { name: "Deler av loggen" }).getByRole("link")).toHaveText(["Samtykker"]);
    const establish = decision(mother, "At stafettloggen opprettes");
    await expect(establish.locator("blockquote")).toContainText("Jeg samtykker til at stafettloggen opprettes for Lea Fjeld.");
    await expect(establish).toContainText("Det er nok at én med foreldreansvar samtykker");
    await expectAccessible(mother);
    // The health station takes part only with the consent to share health information,
    // which says why.
    const health = decision(mother, "Deling av helseopplysninger");
    await expect(health).toContainText("Fra 16 år bestemmer ungdommen selv over helseopplysninger");
    for (const heading of [
      "At stafettloggen opprettes",
      /Fjordvik barneskole$/,
      /Helsestasjon for barn og unge$/,
      "Deling av helseopplysninger",
      /PPT Fjordvik$/,
    ]) {
      await decision(mother, heading).getByRole("button", { name: "Jeg samtykker" }).click();
      await expect(decision(mother, heading).getByText("Gjelder nå")).toBeVisible();
    }

    // The health station's nurse now sees the log and writes in it.
    const nurse = await person(browser, "Desktop Chrome");
    await asPerson(nurse, "Ida Brekke");
    await nurse.goto("/me");
    await nurse.getByRole("listitem").filter({ hasText: "Stafettlogg for Lea Fjeld" }).getByRole("link", { name: "Åpne loggen" }).click();
    await expect(nurse.getByRole("heading", { level: 1, name: "Stafettlogg for Lea Fjeld" })).toBeVisible();
    await expect(nurse.getByText("Nora Strand")).toBeVisible();
    await nurse.getByLabel("Skriv et nytt innlegg").fill("Lea har hatt en god uke på helsestasjonen.");
    await nurse.getByRole("button", { name: "Lagre innlegget" }).click();
    await expect(nurse.getByText("Lea har hatt en god uke på helsestasjonen.")).toBeVisible();
    // A reload while the page is still loading its WASM aborts that import, which Chromium
    // reports as a page error: let the page finish first, as a person reading it would.
    await hydrated(nurse);

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

    // The log's copy reaches the municipality's archive: the mother sees its reference.
    await expect(async () => {
      await mother.reload();
      const archived = new RegExp(`^Arkivert ${shownDay(0)}, referanse \\d{4}/\\d+\\.$`);
      await expect(mother.getByRole("status").filter({ hasText: archived })).toBeVisible({
        timeout: 1_000,
      });
    }).toPass({ timeout: 30_000 });
  });

  test("with shared residence the log opens when the second parent consents, on two phones", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "phone", "the parents use their phones; the holder gets a desk below");
    test.setTimeout(90_000);
    const family = await putFamily(request, {
      surname: "Dal",
      serial: 710,
      child: { given: "Tiril", born: yearsAgo(7), home: "dal-mor" },
      parents: [
        { given: "Mona", role: "mor", born: new Date(1988, 0, 21), home: "dal-mor" },
        { given: "Frode", role: "far", born: new Date(1985, 10, 2), home: "dal-far" },
      ],
      responsible: ["Mona", "Frode"],
      shared: true,
    });

    // The holder at the school asks for a log for Tiril; the register says both must consent.
    const holder = await person(browser, "Desktop Chrome");
    await asPerson(holder, "Nora Strand");
    await holder.goto("/me");
    await gotoHydrated(holder, "/logs/new");
    await holder.getByLabel("Barnets fødselsnummer (11 siffer)").fill(family.Tiril);
    await holder.getByRole("button", { name: "Slå opp i Folkeregisteret" }).click();
    await expect(holder.getByText("Barnet har delt fast bosted, så begge foreldrene må samtykke.")).toBeVisible();
    await holder.getByLabel("Tjeneste og kontaktperson").selectOption({ label: "PPT Fjordvik – Maja Eide (PP-rådgiver)" });
    await holder.getByRole("button", { name: "Be om samtykke" }).click();
    await expect(holder).toHaveURL(/\/consents$/);

    // The mother consents on her phone: the log still waits, for the father.
    await asPerson(page, family.Mona);
    await page.goto("/me");
    const card = page.getByRole("listitem").filter({ hasText: "Stafettlogg for Tiril Dal" });
    await card.getByRole("link", { name: "Samtykker", exact: true }).click();
    const establish = decision(page, "At stafettloggen opprettes");
    await expect(establish).toContainText("har fast bosted hos begge foreldrene, så alle med foreldreansvar må samtykke");
    await establish.getByRole("button", { name: "Jeg samtykker" }).click();
    await expect(decision(page, "At stafettloggen opprettes").getByText("Gjelder ikke nå")).toBeVisible();
    await expectAccessible(page);
    await page.goto("/me");
    await expect(card.getByText("Venter på samtykke", { exact: true })).toBeVisible();

    // The father consents on his phone, and the log is open.
    const father = await person(browser, "Pixel 7");
    await asPerson(father, family.Frode);
    await father.goto("/me");
    await father.getByRole("listitem").filter({ hasText: "Stafettlogg for Tiril Dal" }).getByRole("link", { name: "Samtykker", exact: true }).click();
    await decision(father, "At stafettloggen opprettes").getByRole("button", { name: "Jeg samtykker" }).click();
    await expect(decision(father, "At stafettloggen opprettes").getByText("Gjelder nå")).toBeVisible();
    await page.reload();
    await expect(card.getByText("Åpen", { exact: true })).toBeVisible();
  });

  test("the unit leader sees who looked children up, without their numbers", async ({ page, browser, request }, info) => {
    test.skip(info.project.name !== "desktop", "leaders work at a desk");
    const family = await putFamily(request, {
      surname: "Oppslag",
      serial: 720,
      child: { given: "Iver", born: yearsAgo(11), home: "oppslag" },
      parents: [{ given: "Siv", role: "mor", born: new Date(1982, 3, 3), home: "oppslag" }],
      responsible: ["Siv"],
    });
    const holder = await person(browser, "Desktop Chrome");
    await asPerson(holder, "Nora Strand");
    await holder.goto("/me");
    await gotoHydrated(holder, "/logs/new");
    await holder.getByLabel("Barnets fødselsnummer (11 siffer)").fill(family.Iver);
    await holder.getByRole("button", { name: "Slå opp i Folkeregisteret" }).click();
    await expect(holder.getByRole("heading", { level: 2, name: "Iver Oppslag, 11 år" })).toBeVisible();

    await asPerson(page, "Eirik Vik");
    await page.goto("/me");
    await page.getByRole("link", { name: "Oppslag i Folkeregisteret" }).click();
    const row = page.getByRole("row").filter({ hasText: `${family.Iver.slice(0, 6)} *****` });
    await expect(row).toContainText("Nora Strand");
    await expect(row).toContainText("Funnet");
    expect(await page.content()).not.toContain(family.Iver);
    await expectAccessible(page);
  });
});
