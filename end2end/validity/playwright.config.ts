import { defineConfig, devices } from "@playwright/test";
import base from "../playwright.config";

// The HTML check of `./scripts/test`: one desktop browser signs in and fetches the pages the
// server sends; the W3C Nu checker (vnu) reads them. Kept out of the main suite's folder so
// it runs as a stage of its own, after it.
export default defineConfig({
  globalSetup: "./collect.ts",
  ...base,
  testDir: ".",
  outputDir: "../test-results/validity",
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "../test-results/validity.json" }]],
  projects: [{ name: "desktop", use: { ...base.use, ...devices["Desktop Chrome"], launchOptions: base.use?.launchOptions } }],
});
