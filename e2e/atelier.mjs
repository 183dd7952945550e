#!/usr/bin/env node
// The leeratelier end to end, the way new users meet it ("Done when" of issue 15):
// Debian's Chromium driven by playwright-core, axe-core (WCAG 2.2 AA) and the 320 px
// reflow check on every page the walk visits, emails read back from the outbox
// directory (.eml files), the calendar feed parsed with ical.js.
//
//   node e2e/atelier.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox
//
// Needs a fresh server with the demo data and mail to files (no SMTP URL):
//   rm -rf /tmp/e2e-data
//   samenleren --data-dir /tmp/e2e-data serve --demo --addr 127.0.0.1:8095
// The demo's "Veerkracht en onmacht in gemeenschappen" has Joost Weling as its
// kartrekker, Mehmet Yildiz as an expert member and meetings every two months.
//
// The walk:
//  1. two professionals (new addresses) open the atelier's public page, click
//     "Lid worden", sign in by the emailed link and ask to join: one at level
//     bijeenkomsten, one alleen online
//  2. the kartrekker signs in by link and accepts both on the members page; each
//     gets the acceptance email
//  3. the first member answers ja for the next meeting on the atelier home; their
//     private calendar feed (.ics, ical.js) has that meeting; the alleen-online member
//     is not invited to it (no answer form, the home says so, not in their feed)
//  4. the member brings a case for that meeting; the kartrekker puts it on the
//     meeting's agenda with an expert member and sends the agenda; the member sees it
//     on the meeting page and gets the agenda email
//  5. the kartrekker moves the meeting (session editor) to have begun a few minutes
//     ago, checks the member in on the check-in page; the member records the case's
//     outcome; their balance shows "kwestie ingebracht" and "bijeenkomst bijgewoond"
//  6. the first member chooses mail "Bij elk nieuw bericht" and starts a thread; the
//     alleen-online member replies; the first member gets the reply by email
//
// Env: E2E_SCREENSHOTS   directory for full-page PNGs (skipped when unset)
//      CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//      E2E_MAIL_WAIT_MS  how long to wait for an email (default 10000)
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import ICAL from "ical.js";
import { CHROMIUM_ARGS, bodyText, need, runner } from "./lib.mjs";
import { outboxReader } from "./mail.mjs";
import { begunAgo, plainOf, walker } from "./walk.mjs";

const base = process.argv[2];
const outbox = process.argv[3];
if (!base || !/^https?:\/\//.test(base) || !outbox) {
  console.error("usage: node e2e/atelier.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox");
  process.exit(2);
}
const SLUG = "veerkracht-en-onmacht-in-gemeenschappen";
const TITLE = "Veerkracht en onmacht in gemeenschappen";
const HOME = `/ateliers/${SLUG}`;
const KARTREKKER = "joost.weling@example.org";
const EXPERT = "Mehmet Yıldız"; // the demo's expert member
const RUN = `${Date.now()}`;
const MEMBER = { name: "Sanne Verbeek", email: `sanne-${RUN}@example.org`, level: /^Bijeenkomsten —/ };
const ONLINE = { name: "Daan Wouters", email: `daan-${RUN}@example.org`, level: /^Alleen online —/ };
const CASE = `Bewoners haken af na de eerste avond ${RUN.slice(-4)}`;
const THREAD = `Hoe houd je een buurtgroep bij elkaar? ${RUN.slice(-4)}`;
const REPLY = "Bij ons helpt een vaste avond met koffie, en elke keer iemand anders die het opent.";

const shotDir = process.env.E2E_SCREENSHOTS || "";
if (shotDir) mkdirSync(shotDir, { recursive: true });
const mailbox = outboxReader(outbox, Number(process.env.E2E_MAIL_WAIT_MS || 10_000));
const run = runner(shotDir);
const { note, test } = run;

const { urlFor, pathOf, pathname, linkIn, newPage, where, follow, press, click, goto, check, signInHere } = walker(base, mailbox, run);

async function flow(browser) {
  // Mails of earlier runs on the same server (the kartrekker's address is the same).
  const earlier = new Set(mailbox.read().map((m) => m.file));
  const s = {};
  const member = await newPage(browser);
  const online = await newPage(browser);
  const kartrekker = await newPage(browser);
  console.log(`run ${RUN}: ${MEMBER.email}, ${ONLINE.email}, kartrekker ${KARTREKKER}`);

  // 1. two professionals ask to join ---------------------------------------------------
  for (const [page, person, first] of [
    [member, MEMBER, true],
    [online, ONLINE, false],
  ]) {
    await test(`${person.name} opens the atelier, clicks "Lid worden", signs in by link and asks to join (${person.level.source.slice(1, -2)})`, async () => {
      await goto(page, `/activiteiten/${SLUG}`);
      if (first) await check(page, "public atelier page");
      await click(page, "Lid worden");
      if (pathname(page) !== "/inloggen") return [`"Lid worden" led to ${page.url()}, expected the sign-in page`];
      if (first) await check(page, "sign-in page");
      await signInHere(page, person.email, earlier, first);
      if (pathname(page) !== `${HOME}/lidmaatschap`) return [`after signing in: ${await where(page)}`];
      if (first) await check(page, "membership form");
      await page.getByLabel("Je naam").fill(person.name);
      await page.getByRole("radio", { name: person.level }).check();
      await page.getByLabel("Wat breng je mee?").fill("Tien jaar opbouwwerk in Sittard-Geleen, vooral met bewonersgroepen.");
      await page.getByLabel("Andere leden mogen mij in de ledenlijst zien").check();
      await press(page, "Vraag om lid te worden");
      if (!(await bodyText(page)).includes("Je aanvraag is verstuurd.")) return [`no confirmation of the request ${await where(page)}`];
      if (first) await check(page, "membership request sent");
      person.asked = true;
    });
  }

  // 2. the kartrekker accepts both ------------------------------------------------------
  await test("the kartrekker signs in by link and accepts both requests on the members page", async () => {
    need(MEMBER.asked && ONLINE.asked, "the two requests");
    await mailbox.waitFor(KARTREKKER, `${MEMBER.name} wil lid worden van ${TITLE}`, earlier);
    await goto(kartrekker, `/inloggen?next=${encodeURIComponent(HOME)}`);
    await signInHere(kartrekker, KARTREKKER, earlier);
    if (pathname(kartrekker) !== HOME) return [`after signing in: ${await where(kartrekker)}`];
    await check(kartrekker, "atelier home (kartrekker)");
    await click(kartrekker, "Leden beheren");
    s.members = pathname(kartrekker);
    s.manage = need(/^\/beheer\/activiteiten\/[0-9a-f]{32}/.exec(s.members)?.[0], "the atelier in the back office");
    await check(kartrekker, "members page");
    for (const person of [MEMBER, ONLINE]) {
      await goto(kartrekker, s.members);
      await click(kartrekker, person.name);
      if (person === MEMBER) await check(kartrekker, "member request page");
      await kartrekker.getByRole("radio", { name: "Aannemen", exact: true }).check();
      await press(kartrekker, "Besluit versturen");
      if (!(await bodyText(kartrekker)).includes("De aanvraag is aangenomen.")) return [`${person.name}: no confirmation ${await where(kartrekker)}`];
      if (person === MEMBER) await check(kartrekker, "members page after accepting");
      const mail = await mailbox.waitFor(person.email, `Je bent lid van ${TITLE}`);
      person.welcome = linkIn(mail, HOME);
      if (!person.welcome) return [`no link to the atelier in the acceptance email:\n${plainOf(mail).slice(0, 500)}`];
    }
  });

  // 3. ja for the next meeting; the calendar feed; the alleen-online member ---------------
  await test("the member answers ja for the next meeting on the atelier home", async () => {
    need(MEMBER.welcome, "the acceptance email");
    await goto(member, MEMBER.welcome);
    if (pathname(member) !== HOME) return [`the email's link led to ${member.url()}`];
    await check(member, "atelier home (member)");
    const first = member.locator("li.samenleren-meeting").first();
    s.meeting = need((await first.getAttribute("id"))?.replace("bijeenkomst-", ""), "a coming meeting on the home");
    s.when = (await first.locator("h3").innerText()).trim();
    await first.getByRole("radio", { name: "Ja", exact: true }).check();
    await follow(member, first.getByRole("button", { name: /^Antwoord opslaan/ }));
    if (!(await bodyText(member)).includes("Je antwoord is opgeslagen.")) return [`no confirmation ${await where(member)}`];
    const checked = await member.locator(`#bijeenkomst-${s.meeting} input[value=yes]`).isChecked();
    if (!checked) return ["after saving, ja is not the chosen answer"];
    await check(member, "atelier home after answering");
    note(`next meeting ${s.meeting}: ${s.when}`);
  });

  await test("the member's private calendar (.ics) parses with ical.js and holds that meeting", async () => {
    need(s.meeting, "the answered meeting");
    const href = need(await member.getByRole("link", { name: "Mijn bijeenkomsten in mijn agenda (.ics)" }).getAttribute("href"), "the feed link");
    s.feed = pathOf(href);
    const res = await member.request.get(urlFor(s.feed));
    if (res.status() !== 200) return [`${s.feed}: HTTP ${res.status()}`];
    if (!(res.headers()["content-type"] || "").startsWith("text/calendar")) return [`Content-Type ${res.headers()["content-type"]}`];
    const cal = new ICAL.Component(ICAL.parse(await res.text()));
    const events = cal.getAllSubcomponents("vevent").map((ev) => new ICAL.Event(ev));
    // The home names the day ("… 14 januari 2027, 15.00–17.00 uur"); the feed has it in Amsterdam time.
    const shown = s.when.replace(/\s+/g, " ");
    const found = events.find((ev) => {
      const t = ev.startDate;
      const hm = `${String(t.hour).padStart(2, "0")}.${String(t.minute).padStart(2, "0")}`;
      return ev.summary.includes(TITLE) && shown.includes(` ${t.day} `) && shown.includes(String(t.year)) && shown.includes(hm);
    });
    note(`${events.length} event(s) in the feed`);
    if (!found) return [`no VEVENT of "${TITLE}" at ${shown}: ${events.map((e) => `${e.summary} ${e.startDate}`).join("; ")}`];
    const tzid = found.component.getFirstProperty("dtstart").getParameter("tzid");
    if (tzid !== "Europe/Amsterdam") return [`DTSTART has TZID ${tzid}, expected Europe/Amsterdam`];
  });

  await test("the alleen-online member is not invited to the meeting: no answer form, the home says so, not in their calendar", async () => {
    need(s.meeting && ONLINE.welcome, "the meeting and the second member");
    await goto(online, ONLINE.welcome);
    const item = online.locator(`#bijeenkomst-${s.meeting}`);
    const problems = [];
    if (!(await item.count())) return [`meeting ${s.meeting} is not listed ${await where(online)}`];
    if (await item.locator("form").count()) problems.push("the meeting has an answer form");
    if (!(await item.innerText()).includes("Je doet mee op een manier zonder deze bijeenkomst.")) problems.push(`the home does not say they are not invited: ${await item.innerText()}`);
    await check(online, "atelier home (alleen online)");
    const href = await online.getByRole("link", { name: "Mijn bijeenkomsten in mijn agenda (.ics)" }).getAttribute("href");
    const cal = new ICAL.Component(ICAL.parse(await (await online.request.get(urlFor(pathOf(need(href, "their feed link"))))).text()));
    const events = cal.getAllSubcomponents("vevent");
    if (events.length) problems.push(`their calendar has ${events.length} meeting(s)`);
    return problems;
  });

  // 4. a case on the agenda --------------------------------------------------------------
  await test("the member brings a case for that meeting", async () => {
    need(s.meeting, "the meeting");
    await goto(member, HOME);
    await click(member, "Kwesties");
    await check(member, "cases");
    await click(member, "Kwestie inbrengen");
    await check(member, "new case form");
    await member.getByLabel("Titel").fill(CASE);
    await member.getByLabel("Wat speelt er?").fill("Na de eerste bewonersavond komt de helft niet meer terug. We weten niet waarom.");
    await member.getByLabel("Wat wil je leren?").fill("Hoe houd ik nieuwe bewoners betrokken na de eerste keer?");
    await member.getByLabel("Voor welke bijeenkomst?").selectOption(s.meeting);
    await press(member, "Kwestie inbrengen");
    if (!/\/kwesties\/[^/]+$/.test(pathname(member)) || !(await bodyText(member)).includes(CASE)) return [`after bringing the case ${await where(member)}`];
    s.case = pathname(member);
    await check(member, "case page");
  });

  await test("the kartrekker puts the case on the meeting's agenda with an expert member and sends the agenda", async () => {
    need(s.case && s.manage, "the case and the kartrekker");
    await goto(kartrekker, `${HOME}/bijeenkomsten/${s.meeting}`);
    await click(kartrekker, "Agenda bewerken");
    s.agenda = pathname(kartrekker);
    await check(kartrekker, "agenda in the back office");
    const heading = await kartrekker.locator("h1").innerText();
    const start = need(/(\d{2})\.(\d{2})/.exec(heading), `the meeting's start in "${heading}"`);
    await kartrekker.getByLabel("Soort").selectOption({ label: "Kwestie" });
    await kartrekker.getByRole("combobox", { name: /^Kwestie/ }).selectOption({ label: CASE });
    await kartrekker.getByLabel("Begintijd").fill(`${start[1]}:${start[2]}`);
    await kartrekker.getByLabel("Duur in minuten").fill("45");
    await kartrekker.getByRole("combobox", { name: /^Expert uit het atelier/ }).selectOption({ label: EXPERT });
    await press(kartrekker, "Toevoegen");
    if (!(await bodyText(kartrekker)).includes("Het onderdeel staat op de agenda.")) return [`no confirmation ${await where(kartrekker)}`];
    await press(kartrekker, "Agenda versturen aan de leden");
    if (!(await bodyText(kartrekker)).includes("De agenda is verstuurd aan de leden.")) return [`not sent ${await where(kartrekker)}`];
    await check(kartrekker, "agenda sent");
    s.sent = true;
  });

  await test("the member sees the agenda on the meeting page and gets it by email", async () => {
    need(s.sent, "the sent agenda");
    await goto(member, HOME);
    await follow(member, member.locator(`#bijeenkomst-${s.meeting} h3 a`));
    const agenda = await member.locator("ol.samenleren-agenda").innerText().catch(() => "");
    const problems = [];
    if (!agenda.includes(CASE) || !agenda.includes(EXPERT)) problems.push(`the agenda does not list the case with ${EXPERT}: ${agenda || (await where(member))}`);
    await check(member, "meeting page with agenda");
    const mail = await mailbox.waitFor(MEMBER.email, `Agenda: ${TITLE}`);
    if (!plainOf(mail).includes(CASE)) problems.push(`the agenda email does not name the case:\n${plainOf(mail).slice(0, 600)}`);
    return problems;
  });

  // 5. the meeting, check-in, outcome, balance ---------------------------------------------
  await test("the kartrekker moves the meeting to have begun a few minutes ago", async () => {
    need(s.sent, "the agenda");
    const { date, start, end } = begunAgo(Date.now());
    await goto(kartrekker, `${s.manage}/reeks`);
    await check(kartrekker, "meeting series");
    await follow(kartrekker, kartrekker.locator(`a[href="${s.manage}/bijeenkomsten/${s.meeting}"]`));
    await check(kartrekker, "session editor");
    await kartrekker.locator("#date").fill(date);
    await kartrekker.locator("#start").fill(start);
    await kartrekker.locator("#end").fill(end);
    await press(kartrekker, "Opslaan");
    if (pathname(kartrekker) !== s.manage) return [`after saving ${await where(kartrekker)}`];
    await check(kartrekker, "atelier in the back office after the move");
    note(`meeting ${s.meeting} now ${date} ${start}–${end}`);
    s.moved = true;
    s.movedStart = start;
  });

  await test("the moved meeting's agenda moved along with it", async () => {
    need(s.moved, "the meeting under way");
    await goto(member, `${HOME}/bijeenkomsten/${s.meeting}`);
    const agenda = await member.locator("ol.samenleren-agenda").innerText().catch(() => "");
    const at = s.movedStart.replace(":", ".");
    if (!agenda.includes(at) || !agenda.includes(CASE)) return [`the agenda does not start at ${at}: ${agenda || (await where(member))}`];
  });

  await test("the kartrekker checks the member in on the meeting's check-in page", async () => {
    need(s.moved, "the meeting under way");
    await goto(kartrekker, s.manage);
    await click(kartrekker, "Inchecken");
    await goto(kartrekker, `${pathname(kartrekker)}?sessie=${s.meeting}`);
    await check(kartrekker, "check-in list of the meeting");
    // "Aanwezig" with the name in a visually hidden span (Chromium may put a space before the colon).
    await follow(kartrekker, kartrekker.getByRole("button", { name: new RegExp(`^Aanwezig\\s*: ${MEMBER.name}$`) }));
    if (!(await bodyText(kartrekker)).includes(`${MEMBER.name} is aanwezig gemeld.`)) return [`no confirmation ${await where(kartrekker)}`];
    await check(kartrekker, "check-in after marking");
    s.present = true;
  });

  await test("the member records the case's outcome", async () => {
    need(s.moved, "the meeting under way");
    await goto(member, s.case);
    await member.getByRole("radio", { name: "Klaar: besproken" }).check();
    await member.getByLabel("Wat hebben we geleerd?").fill("Bel nieuwe bewoners de week erna op, en geef ze een taak voor de tweede avond.");
    await press(member, "Uitkomst opslaan");
    const text = await bodyText(member);
    if (!text.includes("besproken") || !text.includes("Bel nieuwe bewoners")) return [`the outcome is not shown ${await where(member)}`];
    await check(member, "case page with outcome");
    s.outcome = true;
  });

  await test('the member\'s balance shows "kwestie ingebracht" and "bijeenkomst bijgewoond"', async () => {
    need(s.present && s.outcome, "the check-in and the outcome");
    await goto(member, HOME);
    await click(member, "Halen en brengen");
    if (pathname(member) !== `${HOME}/halen-en-brengen`) return [`the link led to ${member.url()}`];
    const text = await bodyText(member);
    const problems = ["kwestie ingebracht", "bijeenkomst bijgewoond"].filter((l) => !text.includes(l)).map((l) => `no "${l}" on the balance`);
    await check(member, "balance");
    if (problems.length) problems.push(await where(member));
    return problems;
  });

  // 6. the online space: a thread, a reply, an email ---------------------------------------
  await test('the member chooses mail "Bij elk nieuw bericht" and starts a thread', async () => {
    need(MEMBER.welcome, "the member");
    await goto(member, HOME);
    await click(member, "Gesprekken");
    await check(member, "conversations");
    await member.getByRole("radio", { name: "Bij elk nieuw bericht", exact: true }).check();
    await press(member, "Opslaan");
    if (!(await bodyText(member)).includes("Je keuze voor mail is opgeslagen.")) return [`no confirmation ${await where(member)}`];
    await click(member, "Nieuw gesprek");
    await check(member, "new thread form");
    await member.getByLabel("Titel").fill(THREAD);
    await member.getByLabel("Je bericht").fill("Ik zoek ideeën om een nieuwe buurtgroep na de start bij elkaar te houden. Wat werkt bij jullie?");
    await press(member, "Gesprek beginnen");
    if (!(await bodyText(member)).includes(THREAD)) return [`the thread is not shown ${await where(member)}`];
    s.thread = pathname(member);
    const follow = member.getByRole("button", { name: "Volgen", exact: true });
    if (await follow.count()) await press(member, "Volgen");
    if (!(await bodyText(member)).includes("Je volgt dit gesprek")) return [`the starter does not follow the thread ${await where(member)}`];
    await check(member, "thread");
  });

  await test("the alleen-online member replies in the thread; the following member gets it by email", async () => {
    need(s.thread && ONLINE.welcome, "the thread and the second member");
    await goto(online, HOME);
    await click(online, "Gesprekken");
    await click(online, THREAD);
    if (pathname(online) !== s.thread) return [`the list led to ${online.url()}`];
    await online.getByLabel("Je reactie").fill(REPLY);
    await press(online, "Reactie plaatsen");
    if (!(await bodyText(online)).includes(REPLY)) return [`the reply is not shown ${await where(online)}`];
    await check(online, "thread with a reply");
    const mail = await mailbox.waitFor(MEMBER.email, `${TITLE}: ${THREAD}`);
    const plain = plainOf(mail);
    if (!plain.includes(REPLY.slice(0, 40)) || !plain.includes(ONLINE.name)) return [`the email does not carry the reply by ${ONLINE.name}:\n${plain.slice(0, 700)}`];
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
      await test("atelier flow (unexpected error)", async () => [err.stack || err.message]);
    }
    await browser.close();
  }
  console.log(`${run.passed} passed, ${run.failed} failed`);
  process.exit(run.failed > 0 ? 1 : 0);
}

await main();
