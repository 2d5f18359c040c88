import { expect, test } from "./fixtures";

/**
 * The colour pairs of the design system (style/main.css) and the least contrast WCAG 2.1 AA
 * asks of each: 4.5:1 for text, 3:1 for the boundary of a control and for the focus ring
 * (1.4.11). A pair the stylesheet starts using belongs here. The tokens are read from the
 * served stylesheet as the browser resolves them, so a token that refers to another one is
 * checked by its value.
 */
const TEXT = 4.5;
const NON_TEXT = 3;
const pairs: [foreground: string, background: string, least: number, where: string][] = [
  ["--color-text", "--color-bg", TEXT, "body text"],
  ["--color-text", "--color-bg-subtle", TEXT, "text on the footer, filter and empty states"],
  ["--color-text-subtle", "--color-bg", TEXT, "hints, lead, counts, placeholders, a chart's labels"],
  ["--color-text-subtle", "--color-bg-subtle", TEXT, "the footer, an empty state"],
  ["--color-link", "--color-bg", TEXT, "links, secondary buttons, tabs"],
  ["--color-link", "--color-bg-subtle", TEXT, "a tab on a phone"],
  ["--color-link", "--color-action-subtle", TEXT, "a hovered secondary button or tab"],
  ["--color-text", "--color-action-subtle", TEXT, "the current tab"],
  ["--color-on-brand", "--color-brand", TEXT, "the header"],
  ["--color-on-action", "--color-action", TEXT, "a primary button"],
  ["--color-on-action", "--color-action-hover", TEXT, "a hovered primary button"],
  ["--color-on-action", "--color-action-active", TEXT, "a pressed primary button"],
  ["--color-on-danger", "--color-danger", TEXT, "a danger button"],
  ["--color-on-danger", "--color-danger-hover", TEXT, "a hovered danger button"],
  ["--color-error", "--color-bg", TEXT, "a field's error"],
  ["--color-text", "--color-info-subtle", TEXT, "an info alert"],
  ["--color-text", "--color-success-subtle", TEXT, "a success alert"],
  ["--color-text", "--color-warning-subtle", TEXT, "a warning alert, a saved version"],
  ["--color-text-subtle", "--color-warning-subtle", TEXT, "the hint in a saved version"],
  ["--color-text", "--color-error-subtle", TEXT, "an error alert"],
  ["--color-badge-info-text", "--color-badge-info-bg", TEXT, "an info badge"],
  ["--color-badge-success-text", "--color-badge-success-bg", TEXT, "a success badge"],
  ["--color-badge-warning-text", "--color-badge-warning-bg", TEXT, "a warning badge"],
  ["--color-badge-neutral-text", "--color-badge-neutral-bg", TEXT, "a neutral badge"],
  ["--color-link", "--color-warning-subtle", TEXT, "a pressing thing waiting on a log"],
  ["--color-link", "--color-info-subtle", TEXT, "a thing waiting on a log"],
  ["--color-voice-text", "--color-voice-subtle", TEXT, "the child's voice, named over the entry"],
  ["--color-text", "--color-voice-subtle", TEXT, "an entry in the child's voice"],
  ["--color-text-subtle", "--color-voice-subtle", TEXT, "who wrote it and when, in the child's voice"],
  ["--color-border", "--color-bg", NON_TEXT, "the boundary of inputs, selects, text areas"],
  ["--color-action", "--color-bg", NON_TEXT, "a secondary button's border, a hovered input, the current tab's bar"],
  ["--color-focus", "--color-bg", NON_TEXT, "the focus ring"],
  ["--color-focus", "--color-bg-subtle", NON_TEXT, "the focus ring on the footer or a tab"],
  ["--color-focus", "--color-action-subtle", NON_TEXT, "the focus ring on the current tab"],
  ["--color-focus-on-brand", "--color-brand", NON_TEXT, "the focus ring in the header"],
  ["--color-info", "--color-info-subtle", NON_TEXT, "an info alert's border"],
  ["--color-success", "--color-success-subtle", NON_TEXT, "a success alert's border"],
  ["--color-warning", "--color-warning-subtle", NON_TEXT, "a warning alert's border"],
  ["--color-error", "--color-error-subtle", NON_TEXT, "an error alert's border, an invalid field"],
  ["--color-voice", "--color-voice-subtle", NON_TEXT, "the bar beside the child's voice"],
  ["--color-chart-open", "--color-bg", NON_TEXT, "a chart's open logs, consents got, evaluations on time"],
  ["--color-chart-waiting", "--color-bg", NON_TEXT, "a chart's logs and evaluations waiting or late"],
  ["--color-chart-closed", "--color-bg", NON_TEXT, "a chart's closed logs"],
  ["--color-chart-missing", "--color-bg", NON_TEXT, "a chart's missing evaluations"],
];

type Rgb = [number, number, number];

/** WCAG 2.1 relative luminance of an sRGB colour. */
function luminance([r, g, b]: Rgb): number {
  const linear = (channel: number) => {
    const c = channel / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

function contrast(a: Rgb, b: Rgb): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}

test("every text/background pair of the design tokens meets WCAG AA contrast", async ({ page }, info) => {
  test.skip(info.project.name !== "desktop", "the tokens are the same in every viewport");
  await page.goto("/");
  const tokens = [...new Set(pairs.flatMap(([fg, bg]) => [fg, bg]))];
  // The browser resolves each token (and any var() inside it) to rgb(); a token the
  // stylesheet lacks is reported rather than read as some inherited colour.
  const resolved: Record<string, string | null> = await page.evaluate((names) => {
    const probe = document.createElement("span");
    document.body.append(probe);
    const root = getComputedStyle(document.documentElement);
    const out: Record<string, string | null> = {};
    for (const name of names) {
      if (root.getPropertyValue(name).trim() === "") {
        out[name] = null;
        continue;
      }
      probe.style.color = `var(${name})`;
      out[name] = getComputedStyle(probe).color;
    }
    probe.remove();
    return out;
  }, tokens);

  const rgb = (name: string): Rgb => {
    const value = resolved[name];
    expect(value, `${name} is defined in the stylesheet`).not.toBeNull();
    const match = /^rgb\((\d+), (\d+), (\d+)\)$/.exec(value ?? "");
    expect(match, `${name} is an opaque colour (${value})`).not.toBeNull();
    return [Number(match![1]), Number(match![2]), Number(match![3])];
  };

  const report = pairs.map(([fg, bg, least, where]) => {
    const ratio = contrast(rgb(fg), rgb(bg));
    return { pair: `${fg} on ${bg} (${where})`, ratio: Math.round(ratio * 100) / 100, least };
  });
  const lowest = report.reduce((low, row) => (row.ratio < low.ratio ? row : low));
  info.annotations.push({ type: "lowest contrast", description: `${lowest.ratio}:1, ${lowest.pair}` });
  const failing = report.filter((row) => row.ratio < row.least).map((row) => `${row.pair}: ${row.ratio}:1 < ${row.least}:1`);
  expect(failing, "token pairs below WCAG AA").toEqual([]);
});
