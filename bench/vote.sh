#!/usr/bin/env bash
# One-command voting rush on the theme inventory (issue 17, "Speed"), on SQLite.
#
#   bash bench/vote.sh                  # build, seed, rush, check, measure, print markdown
#   bash bench/vote.sh >> docs/BENCHMARKS.md
#
# On the demo data, one open round with twelve themes and three votes each:
#  1. guests: 2,000 people vote at once (64 connections) through the round's form,
#     200 of them twice with other themes (a changed mind): 2,200 ballots, each
#     answered 303 and emailed a link;
#  2. the outbox drains to .eml files; every emailed link is pressed at once (64
#     connections): 2,200 confirmations, each counting its ballot;
#  3. 2,000 signed-in professionals vote at once on a second round (counted at once).
# Checks (FAIL exits 1): every answer as expected; per round exactly 2,000 voters,
# each with the votes of one of their own ballots (none lost, none counted twice,
# never more than three); the second press of a used link says so (409) and changes
# nothing. Then each round's voters are topped up in the database to 20,000 votes,
# the round is closed with public results, and wrk (64 connections, 10 s after 2 s
# warm-up) measures its page (the results drawn from the kept count) at 2,000 and at
# 20,000 votes, beside /healthz as this machine's ceiling for requests.
#
# Needs: cargo, curl, sqlite3, wrk. Env: BENCH_SKIP_BUILD=1, BENCH_VOTERS=2000,
# BENCH_AGAIN=200, BENCH_CONNECTIONS=64, BENCH_DURATION=10, BENCH_PORT=18094,
# BENCH_KEEP=1. Progress goes to stderr.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
voters="${BENCH_VOTERS:-2000}"
again="${BENCH_AGAIN:-200}"
conns="${BENCH_CONNECTIONS:-64}"
duration="${BENCH_DURATION:-10}"
port="${BENCH_PORT:-18094}"
target="${CARGO_TARGET_DIR:-$root/target}"
bin="$target/release/samenleren"
client="$target/release/examples/form_client"
base="http://127.0.0.1:${port}"

. "$root/bench/lib.sh"
die() { log "FAIL: $*"; exit 1; }
need curl sqlite3 wrk

build_release --example form_client
[ -x "$client" ] || die "$client not found"

run_dir vote

dir="$tmp/data"
db="$dir/samenleren.db"
mkdir -p "$dir"
sql() { sqlite3 -cmd '.timeout 10000' "$db" "$@"; }
json_field() { sed -n "s/.*\"$1\": \([0-9.]*\).*/\1/p" | head -n 1; }

log "demo data"
"$bin" --data-dir "$dir" demo >&2

# Two open rounds (guests, signed in) of twelve themes each, and the signed-in voters.
sql <<SQL
PRAGMA journal_mode = WAL;
BEGIN;
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now') AS now;
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${voters}) SELECT i FROM c;
INSERT INTO survey_round (public_id, organisation_id, title, why, audience, opens_on, closes_on,
                          votes_per_person, status, created_at, updated_at)
  SELECT CASE k WHEN 'gasten' THEN 'b0000000000000000000000000000001' ELSE 'b0000000000000000000000000000002' END,
         (SELECT MIN(id) FROM organisation), 'Stemronde ' || k,
         'Welke thema''s wil het veld leren?', 'Opbouwwerkers', date('now', '-1 day'),
         date('now', '+7 days'), 3, 'open', (SELECT now FROM t0), (SELECT now FROM t0)
  FROM (SELECT 'gasten' AS k UNION ALL SELECT 'leden');
INSERT INTO survey_proposal (round_id, title, want, why_now, status, created_at, updated_at)
  SELECT r.id, printf('Thema %02d', p.i), 'Wat we willen leren over thema ' || p.i, 'Omdat het nu speelt',
         'open', (SELECT now FROM t0), (SELECT now FROM t0)
  FROM survey_round r JOIN (SELECT i FROM n WHERE i <= 12) p WHERE r.public_id LIKE 'b000000000000000000000000000000_';
INSERT INTO account (public_id, email, email_key, name, created_at, updated_at)
  SELECT printf('stemlid%025d', i), printf('lid%d@stem.example', i), printf('lid%d@stem.example', i),
         'Lid ' || i, (SELECT now FROM t0), (SELECT now FROM t0) FROM n;
INSERT INTO auth_session (token_hash, account_id, created_at, last_seen_at, expires_at)
  SELECT printf('%064d', a.rowid), a.id, (SELECT now FROM t0), (SELECT now FROM t0),
         strftime('%Y-%m-%dT%H:%M:%S+00:00', 'now', '+30 days')
  FROM account a WHERE a.email_key LIKE 'lid%@stem.example';
COMMIT;
SQL
# The sessions above are keyed by a placeholder hash; the real one is the SHA-256 of
# the cookie's token, one token per voter.
log "signing in ${voters} voters"
awk -v n="$voters" 'BEGIN { for (i = 1; i <= n; i++) printf "stemsessie%033d\n", i }' >"$tmp/tokens"
while read -r token; do
  printf '%s %s\n' "${token#stemsessie}" "$(printf '%s' "$token" | sha256sum | cut -d' ' -f1)"
done <"$tmp/tokens" | awk '{ printf "UPDATE auth_session SET token_hash = '\''%s'\'' WHERE account_id = (SELECT id FROM account WHERE email_key = '\''lid%d@stem.example'\'');\n", $2, $1 + 0 }' >"$tmp/sessions.sql"
{ echo "BEGIN;"; cat "$tmp/sessions.sql"; echo "COMMIT;"; } | sql
ids() { sql "SELECT group_concat(id, ' ') FROM (SELECT p.id FROM survey_proposal p JOIN survey_round r ON r.id = p.round_id WHERE r.public_id = '$1' ORDER BY p.id)"; }
read -r -a guest_ids <<<"$(ids b0000000000000000000000000000001)"
read -r -a member_ids <<<"$(ids b0000000000000000000000000000002)"
[ "${#guest_ids[@]}" = 12 ] && [ "${#member_ids[@]}" = 12 ] || die "the rounds have no twelve themes"
sql "ANALYZE;"

log "starting the server"
need_port "$port"
SAMENLEREN_LOG="${SAMENLEREN_LOG:-warn}" \
  "$bin" --data-dir "$dir" serve --addr "127.0.0.1:${port}" \
  --sign-in-rate "1000000/min,burst=1000000" --mail-poll-ms 200 >"$tmp/app.log" 2>&1 &
app_pid=$!
for _ in $(seq 1 200); do curl -fs "$base/healthz" >/dev/null 2>&1 && break; sleep 0.05; done
curl -fs "$base/healthz" >/dev/null || { cat "$tmp/app.log" >&2; die "server did not start"; }
unsent() { sql "SELECT COUNT(*) FROM outbox WHERE sent_at IS NULL AND failed_at IS NULL"; }
drain() {
  for _ in $(seq 1 1200); do [ "$(unsent)" = 0 ] && return 0; sleep 0.5; done
  die "the outbox did not drain"
}
sleep 2
drain

# One browser's form token: the CSRF cookie and the token the round's form carries.
page="$(curl -fs -c "$tmp/jar" "$base/inventarisatie/b0000000000000000000000000000001")"
csrf="$(grep -o 'name="csrf" value="[^"]*"' <<<"$page" | head -n 1 | sed 's/.*value="//; s/"$//')"
cookie="sl_csrf=$(awk '$6 == "sl_csrf" { print $7 }' "$tmp/jar")"
[ -n "$csrf" ] && [ "$cookie" != "sl_csrf=" ] || die "no form token on the round's page"

# Voter i picks three themes from i; a changed mind picks three others.
choices() {
  local -n themes="$1"
  local i="$2" shift="$3"
  local a=$(( (i + shift) % 12 )) b=$(( (i + shift + 1 + i % 5) % 12 )) c=$(( (i + shift + 7) % 12 ))
  printf 'proposals=%s&proposals=%s&proposals=%s' "${themes[$a]}" "${themes[$b]}" "${themes[$c]}"
}
regions=(groningen friesland drenthe overijssel flevoland gelderland utrecht noord-holland zuid-holland zeeland noord-brabant limburg)
roles=(opbouwwerker sociaalwerker coordinator beleid student anders)
about() { printf 'role=%s&region=%s&years=%d&notify=on' "${roles[$(( $1 % 6 ))]}" "${regions[$(( $1 % 12 ))]}" $(( $1 % 31 )); }

log "phase 1: ${voters} guests vote (${again} twice)"
{
  for i in $(seq 1 "$voters"); do
    printf 'POST\t/inventarisatie/b0000000000000000000000000000001/stemmen\tcsrf=%s&email=gast%d%%40stem.example&%s&%s\n' \
      "$csrf" "$i" "$(choices guest_ids "$i" 0)" "$(about "$i")"
  done
  for i in $(seq 1 "$again"); do
    printf 'POST\t/inventarisatie/b0000000000000000000000000000001/stemmen\tcsrf=%s&email=gast%d%%40stem.example&%s&%s\n' \
      "$csrf" "$i" "$(choices guest_ids "$i" 3)" "$(about "$i")"
  done
} >"$tmp/ballots.tsv"
ballots="$(wc -l <"$tmp/ballots.tsv")"
"$client" send --url "$base" --requests "$tmp/ballots.tsv" --concurrency "$conns" \
  --header "Cookie: $cookie" --out "$tmp/ballots.out" >"$tmp/ballots.json"
cat "$tmp/ballots.json" >&2
[ "$(cut -f2 "$tmp/ballots.out" | grep -c '^303$')" = "$ballots" ] || die "not every ballot was answered 303"
[ "$(sql "SELECT COUNT(*) FROM survey_ballot b JOIN survey_round r ON r.id = b.round_id WHERE r.public_id = 'b0000000000000000000000000000001'")" = "$ballots" ] ||
  die "not every ballot was kept"

log "waiting for the ${ballots} emails"
drain
"$client" links --dir "$dir/outbox" --prefix "/inventarisatie/bevestigen/" >"$tmp/links"
[ "$(wc -l <"$tmp/links")" = "$ballots" ] || die "$(wc -l <"$tmp/links") links emailed, not ${ballots}"

log "phase 2: every emailed link pressed"
awk -v c="$csrf" '{ printf "POST\t%s\tcsrf=%s\n", $0, c }' "$tmp/links" >"$tmp/confirm.tsv"
"$client" send --url "$base" --requests "$tmp/confirm.tsv" --concurrency "$conns" \
  --header "Cookie: $cookie" --out "$tmp/confirm.out" >"$tmp/confirm.json"
cat "$tmp/confirm.json" >&2
[ "$(cut -f2 "$tmp/confirm.out" | grep -c '^303$')" = "$ballots" ] || die "not every confirmation counted (303)"

# A link pressed again: 409, nothing changes.
before="$(sql "SELECT COUNT(*) || '/' || SUM(proposal_id) FROM survey_vote v JOIN survey_round r ON r.id = v.round_id WHERE r.public_id = 'b0000000000000000000000000000001'")"
head -n 50 "$tmp/confirm.tsv" >"$tmp/replay.tsv"
"$client" send --url "$base" --requests "$tmp/replay.tsv" --concurrency 8 \
  --header "Cookie: $cookie" --out "$tmp/replay.out" >/dev/null
[ "$(cut -f2 "$tmp/replay.out" | grep -c '^409$')" = 50 ] || die "a link pressed again was not refused (409)"
after="$(sql "SELECT COUNT(*) || '/' || SUM(proposal_id) FROM survey_vote v JOIN survey_round r ON r.id = v.round_id WHERE r.public_id = 'b0000000000000000000000000000001'")"
[ "$before" = "$after" ] || die "pressing links again changed the votes ($before, then $after)"

log "phase 3: ${voters} signed-in professionals vote"
for i in $(seq 1 "$voters"); do
    printf 'POST\t/inventarisatie/b0000000000000000000000000000002/stemmen\tcsrf=%s&%s&%s\t%s; sl_session=stemsessie%033d\n' \
      "$csrf" "$(choices member_ids "$i" 0)" "$(about "$i")" "$cookie" "$i"
done >"$tmp/members.tsv"
"$client" send --url "$base" --requests "$tmp/members.tsv" --concurrency "$conns" \
  --out "$tmp/members.out" >"$tmp/members.json"
cat "$tmp/members.json" >&2
[ "$(cut -f2 "$tmp/members.out" | grep -c '^303$')" = "$voters" ] || die "not every signed-in vote was answered 303"

# Every voter counted once, with exactly the themes of one of their own ballots.
check_round() {
  local round="$1" expect_ballots="$2"
  local got
  got="$(sql "SELECT COUNT(*) FROM survey_voter w JOIN survey_round r ON r.id = w.round_id WHERE r.public_id = '$round'")"
  [ "$got" = "$voters" ] || die "$round: ${got} voters, not ${voters}"
  got="$(sql "SELECT COUNT(*) FROM (SELECT v.voter_id FROM survey_vote v JOIN survey_round r ON r.id = v.round_id WHERE r.public_id = '$round' GROUP BY v.voter_id HAVING COUNT(*) <> 3)")"
  [ "$got" = 0 ] || die "$round: ${got} voters without exactly three votes"
  got="$(sql "SELECT COUNT(*) FROM survey_vote v JOIN survey_round r ON r.id = v.round_id WHERE r.public_id = '$round'")"
  [ "$got" = $(( voters * 3 )) ] || die "$round: ${got} votes, not $(( voters * 3 ))"
  if [ "$expect_ballots" = 1 ]; then
    got="$(sql "SELECT COUNT(*) FROM survey_voter w JOIN survey_round r ON r.id = w.round_id WHERE r.public_id = '$round' AND NOT EXISTS (SELECT 1 FROM survey_ballot b WHERE b.round_id = w.round_id AND b.email_key = w.email_key AND b.used_at IS NOT NULL AND b.proposals = (SELECT group_concat(proposal_id, ',') FROM (SELECT proposal_id FROM survey_vote WHERE voter_id = w.id ORDER BY proposal_id)))")"
    [ "$got" = 0 ] || die "$round: ${got} voters whose votes are none of their ballots"
  fi
}
# Ballots keep the themes in the order ticked; the voters' own orders are sorted.
sql "UPDATE survey_ballot SET proposals = (SELECT group_concat(value, ',') FROM (SELECT value FROM json_each('[' || proposals || ']') ORDER BY value))" >/dev/null
check_round b0000000000000000000000000000001 1
check_round b0000000000000000000000000000002 0
log "checks passed: every vote counted once"

# Results: close both rounds with public results, then measure the guests' round at
# 2,000 voters (6,000 votes) and, topped up, at 20,000 votes.
sql "UPDATE survey_round SET status = 'closed', results_public = TRUE, updated_at = strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') WHERE public_id LIKE 'b000000000000000000000000000000_'"

measure() { # url label → one markdown row; wrk's numbers
  local url="$1" label="$2" out
  wrk -t2 -c"$conns" -d2s "$url" >/dev/null 2>&1 || true
  out="$(wrk -t2 -c"$conns" -d"${duration}s" --latency "$url")"
  local rps p50 p99 non2xx
  rps="$(awk '/^Requests\/sec/ { printf "%d", $2 }' <<<"$out")"
  p50="$(awk '$1 == "50%" { print $2 }' <<<"$out")"
  p99="$(awk '$1 == "99%" { print $2 }' <<<"$out")"
  non2xx="$(awk '/Non-2xx/ { print $5 }' <<<"$out")"
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$rps" "$p50" "$p99" "${non2xx:-0}"
}
results="$base/inventarisatie/b0000000000000000000000000000001"
page="$(curl -fs "$results")" || die "the closed round's page did not answer 200"
grep -q 'id="uitslag-thema-h"' <<<"$page" || die "the closed round's page shows no results"
load_start="$(cut -d' ' -f1 /proc/loadavg)"
log "measuring the results page at $(( voters * 3 )) votes"
row_small="$(measure "$results" "$(( voters * 3 ))")"
log "topping up to 20,000 votes"
extra=$(( (20000 - voters * 3 + 2) / 3 ))
sql <<SQL
BEGIN;
CREATE TEMP TABLE t0 AS SELECT strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') AS now;
CREATE TEMP TABLE r AS SELECT id FROM survey_round WHERE public_id = 'b0000000000000000000000000000001';
CREATE TEMP TABLE p AS SELECT row_number() OVER (ORDER BY id) - 1 AS k, id FROM survey_proposal WHERE round_id = (SELECT id FROM r);
CREATE TEMP TABLE n AS WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c WHERE i < ${extra}) SELECT i FROM c;
INSERT INTO survey_voter (round_id, email, email_key, role, region, years, band, notify, lang, verified_at, created_at, updated_at)
  SELECT (SELECT id FROM r), printf('extra%d@stem.example', i), printf('extra%d@stem.example', i),
         CASE i % 7 WHEN 0 THEN '' WHEN 1 THEN 'opbouwwerker' WHEN 2 THEN 'sociaalwerker' WHEN 3 THEN 'coordinator' WHEN 4 THEN 'beleid' WHEN 5 THEN 'student' ELSE 'anders' END,
         CASE i % 13 WHEN 0 THEN '' WHEN 1 THEN 'groningen' WHEN 2 THEN 'friesland' WHEN 3 THEN 'drenthe' WHEN 4 THEN 'overijssel' WHEN 5 THEN 'flevoland' WHEN 6 THEN 'gelderland'
                     WHEN 7 THEN 'utrecht' WHEN 8 THEN 'noord-holland' WHEN 9 THEN 'zuid-holland' WHEN 10 THEN 'zeeland' WHEN 11 THEN 'noord-brabant' ELSE 'limburg' END,
         i % 31, CASE WHEN i % 31 <= 2 THEN '0-2' WHEN i % 31 <= 5 THEN '3-5' WHEN i % 31 <= 10 THEN '6-10' WHEN i % 31 <= 20 THEN '11-20' ELSE '20+' END,
         FALSE, 'nl', (SELECT now FROM t0), (SELECT now FROM t0), (SELECT now FROM t0)
  FROM n;
INSERT INTO survey_vote (voter_id, proposal_id, round_id, created_at)
  SELECT w.id, p.id, w.round_id, (SELECT now FROM t0)
  FROM survey_voter w JOIN n ON w.email_key = printf('extra%d@stem.example', n.i)
  JOIN p ON p.k IN (n.i % 12, (n.i + 1 + n.i % 5) % 12, (n.i + 7) % 12);
UPDATE survey_round SET updated_at = (SELECT now FROM t0) WHERE id = (SELECT id FROM r);
COMMIT;
ANALYZE;
SQL
votes_now="$(sql "SELECT COUNT(*) FROM survey_vote v JOIN survey_round r ON r.id = v.round_id WHERE r.public_id = 'b0000000000000000000000000000001'")"
log "measuring the results page at ${votes_now} votes"
row_large="$(measure "$results" "$votes_now")"
row_health="$(measure "$base/healthz" "healthz")"
load_end="$(cut -d' ' -f1 /proc/loadavg)"

rate() { awk -v n="$1" -v s="$2" 'BEGIN { printf "%d", n / s }'; }
b_s="$(json_field elapsed_s <"$tmp/ballots.json")"
c_s="$(json_field elapsed_s <"$tmp/confirm.json")"
m_s="$(json_field elapsed_s <"$tmp/members.json")"
p99() { sed -n '/"latency_ms"/,/}/ s/.*"p99": \([0-9.]*\).*/\1/p' "$1"; }
cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1)"
commit="$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo unknown)"
small_rps="$(cut -f2 <<<"$row_small")"
large_rps="$(cut -f2 <<<"$row_large")"
health_rps="$(cut -f2 <<<"$row_health")"

cat <<MD

### Voting rush and results page ($(date -u +%Y-%m-%d), ${cpu}, $(nproc) cores, SQLite, ${conns} connections, commit ${commit})

- load average (1 min) before measuring the page / at the end: ${load_start} / ${load_end}
- checks passed: ${voters} voters per round, each counted once with exactly three votes from one of their own ballots; 50 links pressed again answered 409 and changed nothing

| phase | requests | seconds | per second | p99 ms |
|---|---:|---:|---:|---:|
| guests vote (ballot kept, link emailed) | ${ballots} | ${b_s} | $(rate "$ballots" "$b_s") | $(p99 "$tmp/ballots.json") |
| emailed links pressed (votes counted) | ${ballots} | ${c_s} | $(rate "$ballots" "$c_s") | $(p99 "$tmp/confirm.json") |
| signed-in professionals vote (counted at once) | ${voters} | ${m_s} | $(rate "$voters" "$m_s") | $(p99 "$tmp/members.json") |

| page | votes | req/s | p50 | p99 | non-2xx | /healthz ÷ page |
|---|---:|---:|---:|---:|---:|---:|
| /inventarisatie/{round} (closed, results public) | $(cut -f1 <<<"$row_small") | ${small_rps} | $(cut -f3 <<<"$row_small") | $(cut -f4 <<<"$row_small") | $(cut -f5 <<<"$row_small") | $(awk -v h="$health_rps" -v p="$small_rps" 'BEGIN { printf "%.1f", h / p }') |
| /inventarisatie/{round} (closed, results public) | $(cut -f1 <<<"$row_large") | ${large_rps} | $(cut -f3 <<<"$row_large") | $(cut -f4 <<<"$row_large") | $(cut -f5 <<<"$row_large") | $(awk -v h="$health_rps" -v p="$large_rps" 'BEGIN { printf "%.1f", h / p }') |
| /healthz (ceiling for requests) | - | ${health_rps} | $(cut -f3 <<<"$row_health") | $(cut -f4 <<<"$row_health") | $(cut -f5 <<<"$row_health") | 1.0 |
MD
