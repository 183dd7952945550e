// What the walks through the product (atelier.mjs, keuzemodule.mjs) share: pages in
// a Dutch desktop context, following links and buttons by their names, axe plus the
// 320 px reflow check on a page, signing in by the emailed link, links read from
// emails, times in Amsterdam as the session editor takes them, and screenshots of a
// page at desktop and phone width to look at.
import path from "node:path";
import { NAV_TIMEOUT_MS, bodyText, reflowProblems, urlOn } from "./lib.mjs";

export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 320, height: 640 };
/** A common phone, for screenshots to look at (the reflow check uses `PHONE`). */
export const PHONE_SHOT = { width: 390, height: 844 };

/** Date and time in Amsterdam as the session editor takes them. */
export function amsterdam(date) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-GB", {
      timeZone: "Europe/Amsterdam",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hourCycle: "h23",
    })
      .formatToParts(date)
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/**
 * A meeting that began ten minutes before `nowMs` and lasts an hour, as the session
 * editor takes it (one date, a start and an end time in Amsterdam; the hour counted
 * in real time, so a clock change inside it is no gap). Shortly after midnight it is
 * the evening before, 23:50–23:59, so the one date holds both times.
 */
export function begunAgo(nowMs) {
  const startMs = nowMs - 10 * 60_000;
  const started = amsterdam(new Date(startMs));
  if (started.time > "23:50") return { date: started.date, start: "23:50", end: "23:59" };
  const ended = amsterdam(new Date(startMs + 60 * 60_000));
  return { date: started.date, start: started.time, end: ended.date === started.date ? ended.time : "23:59" };
}

/** The text/plain part of a mail read by `outboxReader`. */
export const plainOf = (mail) => mail.parts.find((p) => p.contentType === "text/plain")?.text ?? "";

/**
 * The helpers of one walk against the server at `base`: `mailbox` is an
 * `outboxReader`, `run` a `runner` (its `test` and `axeTest` are used); `shotDir`,
 * when given, receives the screenshots `shoot` takes.
 */
export function walker(base, mailbox, run, shotDir = "") {
  const urlFor = (p) => urlOn(base, p);
  const pathOf = (url) => {
    const u = new URL(url, base);
    return `${u.pathname}${u.search}`;
  };
  const pathname = (page) => new URL(page.url()).pathname;
  /** The first link in the mail's plain text whose path starts with `prefix`. */
  const linkIn = (mail, prefix) => {
    const m = new RegExp(`https?://[^\\s"'<>]+${prefix}[^\\s"'<>]*`).exec(plainOf(mail));
    return m ? pathOf(m[0]) : "";
  };

  async function newPage(browser) {
    // bypassCSP: the app forbids inline script (as it should); axe is injected inline.
    const context = await browser.newContext({ viewport: DESKTOP, locale: "nl-NL", bypassCSP: true, acceptDownloads: true });
    const page = await context.newPage();
    page.setDefaultTimeout(NAV_TIMEOUT_MS);
    return page;
  }

  /** The page's text when a step went wrong: where it is and the start of what it says. */
  async function where(page) {
    return `at ${page.url()}:\n${(await bodyText(page)).slice(0, 700)}`;
  }

  /** Clicks `locator` and waits for the page it leads to; says where it was when it is missing. */
  async function follow(page, locator) {
    if (!(await locator.count())) throw new Error(`nothing to click (${locator}) ${await where(page)}`);
    const [nav] = await Promise.all([page.waitForNavigation({ waitUntil: "load" }), locator.click()]);
    return nav;
  }

  /** Clicks the button named `name` and waits for the page it leads to. */
  const press = (page, name) => follow(page, page.getByRole("button", { name, exact: true }).first());

  /** Clicks the link named `name` and waits for the page it leads to. */
  const click = (page, name) => follow(page, page.getByRole("link", { name, exact: true }).first());

  const goto = (page, path) => page.goto(urlFor(path), { waitUntil: "load" });

  /** axe on the page as it is, then the same page laid out 320 px wide. */
  async function check(page, label) {
    await run.axeTest(page, label);
    await run.test(`${label}: reflow at ${PHONE.width} px`, async () => {
      await page.setViewportSize(PHONE);
      try {
        return await reflowProblems(page);
      } finally {
        await page.setViewportSize(DESKTOP);
      }
    });
  }

  /**
   * Signs in on `page` (already on the sign-in form) by the link emailed to `email`;
   * with `checked`, the two pages on the way get axe and the reflow check.
   */
  async function signInHere(page, email, earlier, checked = false) {
    await page.locator("#email").fill(email);
    await press(page, "Stuur mij een link");
    if (!(await bodyText(page)).includes("Kijk in je e-mail")) throw new Error(`no 'Kijk in je e-mail' ${await where(page)}`);
    if (checked) await check(page, "sign-in link sent");
    const mail = await mailbox.waitFor(email, "Je link om in te loggen", earlier);
    const link = linkIn(mail, "/inloggen/link/");
    if (!link) throw new Error("no sign-in link in the email");
    await goto(page, link);
    if (checked) await check(page, "sign-in link opened");
    const nav = await press(page, "Inloggen");
    if (nav?.status() !== 200) throw new Error(`after the link: HTTP ${nav?.status()} ${await where(page)}`);
  }

  /** The section or article whose heading is exactly `name`. */
  const sectionOf = (page, name) =>
    page.locator("section, article", { has: page.getByRole("heading", { name, exact: true }) }).first();

  /** Full-page screenshots of the page at 1280 and 390 px (`shot-<label>-1280.png`, …). */
  async function shoot(page, label) {
    if (!shotDir) return;
    const name = label.replace(/[^a-zA-Z0-9._-]+/g, "_");
    for (const size of [DESKTOP, PHONE_SHOT]) {
      await page.setViewportSize(size);
      await page.screenshot({ path: path.join(shotDir, `shot-${name}-${size.width}.png`), fullPage: true }).catch(() => {});
    }
    await page.setViewportSize(DESKTOP);
  }

  return { urlFor, pathOf, pathname, linkIn, newPage, where, follow, press, click, goto, check, signInHere, sectionOf, shoot };
}
