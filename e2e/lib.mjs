// What the Chromium checks share: the Chromium flags this closed network needs, the
// axe rule set (WCAG 2.0/2.1/2.2 A and AA) and how its findings are printed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

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
