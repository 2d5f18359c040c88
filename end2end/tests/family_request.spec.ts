import { asPerson, expect, expectAccessible, gotoHydrated, hydrated, person, test } from "./fixtures";

test.describe("a family asks for a log themselves", () => {
  test("Anne asks the school for Nora on her phone; the head appoints a teacher at his desk", async ({
    page,
    browser,
  }, info) => {
    test.skip(info.project.name !== "phone", "the family asks on the phone; the head gets a desk below");
    const about = "Nora gruer seg for skolen og sover dårlig. Vi vil at skolen og helsestasjonen snakker sammen.";
    await asPerson(page, "Anne Lie");
    await gotoHydrated(page, "/me");
    await page.getByRole("link", { name: "Be om en stafettlogg" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Be om en stafettlogg" })).toBeVisible();
    await hydrated(page);
    await page.getByLabel("Hvem gjelder det?").selectOption({ label: "Nora Lie, 12 år" });
    await page.getByLabel("Hvilken tjeneste vil dere skal holde loggen?").selectOption({ label: "Fjordvik barneskole" });
    // Too short a story is named, and what she wrote stays in the form.
    await page.getByLabel("Hva gjelder det? Skriv med egne ord.").fill("Hjelp oss");
    await page.getByRole("button", { name: "Send forespørselen" }).click();
    await expect(page.getByRole("alert")).toHaveText("Fortell med egne ord hva det gjelder (10 til 4000 tegn).");
    await expect(page.getByLabel("Hva gjelder det? Skriv med egne ord.")).toHaveValue("Hjelp oss");
    await page.getByLabel("Hva gjelder det? Skriv med egne ord.").fill(about);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send forespørselen" }).click();
    await expect(page.getByText("Venter på at lederen ved Fjordvik barneskole utnevner en stafettholder.")).toBeVisible();

    // Eirik, head of the school, reads what she wrote and appoints Nora Strand.
    const head = await person(browser, "Desktop Chrome");
    await asPerson(head, "Eirik Vik");
    await gotoHydrated(head, "/unit-logs");
    const request = head.getByRole("listitem").filter({ hasText: "Nora Lie · Fjordvik barneskole" });
    await expect(request.getByText(about)).toBeVisible();
    await expect(request.getByText(/^En foresatt spurte /)).toBeVisible();
    await expect(head.getByText("Anne Lie")).toHaveCount(0);
    await expectAccessible(head);
    await request.getByLabel("Stafettholder").selectOption({ label: "Fjordvik barneskole – Nora Strand (Kontaktlærer)" });
    await request.getByRole("button", { name: "Utnevn stafettholder" }).click();
    await expect(head.getByRole("heading", { level: 1, name: "Stafettholder for Nora Lie" })).toBeVisible();
    await head.context().close();

    // Anne sees who holds it, and goes on to consent.
    await page.reload();
    await expect(page.getByText("Nora Strand er utnevnt til stafettholder. Loggen åpnes når dere har gitt samtykke.")).toBeVisible();
    await page.getByRole("link", { name: "Gå til samtykkene" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Samtykker" })).toBeVisible();
  });
});
