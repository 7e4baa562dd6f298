// Audit one HTML file with axe-core in headless Chromium; print the violations as JSON.
// Usage: node audit.mjs FILE.html   (CHROMIUM=/path/to/chromium to override the browser)
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
try {
  const page = await browser.newPage();
  await page.goto(pathToFileURL(process.argv[2]).href);
  await page.addScriptTag({ content: axeSource });
  const results = await page.evaluate(async () =>
    // Every rule axe has, including best practices, not just the WCAG tags.
    await window.axe.run(document, { resultTypes: ["violations"] }));
  const summary = results.violations.map((v) => ({
    id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => n.target.join(" ")),
  }));
  console.log(JSON.stringify({ rules_passed: results.passes.length, violations: summary }));
} finally {
  await browser.close();
}
