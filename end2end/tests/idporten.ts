import { expect, type Page } from "@playwright/test";

/** From a page of ours, through the local ID-porten's test-person list, back to us. */
export async function logInWithIdPorten(page: Page, person: string) {
  await page.getByRole("link", { name: "Logg inn med ID-porten" }).click();
  await expect(page.getByRole("heading", { name: "TestID – lokal ID-porten" })).toBeVisible();
  await page.getByRole("button", { name: person, exact: true }).click();
}

/**
 * A synthetic national identity number (month + 80, as in Skatteetaten's test data) for a
 * birth date in 2000–2039, with valid check digits: a number no real person can have.
 */
export function syntheticNationalId(born: Date, start: number): string {
  const two = (n: number) => String(n).padStart(2, "0");
  const base = `${two(born.getDate())}${two(born.getMonth() + 81)}${two(born.getFullYear() % 100)}`;
  for (let individual = start; individual < 1000; individual++) {
    const d = (base + String(individual).padStart(3, "0")).split("").map(Number);
    const control = (weights: number[], digits: number[]) => {
      const k = 11 - (weights.reduce((sum, w, i) => sum + w * digits[i], 0) % 11);
      return k === 11 ? 0 : k;
    };
    const k1 = control([3, 7, 6, 1, 8, 9, 4, 5, 2], d);
    if (k1 === 10) continue;
    const k2 = control([5, 4, 3, 2, 7, 6, 5, 4, 3, 2], [...d, k1]);
    if (k2 === 10) continue;
    return `${d.join("")}${k1}${k2}`;
  }
  throw new Error("no valid number from this start");
}
