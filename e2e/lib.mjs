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

/**
 * What keeps the page, as laid out in its current viewport, from reflowing (WCAG
 * 1.4.10) or from being tapped (WCAG 2.5.8): the page wider than the viewport (with
 * the nodes that stick out, widest first), buttons partly outside it, and buttons,
 * button-like links and form controls smaller than 24×24 CSS px. Inline links in
 * sentences are exempt from the size rule, as WCAG exempts them.
 */
export async function reflowProblems(page) {
  return page.evaluate(() => {
    const vw = window.innerWidth;
    const slack = 0.5; // sub-pixel rounding
    const out = [];
    const describe = (el) => {
      const id = el.id ? `#${el.id}` : "";
      const cls = [...el.classList].slice(0, 2).map((c) => `.${c}`).join("");
      const text = (el.innerText || el.value || el.getAttribute("aria-label") || "").replace(/\s+/g, " ").trim().slice(0, 40);
      return `<${el.tagName.toLowerCase()}${id}${cls}>${text ? ` "${text}"` : ""}`;
    };
    const shown = (el) => {
      const r = el.getBoundingClientRect();
      // 1×1 px: visually hidden on purpose (samenleren-visually-hidden)
      return r.width > 1 && r.height > 1 && getComputedStyle(el).visibility === "visible";
    };
    // Overflow an ancestor scrolls or clips does not widen the page, unless it is
    // positioned past that ancestor (absolute, with a containing block further out:
    // a visually hidden text in a table that scrolls on its own still widens it).
    const inScroller = (node) => {
      let escaping = false;
      let child = node;
      for (let a = node.parentElement; a && a !== document.body; child = a, a = a.parentElement) {
        if (child.nodeType === Node.ELEMENT_NODE && /^(absolute|fixed)$/.test(getComputedStyle(child).position)) escaping = true;
        const style = getComputedStyle(a);
        if (escaping && style.position === "static") continue;
        escaping = false;
        if (style.overflowX !== "visible") return true;
      }
      return false;
    };
    const rightOf = (node) => {
      if (node.nodeType === Node.ELEMENT_NODE) return node.getBoundingClientRect().right;
      const range = document.createRange();
      range.selectNodeContents(node);
      return Math.max(-Infinity, ...[...range.getClientRects()].map((r) => r.right));
    };
    const list = (items, limit = 8) =>
      items.length > limit ? [...items.slice(0, limit), `... and ${items.length - limit} more`] : items;

    const width = document.documentElement.scrollWidth;
    if (width > vw) {
      // Where the width comes from: the nodes past the viewport's edge that stick out
      // of their parent, and the innermost ones (a long word, an address, a button).
      const past = new Set();
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        if (node.nodeType === Node.TEXT_NODE && !node.textContent.trim()) continue;
        if (node.nodeType === Node.ELEMENT_NODE && getComputedStyle(node).visibility !== "visible") continue;
        if (rightOf(node) > vw + slack && !inScroller(node)) past.add(node);
      }
      const culprits = [];
      for (const node of past) {
        const parent = node.parentElement;
        const right = rightOf(node);
        const sticksOut = right > parent.getBoundingClientRect().right + slack;
        const innermost = ![...node.childNodes].some((child) => past.has(child));
        if (!sticksOut && !innermost) continue;
        const what =
          node.nodeType === Node.TEXT_NODE
            ? `text "${node.textContent.replace(/\s+/g, " ").trim().slice(0, 40)}" in ${describe(parent)}`
            : describe(node);
        culprits.push({ right, what });
      }
      culprits.sort((a, b) => b.right - a.right);
      out.push(`page is ${width} px wide in a ${vw} px viewport (${width - vw} px sideways scrolling); past the edge, widest first:`);
      out.push(...list(culprits.map((c) => `    ${c.what} reaches ${Math.round(c.right)} px`)));
    }

    const buttons =
      "button, input[type=submit], input[type=button], input[type=reset], input[type=image], a.utrecht-button, a.utrecht-button-link, [role=button]";
    const outside = [];
    for (const el of document.querySelectorAll(buttons)) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.left < -slack || r.right > vw + slack) {
        outside.push(`    ${describe(el)} spans ${Math.round(r.left)}–${Math.round(r.right)} px`);
      }
    }
    if (outside.length) out.push(`${outside.length} button(s) (partly) outside the ${vw} px viewport:`, ...list(outside));

    const small = [];
    for (const el of document.querySelectorAll(`${buttons}, input:not([type=hidden]), select, textarea`)) {
      if (!shown(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width < 24 - slack || r.height < 24 - slack) {
        small.push(`    ${describe(el)} is ${Math.round(r.width * 10) / 10}×${Math.round(r.height * 10) / 10} px`);
      }
    }
    if (small.length) out.push(`${small.length} target(s) smaller than 24×24 px:`, ...list(small));
    return out;
  });
}
