#!/usr/bin/env bash
# Benchmark of issue 3: survey submissions over loopback, each acknowledged only after a durable
# commit, group commit (serve --survey-batch 256, the default) against one transaction per
# submission (--survey-batch 1), alternating in the same run on fresh copies of the same database.
# Usage:
#   bench/survey.sh          (after `make build`; needs sqlite3 and wrk)  — or `make bench-survey`
# Environment: MEIHAO_BIN (default build/meihao), ROUNDS (default 3), SECONDS_PER_RUN (wrk, default 10),
#   CONNECTIONS (default 64), CODES (household codes issued, default 300000),
#   BENCH_DIR (where the databases go, default /var/tmp: it must be a real disk, not tmpfs, or
#   fsync costs nothing and the comparison means nothing).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${MEIHAO_BIN:-build/meihao}")
ROUNDS=${ROUNDS:-3}
DUR=${SECONDS_PER_RUN:-10}
CONN=${CONNECTIONS:-64}
CODES=${CODES:-300000}
PER_ESTATE=2000 # codes per estate (at most twice its households): estates of 1,000+ households
WORK=$(mktemp -d "${BENCH_DIR:-/var/tmp}/meihao-survey-XXXXXX")
SERVER=
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT
if [ "$(stat -f -c %T "$WORK")" = tmpfs ]; then echo "warning: $WORK is on tmpfs: fsync is free there" >&2; fi

median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "== dataset: demo (3,000 estates), campaign 2023, $CODES household codes"
echo x-bench-admin-password > "$WORK/pw"
"$BIN" init --db "$WORK/seed.db" --admin-password-file "$WORK/pw" >/dev/null
"$BIN" demo --db "$WORK/seed.db" >/dev/null
NEST=$(( (CODES + PER_ESTATE - 1) / PER_ESTATE ))
: > "$WORK/codes.txt"
left=$CODES
for estate in $(sqlite3 "$WORK/seed.db" "SELECT code FROM estates WHERE households * 2 >= $PER_ESTATE ORDER BY code LIMIT $NEST"); do
  n=$(( left < PER_ESTATE ? left : PER_ESTATE ))
  "$BIN" survey issue --campaign 2023 --estate "$estate" --count "$n" --codes-out "$WORK/c.txt" --db "$WORK/seed.db" >/dev/null
  cat "$WORK/c.txt" >> "$WORK/codes.txt"
  left=$(( left - n ))
done
[ "$left" -eq 0 ] || { echo "not enough estates for $CODES codes" >&2; exit 1; }
# Shuffle (fixed seed), so that each commit touches many estates' figures, as real answers would.
shuf --random-source=<(yes) "$WORK/codes.txt" -o "$WORK/codes.txt"
sqlite3 "$WORK/seed.db" "PRAGMA wal_checkpoint(TRUNCATE)" >/dev/null
echo "   $(wc -l < "$WORK/codes.txt") codes over $NEST estates; database $(( $(stat -c %s "$WORK/seed.db") / 1048576 )) MB on $(stat -f -c %T "$WORK")"

# One run: a fresh copy of the seed, the server with --survey-batch $1, wrk for $DUR s; its
# RESULT line (see bench/survey.lua) and the database's row count go to $WORK/result.
# A new port each run: the killed server's connections linger in TIME_WAIT on the last one.
PORT=$(( (RANDOM % 20000) + 30000 ))
run() {
  local batch=$1 port
  rm -f "$WORK"/run.db*
  cp "$WORK/seed.db" "$WORK/run.db"
  PORT=$(( PORT + 1 )); port=$PORT
  MEIHAO_TODAY=2023-06-15 "$BIN" serve --db "$WORK/run.db" --listen "127.0.0.1:$port" --survey-batch "$batch" \
    --log-level warn >"$WORK/serve.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$port/api/health" >/dev/null && break; sleep 0.1; done
  curl -sf "http://127.0.0.1:$port/api/health" >/dev/null || { echo "server did not start:" >&2; cat "$WORK/serve.log" >&2; exit 1; }
  wrk -t2 -c"$CONN" -d"${DUR}s" --latency -s bench/survey.lua "http://127.0.0.1:$port" -- "$WORK/codes.txt" 2 > "$WORK/wrk.out"
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=
  local line rows ok
  line=$(grep '^RESULT' "$WORK/wrk.out")
  rows=$(sqlite3 "$WORK/run.db" "SELECT count(*) FROM survey_responses")
  ok=$(sed 's/.* ok=\([0-9]*\).*/\1/' <<<"$line")
  # The database must hold every acknowledged answer (and at most the ones still in flight when wrk stopped).
  if [ "$rows" -lt "$ok" ] || [ "$rows" -gt $(( ok + CONN )) ]; then
    echo "   !! batch $batch: wrk counted $ok acknowledged answers, the database holds $rows" >&2
  fi
  echo "$line rows=$rows" > "$WORK/result"
}

field() { sed "s/.* $1=\([0-9.]*\).*/\1/"; }

echo "   load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (2 cores; anything else running skews the absolute figures)"
echo "== POST /api/survey/{code}, wrk -t2 -c$CONN -d${DUR}s: --survey-batch 256 (group commit) vs 1, alternating, $ROUNDS rounds"
: > "$WORK/group"; : > "$WORK/single"; : > "$WORK/ratios"
for i in $(seq "$ROUNDS"); do
  if [ $(( i % 2 )) -eq 1 ]; then order="256 1"; else order="1 256"; fi
  for batch in $order; do
    run "$batch"; r=$(cat "$WORK/result")
    ok=$(field ok <<<"$r"); secs=$(field seconds <<<"$r")
    rate=$(echo "$ok / $secs" | bc -l)
    printf '   round %d batch %-3s %8.0f submissions/s  p50 %6.2f ms  p99 %7.2f ms  non-2xx %s  socket errors %s  rows %s\n' \
      "$i" "$batch" "$rate" "$(field p50_ms <<<"$r")" "$(field p99_ms <<<"$r")" "$(field non2xx <<<"$r")" \
      "$(field socket_errors <<<"$r")" "$(field rows <<<"$r")"
    if [ "$batch" = 256 ]; then g=$rate; echo "$rate $(field p99_ms <<<"$r")" >> "$WORK/group"
    else s=$rate; echo "$rate $(field p99_ms <<<"$r")" >> "$WORK/single"; fi
  done
  echo "$g / $s" | bc -l >> "$WORK/ratios"
done
G=$(cut -d' ' -f1 "$WORK/group" | median); GP=$(cut -d' ' -f2 "$WORK/group" | median)
S=$(cut -d' ' -f1 "$WORK/single" | median); SP=$(cut -d' ' -f2 "$WORK/single" | median)
printf '   group commit   median %.0f submissions/s (target >= 5000), p99 %.1f ms\n' "$G" "$GP"
printf '   one per commit median %.0f submissions/s, p99 %.1f ms\n' "$S" "$SP"
printf '   ratio (median of the rounds) %.1f (target >= 5)\n' "$(median < "$WORK/ratios")"
