import { execFile } from "node:child_process";
import { randomBytes, randomUUID } from "node:crypto";
import path from "node:path";
import { promisify } from "node:util";
import type { CDPSession, Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, person, test } from "./fixtures";
import { syntheticNationalId } from "./idporten";
import { codeSentTo, lastMessageId, messageSentTo } from "./mailsink";

const PASSWORD = "tre blå hester";
// WebAuthn takes a domain, never an IP address, as the site a passkey belongs to: the app
// makes its passkeys for `localhost` when it is served on a loopback address, so the child's
// phone reaches it there (auth::passkey::origin).
const baseURL = process.env.STAFETT_BASE_URL ?? "http://127.0.0.1:3000";
const local = (pathname: string) => {
  const url = new URL(pathname, baseURL);
  url.hostname = "localhost";
  return url.toString();
};

type Family = { log: string; username: string; email: string; guardianId: string; guardianEmail: string };

/** Tiril (11) with her own login, her mother Hanne (national identity number with `serial`), and their open log (passkey-family.sql). */
async function family(serial: number): Promise<Family> {
  const database = process.env.STAFETT_E2E_DATABASE_URL;
  if (!database) throw new Error("run through ./scripts/test: the app's database is not set");
  const suffix = randomBytes(2).readUInt16BE(0) % 10_000;
  const made = {
    log: randomUUID(),
    username: `tiril.passnes.${serial}.${String(suffix).padStart(4, "0")}`,
    email: `tiril.passnes.${serial}.${suffix}@example.no`,
    guardianId: syntheticNationalId(new Date(1986, 2, 14), serial),
    guardianEmail: `hanne.passnes.${serial}.${suffix}@example.no`,
  };
  await promisify(execFile)("psql", [
    database,
    ...["-v", "ON_ERROR_STOP=1", "-q"],
    ...["-v", `log=${made.log}`, "-v", `child=${randomUUID()}`, "-v", `guardian=${randomUUID()}`],
    ...["-v", `username=${made.username}`, "-v", `email=${made.email}`, "-v", `guardian_nid=${made.guardianId}`],
    ...["-v", `guardian_email=${made.guardianEmail}`],
    ...["-f", path.join(__dirname, "passkey-family.sql")],
  ]);
  return made;
}

/**
 * A phone's own authenticator, as Chromium's DevTools make one: a platform authenticator
 * that keeps discoverable keys and verifies its user (fingerprint, face or PIN) every time.
 */
async function phoneAuthenticator(page: Page): Promise<{ cdp: CDPSession; authenticatorId: string }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("WebAuthn.enable");
  const { authenticatorId } = await cdp.send("WebAuthn.addVirtualAuthenticator", {
    options: {
      protocol: "ctap2",
      transport: "internal",
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return { cdp, authenticatorId };
}

async function logInWithPassword(page: Page, request: Parameters<typeof codeSentTo>[0], who: Family) {
  const before = await lastMessageId(request, who.email);
  await page.goto(local("/login/child"));
  await page.getByLabel("Brukernavn").fill(who.username);
  await page.getByLabel("Passord").fill(PASSWORD);
  await page.getByRole("button", { name: "Neste" }).click();
  await page.getByLabel("Kode").fill(await codeSentTo(request, who.email, before));
  await page.getByRole("button", { name: "Logg inn" }).click();
  await expect(page.getByText("Du er logget inn som Tiril Passnes")).toBeVisible();
}

async function logInWithPasskey(page: Page) {
  await page.goto(local("/login/child"));
  await page.getByRole("button", { name: "Logg inn med passnøkkel" }).click();
}

/** The page as it looks now on the phone and on a desktop's width, kept with the results. */
async function pictures(page: Page, name: string, outputPath: (name: string) => string) {
  const phone = page.viewportSize();
  await page.screenshot({ path: outputPath(`${name}-phone.png`), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: outputPath(`${name}-desktop.png`), fullPage: true });
  if (phone) await page.setViewportSize(phone);
}

async function logOut(page: Page) {
  await page.getByRole("button", { name: "Logg ut", exact: true }).click();
  await expect(page).toHaveURL(/\/logged-out$/);
}

test.describe("passkeys for children under 15", () => {
  test("Tiril makes a passkey on her phone, her mother approves it, Tiril logs in with it alone; a copy of it is refused and her mother removes it", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "phone", "children use phones");
    // Each refused login is answered after a growing pause (the throttle), on purpose.
    test.slow();
    const who = await family(750);
    const phone = await phoneAuthenticator(page);

    // After a login with password and code, Tiril makes a passkey on her own page; her
    // mother is told it waits for her.
    await logInWithPassword(page, request, who);
    const toMother = await lastMessageId(request, who.guardianEmail);
    const passkeys = page.getByRole("region", { name: "Passnøkkel" });
    await expect(passkeys.getByText("Du har ingen passnøkkel ennå.")).toBeVisible();
    await passkeys.getByRole("button", { name: "Lag passnøkkel på denne mobilen" }).click();
    await expect(page).toHaveURL(/\/me\?passkey=registered#passkeys$/);
    await expect(passkeys.getByRole("status").filter({ hasText: "Passnøkkelen er laget" })).toBeVisible();
    await expect(passkeys.getByRole("listitem")).toContainText("Venter på godkjenning fra en forelder");
    expect(await messageSentTo(request, who.guardianEmail, toMother)).toContain("Barnet ditt har laget en passnøkkel");
    await expectAccessible(page);
    await pictures(page, "me", (name) => info.outputPath(name));

    // Until her mother approves it, the passkey opens nothing.
    await logOut(page);
    await logInWithPasskey(page);
    await expect(page.getByRole("alert")).toHaveText(
      "Passnøkkelen venter på godkjenning fra en forelder. Logg inn med brukernavn, passord og kode så lenge.",
    );
    await expectAccessible(page);
    await pictures(page, "login", (name) => info.outputPath(name));

    // Her mother sees it beside Tiril's login, and approves it.
    const mother = await person(browser, "Pixel 7");
    await asPerson(mother, who.guardianId);
    await mother.goto(`/logs/${who.log}/consents`);
    const care = mother.getByRole("region", { name: "Passnøkler" });
    await expect(care.getByRole("listitem")).toContainText("Venter på godkjenning fra en forelder");
    await expectAccessible(mother);
    await care.getByRole("button", { name: "Godkjenn passnøkkelen" }).click();
    await expect(care.getByRole("listitem")).toContainText("Kan brukes");
    await expect(care.getByRole("button", { name: "Godkjenn passnøkkelen" })).toHaveCount(0);

    // Now the passkey alone logs her in: no username, password or code (none is sent).
    const codesBefore = await lastMessageId(request, who.email);
    await logInWithPasskey(page);
    await expect(page.getByText("Du er logget inn som Tiril Passnes")).toBeVisible();
    expect(await lastMessageId(request, who.email)).toBe(codesBefore);
    await expect(page.getByRole("region", { name: "Passnøkkel" }).getByRole("listitem")).toContainText("Kan brukes");
    await page.goto(local("/sessions"));
    await expect(page.getByText("Passnøkkel").first()).toBeVisible();

    // Someone copies the key to another phone; it signs with a counter the server has seen.
    const [original] = (await phone.cdp.send("WebAuthn.getCredentials", { authenticatorId: phone.authenticatorId }))
      .credentials;
    expect(original.signCount).toBeGreaterThan(0);
    const thief = await person(browser, "Pixel 7");
    const copy = await phoneAuthenticator(thief);
    const beforeCopy = await lastMessageId(request, who.guardianEmail);
    await copy.cdp.send("WebAuthn.addCredential", {
      authenticatorId: copy.authenticatorId,
      credential: { ...original, signCount: 0 },
    });
    await thief.goto(local("/login/child"));
    await thief.getByRole("button", { name: "Logg inn med passnøkkel" }).click();
    await expect(thief.getByRole("alert")).toHaveText(
      "Passnøkkelen er sperret fordi en kopi av den er brukt. Logg inn med brukernavn, passord og kode, og snakk med en forelder.",
    );
    await expect(thief.getByText("Du er logget inn")).toHaveCount(0);
    expect(await messageSentTo(request, who.guardianEmail, beforeCopy)).toContain(
      "Noen brukte en kopi av passnøkkelen til barnet ditt",
    );

    // The key is blocked for the original phone too, and her mother is told why.
    await logOut(page);
    await logInWithPasskey(page);
    await expect(page.getByRole("alert")).toContainText("Passnøkkelen er sperret");
    await mother.reload();
    await expect(care.getByRole("alert")).toContainText("En passnøkkel er sperret fordi en kopi av den ble brukt");
    await expect(care.getByRole("listitem")).toContainText("Sperret: en kopi av den ble brukt");
    await expectAccessible(mother);
    await pictures(mother, "guardian", (name) => info.outputPath(name));

    // She removes it: the phone's key no longer opens anything.
    await care.getByRole("button", { name: "Fjern passnøkkelen" }).click();
    await expect(care.getByRole("listitem")).toHaveCount(0);
    await logInWithPasskey(page);
    await expect(page.getByRole("alert")).toHaveText(
      "Passnøkkelen virker ikke her lenger. Logg inn med brukernavn, passord og kode.",
    );
    await expect(page.getByLabel("Brukernavn")).toBeVisible();
  });

  test("a lost phone: her mother removes the working passkey, and it logs nobody in", async ({ page, browser, request }, info) => {
    test.skip(info.project.name !== "phone", "children use phones");
    test.slow();
    const who = await family(760);
    await phoneAuthenticator(page);
    await logInWithPassword(page, request, who);
    await page.getByRole("button", { name: "Lag passnøkkel på denne mobilen" }).click();
    await expect(page.getByRole("region", { name: "Passnøkkel" }).getByRole("listitem")).toContainText("Venter på godkjenning");

    const mother = await person(browser, "Pixel 7");
    await asPerson(mother, who.guardianId);
    await mother.goto(`/logs/${who.log}/consents`);
    const care = mother.getByRole("region", { name: "Passnøkler" });
    await care.getByRole("button", { name: "Godkjenn passnøkkelen" }).click();
    await expect(care.getByRole("listitem")).toContainText("Kan brukes");
    await logOut(page);
    await logInWithPasskey(page);
    await expect(page.getByText("Du er logget inn som Tiril Passnes")).toBeVisible();

    // The phone is lost: her mother removes the passkey, and whoever has the phone is refused.
    await care.getByRole("button", { name: "Fjern passnøkkelen" }).click();
    await expect(care.getByRole("listitem")).toHaveCount(0);
    await expectAccessible(mother);
    await logOut(page);
    await logInWithPasskey(page);
    await expect(page.getByRole("alert")).toHaveText(
      "Passnøkkelen virker ikke her lenger. Logg inn med brukernavn, passord og kode.",
    );
    await expect(page.getByText("Du er logget inn")).toHaveCount(0);
  });
});
