#!/usr/bin/env node
// The organiser's back office end to end, the way a new organiser meets it: Debian's
// Chromium driven by playwright-core, axe-core (WCAG 2.2 AA) on every organiser page
// on the way, emails read back from the outbox directory (.eml files).
//
//   node e2e/organiser.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox admin@example.org
//
// Needs a fresh server with the demo data and mail to files (no SMTP URL), and a
// platform admin made with the CLI beforehand:
//   rm -rf /tmp/e2e-data
//   samenleren --data-dir /tmp/e2e-data admin create --email admin@example.org
//   samenleren --data-dir /tmp/e2e-data serve --demo --addr 127.0.0.1:8095
//
// The flow ("Done when" of the back-office issue):
//  1. the admin asks for a sign-in link, opens it from the email, presses "Inloggen"
//  2. the admin invites an organiser for Movisie; the organiser accepts in their own
//     browser
//  3. the organiser creates a café (2 places, waitlist), adds a session with a new
//     venue and a two-part program with a speaker, and publishes it
//  4. three people register through the public form in browsers of their own; the
//     third is waitlisted
//  5. the organiser downloads the XLSX export; SheetJS opens it: the expected columns
//     and the three people
//  6. the QR code in the first confirmation (an inline PNG) is decoded with jsQR; the
//     organiser opens that URL and marks the person present
//  7. the organiser moves the start time; three "Gewijzigd" emails arrive, listing it
//  8. the organiser makes an API token, reads the registrations with it through the
//     organiser API, revokes it; then the API answers 401
//
// Env: E2E_SCREENSHOTS   directory for full-page PNGs (skipped when unset)
//      CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//      E2E_MAIL_WAIT_MS  how long to wait for an email (default 10000)
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import jsQR from "jsqr";
import { PNG } from "pngjs";
import XLSX from "xlsx";
import { CHROMIUM_ARGS, NAV_TIMEOUT_MS, bodyText, need, runner, urlOn } from "./lib.mjs";
import { inlinePart, outboxReader } from "./mail.mjs";

const base = process.argv[2];
const outbox = process.argv[3];
const ADMIN = (process.argv[4] || "").toLowerCase();
if (!base || !/^https?:\/\//.test(base) || !outbox || !ADMIN) {
  console.error("usage: node e2e/organiser.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox admin@example.org");
  process.exit(2);
}
const RUN = `${Date.now()}`;
const ORGANISER = `organisator-${RUN}@example.org`;
const TITLE = `Leercafé Buurtkracht ${RUN}`;
const PEOPLE = [1, 2, 3].map((n) => ({ name: `Deelnemer ${n}`, email: `deelnemer-${n}-${RUN}@example.org` }));
const shotDir = process.env.E2E_SCREENSHOTS || "";
if (shotDir) mkdirSync(shotDir, { recursive: true });
const mailbox = outboxReader(outbox, Number(process.env.E2E_MAIL_WAIT_MS || 10_000));
const run = runner(shotDir);
const { note, test, axeTest } = run;

const urlFor = (p) => urlOn(base, p);
const pathOf = (url) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
/** The first link in the mail's plain text whose path starts with `prefix`. */
const linkIn = (mail, prefix) => {
  const plain = mail.parts.find((p) => p.contentType === "text/plain")?.text ?? "";
  const m = new RegExp(`https?://[^\\s"'<>]+${prefix}[A-Za-z0-9_-]{43}`).exec(plain);
  return m ? pathOf(m[0]) : "";
};

async function newPage(browser) {
  // bypassCSP: the app forbids inline script (as it should); axe is injected inline.
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "nl-NL", bypassCSP: true, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  return page;
}

/** Clicks the button named `name` and waits for the page it leads to. */
async function press(page, name) {
  const [nav] = await Promise.all([
    page.waitForNavigation({ waitUntil: "load" }),
    page.getByRole("button", { name, exact: true }).first().click(),
  ]);
  return nav;
}

async function flow(browser) {
  // Mails of earlier runs on the same server (the admin's address is the same).
  const s = { earlier: new Set(mailbox.read().map((m) => m.file)) };
  const admin = await newPage(browser);
  const organiser = await newPage(browser);
  console.log(`run ${RUN}: admin ${ADMIN}, organiser ${ORGANISER}`);

  // 1. sign in through the emailed link ----------------------------------------------
  const signedIn = await test("the admin signs in through the emailed link", async () => {
    await admin.goto(urlFor("/inloggen?next=/beheer"), { waitUntil: "load" });
    await admin.locator("#email").fill(ADMIN);
    await press(admin, "Stuur mij een link");
    if (!(await bodyText(admin)).includes("Kijk in je e-mail")) return ["no 'Kijk in je e-mail' after asking for a link"];
    const mail = await mailbox.waitFor(ADMIN, "Je link om in te loggen", s.earlier);
    const link = linkIn(mail, "/inloggen/link/");
    if (!link) return ["no sign-in link in the email"];
    await admin.goto(urlFor(link), { waitUntil: "load" });
    const nav = await press(admin, "Inloggen");
    if (nav?.status() !== 200) return [`after the link: HTTP ${nav?.status()}`];
    if (new URL(admin.url()).pathname !== "/beheer") return [`landed on ${admin.url()}, expected /beheer`];
    s.signedIn = true;
  });
  if (signedIn) await axeTest(admin, "/beheer");

  // 2. invite an organiser ------------------------------------------------------------
  const invited = await test("the admin invites an organiser, who accepts in their own browser", async () => {
    need(s.signedIn, "the admin's session");
    await admin.goto(urlFor("/beheer/organisaties/movisie"), { waitUntil: "load" });
    await admin.locator("#email").fill(ORGANISER);
    await press(admin, "Uitnodiging sturen");
    if (!(await bodyText(admin)).includes("De uitnodiging is verstuurd.")) return ["no confirmation of the invitation"];
    const mail = await mailbox.waitFor(ORGANISER, "Uitnodiging: organiseer mee bij Movisie");
    const link = linkIn(mail, "/uitnodiging/");
    if (!link) return ["no invitation link in the email"];
    await organiser.goto(urlFor(link), { waitUntil: "load" });
    await press(organiser, "Uitnodiging aannemen");
    if (new URL(organiser.url()).pathname !== "/beheer/organisaties/movisie") return [`landed on ${organiser.url()}`];
    s.organiser = true;
  });
  if (invited) await axeTest(organiser, "organisation page");

  // 3. create, fill and publish a café --------------------------------------------------
  const created = await test("the organiser creates a café with a session, venue, program and speaker, and publishes it", async () => {
    need(s.organiser, "the organiser's session");
    await organiser.goto(urlFor("/beheer/organisaties/movisie/activiteiten/nieuw"), { waitUntil: "load" });
    await organiser.locator("#kind").selectOption("cafe");
    await organiser.locator("#title").fill(TITLE);
    await organiser.locator("#summary").fill("Samen leren over wat buurten sterk maakt.");
    await organiser.locator("input[name=themes]").first().check();
    await organiser.locator("#cost").fill("gratis");
    await organiser.locator("#capacity").fill("2");
    await organiser.locator("#waitlist").check();
    await organiser.locator("#registration_open").check();
    await organiser.locator("#contact_name").fill("Carla Contact");
    await organiser.locator("#contact_email").fill("carla@example.org");
    await press(organiser, "Concept opslaan");
    const overview = new URL(organiser.url()).pathname;
    if (!/^\/beheer\/activiteiten\/[0-9a-f]{32}$/.test(overview)) return [`after saving: ${organiser.url()}\n${(await bodyText(organiser)).slice(0, 600)}`];
    s.base = overview;
    await organiser.goto(urlFor(`${overview}/bijeenkomsten/nieuw`), { waitUntil: "load" });
    await axeTest(organiser, "new session");
    const fill = async (id, value) => organiser.locator(`#${id}`).fill(value);
    await fill("date", "2027-03-04");
    await fill("start", "13:30");
    await fill("end", "17:00");
    await fill("venue_name", "Buurthuis De Ster");
    await fill("venue_address", "Sterstraat 1");
    await fill("venue_city", "Utrecht");
    await fill("p0_time", "13:30");
    await organiser.locator("#p0_kind").selectOption("walk_in");
    await fill("p0_title", "Inloop met koffie");
    await fill("p1_time", "14:00");
    await organiser.locator("#p1_kind").selectOption("talk");
    await fill("p1_title", "Wat is buurtkracht?");
    await fill("p1_speakers", "Anna de Vries (Movisie)");
    await press(organiser, "Bijeenkomst opslaan");
    if (new URL(organiser.url()).pathname !== overview) return [`after the session: ${organiser.url()}\n${(await bodyText(organiser)).slice(0, 600)}`];
    s.session = await organiser.locator(`a[href^="${overview}/bijeenkomsten/"]`).first().getAttribute("href");
    await press(organiser, "Publiceren");
    const text = await bodyText(organiser);
    if (!text.includes("Gepubliceerd")) return ["the overview does not say 'Gepubliceerd'"];
    s.slug = (await organiser.locator('a[href*="/activiteiten/"]').filter({ hasText: "/activiteiten/" }).first().textContent())?.trim();
    s.slug = need(s.slug, "the public page link").split("/activiteiten/")[1];
    note(`café ${s.slug}`);
  });
  if (created) await axeTest(organiser, "activity overview");

  // 4. three people register in browsers of their own -----------------------------------
  await test("three people register through the public form; the third is waitlisted", async () => {
    need(s.slug, "the published café");
    const problems = [];
    for (const person of PEOPLE) {
      const page = await newPage(browser);
      await page.goto(urlFor(`/activiteiten/${s.slug}/aanmelden`), { waitUntil: "load" });
      await page.locator("#name").fill(person.name);
      await page.locator("#email").fill(person.email);
      const role = page.locator("#role");
      const value = await role.evaluate((el) => [...el.options].map((o) => o.value).find((v) => v && v !== "anders"));
      await role.selectOption(need(value, "a role"));
      await page.locator("#privacy_consent").check();
      const nav = await press(page, "Aanmelden");
      if (nav?.status() !== 200) problems.push(`${person.name}: HTTP ${nav?.status()}`);
      await page.context().close();
    }
    await mailbox.waitFor(PEOPLE[0].email, "Je bent aangemeld");
    await mailbox.waitFor(PEOPLE[1].email, "Je bent aangemeld");
    await mailbox.waitFor(PEOPLE[2].email, "Je staat op de wachtlijst");
    s.registered = problems.length === 0;
    return problems;
  });

  // 5. the XLSX export opens with the expected columns --------------------------------
  await test("the XLSX export opens, with the expected columns and the three people", async () => {
    need(s.registered, "the registrations");
    await organiser.goto(urlFor(`${s.base}/aanmeldingen`), { waitUntil: "load" });
    await axeTest(organiser, "registrations");
    const [download] = await Promise.all([
      organiser.waitForEvent("download"),
      organiser.getByRole("link", { name: "Exporteren naar Excel (.xlsx)" }).click(),
    ]);
    const file = await download.path();
    const workbook = XLSX.read(readFileSync(file));
    const sheet = workbook.Sheets[workbook.SheetNames[0]];
    const rows = XLSX.utils.sheet_to_json(sheet, { header: 1 });
    const header = rows[0] || [];
    const problems = [];
    for (const column of ["Status", "Naam", "E-mailadres", "Organisatie", "Functie", "Aangemeld op"]) {
      if (!header.includes(column)) problems.push(`no column "${column}" in ${JSON.stringify(header)}`);
    }
    const names = rows.slice(1).map((r) => r[header.indexOf("Naam")]);
    for (const person of PEOPLE) if (!names.includes(person.name)) problems.push(`${person.name} is not in the export`);
    note(`${download.suggestedFilename()}: ${rows.length - 1} rows, ${header.length} columns`);
    return problems;
  });

  // 6. check in through the QR code ------------------------------------------------------
  await test("the QR code in the confirmation leads the organiser to check the person in", async () => {
    need(s.registered, "the registrations");
    const mail = await mailbox.waitFor(PEOPLE[0].email, "Je bent aangemeld");
    const part = inlinePart(mail, "check-in-qr@samenleren");
    if (!part) return ["no inline QR image in the confirmation"];
    const html = mail.parts.find((p) => p.contentType === "text/html")?.text ?? "";
    if (!html.includes('src="cid:check-in-qr@samenleren"')) return ["the HTML does not show the QR image"];
    const png = PNG.sync.read(part.bytes);
    const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
    if (!code) return ["jsQR cannot read the QR code"];
    note(`QR: ${code.data.replace(/[A-Za-z0-9_-]{43}$/, "…")}`);
    await organiser.goto(urlFor(pathOf(code.data)), { waitUntil: "load" });
    if (!(await bodyText(organiser)).includes(PEOPLE[0].name)) return [`the check-in page does not name ${PEOPLE[0].name}`];
    await axeTest(organiser, "check-in from the QR code");
    await Promise.all([organiser.waitForNavigation({ waitUntil: "load" }), organiser.locator("button[value=aanwezig]").first().click()]);
    if (!(await bodyText(organiser)).includes(`${PEOPLE[0].name} is aanwezig gemeld.`)) return ["no confirmation that the person is present"];
    await organiser.goto(urlFor(`${s.base}/inchecken`), { waitUntil: "load" });
    await axeTest(organiser, "check-in list");
    const counts = await organiser.locator("#tellingen ~ div table tbody tr").first().innerText();
    if (!/\b2\s+1\b/.test(counts.replace(/\s+/g, " "))) return [`counts row: ${counts}`];
  });

  // 7. change the start time: update emails ---------------------------------------------
  await test("moving the start time emails the three registrants what changed", async () => {
    need(s.session, "the session");
    await organiser.goto(urlFor(s.session), { waitUntil: "load" });
    await organiser.locator("#start").fill("14:00");
    await organiser.locator("#p0_time").fill("14:00");
    await organiser.locator("#p1_time").fill("14:30");
    await press(organiser, "Opslaan");
    if (new URL(organiser.url()).pathname !== s.base) return [`after saving: ${organiser.url()}\n${(await bodyText(organiser)).slice(0, 800)}`];
    note((await bodyText(organiser)).match(/[^.]*e-mail[^.]*\./)?.[0] ?? "no notice");
    const problems = [];
    for (const person of PEOPLE) {
      const mail = await mailbox.waitFor(person.email, "Gewijzigd:");
      const plain = mail.parts.find((p) => p.contentType === "text/plain")?.text ?? "";
      if (!plain.includes("13.30") || !plain.includes("14.00")) problems.push(`${person.email}: the change is not listed:\n${plain.slice(0, 500)}`);
    }
    return problems;
  });

  // 8. an API token: made in the back office, used, revoked ------------------------------
  await test("the organiser makes an API token, reads the registrations with it, and revokes it", async () => {
    need(s.base, "the café");
    await organiser.goto(urlFor("/beheer/api-sleutels"), { waitUntil: "load" });
    await axeTest(organiser, "API tokens");
    await organiser.locator("#name").fill("Cursussysteem");
    await press(organiser, "Sleutel maken");
    const token = (await organiser.locator("#token").innerText()).trim();
    if (!/^sl_[A-Za-z0-9_-]{43}$/.test(token)) return [`no token on the page: ${(await bodyText(organiser)).slice(0, 500)}`];
    await axeTest(organiser, "API token just made");
    const api = `/api/v1/organiser/activities${s.base.slice("/beheer/activiteiten".length)}/registrations`;
    const read = () => fetch(urlFor(api), { headers: { authorization: `Bearer ${token}` } });
    const res = await read();
    if (res.status !== 200) return [`GET ${api}: ${res.status} ${await res.text()}`];
    const emails = (await res.json()).items.map((r) => r.email);
    const missing = PEOPLE.filter((p) => !emails.includes(p.email)).map((p) => p.email);
    if (missing.length) return [`registrations without ${missing.join(", ")}: ${emails.join(", ")}`];
    note(`API: ${emails.length} registrations`);
    await press(organiser, "Intrekken: Cursussysteem");
    if (!(await bodyText(organiser)).includes("De sleutel is ingetrokken")) return ["no notice after revoking"];
    const after = await read();
    if (after.status !== 401) return [`after revoking: ${after.status}, expected 401`];
  });

  // The remaining organiser pages of this café, for axe.
  for (const [path, label] of [
    [`${s.base}/bewerken`, "edit activity"],
    [`${s.base}/bericht`, "message to registrants"],
    ["/beheer/organisaties/movisie/logboek", "audit log"],
  ]) {
    if (!s.base) break;
    await organiser.goto(urlFor(path), { waitUntil: "load" });
    await axeTest(organiser, label);
  }
}

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
      await test("organiser flow (unexpected error)", async () => [err.stack || err.message]);
    }
    await browser.close();
  }
  console.log(`${run.passed} passed, ${run.failed} failed`);
  process.exit(run.failed > 0 ? 1 : 0);
}

await main();
