#!/usr/bin/env bash
# Benchmark of issue 4: the public list pages (no login) under wrk -t2 -c64, against GET /api/health
# measured in the same run as the baseline. The list is a published county list of 31 estates
# (蓬江区's quota), written straight into a demo database with sqlite3 (publishing itself needs the
# whole evaluation); the pages are served from the in-memory cache after the first request.
# Usage:
#   bench/public_lists.sh    (after `make build`; needs sqlite3 and wrk)
# Environment: MEIHAO_BIN (default build/meihao), ROUNDS (default 3), SECONDS_PER_RUN (default 10),
#   CONNECTIONS (default 64).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${MEIHAO_BIN:-build/meihao}")
ROUNDS=${ROUNDS:-3}
DUR=${SECONDS_PER_RUN:-10}
CONN=${CONNECTIONS:-64}
WORK=$(mktemp -d "${TMPDIR:-/tmp}/meihao-public-XXXXXX")
SERVER=
trap 'if [ -n "$SERVER" ]; then kill "$SERVER" 2>/dev/null || true; fi; rm -rf "$WORK"' EXIT

echo x-bench-admin-password > "$WORK/pw"
"$BIN" init --db "$WORK/b.db" --admin-password-file "$WORK/pw" >/dev/null
"$BIN" demo --db "$WORK/b.db" >/dev/null
sqlite3 "$WORK/b.db" <<'SQL'
INSERT INTO selection_lists(campaign_year, level, unit_code, status, quota, explanation, short, published_on,
  publicity_days, published_at) VALUES (2023, 'county', '440703', 'published', 31, '', 0, '2023-09-10', 7, 'bench');
INSERT INTO applications(campaign_year, estate_code, county_code, applicant_type, applicant_name, contact_name,
  contact_phone, status, rubric, automatic, submitted_at, submitted_ms, created_at, updated_at)
  SELECT 2023, code, county_code, 'property_company', name || '物业服务中心', '张三', '13812345678', 'submitted', '', '{}',
         'x', 0, 'x', 'x'
  FROM estates WHERE county_code = '440703' AND management_mode = 'professional' ORDER BY code LIMIT 31;
INSERT INTO selection_entries(campaign_year, level, unit_code, application_id, estate_code, position, rank, score,
  source, status)
  SELECT 2023, 'county', '440703', id, estate_code, ROW_NUMBER() OVER (ORDER BY id), ROW_NUMBER() OVER (ORDER BY id),
         printf('%.2f', 99 - (ROW_NUMBER() OVER (ORDER BY id)) * 0.5), 'rules', 'listed'
  FROM applications WHERE campaign_year = 2023 AND county_code = '440703';
SQL

PORT=$(( (RANDOM % 20000) + 30000 ))
MEIHAO_TODAY=2023-09-12 "$BIN" serve --db "$WORK/b.db" --listen "127.0.0.1:$PORT" --log-level warn >"$WORK/serve.log" 2>&1 &
SERVER=$!
BASE="http://127.0.0.1:$PORT"
for _ in $(seq 100); do curl -sf "$BASE/api/health" >/dev/null && break; sleep 0.1; done
LIST="$BASE/api/public/campaigns/2023/lists/county/440703"
INDEX="$BASE/api/public/campaigns/2023/lists"
[ "$(curl -sf "$LIST" | grep -o '"position"' | wc -l)" = 31 ] || { echo "the list page does not show 31 entries" >&2; exit 1; }
echo "   page size: list $(curl -sf "$LIST" | wc -c) bytes, index $(curl -sf "$INDEX" | wc -c) bytes"
echo "   load average before the runs: $(cut -d' ' -f1-3 /proc/loadavg) (nproc $(nproc))"

rps() { wrk -t2 -c"$CONN" -d"${DUR}s" "$1" | awk '/Requests\/sec/ {print $2} /Non-2xx/ {print "non-2xx " $0 > "/dev/stderr"}'; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
: > "$WORK/health"; : > "$WORK/list"; : > "$WORK/index"
echo "== wrk -t2 -c$CONN -d${DUR}s, $ROUNDS rounds (health, list, index alternating)"
for i in $(seq "$ROUNDS"); do
  h=$(rps "$BASE/api/health"); l=$(rps "$LIST"); x=$(rps "$INDEX")
  echo "$h" >> "$WORK/health"; echo "$l" >> "$WORK/list"; echo "$x" >> "$WORK/index"
  printf '   round %d: health %s/s  list %s/s  index %s/s\n' "$i" "$h" "$l" "$x"
done
printf '== medians: GET /api/health %s/s (baseline), list page %s/s, lists index %s/s (target ≥ 5,000/s)\n' \
  "$(median < "$WORK/health")" "$(median < "$WORK/list")" "$(median < "$WORK/index")"
