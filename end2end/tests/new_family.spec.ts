import { expect, expectAccessible, hydrated, test } from "./fixtures";
import { numberOf } from "./register";

test.describe("a family new to Stafett", () => {
  test("Silje Haug, whom only the population register knows, logs in on her phone and may ask for a log for Ella", async ({
    page,
    request,
  }, info) => {
    test.skip(info.project.name !== "phone", "families use phones");
    const silje = await numberOf(request, "Silje Haug");
    await page.goto("/me");
    await expect(page).toHaveURL(/\/login\?return_to=%2Fme$/);
    await page.getByRole("link", { name: "Logg inn med ID-porten" }).click();
    await expect(page.getByRole("heading", { name: "TestID – lokal ID-porten" })).toBeVisible();
    // Nobody stored in Stafett: she is not among the listed persons, and types her number.
    await expect(page.getByRole("button", { name: "Silje Haug", exact: true })).toHaveCount(0);
    await page.getByLabel("Annet fødselsnummer").fill(silje);
    await page.getByRole("button", { name: "Logg inn", exact: true }).click();

    await expect(page).toHaveURL(/\/me$/);
    await expect(page.getByText("Du er logget inn som Silje Haug")).toBeVisible();
    await hydrated(page);
    await page.getByRole("link", { name: "Be om en stafettlogg" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Be om en stafettlogg" })).toBeVisible();
    await expect(page.getByLabel("Hvem gjelder det?").getByRole("option", { name: "Ella Haug, 7 år" })).toHaveCount(1);
    await expectAccessible(page);
  });
});
