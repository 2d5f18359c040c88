import { defineConfig, devices } from "@playwright/test";

// Debian's Chromium: Playwright's own browser download is not reachable from here. The
// flags keep Chromium from calling home, which this machine's closed network refuses.
const chromium = {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

export default defineConfig({
  testDir: "tests",
  fullyParallel: true,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  reporter: [["list"], ["json", { outputFile: "test-results/results.json" }]],
  use: {
    baseURL: process.env.STAFETT_BASE_URL ?? "http://127.0.0.1:3000",
    launchOptions: chromium,
    trace: "off",
  },
  expect: {
    // The pictures of visual.spec.ts: the same machine and browser draw the same pixels, so
    // only a sliver of antialiasing may differ.
    toHaveScreenshot: { maxDiffPixelRatio: 0.001 },
  },
  projects: [
    // The look of the main pages, first, on the demo data as seeded (visual.spec.ts).
    { name: "look-phone", testMatch: /visual\.spec\.ts/, use: { ...devices["Pixel 7"], launchOptions: chromium } },
    { name: "look-desktop", testMatch: /visual\.spec\.ts/, use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
    // Families use phones; staff use desktops.
    {
      name: "phone",
      testIgnore: /visual\.spec\.ts/,
      dependencies: ["look-phone", "look-desktop"],
      use: { ...devices["Pixel 7"], launchOptions: chromium },
    },
    {
      name: "desktop",
      testIgnore: /visual\.spec\.ts/,
      dependencies: ["look-phone", "look-desktop"],
      use: { ...devices["Desktop Chrome"], launchOptions: chromium },
    },
  ],
});
