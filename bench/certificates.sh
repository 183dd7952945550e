#!/usr/bin/env bash
# One-command benchmark of issuing certificates (issue 16, "Speed"), on SQLite.
#
#   bash bench/certificates.sh                 # build, seed, issue, print markdown
#   bash bench/certificates.sh >> docs/BENCHMARKS.md
#
# The demo café "Blik op samenlevingsopbouw" (a program with talks, breaks,
# dialogue tables and drinks; accredited by Register Sociaal Werker, and here by SKJ
# too) is moved to yesterday and made large: 1,000 checked-in attendees (state
# 'attended' with an attendance row each). The server starts with its jobs; once
# their first round is done (`job_runs_total` of the last job on /metrics), the
# attendees are written, so the `issue_certificates` job (every 10 minutes) does
# not take them first. Then, as an organiser of the host (a session row with a
# known token), the script presses the back-office button: the CSRF token from
# `GET /beheer/activiteiten/{id}/bewijzen`, then the `POST` — one request issues
# all 1,000 and queues their emails; the mail worker then writes them out (.eml
# files in the data directory, no SMTP).
#
# Measured: the POST's wall time (the issuing), the time until the 1,000 emails
# are out, the server's peak RSS (VmHWM, and VmRSS sampled every 50 ms), and the
# café page's p50/p99 under wrk (16 connections) on the idle server and during
# the issuing (from just before the POST until the last email is out, or at least
# BENCH_WINDOW seconds), with the ratio. Afterwards it counts the certificates
# and the queued emails (must be 1,000 each). Progress goes to stderr.
#
# Needs: cargo, curl, sqlite3, wrk (Debian: apt-get install wrk).
# Env: BENCH_SKIP_BUILD=1 (use the release binary as built), BENCH_ATTENDEES=1000,
#      BENCH_CONNECTIONS=16, BENCH_DURATION=10 (idle run, s), BENCH_WINDOW=0 (least
#      load window while issuing, s), BENCH_PORT=18092, BENCH_KEEP=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
attendees="${BENCH_ATTENDEES:-1000}"
conns="${BENCH_CONNECTIONS:-16}"
duration="${BENCH_DURATION:-10}"
window="${BENCH_WINDOW:-0}"
port="${BENCH_PORT:-18092}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/samenleren"
slug="blik-op-samenlevingsopbouw"
base="http://127.0.0.1:${port}"
# A session token of the shape the app hands out (43 base64url characters).
token="certificatesbenchcertificatesbenchcertifica"
metrics_token="bench-metrics-token"

. "$root/bench/lib.sh"
need curl sqlite3 wrk
build_release

tmp="$(mktemp -d /tmp/samenleren-certificates.XXXXXX)"
app_pid=""
sampler_pid=""
wrk_pid=""
cleanup() {
  set +e
  for pid in "$wrk_pid" "$sampler_pid" "$app_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  keep_or_remove "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# "req/s p50 p99 non-2xx" from a wrk --latency output file.
wrk_figures() {
  local out="$1" rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' "$out")"
  p50="$(awk '$1 == "50%" {print $2}' "$out")"
  p99="$(awk '$1 == "99%" {print $2}' "$out")"
  errors="$(awk '/Non-2xx/ {print $5}' "$out")"
  printf '%.0f %s %s %s\n' "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "${errors:-0}"
}
sql() { sqlite3 -cmd '.timeout 10000' "$db" "$@"; }

token_hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
dir="$tmp/data"
db="$dir/samenleren.db"
mkdir -p "$dir"

log "demo data"
"$bin" --data-dir "$dir" demo >&2

# Before the server starts: the café took place yesterday (its sessions and
# program moved by whole days), holds 1,000 and is accredited by SKJ besides
# Register Sociaal Werker; the plenary close counts as learning time by hand; an
# organiser of its host is signed in.
sql >/dev/null <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE x AS SELECT id FROM activity WHERE slug = '${slug}';
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AS now;
CREATE TEMP TABLE shift AS
  SELECT CAST(julianday(date('now', '-1 day')) - julianday(date(MIN(starts_at))) AS INTEGER) AS days
  FROM session WHERE activity_id = (SELECT id FROM x);
UPDATE program_item SET starts_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', starts_at,
    printf('%+d days', (SELECT days FROM shift)))
  WHERE starts_at IS NOT NULL AND session_id IN (SELECT id FROM session WHERE activity_id = (SELECT id FROM x));
UPDATE session SET
    starts_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', starts_at, printf('%+d days', (SELECT days FROM shift))),
    ends_at = strftime('%Y-%m-%dT%H:%M:%S+00:00', ends_at, printf('%+d days', (SELECT days FROM shift)))
  WHERE activity_id = (SELECT id FROM x);
UPDATE program_item SET counts_for_learning = TRUE
  WHERE kind = 'plenary_close' AND session_id IN (SELECT id FROM session WHERE activity_id = (SELECT id FROM x));
UPDATE activity SET capacity = ${attendees}, registration_open = FALSE WHERE id = (SELECT id FROM x);
INSERT INTO accreditation (activity_id, register_id, category_id, id_number, created_at, updated_at)
  SELECT (SELECT id FROM x), r.id, c.id, 'SKJ-2026-0412', (SELECT now FROM t0), (SELECT now FROM t0)
  FROM register r JOIN register_category c ON c.register_id = r.id
  WHERE r.slug = 'skj' AND c.slug = 'scholing';
INSERT INTO account (public_id, email, email_key, name, created_at, updated_at)
  VALUES ('benchorganiser000000000000000001', 'organiser@bench.example', 'organiser@bench.example',
          'Olga Organisator', (SELECT now FROM t0), (SELECT now FROM t0));
INSERT INTO organisation_member (organisation_id, account_id, created_at)
  SELECT x.organisation_id, a.id, (SELECT now FROM t0)
  FROM activity_organisation x, account a
  WHERE x.activity_id = (SELECT id FROM x) AND a.email_key = 'organiser@bench.example'
  ORDER BY x.position LIMIT 1;
INSERT INTO auth_session (token_hash, account_id, created_at, last_seen_at, expires_at)
  SELECT '${token_hash}', id, (SELECT now FROM t0), (SELECT now FROM t0),
         strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+30 days')
  FROM account WHERE email_key = 'organiser@bench.example';
COMMIT;
SQL
activity_public="$(sql "SELECT public_id FROM activity WHERE slug = '${slug}'")"
[ -n "$activity_public" ] || die "no café ${slug} in the demo data"

load_start="$(cut -d' ' -f1 /proc/loadavg)"
log "starting the server (with its jobs)"
need_port "$port"
SAMENLEREN_LOG="${SAMENLEREN_LOG:-info}" SAMENLEREN_METRICS_TOKEN="$metrics_token" \
  "$bin" --data-dir "$dir" serve --addr "127.0.0.1:${port}" >"$tmp/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs "$base/healthz" >/dev/null || { cat "$tmp/app.log" >&2; die "server did not start"; }
: > "$tmp/rss.samples"
( while kill -0 "$app_pid" 2>/dev/null; do
    awk '/^VmRSS:/ {print $2}' "/proc/$app_pid/status" >> "$tmp/rss.samples" 2>/dev/null
    sleep 0.05
  done ) &
sampler_pid=$!

# The jobs run once at start, in order; record_learning is the last.
runs() {
  curl -fs -H "Authorization: Bearer ${metrics_token}" "$base/metrics" |
    awk -v j="$1" '$1 ~ "^job_runs_total\\{.*job=\"" j "\"" {n += $2} END {print n + 0}'
}
for _ in $(seq 1 600); do [ "$(runs record_learning)" -ge 1 ] && break; sleep 0.1; done
[ "$(runs record_learning)" -ge 1 ] || die "the jobs' first round did not finish"
issue_runs_before="$(runs issue_certificates)"
for _ in $(seq 1 600); do
  [ "$(sql "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")" = 0 ] && break
  sleep 0.2
done

# The attendees: the demo's 60 places plus guests up to 1,000, all checked in.
log "seeding ${attendees} checked-in attendees"
sql <<SQL
BEGIN;
CREATE TEMP TABLE x AS SELECT id FROM activity WHERE slug = '${slug}';
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AS now;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${attendees}) SELECT i FROM c;
INSERT INTO registration (public_id, activity_id, name, email, email_key, organisation, role, region,
                          lang, state, token_hash, created_at, updated_at)
  SELECT printf('00000000-0000-4000-8000-%012d', i), (SELECT id FROM x),
         printf('Deelnemer %d van Tuinbergën-Ĳsselmeer', i),
         printf('deelnemer-%d@bench.example', i), printf('deelnemer-%d@bench.example', i),
         'Wijkteam ' || (i % 40), 'sociaal-professional', 'Flevoland',
         CASE WHEN i % 10 = 0 THEN 'en' ELSE 'nl' END, 'attended',
         printf('%064x', i), (SELECT now FROM t0), (SELECT now FROM t0)
  FROM n WHERE i <= ${attendees} - (SELECT COUNT(*) FROM registration WHERE activity_id = (SELECT id FROM x) AND state = 'confirmed');
UPDATE registration SET state = 'attended', updated_at = (SELECT now FROM t0)
  WHERE activity_id = (SELECT id FROM x) AND state = 'confirmed';
INSERT INTO attendance (registration_id, session_id, checked_in_at)
  SELECT r.id, s.id, s.starts_at FROM registration r JOIN session s ON s.activity_id = r.activity_id
  WHERE r.activity_id = (SELECT id FROM x) AND r.state = 'attended';
UPDATE activity SET confirmed_count = (SELECT COUNT(*) FROM registration WHERE activity_id = (SELECT id FROM x)
    AND state = 'attended') WHERE id = (SELECT id FROM x);
COMMIT;
ANALYZE;
SQL
due="$(sql "SELECT COUNT(*) FROM registration WHERE activity_id = (SELECT id FROM activity WHERE slug = '${slug}') AND state = 'attended'")"
[ "$due" = "$attendees" ] || die "seeded $due attendees, not $attendees"
[ "$(sql "SELECT COUNT(*) FROM certificate")" = 0 ] || die "certificates existed before the button"

page="$base/activiteiten/${slug}"
status="$(curl -s -o /dev/null -w '%{http_code}' "$page")"
[ "$status" = 200 ] || die "café page answered $status"
form="$base/beheer/activiteiten/${activity_public}/bewijzen"
csrf="$(curl -fs -H "Cookie: sl_session=${token}" "$form" |
  sed -n 's/.*name="csrf" value="\([^"]*\)".*/\1/p' | head -n 1)"
[ -n "$csrf" ] || die "no CSRF token on $form (not signed in as organiser?)"

log "idle: café page, ${conns} connections, ${duration} s"
wrk -t2 -c"$conns" -d2s "$page" >/dev/null
idle_hwm_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$app_pid/status")"
wrk -t2 -c"$conns" -d"${duration}s" --latency "$page" >"$tmp/idle.out"
read -r idle_rps idle_p50 idle_p99 idle_err <<<"$(wrk_figures "$tmp/idle.out")"
log "idle: ${idle_rps} req/s, p50 ${idle_p50} ms, p99 ${idle_p99} ms"

log "issuing: café page under load, POST the button"
wrk -t2 -c"$conns" -d600s --latency "$page" >"$tmp/busy.out" &
wrk_pid=$!
sleep 0.2
window_start="$(now_ns)"
post="$(curl -s -o /dev/null -w '%{http_code} %{time_total} %{redirect_url}' -X POST \
  -H "Cookie: sl_session=${token}" \
  --data-urlencode "csrf=${csrf}" "$form")"
read -r post_status post_s post_location <<<"$post"
[ "$post_status" = 303 ] || die "the button answered $post_status"
issue_ms="$(awk -v s="$post_s" 'BEGIN {printf "%.0f", s * 1000}')"
log "POST answered in ${issue_ms} ms: ${post_location}"
while :; do
  left="$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'certificate' AND sent_at IS NULL AND failed_at IS NULL")"
  [ "$left" = 0 ] && break
  [ "$(ms_since "$window_start")" -lt 600000 ] || die "emails not out after 600 s"
  sleep 0.1
done
mails_ms="$(ms_since "$window_start")"
log "emails out after ${mails_ms} ms"
while [ "$(ms_since "$window_start")" -lt $((window * 1000)) ]; do sleep 0.1; done
window_ms="$(ms_since "$window_start")"
kill -INT "$wrk_pid"; wait "$wrk_pid" || true; wrk_pid=""
read -r busy_rps busy_p50 busy_p99 busy_err <<<"$(wrk_figures "$tmp/busy.out")"
log "during issuing: ${busy_rps} req/s, p50 ${busy_p50} ms, p99 ${busy_p99} ms"

hwm_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$app_pid/status")"
kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
peak_kb="$(sort -n "$tmp/rss.samples" | tail -n 1)"

activity_id_sql="(SELECT id FROM activity WHERE slug = '${slug}')"
certificates="$(sql "SELECT COUNT(*) FROM certificate WHERE activity_id = ${activity_id_sql}")"
all_certificates="$(sql "SELECT COUNT(*) FROM certificate")"
queued="$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'certificate' AND activity_id = ${activity_id_sql}")"
sent="$(sql "SELECT COUNT(*) FROM outbox WHERE kind = 'certificate' AND activity_id = ${activity_id_sql} AND sent_at IS NOT NULL")"
with_points="$(sql "SELECT COUNT(*) FROM certificate WHERE activity_id = ${activity_id_sql} AND json_array_length(registers) = 2 AND net_minutes > 0")"
sample="$(sql "SELECT net_minutes || ' min, ' || registers FROM certificate WHERE activity_id = ${activity_id_sql} LIMIT 1")"
issue_runs_after="$(runs issue_certificates)"
[ "$certificates" = "$attendees" ] && [ "$all_certificates" = "$attendees" ] ||
  die "expected ${attendees} certificates, found ${certificates} (${all_certificates} in all)"
[ "$queued" = "$attendees" ] || die "expected ${attendees} queued emails, found ${queued}"
[ "$issue_runs_after" = "$issue_runs_before" ] || die "the issue_certificates job ran during the benchmark"
log "counted: ${certificates} certificates (${with_points} with two registers and net time), ${queued} emails queued, ${sent} sent; one: ${sample}"

cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
load_end="$(cut -d' ' -f1 /proc/loadavg)"
echo
echo "### Issuing ${attendees} certificates ($(date -u +%Y-%m-%d), ${cpu}, $(nproc) cores, SQLite, commit ${rev})"
echo
echo "- issuing (the organiser's POST, one transaction: ${attendees} certificates and ${attendees} emails queued): **${issue_ms} ms** (target ≤ 60,000 ms)"
echo "- until the mail worker had written all ${attendees} emails out: ${mails_ms} ms"
echo "- server RSS: VmHWM $(kb_to_mb "$idle_hwm_kb") MB before issuing, **$(kb_to_mb "$hwm_kb") MB** after (target ≤ 200 MB); largest 50 ms VmRSS sample $(kb_to_mb "${peak_kb:-0}") MB"
echo "- counted afterwards: ${certificates} certificates (${with_points} with net time and points for both registers), ${queued} certificate emails queued, ${sent} sent"
echo "- one certificate: ${sample}"
echo "- load average (1 min) before the server started / at the end: ${load_start} / ${load_end} (the run itself adds 2–3; above 1 before it, other work shared the two cores)"
echo
echo "| café page, wrk ${conns} connections | window | req/s | p50 ms | p99 ms | non-2xx |"
echo "|---|---|---:|---:|---:|---:|"
echo "| idle server | ${duration} s | ${idle_rps} | ${idle_p50} | ${idle_p99} | ${idle_err} |"
echo "| during issuing (POST until the last email out) | $(awk -v m="$window_ms" 'BEGIN {printf "%.1f", m / 1000}') s | ${busy_rps} | ${busy_p50} | ${busy_p99} | ${busy_err} |"
echo "| **during / idle** | | $(ratio "$busy_rps" "$idle_rps") | $(ratio "$busy_p50" "$idle_p50") | $(ratio "$busy_p99" "$idle_p99") | |"
