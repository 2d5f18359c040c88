import { type Page } from "@playwright/test";
import { asPerson, expect, expectAccessible, hydrated, openSarasLog, person, test } from "./fixtures";
import { isoDay, shownDay } from "./days";
import { lastMessageId, messageSentTo } from "./mailsink";

test.describe("the plan and the meetings of Sara's log", () => {
  test.describe.configure({ mode: "serial" });

  test("the holder builds the plan and runs a meeting; Sara follows on her phone", async ({
    page,
    browser,
    request,
  }, info) => {
    test.skip(info.project.name !== "desktop", "the holder works at a desk; Sara gets a phone below");
    test.setTimeout(150_000);
    const tomorrow = isoDay(1);
    const shownTomorrow = shownDay(1);

    // Anders, who holds Sara's log, opens its plan.
    await asPerson(page, "Anders Moen");
    await page.goto("/me");
    await openSarasLog(page);
    const logPath = new URL(page.url()).pathname;
    await page.getByRole("link", { name: "Plan og tiltak" }).click();
    await expect(page.getByRole("heading", { level: 1, name: "Plan for Sara Lie" })).toBeVisible();
    await expect(page.getByText("Ingen utviklingsområder ennå.")).toBeVisible();

    // A development area with a common goal.
    await page.getByText("Nytt utviklingsområde").click();
    await page.getByLabel("Tittel").fill("Skole og trivsel");
    await page.getByRole("button", { name: "Legg til området" }).click();
    await expect(page.getByRole("heading", { level: 3, name: "Skole og trivsel" })).toBeVisible();
    await page.getByLabel("Nytt felles mål").fill("Sara deltar i matteundervisningen hver uke");
    await page.getByRole("button", { name: "Legg til målet" }).click();
    await expect(page.getByText("Mål: Sara deltar i matteundervisningen hver uke")).toBeVisible();

    // A measure with the nurse responsible; a wrong date is named and nothing is saved.
    await hydrated(page);
    const form = page.locator("details", { hasText: "Nytt tiltak" });
    await form.getByLabel("Tittel").fill("Kortere økter i matte");
    await form.getByLabel("Mål").selectOption({ label: "Skole og trivsel – Sara deltar i matteundervisningen hver uke" });
    await form.getByLabel("Ansvarlig").selectOption({ label: "Ida Brekke (Helsestasjon for barn og unge)" });
    await form.getByLabel("Start").fill(isoDay(0));
    await form.getByLabel("Planlagt evaluering").fill(isoDay(-1));
    await form.getByLabel("Status").selectOption({ label: "Pågår" });
    await form.getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(page.getByRole("alert")).toHaveText(
      "Evalueringsdatoen må være i dag eller senere, og ikke før startdatoen.",
    );
    await expect(page.getByText("Ingen tiltak ennå.")).toBeVisible();
    await form.getByLabel("Tittel").fill("Kortere økter i matte");
    await form.getByLabel("Ansvarlig").selectOption({ label: "Ida Brekke (Helsestasjon for barn og unge)" });
    await form.getByLabel("Start").fill(isoDay(0));
    await form.getByLabel("Planlagt evaluering").fill(isoDay(28));
    await form.getByRole("button", { name: "Lagre tiltaket" }).click();
    const measure = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Kortere økter i matte/ }) });
    await expect(measure.getByText(`Ansvarlig: Ida Brekke. Evalueres ${shownDay(28)}.`)).toBeVisible();

    // An evaluation made together.
    await measure.getByText("Evalueringer").click();
    await measure.getByLabel("Hva ble prøvd?").fill("Økter på 20 minutter med pause.");
    await measure.getByLabel("Hva virket, og hva virket ikke?").fill("Sara holdt ut hele timen to ganger.");
    await measure.getByLabel("Hva gjør vi videre?").fill("Fortsetter ut måneden.");
    await measure.getByLabel("Dato for evalueringen").fill(isoDay(0));
    await measure.getByRole("button", { name: "Lagre evalueringen" }).click();
    await expect(page.getByText("Sara holdt ut hele timen to ganger.")).toBeVisible();
    await expectAccessible(page);

    // A meeting tomorrow: Sara and Ida are invited, Anders takes the minutes.
    const idaBefore = await lastMessageId(request, "ida.brekke@example.no");
    await page.getByRole("link", { name: "Tilbake til loggen" }).click();
    await page.getByRole("link", { name: "Møter", exact: true }).click();
    await expect(page.getByText("Ingen møter ennå.")).toBeVisible();
    await page.getByLabel("Dato").fill(tomorrow);
    await page.getByLabel("Klokkeslett").fill("14:00");
    await page.getByLabel("Sted").fill("Grupperom 3, Fjordvik ungdomsskole");
    await page.getByLabel("Referent").selectOption({ label: "Anders Moen (Fjordvik ungdomsskole)" });
    await page.getByLabel("Saker (én per linje, valgfritt)").fill("Hvordan går det i matte?");
    await expectAccessible(page);
    await page.getByRole("button", { name: "Kall inn" }).click();
    await page.getByRole("link", { name: `Møte ${shownTomorrow} kl. 14.00` }).click();
    await expect(page.getByRole("heading", { level: 1, name: `Møte ${shownTomorrow} kl. 14.00` })).toBeVisible();
    const meetingUrl = new URL(page.url()).pathname;

    // The nurse's invitation says when and where to look, and nothing of the log.
    const invitation = await messageSentTo(request, "ida.brekke@example.no", idaBefore);
    expect(invitation).toContain(`${shownTomorrow} kl. 14.00`);
    expect(invitation).toContain(meetingUrl);
    expect(invitation).not.toContain("Sara");
    expect(invitation).not.toContain("matte");

    // The calendar file comes through the gate.
    const ics = await page.request.get(
      await page.getByRole("link", { name: "Legg i kalenderen (.ics)" }).getAttribute("href") ?? "",
    );
    expect(ics.status()).toBe(200);
    expect(ics.headers()["content-type"]).toBe("text/calendar; charset=utf-8");
    expect(await ics.text()).toContain("SUMMARY:Stafettmøte");

    // Sara, on her phone: who is involved, the next meeting, the measures; she writes and
    // proposes an item for the meeting.
    const sara = await person(browser, "Pixel 7");
    await asPerson(sara, "Sara Lie");
    await sara.goto("/me");
    await openSarasLog(sara);
    await expect(sara.getByText("Anders Moen", { exact: false }).first()).toBeVisible();
    await expect(sara.getByRole("heading", { name: "Neste møte" })).toBeVisible();
    await expect(sara.getByText(`${shownTomorrow} kl. 14.00`)).toBeVisible();
    await expect(sara.getByText(`Ansvarlig: Ida Brekke. Evalueres ${shownDay(28)}.`)).toBeVisible();
    await expectAccessible(sara);
    await sara.getByLabel("Skriv et nytt innlegg").fill("Jeg synes mattetimene har blitt bedre.");
    await sara.getByLabel("Barnets stemme").check();
    await sara.getByRole("button", { name: "Lagre innlegget" }).click();
    const voice = sara.getByRole("listitem").filter({ hasText: "Jeg synes mattetimene har blitt bedre." });
    await expect(voice.getByText("Barnets stemme", { exact: true })).toBeVisible();
    await sara.getByRole("link", { name: "Se møtet" }).click();
    await sara.getByLabel("Foreslå en sak").fill("Kan jeg slippe å lese høyt i timen?");
    await sara.getByRole("button", { name: "Foreslå saken" }).click();
    await expect(sara.getByText("foreslått av Sara Lie")).toBeVisible();
    await expectAccessible(sara);

    // Anders writes the minutes and a decision, and approves them.
    await page.reload();
    await expect(page.getByText("Kan jeg slippe å lese høyt i timen?")).toBeVisible();
    await page.getByLabel("Referatet").fill("Sara, Ida og Anders møttes. Matteøktene fungerer bedre.");
    // Saved, the page reloads; the decision is written on the page that comes back.
    await Promise.all([page.waitForEvent("load"), page.getByRole("button", { name: "Lagre referatet" }).click()]);
    await page.getByLabel("Nytt vedtak").fill("Sara slipper å lese høyt til neste møte.");
    await page.getByLabel("Gjelder tiltak (valgfritt)").selectOption({ label: "Kortere økter i matte" });
    await page.getByRole("button", { name: "Før inn vedtaket" }).click();
    await expect(page.getByText("Sara slipper å lese høyt til neste møte.")).toBeVisible();
    await page.getByLabel("Nytt vedtak").fill("Sara får fast plass ved vinduet i alle timer.");
    await page.getByRole("button", { name: "Før inn vedtaket" }).click();
    await expect(page.getByText("Sara får fast plass ved vinduet i alle timer.")).toBeVisible();
    await page.getByRole("button", { name: "Godkjenn referatet" }).click();
    await expect(page.getByText("Referat godkjent").first()).toBeVisible();
    await expect(page.getByLabel("Referatet")).toHaveCount(0);
    await expectAccessible(page);

    // One decision is about a measure, to be changed in the plan; another becomes a new one.
    const decision = (text: string) => page.getByRole("listitem").filter({ hasText: text });
    await expect(
      decision("Sara slipper å lese høyt").getByRole("link", { name: "Endre tiltaket i planen" }),
    ).toBeVisible();
    await decision("Sara får fast plass ved vinduet").getByRole("link", { name: "Lag tiltak fra vedtaket" }).click();
    const fromDecision = page.locator("details", { hasText: "Nytt tiltak" });
    await expect(
      fromDecision.getByText(`Fra vedtak i møtet ${shownTomorrow} kl. 14.00: beskrivelsen er hentet fra vedtaket.`),
    ).toBeVisible();
    await expect(fromDecision.getByLabel("Beskrivelse (valgfritt)")).toHaveValue(
      "Sara får fast plass ved vinduet i alle timer.",
    );
    await fromDecision.getByLabel("Tittel").fill("Fast plass ved vinduet");
    await fromDecision.getByLabel("Ansvarlig").selectOption({ label: "Anders Moen (Fjordvik ungdomsskole)" });
    await fromDecision.getByLabel("Start").fill(isoDay(0));
    await fromDecision.getByLabel("Planlagt evaluering").fill(isoDay(29));
    await fromDecision.getByRole("button", { name: "Lagre tiltaket" }).click();
    const made = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Fast plass ved vinduet/ }) });
    await expect(made.getByText(`Vedtatt i møtet ${shownTomorrow}.`)).toBeVisible();
    await expectAccessible(page);
    await page.goto(meetingUrl);
    await expect(
      decision("Sara får fast plass ved vinduet").getByRole("link", { name: "Fast plass ved vinduet" }),
    ).toBeVisible();

    // The next meeting is agreed: the form starts from this one; only the date is new.
    await page.getByRole("link", { name: "Kall inn til neste møte" }).click();
    await expect(page.getByText(`Fylt ut som møtet ${shownTomorrow} kl. 14.00: velg dato, og se over resten.`)).toBeVisible();
    await expect(page.getByLabel("Sted")).toHaveValue("Grupperom 3, Fjordvik ungdomsskole");
    await expect(page.getByLabel("Klokkeslett")).toHaveValue("14:00");
    await expect(page.getByLabel("Referent")).toHaveValue(await page.getByLabel("Referent").locator("option", { hasText: "Anders Moen" }).getAttribute("value") ?? "");
    await page.getByLabel("Dato").fill(isoDay(15));
    await page.getByRole("button", { name: "Kall inn" }).click();
    await expect(page.getByRole("link", { name: `Møte ${shownDay(15)} kl. 14.00` })).toBeVisible();

    // Sara reads the approved minutes; no more items can be added.
    await sara.reload();
    await expect(sara.getByText("Sara, Ida og Anders møttes. Matteøktene fungerer bedre.")).toBeVisible();
    await expect(sara.getByText(/Godkjent av Anders Moen/)).toBeVisible();
    await expect(sara.getByLabel("Foreslå en sak")).toHaveCount(0);
    await sara.context().close();

    // Anders and Ida change the same measure at once: Ida saves first; Anders is told, keeps
    // his text, and sees Ida's version beside it before he saves again.
    const ida = await person(browser, "Desktop Chrome");
    await asPerson(ida, "Ida Brekke");
    await ida.goto("/me");
    await openSarasLog(ida);
    for (const editor of [page, ida]) {
      await editor.goto(`${logPath}/plan`);
      await hydrated(editor);
      const card = editor.getByRole("listitem").filter({ has: editor.getByRole("heading", { name: /Kortere økter i matte/ }) });
      await card.getByText("Endre tiltaket").click();
    }
    const edit = (editor: Page) =>
      editor.getByRole("listitem").filter({ has: editor.getByRole("heading", { name: /Kortere økter i matte/ }) }).locator("details", { hasText: "Endre tiltaket" });
    await edit(ida).getByLabel("Beskrivelse (valgfritt)").fill("Ida: tre økter i uka.");
    await edit(ida).getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(ida.getByText("Ida: tre økter i uka.").first()).toBeVisible();
    await edit(page).getByLabel("Beskrivelse (valgfritt)").fill("Anders: to økter i uka.");
    await edit(page).getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(edit(page).getByRole("alert")).toHaveText(
      "Noen andre lagret en endring mens du skrev. Ingenting er lagret. Teksten din er tatt vare på: se begge versjonene og lagre på nytt.",
    );
    await expect(edit(page).getByLabel("Beskrivelse (valgfritt)")).toHaveValue("Anders: to økter i uka.");
    await expect(edit(page).getByText("Dette er versjonen som er lagret nå:")).toBeVisible();
    await expect(edit(page).locator(".saved-version")).toContainText("Ida: tre økter i uka.");
    await expectAccessible(page);
    await edit(page).getByRole("button", { name: "Lagre tiltaket" }).click();
    await expect(page.getByText("Anders: to økter i uka.").first()).toBeVisible();
    await ida.context().close();
  });
});
