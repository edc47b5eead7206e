#!/usr/bin/env bash
# Province scale (issue 3): 50,000 estates, 2,000,000 complaints, 5,000,000 survey responses.
# Targets: rankings for all counties from the kept figures < 1 s; a full rebuild < 30 s; server
# RSS < 1 GB; 1,000,000 household codes < 10 s; the slip PDF of a 3,000-household estate < 5 s.
# Each figure is printed with a baseline measured in the same run (the machines are shared and
# noisy), and the ratio between them.
#
# Usage: bench/province.sh [STEP ...]      (no STEP: all of them, in this order)
#   estates     new database: init, import 50,000 estates (.csv), campaign 2023, a city administrator
#   complaints  import 2,000,000 complaints from 8 generated .csv files
#   responses   5,000,000 used household codes and their responses (sqlite3, test data set-up)
#   rebuild     `meihao indicators rebuild` twice: fills the kept figures, then finds no difference
#   rankings    `meihao export rankings` (every county) from the kept figures
#   http        the same over HTTP as the city administrator; the server's memory
#   codes       1,000,000 household codes (10 × 100,000); slips PDF of 3,000 codes
#   report      the table of results
# Steps keep their state in $WORK, so any step can be re-run alone after the ones it needs.
# Environment: MEIHAO_BIN (default build/meihao), WORK (default /tmp/meihao-province; about 3 GB),
# ESTATES (50000), COMPLAINTS (2000000), RESPONSES (5000000), ROUNDS (5).
set -euo pipefail
cd "$(dirname "$0")/.."
BIN=$(realpath "${MEIHAO_BIN:-build/meihao}")
WORK=${WORK:-/tmp/meihao-province}
ESTATES=${ESTATES:-50000}
COMPLAINTS=${COMPLAINTS:-2000000}
RESPONSES=${RESPONSES:-5000000}
ROUNDS=${ROUNDS:-5}
DB="$WORK/province.db"
RESULTS="$WORK/results"
ADMIN=bench_city
mkdir -p "$WORK"
touch "$RESULTS"
source bench/province_data.sh

now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc -l; }
median() { sort -g | awk '{a[NR]=$1} END {print (NR%2) ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2}'; }
# Runs a command (its output in $WORK/last.out) and appends "wall cpu" seconds to file $1: the CPU time
# (user + system) shows how much of a wall time was waiting for the other users of the machine.
timed() {  # file command ...
  local out=$1 TIMEFORMAT='%R %U %S'
  shift
  { time "$@" > "$WORK/last.out" 2> "$WORK/last.err"; } 2> "$WORK/last.time" || { cat "$WORK/last.err" >&2; return 1; }
  awk '{printf "%.3f %.3f\n", $1, $2 + $3}' "$WORK/last.time" >> "$out"
}
sum_col() { awk -v c="$1" '{s += $c} END {printf "%.3f", s}' "$2"; }
median_col() { awk -v c="$1" '{print $c}' "$2" | median; }
put() { grep -v "^$1 " "$RESULTS" > "$RESULTS.tmp" || true; echo "$1 $2" >> "$RESULTS.tmp"; mv "$RESULTS.tmp" "$RESULTS"; }
get() { awk -v k="$1" '$1 == k {print $2}' "$RESULTS"; }
need_db() { [[ -f $DB ]] || { echo "no $DB: run the estates step first" >&2; exit 1; }; }

step_estates() {
  echo "== estates: $ESTATES demo estates as .csv, imported into a new database"
  make_estates_csv "$ESTATES" "$WORK/estates.csv"
  rm -f "$DB" "$DB"-* "$WORK"/plain.db*
  printf 'bench-admin-%s\n' "$RANDOM$RANDOM" > "$WORK/admin-password"
  "$BIN" init --db "$DB" --admin-password-file "$WORK/admin-password" >/dev/null
  : > "$WORK/m.estates"; : > "$WORK/m.estates_base"
  timed "$WORK/m.estates" "$BIN" import estates "$WORK/estates.csv" --db "$DB"
  timed "$WORK/m.estates_base" sqlite3 "$WORK/plain.db" ".import --csv $WORK/estates.csv estates"
  put estates_import "$(sum_col 1 "$WORK/m.estates")"
  put estates_import_cpu "$(sum_col 2 "$WORK/m.estates")"
  put estates_sqlite_import "$(sum_col 1 "$WORK/m.estates_base")"
  "$BIN" campaign create --year 2023 --db "$DB" >/dev/null
  "$BIN" user add --db "$DB" --username "$ADMIN" --role city_admin --scope 440700 \
    --display-name 性能测试 --password-file "$WORK/admin-password" >/dev/null
  sqlite3 "$DB" "SELECT '   ' || county_code, count(*), sum(households) FROM estates GROUP BY 1" | tr '|' ' '
  printf '   meihao import %.2f s, sqlite3 .import %.2f s\n' "$(get estates_import)" "$(get estates_sqlite_import)"
}

step_complaints() {
  need_db
  echo "== complaints: $COMPLAINTS in files of 250,000 rows, meihao import vs sqlite3 .import"
  make_complaint_csvs "$DB" "$COMPLAINTS"
  # Re-runnable: the complaints of an earlier run go first (bench data only).
  sqlite3 "$DB" "DELETE FROM complaints"
  rm -f "$WORK"/plain.db*
  sqlite3 "$WORK/plain.db" "CREATE TABLE complaints(id, estate_code, received_on, category, property_related, valid)"
  local f
  : > "$WORK/m.complaints"; : > "$WORK/m.complaints_base"
  for f in "$WORK"/complaints-*.csv; do
    timed "$WORK/m.complaints" "$BIN" import complaints "$f" --db "$DB"
    timed "$WORK/m.complaints_base" sqlite3 "$WORK/plain.db" ".import --csv --skip 1 $f complaints"
  done
  put complaints_import "$(sum_col 1 "$WORK/m.complaints")"
  put complaints_import_cpu "$(sum_col 2 "$WORK/m.complaints")"
  put complaints_sqlite_import "$(sum_col 1 "$WORK/m.complaints_base")"
  printf '   %s rows; meihao import %.1f s, sqlite3 .import %.1f s\n' \
    "$(sqlite3 "$DB" 'SELECT count(*) FROM complaints')" "$(get complaints_import)" "$(get complaints_sqlite_import)"
}

step_responses() {
  need_db
  echo "== responses: $RESPONSES used household codes and responses, written by sqlite3 (set-up, not a product figure)"
  local t; t=$(now)
  make_responses "$DB" "$RESPONSES"
  put responses_setup "$(since "$t")"
  printf '   %s responses in %.0f s; database %s\n' "$(sqlite3 "$DB" 'SELECT count(*) FROM survey_responses')" \
    "$(get responses_setup)" "$(du -h "$DB" | cut -f1)"
}

step_rebuild() {
  need_db
  echo "== indicators rebuild, twice; baseline: sqlite3 grouping the raw responses and complaints by estate"
  local t i
  # Every run starts from no kept figures at all, as the first run after the responses step does.
  sqlite3 "$DB" "DELETE FROM estate_figures WHERE campaign_year = 2023"
  for i in 1 2; do
    : > "$WORK/m.rebuild"
    timed "$WORK/m.rebuild" "$BIN" indicators rebuild --campaign 2023 --db "$DB"
    cp "$WORK/last.out" "$WORK/rebuild-$i.out"
    put "rebuild_$i" "$(sum_col 1 "$WORK/m.rebuild")"
    put "rebuild_${i}_cpu" "$(sum_col 2 "$WORK/m.rebuild")"
    tail -n 2 "$WORK/rebuild-$i.out" | sed 's/^/   /'
  done
  put rebuild_2_differences "$(grep -o '[0-9]* differed' "$WORK/rebuild-2.out" | cut -d' ' -f1)"
  t=$(now)
  sqlite3 "$DB" "SELECT estate_code, count(*), sum(overall), sum(sanitation) FROM survey_responses
                 WHERE campaign_year = 2023 GROUP BY estate_code;
                 SELECT estate_code, count(*) FROM complaints WHERE valid = 1 AND property_related = 1
                 AND received_on >= '2022-09-01' AND received_on < '2023-09-01' GROUP BY estate_code" > /dev/null
  put rebuild_sqlite_baseline "$(since "$t")"
  printf '   rebuild %.2f s then %.2f s; sqlite3 group-by %.2f s\n' "$(get rebuild_1)" "$(get rebuild_2)" \
    "$(get rebuild_sqlite_baseline)"
}

step_rankings() {
  need_db
  echo "== export rankings (all counties) from the kept figures, $ROUNDS rounds; baseline: sqlite3 reading the kept figures"
  : > "$WORK/rank"; : > "$WORK/rank_base"
  local i
  for i in $(seq "$ROUNDS"); do
    timed "$WORK/rank" "$BIN" export rankings --campaign 2023 --format csv --db "$DB" --out "$WORK/rankings.csv"
    timed "$WORK/rank_base" sqlite3 -csv "$DB" "SELECT * FROM estate_figures WHERE campaign_year = 2023 ORDER BY estate_code"
  done
  put rankings_cli "$(median_col 1 "$WORK/rank")"
  put rankings_cli_cpu "$(median_col 2 "$WORK/rank")"
  put rankings_sqlite_baseline "$(median_col 1 "$WORK/rank_base")"
  printf '   %s rows; median %.3f s; sqlite3 %.3f s\n' "$(($(wc -l < "$WORK/rankings.csv") - 1))" \
    "$(get rankings_cli)" "$(get rankings_sqlite_baseline)"
}

step_http() {
  need_db
  echo "== GET /api/campaigns/2023/rankings?format=csv as the city administrator, $ROUNDS rounds; baseline: /api/health"
  local port=$(((RANDOM % 20000) + 30000)) base jar="$WORK/cookies" pw1 pw2 csrf i
  base="http://127.0.0.1:$port"
  # A known password, changed at first login as every new account must.
  pw1="$(cat "$WORK/admin-password")"; pw2="$pw1-changed"
  "$BIN" user reset-password --db "$DB" --username "$ADMIN" --password-file "$WORK/admin-password" >/dev/null
  "$BIN" serve --db "$DB" --listen "127.0.0.1:$port" --log-level warn > "$WORK/serve.log" 2>&1 &
  local server=$!
  trap 'kill '"$server"' 2>/dev/null || true' EXIT
  for _ in $(seq 100); do curl -sf "$base/api/health" >/dev/null && break; sleep 0.1; done
  csrf=$(curl -s -c "$jar" -H 'Content-Type: application/json' "$base/api/session/login" \
    -d "{\"username\":\"$ADMIN\",\"password\":\"$pw1\"}" | sed -n 's/.*"csrf_token":"\([^"]*\)".*/\1/p')
  curl -sf -b "$jar" -H 'Content-Type: application/json' -H "x-csrf-token: $csrf" "$base/api/session/password" \
    -d "{\"old_password\":\"$pw1\",\"new_password\":\"$pw2\"}" >/dev/null
  : > "$WORK/http"; : > "$WORK/http_base"
  for i in $(seq "$ROUNDS"); do
    curl -s -b "$jar" -o "$WORK/http-rankings.csv" -w '%{http_code} %{time_total}\n' \
      "$base/api/campaigns/2023/rankings?format=csv" > "$WORK/http.one"
    [[ $(cut -d' ' -f1 "$WORK/http.one") == 200 ]] || { echo "rankings: HTTP $(cat "$WORK/http.one")" >&2; exit 1; }
    cut -d' ' -f2 "$WORK/http.one" >> "$WORK/http"
    curl -s -o /dev/null -w '%{time_total}\n' "$base/api/health" >> "$WORK/http_base"
  done
  put http_rankings_first "$(head -n1 "$WORK/http")"
  put http_rankings "$(median < "$WORK/http")"
  put http_health "$(median < "$WORK/http_base")"
  put server_vmhwm_mb "$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")"
  put server_vmrss_mb "$(awk '/VmRSS/ {printf "%.0f", $2 / 1024}' "/proc/$server/status")"
  kill "$server"; wait "$server" 2>/dev/null || true
  trap - EXIT
  printf '   first %.3f s, median %.3f s (%s rows); /api/health %.4f s; server VmHWM %s MB, VmRSS %s MB\n' \
    "$(get http_rankings_first)" "$(get http_rankings)" "$(($(wc -l < "$WORK/http-rankings.csv") - 1))" \
    "$(get http_health)" "$(get server_vmhwm_mb)" "$(get server_vmrss_mb)"
}

step_codes() {
  need_db
  echo "== 1,000,000 household codes: survey issue --count 100000 on 10 estates of 50,000 households (codes to a file)"
  local big t e3 h e
  big=$(sqlite3 "$DB" "SELECT code FROM estates WHERE households >= 50000 ORDER BY code LIMIT 10")
  [[ $(echo "$big" | wc -w) == 10 ]] || { echo "expected 10 estates of 50,000 households" >&2; exit 1; }
  : > "$WORK/m.codes"
  for e in $big; do
    timed "$WORK/m.codes" "$BIN" survey issue --campaign 2023 --estate "$e" --count 100000 --codes-out "$WORK/codes-$e.txt" --db "$DB"
  done
  put codes_1m "$(sum_col 1 "$WORK/m.codes")"
  put codes_1m_cpu "$(sum_col 2 "$WORK/m.codes")"
  # Baseline: SQLite storing 1,000,000 random 64-hex hashes under a UNIQUE index (our cache size).
  rm -f "$WORK"/plain-codes.db*
  t=$(now)
  sqlite3 "$WORK/plain-codes.db" "PRAGMA cache_size = -32000; CREATE TABLE c(h TEXT NOT NULL UNIQUE);
    INSERT INTO c SELECT lower(hex(randomblob(32))) FROM generate_series(1, 1000000)"
  put codes_sqlite_baseline "$(since "$t")"
  printf '   %s codes in %.2f s; sqlite3 1M unique hashes %.2f s\n' "$(cat "$WORK"/codes-*.txt | wc -l)" \
    "$(get codes_1m)" "$(get codes_sqlite_baseline)"

  echo "== slips PDF for 3,000 households; baseline: the same 3,000 codes without the PDF"
  read -r e3 h < <(sqlite3 -separator ' ' "$DB" \
    "SELECT code, households FROM estates WHERE households BETWEEN 1500 AND 49999 ORDER BY households DESC, code LIMIT 1")
  : > "$WORK/m.slips"; : > "$WORK/m.slips_codes"
  timed "$WORK/m.slips" "$BIN" survey issue --campaign 2023 --estate "$e3" --count 3000 --slips "$WORK/slips.pdf" --db "$DB"
  timed "$WORK/m.slips_codes" "$BIN" survey issue --campaign 2023 --estate "$e3" --count 3000 --codes-out /dev/null --db "$DB"
  put slips_3000 "$(sum_col 1 "$WORK/m.slips")"
  put slips_3000_cpu "$(sum_col 2 "$WORK/m.slips")"
  put slips_codes_only "$(sum_col 1 "$WORK/m.slips_codes")"
  printf '   %s (%s households): PDF %.2f s (%s), codes only %.2f s\n' "$e3" "$h" "$(get slips_3000)" \
    "$(command -v pdfinfo >/dev/null && pdfinfo "$WORK/slips.pdf" | awk '/^Pages/ {print $2 " pages"}')" \
    "$(get slips_codes_only)"
}

step_report() {
  local r
  ratio() { [[ -n $1 && -n $2 ]] && printf '%.1f ×' "$(echo "$1 / $2" | bc -l)" || echo -; }
  row() { printf '| %s | %s | %s | %s | %s |\n' "$1" "$2" "$3" "$4" "$5"; }
  secs() { [[ -n $(get "$1") ]] && printf '%.2f s' "$(get "$1")" || echo -; }
  # Wall time, and the CPU time when it was measured.
  wall_cpu() { [[ -n $(get "$1_cpu") ]] && echo "$(secs "$1") (CPU $(secs "$1_cpu"))" || secs "$1"; }
  echo
  echo "Province scale: $ESTATES estates, $COMPLAINTS complaints, $RESPONSES responses ($(date -u +%F), $(nproc) cores)"
  echo
  row what target measured "baseline (same run)" ratio
  row --- --- --- --- ---
  row "import $ESTATES estates (.csv)" "" "$(wall_cpu estates_import)" "sqlite3 .import $(secs estates_sqlite_import)" \
    "$(ratio "$(get estates_import)" "$(get estates_sqlite_import)")"
  row "import $COMPLAINTS complaints ($(ls "$WORK"/complaints-*.csv 2>/dev/null | wc -l) .csv)" "" "$(wall_cpu complaints_import)" "sqlite3 .import $(secs complaints_sqlite_import)" \
    "$(ratio "$(get complaints_import)" "$(get complaints_sqlite_import)")"
  row "indicators rebuild, first (fills the figures)" "< 30 s" "$(wall_cpu rebuild_1)" "sqlite3 group-by $(secs rebuild_sqlite_baseline)" \
    "$(ratio "$(get rebuild_1)" "$(get rebuild_sqlite_baseline)")"
  row "indicators rebuild, second" "no difference" "$(wall_cpu rebuild_2), $(get rebuild_2_differences) differed" "" \
    "$(ratio "$(get rebuild_2)" "$(get rebuild_sqlite_baseline)")"
  row "export rankings, all counties (CLI, median)" "< 1 s" "$(wall_cpu rankings_cli)" "sqlite3 figures $(secs rankings_sqlite_baseline)" \
    "$(ratio "$(get rankings_cli)" "$(get rankings_sqlite_baseline)")"
  row "GET rankings CSV (HTTP, first / median)" "< 1 s" "$(secs http_rankings_first) / $(secs http_rankings)" \
    "CLI export $(secs rankings_cli); /api/health $(secs http_health)" "$(ratio "$(get http_rankings)" "$(get rankings_cli)")"
  row "server memory after the requests" "< 1 GB" "VmHWM $(get server_vmhwm_mb) MB, VmRSS $(get server_vmrss_mb) MB" "" ""
  row "1,000,000 household codes (10 issues)" "< 10 s" "$(wall_cpu codes_1m)" "sqlite3 1M unique hashes $(secs codes_sqlite_baseline)" \
    "$(ratio "$(get codes_1m)" "$(get codes_sqlite_baseline)")"
  row "slips PDF, 3,000 households" "< 5 s" "$(wall_cpu slips_3000)" "codes only $(secs slips_codes_only)" \
    "$(ratio "$(get slips_3000)" "$(get slips_codes_only)")"
  row "(set-up) $RESPONSES responses by sqlite3" "" "$(secs responses_setup)" "" ""
}

steps=("$@")
[[ ${#steps[@]} -gt 0 ]] || steps=(estates complaints responses rebuild rankings http codes report)
for s in "${steps[@]}"; do
  declare -F "step_$s" >/dev/null || { echo "unknown step: $s" >&2; exit 2; }
  "step_$s"
done
