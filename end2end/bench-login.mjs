// Logs a person in through the local ID-porten in Debian's Chromium and prints the cookie
// header of the session, for the benchmark's load generator (scripts/bench).
import { chromium } from "@playwright/test";

const [base, person] = process.argv.slice(2);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
});
const context = await browser.newContext({ baseURL: base });
const page = await context.newPage();
await page.goto("/me");
await page.getByRole("link", { name: "Logg inn med ID-porten" }).click();
await page.getByRole("button", { name: person, exact: true }).click();
await page.waitForURL(/\/me$/);
const cookies = await context.cookies();
console.log(cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join("; "));
await browser.close();
