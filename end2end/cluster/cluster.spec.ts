import type { Page } from "@playwright/test";
import { asPerson, expect, hydrated, openSarasLog, test } from "../tests/fixtures";
import { logInWithIdPorten } from "../tests/idporten";

/** The two nodes' own addresses and processes (scripts/lib/cluster.sh). */
function node(name: "A" | "B") {
  const url = process.env[`CLUSTER_NODE_${name}_URL`];
  const pid = Number(process.env[`CLUSTER_NODE_${name}_PID`]);
  if (!url || !pid) throw new Error("run through ./scripts/test: the cluster is not started");
  return { url, pid };
}

/** A consent decision on the Samtykker page, by its heading. */
function decision(page: Page, heading: RegExp) {
  return page.getByRole("listitem").filter({ has: page.getByRole("heading", { level: 3, name: heading }) });
}

test("two nodes share logins and consents, and a node killed mid-flow loses nothing", async ({ page, browser, baseURL }) => {
  const a = node("A");
  const b = node("B");

  // Sara logs in through ID-porten on node A; her next page, from node B, knows her.
  await page.goto(`${a.url}/login`);
  await logInWithIdPorten(page, "Sara Lie");
  await expect(page.getByText("Du er logget inn som Sara Lie")).toBeVisible();
  await page.goto(`${b.url}/me`);
  await expect(page.getByText("Du er logget inn som Sara Lie")).toBeVisible();

  // Ida Brekke reads Sara's log on node A.
  const nurse = await (await browser.newContext({ baseURL: a.url })).newPage();
  await asPerson(nurse, "Ida Brekke");
  await nurse.goto(`${a.url}/me`);
  await openSarasLog(nurse);
  await expect(nurse.getByText("Det hjelper å sitte ved vinduet.")).toBeVisible();

  // Sara withdraws the health station's consent through node B; Ida's next read on node
  // A is refused.
  await page.goto(`${b.url}/me`);
  await openSarasLog(page);
  await page.getByRole("navigation", { name: "Deler av loggen" }).getByRole("link", { name: "Samtykker" }).click();
  await hydrated(page);
  await decision(page, /Helsestasjon for barn og unge$/).getByRole("button", { name: "Trekk tilbake samtykket" }).click();
  await expect(decision(page, /Helsestasjon for barn og unge$/).getByText("Gjelder ikke nå")).toBeVisible();
  await nurse.reload();
  await expect(nurse.getByRole("heading", { level: 1, name: "Ingen tilgang" })).toBeVisible();
  await expect(nurse.getByText("Det hjelper å sitte ved vinduet.")).toHaveCount(0);

  // Through the load balancer, Sara writes an entry; node A dies with kill -9 before she
  // saves. The save goes to node B, she stays logged in, and what she wrote is saved once.
  const text = "Skrevet mens en av serverne falt ut.";
  await page.goto(`${baseURL}/me`);
  await openSarasLog(page);
  await hydrated(page);
  await page.getByLabel("Skriv et nytt innlegg").fill(text);
  process.kill(a.pid, "SIGKILL");
  await page.getByRole("button", { name: "Lagre innlegget" }).click();
  await expect(page.getByRole("listitem").filter({ hasText: text })).toHaveCount(1);
  await expect(page.getByLabel("Skriv et nytt innlegg")).toHaveValue("");
  await page.reload();
  await expect(page.getByRole("navigation", { name: "Min side" }).getByRole("link", { name: "Sara Lie" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: text })).toHaveCount(1);
});
