import { expect, expectAccessible, gotoHydrated, test } from "./fixtures";
import { codeSentTo, lastMessageId } from "./mailsink";
import { logInWithIdPorten } from "./idporten";

const PASSWORD = "tre blå hester";

test.describe("logging in", () => {
  test("a guardian logs in on the phone through ID-porten and sees their own name", async ({ page }, info) => {
    test.skip(info.project.name !== "phone", "the family's flow is tested on the phone");
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?return_to=%2Fme$/);
    await expect(page.getByRole("heading", { level: 1, name: "Logg inn" })).toBeVisible();
    await expectAccessible(page);

    await logInWithIdPorten(page, "Kari Nilsen");
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByRole("heading", { level: 1, name: "Min side" })).toBeVisible();
    await expect(page.getByText("Du er logget inn som Kari Nilsen")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Min side" }).getByRole("link", { name: "Kari Nilsen" })).toBeVisible();
    await gotoHydrated(page, "/me");
    await expectAccessible(page);
  });

  test("a staff member logs in on the desktop and sees their unit and role", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "staff are tested on the desktop");
    await page.goto("/login");
    await logInWithIdPorten(page, "Hilde Solberg");
    await expect(page.getByText("Du er logget inn som Hilde Solberg")).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Solsiden barnehage" })).toContainText("enhetsleder");

    await page.getByRole("link", { name: "Aktive innlogginger" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Aktive innlogginger" })).toBeVisible();
    await expect(page.getByText("Denne nettleseren")).toBeVisible();
    await expectAccessible(page);
  });

  test("a login below the highest level is refused with a clear message", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "one browser is enough");
    await page.goto("/login");
    await page.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await page.getByLabel("Sikkerhetsnivå").selectOption("idporten-loa-substantial");
    await page.getByRole("button", { name: "Ole Hansen", exact: true }).click();
    await expect(page.getByRole("alert")).toContainText("Du må logge inn på høyeste sikkerhetsnivå");
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?return_to=%2Fme$/);
  });

  test("a child under 15 logs in with password and the code sent by e-mail", async ({ page, request }, info) => {
    test.skip(info.project.name !== "phone", "children use phones");
    const before = await lastMessageId(request, "nora.lie@example.no");
    await gotoHydrated(page, "/login");
    await page.getByRole("link", { name: "Er du under 15 år? Logg inn med brukernavn og passord" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Logg inn med brukernavn" })).toBeVisible();
    await expectAccessible(page);
    await page.getByLabel("Brukernavn").fill("nora");
    await page.getByLabel("Passord").fill(PASSWORD);
    await page.getByRole("button", { name: "Neste" }).click();

    await expect(page.getByRole("heading", { level: 1, name: "Skriv inn koden" })).toBeVisible();
    await expect(page.getByText("Vi har sendt en kode på 6 siffer til e-posten din.")).toBeVisible();
    await expectAccessible(page);
    const code = await codeSentTo(request, "nora.lie@example.no", before);
    await page.getByLabel("Kode").fill(code);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(page.getByText("Du er logget inn som Nora Lie")).toBeVisible();
  });

  test("five wrong codes lock the account with a clear message", async ({ page, request }, info) => {
    test.skip(info.project.name !== "desktop", "the lock is shared: one browser");
    // Each wrong code is answered after a growing pause (1–4 s), on purpose.
    test.slow();
    const before = await lastMessageId(request, "+47 912 34 567");
    await page.goto("/login/child");
    await page.getByLabel("Brukernavn").fill("mats");
    await page.getByLabel("Passord").fill(PASSWORD);
    await page.getByRole("button", { name: "Neste" }).click();
    await expect(page.getByText("Vi har sendt en kode på 6 siffer til mobilen din.")).toBeVisible();
    const code = await codeSentTo(request, "+47 912 34 567", before);
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    for (const left of [4, 3, 2, 1]) {
      await page.getByLabel("Kode").fill(wrong);
      await page.getByRole("button", { name: "Logg inn" }).click();
      await expect(page.getByRole("alert")).toHaveText(`Feil kode. Du har ${left} forsøk igjen.`);
    }
    await page.getByLabel("Kode").fill(wrong);
    await page.getByRole("button", { name: "Logg inn" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "For mange mislykkede forsøk. Av sikkerhetshensyn kan du ikke logge inn på en stund (opptil en time). En forelder kan åpne innloggingen igjen.",
    );
    await expect(page.getByLabel("Brukernavn")).toHaveValue("mats");

    // Even the right password now gets the same answer.
    await page.getByLabel("Passord").fill(PASSWORD);
    await page.getByRole("button", { name: "Neste" }).click();
    await expect(page.getByRole("alert")).toContainText("For mange mislykkede forsøk");
  });

  test("after logout, going back shows nothing private", async ({ page }, info) => {
    test.skip(info.project.name !== "phone", "the family's flow is tested on the phone");
    await page.goto("/login");
    await logInWithIdPorten(page, "Ingrid Berg");
    await expect(page.getByText("Du er logget inn som Ingrid Berg")).toBeVisible();

    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect(page).toHaveURL(/\/logged-out$/);
    await expect(page.getByRole("heading", { level: 1, name: "Du er logget ut" })).toBeVisible();

    await page.goBack();
    await expect(page.getByText("Ingrid Berg")).toHaveCount(0);
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?return_to=%2Fme$/);
    await expect(page.getByText("Ingrid Berg")).toHaveCount(0);
  });
});
