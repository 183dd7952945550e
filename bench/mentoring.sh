#!/usr/bin/env bash
# One-command benchmark of the mentoring suggestions page (issue 17, "Speed"), on
# SQLite.
#
#   bash bench/mentoring.sh              # build, seed, measure, print markdown
#   bash bench/mentoring.sh >> docs/BENCHMARKS.md
#
# On the demo data: two programmes of generated profiles, one with 5,000 and one with
# 500 (a tenth). Each profile has a role (mentor, mentee or both), two to four of the
# shared themes, 0–40 years in the field, one of twelve regions, how they meet and a
# limit; a few are resting and some already have a pair. One seeker in each is
# signed in by a session row with a known token. Their programme page works out the
# ten best suggestions with the reason in words. wrk measures it (10 s after a 2 s
# warm-up) at 1 connection (one person's wait) and at 16 (a busy moment), beside
# /healthz as this machine's ceiling for requests. The target is p99 ≤ 50 ms.
#
# Needs: cargo, curl, sqlite3, wrk. Env: BENCH_SKIP_BUILD=1, BENCH_PROFILES=5000,
# BENCH_DURATION=10, BENCH_PORT=18095, BENCH_KEEP=1. Progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
profiles="${BENCH_PROFILES:-5000}"
duration="${BENCH_DURATION:-10}"
port="${BENCH_PORT:-18095}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/samenleren"
base="http://127.0.0.1:${port}"
token_full="mentorbenchfullmentorbenchfullmentorbenchfu"
token_tenth="mentorbenchtenthmentorbenchtenthmentorbench"

. "$root/bench/lib.sh"
need curl sqlite3 wrk
build_release

run_dir mentoring

dir="$tmp/data"
db="$dir/samenleren.db"
mkdir -p "$dir"
sql() { sqlite3 -cmd '.timeout 10000' "$db" "$@"; }
log "demo data"
"$bin" --data-dir "$dir" demo >&2

# The programmes' public ids (32 hex characters, as the app makes them).
programme_of() { [ "$1" = full ] && echo c0000000000000000000000000000001 || echo c0000000000000000000000000000002; }

# Programme `tag` with `n` generated profiles; its seeker signed in by `token`.
seed() {
  local tag="$1" n="$2" token="$3" hash programme
  programme="$(programme_of "$tag")"
  hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
  sql <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AS now;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${n}) SELECT i FROM c;
CREATE TEMP TABLE th AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM theme;
INSERT INTO mentoring_programme (public_id, organisation_id, title, intro, created_at, updated_at)
  VALUES ('${programme}', (SELECT MIN(id) FROM organisation), 'Meester en gezel (${tag})', '',
          (SELECT now FROM t0), (SELECT now FROM t0));
CREATE TEMP TABLE prog AS SELECT id FROM mentoring_programme WHERE public_id = '${programme}';
INSERT INTO account (public_id, email, email_key, name, created_at, updated_at)
  SELECT printf('mentor%s%020d', '${tag}', i), printf('m%d-${tag}@mentor.example', i),
         printf('m%d-${tag}@mentor.example', i), printf('Deelnemer %d', i), (SELECT now FROM t0), (SELECT now FROM t0)
  FROM n;
INSERT INTO mentoring_profile (programme_id, account_id, name, role, years, region, meeting, offers,
                               wants, max_pairs, open, created_at, updated_at)
  SELECT (SELECT id FROM prog), a.id, printf('Deelnemer %d', n.i),
         CASE n.i % 3 WHEN 0 THEN 'mentor' WHEN 1 THEN 'mentee' ELSE 'both' END,
         (n.i * 7) % 41,
         CASE n.i % 12 WHEN 0 THEN 'Groningen' WHEN 1 THEN 'Friesland' WHEN 2 THEN 'Drenthe' WHEN 3 THEN 'Overijssel'
                       WHEN 4 THEN 'Flevoland' WHEN 5 THEN 'Gelderland' WHEN 6 THEN 'Utrecht' WHEN 7 THEN 'Noord-Holland'
                       WHEN 8 THEN 'Zuid-Holland' WHEN 9 THEN 'Zeeland' WHEN 10 THEN 'Noord-Brabant' ELSE 'Zuid-Limburg' END,
         CASE n.i % 4 WHEN 0 THEN 'in_person' WHEN 1 THEN 'online' ELSE 'either' END,
         'Wat ik kan bieden: ervaring met bewonersavonden en netwerken in de wijk.',
         'Wat ik wil leren: digitaal werken met bewoners.',
         1 + n.i % 3, n.i % 17 <> 0, (SELECT now FROM t0), (SELECT now FROM t0)
  FROM n JOIN account a ON a.email_key = printf('m%d-${tag}@mentor.example', n.i);
INSERT INTO mentoring_profile_theme (profile_id, theme_id)
  SELECT DISTINCT f.id, th.id FROM mentoring_profile f
  JOIN n ON f.name = printf('Deelnemer %d', n.i)
  JOIN th ON th.k IN (n.i % (SELECT COUNT(*) FROM th), (n.i * 5 + 1) % (SELECT COUNT(*) FROM th),
                      CASE WHEN n.i % 2 = 0 THEN (n.i * 11 + 3) % (SELECT COUNT(*) FROM th) END,
                      CASE WHEN n.i % 5 = 0 THEN (n.i * 13 + 7) % (SELECT COUNT(*) FROM th) END)
  WHERE f.programme_id = (SELECT id FROM prog);
-- One pair in ten profiles: mentor i with mentee i + 1.
INSERT INTO mentoring_pair (public_id, programme_id, mentor_account_id, mentee_account_id, reverse, state,
                            created_at, updated_at)
  SELECT printf('pair%s%024d', '${tag}', f.id), f.programme_id, f.account_id, g.account_id, FALSE, 'active',
         (SELECT now FROM t0), (SELECT now FROM t0)
  FROM mentoring_profile f JOIN mentoring_profile g ON g.programme_id = f.programme_id AND g.id = f.id + 1
  WHERE f.programme_id = (SELECT id FROM prog) AND f.id % 10 = 0;
-- The seeker: profile 1 (a mentee) of this programme.
INSERT INTO auth_session (token_hash, account_id, created_at, last_seen_at, expires_at)
  VALUES ('${hash}', (SELECT id FROM account WHERE email_key = 'm1-${tag}@mentor.example'),
          (SELECT now FROM t0), (SELECT now FROM t0), strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+30 days'));
COMMIT;
SELECT COUNT(*) || ' ' || (SELECT COUNT(*) FROM mentoring_profile_theme t JOIN mentoring_profile f ON f.id = t.profile_id WHERE f.programme_id = (SELECT id FROM prog))
  FROM mentoring_profile WHERE programme_id = (SELECT id FROM prog);
SQL
}

tenth=$((profiles / 10))
log "seeding ${profiles} and ${tenth} profiles"
got_full="$(seed full "$profiles" "$token_full" | tail -n 1)"
got_tenth="$(seed tenth "$tenth" "$token_tenth" | tail -n 1)"
[ "${got_full%% *}" = "$profiles" ] && [ "${got_tenth%% *}" = "$tenth" ] ||
  die "seeded ${got_full} and ${got_tenth} profiles, not ${profiles} and ${tenth}"
sql "ANALYZE;"

log "starting the server"
need_port "$port"
SAMENLEREN_LOG="${SAMENLEREN_LOG:-warn}" \
  "$bin" --data-dir "$dir" serve --addr "127.0.0.1:${port}" >"$tmp/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs "$base/healthz" >/dev/null || { cat "$tmp/app.log" >&2; die "server did not start"; }
sleep 2

# The page suggests ten people, each with a reason in words.
for t in "full:$token_full" "tenth:$token_tenth"; do
  body="$(curl -fs -H "Cookie: sl_session=${t#*:}" "$base/mentoring/$(programme_of "${t%%:*}")")" ||
    die "/mentoring/$(programme_of "${t%%:*}") did not answer 200"
  shown="$(grep -o '/vragen/[0-9]*?richting=' <<<"$body" | wc -l)"
  [ "$shown" = 10 ] || die "/mentoring/$(programme_of "${t%%:*}") suggests ${shown} people, not 10"
done

load_start="$(cut -d' ' -f1 /proc/loadavg)"
measure() { # connections url cookie → "req/s p50 p99 non-2xx"
  local c="$1" url="$2" cookie="$3" out
  wrk -t1 -c"$c" -d2s -H "Cookie: sl_session=${cookie}" "$url" >/dev/null 2>&1 || true
  out="$(wrk -t1 -c"$c" -d"${duration}s" --latency -H "Cookie: sl_session=${cookie}" "$url")"
  printf '%s %s %s %s\n' \
    "$(awk '/^Requests\/sec/ { printf "%d", $2 }' <<<"$out")" \
    "$(awk '$1 == "50%" { print $2 }' <<<"$out")" \
    "$(awk '$1 == "99%" { print $2 }' <<<"$out")" \
    "$(awk '/Non-2xx/ { print $5 } END { }' <<<"$out" | head -n 1)"
}
rows=""
for c in 1 16; do
  for t in "full:$profiles:$token_full" "tenth:$tenth:$token_tenth"; do
    tag="${t%%:*}"; rest="${t#*:}"; n="${rest%%:*}"; token="${rest#*:}"
    log "measuring ${n} profiles at ${c} connection(s)"
    read -r rps p50 p99 bad <<<"$(measure "$c" "$base/mentoring/$(programme_of "$tag")" "$token")"
    rows+="| /mentoring/{programme} | ${n} | ${c} | ${rps} | ${p50} | ${p99} | ${bad:-0} |"$'\n'
  done
done
read -r h_rps h_p50 h_p99 h_bad <<<"$(measure 16 "$base/healthz" none)"
load_end="$(cut -d' ' -f1 /proc/loadavg)"
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"

cat <<MD

### Mentoring suggestions page ($(date -u +%Y-%m-%d), ${cpu}, $(nproc) cores, SQLite, ${duration} s, commit ${commit})

- programmes of ${profiles} and ${tenth} generated profiles ($(cut -d' ' -f2 <<<"$got_full") and $(cut -d' ' -f2 <<<"$got_tenth") theme links, a pair per ten profiles); the seeker is a mentee; ten suggestions each
- load average (1 min) before / at the end: ${load_start} / ${load_end}

| URL | profiles | connections | req/s | p50 | p99 | non-2xx |
|---|---:|---:|---:|---:|---:|---:|
${rows}| /healthz (ceiling for requests) | - | 16 | ${h_rps} | ${h_p50} | ${h_p99} | ${h_bad:-0} |
MD
