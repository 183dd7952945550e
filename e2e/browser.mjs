#!/usr/bin/env node
// Browser end-to-end checks: Debian's Chromium driven by playwright-core, with
// axe-core for WCAG 2.2 AA. No browser download, no test framework.
//
//   node e2e/browser.mjs http://127.0.0.1:8080
//   E2E_SCREENSHOTS=/tmp/shots node e2e/browser.mjs http://127.0.0.1:8080
//
// Env: E2E_SCREENSHOTS  directory for full-page PNGs (skipped when unset)
//      CHROMIUM_PATH    browser binary (default /usr/bin/chromium)
//      E2E_ONLY         run only checks whose label (the path unless given) contains this string
//      E2E_SESSION      an `sl_session` cookie value (a platform admin's session); the
//                       checks marked `signedIn: true` run with it and are skipped without it
//      E2E_SESSION_MEMBER, E2E_SESSION_NEWCOMER, E2E_SESSION_KARTREKKER
//                       sessions of an atelier's active member, of someone signed in who
//                       is no member, and of its kartrekker (`signedIn: "member"`, …)
//      E2E_ATELIER, E2E_ATELIER_REQUEST, E2E_ATELIER_MEMBER
//                       the public ids of that atelier, of a request to join it and of
//                       an active membership (its back-office pages)
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { chromium } from "playwright-core";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { AXE_TAGS, CHROMIUM_ARGS, NAV_TIMEOUT_MS, axeSource, formatViolations, reflowProblems, urlOn } from "./lib.mjs";

// ---------------------------------------------------------------------------
// The pages to check. Add a line to add a page.
//   path         path + query, appended to the base URL
//   lang         expected primary language of <html lang> ("nl" | "en")
//   status       expected HTTP status (default 200)
//   expectTitle  optional RegExp for <title>
//   signedIn     true: the page is behind sign-in (uses E2E_SESSION); "member",
//                "newcomer" or "kartrekker": as that person (E2E_SESSION_<NAME>)
//   submit       true: send the page's form as it is (the first in <main>) and check
//                the answer instead (with `status`, e.g. 422 for a form with errors)
//   label        the check's name in the output and the screenshots (default: path)
//   expectTexts  strings (or RegExps) that must be in the page's rendered text.
//                A string matches case-sensitively as a whole word/phrase, so
//                "Vol" does not match "Volgende". Use a RegExp for anything else.
// Every page must also have exactly one <h1>, a working skip link to <main>,
// no axe violations (WCAG 2.0/2.1/2.2 A+AA), an <h1> with JavaScript off, and, at
// each of REFLOW_VIEWPORTS, no sideways scrolling, every button inside the viewport
// and tap targets of at least 24×24 px (WCAG 1.4.10 Reflow, 2.5.8 Target size).
// ---------------------------------------------------------------------------
export const CHECKS = [
  { path: "/", lang: "nl", expectTexts: [] },
  { path: "/activiteiten", lang: "nl", expectTexts: [] },
  {
    path: "/activiteiten/blik-op-samenlevingsopbouw",
    lang: "nl",
    expectTitle: /Blik op samenlevingsopbouw/,
    expectTexts: [
      "Blik op samenlevingsopbouw",
      "Inloop",
      "Marcel Spierts",
      "Buurtcentrum Filmwijk",
      "Walt Disneyplantsoen 76/78",
      "1325 SX",
      "Almere",
      "Vol",
      "Leertijd en accreditatie",
      "2 uur en 25 minuten",
      "Register Sociaal Werker, Geaccrediteerde deskundigheidsbevordering: ID-nummer 437120, 2 punten",
    ],
  },
  { path: "/toegankelijkheid", lang: "nl", expectTexts: ["Toegankelijkheidsverklaring", "voldoet gedeeltelijk"] },
  { path: "/privacy", lang: "nl", expectTexts: ["Privacyverklaring", "Autoriteit Persoonsgegevens"] },
  { path: "/activiteiten?lang=en", lang: "en", expectTexts: [] },
  { path: "/activiteiten/bestaat-niet", lang: "nl", status: 404, expectTexts: [] },
  { path: "/inloggen", lang: "nl", expectTexts: ["Stuur mij een link", "Inloggen met een wachtwoord"] },
  { path: "/inloggen?lang=en", lang: "en", expectTexts: ["Send me a link"] },
  { path: `/inloggen/link/${"A".repeat(43)}`, lang: "nl", expectTexts: ["Inloggen bij Samenleren"] },
  { path: "/account", lang: "nl", signedIn: true, expectTexts: ["Mijn aanmeldingen", "Uitloggen op alle apparaten"] },
  { path: "/account/verwijderen", lang: "nl", signedIn: true, expectTexts: ["Ja, verwijder mijn account"] },
  { path: "/beheer", lang: "nl", signedIn: true, expectTexts: ["Movisie", "Nieuwe organisatie"] },
  { path: "/beheer?lang=en", lang: "en", signedIn: true, expectTexts: ["Back office"] },
  { path: "/beheer/organisaties/movisie", lang: "nl", signedIn: true, expectTexts: ["Organisator uitnodigen", "Hoe noemen we onszelf"] },
  { path: "/beheer/organisaties/nieuw", lang: "nl", signedIn: true, expectTexts: ["Organisatie aanmaken"] },
  { path: "/beheer/toegankelijkheid", lang: "nl", signedIn: true, expectTexts: ["Verklaring opslaan", "Bekende problemen"] },
  { path: "/beheer/mensen", lang: "nl", signedIn: true, expectTexts: ["Mensen samenvoegen", "Deze persoon blijft"] },
  { path: "/beheer/organisaties/movisie/activiteiten/nieuw", lang: "nl", signedIn: true, expectTexts: ["Nieuwe activiteit", "Concept opslaan", "Aantal plaatsen"] },
  { path: "/beheer/organisaties/movisie/activiteiten/nieuw?lang=en", lang: "en", signedIn: true, expectTexts: ["New activity", "Save draft"] },
];

// The activity editor's pages, on the activity E2E_ACTIVITY (a public id) and its
// session E2E_ACTIVITY_SESSION.
const ACTIVITY = process.env.E2E_ACTIVITY || "";
const ACTIVITY_SESSION = process.env.E2E_ACTIVITY_SESSION || "";
if (ACTIVITY) {
  const base = `/beheer/activiteiten/${ACTIVITY}`;
  CHECKS.push(
    { path: base, lang: "nl", signedIn: true, expectTexts: ["Bijeenkomsten", "Nieuwe editie maken", "Vragen bij aanmelden"] },
    { path: `${base}?lang=en`, lang: "en", signedIn: true, expectTexts: ["Meetings", "Make a new edition"] },
    { path: `${base}/bewerken`, lang: "nl", signedIn: true, expectTexts: ["Activiteit wijzigen", "Over de activiteit", "Aanmelden"] },
    { path: `${base}/voorbeeld`, lang: "nl", signedIn: true, expectTexts: ["Voorbeeld", "Inloop"] },
    { path: `${base}/annuleren`, lang: "nl", signedIn: true, expectTexts: ["Activiteit annuleren en e-mails sturen"] },
    { path: `${base}/bijeenkomsten/nieuw`, lang: "nl", signedIn: true, expectTexts: ["Nieuwe locatie", "Programma, onderdeel 1"] },
    { path: `${base}/bijeenkomsten/${ACTIVITY_SESSION}`, lang: "nl", signedIn: true, expectTexts: ["Bijeenkomst verwijderen", "Inloop"] },
    { path: `${base}/vragen/nieuw`, lang: "nl", signedIn: true, expectTexts: ["Soort vraag", "Keuzes"] },
    { path: `${base}/aanmeldingen`, lang: "nl", signedIn: true, expectTexts: ["Met een plaats", "Exporteren naar Excel (.xlsx)", "Naar de wachtlijst"] },
    { path: `${base}/aanmeldingen?lang=en`, lang: "en", signedIn: true, expectTexts: ["With a place", "Export to Excel (.xlsx)"] },
    { path: `${base}/aanmeldingen/nieuw`, lang: "nl", signedIn: true, expectTexts: ["Toevoegen en bevestiging sturen"] },
    { path: `${base}/presentielijst`, lang: "nl", signedIn: true, expectTexts: ["Handtekening"] },
    { path: `${base}/inchecken`, lang: "nl", signedIn: true, expectTexts: ["Wie is er bij", "Aanwezig en niet gekomen"] },
    { path: `${base}/inchecken?lang=en`, lang: "en", signedIn: true, expectTexts: ["Who is at", "Present and absent"] },
    { path: `${base}/bericht`, lang: "nl", signedIn: true, expectTexts: ["Bericht versturen", "Iedereen met een plaats"] },
    { path: `${base}/kartrekkers`, lang: "nl", signedIn: true, expectTexts: ["Kartrekkers", "Kartrekker uitnodigen", "Uitnodiging sturen"] },
    { path: `${base}/kartrekkers?lang=en`, lang: "en", signedIn: true, expectTexts: ["Invite a kartrekker", "Send invitation"] },
  );
}
// Accreditation and learning time of the café (E2E_ACCREDITATION: its accreditation
// by Register Sociaal Werker), the PE-online list, and a professional's registers.
if (ACTIVITY && process.env.E2E_ACCREDITATION) {
  const accreditation = `/beheer/activiteiten/${ACTIVITY}/accreditatie`;
  const one = `${accreditation}/${process.env.E2E_ACCREDITATION}`;
  CHECKS.push(
    { path: accreditation, lang: "nl", signedIn: true, expectTexts: ["Accreditatie en leertijd", "Netto leertijd per bijeenkomst", "2 uur en 25 minuten", "437120", "Aanwezigheid voor PE-online", "Accreditatie toevoegen"] },
    { path: `${accreditation}?lang=en`, lang: "en", signedIn: true, expectTexts: ["Accreditation and learning time", "2 h 25 min"] },
    { path: `${accreditation}/nieuw`, lang: "nl", signedIn: true, expectTexts: ["Register en categorie", "ID-nummer", "Per bijeenkomst geaccrediteerd"] },
    { path: `${accreditation}/nieuw`, label: `${accreditation}/nieuw (empty form sent)`, lang: "nl", signedIn: true, submit: true, status: 422, expectTexts: ["Kies een register en een categorie uit de lijst.", "Vul het ID-nummer van de accreditatie in."] },
    { path: one, lang: "nl", signedIn: true, expectTexts: ["Accreditatie aanpassen", "Register en categorie", "Verwijderen"] },
    { path: `${one}/pe-online`, lang: "nl", signedIn: true, expectTexts: ["Aanwezigheid voor PE-online", "ID-nummer 437120", "Zet de aanwezigheid uiterlijk", "Download de lijst (tekstbestand)"] },
  );
}
CHECKS.push(
  { path: "/account/registers", lang: "nl", signedIn: true, expectTexts: ["Mijn registers", "Je hebt nog geen register toegevoegd.", "Registratienummer"] },
  { path: "/account/registers?lang=en", lang: "en", signedIn: true, expectTexts: ["My registers", "Registration number"] },
  { path: "/account/registers", label: "/account/registers (empty form sent)", lang: "nl", signedIn: true, submit: true, status: 422, expectTexts: ["Kies een register uit de lijst.", "Vul je registratienummer in."] },
);
// Certificates of attendance (E2E_CERTIFICATE: the public id of one issued for the
// activity): the verification page in both languages, an unknown one (404), the
// back-office list and the revoke form, also sent empty.
const CERTIFICATE = process.env.E2E_CERTIFICATE || "";
if (ACTIVITY && CERTIFICATE) {
  const base = `/beheer/activiteiten/${ACTIVITY}`;
  CHECKS.push(
    { path: `/certificaat/${CERTIFICATE}`, lang: "nl", expectTexts: ["Bewijs van deelname controleren", "Dit bewijs is geldig.", "Wat er op het bewijs staat", "Netto leertijd"] },
    { path: `/certificaat/${CERTIFICATE}?lang=en`, lang: "en", expectTexts: ["Check a certificate of attendance", "This certificate is valid."] },
    { path: `/certificaat/${"0".repeat(32)}`, lang: "nl", status: 404, expectTexts: ["Bewijs niet gevonden"] },
    { path: `${base}/bewijzen`, lang: "nl", signedIn: true, expectTexts: ["Bewijzen van deelname", "Uitgegeven bewijzen", "Geldig", "Intrekken"] },
    { path: `${base}/bewijzen?lang=en`, lang: "en", signedIn: true, expectTexts: ["Certificates of attendance", "Issued certificates"] },
    { path: `${base}/bewijzen/${CERTIFICATE}/intrekken`, lang: "nl", signedIn: true, expectTexts: ["Bewijs intrekken", "Reden"] },
    { path: `${base}/bewijzen/${CERTIFICATE}/intrekken`, label: `${base}/bewijzen/…/intrekken (empty form sent)`, lang: "nl", signedIn: true, submit: true, status: 422, expectTexts: ["Vul een reden in."] },
  );
}
// Removing someone from the list asks first (E2E_REGISTRATION: a public id there).
if (ACTIVITY && process.env.E2E_REGISTRATION) {
  CHECKS.push({ path: `/beheer/activiteiten/${ACTIVITY}/aanmeldingen/${process.env.E2E_REGISTRATION}/afmelden`, lang: "nl", signedIn: true, expectTexts: ["krijgt een e-mail", "Reden", "(niet verplicht)", "Ja, afmelden"] });
}
// The page the QR code in a confirmation email leads to (E2E_CHECK_IN: its path).
if (process.env.E2E_CHECK_IN) {
  CHECKS.push({ path: process.env.E2E_CHECK_IN, lang: "nl", signedIn: true, expectTexts: ["Naar de lijst om in te checken"] });
}
// The theme inventory: the demo's closed round with public results, and an open
// round (E2E_SURVEY_OPEN) with the forms to vote and propose.
const SURVEY_DEMO = "20210111000000000000000000000001";
CHECKS.push(
  { path: `/inventarisatie/${SURVEY_DEMO}`, lang: "nl", expectTexts: ["Uitslag", "Stemmen per thema", "minstens 5 mensen", "Gekozen thema's"] },
  { path: `/inventarisatie/${SURVEY_DEMO}?lang=en`, lang: "en", expectTexts: ["Results", "Votes per theme"] },
  { path: `/inventarisatie/bevestigen/${"A".repeat(43)}`, lang: "nl", expectTexts: ["Mijn stem bevestigen"] },
  { path: "/beheer/inventarisaties", lang: "nl", signedIn: true, expectTexts: ["Inventarisaties", "Inventarisatie leerwensen samenlevingsopbouw 2021"] },
  { path: `/beheer/inventarisaties/${SURVEY_DEMO}`, lang: "nl", signedIn: true, expectTexts: ["Voorstellen beoordelen", "Uitslag als Excel-bestand", "Besluit opslaan"] },
  { path: "/beheer/organisaties/movisie/inventarisaties/nieuw", lang: "nl", signedIn: true, expectTexts: ["Inventarisatie maken", "Aantal stemmen per persoon"] },
);
if (process.env.E2E_SURVEY_OPEN) {
  CHECKS.push(
    { path: `/inventarisatie/${process.env.E2E_SURVEY_OPEN}`, lang: "nl", expectTexts: ["Stem uitbrengen", "Thema voorstellen", "Hoeveel jaar werk je in het vak?"] },
    { path: `/beheer/inventarisaties/${process.env.E2E_SURVEY_OPEN}`, lang: "nl", signedIn: true, expectTexts: ["Samenvoegen", "Niet meenemen", "Sluiten"] },
  );
}
CHECKS.push(
  { path: "/beheer/organisaties/movisie/logboek", lang: "nl", signedIn: true, expectTexts: ["Logboek van Movisie"] },
  { path: "/beheer/organisaties/movisie/privacy", lang: "nl", signedIn: true, expectTexts: ["Bewaartermijn van aanmeldingen"] },
  { path: "/beheer/api-sleutels", lang: "nl", signedIn: true, expectTexts: ["API-sleutels", "Testkoppeling", "Intrekken", "Sleutel maken"] },
  { path: "/beheer/api-sleutels?lang=en", lang: "en", signedIn: true, expectTexts: ["API tokens", "Revoke", "Make token"] },
);

// Leerateliers, each page as the person who reaches it: the public page of the atelier
// (with its "Lid worden" block) for anyone; the member area, one's own membership and
// leaving as an active member; joining as someone signed in who is no member (also the
// answer to an empty form); the back office's members pages as the kartrekker.
const ATELIER_SLUG = "veerkracht-en-onmacht-in-gemeenschappen";
CHECKS.push(
  { path: `/activiteiten/${ATELIER_SLUG}`, lang: "nl", expectTexts: ["Meedoen", "Nieuwe leden welkom", "Lid worden", "Ben je al lid?", "Naar het atelier"] },
  { path: `/ateliers/${ATELIER_SLUG}`, lang: "nl", signedIn: "member", expectTexts: ["Je bent lid sinds", "Wie doen er mee", "Joost Weling", "Kartrekker", "Chantal van Lieshout", "Contactpersoon"] },
  { path: `/ateliers/${ATELIER_SLUG}?lang=en`, lang: "en", signedIn: "member", expectTexts: ["Joost Weling"] },
  { path: `/ateliers/${ATELIER_SLUG}/lidmaatschap`, lang: "nl", signedIn: "member", expectTexts: ["Hoe doe je mee?", "Opslaan", "Lidmaatschap opzeggen"] },
  { path: `/ateliers/${ATELIER_SLUG}/lidmaatschap`, label: `/ateliers/${ATELIER_SLUG}/lidmaatschap (newcomer)`, lang: "nl", signedIn: "newcomer", expectTexts: ["Wat breng je mee?", "Vraag om lid te worden"] },
  { path: `/ateliers/${ATELIER_SLUG}/lidmaatschap`, label: `/ateliers/${ATELIER_SLUG}/lidmaatschap (empty form sent)`, lang: "nl", signedIn: "newcomer", submit: true, status: 422, expectTexts: ["Vul je naam in.", "Kies hoe je meedoet.", "Vertel in één zin wat je meebrengt."] },
  { path: `/ateliers/${ATELIER_SLUG}/opzeggen`, lang: "nl", signedIn: "member", expectTexts: ["Terug, ik blijf"] },
  { path: `/ateliers/${ATELIER_SLUG}/kwesties`, lang: "nl", signedIn: "member", expectTexts: ["Kwesties", "Kwestie inbrengen"] },
  { path: `/ateliers/${ATELIER_SLUG}/kwesties/nieuw`, lang: "nl", signedIn: "member", expectTexts: ["Wat speelt er?", "Wat wil je leren?", "Voor welke bijeenkomst?"] },
  { path: `/ateliers/${ATELIER_SLUG}/kwesties/nieuw`, label: `/ateliers/${ATELIER_SLUG}/kwesties/nieuw (empty form sent)`, lang: "nl", signedIn: "member", submit: true, status: 422, expectTexts: ["Geef je kwestie een titel."] },
  { path: `/ateliers/${ATELIER_SLUG}/halen-en-brengen`, lang: "nl", signedIn: "member", expectTexts: ["Halen en brengen", "Je uren per maand", "Een bijdrage toevoegen"] },
  { path: `/ateliers/${ATELIER_SLUG}/onderzoek`, lang: "nl", signedIn: "member", expectTexts: ["Praktijkonderzoek"] },
  { path: `/ateliers/${ATELIER_SLUG}/bronnen`, lang: "nl", signedIn: "member", expectTexts: ["Bronnen", "Verslag: veerkracht na een conflict in de buurt", "PDF, 1 kB", "Een bron delen", "Link of bestand", "Thema's"] },
  { path: `/ateliers/${ATELIER_SLUG}/bronnen?thema=gemeenschapsvorming&lang=en`, lang: "en", signedIn: "member", expectTexts: ["Resources", "Share a resource"] },
  { path: `/ateliers/${ATELIER_SLUG}/bronnen`, label: `/ateliers/${ATELIER_SLUG}/bronnen (empty form sent)`, lang: "nl", signedIn: "member", submit: true, status: 422, expectTexts: ["Vul een titel in.", "Vul een link in of kies een bestand."] },
  { path: `/ateliers/${ATELIER_SLUG}/leden`, lang: "nl", signedIn: "member", expectTexts: ["Wie doen er mee", "Fatima El Amrani"] },
  { path: `/ateliers/${ATELIER_SLUG}/gesprekken`, lang: "nl", signedIn: "member", expectTexts: ["Gesprekken", "Nieuwe vrijwilligers vinden na de coronatijd", "Nieuw gesprek", "Wanneer wil je een mail?"] },
  { path: `/ateliers/${ATELIER_SLUG}/gesprekken/nieuw`, lang: "nl", signedIn: "member", expectTexts: ["Nieuw gesprek", "Titel", "Waar gaat het over?"] },
  { path: `/ateliers/${ATELIER_SLUG}/gesprekken/nieuw`, label: `/ateliers/${ATELIER_SLUG}/gesprekken/nieuw (empty form sent)`, lang: "nl", signedIn: "member", submit: true, status: 422, expectTexts: ["Geef je gesprek een titel.", "Schrijf een bericht."] },
  { path: "/account/api-sleutels", lang: "nl", signedIn: "member", expectTexts: ["API-sleutels", "agenda-app", "Sleutel maken"] },
  { path: "/account/api-sleutels?lang=en", lang: "en", signedIn: "member", expectTexts: ["API tokens", "calendar app", "Make token"] },
  { path: "/account/leerdossier", lang: "nl", signedIn: "member", expectTexts: ["Mijn leerdossier", "Totalen per register", "Per jaar", "Wat je hebt gevolgd", "Eigen activiteit toevoegen"] },
  { path: "/account/leerdossier?lang=en", lang: "en", signedIn: "member", expectTexts: ["My learning record", "Totals per register"] },
  { path: "/account/leerdossier/toevoegen", lang: "nl", signedIn: "member", expectTexts: ["Eigen activiteit toevoegen", "Netto uren", "Bestand als bewijs"] },
  { path: "/account/leerdossier/toevoegen", label: "/account/leerdossier/toevoegen (empty form sent)", lang: "nl", signedIn: "member", submit: true, status: 422, expectTexts: ["Vul de naam van de activiteit in.", "Vul het aantal uren in."] },
  { path: `/activiteiten/${ATELIER_SLUG}/aanmelden`, lang: "nl", expectTexts: ["Bijeenkomst", "openbare bijeenkomsten"] },
  { path: `/activiteiten/${ATELIER_SLUG}/aanmelden`, label: `/activiteiten/${ATELIER_SLUG}/aanmelden (empty form sent)`, lang: "nl", submit: true, status: 422, expectTexts: ["Kies een van de openbare bijeenkomsten uit de lijst."] },
);
// A conversation (E2E_ATELIER_THREAD): its posts, a helpful mark, the reply form.
// (Not sent empty here: its first form is the follow button; tests/it/space.rs
// sends the reply form.)
if (process.env.E2E_ATELIER_THREAD) {
  CHECKS.push({ path: `/ateliers/${ATELIER_SLUG}/gesprekken/${process.env.E2E_ATELIER_THREAD}`, lang: "nl", signedIn: "member", expectTexts: ["Nieuwe vrijwilligers vinden na de coronatijd", "leden vonden dit nuttig", "Reageren", "Reactie plaatsen"] });
}
// Removing a resource asks first (E2E_ATELIER_RESOURCE: one the kartrekker shared).
if (process.env.E2E_ATELIER_RESOURCE) {
  CHECKS.push({ path: `/ateliers/${ATELIER_SLUG}/bronnen/${process.env.E2E_ATELIER_RESOURCE}/verwijderen`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Bron verwijderen", "Ja, verwijderen"] });
}
// A meeting of the atelier (E2E_ATELIER_MEETING: its session id): its page for a
// member, its agenda and attendance for the kartrekker.
const MEETING = process.env.E2E_ATELIER_MEETING || "";
if (MEETING) {
  CHECKS.push({ path: `/ateliers/${ATELIER_SLUG}/bijeenkomsten/${MEETING}`, lang: "nl", signedIn: "member", expectTexts: ["Agenda"] });
}
const ATELIER = process.env.E2E_ATELIER || "";
if (ATELIER) {
  const members = `/beheer/activiteiten/${ATELIER}/leden`;
  CHECKS.push(
    { path: members, lang: "nl", signedIn: "kartrekker", expectTexts: ["Aanvragen", "Kenneth Sabajo", "Deelnamevorm", "Brengt mee", "Lid sinds", "Iemand uitnodigen", "Oud-leden en afgewezen aanvragen", "Anouk Jacobs", "Oud-lid"] },
    { path: `${members}?lang=en`, lang: "en", signedIn: "kartrekker", expectTexts: ["Kenneth Sabajo"] },
  );
  CHECKS.push(
    { path: `/beheer/activiteiten/${ATELIER}/reeks`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Reeks bijeenkomsten", "Hoe vaak?", "Welke dag?", "Reeks opslaan"] },
    { path: `/beheer/activiteiten/${ATELIER}/halen-en-brengen`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Halen en brengen", "Signaal", "Verwachte tijd per maand: uren"] },
    { path: `/beheer/activiteiten/${ATELIER}/onderzoek`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Praktijkonderzoek", "Onderzoeksvraag", "Onderzoek toevoegen"] },
  );
  if (MEETING) {
    CHECKS.push({ path: `/beheer/activiteiten/${ATELIER}/agenda/${MEETING}`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Agenda van", "Onderdeel toevoegen", "Agenda versturen aan de leden"] });
    CHECKS.push({ path: `/beheer/activiteiten/${ATELIER}/inchecken?sessie=${MEETING}`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Leden van het atelier", "Aanmeldingen van niet-leden"] });
  }
  if (process.env.E2E_ATELIER_REQUEST) {
    CHECKS.push({ path: `${members}/${process.env.E2E_ATELIER_REQUEST}`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Kenneth Sabajo", "Vraagt om lid te worden", "Deelnamevorm", "Wat is je besluit?", "Aannemen", "Afwijzen", "Besluit versturen"] });
  }
  if (process.env.E2E_ATELIER_MEMBER) {
    CHECKS.push({ path: `${members}/${process.env.E2E_ATELIER_MEMBER}`, lang: "nl", signedIn: "kartrekker", expectTexts: ["Rol in het atelier", "Rol opslaan"] });
  }
}

// Prerequisites: the form of a module that requires another says so; the statement
// page behind the emailed link (E2E_PREREQ_TOKEN) and the organiser's checks
// (E2E_PREREQ_ACTIVITY: the public id of "Vervolg ABCD", with a statement waiting).
CHECKS.push({ path: "/activiteiten/vervolg-abcd/aanmelden", lang: "nl", expectTexts: ["Eerst gevolgd", "Kennismaking met ABCD"] });
if (process.env.E2E_PREREQ_TOKEN) {
  const link = `/voorkennis/${process.env.E2E_PREREQ_TOKEN}`;
  CHECKS.push(
    { path: link, label: "/voorkennis/{token}", lang: "nl", expectTexts: ["Voorkennis nakijken", "Elders gevolgd", "Verklaring versturen"] },
    { path: `${link}?lang=en`, label: "/voorkennis/{token}?lang=en", lang: "en", expectTexts: ["Taken elsewhere", "Send statement"] },
    { path: link, label: "/voorkennis/{token} (empty form sent)", lang: "nl", submit: true, status: 422, expectTexts: ["Kies de module die je elders hebt gevolgd.", "Vul in waar je het hebt gevolgd."] },
  );
}
if (process.env.E2E_PREREQ_ACTIVITY) {
  const checks = `/beheer/activiteiten/${process.env.E2E_PREREQ_ACTIVITY}/voorkennis`;
  CHECKS.push(
    { path: checks, lang: "nl", signedIn: true, expectTexts: ["Wachten op nakijken", "Goedkeuren", "Afwijzen", "Afgerond vastleggen"] },
    { path: `${checks}?lang=en`, lang: "en", signedIn: true, expectTexts: ["Waiting for a check", "Approve", "Record a completion"] },
  );
}

// Meester-gezel mentoring (E2E_MENTORING: the demo programme's public id;
// E2E_MENTORING_PAIR: the demo pair of Joost, the kartrekker session, and Naima;
// E2E_MENTORING_ASK: the profile of someone Joost may ask).
if (process.env.E2E_MENTORING) {
  const home = `/mentoring/${process.env.E2E_MENTORING}`;
  CHECKS.push(
    { path: "/mentoring", lang: "nl", signedIn: "kartrekker", expectTexts: ["Meester en gezel: samen leren", "Je doet mee"] },
    { path: home, label: "/mentoring/{programme}", lang: "nl", signedIn: "kartrekker", expectTexts: ["Jouw profiel", "Wie past bij jou?", "Mijn koppels"] },
    { path: `${home}?lang=en`, label: "/mentoring/{programme}?lang=en", lang: "en", signedIn: "kartrekker", expectTexts: ["Your profile", "Who fits you?"] },
    { path: `${home}/profiel`, label: "/mentoring/{programme}/profiel", lang: "nl", signedIn: "kartrekker", expectTexts: ["Mijn profiel", "Wat kun je aanbieden?"] },
    { path: `${home}/profiel`, label: "/mentoring/{programme}/profiel (empty form sent)", lang: "nl", signedIn: "newcomer", submit: true, status: 422, expectTexts: ["Kies wat je wilt doen.", "Kies minstens één thema."] },
    { path: "/beheer/mentoring", lang: "nl", signedIn: true, expectTexts: ["Mentorprogramma's", "Nieuw mentorprogramma", "Programma maken"] },
    { path: "/beheer/mentoring", label: "/beheer/mentoring (empty form sent)", lang: "nl", signedIn: true, submit: true, status: 422, expectTexts: ["Kies een organisatie uit de lijst.", "Vul de naam van het programma in."] },
    { path: `/beheer/mentoring/${process.env.E2E_MENTORING}`, label: "/beheer/mentoring/{programme}", lang: "nl", signedIn: true, expectTexts: ["Totalen", "Koppels", "Een koppel voorstellen"] },
  );
  if (process.env.E2E_MENTORING_PAIR) {
    CHECKS.push({ path: `/mentoring/koppels/${process.env.E2E_MENTORING_PAIR}`, label: "/mentoring/koppels/{pair}", lang: "nl", signedIn: "kartrekker", expectTexts: ["Contact", "Afspraken", "Logboek", "Evaluatie"] });
  }
  if (process.env.E2E_MENTORING_ASK) {
    CHECKS.push({ path: `${home}/vragen/${process.env.E2E_MENTORING_ASK}`, label: "/mentoring/{programme}/vragen/{profile}", lang: "nl", signedIn: "kartrekker", expectTexts: ["Verzoek sturen"] });
  }
}

const SESSION = process.env.E2E_SESSION || "";
/** The session a check runs with: "" for a page anyone sees (or a missing session). */
function sessionOf(check) {
  if (!check.signedIn) return "";
  if (check.signedIn === true) return SESSION;
  return process.env[`E2E_SESSION_${check.signedIn.toUpperCase()}`] || "";
}

// A phone held upright: 320 px is WCAG 1.4.10's width (1280 px zoomed to 400%),
// 390 px a common phone today.
const REFLOW_VIEWPORTS = [
  { width: 320, height: 640 },
  { width: 390, height: 844 },
];

/** A browser context, with the session cookie for pages behind sign-in. */
async function contextFor(browser, check, options) {
  const context = await browser.newContext(options);
  if (check.signedIn) {
    await context.addCookies([{ name: "sl_session", value: sessionOf(check), url: base }]);
  }
  return context;
}

/** Opens the check's page in `p` (and sends its form when asked); the last response. */
async function open(p, check) {
  const resp = await p.goto(urlFor(check.path), { waitUntil: "load", timeout: NAV_TIMEOUT_MS });
  if (!check.submit) return resp;
  if (resp?.status() !== 200) throw new Error(`the form page answered ${resp?.status()}, expected 200`);
  const button = p.locator("main form[method='post'] [type='submit']").first();
  const [answer] = await Promise.all([p.waitForNavigation({ waitUntil: "load", timeout: NAV_TIMEOUT_MS }), button.click()]);
  return answer;
}


// ---------------------------------------------------------------------------

const base = process.argv[2];
if (!base || !/^https?:\/\//.test(base)) {
  console.error("usage: node e2e/browser.mjs http://127.0.0.1:8080");
  process.exit(2);
}
const shotDir = process.env.E2E_SCREENSHOTS || "";
if (shotDir) mkdirSync(shotDir, { recursive: true });

let passed = 0;
let failed = 0;

/** Run one named test; `fn` throws (or returns a list of problems) on failure. */
async function test(name, fn) {
  try {
    const problems = (await fn()) || [];
    if (problems.length) throw new Error(problems.join("\n"));
    passed++;
    console.log(`ok   ${name}`);
  } catch (err) {
    failed++;
    console.log(`FAIL ${name}`);
    for (const line of String(err?.message ?? err).split("\n")) console.log(`       ${line}`);
  }
}

const urlFor = (p) => urlOn(base, p);

function slug(p) {
  return (p.replace(/^\/+/, "").replace(/[^a-zA-Z0-9._-]+/g, "_") || "index").slice(0, 120);
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function textMatcher(expected) {
  if (expected instanceof RegExp) return expected;
  // whole word/phrase: not preceded or followed by a letter or digit
  return new RegExp(`(?<![\\p{L}\\p{N}])${escapeRegExp(expected)}(?![\\p{L}\\p{N}])`, "u");
}

async function checkPage(browser, check) {
  const wantStatus = check.status ?? 200;
  const label = check.label ?? check.path;

  // bypassCSP: the app forbids inline script (as it should); axe is injected inline.
  const context = await contextFor(browser, check, { viewport: { width: 1280, height: 800 }, locale: "nl-NL", bypassCSP: true });
  const page = await context.newPage();
  page.setDefaultTimeout(NAV_TIMEOUT_MS);
  let loaded = false;

  try {
    await test(`${label} content`, async () => {
      const problems = [];
      const resp = await open(page, check);
      loaded = true;
      const status = resp ? resp.status() : 0;
      if (status !== wantStatus) problems.push(`HTTP status ${status}, expected ${wantStatus}`);

      const lang = await page.evaluate(() => document.documentElement.getAttribute("lang"));
      const primary = (lang || "").toLowerCase().split("-")[0];
      if (primary !== check.lang) problems.push(`<html lang="${lang ?? ""}">, expected "${check.lang}"`);

      const h1s = await page.locator("h1").count();
      if (h1s !== 1) problems.push(`found ${h1s} <h1> elements, expected exactly 1`);

      const title = await page.title();
      if (!title.trim()) problems.push("empty <title>");
      if (check.expectTitle && !check.expectTitle.test(title)) {
        problems.push(`<title> "${title}" does not match ${check.expectTitle}`);
      }

      const rendered = (await page.evaluate(() => document.body?.innerText ?? "")).replace(/\s+/g, " ");
      for (const t of check.expectTexts ?? []) {
        if (!textMatcher(t).test(rendered)) problems.push(`expected text not visible: ${t}`);
      }
      return problems;
    });

    if (!loaded) {
      // Navigation itself failed: count the remaining tests for this page as failed.
      for (const part of ["axe", "skip link"]) await test(`${label} ${part}`, async () => ["page did not load"]);
    } else {
      await test(`${label} axe`, async () => {
        await page.addScriptTag({ content: axeSource });
        const result = await page.evaluate(
          (tags) => window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] }),
          AXE_TAGS,
        );
        return formatViolations(result.violations);
      });

      if (shotDir) {
        await page.screenshot({ path: path.join(shotDir, `${slug(label)}.png`), fullPage: true });
      }

      await test(`${label} skip link`, async () => {
        const problems = [];
        await page.evaluate(() => {
          window.scrollTo(0, 0);
          if (document.activeElement instanceof HTMLElement) document.activeElement.blur();
        });
        await page.keyboard.press("Tab");
        const first = await page.evaluate(() => {
          const el = document.activeElement;
          if (!el || el === document.body) return null;
          const r = el.getBoundingClientRect();
          return {
            tag: el.tagName.toLowerCase(),
            href: el.getAttribute("href"),
            text: (el.textContent || "").trim(),
            inViewport: r.width > 0 && r.height > 0 && r.top >= 0 && r.left >= 0 && r.bottom <= innerHeight,
          };
        });
        if (!first) return ["Tab from the top of the page focuses nothing"];
        if (first.tag !== "a" || !first.href || !first.href.startsWith("#")) {
          const desc = `<${first.tag}${first.href ? ` href="${first.href}"` : ""}> "${first.text.slice(0, 60)}"`;
          return [`first Tab stop is ${desc}, expected a skip link (<a href="#main">)`];
        }
        if (!first.inViewport) problems.push(`skip link "${first.text}" is not visible on screen when focused`);
        await page.keyboard.press("Enter");
        await page.waitForTimeout(50);
        const after = await page.evaluate((href) => {
          const target = document.getElementById(decodeURIComponent(href.slice(1)));
          const main = document.querySelector("main");
          const active = document.activeElement;
          return {
            targetExists: !!target,
            targetIsMain: !!target && !!main && (target === main || main.contains(target)),
            focusInMain: !!main && !!active && (active === main || main.contains(active)),
            active: active ? `<${active.tagName.toLowerCase()}${active.id ? ` id="${active.id}"` : ""}>` : "none",
          };
        }, first.href);
        if (!after.targetExists) problems.push(`skip link target ${first.href} does not exist`);
        else if (!after.targetIsMain) problems.push(`skip link target ${first.href} is not <main> or inside it`);
        if (!after.focusInMain) {
          problems.push(`after activating the skip link focus is on ${after.active}, not in <main> (give <main> tabindex="-1")`);
        }
        return problems;
      });
    }
  } finally {
    await context.close();
  }

  // Same page with JavaScript disabled: the content must not depend on scripts.
  await test(`${label} without JavaScript`, async () => {
    const ctx = await contextFor(browser, check, { javaScriptEnabled: false });
    try {
      const p = await ctx.newPage();
      const resp = await open(p, check);
      const problems = [];
      if (!resp || resp.status() !== wantStatus) problems.push(`HTTP status ${resp?.status()}, expected ${wantStatus}`);
      const h1 = p.locator("h1").first();
      if (!(await h1.count()) || !(await h1.isVisible())) problems.push("no visible <h1> with JavaScript disabled");
      return problems;
    } finally {
      await ctx.close();
    }
  });

  for (const viewport of REFLOW_VIEWPORTS) {
    await test(`${label} reflow at ${viewport.width} px`, async () => {
      const ctx = await contextFor(browser, check, { viewport, locale: "nl-NL" });
      try {
        const p = await ctx.newPage();
        await open(p, check);
        if (shotDir) {
          await p.screenshot({ path: path.join(shotDir, `${slug(label)}-${viewport.width}.png`), fullPage: true });
        }
        return await reflowProblems(p);
      } finally {
        await ctx.close();
      }
    });
  }
}

async function main() {
  const only = process.env.E2E_ONLY;
  const checks = (only ? CHECKS.filter((c) => (c.label ?? c.path).includes(only)) : CHECKS).filter((c) => {
    if (c.signedIn && !sessionOf(c)) {
      const name = c.signedIn === true ? "E2E_SESSION" : `E2E_SESSION_${c.signedIn.toUpperCase()}`;
      console.log(`skip ${c.label ?? c.path} (signed in; set ${name})`);
    }
    return !c.signedIn || sessionOf(c);
  });
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      headless: true,
      args: CHROMIUM_ARGS,
    });
  } catch (err) {
    console.log(`FAIL launching Chromium: ${err.message.split("\n")[0]}`);
    failed++;
  }
  if (browser) {
    for (const check of checks) {
      try {
        await checkPage(browser, check);
      } catch (err) {
        await test(`${check.path} (unexpected error)`, async () => [err.message]);
      }
    }
    await browser.close();
  }
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main();
