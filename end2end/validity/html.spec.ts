import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { pageKey, pages, resultsFile, type Checked } from "./collect";

// One test per page: no vnu error but Leptos's own markers (counted in collect.ts).
for (const entry of pages) {
  const name = pageKey(entry.visitor, entry.name);
  test(`valid HTML: ${name}`, () => {
    const results = JSON.parse(readFileSync(resultsFile, "utf8")) as Record<string, Checked>;
    const result = results[name];
    expect(result, "checked").toBeDefined();
    const errors = result.errors.map((m) => `line ${m.lastLine}: ${m.message} ${JSON.stringify(m.extract ?? "")}`);
    expect(errors, `vnu errors in ${result.file}`).toEqual([]);
  });
}
