import { askForLog, asPerson, expect, expectAccessible, gotoHydrated, hydrated, person, test } from "./fixtures";
import { syntheticNationalId } from "./idporten";
import { putFamily, yearsAgo } from "./register";

test.describe("a member of staff leaving a unit", () => {
  test("the administrator ends a holder's membership; the head appoints another, and the membership ends", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "desktop", "administrators and heads work at a desk");
    test.slow();
    const family = await putFamily(request, {
      surname: "Flytt",
      serial: 730,
      child: { given: "Ask", born: yearsAgo(9), home: "flytt" },
      parents: [{ given: "Randi", role: "mor", born: new Date(1986, 6, 6), home: "flytt" }],
      responsible: ["Randi"],
    });
    const even = syntheticNationalId(new Date(2001, 4, 12), 731);

    // Berit takes Even on at the school.
    await asPerson(page, "Berit Holm");
    await gotoHydrated(page, "/admin");
    await page.getByRole("link", { name: "Fjordvik barneskole" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Fjordvik barneskole" })).toBeVisible();
    const unitPage = page.url();
    await hydrated(page);
    const addStaff = page.locator("form").filter({ has: page.getByText("Legg til ansatt", { exact: true }) });
    await addStaff.getByLabel("Fødselsnummer (11 siffer)").fill(even);
    await addStaff.getByLabel("Fornavn").fill("Even");
    await addStaff.getByLabel("Etternavn").fill("Flyttesen");
    await addStaff.getByLabel("E-post på jobben").fill("even.flyttesen@fjordvik.kommune.no");
    await addStaff.getByLabel("Telefon").fill("+47 900 00 731");
    await addStaff.getByRole("button", { name: "Legg til ansatt" }).click();
    const staff = page.getByRole("list", { name: "Ansatte" });
    const evenCard = staff.getByRole("listitem").filter({ hasText: "Even Flyttesen" });
    await expect(evenCard).toBeVisible();

    // Even asks for a log for Ask, and holds it for the school.
    const teacher = await person(browser, "Desktop Chrome");
    await asPerson(teacher, "Even Flyttesen");
    await askForLog(teacher, family.Ask, "Ask Flytt, 9 år");
    await teacher.context().close();

    // Even leaves the school: he holds Ask's log, so he stays until the head appoints another.
    await page.goto(unitPage);
    await hydrated(page);
    await evenCard.getByRole("button", { name: "Avslutt medlemskap: Even Flyttesen" }).click();
    await expect(
      evenCard.getByText("Slutter: venter på at enhetslederen utnevner nye stafettholdere for loggene den ansatte holder"),
    ).toBeVisible();
    await expect(evenCard.getByRole("button", { name: "Avslutt medlemskap: Even Flyttesen" })).toHaveCount(0);
    await expectAccessible(page);

    // Eirik, head of the school, sees the log marked and appoints Nora Strand.
    const head = await person(browser, "Desktop Chrome");
    await asPerson(head, "Eirik Vik");
    await gotoHydrated(head, "/unit-logs");
    const row = head.getByRole("row").filter({ hasText: "Ask Flytt" });
    await expect(row.getByRole("cell", { name: /Even Flyttesen/ })).toContainText("Slutter – utnevn en ny stafettholder");
    await expectAccessible(head);
    await row.getByRole("link", { name: "Ask Flytt" }).click();
    await expect(head.getByRole("heading", { level: 1, name: "Stafettholder for Ask Flytt" })).toBeVisible();
    const appoint = head.getByRole("region", { name: "Utnevn en stafettholder" });
    await appoint.getByLabel("Til").selectOption({ label: "Fjordvik barneskole – Nora Strand (Kontaktlærer)" });
    await appoint.getByRole("button", { name: "Utnevn" }).click();
    await expect(head.getByRole("listitem").filter({ hasText: "Nora Strand" }).first()).toBeVisible();
    await gotoHydrated(head, "/unit-logs");
    await expect(head.getByRole("row").filter({ hasText: "Ask Flytt" })).toContainText("Nora Strand");
    await expect(head.getByText("Slutter – utnevn en ny stafettholder")).toHaveCount(0);
    await head.context().close();

    // With his last log passed on, Even has left the school.
    await page.goto(unitPage);
    await expect(page.getByRole("heading", { level: 1, name: "Fjordvik barneskole" })).toBeVisible();
    await expect(staff.getByRole("listitem").filter({ hasText: "Even Flyttesen" })).toHaveCount(0);
  });
});
