#!/usr/bin/env node
// API and calendar contract checks.
//
//   node e2e/api.mjs http://127.0.0.1:8080
//
// 1. GET /api/openapi.json must be a valid OpenAPI 3.1.x document
//    (@seriousme/openapi-schema-validator).
// 2. Each request in REQUESTS is sent; the status must match, and the body must
//    validate (Ajv, JSON Schema 2020-12 + formats) against the schema the spec
//    declares for that path, method, status and content type.
// 3. Each calendar feed in FEEDS is parsed with ical.js and checked: a
//    VTIMEZONE Europe/Amsterdam, >= 1 VEVENT, each with UID, SUMMARY, LOCATION
//    and DTSTART;TZID=Europe/Amsterdam, UIDs unique, CRLF line endings.
//
// Last line of output: "N passed, M failed"; exit code 1 when M > 0.

import { Validator } from "@seriousme/openapi-schema-validator";
import Ajv2020 from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import ICAL from "ical.js";
import { urlOn } from "./lib.mjs";

// ---------------------------------------------------------------------------
// Requests to check against the spec. Add a line to add a check.
//   method, path (with query), status: expected HTTP status
//   token: send E2E_API_TOKEN as a Bearer token (organiser API)
//   body: a JSON body; with `contentType` other than application/json it is not
//     checked against the request schema (a merge patch holds only some fields)
//   save: remember the response body's `id` under this name; later paths use it
//     as {name}. {activity} is E2E_API_ACTIVITY (an activity the token manages).
// ---------------------------------------------------------------------------
const cafe = {
  kind: "cafe",
  title: "Leercafé uit het cursussysteem",
  summary: "Gemaakt via de API.",
  capacity: 20,
  contact: { name: "Carla Contact", email: "carla@example.org" },
  facilitators: [{ name: "Bram Bos", affiliation: "Movisie" }],
  links: [{ title: "Dossier", url: "https://www.movisie.nl/dossier" }],
};
const session = {
  date: "2027-03-04",
  start: "13:30",
  end: "17:00",
  new_venue: { name: "Buurthuis De Ster", city: "Utrecht" },
  program: [
    { time: "13:30", kind: "walk_in", title: "Inloop" },
    { time: "14:00", kind: "talk", title: "Wat werkt?", speakers: [{ name: "Anna de Vries", affiliation: "Movisie" }] },
  ],
};
const organiser = "/api/v1/organiser";
export const REQUESTS = [
  { method: "GET", path: "/api/v1/activities", status: 200 },
  { method: "GET", path: "/api/v1/activities?kind=cafe", status: 200 },
  { method: "GET", path: "/api/v1/activities/blik-op-samenlevingsopbouw", status: 200 },
  { method: "GET", path: "/api/v1/activities/bestaat-niet", status: 404 },
  { method: "GET", path: "/api/v1/activities?kind=onzin", status: 400 },
  { method: "GET", path: `${organiser}/me`, status: 401 },
  { method: "GET", path: `${organiser}/me`, token: true, status: 200 },
  { method: "GET", path: `${organiser}/venues`, token: true, status: 200 },
  { method: "GET", path: `${organiser}/organisations/movisie/activities`, token: true, status: 200 },
  { method: "GET", path: `${organiser}/organisations/de-schoor/activities`, token: true, status: 404 },
  { method: "POST", path: `${organiser}/organisations/movisie/activities`, token: true, body: cafe, status: 201, save: "created" },
  { method: "POST", path: `${organiser}/organisations/movisie/activities`, token: true, body: { ...cafe, title: "" }, status: 422 },
  { method: "GET", path: `${organiser}/activities/{created}`, token: true, status: 200 },
  { method: "PATCH", path: `${organiser}/activities/{created}`, token: true, body: { summary: "Anders gezegd.", capacity: null }, contentType: "application/merge-patch+json", status: 200 },
  { method: "POST", path: `${organiser}/activities/{created}/sessions`, token: true, body: session, status: 201 },
  { method: "POST", path: `${organiser}/activities/{created}/sessions`, token: true, body: { ...session, end: "12:00" }, status: 422 },
  { method: "DELETE", path: `${organiser}/activities/{created}`, token: true, status: 204 },
  { method: "GET", path: `${organiser}/activities/{activity}`, token: true, status: 200 },
  { method: "POST", path: `${organiser}/activities/{activity}/status`, token: true, body: { action: "publish" }, status: 409 },
  { method: "GET", path: `${organiser}/activities/{activity}/registrations`, token: true, status: 200 },
  { method: "GET", path: `${organiser}/activities/{activity}/registrations.csv`, token: true, status: 200 },
  { method: "GET", path: `${organiser}/activities/{activity}/registrations.xlsx?lang=en`, token: true, status: 200 },
  { method: "GET", path: `${organiser}/activities/00000000000000000000000000000000`, token: true, status: 404 },
];

// iCalendar feeds to check. minEvents: at least this many VEVENTs.
// location: every event must have a LOCATION matching it (sessions without a venue
// have none). eventsMatchApi: one VEVENT per session of every listed activity.
export const FEEDS = [
  { path: "/agenda.ics", minEvents: 1, eventsMatchApi: true },
  {
    path: "/activiteiten/blik-op-samenlevingsopbouw/agenda.ics",
    minEvents: 1,
    location: /^Buurtcentrum Filmwijk, Walt Disneyplantsoen 76\/78, 1325 SX Almere$/,
  },
];

const SPEC_PATH = "/api/openapi.json";
const TZID = "Europe/Amsterdam";
const TIMEOUT_MS = 15_000;
const SPEC_ID = "https://samenleren.invalid/api/openapi.json";

// ---------------------------------------------------------------------------

const base = process.argv[2];
if (!base || !/^https?:\/\//.test(base)) {
  console.error("usage: node e2e/api.mjs http://127.0.0.1:8080");
  process.exit(2);
}

let passed = 0;
let failed = 0;

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

const API_TOKEN = process.env.E2E_API_TOKEN || "";
const saved = { activity: process.env.E2E_API_ACTIVITY || "" };

async function get(p, method = "GET", { token = false, body, contentType = "application/json" } = {}) {
  const headers = { accept: "application/json, application/problem+json;q=0.9, */*;q=0.1" };
  if (token) headers.authorization = `Bearer ${API_TOKEN}`;
  if (body !== undefined) headers["content-type"] = contentType;
  const res = await fetch(urlFor(p), {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    redirect: "manual",
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  const text = await res.text();
  return { status: res.status, contentType: (res.headers.get("content-type") || "").split(";")[0].trim().toLowerCase(), text };
}

function escapeRegExp(s) {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** JSON-pointer token escaping (RFC 6901). */
function ptr(token) {
  return String(token).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Path prefix of the first server URL ("/api/v1" for "https://x/api/v1"), or "". */
function serverPrefix(spec) {
  const url = spec.servers?.[0]?.url;
  if (!url) return "";
  try {
    const p = new URL(url, "http://placeholder.invalid").pathname.replace(/\/+$/, "");
    return p === "/" ? "" : p;
  } catch {
    return "";
  }
}

/** Find the spec's path template for a concrete path; concrete templates win over templated ones. */
function findPathItem(spec, requestPath) {
  const prefix = serverPrefix(spec);
  const candidates = [requestPath];
  if (prefix && requestPath.startsWith(prefix)) candidates.push(requestPath.slice(prefix.length) || "/");
  const templates = Object.keys(spec.paths || {});
  for (const p of candidates) {
    if (templates.includes(p)) return p;
  }
  for (const p of candidates) {
    const matches = templates.filter((t) => {
      const re = new RegExp(`^${t.split(/(\{[^}]+\})/).map((part) => (part.startsWith("{") ? "[^/]+" : escapeRegExp(part))).join("")}$`);
      return re.test(p);
    });
    // fewest template variables = most specific
    matches.sort((a, b) => (a.match(/\{/g) || []).length - (b.match(/\{/g) || []).length);
    if (matches.length) return matches[0];
  }
  return null;
}

/** Resolve a local $ref chain ("#/components/responses/NotFound") inside the spec. */
function deref(spec, obj) {
  let seen = 0;
  while (obj && typeof obj.$ref === "string" && obj.$ref.startsWith("#/") && seen++ < 20) {
    obj = obj.$ref
      .slice(2)
      .split("/")
      .map((t) => t.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((o, k) => (o == null ? o : o[k]), spec);
  }
  return obj;
}

function formatAjvErrors(errors) {
  return (errors || []).slice(0, 15).map((e) => {
    const extra = e.params && Object.keys(e.params).length ? ` ${JSON.stringify(e.params)}` : "";
    return `  body${e.instancePath || ""}: ${e.message}${extra}`;
  });
}

async function main() {
  // ----------------------------------------------------------- the spec
  let spec = null;
  await test(`${SPEC_PATH} is valid OpenAPI 3.1`, async () => {
    const res = await get(SPEC_PATH);
    if (res.status !== 200) return [`HTTP status ${res.status}, expected 200`];
    let doc;
    try {
      doc = JSON.parse(res.text);
    } catch (e) {
      return [`not JSON: ${e.message}`];
    }
    const problems = [];
    if (!/^3\.1\.\d+$/.test(String(doc.openapi ?? ""))) problems.push(`"openapi": ${JSON.stringify(doc.openapi)}, expected 3.1.x`);
    const validator = new Validator();
    const result = await validator.validate(doc);
    if (!result.valid) {
      problems.push("does not validate against the OpenAPI schema:");
      const errs = Array.isArray(result.errors) ? result.errors : [result.errors];
      for (const e of errs.slice(0, 15)) {
        problems.push(`  ${e.instancePath ?? ""} ${e.message ?? JSON.stringify(e)}${e.params ? ` ${JSON.stringify(e.params)}` : ""}`);
      }
    }
    if (!problems.length) spec = doc;
    return problems;
  });

  // ------------------------------------------------------- the requests
  let ajv = null;
  if (spec) {
    ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
    addFormats(ajv);
    // ajv-formats knows int32/int64/float/double/byte/binary/password; add the
    // sized integers utoipa emits with its `non_strict_integers` feature.
    for (const bits of [8, 16]) {
      ajv.addFormat(`int${bits}`, { type: "number", validate: (n) => Number.isInteger(n) && n >= -(2 ** (bits - 1)) && n < 2 ** (bits - 1) });
    }
    for (const bits of [8, 16, 32, 64]) {
      ajv.addFormat(`uint${bits}`, { type: "number", validate: (n) => Number.isInteger(n) && n >= 0 && n < 2 ** bits });
    }
    // The whole spec becomes one schema document, so "#/components/schemas/X"
    // refs inside response schemas resolve against it.
    ajv.addSchema({ ...spec, $id: SPEC_ID });
  }
  const compiled = new Map();

  for (const req of REQUESTS) {
    const name = `${req.method} ${req.path}${req.token ? " (token)" : ""} -> ${req.status}`;
    await test(name, async () => {
      if (!spec) return ["no valid spec to check against"];
      if (req.token && !API_TOKEN) return ["E2E_API_TOKEN is not set (tests/it/browser.rs sets it)"];
      const missing = [...req.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).filter((k) => !saved[k]);
      if (missing.length) return [`no value for {${missing.join("}, {")}} (E2E_API_ACTIVITY, or an earlier request's save)`];
      const path = req.path.replace(/\{(\w+)\}/g, (_, k) => saved[k]);
      const pathOnly = path.split("?")[0];
      const template = findPathItem(spec, pathOnly);
      if (!template) return [`no path in the spec matches ${pathOnly}`];
      const method = req.method.toLowerCase();
      const operation = spec.paths[template][method];
      if (!operation) return [`spec has no ${req.method} for ${template}`];

      const problems = [];
      // The request body must be what the spec describes (merge patches hold only
      // some fields, so they are not checked).
      if (req.body !== undefined && (req.contentType ?? "application/json") === "application/json") {
        const requestPointer = `#/paths/${ptr(template)}/${method}/requestBody/content/application~1json/schema`;
        let validateRequest;
        try {
          validateRequest = ajv.compile({ $ref: `${SPEC_ID}${requestPointer}` });
        } catch (e) {
          return [`cannot compile request schema ${requestPointer}: ${e.message}`];
        }
        if (!validateRequest(req.body)) {
          problems.push(`request body does not match ${requestPointer}:`, ...formatAjvErrors(validateRequest.errors));
        }
      }
      const res = await get(path, req.method, { token: req.token, body: req.body, contentType: req.contentType });
      if (res.status !== req.status) problems.push(`HTTP status ${res.status}, expected ${req.status}: ${res.text.slice(0, 300)}`);
      if (req.save && res.status === req.status) {
        try {
          saved[req.save] = JSON.parse(res.text).id;
        } catch {
          problems.push(`cannot read "id" from the response to save it as {${req.save}}`);
        }
      }

      const responses = operation.responses || {};
      const statusKey = [String(res.status), `${String(res.status)[0]}XX`, "default"].find((k) => k in responses);
      if (!statusKey) return [...problems, `spec declares no response ${res.status} (or ${String(res.status)[0]}XX/default) for ${req.method} ${template}`];
      const response = deref(spec, responses[statusKey]);
      const content = response?.content || {};
      if (!Object.keys(content).length) {
        if (res.text.length) problems.push(`spec declares no body for ${statusKey}, but the response has one (${res.contentType})`);
        return problems;
      }
      if (!(res.contentType in content)) {
        return [...problems, `content type "${res.contentType}" is not declared for ${statusKey}; spec has: ${Object.keys(content).join(", ")}`];
      }
      if (!["application/json", "application/problem+json"].includes(res.contentType) && !res.contentType.endsWith("+json")) {
        return problems; // only JSON bodies are schema-checked
      }
      let body;
      try {
        body = JSON.parse(res.text);
      } catch (e) {
        return [...problems, `body is not JSON: ${e.message}`];
      }
      if (!content[res.contentType].schema) return [...problems, `no schema for ${statusKey} ${res.contentType}`];

      // Reference the schema by its JSON pointer inside the spec document (through
      // components/responses if the response itself was a $ref).
      let pointer;
      const rawResponse = responses[statusKey];
      if (rawResponse.$ref?.startsWith("#/")) {
        pointer = `${rawResponse.$ref}/content/${ptr(res.contentType)}/schema`;
      } else {
        pointer = `#/paths/${ptr(template)}/${method}/responses/${ptr(statusKey)}/content/${ptr(res.contentType)}/schema`;
      }
      let validate = compiled.get(pointer);
      if (!validate) {
        try {
          validate = ajv.compile({ $ref: `${SPEC_ID}${pointer}` });
        } catch (e) {
          return [...problems, `cannot compile response schema ${pointer}: ${e.message}`];
        }
        compiled.set(pointer, validate);
      }
      if (!validate(body)) {
        problems.push(`body does not match ${pointer}:`, ...formatAjvErrors(validate.errors));
      }
      return problems;
    });
  }

  // ----------------------------------------------------- calendar feeds
  for (const feed of FEEDS) {
    await test(`${feed.path} is iCalendar with ${TZID}`, async () => {
      const res = await get(feed.path);
      const problems = [];
      if (res.status !== 200) return [`HTTP status ${res.status}, expected 200`];
      if (res.contentType !== "text/calendar") problems.push(`Content-Type "${res.contentType}", expected text/calendar`);
      if (/[^\r]\n/.test(res.text)) problems.push("lines must end in CRLF (RFC 5545 3.1)");
      let cal;
      try {
        cal = new ICAL.Component(ICAL.parse(res.text));
      } catch (e) {
        return [...problems, `ical.js cannot parse it: ${e.message}`];
      }
      if (cal.name !== "vcalendar") problems.push(`top component is ${cal.name}, expected vcalendar`);
      const tzids = cal.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid"));
      if (!tzids.includes(TZID)) problems.push(`no VTIMEZONE with TZID ${TZID} (found: ${tzids.join(", ") || "none"})`);

      const events = cal.getAllSubcomponents("vevent");
      if (events.length < (feed.minEvents ?? 1)) problems.push(`${events.length} VEVENT(s), expected at least ${feed.minEvents ?? 1}`);
      const uids = new Map();
      events.forEach((ev, i) => {
        const uid = ev.getFirstPropertyValue("uid");
        const label = `VEVENT ${i + 1}${uid ? ` (${uid})` : ""}`;
        if (!uid) problems.push(`${label}: no UID`);
        else uids.set(uid, (uids.get(uid) || 0) + 1);
        const summary = ev.getFirstPropertyValue("summary");
        if (!summary || !String(summary).trim()) problems.push(`${label}: no SUMMARY`);
        const location = ev.getFirstPropertyValue("location");
        if (location !== null && !String(location).trim()) problems.push(`${label}: empty LOCATION`);
        if (feed.location && !feed.location.test(String(location ?? ""))) {
          problems.push(`${label}: LOCATION ${JSON.stringify(location)} does not match ${feed.location}`);
        }
        const dtstart = ev.getFirstProperty("dtstart");
        if (!dtstart) problems.push(`${label}: no DTSTART`);
        else if (dtstart.getParameter("tzid") !== TZID) {
          problems.push(`${label}: DTSTART has TZID=${dtstart.getParameter("tzid") ?? "(none)"}, expected ${TZID}`);
        }
      });
      for (const [uid, n] of uids) if (n > 1) problems.push(`UID ${uid} occurs ${n} times`);
      if (feed.eventsMatchApi) {
        const list = JSON.parse((await get("/api/v1/activities?per_page=100")).text);
        let sessions = 0;
        for (const item of list.items) {
          const detail = JSON.parse((await get(`/api/v1/activities/${item.slug}`)).text);
          sessions += detail.sessions.length;
        }
        if (sessions !== events.length) problems.push(`${events.length} VEVENTs, but the API lists ${sessions} sessions`);
      }
      return problems;
    });
  }

  console.log(`${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

main().catch((err) => {
  console.log(`FAIL unexpected error: ${err.stack || err}`);
  failed++;
  console.log(`${passed} passed, ${failed} failed`);
  process.exit(1);
});
