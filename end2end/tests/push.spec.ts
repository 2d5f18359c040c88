import { type APIRequestContext, type Page } from "@playwright/test";
import { askForLog, asPerson, expect, expectAccessible, gotoHydrated, person, test } from "./fixtures";
import { putFamily, yearsAgo } from "./register";

/** The local push service (dev/push) the test command started. */
function pushService() {
  const url = process.env.PUSH_URL;
  if (!url) throw new Error("run through ./scripts/test: the push service stand-in is not set");
  return url;
}

type Subscription = { endpoint: string; expirationTime: null; keys: { p256dh: string; auth: string } };

/** A subscription the stand-in issued: it holds the private key, so it can decrypt. */
async function newSubscription(request: APIRequestContext): Promise<Subscription> {
  const response = await request.post(`${pushService()}/_control/subscribe`);
  expect(response.ok()).toBe(true);
  return response.json();
}

/** What arrived at the stand-in for `subscription`, decrypted. */
async function arrived(request: APIRequestContext, subscription: Subscription) {
  const id = subscription.endpoint.split("/").pop();
  const response = await request.get(`${pushService()}/_control/messages?subscription=${id}`);
  return (await response.json()) as { payload: string; urgency: string; ttl: number; vapid: { aud: string } }[];
}

/**
 * Chromium's `pushManager.subscribe` asks Google's push service (FCM) for a subscription,
 * which this closed network cannot reach. The page's PushManager is given the stand-in's
 * subscription instead, as a PushSubscription; everything after it is real: the page's
 * permission request, the server function storing it, the outbox, encryption, the VAPID
 * signature, delivery, and decryption at the stand-in. The subscription lives in the tab's
 * sessionStorage, as a browser keeps its own across page loads.
 */
async function usePushService(page: Page, subscription: Subscription) {
  await page.context().grantPermissions(["notifications"]);
  await page.addInitScript((given) => {
    const made = () =>
      Object.create(PushSubscription.prototype, {
        endpoint: { value: given.endpoint },
        expirationTime: { value: null },
        toJSON: { value: () => given },
        unsubscribe: {
          value: async () => {
            sessionStorage.removeItem("test-push");
            return true;
          },
        },
      });
    PushManager.prototype.subscribe = async function (options?: PushSubscriptionOptionsInit) {
      sessionStorage.setItem("test-push", String(options?.applicationServerKey));
      sessionStorage.setItem("test-push-visible", String(options?.userVisibleOnly));
      return made();
    };
    PushManager.prototype.getSubscription = async function () {
      return sessionStorage.getItem("test-push") === null ? null : made();
    };
  }, subscription);
}

test.describe("push notices on the family's phone", () => {
  test("a mother turns on notices, and news in her child's log reaches her phone as a title and a link", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "phone", "the mother uses her phone; the holder gets a desk");
    test.setTimeout(120_000);
    const family = await putFamily(request, {
      surname: "Varsel",
      serial: 800,
      child: { given: "Tiril", born: yearsAgo(9), home: "varsel" },
      parents: [{ given: "Marte", role: "mor", born: new Date(1986, 2, 9), home: "varsel" }],
      responsible: ["Marte"],
    });

    // Nora Strand at the school asks for a log for Tiril, with PPT.
    const holder = await person(browser, "Desktop Chrome");
    await asPerson(holder, "Nora Strand");
    const consents = await askForLog(holder, family.Tiril, /^Tiril Varsel, \d år$/);
    const logPath = consents.replace(/\/consents$/, "");

    // The mother turns on notices on her phone.
    const subscription = await newSubscription(request);
    await usePushService(page, subscription);
    await asPerson(page, family.Marte);
    await gotoHydrated(page, "/me");
    const notices = page.getByRole("region", { name: "Varsler på denne enheten" });
    await expect(notices.getByText("Varsler er av for denne enheten.")).toBeVisible();
    await expectAccessible(page);
    await notices.getByRole("button", { name: "Slå på varsler" }).click();
    await expect(notices.getByText("Varsler er på for denne enheten.")).toBeVisible();
    await expect(notices.getByRole("button", { name: "Slå av varsler" })).toBeVisible();
    // Subscribed with the server's VAPID key, for notices the user sees.
    expect(await page.evaluate(() => sessionStorage.getItem("test-push"))).toBe(process.env.PUSH_VAPID_PUBLIC_KEY);
    expect(await page.evaluate(() => sessionStorage.getItem("test-push-visible"))).toBe("true");
    await expectAccessible(page);
    await notices.scrollIntoViewIfNeeded();
    await page.screenshot({ path: info.outputPath("push-phone.png"), fullPage: true });

    // She consents; the log opens.
    await gotoHydrated(page, consents);
    for (const heading of ["At stafettloggen opprettes", /Fjordvik barneskole$/, /PPT Fjordvik$/]) {
      const card = page
        .getByRole("listitem")
        .filter({ has: page.getByRole("heading", { level: 3, name: heading }) });
      await card.getByRole("button", { name: "Jeg samtykker" }).click();
      await expect(card.getByText("Gjelder nå")).toBeVisible();
    }
    expect(await arrived(request, subscription)).toEqual([]);

    // The holder writes in the log: the phone is told that something is new, and where,
    // once, and nothing of what was written.
    const secret = `Tiril fortalte om ${Date.now()} vanskelige dager`;
    await gotoHydrated(holder, logPath);
    await holder.getByLabel("Skriv et nytt innlegg").fill(secret);
    await holder.getByRole("button", { name: "Lagre innlegget" }).click();
    await expect(holder.getByLabel("Skriv et nytt innlegg")).toHaveValue("");
    await expect.poll(async () => (await arrived(request, subscription)).length, { timeout: 30_000 }).toBe(1);
    const [message] = await arrived(request, subscription);
    expect(JSON.parse(message.payload)).toEqual({
      title: "Ny aktivitet i en stafettlogg",
      url: new URL(logPath, page.url()).href,
    });
    for (const word of ["Tiril", "Varsel", "vanskelige", "innlegg", "Nora"]) {
      expect(message.payload).not.toContain(word);
    }
    expect(message.urgency).toBe("normal");
    expect(message.vapid.aud).toBe(pushService());
    // The outbox looks twice a second: given time, it still sent it only once.
    await page.waitForTimeout(2_000);
    expect(await arrived(request, subscription)).toHaveLength(1);

    // She turns notices off again: the server forgets this phone.
    await gotoHydrated(page, "/me");
    await expect(notices.getByText("Varsler er på for denne enheten.")).toBeVisible();
    await notices.getByRole("button", { name: "Slå av varsler" }).click();
    await expect(notices.getByText("Varsler er av for denne enheten.")).toBeVisible();
    const status = await page.request.get("/api/push_status");
    expect((await status.json()).endpoint).toBeNull();
    await expectAccessible(page);

    // On a desk, the same section beside the rest of her page.
    const desk = await person(browser, "Desktop Chrome");
    await usePushService(desk, subscription);
    await asPerson(desk, family.Marte);
    await gotoHydrated(desk, "/me");
    await expect(desk.getByText("Varsler er av for denne enheten.")).toBeVisible();
    await desk.screenshot({ path: info.outputPath("push-desktop.png"), fullPage: true });
  });

  test("a browser that blocks notifications, or has no push, is told so", async ({ page }, info) => {
    test.skip(info.project.name !== "phone", "families use phones");
    await page.addInitScript(() => {
      Object.defineProperty(Notification, "permission", { get: () => "denied" });
    });
    await asPerson(page, "Ole Hansen");
    await gotoHydrated(page, "/me");
    const notices = page.getByRole("region", { name: "Varsler på denne enheten" });
    await expect(notices.getByText(/Varsler er blokkert for Stafett i denne nettleseren/)).toBeVisible();
    await expect(notices.getByRole("button")).toHaveCount(0);
    await expectAccessible(page);

    const old = await page.context().newPage();
    await old.addInitScript(() => {
      // @ts-expect-error: a browser without the Push API
      delete window.PushManager;
    });
    await gotoHydrated(old, "/me");
    const section = old.getByRole("region", { name: "Varsler på denne enheten" });
    await expect(section.getByText(/Denne nettleseren kan ikke ta imot varsler/)).toBeVisible();
    await expect(section.getByRole("button")).toHaveCount(0);
  });
});
