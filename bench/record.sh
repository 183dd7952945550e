#!/usr/bin/env bash
# One-command benchmark of Mijn leerdossier (issue 16, "Speed"), on SQLite.
#
#   bash bench/record.sh                 # build, seed, measure, print markdown
#   bash bench/record.sh >> docs/BENCHMARKS.md
#
# Seeds two professionals on the demo data, each with both registers' numbers
# (Register Sociaal Werker and SKJ) and a record spread evenly over the last five
# years: one with 300 entries, one with 30 (a tenth). A tenth of the entries are
# attended activities (each with its own attended registration, most with a
# certificate, one revoked, one activity edited after the snapshot so the page
# works out the "programma later gewijzigd" note), a tenth atelier meetings, the
# rest their own external entries (title, provider, hours; points in one register
# or both, across the categories; an evidence link or file on some). Each is signed
# in by a session row with a known token. The page lists 50 entries at a time and
# counts them all. Then wrk at 64 connections for 10 s (after
# a 2 s warm-up) on /account/leerdossier for each, and, as this machine's ceilings
# for the app, on the design system's stylesheet (a static file larger than the
# page) and on /healthz; prints req/s, p50, p99 and the ratios. Progress goes
# to stderr.
#
# Needs: cargo, curl, sqlite3, wrk (Debian: apt-get install wrk).
# Env: BENCH_SKIP_BUILD=1 (use the release binary as built), BENCH_ENTRIES=300,
#      BENCH_CONNECTIONS=64, BENCH_DURATION=10, BENCH_PORT=18093, BENCH_KEEP=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
entries="${BENCH_ENTRIES:-300}"
conns="${BENCH_CONNECTIONS:-64}"
duration="${BENCH_DURATION:-10}"
port="${BENCH_PORT:-18093}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/samenleren"
base="http://127.0.0.1:${port}"
path="/account/leerdossier"
# Session tokens of the shape the app hands out (43 base64url characters).
token_full="recordbenchfullrecordbenchfullrecordbenchfu"
token_tenth="recordbenchtenthrecordbenchtenthrecordbench"

. "$root/bench/lib.sh"
need curl sqlite3 wrk
build_release

run_dir record

sql() { sqlite3 -cmd '.timeout 10000' "$db" "$@"; }

dir="$tmp/data"
db="$dir/samenleren.db"
mkdir -p "$dir"
log "demo data"
"$bin" --data-dir "$dir" demo >&2

# One professional `tag` with `n` entries over five years, signed in by `token`.
seed() {
  local tag="$1" n="$2" token="$3" hash
  hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
  sql <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AS now;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n}) SELECT i FROM c;
INSERT INTO account (public_id, email, email_key, name, created_at, updated_at)
  VALUES (printf('benchpro%024s', '${tag}'), 'pro-${tag}@bench.example', 'pro-${tag}@bench.example',
          'Professional ${tag}', (SELECT now FROM t0), (SELECT now FROM t0));
CREATE TEMP TABLE me AS SELECT id FROM account WHERE email_key = 'pro-${tag}@bench.example';
INSERT INTO auth_session (token_hash, account_id, created_at, last_seen_at, expires_at)
  VALUES ('${hash}', (SELECT id FROM me), (SELECT now FROM t0), (SELECT now FROM t0),
          strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+30 days'));
INSERT INTO account_register (account_id, register_id, number, created_at, updated_at)
  SELECT (SELECT id FROM me), id, CASE slug WHEN 'skj' THEN '120045678' ELSE '461012345' END,
         (SELECT now FROM t0), (SELECT now FROM t0) FROM register;
CREATE TEMP TABLE rsw AS SELECT r.id AS rid, r.name AS rname, c.id AS cid, c.name AS cname, c.position AS pos
  FROM register r JOIN register_category c ON c.register_id = r.id WHERE r.slug = 'register-sociaal-werker';
CREATE TEMP TABLE skj AS SELECT r.id AS rid, r.name AS rname, c.id AS cid, c.name AS cname, c.position AS pos
  FROM register r JOIN register_category c ON c.register_id = r.id WHERE r.slug = 'skj';
CREATE TEMP TABLE acts AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, title, revision
  FROM activity WHERE kind <> 'atelier';
CREATE TEMP TABLE ateliers AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id, title, revision
  FROM activity WHERE kind = 'atelier';
-- Entry i is held (i - 1) * 5 years / n ago; 1 hour to 8 hours.
CREATE TEMP TABLE e AS SELECT i,
    date('now', printf('-%d days', (i - 1) * 1825 / ${n} + 1)) AS held_on,
    60 * (1 + i % 8) AS minutes,
    CASE i % 10 WHEN 0 THEN 'activity' WHEN 5 THEN 'meeting' ELSE 'external' END AS kind
  FROM n;
-- Attended activities: a registration each (the professional's work or home address).
INSERT INTO registration (public_id, activity_id, name, email, email_key, role, state, token_hash,
                          created_at, updated_at, account_id)
  SELECT printf('00000000-0000-4000-9%03d-%012d', length('${tag}'), e.i),
         (SELECT id FROM acts WHERE k = (e.i / 10) % (SELECT COUNT(*) FROM acts)),
         'Professional ${tag}', printf('pro-${tag}+%d@bench.example', e.i), printf('pro-${tag}+%d@bench.example', e.i),
         'sociaal-professional', 'attended', printf('%032x%032x', length('${tag}'), e.i),
         e.held_on || 'T12:00:00+00:00', e.held_on || 'T12:00:00+00:00', (SELECT id FROM me)
  FROM e WHERE e.kind = 'activity';
CREATE TEMP TABLE regs AS SELECT r.id AS reg, e.i FROM registration r
  JOIN e ON r.email_key = printf('pro-${tag}+%d@bench.example', e.i);
INSERT INTO record_entry (public_id, account_id, kind, source, registration_id, activity_id,
                          activity_revision, title, provider, held_on, net_minutes, credits,
                          evidence_url, evidence_name, evidence_type, evidence_size, created_at)
  SELECT printf('%016x%016x', length('${tag}'), e.i), (SELECT id FROM me), e.kind,
         CASE e.kind WHEN 'activity' THEN 'registration:' || regs.reg
                     WHEN 'meeting' THEN printf('meeting:%d', 900000 + e.i) ELSE '' END,
         regs.reg,
         CASE e.kind WHEN 'activity' THEN a.id WHEN 'meeting' THEN m.id END,
         CASE e.kind WHEN 'activity' THEN a.revision - (e.i = 10) WHEN 'meeting' THEN m.revision END,
         CASE e.kind WHEN 'activity' THEN a.title WHEN 'meeting' THEN m.title
              ELSE printf('%s %d', CASE e.i % 4 WHEN 0 THEN 'Intervisie' WHEN 1 THEN 'Training motiverende gespreksvoering'
                   WHEN 2 THEN 'Congres sociaal werk, deel' ELSE 'Artikel gelezen en besproken' END, e.i) END,
         CASE WHEN e.kind = 'external' THEN 'Hogeschool ' || (e.i % 7) ELSE '' END,
         e.held_on, e.minutes,
         CASE WHEN e.i % 3 = 0 THEN json_array(
                json_object('register_id', (SELECT rid FROM rsw WHERE pos = 1 + e.i % 3), 'register', (SELECT rname FROM rsw WHERE pos = 1 + e.i % 3),
                            'category_id', (SELECT cid FROM rsw WHERE pos = 1 + e.i % 3), 'category', (SELECT cname FROM rsw WHERE pos = 1 + e.i % 3),
                            'id_number', CASE WHEN e.kind = 'external' THEN '' ELSE printf('%d', 430000 + e.i) END, 'points_halves', e.minutes / 30))
              ELSE json_array(
                json_object('register_id', (SELECT rid FROM rsw WHERE pos = 1 + e.i % 3), 'register', (SELECT rname FROM rsw WHERE pos = 1 + e.i % 3),
                            'category_id', (SELECT cid FROM rsw WHERE pos = 1 + e.i % 3), 'category', (SELECT cname FROM rsw WHERE pos = 1 + e.i % 3),
                            'id_number', CASE WHEN e.kind = 'external' THEN '' ELSE printf('%d', 430000 + e.i) END, 'points_halves', e.minutes / 30),
                json_object('register_id', (SELECT rid FROM skj WHERE pos = 1 + e.i % 3), 'register', (SELECT rname FROM skj WHERE pos = 1 + e.i % 3),
                            'category_id', (SELECT cid FROM skj WHERE pos = 1 + e.i % 3), 'category', (SELECT cname FROM skj WHERE pos = 1 + e.i % 3),
                            'id_number', '', 'points_halves', e.minutes / 30)) END,
         CASE WHEN e.kind = 'external' AND e.i % 5 = 1 THEN printf('https://example.org/bewijs/%d', e.i) ELSE '' END,
         CASE WHEN e.kind = 'external' AND e.i % 5 = 2 THEN printf('bewijs-%d.pdf', e.i) ELSE '' END,
         CASE WHEN e.kind = 'external' AND e.i % 5 = 2 THEN 'pdf' ELSE '' END,
         CASE WHEN e.kind = 'external' AND e.i % 5 = 2 THEN 180000 ELSE 0 END,
         e.held_on || 'T18:00:00+00:00'
  FROM e LEFT JOIN regs ON regs.i = e.i
  LEFT JOIN acts a ON e.kind = 'activity' AND a.k = (e.i / 10) % (SELECT COUNT(*) FROM acts)
  LEFT JOIN ateliers m ON e.kind = 'meeting' AND m.k = (e.i / 10) % (SELECT COUNT(*) FROM ateliers);
-- Certificates for two of every three attended activities; the first one revoked.
INSERT INTO certificate (public_id, registration_id, activity_id, lang, name, activity_title, dates,
                         net_minutes, registers, organiser, signatory, issued_at, updated_at,
                         revoked_at, revoke_reason)
  SELECT printf('%016x%016x', 1000 + length('${tag}'), e.i), regs.reg, r.activity_id, 'nl', 'Professional ${tag}',
         x.title, e.held_on, e.minutes, '[]', 'Movisie', 'Movisie', e.held_on || 'T20:00:00+00:00',
         e.held_on || 'T20:00:00+00:00',
         CASE WHEN e.i = 10 THEN (SELECT now FROM t0) END,
         CASE WHEN e.i = 10 THEN 'Toch niet aanwezig geweest' ELSE '' END
  FROM regs JOIN e ON e.i = regs.i JOIN registration r ON r.id = regs.reg JOIN activity x ON x.id = r.activity_id
  WHERE (e.i / 10) % 3 <> 2;
COMMIT;
SELECT COUNT(*) FROM record_entry WHERE account_id = (SELECT id FROM me);
SQL
}

tenth=$((entries / 10))
log "seeding ${entries} and ${tenth} entries"
got_full="$(seed full "$entries" "$token_full" | tail -n 1)"
got_tenth="$(seed tenth "$tenth" "$token_tenth" | tail -n 1)"
[ "$got_full" = "$entries" ] && [ "$got_tenth" = "$tenth" ] ||
  die "seeded ${got_full} and ${got_tenth} entries, not ${entries} and ${tenth}"
span="$(sql "SELECT MIN(held_on) || ' to ' || MAX(held_on) FROM record_entry e JOIN account a ON a.id = e.account_id WHERE a.email_key = 'pro-full@bench.example'")"
kinds="$(sql "SELECT group_concat(kind || ' ' || c, ', ') FROM (SELECT kind, COUNT(*) AS c FROM record_entry e JOIN account a ON a.id = e.account_id WHERE a.email_key = 'pro-full@bench.example' GROUP BY kind)")"
sql "ANALYZE;"

load_start="$(cut -d' ' -f1 /proc/loadavg)"
log "starting the server"
need_port "$port"
SAMENLEREN_LOG="${SAMENLEREN_LOG:-warn}" \
  "$bin" --data-dir "$dir" serve --addr "127.0.0.1:${port}" >"$tmp/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs "$base/healthz" >/dev/null || { cat "$tmp/app.log" >&2; die "server did not start"; }
# Let the jobs' first round (and the emails it queues) finish before measuring.
sleep 2
for _ in $(seq 1 600); do
  [ "$(sql "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")" = 0 ] && break
  sleep 0.5
done
after="$(sql "SELECT COUNT(*) FROM record_entry e JOIN account a ON a.id = e.account_id WHERE a.email_key = 'pro-full@bench.example'")"
[ "$after" = "$entries" ] || die "the record job changed the seeded record (${after} entries)"

# The page lists the newest 50 entries (or all, when fewer) and counts them all:
# one entry block per listed entry, and as many page links as 50s in the record.
for t in "$token_full:$entries" "$token_tenth:$tenth"; do
  body="$(curl -fs -H "Cookie: sl_session=${t%%:*}" "$base$path")" || die "$path did not answer 200"
  n="${t##*:}"
  listed=$(( n < 50 ? n : 50 ))
  shown="$(grep -o 'class="samenleren-record-entry"' <<<"$body" | wc -l)"
  [ "$shown" = "$listed" ] || die "$path lists ${shown} entries, not ${listed}"
  pages=$(( (n + 49) / 50 ))
  if [ "$pages" -gt 1 ]; then
    links="$(grep -o 'aria-label="Pagina [0-9]*"' <<<"$body" | wc -l)"
    [ "$links" = "$pages" ] || die "$path has ${links} page links, not ${pages}"
  fi
done
# The design system's stylesheet, as the page links it: a static file larger than
# the page (the app serves it from memory), the ceiling for bytes.
asset="$(grep -o '/static/vendor/utrecht-component-library-css/index.css[^"]*' <<<"$body" | head -n 1)"
[ -n "$asset" ] || die "the page links no Utrecht stylesheet"
bytes_asset="$(curl -fs -o /dev/null -w '%{size_download}' "$base$asset")" || die "$asset did not answer 200"
bytes_full="$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: sl_session=${token_full}" "$base$path")"
bytes_tenth="$(curl -s -o /dev/null -w '%{size_download}' -H "Cookie: sl_session=${token_tenth}" "$base$path")"

# "req/s p50 p99 non-2xx" for one URL with one cookie.
measure() {
  local url="$1" token="$2" out
  wrk -t2 -c"$conns" -d2s -H "Cookie: sl_session=${token}" "$url" >/dev/null
  out="$(wrk -t2 -c"$conns" -d"${duration}s" --latency -H "Cookie: sl_session=${token}" "$url")"
  printf '%.0f %s %s %s\n' "$(awk '/Requests\/sec/ {print $2}' <<<"$out")" \
    "$(to_ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")" \
    "$(to_ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")" \
    "$(awk '/Non-2xx/ {print $5}' <<<"$out" | grep . || echo 0)"
}
log "record, ${entries} entries"
read -r full_rps full_p50 full_p99 full_err <<<"$(measure "$base$path" "$token_full")"
log "  ${full_rps} req/s, p50 ${full_p50} ms, p99 ${full_p99} ms"
log "record, ${tenth} entries"
read -r tenth_rps tenth_p50 tenth_p99 tenth_err <<<"$(measure "$base$path" "$token_tenth")"
log "  ${tenth_rps} req/s, p50 ${tenth_p50} ms, p99 ${tenth_p99} ms"
log "static stylesheet"
read -r css_rps css_p50 css_p99 css_err <<<"$(measure "$base$asset" "$token_full")"
log "  ${css_rps} req/s, p50 ${css_p50} ms, p99 ${css_p99} ms"
log "/healthz"
read -r hz_rps hz_p50 hz_p99 hz_err <<<"$(measure "$base/healthz" "$token_full")"
log "  ${hz_rps} req/s, p50 ${hz_p50} ms, p99 ${hz_p99} ms"

cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
load_end="$(cut -d' ' -f1 /proc/loadavg)"
echo
echo "### Mijn leerdossier ($(date -u +%Y-%m-%d), ${cpu}, $(nproc) cores, SQLite, ${conns} connections, ${duration} s, commit ${rev})"
echo
echo "- record of ${entries} entries from ${span} (${kinds}); both registers numbered"
echo "- load average (1 min) before the server started / at the end: ${load_start} / ${load_end} (the run itself adds 2–3; above 1 before it, other work shared the two cores)"
echo
echo "| URL | entries | bytes | req/s | p50 ms | p99 ms | non-2xx | req/s vs ${entries} entries |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|"
echo "| ${path} | ${entries} | ${bytes_full} | ${full_rps} | ${full_p50} | ${full_p99} | ${full_err} | 1.00 |"
echo "| ${path} | ${tenth} | ${bytes_tenth} | ${tenth_rps} | ${tenth_p50} | ${tenth_p99} | ${tenth_err} | $(ratio "$tenth_rps" "$full_rps") |"
echo "| ${asset%%\?*} (static, ceiling for bytes) | - | ${bytes_asset} | ${css_rps} | ${css_p50} | ${css_p99} | ${css_err} | $(ratio "$css_rps" "$full_rps") |"
echo "| /healthz (ceiling for requests) | - | - | ${hz_rps} | ${hz_p50} | ${hz_p99} | ${hz_err} | $(ratio "$hz_rps" "$full_rps") |"
