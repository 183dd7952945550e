// What the Chromium checks share: the Chromium flags this closed network needs, the
// axe rule set (WCAG 2.0/2.1/2.2 A and AA) and how its findings are printed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

export const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
export const NAV_TIMEOUT_MS = 15_000;

const require = createRequire(import.meta.url);
export const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

/** axe's violations as readable lines: rule, help link, and up to ten nodes. */
export function formatViolations(violations) {
  const out = [];
  for (const v of violations) {
    out.push(`axe ${v.id} [${v.impact ?? "n/a"}] ${v.help} (${v.nodes.length} node(s))`);
    out.push(`    ${v.helpUrl}`);
    for (const n of v.nodes.slice(0, 10)) {
      out.push(`    target: ${n.target.map((t) => (Array.isArray(t) ? t.join(" >>> ") : t)).join(", ")}`);
      out.push(`    html:   ${n.html.replace(/\s+/g, " ").slice(0, 300)}`);
      const summary = (n.failureSummary || "").split("\n").slice(1, 3).map((s) => s.trim()).filter(Boolean);
      if (summary.length) out.push(`    why:    ${summary.join(" / ")}`);
    }
    if (v.nodes.length > 10) out.push(`    ... and ${v.nodes.length - 10} more`);
  }
  return out;
}

/** `p` (a path) on the server at `base`. */
export function urlOn(base, p) {
  return new URL(p, base.endsWith("/") ? base : `${base}/`).toString();
}

/** Throws "not run" when an earlier step did not produce what this one needs. */
export function need(value, what) {
  if (value === undefined || value === null || value === "") throw new Error(`not run: ${what} is missing (an earlier step failed)`);
  return value;
}

/** The page's visible text, whitespace collapsed. */
export async function bodyText(page) {
  return (await page.evaluate(() => document.body?.innerText ?? "")).replace(/\s+/g, " ");
}

/**
 * Named steps with a tally: `test(name, fn)` runs `fn` (it throws, or returns a list
 * of problems), prints "ok" or "FAIL" with the problems and any `note`s; `axeTest`
 * runs axe on the page as it is (and saves a screenshot into `shotDir` when given).
 */
export function runner(shotDir) {
  const run = { passed: 0, failed: 0 };
  let notes = [];
  let shots = 0;
  run.note = (text) => notes.push(text);
  run.test = async (name, fn) => {
    notes = [];
    let ok = true;
    try {
      const problems = (await fn()) || [];
      if (problems.length) throw new Error(problems.join("\n"));
      run.passed++;
      console.log(`ok   ${name}`);
    } catch (err) {
      ok = false;
      run.failed++;
      console.log(`FAIL ${name}`);
      for (const line of String(err?.message ?? err).split("\n")) console.log(`       ${line}`);
    }
    for (const line of notes) console.log(`       (${line})`);
    notes = [];
    return ok;
  };
  run.axeTest = async (page, label) => {
    await run.test(`${label}: axe`, async () => {
      await page.addScriptTag({ content: axeSource });
      const result = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
        AXE_TAGS,
      );
      return formatViolations(result.violations);
    });
    if (shotDir) {
      const name = `${String(++shots).padStart(2, "0")}-${label.replace(/[^a-zA-Z0-9._-]+/g, "_")}.png`;
      await page.screenshot({ path: path.join(shotDir, name), fullPage: true }).catch(() => {});
    }
  };
  return run;
}
