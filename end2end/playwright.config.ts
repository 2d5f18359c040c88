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
  projects: [
    // Families use phones; staff use desktops.
    { name: "phone", use: { ...devices["Pixel 7"], launchOptions: chromium } },
    { name: "desktop", use: { ...devices["Desktop Chrome"], launchOptions: chromium } },
  ],
});
