#!/usr/bin/env node
// Registration end to end, the way a new visitor does it: Debian's Chromium driven by
// playwright-core, axe-core for WCAG 2.2 AA on every page on the way, and the emails
// read back from the outbox directory (.eml files) the server writes.
//
//   node e2e/registration.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox
//
// Needs a fresh server with the demo data, mail to files (no SMTP URL):
//   rm -rf /tmp/e2e-data
//   samenleren --data-dir /tmp/e2e-data serve --demo --addr 127.0.0.1:8095
// The café below must still have free places (30, of which the demo takes 8): run the
// script once per fresh data directory. It registers 2 people through the form and
// about 22 through the API, more than the default rate limit's burst (20), so it waits
// for Retry-After on a 429; start the server with SAMENLEREN_REGISTRATION_RATE=600/min
// to skip that wait.
//
// The flow:
//  1. activity page -> link "Aanmelden" -> the form (one h1, every field labelled, axe)
//  2. submit it empty: 422, error summary (role="alert") and messages at the fields
//     (axe); then fill it in and submit: "Bedankt voor je aanmelding" (axe)
//  3. the confirmation email: manage link, text/plain + text/html, <slug>.ics that
//     ical.js parses, with a VEVENT for the activity
//  4. fill the café through POST /api/v1/activities/<slug>/registrations until one
//     person is waitlisted
//  5. the manage link: "Je aanmelding", "Je bent aangemeld" (axe); "Afmelden" ->
//     confirm page (axe) -> "Ja, meld mij af" -> "Je bent afgemeld" (axe)
//  6. the waitlisted person gets "Er is een plaats vrij voor je" (automatic promotion)
//     and you get "Je bent afgemeld"
//  7. the form in English (?lang=en): "Register for", axe
//
// Env: E2E_SCREENSHOTS   directory for full-page PNGs (skipped when unset)
//      CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//      E2E_MAIL_WAIT_MS  how long to wait for an email (default 10000)
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import { CHROMIUM_ARGS, NAV_TIMEOUT_MS, bodyText, need, runner, urlOn } from "./lib.mjs";
import { outboxReader } from "./mail.mjs";
import ICAL from "ical.js";

// ---------------------------------------------------------------------------

const SLUG = "samenlevingsopbouw-en-collectiviseren";
const ACTIVITY_PATH = `/activiteiten/${SLUG}`;
const FORM_PATH = `${ACTIVITY_PATH}/aanmelden`;
const RUN = `${Date.now()}`;
const ME = {
  name: "Eva Testpersoon",
  email: `e2e-${RUN}@example.org`,
  organisation: "Buurtwerk Teststad",
};
// API fillers; unique per run as well.
const fillerEmail = (n) => `vuller-${n}-${RUN}@example.org`;

const MAIL_WAIT_MS = Number(process.env.E2E_MAIL_WAIT_MS || 10_000);
const MAX_FILLERS = 60;
const MAX_RATE_WAIT_MS = 120_000;

// ---------------------------------------------------------------------------

const base = process.argv[2];
const outbox = process.argv[3];
if (!base || !/^https?:\/\//.test(base) || !outbox) {
  console.error("usage: node e2e/registration.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox");
  process.exit(2);
}
const shotDir = process.env.E2E_SCREENSHOTS || "";
if (shotDir) mkdirSync(shotDir, { recursive: true });

const run = runner(shotDir);
const { note, test, axeTest } = run;

const urlFor = (p) => urlOn(base, p);

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Problems with the page's basic structure: <html lang>, one h1, labelled fields. */
async function pageBasics(page, lang) {
  const problems = [];
  const got = await page.evaluate(() => document.documentElement.getAttribute("lang"));
  if ((got || "").toLowerCase().split("-")[0] !== lang) problems.push(`<html lang="${got ?? ""}">, expected "${lang}"`);
  const h1s = await page.locator("h1").count();
  if (h1s !== 1) problems.push(`found ${h1s} <h1> elements, expected exactly 1`);
  const unlabelled = await page.evaluate(() =>
    [...document.querySelectorAll("input, select, textarea")]
      .filter((el) => el.type !== "hidden")
      .filter((el) => {
        const named =
          (el.labels && [...el.labels].some((l) => l.textContent.trim())) ||
          (el.getAttribute("aria-label") || "").trim() ||
          (el.getAttribute("aria-labelledby") || "").trim();
        return !named;
      })
      .map((el) => el.outerHTML.slice(0, 160)),
  );
  for (const html of unlabelled) problems.push(`field without a label: ${html}`);
  return problems;
}

/**
 * Problems where controls or their labels are drawn over each other (links, buttons,
 * fields, labels in <main>): a layout bug axe does not see. Compares the boxes of
 * each line (getClientRects), not of whole elements; nested elements are not compared.
 */
async function overlapProblems(page) {
  const hits = await page.evaluate(() => {
    const els = [...document.querySelectorAll("main a, main button, main input, main select, main textarea, main label")].filter(
      (el) => el.type !== "hidden" && !el.closest("[aria-hidden=true]") && el.checkVisibility?.() !== false,
    );
    const boxes = els.map((el) => [...el.getClientRects()].filter((r) => r.width > 1 && r.height > 1));
    const describe = (el) => {
      const text = (el.textContent || el.getAttribute("aria-label") || el.id || "").replace(/\s+/g, " ").trim().slice(0, 50);
      return `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ""}> "${text}"`;
    };
    const out = [];
    for (let i = 0; i < els.length; i++) {
      for (let j = i + 1; j < els.length; j++) {
        if (els[i].contains(els[j]) || els[j].contains(els[i])) continue;
        // A label and its own field may touch; the field sits inside or beside it by design.
        if ((els[i].tagName === "LABEL" && els[i].control === els[j]) || (els[j].tagName === "LABEL" && els[j].control === els[i])) continue;
        const overlap = boxes[i].some((a) =>
          boxes[j].some((b) => Math.min(a.right, b.right) - Math.max(a.left, b.left) > 2 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 2),
        );
        if (overlap) out.push(`${describe(els[i])} overlaps ${describe(els[j])}`);
      }
    }
    return out;
  });
  return hits.map((h) => `layout: ${h}`);
}

/** The form field labelled `label`, or `label (niet verplicht)` when it is optional. */
function field(page, label) {
  const escaped = label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return page.getByLabel(new RegExp(`^\\s*${escaped}(\\s*\\((niet verplicht|optional)\\))?\\s*$`));
}

async function h1Text(page) {
  return ((await page.locator("h1").first().textContent()) || "").replace(/\s+/g, " ").trim();
}

// --------------------------------------------------------------- email
const mailbox = outboxReader(outbox, MAIL_WAIT_MS);
const waitForMail = mailbox.waitFor;

const MANAGE_RE = /https?:\/\/[^\s"'<>]+\/aanmelding\/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/;

/** Problems with the text + HTML alternative of a message; returns the plain text. */
function alternativeProblems(mail, problems) {
  const plain = mail.parts.find((p) => p.contentType === "text/plain" && p.disposition !== "attachment");
  const html = mail.parts.find((p) => p.contentType === "text/html");
  if (!plain) problems.push(`${mail.file}: no text/plain part`);
  if (!html) problems.push(`${mail.file}: no text/html part`);
  if (mail.error) problems.push(`${mail.file}: cannot parse: ${mail.error}`);
  return { plain: plain?.text ?? "", html: html?.text ?? "" };
}

/** Parses an .ics attachment and checks it has a VEVENT about `title` with a DTSTART. */
function calendarProblems(mail, slug, title, problems) {
  const ics = mail.parts.find((p) => p.contentType === "text/calendar");
  if (!ics) {
    problems.push(`${mail.file}: no text/calendar attachment (parts: ${mail.parts.map((p) => p.contentType).join(", ")})`);
    return;
  }
  if (ics.filename !== `${slug}.ics`) problems.push(`calendar attachment is named "${ics.filename}", expected "${slug}.ics"`);
  if (!["base64", "quoted-printable", "7bit", "8bit"].includes(ics.encoding)) {
    problems.push(`calendar attachment has Content-Transfer-Encoding ${ics.encoding}`);
  }
  let cal;
  try {
    cal = new ICAL.Component(ICAL.parse(ics.text));
  } catch (e) {
    problems.push(`ical.js cannot parse ${ics.filename}: ${e.message}`);
    return;
  }
  if (cal.name !== "vcalendar") problems.push(`top component is ${cal.name}, expected vcalendar`);
  const events = cal.getAllSubcomponents("vevent");
  if (!events.length) problems.push(`${ics.filename}: no VEVENT`);
  const matching = events.filter((ev) => String(ev.getFirstPropertyValue("summary") ?? "").includes(title));
  if (events.length && !matching.length) {
    const summaries = events.map((ev) => JSON.stringify(ev.getFirstPropertyValue("summary")));
    problems.push(`${ics.filename}: no VEVENT whose SUMMARY contains "${title}" (found ${summaries.join(", ")})`);
  }
  for (const ev of matching) {
    if (!ev.getFirstProperty("dtstart")) problems.push(`${ics.filename}: VEVENT without DTSTART`);
  }
}

// --------------------------------------------------------------- API

async function api(method, p, body) {
  const res = await fetch(urlFor(p), {
    method,
    headers: body ? { "content-type": "application/json", accept: "application/json" } : { accept: "application/json" },
    body: body ? JSON.stringify(body) : undefined,
    redirect: "manual",
    signal: AbortSignal.timeout(NAV_TIMEOUT_MS),
  });
  const text = await res.text();
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    /* not JSON */
  }
  return { status: res.status, headers: res.headers, text, json };
}

// --------------------------------------------------------------- the flow

async function main() {
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    console.log(`FAIL launching Chromium: ${err.message.split("\n")[0]}`);
    run.failed++;
  }
  if (browser) {
    try {
      await flow(browser);
    } catch (err) {
      await test("registration flow (unexpected error)", async () => [err.stack || err.message]);
    }
    await browser.close();
  }
  console.log(`${run.passed} passed, ${run.failed} failed`);
  process.exit(run.failed > 0 ? 1 : 0);
}

async function flow(browser) {
  const s = {}; // what the steps hand on: title, manageUrl, waitlistedEmail, ...

  // bypassCSP: the app forbids inline script (as it should); axe is injected inline.
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: "nl-NL", bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  console.log(`run ${RUN}: registering ${ME.email}`);

  // 1. activity page -> "Aanmelden" -> form ------------------------------------------
  await test(`${ACTIVITY_PATH}: link "Aanmelden" opens the form`, async () => {
    const resp = await page.goto(urlFor(ACTIVITY_PATH), { waitUntil: "load" });
    if (resp?.status() !== 200) return [`HTTP status ${resp?.status()}, expected 200`];
    s.title = ((await page.locator("h1").first().textContent()) || "").replace(/\s+/g, " ").trim();
    const link = page.getByRole("link", { name: "Aanmelden", exact: true });
    if ((await link.count()) !== 1) {
      const problems = [`${await link.count()} links named exactly "Aanmelden", expected 1`];
      const info = await api("GET", `/api/v1/activities/${SLUG}`).catch(() => null);
      if (info?.json && info.json.places_taken >= info.json.capacity) {
        problems.push(`the café is full (${info.json.places_taken} of ${info.json.capacity}): run against a fresh --demo data directory`);
      }
      return problems;
    }
    const href = await link.getAttribute("href");
    if (!href?.endsWith(FORM_PATH)) return [`"Aanmelden" links to ${href}, expected …${FORM_PATH}`];
    const [nav] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), link.click()]);
    const problems = [];
    if (nav?.status() !== 200) problems.push(`form page: HTTP status ${nav?.status()}, expected 200`);
    if (new URL(page.url()).pathname !== FORM_PATH) problems.push(`landed on ${page.url()}, expected ${FORM_PATH}`);
    s.onForm = problems.length === 0;
    return problems;
  });

  await test(`${FORM_PATH}: one h1, labelled fields, privacy checkbox`, async () => {
    need(s.onForm, "the form page");
    const problems = await pageBasics(page, "nl");
    const h1 = await h1Text(page);
    if (!h1.startsWith("Aanmelden voor") || !h1.includes(s.title)) {
      problems.push(`h1 "${h1}", expected "Aanmelden voor ${s.title}"`);
    }
    for (const label of ["Naam", "E-mailadres", "Organisatie", "Functie"]) {
      if ((await field(page, label).count()) !== 1) problems.push(`no (single) field labelled "${label}"`);
    }
    if (!(await page.getByRole("checkbox", { name: /^Ik ga akkoord/ }).count())) {
      problems.push('no checkbox whose label starts "Ik ga akkoord"');
    }
    if (!(await page.getByRole("button", { name: "Aanmelden", exact: true }).count())) problems.push('no button "Aanmelden"');
    return problems;
  });
  if (s.onForm) await axeTest(page, `${FORM_PATH} form`);
  else await test(`${FORM_PATH} form: axe`, async () => need(null, "the form page"));
  await test(`${FORM_PATH} form: no controls drawn over each other`, async () => {
    need(s.onForm, "the form page");
    return overlapProblems(page);
  });

  // 2. empty submit -> 422 with errors; then the real one ------------------------------
  await test(`${FORM_PATH}: empty form gives 422, error summary and field errors`, async () => {
    need(s.onForm, "the form page");
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "Aanmelden", exact: true }).click(),
    ]);
    const problems = [];
    if (resp?.status() !== 422) problems.push(`HTTP status ${resp?.status()}, expected 422`);
    s.onErrors = true;
    problems.push(...(await pageBasics(page, "nl")));
    const summary = page.locator('[role="alert"]');
    if (!(await summary.count())) problems.push('no error summary (role="alert")');
    else {
      const links = await summary.first().locator("a[href^='#']").evaluateAll((as) =>
        as.map((a) => ({ href: a.getAttribute("href"), text: a.textContent.trim() })),
      );
      if (!links.length) problems.push("the error summary lists no errors (links to fields)");
      for (const l of links) {
        const exists = await page.evaluate((id) => !!document.getElementById(id), decodeURIComponent(l.href.slice(1)));
        if (!exists) problems.push(`error summary link "${l.text}" points to ${l.href}, which does not exist`);
      }
      const summaryText = await summary.first().innerText();
      if (!summaryText.includes("Vul je naam in.")) problems.push('error summary does not list "Vul je naam in."');
    }
    const messages = await page.evaluate(() =>
      [...document.querySelectorAll(".utrecht-form-field-error-message")].map((m) => {
        const field = m.closest(".utrecht-form-field");
        const input = field?.querySelector("input:not([type=hidden]), select, textarea");
        return {
          id: m.id,
          text: m.textContent.trim(),
          input: input ? input.id || input.name : null,
          invalid: input?.getAttribute("aria-invalid") === "true",
          describedBy: (input?.getAttribute("aria-describedby") || "").split(/\s+/),
        };
      }),
    );
    if (!messages.length) problems.push("no error messages at the fields (.utrecht-form-field-error-message)");
    if (!messages.some((m) => m.text === "Vul je naam in." && m.input === "name")) {
      problems.push('no error message "Vul je naam in." at the field Naam');
    }
    for (const m of messages) {
      if (!m.input) problems.push(`error message "${m.text}" is not in a form field with an input`);
      else if (!m.invalid) problems.push(`field ${m.input} has an error but no aria-invalid="true"`);
      else if (!m.id || !m.describedBy.includes(m.id)) {
        problems.push(`field ${m.input}: aria-describedby does not name its error message (#${m.id})`);
      }
    }
    return problems;
  });
  if (s.onErrors) await axeTest(page, `${FORM_PATH} with errors`);
  else await test(`${FORM_PATH} with errors: axe`, async () => need(null, "the error page"));
  await test(`${FORM_PATH} with errors: no controls drawn over each other`, async () => {
    need(s.onErrors, "the error page");
    return overlapProblems(page);
  });

  await test(`${FORM_PATH}: filled in, "Bedankt voor je aanmelding"`, async () => {
    need(s.onErrors || s.onForm, "the form page");
    await field(page, "Naam").fill(ME.name);
    await field(page, "E-mailadres").fill(ME.email);
    await field(page, "Organisatie").fill(ME.organisation);
    const role = field(page, "Functie");
    const value = await role.evaluate((sel) => [...sel.options].map((o) => o.value).find((v) => v && v !== "anders"));
    if (!value) return ["the Functie <select> has no non-empty option"];
    await role.selectOption(value);
    await page.getByRole("checkbox", { name: /^Ik ga akkoord/ }).check();
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "Aanmelden", exact: true }).click(),
    ]);
    const problems = [];
    if (resp?.status() !== 200) problems.push(`HTTP status ${resp?.status()}, expected 200`);
    const h1 = await h1Text(page);
    if (h1 !== "Bedankt voor je aanmelding") {
      problems.push(`h1 "${h1}", expected "Bedankt voor je aanmelding"`);
      const alerts = await page.locator('[role="alert"]').allInnerTexts();
      if (alerts.length) problems.push(`alerts on the page: ${alerts.join(" | ").replace(/\s+/g, " ")}`);
    } else s.registered = true;
    problems.push(...(await pageBasics(page, "nl")));
    if (!(await bodyText(page)).includes(ME.email)) problems.push(`the page does not mention ${ME.email}`);
    return problems;
  });
  if (s.registered) await axeTest(page, "confirmation page");
  else await test("confirmation page: axe", async () => need(null, "the confirmation page"));

  // 3. the confirmation email ------------------------------------------------------------
  await test(`email to ${ME.email}: "Je bent aangemeld", manage link, ${SLUG}.ics`, async () => {
    need(s.registered, "the registration");
    const mail = await waitForMail(ME.email, "Je bent aangemeld");
    const problems = [];
    if (!mail.subject.includes(s.title)) problems.push(`subject "${mail.subject}" does not name "${s.title}"`);
    if (mail.contentLanguage !== "nl") problems.push(`Content-Language "${mail.contentLanguage}", expected nl`);
    const { plain, html } = alternativeProblems(mail, problems);
    const lines = plain.split(/\r?\n/);
    const at = lines.findIndex((l) => l.trim() === "Bekijk of wijzig je aanmelding:");
    if (at < 0) problems.push('the text part has no line "Bekijk of wijzig je aanmelding:"');
    const m = at >= 0 ? MANAGE_RE.exec(lines[at + 1] || "") : MANAGE_RE.exec(plain);
    if (!m) problems.push("no manage link (…/aanmelding/<43-character token>) on the line after it");
    else {
      s.manageUrl = m[0];
      s.token = m[1];
      if (!html.includes(`href="${m[0]}"`)) problems.push(`the HTML part has no href="${m[0]}"`);
    }
    calendarProblems(mail, SLUG, s.title, problems);
    return problems;
  });

  // 4. fill the café through the API -----------------------------------------------------
  await test(`POST /api/v1/activities/${SLUG}/registrations until someone is waitlisted`, async () => {
    need(s.registered, "the browser registration");
    const problems = [];
    const before = await api("GET", `/api/v1/activities/${SLUG}`);
    let free = null;
    if (before.status === 200 && before.json && typeof before.json.capacity === "number") {
      free = before.json.capacity - before.json.places_taken;
    }
    let confirmed = 0;
    let rateWaited = 0;
    for (let n = 1; n <= MAX_FILLERS; n++) {
      const email = fillerEmail(n);
      const body = { name: `Vuller ${n}`, email, role: "anders", role_other: "Vuller", privacy_consent: true };
      let res = await api("POST", `/api/v1/activities/${SLUG}/registrations`, body);
      while (res.status === 429) {
        const wait = Math.max(1, Number(res.headers.get("retry-after")) || 1) * 1000;
        if (!res.headers.get("retry-after")) problems.push("429 without a Retry-After header");
        if (rateWaited + wait > MAX_RATE_WAIT_MS) return [...problems, `still rate limited after ${rateWaited} ms`];
        rateWaited += wait;
        await sleep(wait);
        res = await api("POST", `/api/v1/activities/${SLUG}/registrations`, body);
      }
      if (res.status !== 202) return [...problems, `filler ${n}: HTTP ${res.status}, expected 202: ${res.text.slice(0, 300)}`];
      if (res.json?.status !== "accepted" || "token" in (res.json ?? {}) || "state" in (res.json ?? {})) {
        problems.push(`filler ${n}: the answer should only say "accepted": ${res.text.slice(0, 200)}`);
      }
      // What happened goes by email, with the manage link; the link reads the state.
      const mail = await waitForMail(email, "Je ");
      const plain = mail.parts.find((p) => p.contentType === "text/plain")?.text ?? "";
      const token = MANAGE_RE.exec(plain)?.[1];
      if (!token) return [...problems, `filler ${n}: no manage link in "${mail.subject}"`];
      const reg = await api("GET", `/api/v1/registrations/${token}`);
      const { state, waitlist_position: position } = reg.json ?? {};
      if (state === "confirmed") {
        confirmed++;
        continue;
      }
      if (state !== "waitlisted") return [...problems, `filler ${n}: state ${JSON.stringify(state)}`];
      if (position !== 1) problems.push(`first waitlisted person has waitlist_position ${position}, expected 1`);
      s.waitlisted = { email, token };
      break;
    }
    if (rateWaited) note(`waited ${Math.round(rateWaited / 1000)} s for the registration rate limit`);
    if (!s.waitlisted) return [...problems, `nobody waitlisted after ${MAX_FILLERS} registrations`];
    if (free !== null && confirmed !== free) {
      problems.push(`${confirmed} fillers confirmed, but the API said ${free} place(s) were free`);
    }
    note(`${confirmed} confirmed, then ${s.waitlisted.email} waitlisted`);
    const after = await api("GET", `/api/v1/activities/${SLUG}`);
    if (after.json && after.json.places_taken !== after.json.capacity) {
      problems.push(`places_taken ${after.json.places_taken}, capacity ${after.json.capacity}: expected full`);
    }
    return problems;
  });

  // 5. manage page, cancel ---------------------------------------------------------------
  // The link's path on the base URL under test (the link's host is SAMENLEREN_BASE_URL).
  const managePath = s.token ? `/aanmelding/${s.token}` : "";
  await test(`/aanmelding/<token>: "Je aanmelding", "Je bent aangemeld"`, async () => {
    need(managePath, "the manage link");
    const resp = await page.goto(urlFor(managePath), { waitUntil: "load" });
    const problems = [];
    if (resp?.status() !== 200) problems.push(`HTTP status ${resp?.status()}, expected 200`);
    problems.push(...(await pageBasics(page, "nl")));
    const h1 = await h1Text(page);
    if (h1 !== "Je aanmelding") problems.push(`h1 "${h1}", expected "Je aanmelding"`);
    const status = ((await page.locator("h2#status").textContent().catch(() => "")) || "").trim();
    if (status !== "Je bent aangemeld") problems.push(`status heading "${status}", expected "Je bent aangemeld"`);
    if (!(await bodyText(page)).includes(ME.email)) problems.push(`the page does not show ${ME.email}`);
    s.onManage = problems.length === 0 || h1 === "Je aanmelding";
    return problems;
  });
  if (s.onManage) await axeTest(page, "manage page");
  else await test("manage page: axe", async () => need(null, "the manage page"));

  await test(`/aanmelding/<token>: link "Afmelden" opens the confirm page`, async () => {
    need(s.onManage, "the manage page");
    const link = page.getByRole("link", { name: "Afmelden", exact: true });
    if ((await link.count()) !== 1) return [`${await link.count()} links named exactly "Afmelden", expected 1`];
    const href = await link.getAttribute("href");
    if (href !== `${managePath}/afmelden`) return [`"Afmelden" links to ${href}, expected /aanmelding/<token>/afmelden`];
    const [resp] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), link.click()]);
    const problems = [];
    if (resp?.status() !== 200) problems.push(`HTTP status ${resp?.status()}, expected 200`);
    problems.push(...(await pageBasics(page, "nl")));
    if (!(await page.getByRole("button", { name: "Ja, meld mij af", exact: true }).count())) {
      problems.push('no button "Ja, meld mij af"');
    }
    s.onCancel = true;
    return problems;
  });
  if (s.onCancel) await axeTest(page, "cancel confirm page");
  else await test("cancel confirm page: axe", async () => need(null, "the cancel page"));

  await test(`"Ja, meld mij af": back on the manage page, "Je bent afgemeld"`, async () => {
    need(s.onCancel, "the cancel page");
    const [resp] = await Promise.all([
      page.waitForNavigation({ waitUntil: "load" }),
      page.getByRole("button", { name: "Ja, meld mij af", exact: true }).click(),
    ]);
    const problems = [];
    if (resp?.status() !== 200) problems.push(`HTTP status ${resp?.status()}, expected 200`);
    if (new URL(page.url()).pathname !== managePath) problems.push(`landed on ${new URL(page.url()).pathname}, expected the manage page`);
    const h1 = await h1Text(page);
    if (h1 !== "Je aanmelding") problems.push(`h1 "${h1}", expected "Je aanmelding"`);
    const status = ((await page.locator("h2#status").textContent().catch(() => "")) || "").trim();
    if (status !== "Je bent afgemeld") problems.push(`status heading "${status}", expected "Je bent afgemeld"`);
    problems.push(...(await pageBasics(page, "nl")));
    s.cancelled = status === "Je bent afgemeld";
    return problems;
  });
  if (s.cancelled) await axeTest(page, "manage page after cancelling");
  else await test("manage page after cancelling: axe", async () => need(null, "the cancelled manage page"));

  // 6. promotion and cancellation emails ------------------------------------------------
  await test(`email to the first waitlisted person: "Er is een plaats vrij voor je"`, async () => {
    need(s.cancelled, "the cancellation");
    const { email, token } = need(s.waitlisted, "the waitlisted person");
    const mail = await waitForMail(email, "Er is een plaats vrij voor je");
    const problems = [];
    if (!mail.subject.includes(s.title)) problems.push(`subject "${mail.subject}" does not name "${s.title}"`);
    const { plain } = alternativeProblems(mail, problems);
    const m = MANAGE_RE.exec(plain);
    if (!m) problems.push("no manage link in the text part");
    else if (m[1] !== token) problems.push("the manage link's token is not the one of the waitlist email");
    calendarProblems(mail, SLUG, s.title, problems);
    const reg = await api("GET", `/api/v1/registrations/${token}`);
    if (reg.status !== 200) problems.push(`GET /api/v1/registrations/<token>: HTTP ${reg.status}`);
    else if (reg.json?.state !== "confirmed") problems.push(`the promoted registration's state is ${reg.json?.state}, expected confirmed`);
    return problems;
  });

  await test(`email to ${ME.email}: "Je bent afgemeld"`, async () => {
    need(s.cancelled, "the cancellation");
    const mail = await waitForMail(ME.email, "Je bent afgemeld");
    const problems = [];
    if (!mail.subject.includes(s.title)) problems.push(`subject "${mail.subject}" does not name "${s.title}"`);
    alternativeProblems(mail, problems);
    if (mail.parts.some((p) => p.contentType === "text/calendar")) problems.push("a cancellation carries a calendar file");
    return problems;
  });

  // 7. the form in English ---------------------------------------------------------------
  let english = false;
  await test(`${FORM_PATH}?lang=en: "Register for"`, async () => {
    const resp = await page.goto(urlFor(`${FORM_PATH}?lang=en`), { waitUntil: "load" });
    english = true;
    const problems = [];
    if (resp?.status() !== 200) problems.push(`HTTP status ${resp?.status()}, expected 200`);
    problems.push(...(await pageBasics(page, "en")));
    const h1 = await h1Text(page);
    if (!h1.includes("Register for")) problems.push(`h1 "${h1}", expected "Register for …"`);
    return problems;
  });
  if (english) await axeTest(page, `${FORM_PATH}?lang=en`);
  else await test(`${FORM_PATH}?lang=en: axe`, async () => need(null, "the English form page"));

  await context.close();
}

main();
