// Firefox smoke test: Debian's firefox-esr, driven by geckodriver over WebDriver, opens the
// family's log page, sees it hydrate with no error in the pages, and keeps a draft across a
// reload. Chromium (Playwright, tests/) stays the main browser. Firefox's abort of an
// unclaimed WASM preload (leptos-rs/leptos#4843, worked around in app/src/ui/shell.rs) is
// intermittent and was not seen here without the workaround: the HTML check guards that.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { Builder, By, until } from "selenium-webdriver";
import logInspector from "selenium-webdriver/bidi/logInspector.js";
import firefox from "selenium-webdriver/firefox.js";

const base = process.env.STAFETT_BASE_URL ?? "http://127.0.0.1:3000";
const timeout = 20_000;
let driver;
/** What the pages threw or logged as errors (a broken WASM, an aborted preload, CSP). */
const errors = [];

before(async () => {
  const options = new firefox.Options()
    .setBinary(process.env.FIREFOX_PATH ?? "/usr/bin/firefox-esr")
    .addArguments("-headless")
    // Keep Firefox from calling home: this machine's network refuses it, and a test needs none.
    .setPreference("app.update.enabled", false)
    .setPreference("browser.shell.checkDefaultBrowser", false)
    .setPreference("datareporting.policy.dataSubmissionEnabled", false)
    .setPreference("toolkit.telemetry.enabled", false)
    .setPreference("network.captive-portal-service.enabled", false)
    .setPreference("network.connectivity-service.enabled", false)
    .windowSize({ width: 412, height: 915 })
    // WebDriver BiDi, for the pages' errors.
    .enableBidi();
  // Both paths given: selenium-webdriver then never looks for (or downloads) a driver or browser.
  const service = new firefox.ServiceBuilder(process.env.GECKODRIVER_PATH ?? "geckodriver");
  driver = await new Builder().forBrowser("firefox").setFirefoxOptions(options).setFirefoxService(service).build();
  const inspector = await logInspector(driver);
  await inspector.onJavascriptException((entry) => errors.push(`exception: ${entry.text}`));
  await inspector.onConsoleEntry((entry) => {
    if (entry.level === "error") errors.push(`console: ${entry.text}`);
  });
});

after(async () => {
  await driver?.quit();
});

/** Waits for the marker the last island sets once the page has hydrated. */
async function hydrated() {
  await driver.wait(until.elementLocated(By.css('html[data-hydrated="true"]')), timeout, "the page did not hydrate");
}

/** The form field labelled LABEL. */
async function field(label) {
  const labelElement = await driver.findElement(By.xpath(`//label[normalize-space()="${label}"]`));
  return driver.findElement(By.id(await labelElement.getAttribute("for")));
}

function drafts() {
  return driver.executeScript(
    'return Object.keys(localStorage).filter((key) => key.startsWith("stafett.draft."));',
  );
}

test("the family's log hydrates in Firefox and keeps a draft across a reload", async () => {
  const text = "Skrevet i Firefox, og fortsatt her etter en ny innlasting.";

  // Sara logs in through the local ID-porten and opens her log. Each page of ours hydrates
  // before she leaves it: leaving earlier aborts its WASM download, which Firefox reports as
  // an error of that page.
  await driver.get(`${base}/me`);
  await hydrated();
  await driver.findElement(By.linkText("Logg inn med ID-porten")).click();
  await driver.wait(until.elementLocated(By.xpath('//button[normalize-space()="Sara Lie"]')), timeout).click();
  await driver.wait(until.urlMatches(/\/me$/), timeout);
  await hydrated();
  const card = await driver.findElement(By.xpath('//li[contains(., "Stafettlogg for Sara Lie")]'));
  await card.findElement(By.linkText("Åpne loggen")).click();
  await driver.wait(until.urlMatches(/\/logs\/[^/]+$/), timeout);
  await hydrated();

  // What she types is kept on the device...
  const entry = await field("Skriv et nytt innlegg");
  await entry.sendKeys(text);
  await driver.wait(async () => (await drafts()).length === 1, timeout, "the draft was not kept");

  // ...and is back in the form after a reload, with a word saying so.
  await driver.navigate().refresh();
  await hydrated();
  assert.equal(await (await field("Skriv et nytt innlegg")).getAttribute("value"), text);
  const alert = await driver.wait(until.elementLocated(By.css('[role="alert"]')), timeout);
  assert.equal(await alert.getText(), "Det du skrev sist, var ikke lagret. Vi har hentet det fram igjen.");

  // Logging out leaves nothing she wrote on the device.
  await driver.findElement(By.xpath('//button[normalize-space()="Logg ut"]')).click();
  await driver.wait(until.urlMatches(/\/logged-out$/), timeout);
  await hydrated();
  assert.deepEqual(await drafts(), []);
  assert.deepEqual(errors, [], "errors in the pages");
});
