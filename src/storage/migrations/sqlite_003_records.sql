-- 003: the records that feed the indicators (issue #3): complaints from the
-- 12345 hotline, third-party satisfaction results, fee collection and
-- administrative penalties. Keys are those of data-formats.md, so that
-- re-importing a file changes nothing. Money in fen, scores in hundredths.

CREATE TABLE complaints(
  id               TEXT PRIMARY KEY,
  estate_code      TEXT NOT NULL REFERENCES estates(code),
  received_on      TEXT NOT NULL,
  category         TEXT NOT NULL DEFAULT '',
  property_related INTEGER NOT NULL CHECK (property_related IN (0,1)),
  valid            INTEGER NOT NULL CHECK (valid IN (0,1)),
  updated_at       TEXT NOT NULL
) STRICT;
CREATE INDEX complaints_by_estate ON complaints(estate_code, received_on);

CREATE TABLE satisfaction_results(
  estate_code      TEXT NOT NULL REFERENCES estates(code),
  surveyed_on      TEXT NOT NULL,
  surveyor         TEXT NOT NULL DEFAULT '',
  sample_size      INTEGER NOT NULL CHECK (sample_size BETWEEN 1 AND 100000),
  score_hundredths INTEGER NOT NULL CHECK (score_hundredths BETWEEN 0 AND 10000),
  updated_at       TEXT NOT NULL,
  PRIMARY KEY (estate_code, surveyed_on, surveyor)
) STRICT;

CREATE TABLE fee_records(
  estate_code   TEXT NOT NULL REFERENCES estates(code),
  year          INTEGER NOT NULL,
  due_fen       INTEGER NOT NULL CHECK (due_fen >= 1),
  collected_fen INTEGER NOT NULL CHECK (collected_fen BETWEEN 0 AND due_fen),
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (estate_code, year)
) STRICT;

CREATE TABLE penalties(
  decision_no  TEXT PRIMARY KEY,
  company_uscc TEXT NOT NULL,
  company_name TEXT NOT NULL DEFAULT '',
  decided_on   TEXT NOT NULL,
  reason       TEXT NOT NULL DEFAULT '',
  updated_at   TEXT NOT NULL
) STRICT;
CREATE INDEX penalties_by_company ON penalties(company_uscc, decided_on);
