import { type Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, gotoHydrated, hydrated, test } from "./fixtures";

// Synthetic national identity numbers (month + 80) that nobody in the demo has.
const TUVA = "14837110034";
const OLA = "02038510021";

const HEADER = "fødselsnummer;fornavn;etternavn;e-post;telefon;enhet;enhetsleder";

/** Pastes a CSV of `rows` (after the header) and asks for its dry run. */
async function checkCsv(page: Page, rows: string[]) {
  await page.getByLabel("CSV-innhold").fill([HEADER, ...rows].join("\n"));
  await page.getByRole("button", { name: "Kontroller filen" }).click();
}

/** The form that holds a heading or label `name`. */
function formWith(page: Page, name: string) {
  return page.locator("form").filter({ has: page.getByText(name, { exact: true }) });
}

test.describe("the municipality's administrator", () => {
  test.beforeEach(({}, info) => {
    test.skip(info.project.name !== "desktop", "administrators work at a desk");
  });

  test("creates a unit, adds staff, makes a leader, ends a membership and imports staff", async ({ page }) => {
    // Five pages, each checked by axe, and eight round trips.
    test.slow();
    await asPerson(page, "Berit Holm");
    await gotoHydrated(page, "/me");
    await page.getByRole("link", { name: "Administrasjon" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Administrasjon" })).toBeVisible();
    await expect(page.getByText("Enheter, tjenester og ansatte i Fjordvik kommune.")).toBeVisible();
    await expect(page.getByRole("region", { name: "Enheter og tjenester" }).getByRole("row")).toHaveCount(9);
    await expectAccessible(page);

    // A new unit.
    await page.getByRole("link", { name: "Ny enhet eller tjeneste" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Ny enhet eller tjeneste" })).toBeVisible();
    await hydrated(page);
    await expectAccessible(page);
    await page.getByLabel("Type", { exact: true }).selectOption({ label: "Annet" });
    await page.getByLabel("Navn", { exact: true }).fill("Fjordvik kulturskole");
    await page.getByLabel("Telefon", { exact: true }).fill("+47 71 00 01 09");
    await page.getByLabel("E-post", { exact: true }).fill("kulturskolen@fjordvik.kommune.no");
    await page.getByLabel("Gateadresse").fill("Torget 2");
    await page.getByLabel("Postnummer").fill("644");
    await page.getByLabel("Poststed").fill("Fjordvik");
    await page.getByRole("button", { name: "Lagre enheten" }).click();
    // A wrong postal code is named beside its field; nothing is saved.
    await expect(page.getByLabel("Postnummer")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Postnummeret skal ha fire siffer.").first()).toBeVisible();
    await page.getByLabel("Postnummer").fill("6440");
    await page.getByRole("button", { name: "Lagre enheten" }).click();
    await expect(page).toHaveURL(/\/admin\/units\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Fjordvik kulturskole" })).toBeVisible();
    await expect(page.getByText("Ingen ansatte i enheten ennå.")).toBeVisible();
    await hydrated(page);
    await expectAccessible(page);

    // A member of staff, as unit leader.
    const addStaff = formWith(page, "Legg til ansatt");
    await addStaff.getByLabel("Fødselsnummer (11 siffer)").fill(TUVA);
    await addStaff.getByLabel("Fornavn").fill("Tuva");
    await addStaff.getByLabel("Etternavn").fill("Lie");
    await addStaff.getByLabel("E-post på jobben").fill("tuva.lie@fjordvik.kommune.no");
    await addStaff.getByLabel("Telefon").fill("+47 900 00 001");
    await addStaff.getByLabel("Enhetsleder").check();
    await addStaff.getByRole("button", { name: "Legg til ansatt" }).click();
    const staff = page.getByRole("list", { name: "Ansatte" });
    const tuva = staff.getByRole("listitem").filter({ hasText: "Tuva Lie" });
    await expect(tuva).toContainText("tuva.lie@fjordvik.kommune.no");
    await expect(tuva).toContainText("Enhetsleder");
    await expect(page.getByText(TUVA)).toHaveCount(0);
    await hydrated(page);
    await expectAccessible(page);

    // No longer leader; then the membership ends.
    await tuva.getByRole("button", { name: "Ikke lenger enhetsleder: Tuva Lie" }).click();
    await expect(tuva.getByRole("button", { name: "Gjør til enhetsleder: Tuva Lie" })).toBeVisible();
    await expect(tuva).not.toContainText("Enhetsleder");
    await tuva.getByRole("button", { name: "Avslutt medlemskap: Tuva Lie" }).click();
    await expect(page.getByText("Ingen ansatte i enheten ennå.")).toBeVisible();

    // The import: a dry run first, which refuses a bad row with its line.
    await gotoHydrated(page, "/admin");
    await page.getByRole("link", { name: "Importer ansatte fra CSV" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Importer ansatte fra CSV" })).toBeVisible();
    await hydrated(page);
    await expectAccessible(page);
    await checkCsv(page, [
      `${TUVA};Tuva;Lie;tuva.lie@fjordvik.kommune.no;+47 900 00 001;Fjordvik kulturskole;ja`,
      `${OLA};Ola;Nordmann;ola@fjordvik.kommune.no;+47 900 00 002;Ukjent skole;nei`,
    ]);
    await expect(page).toHaveURL(/\/admin\/import\/[0-9a-f-]{36}$/);
    await expect(page.getByRole("heading", { level: 1, name: "Kontroll av importen" })).toBeVisible();
    await expect(page.getByRole("alert")).toHaveText(/1 av 2 rader er avvist/);
    const report = page.getByRole("region", { name: "Kontroll av importen" });
    await expect(report.getByRole("row").filter({ hasText: "Tuva Lie" })).toContainText("Uendret ansatt, nytt medlemskap");
    await expect(report.getByRole("row").filter({ hasText: "Ola Nordmann" })).toContainText(
      "Kommunen har ingen enhet med dette navnet.",
    );
    await expect(report.getByRole("row").filter({ hasText: "Ola Nordmann" }).getByRole("cell").first()).toHaveText("3");
    await expect(page.getByRole("button", { name: "Importer" })).toHaveCount(0);
    await hydrated(page);
    await expectAccessible(page);

    // Corrected, checked again, and imported in one go.
    await checkCsv(page, [
      `${TUVA};Tuva;Lie;tuva.lie@fjordvik.kommune.no;+47 900 00 001;Fjordvik kulturskole;ja`,
      `${OLA};Ola;Nordmann;ola@fjordvik.kommune.no;+47 900 00 002;Fjordvik kulturskole;nei`,
    ]);
    await expect(page.getByRole("status").filter({ hasText: "Alle 2 rader er i orden." })).toBeVisible();
    await expect(report.getByRole("row").filter({ hasText: "Ola Nordmann" })).toContainText("Ny ansatt, nytt medlemskap");
    await page.getByRole("button", { name: "Importer" }).click();
    await expect(page).toHaveURL(/\/admin\?imported=1$/);
    await expect(page.getByText("Importen er gjennomført.")).toBeVisible();
    const kulturskole = page.getByRole("row").filter({ hasText: "Fjordvik kulturskole" });
    await expect(kulturskole.getByRole("cell").nth(2)).toHaveText("2");
    await expect(kulturskole.getByRole("cell").nth(3)).toHaveText("Tuva Lie");
  });

  test("is refused to a member of staff who is not an administrator", async ({ page }) => {
    await asPerson(page, "Nora Strand");
    const response = await gotoHydrated(page, "/admin");
    expect(response?.status()).toBe(403);
    await expect(page.getByText("Bare kommunens administratorer kan gjøre dette.")).toBeVisible();
    await expect(page.getByRole("link", { name: "Administrasjon" })).toHaveCount(0);
    await expectAccessible(page);
  });
});
