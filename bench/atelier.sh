#!/usr/bin/env bash
# One-command benchmark of an atelier's member pages (issue 15), on SQLite.
#
#   bash bench/atelier.sh                 # build, seed at 1x and 10x, print markdown
#   bash bench/atelier.sh >> docs/BENCHMARKS.md
#
# Seeds the demo atelier "Veerkracht en onmacht in gemeenschappen" with 1,000
# members, 60 meetings, 5,000 threads and 50,000 replies (one thread with 200
# replies), signs in as one of the members (a session row with a known token), and
# measures at 64 connections for 10 s each: the atelier home, the thread with 200
# replies, the agenda of the next meeting and the member's own balance page. Then
# the same at ten times the threads and replies (50,000 / 500,000), and prints each
# page's requests/s, p50, p99 and the 10x/1x ratio. Progress goes to stderr.
#
# Needs: cargo, curl, sqlite3, wrk (Debian: apt-get install wrk).
# Env: BENCH_SKIP_BUILD=1 (use target/release/samenleren), BENCH_SCALES="1 10",
#      BENCH_CONNECTIONS=64, BENCH_DURATION=10, BENCH_PORT=18090, BENCH_KEEP=1.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
scales="${BENCH_SCALES:-1 10}"
conns="${BENCH_CONNECTIONS:-64}"
duration="${BENCH_DURATION:-10}"
port="${BENCH_PORT:-18090}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/samenleren"
slug="veerkracht-en-onmacht-in-gemeenschappen"
# A session token of the shape the app hands out (43 base64url characters).
token="benchmarkbenchmarkbenchmarkbenchmarkbenchma"

. "$root/bench/lib.sh"
need curl sqlite3 wrk
build_release

run_dir atelier

token_hash="$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"

# The seed, at `scale` times the threads and replies.
seed() {
  local db="$1" scale="$2"
  local threads=$((5000 * scale))
  sqlite3 "$db" <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${threads} * 10) SELECT i FROM c;
CREATE TEMP TABLE x AS SELECT id FROM activity WHERE slug = '${slug}';
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AS now;

-- 1,000 members at every level, listed or not.
INSERT INTO account (public_id, email, email_key, name, created_at, updated_at)
  SELECT printf('bench%027d', i), printf('bench-%d@example.org', i), printf('bench-%d@example.org', i),
         printf('Lid %d', i), (SELECT now FROM t0), (SELECT now FROM t0) FROM n WHERE i <= 1000;
INSERT INTO atelier_member (public_id, activity_id, account_id, level, role, state, brings, listed,
                            joined_at, created_at, updated_at)
  SELECT printf('benchm%026d', a.id), (SELECT id FROM x), a.id,
         CASE a.id % 3 WHEN 0 THEN 'meetings' WHEN 1 THEN 'public_only' ELSE 'online_only' END,
         'member', 'active', 'Ervaring uit de wijk', a.id % 4 = 0,
         (SELECT now FROM t0), (SELECT now FROM t0), (SELECT now FROM t0)
  FROM account a WHERE a.email_key LIKE 'bench-%';
CREATE TEMP TABLE me AS SELECT id FROM account WHERE email_key = 'bench-3@example.org';
UPDATE atelier_member SET level = 'meetings' WHERE account_id = (SELECT id FROM me);
INSERT INTO auth_session (token_hash, account_id, created_at, last_seen_at, expires_at)
  VALUES ('${token_hash}', (SELECT id FROM me), (SELECT now FROM t0), (SELECT now FROM t0),
          strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+30 days'));

-- 60 meetings, every two weeks, 50 behind and 10 ahead; the member came to the past ones.
INSERT INTO session (activity_id, starts_at, ends_at, created_at, members_only, agenda_published_at)
  SELECT (SELECT id FROM x),
         strftime('%Y-%m-%dT19:00:00+00:00', 'now', printf('%+d days', (i - 50) * 14)),
         strftime('%Y-%m-%dT21:00:00+00:00', 'now', printf('%+d days', (i - 50) * 14)),
         (SELECT now FROM t0), TRUE, (SELECT now FROM t0)
  FROM n WHERE i <= 60;
INSERT INTO meeting_attendance (session_id, account_id, created_at)
  SELECT s.id, (SELECT id FROM me), (SELECT now FROM t0) FROM session s
  WHERE s.activity_id = (SELECT id FROM x) AND s.starts_at < (SELECT now FROM t0);
INSERT INTO ledger_entry (activity_id, account_id, entry_date, kind, minutes, source, created_at)
  SELECT (SELECT id FROM x), (SELECT id FROM me), substr(s.starts_at, 1, 10), 'attended', 120,
         'session:' || s.id, (SELECT now FROM t0)
  FROM session s WHERE s.activity_id = (SELECT id FROM x) AND s.starts_at < (SELECT now FROM t0);
CREATE TEMP TABLE next AS SELECT id, starts_at FROM session
  WHERE activity_id = (SELECT id FROM x) AND starts_at > (SELECT now FROM t0) ORDER BY starts_at LIMIT 1;
INSERT INTO agenda_item (session_id, kind, title, starts_at, ends_at, speaker_name, created_at)
  SELECT (SELECT id FROM next), 'other', printf('Onderwerp %d', i),
         strftime('%Y-%m-%dT%H:%M:%S+00:00', (SELECT starts_at FROM next), printf('+%d minutes', (i - 1) * 15)),
         strftime('%Y-%m-%dT%H:%M:%S+00:00', (SELECT starts_at FROM next), printf('+%d minutes', i * 15)),
         'Spreker van buiten', (SELECT now FROM t0)
  FROM n WHERE i <= 8;

-- Threads by the members, ten posts each; the newest one has 200 replies.
INSERT INTO space_thread (public_id, activity_id, account_id, title, post_count, last_post_at, created_at)
  SELECT printf('%032x', i), (SELECT id FROM x), (SELECT id FROM account WHERE email_key = printf('bench-%d@example.org', 1 + i % 1000)),
         printf('Gesprek %d over de buurt', i), 10,
         strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', printf('-%d minutes', ${threads} - i)),
         strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', printf('-%d minutes', ${threads} - i + 60))
  FROM n WHERE i <= ${threads};
INSERT INTO space_post (thread_id, activity_id, account_id, body, created_at)
  SELECT t.id, t.activity_id, (SELECT id FROM account WHERE email_key = printf('bench-%d@example.org', 1 + n.i % 1000)),
         printf('Bericht %d: wat ik zag in de wijk, met **vet** en een link https://example.org/%d.', n.i, n.i),
         t.created_at
  FROM n JOIN space_thread t ON t.public_id = printf('%032x', 1 + (n.i - 1) / 10)
  WHERE n.i <= ${threads} * 10;
CREATE TEMP TABLE long AS SELECT id FROM space_thread WHERE public_id = printf('%032x', ${threads});
INSERT INTO space_post (thread_id, activity_id, account_id, body, created_at)
  SELECT (SELECT id FROM long), (SELECT id FROM x), (SELECT id FROM account WHERE email_key = printf('bench-%d@example.org', 1 + i % 1000)),
         printf('Reactie %d in het lange gesprek.', i), (SELECT now FROM t0)
  FROM n WHERE i <= 190;
UPDATE space_thread SET post_count = 200 WHERE id = (SELECT id FROM long);
INSERT INTO space_follow (thread_id, account_id, created_at)
  SELECT id, (SELECT id FROM me), (SELECT now FROM t0) FROM space_thread WHERE id % 50 = 0;
COMMIT;
ANALYZE;
SELECT 'long=' || (SELECT public_id FROM space_thread WHERE id = (SELECT id FROM long)) || ' next=' || (SELECT id FROM next);
SQL
}

# wrk's "Requests/sec", p50 and p99 (ms) for one page.
measure() {
  local path="$1" out
  out="$(wrk -t2 -c"$conns" -d"${duration}s" --latency -H "Cookie: sl_session=${token}" \
    "http://127.0.0.1:${port}${path}")"
  local rps p50 p99 errors
  rps="$(awk '/Requests\/sec/ {print $2}' <<<"$out")"
  p50="$(awk '$1 == "50%" {print $2}' <<<"$out")"
  p99="$(awk '$1 == "99%" {print $2}' <<<"$out")"
  errors="$(awk '/Non-2xx/ {print $5}' <<<"$out")"
  printf '%s %s %s %s\n' "$rps" "$(to_ms "$p50")" "$(to_ms "$p99")" "${errors:-0}"
}

declare -A result
pages=(home thread agenda balance)
for scale in $scales; do
  dir="$tmp/x$scale"
  mkdir -p "$dir"
  log "x$scale: demo data and seed"
  "$bin" --data-dir "$dir" demo >&2
  ids="$(seed "$dir/samenleren.db" "$scale" | tail -n 1)"
  long="${ids#long=}"; long="${long%% *}"; next="${ids##*next=}"
  declare -A path=(
    [home]="/ateliers/${slug}"
    [thread]="/ateliers/${slug}/gesprekken/${long}"
    [agenda]="/ateliers/${slug}/bijeenkomsten/${next}"
    [balance]="/ateliers/${slug}/halen-en-brengen"
  )
  need_port "$port"
  SAMENLEREN_LOG="${SAMENLEREN_LOG:-warn}" \
    "$bin" --data-dir "$dir" serve --addr "127.0.0.1:${port}" >"$dir/app.log" 2>&1 &
  app_pid=$!
  for _ in $(seq 1 100); do curl -fs "http://127.0.0.1:${port}/healthz" >/dev/null 2>&1 && break; sleep 0.1; done
  # The jobs invite the members to the coming meetings at start: let the mail
  # worker write those out before measuring.
  for _ in $(seq 1 600); do
    left="$(sqlite3 "$dir/samenleren.db" "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")"
    [ "$left" = 0 ] && break
    sleep 0.5
  done
  for page in "${pages[@]}"; do
    status="$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: sl_session=${token}" "http://127.0.0.1:${port}${path[$page]}")"
    [ "$status" = 200 ] || die "$page ${path[$page]} answered $status"
    # A short warm-up, then the measured run.
    wrk -t2 -c"$conns" -d2s -H "Cookie: sl_session=${token}" "http://127.0.0.1:${port}${path[$page]}" >/dev/null
    result[$page,$scale]="$(measure "${path[$page]}")"
    log "x$scale $page: ${result[$page,$scale]}"
  done
  kill "$app_pid"; wait "$app_pid" 2>/dev/null || true; app_pid=""
done

cpu="$(awk -F': ' '/model name/ {print $2; exit}' /proc/cpuinfo)"
echo
echo "### Atelier member pages ($(date -u +%Y-%m-%d), ${cpu}, $(nproc) cores, SQLite, ${conns} connections, ${duration} s)"
echo
echo "| page | scale | req/s | p50 ms | p99 ms | non-2xx | req/s vs 1x |"
echo "|---|---|---|---|---|---|---|"
for page in "${pages[@]}"; do
  read -r base_rps _ <<<"${result[$page,1]:-0 0 0 0}"
  for scale in $scales; do
    read -r rps p50 p99 errors <<<"${result[$page,$scale]}"
    ratio="$(awk -v a="$rps" -v b="$base_rps" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
    echo "| $page | ${scale}x | $rps | $p50 | $p99 | $errors | $ratio |"
  done
done
