#!/usr/bin/env bash
# Benchmarks of issue #2, each reported as a ratio against a baseline measured
# in the same run (the machines are shared and noisy). Usage:
#   bench/run.sh            (after `make build`; needs sqlite3 and wrk)
# Environment: MEIHAO_BIN (default build/meihao), ROUNDS (default 5), SECONDS_PER_RUN (wrk, default 10).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${MEIHAO_BIN:-build/meihao}")
ROUNDS=${ROUNDS:-5}
DUR=${SECONDS_PER_RUN:-10}
WORK=$(mktemp -d)
trap 'kill "${SERVER:-0}" 2>/dev/null || true; rm -rf "$WORK"' EXIT

now() { date +%s.%N; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }

echo "== dataset: 100,000 demo estates"
"$BIN" demo --db "$WORK/src.db" --estates 100000 >/dev/null
"$BIN" export estates --db "$WORK/src.db" --format csv --out "$WORK/estates.csv" 2>/dev/null
"$BIN" export estates --db "$WORK/src.db" --format xlsx --out "$WORK/estates.xlsx" 2>/dev/null
ls -l "$WORK/estates.csv" "$WORK/estates.xlsx" | awk '{print "   ", $5, $9}'

echo "== import 100,000 estates from .csv: meihao vs sqlite3 .import into a plain table (alternating, $ROUNDS rounds)"
: > "$WORK/ratios"; : > "$WORK/ours"; : > "$WORK/theirs"
for i in $(seq "$ROUNDS"); do
  rm -f "$WORK"/imp.db* "$WORK"/plain.db*
  "$BIN" migrate --db "$WORK/imp.db" >/dev/null
  t0=$(now); "$BIN" import estates "$WORK/estates.csv" --db "$WORK/imp.db" >/dev/null; t1=$(now)
  sqlite3 "$WORK/plain.db" ".import --csv $WORK/estates.csv estates"; t2=$(now)
  ours=$(echo "$t1 - $t0" | bc -l); theirs=$(echo "$t2 - $t1" | bc -l)
  echo "$ours" >> "$WORK/ours"; echo "$theirs" >> "$WORK/theirs"; echo "$ours / $theirs" | bc -l >> "$WORK/ratios"
done
printf '   meihao median %.3f s, sqlite3 .import median %.3f s, ratio median %.2f (target <= 3)\n' \
  "$(median < "$WORK/ours")" "$(median < "$WORK/theirs")" "$(median < "$WORK/ratios")"

echo "== import 100,000 estates from .xlsx ($ROUNDS rounds)"
: > "$WORK/xlsx"
for i in $(seq "$ROUNDS"); do
  rm -f "$WORK"/imp.db*; "$BIN" migrate --db "$WORK/imp.db" >/dev/null
  t0=$(now); "$BIN" import estates "$WORK/estates.xlsx" --db "$WORK/imp.db" >/dev/null; t1=$(now)
  echo "$t1 - $t0" | bc -l >> "$WORK/xlsx"
done
printf '   median %.3f s (target < 10 s)\n' "$(median < "$WORK/xlsx")"

echo "== estate list (page of 50, one county, 100,000 estates) vs a constant JSON handler, wrk -t2 -c64 ${DUR}s"
PORT=$(( (RANDOM % 20000) + 30000 ))
"$BIN" serve --db "$WORK/src.db" --listen "127.0.0.1:$PORT" --log-level warn >"$WORK/serve.log" 2>&1 &
SERVER=$!
for _ in $(seq 50); do curl -sf "http://127.0.0.1:$PORT/api/health" >/dev/null && break; sleep 0.1; done
TOKEN=$(curl -s -c - -X POST "http://127.0.0.1:$PORT/api/session/login" \
  -d '{"username":"county_admin","password":"demo-county-2023"}' | awk '/meihao_session/ {print $7}')
LIST="http://127.0.0.1:$PORT/api/estates?county=440703&page_size=50"
: > "$WORK/list"; : > "$WORK/bare"; : > "$WORK/p99"
for i in $(seq 3); do
  wrk -t2 -c64 -d"${DUR}s" --latency -H "Cookie: meihao_session=$TOKEN" "$LIST" > "$WORK/w1"
  wrk -t2 -c64 -d"${DUR}s" --latency "http://127.0.0.1:$PORT/api/health" > "$WORK/w2"
  awk '/Requests\/sec/ {print $2}' "$WORK/w1" >> "$WORK/list"
  awk '/Requests\/sec/ {print $2}' "$WORK/w2" >> "$WORK/bare"
  awk '$1=="99%" {v=$2; if (v ~ /us$/) {sub(/us/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms/,"",v)} else {sub(/s/,"",v); v*=1000}; print v}' "$WORK/w1" >> "$WORK/p99"
done
L=$(median < "$WORK/list"); B=$(median < "$WORK/bare"); P=$(median < "$WORK/p99")
printf '   list median %.0f req/s (target >= 10000), p99 %.1f ms (target < 20)\n' "$L" "$P"
printf '   constant handler median %.0f req/s; ratio %.2f (target >= 0.30)\n' "$B" "$(echo "$L / $B" | bc -l)"
printf '   server RSS after the runs: %d MB (target < 100)\n' "$(( $(ps -o rss= -p "$SERVER") / 1024 ))"
