#!/usr/bin/env node
// The theme inventory and meester-gezel mentoring end to end, the way new users meet
// them ("Done when" of issue 17): Debian's Chromium driven by playwright-core,
// axe-core (WCAG 2.2 AA) and the 320 px reflow check on every page the walk visits,
// emails read back from the outbox directory (.eml files), the results' XLSX read
// back with SheetJS.
//
//   node e2e/inventory.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox
//
// Needs a fresh server with the demo data and mail to files (no SMTP URL), and an
// organiser inventaris@example.org of Movisie. The demo's mentoring programme
// "Meester en gezel: leren in twee richtingen" is open to new profiles.
//
// The walk:
//  1. the organiser signs in, finds Inventarisaties on the back office's start page,
//     makes a round for Movisie (two votes each, results public once closed) and
//     opens it
//  2. three professionals find the round on the home page and each propose a theme;
//     Anouk (no account) votes and confirms by the emailed link, whose page leads
//     back to the round; Bas (signed in) first chooses three themes — a Dutch
//     message at the field, his choices kept — then two; Chris votes too
//  3. the organiser merges Bas's theme into Anouk's (Bas counted once), closes the
//     round, sees the charts (SVG) and tables, downloads the XLSX (the counts in
//     it), records the decision with the chosen theme and makes a café of it; the
//     draft's preview says where it was chosen; published, the public results lead
//     to the café and the café back to the results; Anouk gets one email about it
//  4. a junior (offers digital practice) and a senior (asks) make mentoring
//     profiles from their account page; the senior finds the junior among the
//     suggestions (someone with less experience to learn from), with the reason, and
//     asks on a theme the junior offers; the junior accepts from the email; they log
//     a meeting; both learning records show the hours as Reflectie (mentorschap)
//
// Env: E2E_SCREENSHOTS   directory for full-page PNGs (skipped when unset); the round,
//                        results and suggestions pages also at 1280 and 390 px
//      CHROMIUM_PATH     browser binary (default /usr/bin/chromium)
//      E2E_MAIL_WAIT_MS  how long to wait for an email (default 10000)
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { chromium } from "playwright-core";
import { mkdirSync, readFileSync } from "node:fs";
import XLSX from "xlsx";
import { CHROMIUM_ARGS, bodyText, need, runner } from "./lib.mjs";
import { outboxReader } from "./mail.mjs";
import { amsterdam, plainOf, walker } from "./walk.mjs";

const base = process.argv[2];
const outbox = process.argv[3];
if (!base || !/^https?:\/\//.test(base) || !outbox) {
  console.error("usage: node e2e/inventory.mjs http://127.0.0.1:8095 /tmp/e2e-data/outbox");
  process.exit(2);
}
const ORGANISER = "inventaris@example.org";
const RUN = `${Date.now()}`;
const ROUND = `Leerwensen opbouwwerk ${RUN.slice(-5)}`;
const ANOUK = { email: `anouk-${RUN}@example.org`, theme: "Digitaal werken met bewoners" };
const BAS = { email: `bas-${RUN}@example.org`, theme: "Digitale middelen in de buurt" };
const CHRIS = { email: `chris-${RUN}@example.org`, theme: "Samenwerken met woningcorporaties" };
const PROGRAMME = "Meester en gezel: leren in twee richtingen";
const JUNIOR = { name: "Lotte Jansen", email: `lotte-${RUN}@example.org` };
const SENIOR = { name: "Henk de Graaf", email: `henk-${RUN}@example.org` };
const SHARED_THEME = "Professionele vaardigheden";
const REGION = "Zwolle";

const shotDir = process.env.E2E_SCREENSHOTS || "";
if (shotDir) mkdirSync(shotDir, { recursive: true });
const mailbox = outboxReader(outbox, Number(process.env.E2E_MAIL_WAIT_MS || 10_000));
const run = runner(shotDir);
const { note, test } = run;
const { pathname, linkIn, newPage, where, follow, press, click, goto, check, signInHere, sectionOf, shoot } = walker(
  base,
  mailbox,
  run,
  shotDir,
);

const day = (offsetDays) => amsterdam(new Date(Date.now() + offsetDays * 24 * 3600_000)).date;

/** Signs `email` in from the start and lands on `next`. */
async function signIn(page, email, earlier, next) {
  await goto(page, `/inloggen?next=${encodeURIComponent(next)}`);
  await signInHere(page, email, earlier);
}

/** Proposes `theme` on the round page `page` is on; `author` for a guest. */
async function propose(page, theme, author = "") {
  await page.locator("#title").fill(theme);
  await page.locator("#want").fill(`Hoe pak je "${theme.toLowerCase()}" aan in de praktijk?`);
  await page.locator("#why_now").fill("Het komt in onze wijken steeds vaker voor.");
  if (author) await page.locator("#author_email").fill(author);
  await press(page, "Thema voorstellen");
  if (!(await bodyText(page)).includes("Dank je. Je thema staat erbij.")) throw new Error(`not proposed ${await where(page)}`);
}

/** Ticks exactly the themes `titles` in the vote form. */
async function tick(page, titles) {
  const boxes = page.locator("#proposals input[type=checkbox]");
  for (let i = 0; i < (await boxes.count()); i++) await boxes.nth(i).uncheck();
  for (const title of titles) await page.locator("#proposals").getByLabel(title, { exact: true }).check();
}

/** The figures of the results table row of `title` in the first table under `scope`. */
async function tableRow(scope, title) {
  const row = scope.locator("table").first().locator("tr", { has: scope.page().getByRole("rowheader", { name: title, exact: true }) });
  if (!(await row.count())) return null;
  return (await row.first().locator("td").allInnerTexts()).map((t) => t.trim());
}

/** Opens the account page from the site's header and follows `link` from there. */
async function fromAccount(page, link) {
  await click(page, "Mijn account");
  await click(page, link);
}

async function flow(browser) {
  const earlier = new Set(mailbox.read().map((m) => m.file));
  const s = {};
  const organiser = await newPage(browser);
  const anouk = await newPage(browser);
  const bas = await newPage(browser);
  const chris = await newPage(browser);
  const junior = await newPage(browser);
  const senior = await newPage(browser);
  console.log(`run ${RUN}: round "${ROUND}", organiser ${ORGANISER}, ${ANOUK.email}, ${JUNIOR.email}, ${SENIOR.email}`);

  // 1. the organiser opens a round ---------------------------------------------------------
  await test("the organiser finds Inventarisaties in the back office and makes a round for Movisie", async () => {
    await signIn(organiser, ORGANISER, earlier, "/beheer");
    await click(organiser, "Inventarisaties");
    await check(organiser, "inventories in the back office");
    await click(organiser, "Nieuwe inventarisatie: Movisie");
    await check(organiser, "new inventory form");
    await organiser.locator("#title").fill(ROUND);
    await organiser.locator("#why").fill("We willen horen waarover opbouwwerkers meer willen leren. Met de uitkomst kiezen we drie leercafés.");
    await organiser.locator("#audience").fill("Opbouwwerkers en sociaal werkers");
    await organiser.locator("#opens_on").fill(day(0));
    await organiser.locator("#closes_on").fill(day(21));
    await organiser.locator("#votes_per_person").fill("2");
    await press(organiser, "Inventarisatie maken");
    const text = await bodyText(organiser);
    if (!text.includes("De inventarisatie is gemaakt.")) return [`not made ${await where(organiser)}`];
    s.bo = need(/^\/beheer\/inventarisaties\/[0-9a-f]{32}$/.exec(pathname(organiser))?.[0], "the round's back-office page");
    await check(organiser, "inventory in the back office (draft)");
  });

  await test("the organiser makes the results public once closed and opens the round", async () => {
    need(s.bo, "the round");
    await organiser.locator("#results_public").check();
    await press(organiser, "Openen");
    const text = await bodyText(organiser);
    if (!text.includes("De inventarisatie is open.") || !text.includes("Status: Open")) return [`not open ${await where(organiser)}`];
    s.round = s.bo.replace("/beheer/inventarisaties/", "/inventarisatie/");
  });

  // 2. three people propose and vote -------------------------------------------------------
  await test("Anouk (no account) finds the open round on the home page and proposes a theme", async () => {
    need(s.round, "the open round");
    await goto(anouk, "/");
    const home = await bodyText(anouk);
    if (!home.includes("Denk mee: waar wil jij meer over leren?")) return [`no open inventories on the home page ${await where(anouk)}`];
    await check(anouk, "home with an open inventory");
    await click(anouk, ROUND);
    if (pathname(anouk) !== s.round) return [`the home page's link led elsewhere ${await where(anouk)}`];
    await check(anouk, "inventory page (open, as a guest)");
    await shoot(anouk, "round-open");
    await propose(anouk, ANOUK.theme, ANOUK.email);
    s.anouk = true;
  });

  for (const [who, page, person] of [
    ["Bas", bas, BAS],
    ["Chris", chris, CHRIS],
  ]) {
    await test(`${who} signs in, opens the round from the home page and proposes a theme`, async () => {
      need(s.round, "the open round");
      await signIn(page, person.email, earlier, "/");
      await click(page, ROUND);
      if (pathname(page) !== s.round) return [`the home page's link led elsewhere ${await where(page)}`];
      if (!(await bodyText(page)).includes(`Je stemt met je account (${person.email})`)) return [`not voting as ${person.email} ${await where(page)}`];
      await propose(page, person.theme);
      person.proposed = true;
    });
  }
  await check(bas, "inventory page (open, signed in)");

  await test("Anouk votes with her address; the emailed link's page leads back to the round, and pressing it counts her vote", async () => {
    need(s.anouk && BAS.proposed && CHRIS.proposed, "the three themes");
    await anouk.reload({ waitUntil: "load" });
    await tick(anouk, [ANOUK.theme, CHRIS.theme]);
    await anouk.locator("#email").fill(ANOUK.email);
    await anouk.locator("#role").selectOption({ label: "Opbouwwerker" });
    await anouk.locator("#region").selectOption({ label: "Overijssel" });
    await anouk.locator("#years").fill("4");
    await anouk.locator("#notify").check();
    await press(anouk, "Stem uitbrengen");
    if (!(await bodyText(anouk)).includes("Klik op de link in die e-mail, dan telt je stem.")) return [`no 'check your mail' ${await where(anouk)}`];
    await check(anouk, "inventory page after a guest's vote");
    const mail = await mailbox.waitFor(ANOUK.email, `Bevestig je stem voor ${ROUND}`, earlier);
    const link = need(linkIn(mail, "/inventarisatie/bevestigen/"), "the confirmation link in the email");
    await goto(anouk, link);
    await check(anouk, "vote confirmation page");
    const back = anouk.getByRole("link", { name: `Naar de inventarisatie: ${ROUND}`, exact: true });
    if (!(await back.count())) return [`no way back to the round on the confirmation page ${await where(anouk)}`];
    if ((await back.getAttribute("href")) !== s.round) return [`the way back leads to ${await back.getAttribute("href")}`];
    await press(anouk, "Mijn stem bevestigen");
    const text = await bodyText(anouk);
    if (!text.includes("Dank je. Je stem is geteld.")) return [`not counted ${await where(anouk)}`];
    s.anoukVoted = true;
  });

  await test("Bas chooses three themes with two votes: a Dutch message at the field, his choices kept; then two count", async () => {
    need(BAS.proposed && CHRIS.proposed, "the themes");
    await bas.reload({ waitUntil: "load" });
    await tick(bas, [ANOUK.theme, BAS.theme, CHRIS.theme]);
    await bas.locator("#role").selectOption({ label: "Sociaal werker" });
    const nav = await press(bas, "Stem uitbrengen");
    const problems = [];
    if (nav?.status() !== 422) problems.push(`HTTP ${nav?.status()} instead of 422`);
    const error = (await bas.locator("#proposals-e").innerText().catch(() => "")).trim();
    if (error !== "Je hebt te veel thema's gekozen. Kies er minder.") problems.push(`the message at the themes is "${error}"`);
    const kept = await bas.locator("#proposals input:checked").count();
    if (kept !== 3) problems.push(`${kept} themes still ticked instead of 3`);
    if ((await bas.locator("#role").inputValue()) !== "sociaalwerker") problems.push("the role was not kept");
    await check(bas, "inventory page with a refused vote");
    if (problems.length) return [...problems, await where(bas)];
    await bas.locator("#proposals").getByLabel(CHRIS.theme, { exact: true }).uncheck();
    await press(bas, "Stem uitbrengen");
    const text = await bodyText(bas);
    if (!text.includes("Je stem is geteld.") || !text.includes(`Je hebt nu gestemd op: ${ANOUK.theme}, ${BAS.theme}`)) return [`not counted ${await where(bas)}`];
    s.basVoted = true;
  });

  await test("Chris votes for two themes", async () => {
    need(CHRIS.proposed, "the themes");
    await chris.reload({ waitUntil: "load" });
    await tick(chris, [BAS.theme, CHRIS.theme]);
    await press(chris, "Stem uitbrengen");
    if (!(await bodyText(chris)).includes("Je stem is geteld.")) return [`not counted ${await where(chris)}`];
    s.chrisVoted = true;
  });

  // 3. the organiser: merge, close, results, export, decision, café ------------------------
  await test("the organiser merges Bas's theme into Anouk's: three votes, Bas counted once", async () => {
    need(s.anoukVoted && s.basVoted && s.chrisVoted, "the three votes");
    await click(organiser, "Inventarisaties");
    await click(organiser, ROUND);
    await check(organiser, "inventory in the back office (open, with proposals)");
    const section = sectionOf(organiser, BAS.theme);
    await section.locator("select").selectOption({ label: ANOUK.theme });
    await follow(organiser, section.getByRole("button", { name: "Samenvoegen", exact: true }));
    const text = await bodyText(organiser);
    if (!text.includes("De voorstellen zijn samengevoegd.")) return [`not merged ${await where(organiser)}`];
    const votes = await sectionOf(organiser, ANOUK.theme).locator("p").first().innerText();
    if (!votes.startsWith("3 stemmen")) return [`${ANOUK.theme} has "${votes}" instead of 3 votes`];
    s.merged = true;
  });

  await test("the organiser closes the round and sees the charts (SVG) and tables with the counts", async () => {
    need(s.merged, "the merge");
    await press(organiser, "Sluiten");
    const text = await bodyText(organiser);
    if (!text.includes("De inventarisatie is gesloten.")) return [`not closed ${await where(organiser)}`];
    const results = organiser.locator(".samenleren-survey-result");
    const problems = [];
    const charts = await organiser.locator(".samenleren-chart svg[role=img]").count();
    if (charts < 1) problems.push("no chart (svg role=img) in the results");
    if ((await results.count()) !== charts) problems.push(`${await results.count()} result sections, ${charts} charts`);
    const first = results.first();
    const anoukRow = await tableRow(first, ANOUK.theme);
    const chrisRow = await tableRow(first, CHRIS.theme);
    if (anoukRow?.[0] !== "3") problems.push(`${ANOUK.theme} in the table: ${anoukRow}`);
    if (chrisRow?.[0] !== "2") problems.push(`${CHRIS.theme} in the table: ${chrisRow}`);
    if (!(await bodyText(organiser)).includes("minder dan 5")) problems.push("the threshold ('minder dan 5') is not applied to the small groups");
    await check(organiser, "inventory in the back office (closed, results)");
    await shoot(organiser, "results-backoffice");
    return problems;
  });

  await test("the organiser downloads the results as XLSX: a real workbook with the counts", async () => {
    need(s.merged, "the merge");
    const [download] = await Promise.all([
      organiser.waitForEvent("download"),
      organiser.getByRole("link", { name: "Uitslag als Excel-bestand", exact: true }).click(),
    ]);
    const bytes = readFileSync(await download.path());
    if (bytes.subarray(0, 2).toString() !== "PK") return [`${download.suggestedFilename()} is no zip (XLSX)`];
    const workbook = XLSX.read(bytes);
    const rows = XLSX.utils.sheet_to_json(workbook.Sheets[workbook.SheetNames[0]], { header: 1, raw: true });
    note(`${download.suggestedFilename()}: ${rows.length} rows, header ${JSON.stringify(rows[0]?.slice(0, 3))}`);
    const problems = [];
    if (rows[0]?.[0] !== "Thema" || rows[0]?.[1] !== "Stemmen") problems.push(`header ${JSON.stringify(rows[0])}`);
    const count = (title) => rows.find((r) => r[0] === title)?.[1];
    if (count(ANOUK.theme) !== 3) problems.push(`${ANOUK.theme}: ${JSON.stringify(count(ANOUK.theme))} (a number 3 expected)`);
    if (count(CHRIS.theme) !== 2) problems.push(`${CHRIS.theme}: ${JSON.stringify(count(CHRIS.theme))} (a number 2 expected)`);
    if (rows.some((r) => r[0] === BAS.theme)) problems.push("the merged theme still has a row of its own");
    return problems;
  });

  await test("the organiser records the decision, chooses a theme and makes a café of it; the draft's preview says where it was chosen", async () => {
    need(s.merged, "the merge");
    await organiser.locator("#decision").fill(`Besproken met 20 opbouwwerkers op ${day(0)}.`);
    await organiser.locator('form[action$="/besluit"]').getByLabel(ANOUK.theme, { exact: true }).check();
    await press(organiser, "Besluit opslaan");
    if (!(await bodyText(organiser)).includes("Het besluit is opgeslagen.")) return [`no decision ${await where(organiser)}`];
    await follow(organiser, sectionOf(organiser, ANOUK.theme).getByRole("button", { name: "Maak een leercafé van dit thema", exact: true }));
    s.cafe = need(/^\/beheer\/activiteiten\/[0-9a-f]{32}$/.exec(pathname(organiser))?.[0], "the café draft");
    await check(organiser, "café draft made from a theme");
    await click(organiser, "Voorbeeld bekijken");
    const text = await bodyText(organiser);
    await check(organiser, "café draft preview");
    if (!text.includes(`Gekozen in de inventarisatie van ${ROUND}`)) return [`the preview does not say where it was chosen ${await where(organiser)}`];
    await click(organiser, "Terug naar het beheer van deze activiteit");
  });

  await test("the organiser adds a meeting to the café and publishes it", async () => {
    need(s.cafe, "the café draft");
    await click(organiser, "Bijeenkomst toevoegen");
    await organiser.locator("#date").fill(day(45));
    await organiser.locator("#start").fill("13:30");
    await organiser.locator("#end").fill("17:00");
    await organiser.locator("#venue_name").fill("Buurthuis De Ster");
    await organiser.locator("#venue_address").fill("Sterstraat 1");
    await organiser.locator("#venue_city").fill("Zwolle");
    await organiser.locator("#p0_time").fill("13:30");
    await organiser.locator("#p0_kind").selectOption("walk_in");
    await organiser.locator("#p0_title").fill("Inloop met koffie");
    await press(organiser, "Bijeenkomst opslaan");
    if (pathname(organiser) !== s.cafe) return [`after the meeting ${await where(organiser)}`];
    await press(organiser, "Publiceren");
    if (!(await bodyText(organiser)).includes("Gepubliceerd")) return [`not published ${await where(organiser)}`];
    s.published = true;
  });

  await test("the closed round leaves the home page; Anouk's email leads to the café, the café to the public results, and those back to the café", async () => {
    need(s.published, "the published café");
    await goto(anouk, "/");
    if ((await bodyText(anouk)).includes(ROUND)) return ["the closed round is still listed on the home page"];
    const mail = await mailbox.waitFor(ANOUK.email, "Er is een activiteit over een thema waarop je stemde", earlier);
    if (!plainOf(mail).includes(ANOUK.theme)) return [`the email does not name the theme:\n${plainOf(mail).slice(0, 400)}`];
    await goto(anouk, need(linkIn(mail, "/activiteiten/"), "the café's link in the email"));
    if (!(await bodyText(anouk)).includes(`Gekozen in de inventarisatie van ${ROUND}`)) return [`the café does not say where it was chosen ${await where(anouk)}`];
    await check(anouk, "café chosen in the inventory");
    s.cafePage = pathname(anouk);
    await click(anouk, "Bekijk de uitslag van de inventarisatie");
    if (pathname(anouk) !== s.round || !anouk.url().endsWith("#uitslag")) return [`the café's link leads to ${anouk.url()}`];
    const text = await bodyText(anouk);
    const problems = [];
    for (const want of ["Deze inventarisatie is gesloten.", "Uitslag", "Stemmen per thema", `Besproken met 20 opbouwwerkers op ${day(0)}.`, "Gekozen thema's"]) {
      if (!text.includes(want)) problems.push(`the public page does not say "${want}"`);
    }
    if (!(await anouk.locator(".samenleren-chart svg[role=img]").count())) problems.push("no chart on the public page");
    if ((await tableRow(anouk.locator(".samenleren-survey-result").first(), ANOUK.theme))?.[0] !== "3") problems.push("the public table does not count 3");
    await check(anouk, "inventory page (closed, public results)");
    await shoot(anouk, "results-public");
    if (problems.length) return [...problems, await where(anouk)];
    await click(anouk, `Activiteit: ${ANOUK.theme}`);
    if (pathname(anouk) !== s.cafePage) return [`the chosen theme's link leads to ${anouk.url()}`];
  });

  // 4. mentoring ---------------------------------------------------------------------------
  for (const [who, page, person, profile, checked] of [
    [
      "a junior (one year, offers digital practice)",
      junior,
      JUNIOR,
      {
        role: "Ik bied iets aan (mentor)",
        years: "1",
        offers: "Digitale praktijk: een buurtapp opzetten, korte filmpjes maken met bewoners, online peilingen.",
        wants: "",
      },
      true,
    ],
    [
      "a senior (25 years, asks to learn)",
      senior,
      SENIOR,
      { role: "Ik wil iets leren (gezel)", years: "25", offers: "", wants: "Hoe ik bewoners online bereik, en wat jonge collega's anders doen." },
      false,
    ],
  ]) {
    await test(`${who} makes a mentoring profile from the account page`, async () => {
      await signIn(page, person.email, earlier, "/account");
      await click(page, "Meester en gezel (mentorschap)");
      if (checked) await check(page, "mentoring programmes");
      await click(page, `Doe mee: ${PROGRAMME}`);
      if (checked) await check(page, "mentoring profile form");
      await page.locator("#name").fill(person.name);
      await page.getByLabel(profile.role, { exact: true }).check();
      await page.locator("#themes").getByLabel(SHARED_THEME, { exact: true }).check();
      await page.locator("#themes").getByLabel("Meester en gezel: leren tussen junior en senior", { exact: true }).check();
      await page.locator("#years").fill(profile.years);
      await page.locator("#region").fill(REGION);
      await page.getByLabel("In het echt of online", { exact: true }).check();
      await page.locator("#offers").fill(profile.offers);
      await page.locator("#wants").fill(profile.wants);
      await press(page, "Profiel opslaan");
      if (!(await bodyText(page)).includes("Je profiel is opgeslagen.")) return [`not saved ${await where(page)}`];
      person.profile = true;
    });
  }
  await check(junior, "mentoring programme page");

  await test("the senior finds the junior among people with less experience to learn from, with the reason, and asks on a theme she offers", async () => {
    need(JUNIOR.profile && SENIOR.profile, "both profiles");
    await senior.getByLabel("Iemand om van te leren", { exact: true }).check();
    await senior.getByLabel("Minder dan ik (een frisse blik)", { exact: true }).check();
    await press(senior, "Zoeken");
    const found = sectionOf(senior, JUNIOR.name);
    if (!(await found.count())) return [`${JUNIOR.name} is not among the suggestions ${await where(senior)}`];
    const text = (await found.innerText()).replace(/\s+/g, " ");
    const problems = [];
    for (const want of [`jullie delen`, SHARED_THEME, `${JUNIOR.name} werkt 1 jaar in het vak`, `jullie kunnen afspreken in ${REGION}`, "Digitale praktijk"]) {
      if (!text.includes(want)) problems.push(`the suggestion does not say "${want}": ${text}`);
    }
    if (text.includes(JUNIOR.email)) problems.push("the junior's address is shown before acceptance");
    await check(senior, "mentoring suggestions");
    await shoot(senior, "mentoring-suggestions");
    if (problems.length) return problems;
    await follow(senior, found.getByRole("link", { name: `Stuur ${JUNIOR.name} een verzoek`, exact: true }));
    await check(senior, "mentoring request form");
    const learn = senior.getByLabel(`Ik wil leren van ${JUNIOR.name}`, { exact: true });
    if (!(await learn.isChecked())) return [`"Ik wil leren van ${JUNIOR.name}" is not chosen ${await where(senior)}`];
    await senior.locator("#theme").selectOption({ label: SHARED_THEME });
    await press(senior, "Verzoek sturen");
    if (!(await bodyText(senior)).includes("Je verzoek is verstuurd.")) return [`not sent ${await where(senior)}`];
    s.asked = true;
  });

  await test("the junior opens the request from the email and accepts: reverse mentoring, contact shown", async () => {
    need(s.asked, "the request");
    const mail = await mailbox.waitFor(JUNIOR.email, `${SENIOR.name} wil een koppel met je worden`, earlier);
    await goto(junior, need(linkIn(mail, "/mentoring/"), "the link in the request email"));
    const request = sectionOf(junior, `${SENIOR.name} vraagt je`);
    if (!(await request.count())) return [`no request from ${SENIOR.name} ${await where(junior)}`];
    if (!(await request.innerText()).includes("Jij bent dan de mentor.")) return [`the junior is not the mentor: ${await request.innerText()}`];
    await follow(junior, request.getByRole("button", { name: "Aannemen", exact: true }));
    const text = await bodyText(junior);
    const problems = [];
    for (const want of ["Jullie zijn nu een koppel.", SENIOR.email, "Omgekeerd mentorschap", `Thema: ${SHARED_THEME}`]) {
      if (!text.includes(want)) problems.push(`the pair page does not say "${want}"`);
    }
    if (!/^\/mentoring\/koppels\/[0-9a-f]{32}$/.test(pathname(junior))) problems.push(`not on a pair page`);
    await check(junior, "mentoring pair page");
    if (problems.length) return [...problems, await where(junior)];
    await mailbox.waitFor(SENIOR.email, `${JUNIOR.name} heeft je verzoek aangenomen`, earlier);
    s.paired = true;
  });

  await test("the junior logs a meeting of 1,5 hours, with what the senior learned from her", async () => {
    need(s.paired, "the pair");
    await junior.locator("#held_on").fill(day(-1));
    await junior.locator("#hours").fill("1,5");
    await junior.locator("#topics").fill("Een online peiling via de buurtapp opzetten.");
    await junior.locator("#mentor_learned").fill("Hoe Henk partners in de wijk vasthoudt.");
    await junior.locator("#mentee_learned").fill("Een peiling maken en delen in tien minuten.");
    await press(junior, "Gesprek opslaan");
    const text = await bodyText(junior);
    if (!text.includes("Het gesprek staat in het logboek en in jullie leerdossiers.")) return [`not logged ${await where(junior)}`];
    if (!text.includes("Een online peiling via de buurtapp opzetten.")) return [`the meeting is not in the log ${await where(junior)}`];
    await check(junior, "mentoring pair page with a meeting");
    s.logged = true;
  });

  await test("the senior sees the pair and the meeting from the programme page", async () => {
    need(s.logged, "the meeting");
    await fromAccount(senior, "Meester en gezel (mentorschap)");
    await click(senior, PROGRAMME);
    await click(senior, `${JUNIOR.name} is jouw mentor`);
    const text = await bodyText(senior);
    if (!text.includes(JUNIOR.email) || !text.includes("Een online peiling via de buurtapp opzetten.")) return [`the pair page lacks the contact or the meeting ${await where(senior)}`];
  });

  for (const [who, page] of [
    ["the junior's", junior],
    ["the senior's", senior],
  ]) {
    await test(`${who} learning record shows the 1,5 hours as Reflectie (mentorschap)`, async () => {
      need(s.logged, "the meeting");
      await fromAccount(page, "Mijn leerdossier (uren en punten)");
      const text = await bodyText(page);
      const problems = [];
      if (!text.includes("Reflectie (mentorschap)")) problems.push("no \"Reflectie (mentorschap)\"");
      if (!text.includes("1,5 uur")) problems.push("no \"1,5 uur\"");
      if (page === junior) await check(page, "learning record with mentoring");
      if (problems.length) return [...problems, await where(page)];
    });
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
      await test("inventory flow (unexpected error)", async () => [err.stack || err.message]);
    }
    await browser.close();
  }
  console.log(`${run.passed} passed, ${run.failed} failed`);
  process.exit(run.failed > 0 ? 1 : 0);
}

await main();
