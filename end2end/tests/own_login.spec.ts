import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { expect, expectAccessible, gotoHydrated, test } from "./fixtures";
import { syntheticNationalId } from "./idporten";
import { codeSentTo, lastMessageId } from "./mailsink";

const PASSWORD = "tre blå hester";

/** A date `days` days from today (negative: before), 15 years back. */
function fifteenYearsBefore(days: number): Date {
  const date = new Date();
  date.setFullYear(date.getFullYear() - 15);
  date.setDate(date.getDate() + days);
  return date;
}

const iso = (date: Date) =>
  `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, "0")}-${String(date.getDate()).padStart(2, "0")}`;

/**
 * A child of the test's own with a username and the demo children's password
 * (own-login.sql); a retry makes another, as the first stays in the shared database.
 */
async function childWithOwnLogin(child: { given: string; born: Date; serial: number; username: string }, retry: number) {
  child = { ...child, serial: child.serial + retry, username: `${child.username}${retry || ""}` };
  const database = process.env.STAFETT_E2E_DATABASE_URL;
  if (!database) throw new Error("run through ./scripts/test: the app's database is not set");
  const pid = syntheticNationalId(child.born, child.serial);
  const email = `${child.username}@example.no`;
  const variables = { given: child.given, family: "Vik", pid, born: iso(child.born), username: child.username, email };
  await promisify(execFile)("psql", [
    database,
    ...["-v", "ON_ERROR_STOP=1", "-qtA"],
    ...Object.entries(variables).flatMap(([name, value]) => ["-v", `${name}=${value}`]),
    ...["-f", path.join(__dirname, "own-login.sql")],
  ]);
  return { pid, email, username: child.username };
}

test.describe("a child's own login ends at 15", () => {
  test("a week before, the child's page says from which day to use ID-porten", async ({ page, request }, info) => {
    test.skip(info.project.name !== "phone", "children use phones");
    const eline = await childWithOwnLogin({ given: "Eline", born: fifteenYearsBefore(3), serial: 900, username: "eline.vik" }, info.retry);
    const before = await lastMessageId(request, eline.email);
    await gotoHydrated(page, "/login/child");
    await page.getByLabel("Brukernavn").fill(eline.username);
    await page.getByLabel("Passord").fill(PASSWORD);
    await page.getByRole("button", { name: "Neste" }).click();
    await page.getByLabel("Kode").fill(await codeSentTo(request, eline.email, before));
    await page.getByRole("button", { name: "Logg inn" }).click();

    await expect(page.getByText("Du er logget inn som Eline Vik")).toBeVisible();
    const notice = page.getByRole("status").filter({ hasText: "logger du inn med ID-porten" });
    await expect(notice).toContainText(/^Fra \d{1,2}\. \p{L}+ \d{4} logger du inn med ID-porten \(for eksempel MinID\)/u);
    await expect(notice).toContainText("Loggen din, samtykkene og det du har skrevet, blir der som før.");
    await gotoHydrated(page, "/me");
    await expectAccessible(page);
    await page.screenshot({ path: info.outputPath("own-login-ending.png"), fullPage: true });
  });

  test("on the birthday the password is refused and ID-porten lets the same child in", async ({ page, request }, info) => {
    test.skip(info.project.name !== "phone", "children use phones");
    const tobias = await childWithOwnLogin({ given: "Tobias", born: fifteenYearsBefore(0), serial: 910, username: "tobias.vik" }, info.retry);
    const before = await lastMessageId(request, tobias.email);
    await gotoHydrated(page, "/login/child");
    await page.getByLabel("Brukernavn").fill(tobias.username);
    await page.getByLabel("Passord").fill(PASSWORD);
    await page.getByRole("button", { name: "Neste" }).click();

    await expect(page.getByRole("alert")).toHaveText(
      "Du har fylt 15 år, og brukernavnet og passordet ditt virker ikke lenger. Logg inn med ID-porten (for eksempel MinID) i stedet. Loggen din, samtykkene og det du har skrevet, er der som før.",
    );
    // ID-porten is the way in now: the one primary button on the page.
    await expect(page.locator(".button.primary")).toHaveText(["Logg inn med ID-porten"]);
    await expectAccessible(page);
    await page.screenshot({ path: info.outputPath("own-login-ended.png"), fullPage: true });
    expect(await lastMessageId(request, tobias.email), "no code is sent").toBe(before);

    await page.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await expect(page.getByRole("heading", { name: "TestID – lokal ID-porten" })).toBeVisible();
    await page.getByLabel("Annet fødselsnummer").fill(tobias.pid);
    await page.locator("#other").getByRole("button", { name: "Logg inn" }).click();
    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByText("Du er logget inn som Tobias Vik")).toBeVisible();
    await expect(page.getByRole("status").filter({ hasText: "ID-porten" })).toHaveCount(0);
  });
});
