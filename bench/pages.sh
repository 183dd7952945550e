#!/usr/bin/env bash
# One-command page benchmark: the app's café page versus the same bytes served
# as a static file by nginx (the ceiling for this machine).
#
#   bash bench/pages.sh                 # build, run, print a markdown block
#   bash bench/pages.sh >> docs/BENCHMARKS.md
#
# Measures: start-up time (process start -> first 200 on /healthz), idle RSS,
# requests/s, p50/p99 latency and bytes per response at 64 connections for
# 10 s, the app/nginx ratio, and the app's peak RSS during the load.
# Progress goes to stderr; the markdown block goes to stdout.
#
# Needs: cargo, curl, nginx (Debian nginx-light), wrk (Debian) or oha on PATH
# (preferred when present), python3.
#
# Env knobs:
#   BENCH_SKIP_BUILD=1       use the existing target/release/samenleren
#   BENCH_PATH=/...          page to measure (default the café page)
#   BENCH_CONNECTIONS=64     BENCH_DURATION=10 (seconds)   BENCH_WARMUP=2 (seconds, 0 = none)
#   BENCH_APP_PORT=18080     BENCH_NGINX_PORT=18081
#   BENCH_NGINX_ONLY=file    skip the app; benchmark nginx serving this file only
#   BENCH_KEEP=1             keep the temp dir (logs, nginx.conf, saved page)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
page_path="${BENCH_PATH:-/activiteiten/blik-op-samenlevingsopbouw}"
conns="${BENCH_CONNECTIONS:-64}"
duration="${BENCH_DURATION:-10}"
warmup="${BENCH_WARMUP:-2}"
app_port="${BENCH_APP_PORT:-18080}"
nginx_port="${BENCH_NGINX_PORT:-18081}"
nginx_only="${BENCH_NGINX_ONLY:-}"
bin="${CARGO_TARGET_DIR:-$root/target}/release/samenleren"

. "$root/bench/lib.sh"

for tool in curl nginx python3; do command -v "$tool" >/dev/null || die "$tool not found"; done
if command -v oha >/dev/null; then loadgen=oha
elif command -v wrk >/dev/null; then loadgen=wrk
else die "neither oha nor wrk found (apt-get install wrk)"; fi

tmp="$(mktemp -d /tmp/samenleren-bench.XXXXXX)"
app_pid=""
nginx_pid=""
sampler_pid=""
cleanup() {
  set +e
  for pid in "$sampler_pid" "$app_pid" "$nginx_pid"; do
    [ -n "$pid" ] && kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null
  done
  keep_or_remove "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM


# Run the load generator against $1; prints "rps p50_ms p99_ms errors".
load() {
  local url="$1" out="$2"
  if [ "$warmup" != 0 ]; then
    if [ "$loadgen" = oha ]; then oha --no-tui -c "$conns" -z "${warmup}s" "$url" >/dev/null 2>&1 || true
    else wrk -t2 -c"$conns" -d"${warmup}s" "$url" >/dev/null 2>&1 || true; fi
  fi
  if [ "$loadgen" = oha ]; then
    oha --no-tui -c "$conns" -z "${duration}s" --json "$url" > "$out"
    python3 - "$out" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
s, p = d["summary"], d.get("latencyPercentiles", {})
codes = d.get("statusCodeDistribution", {})
bad = sum(v for k, v in codes.items() if k != "200") + sum(d.get("errorDistribution", {}).values())
print(f'{s["requestsPerSec"]:.0f} {p["p50"] * 1000:.2f} {p["p99"] * 1000:.2f} {bad}')
PY
  else
    wrk -t2 -c"$conns" -d"${duration}s" --latency "$url" > "$out"
    awk '
      function ms(v) {
        if (v ~ /us$/) return v / 1000; if (v ~ /ms$/) return v + 0
        if (v ~ /m$/) return v * 60000; if (v ~ /s$/) return v * 1000; return v
      }
      /Requests\/sec:/ { rps = $2 }
      $1 == "50%" { p50 = ms($2) }
      $1 == "99%" { p99 = ms($2) }
      /Non-2xx or 3xx responses:/ { bad += $NF }
      /Socket errors:/ { for (i = 3; i <= NF; i++) if ($i ~ /^[0-9]+,?$/) bad += $i + 0 }
      END { printf "%.0f %.2f %.2f %d\n", rps, p50, p99, bad }
    ' "$out"
  fi
}

# Header and body size of one response: "header_bytes body_bytes".
sizes() { curl -s -o /dev/null -w '%{size_header} %{size_download}' "$1"; }

mkdir -p "$tmp/www$(dirname "$page_path")" "$tmp/nginx-temp" "$tmp/data"
page_file="$tmp/www$page_path"

# ------------------------------------------------------------------ the app
startup_ms="-"; idle_mb="-"; peak_mb="-"; hwm_mb="-"
if [ -z "$nginx_only" ]; then
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building release binary (cargo build --release) ..."
    (cd "$root" && cargo build --release >&2)
  fi
  [ -x "$bin" ] || die "$bin not found"
  need_port "$app_port"
  log "starting app on 127.0.0.1:$app_port ..."
  t0="$(now_ns)"
  "$bin" serve --demo --addr "127.0.0.1:$app_port" --data-dir "$tmp/data" > "$tmp/app.log" 2>&1 &
  app_pid=$!
  deadline=$(( t0 + 60 * 1000000000 ))
  until [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$app_port/healthz" 2>/dev/null || true)" = 200 ]; do
    kill -0 "$app_pid" 2>/dev/null || { cat "$tmp/app.log" >&2; die "app exited during start-up"; }
    [ "$(now_ns)" -lt "$deadline" ] || die "no 200 on /healthz within 60 s"
    sleep 0.005
  done
  t1="$(now_ns)"
  startup_ms=$(( (t1 - t0) / 1000000 ))
  sleep 1
  idle_mb="$(kb_to_mb "$(rss_kb "$app_pid")")"
  log "start-up ${startup_ms} ms, idle RSS ${idle_mb} MB"
  code="$(curl -s -o "$page_file" -w '%{http_code}' "http://127.0.0.1:$app_port$page_path")"
  [ "$code" = 200 ] || die "GET $page_path returned $code"
else
  [ -f "$nginx_only" ] || die "BENCH_NGINX_ONLY=$nginx_only is not a file"
  cp "$nginx_only" "$page_file"
fi

# ------------------------------------------------------- nginx, same bytes
user_line=""
if [ "$(id -u)" = 0 ]; then user_line="user $(id -un) $(id -gn);"; fi
cat > "$tmp/nginx.conf" <<EOF
$user_line
worker_processes auto;
pid $tmp/nginx.pid;
error_log $tmp/nginx-error.log warn;
daemon off;
events { worker_connections 4096; }
http {
  access_log off;
  default_type text/html;
  charset utf-8;
  sendfile on;
  tcp_nopush on;
  keepalive_requests 1000000;
  client_body_temp_path $tmp/nginx-temp/body;
  proxy_temp_path $tmp/nginx-temp/proxy;
  fastcgi_temp_path $tmp/nginx-temp/fastcgi;
  uwsgi_temp_path $tmp/nginx-temp/uwsgi;
  scgi_temp_path $tmp/nginx-temp/scgi;
  server {
    listen 127.0.0.1:$nginx_port;
    root $tmp/www;
    location / { try_files \$uri =404; }
  }
}
EOF
need_port "$nginx_port"
log "starting nginx on 127.0.0.1:$nginx_port ..."
nginx -p "$tmp" -c "$tmp/nginx.conf" -e "$tmp/nginx-error.log" > "$tmp/nginx.out" 2>&1 &
nginx_pid=$!
for _ in $(seq 1 400); do
  [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nginx_port$page_path" 2>/dev/null || true)" = 200 ] && break
  kill -0 "$nginx_pid" 2>/dev/null || { cat "$tmp/nginx.out" "$tmp/nginx-error.log" >&2 2>/dev/null; die "nginx exited"; }
  sleep 0.005
done
[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$nginx_port$page_path")" = 200 ] || die "nginx does not serve $page_path"

# -------------------------------------------------------------------- load
if [ -z "$nginx_only" ]; then
  app_url="http://127.0.0.1:$app_port$page_path"
  read -r app_hdr app_body <<<"$(sizes "$app_url")"
  log "load on app: $loadgen, $conns connections, ${duration}s ..."
  : > "$tmp/rss.samples"
  ( while kill -0 "$app_pid" 2>/dev/null; do rss_kb "$app_pid" >> "$tmp/rss.samples"; sleep 0.05; done ) &
  sampler_pid=$!
  res="$(load "$app_url" "$tmp/load-app.out")"
  read -r app_rps app_p50 app_p99 app_bad <<<"$res"
  kill "$sampler_pid" 2>/dev/null; wait "$sampler_pid" 2>/dev/null || true; sampler_pid=""
  peak_kb="$(sort -n "$tmp/rss.samples" | tail -1)"
  hwm_kb="$(awk '/^VmHWM:/ {print $2}' "/proc/$app_pid/status")"
  peak_mb="$(kb_to_mb "${peak_kb:-0}")"       # max of 50 ms samples during the load
  hwm_mb="$(kb_to_mb "${hwm_kb:-0}")"         # kernel high-water mark since start
fi
nginx_url="http://127.0.0.1:$nginx_port$page_path"
read -r ngx_hdr ngx_body <<<"$(sizes "$nginx_url")"
log "load on nginx: $loadgen, $conns connections, ${duration}s ..."
res="$(load "$nginx_url" "$tmp/load-nginx.out")"
read -r ngx_rps ngx_p50 ngx_p99 ngx_bad <<<"$res"

# ------------------------------------------------------------------ report
cpu="$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)"
rev="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo none)"
loadver="$( { if [ "$loadgen" = oha ]; then oha --version; else wrk --version 2>&1; fi; } | head -1 | awk '{print $1, $2}' || true)"  # wrk --version exits 1
ngxver="$(nginx -v 2>&1 | sed 's/^nginx version: //')"

echo
echo "### Page benchmark $(date -I)"
echo
echo "- machine: $(nproc) cores, $(uname -m), ${cpu:-unknown CPU}; load generator on the same machine"
echo "- commit: $rev; page: \`$page_path\`; $loadver, $conns connections, ${duration} s (after ${warmup} s warm-up); $ngxver, worker_processes auto, access_log off"
if [ -z "$nginx_only" ]; then
  echo "- app start-up (process start to first 200 on /healthz, polled every 5 ms): **${startup_ms} ms**"
  echo "- app RSS: idle ${idle_mb} MB, peak during load ${peak_mb} MB (VmHWM ${hwm_mb} MB)"
fi
echo
echo "| server | requests/s | p50 (ms) | p99 (ms) | bytes/response (headers + body) | errors |"
echo "|---|---:|---:|---:|---:|---:|"
if [ -z "$nginx_only" ]; then
  echo "| app | $app_rps | $app_p50 | $app_p99 | $((app_hdr + app_body)) ($app_hdr + $app_body) | $app_bad |"
fi
echo "| nginx (same bytes, static file) | $ngx_rps | $ngx_p50 | $ngx_p99 | $((ngx_hdr + ngx_body)) ($ngx_hdr + $ngx_body) | $ngx_bad |"
if [ -z "$nginx_only" ]; then
  echo "| **app / nginx** | $(ratio "$app_rps" "$ngx_rps") | $(ratio "$app_p50" "$ngx_p50") | $(ratio "$app_p99" "$ngx_p99") | $(ratio "$((app_hdr + app_body))" "$((ngx_hdr + ngx_body))") | |"
fi
echo
