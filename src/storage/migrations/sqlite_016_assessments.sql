-- 016: third-party periodic assessment of the cultivation work (定期评估, seed
-- 四(三), issue #11 part 6). An assessor (第三方评估机构) files rounds: for a
-- period, a rating and findings per estate of the cultivation lists in its
-- scope and a conclusion per county; once submitted the county answers each
-- finding.

CREATE TABLE assessment_rounds(
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  campaign_year INTEGER NOT NULL REFERENCES campaigns(year),
  title         TEXT NOT NULL,            -- the period's name, e.g. 2023年第三季度
  period_from   TEXT NOT NULL,            -- YYYY-MM-DD
  period_to     TEXT NOT NULL,
  scope_code    TEXT NOT NULL,            -- the assessor's scope when it opened the round
  assessor_id   INTEGER NOT NULL REFERENCES users(id),
  status        TEXT NOT NULL CHECK (status IN ('draft','submitted')),
  created_at    TEXT NOT NULL,
  submitted_at  TEXT
) STRICT;
CREATE INDEX assessment_rounds_by_year ON assessment_rounds(campaign_year, period_from);

CREATE TABLE assessment_findings(
  round_id    INTEGER NOT NULL REFERENCES assessment_rounds(id),
  estate_code TEXT NOT NULL,
  county_code TEXT NOT NULL,
  rating      TEXT NOT NULL CHECK (rating IN ('good','fair','average','poor')),
  findings    TEXT NOT NULL,
  answer      TEXT,                       -- the county's, after submission
  answered_at TEXT,
  answered_by TEXT,
  saved_at    TEXT NOT NULL,
  PRIMARY KEY (round_id, estate_code)
) STRICT;
CREATE INDEX assessment_findings_by_estate ON assessment_findings(estate_code);

CREATE TABLE assessment_conclusions(
  round_id    INTEGER NOT NULL REFERENCES assessment_rounds(id),
  county_code TEXT NOT NULL,
  conclusion  TEXT NOT NULL,
  saved_at    TEXT NOT NULL,
  PRIMARY KEY (round_id, county_code)
) STRICT;
