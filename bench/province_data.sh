# Data generators of bench/province.sh (sourced, not run). Deterministic: every
# "random" choice is a multiplicative hash of a row number, so two runs build
# the same province.

# Estates: 50,000 (or $1) deterministic demo estates over the 7 counties, as
# the .csv that `meihao export estates` writes, from a throw-away demo database
# (the demo generator makes valid towns and credit codes). Ten of them get
# 50,000 households, so that the codes step may issue 100,000 codes to each
# (an issue is at most twice the households).
make_estates_csv() {  # count out.csv
  local tmp="$WORK/demo-src.db"
  rm -f "$tmp" "$tmp"-*
  "$BIN" demo --db "$tmp" --estates "$1" >/dev/null
  "$BIN" export estates --db "$tmp" --format csv --out "$2.tmp" 2>/dev/null
  rm -f "$tmp" "$tmp"-*
  # The demo names and addresses have no commas or quotes, so fields split on commas.
  if grep -q '"' "$2.tmp"; then echo "unexpected quoted field in $2.tmp" >&2; return 1; fi
  awk -F, -v OFS=, -v every=$(($1 / 10)) 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "households") h = i }
                    NR > 1 && (NR - 2) % every == 0 { $h = 50000 } { print }' "$2.tmp" > "$2"
  rm -f "$2.tmp"
}

# Complaints: $2 rows in files of 250,000 (the import takes files up to 20 MiB),
# spread over the estates by a hash; 2022-06-01 … 2023-08-31, so a fifth fall
# before the window; a fifth not property-related; one in eleven invalid.
make_complaint_csvs() {  # db count
  local n per=250000 k=0 lo hi
  n=$(sqlite3 "$1" "SELECT count(*) FROM estates WHERE deleted_at IS NULL")
  rm -f "$WORK"/complaints-*.csv
  for ((lo = 1; lo <= $2; lo += per, k++)); do
    hi=$((lo + per - 1)); ((hi > $2)) && hi=$2
    sqlite3 "$1" <<SQL
.headers on
.mode csv
CREATE TEMP TABLE ix(i INTEGER PRIMARY KEY, code TEXT NOT NULL);
INSERT INTO ix SELECT row_number() OVER (ORDER BY code) - 1, code FROM estates WHERE deleted_at IS NULL;
.once $WORK/complaints-$(printf %02d $k).csv
SELECT printf('B%08d', g.value) AS id, ix.code AS estate_code,
       date('2022-06-01', printf('+%d days', (g.value * 7919) % 457)) AS received_on,
       CASE g.value % 5 WHEN 0 THEN '环境卫生' WHEN 1 THEN '设施设备维护' WHEN 2 THEN '停车管理'
                        WHEN 3 THEN '噪音扰民' ELSE '收费问题' END AS category,
       CASE WHEN g.value % 5 = 3 THEN '否' ELSE '是' END AS property_related,
       CASE WHEN g.value % 11 = 0 THEN '否' ELSE '是' END AS valid
FROM generate_series($lo, $hi) AS g JOIN ix ON ix.i = (g.value * 2654435761) % $n;
SQL
  done
}

# A 1–5 answer from a hash of the response id and the estate's bias (−15 … 15):
# mostly 4 and 5, some estates better than others.
rating() {  # multiplier
  echo "CASE WHEN (s.first + g.value) * $1 % 100 + s.bias < 5 THEN 1
             WHEN (s.first + g.value) * $1 % 100 + s.bias < 15 THEN 2
             WHEN (s.first + g.value) * $1 % 100 + s.bias < 35 THEN 3
             WHEN (s.first + g.value) * $1 % 100 + s.bias < 70 THEN 4 ELSE 5 END"
}

# Survey responses: TEST DATA SET-UP, written with sqlite3 directly because 5,000,000
# submissions through HTTP would take far longer than the benchmark itself.
# Each response redeems its own household code (status 'used'; code_hash is
# not a real hash of a code but looks like one where it matters: its first 15
# hex digits — code_key, migration 009 — are the id scrambled by a
# multiplication, so keys are spread like real ones; the rest is the id, which
# keeps every hash unique). Estates get
# responses in proportion to their households (exactly $2 in all), received
# 2023-05-01 … 2023-08-30, inside the default survey window. Foreign keys are
# not enforced by the sqlite3 shell; the rows are consistent by construction.
# Replaces every code and response of the database. The kept figures are not
# touched: `meihao indicators rebuild` fills them.
make_responses() {  # db count
  sqlite3 "$1" <<SQL
PRAGMA cache_size = -400000;
PRAGMA synchronous = OFF;
BEGIN;
DELETE FROM survey_responses;
DELETE FROM household_codes;
CREATE TEMP TABLE share AS
  WITH c AS (SELECT code, households, SUM(households) OVER (ORDER BY code ROWS UNBOUNDED PRECEDING) AS cum,
                    SUM(households) OVER () AS total
             FROM estates WHERE deleted_at IS NULL)
  SELECT code, (cum - households) * $2 / total AS first,
         cum * $2 / total - (cum - households) * $2 / total AS n,
         (row_number() OVER (ORDER BY code)) * 7 % 31 - 15 AS bias
  FROM c;
INSERT INTO household_codes(id, campaign_year, estate_code, code_key, code_hash, status, issued_at, changed_at)
  SELECT s.first + g.value, 2023, s.code,
         ((s.first + g.value) * 922337203685) & 1152921504606846975,
         printf('%015x%049x', ((s.first + g.value) * 922337203685) & 1152921504606846975, s.first + g.value),
         'used', '2023-04-20T02:00:00Z',
         strftime('%Y-%m-%dT%H:%M:%SZ', '2023-05-01', printf('+%d seconds', (s.first + g.value) * 7919 % 10540800))
  FROM share s, generate_series(1, s.n) AS g WHERE s.n > 0;
INSERT INTO survey_responses(id, campaign_year, estate_code, code_id, channel, received_at, overall, sanitation,
                             greening, facilities, safety, fees_disclosure, responsiveness, comment)
  SELECT s.first + g.value, 2023, s.code, s.first + g.value,
         CASE WHEN g.value % 10 = 0 THEN 'paper' ELSE 'online' END,
         strftime('%Y-%m-%dT%H:%M:%SZ', '2023-05-01', printf('+%d seconds', (s.first + g.value) * 7919 % 10540800)),
         $(rating 2654435761), $(rating 40503), $(rating 69069), $(rating 1103515245), $(rating 22695477),
         $(rating 134775813), $(rating 214013), ''
  FROM share s, generate_series(1, s.n) AS g WHERE s.n > 0;
COMMIT;
SQL
}
