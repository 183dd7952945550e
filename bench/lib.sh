# What the bench/*.sh scripts share; each sources it after setting `root` (and
# `bin`, the release binary, before calling build_release).
#
#   root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
#   . "$root/bench/lib.sh"

log() { printf '%s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

# need <tool>…: each must be on PATH.
need() {
  local tool
  for tool in "$@"; do command -v "$tool" >/dev/null || die "$tool not found"; done
}

# build_release [cargo args…]: the release binary (unless BENCH_SKIP_BUILD=1), then
# checks it is there.
build_release() {
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    log "building release binary"
    (cd "$root" && cargo build --release --bin samenleren "$@" >&2)
  fi
  [ -x "$bin" ] || die "$bin not found"
}

port_free() { ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
# A server left over on the port would answer in place of the one just started,
# with another binary and other data: the figures would be of the wrong thing.
need_port() { port_free "$1" || die "port $1 is in use (stop what listens there, or set BENCH_PORT)"; }

# wrk's "812.35us" / "1.20ms" / "2.01s" in milliseconds.
to_ms() {
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
kb_to_mb() { awk -v k="$1" 'BEGIN {printf "%.1f", k / 1024}'; }
now_ns() { date +%s%N; }
ms_since() { echo $(( ($(now_ns) - $1) / 1000000 )); }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# The run's directory: removed at the end unless BENCH_KEEP=1.
keep_or_remove() {
  if [ "${BENCH_KEEP:-0}" = 1 ]; then log "kept $1"; else rm -rf "$1"; fi
}

# run_dir <name>: a fresh directory for the run in $tmp, and at the end (or on ^C)
# the server in $app_pid stopped, when one was started, and the directory removed
# (see keep_or_remove). For scripts with one server and nothing else to stop.
run_dir() {
  tmp="$(mktemp -d "/tmp/samenleren-$1.XXXXXX")"
  app_pid=""
  trap 'set +e; [ -n "$app_pid" ] && kill "$app_pid" 2>/dev/null && wait "$app_pid" 2>/dev/null; keep_or_remove "$tmp"' EXIT
  trap 'exit 130' INT TERM
}
