#!/usr/bin/env node
// Load client for bench/rush.sh: registers N distinct people for one activity
// through POST /api/v1/activities/<slug>/registrations, with C requests in flight,
// spread round-robin over one or more base URLs (one keep-alive agent per URL).
//
//   node bench/rush.mjs --url http://127.0.0.1:18090 [--url http://127.0.0.1:18091] \
//        [--count 2000] [--concurrency 64] [--slug rush-cafe] [--capacity 60] \
//        [--out results.json]
//
// Prints one JSON summary on stdout: count, ok (202), errors by status, elapsed,
// rps, latency p50/p99/max (ms), and the client-side check on the 202 bodies
// (one neutral "accepted" answer for all; bench/rush.sh checks the database).
// Exit 0 when every request got 202 and the client-side check passes, else 1.
// Built-in modules only (node >= 18).

import http from 'node:http';
import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

function parseArgs(argv) {
  const opts = { urls: [], count: 2000, concurrency: 64, slug: 'rush-cafe', capacity: 60, out: '' };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i];
    const val = argv[i + 1];
    switch (key) {
      case '--url': opts.urls.push(val); i++; break;
      case '--count': opts.count = Number(val); i++; break;
      case '--concurrency': opts.concurrency = Number(val); i++; break;
      case '--slug': opts.slug = val; i++; break;
      case '--capacity': opts.capacity = Number(val); i++; break;
      case '--out': opts.out = val; i++; break;
      default: throw new Error(`unknown argument ${key}`);
    }
  }
  if (opts.urls.length === 0) throw new Error('at least one --url');
  return opts;
}

const opts = parseArgs(process.argv.slice(2));

// One agent per target; the concurrency is split evenly over the targets, and each
// worker sticks to one target, so each target sees concurrency/targets connections.
const targets = opts.urls.map((raw) => {
  const u = new URL(raw);
  const perTarget = Math.ceil(opts.concurrency / opts.urls.length);
  return {
    host: u.hostname,
    port: Number(u.port || 80),
    agent: new http.Agent({ keepAlive: true, maxSockets: perTarget, maxFreeSockets: perTarget }),
    path: `/api/v1/activities/${encodeURIComponent(opts.slug)}/registrations`,
    sent: 0,
  };
});

function post(target, n) {
  const body = JSON.stringify({
    name: `Deelnemer ${n}`,
    email: `p${n}@rush.example`,
    role: 'anders',
    privacy_consent: true,
  });
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request(
      {
        host: target.host,
        port: target.port,
        path: target.path,
        method: 'POST',
        agent: target.agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          accept: 'application/json',
        },
      },
      (res) => {
        const chunks = [];
        res.on('data', (c) => chunks.push(c));
        res.on('end', () => {
          const ms = performance.now() - started;
          resolve({ n, status: res.statusCode, ms, text: Buffer.concat(chunks).toString('utf8') });
        });
        res.on('error', (e) => resolve({ n, status: `body-error:${e.code || e.message}`, ms: performance.now() - started, text: '' }));
      },
    );
    req.on('error', (e) => resolve({ n, status: `socket-error:${e.code || e.message}`, ms: performance.now() - started, text: '' }));
    req.end(body);
  });
}

function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  // Nearest-rank percentile.
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1];
}

const round2 = (x) => Math.round(x * 100) / 100;

async function main() {
  const results = [];
  let next = 1;
  const workers = [];
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  for (let w = 0; w < opts.concurrency; w++) {
    const target = targets[w % targets.length];
    workers.push((async () => {
      for (;;) {
        const n = next++;
        if (n > opts.count) return;
        target.sent++;
        results.push(await post(target, n));
      }
    })());
  }
  await Promise.all(workers);
  const elapsed = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  for (const t of targets) t.agent.destroy();

  const latencies = results.map((r) => r.ms).sort((a, b) => a - b);
  const errors = {};
  const errorSamples = [];
  let ok = 0;
  let badBodies = 0;
  const answers = new Set();
  for (const r of results) {
    if (r.status === 202) {
      ok++;
      answers.add(r.text);
      let body;
      try { body = JSON.parse(r.text); } catch { badBodies++; continue; }
      if (body.status !== 'accepted' || 'state' in body) badBodies++;
    } else {
      errors[r.status] = (errors[r.status] || 0) + 1;
      if (errorSamples.length < 5) errorSamples.push({ n: r.n, status: r.status, body: r.text.slice(0, 300) });
    }
  }
  // One answer for everyone: the response must not tell who got a place.
  const neutralOk = badBodies === 0 && answers.size <= 1;

  const summary = {
    count: results.length,
    ok,
    errors,
    error_samples: errorSamples,
    targets: targets.map((t) => ({ url: `http://${t.host}:${t.port}`, requests: t.sent })),
    concurrency: opts.concurrency,
    elapsed_s: Math.round(elapsed * 1000) / 1000,
    rps: Math.round(results.length / elapsed),
    latency_ms: {
      p50: round2(percentile(latencies, 50)),
      p99: round2(percentile(latencies, 99)),
      max: round2(latencies[latencies.length - 1] || 0),
      mean: round2(latencies.reduce((a, b) => a + b, 0) / (latencies.length || 1)),
    },
    client_cpu_s: Math.round((cpu.user + cpu.system) / 1000) / 1000,
    client_checks: {
      bad_bodies: badBodies,
      distinct_answers: answers.size,
      neutral_ok: neutralOk,
    },
  };
  const text = JSON.stringify(summary, null, 2);
  if (opts.out) fs.writeFileSync(opts.out, text + '\n');
  process.stdout.write(text + '\n');
  const pass = summary.count === opts.count && ok === opts.count && neutralOk;
  process.exitCode = pass ? 0 : 1;
}

main().catch((e) => { console.error(e); process.exitCode = 2; });
