#!/usr/bin/env bash
# One-command registration rush: 2,000 distinct people register at 64 concurrent
# connections for one activity with 60 places and a waitlist, then the database is
# checked.
#
#   bash bench/rush.sh              # sqlite, then postgres
#   bash bench/rush.sh sqlite       # one database
#   bash bench/rush.sh postgres
#
# SQLite: one app process on a fresh data dir. PostgreSQL: a fresh database and TWO
# app processes on it (same SAMENLEREN_SECRET, each its own --data-dir); the client
# splits its connections evenly over their two ports. The activity comes from
# bench/rush-fixture.json (loaded with `samenleren demo --data`).
#
# Checks (each PASS/FAIL; exit 1 if any fails):
#   every response is 202 (0 errors)
#   the 202 bodies: one neutral "accepted" answer for all (the outcome goes by email)
#   the database: 60 confirmed, 1,940 waitlisted, nothing else; waitlist positions
#     exactly 1..1,940 (no gaps, no duplicates); activity.confirmed_count = 60,
#     waitlist_count = 1,940; 2,000 rows in outbox
# Reported beside them: registrations/s, p50/p99/max latency (client side, per
# request), peak RSS (VmHWM of each app process after the outbox drained, and the
# max of 50 ms VmRSS samples during the rush), and the .eml files written once the
# outbox drained (waits up to BENCH_DRAIN_SECS). The throughput target (SQLite
# >= 2,000/s, PostgreSQL with two processes >= 1,000/s) is reported as MET/MISSED;
# it only fails the run with BENCH_STRICT=1.
#
# Progress goes to stderr; the summary blocks (and a markdown table) go to stdout.
#
# Needs: cargo, curl, node (>= 18), sqlite3 (SQLite checks), psql + a PostgreSQL
# server reachable without a password (trust auth) for the postgres run.
#
# Env knobs:
#   BENCH_SKIP_BUILD=1          use the existing <target>/release/samenleren
#   CARGO_TARGET_DIR=...        where the binary is built / looked for (default target/)
#   BENCH_COUNT=2000  BENCH_CONNECTIONS=64  BENCH_CAPACITY=60 (must match the fixture)
#   BENCH_PORT=18090            first port (postgres: BENCH_PORT, BENCH_PORT+1, ...)
#   BENCH_DB_MAX_CONNECTIONS=N  pass --db-max-connections N (default: the app's default)
#   BENCH_PG_PROCESSES=2        app processes on the PostgreSQL database (the target is for 2)
#   BENCH_PG_HOST=127.0.0.1 BENCH_PG_PORT=5432 BENCH_PG_USER=postgres
#   BENCH_DRAIN_SECS=60         how long to wait for the outbox to drain
#   BENCH_STRICT=1              a missed throughput target fails the run too
#   BENCH_DIR=...               where runs keep their data dirs, logs and client JSON
#                               (default target/rush-bench in the repository, also when
#                               CARGO_TARGET_DIR is elsewhere; runs older than a day go)
#   BENCH_CLIENT=rust|node      the load client (default rust: bench/rush_client.rs)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# cargo runs from $root below; a relative target dir must mean the same from here.
if [ -n "${CARGO_TARGET_DIR:-}" ]; then
  case "$CARGO_TARGET_DIR" in /*) ;; *) CARGO_TARGET_DIR="$root/$CARGO_TARGET_DIR" ;; esac
  export CARGO_TARGET_DIR
fi
# Settings of the caller's shell must not reach the apps (a real SMTP_URL would mail
# 2,000 made-up people); the benchmark sets what it needs.
unset SMTP_URL DATABASE_URL SAMENLEREN_SECRET
for var in "${!SAMENLEREN_@}"; do unset "$var"; done
count="${BENCH_COUNT:-2000}"
conns="${BENCH_CONNECTIONS:-64}"
capacity="${BENCH_CAPACITY:-60}"
base_port="${BENCH_PORT:-18090}"
drain_secs="${BENCH_DRAIN_SECS:-60}"
pg_host="${BENCH_PG_HOST:-127.0.0.1}"
pg_port="${BENCH_PG_PORT:-5432}"
pg_user="${BENCH_PG_USER:-postgres}"
fixture="$root/bench/rush-fixture.json"
client="$root/bench/rush.mjs"
slug="rush-cafe"
bin="${CARGO_TARGET_DIR:-$root/target}/release/samenleren"
rust_client="${CARGO_TARGET_DIR:-$root/target}/release/examples/rush_client"
rate="1000000/min,burst=1000000"
waitlisted_expected=$(( count > capacity ? count - capacity : 0 ))
confirmed_expected=$(( count < capacity ? count : capacity ))

. "$root/bench/lib.sh"
die() { log "error: $*"; exit 2; }

if [ "$#" -eq 0 ]; then dbs=(sqlite postgres); else dbs=("$@"); fi
for db in "${dbs[@]}"; do
  case "$db" in sqlite|postgres) ;; *) die "unknown database '$db' (sqlite or postgres)";; esac
done
for tool in curl node; do command -v "$tool" >/dev/null || die "$tool not found"; done
for db in "${dbs[@]}"; do
  if [ "$db" = sqlite ]; then command -v sqlite3 >/dev/null || die "sqlite3 not found (apt-get install sqlite3)"; fi
  if [ "$db" = postgres ]; then command -v psql >/dev/null || die "psql not found"; fi
done
[ -f "$fixture" ] || die "$fixture not found"

# Under target/ rather than /tmp: on ext4, creating files in a directory whose block
# group saw thousands of deletions in the last seconds is slow (inode allocation
# skips recently deleted inodes), and /tmp is where every build and test run deletes
# its files. The app's own data dir is where it runs from, like ./data.
bench_root="${BENCH_DIR:-$root/target/rush-bench}"
# Each run's files stay (about 25 MB) until a later run finds them a day old: deleting
# them at once would slow the next run's file creation the same way.
mkdir -p "$bench_root"
find "$bench_root" -mindepth 1 -maxdepth 1 -name 'run.*' -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
tmp="$(mktemp -d "$bench_root/run.XXXXXX")"
app_pids=()
sampler_pid=""
pg_db=""

stop_apps() {
  local pid
  for pid in "${app_pids[@]}"; do
    kill -TERM "$pid" 2>/dev/null || true
  done
  for pid in "${app_pids[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  app_pids=()
}
psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -h "$pg_host" -p "$pg_port" -U "$pg_user" -d postgres "$@"; }
drop_pg() {
  if [ -n "$pg_db" ]; then
    psql_admin -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" >/dev/null 2>&1 || log "warning: could not drop database $pg_db"
    pg_db=""
  fi
}
cleanup() {
  set +e
  [ -n "$sampler_pid" ] && kill "$sampler_pid" 2>/dev/null && wait "$sampler_pid" 2>/dev/null
  stop_apps
  drop_pg
  log "this run's files: $tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# A field of /proc/<pid>/status in kB, read with bash built-ins only.
status_kb() {
  local key value _
  while read -r key value _; do
    if [ "$key" = "$2:" ]; then echo "$value"; return; fi
  done < "/proc/$1/status" 2>/dev/null || true
}

# CPU jiffies: "<machine busy> <app processes> <postgres server processes>".
cpu_snapshot() {
  local busy app=0 pg=0 pid f
  busy="$(awk '$1 == "cpu" {print $2 + $3 + $4 + $7 + $8 + $9; exit}' /proc/stat)"
  for pid in "${app_pids[@]}"; do
    f="$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)"; app=$((app + ${f:-0}))
  done
  pg="$(for f in /proc/[0-9]*/stat; do cat "$f" 2>/dev/null; done | awk '$2 == "(postgres)" {s += $14 + $15} END {print s + 0}')"
  echo "$busy $app $pg"
}
clk_tck="$(getconf CLK_TCK)"


# ------------------------------------------------------------------ build
if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  log "building release binary and load client (cargo build --release, target ${CARGO_TARGET_DIR:-target/}) ..."
  (cd "$root" && cargo build --release --bin samenleren --example rush_client >&2)
fi
[ -x "$bin" ] || die "$bin not found (build it, or unset BENCH_SKIP_BUILD)"
client_kind="${BENCH_CLIENT:-rust}"
case "$client_kind" in
  rust) client_cmd=("$rust_client")
        [ -x "$rust_client" ] || die "$rust_client not found (build it, or unset BENCH_SKIP_BUILD)" ;;
  node) client_cmd=(node "$client") ;;
  *) die "BENCH_CLIENT is rust or node" ;;
esac

cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
machine="$(nproc) cores, $(uname -m), ${cpu:-unknown CPU}, $(awk '/^MemTotal:/ {printf "%.1f GB RAM", $2 / 1048576}' /proc/meminfo); load client on the same machine"
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
if ! git -C "$root" diff --quiet HEAD 2>/dev/null; then rev="$rev (+ uncommitted changes)"; fi
db_conn_args=()
if [ -n "${BENCH_DB_MAX_CONNECTIONS:-}" ]; then db_conn_args=(--db-max-connections "$BENCH_DB_MAX_CONNECTIONS"); fi

overall_fail=0
table_rows=()

# Runs one SQL statement against the database under test; rows as a|b|c.
q() {
  if [ "$db" = sqlite ]; then
    sqlite3 -bail -cmd '.timeout 10000' "$tmp/sqlite/data/samenleren.db" "$1"
  else
    psql -X -q -A -t -F '|' -v ON_ERROR_STOP=1 "$database_url" -c "$1"
  fi
}

start_app() {  # start_app <port> <data-dir> <log>
  local port="$1" dir="$2" logf="$3"
  port_free "$port" || die "port $port is in use (set BENCH_PORT)"
  "$bin" --data-dir "$dir" "${db_conn_args[@]}" serve --addr "127.0.0.1:$port" \
    --registration-rate "$rate" > "$logf" 2>&1 &
  app_pids+=("$!")
}

wait_ready() {  # wait_ready <port> <pid> <log>
  local port="$1" pid="$2" logf="$3" i
  for i in $(seq 1 600); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port/healthz" 2>/dev/null || true)" = 200 ] && return 0
    kill -0 "$pid" 2>/dev/null || { cat "$logf" >&2; die "app on port $port exited during start-up"; }
    sleep 0.05
  done
  cat "$logf" >&2
  die "no 200 on http://127.0.0.1:$port/healthz within 30 s"
}

run_one() {
  db="$1"
  local dir="$tmp/$db" procs ports=() dirs=() urls=() i
  mkdir -p "$dir"
  database_url=""
  if [ "$db" = sqlite ]; then
    procs=1
    unset DATABASE_URL SAMENLEREN_SECRET || true
    dirs=("$dir/data")
  else
    procs="${BENCH_PG_PROCESSES:-2}"
    pg_db="samenleren_rush_$$_$(date +%s)"
    log "[$db] creating database $pg_db ..."
    psql_admin -c "CREATE DATABASE $pg_db" >/dev/null
    database_url="postgres://$pg_user@$pg_host:$pg_port/$pg_db"
    export DATABASE_URL="$database_url"
    # Both processes must sign manage tokens with the same key.
    SAMENLEREN_SECRET="rush-$(head -c 32 /dev/urandom | od -An -tx1 | tr -d ' \n')"
    export SAMENLEREN_SECRET
    dirs=()
    for i in $(seq 1 "$procs"); do dirs+=("$dir/data-$i"); done
  fi
  for i in $(seq 0 $((procs - 1))); do
    mkdir -p "${dirs[$i]}"
    ports+=($((base_port + i)))
    urls+=(--url "http://127.0.0.1:$((base_port + i))")
  done

  log "[$db] loading bench/rush-fixture.json (samenleren demo --data) ..."
  "$bin" --data-dir "${dirs[0]}" demo --data "$fixture" > "$dir/demo.log" 2>&1 \
    || { cat "$dir/demo.log" >&2; die "loading the fixture failed"; }
  local act
  act="$(q "SELECT id, capacity, confirmed_count, waitlist_count FROM activity WHERE slug='$slug'")"
  [ -n "$act" ] || die "activity $slug not in the database after loading the fixture"
  log "[$db] activity id|capacity|confirmed|waitlisted: $act"

  log "[$db] starting $procs app process(es) on port(s) ${ports[*]} ..."
  for i in $(seq 0 $((procs - 1))); do
    start_app "${ports[$i]}" "${dirs[$i]}" "$dir/app-$i.log"
  done
  for i in $(seq 0 $((procs - 1))); do
    wait_ready "${ports[$i]}" "${app_pids[$i]}" "$dir/app-$i.log"
  done
  local idle_kb=0 pid
  for pid in "${app_pids[@]}"; do idle_kb=$(( idle_kb + $(status_kb "$pid" VmRSS) )); done

  # VmRSS of every app process every 50 ms, summed, while the rush runs.
  : > "$dir/rss.samples"
  ( exec {tick}<> <(:)  # `read -t` on a pipe that never speaks: a built-in sleep
    while :; do
      s=0
      for pid in "${app_pids[@]}"; do
        while read -r key v _; do
          if [ "$key" = VmRSS: ]; then s=$(( s + v )); break; fi
        done < "/proc/$pid/status" 2>/dev/null || true
      done
      echo "$s" >> "$dir/rss.samples"
      read -r -t 0.05 -u "$tick" _ || true
    done ) &
  sampler_pid=$!

  local load_before
  load_before="$(awk '{print $1}' /proc/loadavg)"
  log "[$db] rush: $count registrations, $conns connections over $procs process(es) ..."
  local client_rc=0 cpu_before cpu_after t_start t_end
  cpu_before="$(cpu_snapshot)"; t_start="$(date +%s%N)"
  "${client_cmd[@]}" "${urls[@]}" --count "$count" --concurrency "$conns" --slug "$slug" \
    --capacity "$capacity" --out "$dir/client.json" > /dev/null || client_rc=$?
  t_end="$(date +%s%N)"; cpu_after="$(cpu_snapshot)"
  kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  [ -s "$dir/client.json" ] || die "the load client wrote no summary (exit $client_rc)"
  local sampled_kb
  sampled_kb="$(sort -n "$dir/rss.samples" | tail -1)"

  local c_count c_ok c_err c_errs c_rps c_elapsed c_p50 c_p99 c_max c_bad c_distinct c_neutral c_targets
  read -r c_count c_ok c_err c_rps c_elapsed c_p50 c_p99 c_max c_bad c_distinct c_neutral <<<"$(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const e = Object.values(s.errors).reduce((a, b) => a + b, 0);
    const c = s.client_checks;
    console.log([s.count, s.ok, e, s.rps, s.elapsed_s, s.latency_ms.p50, s.latency_ms.p99, s.latency_ms.max,
      c.bad_bodies, c.distinct_answers, c.neutral_ok].join(" "));' "$dir/client.json")"
  c_errs="$(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    const e = Object.entries(s.errors).map(([k, v]) => k + ": " + v).join(", ");
    console.log(e || "none");' "$dir/client.json")"
  c_targets="$(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(s.targets.map((t) => t.url.replace("http://", "") + " " + t.requests).join(", "));' "$dir/client.json")"
  local c_cpu cpu_line
  c_cpu="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).client_cpu_s)' "$dir/client.json")"
  # Cores in use during the rush (wall time of the client run): the app, the load
  # client, the PostgreSQL server, and everything else on the machine (other work
  # competing for the cores makes the figures worse; see "other").
  cpu_line="$(awk -v b="$cpu_before" -v a="$cpu_after" -v t0="$t_start" -v t1="$t_end" -v hz="$clk_tck" \
      -v cl="$c_cpu" -v n="$(nproc)" -v db="$db" 'BEGIN {
    split(b, x, " "); split(a, y, " "); w = (t1 - t0) / 1e9
    m = (y[1] - x[1]) / hz / w; app = (y[2] - x[2]) / hz / w; pg = (y[3] - x[3]) / hz / w; c = cl / w
    o = m - app - c - pg; if (o < 0) o = 0
    s = sprintf("%.2f of %d cores busy: app %.2f, load client %.2f", m, n, app, c)
    if (db == "postgres") s = s sprintf(", PostgreSQL server %.2f", pg)
    printf "%s, other processes %.2f", s, o
  }')"
  log "[$db] $c_ok/$c_count × 202 in ${c_elapsed} s: ${c_rps}/s, p50 ${c_p50} ms, p99 ${c_p99} ms"

  # ------------------------------------------------------------ database checks
  local aid states db_conf db_wait db_other positions pos_list counters outbox_rows
  aid="$(q "SELECT id FROM activity WHERE slug='$slug'")"
  states="$(q "SELECT state, COUNT(*) FROM registration WHERE activity_id=$aid GROUP BY state ORDER BY state")"
  db_conf="$(awk -F'|' '$1 == "confirmed" {print $2}' <<<"$states")"; db_conf="${db_conf:-0}"
  db_wait="$(awk -F'|' '$1 == "waitlisted" {print $2}' <<<"$states")"; db_wait="${db_wait:-0}"
  db_other="$(awk -F'|' '$1 != "confirmed" && $1 != "waitlisted" {n += $2} END {print n + 0}' <<<"$states")"
  q "SELECT waitlist_position FROM registration WHERE activity_id=$aid AND state='waitlisted' ORDER BY 1" > "$dir/positions.txt"
  if [ "$waitlisted_expected" -gt 0 ]; then seq 1 "$waitlisted_expected" > "$dir/positions.expected"; else : > "$dir/positions.expected"; fi
  pos_list="$(awk 'NR == 1 {min = $1} {max = $1; n++; if (seen[$1]++) d++} END {printf "%d positions, min %s, max %s, %d duplicate(s)", n, (n ? min : "-"), (n ? max : "-"), d}' "$dir/positions.txt")"
  if diff -q "$dir/positions.expected" "$dir/positions.txt" >/dev/null; then positions=ok; else positions=bad; fi
  counters="$(q "SELECT confirmed_count, waitlist_count FROM activity WHERE slug='$slug'")"
  outbox_rows="$(q "SELECT COUNT(*) FROM outbox")"

  # ------------------------------------------------------------ outbox drain
  log "[$db] waiting up to ${drain_secs} s for the outbox to drain ..."
  local pending="?" t_drain=0 drained=no eml=0 sent failed
  while :; do
    pending="$(q "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL")"
    [ "$pending" = 0 ] && { drained=yes; break; }
    [ "$t_drain" -ge "$drain_secs" ] && break
    sleep 1; t_drain=$((t_drain + 1))
  done
  sent="$(q "SELECT COUNT(*) FROM outbox WHERE sent_at IS NOT NULL")"
  failed="$(q "SELECT COUNT(*) FROM outbox WHERE failed_at IS NOT NULL")"
  for d in "${dirs[@]}"; do
    [ -d "$d/outbox" ] && eml=$(( eml + $(find "$d/outbox" -type f -name '*.eml' | wc -l) ))
  done

  # Peak memory: the kernel's high-water mark of each process since it started.
  local hwm_parts=() hwm_sum=0 v
  for pid in "${app_pids[@]}"; do
    v="$(status_kb "$pid" VmHWM)"; v="${v:-0}"
    hwm_sum=$(( hwm_sum + v ))
    hwm_parts+=("$(kb_to_mb "$v")")
  done
  local hwm_detail
  hwm_detail="$(IFS=+; echo "${hwm_parts[*]}")"
  stop_apps
  local warn_lines
  warn_lines="$(cat "$dir"/app-*.log | grep -ciE '\b(ERROR|panicked)\b' || true)"
  if [ "$db" = postgres ]; then unset DATABASE_URL SAMENLEREN_SECRET; drop_pg; fi

  # ------------------------------------------------------------ verdicts
  verdict() { if [ "$1" = 1 ]; then echo PASS; else echo FAIL; fi; }
  local v_err v_neutral v_conf v_wait v_other v_pos v_count v_outbox
  v_err="$(verdict "$([ "$c_count" = "$count" ] && [ "$c_ok" = "$count" ] && [ "$c_err" = 0 ] && echo 1)")"
  v_neutral="$(verdict "$([ "$c_neutral" = true ] && echo 1)")"
  v_conf="$(verdict "$([ "$db_conf" = "$confirmed_expected" ] && echo 1)")"
  v_wait="$(verdict "$([ "$db_wait" = "$waitlisted_expected" ] && [ "$db_other" = 0 ] && echo 1)")"
  v_pos="$(verdict "$([ "$positions" = ok ] && echo 1)")"
  v_count="$(verdict "$([ "$counters" = "$confirmed_expected|$waitlisted_expected" ] && echo 1)")"
  v_outbox="$(verdict "$([ "$outbox_rows" = "$count" ] && echo 1)")"
  local fails=0
  for v in "$v_err" "$v_neutral" "$v_conf" "$v_wait" "$v_pos" "$v_count" "$v_outbox"; do
    [ "$v" = PASS ] || fails=$((fails + 1))
  done
  local target target_met
  if [ "$db" = sqlite ]; then target=2000; else target=1000; fi
  if awk -v a="$c_rps" -v b="$target" 'BEGIN {exit !(a >= b)}'; then target_met=MET
  else target_met="MISSED ($(awk -v a="$c_rps" -v b="$target" 'BEGIN {printf "%.0f%% of target", 100 * a / b}'))"; fi
  if [ "${BENCH_STRICT:-0}" = 1 ] && [ "$target_met" != MET ]; then fails=$((fails + 1)); fi
  local dbver
  if [ "$db" = sqlite ]; then dbver="SQLite (bundled; CLI $(sqlite3 --version | awk '{print $1}')), one file"
  else dbver="$(psql_admin -A -t -c 'SHOW server_version' 2>/dev/null | awk '{print "PostgreSQL " $1}'), fresh database"; fi

  echo
  echo "=== Registration rush: $db ==="
  echo "date:        $(date '+%Y-%m-%d %H:%M:%S %Z')"
  echo "machine:     $machine"
  echo "commit:      $rev; binary $bin built $(date -r "$bin" '+%Y-%m-%d %H:%M:%S')"
  echo "database:    $dbver; $procs app process(es) (${db_conn_args[*]:-default --db-max-connections})"
  echo "load:        $count distinct people, $conns connections (per process: $c_targets requests), activity $slug: $capacity places + waitlist; client: $client_kind (${client_cmd[*]##*/})"
  echo "throughput:  ${c_rps} registrations/s ($count in ${c_elapsed} s)   target >= $target/s: $target_met"
  echo "latency:     p50 ${c_p50} ms   p99 ${c_p99} ms   max ${c_max} ms"
  echo "CPU:         $cpu_line (during the rush; 1-min load average before: $load_before)"
  echo "peak RSS:    $(kb_to_mb "$hwm_sum") MB VmHWM (${hwm_detail} MB); max sampled VmRSS during the rush $(kb_to_mb "${sampled_kb:-0}") MB; idle before $(kb_to_mb "$idle_kb") MB"
  echo "outbox:      $outbox_rows rows; drained: $drained (sent $sent, failed $failed, pending $pending after ${t_drain} s); .eml files: $eml"
  echo "app log:     $warn_lines line(s) with ERROR/panicked"
  echo "checks:"
  echo "  [$v_err] every response 202: $c_ok of $c_count (errors: $c_errs)"
  echo "  [$v_neutral] responses: one neutral answer for all ($c_distinct distinct, $c_bad not \"accepted\")"
  echo "  [$v_conf] database: $db_conf confirmed (expected $confirmed_expected)"
  echo "  [$v_wait] database: $db_wait waitlisted (expected $waitlisted_expected), $db_other in other states"
  echo "  [$v_pos] database: waitlist positions exactly 1..$waitlisted_expected ($pos_list)"
  echo "  [$v_count] database: activity confirmed_count|waitlist_count = $counters (expected $confirmed_expected|$waitlisted_expected)"
  echo "  [$v_outbox] database: $outbox_rows outbox rows (expected $count)"
  if [ "$fails" = 0 ]; then echo "result:      PASS"; else echo "result:      FAIL ($fails check(s) failed)"; overall_fail=1; fi
  if [ "$c_err" != 0 ]; then
    echo "first errors:"
    node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      for (const e of s.error_samples) console.log("  #" + e.n + " " + e.status + " " + e.body.replace(/\s+/g, " "));' "$dir/client.json"
  fi

  local label="SQLite"; [ "$db" = postgres ] && label="PostgreSQL"
  local checks="all 7 pass"; [ "$fails" = 0 ] || checks="**$fails FAIL**"
  table_rows+=("| $label | $procs | **${c_rps}** (target ≥ $target: $target_met) | $c_p50 | $c_p99 | $c_max | $(kb_to_mb "$hwm_sum") ($hwm_detail) | $checks |")
}

for db in "${dbs[@]}"; do
  run_one "$db"
done

echo
echo "| database | app processes | registrations/s | p50 (ms) | p99 (ms) | max (ms) | peak RSS MB (VmHWM) | checks |"
echo "|---|---:|---:|---:|---:|---:|---:|---|"
for row in "${table_rows[@]}"; do echo "$row"; done
echo
exit "$overall_fail"
