import { type Locator, type Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, gotoHydrated, hydrated, openSarasLog, test } from "./fixtures";
import { codeSentTo, lastMessageId } from "./mailsink";

/** The part of /me about one kind of address: from its heading to the next. */
function contactForm(page: Page, label: string): Locator {
  return page.locator("#contact form").filter({ has: page.getByLabel(label, { exact: true }) });
}

test.describe("contact details that reach people", () => {
  test("a parent confirms a new e-mail address and a mobile number on the phone", async ({ page, request }, info) => {
    test.skip(info.project.name !== "phone", "families use phones");
    // Two codes through the outbox and the sink, and five accessibility checks.
    test.slow();
    await asPerson(page, "Ole Hansen");
    await gotoHydrated(page, "/me");
    const contact = page.getByRole("region", { name: "Kontaktinformasjon" });
    await expect(contact.getByText("ole.hansen@example.no")).toBeVisible();
    await expect(contact.getByText("Bekreftet", { exact: true })).toHaveCount(1);
    await expectAccessible(page);

    // A new e-mail address: a code goes there; the old one is used until it is confirmed.
    const address = `ole.${Date.now()}@hansen.example`;
    const before = await lastMessageId(request, address);
    // The address in use first; a new one is a step away.
    await expect(contact.getByLabel("Ny e-postadresse")).toBeHidden();
    await contact.getByText("Bytt e-postadresse").click();
    await contactForm(page, "Ny e-postadresse").getByLabel("Ny e-postadresse").fill(address);
    await contactForm(page, "Ny e-postadresse").getByRole("button", { name: "Send kode" }).click();
    await expect(contact.getByText(`Vi har sendt en kode til ${address}.`)).toBeVisible();
    await expect(contact.getByText("ole.hansen@example.no")).toBeVisible();
    await gotoHydrated(page, "/me");
    await expectAccessible(page);
    const code = await codeSentTo(request, address, before);

    // A wrong code is refused beside the field, and nothing changes.
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, "0");
    const codeField = contact.getByLabel("Kode (6 siffer)");
    await codeField.fill(wrong);
    await contact.getByRole("button", { name: "Bekreft" }).click();
    await expect(codeField).toHaveAccessibleDescription("Koden stemmer ikke. Sjekk at du skrev alle seks sifrene.");
    await expect(codeField).toHaveAttribute("aria-invalid", "true");
    await expectAccessible(page);
    await codeField.fill(code);
    await contact.getByRole("button", { name: "Bekreft" }).click();
    await expect(contact.getByText(address, { exact: true })).toBeVisible();
    await expect(contact.getByText("ole.hansen@example.no")).toHaveCount(0);
    await hydrated(page);

    // A mobile number, written the way people write it; the code comes by SMS.
    const digits = String(Date.now() % 10_000_000).padStart(7, "0");
    const mobile = `+479${digits}`;
    const sms = await lastMessageId(request, mobile);
    const mobileForm = contactForm(page, "Nytt mobilnummer");
    await mobileForm.getByLabel("Nytt mobilnummer").fill(`9${digits.slice(0, 2)} ${digits.slice(2, 4)} ${digits.slice(4)}`);
    await mobileForm.getByRole("button", { name: "Send kode" }).click();
    await expect(contact.getByText(`Vi har sendt en kode til ${mobile}.`)).toBeVisible();
    const smsCode = await codeSentTo(request, mobile, sms);
    await hydrated(page);
    await contact.getByLabel("Kode (6 siffer)").fill(smsCode);
    await contact.getByRole("button", { name: "Bekreft" }).click();
    await expect(contact.getByText(mobile, { exact: true })).toBeVisible();
    await expect(contact.getByText("Bekreftet", { exact: true })).toHaveCount(2);

    // Notices by SMS too, in nynorsk: the page follows the choice.
    await hydrated(page);
    await contact.getByRole("radio", { name: "Nynorsk" }).check();
    await contact.getByRole("radio", { name: "Både e-post og SMS" }).check();
    await contact.getByRole("button", { name: "Lagre" }).click();
    await expect(page.getByRole("region", { name: "Kontaktinformasjon" }).getByText("Stadfesta", { exact: true })).toHaveCount(2);
    await expect(page.getByRole("radio", { name: "Både e-post og SMS" })).toBeChecked();
    await expectAccessible(page);
  });

  test("the holder sees who cannot be reached, and why", async ({ page }, info) => {
    test.skip(info.project.name !== "desktop", "a holder works at a desk");
    await sarasConsents(page, "Anders Moen");
    const reach = page.getByRole("region", { name: "Hvem varslene når" });
    const tor = reach.getByRole("listitem").filter({ hasText: "Tor Lie" });
    await expect(tor.getByText("Nås ikke")).toBeVisible();
    await expect(tor.getByText("ingen bekreftet e-post eller mobil")).toBeVisible();
    await expect(reach.getByRole("listitem").filter({ hasText: "Anne Lie" }).getByText("Nås", { exact: true })).toBeVisible();
    await expectAccessible(page);
  });

  test("nobody else sees who cannot be reached", async ({ page }, info) => {
    test.skip(info.project.name !== "phone", "families use phones");
    await sarasConsents(page, "Sara Lie");
    await expect(page.getByRole("heading", { level: 2, name: "Dine samtykker" })).toBeVisible();
    await expect(page.getByText("Hvem varslene når")).toHaveCount(0);
    await expect(page.getByText("Nås ikke")).toHaveCount(0);
  });
});

/** Logs in as WHO and opens the consents page of Sara's log from their own page. */
async function sarasConsents(page: Page, who: string) {
  await asPerson(page, who);
  await gotoHydrated(page, "/me");
  await openSarasLog(page);
  await gotoHydrated(page, `${new URL(page.url()).pathname}/consents`);
}
