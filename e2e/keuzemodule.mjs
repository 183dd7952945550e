#!/usr/bin/env node
// Keuzemodules, the learning record and a certificate end to end, the way new users
// meet them ("Done when" of issue 16): Debian's Chromium driven by playwright-core,
// axe-core (WCAG 2.2 AA) and the 320 px reflow check on every page the walk visits,
// emails read back from the outbox directory (.eml files), the certificate read
// back with poppler's pdftotext.
//
//   node e2e/keuzemodule.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox
//
// Needs a fresh server with the demo data and mail to files (no SMTP URL), an
// organiser programma@example.org of Opleidingshuis Opbouwwerk and Movisie, and the
// record_learning job running (tests/it/browser.rs runs it every half second). The
// demo's "Vervolg ABCD" requires "Kennismaking met ABCD"; "Blik op
// samenlevingsopbouw" has a program 13.30–18.00 with 145 minutes that count and an
// accreditation for Register Sociaal Werker (ID-nummer 437120, 2 points).
//
// The walk:
//  1. Eva (new, no record) signs up for Vervolg ABCD; the email says the introduction
//     is needed; behind its link she states she followed it elsewhere
//  2. the organiser signs in by link and approves the statement; Eva gets a place
//  3. Bram signs up for Kennismaking met ABCD; the organiser moves its first day to
//     have begun and checks him in; Bram signs up for Vervolg ABCD and gets a place
//     at once (no prior-learning email)
//  4. Bram signs up for the café; the organiser moves it to yesterday and checks him
//     in; Bram signs in, adds his RSW number, and his record shows the café's net
//     hours and points
//  5. the organiser issues the certificates; Bram's PDF reads (pdftotext) with his
//     name, the hours and the ID number; the verification page says valid, and after
//     the organiser revokes it, revoked
//  6. the organiser downloads the PE-online list with Bram's number
//
// Env: E2E_SCREENSHOTS   directory for full-page PNGs (skipped when unset)
//      CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//      E2E_MAIL_WAIT_MS  how long to wait for an email (default 10000)
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { chromium } from "playwright-core";
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { CHROMIUM_ARGS, bodyText, need, runner } from "./lib.mjs";
import { outboxReader } from "./mail.mjs";
import { amsterdam, begunAgo, plainOf, walker } from "./walk.mjs";

const base = process.argv[2];
const outbox = process.argv[3];
if (!base || !/^https?:\/\//.test(base) || !outbox) {
  console.error("usage: node e2e/keuzemodule.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox");
  process.exit(2);
}
const ORGANISER = "programma@example.org";
const HOUSE = "Opleidingshuis Opbouwwerk (demo)";
const INTRO = { slug: "kennismaking-abcd", title: "Kennismaking met ABCD", host: HOUSE };
const VERVOLG = { slug: "vervolg-abcd", title: "Vervolg ABCD", host: HOUSE };
const CAFE = { slug: "blik-op-samenlevingsopbouw", title: "Blik op samenlevingsopbouw", host: "Movisie" };
const RUN = `${Date.now()}`;
const EVA = { name: "Eva de Boer", email: `eva-${RUN}@example.org` };
const BRAM = { name: "Bram Hoekstra", email: `bram-${RUN}@example.org`, rsw: `4610${RUN.slice(-6)}` };
const RECORD = "/account/leerdossier";

const shotDir = process.env.E2E_SCREENSHOTS || "";
if (shotDir) mkdirSync(shotDir, { recursive: true });
const mailbox = outboxReader(outbox, Number(process.env.E2E_MAIL_WAIT_MS || 10_000));
const run = runner(shotDir);
const { note, test } = run;
const { urlFor, pathname, linkIn, newPage, where, follow, press, click, goto, check, signInHere } = walker(base, mailbox, run);

/** Chooses the option of the <select> at `locator` whose text matches `re`. */
async function choose(locator, re) {
  const texts = await locator.evaluate((el) => [...el.options].map((o) => [o.value, o.textContent]));
  const found = texts.find(([, text]) => re.test(text));
  if (!found) throw new Error(`no option like ${re} in ${texts.map(([, t]) => t).join(", ")}`);
  await locator.selectOption(found[0]);
}

/**
 * Signs `person` up for `activity` with the public form, answering a question of
 * the activity with its `answers` ({label: option}); the page that answers.
 */
async function signUp(page, activity, person, checked = false, answers = {}) {
  await goto(page, `/activiteiten/${activity.slug}`);
  if (checked) await check(page, `${activity.title}: public page`);
  await click(page, "Aanmelden");
  if (checked) await check(page, `${activity.title}: form`);
  await page.locator("#name").fill(person.name);
  await page.locator("#email").fill(person.email);
  await page.locator("#role").selectOption("opbouwwerker");
  for (const [label, option] of Object.entries(answers)) await page.getByLabel(label).selectOption(option);
  await page.locator("#privacy_consent").check();
  const nav = await press(page, "Aanmelden");
  if (nav?.status() !== 200) throw new Error(`signing up for ${activity.title}: HTTP ${nav?.status()} ${await where(page)}`);
}

/** The organiser's page of `activity` in the back office (its address). */
async function manage(organiser, activity) {
  await goto(organiser, "/beheer");
  await click(organiser, activity.host);
  await click(organiser, activity.title);
  return need(/^\/beheer\/activiteiten\/[0-9a-f]{32}/.exec(pathname(organiser))?.[0], `${activity.title} in the back office`);
}

/** Moves the first session of the activity at `admin` to `when` ({date, start, end}). */
async function moveFirstSession(organiser, admin, when) {
  await goto(organiser, admin);
  await follow(organiser, organiser.locator(`a[href^="${admin}/bijeenkomsten/"]:not([href$="/nieuw"])`).first());
  await organiser.locator("#date").fill(when.date);
  await organiser.locator("#start").fill(when.start);
  await organiser.locator("#end").fill(when.end);
  await press(organiser, "Opslaan");
  if (pathname(organiser) !== admin) throw new Error(`after moving the session ${await where(organiser)}`);
}

/** Marks `person` present on the check-in page of the activity at `admin`. */
async function checkIn(organiser, admin, person, checked = false) {
  await goto(organiser, admin);
  await click(organiser, "Inchecken");
  if (checked) await check(organiser, "check-in list");
  // One button per person (the name is visually hidden in it); the list repeats per session.
  await follow(organiser, organiser.getByRole("button", { name: new RegExp(`^Aanwezig\\s*: ${person.name}$`) }).first());
  if (!(await bodyText(organiser)).includes(`${person.name} is aanwezig gemeld.`)) throw new Error(`no confirmation ${await where(organiser)}`);
}

async function flow(browser) {
  const earlier = new Set(mailbox.read().map((m) => m.file));
  const s = {};
  const eva = await newPage(browser);
  const bram = await newPage(browser);
  const organiser = await newPage(browser);
  const visitor = await newPage(browser);
  console.log(`run ${RUN}: ${EVA.email}, ${BRAM.email}, organiser ${ORGANISER}`);

  // 1. Eva without a record -------------------------------------------------------------
  await test("Eva signs up for Vervolg ABCD; the email says the introduction comes first", async () => {
    await signUp(eva, VERVOLG, EVA, true);
    await check(eva, "Vervolg ABCD: answer after signing up");
    const mail = await mailbox.waitFor(EVA.email, `Eerst je voorkennis voor ${VERVOLG.title}`, earlier);
    const text = plainOf(mail);
    if (!text.includes(INTRO.title) || !text.includes("Je hebt nog geen plek")) return [`the email does not name the introduction:\n${text.slice(0, 600)}`];
    s.statement = need(linkIn(mail, "/voorkennis/"), "the statement link in the email");
  });

  await test("Eva states behind the email's link that she followed the introduction elsewhere", async () => {
    need(s.statement, "the statement link");
    await goto(eva, s.statement);
    await check(eva, "prior learning page");
    const module = eva.getByLabel("Welke module");
    if ((await module.evaluate((el) => el.tagName)) === "SELECT") await choose(module, new RegExp(INTRO.title));
    await eva.getByLabel("Waar heb je het gevolgd?").fill("LSA Bewonersnetwerk, Utrecht");
    await eva.getByLabel("Wanneer (datum)").fill("2025-03-14");
    await eva.getByLabel(/^Wat wil je erbij vertellen\?/).fill("Twee dagdelen, met een oefening in asset mapping.");
    await press(eva, "Verklaring versturen");
    if (!(await bodyText(eva)).includes("De organisator kijkt je verklaring na")) return [`no receipt ${await where(eva)}`];
    await check(eva, "prior learning page after stating");
    s.stated = true;
  });

  // 2. the organiser approves -------------------------------------------------------------
  await test("the organiser signs in by link and approves Eva's statement; Eva gets a place", async () => {
    need(s.stated, "Eva's statement");
    await goto(organiser, "/inloggen?next=/beheer");
    await signInHere(organiser, ORGANISER, earlier);
    s.vervolg = await manage(organiser, VERVOLG);
    await click(organiser, "Voorkennis nakijken");
    await check(organiser, "prior learning in the back office");
    const text = await bodyText(organiser);
    if (!text.includes("LSA Bewonersnetwerk, Utrecht") || !text.includes(EVA.email)) return [`Eva's statement is not listed ${await where(organiser)}`];
    const statement = organiser.locator("section").filter({ hasText: EVA.email });
    await follow(organiser, statement.getByRole("button", { name: "Goedkeuren", exact: true }));
    if (!(await bodyText(organiser)).includes("Deze persoon heeft nu een plek")) return [`no place ${await where(organiser)}`];
    await check(organiser, "prior learning after approving");
    await mailbox.waitFor(EVA.email, `Je bent aangemeld: ${VERVOLG.title}`, earlier);
  });

  // 3. Bram attends the introduction and gets a place at once -----------------------------
  await test("Bram signs up for Kennismaking met ABCD; its first day is moved to have begun and he is checked in", async () => {
    await signUp(bram, INTRO, BRAM);
    await mailbox.waitFor(BRAM.email, `Je bent aangemeld: ${INTRO.title}`, earlier);
    s.intro = await manage(organiser, INTRO);
    await moveFirstSession(organiser, s.intro, begunAgo(Date.now()));
    await checkIn(organiser, s.intro, BRAM, true);
    s.attended = true;
  });

  await test("Bram signs up for Vervolg ABCD and gets a place at once, without a prior-learning email", async () => {
    need(s.attended, "Bram checked in at the introduction");
    await signUp(bram, VERVOLG, BRAM);
    await mailbox.waitFor(BRAM.email, `Je bent aangemeld: ${VERVOLG.title}`, earlier);
    const asked = mailbox.read().filter((m) => !earlier.has(m.file) && m.to === BRAM.email && m.subject.includes("voorkennis"));
    if (asked.length) return [`Bram was asked for his prior learning: ${asked.map((m) => m.subject).join("; ")}`];
  });

  // 4. a café with a program; the record --------------------------------------------------
  await test("the café is full; the organiser adds a place, Bram signs up, the café is moved to yesterday 13.30–18.00 and he is checked in", async () => {
    s.cafe = await manage(organiser, CAFE);
    await click(organiser, "Wijzigen");
    const capacity = organiser.getByLabel(/^Aantal plaatsen/);
    await capacity.fill(String(Number(await capacity.inputValue()) + 1));
    await press(organiser, "Opslaan");
    if (pathname(organiser) !== s.cafe) return [`after adding a place ${await where(organiser)}`];
    await signUp(bram, CAFE, BRAM, false, { "Aan welke presentatieronde doe je mee?": "Ronde 2" });
    await mailbox.waitFor(BRAM.email, `Je bent aangemeld: ${CAFE.title}`, earlier);
    const yesterday = amsterdam(new Date(Date.now() - 24 * 3600_000)).date;
    await moveFirstSession(organiser, s.cafe, { date: yesterday, start: "13:30", end: "18:00" });
    await checkIn(organiser, s.cafe, BRAM);
    s.cafeAttended = true;
  });

  await test("Bram signs in and adds his Register Sociaal Werker number", async () => {
    await goto(bram, `/inloggen?next=${encodeURIComponent("/account/registers")}`);
    await signInHere(bram, BRAM.email, earlier);
    if (pathname(bram) !== "/account/registers") return [`after signing in ${await where(bram)}`];
    await check(bram, "my registers");
    await choose(bram.getByLabel("Register", { exact: true }), /Register Sociaal Werker/);
    await bram.getByLabel(/^Registratienummer/).fill(BRAM.rsw);
    await press(bram, "Opslaan");
    if (!(await bodyText(bram)).includes("Je registratienummer is opgeslagen.")) return [`not saved ${await where(bram)}`];
    await check(bram, "my registers after saving");
    s.signedIn = true;
  });

  await test("Bram's record shows the café with its net hours and points", async () => {
    need(s.cafeAttended && s.signedIn, "the café attended and Bram signed in");
    let text = "";
    for (let i = 0; i < 20; i++) {
      await goto(bram, RECORD);
      text = await bodyText(bram);
      if (text.includes(CAFE.title)) break;
      await bram.waitForTimeout(500);
    }
    const problems = [];
    if (!text.includes(CAFE.title)) return [`the café is not in the record ${await where(bram)}`];
    // 145 minutes that count: 2,42 hours, 2 points (rounded down to half points).
    if (!text.includes("2,42 uur")) problems.push("no \"2,42 uur\" in the record");
    if (!text.includes("Register Sociaal Werker: 2 punten")) problems.push("no \"Register Sociaal Werker: 2 punten\" in the record");
    if (!text.includes("437120")) problems.push("no ID-nummer 437120 in the record");
    await check(bram, "my learning record");
    if (problems.length) problems.push(await where(bram));
    return problems;
  });

  // 5. the certificate ---------------------------------------------------------------------
  await test("the organiser issues the certificates; Bram gets his by email", async () => {
    need(s.cafeAttended, "the café attended");
    await goto(organiser, s.cafe);
    await click(organiser, "Bewijzen van deelname");
    s.certificates = pathname(organiser);
    await check(organiser, "certificates in the back office");
    await press(organiser, "Bewijzen uitgeven");
    if (!/bewijs(zen)? uitgegeven en gemaild/.test(await bodyText(organiser))) return [`not issued ${await where(organiser)}`];
    await check(organiser, "certificates after issuing");
    const mail = await mailbox.waitFor(BRAM.email, `Je bewijs van deelname: ${CAFE.title}`, earlier);
    s.pdf = need(linkIn(mail, "/aanmelding/"), "the PDF link in the email");
  });

  await test("the certificate PDF reads (pdftotext) with Bram's name, the net hours, the ID number and where to check it", async () => {
    need(s.pdf, "the PDF link");
    const res = await bram.request.get(urlFor(s.pdf));
    if (res.status() !== 200) return [`${s.pdf}: HTTP ${res.status()}`];
    if (res.headers()["content-type"] !== "application/pdf") return [`Content-Type ${res.headers()["content-type"]}`];
    const file = path.join(mkdtempSync(path.join(tmpdir(), "bewijs-")), "bewijs.pdf");
    writeFileSync(file, await res.body());
    const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).replace(/\s+/g, " ");
    const wanted = [BRAM.name, CAFE.title, "2,42 uur", "437120", "Bewijs van deelname"];
    const problems = wanted.filter((w) => !text.includes(w)).map((w) => `the PDF does not say "${w}": ${text.slice(0, 500)}`);
    // Where anyone checks it: the address printed on the certificate.
    s.verify = /\/certificaat\/[A-Za-z0-9_-]+/.exec(text)?.[0];
    if (!s.verify) problems.push(`no verification address on the PDF: ${text.slice(0, 500)}`);
    return problems;
  });

  await test("the verification page says the certificate is valid", async () => {
    need(s.verify, "the verification link");
    await goto(visitor, s.verify);
    const text = await bodyText(visitor);
    await check(visitor, "certificate verification");
    if (!text.includes("Dit bewijs is geldig.") || !text.includes(BRAM.name)) return [`not valid ${await where(visitor)}`];
  });

  await test("the organiser revokes the certificate; the verification page then says revoked", async () => {
    need(s.verify && s.certificates, "the certificate");
    await goto(organiser, s.certificates);
    const row = organiser.locator("tr").filter({ hasText: BRAM.name });
    await follow(organiser, row.getByRole("link", { name: /^Intrekken/ }));
    await check(organiser, "revoke a certificate");
    await organiser.getByLabel(/^Reden/).fill("Niet de hele middag aanwezig.");
    await press(organiser, "Bewijs intrekken");
    if (!(await bodyText(organiser)).includes("Het bewijs is ingetrokken.")) return [`not revoked ${await where(organiser)}`];
    await goto(visitor, s.verify);
    const text = await bodyText(visitor);
    await check(visitor, "revoked certificate verification");
    if (!text.includes("Dit bewijs is ingetrokken op")) return [`not shown as revoked ${await where(visitor)}`];
  });

  // 6. PE-online -------------------------------------------------------------------------
  await test("the organiser downloads the PE-online list with Bram's number", async () => {
    need(s.cafe && s.signedIn, "the café and Bram's number");
    await goto(organiser, s.cafe);
    await click(organiser, "Accreditatie en leertijd");
    await check(organiser, "accreditation");
    await follow(organiser, organiser.getByRole("link", { name: /^Aanwezigheid voor PE-online/ }).first());
    await check(organiser, "PE-online attendance");
    const [download] = await Promise.all([
      organiser.waitForEvent("download"),
      organiser.getByRole("link", { name: /^Download de lijst/ }).first().click(),
    ]);
    const file = await download.path();
    const text = execFileSync("cat", [file], { encoding: "utf8" });
    note(`${download.suggestedFilename()}: ${text.trim().split("\n").length} line(s)`);
    if (!text.split("\n").includes(`#${BRAM.rsw}`)) return [`no #${BRAM.rsw} in ${download.suggestedFilename()}:\n${text.slice(0, 300)}`];
  });
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
      await test("keuzemodule flow (unexpected error)", async () => [err.stack || err.message]);
    }
    await browser.close();
  }
  console.log(`${run.passed} passed, ${run.failed} failed`);
  process.exit(run.failed > 0 ? 1 : 0);
}

await main();
