import { chromium, devices, type Page } from "@playwright/test";
import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { asPerson, expect, expectAccessible, gotoHydrated, hydrated, openSarasLog, test } from "./fixtures";

/** Every response in this origin's caches: where from, and what it says. */
async function cached(page: Page) {
  return page.evaluate(async () => {
    const kept: { url: string; text: string }[] = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      for (const request of await cache.keys()) {
        const response = await cache.match(request);
        kept.push({ url: request.url, text: response ? await response.text() : "" });
      }
    }
    return kept;
  });
}

test.describe("the app on the family's phone", () => {
  test("Sara installs it, its caches never hold her log, offline shows a page of its own, and logging out empties them", async ({
    baseURL,
  }, info) => {
    test.skip(info.project.name !== "phone", "the installable app is the family's, on a phone");
    // A browser profile of its own: Chromium installs nothing from an incognito context,
    // which is what a test's context otherwise is.
    const profile = await mkdtemp(path.join(tmpdir(), "stafett-phone-"));
    const context = await chromium.launchPersistentContext(profile, {
      ...devices["Pixel 7"],
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      baseURL,
    });
    const page = context.pages()[0] ?? (await context.newPage());
    await asPerson(page, "Sara Lie");
    await gotoHydrated(page, "/me");
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.ready).active?.state))
      .toBe("activated");

    // Chromium finds nothing in the way of installing it.
    const devtools = await page.context().newCDPSession(page);
    const { installabilityErrors } = await devtools.send("Page.getInstallabilityErrors");
    expect(installabilityErrors).toEqual([]);
    const manifest = await (await page.request.get("/manifest.webmanifest")).json();
    expect(manifest).toMatchObject({ short_name: "Stafett", start_url: "/me", display: "standalone", lang: "nb" });
    expect(manifest.icons.filter((icon: { purpose: string }) => icon.purpose === "maskable")).toHaveLength(2);
    expect(manifest.screenshots).toHaveLength(2);

    // She reads her log; the caches hold the shell, and nothing of the log.
    await openSarasLog(page);
    const log = new URL(page.url()).pathname;
    await expect(page.getByText("Det hjelper å sitte ved vinduet.")).toBeVisible();
    await expect.poll(async () => (await cached(page)).length).toBeGreaterThan(5);
    for (const { url, text } of await cached(page)) {
      expect(url).not.toContain("/logs/");
      expect(url).not.toContain("/api/");
      expect(text).not.toContain("Det hjelper å sitte ved vinduet");
      expect(text).not.toContain("Sara Lie");
    }

    // Back on her page: where the browser offers to install it, the page says so, and the
    // button asks the browser (the offer is Chromium's own event, made here as Chromium
    // makes it).
    await gotoHydrated(page, "/me");
    await page.evaluate(() => {
      const offer = new Event("beforeinstallprompt", { cancelable: true });
      Object.assign(offer, { prompt: () => Object.assign(window, { prompted: true }) });
      window.dispatchEvent(offer);
    });
    await expect(page.getByText("Legg den på hjemskjermen, så åpner den som en app.")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: info.outputPath("install-hint.png"), fullPage: true });
    await page.getByRole("button", { name: "Legg Stafett på hjemskjermen" }).click();
    expect(await page.evaluate(() => "prompted" in window)).toBe(true);
    await expect(page.getByRole("button", { name: "Legg Stafett på hjemskjermen" })).toBeHidden();

    // A new version of the app is published while she is writing: its worker takes over,
    // an older version's cache goes, and what she typed is still in the form on the next
    // page. (Playwright cannot hand the browser other bytes for the worker's update, so the
    // new version is this worker under a new address, which the browser installs as an
    // update all the same, and the older cache is one made as an older worker left it.)
    await gotoHydrated(page, log);
    const draft = "Skrevet mens appen fikk en ny versjon.";
    await page.getByLabel("Skriv et nytt innlegg").fill(draft);
    const [current] = await page.evaluate(() => caches.keys());
    await page.evaluate(() => caches.open("stafett-shell-0123456789abcdef"));
    await page.evaluate(() => navigator.serviceWorker.register("/sw.js?build=next"));
    await expect
      .poll(() => page.evaluate(() => navigator.serviceWorker.controller?.scriptURL))
      .toMatch(/\/sw\.js\?build=next$/);
    await expect.poll(() => page.evaluate(() => caches.keys())).toEqual([current]);
    await page.reload();
    await hydrated(page);
    await expect(page.getByLabel("Skriv et nytt innlegg")).toHaveValue(draft);
    await expect(page.getByRole("alert")).toHaveText("Det du skrev sist, var ikke lagret. Vi har hentet det fram igjen.");

    // The connection drops: a page of the app's own says why, and that drafts are kept.
    await page.context().setOffline(true);
    await page.goto("/me").catch(() => {});
    await expect(page.getByRole("heading", { level: 1, name: "Ingen forbindelse" })).toBeVisible();
    await expect(page.getByText("tatt vare på på denne enheten")).toBeVisible();
    await expectAccessible(page);
    await page.screenshot({ path: info.outputPath("offline.png") });
    await page.context().setOffline(false);

    // Logging out leaves no cache behind on the device.
    await gotoHydrated(page, "/me");
    await page.getByRole("button", { name: "Logg ut" }).click();
    await expect(page).toHaveURL(/logged-out/);
    await expect.poll(async () => (await cached(page)).length).toBe(0);
    await context.close();
    await rm(profile, { recursive: true, force: true });
  });

  test("the WASM comes compressed at build time at the highest quality", async ({ request }, info) => {
    test.skip(info.project.name !== "phone", "a phone on a slow connection is why");
    const built = path.join(__dirname, "../../target/site/pkg/stafett.wasm.br");
    for (const path of ["/pkg/stafett.wasm", "/pkg/stafett.js", "/pkg/stafett.css"]) {
      const response = await request.get(path, { headers: { "accept-encoding": "br, gzip" } });
      expect(response.headers()["content-encoding"], path).toBe("br");
    }
    const wasm = await request.get("/pkg/stafett.wasm", { headers: { "accept-encoding": "br" } });
    expect(Number(wasm.headers()["content-length"])).toBe((await stat(built)).size);
  });
});
