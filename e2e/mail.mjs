// Reading the emails the server writes as .eml files: just enough of RFC 5322 / MIME
// (RFC 2045-2047, 2231) for the messages lettre writes. Shared by the end-to-end
// scripts.

import { readFileSync, readdirSync, existsSync } from "node:fs";
import path from "node:path";

// Just enough of RFC 5322 / MIME (RFC 2045-2047) for the messages lettre writes.

function splitHead(raw) {
  const m = /\r?\n\r?\n/.exec(raw);
  if (!m) return { head: raw, body: "" };
  return { head: raw.slice(0, m.index), body: raw.slice(m.index + m[0].length) };
}

function parseHeaders(head) {
  const headers = new Map();
  const unfolded = head.replace(/\r?\n(?=[ \t])/g, "");
  for (const line of unfolded.split(/\r?\n/)) {
    const i = line.indexOf(":");
    if (i <= 0) continue;
    const name = line.slice(0, i).trim().toLowerCase();
    const value = line.slice(i + 1).trim();
    if (!headers.has(name)) headers.set(name, []);
    headers.get(name).push(value);
  }
  return headers;
}

function decodeBytes(bytes, charset = "utf-8") {
  try {
    return new TextDecoder(charset.toLowerCase()).decode(bytes);
  } catch {
    return new TextDecoder("utf-8").decode(bytes);
  }
}

function qpToBytes(text, inHeader = false) {
  const s = text.replace(/=\r?\n/g, "");
  const out = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "=" && /^[0-9A-Fa-f]{2}$/.test(s.slice(i + 1, i + 3))) {
      out.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (inHeader && c === "_") {
      out.push(0x20);
    } else {
      out.push(...Buffer.from(c, "utf8"));
    }
  }
  return Uint8Array.from(out);
}

/** RFC 2047 encoded words (=?utf-8?b?...?= / =?utf-8?q?...?=) in a header value. */
function decodeWords(value) {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?[^?]*\?=)/g, "$1")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset, enc, text) =>
      enc.toLowerCase() === "b"
        ? decodeBytes(Buffer.from(text, "base64"), charset)
        : decodeBytes(qpToBytes(text, true), charset),
    );
}

/**
 * `type/subtype; a=b; c="d"` -> { type, params } (names lowercased), with RFC 2231
 * continuations and charsets (`filename*0="a"; filename*1="b"`, `name*=utf-8''%C3%A9`),
 * which lettre uses for attachment names.
 */
function parseParams(value) {
  const s = value || "";
  const semi = s.search(/;|$/);
  const type = s.slice(0, semi).trim().toLowerCase();
  const plain = {};
  const pieces = {}; // name -> [{ index, encoded, value }]
  const re = /;\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g;
  let m;
  while ((m = re.exec(s.slice(semi)))) {
    let v = m[2].trim();
    if (v.startsWith('"')) v = v.slice(1, -1).replace(/\\(.)/g, "$1");
    const key = m[1].toLowerCase();
    const c = /^([^*]+)\*(?:(\d+)(\*)?|())$/.exec(key);
    if (!c) {
      plain[key] = decodeWords(v);
      continue;
    }
    const [, name, index, star] = c;
    const encoded = index === undefined || star === "*";
    (pieces[name] ||= []).push({ index: Number(index ?? 0), encoded, value: v });
  }
  const params = { ...plain };
  for (const [name, parts] of Object.entries(pieces)) {
    parts.sort((a, b) => a.index - b.index);
    let charset = "utf-8";
    const bytes = [];
    parts.forEach((p, i) => {
      let v = p.value;
      if (p.encoded) {
        if (i === 0) {
          const q = /^([^']*)'[^']*'(.*)$/.exec(v);
          if (q) {
            charset = q[1] || charset;
            v = q[2];
          }
        }
        bytes.push(...Buffer.from(v.replace(/%([0-9A-Fa-f]{2})/g, (_, h) => String.fromCharCode(parseInt(h, 16))), "latin1"));
      } else {
        bytes.push(...Buffer.from(v, "utf8"));
      }
    });
    params[name] = decodeBytes(Uint8Array.from(bytes), charset);
  }
  return { type, params };
}

/** One MIME entity -> a flat list of leaf parts with decoded text. */
function parseEntity(raw) {
  const { head, body } = splitHead(raw);
  const headers = parseHeaders(head);
  const ct = parseParams(headers.get("content-type")?.[0] || "text/plain; charset=us-ascii");
  if (ct.type.startsWith("multipart/")) {
    const boundary = ct.params.boundary;
    if (!boundary) return { headers, contentType: ct.type, parts: [] };
    const chunks = body.split(new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
    const inner = [];
    // chunks[0] is the preamble; the chunk after the closing "--boundary--" starts with "--".
    for (const chunk of chunks.slice(1)) {
      if (chunk.startsWith("--")) break;
      inner.push(parseEntity(chunk.replace(/^[ \t]*\r?\n/, "")));
    }
    return { headers, contentType: ct.type, children: inner, parts: inner.flatMap((c) => c.parts) };
  }
  const cte = (headers.get("content-transfer-encoding")?.[0] || "7bit").trim().toLowerCase();
  let bytes;
  if (cte === "base64") bytes = Buffer.from(body.replace(/\s+/g, ""), "base64");
  else if (cte === "quoted-printable") bytes = qpToBytes(body);
  else bytes = Buffer.from(body, "utf8");
  const disposition = parseParams(headers.get("content-disposition")?.[0] || "");
  const leaf = {
    headers,
    bytes,
    contentType: ct.type,
    params: ct.params,
    encoding: cte,
    disposition: disposition.type,
    filename: disposition.params.filename || ct.params.name || "",
    text: decodeBytes(bytes, ct.params.charset || "utf-8"),
  };
  return { headers, contentType: ct.type, parts: [leaf] };
}

export function parseEml(file) {
  const raw = readFileSync(file, "utf8");
  const entity = parseEntity(raw);
  const h = (name) => decodeWords(entity.headers.get(name)?.[0] || "");
  const toHeader = h("to");
  const addresses = [...toHeader.matchAll(/<([^>]+)>/g)].map((m) => m[1]);
  if (!addresses.length) addresses.push(...toHeader.split(",").map((s) => s.trim()).filter(Boolean));
  return {
    file: path.basename(file),
    raw,
    to: addresses.map((a) => a.toLowerCase()),
    subject: h("subject"),
    contentLanguage: h("content-language"),
    entity,
    parts: entity.parts,
  };
}

/**
 * The `.eml` files the server writes into `dir`: `read()` parses each once;
 * `waitFor(to, subjectStart, skip)` polls for a message to `to` whose subject starts
 * with `subjectStart` (and whose file is not in the set `skip`), up to `waitMs`.
 */
export function outboxReader(dir, waitMs) {
  const cache = new Map();
  const read = () => {
    if (!existsSync(dir)) return [];
    const mails = [];
    for (const name of readdirSync(dir)) {
      if (!name.endsWith(".eml") || name.startsWith(".")) continue;
      if (!cache.has(name)) {
        try {
          cache.set(name, parseEml(path.join(dir, name)));
        } catch (e) {
          cache.set(name, { file: name, to: [], subject: "", parts: [], error: e.message });
        }
      }
      mails.push(cache.get(name));
    }
    return mails;
  };
  const waitFor = async (to, subjectStart, skip = new Set()) => {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const mails = read();
      const found = mails.find((m) => !skip.has(m.file) && m.to.includes(to.toLowerCase()) && m.subject.startsWith(subjectStart));
      if (found) return found;
      if (Date.now() > deadline) {
        const forThem = mails.filter((m) => m.to.includes(to.toLowerCase())).map((m) => `"${m.subject}" (${m.file})`);
        throw new Error(
          `no email to ${to} with a subject starting "${subjectStart}" in ${dir} after ${waitMs} ms` +
            `\n${mails.length} message(s) in the outbox; to this address: ${forThem.join(", ") || "none"}`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  };
  return { read, waitFor };
}

/** The leaf part with this Content-ID (without angle brackets), or undefined. */
export function inlinePart(mail, contentId) {
  return mail.parts.find((p) => (p.headers.get("content-id")?.[0] || "").replace(/[<>]/g, "") === contentId);
}
