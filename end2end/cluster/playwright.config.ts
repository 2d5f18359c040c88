import { defineConfig, devices } from "@playwright/test";
import base from "../playwright.config";

// The cluster stage of `./scripts/test`: the app as two nodes behind HAProxy
// (scripts/lib/cluster.sh). Kept out of the main suite's folder: it runs after it, and kills
// a node.
export default defineConfig({
  ...base,
  testDir: ".",
  outputDir: "../test-results/cluster",
  fullyParallel: false,
  workers: 1,
  reporter: [["list"], ["json", { outputFile: "../test-results/cluster.json" }]],
  projects: [{ name: "phone", use: { ...base.use, ...devices["Pixel 7"], launchOptions: base.use?.launchOptions } }],
});
